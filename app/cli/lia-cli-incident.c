/* lia-cli-incident.c — incidents affecting humanitarians, linked to notifications
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "lia-cli-command.h"
#include "lia-cli-notify.h"

static LiaIncident *
find_incident (LiaStore    *store,
               const char  *uuid,
               GError     **error)
{
  g_autoptr(LiaRecord) record = lia_store_load (store, uuid, NULL);

  if (record == NULL || !LIA_IS_INCIDENT (record) || lia_record_get_tombstone (record))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("There is no incident “%s”. Run “%s incident list” to see them."), uuid, LIA_CLI_NAME);
      return NULL;
    }

  return LIA_INCIDENT (g_steal_pointer (&record));
}

static void
print_links (GPtrArray *links,
             gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < links->len; i++)
        {
          LiaIncidentLink *link = g_ptr_array_index (links, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "notification");
          json_builder_add_string_value (builder, link->notification_uuid);
          json_builder_set_member_name (builder, "record_type");
          json_builder_add_string_value (builder, link->record_type);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, link->title);
          json_builder_set_member_name (builder, "distance_km");
          json_builder_add_double_value (builder, link->distance_km);
          json_builder_set_member_name (builder, "explanation");
          json_builder_add_string_value (builder, link->explanation);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return;
    }

  for (guint i = 0; i < links->len; i++)
    {
      LiaIncidentLink *link = g_ptr_array_index (links, i);

      g_print ("%s  %5.1f km  %s\n    %s\n", link->notification_uuid, link->distance_km,
               link->title, link->explanation);
    }
}

static int
new_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *path = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  gboolean link_suggested = FALSE;
  const GOptionEntry entries[] = {
    { "from-json", 0, 0, G_OPTION_ARG_FILENAME, &path, N_("Read the incident from FILE (- for standard input), as “notify template incident” shows"), N_("FILE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("File it under operation OP"), N_("OP") },
    { "link-suggested", 0, 0, G_OPTION_ARG_NONE, &link_suggested, N_("Link the notifications found near it in place and time"), NULL },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(record = lia_cli_read_new_record (command, options, operation_option, LIA_CLI_KIND_INCIDENT,
                                          path, &store, &exit_status)))
    return exit_status;

  if (!(links = lia_incident_suggest_links (store, LIA_INCIDENT (record), &error)))
    return lia_cli_failure (error);
  if (link_suggested)
    for (guint i = 0; i < links->len; i++)
      lia_incident_link_notification (LIA_INCIDENT (record),
                                      ((LiaIncidentLink *) g_ptr_array_index (links, i))->notification_uuid);

  if (!lia_store_save (store, record, &error))
    return lia_cli_failure (error);

  g_print ("%s\n", lia_record_get_uuid (record));
  if (!link_suggested && links->len > 0)
    /* Translators: %s is a command line to type as is */
    g_printerr (_("%s: %u notifications may concern this incident; see “%s incident suggest %s”.\n"),
                g_get_prgname (), links->len, LIA_CLI_NAME, lia_record_get_uuid (record));

  return LIA_CLI_EXIT_OK;
}

static int
compare_incidents (gconstpointer a,
                   gconstpointer b)
{
  GDateTime *first = lia_incident_get_at (*(LiaIncident **) a);
  GDateTime *second = lia_incident_get_at (*(LiaIncident **) b);

  return g_date_time_compare (first, second);
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
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("Only the incidents of operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);
  operation = lia_cli_resolve_operation (store, operation_option);
  if (!(incidents = lia_store_list (store, "incident", operation, &error)))
    return lia_cli_failure (error);
  g_ptr_array_sort (incidents, compare_incidents);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < incidents->len; i++)
        {
          LiaRecord *record = g_ptr_array_index (incidents, i);
          g_autofree char *body = lia_record_serialize_body (record);
          JsonObject *object;

          if (!json_parser_load_from_data (parser, body, -1, &error))
            return lia_cli_failure (error);
          object = json_node_get_object (json_parser_get_root (parser));
          json_object_set_string_member (object, "uuid", lia_record_get_uuid (record));
          json_object_set_string_member (object, "sensitivity",
                                         lia_sensitivity_to_string (lia_record_get_sensitivity (record)));
          json_builder_add_value (builder, json_node_copy (json_parser_get_root (parser)));
        }
      json_builder_end_array (builder);
      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  for (guint i = 0; i < incidents->len; i++)
    {
      LiaIncident *incident = g_ptr_array_index (incidents, i);
      g_autofree char *at = lia_notify_time_format_utc (lia_incident_get_at (incident));
      const char * const *linked = lia_incident_get_linked_notifications (incident);

      g_print ("%s  %s  %-11s  %u  %s\n", lia_record_get_uuid (LIA_RECORD (incident)), at,
               lia_enum_to_string (LIA_TYPE_INCIDENT_TYPE, lia_incident_get_incident_type (incident)),
               g_strv_length ((char **) linked),
               lia_incident_get_location (incident)->name != NULL ? lia_incident_get_location (incident)->name : "");
    }

  return LIA_CLI_EXIT_OK;
}

static int
suggest_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaIncident) incident = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, _("say which incident"));

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(incident = find_incident (store, argv[1], &error)) ||
      !(links = lia_incident_suggest_links (store, incident, &error)))
    return lia_cli_failure (error);

  print_links (links, options->json);
  return LIA_CLI_EXIT_OK;
}

static int
summary_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  g_autofree char *lang = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaIncident) incident = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "lang", 0, 0, G_OPTION_ARG_STRING, &lang, N_("Write it in en, fr or ar (default: en)"), N_("L") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, _("say which incident"));
  if (lang != NULL && !g_strv_contains ((const char * const []) { "en", "fr", "ar", NULL }, lang))
    return lia_cli_usage_error (command, _("--lang must be en, fr or ar"));

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(incident = find_incident (store, argv[1], &error)) ||
      !(summary = lia_incident_format_summary (incident, store, lang != NULL ? lang : "en", &error)))
    return lia_cli_failure (error);

  fputs (summary, stdout);
  fputc ('\n', stdout);
  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand new_command = {
  .name = "incident new",
  .summary = N_("Record an incident from a JSON file"),
  .description = N_("Every problem is reported with the name of its field; nothing is saved unless the incident is valid."),
  .run = new_run,
};

static const LiaCliCommand list_command = {
  .name = "incident list",
  .summary = N_("List incidents, oldest first"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand suggest_command = {
  .name = "incident suggest",
  .parameter_string = N_("ID"),
  .summary = N_("Show the notifications near an incident in place and time"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = suggest_run,
};

static const LiaCliCommand summary_command = {
  .name = "incident summary",
  .parameter_string = N_("ID"),
  .summary = N_("Write a factual summary of an incident for advocacy"),
  .run = summary_run,
};

static const LiaCliCommand * const incident_subcommands[] = {
  &new_command,
  &list_command,
  &suggest_command,
  &summary_command,
};

const LiaCliCommand lia_cli_incident_command = {
  .name = "incident",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Record incidents and link them to notifications"),
  .run = lia_cli_group_run,
  .subcommands = incident_subcommands,
  .n_subcommands = G_N_ELEMENTS (incident_subcommands),
};
