/* lia-site-notification.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lia-error.h"
#include "lia-record-fields-private.h"
#include "lia-site-notification.h"

#define GUIDANCE "hns-static-site"

struct _LiaSiteNotification
{
  LiaRecord        parent_instance;

  char            *organisation;
  int              facility_type;
  char            *name;
  LiaNotifyPoint   location;
  char            *admin_area;
  char            *address;
  char            *function;
  int              involvement;
  int              persons_present;
  char            *contact;
  GDateTime       *valid_from;
  GDateTime       *valid_until;
  char            *reference;
  int              status;
};

G_DEFINE_FINAL_TYPE (LiaSiteNotification, lia_site_notification, LIA_TYPE_RECORD)

#define FIELD(path, kind, member, required, min, max, type) \
  { path, kind, G_STRUCT_OFFSET (LiaSiteNotification, member), required, min, max, type }

static const LiaFieldSpec fields[] = {
  FIELD ("organisation", LIA_FIELD_STRING, organisation, TRUE, 0, LIA_FIELD_SHORT_TEXT, NULL),
  FIELD ("facility_type", LIA_FIELD_ENUM, facility_type, TRUE, 0, 0, lia_facility_type_get_type),
  FIELD ("name", LIA_FIELD_STRING, name, TRUE, 0, LIA_FIELD_SHORT_TEXT, NULL),
  FIELD ("location", LIA_FIELD_POINT, location, TRUE, 0, 0, NULL),
  FIELD ("admin_area", LIA_FIELD_STRING, admin_area, FALSE, 0, LIA_FIELD_SHORT_TEXT, NULL),
  FIELD ("address", LIA_FIELD_STRING, address, FALSE, 0, 500, NULL),
  FIELD ("function", LIA_FIELD_STRING, function, TRUE, 0, 1000, NULL),
  FIELD ("involvement", LIA_FIELD_ENUM, involvement, TRUE, 0, 0, lia_involvement_get_type),
  FIELD ("persons_present", LIA_FIELD_INT, persons_present, FALSE, 0, 100000, NULL),
  FIELD ("contact", LIA_FIELD_STRING, contact, TRUE, 0, 500, NULL),
  FIELD ("valid_from", LIA_FIELD_TIME, valid_from, TRUE, 0, 0, NULL),
  FIELD ("valid_until", LIA_FIELD_TIME, valid_until, FALSE, 0, 0, NULL),
  FIELD ("reference", LIA_FIELD_STRING, reference, FALSE, 0, 100, NULL),
  FIELD ("status", LIA_FIELD_ENUM, status, FALSE, 0, 0, lia_site_status_get_type),
};

static void
lia_site_notification_serialize (LiaRecord   *record,
                                 JsonBuilder *builder)
{
  lia_fields_serialize (record, fields, G_N_ELEMENTS (fields), builder);
}

static gboolean
lia_site_notification_deserialize (LiaRecord   *record,
                                   JsonObject  *body,
                                   GError     **error)
{
  lia_fields_read (record, fields, G_N_ELEMENTS (fields), body, FALSE, NULL);

  return TRUE;
}

static void
lia_site_notification_finalize (GObject *object)
{
  lia_fields_clear (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (lia_site_notification_parent_class)->finalize (object);
}

static void
lia_site_notification_class_init (LiaSiteNotificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_site_notification_finalize;

  record_class->record_type = "site-notification";
  record_class->serialize = lia_site_notification_serialize;
  record_class->deserialize = lia_site_notification_deserialize;
}

static void
lia_site_notification_init (LiaSiteNotification *self)
{
  lia_fields_init (self, fields, G_N_ELEMENTS (fields));
  self->facility_type = LIA_FACILITY_OFFICE;
  self->involvement = LIA_INVOLVEMENT_OPERATED;
  self->status = LIA_SITE_STATUS_DRAFT;
}

LiaSiteNotification *
lia_site_notification_new (const char *operation)
{
  return g_object_new (LIA_TYPE_SITE_NOTIFICATION,
                       "operation", operation,
                       "sensitivity", LIA_SENSITIVITY_RESTRICTED,
                       NULL);
}

LiaSiteNotification *
lia_site_notification_new_from_json (const char *operation,
                                     JsonObject *object,
                                     gboolean    repaired_utf8,
                                     GPtrArray  *issues)
{
  LiaSiteNotification *self = lia_site_notification_new (operation);

  g_return_val_if_fail (object != NULL, self);
  g_return_val_if_fail (issues != NULL, self);

  lia_fields_read (self, fields, G_N_ELEMENTS (fields), object, repaired_utf8, issues);
  lia_fields_read_sensitivity (self, object, issues);

  return self;
}

#define STRING_ACCESSORS(member) \
  const char * \
  lia_site_notification_get_##member (LiaSiteNotification *self) \
  { \
    g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), NULL); \
    return self->member; \
  } \
  void \
  lia_site_notification_set_##member (LiaSiteNotification *self, \
                                      const char          *value) \
  { \
    g_return_if_fail (LIA_IS_SITE_NOTIFICATION (self)); \
    lia_field_set_string (&self->member, value); \
  }

#define VALUE_ACCESSORS(type, member) \
  type \
  lia_site_notification_get_##member (LiaSiteNotification *self) \
  { \
    g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), 0); \
    return self->member; \
  } \
  void \
  lia_site_notification_set_##member (LiaSiteNotification *self, \
                                      type                 value) \
  { \
    g_return_if_fail (LIA_IS_SITE_NOTIFICATION (self)); \
    self->member = value; \
  }

#define TIME_ACCESSORS(member) \
  GDateTime * \
  lia_site_notification_get_##member (LiaSiteNotification *self) \
  { \
    g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), NULL); \
    return self->member; \
  } \
  void \
  lia_site_notification_set_##member (LiaSiteNotification *self, \
                                      GDateTime           *value) \
  { \
    g_return_if_fail (LIA_IS_SITE_NOTIFICATION (self)); \
    lia_field_set_time (&self->member, value); \
  }

STRING_ACCESSORS (organisation)
STRING_ACCESSORS (name)
STRING_ACCESSORS (admin_area)
STRING_ACCESSORS (address)
STRING_ACCESSORS (function)
STRING_ACCESSORS (contact)
STRING_ACCESSORS (reference)
VALUE_ACCESSORS (LiaFacilityType, facility_type)
VALUE_ACCESSORS (LiaInvolvement, involvement)
VALUE_ACCESSORS (int, persons_present)
TIME_ACCESSORS (valid_from)
TIME_ACCESSORS (valid_until)

/* Unset coordinates read as NAN. */
void
lia_site_notification_get_location (LiaSiteNotification *self,
                                    double              *lat,
                                    double              *lon)
{
  g_return_if_fail (LIA_IS_SITE_NOTIFICATION (self));

  if (lat != NULL)
    *lat = self->location.lat;
  if (lon != NULL)
    *lon = self->location.lon;
}

void
lia_site_notification_set_location (LiaSiteNotification *self,
                                    double               lat,
                                    double               lon)
{
  g_return_if_fail (LIA_IS_SITE_NOTIFICATION (self));

  self->location.lat = lat;
  self->location.lon = lon;
}

LiaSiteStatus
lia_site_notification_get_status (LiaSiteNotification *self)
{
  g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), LIA_SITE_STATUS_DRAFT);

  return self->status;
}

gboolean
lia_site_notification_is_active_at (LiaSiteNotification *self,
                                    GDateTime           *time)
{
  g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), FALSE);
  g_return_val_if_fail (time != NULL, FALSE);

  /* A removed site stays relevant for what happened while it was on the
   * list: removal does not say when, so its validity period decides. */
  if (self->status == LIA_SITE_STATUS_DRAFT)
    return FALSE;

  return (self->valid_from == NULL || g_date_time_compare (self->valid_from, time) <= 0) &&
         (self->valid_until == NULL || g_date_time_compare (time, self->valid_until) <= 0);
}

gboolean
lia_site_notification_can_transition (LiaSiteStatus from,
                                      LiaSiteStatus to)
{
  switch (from)
    {
    case LIA_SITE_STATUS_DRAFT:
      return to == LIA_SITE_STATUS_ACTIVE || to == LIA_SITE_STATUS_REMOVED;
    case LIA_SITE_STATUS_ACTIVE:
      return to == LIA_SITE_STATUS_REMOVED;
    case LIA_SITE_STATUS_REMOVED:
    default:
      return FALSE;
    }
}

gboolean
lia_site_notification_transition (LiaSiteNotification  *self,
                                  LiaSiteStatus         to,
                                  GError              **error)
{
  g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), FALSE);
  g_return_val_if_fail (to <= LIA_SITE_STATUS_REMOVED, FALSE);

  if (lia_site_notification_can_transition (self->status, to))
    {
      self->status = to;
      return TRUE;
    }

  if (self->status == to)
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("The site notification is already “%s”."),
                 lia_notify_enum_get_label (LIA_TYPE_SITE_STATUS, to));
  else if (self->status == LIA_SITE_STATUS_REMOVED)
    g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                         _("A removed site cannot come back: notify it again as a new site, so that every party sees a new notification."));
  else
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("A site notification cannot go from “%s” back to “%s”."),
                 lia_notify_enum_get_label (LIA_TYPE_SITE_STATUS, self->status),
                 lia_notify_enum_get_label (LIA_TYPE_SITE_STATUS, to));

  return FALSE;
}

static void
check_duplicates (LiaSiteNotification *self,
                  LiaStore            *store,
                  GPtrArray           *issues)
{
  g_autoptr(GPtrArray) sites = NULL;
  const char *operation = lia_record_get_operation (LIA_RECORD (self));

  if (isnan (self->location.lat) || operation == NULL)
    return;

  sites = lia_store_list (store, "site-notification", operation, NULL);
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    {
      LiaSiteNotification *other = g_ptr_array_index (sites, i);
      double metres;

      if (lia_record_get_tombstone (LIA_RECORD (other)) ||
          other->status != LIA_SITE_STATUS_ACTIVE ||
          g_strcmp0 (lia_record_get_uuid (LIA_RECORD (other)), lia_record_get_uuid (LIA_RECORD (self))) == 0)
        continue;

      metres = 1000.0 * lia_geo_distance_km (self->location.lat, self->location.lon,
                                             other->location.lat, other->location.lon);
      if (metres <= LIA_SITE_DUPLICATE_METRES)
        lia_validation_add (issues, LIA_VALIDATION_WARNING, "location", GUIDANCE,
                            _("is %.0f m from the active site “%s” (%s): most likely the same site; update that notification instead of adding another"),
                            metres, other->name != NULL ? other->name : "",
                            lia_record_get_uuid (LIA_RECORD (other)));
    }
}

/* Returns: (transfer full) (element-type LiaValidationIssue) */
GPtrArray *
lia_site_notification_validate (LiaSiteNotification *self,
                                LiaStore            *store,
                                LiaOperationRules   *rules)
{
  GPtrArray *issues = lia_validation_issues_new ();

  g_return_val_if_fail (LIA_IS_SITE_NOTIFICATION (self), issues);
  g_return_val_if_fail (store == NULL || LIA_IS_STORE (store), issues);
  g_return_val_if_fail (rules == NULL || LIA_IS_OPERATION_RULES (rules), issues);

  lia_fields_check (self, fields, G_N_ELEMENTS (fields), GUIDANCE, issues);

  if (self->valid_from != NULL && self->valid_until != NULL &&
      g_date_time_compare (self->valid_until, self->valid_from) <= 0)
    lia_validation_add (issues, LIA_VALIDATION_ERROR, "valid_until", GUIDANCE,
                        _("is not after valid_from; the notification would never be valid"));

  if (rules != NULL && !isnan (self->location.lat) &&
      !lia_operation_rules_contains (rules, self->location.lat, self->location.lon))
    lia_validation_add (issues, LIA_VALIDATION_WARNING, "location", GUIDANCE,
                        _("lies outside the operation’s area; check that latitude and longitude are not swapped"));

  if (store != NULL)
    check_duplicates (self, store, issues);

  return issues;
}
