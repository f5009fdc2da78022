/* lia-incident.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lia-actor.h"
#include "lia-error.h"
#include "lia-incident.h"
#include "lia-movement-notification.h"
#include "lia-record-fields-private.h"
#include "lia-site-notification.h"
#include "lia-transmission.h"

#define GUIDANCE "notified-site-struck"

/* First-strong isolates keep a Latin name or a date whole, in its own
 * direction, inside an Arabic sentence and the other way round. */
#define FSI "\u2068"
#define PDI "\u2069"

struct _LiaIncident
{
  LiaRecord        parent_instance;

  int              type;
  GDateTime       *at;
  LiaNotifyPoint   location;
  char            *description;
  int              casualties[2][3];
  int              damage_level;
  char            *damage_description;
  char           **linked;
};

G_DEFINE_FINAL_TYPE (LiaIncident, lia_incident, LIA_TYPE_RECORD)

#define FIELD(path, kind, member, required, min, max, type) \
  { path, kind, G_STRUCT_OFFSET (LiaIncident, member), required, min, max, type }
#define CASUALTY_MAX 100000

static const LiaFieldSpec fields[] = {
  FIELD ("incident_type", LIA_FIELD_ENUM, type, TRUE, 0, 0, lia_incident_type_get_type),
  FIELD ("at", LIA_FIELD_TIME, at, TRUE, 0, 0, NULL),
  FIELD ("location", LIA_FIELD_POINT, location, TRUE, 0, 0, NULL),
  FIELD ("description", LIA_FIELD_STRING, description, TRUE, 0, LIA_FIELD_LONG_TEXT, NULL),
  FIELD ("casualties.staff.killed", LIA_FIELD_INT, casualties[0][0], FALSE, 0, CASUALTY_MAX, NULL),
  FIELD ("casualties.staff.injured", LIA_FIELD_INT, casualties[0][1], FALSE, 0, CASUALTY_MAX, NULL),
  FIELD ("casualties.staff.missing", LIA_FIELD_INT, casualties[0][2], FALSE, 0, CASUALTY_MAX, NULL),
  FIELD ("casualties.civilians.killed", LIA_FIELD_INT, casualties[1][0], FALSE, 0, CASUALTY_MAX, NULL),
  FIELD ("casualties.civilians.injured", LIA_FIELD_INT, casualties[1][1], FALSE, 0, CASUALTY_MAX, NULL),
  FIELD ("casualties.civilians.missing", LIA_FIELD_INT, casualties[1][2], FALSE, 0, CASUALTY_MAX, NULL),
  FIELD ("damage.level", LIA_FIELD_ENUM, damage_level, FALSE, 0, 0, lia_damage_level_get_type),
  FIELD ("damage.description", LIA_FIELD_STRING, damage_description, FALSE, 0, 2000, NULL),
  FIELD ("linked_notifications", LIA_FIELD_STRV, linked, FALSE, 0, 50, NULL),
};

static void
lia_incident_serialize (LiaRecord   *record,
                        JsonBuilder *builder)
{
  lia_fields_serialize (record, fields, G_N_ELEMENTS (fields), builder);
}

static gboolean
lia_incident_deserialize (LiaRecord   *record,
                          JsonObject  *body,
                          GError     **error)
{
  lia_fields_read (record, fields, G_N_ELEMENTS (fields), body, FALSE, NULL);

  return TRUE;
}

static void
lia_incident_finalize (GObject *object)
{
  lia_fields_clear (object, fields, G_N_ELEMENTS (fields));

  G_OBJECT_CLASS (lia_incident_parent_class)->finalize (object);
}

static void
lia_incident_class_init (LiaIncidentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_incident_finalize;

  record_class->record_type = "incident";
  record_class->serialize = lia_incident_serialize;
  record_class->deserialize = lia_incident_deserialize;
}

static void
lia_incident_init (LiaIncident *self)
{
  lia_fields_init (self, fields, G_N_ELEMENTS (fields));
  self->type = LIA_INCIDENT_OTHER;
  self->damage_level = LIA_DAMAGE_NONE;
}

LiaIncident *
lia_incident_new (const char *operation)
{
  return g_object_new (LIA_TYPE_INCIDENT,
                       "operation", operation,
                       "sensitivity", LIA_SENSITIVITY_CONFIDENTIAL,
                       NULL);
}

LiaIncident *
lia_incident_new_from_json (const char *operation,
                            JsonObject *object,
                            gboolean    repaired_utf8,
                            GPtrArray  *issues)
{
  LiaIncident *self = lia_incident_new (operation);

  g_return_val_if_fail (object != NULL, self);
  g_return_val_if_fail (issues != NULL, self);

  lia_fields_read (self, fields, G_N_ELEMENTS (fields), object, repaired_utf8, issues);
  lia_fields_read_sensitivity (self, object, issues);

  return self;
}

LiaIncidentType
lia_incident_get_incident_type (LiaIncident *self)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), LIA_INCIDENT_OTHER);

  return self->type;
}

void
lia_incident_set_incident_type (LiaIncident     *self,
                                LiaIncidentType  type)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));
  g_return_if_fail (type <= LIA_INCIDENT_OTHER);

  self->type = type;
}

GDateTime *
lia_incident_get_at (LiaIncident *self)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), NULL);

  return self->at;
}

void
lia_incident_set_at (LiaIncident *self,
                     GDateTime   *at)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));

  lia_field_set_time (&self->at, at);
}

const LiaNotifyPoint *
lia_incident_get_location (LiaIncident *self)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), NULL);

  return &self->location;
}

void
lia_incident_set_location (LiaIncident *self,
                           const char  *name,
                           double       lat,
                           double       lon)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));

  lia_field_set_string (&self->location.name, name);
  self->location.lat = lat;
  self->location.lon = lon;
}

const char *
lia_incident_get_description (LiaIncident *self)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), NULL);

  return self->description;
}

void
lia_incident_set_description (LiaIncident *self,
                              const char  *description)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));

  lia_field_set_string (&self->description, description);
}

int
lia_incident_get_casualties (LiaIncident        *self,
                             LiaCasualtyGroup    group,
                             LiaCasualtyOutcome  outcome)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), 0);
  g_return_val_if_fail (group <= LIA_CASUALTY_CIVILIANS && outcome <= LIA_CASUALTY_MISSING, 0);

  return self->casualties[group][outcome];
}

void
lia_incident_set_casualties (LiaIncident        *self,
                             LiaCasualtyGroup    group,
                             LiaCasualtyOutcome  outcome,
                             int                 count)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));
  g_return_if_fail (group <= LIA_CASUALTY_CIVILIANS && outcome <= LIA_CASUALTY_MISSING);

  self->casualties[group][outcome] = count;
}

LiaDamageLevel
lia_incident_get_damage_level (LiaIncident *self)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), LIA_DAMAGE_NONE);

  return self->damage_level;
}

void
lia_incident_set_damage_level (LiaIncident    *self,
                               LiaDamageLevel  level)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));
  g_return_if_fail (level <= LIA_DAMAGE_DESTROYED);

  self->damage_level = level;
}

const char *
lia_incident_get_damage_description (LiaIncident *self)
{
  g_return_val_if_fail (LIA_IS_INCIDENT (self), NULL);

  return self->damage_description;
}

void
lia_incident_set_damage_description (LiaIncident *self,
                                     const char  *description)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));

  lia_field_set_string (&self->damage_description, description);
}

const char * const *
lia_incident_get_linked_notifications (LiaIncident *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (LIA_IS_INCIDENT (self), NULL);

  return self->linked != NULL ? (const char * const *) self->linked : none;
}

void
lia_incident_set_linked_notifications (LiaIncident        *self,
                                       const char * const *uuids)
{
  g_return_if_fail (LIA_IS_INCIDENT (self));

  g_strfreev (self->linked);
  self->linked = g_strdupv ((char **) uuids);
}

void
lia_incident_link_notification (LiaIncident *self,
                                const char  *uuid)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_if_fail (LIA_IS_INCIDENT (self));
  g_return_if_fail (uuid != NULL);

  if (self->linked != NULL && g_strv_contains ((const char * const *) self->linked, uuid))
    return;

  if (self->linked != NULL)
    g_strv_builder_addv (builder, (const char **) self->linked);
  g_strv_builder_add (builder, uuid);
  g_strfreev (self->linked);
  self->linked = g_strv_builder_end (builder);
}

/* Returns: (transfer full) (element-type LiaValidationIssue) */
GPtrArray *
lia_incident_validate (LiaIncident *self,
                       LiaStore    *store)
{
  GPtrArray *issues = lia_validation_issues_new ();

  g_return_val_if_fail (LIA_IS_INCIDENT (self), issues);

  lia_fields_check (self, fields, G_N_ELEMENTS (fields), GUIDANCE, issues);

  if (store != NULL && self->at != NULL)
    {
      g_autoptr(GDateTime) now = lia_clock_get_now (lia_store_get_clock (store));

      if (g_date_time_compare (self->at, now) > 0)
        lia_validation_add (issues, LIA_VALIDATION_ERROR, "at", GUIDANCE,
                            _("is in the future; an incident is recorded once it happened"));
    }

  for (guint i = 0; store != NULL && self->linked != NULL && self->linked[i] != NULL; i++)
    {
      g_autoptr(LiaRecord) record = lia_store_load (store, self->linked[i], NULL);
      g_autofree char *field = g_strdup_printf ("linked_notifications[%u]", i);

      if (record == NULL || !(LIA_IS_SITE_NOTIFICATION (record) || LIA_IS_MOVEMENT_NOTIFICATION (record)))
        lia_validation_add (issues, LIA_VALIDATION_ERROR, field, GUIDANCE,
                            _("“%s” is not a site or movement notification of this device"), self->linked[i]);
    }

  return issues;
}

void
lia_incident_link_free (LiaIncidentLink *link)
{
  if (link == NULL)
    return;

  g_free (link->notification_uuid);
  g_free (link->record_type);
  g_free (link->title);
  g_free (link->explanation);
  g_free (link);
}

/* The words of the advocacy summary, in the language it is written for.
 * {1}, {2}… stand for the arguments, so that a language may put them in
 * its own order. */
typedef struct
{
  const char *lang;
  const char *and;
  const char *site_notified;     /* {1} name, {2} parties */
  const char *movement_notified; /* {1} title, {2} parties */
  const char *acknowledged;      /* {1} party, {2} time */
  const char *none_acknowledged;
  const char *not_notified;      /* {1} name */
  const char *happened;          /* {1} time, {2} type, {3} place, {4} lat, {5} lon */
  const char *casualties;        /* staff {1} {2} {3}, civilians {4} {5} {6} */
  const char *damage;            /* {1} level */
} Words;

static const Words words_by_lang[] = {
  { "en", " and ",
    "The site “{1}” had been notified to {2}",
    "The movement {1} had been notified to {2}",
    "; {1} acknowledged receipt on {2}",
    "; no party had acknowledged receipt",
    "“{1}” had not been notified to any party.",
    "On {1}, an incident ({2}) occurred at {3} ({4}, {5}).",
    "Humanitarian staff: {1} killed, {2} injured, {3} missing. Civilians: {4} killed, {5} injured, {6} missing.",
    "Damage: {1}." },
  { "fr", " et ",
    "Le site « {1} » avait été notifié à {2}",
    "Le mouvement {1} avait été notifié à {2}",
    " ; {1} en a accusé réception le {2}",
    " ; aucune partie n’en avait accusé réception",
    "« {1} » n’avait été notifié à aucune partie.",
    "Le {1}, un incident ({2}) s’est produit à {3} ({4}, {5}).",
    "Personnel humanitaire : {1} tués, {2} blessés, {3} disparus. Civils : {4} tués, {5} blessés, {6} disparus.",
    "Dégâts : {1}." },
  { "ar", " و",
    "كان الموقع «{1}» قد أُخطر به {2}",
    "كان التحرك {1} قد أُخطر به {2}",
    "، وأقرّ {1} بالاستلام في {2}",
    "، ولم يُقرّ أي طرف بالاستلام",
    "لم يُخطَر أي طرف بـ«{1}».",
    "في {1}، وقع حادث ({2}) في {3} ({4}، {5}).",
    "العاملون في المجال الإنساني: {1} قتلى، {2} جرحى، {3} مفقودون. المدنيون: {4} قتلى، {5} جرحى، {6} مفقودون.",
    "الأضرار: {1}." },
};

/* The same sentences in the interface language, for the link
 * suggestions shown next to an incident. */
static const Words *
interface_words (void)
{
  static Words words;

  words = (Words) {
    NULL,
    /* Translators: joins the last two names of a list: “A, B and C” */
    _(" and "),
    /* Translators: {1} is a site name, {2} a list of parties */
    _("The site “{1}” had been notified to {2}"),
    /* Translators: {1} is “origin → destination”, {2} a list of parties */
    _("The movement {1} had been notified to {2}"),
    /* Translators: {1} is a party, {2} a date and time */
    _("; {1} acknowledged receipt on {2}"),
    _("; no party had acknowledged receipt"),
    /* Translators: {1} is a site name or “origin → destination” */
    _("“{1}” had not been notified to any party."),
    NULL, NULL, NULL,
  };

  return &words;
}

static const Words *
words_for (const char *lang)
{
  if (lang == NULL)
    return interface_words ();

  for (guint i = 0; i < G_N_ELEMENTS (words_by_lang); i++)
    if (g_strcmp0 (words_by_lang[i].lang, lang) == 0)
      return &words_by_lang[i];

  return &words_by_lang[0];
}

/* @template with {n} replaced by args[n - 1]. */
static void
append_filled (GString            *out,
               const char         *template,
               const char * const *args,
               guint               n_args)
{
  for (const char *p = template; *p != '\0'; p++)
    {
      if (p[0] == '{' && g_ascii_isdigit (p[1]) && p[2] == '}' &&
          (guint) (p[1] - '1') < n_args)
        {
          g_string_append (out, args[p[1] - '1']);
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }
}

static char *
isolate (const char *text)
{
  return g_strconcat (FSI, text, PDI, NULL);
}

static char *
party_name (LiaStore   *store,
            const char *uuid,
            const char *lang)
{
  g_autoptr(LiaRecord) record = lia_store_load (store, uuid, NULL);

  if (record == NULL || !LIA_IS_ACTOR (record))
    return isolate (uuid);

  return isolate (lia_actor_get_display_name (LIA_ACTOR (record), lang != NULL ? lang : "en"));
}

static char *
join_names (GPtrArray  *names,
            const char *and)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == names->len ? and : ", ");
      g_string_append (text, g_ptr_array_index (names, i));
    }

  return g_string_free (text, FALSE);
}

/* "… had been notified to A and B; A acknowledged receipt on …", from the
 * log as it stood at @at (NULL: as it stands), in @lang (NULL: the
 * interface language). */
static char *
describe_notified (LiaStore          *store,
                   LiaOperationRules *rules,
                   LiaRecord         *notification,
                   const char        *title,
                   GDateTime         *at,
                   const char        *lang)
{
  const Words *words = words_for (lang);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) earlier = g_ptr_array_new ();
  g_autoptr(GPtrArray) statuses = NULL;
  g_autoptr(GPtrArray) notified = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *quoted = isolate (title);
  g_autofree char *notified_text = NULL;
  gboolean any_acknowledged = FALSE;
  GString *text = g_string_new (NULL);

  entries = lia_transmission_list_for (store, lia_record_get_operation (notification),
                                       lia_record_get_uuid (notification), NULL);
  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      LiaTransmission *entry = g_ptr_array_index (entries, i);

      if (at == NULL || g_date_time_compare (lia_transmission_get_at (entry), at) <= 0)
        g_ptr_array_add (earlier, entry);
    }
  statuses = lia_transmission_summarize (earlier);

  for (guint i = 0; i < statuses->len; i++)
    {
      LiaPartyStatus *status = g_ptr_array_index (statuses, i);

      if (status->last_sent != NULL)
        g_ptr_array_add (notified, party_name (store, status->party_uuid, lang));
    }

  if (notified->len == 0)
    {
      const char *args[] = { quoted };

      append_filled (text, words->not_notified, args, G_N_ELEMENTS (args));
      return g_string_free (text, FALSE);
    }

  notified_text = join_names (notified, words->and);
  {
    const char *args[] = { quoted, notified_text };

    append_filled (text, LIA_IS_SITE_NOTIFICATION (notification) ? words->site_notified : words->movement_notified,
                   args, G_N_ELEMENTS (args));
  }

  for (guint i = 0; i < statuses->len; i++)
    {
      LiaPartyStatus *status = g_ptr_array_index (statuses, i);
      g_autofree char *name = NULL;
      g_autofree char *when = NULL;
      g_autofree char *when_isolated = NULL;

      if (status->last_sent == NULL || status->acknowledged == NULL)
        continue;

      name = party_name (store, status->party_uuid, lang);
      when = lia_operation_rules_format_time (rules, status->acknowledged);
      when_isolated = isolate (when);
      {
        const char *args[] = { name, when_isolated };

        append_filled (text, words->acknowledged, args, G_N_ELEMENTS (args));
      }
      any_acknowledged = TRUE;
    }

  if (!any_acknowledged)
    g_string_append (text, words->none_acknowledged);
  g_string_append_c (text, '.');

  return g_string_free (text, FALSE);
}

static int
compare_links (gconstpointer a,
               gconstpointer b)
{
  const LiaIncidentLink *first = *(LiaIncidentLink **) a;
  const LiaIncidentLink *second = *(LiaIncidentLink **) b;

  if (first->distance_km != second->distance_km)
    return first->distance_km < second->distance_km ? -1 : 1;

  return g_strcmp0 (first->notification_uuid, second->notification_uuid);
}

static void
add_link (GPtrArray         *links,
          LiaStore          *store,
          LiaOperationRules *rules,
          LiaRecord         *notification,
          double             distance_km,
          GDateTime         *at)
{
  LiaIncidentLink *link = g_new0 (LiaIncidentLink, 1);

  link->notification_uuid = g_strdup (lia_record_get_uuid (notification));
  link->record_type = g_strdup (lia_record_get_record_type (notification));
  link->title = lia_notification_dup_title (notification);
  link->distance_km = distance_km;
  link->explanation = describe_notified (store, rules, notification, link->title, at, NULL);
  g_ptr_array_add (links, link);
}

/**
 * lia_incident_suggest_links:
 *
 * Returns: (transfer full) (element-type LiaIncidentLink): nearest first
 */
GPtrArray *
lia_incident_suggest_links (LiaStore     *store,
                            LiaIncident  *incident,
                            GError      **error)
{
  g_autoptr(LiaOperationRules) rules = NULL;
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) movements = NULL;
  g_autoptr(GPtrArray) links = NULL;
  const char *operation;
  double radius;
  int slack;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (LIA_IS_INCIDENT (incident), NULL);

  links = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_incident_link_free);
  if (incident->at == NULL || isnan (incident->location.lat))
    return g_steal_pointer (&links);

  operation = lia_record_get_operation (LIA_RECORD (incident));
  if (!(rules = lia_operation_rules_load (store, operation, error)) ||
      !(sites = lia_store_list (store, "site-notification", operation, error)) ||
      !(movements = lia_store_list (store, "movement-notification", operation, error)))
    return NULL;

  radius = lia_operation_rules_get_link_km (rules);
  slack = lia_operation_rules_get_link_hours (rules);

  for (guint i = 0; i < sites->len; i++)
    {
      LiaSiteNotification *site = g_ptr_array_index (sites, i);
      double lat, lon, distance;

      if (!lia_site_notification_is_active_at (site, incident->at))
        continue;

      lia_site_notification_get_location (site, &lat, &lon);
      distance = lia_geo_distance_km (incident->location.lat, incident->location.lon, lat, lon);
      if (distance <= radius)
        add_link (links, store, rules, LIA_RECORD (site), distance, incident->at);
    }

  for (guint i = 0; i < movements->len; i++)
    {
      LiaMovementNotification *movement = g_ptr_array_index (movements, i);
      LiaMovementStatus status = lia_movement_notification_get_status (movement);
      GDateTime *leaves = lia_movement_notification_get_departure_start (movement);
      GDateTime *arrives = lia_movement_notification_get_arrival_end (movement);
      g_autoptr(GDateTime) from = NULL;
      g_autoptr(GDateTime) until = NULL;
      g_autofree LiaNotifyPoint *route = NULL;
      guint n_points;
      double distance;

      if (status == LIA_MOVEMENT_STATUS_DRAFT || status == LIA_MOVEMENT_STATUS_CANCELLED ||
          leaves == NULL || arrives == NULL)
        continue;

      from = g_date_time_add_hours (leaves, -slack);
      until = g_date_time_add_hours (arrives, slack);
      if (g_date_time_compare (incident->at, from) < 0 || g_date_time_compare (incident->at, until) > 0)
        continue;

      route = lia_movement_notification_dup_route (movement, &n_points);
      if (n_points == 0)
        continue;

      distance = lia_geo_distance_to_route_km (incident->location.lat, incident->location.lon, route, n_points);
      if (distance <= radius)
        add_link (links, store, rules, LIA_RECORD (movement), distance, incident->at);
    }

  g_ptr_array_sort (links, compare_links);
  return g_steal_pointer (&links);
}

/**
 * lia_incident_format_summary:
 *
 * Returns: (transfer full): the summary, or NULL on a database error
 */
char *
lia_incident_format_summary (LiaIncident  *self,
                             LiaStore     *store,
                             const char   *lang,
                             GError      **error)
{
  g_autoptr(LiaOperationRules) rules = NULL;
  const Words *words = words_for (lang != NULL ? lang : "en");
  g_autofree char *when = NULL;
  g_autofree char *when_isolated = NULL;
  g_autofree char *place = NULL;
  GString *text;

  g_return_val_if_fail (LIA_IS_INCIDENT (self), NULL);
  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  rules = lia_operation_rules_load (store, lia_record_get_operation (LIA_RECORD (self)), error);
  if (rules == NULL)
    return NULL;

  when = lia_operation_rules_format_time (rules, self->at);
  when_isolated = isolate (when != NULL ? when : "?");
  place = isolate (self->location.name != NULL ? self->location.name : "?");

  text = g_string_new (NULL);
  {
    char lat[G_ASCII_DTOSTR_BUF_SIZE], lon[G_ASCII_DTOSTR_BUF_SIZE];
    g_autofree char *lat_isolated = isolate (g_ascii_formatd (lat, sizeof lat, "%.5f", self->location.lat));
    g_autofree char *lon_isolated = isolate (g_ascii_formatd (lon, sizeof lon, "%.5f", self->location.lon));
    const char *args[] = {
      when_isolated, lia_notify_enum_get_label_in (LIA_TYPE_INCIDENT_TYPE, self->type, lang),
      place, lat_isolated, lon_isolated,
    };

    append_filled (text, words->happened, args, G_N_ELEMENTS (args));
  }
  if (self->description != NULL)
    g_string_append_printf (text, " %s", self->description);
  g_string_append_c (text, ' ');
  {
    char numbers[6][16];
    const char *args[6];

    for (guint i = 0; i < 6; i++)
      {
        g_snprintf (numbers[i], sizeof numbers[i], "%d", self->casualties[i / 3][i % 3]);
        args[i] = numbers[i];
      }
    append_filled (text, words->casualties, args, G_N_ELEMENTS (args));
  }
  g_string_append_c (text, ' ');
  {
    const char *args[] = { lia_notify_enum_get_label_in (LIA_TYPE_DAMAGE_LEVEL, self->damage_level, lang) };

    append_filled (text, words->damage, args, G_N_ELEMENTS (args));
  }
  if (self->damage_description != NULL)
    g_string_append_printf (text, " %s", self->damage_description);

  for (guint i = 0; self->linked != NULL && self->linked[i] != NULL; i++)
    {
      g_autoptr(LiaRecord) notification = lia_store_load (store, self->linked[i], NULL);
      g_autofree char *title = NULL;
      g_autofree char *sentence = NULL;

      if (notification == NULL ||
          !(LIA_IS_SITE_NOTIFICATION (notification) || LIA_IS_MOVEMENT_NOTIFICATION (notification)))
        continue;

      title = lia_notification_dup_title (notification);
      sentence = describe_notified (store, rules, notification, title, self->at,
                                    lang != NULL ? words->lang : "en");
      g_string_append_printf (text, " %s", sentence);
    }

  return g_string_free (text, FALSE);
}
