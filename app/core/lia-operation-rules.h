/* lia-operation-rules.h — how one operation handles humanitarian notification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-record.h"
#include "lia-validation.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_OPERATION_RULES (lia_operation_rules_get_type ())

G_DECLARE_FINAL_TYPE (LiaOperationRules, lia_operation_rules, LIA, OPERATION_RULES, LiaRecord)

/* Defaults from common practice (DOMAIN.md): movements notified 48 h
 * ahead, 24 h when flagged as emergency. */
#define LIA_OPERATION_RULES_DEFAULT_LEAD_HOURS            48
#define LIA_OPERATION_RULES_DEFAULT_EMERGENCY_LEAD_HOURS  24
#define LIA_OPERATION_RULES_DEFAULT_ACK_DEADLINE_HOURS    24
#define LIA_OPERATION_RULES_DEFAULT_RECONFIRM_DAYS        30
#define LIA_OPERATION_RULES_DEFAULT_DUE_SOON_HOURS        24
#define LIA_OPERATION_RULES_DEFAULT_DUPLICATE_METRES      50
#define LIA_OPERATION_RULES_DEFAULT_LINK_KM               5.0
#define LIA_OPERATION_RULES_DEFAULT_LINK_HOURS            6

/* Rules are a synced record, one per operation: HQ and every field device
 * apply the same lead times.  An operation without one gets the defaults
 * (lia_operation_rules_load() never returns NULL). */
LiaOperationRules *lia_operation_rules_new                (const char         *operation);
LiaOperationRules *lia_operation_rules_load               (LiaStore           *store,
                                                           const char         *operation,
                                                           GError            **error);

int         lia_operation_rules_get_lead_hours            (LiaOperationRules  *self);
void        lia_operation_rules_set_lead_hours            (LiaOperationRules  *self,
                                                           int                 hours);
int         lia_operation_rules_get_emergency_lead_hours  (LiaOperationRules  *self);
void        lia_operation_rules_set_emergency_lead_hours  (LiaOperationRules  *self,
                                                           int                 hours);
/* How long a party has to acknowledge after a notification is sent. */
int         lia_operation_rules_get_ack_deadline_hours    (LiaOperationRules  *self);
void        lia_operation_rules_set_ack_deadline_hours    (LiaOperationRules  *self,
                                                           int                 hours);
/* How often an active site is notified again. */
int         lia_operation_rules_get_reconfirm_days        (LiaOperationRules  *self);
void        lia_operation_rules_set_reconfirm_days        (LiaOperationRules  *self,
                                                           int                 days);
/* Movements leaving within this many hours with a party still silent are
 * flagged. */
int         lia_operation_rules_get_due_soon_hours        (LiaOperationRules  *self);
void        lia_operation_rules_set_due_soon_hours        (LiaOperationRules  *self,
                                                           int                 hours);
/* Incident links: notifications within this distance and time. */
double      lia_operation_rules_get_link_km               (LiaOperationRules  *self);
void        lia_operation_rules_set_link_km               (LiaOperationRules  *self,
                                                           double              km);
int         lia_operation_rules_get_link_hours            (LiaOperationRules  *self);
void        lia_operation_rules_set_link_hours            (LiaOperationRules  *self,
                                                           int                 hours);

/* The operation's area, a latitude/longitude box; FALSE if none is set. */
gboolean    lia_operation_rules_get_area                  (LiaOperationRules  *self,
                                                           double             *min_lat,
                                                           double             *min_lon,
                                                           double             *max_lat,
                                                           double             *max_lon);
void        lia_operation_rules_set_area                  (LiaOperationRules  *self,
                                                           double              min_lat,
                                                           double              min_lon,
                                                           double              max_lat,
                                                           double              max_lon);
void        lia_operation_rules_clear_area                (LiaOperationRules  *self);
gboolean    lia_operation_rules_contains                  (LiaOperationRules  *self,
                                                           double              lat,
                                                           double              lon);

/* An IANA id such as "Africa/Khartoum"; "UTC" by default. */
const char *lia_operation_rules_get_time_zone_id          (LiaOperationRules  *self);
gboolean    lia_operation_rules_set_time_zone_id          (LiaOperationRules  *self,
                                                           const char         *id,
                                                           GError            **error);
GTimeZone  *lia_operation_rules_get_time_zone             (LiaOperationRules  *self);

/* "2026-11-30 08:00 (UTC+03:00)": @time in the operation's time zone with
 * its offset, as printed, validated and shown everywhere. */
char       *lia_operation_rules_format_time               (LiaOperationRules  *self,
                                                           GDateTime          *time);

/* Reads the members present in @object (the body format), naming each
 * wrong one in @issues; others keep their values. */
void        lia_operation_rules_update_from_json          (LiaOperationRules  *self,
                                                           JsonObject         *object,
                                                           GPtrArray          *issues);

/* Issues with the rules themselves (negative hours, an empty area…). */
GPtrArray  *lia_operation_rules_validate                  (LiaOperationRules  *self);

G_END_DECLS
