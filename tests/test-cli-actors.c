/* test-cli-actors.c — runs “liaison-cli actors” as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lia-test-cli.h"
#include "lia-test-util.h"

#include "liaison-core.h"

typedef struct
{
  char *dir;
  char *data_dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-cli-actors-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->data_dir = g_build_filename (f->dir, "data", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_dir);
}

static char *
run_ok_argv (const char         *data_dir,
             const char * const *args)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli_argv (data_dir, args);

  if (run->status != 0)
    g_error ("liaison-cli %s failed with %d: %s", args[1], run->status, run->err);

  return g_strdup (g_strstrip (run->out));
}

#define run_ok(data_dir, ...) \
  run_ok_argv ((data_dir), (const char * const []) { __VA_ARGS__, NULL })

static void
assert_failure (LiaTestRun *run,
                int         status,
                const char *mentions)
{
  g_assert_cmpint (run->status, ==, status);
  if (strstr (run->err, mentions) == NULL)
    g_error ("stderr does not mention “%s”: %s", mentions, run->err);
}

static JsonNode *
parse_json (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
find_by_name (JsonArray  *array,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }

  g_error ("no %s", name);
}

static void
build_map (const char *data_dir)
{
  g_free (run_ok (data_dir, "operation", "set", "korvania"));
  g_free (run_ok (data_dir, "actors", "add", "OCHA Korvania", "--type", "humanitarian", "--influence", "4"));
  g_free (run_ok (data_dir, "actors", "add", "Korvanian Armed Forces", "--type", "state-forces",
                  "--influence", "9", "--lat", "12.45", "--lon", "30.10", "--place", "Tessaly",
                  "--name", "ar=القوات المسلحة الكورفانية"));
  g_free (run_ok (data_dir, "actors", "add", "Northern Ridge Front", "--type", "rebel-group",
                  "--contact", "Spokesperson|satellite phone|+000 555 0101"));
  g_free (run_ok (data_dir, "actors", "add", "Silent Partner", "--type", "other",
                  "--sensitivity", "strictly-confidential"));
  g_free (run_ok (data_dir, "actors", "link", "OCHA Korvania", "korvanian armed forces",
                  "--type", "liaison-channel", "--weight", "0.8"));
  g_free (run_ok (data_dir, "actors", "link", "القوات المسلحة الكورفانية", "Northern Ridge Front",
                  "--type", "negotiates-with", "--weight", "0.5"));
}

static void
test_build_and_analyze (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *list = NULL;
  g_autofree char *analysis = NULL;
  g_autofree char *reach = NULL;
  g_autoptr(JsonNode) list_root = NULL;
  g_autoptr(JsonNode) analysis_root = NULL;
  g_autoptr(JsonNode) reach_root = NULL;
  JsonObject *army, *front, *chain;
  JsonArray *actors;

  build_map (f->data_dir);

  list = run_ok (f->data_dir, "actors", "list", "--json");
  list_root = parse_json (list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_root)), ==, 4);
  army = find_by_name (json_node_get_array (list_root), "Korvanian Armed Forces");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (army, "names"), "ar"), ==,
                   "القوات المسلحة الكورفانية");
  g_assert_cmpint (json_object_get_int_member (army, "influence"), ==, 9);
  front = find_by_name (json_node_get_array (list_root), "Northern Ridge Front");
  g_assert_cmpstr (json_object_get_string_member (front, "sensitivity"), ==, "confidential");

  analysis = run_ok (f->data_dir, "actors", "analyze", "--json");
  analysis_root = parse_json (analysis);
  actors = json_object_get_array_member (json_node_get_object (analysis_root), "actors");
  army = find_by_name (actors, "Korvanian Armed Forces");
  g_assert_cmpint (json_object_get_int_member (army, "degree"), ==, 2);
  /* The army is on the one path between the other two, out of 3·2 pairs. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (army, "betweenness"), 1.0 / 3.0, 1e-12);
  g_assert_true (json_object_get_boolean_member (find_by_name (actors, "Silent Partner"), "isolated"));

  reach = run_ok (f->data_dir, "actors", "reach", "Northern Ridge Front", "--json");
  reach_root = parse_json (reach);
  chain = json_array_get_object_element (json_object_get_array_member (json_node_get_object (reach_root), "chains"), 0);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (chain, "strength"), 0.4, 1e-12);
  g_assert_nonnull (strstr (json_object_get_string_member (chain, "explanation"),
                            "You (OCHA Korvania) have a liaison channel to Korvanian Armed Forces"));
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(LiaTestRun) no_operation = lia_test_run_cli (f->data_dir, "actors", "add", "X", "--type", "other");
  g_autoptr(LiaTestRun) no_type = NULL;
  g_autoptr(LiaTestRun) bad_type = NULL;
  g_autoptr(LiaTestRun) unknown = NULL;
  g_autoptr(LiaTestRun) self_loop = NULL;
  g_autoptr(LiaTestRun) bad_lat = NULL;
  g_autoptr(LiaTestRun) bad_dates = NULL;

  assert_failure (no_operation, 1, "operation set");

  build_map (f->data_dir);
  no_type = lia_test_run_cli (f->data_dir, "actors", "add", "X");
  assert_failure (no_type, 2, "--type");
  bad_type = lia_test_run_cli (f->data_dir, "actors", "link", "OCHA Korvania", "Northern Ridge Front", "--type", "friends");
  assert_failure (bad_type, 2, "liaison-channel");
  unknown = lia_test_run_cli (f->data_dir, "actors", "link", "OCHA Korvania", "Nobody", "--type", "supports");
  assert_failure (unknown, 1, "no actor “Nobody”");
  self_loop = lia_test_run_cli (f->data_dir, "actors", "link", "OCHA Korvania", "OCHA Korvania", "--type", "supports");
  assert_failure (self_loop, 1, "two different actors");
  bad_lat = lia_test_run_cli (f->data_dir, "actors", "add", "Y", "--type", "police", "--lat", "91", "--lon", "30");
  assert_failure (bad_lat, 1, "latitude 91");
  bad_dates = lia_test_run_cli (f->data_dir, "actors", "link", "OCHA Korvania", "Northern Ridge Front",
                                "--type", "supports", "--start", "2024-05-01", "--end", "2024-04-01");
  assert_failure (bad_dates, 1, "before it starts");
}

static void
test_import_acled (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *fixture = g_test_build_filename (G_TEST_DIST, "data", "acled-korvania.csv", NULL);
  g_autofree char *preview = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *list = NULL;
  g_autoptr(JsonNode) preview_root = NULL;
  g_autoptr(JsonNode) first_root = NULL;
  g_autoptr(JsonNode) second_root = NULL;
  g_autoptr(JsonNode) list_root = NULL;
  g_autoptr(LiaTestRun) text = NULL;
  JsonObject *object;

  g_free (run_ok (f->data_dir, "operation", "set", "korvania"));

  preview = run_ok (f->data_dir, "actors", "import-acled", fixture, "--dry-run", "--json");
  preview_root = parse_json (preview);
  object = json_node_get_object (preview_root);
  g_assert_cmpint (json_object_get_int_member (object, "new_actors"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "new_relationships"), ==, 7);
  g_assert_cmpint (json_array_get_length (json_object_get_array_member (object, "skipped_rows")), ==, 5);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (json_object_get_array_member (object, "skipped_rows"), 0), "row"), ==, 10);

  list = run_ok (f->data_dir, "actors", "list", "--json");
  list_root = parse_json (list);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (list_root)), ==, 0);

  first = run_ok (f->data_dir, "actors", "import-acled", fixture, "--json");
  first_root = parse_json (first);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (first_root), "new_actors"), ==, 5);

  second = run_ok (f->data_dir, "actors", "import-acled", fixture, "--json");
  second_root = parse_json (second);
  object = json_node_get_object (second_root);
  g_assert_cmpint (json_object_get_int_member (object, "new_actors"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "merged_actors"), ==, 5);
  g_assert_cmpint (json_object_get_int_member (object, "new_relationships"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (object, "unchanged_relationships"), ==, 7);

  /* Text output lists the skipped rows on stderr, with their numbers. */
  text = lia_test_run_cli (f->data_dir, "actors", "import-acled", fixture, "--dry-run");
  g_assert_cmpint (text->status, ==, 0);
  g_assert_nonnull (strstr (text->err, "Row 14 skipped"));
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *geojson = g_build_filename (f->dir, "map.geojson", NULL);
  g_autofree char *hxl = g_build_filename (f->dir, "map.csv", NULL);
  g_autofree char *graphml = g_build_filename (f->dir, "map.graphml", NULL);
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *features;
  JsonObject *point;

  build_map (f->data_dir);

  g_free (run_ok (f->data_dir, "actors", "export", "--format", "geojson", "-o", geojson));
  text = read_text (geojson);
  root = parse_json (text);
  features = json_object_get_array_member (json_node_get_object (root), "features");
  g_assert_cmpuint (json_array_get_length (features), ==, 1);
  point = json_object_get_object_member (json_array_get_object_element (features, 0), "geometry");
  /* Longitude first. */
  g_assert_cmpfloat (json_array_get_double_element (json_object_get_array_member (point, "coordinates"), 0), ==, 30.10);
  g_clear_pointer (&text, g_free);

  /* Left out, and said so on stderr: the strictly confidential actor and
   * the (by default confidential) contact. */
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "actors", "export", "--format", "hxl", "-o", hxl);

    g_assert_cmpint (run->status, ==, 0);
    g_assert_nonnull (strstr (run->err, "Left out 1 strictly confidential record; add --include-strictly-confidential to include it."));
    g_assert_nonnull (strstr (run->err, "Left out 1 confidential contact; add --include-strictly-confidential to include it."));
  }
  text = read_text (hxl);
  g_assert_nonnull (strstr (text, "#org+name,"));
  g_assert_nonnull (strstr (text, "#geo+lat,#geo+lon,#adm1+name,#contact,#x_influence"));
  g_assert_nonnull (strstr (text, "Korvanian Armed Forces,القوات المسلحة الكورفانية,,state-forces,1,,12.45,30.1,Tessaly"));
  g_assert_null (strstr (text, "+000 555 0101"));
  g_assert_null (strstr (text, "Silent Partner"));
  g_clear_pointer (&text, g_free);

  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "actors", "export", "--format", "hxl", "-o", hxl,
                                                  "--include-strictly-confidential");

    g_assert_cmpint (run->status, ==, 0);
    g_assert_null (strstr (run->err, "Left out"));
  }
  text = read_text (hxl);
  g_assert_nonnull (strstr (text, "Silent Partner"));
  g_assert_nonnull (strstr (text, "Spokesperson (satellite phone): +000 555 0101"));
  g_clear_pointer (&text, g_free);

  g_free (run_ok (f->data_dir, "actors", "export", "--format", "graphml", "-o", graphml));
  text = read_text (graphml);
  g_assert_nonnull (strstr (text, "<graphml"));
  g_assert_nonnull (strstr (text, "<data key=\"relationship\">negotiates-with</data>"));
  g_assert_null (strstr (text, "Silent Partner"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-actors/build-and-analyze", Fixture, NULL, fixture_setup, test_build_and_analyze, fixture_teardown);
  g_test_add ("/cli-actors/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add ("/cli-actors/import-acled", Fixture, NULL, fixture_setup, test_import_acled, fixture_teardown);
  g_test_add ("/cli-actors/export", Fixture, NULL, fixture_setup, test_export, fixture_teardown);

  return g_test_run ();
}
