/* lia-hq-search.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * records_fts (HQ schema step 3) indexes the text of every live record
 * with the project's "liaison" tokenizer, which folds accents, Arabic
 * diacritics and letter variants.  Triggers on records keep it up to
 * date in the transaction that stores a record, so that whatever writes
 * records (a push, a publication) needs no code of its own.
 *
 * A record can hold parts more sensitive than itself, such as an actor's
 * contacts, marked by a "sensitivity" member on a nested object.  The
 * index keeps the text of each level in its own column (l0 public … l3
 * strictly confidential), and a search only looks in the columns a user
 * is cleared for: a word that is only in a hidden part finds nothing.
 */
#include "config.h"

#include <json-glib/json-glib.h>

#include "lia-error.h"
#include "lia-fts-tokenizer.h"
#include "lia-hq-search.h"

#define N_LEVELS (LIA_SENSITIVITY_LAST + 1)

static void
collect_text (JsonNode       *node,
              LiaSensitivity  level,
              GString       **texts)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        const char *name = json_object_get_string_member_with_default (object, "sensitivity", NULL);
        LiaSensitivity own;
        JsonObjectIter iter;
        JsonNode *member;

        /* A part is never less sensitive than what holds it. */
        if (name != NULL && lia_sensitivity_from_string (name, &own) && own > level)
          level = own;

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, NULL, &member))
          collect_text (member, level, texts);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        for (guint i = 0; i < json_array_get_length (array); i++)
          collect_text (json_array_get_element (array, i), level, texts);
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          if (texts[level]->len > 0)
            g_string_append_c (texts[level], '\n');
          g_string_append (texts[level], json_node_get_string (node));
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }
}

/* lia_hq_fts_texts(body): a JSON array of four strings, the text of
 * @body at each sensitivity level, for the triggers to index. */
static void
fts_texts_func (sqlite3_context  *context,
                int               n_args,
                sqlite3_value   **args)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *json = NULL;
  GString *texts[N_LEVELS];
  const char *body = (const char *)sqlite3_value_text (args[0]);
  JsonNode *root;

  for (guint i = 0; i < N_LEVELS; i++)
    texts[i] = g_string_new (NULL);

  if (body != NULL && json_parser_load_from_data (parser, body, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL)
    collect_text (root, LIA_SENSITIVITY_PUBLIC, texts);

  json_builder_begin_array (builder);
  for (guint i = 0; i < N_LEVELS; i++)
    {
      json_builder_add_string_value (builder, texts[i]->str);
      g_string_free (texts[i], TRUE);
    }
  json_builder_end_array (builder);

  result = json_builder_get_root (builder);
  json = json_to_string (result, FALSE);
  sqlite3_result_text (context, g_steal_pointer (&json), -1, g_free);
}

/**
 * lia_hq_search_register:
 * @db: a connection to the HQ database
 * @error: a location for a #GError
 *
 * Registers what the index and its triggers use on @db: the "liaison"
 * tokenizer and the lia_hq_fts_texts() function.  Every connection that
 * writes records needs them, and needs them before the schema step that
 * creates the index runs.
 *
 * Returns: %TRUE on success
 */
gboolean
lia_hq_search_register (sqlite3  *db,
                        GError  **error)
{
  g_return_val_if_fail (db != NULL, FALSE);

  if (!lia_fts_tokenizer_register (db, error))
    return FALSE;

  if (sqlite3_create_function_v2 (db, "lia_hq_fts_texts", 1,
                                  SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                  NULL, fts_texts_func, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                   "Cannot register lia_hq_fts_texts: %s", sqlite3_errmsg (db));
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_hq_search_build_match:
 * @text: what a person typed
 * @clearance: the most sensitive level they may read
 *
 * Returns: (transfer full) (nullable): an FTS5 MATCH expression for
 *   records_fts that finds every word of @text (the last one as a prefix)
 *   in the columns @clearance allows, or %NULL if @text has no word
 */
char *
lia_hq_search_build_match (const char     *text,
                           LiaSensitivity  clearance)
{
  g_autofree char *query = NULL;
  g_autoptr(GString) columns = g_string_new ("{");

  g_return_val_if_fail (clearance <= LIA_SENSITIVITY_LAST, NULL);

  if (text == NULL || !(query = lia_fts_build_query (text, TRUE)) || query[0] == '\0')
    return NULL;

  for (guint i = 0; i <= clearance; i++)
    g_string_append_printf (columns, "%sl%u", i > 0 ? " " : "", i);
  g_string_append (columns, "}");

  return g_strdup_printf ("%s : (%s)", columns->str, query);
}
