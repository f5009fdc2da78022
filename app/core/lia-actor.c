/* lia-actor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "lia-actor.h"
#include "lia-error.h"
#include "lia-text-normalize.h"

struct _LiaActor
{
  LiaRecord        parent_instance;

  char            *name;
  char           **aliases;
  GHashTable      *localized_names;   /* language code → name */
  LiaActorType     type;
  char            *parent_uuid;
  GArray          *locations;         /* LiaActorLocation */
  GPtrArray       *areas;             /* GArray of LiaGeoPoint, one ring each */
  GPtrArray       *contacts;          /* LiaActorContact */
  LiaActorPosture  posture;
  LiaEngagement    engagement;
  char            *ihl_notes;
  char            *goals;
  int              influence;
  char            *source;
  LiaConfidence    confidence;
  GDate            last_verified;
};

G_DEFINE_FINAL_TYPE (LiaActor, lia_actor, LIA_TYPE_RECORD)

/* What a list row or a graph node shows and binds to. */
enum {
  PROP_0,
  PROP_NAME,
  PROP_ACTOR_TYPE,
  PROP_INFLUENCE,
  PROP_ENGAGEMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
location_clear (gpointer data)
{
  LiaActorLocation *location = data;

  g_clear_pointer (&location->place, g_free);
}

static void
contact_free (gpointer data)
{
  LiaActorContact *contact = data;

  g_free (contact->name);
  g_free (contact->channel);
  g_free (contact->value);
  g_free (contact);
}

static gboolean
set_str (char       **slot,
         const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

/* Empty text from a form or a CSV cell means “not set”. */
static const char *
nonempty (const char *str)
{
  return str != NULL && *str != '\0' ? str : NULL;
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_point (JsonBuilder *builder,
           double       lat,
           double       lon)
{
  json_builder_set_member_name (builder, "lat");
  json_builder_add_double_value (builder, lat);
  json_builder_set_member_name (builder, "lon");
  json_builder_add_double_value (builder, lon);
}

static void
lia_actor_serialize (LiaRecord   *record,
                     JsonBuilder *builder)
{
  LiaActor *self = LIA_ACTOR (record);
  g_autofree char *last_verified = lia_date_format_iso (&self->last_verified);
  g_auto(GStrv) languages = lia_actor_dup_languages (self);

  add_string_member (builder, "name", self->name);

  json_builder_set_member_name (builder, "aliases");
  json_builder_begin_array (builder);
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    json_builder_add_string_value (builder, self->aliases[i]);
  json_builder_end_array (builder);

  /* Sorted, so that the same actor always serialises the same way. */
  json_builder_set_member_name (builder, "names");
  json_builder_begin_object (builder);
  for (guint i = 0; languages[i] != NULL; i++)
    add_string_member (builder, languages[i],
                       g_hash_table_lookup (self->localized_names, languages[i]));
  json_builder_end_object (builder);

  add_string_member (builder, "type", lia_enum_to_string (LIA_TYPE_ACTOR_TYPE, self->type));
  add_string_member (builder, "parent", self->parent_uuid);

  json_builder_set_member_name (builder, "locations");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->locations->len; i++)
    {
      const LiaActorLocation *location = &g_array_index (self->locations, LiaActorLocation, i);

      json_builder_begin_object (builder);
      add_point (builder, location->lat, location->lon);
      add_string_member (builder, "place", location->place);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "areas");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->areas->len; i++)
    {
      GArray *ring = g_ptr_array_index (self->areas, i);

      json_builder_begin_array (builder);
      for (guint j = 0; j < ring->len; j++)
        {
          const LiaGeoPoint *point = &g_array_index (ring, LiaGeoPoint, j);

          json_builder_begin_object (builder);
          add_point (builder, point->lat, point->lon);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->contacts->len; i++)
    {
      const LiaActorContact *contact = g_ptr_array_index (self->contacts, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", contact->name);
      add_string_member (builder, "channel", contact->channel);
      add_string_member (builder, "value", contact->value);
      add_string_member (builder, "sensitivity", lia_sensitivity_to_string (contact->sensitivity));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_string_member (builder, "posture", lia_enum_to_string (LIA_TYPE_ACTOR_POSTURE, self->posture));
  add_string_member (builder, "engagement", lia_enum_to_string (LIA_TYPE_ENGAGEMENT, self->engagement));
  add_string_member (builder, "ihl_notes", self->ihl_notes);
  add_string_member (builder, "goals", self->goals);
  json_builder_set_member_name (builder, "influence");
  json_builder_add_int_value (builder, self->influence);
  add_string_member (builder, "source", self->source);
  add_string_member (builder, "confidence", lia_enum_to_string (LIA_TYPE_CONFIDENCE, self->confidence));
  add_string_member (builder, "last_verified", last_verified);
}

/* A value written by a newer Liaison falls back to @fallback instead of
 * making the whole record unreadable. */
static int
get_enum_member (JsonObject *body,
                 const char *member,
                 GType       enum_type,
                 int         fallback)
{
  int value;

  if (lia_enum_from_string (enum_type,
                            json_object_get_string_member_with_default (body, member, NULL),
                            &value))
    return value;

  return fallback;
}

static JsonArray *
get_array_member (JsonObject *object,
                  const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
get_point (JsonNode   *node,
           double     *lat,
           double     *lon,
           GError    **error)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      !json_object_has_member ((object = json_node_get_object (node)), "lat") ||
      !json_object_has_member (object, "lon"))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("A stored actor has a location without latitude or longitude."));
      return FALSE;
    }

  *lat = json_object_get_double_member (object, "lat");
  *lon = json_object_get_double_member (object, "lon");
  return TRUE;
}

static gboolean
lia_actor_deserialize (LiaRecord   *record,
                       JsonObject  *body,
                       GError     **error)
{
  LiaActor *self = LIA_ACTOR (record);
  JsonArray *array;
  JsonNode *node;
  GDate date;

  lia_actor_set_name (self, json_object_get_string_member_with_default (body, "name", NULL));

  g_clear_pointer (&self->aliases, g_strfreev);
  if ((array = get_array_member (body, "aliases")) != NULL)
    {
      g_autoptr(GStrvBuilder) aliases = g_strv_builder_new ();

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *alias = json_node_get_string (json_array_get_element (array, i));

          if (alias != NULL)
            g_strv_builder_add (aliases, alias);
        }
      self->aliases = g_strv_builder_end (aliases);
    }

  g_hash_table_remove_all (self->localized_names);
  node = json_object_get_member (body, "names");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *names = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (names);

      for (const GList *l = members; l != NULL; l = l->next)
        lia_actor_set_localized_name (self, l->data,
                                      json_object_get_string_member_with_default (names, l->data, NULL));
    }

  lia_actor_set_actor_type (self, get_enum_member (body, "type", LIA_TYPE_ACTOR_TYPE, LIA_ACTOR_TYPE_OTHER));
  lia_actor_set_parent_uuid (self, json_object_get_string_member_with_default (body, "parent", NULL));

  lia_actor_clear_locations (self);
  if ((array = get_array_member (body, "locations")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          double lat, lon;

          if (!get_point (element, &lat, &lon, error))
            return FALSE;

          lia_actor_add_location (self, lat, lon,
                                  json_object_get_string_member_with_default (json_node_get_object (element),
                                                                              "place", NULL));
        }
    }

  g_ptr_array_set_size (self->areas, 0);
  if ((array = get_array_member (body, "areas")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          g_autoptr(GArray) ring = g_array_new (FALSE, FALSE, sizeof (LiaGeoPoint));
          JsonArray *points;

          if (!JSON_NODE_HOLDS_ARRAY (element))
            continue;

          points = json_node_get_array (element);
          for (guint j = 0; j < json_array_get_length (points); j++)
            {
              LiaGeoPoint point;

              if (!get_point (json_array_get_element (points, j), &point.lat, &point.lon, error))
                return FALSE;
              g_array_append_val (ring, point);
            }
          lia_actor_add_area (self, (const LiaGeoPoint *) (gpointer) ring->data, ring->len);
        }
    }

  g_ptr_array_set_size (self->contacts, 0);
  if ((array = get_array_member (body, "contacts")) != NULL)
    {
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          LiaActorContact *contact;
          JsonObject *object;
          LiaSensitivity sensitivity;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;

          object = json_node_get_object (element);
          contact = g_new0 (LiaActorContact, 1);
          contact->name = g_strdup (json_object_get_string_member_with_default (object, "name", NULL));
          contact->channel = g_strdup (json_object_get_string_member_with_default (object, "channel", NULL));
          contact->value = g_strdup (json_object_get_string_member_with_default (object, "value", NULL));
          /* Unknown or missing: the safe side, as for a new contact. */
          if (!lia_sensitivity_from_string (json_object_get_string_member_with_default (object, "sensitivity", NULL),
                                            &sensitivity))
            sensitivity = LIA_SENSITIVITY_CONFIDENTIAL;
          contact->sensitivity = sensitivity;
          g_ptr_array_add (self->contacts, contact);
        }
    }

  self->posture = get_enum_member (body, "posture", LIA_TYPE_ACTOR_POSTURE, LIA_ACTOR_POSTURE_UNKNOWN);
  lia_actor_set_engagement (self, get_enum_member (body, "engagement", LIA_TYPE_ENGAGEMENT, LIA_ENGAGEMENT_NO_CONTACT));
  lia_actor_set_ihl_notes (self, json_object_get_string_member_with_default (body, "ihl_notes", NULL));
  lia_actor_set_goals (self, json_object_get_string_member_with_default (body, "goals", NULL));
  lia_actor_set_influence (self, json_object_get_int_member_with_default (body, "influence", 0));
  lia_actor_set_source (self, json_object_get_string_member_with_default (body, "source", NULL));
  self->confidence = get_enum_member (body, "confidence", LIA_TYPE_CONFIDENCE, LIA_CONFIDENCE_MEDIUM);

  g_date_clear (&self->last_verified, 1);
  if (lia_date_parse_iso (json_object_get_string_member_with_default (body, "last_verified", NULL), &date))
    self->last_verified = date;

  return TRUE;
}

static void
lia_actor_finalize (GObject *object)
{
  LiaActor *self = (LiaActor *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->aliases, g_strfreev);
  g_clear_pointer (&self->localized_names, g_hash_table_unref);
  g_clear_pointer (&self->parent_uuid, g_free);
  g_clear_pointer (&self->locations, g_array_unref);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->contacts, g_ptr_array_unref);
  g_clear_pointer (&self->ihl_notes, g_free);
  g_clear_pointer (&self->goals, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (lia_actor_parent_class)->finalize (object);
}

static void
lia_actor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LiaActor *self = LIA_ACTOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_ACTOR_TYPE:
      g_value_set_enum (value, self->type);
      break;

    case PROP_INFLUENCE:
      g_value_set_int (value, self->influence);
      break;

    case PROP_ENGAGEMENT:
      g_value_set_enum (value, self->engagement);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_actor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  LiaActor *self = LIA_ACTOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      lia_actor_set_name (self, g_value_get_string (value));
      break;

    case PROP_ACTOR_TYPE:
      lia_actor_set_actor_type (self, g_value_get_enum (value));
      break;

    case PROP_INFLUENCE:
      lia_actor_set_influence (self, g_value_get_int (value));
      break;

    case PROP_ENGAGEMENT:
      lia_actor_set_engagement (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_actor_class_init (LiaActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_actor_finalize;
  object_class->get_property = lia_actor_get_property;
  object_class->set_property = lia_actor_set_property;

  record_class->record_type = "actor";
  record_class->serialize = lia_actor_serialize;
  record_class->deserialize = lia_actor_deserialize;

  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ACTOR_TYPE] =
    g_param_spec_enum ("actor-type", NULL, NULL,
                       LIA_TYPE_ACTOR_TYPE, LIA_ACTOR_TYPE_OTHER,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  /* Out-of-range values are kept so that validation can name them. */
  properties[PROP_INFLUENCE] =
    g_param_spec_int ("influence", NULL, NULL, G_MININT, G_MAXINT, 0,
                      (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_ENGAGEMENT] =
    g_param_spec_enum ("engagement", NULL, NULL,
                       LIA_TYPE_ENGAGEMENT, LIA_ENGAGEMENT_NO_CONTACT,
                       (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_actor_init (LiaActor *self)
{
  self->localized_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->type = LIA_ACTOR_TYPE_OTHER;
  self->locations = g_array_new (FALSE, FALSE, sizeof (LiaActorLocation));
  g_array_set_clear_func (self->locations, location_clear);
  self->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  self->contacts = g_ptr_array_new_with_free_func (contact_free);
  self->confidence = LIA_CONFIDENCE_MEDIUM;
  g_date_clear (&self->last_verified, 1);
}

LiaActor *
lia_actor_new (const char   *operation,
               const char   *name,
               LiaActorType  type)
{
  return g_object_new (LIA_TYPE_ACTOR,
                       "operation", operation,
                       "name", name,
                       "actor-type", type,
                       NULL);
}

const char *
lia_actor_get_name (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return self->name;
}

void
lia_actor_set_name (LiaActor   *self,
                    const char *name)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  if (set_str (&self->name, name))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Returns: (array zero-terminated=1) (transfer none): never NULL */
const char * const *
lia_actor_get_aliases (LiaActor *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return self->aliases != NULL ? (const char * const *) self->aliases : none;
}

void
lia_actor_set_aliases (LiaActor           *self,
                       const char * const *aliases)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  g_clear_pointer (&self->aliases, g_strfreev);
  self->aliases = g_strdupv ((char **) aliases);
}

/* The name in language @lang (“ar”, “fr”…), or NULL if none was given. */
const char *
lia_actor_get_localized_name (LiaActor   *self,
                              const char *lang)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);
  g_return_val_if_fail (lang != NULL, NULL);

  return g_hash_table_lookup (self->localized_names, lang);
}

/* An empty or NULL @name removes the name in @lang. */
void
lia_actor_set_localized_name (LiaActor   *self,
                              const char *lang,
                              const char *name)
{
  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (lang != NULL);

  if (nonempty (name) != NULL)
    g_hash_table_insert (self->localized_names, g_strdup (lang), g_strdup (name));
  else
    g_hash_table_remove (self->localized_names, lang);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Returns: (transfer full): the languages with a name, sorted */
GStrv
lia_actor_dup_languages (LiaActor *self)
{
  g_autofree const char **keys = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n_keys;

  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  keys = (const char **) g_hash_table_get_keys_as_array (self->localized_names, &n_keys);
  g_qsort_with_data (keys, n_keys, sizeof (char *), compare_strings, NULL);
  for (guint i = 0; i < n_keys; i++)
    g_strv_builder_add (builder, keys[i]);

  return g_strv_builder_end (builder);
}

/* The name to show a reader of @lang: the name in that language if there
 * is one, otherwise the primary name. */
const char *
lia_actor_get_display_name (LiaActor   *self,
                            const char *lang)
{
  const char *name = NULL;

  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  if (lang != NULL)
    name = g_hash_table_lookup (self->localized_names, lang);

  return name != NULL ? name : self->name;
}

/**
 * lia_actor_normalize_name:
 *
 * The key two spellings of a name share when they differ only in case,
 * accents, punctuation, Arabic orthography or English plurals, as the
 * guidance search folds them.
 *
 * Returns: (transfer full): the key, empty if @name has no word
 */
char *
lia_actor_normalize_name (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  return lia_text_normalize_query (name, LIA_TEXT_LANGUAGE_ANY);
}

/* Returns: (transfer full): the normalised keys of every name of the actor */
GStrv
lia_actor_dup_name_keys (LiaActor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  if (self->name != NULL)
    g_ptr_array_add (names, self->name);
  for (guint i = 0; self->aliases != NULL && self->aliases[i] != NULL; i++)
    g_ptr_array_add (names, self->aliases[i]);
  g_hash_table_iter_init (&iter, self->localized_names);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (names, value);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *key = lia_actor_normalize_name (g_ptr_array_index (names, i));

      if (*key != '\0')
        g_strv_builder_add (builder, key);
    }

  return g_strv_builder_end (builder);
}

LiaActorType
lia_actor_get_actor_type (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), LIA_ACTOR_TYPE_OTHER);

  return self->type;
}

void
lia_actor_set_actor_type (LiaActor     *self,
                          LiaActorType  type)
{
  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (type <= LIA_ACTOR_TYPE_OTHER);

  if (self->type != type)
    {
      self->type = type;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR_TYPE]);
    }
}

const char *
lia_actor_get_parent_uuid (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return self->parent_uuid;
}

void
lia_actor_set_parent_uuid (LiaActor   *self,
                           const char *parent_uuid)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  set_str (&self->parent_uuid, nonempty (parent_uuid));
}

guint
lia_actor_get_n_locations (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), 0);

  return self->locations->len;
}

const LiaActorLocation *
lia_actor_get_location (LiaActor *self,
                        guint     position)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);
  g_return_val_if_fail (position < self->locations->len, NULL);

  return &g_array_index (self->locations, LiaActorLocation, position);
}

void
lia_actor_add_location (LiaActor   *self,
                        double      lat,
                        double      lon,
                        const char *place)
{
  LiaActorLocation location = { lat, lon, g_strdup (nonempty (place)) };

  g_return_if_fail (LIA_IS_ACTOR (self));

  g_array_append_val (self->locations, location);
}

void
lia_actor_clear_locations (LiaActor *self)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  g_array_set_size (self->locations, 0);
}

guint
lia_actor_get_n_areas (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), 0);

  return self->areas->len;
}

/* Returns: (array length=n_points): the outer ring of area @position,
 * without a repeated closing point */
const LiaGeoPoint *
lia_actor_get_area (LiaActor *self,
                    guint     position,
                    guint    *n_points)
{
  GArray *ring;

  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);
  g_return_val_if_fail (position < self->areas->len, NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  ring = g_ptr_array_index (self->areas, position);
  *n_points = ring->len;
  return (const LiaGeoPoint *) (gpointer) ring->data;
}

/* Adds an area of operation, a polygon given by its outer ring. */
void
lia_actor_add_area (LiaActor          *self,
                    const LiaGeoPoint *ring,
                    guint              n_points)
{
  GArray *copy;

  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (ring != NULL || n_points == 0);

  /* GeoJSON closes rings with the first point again; we keep them open. */
  if (n_points > 1 &&
      ring[0].lat == ring[n_points - 1].lat && ring[0].lon == ring[n_points - 1].lon)
    n_points--;

  copy = g_array_sized_new (FALSE, FALSE, sizeof (LiaGeoPoint), n_points);
  g_array_append_vals (copy, ring, n_points);
  g_ptr_array_add (self->areas, copy);
}

guint
lia_actor_get_n_contacts (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), 0);

  return self->contacts->len;
}

const LiaActorContact *
lia_actor_get_contact (LiaActor *self,
                       guint     position)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);
  g_return_val_if_fail (position < self->contacts->len, NULL);

  return g_ptr_array_index (self->contacts, position);
}

/**
 * lia_actor_add_contact:
 *
 * Adds a focal point or contact channel.  Contacts of armed actors are
 * confidential by default: the contact, and the actor if it was less
 * sensitive, become confidential.  A lower level can still be chosen
 * afterwards, deliberately.
 */
void
lia_actor_add_contact (LiaActor   *self,
                       const char *name,
                       const char *channel,
                       const char *value)
{
  LiaActorContact *contact;

  g_return_if_fail (LIA_IS_ACTOR (self));

  contact = g_new0 (LiaActorContact, 1);
  contact->name = g_strdup (nonempty (name));
  contact->channel = g_strdup (nonempty (channel));
  contact->value = g_strdup (nonempty (value));
  contact->sensitivity = LIA_SENSITIVITY_CONFIDENTIAL;
  g_ptr_array_add (self->contacts, contact);

  if (lia_record_get_sensitivity (LIA_RECORD (self)) < LIA_SENSITIVITY_CONFIDENTIAL)
    lia_record_set_sensitivity (LIA_RECORD (self), LIA_SENSITIVITY_CONFIDENTIAL);
}

void
lia_actor_set_contact_sensitivity (LiaActor       *self,
                                   guint           position,
                                   LiaSensitivity  sensitivity)
{
  LiaActorContact *contact;

  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (position < self->contacts->len);
  g_return_if_fail (sensitivity <= LIA_SENSITIVITY_LAST);

  contact = g_ptr_array_index (self->contacts, position);
  contact->sensitivity = sensitivity;
}

void
lia_actor_remove_contact (LiaActor *self,
                          guint     position)
{
  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (position < self->contacts->len);

  g_ptr_array_remove_index (self->contacts, position);
}

LiaActorPosture
lia_actor_get_posture (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), LIA_ACTOR_POSTURE_UNKNOWN);

  return self->posture;
}

void
lia_actor_set_posture (LiaActor        *self,
                       LiaActorPosture  posture)
{
  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (posture <= LIA_ACTOR_POSTURE_SUPPORTIVE);

  self->posture = posture;
}

LiaEngagement
lia_actor_get_engagement (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), LIA_ENGAGEMENT_NO_CONTACT);

  return self->engagement;
}

void
lia_actor_set_engagement (LiaActor      *self,
                          LiaEngagement  engagement)
{
  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (engagement <= LIA_ENGAGEMENT_REGULAR_DIALOGUE);

  if (self->engagement != engagement)
    {
      self->engagement = engagement;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGAGEMENT]);
    }
}

const char *
lia_actor_get_ihl_notes (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return self->ihl_notes;
}

void
lia_actor_set_ihl_notes (LiaActor   *self,
                         const char *notes)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  set_str (&self->ihl_notes, nonempty (notes));
}

const char *
lia_actor_get_goals (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return self->goals;
}

void
lia_actor_set_goals (LiaActor   *self,
                     const char *goals)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  set_str (&self->goals, nonempty (goals));
}

/* Net-Map's relative influence: 0 (none) to 10 (decisive). */
int
lia_actor_get_influence (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), 0);

  return self->influence;
}

void
lia_actor_set_influence (LiaActor *self,
                         int       influence)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  if (self->influence != influence)
    {
      self->influence = influence;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INFLUENCE]);
    }
}

const char *
lia_actor_get_source (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return self->source;
}

void
lia_actor_set_source (LiaActor   *self,
                      const char *source)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  set_str (&self->source, nonempty (source));
}

LiaConfidence
lia_actor_get_confidence (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), LIA_CONFIDENCE_MEDIUM);

  return self->confidence;
}

void
lia_actor_set_confidence (LiaActor      *self,
                          LiaConfidence  confidence)
{
  g_return_if_fail (LIA_IS_ACTOR (self));
  g_return_if_fail (confidence <= LIA_CONFIDENCE_HIGH);

  self->confidence = confidence;
}

/* Returns: (nullable): NULL if never verified */
const GDate *
lia_actor_get_last_verified (LiaActor *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR (self), NULL);

  return g_date_valid (&self->last_verified) ? &self->last_verified : NULL;
}

void
lia_actor_set_last_verified (LiaActor    *self,
                             const GDate *date)
{
  g_return_if_fail (LIA_IS_ACTOR (self));

  if (date != NULL && g_date_valid (date))
    self->last_verified = *date;
  else
    g_date_clear (&self->last_verified, 1);
}

static gboolean
is_blank (const char *str)
{
  for (; str != NULL && *str != '\0'; str = g_utf8_next_char (str))
    {
      if (!g_unichar_isspace (g_utf8_get_char (str)))
        return FALSE;
    }

  return TRUE;
}

static gboolean
validate_point (double      lat,
                double      lon,
                const char *what,
                GError    **error)
{
  if (!(lat >= -90.0 && lat <= 90.0))
    {
      /* Translators: the first %s names a location or an area point */
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s: latitude %g is out of range; use decimal degrees from -90 to 90."),
                   what, lat);
      return FALSE;
    }

  if (!(lon >= -180.0 && lon <= 180.0))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s: longitude %g is out of range; use decimal degrees from -180 to 180."),
                   what, lon);
      return FALSE;
    }

  /* 0°, 0° is in the Gulf of Guinea: almost always a coordinate that was
   * never filled in. */
  if (lat == 0.0 && lon == 0.0)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s is at 0, 0, which usually means the coordinates are missing; enter the real position or remove it."),
                   what);
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_actor_validate:
 *
 * Checks what a form, an import or a script could get wrong.  The message
 * says what to fix.
 */
gboolean
lia_actor_validate (LiaActor  *self,
                    GError   **error)
{
  g_autoptr(GDate) today = NULL;

  g_return_val_if_fail (LIA_IS_ACTOR (self), FALSE);

  if (is_blank (self->name))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("Give the actor a name."));
      return FALSE;
    }

  if (self->influence < 0 || self->influence > LIA_ACTOR_INFLUENCE_MAX)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("Influence %d is out of range; use 0 (none) to 10 (decisive)."),
                   self->influence);
      return FALSE;
    }

  if (g_strcmp0 (self->parent_uuid, lia_record_get_uuid (LIA_RECORD (self))) == 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("An actor cannot be its own parent; choose another actor or none."));
      return FALSE;
    }

  for (guint i = 0; i < self->locations->len; i++)
    {
      const LiaActorLocation *location = &g_array_index (self->locations, LiaActorLocation, i);
      /* Translators: %u counts from 1 */
      g_autofree char *what = g_strdup_printf (_("Location %u"), i + 1);

      if (!validate_point (location->lat, location->lon, what, error))
        return FALSE;
    }

  for (guint i = 0; i < self->areas->len; i++)
    {
      GArray *ring = g_ptr_array_index (self->areas, i);

      if (ring->len < 3)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("Area %u has fewer than three points; draw it again or remove it."), i + 1);
          return FALSE;
        }

      for (guint j = 0; j < ring->len; j++)
        {
          const LiaGeoPoint *point = &g_array_index (ring, LiaGeoPoint, j);
          /* Translators: both %u count from 1 */
          g_autofree char *what = g_strdup_printf (_("Area %u, point %u"), i + 1, j + 1);

          if (!validate_point (point->lat, point->lon, what, error))
            return FALSE;
        }
    }

  for (guint i = 0; i < self->contacts->len; i++)
    {
      const LiaActorContact *contact = g_ptr_array_index (self->contacts, i);

      if (contact->value == NULL)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("Contact %u has no number, address or other way to reach it; fill it in or remove the contact."),
                       i + 1);
          return FALSE;
        }
    }

  today = g_date_new ();
  g_date_set_time_t (today, time (NULL));
  if (g_date_valid (&self->last_verified) && g_date_compare (&self->last_verified, today) > 0)
    {
      g_autofree char *date = lia_date_format_iso (&self->last_verified);

      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The last verified date %s is in the future; enter the day the information was checked."),
                   date);
      return FALSE;
    }

  return TRUE;
}
