/* test-cli-vault.c — encrypted data folders through liaison-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem() */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "liaison-core.h"
#include "lia-test-cli.h"
#include "lia-test-util.h"

#define CANARY_NAME    "Canary-Militia-4b1e0d"
#define CANARY_ALIAS   "Canary-Alias-90c2"
#define CANARY_WHO     "Canary-Colonel-77aa"
#define CANARY_PHONE   "+000-canary-8675309"
#define CANARY_PLACE   "Canary-Crossing-5e3f"
#define CANARY_GOALS   "Canary-goal-control-of-the-bridge"
#define CANARY_LAT     "-3.1415926"
#define CANARY_LON     "29.7182818"

static const char * const canaries[] = {
  CANARY_NAME, CANARY_ALIAS, CANARY_WHO, CANARY_PHONE, CANARY_PLACE, CANARY_GOALS,
  "3.141592", "29.718281",
};

static char *cli_tmp_dir;

typedef struct
{
  char *root;        /* everything of the test, removed at the end */
  char *data_dir;
  const char *tmp_dir;  /* $TMPDIR of the CLI runs */
  char *passphrase;  /* files holding passphrases */
  char *other;
  char *wrong;
} Fixture;

static char *
write_secret (const char *root,
              const char *name,
              const char *text)
{
  char *path = g_build_filename (root, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->root = g_dir_make_tmp ("liaison-cli-vault-XXXXXX", NULL);
  g_assert_nonnull (f->root);
  f->data_dir = g_build_filename (f->root, "data", NULL);
  f->tmp_dir = cli_tmp_dir;
  f->passphrase = write_secret (f->root, "pass", "hold the line at dawn\n");
  f->other = write_secret (f->root, "other", "a different passphrase\n");
  f->wrong = write_secret (f->root, "wrong", "hold the line at dusk\n");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->root);
  lia_test_remove_tree (f->tmp_dir);
  g_assert_cmpint (g_mkdir (f->tmp_dir, 0700), ==, 0);
  g_free (f->root);
  g_free (f->data_dir);
  g_free (f->passphrase);
  g_free (f->other);
  g_free (f->wrong);
}

static void
assert_no_canary (Fixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    {
      g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, canaries[i]), ==, 0);
      g_assert_cmpuint (lia_test_count_files_holding (f->tmp_dir, canaries[i]), ==, 0);
    }
}

static void
assert_ok (LiaTestRun *run)
{
  if (run->status != 0)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 0);
}

/* An encrypted folder with one actor full of canaries. */
static void
make_canary_folder (Fixture *f)
{
  g_autoptr(LiaTestRun) init = NULL;
  g_autoptr(LiaTestRun) add = NULL;
  g_autoptr(LiaTestRun) list = NULL;

  init = lia_test_run_cli (f->data_dir, "init", "--passphrase-file", f->passphrase);
  assert_ok (init);
  g_assert_nonnull (strstr (init->out, "encrypted"));

  add = lia_test_run_cli (f->data_dir, "actors", "add", CANARY_NAME,
                          "--passphrase-file", f->passphrase,
                          "--operation", "op-canary", "--type", "rebel-group",
                          "--alias", CANARY_ALIAS,
                          "--contact", CANARY_WHO "|phone|" CANARY_PHONE,
                          "--lat", CANARY_LAT, "--lon", CANARY_LON,
                          "--place", CANARY_PLACE, "--goals", CANARY_GOALS);
  assert_ok (add);

  /* It is there, for whoever has the passphrase. */
  list = lia_test_run_cli (f->data_dir, "actors", "list", "--operation", "op-canary",
                           "--passphrase-file", f->passphrase);
  assert_ok (list);
  g_assert_nonnull (strstr (list->out, CANARY_NAME));
}

static void
test_canary (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
  g_autofree char *head = NULL;
  gsize length = 0;

  make_canary_folder (f);

  assert_no_canary (f);
  g_assert_true (g_file_get_contents (db_path, &head, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  g_assert_null (memmem (head, length, "SQLite format 3", 15));
}

/* A data folder in clear, as tests that ask for one (and Liaison before
 * encryption) made them: the operation and an attachment are canaries. */
static void
make_clear_folder (Fixture *f)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (CANARY_GOALS, strlen (CANARY_GOALS));
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autoptr(GError) error = NULL;

  store = lia_store_open_in_dir (f->data_dir, NULL, &error);
  g_assert_no_error (error);
  lia_store_set_setting (store, "operation", CANARY_NAME, &error);
  g_assert_no_error (error);
  lia_attachment_store (store, sha256, bytes, &error);
  g_assert_no_error (error);
}

/* Without encryption the same search finds them: the search works. */
static void
test_canary_control (Fixture       *f,
                     gconstpointer  data)
{
  make_clear_folder (f);

  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, CANARY_NAME), >, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, CANARY_GOALS), >, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, "SQLite format 3"), >, 0);
}

static void
test_no_passphrase (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(LiaTestRun) list = NULL;

  make_canary_folder (f);

  list = lia_test_run_cli (f->data_dir, "actors", "list", "--operation", "op-canary");
  g_assert_cmpint (list->status, ==, 1);
  g_assert_nonnull (strstr (list->err, "encrypted"));
  g_assert_nonnull (strstr (list->err, "--passphrase-file"));
  g_assert_nonnull (strstr (list->err, "LIAISON_PASSPHRASE_FILE"));
  g_assert_null (strstr (list->out, CANARY_NAME));
}

static void
test_wrong_passphrase (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
  g_autofree char *key_path = g_build_filename (f->data_dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *db_before = NULL, *key_before = NULL;
  g_autofree char *db_after = NULL, *key_after = NULL;
  g_autoptr(LiaTestRun) add = NULL;
  g_autoptr(LiaTestRun) passwd = NULL;

  make_canary_folder (f);
  db_before = lia_test_file_sha256 (db_path);
  key_before = lia_test_file_sha256 (key_path);

  add = lia_test_run_cli (f->data_dir, "actors", "add", "Someone else",
                          "--operation", "op-canary", "--type", "rebel-group",
                          "--passphrase-file", f->wrong);
  g_assert_cmpint (add->status, ==, 1);
  g_assert_nonnull (strstr (add->err, "passphrase is wrong"));

  passwd = lia_test_run_cli (f->data_dir, "passwd", "--passphrase-file", f->wrong,
                             "--new-passphrase-file", f->other);
  g_assert_cmpint (passwd->status, ==, 1);
  g_assert_nonnull (strstr (passwd->err, "passphrase is wrong"));

  db_after = lia_test_file_sha256 (db_path);
  key_after = lia_test_file_sha256 (key_path);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpstr (key_before, ==, key_after);
}

/* Runs liaison-cli with the passphrase file in $LIAISON_PASSPHRASE_FILE. */
static LiaTestRun *
run_with_env_passphrase (Fixture    *f,
                         const char *arg1,
                         const char *arg2,
                         const char *arg3)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  LiaTestRun *run = g_new0 (LiaTestRun, 1);

  g_subprocess_launcher_setenv (launcher, "LIAISON_DATA_DIR", f->data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LIAISON_PASSPHRASE_FILE", f->passphrase, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("LIAISON_CLI"),
                                         arg1, arg2, arg3, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  return run;
}

/* Any command on a folder that does not exist yet creates it encrypted. */
static void
test_implicit_create (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *key_path = g_build_filename (f->data_dir, LIA_VAULT_FILENAME, NULL);
  g_autoptr(LiaTestRun) set = NULL;
  g_autoptr(LiaTestRun) show = NULL;

  set = run_with_env_passphrase (f, "operation", "set", "op-env");
  show = run_with_env_passphrase (f, "operation", "show", NULL);

  assert_ok (set);
  assert_ok (show);
  g_assert_cmpstr (show->out, ==, "op-env\n");
  g_assert_true (g_file_test (key_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, "op-env"), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, "SQLite format 3"), ==, 0);
}

static void
test_passwd (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
  g_autofree char *db_before = NULL, *db_after = NULL;
  g_autoptr(LiaTestRun) passwd = NULL;
  g_autoptr(LiaTestRun) old = NULL;
  g_autoptr(LiaTestRun) list = NULL;
  GStatBuf before, after;

  make_canary_folder (f);
  db_before = lia_test_file_sha256 (db_path);
  g_assert_cmpint (g_stat (db_path, &before), ==, 0);

  passwd = lia_test_run_cli (f->data_dir, "passwd", "--passphrase-file", f->passphrase,
                             "--new-passphrase-file", f->other);
  assert_ok (passwd);

  old = lia_test_run_cli (f->data_dir, "actors", "list", "--operation", "op-canary",
                          "--passphrase-file", f->passphrase);
  g_assert_cmpint (old->status, ==, 1);
  g_assert_nonnull (strstr (old->err, "passphrase is wrong"));

  db_after = lia_test_file_sha256 (db_path);
  g_assert_cmpint (g_stat (db_path, &after), ==, 0);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);

  list = lia_test_run_cli (f->data_dir, "actors", "list", "--operation", "op-canary",
                           "--passphrase-file", f->other);
  assert_ok (list);
  g_assert_nonnull (strstr (list->out, CANARY_NAME));
}

static void
test_panic (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *key_path = g_build_filename (f->data_dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *key_link = g_build_filename (f->root, "key-link", NULL);
  g_autofree char *key_before = NULL, *key_after = NULL;
  g_autoptr(LiaTestRun) refused = NULL;
  g_autoptr(LiaTestRun) panic = NULL;
  g_autoptr(LiaTestRun) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  const char *ms;

  make_canary_folder (f);

  /* A second name for the key file shows that its bytes were destroyed,
   * not only its name. */
  g_assert_cmpint (link (key_path, key_link), ==, 0);
  key_before = lia_test_file_sha256 (key_link);

  refused = lia_test_run_cli (f->data_dir, "panic");
  g_assert_cmpint (refused->status, ==, 2);
  g_assert_nonnull (strstr (refused->err, "--yes"));
  g_assert_true (g_file_test (key_path, G_FILE_TEST_EXISTS));

  panic = lia_test_run_cli (f->data_dir, "panic", "--yes");
  assert_ok (panic);
  ms = strstr (panic->out, " in ");
  g_assert_nonnull (ms);
  g_test_message ("%s", panic->out);
  g_assert_cmpfloat (g_ascii_strtod (ms + 4, NULL), <, 1000.0);

  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
  key_after = lia_test_file_sha256 (key_link);
  g_assert_cmpstr (key_before, !=, key_after);
  g_assert_cmpuint (lia_test_count_files_holding (f->root, CANARY_NAME), ==, 0);

  /* The right passphrase opens nothing: there is nothing left to open. */
  vault = lia_vault_unlock (f->data_dir, "hold the line at dawn", &error);
  g_assert_null (vault);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);

  list = lia_test_run_cli (f->data_dir, "actors", "list", "--operation", "op-canary",
                           "--passphrase-file", f->passphrase);
  g_assert_null (strstr (list->out, CANARY_NAME));
  assert_no_canary (f);
}

/* The CLI never opens a folder in clear, and says how to encrypt it;
 * “encrypt” does, in place, attachments too. */
static void
test_clear_folder_encrypt (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (CANARY_GOALS, strlen (CANARY_GOALS));
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_autofree char *db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
  g_autofree char *clear_attachment = g_build_filename (f->data_dir, "attachments", sha256, NULL);
  g_autofree char *staging = g_build_filename (f->data_dir, LIA_STORE_ENCRYPT_STAGING, NULL);
  g_autofree char *attachment = NULL;
  g_autofree char *leftover = g_build_filename (staging, LIA_VAULT_FILENAME, NULL);
  g_autofree char *db_before = NULL, *db_after = NULL;
  g_autoptr(LiaTestRun) without = NULL;
  g_autoptr(LiaTestRun) with = NULL;
  g_autoptr(LiaTestRun) encrypt = NULL;
  g_autoptr(LiaTestRun) again = NULL;
  g_autoptr(LiaTestRun) show = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;

  make_clear_folder (f);
  db_before = lia_test_file_sha256 (db_path);

  without = lia_test_run_cli (f->data_dir, "operation", "show");
  with = lia_test_run_cli (f->data_dir, "operation", "show", "--passphrase-file", f->passphrase);
  for (LiaTestRun *run = without; run != NULL; run = run == without ? with : NULL)
    {
      g_assert_cmpint (run->status, ==, 1);
      g_assert_nonnull (strstr (run->err, "is not encrypted. Encrypt it with: liaison-cli encrypt"));
      g_assert_null (strstr (run->out, CANARY_NAME));
    }
  /* Refused means untouched, and nothing was created beside it. */
  db_after = lia_test_file_sha256 (db_path);
  g_assert_cmpstr (db_before, ==, db_after);
  g_assert_false (lia_vault_exists (f->data_dir));

  /* A leftover of an attempt interrupted before its commit is ignored. */
  g_assert_cmpint (g_mkdir (staging, 0700), ==, 0);
  g_assert_true (g_file_set_contents (leftover, "junk", -1, NULL));

  encrypt = lia_test_run_cli (f->data_dir, "encrypt", "--passphrase-file", f->passphrase);
  assert_ok (encrypt);
  g_assert_nonnull (strstr (encrypt->out, "Encrypted the data folder"));
  g_assert_true (lia_vault_exists (f->data_dir));
  g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (clear_attachment, G_FILE_TEST_EXISTS));

  assert_no_canary (f);
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, CANARY_GOALS), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, "SQLite format 3"), ==, 0);
  g_assert_cmpuint (lia_test_count_files_holding (f->data_dir, sha256), ==, 0);

  show = lia_test_run_cli (f->data_dir, "operation", "show", "--passphrase-file", f->passphrase);
  assert_ok (show);
  g_assert_cmpstr (show->out, ==, CANARY_NAME "\n");

  again = lia_test_run_cli (f->data_dir, "encrypt", "--passphrase-file", f->passphrase);
  g_assert_cmpint (again->status, ==, 1);
  g_assert_nonnull (strstr (again->err, "already encrypted"));

  /* The attachment came along, sealed under a name that is not its hash. */
  vault = lia_vault_unlock (f->data_dir, "hold the line at dawn", &error);
  g_assert_no_error (error);
  store = lia_store_open_encrypted (db_path, vault, NULL, &error);
  g_assert_no_error (error);
  attachment = lia_attachment_get_path (store, sha256);
  g_assert_true (g_file_test (attachment, G_FILE_TEST_IS_REGULAR));
  g_assert_null (strstr (attachment, sha256));
  loaded = lia_attachment_load (store, sha256, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, bytes));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* Whatever SQLite or GLib would spill goes where the tests look; set
   * before any thread exists. */
  cli_tmp_dir = g_dir_make_tmp ("liaison-cli-vault-tmp-XXXXXX", NULL);
  g_assert_nonnull (cli_tmp_dir);
  g_setenv ("TMPDIR", cli_tmp_dir, TRUE);

  /* Argon2id at its minimum: the tests exercise the format, bench-unlock
   * measures the real cost. */
  g_setenv ("LIAISON_VAULT_KDF", "test", TRUE);
  g_unsetenv ("LIAISON_PASSPHRASE_FILE");

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-vault/canary", test_canary);
  ADD ("/cli-vault/canary-control", test_canary_control);
  ADD ("/cli-vault/no-passphrase", test_no_passphrase);
  ADD ("/cli-vault/wrong-passphrase", test_wrong_passphrase);
  ADD ("/cli-vault/implicit-create", test_implicit_create);
  ADD ("/cli-vault/passwd", test_passwd);
  ADD ("/cli-vault/panic", test_panic);
  ADD ("/cli-vault/clear-folder-encrypt", test_clear_folder_encrypt);
#undef ADD

  status = g_test_run ();
  lia_test_remove_tree (cli_tmp_dir);
  g_free (cli_tmp_dir);

  return status;
}
