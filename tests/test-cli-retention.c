/* test-cli-retention.c — liaison-cli retention and purge, as a script runs them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lia-test-cli.h"
#include "lia-test-util.h"

#define CANARY_OLD "Canary shelling at the Varnek crossing 4417"
#define CANARY_NEW "Shelling near the Olmira bridge 9051"

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static char *
run_ok_argv (const char         *data_dir,
             const char * const *args)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli_argv (data_dir, args);

  if (run->status != 0)
    g_error ("liaison-cli %s %s failed with %d: %s", args[0], args[1], run->status, run->err);

  return g_strdup (run->out);
}

#define run_ok(data_dir, ...) \
  run_ok_argv ((data_dir), (const char * const []) { __VA_ARGS__, NULL })

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-cli-retention-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->data_dir = g_build_filename (f->dir, "data", NULL);

  g_free (run_ok (f->data_dir, "operation", "set", "op-korvania"));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

/* An incident from the template at @now (it happened 3 h before), with
 * @description; returns its id. */
static char *
add_incident (Fixture    *f,
              const char *now,
              const char *description)
{
  g_autofree char *template = run_ok (f->data_dir, "--now", now, "notify", "template", "incident");
  g_autofree char *path = g_build_filename (f->dir, "incident.json", NULL);
  g_autoptr(GString) json = g_string_new (template);
  g_autoptr(GError) error = NULL;
  char *id;

  g_assert_cmpuint (g_string_replace (json, "Two shells landed within 200 m of the health centre during opening hours.",
                                      description, 1), ==, 1);
  g_file_set_contents (path, json->str, -1, &error);
  g_assert_no_error (error);

  id = run_ok (f->data_dir, "--now", now, "incident", "new", "--from-json", path);
  return g_strstrip (id);
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *list = run_ok (f->data_dir, "retention", "list");
  g_autofree char *changed = NULL;
  g_autofree char *json = NULL;

  g_assert_nonnull (strstr (list, "movement-notification"));
  g_assert_nonnull (strstr (list, "30 days"));
  g_assert_nonnull (strstr (list, "365 days"));
  g_assert_nonnull (strstr (list, "until deleted"));

  g_free (run_ok (f->data_dir, "retention", "set", "incident", "90", "--operation", "op-ostrel"));
  g_free (run_ok (f->data_dir, "retention", "set", "actor", "keep"));
  changed = run_ok (f->data_dir, "retention", "list");
  g_assert_nonnull (strstr (changed, "op-ostrel"));
  g_assert_nonnull (strstr (changed, "90 days"));

  json = run_ok (f->data_dir, "retention", "list", "--json");
  g_assert_nonnull (strstr (json, "\"operation\" : \"op-ostrel\""));
  g_assert_nonnull (strstr (json, "\"days\" : 90"));

  /* Bad input: exit 2 and a sentence that says what to give. */
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "retention", "set", "convoys", "30");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_nonnull (strstr (run->err, "no retention rule for “convoys”"));
    g_assert_nonnull (strstr (run->err, "movement-notification"));
  }
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "retention", "set", "incident", "thirty");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_nonnull (strstr (run->err, "“thirty” is not a retention period"));
    g_assert_nonnull (strstr (run->err, "keep"));
  }
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "retention", "set", "incident", "0");

    g_assert_cmpint (run->status, ==, 2);
  }
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "retention", "set", "directory", "10");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_nonnull (strstr (run->err, "published by HQ"));
  }
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "retention", "set", "incident");

    g_assert_cmpint (run->status, ==, 2);
    g_assert_nonnull (strstr (run->err, "DAYS is missing"));
  }

  /* Nothing bad was stored. */
  g_free (json);
  json = run_ok (f->data_dir, "retention", "list", "--json");
  g_assert_null (strstr (json, "convoys"));
  g_assert_null (strstr (json, "\"days\" : 0"));
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *old_id = add_incident (f, "2025-01-01T12:00:00Z", CANARY_OLD);
  g_autofree char *new_id = add_incident (f, "2026-02-01T12:00:00Z", CANARY_NEW);
  g_autofree char *dry = NULL;
  g_autofree char *done = NULL;
  g_autofree char *again = NULL;
  g_autofree char *list = NULL;
  g_autofree char *json = NULL;

  dry = run_ok (f->data_dir, "--now", "2026-03-01T12:00:00Z", "purge", "--dry-run");
  g_assert_nonnull (strstr (dry, "Incidents: 1 to remove"));
  g_assert_nonnull (strstr (dry, "Would remove 1 record."));
  list = run_ok (f->data_dir, "incident", "list", "--json");
  g_assert_nonnull (strstr (list, old_id));

  done = run_ok (f->data_dir, "--now", "2026-03-01T12:00:00Z", "purge");
  g_assert_nonnull (strstr (done, "Incidents: 1 removed"));
  g_assert_nonnull (strstr (done, "Removed 1 record."));

  g_free (list);
  list = run_ok (f->data_dir, "incident", "list", "--json");
  g_assert_null (strstr (list, old_id));
  g_assert_nonnull (strstr (list, new_id));

  /* A longer period for this operation keeps the newer one past 30 days. */
  g_free (run_ok (f->data_dir, "retention", "set", "incident", "30"));
  g_free (run_ok (f->data_dir, "retention", "set", "incident", "60", "--operation", "op-korvania"));
  again = run_ok (f->data_dir, "--now", "2026-03-15T12:00:00Z", "purge");
  g_assert_nonnull (strstr (again, "Removed 0 records."));

  json = run_ok (f->data_dir, "--now", "2026-04-15T12:00:00Z", "purge", "--json");
  g_assert_nonnull (strstr (json, "\"purged\" : 1"));
  g_free (list);
  list = run_ok (f->data_dir, "incident", "list", "--json");
  g_assert_null (strstr (list, new_id));

  /* Wrong arguments are the user's to fix. */
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "purge", "everything");

    g_assert_cmpint (run->status, ==, 2);
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/retention/rules", Fixture, NULL, fixture_setup, test_rules, fixture_teardown);
  g_test_add ("/cli/retention/purge", Fixture, NULL, fixture_setup, test_purge, fixture_teardown);

  return g_test_run ();
}
