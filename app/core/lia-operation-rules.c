/* lia-operation-rules.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lia-error.h"
#include "lia-operation-rules.h"
#include "lia-record-fields-private.h"

struct _LiaOperationRules
{
  LiaRecord   parent_instance;

  int         lead_hours;
  int         emergency_lead_hours;
  int         ack_deadline_hours;
  int         reconfirm_days;
  int         due_soon_hours;
  double      link_km;
  int         link_hours;
  double      min_lat, min_lon, max_lat, max_lon;
  char       *time_zone_id;
  GTimeZone  *time_zone;
};

G_DEFINE_FINAL_TYPE (LiaOperationRules, lia_operation_rules, LIA_TYPE_RECORD)

#define HOURS_MAX (30 * 24)
#define FIELD(path, kind, member, required, min, max) \
  { path, kind, G_STRUCT_OFFSET (LiaOperationRules, member), required, min, max, NULL }

static const LiaFieldSpec fields[] = {
  FIELD ("lead_hours", LIA_FIELD_INT, lead_hours, FALSE, 0, HOURS_MAX),
  FIELD ("emergency_lead_hours", LIA_FIELD_INT, emergency_lead_hours, FALSE, 0, HOURS_MAX),
  FIELD ("ack_deadline_hours", LIA_FIELD_INT, ack_deadline_hours, FALSE, 1, HOURS_MAX),
  FIELD ("reconfirm_days", LIA_FIELD_INT, reconfirm_days, FALSE, 1, 366),
  FIELD ("due_soon_hours", LIA_FIELD_INT, due_soon_hours, FALSE, 0, HOURS_MAX),
  FIELD ("link_km", LIA_FIELD_DOUBLE, link_km, FALSE, 0, 500),
  FIELD ("link_hours", LIA_FIELD_INT, link_hours, FALSE, 0, HOURS_MAX),
  FIELD ("area.min_lat", LIA_FIELD_DOUBLE, min_lat, FALSE, -90, 90),
  FIELD ("area.min_lon", LIA_FIELD_DOUBLE, min_lon, FALSE, -180, 180),
  FIELD ("area.max_lat", LIA_FIELD_DOUBLE, max_lat, FALSE, -90, 90),
  FIELD ("area.max_lon", LIA_FIELD_DOUBLE, max_lon, FALSE, -180, 180),
  FIELD ("time_zone", LIA_FIELD_STRING, time_zone_id, FALSE, 0, 100),
};

static void
update_time_zone (LiaOperationRules *self)
{
  g_clear_pointer (&self->time_zone, g_time_zone_unref);
  if (self->time_zone_id != NULL)
    self->time_zone = g_time_zone_new_identifier (self->time_zone_id);
  /* An id this machine does not know (an older tzdata) falls back to UTC
   * rather than to the machine's own zone. */
  if (self->time_zone == NULL)
    self->time_zone = g_time_zone_new_utc ();
}

static void
lia_operation_rules_serialize (LiaRecord   *record,
                               JsonBuilder *builder)
{
  lia_fields_serialize (record, fields, G_N_ELEMENTS (fields), builder);
}

static gboolean
lia_operation_rules_deserialize (LiaRecord   *record,
                                 JsonObject  *body,
                                 GError     **error)
{
  lia_fields_read (record, fields, G_N_ELEMENTS (fields), body, FALSE, NULL);
  update_time_zone (LIA_OPERATION_RULES (record));

  return TRUE;
}

static void
lia_operation_rules_finalize (GObject *object)
{
  LiaOperationRules *self = (LiaOperationRules *)object;

  lia_fields_clear (self, fields, G_N_ELEMENTS (fields));
  g_clear_pointer (&self->time_zone, g_time_zone_unref);

  G_OBJECT_CLASS (lia_operation_rules_parent_class)->finalize (object);
}

static void
lia_operation_rules_class_init (LiaOperationRulesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_operation_rules_finalize;

  record_class->record_type = "operation-rules";
  record_class->serialize = lia_operation_rules_serialize;
  record_class->deserialize = lia_operation_rules_deserialize;
}

static void
lia_operation_rules_init (LiaOperationRules *self)
{
  lia_fields_init (self, fields, G_N_ELEMENTS (fields));
  self->lead_hours = LIA_OPERATION_RULES_DEFAULT_LEAD_HOURS;
  self->emergency_lead_hours = LIA_OPERATION_RULES_DEFAULT_EMERGENCY_LEAD_HOURS;
  self->ack_deadline_hours = LIA_OPERATION_RULES_DEFAULT_ACK_DEADLINE_HOURS;
  self->reconfirm_days = LIA_OPERATION_RULES_DEFAULT_RECONFIRM_DAYS;
  self->due_soon_hours = LIA_OPERATION_RULES_DEFAULT_DUE_SOON_HOURS;
  self->link_km = LIA_OPERATION_RULES_DEFAULT_LINK_KM;
  self->link_hours = LIA_OPERATION_RULES_DEFAULT_LINK_HOURS;
  self->time_zone_id = g_strdup ("UTC");
  update_time_zone (self);
}

LiaOperationRules *
lia_operation_rules_new (const char *operation)
{
  return g_object_new (LIA_TYPE_OPERATION_RULES,
                       "operation", operation,
                       "sensitivity", LIA_SENSITIVITY_RESTRICTED,
                       NULL);
}

/**
 * lia_operation_rules_load:
 *
 * Returns: (transfer full): the rules of @operation, or new default rules
 *   (not yet saved) if it has none; NULL only on a database error
 */
LiaOperationRules *
lia_operation_rules_load (LiaStore    *store,
                          const char  *operation,
                          GError     **error)
{
  g_autoptr(GPtrArray) records = NULL;
  LiaOperationRules *best = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  records = lia_store_list (store, "operation-rules", operation, error);
  if (records == NULL)
    return NULL;

  /* Two devices may each have created rules offline: the oldest record
   * wins everywhere, so all devices apply the same. */
  for (guint i = 0; i < records->len; i++)
    {
      LiaRecord *record = g_ptr_array_index (records, i);

      if (lia_record_get_tombstone (record))
        continue;
      if (best == NULL ||
          g_date_time_compare (lia_record_get_created_at (record), lia_record_get_created_at (LIA_RECORD (best))) < 0 ||
          (g_date_time_equal (lia_record_get_created_at (record), lia_record_get_created_at (LIA_RECORD (best))) &&
           g_strcmp0 (lia_record_get_uuid (record), lia_record_get_uuid (LIA_RECORD (best))) < 0))
        best = LIA_OPERATION_RULES (record);
    }

  if (best != NULL)
    return g_object_ref (best);

  return lia_operation_rules_new (operation);
}

#define GETTER_SETTER(type, name, member) \
  type \
  lia_operation_rules_get_##name (LiaOperationRules *self) \
  { \
    g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), 0); \
    return self->member; \
  } \
  void \
  lia_operation_rules_set_##name (LiaOperationRules *self, \
                                  type               value) \
  { \
    g_return_if_fail (LIA_IS_OPERATION_RULES (self)); \
    self->member = value; \
  }

GETTER_SETTER (int, lead_hours, lead_hours)
GETTER_SETTER (int, emergency_lead_hours, emergency_lead_hours)
GETTER_SETTER (int, ack_deadline_hours, ack_deadline_hours)
GETTER_SETTER (int, reconfirm_days, reconfirm_days)
GETTER_SETTER (int, due_soon_hours, due_soon_hours)
GETTER_SETTER (double, link_km, link_km)
GETTER_SETTER (int, link_hours, link_hours)

gboolean
lia_operation_rules_get_area (LiaOperationRules *self,
                              double            *min_lat,
                              double            *min_lon,
                              double            *max_lat,
                              double            *max_lon)
{
  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), FALSE);

  if (isnan (self->min_lat) || isnan (self->min_lon) || isnan (self->max_lat) || isnan (self->max_lon))
    return FALSE;

  if (min_lat != NULL)
    *min_lat = self->min_lat;
  if (min_lon != NULL)
    *min_lon = self->min_lon;
  if (max_lat != NULL)
    *max_lat = self->max_lat;
  if (max_lon != NULL)
    *max_lon = self->max_lon;

  return TRUE;
}

void
lia_operation_rules_set_area (LiaOperationRules *self,
                              double             min_lat,
                              double             min_lon,
                              double             max_lat,
                              double             max_lon)
{
  g_return_if_fail (LIA_IS_OPERATION_RULES (self));

  self->min_lat = min_lat;
  self->min_lon = min_lon;
  self->max_lat = max_lat;
  self->max_lon = max_lon;
}

void
lia_operation_rules_clear_area (LiaOperationRules *self)
{
  lia_operation_rules_set_area (self, NAN, NAN, NAN, NAN);
}

/* Whether (@lat, @lon) is inside the area; TRUE when no area is set. */
gboolean
lia_operation_rules_contains (LiaOperationRules *self,
                              double             lat,
                              double             lon)
{
  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), FALSE);

  if (!lia_operation_rules_get_area (self, NULL, NULL, NULL, NULL))
    return TRUE;

  return lat >= self->min_lat && lat <= self->max_lat &&
         lon >= self->min_lon && lon <= self->max_lon;
}

const char *
lia_operation_rules_get_time_zone_id (LiaOperationRules *self)
{
  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), NULL);

  return self->time_zone_id;
}

gboolean
lia_operation_rules_set_time_zone_id (LiaOperationRules  *self,
                                      const char         *id,
                                      GError            **error)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  zone = g_time_zone_new_identifier (id);
  if (zone == NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is not a time zone this device knows; use an IANA name such as Africa/Khartoum or UTC."),
                   id);
      return FALSE;
    }

  lia_field_set_string (&self->time_zone_id, id);
  update_time_zone (self);

  return TRUE;
}

GTimeZone *
lia_operation_rules_get_time_zone (LiaOperationRules *self)
{
  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), NULL);

  return self->time_zone;
}

char *
lia_operation_rules_format_time (LiaOperationRules *self,
                                 GDateTime         *time)
{
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *offset = NULL;
  g_autofree char *text = NULL;
  GTimeSpan span;
  gint64 minutes;

  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), NULL);

  if (time == NULL)
    return NULL;

  local = g_date_time_to_timezone (time, self->time_zone);
  span = g_date_time_get_utc_offset (local);
  minutes = ABS (span) / G_TIME_SPAN_MINUTE;
  offset = g_strdup_printf ("UTC%c%02d:%02d", span < 0 ? '-' : '+',
                            (int) (minutes / 60), (int) (minutes % 60));
  text = g_date_time_format (local, "%Y-%m-%d %H:%M");

  return g_strdup_printf ("%s (%s)", text, offset);
}

GPtrArray *
lia_operation_rules_validate (LiaOperationRules *self)
{
  GPtrArray *issues = lia_validation_issues_new ();
  gboolean has_area;

  g_return_val_if_fail (LIA_IS_OPERATION_RULES (self), issues);

  lia_fields_check (self, fields, G_N_ELEMENTS (fields), NULL, issues);

  has_area = lia_operation_rules_get_area (self, NULL, NULL, NULL, NULL);
  if (!has_area && !(isnan (self->min_lat) && isnan (self->min_lon) &&
                     isnan (self->max_lat) && isnan (self->max_lon)))
    lia_validation_add (issues, LIA_VALIDATION_ERROR, "area", NULL,
                        _("needs all four of min_lat, min_lon, max_lat and max_lon, or none"));
  else if (has_area && (self->min_lat >= self->max_lat || self->min_lon >= self->max_lon))
    lia_validation_add (issues, LIA_VALIDATION_ERROR, "area", NULL,
                        _("is empty: the minimum latitude and longitude must be below the maximum"));

  if (self->emergency_lead_hours > self->lead_hours)
    lia_validation_add (issues, LIA_VALIDATION_WARNING, "emergency_lead_hours", NULL,
                        _("is longer than the ordinary lead time; emergencies usually need less notice"));

  return issues;
}

void
lia_operation_rules_update_from_json (LiaOperationRules *self,
                                      JsonObject        *object,
                                      GPtrArray         *issues)
{
  g_autoptr(GTimeZone) zone = NULL;

  g_return_if_fail (LIA_IS_OPERATION_RULES (self));
  g_return_if_fail (object != NULL);
  g_return_if_fail (issues != NULL);

  lia_fields_read (self, fields, G_N_ELEMENTS (fields), object, FALSE, issues);
  if (self->time_zone_id != NULL && !(zone = g_time_zone_new_identifier (self->time_zone_id)))
    lia_validation_add (issues, LIA_VALIDATION_ERROR, "time_zone", NULL,
                        _("“%s” is not a time zone this device knows; use an IANA name such as Africa/Khartoum or UTC"),
                        self->time_zone_id);
  update_time_zone (self);
}
