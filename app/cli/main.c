/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"


#include <glib/gi18n.h>

#include "lia-cli-command.h"
#include "lia-process.h"

static int version_run (const LiaCliCommand  *command,
                        LiaCliOptions        *options,
                        int                   argc,
                        char                **argv);
static int help_run    (const LiaCliCommand  *command,
                        LiaCliOptions        *options,
                        int                   argc,
                        char                **argv);

static const LiaCliCommand version_command = {
  .name = "version",
  .summary = N_("Show the version of liaison-cli"),
  .run = version_run,
};

static const LiaCliCommand help_command = {
  .name = "help",
  .parameter_string = N_("[COMMAND]"),
  .summary = N_("Show the commands, or how to use one of them"),
  .run = help_run,
};

/* A feature adds its command here, in the order of the help. */
static const LiaCliCommand * const commands[] = {
  &lia_cli_info_command,
  &lia_cli_init_command,
  &lia_cli_encrypt_command,
  &lia_cli_guidance_command,
  &lia_cli_operation_command,
  &lia_cli_actors_command,
  &lia_cli_report_command,
  &lia_cli_lessons_command,
  &lia_cli_directory_command,
  &lia_cli_handover_command,
  &lia_cli_notify_command,
  &lia_cli_incident_command,
  &lia_cli_enrol_command,
  &lia_cli_sync_command,
  &lia_cli_passwd_command,
  &lia_cli_panic_command,
  &lia_cli_retention_command,
  &lia_cli_purge_command,
  &version_command,
  &help_command,
};

static const LiaCliCommand *
lookup_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i]->name, name) == 0)
        return commands[i];
    }

  return NULL;
}

static int
unknown_command (const char *name)
{
  return lia_cli_usage_error (NULL, _("unknown command “%s”"), name);
}

static char *
describe_commands (void)
{
  GString *text = g_string_new (NULL);

  lia_cli_append_command_list (text, _("Commands:"), commands, G_N_ELEMENTS (commands));
  /* Translators: %s is “liaison-cli”; COMMAND stands for a command name */
  g_string_append_printf (text, _("Run “%s help COMMAND” to see how to use a command."),
                          LIA_CLI_NAME);

  return g_string_free (text, FALSE);
}

/* Options before the command name; parsing stops at the command so that
 * its own options reach it. */
static GOptionContext *
global_context_new (LiaCliOptions *options,
                    gboolean      *version,
                    gboolean      *help)
{
  const GOptionEntry entries[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, version, N_("Show the version and exit"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, help, N_("Show this help and exit"), NULL },
    { NULL }
  };
  g_autofree char *description = describe_commands ();
  GOptionContext *context;

  context = g_option_context_new (N_("COMMAND [ARG…]"));
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  lia_cli_options_add_entries (options, context);
  g_option_context_set_summary (context,
                                N_("Work with the data of Liaison, the civil-military coordination app, without its window."));
  g_option_context_set_description (context, description);

  return context;
}

static void
print_help (GOptionContext *context)
{
  g_autofree char *text = NULL;

  /* The usage line names the program, not a command that led here. */
  g_set_prgname (LIA_CLI_NAME);
  text = g_option_context_get_help (context, TRUE, NULL);

  g_print ("%s", text);
}

static void
print_version (void)
{
  g_print ("%s %s\n", LIA_CLI_NAME, PACKAGE_VERSION);
}

static int
version_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  print_version ();

  return LIA_CLI_EXIT_OK;
}

static int
help_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  const LiaCliCommand *topic;
  g_autoptr(GPtrArray) topic_argv = NULL;
  char help_arg[] = "--help";
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc == 1)
    {
      gboolean version = FALSE;
      gboolean help = FALSE;
      g_autoptr(GOptionContext) context = global_context_new (options, &version, &help);

      print_help (context);
      return LIA_CLI_EXIT_OK;
    }

  topic = lookup_command (argv[1]);
  if (topic == NULL)
    return unknown_command (argv[1]);

  /* Only a group takes more: “help guidance build”. */
  if (argc > 2 && topic->subcommands == NULL)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[2]);

  /* A command's help is exactly what its own --help prints. */
  topic_argv = g_ptr_array_new ();
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (topic_argv, argv[i]);
  g_ptr_array_add (topic_argv, help_arg);
  g_ptr_array_add (topic_argv, NULL);

  return topic->run (topic, options, topic_argv->len - 1, (char **) topic_argv->pdata);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(LiaCliOptions) options = { NULL, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const LiaCliCommand *command;
  gboolean version = FALSE;
  gboolean help = FALSE;

  /* Before anything holds a record: no core dump, no ptrace. */
  lia_process_harden ();

  lia_i18n_init ();

  /* Messages name the program the same way however it was started. */
  g_set_prgname (LIA_CLI_NAME);

  context = global_context_new (&options, &version, &help);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return lia_cli_usage_error (NULL, "%s", error->message);

  if (version)
    {
      print_version ();
      return LIA_CLI_EXIT_OK;
    }

  if (help)
    {
      print_help (context);
      return LIA_CLI_EXIT_OK;
    }

  if (argc < 2)
    {
      g_printerr (_("Usage: %s [OPTION…] COMMAND [ARG…]\n"), LIA_CLI_NAME);
      lia_cli_print_hint (NULL);
      return LIA_CLI_EXIT_USAGE;
    }

  command = lookup_command (argv[1]);
  if (command == NULL)
    return unknown_command (argv[1]);

  return command->run (command, &options, argc - 1, argv + 1);
}
