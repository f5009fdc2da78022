/* lia-search-index.c
 *
 * Lessons and the deployments directory are small (hundreds of entries)
 * and change with every sync, so they are indexed when searched, in an
 * in-memory FTS5 table with the project's tokenizer: the same accent and
 * diacritic folding as guidance search, and no schema to migrate.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-fts-tokenizer.h"
#include "lia-search-index.h"

struct _LiaSearchIndex
{
  sqlite3      *db;
  sqlite3_stmt *insert;
};

void
lia_search_index_free (LiaSearchIndex *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->insert, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_free (self);
}

/**
 * lia_search_index_new:
 *
 * Returns: (transfer full) (nullable): an empty index
 */
LiaSearchIndex *
lia_search_index_new (GError **error)
{
  g_autoptr(LiaSearchIndex) self = g_new0 (LiaSearchIndex, 1);

  if (sqlite3_open_v2 (":memory:", &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      lia_db_set_error (self->db, _("preparing a search"), error);
      return NULL;
    }

  /* No language: every language's folding, as texts mix them. */
  if (!lia_fts_tokenizer_register (self->db, error) ||
      !lia_db_exec (self->db, "CREATE VIRTUAL TABLE texts USING fts5 (body, tokenize = 'liaison');", error) ||
      !(self->insert = lia_db_prepare (self->db, "INSERT INTO texts (rowid, body) VALUES (?1, ?2)", error)))
    return NULL;

  return g_steal_pointer (&self);
}

/* Adds @text under @key, which query() returns. */
gboolean
lia_search_index_add (LiaSearchIndex  *self,
                      guint            key,
                      const char      *text,
                      GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  sqlite3_reset (self->insert);
  sqlite3_bind_int64 (self->insert, 1, (gint64) key + 1);
  sqlite3_bind_text (self->insert, 2, text != NULL ? text : "", -1, SQLITE_STATIC);
  if (sqlite3_step (self->insert) != SQLITE_DONE)
    return lia_db_set_error (self->db, _("preparing a search"), error);

  return TRUE;
}

/**
 * lia_search_index_query:
 *
 * Every word of @query must match, the last as a prefix; if no text has
 * them all, the texts with most of them.
 *
 * Returns: (transfer full) (element-type guint): the keys of the matching
 *   texts, best first
 */
GArray *
lia_search_index_query (LiaSearchIndex  *self,
                        const char      *query,
                        GError         **error)
{
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *all = NULL;
  g_autofree char *any = NULL;
  int rc = SQLITE_DONE;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);

  all = lia_fts_build_query (query, TRUE);
  any = lia_fts_build_query_any (query, TRUE);
  if (all == NULL)
    return g_steal_pointer (&keys);

  if (!(stmt = lia_db_prepare (self->db, "SELECT rowid FROM texts WHERE texts MATCH ?1 ORDER BY rank", error)))
    return NULL;

  for (const char *expr = all; expr != NULL && keys->len == 0; expr = expr == all ? any : NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, expr, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          guint key = sqlite3_column_int64 (stmt, 0) - 1;

          g_array_append_val (keys, key);
        }
      if (rc != SQLITE_DONE)
        {
          lia_db_set_error (self->db, _("searching"), error);
          return NULL;
        }
    }

  return g_steal_pointer (&keys);
}
