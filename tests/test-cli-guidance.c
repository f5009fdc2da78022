/* test-cli-guidance.c — runs “liaison-cli guidance” as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-cli.h"
#include "lia-test-util.h"

#include <glib/gstdio.h>

#include "liaison-core.h"

static const char * const required_ids[] = {
  "humanitarian-principles", "coordination-spectrum", "last-resort", "oslo-guidelines",
  "mcda-guidelines", "assistance-types", "armed-escorts", "hns-overview", "hns-static-site",
  "hns-movement", "notified-site-struck", "nsag-engagement", "information-sharing",
  "distinction-and-perception", "peacekeeping-and-qips", "requesting-military-assets",
  "stakeholder-mapping", "after-action-review", "handover", "disease-outbreaks",
};

typedef struct
{
  char *dir;       /* removed after each test */
  char *data_dir;  /* $LIAISON_DATA_DIR of the runs, not created */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-cli-guidance-XXXXXX", NULL);
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

static void
assert_success (LiaTestRun *run)
{
  if (run->status != 0)
    g_error ("liaison-cli failed with %d: %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");
}

static void
assert_failure (LiaTestRun     *run,
                int         status,
                const char *mentions)
{
  g_assert_cmpint (run->status, ==, status);
  g_assert_cmpstr (run->out, ==, "");
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
  g_assert_nonnull (json_parser_get_root (parser));

  return json_node_copy (json_parser_get_root (parser));
}

static JsonArray *
run_json_array_argv (const char         *data_dir,
                     const char * const *args)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli_argv (data_dir, args);
  g_autoptr(JsonNode) root = NULL;

  assert_success (run);
  root = parse_json (run->out);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));

  return json_array_ref (json_node_get_array (root));
}

#define run_json_array(data_dir, ...) \
  run_json_array_argv ((data_dir), (const char * const []) { __VA_ARGS__, NULL })

static JsonObject *
find_entry (JsonArray  *entries,
            const char *id,
            const char *lang)
{
  JsonObject *found = NULL;

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_strcmp0 (json_object_get_string_member (entry, "id"), id) == 0 &&
          g_strcmp0 (json_object_get_string_member (entry, "lang"), lang) == 0)
        {
          /* Each card is listed once per language. */
          g_assert_null (found);
          found = entry;
        }
    }

  return found;
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
write_text (const char *path,
            const char *text)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Copies the shipped card sources to @dest, to be changed there. */
static void
copy_sources (const char *dest)
{
  g_autofree char *source = g_build_filename (g_getenv ("LIAISON_SOURCE_ROOT"), "data", "guidance", NULL);
  const char * const dirs[] = { "", "en", "fr", "ar" };

  for (guint d = 0; d < G_N_ELEMENTS (dirs); d++)
    {
      g_autofree char *from_dir = g_build_filename (source, dirs[d], NULL);
      g_autofree char *to_dir = g_build_filename (dest, dirs[d], NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = g_dir_open (from_dir, 0, &error);
      const char *name;

      g_assert_no_error (error);
      g_assert_cmpint (g_mkdir_with_parents (to_dir, 0700), ==, 0);

      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *from = g_build_filename (from_dir, name, NULL);
          g_autofree char *to = g_build_filename (to_dir, name, NULL);
          g_autoptr(GBytes) bytes = NULL;

          if (!g_str_has_suffix (name, ".card") && !g_str_equal (name, "manifest.ini"))
            continue;

          bytes = read_bytes (from);
          g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
          g_assert_no_error (error);
        }
    }
}

static gint64
get_content_version (const char *src)
{
  g_autofree char *path = g_build_filename (src, "manifest.ini", NULL);
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  gint64 version;

  g_key_file_load_from_file (manifest, path, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  version = g_key_file_get_int64 (manifest, "pack", "content-version", &error);
  g_assert_no_error (error);

  return version;
}

static void
set_content_version (const char *src,
                     gint64      version)
{
  g_autofree char *path = g_build_filename (src, "manifest.ini", NULL);
  g_autoptr(GKeyFile) manifest = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_key_file_load_from_file (manifest, path, G_KEY_FILE_KEEP_COMMENTS, &error);
  g_assert_no_error (error);
  g_key_file_set_int64 (manifest, "pack", "content-version", version);
  g_key_file_save_to_file (manifest, path, &error);
  g_assert_no_error (error);
}

static const char *
status_label (const char *status)
{
  if (g_str_equal (status, "draft"))
    return "draft translation";
  if (g_str_equal (status, "reviewed"))
    return "reviewed translation";

  return "original";
}

static void
test_list_json (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonArray) entries = run_json_array (f->data_dir, "guidance", "list", "--json");
  g_autoptr(JsonArray) french = run_json_array (f->data_dir, "guidance", "list", "--lang", "fr", "--json");
  const char * const languages[] = { "en", "fr", "ar" };

  g_assert_cmpuint (json_array_get_length (entries), ==, G_N_ELEMENTS (required_ids) * G_N_ELEMENTS (languages));

  for (guint i = 0; i < G_N_ELEMENTS (required_ids); i++)
    {
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          JsonObject *entry = find_entry (entries, required_ids[i], languages[l]);
          const char * const members[] = { "category", "title", "summary", "status", "updated" };

          if (entry == NULL)
            g_error ("“%s” is not listed in “%s”", required_ids[i], languages[l]);

          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            g_assert_cmpstr (json_object_get_string_member (entry, members[m]), !=, "");
          g_assert_true (g_regex_match_simple ("^(source|draft|reviewed)$",
                                               json_object_get_string_member (entry, "status"), 0, 0));
          g_assert_true (g_regex_match_simple ("^\\d{4}-\\d{2}-\\d{2}$",
                                               json_object_get_string_member (entry, "updated"), 0, 0));
        }
    }

  g_assert_cmpuint (json_array_get_length (french), ==, G_N_ELEMENTS (required_ids));
  for (guint i = 0; i < json_array_get_length (french); i++)
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (french, i), "lang"), ==, "fr");

  /* Reading the guidance creates nothing in the data folder. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_list_text (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "guidance", "list", "--lang", "fr");
  g_autoptr(JsonArray) entries = run_json_array (f->data_dir, "guidance", "list", "--lang", "fr", "--json");
  JsonObject *escorts = find_entry (entries, "armed-escorts", "fr");
  g_autofree char *title = NULL;
  g_autofree char *line = NULL;

  assert_success (run);
  g_assert_true (g_regex_match_simple ("^Guidance content version \\d+$", run->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^Security$", run->out, G_REGEX_MULTILINE, 0));

  /* Each card on one line: id, language, status, title. */
  title = g_regex_escape_string (json_object_get_string_member (escorts, "title"), -1);
  line = g_strdup_printf ("^  armed-escorts +fr  %s +%s$",
                          status_label (json_object_get_string_member (escorts, "status")), title);
  if (!g_regex_match_simple (line, run->out, G_REGEX_MULTILINE, 0))
    g_error ("No line matches /%s/ in:\n%s", line, run->out);
}

static void
test_show (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(JsonArray) entries = run_json_array (f->data_dir, "guidance", "list", "--json");
  g_autoptr(LiaTestRun) english = lia_test_run_cli (f->data_dir, "guidance", "show", "armed-escorts");
  g_autoptr(LiaTestRun) french = lia_test_run_cli (f->data_dir, "guidance", "show", "armed-escorts", "--lang", "fr");
  g_autoptr(LiaTestRun) unknown = lia_test_run_cli (f->data_dir, "guidance", "show", "no-such-card");
  g_autoptr(LiaTestRun) bad_lang = lia_test_run_cli (f->data_dir, "guidance", "show", "armed-escorts", "--lang", "de");
  JsonObject *entry_en = find_entry (entries, "armed-escorts", "en");
  JsonObject *entry_fr = find_entry (entries, "armed-escorts", "fr");
  g_autofree char *updated = NULL;

  assert_success (english);
  g_assert_true (g_str_has_prefix (english->out, json_object_get_string_member (entry_en, "title")));
  g_assert_nonnull (strstr (english->out, json_object_get_string_member (entry_en, "summary")));
  g_assert_true (g_regex_match_simple ("^• \\S", english->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^✓ \\S", english->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^✗ \\S", english->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^When in doubt, ask: \\S", english->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  IASC ", english->out, G_REGEX_MULTILINE, 0));
  updated = g_strdup_printf ("Last updated: %s\n", json_object_get_string_member (entry_en, "updated"));
  g_assert_nonnull (strstr (english->out, updated));
  /* Markup is for the screen, not for plain text. */
  g_assert_null (strstr (english->out, "[["));
  g_assert_null (strstr (english->out, "Draft translation"));

  assert_success (french);
  g_assert_true (g_str_has_prefix (french->out, json_object_get_string_member (entry_fr, "title")));
  /* A translation nobody has reviewed says so. */
  g_assert_cmpstr (json_object_get_string_member (entry_fr, "status"), ==, "draft");
  g_assert_nonnull (strstr (french->out, "\nDraft translation — not yet reviewed\n"));

  assert_failure (unknown, 1, "liaison-cli guidance list");
  assert_failure (bad_lang, 2, "de");
}

static void
test_search_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonArray) results = run_json_array (f->data_dir, "guidance", "search", "escorte armée",
                                                 "--lang", "fr", "--json");
  g_autoptr(JsonArray) limited = run_json_array (f->data_dir, "guidance", "search", "escorte", "armée",
                                                 "--lang", "fr", "--limit", "2", "--json");
  g_autoptr(JsonArray) none = run_json_array (f->data_dir, "guidance", "search", "zzyzx", "--json");
  JsonObject *first;
  double previous = G_MAXDOUBLE;

  g_assert_cmpuint (json_array_get_length (results), >, 2);
  first = json_array_get_object_element (results, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "armed-escorts");
  g_assert_nonnull (strstr (json_object_get_string_member (first, "snippet"), "**"));
  g_assert_cmpstr (json_object_get_string_member (first, "title"), !=, "");

  for (guint i = 0; i < json_array_get_length (results); i++)
    {
      JsonObject *result = json_array_get_object_element (results, i);
      const char *snippet = json_object_get_string_member (result, "snippet");
      double score = json_object_get_double_member (result, "score");

      g_assert_cmpstr (json_object_get_string_member (result, "lang"), ==, "fr");
      /* Best first; the markers of the index never reach a script. */
      g_assert_cmpfloat (score, <=, previous);
      previous = score;
      g_assert_null (strchr (snippet, '\x01'));
      g_assert_null (strchr (snippet, '\x02'));
    }

  /* Words apart are one query. */
  g_assert_cmpuint (json_array_get_length (limited), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (limited, 0), "id"),
                   ==, "armed-escorts");

  g_assert_cmpuint (json_array_get_length (none), ==, 0);
}

static void
test_search_all (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(JsonArray) results = run_json_array (f->data_dir, "guidance", "search", "escort", "--json");
  g_autoptr(JsonArray) all = run_json_array (f->data_dir, "guidance", "search", "escort", "--lang", "all", "--json");
  g_autoptr(LiaTestRun) text = lia_test_run_cli (f->data_dir, "guidance", "search", "escort");
  g_autoptr(LiaTestRun) bad_lang = lia_test_run_cli (f->data_dir, "guidance", "search", "escort", "--lang", "xx");
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (results); i++)
    g_hash_table_add (languages, (gpointer) json_object_get_string_member (json_array_get_object_element (results, i), "lang"));

  /* Without --lang, every language is searched. */
  g_assert_true (g_hash_table_contains (languages, "en"));
  g_assert_true (g_hash_table_contains (languages, "fr"));
  g_assert_cmpuint (json_array_get_length (all), ==, json_array_get_length (results));

  /* Ranked lines for a person; no terminal codes in a pipe. */
  assert_success (text);
  g_assert_true (g_regex_match_simple ("^ ?1\\. armed-escorts  en  \\S", text->out, G_REGEX_MULTILINE, 0));
  g_assert_null (strchr (text->out, '\033'));
  g_assert_null (strchr (text->out, '\x01'));

  assert_failure (bad_lang, 2, "xx");
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_install (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *src = g_build_filename (f->dir, "src", NULL);
  g_autofree char *pack = g_build_filename (f->dir, "newer.pack", NULL);
  g_autofree char *junk = g_build_filename (f->dir, "junk.pack", NULL);
  g_autofree char *card = g_build_filename (src, "en", "handover.card", NULL);
  g_autofree char *installed = g_build_filename (f->data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);
  g_autofree char *version_line = NULL;
  g_autofree char *installed_line = NULL;
  g_autofree char *source = NULL;
  g_autofree char *revised = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  gint64 version;

  /* HQ publishes a revised card with a raised content version. */
  copy_sources (src);
  version = get_content_version (src) + 1;
  set_content_version (src, version);
  g_file_get_contents (card, &source, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (source, "= "));
  revised = g_strconcat ("= Revised handover", strchr (source, '\n'), NULL);
  write_text (card, revised);

  {
    g_autoptr(LiaTestRun) build = lia_test_run_cli (f->data_dir, "guidance", "build", src, "-o", pack);

    assert_success (build);
    g_assert_true (g_file_test (pack, G_FILE_TEST_IS_REGULAR));
    /* Building a pack is no business of the data folder. */
    g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
  }

  installed_line = g_strdup_printf ("version %" G_GINT64_FORMAT ".", version);
  {
    g_autoptr(LiaTestRun) install = lia_test_run_cli (f->data_dir, "guidance", "install", pack);

    assert_success (install);
    g_assert_nonnull (strstr (install->out, installed_line));
  }

  version_line = g_strdup_printf ("Guidance content version %" G_GINT64_FORMAT "\n", version);
  {
    g_autoptr(LiaTestRun) list = lia_test_run_cli (f->data_dir, "guidance", "list", "--lang", "en");

    assert_success (list);
    g_assert_true (g_str_has_prefix (list->out, version_line));
    g_assert_true (g_regex_match_simple ("^  handover +en +\\S+ +Revised handover$", list->out, G_REGEX_MULTILINE, 0));
  }

  before = read_bytes (installed);

  /* The same pack again is not newer: nothing changes. */
  {
    g_autoptr(LiaTestRun) again = lia_test_run_cli (f->data_dir, "guidance", "install", pack);

    assert_failure (again, 1, "not newer");
  }

  /* Nor does a file that is not a pack. */
  write_text (junk, "SQLite format 3? No, a shopping list.\n");
  {
    g_autoptr(LiaTestRun) install_junk = lia_test_run_cli (f->data_dir, "guidance", "install", junk);

    assert_failure (install_junk, 1, "junk.pack");
  }

  after = read_bytes (installed);
  g_assert_true (g_bytes_equal (before, after));
  {
    g_autoptr(LiaTestRun) list = lia_test_run_cli (f->data_dir, "guidance", "list", "--lang", "en");

    assert_success (list);
    g_assert_true (g_str_has_prefix (list->out, version_line));
  }
}

static void
test_install_junk (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *junk = g_build_filename (f->dir, "junk.pack", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.pack", NULL);
  g_autofree char *installed = g_build_filename (f->data_dir, LIA_GUIDANCE_PACK_FILENAME, NULL);
  g_autoptr(LiaTestRun) install_junk = NULL;
  g_autoptr(LiaTestRun) install_missing = NULL;

  write_text (junk, "not a pack");
  install_junk = lia_test_run_cli (f->data_dir, "guidance", "install", junk);
  install_missing = lia_test_run_cli (f->data_dir, "guidance", "install", missing);

  assert_failure (install_junk, 1, "junk.pack");
  assert_failure (install_missing, 1, "missing.pack");
  g_assert_false (g_file_test (installed, G_FILE_TEST_EXISTS));
}

static void
test_build_malformed (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *src = g_build_filename (f->dir, "src", NULL);
  g_autofree char *pack = g_build_filename (f->dir, "out.pack", NULL);
  g_autofree char *card = g_build_filename (src, "fr", "handover.card", NULL);
  g_autofree char *source = NULL;
  g_autoptr(GString) broken = NULL;
  g_autoptr(LiaTestRun) run = NULL;
  g_autoptr(GError) error = NULL;
  char *summary;

  copy_sources (src);

  /* The summary line loses its marker: line 2 is no longer a summary. */
  g_file_get_contents (card, &source, NULL, &error);
  g_assert_no_error (error);
  broken = g_string_new (source);
  summary = strstr (broken->str, "\n> ");
  g_assert_nonnull (summary);
  g_assert_true (summary == strchr (broken->str, '\n'));
  summary[1] = 'X';
  write_text (card, broken->str);

  run = lia_test_run_cli (f->data_dir, "guidance", "build", src, "-o", pack);
  assert_failure (run, 1, "fr/handover.card:2:");

  g_assert_false (g_file_test (pack, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_marks (Fixture       *f,
            gconstpointer  data)
{
  const char *note = "Ask for Major Haddad at the north gate.";
  g_autoptr(JsonNode) root = NULL;
  JsonObject *card;

  {
    g_autoptr(LiaTestRun) bookmark = lia_test_run_cli (f->data_dir, "guidance", "bookmark", "hns-movement");
    g_autoptr(LiaTestRun) set_note = lia_test_run_cli (f->data_dir, "guidance", "note", "hns-movement", note);

    assert_success (bookmark);
    assert_success (set_note);
    /* Output ends up in logs: the note is not repeated. */
    g_assert_null (strstr (set_note->out, "Haddad"));
  }

  {
    g_autoptr(LiaTestRun) show = lia_test_run_cli (f->data_dir, "guidance", "show", "hns-movement", "--lang", "ar");
    g_autoptr(LiaTestRun) show_json = lia_test_run_cli (f->data_dir, "guidance", "show", "hns-movement", "--json");
    g_autoptr(LiaTestRun) other = lia_test_run_cli (f->data_dir, "guidance", "show", "handover");
    g_autofree char *expected = g_strdup_printf ("\nYour note:\n%s\n", note);

    assert_success (show);
    g_assert_true (g_regex_match_simple ("^Bookmarked$", show->out, G_REGEX_MULTILINE, 0));
    /* Marks belong to the card, whatever its language. */
    g_assert_true (g_str_has_suffix (show->out, expected));

    assert_success (show_json);
    root = parse_json (show_json->out);
    card = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (card, "id"), ==, "hns-movement");
    g_assert_true (json_object_get_boolean_member (card, "bookmarked"));
    g_assert_cmpstr (json_object_get_string_member (card, "note"), ==, note);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (card, "blocks")), >, 0);

    assert_success (other);
    g_assert_false (g_regex_match_simple ("^Bookmarked$", other->out, G_REGEX_MULTILINE, 0));
    g_assert_null (strstr (other->out, note));
  }

  {
    g_autoptr(LiaTestRun) unbookmark = lia_test_run_cli (f->data_dir, "guidance", "bookmark", "hns-movement", "--off");
    g_autoptr(LiaTestRun) clear_note = lia_test_run_cli (f->data_dir, "guidance", "note", "hns-movement", "");
    g_autoptr(LiaTestRun) show = NULL;

    assert_success (unbookmark);
    assert_success (clear_note);

    show = lia_test_run_cli (f->data_dir, "guidance", "show", "hns-movement");
    assert_success (show);
    g_assert_false (g_regex_match_simple ("^Bookmarked$", show->out, G_REGEX_MULTILINE, 0));
    g_assert_null (strstr (show->out, "Your note:"));
    g_assert_null (strstr (show->out, note));
  }
}

static void
test_marks_unknown_card (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(LiaTestRun) bookmark = lia_test_run_cli (f->data_dir, "guidance", "bookmark", "no-such-card");
  g_autoptr(LiaTestRun) note = lia_test_run_cli (f->data_dir, "guidance", "note", "no-such-card", "text");

  assert_failure (bookmark, 1, "liaison-cli guidance list");
  assert_failure (note, 1, "no-such-card");
  /* A typo leaves no trace. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_usage (Fixture       *f,
            gconstpointer  data)
{
  struct
  {
    const char *args[7];
    const char *mentions;
  } cases[] = {
    { { "guidance" }, "sub-command" },
    { { "guidance", "frob" }, "frob" },
    { { "guidance", "--lang", "fr", "list" }, "--lang" },
    { { "guidance", "list", "extra" }, "extra" },
    { { "guidance", "list", "--lang", "xx" }, "xx" },
    { { "guidance", "show" }, "ID" },
    { { "guidance", "show", "armed-escorts", "handover" }, "handover" },
    { { "guidance", "search" }, "QUERY" },
    { { "guidance", "search", "escort", "--limit", "0" }, "--limit" },
    { { "guidance", "build", "src" }, "--output" },
    { { "guidance", "build", "--json", "src", "-o", "out.pack" }, "JSON" },
    { { "guidance", "install" }, "PACK" },
    { { "guidance", "bookmark", "--json", "armed-escorts" }, "JSON" },
    { { "guidance", "note", "armed-escorts" }, "TEXT" },
    { { "guidance", "export-pdf", "armed-escorts", "--lang", "fr" }, "--output" },
    { { "help", "guidance", "frob" }, "frob" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LiaTestRun) run = lia_test_run_cli_argv (f->data_dir, cases[i].args);

      assert_failure (run, 2, cases[i].mentions);
      g_assert_nonnull (strstr (run->err, "liaison-cli help guidance"));
    }

  /* A wrong command line does nothing. */
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
}

static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(LiaTestRun) group = lia_test_run_cli (f->data_dir, "help", "guidance");
  g_autoptr(LiaTestRun) group_option = lia_test_run_cli (f->data_dir, "guidance", "--help");
  g_autoptr(LiaTestRun) search = lia_test_run_cli (f->data_dir, "help", "guidance", "search");
  g_autoptr(LiaTestRun) search_option = lia_test_run_cli (f->data_dir, "guidance", "search", "--help");
  const char * const subcommands[] = {
    "list", "show", "search", "bookmark", "note", "export-pdf", "install", "build",
  };

  assert_success (group);
  g_assert_cmpstr (group_option->out, ==, group->out);
  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    {
      g_autofree char *pattern = g_strdup_printf ("^  %s +\\S", subcommands[i]);

      if (!g_regex_match_simple (pattern, group->out, G_REGEX_MULTILINE, 0))
        g_error ("The help does not list “%s” with a summary:\n%s", subcommands[i], group->out);
    }

  assert_success (search);
  g_assert_cmpstr (search_option->out, ==, search->out);
  g_assert_nonnull (strstr (search->out, "liaison-cli guidance search"));
  g_assert_nonnull (strstr (search->out, "--limit"));
  /* The JSON snippet format is documented where a script writer looks. */
  g_assert_nonnull (strstr (search->out, "**"));
}

static void
test_export_pdf (Fixture       *f,
                 gconstpointer  data)
{
  const char * const languages[] = { "en", "fr", "ar" };

  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *name = g_strdup_printf ("armed-escorts-%s.pdf", languages[l]);
      g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
      g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "guidance", "export-pdf", "armed-escorts",
                                       "--lang", languages[l], "-o", pdf);
      g_autoptr(GBytes) bytes = NULL;

      assert_success (run);
      bytes = read_bytes (pdf);
      g_assert_cmpuint (g_bytes_get_size (bytes), >, 4);
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 4, "%PDF", 4);
    }

  {
    g_autofree char *pdf = g_build_filename (f->dir, "nothing.pdf", NULL);
    g_autoptr(LiaTestRun) unknown = lia_test_run_cli (f->data_dir, "guidance", "export-pdf", "no-such-card", "-o", pdf);

    assert_failure (unknown, 1, "no-such-card");
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("LIAISON_CLI") == NULL || g_getenv ("LIAISON_GUIDANCE_PACK") == NULL ||
      g_getenv ("LIAISON_SOURCE_ROOT") == NULL)
    g_error ("Set LIAISON_CLI, LIAISON_GUIDANCE_PACK and LIAISON_SOURCE_ROOT (meson test does).");

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/cli/guidance/list/json", test_list_json);
  ADD ("/cli/guidance/list/text", test_list_text);
  ADD ("/cli/guidance/show", test_show);
  ADD ("/cli/guidance/search/json", test_search_json);
  ADD ("/cli/guidance/search/all-languages", test_search_all);
  ADD ("/cli/guidance/install", test_install);
  ADD ("/cli/guidance/install/junk", test_install_junk);
  ADD ("/cli/guidance/build/malformed", test_build_malformed);
  ADD ("/cli/guidance/marks", test_marks);
  ADD ("/cli/guidance/marks/unknown-card", test_marks_unknown_card);
  ADD ("/cli/guidance/usage", test_usage);
  ADD ("/cli/guidance/help", test_help);
  ADD ("/cli/guidance/export-pdf", test_export_pdf);

#undef ADD

  return g_test_run ();
}
