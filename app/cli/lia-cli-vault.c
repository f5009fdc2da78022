/* lia-cli-vault.c — encrypted data folders: init, encrypt, passwd, panic,
 * and how every command opens the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-cli-command.h"
#include "lia-store-encrypt.h"

#define PASSPHRASE_ENV "LIAISON_PASSPHRASE_FILE"

static const char *
passphrase_file (LiaCliOptions *options)
{
  const char *path = options->passphrase_file;

  if (path == NULL)
    path = g_getenv (PASSPHRASE_ENV);

  return path != NULL && path[0] != '\0' ? path : NULL;
}

static LiaCliSecret *
require_passphrase (LiaCliOptions  *options,
                    const char     *data_dir,
                    GError        **error)
{
  const char *path = passphrase_file (options);

  if (path == NULL)
    {
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("The data folder “%s” is encrypted, or is to be: give its passphrase in a file with --passphrase-file FILE or the %s environment variable."),
                   name, PASSPHRASE_ENV);
      return NULL;
    }

  return lia_cli_read_secret_file (path, error);
}

static LiaStore *
open_encrypted (LiaVault    *vault,
                const char  *data_dir,
                LiaClock    *clock,
                GError     **error)
{
  g_autofree char *path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);

  return lia_store_open_encrypted (path, vault, clock, error);
}

/* Creates an encrypted data folder; an existing one is never touched. */
static LiaStore *
create_encrypted (const char    *data_dir,
                  const char    *passphrase,
                  LiaClock      *clock,
                  GError       **error)
{
  g_autoptr(LiaVault) vault = lia_vault_create (data_dir, passphrase, lia_vault_kdf_from_env (), error);

  return vault != NULL ? open_encrypted (vault, data_dir, clock, error) : NULL;
}

/**
 * lia_cli_vault_open_store:
 *
 * Opens the store of the data folder with its key file and the passphrase.
 * A folder that does not exist yet (or holds no data) is created
 * encrypted, as “init” does.  The CLI never opens nor creates a folder in
 * clear: one made before encryption is refused with the command that
 * encrypts it.
 */
LiaStore *
lia_cli_vault_open_store (LiaCliOptions  *options,
                          GError        **error)
{
  g_autofree char *data_dir = lia_cli_dup_data_dir (options);
  g_autofree char *db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  g_autoptr(LiaCliSecret) passphrase = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaClock) clock = lia_cli_clock_new (options, error);

  if (clock == NULL)
    return NULL;

  if (!lia_store_dir_check_key_missing (data_dir, error))
    return NULL;

  if (!lia_vault_exists (data_dir) && g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("The data folder “%s” is not encrypted. Encrypt it with: %s encrypt"),
                   name, LIA_CLI_NAME);
      return NULL;
    }

  if (!(passphrase = require_passphrase (options, data_dir, error)))
    return NULL;

  if (!lia_vault_exists (data_dir))
    return create_encrypted (data_dir, passphrase, clock, error);

  if (!(vault = lia_vault_unlock (data_dir, passphrase, error)))
    return NULL;

  return open_encrypted (vault, data_dir, clock, error);
}

static int
encrypt_run (const LiaCliCommand  *command,
             LiaCliOptions        *options,
             int                   argc,
             char                **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(LiaCliSecret) passphrase = NULL;
  g_autoptr(GError) error = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;
  if (argc > 1)
    return lia_cli_usage_error (command, _("unexpected argument “%s”"), argv[1]);

  data_dir = lia_cli_dup_data_dir (options);
  name = g_filename_display_name (data_dir);

  if (!(passphrase = require_passphrase (options, data_dir, &error)) ||
      !lia_store_encrypt_clear_dir (data_dir, passphrase, lia_vault_kdf_from_env (), &error))
    return lia_cli_failure (error);

  g_print (_("Encrypted the data folder “%s”. The clear files were overwritten before removal; on an SSD or a journaling file system copies may survive on the disk.\n"),
           name);

  return LIA_CLI_EXIT_OK;
}

static int
init_run (const LiaCliCommand  *command,
          LiaCliOptions        *options,
          int                   argc,
          char                **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(LiaCliSecret) passphrase = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaClock) clock = NULL;
  int exit_status;

  if (!lia_cli_command_parse (command, options, NULL, &argc, &argv, &exit_status))
    return exit_status;

  data_dir = lia_cli_dup_data_dir (options);
  db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  name = g_filename_display_name (data_dir);

  if (lia_vault_exists (data_dir) || g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("The data folder “%s” already holds Liaison data; nothing was changed."), name);
      return lia_cli_failure (error);
    }

  if (!(clock = lia_cli_clock_new (options, &error)) ||
      !(passphrase = require_passphrase (options, data_dir, &error)) ||
      !(store = create_encrypted (data_dir, passphrase, clock, &error)))
    return lia_cli_failure (error);

  g_print (_("Created an encrypted data folder in “%s”.\n"), name);

  return LIA_CLI_EXIT_OK;
}

static int
passwd_run (const LiaCliCommand  *command,
            LiaCliOptions        *options,
            int                   argc,
            char                **argv)
{
  g_autofree char *new_file = NULL;
  g_autofree char *data_dir = NULL;
  g_autoptr(LiaCliSecret) old_passphrase = NULL;
  g_autoptr(LiaCliSecret) new_passphrase = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "new-passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &new_file,
      N_("Read the new passphrase from FILE"), N_("FILE") },
    { NULL }
  };
  int exit_status;

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  if (new_file == NULL || new_file[0] == '\0')
    return lia_cli_usage_error (command, _("--new-passphrase-file is missing"));

  data_dir = lia_cli_dup_data_dir (options);
  if (!lia_vault_exists (data_dir))
    {
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (&error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("The data folder “%s” is not encrypted, so it has no passphrase to change."), name);
      return lia_cli_failure (error);
    }

  if (!(old_passphrase = require_passphrase (options, data_dir, &error)) ||
      !(new_passphrase = lia_cli_read_secret_file (new_file, &error)) ||
      !(vault = lia_vault_unlock (data_dir, old_passphrase, &error)) ||
      !lia_vault_change_passphrase (vault, new_passphrase, lia_vault_kdf_from_env (), &error))
    return lia_cli_failure (error);

  g_print (_("The passphrase was changed.\n"));

  return LIA_CLI_EXIT_OK;
}

static int
panic_run (const LiaCliCommand  *command,
           LiaCliOptions        *options,
           int                   argc,
           char                **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  gboolean yes = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes,
      N_("Confirm: destroy the data now, without asking"), NULL },
    { NULL }
  };
  gint64 start;
  gboolean was_encrypted;
  int exit_status;

  start = g_get_monotonic_time ();

  if (!lia_cli_command_parse (command, options, entries, &argc, &argv, &exit_status))
    return exit_status;

  data_dir = lia_cli_dup_data_dir (options);
  name = g_filename_display_name (data_dir);

  if (!yes)
    return lia_cli_usage_error (command, _("this destroys all Liaison data in “%s” for good; add --yes to confirm"), name);

  was_encrypted = lia_vault_exists (data_dir);
  if (!lia_vault_wipe_data_dir (data_dir, &error))
    return lia_cli_failure (error);

  /* Translators: %s is the data folder, %.0f the time in milliseconds */
  g_print (_("Destroyed the key and removed “%s” in %.0f ms.\n"),
           name, (g_get_monotonic_time () - start) / 1000.0);
  if (!was_encrypted)
    g_printerr (_("The data was not encrypted: the removed files may still be recoverable from the disk.\n"));

  return LIA_CLI_EXIT_OK;
}

const LiaCliCommand lia_cli_init_command = {
  .name = "init",
  .summary = N_("Create an encrypted data folder"),
  .description = N_("The passphrase comes from --passphrase-file FILE or $LIAISON_PASSPHRASE_FILE."),
  .run = init_run,
};

const LiaCliCommand lia_cli_encrypt_command = {
  .name = "encrypt",
  .summary = N_("Encrypt a data folder made in clear, in place"),
  .description = N_("The passphrase comes from --passphrase-file FILE or $LIAISON_PASSPHRASE_FILE. Close Liaison first. An interruption leaves the folder in clear or encrypted, never lost."),
  .run = encrypt_run,
};

const LiaCliCommand lia_cli_passwd_command = {
  .name = "passwd",
  .summary = N_("Change the passphrase of the encrypted data"),
  .description = N_("The current passphrase comes from --passphrase-file FILE or $LIAISON_PASSPHRASE_FILE; the data is not re-encrypted."),
  .run = passwd_run,
};

const LiaCliCommand lia_cli_panic_command = {
  .name = "panic",
  .summary = N_("Destroy the key and all data, at once"),
  .description = N_("Overwrites and removes the key file, so that the data cannot be decrypted even with the passphrase, then removes the data folder."),
  .run = panic_run,
};
