/* lia-cli-handover.c — export and import an encrypted handover package
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"

#define PASSPHRASE_ENV      "LIAISON_PACKAGE_PASSPHRASE_FILE"
/* The package's passphrase: from --package-passphrase-file or the
 * environment, never from the command line. */
static LiaCliSecret *
read_passphrase (const char  *option,
                 GError     **error)
{
  const char *path = option != NULL ? option : g_getenv (PASSPHRASE_ENV);

  if (path == NULL || *path == '\0')
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("Give the passphrase in a file, with --package-passphrase-file FILE or $%s."), PASSPHRASE_ENV);
      return NULL;
    }

  return lia_cli_read_secret_file (path, error);
}

static void
print_counts (LiaHandoverPackage *package)
{
  g_autoptr(GPtrArray) counts = lia_handover_package_get_counts (package);

  g_print (_("Operation: %s\n"), lia_handover_package_get_operation (package));
  for (guint i = 0; i < counts->len; i++)
    {
      const LiaHandoverCount *count = g_ptr_array_index (counts, i);

      g_print ("  %-22s %5u\n", count->record_type, count->count);
    }
  g_print ("  %-22s %5u\n", _("guidance notes"), lia_handover_package_get_n_notes (package));
}

static int
export_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *passphrase_file = NULL;
  g_autofree char *operation_option = NULL;
  g_autofree char *operation = NULL;
  g_autoptr(LiaCliSecret) passphrase = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean preview = FALSE;
  gboolean include_strictly_confidential = FALSE;
  guint n_left_out = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the package to FILE"), N_("FILE") },
    { "preview", 0, 0, G_OPTION_ARG_NONE, &preview, N_("Only show what the package would hold"), NULL },
    { "package-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the package’s passphrase from FILE (default: $LIAISON_PACKAGE_PASSPHRASE_FILE)"), N_("FILE") },
    { "operation", 0, 0, G_OPTION_ARG_STRING, &operation_option, N_("The operation to hand over"), N_("OP") },
    { "include-strictly-confidential", 0, 0, G_OPTION_ARG_NONE, &include_strictly_confidential,
      N_("Also put strictly confidential records in the package"), NULL },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc > 1)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);
  if (output == NULL && !preview)
    return lia_cli_usage_error (command, _("%s is missing"), "-o FILE");

  if (!(store = lia_cli_open_store (options, &error)))
    return lia_cli_failure (error);

  operation = operation_option != NULL ? g_strdup (operation_option) : lia_store_get_setting (store, "operation");
  if (operation == NULL)
    return lia_cli_usage_error (command, _("No operation is chosen: pass --operation NAME, or run “%s operation set NAME” once."),
                                LIA_CLI_NAME);

  if ((!include_strictly_confidential &&
       !lia_handover_count_left_out (store, operation, &n_left_out, &error)) ||
      !(package = lia_handover_collect (store, operation, include_strictly_confidential, &error)))
    return lia_cli_failure (error);

  print_counts (package);
  lia_cli_print_left_out (n_left_out, 0);
  if (preview)
    return LIA_CLI_EXIT_OK;

  if (!(passphrase = read_passphrase (passphrase_file, &error)) ||
      !(file = lia_handover_package_encrypt (package, passphrase, LIA_HANDOVER_OPSLIMIT,
                                             LIA_HANDOVER_MEMLIMIT, &error)) ||
      !g_file_set_contents_full (output, g_bytes_get_data (file, NULL), g_bytes_get_size (file),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    return lia_cli_failure (error);

  g_print (_("Wrote the handover package. Give the passphrase to your successor separately.\n"));
  return LIA_CLI_EXIT_OK;
}

static int
import_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autofree char *passphrase_file = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(LiaCliSecret) passphrase = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autoptr(GError) error = NULL;
  LiaHandoverImportStats stats;
  gboolean dry_run = FALSE;
  gsize length;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Only show what the package holds; write nothing"), NULL },
    { "package-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the package’s passphrase from FILE (default: $LIAISON_PACKAGE_PASSPHRASE_FILE)"), N_("FILE") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("FILE is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(passphrase = read_passphrase (passphrase_file, &error)) ||
      !g_file_get_contents (argv[1], &contents, &length, &error))
    return lia_cli_failure (error);

  if (length > LIA_HANDOVER_MAX_SIZE)
    {
      g_set_error_literal (&error, LIA_ERROR, LIA_ERROR_INVALID, _("This file is too large to be a handover package."));
      return lia_cli_failure (error);
    }

  file = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!(package = lia_handover_package_decrypt (file, passphrase, &error)))
    return lia_cli_failure (error);

  print_counts (package);
  if (dry_run)
    return LIA_CLI_EXIT_OK;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !lia_handover_package_import (package, store, &stats, &error))
    return lia_cli_failure (error);

  g_print (_("Imported %u records; %u were already here; %u kept beside a version of yours; "
             "%u guidance notes; %u attachments.\n"),
           stats.imported, stats.skipped, stats.conflicts, stats.notes, stats.attachments);
  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand export_command = {
  .name = "handover export",
  .summary = N_("Write an encrypted handover package for your successor"),
  .description = N_("Holds the operation’s actors and relationships, notifications, incidents and their logs, "
                    "reports of the last 180 days with their attachments, and your guidance notes. Strictly "
                    "confidential records stay out unless --include-strictly-confidential is given."),
  .run = export_run,
};

static const LiaCliCommand import_command = {
  .name = "handover import",
  .parameter_string = N_("FILE"),
  .summary = N_("Import a handover package from your predecessor"),
  .description = N_("Shows what it holds first. Importing the same package twice changes nothing; your own notes are kept."),
  .run = import_run,
};

static const LiaCliCommand * const subcommands[] = {
  &export_command,
  &import_command,
};

const LiaCliCommand lia_cli_handover_command = {
  .name = "handover",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Hand the operation over to a successor in one encrypted file"),
  .run = lia_cli_group_run,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
};
