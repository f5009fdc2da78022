/* lia-cli-report.c — write, submit and list reports; search lessons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lia-cli-command.h"

static char *
require_operation (LiaStore    *store,
                   const char  *operation,
                   GError     **error)
{
  char *resolved;

  if (operation != NULL && *operation != '\0')
    return g_strdup (operation);

  if (!(resolved = lia_store_get_setting (store, "operation")))
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 /* Translators: “liaison-cli operation set NAME”: a command line to type as is */
                 _("No operation is chosen: pass --operation NAME, or run “%s operation set NAME” once."),
                 LIA_CLI_NAME);

  return resolved;
}

static LiaReport *
load_report (LiaStore    *store,
             const char  *uuid,
             GError     **error)
{
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_uuid_string_is_valid (uuid) ||
      !(record = lia_store_load (store, uuid, &local_error)) ||
      !LIA_IS_REPORT (record) || lia_record_get_tombstone (record))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("There is no report “%s”. Run “%s report list” to see the reports."),
                   uuid, LIA_CLI_NAME);
      return NULL;
    }

  return LIA_REPORT (g_steal_pointer (&record));
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static int
template_run (const LiaCliCommand  *command,
              LiaCliOptions        *options,
              int                   argc,
              char                **argv)
{
  g_autofree char *text = NULL;
  LiaReportKind kind;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("KIND is missing") : _("unexpected argument “%s”"), argv[argc - 1]);
  if (!lia_report_kind_from_string (argv[1], &kind))
    return lia_cli_usage_error (command, _("“%s” is not a kind of report; use aar, sitrep or followup"), argv[1]);

  text = lia_report_template (kind);
  fputs (text, stdout);

  return LIA_CLI_EXIT_OK;
}

static int
new_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv)
{
  g_autofree char *type_str = NULL;
  g_autofree char *json_path = NULL;
  g_autofree char *operation_option = NULL;
  g_autofree char *sensitivity_str = NULL;
  g_autofree char *operation = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) attach = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaReport) report = NULL;
  g_autoptr(GError) error = NULL;
  LiaSensitivity sensitivity = LIA_SENSITIVITY_CONFIDENTIAL;
  LiaReportKind kind;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_str, N_("aar, sitrep or followup"), N_("KIND") },
    { "from-json", 0, 0, G_OPTION_ARG_FILENAME, &json_path, N_("The report, as “report template” shows it"), N_("FILE") },
    { "attach", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &attach, N_("A photo or document to attach; repeatable"), N_("FILE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation it belongs to"), N_("OP") },
    { "sensitivity", 0, 0, G_OPTION_ARG_STRING, &sensitivity_str,
      N_("public, restricted, confidential (default) or strictly-confidential"), N_("LEVEL") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc > 1)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);
  if (type_str == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--type");
  if (json_path == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--from-json");
  if (!lia_report_kind_from_string (type_str, &kind))
    return lia_cli_usage_error (command, _("“%s” is not a kind of report; use aar, sitrep or followup"), type_str);
  if (sensitivity_str != NULL && !lia_sensitivity_from_string (sensitivity_str, &sensitivity))
    return lia_cli_usage_error (command,
                                _("--sensitivity “%s” is unknown; use public, restricted, confidential or strictly-confidential"),
                                sensitivity_str);

  if (!g_file_get_contents (json_path, &contents, NULL, &error))
    return lia_cli_failure (error);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = require_operation (store, operation_option, &error)) ||
      !(report = lia_report_new_from_json (operation, kind, contents, &error)))
    return lia_cli_failure (error);

  lia_record_set_sensitivity (LIA_RECORD (report), sensitivity);

  for (guint i = 0; attach != NULL && attach[i] != NULL; i++)
    {
      if (!lia_attachment_add_file (store, report, attach[i], &error))
        return lia_cli_failure (error);
    }

  if (!lia_store_save (store, LIA_RECORD (report), &error))
    return lia_cli_failure (error);

  g_print ("%s\n", lia_record_get_uuid (LIA_RECORD (report)));
  return LIA_CLI_EXIT_OK;
}

static int
submit_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaReport) report = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("ID is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(report = load_report (store, argv[1], &error)) ||
      !lia_report_submit (report, store, &error))
    return lia_cli_failure (error);

  g_print (_("Submitted “%s”. It goes to HQ at the next sync.\n"), lia_report_get_title (report));
  return LIA_CLI_EXIT_OK;
}

static int
list_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation, N_("Only the reports of operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(reports = lia_store_list (store, "report", operation, &error)))
    return lia_cli_failure (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < reports->len; i++)
        {
          LiaReport *report = g_ptr_array_index (reports, i);
          LiaRecord *record = LIA_RECORD (report);
          JsonArray *lessons = lia_report_get_lessons (report);
          JsonArray *attachments = lia_report_get_attachments (report);

          json_builder_begin_object (builder);
          add_string_member (builder, "uuid", lia_record_get_uuid (record));
          add_string_member (builder, "operation", lia_record_get_operation (record));
          add_string_member (builder, "sensitivity", lia_sensitivity_to_string (lia_record_get_sensitivity (record)));
          json_builder_set_member_name (builder, "revision");
          json_builder_add_int_value (builder, lia_record_get_revision (record));
          add_string_member (builder, "kind", lia_report_kind_to_string (lia_report_get_kind (report)));
          add_string_member (builder, "status", lia_report_get_string (report, "status"));
          add_string_member (builder, "title", lia_report_get_title (report));
          add_string_member (builder, "period_start", lia_report_get_string (report, "period_start"));
          add_string_member (builder, "period_end", lia_report_get_string (report, "period_end"));
          add_string_member (builder, "submitted_at", lia_report_get_string (report, "submitted_at"));
          json_builder_set_member_name (builder, "n_lessons");
          json_builder_add_int_value (builder, lessons != NULL ? json_array_get_length (lessons) : 0);
          json_builder_set_member_name (builder, "n_attachments");
          json_builder_add_int_value (builder, attachments != NULL ? json_array_get_length (attachments) : 0);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  if (reports->len == 0)
    g_print (_("No reports yet. “%s report template aar” shows how to write one.\n"), LIA_CLI_NAME);

  for (guint i = 0; i < reports->len; i++)
    {
      LiaReport *report = g_ptr_array_index (reports, i);
      const char *title = lia_report_get_title (report);

      g_print ("%s  %-8s  %-9s  %s  %s\n",
               lia_record_get_uuid (LIA_RECORD (report)),
               lia_report_kind_to_string (lia_report_get_kind (report)),
               lia_report_get_status (report) == LIA_REPORT_STATUS_SUBMITTED ? _("submitted") : _("draft"),
               lia_report_get_string (report, "period_end") ?: "----------",
               title != NULL ? title : _("(untitled)"));
    }

  return LIA_CLI_EXIT_OK;
}

static int
show_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("ID is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(report = load_report (store, argv[1], &error)))
    return lia_cli_failure (error);

  root = json_node_init_object (json_node_alloc (), lia_report_get_body (report));
  lia_cli_print_json (root);
  return LIA_CLI_EXIT_OK;
}

/* ---- lessons -------------------------------------------------------------- */

static void
print_lessons (LiaCliOptions *options,
               GPtrArray     *lessons)
{
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < lessons->len; i++)
        {
          LiaLesson *lesson = g_ptr_array_index (lessons, i);

          json_builder_begin_object (builder);
          add_string_member (builder, "text", lesson->text);
          json_builder_set_member_name (builder, "tags");
          json_builder_begin_array (builder);
          for (guint j = 0; lesson->tags[j] != NULL; j++)
            json_builder_add_string_value (builder, lesson->tags[j]);
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "curated");
          json_builder_add_boolean_value (builder, lesson->curated);
          add_string_member (builder, "source_uuid", lesson->source_uuid);
          add_string_member (builder, "source", lesson->source_title);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return;
    }

  for (guint i = 0; i < lessons->len; i++)
    {
      LiaLesson *lesson = g_ptr_array_index (lessons, i);
      g_autofree char *tags = g_strjoinv (", ", lesson->tags);

      g_print ("%s %s\n", lesson->curated ? _("[HQ]") : "•", lesson->text);
      if (*tags != '\0' || lesson->source_title != NULL)
        g_print ("    %s%s%s\n", tags, *tags != '\0' && lesson->source_title != NULL ? " — " : "",
                 lesson->source_title != NULL ? lesson->source_title : "");
    }
}

static int
lessons_search_run (const LiaCliCommand  *command,
                    LiaCliOptions        *options,
                    int                   argc,
                    char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("TEXT is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(lessons = lia_lessons_search (store, NULL, argv[1], &error)))
    return lia_cli_failure (error);

  if (lessons->len == 0 && !options->json)
    g_print (_("No lesson matches “%s”.\n"), argv[1]);
  print_lessons (options, lessons);

  return LIA_CLI_EXIT_OK;
}

static int
lessons_list_run (const LiaCliCommand  *command,
                  LiaCliOptions        *options,
                  int                   argc,
                  char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) lessons = NULL;
  g_autoptr(GError) error = NULL;
  gboolean curated = FALSE;
  const GOptionEntry entries[] = {
    { "curated", 0, 0, G_OPTION_ARG_NONE, &curated, N_("Only the lessons HQ published"), NULL },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(lessons = lia_lessons_list (store, NULL, curated, &error)))
    return lia_cli_failure (error);

  if (lessons->len == 0 && !options->json)
    g_print ("%s\n", curated ? _("HQ has published no lessons yet, or they have not been synced.")
                             : _("No lessons yet: they come from your reports and from HQ."));
  print_lessons (options, lessons);

  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand template_command = {
  .name = "report template",
  .parameter_string = N_("KIND"),
  .summary = N_("Print a complete example report (aar, sitrep or followup) as JSON"),
  .description = N_("Edit it and give it to “report new --from-json”."),
  .run = template_run,
};

static const LiaCliCommand new_command = {
  .name = "report new",
  .summary = N_("Save a report as a draft, from a JSON file"),
  .description = N_("Prints the new report’s id. A draft stays on this device until it is submitted."),
  .run = new_run,
};

static const LiaCliCommand submit_command = {
  .name = "report submit",
  .parameter_string = N_("ID"),
  .summary = N_("Check a draft fully and submit it to HQ"),
  .description = N_("It is sent at the next sync. A submitted report can no longer be changed: "
                    "to correct it, write a new report."),
  .run = submit_run,
};

static const LiaCliCommand list_command = {
  .name = "report list",
  .summary = N_("List the reports, drafts included"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand show_command = {
  .name = "report show",
  .parameter_string = N_("ID"),
  .summary = N_("Print a report as JSON"),
  .run = show_run,
};

static const LiaCliCommand * const report_subcommands[] = {
  &template_command,
  &new_command,
  &submit_command,
  &list_command,
  &show_command,
};

const LiaCliCommand lia_cli_report_command = {
  .name = "report",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Write after-action reviews, situation reports and follow-ups"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lia_cli_group_run,
  .subcommands = report_subcommands,
  .n_subcommands = G_N_ELEMENTS (report_subcommands),
};

static const LiaCliCommand lessons_search_command = {
  .name = "lessons search",
  .parameter_string = N_("TEXT"),
  .summary = N_("Search the lessons of your reports and those HQ published"),
  .description = N_("Accents and Arabic diacritics do not matter; the last word may be unfinished."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lessons_search_run,
};

static const LiaCliCommand lessons_list_command = {
  .name = "lessons list",
  .summary = N_("List the lessons observed"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lessons_list_run,
};

static const LiaCliCommand * const lessons_subcommands[] = {
  &lessons_search_command,
  &lessons_list_command,
};

const LiaCliCommand lia_cli_lessons_command = {
  .name = "lessons",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Search and list lessons observed"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lia_cli_group_run,
  .subcommands = lessons_subcommands,
  .n_subcommands = G_N_ELEMENTS (lessons_subcommands),
};
