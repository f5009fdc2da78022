/* lia-store-encrypt.c — encrypting a clear data folder in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A data folder made before encryption (or by a test that asked for a
 * clear one) is encrypted without losing a record:
 *
 *  1. everything is prepared in a staging folder inside the data folder,
 *     DATA/.liaison-encrypting: a new key file, an encrypted compacted
 *     copy of the database (VACUUM INTO through the encrypting VFS),
 *     checked (integrity_check, the same number of rows in every table),
 *     and every attachment sealed under its keyed name; all synced;
 *  2. the commit: the staged key file is renamed to DATA/vault.key (one
 *     atomic rename, the directory synced);
 *  3. lia_store_encrypt_finish(): the clear database, its WAL and shared
 *     memory, and the clear attachments are overwritten with zeros,
 *     synced and removed, and the staged database and attachments are
 *     renamed into their place.
 *
 * An interruption before the commit leaves the clear folder as it was
 * (plus a staging folder that the next attempt removes); an interruption
 * after it leaves a key file and a staging folder, and the next unlock
 * (lia_vault_unlock() calls lia_store_encrypt_finish()) completes step 3,
 * which may be repeated any number of times.  Never neither.
 *
 * Overwriting the clear files is best effort: on an SSD or a journaling or
 * copy-on-write file system the old blocks may survive.  A new encrypted
 * folder, filled through sync or a handover, leaves nothing behind.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lia-attachments.h"
#include "lia-crypt-vfs.h"
#include "lia-error.h"
#include "lia-store.h"
#include "lia-store-encrypt.h"

#define ATTACHMENTS_DIR "attachments"

static gboolean
io_error (GError     **error,
          const char  *path,
          int          errsv)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
               _("Could not encrypt the data folder at “%s”: %s. Check that the disk is not full and the folder writable, then run the command again; nothing was lost."),
               name, g_strerror (errsv));
  return FALSE;
}

static gboolean
sync_path (const char  *path,
           GError     **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0 || fsync (fd) != 0)
    {
      int errsv = errno;

      if (fd >= 0)
        close (fd);
      return io_error (error, path, errsv);
    }

  close (fd);
  return TRUE;
}

/* Overwrites a clear file with zeros, syncs and removes it. */
static gboolean
scrub_file (const char  *path,
            GError     **error)
{
  static const guint8 zeros[64 * 1024];
  struct stat st;
  int fd;

  fd = g_open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      if (errno == ENOENT)
        return TRUE;
      if (errno != ELOOP)
        return io_error (error, path, errno);
    }
  else
    {
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
        {
          for (off_t at = 0; at < st.st_size; at += sizeof zeros)
            {
              gsize n = MIN ((off_t) sizeof zeros, st.st_size - at);

              if (pwrite (fd, zeros, n, at) != (gssize) n)
                {
                  int errsv = errno;

                  close (fd);
                  return io_error (error, path, errsv);
                }
            }
          fsync (fd);
        }
      close (fd);
    }

  if (g_unlink (path) != 0 && errno != ENOENT)
    return io_error (error, path, errno);

  return TRUE;
}

/* Removes @path and what it holds, overwriting files first if @scrub. */
static gboolean
remove_tree (const char  *path,
             gboolean     scrub,
             GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT ? TRUE : io_error (error, path, errno);

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!remove_tree (child, scrub, error))
            return FALSE;
        }

      if (g_rmdir (path) != 0)
        return io_error (error, path, errno);
      return TRUE;
    }

  if (scrub)
    return scrub_file (path, error);

  if (g_unlink (path) != 0 && errno != ENOENT)
    return io_error (error, path, errno);

  return TRUE;
}

static gboolean
db_error (sqlite3     *db,
          const char  *path,
          GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
               _("Could not encrypt the database “%s”: %s. Close Liaison if it is open and run the command again; nothing was changed."),
               name, db != NULL ? sqlite3_errmsg (db) : "out of memory");
  return FALSE;
}

/* Rows in every table, by table: what an encrypted copy must hold too. */
static GHashTable *
count_rows (sqlite3     *db,
            const char  *path,
            GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                              " AND name NOT LIKE 'sqlite_%'", -1, &stmt, NULL) != SQLITE_OK)
    {
      db_error (db, path, error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      db_error (db, path, error);
      return NULL;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      char *sql = sqlite3_mprintf ("SELECT count(*) FROM \"%w\"", table);

      rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
      sqlite3_free (sql);
      if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_finalize (stmt);
          db_error (db, path, error);
          return NULL;
        }
      g_hash_table_insert (counts, g_strdup (table), GSIZE_TO_POINTER (sqlite3_column_int64 (stmt, 0) + 1));
      sqlite3_finalize (stmt);
    }

  return g_steal_pointer (&counts);
}

static gboolean
same_counts (GHashTable *a,
             GHashTable *b)
{
  GHashTableIter iter;
  gpointer key, value;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_lookup (b, key) != value)
      return FALSE;

  return TRUE;
}

/* Opens the staged copy through the encrypting VFS and checks it holds
 * what the clear database holds. */
static gboolean
check_copy (const char   *path,
            LiaCryptKey  *key,
            GHashTable   *expected,
            GError      **error)
{
  g_autoptr(GHashTable) counts = NULL;
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (!(db = lia_crypt_db_open (path, key, error)))
    return FALSE;

  ok = sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_step (stmt) == SQLITE_ROW &&
       g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
  sqlite3_finalize (stmt);

  if (ok)
    {
      counts = count_rows (db, path, error);
      if (counts == NULL)
        {
          sqlite3_close_v2 (db);
          return FALSE;
        }
      ok = same_counts (counts, expected);
    }
  sqlite3_close_v2 (db);

  if (!ok)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_DATABASE,
                           _("The encrypted copy of the database does not hold the same records as the original; the data folder was left in clear. Check the disk and try again."));
      return FALSE;
    }

  return TRUE;
}

/* Returns: a connection to the clear database, or NULL */
static sqlite3 *
open_clear (const char  *path,
            GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  sqlite3 *db = NULL;

  if (sqlite3_open_v2 (absolute, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK ||
      sqlite3_busy_timeout (db, 2000) != SQLITE_OK ||
      /* Sorts and temporary tables in memory: never a clear copy in $TMPDIR. */
      sqlite3_exec (db, "PRAGMA temp_store = MEMORY;", NULL, NULL, NULL) != SQLITE_OK)
    {
      db_error (db, path, error);
      sqlite3_close_v2 (db);
      return NULL;
    }

  return db;
}

/**
 * lia_store_dir_get_state:
 *
 * Tells a new folder, a clear one, an encrypted one and an encrypted
 * database whose key file is gone (after a panic wipe, or a backup taken
 * without it) apart, without a passphrase.
 */
LiaStoreDirState
lia_store_dir_get_state (const char *data_dir)
{
  g_autofree char *db_path = NULL;
  char header[16] = { 0 };
  gssize n = 0;
  int fd;

  g_return_val_if_fail (data_dir != NULL, LIA_STORE_DIR_EMPTY);

  if (lia_vault_exists (data_dir))
    return LIA_STORE_DIR_ENCRYPTED;

  db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  fd = g_open (db_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    return LIA_STORE_DIR_EMPTY;
  n = read (fd, header, sizeof header);
  close (fd);

  /* An empty file is what SQLite makes of a database not written yet. */
  if (n <= 0 || memcmp (header, "SQLite format 3", 16) == 0)
    return LIA_STORE_DIR_CLEAR;

  return LIA_STORE_DIR_KEY_MISSING;
}

/* Sets an error saying what to do if @data_dir has lost its key file. */
gboolean
lia_store_dir_check_key_missing (const char  *data_dir,
                                 GError     **error)
{
  g_autofree char *name = NULL;

  if (lia_store_dir_get_state (data_dir) != LIA_STORE_DIR_KEY_MISSING)
    return TRUE;

  name = g_filename_display_name (data_dir);
  g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
               _("The data folder “%s” holds an encrypted database without its key file (vault.key): it cannot be opened, with or without the passphrase. Restore the key file, or ask HQ to recover the data if recovery was enabled."),
               name);
  return FALSE;
}

/**
 * lia_store_encrypt_clear_dir:
 * @data_dir: a data folder in clear
 * @passphrase: the passphrase of the encrypted folder
 * @kdf: how much Argon2id work protects it
 *
 * Encrypts the database and attachments of @data_dir in place (see the
 * top of this file).  A folder already encrypted, or without a database,
 * is refused, but for one whose encryption was interrupted after its
 * commit: with the right passphrase, that one is completed.  Liaison must not be using the folder meanwhile: a folder in
 * use is refused while it writes, and a write between the copy and the
 * switch would be lost.
 */
gboolean
lia_store_encrypt_clear_dir (const char   *data_dir,
                             const char   *passphrase,
                             LiaVaultKdf   kdf,
                             GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *staging = NULL;
  g_autofree char *staged_db = NULL;
  g_autofree char *staged_key = NULL;
  g_autofree char *staged_attachments = NULL;
  g_autofree char *attachments = NULL;
  g_autofree char *key_path = NULL;
  g_autoptr(GHashTable) counts = NULL;
  g_autoptr(LiaVault) vault = NULL;
  sqlite3 *lock = NULL;
  sqlite3 *clear = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  name = g_filename_display_name (data_dir);
  db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  key_path = g_build_filename (data_dir, LIA_VAULT_FILENAME, NULL);
  staging = g_build_filename (data_dir, LIA_STORE_ENCRYPT_STAGING, NULL);
  staged_db = g_build_filename (staging, LIA_STORE_FILENAME, NULL);
  staged_key = g_build_filename (staging, LIA_VAULT_FILENAME, NULL);
  staged_attachments = g_build_filename (staging, ATTACHMENTS_DIR, NULL);
  attachments = g_build_filename (data_dir, ATTACHMENTS_DIR, NULL);

  if (lia_vault_exists (data_dir))
    {
      /* An earlier run interrupted after its commit: its clear files are
       * still there, and running the command again is what a person
       * does.  The unlock checks the passphrase and completes it. */
      if (g_file_test (staging, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(LiaVault) done = lia_vault_unlock (data_dir, passphrase, error);

          return done != NULL;
        }

      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("The data folder “%s” is already encrypted; nothing was changed."), name);
      return FALSE;
    }
  if (!lia_store_dir_check_key_missing (data_dir, error))
    return FALSE;
  if (!g_file_test (db_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("“%s” holds no Liaison database to encrypt. Check the --data-dir folder."), name);
      return FALSE;
    }

  /* What an earlier attempt left before its commit: a key nobody uses. */
  if (!remove_tree (staging, FALSE, error))
    return FALSE;

  /* Nobody writes the clear database while it is copied: one connection
   * holds the write lock, another (WAL readers are not blocked) copies. */
  if (!(lock = open_clear (db_path, error)))
    return FALSE;
  if (sqlite3_exec (lock, "BEGIN IMMEDIATE;", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("The data folder “%s” is in use. Close Liaison and run the command again; nothing was changed."),
                   name);
      goto out;
    }

  if (!(clear = open_clear (db_path, error)) ||
      !(counts = count_rows (clear, db_path, error)) ||
      !(vault = lia_vault_create (staging, passphrase, kdf, error)) ||
      !lia_crypt_db_vacuum_into (clear, staged_db, lia_vault_get_key (vault), error) ||
      !check_copy (staged_db, lia_vault_get_key (vault), counts, error) ||
      !lia_attachments_seal_dir (attachments, staged_attachments, lia_vault_get_key (vault), error) ||
      !sync_path (staged_db, error) ||
      (g_file_test (staged_attachments, G_FILE_TEST_IS_DIR) && !sync_path (staged_attachments, error)) ||
      !sync_path (staging, error))
    goto out;

  g_clear_pointer (&clear, sqlite3_close_v2);
  sqlite3_exec (lock, "ROLLBACK;", NULL, NULL, NULL);
  g_clear_pointer (&lock, sqlite3_close_v2);

  /* The commit: from here on the folder is encrypted. */
  if (g_rename (staged_key, key_path) != 0)
    {
      io_error (error, key_path, errno);
      goto out;
    }
  if (!sync_path (data_dir, error))
    goto out;

  ok = lia_store_encrypt_finish (data_dir, error);

out:
  g_clear_pointer (&clear, sqlite3_close_v2);
  g_clear_pointer (&lock, sqlite3_close_v2);
  if (!ok && !lia_vault_exists (data_dir))
    remove_tree (staging, FALSE, NULL);

  return ok;
}

/**
 * lia_store_encrypt_scrub_clear:
 *
 * For the panic wipe: overwrites what an interrupted encryption left in
 * clear in @data_dir (the clear database, its journal files and the clear
 * attachments, which lia_store_encrypt_finish() would have overwritten at
 * the next unlock), without a key.  Does nothing for any other folder.
 */
gboolean
lia_store_encrypt_scrub_clear (const char  *data_dir,
                               GError     **error)
{
  static const char * const clear_suffixes[] = { "-wal", "-shm", "-journal", "" };
  g_autofree char *staging = NULL;
  g_autofree char *staged_db = NULL;
  g_autofree char *staged_attachments = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  staging = g_build_filename (data_dir, LIA_STORE_ENCRYPT_STAGING, NULL);
  if (!g_file_test (staging, G_FILE_TEST_IS_DIR))
    return TRUE;

  /* While the staged database waits, the one in its place is the clear
   * one; the same for the attachments. */
  staged_db = g_build_filename (staging, LIA_STORE_FILENAME, NULL);
  if (g_file_test (staged_db, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (clear_suffixes); i++)
        {
          g_autofree char *path = g_strconcat (db_path, clear_suffixes[i], NULL);

          if (!scrub_file (path, error))
            return FALSE;
        }
    }

  staged_attachments = g_build_filename (staging, ATTACHMENTS_DIR, NULL);
  if (g_file_test (staged_attachments, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *attachments = g_build_filename (data_dir, ATTACHMENTS_DIR, NULL);

      if (!remove_tree (attachments, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * lia_store_encrypt_finish:
 *
 * Completes an encryption in place whose commit (the key file) is done:
 * overwrites and removes the clear files and moves the encrypted ones
 * into their place.  Does nothing for any other folder, so it is safe to
 * call before every unlock; lia_vault_unlock() does.
 */
gboolean
lia_store_encrypt_finish (const char  *data_dir,
                          GError     **error)
{
  static const char * const clear_suffixes[] = { "-wal", "-shm", "-journal", "" };
  g_autofree char *staging = NULL;
  g_autofree char *staged_db = NULL;
  g_autofree char *staged_attachments = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *attachments = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  staging = g_build_filename (data_dir, LIA_STORE_ENCRYPT_STAGING, NULL);
  if (!lia_vault_exists (data_dir) || !g_file_test (staging, G_FILE_TEST_IS_DIR))
    return TRUE;

  staged_db = g_build_filename (staging, LIA_STORE_FILENAME, NULL);
  staged_attachments = g_build_filename (staging, ATTACHMENTS_DIR, NULL);
  db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  attachments = g_build_filename (data_dir, ATTACHMENTS_DIR, NULL);

  if (g_file_test (staged_db, G_FILE_TEST_IS_REGULAR))
    {
      for (guint i = 0; i < G_N_ELEMENTS (clear_suffixes); i++)
        {
          g_autofree char *path = g_strconcat (db_path, clear_suffixes[i], NULL);

          if (!scrub_file (path, error))
            return FALSE;
        }

      if (g_rename (staged_db, db_path) != 0)
        return io_error (error, db_path, errno);
      if (!sync_path (data_dir, error))
        return FALSE;
    }

  if (g_file_test (staged_attachments, G_FILE_TEST_IS_DIR))
    {
      if (!remove_tree (attachments, TRUE, error))
        return FALSE;
      if (g_rename (staged_attachments, attachments) != 0)
        return io_error (error, attachments, errno);
    }

  return remove_tree (staging, FALSE, error) && sync_path (data_dir, error);
}
