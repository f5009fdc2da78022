/* lia-store-sync.h — the field store's side of sync with HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

gboolean    lia_store_get_sync_checkpoint (LiaStore             *self,
                                           LiaSyncCheckpoint    *checkpoint,
                                           GError              **error);
GPtrArray  *lia_store_next_batch          (LiaStore             *self,
                                           gint64               *batch_seq,
                                           GError              **error);
gboolean    lia_store_ack_batch           (LiaStore             *self,
                                           gint64                batch_seq,
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

G_END_DECLS
