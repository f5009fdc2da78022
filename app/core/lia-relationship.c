/* lia-relationship.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-actor.h"
#include "lia-error.h"
#include "lia-relationship.h"

struct _LiaRelationship
{
  LiaRecord            parent_instance;

  char                *source_uuid;
  char                *target_uuid;
  LiaRelationshipType  type;
  double               weight;
  GDate                start_date;
  GDate                end_date;
  char                *source;
  LiaConfidence        confidence;
  guint                event_count;
  GDate                first_event;
  GDate                last_event;
};

G_DEFINE_FINAL_TYPE (LiaRelationship, lia_relationship, LIA_TYPE_RECORD)

static void
set_date (GDate       *slot,
          const GDate *date)
{
  if (date != NULL && g_date_valid (date))
    *slot = *date;
  else
    g_date_clear (slot, 1);
}

static const GDate *
get_date (const GDate *slot)
{
  return g_date_valid (slot) ? slot : NULL;
}

static void
add_date_member (JsonBuilder *builder,
                 const char  *name,
                 const GDate *date)
{
  g_autofree char *iso = lia_date_format_iso (date);

  if (iso == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, iso);
}

static void
get_date_member (JsonObject *body,
                 const char *name,
                 GDate      *slot)
{
  g_date_clear (slot, 1);
  lia_date_parse_iso (json_object_get_string_member_with_default (body, name, NULL), slot);
}

static void
lia_relationship_serialize (LiaRecord   *record,
                            JsonBuilder *builder)
{
  LiaRelationship *self = LIA_RELATIONSHIP (record);

  json_builder_set_member_name (builder, "source_actor");
  json_builder_add_string_value (builder, self->source_uuid);
  json_builder_set_member_name (builder, "target_actor");
  json_builder_add_string_value (builder, self->target_uuid);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, lia_enum_to_string (LIA_TYPE_RELATIONSHIP_TYPE, self->type));
  json_builder_set_member_name (builder, "weight");
  json_builder_add_double_value (builder, self->weight);
  add_date_member (builder, "start", &self->start_date);
  add_date_member (builder, "end", &self->end_date);
  if (self->source != NULL)
    {
      json_builder_set_member_name (builder, "source");
      json_builder_add_string_value (builder, self->source);
    }
  json_builder_set_member_name (builder, "confidence");
  json_builder_add_string_value (builder, lia_enum_to_string (LIA_TYPE_CONFIDENCE, self->confidence));
  if (self->event_count > 0)
    {
      json_builder_set_member_name (builder, "event_count");
      json_builder_add_int_value (builder, self->event_count);
      add_date_member (builder, "first_event", &self->first_event);
      add_date_member (builder, "last_event", &self->last_event);
    }
}

static gboolean
lia_relationship_deserialize (LiaRecord   *record,
                              JsonObject  *body,
                              GError     **error)
{
  LiaRelationship *self = LIA_RELATIONSHIP (record);
  int value;

  lia_relationship_set_source_uuid (self, json_object_get_string_member_with_default (body, "source_actor", NULL));
  lia_relationship_set_target_uuid (self, json_object_get_string_member_with_default (body, "target_actor", NULL));

  /* A type from a newer Liaison reads as the loosest link there is. */
  if (!lia_enum_from_string (LIA_TYPE_RELATIONSHIP_TYPE,
                             json_object_get_string_member_with_default (body, "type", NULL), &value))
    value = LIA_RELATIONSHIP_INFLUENCES;
  self->type = value;

  self->weight = json_object_get_double_member_with_default (body, "weight", LIA_RELATIONSHIP_DEFAULT_WEIGHT);
  get_date_member (body, "start", &self->start_date);
  get_date_member (body, "end", &self->end_date);
  lia_relationship_set_source (self, json_object_get_string_member_with_default (body, "source", NULL));

  if (!lia_enum_from_string (LIA_TYPE_CONFIDENCE,
                             json_object_get_string_member_with_default (body, "confidence", NULL), &value))
    value = LIA_CONFIDENCE_MEDIUM;
  self->confidence = value;

  self->event_count = CLAMP (json_object_get_int_member_with_default (body, "event_count", 0), 0, G_MAXUINT);
  get_date_member (body, "first_event", &self->first_event);
  get_date_member (body, "last_event", &self->last_event);

  return TRUE;
}

static void
lia_relationship_finalize (GObject *object)
{
  LiaRelationship *self = (LiaRelationship *)object;

  g_clear_pointer (&self->source_uuid, g_free);
  g_clear_pointer (&self->target_uuid, g_free);
  g_clear_pointer (&self->source, g_free);

  G_OBJECT_CLASS (lia_relationship_parent_class)->finalize (object);
}

static void
lia_relationship_class_init (LiaRelationshipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_relationship_finalize;

  record_class->record_type = "relationship";
  record_class->serialize = lia_relationship_serialize;
  record_class->deserialize = lia_relationship_deserialize;
}

static void
lia_relationship_init (LiaRelationship *self)
{
  self->type = LIA_RELATIONSHIP_INFLUENCES;
  self->weight = LIA_RELATIONSHIP_DEFAULT_WEIGHT;
  self->confidence = LIA_CONFIDENCE_MEDIUM;
  g_date_clear (&self->start_date, 1);
  g_date_clear (&self->end_date, 1);
  g_date_clear (&self->first_event, 1);
  g_date_clear (&self->last_event, 1);
}

LiaRelationship *
lia_relationship_new (const char          *operation,
                      const char          *source_uuid,
                      const char          *target_uuid,
                      LiaRelationshipType  type)
{
  LiaRelationship *self = g_object_new (LIA_TYPE_RELATIONSHIP, "operation", operation, NULL);

  lia_relationship_set_source_uuid (self, source_uuid);
  lia_relationship_set_target_uuid (self, target_uuid);
  lia_relationship_set_relationship_type (self, type);

  return self;
}

const char *
lia_relationship_get_source_uuid (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return self->source_uuid;
}

void
lia_relationship_set_source_uuid (LiaRelationship *self,
                                  const char      *uuid)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  g_free (self->source_uuid);
  self->source_uuid = g_strdup (uuid);
}

const char *
lia_relationship_get_target_uuid (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return self->target_uuid;
}

void
lia_relationship_set_target_uuid (LiaRelationship *self,
                                  const char      *uuid)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  g_free (self->target_uuid);
  self->target_uuid = g_strdup (uuid);
}

LiaRelationshipType
lia_relationship_get_relationship_type (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), LIA_RELATIONSHIP_INFLUENCES);

  return self->type;
}

void
lia_relationship_set_relationship_type (LiaRelationship     *self,
                                        LiaRelationshipType  type)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));
  g_return_if_fail (type <= LIA_RELATIONSHIP_LIAISON_CHANNEL);

  self->type = type;
}

double
lia_relationship_get_weight (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), 0.0);

  return self->weight;
}

/* Out-of-range weights are kept so that validation can name them. */
void
lia_relationship_set_weight (LiaRelationship *self,
                             double           weight)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  self->weight = weight;
}

const GDate *
lia_relationship_get_start_date (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return get_date (&self->start_date);
}

void
lia_relationship_set_start_date (LiaRelationship *self,
                                 const GDate     *date)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  set_date (&self->start_date, date);
}

const GDate *
lia_relationship_get_end_date (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return get_date (&self->end_date);
}

void
lia_relationship_set_end_date (LiaRelationship *self,
                               const GDate     *date)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  set_date (&self->end_date, date);
}

/* Whether the relationship held on @date; open ends reach to any date. */
gboolean
lia_relationship_is_active_on (LiaRelationship *self,
                               const GDate     *date)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  return (!g_date_valid (&self->start_date) || g_date_compare (&self->start_date, date) <= 0) &&
         (!g_date_valid (&self->end_date) || g_date_compare (date, &self->end_date) <= 0);
}

const char *
lia_relationship_get_source (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return self->source;
}

void
lia_relationship_set_source (LiaRelationship *self,
                             const char      *source)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  g_free (self->source);
  self->source = source != NULL && *source != '\0' ? g_strdup (source) : NULL;
}

LiaConfidence
lia_relationship_get_confidence (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), LIA_CONFIDENCE_MEDIUM);

  return self->confidence;
}

void
lia_relationship_set_confidence (LiaRelationship *self,
                                 LiaConfidence    confidence)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));
  g_return_if_fail (confidence <= LIA_CONFIDENCE_HIGH);

  self->confidence = confidence;
}

guint
lia_relationship_get_event_count (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), 0);

  return self->event_count;
}

const GDate *
lia_relationship_get_first_event (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return get_date (&self->first_event);
}

const GDate *
lia_relationship_get_last_event (LiaRelationship *self)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), NULL);

  return get_date (&self->last_event);
}

void
lia_relationship_set_evidence (LiaRelationship *self,
                               guint            event_count,
                               const GDate     *first_event,
                               const GDate     *last_event)
{
  g_return_if_fail (LIA_IS_RELATIONSHIP (self));

  self->event_count = event_count;
  set_date (&self->first_event, first_event);
  set_date (&self->last_event, last_event);
}

/* Checks that @uuid names a live actor; @role says which end it is. */
static gboolean
check_actor (LiaStore    *store,
             const char  *uuid,
             const char  *role,
             GError     **error)
{
  g_autoptr(LiaRecord) record = NULL;

  if (uuid == NULL || *uuid == '\0')
    {
      /* Translators: %s is “source” or “target” as translated */
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("Choose the %s actor of the relationship."), role);
      return FALSE;
    }

  record = lia_store_load (store, uuid, NULL);
  if (record == NULL || !LIA_IS_ACTOR (record))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The %s actor of the relationship (%s) does not exist; choose an actor from the map."),
                   role, uuid);
      return FALSE;
    }

  if (lia_record_get_tombstone (record))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The %s actor of the relationship was deleted; restore it or choose another actor."),
                   role);
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_relationship_validate:
 * @store: (nullable): where both actors must exist; %NULL checks the
 *   relationship alone
 */
gboolean
lia_relationship_validate (LiaRelationship  *self,
                           LiaStore         *store,
                           GError          **error)
{
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (self), FALSE);
  g_return_val_if_fail (store == NULL || LIA_IS_STORE (store), FALSE);

  if (self->source_uuid != NULL && g_strcmp0 (self->source_uuid, self->target_uuid) == 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("A relationship must link two different actors."));
      return FALSE;
    }

  if (!(self->weight >= 0.0 && self->weight <= 1.0))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("Weight %g is out of range; use 0 (none) to 1 (strongest), or a 1–5 score divided by 5."),
                   self->weight);
      return FALSE;
    }

  if (g_date_valid (&self->start_date) && g_date_valid (&self->end_date) &&
      g_date_compare (&self->end_date, &self->start_date) < 0)
    {
      g_autofree char *start = lia_date_format_iso (&self->start_date);
      g_autofree char *end = lia_date_format_iso (&self->end_date);

      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The relationship ends (%s) before it starts (%s); check the dates."), end, start);
      return FALSE;
    }

  if (store != NULL &&
      (!check_actor (store, self->source_uuid, C_("relationship end", "source"), error) ||
       !check_actor (store, self->target_uuid, C_("relationship end", "target"), error)))
    return FALSE;

  return TRUE;
}
