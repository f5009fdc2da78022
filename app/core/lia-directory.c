/* lia-directory.c
 *
 * HQ publishes the directory of current CMCoord deployments as one global
 * record (`liaison-hq publish-directory`); every device pulls it, so it is
 * readable offline.  Body:
 *
 *   { "valid_as_of": "YYYY-MM-DD",
 *     "entries": [ { "id", "name", "role", "operation", "location",
 *                    "contacts": [ { "channel", "value" } ], "hats": [ … ],
 *                    "since", "until", "last_confirmed" } ] }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-actor-types.h"
#include "lia-directory.h"
#include "lia-error.h"
#include "lia-search-index.h"

struct _LiaDirectory
{
  LiaRecord  parent_instance;

  char      *valid_as_of;
  GPtrArray *entries;   /* LiaDirectoryEntry */
};

G_DEFINE_FINAL_TYPE (LiaDirectory, lia_directory, LIA_TYPE_RECORD)

static const char * const columns[] = {
  "id", "name", "role", "operation", "location", "contacts", "hats", "since", "until", "last_confirmed", NULL
};

static void
contact_free (gpointer data)
{
  LiaDirectoryContact *contact = data;

  g_free (contact->channel);
  g_free (contact->value);
  g_free (contact);
}

static void
entry_free (gpointer data)
{
  LiaDirectoryEntry *entry = data;

  g_free (entry->id);
  g_free (entry->name);
  g_free (entry->role);
  g_free (entry->operation);
  g_free (entry->location);
  g_ptr_array_unref (entry->contacts);
  g_strfreev (entry->hats);
  g_free (entry->since);
  g_free (entry->until);
  g_free (entry->last_confirmed);
  g_free (entry);
}

static const char *
get_string (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return *json_node_get_string (node) != '\0' ? json_node_get_string (node) : NULL;
}

static LiaDirectoryEntry *
entry_from_json (JsonObject *object)
{
  LiaDirectoryEntry *entry = g_new0 (LiaDirectoryEntry, 1);
  g_autoptr(GStrvBuilder) hats = g_strv_builder_new ();
  JsonNode *node;

  entry->id = g_strdup (get_string (object, "id"));
  entry->name = g_strdup (get_string (object, "name"));
  entry->role = g_strdup (get_string (object, "role"));
  entry->operation = g_strdup (get_string (object, "operation"));
  entry->location = g_strdup (get_string (object, "location"));
  entry->since = g_strdup (get_string (object, "since"));
  entry->until = g_strdup (get_string (object, "until"));
  entry->last_confirmed = g_strdup (get_string (object, "last_confirmed"));
  entry->contacts = g_ptr_array_new_with_free_func (contact_free);

  node = json_object_get_member (object, "contacts");
  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                    i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);
      LiaDirectoryContact *contact;

      if (!JSON_NODE_HOLDS_OBJECT (element) || get_string (json_node_get_object (element), "value") == NULL)
        continue;

      contact = g_new0 (LiaDirectoryContact, 1);
      contact->channel = g_strdup (get_string (json_node_get_object (element), "channel"));
      contact->value = g_strdup (get_string (json_node_get_object (element), "value"));
      if (contact->channel == NULL)
        contact->channel = g_strdup ("other");
      g_ptr_array_add (entry->contacts, contact);
    }

  node = json_object_get_member (object, "hats");
  for (guint i = 0; node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
                    i < json_array_get_length (json_node_get_array (node)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (node), i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (hats, json_node_get_string (element));
    }
  entry->hats = g_strv_builder_end (hats);

  return entry;
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
entry_to_json (const LiaDirectoryEntry *entry,
               JsonBuilder             *builder)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", entry->id);
  add_string (builder, "name", entry->name);
  add_string (builder, "role", entry->role);
  add_string (builder, "operation", entry->operation);
  add_string (builder, "location", entry->location);
  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->contacts->len; i++)
    {
      const LiaDirectoryContact *contact = g_ptr_array_index (entry->contacts, i);

      json_builder_begin_object (builder);
      add_string (builder, "channel", contact->channel);
      add_string (builder, "value", contact->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "hats");
  json_builder_begin_array (builder);
  for (guint i = 0; entry->hats[i] != NULL; i++)
    json_builder_add_string_value (builder, entry->hats[i]);
  json_builder_end_array (builder);
  add_string (builder, "since", entry->since);
  add_string (builder, "until", entry->until);
  add_string (builder, "last_confirmed", entry->last_confirmed);
  json_builder_end_object (builder);
}

static void
lia_directory_serialize (LiaRecord   *record,
                         JsonBuilder *builder)
{
  LiaDirectory *self = LIA_DIRECTORY (record);

  add_string (builder, "valid_as_of", self->valid_as_of);
  json_builder_set_member_name (builder, "entries");
  json_builder_begin_array (builder);
  for (guint i = 0; i < self->entries->len; i++)
    entry_to_json (g_ptr_array_index (self->entries, i), builder);
  json_builder_end_array (builder);
}

static gboolean
lia_directory_deserialize (LiaRecord   *record,
                           JsonObject  *body,
                           GError     **error)
{
  LiaDirectory *self = LIA_DIRECTORY (record);
  JsonNode *entries = json_object_get_member (body, "entries");

  g_free (self->valid_as_of);
  self->valid_as_of = g_strdup (get_string (body, "valid_as_of"));
  g_ptr_array_set_size (self->entries, 0);

  for (guint i = 0; entries != NULL && JSON_NODE_HOLDS_ARRAY (entries) &&
                    i < json_array_get_length (json_node_get_array (entries)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (entries), i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        g_ptr_array_add (self->entries, entry_from_json (json_node_get_object (element)));
    }

  return TRUE;
}

static void
lia_directory_finalize (GObject *object)
{
  LiaDirectory *self = (LiaDirectory *)object;

  g_clear_pointer (&self->valid_as_of, g_free);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_directory_parent_class)->finalize (object);
}

static void
lia_directory_class_init (LiaDirectoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_directory_finalize;

  record_class->record_type = "directory";
  record_class->serialize = lia_directory_serialize;
  record_class->deserialize = lia_directory_deserialize;
}

static void
lia_directory_init (LiaDirectory *self)
{
  self->entries = g_ptr_array_new_with_free_func (entry_free);
}

/* Returns: (nullable): the date HQ says the directory was true on */
const char *
lia_directory_get_valid_as_of (LiaDirectory *self)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY (self), NULL);

  return self->valid_as_of;
}

guint
lia_directory_get_n_entries (LiaDirectory *self)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY (self), 0);

  return self->entries->len;
}

const LiaDirectoryEntry *
lia_directory_get_entry (LiaDirectory *self,
                         guint         position)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY (self), NULL);
  g_return_val_if_fail (position < self->entries->len, NULL);

  return g_ptr_array_index (self->entries, position);
}

/* Returns: (nullable): the entry with @id */
const LiaDirectoryEntry *
lia_directory_find (LiaDirectory *self,
                    const char   *id)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      const LiaDirectoryEntry *entry = g_ptr_array_index (self->entries, i);

      if (g_strcmp0 (entry->id, id) == 0)
        return entry;
    }

  return NULL;
}

/**
 * lia_directory_search:
 *
 * Searches names, roles, hats, operations, locations and contact channels,
 * folding accents and Arabic diacritics.
 *
 * Returns: (transfer container) (element-type LiaDirectoryEntry): the
 *   matching entries, best first, owned by @self
 */
GPtrArray *
lia_directory_search (LiaDirectory  *self,
                      const char    *query,
                      GError       **error)
{
  g_autoptr(LiaSearchIndex) index = NULL;
  g_autoptr(GArray) keys = NULL;
  GPtrArray *found;

  g_return_val_if_fail (LIA_IS_DIRECTORY (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!(index = lia_search_index_new (error)))
    return NULL;

  for (guint i = 0; i < self->entries->len; i++)
    {
      const LiaDirectoryEntry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(GString) text = g_string_new (NULL);

      g_string_append_printf (text, "%s %s %s %s", entry->name ?: "", entry->role ?: "",
                              entry->operation ?: "", entry->location ?: "");
      for (guint j = 0; entry->hats[j] != NULL; j++)
        g_string_append_printf (text, " %s", entry->hats[j]);
      for (guint j = 0; j < entry->contacts->len; j++)
        g_string_append_printf (text, " %s", ((LiaDirectoryContact *) g_ptr_array_index (entry->contacts, j))->channel);

      if (!lia_search_index_add (index, i, text->str, error))
        return NULL;
    }

  if (!(keys = lia_search_index_query (index, query, error)))
    return NULL;

  found = g_ptr_array_new ();
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (found, g_ptr_array_index (self->entries, g_array_index (keys, guint, i)));

  return found;
}

/* Days from @date (YYYY-MM-DD) to @now; G_MAXINT if @date is not one. */
static int
days_since (const char *date,
            GDateTime  *now)
{
  GDate then, today;
  int y, m, d;

  if (!lia_date_parse_iso (date, &then))
    return G_MAXINT;

  g_date_time_get_ymd (now, &y, &m, &d);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, d, m, y);

  return g_date_days_between (&then, &today);
}

/**
 * lia_directory_is_stale:
 *
 * Returns: whether HQ published this directory more than
 *   %LIA_DIRECTORY_STALE_DAYS days before @now (or never said when)
 */
gboolean
lia_directory_is_stale (LiaDirectory *self,
                        GDateTime    *now)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY (self), TRUE);
  g_return_val_if_fail (now != NULL, TRUE);

  return days_since (self->valid_as_of, now) > LIA_DIRECTORY_STALE_DAYS;
}

/**
 * lia_directory_entry_is_stale:
 *
 * Returns: whether nobody confirmed @entry in the last
 *   %LIA_DIRECTORY_ENTRY_STALE_DAYS days before @now
 */
gboolean
lia_directory_entry_is_stale (const LiaDirectoryEntry *entry,
                              GDateTime               *now)
{
  g_return_val_if_fail (entry != NULL, TRUE);
  g_return_val_if_fail (now != NULL, TRUE);

  return days_since (entry->last_confirmed, now) > LIA_DIRECTORY_ENTRY_STALE_DAYS;
}

/* RFC 6350 3.4: backslash, comma, semicolon and line breaks are escaped
 * in text values. */
static void
append_escaped (GString    *line,
                const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (line, "\\\\"); break;
        case ',':  g_string_append (line, "\\,"); break;
        case ';':  g_string_append (line, "\\;"); break;
        case '\n': g_string_append (line, "\\n"); break;
        case '\r': break;
        default:   g_string_append_c (line, *p); break;
        }
    }
}

/* RFC 6350 3.2: lines of at most 75 octets, continued after CRLF and a
 * space, never splitting a UTF-8 character. */
static void
append_folded (GString    *card,
               const char *line)
{
  gsize width = 0;

  for (const char *p = line; *p != '\0'; p = g_utf8_next_char (p))
    {
      gsize len = g_utf8_next_char (p) - p;

      if (width + len > 75)
        {
          g_string_append (card, "\r\n ");
          width = 1;
        }
      g_string_append_len (card, p, len);
      width += len;
    }
  g_string_append (card, "\r\n");
}

static void
add_property (GString    *card,
              const char *name,
              const char *prefix,
              const char *value,
              const char *suffix)
{
  g_autoptr(GString) line = g_string_new (name);

  g_string_append_c (line, ':');
  g_string_append (line, prefix);
  append_escaped (line, value);
  g_string_append (line, suffix);
  append_folded (card, line->str);
}

static gboolean
is_channel (const char         *channel,
            const char * const *names)
{
  g_autofree char *lower = g_ascii_strdown (channel, -1);

  return g_strv_contains (names, lower);
}

/**
 * lia_directory_entry_to_vcard:
 *
 * Returns: (transfer full): @entry as a vCard 4.0 (RFC 6350), CRLF line
 *   ends, values escaped and long lines folded
 */
char *
lia_directory_entry_to_vcard (const LiaDirectoryEntry *entry)
{
  static const char * const phones[] = { "phone", "mobile", "tel", "satphone", "whatsapp", "sms", NULL };
  static const char * const emails[] = { "email", "e-mail", "mail", NULL };
  GString *card = g_string_new ("BEGIN:VCARD\r\nVERSION:4.0\r\n");

  g_return_val_if_fail (entry != NULL, NULL);

  if (entry->id != NULL)
    add_property (card, "UID", "", entry->id, "");
  add_property (card, "FN", "", entry->name, "");
  if (entry->role != NULL)
    add_property (card, "TITLE", "", entry->role, "");
  for (guint i = 0; entry->hats[i] != NULL; i++)
    add_property (card, "ROLE", "", entry->hats[i], "");
  if (entry->operation != NULL)
    add_property (card, "ORG", "", entry->operation, "");
  if (entry->location != NULL)
    add_property (card, "ADR", ";;;", entry->location, ";;;");

  for (guint i = 0; i < entry->contacts->len; i++)
    {
      const LiaDirectoryContact *contact = g_ptr_array_index (entry->contacts, i);

      if (is_channel (contact->channel, phones))
        add_property (card, "TEL;VALUE=text", "", contact->value, "");
      else if (is_channel (contact->channel, emails))
        add_property (card, "EMAIL", "", contact->value, "");
      else
        {
          g_autofree char *note = g_strdup_printf ("%s: %s", contact->channel, contact->value);

          add_property (card, "NOTE", "", note, "");
        }
    }

  if (entry->since != NULL || entry->until != NULL || entry->last_confirmed != NULL)
    {
      /* Translators: in an exported contact card; %s are dates YYYY-MM-DD or “?” */
      g_autofree char *note = g_strdup_printf (_("Deployed %s to %s; last confirmed %s"),
                                               entry->since ?: "?", entry->until ?: "?",
                                               entry->last_confirmed ?: "?");

      add_property (card, "NOTE", "", note, "");
    }

  g_string_append (card, "END:VCARD\r\n");
  return g_string_free (card, FALSE);
}

/**
 * lia_directory_load:
 *
 * Returns: (transfer full) (nullable): the directory last pulled from HQ,
 *   or %NULL with %LIA_ERROR_NOT_FOUND if none has arrived
 */
LiaDirectory *
lia_directory_load (LiaStore  *store,
                    GError   **error)
{
  g_autoptr(GPtrArray) directories = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  if (!(directories = lia_store_list (store, "directory", NULL, error)))
    return NULL;

  if (directories->len == 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("No deployments directory has arrived from HQ yet. Sync with HQ to get it."));
      return NULL;
    }

  /* The newest publication. */
  return g_object_ref (g_ptr_array_index (directories, 0));
}

/* ---- what HQ publishes ---------------------------------------------------- */

static gboolean
is_id (const char *id)
{
  gsize len = id != NULL ? strlen (id) : 0;

  if (len == 0 || len > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;

  return TRUE;
}

/* Checks one entry; @where names it (“row 3”, “entries[2]”). */
static gboolean
check_entry (const LiaDirectoryEntry  *entry,
             const char               *where,
             GHashTable               *ids,
             GError                  **error)
{
  const char *dates[] = { entry->since, entry->until, entry->last_confirmed };
  const char *date_names[] = { "since", "until", "last_confirmed" };
  GDate date;

  if (!is_id (entry->id))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s: “id” must be 1 to 64 letters, digits, “-”, “_” or “.”."), where);
      return FALSE;
    }
  if (!g_hash_table_add (ids, entry->id))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("%s: the id “%s” is used twice."), where, entry->id);
      return FALSE;
    }
  if (entry->name == NULL || entry->role == NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("%s: “name” and “role” are required."), where);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      if (dates[i] != NULL && !lia_date_parse_iso (dates[i], &date))
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("%s: “%s” must be a date written YYYY-MM-DD."), where, date_names[i]);
          return FALSE;
        }
    }

  return TRUE;
}

/* RFC 4180 records: fields separated by commas, optionally quoted with ""
 * for a quote, line breaks allowed inside quotes. */
static GPtrArray *
parse_csv (const char  *text,
           GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GString) field = g_string_new (NULL);
  GPtrArray *row = NULL;
  const char *p = text;

  while (*p != '\0')
    {
      gboolean quoted = *p == '"';

      if (row == NULL)
        g_ptr_array_add (rows, row = g_ptr_array_new_with_free_func (g_free));

      g_string_truncate (field, 0);
      if (quoted)
        {
          for (p++; !(*p == '"' && p[1] != '"'); p++)
            {
              if (*p == '\0')
                {
                  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("Row %u opens a quote that is never closed."), rows->len);
                  return NULL;
                }
              if (*p == '"')
                p++;
              g_string_append_c (field, *p);
            }
          p++;
        }
      while (*p != '\0' && *p != ',' && *p != '\n' && *p != '\r')
        g_string_append_c (field, *p++);

      g_ptr_array_add (row, g_strdup (quoted ? field->str : g_strstrip (field->str)));

      if (*p == ',')
        {
          p++;
          if (*p == '\0' || *p == '\n' || *p == '\r')
            g_ptr_array_add (row, g_strdup (""));
          if (*p != '\0' && *p != '\n' && *p != '\r')
            continue;
        }
      if (*p == '\r')
        p++;
      if (*p == '\n')
        p++;
      row = NULL;
    }

  return g_steal_pointer (&rows);
}

static void
csv_set (JsonObject *object,
         const char *column,
         const char *value)
{
  if (g_str_equal (column, "contacts") || g_str_equal (column, "hats"))
    {
      g_auto(GStrv) items = g_strsplit (value, ";", -1);
      JsonArray *array = json_array_new ();

      for (guint i = 0; items[i] != NULL; i++)
        {
          char *item = g_strstrip (items[i]);
          char *colon;

          if (*item == '\0')
            continue;
          if (g_str_equal (column, "hats"))
            json_array_add_string_element (array, item);
          else
            {
              JsonObject *contact = json_object_new ();

              /* channel:value, the value possibly holding colons itself */
              if ((colon = strchr (item, ':')) != NULL)
                {
                  *colon = '\0';
                  json_object_set_string_member (contact, "channel", g_strstrip (item));
                  json_object_set_string_member (contact, "value", g_strstrip (colon + 1));
                }
              else
                {
                  json_object_set_string_member (contact, "channel", "other");
                  json_object_set_string_member (contact, "value", item);
                }
              json_array_add_object_element (array, contact);
            }
        }
      json_object_set_array_member (object, column, array);
    }
  else if (*value != '\0')
    json_object_set_string_member (object, column, value);
}

/* The entries of a CSV file, as JSON objects. */
static JsonArray *
entries_from_csv (const char  *text,
                  GError     **error)
{
  g_autoptr(GPtrArray) rows = parse_csv (text, error);
  g_autoptr(JsonArray) entries = NULL;
  GPtrArray *header;

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("The directory file is empty."));
      return NULL;
    }

  header = g_ptr_array_index (rows, 0);
  for (guint i = 0; i < header->len; i++)
    {
      if (!g_strv_contains (columns, g_ptr_array_index (header, i)))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) columns);

          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("The column “%s” is unknown; the columns are %s."),
                       (const char *) g_ptr_array_index (header, i), known);
          return NULL;
        }
    }

  entries = json_array_new ();
  for (guint r = 1; r < rows->len; r++)
    {
      GPtrArray *row = g_ptr_array_index (rows, r);
      JsonObject *object;

      if (row->len == 1 && *(const char *) g_ptr_array_index (row, 0) == '\0')
        continue;   /* a blank line */
      if (row->len != header->len)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("Row %u has %u fields where the header has %u."), r + 1, row->len, header->len);
          return NULL;
        }

      object = json_object_new ();
      for (guint i = 0; i < row->len; i++)
        csv_set (object, g_ptr_array_index (header, i), g_ptr_array_index (row, i));
      json_array_add_object_element (entries, object);
    }

  return g_steal_pointer (&entries);
}

/**
 * lia_directory_body_from_file:
 * @contents: a CSV file with a header row, or JSON: a list of entries or an
 *   object {"valid_as_of", "entries"} (README: “The deployments directory”)
 * @valid_as_of: (nullable): the date it is true on, YYYY-MM-DD, when the
 *   file does not say; today (UTC) if %NULL
 *
 * Checks and normalises a directory HQ is about to publish.
 *
 * Returns: (transfer full) (nullable): the record body
 */
char *
lia_directory_body_from_file (const char  *contents,
                              gsize        length,
                              const char  *valid_as_of,
                              GError     **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonArray) entries = NULL;
  g_autoptr(LiaDirectory) directory = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  g_autofree char *today = NULL;
  g_autofree char *file_date = NULL;
  const char *start;
  GDate date;

  g_return_val_if_fail (contents != NULL, NULL);

  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The directory file is not UTF-8 text. Save it as UTF-8 CSV or JSON."));
      return NULL;
    }

  text = g_strndup (contents, length);
  start = text;
  if (g_str_has_prefix (start, "\xEF\xBB\xBF"))   /* spreadsheets' byte order mark */
    start += 3;
  while (g_ascii_isspace (*start))
    start++;

  if (*start == '{' || *start == '[')
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) local_error = NULL;
      JsonNode *node;

      if (!json_parser_load_from_data (parser, start, -1, &local_error))
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("The directory file is not valid JSON: %s"),
                       local_error->message);
          return NULL;
        }
      node = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *object = json_node_get_object (node);

          if (get_string (object, "valid_as_of") != NULL)
            valid_as_of = file_date = g_strdup (get_string (object, "valid_as_of"));
          node = json_object_get_member (object, "entries");
        }
      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        {
          g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("The directory must be a JSON list of entries, or an object with an “entries” list."));
          return NULL;
        }
      entries = json_array_ref (json_node_get_array (node));
    }
  else if (!(entries = entries_from_csv (start, error)))
    return NULL;

  if (valid_as_of == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

      valid_as_of = today = g_date_time_format (now, "%Y-%m-%d");
    }
  if (!lia_date_parse_iso (valid_as_of, &date))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("“valid_as_of” must be a date written YYYY-MM-DD."));
      return NULL;
    }

  if (json_array_get_length (entries) > LIA_DIRECTORY_MAX_ENTRIES)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The directory has more than %d entries."), LIA_DIRECTORY_MAX_ENTRIES);
      return NULL;
    }

  /* Through the record class, so HQ publishes exactly what devices read. */
  directory = g_object_new (LIA_TYPE_DIRECTORY, NULL);
  directory->valid_as_of = g_strdup (valid_as_of);
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonNode *element = json_array_get_element (entries, i);
      g_autofree char *where = g_strdup_printf (_("Entry %u"), i + 1);
      LiaDirectoryEntry *entry;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("%s is not an object."), where);
          return NULL;
        }
      entry = entry_from_json (json_node_get_object (element));
      g_ptr_array_add (directory->entries, entry);
      if (!check_entry (entry, where, ids, error))
        return NULL;
    }

  return lia_record_serialize_body (LIA_RECORD (directory));
}
