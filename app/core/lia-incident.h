/* lia-incident.h — an attack, detention or obstruction affecting humanitarians
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

#define LIA_TYPE_INCIDENT (lia_incident_get_type ())

G_DECLARE_FINAL_TYPE (LiaIncident, lia_incident, LIA, INCIDENT, LiaRecord)

typedef enum
{
  LIA_CASUALTY_KILLED,
  LIA_CASUALTY_INJURED,
  LIA_CASUALTY_MISSING,
} LiaCasualtyOutcome;

typedef enum
{
  LIA_CASUALTY_STAFF,
  LIA_CASUALTY_CIVILIANS,
} LiaCasualtyGroup;

/* Incident details are confidential unless the officer says otherwise. */
LiaIncident      *lia_incident_new                 (const char          *operation);
/* As lia_site_notification_new_from_json(). */
LiaIncident      *lia_incident_new_from_json       (const char          *operation,
                                                    JsonObject          *object,
                                                    gboolean             repaired_utf8,
                                                    GPtrArray           *issues);

LiaIncidentType   lia_incident_get_incident_type   (LiaIncident         *self);
void              lia_incident_set_incident_type   (LiaIncident         *self,
                                                    LiaIncidentType      type);
GDateTime        *lia_incident_get_at              (LiaIncident         *self);
void              lia_incident_set_at              (LiaIncident         *self,
                                                    GDateTime           *at);
const LiaNotifyPoint *lia_incident_get_location    (LiaIncident         *self);
void              lia_incident_set_location        (LiaIncident         *self,
                                                    const char          *name,
                                                    double               lat,
                                                    double               lon);
const char       *lia_incident_get_description     (LiaIncident         *self);
void              lia_incident_set_description     (LiaIncident         *self,
                                                    const char          *description);
int               lia_incident_get_casualties      (LiaIncident         *self,
                                                    LiaCasualtyGroup     group,
                                                    LiaCasualtyOutcome   outcome);
void              lia_incident_set_casualties      (LiaIncident         *self,
                                                    LiaCasualtyGroup     group,
                                                    LiaCasualtyOutcome   outcome,
                                                    int                  count);
LiaDamageLevel    lia_incident_get_damage_level    (LiaIncident         *self);
void              lia_incident_set_damage_level    (LiaIncident         *self,
                                                    LiaDamageLevel       level);
const char       *lia_incident_get_damage_description (LiaIncident      *self);
void              lia_incident_set_damage_description (LiaIncident      *self,
                                                    const char          *description);
/* UUIDs of the site and movement notifications the incident concerns. */
const char * const *lia_incident_get_linked_notifications (LiaIncident  *self);
void              lia_incident_set_linked_notifications (LiaIncident    *self,
                                                    const char * const  *uuids);
void              lia_incident_link_notification   (LiaIncident         *self,
                                                    const char          *uuid);

GPtrArray        *lia_incident_validate            (LiaIncident         *self,
                                                    LiaStore            *store);

/* A notification the incident may concern, found by place and time. */
typedef struct
{
  char   *notification_uuid;
  char   *record_type;     /* "site-notification" or "movement-notification" */
  char   *title;           /* the site's name, or "origin → destination" */
  double  distance_km;     /* to the site, or to the nearest leg of the route */
  char   *explanation;     /* "This site was notified to A and B; A acknowledged on …" */
} LiaIncidentLink;

void              lia_incident_link_free           (LiaIncidentLink     *link);
/* (element-type LiaIncidentLink): sites within the operation's link
 * distance that were active at the time of the incident, and movements
 * whose route passes that close during their windows (widened by the
 * rules' link hours), nearest first.  Draft, removed-before and cancelled
 * notifications are left out. */
GPtrArray        *lia_incident_suggest_links       (LiaStore            *store,
                                                    LiaIncident         *incident,
                                                    GError             **error);

/* A factual paragraph for advocacy in @lang (en, fr, ar): what happened,
 * where and when (operation time), casualties, damage, and for each linked
 * notification to whom it was notified and who acknowledged it. */
char             *lia_incident_format_summary      (LiaIncident         *self,
                                                    LiaStore            *store,
                                                    const char          *lang,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaIncidentLink, lia_incident_link_free)

G_END_DECLS
