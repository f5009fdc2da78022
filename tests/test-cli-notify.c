/* test-cli-notify.c — runs “liaison-cli notify” and “incident” as a script would
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "lia-test-cli.h"
#include "lia-test-store.h"
#include "lia-test-util.h"

#include "liaison-core.h"

/* Every run sees this clock: templates, lead times and deadlines count
 * from it. */
#define NOW "2026-11-20T08:00:00Z"

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

  return g_strdup (g_strstrip (run->out));
}

#define run_ok(data_dir, ...) \
  run_ok_argv ((data_dir), (const char * const []) { __VA_ARGS__, NULL })

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *out = NULL;

  f->dir = g_dir_make_tmp ("liaison-cli-notify-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->data_dir = g_build_filename (f->dir, "data", NULL);

  out = run_ok (f->data_dir, "operation", "set", "korvania");
  g_free (run_ok (f->data_dir, "actors", "add", "Korvanian Armed Forces", "--type", "state-forces"));
  g_free (run_ok (f->data_dir, "actors", "add", "Northern Ridge Front", "--type", "rebel-group"));
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
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, contents, length, &error));
  g_assert_no_error (error);
  return path;
}

/* SHA-256 of every row of every table, in a fixed order: what a
 * “sqlite3 .dump” would show, without the sqlite3 tool. */
static char *
database_checksum (Fixture *f)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  sqlite3 *db = lia_test_open_db_in_dir (f->data_dir);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_checksum_update (checksum, sqlite3_column_text (stmt, 1), -1);
    }
  sqlite3_finalize (stmt);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1, 2", (char *) g_ptr_array_index (tables, t));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (checksum, g_ptr_array_index (tables, t), -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const guchar *value = sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, value != NULL ? value : (const guchar *) "\x01NULL", -1);
            g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (checksum));
}

/* A fresh copy of the template of @kind; each kind is asked for once, the
 * clock being fixed. */
static JsonObject *
template (Fixture    *f,
          const char *kind)
{
  static GHashTable *cache;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *out;

  if (cache == NULL)
    cache = g_hash_table_new (g_str_hash, g_str_equal);
  out = g_hash_table_lookup (cache, kind);
  if (out == NULL)
    {
      out = run_ok (f->data_dir, "notify", "template", kind);
      g_hash_table_insert (cache, (gpointer) kind, (gpointer) out);
    }

  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  const char * const kinds[] = { "site", "movement", "incident" };
  const char * const commands[][2] = { { "notify", "new-site" }, { "notify", "new-movement" }, { "incident", "new" } };
  g_autofree char *list = NULL;
  g_autofree char *incidents = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *out = run_ok (f->data_dir, "notify", "template", kinds[i]);
      g_autofree char *name = g_strconcat (kinds[i], ".json", NULL);
      g_autofree char *path = write_file (f, name, out, -1);
      g_autoptr(LiaTestRun) check = lia_test_run_cli (f->data_dir, "notify", "validate", "--from-json", path);
      g_autofree char *uuid = NULL;

      g_assert_cmpint (check->status, ==, 0);
      g_assert_cmpstr (check->err, ==, "");
      uuid = run_ok (f->data_dir, commands[i][0], commands[i][1], "--from-json", path);
      g_assert_true (g_uuid_string_is_valid (uuid));
    }

  list = run_ok (f->data_dir, "notify", "list");
  g_assert_nonnull (strstr (list, "Orrin primary health centre"));
  g_assert_nonnull (strstr (list, "Korva warehouse → Orrin distribution site"));
  incidents = run_ok (f->data_dir, "incident", "list");
  g_assert_nonnull (strstr (incidents, "shelling"));
}

/* A malformed input: the template of @kind with @path set to @value (JSON
 * text; NULL removes the member), or with the UTF-8 bytes of @path's
 * string broken when @value is "BAD-UTF-8". */
typedef struct
{
  const char *kind;
  const char *path;
  const char *value;
  const char *field;   /* which the message must name */
} Malformed;

#define LONG_201  "@201"
#define LONG_1001 "@1001"
#define LONG_4001 "@4001"

static const Malformed malformed[] = {
  { "site", "organisation", "42", "organisation" },
  { "site", "organisation", NULL, "organisation" },
  { "site", "facility_type", "\"castle\"", "facility_type" },
  { "site", "name", "\"\"", "name" },
  { "site", "name", LONG_201, "name" },
  { "site", "location", "\"12.2, 30.4\"", "location" },
  { "site", "location.lat", "95", "location.lat" },
  { "site", "location.lon", "-190.5", "location.lon" },
  { "site", "location.lat", "\"12.2\"", "location.lat" },
  { "site", "location", "{\"lat\": 0, \"lon\": 0}", "location" },
  { "site", "location.lon", NULL, "location.lon" },
  { "site", "function", NULL, "function" },
  { "site", "function", LONG_1001, "function" },
  { "site", "involvement", "\"owned\"", "involvement" },
  { "site", "persons_present", "-3", "persons_present" },
  { "site", "persons_present", "2.5", "persons_present" },
  { "site", "persons_present", "\"many\"", "persons_present" },
  { "site", "contact", "null", "contact" },
  { "site", "valid_from", "\"next week\"", "valid_from" },
  { "site", "valid_from", "\"2026-13-01T00:00:00Z\"", "valid_from" },
  { "site", "valid_until", "\"2026-01-01T00:00:00Z\"", "valid_until" },
  { "site", "address", "BAD-UTF-8", "address" },
  { "site", "sensitivity", "\"top-secret\"", "sensitivity" },
  { "site", "status", "\"pending\"", "status" },
  { "movement", "movement_type", "\"convoy\"", "movement_type" },
  { "movement", "origin", NULL, "origin" },
  { "movement", "destination.lat", "100", "destination.lat" },
  { "movement", "waypoints", "\"via Marrow Ford\"", "waypoints" },
  { "movement", "waypoints", "[{\"lat\": 12.1, \"lon\": \"east\"}]", "waypoints[0].lon" },
  { "movement", "departure.start", "\"tomorrow\"", "departure.start" },
  { "movement", "departure.end", "\"2026-11-20T00:00:00Z\"", "departure.end" },
  { "movement", "arrival.start", "\"2026-11-23T07:00:00Z\"", "arrival.start" },
  { "movement", "departure.start", "\"2026-11-20T10:00:00Z\"", "departure.start" },   /* 2 h notice */
  { "movement", "departure", "\"2026-11-23\"", "departure" },
  { "movement", "vehicles.count", "9999", "vehicles.count" },
  { "movement", "vehicles.plates", "[1, 2]", "vehicles.plates[0]" },
  { "movement", "emergency", "\"yes\"", "emergency" },
  { "movement", "cargo", LONG_1001, "cargo" },
  { "movement", "cargo", "BAD-UTF-8", "cargo" },
  { "movement", "convoy_leader", NULL, "convoy_leader" },
  { "incident", "incident_type", "\"riot\"", "incident_type" },
  { "incident", "at", "\"2026-11-21T08:00:00Z\"", "at" },   /* tomorrow */
  { "incident", "description", LONG_4001, "description" },
  { "incident", "casualties.staff.killed", "-1", "casualties.staff.killed" },
  { "incident", "damage.level", "\"total\"", "damage.level" },
  { "incident", "linked_notifications", "[\"no-such-notification\"]", "linked_notifications[0]" },
  { "incident", "location.lat", "200", "location.lat" },
  { "incident", "description", "BAD-UTF-8", "description" },
};

/* Sets (or removes) the member at dotted @path. */
static void
mutate (JsonObject *object,
        const char *path,
        const char *value)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  guint n = g_strv_length (parts);

  for (guint i = 0; i + 1 < n; i++)
    object = json_object_get_object_member (object, parts[i]);

  if (value == NULL)
    json_object_remove_member (object, parts[n - 1]);
  else if (value[0] == '@')
    {
      g_autofree char *text = g_strnfill (g_ascii_strtoull (value + 1, NULL, 10), 'x');

      json_object_set_string_member (object, parts[n - 1], text);
    }
  else
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      g_assert_true (json_parser_load_from_data (parser, value, -1, NULL));
      json_object_set_member (object, parts[n - 1], json_node_copy (json_parser_get_root (parser)));
    }
}

static char *
malformed_text (Fixture         *f,
                const Malformed *m)
{
  g_autoptr(JsonObject) object = template (f, m->kind);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  gboolean broken_utf8 = g_strcmp0 (m->value, "BAD-UTF-8") == 0;
  char *text;

  mutate (object, m->path, broken_utf8 ? "\"BROKEN-HERE\"" : m->value);
  root = json_node_init_object (json_node_alloc (), object);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  if (broken_utf8)
    {
      /* A Latin-1 “é”: what a spreadsheet saved in the wrong encoding
       * leaves behind. */
      char *at = strstr (text, "BROKEN-HERE");

      memcpy (at, "Caf\xe9 stops.", 11);
    }

  return text;
}

static void
test_malformed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_cmpuint (G_N_ELEMENTS (malformed), >=, 30);

  /* A real notification in place, so that “unchanged” means something. */
  {
    g_autofree char *site = run_ok (f->data_dir, "notify", "template", "site");
    g_autofree char *path = write_file (f, "valid-site.json", site, -1);

    g_free (run_ok (f->data_dir, "notify", "new-site", "--from-json", path));
  }
  before = database_checksum (f);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      const Malformed *m = &malformed[i];
      g_autofree char *text = malformed_text (f, m);
      g_autofree char *name = g_strdup_printf ("malformed-%02u.json", i);
      g_autofree char *path = write_file (f, name, text, -1);
      g_autofree char *mention = g_strconcat (": ", m->field, ": ", NULL);
      g_autoptr(LiaTestRun) run = NULL;
      g_autoptr(LiaTestRun) check = NULL;

      if (g_str_equal (m->kind, "site"))
        run = lia_test_run_cli (f->data_dir, "notify", "new-site", "--from-json", path);
      else if (g_str_equal (m->kind, "movement"))
        run = lia_test_run_cli (f->data_dir, "notify", "new-movement", "--from-json", path);
      else
        run = lia_test_run_cli (f->data_dir, "incident", "new", "--from-json", path);

      if (run->status != 1 || strstr (run->err, mention) == NULL)
        g_error ("case %u (%s %s): status %d, stderr does not name “%s”:\n%s",
                 i, m->kind, m->path, run->status, m->field, run->err);
      g_assert_cmpstr (run->out, ==, "");

      /* validate agrees, and its JSON names the field too. */
      check = lia_test_run_cli (f->data_dir, "notify", "validate", "--json", "--type", m->kind, "--from-json", path);
      g_assert_cmpint (check->status, ==, 1);
      g_assert_nonnull (strstr (check->out, m->field));
    }

  after = database_checksum (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_log_and_overdue (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *site_json = run_ok (f->data_dir, "notify", "template", "site");
  g_autofree char *path = write_file (f, "site.json", site_json, -1);
  g_autofree char *site = run_ok (f->data_dir, "notify", "new-site", "--from-json", path);
  g_autofree char *actors = run_ok (f->data_dir, "actors", "list");
  g_autofree char *nrf = g_strndup (strstr (actors, "rebel-group") - 38, 36);
  g_autofree char *overdue = NULL;
  g_autofree char *overdue_later = NULL;
  g_autofree char *list = NULL;
  g_autoptr(LiaTestRun) wrong_party = NULL;
  g_autoptr(LiaTestRun) wrong_channel = NULL;

  g_assert_true (g_uuid_string_is_valid (nrf));

  /* By exact name and by id; by reference instead of id. */
  g_free (run_ok (f->data_dir, "notify", "send", site, "--party", "Korvanian Armed Forces", "--channel", "e-mail", "--ref", "OCHA/2026/117"));
  g_free (run_ok (f->data_dir, "notify", "send", "HNS-KOR-S-0001", "--party", nrf, "--channel", "liaison-meeting"));
  g_free (run_ok (f->data_dir, "--now", "2026-11-20T15:00:00Z", "notify", "ack", site, "--party", "Korvanian Armed Forces", "--ref", "KAF-ACK-9"));

  wrong_party = lia_test_run_cli (f->data_dir, "notify", "send", site, "--party", "Nobody", "--channel", "phone");
  g_assert_cmpint (wrong_party->status, ==, 1);
  g_assert_nonnull (strstr (wrong_party->err, "Nobody"));
  wrong_channel = lia_test_run_cli (f->data_dir, "notify", "send", site, "--party", nrf, "--channel", "pigeon");
  g_assert_cmpint (wrong_channel->status, ==, 2);

  list = run_ok (f->data_dir, "notify", "list");
  g_assert_nonnull (strstr (list, "active     1/2"));

  /* Deadline 24 h after sending: at it nothing is due, a second later the
   * silent party is. */
  overdue = run_ok (f->data_dir, "--now", "2026-11-21T08:00:00Z", "notify", "overdue");
  g_assert_cmpstr (overdue, ==, "");
  overdue_later = run_ok (f->data_dir, "--now", "2026-11-21T08:00:01Z", "notify", "overdue", "--json");
  g_assert_nonnull (strstr (overdue_later, "\"kind\" : \"acknowledgement\""));
  g_assert_nonnull (strstr (overdue_later, nrf));
  g_assert_null (strstr (overdue_later, "reconfirmation"));

  /* A bad --now is the user's to fix. */
  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "--now", "soon", "notify", "overdue");

    g_assert_cmpint (run->status, ==, 1);
    g_assert_nonnull (strstr (run->err, "--now"));
  }
}

static void
test_export (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *movement_json = run_ok (f->data_dir, "notify", "template", "movement");
  g_autofree char *path = write_file (f, "movement.json", movement_json, -1);
  g_autofree char *movement = run_ok (f->data_dir, "notify", "new-movement", "--from-json", path);
  const char * const langs[] = { "en", "fr", "ar" };
  const char * const formats[] = { "pdf", "csv", "geojson" };

  for (guint l = 0; l < G_N_ELEMENTS (langs); l++)
    for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
      {
        g_autofree char *name = g_strdup_printf ("package-%s.%s", langs[l], formats[i]);
        g_autofree char *out = g_build_filename (f->dir, name, NULL);
        g_autofree char *contents = NULL;

        g_free (run_ok (f->data_dir, "notify", "export", movement, "--lang", langs[l], "--format", formats[i],
                        "--party", "Northern Ridge Front", "-o", out));
        g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
        if (i == 0)
          g_assert_true (g_str_has_prefix (contents, "%PDF-"));
        else
          g_assert_nonnull (strstr (contents, "KRC-1041"));
      }

  {
    g_autoptr(LiaTestRun) run = lia_test_run_cli (f->data_dir, "notify", "export", movement, "--lang", "de", "-o", "x.pdf");

    g_assert_cmpint (run->status, ==, 2);
  }
}

static void
test_incident_links (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *site_json = run_ok (f->data_dir, "notify", "template", "site");
  g_autofree char *site_path = write_file (f, "site.json", site_json, -1);
  g_autofree char *site = run_ok (f->data_dir, "notify", "new-site", "--from-json", site_path);
  g_autofree char *incident_json = NULL;
  g_autofree char *incident_path = NULL;
  g_autofree char *incident = NULL;
  g_autofree char *suggest = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *list = NULL;

  g_free (run_ok (f->data_dir, "notify", "send", site, "--party", "Korvanian Armed Forces", "--channel", "e-mail"));
  g_free (run_ok (f->data_dir, "--now", "2026-11-20T10:00:00Z", "notify", "ack", site, "--party", "Korvanian Armed Forces"));

  /* The template incident happened 3 h before its clock, 100 m from the
   * site: run it a day later. */
  incident_json = run_ok (f->data_dir, "--now", "2026-11-21T12:00:00Z", "notify", "template", "incident");
  incident_path = write_file (f, "incident.json", incident_json, -1);
  incident = run_ok (f->data_dir, "--now", "2026-11-21T12:00:00Z", "incident", "new", "--from-json", incident_path,
                     "--link-suggested");

  suggest = run_ok (f->data_dir, "incident", "suggest", incident);
  g_assert_nonnull (strstr (suggest, site));
  g_assert_nonnull (strstr (suggest, "Korvanian Armed Forces"));
  g_assert_nonnull (strstr (suggest, "acknowledged receipt on"));

  list = run_ok (f->data_dir, "incident", "list", "--json");
  g_assert_nonnull (strstr (list, site));

  summary = run_ok (f->data_dir, "incident", "summary", incident, "--lang", "fr");
  g_assert_nonnull (strstr (summary, "Bombardement"));
  g_assert_nonnull (strstr (summary, "Orrin primary health centre"));
}

static void
test_rules (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *rules = NULL;
  g_autofree char *movement_json = run_ok (f->data_dir, "notify", "template", "movement");
  g_autofree char *path = write_file (f, "movement.json", movement_json, -1);
  g_autoptr(LiaTestRun) late = NULL;
  g_autoptr(LiaTestRun) bad = NULL;

  g_free (run_ok (f->data_dir, "operation", "set-rules", "--lead-hours", "96", "--time-zone", "Africa/Khartoum",
                  "--area", "11,29.5,13.5,31.5"));
  rules = run_ok (f->data_dir, "operation", "rules", "--json");
  g_assert_nonnull (strstr (rules, "\"lead_hours\" : 96"));
  g_assert_nonnull (strstr (rules, "Africa/Khartoum"));

  /* The template leaves in 72 h: too soon now, and the message says when
   * it may leave, in the operation's time. */
  late = lia_test_run_cli (f->data_dir, "notify", "validate", "--from-json", path);
  g_assert_cmpint (late->status, ==, 1);
  g_assert_nonnull (strstr (late->err, "departure.start: "));
  g_assert_nonnull (strstr (late->err, "2026-11-24 10:00 (UTC+02:00)"));

  bad = lia_test_run_cli (f->data_dir, "operation", "set-rules", "--time-zone", "Korva/Central");
  g_assert_cmpint (bad->status, ==, 1);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_setenv ("LIAISON_NOW", NOW, TRUE);

  ADD ("/cli/notify/templates", test_templates);
  ADD ("/cli/notify/malformed", test_malformed);
  ADD ("/cli/notify/log-and-overdue", test_log_and_overdue);
  ADD ("/cli/notify/export", test_export);
  ADD ("/cli/notify/incident-links", test_incident_links);
  ADD ("/cli/notify/rules", test_rules);

  return g_test_run ();
}
