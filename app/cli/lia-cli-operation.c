/* lia-cli-operation.c — the operation records are filed under
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"

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
};

const LiaCliCommand lia_cli_operation_command = {
  .name = "operation",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Show or choose the operation you work on"),
  .run = lia_cli_group_run,
  .subcommands = operation_subcommands,
  .n_subcommands = G_N_ELEMENTS (operation_subcommands),
};
