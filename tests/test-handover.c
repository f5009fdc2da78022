/* test-handover.c — the encrypted handover package, in the core and
 * through liaison-cli
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sodium.h>

#include "liaison-core.h"
#include "lia-store-private.h"
#include "lia-test-cli.h"
#include "lia-test-util.h"
#include "lia-test-store.h"

#define KORVANIA    "op-korvania"
#define PASSPHRASE  "cedar lantern 42 ochre"

/* Cheap key derivation: the cost is a parameter of the file, and the
 * format is what is under test here. */
#define TEST_OPSLIMIT crypto_pwhash_OPSLIMIT_MIN
#define TEST_MEMLIMIT crypto_pwhash_MEMLIMIT_MIN

typedef struct
{
  char     *dir;
  char     *a_dir;
  char     *b_dir;
  LiaStore *a;
  LiaStore *b;
  char     *secret_uuid;
  char     *photo_sha256;
} Fixture;

static LiaStore *
open_store (const char *dir)
{
  g_autoptr(GError) error = NULL;
  LiaStore *store = lia_test_open_store_in_dir (dir, NULL);

  g_assert_no_error (error);
  return store;
}

static void
save (LiaStore  *store,
      LiaRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (store, record, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(LiaActor) brigade = lia_actor_new (KORVANIA, "Kessel Brigade", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaActor) front = lia_actor_new (KORVANIA, "Northern Ridge Front", LIA_ACTOR_TYPE_REBEL_GROUP);
  g_autoptr(LiaActor) secret = lia_actor_new (KORVANIA, "Informant network", LIA_ACTOR_TYPE_OTHER);
  g_autoptr(LiaActor) elsewhere = lia_actor_new ("op-tessaly", "Tessaly Guard", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaRelationship) link = NULL;
  g_autoptr(LiaReport) report = NULL;
  g_autofree char *json = lia_report_template (LIA_REPORT_KIND_SITREP);
  g_autofree char *photo = NULL;
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("liaison-handover-XXXXXX", NULL);
  f->a_dir = g_build_filename (f->dir, "a", NULL);
  f->b_dir = g_build_filename (f->dir, "b", NULL);
  f->a = open_store (f->a_dir);
  f->b = open_store (f->b_dir);

  lia_actor_add_contact (brigade, "G9", "phone", "+000 555 0101");
  save (f->a, LIA_RECORD (brigade));
  save (f->a, LIA_RECORD (front));
  lia_record_set_sensitivity (LIA_RECORD (secret), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  save (f->a, LIA_RECORD (secret));
  f->secret_uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (secret)));
  save (f->a, LIA_RECORD (elsewhere));

  link = lia_relationship_new (KORVANIA, lia_record_get_uuid (LIA_RECORD (brigade)),
                               lia_record_get_uuid (LIA_RECORD (front)), LIA_RELATIONSHIP_HOSTILE_TO);
  save (f->a, LIA_RECORD (link));

  /* A draft with a photo: only this laptop has it. */
  report = lia_report_new_from_json (KORVANIA, LIA_REPORT_KIND_SITREP, json, &error);
  g_assert_no_error (error);
  photo = g_build_filename (f->dir, "photo.jpg", NULL);
  g_file_set_contents (photo, "\xff\xd8\xff\xe0 not really a photo", -1, &error);
  g_assert_no_error (error);
  g_assert_true (lia_attachment_add_file (f->a, report, photo, &error));
  g_assert_no_error (error);
  f->photo_sha256 = g_strdup (json_object_get_string_member (json_array_get_object_element (lia_report_get_attachments (report), 0),
                                                             "sha256"));
  save (f->a, LIA_RECORD (report));

  g_assert_true (lia_guidance_marks_set_note (f->a, "armed-escorts", "Ask the G9 first", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->a);
  g_clear_object (&f->b);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->a_dir);
  g_free (f->b_dir);
  g_free (f->secret_uuid);
  g_free (f->photo_sha256);
}

static GBytes *
export (Fixture  *f,
        gboolean  include_strictly_confidential)
{
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *file;

  package = lia_handover_collect (f->a, KORVANIA, include_strictly_confidential, &error);
  g_assert_no_error (error);
  file = lia_handover_package_encrypt (package, PASSPHRASE, TEST_OPSLIMIT, TEST_MEMLIMIT, &error);
  g_assert_no_error (error);

  return file;
}

/* uuid → "record_type revision body" of every live record of @operation. */
static GHashTable *
snapshot (LiaStore *store)
{
  GHashTable *rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = lia_db_prepare (lia_store_get_db (store),
                         "SELECT uuid, record_type, revision, sensitivity, body FROM records"
                         " WHERE operation = '" KORVANIA "' AND tombstone = 0",
                         &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup_printf ("%s %d %d %s", sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                                          sqlite3_column_int (stmt, 3), sqlite3_column_text (stmt, 4)));

  return rows;
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GBytes) file = export (f, FALSE);
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GHashTable) before = snapshot (f->a);
  g_autoptr(GHashTable) after = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  LiaHandoverImportStats stats;
  GHashTableIter iter;
  gpointer key, value;

  package = lia_handover_package_decrypt (file, PASSPHRASE, &error);
  g_assert_no_error (error);

  /* The preview: counts by type, strictly confidential left out. */
  counts = lia_handover_package_get_counts (package);
  g_assert_cmpuint (counts->len, ==, 3);
  g_assert_cmpstr (((LiaHandoverCount *) counts->pdata[0])->record_type, ==, "actor");
  g_assert_cmpuint (((LiaHandoverCount *) counts->pdata[0])->count, ==, 2);
  g_assert_cmpstr (((LiaHandoverCount *) counts->pdata[1])->record_type, ==, "relationship");
  g_assert_cmpstr (((LiaHandoverCount *) counts->pdata[2])->record_type, ==, "report");
  g_assert_cmpuint (lia_handover_package_get_n_notes (package), ==, 1);

  g_assert_true (lia_handover_package_import (package, f->b, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.imported, ==, 4);
  g_assert_cmpuint (stats.notes, ==, 1);

  /* The same records, bodies and revisions, except the strictly
   * confidential one. */
  after = snapshot (f->b);
  g_assert_true (g_hash_table_remove (before, f->secret_uuid));
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
  g_hash_table_iter_init (&iter, before);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpstr (g_hash_table_lookup (after, key), ==, value);

  note = lia_guidance_marks_get_note (f->b, "armed-escorts");
  g_assert_cmpstr (note, ==, "Ask the G9 first");

  /* The draft's photo came along, intact. */
  g_assert_cmpuint (stats.attachments, ==, 1);
  {
    g_autoptr(GBytes) photo = lia_attachment_load (f->b, f->photo_sha256, &error);

    g_assert_no_error (error);
    g_assert_nonnull (photo);
  }

  /* Imported records are not this device's changes: nothing to push. */
  g_assert_cmpint (lia_store_count_changes (f->b, NULL), ==, 0);

  /* Twice: nothing doubled, nothing changed. */
  g_assert_true (lia_handover_package_import (package, f->b, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.imported, ==, 0);
  g_assert_cmpuint (stats.skipped, ==, 4);
  g_assert_cmpuint (stats.attachments, ==, 0);
  g_clear_pointer (&after, g_hash_table_unref);
  after = snapshot (f->b);
  g_assert_cmpuint (g_hash_table_size (after), ==, g_hash_table_size (before));
}

static void
test_strictly_confidential_on_request (Fixture       *f,
                                       gconstpointer  data)
{
  g_autoptr(GBytes) file = export (f, TRUE);
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) after = NULL;

  package = lia_handover_package_decrypt (file, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (lia_handover_package_import (package, f->b, NULL, &error));
  g_assert_no_error (error);

  after = snapshot (f->b);
  g_assert_true (g_hash_table_contains (after, f->secret_uuid));
}

static void
assert_refused (GBytes     *file,
                const char *passphrase,
                const char *expect)
{
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GError) error = NULL;

  package = lia_handover_package_decrypt (file, passphrase, &error);
  g_assert_null (package);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  if (strstr (error->message, expect) == NULL)
    g_error ("“%s” does not say “%s”", error->message, expect);
}

/* Wrong passphrase, any cut, any flipped byte, anything appended: refused. */
static void
test_damage_refused (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) file = export (f, FALSE);
  gsize size = g_bytes_get_size (file);
  const guint8 *bytes = g_bytes_get_data (file, NULL);
  /* Header fields, the stream header, a length, the ciphertext, the tag. */
  const gsize flips[] = { 9, 12, 16, 30, 50, 64, 90, 92, 100, size / 2, size - 1 };
  const gsize cuts[] = { 0, 7, 40, 88, 92, 100, size - 17, size - 1 };

  assert_refused (file, "cedar lantern 42 ochra", "passphrase is wrong");

  for (guint i = 0; i < G_N_ELEMENTS (flips); i++)
    {
      g_autofree guint8 *copy = g_memdup2 (bytes, size);
      g_autoptr(GBytes) tampered = NULL;
      g_autoptr(LiaHandoverPackage) package = NULL;
      g_autoptr(GError) error = NULL;

      copy[flips[i]] ^= 0x01;
      tampered = g_bytes_new (copy, size);
      package = lia_handover_package_decrypt (tampered, PASSPHRASE, &error);
      g_assert_null (package);
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cuts); i++)
    {
      g_autoptr(GBytes) cut = g_bytes_new (bytes, cuts[i]);
      g_autoptr(LiaHandoverPackage) package = NULL;
      g_autoptr(GError) error = NULL;

      package = lia_handover_package_decrypt (cut, PASSPHRASE, &error);
      g_assert_null (package);
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
    }

  {
    g_autoptr(GByteArray) longer = g_byte_array_new ();
    g_autoptr(GBytes) appended = NULL;

    g_byte_array_append (longer, bytes, size);
    g_byte_array_append (longer, (const guint8 *) "more", 4);
    appended = g_byte_array_free_to_bytes (g_steal_pointer (&longer));
    assert_refused (appended, PASSPHRASE, "damaged");
  }
}

static char *
checksum_data_dir (const char *dir)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *names[] = { "liaison.db", "liaison.db-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, length);
      g_checksum_update (checksum, (const guchar *) "|", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

/* Through liaison-cli with the shipped key derivation: export with a
 * preview, import on a fresh installation, a wrong passphrase that
 * leaves the database byte for byte as it was. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *package = g_build_filename (f->dir, "handover.lho", NULL);
  g_autofree char *pass = g_build_filename (f->dir, "pass", NULL);
  g_autofree char *wrong = g_build_filename (f->dir, "wrong", NULL);
  g_autofree char *c_dir = g_build_filename (f->dir, "c", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(LiaTestRun) operation = NULL;
  g_autoptr(LiaTestRun) preview = NULL;
  g_autoptr(LiaTestRun) exported = NULL;
  g_autoptr(LiaTestRun) imported = NULL;
  g_autoptr(LiaTestRun) refused = NULL;
  g_autoptr(LiaTestRun) on_command_line = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&f->a);
  g_clear_object (&f->b);
  g_file_set_contents (pass, PASSPHRASE "\n", -1, &error);
  g_file_set_contents (wrong, "not it\n", -1, &error);
  g_assert_no_error (error);

  operation = lia_test_run_cli (f->a_dir, "operation", "set", KORVANIA);
  g_assert_cmpint (operation->status, ==, 0);

  preview = lia_test_run_cli (f->a_dir, "handover", "export", "--preview");
  g_assert_cmpint (preview->status, ==, 0);
  g_assert_nonnull (strstr (preview->out, "actor"));
  g_assert_false (g_file_test (package, G_FILE_TEST_EXISTS));

  /* No passphrase, no package. */
  on_command_line = lia_test_run_cli (f->a_dir, "handover", "export", "-o", package);
  g_assert_cmpint (on_command_line->status, ==, 1);
  g_assert_false (g_file_test (package, G_FILE_TEST_EXISTS));

  exported = lia_test_run_cli (f->a_dir, "handover", "export", "-o", package, "--package-passphrase-file", pass);
  g_assert_cmpstr (exported->err, ==, "");
  g_assert_cmpint (exported->status, ==, 0);

  /* A fresh installation, then a wrong passphrase: nothing written. */
  g_clear_object (&f->b);
  f->b = open_store (c_dir);
  g_clear_object (&f->b);
  before = checksum_data_dir (c_dir);
  refused = lia_test_run_cli (c_dir, "handover", "import", package, "--package-passphrase-file", wrong);
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_nonnull (strstr (refused->err, "passphrase"));
  after = checksum_data_dir (c_dir);
  g_assert_cmpstr (before, ==, after);

  imported = lia_test_run_cli (c_dir, "handover", "import", package, "--package-passphrase-file", pass);
  g_assert_cmpstr (imported->err, ==, "");
  g_assert_cmpint (imported->status, ==, 0);
  g_assert_nonnull (strstr (imported->out, "Imported 4 records"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/handover/round-trip", test_round_trip);
  ADD ("/handover/strictly-confidential-on-request", test_strictly_confidential_on_request);
  ADD ("/handover/damage-refused", test_damage_refused);
  ADD ("/handover/cli", test_cli);

#undef ADD

  return g_test_run ();
}
