/* lia-cli-info.c — where the data lives and what state it is in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"

static int
info_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *database = NULL;
  const char *device_id;
  guint schema_version;
  gint64 n_changes;
  LiaVault *vault;
  gboolean recovery;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  store = lia_cli_open_store (options, &error);
  if (store == NULL)
    return lia_cli_failure (error);

  n_changes = lia_store_count_changes (store, &error);
  if (n_changes < 0)
    return lia_cli_failure (error);

  dir = g_path_get_dirname (lia_store_get_path (store));
  data_dir = g_filename_display_name (dir);
  database = g_filename_display_name (lia_store_get_path (store));
  device_id = lia_store_get_device_id (store);
  schema_version = lia_store_get_schema_version (store);
  vault = lia_store_get_vault (store);
  recovery = vault != NULL && lia_vault_has_escrow (vault);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "data_dir");
      json_builder_add_string_value (builder, data_dir);
      json_builder_set_member_name (builder, "database");
      json_builder_add_string_value (builder, database);
      json_builder_set_member_name (builder, "schema_version");
      json_builder_add_int_value (builder, schema_version);
      json_builder_set_member_name (builder, "device_id");
      json_builder_add_string_value (builder, device_id);
      json_builder_set_member_name (builder, "pending_changes");
      json_builder_add_int_value (builder, n_changes);
      json_builder_set_member_name (builder, "encrypted");
      json_builder_add_boolean_value (builder, vault != NULL);
      json_builder_set_member_name (builder, "hq_recovery");
      json_builder_add_boolean_value (builder, recovery);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
    }
  else
    {
      g_autofree char *schema = g_strdup_printf ("%u", schema_version);
      g_autofree char *changes = g_strdup_printf ("%" G_GINT64_FORMAT, n_changes);
      const char * const fields[][2] = {
        { _("Data folder:"), data_dir },
        { _("Database:"), database },
        { _("Schema version:"), schema },
        { _("Device ID:"), device_id },
        { _("Changes waiting for sync:"), changes },
        /* Translators: whether the data folder is encrypted */
        { _("Encrypted:"), vault != NULL ? _("yes") : _("no") },
        /* Translators: whether HQ holds an escrowed key that can open the
         * data if the passphrase is lost */
        { _("HQ can recover the data:"), recovery ? _("yes") : _("no") },
      };

      lia_cli_print_fields (fields, G_N_ELEMENTS (fields));
    }

  return LIA_CLI_EXIT_OK;
}

const LiaCliCommand lia_cli_info_command = {
  .name = "info",
  .summary = N_("Show where the data is kept and the state of the database"),
  .description = N_("Creates the data folder and the database if they do not exist yet."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = info_run,
};
