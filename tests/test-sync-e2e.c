/* test-sync-e2e.c — field devices and HQ, all real processes on 127.0.0.1
 *
 * liaison-hq serves a database in a temporary folder; each field device is
 * a data folder driven by liaison-cli.  Records are written into a field
 * store directly (with the test's own record type, which sync carries like
 * any other) and read back the same way.  Faults come from a proxy the test
 * runs, which cuts connections after a given number of bytes, and from
 * kill -9 of the processes it started.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-cli.h"
#include "lia-test-hq.h"
#include "lia-test-util.h"

#include <signal.h>
#include <string.h>

#include "lia-test-note.h"
#include "lia-test-store.h"

#define KORVANIA "op-korvania"
#define TESSALY  "op-tessaly"

/* A test makes many more requests a minute than a device would. */
static const char * const hq_args[] = { "--insecure-http", "--rate-limit", "100000", NULL };

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* ---- a cutting proxy ---------------------------------------------------- */

/* Forwards connections to HQ and cuts each one once @budget bytes, both
 * directions together, have gone through. */
typedef struct
{
  GThread        *thread;
  GMainContext   *context;
  GMainLoop      *loop;
  GSocketService *service;
  guint16         target_port;
  char           *url;

  GMutex          lock;
  GCond           ready;
  gint64          budget;    /* per connection; G_MAXINT64: never cut */
  guint           cuts;
  gint64          forwarded; /* bytes, both ways, every connection */
} CutProxy;

typedef struct
{
  CutProxy *proxy;
  GSocket  *client;
  GSocket  *upstream;
  gint64    remaining;
} Link;

static void
link_cut (Link *link)
{
  g_socket_shutdown (link->client, TRUE, TRUE, NULL);
  g_socket_shutdown (link->upstream, TRUE, TRUE, NULL);
}

static void
pump (Link    *link,
      GSocket *from,
      GSocket *to)
{
  char buffer[16 * 1024];

  for (;;)
    {
      gssize n = g_socket_receive (from, buffer, sizeof buffer, NULL, NULL);
      gssize allowed;
      gboolean cut;

      if (n <= 0)
        break;

      g_mutex_lock (&link->proxy->lock);
      allowed = MIN (n, link->remaining);
      link->remaining -= allowed;
      link->proxy->forwarded += allowed;
      cut = allowed < n;
      if (cut)
        link->proxy->cuts++;
      g_mutex_unlock (&link->proxy->lock);

      for (gssize sent = 0; sent < allowed; )
        {
          gssize m = g_socket_send (to, buffer + sent, allowed - sent, NULL, NULL);

          if (m <= 0)
            break;
          sent += m;
        }

      if (cut)
        break;
    }

  /* Either end going away ends the link, as on a real network. */
  link_cut (link);
}

static gpointer
pump_down (gpointer data)
{
  Link *link = data;

  pump (link, link->upstream, link->client);
  return NULL;
}

static gboolean
on_proxy_run (GThreadedSocketService *service,
              GSocketConnection      *connection,
              GObject                *source_object,
              gpointer                user_data)
{
  CutProxy *proxy = user_data;
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) upstream = NULL;
  g_autoptr(GError) error = NULL;
  Link link = { proxy, g_socket_connection_get_socket (connection), NULL, 0 };
  GThread *down;

  upstream = g_socket_client_connect_to_host (client, "127.0.0.1", proxy->target_port, NULL, &error);
  if (upstream == NULL)
    return TRUE;

  link.upstream = g_socket_connection_get_socket (upstream);
  g_mutex_lock (&proxy->lock);
  link.remaining = proxy->budget;
  g_mutex_unlock (&proxy->lock);

  down = g_thread_new ("proxy-down", pump_down, &link);
  pump (&link, link.client, link.upstream);
  g_thread_join (down);

  g_io_stream_close (G_IO_STREAM (upstream), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static gpointer
proxy_thread (gpointer data)
{
  CutProxy *proxy = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (proxy->context);

  proxy->service = g_threaded_socket_service_new (8);
  g_signal_connect (proxy->service, "run", G_CALLBACK (on_proxy_run), proxy);
  g_socket_listener_add_address (G_SOCKET_LISTENER (proxy->service), address,
                                 G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                 NULL, &bound, &error);
  g_assert_no_error (error);
  g_socket_service_start (proxy->service);

  g_mutex_lock (&proxy->lock);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u",
                                g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  g_cond_signal (&proxy->ready);
  g_mutex_unlock (&proxy->lock);

  g_main_loop_run (proxy->loop);

  g_socket_service_stop (proxy->service);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy->service));
  g_clear_object (&proxy->service);
  g_main_context_pop_thread_default (proxy->context);

  return NULL;
}

static CutProxy *
cut_proxy_start (guint16 target_port)
{
  CutProxy *proxy = g_new0 (CutProxy, 1);

  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->ready);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->target_port = target_port;
  proxy->budget = G_MAXINT64;
  proxy->thread = g_thread_new ("cut-proxy", proxy_thread, proxy);

  g_mutex_lock (&proxy->lock);
  while (proxy->url == NULL)
    g_cond_wait (&proxy->ready, &proxy->lock);
  g_mutex_unlock (&proxy->lock);

  return proxy;
}

static void
cut_proxy_set_budget (CutProxy *proxy,
                      gint64    budget)
{
  g_mutex_lock (&proxy->lock);
  proxy->budget = budget;
  g_mutex_unlock (&proxy->lock);
}

static gint64
cut_proxy_get_forwarded (CutProxy *proxy)
{
  gint64 forwarded;

  g_mutex_lock (&proxy->lock);
  forwarded = proxy->forwarded;
  g_mutex_unlock (&proxy->lock);

  return forwarded;
}

static void
cut_proxy_stop (CutProxy *proxy)
{
  g_main_loop_quit (proxy->loop);
  g_thread_join (proxy->thread);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_mutex_clear (&proxy->lock);
  g_cond_clear (&proxy->ready);
  g_free (proxy->url);
  g_free (proxy);
}

/* ---- HQ and field devices ------------------------------------------------- */

typedef struct
{
  char      *dir;   /* the field devices' data folders */
  LiaTestHq  hq;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-sync-e2e-XXXXXX", NULL);
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

/* Enrols a new field device with a fresh one-time code; returns its data
 * folder. */
static char *
new_device (Fixture    *f,
            const char *name,
            const char *operation,
            const char *clearance)
{
  g_autofree char *data_dir = g_build_filename (f->dir, name, NULL);
  const char *args[] = {
    "enrol-code", "--db", f->hq.db_path, "--operation", operation, "--clearance", clearance, NULL
  };
  g_autoptr(LiaTestRun) enrol = NULL;
  g_autofree char *code = NULL;

  g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
  g_strstrip (code);
  g_assert_true (g_str_has_prefix (code, "LIA1-"));

  enrol = lia_test_run_cli (data_dir, "enrol", f->hq.base_url, code, "--name", name);
  g_assert_cmpstr (enrol->err, ==, "");
  g_assert_cmpint (enrol->status, ==, 0);
  g_assert_nonnull (strstr (enrol->out, operation));

  /* A code works once. */
  {
    g_autofree char *other = g_build_filename (f->dir, "reuse", NULL);
    g_autoptr(LiaTestRun) again = lia_test_run_cli (other, "enrol", f->hq.base_url, code);

    g_assert_cmpint (again->status, ==, 1);
    g_assert_nonnull (strstr (again->err, "new one"));
  }

  return g_steal_pointer (&data_dir);
}

/* One full sync with liaison-cli, through @server if not %NULL. */
static JsonObject *
sync_device (const char *data_dir,
             const char *server)
{
  g_autoptr(LiaTestRun) run = NULL;

  if (server != NULL)
    run = lia_test_run_cli (data_dir, "sync", "--json", "--server", server);
  else
    run = lia_test_run_cli (data_dir, "sync", "--json");

  if (run->status != 0)
    g_error ("liaison-cli sync failed (%d): %s", run->status, run->err);
  g_assert_cmpstr (run->err, ==, "");

  return parse_object (run->out);
}

static gint64
sync_count (const char *data_dir,
            const char *what)
{
  g_autoptr(JsonObject) stats = sync_device (data_dir, NULL);

  return json_object_get_int_member (stats, what);
}

static LiaStore *
open_device (const char *data_dir)
{
  g_autoptr(GError) error = NULL;
  LiaStore *store = lia_test_open_store_in_dir (data_dir, NULL);

  g_assert_no_error (error);
  return store;
}

/* Text that gzip cannot shrink, as real notes hardly shrink either. */
static char *
random_text (gsize length)
{
  GString *text = g_string_sized_new (length);

  while (text->len < length)
    g_string_append_printf (text, "%08x", g_random_int ());

  return g_string_free (text, FALSE);
}

/* Writes @n notes on @data_dir's device; returns their uuids. */
static GPtrArray *
write_notes (const char     *data_dir,
             const char     *operation,
             LiaSensitivity  sensitivity,
             guint           n,
             gsize           size)
{
  g_autoptr(LiaStore) store = open_device (data_dir);
  g_autoptr(GError) error = NULL;
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);

  g_assert_true (lia_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *text = random_text (size);
      g_autoptr(LiaTestNote) note = lia_test_note_new (operation, text);

      lia_record_set_sensitivity (LIA_RECORD (note), sensitivity);
      g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
      g_ptr_array_add (uuids, g_strdup (lia_record_get_uuid (LIA_RECORD (note))));
    }
  g_assert_true (lia_store_commit (store, &error));
  g_assert_no_error (error);

  return uuids;
}

static GHashTable *
notes_on (const char *data_dir)
{
  g_autoptr(LiaStore) store = open_device (data_dir);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  notes = lia_store_list (store, "test-note", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < notes->len; i++)
    g_hash_table_add (uuids, g_strdup (lia_record_get_uuid (g_ptr_array_index (notes, i))));

  return uuids;
}

static guint
count_missing (GHashTable *present,
               GPtrArray  *expected)
{
  guint missing = 0;

  for (guint i = 0; i < expected->len; i++)
    missing += !g_hash_table_contains (present, g_ptr_array_index (expected, i));

  return missing;
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

static gint64
pending_changes (const char *data_dir)
{
  g_autoptr(LiaStore) store = open_device (data_dir);

  return lia_store_count_changes (store, NULL);
}

static gint64
pushed_seq (const char *data_dir)
{
  g_autoptr(LiaStore) store = open_device (data_dir);
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_get_sync_checkpoint (store, &checkpoint, &error));
  return checkpoint.pushed_seq;
}

/* Lost: records written in the field that a fresh device of the operation
 * does not receive.  Doubled: revisions HQ holds beyond those written. */
static void
assert_nothing_lost_or_doubled (Fixture    *f,
                                const char *fresh_name,
                                GPtrArray  *written)
{
  g_autofree char *fresh = new_device (f, fresh_name, KORVANIA, "strictly-confidential");
  g_autoptr(GHashTable) received = NULL;
  guint lost;
  gint64 doubled;

  g_assert_cmpint (sync_count (fresh, "pulled"), ==, written->len);
  received = notes_on (fresh);
  lost = count_missing (received, written);
  doubled = hq_query (f, "SELECT count(*) FROM changes WHERE record_type = 'test-note'") - written->len;

  g_test_message ("lost %u, doubled %" G_GINT64_FORMAT " of %u records", lost, doubled, written->len);
  g_assert_cmpuint (lost, ==, 0);
  g_assert_cmpint (doubled, ==, 0);
  g_assert_cmpuint (g_hash_table_size (received), ==, written->len);
}

static void
extend (GPtrArray *all,
        GPtrArray *more)
{
  for (guint i = 0; i < more->len; i++)
    g_ptr_array_add (all, g_strdup (g_ptr_array_index (more, i)));
}

/* ---- tests ------------------------------------------------------------------- */

static void
test_scoping (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "confidential");
  g_autofree char *b = new_device (f, "b", KORVANIA, "confidential");
  g_autofree char *c = new_device (f, "c", TESSALY, "confidential");
  g_autofree char *r = new_device (f, "r", KORVANIA, "restricted");
  g_autoptr(GPtrArray) restricted = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 3, 200);
  g_autoptr(GPtrArray) confidential = write_notes (a, KORVANIA, LIA_SENSITIVITY_CONFIDENTIAL, 1, 200);
  g_autoptr(GHashTable) on_b = NULL;
  g_autoptr(GHashTable) on_c = NULL;
  g_autoptr(GHashTable) on_r = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(LiaTestRun) run = NULL;

  g_assert_cmpint (sync_count (a, "pushed"), ==, 4);

  /* The same operation receives all of it. */
  g_assert_cmpint (sync_count (b, "pulled"), ==, 4);
  on_b = notes_on (b);
  g_assert_cmpuint (g_hash_table_size (on_b), ==, 4);
  g_assert_cmpuint (count_missing (on_b, restricted) + count_missing (on_b, confidential), ==, 0);

  /* Another operation receives none of it. */
  g_assert_cmpint (sync_count (c, "pulled"), ==, 0);
  on_c = notes_on (c);
  g_assert_cmpuint (g_hash_table_size (on_c), ==, 0);

  /* A lower clearance does not receive the confidential record. */
  g_assert_cmpint (sync_count (r, "pulled"), ==, 3);
  on_r = notes_on (r);
  g_assert_cmpuint (g_hash_table_size (on_r), ==, 3);
  g_assert_cmpuint (count_missing (on_r, restricted), ==, 0);
  g_assert_false (g_hash_table_contains (on_r, g_ptr_array_index (confidential, 0)));

  /* What pulled records cost: no changes to push back. */
  run = lia_test_run_cli (b, "sync", "status", "--json");
  g_assert_cmpint (run->status, ==, 0);
  status = parse_object (run->out);
  g_assert_true (json_object_get_boolean_member (status, "enrolled"));
  g_assert_cmpstr (json_object_get_string_member (status, "hq_url"), ==, f->hq.base_url);
  g_assert_cmpstr (json_object_get_string_member (status, "operation"), ==, KORVANIA);
  g_assert_cmpint (json_object_get_int_member (status, "pending_changes"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (status, "conflicts"), ==, 0);
  g_assert_false (json_object_get_null_member (status, "last_sync"));
}

static void
test_secrets_stay_secret (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autoptr(GPtrArray) notes = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 2, 50);
  g_autoptr(LiaStore) store = open_device (a);
  g_autofree char *token = lia_store_get_setting (store, "sync-token");
  g_autoptr(LiaTestRun) sync = lia_test_run_cli (a, "sync");
  g_autoptr(LiaTestRun) status = lia_test_run_cli (a, "sync", "status");
  g_autoptr(LiaTestRun) status_json = lia_test_run_cli (a, "sync", "status", "--json");
  const LiaTestRun *runs[] = { sync, status, status_json };

  g_assert_nonnull (token);
  g_assert_cmpint (sync->status, ==, 0);
  g_assert_nonnull (strstr (sync->out, "Sent 2 changes to HQ."));
  g_assert_nonnull (strstr (status->out, f->hq.base_url));

  /* The token is never printed. */
  for (guint i = 0; i < G_N_ELEMENTS (runs); i++)
    {
      g_assert_cmpint (runs[i]->status, ==, 0);
      g_assert_null (strstr (runs[i]->out, token));
      g_assert_null (strstr (runs[i]->err, token));
    }
}

static void
test_revoked (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autoptr(GPtrArray) notes = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 2, 50);
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(LiaTestRun) sync = NULL;
  g_autoptr(LiaTestRun) status_run = NULL;
  g_autoptr(LiaStore) store = open_device (a);
  g_autofree char *device_id = lia_store_get_setting (store, "sync-device-id");
  const char *revoke[] = { "revoke", "--db", f->hq.db_path, device_id, NULL };

  g_assert_cmpint (lia_test_hq_run (revoke, NULL, NULL), ==, 0);

  sync = lia_test_run_cli (a, "sync");
  g_assert_cmpint (sync->status, ==, 1);
  g_assert_nonnull (strstr (sync->err, "HQ refused this device: it was revoked. Ask your information manager for a new enrolment code."));
  g_assert_cmpint (hq_query (f, "SELECT count(*) FROM changes"), ==, 0);

  /* The reason stays for `sync status`, and the changes wait. */
  status_run = lia_test_run_cli (a, "sync", "status", "--json");
  status = parse_object (status_run->out);
  g_assert_cmpint (json_object_get_int_member (status, "pending_changes"), ==, 2);
  g_assert_nonnull (strstr (json_object_get_string_member (status, "last_error"), "revoked"));
}

/* A and B edit the same record offline; @first syncs first. */
static void
assert_conflict_resolves_alike (Fixture    *f,
                                const char *a,
                                const char *b,
                                gboolean    a_first)
{
  g_autoptr(GPtrArray) created = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 1, 20);
  const char *uuid = g_ptr_array_index (created, 0);
  const char *text_a = "Convoy leaves at 07:00 (A)";
  const char *text_b = "Convoy cancelled (B)";
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  const LiaConflict *conflict;

  sync_count (a, "pushed");
  sync_count (b, "pulled");

  /* Both offline; B edits last, so B's revision wins everywhere. */
  {
    g_autoptr(LiaStore) store_a = open_device (a);
    g_autoptr(LiaStore) store_b = open_device (b);
    g_autoptr(LiaRecord) on_a = lia_store_load (store_a, uuid, &error);
    g_autoptr(LiaRecord) on_b = lia_store_load (store_b, uuid, &error);

    g_assert_no_error (error);
    lia_test_note_set_text (LIA_TEST_NOTE (on_a), text_a);
    g_assert_true (lia_store_save (store_a, on_a, &error));
    lia_test_note_set_text (LIA_TEST_NOTE (on_b), text_b);
    g_assert_true (lia_store_save (store_b, on_b, &error));
    g_assert_no_error (error);
  }

  if (a_first)
    {
      sync_device (a, NULL);
      sync_device (b, NULL);
      sync_device (a, NULL);
    }
  else
    {
      sync_device (b, NULL);
      sync_device (a, NULL);
      sync_device (b, NULL);
    }

  /* The same winner on both… */
  {
    g_autoptr(LiaStore) store_a = open_device (a);
    g_autoptr(LiaStore) store_b = open_device (b);
    g_autoptr(LiaRecord) on_a = lia_store_load (store_a, uuid, &error);
    g_autoptr(LiaRecord) on_b = lia_store_load (store_b, uuid, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (on_a)), ==, text_b);
    g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (on_b)), ==, text_b);
    g_assert_cmpint (lia_record_get_revision (on_a), ==, lia_record_get_revision (on_b));

    /* …and the losing edit kept for A's officer, who made it. */
    conflicts = lia_store_list_conflicts (store_a, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (conflicts->len, ==, 1);
    conflict = g_ptr_array_index (conflicts, 0);
    g_assert_cmpstr (conflict->local->uuid, ==, uuid);
    g_assert_false (conflict->local_won);
    g_assert_nonnull (strstr (conflict->local->body, text_a));
    g_assert_nonnull (strstr (conflict->remote->body, text_b));
  }

  /* HQ keeps the loser too. */
  g_assert_cmpint (hq_query (f, "SELECT count(*) FROM conflicts WHERE loser_body LIKE '%(A)%'"), >=, 1);
}

static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autofree char *b = new_device (f, "b", KORVANIA, "restricted");
  g_autoptr(JsonArray) listed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaTestRun) list = NULL;
  g_autoptr(LiaTestRun) resolve = NULL;
  g_autofree char *id = NULL;
  g_autofree char *uuid = NULL;

  assert_conflict_resolves_alike (f, a, b, TRUE);

  /* A's officer keeps their own version: it reaches B. */
  list = lia_test_run_cli (a, "sync", "conflicts", "--json");
  g_assert_cmpint (list->status, ==, 0);
  json_parser_load_from_data (parser, list->out, -1, &error);
  g_assert_no_error (error);
  listed = json_array_ref (json_node_get_array (json_parser_get_root (parser)));
  g_assert_cmpuint (json_array_get_length (listed), ==, 1);
  id = g_strdup_printf ("%" G_GINT64_FORMAT,
                        json_object_get_int_member (json_array_get_object_element (listed, 0), "id"));
  uuid = g_strdup (json_object_get_string_member (json_array_get_object_element (listed, 0), "record_uuid"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (listed, 0), "kept"), ==, "theirs");

  resolve = lia_test_run_cli (a, "sync", "resolve", id, "mine");
  g_assert_cmpint (resolve->status, ==, 0);
  g_assert_cmpint (sync_count (a, "pushed"), ==, 1);
  sync_device (b, NULL);
  {
    g_autoptr(LiaStore) store_b = open_device (b);
    g_autoptr(LiaRecord) on_b = lia_store_load (store_b, uuid, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (on_b)), ==, "Convoy leaves at 07:00 (A)");
    g_assert_cmpint (lia_record_get_revision (on_b), ==, 3);
  }

  /* The other order, on another record. */
  {
    g_autoptr(LiaStore) store_a = open_device (a);

    g_assert_cmpint (lia_store_count_conflicts (store_a, NULL), ==, 0);
  }
  assert_conflict_resolves_alike (f, a, b, FALSE);

  /* Field by field: the officer names each differing field. */
  {
    g_autoptr(LiaTestRun) list2 = lia_test_run_cli (a, "sync", "conflicts", "--json");
    g_autoptr(JsonParser) parser2 = json_parser_new ();
    g_autoptr(LiaTestRun) unclear = NULL;
    g_autoptr(LiaTestRun) unknown = NULL;
    g_autoptr(LiaTestRun) merge = NULL;
    g_autoptr(LiaStore) store_b = NULL;
    g_autoptr(LiaRecord) on_b = NULL;
    JsonObject *conflict;
    JsonArray *fields;
    g_autofree char *id2 = NULL;
    g_autofree char *uuid2 = NULL;

    json_parser_load_from_data (parser2, list2->out, -1, &error);
    g_assert_no_error (error);
    conflict = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser2)), 0);
    fields = json_object_get_array_member (conflict, "differing_fields");
    g_assert_cmpuint (json_array_get_length (fields), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (fields, 0), ==, "text");
    id2 = g_strdup_printf ("%" G_GINT64_FORMAT, json_object_get_int_member (conflict, "id"));
    uuid2 = g_strdup (json_object_get_string_member (conflict, "record_uuid"));

    unclear = lia_test_run_cli (a, "sync", "resolve", id2, "--merge", "text=maybe");
    g_assert_cmpint (unclear->status, ==, 2);
    unknown = lia_test_run_cli (a, "sync", "resolve", id2, "--merge", "colour=mine");
    g_assert_cmpint (unknown->status, ==, 1);
    g_assert_nonnull (strstr (unknown->err, "nothing to choose"));

    merge = lia_test_run_cli (a, "sync", "resolve", id2, "--merge", "text=mine");
    g_assert_cmpint (merge->status, ==, 0);
    g_assert_nonnull (strstr (merge->out, "Merged."));
    g_assert_cmpint (sync_count (a, "pushed"), ==, 1);
    sync_device (b, NULL);

    store_b = open_device (b);
    on_b = lia_store_load (store_b, uuid2, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (lia_test_note_get_text (LIA_TEST_NOTE (on_b)), ==, "Convoy leaves at 07:00 (A)");
  }
}

static void
test_cut_link (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autofree char *b = new_device (f, "b", KORVANIA, "restricted");
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) calibration = NULL;
  CutProxy *proxy = cut_proxy_start (f->hq.port);
  gint64 total;
  guint failures = 0;

  /* One round through the proxy, uncut, to learn what a sync weighs: A
   * pushes 12 notes and pulls 12 of B's. */
  {
    g_autoptr(GPtrArray) from_a = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 12, 1500);
    g_autoptr(GPtrArray) from_b = write_notes (b, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 12, 1500);

    extend (written, from_a);
    extend (written, from_b);
    sync_device (b, NULL);
    calibration = sync_device (a, proxy->url);
    total = cut_proxy_get_forwarded (proxy);

    /* What the sync reports is what went over the link. */
    g_assert_cmpint (json_object_get_int_member (calibration, "bytes_sent") +
                     json_object_get_int_member (calibration, "bytes_received"), ==, total);
    g_assert_cmpint (json_object_get_int_member (calibration, "pushed"), ==, 12);
    g_assert_cmpint (json_object_get_int_member (calibration, "pulled"), ==, 12);
  }

  /* Cut at many places across the push and the pull, each followed by a
   * clean resync. */
  for (guint i = 0; i <= 16; i++)
    {
      gint64 budget = i == 0 ? 1 : total * i / 16 - 7;
      g_autoptr(GPtrArray) from_a = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 12, 1500);
      g_autoptr(GPtrArray) from_b = write_notes (b, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 12, 1500);
      g_autoptr(LiaTestRun) cut = NULL;

      extend (written, from_a);
      extend (written, from_b);
      sync_device (b, NULL);

      cut_proxy_set_budget (proxy, budget);
      cut = lia_test_run_cli (a, "sync", "--server", proxy->url);
      if (cut->status != 0)
        {
          failures++;
          g_assert_cmpint (cut->status, ==, 1);
          g_assert_nonnull (strstr (cut->err, "liaison-cli sync: "));
        }

      cut_proxy_set_budget (proxy, G_MAXINT64);
      sync_device (a, proxy->url);
      g_assert_cmpint (pending_changes (a), ==, 0);
    }

  /* Most cuts did break a sync; all were mended. */
  g_test_message ("%u of 17 cut syncs failed, %u connections cut", failures, proxy->cuts);
  g_assert_cmpuint (failures, >=, 15);
  cut_proxy_stop (proxy);

  {
    g_autoptr(GHashTable) on_a = notes_on (a);

    g_assert_cmpuint (count_missing (on_a, written), ==, 0);
  }
  assert_nothing_lost_or_doubled (f, "fresh", written);
}

static JsonObject *
sync_status (const char *data_dir)
{
  g_autoptr(LiaTestRun) run = lia_test_run_cli (data_dir, "sync", "status", "--json");

  g_assert_cmpint (run->status, ==, 0);
  return parse_object (run->out);
}

static gboolean
hq_has_record (Fixture    *f,
               const char *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM records WHERE uuid = '%s'", uuid);

  return hq_query (f, sql) > 0;
}

/* One change HQ will not take, among good ones: the good ones reach HQ and
 * another device, the bad one is kept and listed with HQ's reason, and
 * the next sync does not send it again. */
static void
test_refused_change (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autofree char *b = new_device (f, "b", KORVANIA, "restricted");
  g_autoptr(GPtrArray) good = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 2, 100);
  g_autoptr(GPtrArray) secret = write_notes (a, KORVANIA, LIA_SENSITIVITY_CONFIDENTIAL, 1, 100);
  g_autoptr(GPtrArray) other = write_notes (a, TESSALY, LIA_SENSITIVITY_RESTRICTED, 1, 100);
  g_autoptr(GPtrArray) more = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 2, 100);
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GHashTable) on_b = NULL;
  g_autoptr(LiaTestRun) human = NULL;
  g_autoptr(LiaTestRun) log = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *refused;
  JsonArray *entries;

  extend (good, more);

  stats = sync_device (a, NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "pushed"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (stats, "refused"), ==, 2);
  g_assert_cmpint (pending_changes (a), ==, 0);

  /* The good ones went through HQ to B; the bad ones are not at HQ. */
  g_assert_cmpint (sync_count (b, "pulled"), ==, 4);
  on_b = notes_on (b);
  g_assert_cmpuint (g_hash_table_size (on_b), ==, 4);
  g_assert_cmpuint (count_missing (on_b, good), ==, 0);
  g_assert_false (hq_has_record (f, g_ptr_array_index (secret, 0)));
  g_assert_false (hq_has_record (f, g_ptr_array_index (other, 0)));

  /* Listed, with HQ's reason, and still here. */
  status = sync_status (a);
  refused = json_object_get_array_member (status, "refused");
  g_assert_cmpuint (json_array_get_length (refused), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (refused, 0), "record_uuid"),
                   ==, g_ptr_array_index (secret, 0));
  /* Above its clearance, the record never left this device: refused
   * here, not by HQ. */
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (refused, 0), "reason"),
                   ==, "above-clearance");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (refused, 1), "reason"),
                   ==, "forbidden");
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (refused, 0), "message"),
                            "clearance"));
  g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (refused, 1), "message"),
                            TESSALY));
  g_assert_cmpuint (g_hash_table_size (notes_on (a)), ==, 6);

  human = lia_test_run_cli (a, "sync", "status");
  g_assert_cmpint (human->status, ==, 0);
  g_assert_nonnull (strstr (human->out, "2 changes refused"));
  g_assert_nonnull (strstr (human->out, g_ptr_array_index (other, 0)));

  /* No loop: the next sync sends nothing again. */
  again = sync_device (a, NULL);
  g_assert_cmpint (json_object_get_int_member (again, "pushed"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (again, "refused"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (again, "batches"), ==, 0);

  /* Brought within the clearance, the record travels and is no longer
   * listed. */
  {
    g_autoptr(LiaStore) store = open_device (a);
    g_autoptr(LiaRecord) note = lia_store_load (store, g_ptr_array_index (secret, 0), &error);

    g_assert_no_error (error);
    lia_record_set_sensitivity (note, LIA_SENSITIVITY_RESTRICTED);
    g_assert_true (lia_store_save (store, note, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sync_count (a, "pushed"), ==, 1);
  g_assert_true (hq_has_record (f, g_ptr_array_index (secret, 0)));
  {
    g_autoptr(JsonObject) after = sync_status (a);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (after, "refused")), ==, 1);
  }

  /* The log has each attempt, newest first. */
  log = lia_test_run_cli (a, "sync", "log", "--json");
  g_assert_cmpint (log->status, ==, 0);
  json_parser_load_from_data (parser, log->out, -1, &error);
  g_assert_no_error (error);
  entries = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (entries), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 0), "outcome"), ==, "ok");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (entries, 2), "refused"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (entries, 2), "pushed"), ==, 4);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (entries, 2), "bytes_sent"), >, 0);
}

/* HQ with a small body limit: a batch too large is halved until it fits;
 * a record too large on its own is kept as refused, in plain words, and
 * the rest still goes. */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  const char *args[] = { "--insecure-http", "--rate-limit", "100000", "--max-body", "16", NULL };
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GPtrArray) medium = NULL;
  g_autoptr(GPtrArray) big = NULL;
  g_autoptr(GPtrArray) small = NULL;
  g_autoptr(JsonObject) stats = NULL;
  g_autoptr(JsonObject) again = NULL;
  g_autoptr(JsonObject) status = NULL;
  g_autoptr(GHashTable) on_b = NULL;
  JsonObject *refused;

  lia_test_hq_stop (&f->hq, SIGTERM);
  lia_test_hq_start (&f->hq, args);
  a = new_device (f, "a", KORVANIA, "restricted");
  b = new_device (f, "b", KORVANIA, "restricted");

  /* About 3 KB each once compressed: together twice the limit. */
  medium = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 8, 6000);
  big = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 1, 60000);
  small = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 2, 100);

  stats = sync_device (a, NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "pushed"), ==, 10);
  g_assert_cmpint (json_object_get_int_member (stats, "refused"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (stats, "batches"), >=, 3);
  g_assert_cmpint (pending_changes (a), ==, 0);

  g_assert_cmpint (sync_count (b, "pulled"), ==, 10);
  on_b = notes_on (b);
  g_assert_cmpuint (count_missing (on_b, medium) + count_missing (on_b, small), ==, 0);
  g_assert_false (hq_has_record (f, g_ptr_array_index (big, 0)));

  status = sync_status (a);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (status, "refused")), ==, 1);
  refused = json_array_get_object_element (json_object_get_array_member (status, "refused"), 0);
  g_assert_cmpstr (json_object_get_string_member (refused, "record_uuid"), ==, g_ptr_array_index (big, 0));
  g_assert_cmpstr (json_object_get_string_member (refused, "reason"), ==, "too-large");
  g_assert_nonnull (strstr (json_object_get_string_member (refused, "message"),
                            "This record is larger than HQ accepts ("));

  /* No loop, and what HQ taught stays: new changes fit at once. */
  {
    g_autoptr(GPtrArray) later = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 8, 6000);

    again = sync_device (a, NULL);
    g_assert_cmpint (json_object_get_int_member (again, "pushed"), ==, 8);
    g_assert_cmpint (json_object_get_int_member (again, "refused"), ==, 0);
    g_assert_cmpint (pending_changes (a), ==, 0);
  }

  /* Nothing doubled at HQ by the halving. */
  g_assert_cmpint (hq_query (f, "SELECT count(*) FROM changes WHERE record_type = 'test-note'"), ==, 18);
}

/* Starts a sync of many records and kills @victim once HQ has
 * acknowledged at least one batch of it. */
static void
kill_during_push (Fixture     *f,
                  const char  *data_dir,
                  gint64       total,
                  gboolean     kill_hq)
{
  const char *args[] = { "sync", NULL };
  g_autoptr(GSubprocess) cli = lia_test_spawn_cli_argv (data_dir, args,
                                                        G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  gint64 pushed = 0;

  while (pushed == 0 && g_get_monotonic_time () < deadline)
    {
      g_usleep (5000);
      pushed = pushed_seq (data_dir);
    }

  if (kill_hq)
    lia_test_hq_kill (&f->hq);
  else
    g_subprocess_force_exit (cli);
  g_subprocess_wait (cli, NULL, &error);
  g_assert_no_error (error);

  /* Killed half-way, not after the end. */
  g_assert_cmpint (pushed, >, 0);
  g_assert_cmpint (pushed_seq (data_dir), <, total);
  if (!kill_hq)
    {
      g_assert_true (g_subprocess_get_if_signaled (cli));
      g_assert_cmpint (g_subprocess_get_term_sig (cli), ==, SIGKILL);
    }
}

static void
test_client_killed (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autoptr(GPtrArray) written = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 6000, 1000);

  kill_during_push (f, a, written->len, FALSE);

  /* Run again: the rest goes, and what went is not sent twice. */
  g_assert_cmpint (sync_count (a, "pushed"), <, 6000);
  g_assert_cmpint (pending_changes (a), ==, 0);
  assert_nothing_lost_or_doubled (f, "fresh", written);
}

static void
test_hq_killed (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *a = new_device (f, "a", KORVANIA, "restricted");
  g_autoptr(GPtrArray) written = write_notes (a, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 6000, 1000);
  g_autoptr(JsonObject) stats = NULL;

  kill_during_push (f, a, written->len, TRUE);

  /* HQ restarts on another port: --server reaches it for this sync. */
  lia_test_hq_start (&f->hq, hq_args);
  stats = sync_device (a, f->hq.base_url);
  g_assert_cmpint (json_object_get_int_member (stats, "pushed"), <, 6000);
  assert_nothing_lost_or_doubled (f, "fresh", written);
}

static void
test_cli_usage (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *data_dir = g_build_filename (f->dir, "unenrolled", NULL);
  g_autoptr(LiaTestRun) help = lia_test_run_cli (data_dir, "help", "sync");
  g_autoptr(LiaTestRun) help_status = lia_test_run_cli (data_dir, "help", "sync", "status");
  g_autoptr(LiaTestRun) unknown = lia_test_run_cli (data_dir, "sync", "upload");
  g_autoptr(LiaTestRun) clear_text = lia_test_run_cli (data_dir, "sync", "--server", "http://hq.example.org");
  g_autoptr(LiaTestRun) no_code = lia_test_run_cli (data_dir, "enrol", f->hq.base_url);
  g_autoptr(LiaTestRun) bad_code = lia_test_run_cli (data_dir, "enrol", f->hq.base_url, "123456");
  g_autoptr(LiaTestRun) not_enrolled = NULL;
  g_autoptr(LiaTestRun) status = NULL;
  g_autoptr(LiaTestRun) resolve = NULL;

  /* The group's help lists its sub-commands and the sync's own option. */
  g_assert_cmpint (help->status, ==, 0);
  g_assert_nonnull (strstr (help->out, "--server"));
  g_assert_true (g_regex_match_simple ("^  status +\\S", help->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  conflicts +\\S", help->out, G_REGEX_MULTILINE, 0));
  g_assert_true (g_regex_match_simple ("^  resolve +\\S", help->out, G_REGEX_MULTILINE, 0));
  g_assert_cmpint (help_status->status, ==, 0);
  g_assert_nonnull (strstr (help_status->out, "liaison-cli sync status"));

  /* Wrong command lines: exit 2, nothing created. */
  g_assert_cmpint (unknown->status, ==, 2);
  g_assert_nonnull (strstr (unknown->err, "unknown sub-command “upload”"));
  g_assert_cmpint (no_code->status, ==, 2);
  g_assert_nonnull (strstr (no_code->err, "CODE is missing"));
  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));

  /* Refusals: exit 1 with what to do. */
  g_assert_cmpint (clear_text->status, ==, 1);
  g_assert_nonnull (strstr (clear_text->err, "Use the https:// address of HQ."));
  g_assert_cmpint (bad_code->status, ==, 1);
  g_assert_nonnull (strstr (bad_code->err, "This is not an enrolment code."));

  not_enrolled = lia_test_run_cli (data_dir, "sync");
  g_assert_cmpint (not_enrolled->status, ==, 1);
  g_assert_cmpstr (not_enrolled->out, ==, "");
  g_assert_nonnull (strstr (not_enrolled->err, "not enrolled with HQ"));

  status = lia_test_run_cli (data_dir, "sync", "status");
  g_assert_cmpint (status->status, ==, 0);
  g_assert_nonnull (strstr (status->out, "This device is not enrolled with HQ."));

  resolve = lia_test_run_cli (data_dir, "sync", "resolve", "7", "mine");
  g_assert_cmpint (resolve->status, ==, 1);
  g_assert_nonnull (strstr (resolve->err, "already resolved, or it does not exist"));
}

/* A small HQ with a self-signed certificate: the pin in the enrolment code
 * is what the device trusts, and a code with another pin gets nowhere. */
static void
test_tls_pinned (Fixture       *f,
                 gconstpointer  data)
{
  LiaTestHq hq = { NULL };
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autofree char *code = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *device = g_build_filename (f->dir, "tls-device", NULL);
  g_autofree char *tricked = g_build_filename (f->dir, "tls-tricked", NULL);
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(LiaTestRun) enrol = NULL;
  g_autoptr(LiaTestRun) refused = NULL;
  g_autoptr(JsonObject) stats = NULL;

  hq.tmpdir = lia_test_hq_make_tmpdir ();
  hq.db_path = g_build_filename (hq.tmpdir, "hq.db", NULL);
  if (!lia_test_hq_make_certificate (hq.tmpdir, &cert, &key))
    {
      g_test_skip ("openssl is needed to make a test certificate");
      lia_test_hq_clear (&hq);
      return;
    }

  {
    const char *args[] = { "--tls-cert", cert, "--tls-key", key, "--rate-limit", "100000", NULL };
    const char *asan_options = g_getenv ("ASAN_OPTIONS");
    g_autofree char *no_leaks = g_strconcat (asan_options != NULL ? asan_options : "",
                                             ":detect_leaks=0", NULL);

    /* As in test-hq-sync: LeakSanitizer crashes at exit in GnuTLS. */
    hq.envp = g_environ_setenv (g_get_environ (), "ASAN_OPTIONS", no_leaks, TRUE);
    lia_test_hq_start (&hq, args);
  }

  {
    const char *args[] = { "enrol-code", "--db", hq.db_path, "--operation", KORVANIA,
                           "--clearance", "restricted", "--tls-cert", cert, NULL };

    g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
    g_strstrip (code);
  }

  /* The same code with another key's pin: the device refuses HQ before
   * anything, the code included, is sent. */
  forged = g_strdup (code);
  memcpy (strrchr (forged, '-') + 1, "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", 44);
  refused = lia_test_run_cli (tricked, "enrol", hq.base_url, forged);
  g_assert_cmpint (refused->status, ==, 1);
  g_assert_cmpstr (refused->out, ==, "");
  g_assert_nonnull (strstr (refused->err, "Could not verify"));

  /* …and the genuine code still works: the forged attempt never reached HQ. */

  enrol = lia_test_run_cli (device, "enrol", hq.base_url, code, "--name", "tls");
  g_assert_cmpstr (enrol->err, ==, "");
  g_assert_cmpint (enrol->status, ==, 0);

  notes = write_notes (device, KORVANIA, LIA_SENSITIVITY_RESTRICTED, 3, 200);
  stats = sync_device (device, NULL);
  g_assert_cmpint (json_object_get_int_member (stats, "pushed"), ==, 3);

  lia_test_hq_stop (&hq, SIGTERM);
  lia_test_hq_clear (&hq);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  lia_store_register_type (LIA_TYPE_TEST_NOTE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/sync-e2e/cli-usage", test_cli_usage);
  ADD ("/sync-e2e/tls-pinned", test_tls_pinned);
  ADD ("/sync-e2e/scoping", test_scoping);
  ADD ("/sync-e2e/secrets-stay-secret", test_secrets_stay_secret);
  ADD ("/sync-e2e/revoked", test_revoked);
  ADD ("/sync-e2e/conflict", test_conflict);
  ADD ("/sync-e2e/refused-change", test_refused_change);
  ADD ("/sync-e2e/too-large", test_too_large);
  ADD ("/sync-e2e/cut-link", test_cut_link);
  ADD ("/sync-e2e/client-killed", test_client_killed);
  ADD ("/sync-e2e/hq-killed", test_hq_killed);

#undef ADD

  return g_test_run ();
}
