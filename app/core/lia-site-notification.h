/* lia-site-notification.h — a static humanitarian site notified to the parties
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lia-notification-types.h"
#include "lia-operation-rules.h"
#include "lia-record.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_SITE_NOTIFICATION (lia_site_notification_get_type ())

G_DECLARE_FINAL_TYPE (LiaSiteNotification, lia_site_notification, LIA, SITE_NOTIFICATION, LiaRecord)

/* Two active sites closer than this are most likely one site notified
 * twice. */
#define LIA_SITE_DUPLICATE_METRES 50.0

LiaSiteNotification *lia_site_notification_new               (const char           *operation);
/* Reads the JSON a person or a script wrote (the body format, plus an
 * optional "sensitivity").  Wrong types, unknown values and invalid
 * UTF-8 go to @issues, naming the field; the record is returned anyway so
 * that lia_site_notification_validate() can add the rest. */
LiaSiteNotification *lia_site_notification_new_from_json     (const char           *operation,
                                                              JsonObject           *object,
                                                              gboolean              repaired_utf8,
                                                              GPtrArray            *issues);

const char      *lia_site_notification_get_organisation      (LiaSiteNotification  *self);
void             lia_site_notification_set_organisation      (LiaSiteNotification  *self,
                                                              const char           *organisation);
LiaFacilityType  lia_site_notification_get_facility_type     (LiaSiteNotification  *self);
void             lia_site_notification_set_facility_type     (LiaSiteNotification  *self,
                                                              LiaFacilityType       type);
const char      *lia_site_notification_get_name              (LiaSiteNotification  *self);
void             lia_site_notification_set_name              (LiaSiteNotification  *self,
                                                              const char           *name);
/* WGS84 decimal degrees. */
void             lia_site_notification_get_location          (LiaSiteNotification  *self,
                                                              double               *lat,
                                                              double               *lon);
void             lia_site_notification_set_location          (LiaSiteNotification  *self,
                                                              double                lat,
                                                              double                lon);
const char      *lia_site_notification_get_admin_area        (LiaSiteNotification  *self);
void             lia_site_notification_set_admin_area        (LiaSiteNotification  *self,
                                                              const char           *admin_area);
const char      *lia_site_notification_get_address           (LiaSiteNotification  *self);
void             lia_site_notification_set_address           (LiaSiteNotification  *self,
                                                              const char           *address);
/* The humanitarian function: what happens there ("primary health care"). */
const char      *lia_site_notification_get_function          (LiaSiteNotification  *self);
void             lia_site_notification_set_function          (LiaSiteNotification  *self,
                                                              const char           *function);
LiaInvolvement   lia_site_notification_get_involvement       (LiaSiteNotification  *self);
void             lia_site_notification_set_involvement       (LiaSiteNotification  *self,
                                                              LiaInvolvement        involvement);
int              lia_site_notification_get_persons_present   (LiaSiteNotification  *self);
void             lia_site_notification_set_persons_present   (LiaSiteNotification  *self,
                                                              int                   persons);
const char      *lia_site_notification_get_contact           (LiaSiteNotification  *self);
void             lia_site_notification_set_contact           (LiaSiteNotification  *self,
                                                              const char           *contact);
/* Validity: from is required, until may be NULL (open-ended). */
GDateTime       *lia_site_notification_get_valid_from        (LiaSiteNotification  *self);
void             lia_site_notification_set_valid_from        (LiaSiteNotification  *self,
                                                              GDateTime            *time);
GDateTime       *lia_site_notification_get_valid_until       (LiaSiteNotification  *self);
void             lia_site_notification_set_valid_until       (LiaSiteNotification  *self,
                                                              GDateTime            *time);
/* The notification's reference number, given by OCHA or the organisation. */
const char      *lia_site_notification_get_reference         (LiaSiteNotification  *self);
void             lia_site_notification_set_reference         (LiaSiteNotification  *self,
                                                              const char           *reference);
LiaSiteStatus    lia_site_notification_get_status            (LiaSiteNotification  *self);
/* Whether the site was notified and valid at @time. */
gboolean         lia_site_notification_is_active_at          (LiaSiteNotification  *self,
                                                              GDateTime            *time);

/* Lifecycle: draft → active → removed, or draft → removed.  Anything else
 * fails with LIA_ERROR_INVALID and a sentence saying why. */
gboolean         lia_site_notification_can_transition        (LiaSiteStatus         from,
                                                              LiaSiteStatus         to);
gboolean         lia_site_notification_transition            (LiaSiteNotification  *self,
                                                              LiaSiteStatus         to,
                                                              GError              **error);

/* Every issue with the site: required fields, limits, coordinates, and
 * with @store its neighbours (duplicates) and @rules (area).  @store and
 * @rules may be NULL. */
GPtrArray       *lia_site_notification_validate              (LiaSiteNotification  *self,
                                                              LiaStore             *store,
                                                              LiaOperationRules    *rules);

G_END_DECLS
