/* test-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-util.h"

#include <glib/gstdio.h>

#include "lia-store-private.h"
#include "lia-store-sync.h"
#include "lia-test-note.h"

typedef struct
{
  char     *dir;
  char     *path;
  LiaClock *clock;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 2, 8, 0, 0);

  f->dir = g_dir_make_tmp ("liaison-store-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->path = g_build_filename (f->dir, LIA_STORE_FILENAME, NULL);
  f->clock = lia_clock_new_fixed (start);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_object_unref (f->clock);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
test_store_create_reopen (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaTestNote) note = lia_test_note_new ("op-korvania", "Checkpoint 4 open from 06:00");
  g_autoptr(LiaRecord) loaded = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *subdir = g_build_filename (f->dir, "nested", "data", NULL);
  g_autofree char *journal = NULL;
  GStatBuf st;

  store = lia_store_open_in_dir (subdir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);

  /* The data folder is private to the user. */
  g_assert_cmpint (g_stat (subdir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpuint (lia_store_get_schema_version (store), ==, lia_store_get_latest_schema_version ());
  g_assert_true (g_uuid_string_is_valid (lia_store_get_device_id (store)));
  device_id = g_strdup (lia_store_get_device_id (store));

  /* Durability settings the architecture asks for. */
  journal = query_text (lia_store_get_db (store), "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (query_int (lia_store_get_db (store), "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (query_int (lia_store_get_db (store), "PRAGMA synchronous"), ==, 2);

  g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = lia_store_open_in_dir (subdir, f->clock, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (lia_store_get_device_id (store), ==, device_id);

  loaded = lia_store_load (store, lia_record_get_uuid (LIA_RECORD (note)), &error);
  g_assert_no_error (error);
  g_assert_true (LIA_IS_TEST_NOTE (loaded));
  g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (loaded)), ==, "Checkpoint 4 open from 06:00");
  g_assert_cmpstr (lia_record_get_author_device (loaded), ==, device_id);
  g_assert_cmpint (lia_record_get_revision (loaded), ==, 1);
}

/* Brings a new database to @version only, as an older Liaison left it. */
static void
create_at_version (const char *path,
                   guint       version)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = lia_db_open (path, &error);
  const char * const *migrations;
  guint n;

  g_assert_no_error (error);
  migrations = lia_store_get_migrations (&n);
  g_assert_true (lia_db_migrate (db, migrations, n, version, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (lia_db_get_user_version (db), ==, version);

  /* From version 1 on there are records: leave one behind, as a field
   * laptop would, to check that upgrading keeps it. */
  if (version >= 1)
    g_assert_true (lia_db_exec (db,
                                "INSERT INTO records VALUES ('6f1f3c58-5b0a-4a5e-9d43-7c1a2b3c4d5e',"
                                " 'test-note', 'op-korvania', 2, '2026-01-05T10:00:00.000000Z',"
                                " '2026-01-05T10:00:00.000000Z', 1, 'old-device', 0,"
                                " '{\"text\":\"written by an older Liaison\"}');",
                                &error));
  g_assert_no_error (error);
}

static void
test_store_migrate_from_every_version (Fixture       *f,
                                       gconstpointer  data)
{
  guint latest = lia_store_get_latest_schema_version ();

  g_assert_cmpuint (latest, >=, 1);

  for (guint version = 0; version <= latest; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaStore) store = NULL;
      g_autofree char *check = NULL;

      g_test_message ("Upgrading from schema %u", version);
      g_unlink (f->path);
      create_at_version (f->path, version);

      store = lia_store_open (f->path, f->clock, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (lia_store_get_schema_version (store), ==, latest);

      check = query_text (lia_store_get_db (store), "PRAGMA integrity_check");
      g_assert_cmpstr (check, ==, "ok");
      g_assert_cmpint (query_int (lia_store_get_db (store), "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
      g_assert_cmpint (lia_store_count_changes (store, &error), ==, 0);
      g_assert_no_error (error);

      if (version >= 1)
        {
          g_autoptr(LiaRecord) old = lia_store_load (store, "6f1f3c58-5b0a-4a5e-9d43-7c1a2b3c4d5e", &error);

          g_assert_no_error (error);
          g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (old)), ==, "written by an older Liaison");
          g_assert_cmpint (lia_record_get_sensitivity (old), ==, LIA_SENSITIVITY_CONFIDENTIAL);

          /* And it can be edited after the upgrade. */
          lia_test_note_set_text (LIA_TEST_NOTE (old), "edited after upgrade");
          g_assert_true (lia_store_save (store, old, &error));
          g_assert_no_error (error);
          g_assert_cmpint (lia_record_get_revision (old), ==, 2);
        }

      g_clear_object (&store);
      g_unlink (f->path);
    }
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

static void
test_store_refuses_newer_schema (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *bump = NULL;
  guint latest = lia_store_get_latest_schema_version ();

  create_at_version (f->path, latest);
  {
    g_autoptr(sqlite3) db = lia_db_open (f->path, &error);

    bump = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA wal_checkpoint(TRUNCATE);", latest + 1);
    g_assert_true (lia_db_exec (db, bump, &error));
    g_assert_no_error (error);
  }
  before = file_checksum (f->path);

  store = lia_store_open (f->path, f->clock, &error);
  g_assert_null (store);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer version of Liaison"));

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_store_change_log (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(LiaTestNote) note = lia_test_note_new ("op-korvania", "Convoy route via Tessaly bridge");
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(LiaRecord) tomb = NULL;
  g_autoptr(GDateTime) created = NULL;
  const char *uuid = lia_record_get_uuid (LIA_RECORD (note));
  LiaSyncChange *change;

  g_assert_no_error (error);
  lia_record_set_sensitivity (LIA_RECORD (note), LIA_SENSITIVITY_CONFIDENTIAL);

  g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_no_error (error);
  created = g_date_time_ref (lia_record_get_created_at (LIA_RECORD (note)));

  changes = lia_store_list_changes (store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpstr (change->uuid, ==, uuid);
  g_assert_cmpstr (change->record_type, ==, "test-note");
  g_assert_cmpstr (change->operation, ==, "op-korvania");
  g_assert_cmpint (change->revision, ==, 1);
  g_assert_cmpint (change->sensitivity, ==, LIA_SENSITIVITY_CONFIDENTIAL);
  g_assert_false (change->tombstone);
  g_assert_cmpstr (change->changed_at, ==, "2026-11-02T08:00:00.000000Z");
  g_assert_cmpstr (change->body, ==, "{\"text\":\"Convoy route via Tessaly bridge\"}");
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* A second save is a new revision with its own entry and a new time. */
  lia_clock_advance (f->clock, G_TIME_SPAN_HOUR);
  lia_test_note_set_text (note, "Convoy route via the northern ford");
  g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_record_get_revision (LIA_RECORD (note)), ==, 2);
  g_assert_true (g_date_time_equal (lia_record_get_created_at (LIA_RECORD (note)), created));
  g_assert_false (g_date_time_equal (lia_record_get_updated_at (LIA_RECORD (note)), created));

  changes = lia_store_list_changes (store, 1, 100, &error);
  g_assert_cmpuint (changes->len, ==, 1);
  change = g_ptr_array_index (changes, 0);
  g_assert_cmpint (change->seq, ==, 2);
  g_assert_cmpint (change->revision, ==, 2);
  g_clear_pointer (&changes, g_ptr_array_unref);

  /* Deleting leaves a synced tombstone with the content gone. */
  g_assert_true (lia_store_delete (store, LIA_RECORD (note), &error));
  g_assert_no_error (error);
  g_assert_true (lia_record_get_tombstone (LIA_RECORD (note)));
  g_assert_cmpint (lia_store_count_changes (store, &error), ==, 3);

  changes = lia_store_list_changes (store, 2, 100, &error);
  change = g_ptr_array_index (changes, 0);
  g_assert_true (change->tombstone);
  g_assert_cmpint (change->revision, ==, 3);
  g_assert_cmpstr (change->body, ==, "{}");

  listed = lia_store_list (store, "test-note", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 0);

  tomb = lia_store_load (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (lia_record_get_tombstone (tomb));
  g_assert_null (lia_test_note_get_text (LIA_TEST_NOTE (tomb)));
  g_assert_cmpint (query_int (lia_store_get_db (store),
                              "SELECT count(*) FROM records WHERE body LIKE '%Tessaly%' OR body LIKE '%ford%'"), ==, 0);

  /* A deleted record cannot be saved over. */
  g_assert_false (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
}

static void
test_store_rollback_leaves_nothing (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(LiaTestNote) kept = lia_test_note_new ("op-korvania", "kept");
  g_autoptr(LiaTestNote) dropped = lia_test_note_new ("op-korvania", "dropped");
  g_autoptr(LiaRecord) loaded = NULL;
  g_autoptr(GPtrArray) changes = NULL;

  g_assert_no_error (error);
  g_assert_true (lia_store_save (store, LIA_RECORD (kept), &error));

  g_assert_true (lia_store_begin (store, &error));
  g_assert_true (lia_store_save (store, LIA_RECORD (dropped), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_store_count_changes (store, &error), ==, 2);
  lia_store_rollback (store);

  loaded = lia_store_load (store, lia_record_get_uuid (LIA_RECORD (dropped)), &error);
  g_assert_null (loaded);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  changes = lia_store_list_changes (store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpstr (((LiaSyncChange *) g_ptr_array_index (changes, 0))->uuid, ==,
                   lia_record_get_uuid (LIA_RECORD (kept)));
}

static void
test_store_change_log_failure_keeps_record_out (Fixture       *f,
                                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(LiaTestNote) note = lia_test_note_new ("op-korvania", "must not be stored alone");

  g_assert_no_error (error);

  /* If the change log cannot be written, the record must not be either:
   * otherwise sync would never see it. */
  g_assert_true (lia_db_exec (lia_store_get_db (store),
                              "CREATE TEMP TRIGGER fail_log BEFORE INSERT ON main.change_log"
                              " BEGIN SELECT RAISE (ABORT, 'injected failure'); END;",
                              &error));
  g_assert_false (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_DATABASE);
  g_clear_error (&error);

  g_assert_cmpint (query_int (lia_store_get_db (store), "SELECT count(*) FROM records"), ==, 0);
  g_assert_cmpint (lia_record_get_revision (LIA_RECORD (note)), ==, 0);

  g_assert_true (lia_db_exec (lia_store_get_db (store), "DROP TRIGGER temp.fail_log;", &error));
  g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (lia_store_get_db (store), "SELECT count(*) FROM records"), ==, 1);
  g_assert_cmpint (query_int (lia_store_get_db (store), "SELECT count(*) FROM change_log"), ==, 1);
}

static void
test_store_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(LiaTestNote) note = lia_test_note_new ("op-korvania", "first");
  g_autoptr(LiaRecord) a = NULL;
  g_autoptr(LiaRecord) b = NULL;
  g_autoptr(LiaRecord) now = NULL;

  g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
  a = lia_store_load (store, lia_record_get_uuid (LIA_RECORD (note)), &error);
  b = lia_store_load (store, lia_record_get_uuid (LIA_RECORD (note)), &error);
  g_assert_no_error (error);

  lia_test_note_set_text (LIA_TEST_NOTE (a), "from window A");
  lia_test_note_set_text (LIA_TEST_NOTE (b), "from window B");
  g_assert_true (lia_store_save (store, a, &error));
  g_assert_false (lia_store_save (store, b, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_CONFLICT);
  g_clear_error (&error);

  now = lia_store_load (store, lia_record_get_uuid (LIA_RECORD (note)), &error);
  g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (now)), ==, "from window A");
  g_assert_cmpint (lia_store_count_changes (store, &error), ==, 2);
}

static void
test_store_validation (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(LiaTestNote) no_operation = lia_test_note_new (NULL, "orphan");
  g_autoptr(LiaTestNote) never_saved = lia_test_note_new ("op", "x");
  g_autoptr(LiaRecord) missing = NULL;

  g_assert_false (lia_store_save (store, LIA_RECORD (no_operation), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "operation"));
  g_clear_error (&error);

  g_assert_false (lia_store_delete (store, LIA_RECORD (never_saved), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  missing = lia_store_load (store, "00000000-0000-4000-8000-000000000000", &error);
  g_assert_null (missing);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_assert_cmpint (lia_store_count_changes (store, NULL), ==, 0);
}

static void
test_store_list_filters (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) north = NULL;
  const char *ops[] = { "op-north", "op-south", "op-north" };

  for (guint i = 0; i < G_N_ELEMENTS (ops); i++)
    {
      g_autoptr(LiaTestNote) note = lia_test_note_new (ops[i], "n");

      lia_clock_advance (f->clock, G_TIME_SPAN_MINUTE);
      g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
    }

  all = lia_store_list (store, "test-note", NULL, &error);
  north = lia_store_list (store, "test-note", "op-north", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpuint (north->len, ==, 2);

  /* Most recently changed first. */
  g_assert_cmpint (g_date_time_compare (lia_record_get_updated_at (g_ptr_array_index (all, 0)),
                                        lia_record_get_updated_at (g_ptr_array_index (all, 2))), >, 0);
}

static void
test_store_settings (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autofree char *missing = lia_store_get_setting (store, "operation");
  g_autofree char *value = NULL;

  g_assert_null (missing);
  g_assert_true (lia_store_set_setting (store, "operation", "op-korvania", &error));
  g_assert_true (lia_store_set_setting (store, "operation", "op-tessaly", &error));
  g_assert_no_error (error);
  value = lia_store_get_setting (store, "operation");
  g_assert_cmpstr (value, ==, "op-tessaly");
}

static void
count_signal (LiaStore *store,
              guint    *count)
{
  (*count)++;
}

static void
test_store_changed_signal (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_autoptr(LiaTestNote) a = lia_test_note_new ("op-korvania", "a");
  g_autoptr(LiaTestNote) b = lia_test_note_new ("op-korvania", "b");
  g_autoptr(LiaTestNote) c = lia_test_note_new ("op-korvania", "c");
  guint changed = 0;

  g_signal_connect (store, "changed", G_CALLBACK (count_signal), &changed);

  /* One save, one signal. */
  g_assert_true (lia_store_save (store, LIA_RECORD (a), &error));
  g_assert_cmpuint (changed, ==, 1);

  /* A transaction announces its changes once, after COMMIT. */
  g_assert_true (lia_store_begin (store, &error));
  g_assert_true (lia_store_save (store, LIA_RECORD (b), &error));
  g_assert_true (lia_store_delete (store, LIA_RECORD (a), &error));
  g_assert_cmpuint (changed, ==, 1);
  g_assert_true (lia_store_commit (store, &error));
  g_assert_cmpuint (changed, ==, 2);

  /* Nothing for what was rolled back, nor for a failed save. */
  g_assert_true (lia_store_begin (store, &error));
  g_assert_true (lia_store_save (store, LIA_RECORD (c), &error));
  lia_store_rollback (store);
  lia_record_set_operation (LIA_RECORD (c), NULL);
  g_assert_false (lia_store_save (store, LIA_RECORD (c), NULL));
  g_assert_cmpuint (changed, ==, 2);
  g_assert_no_error (error);
}

static void
test_store_guidance_marks (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = lia_store_open (f->path, f->clock, &error);
  g_auto(GStrv) bookmarked = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *note = NULL;

  g_assert_no_error (error);
  g_assert_false (lia_guidance_marks_get_bookmarked (store, "armed-escorts"));
  empty = lia_guidance_marks_get_note (store, "armed-escorts");
  g_assert_cmpstr (empty, ==, "");

  /* A note and a bookmark on the same card are independent. */
  g_assert_true (lia_guidance_marks_set_note (store, "armed-escorts", "Sector West commander accepts only written requests", &error));
  g_assert_true (lia_guidance_marks_set_bookmarked (store, "armed-escorts", TRUE, &error));
  g_assert_true (lia_guidance_marks_set_bookmarked (store, "last-resort", TRUE, &error));
  g_assert_true (lia_guidance_marks_set_bookmarked (store, "last-resort", FALSE, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* They are in the user database, so they outlive the session and any pack. */
  store = lia_store_open (f->path, f->clock, &error);
  g_assert_true (lia_guidance_marks_get_bookmarked (store, "armed-escorts"));
  g_assert_false (lia_guidance_marks_get_bookmarked (store, "last-resort"));
  note = lia_guidance_marks_get_note (store, "armed-escorts");
  g_assert_cmpstr (note, ==, "Sector West commander accepts only written requests");
  bookmarked = lia_guidance_marks_list_bookmarked (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (bookmarked), ==, 1);
  g_assert_cmpstr (bookmarked[0], ==, "armed-escorts");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lia_store_register_type (LIA_TYPE_TEST_NOTE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/store/create-reopen", test_store_create_reopen);
  ADD ("/store/migrate-from-every-version", test_store_migrate_from_every_version);
  ADD ("/store/refuses-newer-schema", test_store_refuses_newer_schema);
  ADD ("/store/change-log", test_store_change_log);
  ADD ("/store/rollback-leaves-nothing", test_store_rollback_leaves_nothing);
  ADD ("/store/change-log-failure-keeps-record-out", test_store_change_log_failure_keeps_record_out);
  ADD ("/store/conflict", test_store_conflict);
  ADD ("/store/validation", test_store_validation);
  ADD ("/store/list-filters", test_store_list_filters);
  ADD ("/store/settings", test_store_settings);
  ADD ("/store/guidance-marks", test_store_guidance_marks);
  ADD ("/store/changed-signal", test_store_changed_signal);

#undef ADD

  return g_test_run ();
}
