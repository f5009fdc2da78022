/* test-reports.c — reports: validation, drafts that stay local, lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "liaison-core.h"
#include "lia-test-util.h"
#include "lia-test-store.h"

#define KORVANIA "op-korvania"

typedef struct
{
  char     *dir;
  LiaClock *clock;
  LiaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 20, 9, 0, 0);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("liaison-reports-XXXXXX", NULL);
  f->clock = lia_clock_new_fixed (now);
  f->store = lia_test_open_store_in_dir (f->dir, f->clock);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
save_record (Fixture   *f,
             LiaRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (f->store, record, &error));
  g_assert_no_error (error);
}

static LiaReport *
from_template (LiaReportKind kind)
{
  g_autofree char *json = lia_report_template (kind);
  g_autoptr(GError) error = NULL;
  LiaReport *report = lia_report_new_from_json (KORVANIA, kind, json, &error);

  g_assert_no_error (error);
  return report;
}

/* Every template is a complete report of its kind. */
static void
test_templates (void)
{
  for (LiaReportKind kind = LIA_REPORT_KIND_AAR; kind <= LIA_REPORT_KIND_FOLLOWUP; kind++)
    {
      g_autoptr(LiaReport) report = from_template (kind);
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (lia_report_get_kind (report), ==, kind);
      g_assert_cmpint (lia_report_get_status (report), ==, LIA_REPORT_STATUS_DRAFT);
      g_assert_true (lia_report_validate (report, TRUE, &error));
      g_assert_no_error (error);
    }
}

/* Sets @field of a template to the JSON @value ("null": removed) and checks
 * that submitting is refused with a message naming @expect. */
static void
assert_refused (LiaReportKind  kind,
                const char    *field,
                const char    *value,
                gboolean       as_draft,
                const char    *expect)
{
  g_autoptr(LiaReport) report = from_template (kind);
  g_autoptr(GError) error = NULL;
  JsonObject *body = lia_report_get_body (report);

  if (g_str_equal (value, "null"))
    json_object_remove_member (body, field);
  else
    json_object_set_member (body, field, json_from_string (value, NULL));

  g_assert_false (lia_report_validate (report, !as_draft, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  if (strstr (error->message, expect) == NULL)
    g_error ("“%s” does not name “%s”", error->message, expect);
}

static void
test_validate_aar (void)
{
  assert_refused (LIA_REPORT_KIND_AAR, "happened", "null", FALSE, "happened");
  assert_refused (LIA_REPORT_KIND_AAR, "why_different", "\"  \"", FALSE, "why_different");
  assert_refused (LIA_REPORT_KIND_AAR, "participants", "[]", FALSE, "participants");
  assert_refused (LIA_REPORT_KIND_AAR, "participants", "[{\"name\": \"Jan\"}]", TRUE, "participants[0].name");
  assert_refused (LIA_REPORT_KIND_AAR, "developments", "\"x\"", TRUE, "developments");
  assert_refused (LIA_REPORT_KIND_AAR, "period_start", "\"2026-02-30\"", TRUE, "period_start");
  assert_refused (LIA_REPORT_KIND_AAR, "period_end", "\"2026-03-01\"", TRUE, "period_end");
  assert_refused (LIA_REPORT_KIND_AAR, "language", "\"de\"", TRUE, "language");
  assert_refused (LIA_REPORT_KIND_AAR, "lessons", "[{\"text\": \"\"}]", TRUE, "lessons[0].text");
  assert_refused (LIA_REPORT_KIND_AAR, "lessons", "[{\"text\": \"a\", \"tags\": [3]}]", TRUE, "lessons[0].tags[0]");
  assert_refused (LIA_REPORT_KIND_AAR, "attachments",
                  "[{\"name\": \"a.jpg\", \"mime\": \"image/jpeg\", \"size\": 20000000,"
                  " \"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\"}]",
                  TRUE, "attachments[0]");

  {
    g_autofree char *long_title = g_strnfill (LIA_REPORT_TITLE_MAX + 1, 'x');
    g_autofree char *json = g_strdup_printf ("\"%s\"", long_title);

    assert_refused (LIA_REPORT_KIND_AAR, "title", json, TRUE, "title");
  }

  /* A draft may leave out what a submission needs. */
  {
    g_autoptr(LiaReport) report = from_template (LIA_REPORT_KIND_AAR);
    g_autoptr(GError) error = NULL;

    json_object_remove_member (lia_report_get_body (report), "improve");
    g_assert_true (lia_report_validate (report, FALSE, &error));
    g_assert_no_error (error);
  }
}

static void
test_validate_sitrep (void)
{
  assert_refused (LIA_REPORT_KIND_SITREP, "requests_to_hq", "null", FALSE, "requests_to_hq");
  assert_refused (LIA_REPORT_KIND_SITREP, "access_constraints", "42", TRUE, "access_constraints");
  assert_refused (LIA_REPORT_KIND_SITREP, "event", "\"x\"", TRUE, "event");
}

static void
test_validate_followup (void)
{
  assert_refused (LIA_REPORT_KIND_FOLLOWUP, "incident_uuids", "[]", FALSE, "incident_uuids");
  assert_refused (LIA_REPORT_KIND_FOLLOWUP, "incident_uuids", "[\"not-a-uuid\"]", TRUE, "incident_uuids[0]");
  assert_refused (LIA_REPORT_KIND_FOLLOWUP, "outcome", "null", FALSE, "outcome");
}

static void
test_from_json_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaReport) report = NULL;

  report = lia_report_new_from_json (KORVANIA, LIA_REPORT_KIND_SITREP, "{\"kind\": \"aar\"}", &error);
  g_assert_null (report);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "kind"));
  g_clear_error (&error);

  report = lia_report_new_from_json (KORVANIA, LIA_REPORT_KIND_AAR, "{\"status\": \"submitted\"}", &error);
  g_assert_null (report);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  report = lia_report_new_from_json (KORVANIA, LIA_REPORT_KIND_AAR, "{\"title\": \"a\xff\"}", &error);
  g_assert_null (report);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "UTF-8"));
  g_clear_error (&error);

  report = lia_report_new_from_json (KORVANIA, LIA_REPORT_KIND_AAR, "[1]", &error);
  g_assert_null (report);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
}

/* A draft survives closing the store, records no change for HQ, and its
 * submission does; a submitted report is read-only. */
static void
test_draft_lifecycle (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LiaReport) report = from_template (LIA_REPORT_KIND_SITREP);
  g_autoptr(LiaReport) reopened = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (report)));

  g_assert_true (lia_store_save (f->store, LIA_RECORD (report), &error));
  lia_report_set_string (report, "developments", "Second thoughts.");
  g_assert_true (lia_store_save (f->store, LIA_RECORD (report), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 0);

  /* Restart. */
  g_clear_object (&f->store);
  f->store = lia_test_open_store_in_dir (f->dir, f->clock);
  g_assert_no_error (error);

  reopened = LIA_REPORT (lia_store_load (f->store, uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_report_get_status (reopened), ==, LIA_REPORT_STATUS_DRAFT);
  g_assert_cmpstr (lia_report_get_string (reopened, "developments"), ==, "Second thoughts.");
  g_assert_cmpint (lia_record_get_revision (LIA_RECORD (reopened)), ==, 2);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 0);

  /* A submission that does not validate leaves the draft as it was. */
  lia_report_set_string (reopened, "outcome", "x");
  g_assert_false (lia_report_submit (reopened, f->store, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  lia_report_set_string (reopened, "outcome", NULL);
  g_assert_cmpint (lia_report_get_status (reopened), ==, LIA_REPORT_STATUS_DRAFT);

  g_assert_true (lia_report_submit (reopened, f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lia_report_get_string (reopened, "submitted_at"), ==, "2026-03-20T09:00:00Z");

  changes = lia_store_list_changes (f->store, 0, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, ==, 1);
  {
    LiaSyncChange *change = g_ptr_array_index (changes, 0);

    g_assert_cmpstr (change->uuid, ==, uuid);
    g_assert_cmpint (change->revision, ==, 3);
    g_assert_nonnull (strstr (change->body, "\"submitted\""));
    g_assert_nonnull (strstr (change->body, "Second thoughts."));
  }

  /* Read-only, in this object and once loaded again. */
  lia_report_set_string (reopened, "developments", "Changed later.");
  g_assert_false (lia_store_save (f->store, LIA_RECORD (reopened), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lia_store_delete (f->store, LIA_RECORD (reopened), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_object (&report);
  report = LIA_REPORT (lia_store_load (f->store, uuid, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (lia_report_get_string (report, "developments"), ==, "Second thoughts.");
  lia_report_set_string (report, "developments", "Changed later.");
  g_assert_false (lia_store_save (f->store, LIA_RECORD (report), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 1);
}

/* Deleting a draft stays on the device too: HQ never knew it. */
static void
test_draft_delete (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LiaReport) report = from_template (LIA_REPORT_KIND_AAR);
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (f->store, LIA_RECORD (report), &error));
  g_assert_true (lia_store_delete (f->store, LIA_RECORD (report), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 0);
}

/* Other record types still log every save. */
static void
test_other_types_unaffected (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LiaActor) actor = lia_actor_new (KORVANIA, "Kessel Brigade", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (f->store, LIA_RECORD (actor), &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 1);
}

/* Lessons from reports and from HQ, searched with accent and Arabic
 * diacritic folding; the last word may be unfinished. */
static void
test_lessons_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LiaReport) aar = from_template (LIA_REPORT_KIND_AAR);
  g_autoptr(LiaReport) sitrep = from_template (LIA_REPORT_KIND_SITREP);
  g_autoptr(LiaCuratedLessons) curated = g_object_new (LIA_TYPE_CURATED_LESSONS, "operation", "*", NULL);
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GPtrArray) only_curated = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  LiaLesson *lesson;

  json_object_set_member (lia_report_get_body (sitrep), "lessons",
                          json_from_string ("[{\"text\": \"Les notifications écrites évitent les disputes.\","
                                            "  \"tags\": [\"notification\"]},"
                                            " {\"text\": \"التنسيق مع الضابط المسؤول عن الاتصال يقلل التأخير\","
                                            "  \"tags\": [\"dialogue\"]}]", NULL));
  save_record (f, LIA_RECORD (aar));
  save_record (f, LIA_RECORD (sitrep));

  body = lia_curated_lessons_body_from_json ("[{\"text\": \"Brief checkpoint commanders yourself.\","
                                             " \"tags\": [\"checkpoint\"], \"source\": \"HQ review\"}]",
                                             -1, &error);
  g_assert_no_error (error);
  g_assert_true (lia_record_deserialize_body (LIA_RECORD (curated), body, &error));
  save_record (f, LIA_RECORD (curated));

  /* Accents folded: “ecrites” finds “écrites”. */
  found = lia_lessons_search (f->store, NULL, "ecrites", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  lesson = g_ptr_array_index (found, 0);
  g_assert_false (lesson->curated);
  g_assert_cmpstr (lesson->source_uuid, ==, lia_record_get_uuid (LIA_RECORD (sitrep)));
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Arabic with diacritics finds it without. */
  found = lia_lessons_search (f->store, NULL, "التَّنْسِيق", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Tags and HQ's lessons, by prefix. */
  found = lia_lessons_search (f->store, NULL, "checkp", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);

  only_curated = lia_lessons_list (f->store, NULL, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (only_curated->len, ==, 1);
  lesson = g_ptr_array_index (only_curated, 0);
  g_assert_true (lesson->curated);
  g_assert_cmpstr (lesson->source_title, ==, "HQ review");

  found = lia_lessons_search (f->store, NULL, "nothing-like-this", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reports/templates", test_templates);
  g_test_add_func ("/reports/validate/aar", test_validate_aar);
  g_test_add_func ("/reports/validate/sitrep", test_validate_sitrep);
  g_test_add_func ("/reports/validate/followup", test_validate_followup);
  g_test_add_func ("/reports/from-json-errors", test_from_json_errors);
  g_test_add ("/reports/draft-lifecycle", Fixture, NULL, fixture_setup, test_draft_lifecycle, fixture_teardown);
  g_test_add ("/reports/draft-delete", Fixture, NULL, fixture_setup, test_draft_delete, fixture_teardown);
  g_test_add ("/reports/lessons-search", Fixture, NULL, fixture_setup, test_lessons_search, fixture_teardown);
  g_test_add ("/reports/other-types-unaffected", Fixture, NULL, fixture_setup, test_other_types_unaffected, fixture_teardown);

  return g_test_run ();
}
