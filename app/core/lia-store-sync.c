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
#include "lia-sync-transport.h"

/* docs/sync-protocol.md: a batch holds at most 500 changes, and HQ takes
 * up to 8 MiB of JSON.  Each batch waits for HQ's answer, a round trip and
 * HQ's commit (about a second over a satellite link), so batches are large;
 * a batch cut by an outage is sent again whole, so not too large: 2 MiB of
 * JSON is about 0.6 MB on the wire, 12 s at 400 kbit/s.  Each change also
 * carries its envelope (uuid, times, names). */
#define BATCH_MAX_BYTES      (2 * 1024 * 1024)
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

void
lia_refused_change_free (LiaRefusedChange *refused)
{
  if (refused == NULL)
    return;

  g_free (refused->record_uuid);
  g_free (refused->record_type);
  g_free (refused->reason);
  g_free (refused->message);
  g_free (refused->refused_at);
  g_free (refused);
}

void
lia_pending_count_free (LiaPendingCount *count)
{
  if (count == NULL)
    return;

  g_free (count->record_type);
  g_free (count);
}

void
lia_sync_log_entry_free (LiaSyncLogEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->started_at);
  g_free (entry->finished_at);
  g_free (entry->outcome);
  g_free (entry->error);
  g_free (entry);
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
  g_autoptr(sqlite3_stmt) limit = NULL;
  gint64 max_bytes = BATCH_MAX_BYTES;
  gint64 bytes = 0;
  int rc;

  /* A 413 from HQ taught a smaller limit: keep to it. */
  if (!(limit = lia_db_prepare (db, "SELECT batch_max_bytes FROM sync_state WHERE peer = 'hq'", error)))
    return FALSE;
  if (sqlite3_step (limit) == SQLITE_ROW && sqlite3_column_type (limit, 0) != SQLITE_NULL)
    max_bytes = MIN (max_bytes, sqlite3_column_int64 (limit, 0));

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
      if (*end_seq != 0 && bytes > max_bytes)
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

/* The in-flight batch must be @batch_seq; returns its extent. */
static gboolean
get_in_flight (LiaStore           *self,
               gint64              batch_seq,
               LiaSyncCheckpoint  *checkpoint,
               GError            **error)
{
  if (!lia_store_get_sync_checkpoint (self, checkpoint, error))
    return FALSE;

  if (checkpoint->batch_end_seq == 0 || checkpoint->batch_seq != batch_seq)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("Batch %" PRId64 " is not the one this device is sending."), batch_seq);
      return FALSE;
    }

  return TRUE;
}

static gboolean
insert_refused (LiaStore    *self,
                gint64       seq,
                const char  *reason,
                const char  *message,
                const char  *now,
                GError     **error)
{
  sqlite3 *db = lia_store_get_db (self);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = lia_db_prepare (db,
                               "INSERT OR REPLACE INTO sync_refused (seq, reason, message, refused_at)"
                               " VALUES (?1, ?2, ?3, ?4)",
                               error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, seq);
  sqlite3_bind_text (stmt, 2, reason, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, message, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("keeping a refused change"), error);

  return TRUE;
}

/**
 * lia_store_ack_batch_refused:
 * @refused: (element-type LiaRefusedChange): the changes of the batch HQ
 *   refused, by @seq, with @reason and @message
 *
 * Like lia_store_ack_batch(), and keeps the refused changes out of the
 * queue, listed by lia_store_list_refused(), in the same transaction.
 */
gboolean
lia_store_ack_batch_refused (LiaStore   *self,
                             gint64      batch_seq,
                             GPtrArray  *refused,
                             GError    **error)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autofree char *now = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);

  if (refused == NULL || refused->len == 0)
    return lia_store_ack_batch (self, batch_seq, error);

  now = now_iso8601 (self);
  if (!lia_store_begin (self, error))
    return FALSE;

  if (!get_in_flight (self, batch_seq, &checkpoint, error))
    goto fail;

  for (guint i = 0; i < refused->len; i++)
    {
      const LiaRefusedChange *one = g_ptr_array_index (refused, i);

      /* HQ can only refuse what it was sent. */
      if (one->seq <= checkpoint.pushed_seq || one->seq > checkpoint.batch_end_seq)
        {
          g_set_error (error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_SERVER,
                       _("HQ refused change %" PRId64 ", which batch %" PRId64 " does not hold. Tell your information manager."),
                       one->seq, batch_seq);
          goto fail;
        }

      if (!insert_refused (self, one->seq, one->reason, one->message, now, error))
        goto fail;
    }

  if (!lia_store_ack_batch (self, batch_seq, error) ||
      !lia_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  lia_store_rollback (self);
  return FALSE;
}

/**
 * lia_store_shrink_batch:
 * @n_keep: how many of the batch's first changes to keep, at least 1
 *
 * HQ refused batch @batch_seq as too large, before reading it.  Makes a
 * new batch, under a new number, of its first @n_keep changes, and
 * remembers the smaller size for the batches after it.  A number once sent
 * is never sent again with other content: had HQ taken the old batch after
 * all (an answer lost, then a lower limit), the new one only holds changes
 * HQ already has, which it skips.
 *
 * Returns: the new batch's number, or 0 with @error set
 */
gint64
lia_store_shrink_batch (LiaStore  *self,
                        gint64     batch_seq,
                        guint      n_keep,
                        GError   **error)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 end_seq;
  gint64 bytes;

  g_return_val_if_fail (LIA_IS_STORE (self), 0);
  g_return_val_if_fail (n_keep > 0, 0);

  db = lia_store_get_db (self);
  if (!lia_store_begin (self, error))
    return 0;

  if (!get_in_flight (self, batch_seq, &checkpoint, error) ||
      !(stmt = lia_db_prepare (db,
                               "SELECT max (seq), sum (?4 + length (CAST (body AS BLOB))) FROM"
                               " (SELECT seq, body FROM change_log WHERE seq > ?1 AND seq <= ?2"
                               "  ORDER BY seq LIMIT ?3)",
                               error)))
    goto fail;

  sqlite3_bind_int64 (stmt, 1, checkpoint.pushed_seq);
  sqlite3_bind_int64 (stmt, 2, checkpoint.batch_end_seq);
  sqlite3_bind_int64 (stmt, 3, n_keep);
  sqlite3_bind_int64 (stmt, 4, CHANGE_ENVELOPE_SIZE);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lia_db_set_error (db, _("reading the change log"), error);
      goto fail;
    }
  end_seq = sqlite3_column_int64 (stmt, 0);
  bytes = sqlite3_column_int64 (stmt, 1);
  g_clear_pointer (&stmt, sqlite3_finalize);

  if (!(stmt = lia_db_prepare (db,
                               "UPDATE sync_state SET batch_seq = batch_seq + 1, batch_end_seq = ?1,"
                               "  batch_max_bytes = min (coalesce (batch_max_bytes, ?2), ?2)"
                               " WHERE peer = 'hq'",
                               error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, end_seq);
  sqlite3_bind_int64 (stmt, 2, bytes);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      lia_db_set_error (db, _("saving where sync has got to"), error);
      goto fail;
    }

  if (!lia_store_commit (self, error))
    goto fail;

  return batch_seq + 1;

fail:
  lia_store_rollback (self);
  return 0;
}

/**
 * lia_store_refuse_change:
 * @seq: the first change of batch @batch_seq
 *
 * Keeps a change that cannot travel (too large for HQ, or damaged) out of
 * the queue, listed by lia_store_list_refused().  The rest of batch
 * @batch_seq, if any, goes in a new batch under a new number.
 */
gboolean
lia_store_refuse_change (LiaStore    *self,
                         gint64       batch_seq,
                         gint64       seq,
                         const char  *reason,
                         const char  *message,
                         GError     **error)
{
  g_auto(LiaSyncCheckpoint) checkpoint = { 0, };
  g_autoptr(GPtrArray) first = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (reason != NULL && message != NULL, FALSE);

  now = now_iso8601 (self);
  if (!lia_store_begin (self, error))
    return FALSE;

  if (!get_in_flight (self, batch_seq, &checkpoint, error) ||
      !(first = list_changes (self, checkpoint.pushed_seq, checkpoint.batch_end_seq, 1, error)))
    goto fail;

  if (first->len == 0 || ((LiaSyncChange *) g_ptr_array_index (first, 0))->seq != seq)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("Change %" PRId64 " is not the next one to send."), seq);
      goto fail;
    }

  if (!insert_refused (self, seq, reason, message, now, error) ||
      !update_sync_state (self,
                          "UPDATE sync_state SET pushed_seq = ?2, batch_end_seq = NULL WHERE peer = 'hq'",
                          NULL, seq, error) ||
      !lia_store_commit (self, error))
    goto fail;

  return TRUE;

fail:
  lia_store_rollback (self);
  return FALSE;
}

/* The newest refusal of each record, unless a later change of the record
 * reached HQ since: then the record is no longer stuck. */
#define REFUSED_QUERY \
  "SELECT r.seq, l.record_uuid, l.record_type, l.revision, r.reason, r.message, r.refused_at" \
  " FROM sync_refused r JOIN change_log l ON l.seq = r.seq" \
  " WHERE NOT EXISTS (SELECT 1 FROM change_log later" \
  "   WHERE later.record_uuid = l.record_uuid AND later.seq > r.seq" \
  "   AND (later.seq IN (SELECT seq FROM sync_refused)" \
  "        OR later.seq <= (SELECT pushed_seq FROM sync_state WHERE peer = 'hq')))"

/**
 * lia_store_list_refused:
 *
 * Returns: (transfer full) (element-type LiaRefusedChange): the changes
 *   kept here because HQ refused them or they could not travel, one per
 *   record, oldest first
 */
GPtrArray *
lia_store_list_refused (LiaStore  *self,
                        GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db, REFUSED_QUERY " ORDER BY r.seq", error)))
    return NULL;

  refused = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_refused_change_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaRefusedChange *one = g_new0 (LiaRefusedChange, 1);

      one->seq = sqlite3_column_int64 (stmt, 0);
      one->record_uuid = dup_column (stmt, 1);
      one->record_type = dup_column (stmt, 2);
      one->revision = sqlite3_column_int64 (stmt, 3);
      one->reason = dup_column (stmt, 4);
      one->message = dup_column (stmt, 5);
      one->refused_at = dup_column (stmt, 6);
      g_ptr_array_add (refused, one);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("listing refused changes"), error);
      return NULL;
    }

  return g_steal_pointer (&refused);
}

/* Returns: how many records have a change HQ refused, or -1 on error */
gint64
lia_store_count_refused (LiaStore  *self,
                         GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), -1);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db, "SELECT count(*) FROM (" REFUSED_QUERY ")", error)))
    return -1;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      lia_db_set_error (db, _("counting refused changes"), error);
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}

/**
 * lia_store_list_pending:
 *
 * Returns: (transfer full) (element-type LiaPendingCount): what waits to
 *   be sent, per record type, by name
 */
GPtrArray *
lia_store_list_pending (LiaStore  *self,
                        GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db,
                               "SELECT record_type, count(*), sum (?1 + length (CAST (body AS BLOB)))"
                               " FROM change_log"
                               " WHERE seq > (SELECT pushed_seq FROM sync_state WHERE peer = 'hq')"
                               " GROUP BY record_type ORDER BY record_type",
                               error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, CHANGE_ENVELOPE_SIZE);

  counts = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_pending_count_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaPendingCount *count = g_new0 (LiaPendingCount, 1);

      count->record_type = dup_column (stmt, 0);
      count->changes = sqlite3_column_int64 (stmt, 1);
      count->bytes = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (counts, count);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("counting changes waiting for sync"), error);
      return NULL;
    }

  return g_steal_pointer (&counts);
}

/**
 * lia_store_begin_sync_log:
 *
 * Notes that a sync starts, and forgets attempts beyond the last
 * %LIA_SYNC_LOG_KEEP.
 *
 * Returns: the attempt's id for lia_store_end_sync_log(), 0 on error
 */
gint64
lia_store_begin_sync_log (LiaStore  *self,
                          GError   **error)
{
  g_autofree char *now = NULL;
  sqlite3 *db;

  g_return_val_if_fail (LIA_IS_STORE (self), 0);

  now = now_iso8601 (self);
  db = lia_store_get_db (self);
  if (!update_sync_state (self, "INSERT INTO sync_log (started_at) VALUES (?1)", now, 0, error))
    return 0;

  if (!update_sync_state (self, "DELETE FROM sync_log WHERE id <= ?2", NULL,
                          sqlite3_last_insert_rowid (db) - LIA_SYNC_LOG_KEEP, error))
    return 0;

  /* The DELETE left last_insert_rowid alone. */
  return sqlite3_last_insert_rowid (db);
}

/**
 * lia_store_end_sync_log:
 * @entry: the attempt, by @id, with its outcome and counts
 */
gboolean
lia_store_end_sync_log (LiaStore               *self,
                        const LiaSyncLogEntry  *entry,
                        GError                **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry != NULL && entry->outcome != NULL, FALSE);

  now = now_iso8601 (self);
  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db,
                               "UPDATE sync_log SET finished_at = ?2, outcome = ?3, pushed = ?4,"
                               "  pulled = ?5, conflicts = ?6, refused = ?7, bytes_sent = ?8,"
                               "  bytes_received = ?9, error = ?10"
                               " WHERE id = ?1",
                               error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, entry->id);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, entry->outcome, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, entry->pushed);
  sqlite3_bind_int64 (stmt, 5, entry->pulled);
  sqlite3_bind_int64 (stmt, 6, entry->conflicts);
  sqlite3_bind_int64 (stmt, 7, entry->refused);
  sqlite3_bind_int64 (stmt, 8, entry->bytes_sent);
  sqlite3_bind_int64 (stmt, 9, entry->bytes_received);
  sqlite3_bind_text (stmt, 10, entry->error, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("saving the sync log"), error);

  return TRUE;
}

/**
 * lia_store_list_sync_log:
 * @limit: how many attempts at most
 *
 * Returns: (transfer full) (element-type LiaSyncLogEntry): the last sync
 *   attempts, newest first
 */
GPtrArray *
lia_store_list_sync_log (LiaStore  *self,
                         guint      limit,
                         GError   **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (self), NULL);

  db = lia_store_get_db (self);
  if (!(stmt = lia_db_prepare (db,
                               "SELECT id, started_at, finished_at, outcome, pushed, pulled, conflicts,"
                               "  refused, bytes_sent, bytes_received, error"
                               " FROM sync_log ORDER BY id DESC LIMIT ?1",
                               error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_sync_log_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaSyncLogEntry *entry = g_new0 (LiaSyncLogEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->started_at = dup_column (stmt, 1);
      entry->finished_at = dup_column (stmt, 2);
      entry->outcome = dup_column (stmt, 3);
      entry->pushed = sqlite3_column_int64 (stmt, 4);
      entry->pulled = sqlite3_column_int64 (stmt, 5);
      entry->conflicts = sqlite3_column_int64 (stmt, 6);
      entry->refused = sqlite3_column_int64 (stmt, 7);
      entry->bytes_sent = sqlite3_column_int64 (stmt, 8);
      entry->bytes_received = sqlite3_column_int64 (stmt, 9);
      entry->error = dup_column (stmt, 10);
      g_ptr_array_add (entries, entry);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("reading the sync log"), error);
      return NULL;
    }

  return g_steal_pointer (&entries);
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
 * everything again, and forget the batch size an earlier HQ taught.
 * What was pushed stays pushed. */
gboolean
lia_store_forget_pull_cursor (LiaStore  *self,
                              GError   **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);

  return update_sync_state (self,
                            "UPDATE sync_state SET pull_cursor = NULL, last_error = NULL,"
                            "  batch_max_bytes = NULL WHERE peer = 'hq'",
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

/* Resolves with the side @choice, or with @merged_body when not %NULL. */
static gboolean
resolve_in_transaction (LiaStore           *self,
                        gint64              id,
                        LiaConflictChoice   choice,
                        JsonObject         *merged_body,
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
  if (merged_body != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), merged_body);
      g_autofree char *body = json_to_string (node, FALSE);
      /* Fields of both: at the higher of their sensitivities. */
      LiaSensitivity sensitivity = MAX (conflict->local->sensitivity, conflict->remote->sensitivity);

      if (conflict->local->tombstone || conflict->remote->tombstone)
        {
          g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("One version deletes the record, so there are no fields to merge. Keep one version or the other."));
          return FALSE;
        }

      if (!lia_store_write_local_revision (self, kept->uuid, kept->record_type, current->operation,
                                           sensitivity, current->revision + 1, FALSE,
                                           body, now, now, error))
        return FALSE;
    }
  else if (!lia_store_write_local_revision (self, kept->uuid, kept->record_type, current->operation,
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

  if (!resolve_in_transaction (self, id, choice, NULL, error))
    {
      lia_store_rollback (self);
      return FALSE;
    }

  return lia_store_commit (self, error);
}

/* Returns: (transfer full) (nullable): @side's body as a JSON object */
static JsonObject *
parse_body (const LiaSyncChange *side)
{
  g_autoptr(JsonNode) node = NULL;

  if (side->tombstone || side->body == NULL ||
      !(node = json_from_string (side->body, NULL)) || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return json_object_ref (json_node_get_object (node));
}

static gboolean
field_differs (JsonObject *mine,
               JsonObject *theirs,
               const char *name)
{
  JsonNode *a = json_object_get_member (mine, name);
  JsonNode *b = json_object_get_member (theirs, name);

  if (a == NULL || b == NULL)
    return a != b;

  return !json_node_equal (a, b);
}

/**
 * lia_conflict_dup_differing_fields:
 *
 * Returns: (transfer full): the names of the top-level fields of the
 *   record's body that the two versions do not share, in the order of
 *   mine then theirs; empty if either version deletes the record
 */
char **
lia_conflict_dup_differing_fields (const LiaConflict *conflict)
{
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  JsonObject *sides[2];

  g_return_val_if_fail (conflict != NULL, NULL);

  mine = parse_body (conflict->local);
  theirs = parse_body (conflict->remote);
  if (mine == NULL || theirs == NULL)
    return g_strv_builder_end (names);

  sides[0] = mine;
  sides[1] = theirs;
  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autoptr(GList) members = json_object_get_members (sides[s]);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;

          /* Theirs adds only what mine lacks. */
          if (s == 1 && json_object_has_member (mine, name))
            continue;
          if (field_differs (mine, theirs, name))
            g_strv_builder_add (names, name);
        }
    }

  return g_strv_builder_end (names);
}

/**
 * lia_conflict_merge_bodies:
 * @choices: (element-type utf8 LiaConflictChoice): for each differing field
 *   (lia_conflict_dup_differing_fields()), which version it comes from, as
 *   GINT_TO_POINTER (choice)
 *
 * Makes the body of a merged version: the fields both versions share, and
 * each differing one from the version chosen for it.  Every differing field
 * must be chosen, and only those.
 *
 * Returns: (transfer full): the merged body, or %NULL with @error set
 */
JsonObject *
lia_conflict_merge_bodies (const LiaConflict  *conflict,
                           GHashTable         *choices,
                           GError            **error)
{
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_auto(GStrv) differing = NULL;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (conflict != NULL, NULL);
  g_return_val_if_fail (choices != NULL, NULL);

  mine = parse_body (conflict->local);
  theirs = parse_body (conflict->remote);
  if (mine == NULL || theirs == NULL)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("One version deletes the record, so there are no fields to merge. Keep one version or the other."));
      return NULL;
    }

  differing = lia_conflict_dup_differing_fields (conflict);

  g_hash_table_iter_init (&iter, choices);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_strv_contains ((const char * const *) differing, key))
      {
        g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                     _("“%s” is the same in both versions, or in neither: there is nothing to choose."),
                     (const char *) key);
        return NULL;
      }

  for (guint i = 0; differing[i] != NULL; i++)
    if (!g_hash_table_contains (choices, differing[i]))
      {
        g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                     _("“%s” differs between the versions: choose mine or theirs for it."),
                     differing[i]);
        return NULL;
      }

  /* Mine's order first, then what only theirs has. */
  merged = json_object_new ();
  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(GList) members = json_object_get_members (s == 0 ? mine : theirs);

      for (const GList *l = members; l != NULL; l = l->next)
        {
          const char *name = l->data;
          JsonObject *from = mine;
          JsonNode *value;

          if (json_object_has_member (merged, name))
            continue;

          if (g_hash_table_contains (choices, name) &&
              GPOINTER_TO_INT (g_hash_table_lookup (choices, name)) == LIA_CONFLICT_KEEP_THEIRS)
            from = theirs;

          if ((value = json_object_get_member (from, name)) != NULL)
            json_object_set_member (merged, name, json_node_copy (value));
        }
    }

  return g_steal_pointer (&merged);
}

/**
 * lia_store_resolve_conflict_merged:
 * @merged_body: the record's body as the person merged it, such as from
 *   lia_conflict_merge_bodies()
 *
 * Resolves conflict @id with a new revision holding @merged_body, at the
 * higher sensitivity of the two versions; sync sends it to HQ, where it
 * wins over both.
 */
gboolean
lia_store_resolve_conflict_merged (LiaStore    *self,
                                   gint64       id,
                                   JsonObject  *merged_body,
                                   GError     **error)
{
  g_return_val_if_fail (LIA_IS_STORE (self), FALSE);
  g_return_val_if_fail (merged_body != NULL, FALSE);

  if (!lia_store_begin (self, error))
    return FALSE;

  if (!resolve_in_transaction (self, id, LIA_CONFLICT_KEEP_MINE, merged_body, error))
    {
      lia_store_rollback (self);
      return FALSE;
    }

  return lia_store_commit (self, error);
}
