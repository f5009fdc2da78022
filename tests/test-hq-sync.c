/* test-hq-sync.c — the sync API of the real liaison-hq, driven by libcurl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test runs `liaison-hq serve --port 0 --insecure-http` on
 * 127.0.0.1 (or HTTPS for the TLS test), enrols devices with codes from
 * `liaison-hq enrol-code`, and checks what HQ answers and what it keeps in
 * its database.
 */
#include "config.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include <curl/curl.h>
#include <json-glib/json-glib.h>

#include "liaison-core.h"
#include "lia-test-hq.h"
#include "lia-test-util.h"

/* Must match the daemon's body limit. */
#define MAX_BODY_SIZE (8 * 1024 * 1024)

#define OP_A "op-korvania"
#define OP_B "op-tarvik"

/* An author id for changes: the device's own store id, not HQ's. */
#define AUTHOR_A "6f1c2a3e-0b7d-4c55-9e61-2d8f0a7b9c11"
#define AUTHOR_D "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

typedef struct
{
  LiaTestHq hq;
} Fixture;

static void
start_insecure (Fixture    *f,
                const char *rate_limit)
{
  const char *args[] = { "--insecure-http", "--rate-limit", rate_limit, NULL };

  lia_test_hq_start (&f->hq, args);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  /* Tests that count on the limit start their own server. */
  start_insecure (f, "100000");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  lia_test_hq_clear (&f->hq);
}

static void
restart (Fixture    *f,
         const char *rate_limit)
{
  lia_test_hq_stop (&f->hq, SIGTERM);
  start_insecure (f, rate_limit);
}

/* ---- the database, read behind HQ's back ------------------------------------ */

static sqlite3 *
open_db_readonly (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  return db;
}

static gint64
db_count (Fixture    *f,
          const char *sql)
{
  g_autoptr(sqlite3) db = open_db_readonly (f->hq.db_path);
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return sqlite3_column_int64 (stmt, 0);
}

/* Changes the database as an administrator with the sqlite3 shell would:
 * to age a code or a token without waiting. */
static void
db_exec (Fixture    *f,
         const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = lia_db_open (f->hq.db_path, &error);

  g_assert_no_error (error);
  g_assert_true (lia_db_exec (db, sql, &error));
  g_assert_no_error (error);
}

/* Every row of every table, in a stable order: two equal dumps mean
 * nothing was written in between. */
static char *
db_dump (Fixture *f)
{
  g_autoptr(sqlite3) db = open_db_readonly (f->hq.db_path);
  g_autoptr(sqlite3_stmt) tables = lia_db_prepare (db,
                                                   "SELECT name FROM sqlite_master WHERE type = 'table'"
                                                   /* the dashboard's search index follows
                                                    * records, and needs HQ's tokenizer */
                                                   "   AND name NOT LIKE 'records_fts%'"
                                                   " ORDER BY name",
                                                   NULL);
  GString *dump = g_string_new (NULL);

  g_assert_nonnull (tables);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", name);
      g_autoptr(sqlite3_stmt) rows = lia_db_prepare (db, sql, NULL);

      g_assert_nonnull (rows);
      g_string_append_printf (dump, "[%s]\n", name);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (rows); i++)
            {
              g_autofree char *hash = g_compute_checksum_for_data (G_CHECKSUM_SHA1,
                                                                   sqlite3_column_blob (rows, i),
                                                                   sqlite3_column_bytes (rows, i));

              g_string_append_printf (dump, "%d:%s ", sqlite3_column_type (rows, i), hash);
            }
          g_string_append_c (dump, '\n');
        }
    }

  return g_string_free (dump, FALSE);
}

/* ---- HTTP with libcurl -------------------------------------------------------- */

typedef struct
{
  long     status;
  GString *body;
  GString *headers;
  CURLcode result;
} Response;

static void
response_free (Response *response)
{
  g_string_free (response->body, TRUE);
  g_string_free (response->headers, TRUE);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Response, response_free)

static size_t
append_to_gstring (char   *data,
                   size_t  size,
                   size_t  nmemb,
                   void   *user_data)
{
  g_string_append_len (user_data, data, size * nmemb);
  return size * nmemb;
}

typedef struct
{
  const char *ca_file;      /* HTTPS: the certificate to trust */
  const char *pin;          /* HTTPS: "sha256//…" */
} TlsOptions;

/* One request.  @authorization is the whole header value, or NULL for
 * none; @body is sent gzip-encoded as is. */
static Response *
http_full (const char       *base_url,
           const char       *method,
           const char       *path,
           const char       *authorization,
           GBytes           *body,
           const TlsOptions *tls)
{
  Response *response = g_new0 (Response, 1);
  g_autofree char *url = g_strconcat (base_url, path, NULL);
  g_autofree char *auth_header = NULL;
  struct curl_slist *headers = NULL;
  CURL *curl;

  response->body = g_string_new (NULL);
  response->headers = g_string_new (NULL);

  curl = curl_easy_init ();
  g_assert_nonnull (curl);

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 60L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, response->body);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, response->headers);

  headers = curl_slist_append (headers, "Expect:");
  if (authorization != NULL)
    {
      auth_header = g_strconcat ("Authorization: ", authorization, NULL);
      headers = curl_slist_append (headers, auth_header);
    }

  if (body != NULL)
    {
      headers = curl_slist_append (headers, "Content-Type: application/json");
      headers = curl_slist_append (headers, "Content-Encoding: gzip");
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)g_bytes_get_size (body));
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, g_bytes_get_data (body, NULL));
    }
  if (g_strcmp0 (method, "GET") != 0 && g_strcmp0 (method, "POST") != 0)
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);
  else if (g_strcmp0 (method, "POST") == 0 && body == NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, 0L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDS, "");
    }

  if (tls != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_CAINFO, tls->ca_file);
      curl_easy_setopt (curl, CURLOPT_PINNEDPUBLICKEY, tls->pin);
    }

  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  response->result = curl_easy_perform (curl);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);

  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  return response;
}

static Response *
http (Fixture    *f,
      const char *method,
      const char *path,
      const char *authorization,
      GBytes     *body)
{
  Response *response = http_full (f->hq.base_url, method, path, authorization, body, NULL);

  if (response->result != CURLE_OK)
    g_error ("%s %s: %s", method, path, curl_easy_strerror (response->result));

  return response;
}

static char *
response_header (Response   *response,
                 const char *name)
{
  g_auto(GStrv) lines = g_strsplit (response->headers->str, "\r\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (lines[i], prefix, strlen (prefix)) == 0)
        return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
    }

  return NULL;
}

/* The body as sent: gunzipped when HQ says it is gzip. */
static GBytes *
response_bytes (Response *response)
{
  g_autofree char *encoding = response_header (response, "Content-Encoding");
  g_autoptr(GBytes) raw = g_bytes_new (response->body->str, response->body->len);
  g_autoptr(GError) error = NULL;
  GBytes *plain;

  if (g_strcmp0 (encoding, "gzip") != 0)
    return g_steal_pointer (&raw);

  plain = lia_sync_gunzip (raw, 64 * 1024 * 1024, &error);
  g_assert_no_error (error);

  return plain;
}

static JsonObject *
response_json (Response *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) bytes = response_bytes (response);
  g_autoptr(GError) error = NULL;
  g_autofree char *content_type = response_header (response, "Content-Type");
  JsonNode *root;
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  g_assert_cmpstr (content_type, ==, "application/json; charset=utf-8");
  json_parser_load_from_data (parser, data, len, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

/* An error answer: the status, a JSON code and a sentence. */
static void
assert_error (Response   *response,
              long        status,
              const char *code)
{
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *encoding = response_header (response, "Content-Encoding");

  g_test_message ("→ %ld %s", response->status, response->body->str);
  g_assert_cmpint (response->status, ==, status);
  g_assert_null (encoding);
  object = response_json (response);
  if (code != NULL)
    g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, code);
  g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");
}

/* ---- devices ------------------------------------------------------------------ */

typedef struct
{
  char *id;
  char *token;
  char *authorization;   /* "Bearer TOKEN" */
} Device;

static void
device_clear (Device *device)
{
  g_clear_pointer (&device->id, g_free);
  g_clear_pointer (&device->token, g_free);
  g_clear_pointer (&device->authorization, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Device, device_clear)

static char *
enrol_code (Fixture    *f,
            const char *operation,
            const char *clearance)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GRegex) format = g_regex_new ("^LIA1-[A-Z2-7]{24}-$", 0, 0, NULL);
  const char *args[] = { "enrol-code", "--db", f->hq.db_path, "--operation", operation,
                         "--clearance", clearance, NULL };

  g_assert_cmpint (lia_test_hq_run (args, &out, &err), ==, 0);
  g_strchomp (out);
  /* Plain HTTP: no pin after the last dash. */
  g_assert_true (g_regex_match (format, out, 0, NULL));
  g_assert_nonnull (strstr (err, operation));

  return g_steal_pointer (&out);
}

static GBytes *
enrol_body (const char *code,
            const char *name)
{
  g_autofree char *json = g_strdup_printf ("{\"code\":\"%s\",\"device_name\":\"%s\"}", code, name);
  gsize len = strlen (json);

  return g_bytes_new_take (g_steal_pointer (&json), len);
}

/* POST /api/v1/enrol is plain JSON: no Content-Encoding. */
static Response *
post_enrol (Fixture    *f,
            const char *json)
{
  g_autofree char *url = g_strconcat (f->hq.base_url, "/api/v1/enrol", NULL);
  Response *response = g_new0 (Response, 1);
  struct curl_slist *headers = curl_slist_append (NULL, "Content-Type: application/json");
  CURL *curl = curl_easy_init ();

  response->body = g_string_new (NULL);
  response->headers = g_string_new (NULL);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long)strlen (json));
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, json);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, response->body);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, response->headers);
  response->result = curl_easy_perform (curl);
  g_assert_cmpint (response->result, ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  return response;
}

static void
enrol_with_code (Fixture    *f,
                 const char *code,
                 const char *operation,
                 const char *clearance,
                 Device     *device)
{
  g_autoptr(GBytes) body = enrol_body (code, "Laptop — مكتب الشمال");
  g_autoptr(Response) response = post_enrol (f, g_bytes_get_data (body, NULL));
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (response->status, ==, 201);
  object = response_json (response);
  g_assert_true (g_uuid_string_is_valid (json_object_get_string_member (object, "device_id")));
  g_assert_cmpuint (strlen (json_object_get_string_member (object, "token")), ==, 43);
  g_assert_cmpstr (json_object_get_string_member (object, "operation"), ==, operation);
  g_assert_cmpstr (json_object_get_string_member (object, "clearance"), ==, clearance);
  g_assert_true (json_object_has_member (object, "server_time"));

  device->id = g_strdup (json_object_get_string_member (object, "device_id"));
  device->token = g_strdup (json_object_get_string_member (object, "token"));
  device->authorization = g_strconcat ("Bearer ", device->token, NULL);
}

static void
enrol (Fixture    *f,
       const char *operation,
       const char *clearance,
       Device     *device)
{
  g_autofree char *code = enrol_code (f, operation, clearance);

  enrol_with_code (f, code, operation, clearance, device);
}

/* ---- changes ------------------------------------------------------------------ */

static LiaSyncChange *
make_change (const char     *uuid,
             const char     *operation,
             LiaSensitivity  sensitivity,
             gint64          revision,
             const char     *author,
             const char     *changed_at,
             const char     *body)
{
  LiaSyncChange *change = g_new0 (LiaSyncChange, 1);

  change->uuid = uuid != NULL ? g_strdup (uuid) : g_uuid_string_random ();
  change->record_type = g_strdup ("actor");
  change->operation = g_strdup (operation);
  change->sensitivity = sensitivity;
  change->revision = revision;
  change->author_device = g_strdup (author);
  change->changed_at = g_strdup (changed_at);
  change->body = g_strdup (body);
  change->seq = revision;

  return change;
}

static GPtrArray *
new_changes (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)lia_sync_change_free);
}

/* @n new actors of @operation, about 1 KB each. */
static GPtrArray *
many_changes (const char     *operation,
              LiaSensitivity  sensitivity,
              guint           n)
{
  GPtrArray *changes = new_changes ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"name\":\"Actor %u — فاعل\",\"notes\":\"%0900u\"}", i, i);

      g_ptr_array_add (changes, make_change (NULL, operation, sensitivity, 1, AUTHOR_A,
                                             "2026-11-29T10:00:00.000000Z", body));
    }

  return changes;
}

static Response *
push (Fixture    *f,
      Device     *device,
      gint64      batch_seq,
      GPtrArray  *changes)
{
  g_autoptr(GBytes) body = lia_sync_encode_push (device->id, batch_seq, changes);

  return http (f, "POST", "/api/v1/push", device->authorization, body);
}

/* Pushes and checks the acknowledgement; returns its conflicts. */
static JsonArray *
push_ok (Fixture    *f,
         Device     *device,
         gint64      batch_seq,
         GPtrArray  *changes)
{
  g_autoptr(Response) response = push (f, device, batch_seq, changes);
  g_autoptr(JsonObject) ack = NULL;
  g_autofree char *encoding = response_header (response, "Content-Encoding");

  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpstr (encoding, ==, "gzip");
  ack = response_json (response);
  g_assert_cmpint (json_object_get_int_member (ack, "acked_seq"), ==, batch_seq);

  return json_array_ref (json_object_get_array_member (ack, "conflicts"));
}

typedef struct
{
  GPtrArray *changes;
  char      *cursor;
  gboolean   more;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->changes, g_ptr_array_unref);
  g_clear_pointer (&page->cursor, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Page, page_clear)

static void
pull_page (Fixture    *f,
           Device     *device,
           const char *query,
           Page       *page)
{
  g_autofree char *path = g_strconcat ("/api/v1/pull", query, NULL);
  g_autoptr(Response) response = http (f, "GET", path, device->authorization, NULL);
  g_autoptr(GBytes) raw = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = response_header (response, "Content-Encoding");

  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpstr (encoding, ==, "gzip");

  /* The device decodes what HQ encodes: the shared codec on both ends. */
  raw = g_bytes_new (response->body->str, response->body->len);
  g_assert_true (lia_sync_decode_pull (raw, &page->changes, &page->cursor, &page->more, &error));
  g_assert_no_error (error);
}

/* Pulls from the start to the end, page by page; returns every change. */
static GPtrArray *
pull_all (Fixture *f,
          Device  *device,
          guint    limit,
          guint   *n_pages)
{
  GPtrArray *all = new_changes ();
  g_autofree char *cursor = g_strdup ("0");
  gint64 last_seq = 0;
  gboolean more = TRUE;
  guint pages = 0;

  while (more)
    {
      g_auto(Page) page = { NULL };
      g_autofree char *query = g_strdup_printf ("?since=%s&limit=%u", cursor, limit);

      pull_page (f, device, query, &page);
      pages++;
      g_assert_cmpuint (pages, <, 1000);
      g_assert_cmpuint (page.changes->len, <=, limit);

      for (guint i = 0; i < page.changes->len; i++)
        {
          LiaSyncChange *change = g_ptr_array_index (page.changes, i);

          /* In hq_seq order, after the cursor, never twice. */
          g_assert_cmpint (change->seq, >, last_seq);
          last_seq = change->seq;
          g_ptr_array_add (all, g_ptr_array_steal_index (page.changes, i--));
        }

      more = page.more;
      g_free (cursor);
      cursor = g_steal_pointer (&page.cursor);
    }

  if (n_pages != NULL)
    *n_pages = pages;

  return all;
}

static gboolean
has_uuid (GPtrArray  *changes,
          const char *uuid)
{
  for (guint i = 0; i < changes->len; i++)
    {
      if (g_str_equal (((LiaSyncChange *)g_ptr_array_index (changes, i))->uuid, uuid))
        return TRUE;
    }

  return FALSE;
}

/* ---- enrolment ---------------------------------------------------------------- */

static void
test_enrol (Fixture       *f,
            gconstpointer  user_data)
{
  g_autofree char *code = enrol_code (f, OP_A, "confidential");
  g_autofree char *dump = NULL;
  g_autofree char *out = NULL;
  g_auto(Device) device = { NULL };

  enrol_with_code (f, code, OP_A, "confidential", &device);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM devices"), ==, 1);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM enrol_codes WHERE used_at IS NOT NULL"), ==, 1);
  /* Only hashes are kept. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM devices WHERE token_hash = '%s'"
                                            " OR id = '%s' AND token_hash LIKE '%%%s%%'",
                                            device.token, device.id, device.token);

    g_assert_cmpint (db_count (f, sql), ==, 0);
  }

  dump = db_dump (f);

  /* The same code again: refused, and nothing written. */
  {
    g_autoptr(GBytes) body = enrol_body (code, "thief");
    g_autoptr(Response) response = post_enrol (f, g_bytes_get_data (body, NULL));
    g_autofree char *after = NULL;

    assert_error (response, 403, "code-used");
    after = db_dump (f);
    g_assert_cmpstr (dump, ==, after);
  }

  /* An expired code. */
  {
    g_autofree char *expired = enrol_code (f, OP_A, "public");
    g_autoptr(GBytes) body = NULL;
    g_autoptr(Response) response = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    db_exec (f, "UPDATE enrol_codes SET expires_at = '2020-01-01T00:00:00.000000Z' WHERE used_at IS NULL");
    before = db_dump (f);
    body = enrol_body (expired, "late");
    response = post_enrol (f, g_bytes_get_data (body, NULL));
    assert_error (response, 403, "code-expired");
    after = db_dump (f);
    g_assert_cmpstr (before, ==, after);
  }

  /* A well-formed code HQ never made, and things that are no code. */
  {
    const char *bodies[][2] = {
      { "{\"code\":\"LIA1-AAAAAAAAAAAAAAAAAAAAAAAA-\",\"device_name\":\"x\"}", "code-unknown" },
      { "{\"code\":\"LIA1-AAAA\",\"device_name\":\"x\"}", "invalid" },
      { "{\"code\":\"nope\"}", "invalid" },
      { "{\"code\":42}", "invalid" },
      { "{\"device_name\":\"x\"}", "invalid" },
      { "{\"code\":\"LIA1-AAAAAAAAAAAAAAAAAAAAAAAA-\",\"admin\":true}", "invalid" },
      { "[\"LIA1-AAAAAAAAAAAAAAAAAAAAAAAA-\"]", "invalid" },
      { "{\"code\":", "invalid" },
      { "", "invalid" },
    };
    g_autofree char *before = db_dump (f);
    g_autofree char *after = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (bodies); i++)
      {
        g_autoptr(Response) response = post_enrol (f, bodies[i][0]);

        g_test_message ("enrol body %u", i);
        assert_error (response, !g_str_equal (bodies[i][1], "invalid") ? 403 : 400, bodies[i][1]);
      }

    after = db_dump (f);
    g_assert_cmpstr (before, ==, after);
  }

  /* A code typed in lower case and without its trailing dash still works. */
  {
    g_autofree char *fresh = enrol_code (f, OP_B, "restricted");
    g_autofree char *typed = g_ascii_strdown (fresh, strlen (fresh) - 1);
    g_auto(Device) second = { NULL };

    enrol_with_code (f, typed, OP_B, "restricted", &second);
    g_assert_cmpstr (second.id, !=, device.id);
  }

  /* The administrator sees both devices. */
  {
    const char *args[] = { "devices", "--db", f->hq.db_path, "--json", NULL };
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;
    JsonObject *first;

    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    root = json_from_string (out, NULL);
    g_assert_nonnull (root);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    first = json_array_get_object_element (array, 0);
    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, device.id);
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "Laptop — مكتب الشمال");
    g_assert_cmpstr (json_object_get_string_member (first, "operation"), ==, OP_A);
    g_assert_cmpstr (json_object_get_string_member (first, "clearance"), ==, "confidential");
    g_assert_cmpstr (json_object_get_string_member (first, "status"), ==, "active");
  }

  /* Operations come into being with their first code. */
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM operations"), ==, 2);
}

/* ---- push -------------------------------------------------------------------- */

static void
test_push_replay (Fixture       *f,
                  gconstpointer  user_data)
{
  g_auto(Device) device = { NULL };
  g_autoptr(GPtrArray) changes = new_changes ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) first_ack = NULL;

  enrol (f, OP_A, "confidential", &device);

  g_ptr_array_add (changes, make_change (NULL, OP_A, LIA_SENSITIVITY_PUBLIC, 1, AUTHOR_A,
                                         "2026-11-29T10:00:00.000000Z", "{\"name\":\"قائد اللواء\"}"));
  g_ptr_array_add (changes, make_change (NULL, OP_A, LIA_SENSITIVITY_CONFIDENTIAL, 1, AUTHOR_A,
                                         "2026-11-29T10:00:01.000000Z", "{\"name\":\"Colonel X\"}"));
  g_ptr_array_add (changes, make_change (NULL, OP_A, LIA_SENSITIVITY_RESTRICTED, 1, AUTHOR_A,
                                         "2026-11-29T10:00:02.000000Z", "{}"));
  /* A later revision of the first record in the same batch. */
  g_ptr_array_add (changes, make_change (((LiaSyncChange *)changes->pdata[0])->uuid, OP_A,
                                         LIA_SENSITIVITY_PUBLIC, 2, AUTHOR_A,
                                         "2026-11-29T10:05:00.000000Z", "{\"name\":\"قائد اللواء الثالث\"}"));
  body = lia_sync_encode_push (device.id, 1, changes);

  {
    g_autoptr(Response) response = http (f, "POST", "/api/v1/push", device.authorization, body);
    g_autoptr(JsonObject) ack = NULL;

    g_assert_cmpint (response->status, ==, 200);
    ack = response_json (response);
    g_assert_cmpint (json_object_get_int_member (ack, "acked_seq"), ==, 1);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (ack, "conflicts")), ==, 0);
    first_ack = response_bytes (response);
  }

  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM records"), ==, 3);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM changes"), ==, 4);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM batches"), ==, 1);
  g_assert_cmpint (db_count (f, "SELECT MAX(revision) FROM records"), ==, 2);

  /* The same bytes again, as after a cut link: the same answer, nothing
   * doubled. */
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(Response) response = http (f, "POST", "/api/v1/push", device.authorization, body);
      g_autoptr(GBytes) ack = NULL;

      g_assert_cmpint (response->status, ==, 200);
      ack = response_bytes (response);
      g_assert_true (g_bytes_equal (ack, first_ack));
    }

  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM records"), ==, 3);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM changes"), ==, 4);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM batches"), ==, 1);

  /* The same changes under a new batch number (a device that lost its
   * acknowledgement and renumbered): acknowledged, still not doubled. */
  {
    g_autoptr(JsonArray) conflicts = push_ok (f, &device, 2, changes);

    g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);
  }
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM changes"), ==, 4);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM conflicts"), ==, 0);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM batches"), ==, 2);

  /* The device was seen. */
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM devices WHERE last_seen IS NOT NULL"), ==, 1);
}

/* Both devices edit the same record offline; both orders give the same
 * winner, and the loser is kept. */
static void
run_conflict (Fixture    *f,
              gboolean    a_first,
              char      **winner_body)
{
  g_auto(Device) a = { NULL };
  g_auto(Device) d = { NULL };
  g_autoptr(GPtrArray) base = new_changes ();
  g_autoptr(GPtrArray) edit_a = new_changes ();
  g_autoptr(GPtrArray) edit_d = new_changes ();
  g_autoptr(GPtrArray) seen_by_d = NULL;
  g_autoptr(JsonArray) first = NULL;
  g_autoptr(JsonArray) second = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  JsonObject *conflict;

  enrol (f, OP_A, "restricted", &a);
  enrol (f, OP_A, "restricted", &d);

  /* A creates the record; D receives it. */
  g_ptr_array_add (base, make_change (uuid, OP_A, LIA_SENSITIVITY_RESTRICTED, 1, AUTHOR_A,
                                      "2026-11-29T09:00:00.000000Z", "{\"name\":\"v1\"}"));
  first = push_ok (f, &a, 1, base);
  seen_by_d = pull_all (f, &d, 500, NULL);
  g_assert_true (has_uuid (seen_by_d, uuid));

  /* Both edit revision 1 offline; D's edit is the later one. */
  g_ptr_array_add (edit_a, make_change (uuid, OP_A, LIA_SENSITIVITY_RESTRICTED, 2, AUTHOR_A,
                                        "2026-11-29T10:00:00.000000Z", "{\"name\":\"by A\"}"));
  g_ptr_array_add (edit_d, make_change (uuid, OP_A, LIA_SENSITIVITY_RESTRICTED, 2, AUTHOR_D,
                                        "2026-11-29T10:05:00.000000Z", "{\"name\":\"by D\"}"));

  g_clear_pointer (&first, json_array_unref);
  if (a_first)
    {
      first = push_ok (f, &a, 2, edit_a);
      second = push_ok (f, &d, 1, edit_d);
    }
  else
    {
      first = push_ok (f, &d, 1, edit_d);
      second = push_ok (f, &a, 2, edit_a);
    }

  /* The first push was an ordinary edit; the second met the first. */
  g_assert_cmpuint (json_array_get_length (first), ==, 0);
  g_assert_cmpuint (json_array_get_length (second), ==, 1);
  conflict = json_array_get_object_element (second, 0);
  g_assert_cmpstr (json_object_get_string_member (conflict, "uuid"), ==, uuid);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "winner"),
                                                  "author_device"), ==, AUTHOR_D);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (conflict, "loser"),
                                                  "author_device"), ==, AUTHOR_A);

  /* Nothing lost: the winner is current, the loser is kept whole. */
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM conflicts WHERE loser_author_device = '" AUTHOR_A "'"
                                "  AND loser_body = '{\"name\":\"by A\"}' AND resolved_at IS NULL"), ==, 1);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM conflicts"), ==, 1);
  {
    g_autoptr(sqlite3) db = open_db_readonly (f->hq.db_path);
    g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, "SELECT body FROM records", NULL);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    *winner_body = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  }
}

static void
test_conflict (Fixture       *f,
               gconstpointer  user_data)
{
  g_autofree char *winner_a_first = NULL;
  g_autofree char *winner_d_first = NULL;

  run_conflict (f, TRUE, &winner_a_first);

  /* The other order, on a fresh HQ. */
  lia_test_hq_clear (&f->hq);
  start_insecure (f, "100000");
  run_conflict (f, FALSE, &winner_d_first);

  g_assert_cmpstr (winner_a_first, ==, "{\"name\":\"by D\"}");
  g_assert_cmpstr (winner_d_first, ==, winner_a_first);
}

/* Outside the device's operation or clearance: 403, nothing written. */
static void
test_push_forbidden (Fixture       *f,
                     gconstpointer  user_data)
{
  g_auto(Device) a = { NULL };
  g_auto(Device) b = { NULL };
  g_autofree char *their_uuid = g_uuid_string_random ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  struct {
    const char     *operation;
    LiaSensitivity  sensitivity;
    const char     *uuid;
  } cases[] = {
    { OP_B, LIA_SENSITIVITY_PUBLIC, NULL },
    { "*", LIA_SENSITIVITY_PUBLIC, NULL },
    { OP_A, LIA_SENSITIVITY_CONFIDENTIAL, NULL },
    { OP_A, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL, NULL },
    { OP_A, LIA_SENSITIVITY_PUBLIC, their_uuid },     /* take over B's record */
  };

  enrol (f, OP_A, "restricted", &a);
  enrol (f, OP_B, "restricted", &b);

  /* B's record, which A will try to take over. */
  {
    g_autoptr(GPtrArray) batch = new_changes ();
    g_autoptr(JsonArray) conflicts = NULL;

    g_ptr_array_add (batch, make_change (their_uuid, OP_B, LIA_SENSITIVITY_PUBLIC, 1, AUTHOR_D,
                                         "2026-11-29T09:00:00.000000Z", "{\"name\":\"B's\"}"));
    conflicts = push_ok (f, &b, 1, batch);
  }

  before = db_dump (f);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 3);
      g_autoptr(Response) response = NULL;
      LiaSyncChange *bad;

      g_test_message ("case %u", i);

      /* One bad change among good ones refuses the whole batch. */
      bad = make_change (cases[i].uuid, cases[i].operation, cases[i].sensitivity, 2, AUTHOR_A,
                         "2026-11-29T10:00:00.000000Z", "{\"name\":\"mine now\"}");
      g_ptr_array_insert (batch, 1, bad);

      response = push (f, &a, 1, batch);
      assert_error (response, 403, "forbidden");
      g_assert_nonnull (strstr (response->body->str, "changes[1]"));
    }

  /* A batch that names another device than the token's. */
  {
    g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 1);
    g_autoptr(GBytes) body = lia_sync_encode_push (b.id, 9, batch);
    g_autoptr(Response) response = http (f, "POST", "/api/v1/push", a.authorization, body);

    assert_error (response, 403, "forbidden");
  }

  after = db_dump (f);
  g_assert_cmpstr (before, ==, after);
}

/* A device that asks for refusals one by one (?refusals=per-change) gets
 * the good changes applied and the bad ones listed, once and for all. */
static void
test_push_refused_per_change (Fixture       *f,
                              gconstpointer  user_data)
{
  g_auto(Device) a = { NULL };
  g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 4);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(Response) response = NULL;
  g_autoptr(Response) again = NULL;
  g_autoptr(JsonObject) ack = NULL;
  g_autoptr(GBytes) first_bytes = NULL;
  g_autoptr(GBytes) again_bytes = NULL;
  JsonArray *refused;
  JsonObject *entry;
  LiaSyncChange *above;
  LiaSyncChange *elsewhere;

  enrol (f, OP_A, "restricted", &a);

  above = make_change (NULL, OP_A, LIA_SENSITIVITY_CONFIDENTIAL, 1, AUTHOR_A,
                       "2026-11-29T10:00:00.000000Z", "{\"name\":\"too secret\"}");
  above->seq = 102;
  g_ptr_array_insert (batch, 1, above);
  elsewhere = make_change (NULL, OP_B, LIA_SENSITIVITY_PUBLIC, 1, AUTHOR_A,
                           "2026-11-29T10:00:00.000000Z", "{\"name\":\"other op\"}");
  elsewhere->seq = 104;
  g_ptr_array_insert (batch, 3, elsewhere);

  body = lia_sync_encode_push (a.id, 1, batch);
  response = http (f, "POST", "/api/v1/push?refusals=per-change", a.authorization, body);
  g_assert_cmpint (response->status, ==, 200);
  ack = response_json (response);
  g_assert_cmpint (json_object_get_int_member (ack, "acked_seq"), ==, 1);
  refused = json_object_get_array_member (ack, "refused");
  g_assert_cmpuint (json_array_get_length (refused), ==, 2);

  entry = json_array_get_object_element (refused, 0);
  g_assert_cmpint (json_object_get_int_member (entry, "seq"), ==, 102);
  g_assert_cmpstr (json_object_get_string_member (entry, "uuid"), ==, above->uuid);
  g_assert_cmpstr (json_object_get_string_member (entry, "error"), ==, "forbidden");
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "message"), "clearance"));
  entry = json_array_get_object_element (refused, 1);
  g_assert_cmpint (json_object_get_int_member (entry, "seq"), ==, 104);
  g_assert_nonnull (strstr (json_object_get_string_member (entry, "message"), OP_B));

  /* The four good ones are in, the two bad ones nowhere. */
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM records"), ==, 4);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM records WHERE body LIKE '%too secret%'"
                                " OR body LIKE '%other op%'"), ==, 0);

  /* A resend gets the same answer, byte for byte, and writes nothing. */
  again = http (f, "POST", "/api/v1/push?refusals=per-change", a.authorization, body);
  g_assert_cmpint (again->status, ==, 200);
  first_bytes = response_bytes (response);
  again_bytes = response_bytes (again);
  g_assert_true (g_bytes_equal (first_bytes, again_bytes));
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM records"), ==, 4);
}

/* serve --max-body: the body limit, refused from the headers with 413. */
static void
test_max_body_option (Fixture       *f,
                      gconstpointer  user_data)
{
  const char *args[] = { "--insecure-http", "--rate-limit", "100000", "--max-body", "4", NULL };
  g_auto(Device) a = { NULL };
  g_autofree char *noise = g_malloc (4 * 1024 + 1);
  g_autoptr(GBytes) big = NULL;
  g_autoptr(Response) response = NULL;

  for (guint i = 0; i < 4 * 1024 + 1; i++)
    noise[i] = g_random_int_range (0, 256);
  big = g_bytes_new_take (g_steal_pointer (&noise), 4 * 1024 + 1);

  lia_test_hq_stop (&f->hq, SIGTERM);
  lia_test_hq_start (&f->hq, args);
  enrol (f, OP_A, "public", &a);

  response = http (f, "POST", "/api/v1/push", a.authorization, big);
  assert_error (response, 413, "too-large");
  /* g_format_size() puts a no-break space before the unit. */
  g_assert_nonnull (strstr (response->body->str, "larger than 4.0"));

  /* A batch within the limit goes through. */
  {
    g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 1);
    g_autoptr(JsonArray) conflicts = push_ok (f, &a, 1, batch);

    g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);
  }

  /* Out of range. */
  {
    const char *bad[] = { "serve", "--db", f->hq.db_path, "--insecure-http", "--max-body", "0", NULL };
    g_autofree char *err = NULL;

    g_assert_cmpint (lia_test_hq_run (bad, NULL, &err), !=, 0);
    g_assert_nonnull (strstr (err, "--max-body"));
  }
}

/* A transmission is a log entry: HQ keeps the first revision and refuses
 * another, from its author or anyone. */
static void
test_push_append_only (Fixture       *f,
                       gconstpointer  user_data)
{
  g_auto(Device) a = { NULL };
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *body = "{\"notification\":\"n\",\"party\":\"p\",\"kind\":\"sent\",\"at\":\"2026-11-29T09:00:00Z\"}";

  enrol (f, OP_A, "restricted", &a);

  {
    g_autoptr(GPtrArray) batch = new_changes ();
    g_autoptr(JsonArray) conflicts = NULL;
    LiaSyncChange *entry = make_change (uuid, OP_A, LIA_SENSITIVITY_RESTRICTED, 1, AUTHOR_A,
                                        "2026-11-29T09:00:00.000000Z", body);

    g_free (entry->record_type);
    entry->record_type = g_strdup ("transmission");
    g_ptr_array_add (batch, entry);
    conflicts = push_ok (f, &a, 1, batch);
  }

  before = db_dump (f);
  {
    g_autoptr(GPtrArray) batch = new_changes ();
    g_autoptr(Response) response = NULL;
    LiaSyncChange *edit = make_change (uuid, OP_A, LIA_SENSITIVITY_RESTRICTED, 2, AUTHOR_A,
                                       "2026-11-29T10:00:00.000000Z", "{\"kind\":\"acknowledged\"}");

    g_free (edit->record_type);
    edit->record_type = g_strdup ("transmission");
    g_ptr_array_add (batch, edit);
    response = push (f, &a, 2, batch);
    assert_error (response, 403, "forbidden");
    g_assert_nonnull (strstr (response->body->str, "log entry"));
  }
  after = db_dump (f);
  g_assert_cmpstr (before, ==, after);
}

/* ---- pull --------------------------------------------------------------------- */

static void
publish_directory (Fixture    *f,
                   const char *sensitivity)
{
  g_autofree char *path = g_build_filename (f->hq.tmpdir, "directory.json", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *args[] = { "publish-directory", path, "--db", f->hq.db_path, "--sensitivity", sensitivity, NULL };

  g_file_set_contents (path, "{\"entries\":[{\"id\":\"d1\",\"name\":\"Amina\",\"role\":\"CMCoord\","
                       "\"contacts\":[{\"channel\":\"phone\",\"value\":\"+000\"}]}]}",
                       -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "revision"));
}

static void
test_pull_scoping (Fixture       *f,
                   gconstpointer  user_data)
{
  g_auto(Device) a = { NULL };          /* pushes */
  g_auto(Device) same_high = { NULL };  /* same operation, confidential */
  g_auto(Device) same_low = { NULL };   /* same operation, restricted */
  g_auto(Device) other = { NULL };      /* another operation, strictly confidential */
  g_auto(Device) other_public = { NULL };
  g_autoptr(GPtrArray) batch = new_changes ();
  g_autoptr(GPtrArray) got = NULL;
  const char *public_uuid;
  const char *restricted_uuid;
  const char *confidential_uuid;

  enrol (f, OP_A, "strictly-confidential", &a);
  enrol (f, OP_A, "confidential", &same_high);
  enrol (f, OP_A, "restricted", &same_low);
  enrol (f, OP_B, "strictly-confidential", &other);
  enrol (f, OP_B, "public", &other_public);

  g_ptr_array_add (batch, make_change (NULL, OP_A, LIA_SENSITIVITY_PUBLIC, 1, AUTHOR_A,
                                       "2026-11-29T10:00:00.000000Z", "{\"n\":1}"));
  g_ptr_array_add (batch, make_change (NULL, OP_A, LIA_SENSITIVITY_RESTRICTED, 1, AUTHOR_A,
                                       "2026-11-29T10:00:00.000000Z", "{\"n\":2}"));
  g_ptr_array_add (batch, make_change (NULL, OP_A, LIA_SENSITIVITY_CONFIDENTIAL, 1, AUTHOR_A,
                                       "2026-11-29T10:00:00.000000Z", "{\"n\":3}"));
  public_uuid = ((LiaSyncChange *)batch->pdata[0])->uuid;
  restricted_uuid = ((LiaSyncChange *)batch->pdata[1])->uuid;
  confidential_uuid = ((LiaSyncChange *)batch->pdata[2])->uuid;
  {
    g_autoptr(JsonArray) conflicts = push_ok (f, &a, 1, batch);
  }
  publish_directory (f, "restricted");

  /* Same operation, cleared for confidential: all three and the
   * directory. */
  got = pull_all (f, &same_high, 500, NULL);
  g_assert_cmpuint (got->len, ==, 4);
  g_assert_true (has_uuid (got, confidential_uuid));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Restricted clearance: never the confidential record. */
  got = pull_all (f, &same_low, 500, NULL);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_true (has_uuid (got, public_uuid));
  g_assert_true (has_uuid (got, restricted_uuid));
  g_assert_false (has_uuid (got, confidential_uuid));
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Another operation, whatever its clearance: only global content. */
  got = pull_all (f, &other, 500, NULL);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((LiaSyncChange *)got->pdata[0])->record_type, ==, "directory");
  g_assert_cmpstr (((LiaSyncChange *)got->pdata[0])->operation, ==, "*");
  g_clear_pointer (&got, g_ptr_array_unref);

  /* …and global content only up to the clearance. */
  got = pull_all (f, &other_public, 500, NULL);
  g_assert_cmpuint (got->len, ==, 0);
  g_clear_pointer (&got, g_ptr_array_unref);

  /* The pushing device is not sent its own changes back. */
  got = pull_all (f, &a, 500, NULL);
  g_assert_cmpuint (got->len, ==, 1);
  g_assert_cmpstr (((LiaSyncChange *)got->pdata[0])->record_type, ==, "directory");
  g_clear_pointer (&got, g_ptr_array_unref);

  /* A new directory is a new revision of the same record, and replaces
   * the old one in the feed. */
  publish_directory (f, "restricted");
  got = pull_all (f, &same_low, 500, NULL);
  g_assert_cmpuint (got->len, ==, 3);
  g_assert_cmpint (((LiaSyncChange *)got->pdata[2])->revision, ==, 2);
  g_assert_cmpint (db_count (f, "SELECT revision FROM records WHERE record_type = 'directory'"), ==, 2);
}

static void
test_pull_pagination (Fixture       *f,
                      gconstpointer  user_data)
{
  g_auto(Device) a = { NULL };
  g_auto(Device) b = { NULL };
  g_autoptr(GPtrArray) first = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 300);
  g_autoptr(GPtrArray) second = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 300);
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_str_hash, g_str_equal);
  guint pages = 0;

  enrol (f, OP_A, "public", &a);
  enrol (f, OP_A, "public", &b);

  {
    g_autoptr(JsonArray) c1 = push_ok (f, &a, 1, first);
    g_autoptr(JsonArray) c2 = push_ok (f, &a, 2, second);
  }

  got = pull_all (f, &b, 100, &pages);
  g_assert_cmpuint (got->len, ==, 600);
  g_assert_cmpuint (pages, ==, 6);
  for (guint i = 0; i < got->len; i++)
    g_hash_table_add (uuids, ((LiaSyncChange *)got->pdata[i])->uuid);
  g_assert_cmpuint (g_hash_table_size (uuids), ==, 600);
  g_clear_pointer (&got, g_ptr_array_unref);

  /* Default page size: the protocol's batch limit. */
  got = pull_all (f, &b, 500, &pages);
  g_assert_cmpuint (got->len, ==, 600);
  g_assert_cmpuint (pages, ==, 2);
  g_clear_pointer (&got, g_ptr_array_unref);

  /* From the last cursor: nothing, in one short answer. */
  {
    g_auto(Page) page = { NULL };
    g_auto(Page) again = { NULL };
    g_autofree char *query = NULL;

    pull_page (f, &b, "?since=0", &page);
    g_assert_cmpuint (page.changes->len, ==, 500);
    g_assert_true (page.more);
    g_clear_pointer (&page.changes, g_ptr_array_unref);

    query = g_strdup_printf ("?since=%s", page.cursor);
    pull_page (f, &b, query, &again);
    g_assert_cmpuint (again.changes->len, ==, 100);
    g_assert_false (again.more);

    g_free (query);
    query = g_strdup_printf ("?since=%s", again.cursor);
    page_clear (&page);
    pull_page (f, &b, query, &page);
    g_assert_cmpuint (page.changes->len, ==, 0);
    g_assert_false (page.more);
    g_assert_cmpstr (page.cursor, ==, again.cursor);
  }

  /* Bad queries. */
  {
    const char *queries[] = { "?limit=0", "?limit=501", "?since=-1", "?since=abc", "?since=1e3",
                              "?limit=", "?since=99999999999999999999" };

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        g_autofree char *path = g_strconcat ("/api/v1/pull", queries[i], NULL);
        g_autoptr(Response) response = http (f, "GET", path, b.authorization, NULL);

        g_test_message ("%s", queries[i]);
        assert_error (response, 400, "invalid");
      }
  }
}

/* ---- authentication ---------------------------------------------------------- */

typedef struct
{
  const char *method;
  const char *path;
} Endpoint;

static const Endpoint authenticated_endpoints[] = {
  { "POST", "/api/v1/push" },
  { "GET", "/api/v1/pull?since=0" },
  { "GET", "/api/v1/guidance" },
};

static void
test_auth_matrix (Fixture       *f,
                  gconstpointer  user_data)
{
  g_auto(Device) valid = { NULL };
  g_auto(Device) revoked = { NULL };
  g_auto(Device) expired = { NULL };
  g_auto(Device) other = { NULL };
  g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 2);
  g_autofree char *wrong = NULL;
  g_autofree char *hash_before = NULL;
  g_autofree char *hash_after = NULL;
  g_autofree char *dump_before = NULL;
  g_autofree char *dump_after = NULL;
  g_autofree char *out = NULL;
  guint n_requests = 0;

  enrol (f, OP_A, "confidential", &valid);
  enrol (f, OP_A, "confidential", &revoked);
  enrol (f, OP_A, "confidential", &expired);
  enrol (f, OP_B, "strictly-confidential", &other);

  /* Some data to steal. */
  {
    g_autoptr(GPtrArray) data = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 5);
    g_autoptr(JsonArray) conflicts = push_ok (f, &valid, 1, data);
  }

  {
    const char *args[] = { "revoke", revoked.id, "--db", f->hq.db_path, NULL };

    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "Revoked"));
  }
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE devices SET token_expires_at = '2020-01-01T00:00:00.000000Z'"
                                            " WHERE id = '%s'", expired.id);

    db_exec (f, sql);
  }

  {
    GString *token = g_string_new ("Bearer ");

    for (guint i = 0; i < 43; i++)
      g_string_append_c (token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[g_random_int_range (0, 64)]);
    wrong = g_string_free (token, FALSE);
  }

  /* A clean file to compare with: HQ folds its log into it when stopped. */
  restart (f, "100000");
  lia_test_hq_stop (&f->hq, SIGTERM);
  hash_before = lia_test_file_sha256 (f->hq.db_path);
  start_insecure (f, "100000");
  dump_before = db_dump (f);

  for (guint e = 0; e < G_N_ELEMENTS (authenticated_endpoints); e++)
    {
      const Endpoint *endpoint = &authenticated_endpoints[e];
      g_autofree char *bad_char = g_strconcat ("Bearer ", valid.token, NULL);
      g_autoptr(GBytes) valid_body = lia_sync_encode_push (valid.id, 2, batch);
      g_autoptr(GBytes) revoked_body = lia_sync_encode_push (revoked.id, 2, batch);
      g_autoptr(GBytes) expired_body = lia_sync_encode_push (expired.id, 2, batch);
      gboolean is_push = g_str_equal (endpoint->method, "POST");
      struct {
        const char *what;
        const char *authorization;
        GBytes     *body;
        long        status;
        const char *code;
      } cases[] = {
        { "no token", NULL, valid_body, 401, "token-missing" },
        { "scheme only", "Bearer", valid_body, 401, "token-malformed" },
        { "not bearer", "Basic dXNlcjpwYXNz", valid_body, 401, "token-malformed" },
        { "short", "Bearer abc", valid_body, 401, "token-malformed" },
        { "bad character", bad_char, valid_body, 401, "token-malformed" },
        { "two tokens", NULL, valid_body, 401, "token-malformed" },
        { "wrong", wrong, valid_body, 401, "token-unknown" },
        { "revoked", revoked.authorization, revoked_body, 401, "token-revoked" },
        { "expired", expired.authorization, expired_body, 401, "token-expired" },
        /* Another operation's device pushing this operation's data. */
        { "other operation", other.authorization, valid_body, 403, "forbidden" },
      };
      g_autofree char *two = g_strdup_printf ("%s %s", valid.authorization, valid.token);

      bad_char[strlen (bad_char) - 1] = '!';
      cases[5].authorization = two;

      for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
        {
          g_autoptr(Response) response = NULL;
          g_autofree char *www = NULL;

          /* Pulling and guidance are scoped, not refused, for a device
           * of another operation: test-pull-scoping covers them. */
          if (cases[c].status == 403 && !is_push)
            continue;

          g_test_message ("%s %s × %s", endpoint->method, endpoint->path, cases[c].what);
          response = http (f, endpoint->method, endpoint->path, cases[c].authorization,
                           is_push ? cases[c].body : NULL);
          assert_error (response, cases[c].status, cases[c].code);
          n_requests++;

          if (cases[c].status == 401)
            {
              www = response_header (response, "WWW-Authenticate");
              g_assert_nonnull (www);
              g_assert_true (g_str_has_prefix (www, "Bearer"));
            }
        }
    }
  g_assert_cmpuint (n_requests, ==, 28);

  dump_after = db_dump (f);
  g_assert_cmpstr (dump_before, ==, dump_after);

  lia_test_hq_stop (&f->hq, SIGTERM);
  hash_after = lia_test_file_sha256 (f->hq.db_path);
  g_assert_cmpstr (hash_before, ==, hash_after);

  /* The valid device still works (and so the comparison above was not
   * vacuous). */
  start_insecure (f, "100000");
  {
    g_autoptr(JsonArray) conflicts = push_ok (f, &valid, 2, batch);
  }
  lia_test_hq_stop (&f->hq, SIGTERM);
  g_clear_pointer (&hash_after, g_free);
  hash_after = lia_test_file_sha256 (f->hq.db_path);
  g_assert_cmpstr (hash_before, !=, hash_after);
}

static void
test_revoke_cli (Fixture       *f,
                 gconstpointer  user_data)
{
  g_auto(Device) device = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  enrol (f, OP_A, "public", &device);

  {
    const char *args[] = { "revoke", "00000000-0000-4000-8000-000000000000", "--db", f->hq.db_path, NULL };

    g_assert_cmpint (lia_test_hq_run (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "00000000-0000-4000-8000-000000000000"));
  }

  /* Revocation reaches the running daemon at once. */
  {
    g_auto(Page) page = { NULL };
    const char *args[] = { "revoke", device.id, "--db", f->hq.db_path, NULL };
    g_autoptr(Response) response = NULL;

    pull_page (f, &device, "", &page);
    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    response = http (f, "GET", "/api/v1/pull", device.authorization, NULL);
    assert_error (response, 401, "token-revoked");

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "already"));
  }

  {
    const char *args[] = { "devices", "--db", f->hq.db_path, NULL };

    g_clear_pointer (&out, g_free);
    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, device.id));
    g_assert_nonnull (strstr (out, "revoked"));
  }
}

/* ---- limits and bad bodies --------------------------------------------------- */

static void
test_oversize (Fixture       *f,
               gconstpointer  user_data)
{
  g_auto(Device) device = { NULL };
  g_autofree char *zeros = g_malloc0 (MAX_BODY_SIZE + 1);
  g_autoptr(GBytes) big = g_bytes_new_take (g_steal_pointer (&zeros), MAX_BODY_SIZE + 1);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  enrol (f, OP_A, "public", &device);
  before = db_dump (f);

  /* With a token and without one: the size is refused first. */
  {
    g_autoptr(Response) response = http (f, "POST", "/api/v1/push", device.authorization, big);

    assert_error (response, 413, "too-large");
  }
  {
    g_autoptr(Response) response = http (f, "POST", "/api/v1/push", NULL, big);

    assert_error (response, 413, "too-large");
  }

  after = db_dump (f);
  g_assert_cmpstr (before, ==, after);
}

static GBytes *
gzip_text (const char *text,
           gssize      len)
{
  return lia_sync_gzip (text, len < 0 ? strlen (text) : (gsize)len);
}

/* A valid push body as text, with one member of changes[0] (or of the
 * top level, with a leading “/”) replaced or removed. */
static char *
broken_push (const char *device_id,
             const char *member,
             const char *value)
{
  g_autofree char *json = g_strdup_printf ("{\"protocol\":1,\"device_id\":\"%s\",\"batch_seq\":7,\"changes\":["
                                           "{\"uuid\":\"0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b\","
                                           "\"record_type\":\"actor\",\"operation\":\"" OP_A "\","
                                           "\"sensitivity\":\"public\",\"revision\":1,"
                                           "\"author_device\":\"" AUTHOR_A "\","
                                           "\"changed_at\":\"2026-11-29T10:00:00.000000Z\","
                                           "\"tombstone\":false,\"body\":{\"name\":\"x\"},\"seq\":1}]}",
                                           device_id);
  g_autoptr(JsonNode) tree = json_from_string (json, NULL);
  JsonObject *target = json_node_get_object (tree);

  if (member[0] == '/')
    member++;
  else
    target = json_array_get_object_element (json_object_get_array_member (target, "changes"), 0);

  if (value == NULL)
    json_object_remove_member (target, member);
  else
    json_object_set_member (target, member, json_from_string (value, NULL));

  return json_to_string (tree, FALSE);
}

static void
test_malformed_bodies (Fixture       *f,
                       gconstpointer  user_data)
{
  g_auto(Device) device = { NULL };
  g_autoptr(GPtrArray) bodies = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  const char *breakages[][2] = {
    { "/protocol", "2" }, { "/protocol", NULL }, { "/device_id", "\"laptop\"" }, { "/batch_seq", "0" },
    { "/batch_seq", "\"7\"" }, { "/changes", "{}" }, { "/changes", "[1]" }, { "/extra", "true" },
    { "uuid", "\"nope\"" }, { "uuid", NULL }, { "record_type", "\"\"" }, { "record_type", "\"DROP TABLE\"" },
    { "operation", "\"\"" }, { "operation", "42" }, { "sensitivity", "\"secret\"" }, { "sensitivity", "1" },
    { "revision", "0" }, { "revision", "1.5" }, { "author_device", "\"me\"" }, { "changed_at", "\"yesterday\"" },
    { "changed_at", "\"2026-11-29T10:00:00Z\"" }, { "tombstone", "\"no\"" }, { "body", "\"{}\"" },
    { "body", "[]" }, { "body", NULL }, { "seq", "-1" }, { "evil", "1" },
  };

  enrol (f, OP_A, "strictly-confidential", &device);

  for (guint i = 0; i < G_N_ELEMENTS (breakages); i++)
    {
      g_autofree char *text = broken_push (device.id, breakages[i][0], breakages[i][1]);

      g_ptr_array_add (bodies, gzip_text (text, -1));
    }

  /* Not gzip, cut short, followed by junk, a bomb. */
  {
    g_autofree char *text = broken_push (device.id, "/extra", NULL);
    g_autoptr(GBytes) good = gzip_text (text, -1);
    gsize len;
    const guint8 *data = g_bytes_get_data (good, &len);
    g_autofree guint8 *junk = g_malloc (len + 4);
    g_autofree char *zeros = g_malloc0 (64 * 1024 * 1024);

    memcpy (junk, data, len);
    memcpy (junk + len, "junk", 4);
    g_ptr_array_add (bodies, g_bytes_new (text, strlen (text)));
    g_ptr_array_add (bodies, g_bytes_new (data, len / 2));
    g_ptr_array_add (bodies, g_bytes_new (junk, len + 4));
    g_ptr_array_add (bodies, lia_sync_gzip (zeros, 64 * 1024 * 1024));
    g_ptr_array_add (bodies, g_bytes_new_static ("", 0));
  }

  /* JSON that is no push at all. */
  {
    const char *texts[] = { "", "null", "[]", "{}", "{\"protocol\":1}", "{'protocol':1}", "{\"protocol\":1,}",
                            "\xff\xfe", "{\"protocol\":1}{}" };
    GString *deep = g_string_new (NULL);

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      g_ptr_array_add (bodies, gzip_text (texts[i], -1));

    for (guint i = 0; i < 100000; i++)
      g_string_append_c (deep, '[');
    g_ptr_array_add (bodies, gzip_text (deep->str, deep->len));
    g_string_free (deep, TRUE);
  }

  /* 501 changes. */
  {
    g_autoptr(GString) text = g_string_new (NULL);

    g_string_printf (text, "{\"protocol\":1,\"device_id\":\"%s\",\"batch_seq\":7,\"changes\":[", device.id);
    for (guint i = 0; i <= LIA_SYNC_MAX_BATCH_CHANGES; i++)
      {
        g_autofree char *uuid = g_uuid_string_random ();

        g_string_append_printf (text, "%s{\"uuid\":\"%s\",\"record_type\":\"actor\",\"operation\":\"" OP_A "\","
                                "\"sensitivity\":\"public\",\"revision\":1,\"author_device\":\"" AUTHOR_A "\","
                                "\"changed_at\":\"2026-11-29T10:00:00.000000Z\",\"tombstone\":false,"
                                "\"body\":{},\"seq\":%u}", i > 0 ? "," : "", uuid, i + 1);
      }
    g_string_append (text, "]}");
    g_ptr_array_add (bodies, gzip_text (text->str, text->len));
  }

  g_assert_cmpuint (bodies->len, >=, 30);

  before = db_dump (f);

  for (guint i = 0; i < bodies->len; i++)
    {
      g_autoptr(Response) response = http (f, "POST", "/api/v1/push", device.authorization,
                                           g_ptr_array_index (bodies, i));

      g_test_message ("body %u", i);
      assert_error (response, 400, "invalid");
    }

  after = db_dump (f);
  g_assert_cmpstr (before, ==, after);

  /* The service is fine, and the same device can still push. */
  {
    g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, 1);
    g_autoptr(JsonArray) conflicts = push_ok (f, &device, 1, batch);
  }
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  user_data)
{
  g_auto(Device) device = { NULL };
  g_auto(Device) other = { NULL };

  enrol (f, OP_A, "public", &device);
  enrol (f, OP_A, "public", &other);
  restart (f, "5");

  for (guint i = 0; i < 5; i++)
    {
      g_auto(Page) page = { NULL };

      pull_page (f, &device, "", &page);
    }

  {
    g_autoptr(Response) response = http (f, "GET", "/api/v1/pull", device.authorization, NULL);
    g_autofree char *retry = NULL;

    assert_error (response, 429, "rate-limited");
    retry = response_header (response, "Retry-After");
    g_assert_nonnull (retry);
    g_assert_cmpint (atoi (retry), >=, 1);
  }

  /* Per device: another device is not held back. */
  {
    g_auto(Page) page = { NULL };

    pull_page (f, &other, "", &page);
  }

  /* Without a token, per address: guessing codes or tokens is slow. */
  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(Response) response = post_enrol (f, "{\"code\":\"LIA1-AAAAAAAAAAAAAAAAAAAAAAAA-\"}");

      assert_error (response, 403, "code-unknown");
    }
  {
    g_autoptr(Response) response = post_enrol (f, "{\"code\":\"LIA1-AAAAAAAAAAAAAAAAAAAAAAAA-\"}");

    assert_error (response, 429, "rate-limited");
  }
  {
    g_autoptr(Response) response = http (f, "GET", "/api/v1/pull", "Bearer nope", NULL);

    assert_error (response, 429, "rate-limited");
  }

  /* Health stays open for monitoring. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(Response) response = http (f, "GET", "/api/v1/health", NULL, NULL);

      g_assert_cmpint (response->status, ==, 200);
    }
}

/* ---- a crash in the middle of a push ---------------------------------------- */

/* Sends a whole push request on a raw connection and returns without
 * reading anything back, so the daemon can be killed before it answers. */
static GSocketConnection *
send_push_raw (Fixture *f,
               Device  *device,
               GBytes  *body)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *head = NULL;
  GSocketConnection *connection;
  GOutputStream *out;

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1", f->hq.port, NULL, &error);
  g_assert_no_error (error);

  head = g_strdup_printf ("POST /api/v1/push HTTP/1.1\r\n"
                          "Host: 127.0.0.1:%u\r\n"
                          "Authorization: %s\r\n"
                          "Content-Type: application/json\r\n"
                          "Content-Encoding: gzip\r\n"
                          "Content-Length: %" G_GSIZE_FORMAT "\r\n"
                          "\r\n",
                          f->hq.port, device->authorization, g_bytes_get_size (body));

  out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_assert_true (g_output_stream_write_all (out, head, strlen (head), NULL, NULL, &error));
  g_assert_true (g_output_stream_write_all (out, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                            NULL, NULL, &error));
  g_assert_no_error (error);

  return connection;
}

static void
test_kill_during_push (Fixture       *f,
                       gconstpointer  user_data)
{
  /* From “killed while still reading” to “killed just after COMMIT”. */
  const guint delays_ms[] = { 0, 1, 2, 5, 10, 20, 40, 80, 160, 320 };
  g_auto(Device) device = { NULL };
  guint committed_before_kill = 0;

  enrol (f, OP_A, "public", &device);

  for (guint i = 0; i < G_N_ELEMENTS (delays_ms); i++)
    {
      g_autoptr(GPtrArray) batch = many_changes (OP_A, LIA_SENSITIVITY_PUBLIC, LIA_SYNC_MAX_BATCH_CHANGES);
      g_autoptr(GBytes) body = lia_sync_encode_push (device.id, i + 1, batch);
      g_autoptr(GSocketConnection) connection = NULL;
      g_autoptr(JsonArray) conflicts = NULL;
      gint64 changes_before = db_count (f, "SELECT COUNT(*) FROM changes");
      g_autofree char *sql = g_strdup_printf ("SELECT COUNT(*) FROM batches WHERE batch_seq = %u", i + 1);

      connection = send_push_raw (f, &device, body);
      g_usleep (delays_ms[i] * 1000);
      lia_test_hq_kill (&f->hq);
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

      /* Whatever the moment: all of the batch or none of it. */
      {
        gint64 changes_now = db_count (f, "SELECT COUNT(*) FROM changes");
        gint64 batches_now = db_count (f, sql);

        g_test_message ("killed after %u ms: batch %s", delays_ms[i], batches_now ? "committed" : "not applied");
        g_assert_cmpint (changes_now - changes_before, ==, batches_now * LIA_SYNC_MAX_BATCH_CHANGES);
        committed_before_kill += batches_now;
      }

      /* The device never got its answer: it sends the batch again. */
      start_insecure (f, "100000");
      conflicts = push_ok (f, &device, i + 1, batch);
      g_assert_cmpuint (json_array_get_length (conflicts), ==, 0);

      g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM changes") - changes_before, ==,
                       LIA_SYNC_MAX_BATCH_CHANGES);
      g_assert_cmpint (db_count (f, sql), ==, 1);
    }

  g_test_message ("%u of %" G_GSIZE_FORMAT " batches were committed before the kill",
                  committed_before_kill, G_N_ELEMENTS (delays_ms));
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM records"), ==,
                   G_N_ELEMENTS (delays_ms) * LIA_SYNC_MAX_BATCH_CHANGES);
  g_assert_cmpint (db_count (f, "SELECT COUNT(*) FROM batches"), ==, G_N_ELEMENTS (delays_ms));
}

/* ---- what HQ publishes -------------------------------------------------------- */

static void
test_guidance (Fixture       *f,
               gconstpointer  user_data)
{
  const char *pack = g_getenv ("LIAISON_GUIDANCE_PACK");
  g_auto(Device) device = { NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *version = NULL;
  gsize len;

  g_assert_nonnull (pack);
  enrol (f, OP_A, "public", &device);

  /* Nothing published yet. */
  {
    g_autoptr(Response) response = http (f, "GET", "/api/v1/guidance", device.authorization, NULL);

    assert_error (response, 404, "not-published");
  }

  {
    const char *args[] = { "publish-guidance", pack, "--db", f->hq.db_path, NULL };

    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "version"));

    /* Only a newer pack replaces it. */
    g_assert_cmpint (lia_test_hq_run (args, NULL, &err), ==, 1);
    g_assert_nonnull (strstr (err, "newer"));
  }

  /* Something that is no pack is refused. */
  {
    g_autofree char *fake = g_build_filename (f->hq.tmpdir, "fake.pack", NULL);
    const char *args[] = { "publish-guidance", fake, "--db", f->hq.db_path, NULL };

    g_assert_true (g_file_set_contents (fake, "not a pack", -1, NULL));
    g_assert_cmpint (lia_test_hq_run (args, NULL, NULL), ==, 1);
  }

  g_assert_true (g_file_get_contents (pack, &contents, &len, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);

  {
    g_autoptr(Response) response = http (f, "GET", "/api/v1/guidance", device.authorization, NULL);
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *encoding = response_header (response, "Content-Encoding");
    g_autofree char *header_sha = response_header (response, "X-Liaison-Pack-Sha256");
    g_autofree char *header_size = response_header (response, "X-Liaison-Pack-Size");

    g_assert_cmpint (response->status, ==, 200);
    g_assert_cmpstr (encoding, ==, "gzip");
    /* Compressed on the wire. */
    g_assert_cmpuint (response->body->len, <, len);
    bytes = response_bytes (response);
    g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), contents, len);
    g_assert_cmpstr (header_sha, ==, sha256);
    g_assert_cmpuint (g_ascii_strtoull (header_size, NULL, 10), ==, len);
    version = response_header (response, "X-Liaison-Content-Version");
    g_assert_nonnull (version);
  }

  /* A device that has it gets a bodiless answer. */
  {
    g_autofree char *path = g_strconcat ("/api/v1/guidance?have=", version, NULL);
    g_autoptr(Response) response = http (f, "GET", path, device.authorization, NULL);

    g_assert_cmpint (response->status, ==, 304);
    g_assert_cmpuint (response->body->len, ==, 0);
  }
  {
    g_autofree char *older = g_strdup_printf ("/api/v1/guidance?have=%" G_GINT64_FORMAT,
                                              g_ascii_strtoll (version, NULL, 10) - 1);
    g_autoptr(Response) response = http (f, "GET", older, device.authorization, NULL);

    g_assert_cmpint (response->status, ==, 200);
  }
}

/* ---- HTTPS -------------------------------------------------------------------- */

static void
test_tls (void)
{
  LiaTestHq hq = { NULL };
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *code = NULL;
  g_autofree char *pin = NULL;
  g_autofree char *wrong_pin = g_strdup ("sha256//AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
  char *last_dash;

  hq.tmpdir = lia_test_hq_make_tmpdir ();
  hq.db_path = g_build_filename (hq.tmpdir, "hq.db", NULL);

  if (!lia_test_hq_make_certificate (hq.tmpdir, &cert, &key))
    {
      g_test_skip ("openssl is needed to make a test certificate");
      lia_test_hq_clear (&hq);
      return;
    }

  {
    const char *args[] = { "--tls-cert", cert, "--tls-key", key, NULL };
    const char *asan_options = g_getenv ("ASAN_OPTIONS");
    g_autofree char *no_leaks = g_strconcat (asan_options != NULL ? asan_options : "",
                                             ":detect_leaks=0", NULL);

    /* LeakSanitizer (GCC 12) crashes at exit walking the dynamic TLS
     * that GnuTLS, loaded by glib-networking, allocates: no leak check
     * for this one daemon; every plain-HTTP one is still checked. */
    hq.envp = g_environ_setenv (g_get_environ (), "ASAN_OPTIONS", no_leaks, TRUE);
    lia_test_hq_start (&hq, args);

    g_assert_true (g_str_has_prefix (hq.base_url, "https://127.0.0.1:"));
  }

  /* The code carries the pin of the key HQ serves with. */
  {
    const char *args[] = { "enrol-code", "--db", hq.db_path, "--operation", OP_A, "--clearance", "public",
                           "--tls-cert", cert, NULL };

    g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
    g_strchomp (code);
    last_dash = strrchr (code, '-');
    g_assert_cmpuint (strlen (last_dash + 1), ==, 44);
    pin = g_strconcat ("sha256//", last_dash + 1, NULL);
  }

  /* libcurl checks the pin the way the field client does. */
  {
    TlsOptions tls = { cert, pin };
    g_autoptr(Response) response = http_full (hq.base_url, "GET", "/api/v1/health", NULL, NULL, &tls);

    g_assert_cmpint (response->result, ==, CURLE_OK);
    g_assert_cmpint (response->status, ==, 200);
  }
  {
    TlsOptions tls = { cert, wrong_pin };
    g_autoptr(Response) response = http_full (hq.base_url, "GET", "/api/v1/health", NULL, NULL, &tls);

    g_assert_cmpint (response->result, ==, CURLE_SSL_PINNEDPUBKEYNOTMATCH);
  }

  /* Enrolment over HTTPS. */
  {
    TlsOptions tls = { cert, pin };
    g_autofree char *json = g_strdup_printf ("{\"code\":\"%s\",\"device_name\":\"tls\"}", code);
    g_autofree char *url = g_strconcat (hq.base_url, "/api/v1/enrol", NULL);
    g_autoptr(GString) body = g_string_new (NULL);
    CURL *curl = curl_easy_init ();
    long status = 0;

    curl_easy_setopt (curl, CURLOPT_URL, url);
    curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
    curl_easy_setopt (curl, CURLOPT_CAINFO, tls.ca_file);
    curl_easy_setopt (curl, CURLOPT_PINNEDPUBLICKEY, tls.pin);
    curl_easy_setopt (curl, CURLOPT_POSTFIELDS, json);
    curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
    curl_easy_setopt (curl, CURLOPT_WRITEDATA, body);
    g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
    curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup (curl);
    g_assert_cmpint (status, ==, 201);
    g_assert_nonnull (strstr (body->str, "\"token\""));
  }

  /* Plain HTTP to the HTTPS port gets nowhere. */
  {
    g_autofree char *plain_url = g_strdup_printf ("http://127.0.0.1:%u", hq.port);
    g_autoptr(Response) response = http_full (plain_url, "GET", "/api/v1/health", NULL, NULL, NULL);

    g_assert_true (response->result != CURLE_OK || response->status != 200);
  }

  lia_test_hq_stop (&hq, SIGTERM);
  lia_test_hq_clear (&hq);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (curl_global_init (CURL_GLOBAL_DEFAULT), ==, CURLE_OK);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/hq-sync/enrol", test_enrol);
  ADD ("/hq-sync/push/replay", test_push_replay);
  ADD ("/hq-sync/push/conflict", test_conflict);
  ADD ("/hq-sync/push/forbidden", test_push_forbidden);
  ADD ("/hq-sync/push/refused-per-change", test_push_refused_per_change);
  ADD ("/hq-sync/push/max-body", test_max_body_option);
  ADD ("/hq-sync/push/append-only", test_push_append_only);
  ADD ("/hq-sync/push/oversize", test_oversize);
  ADD ("/hq-sync/push/malformed", test_malformed_bodies);
  ADD ("/hq-sync/push/kill-9", test_kill_during_push);
  ADD ("/hq-sync/pull/scoping", test_pull_scoping);
  ADD ("/hq-sync/pull/pagination", test_pull_pagination);
  ADD ("/hq-sync/auth/matrix", test_auth_matrix);
  ADD ("/hq-sync/auth/revoke", test_revoke_cli);
  ADD ("/hq-sync/limits/rate", test_rate_limit);
  ADD ("/hq-sync/guidance", test_guidance);

#undef ADD

  g_test_add_func ("/hq-sync/tls", test_tls);

  ret = g_test_run ();

  curl_global_cleanup ();

  return ret;
}
