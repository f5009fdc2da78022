/* test-cli.c — runs the real liaison-cli as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-cli.h"
#include "lia-test-util.h"

#include <glib/gstdio.h>
#include <sys/stat.h>

#include "lia-test-note.h"
#include "lia-test-store.h"

typedef struct
{
  char *dir;       /* removed after each test */
  char *data_dir;  /* $LIAISON_DATA_DIR of the runs, not created */
  char *db_path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-cli-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
  f->db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
  g_free (f->db_path);
}

static void
assert_usage_error (Fixture  *f,
                    LiaTestRun   *run,
                    const char *mentions)
{
  g_assert_cmpint (run->status, ==, 2);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, mentions));
  /* A wrong command line does nothing. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static JsonObject *
run_info_json (const char *data_dir)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli (data_dir, "info", "--json");

  g_assert_cmpstr (run->err, ==, "");
  g_assert_cmpint (run->status, ==, 0);

  return parse_object (run->out);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

static void
test_version (Fixture       *f,
              gconstpointer  data)
{
  const char *expected = "liaison-cli " PACKAGE_VERSION "\n";
  g_autoptr(LiaTestRun) option = lia_test_run_cli (f->data_dir, "--version");
  g_autoptr(LiaTestRun) command = lia_test_run_cli (f->data_dir, "version");

  g_assert_cmpint (option->status, ==, 0);
  g_assert_cmpstr (option->out, ==, expected);
  g_assert_cmpstr (option->err, ==, "");

  g_assert_cmpint (command->status, ==, 0);
  g_assert_cmpstr (command->out, ==, expected);
  g_assert_cmpstr (command->err, ==, "");

  /* Asking for the version must not create a database. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
assert_lists_commands (const char *help)
{
  const char *commands[] = { "info", "version", "help" };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("^  %s +\\S", commands[i]);

      if (!g_regex_match_simple (pattern, help, G_REGEX_MULTILINE, 0))
        g_error ("The help does not list “%s” with a summary:\n%s", commands[i], help);
    }

  g_assert_nonnull (strstr (help, "--data-dir"));
  g_assert_nonnull (strstr (help, "--json"));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LiaTestRun) option = lia_test_run_cli (f->data_dir, "--help");
  g_autoptr(LiaTestRun) command = lia_test_run_cli (f->data_dir, "help");

  g_assert_cmpint (option->status, ==, 0);
  g_assert_cmpstr (option->err, ==, "");
  assert_lists_commands (option->out);

  g_assert_cmpint (command->status, ==, 0);
  g_assert_cmpstr (command->err, ==, "");
  g_assert_cmpstr (command->out, ==, option->out);
}

static void
test_help_command (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LiaTestRun) help = lia_test_run_cli (f->data_dir, "help", "info");
  g_autoptr(LiaTestRun) option = lia_test_run_cli (f->data_dir, "info", "--help");
  g_autoptr(LiaTestRun) unknown = lia_test_run_cli (f->data_dir, "help", "frob");

  g_assert_cmpint (help->status, ==, 0);
  g_assert_cmpstr (help->err, ==, "");
  g_assert_nonnull (strstr (help->out, "liaison-cli info"));
  g_assert_nonnull (strstr (help->out, "--json"));
  g_assert_nonnull (strstr (help->out, "--data-dir"));
  /* The general list of commands is not a command's help. */
  g_assert_null (strstr (help->out, "  version "));

  g_assert_cmpint (option->status, ==, 0);
  g_assert_cmpstr (option->out, ==, help->out);

  /* Showing help must not open the store. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));

  assert_usage_error (f, unknown, "frob");
}

static void
test_unknown_command (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "frob");

  assert_usage_error (f, run, "frob");
  g_assert_nonnull (strstr (run->err, "liaison-cli help"));
}

static void
test_bad_option (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LiaTestRun) global = lia_test_run_cli (f->data_dir, "--frobnicate", "info");
  g_autoptr(LiaTestRun) command = lia_test_run_cli (f->data_dir, "info", "--frobnicate");
  g_autoptr(LiaTestRun) missing = lia_test_run_cli (f->data_dir, "info", "--data-dir");
  g_autoptr(LiaTestRun) empty = lia_test_run_cli (f->data_dir, "--data-dir=", "info");
  g_autoptr(LiaTestRun) argument = lia_test_run_cli (f->data_dir, "info", "extra");
  g_autoptr(LiaTestRun) json = lia_test_run_cli (f->data_dir, "version", "--json");

  assert_usage_error (f, global, "--frobnicate");
  assert_usage_error (f, command, "--frobnicate");
  assert_usage_error (f, missing, "--data-dir");
  assert_usage_error (f, empty, "--data-dir");
  assert_usage_error (f, argument, "extra");
  assert_usage_error (f, json, "JSON");
}

static void
test_no_command (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "--json");

  assert_usage_error (f, run, "Usage");
}

static void
test_info_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonObject) first = NULL;
  g_autoptr(JsonObject) second = NULL;
  const char *device_id;
  GStatBuf st;

  first = run_info_json (f->data_dir);

  /* The data folder is created private, with the database in it. */
  g_assert_true (g_file_test (f->db_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (f->data_dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpstr (json_object_get_string_member (first, "data_dir"), ==, f->data_dir);
  g_assert_cmpstr (json_object_get_string_member (first, "database"), ==, f->db_path);
  g_assert_cmpint (json_object_get_int_member (first, "schema_version"), ==,
                   lia_store_get_latest_schema_version ());
  g_assert_true (json_object_has_member (first, "pending_changes"));
  g_assert_cmpint (json_object_get_int_member (first, "pending_changes"), ==, 0);
  device_id = json_object_get_string_member (first, "device_id");
  g_assert_nonnull (device_id);
  g_assert_cmpstr (device_id, !=, "");

  /* The device keeps its identity: HQ knows it by it. */
  second = run_info_json (f->data_dir);
  g_assert_cmpstr (json_object_get_string_member (second, "device_id"), ==, device_id);
}

static void
test_info_pending (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(LiaClock) clock = lia_clock_new_system ();
  g_autoptr(JsonObject) info = NULL;
  g_autoptr(LiaTestRun) text = NULL;
  g_autofree char *device_id = NULL;
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(LiaStore) store = lia_test_open_store_in_dir (f->data_dir, clock);

    g_assert_no_error (error);
    device_id = g_strdup (lia_store_get_device_id (store));

    for (guint i = 0; i < 3; i++)
      {
        g_autoptr(LiaTestNote) note = lia_test_note_new ("test-operation", "pending");

        lia_store_save (store, LIA_RECORD (note), &error);
        g_assert_no_error (error);
      }
  }

  info = run_info_json (f->data_dir);
  g_assert_cmpint (json_object_get_int_member (info, "pending_changes"), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (info, "device_id"), ==, device_id);

  /* The same facts for a person, one per line. */
  text = lia_test_run_cli (f->data_dir, "info");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_cmpstr (text->err, ==, "");
  g_assert_true (g_regex_match_simple ("^Data folder: +\\S", text->out, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (text->out, f->db_path));
  g_assert_nonnull (strstr (text->out, device_id));
  g_assert_true (g_regex_match_simple (": +3$", text->out, G_REGEX_MULTILINE, 0));
}

static void
test_data_dir_option (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *before = g_build_filename (f->dir, "before", NULL);
  g_autofree char *after = g_build_filename (f->dir, "after", NULL);
  g_autofree char *before_db = g_build_filename (before, LIA_STORE_FILENAME, NULL);
  g_autofree char *after_db = g_build_filename (after, LIA_STORE_FILENAME, NULL);
  g_autoptr(LiaTestRun) run_before = NULL;
  g_autoptr(LiaTestRun) run_after = NULL;
  g_autoptr(JsonObject) info = NULL;

  /* Before the command name… */
  run_before = lia_test_run_cli (f->data_dir, "--data-dir", before, "info", "--json");
  g_assert_cmpint (run_before->status, ==, 0);
  info = parse_object (run_before->out);
  g_assert_cmpstr (json_object_get_string_member (info, "data_dir"), ==, before);
  g_assert_true (g_file_test (before_db, G_FILE_TEST_IS_REGULAR));

  /* …or after it. */
  run_after = lia_test_run_cli (f->data_dir, "info", "--json", "--data-dir", after);
  g_assert_cmpint (run_after->status, ==, 0);
  g_assert_true (g_file_test (after_db, G_FILE_TEST_IS_REGULAR));

  /* $LIAISON_DATA_DIR was not used. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_schema_too_new (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(LiaTestRun) run = NULL;

  g_object_unref (lia_test_open_store_in_dir (f->data_dir, NULL));
  {
    g_autoptr(sqlite3) db = lia_test_open_db_in_dir (f->data_dir);

    lia_db_exec (db, "PRAGMA user_version = 999", &error);
    g_assert_no_error (error);
  }
  before = read_bytes (f->db_path);

  run = lia_test_run_cli (f->data_dir, "info", "--json");
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "newer"));

  /* A newer Liaison's data is left exactly as it was. */
  after = read_bytes (f->db_path);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(sqlite3) db = lia_test_open_db_in_dir (f->data_dir);

    g_assert_cmpuint (lia_db_get_user_version (db), ==, 999);
  }
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *file = g_build_filename (f->dir, "file", NULL);
  g_autofree char *inside = g_build_filename (file, "data", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaTestRun) run = NULL;

  /* No folder can be made inside a file, even by root. */
  g_file_set_contents (file, "", 0, &error);
  g_assert_no_error (error);

  run = lia_test_run_cli (inside, "info");
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_nonnull (strstr (run->err, "liaison-cli"));
  g_assert_nonnull (strstr (run->err, "file"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("LIAISON_CLI") == NULL)
    g_error ("Set LIAISON_CLI to the liaison-cli binary (meson test does).");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/version", test_version);
  ADD ("/cli/help", test_help);
  ADD ("/cli/help/command", test_help_command);
  ADD ("/cli/unknown-command", test_unknown_command);
  ADD ("/cli/bad-option", test_bad_option);
  ADD ("/cli/no-command", test_no_command);
  ADD ("/cli/info/json", test_info_json);
  ADD ("/cli/info/pending", test_info_pending);
  ADD ("/cli/info/data-dir-option", test_data_dir_option);
  ADD ("/cli/info/schema-too-new", test_schema_too_new);
  ADD ("/cli/info/unwritable", test_unwritable);

#undef ADD

  return g_test_run ();
}
