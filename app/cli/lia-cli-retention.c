/* lia-cli-retention.c — how long records stay, and removing those past it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"

static char *
format_days (int days)
{
  if (days == LIA_RETENTION_KEEP)
    return g_strdup (_("until deleted"));

  return g_strdup_printf (ngettext ("%d day", "%d days", days), days);
}

static void
print_rules_json (GPtrArray *rules)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (guint i = 0; i < rules->len; i++)
    {
      LiaRetentionRule *rule = g_ptr_array_index (rules, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "record_type");
      json_builder_add_string_value (builder, rule->record_type);
      json_builder_set_member_name (builder, "operation");
      json_builder_add_string_value (builder, rule->operation);
      json_builder_set_member_name (builder, "days");
      if (rule->days == LIA_RETENTION_KEEP)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, rule->days);
      json_builder_set_member_name (builder, "default");
      json_builder_add_boolean_value (builder, rule->is_default);
      json_builder_set_member_name (builder, "settable");
      json_builder_add_boolean_value (builder, lia_retention_type_is_settable (rule->record_type));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  lia_cli_print_json (root);
}

static int
list_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  g_autoptr(GError) error = NULL;
  int type_width = 0, operation_width = 0, days_width = 0;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc > 1)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(rules = lia_retention_list_rules (store, &error)))
    return lia_cli_failure (error);

  if (options->json)
    {
      print_rules_json (rules);
      return LIA_CLI_EXIT_OK;
    }

  /* Columns: type, operation, how long, from when. */
  for (guint i = 0; i < rules->len; i++)
    {
      LiaRetentionRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *days = format_days (rule->days);
      const char *operation = g_str_equal (rule->operation, LIA_RETENTION_ALL_OPERATIONS)
                              ? _("every operation") : rule->operation;

      type_width = MAX (type_width, (int) g_utf8_strlen (rule->record_type, -1));
      operation_width = MAX (operation_width, (int) g_utf8_strlen (operation, -1));
      days_width = MAX (days_width, (int) g_utf8_strlen (days, -1));
    }

  for (guint i = 0; i < rules->len; i++)
    {
      LiaRetentionRule *rule = g_ptr_array_index (rules, i);
      g_autofree char *days = format_days (rule->days);
      const char *operation = g_str_equal (rule->operation, LIA_RETENTION_ALL_OPERATIONS)
                              ? _("every operation") : rule->operation;
      const char *anchor = rule->days == LIA_RETENTION_KEEP && lia_retention_type_is_settable (rule->record_type)
                           ? "" : lia_retention_type_get_anchor (rule->record_type);

      g_autofree char *last = g_strjoin (*anchor != '\0' && rule->is_default ? " " : "", anchor,
                                         rule->is_default ? _("(default)") : "", NULL);

      g_print ("%s%*s  %s%*s  %s%*s  %s\n",
               rule->record_type, type_width - (int) g_utf8_strlen (rule->record_type, -1), "",
               operation, operation_width - (int) g_utf8_strlen (operation, -1), "",
               days, days_width - (int) g_utf8_strlen (days, -1), "",
               last);
    }

  return LIA_CLI_EXIT_OK;
}

static int
set_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv)
{
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation,
      N_("Change the rule of operation OP only (default: of every operation)"), N_("OP") },
    { NULL }
  };
  int exit_status;
  int days;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc < 3)
    return lia_cli_usage_error (command, argc < 2 ? _("TYPE is missing") : _("DAYS is missing: give a number of days or “keep”"));
  if (argc > 3)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[3]);

  /* Checked before the data folder is opened (or created). */
  if (!lia_retention_check_settable (argv[1], &error) ||
      !lia_retention_parse_days (argv[2], &days, &error))
    return lia_cli_usage_error (command, "%s", error->message);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !lia_retention_set_days (store, argv[1], operation, days, &error))
    return lia_cli_failure (error);

  shown = format_days (days);
  if (operation != NULL)
    /* Translators: “%s” are a record type, an operation and “30 days” or “until deleted” */
    g_print (_("%s of operation %s are now kept %s.\n"),
             lia_retention_type_get_label (argv[1]), operation, shown);
  else
    g_print (_("%s are now kept %s.\n"), lia_retention_type_get_label (argv[1]), shown);

  return LIA_CLI_EXIT_OK;
}

static void
print_report_json (LiaRetentionReport *report)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, report->dry_run);
  json_builder_set_member_name (builder, "types");
  json_builder_begin_object (builder);
  for (guint i = 0; i < report->counts->len; i++)
    {
      const LiaRetentionCount *count = &g_array_index (report->counts, LiaRetentionCount, i);

      json_builder_set_member_name (builder, count->record_type);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "purged");
      json_builder_add_int_value (builder, count->purged);
      json_builder_set_member_name (builder, "kept_unsent");
      json_builder_add_int_value (builder, count->kept_unsent);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "transmissions");
  json_builder_add_int_value (builder, report->transmissions);
  json_builder_set_member_name (builder, "tombstones");
  json_builder_add_int_value (builder, report->tombstones);
  json_builder_set_member_name (builder, "attachments");
  json_builder_add_int_value (builder, report->attachments);
  json_builder_set_member_name (builder, "purged");
  json_builder_add_int_value (builder, lia_retention_report_total_purged (report));
  json_builder_set_member_name (builder, "kept_unsent");
  json_builder_add_int_value (builder, lia_retention_report_total_kept (report));
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  lia_cli_print_json (root);
}

static void
print_report (LiaRetentionReport *report)
{
  guint purged = lia_retention_report_total_purged (report);
  guint kept = lia_retention_report_total_kept (report);

  for (guint i = 0; i < report->counts->len; i++)
    {
      const LiaRetentionCount *count = &g_array_index (report->counts, LiaRetentionCount, i);

      if (count->purged == 0 && count->kept_unsent == 0)
        continue;

      g_print ("%s: ", lia_retention_type_get_label (count->record_type));
      g_print (report->dry_run ? _("%u to remove") : _("%u removed"), count->purged);
      if (count->kept_unsent > 0)
        g_print (_(", kept %u not yet sent to HQ"), count->kept_unsent);
      g_print ("\n");
    }

  if (report->transmissions > 0)
    g_print (report->dry_run ? _("Log entries of those notifications: %u to remove\n")
                             : _("Log entries of those notifications: %u removed\n"),
             report->transmissions);
  if (report->tombstones > 0)
    g_print (report->dry_run ? _("Deleted records whose deletion reached HQ: %u to remove\n")
                             : _("Deleted records whose deletion reached HQ: %u removed\n"),
             report->tombstones);
  if (report->attachments > 0)
    g_print (report->dry_run ? _("Attachments no longer used: %u to remove\n")
                             : _("Attachments no longer used: %u removed\n"),
             report->attachments);

  if (report->dry_run)
    g_print (ngettext ("Would remove %u record", "Would remove %u records", purged), purged);
  else
    g_print (ngettext ("Removed %u record", "Removed %u records", purged), purged);
  if (kept > 0)
    g_print (ngettext ("; kept %u not yet sent to HQ", "; kept %u not yet sent to HQ", kept), kept);
  g_print (".\n");
}

static int
purge_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_("Count what would be removed; remove nothing"), NULL },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc > 1)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(report = lia_retention_purge (store, dry_run, &error)))
    return lia_cli_failure (error);

  if (options->json)
    print_report_json (report);
  else
    print_report (report);

  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand retention_list_command = {
  .name = "retention list",
  .summary = N_("Show how long each kind of record is kept, for every operation and each one changed"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand retention_set_command = {
  .name = "retention set",
  .parameter_string = N_("TYPE DAYS|keep"),
  .summary = N_("Keep records of TYPE for DAYS days, or until you delete them"),
  .description = N_("TYPE is one of movement-notification, site-notification, incident, report, actor, "
                    "relationship. The days count from a date that fits the type: the end of a movement, "
                    "the removal of a site, the incident, HQ's receipt of a report. "
                    "“liaison-cli purge” removes what is past it."),
  .run = set_run,
};

static const LiaCliCommand * const retention_subcommands[] = {
  &retention_list_command,
  &retention_set_command,
};

const LiaCliCommand lia_cli_retention_command = {
  .name = "retention",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Show or change how long records stay on this computer"),
  .run = lia_cli_group_run,
  .subcommands = retention_subcommands,
  .n_subcommands = G_N_ELEMENTS (retention_subcommands),
};

const LiaCliCommand lia_cli_purge_command = {
  .name = "purge",
  .summary = N_("Remove the records past their retention period, leaving nothing of them in the data folder"),
  .description = N_("Records HQ does not have yet are kept while this computer is enrolled. "
                    "The removal is local: HQ keeps its copy, and sync does not bring them back."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = purge_run,
};
