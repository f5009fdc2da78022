/* test-vault.c — encryption at rest of the user database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem() */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "liaison-core.h"
#include "lia-test-util.h"

#include <glib/gstdio.h>
#include <sodium.h>

#include "lia-store-private.h"

#define PASSPHRASE     "correct horse battery staple"
#define CANARY_NAME    "Canary-Brigade-7f3a9c"
#define CANARY_CONTACT "+000-canary-5551234"
#define CANARY_PLACE   "Canaryville-e81d"
#define CANARY_LAT     12.3456789
#define N_ACTORS       300   /* enough pages for the WAL to checkpoint */

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-vault-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, LIA_STORE_FILENAME, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
fill_store (LiaStore *store,
            guint     n)
{
  g_assert_true (lia_store_begin (store, NULL));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u", CANARY_NAME, i);
      g_autoptr(LiaActor) actor = lia_actor_new ("op-canary", name, LIA_ACTOR_TYPE_REBEL_GROUP);
      g_autoptr(GError) error = NULL;

      lia_actor_add_contact (actor, "Focal point", "phone", CANARY_CONTACT);
      lia_actor_add_location (actor, CANARY_LAT, 45.0, CANARY_PLACE);
      lia_store_save (store, LIA_RECORD (actor), &error);
      g_assert_no_error (error);
    }
  g_assert_true (lia_store_commit (store, NULL));
}

static void
assert_integrity (LiaStore *store)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (lia_store_get_db (store), "PRAGMA integrity_check", NULL);

  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
}

static LiaStore *
open_store (Fixture    *f,
            const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = lia_vault_unlock (f->dir, passphrase, &error);
  LiaStore *store;

  g_assert_no_error (error);
  store = lia_store_open_encrypted (f->path, vault, NULL, &error);
  g_assert_no_error (error);

  return store;
}

static void
make_encrypted (Fixture *f,
                guint    n_actors)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = lia_vault_create (f->dir, PASSPHRASE, LIA_VAULT_KDF_TEST, &error);
  g_autoptr(LiaStore) store = NULL;

  g_assert_no_error (error);
  store = lia_store_open_encrypted (f->path, vault, NULL, &error);
  g_assert_no_error (error);
  fill_store (store, n_actors);
}

static void
test_roundtrip (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autofree char *head = NULL;
  g_autofree char *lat = g_strdup_printf ("%.6f", CANARY_LAT - 0.0000004);
  g_autoptr(GError) error = NULL;
  gsize length;

  g_test_message ("%u actors with canary names, contacts and places in an encrypted store", N_ACTORS);
  make_encrypted (f, N_ACTORS);

  g_assert_true (g_file_get_contents (f->path, &head, &length, NULL));
  g_assert_cmpuint (length, >, 4096);
  g_assert_false (g_str_has_prefix (head, "SQLite format 3"));
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_NAME), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_CONTACT), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_PLACE), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, lat), ==, 0);

  store = open_store (f, PASSPHRASE);
  assert_integrity (store);
  /* What retention will do after purging: rebuild the file, in memory. */
  g_assert_true (lia_db_exec (lia_store_get_db (store), "VACUUM;", NULL));
  assert_integrity (store);
  actors = lia_store_list (store, "actor", "op-canary", NULL);
  g_assert_cmpuint (actors->len, ==, N_ACTORS);
  g_assert_true (g_str_has_prefix (lia_actor_get_name (g_ptr_array_index (actors, 0)), CANARY_NAME));
  g_clear_object (&store);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_NAME), ==, 0);

  /* The window's way in, lia_store_open_in_dir(), refuses the folder. */
  store = lia_store_open_in_dir (f->dir, NULL, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_assert_null (store);
}

/* The same search finds the canaries in a store in clear: the search works. */
static void
test_control_plaintext (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, NULL, &error);
  g_autofree char *lat = g_strdup_printf ("%.6f", CANARY_LAT - 0.0000004);

  g_assert_no_error (error);
  fill_store (store, 3);
  g_clear_object (&store);

  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_NAME), >, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_CONTACT), >, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, lat), >, 0);
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *key_path = g_build_filename (f->dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *key_before = NULL, *db_before = NULL;
  g_autofree char *key_after = NULL, *db_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;

  make_encrypted (f, 5);
  key_before = lia_test_file_sha256 (key_path);
  db_before = lia_test_file_sha256 (f->path);

  vault = lia_vault_unlock (f->dir, "wrong horse", &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_assert_null (vault);
  g_assert_nonnull (strstr (error->message, "passphrase is wrong"));

  key_after = lia_test_file_sha256 (key_path);
  db_after = lia_test_file_sha256 (f->path);
  g_assert_cmpstr (key_before, ==, key_after);
  g_assert_cmpstr (db_before, ==, db_after);
}

/* Another data key (a key file from elsewhere) does not open the data. */
static void
test_wrong_key (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LiaCryptKey) key = lia_crypt_key_new_random ();
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  make_encrypted (f, 5);
  db = lia_crypt_db_open (f->path, key, &error);
  if (db != NULL)
    {
      g_assert_cmpint (sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL), !=, SQLITE_OK);
      sqlite3_close (db);
    }
}

static void
test_change_passphrase (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaVault) old = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autofree char *db_before = NULL, *db_after = NULL;

  make_encrypted (f, 5);
  db_before = lia_test_file_sha256 (f->path);

  vault = lia_vault_unlock (f->dir, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (lia_vault_change_passphrase (vault, "new passphrase words", LIA_VAULT_KDF_TEST, &error));
  g_assert_no_error (error);

  db_after = lia_test_file_sha256 (f->path);
  g_assert_cmpstr (db_before, ==, db_after);

  old = lia_vault_unlock (f->dir, PASSPHRASE, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_assert_null (old);

  store = open_store (f, "new passphrase words");
  assert_integrity (store);
}

static void
test_escrow (Fixture       *f,
             gconstpointer  data)
{
  guint8 pk[crypto_box_PUBLICKEYBYTES], sk[crypto_box_SECRETKEYBYTES];
  guint8 other_pk[crypto_box_PUBLICKEYBYTES], other_sk[crypto_box_SECRETKEYBYTES];
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaVault) recovered = NULL;
  g_autoptr(LiaVault) refused = NULL;
  g_autoptr(LiaStore) store = NULL;

  crypto_box_keypair (pk, sk);
  crypto_box_keypair (other_pk, other_sk);
  make_encrypted (f, 5);

  vault = lia_vault_unlock (f->dir, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_false (lia_vault_has_escrow (vault));
  g_assert_true (lia_vault_set_escrow (vault, pk, &error));
  g_assert_true (lia_vault_has_escrow (vault));
  g_clear_object (&vault);

  /* The passphrase still works, and HQ's key opens the data too. */
  store = open_store (f, PASSPHRASE);
  g_clear_object (&store);

  refused = lia_vault_recover (f->dir, other_pk, other_sk, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_clear_error (&error);

  recovered = lia_vault_recover (f->dir, pk, sk, &error);
  g_assert_no_error (error);
  g_assert_true (lia_vault_change_passphrase (recovered, "set by HQ", LIA_VAULT_KDF_TEST, &error));
  store = open_store (f, "set by HQ");
  assert_integrity (store);
}

static void
test_panic (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  gint64 start;

  make_encrypted (f, 20);

  start = g_get_monotonic_time ();
  g_assert_true (lia_vault_wipe_data_dir (f->dir, &error));
  g_assert_no_error (error);
  g_test_message ("panic wipe took %.1f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);

  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  vault = lia_vault_unlock (f->dir, PASSPHRASE, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Never a folder without Liaison data. */
  g_assert_true (g_mkdir (f->dir, 0700) == 0);
  g_assert_false (lia_vault_wipe_data_dir (f->dir, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_assert_true (g_file_test (f->dir, G_FILE_TEST_IS_DIR));
}

/* A database in clear is not opened as an encrypted one, nor the reverse. */
/* A panic wipe after `liaison-cli encrypt` was killed past its commit
 * point (the key file written, the clear database still in place, the
 * encrypted one staged): the clear database is overwritten, not only
 * unlinked.  A hard link made beforehand sees the same blocks. */
static void
test_panic_after_interrupted_encrypt (Fixture       *f,
                                      gconstpointer  data)
{
  g_autofree char *copy = g_strconcat (f->dir, "-encrypted", NULL);
  g_autofree char *outside = g_strconcat (f->dir, "-link.db", NULL);
  g_autofree char *staging = g_build_filename (f->dir, LIA_STORE_ENCRYPT_STAGING, NULL);
  g_autofree char *staged_db = g_build_filename (staging, LIA_STORE_FILENAME, NULL);
  g_autofree char *key_path = g_build_filename (f->dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *copy_db = g_build_filename (copy, LIA_STORE_FILENAME, NULL);
  g_autofree char *copy_key = g_build_filename (copy, LIA_VAULT_FILENAME, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  {
    g_autoptr(LiaStore) plain = lia_store_open (f->path, NULL, &error);

    g_assert_no_error (error);
    fill_store (plain, 5);
  }

  /* The encrypted copy the interrupted run had staged, and its key */
  {
    g_autofree char *command = g_strdup_printf ("cp -a '%s' '%s'", f->dir, copy);

    g_assert_cmpint (system (command), ==, 0);
  }
  g_assert_true (lia_store_encrypt_clear_dir (copy, PASSPHRASE, LIA_VAULT_KDF_TEST, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (staging, 0700), ==, 0);
  g_assert_cmpint (g_rename (copy_db, staged_db), ==, 0);
  g_assert_cmpint (g_rename (copy_key, key_path), ==, 0);
  g_assert_cmpint (link (f->path, outside), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->dir, CANARY_NAME), >, 0);

  g_assert_true (lia_vault_wipe_data_dir (f->dir, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));

  g_assert_true (g_file_get_contents (outside, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 0);
  g_assert_null (g_strstr_len (contents, length, CANARY_NAME));
  g_assert_null (g_strstr_len (contents, length, "SQLite format 3"));

  g_unlink (outside);
  lia_test_remove_tree (copy);
}

static void
test_plaintext_refused (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) plain = lia_store_open (f->path, NULL, &error);
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaStore) store = NULL;

  g_assert_no_error (error);
  g_clear_object (&plain);

  vault = lia_vault_create (f->dir, PASSPHRASE, LIA_VAULT_KDF_TEST, &error);
  g_assert_no_error (error);
  store = lia_store_open_encrypted (f->path, vault, NULL, &error);
  g_assert_null (store);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_DATABASE);
}

/* A worker thread opens its own connection by path, as the sync engine
 * does: while the store is open encrypted, that connection is too. */
static void
test_second_connection (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *db_before = NULL, *db_after = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaStore) second = NULL;
  g_autoptr(LiaStore) after = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;

  make_encrypted (f, 4);
  store = open_store (f, PASSPHRASE);

  second = lia_store_open (f->path, NULL, &error);
  g_assert_no_error (error);
  actors = lia_store_list (second, "actor", "op-canary", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (actors->len, ==, 4);
  fill_store (second, 1);

  g_clear_object (&second);
  g_clear_object (&store);

  /* Once closed, the key is gone: a plain open (a worker thread's after
   * the app locked) is refused and writes nothing. */
  db_before = lia_test_file_sha256 (f->path);
  after = lia_store_open (f->path, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_clear_error (&error);
  db_after = lia_test_file_sha256 (f->path);
  g_assert_cmpstr (db_before, ==, db_after);

  /* Nor is a new database made in clear beside the key file. */
  g_assert_cmpint (g_unlink (f->path), ==, 0);
  after = lia_store_open (f->path, NULL, &error);
  g_assert_null (after);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A changed byte, or a page moved to another place, fails authentication:
 * SQLite reports an error instead of reading forged content. */
static void
test_tamper (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  gsize length = 0;

  for (guint kind = 0; kind < 2; kind++)
    {
      g_autoptr(LiaStore) store = NULL;
      g_autofree char *copy = NULL;
      sqlite3 *db;
      int rc;

      if (kind == 0)
        {
          make_encrypted (f, 40);
          g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
          g_assert_cmpuint (length, >=, 3 * LIA_CRYPT_PAGE_SIZE);
          vault = lia_vault_unlock (f->dir, PASSPHRASE, &error);
          g_assert_no_error (error);
        }

      copy = g_memdup2 (contents, length);
      if (kind == 0)
        copy[LIA_CRYPT_PAGE_SIZE + 100] ^= 1;
      else
        memcpy (copy + LIA_CRYPT_PAGE_SIZE, contents + 2 * LIA_CRYPT_PAGE_SIZE, LIA_CRYPT_PAGE_SIZE);
      g_assert_true (g_file_set_contents (f->path, copy, length, NULL));

      db = lia_crypt_db_open (f->path, lia_vault_get_key (vault), NULL);
      g_assert_nonnull (db);
      rc = sqlite3_exec (db, "SELECT count(*) FROM records; PRAGMA integrity_check;", NULL, NULL, NULL);
      g_assert_cmpint (rc & 0xff, ==, SQLITE_IOERR);
      g_assert_cmpint (sqlite3_extended_errcode (db), ==, SQLITE_IOERR_DATA);
      sqlite3_close (db);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/vault/roundtrip", test_roundtrip);
  ADD ("/vault/control-plaintext", test_control_plaintext);
  ADD ("/vault/wrong-passphrase", test_wrong_passphrase);
  ADD ("/vault/wrong-key", test_wrong_key);
  ADD ("/vault/change-passphrase", test_change_passphrase);
  ADD ("/vault/escrow", test_escrow);
  ADD ("/vault/panic", test_panic);
  ADD ("/vault/panic-after-interrupted-encrypt", test_panic_after_interrupted_encrypt);
  ADD ("/vault/plaintext-refused", test_plaintext_refused);
  ADD ("/vault/second-connection", test_second_connection);
  ADD ("/vault/tamper", test_tamper);
#undef ADD

  return g_test_run ();
}
