/* lia-db.h — SQLite plumbing shared by the field store and the HQ store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

sqlite3  *lia_db_open      (const char          *path,
                            GError             **error);
void      lia_db_close     (sqlite3             *db);
gboolean  lia_db_exec      (sqlite3             *db,
                            const char          *sql,
                            GError             **error);
sqlite3_stmt *lia_db_prepare (sqlite3         *db,
                            const char          *sql,
                            GError             **error);
gboolean  lia_db_set_error (sqlite3             *db,
                            const char          *doing,
                            GError             **error);
guint     lia_db_get_user_version (sqlite3      *db);
gboolean  lia_db_migrate   (sqlite3             *db,
                            const char * const  *migrations,
                            guint                n_migrations,
                            guint                target_version,
                            GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3, lia_db_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
