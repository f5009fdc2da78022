/* test-hq.c — the real liaison-hq daemon, driven over HTTP by libcurl
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-hq.h"
#include "lia-test-util.h"

#include <signal.h>
#include <string.h>

#include <glib/gstdio.h>

#include <curl/curl.h>
#include <json-glib/json-glib.h>

#include "liaison-core.h"

/* Must match LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE: the test speaks to the
 * binary, not to its headers. */
#define MAX_BODY_SIZE (8 * 1024 * 1024)

/* ---- a running daemon ----------------------------------------------------- */

typedef LiaTestHq HqServer;

static void
hq_server_start (HqServer   *server,
                 const char *extra_arg)
{
  const char *args[] = { "--insecure-http", extra_arg, NULL };

  lia_test_hq_start (server, args);
}

static void
hq_server_setup (HqServer      *server,
                 gconstpointer  user_data)
{
  hq_server_start (server, user_data);
}

static void
hq_server_teardown (HqServer      *server,
                    gconstpointer  user_data)
{
  lia_test_hq_clear (server);
}

/* ---- HTTP with libcurl ------------------------------------------------------ */

typedef struct
{
  long     status;
  GString *body;
  GString *headers;
  char    *content_type;
} HttpResponse;

static void
http_response_free (HttpResponse *response)
{
  g_string_free (response->body, TRUE);
  g_string_free (response->headers, TRUE);
  g_free (response->content_type);
  g_free (response);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HttpResponse, http_response_free)

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
  curl_off_t remaining;
} UploadData;

/* An endless supply of zeros, as much as the upload is allowed to take. */
static size_t
read_zeros (char   *buffer,
            size_t  size,
            size_t  nitems,
            void   *user_data)
{
  UploadData *upload = user_data;
  size_t n = MIN ((curl_off_t)(size * nitems), upload->remaining);

  memset (buffer, 0, n);
  upload->remaining -= n;

  return n;
}

typedef enum
{
  UPLOAD_NONE,
  UPLOAD_CONTENT_LENGTH,            /* Expect: 100-continue, as curl does */
  UPLOAD_CONTENT_LENGTH_NO_EXPECT,  /* the whole body, no waiting */
  UPLOAD_CHUNKED,                   /* no size announced */
} UploadMode;

static HttpResponse *
http_request (const char *method,
              const char *url,
              UploadMode  mode,
              curl_off_t  upload_size)
{
  HttpResponse *response = g_new0 (HttpResponse, 1);
  struct curl_slist *headers = NULL;
  UploadData upload = { upload_size };
  char *content_type = NULL;
  CURLcode rc;
  CURL *curl;

  response->body = g_string_new (NULL);
  response->headers = g_string_new (NULL);

  curl = curl_easy_init ();
  g_assert_nonnull (curl);

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_TIMEOUT, 30L);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, response->body);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, response->headers);

  if (g_strcmp0 (method, "HEAD") == 0)
    curl_easy_setopt (curl, CURLOPT_NOBODY, 1L);
  else if (g_strcmp0 (method, "GET") != 0)
    curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, method);

  switch (mode)
    {
    case UPLOAD_NONE:
      break;

    case UPLOAD_CONTENT_LENGTH_NO_EXPECT:
      headers = curl_slist_append (headers, "Expect:");
      G_GNUC_FALLTHROUGH;
    case UPLOAD_CONTENT_LENGTH:
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, upload_size);
      curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_zeros);
      curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
      break;

    case UPLOAD_CHUNKED:
      headers = curl_slist_append (headers, "Expect:");
      headers = curl_slist_append (headers, "Transfer-Encoding: chunked");
      curl_easy_setopt (curl, CURLOPT_POST, 1L);
      curl_easy_setopt (curl, CURLOPT_READFUNCTION, read_zeros);
      curl_easy_setopt (curl, CURLOPT_READDATA, &upload);
      break;

    default:
      g_assert_not_reached ();
    }

  if (headers != NULL)
    curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);

  rc = curl_easy_perform (curl);
  if (rc != CURLE_OK)
    g_error ("%s %s: %s", method, url, curl_easy_strerror (rc));

  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &response->status);
  curl_easy_getinfo (curl, CURLINFO_CONTENT_TYPE, &content_type);
  response->content_type = g_strdup (content_type);

  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  return response;
}

static HttpResponse *
http_get (HqServer   *server,
          const char *path)
{
  g_autofree char *url = g_strconcat (server->base_url, path, NULL);

  return http_request ("GET", url, UPLOAD_NONE, 0);
}

/* The value of a response header, case-insensitively, or NULL. */
static char *
response_header (HttpResponse *response,
                 const char   *name)
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

static JsonObject *
response_json (HttpResponse *response)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  g_assert_cmpstr (response->content_type, ==, "application/json; charset=utf-8");

  json_parser_load_from_data (parser, response->body->str, response->body->len, &error);
  g_assert_no_error (error);

  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static void
assert_json_error (HttpResponse *response,
                   long          status,
                   const char   *code)
{
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (response->status, ==, status);
  object = response_json (response);
  g_assert_cmpstr (json_object_get_string_member (object, "error"), ==, code);
  g_assert_true (json_object_has_member (object, "message"));
  g_assert_cmpstr (json_object_get_string_member (object, "message"), !=, "");
}

static void
assert_health (HqServer *server)
{
  g_autoptr(HttpResponse) response = http_get (server, "/api/v1/health");
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpint (response->status, ==, 200);
  object = response_json (response);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
}

/* Opens the database the way the core does, to see what HQ left behind. */
static guint
db_user_version (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = lia_db_open (path, &error);

  g_assert_no_error (error);

  return lia_db_get_user_version (db);
}

/* ---- the tests ------------------------------------------------------------- */

static void
test_health (HqServer      *server,
             gconstpointer  user_data)
{
  g_autoptr(HttpResponse) response = http_get (server, "/api/v1/health");
  g_autoptr(JsonObject) object = NULL;
  g_autofree char *server_header = NULL;
  g_autofree char *cache_control = NULL;

  g_assert_cmpint (response->status, ==, 200);

  object = response_json (response);
  g_assert_cmpstr (json_object_get_string_member (object, "status"), ==, "ok");
  g_assert_cmpstr (json_object_get_string_member (object, "service"), ==, "liaison-hq");
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, PACKAGE_VERSION);
  g_assert_cmpint (json_object_get_int_member (object, "api"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (object, "schema"), >=, 1);

  /* Our product token only: no libsoup version for whoever probes us. */
  server_header = response_header (response, "Server");
  g_assert_cmpstr (server_header, ==, "liaison-hq/" PACKAGE_VERSION);

  cache_control = response_header (response, "Cache-Control");
  g_assert_cmpstr (cache_control, ==, "no-store");
}

static void
test_health_head (HqServer      *server,
                  gconstpointer  user_data)
{
  g_autofree char *url = g_strconcat (server->base_url, "/api/v1/health", NULL);
  g_autoptr(HttpResponse) response = http_request ("HEAD", url, UPLOAD_NONE, 0);

  g_assert_cmpint (response->status, ==, 200);
  g_assert_cmpuint (response->body->len, ==, 0);
  g_assert_cmpstr (response->content_type, ==, "application/json; charset=utf-8");
}

static void
test_health_wrong_method (HqServer      *server,
                          gconstpointer  user_data)
{
  g_autofree char *url = g_strconcat (server->base_url, "/api/v1/health", NULL);
  g_autoptr(HttpResponse) response = http_request ("DELETE", url, UPLOAD_NONE, 0);
  g_autofree char *allow = NULL;

  assert_json_error (response, 405, "method-not-allowed");

  allow = response_header (response, "Allow");
  g_assert_cmpstr (allow, ==, "GET, HEAD");
}

static void
test_not_found (HqServer      *server,
                gconstpointer  user_data)
{
  g_autoptr(HttpResponse) response = http_get (server, "/nope");
  g_autoptr(JsonObject) object = NULL;
  const char *message;

  assert_json_error (response, 404, "not-found");

  object = response_json (response);
  message = json_object_get_string_member (object, "message");
  g_assert_nonnull (strstr (message, "/nope"));
  g_assert_nonnull (strstr (message, "/api/v1/health"));

  /* A prefix of a real endpoint is not that endpoint. */
  {
    g_autoptr(HttpResponse) below = http_get (server, "/api/v1/health/extra");

    assert_json_error (below, 404, "not-found");
  }
}

static void
test_not_found_long_path (HqServer      *server,
                          gconstpointer  user_data)
{
  g_autoptr(GString) path = g_string_new ("/");
  g_autoptr(HttpResponse) response = NULL;
  g_autoptr(JsonObject) object = NULL;
  const char *message;

  for (guint i = 0; i < 4000; i++)
    g_string_append_c (path, 'a' + i % 26);

  response = http_get (server, path->str);
  assert_json_error (response, 404, "not-found");

  /* The answer echoes a bounded piece of the path, never all of it. */
  object = response_json (response);
  message = json_object_get_string_member (object, "message");
  g_assert_nonnull (strstr (message, "/abcdefghij"));
  g_assert_cmpuint (g_utf8_strlen (message, -1), <, 300);

  /* Bytes that are not UTF-8 still come back as valid JSON. */
  {
    g_autoptr(HttpResponse) binary = http_get (server, "/%FF%FEx");

    assert_json_error (binary, 404, "not-found");
  }

  /* Even what libsoup refuses by itself is answered in JSON. */
  {
    g_autoptr(HttpResponse) nul = http_get (server, "/a%00b");

    assert_json_error (nul, 400, "bad-request");
  }
}

static void
test_body_too_large (HqServer      *server,
                     gconstpointer  user_data)
{
  g_autofree char *url = g_strconcat (server->base_url, "/api/v1/health", NULL);
  const UploadMode modes[] = {
    UPLOAD_CONTENT_LENGTH,
    UPLOAD_CONTENT_LENGTH_NO_EXPECT,
    UPLOAD_CHUNKED,
  };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(HttpResponse) response = NULL;
      g_autoptr(JsonObject) object = NULL;

      g_test_message ("upload mode %u", i);

      response = http_request ("POST", url, modes[i], MAX_BODY_SIZE + 1);
      assert_json_error (response, 413, "too-large");

      object = response_json (response);
      /* The message states the limit, in the units of the limit. */
      g_assert_nonnull (g_strrstr (json_object_get_string_member (object, "message"), "8.0"));
      g_assert_nonnull (g_strrstr (json_object_get_string_member (object, "message"), "MiB"));

      /* Refusing one client leaves the service up for the next. */
      assert_health (server);
    }

  /* At the limit the body is accepted and reaches routing (405 here,
   * since health takes no body), not refused for its size. */
  {
    g_autoptr(HttpResponse) response = http_request ("POST", url, UPLOAD_CONTENT_LENGTH, MAX_BODY_SIZE);

    assert_json_error (response, 405, "method-not-allowed");
  }
}

static void
test_idle_timeout (HqServer      *server,
                   gconstpointer  user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, server->port);
  g_autoptr(GError) error = NULL;
  GSocket *socket;
  gint64 start;
  gssize n;
  char buf[64];

  g_socket_client_set_enable_proxy (client, FALSE);
  connection = g_socket_client_connect (client, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);

  /* Say nothing: the server (started with --idle-timeout 1) must hang up
   * long before our own 10 s guard. */
  socket = g_socket_connection_get_socket (connection);
  g_socket_set_timeout (socket, 10);
  start = g_get_monotonic_time ();
  n = g_socket_receive (socket, buf, sizeof buf, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 8 * G_USEC_PER_SEC);

  assert_health (server);
}

static void
check_stop (HqServer *server,
            int       signum)
{
  g_autoptr(HttpResponse) response = http_get (server, "/api/v1/health");
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3) db = NULL;
  g_autofree char *wal = NULL;
  gint64 schema;
  sqlite3_stmt *stmt = NULL;

  object = response_json (response);
  schema = json_object_get_int_member (object, "schema");

  lia_test_hq_stop (server, signum);

  /* The write-ahead log was folded back: one self-contained file. */
  wal = g_strconcat (server->db_path, "-wal", NULL);
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      GStatBuf st;

      g_assert_cmpint (g_stat (wal, &st), ==, 0);
      g_assert_cmpint (st.st_size, ==, 0);
    }

  g_assert_cmpuint (db_user_version (server->db_path), ==, schema);

  db = lia_db_open (server->db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT d.id, d.operation, d.clearance, d.token_hash,"
                                       "       d.enrolled_at, d.revoked_at, o.name"
                                       "  FROM devices d JOIN operations o ON o.id = d.operation",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_exec (db, "PRAGMA integrity_check", NULL, NULL, NULL), ==, SQLITE_OK);
}

static void
test_stop_sigterm (HqServer      *server,
                   gconstpointer  user_data)
{
  check_stop (server, SIGTERM);
}

static void
test_stop_sigint (HqServer      *server,
                  gconstpointer  user_data)
{
  check_stop (server, SIGINT);
}

/* A restart reopens the same file without migrating it again. */
static void
test_restart (HqServer      *server,
              gconstpointer  user_data)
{
  guint version;

  lia_test_hq_stop (server, SIGTERM);
  version = db_user_version (server->db_path);
  g_clear_object (&server->process);
  g_clear_pointer (&server->base_url, g_free);

  hq_server_start (server, NULL);
  assert_health (server);
  lia_test_hq_stop (server, SIGTERM);

  g_assert_cmpuint (db_user_version (server->db_path), ==, version);
}

static void
test_port_in_use (HqServer      *server,
                  gconstpointer  user_data)
{
  g_autofree char *tmpdir = lia_test_hq_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "other.db", NULL);
  g_autofree char *port = g_strdup_printf ("%u", server->port);
  g_autofree char *err = NULL;
  const char *args[] = { "serve", "--db", db_path, "--port", port, "--insecure-http", NULL };

  g_assert_cmpint (lia_test_hq_run (args, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, port));

  lia_test_remove_tree (tmpdir);
  assert_health (server);
}

static void
test_version (void)
{
  g_autofree char *out = NULL;
  const char *args[] = { "--version", NULL };

  g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "liaison-hq " PACKAGE_VERSION "\n");
}

static void
test_help (void)
{
  const char *forms[][3] = {
    { "help", NULL },
    { "--help", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autofree char *out = NULL;

      g_assert_cmpint (lia_test_hq_run (forms[i], &out, NULL), ==, 0);
      g_assert_nonnull (strstr (out, "serve"));
      g_assert_nonnull (strstr (out, "TLS reverse proxy"));
    }

  {
    g_autofree char *out = NULL;
    const char *args[] = { "help", "serve", NULL };

    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
    g_assert_nonnull (strstr (out, "--db"));
    g_assert_nonnull (strstr (out, "--port"));
    g_assert_nonnull (strstr (out, "TLS reverse proxy"));
  }
}

typedef struct
{
  const char *args[12];
  const char *mentions;
} UsageCase;

static void
test_usage_errors (void)
{
  g_autofree char *tmpdir = lia_test_hq_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "hq.db", NULL);
  const UsageCase cases[] = {
    { { NULL }, "command" },
    { { "frobnicate", NULL }, "frobnicate" },
    { { "help", "frobnicate", NULL }, "frobnicate" },
    { { "--bogus", NULL }, "--bogus" },
    { { "serve", NULL }, "--db" },
    { { "serve", "--db", db_path, "--bogus", NULL }, "--bogus" },
    { { "serve", "--db", db_path, "--port", "70000", NULL }, "--port" },
    { { "serve", "--db", db_path, "--port", "-1", NULL }, "--port" },
    { { "serve", "--db", db_path, "--port", "eighty", NULL }, "--port" },
    { { "serve", "--db", db_path, "--listen", "hq.example.org", NULL }, "--listen" },
    { { "serve", "--db", db_path, "--idle-timeout", "0", NULL }, "--idle-timeout" },
    { { "serve", "--db", db_path, "stray", NULL }, "stray" },
    { { "serve", "--db", db_path, NULL }, "--insecure-http" },
    { { "serve", "--db", db_path, "--tls-cert", "cert.pem", NULL }, "--tls-key" },
    { { "serve", "--db", db_path, "--tls-key", "key.pem", NULL }, "--tls-cert" },
    { { "serve", "--db", db_path, "--tls-cert", "c.pem", "--tls-key", "k.pem", "--insecure-http", NULL }, "not both" },
    { { "serve", "--db", db_path, "--insecure-http", "--rate-limit", "0", NULL }, "--rate-limit" },
    { { "enrol-code", "--db", db_path, "--clearance", "public", NULL }, "--operation" },
    { { "enrol-code", "--db", db_path, "--operation", "op a", "--clearance", "public", NULL }, "--operation" },
    { { "enrol-code", "--db", db_path, "--operation", "*", "--clearance", "public", NULL }, "--operation" },
    { { "enrol-code", "--db", db_path, "--operation", "op-a", NULL }, "--clearance" },
    { { "enrol-code", "--db", db_path, "--operation", "op-a", "--clearance", "secret", NULL }, "--clearance" },
    { { "enrol-code", "--db", db_path, "--operation", "op-a", "--clearance", "public", "--expires", "0", NULL }, "--expires" },
    { { "enrol-code", "--db", db_path, "--operation", "op-a", "--clearance", "public", "--token-days", "0", NULL }, "--token-days" },
    { { "enrol-code", "--operation", "op-a", "--clearance", "public", NULL }, "--db" },
    { { "devices", NULL }, "--db" },
    { { "devices", "--db", db_path, "extra", NULL }, "extra" },
    { { "revoke", "--db", db_path, NULL }, "DEVICE" },
    { { "publish-guidance", "--db", db_path, NULL }, "PACK" },
    { { "publish-directory", "--db", db_path, NULL }, "FILE" },
    { { "publish-directory", "--db", db_path, "dir.json", "--sensitivity", "secret", NULL }, "--sensitivity" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_test_message ("case %u: %s", i, cases[i].mentions);

      g_assert_cmpint (lia_test_hq_run (cases[i].args, &out, &err), ==, 2);
      g_assert_nonnull (strstr (err, cases[i].mentions));
      g_assert_cmpstr (out, ==, "");
    }

  /* A mistake on the command line never creates a database. */
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  lia_test_remove_tree (tmpdir);
}

static char *
checksum_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
}

static void
test_schema_too_new (void)
{
  g_autofree char *tmpdir = lia_test_hq_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "hq.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "serve", "--db", db_path, "--port", "0", "--insecure-http", NULL };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(sqlite3) db = lia_db_open (db_path, &error);

    g_assert_no_error (error);
    g_assert_true (lia_db_exec (db, "CREATE TABLE future (x); PRAGMA user_version = 999;", &error));
    g_assert_no_error (error);
  }
  before = checksum_file (db_path);

  g_assert_cmpint (lia_test_hq_run (args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "newer"));
  g_assert_nonnull (strstr (err, "hq.db"));
  g_assert_null (strstr (out, "Listening"));

  after = checksum_file (db_path);
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpuint (db_user_version (db_path), ==, 999);

  lia_test_remove_tree (tmpdir);
}

/* Plain HTTP only on loopback, and only when asked for: refused before
 * binding, so nothing ever listens beyond loopback here (192.0.2.1 is
 * TEST-NET-1, never assigned to this machine). */
static void
test_tls_required (void)
{
  g_autofree char *tmpdir = lia_test_hq_make_tmpdir ();
  g_autofree char *db_path = g_build_filename (tmpdir, "hq.db", NULL);

  {
    g_autofree char *err = NULL;
    const char *args[] = { "serve", "--db", db_path, "--listen", "192.0.2.1", "--port", "0", NULL };

    g_assert_cmpint (lia_test_hq_run (args, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "--tls-cert"));
    g_assert_nonnull (strstr (err, "--insecure-http"));
  }

  {
    g_autofree char *err = NULL;
    const char *args[] = { "serve", "--db", db_path, "--listen", "192.0.2.1", "--port", "0",
                           "--insecure-http", NULL };

    g_assert_cmpint (lia_test_hq_run (args, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "not a loopback address"));
    g_assert_nonnull (strstr (err, "TLS reverse proxy"));
  }

  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  lia_test_remove_tree (tmpdir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_assert_cmpint (curl_global_init (CURL_GLOBAL_DEFAULT), ==, CURLE_OK);

#define ADD_SERVER_TEST(path, func, extra_arg) \
  g_test_add (path, HqServer, extra_arg, hq_server_setup, func, hq_server_teardown)

  ADD_SERVER_TEST ("/hq/health", test_health, NULL);
  ADD_SERVER_TEST ("/hq/health/head", test_health_head, NULL);
  ADD_SERVER_TEST ("/hq/health/wrong-method", test_health_wrong_method, NULL);
  ADD_SERVER_TEST ("/hq/not-found", test_not_found, NULL);
  ADD_SERVER_TEST ("/hq/not-found/long-path", test_not_found_long_path, NULL);
  ADD_SERVER_TEST ("/hq/limits/body-too-large", test_body_too_large, NULL);
  ADD_SERVER_TEST ("/hq/limits/idle-timeout", test_idle_timeout, "--idle-timeout=1");
  ADD_SERVER_TEST ("/hq/stop/sigterm", test_stop_sigterm, NULL);
  ADD_SERVER_TEST ("/hq/stop/sigint", test_stop_sigint, NULL);
  ADD_SERVER_TEST ("/hq/stop/restart", test_restart, NULL);
  ADD_SERVER_TEST ("/hq/serve/port-in-use", test_port_in_use, NULL);

#undef ADD_SERVER_TEST

  g_test_add_func ("/hq/cli/version", test_version);
  g_test_add_func ("/hq/cli/help", test_help);
  g_test_add_func ("/hq/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/hq/cli/tls-required", test_tls_required);
  g_test_add_func ("/hq/store/schema-too-new", test_schema_too_new);

  ret = g_test_run ();

  curl_global_cleanup ();

  return ret;
}
