/* test-canary.c — issue 8's canary test, through the real liaison-cli
 *
 * Records of every type the CLI writes, each carrying canary strings made
 * up for this run (names, contacts, coordinates, free text, an attachment's
 * bytes); after every command has exited, no byte sequence of any canary
 * (as written or in lower case) is in any file of the data folder or of
 * the temporary folder the commands ran with.  Then: a wrong passphrase
 * changes nothing, the panic wipe is fast and leaves nothing that the
 * right passphrase, or a backup of the folder without its key, can open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem() */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "liaison-core.h"
#include "lia-test-cli.h"
#include "lia-test-util.h"

static char *cli_tmp_dir;

typedef struct
{
  char      *root;       /* inputs, passphrase files, backups: not searched */
  char      *data_dir;
  char      *passphrase;
  char      *wrong;
  GPtrArray *canaries;   /* strings that must never be found on disk */
  char      *lat;        /* canary coordinates, as searched: 6 decimals */
  char      *lon;
} Fixture;

static char *
write_input (Fixture    *f,
             const char *name,
             const char *text,
             gssize      length)
{
  char *path = g_build_filename (f->root, name, NULL);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return path;
}

/* A string found nowhere else: a word, then 16 random hex digits in
 * mixed case, so that a lower-cased copy (a search index) is a different
 * byte sequence, searched for too. */
static const char *
canary (Fixture    *f,
        const char *word)
{
  g_autofree char *uuid = g_uuid_string_random ();
  GString *s = g_string_new (word);

  g_string_append_c (s, '-');
  for (guint i = 0, n = 0; uuid[i] != '\0' && n < 16; i++)
    if (g_ascii_isxdigit (uuid[i]))
      {
        g_string_append_c (s, n % 2 ? g_ascii_toupper (uuid[i]) : uuid[i]);
        n++;
      }

  g_ptr_array_add (f->canaries, g_string_free (s, FALSE));
  return g_ptr_array_index (f->canaries, f->canaries->len - 1);
}

/* A coordinate inside Korvania's box whose first six decimals are random;
 * the seventh is 5, so that however the double is printed (…4999… or
 * …5000…) the searched prefix is the same. */
static double
canary_coordinate (Fixture     *f,
                   int          whole,
                   char       **searched)
{
  guint32 decimals = g_random_int_range (100000, 999999);

  *searched = g_strdup_printf ("%d.%06u", whole, decimals);
  g_ptr_array_add (f->canaries, g_strdup (*searched));
  return whole + decimals / 1e6 + 5e-7;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->root = g_dir_make_tmp ("liaison-canary-XXXXXX", NULL);
  g_assert_nonnull (f->root);
  f->data_dir = g_build_filename (f->root, "data", NULL);
  f->passphrase = write_input (f, "pass", "quiet river at Ostrel\n", -1);
  f->wrong = write_input (f, "wrong", "quiet river at Varnek\n", -1);
  f->canaries = g_ptr_array_new_with_free_func (g_free);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  lia_test_remove_tree (f->root);
  lia_test_remove_tree (cli_tmp_dir);
  g_assert_cmpint (g_mkdir (cli_tmp_dir, 0700), ==, 0);
  g_free (f->root);
  g_free (f->data_dir);
  g_free (f->passphrase);
  g_free (f->wrong);
  g_free (f->lat);
  g_free (f->lon);
  g_ptr_array_unref (f->canaries);
}

static void
assert_ok (LiaTestRun *run)
{
  if (run->status != 0)
    g_test_message ("stderr: %s", run->err);
  g_assert_cmpint (run->status, ==, 0);
}

/* Runs liaison-cli on the data folder with the right passphrase. */
#define run_cli(f, ...) \
  lia_test_run_cli ((f)->data_dir, __VA_ARGS__, "--passphrase-file", (f)->passphrase)

/* Returns: (transfer full): the output of @run, which it frees */
static char *
run_ok (LiaTestRun *run)
{
  g_autoptr(LiaTestRun) owned = run;

  assert_ok (owned);
  return g_strstrip (g_strdup (owned->out));
}

/* The template of @kind with @edit applied, written to a file. */
static char *
from_template (Fixture     *f,
               const char  *command,
               const char  *kind,
               void       (*edit) (Fixture *, JsonObject *))
{
  g_autoptr(LiaTestRun) template = run_cli (f, command, "template", kind);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_strconcat (kind, ".json", NULL);

  assert_ok (template);
  json_parser_load_from_data (parser, template->out, -1, &error);
  g_assert_no_error (error);
  edit (f, json_node_get_object (json_parser_get_root (parser)));
  text = json_to_string (json_parser_get_root (parser), TRUE);

  return write_input (f, name, text, -1);
}

static void
set_point (JsonObject *object,
           double      lat,
           double      lon)
{
  json_object_set_double_member (object, "lat", lat);
  json_object_set_double_member (object, "lon", lon);
}

static double site_lat, site_lon;

static void
edit_site (Fixture    *f,
           JsonObject *site)
{
  json_object_set_string_member (site, "name", canary (f, "SiteName"));
  json_object_set_string_member (site, "address", canary (f, "SiteAddress"));
  json_object_set_string_member (site, "contact", canary (f, "SiteContact"));
  set_point (json_object_get_object_member (site, "location"), site_lat, site_lon);
}

static void
edit_movement (Fixture    *f,
               JsonObject *movement)
{
  JsonArray *plates = json_object_get_array_member (json_object_get_object_member (movement, "vehicles"), "plates");

  json_object_set_string_member (json_object_get_object_member (movement, "origin"), "name", canary (f, "Origin"));
  set_point (json_object_get_object_member (movement, "destination"), site_lat, site_lon);
  json_object_set_string_member (movement, "cargo", canary (f, "Cargo"));
  json_object_set_string_member (movement, "convoy_leader", canary (f, "ConvoyLeader"));
  json_array_remove_element (plates, 0);
  json_array_add_string_element (plates, canary (f, "Plate"));
}

static void
edit_incident (Fixture    *f,
               JsonObject *incident)
{
  JsonObject *location = json_object_get_object_member (incident, "location");

  json_object_set_string_member (location, "name", canary (f, "IncidentPlace"));
  set_point (location, site_lat, site_lon);
  json_object_set_string_member (incident, "description", canary (f, "IncidentText"));
}

static void
edit_report (Fixture    *f,
             JsonObject *report)
{
  json_object_set_string_member (report, "title", canary (f, "ReportTitle"));
  json_object_set_string_member (report, "developments", canary (f, "Developments"));
}

/* Every record type the CLI writes, full of canaries, then read back: the
 * canaries were stored, not dropped. */
static void
fill (Fixture *f)
{
  const char *actor, *other, *alias, *who, *phone, *place, *goals, *source, *attached;
  g_autofree char *attachment = NULL;
  g_autofree char *site_file = NULL, *movement_file = NULL, *incident_file = NULL, *report_file = NULL;
  g_autofree char *lat = NULL, *lon = NULL;
  g_autofree char *contact = NULL;
  g_autofree char *report = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(LiaTestRun) init = NULL;
  const char * const reads[][4] = {
    { "actors", "list", "--json", NULL },
    { "notify", "list", "--json", NULL },
    { "incident", "list", "--json", NULL },
    { "report", "list", "--json", NULL },
  };
  guint n_through_cli = 0;
  gint64 start;

  site_lat = canary_coordinate (f, 12, &f->lat);
  site_lon = canary_coordinate (f, 30, &f->lon);

  actor = canary (f, "ActorName");
  other = canary (f, "OtherActor");
  alias = canary (f, "Alias");
  who = canary (f, "FocalPoint");
  phone = canary (f, "+000-Phone");
  place = canary (f, "Place");
  goals = canary (f, "Goals");
  source = canary (f, "LinkSource");
  attached = canary (f, "AttachedBytes");
  contact = g_strdup_printf ("%s|phone|%s", who, phone);
  lat = g_strdup_printf ("%.7f", site_lat);
  lon = g_strdup_printf ("%.7f", site_lon);

  init = run_cli (f, "init");
  assert_ok (init);

  start = g_get_monotonic_time ();
  g_free (run_ok (run_cli (f, "operation", "set", "korvania-canary")));
  g_free (run_ok (run_cli (f, "actors", "add", actor, "--type", "rebel-group", "--alias", alias,
                           "--contact", contact, "--lat", lat, "--lon", lon,
                           "--place", place, "--goals", goals)));
  g_free (run_ok (run_cli (f, "actors", "add", other, "--type", "civil-society")));
  g_free (run_ok (run_cli (f, "actors", "link", actor, other, "--type", "negotiates-with",
                           "--source", source)));

  site_file = from_template (f, "notify", "site", edit_site);
  movement_file = from_template (f, "notify", "movement", edit_movement);
  incident_file = from_template (f, "notify", "incident", edit_incident);
  report_file = from_template (f, "report", "sitrep", edit_report);
  attachment = write_input (f, "photo.txt", attached, -1);

  g_free (run_ok (run_cli (f, "notify", "new-site", "--from-json", site_file)));
  g_free (run_ok (run_cli (f, "notify", "new-movement", "--from-json", movement_file)));
  g_free (run_ok (run_cli (f, "incident", "new", "--from-json", incident_file)));
  report = run_ok (run_cli (f, "report", "new", "--type", "sitrep", "--from-json", report_file,
                            "--attach", attachment));
  g_test_message ("11 commands that write: %.0f ms", (g_get_monotonic_time () - start) / 1000.0);

  /* Read back through the CLI; what it never prints (an alias, goals,
   * contacts, an attachment's bytes) is looked for in the store below. */
  for (guint i = 0; i < G_N_ELEMENTS (reads); i++)
    {
      g_autoptr(LiaTestRun) run = run_cli (f, reads[i][0], reads[i][1], reads[i][2]);

      assert_ok (run);
      g_string_append (seen, run->out);
    }
  {
    g_autoptr(LiaTestRun) show = run_cli (f, "report", "show", report);
    g_autofree char *graphml = g_build_filename (f->root, "map.graphml", NULL);
    g_autofree char *exported = NULL;

    assert_ok (show);
    g_string_append (seen, show->out);
    /* Aliases, contacts and a link's source: in the full export (outside
     * the searched folders). */
    g_free (run_ok (run_cli (f, "actors", "export", "--format", "graphml", "-o", graphml)));
    g_assert_true (g_file_get_contents (graphml, &exported, NULL, NULL));
    g_string_append (seen, exported);
  }
  /* The attachment's bytes, through the store as the app reads them. */
  {
    g_autofree char *db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
    g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, attached, -1);
    g_autoptr(GError) error = NULL;
    g_autoptr(LiaVault) vault = lia_vault_unlock (f->data_dir, "quiet river at Ostrel", &error);
    g_autoptr(LiaStore) store = NULL;
    g_autoptr(GBytes) bytes = NULL;

    g_assert_no_error (error);
    store = lia_store_open_encrypted (db_path, vault, NULL, &error);
    g_assert_no_error (error);
    bytes = lia_attachment_load (store, sha256, &error);
    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), attached, strlen (attached));

    {
      g_autoptr(GString) bodies = g_string_new (NULL);
      sqlite3 *db = lia_crypt_db_open (db_path, lia_vault_get_key (vault), &error);
      sqlite3_stmt *stmt = NULL;

      g_assert_no_error (error);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body FROM records", -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append (bodies, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      sqlite3_close (db);

      for (guint i = 0; i < f->canaries->len; i++)
        {
          const char *c = g_ptr_array_index (f->canaries, i);

          if (c == attached)
            continue;
          if (strstr (seen->str, c) != NULL)
            n_through_cli++;
          else if (strstr (bodies->str, c) == NULL)
            g_error ("canary %u (%.*s…) was not stored", i, 6, c);
        }
      g_test_message ("%u canaries read back through the CLI, %u more in the stored records, 1 attachment",
                      n_through_cli, f->canaries->len - 1 - n_through_cli);
    }
  }
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      n += g_file_test (path, G_FILE_TEST_IS_DIR) ? count_files (path) : 1;
    }

  return n;
}

/* No canary, as written or lower-cased, in any file under @dirs. */
static void
assert_no_canary (Fixture            *f,
                  const char * const *dirs)
{
  gint64 start = g_get_monotonic_time ();
  guint n_files = 0;

  for (guint d = 0; dirs[d] != NULL; d++)
    {
      n_files += count_files (dirs[d]);
      for (guint i = 0; i < f->canaries->len; i++)
        {
          const char *c = g_ptr_array_index (f->canaries, i);
          g_autofree char *lower = g_ascii_strdown (c, -1);

          g_assert_cmpuint (lia_test_count_files_holding (dirs[d], c), ==, 0);
          g_assert_cmpuint (lia_test_count_files_holding (dirs[d], lower), ==, 0);
        }
    }

  g_test_message ("searched %u files for %u canaries in %.0f ms: no hit",
                  n_files, f->canaries->len, (g_get_monotonic_time () - start) / 1000.0);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* SHA-256 of every file under @dir, by path. */
static void
hash_tree (const char *dir,
           GString    *out)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);
      g_autofree char *contents = NULL;
      g_autofree char *hash = NULL;
      gsize length;

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          hash_tree (path, out);
          continue;
        }
      g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
      hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
      g_string_append_printf (out, "%s %s\n", hash, path);
    }
}

static void
copy_tree (const char *from,
           const char *to)
{
  g_autoptr(GDir) d = g_dir_open (from, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  g_assert_cmpint (g_mkdir_with_parents (to, 0700), ==, 0);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *src = g_build_filename (from, name, NULL);
      g_autofree char *dst = g_build_filename (to, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      if (g_file_test (src, G_FILE_TEST_IS_DIR))
        {
          copy_tree (src, dst);
          continue;
        }
      g_assert_true (g_file_get_contents (src, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (dst, contents, length, NULL));
    }
}

static void
test_canary (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *db_path = g_build_filename (f->data_dir, LIA_STORE_FILENAME, NULL);
  g_autofree char *key_path = g_build_filename (f->data_dir, LIA_VAULT_FILENAME, NULL);
  g_autofree char *key_link = g_build_filename (f->root, "key-link", NULL);
  g_autofree char *backup = g_build_filename (f->root, "backup", NULL);
  g_autofree char *restored = g_build_filename (f->root, "restored", NULL);
  g_autofree char *restored_key = g_build_filename (restored, LIA_VAULT_FILENAME, NULL);
  g_autofree char *backup_key = g_build_filename (backup, LIA_VAULT_FILENAME, NULL);
  g_autofree char *head = NULL;
  g_autofree char *old_key = NULL;
  g_autoptr(GString) before = g_string_new (NULL);
  g_autoptr(GString) after = g_string_new (NULL);
  g_autoptr(LiaTestRun) wrong = NULL;
  g_autoptr(LiaTestRun) panic = NULL;
  g_autoptr(LiaTestRun) gone = NULL;
  g_autoptr(LiaTestRun) keyless = NULL;
  g_autoptr(LiaTestRun) dead_key = NULL;
  g_autoptr(LiaTestRun) encrypt = NULL;
  const char * const searched[] = { f->data_dir, cli_tmp_dir, NULL };
  const char * const searched_after[] = { f->data_dir, backup, restored, cli_tmp_dir, NULL };
  gsize length = 0, old_length = 0;
  gint64 start;
  double panic_ms;

  fill (f);

  /* Closed: every file of the data folder and of $TMPDIR. */
  assert_no_canary (f, searched);
  g_assert_true (g_file_get_contents (db_path, &head, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  g_assert_null (memmem (head, length, "SQLite format 3", 15));

  /* A wrong passphrase: refused, clearly, and not a byte changed. */
  hash_tree (f->data_dir, before);
  start = g_get_monotonic_time ();
  wrong = lia_test_run_cli (f->data_dir, "actors", "list", "--passphrase-file", f->wrong);
  g_test_message ("a wrong passphrase refused in %.0f ms", (g_get_monotonic_time () - start) / 1000.0);
  g_assert_cmpint (wrong->status, ==, 1);
  g_assert_cmpstr (wrong->out, ==, "");
  g_assert_nonnull (strstr (wrong->err, "The passphrase is wrong. Check it and try again; nothing was changed."));
  hash_tree (f->data_dir, after);
  g_assert_cmpstr (before->str, ==, after->str);

  /* Someone copied the folder before the panic; the key file has a second
   * name, to show its bytes are destroyed and not only unlinked. */
  copy_tree (f->data_dir, backup);
  g_assert_cmpint (link (key_path, key_link), ==, 0);
  g_assert_true (g_file_get_contents (key_link, &old_key, &old_length, NULL));

  start = g_get_monotonic_time ();
  panic = lia_test_run_cli (f->data_dir, "panic", "--yes");
  panic_ms = (g_get_monotonic_time () - start) / 1000.0;
  assert_ok (panic);
  g_test_message ("panic: %s(the whole command, process start included: %.0f ms)",
                  panic->out, panic_ms);
  g_assert_cmpfloat (panic_ms, <, 1000.0);
  g_assert_false (g_file_test (f->data_dir, G_FILE_TEST_EXISTS));
  {
    g_autofree char *destroyed = NULL;
    gsize destroyed_length;

    g_assert_true (g_file_get_contents (key_link, &destroyed, &destroyed_length, NULL));
    g_assert_cmpuint (destroyed_length, >=, old_length);
    g_assert_true (memcmp (destroyed, old_key, old_length) != 0);
    g_assert_null (memmem (destroyed, destroyed_length, "LIAVAULT", 8));
  }

  /* The right passphrase opens nothing: the folder is gone (a command
   * there starts a new, empty one). */
  gone = run_cli (f, "actors", "list", "--json", "--operation", "korvania-canary");
  assert_ok (gone);
  g_assert_cmpstr (g_strstrip (gone->out), ==, "[]");

  /* The backup put back without its key file: refused, and said why. */
  copy_tree (backup, restored);
  g_assert_cmpint (g_unlink (restored_key), ==, 0);
  keyless = lia_test_run_cli (restored, "actors", "list", "--passphrase-file", f->passphrase);
  g_assert_cmpint (keyless->status, ==, 1);
  g_assert_cmpstr (keyless->out, ==, "");
  g_assert_nonnull (strstr (keyless->err, "without its key file"));
  encrypt = lia_test_run_cli (restored, "encrypt", "--passphrase-file", f->passphrase);
  g_assert_cmpint (encrypt->status, ==, 1);
  g_assert_nonnull (strstr (encrypt->err, "without its key file"));

  /* …and with what is left of the key file on disk, the overwritten bytes:
   * nothing either. */
  g_assert_true (g_file_set_contents (restored_key, NULL, 0, NULL));
  {
    g_autofree char *destroyed = NULL;
    gsize destroyed_length;

    g_assert_true (g_file_get_contents (key_link, &destroyed, &destroyed_length, NULL));
    g_assert_true (g_file_set_contents (restored_key, destroyed, destroyed_length, NULL));
  }
  dead_key = lia_test_run_cli (restored, "actors", "list", "--passphrase-file", f->passphrase);
  g_assert_cmpint (dead_key->status, ==, 1);
  g_assert_cmpstr (dead_key->out, ==, "");
  g_assert_nonnull (strstr (dead_key->err, "key file"));

  /* The backup's own copy of the key file is the one thing panic cannot
   * reach (docs/encryption.md says so); without it, nothing anywhere. */
  g_assert_cmpint (g_unlink (backup_key), ==, 0);
  assert_no_canary (f, searched_after);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The commands' $TMPDIR, searched too; set before any thread exists. */
  cli_tmp_dir = g_dir_make_tmp ("liaison-canary-tmp-XXXXXX", NULL);
  g_assert_nonnull (cli_tmp_dir);
  g_setenv ("TMPDIR", cli_tmp_dir, TRUE);
  g_unsetenv ("LIAISON_PASSPHRASE_FILE");
  g_setenv ("LIAISON_VAULT_KDF", "test", TRUE);

  g_test_add ("/canary/cli", Fixture, NULL, fixture_setup, test_canary, fixture_teardown);

  status = g_test_run ();
  lia_test_remove_tree (cli_tmp_dir);
  g_free (cli_tmp_dir);

  return status;
}
