/* lia-actor-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "lia-actor-types.h"

G_DEFINE_ENUM_TYPE (LiaActorType, lia_actor_type,
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_STATE_FORCES, "state-forces"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_REBEL_GROUP, "rebel-group"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_POLITICAL_MILITIA, "political-militia"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_IDENTITY_MILITIA, "identity-militia"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_EXTERNAL_FORCES, "external-forces"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_PEACEKEEPING, "peacekeeping"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_POLICE, "police"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_PRIVATE_SECURITY, "private-security"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_GOVERNMENT, "government"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_HUMANITARIAN, "humanitarian"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_CIVIL_SOCIETY, "civil-society"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_TYPE_OTHER, "other"))

G_DEFINE_ENUM_TYPE (LiaActorPosture, lia_actor_posture,
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_POSTURE_UNKNOWN, "unknown"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_POSTURE_HOSTILE, "hostile"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_POSTURE_RESTRICTIVE, "restrictive"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_POSTURE_NEUTRAL, "neutral"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_POSTURE_ACCEPTING, "accepting"),
  G_DEFINE_ENUM_VALUE (LIA_ACTOR_POSTURE_SUPPORTIVE, "supportive"))

G_DEFINE_ENUM_TYPE (LiaEngagement, lia_engagement,
  G_DEFINE_ENUM_VALUE (LIA_ENGAGEMENT_NO_CONTACT, "no-contact"),
  G_DEFINE_ENUM_VALUE (LIA_ENGAGEMENT_INDIRECT, "indirect"),
  G_DEFINE_ENUM_VALUE (LIA_ENGAGEMENT_CHANNEL_ESTABLISHED, "channel-established"),
  G_DEFINE_ENUM_VALUE (LIA_ENGAGEMENT_REGULAR_DIALOGUE, "regular-dialogue"))

G_DEFINE_ENUM_TYPE (LiaConfidence, lia_confidence,
  G_DEFINE_ENUM_VALUE (LIA_CONFIDENCE_LOW, "low"),
  G_DEFINE_ENUM_VALUE (LIA_CONFIDENCE_MEDIUM, "medium"),
  G_DEFINE_ENUM_VALUE (LIA_CONFIDENCE_HIGH, "high"))

G_DEFINE_ENUM_TYPE (LiaRelationshipType, lia_relationship_type,
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_COMMANDS, "commands"),
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_ALLIED_WITH, "allied-with"),
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_HOSTILE_TO, "hostile-to"),
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_SUPPORTS, "supports"),
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_INFLUENCES, "influences"),
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_NEGOTIATES_WITH, "negotiates-with"),
  G_DEFINE_ENUM_VALUE (LIA_RELATIONSHIP_LIAISON_CHANNEL, "liaison-channel"))

const char *
lia_enum_to_string (GType enum_type,
                    int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (enum_type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  /* Nicks are static strings: they outlive the class reference. */
  return enum_value != NULL ? enum_value->value_nick : NULL;
}

gboolean
lia_enum_from_string (GType       enum_type,
                      const char *str,
                      int        *value)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *enum_value;

  g_return_val_if_fail (value != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  klass = g_type_class_ref (enum_type);
  enum_value = g_enum_get_value_by_nick (klass, str);
  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;
  return TRUE;
}

/* ACLED's “inter” codes exist for armed actors only (1–4, 8); 5–7 are
 * rioters, protesters and civilians, which a stakeholder map does not
 * list as actors.  HXL has no vocabulary for actor types, so the tag uses
 * attributes of #org that read plainly. */
static const struct
{
  const char *label;
  int         acled_inter;
  const char *hxl_tag;
} actor_types[] = {
  [LIA_ACTOR_TYPE_STATE_FORCES] = { N_("State forces"), 1, "#org+armed+state" },
  [LIA_ACTOR_TYPE_REBEL_GROUP] = { N_("Rebel group"), 2, "#org+armed+rebel" },
  [LIA_ACTOR_TYPE_POLITICAL_MILITIA] = { N_("Political militia"), 3, "#org+armed+militia+political" },
  [LIA_ACTOR_TYPE_IDENTITY_MILITIA] = { N_("Identity militia"), 4, "#org+armed+militia+identity" },
  [LIA_ACTOR_TYPE_EXTERNAL_FORCES] = { N_("External or foreign forces"), 8, "#org+armed+external" },
  [LIA_ACTOR_TYPE_PEACEKEEPING] = { N_("Peacekeeping"), 0, "#org+peacekeeping" },
  [LIA_ACTOR_TYPE_POLICE] = { N_("Police"), 0, "#org+police" },
  [LIA_ACTOR_TYPE_PRIVATE_SECURITY] = { N_("Private security"), 0, "#org+armed+private" },
  [LIA_ACTOR_TYPE_GOVERNMENT] = { N_("Government"), 0, "#org+govt" },
  [LIA_ACTOR_TYPE_HUMANITARIAN] = { N_("Humanitarian"), 0, "#org+humanitarian" },
  [LIA_ACTOR_TYPE_CIVIL_SOCIETY] = { N_("Civil society"), 0, "#org+civil_society" },
  [LIA_ACTOR_TYPE_OTHER] = { N_("Other"), 0, "#org" },
};

const char *
lia_actor_type_get_label (LiaActorType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (actor_types), NULL);

  return g_dgettext (GETTEXT_PACKAGE, actor_types[type].label);
}

/* Returns: the ACLED inter code, or 0 if ACLED has none for @type */
int
lia_actor_type_get_acled_inter (LiaActorType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (actor_types), 0);

  return actor_types[type].acled_inter;
}

gboolean
lia_actor_type_from_acled_inter (int           inter,
                                 LiaActorType *type)
{
  g_return_val_if_fail (type != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (actor_types); i++)
    {
      if (inter != 0 && actor_types[i].acled_inter == inter)
        {
          *type = (LiaActorType) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
lia_actor_type_get_hxl_tag (LiaActorType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (actor_types), NULL);

  return actor_types[type].hxl_tag;
}

static const char * const posture_labels[] = {
  [LIA_ACTOR_POSTURE_UNKNOWN] = N_("Unknown"),
  [LIA_ACTOR_POSTURE_HOSTILE] = N_("Hostile"),
  [LIA_ACTOR_POSTURE_RESTRICTIVE] = N_("Restrictive"),
  [LIA_ACTOR_POSTURE_NEUTRAL] = N_("Neutral"),
  [LIA_ACTOR_POSTURE_ACCEPTING] = N_("Accepting"),
  [LIA_ACTOR_POSTURE_SUPPORTIVE] = N_("Supportive"),
};

const char *
lia_actor_posture_get_label (LiaActorPosture posture)
{
  g_return_val_if_fail (posture < G_N_ELEMENTS (posture_labels), NULL);

  return g_dgettext (GETTEXT_PACKAGE, posture_labels[posture]);
}

static const char * const engagement_labels[] = {
  [LIA_ENGAGEMENT_NO_CONTACT] = N_("No contact"),
  [LIA_ENGAGEMENT_INDIRECT] = N_("Indirect contact"),
  [LIA_ENGAGEMENT_CHANNEL_ESTABLISHED] = N_("Channel established"),
  [LIA_ENGAGEMENT_REGULAR_DIALOGUE] = N_("Regular dialogue"),
};

const char *
lia_engagement_get_label (LiaEngagement engagement)
{
  g_return_val_if_fail (engagement < G_N_ELEMENTS (engagement_labels), NULL);

  return g_dgettext (GETTEXT_PACKAGE, engagement_labels[engagement]);
}

static const char * const confidence_labels[] = {
  [LIA_CONFIDENCE_LOW] = N_("Low confidence"),
  [LIA_CONFIDENCE_MEDIUM] = N_("Medium confidence"),
  [LIA_CONFIDENCE_HIGH] = N_("High confidence"),
};

const char *
lia_confidence_get_label (LiaConfidence confidence)
{
  g_return_val_if_fail (confidence < G_N_ELEMENTS (confidence_labels), NULL);

  return g_dgettext (GETTEXT_PACKAGE, confidence_labels[confidence]);
}

static const char * const relationship_labels[] = {
  [LIA_RELATIONSHIP_COMMANDS] = N_("Commands"),
  [LIA_RELATIONSHIP_ALLIED_WITH] = N_("Allied with"),
  [LIA_RELATIONSHIP_HOSTILE_TO] = N_("Hostile to"),
  [LIA_RELATIONSHIP_SUPPORTS] = N_("Supports"),
  [LIA_RELATIONSHIP_INFLUENCES] = N_("Influences"),
  [LIA_RELATIONSHIP_NEGOTIATES_WITH] = N_("Negotiates with"),
  [LIA_RELATIONSHIP_LIAISON_CHANNEL] = N_("Liaison channel"),
};

const char *
lia_relationship_type_get_label (LiaRelationshipType type)
{
  g_return_val_if_fail (type < G_N_ELEMENTS (relationship_labels), NULL);

  return g_dgettext (GETTEXT_PACKAGE, relationship_labels[type]);
}

/* Whether the relationship reads the same both ways. */
gboolean
lia_relationship_type_is_mutual (LiaRelationshipType type)
{
  return type == LIA_RELATIONSHIP_ALLIED_WITH || type == LIA_RELATIONSHIP_NEGOTIATES_WITH;
}

/* Sets @date from “YYYY-MM-DD” exactly; leaves it untouched otherwise. */
gboolean
lia_date_parse_iso (const char *str,
                    GDate      *date)
{
  unsigned int year, month, day;
  int consumed = 0;

  g_return_val_if_fail (date != NULL, FALSE);

  if (str == NULL ||
      sscanf (str, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 ||
      consumed != 10 || str[consumed] != '\0' ||
      !g_date_valid_dmy (day, month, year))
    return FALSE;

  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

/* Returns: (transfer full) (nullable): NULL for an unset date */
char *
lia_date_format_iso (const GDate *date)
{
  if (date == NULL || !g_date_valid (date))
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}
