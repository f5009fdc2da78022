/* lia-test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "lia-test-store.h"

/* The passphrase the test environment gives the CLI and the app
 * ($LIAISON_PASSPHRASE_FILE, set by tests/meson.build), first line only. */
char *
lia_test_dup_passphrase (void)
{
  const char *path = g_getenv ("LIAISON_PASSPHRASE_FILE");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_nonnull (path);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  contents[strcspn (contents, "\r\n")] = '\0';

  return g_steal_pointer (&contents);
}

/**
 * lia_test_open_store_in_dir:
 * @clock: (nullable): the system clock if %NULL
 *
 * Opens the encrypted store of @data_dir, creating the folder and its key
 * file with the test passphrase if it has none yet.  The store holds the
 * unlocked key for as long as it is open.
 */
LiaStore *
lia_test_open_store_in_dir (const char *data_dir,
                            LiaClock   *clock)
{
  g_autofree char *passphrase = lia_test_dup_passphrase ();
  g_autofree char *path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  LiaStore *store;

  g_assert_cmpint (g_mkdir_with_parents (data_dir, 0700), ==, 0);
  if (lia_vault_exists (data_dir))
    vault = lia_vault_unlock (data_dir, passphrase, &error);
  else
    vault = lia_vault_create (data_dir, passphrase, LIA_VAULT_KDF_TEST, &error);
  g_assert_no_error (error);

  store = lia_store_open_encrypted (path, vault, clock, &error);
  g_assert_no_error (error);

  return store;
}

/**
 * lia_test_open_db_in_dir:
 *
 * Returns: (transfer full): a bare SQLite connection to the encrypted
 *   database of @data_dir (through the encrypting VFS, with the test
 *   passphrase), for a test that looks under the store
 */
sqlite3 *
lia_test_open_db_in_dir (const char *data_dir)
{
  g_autofree char *passphrase = lia_test_dup_passphrase ();
  g_autofree char *path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  vault = lia_vault_unlock (data_dir, passphrase, &error);
  g_assert_no_error (error);
  db = lia_crypt_db_open (path, lia_vault_get_key (vault), &error);
  g_assert_no_error (error);

  return db;
}
