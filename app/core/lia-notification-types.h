/* lia-notification-types.h — the vocabularies of humanitarian notification
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "lia-record.h"

G_BEGIN_DECLS

/* Each value has a stable name (its GEnum nick) that travels in the
 * database, in sync and in exports; lia_enum_to_string() and
 * lia_enum_from_string() convert. */

typedef enum
{
  LIA_FACILITY_OFFICE,
  LIA_FACILITY_WAREHOUSE,
  LIA_FACILITY_HEALTH,
  LIA_FACILITY_EDUCATION,
  LIA_FACILITY_WATER,
  LIA_FACILITY_POWER,
  LIA_FACILITY_RESIDENCE,
  LIA_FACILITY_DISTRIBUTION,
  LIA_FACILITY_SHELTER,
  LIA_FACILITY_OTHER,
} LiaFacilityType;

/* The submitting organisation's part in the site. */
typedef enum
{
  LIA_INVOLVEMENT_ADMINISTERED,
  LIA_INVOLVEMENT_SUPPORTED,
  LIA_INVOLVEMENT_OPERATED,
} LiaInvolvement;

typedef enum
{
  LIA_SITE_STATUS_DRAFT,
  LIA_SITE_STATUS_ACTIVE,
  LIA_SITE_STATUS_REMOVED,
} LiaSiteStatus;

typedef enum
{
  LIA_MOVEMENT_STAFF,
  LIA_MOVEMENT_FOOD,
  LIA_MOVEMENT_NON_FOOD,
  LIA_MOVEMENT_CARGO,
  LIA_MOVEMENT_MEDICAL_EVACUATION,
  LIA_MOVEMENT_FLIGHT,
} LiaMovementType;

typedef enum
{
  LIA_MOVEMENT_STATUS_DRAFT,
  LIA_MOVEMENT_STATUS_NOTIFIED,
  LIA_MOVEMENT_STATUS_UNDER_WAY,
  LIA_MOVEMENT_STATUS_COMPLETED,
  LIA_MOVEMENT_STATUS_CANCELLED,
} LiaMovementStatus;

/* Sent and correction start a wait for the party's acknowledgement;
 * acknowledged and no-acknowledgement end it. */
typedef enum
{
  LIA_TRANSMISSION_SENT,
  LIA_TRANSMISSION_ACKNOWLEDGED,
  LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT,
  LIA_TRANSMISSION_CORRECTION,
} LiaTransmissionKind;

typedef enum
{
  LIA_CHANNEL_EMAIL,
  LIA_CHANNEL_PHONE,
  LIA_CHANNEL_MESSAGING,
  LIA_CHANNEL_LIAISON_MEETING,
  LIA_CHANNEL_HAND_DELIVERY,
} LiaChannel;

typedef enum
{
  LIA_INCIDENT_STRIKE,
  LIA_INCIDENT_SHELLING,
  LIA_INCIDENT_DETENTION,
  LIA_INCIDENT_OBSTRUCTION,
  LIA_INCIDENT_LOOTING,
  LIA_INCIDENT_THREAT,
  LIA_INCIDENT_OTHER,
} LiaIncidentType;

typedef enum
{
  LIA_DAMAGE_NONE,
  LIA_DAMAGE_LIGHT,
  LIA_DAMAGE_MODERATE,
  LIA_DAMAGE_SEVERE,
  LIA_DAMAGE_DESTROYED,
} LiaDamageLevel;

#define LIA_TYPE_FACILITY_TYPE      (lia_facility_type_get_type ())
#define LIA_TYPE_INVOLVEMENT        (lia_involvement_get_type ())
#define LIA_TYPE_SITE_STATUS        (lia_site_status_get_type ())
#define LIA_TYPE_MOVEMENT_TYPE      (lia_movement_type_get_type ())
#define LIA_TYPE_MOVEMENT_STATUS    (lia_movement_status_get_type ())
#define LIA_TYPE_TRANSMISSION_KIND  (lia_transmission_kind_get_type ())
#define LIA_TYPE_CHANNEL            (lia_channel_get_type ())
#define LIA_TYPE_INCIDENT_TYPE      (lia_incident_type_get_type ())
#define LIA_TYPE_DAMAGE_LEVEL       (lia_damage_level_get_type ())

GType lia_facility_type_get_type     (void) G_GNUC_CONST;
GType lia_involvement_get_type       (void) G_GNUC_CONST;
GType lia_site_status_get_type       (void) G_GNUC_CONST;
GType lia_movement_type_get_type     (void) G_GNUC_CONST;
GType lia_movement_status_get_type   (void) G_GNUC_CONST;
GType lia_transmission_kind_get_type (void) G_GNUC_CONST;
GType lia_channel_get_type           (void) G_GNUC_CONST;
GType lia_incident_type_get_type     (void) G_GNUC_CONST;
GType lia_damage_level_get_type      (void) G_GNUC_CONST;

/* A value's label in the interface language. */
const char *lia_notify_enum_get_label     (GType        enum_type,
                                           int          value);
/* A value's or a field's label in @lang (en, fr or ar; anything else is
 * English), whatever the interface language: a package handed to a party
 * is printed in the party's language.  Field keys are the records' JSON
 * paths ("organisation", "departure.start", "casualties.staff.killed"…);
 * an unknown key comes back as it is. */
const char *lia_notify_enum_get_label_in  (GType        enum_type,
                                           int          value,
                                           const char  *lang);
const char *lia_notify_field_get_label_in (const char  *field,
                                           const char  *lang);
gboolean    lia_notify_lang_is_rtl        (const char  *lang);

/* A named point, WGS84 decimal degrees; @name may be NULL. */
typedef struct
{
  char   *name;
  double  lat;
  double  lon;
} LiaNotifyPoint;

void        lia_notify_point_clear        (LiaNotifyPoint       *point);
void        lia_notify_point_copy         (const LiaNotifyPoint *src,
                                           LiaNotifyPoint       *dest);

/* How a site or movement notification is named in lists and messages:
 * the site's name, or "origin → destination". */
char       *lia_notification_dup_title    (LiaRecord            *notification);

/* Great-circle distance in kilometres (haversine, mean Earth radius). */
double      lia_geo_distance_km           (double lat1,
                                           double lon1,
                                           double lat2,
                                           double lon2);
/* Distance from a point to the polyline through @points, in km. */
double      lia_geo_distance_to_route_km  (double                lat,
                                           double                lon,
                                           const LiaNotifyPoint *points,
                                           guint                 n_points);

/* Times are stored in UTC as ISO 8601 with a Z; input may carry any
 * offset, and without one is read in @default_tz (UTC if NULL). */
GDateTime  *lia_notify_time_parse         (const char *text,
                                           GTimeZone  *default_tz);
char       *lia_notify_time_format_utc    (GDateTime  *time);

G_END_DECLS
