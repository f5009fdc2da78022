/* lia-record-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-actor-types.h"
#include "lia-record.h"
#include "lia-record-fields-private.h"

#define SLOT(instance, spec, type) ((type *) G_STRUCT_MEMBER_P ((instance), (spec)->offset))
#define REPLACEMENT "\xef\xbf\xbd"   /* U+FFFD, where invalid UTF-8 was */

void
lia_field_set_string (char       **slot,
                      const char  *value)
{
  char *copy = value != NULL && *value != '\0' ? g_strdup (value) : NULL;

  g_free (*slot);
  *slot = copy;
}

void
lia_field_set_time (GDateTime **slot,
                    GDateTime  *value)
{
  GDateTime *utc = value != NULL ? g_date_time_to_utc (value) : NULL;

  g_clear_pointer (slot, g_date_time_unref);
  *slot = utc;
}

static void
clear_point (gpointer data)
{
  lia_notify_point_clear (data);
}

void
lia_fields_init (gpointer            instance,
                 const LiaFieldSpec *specs,
                 guint               n_specs)
{
  for (guint i = 0; i < n_specs; i++)
    {
      const LiaFieldSpec *spec = &specs[i];

      switch (spec->kind)
        {
        case LIA_FIELD_DOUBLE:
          *SLOT (instance, spec, double) = NAN;
          break;
        case LIA_FIELD_POINT:
          SLOT (instance, spec, LiaNotifyPoint)->lat = NAN;
          SLOT (instance, spec, LiaNotifyPoint)->lon = NAN;
          break;
        case LIA_FIELD_POINTS:
          *SLOT (instance, spec, GArray *) = g_array_new (FALSE, TRUE, sizeof (LiaNotifyPoint));
          g_array_set_clear_func (*SLOT (instance, spec, GArray *), clear_point);
          break;
        case LIA_FIELD_STRING:
        case LIA_FIELD_INT:
        case LIA_FIELD_BOOL:
        case LIA_FIELD_TIME:
        case LIA_FIELD_ENUM:
        case LIA_FIELD_STRV:
        default:
          break;
        }
    }
}

void
lia_fields_clear (gpointer            instance,
                  const LiaFieldSpec *specs,
                  guint               n_specs)
{
  for (guint i = 0; i < n_specs; i++)
    {
      const LiaFieldSpec *spec = &specs[i];

      switch (spec->kind)
        {
        case LIA_FIELD_STRING:
          g_clear_pointer (SLOT (instance, spec, char *), g_free);
          break;
        case LIA_FIELD_TIME:
          g_clear_pointer (SLOT (instance, spec, GDateTime *), g_date_time_unref);
          break;
        case LIA_FIELD_POINT:
          lia_notify_point_clear (SLOT (instance, spec, LiaNotifyPoint));
          break;
        case LIA_FIELD_POINTS:
          g_clear_pointer (SLOT (instance, spec, GArray *), g_array_unref);
          break;
        case LIA_FIELD_STRV:
          g_clear_pointer (SLOT (instance, spec, char **), g_strfreev);
          break;
        case LIA_FIELD_INT:
        case LIA_FIELD_DOUBLE:
        case LIA_FIELD_BOOL:
        case LIA_FIELD_ENUM:
        default:
          break;
        }
    }
}

/* Returns: (transfer none): the object that holds the last part of @path,
 * created on the way; *leaf points at that part. */
static JsonObject *
container_for (JsonObject  *root,
               const char  *path,
               const char **leaf)
{
  const char *dot;
  JsonObject *object = root;
  const char *start = path;

  while ((dot = strchr (start, '.')) != NULL)
    {
      g_autofree char *name = g_strndup (start, dot - start);

      if (!json_object_has_member (object, name))
        json_object_set_object_member (object, name, json_object_new ());
      object = json_object_get_object_member (object, name);
      start = dot + 1;
    }

  *leaf = start;
  return object;
}

static JsonObject *
point_to_object (const LiaNotifyPoint *point)
{
  JsonObject *object = json_object_new ();

  if (point->name != NULL)
    json_object_set_string_member (object, "name", point->name);
  json_object_set_double_member (object, "lat", point->lat);
  json_object_set_double_member (object, "lon", point->lon);

  return object;
}

void
lia_fields_serialize (gpointer            instance,
                      const LiaFieldSpec *specs,
                      guint               n_specs,
                      JsonBuilder        *builder)
{
  g_autoptr(JsonObject) root = json_object_new ();
  GList *members;

  for (guint i = 0; i < n_specs; i++)
    {
      const LiaFieldSpec *spec = &specs[i];
      const char *leaf;
      JsonObject *object = container_for (root, spec->path, &leaf);

      switch (spec->kind)
        {
        case LIA_FIELD_STRING:
          if (*SLOT (instance, spec, char *) != NULL)
            json_object_set_string_member (object, leaf, *SLOT (instance, spec, char *));
          break;
        case LIA_FIELD_INT:
          json_object_set_int_member (object, leaf, *SLOT (instance, spec, int));
          break;
        case LIA_FIELD_DOUBLE:
          if (!isnan (*SLOT (instance, spec, double)))
            json_object_set_double_member (object, leaf, *SLOT (instance, spec, double));
          break;
        case LIA_FIELD_BOOL:
          json_object_set_boolean_member (object, leaf, *SLOT (instance, spec, gboolean));
          break;
        case LIA_FIELD_TIME:
          if (*SLOT (instance, spec, GDateTime *) != NULL)
            {
              g_autofree char *text = lia_notify_time_format_utc (*SLOT (instance, spec, GDateTime *));

              json_object_set_string_member (object, leaf, text);
            }
          break;
        case LIA_FIELD_ENUM:
          json_object_set_string_member (object, leaf,
                                         lia_enum_to_string (spec->enum_type (), *SLOT (instance, spec, int)));
          break;
        case LIA_FIELD_POINT:
          if (!isnan (SLOT (instance, spec, LiaNotifyPoint)->lat))
            json_object_set_object_member (object, leaf, point_to_object (SLOT (instance, spec, LiaNotifyPoint)));
          break;
        case LIA_FIELD_POINTS:
          {
            GArray *points = *SLOT (instance, spec, GArray *);
            JsonArray *array = json_array_new ();

            for (guint p = 0; p < points->len; p++)
              json_array_add_object_element (array, point_to_object (&g_array_index (points, LiaNotifyPoint, p)));
            json_object_set_array_member (object, leaf, array);
          }
          break;
        case LIA_FIELD_STRV:
          {
            char **strv = *SLOT (instance, spec, char **);
            JsonArray *array = json_array_new ();

            for (guint s = 0; strv != NULL && strv[s] != NULL; s++)
              json_array_add_string_element (array, strv[s]);
            json_object_set_array_member (object, leaf, array);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  /* The builder is open on the body object: hand it the tree's members,
   * in the table's order, so that a person reads the fields in order. */
  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (root, l->data)));
    }
  g_list_free (members);
}

typedef struct
{
  GPtrArray *issues;     /* NULL: lenient */
  gboolean   repaired;
} Reader;

static void
wrong (Reader     *reader,
       const char *field,
       const char *message)
{
  if (reader->issues != NULL)
    lia_validation_add (reader->issues, LIA_VALIDATION_ERROR, field, NULL, "%s", message);
}

/* Returns: (nullable): the string in @node, NULL for null; an issue if
 * @node is something else or held invalid UTF-8. */
static const char *
read_string (Reader     *reader,
             const char *field,
             JsonNode   *node,
             gboolean   *ok)
{
  const char *value;

  *ok = TRUE;
  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      wrong (reader, field, _("must be text in quotes"));
      *ok = FALSE;
      return NULL;
    }

  value = json_node_get_string (node);
  if (reader->repaired && strstr (value, REPLACEMENT) != NULL)
    {
      wrong (reader, field, _("contains bytes that are not UTF-8 text; save the file as UTF-8"));
      *ok = FALSE;
      return NULL;
    }

  return value;
}

static gboolean
read_number (Reader     *reader,
             const char *field,
             JsonNode   *node,
             double     *value)
{
  if (JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_DOUBLE || json_node_get_value_type (node) == G_TYPE_INT64))
    {
      *value = json_node_get_double (node);
      return TRUE;
    }

  wrong (reader, field, _("must be a number, such as 12.345 (no quotes)"));
  return FALSE;
}

static gboolean
read_point (Reader         *reader,
            const char     *field,
            JsonNode       *node,
            LiaNotifyPoint *point)
{
  g_autofree char *lat_field = g_strconcat (field, ".lat", NULL);
  g_autofree char *lon_field = g_strconcat (field, ".lon", NULL);
  g_autofree char *name_field = g_strconcat (field, ".name", NULL);
  JsonObject *object;
  JsonNode *member;
  gboolean ok = TRUE;

  lia_notify_point_clear (point);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      wrong (reader, field, _("must be an object with “lat” and “lon” in decimal degrees"));
      return FALSE;
    }

  object = json_node_get_object (node);

  if ((member = json_object_get_member (object, "name")) != NULL)
    {
      gboolean name_ok;
      const char *name = read_string (reader, name_field, member, &name_ok);

      point->name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
      ok &= name_ok;
    }

  if ((member = json_object_get_member (object, "lat")) == NULL)
    {
      wrong (reader, lat_field, _("is required: the latitude in decimal degrees (WGS84)"));
      ok = FALSE;
    }
  else
    ok &= read_number (reader, lat_field, member, &point->lat);

  if ((member = json_object_get_member (object, "lon")) == NULL)
    {
      wrong (reader, lon_field, _("is required: the longitude in decimal degrees (WGS84)"));
      ok = FALSE;
    }
  else
    ok &= read_number (reader, lon_field, member, &point->lon);

  /* Half a point is no point: a form shows both entries empty. */
  if (isnan (point->lat) || isnan (point->lon))
    {
      point->lat = NAN;
      point->lon = NAN;
    }

  return ok;
}

static char *
enum_choices (GType enum_type)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (text, i > 0 ? ", %s" : "%s", klass->values[i].value_nick);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Returns: (nullable): the node at @path, or NULL if some part is missing
 * or (an issue) not an object. */
static JsonNode *
lookup (Reader     *reader,
        JsonObject *body,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonObject *object = body;
  JsonNode *node = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      node = json_object_get_member (object, parts[i]);
      if (node == NULL || parts[i + 1] == NULL)
        break;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_autofree char *prefix = g_strndup (path, strstr (path, parts[i]) - path + strlen (parts[i]));

          /* Report a wrong container once, not once per member. */
          if (reader->issues != NULL && lia_validation_find (reader->issues, prefix) == NULL)
            wrong (reader, prefix, _("must be an object, as in the template"));
          return NULL;
        }
      object = json_node_get_object (node);
    }

  return node;
}

static void
read_field (Reader             *reader,
            gpointer            instance,
            const LiaFieldSpec *spec,
            JsonNode           *node)
{
  const char *field = spec->path;
  gboolean ok;

  switch (spec->kind)
    {
    case LIA_FIELD_STRING:
      {
        const char *value = read_string (reader, field, node, &ok);

        lia_field_set_string (SLOT (instance, spec, char *), value);
      }
      break;

    case LIA_FIELD_INT:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (node);

          /* Out of range values are kept (clamped to int) so that the
           * check names them. */
          *SLOT (instance, spec, int) = (int) CLAMP (value, G_MININT, G_MAXINT);
        }
      else
        wrong (reader, field, _("must be a whole number (no quotes)"));
      break;

    case LIA_FIELD_DOUBLE:
      {
        double value;

        if (read_number (reader, field, node, &value))
          *SLOT (instance, spec, double) = value;
      }
      break;

    case LIA_FIELD_BOOL:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        *SLOT (instance, spec, gboolean) = json_node_get_boolean (node);
      else
        wrong (reader, field, _("must be true or false (no quotes)"));
      break;

    case LIA_FIELD_TIME:
      {
        const char *text = read_string (reader, field, node, &ok);
        g_autoptr(GDateTime) time = lia_notify_time_parse (text, NULL);

        if (ok && text != NULL && time == NULL)
          wrong (reader, field, _("is not a date and time; write it as ISO 8601 with its offset, such as 2026-11-30T08:00:00+03:00"));
        lia_field_set_time (SLOT (instance, spec, GDateTime *), time);
      }
      break;

    case LIA_FIELD_ENUM:
      {
        const char *text = read_string (reader, field, node, &ok);
        int value;

        if (text != NULL && lia_enum_from_string (spec->enum_type (), text, &value))
          *SLOT (instance, spec, int) = value;
        else if (ok && reader->issues != NULL)
          {
            g_autofree char *choices = enum_choices (spec->enum_type ());

            /* Translators: %s is a list of values, such as “office, warehouse, health” */
            lia_validation_add (reader->issues, LIA_VALIDATION_ERROR, field, NULL,
                                _("must be one of: %s"), choices);
          }
      }
      break;

    case LIA_FIELD_POINT:
      read_point (reader, field, node, SLOT (instance, spec, LiaNotifyPoint));
      break;

    case LIA_FIELD_POINTS:
      {
        GArray *points = *SLOT (instance, spec, GArray *);

        g_array_set_size (points, 0);
        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            if (!JSON_NODE_HOLDS_NULL (node))
              wrong (reader, field, _("must be a list of points, each with “lat” and “lon”"));
            break;
          }

        for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
          {
            g_autofree char *item = g_strdup_printf ("%s[%u]", field, i);
            LiaNotifyPoint point = { NULL, NAN, NAN };

            if (read_point (reader, item, json_array_get_element (json_node_get_array (node), i), &point))
              g_array_append_val (points, point);
            else
              lia_notify_point_clear (&point);
          }
      }
      break;

    case LIA_FIELD_STRV:
      {
        g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);

        g_clear_pointer (SLOT (instance, spec, char **), g_strfreev);
        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            if (!JSON_NODE_HOLDS_NULL (node))
              wrong (reader, field, _("must be a list of texts in quotes"));
            break;
          }

        for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
          {
            g_autofree char *item = g_strdup_printf ("%s[%u]", field, i);
            const char *value = read_string (reader, item, json_array_get_element (json_node_get_array (node), i), &ok);

            if (value != NULL && *value != '\0')
              g_ptr_array_add (strings, g_strdup (value));
          }
        g_ptr_array_add (strings, NULL);
        *SLOT (instance, spec, char **) = (char **) g_ptr_array_steal (strings, NULL);
      }
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_known_member (const LiaFieldSpec *specs,
                 guint               n_specs,
                 const char         *name)
{
  gsize length = strlen (name);

  if (g_str_equal (name, "sensitivity"))
    return TRUE;

  for (guint i = 0; i < n_specs; i++)
    if (strncmp (specs[i].path, name, length) == 0 &&
        (specs[i].path[length] == '\0' || specs[i].path[length] == '.'))
      return TRUE;

  return FALSE;
}

void
lia_fields_read (gpointer            instance,
                 const LiaFieldSpec *specs,
                 guint               n_specs,
                 JsonObject         *body,
                 gboolean            repaired_utf8,
                 GPtrArray          *issues)
{
  Reader reader = { issues, repaired_utf8 };

  for (guint i = 0; i < n_specs; i++)
    {
      JsonNode *node = lookup (&reader, body, specs[i].path);

      if (node != NULL && !(JSON_NODE_HOLDS_NULL (node) &&
                            specs[i].kind != LIA_FIELD_STRING && specs[i].kind != LIA_FIELD_TIME))
        read_field (&reader, instance, &specs[i], node);
      else if (issues != NULL && specs[i].required &&
               (specs[i].kind == LIA_FIELD_ENUM || specs[i].kind == LIA_FIELD_BOOL ||
                specs[i].kind == LIA_FIELD_INT || specs[i].kind == LIA_FIELD_DOUBLE))
        lia_validation_add (issues, LIA_VALIDATION_ERROR, specs[i].path, NULL, _("is required"));
    }

  if (issues != NULL)
    {
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, body);
      while (json_object_iter_next (&iter, &member, &node))
        if (!is_known_member (specs, n_specs, member))
          lia_validation_add (issues, LIA_VALIDATION_WARNING, member, NULL,
                              _("is not a field of this record and was ignored; check its spelling against the template"));
    }
}

void
lia_fields_read_sensitivity (gpointer    record,
                             JsonObject *object,
                             GPtrArray  *issues)
{
  JsonNode *node = json_object_get_member (object, "sensitivity");
  LiaSensitivity sensitivity;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      lia_sensitivity_from_string (json_node_get_string (node), &sensitivity))
    lia_record_set_sensitivity (LIA_RECORD (record), sensitivity);
  else
    lia_validation_add (issues, LIA_VALIDATION_ERROR, "sensitivity", NULL,
                        _("must be one of: public, restricted, confidential, strictly-confidential"));
}

gboolean
lia_fields_check_coordinates (double      lat,
                              double      lon,
                              const char *field,
                              const char *guidance,
                              GPtrArray  *issues)
{
  g_autofree char *lat_field = g_strconcat (field, ".lat", NULL);
  g_autofree char *lon_field = g_strconcat (field, ".lon", NULL);
  gboolean ok = TRUE;

  if (isnan (lat) || isnan (lon))
    {
      lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                          _("is required: the point’s latitude and longitude in decimal degrees (WGS84)"));
      return FALSE;
    }

  if (!(lat >= -90.0 && lat <= 90.0))
    {
      lia_validation_add (issues, LIA_VALIDATION_ERROR, lat_field, guidance,
                          _("%.6g is out of range; a latitude lies between -90 and 90 degrees"), lat);
      ok = FALSE;
    }

  if (!(lon >= -180.0 && lon <= 180.0))
    {
      lia_validation_add (issues, LIA_VALIDATION_ERROR, lon_field, guidance,
                          _("%.6g is out of range; a longitude lies between -180 and 180 degrees"), lon);
      ok = FALSE;
    }

  if (ok && lat == 0.0 && lon == 0.0)
    {
      lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                          _("is 0, 0, which is in the open sea: the coordinates were most likely left empty"));
      ok = FALSE;
    }

  return ok;
}

static void
check_text (const char *text,
            const char *field,
            gint64      max,
            const char *guidance,
            GPtrArray  *issues)
{
  glong length;

  if (text == NULL)
    return;

  if (!g_utf8_validate (text, -1, NULL))
    {
      lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                          _("is not valid UTF-8 text"));
      return;
    }

  length = g_utf8_strlen (text, -1);
  if (max > 0 && length > max)
    lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                        _("is too long (%ld characters); keep it to %" PRId64),
                        length, max);
}

void
lia_fields_check (gpointer            instance,
                  const LiaFieldSpec *specs,
                  guint               n_specs,
                  const char         *guidance,
                  GPtrArray          *issues)
{
  for (guint i = 0; i < n_specs; i++)
    {
      const LiaFieldSpec *spec = &specs[i];
      const char *field = spec->path;

      switch (spec->kind)
        {
        case LIA_FIELD_STRING:
          {
            const char *text = *SLOT (instance, spec, char *);

            if (spec->required && (text == NULL || *text == '\0'))
              lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance, _("is required"));
            check_text (text, field, spec->max, guidance, issues);
          }
          break;

        case LIA_FIELD_INT:
          {
            int value = *SLOT (instance, spec, int);

            if (value < spec->min || value > spec->max)
              lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                                  _("%d is out of range; use %" PRId64 " to %" PRId64),
                                  value, spec->min, spec->max);
          }
          break;

        case LIA_FIELD_DOUBLE:
          {
            double value = *SLOT (instance, spec, double);

            if (spec->required && isnan (value))
              lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance, _("is required"));
            else if (!isnan (value) && (value < spec->min || value > spec->max))
              lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                                  _("%g is out of range; use %" PRId64 " to %" PRId64),
                                  value, spec->min, spec->max);
          }
          break;

        case LIA_FIELD_TIME:
          if (spec->required && *SLOT (instance, spec, GDateTime *) == NULL)
            lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                                _("is required: a date and time such as 2026-11-30T08:00:00+03:00"));
          break;

        case LIA_FIELD_POINT:
          {
            LiaNotifyPoint *point = SLOT (instance, spec, LiaNotifyPoint);
            g_autofree char *name_field = g_strconcat (field, ".name", NULL);

            if (spec->required || !isnan (point->lat))
              lia_fields_check_coordinates (point->lat, point->lon, field, guidance, issues);
            check_text (point->name, name_field, LIA_FIELD_SHORT_TEXT, guidance, issues);
          }
          break;

        case LIA_FIELD_POINTS:
          {
            GArray *points = *SLOT (instance, spec, GArray *);

            if (spec->max > 0 && points->len > spec->max)
              lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                                  _("has %u points; keep it to %" PRId64),
                                  points->len, spec->max);

            for (guint p = 0; p < points->len; p++)
              {
                LiaNotifyPoint *point = &g_array_index (points, LiaNotifyPoint, p);
                g_autofree char *item = g_strdup_printf ("%s[%u]", field, p);
                g_autofree char *name_field = g_strconcat (item, ".name", NULL);

                lia_fields_check_coordinates (point->lat, point->lon, item, guidance, issues);
                check_text (point->name, name_field, LIA_FIELD_SHORT_TEXT, guidance, issues);
              }
          }
          break;

        case LIA_FIELD_STRV:
          {
            char **strv = *SLOT (instance, spec, char **);
            guint n = strv != NULL ? g_strv_length (strv) : 0;

            if (spec->max > 0 && n > spec->max)
              lia_validation_add (issues, LIA_VALIDATION_ERROR, field, guidance,
                                  _("has %u entries; keep it to %" PRId64), n, spec->max);
            for (guint s = 0; s < n; s++)
              {
                g_autofree char *item = g_strdup_printf ("%s[%u]", field, s);

                check_text (strv[s], item, LIA_FIELD_SHORT_TEXT, guidance, issues);
              }
          }
          break;

        case LIA_FIELD_BOOL:
        case LIA_FIELD_ENUM:
        default:
          break;
        }
    }
}
