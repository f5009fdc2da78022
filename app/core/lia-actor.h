/* lia-actor.h — an armed actor or other stakeholder on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-actor-types.h"
#include "lia-record.h"

G_BEGIN_DECLS

#define LIA_TYPE_ACTOR (lia_actor_get_type ())

G_DECLARE_FINAL_TYPE (LiaActor, lia_actor, LIA, ACTOR, LiaRecord)

#define LIA_ACTOR_INFLUENCE_MAX 10

/* WGS84 decimal degrees. */
typedef struct
{
  double lat;
  double lon;
} LiaGeoPoint;

/* A point where the actor operates; @place names it (an admin area, a
 * town) and may be NULL. */
typedef struct
{
  double  lat;
  double  lon;
  char   *place;
} LiaActorLocation;

/* A focal point or contact channel: @name is a person or a role, @channel
 * how to reach them (phone, radio, email, via intermediary…). */
typedef struct
{
  char           *name;
  char           *channel;
  char           *value;
  LiaSensitivity  sensitivity;
} LiaActorContact;

LiaActor               *lia_actor_new                   (const char          *operation,
                                                         const char          *name,
                                                         LiaActorType         type);

const char             *lia_actor_get_name              (LiaActor            *self);
void                    lia_actor_set_name              (LiaActor            *self,
                                                         const char          *name);
const char * const     *lia_actor_get_aliases           (LiaActor            *self);
void                    lia_actor_set_aliases           (LiaActor            *self,
                                                         const char * const  *aliases);
const char             *lia_actor_get_localized_name    (LiaActor            *self,
                                                         const char          *lang);
void                    lia_actor_set_localized_name    (LiaActor            *self,
                                                         const char          *lang,
                                                         const char          *name);
GStrv                   lia_actor_dup_languages         (LiaActor            *self);
const char             *lia_actor_get_display_name      (LiaActor            *self,
                                                         const char          *lang);
GStrv                   lia_actor_dup_name_keys         (LiaActor            *self);
char                   *lia_actor_normalize_name        (const char          *name);

LiaActorType            lia_actor_get_actor_type        (LiaActor            *self);
void                    lia_actor_set_actor_type        (LiaActor            *self,
                                                         LiaActorType         type);
const char             *lia_actor_get_parent_uuid       (LiaActor            *self);
void                    lia_actor_set_parent_uuid       (LiaActor            *self,
                                                         const char          *parent_uuid);

guint                   lia_actor_get_n_locations       (LiaActor            *self);
const LiaActorLocation *lia_actor_get_location          (LiaActor            *self,
                                                         guint                position);
void                    lia_actor_add_location          (LiaActor            *self,
                                                         double               lat,
                                                         double               lon,
                                                         const char          *place);
void                    lia_actor_clear_locations       (LiaActor            *self);
guint                   lia_actor_get_n_areas           (LiaActor            *self);
const LiaGeoPoint      *lia_actor_get_area              (LiaActor            *self,
                                                         guint                position,
                                                         guint               *n_points);
void                    lia_actor_add_area              (LiaActor            *self,
                                                         const LiaGeoPoint   *ring,
                                                         guint                n_points);

guint                   lia_actor_get_n_contacts        (LiaActor            *self);
const LiaActorContact  *lia_actor_get_contact           (LiaActor            *self,
                                                         guint                position);
void                    lia_actor_add_contact           (LiaActor            *self,
                                                         const char          *name,
                                                         const char          *channel,
                                                         const char          *value);
void                    lia_actor_set_contact_sensitivity (LiaActor          *self,
                                                         guint                position,
                                                         LiaSensitivity       sensitivity);
void                    lia_actor_remove_contact        (LiaActor            *self,
                                                         guint                position);

LiaActorPosture         lia_actor_get_posture           (LiaActor            *self);
void                    lia_actor_set_posture           (LiaActor            *self,
                                                         LiaActorPosture      posture);
LiaEngagement           lia_actor_get_engagement        (LiaActor            *self);
void                    lia_actor_set_engagement        (LiaActor            *self,
                                                         LiaEngagement        engagement);
const char             *lia_actor_get_ihl_notes         (LiaActor            *self);
void                    lia_actor_set_ihl_notes         (LiaActor            *self,
                                                         const char          *notes);
const char             *lia_actor_get_goals             (LiaActor            *self);
void                    lia_actor_set_goals             (LiaActor            *self,
                                                         const char          *goals);
int                     lia_actor_get_influence         (LiaActor            *self);
void                    lia_actor_set_influence         (LiaActor            *self,
                                                         int                  influence);
const char             *lia_actor_get_source            (LiaActor            *self);
void                    lia_actor_set_source            (LiaActor            *self,
                                                         const char          *source);
LiaConfidence           lia_actor_get_confidence        (LiaActor            *self);
void                    lia_actor_set_confidence        (LiaActor            *self,
                                                         LiaConfidence        confidence);
const GDate            *lia_actor_get_last_verified     (LiaActor            *self);
void                    lia_actor_set_last_verified     (LiaActor            *self,
                                                         const GDate         *date);

gboolean                lia_actor_validate              (LiaActor            *self,
                                                         GError             **error);

G_END_DECLS
