/* test-sync-engine.c — the client side of sync against an HQ stand-in
 *
 * The stand-in is a SoupServer in a thread of its own that speaks the
 * protocol through the shared codec, records every request and can be told
 * to fail; the engine under test is the real one, over libcurl.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-util.h"

#include <string.h>

#include <libsoup/soup.h>

#include "lia-store-private.h"
#include "lia-test-note.h"
#include "lia-test-store.h"

#define TOKEN       "test-token-4f9c"
#define GOOD_CODE   "LIA1-GOODCODEGOODCODEGOODCODE-"
#define HQ_DEVICE   "9a5d3b8e-0c1f-4e6a-b2d7-5f8e9c0a1b2d"
#define OTHER_AUTHOR "1b2c3d4e-5f60-4718-9a0b-c1d2e3f40516"

/* ---- an HQ stand-in ------------------------------------------------------ */

typedef struct
{
  gint64     batch_seq;
  GPtrArray *changes;   /* LiaSyncChange */
} PushRequest;

static void
push_request_free (PushRequest *request)
{
  g_ptr_array_unref (request->changes);
  g_free (request);
}

typedef struct
{
  GThread      *thread;
  GMainContext *context;
  GMainLoop    *loop;
  char         *url;

  GMutex        lock;
  GCond         ready;
  gboolean      started;

  /* What the tests set, under the lock. */
  guint         fail_pushes;     /* refuse this many pushes, writing nothing */
  guint         lose_acks;       /* commit this many pushes, then fail the answer */
  gboolean      revoked;
  guint         page_size;
  GPtrArray    *to_pull;         /* LiaSyncChange, served in order */

  /* What the stand-in saw. */
  GPtrArray    *pushes;          /* every PushRequest, repeats included */
  GHashTable   *committed;       /* batch_seq → TRUE */
  GPtrArray    *applied;         /* "uuid/revision" of each change committed */
  guint         pulls;
} FakeHq;

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              const char        *json,
              gboolean           gzip)
{
  soup_server_message_set_status (msg, status, NULL);

  if (gzip)
    {
      g_autoptr(GBytes) body = lia_sync_gzip (json, strlen (json));

      soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                    "Content-Encoding", "gzip");
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        g_bytes_get_data (body, NULL), g_bytes_get_size (body));
    }
  else
    {
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                        json, strlen (json));
    }
}

static void
handle_enrol (FakeHq            *hq,
              SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *request;

  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                             g_bytes_get_size (body), NULL));
  request = json_node_get_object (json_parser_get_root (parser));

  if (!g_str_equal (json_object_get_string_member (request, "code"), GOOD_CODE))
    {
      respond_json (msg, 403, "{\"error\":\"bad-code\",\"message\":\"Unknown code.\"}", FALSE);
      return;
    }

  respond_json (msg, 201,
                "{\"device_id\":\"" HQ_DEVICE "\",\"token\":\"" TOKEN "\","
                "\"operation\":\"op-korvania\",\"clearance\":\"confidential\","
                "\"server_time\":\"2026-11-02T08:00:00.000000Z\"}",
                FALSE);
}

static void
handle_push (FakeHq            *hq,
             SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *answer = NULL;
  PushRequest *request = g_new0 (PushRequest, 1);
  const char *encoding;

  encoding = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                           "Content-Encoding");
  g_assert_cmpstr (encoding, ==, "gzip");
  g_assert_true (lia_sync_decode_push (body, &device_id, &request->batch_seq, &request->changes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (device_id, ==, HQ_DEVICE);
  g_ptr_array_add (hq->pushes, request);

  if (hq->fail_pushes > 0)
    {
      hq->fail_pushes--;
      respond_json (msg, 500, "{\"error\":\"internal\",\"message\":\"Disk full.\"}", FALSE);
      return;
    }

  /* Once per batch, like HQ's UNIQUE (device_id, batch_seq). */
  if (!g_hash_table_contains (hq->committed, GINT_TO_POINTER (request->batch_seq)))
    {
      g_hash_table_add (hq->committed, GINT_TO_POINTER (request->batch_seq));
      for (guint i = 0; i < request->changes->len; i++)
        {
          LiaSyncChange *change = g_ptr_array_index (request->changes, i);

          g_ptr_array_add (hq->applied, g_strdup_printf ("%s/%" G_GINT64_FORMAT,
                                                         change->uuid, change->revision));
        }
    }

  if (hq->lose_acks > 0)
    {
      hq->lose_acks--;
      respond_json (msg, 502, "{\"error\":\"gateway\",\"message\":\"Link lost.\"}", FALSE);
      return;
    }

  answer = g_strdup_printf ("{\"acked_seq\":%" G_GINT64_FORMAT ",\"conflicts\":[]}", request->batch_seq);
  respond_json (msg, 200, answer, TRUE);
}

static void
handle_pull (FakeHq            *hq,
             SoupServerMessage *msg,
             GHashTable        *query)
{
  const char *since = query != NULL ? g_hash_table_lookup (query, "since") : NULL;
  const char *limit = query != NULL ? g_hash_table_lookup (query, "limit") : NULL;
  g_autoptr(GPtrArray) page = g_ptr_array_new ();
  g_autoptr(GBytes) body = NULL;
  g_autofree char *cursor = NULL;
  guint start = since != NULL ? atoi (since) : 0;
  guint end;

  g_assert_nonnull (limit);
  g_assert_cmpint (atoi (limit), <=, LIA_SYNC_MAX_BATCH_CHANGES);

  end = MIN (hq->to_pull->len, start + MIN ((guint) atoi (limit), hq->page_size));
  for (guint i = start; i < end; i++)
    g_ptr_array_add (page, g_ptr_array_index (hq->to_pull, i));

  cursor = g_strdup_printf ("%u", end);
  body = lia_sync_encode_pull (page, cursor, end < hq->to_pull->len);
  hq->pulls++;

  soup_server_message_set_status (msg, 200, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Content-Encoding", "gzip");
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static void
handle_api (SoupServer        *server,
            SoupServerMessage *msg,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  FakeHq *hq = user_data;
  const char *auth;

  g_mutex_lock (&hq->lock);

  auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Authorization");

  if (g_str_equal (path, "/api/v1/enrol"))
    handle_enrol (hq, msg);
  else if (hq->revoked)
    respond_json (msg, 401, "{\"error\":\"token-revoked\",\"message\":\"This device was revoked.\"}", FALSE);
  else if (g_strcmp0 (auth, "Bearer " TOKEN) != 0)
    respond_json (msg, 401, "{\"error\":\"token-unknown\",\"message\":\"Unknown token.\"}", FALSE);
  else if (g_str_equal (path, "/api/v1/push"))
    handle_push (hq, msg);
  else if (g_str_equal (path, "/api/v1/pull"))
    handle_pull (hq, msg, query);
  else
    respond_json (msg, 404, "{\"error\":\"not-found\",\"message\":\"No such endpoint.\"}", FALSE);

  g_mutex_unlock (&hq->lock);
}

static gpointer
fake_hq_thread (gpointer data)
{
  FakeHq *hq = data;
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GSList *uris;

  g_main_context_push_thread_default (hq->context);

  server = soup_server_new (NULL, NULL);
  soup_server_add_handler (server, "/api/v1", handle_api, hq, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_mutex_lock (&hq->lock);
  hq->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  hq->started = TRUE;
  g_cond_signal (&hq->ready);
  g_mutex_unlock (&hq->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (hq->loop);

  soup_server_disconnect (server);
  g_main_context_pop_thread_default (hq->context);

  return NULL;
}

static FakeHq *
fake_hq_start (void)
{
  FakeHq *hq = g_new0 (FakeHq, 1);

  g_mutex_init (&hq->lock);
  g_cond_init (&hq->ready);
  hq->context = g_main_context_new ();
  hq->loop = g_main_loop_new (hq->context, FALSE);
  hq->page_size = LIA_SYNC_MAX_BATCH_CHANGES;
  hq->to_pull = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_sync_change_free);
  hq->pushes = g_ptr_array_new_with_free_func ((GDestroyNotify) push_request_free);
  hq->committed = g_hash_table_new (NULL, NULL);
  hq->applied = g_ptr_array_new_with_free_func (g_free);

  hq->thread = g_thread_new ("fake-hq", fake_hq_thread, hq);

  g_mutex_lock (&hq->lock);
  while (!hq->started)
    g_cond_wait (&hq->ready, &hq->lock);
  g_mutex_unlock (&hq->lock);

  return hq;
}

static void
fake_hq_stop (FakeHq *hq)
{
  g_main_loop_quit (hq->loop);
  g_thread_join (hq->thread);

  g_main_loop_unref (hq->loop);
  g_main_context_unref (hq->context);
  g_ptr_array_unref (hq->to_pull);
  g_ptr_array_unref (hq->pushes);
  g_hash_table_unref (hq->committed);
  g_ptr_array_unref (hq->applied);
  g_mutex_clear (&hq->lock);
  g_cond_clear (&hq->ready);
  g_free (hq->url);
  g_free (hq);
}

/* ---- a network monitor the test switches --------------------------------- */

#define TEST_TYPE_MONITOR (test_monitor_get_type ())
G_DECLARE_FINAL_TYPE (TestMonitor, test_monitor, TEST, MONITOR, GObject)

struct _TestMonitor
{
  GObject  parent_instance;
  gboolean available;
};

enum {
  MONITOR_PROP_0,
  MONITOR_PROP_AVAILABLE,
  MONITOR_PROP_METERED,
  MONITOR_PROP_CONNECTIVITY,
};

static void test_monitor_iface_init (GNetworkMonitorInterface *iface);
static void test_monitor_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestMonitor, test_monitor, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE, test_monitor_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR, test_monitor_iface_init))

static void
test_monitor_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestMonitor *self = TEST_MONITOR (object);

  switch (prop_id)
    {
    case MONITOR_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;

    case MONITOR_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;

    case MONITOR_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL : G_NETWORK_CONNECTIVITY_LOCAL);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_monitor_class_init (TestMonitorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_monitor_get_property;
  g_object_class_override_property (object_class, MONITOR_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, MONITOR_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, MONITOR_PROP_CONNECTIVITY, "connectivity");
}

static void
test_monitor_init (TestMonitor *self)
{
  self->available = TRUE;
}

static gboolean
test_monitor_initable_init_func (GInitable     *initable,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return TRUE;
}

static void
test_monitor_initable_init (GInitableIface *iface)
{
  iface->init = test_monitor_initable_init_func;
}

static void
test_monitor_iface_init (GNetworkMonitorInterface *iface)
{
}

static void
test_monitor_set_available (TestMonitor *self,
                            gboolean     available)
{
  self->available = available;
  g_signal_emit_by_name (self, "network-changed", available);
}

/* ---- fixture ---------------------------------------------------------------- */

typedef struct
{
  char          *dir;
  LiaClock      *clock;
  FakeHq        *hq;
  LiaStore      *store;
  LiaSyncEngine *engine;
} Fixture;

static LiaStore *
open_store (Fixture    *f,
            const char *name,
            LiaClock   *clock)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  LiaStore *store = lia_test_open_store_in_dir (dir, clock);

  g_assert_no_error (error);
  return store;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GDateTime) start = g_date_time_new_utc (2026, 11, 2, 8, 0, 0);
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("liaison-sync-engine-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->clock = lia_clock_new_fixed (start);
  f->hq = fake_hq_start ();
  f->store = open_store (f, "field", f->clock);
  f->engine = lia_sync_engine_new (f->store);

  g_assert_true (lia_sync_engine_enrol (f->engine, f->hq->url, GOOD_CODE, "Field laptop 3", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->store);
  fake_hq_stop (f->hq);
  g_clear_object (&f->clock);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* ---- helpers ---------------------------------------------------------------- */

static gint64
query_int (LiaStore   *store,
           const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = lia_db_prepare (lia_store_get_db (store), sql, NULL);

  g_assert_nonnull (stmt);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static LiaTestNote *
save_note (LiaStore   *store,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  LiaTestNote *note = lia_test_note_new ("op-korvania", text);

  g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
  g_assert_no_error (error);
  return note;
}

static void
save_notes (LiaStore *store,
            guint     n,
            gsize     text_size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *padding = g_strnfill (text_size, 'x');

  g_assert_true (lia_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = g_strdup_printf ("Checkpoint %u %s", i, padding);
      g_autoptr(LiaTestNote) note = save_note (store, text);
    }
  g_assert_true (lia_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
edit_note (LiaStore    *store,
           const char  *uuid,
           const char  *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaRecord) record = lia_store_load (store, uuid, &error);

  g_assert_no_error (error);
  lia_test_note_set_text (LIA_TEST_NOTE (record), text);
  g_assert_true (lia_store_save (store, record, &error));
  g_assert_no_error (error);
}

static void
assert_text (LiaStore   *store,
             const char *uuid,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaRecord) record = lia_store_load (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (record)), ==, expected);
}

static LiaClock *
clock_at (int hour)
{
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 11, 2, hour, 0, 0);

  return lia_clock_new_fixed (time);
}

static void
sync_ok (LiaSyncEngine *engine,
         LiaSyncStats  *stats)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_sync_engine_sync (engine, NULL, NULL, stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (lia_sync_engine_get_state (engine), ==, LIA_SYNC_STATE_IDLE);
}

static void
assert_same_changes (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      LiaSyncChange *x = g_ptr_array_index (a, i);
      LiaSyncChange *y = g_ptr_array_index (b, i);

      g_assert_cmpstr (x->uuid, ==, y->uuid);
      g_assert_cmpint (x->revision, ==, y->revision);
      g_assert_cmpint (x->seq, ==, y->seq);
      g_assert_cmpstr (x->changed_at, ==, y->changed_at);
      g_assert_cmpstr (x->body, ==, y->body);
      g_assert_cmpint (x->tombstone, ==, y->tombstone);
    }
}

/* The changes @store would push next, as HQ would pass them on, and marks
 * them acknowledged. */
static GPtrArray *
take_changes (LiaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gint64 batch_seq;

  changes = lia_store_next_batch (store, &batch_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (changes->len, >, 0);
  g_assert_true (lia_store_ack_batch (store, batch_seq, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&changes);
}

static LiaApplyResult
apply (LiaStore            *store,
       const LiaSyncChange *change)
{
  g_autoptr(GError) error = NULL;
  LiaApplyResult result;

  g_assert_true (lia_store_begin (store, &error));
  g_assert_true (lia_store_apply_remote (store, change, &result, &error));
  g_assert_true (lia_store_commit (store, &error));
  g_assert_no_error (error);

  return result;
}

static LiaSyncChange *
remote_note (const char *uuid,
             gint64      revision,
             const char *changed_at,
             const char *text)
{
  LiaSyncChange *change = g_new0 (LiaSyncChange, 1);

  change->uuid = g_strdup (uuid);
  change->record_type = g_strdup ("test-note");
  change->operation = g_strdup ("op-korvania");
  change->sensitivity = LIA_SENSITIVITY_RESTRICTED;
  change->revision = revision;
  change->author_device = g_strdup (OTHER_AUTHOR);
  change->changed_at = g_strdup (changed_at);
  change->body = g_strdup_printf ("{\"text\":\"%s\"}", text);

  return change;
}

/* ---- push ------------------------------------------------------------------- */

static void
test_push_batches (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GError) error = NULL;
  LiaSyncStats stats;
  gint64 expected_seq = 1;

  save_notes (f->store, 2 * LIA_SYNC_MAX_BATCH_CHANGES + 1, 16);
  lia_sync_engine_refresh (f->engine);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 1001);

  sync_ok (f->engine, &stats);

  /* 500 + 500 + 1, in change-log order, numbered 1, 2, 3. */
  g_assert_cmpuint (stats.pushed, ==, 1001);
  g_assert_cmpuint (stats.batches, ==, 3);
  g_assert_cmpuint (f->hq->pushes->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      PushRequest *request = g_ptr_array_index (f->hq->pushes, i);

      g_assert_cmpint (request->batch_seq, ==, i + 1);
      g_assert_cmpuint (request->changes->len, ==, i < 2 ? 500 : 1);
      for (guint j = 0; j < request->changes->len; j++)
        {
          LiaSyncChange *change = g_ptr_array_index (request->changes, j);

          g_assert_cmpint (change->seq, ==, expected_seq++);
          g_assert_cmpstr (change->author_device, ==, lia_store_get_device_id (f->store));
        }
    }
  g_assert_cmpuint (f->hq->applied->len, ==, 1001);

  /* Three pushes and one pull: never a request per record. */
  g_assert_cmpuint (stats.requests, ==, 4);
  g_assert_cmpuint (stats.pages, ==, 1);

  g_assert_true (lia_store_get_sync_checkpoint (f->store, &checkpoint, &error));
  g_assert_cmpint (checkpoint.pushed_seq, ==, 1001);
  g_assert_cmpint (checkpoint.batch_seq, ==, 3);
  g_assert_cmpint (checkpoint.batch_end_seq, ==, 0);
  g_assert_nonnull (checkpoint.last_sync_at);
  g_assert_null (checkpoint.last_error);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 0);
  g_assert_nonnull (lia_sync_engine_get_last_sync (f->engine));

  /* Nothing left: a sync sends nothing and costs one request. */
  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pushed, ==, 0);
  g_assert_cmpuint (stats.requests, ==, 1);
  g_assert_cmpuint (f->hq->pushes->len, ==, 3);
}

static void
test_push_batch_size (Fixture       *f,
                      gconstpointer  data)
{
  LiaSyncStats stats;

  /* Three 800 KB records do not fit in 2 MiB: two, then one. */
  save_notes (f->store, 3, 800 * 1024);
  sync_ok (f->engine, &stats);

  g_assert_cmpuint (f->hq->pushes->len, ==, 2);
  g_assert_cmpuint (((PushRequest *) g_ptr_array_index (f->hq->pushes, 0))->changes->len, ==, 2);
  g_assert_cmpuint (((PushRequest *) g_ptr_array_index (f->hq->pushes, 1))->changes->len, ==, 1);
  g_assert_cmpuint (stats.pushed, ==, 3);
  /* Compressed on the wire: the padding squeezes to almost nothing. */
  g_assert_cmpuint (stats.bytes_sent, <, 64 * 1024);
}

/* The app syncs every few minutes from one process: the next sync takes
 * the connection the last one left open (and its TLS session), instead of
 * a new handshake over the satellite link. */
static void
test_connection_reused (Fixture       *f,
                        gconstpointer  data)
{
  LiaSyncStats first;
  LiaSyncStats second;

  /* The enrolment (in the fixture) opened the connection */
  save_notes (f->store, 2, 16);
  sync_ok (f->engine, &first);
  g_assert_cmpuint (first.pushed, ==, 2);
  g_assert_cmpuint (first.connections, ==, 0);

  g_object_unref (save_note (f->store, "Written between two syncs"));
  sync_ok (f->engine, &second);
  g_assert_cmpuint (second.pushed, ==, 1);
  g_assert_cmpuint (second.requests, >=, 2);
  g_assert_cmpuint (second.connections, ==, 0);

  /* A sync with nothing to send, as the scheduler makes every few minutes */
  {
    LiaSyncStats idle;

    sync_ok (f->engine, &idle);
    g_assert_cmpuint (idle.connections, ==, 0);
    g_test_message ("no-op sync on a reused connection: %u request(s), %" G_GUINT64_FORMAT " bytes sent, %"
                    G_GUINT64_FORMAT " received (HTTP, headers included)",
                    idle.requests, idle.bytes_sent, idle.bytes_received);
  }
}

static void
test_push_acked_only (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GError) error = NULL;
  LiaSyncStats stats;
  PushRequest *first;
  PushRequest *again;

  save_notes (f->store, 3, 16);

  /* HQ fails before committing: nothing counts as sent. */
  f->hq->fail_pushes = 1;
  g_assert_false (lia_sync_engine_sync (f->engine, NULL, NULL, &stats, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_ERROR);
  g_assert_cmpstr (lia_sync_engine_get_last_error (f->engine), ==, error->message);
  g_assert_null (lia_sync_engine_get_last_sync (f->engine));
  g_clear_error (&error);

  g_assert_true (lia_store_get_sync_checkpoint (f->store, &checkpoint, &error));
  g_assert_cmpint (checkpoint.pushed_seq, ==, 0);
  g_assert_cmpint (checkpoint.batch_seq, ==, 1);
  g_assert_cmpint (checkpoint.batch_end_seq, ==, 3);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 3);
  lia_sync_checkpoint_clear (&checkpoint);

  /* A change made meanwhile does not slip into the batch in flight. */
  g_object_unref (save_note (f->store, "Made after the failure"));

  /* HQ commits but the answer is lost: the resend is the same batch. */
  f->hq->lose_acks = 1;
  g_assert_false (lia_sync_engine_sync (f->engine, NULL, NULL, &stats, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_true (lia_store_get_sync_checkpoint (f->store, &checkpoint, &error));
  g_assert_cmpint (checkpoint.pushed_seq, ==, 0);
  lia_sync_checkpoint_clear (&checkpoint);

  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pushed, ==, 4);
  g_assert_cmpuint (stats.batches, ==, 2);

  /* Batch 1 went out three times, identical; batch 2 holds the new one. */
  g_assert_cmpuint (f->hq->pushes->len, ==, 4);
  first = g_ptr_array_index (f->hq->pushes, 0);
  for (guint i = 1; i < 3; i++)
    {
      again = g_ptr_array_index (f->hq->pushes, i);
      g_assert_cmpint (again->batch_seq, ==, 1);
      assert_same_changes (first->changes, again->changes);
    }
  g_assert_cmpuint (first->changes->len, ==, 3);
  again = g_ptr_array_index (f->hq->pushes, 3);
  g_assert_cmpint (again->batch_seq, ==, 2);
  g_assert_cmpuint (again->changes->len, ==, 1);

  /* Applied once each at HQ. */
  g_assert_cmpuint (f->hq->applied->len, ==, 4);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 0);
  g_assert_null (lia_sync_engine_get_last_error (f->engine));
}

static void
test_push_resend_after_crash (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) planned = NULL;
  LiaSyncStats stats;
  gint64 batch_seq;

  save_notes (f->store, 5, 16);

  /* The batch is planned and recorded, then the device dies before the
   * request leaves. */
  planned = lia_store_next_batch (f->store, &batch_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch_seq, ==, 1);
  g_clear_object (&f->engine);
  g_clear_object (&f->store);

  /* Restarted, with more work done before the sync. */
  f->store = open_store (f, "field", f->clock);
  f->engine = lia_sync_engine_new (f->store);
  g_object_unref (save_note (f->store, "After the restart"));

  sync_ok (f->engine, &stats);
  g_assert_cmpuint (f->hq->pushes->len, ==, 2);
  g_assert_cmpint (((PushRequest *) g_ptr_array_index (f->hq->pushes, 0))->batch_seq, ==, 1);
  assert_same_changes (planned, ((PushRequest *) g_ptr_array_index (f->hq->pushes, 0))->changes);
  g_assert_cmpuint (((PushRequest *) g_ptr_array_index (f->hq->pushes, 1))->changes->len, ==, 1);
  g_assert_cmpuint (f->hq->applied->len, ==, 6);
}

/* After a 413: a smaller batch under a new number, never an old number
 * with other content; the size learnt holds for later batches; a single
 * change that cannot travel leaves the queue without a number reused. */
static void
test_push_shrink_and_refuse (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) planned = NULL;
  g_autoptr(GPtrArray) half = NULL;
  g_autoptr(GPtrArray) half_again = NULL;
  g_autoptr(GPtrArray) rest = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  gint64 batch_seq;
  gint64 shrunk;
  gint64 seq;

  save_notes (f->store, 10, 500);

  planned = lia_store_next_batch (f->store, &batch_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch_seq, ==, 1);
  g_assert_cmpuint (planned->len, ==, 10);

  shrunk = lia_store_shrink_batch (f->store, batch_seq, planned->len / 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (shrunk, ==, 2);
  /* The old number is no longer the one in flight. */
  g_assert_cmpint (lia_store_shrink_batch (f->store, batch_seq, 1, &error), ==, 0);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A resend of the new batch is the same, byte for byte. */
  half = lia_store_next_batch (f->store, &batch_seq, &error);
  half_again = lia_store_next_batch (f->store, &batch_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch_seq, ==, 2);
  g_assert_cmpuint (half->len, ==, 5);
  first = lia_sync_encode_push ("device", batch_seq, half);
  second = lia_sync_encode_push ("device", batch_seq, half_again);
  g_assert_true (g_bytes_equal (first, second));
  g_assert_true (lia_store_ack_batch (f->store, batch_seq, &error));

  /* What HQ taught holds: the rest goes in a batch no larger. */
  rest = lia_store_next_batch (f->store, &batch_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch_seq, ==, 3);
  g_assert_cmpuint (rest->len, ==, 5);

  /* Its first change cannot travel: kept as refused, the others go under
   * a new number. */
  seq = ((LiaSyncChange *) g_ptr_array_index (rest, 0))->seq;
  g_assert_false (lia_store_refuse_change (f->store, batch_seq, seq + 1, "too-large", "Too large.", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (lia_store_refuse_change (f->store, batch_seq, seq, "too-large", "Too large.", &error));
  g_assert_no_error (error);
  after = lia_store_next_batch (f->store, &batch_seq, &error);
  g_assert_no_error (error);
  g_assert_cmpint (batch_seq, ==, 4);
  g_assert_cmpuint (after->len, ==, 4);
  g_assert_cmpint (((LiaSyncChange *) g_ptr_array_index (after, 0))->seq, ==, seq + 1);

  refused = lia_store_list_refused (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refused->len, ==, 1);
  g_assert_cmpint (((LiaRefusedChange *) g_ptr_array_index (refused, 0))->seq, ==, seq);
  g_assert_cmpstr (((LiaRefusedChange *) g_ptr_array_index (refused, 0))->reason, ==, "too-large");
  g_assert_cmpint (lia_store_count_changes (f->store, NULL), ==, 4);
  g_assert_true (lia_store_get_sync_checkpoint (f->store, &checkpoint, &error));
  g_assert_cmpint (checkpoint.pushed_seq, ==, seq);
}

/* ---- pull ------------------------------------------------------------------- */

static void
test_pull_applies_without_change_log (Fixture       *f,
                                      gconstpointer  data)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaTestNote) mine = save_note (f->store, "Written here");
  g_autoptr(GPtrArray) notes = NULL;
  const char *uuids[] = {
    "0f6a3c2e-1d4b-4c5a-8e9f-a0b1c2d3e4f5",
    "1a7b4d3f-2e5c-4d6b-9fa0-b1c2d3e4f5a6",
    "2b8c5e40-3f6d-4e7c-a0b1-c2d3e4f5a6b7",
    "3c9d6f51-4a7e-4f8d-b1c2-d3e4f5a6b7c8",
    "4dae7062-5b8f-409e-82d3-e4f5a6b7c8d9",
  };
  LiaSyncChange *own;
  LiaSyncStats stats;

  sync_ok (f->engine, &stats);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM change_log"), ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (uuids); i++)
    {
      g_autofree char *body = g_strdup_printf ("Road %u closed", i);

      g_ptr_array_add (f->hq->to_pull, remote_note (uuids[i], 1, "2026-11-02T09:00:00.000000Z", body));
    }
  /* Our own change, coming back from HQ, is not applied again. */
  own = remote_note (lia_record_get_uuid (LIA_RECORD (mine)), 1, "2026-11-02T08:00:00.000000Z", "Stale echo");
  g_free (own->author_device);
  own->author_device = g_strdup (lia_store_get_device_id (f->store));
  g_ptr_array_add (f->hq->to_pull, own);
  f->hq->page_size = 2;

  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pulled, ==, 5);
  g_assert_cmpuint (stats.pages, ==, 3);
  g_assert_cmpuint (stats.pushed, ==, 0);

  notes = lia_store_list (f->store, "test-note", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notes->len, ==, 6);
  assert_text (f->store, uuids[3], "Road 3 closed");
  assert_text (f->store, lia_record_get_uuid (LIA_RECORD (mine)), "Written here");

  /* Pulled records are not changes of ours: nothing new to push. */
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM change_log"), ==, 1);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 0);
  g_assert_true (lia_store_get_sync_checkpoint (f->store, &checkpoint, &error));
  g_assert_cmpstr (checkpoint.pull_cursor, ==, "6");

  /* The same page pulled again changes nothing. */
  g_assert_true (lia_store_forget_pull_cursor (f->store, &error));
  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pulled, ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records"), ==, 6);

  /* A pulled revision edited here goes back as our revision 2. */
  edit_note (f->store, uuids[0], "Road 0 open again");
  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pushed, ==, 1);
  {
    PushRequest *last = g_ptr_array_index (f->hq->pushes, f->hq->pushes->len - 1);
    LiaSyncChange *change = g_ptr_array_index (last->changes, 0);

    g_assert_cmpstr (change->uuid, ==, uuids[0]);
    g_assert_cmpint (change->revision, ==, 2);
  }
}

/* ---- conflicts and tombstones, store to store ------------------------------ */

static void
assert_conflict_everywhere (Fixture    *f,
                            const char *a_time,
                            const char *b_time)
{
  g_autoptr(LiaClock) clock_a = clock_at (8);
  g_autoptr(LiaClock) clock_b = clock_at (8);
  g_autoptr(LiaStore) a = open_store (f, "a", clock_a);
  g_autoptr(LiaStore) b = open_store (f, "b", clock_b);
  g_autoptr(LiaTestNote) note = save_note (a, "Convoy at 06:00");
  g_autoptr(GPtrArray) first = take_changes (a);
  g_autoptr(GPtrArray) from_a = NULL;
  g_autoptr(GPtrArray) from_b = NULL;
  g_autoptr(GPtrArray) conflicts_a = NULL;
  g_autoptr(GPtrArray) conflicts_b = NULL;
  g_autoptr(GDateTime) time_a = g_date_time_new_from_iso8601 (a_time, NULL);
  g_autoptr(GDateTime) time_b = g_date_time_new_from_iso8601 (b_time, NULL);
  g_autoptr(GError) error = NULL;
  const char *winner;
  const char *uuid = lia_record_get_uuid (LIA_RECORD (note));
  const LiaSyncChange *change_a;
  const LiaSyncChange *change_b;
  const LiaSyncChange *won;
  const LiaConflict *conflict;
  const char *orders[][2] = { { "a", "b" }, { "b", "a" } };

  g_assert_cmpint (apply (b, g_ptr_array_index (first, 0)), ==, LIA_APPLY_APPLIED);

  /* Both edit revision 1 offline. */
  lia_clock_set_now (clock_a, time_a);
  lia_clock_set_now (clock_b, time_b);
  edit_note (a, uuid, "Convoy at 07:00 (A)");
  edit_note (b, uuid, "Convoy cancelled (B)");
  from_a = take_changes (a);
  from_b = take_changes (b);
  change_a = g_ptr_array_index (from_a, 0);
  change_b = g_ptr_array_index (from_b, 0);
  won = lia_sync_change_compare (change_a, change_b) > 0 ? change_a : change_b;
  winner = won == change_a ? "Convoy at 07:00 (A)" : "Convoy cancelled (B)";

  g_assert_cmpint (apply (a, change_b), ==, LIA_APPLY_CONFLICT);
  g_assert_cmpint (apply (b, change_a), ==, LIA_APPLY_CONFLICT);

  /* The same winner on both, and both keep the loser. */
  assert_text (a, uuid, winner);
  assert_text (b, uuid, winner);
  conflicts_a = lia_store_list_conflicts (a, &error);
  conflicts_b = lia_store_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts_a->len, ==, 1);
  g_assert_cmpuint (conflicts_b->len, ==, 1);
  conflict = g_ptr_array_index (conflicts_a, 0);
  g_assert_cmpstr (conflict->local->body, ==, change_a->body);
  g_assert_cmpstr (conflict->remote->body, ==, change_b->body);
  g_assert_cmpint (conflict->local_won, ==, won == change_a);
  conflict = g_ptr_array_index (conflicts_b, 0);
  g_assert_cmpstr (conflict->local->body, ==, change_b->body);
  g_assert_cmpint (conflict->local_won, ==, won == change_b);

  /* Seen again (a page pulled twice), it is not listed twice. */
  g_assert_cmpint (apply (a, change_b), ==, LIA_APPLY_SKIPPED);
  g_assert_cmpint (lia_store_count_conflicts (a, NULL), ==, 1);

  /* A third replica reaches the same record in either order. */
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);
      g_autoptr(LiaStore) c = open_store (f, name, f->clock);

      apply (c, g_ptr_array_index (first, 0));
      apply (c, g_str_equal (orders[i][0], "a") ? change_a : change_b);
      apply (c, g_str_equal (orders[i][1], "a") ? change_a : change_b);
      assert_text (c, uuid, winner);
      g_assert_cmpint (lia_store_count_conflicts (c, NULL), ==, 0);
      g_assert_cmpint (query_int (c, "SELECT count(*) FROM change_log"), ==, 0);
    }
}

static void
test_conflict_later_wins (Fixture       *f,
                          gconstpointer  data)
{
  assert_conflict_everywhere (f, "2026-11-02T09:00:00Z", "2026-11-02T09:05:00Z");
}

static void
test_conflict_same_time (Fixture       *f,
                         gconstpointer  data)
{
  /* Equal revision and time: the device id decides, the same everywhere. */
  assert_conflict_everywhere (f, "2026-11-02T09:00:00Z", "2026-11-02T09:00:00Z");
}

static void
test_conflict_unpushed_edit (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(LiaTestNote) note = save_note (f->store, "Bridge intact");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(LiaSyncChange) newer = NULL;
  g_autoptr(GError) error = NULL;
  const char *uuid = lia_record_get_uuid (LIA_RECORD (note));
  const LiaConflict *conflict;
  LiaSyncStats stats;

  sync_ok (f->engine, &stats);

  /* Another device edited twice (revisions 2 and 3) while we edited once
   * and have not sent it: a higher revision, still concurrent. */
  edit_note (f->store, uuid, "Bridge damaged");
  newer = remote_note (uuid, 3, "2026-11-02T07:00:00.000000Z", "Bridge repaired");
  g_assert_cmpint (apply (f->store, newer), ==, LIA_APPLY_CONFLICT);
  assert_text (f->store, uuid, "Bridge repaired");

  conflicts = lia_store_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_false (conflict->local_won);
  g_assert_cmpint (conflict->local->revision, ==, 2);
  g_assert_cmpstr (conflict->local->body, ==, "{\"text\":\"Bridge damaged\"}");

  /* The person keeps theirs: a new revision above both. */
  g_assert_true (lia_store_resolve_conflict (f->store, conflict->id, LIA_CONFLICT_KEEP_MINE, &error));
  g_assert_no_error (error);
  assert_text (f->store, uuid, "Bridge damaged");
  g_assert_cmpint (lia_store_count_conflicts (f->store, NULL), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT max(revision) FROM change_log"), ==, 4);

  /* Resolving twice is refused. */
  g_assert_false (lia_store_resolve_conflict (f->store, conflict->id, LIA_CONFLICT_KEEP_THEIRS, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* The choice reaches HQ at the next sync. */
  lia_sync_engine_refresh (f->engine);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 2);
  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pushed, ==, 2);
}

/* Merge fields: each differing top-level field from the version chosen
 * for it, as a new revision above both. */
static void
test_conflict_merge (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(LiaTestNote) note = save_note (f->store, "Bridge intact");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(LiaSyncChange) theirs = NULL;
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_auto(GStrv) fields = NULL;
  const char *uuid = lia_record_get_uuid (LIA_RECORD (note));
  const LiaConflict *conflict;
  LiaSyncStats stats;

  sync_ok (f->engine, &stats);
  edit_note (f->store, uuid, "Bridge damaged");
  theirs = remote_note (uuid, 2, "2026-11-02T07:00:00.000000Z", "Bridge repaired");
  g_free (theirs->body);
  theirs->body = g_strdup ("{\"text\":\"Bridge repaired\",\"place\":\"Km 14\"}");
  g_assert_cmpint (apply (f->store, theirs), ==, LIA_APPLY_CONFLICT);

  conflicts = lia_store_list_conflicts (f->store, &error);
  g_assert_no_error (error);
  conflict = g_ptr_array_index (conflicts, 0);

  fields = lia_conflict_dup_differing_fields (conflict);
  g_assert_cmpuint (g_strv_length (fields), ==, 2);
  g_assert_cmpstr (fields[0], ==, "text");
  g_assert_cmpstr (fields[1], ==, "place");

  /* Every differing field needs a choice, and only those. */
  g_hash_table_insert (choices, (gpointer) "text", GINT_TO_POINTER (LIA_CONFLICT_KEEP_MINE));
  g_assert_null (lia_conflict_merge_bodies (conflict, choices, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "place"));
  g_clear_error (&error);
  g_hash_table_insert (choices, (gpointer) "colour", GINT_TO_POINTER (LIA_CONFLICT_KEEP_MINE));
  g_assert_null (lia_conflict_merge_bodies (conflict, choices, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_hash_table_remove (choices, "colour");

  /* My text, their place. */
  g_hash_table_insert (choices, (gpointer) "place", GINT_TO_POINTER (LIA_CONFLICT_KEEP_THEIRS));
  merged = lia_conflict_merge_bodies (conflict, choices, &error);
  g_assert_no_error (error);
  node = json_node_init_object (json_node_alloc (), merged);
  body = json_to_string (node, FALSE);
  g_assert_cmpstr (body, ==, "{\"text\":\"Bridge damaged\",\"place\":\"Km 14\"}");

  g_assert_true (lia_store_resolve_conflict_merged (f->store, conflict->id, merged, &error));
  g_assert_no_error (error);
  assert_text (f->store, uuid, "Bridge damaged");
  g_assert_cmpint (lia_store_count_conflicts (f->store, NULL), ==, 0);
  g_assert_cmpint (query_int (f->store, "SELECT count(*) FROM records WHERE body LIKE '%Km 14%'"
                                        " AND revision = 3"), ==, 1);

  /* It goes to HQ like any change, and only once. */
  g_assert_false (lia_store_resolve_conflict_merged (f->store, conflict->id, merged, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  lia_sync_engine_refresh (f->engine);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 2);
}

static void
test_conflict_pushed_then_newer (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(LiaTestNote) note = save_note (f->store, "Camp full");
  g_autoptr(LiaSyncChange) next = NULL;
  const char *uuid = lia_record_get_uuid (LIA_RECORD (note));
  LiaSyncStats stats;

  /* Our revision reached HQ; a later one built on it is no conflict. */
  sync_ok (f->engine, &stats);
  next = remote_note (uuid, 2, "2026-11-02T07:00:00.000000Z", "Camp has room again");
  g_assert_cmpint (apply (f->store, next), ==, LIA_APPLY_APPLIED);
  assert_text (f->store, uuid, "Camp has room again");
  g_assert_cmpint (lia_store_count_conflicts (f->store, NULL), ==, 0);

  /* An older one arriving late changes nothing. */
  g_free (next->body);
  next->body = g_strdup ("{\"text\":\"old news\"}");
  next->revision = 1;
  g_assert_cmpint (apply (f->store, next), ==, LIA_APPLY_SKIPPED);
  assert_text (f->store, uuid, "Camp has room again");
}

static void
test_tombstones (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(LiaClock) clock_b = clock_at (9);
  g_autoptr(LiaStore) b = open_store (f, "b", clock_b);
  g_autoptr(LiaTestNote) kept = save_note (f->store, "Stays");
  g_autoptr(LiaTestNote) gone = save_note (f->store, "Goes");
  g_autoptr(LiaTestNote) disputed = save_note (f->store, "Disputed");
  g_autoptr(GPtrArray) created = take_changes (f->store);
  g_autoptr(GPtrArray) deleted = NULL;
  g_autoptr(GPtrArray) edited = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(LiaRecord) loaded = NULL;
  g_autoptr(GError) error = NULL;
  const LiaSyncChange *tombstone;
  const LiaConflict *conflict;

  for (guint i = 0; i < created->len; i++)
    apply (b, g_ptr_array_index (created, i));

  /* Deletion travels as a tombstone without the content. */
  g_assert_true (lia_store_delete (f->store, LIA_RECORD (gone), &error));
  g_assert_true (lia_store_delete (f->store, LIA_RECORD (disputed), &error));
  g_assert_no_error (error);
  deleted = take_changes (f->store);
  g_assert_cmpuint (deleted->len, ==, 2);
  tombstone = g_ptr_array_index (deleted, 0);
  g_assert_true (tombstone->tombstone);
  g_assert_cmpstr (tombstone->body, ==, "{}");

  /* Meanwhile B edited the disputed record, later. */
  edit_note (b, lia_record_get_uuid (LIA_RECORD (disputed)), "Disputed, still there");
  edited = take_changes (b);

  g_assert_cmpint (apply (b, g_ptr_array_index (deleted, 0)), ==, LIA_APPLY_APPLIED);
  g_assert_cmpint (apply (b, g_ptr_array_index (deleted, 1)), ==, LIA_APPLY_CONFLICT);

  loaded = lia_store_load (b, lia_record_get_uuid (LIA_RECORD (gone)), &error);
  g_assert_no_error (error);
  g_assert_true (lia_record_get_tombstone (loaded));
  listed = lia_store_list (b, "test-note", NULL, &error);
  g_assert_cmpuint (listed->len, ==, 2);

  /* The later edit wins over the deletion; the deletion is kept to choose. */
  conflicts = lia_store_list_conflicts (b, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_true (conflict->local_won);
  g_assert_true (conflict->remote->tombstone);
  assert_text (b, lia_record_get_uuid (LIA_RECORD (disputed)), "Disputed, still there");

  /* Keeping theirs deletes it here, as a new revision to push. */
  g_assert_true (lia_store_resolve_conflict (b, conflict->id, LIA_CONFLICT_KEEP_THEIRS, &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = lia_store_load (b, lia_record_get_uuid (LIA_RECORD (disputed)), &error);
  g_assert_true (lia_record_get_tombstone (loaded));
  g_assert_cmpint (lia_record_get_revision (loaded), ==, 3);
  g_assert_cmpint (lia_store_count_changes (b, NULL), ==, 1);

  /* And A takes B's edit then the resolution, ending deleted too. */
  g_assert_cmpint (apply (f->store, g_ptr_array_index (edited, 0)), ==, LIA_APPLY_CONFLICT);
  g_ptr_array_unref (edited);
  edited = take_changes (b);
  g_assert_cmpint (apply (f->store, g_ptr_array_index (edited, 0)), ==, LIA_APPLY_APPLIED);
  g_clear_object (&loaded);
  loaded = lia_store_load (f->store, lia_record_get_uuid (LIA_RECORD (disputed)), &error);
  g_assert_true (lia_record_get_tombstone (loaded));
}

/* ---- enrolment and errors --------------------------------------------------- */

static void
test_enrol (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(LiaStore) store = open_store (f, "new", f->clock);
  g_autoptr(LiaSyncEngine) engine = lia_sync_engine_new (store);
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  LiaSyncStats stats;

  g_assert_false (lia_sync_engine_get_enrolled (engine));
  g_assert_null (lia_sync_engine_dup_enrolment (engine));
  g_assert_false (lia_sync_engine_sync (engine, NULL, NULL, &stats, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_ENROLLED);
  g_clear_error (&error);

  /* What a code looks like: 24 base32 characters, and a SHA-256 pin or
   * none; the case is the reader's. */
  g_assert_true (lia_sync_engine_check_code ("LIA1-GOODCODEGOODCODEGOODCODE", NULL));
  g_assert_true (lia_sync_engine_check_code ("lia1-goodcodegoodcodegoodcode-", NULL));
  g_assert_true (lia_sync_engine_check_code ("LIA1-GOODCODEGOODCODEGOODCODE-"
                                             "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=", NULL));
  g_assert_false (lia_sync_engine_check_code ("LIA1-GOODCODE-", NULL));
  g_assert_false (lia_sync_engine_check_code ("LIA1-GOODCODEGOODCODEGOODC0DE-", NULL));
  g_assert_false (lia_sync_engine_check_code ("LIA1-GOODCODEGOODCODEGOODCODE-c2hvcnQ=", NULL));
  g_assert_false (lia_sync_engine_check_code ("LIA1-GOODCODEGOODCODEGOODCODEX", NULL));

  /* Not a code at all, then one HQ refuses: nothing stored. */
  g_assert_false (lia_sync_engine_enrol (engine, f->hq->url, "hello", NULL, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (lia_sync_engine_enrol (engine, f->hq->url, "LIA1-WRONGWRONGWRONGWRONGWRON-", NULL, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "Ask your information manager for a new one"));
  g_clear_error (&error);
  g_assert_false (lia_sync_engine_get_enrolled (engine));

  /* Plain HTTP only on this machine. */
  g_assert_false (lia_sync_engine_enrol (engine, "http://hq.example.org", GOOD_CODE, NULL, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (lia_sync_engine_enrol (engine, f->hq->url, "  " GOOD_CODE "\n", "Laptop 7", &error));
  g_assert_no_error (error);
  g_assert_true (lia_sync_engine_get_enrolled (engine));
  enrolment = lia_sync_engine_dup_enrolment (engine);
  g_assert_cmpstr (enrolment->hq_url, ==, f->hq->url);
  g_assert_cmpstr (enrolment->device_id, ==, HQ_DEVICE);
  g_assert_cmpstr (enrolment->device_name, ==, "Laptop 7");
  g_assert_cmpstr (enrolment->operation, ==, "op-korvania");
  g_assert_cmpint (enrolment->clearance, ==, LIA_SENSITIVITY_CONFIDENTIAL);
  token = lia_store_get_setting (store, "sync-token");
  g_assert_cmpstr (token, ==, TOKEN);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dead_url = NULL;
  LiaSyncStats stats;

  save_notes (f->store, 2, 16);

  /* A revoked device is told so in words, and nothing is marked sent. */
  f->hq->revoked = TRUE;
  g_assert_false (lia_sync_engine_sync (f->engine, NULL, NULL, &stats, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==,
                   "HQ refused this device: it was revoked. Ask your information manager for a new enrolment code.");
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_REFUSED);
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), ==, 2);
  g_clear_error (&error);
  f->hq->revoked = FALSE;

  /* A port where nothing listens: offline, not an error of HQ's. */
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  address = g_inet_socket_address_new (loopback, 0);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  dead_url = g_strdup_printf ("http://127.0.0.1:%u", g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));

  g_assert_false (lia_sync_engine_sync (f->engine, dead_url, NULL, &stats, &error));
  g_assert_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_OFFLINE);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_OFFLINE);
  g_clear_error (&error);

  /* --server is for this sync only. */
  sync_ok (f->engine, &stats);
  g_assert_cmpuint (stats.pushed, ==, 2);
  g_assert_null (lia_sync_engine_get_last_error (f->engine));
}

/* ---- background sync and scheduling ---------------------------------------- */

static void
wait_idle (LiaSyncEngine *engine)
{
  while (lia_sync_engine_get_state (engine) == LIA_SYNC_STATE_SYNCING)
    g_main_context_iteration (NULL, TRUE);
}

static void
on_sync_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;
  LiaSyncStats stats;

  if (lia_sync_engine_sync_finish (LIA_SYNC_ENGINE (source), result, &stats, error))
    g_assert_cmpuint (stats.pushed, >, 0);
  else
    g_assert_nonnull (*error);
}

static void
on_state_notify (LiaSyncEngine *engine,
                 GParamSpec    *pspec,
                 GString       *states)
{
  g_string_append_printf (states, "%d", lia_sync_engine_get_state (engine));
}

typedef struct
{
  GThread *thread;
  guint    reports;
  guint    off_thread;
  guint64  pushed_total;
  guint64  pushed_done;
  guint    batches;
  guint    pages;
} ProgressSeen;

static void
on_progress (LiaSyncEngine *engine,
             ProgressSeen  *seen)
{
  LiaSyncProgress progress;

  lia_sync_engine_get_progress (engine, &progress);
  seen->reports++;
  seen->off_thread += g_thread_self () != seen->thread;
  if (progress.phase == LIA_SYNC_PHASE_PUSH)
    {
      seen->pushed_total = progress.total;
      seen->pushed_done = MAX (seen->pushed_done, progress.done);
    }
  seen->batches = MAX (seen->batches, progress.batches);
  seen->pages = MAX (seen->pages, progress.pages);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) states = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) second = NULL;
  ProgressSeen seen = { g_thread_self (), };
  LiaSyncProgress after;

  save_notes (f->store, 600, 64);
  g_signal_connect (f->engine, "notify::state", G_CALLBACK (on_state_notify), states);
  g_signal_connect (f->engine, "progress", G_CALLBACK (on_progress), &seen);

  lia_sync_engine_sync_async (f->engine, NULL, NULL, on_sync_done, &error);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_SYNCING);

  /* One sync at a time. */
  g_assert_false (lia_sync_engine_sync (f->engine, NULL, NULL, NULL, &second));
  g_assert_error (second, G_IO_ERROR, G_IO_ERROR_PENDING);

  /* The UI thread keeps saving while the worker syncs. */
  g_object_unref (save_note (f->store, "Saved during the sync"));

  wait_idle (f->engine);

  g_assert_no_error (error);
  g_assert_cmpstr (states->str, ==, "10");
  g_assert_nonnull (lia_sync_engine_get_last_sync (f->engine));
  g_assert_cmpint (lia_sync_engine_get_pending (f->engine), <=, 1);
  g_assert_cmpuint (f->hq->applied->len, >=, 600);

  /* Progress came to this thread, batch by batch and page by page, and
   * ends with the sync. */
  g_assert_cmpuint (seen.off_thread, ==, 0);
  g_assert_cmpuint (seen.reports, >=, 4);
  g_assert_cmpuint (seen.pushed_total, >=, 600);
  g_assert_cmpuint (seen.pushed_done, >=, 600);
  g_assert_cmpuint (seen.batches, >=, 2);
  g_assert_cmpuint (seen.pages, >=, 1);
  lia_sync_engine_get_progress (f->engine, &after);
  g_assert_cmpint (after.phase, ==, LIA_SYNC_PHASE_NONE);
}

static void
assert_planned_within (LiaSyncScheduler *scheduler,
                       LiaClock         *clock,
                       GTimeSpan         span)
{
  gint64 wait = lia_sync_scheduler_get_next_attempt (scheduler) - lia_clock_get_now_usec (clock);

  g_assert_cmpint (wait, >=, span / 2);
  g_assert_cmpint (wait, <=, span);
}

static void
test_scheduler (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(TestMonitor) monitor = g_object_new (TEST_TYPE_MONITOR, NULL);
  g_autoptr(LiaSyncScheduler) scheduler = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = g_strdup (f->hq->url);
  GTimeSpan expected = LIA_SYNC_SCHEDULER_RETRY_BASE;

  /* HQ unreachable: the enrolled address points where nothing listens. */
  g_assert_true (lia_store_set_setting (f->store, "sync-hq-url", "http://127.0.0.1:9", &error));
  scheduler = lia_sync_scheduler_new (f->engine, f->clock, G_NETWORK_MONITOR (monitor));

  /* Started, it tries at once. */
  lia_sync_scheduler_start (scheduler);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_SYNCING);
  wait_idle (f->engine);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_OFFLINE);

  /* Each failure doubles the wait, with jitter, up to the maximum. */
  for (guint failures = 1; failures <= 9; failures++)
    {
      g_assert_cmpuint (lia_sync_scheduler_get_failures (scheduler), ==, failures);
      assert_planned_within (scheduler, f->clock, expected);

      /* Not before it is due. */
      lia_clock_advance (f->clock, expected / 2 - G_TIME_SPAN_SECOND);
      g_assert_false (lia_sync_scheduler_tick (scheduler));

      lia_clock_advance (f->clock, expected);
      g_assert_true (lia_sync_scheduler_tick (scheduler));
      wait_idle (f->engine);
      expected = MIN (expected * 2, LIA_SYNC_SCHEDULER_RETRY_MAX);
    }
  g_assert_cmpint (expected, ==, LIA_SYNC_SCHEDULER_RETRY_MAX);

  /* No network: a due attempt waits, probing rarely. */
  test_monitor_set_available (monitor, FALSE);
  lia_clock_advance (f->clock, LIA_SYNC_SCHEDULER_RETRY_MAX);
  g_assert_false (lia_sync_scheduler_tick (scheduler));
  assert_planned_within (scheduler, f->clock, LIA_SYNC_SCHEDULER_RETRY_MAX);

  /* The link comes back, and HQ with it: sync at once, backoff forgotten. */
  g_assert_true (lia_store_set_setting (f->store, "sync-hq-url", url, &error));
  test_monitor_set_available (monitor, TRUE);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_SYNCING);
  wait_idle (f->engine);
  g_assert_cmpint (lia_sync_engine_get_state (f->engine), ==, LIA_SYNC_STATE_IDLE);
  g_assert_cmpuint (lia_sync_scheduler_get_failures (scheduler), ==, 0);
  assert_planned_within (scheduler, f->clock, LIA_SYNC_SCHEDULER_PERIOD);

  /* Revoked: retrying cannot help, so nothing more is planned… */
  f->hq->revoked = TRUE;
  lia_sync_scheduler_sync_now (scheduler);
  wait_idle (f->engine);
  g_assert_cmpint (lia_sync_scheduler_get_next_attempt (scheduler), ==, 0);

  /* …until a person asks. */
  f->hq->revoked = FALSE;
  lia_sync_scheduler_sync_now (scheduler);
  wait_idle (f->engine);
  assert_planned_within (scheduler, f->clock, LIA_SYNC_SCHEDULER_PERIOD);

  lia_sync_scheduler_stop (scheduler);
  g_assert_cmpint (lia_sync_scheduler_get_next_attempt (scheduler), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lia_store_register_type (LIA_TYPE_TEST_NOTE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/sync-engine/push/batches", test_push_batches);
  ADD ("/sync-engine/push/batch-size", test_push_batch_size);
  ADD ("/sync-engine/push/acked-only", test_push_acked_only);
  ADD ("/sync-engine/connection-reused", test_connection_reused);
  ADD ("/sync-engine/push/resend-after-crash", test_push_resend_after_crash);
  ADD ("/sync-engine/push/shrink-and-refuse", test_push_shrink_and_refuse);
  ADD ("/sync-engine/pull/applies-without-change-log", test_pull_applies_without_change_log);
  ADD ("/sync-engine/conflict/later-wins", test_conflict_later_wins);
  ADD ("/sync-engine/conflict/same-time", test_conflict_same_time);
  ADD ("/sync-engine/conflict/unpushed-edit", test_conflict_unpushed_edit);
  ADD ("/sync-engine/conflict/pushed-then-newer", test_conflict_pushed_then_newer);
  ADD ("/sync-engine/conflict/merge", test_conflict_merge);
  ADD ("/sync-engine/tombstones", test_tombstones);
  ADD ("/sync-engine/enrol", test_enrol);
  ADD ("/sync-engine/errors", test_errors);
  ADD ("/sync-engine/async", test_async);
  ADD ("/sync-engine/scheduler", test_scheduler);

#undef ADD

  return g_test_run ();
}
