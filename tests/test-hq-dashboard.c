/* test-hq-dashboard.c — the HQ dashboard of the real liaison-hq, as a
 * browser would use it (libcurl with a cookie jar)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every test runs `liaison-hq serve --port 0 --insecure-http` on
 * 127.0.0.1, creates HQ users with `liaison-hq user add`, and fills HQ the
 * way the field does: devices enrolled with codes from `liaison-hq
 * enrol-code` push records through the sync API.
 */
#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <json-glib/json-glib.h>

#include "liaison-core.h"
#include "lia-test-hq.h"
#include "lia-test-util.h"

#define OP_A "op-korvania"
#define OP_B "op-tarvik"

#define AUTHOR "6f1c2a3e-0b7d-4c55-9e61-2d8f0a7b9c11"

#define PASSWORD "correct horse battery"

#define CSP "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " \
            "frame-ancestors 'none'; base-uri 'none'"

typedef struct
{
  LiaTestHq hq;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  user_data)
{
  const char * const *extra = user_data;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  g_ptr_array_add (args, (gpointer)"--insecure-http");
  g_ptr_array_add (args, (gpointer)"--rate-limit");
  g_ptr_array_add (args, (gpointer)"100000");
  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer)extra[i]);
  g_ptr_array_add (args, NULL);

  lia_test_hq_start (&f->hq, (const char * const *)args->pdata);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  user_data)
{
  lia_test_hq_clear (&f->hq);
}

/* ---- HQ users ------------------------------------------------------------------ */

/* `liaison-hq user add` with the password on stdin, as an administrator
 * would pipe it; returns the exit status. */
static int
user_add_stdin (Fixture    *f,
                const char *name,
                const char *operation,
                const char *clearance,
                const char *password_line,
                char      **err)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                              lia_test_hq_binary (), "user", "add", name, "--db", f->hq.db_path,
                              "--operation", operation, "--clearance", clearance, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, password_line, NULL, &out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  return g_subprocess_get_exit_status (process);
}

static void
add_user (Fixture    *f,
          const char *name,
          const char *operation,
          const char *clearance)
{
  g_autofree char *err = NULL;

  g_assert_cmpint (user_add_stdin (f, name, operation, clearance, PASSWORD "\n", &err), ==, 0);
}

/* ---- the field: devices pushing records ------------------------------------------- */

typedef struct
{
  char *id;
  char *authorization;
  gint64 batch_seq;
} Device;

static void
device_clear (Device *device)
{
  g_clear_pointer (&device->id, g_free);
  g_clear_pointer (&device->authorization, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Device, device_clear)

static size_t
append_to_gstring (char   *data,
                   size_t  size,
                   size_t  nmemb,
                   void   *user_data)
{
  g_string_append_len (user_data, data, size * nmemb);
  return size * nmemb;
}

/* A JSON or gzip POST to the sync API; the answer's body. */
static char *
api_post (Fixture    *f,
          const char *path,
          const char *authorization,
          GBytes     *body,
          gboolean    gzipped,
          long        expected_status)
{
  g_autofree char *url = g_strconcat (f->hq.base_url, path, NULL);
  g_autofree char *auth = authorization != NULL ? g_strconcat ("Authorization: ", authorization, NULL) : NULL;
  GString *answer = g_string_new (NULL);
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  long status = 0;

  headers = curl_slist_append (headers, "Content-Type: application/json");
  headers = curl_slist_append (headers, "Expect:");
  if (gzipped)
    headers = curl_slist_append (headers, "Content-Encoding: gzip");
  if (auth != NULL)
    headers = curl_slist_append (headers, auth);

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)g_bytes_get_size (body));
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, g_bytes_get_data (body, NULL));
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  g_assert_cmpint (status, ==, expected_status);

  return g_string_free (answer, FALSE);
}

/* Uploads an attachment's bytes as a device does; returns its SHA-256. */
static char *
put_blob (Fixture    *f,
          Device     *device,
          const char *contents)
{
  char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
  g_autofree char *url = g_strconcat (f->hq.base_url, "/api/v1/blobs/", sha256, NULL);
  g_autofree char *auth = g_strconcat ("Authorization: ", device->authorization, NULL);
  g_autoptr(GString) answer = g_string_new (NULL);
  struct curl_slist *headers = NULL;
  CURL *curl = curl_easy_init ();
  long status = 0;

  headers = curl_slist_append (headers, "Content-Type: application/octet-stream");
  headers = curl_slist_append (headers, "Expect:");
  headers = curl_slist_append (headers, auth);
  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (curl, CURLOPT_CUSTOMREQUEST, "PUT");
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long)strlen (contents));
  curl_easy_setopt (curl, CURLOPT_POSTFIELDS, contents);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, answer);
  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &status);
  curl_slist_free_all (headers);
  curl_easy_cleanup (curl);

  g_assert_cmpint (status, ==, 201);

  return sha256;
}

static void
enrol (Fixture    *f,
       const char *operation,
       const char *name,
       Device     *device)
{
  g_autofree char *code = NULL;
  g_autofree char *json = NULL;
  g_autofree char *answer = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  const char *args[] = { "enrol-code", "--db", f->hq.db_path, "--operation", operation,
                         "--clearance", "strictly-confidential", NULL };

  g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
  g_strchomp (code);

  json = g_strdup_printf ("{\"code\":\"%s\",\"device_name\":\"%s\"}", code, name);
  body = g_bytes_new (json, strlen (json));
  answer = api_post (f, "/api/v1/enrol", NULL, body, FALSE, 201);

  json_parser_load_from_data (parser, answer, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  device->id = g_strdup (json_object_get_string_member (object, "device_id"));
  device->authorization = g_strconcat ("Bearer ", json_object_get_string_member (object, "token"), NULL);
  device->batch_seq = 0;
}

/* Pushes one record as a field device would; returns its uuid. */
static char *
push_record (Fixture        *f,
             Device         *device,
             const char     *record_type,
             const char     *operation,
             LiaSensitivity  sensitivity,
             const char     *body)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_sync_change_free);
  g_autoptr(GBytes) gzipped = NULL;
  g_autofree char *answer = NULL;
  LiaSyncChange *change = g_new0 (LiaSyncChange, 1);
  char *uuid = g_uuid_string_random ();
  g_autoptr(JsonParser) parser = json_parser_new ();

  /* The body must be valid JSON, or HQ refuses the batch. */
  g_assert_true (json_parser_load_from_data (parser, body, -1, NULL));

  change->uuid = g_strdup (uuid);
  change->record_type = g_strdup (record_type);
  change->operation = g_strdup (operation);
  change->sensitivity = sensitivity;
  change->revision = 1;
  change->author_device = g_strdup (AUTHOR);
  change->changed_at = g_strdup ("2026-11-29T10:00:00.000000Z");
  change->body = g_strdup (body);
  change->seq = ++device->batch_seq;
  g_ptr_array_add (changes, change);

  gzipped = lia_sync_encode_push (device->id, device->batch_seq, changes);
  answer = api_post (f, "/api/v1/push", device->authorization, gzipped, TRUE, 200);

  return uuid;
}

static char *
report_body (const char *kind,
             const char *title,
             const char *language,
             const char *extra)
{
  return g_strdup_printf ("{\"kind\":\"%s\",\"title\":\"%s\",\"status\":\"submitted\","
                          "\"submitted_at\":\"2026-11-28T16:00:00.000000Z\","
                          "\"period_start\":\"2026-11-20\",\"period_end\":\"2026-11-27\","
                          "\"language\":\"%s\"%s%s}",
                          kind, title, language, extra != NULL ? "," : "", extra != NULL ? extra : "");
}

/* ---- a browser: libcurl with a cookie jar ------------------------------------------ */

typedef struct
{
  CURL    *curl;
  Fixture *f;
  char    *language;   /* Accept-Language */
} Browser;

typedef struct
{
  long     status;
  GString *body;
  GString *headers;
} Page;

static void
page_free (Page *page)
{
  g_string_free (page->body, TRUE);
  g_string_free (page->headers, TRUE);
  g_free (page);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Page, page_free)

static Browser *
browser_new (Fixture *f)
{
  Browser *browser = g_new0 (Browser, 1);

  browser->f = f;
  browser->curl = curl_easy_init ();
  /* An empty file name turns the cookie engine on, in memory. */
  curl_easy_setopt (browser->curl, CURLOPT_COOKIEFILE, "");
  curl_easy_setopt (browser->curl, CURLOPT_NOPROXY, "*");
  curl_easy_setopt (browser->curl, CURLOPT_TIMEOUT, 60L);

  return browser;
}

static void
browser_free (Browser *browser)
{
  curl_easy_cleanup (browser->curl);
  g_free (browser->language);
  g_free (browser);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Browser, browser_free)

/* GET when @form is NULL, else a urlencoded POST of @form.  Redirects
 * are not followed: tests look at them. */
static Page *
browser_request (Browser    *browser,
                 const char *path,
                 const char *form)
{
  g_autofree char *url = g_strconcat (browser->f->hq.base_url, path, NULL);
  g_autofree char *accept = g_strconcat ("Accept-Language: ",
                                         browser->language != NULL ? browser->language : "en", NULL);
  struct curl_slist *headers = curl_slist_append (NULL, accept);
  Page *page = g_new0 (Page, 1);
  CURL *curl = browser->curl;

  page->body = g_string_new (NULL);
  page->headers = g_string_new (NULL);

  curl_easy_setopt (curl, CURLOPT_URL, url);
  curl_easy_setopt (curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (curl, CURLOPT_WRITEFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_WRITEDATA, page->body);
  curl_easy_setopt (curl, CURLOPT_HEADERFUNCTION, append_to_gstring);
  curl_easy_setopt (curl, CURLOPT_HEADERDATA, page->headers);
  if (form != NULL)
    {
      curl_easy_setopt (curl, CURLOPT_POSTFIELDSIZE, (long)strlen (form));
      curl_easy_setopt (curl, CURLOPT_COPYPOSTFIELDS, form);
    }
  else
    curl_easy_setopt (curl, CURLOPT_HTTPGET, 1L);

  g_assert_cmpint (curl_easy_perform (curl), ==, CURLE_OK);
  curl_easy_getinfo (curl, CURLINFO_RESPONSE_CODE, &page->status);
  curl_slist_free_all (headers);

  return page;
}

static char *
page_header (Page       *page,
             const char *name)
{
  g_auto(GStrv) lines = g_strsplit (page->headers->str, "\r\n", -1);
  g_autofree char *prefix = g_strconcat (name, ":", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (lines[i], prefix, strlen (prefix)) == 0)
        return g_strstrip (g_strdup (lines[i] + strlen (prefix)));
    }

  return NULL;
}

static gboolean
page_has (Page       *page,
          const char *text)
{
  return strstr (page->body->str, text) != NULL;
}

/* The value of the first hidden csrf field of the page. */
static char *
page_csrf (Page *page)
{
  g_autoptr(GRegex) regex = g_regex_new ("name=\"csrf\" value=\"([A-Za-z0-9_-]+)\"", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, page->body->str, 0, &match))
    return NULL;

  return g_match_info_fetch (match, 1);
}

static char *
form_encode (const char *first_name,
             ...)
{
  GString *form = g_string_new (NULL);
  const char *name = first_name;
  va_list args;

  va_start (args, first_name);
  while (name != NULL)
    {
      const char *value = va_arg (args, const char *);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);

      if (form->len > 0)
        g_string_append_c (form, '&');
      g_string_append_printf (form, "%s=%s", name, escaped);
      name = va_arg (args, const char *);
    }
  va_end (args);

  return g_string_free (form, FALSE);
}

static Page *
sign_in_as (Browser    *browser,
            const char *name,
            const char *password)
{
  g_autoptr(Page) form_page = browser_request (browser, "/dashboard/sign-in", NULL);
  g_autofree char *csrf = page_csrf (form_page);
  g_autofree char *form = NULL;

  g_assert_cmpint (form_page->status, ==, 200);
  g_assert_nonnull (csrf);
  form = form_encode ("csrf", csrf, "name", name, "password", password, NULL);

  return browser_request (browser, "/dashboard/sign-in", form);
}

static Browser *
signed_in (Fixture    *f,
           const char *name)
{
  Browser *browser = browser_new (f);
  g_autoptr(Page) page = sign_in_as (browser, name, PASSWORD);
  g_autofree char *location = page_header (page, "Location");

  g_assert_cmpint (page->status, ==, 303);
  g_assert_cmpstr (location, ==, "/dashboard/");

  return browser;
}

static void
assert_redirected_to_sign_in (Page *page)
{
  g_autofree char *location = page_header (page, "Location");

  g_assert_cmpint (page->status, ==, 303);
  g_assert_cmpstr (location, ==, "/dashboard/sign-in");
}

/* ---- tests --------------------------------------------------------------------- */

static void
test_user_add (Fixture       *f,
               gconstpointer  user_data)
{
  g_autofree char *err = NULL;
  g_autofree char *out = NULL;
  g_autofree char *password_file = g_build_filename (f->hq.tmpdir, "password", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  JsonArray *users;

  /* From stdin. */
  g_assert_cmpint (user_add_stdin (f, "amina", OP_A, "confidential", PASSWORD "\n", &err), ==, 0);

  /* From a file, for several operations. */
  g_file_set_contents (password_file, "another long password\n", -1, &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "user", "add", "hq-im", "--db", f->hq.db_path, "--operation", OP_A,
                           "--operation", OP_B, "--clearance", "restricted", "--password-file", password_file, NULL };

    g_assert_cmpint (lia_test_hq_run (args, NULL, NULL), ==, 0);
  }

  /* Never as an argument; never short; never twice. */
  {
    const char *args[] = { "user", "add", "omar", "--db", f->hq.db_path, "--operation", "*",
                           "--clearance", "public", "--password", PASSWORD, NULL };

    g_assert_cmpint (lia_test_hq_run (args, NULL, NULL), ==, 2);
  }
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (user_add_stdin (f, "omar", "*", "public", "short\n", &err), ==, 1);
  g_assert_nonnull (strstr (err, "at least") != NULL ? err : strstr (err, "10"));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (user_add_stdin (f, "amina", OP_A, "public", PASSWORD "\n", &err), ==, 1);
  g_assert_nonnull (strstr (err, "already"));

  {
    const char *args[] = { "user", "list", "--db", f->hq.db_path, "--json", NULL };

    g_assert_cmpint (lia_test_hq_run (args, &out, NULL), ==, 0);
  }
  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  users = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (users), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (users, 0), "name"), ==, "amina");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (users, 0), "clearance"), ==,
                   "confidential");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_array_get_object_element (users, 1),
                                                                           "operations")), ==, 2);

  /* Only an Argon2id hash is kept, never the password. */
  db = lia_db_open (f->hq.db_path, &error);
  g_assert_no_error (error);
  stmt = lia_db_prepare (db, "SELECT password_hash FROM hq_users WHERE name = 'amina'", &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_true (g_str_has_prefix ((const char *)sqlite3_column_text (stmt, 0), "$argon2id$"));
  g_assert_null (strstr ((const char *)sqlite3_column_text (stmt, 0), "horse"));
}

static void
test_sign_in (Fixture       *f,
              gconstpointer  user_data)
{
  g_autoptr(Browser) browser = browser_new (f);
  g_autoptr(Page) anonymous = NULL;
  g_autoptr(Page) wrong = NULL;
  g_autoptr(Page) unknown = NULL;
  g_autoptr(Page) forged = NULL;
  g_autoptr(Page) right = NULL;
  g_autoptr(Page) inbox = NULL;
  g_autoptr(Page) style = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *csp = NULL;
  g_autofree char *nosniff = NULL;
  g_autofree char *referrer = NULL;
  g_autofree char *style_type = NULL;

  add_user (f, "amina", OP_A, "confidential");

  anonymous = browser_request (browser, "/dashboard/", NULL);
  assert_redirected_to_sign_in (anonymous);

  /* A wrong password and an unknown name get the same answer. */
  wrong = sign_in_as (browser, "amina", "not the password");
  g_assert_cmpint (wrong->status, ==, 401);
  g_assert_true (page_has (wrong, "The user name or the password is wrong."));
  g_assert_null (strstr (wrong->headers->str, "lia_session="));
  unknown = sign_in_as (browser, "nobody", "not the password");
  g_assert_cmpint (unknown->status, ==, 401);
  g_assert_true (page_has (unknown, "The user name or the password is wrong."));

  /* A sign-in form that did not come from this browser's page. */
  {
    g_autoptr(Browser) other = browser_new (f);
    g_autofree char *form = form_encode ("csrf", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                                         "name", "amina", "password", PASSWORD, NULL);

    forged = browser_request (other, "/dashboard/sign-in", form);
    g_assert_cmpint (forged->status, ==, 403);
    g_assert_null (strstr (forged->headers->str, "lia_session="));
  }

  right = sign_in_as (browser, "amina", PASSWORD);
  g_assert_cmpint (right->status, ==, 303);
  g_assert_nonnull (strstr (right->headers->str, "Set-Cookie: lia_session="));
  {
    g_auto(GStrv) lines = g_strsplit (right->headers->str, "\r\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      if (g_str_has_prefix (lines[i], "Set-Cookie: lia_session="))
        cookie = g_strdup (lines[i]);
  }
  g_assert_nonnull (strstr (cookie, "; HttpOnly"));
  g_assert_nonnull (strstr (cookie, "; SameSite=Strict"));
  g_assert_nonnull (strstr (cookie, "; Path=/dashboard"));
  g_assert_null (strstr (cookie, "Secure"));   /* plain HTTP on loopback */

  inbox = browser_request (browser, "/dashboard/", NULL);
  g_assert_cmpint (inbox->status, ==, 200);
  g_assert_true (page_has (inbox, "<h1>Inbox</h1>"));
  g_assert_true (page_has (inbox, "amina"));

  csp = page_header (inbox, "Content-Security-Policy");
  nosniff = page_header (inbox, "X-Content-Type-Options");
  referrer = page_header (inbox, "Referrer-Policy");
  g_assert_cmpstr (csp, ==, CSP);
  g_assert_cmpstr (nosniff, ==, "nosniff");
  g_assert_cmpstr (referrer, ==, "no-referrer");
  /* No script, no inline style, nothing from elsewhere. */
  g_assert_false (page_has (inbox, "<script"));
  g_assert_false (page_has (inbox, "style="));
  g_assert_false (page_has (inbox, "http://"));
  g_assert_false (page_has (inbox, "https://"));

  style = browser_request (browser, "/dashboard/style.css", NULL);
  style_type = page_header (style, "Content-Type");
  g_assert_cmpint (style->status, ==, 200);
  g_assert_cmpstr (style_type, ==, "text/css; charset=utf-8");
  g_assert_true (page_has (style, "prefers-color-scheme: dark"));
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  user_data)
{
  g_autoptr(Browser) browser = browser_new (f);
  long last = 0;

  add_user (f, "amina", OP_A, "confidential");

  /* Ten tries a minute per name, then one every six seconds: a slow
   * machine may earn one or two more while Argon2id runs. */
  for (guint i = 0; i < 30 && last != 429; i++)
    {
      g_autoptr(Page) page = sign_in_as (browser, "amina", "guess");

      last = page->status;
      if (i < 10)
        g_assert_cmpint (last, ==, 401);
    }
  g_assert_cmpint (last, ==, 429);

  {
    g_autoptr(Page) page = sign_in_as (browser, "amina", PASSWORD);
    g_autofree char *retry = page_header (page, "Retry-After");

    /* Even the right password waits: guessing must not tell. */
    g_assert_cmpint (page->status, ==, 429);
    g_assert_nonnull (retry);
  }
}

static void
test_csrf_and_sign_out (Fixture       *f,
                        gconstpointer  user_data)
{
  g_autoptr(Browser) browser = NULL;
  g_autoptr(Page) inbox = NULL;
  g_autofree char *csrf = NULL;

  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");
  inbox = browser_request (browser, "/dashboard/", NULL);
  csrf = page_csrf (inbox);
  g_assert_nonnull (csrf);

  /* No token, a wrong one, another session's: refused, nothing done. */
  {
    g_autoptr(Page) none = browser_request (browser, "/dashboard/sign-out", "");
    g_autoptr(Page) wrong = browser_request (browser, "/dashboard/sign-out",
                                             "csrf=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    g_autoptr(Browser) other = signed_in (f, "amina");
    g_autoptr(Page) other_inbox = browser_request (other, "/dashboard/", NULL);
    g_autofree char *other_csrf = page_csrf (other_inbox);
    g_autofree char *form = form_encode ("csrf", other_csrf, NULL);
    g_autoptr(Page) crossed = browser_request (browser, "/dashboard/sign-out", form);
    g_autoptr(Page) still = browser_request (browser, "/dashboard/", NULL);

    g_assert_cmpint (none->status, ==, 403);
    g_assert_cmpint (wrong->status, ==, 403);
    g_assert_cmpstr (csrf, !=, other_csrf);
    g_assert_cmpint (crossed->status, ==, 403);
    g_assert_cmpint (still->status, ==, 200);
  }

  /* With the token: signed out, and the session is gone at HQ too. */
  {
    g_autofree char *form = form_encode ("csrf", csrf, NULL);
    g_autoptr(Page) out = browser_request (browser, "/dashboard/sign-out", form);
    g_autoptr(Page) after = browser_request (browser, "/dashboard/", NULL);

    assert_redirected_to_sign_in (out);
    assert_redirected_to_sign_in (after);
  }
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(sqlite3) db = lia_db_open (f->hq.db_path, &error);
    g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (db, "SELECT count(*) FROM hq_sessions", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);   /* only the other browser's */
  }
}

static void
test_user_remove (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(Browser) browser = NULL;
  g_autoptr(Page) before = NULL;
  g_autoptr(Page) after = NULL;
  const char *args[] = { "user", "remove", "amina", "--db", f->hq.db_path, NULL };
  const char *again[] = { "user", "remove", "amina", "--db", f->hq.db_path, NULL };

  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");
  before = browser_request (browser, "/dashboard/", NULL);
  g_assert_cmpint (before->status, ==, 200);

  /* Removed while the daemon runs: the open session ends at once. */
  g_assert_cmpint (lia_test_hq_run (args, NULL, NULL), ==, 0);
  after = browser_request (browser, "/dashboard/", NULL);
  assert_redirected_to_sign_in (after);
  g_assert_cmpint (lia_test_hq_run (again, NULL, NULL), ==, 1);
}

static const char * const short_idle[] = { "--session-idle", "2", NULL };
static const char * const short_max[] = { "--session-idle", "100", "--session-max", "3", NULL };

static void
test_session_idle (Fixture       *f,
                   gconstpointer  user_data)
{
  g_autoptr(Browser) browser = NULL;
  g_autoptr(Page) fresh = NULL;
  g_autoptr(Page) stale = NULL;

  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");

  fresh = browser_request (browser, "/dashboard/", NULL);
  g_assert_cmpint (fresh->status, ==, 200);

  g_usleep (3500 * G_TIME_SPAN_MILLISECOND);
  stale = browser_request (browser, "/dashboard/", NULL);
  assert_redirected_to_sign_in (stale);
}

static void
test_session_max (Fixture       *f,
                  gconstpointer  user_data)
{
  g_autoptr(Browser) browser = NULL;
  gint64 start;
  gboolean ended = FALSE;

  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");
  start = g_get_monotonic_time ();

  /* Busy all along, and still it ends. */
  while (g_get_monotonic_time () - start < 6 * G_USEC_PER_SEC)
    {
      g_autoptr(Page) page = browser_request (browser, "/dashboard/", NULL);

      if (page->status == 303)
        {
          ended = TRUE;
          g_assert_cmpint (g_get_monotonic_time () - start, >=, 1 * G_USEC_PER_SEC);
          break;
        }
      g_assert_cmpint (page->status, ==, 200);
      g_usleep (500 * G_TIME_SPAN_MILLISECOND);
    }
  g_assert_true (ended);
}

typedef struct
{
  char *public_sitrep;
  char *confidential_aar;
  char *strict_report;
  char *other_operation;
  char *actor;
} Records;

static void
records_clear (Records *records)
{
  g_free (records->public_sitrep);
  g_free (records->confidential_aar);
  g_free (records->strict_report);
  g_free (records->other_operation);
  g_free (records->actor);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Records, records_clear)

static void
push_records (Fixture *f,
              Records *records)
{
  g_auto(Device) device_a = { 0 };
  g_auto(Device) device_b = { 0 };
  g_autofree char *sitrep = report_body ("sitrep", "Weekly sitrep north", "en",
                                         "\"developments\":\"Roads reopened near Qalmar after the rains.\","
                                         "\"lessons\":[{\"text\":\"Share convoy plans 48 h ahead\","
                                         "\"tags\":[\"notification\",\"access\"]}]");
  g_autofree char *aar = report_body ("aar", "Convoy AAR", "en",
                                      "\"event\":\"Convoy to Deir Alun\",\"happened\":\"Stopped at a checkpoint\","
                                      "\"lessons\":[{\"text\":\"Carry the signed letter\",\"tags\":[\"access\"]}]");
  g_autofree char *strict = report_body ("followup", "Strict followup", "en",
                                         "\"outcome\":\"Names of informants zephyrine\"");
  g_autofree char *other = report_body ("sitrep", "Tarvik sitrep", "en", "\"developments\":\"Quiet\"");

  enrol (f, OP_A, "Laptop North", &device_a);
  enrol (f, OP_B, "Laptop Tarvik", &device_b);

  records->public_sitrep = push_record (f, &device_a, "report", OP_A, LIA_SENSITIVITY_PUBLIC, sitrep);
  records->confidential_aar = push_record (f, &device_a, "report", OP_A, LIA_SENSITIVITY_CONFIDENTIAL, aar);
  records->strict_report = push_record (f, &device_a, "report", OP_A, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL, strict);
  records->other_operation = push_record (f, &device_b, "report", OP_B, LIA_SENSITIVITY_PUBLIC, other);
  records->actor = push_record (f, &device_a, "actor", OP_A, LIA_SENSITIVITY_RESTRICTED,
                                "{\"name\":\"Northern Ridge Front\",\"type\":\"rebel-group\",\"influence\":7,"
                                "\"contacts\":[{\"name\":\"Commander Zorbanian\",\"channel\":\"phone\","
                                "\"value\":\"+000 555 0199\",\"sensitivity\":\"strictly-confidential\"},"
                                "{\"name\":\"Liaison office\",\"channel\":\"radio\",\"sensitivity\":\"restricted\"}]}");
}

/* @path_pattern with its "%s" (if any) replaced by @argument. */
static Page *
get (Browser    *browser,
     const char *path_pattern,
     const char *argument)
{
  g_auto(GStrv) parts = g_strsplit (path_pattern, "%s", 2);
  g_autofree char *path = g_strjoinv (argument, parts);

  return browser_request (browser, path, NULL);
}

static void
test_clearance (Fixture       *f,
                gconstpointer  user_data)
{
  g_auto(Records) records = { 0 };
  g_autoptr(Browser) low = NULL;
  g_autoptr(Browser) high = NULL;
  g_autoptr(Browser) everywhere = NULL;

  push_records (f, &records);
  add_user (f, "low", OP_A, "restricted");
  add_user (f, "high", OP_A, "strictly-confidential");
  add_user (f, "everywhere", "*", "confidential");
  low = signed_in (f, "low");
  high = signed_in (f, "high");
  everywhere = signed_in (f, "everywhere");

  {
    g_autoptr(Page) inbox = browser_request (low, "/dashboard/", NULL);

    g_assert_true (page_has (inbox, "Weekly sitrep north"));
    g_assert_true (page_has (inbox, "Northern Ridge Front"));
    g_assert_false (page_has (inbox, "Convoy AAR"));          /* confidential */
    g_assert_false (page_has (inbox, "Strict followup"));
    g_assert_false (page_has (inbox, "Tarvik sitrep"));       /* another operation */
    g_assert_false (page_has (inbox, OP_B));
  }
  {
    g_autoptr(Page) hidden = get (low, "/dashboard/records/%s", records.confidential_aar);
    g_autoptr(Page) other = get (low, "/dashboard/records/%s", records.other_operation);
    g_autoptr(Page) missing = get (low, "/dashboard/records/%s", "00000000-0000-4000-8000-000000000000");

    /* Not allowed looks exactly like not there. */
    g_assert_cmpint (hidden->status, ==, 404);
    g_assert_cmpint (other->status, ==, 404);
    g_assert_cmpint (missing->status, ==, 404);
    g_assert_false (page_has (hidden, "Convoy"));
    g_assert_cmpstr (hidden->body->str, ==, missing->body->str);
  }
  {
    g_autoptr(Page) inbox = browser_request (high, "/dashboard/", NULL);

    g_assert_true (page_has (inbox, "Convoy AAR"));
    g_assert_true (page_has (inbox, "Strict followup"));
    g_assert_false (page_has (inbox, "Tarvik sitrep"));
  }
  {
    g_autoptr(Page) inbox = browser_request (everywhere, "/dashboard/", NULL);

    g_assert_true (page_has (inbox, "Tarvik sitrep"));
    g_assert_true (page_has (inbox, "Convoy AAR"));
    g_assert_false (page_has (inbox, "Strict followup"));
  }

  /* A strictly confidential contact inside a restricted actor. */
  {
    g_autoptr(Page) seen_all = get (high, "/dashboard/records/%s", records.actor);
    g_autoptr(Page) seen_part = get (everywhere, "/dashboard/records/%s", records.actor);

    g_assert_cmpint (seen_all->status, ==, 200);
    g_assert_true (page_has (seen_all, "Commander Zorbanian"));
    g_assert_true (page_has (seen_all, "+000 555 0199"));
    g_assert_cmpint (seen_part->status, ==, 200);
    g_assert_true (page_has (seen_part, "Northern Ridge Front"));
    g_assert_true (page_has (seen_part, "Liaison office"));
    g_assert_false (page_has (seen_part, "Zorbanian"));
    g_assert_false (page_has (seen_part, "0199"));
    g_assert_true (page_has (seen_part, "Hidden: this part is above your clearance."));
  }

  /* Search does not find what is hidden either. */
  {
    g_autoptr(Page) found = get (high, "/dashboard/?q=%s", "Zorbanian");
    g_autoptr(Page) not_found = get (everywhere, "/dashboard/?q=%s", "Zorbanian");
    g_autoptr(Page) strict_hidden = get (everywhere, "/dashboard/?q=%s", "zephyrine");

    g_assert_true (page_has (found, "Northern Ridge Front"));
    g_assert_false (page_has (not_found, "Northern Ridge Front"));
    g_assert_true (page_has (not_found, "Nothing matches these filters."));
    g_assert_false (page_has (strict_hidden, "Strict followup"));
  }

  /* Devices: only those of one's own operations. */
  {
    g_autoptr(Page) devices = browser_request (low, "/dashboard/devices", NULL);

    g_assert_cmpint (devices->status, ==, 200);
    g_assert_true (page_has (devices, "Laptop North"));
    g_assert_false (page_has (devices, "Laptop Tarvik"));
    g_assert_false (page_has (devices, "Never synced"));   /* it pushed */
  }
}

static void
test_escaping (Fixture       *f,
               gconstpointer  user_data)
{
  g_auto(Device) device = { 0 };
  g_autoptr(Browser) browser = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *body = report_body ("aar", "<script>alert(1)</script>", "en",
                                       "\"event\":\"\\\"><img src=x onerror=alert(2)>\","
                                       "\"lessons\":[{\"text\":\"<b>bold</b> & more\",\"tags\":[\"<i>tag</i>\"]}],"
                                       "\"<svg onload=alert(3)>\":\"' onmouseover='alert(4)\"");
  const char * const pages[] = { "/dashboard/", "/dashboard/records/%s", "/dashboard/lessons", NULL };

  enrol (f, OP_A, "Laptop <u>North</u>", &device);
  uuid = push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, body);
  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");

  for (guint i = 0; pages[i] != NULL; i++)
    {
      g_autoptr(Page) page = get (browser, pages[i], uuid);

      g_test_message ("%s", pages[i]);
      g_assert_cmpint (page->status, ==, 200);
      g_assert_false (page_has (page, "<script"));
      g_assert_false (page_has (page, "<img"));
      g_assert_false (page_has (page, "<svg"));
      g_assert_false (page_has (page, "<b>bold"));
      g_assert_false (page_has (page, "<i>tag"));
      g_assert_false (page_has (page, "<u>North"));
      g_assert_false (page_has (page, "' onmouseover"));
    }

  {
    g_autoptr(Page) page = get (browser, "/dashboard/records/%s", uuid);

    /* As text, so a person sees what was sent. */
    g_assert_true (page_has (page, "&lt;script&gt;alert(1)&lt;/script&gt;"));
    g_assert_true (page_has (page, "&quot;&gt;&lt;img src=x onerror=alert(2)&gt;"));
    g_assert_true (page_has (page, "&lt;b&gt;bold&lt;/b&gt; &amp; more"));
    g_assert_true (page_has (page, "&lt;svg onload=alert(3)&gt;"));
    g_assert_true (page_has (page, "&#39; onmouseover=&#39;alert(4)"));
    g_assert_true (page_has (page, "Laptop &lt;u&gt;North&lt;/u&gt;"));
  }
}

static void
test_attachments (Fixture       *f,
                  gconstpointer  user_data)
{
  g_auto(Device) device = { 0 };
  g_autoptr(Browser) allowed = NULL;
  g_autoptr(Browser) other = NULL;
  g_autofree char *page_sha = NULL;
  g_autofree char *secret_sha = NULL;
  g_autofree char *missing_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, "never sent", -1);
  g_autofree char *extra = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *base = NULL;

  enrol (f, OP_A, "Laptop North", &device);
  page_sha = put_blob (f, &device, "<html><script>alert(5)</script></html>");
  secret_sha = put_blob (f, &device, "names of informants");
  extra = g_strdup_printf ("\"attachments\":["
                           "{\"name\":\"notes.html\",\"mime\":\"text/html\",\"size\":39,\"sha256\":\"%s\"},"
                           "{\"name\":\"list.txt\",\"mime\":\"text/plain\",\"size\":19,\"sha256\":\"%s\","
                           "\"sensitivity\":\"strictly-confidential\"},"
                           "{\"name\":\"later.jpg\",\"mime\":\"image/jpeg\",\"size\":9,\"sha256\":\"%s\"}]",
                           page_sha, secret_sha, missing_sha);
  body = report_body ("aar", "Report with attachments", "en", extra);
  uuid = push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, body);
  add_user (f, "amina", OP_A, "confidential");
  add_user (f, "tarvik", OP_B, "strictly-confidential");
  allowed = signed_in (f, "amina");
  other = signed_in (f, "tarvik");
  base = g_strdup_printf ("/dashboard/records/%s/attachments/%%s", uuid);

  {
    g_autoptr(Page) report = get (allowed, "/dashboard/records/%s", uuid);

    g_assert_true (page_has (report, page_sha));
    g_assert_true (page_has (report, "not received yet"));         /* later.jpg */
    g_assert_false (page_has (report, "list.txt"));                /* above her clearance */
  }
  {
    /* Never served as a page of this site, whatever its type says. */
    g_autoptr(Page) download = get (allowed, base, page_sha);
    g_autofree char *type = page_header (download, "Content-Type");
    g_autofree char *disposition = page_header (download, "Content-Disposition");
    g_autofree char *csp = page_header (download, "Content-Security-Policy");

    g_assert_cmpint (download->status, ==, 200);
    g_assert_cmpstr (type, ==, "application/octet-stream");
    g_assert_true (g_str_has_prefix (disposition, "attachment;"));
    g_assert_cmpstr (csp, ==, CSP);
    g_assert_cmpstr (download->body->str, ==, "<html><script>alert(5)</script></html>");
  }
  {
    g_autoptr(Page) hidden = get (allowed, base, secret_sha);
    g_autoptr(Page) missing = get (allowed, base, missing_sha);
    g_autoptr(Page) not_hex = get (allowed, base, "not-a-checksum");
    g_autoptr(Page) climbing = get (allowed, base, "..%2F..%2Fhq.db");
    g_autoptr(Page) elsewhere = get (other, base, page_sha);

    g_assert_cmpint (hidden->status, ==, 404);
    g_assert_false (page_has (hidden, "informants"));
    g_assert_cmpint (missing->status, ==, 404);
    g_assert_cmpint (not_hex->status, ==, 404);
    g_assert_cmpint (climbing->status, >=, 400);
    g_assert_cmpint (elsewhere->status, ==, 404);                 /* another operation */
  }
}

static void
test_search (Fixture       *f,
             gconstpointer  user_data)
{
  g_auto(Device) device = { 0 };
  g_autoptr(Browser) browser = NULL;
  g_autofree char *first = report_body ("sitrep", "Évacuation médicale à Qalmar", "fr",
                                        "\"developments\":\"Le pont de Varsa est fermé.\"");
  g_autofree char *second = report_body ("sitrep", "تقرير الوضع الأسبوعي", "ar",
                                         "\"developments\":\"أُغلِقَ الطريقُ إلى المستشفى\"");
  g_autofree char *third = report_body ("aar", "Warehouse handover", "en", "\"event\":\"Handover of stock\"");

  enrol (f, OP_A, "Laptop North", &device);
  g_free (push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, first));
  g_free (push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, second));
  g_free (push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, third));
  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");

  {
    /* A word in the body, without its accents. */
    g_autoptr(Page) page = get (browser, "/dashboard/?q=%s", "varsa");

    g_assert_true (page_has (page, "Évacuation médicale à Qalmar"));
    g_assert_false (page_has (page, "Warehouse handover"));
  }
  {
    g_autoptr(Page) page = get (browser, "/dashboard/?q=%s", "evacuation");

    g_assert_true (page_has (page, "Évacuation médicale à Qalmar"));
  }
  {
    /* Arabic without its diacritics finds the text with them. */
    g_autofree char *query = g_uri_escape_string ("الطريق", NULL, FALSE);
    g_autoptr(Page) page = get (browser, "/dashboard/?q=%s", query);

    g_assert_true (page_has (page, "تقرير الوضع الأسبوعي"));
    g_assert_false (page_has (page, "Warehouse handover"));
  }
  {
    /* Search syntax is just text, and a prefix finds the word. */
    g_autoptr(Page) page = get (browser, "/dashboard/?q=%s", "wareh");
    g_autoptr(Page) odd = get (browser, "/dashboard/?q=%s", "%22AND%20(NEAR");

    g_assert_true (page_has (page, "Warehouse handover"));
    g_assert_cmpint (odd->status, ==, 200);
  }
  {
    /* Filters combine with the search. */
    g_autoptr(Page) page = get (browser, "/dashboard/?type=report&operation=%s&q=handover", OP_B);

    g_assert_false (page_has (page, "Warehouse handover"));
  }
}

static void
test_export (Fixture       *f,
             gconstpointer  user_data)
{
  g_auto(Records) records = { 0 };
  g_autoptr(Browser) browser = NULL;
  g_auto(Device) device = { 0 };
  g_autofree char *formula = report_body ("sitrep", "=HYPERLINK(\\\"http://x\\\")", "en", NULL);
  g_autofree char *formula_uuid = NULL;

  push_records (f, &records);
  enrol (f, OP_A, "Laptop South", &device);
  formula_uuid = push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, formula);
  add_user (f, "low", OP_A, "restricted");
  browser = signed_in (f, "low");

  {
    g_autoptr(Page) csv = browser_request (browser, "/dashboard/export.csv", NULL);
    g_autofree char *type = page_header (csv, "Content-Type");
    g_autofree char *disposition = page_header (csv, "Content-Disposition");
    g_auto(GStrv) lines = g_strsplit (csv->body->str, "\r\n", -1);

    g_assert_cmpint (csv->status, ==, 200);
    g_assert_cmpstr (type, ==, "text/csv; charset=utf-8");
    g_assert_nonnull (strstr (disposition, "attachment"));
    g_assert_true (g_str_has_prefix (lines[0], "uuid,type,operation,sensitivity,title,"));
    /* HXL hashtags, one per column. */
    g_assert_true (g_str_has_prefix (lines[1], "#meta+id,#meta+type,#operation+code,#meta+sensitivity,"));
    {
      g_auto(GStrv) hashtags = g_strsplit (lines[1], ",", -1);
      g_auto(GStrv) headers = g_strsplit (lines[0], ",", -1);

      g_assert_cmpuint (g_strv_length (hashtags), ==, g_strv_length (headers));
    }
    g_assert_true (page_has (csv, records.public_sitrep));
    g_assert_true (page_has (csv, records.actor));
    g_assert_false (page_has (csv, records.confidential_aar));
    g_assert_false (page_has (csv, records.other_operation));
    /* A spreadsheet will not run it as a formula. */
    g_assert_true (page_has (csv, "\"'=HYPERLINK(\"\"http://x\"\")\""));
  }
  {
    /* The inbox's filters apply. */
    g_autoptr(Page) csv = browser_request (browser, "/dashboard/export.csv?type=actor", NULL);

    g_assert_true (page_has (csv, records.actor));
    g_assert_false (page_has (csv, records.public_sitrep));
  }
}

static void
test_lessons (Fixture       *f,
              gconstpointer  user_data)
{
  g_auto(Records) records = { 0 };
  g_autoptr(Browser) browser = NULL;

  push_records (f, &records);
  add_user (f, "high", OP_A, "confidential");
  browser = signed_in (f, "high");

  {
    g_autoptr(Page) page = browser_request (browser, "/dashboard/lessons", NULL);

    g_assert_cmpint (page->status, ==, 200);
    /* "access" is on two lessons of two reports, "notification" on one. */
    g_assert_nonnull (strstr (page->body->str, ">access</span> <span class=\"count\">2</span>"));
    g_assert_nonnull (strstr (page->body->str, ">notification</span> <span class=\"count\">1</span>"));
    g_assert_true (page_has (page, "Share convoy plans 48 h ahead"));
    g_assert_true (page_has (page, "Carry the signed letter"));
  }
  {
    g_autoptr(Page) page = browser_request (browser, "/dashboard/lessons?tag=notification", NULL);

    g_assert_true (page_has (page, "Share convoy plans 48 h ahead"));
    g_assert_false (page_has (page, "Carry the signed letter"));
  }
}

static void
test_languages (Fixture       *f,
                gconstpointer  user_data)
{
  g_auto(Device) device = { 0 };
  g_autoptr(Browser) browser = NULL;
  g_autofree char *arabic = report_body ("sitrep", "تقرير الوضع الأسبوعي", "ar",
                                         "\"developments\":\"أُغلِقَ الطريقُ إلى المستشفى\"");
  g_autofree char *uuid = NULL;

  enrol (f, OP_A, "Laptop North", &device);
  uuid = push_record (f, &device, "report", OP_A, LIA_SENSITIVITY_PUBLIC, arabic);
  add_user (f, "amina", OP_A, "confidential");
  browser = signed_in (f, "amina");

  {
    /* Arabic content in an English page: that element is right to left. */
    g_autoptr(Page) page = get (browser, "/dashboard/records/%s", uuid);

    g_assert_true (page_has (page, "<html lang=\"en\" dir=\"ltr\">"));
    g_assert_true (page_has (page, "<h1 lang=\"ar\" dir=\"rtl\">تقرير الوضع الأسبوعي</h1>"));
    g_assert_true (page_has (page, "lang=\"ar\" dir=\"rtl\">أُغلِقَ الطريقُ إلى المستشفى</p>"));
  }

  /* The page follows Accept-Language. */
  browser->language = g_strdup ("ar-EG, ar;q=0.9, en;q=0.5");
  {
    g_autoptr(Page) page = browser_request (browser, "/dashboard/", NULL);

    g_assert_true (page_has (page, "<html lang=\"ar\" dir=\"rtl\">"));
  }
  g_free (browser->language);
  browser->language = g_strdup ("de-CH, fr;q=0.8");
  {
    g_autoptr(Page) page = browser_request (browser, "/dashboard/", NULL);

    g_assert_true (page_has (page, "<html lang=\"fr\" dir=\"ltr\">"));
  }
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  curl_global_init (CURL_GLOBAL_DEFAULT);

#define ADD(path, func, extra) \
  g_test_add (path, Fixture, extra, fixture_setup, func, fixture_teardown)

  ADD ("/dashboard/user-add", test_user_add, NULL);
  ADD ("/dashboard/sign-in", test_sign_in, NULL);
  ADD ("/dashboard/sign-in-rate-limit", test_rate_limit, NULL);
  ADD ("/dashboard/csrf-and-sign-out", test_csrf_and_sign_out, NULL);
  ADD ("/dashboard/user-remove", test_user_remove, NULL);
  ADD ("/dashboard/session-idle", test_session_idle, short_idle);
  ADD ("/dashboard/session-max", test_session_max, short_max);
  ADD ("/dashboard/clearance", test_clearance, NULL);
  ADD ("/dashboard/escaping", test_escaping, NULL);
  ADD ("/dashboard/attachments", test_attachments, NULL);
  ADD ("/dashboard/search", test_search, NULL);
  ADD ("/dashboard/export", test_export, NULL);
  ADD ("/dashboard/lessons", test_lessons, NULL);
  ADD ("/dashboard/languages", test_languages, NULL);

#undef ADD

  ret = g_test_run ();
  curl_global_cleanup ();

  return ret;
}
