/* lia-hq-escrow.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * HQ holds one X25519 key pair (libsodium crypto_box) for recovery.  The
 * public key is in the HQ database (settings, escrow_public_key, base64)
 * and goes to every device enrolled in an operation with escrow on; the
 * device seals its data key to it in its key file.  The secret key is a
 * file of its own beside the database (mode 0600: public key then secret
 * key, 64 bytes), never in the database, never printed, so that a copy of
 * the database alone recovers nothing.  See docs/encryption.md, “HQ
 * recovery”.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-hq-escrow.h"
#include "lia-hq-store-private.h"
#include "lia-vault.h"

#define SETTING_PUBLIC_KEY "escrow_public_key"
#define KEY_FILE_BYTES     (crypto_box_PUBLICKEYBYTES + crypto_box_SECRETKEYBYTES)

void
lia_hq_escrow_operation_free (LiaHqEscrowOperation *operation)
{
  if (operation == NULL)
    return;

  g_free (operation->operation);
  g_free (operation);
}

/* Returns: (transfer full): escrow.key beside @db_path */
char *
lia_hq_escrow_default_key_path (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);

  return g_build_filename (dir, LIA_HQ_ESCROW_KEY_FILENAME, NULL);
}

char *
lia_hq_escrow_dup_public_key (LiaHqStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_HQ_STORE (store), NULL);

  if (!(stmt = lia_db_prepare (lia_hq_store_get_db (store),
                               "SELECT value FROM settings WHERE key = '" SETTING_PUBLIC_KEY "'", NULL)) ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

/* Writes @bytes to a new file @path, readable by its owner only; an
 * existing file is never replaced. */
static gboolean
write_new_private_file (const char    *path,
                        const guint8  *bytes,
                        gsize          length,
                        GError       **error)
{
  g_autofree char *name = g_filename_display_name (path);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gboolean ok;

  if (fd < 0)
    {
      int errsv = errno;

      g_set_error (error, LIA_ERROR, errsv == EEXIST ? LIA_ERROR_CONFLICT : LIA_ERROR_FAILED,
                   errsv == EEXIST
                     ? _("The escrow key file “%s” already exists; HQ has its key pair. Nothing was changed.")
                     : _("Could not create the escrow key file “%s”: %s."),
                   name, g_strerror (errsv));
      return FALSE;
    }

  ok = write (fd, bytes, length) == (gssize) length && fsync (fd) == 0;
  ok = close (fd) == 0 && ok;
  if (!ok)
    {
      g_unlink (path);
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not write the escrow key file “%s”. Check the disk and try again."), name);
    }

  return ok;
}

/**
 * lia_hq_escrow_init:
 * @key_path: where the secret key goes; must not exist
 * @public_key: (out) (optional): the new public key, base64
 *
 * Makes HQ's escrow key pair.  Refused when HQ already has one: devices
 * sealed to it would become unrecoverable.
 */
gboolean
lia_hq_escrow_init (LiaHqStore  *store,
                    const char  *key_path,
                    char       **public_key,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *existing = NULL;
  g_autofree char *encoded = NULL;
  sqlite3 *db;
  guint8 *pair;
  gboolean ok;

  g_return_val_if_fail (LIA_IS_HQ_STORE (store), FALSE);
  g_return_val_if_fail (key_path != NULL, FALSE);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  if ((existing = lia_hq_escrow_dup_public_key (store)) != NULL)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                           _("HQ already has an escrow key pair; devices are sealed to it. Nothing was changed."));
      return FALSE;
    }

  db = lia_hq_store_get_db (store);
  if (!(stmt = lia_db_prepare (db,
                               "INSERT INTO settings (key, value) VALUES ('" SETTING_PUBLIC_KEY "', ?1)",
                               error)))
    return FALSE;

  pair = sodium_malloc (KEY_FILE_BYTES);
  crypto_box_keypair (pair, pair + crypto_box_PUBLICKEYBYTES);
  encoded = g_base64_encode (pair, crypto_box_PUBLICKEYBYTES);
  ok = write_new_private_file (key_path, pair, KEY_FILE_BYTES, error);
  sodium_free (pair);
  if (!ok)
    return FALSE;

  sqlite3_bind_text (stmt, 1, encoded, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      g_unlink (key_path);
      return lia_db_set_error (db, _("saving HQ's escrow key"), error);
    }

  if (public_key != NULL)
    *public_key = g_steal_pointer (&encoded);
  return TRUE;
}

gboolean
lia_hq_escrow_set_operation (LiaHqStore  *store,
                             const char  *operation,
                             gboolean     escrow,
                             GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *public_key = NULL;
  sqlite3 *db;

  g_return_val_if_fail (LIA_IS_HQ_STORE (store), FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);

  if (escrow && !(public_key = lia_hq_escrow_dup_public_key (store)))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("HQ has no escrow key yet: run “liaison-hq escrow init” first."));
      return FALSE;
    }

  db = lia_hq_store_get_db (store);
  if (!(stmt = lia_db_prepare (db,
                               "INSERT INTO operations (id, name, escrow) VALUES (?1, ?1, ?2)"
                               " ON CONFLICT (id) DO UPDATE SET escrow = excluded.escrow",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, escrow ? 1 : 0);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("saving the escrow of an operation"), error);

  return TRUE;
}

GPtrArray *
lia_hq_escrow_list_operations (LiaHqStore  *store,
                               GError     **error)
{
  g_autoptr(GPtrArray) operations = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_hq_escrow_operation_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (store), NULL);

  db = lia_hq_store_get_db (store);
  if (!(stmt = lia_db_prepare (db, "SELECT id, escrow FROM operations ORDER BY id", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaHqEscrowOperation *operation = g_new0 (LiaHqEscrowOperation, 1);

      operation->operation = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      operation->escrow = sqlite3_column_int (stmt, 1) != 0;
      g_ptr_array_add (operations, operation);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("reading the operations"), error);
      return NULL;
    }

  return g_steal_pointer (&operations);
}

/* Returns: (transfer full) (nullable): the public key a device enrolled in
 * @operation seals its data key to, or %NULL when the operation has no
 * escrow */
char *
lia_hq_escrow_for_operation (LiaHqStore *store,
                             const char *operation)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_HQ_STORE (store), NULL);

  if (!(stmt = lia_db_prepare (lia_hq_store_get_db (store),
                               "SELECT escrow FROM operations WHERE id = ?1", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, operation, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_int (stmt, 0) == 0)
    return NULL;

  return lia_hq_escrow_dup_public_key (store);
}

/**
 * lia_hq_escrow_recover:
 * @hq_key_path: HQ's escrow key file
 * @vault_key_path: the laptop's vault.key
 * @new_passphrase: the temporary passphrase of the new key file
 * @output_path: the new key file; must not exist
 *
 * Writes a key file that opens the laptop's data with @new_passphrase.
 * Nothing is written on any error.
 */
gboolean
lia_hq_escrow_recover (const char  *hq_key_path,
                       const char  *vault_key_path,
                       const char  *new_passphrase,
                       const char  *output_path,
                       GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (hq_key_path != NULL && vault_key_path != NULL, FALSE);

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  if (!g_file_get_contents (hq_key_path, &contents, &length, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("Could not read HQ’s escrow key file: %s."), local_error->message);
      return FALSE;
    }

  if (length != KEY_FILE_BYTES)
    {
      sodium_memzero (contents, length);
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This is not an escrow key file of liaison-hq (it should hold 64 bytes). Give the file “liaison-hq escrow init” wrote."));
      return FALSE;
    }

  /* Argon2id at the default level: the officer's data is worth it. */
  ok = lia_vault_recover_key_file (vault_key_path, (const guint8 *) contents,
                                   (const guint8 *) contents + crypto_box_PUBLICKEYBYTES,
                                   new_passphrase, lia_vault_kdf_from_env (), output_path, error);
  sodium_memzero (contents, length);

  return ok;
}
