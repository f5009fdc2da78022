/* lia-db.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-db.h"
#include "lia-error.h"

/* Record contents never reach these messages: only what we were doing and
 * SQLite's own description of the failure. */
gboolean
lia_db_set_error (sqlite3     *db,
                  const char  *doing,
                  GError     **error)
{
  g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
               _("The database failed while %s: %s"),
               doing, db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

sqlite3 *
lia_db_open (const char  *path,
             GError     **error)
{
  g_autoptr(sqlite3) db = NULL;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  rc = sqlite3_open_v2 (path, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                   _("Could not open the database “%s”: %s. Check that the folder exists and that you may write to it."),
                   name, db != NULL ? sqlite3_errmsg (db) : "out of memory");
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);

  /* WAL keeps readers and the writer apart; FULL makes every commit durable
   * before we tell anyone (HQ included) that it happened. */
  if (!lia_db_exec (db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;",
                    error))
    return NULL;

  return g_steal_pointer (&db);
}

void
lia_db_close (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

gboolean
lia_db_exec (sqlite3     *db,
             const char  *sql,
             GError     **error)
{
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return lia_db_set_error (db, _("running a statement"), error);

  return TRUE;
}

guint
lia_db_get_user_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  guint version = 0;

  g_return_val_if_fail (db != NULL, 0);

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = (guint) sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  return version;
}

gboolean
lia_db_migrate (sqlite3            *db,
                const char * const *migrations,
                guint               n_migrations,
                guint               target_version,
                GError            **error)
{
  guint version;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target_version <= n_migrations, FALSE);

  version = lia_db_get_user_version (db);

  if (version > n_migrations)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_SCHEMA_TOO_NEW,
                   _("This data was written by a newer version of Liaison (data format %u; this version reads up to %u). Update Liaison to open it; nothing was changed."),
                   version, n_migrations);
      return FALSE;
    }

  /* One transaction per step, so a failure leaves the database at the last
   * version that was fully applied. */
  for (; version < target_version; version++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u;", version + 1);
      g_autoptr(GError) local_error = NULL;

      if (!lia_db_exec (db, "BEGIN IMMEDIATE;", error))
        return FALSE;

      if (!lia_db_exec (db, migrations[version], &local_error) ||
          !lia_db_exec (db, bump, &local_error) ||
          !lia_db_exec (db, "COMMIT;", &local_error))
        {
          lia_db_exec (db, "ROLLBACK;", NULL);
          g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                       _("Could not upgrade the data to format %u: %s"),
                       version + 1, local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

sqlite3_stmt *
lia_db_prepare (sqlite3     *db,
                const char  *sql,
                GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      lia_db_set_error (db, _("preparing a statement"), error);
      return NULL;
    }

  return stmt;
}
