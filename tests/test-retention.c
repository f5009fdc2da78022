/* test-retention.c — retention rules and the purge, on real SQLite files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE  /* memmem */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "liaison-core.h"
#include "lia-db.h"
#include "lia-store-private.h"
#include "lia-test-store.h"
#include "lia-test-util.h"

#define OPERATION "op-korvania"

/* Unique strings in the records that must go, and in those that stay. */
#define CANARY_MOVE_CONTACT   "Canary-Convoy-Leader-Ilsa-Varnek-+000-555-0177"
#define CANARY_MOVE_LAT       46.91796875   /* exact in binary: printed as is */
#define CANARY_MOVE_LAT_TEXT  "46.91796875"
#define CANARY_TX_REFERENCE   "CANARY-TX-REF-ORRIN-4471"
#define CANARY_INCIDENT       "Canary incident at the Tessaly ford 8812"
#define CANARY_REPORT         "Canary sitrep from Ostrel 3307"
#define CANARY_ATTACHMENT     "Canary checkpoint notes, Orrin road 5150"
#define KEEP_MOVE_CONTACT     "Keep-Convoy-Leader-Oskar-Olmira-+000-555-0190"
#define KEEP_ACTOR            "Keep-Actor-Korva-Militia-5521"
#define KEEP_INCIDENT         "Keep incident near Orrin 6610"

typedef struct
{
  char      *dir;
  char      *db_path;
  LiaClock  *clock;
  LiaStore  *store;
  char      *old_movement;
  char      *new_movement;
  char      *transmission;
  char      *old_incident;
  char      *new_incident;
  char      *actor;
  char      *report;
  char      *attachment;
} Fixture;

static GDateTime *
utc (const char *iso)
{
  GDateTime *time = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (time);
  return time;
}

static void
set_now (Fixture    *fixture,
         const char *iso)
{
  g_autoptr(GDateTime) now = utc (iso);

  lia_clock_set_now (fixture->clock, now);
}

static char *
save (Fixture   *fixture,
      LiaRecord *record)
{
  g_autoptr(GError) error = NULL;

  lia_store_save (fixture->store, record, &error);
  g_assert_no_error (error);

  return g_strdup (lia_record_get_uuid (record));
}

static char *
add_movement (Fixture    *fixture,
              const char *leader,
              double      lat,
              const char *arrival_end)
{
  g_autoptr(LiaMovementNotification) movement = lia_movement_notification_new (OPERATION);
  g_autoptr(GDateTime) end = utc (arrival_end);
  g_autoptr(GDateTime) start = g_date_time_add_hours (end, -8);

  lia_movement_notification_set_organisation (movement, "Korva Relief");
  lia_movement_notification_set_origin (movement, "Ostrel", lat, 21.5);
  lia_movement_notification_set_destination (movement, "Orrin", 47.2, 22.1);
  lia_movement_notification_set_departure (movement, start, start);
  lia_movement_notification_set_arrival (movement, end, end);
  lia_movement_notification_set_convoy_leader (movement, leader);

  return save (fixture, LIA_RECORD (movement));
}

static char *
add_incident (Fixture    *fixture,
              const char *description,
              const char *at)
{
  g_autoptr(LiaIncident) incident = lia_incident_new (OPERATION);
  g_autoptr(GDateTime) time = utc (at);

  lia_incident_set_at (incident, time);
  lia_incident_set_location (incident, "Tessaly", 46.5, 21.0);
  lia_incident_set_description (incident, description);

  return save (fixture, LIA_RECORD (incident));
}

static char *
add_report (Fixture    *fixture,
            const char *title)
{
  g_autofree char *template = lia_report_template (LIA_REPORT_KIND_SITREP);
  g_autoptr(LiaReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_autofree char *photo = g_build_filename (fixture->dir, "checkpoint.txt", NULL);

  report = lia_report_new_from_json (OPERATION, LIA_REPORT_KIND_SITREP, template, &error);
  g_assert_no_error (error);
  lia_report_set_string (report, "title", title);

  /* An attachment, copied into the data folder; the original goes. */
  g_file_set_contents (photo, CANARY_ATTACHMENT, -1, &error);
  g_assert_no_error (error);
  lia_attachment_add_file (fixture->store, report, photo, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (photo), ==, 0);
  fixture->attachment = g_strdup (json_object_get_string_member (
    json_array_get_object_element (lia_report_get_attachments (report), 0), "sha256"));
  lia_report_submit (report, fixture->store, &error);
  g_assert_no_error (error);

  return g_strdup (lia_record_get_uuid (LIA_RECORD (report)));
}

/* What sync would do: HQ acknowledged everything in the change log. */
static void
mark_all_pushed (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  lia_db_exec (lia_store_get_db (fixture->store),
               "UPDATE sync_state SET pushed_seq = (SELECT coalesce (max (seq), 0) FROM change_log)"
               " WHERE peer = 'hq';",
               &error);
  g_assert_no_error (error);
}

static void
fill (Fixture *fixture)
{
  g_autoptr(LiaTransmission) transmission = NULL;
  g_autoptr(LiaActor) actor = NULL;
  g_autoptr(GDateTime) sent = NULL;
  g_autoptr(GError) error = NULL;

  set_now (fixture, "2025-12-01T08:00:00Z");
  fixture->old_movement = add_movement (fixture, CANARY_MOVE_CONTACT, CANARY_MOVE_LAT, "2026-01-10T18:00:00Z");
  fixture->old_incident = add_incident (fixture, CANARY_INCIDENT, "2024-11-20T10:00:00Z");
  fixture->new_incident = add_incident (fixture, KEEP_INCIDENT, "2025-11-28T10:00:00Z");
  actor = lia_actor_new (OPERATION, KEEP_ACTOR, LIA_ACTOR_TYPE_REBEL_GROUP);
  fixture->actor = save (fixture, LIA_RECORD (actor));

  sent = utc ("2025-12-01T09:00:00Z");
  transmission = lia_transmission_new (OPERATION, fixture->old_movement, fixture->actor,
                                       LIA_TRANSMISSION_SENT, sent);
  lia_transmission_set_reference (transmission, CANARY_TX_REFERENCE);
  lia_transmission_record (transmission, fixture->store, &error);
  g_assert_no_error (error);
  fixture->transmission = g_strdup (lia_record_get_uuid (LIA_RECORD (transmission)));

  /* Edited twice, so the change log holds the canary in three revisions. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(LiaRecord) again = lia_store_load (fixture->store, fixture->old_incident, &error);

      g_assert_no_error (error);
      lia_store_save (fixture->store, again, &error);
      g_assert_no_error (error);
    }

  fixture->report = add_report (fixture, CANARY_REPORT);

  set_now (fixture, "2026-02-25T08:00:00Z");
  fixture->new_movement = add_movement (fixture, KEEP_MOVE_CONTACT, 47.0, "2026-02-26T18:00:00Z");

  /* The purge runs on 2026-03-01: the old movement ended 50 days ago, the
   * new one 3; the old incident is 466 days old, the new one 93. */
  set_now (fixture, "2026-03-01T12:00:00Z");
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  gboolean encrypted = GPOINTER_TO_INT (data);
  g_autoptr(GDateTime) now = utc ("2026-03-01T12:00:00Z");
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("liaison-retention-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db_path = g_build_filename (fixture->dir, LIA_STORE_FILENAME, NULL);
  fixture->clock = lia_clock_new_fixed (now);

  if (encrypted)
    fixture->store = lia_test_open_store_in_dir (fixture->dir, fixture->clock);
  else
    fixture->store = lia_store_open (fixture->db_path, fixture->clock, &error);
  g_assert_no_error (error);

  fill (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->store);
  g_clear_object (&fixture->clock);
  lia_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db_path);
  g_free (fixture->old_movement);
  g_free (fixture->new_movement);
  g_free (fixture->transmission);
  g_free (fixture->old_incident);
  g_free (fixture->new_incident);
  g_free (fixture->actor);
  g_free (fixture->report);
  g_free (fixture->attachment);
}

/* How many times @needle occurs in the raw bytes of the files of the data
 * folder (database, WAL, index, key file), as someone with the disk
 * would read them. */
static guint
count_in_files (Fixture    *fixture,
                const char *needle)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  gsize needle_len = strlen (needle);
  const char *name;
  guint hits = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
          !g_file_get_contents (path, &contents, &length, NULL))
        continue;

      for (const char *at = contents;
           (at = memmem (at, length - (at - contents), needle, needle_len)) != NULL;
           at += needle_len)
        hits++;
    }

  return hits;
}

static const LiaRetentionCount *
count_of (LiaRetentionReport *report,
          const char         *record_type)
{
  for (guint i = 0; i < report->counts->len; i++)
    {
      const LiaRetentionCount *count = &g_array_index (report->counts, LiaRetentionCount, i);

      if (g_str_equal (count->record_type, record_type))
        return count;
    }

  g_assert_not_reached ();
}

static gboolean
exists (Fixture    *fixture,
        const char *uuid)
{
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  record = lia_store_load (fixture->store, uuid, &error);
  if (record == NULL)
    g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);

  return record != NULL;
}

static gint64
query_int (Fixture    *fixture,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) error = NULL;

  stmt = lia_db_prepare (lia_store_get_db (fixture->store), sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

static void
test_defaults (void)
{
  g_assert_cmpint (lia_retention_type_get_default ("movement-notification"), ==, 30);
  g_assert_cmpint (lia_retention_type_get_default ("site-notification"), ==, 30);
  g_assert_cmpint (lia_retention_type_get_default ("incident"), ==, 365);
  g_assert_cmpint (lia_retention_type_get_default ("report"), ==, 180);
  g_assert_cmpint (lia_retention_type_get_default ("actor"), ==, LIA_RETENTION_KEEP);
  g_assert_cmpint (lia_retention_type_get_default ("relationship"), ==, LIA_RETENTION_KEEP);
  g_assert_cmpint (lia_retention_type_get_default ("directory"), ==, LIA_RETENTION_KEEP);
  g_assert_false (lia_retention_type_is_settable ("directory"));
  g_assert_true (lia_retention_type_is_settable ("actor"));
  g_assert_false (lia_retention_type_is_known ("transmission"));
}

static void
test_rules (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  int days;

  /* Per operation over every operation over the default. */
  g_assert_cmpint (lia_retention_get_days (fixture->store, "incident", OPERATION), ==, 365);
  lia_retention_set_days (fixture->store, "incident", NULL, 200, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_retention_get_days (fixture->store, "incident", OPERATION), ==, 200);
  lia_retention_set_days (fixture->store, "incident", "op-ostrel", LIA_RETENTION_KEEP, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_retention_get_days (fixture->store, "incident", "op-ostrel"), ==, LIA_RETENTION_KEEP);
  g_assert_cmpint (lia_retention_get_days (fixture->store, "incident", OPERATION), ==, 200);

  rules = lia_retention_list_rules (fixture->store, &error);
  g_assert_no_error (error);
  /* one per type, and the rule of op-ostrel */
  g_assert_cmpuint (rules->len, ==, g_strv_length ((char **) lia_retention_list_types ()) + 1);

  /* Bad input says what to fix and changes nothing. */
  g_assert_false (lia_retention_set_days (fixture->store, "convoy", NULL, 10, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "movement-notification"));
  g_clear_error (&error);
  g_assert_false (lia_retention_set_days (fixture->store, "directory", NULL, 10, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lia_retention_set_days (fixture->store, "incident", NULL, 0, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lia_retention_parse_days ("30d", &days, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "keep"));
  g_clear_error (&error);
  g_assert_true (lia_retention_parse_days ("keep", &days, NULL));
  g_assert_cmpint (days, ==, LIA_RETENTION_KEEP);
  g_assert_true (lia_retention_parse_days ("45", &days, NULL));
  g_assert_cmpint (days, ==, 45);
  g_assert_cmpint (lia_retention_get_days (fixture->store, "incident", OPERATION), ==, 200);
}

static void
test_purge_clear (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiaRetentionReport) dry = NULL;
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;
  const char *gone[] = { CANARY_MOVE_CONTACT, CANARY_MOVE_LAT_TEXT, CANARY_TX_REFERENCE, CANARY_INCIDENT };
  const char *kept[] = { KEEP_MOVE_CONTACT, KEEP_ACTOR, KEEP_INCIDENT, CANARY_REPORT };
  gint64 changes_before = 0;

  /* Not enrolled: nothing waits for HQ, except the report, which is for
   * HQ alone and stays until HQ has it. */
  g_assert_false (lia_sync_engine_store_is_enrolled (fixture->store));

  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    {
      g_test_message ("before the purge: %s", gone[i]);
      g_assert_cmpuint (count_in_files (fixture, gone[i]), >, 0);
    }

  dry = lia_retention_purge (fixture->store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (dry, "movement-notification")->purged, ==, 1);
  g_assert_cmpuint (count_of (dry, "incident")->purged, ==, 1);
  g_assert_cmpuint (dry->transmissions, ==, 1);
  g_assert_cmpint (lia_retention_count_due (fixture->store, NULL), ==, 3);
  /* A dry run removes nothing. */
  g_assert_true (exists (fixture, fixture->old_movement));
  g_assert_true (exists (fixture, fixture->old_incident));

  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM change_log"
                                            " WHERE record_uuid NOT IN ('%s', '%s', '%s')",
                                            fixture->old_movement, fixture->transmission,
                                            fixture->old_incident);
    changes_before = query_int (fixture, sql);
  }
  report = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (report->dry_run);
  g_assert_cmpuint (count_of (report, "movement-notification")->purged, ==, 1);
  g_assert_cmpuint (count_of (report, "incident")->purged, ==, 1);
  g_assert_cmpuint (count_of (report, "actor")->purged, ==, 0);
  g_assert_cmpuint (count_of (report, "report")->purged, ==, 0);
  g_assert_cmpuint (count_of (report, "report")->kept_unsent, ==, 0);
  g_assert_cmpuint (report->transmissions, ==, 1);

  g_assert_false (exists (fixture, fixture->old_movement));
  g_assert_false (exists (fixture, fixture->transmission));
  g_assert_false (exists (fixture, fixture->old_incident));
  g_assert_true (exists (fixture, fixture->new_movement));
  g_assert_true (exists (fixture, fixture->new_incident));
  g_assert_true (exists (fixture, fixture->actor));
  g_assert_true (exists (fixture, fixture->report));

  /* Every revision went; no deletion was written for sync. */
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM change_log WHERE record_uuid IN"
                                       " (SELECT uuid FROM purged_records)"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM change_log WHERE tombstone = 1"), ==, 0);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM change_log"), ==, changes_before);
  g_assert_cmpint (query_int (fixture, "SELECT count(*) FROM purged_records"), ==, 3);

  /* The bytes are gone from the files, those kept are still there. */
  for (guint i = 0; i < G_N_ELEMENTS (gone); i++)
    g_assert_cmpuint (count_in_files (fixture, gone[i]), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_cmpuint (count_in_files (fixture, kept[i]), >, 0);
  g_assert_cmpint (query_int (fixture, "SELECT freelist_count FROM pragma_freelist_count"), ==, 0);

  /* Nothing more is due. */
  g_assert_cmpint (lia_retention_count_due (fixture->store, NULL), ==, 0);
}

/* Enrolled, records HQ does not have yet stay, and say so. */
static void
test_purge_keeps_unsent (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(LiaRetentionReport) later = NULL;
  g_autoptr(GError) error = NULL;

  lia_store_set_setting (fixture->store, "sync-token", "token-of-a-test", &error);
  g_assert_no_error (error);
  g_assert_true (lia_sync_engine_store_is_enrolled (fixture->store));

  report = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lia_retention_report_total_purged (report), ==, 0);
  g_assert_cmpuint (count_of (report, "movement-notification")->kept_unsent, ==, 1);
  g_assert_cmpuint (count_of (report, "incident")->kept_unsent, ==, 1);
  g_assert_cmpuint (lia_retention_report_total_kept (report), ==, 2);
  g_assert_true (exists (fixture, fixture->old_movement));
  g_assert_cmpuint (count_in_files (fixture, CANARY_INCIDENT), >, 0);

  /* HQ acknowledges: now they go. */
  mark_all_pushed (fixture);
  later = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (later, "movement-notification")->purged, ==, 1);
  g_assert_cmpuint (count_of (later, "incident")->purged, ==, 1);
  g_assert_cmpuint (lia_retention_report_total_kept (later), ==, 0);
  g_assert_cmpuint (count_in_files (fixture, CANARY_INCIDENT), ==, 0);
  g_assert_cmpuint (count_in_files (fixture, CANARY_TX_REFERENCE), ==, 0);
}

/* A report goes 180 days after HQ received it, never before HQ has it. */
static void
test_purge_report (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(LiaRetentionReport) early = NULL;
  g_autoptr(LiaRetentionReport) unsent = NULL;
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_sync_change_free);
  g_autoptr(GError) error = NULL;
  LiaSyncChange *change = g_new0 (LiaSyncChange, 1);

  g_assert_true (lia_attachment_has (fixture->store, fixture->attachment));

  /* A year later, but never sent. */
  set_now (fixture, "2027-03-01T12:00:00Z");
  unsent = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (unsent, "report")->purged, ==, 0);
  g_assert_cmpuint (count_of (unsent, "report")->kept_unsent, ==, 1);
  g_assert_true (exists (fixture, fixture->report));

  /* HQ receives it on 2027-03-02 (as the sync engine notes it). */
  set_now (fixture, "2027-03-02T12:00:00Z");
  mark_all_pushed (fixture);
  change->uuid = g_strdup (fixture->report);
  change->record_type = g_strdup ("report");
  g_ptr_array_add (changes, change);
  lia_retention_note_received (fixture->store, changes, &error);
  g_assert_no_error (error);

  set_now (fixture, "2027-08-01T12:00:00Z");
  early = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (early, "report")->purged, ==, 0);

  set_now (fixture, "2027-08-30T12:00:00Z");

  /* HQ refused it: HQ does not have it, so it stays. */
  {
    g_autofree char *refuse = g_strdup_printf ("INSERT INTO sync_refused (seq, reason, message, refused_at)"
                                               " SELECT seq, 'forbidden', 'outside clearance', '2027-03-02T12:00:00Z'"
                                               " FROM change_log WHERE record_uuid = '%s';",
                                               fixture->report);
    g_autoptr(LiaRetentionReport) refused = NULL;

    lia_db_exec (lia_store_get_db (fixture->store), refuse, &error);
    g_assert_no_error (error);
    refused = lia_retention_purge (fixture->store, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (count_of (refused, "report")->purged, ==, 0);
    g_assert_cmpuint (count_of (refused, "report")->kept_unsent, ==, 1);
    lia_db_exec (lia_store_get_db (fixture->store), "DELETE FROM sync_refused;", &error);
    g_assert_no_error (error);
  }

  report = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (report, "report")->purged, ==, 1);
  g_assert_false (exists (fixture, fixture->report));
  g_assert_cmpuint (count_in_files (fixture, CANARY_REPORT), ==, 0);
  /* Its attachment was used by nothing else. */
  g_assert_cmpuint (report->attachments, ==, 1);
  g_assert_false (lia_attachment_has (fixture->store, fixture->attachment));
}

/* A pull never brings a purged record back. */
static void
test_purge_stays_purged (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(LiaSyncChange) change = g_new0 (LiaSyncChange, 1);
  g_autoptr(GError) error = NULL;
  LiaApplyResult result;

  report = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_false (exists (fixture, fixture->old_incident));

  change->uuid = g_strdup (fixture->old_incident);
  change->record_type = g_strdup ("incident");
  change->operation = g_strdup (OPERATION);
  change->sensitivity = LIA_SENSITIVITY_CONFIDENTIAL;
  change->revision = 7;
  change->author_device = g_strdup ("00000000-0000-4000-8000-00000000a11e");
  change->changed_at = g_strdup ("2026-02-01T00:00:00.000000Z");
  change->body = g_strdup ("{\"description\": \"" CANARY_INCIDENT "\"}");

  lia_store_apply_remote (fixture->store, change, &result, &error);
  g_assert_no_error (error);
  g_assert_false (exists (fixture, fixture->old_incident));
}

/* Deleting an actor leaves a tombstone and old revisions with its name;
 * once the deletion reached HQ, the purge takes both. */
static void
test_purge_tombstones (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(LiaRecord) actor = NULL;
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;

  lia_store_set_setting (fixture->store, "sync-token", "token-of-a-test", &error);
  g_assert_no_error (error);
  actor = lia_store_load (fixture->store, fixture->actor, &error);
  g_assert_no_error (error);
  lia_store_delete (fixture->store, actor, &error);
  g_assert_no_error (error);
  mark_all_pushed (fixture);
  g_assert_cmpuint (count_in_files (fixture, KEEP_ACTOR), >, 0);

  report = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->tombstones, ==, 1);
  g_assert_false (exists (fixture, fixture->actor));
  g_assert_cmpuint (count_in_files (fixture, KEEP_ACTOR), ==, 0);
}

/* The same through the encrypting VFS: VACUUM works (its copy stays in
 * memory) and leaves a sound database. */
static void
test_purge_encrypted (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(sqlite3_stmt) check = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) tmp = NULL;

  g_assert_nonnull (lia_store_get_vault (fixture->store));

  report = lia_retention_purge (fixture->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_of (report, "movement-notification")->purged, ==, 1);
  g_assert_cmpuint (count_of (report, "incident")->purged, ==, 1);
  g_assert_cmpuint (report->transmissions, ==, 1);
  g_assert_false (exists (fixture, fixture->old_movement));
  g_assert_true (exists (fixture, fixture->new_movement));
  g_assert_true (exists (fixture, fixture->actor));

  check = lia_db_prepare (lia_store_get_db (fixture->store), "PRAGMA integrity_check", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (check), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (check, 0), ==, "ok");
  g_assert_cmpint (query_int (fixture, "SELECT freelist_count FROM pragma_freelist_count"), ==, 0);

  /* Still encrypted after VACUUM, and it reopens. */
  g_assert_cmpuint (count_in_files (fixture, "SQLite format 3"), ==, 0);
  g_assert_cmpuint (count_in_files (fixture, KEEP_ACTOR), ==, 0);
  g_clear_object (&fixture->store);
  fixture->store = lia_test_open_store_in_dir (fixture->dir, fixture->clock);
  g_assert_true (exists (fixture, fixture->new_incident));
  g_assert_false (exists (fixture, fixture->old_incident));
}

static void
on_purged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LiaRetentionReport **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = lia_retention_purge_finish (LIA_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
on_changed (LiaStore *store,
            guint    *count)
{
  (*count)++;
}

/* The window's way: a worker thread with a connection of its own. */
static void
test_purge_async (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(LiaRetentionReport) report = NULL;
  guint changed = 0;

  g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed), &changed);
  lia_retention_purge_async (fixture->store, FALSE, NULL, on_purged, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (count_of (report, "incident")->purged, ==, 1);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_false (exists (fixture, fixture->old_incident));
  g_assert_true (exists (fixture, fixture->new_incident));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func, encrypted) \
  g_test_add (path, Fixture, GINT_TO_POINTER (encrypted), fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/retention/defaults", test_defaults);
  ADD ("/retention/rules", test_rules, FALSE);
  ADD ("/retention/purge/clear", test_purge_clear, FALSE);
  ADD ("/retention/purge/keeps-unsent", test_purge_keeps_unsent, FALSE);
  ADD ("/retention/purge/report", test_purge_report, FALSE);
  ADD ("/retention/purge/stays-purged", test_purge_stays_purged, FALSE);
  ADD ("/retention/purge/tombstones", test_purge_tombstones, FALSE);
  ADD ("/retention/purge/encrypted", test_purge_encrypted, TRUE);
  ADD ("/retention/purge/async", test_purge_async, TRUE);

  return g_test_run ();
}
