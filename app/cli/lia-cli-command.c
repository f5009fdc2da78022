/* lia-cli-command.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "lia-cli-command.h"

void
lia_cli_options_clear (LiaCliOptions *options)
{
  g_clear_pointer (&options->data_dir, g_free);
  g_clear_pointer (&options->now, g_free);
  g_clear_pointer (&options->passphrase_file, g_free);
}

/* The options every command accepts, so that they may come before or after
 * the command name. */
void
lia_cli_options_add_entries (LiaCliOptions  *options,
                             GOptionContext *context)
{
  const GOptionEntry entries[] = {
    { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, &options->data_dir,
      N_("Keep Liaison’s data in DIR instead of $LIAISON_DATA_DIR or the default folder"),
      N_("DIR") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &options->passphrase_file,
      N_("Read the passphrase of encrypted data from FILE instead of $LIAISON_PASSPHRASE_FILE"),
      N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &options->json,
      N_("Print JSON for scripts, with commands that support it"), NULL },
    { "now", 0, 0, G_OPTION_ARG_STRING, &options->now,
      N_("Take TIME (ISO 8601) as the current time instead of $LIAISON_NOW or the clock"), N_("TIME") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* A sub-command is listed and typed without its group's name. */
static const char *
short_name (const LiaCliCommand *command)
{
  const char *space = strrchr (command->name, ' ');

  return space != NULL ? space + 1 : command->name;
}

/* Lists @commands with their summaries lined up, for a help text. */
void
lia_cli_append_command_list (GString                     *text,
                             const char                  *heading,
                             const LiaCliCommand * const *commands,
                             guint                        n_commands)
{
  guint width = 0;

  g_string_append (text, heading);
  g_string_append_c (text, '\n');

  for (guint i = 0; i < n_commands; i++)
    width = MAX (width, strlen (short_name (commands[i])));

  for (guint i = 0; i < n_commands; i++)
    g_string_append_printf (text, "  %-*s  %s\n",
                            (int) width, short_name (commands[i]), _(commands[i]->summary));

  g_string_append_c (text, '\n');
}

static char *
describe_subcommands (const LiaCliCommand *command)
{
  GString *text = g_string_new (NULL);

  lia_cli_append_command_list (text, _("Sub-commands:"), command->subcommands, command->n_subcommands);
  /* Translators: “liaison-cli help guidance”: a command line to type as is;
   * SUBCOMMAND stands for a sub-command name */
  g_string_append_printf (text, _("Run “%s help %s SUBCOMMAND” to see how to use one."),
                          LIA_CLI_NAME, command->name);

  return g_string_free (text, FALSE);
}

/* Parses the command's own options and the global ones.  Returns FALSE when
 * the command must stop and exit with @exit_status: its help was shown or the
 * command line is wrong. */
gboolean
lia_cli_command_parse (const LiaCliCommand  *command,
                       LiaCliOptions        *options,
                       const GOptionEntry   *entries,
                       int                  *argc,
                       char               ***argv,
                       int                  *exit_status)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = NULL;
  g_autofree char *subcommands = NULL;
  gboolean help = FALSE;
  const GOptionEntry help_entries[] = {
    { "help", 'h', 0, G_OPTION_ARG_NONE, &help, N_("Show help for this command"), NULL },
    { NULL }
  };

  /* GOption names the program in the usage line; errors name it too. */
  prgname = g_strdup_printf ("%s %s", LIA_CLI_NAME, command->name);
  g_set_prgname (prgname);

  /* Our own --help, so that help goes through the same exit path. */
  context = g_option_context_new (command->parameter_string);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_summary (context, command->summary);
  if (command->subcommands != NULL)
    {
      /* The group's options come before the sub-command's name; the
       * sub-command parses the rest. */
      g_option_context_set_strict_posix (context, TRUE);
      subcommands = describe_subcommands (command);
      g_option_context_set_description (context, subcommands);
    }
  else
    {
      g_option_context_set_description (context, command->description);
    }
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, help_entries, GETTEXT_PACKAGE);
  lia_cli_options_add_entries (options, context);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *exit_status = lia_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);

      g_print ("%s", text);
      *exit_status = LIA_CLI_EXIT_OK;
      return FALSE;
    }

  if (options->json && !(command->flags & LIA_CLI_COMMAND_JSON))
    {
      *exit_status = lia_cli_usage_error (command, _("this command has no JSON output"));
      return FALSE;
    }

  /* Most likely an unset shell variable: falling back to another folder
   * would silently open other data. */
  if (options->data_dir != NULL && options->data_dir[0] == '\0')
    {
      *exit_status = lia_cli_usage_error (command, _("--data-dir needs a folder name"));
      return FALSE;
    }

  if (command->parameter_string == NULL && *argc > 1)
    {
      *exit_status = lia_cli_usage_error (command, _("unexpected argument “%s”"), (*argv)[1]);
      return FALSE;
    }

  return TRUE;
}

void
lia_cli_print_hint (const LiaCliCommand *command)
{
  if (command != NULL)
    {
      /* Translators: “liaison-cli help info”: a command line to type as is */
      g_printerr (_("Run “%s help %s” to see how to use it.\n"), LIA_CLI_NAME, command->name);
    }
  else
    {
      /* Translators: “liaison-cli help”: a command line to type as is */
      g_printerr (_("Run “%s help” to see the commands and options.\n"), LIA_CLI_NAME);
    }
}

/* The run function of a group: hands the rest of the command line to the
 * sub-command it names. */
int
lia_cli_group_run (const LiaCliCommand  *command,
                   LiaCliOptions        *options,
                   int                   argc,
                   char                **argv)
{
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc < 2)
    return lia_cli_usage_error (command, _("a sub-command is missing"));

  return lia_cli_run_subcommand (command, options, argc - 1, argv + 1);
}

/* Runs the sub-command of group @command that argv[0] names, with the rest
 * of the command line, once the group has parsed its own options. */
int
lia_cli_run_subcommand (const LiaCliCommand  *command,
                        LiaCliOptions        *options,
                        int                   argc,
                        char                **argv)
{
  g_assert (argc >= 1);

  for (guint i = 0; i < command->n_subcommands; i++)
    {
      const LiaCliCommand *subcommand = command->subcommands[i];

      if (g_str_equal (short_name (subcommand), argv[0]))
        return subcommand->run (subcommand, options, argc, argv);
    }

  return lia_cli_usage_error (command, _("unknown sub-command “%s”"), argv[0]);
}

/* Prints label–value pairs, one a line, with the values lined up. */
void
lia_cli_print_fields (const char * const (*fields)[2],
                      guint               n_fields)
{
  glong width = 0;

  /* Translated labels differ in length: line the values up by characters. */
  for (guint i = 0; i < n_fields; i++)
    width = MAX (width, g_utf8_strlen (fields[i][0], -1));

  for (guint i = 0; i < n_fields; i++)
    g_print ("%s%*s %s\n",
             fields[i][0],
             (int) (width - g_utf8_strlen (fields[i][0], -1)), "",
             fields[i][1]);
}

/* For a wrong command line; @command is NULL before one is known. */
int
lia_cli_usage_error (const LiaCliCommand *command,
                     const char          *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_printerr ("%s: %s\n", g_get_prgname (), message);
  lia_cli_print_hint (command);

  return LIA_CLI_EXIT_USAGE;
}

/* For a command that could not do its work; core messages already say what
 * to do about it. */
int
lia_cli_failure (const GError *error)
{
  g_printerr ("%s: %s\n", g_get_prgname (), error->message);

  return LIA_CLI_EXIT_FAILURE;
}

/* On stderr, so that an export written to stdout stays clean: what an
 * export left on this device for want of --include-strictly-confidential. */
void
lia_cli_print_left_out (guint n_records,
                        guint n_contacts)
{
  if (n_records > 0)
    g_printerr (ngettext ("Left out %u strictly confidential record; add --include-strictly-confidential to include it.\n",
                          "Left out %u strictly confidential records; add --include-strictly-confidential to include them.\n",
                          n_records), n_records);
  if (n_contacts > 0)
    g_printerr (ngettext ("Left out %u confidential contact; add --include-strictly-confidential to include it.\n",
                          "Left out %u confidential contacts; add --include-strictly-confidential to include them.\n",
                          n_contacts), n_contacts);
}

/* Resolves the data folder without creating it. */
char *
lia_cli_dup_data_dir (LiaCliOptions *options)
{
  g_autofree char *data_dir = lia_resolve_data_dir (options->data_dir);

  /* What we print and what a script stores must not depend on the folder
   * the command ran from. */
  return g_canonicalize_filename (data_dir, NULL);
}

/* --now, or $LIAISON_NOW: a fixed clock for scripts, demos and tests that
 * must give the same answer whenever they run. */
LiaClock *
lia_cli_clock_new (LiaCliOptions  *options,
                   GError        **error)
{
  const char *now = options->now != NULL ? options->now : g_getenv ("LIAISON_NOW");
  g_autoptr(GDateTime) time = NULL;

  if (now == NULL || *now == '\0')
    return lia_clock_new_system ();

  time = lia_notify_time_parse (now, NULL);
  if (time == NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is not a date and time for --now; write it as ISO 8601, such as 2026-11-30T08:00:00Z."),
                   now);
      return NULL;
    }

  return lia_clock_new_fixed (time);
}

LiaStore *
lia_cli_open_store (LiaCliOptions  *options,
                    GError        **error)
{
  /* Encrypted or in clear, created if missing: lia-cli-vault.c decides. */
  return lia_cli_vault_open_store (options, error);
}

/* --operation, or the operation the store was set to. */
char *
lia_cli_resolve_operation (LiaStore   *store,
                           const char *operation)
{
  if (operation != NULL && *operation != '\0')
    return g_strdup (operation);

  return lia_store_get_setting (store, "operation");
}

char *
lia_cli_require_operation (LiaStore    *store,
                           const char  *operation,
                           GError     **error)
{
  char *resolved = lia_cli_resolve_operation (store, operation);

  if (resolved == NULL)
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 /* Translators: “liaison-cli operation set NAME”: a command line to type as is */
                 _("No operation is chosen: pass --operation NAME, or run “%s operation set NAME” once."),
                 LIA_CLI_NAME);

  return resolved;
}

/* Finds an actor by uuid, or by any of its names as search folds them. */
LiaActor *
lia_cli_find_actor (LiaStore    *store,
                    const char  *operation,
                    const char  *name_or_uuid,
                    GError     **error)
{
  g_autoptr(GPtrArray) actors = lia_store_list (store, "actor", operation, error);
  g_autofree char *key = lia_actor_normalize_name (name_or_uuid);
  LiaActor *found = NULL;

  if (actors == NULL)
    return NULL;

  for (guint i = 0; i < actors->len; i++)
    {
      LiaActor *actor = g_ptr_array_index (actors, i);

      if (g_str_equal (lia_record_get_uuid (LIA_RECORD (actor)), name_or_uuid))
        return g_object_ref (actor);
    }

  for (guint i = 0; i < actors->len && *key != '\0'; i++)
    {
      LiaActor *actor = g_ptr_array_index (actors, i);
      g_auto(GStrv) keys = lia_actor_dup_name_keys (actor);

      if (!g_strv_contains ((const char * const *) keys, key))
        continue;

      if (found != NULL)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("“%s” names more than one actor; use the actor’s id from “%s actors list”."),
                       name_or_uuid, LIA_CLI_NAME);
          return NULL;
        }
      found = actor;
    }

  if (found == NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("There is no actor “%s”. Run “%s actors list” to see the actors."),
                   name_or_uuid, LIA_CLI_NAME);
      return NULL;
    }

  return g_object_ref (found);
}


void
lia_cli_print_json (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  /* JSON is UTF-8 whatever the locale: g_print() would convert it. */
  fputs (text, stdout);
  fputc ('\n', stdout);
}

#define SECRET_MAX_SIZE 4096

void
lia_cli_secret_free (LiaCliSecret *secret)
{
  if (secret != NULL)
    sodium_free (secret);
}

/**
 * lia_cli_read_secret_file:
 *
 * Reads a passphrase from the first line of @path, into guarded memory.
 * A passphrase never comes from the command line, where other users of the
 * machine and the shell history would see it.
 */
LiaCliSecret *
lia_cli_read_secret_file (const char  *path,
                          GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  LiaCliSecret *secret;
  gsize length = 0;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("Could not read the passphrase file: %s."), local_error->message);
      return NULL;
    }

  if (length > SECRET_MAX_SIZE || memchr (contents, '\0', length) != NULL ||
      !g_utf8_validate (contents, length, NULL))
    {
      sodium_memzero (contents, length);
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The passphrase file must hold one line of UTF-8 text, at most %d bytes."), SECRET_MAX_SIZE);
      return NULL;
    }

  /* One line, without the line end an editor adds; spaces are kept. */
  length = strcspn (contents, "\r\n");
  if (length == 0)
    {
      sodium_memzero (contents, strlen (contents));
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("The passphrase file is empty."));
      return NULL;
    }

  secret = sodium_malloc (length + 1);
  if (secret == NULL)
    g_error ("Could not allocate locked memory for the passphrase");
  memcpy (secret, contents, length);
  secret[length] = '\0';
  sodium_memzero (contents, strlen (contents));

  return secret;
}
