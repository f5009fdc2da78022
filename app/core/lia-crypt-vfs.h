/* lia-crypt-vfs.h — an SQLite VFS that encrypts the user database at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define LIA_CRYPT_VFS_NAME   "liaison-crypt"
#define LIA_CRYPT_KEY_BYTES  32
/* Every encrypted database uses this page size; the last
 * LIA_CRYPT_RESERVE_BYTES of each page (SQLite's “reserved bytes”) hold the
 * page's nonce and authentication tag. */
#define LIA_CRYPT_PAGE_SIZE     4096
#define LIA_CRYPT_RESERVE_BYTES 40

typedef struct _LiaCryptKey LiaCryptKey;

LiaCryptKey  *lia_crypt_key_new_random     (void);
LiaCryptKey  *lia_crypt_key_new_from_bytes (const guint8  *bytes);
LiaCryptKey  *lia_crypt_key_ref            (LiaCryptKey   *key);
void          lia_crypt_key_unref          (LiaCryptKey   *key);
const guint8 *lia_crypt_key_peek           (LiaCryptKey   *key);

sqlite3      *lia_crypt_db_open            (const char    *path,
                                            LiaCryptKey   *key,
                                            GError       **error);
gboolean      lia_crypt_db_vacuum_into     (sqlite3       *db,
                                            const char    *path,
                                            LiaCryptKey   *key,
                                            GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaCryptKey, lia_crypt_key_unref)

G_END_DECLS
