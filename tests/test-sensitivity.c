/* test-sensitivity.c — what leaves the device, and what a crash leaves on it
 *
 * Exports of the stakeholder map and notification packages leave out
 * strictly confidential records and confidential contacts unless the
 * officer confirmed; the counts say what was left out; the canaries of
 * what was left out are in no byte of the output.  A process that called
 * lia_process_harden() writes no core dump and cannot be ptraced.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "liaison-core.h"
#include "lia-test-store.h"
#include "lia-test-util.h"

#define OPERATION "korvania"

/* Unique strings: found in an output, they can only come from the record
 * that holds them. */
#define CANARY_STRICT_NAME   "Ostrel Quiet Partner QX7731"
#define CANARY_CONTACT       "+000 555 7731 QX"
#define CANARY_PUBLIC_NAME   "Varnek District Council"
#define CANARY_STRICT_SITE   "Olmira safe house QX4410"

typedef struct
{
  char     *dir;
  LiaClock *clock;
  LiaStore *store;
  char     *strict_uuid;
} Fixture;

static void
save (LiaStore  *store,
      gpointer   record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (store, LIA_RECORD (record), &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-11-20T08:00:00Z", NULL);
  g_autoptr(LiaActor) council = lia_actor_new (OPERATION, CANARY_PUBLIC_NAME, LIA_ACTOR_TYPE_GOVERNMENT);
  g_autoptr(LiaActor) partner = lia_actor_new (OPERATION, CANARY_STRICT_NAME, LIA_ACTOR_TYPE_OTHER);
  g_autoptr(LiaRelationship) link = NULL;

  f->dir = g_dir_make_tmp ("liaison-sensitivity-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->clock = lia_clock_new_fixed (now);
  f->store = lia_test_open_store_in_dir (f->dir, f->clock);

  /* A restricted actor with a contact, confidential as contacts are
   * unless lowered, and a location. */
  lia_record_set_sensitivity (LIA_RECORD (council), LIA_SENSITIVITY_RESTRICTED);
  lia_actor_add_location (council, 12.45, 30.10, "Tessaly");
  lia_actor_add_contact (council, "Secretary", "phone", CANARY_CONTACT);
  lia_actor_set_contact_sensitivity (council, 0, LIA_SENSITIVITY_CONFIDENTIAL);
  lia_record_set_sensitivity (LIA_RECORD (council), LIA_SENSITIVITY_RESTRICTED);
  save (f->store, council);

  lia_record_set_sensitivity (LIA_RECORD (partner), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  lia_actor_add_location (partner, 12.50, 30.20, "Ostrel");
  save (f->store, partner);
  f->strict_uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (partner)));

  link = lia_relationship_new (OPERATION, lia_record_get_uuid (LIA_RECORD (council)),
                               f->strict_uuid, LIA_RELATIONSHIP_LIAISON_CHANNEL);
  save (f->store, link);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->clock);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->strict_uuid);
}

static void
test_actor_export (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint n_records = 99, n_contacts = 99;

  g_assert_true (lia_actor_export_count_left_out (f->store, OPERATION, &n_records, &n_contacts, &error));
  g_assert_no_error (error);
  /* The strictly confidential actor and the relationship to it; the
   * council's contact. */
  g_assert_cmpuint (n_records, ==, 2);
  g_assert_cmpuint (n_contacts, ==, 1);

  for (LiaActorExportFormat format = LIA_ACTOR_EXPORT_GEOJSON; format <= LIA_ACTOR_EXPORT_GRAPHML; format++)
    {
      g_autofree char *left_out = lia_actor_export_to_string (f->store, OPERATION, format,
                                                              LIA_ACTOR_EXPORT_FLAGS_NONE, &error);
      g_autofree char *included = NULL;

      g_assert_no_error (error);
      g_assert_nonnull (strstr (left_out, CANARY_PUBLIC_NAME));
      g_assert_null (strstr (left_out, CANARY_STRICT_NAME));
      g_assert_null (strstr (left_out, f->strict_uuid));
      g_assert_null (strstr (left_out, "Ostrel"));
      g_assert_null (strstr (left_out, CANARY_CONTACT));

      included = lia_actor_export_to_string (f->store, OPERATION, format,
                                             LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (strstr (included, CANARY_STRICT_NAME));
      /* GraphML has no contacts column at all */
      if (format != LIA_ACTOR_EXPORT_GRAPHML)
        g_assert_nonnull (strstr (included, CANARY_CONTACT));
    }

  /* A lowered contact leaves without confirmation; nothing left to ask. */
  {
    g_autoptr(GPtrArray) actors = lia_store_list (f->store, "actor", OPERATION, NULL);

    for (guint i = 0; i < actors->len; i++)
      {
        LiaActor *actor = g_ptr_array_index (actors, i);

        if (lia_actor_get_n_contacts (actor) > 0)
          {
            lia_actor_set_contact_sensitivity (actor, 0, LIA_SENSITIVITY_RESTRICTED);
            save (f->store, actor);
          }
      }
  }
  g_assert_true (lia_actor_export_count_left_out (f->store, OPERATION, &n_records, &n_contacts, &error));
  g_assert_cmpuint (n_contacts, ==, 0);
  {
    g_autofree char *hxl = lia_actor_export_to_string (f->store, OPERATION, LIA_ACTOR_EXPORT_HXL,
                                                       LIA_ACTOR_EXPORT_FLAGS_NONE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (hxl, CANARY_CONTACT));
  }
}

static void
test_notification_export (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(LiaSiteNotification) site = lia_site_notification_new (OPERATION);
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2026-11-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 ("2027-02-01T00:00:00Z", NULL);
  g_autofree char *path = g_build_filename (f->dir, "package.pdf", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  lia_site_notification_set_organisation (site, "Korvanian Red Crescent");
  lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
  lia_site_notification_set_name (site, CANARY_STRICT_SITE);
  lia_site_notification_set_location (site, 12.3456, 30.6543);
  lia_site_notification_set_admin_area (site, "Olmira District");
  lia_site_notification_set_function (site, "Shelter");
  lia_site_notification_set_contact (site, "Site manager");
  lia_site_notification_set_persons_present (site, 5);
  lia_site_notification_set_valid_from (site, from);
  lia_site_notification_set_valid_until (site, until);
  lia_site_notification_set_reference (site, "HNS-S-9");
  lia_record_set_sensitivity (LIA_RECORD (site), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  save (f->store, site);

  /* Refused, and nothing written, without the officer's confirmation */
  g_assert_false (lia_notification_export (f->store, LIA_RECORD (site), NULL, "en",
                                           LIA_NOTIFICATION_EXPORT_PDF, FALSE, path, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "strictly confidential"));
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  csv = lia_notification_export_to_string (f->store, LIA_RECORD (site), NULL, "en",
                                           LIA_NOTIFICATION_EXPORT_CSV, FALSE, &error);
  g_assert_null (csv);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  /* Confirmed: the whole package */
  csv = lia_notification_export_to_string (f->store, LIA_RECORD (site), NULL, "en",
                                           LIA_NOTIFICATION_EXPORT_CSV, TRUE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, CANARY_STRICT_SITE));
  g_assert_nonnull (strstr (csv, "12.34560"));

  g_assert_true (lia_notification_export (f->store, LIA_RECORD (site), NULL, "en",
                                          LIA_NOTIFICATION_EXPORT_PDF, TRUE, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &bytes, &length, &error));
  g_assert_true (g_str_has_prefix (bytes, "%PDF-"));

  /* A confidential one (not strictly) leaves without asking */
  lia_record_set_sensitivity (LIA_RECORD (site), LIA_SENSITIVITY_CONFIDENTIAL);
  g_clear_pointer (&csv, g_free);
  csv = lia_notification_export_to_string (f->store, LIA_RECORD (site), NULL, "en",
                                           LIA_NOTIFICATION_EXPORT_CSV, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (csv, CANARY_STRICT_SITE));
}

static void
test_sensitivity_levels (void)
{
  LiaSensitivity level;

  g_assert_false (lia_sensitivity_is_sensitive (LIA_SENSITIVITY_PUBLIC));
  g_assert_false (lia_sensitivity_is_sensitive (LIA_SENSITIVITY_RESTRICTED));
  g_assert_true (lia_sensitivity_is_sensitive (LIA_SENSITIVITY_CONFIDENTIAL));
  g_assert_true (lia_sensitivity_is_sensitive (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL));
  g_assert_true (lia_sensitivity_from_string ("strictly-confidential", &level));
  g_assert_cmpint (level, ==, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  g_assert_false (lia_sensitivity_from_string ("secret", &level));
}

/* In a child, so that the test runner itself stays as it was. */
static void
test_process_harden (void)
{
  if (g_test_subprocess ())
    {
      struct rlimit limit = { 1, 1 };

      lia_process_harden ();

      g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
      g_assert_cmpint (getrlimit (RLIMIT_CORE, &limit), ==, 0);
      g_assert_cmpuint (limit.rlim_cur, ==, 0);
      g_assert_cmpuint (limit.rlim_max, ==, 0);
      /* The hard limit is down too: nothing in the process turns dumps
       * back on. */
      limit.rlim_cur = limit.rlim_max = RLIM_INFINITY;
      g_assert_cmpint (setrlimit (RLIMIT_CORE, &limit), !=, 0);
      return;
    }

  /* Without the call, a test process is dumpable: the check above can fail. */
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sensitivity/levels", test_sensitivity_levels);
  g_test_add_func ("/sensitivity/process-harden", test_process_harden);
  ADD ("/sensitivity/actor-export", test_actor_export);
  ADD ("/sensitivity/notification-export", test_notification_export);

  return g_test_run ();
}
