/* lia-movement-notification.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lia-error.h"
#include "lia-movement-notification.h"
#include "lia-record-fields-private.h"

#define GUIDANCE "hns-movement"

struct _LiaMovementNotification
{
  LiaRecord        parent_instance;

  char            *organisation;
  int              movement_type;
  LiaNotifyPoint   origin;
  LiaNotifyPoint   destination;
  GArray          *waypoints;
  GDateTime       *departure_start;
  GDateTime       *departure_end;
  GDateTime       *arrival_start;
  GDateTime       *arrival_end;
  int              vehicle_count;
  char           **plates;
  char            *markings;
  int              persons;
  char            *cargo;
  char            *convoy_leader;
  gboolean         emergency;
  char            *reference;
  int              status;
};

G_DEFINE_FINAL_TYPE (LiaMovementNotification, lia_movement_notification, LIA_TYPE_RECORD)

#define FIELD(path, kind, member, required, min, max, type) \
  { path, kind, G_STRUCT_OFFSET (LiaMovementNotification, member), required, min, max, type }

static const LiaFieldSpec fields[] = {
  FIELD ("organisation", LIA_FIELD_STRING, organisation, TRUE, 0, LIA_FIELD_SHORT_TEXT, NULL),
  FIELD ("movement_type", LIA_FIELD_ENUM, movement_type, TRUE, 0, 0, lia_movement_type_get_type),
  FIELD ("origin", LIA_FIELD_POINT, origin, TRUE, 0, 0, NULL),
  FIELD ("destination", LIA_FIELD_POINT, destination, TRUE, 0, 0, NULL),
  FIELD ("waypoints", LIA_FIELD_POINTS, waypoints, FALSE, 0, 50, NULL),
  FIELD ("departure.start", LIA_FIELD_TIME, departure_start, TRUE, 0, 0, NULL),
  FIELD ("departure.end", LIA_FIELD_TIME, departure_end, TRUE, 0, 0, NULL),
  FIELD ("arrival.start", LIA_FIELD_TIME, arrival_start, TRUE, 0, 0, NULL),
  FIELD ("arrival.end", LIA_FIELD_TIME, arrival_end, TRUE, 0, 0, NULL),
  FIELD ("vehicles.count", LIA_FIELD_INT, vehicle_count, FALSE, 0, 500, NULL),
  FIELD ("vehicles.plates", LIA_FIELD_STRV, plates, FALSE, 0, 500, NULL),
  FIELD ("vehicles.markings", LIA_FIELD_STRING, markings, FALSE, 0, 500, NULL),
  FIELD ("persons", LIA_FIELD_INT, persons, FALSE, 0, 10000, NULL),
  FIELD ("cargo", LIA_FIELD_STRING, cargo, FALSE, 0, 1000, NULL),
  FIELD ("convoy_leader", LIA_FIELD_STRING, convoy_leader, TRUE, 0, 500, NULL),
  FIELD ("emergency", LIA_FIELD_BOOL, emergency, FALSE, 0, 0, NULL),
  FIELD ("reference", LIA_FIELD_STRING, reference, FALSE, 0, 100, NULL),
  FIELD ("status", LIA_FIELD_ENUM, status, FALSE, 0, 0, lia_movement_status_get_type),
};

static void
lia_movement_notification_serialize (LiaRecord   *record,
                                     JsonBuilder *builder)
{
  lia_fields_serialize (record, fields, G_N_ELEMENTS (fields), builder);
}

static gboolean
lia_movement_notification_deserialize (LiaRecord   *record,
                                       JsonObject  *body,
                                       GError     **error)
{
  lia_fields_read (record, fields, G_N_ELEMENTS (fields), body, FALSE, NULL);

  return TRUE;
}

static void
lia_movement_notification_finalize (GObject *object)
{
  lia_fields_clear (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (lia_movement_notification_parent_class)->finalize (object);
}

static void
lia_movement_notification_class_init (LiaMovementNotificationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_movement_notification_finalize;

  record_class->record_type = "movement-notification";
  record_class->serialize = lia_movement_notification_serialize;
  record_class->deserialize = lia_movement_notification_deserialize;
}

static void
lia_movement_notification_init (LiaMovementNotification *self)
{
  lia_fields_init (self, fields, G_N_ELEMENTS (fields));
  self->movement_type = LIA_MOVEMENT_STAFF;
  self->status = LIA_MOVEMENT_STATUS_DRAFT;
}

LiaMovementNotification *
lia_movement_notification_new (const char *operation)
{
  return g_object_new (LIA_TYPE_MOVEMENT_NOTIFICATION,
                       "operation", operation,
                       "sensitivity", LIA_SENSITIVITY_CONFIDENTIAL,
                       NULL);
}

LiaMovementNotification *
lia_movement_notification_new_from_json (const char *operation,
                                         JsonObject *object,
                                         gboolean    repaired_utf8,
                                         GPtrArray  *issues)
{
  LiaMovementNotification *self = lia_movement_notification_new (operation);

  g_return_val_if_fail (object != NULL, self);
  g_return_val_if_fail (issues != NULL, self);

  lia_fields_read (self, fields, G_N_ELEMENTS (fields), object, repaired_utf8, issues);
  lia_fields_read_sensitivity (self, object, issues);

  return self;
}

#define STRING_ACCESSORS(member) \
  const char * \
  lia_movement_notification_get_##member (LiaMovementNotification *self) \
  { \
    g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL); \
    return self->member; \
  } \
  void \
  lia_movement_notification_set_##member (LiaMovementNotification *self, \
                                          const char              *value) \
  { \
    g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self)); \
    lia_field_set_string (&self->member, value); \
  }

#define VALUE_ACCESSORS(type, name, member) \
  type \
  lia_movement_notification_get_##name (LiaMovementNotification *self) \
  { \
    g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), 0); \
    return self->member; \
  } \
  void \
  lia_movement_notification_set_##name (LiaMovementNotification *self, \
                                        type                     value) \
  { \
    g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self)); \
    self->member = value; \
  }

#define TIME_GETTER(member) \
  GDateTime * \
  lia_movement_notification_get_##member (LiaMovementNotification *self) \
  { \
    g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL); \
    return self->member; \
  }

STRING_ACCESSORS (organisation)
STRING_ACCESSORS (markings)
STRING_ACCESSORS (cargo)
STRING_ACCESSORS (convoy_leader)
STRING_ACCESSORS (reference)
VALUE_ACCESSORS (LiaMovementType, movement_type, movement_type)
VALUE_ACCESSORS (int, vehicle_count, vehicle_count)
VALUE_ACCESSORS (int, persons, persons)
VALUE_ACCESSORS (gboolean, emergency, emergency)
TIME_GETTER (departure_start)
TIME_GETTER (departure_end)
TIME_GETTER (arrival_start)
TIME_GETTER (arrival_end)

static void
set_point (LiaNotifyPoint *point,
           const char     *name,
           double          lat,
           double          lon)
{
  lia_field_set_string (&point->name, name);
  point->lat = lat;
  point->lon = lon;
}

const LiaNotifyPoint *
lia_movement_notification_get_origin (LiaMovementNotification *self)
{
  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL);

  return &self->origin;
}

void
lia_movement_notification_set_origin (LiaMovementNotification *self,
                                      const char              *name,
                                      double                   lat,
                                      double                   lon)
{
  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  set_point (&self->origin, name, lat, lon);
}

const LiaNotifyPoint *
lia_movement_notification_get_destination (LiaMovementNotification *self)
{
  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL);

  return &self->destination;
}

void
lia_movement_notification_set_destination (LiaMovementNotification *self,
                                           const char              *name,
                                           double                   lat,
                                           double                   lon)
{
  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  set_point (&self->destination, name, lat, lon);
}

guint
lia_movement_notification_get_n_waypoints (LiaMovementNotification *self)
{
  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), 0);

  return self->waypoints->len;
}

const LiaNotifyPoint *
lia_movement_notification_get_waypoint (LiaMovementNotification *self,
                                        guint                    position)
{
  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL);
  g_return_val_if_fail (position < self->waypoints->len, NULL);

  return &g_array_index (self->waypoints, LiaNotifyPoint, position);
}

void
lia_movement_notification_add_waypoint (LiaMovementNotification *self,
                                        const char              *name,
                                        double                   lat,
                                        double                   lon)
{
  LiaNotifyPoint point = { NULL, lat, lon };

  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  point.name = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  g_array_append_val (self->waypoints, point);
}

void
lia_movement_notification_clear_waypoints (LiaMovementNotification *self)
{
  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  g_array_set_size (self->waypoints, 0);
}

/* Returns: (transfer container): g_free() the array; the names belong to
 * @self */
LiaNotifyPoint *
lia_movement_notification_dup_route (LiaMovementNotification *self,
                                     guint                   *n_points)
{
  LiaNotifyPoint *route;
  guint n = 0;

  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL);
  g_return_val_if_fail (n_points != NULL, NULL);

  route = g_new0 (LiaNotifyPoint, self->waypoints->len + 2);
  if (!isnan (self->origin.lat))
    route[n++] = self->origin;
  for (guint i = 0; i < self->waypoints->len; i++)
    route[n++] = g_array_index (self->waypoints, LiaNotifyPoint, i);
  if (!isnan (self->destination.lat))
    route[n++] = self->destination;

  *n_points = n;
  return route;
}

void
lia_movement_notification_set_departure (LiaMovementNotification *self,
                                         GDateTime               *start,
                                         GDateTime               *end)
{
  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  lia_field_set_time (&self->departure_start, start);
  lia_field_set_time (&self->departure_end, end);
}

void
lia_movement_notification_set_arrival (LiaMovementNotification *self,
                                       GDateTime               *start,
                                       GDateTime               *end)
{
  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  lia_field_set_time (&self->arrival_start, start);
  lia_field_set_time (&self->arrival_end, end);
}

const char * const *
lia_movement_notification_get_plates (LiaMovementNotification *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), NULL);

  return self->plates != NULL ? (const char * const *) self->plates : none;
}

void
lia_movement_notification_set_plates (LiaMovementNotification *self,
                                      const char * const      *plates)
{
  g_return_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self));

  g_strfreev (self->plates);
  self->plates = g_strdupv ((char **) plates);
}

LiaMovementStatus
lia_movement_notification_get_status (LiaMovementNotification *self)
{
  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), LIA_MOVEMENT_STATUS_DRAFT);

  return self->status;
}

gboolean
lia_movement_notification_can_transition (LiaMovementStatus from,
                                          LiaMovementStatus to)
{
  switch (from)
    {
    case LIA_MOVEMENT_STATUS_DRAFT:
      return to == LIA_MOVEMENT_STATUS_NOTIFIED || to == LIA_MOVEMENT_STATUS_CANCELLED;
    case LIA_MOVEMENT_STATUS_NOTIFIED:
      return to == LIA_MOVEMENT_STATUS_UNDER_WAY || to == LIA_MOVEMENT_STATUS_CANCELLED;
    case LIA_MOVEMENT_STATUS_UNDER_WAY:
      return to == LIA_MOVEMENT_STATUS_COMPLETED || to == LIA_MOVEMENT_STATUS_CANCELLED;
    case LIA_MOVEMENT_STATUS_COMPLETED:
    case LIA_MOVEMENT_STATUS_CANCELLED:
    default:
      return FALSE;
    }
}

gboolean
lia_movement_notification_transition (LiaMovementNotification  *self,
                                      LiaMovementStatus         to,
                                      GError                  **error)
{
  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), FALSE);
  g_return_val_if_fail (to <= LIA_MOVEMENT_STATUS_CANCELLED, FALSE);

  if (lia_movement_notification_can_transition (self->status, to))
    {
      self->status = to;
      return TRUE;
    }

  if (self->status == to)
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("The movement is already “%s”."),
                 lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_STATUS, to));
  else if (self->status == LIA_MOVEMENT_STATUS_COMPLETED || self->status == LIA_MOVEMENT_STATUS_CANCELLED)
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("The movement is “%s”, which is final: notify a new movement instead."),
                 lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_STATUS, self->status));
  else if (to == LIA_MOVEMENT_STATUS_UNDER_WAY || to == LIA_MOVEMENT_STATUS_COMPLETED)
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("A movement cannot be “%s” before it was notified and set off."),
                 lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_STATUS, to));
  else
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("A movement cannot go from “%s” back to “%s”."),
                 lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_STATUS, self->status),
                 lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_STATUS, to));

  return FALSE;
}

/* @later must not come before @earlier. */
static void
check_order (GDateTime  *earlier,
             GDateTime  *later,
             const char *field,
             const char *message,
             GPtrArray  *issues)
{
  if (earlier != NULL && later != NULL && g_date_time_compare (later, earlier) < 0)
    lia_validation_add (issues, LIA_VALIDATION_ERROR, field, GUIDANCE, "%s", message);
}

static void
check_in_area (LiaOperationRules    *rules,
               const LiaNotifyPoint *point,
               const char           *field,
               GPtrArray            *issues)
{
  if (!isnan (point->lat) && !lia_operation_rules_contains (rules, point->lat, point->lon))
    lia_validation_add (issues, LIA_VALIDATION_WARNING, field, GUIDANCE,
                        _("lies outside the operation’s area; check that latitude and longitude are not swapped"));
}

/* Returns: (transfer full) (element-type LiaValidationIssue) */
GPtrArray *
lia_movement_notification_validate (LiaMovementNotification *self,
                                    LiaOperationRules       *rules,
                                    GDateTime               *now)
{
  GPtrArray *issues = lia_validation_issues_new ();
  g_autoptr(LiaOperationRules) defaults = NULL;
  guint n_plates;

  g_return_val_if_fail (LIA_IS_MOVEMENT_NOTIFICATION (self), issues);
  g_return_val_if_fail (rules == NULL || LIA_IS_OPERATION_RULES (rules), issues);

  if (rules == NULL)
    rules = defaults = lia_operation_rules_new (lia_record_get_operation (LIA_RECORD (self)));

  lia_fields_check (self, fields, G_N_ELEMENTS (fields), GUIDANCE, issues);

  check_order (self->departure_start, self->departure_end, "departure.end",
               _("is before departure.start; the departure window ends before it opens"), issues);
  check_order (self->arrival_start, self->arrival_end, "arrival.end",
               _("is before arrival.start; the arrival window ends before it opens"), issues);
  check_order (self->departure_start, self->arrival_start, "arrival.start",
               _("is before departure.start: the movement would arrive before it leaves"), issues);
  check_order (self->departure_end, self->arrival_end, "arrival.end",
               _("is before departure.end: the movement would arrive before it leaves"), issues);

  /* The lead time matters while the movement is being notified, not once
   * it is on the road. */
  if (now != NULL && self->departure_start != NULL &&
      (self->status == LIA_MOVEMENT_STATUS_DRAFT || self->status == LIA_MOVEMENT_STATUS_NOTIFIED))
    {
      int lead = self->emergency ? lia_operation_rules_get_emergency_lead_hours (rules)
                                 : lia_operation_rules_get_lead_hours (rules);
      g_autoptr(GDateTime) earliest = g_date_time_add_hours (now, lead);

      if (g_date_time_compare (self->departure_start, earliest) < 0)
        {
          g_autofree char *when = lia_operation_rules_format_time (rules, earliest);

          if (self->emergency)
            lia_validation_add (issues, LIA_VALIDATION_ERROR, "departure.start", GUIDANCE,
                                _("is sooner than the %d h notice this operation needs even in an emergency; depart at %s or later"),
                                lead, when);
          else
            lia_validation_add (issues, LIA_VALIDATION_ERROR, "departure.start", GUIDANCE,
                                _("is sooner than the %d h notice this operation needs; depart at %s or later, or flag the movement as an emergency if it is one"),
                                lead, when);
        }
    }

  check_in_area (rules, &self->origin, "origin", issues);
  check_in_area (rules, &self->destination, "destination", issues);
  for (guint i = 0; i < self->waypoints->len; i++)
    {
      g_autofree char *field = g_strdup_printf ("waypoints[%u]", i);

      check_in_area (rules, &g_array_index (self->waypoints, LiaNotifyPoint, i), field, issues);
    }

  n_plates = self->plates != NULL ? g_strv_length (self->plates) : 0;
  if (n_plates > 0 && self->vehicle_count > 0 && (int) n_plates != self->vehicle_count)
    lia_validation_add (issues, LIA_VALIDATION_WARNING, "vehicles.plates", GUIDANCE,
                        _("lists %u plates for %d vehicles; a party checks each vehicle against the list"),
                        n_plates, self->vehicle_count);

  return issues;
}
