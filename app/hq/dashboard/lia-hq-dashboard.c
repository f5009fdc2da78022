/* lia-hq-dashboard.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HQ dashboard: server-rendered HTML under /dashboard/, for HQ users
 * on the HQ network.  No script runs in its pages and nothing is fetched
 * from elsewhere: the Content-Security-Policy allows only the dashboard's
 * own style sheet, so that even markup slipped into a record could do
 * nothing (it is escaped anyway; see lia-hq-html.c).
 *
 * Signing in: the form carries a sign-in token that must equal the one in
 * a cookie set with the form (no one can sign a browser in behind its
 * back), and attempts are limited per name and per address.  A session
 * is an HttpOnly, SameSite=Strict cookie (Secure over HTTPS, including
 * behind a proxy that says X-Forwarded-Proto: https) that ends after a
 * time without use and a time after signing in.  Every POST of a signed-
 * in user must carry the session's CSRF token, or it is refused with 403.
 *
 * The interface language follows Accept-Language (en, fr or ar).  gettext
 * picks catalogues for the whole process, so each page is rendered with
 * $LANGUAGE set for it and restored after: liaison-hq handles one request
 * at a time on its main thread.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "lia-hq-auth.h"
#include "lia-hq-dashboard-private.h"
#include "lia-hq-dashboard-resources.h"
#include "lia-hq-rate-limiter.h"
#include "lia-hq-store-private.h"

#define SESSION_COOKIE "lia_session"
#define SIGN_IN_COOKIE "lia_sign_in"
#define SIGN_IN_PATH   LIA_HQ_DASHBOARD_PATH "/sign-in"

/* Forms are small; anything bigger is not from the dashboard. */
#define MAX_FORM_BYTES (16 * 1024)

/* Sign-in attempts per minute, per user name and per address. */
#define SIGN_IN_PER_USER    10
#define SIGN_IN_PER_ADDRESS 30

#define STATUS_TOO_MANY_REQUESTS 429

#define CONTENT_SECURITY_POLICY \
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; " \
  "frame-ancestors 'none'; base-uri 'none'"

struct _LiaHqDashboard
{
  GObject           parent_instance;

  LiaHqStore       *store;
  LiaHqRateLimiter *user_limiter;
  LiaHqRateLimiter *address_limiter;
  guint             session_idle;
  guint             session_max;
  char             *messages_locale;
  gboolean          ready;
};

G_DEFINE_FINAL_TYPE (LiaHqDashboard, lia_hq_dashboard, G_TYPE_OBJECT)

/* ---- languages ------------------------------------------------------------- */

static const char * const languages[] = { "en", "fr", "ar" };

/* The first of Accept-Language's preferences we have, or English. */
static const char *
pick_language (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_list (headers, "Accept-Language");
  GSList *preferred;
  const char *chosen = "en";

  if (header == NULL)
    return chosen;

  preferred = soup_header_parse_quality_list (header, NULL);
  for (GSList *l = preferred; l != NULL; l = l->next)
    {
      const char *tag = l->data;
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
        {
          gsize len = strlen (languages[i]);

          if (g_ascii_strncasecmp (tag, languages[i], len) == 0 && (tag[len] == '\0' || tag[len] == '-'))
            {
              chosen = languages[i];
              found = TRUE;
              break;
            }
        }
      if (found)
        break;
    }
  soup_header_free_list (preferred);

  return chosen;
}

/* gettext ignores $LANGUAGE under the C locale: use C.UTF-8 for messages
 * then, which translates nothing by itself. */
static char *
find_messages_locale (void)
{
  g_autofree char *current = g_strdup (setlocale (LC_MESSAGES, NULL));

  if (current == NULL || g_str_equal (current, "C") || g_str_equal (current, "POSIX"))
    {
      if (setlocale (LC_MESSAGES, "C.UTF-8") != NULL)
        return g_strdup ("C.UTF-8");
      return g_strdup (current != NULL ? current : "C");
    }

  return g_steal_pointer (&current);
}

/* glibc's gettext caches the translations it found; a change of $LANGUAGE
 * must be announced by bumping this counter (the gettext manual's advice),
 * or a page after an Arabic one comes out in Arabic. */
extern int _nl_msg_cat_cntr;

static void
forget_translations (void)
{
  ++_nl_msg_cat_cntr;
}

/* $LANGUAGE for the time of one page, and what to put back. */
typedef struct
{
  char       *language;
  gboolean    was_set;
  const char *messages_locale;
} LanguageScope;

static void
language_scope_enter (LanguageScope  *scope,
                      LiaHqDashboard *self,
                      const char     *language)
{
  const char *current = g_getenv ("LANGUAGE");

  scope->was_set = current != NULL;
  scope->language = g_strdup (current);
  scope->messages_locale = self->messages_locale;

  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_MESSAGES, self->messages_locale);
  forget_translations ();
}

static void
language_scope_leave (LanguageScope *scope)
{
  if (scope->was_set)
    g_setenv ("LANGUAGE", scope->language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  setlocale (LC_MESSAGES, scope->messages_locale);
  forget_translations ();
  g_clear_pointer (&scope->language, g_free);
}

static void
wipe_string (char *text)
{
  if (text != NULL)
    sodium_memzero (text, strlen (text));
}

/* ---- answers -------------------------------------------------------------------- */

static void
set_common_headers (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

  soup_message_headers_replace (headers, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
  soup_message_headers_replace (headers, "X-Content-Type-Options", "nosniff");
  soup_message_headers_replace (headers, "Referrer-Policy", "no-referrer");
  soup_message_headers_replace (headers, "X-Frame-Options", "DENY");
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
}

const char *
lia_hq_query_get (LiaHqRequest *req,
                  const char   *name)
{
  const char *value;

  if (req->query == NULL || !(value = g_hash_table_lookup (req->query, name)) || value[0] == '\0')
    return NULL;

  return value;
}

void
lia_hq_page_begin (LiaHqRequest *req,
                   GString      *out,
                   const char   *title,
                   LiaHqNav      nav)
{
  struct { LiaHqNav nav; const char *href; const char *label; } tabs[] = {
    { LIA_HQ_NAV_INBOX, LIA_HQ_DASHBOARD_PATH "/", _("Inbox") },
    { LIA_HQ_NAV_LESSONS, LIA_HQ_DASHBOARD_PATH "/lessons", _("Lessons") },
    { LIA_HQ_NAV_DEVICES, LIA_HQ_DASHBOARD_PATH "/devices", _("Devices") },
  };

  lia_hq_html_append (out,
                      "<!DOCTYPE html>\n"
                      "<html lang=\"%s\" dir=\"%s\">\n"
                      "<head>\n"
                      "<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<meta name=\"color-scheme\" content=\"light dark\">\n"
                      "<title>%s — %s</title>\n"
                      "<link rel=\"stylesheet\" href=\"" LIA_HQ_DASHBOARD_PATH "/style.css\">\n"
                      "</head>\n"
                      "<body>\n"
                      "<a class=\"skip\" href=\"#main\">%s</a>\n"
                      "<header class=\"top\">\n"
                      "<p class=\"brand\">%s</p>\n",
                      req->language, g_str_equal (req->language, "ar") ? "rtl" : "ltr",
                      title, _("Liaison HQ"),
                      _("Skip to content"),
                      _("Liaison HQ"));

  if (req->session != NULL)
    {
      const LiaHqUser *user = req->session->user;

      lia_hq_html_append (out, "<nav aria-label=\"%s\"><ul>\n", _("Sections"));
      for (guint i = 0; i < G_N_ELEMENTS (tabs); i++)
        lia_hq_html_append (out, "<li><a href=\"%s\"%R>%s</a></li>\n",
                            tabs[i].href, tabs[i].nav == nav ? " aria-current=\"page\"" : "",
                            tabs[i].label);
      lia_hq_html_append (out,
                          "</ul></nav>\n"
                          "<form class=\"account\" method=\"post\" action=\"" LIA_HQ_DASHBOARD_PATH "/sign-out\">\n"
                          "<span class=\"who\">%s <span class=\"clearance\">(%s)</span></span>\n"
                          "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
                          "<button type=\"submit\">%s</button>\n"
                          "</form>\n",
                          user->name, lia_sensitivity_get_label (user->clearance),
                          req->session->csrf_token, _("Sign out"));
    }

  g_string_append (out, "</header>\n<main id=\"main\">\n");
}

void
lia_hq_page_end (LiaHqRequest *req,
                 GString      *out)
{
  g_string_append (out, "</main>\n</body>\n</html>\n");
}

void
lia_hq_respond_page (LiaHqRequest *req,
                     guint         status,
                     GString      *html)
{
  gsize len = html->len;
  char *body = g_string_free (html, FALSE);

  soup_server_message_set_status (req->msg, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (req->msg, "text/html; charset=utf-8", SOUP_MEMORY_TAKE, body, len);
}

void
lia_hq_respond_message (LiaHqRequest *req,
                        guint         status,
                        const char   *title,
                        const char   *message)
{
  GString *out = g_string_new (NULL);

  lia_hq_page_begin (req, out, title, LIA_HQ_NAV_NONE);
  lia_hq_html_append (out, "<h1>%s</h1>\n<p>%s</p>\n", title, message);
  if (req->session == NULL)
    lia_hq_html_append (out, "<p><a href=\"%s\">%s</a></p>\n", SIGN_IN_PATH, _("Sign in"));
  else
    lia_hq_html_append (out, "<p><a href=\"" LIA_HQ_DASHBOARD_PATH "/\">%s</a></p>\n", _("Back to the inbox"));
  lia_hq_page_end (req, out);

  lia_hq_respond_page (req, status, out);
}

static void
respond_internal_error (LiaHqRequest *req,
                        const GError *error)
{
  /* SQLite's message names no record content: safe to log. */
  g_warning ("dashboard: %s", error->message);
  lia_hq_respond_message (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                          _("HQ could not read its data. Try again in a moment; if it goes on, tell the HQ "
                            "administrator."));
}

static void
redirect (LiaHqRequest *req,
          const char   *location)
{
  /* A path, not a full URI: behind a reverse proxy, the host libsoup
   * sees is not the one the browser used. */
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Location", location);
  soup_server_message_set_status (req->msg, SOUP_STATUS_SEE_OTHER, NULL);
}

/* ---- cookies --------------------------------------------------------------- */

static char *
dup_cookie (SoupServerMessage *msg,
            const char        *name)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *header = soup_message_headers_get_list (headers, "Cookie");
  GHashTable *cookies;
  char *value;

  if (header == NULL)
    return NULL;

  cookies = soup_header_parse_semi_param_list (header);
  value = g_strdup (g_hash_table_lookup (cookies, name));
  soup_header_free_param_list (cookies);

  return value;
}

static gboolean
is_https (SoupServerMessage *msg)
{
  GUri *uri = soup_server_message_get_uri (msg);
  const char *forwarded = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                        "X-Forwarded-Proto");

  return (uri != NULL && g_strcmp0 (g_uri_get_scheme (uri), "https") == 0) ||
         g_strcmp0 (forwarded, "https") == 0;
}

/* @max_age < 0 deletes the cookie. */
static void
set_cookie (SoupServerMessage *msg,
            const char        *name,
            const char        *value,
            const char        *path,
            gint64             max_age)
{
  g_autofree char *cookie = NULL;

  cookie = g_strdup_printf ("%s=%s; Path=%s; Max-Age=%" G_GINT64_FORMAT "; HttpOnly; SameSite=Strict%s",
                            name, max_age < 0 ? "" : value, path, MAX (max_age, 0),
                            is_https (msg) ? "; Secure" : "");
  soup_message_headers_append (soup_server_message_get_response_headers (msg), "Set-Cookie", cookie);
}

/* ---- forms ------------------------------------------------------------------ */

/* The fields of a urlencoded POST body, or NULL if it is not one. */
static GHashTable *
parse_form (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  const char *content_type = soup_message_headers_get_content_type (headers, NULL);

  if (content_type != NULL && g_ascii_strcasecmp (content_type, "application/x-www-form-urlencoded") != 0)
    return NULL;

  bytes = soup_message_body_flatten (body);
  text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return soup_form_decode (text);
}

static gboolean
form_too_large (SoupServerMessage *msg)
{
  return soup_server_message_get_request_body (msg)->length > MAX_FORM_BYTES;
}

/* ---- sign-in ----------------------------------------------------------------- */

static void
render_sign_in (LiaHqRequest *req,
                guint         status,
                const char   *name,
                const char   *problem)
{
  g_autofree char *token = dup_cookie (req->msg, SIGN_IN_COOKIE);
  GString *out = g_string_new (NULL);

  /* Keep the token of an open form, so that two tabs both work. */
  if (!lia_hq_auth_token_is_wellformed (token))
    {
      g_free (token);
      token = lia_hq_auth_new_token ();
    }
  set_cookie (req->msg, SIGN_IN_COOKIE, token, SIGN_IN_PATH, 3600);

  lia_hq_page_begin (req, out, _("Sign in"), LIA_HQ_NAV_NONE);
  lia_hq_html_append (out,
                      "<section class=\"sign-in\">\n"
                      "<h1>%s</h1>\n"
                      "<p>%s</p>\n",
                      _("Sign in to the HQ dashboard"),
                      _("Reports, notifications and incidents from the field, for HQ staff. "
                        "Your account comes from the HQ administrator."));
  if (problem != NULL)
    lia_hq_html_append (out, "<p class=\"problem\" role=\"alert\">%s</p>\n", problem);
  lia_hq_html_append (out,
                      "<form method=\"post\" action=\"%s\">\n"
                      "<input type=\"hidden\" name=\"csrf\" value=\"%s\">\n"
                      "<p><label for=\"name\">%s</label>\n"
                      "<input id=\"name\" name=\"name\" type=\"text\" autocomplete=\"username\" required "
                      "autocapitalize=\"none\" spellcheck=\"false\" value=\"%s\"%R></p>\n"
                      "<p><label for=\"password\">%s</label>\n"
                      "<input id=\"password\" name=\"password\" type=\"password\" "
                      "autocomplete=\"current-password\" required%R></p>\n"
                      "<p><button type=\"submit\">%s</button></p>\n"
                      "</form>\n"
                      "</section>\n",
                      SIGN_IN_PATH, token,
                      _("User name"), name != NULL ? name : "", name == NULL ? " autofocus" : "",
                      _("Password"), name != NULL ? " autofocus" : "",
                      _("Sign in"));
  lia_hq_page_end (req, out);

  lia_hq_respond_page (req, status, out);
}

typedef struct
{
  LiaHqDashboard    *dashboard;
  SoupServerMessage *msg;
  char              *language;
  char              *name;
  char              *password;
  char              *password_hash;
  gboolean           user_exists;
} SignIn;

static void
sign_in_free (SignIn *sign_in)
{
  g_clear_object (&sign_in->dashboard);
  g_clear_object (&sign_in->msg);
  g_free (sign_in->language);
  g_free (sign_in->name);
  if (sign_in->password != NULL)
    wipe_string (sign_in->password);
  g_free (sign_in->password);
  g_free (sign_in->password_hash);
  g_free (sign_in);
}

static void
verify_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SignIn *sign_in = task_data;
  gboolean ok = lia_hq_users_verify_password (sign_in->password_hash, sign_in->password);

  g_task_return_boolean (task, ok && sign_in->user_exists);
}

static void
on_verified (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  SignIn *sign_in = g_task_get_task_data (G_TASK (result));
  LiaHqDashboard *self = sign_in->dashboard;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  LanguageScope scope;
  LiaHqRequest req = {
    .dashboard = self,
    .msg = sign_in->msg,
    .store = self->store,
    .db = lia_hq_store_get_db (self->store),
    .language = sign_in->language,
  };

  language_scope_enter (&scope, self, sign_in->language);

  if (!g_task_propagate_boolean (G_TASK (result), NULL))
    {
      render_sign_in (&req, SOUP_STATUS_UNAUTHORIZED, sign_in->name,
                      _("The user name or the password is wrong. Check them and try again."));
    }
  else if (req.db == NULL ||
           !(token = lia_hq_sessions_create (req.db, sign_in->name, g_get_real_time () / G_USEC_PER_SEC,
                                             self->session_max, &error)))
    {
      if (error == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The HQ database is closed.");
      respond_internal_error (&req, error);
    }
  else
    {
      g_debug ("dashboard: %s signed in", sign_in->name);
      set_cookie (req.msg, SESSION_COOKIE, token, LIA_HQ_DASHBOARD_PATH, self->session_max);
      set_cookie (req.msg, SIGN_IN_COOKIE, NULL, SIGN_IN_PATH, -1);
      redirect (&req, LIA_HQ_DASHBOARD_PATH "/");
      wipe_string (token);
    }

  language_scope_leave (&scope);
  soup_server_message_unpause (sign_in->msg);
}

static void
handle_sign_in_post (LiaHqRequest *req)
{
  LiaHqDashboard *self = req->dashboard;
  g_autoptr(GHashTable) form = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(LiaHqUser) user = NULL;
  g_autofree char *cookie = dup_cookie (req->msg, SIGN_IN_COOKIE);
  g_autofree char *user_key = NULL;
  g_autofree char *password_hash = NULL;
  const char *name;
  const char *password;
  const char *address = soup_server_message_get_remote_host (req->msg);
  guint retry_after = 0;
  SignIn *sign_in;

  if (form_too_large (req->msg) || !(form = parse_form (req->msg)))
    {
      lia_hq_respond_message (req, SOUP_STATUS_BAD_REQUEST, _("Sign in"),
                              _("That was not a sign-in form. Use the form on this page."));
      return;
    }

  /* The token in the form must be the one in this browser's cookie. */
  if (!lia_hq_auth_token_is_wellformed (cookie) ||
      !lia_hq_csrf_equal (cookie, g_hash_table_lookup (form, "csrf")))
    {
      lia_hq_respond_message (req, SOUP_STATUS_FORBIDDEN, _("Sign-in refused"),
                              _("This sign-in form has expired or did not come from this dashboard. "
                                "Open the sign-in page again and sign in from there."));
      return;
    }

  name = g_hash_table_lookup (form, "name");
  password = g_hash_table_lookup (form, "password");
  if (name == NULL || password == NULL || name[0] == '\0' || password[0] == '\0')
    {
      render_sign_in (req, SOUP_STATUS_BAD_REQUEST, name, _("Enter your user name and your password."));
      return;
    }

  user_key = g_strdup_printf ("user:%s", name);
  if (!lia_hq_rate_limiter_take (self->address_limiter, address != NULL ? address : "unknown",
                                 g_get_monotonic_time (), &retry_after) ||
      !lia_hq_rate_limiter_take (self->user_limiter, user_key, g_get_monotonic_time (), &retry_after))
    {
      g_autofree char *seconds = g_strdup_printf ("%u", retry_after);
      g_autofree char *message = g_strdup_printf (_("Too many attempts to sign in. Wait %u seconds, then try again."),
                                                  retry_after);

      soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Retry-After", seconds);
      render_sign_in (req, STATUS_TOO_MANY_REQUESTS, name, message);
      return;
    }

  if (strlen (password) > LIA_HQ_USER_MAX_PASSWORD_BYTES)
    password = "";

  if (lia_hq_users_name_is_valid (name) &&
      !(user = lia_hq_users_lookup (req->db, name, &password_hash, &error)) && error != NULL)
    {
      respond_internal_error (req, error);
      return;
    }

  /* An unknown name costs a verification too, against the decoy. */
  sign_in = g_new0 (SignIn, 1);
  sign_in->dashboard = g_object_ref (self);
  sign_in->msg = g_object_ref (req->msg);
  sign_in->language = g_strdup (req->language);
  sign_in->name = g_strdup (name);
  sign_in->password = g_strdup (password);
  sign_in->user_exists = user != NULL && password[0] != '\0';
  sign_in->password_hash = user != NULL ? g_steal_pointer (&password_hash)
                                        : g_strdup (lia_hq_users_get_decoy_hash ());

  /* Argon2id takes a while: the daemon keeps answering meanwhile. */
  soup_server_message_pause (req->msg);
  task = g_task_new (NULL, NULL, on_verified, NULL);
  g_task_set_task_data (task, sign_in, (GDestroyNotify)sign_in_free);
  g_task_run_in_thread (task, verify_in_thread);
}

static void
handle_sign_out (LiaHqRequest *req)
{
  g_autoptr(GError) error = NULL;

  if (!lia_hq_sessions_delete (req->db, req->session->token_hash, &error))
    {
      respond_internal_error (req, error);
      return;
    }

  set_cookie (req->msg, SESSION_COOKIE, NULL, LIA_HQ_DASHBOARD_PATH, -1);
  redirect (req, SIGN_IN_PATH);
}

/* ---- routing ---------------------------------------------------------------- */

static void
serve_style (LiaHqRequest *req)
{
  g_autoptr(GBytes) css = g_resource_lookup_data (lia_hq_dashboard_get_resource (),
                                                  "/org/cmcoord/Liaison/hq/dashboard/style.css",
                                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize len;
  gconstpointer data;

  g_assert (css != NULL);
  data = g_bytes_get_data (css, &len);

  /* Not operational data: a browser may keep it for a while. */
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg),
                                "Cache-Control", "max-age=3600");
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg, "text/css; charset=utf-8", SOUP_MEMORY_COPY, data, len);
}

static gboolean
method_is (SoupServerMessage *msg,
           const char        *method)
{
  const char *actual = soup_server_message_get_method (msg);

  if (g_str_equal (method, "GET"))
    return g_str_equal (actual, "GET") || g_str_equal (actual, "HEAD");

  return g_str_equal (actual, method);
}

static void
method_not_allowed (LiaHqRequest *req,
                    const char   *allow)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Allow", allow);
  lia_hq_respond_message (req, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Not allowed"),
                          _("This page cannot be used that way. Use the links and buttons of the dashboard."));
}

/* Everything past signing in: pages, then the forms that change
 * something. */
static void
route_signed_in (LiaHqRequest *req,
                 const char   *path)
{
  const char *rest = path + strlen (LIA_HQ_DASHBOARD_PATH);
  gboolean is_post = method_is (req->msg, "POST");

  if (is_post)
    {
      g_autoptr(GHashTable) form = NULL;

      if (form_too_large (req->msg) || !(form = parse_form (req->msg)) ||
          !lia_hq_csrf_equal (req->session->csrf_token, g_hash_table_lookup (form, "csrf")))
        {
          lia_hq_respond_message (req, SOUP_STATUS_FORBIDDEN, _("Refused"),
                                  _("This form did not come from your dashboard session, so nothing was done. "
                                    "Go back, reload the page and try again."));
          return;
        }

      if (g_str_equal (rest, "/sign-out"))
        handle_sign_out (req);
      else
        method_not_allowed (req, "GET, HEAD");
      return;
    }

  if (!method_is (req->msg, "GET"))
    {
      method_not_allowed (req, "GET, HEAD, POST");
      return;
    }

  if (g_str_equal (rest, "/"))
    lia_hq_page_inbox (req);
  else if (g_str_equal (rest, "/lessons"))
    lia_hq_page_lessons (req);
  else if (g_str_equal (rest, "/devices"))
    lia_hq_page_devices (req);
  else if (g_str_equal (rest, "/export.csv"))
    lia_hq_page_export_csv (req);
  else if (g_str_has_prefix (rest, "/records/") && strchr (rest + strlen ("/records/"), '/') == NULL)
    lia_hq_page_record (req, rest + strlen ("/records/"));
  else if (g_str_has_prefix (rest, "/records/"))
    {
      /* /records/UUID/attachments/SHA256 */
      g_auto(GStrv) parts = g_strsplit (rest + strlen ("/records/"), "/", 4);

      if (g_strv_length (parts) == 3 && g_str_equal (parts[1], "attachments"))
        lia_hq_page_attachment (req, parts[0], parts[2]);
      else
        lia_hq_respond_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"),
                                _("There is no such page, or you may not see it."));
    }
  else if (g_str_equal (rest, "/sign-out"))
    method_not_allowed (req, "POST");
  else
    lia_hq_respond_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"),
                            _("There is no such page, or you may not see it."));
}

static void
route (LiaHqRequest *req,
       const char   *path)
{
  LiaHqDashboard *self = req->dashboard;
  g_autoptr(LiaHqSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  if (g_str_equal (path, LIA_HQ_DASHBOARD_PATH))
    {
      redirect (req, LIA_HQ_DASHBOARD_PATH "/");
      return;
    }

  if (g_str_equal (path, LIA_HQ_DASHBOARD_PATH "/style.css"))
    {
      if (method_is (req->msg, "GET"))
        serve_style (req);
      else
        method_not_allowed (req, "GET, HEAD");
      return;
    }

  if (req->db == NULL)
    {
      g_autoptr(GError) closed = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CLOSED, "The HQ database is closed.");

      respond_internal_error (req, closed);
      return;
    }

  token = dup_cookie (req->msg, SESSION_COOKIE);
  if (token != NULL &&
      !(session = lia_hq_sessions_lookup (req->db, token, g_get_real_time () / G_USEC_PER_SEC,
                                          self->session_idle, &error)) &&
      error != NULL)
    {
      respond_internal_error (req, error);
      return;
    }
  req->session = session;

  if (g_str_equal (path, SIGN_IN_PATH))
    {
      if (method_is (req->msg, "POST"))
        handle_sign_in_post (req);
      else if (method_is (req->msg, "GET") && session != NULL)
        redirect (req, LIA_HQ_DASHBOARD_PATH "/");
      else if (method_is (req->msg, "GET"))
        render_sign_in (req, SOUP_STATUS_OK, NULL, NULL);
      else
        method_not_allowed (req, "GET, HEAD, POST");
      return;
    }

  if (session == NULL)
    {
      /* A form sent after the session ended must not look accepted. */
      if (token != NULL)
        set_cookie (req->msg, SESSION_COOKIE, NULL, LIA_HQ_DASHBOARD_PATH, -1);
      if (method_is (req->msg, "GET"))
        redirect (req, SIGN_IN_PATH);
      else
        lia_hq_respond_message (req, SOUP_STATUS_FORBIDDEN, _("Signed out"),
                                _("Your session has ended, so nothing was done. Sign in again."));
      return;
    }

  route_signed_in (req, path);
  req->session = NULL;
}

/**
 * lia_hq_dashboard_handle:
 *
 * The #SoupServerCallback for everything under %LIA_HQ_DASHBOARD_PATH;
 * @user_data is the #LiaHqDashboard.
 */
void
lia_hq_dashboard_handle (SoupServer        *server,
                         SoupServerMessage *msg,
                         const char        *path,
                         GHashTable        *query,
                         gpointer           user_data)
{
  LiaHqDashboard *self = user_data;
  LanguageScope scope;
  LiaHqRequest req = {
    .dashboard = self,
    .msg = msg,
    .query = query,
    .store = self->store,
    .db = lia_hq_store_get_db (self->store),
  };

  g_return_if_fail (LIA_IS_HQ_DASHBOARD (self));

  /* Refused from its headers already (too large…). */
  if (soup_server_message_get_status (msg) != 0)
    return;

  set_common_headers (msg);

  if (!self->ready)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_SERVICE_UNAVAILABLE, NULL);
      return;
    }

  req.language = pick_language (msg);
  language_scope_enter (&scope, self, req.language);
  route (&req, path);
  language_scope_leave (&scope);
}

/* ---- object ------------------------------------------------------------------ */

static void
lia_hq_dashboard_finalize (GObject *object)
{
  LiaHqDashboard *self = (LiaHqDashboard *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->user_limiter, lia_hq_rate_limiter_free);
  g_clear_pointer (&self->address_limiter, lia_hq_rate_limiter_free);
  g_clear_pointer (&self->messages_locale, g_free);

  G_OBJECT_CLASS (lia_hq_dashboard_parent_class)->finalize (object);
}

static void
lia_hq_dashboard_class_init (LiaHqDashboardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_hq_dashboard_finalize;
}

static void
lia_hq_dashboard_init (LiaHqDashboard *self)
{
  g_autoptr(GError) error = NULL;

  self->session_idle = LIA_HQ_DASHBOARD_DEFAULT_SESSION_IDLE;
  self->session_max = LIA_HQ_DASHBOARD_DEFAULT_SESSION_MAX;
  self->user_limiter = lia_hq_rate_limiter_new (SIGN_IN_PER_USER);
  self->address_limiter = lia_hq_rate_limiter_new (SIGN_IN_PER_ADDRESS);
  self->messages_locale = find_messages_locale ();

  if (!(self->ready = lia_hq_users_init (&error)))
    g_warning ("The dashboard is off: %s", error->message);
}

LiaHqDashboard *
lia_hq_dashboard_new (LiaHqStore *store)
{
  LiaHqDashboard *self;

  g_return_val_if_fail (LIA_IS_HQ_STORE (store), NULL);

  self = g_object_new (LIA_TYPE_HQ_DASHBOARD, NULL);
  self->store = g_object_ref (store);

  return self;
}

/**
 * lia_hq_dashboard_set_session_limits:
 * @self: a #LiaHqDashboard
 * @idle_seconds: a session ends after this long without a request
 * @max_seconds: and this long after signing in, whatever happens
 *
 * Applies to sessions checked or started from now on.
 */
void
lia_hq_dashboard_set_session_limits (LiaHqDashboard *self,
                                     guint           idle_seconds,
                                     guint           max_seconds)
{
  g_return_if_fail (LIA_IS_HQ_DASHBOARD (self));
  g_return_if_fail (idle_seconds > 0 && max_seconds > 0);

  self->session_idle = idle_seconds;
  self->session_max = max_seconds;
}
