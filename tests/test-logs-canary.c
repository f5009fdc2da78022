/* test-logs-canary.c — no record content in what the programs say
 *
 * The real liaison-cli writes records holding unique canary strings
 * (an actor's name, contact and place; a site's name, contact and
 * coordinates; ACLED rows' actors and notes), imports, then syncs with a
 * real liaison-hq, all with G_MESSAGES_DEBUG=all.  No canary may appear in
 * anything liaison-cli prints on stderr, nor in anything liaison-hq prints
 * at all (its request log goes to stdout under G_MESSAGES_DEBUG).  The
 * write commands' stdout is checked too: they print ids and counts.  No
 * command whose purpose is to print a record (“actors list”, “notify
 * show”, “actors show”) is run here: printing the record is their job.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "lia-test-cli.h"
#include "lia-test-hq.h"
#include "lia-test-util.h"

#include "liaison-core.h"

#define OPERATION "korvania"

static const char * const canaries[] = {
  "Canary Front QZ91",
  "Canary Spokesperson QZ92",
  "+000 555 QZ93",
  "Canary Ridge QZ94",
  "12.43917",        /* the actor's latitude */
  "Canary Clinic QZ95",
  "Canary Manager QZ96",
  "12.36781",        /* the site's latitude */
  "30.58147",        /* the site's longitude */
  "Canary Militia QZ97",
  "Canary note QZ98",
};

static void
assert_no_canary (const char *what,
                  const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    if (text != NULL && strstr (text, canaries[i]) != NULL)
      g_error ("%s shows the canary “%s”:\n%s", what, canaries[i], text);
}

/* Runs a write command; it must succeed, and say nothing of the records. */
static void
run_write_argv (const char         *data_dir,
                const char * const *args)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli_argv (data_dir, args);
  g_autofree char *what = g_strjoinv (" ", (char **) args);

  if (run->status != 0)
    g_error ("liaison-cli %s failed with %d: %s", what, run->status, run->err);

  assert_no_canary (what, run->err);
  assert_no_canary (what, run->out);
}

#define run_write(data_dir, ...) \
  run_write_argv ((data_dir), (const char * const []) { __VA_ARGS__, NULL })

static void
write_file (const char *path,
            const char *contents)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
test_no_content_in_logs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-logs-canary-XXXXXX", NULL);
  g_autofree char *data_dir = g_build_filename (dir, "data", NULL);
  g_autofree char *site_path = g_build_filename (dir, "site.json", NULL);
  g_autofree char *acled_path = g_build_filename (dir, "acled.csv", NULL);
  g_autofree char *code = NULL;
  g_autofree char *hq_out = NULL;
  g_autofree char *hq_err = NULL;
  g_autoptr(GError) error = NULL;
  LiaTestHq hq = { NULL, };

  /* Debug output on, in every process the test starts */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);

  lia_test_hq_start (&hq, (const char * const []) { "--insecure-http", NULL });
  {
    const char *args[] = {
      "enrol-code", "--db", hq.db_path, "--operation", OPERATION, "--clearance", "strictly-confidential", NULL
    };

    g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
  }
  g_strstrip (code);

  run_write (data_dir, "enrol", hq.base_url, code, "--name", "Canary laptop");
  run_write (data_dir, "operation", "set", OPERATION);

  run_write (data_dir, "actors", "add", "Canary Front QZ91", "--type", "rebel-group",
             "--contact", "Canary Spokesperson QZ92|satellite phone|+000 555 QZ93",
             "--lat", "12.43917", "--lon", "30.10", "--place", "Canary Ridge QZ94",
             "--sensitivity", "strictly-confidential");

  write_file (site_path,
              "{ \"organisation\": \"Korvanian Red Crescent\", \"facility_type\": \"health\","
              "  \"name\": \"Canary Clinic QZ95\","
              "  \"location\": { \"lat\": 12.36781, \"lon\": 30.58147 },"
              "  \"admin_area\": \"Tessaly Province, Orrin District\","
              "  \"function\": \"Primary health care\", \"involvement\": \"operated\","
              "  \"persons_present\": 12, \"contact\": \"Canary Manager QZ96\","
              "  \"valid_from\": \"2026-11-20T08:00:00Z\", \"valid_until\": \"2027-02-18T08:00:00Z\","
              "  \"reference\": \"HNS-KOR-S-0042\", \"status\": \"draft\", \"sensitivity\": \"confidential\" }");
  run_write (data_dir, "notify", "new-site", "--from-json", site_path);

  write_file (acled_path,
              "event_id_cnty,event_date,year,event_type,sub_event_type,actor1,assoc_actor_1,inter1,"
              "actor2,assoc_actor_2,inter2,interaction,country,admin1,location,latitude,longitude,source,notes\n"
              "KOR9,2024-02-05,2024,Battles,Armed clash,Canary Militia QZ97,,3,Canary Front QZ91,,2,23,"
              "Korvania,Tessaly,Marrow Ford,12.4501,30.1022,Fictional Monitor,Canary note QZ98\n");
  run_write (data_dir, "actors", "import-acled", acled_path);

  /* The changes go up to HQ, which logs each request */
  run_write (data_dir, "sync");

  /* HQ's whole output, once it stopped */
  g_subprocess_send_signal (hq.process, SIGTERM);
  g_assert_true (lia_test_hq_wait (hq.process, LIA_TEST_HQ_STOP_TIMEOUT_MS));
  g_subprocess_communicate_utf8 (hq.process, NULL, NULL, &hq_out, &hq_err, &error);
  g_assert_no_error (error);
  g_clear_object (&hq.process);

  /* The request log is there, so the check below looked at something */
  g_assert_nonnull (strstr (hq_out, "/api/v1/"));
  assert_no_canary ("liaison-hq's output", hq_out);
  assert_no_canary ("liaison-hq's errors", hq_err);

  lia_test_hq_clear (&hq);
  lia_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/logs/no-record-content", test_no_content_in_logs);

  return g_test_run ();
}
