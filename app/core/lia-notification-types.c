/* lia-notification-types.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lia-actor-types.h"
#include "lia-movement-notification.h"
#include "lia-notification-types.h"
#include "lia-sensitivity.h"
#include "lia-site-notification.h"

G_DEFINE_ENUM_TYPE (LiaFacilityType, lia_facility_type,
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_OFFICE, "office"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_WAREHOUSE, "warehouse"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_HEALTH, "health"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_EDUCATION, "education"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_WATER, "water"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_POWER, "power"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_RESIDENCE, "residence"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_DISTRIBUTION, "distribution"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_SHELTER, "shelter"),
  G_DEFINE_ENUM_VALUE (LIA_FACILITY_OTHER, "other"))

G_DEFINE_ENUM_TYPE (LiaInvolvement, lia_involvement,
  G_DEFINE_ENUM_VALUE (LIA_INVOLVEMENT_ADMINISTERED, "administered"),
  G_DEFINE_ENUM_VALUE (LIA_INVOLVEMENT_SUPPORTED, "supported"),
  G_DEFINE_ENUM_VALUE (LIA_INVOLVEMENT_OPERATED, "operated"))

G_DEFINE_ENUM_TYPE (LiaSiteStatus, lia_site_status,
  G_DEFINE_ENUM_VALUE (LIA_SITE_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (LIA_SITE_STATUS_ACTIVE, "active"),
  G_DEFINE_ENUM_VALUE (LIA_SITE_STATUS_REMOVED, "removed"))

G_DEFINE_ENUM_TYPE (LiaMovementType, lia_movement_type,
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_STAFF, "staff"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_FOOD, "food"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_NON_FOOD, "non-food"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_CARGO, "cargo"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_MEDICAL_EVACUATION, "medical-evacuation"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_FLIGHT, "flight"))

G_DEFINE_ENUM_TYPE (LiaMovementStatus, lia_movement_status,
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_STATUS_DRAFT, "draft"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_STATUS_NOTIFIED, "notified"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_STATUS_UNDER_WAY, "under-way"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_STATUS_COMPLETED, "completed"),
  G_DEFINE_ENUM_VALUE (LIA_MOVEMENT_STATUS_CANCELLED, "cancelled"))

G_DEFINE_ENUM_TYPE (LiaTransmissionKind, lia_transmission_kind,
  G_DEFINE_ENUM_VALUE (LIA_TRANSMISSION_SENT, "sent"),
  G_DEFINE_ENUM_VALUE (LIA_TRANSMISSION_ACKNOWLEDGED, "acknowledged"),
  G_DEFINE_ENUM_VALUE (LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT, "no-acknowledgement"),
  G_DEFINE_ENUM_VALUE (LIA_TRANSMISSION_CORRECTION, "correction"))

G_DEFINE_ENUM_TYPE (LiaChannel, lia_channel,
  G_DEFINE_ENUM_VALUE (LIA_CHANNEL_EMAIL, "e-mail"),
  G_DEFINE_ENUM_VALUE (LIA_CHANNEL_PHONE, "phone"),
  G_DEFINE_ENUM_VALUE (LIA_CHANNEL_MESSAGING, "messaging"),
  G_DEFINE_ENUM_VALUE (LIA_CHANNEL_LIAISON_MEETING, "liaison-meeting"),
  G_DEFINE_ENUM_VALUE (LIA_CHANNEL_HAND_DELIVERY, "hand-delivery"))

G_DEFINE_ENUM_TYPE (LiaIncidentType, lia_incident_type,
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_STRIKE, "strike"),
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_SHELLING, "shelling"),
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_DETENTION, "detention"),
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_OBSTRUCTION, "obstruction"),
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_LOOTING, "looting"),
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_THREAT, "threat"),
  G_DEFINE_ENUM_VALUE (LIA_INCIDENT_OTHER, "other"))

G_DEFINE_ENUM_TYPE (LiaDamageLevel, lia_damage_level,
  G_DEFINE_ENUM_VALUE (LIA_DAMAGE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (LIA_DAMAGE_LIGHT, "light"),
  G_DEFINE_ENUM_VALUE (LIA_DAMAGE_MODERATE, "moderate"),
  G_DEFINE_ENUM_VALUE (LIA_DAMAGE_SEVERE, "severe"),
  G_DEFINE_ENUM_VALUE (LIA_DAMAGE_DESTROYED, "destroyed"))

/* Packages go to a party in the party's language, whatever the language
 * of the interface, and this machine may have no French or Arabic locale:
 * the printed words come from these tables.  The English column is also
 * the interface's msgid, translated by the catalogue (g_dgettext). */
typedef struct
{
  const char *key;
  const char *en;
  const char *fr;
  const char *ar;
} Label;

static const Label field_labels[] = {
  { "organisation", N_("Organisation"), "Organisation", "المنظمة" },
  { "facility_type", N_("Facility type"), "Type d’installation", "نوع المنشأة" },
  { "name", N_("Name"), "Nom", "الاسم" },
  { "location", N_("Location"), "Emplacement", "الموقع" },
  { "location.lat", N_("Latitude"), "Latitude", "خط العرض" },
  { "location.lon", N_("Longitude"), "Longitude", "خط الطول" },
  { "admin_area", N_("Administrative area"), "Zone administrative", "المنطقة الإدارية" },
  { "address", N_("Address"), "Adresse", "العنوان" },
  { "function", N_("Humanitarian function"), "Fonction humanitaire", "الوظيفة الإنسانية" },
  { "involvement", N_("Role of the organisation"), "Rôle de l’organisation", "دور المنظمة" },
  { "persons_present", N_("Persons present"), "Personnes présentes", "عدد الأشخاص الموجودين" },
  { "contact", N_("Contact"), "Contact", "جهة الاتصال" },
  { "valid_from", N_("Valid from"), "Valable à partir du", "سارٍ اعتبارًا من" },
  { "valid_until", N_("Valid until"), "Valable jusqu’au", "سارٍ حتى" },
  { "reference", N_("Reference"), "Référence", "الرقم المرجعي" },
  { "status", N_("Status"), "Statut", "الحالة" },
  { "sensitivity", N_("Sensitivity"), "Sensibilité", "درجة الحساسية" },
  { "movement_type", N_("Movement type"), "Type de mouvement", "نوع التحرك" },
  { "origin", N_("Origin"), "Point de départ", "نقطة الانطلاق" },
  { "destination", N_("Destination"), "Destination", "الوجهة" },
  { "waypoints", N_("Waypoints"), "Points de passage", "نقاط العبور" },
  { "departure.start", N_("Departure from"), "Départ à partir de", "المغادرة من" },
  { "departure.end", N_("Departure until"), "Départ jusqu’à", "المغادرة حتى" },
  { "arrival.start", N_("Arrival from"), "Arrivée à partir de", "الوصول من" },
  { "arrival.end", N_("Arrival until"), "Arrivée jusqu’à", "الوصول حتى" },
  { "vehicles.count", N_("Vehicles"), "Véhicules", "عدد المركبات" },
  { "vehicles.plates", N_("Number plates"), "Plaques d’immatriculation", "لوحات الأرقام" },
  { "vehicles.markings", N_("Markings"), "Marquages", "العلامات" },
  { "persons", N_("Persons"), "Personnes", "عدد الأشخاص" },
  { "cargo", N_("Cargo"), "Chargement", "الحمولة" },
  { "convoy_leader", N_("Convoy leader contact"), "Contact du chef de convoi", "جهة الاتصال بقائد القافلة" },
  { "emergency", N_("Emergency"), "Urgence", "حالة طارئة" },
  { "incident_type", N_("Incident type"), "Type d’incident", "نوع الحادث" },
  { "at", N_("Time"), "Heure", "الوقت" },
  { "description", N_("Description"), "Description", "الوصف" },
  { "damage.level", N_("Damage"), "Dégâts", "الأضرار" },
  { "damage.description", N_("Damage description"), "Description des dégâts", "وصف الأضرار" },
  { "linked_notifications", N_("Linked notifications"), "Notifications liées", "الإخطارات المرتبطة" },
  /* Package headings and notes */
  { "title.site-notification", N_("Humanitarian notification: static site"),
    "Notification humanitaire : site fixe", "إخطار إنساني: موقع ثابت" },
  { "title.movement-notification", N_("Humanitarian notification: movement"),
    "Notification humanitaire : mouvement", "إخطار إنساني: تحرك" },
  { "party", N_("For"), "Destinataire", "إلى" },
  { "issued", N_("Issued"), "Émis le", "تاريخ الإصدار" },
  { "revision", N_("Revision"), "Révision", "المراجعة" },
  { "uuid", N_("Notification ID"), "Identifiant de la notification", "معرّف الإخطار" },
  { "map", N_("Locator map"), "Carte de situation", "خريطة الموقع" },
  { "route", N_("Route"), "Itinéraire", "المسار" },
  { "time_zone", N_("Times are in"), "Heures exprimées en", "الأوقات بتوقيت" },
  { "yes", N_("Yes"), "Oui", "نعم" },
  { "no", N_("No"), "Non", "لا" },
  { "disclaimer",
    N_("This notification is shared for deconfliction. Notifying is voluntary; it does not relieve any party of its obligations under international humanitarian law, and a site or movement that was not notified keeps its protection."),
    "Cette notification est transmise aux fins de déconfliction. La notification est volontaire ; elle ne dispense aucune partie de ses obligations au titre du droit international humanitaire, et un site ou un mouvement non notifié conserve sa protection.",
    "يُقدَّم هذا الإخطار لأغراض تجنب التعارض. الإخطار طوعي، ولا يعفي أي طرف من التزاماته بموجب القانون الدولي الإنساني، ويظل الموقع أو التحرك غير المُخطَر به محميًا." },
};

typedef struct
{
  GType       (*type) (void);
  int           value;
  const char   *en;
  const char   *fr;
  const char   *ar;
} EnumLabel;

static const EnumLabel enum_labels[] = {
  { lia_facility_type_get_type, LIA_FACILITY_OFFICE, N_("Office"), "Bureau", "مكتب" },
  { lia_facility_type_get_type, LIA_FACILITY_WAREHOUSE, N_("Warehouse"), "Entrepôt", "مستودع" },
  { lia_facility_type_get_type, LIA_FACILITY_HEALTH, N_("Health facility"), "Établissement de santé", "منشأة صحية" },
  { lia_facility_type_get_type, LIA_FACILITY_EDUCATION, N_("School or education facility"), "École ou établissement d’enseignement", "مدرسة أو منشأة تعليمية" },
  { lia_facility_type_get_type, LIA_FACILITY_WATER, N_("Water infrastructure"), "Infrastructure d’eau", "بنية تحتية للمياه" },
  { lia_facility_type_get_type, LIA_FACILITY_POWER, N_("Power infrastructure"), "Infrastructure électrique", "بنية تحتية للكهرباء" },
  { lia_facility_type_get_type, LIA_FACILITY_RESIDENCE, N_("Staff residence"), "Résidence du personnel", "سكن الموظفين" },
  { lia_facility_type_get_type, LIA_FACILITY_DISTRIBUTION, N_("Distribution site"), "Site de distribution", "موقع توزيع" },
  { lia_facility_type_get_type, LIA_FACILITY_SHELTER, N_("Shelter or camp"), "Abri ou camp", "مأوى أو مخيم" },
  { lia_facility_type_get_type, LIA_FACILITY_OTHER, N_("Other facility"), "Autre installation", "منشأة أخرى" },
  { lia_involvement_get_type, LIA_INVOLVEMENT_ADMINISTERED, N_("Administered"), "Administré", "تديرها المنظمة" },
  { lia_involvement_get_type, LIA_INVOLVEMENT_SUPPORTED, N_("Supported"), "Soutenu", "تدعمها المنظمة" },
  { lia_involvement_get_type, LIA_INVOLVEMENT_OPERATED, N_("Operated"), "Exploité", "تشغّلها المنظمة" },
  { lia_site_status_get_type, LIA_SITE_STATUS_DRAFT, N_("Draft"), "Brouillon", "مسودة" },
  { lia_site_status_get_type, LIA_SITE_STATUS_ACTIVE, N_("Active"), "Active", "ساري" },
  { lia_site_status_get_type, LIA_SITE_STATUS_REMOVED, N_("Removed"), "Retirée", "مسحوب" },
  { lia_movement_type_get_type, LIA_MOVEMENT_STAFF, N_("Staff movement"), "Mouvement de personnel", "تنقل موظفين" },
  { lia_movement_type_get_type, LIA_MOVEMENT_FOOD, N_("Food"), "Vivres", "مواد غذائية" },
  { lia_movement_type_get_type, LIA_MOVEMENT_NON_FOOD, N_("Non-food items"), "Articles non alimentaires", "مواد غير غذائية" },
  { lia_movement_type_get_type, LIA_MOVEMENT_CARGO, N_("Cargo"), "Fret", "شحنة" },
  { lia_movement_type_get_type, LIA_MOVEMENT_MEDICAL_EVACUATION, N_("Medical evacuation"), "Évacuation médicale", "إجلاء طبي" },
  { lia_movement_type_get_type, LIA_MOVEMENT_FLIGHT, N_("Flight"), "Vol", "رحلة جوية" },
  { lia_movement_status_get_type, LIA_MOVEMENT_STATUS_DRAFT, N_("Draft"), "Brouillon", "مسودة" },
  { lia_movement_status_get_type, LIA_MOVEMENT_STATUS_NOTIFIED, N_("Notified"), "Notifié", "تم الإخطار" },
  { lia_movement_status_get_type, LIA_MOVEMENT_STATUS_UNDER_WAY, N_("Under way"), "En cours", "جارٍ" },
  { lia_movement_status_get_type, LIA_MOVEMENT_STATUS_COMPLETED, N_("Completed"), "Terminé", "مكتمل" },
  { lia_movement_status_get_type, LIA_MOVEMENT_STATUS_CANCELLED, N_("Cancelled"), "Annulé", "ملغى" },
  { lia_transmission_kind_get_type, LIA_TRANSMISSION_SENT, N_("Sent"), "Envoyée", "أُرسل" },
  { lia_transmission_kind_get_type, LIA_TRANSMISSION_ACKNOWLEDGED, N_("Acknowledged"), "Accusé de réception", "تم الإقرار بالاستلام" },
  { lia_transmission_kind_get_type, LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT, N_("No acknowledgement"), "Pas d’accusé de réception", "لا إقرار بالاستلام" },
  { lia_transmission_kind_get_type, LIA_TRANSMISSION_CORRECTION, N_("Correction"), "Correction", "تصحيح" },
  { lia_channel_get_type, LIA_CHANNEL_EMAIL, N_("E-mail"), "Courriel", "بريد إلكتروني" },
  { lia_channel_get_type, LIA_CHANNEL_PHONE, N_("Phone"), "Téléphone", "هاتف" },
  { lia_channel_get_type, LIA_CHANNEL_MESSAGING, N_("Messaging app"), "Messagerie", "تطبيق مراسلة" },
  { lia_channel_get_type, LIA_CHANNEL_LIAISON_MEETING, N_("Liaison meeting"), "Réunion de liaison", "اجتماع تنسيق" },
  { lia_channel_get_type, LIA_CHANNEL_HAND_DELIVERY, N_("Hand delivery"), "Remise en main propre", "تسليم باليد" },
  { lia_incident_type_get_type, LIA_INCIDENT_STRIKE, N_("Air or drone strike"), "Frappe aérienne ou de drone", "غارة جوية أو بطائرة مسيّرة" },
  { lia_incident_type_get_type, LIA_INCIDENT_SHELLING, N_("Shelling"), "Bombardement", "قصف مدفعي" },
  { lia_incident_type_get_type, LIA_INCIDENT_DETENTION, N_("Detention"), "Détention", "احتجاز" },
  { lia_incident_type_get_type, LIA_INCIDENT_OBSTRUCTION, N_("Obstruction of access"), "Entrave à l’accès", "عرقلة الوصول" },
  { lia_incident_type_get_type, LIA_INCIDENT_LOOTING, N_("Looting"), "Pillage", "نهب" },
  { lia_incident_type_get_type, LIA_INCIDENT_THREAT, N_("Threat"), "Menace", "تهديد" },
  { lia_incident_type_get_type, LIA_INCIDENT_OTHER, N_("Other incident"), "Autre incident", "حادث آخر" },
  { lia_damage_level_get_type, LIA_DAMAGE_NONE, N_("No damage"), "Aucun dégât", "لا أضرار" },
  { lia_damage_level_get_type, LIA_DAMAGE_LIGHT, N_("Light damage"), "Dégâts légers", "أضرار طفيفة" },
  { lia_damage_level_get_type, LIA_DAMAGE_MODERATE, N_("Moderate damage"), "Dégâts modérés", "أضرار متوسطة" },
  { lia_damage_level_get_type, LIA_DAMAGE_SEVERE, N_("Severe damage"), "Dégâts graves", "أضرار جسيمة" },
  { lia_damage_level_get_type, LIA_DAMAGE_DESTROYED, N_("Destroyed"), "Détruit", "دُمّر بالكامل" },
  /* Sensitivity labels are the interface's own (lia-sensitivity.c). */
  { lia_sensitivity_get_type, LIA_SENSITIVITY_PUBLIC, "Public", "Public", "عام" },
  { lia_sensitivity_get_type, LIA_SENSITIVITY_RESTRICTED, "Restricted", "Restreint", "مقيّد" },
  { lia_sensitivity_get_type, LIA_SENSITIVITY_CONFIDENTIAL, "Confidential", "Confidentiel", "سري" },
  { lia_sensitivity_get_type, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL, "Strictly confidential", "Strictement confidentiel", "سري للغاية" },
};

static const char *
pick (const char *en,
      const char *fr,
      const char *ar,
      const char *lang)
{
  if (g_strcmp0 (lang, "fr") == 0)
    return fr;
  if (g_strcmp0 (lang, "ar") == 0)
    return ar;
  return en;
}

static const EnumLabel *
find_enum_label (GType enum_type,
                 int   value)
{
  for (guint i = 0; i < G_N_ELEMENTS (enum_labels); i++)
    if (enum_labels[i].type () == enum_type && enum_labels[i].value == value)
      return &enum_labels[i];

  return NULL;
}

const char *
lia_notify_enum_get_label (GType enum_type,
                           int   value)
{
  const EnumLabel *label = find_enum_label (enum_type, value);

  if (label == NULL)
    return lia_enum_to_string (enum_type, value);

  return g_dgettext (GETTEXT_PACKAGE, label->en);
}

const char *
lia_notify_enum_get_label_in (GType       enum_type,
                              int         value,
                              const char *lang)
{
  const EnumLabel *label = find_enum_label (enum_type, value);

  if (label == NULL)
    return lia_enum_to_string (enum_type, value);

  return pick (label->en, label->fr, label->ar, lang);
}

const char *
lia_notify_field_get_label_in (const char *field,
                               const char *lang)
{
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (g_str_equal (field_labels[i].key, field))
      return pick (field_labels[i].en, field_labels[i].fr, field_labels[i].ar, lang);

  return field;
}

gboolean
lia_notify_lang_is_rtl (const char *lang)
{
  return g_strcmp0 (lang, "ar") == 0;
}

void
lia_notify_point_clear (LiaNotifyPoint *point)
{
  g_clear_pointer (&point->name, g_free);
  point->lat = NAN;
  point->lon = NAN;
}

void
lia_notify_point_copy (const LiaNotifyPoint *src,
                       LiaNotifyPoint       *dest)
{
  dest->name = g_strdup (src->name);
  dest->lat = src->lat;
  dest->lon = src->lon;
}

/* Returns: (transfer full): the title, "" for a record of another type */
char *
lia_notification_dup_title (LiaRecord *notification)
{
  g_return_val_if_fail (LIA_IS_RECORD (notification), NULL);

  if (LIA_IS_SITE_NOTIFICATION (notification))
    {
      const char *name = lia_site_notification_get_name (LIA_SITE_NOTIFICATION (notification));

      return g_strdup (name != NULL ? name : "");
    }

  if (LIA_IS_MOVEMENT_NOTIFICATION (notification))
    {
      LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (notification);
      const char *origin = lia_movement_notification_get_origin (movement)->name;
      const char *destination = lia_movement_notification_get_destination (movement)->name;

      return g_strdup_printf ("%s → %s", origin != NULL ? origin : "?", destination != NULL ? destination : "?");
    }

  return g_strdup ("");
}

#define EARTH_RADIUS_KM 6371.0088
#define RADIANS(deg) ((deg) * G_PI / 180.0)

double
lia_geo_distance_km (double lat1,
                     double lon1,
                     double lat2,
                     double lon2)
{
  double dlat = RADIANS (lat2 - lat1);
  double dlon = RADIANS (lon2 - lon1);
  double a = sin (dlat / 2) * sin (dlat / 2) +
             cos (RADIANS (lat1)) * cos (RADIANS (lat2)) * sin (dlon / 2) * sin (dlon / 2);

  return 2 * EARTH_RADIUS_KM * asin (MIN (1.0, sqrt (a)));
}

/* On a plane tangent at the point: legs are tens of kilometres, where the
 * error of the projection is far below a GPS fix's. */
double
lia_geo_distance_to_route_km (double                lat,
                              double                lon,
                              const LiaNotifyPoint *points,
                              guint                 n_points)
{
  double best = INFINITY;
  double kx = EARTH_RADIUS_KM * RADIANS (1.0) * cos (RADIANS (lat));
  double ky = EARTH_RADIUS_KM * RADIANS (1.0);

  if (n_points == 1)
    return lia_geo_distance_km (lat, lon, points[0].lat, points[0].lon);

  for (guint i = 0; i + 1 < n_points; i++)
    {
      double ax = (points[i].lon - lon) * kx, ay = (points[i].lat - lat) * ky;
      double bx = (points[i + 1].lon - lon) * kx, by = (points[i + 1].lat - lat) * ky;
      double dx = bx - ax, dy = by - ay;
      double length2 = dx * dx + dy * dy;
      double t = length2 > 0 ? CLAMP (-(ax * dx + ay * dy) / length2, 0.0, 1.0) : 0.0;
      double px = ax + t * dx, py = ay + t * dy;

      best = MIN (best, sqrt (px * px + py * py));
    }

  return best;
}

/* Returns: (transfer full) (nullable): @text in UTC, or NULL if it is not
 * an ISO 8601 date and time */
GDateTime *
lia_notify_time_parse (const char *text,
                       GTimeZone  *default_tz)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) time = NULL;

  if (text == NULL || *text == '\0')
    return NULL;

  time = g_date_time_new_from_iso8601 (text, default_tz != NULL ? default_tz : utc);
  if (time == NULL)
    return NULL;

  return g_date_time_to_utc (time);
}

char *
lia_notify_time_format_utc (GDateTime *time)
{
  g_autoptr(GDateTime) utc = NULL;

  if (time == NULL)
    return NULL;

  utc = g_date_time_to_utc (time);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}
