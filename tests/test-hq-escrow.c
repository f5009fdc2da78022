/* test-hq-escrow.c — a laptop whose passphrase is lost, recovered by HQ
 *
 * A real liaison-hq on 127.0.0.1, a real enrolment of an encrypted field
 * store, and the recovery as HQ's information manager would run it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "liaison-core.h"
#include "lia-test-hq.h"
#include "lia-test-store.h"
#include "lia-test-util.h"

#define ESCROW_OPERATION    "op-korvania"
#define NO_ESCROW_OPERATION "op-ostrel"
#define CANARY_ACTOR        "Canary Militia of the Varnek Hills 2290"
#define TEMPORARY           "temporary olmira ferry passphrase 7"

static const char * const hq_args[] = { "--insecure-http", "--rate-limit", "100000", NULL };

typedef struct
{
  LiaTestHq  hq;
  char      *field_dir;
  char      *work_dir;
  char      *hq_key;
  char      *public_key;
  LiaClock  *clock;
} Fixture;

static int
run_hq (char       **out,
        char       **err,
        const char  *first,
        ...) G_GNUC_NULL_TERMINATED;

static int
run_hq (char       **out,
        char       **err,
        const char  *first,
        ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  return lia_test_hq_run ((const char * const *) args->pdata, out, err);
}

static char *
mint_code (Fixture    *fixture,
           const char *operation)
{
  char *code = NULL;

  g_assert_cmpint (run_hq (&code, NULL, "enrol-code", "--db", fixture->hq.db_path,
                           "--operation", operation, "--clearance", "confidential", NULL), ==, 0);
  g_strstrip (code);
  g_assert_true (g_str_has_prefix (code, "LIA1-"));

  return code;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *status = NULL;
  const char *at;

  lia_test_hq_start (&fixture->hq, hq_args);
  fixture->work_dir = g_dir_make_tmp ("liaison-escrow-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->field_dir = g_build_filename (fixture->work_dir, "field", NULL);
  fixture->clock = lia_clock_new_fixed (now);

  /* HQ's key pair: the secret key beside the database, the owner's only. */
  g_assert_cmpint (run_hq (&out, NULL, "escrow", "init", "--db", fixture->hq.db_path, NULL), ==, 0);
  fixture->hq_key = g_build_filename (fixture->hq.tmpdir, "escrow.key", NULL);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (fixture->hq_key, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    g_assert_cmpint (st.st_size, ==, 64);
  }

  g_assert_cmpint (run_hq (NULL, NULL, "escrow", "enable", ESCROW_OPERATION,
                           "--db", fixture->hq.db_path, NULL), ==, 0);
  g_assert_cmpint (run_hq (&status, NULL, "escrow", "status", "--db", fixture->hq.db_path, NULL), ==, 0);
  g_assert_nonnull (strstr (status, ESCROW_OPERATION));
  at = strstr (status, "Escrow public key: ");
  g_assert_nonnull (at);
  at += strlen ("Escrow public key: ");
  fixture->public_key = g_strndup (at, strcspn (at, "\n"));
  g_assert_cmpuint (strlen (fixture->public_key), ==, 44);
  /* The secret key is never printed. */
  {
    g_autofree char *pair = NULL;
    g_autofree char *secret = NULL;

    g_assert_true (g_file_get_contents (fixture->hq_key, &pair, NULL, NULL));
    secret = g_base64_encode ((const guchar *) pair + 32, 32);
    g_assert_null (strstr (out, secret));
    g_assert_nonnull (strstr (out, fixture->public_key));
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  lia_test_hq_clear (&fixture->hq);
  lia_test_remove_tree (fixture->work_dir);
  g_free (fixture->work_dir);
  g_free (fixture->field_dir);
  g_free (fixture->hq_key);
  g_free (fixture->public_key);
  g_clear_object (&fixture->clock);
}

/* Enrols a new encrypted field store in @operation and saves an actor
 * with the canary; returns the actor's uuid. */
static char *
enrol_field (Fixture    *fixture,
             const char *operation,
             gboolean   *has_escrow,
             char      **escrow_setting)
{
  g_autoptr(LiaStore) store = lia_test_open_store_in_dir (fixture->field_dir, fixture->clock);
  g_autoptr(LiaSyncEngine) engine = lia_sync_engine_new (store);
  g_autoptr(LiaActor) actor = lia_actor_new (operation, CANARY_ACTOR, LIA_ACTOR_TYPE_REBEL_GROUP);
  g_autofree char *code = mint_code (fixture, operation);
  g_autoptr(GError) error = NULL;

  g_assert_false (lia_vault_has_escrow (lia_store_get_vault (store)));
  lia_sync_engine_enrol (engine, fixture->hq.base_url, code, "laptop-korva-3", &error);
  g_assert_no_error (error);
  g_assert_true (lia_sync_engine_get_enrolled (engine));

  lia_store_save (store, LIA_RECORD (actor), &error);
  g_assert_no_error (error);

  *has_escrow = lia_vault_has_escrow (lia_store_get_vault (store));
  *escrow_setting = lia_store_get_setting (store, "sync-escrow-key");

  return g_strdup (lia_record_get_uuid (LIA_RECORD (actor)));
}

static char *
write_passphrase_file (Fixture    *fixture,
                       const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->work_dir, "temporary-passphrase", NULL);
  g_autofree char *contents = g_strconcat (passphrase, "\n", NULL);

  g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);

  return path;
}

static void
test_escrow_recover (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *uuid = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *vault_key = g_build_filename (fixture->field_dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *output = g_build_filename (fixture->work_dir, "recovered.key", NULL);
  g_autofree char *passphrase_file = write_passphrase_file (fixture, TEMPORARY);
  g_autofree char *old_passphrase = lia_test_dup_passphrase ();
  g_autofree char *db_path = g_build_filename (fixture->field_dir, LIA_STORE_FILENAME, NULL);
  g_autofree char *out = NULL;
  g_autoptr(LiaVault) refused = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_escrow = FALSE;

  uuid = enrol_field (fixture, ESCROW_OPERATION, &has_escrow, &setting);
  g_assert_true (has_escrow);
  g_assert_cmpstr (setting, ==, fixture->public_key);

  /* The officer forgot the passphrase; the key file reaches HQ. */
  g_assert_cmpint (run_hq (&out, NULL, "escrow", "recover", "--db", fixture->hq.db_path,
                           "--vault-key", vault_key, "--new-passphrase-file", passphrase_file,
                           "--output", output, NULL), ==, 0);
  g_assert_true (g_file_test (output, G_FILE_TEST_IS_REGULAR));

  /* A second run never overwrites what the first wrote. */
  g_assert_cmpint (run_hq (NULL, NULL, "escrow", "recover", "--db", fixture->hq.db_path,
                           "--vault-key", vault_key, "--new-passphrase-file", passphrase_file,
                           "--output", output, NULL), !=, 0);

  /* The officer puts it in the data folder as vault.key. */
  g_assert_cmpint (g_rename (output, vault_key), ==, 0);

  refused = lia_vault_unlock (fixture->field_dir, old_passphrase, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE);
  g_assert_null (refused);
  g_clear_error (&error);

  vault = lia_vault_unlock (fixture->field_dir, TEMPORARY, &error);
  g_assert_no_error (error);
  /* Still recoverable by HQ after the recovery. */
  g_assert_true (lia_vault_has_escrow (vault));

  store = lia_store_open_encrypted (db_path, vault, fixture->clock, &error);
  g_assert_no_error (error);
  record = lia_store_load (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lia_actor_get_name (LIA_ACTOR (record)), ==, CANARY_ACTOR);

  /* And sets a passphrase of their own. */
  lia_vault_change_passphrase (vault, "the officer's own new passphrase", LIA_VAULT_KDF_TEST, &error);
  g_assert_no_error (error);
}

static void
test_escrow_off (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *uuid = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *vault_key = g_build_filename (fixture->field_dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *output = g_build_filename (fixture->work_dir, "recovered.key", NULL);
  g_autofree char *passphrase_file = write_passphrase_file (fixture, TEMPORARY);
  g_autofree char *err = NULL;
  gboolean has_escrow = TRUE;

  uuid = enrol_field (fixture, NO_ESCROW_OPERATION, &has_escrow, &setting);
  g_assert_false (has_escrow);
  g_assert_cmpstr (setting, ==, "");

  g_assert_cmpint (run_hq (NULL, &err, "escrow", "recover", "--db", fixture->hq.db_path,
                           "--vault-key", vault_key, "--new-passphrase-file", passphrase_file,
                           "--output", output, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "no recovery key"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
}

/* Enrolled again, in an operation without escrow, the laptop drops the
 * key it had sealed for HQ before: HQ can no longer open its data. */
static void
test_escrow_cleared_on_reenrolment (Fixture       *fixture,
                                    gconstpointer  data)
{
  g_autofree char *uuid = NULL;
  g_autofree char *setting = NULL;
  gboolean has_escrow = FALSE;

  uuid = enrol_field (fixture, ESCROW_OPERATION, &has_escrow, &setting);
  g_assert_true (has_escrow);

  {
    g_autoptr(LiaStore) store = lia_test_open_store_in_dir (fixture->field_dir, fixture->clock);
    g_autoptr(LiaSyncEngine) engine = lia_sync_engine_new (store);
    g_autofree char *code = mint_code (fixture, NO_ESCROW_OPERATION);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_true (lia_vault_has_escrow (lia_store_get_vault (store)));
    lia_sync_engine_enrol (engine, fixture->hq.base_url, code, "laptop-korva-3", &error);
    g_assert_no_error (error);
    g_assert_false (lia_vault_has_escrow (lia_store_get_vault (store)));
    after = lia_store_get_setting (store, "sync-escrow-key");
    g_assert_cmpstr (after, ==, "");
  }

  /* And on disk: a fresh unlock reads the key file again */
  {
    g_autoptr(LiaStore) store = lia_test_open_store_in_dir (fixture->field_dir, fixture->clock);

    g_assert_false (lia_vault_has_escrow (lia_store_get_vault (store)));
  }
}

/* Another HQ's secret key opens nothing and writes nothing. */
static void
test_escrow_wrong_key (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *uuid = NULL;
  g_autofree char *setting = NULL;
  g_autofree char *vault_key = g_build_filename (fixture->field_dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *output = g_build_filename (fixture->work_dir, "recovered.key", NULL);
  g_autofree char *passphrase_file = write_passphrase_file (fixture, TEMPORARY);
  g_autofree char *other_dir = g_build_filename (fixture->work_dir, "other-hq", NULL);
  g_autofree char *other_db = g_build_filename (other_dir, "hq.db", NULL);
  g_autofree char *other_key = g_build_filename (other_dir, "escrow.key", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *err = NULL;
  g_autofree char *init_err = NULL;
  gboolean has_escrow = FALSE;

  uuid = enrol_field (fixture, ESCROW_OPERATION, &has_escrow, &setting);
  g_assert_true (has_escrow);
  g_assert_true (g_file_get_contents (vault_key, &before, NULL, NULL));

  g_assert_cmpint (g_mkdir_with_parents (other_dir, 0700), ==, 0);
  g_assert_cmpint (run_hq (NULL, NULL, "escrow", "init", "--db", other_db, NULL), ==, 0);

  g_assert_cmpint (run_hq (NULL, &err, "escrow", "recover", "--key", other_key,
                           "--vault-key", vault_key, "--new-passphrase-file", passphrase_file,
                           "--output", output, NULL), !=, 0);
  g_assert_nonnull (strstr (err, "another HQ escrow key"));
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (vault_key, &after, NULL, NULL));
  g_assert_cmpmem (before, 232, after, 232);

  /* HQ never replaces its key pair: devices are sealed to it. */
  g_assert_cmpint (run_hq (NULL, &init_err, "escrow", "init", "--db", fixture->hq.db_path, NULL), !=, 0);
  g_assert_nonnull (strstr (init_err, "already"));

  /* Escrow needs the key pair first. */
  {
    g_autofree char *third_db = g_build_filename (fixture->work_dir, "third.db", NULL);
    g_autofree char *enable_err = NULL;

    g_assert_cmpint (run_hq (NULL, NULL, "enrol-code", "--db", third_db, "--operation", ESCROW_OPERATION,
                             "--clearance", "restricted", NULL), ==, 0);
    g_assert_cmpint (run_hq (NULL, &enable_err, "escrow", "enable", ESCROW_OPERATION, "--db", third_db, NULL), !=, 0);
    g_assert_nonnull (strstr (enable_err, "escrow init"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/hq-escrow/recover", Fixture, NULL, fixture_set_up, test_escrow_recover, fixture_tear_down);
  g_test_add ("/hq-escrow/off", Fixture, NULL, fixture_set_up, test_escrow_off, fixture_tear_down);
  g_test_add ("/hq-escrow/cleared-on-reenrolment", Fixture, NULL, fixture_set_up,
              test_escrow_cleared_on_reenrolment, fixture_tear_down);
  g_test_add ("/hq-escrow/wrong-key", Fixture, NULL, fixture_set_up, test_escrow_wrong_key, fixture_tear_down);

  return g_test_run ();
}
