/* lia-hq-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lia-clock.h"
#include "lia-error.h"
#include "lia-hq-auth.h"
#include "lia-hq-blobs.h"
#include "lia-hq-dashboard.h"
#include "lia-hq-escrow.h"
#include "lia-hq-rate-limiter.h"
#include "lia-hq-server.h"
#include "lia-report.h"
#include "lia-sync-protocol.h"

/* Bumped only when a change would break field devices already deployed. */
#define LIA_HQ_API_VERSION 1

/* Where the authenticated device of a request is kept between its
 * headers and its handler. */
#define DEVICE_KEY "lia-hq-device"

/* RFC 6585; libsoup 3.2 has no name for it. */
#define STATUS_TOO_MANY_REQUESTS 429

/* A device name is for people reading “liaison-hq devices”. */
#define MAX_DEVICE_NAME_CHARS 100

/* What we echo of a client's path in an error, in characters. */
#define ECHO_MAX_CHARS 200

struct _LiaHqServer
{
  GObject           parent_instance;

  LiaHqStore       *store;
  SoupServer       *soup;
  GTlsCertificate  *tls_certificate;
  LiaHqRateLimiter *device_limiter;    /* authenticated requests, per device */
  LiaHqRateLimiter *address_limiter;   /* enrolments and refusals, per address */
  LiaHqDashboard   *dashboard;         /* the HTML pages under /dashboard */
  guint64           max_body_size;
  guint             idle_timeout;
  guint             rate_limit;
};

G_DEFINE_FINAL_TYPE (LiaHqServer, lia_hq_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MAX_BODY_SIZE,
  PROP_IDLE_TIMEOUT,
  PROP_RATE_LIMIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* @device is the authenticated device, or NULL on an open route. */
typedef void (*LiaHqRouteFunc) (LiaHqServer       *self,
                                SoupServerMessage *msg,
                                GHashTable        *query,
                                LiaHqDevice       *device);

/* Who may call a route. */
typedef enum
{
  ACCESS_DEVICE,      /* a valid device token, rate-limited per device */
  ACCESS_ANYONE,      /* no token, rate-limited per address */
  ACCESS_MONITORING,  /* no token, no limit: load balancers poll it */
} LiaHqAccess;

/* One entry per endpoint.  Paths match exactly; methods is NULL-terminated
 * and doubles as the Allow header of a 405. */
typedef struct
{
  const char     *path;
  const char     *methods[5];
  LiaHqRouteFunc  handle;
  LiaHqAccess     access;
} LiaHqRoute;

static void handle_health   (LiaHqServer       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LiaHqDevice       *device);
static void handle_enrol    (LiaHqServer       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LiaHqDevice       *device);
static void handle_push     (LiaHqServer       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LiaHqDevice       *device);
static void handle_pull     (LiaHqServer       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LiaHqDevice       *device);
static void handle_guidance (LiaHqServer       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LiaHqDevice       *device);
static void handle_blob     (LiaHqServer       *self,
                             SoupServerMessage *msg,
                             GHashTable        *query,
                             LiaHqDevice       *device);

static const LiaHqRoute routes[] = {
  { "/api/v1/health",   { "GET", "HEAD", NULL }, handle_health,   ACCESS_MONITORING },
  { "/api/v1/enrol",    { "POST", NULL },        handle_enrol,    ACCESS_ANYONE },
  { "/api/v1/push",     { "POST", NULL },        handle_push,     ACCESS_DEVICE },
  { "/api/v1/pull",     { "GET", NULL },         handle_pull,     ACCESS_DEVICE },
  { "/api/v1/guidance", { "GET", NULL },         handle_guidance, ACCESS_DEVICE },
  /* Ends with “/”: the rest of the path is the blob's SHA-256. */
  { LIA_HQ_BLOBS_PATH_PREFIX, { "GET", "HEAD", "PUT", NULL }, handle_blob, ACCESS_DEVICE },
};

/* Makes client-supplied text safe to echo into JSON or a log: valid UTF-8
 * and bounded, whatever was sent. */
static char *
sanitize_for_echo (const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *head = NULL;
  gsize len;

  if (text == NULL)
    return g_strdup ("");

  /* Four bytes per character are enough to keep ECHO_MAX_CHARS of them;
   * the rest is never even scanned. */
  len = strnlen (text, ECHO_MAX_CHARS * 4 + 1);
  valid = g_utf8_make_valid (text, len);

  if (g_utf8_strlen (valid, -1) <= ECHO_MAX_CHARS)
    return g_steal_pointer (&valid);

  head = g_utf8_substring (valid, 0, ECHO_MAX_CHARS);

  return g_strconcat (head, "…", NULL);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *root)
{
  SoupMessageHeaders *headers;
  char *body;

  body = json_to_string (root, FALSE);

  headers = soup_server_message_get_response_headers (msg);
  /* Responses will carry operational data: never let a proxy keep them. */
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  soup_server_message_set_status (msg, status,
                                  status == STATUS_TOO_MANY_REQUESTS ? "Too Many Requests" : NULL);
  soup_server_message_set_response (msg, "application/json; charset=utf-8",
                                    SOUP_MEMORY_TAKE, body, strlen (body));
}

static void
respond_error (SoupServerMessage *msg,
               guint              status,
               const char        *code,
               const char        *message)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, code);
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, status, root);
}

static void
handle_health (LiaHqServer       *self,
               SoupServerMessage *msg,
               GHashTable        *query,
               LiaHqDevice       *device)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_string_value (builder, "ok");
  json_builder_set_member_name (builder, "service");
  json_builder_add_string_value (builder, "liaison-hq");
  json_builder_set_member_name (builder, "version");
  json_builder_add_string_value (builder, PACKAGE_VERSION);
  json_builder_set_member_name (builder, "schema");
  json_builder_add_int_value (builder, lia_hq_store_get_schema_version (self->store));
  json_builder_set_member_name (builder, "api");
  json_builder_add_int_value (builder, LIA_HQ_API_VERSION);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_OK, root);
}

/* Push answers and pull pages are gzip on the wire, as the protocol says;
 * errors stay plain JSON so that anything can read them. */
static void
respond_gzip (SoupServerMessage *msg,
              guint              status,
              const char        *content_type,
              GBytes            *gzipped)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize len;
  gconstpointer data = g_bytes_get_data (gzipped, &len);

  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  soup_message_headers_replace (headers, "Content-Encoding", "gzip");

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY, data, len);
}

static guint
status_for_store_error (const GError  *error,
                        const char   **code)
{
  if (error->domain == LIA_HQ_STORE_ERROR)
    {
      switch ((LiaHqStoreError)error->code)
        {
        case LIA_HQ_STORE_ERROR_CODE_UNKNOWN:
          *code = "code-unknown";
          return SOUP_STATUS_FORBIDDEN;
        case LIA_HQ_STORE_ERROR_CODE_USED:
          *code = "code-used";
          return SOUP_STATUS_FORBIDDEN;
        case LIA_HQ_STORE_ERROR_CODE_EXPIRED:
          *code = "code-expired";
          return SOUP_STATUS_FORBIDDEN;
        case LIA_HQ_STORE_ERROR_TOKEN_UNKNOWN:
          *code = "token-unknown";
          return SOUP_STATUS_UNAUTHORIZED;
        case LIA_HQ_STORE_ERROR_TOKEN_REVOKED:
          *code = "token-revoked";
          return SOUP_STATUS_UNAUTHORIZED;
        case LIA_HQ_STORE_ERROR_TOKEN_EXPIRED:
          *code = "token-expired";
          return SOUP_STATUS_UNAUTHORIZED;
        case LIA_HQ_STORE_ERROR_FORBIDDEN:
          *code = "forbidden";
          return SOUP_STATUS_FORBIDDEN;
        case LIA_HQ_STORE_ERROR_NOTHING_PUBLISHED:
          *code = "not-published";
          return SOUP_STATUS_NOT_FOUND;
        case LIA_HQ_STORE_ERROR_DEVICE_UNKNOWN:
        case LIA_HQ_STORE_ERROR_NOT_NEWER:
        default:
          break;
        }
    }

  *code = "internal";
  return SOUP_STATUS_INTERNAL_SERVER_ERROR;
}

static void
respond_store_error (SoupServerMessage *msg,
                     const GError      *error)
{
  const char *code;
  guint status = status_for_store_error (error, &code);

  if (status == SOUP_STATUS_INTERNAL_SERVER_ERROR)
    {
      /* SQLite's message names no record content: safe to log, useless
       * to a device. */
      g_warning ("%s", error->message);
      respond_error (msg, status, code, _("HQ could not store or read its data. Try again later."));
      return;
    }

  respond_error (msg, status, code, error->message);
}

static GBytes *
request_body (SoupServerMessage *msg)
{
  return soup_message_body_flatten (soup_server_message_get_request_body (msg));
}

/* Enrolment: `{"code": "…", "device_name": "…"}`, both strings; the name
 * may be left out.  Nothing else is accepted. */
static gboolean
parse_enrol_request (GBytes      *body,
                     char       **code,
                     char       **device_name,
                     GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GList) members = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  JsonObject *object;
  JsonNode *root;
  JsonNode *node;

  if (len == 0 || !g_utf8_validate_len (data, len, NULL) ||
      !json_parser_load_from_data (parser, data, len, NULL) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The body must be a JSON object with “code” and “device_name”."));
      return FALSE;
    }

  object = json_node_get_object (root);
  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_str_equal (l->data, "code") && !g_str_equal (l->data, "device_name"))
        {
          g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("The body may hold only “code” and “device_name”."));
          return FALSE;
        }
    }

  node = json_object_get_member (object, "code");
  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("code: must be a string."));
      return FALSE;
    }
  *code = json_node_dup_string (node);

  node = json_object_get_member (object, "device_name");
  if (node != NULL &&
      (json_node_get_value_type (node) != G_TYPE_STRING ||
       g_utf8_strlen (json_node_get_string (node), -1) > MAX_DEVICE_NAME_CHARS))
    {
      g_clear_pointer (code, g_free);
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("device_name: must be a string of at most %d characters."), MAX_DEVICE_NAME_CHARS);
      return FALSE;
    }
  *device_name = g_strdup (node != NULL ? json_node_get_string (node) : "");

  return TRUE;
}

static void
handle_enrol (LiaHqServer       *self,
              SoupServerMessage *msg,
              GHashTable        *query,
              LiaHqDevice       *unused)
{
  g_autoptr(GBytes) body = request_body (msg);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaHqDevice) device = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *code = NULL;
  g_autofree char *device_name = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *code_hash = NULL;
  g_autofree char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *server_time = NULL;
  g_autofree char *escrow_key = NULL;

  if (!parse_enrol_request (body, &code, &device_name, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", error->message);
      return;
    }

  if (!(secret = lia_hq_auth_parse_enrol_code (code)))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     _("This is not an enrolment code: they look like LIA1-ABCDEFGHIJKLMNOPQRSTUVWX-…"));
      return;
    }

  code_hash = lia_hq_auth_hash (secret);
  token = lia_hq_auth_new_token ();
  token_hash = lia_hq_auth_hash (token);

  if (!(device = lia_hq_store_enrol (self->store, code_hash, device_name, token_hash, &error)))
    {
      respond_store_error (msg, error);
      return;
    }

  server_time = lia_clock_format_iso8601 (now);
  escrow_key = lia_hq_escrow_for_operation (self->store, device->operation);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, device->id);
  json_builder_set_member_name (builder, "token");
  json_builder_add_string_value (builder, token);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, device->operation);
  json_builder_set_member_name (builder, "clearance");
  json_builder_add_string_value (builder, lia_sensitivity_to_string (device->clearance));
  json_builder_set_member_name (builder, "token_expires_at");
  json_builder_add_string_value (builder, device->token_expires_at);
  json_builder_set_member_name (builder, "server_time");
  json_builder_add_string_value (builder, server_time);
  /* The device seals its data key to it: HQ can recover its data. */
  if (escrow_key != NULL)
    {
      json_builder_set_member_name (builder, "escrow_public_key");
      json_builder_add_string_value (builder, escrow_key);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  respond_json (msg, SOUP_STATUS_CREATED, root);
}

static void
handle_push (LiaHqServer       *self,
             SoupServerMessage *msg,
             GHashTable        *query,
             LiaHqDevice       *device)
{
  g_autoptr(GBytes) body = request_body (msg);
  g_autoptr(GBytes) gzipped = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *response = NULL;
  gboolean per_change;
  gint64 batch_seq;

  if (!lia_sync_decode_push (body, &device_id, &batch_seq, &changes, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", error->message);
      return;
    }

  if (!g_str_equal (device_id, device->id))
    {
      respond_error (msg, SOUP_STATUS_FORBIDDEN, "forbidden",
                     _("device_id: the batch names another device than the token's."));
      return;
    }

  /* Devices that list refused changes one by one say so; others get the
   * whole batch refused, as before, and never mistake a refusal for an
   * acknowledgement. */
  per_change = g_strcmp0 (query != NULL ? g_hash_table_lookup (query, "refusals") : NULL, "per-change") == 0;

  if (!(response = lia_hq_store_push (self->store, device, batch_seq, changes, per_change, &error)))
    {
      respond_store_error (msg, error);
      return;
    }

  gzipped = lia_sync_gzip (response, strlen (response));
  respond_gzip (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", gzipped);
}

/* A whole number from @min to @max in the query, or @fallback if absent. */
static gboolean
query_int (GHashTable  *query,
           const char  *name,
           gint64       min,
           gint64       max,
           gint64       fallback,
           gint64      *value,
           GError     **error)
{
  const char *text = query != NULL ? g_hash_table_lookup (query, name) : NULL;
  guint64 parsed;

  if (text == NULL)
    {
      *value = fallback;
      return TRUE;
    }

  if (!g_ascii_string_to_unsigned (text, 10, min, max, &parsed, NULL))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s: must be a whole number from %" PRId64 " to %" PRId64 "."),
                   name, min, max);
      return FALSE;
    }

  *value = parsed;
  return TRUE;
}

static void
handle_pull (LiaHqServer       *self,
             SoupServerMessage *msg,
             GHashTable        *query,
             LiaHqDevice       *device)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GBytes) gzipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor_text = NULL;
  gint64 since;
  gint64 limit;
  gint64 cursor;
  gboolean more;

  if (!query_int (query, "since", 0, G_MAXINT64, 0, &since, &error) ||
      !query_int (query, "limit", 1, LIA_SYNC_MAX_BATCH_CHANGES, LIA_SYNC_MAX_BATCH_CHANGES, &limit, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", error->message);
      return;
    }

  /* Half the limit the device decodes, so that the envelope and JSON
   * escaping always fit. */
  if (!(changes = lia_hq_store_pull (self->store, device, since, limit, LIA_SYNC_MAX_BODY / 2,
                                     &cursor, &more, &error)))
    {
      respond_store_error (msg, error);
      return;
    }

  cursor_text = g_strdup_printf ("%" G_GINT64_FORMAT, cursor);
  gzipped = lia_sync_encode_pull (changes, cursor_text, more);
  respond_gzip (msg, SOUP_STATUS_OK, "application/json; charset=utf-8", gzipped);
}

static void
handle_guidance (LiaHqServer       *self,
                 SoupServerMessage *msg,
                 GHashTable        *query,
                 LiaHqDevice       *device)
{
  g_autoptr(LiaHqGuidance) guidance = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *size = NULL;
  g_autofree char *etag = NULL;
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gint64 have;

  if (!query_int (query, "have", 0, G_MAXINT64, 0, &have, &error))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid", error->message);
      return;
    }

  if (!(guidance = lia_hq_store_get_guidance (self->store, &error)))
    {
      respond_store_error (msg, error);
      return;
    }

  version = g_strdup_printf ("%" G_GINT64_FORMAT, guidance->content_version);
  soup_message_headers_replace (headers, "X-Liaison-Content-Version", version);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");

  /* The device has this pack or a newer one: one short answer. */
  if (have >= guidance->content_version)
    {
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_MODIFIED, NULL);
      return;
    }

  size = g_strdup_printf ("%" G_GSIZE_FORMAT, guidance->size);
  etag = g_strdup_printf ("\"%s\"", guidance->sha256);
  soup_message_headers_replace (headers, "X-Liaison-Pack-Sha256", guidance->sha256);
  soup_message_headers_replace (headers, "X-Liaison-Pack-Size", size);
  soup_message_headers_replace (headers, "ETag", etag);
  respond_gzip (msg, SOUP_STATUS_OK, "application/vnd.liaison.guidance-pack", guidance->gzipped);
}

/* Attachments: PUT stores the request body as the blob the path names
 * (hash checked), HEAD says whether HQ has it, GET returns one a record
 * visible to the device references. */
static void
handle_blob (LiaHqServer       *self,
             SoupServerMessage *msg,
             GHashTable        *query,
             LiaHqDevice       *device)
{
  const char *sha256 = g_uri_get_path (soup_server_message_get_uri (msg)) + strlen (LIA_HQ_BLOBS_PATH_PREFIX);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!lia_hq_blobs_is_name (sha256))
    {
      respond_error (msg, SOUP_STATUS_BAD_REQUEST, "invalid",
                     _("A blob is named by its SHA-256 in 64 lowercase hex digits."));
      return;
    }

  if (g_str_equal (soup_server_message_get_method (msg), "PUT"))
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      gboolean created;

      bytes = request_body (msg);
      if (!lia_hq_blobs_put (self->store, sha256, bytes, &created, &error))
        {
          respond_error (msg, g_error_matches (error, LIA_ERROR, LIA_ERROR_INVALID)
                              ? SOUP_STATUS_BAD_REQUEST : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                         g_error_matches (error, LIA_ERROR, LIA_ERROR_INVALID) ? "invalid" : "failed",
                         error->message);
          return;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "sha256");
      json_builder_add_string_value (builder, sha256);
      json_builder_set_member_name (builder, "size");
      json_builder_add_int_value (builder, g_bytes_get_size (bytes));
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      respond_json (msg, created ? SOUP_STATUS_CREATED : SOUP_STATUS_OK, root);
      return;
    }

  /* Whether HQ holds it, so that a device sends it only once. */
  if (g_str_equal (soup_server_message_get_method (msg), "HEAD"))
    {
      soup_server_message_set_status (msg, lia_hq_blobs_has (self->store, sha256)
                                           ? SOUP_STATUS_OK : SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }

  if (!(bytes = lia_hq_blobs_get (self->store, device, sha256, &error)))
    {
      respond_error (msg, g_error_matches (error, LIA_ERROR, LIA_ERROR_NOT_FOUND)
                          ? SOUP_STATUS_NOT_FOUND : SOUP_STATUS_INTERNAL_SERVER_ERROR,
                     g_error_matches (error, LIA_ERROR, LIA_ERROR_NOT_FOUND) ? "not-found" : "failed",
                     error->message);
      return;
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Cache-Control", "no-store");
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/octet-stream", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static const LiaHqRoute *
find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (g_strcmp0 (routes[i].path, path) == 0)
        return &routes[i];
      /* A route ending with “/” takes a name after it. */
      if (path != NULL && g_str_has_suffix (routes[i].path, "/") &&
          g_str_has_prefix (path, routes[i].path) && strchr (path + strlen (routes[i].path), '/') == NULL)
        return &routes[i];
    }

  return NULL;
}

/* An attachment may be larger than the batches the body limit is set for. */
static guint64
max_body_for (LiaHqServer *self,
              const char  *path)
{
  if (path != NULL && g_str_has_prefix (path, LIA_HQ_BLOBS_PATH_PREFIX))
    return MAX (self->max_body_size, (guint64) LIA_ATTACHMENT_MAX_SIZE);

  return self->max_body_size;
}

static gboolean
route_allows (const LiaHqRoute *route,
              const char       *method)
{
  for (guint i = 0; route->methods[i] != NULL; i++)
    {
      if (g_strcmp0 (route->methods[i], method) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Every request comes through here, so that unknown paths and methods get
 * the same JSON answers as the endpoints themselves. */
static void
lia_hq_server_dispatch (SoupServer        *soup,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  LiaHqServer *self = user_data;
  const char *method = soup_server_message_get_method (msg);
  const LiaHqRoute *route;
  LiaHqDevice *device;

  g_assert (LIA_IS_HQ_SERVER (self));

  /* Refused from its headers already (too large, no valid token…). */
  if (soup_server_message_get_status (msg) != 0)
    return;

  if (!(route = find_route (path)))
    {
      g_autofree char *echo = sanitize_for_echo (path);
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("No such endpoint: %s. See /api/v1/health."), echo);
      respond_error (msg, SOUP_STATUS_NOT_FOUND, "not-found", message);
      return;
    }

  if (!route_allows (route, method))
    {
      g_autofree char *allow = g_strjoinv (", ", (char **)route->methods);
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("%s accepts only %s."), route->path, allow);
      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Allow", allow);
      respond_error (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed", message);
      return;
    }

  if (route->access != ACCESS_DEVICE)
    {
      route->handle (self, msg, query, NULL);
      return;
    }

  /* Authenticated in on_got_headers, before the body was read. */
  device = g_object_get_data (G_OBJECT (msg), DEVICE_KEY);
  g_assert (device != NULL);
  route->handle (self, msg, query, device);
}

/* Answers before the body is read, and keeps none of it. */
static void
refuse_early (SoupServerMessage *msg,
              guint              status,
              const char        *code,
              const char        *message)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  /* libsoup still drains a body it was not told to skip (unless the client
   * sent Expect: 100-continue); make sure none of it is kept in memory. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);

  /* The rest of this request may still be on the wire: do not reuse it. */
  if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_NONE &&
      !(soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
        soup_message_headers_get_content_length (headers) == 0))
    soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                  "Connection", "close");

  respond_error (msg, status, code, message);
}

static void
reject_too_large (LiaHqServer       *self,
                  SoupServerMessage *msg)
{
  g_autofree char *limit = g_format_size_full (self->max_body_size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = NULL;

  message = g_strdup_printf (_("The request body is larger than %s. Send it in smaller batches."),
                             limit);
  refuse_early (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large", message);
}

static gboolean
within_rate_limit (LiaHqServer       *self,
            LiaHqRateLimiter  *limiter,
            const char        *key,
            SoupServerMessage *msg)
{
  g_autofree char *seconds = NULL;
  g_autofree char *message = NULL;
  guint retry_after = 0;

  if (lia_hq_rate_limiter_take (limiter, key, g_get_monotonic_time (), &retry_after))
    return TRUE;

  seconds = g_strdup_printf ("%u", retry_after);
  message = g_strdup_printf (_("Too many requests. Try again in %u seconds."), retry_after);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Retry-After", seconds);
  refuse_early (msg, STATUS_TOO_MANY_REQUESTS, "rate-limited", message);

  return FALSE;
}

static const char *
remote_address (SoupServerMessage *msg)
{
  const char *host = soup_server_message_get_remote_host (msg);

  return host != NULL ? host : "unknown";
}

/* Takes the device token from “Authorization: Bearer …”.  A refusal is
 * answered here, before any of the body is read, and writes nothing. */
static LiaHqDevice *
authenticate (LiaHqServer       *self,
              SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *authorization = soup_message_headers_get_one (headers, "Authorization");
  const char *token = NULL;
  g_autofree char *token_hash = NULL;
  g_autoptr(GError) error = NULL;
  LiaHqDevice *device;
  const char *code = NULL;
  const char *message = NULL;

  if (authorization == NULL)
    {
      code = "token-missing";
      message = _("This endpoint needs a device token: Authorization: Bearer TOKEN.");
    }
  else if (g_ascii_strncasecmp (authorization, "Bearer ", strlen ("Bearer ")) != 0 ||
           !lia_hq_auth_token_is_wellformed (token = authorization + strlen ("Bearer ")))
    {
      code = "token-malformed";
      message = _("The Authorization header does not hold a device token.");
    }
  else
    {
      token_hash = lia_hq_auth_hash (token);
      if ((device = lia_hq_store_authenticate (self->store, token_hash, &error)))
        return device;

      if (status_for_store_error (error, &code) != SOUP_STATUS_UNAUTHORIZED)
        {
          respond_store_error (msg, error);
          return NULL;
        }
      message = error->message;
    }

  /* Refusals count against the address, so that guessing is slow too. */
  if (!within_rate_limit (self, self->address_limiter, remote_address (msg), msg))
    return NULL;

  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "WWW-Authenticate", "Bearer realm=\"liaison-hq\"");
  refuse_early (msg, SOUP_STATUS_UNAUTHORIZED, code, message);

  return NULL;
}

/* Chunked bodies announce no size: count them as they arrive. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              LiaHqServer       *self)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  GUri *uri = soup_server_message_get_uri (msg);

  if (soup_server_message_get_status (msg) == 0 &&
      (guint64)body->length > max_body_for (self, uri != NULL ? g_uri_get_path (uri) : NULL))
    reject_too_large (self, msg);
}

/* Runs before any of the body is read, so that an oversized,
 * unauthenticated or rate-limited request is refused from its headers
 * alone. */
static void
on_got_headers (SoupServerMessage *msg,
                LiaHqServer       *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  GUri *uri = soup_server_message_get_uri (msg);
  const char *path = uri != NULL ? g_uri_get_path (uri) : NULL;
  const LiaHqRoute *route;

  /* libsoup has refused it already (a path with %00 or “..”, …): only
   * make the answer JSON like every other. */
  if (soup_server_message_get_status (msg) != 0)
    {
      guint status = soup_server_message_get_status (msg);

      if (soup_server_message_get_response_body (msg)->length == 0)
        respond_error (msg, status,
                       status == SOUP_STATUS_BAD_REQUEST ? "bad-request" : "refused",
                       soup_status_get_phrase (status));
      return;
    }

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      (guint64)soup_message_headers_get_content_length (headers) > max_body_for (self, path))
    {
      reject_too_large (self, msg);
      return;
    }

  /* Authentication and rate limits, from the headers alone: nobody
   * without a valid token gets HQ to read a body. */
  route = find_route (path);
  if (route != NULL && route_allows (route, soup_server_message_get_method (msg)))
    {
      LiaHqDevice *device;

      switch (route->access)
        {
        case ACCESS_DEVICE:
          if (!(device = authenticate (self, msg)))
            return;
          g_object_set_data_full (G_OBJECT (msg), DEVICE_KEY, device, (GDestroyNotify)lia_hq_device_free);
          if (!within_rate_limit (self, self->device_limiter, device->id, msg))
            return;
          break;

        case ACCESS_ANYONE:
          if (!within_rate_limit (self, self->address_limiter, remote_address (msg), msg))
            return;
          break;

        case ACCESS_MONITORING:
        default:
          break;
        }
    }

  g_signal_connect_object (msg, "got-chunk", G_CALLBACK (on_got_chunk), self, 0);
}

static void
on_request_started (SoupServer        *soup,
                    SoupServerMessage *msg,
                    LiaHqServer       *self)
{
  GSocket *socket;

  /* SoupServer 3.2 has no timeout of its own.  A GSocket timeout makes
   * every wait on this connection (for headers, body or the next request)
   * give up after idle_timeout seconds of silence. */
  socket = soup_server_message_get_socket (msg);
  if (socket != NULL)
    g_socket_set_timeout (socket, self->idle_timeout);

  g_signal_connect_object (msg, "got-headers", G_CALLBACK (on_got_headers), self, 0);
}

/* Method, path and status only: bodies and query strings will carry
 * sensitive data and tokens, and never reach the log. */
static void
on_request_finished (SoupServer        *soup,
                     SoupServerMessage *msg,
                     LiaHqServer       *self)
{
  GUri *uri = soup_server_message_get_uri (msg);
  g_autofree char *path = NULL;

  if (uri == NULL)
    return;

  path = sanitize_for_echo (g_uri_get_path (uri));
  g_debug ("%s %s → %u",
           soup_server_message_get_method (msg),
           path,
           soup_server_message_get_status (msg));
}

static void
lia_hq_server_constructed (GObject *object)
{
  LiaHqServer *self = (LiaHqServer *)object;

  G_OBJECT_CLASS (lia_hq_server_parent_class)->constructed (object);

  g_assert (LIA_IS_HQ_STORE (self->store));

  /* No trailing space: libsoup would append its own version for anyone
   * probing us. */
  self->soup = soup_server_new ("server-header", "liaison-hq/" PACKAGE_VERSION,
                                NULL);

  g_signal_connect_object (self->soup, "request-started",
                           G_CALLBACK (on_request_started), self, 0);
  g_signal_connect_object (self->soup, "request-finished",
                           G_CALLBACK (on_request_finished), self, 0);

  soup_server_add_handler (self->soup, NULL, lia_hq_server_dispatch, self, NULL);

  self->dashboard = lia_hq_dashboard_new (self->store);
  soup_server_add_handler (self->soup, LIA_HQ_DASHBOARD_PATH, lia_hq_dashboard_handle, self->dashboard, NULL);
}

static void
lia_hq_server_dispose (GObject *object)
{
  LiaHqServer *self = (LiaHqServer *)object;

  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      soup_server_remove_handler (self->soup, NULL);
      soup_server_remove_handler (self->soup, LIA_HQ_DASHBOARD_PATH);
      g_clear_object (&self->soup);
    }

  g_clear_object (&self->store);
  g_clear_object (&self->tls_certificate);
  g_clear_object (&self->dashboard);
  g_clear_pointer (&self->device_limiter, lia_hq_rate_limiter_free);
  g_clear_pointer (&self->address_limiter, lia_hq_rate_limiter_free);

  G_OBJECT_CLASS (lia_hq_server_parent_class)->dispose (object);
}

static void
lia_hq_server_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LiaHqServer *self = LIA_HQ_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_MAX_BODY_SIZE:
      g_value_set_uint64 (value, self->max_body_size);
      break;

    case PROP_IDLE_TIMEOUT:
      g_value_set_uint (value, self->idle_timeout);
      break;

    case PROP_RATE_LIMIT:
      g_value_set_uint (value, self->rate_limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_hq_server_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LiaHqServer *self = LIA_HQ_SERVER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_MAX_BODY_SIZE:
      lia_hq_server_set_max_body_size (self, g_value_get_uint64 (value));
      break;

    case PROP_IDLE_TIMEOUT:
      lia_hq_server_set_idle_timeout (self, g_value_get_uint (value));
      break;

    case PROP_RATE_LIMIT:
      lia_hq_server_set_rate_limit (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_hq_server_class_init (LiaHqServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lia_hq_server_constructed;
  object_class->dispose = lia_hq_server_dispose;
  object_class->get_property = lia_hq_server_get_property;
  object_class->set_property = lia_hq_server_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         LIA_TYPE_HQ_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_MAX_BODY_SIZE] =
    g_param_spec_uint64 ("max-body-size", NULL, NULL,
                         1, G_MAXUINT64, LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  /* 0 would mean waiting for a silent client forever. */
  properties[PROP_IDLE_TIMEOUT] =
    g_param_spec_uint ("idle-timeout", NULL, NULL,
                       1, G_MAXUINT, LIA_HQ_SERVER_DEFAULT_IDLE_TIMEOUT,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties[PROP_RATE_LIMIT] =
    g_param_spec_uint ("rate-limit", NULL, NULL,
                       1, G_MAXUINT, LIA_HQ_SERVER_DEFAULT_RATE_LIMIT,
                       (G_PARAM_READWRITE |
                        G_PARAM_CONSTRUCT |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_hq_server_init (LiaHqServer *self)
{
  self->max_body_size = LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE;
  self->idle_timeout = LIA_HQ_SERVER_DEFAULT_IDLE_TIMEOUT;
  self->rate_limit = LIA_HQ_SERVER_DEFAULT_RATE_LIMIT;
  self->device_limiter = lia_hq_rate_limiter_new (self->rate_limit);
  self->address_limiter = lia_hq_rate_limiter_new (self->rate_limit);
}

LiaHqServer *
lia_hq_server_new (LiaHqStore *store)
{
  g_return_val_if_fail (LIA_IS_HQ_STORE (store), NULL);

  return g_object_new (LIA_TYPE_HQ_SERVER,
                       "store", store,
                       NULL);
}

LiaHqStore *
lia_hq_server_get_store (LiaHqServer *self)
{
  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), NULL);

  return self->store;
}

LiaHqDashboard *
lia_hq_server_get_dashboard (LiaHqServer *self)
{
  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), NULL);

  return self->dashboard;
}

guint64
lia_hq_server_get_max_body_size (LiaHqServer *self)
{
  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), 0);

  return self->max_body_size;
}

void
lia_hq_server_set_max_body_size (LiaHqServer *self,
                                 guint64      max_body_size)
{
  g_return_if_fail (LIA_IS_HQ_SERVER (self));
  g_return_if_fail (max_body_size > 0);

  if (self->max_body_size != max_body_size)
    {
      self->max_body_size = max_body_size;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_BODY_SIZE]);
    }
}

guint
lia_hq_server_get_idle_timeout (LiaHqServer *self)
{
  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), 0);

  return self->idle_timeout;
}

/**
 * lia_hq_server_set_idle_timeout:
 * @self: a #LiaHqServer
 * @idle_timeout: seconds of silence after which a connection is dropped
 *
 * Applies to connections accepted from now on.
 */
void
lia_hq_server_set_idle_timeout (LiaHqServer *self,
                                guint        idle_timeout)
{
  g_return_if_fail (LIA_IS_HQ_SERVER (self));
  g_return_if_fail (idle_timeout > 0);

  if (self->idle_timeout != idle_timeout)
    {
      self->idle_timeout = idle_timeout;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IDLE_TIMEOUT]);
    }
}

guint
lia_hq_server_get_rate_limit (LiaHqServer *self)
{
  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), 0);

  return self->rate_limit;
}

/**
 * lia_hq_server_set_rate_limit:
 * @self: a #LiaHqServer
 * @per_minute: requests a device (or, without a token, an address) may
 *   make per minute; a full minute's worth may come at once
 *
 * Starts every bucket afresh.
 */
void
lia_hq_server_set_rate_limit (LiaHqServer *self,
                              guint        per_minute)
{
  g_return_if_fail (LIA_IS_HQ_SERVER (self));
  g_return_if_fail (per_minute > 0);

  if (self->rate_limit == per_minute)
    return;

  self->rate_limit = per_minute;
  g_clear_pointer (&self->device_limiter, lia_hq_rate_limiter_free);
  g_clear_pointer (&self->address_limiter, lia_hq_rate_limiter_free);
  self->device_limiter = lia_hq_rate_limiter_new (per_minute);
  self->address_limiter = lia_hq_rate_limiter_new (per_minute);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RATE_LIMIT]);
}

/**
 * lia_hq_server_set_tls_certificate:
 * @self: a #LiaHqServer
 * @certificate: (nullable): the certificate and key to serve HTTPS with
 *
 * Applies to lia_hq_server_listen() calls made after it.
 */
void
lia_hq_server_set_tls_certificate (LiaHqServer     *self,
                                   GTlsCertificate *certificate)
{
  g_return_if_fail (LIA_IS_HQ_SERVER (self));
  g_return_if_fail (certificate == NULL || G_IS_TLS_CERTIFICATE (certificate));

  g_set_object (&self->tls_certificate, certificate);
  g_object_set (self->soup, "tls-certificate", certificate, NULL);
}

/**
 * lia_hq_server_listen:
 * @self: a #LiaHqServer
 * @address: the address to listen on
 * @port: the TCP port, or 0 to pick a free one
 * @error: a location for a #GError
 *
 * Starts accepting connections on @address: HTTPS if a TLS certificate
 * was set, plain HTTP otherwise.
 *
 * Returns: %TRUE if listening
 */
gboolean
lia_hq_server_listen (LiaHqServer   *self,
                      GInetAddress  *address,
                      guint          port,
                      GError       **error)
{
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), FALSE);
  g_return_val_if_fail (G_IS_INET_ADDRESS (address), FALSE);
  g_return_val_if_fail (port <= G_MAXUINT16, FALSE);

  socket_address = g_inet_socket_address_new (address, port);

  return soup_server_listen (self->soup, socket_address,
                             self->tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0,
                             error);
}

/**
 * lia_hq_server_dup_uri:
 * @self: a #LiaHqServer
 *
 * Returns: (transfer full) (nullable): the base URI the server listens on,
 *   with the port actually bound, or %NULL if it is not listening
 */
char *
lia_hq_server_dup_uri (LiaHqServer *self)
{
  g_autoslist(GUri) uris = NULL;

  g_return_val_if_fail (LIA_IS_HQ_SERVER (self), NULL);

  if (self->soup == NULL)
    return NULL;

  uris = soup_server_get_uris (self->soup);
  if (uris == NULL)
    return NULL;

  return g_uri_to_string (uris->data);
}

/**
 * lia_hq_server_disconnect:
 * @self: a #LiaHqServer
 *
 * Stops listening and closes every client connection.
 */
void
lia_hq_server_disconnect (LiaHqServer *self)
{
  g_return_if_fail (LIA_IS_HQ_SERVER (self));

  if (self->soup != NULL)
    soup_server_disconnect (self->soup);
}
