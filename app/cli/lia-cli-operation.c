/* lia-cli-operation.c — the operation records are filed under
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"
#include "lia-cli-notify.h"

static int
operation_set_run (const LiaCliCommand  *command,
                   LiaCliOptions        *options,
                   int                   argc,
                   char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2 || *argv[1] == '\0')
    return lia_cli_usage_error (command, argc < 2 ? _("NAME is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !lia_store_set_setting (store, "operation", argv[1], &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static int
operation_show_run (const LiaCliCommand  *command,
                    LiaCliOptions        *options,
                    int                   argc,
                    char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *operation = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  operation = lia_store_get_setting (store, "operation");
  if (operation != NULL)
    g_print ("%s\n", operation);

  return LIA_CLI_EXIT_OK;
}


static void
print_rules (LiaOperationRules *rules,
             gboolean           json)
{
  g_autofree char *body = lia_record_serialize_body (LIA_RECORD (rules));
  double min_lat, min_lon, max_lat, max_lon;

  if (json)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (json_parser_load_from_data (parser, body, -1, NULL))
        lia_cli_print_json (json_parser_get_root (parser));
      return;
    }

  g_print (_("Lead time: %d h (emergencies: %d h)\n"), lia_operation_rules_get_lead_hours (rules),
           lia_operation_rules_get_emergency_lead_hours (rules));
  g_print (_("Acknowledgement deadline: %d h after sending\n"), lia_operation_rules_get_ack_deadline_hours (rules));
  g_print (_("Sites reconfirmed every %d days\n"), lia_operation_rules_get_reconfirm_days (rules));
  g_print (_("Movements flagged %d h before departure without acknowledgement\n"),
           lia_operation_rules_get_due_soon_hours (rules));
  g_print (_("Incident links: within %g km and %d h\n"), lia_operation_rules_get_link_km (rules),
           lia_operation_rules_get_link_hours (rules));
  g_print (_("Time zone: %s\n"), lia_operation_rules_get_time_zone_id (rules));
  if (lia_operation_rules_get_area (rules, &min_lat, &min_lon, &max_lat, &max_lon))
    g_print (_("Area: %g,%g to %g,%g\n"), min_lat, min_lon, max_lat, max_lon);
}

static int
rules_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaOperationRules) rules = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The rules of operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)) ||
      !(rules = lia_operation_rules_load (store, operation, &error)))
    return lia_cli_failure (error);

  print_rules (rules, options->json);
  return LIA_CLI_EXIT_OK;
}

static gboolean
parse_area (const char *text,
            double      values[4])
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      char *end;

      values[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }

  return TRUE;
}

static int
set_rules_run (const LiaCliCommand  *command,
               LiaCliOptions        *options,
               int                   argc,
               char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *time_zone = NULL;
  g_autofree char *area = NULL;
  g_autofree char *link_km = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaOperationRules) rules = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  int lead = -1, emergency = -1, deadline = -1, reconfirm = -1, soon = -1, link_hours = -1;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("Change the rules of operation OP"), N_("OP") },
    { "lead-hours", 0, 0, G_OPTION_ARG_INT, &lead, N_("Notify movements N hours ahead"), N_("N") },
    { "emergency-lead-hours", 0, 0, G_OPTION_ARG_INT, &emergency, N_("Notify emergency movements N hours ahead"), N_("N") },
    { "ack-deadline-hours", 0, 0, G_OPTION_ARG_INT, &deadline, N_("Expect acknowledgement within N hours"), N_("N") },
    { "reconfirm-days", 0, 0, G_OPTION_ARG_INT, &reconfirm, N_("Notify active sites again every N days"), N_("N") },
    { "due-soon-hours", 0, 0, G_OPTION_ARG_INT, &soon, N_("Flag unacknowledged movements N hours before departure"), N_("N") },
    { "link-km", 0, 0, G_OPTION_ARG_STRING, &link_km, N_("Suggest notifications within KM of an incident"), N_("KM") },
    { "link-hours", 0, 0, G_OPTION_ARG_INT, &link_hours, N_("… and within N hours of a movement’s windows"), N_("N") },
    { "time-zone", 0, 0, G_OPTION_ARG_STRING, &time_zone, N_("The operation’s time zone, such as Africa/Khartoum"), N_("TZ") },
    { "area", 0, 0, G_OPTION_ARG_STRING, &area, N_("The operation’s area: MINLAT,MINLON,MAXLAT,MAXLON"), N_("BOX") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)) ||
      !(rules = lia_operation_rules_load (store, operation, &error)))
    return lia_cli_failure (error);

  if (lead >= 0)
    lia_operation_rules_set_lead_hours (rules, lead);
  if (emergency >= 0)
    lia_operation_rules_set_emergency_lead_hours (rules, emergency);
  if (deadline >= 0)
    lia_operation_rules_set_ack_deadline_hours (rules, deadline);
  if (reconfirm >= 0)
    lia_operation_rules_set_reconfirm_days (rules, reconfirm);
  if (soon >= 0)
    lia_operation_rules_set_due_soon_hours (rules, soon);
  if (link_hours >= 0)
    lia_operation_rules_set_link_hours (rules, link_hours);
  if (link_km != NULL)
    {
      char *end;
      double km = g_ascii_strtod (link_km, &end);

      if (end == link_km || *end != '\0')
        return lia_cli_usage_error (command, _("--link-km must be a number"));
      lia_operation_rules_set_link_km (rules, km);
    }
  if (area != NULL)
    {
      double box[4];

      if (!parse_area (area, box))
        return lia_cli_usage_error (command, _("--area must be MINLAT,MINLON,MAXLAT,MAXLON in decimal degrees"));
      lia_operation_rules_set_area (rules, box[0], box[1], box[2], box[3]);
    }
  if (time_zone != NULL && !lia_operation_rules_set_time_zone_id (rules, time_zone, &error))
    return lia_cli_failure (error);

  issues = lia_operation_rules_validate (rules);
  if (lia_cli_report_issues (issues, FALSE))
    return LIA_CLI_EXIT_FAILURE;

  if (!lia_store_save (store, LIA_RECORD (rules), &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand operation_rules_command = {
  .name = "operation rules",
  .summary = N_("Show the operation’s notification rules: lead times, deadlines, area, time zone"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = rules_run,
};

static const LiaCliCommand operation_set_rules_command = {
  .name = "operation set-rules",
  .summary = N_("Change the operation’s notification rules"),
  .run = set_rules_run,
};

static const LiaCliCommand operation_set_command = {
  .name = "operation set",
  .parameter_string = N_("NAME"),
  .summary = N_("Choose the operation new records belong to"),
  .run = operation_set_run,
};

static const LiaCliCommand operation_show_command = {
  .name = "operation show",
  .summary = N_("Show the chosen operation"),
  .run = operation_show_run,
};

static const LiaCliCommand * const operation_subcommands[] = {
  &operation_show_command,
  &operation_set_command,
  &operation_rules_command,
  &operation_set_rules_command,
};

const LiaCliCommand lia_cli_operation_command = {
  .name = "operation",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Show or choose the operation you work on"),
  .run = lia_cli_group_run,
  .subcommands = operation_subcommands,
  .n_subcommands = G_N_ELEMENTS (operation_subcommands),
};
