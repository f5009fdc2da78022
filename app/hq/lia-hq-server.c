/* lia-hq-server.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "lia-hq-server.h"

/* Bumped only when a change would break field devices already deployed. */
#define LIA_HQ_API_VERSION 1

/* What we echo of a client's path in an error, in characters. */
#define ECHO_MAX_CHARS 200

struct _LiaHqServer
{
  GObject     parent_instance;

  LiaHqStore *store;
  SoupServer *soup;
  guint64     max_body_size;
  guint       idle_timeout;
};

G_DEFINE_FINAL_TYPE (LiaHqServer, lia_hq_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_MAX_BODY_SIZE,
  PROP_IDLE_TIMEOUT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef void (*LiaHqRouteFunc) (LiaHqServer       *self,
                                SoupServerMessage *msg,
                                GHashTable        *query);

/* One entry per endpoint.  Paths match exactly; methods is NULL-terminated
 * and doubles as the Allow header of a 405. */
typedef struct
{
  const char     *path;
  const char     *methods[5];
  LiaHqRouteFunc  handle;
} LiaHqRoute;

static void handle_health (LiaHqServer       *self,
                           SoupServerMessage *msg,
                           GHashTable        *query);

static const LiaHqRoute routes[] = {
  { "/api/v1/health", { "GET", "HEAD", NULL }, handle_health },
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

  soup_server_message_set_status (msg, status, NULL);
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
               GHashTable        *query)
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

static const LiaHqRoute *
find_route (const char *path)
{
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      if (g_strcmp0 (routes[i].path, path) == 0)
        return &routes[i];
    }

  return NULL;
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

  g_assert (LIA_IS_HQ_SERVER (self));

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

  route->handle (self, msg, query);
}

static void
reject_too_large (LiaHqServer       *self,
                  SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autofree char *limit = g_format_size_full (self->max_body_size, G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *message = NULL;

  /* libsoup still drains a body it was not told to skip (unless the client
   * sent Expect: 100-continue); make sure none of it is kept in memory. */
  soup_message_body_set_accumulate (body, FALSE);
  soup_message_body_truncate (body);

  /* The rest of this request may still be on the wire: do not reuse it. */
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Connection", "close");

  message = g_strdup_printf (_("The request body is larger than %s. Send it in smaller batches."),
                             limit);
  respond_error (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large", message);
}

/* Chunked bodies announce no size: count them as they arrive. */
static void
on_got_chunk (SoupServerMessage *msg,
              GBytes            *chunk,
              LiaHqServer       *self)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (soup_server_message_get_status (msg) == 0 &&
      (guint64)body->length > self->max_body_size)
    reject_too_large (self, msg);
}

/* Runs before any of the body is read, so an oversized request is refused
 * from its headers alone. */
static void
on_got_headers (SoupServerMessage *msg,
                LiaHqServer       *self)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

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
      (guint64)soup_message_headers_get_content_length (headers) > self->max_body_size)
    {
      reject_too_large (self, msg);
      return;
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
}

static void
lia_hq_server_dispose (GObject *object)
{
  LiaHqServer *self = (LiaHqServer *)object;

  if (self->soup != NULL)
    {
      soup_server_disconnect (self->soup);
      soup_server_remove_handler (self->soup, NULL);
      g_clear_object (&self->soup);
    }

  g_clear_object (&self->store);

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

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_hq_server_init (LiaHqServer *self)
{
  self->max_body_size = LIA_HQ_SERVER_DEFAULT_MAX_BODY_SIZE;
  self->idle_timeout = LIA_HQ_SERVER_DEFAULT_IDLE_TIMEOUT;
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

/**
 * lia_hq_server_listen:
 * @self: a #LiaHqServer
 * @address: the address to listen on
 * @port: the TCP port, or 0 to pick a free one
 * @error: a location for a #GError
 *
 * Starts accepting plain HTTP connections on @address.  TLS is the job of
 * the reverse proxy in front of HQ.
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

  return soup_server_listen (self->soup, socket_address, 0, error);
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
