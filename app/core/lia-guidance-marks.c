/* lia-guidance-marks.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-db.h"
#include "lia-guidance-marks.h"
#include "lia-store-private.h"

/* Marks live in the user database, apart from the guidance pack, which is
 * replaced whole when HQ publishes a new one. */

static gboolean
write_mark (LiaStore    *store,
            const char  *card_id,
            const char  *column,
            int          bookmarked,
            const char  *note,
            GError     **error)
{
  g_autoptr(GDateTime) now = lia_clock_get_now (lia_store_get_clock (store));
  g_autofree char *updated_at = lia_clock_format_iso8601 (now);
  g_autofree char *sql = g_strdup_printf ("INSERT INTO guidance_marks (card_id, bookmarked, note, updated_at)"
                                          " VALUES (?1, ?2, ?3, ?4)"
                                          " ON CONFLICT (card_id) DO UPDATE SET"
                                          "  %s = excluded.%s, updated_at = excluded.updated_at",
                                          column, column);
  sqlite3 *db = lia_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, bookmarked);
  sqlite3_bind_text (stmt, 3, note, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, updated_at, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("saving a guidance bookmark or note"), error);

  return TRUE;
}

static sqlite3_stmt *
read_mark (LiaStore   *store,
           const char *card_id)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (lia_store_get_db (store),
                                                 "SELECT bookmarked, note FROM guidance_marks WHERE card_id = ?1",
                                                 NULL);

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, card_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_steal_pointer (&stmt);
}

gboolean
lia_guidance_marks_get_bookmarked (LiaStore   *store,
                                   const char *card_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  stmt = read_mark (store, card_id);
  return stmt != NULL && sqlite3_column_int (stmt, 0) != 0;
}

gboolean
lia_guidance_marks_set_bookmarked (LiaStore    *store,
                                   const char  *card_id,
                                   gboolean     bookmarked,
                                   GError     **error)
{
  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  return write_mark (store, card_id, "bookmarked", !!bookmarked, "", error);
}

/* Returns: (transfer full): the note, empty if there is none */
char *
lia_guidance_marks_get_note (LiaStore   *store,
                             const char *card_id)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (card_id != NULL, NULL);

  stmt = read_mark (store, card_id);
  return g_strdup (stmt != NULL ? (const char *) sqlite3_column_text (stmt, 1) : "");
}

gboolean
lia_guidance_marks_set_note (LiaStore    *store,
                             const char  *card_id,
                             const char  *note,
                             GError     **error)
{
  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (card_id != NULL, FALSE);

  return write_mark (store, card_id, "note", 0, note != NULL ? note : "", error);
}

/* Returns: (transfer full): the ids of bookmarked cards, in id order */
char **
lia_guidance_marks_list_bookmarked (LiaStore  *store,
                                    GError   **error)
{
  sqlite3 *db = lia_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  if (!(stmt = lia_db_prepare (db, "SELECT card_id FROM guidance_marks WHERE bookmarked = 1 ORDER BY card_id", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (ids, (const char *) sqlite3_column_text (stmt, 0));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("listing guidance bookmarks"), error);
      return NULL;
    }

  return g_strv_builder_end (ids);
}
