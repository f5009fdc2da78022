/* lia-notification-overdue.h — what the officer must chase today
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"

G_BEGIN_DECLS

typedef enum
{
  /* A party has not acknowledged within the deadline after sending. */
  LIA_OVERDUE_ACKNOWLEDGEMENT,
  /* A movement leaves soon and a party has not acknowledged it yet. */
  LIA_OVERDUE_MOVEMENT_UNACKNOWLEDGED,
  /* An active site was last notified longer ago than the interval. */
  LIA_OVERDUE_RECONFIRMATION,
} LiaOverdueKind;

#define LIA_TYPE_OVERDUE_KIND (lia_overdue_kind_get_type ())
GType lia_overdue_kind_get_type (void) G_GNUC_CONST;

typedef struct
{
  LiaOverdueKind  kind;
  char           *notification_uuid;
  char           *record_type;
  char           *title;            /* site name, or "origin → destination" */
  char           *party_uuid;       /* NULL for a reconfirmation */
  GDateTime      *due;              /* when it fell or falls due, UTC */
  char           *message;          /* a sentence in the interface language */
} LiaOverdueItem;

void       lia_overdue_item_free             (LiaOverdueItem *item);

/* (element-type LiaOverdueItem): everything overdue in @operation at the
 * store's clock, under the operation's rules.  An acknowledgement is
 * overdue once the deadline has passed (at the deadline it is still on
 * time); a site is due for reconfirmation from the moment its interval
 * ends.  Ordered by due time, then kind, notification and party, so the
 * list reads the same on every device. */
GPtrArray *lia_notification_overdue_compute  (LiaStore       *store,
                                              const char     *operation,
                                              GError        **error);
GPtrArray *lia_notification_overdue_compute_at (LiaStore     *store,
                                              const char     *operation,
                                              GDateTime      *now,
                                              GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaOverdueItem, lia_overdue_item_free)

G_END_DECLS
