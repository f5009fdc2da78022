/* lia-store.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lia-crypt-vfs.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-record-private.h"
#include "lia-store-encrypt.h"
#include "lia-store-private.h"
#include "lia-types.h"
#include "lia-vault-private.h"

struct _LiaStore
{
  GObject   parent_instance;
  sqlite3  *db;
  LiaClock *clock;
  char     *path;
  char     *device_id;
  guint     tx_depth;
  guint     changed_pending : 1;
  LiaVault *vault;     /* the unlocked key of an encrypted store, or NULL */
};

G_DEFINE_FINAL_TYPE (LiaStore, lia_store, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* record_type name → GType, so a stored row (or one pulled from HQ) becomes
 * the right object without the store knowing every feature. */
static GHashTable *record_types;
G_LOCK_DEFINE_STATIC (record_types);

static void
lia_store_finalize (GObject *object)
{
  LiaStore *self = (LiaStore *)object;

  if (self->tx_depth > 0)
    g_critical ("LiaStore finalized inside a transaction; rolling it back");

  g_clear_pointer (&self->db, lia_db_close);
  if (self->vault != NULL)
    lia_vault_release_path (self->path);
  g_clear_object (&self->vault);
  g_clear_object (&self->clock);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->device_id, g_free);

  G_OBJECT_CLASS (lia_store_parent_class)->finalize (object);
}

static void
lia_store_class_init (LiaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_store_finalize;

  /**
   * LiaStore::changed:
   *
   * A local change was committed: something more waits for sync, and
   * lists of records may be out of date.  Emitted once per outermost
   * transaction, after COMMIT, never for a rolled-back one.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lia_store_init (LiaStore *self)
{
}

guint
lia_store_get_latest_schema_version (void)
{
  guint n_migrations;

  lia_store_get_migrations (&n_migrations);
  return n_migrations;
}

void
lia_store_register_type (GType record_type)
{
  g_autoptr(GTypeClass) klass = NULL;
  const char *name;

  g_return_if_fail (g_type_is_a (record_type, LIA_TYPE_RECORD));
  g_return_if_fail (!G_TYPE_IS_ABSTRACT (record_type));

  klass = g_type_class_ref (record_type);
  name = LIA_RECORD_CLASS (klass)->record_type;
  g_return_if_fail (name != NULL);

  G_LOCK (record_types);
  if (record_types == NULL)
    record_types = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (record_types, (gpointer) name, GSIZE_TO_POINTER (record_type));
  G_UNLOCK (record_types);
}

static GType
lookup_record_type (const char *name)
{
  GType type = G_TYPE_INVALID;

  G_LOCK (record_types);
  if (record_types != NULL)
    type = GPOINTER_TO_SIZE (g_hash_table_lookup (record_types, name));
  G_UNLOCK (record_types);

  return type;
}

/* Whether records of @record_type are written once and never changed:
 * sync keeps the first copy it has and never reports a conflict. */
gboolean
lia_store_type_is_append_only (const char *record_type)
{
  GType type = lookup_record_type (record_type);
  g_autoptr(GTypeClass) klass = NULL;

  if (type == G_TYPE_INVALID)
    return FALSE;

  klass = g_type_class_ref (type);
  return LIA_RECORD_CLASS (klass)->append_only;
}

static gboolean
ensure_device_id (LiaStore  *self,
                  GError   **error)
{
  g_autofree char *device_id = lia_store_get_setting (self, "device-id");

  if (device_id == NULL)
    {
      device_id = g_uuid_string_random ();
      if (!lia_store_set_setting (self, "device-id", device_id, error))
        return FALSE;
    }

  self->device_id = g_steal_pointer (&device_id);
  return TRUE;
}

/**
 * lia_store_open:
 * @path: the database file, created if missing
 * @clock: (nullable): the time source; the system clock if %NULL
 *
 * Opens the user database and brings its schema up to date.  A database
 * written by a newer Liaison is refused with %LIA_ERROR_SCHEMA_TOO_NEW and
 * left untouched.
 *
 * The database is opened in clear, unless a store already has it open
 * encrypted: then this is another connection with the same key (a worker
 * thread's, for example).  Opening a field store in clear is for tests
 * that ask for it only; the app and the CLI open it with
 * lia_store_open_encrypted().
 */
LiaStore *
lia_store_open (const char  *path,
                LiaClock    *clock,
                GError     **error)
{
  return lia_store_open_encrypted (path, NULL, clock, error);
}

/**
 * lia_store_open_encrypted:
 * @vault: (nullable): the unlocked key file of the data folder; %NULL is
 *   lia_store_open()
 *
 * Opens the user database encrypted at rest with the data key of @vault
 * (see lia-crypt-vfs.c); a new database is created encrypted.
 */
LiaStore *
lia_store_open_encrypted (const char  *path,
                          LiaVault    *vault,
                          LiaClock    *clock,
                          GError     **error)
{
  g_autoptr(LiaStore) self = NULL;
  g_autoptr(LiaVault) found_vault = NULL;
  const char * const *migrations;
  guint n_migrations;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (vault == NULL || LIA_IS_VAULT (vault), NULL);
  g_return_val_if_fail (clock == NULL || LIA_IS_CLOCK (clock), NULL);

  /* Every caller gets every record type, so rows always load as their class. */
  lia_core_register_types ();

  if (vault == NULL)
    vault = found_vault = lia_vault_lookup_path (path);

  /* Never a clear connection to an encrypted folder: a worker thread that
   * opens the store after the app locked (the key dropped) is refused
   * rather than handed a new database in clear next to the key file. */
  if (vault == NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      LiaStoreDirState state = lia_store_dir_get_state (dir);

      if (state == LIA_STORE_DIR_ENCRYPTED || state == LIA_STORE_DIR_KEY_MISSING)
        {
          g_set_error_literal (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                               _("The data is locked: unlock it with its passphrase first."));
          return NULL;
        }
    }

  self = g_object_new (LIA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->clock = clock != NULL ? g_object_ref (clock) : lia_clock_new_system ();

  self->db = vault != NULL ? lia_crypt_db_open (path, lia_vault_get_key (vault), error)
                           : lia_db_open (path, error);
  if (self->db == NULL)
    return NULL;

  if (vault != NULL)
    {
      lia_vault_hold_path (vault, path);
      self->vault = g_object_ref (vault);
    }

  migrations = lia_store_get_migrations (&n_migrations);
  if (!lia_db_migrate (self->db, migrations, n_migrations, n_migrations, error))
    return NULL;

  if (!ensure_device_id (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lia_store_open_in_dir:
 * @data_dir: the installation's data directory, created private if missing
 *
 * Opens the store of @data_dir in clear: only for tests that ask for a
 * clear store.  A folder with a key file is refused.
 */
LiaStore *
lia_store_open_in_dir (const char  *data_dir,
                       LiaClock    *clock,
                       GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not create the data folder “%s”: %s. Choose a folder you may write to."),
                   name, g_strerror (errsv));
      return NULL;
    }

  /* Never a database in clear next to a key file, nor an encrypted one
   * opened as if it were in clear. */
  if (lia_vault_exists (data_dir))
    {
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("The data folder “%s” is encrypted: it opens only with its passphrase."),
                   name);
      return NULL;
    }

  path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  return lia_store_open (path, clock, error);
}

const char *
lia_store_get_path (LiaStore *self)
{
  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  return self->path;
}

/* Returns: (transfer none) (nullable): the unlocked key of an encrypted
 * store, %NULL for a store in clear (tests only) */
LiaVault *
lia_store_get_vault (LiaStore *self)
{
  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  return self->vault;
}

LiaClock *
lia_store_get_clock (LiaStore *self)
{
  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  return self->clock;
}

const char *
lia_store_get_device_id (LiaStore *self)
{
  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  return self->device_id;
}

guint
lia_store_get_schema_version (LiaStore *self)
{
  g_return_val_if_fail (LIA_IS_STORE (self), 0);

  return lia_db_get_user_version (self->db);
}

/* Transactions nest as savepoints, so a feature can group several saves and
 * each save still commits its record and its change-log entry together.
 * The outermost one takes the write lock at once: the sync worker writes
 * through a connection of its own, and a transaction that read before the
 * other connection committed could not write at all, where waiting for the
 * lock (busy timeout) just works. */
gboolean
lia_store_begin (LiaStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);

  if (!lia_db_exec (self->db, self->tx_depth == 0 ? "BEGIN IMMEDIATE;" : "SAVEPOINT lia_tx;", error))
    return FALSE;

  self->tx_depth++;
  return TRUE;
}

gboolean
lia_store_commit (LiaStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!lia_db_exec (self->db, self->tx_depth == 1 ? "COMMIT;" : "RELEASE lia_tx;", error))
    {
      lia_store_rollback (self);
      return FALSE;
    }

  self->tx_depth--;

  if (self->tx_depth == 0 && self->changed_pending)
    {
      self->changed_pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return TRUE;
}

void
lia_store_rollback (LiaStore *self)
{
  g_return_if_fail (LIA_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  lia_db_exec (self->db, self->tx_depth == 1 ? "ROLLBACK;" : "ROLLBACK TO lia_tx; RELEASE lia_tx;", NULL);
  self->tx_depth--;

  /* What an inner savepoint undid may sit beside changes that stay, so only
   * the outermost rollback forgets them. */
  if (self->tx_depth == 0)
    self->changed_pending = FALSE;
}

static gboolean
stored_revision (LiaStore    *self,
                 const char  *uuid,
                 gint64      *revision,
                 char       **created_at,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = lia_db_prepare (self->db,
                               "SELECT revision, created_at FROM records WHERE uuid = ?1",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);

  *revision = 0;
  *created_at = NULL;

  if (rc == SQLITE_ROW)
    {
      *revision = sqlite3_column_int64 (stmt, 0);
      *created_at = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    return lia_db_set_error (self->db, _("reading a record"), error);

  return TRUE;
}

static GDateTime *
parse_time (const char *iso8601)
{
  return iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
}

/* Writes a revision made on this device, the row and its change-log entry
 * together, so that sync sees every local change; the caller holds a
 * transaction.  Record types and conflict resolution both come through
 * here.  @created_at is used only if the record is new. */
static gboolean
write_local_revision (LiaStore        *self,
                      const char      *uuid,
                      const char      *record_type,
                      const char      *operation,
                      LiaSensitivity   sensitivity,
                      gint64           revision,
                      gboolean         tombstone,
                      const char      *body,
                      const char      *created_at,
                      const char      *updated_at,
                      gboolean         syncable,
                      GError         **error)
{
  g_autoptr(sqlite3_stmt) upsert = NULL;
  g_autoptr(sqlite3_stmt) log = NULL;

  if (!(upsert = lia_db_prepare (self->db,
                                 "INSERT INTO records (uuid, record_type, operation, sensitivity,"
                                 "  created_at, updated_at, revision, author_device, tombstone, body)"
                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
                                 " ON CONFLICT (uuid) DO UPDATE SET"
                                 "  operation = excluded.operation, sensitivity = excluded.sensitivity,"
                                 "  updated_at = excluded.updated_at, revision = excluded.revision,"
                                 "  author_device = excluded.author_device,"
                                 "  tombstone = excluded.tombstone, body = excluded.body",
                                 error)))
    return FALSE;

  sqlite3_bind_text (upsert, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 2, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 3, operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (upsert, 4, sensitivity);
  sqlite3_bind_text (upsert, 5, created_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (upsert, 6, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (upsert, 7, revision);
  sqlite3_bind_text (upsert, 8, self->device_id, -1, SQLITE_STATIC);
  sqlite3_bind_int (upsert, 9, tombstone);
  sqlite3_bind_text (upsert, 10, body, -1, SQLITE_STATIC);

  if (sqlite3_step (upsert) != SQLITE_DONE)
    return lia_db_set_error (self->db, _("saving a record"), error);

  /* A revision its type keeps on the device (a draft) has no entry: sync
   * never sees it, and the next syncable revision carries everything. */
  if (!syncable)
    goto announce;

  if (!(log = lia_db_prepare (self->db,
                              "INSERT INTO change_log (record_uuid, record_type, revision, operation,"
                              "  sensitivity, tombstone, changed_at, body)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                              error)))
    return FALSE;

  sqlite3_bind_text (log, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (log, 2, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (log, 3, revision);
  sqlite3_bind_text (log, 4, operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (log, 5, sensitivity);
  sqlite3_bind_int (log, 6, tombstone);
  sqlite3_bind_text (log, 7, updated_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (log, 8, body, -1, SQLITE_STATIC);

  if (sqlite3_step (log) != SQLITE_DONE)
    return lia_db_set_error (self->db, _("recording a change for sync"), error);

announce:
  /* Announced when the transaction holding it commits. */
  self->changed_pending = TRUE;
  if (self->tx_depth == 0)
    {
      self->changed_pending = FALSE;
      g_signal_emit (self, signals[CHANGED], 0);
    }

  return TRUE;
}

gboolean
lia_store_write_local_revision (LiaStore        *self,
                                const char      *uuid,
                                const char      *record_type,
                                const char      *operation,
                                LiaSensitivity   sensitivity,
                                gint64           revision,
                                gboolean         tombstone,
                                const char      *body,
                                const char      *created_at,
                                const char      *updated_at,
                                GError         **error)
{
  return write_local_revision (self, uuid, record_type, operation, sensitivity, revision,
                               tombstone, body, created_at, updated_at, TRUE, error);
}

/* Writes @record's new revision; the caller holds a transaction. */
static gboolean
write_revision (LiaStore   *self,
                LiaRecord  *record,
                gboolean    tombstone,
                GError    **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autofree char *created_at = NULL;
  g_autofree char *updated_at = NULL;
  g_autofree char *body = NULL;
  const char *uuid = lia_record_get_uuid (record);
  gint64 revision;

  if (!stored_revision (self, uuid, &revision, &created_at, error))
    return FALSE;

  /* A log entry is evidence: once written it stays as it was. */
  if (LIA_RECORD_GET_CLASS (record)->append_only && revision > 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This entry is part of a log and cannot be changed or deleted; record a correction instead."));
      return FALSE;
    }

  /* Optimistic concurrency: saving on top of a revision we did not load
   * would silently drop someone else's change. */
  if (revision != lia_record_get_revision (record))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                           _("This record was changed since you opened it. Reload it and make your change again."));
      return FALSE;
    }

  if (tombstone && revision == 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("This record was never saved, so there is nothing to delete."));
      return FALSE;
    }

  revision++;
  now = lia_clock_get_now (self->clock);
  updated_at = lia_clock_format_iso8601 (now);
  if (created_at == NULL)
    created_at = g_strdup (updated_at);

  /* A tombstone keeps only what sync needs: the content goes now, not at
   * the next purge. */
  body = tombstone ? g_strdup ("{}") : lia_record_serialize_body (record);

  if (!write_local_revision (self, uuid,
                             lia_record_get_record_type (record),
                             lia_record_get_operation (record),
                             lia_record_get_sensitivity (record),
                             revision, tombstone, body,
                             created_at, updated_at,
                             lia_record_is_syncable (record), error))
    return FALSE;

  created = parse_time (created_at);
  lia_record_set_created_at (record, created);
  lia_record_set_updated_at (record, now);
  lia_record_set_revision (record, revision);
  lia_record_set_author_device (record, self->device_id);
  lia_record_set_tombstone (record, tombstone);

  return TRUE;
}

static gboolean
save_revision (LiaStore   *self,
               LiaRecord  *record,
               gboolean    tombstone,
               GError    **error)
{
  const char *operation;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (LIA_IS_RECORD (record), FALSE);
  g_return_val_if_fail (lia_record_get_record_type (record) != NULL, FALSE);

  operation = lia_record_get_operation (record);
  if (operation == NULL || *operation == '\0')
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("Choose the operation this record belongs to before saving it."));
      return FALSE;
    }

  if (lia_record_get_tombstone (record))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This record was deleted; restore it before changing it."));
      return FALSE;
    }

  if (!lia_record_check_save (record, tombstone, error))
    return FALSE;

  if (!lia_store_begin (self, error))
    return FALSE;

  if (!write_revision (self, record, tombstone, error))
    {
      lia_store_rollback (self);
      return FALSE;
    }

  return lia_store_commit (self, error);
}

/**
 * lia_store_save:
 *
 * Saves a new revision of @record and records the change for sync, both in
 * one transaction.  On success the record's revision, times and author
 * device are updated.
 */
gboolean
lia_store_save (LiaStore   *self,
                LiaRecord  *record,
                GError    **error)
{
  return save_revision (self, record, FALSE, error);
}

/**
 * lia_store_delete:
 *
 * Deletes @record as a synced tombstone: the row stays, with its content
 * removed, so that every replica learns of the deletion.
 */
gboolean
lia_store_delete (LiaStore   *self,
                  LiaRecord  *record,
                  GError    **error)
{
  return save_revision (self, record, TRUE, error);
}

#define RECORD_COLUMNS \
  "uuid, record_type, operation, sensitivity, created_at, updated_at," \
  " revision, author_device, tombstone, body"

static LiaRecord *
record_from_row (sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GDateTime) created = NULL;
  g_autoptr(GDateTime) updated = NULL;
  const char *record_type = (const char *) sqlite3_column_text (stmt, 1);
  GType type = lookup_record_type (record_type);

  if (type == G_TYPE_INVALID)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("This version of Liaison does not know records of type “%s”. Update Liaison to see them."),
                   record_type);
      return NULL;
    }

  record = g_object_new (type, NULL);
  created = parse_time ((const char *) sqlite3_column_text (stmt, 4));
  updated = parse_time ((const char *) sqlite3_column_text (stmt, 5));

  lia_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 0));
  lia_record_set_operation (record, (const char *) sqlite3_column_text (stmt, 2));
  lia_record_set_sensitivity (record, CLAMP (sqlite3_column_int (stmt, 3), 0, LIA_SENSITIVITY_LAST));
  lia_record_set_created_at (record, created);
  lia_record_set_updated_at (record, updated);
  lia_record_set_revision (record, sqlite3_column_int64 (stmt, 6));
  lia_record_set_author_device (record, (const char *) sqlite3_column_text (stmt, 7));
  lia_record_set_tombstone (record, sqlite3_column_int (stmt, 8));

  if (!lia_record_deserialize_body (record, (const char *) sqlite3_column_text (stmt, 9), error))
    return NULL;

  return g_steal_pointer (&record);
}

/**
 * lia_store_load:
 *
 * Returns: (transfer full): the record with @uuid, tombstones included
 */
LiaRecord *
lia_store_load (LiaStore    *self,
                const char  *uuid,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (!(stmt = lia_db_prepare (self->db,
                               "SELECT " RECORD_COLUMNS " FROM records WHERE uuid = ?1",
                               error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("This record no longer exists on this device."));
      return NULL;
    }
  else if (rc != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("reading a record"), error);
      return NULL;
    }

  return record_from_row (stmt, error);
}

/**
 * lia_store_list:
 * @operation: (nullable): only records of this operation
 *
 * Returns: (transfer full) (element-type LiaRecord): live records of
 *   @record_type, most recently changed first
 */
GPtrArray *
lia_store_list (LiaStore    *self,
                const char  *record_type,
                const char  *operation,
                GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) records = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);
  g_return_val_if_fail (record_type != NULL, NULL);

  if (!(stmt = lia_db_prepare (self->db,
                               "SELECT " RECORD_COLUMNS " FROM records"
                               " WHERE record_type = ?1 AND tombstone = 0"
                               "   AND (?2 IS NULL OR operation = ?2)"
                               " ORDER BY updated_at DESC, uuid",
                               error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, operation, -1, SQLITE_STATIC);

  records = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaRecord *record = record_from_row (stmt, error);

      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (self->db, _("listing records"), error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/**
 * lia_store_count_changes:
 *
 * Returns: how many changes have not been pushed to HQ yet, or -1 on error
 */
gint64
lia_store_count_changes (LiaStore  *self,
                         GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), -1);

  if (!(stmt = lia_db_prepare (self->db,
                               "SELECT count(*) FROM change_log"
                               " WHERE seq > (SELECT pushed_seq FROM sync_state WHERE peer = 'hq')",
                               error)))
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lia_db_set_error (self->db, _("counting changes waiting for sync"), error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/* Returns: (transfer full) (nullable): the value of an installation setting */
char *
lia_store_get_setting (LiaStore   *self,
                       const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = lia_db_prepare (self->db, "SELECT value FROM settings WHERE key = ?1", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gboolean
lia_store_set_setting (LiaStore    *self,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (!(stmt = lia_db_prepare (self->db,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (self->db, _("saving a setting"), error);

  return TRUE;
}

sqlite3 *
lia_store_get_db (LiaStore *self)
{
  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  return self->db;
}
