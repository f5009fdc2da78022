/* test-reports-sync.c — reports, lessons, the directory and attachments
 * between field devices and a real liaison-hq on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "liaison-core.h"
#include "lia-test-cli.h"
#include "lia-test-hq.h"
#include "lia-test-util.h"
#include "lia-test-store.h"

#define KORVANIA "op-korvania"

static const char * const hq_args[] = { "--insecure-http", "--rate-limit", "100000", NULL };

typedef struct
{
  char      *dir;
  LiaTestHq  hq;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-reports-sync-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  lia_test_hq_start (&f->hq, hq_args);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->hq.process != NULL)
    lia_test_hq_stop (&f->hq, SIGTERM);
  lia_test_hq_clear (&f->hq);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
}

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (json, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static char *
new_device_of (Fixture    *f,
               const char *name,
               const char *op)
{
  g_autofree char *data_dir = g_build_filename (f->dir, name, NULL);
  const char *args[] = {
    "enrol-code", "--db", f->hq.db_path, "--operation", op, "--clearance", "confidential", NULL
  };
  g_autoptr(LiaTestRun) enrol = NULL;
  g_autoptr(LiaTestRun) operation = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
  g_strstrip (code);

  enrol = lia_test_run_cli (data_dir, "enrol", f->hq.base_url, code, "--name", name);
  g_assert_cmpstr (enrol->err, ==, "");
  g_assert_cmpint (enrol->status, ==, 0);

  operation = lia_test_run_cli (data_dir, "operation", "set", op);
  g_assert_cmpint (operation->status, ==, 0);

  return g_steal_pointer (&data_dir);
}

static char *
new_device (Fixture    *f,
            const char *name)
{
  return new_device_of (f, name, KORVANIA);
}

static void
sync_device (const char *data_dir)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli (data_dir, "sync", "--json");

  if (run->status != 0)
    g_error ("liaison-cli sync failed (%d): %s", run->status, run->err);
}

static gint64
hq_query (Fixture    *f,
          const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = lia_db_open (f->hq.db_path, &error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  stmt = lia_db_prepare (db, sql, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* Writes the template of @kind to a file and saves it as a draft. */
static char *
new_report (const char *data_dir,
            const char *kind,
            const char *attach)
{
  g_autoptr(LiaTestRun) template = lia_test_run_cli (data_dir, "report", "template", kind);
  g_autofree char *path = g_build_filename (data_dir, "report.json", NULL);
  g_autoptr(LiaTestRun) created = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (template->status, ==, 0);
  g_file_set_contents (path, template->out, -1, &error);
  g_assert_no_error (error);

  if (attach != NULL)
    created = lia_test_run_cli (data_dir, "report", "new", "--type", kind, "--from-json", path, "--attach", attach);
  else
    created = lia_test_run_cli (data_dir, "report", "new", "--type", kind, "--from-json", path);
  g_assert_cmpstr (created->err, ==, "");
  g_assert_cmpint (created->status, ==, 0);

  return g_strstrip (g_strdup (created->out));
}

/* A draft never reaches HQ, however often the device syncs; the submitted
 * version does, once, and a second device receives it. */
static void
test_draft_stays_local (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a");
  g_autofree char *b = new_device (f, "b");
  g_autofree char *uuid = new_report (a, "sitrep", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(LiaTestRun) submit = NULL;
  g_autoptr(LiaTestRun) list = NULL;
  g_autoptr(JsonNode) reports = NULL;
  JsonObject *report;

  sync_device (a);
  sync_device (a);
  g_assert_cmpint (hq_query (f, "SELECT count(*) FROM changes WHERE record_type = 'report'"), ==, 0);

  submit = lia_test_run_cli (a, "report", "submit", uuid);
  g_assert_cmpstr (submit->err, ==, "");
  g_assert_cmpint (submit->status, ==, 0);
  sync_device (a);

  sql = g_strdup_printf ("SELECT count(*) FROM records WHERE uuid = '%s' AND record_type = 'report'"
                         " AND json_extract (body, '$.status') = 'submitted'"
                         " AND json_extract (body, '$.kind') = 'sitrep'", uuid);
  g_assert_cmpint (hq_query (f, sql), ==, 1);
  g_assert_cmpint (hq_query (f, "SELECT count(*) FROM changes WHERE record_type = 'report'"), ==, 1);

  sync_device (b);
  list = lia_test_run_cli (b, "report", "list", "--json");
  g_assert_cmpint (list->status, ==, 0);
  reports = parse (list->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (reports)), ==, 1);
  report = json_array_get_object_element (json_node_get_array (reports), 0);
  g_assert_cmpstr (json_object_get_string_member (report, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (report, "status"), ==, "submitted");
}

static const char directory_csv[] =
  "id,name,role,operation,location,contacts,hats,since,until,last_confirmed\n"
  "korv-01,Lena Marsh,CMCoord Officer,op-korvania,Ostrel,\"phone:+000 555 0101; email:l.marsh@example.org\","
  "Access Focal Point; Security Focal Point,2026-01-10,,2026-11-20\n"
  "korv-02,\"Omar Haddad, Jr.\",Deputy CMCoord,op-korvania,Kessel,radio:Channel 7,,2025-06-01,,2026-02-01\n";

/* HQ publishes the directory (CSV) and curated lessons; a device reads
 * them offline after a sync. */
static void
test_directory_and_lessons (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a");
  g_autofree char *csv = g_build_filename (f->hq.tmpdir, "directory.csv", NULL);
  g_autofree char *lessons = g_build_filename (f->hq.tmpdir, "lessons.json", NULL);
  g_autofree char *vcard_path = g_build_filename (f->dir, "contact.vcf", NULL);
  g_autofree char *vcard = NULL;
  g_autoptr(LiaTestRun) list = NULL;
  g_autoptr(LiaTestRun) search = NULL;
  g_autoptr(LiaTestRun) accented = NULL;
  g_autoptr(LiaTestRun) vcard_run = NULL;
  g_autoptr(LiaTestRun) curated = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *entries;
  const char *publish_directory[] = { "publish-directory", csv, "--db", f->hq.db_path,
                                      "--valid-as-of", "2026-11-25", NULL };
  const char *publish_lessons[] = { "publish-lessons", lessons, "--db", f->hq.db_path, NULL };

  g_file_set_contents (csv, directory_csv, -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (lessons,
                       "[{\"text\": \"Brief checkpoint commanders yourself when you can.\","
                       "  \"tags\": [\"checkpoint\"], \"source\": \"Global AAR review 2025\"}]",
                       -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_test_hq_run (publish_directory, NULL, NULL), ==, 0);
  g_assert_cmpint (lia_test_hq_run (publish_lessons, NULL, NULL), ==, 0);

  sync_device (a);

  list = lia_test_run_cli (a, "directory", "list", "--json");
  g_assert_cmpstr (list->err, ==, "");
  node = parse (list->out);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (node), "valid_as_of"), ==, "2026-11-25");
  entries = json_object_get_array_member (json_node_get_object (node), "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 1), "name"),
                   ==, "Omar Haddad, Jr.");
  g_clear_pointer (&node, json_node_unref);

  /* Hats are searchable, accents or not. */
  search = lia_test_run_cli (a, "directory", "search", "security", "--json");
  node = parse (search->out);
  entries = json_object_get_array_member (json_node_get_object (node), "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "id"), ==, "korv-01");
  g_clear_pointer (&node, json_node_unref);

  accented = lia_test_run_cli (a, "directory", "search", "hâddad", "--json");
  node = parse (accented->out);
  entries = json_object_get_array_member (json_node_get_object (node), "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "id"), ==, "korv-02");

  vcard_run = lia_test_run_cli (a, "directory", "vcard", "korv-02", "-o", vcard_path);
  g_assert_cmpstr (vcard_run->err, ==, "");
  g_assert_true (g_file_get_contents (vcard_path, &vcard, NULL, NULL));
  g_assert_nonnull (strstr (vcard, "FN:Omar Haddad\\, Jr.\r\n"));

  curated = lia_test_run_cli (a, "lessons", "list", "--curated", "--json");
  g_assert_cmpstr (curated->err, ==, "");
  g_clear_pointer (&node, json_node_unref);
  node = parse (curated->out);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (node)), ==, 1);
  g_assert_true (json_object_get_boolean_member (json_array_get_object_element (json_node_get_array (node), 0),
                                                 "curated"));
}

static char *
file_sha256 (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
assert_file_sha256 (const char *path,
                    const char *expected)
{
  g_autofree char *actual = file_sha256 (path);

  g_assert_cmpstr (actual, ==, expected);
}

/* The attachment @sha256 of @data_dir's store reads back whole, and its
 * file holds neither its plaintext nor its hash as a name. */
static void
assert_attachment (const char *data_dir,
                   const char *sha256)
{
  g_autoptr(LiaStore) store = lia_test_open_store_in_dir (data_dir, NULL);
  g_autofree char *clear_path = g_build_filename (data_dir, "attachments", sha256, NULL);
  g_autofree char *path = lia_attachment_get_path (store, sha256);
  g_autofree char *actual = NULL;
  g_autofree char *on_disk = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = lia_attachment_load (store, sha256, &error);
  g_assert_no_error (error);
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (actual, ==, sha256);

  g_assert_false (g_file_test (clear_path, G_FILE_TEST_EXISTS));
  on_disk = file_sha256 (path);
  g_assert_nonnull (on_disk);
  g_assert_cmpstr (on_disk, !=, sha256);
}

/* A photo larger than a sync batch travels from device A through HQ to
 * device B intact; while the report is a draft, it stays on A too. */
static void
test_attachments (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a");
  g_autofree char *b = new_device (f, "b");
  g_autofree char *photo = g_build_filename (f->dir, "checkpoint.jpg", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *at_hq = NULL;
  g_autofree char *hq_blobs = NULL;
  g_autoptr(LiaTestRun) submit = NULL;
  g_autoptr(LiaTestRun) shown = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;

  /* JPEG magic, then noise gzip cannot shrink: 9 MB, over the 8 MiB a
   * batch may be. */
  g_byte_array_append (bytes, (const guint8 *) "\xff\xd8\xff\xe0", 4);
  while (bytes->len < 9 * 1000 * 1000)
    {
      guint32 r = g_random_int ();

      g_byte_array_append (bytes, (const guint8 *) &r, sizeof r);
    }
  g_file_set_contents (photo, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
  sha256 = file_sha256 (photo);

  uuid = new_report (a, "aar", photo);
  hq_blobs = g_strconcat (f->hq.db_path, ".blobs", NULL);
  at_hq = g_build_filename (hq_blobs, sha256, NULL);

  assert_attachment (a, sha256);
  shown = lia_test_run_cli (a, "report", "show", uuid);
  g_assert_nonnull (strstr (shown->out, sha256));
  g_assert_nonnull (strstr (shown->out, "image/jpeg"));
  g_assert_nonnull (strstr (shown->out, "checkpoint.jpg"));

  sync_device (a);
  g_assert_false (g_file_test (at_hq, G_FILE_TEST_EXISTS));

  submit = lia_test_run_cli (a, "report", "submit", uuid);
  g_assert_cmpint (submit->status, ==, 0);
  sync_device (a);
  assert_file_sha256 (at_hq, sha256);

  sync_device (b);
  assert_attachment (b, sha256);

  /* Nothing fetched twice, nothing broken by syncing again. */
  sync_device (b);
  sync_device (a);
  assert_attachment (b, sha256);
}

/* A transport with @data_dir's token, or none. */
static LiaSyncTransport *
transport_for (Fixture    *f,
               const char *data_dir)
{
  g_autoptr(LiaStore) store = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;
  LiaSyncTransport *transport;

  if (data_dir != NULL)
    {
      store = lia_test_open_store_in_dir (data_dir, NULL);
      g_assert_no_error (error);
      token = lia_store_get_setting (store, "sync-token");
      g_assert_nonnull (token);
    }

  transport = lia_sync_transport_new (f->hq.base_url, NULL, token, &error);
  g_assert_no_error (error);
  return transport;
}

static GBytes *
request (LiaSyncTransport  *transport,
         const char        *method,
         const char        *sha256,
         GBytes            *body,
         GError           **error)
{
  g_autofree char *path = g_strconcat ("/api/v1/blobs/", sha256, NULL);

  return lia_sync_transport_request (transport, method, path, body, FALSE, NULL, NULL, error);
}

/* The blob endpoints: a token always, hashes checked, sizes limited,
 * idempotent, and a blob only for devices that may see a record
 * referencing it. */
static void
test_blob_endpoints (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a");
  g_autofree char *x = new_device_of (f, "x", "op-tessaly");
  g_autoptr(LiaSyncTransport) anonymous = transport_for (f, NULL);
  g_autoptr(LiaSyncTransport) at_a = transport_for (f, a);
  g_autoptr(LiaSyncTransport) at_x = transport_for (f, x);
  g_autoptr(GBytes) blob = g_bytes_new_static ("Minutes of the 4th Brigade meeting", 34);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, blob);
  g_autofree char *other = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "other", -1);
  g_autofree char *document = g_build_filename (f->dir, "minutes.txt", NULL);
  g_autofree char *stored = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *big = g_malloc0 (LIA_ATTACHMENT_MAX_SIZE + 1);
  g_autoptr(GBytes) too_big = g_bytes_new_take (g_steal_pointer (&big), LIA_ATTACHMENT_MAX_SIZE + 1);
  g_autoptr(LiaTestRun) submit = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  stored = g_strconcat (f->hq.db_path, ".blobs/", sha256, NULL);

  g_assert_null (request (anonymous, "PUT", sha256, blob, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED);
  g_clear_error (&error);

  g_assert_null (request (at_a, "PUT", other, blob, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_REJECTED);
  g_clear_error (&error);

  g_assert_null (request (at_a, "PUT", "ABC", blob, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_REJECTED);
  g_clear_error (&error);

  g_assert_null (request (at_a, "PUT", other, too_big, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (g_file_test (stored, G_FILE_TEST_EXISTS));

  g_assert_null (request (at_a, "HEAD", sha256, NULL, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (guint i = 0; i < 2; i++)
    {
      answer = request (at_a, "PUT", sha256, blob, &error);
      g_assert_no_error (error);
      g_bytes_unref (answer);
    }
  g_assert_true (g_file_test (stored, G_FILE_TEST_IS_REGULAR));
  answer = request (at_a, "HEAD", sha256, NULL, &error);
  g_assert_no_error (error);
  g_bytes_unref (answer);

  /* No record references it yet. */
  g_assert_null (request (at_a, "GET", sha256, NULL, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_file_set_contents (document, g_bytes_get_data (blob, NULL), g_bytes_get_size (blob), &error);
  g_assert_no_error (error);
  uuid = new_report (a, "sitrep", document);
  submit = lia_test_run_cli (a, "report", "submit", uuid);
  g_assert_cmpint (submit->status, ==, 0);
  sync_device (a);

  answer = request (at_a, "GET", sha256, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (answer, blob));
  g_bytes_unref (answer);

  /* Another operation never sees it. */
  g_assert_null (request (at_x, "GET", sha256, NULL, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/reports-sync/draft-stays-local", test_draft_stays_local);
  ADD ("/reports-sync/directory-and-lessons", test_directory_and_lessons);
  ADD ("/reports-sync/attachments", test_attachments);
  ADD ("/reports-sync/blob-endpoints", test_blob_endpoints);

#undef ADD

  return g_test_run ();
}
