/* lia-store-sync.h — the field store's side of sync with HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lia-store.h"
#include "lia-sync-protocol.h"

G_BEGIN_DECLS

/* Where sync with HQ has got to. */
typedef struct
{
  gint64  pushed_seq;      /* the last change-log entry HQ acknowledged */
  gint64  batch_seq;       /* the number of the last batch made */
  gint64  batch_end_seq;   /* the last change-log entry of the batch in flight; 0: none */
  char   *pull_cursor;     /* nullable: nothing pulled yet */
  char   *last_sync_at;    /* nullable: ISO 8601 of the last complete sync */
  char   *last_error;      /* nullable: why the last sync failed */
} LiaSyncCheckpoint;

void lia_sync_checkpoint_clear (LiaSyncCheckpoint *checkpoint);

GPtrArray *lia_store_list_changes (LiaStore  *self,
                                   gint64     after_seq,
                                   guint      limit,
                                   GError   **error);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LiaSyncCheckpoint, lia_sync_checkpoint_clear)

typedef enum
{
  LIA_APPLY_SKIPPED,    /* already known here, written here, or older than the record */
  LIA_APPLY_APPLIED,    /* the record now is this revision */
  LIA_APPLY_CONFLICT,   /* concurrent with a revision made here: both kept */
} LiaApplyResult;

/* Two concurrent revisions of one record, kept until a person chooses. */
typedef struct
{
  gint64         id;
  gboolean       local_won;     /* which one the record holds meanwhile */
  LiaSyncChange *local;         /* the revision made on this device */
  LiaSyncChange *remote;        /* the one that came from HQ */
  char          *detected_at;
  char          *resolved_at;   /* nullable */
} LiaConflict;

void lia_conflict_free (LiaConflict *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaConflict, lia_conflict_free)

typedef enum
{
  LIA_CONFLICT_KEEP_MINE,
  LIA_CONFLICT_KEEP_THEIRS,
} LiaConflictChoice;

/* A change kept out of the queue: HQ refused it, or it cannot travel.
 * @reason is a code (“forbidden”, “too-large”, “damaged”), @message the
 * sentence for a person. */
typedef struct
{
  gint64  seq;           /* its change-log entry */
  char   *record_uuid;
  char   *record_type;
  gint64  revision;
  char   *reason;
  char   *message;
  char   *refused_at;
} LiaRefusedChange;

void lia_refused_change_free (LiaRefusedChange *refused);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaRefusedChange, lia_refused_change_free)

/* What waits for sync, for one record type. */
typedef struct
{
  char   *record_type;
  gint64  changes;
  gint64  bytes;         /* the JSON the changes carry, before compression */
} LiaPendingCount;

void lia_pending_count_free (LiaPendingCount *count);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaPendingCount, lia_pending_count_free)

/* One sync attempt, as the log keeps it. */
typedef struct
{
  gint64   id;
  char    *started_at;
  char    *finished_at;  /* nullable: still running, or cut off by a crash */
  char    *outcome;      /* “running”, “ok”, “offline”, “refused”, “error”, “cancelled” */
  gint64   pushed;
  gint64   pulled;
  gint64   conflicts;
  gint64   refused;
  gint64   bytes_sent;
  gint64   bytes_received;
  char    *error;        /* nullable */
} LiaSyncLogEntry;

void lia_sync_log_entry_free (LiaSyncLogEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaSyncLogEntry, lia_sync_log_entry_free)

/* How many attempts the sync log keeps. */
#define LIA_SYNC_LOG_KEEP 100

gboolean    lia_store_get_sync_checkpoint (LiaStore             *self,
                                           LiaSyncCheckpoint    *checkpoint,
                                           GError              **error);
GPtrArray  *lia_store_next_batch          (LiaStore             *self,
                                           gint64               *batch_seq,
                                           GError              **error);
gboolean    lia_store_ack_batch           (LiaStore             *self,
                                           gint64                batch_seq,
                                           GError              **error);
gboolean    lia_store_ack_batch_refused   (LiaStore             *self,
                                           gint64                batch_seq,
                                           GPtrArray            *refused,
                                           GError              **error);
gint64      lia_store_shrink_batch        (LiaStore             *self,
                                           gint64                batch_seq,
                                           guint                 n_keep,
                                           GError              **error);
gboolean    lia_store_refuse_change       (LiaStore             *self,
                                           gint64                batch_seq,
                                           gint64                seq,
                                           const char           *reason,
                                           const char           *message,
                                           GError              **error);
GPtrArray  *lia_store_list_refused        (LiaStore             *self,
                                           GError              **error);
gint64      lia_store_count_refused       (LiaStore             *self,
                                           GError              **error);
GPtrArray  *lia_store_list_pending        (LiaStore             *self,
                                           GError              **error);
gint64      lia_store_begin_sync_log      (LiaStore             *self,
                                           GError              **error);
gboolean    lia_store_end_sync_log        (LiaStore             *self,
                                           const LiaSyncLogEntry *entry,
                                           GError              **error);
GPtrArray  *lia_store_list_sync_log       (LiaStore             *self,
                                           guint                 limit,
                                           GError              **error);
gboolean    lia_store_apply_remote        (LiaStore             *self,
                                           const LiaSyncChange  *change,
                                           LiaApplyResult       *result,
                                           GError              **error);
gboolean    lia_store_set_pull_cursor     (LiaStore             *self,
                                           const char           *cursor,
                                           GError              **error);
gboolean    lia_store_forget_pull_cursor  (LiaStore             *self,
                                           GError              **error);
gboolean    lia_store_record_sync_result  (LiaStore             *self,
                                           const char           *error_message,
                                           GError              **error);
GPtrArray  *lia_store_list_conflicts      (LiaStore             *self,
                                           GError              **error);
gint64      lia_store_count_conflicts     (LiaStore             *self,
                                           GError              **error);
gboolean    lia_store_resolve_conflict    (LiaStore             *self,
                                           gint64                id,
                                           LiaConflictChoice     choice,
                                           GError              **error);
char      **lia_conflict_dup_differing_fields (const LiaConflict *conflict);
JsonObject *lia_conflict_merge_bodies     (const LiaConflict    *conflict,
                                           GHashTable           *choices,
                                           GError              **error);
gboolean    lia_store_resolve_conflict_merged (LiaStore         *self,
                                           gint64                id,
                                           JsonObject           *merged_body,
                                           GError              **error);

G_END_DECLS
