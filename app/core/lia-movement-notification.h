/* lia-movement-notification.h — a convoy, staff movement or flight notified to the parties
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

#define LIA_TYPE_MOVEMENT_NOTIFICATION (lia_movement_notification_get_type ())

G_DECLARE_FINAL_TYPE (LiaMovementNotification, lia_movement_notification, LIA, MOVEMENT_NOTIFICATION, LiaRecord)

/* Convoy plans are confidential unless the officer says otherwise. */
LiaMovementNotification *lia_movement_notification_new           (const char              *operation);
/* As lia_site_notification_new_from_json(). */
LiaMovementNotification *lia_movement_notification_new_from_json (const char              *operation,
                                                                  JsonObject              *object,
                                                                  gboolean                 repaired_utf8,
                                                                  GPtrArray               *issues);

const char        *lia_movement_notification_get_organisation     (LiaMovementNotification *self);
void               lia_movement_notification_set_organisation     (LiaMovementNotification *self,
                                                                   const char              *organisation);
LiaMovementType    lia_movement_notification_get_movement_type    (LiaMovementNotification *self);
void               lia_movement_notification_set_movement_type    (LiaMovementNotification *self,
                                                                   LiaMovementType          type);
/* The route: origin, waypoints in order, destination. */
const LiaNotifyPoint *lia_movement_notification_get_origin        (LiaMovementNotification *self);
void               lia_movement_notification_set_origin           (LiaMovementNotification *self,
                                                                   const char              *name,
                                                                   double                   lat,
                                                                   double                   lon);
const LiaNotifyPoint *lia_movement_notification_get_destination   (LiaMovementNotification *self);
void               lia_movement_notification_set_destination      (LiaMovementNotification *self,
                                                                   const char              *name,
                                                                   double                   lat,
                                                                   double                   lon);
guint              lia_movement_notification_get_n_waypoints      (LiaMovementNotification *self);
const LiaNotifyPoint *lia_movement_notification_get_waypoint      (LiaMovementNotification *self,
                                                                   guint                    position);
void               lia_movement_notification_add_waypoint         (LiaMovementNotification *self,
                                                                   const char              *name,
                                                                   double                   lat,
                                                                   double                   lon);
void               lia_movement_notification_clear_waypoints      (LiaMovementNotification *self);
/* Origin, waypoints and destination as one array of n points
 * (transfer container: free the array, not the points). */
LiaNotifyPoint    *lia_movement_notification_dup_route            (LiaMovementNotification *self,
                                                                   guint                   *n_points);

/* Windows: the movement leaves between departure start and end and
 * arrives between arrival start and end, all in UTC. */
GDateTime         *lia_movement_notification_get_departure_start  (LiaMovementNotification *self);
GDateTime         *lia_movement_notification_get_departure_end    (LiaMovementNotification *self);
void               lia_movement_notification_set_departure        (LiaMovementNotification *self,
                                                                   GDateTime               *start,
                                                                   GDateTime               *end);
GDateTime         *lia_movement_notification_get_arrival_start    (LiaMovementNotification *self);
GDateTime         *lia_movement_notification_get_arrival_end      (LiaMovementNotification *self);
void               lia_movement_notification_set_arrival          (LiaMovementNotification *self,
                                                                   GDateTime               *start,
                                                                   GDateTime               *end);

int                lia_movement_notification_get_vehicle_count    (LiaMovementNotification *self);
void               lia_movement_notification_set_vehicle_count    (LiaMovementNotification *self,
                                                                   int                      count);
const char * const *lia_movement_notification_get_plates          (LiaMovementNotification *self);
void               lia_movement_notification_set_plates           (LiaMovementNotification *self,
                                                                   const char * const      *plates);
const char        *lia_movement_notification_get_markings         (LiaMovementNotification *self);
void               lia_movement_notification_set_markings         (LiaMovementNotification *self,
                                                                   const char              *markings);
int                lia_movement_notification_get_persons          (LiaMovementNotification *self);
void               lia_movement_notification_set_persons          (LiaMovementNotification *self,
                                                                   int                      persons);
const char        *lia_movement_notification_get_cargo            (LiaMovementNotification *self);
void               lia_movement_notification_set_cargo            (LiaMovementNotification *self,
                                                                   const char              *cargo);
const char        *lia_movement_notification_get_convoy_leader    (LiaMovementNotification *self);
void               lia_movement_notification_set_convoy_leader    (LiaMovementNotification *self,
                                                                   const char              *contact);
gboolean           lia_movement_notification_get_emergency        (LiaMovementNotification *self);
void               lia_movement_notification_set_emergency        (LiaMovementNotification *self,
                                                                   gboolean                 emergency);
const char        *lia_movement_notification_get_reference        (LiaMovementNotification *self);
void               lia_movement_notification_set_reference        (LiaMovementNotification *self,
                                                                   const char              *reference);
LiaMovementStatus  lia_movement_notification_get_status           (LiaMovementNotification *self);

/* Lifecycle: draft → notified → under way → completed; draft, notified
 * and under way may be cancelled.  Completed and cancelled are final. */
gboolean           lia_movement_notification_can_transition       (LiaMovementStatus        from,
                                                                   LiaMovementStatus        to);
gboolean           lia_movement_notification_transition           (LiaMovementNotification *self,
                                                                   LiaMovementStatus        to,
                                                                   GError                 **error);

/* Every issue: required fields, limits, coordinates, windows, and the lead
 * time before departure from @now (NULL: not checked) under @rules (NULL:
 * the defaults). */
GPtrArray         *lia_movement_notification_validate             (LiaMovementNotification *self,
                                                                   LiaOperationRules       *rules,
                                                                   GDateTime               *now);

G_END_DECLS
