/* lia-cli-notify.c — humanitarian notification of sites and movements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "lia-cli-command.h"
#include "lia-cli-notify.h"

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_time_member (JsonBuilder *builder,
                 const char  *name,
                 GDateTime   *time)
{
  g_autofree char *text = lia_notify_time_format_utc (time);

  add_string_member (builder, name, text);
}

/* Reads FILE ("-": standard input) as a JSON object.  Invalid UTF-8 is
 * kept track of, so that the field holding it can be named. */
JsonObject *
lia_cli_read_json_file (const char  *path,
                        gboolean    *repaired,
                        GError     **error)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autoptr(GError) local_error = NULL;

  if (g_strcmp0 (path, "-") == 0)
    {
      GString *input = g_string_new (NULL);
      char buffer[4096];
      size_t n;

      while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
        g_string_append_len (input, buffer, n);
      length = input->len;
      data = g_string_free (input, FALSE);
    }
  else if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND, _("Could not read %s: %s"), path, local_error->message);
      return NULL;
    }

  return lia_validation_parse_object (data != NULL ? data : "", length, repaired, error);
}

/* Prints the issues to standard error; returns whether any is an error. */
gboolean
lia_cli_report_issues (GPtrArray *issues,
                       gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonNode) root = lia_validation_issues_to_json (issues);

      lia_cli_print_json (root);
    }
  else
    {
      for (guint i = 0; i < issues->len; i++)
        {
          g_autofree char *text = lia_validation_issue_to_string (g_ptr_array_index (issues, i));

          g_printerr ("%s: %s\n", g_get_prgname (), text);
        }
    }

  return lia_validation_has_errors (issues);
}

/* By uuid, or by the reference number the organisation gave it. */
LiaRecord *
lia_cli_find_notification (LiaStore    *store,
                           const char  *operation,
                           const char  *id,
                           GError     **error)
{
  static const char * const types[] = { "site-notification", "movement-notification" };
  g_autoptr(LiaRecord) record = lia_store_load (store, id, NULL);

  if (record != NULL && !lia_record_get_tombstone (record) &&
      (LIA_IS_SITE_NOTIFICATION (record) || LIA_IS_MOVEMENT_NOTIFICATION (record)))
    return g_steal_pointer (&record);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) records = lia_store_list (store, types[t], operation, error);

      if (records == NULL)
        return NULL;

      for (guint i = 0; i < records->len; i++)
        {
          LiaRecord *candidate = g_ptr_array_index (records, i);
          const char *reference = LIA_IS_SITE_NOTIFICATION (candidate)
            ? lia_site_notification_get_reference (LIA_SITE_NOTIFICATION (candidate))
            : lia_movement_notification_get_reference (LIA_MOVEMENT_NOTIFICATION (candidate));

          if (g_strcmp0 (reference, id) == 0)
            return g_object_ref (candidate);
        }
    }

  g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
               _("There is no notification “%s”. Run “%s notify list” to see them."), id, LIA_CLI_NAME);
  return NULL;
}

static const char *
notification_status (LiaRecord *record)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    return lia_enum_to_string (LIA_TYPE_SITE_STATUS, lia_site_notification_get_status (LIA_SITE_NOTIFICATION (record)));

  return lia_enum_to_string (LIA_TYPE_MOVEMENT_STATUS,
                             lia_movement_notification_get_status (LIA_MOVEMENT_NOTIFICATION (record)));
}

/* The template: a record made with the setters and written out, so that it
 * is exactly what the other commands read.  Times count from the clock, so
 * that a movement in it respects the lead time. */
static JsonObject *
build_template (const char *kind,
                GDateTime  *now)
{
  g_autoptr(GDateTime) hour = g_date_time_add_full (now, 0, 0, 0, 0, -g_date_time_get_minute (now),
                                                    -g_date_time_get_seconds (now));
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *body = NULL;
  JsonObject *object;

  if (g_str_equal (kind, "site"))
    {
      LiaSiteNotification *site = lia_site_notification_new ("template");
      g_autoptr(GDateTime) until = g_date_time_add_days (hour, 90);

      lia_site_notification_set_organisation (site, "Korvanian Red Crescent");
      lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
      lia_site_notification_set_name (site, "Orrin primary health centre");
      lia_site_notification_set_location (site, 12.2301, 30.4412);
      lia_site_notification_set_admin_area (site, "Tessaly Province, Orrin District");
      lia_site_notification_set_address (site, "Market Road, Orrin");
      lia_site_notification_set_function (site, "Primary health care and nutrition screening");
      lia_site_notification_set_involvement (site, LIA_INVOLVEMENT_OPERATED);
      lia_site_notification_set_persons_present (site, 25);
      lia_site_notification_set_contact (site, "Site manager, +000 555 0199 (fictional)");
      lia_site_notification_set_valid_from (site, hour);
      lia_site_notification_set_valid_until (site, until);
      lia_site_notification_set_reference (site, "HNS-KOR-S-0001");
      record = LIA_RECORD (site);
    }
  else if (g_str_equal (kind, "movement"))
    {
      LiaMovementNotification *movement = lia_movement_notification_new ("template");
      g_autoptr(GDateTime) leave = g_date_time_add_hours (hour, 72);
      g_autoptr(GDateTime) leave_end = g_date_time_add_hours (hour, 74);
      g_autoptr(GDateTime) arrive = g_date_time_add_hours (hour, 78);
      g_autoptr(GDateTime) arrive_end = g_date_time_add_hours (hour, 80);
      const char * const plates[] = { "KRC-1041", "KRC-1042", "KRC-1077", NULL };

      lia_movement_notification_set_organisation (movement, "Korvanian Red Crescent");
      lia_movement_notification_set_movement_type (movement, LIA_MOVEMENT_FOOD);
      lia_movement_notification_set_origin (movement, "Korva warehouse", 11.9102, 30.8811);
      lia_movement_notification_add_waypoint (movement, "Marrow Ford checkpoint", 12.1500, 30.5200);
      lia_movement_notification_set_destination (movement, "Orrin distribution site", 12.2310, 30.4398);
      lia_movement_notification_set_departure (movement, leave, leave_end);
      lia_movement_notification_set_arrival (movement, arrive, arrive_end);
      lia_movement_notification_set_vehicle_count (movement, 3);
      lia_movement_notification_set_plates (movement, plates);
      lia_movement_notification_set_markings (movement, "White trucks, red crescent emblem on roof and doors");
      lia_movement_notification_set_persons (movement, 7);
      lia_movement_notification_set_cargo (movement, "42 t of cereals and pulses");
      lia_movement_notification_set_convoy_leader (movement, "Convoy leader, satellite phone +000 555 0142 (fictional)");
      lia_movement_notification_set_emergency (movement, FALSE);
      lia_movement_notification_set_reference (movement, "HNS-KOR-M-0001");
      record = LIA_RECORD (movement);
    }
  else
    {
      LiaIncident *incident = lia_incident_new ("template");
      g_autoptr(GDateTime) at = g_date_time_add_hours (hour, -3);

      lia_incident_set_incident_type (incident, LIA_INCIDENT_SHELLING);
      lia_incident_set_at (incident, at);
      lia_incident_set_location (incident, "Orrin, Market Road", 12.2305, 30.4420);
      lia_incident_set_description (incident,
                                    "Two shells landed within 200 m of the health centre during opening hours.");
      lia_incident_set_casualties (incident, LIA_CASUALTY_STAFF, LIA_CASUALTY_INJURED, 1);
      lia_incident_set_casualties (incident, LIA_CASUALTY_CIVILIANS, LIA_CASUALTY_INJURED, 3);
      lia_incident_set_damage_level (incident, LIA_DAMAGE_MODERATE);
      lia_incident_set_damage_description (incident, "Windows and the perimeter wall of the health centre damaged.");
      record = LIA_RECORD (incident);
    }

  body = lia_record_serialize_body (record);
  if (!json_parser_load_from_data (parser, body, -1, NULL))
    g_assert_not_reached ();
  object = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
  json_object_set_string_member (object, "sensitivity",
                                 lia_sensitivity_to_string (lia_record_get_sensitivity (record)));

  return object;
}

static int
template_run (const LiaCliCommand  *command,
              LiaCliOptions        *options,
              int                   argc,
              char                **argv)
{
  g_autoptr(LiaClock) clock = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2 || !g_strv_contains ((const char * const []) { "site", "movement", "incident", NULL }, argv[1]))
    return lia_cli_usage_error (command, _("say which template: site, movement or incident"));

  if (!(clock = lia_cli_clock_new (options, &error)))
    return lia_cli_failure (error);

  now = lia_clock_get_now (clock);
  object = build_template (argv[1], now);
  root = json_node_init_object (json_node_alloc (), object);
  lia_cli_print_json (root);

  return LIA_CLI_EXIT_OK;
}

/* Reads and checks a record from FILE.  Returns the record (even with
 * errors, which are in @issues), or NULL if the file could not be read. */
LiaRecord *
lia_cli_record_from_json (LiaStore          *store,
                          const char        *operation,
                          LiaCliRecordKind   kind,
                          const char        *path,
                          GPtrArray         *issues,
                          GError           **error)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(LiaOperationRules) rules = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  g_autoptr(GDateTime) now = NULL;
  gboolean repaired;
  LiaRecord *record;

  if (!(object = lia_cli_read_json_file (path, &repaired, error)) ||
      !(rules = lia_operation_rules_load (store, operation, error)))
    return NULL;

  now = lia_clock_get_now (lia_store_get_clock (store));

  switch (kind)
    {
    case LIA_CLI_KIND_SITE:
      record = LIA_RECORD (lia_site_notification_new_from_json (operation, object, repaired, issues));
      checked = lia_site_notification_validate (LIA_SITE_NOTIFICATION (record), store, rules);
      break;
    case LIA_CLI_KIND_MOVEMENT:
      record = LIA_RECORD (lia_movement_notification_new_from_json (operation, object, repaired, issues));
      checked = lia_movement_notification_validate (LIA_MOVEMENT_NOTIFICATION (record), rules, now);
      break;
    case LIA_CLI_KIND_INCIDENT:
    default:
      record = LIA_RECORD (lia_incident_new_from_json (operation, object, repaired, issues));
      checked = lia_incident_validate (LIA_INCIDENT (record), store);
      break;
    }

  /* A field already named for its type need not be named again as
   * missing. */
  for (guint i = 0; i < checked->len; i++)
    {
      LiaValidationIssue *issue = g_ptr_array_index (checked, i);

      if (lia_validation_find (issues, issue->field) == NULL)
        g_ptr_array_add (issues, g_ptr_array_steal_index (checked, i--));
    }

  return record;
}

/**
 * lia_cli_read_new_record:
 *
 * What "notify new-site", "notify new-movement" and "incident new" share:
 * opens the store, finds the operation, reads the record of @kind from
 * @path and checks it.  Returns the record ready to save, or NULL after
 * saying why, with *@exit_status set.
 */
LiaRecord *
lia_cli_read_new_record (const LiaCliCommand  *command,
                         LiaCliOptions        *options,
                         const char           *operation_option,
                         LiaCliRecordKind      kind,
                         const char           *path,
                         LiaStore            **store,
                         int                  *exit_status)
{
  g_autofree char *operation = NULL;
  g_autoptr(GPtrArray) issues = lia_validation_issues_new ();
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  if (path == NULL)
    {
      *exit_status = lia_cli_usage_error (command, _("--from-json FILE is missing"));
      return NULL;
    }

  if (!(*store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (*store, operation_option, &error)) ||
      !(record = lia_cli_record_from_json (*store, operation, kind, path, issues, &error)))
    {
      *exit_status = lia_cli_failure (error);
      return NULL;
    }

  if (lia_cli_report_issues (issues, FALSE))
    {
      /* Translators: after the list of what is wrong with a record */
      g_printerr (_("%s: nothing was saved; correct the fields above and try again.\n"), g_get_prgname ());
      *exit_status = LIA_CLI_EXIT_FAILURE;
      return NULL;
    }

  return g_steal_pointer (&record);
}

static int
new_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv,
         LiaCliRecordKind      kind)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "from-json", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("Read the record from FILE (- for standard input), as the template shows"), N_("FILE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("File it under operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status) ||
      !(record = lia_cli_read_new_record (command, options, operation_option, kind, path, &store, &exit_status)))
    return exit_status;

  if (!lia_store_save (store, record, &error))
    return lia_cli_failure (error);

  g_print ("%s\n", lia_record_get_uuid (record));
  return LIA_CLI_EXIT_OK;
}

static int
new_site_run (const LiaCliCommand  *command,
              LiaCliOptions        *options,
              int                   argc,
              char                **argv)
{
  return new_run (command, options, argc, argv, LIA_CLI_KIND_SITE);
}

static int
new_movement_run (const LiaCliCommand  *command,
                  LiaCliOptions        *options,
                  int                   argc,
                  char                **argv)
{
  return new_run (command, options, argc, argv, LIA_CLI_KIND_MOVEMENT);
}

/* Which record a file describes, by the member only that type has. */
static LiaCliRecordKind
guess_kind (const char *path)
{
  g_autoptr(JsonObject) object = NULL;
  gboolean repaired;

  object = lia_cli_read_json_file (path, &repaired, NULL);
  if (object != NULL && json_object_has_member (object, "movement_type"))
    return LIA_CLI_KIND_MOVEMENT;
  if (object != NULL && json_object_has_member (object, "incident_type"))
    return LIA_CLI_KIND_INCIDENT;

  return LIA_CLI_KIND_SITE;
}

static int
validate_run (const LiaCliCommand  *command,
              LiaCliOptions        *options,
              int                   argc,
              char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *path = NULL;
  g_autofree char *type = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GPtrArray) issues = lia_validation_issues_new ();
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "from-json", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("Check the record in FILE (- for standard input)"), N_("FILE") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type, N_("Read it as a site, movement or incident (default: from its fields)"), N_("TYPE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("Check it against the rules of operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;
  LiaCliRecordKind kind;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (path == NULL)
    return lia_cli_usage_error (command, _("--from-json FILE is missing"));

  if (type == NULL)
    kind = g_strcmp0 (path, "-") == 0 ? LIA_CLI_KIND_SITE : guess_kind (path);
  else if (g_str_equal (type, "site"))
    kind = LIA_CLI_KIND_SITE;
  else if (g_str_equal (type, "movement"))
    kind = LIA_CLI_KIND_MOVEMENT;
  else if (g_str_equal (type, "incident"))
    kind = LIA_CLI_KIND_INCIDENT;
  else
    return lia_cli_usage_error (command, _("--type must be site, movement or incident"));

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)) ||
      !(record = lia_cli_record_from_json (store, operation, kind, path, issues, &error)))
    return lia_cli_failure (error);

  return lia_cli_report_issues (issues, options->json) ? LIA_CLI_EXIT_FAILURE : LIA_CLI_EXIT_OK;
}

static int
compare_records (gconstpointer a,
                 gconstpointer b)
{
  LiaRecord *first = *(LiaRecord **) a;
  LiaRecord *second = *(LiaRecord **) b;
  int order = g_strcmp0 (lia_record_get_record_type (second), lia_record_get_record_type (first));

  return order != 0 ? order : g_date_time_compare (lia_record_get_created_at (first), lia_record_get_created_at (second));
}

static int
list_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("Only the notifications of operation OP"), N_("OP") },
    { NULL }
  };
  const char * const types[] = { "site-notification", "movement-notification" };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);
  operation = lia_cli_resolve_operation (store, operation_option);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) some = lia_store_list (store, types[t], operation, &error);

      if (some == NULL)
        return lia_cli_failure (error);
      g_ptr_array_extend_and_steal (records, g_steal_pointer (&some));
    }
  g_ptr_array_sort (records, compare_records);

  json_builder_begin_array (builder);
  for (guint i = 0; i < records->len; i++)
    {
      LiaRecord *record = g_ptr_array_index (records, i);
      g_autofree char *title = lia_notification_dup_title (record);
      g_autoptr(GPtrArray) entries_log = lia_transmission_list_for (store, lia_record_get_operation (record),
                                                                    lia_record_get_uuid (record), &error);
      g_autoptr(GPtrArray) statuses = NULL;
      guint n_sent = 0, n_acknowledged = 0;

      if (entries_log == NULL)
        return lia_cli_failure (error);
      statuses = lia_transmission_summarize (entries_log);

      json_builder_begin_object (builder);
      add_string_member (builder, "uuid", lia_record_get_uuid (record));
      add_string_member (builder, "record_type", lia_record_get_record_type (record));
      add_string_member (builder, "title", title);
      add_string_member (builder, "status", notification_status (record));
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, lia_record_get_revision (record));
      json_builder_set_member_name (builder, "parties");
      json_builder_begin_array (builder);
      for (guint j = 0; j < statuses->len; j++)
        {
          LiaPartyStatus *status = g_ptr_array_index (statuses, j);

          n_sent += status->last_sent != NULL;
          n_acknowledged += status->acknowledged != NULL;
          json_builder_begin_object (builder);
          add_string_member (builder, "party", status->party_uuid);
          add_time_member (builder, "sent", status->last_sent);
          add_time_member (builder, "acknowledged", status->acknowledged);
          add_time_member (builder, "no_acknowledgement", status->no_acknowledgement);
          add_string_member (builder, "reference", status->reference);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      if (!options->json)
        /* The id first and the title last: titles vary in length and some
         * run right to left. */
        g_print ("%s  %-8s  %-9s  %u/%u  %s\n", lia_record_get_uuid (record),
                 LIA_IS_SITE_NOTIFICATION (record) ? "site" : "movement",
                 notification_status (record), n_acknowledged, n_sent, title);
    }
  json_builder_end_array (builder);

  if (options->json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      lia_cli_print_json (root);
    }

  return LIA_CLI_EXIT_OK;
}

static int
log_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv,
         LiaTransmissionKind   kind)
{
  g_autofree char *party_option = NULL;
  g_autofree char *channel_option = NULL;
  g_autofree char *reference = NULL;
  g_autofree char *at_option = NULL;
  g_autofree char *recorded_by = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) notification = NULL;
  g_autoptr(LiaActor) party = NULL;
  g_autoptr(LiaTransmission) entry = NULL;
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GError) error = NULL;
  gboolean correction = FALSE;
  const GOptionEntry entries[] = {
    { "party", 0, 0, G_OPTION_ARG_STRING, &party_option, N_("The party: an actor’s id or exact name"), N_("ACTOR") },
    { "channel", 0, 0, G_OPTION_ARG_STRING, &channel_option, N_("e-mail, phone, messaging, liaison-meeting or hand-delivery"), N_("C") },
    { "ref", 0, 0, G_OPTION_ARG_STRING, &reference, N_("The reference of the message or of the party’s answer"), N_("R") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at_option, N_("When it happened (ISO 8601; default: now)"), N_("TIME") },
    { "recorded-by", 0, 0, G_OPTION_ARG_STRING, &recorded_by, N_("Who records the entry"), N_("NAME") },
    { "correction", 0, 0, G_OPTION_ARG_NONE, &correction, N_("Log a corrected notification rather than the first sending"), NULL },
    { NULL }
  };
  int exit_status;
  int channel = LIA_CHANNEL_EMAIL;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, _("say which notification (its id or reference)"));
  if (party_option == NULL)
    return lia_cli_usage_error (command, _("--party ACTOR is missing"));
  if (channel_option != NULL && !lia_enum_from_string (LIA_TYPE_CHANNEL, channel_option, &channel))
    return lia_cli_usage_error (command, _("--channel must be e-mail, phone, messaging, liaison-meeting or hand-delivery"));
  if (kind == LIA_TRANSMISSION_SENT && correction)
    kind = LIA_TRANSMISSION_CORRECTION;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(notification = lia_cli_find_notification (store, NULL, argv[1], &error)) ||
      !(party = lia_cli_find_actor (store, lia_record_get_operation (notification), party_option, &error)))
    return lia_cli_failure (error);

  at = at_option != NULL ? lia_notify_time_parse (at_option, NULL) : lia_clock_get_now (lia_store_get_clock (store));
  if (at == NULL)
    return lia_cli_usage_error (command, _("--at must be a date and time such as 2026-11-30T08:00:00+03:00"));

  entry = lia_transmission_new (lia_record_get_operation (notification), lia_record_get_uuid (notification),
                                lia_record_get_uuid (LIA_RECORD (party)), kind, at);
  lia_transmission_set_channel (entry, channel);
  lia_transmission_set_reference (entry, reference);
  lia_transmission_set_recorded_by (entry, recorded_by);

  if (!lia_transmission_record (entry, store, &error))
    return lia_cli_failure (error);

  g_print ("%s\n", lia_record_get_uuid (LIA_RECORD (entry)));
  return LIA_CLI_EXIT_OK;
}

static int
send_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  return log_run (command, options, argc, argv, LIA_TRANSMISSION_SENT);
}

static int
ack_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv)
{
  return log_run (command, options, argc, argv, LIA_TRANSMISSION_ACKNOWLEDGED);
}

static int
no_ack_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  return log_run (command, options, argc, argv, LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT);
}

static int
status_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) notification = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;
  int status;
  gboolean moved;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 3)
    return lia_cli_usage_error (command, _("say which notification and which status"));

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(notification = lia_cli_find_notification (store, NULL, argv[1], &error)))
    return lia_cli_failure (error);

  if (LIA_IS_SITE_NOTIFICATION (notification))
    {
      if (!lia_enum_from_string (LIA_TYPE_SITE_STATUS, argv[2], &status))
        return lia_cli_usage_error (command, _("a site’s status is draft, active or removed"));
      moved = lia_site_notification_transition (LIA_SITE_NOTIFICATION (notification), status, &error);
    }
  else
    {
      if (!lia_enum_from_string (LIA_TYPE_MOVEMENT_STATUS, argv[2], &status))
        return lia_cli_usage_error (command, _("a movement’s status is draft, notified, under-way, completed or cancelled"));
      moved = lia_movement_notification_transition (LIA_MOVEMENT_NOTIFICATION (notification), status, &error);
    }

  if (!moved || !lia_store_save (store, notification, &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static int
overdue_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("In operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)) ||
      !(items = lia_notification_overdue_compute (store, operation, &error)))
    return lia_cli_failure (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < items->len; i++)
        {
          LiaOverdueItem *item = g_ptr_array_index (items, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "kind", lia_enum_to_string (LIA_TYPE_OVERDUE_KIND, item->kind));
          add_string_member (builder, "notification", item->notification_uuid);
          add_string_member (builder, "record_type", item->record_type);
          add_string_member (builder, "title", item->title);
          add_string_member (builder, "party", item->party_uuid);
          add_time_member (builder, "due", item->due);
          add_string_member (builder, "message", item->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  for (guint i = 0; i < items->len; i++)
    g_print ("%s\n", ((LiaOverdueItem *) g_ptr_array_index (items, i))->message);

  return LIA_CLI_EXIT_OK;
}

static int
export_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autofree char *lang = NULL;
  g_autofree char *format_option = NULL;
  g_autofree char *output = NULL;
  g_autofree char *party_option = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) notification = NULL;
  g_autoptr(LiaActor) party = NULL;
  g_autoptr(GError) error = NULL;
  gboolean include_strictly_confidential = FALSE;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Write it in en, fr or ar (default: en)"), N_("L") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_option, N_("pdf, csv (HXL-tagged) or geojson (default: pdf)"), N_("F") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE"), N_("FILE") },
    { "party", 0, 0, G_OPTION_ARG_STRING, &party_option, N_("Address the package to ACTOR"), N_("ACTOR") },
    { "include-strictly-confidential", 0, 0, G_OPTION_ARG_NONE, &include_strictly_confidential,
      N_("Export the notification even if it is strictly confidential"), NULL },
    { NULL }
  };
  LiaNotificationExportFormat format = LIA_NOTIFICATION_EXPORT_PDF;
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, _("say which notification (its id or reference)"));
  if (output == NULL)
    return lia_cli_usage_error (command, _("-o FILE is missing"));
  if (lang != NULL && !g_strv_contains ((const char * const []) { "en", "fr", "ar", NULL }, lang))
    return lia_cli_usage_error (command, _("--lang must be en, fr or ar"));
  if (format_option != NULL && !lia_notification_export_format_from_string (format_option, &format))
    return lia_cli_usage_error (command, _("--format must be pdf, csv or geojson"));

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(notification = lia_cli_find_notification (store, NULL, argv[1], &error)))
    return lia_cli_failure (error);

  /* The whole package is the one record: left out, nothing is written. */
  if (!include_strictly_confidential &&
      lia_record_get_sensitivity (notification) == LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)
    {
      lia_cli_print_left_out (1, 0);
      return LIA_CLI_EXIT_FAILURE;
    }

  if ((party_option != NULL &&
       !(party = lia_cli_find_actor (store, lia_record_get_operation (notification), party_option, &error))) ||
      !lia_notification_export (store, notification,
                                party != NULL ? lia_record_get_uuid (LIA_RECORD (party)) : NULL,
                                lang != NULL ? lang : "en", format, include_strictly_confidential,
                                output, &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand template_command = {
  .name = "notify template",
  .parameter_string = N_("site|movement|incident"),
  .summary = N_("Print a complete example record to fill in"),
  .run = template_run,
};

static const LiaCliCommand new_site_command = {
  .name = "notify new-site",
  .summary = N_("Add a static site notification from a JSON file"),
  .description = N_("Every problem is reported with the name of its field; nothing is saved unless the site is valid."),
  .run = new_site_run,
};

static const LiaCliCommand new_movement_command = {
  .name = "notify new-movement",
  .summary = N_("Add a movement notification from a JSON file"),
  .description = N_("Every problem is reported with the name of its field; nothing is saved unless the movement is valid. The departure must respect the operation’s lead time."),
  .run = new_movement_run,
};

static const LiaCliCommand validate_command = {
  .name = "notify validate",
  .summary = N_("Check a site, movement or incident file without saving it"),
  .description = N_("Exits with 0 when the record is valid (warnings allowed) and 1 when it is not."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = validate_run,
};

static const LiaCliCommand list_command = {
  .name = "notify list",
  .summary = N_("List site and movement notifications with acknowledged/sent counts"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand send_command = {
  .name = "notify send",
  .parameter_string = N_("ID"),
  .summary = N_("Log that a notification was sent to a party"),
  .run = send_run,
};

static const LiaCliCommand ack_command = {
  .name = "notify ack",
  .parameter_string = N_("ID"),
  .summary = N_("Log that a party acknowledged a notification"),
  .run = ack_run,
};

static const LiaCliCommand no_ack_command = {
  .name = "notify no-ack",
  .parameter_string = N_("ID"),
  .summary = N_("Log that a party did not acknowledge by the deadline"),
  .run = no_ack_run,
};

static const LiaCliCommand status_command = {
  .name = "notify status",
  .parameter_string = N_("ID STATUS"),
  .summary = N_("Move a notification along its lifecycle"),
  .run = status_run,
};

static const LiaCliCommand overdue_command = {
  .name = "notify overdue",
  .summary = N_("List acknowledgements past their deadline, movements about to leave unacknowledged and sites due for reconfirmation"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = overdue_run,
};

static const LiaCliCommand export_command = {
  .name = "notify export",
  .parameter_string = N_("ID"),
  .summary = N_("Write a notification package for a party: PDF, HXL CSV or GeoJSON"),
  .description = N_("A strictly confidential notification is not written unless --include-strictly-confidential is given."),
  .run = export_run,
};

static const LiaCliCommand * const notify_subcommands[] = {
  &template_command,
  &new_site_command,
  &new_movement_command,
  &validate_command,
  &list_command,
  &send_command,
  &ack_command,
  &no_ack_command,
  &status_command,
  &overdue_command,
  &export_command,
};

const LiaCliCommand lia_cli_notify_command = {
  .name = "notify",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Notify humanitarian sites and movements to the parties, and follow up"),
  .run = lia_cli_group_run,
  .subcommands = notify_subcommands,
  .n_subcommands = G_N_ELEMENTS (notify_subcommands),
};
