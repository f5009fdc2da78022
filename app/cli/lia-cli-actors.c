/* lia-cli-actors.c — build, analyse, import and export stakeholder maps
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "lia-cli-command.h"

#define REACH_MAX_CHAINS 5

static gboolean
parse_enum_option (const LiaCliCommand *command,
                   GType                enum_type,
                   const char          *option,
                   const char          *value,
                   int                 *result,
                   int                 *exit_status)
{
  g_autoptr(GEnumClass) klass = NULL;
  g_autoptr(GString) choices = NULL;

  if (value == NULL || lia_enum_from_string (enum_type, value, result))
    return TRUE;

  klass = g_type_class_ref (enum_type);
  choices = g_string_new (NULL);
  for (guint i = 0; i < klass->n_values; i++)
    g_string_append_printf (choices, "%s%s", i > 0 ? ", " : "", klass->values[i].value_nick);

  /* Translators: %s are an option, a value and the list of choices */
  *exit_status = lia_cli_usage_error (command, _("%s “%s” is unknown; use one of %s"), option, value, choices->str);
  return FALSE;
}

static gboolean
parse_date_option (const LiaCliCommand *command,
                   const char          *option,
                   const char          *value,
                   GDate               *date,
                   int                 *exit_status)
{
  g_date_clear (date, 1);
  if (value == NULL || lia_date_parse_iso (value, date))
    return TRUE;

  *exit_status = lia_cli_usage_error (command, _("%s “%s” is not a date; write YYYY-MM-DD"), option, value);
  return FALSE;
}

static gboolean
parse_sensitivity_option (const LiaCliCommand *command,
                          const char          *value,
                          LiaSensitivity      *sensitivity,
                          int                 *exit_status)
{
  if (value == NULL || lia_sensitivity_from_string (value, sensitivity))
    return TRUE;

  *exit_status = lia_cli_usage_error (command,
                                      _("--sensitivity “%s” is unknown; use public, restricted, confidential or strictly-confidential"),
                                      value);
  return FALSE;
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
compare_actor_names (gconstpointer a,
                     gconstpointer b)
{
  return g_utf8_collate (lia_actor_get_name (*(LiaActor **) a), lia_actor_get_name (*(LiaActor **) b));
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
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("Only the actors of operation OP"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  operation = lia_cli_resolve_operation (store, operation_option);
  if (!(actors = lia_store_list (store, "actor", operation, &error)))
    return lia_cli_failure (error);
  g_ptr_array_sort (actors, compare_actor_names);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < actors->len; i++)
        {
          LiaActor *actor = g_ptr_array_index (actors, i);
          LiaRecord *record = LIA_RECORD (actor);
          g_auto(GStrv) languages = lia_actor_dup_languages (actor);

          json_builder_begin_object (builder);
          add_string_member (builder, "uuid", lia_record_get_uuid (record));
          add_string_member (builder, "operation", lia_record_get_operation (record));
          add_string_member (builder, "name", lia_actor_get_name (actor));
          json_builder_set_member_name (builder, "names");
          json_builder_begin_object (builder);
          for (guint j = 0; languages[j] != NULL; j++)
            add_string_member (builder, languages[j], lia_actor_get_localized_name (actor, languages[j]));
          json_builder_end_object (builder);
          add_string_member (builder, "type", lia_enum_to_string (LIA_TYPE_ACTOR_TYPE, lia_actor_get_actor_type (actor)));
          json_builder_set_member_name (builder, "influence");
          json_builder_add_int_value (builder, lia_actor_get_influence (actor));
          add_string_member (builder, "engagement", lia_enum_to_string (LIA_TYPE_ENGAGEMENT, lia_actor_get_engagement (actor)));
          add_string_member (builder, "sensitivity", lia_sensitivity_to_string (lia_record_get_sensitivity (record)));
          json_builder_set_member_name (builder, "n_contacts");
          json_builder_add_int_value (builder, lia_actor_get_n_contacts (actor));
          json_builder_set_member_name (builder, "locations");
          json_builder_begin_array (builder);
          for (guint j = 0; j < lia_actor_get_n_locations (actor); j++)
            {
              const LiaActorLocation *location = lia_actor_get_location (actor, j);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "lat");
              json_builder_add_double_value (builder, location->lat);
              json_builder_set_member_name (builder, "lon");
              json_builder_add_double_value (builder, location->lon);
              add_string_member (builder, "place", location->place);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  for (guint i = 0; i < actors->len; i++)
    {
      LiaActor *actor = g_ptr_array_index (actors, i);

      /* The id first and the name last: names vary in length and some
       * run right to left. */
      g_print ("%s  %-17s  %2d  %s\n",
               lia_record_get_uuid (LIA_RECORD (actor)),
               lia_enum_to_string (LIA_TYPE_ACTOR_TYPE, lia_actor_get_actor_type (actor)),
               lia_actor_get_influence (actor),
               lia_actor_get_name (actor));
    }

  return LIA_CLI_EXIT_OK;
}

static int
add_run (const LiaCliCommand  *command,
         LiaCliOptions        *options,
         int                   argc,
         char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *type_str = NULL;
  g_autofree char *engagement_str = NULL;
  g_autofree char *posture_str = NULL;
  g_autofree char *sensitivity_str = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *place = NULL;
  g_autofree char *verified_str = NULL;
  g_autofree char *source = NULL;
  g_autofree char *goals = NULL;
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) aliases = NULL;
  g_auto(GStrv) contacts = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaActor) actor = NULL;
  g_autoptr(GError) error = NULL;
  double lat = G_MAXDOUBLE, lon = G_MAXDOUBLE;
  int influence = 0;
  int type = LIA_ACTOR_TYPE_OTHER;
  int engagement = LIA_ENGAGEMENT_NO_CONTACT;
  int posture = LIA_ACTOR_POSTURE_UNKNOWN;
  LiaSensitivity sensitivity = LIA_SENSITIVITY_RESTRICTED;
  GDate verified;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_str, N_("The kind of actor: state-forces, rebel-group, humanitarian…"), N_("TYPE") },
    { "influence", 0, 0, G_OPTION_ARG_INT, &influence, N_("Relative influence, 0 (none) to 10 (decisive)"), N_("N") },
    { "lat", 0, 0, G_OPTION_ARG_DOUBLE, &lat, N_("Latitude of where it operates, decimal degrees"), N_("DEG") },
    { "lon", 0, 0, G_OPTION_ARG_DOUBLE, &lon, N_("Longitude of where it operates, decimal degrees"), N_("DEG") },
    { "place", 0, 0, G_OPTION_ARG_STRING, &place, N_("Name of that place or area"), N_("NAME") },
    { "name", 0, 0, G_OPTION_ARG_STRING_ARRAY, &names, N_("Its name in language LANG, e.g. ar=…; repeatable"), N_("LANG=NAME") },
    { "alias", 0, 0, G_OPTION_ARG_STRING_ARRAY, &aliases, N_("Another name it goes by; repeatable"), N_("NAME") },
    { "contact", 0, 0, G_OPTION_ARG_STRING_ARRAY, &contacts, N_("A focal point, confidential by default; repeatable"), N_("WHO|CHANNEL|VALUE") },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &parent, N_("The actor it belongs to, by name or id"), N_("ACTOR") },
    { "engagement", 0, 0, G_OPTION_ARG_STRING, &engagement_str, N_("no-contact, indirect, channel-established or regular-dialogue"), N_("STATUS") },
    { "posture", 0, 0, G_OPTION_ARG_STRING, &posture_str, N_("Posture towards humanitarian action"), N_("POSTURE") },
    { "goals", 0, 0, G_OPTION_ARG_STRING, &goals, N_("What it wants"), N_("TEXT") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where the information comes from"), N_("TEXT") },
    { "last-verified", 0, 0, G_OPTION_ARG_STRING, &verified_str, N_("When it was last checked"), N_("YYYY-MM-DD") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation it belongs to"), N_("OP") },
    { "sensitivity", 0, 0, G_OPTION_ARG_STRING, &sensitivity_str, N_("public, restricted, confidential or strictly-confidential"), N_("LEVEL") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("NAME is missing") : _("unexpected argument “%s”"), argv[argc - 1]);
  if (type_str == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--type");
  if ((lat == G_MAXDOUBLE) != (lon == G_MAXDOUBLE))
    return lia_cli_usage_error (command, _("--lat and --lon go together"));

  if (!parse_enum_option (command, LIA_TYPE_ACTOR_TYPE, "--type", type_str, &type, &exit_status) ||
      !parse_enum_option (command, LIA_TYPE_ENGAGEMENT, "--engagement", engagement_str, &engagement, &exit_status) ||
      !parse_enum_option (command, LIA_TYPE_ACTOR_POSTURE, "--posture", posture_str, &posture, &exit_status) ||
      !parse_sensitivity_option (command, sensitivity_str, &sensitivity, &exit_status) ||
      !parse_date_option (command, "--last-verified", verified_str, &verified, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)))
    return lia_cli_failure (error);

  actor = lia_actor_new (operation, argv[1], type);
  lia_record_set_sensitivity (LIA_RECORD (actor), sensitivity);
  lia_actor_set_influence (actor, influence);
  lia_actor_set_engagement (actor, engagement);
  lia_actor_set_posture (actor, posture);
  lia_actor_set_goals (actor, goals);
  lia_actor_set_source (actor, source);
  lia_actor_set_last_verified (actor, &verified);
  lia_actor_set_aliases (actor, (const char * const *) aliases);
  if (lat != G_MAXDOUBLE)
    lia_actor_add_location (actor, lat, lon, place);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (names[i], "=", 2);

      if (g_strv_length (parts) != 2 || *parts[0] == '\0')
        return lia_cli_usage_error (command, _("--name “%s” should be LANG=NAME"), names[i]);
      lia_actor_set_localized_name (actor, parts[0], parts[1]);
    }

  for (guint i = 0; contacts != NULL && contacts[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (contacts[i], "|", 3);

      if (g_strv_length (parts) != 3)
        return lia_cli_usage_error (command, _("--contact “%s” should be WHO|CHANNEL|VALUE"), contacts[i]);
      lia_actor_add_contact (actor, parts[0], parts[1], parts[2]);
    }

  /* An explicit level wins over the contacts' default. */
  if (sensitivity_str != NULL)
    lia_record_set_sensitivity (LIA_RECORD (actor), sensitivity);

  if (parent != NULL)
    {
      g_autoptr(LiaActor) parent_actor = lia_cli_find_actor (store, operation, parent, &error);

      if (parent_actor == NULL)
        return lia_cli_failure (error);
      lia_actor_set_parent_uuid (actor, lia_record_get_uuid (LIA_RECORD (parent_actor)));
    }

  if (!lia_actor_validate (actor, &error) ||
      !lia_store_save (store, LIA_RECORD (actor), &error))
    return lia_cli_failure (error);

  g_print ("%s\n", lia_record_get_uuid (LIA_RECORD (actor)));
  return LIA_CLI_EXIT_OK;
}

static int
link_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *type_str = NULL;
  g_autofree char *start_str = NULL;
  g_autofree char *end_str = NULL;
  g_autofree char *sensitivity_str = NULL;
  g_autofree char *source = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaActor) from = NULL;
  g_autoptr(LiaActor) to = NULL;
  g_autoptr(LiaRelationship) relationship = NULL;
  g_autoptr(GError) error = NULL;
  double weight = LIA_RELATIONSHIP_DEFAULT_WEIGHT;
  int type = LIA_RELATIONSHIP_INFLUENCES;
  LiaSensitivity sensitivity = LIA_SENSITIVITY_RESTRICTED;
  GDate start, end;
  const GOptionEntry entries[] = {
    { "type", 0, 0, G_OPTION_ARG_STRING, &type_str, N_("commands, allied-with, hostile-to, supports, influences, negotiates-with or liaison-channel"), N_("TYPE") },
    { "weight", 0, 0, G_OPTION_ARG_DOUBLE, &weight, N_("Strength from 0 to 1 (default 0.5)"), N_("W") },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_str, N_("Since when it holds"), N_("YYYY-MM-DD") },
    { "end", 0, 0, G_OPTION_ARG_STRING, &end_str, N_("Until when it held"), N_("YYYY-MM-DD") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Where the information comes from"), N_("TEXT") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation it belongs to"), N_("OP") },
    { "sensitivity", 0, 0, G_OPTION_ARG_STRING, &sensitivity_str, N_("public, restricted, confidential or strictly-confidential"), N_("LEVEL") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc < 3)
    return lia_cli_usage_error (command, _("%s is missing"), argc < 2 ? "FROM" : "TO");
  if (argc > 3)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[3]);
  if (type_str == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--type");

  if (!parse_enum_option (command, LIA_TYPE_RELATIONSHIP_TYPE, "--type", type_str, &type, &exit_status) ||
      !parse_sensitivity_option (command, sensitivity_str, &sensitivity, &exit_status) ||
      !parse_date_option (command, "--start", start_str, &start, &exit_status) ||
      !parse_date_option (command, "--end", end_str, &end, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)) ||
      !(from = lia_cli_find_actor (store, operation, argv[1], &error)) ||
      !(to = lia_cli_find_actor (store, operation, argv[2], &error)))
    return lia_cli_failure (error);

  relationship = lia_relationship_new (operation,
                                       lia_record_get_uuid (LIA_RECORD (from)),
                                       lia_record_get_uuid (LIA_RECORD (to)),
                                       type);
  lia_record_set_sensitivity (LIA_RECORD (relationship), sensitivity);
  lia_relationship_set_weight (relationship, weight);
  lia_relationship_set_start_date (relationship, &start);
  lia_relationship_set_end_date (relationship, &end);
  lia_relationship_set_source (relationship, source);

  if (!lia_relationship_validate (relationship, store, &error) ||
      !lia_store_save (store, LIA_RECORD (relationship), &error))
    return lia_cli_failure (error);

  g_print ("%s\n", lia_record_get_uuid (LIA_RECORD (relationship)));
  return LIA_CLI_EXIT_OK;
}

static int
import_acled_run (const LiaCliCommand  *command,
                  LiaCliOptions        *options,
                  int                   argc,
                  char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaAcledImport) import = NULL;
  g_autoptr(GError) error = NULL;
  gboolean dry_run = FALSE;
  GPtrArray *problems;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only say what the import would change"), NULL },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation to import into"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("FILE is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(operation = lia_cli_require_operation (store, operation_option, &error)))
    return lia_cli_failure (error);

  import = lia_acled_import_new (store, operation);
  if (!lia_acled_import_prepare (import, argv[1], &error))
    return lia_cli_failure (error);

  problems = lia_acled_import_get_problems (import);

  /* The preview is taken before writing: committing empties the plan. */
  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      const struct { const char *name; guint value; } counts[] = {
        { "rows", lia_acled_import_get_n_rows (import) },
        { "new_actors", lia_acled_import_get_n_new_actors (import) },
        { "merged_actors", lia_acled_import_get_n_merged_actors (import) },
        { "new_relationships", lia_acled_import_get_n_new_relationships (import) },
        { "updated_relationships", lia_acled_import_get_n_updated_relationships (import) },
        { "unchanged_relationships", lia_acled_import_get_n_unchanged_relationships (import) },
      };

      if (!dry_run && !lia_acled_import_commit (import, &error))
        return lia_cli_failure (error);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dry_run");
      json_builder_add_boolean_value (builder, dry_run);
      for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
        {
          json_builder_set_member_name (builder, counts[i].name);
          json_builder_add_int_value (builder, counts[i].value);
        }
      json_builder_set_member_name (builder, "skipped_rows");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        {
          const LiaAcledProblem *problem = g_ptr_array_index (problems, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "row");
          json_builder_add_int_value (builder, problem->row);
          add_string_member (builder, "message", problem->message);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  g_print (dry_run ? _("Importing would read %u events:\n") : _("Read %u events:\n"),
           lia_acled_import_get_n_rows (import));
  g_print (_("  %u new actors, %u matched existing actors\n"),
           lia_acled_import_get_n_new_actors (import), lia_acled_import_get_n_merged_actors (import));
  g_print (_("  %u new relationships, %u updated, %u unchanged\n"),
           lia_acled_import_get_n_new_relationships (import),
           lia_acled_import_get_n_updated_relationships (import),
           lia_acled_import_get_n_unchanged_relationships (import));

  for (guint i = 0; i < problems->len; i++)
    {
      const LiaAcledProblem *problem = g_ptr_array_index (problems, i);

      /* Translators: a skipped row of a CSV file; %s says what is wrong */
      g_printerr (_("Row %u skipped: %s\n"), problem->row, problem->message);
    }

  if (!dry_run && !lia_acled_import_commit (import, &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

/* The map as it stands on --as-of, by default today: relationships that
 * ended are history, not levers. */
static gboolean
parse_as_of (const LiaCliCommand *command,
             const char          *value,
             GDate               *date,
             int                 *exit_status)
{
  if (value != NULL)
    return parse_date_option (command, "--as-of", value, date, exit_status);

  g_date_clear (date, 1);
  g_date_set_time_t (date, time (NULL));
  return TRUE;
}

static int
analyze_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *as_of_str = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaActorGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  GDate as_of;
  guint n;
  const GOptionEntry entries[] = {
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation to analyse"), N_("OP") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_str, N_("Only the relationships that held on this date (default: today)"), N_("YYYY-MM-DD") },
    { NULL }
  };
  int exit_status = LIA_CLI_EXIT_OK;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (!parse_as_of (command, as_of_str, &as_of, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  operation = lia_cli_resolve_operation (store, operation_option);
  if (!(graph = lia_actor_graph_new_from_store (store, operation, &as_of, &error)))
    return lia_cli_failure (error);

  n = lia_actor_graph_get_n_actors (graph);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "actors");
      json_builder_begin_array (builder);
      for (guint v = 0; v < n; v++)
        {
          LiaActor *actor = lia_actor_graph_get_actor (graph, v);

          json_builder_begin_object (builder);
          add_string_member (builder, "uuid", lia_record_get_uuid (LIA_RECORD (actor)));
          add_string_member (builder, "name", lia_actor_get_name (actor));
          json_builder_set_member_name (builder, "degree");
          json_builder_add_int_value (builder, lia_actor_graph_get_degree (graph, v));
          json_builder_set_member_name (builder, "in_degree");
          json_builder_add_int_value (builder, lia_actor_graph_get_in_degree (graph, v));
          json_builder_set_member_name (builder, "out_degree");
          json_builder_add_int_value (builder, lia_actor_graph_get_out_degree (graph, v));
          json_builder_set_member_name (builder, "betweenness");
          json_builder_add_double_value (builder, lia_actor_graph_get_betweenness (graph, v, FALSE));
          json_builder_set_member_name (builder, "betweenness_directed");
          json_builder_add_double_value (builder, lia_actor_graph_get_betweenness (graph, v, TRUE));
          json_builder_set_member_name (builder, "community");
          json_builder_add_int_value (builder, lia_actor_graph_get_community (graph, v));
          json_builder_set_member_name (builder, "isolated");
          json_builder_add_boolean_value (builder, lia_actor_graph_is_isolated (graph, v));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "n_communities");
      json_builder_add_int_value (builder, lia_actor_graph_get_n_communities (graph));
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  g_print (_("%u actors, %u relationships\n\n"), n, lia_actor_graph_get_n_relationships (graph));
  /* Translators: column headings; keep the widths */
  g_print ("%s\n", _("Degree  Broker  Group  Actor"));
  for (guint v = 0; v < n; v++)
    g_print ("%6u  %6.3f  %5u  %s\n",
             lia_actor_graph_get_degree (graph, v),
             lia_actor_graph_get_betweenness (graph, v, FALSE),
             lia_actor_graph_get_community (graph, v) + 1,
             lia_actor_get_name (lia_actor_graph_get_actor (graph, v)));

  for (guint v = 0; v < n; v++)
    {
      if (lia_actor_graph_is_isolated (graph, v))
        g_print (_("Isolated: %s\n"), lia_actor_get_name (lia_actor_graph_get_actor (graph, v)));
    }

  return LIA_CLI_EXIT_OK;
}

static int
reach_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *from_option = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaActorGraph) graph = NULL;
  g_autoptr(LiaActor) target = NULL;
  g_autoptr(LiaActor) from = NULL;
  g_autoptr(GPtrArray) chains = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *as_of_str = NULL;
  GDate as_of;
  const GOptionEntry entries[] = {
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_str, N_("Only the relationships that held on this date (default: today)"), N_("YYYY-MM-DD") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_option, N_("Start from this actor instead of every humanitarian actor"), N_("ACTOR") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation of the map"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("TARGET is missing") : _("unexpected argument “%s”"), argv[argc - 1]);
  if (!parse_as_of (command, as_of_str, &as_of, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  operation = lia_cli_resolve_operation (store, operation_option);
  if (!(target = lia_cli_find_actor (store, operation, argv[1], &error)) ||
      (from_option != NULL && !(from = lia_cli_find_actor (store, operation, from_option, &error))) ||
      !(graph = lia_actor_graph_new_from_store (store, operation, &as_of, &error)) ||
      !(chains = lia_actor_graph_find_reach (graph,
                                             lia_actor_graph_lookup (graph, lia_record_get_uuid (LIA_RECORD (target))),
                                             from != NULL ? lia_actor_graph_lookup (graph, lia_record_get_uuid (LIA_RECORD (from)))
                                                          : LIA_ACTOR_GRAPH_NO_NODE,
                                             REACH_MAX_CHAINS, &error)))
    return lia_cli_failure (error);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_string_member (builder, "target", lia_actor_get_name (target));
      json_builder_set_member_name (builder, "chains");
      json_builder_begin_array (builder);
      for (guint i = 0; i < chains->len; i++)
        {
          const LiaReachChain *chain = g_ptr_array_index (chains, i);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "strength");
          json_builder_add_double_value (builder, chain->strength);
          json_builder_set_member_name (builder, "actors");
          json_builder_begin_array (builder);
          for (guint j = 0; j < chain->nodes->len; j++)
            json_builder_add_string_value (builder,
                                           lia_actor_get_name (lia_actor_graph_get_actor (graph, g_array_index (chain->nodes, guint, j))));
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "relationships");
          json_builder_begin_array (builder);
          for (guint j = 0; j < chain->relationships->len; j++)
            json_builder_add_string_value (builder,
                                           lia_enum_to_string (LIA_TYPE_RELATIONSHIP_TYPE,
                                                               lia_relationship_get_relationship_type (g_ptr_array_index (chain->relationships, j))));
          json_builder_end_array (builder);
          add_string_member (builder, "explanation", chain->explanation);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return LIA_CLI_EXIT_OK;
    }

  if (chains->len == 0)
    {
      g_print (_("No chain of relationships leads to %s from your liaison channels yet.\n"),
               lia_actor_get_name (target));
      return LIA_CLI_EXIT_OK;
    }

  for (guint i = 0; i < chains->len; i++)
    g_print ("%u. %s\n", i + 1, ((LiaReachChain *) g_ptr_array_index (chains, i))->explanation);

  return LIA_CLI_EXIT_OK;
}

static int
export_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autofree char *operation_option = NULL;
  g_autofree char *format_str = NULL;
  g_autofree char *output = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gboolean include_strictly_confidential = FALSE;
  guint n_records = 0, n_contacts = 0;
  LiaActorExportFormat format;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_str, N_("geojson, hxl or graphml"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the export to FILE"), N_("FILE") },
    { "include-strictly-confidential", 0, 0, G_OPTION_ARG_NONE, &include_strictly_confidential,
      N_("Also export strictly confidential actors and relationships, and confidential contacts"), NULL },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation to export"), N_("OP") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (format_str == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--format");
  if (!lia_actor_export_format_from_string (format_str, &format))
    return lia_cli_usage_error (command, _("--format “%s” is unknown; use geojson, hxl or graphml"), format_str);
  if (output == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "--output");

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  operation = lia_cli_resolve_operation (store, operation_option);
  if ((!include_strictly_confidential &&
       !lia_actor_export_count_left_out (store, operation, &n_records, &n_contacts, &error)) ||
      !lia_actor_export_to_file (store, operation, format,
                                 include_strictly_confidential ? LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL
                                                               : LIA_ACTOR_EXPORT_FLAGS_NONE,
                                 output, &error))
    return lia_cli_failure (error);

  lia_cli_print_left_out (n_records, n_contacts);
  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand list_command = {
  .name = "actors list",
  .summary = N_("List the actors of the operation"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand add_command = {
  .name = "actors add",
  .parameter_string = N_("NAME"),
  .summary = N_("Add an actor to the stakeholder map"),
  .description = N_("Prints the new actor’s id. Contacts make the actor confidential unless --sensitivity says otherwise."),
  .run = add_run,
};

static const LiaCliCommand link_command = {
  .name = "actors link",
  .parameter_string = N_("FROM TO"),
  .summary = N_("Add a relationship from one actor to another"),
  .description = N_("FROM and TO are actor names or ids. Prints the new relationship’s id."),
  .run = link_run,
};

static const LiaCliCommand import_acled_command = {
  .name = "actors import-acled",
  .parameter_string = N_("FILE"),
  .summary = N_("Import actors and relationships from an ACLED events CSV"),
  .description = N_("Matching actors are merged, not duplicated; importing the same file again changes nothing. "
                    "Bad rows are listed with their row numbers and skipped. "
                    "If the file cannot be read at all, nothing is written."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = import_acled_run,
};

static const LiaCliCommand analyze_command = {
  .name = "actors analyze",
  .summary = N_("Show brokers, connections, groups and isolated actors"),
  .description = N_("Degree counts the actors linked to an actor. Broker is the betweenness centrality, "
                    "ignoring direction: how often an actor lies on the shortest paths between others."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = analyze_run,
};

static const LiaCliCommand reach_command = {
  .name = "actors reach",
  .parameter_string = N_("TARGET"),
  .summary = N_("Explain how your liaison channels can reach an actor"),
  .description = N_("Starts from every humanitarian actor, or from --from, and follows commands, support, influence, "
                    "alliances, negotiations and liaison channels, strongest chains first."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = reach_run,
};

static const LiaCliCommand export_command = {
  .name = "actors export",
  .summary = N_("Export the map as GeoJSON, HXL CSV or GraphML"),
  .description = N_("Strictly confidential actors and relationships, and confidential contacts, are left out "
                    "unless --include-strictly-confidential is given; stderr says how many."),
  .run = export_run,
};

static const LiaCliCommand * const subcommands[] = {
  &list_command,
  &add_command,
  &link_command,
  &analyze_command,
  &reach_command,
  &import_acled_command,
  &export_command,
};

const LiaCliCommand lia_cli_actors_command = {
  .name = "actors",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Build, analyse, import and export the stakeholder map"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lia_cli_group_run,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
};
