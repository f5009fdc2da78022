/* lia-sync-scheduler.h — when to sync: on connectivity, periodically, with backoff
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-clock.h"
#include "lia-sync-engine.h"

G_BEGIN_DECLS

/* After a failure the next attempt waits RETRY_BASE, doubling with each
 * failure in a row up to RETRY_MAX; after a success, PERIOD.  Each wait is
 * drawn between half and all of that, so that devices knocked offline
 * together do not all come back at the same second. */
#define LIA_SYNC_SCHEDULER_RETRY_BASE (30 * G_TIME_SPAN_SECOND)
#define LIA_SYNC_SCHEDULER_RETRY_MAX  G_TIME_SPAN_HOUR
#define LIA_SYNC_SCHEDULER_PERIOD     (15 * G_TIME_SPAN_MINUTE)

#define LIA_TYPE_SYNC_SCHEDULER (lia_sync_scheduler_get_type ())

G_DECLARE_FINAL_TYPE (LiaSyncScheduler, lia_sync_scheduler, LIA, SYNC_SCHEDULER, GObject)

LiaSyncScheduler *lia_sync_scheduler_new              (LiaSyncEngine    *engine,
                                                       LiaClock         *clock,
                                                       GNetworkMonitor  *monitor);
void              lia_sync_scheduler_start            (LiaSyncScheduler *self);
void              lia_sync_scheduler_stop             (LiaSyncScheduler *self);
void              lia_sync_scheduler_sync_now         (LiaSyncScheduler *self);
gboolean          lia_sync_scheduler_tick             (LiaSyncScheduler *self);
gint64            lia_sync_scheduler_get_next_attempt (LiaSyncScheduler *self);
guint             lia_sync_scheduler_get_failures     (LiaSyncScheduler *self);

G_END_DECLS
