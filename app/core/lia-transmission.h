/* lia-transmission.h — one entry of a notification's log with one party
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-notification-types.h"
#include "lia-record.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_TRANSMISSION (lia_transmission_get_type ())

G_DECLARE_FINAL_TYPE (LiaTransmission, lia_transmission, LIA, TRANSMISSION, LiaRecord)

/* Append-only: each entry is a new record, saved once.  LiaStore refuses
 * to save it again or delete it, and sync never reports a conflict on it;
 * a mistake is put right by a correction entry. */
LiaTransmission     *lia_transmission_new                  (const char          *operation,
                                                            const char          *notification_uuid,
                                                            const char          *party_uuid,
                                                            LiaTransmissionKind  kind,
                                                            GDateTime           *at);

const char          *lia_transmission_get_notification_uuid (LiaTransmission    *self);
const char          *lia_transmission_get_party_uuid        (LiaTransmission    *self);
LiaTransmissionKind  lia_transmission_get_kind              (LiaTransmission    *self);
GDateTime           *lia_transmission_get_at                (LiaTransmission    *self);
LiaChannel           lia_transmission_get_channel           (LiaTransmission    *self);
void                 lia_transmission_set_channel           (LiaTransmission    *self,
                                                             LiaChannel          channel);
const char          *lia_transmission_get_reference         (LiaTransmission    *self);
void                 lia_transmission_set_reference         (LiaTransmission    *self,
                                                             const char         *reference);
/* Who recorded the entry: a name or a role. */
const char          *lia_transmission_get_recorded_by       (LiaTransmission    *self);
void                 lia_transmission_set_recorded_by       (LiaTransmission    *self,
                                                             const char         *recorded_by);

/* Entries about @notification_uuid (NULL: all in @operation), oldest
 * first, ties by uuid. */
GPtrArray           *lia_transmission_list_for              (LiaStore           *store,
                                                             const char         *operation,
                                                             const char         *notification_uuid,
                                                             GError            **error);

/* The party's state for one notification, from its log. */
typedef struct
{
  char       *party_uuid;
  GDateTime  *last_sent;           /* latest sent or correction, or NULL */
  GDateTime  *acknowledged;        /* acknowledgement of it, or NULL */
  GDateTime  *no_acknowledgement;  /* recorded silence after it, or NULL */
  char       *reference;
} LiaPartyStatus;

void                 lia_party_status_free                  (LiaPartyStatus     *status);
/* (element-type LiaPartyStatus): one per party in @entries (the log of one
 * notification, oldest first), ordered by party uuid. */
GPtrArray           *lia_transmission_summarize             (GPtrArray          *entries);

GPtrArray           *lia_transmission_validate              (LiaTransmission    *self,
                                                             LiaStore           *store);
/* Validates and saves @self; the first sending of a draft notification
 * also moves it on (a site becomes active, a movement notified), both in
 * one transaction.  Fails with LIA_ERROR_INVALID and the first issue's
 * "field: message". */
gboolean             lia_transmission_record                (LiaTransmission    *self,
                                                             LiaStore           *store,
                                                             GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaPartyStatus, lia_party_status_free)

G_END_DECLS
