/* lia-notification-fields.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lia-notification-fields.h"

static const LiaNotifyField site_fields[] = {
  { "name", LIA_NOTIFY_FIELD_TEXT, N_("Site name"), NULL, TRUE },
  { "organisation", LIA_NOTIFY_FIELD_TEXT, N_("Organisation"), NULL, TRUE },
  { "facility_type", LIA_NOTIFY_FIELD_ENUM, N_("Facility type"), lia_facility_type_get_type, TRUE },
  { "location", LIA_NOTIFY_FIELD_POINT, N_("Coordinates (latitude, longitude)"), NULL, TRUE },
  { "admin_area", LIA_NOTIFY_FIELD_TEXT, N_("Administrative area"), NULL, FALSE },
  { "address", LIA_NOTIFY_FIELD_TEXT, N_("Address"), NULL, FALSE },
  { "function", LIA_NOTIFY_FIELD_TEXT, N_("Humanitarian function"), NULL, TRUE },
  { "involvement", LIA_NOTIFY_FIELD_ENUM, N_("The organisation’s part"), lia_involvement_get_type, TRUE },
  { "persons_present", LIA_NOTIFY_FIELD_INT, N_("Persons present"), NULL, FALSE },
  { "contact", LIA_NOTIFY_FIELD_TEXT, N_("Contact"), NULL, TRUE },
  { "valid_from", LIA_NOTIFY_FIELD_TIME, N_("Valid from"), NULL, TRUE },
  { "valid_until", LIA_NOTIFY_FIELD_TIME, N_("Valid until"), NULL, FALSE },
  { "reference", LIA_NOTIFY_FIELD_TEXT, N_("Reference"), NULL, FALSE },
};

static const LiaNotifyField movement_fields[] = {
  { "movement_type", LIA_NOTIFY_FIELD_ENUM, N_("Movement type"), lia_movement_type_get_type, TRUE },
  { "emergency", LIA_NOTIFY_FIELD_BOOL, N_("Emergency"), NULL, FALSE },
  { "organisation", LIA_NOTIFY_FIELD_TEXT, N_("Organisation"), NULL, TRUE },
  { "origin.name", LIA_NOTIFY_FIELD_TEXT, N_("Origin"), NULL, TRUE },
  { "origin", LIA_NOTIFY_FIELD_POINT, N_("Origin coordinates"), NULL, TRUE },
  { "destination.name", LIA_NOTIFY_FIELD_TEXT, N_("Destination"), NULL, TRUE },
  { "destination", LIA_NOTIFY_FIELD_POINT, N_("Destination coordinates"), NULL, TRUE },
  { "departure.start", LIA_NOTIFY_FIELD_TIME, N_("Departure from"), NULL, TRUE },
  { "departure.end", LIA_NOTIFY_FIELD_TIME, N_("Departure until"), NULL, TRUE },
  { "arrival.start", LIA_NOTIFY_FIELD_TIME, N_("Arrival from"), NULL, TRUE },
  { "arrival.end", LIA_NOTIFY_FIELD_TIME, N_("Arrival until"), NULL, TRUE },
  { "vehicles.count", LIA_NOTIFY_FIELD_INT, N_("Vehicles"), NULL, FALSE },
  { "vehicles.plates", LIA_NOTIFY_FIELD_LIST, N_("Plates (comma-separated)"), NULL, FALSE },
  { "vehicles.markings", LIA_NOTIFY_FIELD_TEXT, N_("Markings"), NULL, FALSE },
  { "persons", LIA_NOTIFY_FIELD_INT, N_("Persons"), NULL, FALSE },
  { "cargo", LIA_NOTIFY_FIELD_TEXT, N_("Cargo"), NULL, FALSE },
  { "convoy_leader", LIA_NOTIFY_FIELD_TEXT, N_("Convoy leader contact"), NULL, TRUE },
  { "reference", LIA_NOTIFY_FIELD_TEXT, N_("Reference"), NULL, FALSE },
};

static const LiaNotifyField incident_fields[] = {
  { "incident_type", LIA_NOTIFY_FIELD_ENUM, N_("Incident type"), lia_incident_type_get_type, TRUE },
  { "at", LIA_NOTIFY_FIELD_TIME, N_("When"), NULL, TRUE },
  { "location.name", LIA_NOTIFY_FIELD_TEXT, N_("Place"), NULL, FALSE },
  { "location", LIA_NOTIFY_FIELD_POINT, N_("Coordinates (latitude, longitude)"), NULL, TRUE },
  { "description", LIA_NOTIFY_FIELD_LONG_TEXT, N_("What happened"), NULL, TRUE },
  { "casualties.staff.killed", LIA_NOTIFY_FIELD_INT, N_("Staff killed"), NULL, FALSE },
  { "casualties.staff.injured", LIA_NOTIFY_FIELD_INT, N_("Staff injured"), NULL, FALSE },
  { "casualties.staff.missing", LIA_NOTIFY_FIELD_INT, N_("Staff missing"), NULL, FALSE },
  { "casualties.civilians.killed", LIA_NOTIFY_FIELD_INT, N_("Civilians killed"), NULL, FALSE },
  { "casualties.civilians.injured", LIA_NOTIFY_FIELD_INT, N_("Civilians injured"), NULL, FALSE },
  { "casualties.civilians.missing", LIA_NOTIFY_FIELD_INT, N_("Civilians missing"), NULL, FALSE },
  { "damage.level", LIA_NOTIFY_FIELD_ENUM, N_("Damage"), lia_damage_level_get_type, FALSE },
  { "damage.description", LIA_NOTIFY_FIELD_TEXT, N_("Damage description"), NULL, FALSE },
};

const LiaNotifyField *
lia_notify_fields_get (LiaNotifyKind  kind,
                       guint         *n_fields)
{
  switch (kind)
    {
    case LIA_NOTIFY_KIND_SITE:
      *n_fields = G_N_ELEMENTS (site_fields);
      return site_fields;
    case LIA_NOTIFY_KIND_MOVEMENT:
      *n_fields = G_N_ELEMENTS (movement_fields);
      return movement_fields;
    case LIA_NOTIFY_KIND_INCIDENT:
    default:
      *n_fields = G_N_ELEMENTS (incident_fields);
      return incident_fields;
    }
}

LiaNotifyKind
lia_notify_kind_of (LiaRecord *record)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    return LIA_NOTIFY_KIND_SITE;
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    return LIA_NOTIFY_KIND_MOVEMENT;
  return LIA_NOTIFY_KIND_INCIDENT;
}

const char *
lia_notify_kind_get_guidance (LiaNotifyKind kind)
{
  switch (kind)
    {
    case LIA_NOTIFY_KIND_SITE:
      return "hns-static-site";
    case LIA_NOTIFY_KIND_MOVEMENT:
      return "hns-movement";
    case LIA_NOTIFY_KIND_INCIDENT:
    default:
      return "notified-site-struck";
    }
}

/* ---- reading and writing by key ------------------------------------------ */

static const char *
get_string (LiaRecord  *record,
            const char *key)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      LiaSiteNotification *site = LIA_SITE_NOTIFICATION (record);

      if (g_str_equal (key, "name")) return lia_site_notification_get_name (site);
      if (g_str_equal (key, "organisation")) return lia_site_notification_get_organisation (site);
      if (g_str_equal (key, "admin_area")) return lia_site_notification_get_admin_area (site);
      if (g_str_equal (key, "address")) return lia_site_notification_get_address (site);
      if (g_str_equal (key, "function")) return lia_site_notification_get_function (site);
      if (g_str_equal (key, "contact")) return lia_site_notification_get_contact (site);
      if (g_str_equal (key, "reference")) return lia_site_notification_get_reference (site);
    }
  else if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (record);

      if (g_str_equal (key, "organisation")) return lia_movement_notification_get_organisation (movement);
      if (g_str_equal (key, "origin.name")) return lia_movement_notification_get_origin (movement)->name;
      if (g_str_equal (key, "destination.name")) return lia_movement_notification_get_destination (movement)->name;
      if (g_str_equal (key, "vehicles.markings")) return lia_movement_notification_get_markings (movement);
      if (g_str_equal (key, "cargo")) return lia_movement_notification_get_cargo (movement);
      if (g_str_equal (key, "convoy_leader")) return lia_movement_notification_get_convoy_leader (movement);
      if (g_str_equal (key, "reference")) return lia_movement_notification_get_reference (movement);
    }
  else if (LIA_IS_INCIDENT (record))
    {
      LiaIncident *incident = LIA_INCIDENT (record);

      if (g_str_equal (key, "location.name")) return lia_incident_get_location (incident)->name;
      if (g_str_equal (key, "description")) return lia_incident_get_description (incident);
      if (g_str_equal (key, "damage.description")) return lia_incident_get_damage_description (incident);
    }

  return NULL;
}

static void
set_string (LiaRecord  *record,
            const char *key,
            const char *value)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      LiaSiteNotification *site = LIA_SITE_NOTIFICATION (record);

      if (g_str_equal (key, "name")) lia_site_notification_set_name (site, value);
      else if (g_str_equal (key, "organisation")) lia_site_notification_set_organisation (site, value);
      else if (g_str_equal (key, "admin_area")) lia_site_notification_set_admin_area (site, value);
      else if (g_str_equal (key, "address")) lia_site_notification_set_address (site, value);
      else if (g_str_equal (key, "function")) lia_site_notification_set_function (site, value);
      else if (g_str_equal (key, "contact")) lia_site_notification_set_contact (site, value);
      else if (g_str_equal (key, "reference")) lia_site_notification_set_reference (site, value);
    }
  else if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (record);

      if (g_str_equal (key, "organisation")) lia_movement_notification_set_organisation (movement, value);
      else if (g_str_equal (key, "origin.name"))
        {
          const LiaNotifyPoint *p = lia_movement_notification_get_origin (movement);
          lia_movement_notification_set_origin (movement, value, p->lat, p->lon);
        }
      else if (g_str_equal (key, "destination.name"))
        {
          const LiaNotifyPoint *p = lia_movement_notification_get_destination (movement);
          lia_movement_notification_set_destination (movement, value, p->lat, p->lon);
        }
      else if (g_str_equal (key, "vehicles.markings")) lia_movement_notification_set_markings (movement, value);
      else if (g_str_equal (key, "cargo")) lia_movement_notification_set_cargo (movement, value);
      else if (g_str_equal (key, "convoy_leader")) lia_movement_notification_set_convoy_leader (movement, value);
      else if (g_str_equal (key, "reference")) lia_movement_notification_set_reference (movement, value);
    }
  else if (LIA_IS_INCIDENT (record))
    {
      LiaIncident *incident = LIA_INCIDENT (record);

      if (g_str_equal (key, "location.name"))
        {
          const LiaNotifyPoint *p = lia_incident_get_location (incident);
          lia_incident_set_location (incident, value, p->lat, p->lon);
        }
      else if (g_str_equal (key, "description")) lia_incident_set_description (incident, value);
      else if (g_str_equal (key, "damage.description")) lia_incident_set_damage_description (incident, value);
    }
}

static gboolean
casualty_of (const char         *key,
             LiaCasualtyGroup   *group,
             LiaCasualtyOutcome *outcome)
{
  if (!g_str_has_prefix (key, "casualties."))
    return FALSE;

  *group = strstr (key, ".staff.") != NULL ? LIA_CASUALTY_STAFF : LIA_CASUALTY_CIVILIANS;
  if (g_str_has_suffix (key, ".killed"))
    *outcome = LIA_CASUALTY_KILLED;
  else if (g_str_has_suffix (key, ".injured"))
    *outcome = LIA_CASUALTY_INJURED;
  else
    *outcome = LIA_CASUALTY_MISSING;

  return TRUE;
}

static int
get_int (LiaRecord  *record,
         const char *key)
{
  LiaCasualtyGroup group;
  LiaCasualtyOutcome outcome;

  if (LIA_IS_SITE_NOTIFICATION (record))
    return lia_site_notification_get_persons_present (LIA_SITE_NOTIFICATION (record));
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      if (g_str_equal (key, "vehicles.count"))
        return lia_movement_notification_get_vehicle_count (LIA_MOVEMENT_NOTIFICATION (record));
      return lia_movement_notification_get_persons (LIA_MOVEMENT_NOTIFICATION (record));
    }
  if (casualty_of (key, &group, &outcome))
    return lia_incident_get_casualties (LIA_INCIDENT (record), group, outcome);

  return 0;
}

static void
set_int (LiaRecord  *record,
         const char *key,
         int         value)
{
  LiaCasualtyGroup group;
  LiaCasualtyOutcome outcome;

  if (LIA_IS_SITE_NOTIFICATION (record))
    lia_site_notification_set_persons_present (LIA_SITE_NOTIFICATION (record), value);
  else if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      if (g_str_equal (key, "vehicles.count"))
        lia_movement_notification_set_vehicle_count (LIA_MOVEMENT_NOTIFICATION (record), value);
      else
        lia_movement_notification_set_persons (LIA_MOVEMENT_NOTIFICATION (record), value);
    }
  else if (casualty_of (key, &group, &outcome))
    lia_incident_set_casualties (LIA_INCIDENT (record), group, outcome, value);
}

static GDateTime *
get_time (LiaRecord  *record,
          const char *key)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      if (g_str_equal (key, "valid_from"))
        return lia_site_notification_get_valid_from (LIA_SITE_NOTIFICATION (record));
      return lia_site_notification_get_valid_until (LIA_SITE_NOTIFICATION (record));
    }
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (record);

      if (g_str_equal (key, "departure.start")) return lia_movement_notification_get_departure_start (movement);
      if (g_str_equal (key, "departure.end")) return lia_movement_notification_get_departure_end (movement);
      if (g_str_equal (key, "arrival.start")) return lia_movement_notification_get_arrival_start (movement);
      return lia_movement_notification_get_arrival_end (movement);
    }

  return lia_incident_get_at (LIA_INCIDENT (record));
}

static void
set_time (LiaRecord  *record,
          const char *key,
          GDateTime  *value)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      if (g_str_equal (key, "valid_from"))
        lia_site_notification_set_valid_from (LIA_SITE_NOTIFICATION (record), value);
      else
        lia_site_notification_set_valid_until (LIA_SITE_NOTIFICATION (record), value);
    }
  else if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (record);
      g_autoptr(GDateTime) dep_start = NULL, dep_end = NULL, arr_start = NULL, arr_end = NULL;

      /* Set in pairs by the core; keep the other end of the window */
#define KEEP(var, getter) var = getter (movement) ? g_date_time_ref (getter (movement)) : NULL
      KEEP (dep_start, lia_movement_notification_get_departure_start);
      KEEP (dep_end, lia_movement_notification_get_departure_end);
      KEEP (arr_start, lia_movement_notification_get_arrival_start);
      KEEP (arr_end, lia_movement_notification_get_arrival_end);
#undef KEEP
      if (g_str_equal (key, "departure.start"))
        lia_movement_notification_set_departure (movement, value, dep_end);
      else if (g_str_equal (key, "departure.end"))
        lia_movement_notification_set_departure (movement, dep_start, value);
      else if (g_str_equal (key, "arrival.start"))
        lia_movement_notification_set_arrival (movement, value, arr_end);
      else
        lia_movement_notification_set_arrival (movement, arr_start, value);
    }
  else
    lia_incident_set_at (LIA_INCIDENT (record), value);
}

static void
get_point (LiaRecord  *record,
           const char *key,
           double     *lat,
           double     *lon)
{
  const LiaNotifyPoint *point = NULL;

  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      lia_site_notification_get_location (LIA_SITE_NOTIFICATION (record), lat, lon);
      return;
    }
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    point = g_str_equal (key, "origin") ?
      lia_movement_notification_get_origin (LIA_MOVEMENT_NOTIFICATION (record)) :
      lia_movement_notification_get_destination (LIA_MOVEMENT_NOTIFICATION (record));
  else
    point = lia_incident_get_location (LIA_INCIDENT (record));

  *lat = point->lat;
  *lon = point->lon;
}

static void
set_point (LiaRecord  *record,
           const char *key,
           double      lat,
           double      lon)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    lia_site_notification_set_location (LIA_SITE_NOTIFICATION (record), lat, lon);
  else if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (record);
      g_autofree char *name = NULL;

      if (g_str_equal (key, "origin"))
        {
          name = g_strdup (lia_movement_notification_get_origin (movement)->name);
          lia_movement_notification_set_origin (movement, name, lat, lon);
        }
      else
        {
          name = g_strdup (lia_movement_notification_get_destination (movement)->name);
          lia_movement_notification_set_destination (movement, name, lat, lon);
        }
    }
  else
    {
      g_autofree char *name = g_strdup (lia_incident_get_location (LIA_INCIDENT (record))->name);

      lia_incident_set_location (LIA_INCIDENT (record), name, lat, lon);
    }
}

int
lia_notify_field_get_enum (LiaRecord            *record,
                           const LiaNotifyField *field)
{
  const char *key = field->key;

  if (g_str_equal (key, "facility_type"))
    return lia_site_notification_get_facility_type (LIA_SITE_NOTIFICATION (record));
  if (g_str_equal (key, "involvement"))
    return lia_site_notification_get_involvement (LIA_SITE_NOTIFICATION (record));
  if (g_str_equal (key, "movement_type"))
    return lia_movement_notification_get_movement_type (LIA_MOVEMENT_NOTIFICATION (record));
  if (g_str_equal (key, "incident_type"))
    return lia_incident_get_incident_type (LIA_INCIDENT (record));
  if (g_str_equal (key, "damage.level"))
    return lia_incident_get_damage_level (LIA_INCIDENT (record));

  return 0;
}

void
lia_notify_field_set_enum (LiaRecord            *record,
                           const LiaNotifyField *field,
                           int                   value)
{
  const char *key = field->key;

  if (g_str_equal (key, "facility_type"))
    lia_site_notification_set_facility_type (LIA_SITE_NOTIFICATION (record), value);
  else if (g_str_equal (key, "involvement"))
    lia_site_notification_set_involvement (LIA_SITE_NOTIFICATION (record), value);
  else if (g_str_equal (key, "movement_type"))
    lia_movement_notification_set_movement_type (LIA_MOVEMENT_NOTIFICATION (record), value);
  else if (g_str_equal (key, "incident_type"))
    lia_incident_set_incident_type (LIA_INCIDENT (record), value);
  else if (g_str_equal (key, "damage.level"))
    lia_incident_set_damage_level (LIA_INCIDENT (record), value);
}

gboolean
lia_notify_field_get_bool (LiaRecord            *record,
                           const LiaNotifyField *field)
{
  return LIA_IS_MOVEMENT_NOTIFICATION (record) &&
         lia_movement_notification_get_emergency (LIA_MOVEMENT_NOTIFICATION (record));
}

void
lia_notify_field_set_bool (LiaRecord            *record,
                           const LiaNotifyField *field,
                           gboolean              value)
{
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    lia_movement_notification_set_emergency (LIA_MOVEMENT_NOTIFICATION (record), value);
}

/* ---- as text -------------------------------------------------------------- */

char *
lia_notify_field_get_text (LiaRecord            *record,
                           const LiaNotifyField *field,
                           LiaOperationRules    *rules,
                           gboolean              for_display)
{
  switch (field->type)
    {
    case LIA_NOTIFY_FIELD_TEXT:
    case LIA_NOTIFY_FIELD_LONG_TEXT:
      {
        const char *value = get_string (record, field->key);

        if (value == NULL || *value == '\0')
          return NULL;
        return for_display ? lia_notify_isolate (value) : g_strdup (value);
      }

    case LIA_NOTIFY_FIELD_INT:
      return g_strdup_printf ("%d", get_int (record, field->key));

    case LIA_NOTIFY_FIELD_TIME:
      {
        GDateTime *time = get_time (record, field->key);
        g_autoptr(GDateTime) local = NULL;

        if (time == NULL)
          return NULL;
        if (for_display)
          return lia_operation_rules_format_time (rules, time);
        local = g_date_time_to_timezone (time, lia_operation_rules_get_time_zone (rules));
        return g_date_time_format (local, "%Y-%m-%d %H:%M");
      }

    case LIA_NOTIFY_FIELD_POINT:
      {
        double lat = NAN;
        double lon = NAN;
        char lat_text[G_ASCII_DTOSTR_BUF_SIZE];
        char lon_text[G_ASCII_DTOSTR_BUF_SIZE];

        get_point (record, field->key, &lat, &lon);
        if (isnan (lat) || isnan (lon))
          return NULL;
        /* Decimal degrees with a point, whatever the locale: the way they
         * are exchanged with the parties */
        g_ascii_formatd (lat_text, sizeof lat_text, "%.6f", lat);
        g_ascii_formatd (lon_text, sizeof lon_text, "%.6f", lon);
        /* Shown, they stay "lat, lon" in a right-to-left label too
         * (a left-to-right isolate); edited, the entry is left to right */
        if (for_display)
          return g_strdup_printf ("\u2066%s, %s\u2069", lat_text, lon_text);
        return g_strdup_printf ("%s, %s", lat_text, lon_text);
      }

    case LIA_NOTIFY_FIELD_ENUM:
      {
        int value = lia_notify_field_get_enum (record, field);

        if (for_display)
          return g_strdup (lia_notify_enum_get_label (field->enum_type (), value));
        return g_strdup (lia_enum_to_string (field->enum_type (), value));
      }

    case LIA_NOTIFY_FIELD_BOOL:
      return g_strdup (lia_notify_field_get_bool (record, field) ? _("Yes") : _("No"));

    case LIA_NOTIFY_FIELD_LIST:
      {
        const char * const *plates = lia_movement_notification_get_plates (LIA_MOVEMENT_NOTIFICATION (record));

        return plates != NULL && plates[0] != NULL ? g_strjoinv (", ", (char **) plates) : NULL;
      }

    default:
      g_assert_not_reached ();
    }
}

/* "2026-11-30 08:00" as well as full ISO 8601: seconds are optional */
static GDateTime *
parse_time (const char *text,
            GTimeZone  *tz)
{
  g_autofree char *with_seconds = NULL;
  GDateTime *time = lia_notify_time_parse (text, tz);

  if (time != NULL)
    return time;

  if (strlen (text) == 16 && text[10] == ' ' && text[13] == ':')
    {
      with_seconds = g_strconcat (text, ":00", NULL);
      return lia_notify_time_parse (with_seconds, tz);
    }

  return NULL;
}

static gboolean
parse_double (const char *text,
              double     *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  char *end = NULL;

  if (*copy == '\0')
    return FALSE;
  *value = g_ascii_strtod (copy, &end);
  return end != NULL && *end == '\0' && !isnan (*value);
}

void
lia_notify_field_set_text (LiaRecord            *record,
                           const LiaNotifyField *field,
                           LiaOperationRules    *rules,
                           const char           *text,
                           GPtrArray            *issues)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  gboolean empty = *stripped == '\0';

  switch (field->type)
    {
    case LIA_NOTIFY_FIELD_TEXT:
    case LIA_NOTIFY_FIELD_LONG_TEXT:
      set_string (record, field->key, empty ? NULL : stripped);
      break;

    case LIA_NOTIFY_FIELD_INT:
      {
        gint64 value = 0;

        if (!empty && !g_ascii_string_to_signed (stripped, 10, 0, G_MAXINT, &value, NULL))
          lia_validation_add (issues, LIA_VALIDATION_ERROR, field->key, NULL,
                              _("is not a whole number"));
        set_int (record, field->key, (int) value);
      }
      break;

    case LIA_NOTIFY_FIELD_TIME:
      {
        GTimeZone *tz = lia_operation_rules_get_time_zone (rules);
        g_autoptr(GDateTime) time = empty ? NULL : parse_time (stripped, tz);

        if (!empty && time == NULL)
          lia_validation_add (issues, LIA_VALIDATION_ERROR, field->key, NULL,
                              /* Translators: keep the example's digits as they are */
                              _("is not a date and time; write it as 2026-11-30 08:00"));
        set_time (record, field->key, time);
      }
      break;

    case LIA_NOTIFY_FIELD_POINT:
      {
        g_auto(GStrv) parts = empty ? NULL : g_strsplit_set (stripped, ",;", -1);
        double lat = NAN;
        double lon = NAN;

        if (!empty &&
            (g_strv_length (parts) != 2 || !parse_double (parts[0], &lat) || !parse_double (parts[1], &lon)))
          {
            lia_validation_add (issues, LIA_VALIDATION_ERROR, field->key, NULL,
                                /* Translators: keep the example's digits and comma as they are */
                                _("is not a latitude and a longitude; write them in decimal degrees, such as 15.5007, 32.5599"));
            lat = lon = NAN;
          }
        set_point (record, field->key, lat, lon);
      }
      break;

    case LIA_NOTIFY_FIELD_LIST:
      {
        g_auto(GStrv) parts = g_strsplit (stripped, ",", -1);
        g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
        g_auto(GStrv) plates = NULL;

        for (guint i = 0; parts[i] != NULL; i++)
          {
            g_strstrip (parts[i]);
            if (*parts[i] != '\0')
              g_strv_builder_add (builder, parts[i]);
          }
        plates = g_strv_builder_end (builder);
        lia_movement_notification_set_plates (LIA_MOVEMENT_NOTIFICATION (record), (const char * const *) plates);
      }
      break;

    case LIA_NOTIFY_FIELD_ENUM:
    case LIA_NOTIFY_FIELD_BOOL:
    default:
      g_assert_not_reached ();
    }
}

gboolean
lia_notify_field_matches (const LiaNotifyField *field,
                          const char           *issue_field)
{
  gsize len = strlen (field->key);

  if (issue_field == NULL || strncmp (issue_field, field->key, len) != 0)
    return FALSE;
  if (issue_field[len] == '\0')
    return TRUE;
  /* "location.lat" belongs to "location", but "origin.name" has a field
   * of its own */
  return field->type == LIA_NOTIFY_FIELD_POINT &&
         (g_str_equal (issue_field + len, ".lat") || g_str_equal (issue_field + len, ".lon"));
}

/* ---- whole records ------------------------------------------------------- */

char *
lia_notify_record_title (LiaRecord *record)
{
  /* The core's, as lists, messages and packages print it */
  if (LIA_IS_SITE_NOTIFICATION (record) || LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      char *title = lia_notification_dup_title (record);

      if (title != NULL && *title != '\0')
        return title;
      g_free (title);
      return g_strdup (_("Untitled notification"));
    }
  else
    {
      LiaIncident *incident = LIA_INCIDENT (record);
      const char *type = lia_notify_enum_get_label (LIA_TYPE_INCIDENT_TYPE, lia_incident_get_incident_type (incident));
      const char *place = lia_incident_get_location (incident)->name;

      if (place == NULL || *place == '\0')
        return g_strdup (type);
      /* Translators: an incident's type and place, "Shelling at Al-Amal clinic" */
      return g_strdup_printf (_("%s at %s"), type, place);
    }
}

int
lia_notify_record_get_status (LiaRecord *record)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    return lia_site_notification_get_status (LIA_SITE_NOTIFICATION (record));
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    return lia_movement_notification_get_status (LIA_MOVEMENT_NOTIFICATION (record));
  return -1;
}

const char *
lia_notify_record_status_label (LiaRecord *record)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    return lia_notify_enum_get_label (LIA_TYPE_SITE_STATUS, lia_notify_record_get_status (record));
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    return lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_STATUS, lia_notify_record_get_status (record));
  return NULL;
}

GPtrArray *
lia_notify_record_validate (LiaRecord         *record,
                            LiaStore          *store,
                            LiaOperationRules *rules,
                            GDateTime         *now)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    return lia_site_notification_validate (LIA_SITE_NOTIFICATION (record), store, rules);
  if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    /* The core knows when the lead time matters */
    return lia_movement_notification_validate (LIA_MOVEMENT_NOTIFICATION (record), rules, now);
  return lia_incident_validate (LIA_INCIDENT (record), store);
}

char *
lia_notify_format_offset (LiaOperationRules *rules,
                          GDateTime         *now)
{
  g_autoptr(GDateTime) local = g_date_time_to_timezone (now, lia_operation_rules_get_time_zone (rules));
  GTimeSpan span = g_date_time_get_utc_offset (local);
  gint64 minutes = ABS (span) / G_TIME_SPAN_MINUTE;

  return g_strdup_printf ("UTC%c%02d:%02d", span < 0 ? '-' : '+',
                          (int) (minutes / 60), (int) (minutes % 60));
}

/* @text in a first-strong isolate: an English name keeps its full stop at
 * its end in an Arabic interface, and an Arabic name reads right to left
 * in an English one */
char *
lia_notify_isolate (const char *text)
{
  return g_strdup_printf ("\u2068%s\u2069", text != NULL ? text : "");
}
