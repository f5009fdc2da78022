/* lia-acled-import.c
 *
 * Reads an ACLED event export (CSV, RFC 4180, columns found by name) and
 * turns it into actors and relationships of one operation.
 *
 * Actors: actor1 and actor2 become actors when their inter code is an
 * armed actor's (1 state forces, 2 rebel group, 3 political militia,
 * 4 identity militia, 8 external/other forces); rioters, protesters and
 * civilians (5, 6, 7) are not stakeholders to map.  Associated actors
 * (assoc_actor_1/2, several separated by “;”) become actors of type
 * “other”.  A name that matches an existing actor's name, alias or
 * translated name after normalisation (case, accents, punctuation, Arabic
 * orthography, plurals) is merged into it, never duplicated.  A new actor
 * gets the location of the first event that names it.
 *
 * Relationships, from the two-digit “interaction” code (inter1, inter2):
 *
 *   code                          relationship
 *   x0 (one actor only)           none
 *   armed vs armed (1–4, 8 each)  actor1 hostile-to actor2, or
 *                                 negotiates-with when event_type is
 *                                 “Strategic developments” and
 *                                 sub_event_type “Agreement”
 *   armed vs 5, 6 or 7            none (no actor for the other side)
 *   associated actor              assoc_actor_N allied-with actorN
 *
 * Evidence: each relationship keeps the number of events and the first
 * and last event dates; its weight grows with the events, n / (n + 2).
 * Importing again merges evidence by maximum count and widest dates, so
 * importing the same file twice changes nothing, and importing a later,
 * larger export of the same query brings the counts up to date.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-acled-import.h"
#include "lia-actor.h"
#include "lia-error.h"
#include "lia-relationship.h"

#define ACLED_SOURCE "ACLED"

typedef struct
{
  guint      row;
  GPtrArray *fields;
} CsvRecord;

typedef struct
{
  LiaRelationship *relationship;
  gboolean         is_new;
  guint            n_events;
  GDate            first;
  GDate            last;
} PlannedRelationship;

struct _LiaAcledImport
{
  GObject     parent_instance;

  LiaStore   *store;
  char       *operation;

  GHashTable *actors_by_key;        /* normalised name → LiaActor */
  GPtrArray  *new_actors;           /* LiaActor */
  GHashTable *merged_actors;        /* uuid of existing actors matched */
  GHashTable *relationships;        /* "source|target|type" → PlannedRelationship */
  GPtrArray  *problems;             /* LiaAcledProblem */
  guint       n_rows;
  guint       n_new_relationships;
  guint       n_updated_relationships;
  guint       n_unchanged_relationships;
  gboolean    prepared;
};

G_DEFINE_FINAL_TYPE (LiaAcledImport, lia_acled_import, G_TYPE_OBJECT)

static void
problem_free (gpointer data)
{
  LiaAcledProblem *problem = data;

  g_free (problem->message);
  g_free (problem);
}

static void
csv_record_free (gpointer data)
{
  CsvRecord *record = data;

  g_ptr_array_unref (record->fields);
  g_free (record);
}

static void
planned_relationship_free (gpointer data)
{
  PlannedRelationship *planned = data;

  g_object_unref (planned->relationship);
  g_free (planned);
}

static void
lia_acled_import_finalize (GObject *object)
{
  LiaAcledImport *self = (LiaAcledImport *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->operation, g_free);
  g_clear_pointer (&self->actors_by_key, g_hash_table_unref);
  g_clear_pointer (&self->new_actors, g_ptr_array_unref);
  g_clear_pointer (&self->merged_actors, g_hash_table_unref);
  g_clear_pointer (&self->relationships, g_hash_table_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_acled_import_parent_class)->finalize (object);
}

static void
lia_acled_import_class_init (LiaAcledImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_acled_import_finalize;
}

static void
lia_acled_import_init (LiaAcledImport *self)
{
  self->actors_by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->new_actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->merged_actors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, planned_relationship_free);
  self->problems = g_ptr_array_new_with_free_func (problem_free);
}

LiaAcledImport *
lia_acled_import_new (LiaStore   *store,
                      const char *operation)
{
  LiaAcledImport *self;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (operation != NULL && *operation != '\0', NULL);

  self = g_object_new (LIA_TYPE_ACLED_IMPORT, NULL);
  self->store = g_object_ref (store);
  self->operation = g_strdup (operation);

  return self;
}

static void
add_problem (LiaAcledImport *self,
             guint           row,
             const char     *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (LiaAcledImport *self,
             guint           row,
             const char     *format,
             ...)
{
  LiaAcledProblem *problem = g_new0 (LiaAcledProblem, 1);
  va_list args;

  va_start (args, format);
  problem->row = row;
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (self->problems, problem);
}

/* RFC 4180: fields separated by commas, optionally quoted, with "" for a
 * quote and line breaks allowed inside quotes; CRLF or LF ends a record.
 * Rows are numbered by the line they start on. */
static GPtrArray *
parse_csv (const char  *text,
           GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (csv_record_free);
  g_autoptr(GString) field = g_string_new (NULL);
  CsvRecord *record = NULL;
  const char *p = text;
  guint line = 1;

  while (*p != '\0')
    {
      gboolean quoted = FALSE;
      guint quote_line = line;

      if (record == NULL)
        {
          record = g_new0 (CsvRecord, 1);
          record->row = line;
          record->fields = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (records, record);
        }

      g_string_truncate (field, 0);
      if (*p == '"')
        {
          quoted = TRUE;
          p++;
          for (;;)
            {
              if (*p == '\0')
                {
                  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("Row %u opens a quote that is never closed, so the rest of the file cannot be read; fix the file and import it again."),
                               quote_line);
                  return NULL;
                }
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p += 2;
                  continue;
                }
              if (*p == '"')
                {
                  p++;
                  break;
                }
              if (*p == '\n')
                line++;
              g_string_append_c (field, *p++);
            }
        }

      /* Text after a closing quote, or an unquoted field, runs to the
       * next separator as it is. */
      while (*p != '\0' && *p != ',' && *p != '\n' && !(*p == '\r' && p[1] == '\n'))
        g_string_append_c (field, *p++);

      g_ptr_array_add (record->fields, g_strdup (quoted ? field->str : g_strstrip (field->str)));

      if (*p == ',')
        {
          p++;
          if (*p == '\0')
            g_ptr_array_add (record->fields, g_strdup (""));
          continue;
        }

      if (*p == '\r')
        p++;
      if (*p == '\n')
        {
          p++;
          line++;
        }
      record = NULL;
    }

  return g_steal_pointer (&records);
}

static gboolean
is_blank_record (const CsvRecord *record)
{
  for (guint i = 0; i < record->fields->len; i++)
    {
      if (*(const char *) g_ptr_array_index (record->fields, i) != '\0')
        return FALSE;
    }

  return TRUE;
}

/* ACLED writes dates as YYYY-MM-DD in its API and as “15 March 2023” in
 * some exports. */
static gboolean
parse_event_date (const char *str,
                  GDate      *date)
{
  static const char * const months[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
  };
  unsigned int day, year;
  char month[16];
  int consumed = 0;

  if (lia_date_parse_iso (str, date))
    return TRUE;

  if (sscanf (str, "%2u %15s %4u%n", &day, month, &year, &consumed) != 3 || str[consumed] != '\0')
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (months); i++)
    {
      if (g_ascii_strcasecmp (month, months[i]) == 0 && g_date_valid_dmy (day, i + 1, year))
        {
          g_date_set_dmy (date, day, i + 1, year);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_int (const char *str,
           gint64      min,
           gint64      max,
           int        *value)
{
  gint64 parsed;

  if (!g_ascii_string_to_signed (str, 10, min, max, &parsed, NULL))
    return FALSE;

  *value = (int) parsed;
  return TRUE;
}

static gboolean
parse_coordinate (const char *str,
                  double      limit,
                  double     *value)
{
  char *end = NULL;

  *value = g_ascii_strtod (str, &end);
  return end != str && *end == '\0' && *value >= -limit && *value <= limit;
}

static gboolean
is_armed_inter (int inter)
{
  LiaActorType type;

  return lia_actor_type_from_acled_inter (inter, &type);
}

static void
index_actor (LiaAcledImport *self,
             LiaActor       *actor)
{
  g_auto(GStrv) keys = lia_actor_dup_name_keys (actor);

  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (!g_hash_table_contains (self->actors_by_key, keys[i]))
        g_hash_table_insert (self->actors_by_key, g_strdup (keys[i]), g_object_ref (actor));
    }
}

typedef struct
{
  gboolean    has_point;
  double      lat;
  double      lon;
  const char *admin1;
} EventPlace;

/* Returns: (transfer none) (nullable): the actor named @name, found or
 * planned */
static LiaActor *
ensure_actor (LiaAcledImport   *self,
              const char       *name,
              LiaActorType      type,
              const EventPlace *place)
{
  g_autofree char *key = lia_actor_normalize_name (name);
  LiaActor *actor;

  if (*key == '\0')
    return NULL;

  actor = g_hash_table_lookup (self->actors_by_key, key);
  if (actor != NULL)
    {
      if (lia_record_get_revision (LIA_RECORD (actor)) > 0)
        g_hash_table_add (self->merged_actors, g_strdup (lia_record_get_uuid (LIA_RECORD (actor))));
      /* Named first as someone's associate, later with its own code. */
      else if (lia_actor_get_actor_type (actor) == LIA_ACTOR_TYPE_OTHER)
        lia_actor_set_actor_type (actor, type);
      return actor;
    }

  actor = lia_actor_new (self->operation, name, type);
  lia_actor_set_source (actor, ACLED_SOURCE);
  if (place->has_point)
    lia_actor_add_location (actor, place->lat, place->lon, place->admin1);

  g_ptr_array_add (self->new_actors, actor);
  index_actor (self, actor);

  return actor;
}

static char *
relationship_key (const char          *source,
                  const char          *target,
                  LiaRelationshipType  type)
{
  return g_strdup_printf ("%s|%s|%s", source, target, lia_enum_to_string (LIA_TYPE_RELATIONSHIP_TYPE, type));
}

static void
add_evidence (LiaAcledImport      *self,
              LiaActor            *source,
              LiaActor            *target,
              LiaRelationshipType  type,
              const GDate         *date)
{
  const char *source_uuid = lia_record_get_uuid (LIA_RECORD (source));
  const char *target_uuid = lia_record_get_uuid (LIA_RECORD (target));
  g_autofree char *key = NULL;
  PlannedRelationship *planned;

  if (source == target)
    return;

  key = relationship_key (source_uuid, target_uuid, type);
  planned = g_hash_table_lookup (self->relationships, key);
  if (planned == NULL)
    {
      planned = g_new0 (PlannedRelationship, 1);
      planned->relationship = lia_relationship_new (self->operation, source_uuid, target_uuid, type);
      planned->is_new = TRUE;
      g_date_clear (&planned->first, 1);
      g_date_clear (&planned->last, 1);
      g_hash_table_insert (self->relationships, g_steal_pointer (&key), planned);
    }

  planned->n_events++;
  if (!g_date_valid (&planned->first) || g_date_compare (date, &planned->first) < 0)
    planned->first = *date;
  if (!g_date_valid (&planned->last) || g_date_compare (date, &planned->last) > 0)
    planned->last = *date;
}

static const char *
field (const CsvRecord *record,
       int              column)
{
  return column >= 0 ? g_ptr_array_index (record->fields, column) : "";
}

enum {
  COL_ACTOR1,
  COL_ASSOC_ACTOR_1,
  COL_INTER1,
  COL_ACTOR2,
  COL_ASSOC_ACTOR_2,
  COL_INTER2,
  COL_INTERACTION,
  COL_EVENT_DATE,
  COL_EVENT_TYPE,
  COL_SUB_EVENT_TYPE,
  COL_ADMIN1,
  COL_LATITUDE,
  COL_LONGITUDE,
  N_COLUMNS
};

static const struct
{
  const char *name;
  gboolean    required;
} columns[N_COLUMNS] = {
  [COL_ACTOR1] = { "actor1", TRUE },
  [COL_ASSOC_ACTOR_1] = { "assoc_actor_1", FALSE },
  [COL_INTER1] = { "inter1", TRUE },
  [COL_ACTOR2] = { "actor2", FALSE },
  [COL_ASSOC_ACTOR_2] = { "assoc_actor_2", FALSE },
  [COL_INTER2] = { "inter2", FALSE },
  [COL_INTERACTION] = { "interaction", TRUE },
  [COL_EVENT_DATE] = { "event_date", TRUE },
  [COL_EVENT_TYPE] = { "event_type", FALSE },
  [COL_SUB_EVENT_TYPE] = { "sub_event_type", FALSE },
  [COL_ADMIN1] = { "admin1", FALSE },
  [COL_LATITUDE] = { "latitude", FALSE },
  [COL_LONGITUDE] = { "longitude", FALSE },
};

static void
add_associates (LiaAcledImport   *self,
                const char       *names,
                LiaActor         *main_actor,
                const EventPlace *place,
                const GDate      *date)
{
  g_auto(GStrv) split = g_strsplit (names, ";", -1);

  for (guint i = 0; main_actor != NULL && split[i] != NULL; i++)
    {
      LiaActor *associate = ensure_actor (self, g_strstrip (split[i]), LIA_ACTOR_TYPE_OTHER, place);

      if (associate != NULL)
        add_evidence (self, associate, main_actor, LIA_RELATIONSHIP_ALLIED_WITH, date);
    }
}

/* Checks one data row and plans what it brings; a bad row is reported and
 * brings nothing. */
static void
import_row (LiaAcledImport  *self,
            const CsvRecord *record,
            const int       *column)
{
  const char *actor1 = field (record, column[COL_ACTOR1]);
  const char *actor2 = field (record, column[COL_ACTOR2]);
  const char *interaction_str = field (record, column[COL_INTERACTION]);
  const char *date_str = field (record, column[COL_EVENT_DATE]);
  const char *lat_str = field (record, column[COL_LATITUDE]);
  const char *lon_str = field (record, column[COL_LONGITUDE]);
  EventPlace place = { FALSE, 0, 0, field (record, column[COL_ADMIN1]) };
  LiaActor *a1 = NULL;
  LiaActor *a2 = NULL;
  int inter1, inter2 = 0, interaction;
  LiaActorType type;
  GDate date;

  g_date_clear (&date, 1);
  if (!parse_event_date (date_str, &date))
    {
      add_problem (self, record->row, _("the event date “%s” is not a date; ACLED writes YYYY-MM-DD."), date_str);
      return;
    }

  if (*actor1 == '\0')
    {
      add_problem (self, record->row, _("actor1 is empty."));
      return;
    }

  if (!parse_int (field (record, column[COL_INTER1]), 1, 8, &inter1))
    {
      add_problem (self, record->row, _("inter1 “%s” is not an ACLED actor code (1 to 8)."),
                   field (record, column[COL_INTER1]));
      return;
    }

  if (*actor2 != '\0' && !parse_int (field (record, column[COL_INTER2]), 1, 8, &inter2))
    {
      add_problem (self, record->row, _("inter2 “%s” is not an ACLED actor code (1 to 8)."),
                   field (record, column[COL_INTER2]));
      return;
    }

  if (!parse_int (interaction_str, 10, 88, &interaction) ||
      interaction / 10 != inter1 || interaction % 10 != inter2)
    {
      add_problem (self, record->row, _("interaction “%s” does not match inter1 %d and inter2 %d."),
                   interaction_str, inter1, inter2);
      return;
    }

  if (*lat_str != '\0' || *lon_str != '\0')
    {
      if (!parse_coordinate (lat_str, 90.0, &place.lat) || !parse_coordinate (lon_str, 180.0, &place.lon))
        {
          add_problem (self, record->row, _("latitude “%s” and longitude “%s” are not a position in decimal degrees."),
                       lat_str, lon_str);
          return;
        }
      /* 0, 0 means “unknown”: keep the event, not the position. */
      place.has_point = place.lat != 0.0 || place.lon != 0.0;
    }

  self->n_rows++;

  if (lia_actor_type_from_acled_inter (inter1, &type))
    a1 = ensure_actor (self, actor1, type, &place);
  if (*actor2 != '\0' && lia_actor_type_from_acled_inter (inter2, &type))
    a2 = ensure_actor (self, actor2, type, &place);

  if (a1 != NULL && a2 != NULL && is_armed_inter (inter1) && is_armed_inter (inter2))
    {
      gboolean agreement = g_ascii_strcasecmp (field (record, column[COL_EVENT_TYPE]), "Strategic developments") == 0 &&
                           g_ascii_strcasecmp (field (record, column[COL_SUB_EVENT_TYPE]), "Agreement") == 0;

      add_evidence (self, a1, a2,
                    agreement ? LIA_RELATIONSHIP_NEGOTIATES_WITH : LIA_RELATIONSHIP_HOSTILE_TO,
                    &date);
    }

  add_associates (self, field (record, column[COL_ASSOC_ACTOR_1]), a1, &place, &date);
  add_associates (self, field (record, column[COL_ASSOC_ACTOR_2]), a2, &place, &date);
}

/* Existing relationships of the operation take the planned ones' place,
 * so that evidence is merged rather than duplicated. */
static gboolean
merge_existing_relationships (LiaAcledImport  *self,
                              GError         **error)
{
  g_autoptr(GPtrArray) existing = NULL;

  if (!(existing = lia_store_list (self->store, "relationship", self->operation, error)))
    return FALSE;

  for (guint i = 0; i < existing->len; i++)
    {
      LiaRelationship *relationship = g_ptr_array_index (existing, i);
      g_autofree char *key = relationship_key (lia_relationship_get_source_uuid (relationship),
                                               lia_relationship_get_target_uuid (relationship),
                                               lia_relationship_get_relationship_type (relationship));
      PlannedRelationship *planned = g_hash_table_lookup (self->relationships, key);

      if (planned != NULL && planned->is_new)
        {
          g_set_object (&planned->relationship, relationship);
          planned->is_new = FALSE;
        }
    }

  return TRUE;
}

static void
settle_relationships (LiaAcledImport *self)
{
  GHashTableIter iter;
  PlannedRelationship *planned;

  g_hash_table_iter_init (&iter, self->relationships);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &planned))
    {
      LiaRelationship *relationship = planned->relationship;
      guint n_events = planned->n_events;
      GDate first = planned->first;
      GDate last = planned->last;
      const GDate *old_first = lia_relationship_get_first_event (relationship);
      const GDate *old_last = lia_relationship_get_last_event (relationship);
      guint old_count = lia_relationship_get_event_count (relationship);

      if (!planned->is_new)
        {
          n_events = MAX (n_events, old_count);
          if (old_first != NULL && g_date_compare (old_first, &first) < 0)
            first = *old_first;
          if (old_last != NULL && g_date_compare (old_last, &last) > 0)
            last = *old_last;

          if (n_events == old_count &&
              old_first != NULL && g_date_compare (old_first, &first) == 0 &&
              old_last != NULL && g_date_compare (old_last, &last) == 0)
            {
              self->n_unchanged_relationships++;
              g_hash_table_iter_remove (&iter);
              continue;
            }
          self->n_updated_relationships++;
        }
      else
        {
          lia_relationship_set_source (relationship, ACLED_SOURCE);
          self->n_new_relationships++;
        }

      lia_relationship_set_evidence (relationship, n_events, &first, &last);
      /* An officer's own weight stands; ACLED's follows the evidence. */
      if (g_strcmp0 (lia_relationship_get_source (relationship), ACLED_SOURCE) == 0)
        lia_relationship_set_weight (relationship, (double) n_events / (n_events + 2));
    }
}

/**
 * lia_acled_import_prepare:
 *
 * Reads @path and works out what importing it would change, without
 * writing anything: the counts are the preview.  Bad rows are listed by
 * lia_acled_import_get_problems() and skipped.  Fails, with nothing
 * planned, if the file cannot be read or is not an ACLED export.
 */
gboolean
lia_acled_import_prepare (LiaAcledImport  *self,
                          const char      *path,
                          GError         **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GHashTable) header = NULL;
  const CsvRecord *header_record;
  const char *text;
  int column[N_COLUMNS];
  gsize length;

  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (!self->prepared, FALSE);

  basename = g_path_get_basename (path);
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("Could not read %s: %s"), basename, local_error->message);
      return FALSE;
    }

  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s is not a UTF-8 text file; export the events from ACLED as CSV."), basename);
      return FALSE;
    }

  /* Spreadsheets save CSV with a byte order mark. */
  text = g_str_has_prefix (contents, "\xEF\xBB\xBF") ? contents + 3 : contents;
  if (!(records = parse_csv (text, error)))
    return FALSE;

  if (records->len == 0)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s is empty; export the events from ACLED as CSV."), basename);
      return FALSE;
    }

  header_record = g_ptr_array_index (records, 0);
  header = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = header_record->fields->len; i > 0; i--)
    g_hash_table_insert (header, g_ascii_strdown (g_ptr_array_index (header_record->fields, i - 1), -1),
                         GUINT_TO_POINTER (i));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      column[i] = (int) GPOINTER_TO_UINT (g_hash_table_lookup (header, columns[i].name)) - 1;
      if (column[i] < 0 && columns[i].required)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("%s is not an ACLED export: its first row has no “%s” column."),
                       basename, columns[i].name);
          return FALSE;
        }
    }

  if (!(existing = lia_store_list (self->store, "actor", self->operation, error)))
    return FALSE;
  for (guint i = 0; i < existing->len; i++)
    index_actor (self, g_ptr_array_index (existing, i));

  for (guint i = 1; i < records->len; i++)
    {
      const CsvRecord *record = g_ptr_array_index (records, i);

      if (is_blank_record (record))
        continue;

      if (record->fields->len != header_record->fields->len)
        {
          add_problem (self, record->row, _("it has %u fields where the header has %u."),
                       record->fields->len, header_record->fields->len);
          continue;
        }

      import_row (self, record, column);
    }

  if (!merge_existing_relationships (self, error))
    return FALSE;
  settle_relationships (self);

  self->prepared = TRUE;
  return TRUE;
}

/**
 * lia_acled_import_commit:
 *
 * Writes what lia_acled_import_prepare() planned, in one transaction:
 * all of it or, on error, nothing.
 */
gboolean
lia_acled_import_commit (LiaAcledImport  *self,
                         GError         **error)
{
  GHashTableIter iter;
  PlannedRelationship *planned;

  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), FALSE);
  g_return_val_if_fail (self->prepared, FALSE);

  if (!lia_store_begin (self->store, error))
    return FALSE;

  for (guint i = 0; i < self->new_actors->len; i++)
    {
      if (!lia_store_save (self->store, g_ptr_array_index (self->new_actors, i), error))
        goto fail;
    }

  g_hash_table_iter_init (&iter, self->relationships);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &planned))
    {
      if (!lia_store_save (self->store, LIA_RECORD (planned->relationship), error))
        goto fail;
    }

  if (!lia_store_commit (self->store, error))
    return FALSE;

  /* A second commit would write the same records again. */
  self->prepared = FALSE;
  g_ptr_array_set_size (self->new_actors, 0);
  g_hash_table_remove_all (self->relationships);
  return TRUE;

fail:
  lia_store_rollback (self->store);
  return FALSE;
}

guint
lia_acled_import_get_n_rows (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), 0);

  return self->n_rows;
}

guint
lia_acled_import_get_n_new_actors (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), 0);

  return self->new_actors->len;
}

guint
lia_acled_import_get_n_merged_actors (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), 0);

  return g_hash_table_size (self->merged_actors);
}

guint
lia_acled_import_get_n_new_relationships (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), 0);

  return self->n_new_relationships;
}

guint
lia_acled_import_get_n_updated_relationships (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), 0);

  return self->n_updated_relationships;
}

guint
lia_acled_import_get_n_unchanged_relationships (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), 0);

  return self->n_unchanged_relationships;
}

/* Returns: (transfer none) (element-type LiaAcledProblem): in row order */
GPtrArray *
lia_acled_import_get_problems (LiaAcledImport *self)
{
  g_return_val_if_fail (LIA_IS_ACLED_IMPORT (self), NULL);

  return self->problems;
}
