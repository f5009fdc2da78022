/* lia-hq-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "lia-clock.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-hq-auth.h"
#include "lia-hq-search.h"
#include "lia-hq-store.h"
#include "lia-hq-store-private.h"
#include "lia-sync-protocol.h"
#include "lia-types.h"

struct _LiaHqStore
{
  GObject  parent_instance;

  char    *path;
  sqlite3 *db;
};

static void lia_hq_store_initable_iface_init (GInitableIface *iface);

G_DEFINE_QUARK (lia-hq-store-error-quark, lia_hq_store_error)

G_DEFINE_FINAL_TYPE_WITH_CODE (LiaHqStore, lia_hq_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      lia_hq_store_initable_iface_init))

enum {
  PROP_0,
  PROP_PATH,
  PROP_SCHEMA_VERSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Append only: a released step is never edited, because HQ databases exist
 * at every earlier version and are upgraded in place when the daemon
 * starts. */
static const char * const migrations[] = {
  /* 1: the operations HQ coordinates and the devices enrolled in them */
  "CREATE TABLE operations ("
  "  id   TEXT PRIMARY KEY NOT NULL,"
  "  name TEXT"
  ");"
  "CREATE TABLE devices ("
  "  id          TEXT PRIMARY KEY NOT NULL,"
  "  operation   TEXT NOT NULL REFERENCES operations (id),"
  "  clearance   INTEGER NOT NULL CHECK (clearance BETWEEN 0 AND 3),"
  "  token_hash  TEXT UNIQUE,"
  "  enrolled_at TEXT,"
  "  revoked_at  TEXT"
  ");",

  /* 2: sync.  Enrolment codes (hashed) and device tokens; the batches
   * each device pushed, whose UNIQUE constraint makes a replay apply
   * nothing; the current revision of every record; the feed of accepted
   * revisions devices pull, numbered by hq_seq; the losers of conflicts,
   * kept for a person; guidance packs and HQ's own identity for what it
   * publishes. */
  "CREATE TABLE enrol_codes ("
  "  code_hash  TEXT PRIMARY KEY NOT NULL,"
  "  operation  TEXT NOT NULL REFERENCES operations (id),"
  "  clearance  INTEGER NOT NULL CHECK (clearance BETWEEN 0 AND 3),"
  "  token_days INTEGER NOT NULL CHECK (token_days > 0),"
  "  created_at TEXT NOT NULL,"
  "  expires_at TEXT NOT NULL,"
  "  used_at    TEXT,"
  "  device_id  TEXT REFERENCES devices (id)"
  ");"
  "ALTER TABLE devices ADD COLUMN name TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE devices ADD COLUMN last_seen TEXT;"
  "ALTER TABLE devices ADD COLUMN token_expires_at TEXT;"
  "ALTER TABLE devices ADD COLUMN pulled_seq INTEGER NOT NULL DEFAULT 0;"
  "CREATE TABLE batches ("
  "  device_id TEXT NOT NULL REFERENCES devices (id),"
  "  batch_seq INTEGER NOT NULL,"
  "  acked_at  TEXT NOT NULL,"
  "  response  TEXT NOT NULL,"
  "  UNIQUE (device_id, batch_seq)"
  ");"
  "CREATE TABLE records ("
  "  uuid          TEXT PRIMARY KEY NOT NULL,"
  "  record_type   TEXT NOT NULL,"
  "  operation     TEXT NOT NULL,"
  "  sensitivity   INTEGER NOT NULL CHECK (sensitivity BETWEEN 0 AND 3),"
  "  revision      INTEGER NOT NULL CHECK (revision > 0),"
  "  author_device TEXT NOT NULL,"
  "  changed_at    TEXT NOT NULL,"
  "  tombstone     INTEGER NOT NULL CHECK (tombstone IN (0, 1)),"
  "  body          TEXT NOT NULL CHECK (json_valid (body)),"
  "  hq_seq        INTEGER NOT NULL,"
  "  origin_device TEXT"
  ");"
  "CREATE TABLE changes ("
  "  hq_seq        INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uuid          TEXT NOT NULL,"
  "  record_type   TEXT NOT NULL,"
  "  operation     TEXT NOT NULL,"
  "  sensitivity   INTEGER NOT NULL CHECK (sensitivity BETWEEN 0 AND 3),"
  "  revision      INTEGER NOT NULL CHECK (revision > 0),"
  "  author_device TEXT NOT NULL,"
  "  changed_at    TEXT NOT NULL,"
  "  tombstone     INTEGER NOT NULL CHECK (tombstone IN (0, 1)),"
  "  body          TEXT NOT NULL CHECK (json_valid (body)),"
  "  origin_device TEXT,"
  "  received_at   TEXT NOT NULL,"
  "  UNIQUE (uuid, revision, author_device, changed_at)"
  ");"
  "CREATE INDEX changes_by_operation ON changes (operation, hq_seq);"
  "CREATE TABLE conflicts ("
  "  id                   INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uuid                 TEXT NOT NULL,"
  "  record_type          TEXT NOT NULL,"
  "  operation            TEXT NOT NULL,"
  "  winner_revision      INTEGER NOT NULL,"
  "  winner_author_device TEXT NOT NULL,"
  "  winner_changed_at    TEXT NOT NULL,"
  "  loser_sensitivity    INTEGER NOT NULL,"
  "  loser_revision       INTEGER NOT NULL,"
  "  loser_author_device  TEXT NOT NULL,"
  "  loser_changed_at     TEXT NOT NULL,"
  "  loser_tombstone      INTEGER NOT NULL,"
  "  loser_body           TEXT NOT NULL,"
  "  loser_origin_device  TEXT,"
  "  detected_at          TEXT NOT NULL,"
  "  resolved_at          TEXT,"
  "  UNIQUE (uuid, loser_revision, loser_author_device, loser_changed_at)"
  ");"
  "CREATE TABLE guidance_packs ("
  "  content_version INTEGER PRIMARY KEY NOT NULL,"
  "  sha256          TEXT NOT NULL,"
  "  size            INTEGER NOT NULL,"
  "  gzipped         BLOB NOT NULL,"
  "  published_at    TEXT NOT NULL"
  ");"
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");",

  /* 3: the HQ dashboard.  Its users (Argon2id password hashes, their
   * operations as a JSON array, "*" for all) and their sessions (token
   * hashes, CSRF tokens, Unix times); the full-text index of records,
   * one column per sensitivity level, kept by triggers (see
   * dashboard/lia-hq-search.c). */
  "CREATE TABLE hq_users ("
  "  name          TEXT PRIMARY KEY NOT NULL,"
  "  password_hash TEXT NOT NULL,"
  "  operations    TEXT NOT NULL CHECK (json_valid (operations)),"
  "  clearance     INTEGER NOT NULL CHECK (clearance BETWEEN 0 AND 3),"
  "  created_at    TEXT NOT NULL"
  ");"
  "CREATE TABLE hq_sessions ("
  "  token_hash   TEXT PRIMARY KEY NOT NULL,"
  "  user_name    TEXT NOT NULL REFERENCES hq_users (name) ON DELETE CASCADE,"
  "  csrf_token   TEXT NOT NULL,"
  "  created_at   INTEGER NOT NULL,"
  "  last_used_at INTEGER NOT NULL,"
  "  expires_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX hq_sessions_by_user ON hq_sessions (user_name);"
  "CREATE VIRTUAL TABLE records_fts USING fts5 (l0, l1, l2, l3, content = '', tokenize = 'liaison');"
  "CREATE TRIGGER records_fts_insert AFTER INSERT ON records WHEN NOT new.tombstone BEGIN"
  "  INSERT INTO records_fts (rowid, l0, l1, l2, l3)"
  "    SELECT new.rowid, t ->> 0, t ->> 1, t ->> 2, t ->> 3 FROM (SELECT lia_hq_fts_texts (new.body) AS t);"
  "END;"
  "CREATE TRIGGER records_fts_update AFTER UPDATE OF body, tombstone ON records BEGIN"
  "  INSERT INTO records_fts (records_fts, rowid, l0, l1, l2, l3)"
  "    SELECT 'delete', old.rowid, t ->> 0, t ->> 1, t ->> 2, t ->> 3"
  "      FROM (SELECT lia_hq_fts_texts (old.body) AS t) WHERE NOT old.tombstone;"
  "  INSERT INTO records_fts (rowid, l0, l1, l2, l3)"
  "    SELECT new.rowid, t ->> 0, t ->> 1, t ->> 2, t ->> 3"
  "      FROM (SELECT lia_hq_fts_texts (new.body) AS t) WHERE NOT new.tombstone;"
  "END;"
  "CREATE TRIGGER records_fts_delete AFTER DELETE ON records WHEN NOT old.tombstone BEGIN"
  "  INSERT INTO records_fts (records_fts, rowid, l0, l1, l2, l3)"
  "    SELECT 'delete', old.rowid, t ->> 0, t ->> 1, t ->> 2, t ->> 3 FROM (SELECT lia_hq_fts_texts (old.body) AS t);"
  "END;"
  "INSERT INTO records_fts (rowid, l0, l1, l2, l3)"
  "  SELECT rowid, t ->> 0, t ->> 1, t ->> 2, t ->> 3"
  "    FROM (SELECT rowid, lia_hq_fts_texts (body) AS t FROM records WHERE NOT tombstone);",

  /* 4: recovery.  Whether the devices of an operation seal their data key
   * to HQ's escrow public key at enrolment (lia-hq-escrow.c); the public
   * key is in settings, the secret key in a file of its own. */
  "ALTER TABLE operations ADD COLUMN escrow INTEGER NOT NULL DEFAULT 0 CHECK (escrow IN (0, 1));",
};

static gboolean
lia_hq_store_initable_init (GInitable     *initable,
                            GCancellable  *cancellable,
                            GError       **error)
{
  LiaHqStore *self = LIA_HQ_STORE (initable);
  g_autoptr(sqlite3) db = NULL;

  g_return_val_if_fail (self->path != NULL, FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  if (!(db = lia_db_open (self->path, error)))
    return FALSE;

  /* The search index's triggers need these on every connection. */
  if (!lia_hq_search_register (db, error))
    return FALSE;

  /* lia_db_migrate refuses a newer schema before writing anything, so a
   * database from a newer liaison-hq is left exactly as it was. */
  if (!lia_db_migrate (db, migrations, G_N_ELEMENTS (migrations),
                       G_N_ELEMENTS (migrations), error))
    return FALSE;

  self->db = g_steal_pointer (&db);

  return TRUE;
}

static void
lia_hq_store_initable_iface_init (GInitableIface *iface)
{
  iface->init = lia_hq_store_initable_init;
}

static void
lia_hq_store_finalize (GObject *object)
{
  LiaHqStore *self = (LiaHqStore *)object;

  g_clear_pointer (&self->db, lia_db_close);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lia_hq_store_parent_class)->finalize (object);
}

static void
lia_hq_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LiaHqStore *self = LIA_HQ_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_SCHEMA_VERSION:
      g_value_set_uint (value, lia_hq_store_get_schema_version (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_hq_store_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LiaHqStore *self = LIA_HQ_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_hq_store_class_init (LiaHqStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_hq_store_finalize;
  object_class->get_property = lia_hq_store_get_property;
  object_class->set_property = lia_hq_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties[PROP_SCHEMA_VERSION] =
    g_param_spec_uint ("schema-version", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_hq_store_init (LiaHqStore *self)
{
}

/**
 * lia_hq_store_open:
 * @path: the SQLite file, created if missing
 * @error: a location for a #GError
 *
 * Opens the HQ database and brings its schema up to date.  A database
 * written by a newer liaison-hq is refused with %LIA_ERROR_SCHEMA_TOO_NEW
 * and left untouched.
 *
 * Returns: (transfer full): a new #LiaHqStore, or %NULL with @error set
 */
LiaHqStore *
lia_hq_store_open (const char  *path,
                   GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_initable_new (LIA_TYPE_HQ_STORE, NULL, error,
                         "path", path,
                         NULL);
}

const char *
lia_hq_store_get_path (LiaHqStore *self)
{
  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);

  return self->path;
}

/**
 * lia_hq_store_get_schema_version:
 * @self: a #LiaHqStore
 *
 * Returns: the schema version of the open database, or 0 once closed
 */
guint
lia_hq_store_get_schema_version (LiaHqStore *self)
{
  g_return_val_if_fail (LIA_IS_HQ_STORE (self), 0);

  if (self->db == NULL)
    return 0;

  return lia_db_get_user_version (self->db);
}

/* For the dashboard's own queries (lia-hq-store-private.h). */
sqlite3 *
lia_hq_store_get_db (LiaHqStore *self)
{
  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);

  return self->db;
}

guint
lia_hq_store_get_latest_schema_version (void)
{
  return G_N_ELEMENTS (migrations);
}

/**
 * lia_hq_store_close:
 * @self: a #LiaHqStore
 * @error: a location for a #GError
 *
 * Folds the write-ahead log back into the database file and closes it, so
 * that a stopped HQ leaves a single self-contained file to back up.  Safe
 * to call more than once.
 *
 * Returns: %TRUE if the checkpoint succeeded; the database is closed either
 *   way
 */
gboolean
lia_hq_store_close (LiaHqStore  *self,
                    GError     **error)
{
  gboolean ret = TRUE;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), FALSE);

  if (self->db == NULL)
    return TRUE;

  ret = lia_db_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", error);
  g_clear_pointer (&self->db, lia_db_close);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA_VERSION]);

  return ret;
}

/* ---- helpers ---------------------------------------------------------------- */

void
lia_hq_device_free (LiaHqDevice *device)
{
  if (device == NULL)
    return;

  g_free (device->id);
  g_free (device->name);
  g_free (device->operation);
  g_free (device->enrolled_at);
  g_free (device->token_expires_at);
  g_free (device->last_seen);
  g_free (device->revoked_at);
  g_free (device);
}

void
lia_hq_guidance_free (LiaHqGuidance *guidance)
{
  if (guidance == NULL)
    return;

  g_free (guidance->sha256);
  g_clear_pointer (&guidance->gzipped, g_bytes_unref);
  g_free (guidance);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return lia_clock_format_iso8601 (now);
}

static gboolean
check_open (LiaHqStore  *self,
            GError     **error)
{
  if (self->db != NULL)
    return TRUE;

  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_DATABASE, _("The HQ database is closed."));
  return FALSE;
}

/* IMMEDIATE takes the write lock up front, so that what a transaction
 * reads cannot change before it writes (admin commands may run alongside
 * the daemon). */
static gboolean
begin (LiaHqStore  *self,
       GError     **error)
{
  return check_open (self, error) && lia_db_exec (self->db, "BEGIN IMMEDIATE;", error);
}

static gboolean
commit (LiaHqStore  *self,
        GError     **error)
{
  if (lia_db_exec (self->db, "COMMIT;", error))
    return TRUE;

  lia_db_exec (self->db, "ROLLBACK;", NULL);
  return FALSE;
}

static void
rollback (LiaHqStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    lia_db_exec (self->db, "ROLLBACK;", NULL);
}

static gboolean
step_done (sqlite3       *db,
           sqlite3_stmt  *stmt,
           const char    *doing,
           GError       **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, doing, error);

  return TRUE;
}

static char *
column_dup (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *)sqlite3_column_text (stmt, column));
}

/* ---- devices ------------------------------------------------------------------ */

#define DEVICE_COLUMNS \
  "id, name, operation, clearance, enrolled_at, token_expires_at, last_seen, revoked_at, pulled_seq"

static LiaHqDevice *
device_from_row (sqlite3_stmt *stmt)
{
  LiaHqDevice *device = g_new0 (LiaHqDevice, 1);

  device->id = column_dup (stmt, 0);
  device->name = column_dup (stmt, 1);
  device->operation = column_dup (stmt, 2);
  device->clearance = CLAMP (sqlite3_column_int (stmt, 3), 0, LIA_SENSITIVITY_LAST);
  device->enrolled_at = column_dup (stmt, 4);
  device->token_expires_at = column_dup (stmt, 5);
  device->last_seen = column_dup (stmt, 6);
  device->revoked_at = column_dup (stmt, 7);
  device->pulled_seq = sqlite3_column_int64 (stmt, 8);

  return device;
}

/**
 * lia_hq_store_add_enrol_code:
 * @self: a #LiaHqStore
 * @code_hash: the hash of the code's secret (see lia_hq_auth_hash())
 * @operation: the operation the enrolled device will belong to, created
 *   if HQ does not know it yet
 * @clearance: the highest sensitivity the device will receive
 * @expires_at: when the code stops working
 * @token_days: how long the device's token will stay valid
 * @error: a location for a #GError
 *
 * Returns: %TRUE if stored
 */
gboolean
lia_hq_store_add_enrol_code (LiaHqStore      *self,
                             const char      *code_hash,
                             const char      *operation,
                             LiaSensitivity   clearance,
                             GDateTime       *expires_at,
                             guint            token_days,
                             GError         **error)
{
  g_autoptr(sqlite3_stmt) add_operation = NULL;
  g_autoptr(sqlite3_stmt) add_code = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *expires = NULL;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), FALSE);
  g_return_val_if_fail (code_hash != NULL, FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);
  g_return_val_if_fail (clearance <= LIA_SENSITIVITY_LAST, FALSE);
  g_return_val_if_fail (expires_at != NULL, FALSE);
  g_return_val_if_fail (token_days > 0, FALSE);

  expires = lia_clock_format_iso8601 (expires_at);

  if (!begin (self, error))
    return FALSE;

  if (!(add_operation = lia_db_prepare (self->db,
                                        "INSERT INTO operations (id, name) VALUES (?1, ?1)"
                                        " ON CONFLICT (id) DO NOTHING",
                                        error)) ||
      !(add_code = lia_db_prepare (self->db,
                                   "INSERT INTO enrol_codes (code_hash, operation, clearance, token_days,"
                                   "  created_at, expires_at)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                   error)))
    {
      rollback (self);
      return FALSE;
    }

  sqlite3_bind_text (add_operation, 1, operation, -1, SQLITE_STATIC);
  sqlite3_bind_text (add_code, 1, code_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (add_code, 2, operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (add_code, 3, clearance);
  sqlite3_bind_int (add_code, 4, token_days);
  sqlite3_bind_text (add_code, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (add_code, 6, expires, -1, SQLITE_STATIC);

  if (!step_done (self->db, add_operation, _("adding the operation"), error) ||
      !step_done (self->db, add_code, _("storing the enrolment code"), error))
    {
      rollback (self);
      return FALSE;
    }

  return commit (self, error);
}

/**
 * lia_hq_store_enrol:
 * @self: a #LiaHqStore
 * @code_hash: the hash of the enrolment code's secret
 * @device_name: what the officer calls the device
 * @token_hash: the hash of the token the device will be given
 * @error: a location for a #GError
 *
 * Uses up the code and enrols a new device, in one transaction.  Refused
 * with %LIA_HQ_STORE_ERROR_CODE_UNKNOWN, _CODE_USED or _CODE_EXPIRED, in
 * which case nothing is written.
 *
 * Returns: (transfer full): the new device, or %NULL with @error set
 */
LiaHqDevice *
lia_hq_store_enrol (LiaHqStore  *self,
                    const char  *code_hash,
                    const char  *device_name,
                    const char  *token_hash,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autoptr(sqlite3_stmt) use = NULL;
  g_autoptr(sqlite3_stmt) load = NULL;
  g_autoptr(GDateTime) now_time = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) token_expiry = NULL;
  g_autofree char *now = lia_clock_format_iso8601 (now_time);
  g_autofree char *token_expires_at = NULL;
  g_autofree char *device_id = g_uuid_string_random ();
  LiaHqDevice *device;
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);
  g_return_val_if_fail (code_hash != NULL, NULL);
  g_return_val_if_fail (device_name != NULL, NULL);
  g_return_val_if_fail (token_hash != NULL, NULL);

  if (!begin (self, error))
    return NULL;

  if (!(find = lia_db_prepare (self->db,
                               "SELECT operation, clearance, token_days, expires_at, used_at"
                               "  FROM enrol_codes WHERE code_hash = ?1",
                               error)))
    goto failed;

  sqlite3_bind_text (find, 1, code_hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_CODE_UNKNOWN,
                           _("HQ does not know this enrolment code. Check it, or ask HQ for a new one."));
      goto failed;
    }
  if (rc != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("looking up the enrolment code"), error);
      goto failed;
    }

  if (sqlite3_column_type (find, 4) != SQLITE_NULL)
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_CODE_USED,
                           _("This enrolment code has already been used. Ask HQ for a new one."));
      goto failed;
    }

  if (g_strcmp0 ((const char *)sqlite3_column_text (find, 3), now) <= 0)
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_CODE_EXPIRED,
                           _("This enrolment code has expired. Ask HQ for a new one."));
      goto failed;
    }

  token_expiry = g_date_time_add_days (now_time, sqlite3_column_int (find, 2));
  token_expires_at = lia_clock_format_iso8601 (token_expiry);

  if (!(add = lia_db_prepare (self->db,
                              "INSERT INTO devices (id, operation, clearance, token_hash, enrolled_at,"
                              "  name, token_expires_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error)) ||
      !(use = lia_db_prepare (self->db,
                              "UPDATE enrol_codes SET used_at = ?2, device_id = ?3 WHERE code_hash = ?1",
                              error)) ||
      !(load = lia_db_prepare (self->db,
                               "SELECT " DEVICE_COLUMNS " FROM devices WHERE id = ?1",
                               error)))
    goto failed;

  sqlite3_bind_text (add, 1, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_value (add, 2, sqlite3_column_value (find, 0));
  sqlite3_bind_value (add, 3, sqlite3_column_value (find, 1));
  sqlite3_bind_text (add, 4, token_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (add, 5, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (add, 6, device_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (add, 7, token_expires_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (use, 1, code_hash, -1, SQLITE_STATIC);
  sqlite3_bind_text (use, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (use, 3, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (load, 1, device_id, -1, SQLITE_STATIC);

  if (!step_done (self->db, add, _("enrolling the device"), error) ||
      !step_done (self->db, use, _("using up the enrolment code"), error))
    goto failed;

  if (sqlite3_step (load) != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("reading the new device"), error);
      goto failed;
    }
  device = device_from_row (load);

  if (!commit (self, error))
    {
      lia_hq_device_free (device);
      return NULL;
    }

  return device;

failed:
  rollback (self);
  return NULL;
}

/**
 * lia_hq_store_authenticate:
 * @self: a #LiaHqStore
 * @token_hash: the hash of the token a request carried
 * @error: a location for a #GError
 *
 * Finds the device a token belongs to, and refuses a revoked or expired
 * one.  Writes nothing.
 *
 * Returns: (transfer full): the device, or %NULL with
 *   %LIA_HQ_STORE_ERROR_TOKEN_UNKNOWN, _TOKEN_REVOKED or _TOKEN_EXPIRED
 */
LiaHqDevice *
lia_hq_store_authenticate (LiaHqStore  *self,
                           const char  *token_hash,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(LiaHqDevice) device = NULL;
  g_autofree char *now = now_iso8601 ();
  const char *stored_hash;
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);
  g_return_val_if_fail (token_hash != NULL, NULL);

  if (!check_open (self, error) ||
      !(find = lia_db_prepare (self->db,
                               "SELECT " DEVICE_COLUMNS ", token_hash FROM devices WHERE token_hash = ?1",
                               error)))
    return NULL;

  sqlite3_bind_text (find, 1, token_hash, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lia_db_set_error (self->db, _("checking a token"), error);
      return NULL;
    }

  /* The index finds the row by the hash, which tells an attacker nothing
   * about the token; the final comparison is constant-time all the
   * same. */
  stored_hash = rc == SQLITE_ROW ? (const char *)sqlite3_column_text (find, 9) : NULL;
  if (stored_hash == NULL || !lia_hq_auth_equal (stored_hash, token_hash))
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_TOKEN_UNKNOWN,
                           _("HQ does not know this device token. Enrol the device again."));
      return NULL;
    }

  device = device_from_row (find);

  if (device->revoked_at != NULL)
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_TOKEN_REVOKED,
                           _("HQ has revoked this device. Ask HQ for a new enrolment code."));
      return NULL;
    }

  if (device->token_expires_at != NULL && g_strcmp0 (device->token_expires_at, now) <= 0)
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_TOKEN_EXPIRED,
                           _("This device's token has expired. Ask HQ for a new enrolment code."));
      return NULL;
    }

  return g_steal_pointer (&device);
}

/**
 * lia_hq_store_list_devices:
 * @self: a #LiaHqStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full) (element-type LiaHqDevice): every device ever
 *   enrolled, the earliest first
 */
GPtrArray *
lia_hq_store_list_devices (LiaHqStore  *self,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) list = NULL;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_hq_device_free);
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);

  if (!check_open (self, error) ||
      !(list = lia_db_prepare (self->db,
                               "SELECT " DEVICE_COLUMNS " FROM devices ORDER BY enrolled_at, id",
                               error)))
    return NULL;

  while ((rc = sqlite3_step (list)) == SQLITE_ROW)
    g_ptr_array_add (devices, device_from_row (list));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (self->db, _("listing devices"), error);
      return NULL;
    }

  return g_steal_pointer (&devices);
}

/**
 * lia_hq_store_revoke_device:
 * @self: a #LiaHqStore
 * @device_id: the device
 * @already_revoked: (out) (optional): whether it was revoked before
 * @error: a location for a #GError
 *
 * From now on every request with the device's token is refused.  The
 * token's hash stays, so that such requests are told why.
 *
 * Returns: %TRUE if the device is revoked, %FALSE with
 *   %LIA_HQ_STORE_ERROR_DEVICE_UNKNOWN if there is no such device
 */
gboolean
lia_hq_store_revoke_device (LiaHqStore  *self,
                            const char  *device_id,
                            gboolean    *already_revoked,
                            GError     **error)
{
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(sqlite3_stmt) revoke = NULL;
  g_autofree char *now = now_iso8601 ();
  gboolean was_revoked;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);

  if (!begin (self, error))
    return FALSE;

  if (!(find = lia_db_prepare (self->db, "SELECT revoked_at FROM devices WHERE id = ?1", error)) ||
      !(revoke = lia_db_prepare (self->db,
                                 "UPDATE devices SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL",
                                 error)))
    goto failed;

  sqlite3_bind_text (find, 1, device_id, -1, SQLITE_STATIC);
  if (sqlite3_step (find) != SQLITE_ROW)
    {
      g_set_error (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_DEVICE_UNKNOWN,
                   _("There is no device “%s”. “liaison-hq devices” lists them."), device_id);
      goto failed;
    }
  was_revoked = sqlite3_column_type (find, 0) != SQLITE_NULL;

  sqlite3_bind_text (revoke, 1, device_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (revoke, 2, now, -1, SQLITE_STATIC);
  if (!step_done (self->db, revoke, _("revoking the device"), error) ||
      !commit (self, error))
    goto failed;

  if (already_revoked != NULL)
    *already_revoked = was_revoked;

  return TRUE;

failed:
  rollback (self);
  return FALSE;
}

/* ---- push ---------------------------------------------------------------------- */

/* The current revision of a record at HQ. */
typedef struct
{
  LiaSyncChange  change;
  char          *origin_device;   /* the device that pushed it; NULL if HQ's own */
} Current;

static void
current_clear (Current *current)
{
  g_free (current->change.uuid);
  g_free (current->change.record_type);
  g_free (current->change.operation);
  g_free (current->change.author_device);
  g_free (current->change.changed_at);
  g_free (current->change.body);
  g_free (current->origin_device);
  memset (current, 0, sizeof *current);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Current, current_clear)

#define CHANGE_COLUMNS \
  "uuid, record_type, operation, sensitivity, revision, author_device, changed_at, tombstone, body"

/* Binds a change to ?1…?9 in CHANGE_COLUMNS order. */
static void
bind_change (sqlite3_stmt        *stmt,
             const LiaSyncChange *change)
{
  sqlite3_bind_text (stmt, 1, change->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, change->sensitivity);
  sqlite3_bind_int64 (stmt, 5, change->revision);
  sqlite3_bind_text (stmt, 6, change->author_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, change->changed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, change->tombstone ? 1 : 0);
  sqlite3_bind_text (stmt, 9, change->body, -1, SQLITE_STATIC);
}

/* Reads CHANGE_COLUMNS from @first on. */
static void
change_from_row (sqlite3_stmt  *stmt,
                 int            first,
                 LiaSyncChange *change)
{
  change->uuid = column_dup (stmt, first);
  change->record_type = column_dup (stmt, first + 1);
  change->operation = column_dup (stmt, first + 2);
  change->sensitivity = CLAMP (sqlite3_column_int (stmt, first + 3), 0, LIA_SENSITIVITY_LAST);
  change->revision = sqlite3_column_int64 (stmt, first + 4);
  change->author_device = column_dup (stmt, first + 5);
  change->changed_at = column_dup (stmt, first + 6);
  change->tombstone = sqlite3_column_int (stmt, first + 7) != 0;
  change->body = column_dup (stmt, first + 8);
}

typedef struct
{
  sqlite3_stmt *seen;
  sqlite3_stmt *current;
  sqlite3_stmt *add_change;
  sqlite3_stmt *set_record;
  sqlite3_stmt *add_conflict;
} PushStatements;

static void
push_statements_clear (PushStatements *stmts)
{
  g_clear_pointer (&stmts->seen, sqlite3_finalize);
  g_clear_pointer (&stmts->current, sqlite3_finalize);
  g_clear_pointer (&stmts->add_change, sqlite3_finalize);
  g_clear_pointer (&stmts->set_record, sqlite3_finalize);
  g_clear_pointer (&stmts->add_conflict, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PushStatements, push_statements_clear)

static gboolean
push_statements_prepare (sqlite3         *db,
                         PushStatements  *stmts,
                         GError         **error)
{
  return
    (stmts->seen = lia_db_prepare (db,
                                   "SELECT 1 FROM changes"
                                   " WHERE uuid = ?1 AND revision = ?2 AND author_device = ?3 AND changed_at = ?4"
                                   " UNION ALL "
                                   "SELECT 1 FROM conflicts"
                                   " WHERE uuid = ?1 AND loser_revision = ?2 AND loser_author_device = ?3"
                                   "   AND loser_changed_at = ?4",
                                   error)) &&
    (stmts->current = lia_db_prepare (db,
                                      "SELECT " CHANGE_COLUMNS ", hq_seq, origin_device FROM records WHERE uuid = ?1",
                                      error)) &&
    (stmts->add_change = lia_db_prepare (db,
                                         "INSERT INTO changes (" CHANGE_COLUMNS ", origin_device, received_at)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
                                         error)) &&
    (stmts->set_record = lia_db_prepare (db,
                                         "INSERT INTO records (" CHANGE_COLUMNS ", origin_device, hq_seq)"
                                         " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
                                         " ON CONFLICT (uuid) DO UPDATE SET"
                                         "  record_type = ?2, operation = ?3, sensitivity = ?4, revision = ?5,"
                                         "  author_device = ?6, changed_at = ?7, tombstone = ?8, body = ?9,"
                                         "  origin_device = ?10, hq_seq = ?11",
                                         error)) &&
    (stmts->add_conflict = lia_db_prepare (db,
                                           "INSERT INTO conflicts (uuid, record_type, operation,"
                                           "  winner_revision, winner_author_device, winner_changed_at,"
                                           "  loser_sensitivity, loser_revision, loser_author_device,"
                                           "  loser_changed_at, loser_tombstone, loser_body, loser_origin_device,"
                                           "  detected_at)"
                                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)"
                                           " ON CONFLICT DO NOTHING",
                                           error));
}

static gboolean
is_seen (sqlite3              *db,
         PushStatements       *stmts,
         const LiaSyncChange  *change,
         gboolean             *seen,
         GError              **error)
{
  int rc;

  sqlite3_reset (stmts->seen);
  sqlite3_bind_text (stmts->seen, 1, change->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmts->seen, 2, change->revision);
  sqlite3_bind_text (stmts->seen, 3, change->author_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmts->seen, 4, change->changed_at, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmts->seen);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lia_db_set_error (db, _("looking for a revision"), error);

  *seen = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
load_current (sqlite3         *db,
              PushStatements  *stmts,
              const char      *uuid,
              Current         *current,
              gboolean        *found,
              GError         **error)
{
  int rc;

  sqlite3_reset (stmts->current);
  sqlite3_bind_text (stmts->current, 1, uuid, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmts->current);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return lia_db_set_error (db, _("reading a record"), error);

  *found = rc == SQLITE_ROW;
  if (*found)
    {
      change_from_row (stmts->current, 0, &current->change);
      current->change.seq = sqlite3_column_int64 (stmts->current, 9);
      current->origin_device = column_dup (stmts->current, 10);
    }

  return TRUE;
}

/* Appends @change to the feed and makes it the record's current revision. */
static gboolean
accept_change (sqlite3              *db,
               PushStatements       *stmts,
               const LiaSyncChange  *change,
               const char           *origin_device,
               const char           *now,
               GError              **error)
{
  gint64 hq_seq;

  sqlite3_reset (stmts->add_change);
  bind_change (stmts->add_change, change);
  sqlite3_bind_text (stmts->add_change, 10, origin_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmts->add_change, 11, now, -1, SQLITE_STATIC);
  if (!step_done (db, stmts->add_change, _("storing a change"), error))
    return FALSE;

  hq_seq = sqlite3_last_insert_rowid (db);

  sqlite3_reset (stmts->set_record);
  bind_change (stmts->set_record, change);
  sqlite3_bind_text (stmts->set_record, 10, origin_device, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmts->set_record, 11, hq_seq);

  return step_done (db, stmts->set_record, _("storing a record"), error);
}

static void
add_revision_json (JsonBuilder         *builder,
                   const char          *member,
                   const LiaSyncChange *change)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, change->revision);
  json_builder_set_member_name (builder, "author_device");
  json_builder_add_string_value (builder, change->author_device);
  json_builder_set_member_name (builder, "changed_at");
  json_builder_add_string_value (builder, change->changed_at);
  json_builder_end_object (builder);
}

/* Keeps the loser for a person to resolve, and tells the pushing device. */
static gboolean
record_conflict (sqlite3              *db,
                 PushStatements       *stmts,
                 const LiaSyncChange  *winner,
                 const LiaSyncChange  *loser,
                 const char           *loser_origin,
                 const char           *now,
                 JsonBuilder          *conflicts,
                 GError              **error)
{
  sqlite3_stmt *stmt = stmts->add_conflict;

  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, winner->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, winner->record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, winner->operation, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, winner->revision);
  sqlite3_bind_text (stmt, 5, winner->author_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, winner->changed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 7, loser->sensitivity);
  sqlite3_bind_int64 (stmt, 8, loser->revision);
  sqlite3_bind_text (stmt, 9, loser->author_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 10, loser->changed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 11, loser->tombstone ? 1 : 0);
  sqlite3_bind_text (stmt, 12, loser->body, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 13, loser_origin, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, _("keeping a conflicting revision"), error))
    return FALSE;

  json_builder_begin_object (conflicts);
  json_builder_set_member_name (conflicts, "uuid");
  json_builder_add_string_value (conflicts, winner->uuid);
  json_builder_set_member_name (conflicts, "record_type");
  json_builder_add_string_value (conflicts, winner->record_type);
  add_revision_json (conflicts, "winner", winner);
  add_revision_json (conflicts, "loser", loser);
  json_builder_end_object (conflicts);

  return TRUE;
}

static gboolean
forbidden (GError     **error,
           guint        index,
           const char  *message)
{
  g_set_error (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_FORBIDDEN, "changes[%u]: %s", index, message);
  return FALSE;
}

/* What a device may write: its own operation, up to its clearance. */
static gboolean
check_change_scope (LiaHqDevice          *device,
                    const LiaSyncChange  *change,
                    guint                 index,
                    GError              **error)
{
  if (g_strcmp0 (change->operation, device->operation) != 0)
    {
      g_autofree char *message = g_strdup_printf (_("the change belongs to operation “%s”, but this device is enrolled in “%s”."),
                                                  change->operation, device->operation);

      return forbidden (error, index, message);
    }

  if (change->sensitivity > device->clearance)
    {
      g_autofree char *message = g_strdup_printf (_("the change is %s, above this device's clearance (%s)."),
                                                  lia_sensitivity_to_string (change->sensitivity),
                                                  lia_sensitivity_to_string (device->clearance));

      return forbidden (error, index, message);
    }

  return TRUE;
}

static gboolean
check_scope (LiaHqDevice  *device,
             GPtrArray    *changes,
             GError      **error)
{
  for (guint i = 0; i < changes->len; i++)
    if (!check_change_scope (device, g_ptr_array_index (changes, i), i, error))
      return FALSE;

  return TRUE;
}

/* One entry of “refused” in a push answer.  The message is the store's
 * without its “changes[N]: ” prefix: the entry names the change. */
static void
add_refused_json (JsonBuilder         *builder,
                  const LiaSyncChange *change,
                  const GError        *error)
{
  const char *message = strstr (error->message, ": ");

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, change->seq);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, change->uuid);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, "forbidden");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (builder, message != NULL ? message + 2 : error->message);
  json_builder_end_object (builder);
}

/* A device may not take over, retype or blindly overwrite a record it
 * could never have received. */
static gboolean
check_current (LiaHqDevice          *device,
               const LiaSyncChange  *change,
               const Current        *current,
               guint                 index,
               GError              **error)
{
  if (g_strcmp0 (current->change.operation, change->operation) != 0 ||
      current->change.sensitivity > device->clearance)
    return forbidden (error, index, _("the record belongs to another operation or is above this device's clearance."));

  if (g_strcmp0 (current->change.record_type, change->record_type) != 0)
    return forbidden (error, index, _("the record exists with another record type."));

  /* A log entry (a notification's transmission) is evidence: a device
   * never changes one, so a new revision of it is refused. */
  if (lia_record_type_is_append_only (change->record_type))
    return forbidden (error, index, _("the record is a log entry, written once; record a correction instead."));

  return TRUE;
}

static gboolean
apply_change (sqlite3              *db,
              PushStatements       *stmts,
              LiaHqDevice          *device,
              const LiaSyncChange  *change,
              guint                 index,
              const char           *now,
              JsonBuilder          *conflicts,
              GError              **error)
{
  g_auto(Current) current = { { 0 } };
  gboolean seen = FALSE;
  gboolean found;
  gboolean same_line;
  gboolean concurrent;
  int cmp;

  /* Already here, from this batch under another number, from another
   * device or as a kept loser: applying it again would double it. */
  if (!is_seen (db, stmts, change, &seen, error))
    return FALSE;
  if (seen)
    return TRUE;

  if (!load_current (db, stmts, change->uuid, &current, &found, error))
    return FALSE;
  if (!found)
    return accept_change (db, stmts, change, device->id, now, error);

  if (!check_current (device, change, &current, index, error))
    return FALSE;

  /* The revision protocol carries no parent, so HQ tells an edit made on
   * top of the current revision from a concurrent one by what the device
   * can have seen: its own revisions, and what it had pulled. */
  same_line = g_strcmp0 (current.origin_device, device->id) == 0 ||
              g_strcmp0 (current.change.author_device, change->author_device) == 0;
  concurrent = !same_line &&
               (change->revision <= current.change.revision || current.change.seq > device->pulled_seq);

  cmp = lia_sync_change_compare (change, &current.change);
  if (cmp > 0)
    {
      if (!accept_change (db, stmts, change, device->id, now, error))
        return FALSE;
      if (concurrent &&
          !record_conflict (db, stmts, change, &current.change, current.origin_device, now, conflicts, error))
        return FALSE;
    }
  else if (cmp < 0)
    {
      if (!record_conflict (db, stmts, &current.change, change, device->id, now, conflicts, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * lia_hq_store_push:
 * @self: a #LiaHqStore
 * @device: the authenticated device
 * @batch_seq: the batch's number
 * @changes: (element-type LiaSyncChange): the decoded batch
 * @error: a location for a #GError
 *
 * Applies a batch exactly once.  The batch and its answer are stored in
 * the same transaction as its changes, under UNIQUE (device_id,
 * batch_seq): a batch HQ has seen gets the stored answer again and
 * changes nothing.  The answer is returned only after COMMIT.
 *
 * Every change must be of the device's operation and within its
 * clearance, and may not overwrite a record the device could not see.
 * Without @per_change, one such change refuses the whole batch with
 * %LIA_HQ_STORE_ERROR_FORBIDDEN and nothing is written.  With
 * @per_change, the others are applied and the answer lists the refused
 * ones under “refused”, so that one bad change does not hold up the rest.
 *
 * Returns: (transfer full): the JSON answer, `{"acked_seq", "conflicts"}`
 *   (and `"refused"` with @per_change), or %NULL with @error set
 */
char *
lia_hq_store_push (LiaHqStore   *self,
                   LiaHqDevice  *device,
                   gint64        batch_seq,
                   GPtrArray    *changes,
                   gboolean      per_change,
                   GError      **error)
{
  g_autoptr(JsonBuilder) refused = NULL;
  g_auto(PushStatements) stmts = { NULL };
  g_autoptr(sqlite3_stmt) find_batch = NULL;
  g_autoptr(sqlite3_stmt) add_batch = NULL;
  g_autoptr(sqlite3_stmt) touch = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = now_iso8601 ();
  g_autofree char *response = NULL;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);
  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (changes != NULL, NULL);

  if ((!per_change && !check_scope (device, changes, error)) ||
      !begin (self, error))
    return NULL;

  if (!(find_batch = lia_db_prepare (self->db,
                                     "SELECT response FROM batches WHERE device_id = ?1 AND batch_seq = ?2",
                                     error)))
    goto failed;

  sqlite3_bind_text (find_batch, 1, device->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (find_batch, 2, batch_seq);
  switch (sqlite3_step (find_batch))
    {
    case SQLITE_ROW:
      response = column_dup (find_batch, 0);
      rollback (self);
      return g_steal_pointer (&response);

    case SQLITE_DONE:
      break;

    default:
      lia_db_set_error (self->db, _("looking up the batch"), error);
      goto failed;
    }

  if (!push_statements_prepare (self->db, &stmts, error))
    goto failed;

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "acked_seq");
  json_builder_add_int_value (builder, batch_seq);
  json_builder_set_member_name (builder, "conflicts");
  json_builder_begin_array (builder);

  refused = json_builder_new ();
  json_builder_begin_array (refused);

  for (guint i = 0; i < changes->len; i++)
    {
      const LiaSyncChange *change = g_ptr_array_index (changes, i);
      g_autoptr(GError) local_error = NULL;

      /* A change refused is skipped whole: apply_change() checks before
       * it writes anything. */
      if (check_change_scope (device, change, i, &local_error) &&
          apply_change (self->db, &stmts, device, change, i, now, builder, &local_error))
        continue;

      if (!per_change || !g_error_matches (local_error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_FORBIDDEN))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }

      add_refused_json (refused, change, local_error);
    }

  json_builder_end_array (builder);
  json_builder_end_array (refused);
  if (per_change)
    {
      g_autoptr(JsonNode) list = json_builder_get_root (refused);

      json_builder_set_member_name (builder, "refused");
      json_builder_add_value (builder, g_steal_pointer (&list));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  response = json_to_string (root, FALSE);

  if (!(add_batch = lia_db_prepare (self->db,
                                    "INSERT INTO batches (device_id, batch_seq, acked_at, response)"
                                    " VALUES (?1, ?2, ?3, ?4)",
                                    error)) ||
      !(touch = lia_db_prepare (self->db, "UPDATE devices SET last_seen = ?2 WHERE id = ?1", error)))
    goto failed;

  sqlite3_bind_text (add_batch, 1, device->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (add_batch, 2, batch_seq);
  sqlite3_bind_text (add_batch, 3, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (add_batch, 4, response, -1, SQLITE_STATIC);
  sqlite3_bind_text (touch, 1, device->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (touch, 2, now, -1, SQLITE_STATIC);

  if (!step_done (self->db, add_batch, _("recording the batch"), error) ||
      !step_done (self->db, touch, _("recording when the device was seen"), error) ||
      !commit (self, error))
    goto failed;

  return g_steal_pointer (&response);

failed:
  rollback (self);
  return NULL;
}

/* ---- pull ---------------------------------------------------------------------- */

/* What a change costs in a pull page besides its body: the envelope. */
#define CHANGE_OVERHEAD 512

/**
 * lia_hq_store_pull:
 * @self: a #LiaHqStore
 * @device: the authenticated device
 * @since: the cursor the device has: every hq_seq up to it is applied
 * @limit: the most changes to return
 * @max_bytes: roughly the most uncompressed bytes to return; at least one
 *   change is returned whatever its size
 * @cursor: (out): where the next page starts
 * @more: (out): whether there is more after @cursor
 * @error: a location for a #GError
 *
 * The accepted revisions after @since that the device may see: of its
 * operation or global (“*”), at or below its clearance, not pushed by the
 * device itself, and still current (a superseded revision would only cost
 * bandwidth: its successor comes later in the same feed).  Also notes how far the device has been sent, which
 * tells a later edit of what it received from a concurrent one.
 *
 * Returns: (transfer full) (element-type LiaSyncChange): the changes in
 *   hq_seq order, each with seq set to its hq_seq
 */
GPtrArray *
lia_hq_store_pull (LiaHqStore   *self,
                   LiaHqDevice  *device,
                   gint64        since,
                   guint         limit,
                   gsize         max_bytes,
                   gint64       *cursor,
                   gboolean     *more,
                   GError      **error)
{
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) newest = NULL;
  g_autoptr(sqlite3_stmt) touch = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_sync_change_free);
  g_autofree char *now = now_iso8601 ();
  gsize bytes = 0;
  gboolean has_more = FALSE;
  gint64 next;
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);
  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (since >= 0, NULL);
  g_return_val_if_fail (limit > 0, NULL);

  if (!begin (self, error))
    return NULL;

  if (!(select = lia_db_prepare (self->db,
                                 "SELECT hq_seq, " CHANGE_COLUMNS " FROM changes"
                                 " WHERE hq_seq > ?1 AND operation IN (?2, '*') AND sensitivity <= ?3"
                                 "   AND (origin_device IS NULL OR origin_device <> ?4)"
                                 "   AND hq_seq = (SELECT hq_seq FROM records WHERE records.uuid = changes.uuid)"
                                 " ORDER BY hq_seq LIMIT ?5",
                                 error)) ||
      !(newest = lia_db_prepare (self->db, "SELECT COALESCE (MAX (hq_seq), 0) FROM changes", error)) ||
      !(touch = lia_db_prepare (self->db,
                                "UPDATE devices SET last_seen = ?2, pulled_seq = MAX (pulled_seq, ?3)"
                                " WHERE id = ?1",
                                error)))
    goto failed;

  sqlite3_bind_int64 (select, 1, since);
  sqlite3_bind_text (select, 2, device->operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (select, 3, device->clearance);
  sqlite3_bind_text (select, 4, device->id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (select, 5, (gint64)limit + 1);

  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      g_autoptr(LiaSyncChange) change = NULL;
      gsize size = sqlite3_column_bytes (select, 9) + CHANGE_OVERHEAD;

      if (changes->len == limit || (changes->len > 0 && bytes + size > max_bytes))
        {
          has_more = TRUE;
          break;
        }

      change = g_new0 (LiaSyncChange, 1);
      change->seq = sqlite3_column_int64 (select, 0);
      change_from_row (select, 1, change);
      g_ptr_array_add (changes, g_steal_pointer (&change));
      bytes += size;
    }

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      lia_db_set_error (self->db, _("reading changes"), error);
      goto failed;
    }

  /* On the last page every change the device may see up to the newest one
   * was returned, so the cursor can skip what it may not see. */
  if (has_more)
    next = ((LiaSyncChange *)g_ptr_array_index (changes, changes->len - 1))->seq;
  else if (sqlite3_step (newest) == SQLITE_ROW)
    next = MAX (since, sqlite3_column_int64 (newest, 0));
  else
    {
      lia_db_set_error (self->db, _("reading changes"), error);
      goto failed;
    }

  sqlite3_bind_text (touch, 1, device->id, -1, SQLITE_STATIC);
  sqlite3_bind_text (touch, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (touch, 3, next);
  if (!step_done (self->db, touch, _("recording when the device was seen"), error) ||
      !commit (self, error))
    goto failed;

  *cursor = next;
  *more = has_more;

  return g_steal_pointer (&changes);

failed:
  rollback (self);
  return NULL;
}

/* ---- what HQ publishes --------------------------------------------------------- */

/**
 * lia_hq_store_publish_guidance:
 * @self: a #LiaHqStore
 * @pack: the guidance pack file, already checked
 * @content_version: its content version
 * @error: a location for a #GError
 *
 * Stores @pack (compressed) as the pack devices download.  Refused with
 * %LIA_HQ_STORE_ERROR_NOT_NEWER unless it is newer than the last one.
 *
 * Returns: %TRUE if published
 */
gboolean
lia_hq_store_publish_guidance (LiaHqStore  *self,
                               GBytes      *pack,
                               gint64       content_version,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) newest = NULL;
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autoptr(GBytes) gzipped = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *now = now_iso8601 ();
  gint64 published;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), FALSE);
  g_return_val_if_fail (pack != NULL, FALSE);

  gzipped = lia_sync_gzip (g_bytes_get_data (pack, NULL), g_bytes_get_size (pack));
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pack);

  if (!begin (self, error))
    return FALSE;

  if (!(newest = lia_db_prepare (self->db,
                                 "SELECT COALESCE (MAX (content_version), 0) FROM guidance_packs",
                                 error)) ||
      !(add = lia_db_prepare (self->db,
                              "INSERT INTO guidance_packs (content_version, sha256, size, gzipped, published_at)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              error)))
    goto failed;

  if (sqlite3_step (newest) != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("reading the published guidance"), error);
      goto failed;
    }

  published = sqlite3_column_int64 (newest, 0);
  if (content_version <= published)
    {
      g_set_error (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_NOT_NEWER,
                   _("HQ already publishes guidance content version %" PRId64
                     "; this pack is version %" PRId64 ". Publish a newer pack."),
                   published, content_version);
      goto failed;
    }

  sqlite3_bind_int64 (add, 1, content_version);
  sqlite3_bind_text (add, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (add, 3, g_bytes_get_size (pack));
  sqlite3_bind_blob64 (add, 4, g_bytes_get_data (gzipped, NULL), g_bytes_get_size (gzipped), SQLITE_STATIC);
  sqlite3_bind_text (add, 5, now, -1, SQLITE_STATIC);

  if (!step_done (self->db, add, _("publishing the guidance pack"), error) ||
      !commit (self, error))
    goto failed;

  return TRUE;

failed:
  rollback (self);
  return FALSE;
}

/**
 * lia_hq_store_get_guidance:
 * @self: a #LiaHqStore
 * @error: a location for a #GError
 *
 * Returns: (transfer full): the newest published guidance pack, or %NULL
 *   with %LIA_HQ_STORE_ERROR_NOTHING_PUBLISHED or a database error
 */
LiaHqGuidance *
lia_hq_store_get_guidance (LiaHqStore  *self,
                           GError     **error)
{
  g_autoptr(sqlite3_stmt) newest = NULL;
  LiaHqGuidance *guidance;
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), NULL);

  if (!check_open (self, error) ||
      !(newest = lia_db_prepare (self->db,
                                 "SELECT content_version, sha256, size, gzipped FROM guidance_packs"
                                 " ORDER BY content_version DESC LIMIT 1",
                                 error)))
    return NULL;

  rc = sqlite3_step (newest);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, LIA_HQ_STORE_ERROR, LIA_HQ_STORE_ERROR_NOTHING_PUBLISHED,
                           _("HQ has not published a guidance pack yet."));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("reading the published guidance"), error);
      return NULL;
    }

  guidance = g_new0 (LiaHqGuidance, 1);
  guidance->content_version = sqlite3_column_int64 (newest, 0);
  guidance->sha256 = column_dup (newest, 1);
  guidance->size = sqlite3_column_int64 (newest, 2);
  guidance->gzipped = g_bytes_new (sqlite3_column_blob (newest, 3), sqlite3_column_bytes (newest, 3));

  return guidance;
}

/* HQ authors what it publishes under a device id of its own, made once. */
static char *
dup_hq_device_id (LiaHqStore  *self,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) add = NULL;
  g_autoptr(sqlite3_stmt) get = NULL;
  g_autofree char *fresh = g_uuid_string_random ();

  if (!(add = lia_db_prepare (self->db,
                              "INSERT INTO settings (key, value) VALUES ('device_id', ?1)"
                              " ON CONFLICT (key) DO NOTHING",
                              error)) ||
      !(get = lia_db_prepare (self->db, "SELECT value FROM settings WHERE key = 'device_id'", error)))
    return NULL;

  sqlite3_bind_text (add, 1, fresh, -1, SQLITE_STATIC);
  if (!step_done (self->db, add, _("creating HQ's identity"), error))
    return NULL;

  if (sqlite3_step (get) != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("reading HQ's identity"), error);
      return NULL;
    }

  return column_dup (get, 0);
}

/**
 * lia_hq_store_publish_record:
 * @self: a #LiaHqStore
 * @record_type: the type of a global record HQ keeps one of, such as
 *   “directory”
 * @sensitivity: who may receive it
 * @body: its JSON object
 * @error: a location for a #GError
 *
 * Publishes a new revision of HQ's one global (“*”) record of
 * @record_type into the feed every device pulls.
 *
 * Returns: the new revision, or 0 with @error set
 */
gint64
lia_hq_store_publish_record (LiaHqStore      *self,
                             const char      *record_type,
                             LiaSensitivity   sensitivity,
                             const char      *body,
                             GError         **error)
{
  g_auto(PushStatements) stmts = { NULL };
  g_autoptr(sqlite3_stmt) find = NULL;
  g_autoptr(LiaSyncChange) change = g_new0 (LiaSyncChange, 1);
  g_autofree char *now = now_iso8601 ();
  int rc;

  g_return_val_if_fail (LIA_IS_HQ_STORE (self), 0);
  g_return_val_if_fail (record_type != NULL, 0);
  g_return_val_if_fail (sensitivity <= LIA_SENSITIVITY_LAST, 0);
  g_return_val_if_fail (body != NULL, 0);

  if (!begin (self, error))
    return 0;

  if (!(change->author_device = dup_hq_device_id (self, error)) ||
      !push_statements_prepare (self->db, &stmts, error) ||
      !(find = lia_db_prepare (self->db,
                               "SELECT uuid, revision FROM records WHERE record_type = ?1 AND operation = '*'"
                               " ORDER BY hq_seq DESC LIMIT 1",
                               error)))
    goto failed;

  sqlite3_bind_text (find, 1, record_type, -1, SQLITE_STATIC);
  rc = sqlite3_step (find);
  if (rc == SQLITE_ROW)
    {
      change->uuid = column_dup (find, 0);
      change->revision = sqlite3_column_int64 (find, 1) + 1;
    }
  else if (rc == SQLITE_DONE)
    {
      change->uuid = g_uuid_string_random ();
      change->revision = 1;
    }
  else
    {
      lia_db_set_error (self->db, _("reading the published record"), error);
      goto failed;
    }

  change->record_type = g_strdup (record_type);
  change->operation = g_strdup ("*");
  change->sensitivity = sensitivity;
  change->changed_at = g_strdup (now);
  change->body = g_strdup (body);

  if (!accept_change (self->db, &stmts, change, NULL, now, error) ||
      !commit (self, error))
    goto failed;

  return change->revision;

failed:
  rollback (self);
  return 0;
}
