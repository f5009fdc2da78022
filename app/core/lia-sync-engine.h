/* lia-sync-engine.h — enrolment with HQ and one sync: push, then pull
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-sensitivity.h"
#include "lia-store.h"
#include "lia-sync-transport.h"

G_BEGIN_DECLS

typedef enum
{
  LIA_SYNC_STATE_IDLE,
  LIA_SYNC_STATE_SYNCING,
  LIA_SYNC_STATE_OFFLINE,   /* the last attempt could not reach HQ */
  LIA_SYNC_STATE_ERROR,     /* the last attempt failed otherwise: see last-error */
  LIA_SYNC_STATE_REFUSED,   /* HQ refused this device (revoked, expired, other
                             * operation): nothing more until it enrols again */
} LiaSyncState;

#define LIA_TYPE_SYNC_STATE (lia_sync_state_get_type ())
GType lia_sync_state_get_type (void) G_GNUC_CONST;

/* Where a running sync has got to. */
typedef enum
{
  LIA_SYNC_PHASE_NONE,
  LIA_SYNC_PHASE_PUSH,     /* sending: @done of @total changes */
  LIA_SYNC_PHASE_PULL,     /* receiving: @done pages, @total unknown (0) */
} LiaSyncPhase;

#define LIA_TYPE_SYNC_PHASE (lia_sync_phase_get_type ())
GType lia_sync_phase_get_type (void) G_GNUC_CONST;

typedef struct
{
  LiaSyncPhase phase;
  guint64      done;
  guint64      total;      /* 0: not known */
  guint        batches;    /* sent so far in this sync */
  guint        pages;      /* pulled so far in this sync */
} LiaSyncProgress;

/* What one sync did, and what it cost on the link. */
typedef struct
{
  guint   pushed;          /* changes HQ acknowledged */
  guint   refused;         /* changes HQ refused, or too large for it: kept here */
  guint   pulled;          /* revisions from HQ that changed a record here */
  guint   conflicts;       /* concurrent edits found, both kept */
  guint   batches;
  guint   pages;
  guint   requests;
  guint   connections;    /* opened anew; 0 when the last sync's was reused */
  guint64 bytes_sent;
  guint64 bytes_received;
} LiaSyncStats;

/* The enrolment of this device, as HQ gave it. */
typedef struct
{
  char           *hq_url;
  char           *device_id;
  char           *device_name;
  char           *operation;
  LiaSensitivity  clearance;
} LiaSyncEnrolment;

void lia_sync_enrolment_free (LiaSyncEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaSyncEnrolment, lia_sync_enrolment_free)

#define LIA_TYPE_SYNC_ENGINE (lia_sync_engine_get_type ())

G_DECLARE_FINAL_TYPE (LiaSyncEngine, lia_sync_engine, LIA, SYNC_ENGINE, GObject)

LiaSyncEngine    *lia_sync_engine_new             (LiaStore          *store);
LiaStore         *lia_sync_engine_get_store       (LiaSyncEngine     *self);
LiaSyncState      lia_sync_engine_get_state       (LiaSyncEngine     *self);
gint64            lia_sync_engine_get_pending     (LiaSyncEngine     *self);
gint64            lia_sync_engine_get_conflicts   (LiaSyncEngine     *self);
GDateTime        *lia_sync_engine_get_last_sync   (LiaSyncEngine     *self);
const char       *lia_sync_engine_get_last_error  (LiaSyncEngine     *self);
gboolean          lia_sync_engine_get_enrolled    (LiaSyncEngine     *self);
gboolean          lia_sync_engine_store_is_enrolled (LiaStore        *store);
LiaSyncEnrolment *lia_sync_engine_dup_enrolment   (LiaSyncEngine     *self);
gint64            lia_sync_engine_get_refused     (LiaSyncEngine     *self);
void              lia_sync_engine_get_progress    (LiaSyncEngine     *self,
                                                   LiaSyncProgress   *progress);
void              lia_sync_engine_refresh         (LiaSyncEngine     *self);

gboolean          lia_sync_validate_hq_address    (const char        *text,
                                                   GError           **error);

gboolean          lia_sync_engine_check_code      (const char        *code,
                                                   GError           **error);
gboolean          lia_sync_engine_enrol           (LiaSyncEngine     *self,
                                                   const char        *url,
                                                   const char        *code,
                                                   const char        *device_name,
                                                   GError           **error);
gboolean          lia_sync_engine_sync            (LiaSyncEngine     *self,
                                                   const char        *server_url,
                                                   GCancellable      *cancellable,
                                                   LiaSyncStats      *stats,
                                                   GError           **error);
void              lia_sync_engine_sync_async      (LiaSyncEngine     *self,
                                                   const char        *server_url,
                                                   GCancellable      *cancellable,
                                                   GAsyncReadyCallback callback,
                                                   gpointer           user_data);
gboolean          lia_sync_engine_sync_finish     (LiaSyncEngine     *self,
                                                   GAsyncResult      *result,
                                                   LiaSyncStats      *stats,
                                                   GError           **error);

G_END_DECLS
