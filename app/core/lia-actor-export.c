/* lia-actor-export.c
 *
 * GeoJSON (one feature per actor location and area, one line per
 * relationship between located actors), HXL-tagged CSV (one row per
 * actor) and GraphML (opens in Gephi and yEd).  Strictly confidential
 * actors, the relationships that touch them and strictly confidential
 * relationships are left out unless
 * LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL is passed.  So are the
 * confidential and strictly confidential contacts of the actors that do
 * leave (a contact is confidential unless the officer lowered it): a
 * phone number in a shared GIS layer can get a person killed, so it takes
 * the same confirmation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-actor.h"
#include "lia-actor-export.h"
#include "lia-actor-graph.h"
#include "lia-error.h"
#include "lia-export-private.h"
#include "lia-relationship.h"

static gboolean
is_exported (LiaRecord           *record,
             LiaActorExportFlags  flags)
{
  return (flags & LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL) ||
         lia_record_get_sensitivity (record) < LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL;
}

static gboolean
is_contact_exported (const LiaActorContact *contact,
                     LiaActorExportFlags    flags)
{
  return (flags & LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL) ||
         contact->sensitivity < LIA_SENSITIVITY_CONFIDENTIAL;
}

gboolean
lia_actor_export_format_from_string (const char           *str,
                                     LiaActorExportFormat *format)
{
  static const char * const names[] = { "geojson", "hxl", "graphml" };

  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (str, names[i]) == 0)
        {
          *format = (LiaActorExportFormat) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* “Name (channel): value; …” of the contacts that may leave. */
static char *
format_contacts (LiaActor            *actor,
                 LiaActorExportFlags  flags)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < lia_actor_get_n_contacts (actor); i++)
    {
      const LiaActorContact *contact = lia_actor_get_contact (actor, i);

      if (!is_contact_exported (contact, flags))
        continue;

      if (text->len > 0)
        g_string_append (text, "; ");
      if (contact->name != NULL)
        g_string_append (text, contact->name);
      if (contact->channel != NULL)
        g_string_append_printf (text, contact->name != NULL ? " (%s)" : "(%s)", contact->channel);
      if (contact->value != NULL)
        g_string_append_printf (text, text->len > 0 ? ": %s" : "%s", contact->value);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
add_actor_properties (JsonBuilder         *builder,
                      LiaActor            *actor,
                      LiaActorExportFlags  flags)
{
  g_autofree char *contacts = format_contacts (actor, flags);
  g_autofree char *verified = lia_date_format_iso (lia_actor_get_last_verified (actor));
  const char *arabic = lia_actor_get_localized_name (actor, "ar");

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, lia_record_get_uuid (LIA_RECORD (actor)));
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, lia_actor_get_name (actor));
  if (arabic != NULL)
    {
      json_builder_set_member_name (builder, "name_ar");
      json_builder_add_string_value (builder, arabic);
    }
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, lia_enum_to_string (LIA_TYPE_ACTOR_TYPE, lia_actor_get_actor_type (actor)));
  json_builder_set_member_name (builder, "influence");
  json_builder_add_int_value (builder, lia_actor_get_influence (actor));
  json_builder_set_member_name (builder, "engagement");
  json_builder_add_string_value (builder, lia_enum_to_string (LIA_TYPE_ENGAGEMENT, lia_actor_get_engagement (actor)));
  json_builder_set_member_name (builder, "posture");
  json_builder_add_string_value (builder, lia_enum_to_string (LIA_TYPE_ACTOR_POSTURE, lia_actor_get_posture (actor)));
  json_builder_set_member_name (builder, "sensitivity");
  json_builder_add_string_value (builder, lia_sensitivity_to_string (lia_record_get_sensitivity (LIA_RECORD (actor))));
  if (*contacts != '\0')
    {
      json_builder_set_member_name (builder, "contacts");
      json_builder_add_string_value (builder, contacts);
    }
  if (verified != NULL)
    {
      json_builder_set_member_name (builder, "last_verified");
      json_builder_add_string_value (builder, verified);
    }
  json_builder_end_object (builder);
}

static char *
export_geojson (LiaActorGraph       *graph,
                LiaActorExportFlags  flags)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);

  for (guint v = 0; v < lia_actor_graph_get_n_actors (graph); v++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (graph, v);

      for (guint i = 0; i < lia_actor_get_n_locations (actor); i++)
        {
          const LiaActorLocation *location = lia_actor_get_location (actor, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "Feature");
          json_builder_set_member_name (builder, "geometry");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "Point");
          json_builder_set_member_name (builder, "coordinates");
          lia_export_add_position (builder, location->lat, location->lon);
          json_builder_end_object (builder);
          add_actor_properties (builder, actor, flags);
          json_builder_end_object (builder);
        }

      for (guint i = 0; i < lia_actor_get_n_areas (actor); i++)
        {
          guint n_points;
          const LiaGeoPoint *ring = lia_actor_get_area (actor, i, &n_points);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "Feature");
          json_builder_set_member_name (builder, "geometry");
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, "Polygon");
          json_builder_set_member_name (builder, "coordinates");
          json_builder_begin_array (builder);
          json_builder_begin_array (builder);
          /* GeoJSON rings are closed: the first point again at the end. */
          for (guint j = 0; j <= n_points; j++)
            lia_export_add_position (builder, ring[j % n_points].lat, ring[j % n_points].lon);
          json_builder_end_array (builder);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          add_actor_properties (builder, actor, flags);
          json_builder_end_object (builder);
        }
    }

  for (guint e = 0; e < lia_actor_graph_get_n_relationships (graph); e++)
    {
      guint source, target;
      LiaRelationship *relationship = lia_actor_graph_get_relationship (graph, e, &source, &target);
      LiaActor *a = lia_actor_graph_get_actor (graph, source);
      LiaActor *b = lia_actor_graph_get_actor (graph, target);
      const LiaActorLocation *from, *to;

      if (lia_actor_get_n_locations (a) == 0 || lia_actor_get_n_locations (b) == 0)
        continue;

      from = lia_actor_get_location (a, 0);
      to = lia_actor_get_location (b, 0);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "Feature");
      json_builder_set_member_name (builder, "geometry");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, "LineString");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      lia_export_add_position (builder, from->lat, from->lon);
      lia_export_add_position (builder, to->lat, to->lon);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      json_builder_set_member_name (builder, "properties");
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "relationship");
      json_builder_add_string_value (builder, lia_enum_to_string (LIA_TYPE_RELATIONSHIP_TYPE,
                                                                  lia_relationship_get_relationship_type (relationship)));
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, lia_actor_get_name (a));
      json_builder_set_member_name (builder, "target");
      json_builder_add_string_value (builder, lia_actor_get_name (b));
      json_builder_set_member_name (builder, "weight");
      json_builder_add_double_value (builder, lia_relationship_get_weight (relationship));
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static const struct
{
  const char *heading;
  const char *hashtag;
} hxl_columns[] = {
  { "Name", "#org+name" },
  { "Name (Arabic)", "#org+name+i_ar" },
  { "Aliases", "#org+name+alt" },
  { "Type", "#org+type" },
  { "ACLED inter", "#org+type+code+acled" },
  { "Parent", "#org+parent" },
  { "Latitude", "#geo+lat" },
  { "Longitude", "#geo+lon" },
  { "Admin 1", "#adm1+name" },
  { "Contacts", "#contact" },
  { "Influence", "#x_influence" },
  { "Engagement", "#x_engagement" },
  { "Posture", "#x_posture" },
  { "Confidence", "#x_confidence" },
  { "Last verified", "#date+verified" },
  { "Source", "#meta+source" },
  { "Sensitivity", "#x_sensitivity" },
  { "UUID", "#org+id" },
};

static char *
export_hxl (LiaActorGraph       *graph,
            LiaActorExportFlags  flags)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (hxl_columns); i++)
    lia_export_append_csv_field (out, hxl_columns[i].heading, i + 1 == G_N_ELEMENTS (hxl_columns));
  for (guint i = 0; i < G_N_ELEMENTS (hxl_columns); i++)
    lia_export_append_csv_field (out, hxl_columns[i].hashtag, i + 1 == G_N_ELEMENTS (hxl_columns));

  for (guint v = 0; v < lia_actor_graph_get_n_actors (graph); v++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (graph, v);
      const LiaActorLocation *location = lia_actor_get_n_locations (actor) > 0 ? lia_actor_get_location (actor, 0) : NULL;
      guint parent = lia_actor_graph_lookup (graph, lia_actor_get_parent_uuid (actor));
      g_autofree char *aliases = g_strjoinv ("; ", (char **) lia_actor_get_aliases (actor));
      g_autofree char *inter = NULL;
      g_autofree char *lat = NULL;
      g_autofree char *lon = NULL;
      g_autofree char *influence = g_strdup_printf ("%d", lia_actor_get_influence (actor));
      g_autofree char *contacts = format_contacts (actor, flags);
      g_autofree char *verified = lia_date_format_iso (lia_actor_get_last_verified (actor));
      int acled_inter = lia_actor_type_get_acled_inter (lia_actor_get_actor_type (actor));
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];
      const char *values[G_N_ELEMENTS (hxl_columns)];

      if (acled_inter != 0)
        inter = g_strdup_printf ("%d", acled_inter);
      if (location != NULL)
        {
          lat = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", location->lat));
          lon = g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g", location->lon));
        }

      values[0] = lia_actor_get_name (actor);
      values[1] = lia_actor_get_localized_name (actor, "ar");
      values[2] = aliases;
      values[3] = lia_enum_to_string (LIA_TYPE_ACTOR_TYPE, lia_actor_get_actor_type (actor));
      values[4] = inter;
      values[5] = parent != LIA_ACTOR_GRAPH_NO_NODE ? lia_actor_get_name (lia_actor_graph_get_actor (graph, parent)) : NULL;
      values[6] = lat;
      values[7] = lon;
      values[8] = location != NULL ? location->place : NULL;
      values[9] = contacts;
      values[10] = influence;
      values[11] = lia_enum_to_string (LIA_TYPE_ENGAGEMENT, lia_actor_get_engagement (actor));
      values[12] = lia_enum_to_string (LIA_TYPE_ACTOR_POSTURE, lia_actor_get_posture (actor));
      values[13] = lia_enum_to_string (LIA_TYPE_CONFIDENCE, lia_actor_get_confidence (actor));
      values[14] = verified;
      values[15] = lia_actor_get_source (actor);
      values[16] = lia_sensitivity_to_string (lia_record_get_sensitivity (LIA_RECORD (actor)));
      values[17] = lia_record_get_uuid (LIA_RECORD (actor));

      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        lia_export_append_csv_field (out, values[i], i + 1 == G_N_ELEMENTS (values));
    }

  return g_string_free (out, FALSE);
}

static void
append_data (GString    *out,
             const char *key,
             const char *value)
{
  g_autofree char *escaped = NULL;

  if (value == NULL)
    return;

  escaped = g_markup_escape_text (value, -1);
  g_string_append_printf (out, "      <data key=\"%s\">%s</data>\n", key, escaped);
}

static char *
export_graphml (LiaActorGraph *graph)
{
  GString *out = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
                               "  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
                               "  <key id=\"name_ar\" for=\"node\" attr.name=\"name_ar\" attr.type=\"string\"/>\n"
                               "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
                               "  <key id=\"influence\" for=\"node\" attr.name=\"influence\" attr.type=\"int\"/>\n"
                               "  <key id=\"engagement\" for=\"node\" attr.name=\"engagement\" attr.type=\"string\"/>\n"
                               "  <key id=\"lat\" for=\"node\" attr.name=\"lat\" attr.type=\"double\"/>\n"
                               "  <key id=\"lon\" for=\"node\" attr.name=\"lon\" attr.type=\"double\"/>\n"
                               "  <key id=\"relationship\" for=\"edge\" attr.name=\"relationship\" attr.type=\"string\"/>\n"
                               "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
                               "  <graph id=\"actors\" edgedefault=\"directed\">\n");

  for (guint v = 0; v < lia_actor_graph_get_n_actors (graph); v++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (graph, v);
      g_autofree char *influence = g_strdup_printf ("%d", lia_actor_get_influence (actor));
      char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "    <node id=\"%s\">\n", lia_record_get_uuid (LIA_RECORD (actor)));
      append_data (out, "label", lia_actor_get_name (actor));
      append_data (out, "name_ar", lia_actor_get_localized_name (actor, "ar"));
      append_data (out, "type", lia_enum_to_string (LIA_TYPE_ACTOR_TYPE, lia_actor_get_actor_type (actor)));
      append_data (out, "influence", influence);
      append_data (out, "engagement", lia_enum_to_string (LIA_TYPE_ENGAGEMENT, lia_actor_get_engagement (actor)));
      if (lia_actor_get_n_locations (actor) > 0)
        {
          append_data (out, "lat", g_ascii_formatd (lat, sizeof lat, "%.15g", lia_actor_get_location (actor, 0)->lat));
          append_data (out, "lon", g_ascii_formatd (lon, sizeof lon, "%.15g", lia_actor_get_location (actor, 0)->lon));
        }
      g_string_append (out, "    </node>\n");
    }

  for (guint e = 0; e < lia_actor_graph_get_n_relationships (graph); e++)
    {
      guint source, target;
      LiaRelationship *relationship = lia_actor_graph_get_relationship (graph, e, &source, &target);
      char weight[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append_printf (out, "    <edge id=\"%s\" source=\"%s\" target=\"%s\">\n",
                              lia_record_get_uuid (LIA_RECORD (relationship)),
                              lia_record_get_uuid (LIA_RECORD (lia_actor_graph_get_actor (graph, source))),
                              lia_record_get_uuid (LIA_RECORD (lia_actor_graph_get_actor (graph, target))));
      append_data (out, "relationship", lia_enum_to_string (LIA_TYPE_RELATIONSHIP_TYPE,
                                                            lia_relationship_get_relationship_type (relationship)));
      append_data (out, "weight", g_ascii_formatd (weight, sizeof weight, "%.15g", lia_relationship_get_weight (relationship)));
      g_string_append (out, "    </edge>\n");
    }

  g_string_append (out, "  </graph>\n</graphml>\n");
  return g_string_free (out, FALSE);
}

/* The actors and relationships that may leave the device. */
static LiaActorGraph *
exportable_graph (LiaStore             *store,
                  const char           *operation,
                  LiaActorExportFlags   flags,
                  GError              **error)
{
  g_autoptr(LiaActorGraph) all = lia_actor_graph_new_from_store (store, operation, NULL, error);
  g_autoptr(LiaActorGraph) graph = NULL;

  if (all == NULL)
    return NULL;

  graph = lia_actor_graph_new ();
  for (guint v = 0; v < lia_actor_graph_get_n_actors (all); v++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (all, v);

      if (is_exported (LIA_RECORD (actor), flags))
        lia_actor_graph_add_actor (graph, actor);
    }

  /* Relationships to an actor left out fall away here too. */
  for (guint e = 0; e < lia_actor_graph_get_n_relationships (all); e++)
    {
      LiaRelationship *relationship = lia_actor_graph_get_relationship (all, e, NULL, NULL);

      if (is_exported (LIA_RECORD (relationship), flags))
        lia_actor_graph_add_relationship (graph, relationship);
    }

  return g_steal_pointer (&graph);
}

/**
 * lia_actor_export_count_left_out:
 * @operation: (nullable): only this operation's map
 * @n_records: (out) (optional): actors and relationships an export
 *   without %LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL leaves out
 * @n_contacts: (out) (optional): contacts of the actors that do leave,
 *   left out as confidential or strictly confidential
 *
 * What the officer is asked to confirm before an export, and what the
 * export says it left out.
 */
gboolean
lia_actor_export_count_left_out (LiaStore    *store,
                                 const char  *operation,
                                 guint       *n_records,
                                 guint       *n_contacts,
                                 GError     **error)
{
  g_autoptr(LiaActorGraph) all = NULL;
  g_autoptr(LiaActorGraph) kept = NULL;
  guint contacts = 0;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);

  if (!(all = lia_actor_graph_new_from_store (store, operation, NULL, error)) ||
      !(kept = exportable_graph (store, operation, LIA_ACTOR_EXPORT_FLAGS_NONE, error)))
    return FALSE;

  for (guint v = 0; v < lia_actor_graph_get_n_actors (kept); v++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (kept, v);

      for (guint i = 0; i < lia_actor_get_n_contacts (actor); i++)
        if (!is_contact_exported (lia_actor_get_contact (actor, i), LIA_ACTOR_EXPORT_FLAGS_NONE))
          contacts++;
    }

  if (n_records != NULL)
    *n_records = (lia_actor_graph_get_n_actors (all) - lia_actor_graph_get_n_actors (kept)) +
                 (lia_actor_graph_get_n_relationships (all) - lia_actor_graph_get_n_relationships (kept));
  if (n_contacts != NULL)
    *n_contacts = contacts;

  return TRUE;
}

/**
 * lia_actor_export_to_string:
 * @operation: (nullable): only this operation's map
 *
 * Returns: (transfer full): the export, UTF-8
 */
char *
lia_actor_export_to_string (LiaStore              *store,
                            const char            *operation,
                            LiaActorExportFormat   format,
                            LiaActorExportFlags    flags,
                            GError               **error)
{
  g_autoptr(LiaActorGraph) graph = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  if (!(graph = exportable_graph (store, operation, flags, error)))
    return NULL;

  switch (format)
    {
    case LIA_ACTOR_EXPORT_GEOJSON:
      return export_geojson (graph, flags);
    case LIA_ACTOR_EXPORT_HXL:
      return export_hxl (graph, flags);
    case LIA_ACTOR_EXPORT_GRAPHML:
      return export_graphml (graph);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
lia_actor_export_to_file (LiaStore              *store,
                          const char            *operation,
                          LiaActorExportFormat   format,
                          LiaActorExportFlags    flags,
                          const char            *path,
                          GError               **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!(text = lia_actor_export_to_string (store, operation, format, flags, error)))
    return FALSE;

  return lia_export_save (path, text, strlen (text), error);
}
