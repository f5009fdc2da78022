/* lia-store-sync.c — batches to push, revisions pulled, conflicts kept
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <glib/gi18n-lib.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-store-private.h"
#include "lia-store-sync.h"

/* docs/sync-protocol.md: a batch holds at most 500 changes or 1 MiB of
 * JSON.  Each change also carries its envelope (uuid, times, names). */
#define BATCH_MAX_BYTES      (1024 * 1024)
#define CHANGE_ENVELOPE_SIZE 320

void
lia_sync_checkpoint_clear (LiaSyncCheckpoint *checkpoint)
{
  g_clear_pointer (&checkpoint->pull_cursor, g_free);
  g_clear_pointer (&checkpoint->last_sync_at, g_free);
  g_clear_pointer (&checkpoint->last_error, g_free);
}

void
lia_conflict_free (LiaConflict *conflict)
{
  if (conflict == NULL)
    return;

  lia_sync_change_free (conflict->local);
  lia_sync_change_free (conflict->remote);
  g_free (conflict->detected_at);
  g_free (conflict->resolved_at);
  g_free (conflict);
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static char *
now_iso8601 (LiaStore *self)
{
  g_autoptr(GDateTime) now = lia_clock_get_now (lia_store_get_clock (self));

  return lia_clock_format_iso8601 (now);
}

/* Runs one statement that changes the sync state, with @text as ?1 and
 * @number as ?2 for the statements that use them. */
static gboolean
update_sync_state (LiaStore    *self,
                   const char  *sql,
                   const char  *text,
                   gint64       number,
                   GError     **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = lia_db_prepare (db, sql, error)))
    return FALSE;

  /* Binding past the statement's last parameter is a no-op. */
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, number);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("saving where sync has got to"), error);

  return TRUE;
}

gboolean
lia_store_get_sync_checkpoint (LiaStore           *self,
                               LiaSyncCheckpoint  *checkpoint,
                               GError            **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (checkpoint != NULL, FALSE);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db,
                               "SELECT pushed_seq, batch_seq, coalesce (batch_end_seq, 0),"
                               "  pull_cursor, last_sync_at, last_error"
                               " FROM sync_state WHERE peer = 'hq'",
                               error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    return lia_db_set_error (db, _("reading where sync has got to"), error);

  checkpoint->pushed_seq = sqlite3_column_int64 (stmt, 0);
  checkpoint->batch_seq = sqlite3_column_int64 (stmt, 1);
  checkpoint->batch_end_seq = sqlite3_column_int64 (stmt, 2);
  checkpoint->pull_cursor = dup_column (stmt, 3);
  checkpoint->last_sync_at = dup_column (stmt, 4);
  checkpoint->last_error = dup_column (stmt, 5);

  return TRUE;
}

/* Chooses how far the next batch goes: up to the batch limits, and at least
 * one change so that a single large record still travels.  Returns 0 when
 * nothing waits. */
static gboolean
plan_batch_end (LiaStore  *self,
                gint64     pushed_seq,
                gint64    *end_seq,
                GError   **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize bytes = 0;
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT seq, length (CAST (body AS BLOB)) FROM change_log"
                               " WHERE seq > ?1 ORDER BY seq LIMIT ?2",
                               error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pushed_seq);
  sqlite3_bind_int (stmt, 2, LIA_SYNC_MAX_BATCH_CHANGES);

  *end_seq = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      bytes += CHANGE_ENVELOPE_SIZE + sqlite3_column_int64 (stmt, 1);
      if (*end_seq != 0 && bytes > BATCH_MAX_BYTES)
        break;

      *end_seq = sqlite3_column_int64 (stmt, 0);
    }

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return lia_db_set_error (db, _("reading the change log"), error);

  return TRUE;
}

static GPtrArray *
list_changes (LiaStore  *self,
              gint64     after_seq,
              gint64     end_seq,
              gint64     limit,
              GError   **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT seq, record_uuid, record_type, operation, sensitivity,"
                               "  revision, changed_at, tombstone, body"
                               " FROM change_log WHERE seq > ?1 AND seq <= ?2 ORDER BY seq LIMIT ?3",
                               error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, after_seq);
  sqlite3_bind_int64 (stmt, 2, end_seq);
  sqlite3_bind_int64 (stmt, 3, limit);

  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_sync_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaSyncChange *change = g_new0 (LiaSyncChange, 1);

      change->seq = sqlite3_column_int64 (stmt, 0);
      change->uuid = dup_column (stmt, 1);
      change->record_type = dup_column (stmt, 2);
      change->operation = dup_column (stmt, 3);
      change->sensitivity = CLAMP (sqlite3_column_int (stmt, 4), 0, LIA_SENSITIVITY_LAST);
      change->revision = sqlite3_column_int64 (stmt, 5);
      change->changed_at = dup_column (stmt, 6);
      change->tombstone = sqlite3_column_int (stmt, 7);
      change->body = dup_column (stmt, 8);
      /* Every change-log entry was made here. */
      change->author_device = g_strdup (lia_store_get_device_id (self));
      g_ptr_array_add (changes, change);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("reading the change log"), error);
      return NULL;
    }

  return g_steal_pointer (&changes);
}

/**
 * lia_store_list_changes:
 *
 * Returns: (transfer full) (element-type LiaSyncChange): up to @limit
 *   change-log entries with a sequence number above @after_seq, oldest
 *   first, as sync would send them
 */
GPtrArray *
lia_store_list_changes (LiaStore  *self,
                        gint64     after_seq,
                        guint      limit,
                        GError   **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  return list_changes (self, after_seq, G_MAXINT64, limit, error);
}

/**
 * lia_store_next_batch:
 * @batch_seq: (out): the batch's number, 0 if nothing waits
 *
 * Returns the batch in flight if there is one, exactly as it was first
 * made, so that HQ recognises a resend; otherwise numbers a new batch of
 * the oldest changes not yet acknowledged, and records its extent before
 * anything is sent.
 *
 * Returns: (transfer full) (element-type LiaSyncChange): the batch's
 *   changes, empty when nothing waits
 */
GPtrArray *
lia_store_next_batch (LiaStore  *self,
                      gint64    *batch_seq,
                      GError   **error)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GPtrArray) changes = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);
  g_return_val_if_fail (batch_seq != NULL, NULL);

  if (!lia_store_begin (self, error))
    return NULL;

  if (!lia_store_get_sync_checkpoint (self, &checkpoint, error))
    goto fail;

  if (checkpoint.batch_end_seq == 0)
    {
      if (!plan_batch_end (self, checkpoint.pushed_seq, &checkpoint.batch_end_seq, error))
        goto fail;

      if (checkpoint.batch_end_seq != 0)
        {
          if (!update_sync_state (self,
                                  "UPDATE sync_state SET batch_seq = batch_seq + 1,"
                                  "  batch_end_seq = ?2 WHERE peer = 'hq'",
                                  NULL, checkpoint.batch_end_seq, error))
            goto fail;
          checkpoint.batch_seq++;
        }
    }

  if (!(changes = list_changes (self, checkpoint.pushed_seq, checkpoint.batch_end_seq, -1, error)) ||
      !lia_store_commit (self, error))
    return NULL;

  *batch_seq = changes->len > 0 ? checkpoint.batch_seq : 0;
  return g_steal_pointer (&changes);

fail:
  lia_store_rollback (self);
  return NULL;
}

/**
 * lia_store_ack_batch:
 *
 * Marks the batch in flight as durable at HQ: its changes no longer wait.
 */
gboolean
lia_store_ack_batch (LiaStore  *self,
                     gint64     batch_seq,
                     GError   **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);

  if (!update_sync_state (self,
                          "UPDATE sync_state SET pushed_seq = batch_end_seq, batch_end_seq = NULL"
                          " WHERE peer = 'hq' AND batch_end_seq IS NOT NULL AND batch_seq = ?2",
                          NULL, batch_seq, error))
    return FALSE;

  if (sqlite3_changes (lia_store_get_db (self)) == 0)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("HQ acknowledged batch %" PRId64 ", which this device is not sending."),
                   batch_seq);
      return FALSE;
    }

  return TRUE;
}

gboolean
lia_store_set_pull_cursor (LiaStore    *self,
                           const char  *cursor,
                           GError     **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (cursor != NULL, FALSE);

  return update_sync_state (self, "UPDATE sync_state SET pull_cursor = ?1 WHERE peer = 'hq'",
                            cursor, 0, error);
}

/* After a new enrolment HQ may scope this device differently: pull
 * everything again.  What was pushed stays pushed. */
gboolean
lia_store_forget_pull_cursor (LiaStore  *self,
                              GError   **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);

  return update_sync_state (self,
                            "UPDATE sync_state SET pull_cursor = NULL, last_error = NULL"
                            " WHERE peer = 'hq'",
                            NULL, 0, error);
}

/**
 * lia_store_record_sync_result:
 * @error_message: (nullable): why the sync failed, %NULL if it succeeded
 *
 * Remembers the outcome of a sync for the Sync page and `sync status`.
 */
gboolean
lia_store_record_sync_result (LiaStore    *self,
                              const char  *error_message,
                              GError     **error)
{
  g_autofree char *now = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);

  if (error_message != NULL)
    return update_sync_state (self, "UPDATE sync_state SET last_error = ?1 WHERE peer = 'hq'",
                              error_message, 0, error);

  now = now_iso8601 (self);
  return update_sync_state (self,
                            "UPDATE sync_state SET last_sync_at = ?1, last_error = NULL"
                            " WHERE peer = 'hq'",
                            now, 0, error);
}

/* The revision the record holds here, as a change; %NULL if there is no
 * such record. */
static gboolean
load_current (LiaStore        *self,
              const char      *uuid,
              LiaSyncChange  **current,
              GError         **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  LiaSyncChange *change;
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT record_type, operation, sensitivity, revision,"
                               "  author_device, updated_at, tombstone, body"
                               " FROM records WHERE uuid = ?1",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);

  *current = NULL;
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return lia_db_set_error (db, _("reading a record"), error);

  change = g_new0 (LiaSyncChange, 1);
  change->uuid = g_strdup (uuid);
  change->record_type = dup_column (stmt, 0);
  change->operation = dup_column (stmt, 1);
  change->sensitivity = CLAMP (sqlite3_column_int (stmt, 2), 0, LIA_SENSITIVITY_LAST);
  change->revision = sqlite3_column_int64 (stmt, 3);
  change->author_device = dup_column (stmt, 4);
  change->changed_at = dup_column (stmt, 5);
  change->tombstone = sqlite3_column_int (stmt, 6);
  change->body = dup_column (stmt, 7);
  *current = change;

  return TRUE;
}

static gboolean
has_unpushed_change (LiaStore    *self,
                     const char  *uuid,
                     gboolean    *unpushed,
                     GError     **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT EXISTS (SELECT 1 FROM change_log WHERE record_uuid = ?1"
                               "  AND seq > (SELECT pushed_seq FROM sync_state WHERE peer = 'hq'))",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return lia_db_set_error (db, _("reading the change log"), error);

  *unpushed = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Writes a pulled revision as the record, without a change-log entry: it
 * came from HQ and must not go back there. */
static gboolean
write_remote (LiaStore             *self,
              const LiaSyncChange  *change,
              GError              **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* Every replica compares changed_at, so updated_at is HQ's, not ours; a
   * record first seen here was created, as far as we know, then. */
  if (!(stmt = lia_db_prepare (db,
                               "INSERT INTO records (uuid, record_type, operation, sensitivity,"
                               "  created_at, updated_at, revision, author_device, tombstone, body)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8, ?9)"
                               " ON CONFLICT (uuid) DO UPDATE SET"
                               "  operation = excluded.operation, sensitivity = excluded.sensitivity,"
                               "  updated_at = excluded.updated_at, revision = excluded.revision,"
                               "  author_device = excluded.author_device,"
                               "  tombstone = excluded.tombstone, body = excluded.body",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, change->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, change->record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, change->operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 4, change->sensitivity);
  sqlite3_bind_text (stmt, 5, change->changed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, change->revision);
  sqlite3_bind_text (stmt, 7, change->author_device, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 8, change->tombstone);
  sqlite3_bind_text (stmt, 9, change->tombstone ? "{}" : change->body, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("saving a record from HQ"), error);

  return TRUE;
}

static void
bind_side (sqlite3_stmt        *stmt,
           int                  first,
           const LiaSyncChange *side)
{
  sqlite3_bind_int64 (stmt, first, side->revision);
  sqlite3_bind_text (stmt, first + 1, side->author_device, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, first + 2, side->changed_at, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, first + 3, side->sensitivity);
  sqlite3_bind_int (stmt, first + 4, side->tombstone);
  sqlite3_bind_text (stmt, first + 5, side->body, -1, SQLITE_STATIC);
}

/* Keeps both revisions.  Returns in @recorded whether this conflict is
 * new: a page pulled again must not list it twice. */
static gboolean
record_conflict (LiaStore             *self,
                 const LiaSyncChange  *local,
                 const LiaSyncChange  *remote,
                 gboolean              local_won,
                 gboolean             *recorded,
                 GError              **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = now_iso8601 (self);

  if (!(stmt = lia_db_prepare (db,
                               "INSERT OR IGNORE INTO conflicts (record_uuid, record_type, local_won,"
                               "  local_revision, local_author, local_changed_at, local_sensitivity,"
                               "  local_tombstone, local_body,"
                               "  remote_revision, remote_author, remote_changed_at, remote_sensitivity,"
                               "  remote_tombstone, remote_body, detected_at)"
                               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, local->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, local->record_type, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, local_won);
  bind_side (stmt, 4, local);
  bind_side (stmt, 10, remote);
  sqlite3_bind_text (stmt, 16, now, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("keeping both versions of a record"), error);

  *recorded = sqlite3_changes (db) > 0;
  return TRUE;
}

/**
 * lia_store_apply_remote:
 * @change: a revision pulled from HQ
 * @result: (out): what became of it
 *
 * Applies a pulled revision without a change-log entry; the caller holds a
 * transaction.  A revision written here and coming back is skipped.  Of two
 * revisions, the record keeps the winner by lia_sync_change_compare(), so
 * every replica ends up with the same one whatever order they arrive in.
 * When the revision held here was made on this device and @change cannot
 * have been made on top of it — it is not newer, or ours has not reached HQ
 * yet — the two are concurrent edits: both are kept in the conflicts for a
 * person to resolve.
 */
gboolean
lia_store_apply_remote (LiaStore             *self,
                        const LiaSyncChange  *change,
                        LiaApplyResult       *result,
                        GError              **error)
{
  g_autoptr(LiaSyncChange) current = NULL;
  const char *device_id;
  gboolean concurrent = FALSE;
  gboolean recorded = FALSE;
  gboolean remote_wins;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  *result = LIA_APPLY_SKIPPED;
  device_id = lia_store_get_device_id (self);

  if (g_str_equal (change->author_device, device_id))
    return TRUE;

  if (!load_current (self, change->uuid, &current, error))
    return FALSE;

  if (current == NULL)
    {
      if (!write_remote (self, change, error))
        return FALSE;

      *result = LIA_APPLY_APPLIED;
      return TRUE;
    }

  if (current->revision == change->revision &&
      g_str_equal (current->author_device, change->author_device))
    return TRUE;

  /* A record id is never reused for another type; such a change is not
   * about this record. */
  if (!g_str_equal (current->record_type, change->record_type))
    return TRUE;

  /* An append-only record is written once by one device: another copy of
   * it is the same entry coming back, never a concurrent edit. */
  if (lia_store_type_is_append_only (change->record_type))
    return TRUE;

  remote_wins = lia_sync_change_compare (change, current) > 0;

  if (g_str_equal (current->author_device, device_id))
    {
      if (change->revision <= current->revision)
        concurrent = TRUE;
      else if (!has_unpushed_change (self, change->uuid, &concurrent, error))
        return FALSE;
    }

  if (concurrent && !record_conflict (self, current, change, !remote_wins, &recorded, error))
    return FALSE;

  if (remote_wins && !write_remote (self, change, error))
    return FALSE;

  if (recorded)
    *result = LIA_APPLY_CONFLICT;
  else if (remote_wins)
    *result = LIA_APPLY_APPLIED;

  return TRUE;
}

static LiaSyncChange *
side_from_row (sqlite3_stmt *stmt,
               int           first,
               const char   *uuid,
               const char   *record_type)
{
  LiaSyncChange *side = g_new0 (LiaSyncChange, 1);

  side->uuid = g_strdup (uuid);
  side->record_type = g_strdup (record_type);
  side->revision = sqlite3_column_int64 (stmt, first);
  side->author_device = dup_column (stmt, first + 1);
  side->changed_at = dup_column (stmt, first + 2);
  side->sensitivity = CLAMP (sqlite3_column_int (stmt, first + 3), 0, LIA_SENSITIVITY_LAST);
  side->tombstone = sqlite3_column_int (stmt, first + 4);
  side->body = dup_column (stmt, first + 5);

  return side;
}

#define CONFLICT_COLUMNS \
  "c.id, c.record_uuid, c.record_type, c.local_won, c.detected_at, c.resolved_at, r.operation," \
  " c.local_revision, c.local_author, c.local_changed_at, c.local_sensitivity," \
  " c.local_tombstone, c.local_body," \
  " c.remote_revision, c.remote_author, c.remote_changed_at, c.remote_sensitivity," \
  " c.remote_tombstone, c.remote_body"

static LiaConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  LiaConflict *conflict = g_new0 (LiaConflict, 1);
  const char *uuid = (const char *) sqlite3_column_text (stmt, 1);
  const char *record_type = (const char *) sqlite3_column_text (stmt, 2);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  conflict->local_won = sqlite3_column_int (stmt, 3);
  conflict->detected_at = dup_column (stmt, 4);
  conflict->resolved_at = dup_column (stmt, 5);
  conflict->local = side_from_row (stmt, 7, uuid, record_type);
  conflict->remote = side_from_row (stmt, 13, uuid, record_type);
  conflict->local->operation = dup_column (stmt, 6);
  conflict->remote->operation = dup_column (stmt, 6);

  return conflict;
}

/**
 * lia_store_list_conflicts:
 *
 * Returns: (transfer full) (element-type LiaConflict): the conflicts a
 *   person has yet to resolve, oldest first
 */
GPtrArray *
lia_store_list_conflicts (LiaStore  *self,
                          GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db,
                               "SELECT " CONFLICT_COLUMNS
                               " FROM conflicts c JOIN records r ON r.uuid = c.record_uuid"
                               " WHERE c.resolved_at IS NULL ORDER BY c.id",
                               error)))
    return NULL;

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_conflict_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, conflict_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("listing conflicts"), error);
      return NULL;
    }

  return g_steal_pointer (&conflicts);
}

/* Returns: how many conflicts wait for a person, or -1 on error */
gint64
lia_store_count_conflicts (LiaStore  *self,
                           GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), -1);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db, "SELECT count(*) FROM conflicts WHERE resolved_at IS NULL", error)))
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lia_db_set_error (db, _("counting conflicts"), error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

static gboolean
resolve_in_transaction (LiaStore           *self,
                        gint64              id,
                        LiaConflictChoice   choice,
                        GError            **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) select = NULL;
  g_autoptr(sqlite3_stmt) mark = NULL;
  g_autoptr(LiaConflict) conflict = NULL;
  g_autoptr(LiaSyncChange) current = NULL;
  g_autofree char *now = now_iso8601 (self);
  const LiaSyncChange *kept;
  int rc;

  if (!(select = lia_db_prepare (db,
                                 "SELECT " CONFLICT_COLUMNS
                                 " FROM conflicts c JOIN records r ON r.uuid = c.record_uuid"
                                 " WHERE c.id = ?1 AND c.resolved_at IS NULL",
                                 error)))
    return FALSE;

  sqlite3_bind_int64 (select, 1, id);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("This conflict was already resolved, or it does not exist."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return lia_db_set_error (db, _("reading a conflict"), error);

  conflict = conflict_from_row (select);
  kept = choice == LIA_CONFLICT_KEEP_MINE ? conflict->local : conflict->remote;

  if (!load_current (self, kept->uuid, &current, error))
    return FALSE;
  g_assert (current != NULL);   /* conflicts reference records */

  /* A new revision above both, made here: it wins everywhere and tells
   * every replica what the person chose.  The record exists, so it keeps
   * its creation time. */
  if (!lia_store_write_local_revision (self, kept->uuid, kept->record_type, current->operation,
                                       kept->sensitivity, current->revision + 1, kept->tombstone,
                                       kept->tombstone ? "{}" : kept->body, now, now, error))
    return FALSE;

  if (!(mark = lia_db_prepare (db, "UPDATE conflicts SET resolved_at = ?2 WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (mark, 1, id);
  sqlite3_bind_text (mark, 2, now, -1, SQLITE_STATIC);
  if (sqlite3_step (mark) != SQLITE_DONE)
    return lia_db_set_error (db, _("resolving a conflict"), error);

  return TRUE;
}

/**
 * lia_store_resolve_conflict:
 *
 * Resolves conflict @id with the version the person chose, saved as a new
 * revision of the record that sync sends to HQ like any other change.
 */
gboolean
lia_store_resolve_conflict (LiaStore           *self,
                            gint64              id,
                            LiaConflictChoice   choice,
                            GError            **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (choice == LIA_CONFLICT_KEEP_MINE || choice == LIA_CONFLICT_KEEP_THEIRS, FALSE);

  if (!lia_store_begin (self, error))
    return FALSE;

  if (!resolve_in_transaction (self, id, choice, error))
    {
      lia_store_rollback (self);
      return FALSE;
    }

  return lia_store_commit (self, error);
}
