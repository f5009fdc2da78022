/* lia-sync-transport.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <curl/curl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lia-error.h"
#include "lia-sync-protocol.h"
#include "lia-sync-transport.h"

/* Satellite links: a TLS handshake takes several 700 ms round trips, and a
 * transfer may crawl.  A link that moves less than LOW_SPEED_LIMIT bytes a
 * second for LOW_SPEED_TIME seconds is dead; the scheduler retries later. */
#define CONNECT_TIMEOUT_S 30
#define LOW_SPEED_LIMIT   64
#define LOW_SPEED_TIME_S  60

/* A gzip body never exceeds what HQ may send uncompressed. */
/* A pull page, or an attachment's bytes (at most 10 MiB). */
#define MAX_RESPONSE_SIZE MAX (LIA_SYNC_MAX_BODY, 11 * 1024 * 1024)
#define MAX_ERROR_SIZE    (64 * 1024)

struct _LiaSyncTransport
{
  GObject  parent_instance;

  /* One handle for every request of a sync: it keeps the connection and
   * the TLS session, which would otherwise cost round trips each time. */
  CURL    *curl;
  char    *base_url;
  char    *pin;     /* "sha256//…", or NULL */
  char    *auth;    /* the Authorization header, or NULL: never logged */

  guint64  bytes_sent;
  guint64  bytes_received;
  guint    requests;
  guint    connections;   /* made anew, not taken from the shared pool */
};

G_DEFINE_FINAL_TYPE (LiaSyncTransport, lia_sync_transport, G_TYPE_OBJECT)

G_DEFINE_QUARK (lia-sync-error-quark, lia_sync_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CURL, curl_easy_cleanup)

typedef struct curl_slist CurlHeaders;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CurlHeaders, curl_slist_free_all)

static void
lia_sync_transport_finalize (GObject *object)
{
  LiaSyncTransport *self = (LiaSyncTransport *)object;

  g_clear_pointer (&self->curl, curl_easy_cleanup);
  g_clear_pointer (&self->base_url, g_free);
  g_clear_pointer (&self->pin, g_free);
  g_clear_pointer (&self->auth, g_free);

  G_OBJECT_CLASS (lia_sync_transport_parent_class)->finalize (object);
}

static void
lia_sync_transport_class_init (LiaSyncTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_sync_transport_finalize;
}

static void
lia_sync_transport_init (LiaSyncTransport *self)
{
}

static gboolean
is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * lia_sync_transport_check_url:
 *
 * Accepts an https:// address of HQ, or an http:// one on this machine
 * (tests, a local relay): anything else would carry the device's token and
 * data in the clear.
 */
gboolean
lia_sync_transport_check_url (const char  *url,
                              GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;
  const char *host;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  host = uri != NULL ? g_uri_get_host (uri) : NULL;

  if (uri == NULL || host == NULL || *host == '\0' ||
      (g_strcmp0 (scheme, "https") != 0 && g_strcmp0 (scheme, "http") != 0) ||
      g_uri_get_userinfo (uri) != NULL || g_uri_get_query (uri) != NULL ||
      g_uri_get_fragment (uri) != NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is not an address of HQ. It looks like https://hq.example.org."), url);
      return FALSE;
    }

  if (g_str_equal (scheme, "http") && !is_loopback (host))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is not encrypted. Use the https:// address of HQ."), url);
      return FALSE;
    }

  return TRUE;
}

/* One pool of connections, TLS sessions and addresses for every sync of
 * the process: the app's next sync, minutes later, reuses the connection
 * HQ kept open, or at least resumes the TLS session, instead of a full
 * handshake (HQ's certificate chain) over the satellite link.  curl keeps
 * connections and sessions apart by host, port and TLS settings, the
 * pinned key included. */
static CURLSH *shared;
static GMutex  shared_locks[CURL_LOCK_DATA_LAST];

static void
lock_shared (CURL              *handle,
             curl_lock_data     data,
             curl_lock_access   access,
             void              *user_data)
{
  g_mutex_lock (&shared_locks[data]);
}

static void
unlock_shared (CURL           *handle,
               curl_lock_data  data,
               void           *user_data)
{
  g_mutex_unlock (&shared_locks[data]);
}

static gpointer
init_curl (gpointer data)
{
  curl_global_init (CURL_GLOBAL_DEFAULT);

  shared = curl_share_init ();
  if (shared != NULL)
    {
      curl_share_setopt (shared, CURLSHOPT_LOCKFUNC, lock_shared);
      curl_share_setopt (shared, CURLSHOPT_UNLOCKFUNC, unlock_shared);
      curl_share_setopt (shared, CURLSHOPT_SHARE, CURL_LOCK_DATA_CONNECT);
      curl_share_setopt (shared, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
      curl_share_setopt (shared, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
    }

  return NULL;
}

/**
 * lia_sync_transport_new:
 * @base_url: HQ's address; the API's paths are added to it
 * @pin: (nullable): the base64 SHA-256 of HQ's public key, from the
 *   enrolment code; HQ's certificate must then have that key
 * @token: (nullable): the device's token, sent on every request
 *
 * One transport serves the requests of one sync, from one thread.
 */
LiaSyncTransport *
lia_sync_transport_new (const char  *base_url,
                        const char  *pin,
                        const char  *token,
                        GError     **error)
{
  static GOnce curl_once = G_ONCE_INIT;
  g_autoptr(LiaSyncTransport) self = NULL;

  g_return_val_if_fail (base_url != NULL, NULL);

  if (!lia_sync_transport_check_url (base_url, error))
    return NULL;

  g_once (&curl_once, init_curl, NULL);

  self = g_object_new (LIA_TYPE_SYNC_TRANSPORT, NULL);
  self->curl = curl_easy_init ();
  if (self->curl == NULL)
    {
      g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_OFFLINE,
                           _("Could not start a connection to HQ: out of memory."));
      return NULL;
    }

  if (shared != NULL)
    curl_easy_setopt (self->curl, CURLOPT_SHARE, shared);

  /* Paths start with “/”. */
  self->base_url = g_strdup (base_url);
  if (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';

  if (pin != NULL && *pin != '\0')
    self->pin = g_strconcat ("sha256//", pin, NULL);
  if (token != NULL)
    self->auth = g_strconcat ("Authorization: Bearer ", token, NULL);

  return g_steal_pointer (&self);
}

typedef struct
{
  GByteArray *body;
  gsize       max_size;
  gboolean    too_big;
  gboolean    gzipped;
} Response;

static size_t
on_body (char   *data,
         size_t  size,
         size_t  nmemb,
         void   *user_data)
{
  Response *response = user_data;
  gsize len = size * nmemb;

  if (len > response->max_size - response->body->len)
    {
      response->too_big = TRUE;
      return 0;
    }

  g_byte_array_append (response->body, (const guint8 *) data, len);
  return len;
}

static size_t
on_header (char   *data,
           size_t  size,
           size_t  nmemb,
           void   *user_data)
{
  Response *response = user_data;
  gsize len = size * nmemb;
  g_autofree char *line = g_strndup (data, len);

  /* A new status line starts a new set of headers (after a 100 Continue). */
  if (g_str_has_prefix (line, "HTTP/"))
    response->gzipped = FALSE;
  else if (g_ascii_strncasecmp (line, "Content-Encoding:", 17) == 0)
    response->gzipped = strstr (g_strstrip (line + 17), "gzip") != NULL;

  return len;
}

static int
on_progress (void       *user_data,
             curl_off_t  dltotal,
             curl_off_t  dlnow,
             curl_off_t  ultotal,
             curl_off_t  ulnow)
{
  /* Non-zero aborts the transfer. */
  return g_cancellable_is_cancelled (user_data);
}

static void
set_transfer_error (CURLcode     code,
                    const char  *detail,
                    const char  *base_url,
                    GError     **error)
{
  if (*detail == '\0')
    detail = curl_easy_strerror (code);

  switch ((int) code)
    {
    case CURLE_ABORTED_BY_CALLBACK:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The sync was stopped."));
      break;

    /* Not a handshake cut short: that is the link, and is retried. */
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SECURITY,
                   _("Could not verify that %s is your HQ (%s). Do not sync until your information manager has checked HQ’s certificate."),
                   base_url, detail);
      break;

    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_OFFLINE,
                   _("Could not find HQ at %s (%s). Check the address and the connection; Liaison will try again."),
                   base_url, detail);
      break;

    default:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_OFFLINE,
                   _("The connection to HQ at %s failed (%s). Liaison will try again when the link is back."),
                   base_url, detail);
      break;
    }
}

/* HQ's errors are {"error": "code", "message": "sentence"}; either may be
 * missing from a proxy's error page. */
static void
parse_hq_error (GBytes  *body,
                gboolean gzipped,
                char   **code,
                char   **message)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  const char *data;
  gsize len;
  JsonNode *root;

  plain = gzipped ? lia_sync_gunzip (body, MAX_ERROR_SIZE, NULL) : g_bytes_ref (body);
  if (plain == NULL)
    return;

  data = g_bytes_get_data (plain, &len);
  if (len == 0 || len > MAX_ERROR_SIZE || !json_parser_load_from_data (parser, data, len, NULL))
    return;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return;

  *code = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "error", NULL));
  *message = g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "message", NULL));

  /* It ends up on a screen: only valid text. */
  if (*message != NULL && !g_utf8_validate (*message, -1, NULL))
    g_clear_pointer (message, g_free);
}

static void
set_status_error (guint        status,
                  GBytes      *body,
                  gboolean     gzipped,
                  GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;
  const char *hq_says;

  parse_hq_error (body, gzipped, &code, &message);
  hq_says = message != NULL ? message : _("no reason given");

  switch (status)
    {
    /* HQ says why it refuses a token: “token-revoked”, “token-expired”… */
    case 401:
      if (g_strcmp0 (code, "token-revoked") == 0)
        g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED,
                             _("HQ refused this device: it was revoked. Ask your information manager for a new enrolment code."));
      else if (g_strcmp0 (code, "token-expired") == 0)
        g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED,
                             _("HQ refused this device: its enrolment has expired. Ask your information manager for a new enrolment code."));
      else
        g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED,
                     _("HQ does not recognise this device (%s). Ask your information manager for a new enrolment code."),
                     hq_says);
      break;

    case 403:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN,
                   _("HQ refused the request: %s"), hq_says);
      break;

    case 400:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_REJECTED,
                   _("HQ could not read what this device sent (%s). Update Liaison, or tell your information manager."),
                   hq_says);
      break;

    case 404:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_FOUND,
                   _("HQ does not have what this device asked for (%s)."), hq_says);
      break;

    case 413:
      g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_TOO_LARGE,
                           _("HQ refused the data as too large. Tell your information manager."));
      break;

    case 429:
    case 503:
      g_set_error_literal (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_BUSY,
                           _("HQ is busy and asked this device to wait. Liaison will try again later."));
      break;

    default:
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                   _("HQ answered with an error (HTTP %u: %s). Liaison will try again later."),
                   status, hq_says);
      break;
    }
}

/* Called for each socket curl opens, never for a connection it reuses */
static int
on_new_socket (void          *user_data,
               curl_socket_t  fd,
               curlsocktype   purpose)
{
  LiaSyncTransport *self = user_data;

  self->connections++;
  return CURL_SOCKOPT_OK;
}

/* Counts what crosses the link at the HTTP level, headers included.  The
 * data is never looked at, let alone logged: it holds the token. */
static int
on_debug (CURL          *curl,
          curl_infotype  type,
          char          *data,
          size_t         size,
          void          *user_data)
{
  LiaSyncTransport *self = user_data;

  if (type == CURLINFO_HEADER_OUT || type == CURLINFO_DATA_OUT)
    self->bytes_sent += size;
  else if (type == CURLINFO_HEADER_IN || type == CURLINFO_DATA_IN)
    self->bytes_received += size;

  return 0;
}

/**
 * lia_sync_transport_request:
 * @method: "GET", "HEAD", "POST" or "PUT"
 * @path: the path and query under the base address, such as "/api/v1/push"
 * @body: (nullable): the request body, for a POST (JSON) or a PUT (bytes)
 * @gzipped: whether @body is gzip-compressed
 * @response_gzipped: (out) (optional): whether the returned body is
 *   gzip-compressed
 *
 * Sends one request.  Bodies and the token are never logged.
 *
 * Returns: (transfer full): the body of a 2xx response as HQ sent it, or
 *   %NULL with a #LiaSyncError (or %G_IO_ERROR_CANCELLED) whose message
 *   tells a person what to do
 */
GBytes *
lia_sync_transport_request (LiaSyncTransport  *self,
                            const char        *method,
                            const char        *path,
                            GBytes            *body,
                            gboolean           gzipped,
                            gboolean          *response_gzipped,
                            GCancellable      *cancellable,
                            GError           **error)
{
  g_autoptr(CurlHeaders) headers = NULL;
  g_autoptr(GByteArray) received = g_byte_array_new ();
  g_autoptr(GBytes) response_body = NULL;
  g_autoptr(GCancellable) local_cancellable = NULL;
  g_autofree char *url = NULL;
  char detail[CURL_ERROR_SIZE] = "";
  Response response = { received, MAX_RESPONSE_SIZE, FALSE, FALSE };
  gboolean is_post;
  gboolean is_put;
  CURLcode code;
  long http_status = 0;

  g_return_val_if_fail (LIA_IS_SYNC_TRANSPORT (self), NULL);
  g_return_val_if_fail (method != NULL, NULL);
  g_return_val_if_fail (path != NULL && path[0] == '/', NULL);

  is_post = g_str_equal (method, "POST");
  is_put = g_str_equal (method, "PUT");
  g_return_val_if_fail (is_post || is_put || body == NULL, NULL);

  if (cancellable == NULL)
    cancellable = local_cancellable = g_cancellable_new ();

  url = g_strconcat (self->base_url, path, NULL);

  /* Keeps the connection and the TLS session, forgets the last request. */
  curl_easy_reset (self->curl);

  headers = curl_slist_append (headers, "Accept: application/json");
  headers = curl_slist_append (headers, "Accept-Encoding: gzip");
  /* Waiting for “100 Continue” costs a round trip on every push. */
  headers = curl_slist_append (headers, "Expect:");
  if (self->auth != NULL)
    headers = curl_slist_append (headers, self->auth);
  if (is_post)
    headers = curl_slist_append (headers, "Content-Type: application/json");
  if (is_put)
    headers = curl_slist_append (headers, "Content-Type: application/octet-stream");
  if (is_post && gzipped)
    headers = curl_slist_append (headers, "Content-Encoding: gzip");

  curl_easy_setopt (self->curl, CURLOPT_URL, url);
  curl_easy_setopt (self->curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt (self->curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt (self->curl, CURLOPT_USERAGENT, "Liaison/" PACKAGE_VERSION);
  curl_easy_setopt (self->curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt (self->curl, CURLOPT_ERRORBUFFER, detail);
  /* The pin from the enrolment code, handed over in person or through a
   * trusted channel, is a stronger anchor than any CA, and lets a small HQ
   * use a self-signed certificate: with a pin, the key must match it and
   * nothing else is asked.  Without one, the usual CA and host checks. */
  if (self->pin != NULL)
    {
      curl_easy_setopt (self->curl, CURLOPT_PINNEDPUBLICKEY, self->pin);
      curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYHOST, 0L);
    }
  else
    {
      curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYPEER, 1L);
      curl_easy_setopt (self->curl, CURLOPT_SSL_VERIFYHOST, 2L);
    }
  curl_easy_setopt (self->curl, CURLOPT_CONNECTTIMEOUT, (long) CONNECT_TIMEOUT_S);
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_LIMIT, (long) LOW_SPEED_LIMIT);
  curl_easy_setopt (self->curl, CURLOPT_LOW_SPEED_TIME, (long) LOW_SPEED_TIME_S);
  curl_easy_setopt (self->curl, CURLOPT_TCP_KEEPALIVE, 1L);
  /* A redirect could take the token elsewhere. */
  curl_easy_setopt (self->curl, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt (self->curl, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt (self->curl, CURLOPT_WRITEDATA, &response);
  curl_easy_setopt (self->curl, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt (self->curl, CURLOPT_HEADERDATA, &response);
  curl_easy_setopt (self->curl, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt (self->curl, CURLOPT_XFERINFODATA, cancellable);
  /* Verbose only feeds on_debug(), which counts bytes: nothing is printed. */
  curl_easy_setopt (self->curl, CURLOPT_SOCKOPTFUNCTION, on_new_socket);
  curl_easy_setopt (self->curl, CURLOPT_SOCKOPTDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGFUNCTION, on_debug);
  curl_easy_setopt (self->curl, CURLOPT_DEBUGDATA, self);
  curl_easy_setopt (self->curl, CURLOPT_VERBOSE, 1L);

  if (is_post || is_put)
    {
      gsize len = 0;
      gconstpointer data = body != NULL ? g_bytes_get_data (body, &len) : "";

      curl_easy_setopt (self->curl, CURLOPT_POST, 1L);
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDS, data);
      curl_easy_setopt (self->curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t) len);
      /* The bytes go as for a POST, under the method HQ expects. */
      if (is_put)
        curl_easy_setopt (self->curl, CURLOPT_CUSTOMREQUEST, "PUT");
    }
  else if (g_str_equal (method, "HEAD"))
    {
      curl_easy_setopt (self->curl, CURLOPT_NOBODY, 1L);
    }
  else
    {
      curl_easy_setopt (self->curl, CURLOPT_HTTPGET, 1L);
    }

  code = curl_easy_perform (self->curl);
  self->requests++;

  if (response.too_big)
    {
      g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                   _("HQ at %s sent more than Liaison accepts in one answer. Tell your information manager."),
                   self->base_url);
      return NULL;
    }

  if (code != CURLE_OK)
    {
      set_transfer_error (code, detail, self->base_url, error);
      return NULL;
    }

  curl_easy_getinfo (self->curl, CURLINFO_RESPONSE_CODE, &http_status);
  response_body = g_byte_array_free_to_bytes (g_steal_pointer (&received));

  if (http_status < 200 || http_status > 299)
    {
      set_status_error (http_status, response_body, response.gzipped, error);
      return NULL;
    }

  if (response_gzipped != NULL)
    *response_gzipped = response.gzipped;

  return g_steal_pointer (&response_body);
}

/* What the requests so far cost, HTTP headers included. */
void
lia_sync_transport_get_usage (LiaSyncTransport *self,
                              guint64          *bytes_sent,
                              guint64          *bytes_received,
                              guint            *requests,
                              guint            *connections)
{
  g_return_if_fail (LIA_IS_SYNC_TRANSPORT (self));

  *bytes_sent = self->bytes_sent;
  *bytes_received = self->bytes_received;
  *requests = self->requests;
  *connections = self->connections;
}
