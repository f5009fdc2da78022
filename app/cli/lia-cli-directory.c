/* lia-cli-directory.c — the deployments directory, offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"

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

static void
add_entry (JsonBuilder             *builder,
           const LiaDirectoryEntry *entry,
           GDateTime               *now)
{
  json_builder_begin_object (builder);
  add_string_member (builder, "id", entry->id);
  add_string_member (builder, "name", entry->name);
  add_string_member (builder, "role", entry->role);
  add_string_member (builder, "operation", entry->operation);
  add_string_member (builder, "location", entry->location);
  json_builder_set_member_name (builder, "contacts");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entry->contacts->len; i++)
    {
      const LiaDirectoryContact *contact = g_ptr_array_index (entry->contacts, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "channel", contact->channel);
      add_string_member (builder, "value", contact->value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "hats");
  json_builder_begin_array (builder);
  for (guint i = 0; entry->hats[i] != NULL; i++)
    json_builder_add_string_value (builder, entry->hats[i]);
  json_builder_end_array (builder);
  add_string_member (builder, "since", entry->since);
  add_string_member (builder, "until", entry->until);
  add_string_member (builder, "last_confirmed", entry->last_confirmed);
  json_builder_set_member_name (builder, "stale");
  json_builder_add_boolean_value (builder, lia_directory_entry_is_stale (entry, now));
  json_builder_end_object (builder);
}

/* Prints @entries (of @directory) for a person or, with --json, a script. */
static void
print_entries (LiaCliOptions *options,
               LiaDirectory  *directory,
               GPtrArray     *entries,
               GDateTime     *now)
{
  const char *valid_as_of = lia_directory_get_valid_as_of (directory);
  gboolean stale = lia_directory_is_stale (directory, now);

  if (options->json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      add_string_member (builder, "valid_as_of", valid_as_of);
      json_builder_set_member_name (builder, "stale");
      json_builder_add_boolean_value (builder, stale);
      json_builder_set_member_name (builder, "entries");
      json_builder_begin_array (builder);
      for (guint i = 0; i < entries->len; i++)
        add_entry (builder, g_ptr_array_index (entries, i), now);
      json_builder_end_array (builder);
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      lia_cli_print_json (root);
      return;
    }

  g_print (_("Valid as of %s.\n"), valid_as_of != NULL ? valid_as_of : _("an unknown date"));
  if (stale)
    g_print (_("This directory is more than %d days old: check contacts before relying on them, and sync with HQ.\n"),
             LIA_DIRECTORY_STALE_DAYS);

  for (guint i = 0; i < entries->len; i++)
    {
      const LiaDirectoryEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *hats = g_strjoinv (", ", entry->hats);

      g_print ("\n%s  %s — %s%s\n", entry->id, entry->name, entry->role,
               lia_directory_entry_is_stale (entry, now) ? _("  (not confirmed recently)") : "");
      if (entry->operation != NULL || entry->location != NULL)
        g_print ("    %s%s%s\n", entry->operation ?: "", entry->operation && entry->location ? ", " : "",
                 entry->location ?: "");
      if (*hats != '\0')
        g_print (_("    Also: %s\n"), hats);
      for (guint j = 0; j < entry->contacts->len; j++)
        {
          const LiaDirectoryContact *contact = g_ptr_array_index (entry->contacts, j);

          g_print ("    %s: %s\n", contact->channel, contact->value);
        }
    }
}

static int
list_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaDirectory) directory = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(directory = lia_directory_load (store, &error)))
    return lia_cli_failure (error);

  for (guint i = 0; i < lia_directory_get_n_entries (directory); i++)
    g_ptr_array_add (entries, (gpointer) lia_directory_get_entry (directory, i));

  now = lia_clock_get_now (lia_store_get_clock (store));
  print_entries (options, directory, entries, now);

  return LIA_CLI_EXIT_OK;
}

static int
search_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaDirectory) directory = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("TEXT is missing") : _("unexpected argument “%s”"), argv[argc - 1]);

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(directory = lia_directory_load (store, &error)) ||
      !(entries = lia_directory_search (directory, argv[1], &error)))
    return lia_cli_failure (error);

  now = lia_clock_get_now (lia_store_get_clock (store));
  print_entries (options, directory, entries, now);

  return LIA_CLI_EXIT_OK;
}

static int
vcard_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *card = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaDirectory) directory = NULL;
  g_autoptr(GError) error = NULL;
  const LiaDirectoryEntry *entry;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the vCard to FILE"), N_("FILE") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (argc != 2)
    return lia_cli_usage_error (command, argc < 2 ? _("ID is missing") : _("unexpected argument “%s”"), argv[argc - 1]);
  if (output == NULL)
    return lia_cli_usage_error (command, _("%s is missing"), "-o FILE");

  if (!(store = lia_cli_open_store (options, &error)) ||
      !(directory = lia_directory_load (store, &error)))
    return lia_cli_failure (error);

  if (!(entry = lia_directory_find (directory, argv[1])))
    {
      g_set_error (&error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("The directory has no entry “%s”. Run “%s directory list” to see the ids."),
                   argv[1], LIA_CLI_NAME);
      return lia_cli_failure (error);
    }

  card = lia_directory_entry_to_vcard (entry);
  if (!g_file_set_contents (output, card, -1, &error))
    return lia_cli_failure (error);

  return LIA_CLI_EXIT_OK;
}

static const LiaCliCommand list_command = {
  .name = "directory list",
  .summary = N_("List the deployments directory last received from HQ"),
  .description = N_("Says when HQ last published it; old directories and entries nobody confirmed recently are flagged."),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = list_run,
};

static const LiaCliCommand search_command = {
  .name = "directory search",
  .parameter_string = N_("TEXT"),
  .summary = N_("Search names, roles, hats, operations and places"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = search_run,
};

static const LiaCliCommand vcard_command = {
  .name = "directory vcard",
  .parameter_string = N_("ID"),
  .summary = N_("Export a contact as a vCard file"),
  .run = vcard_run,
};

static const LiaCliCommand * const subcommands[] = {
  &list_command,
  &search_command,
  &vcard_command,
};

const LiaCliCommand lia_cli_directory_command = {
  .name = "directory",
  .parameter_string = N_("SUBCOMMAND [ARG…]"),
  .summary = N_("Read the directory of current CMCoord deployments"),
  .flags = LIA_CLI_COMMAND_JSON,
  .run = lia_cli_group_run,
  .subcommands = subcommands,
  .n_subcommands = G_N_ELEMENTS (subcommands),
};
