/* lia-actor-types.h — the vocabularies of stakeholder maps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Each value has a stable name (its GEnum nick) that travels in the
 * database, in sync and in exports. */

typedef enum
{
  LIA_ACTOR_TYPE_STATE_FORCES,
  LIA_ACTOR_TYPE_REBEL_GROUP,
  LIA_ACTOR_TYPE_POLITICAL_MILITIA,
  LIA_ACTOR_TYPE_IDENTITY_MILITIA,
  LIA_ACTOR_TYPE_EXTERNAL_FORCES,
  LIA_ACTOR_TYPE_PEACEKEEPING,
  LIA_ACTOR_TYPE_POLICE,
  LIA_ACTOR_TYPE_PRIVATE_SECURITY,
  LIA_ACTOR_TYPE_GOVERNMENT,
  LIA_ACTOR_TYPE_HUMANITARIAN,
  LIA_ACTOR_TYPE_CIVIL_SOCIETY,
  LIA_ACTOR_TYPE_OTHER,
} LiaActorType;

/* Posture towards humanitarian action, from the officer's assessment. */
typedef enum
{
  LIA_ACTOR_POSTURE_UNKNOWN,
  LIA_ACTOR_POSTURE_HOSTILE,
  LIA_ACTOR_POSTURE_RESTRICTIVE,
  LIA_ACTOR_POSTURE_NEUTRAL,
  LIA_ACTOR_POSTURE_ACCEPTING,
  LIA_ACTOR_POSTURE_SUPPORTIVE,
} LiaActorPosture;

/* Ordered: each step is further along the engagement. */
typedef enum
{
  LIA_ENGAGEMENT_NO_CONTACT,
  LIA_ENGAGEMENT_INDIRECT,
  LIA_ENGAGEMENT_CHANNEL_ESTABLISHED,
  LIA_ENGAGEMENT_REGULAR_DIALOGUE,
} LiaEngagement;

typedef enum
{
  LIA_CONFIDENCE_LOW,
  LIA_CONFIDENCE_MEDIUM,
  LIA_CONFIDENCE_HIGH,
} LiaConfidence;

/* Directed: the source commands, supports… the target.  Allied-with and
 * negotiates-with read both ways. */
typedef enum
{
  LIA_RELATIONSHIP_COMMANDS,
  LIA_RELATIONSHIP_ALLIED_WITH,
  LIA_RELATIONSHIP_HOSTILE_TO,
  LIA_RELATIONSHIP_SUPPORTS,
  LIA_RELATIONSHIP_INFLUENCES,
  LIA_RELATIONSHIP_NEGOTIATES_WITH,
  LIA_RELATIONSHIP_LIAISON_CHANNEL,
} LiaRelationshipType;

#define LIA_TYPE_ACTOR_TYPE        (lia_actor_type_get_type ())
#define LIA_TYPE_ACTOR_POSTURE     (lia_actor_posture_get_type ())
#define LIA_TYPE_ENGAGEMENT        (lia_engagement_get_type ())
#define LIA_TYPE_CONFIDENCE        (lia_confidence_get_type ())
#define LIA_TYPE_RELATIONSHIP_TYPE (lia_relationship_type_get_type ())

GType        lia_actor_type_get_type           (void) G_GNUC_CONST;
GType        lia_actor_posture_get_type        (void) G_GNUC_CONST;
GType        lia_engagement_get_type           (void) G_GNUC_CONST;
GType        lia_confidence_get_type           (void) G_GNUC_CONST;
GType        lia_relationship_type_get_type    (void) G_GNUC_CONST;

/* The stable name of @value in enum @type, or NULL if out of range. */
const char  *lia_enum_to_string                (GType                enum_type,
                                                int                  value);
gboolean     lia_enum_from_string              (GType                enum_type,
                                                const char          *str,
                                                int                 *value);

const char  *lia_actor_type_get_label          (LiaActorType         type);
int          lia_actor_type_get_acled_inter    (LiaActorType         type);
gboolean     lia_actor_type_from_acled_inter   (int                  inter,
                                                LiaActorType        *type);
const char  *lia_actor_type_get_hxl_tag        (LiaActorType         type);
const char  *lia_actor_posture_get_label       (LiaActorPosture      posture);
const char  *lia_engagement_get_label          (LiaEngagement        engagement);
const char  *lia_confidence_get_label          (LiaConfidence        confidence);
const char  *lia_relationship_type_get_label   (LiaRelationshipType  type);
gboolean     lia_relationship_type_is_mutual   (LiaRelationshipType  type);

/* Dates of stakeholder maps are calendar days, written YYYY-MM-DD. */
gboolean     lia_date_parse_iso                (const char          *str,
                                                GDate               *date);
char        *lia_date_format_iso               (const GDate         *date);

G_END_DECLS
