/* lia-unlock.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <sodium.h>

#include "lia-unlock.h"

/* Returns: (transfer full): a copy of the text of @editable in guarded,
 * locked memory (sodium_malloc), to free with lia_unlock_free_secret(),
 * which wipes it.  GtkPasswordEntry keeps its own text in non-pageable
 * memory, and wipes it when emptied. */
char *
lia_unlock_dup_secret (GtkEditable *editable)
{
  const char *text;
  gsize length;
  char *secret;

  g_return_val_if_fail (GTK_IS_EDITABLE (editable), NULL);

  if (sodium_init () < 0)
    g_error ("libsodium could not start");

  text = gtk_editable_get_text (editable);
  length = strlen (text);
  secret = sodium_malloc (length + 1);
  if (secret == NULL)
    g_error ("Out of locked memory for a passphrase");
  memcpy (secret, text, length + 1);

  return secret;
}

void
lia_unlock_free_secret (char *secret)
{
  /* sodium_free() wipes it */
  if (secret != NULL)
    sodium_free (secret);
}

/* The rules for a new passphrase, in words the officer can act on */
gboolean
lia_unlock_check_new_passphrase (const char  *passphrase,
                                 const char  *confirmation,
                                 GError     **error)
{
  if (g_utf8_strlen (passphrase, -1) < LIA_PASSPHRASE_MIN_CHARS)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   ngettext ("The passphrase is too short: use at least %d character, for example a few words.",
                             "The passphrase is too short: use at least %d characters, for example a few words.",
                             LIA_PASSPHRASE_MIN_CHARS),
                   LIA_PASSPHRASE_MIN_CHARS);
      return FALSE;
    }

  if (g_strcmp0 (passphrase, confirmation) != 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                           _("The two passphrases differ. Type the same passphrase in both fields."));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  char     *data_dir;
  char     *passphrase;
  char     *new_passphrase;
  gboolean  create;
  LiaVaultKdf kdf;
  LiaStore *store;
} UnlockData;

static void
unlock_data_free (UnlockData *data)
{
  g_free (data->data_dir);
  lia_unlock_free_secret (data->passphrase);
  lia_unlock_free_secret (data->new_passphrase);
  g_clear_object (&data->store);
  g_free (data);
}

static void
open_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  UnlockData *data = task_data;
  g_autoptr(LiaVault) vault = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  LiaStore *store;

  if (data->create)
    vault = lia_vault_create (data->data_dir, data->passphrase, data->kdf, &error);
  else
    vault = lia_vault_unlock (data->data_dir, data->passphrase, &error);

  /* Not needed any more, whatever comes next */
  g_clear_pointer (&data->passphrase, lia_unlock_free_secret);

  if (vault == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  path = g_build_filename (data->data_dir, LIA_STORE_FILENAME, NULL);
  store = lia_store_open_encrypted (path, vault, NULL, &error);
  if (store == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, store, g_object_unref);
}

/**
 * lia_unlock_open_store_async:
 * @passphrase: (transfer full): wiped and freed once used
 * @create: make a new key file (first run) rather than unlock one
 *
 * Runs Argon2id and opens the encrypted store of @data_dir in a worker
 * thread.  A wrong passphrase is %LIA_ERROR_PASSPHRASE, and nothing is
 * written.
 */
static void
run_in_thread (const char          *data_dir,
               char                *passphrase,
               gboolean             create,
               gpointer             source_tag,
               GTaskThreadFunc      thread_func,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UnlockData *data;

  data = g_new0 (UnlockData, 1);
  data->data_dir = g_strdup (data_dir);
  data->passphrase = passphrase;
  data->create = create;
  data->kdf = lia_vault_kdf_from_env ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, thread_func);
}

void
lia_unlock_open_store_async (const char          *data_dir,
                             char                *passphrase,
                             gboolean             create,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (data_dir != NULL);
  g_return_if_fail (passphrase != NULL);

  run_in_thread (data_dir, passphrase, create, lia_unlock_open_store_async, open_store_thread,
                 cancellable, callback, user_data);
}

/* Returns: (transfer full): the open store */
LiaStore *
lia_unlock_open_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
encrypt_clear_dir_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  UnlockData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!lia_store_encrypt_clear_dir (data->data_dir, data->passphrase, data->kdf, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    /* Handed back for the unlock that follows; wiped by GTask if nobody
     * takes it */
    g_task_return_pointer (task, g_steal_pointer (&data->passphrase),
                           (GDestroyNotify) lia_unlock_free_secret);
}

/**
 * lia_unlock_encrypt_clear_dir_async:
 * @data_dir: a data folder made in clear (%LIA_STORE_DIR_CLEAR), which
 *   nothing in this process has open
 * @passphrase: (transfer full): the passphrase of the encrypted folder,
 *   checked by lia_unlock_check_new_passphrase()
 *
 * Encrypts @data_dir in place with lia_store_encrypt_clear_dir(), under
 * the Argon2id limits of lia_vault_kdf_from_env(), in a worker thread.
 * On failure the folder is left in clear, as it was.
 */
void
lia_unlock_encrypt_clear_dir_async (const char          *data_dir,
                                    char                *passphrase,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (data_dir != NULL);
  g_return_if_fail (passphrase != NULL);

  run_in_thread (data_dir, passphrase, FALSE, lia_unlock_encrypt_clear_dir_async, encrypt_clear_dir_thread,
                 cancellable, callback, user_data);
}

/* Returns: (transfer full): the passphrase given to
 * lia_unlock_encrypt_clear_dir_async(), to unlock the folder with, and to
 * free with lia_unlock_free_secret(); %NULL on error */
char *
lia_unlock_encrypt_clear_dir_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
change_passphrase_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  UnlockData *data = task_data;
  g_autoptr(LiaVault) check = NULL;
  g_autoptr(GError) error = NULL;

  /* The current passphrase must open the key file as it is on disk */
  check = lia_vault_unlock (data->data_dir, data->passphrase, &error);
  g_clear_pointer (&data->passphrase, lia_unlock_free_secret);

  /* The store's own vault is rewrapped, so that what it writes later
   * (the HQ escrow) keeps the new passphrase. */
  if (check == NULL ||
      !lia_vault_change_passphrase (lia_store_get_vault (data->store),
                                    data->new_passphrase, data->kdf, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lia_unlock_change_passphrase_async:
 * @store: an open encrypted store
 * @current: (transfer full): the passphrase now, wiped once used
 * @new_passphrase: (transfer full): the passphrase from now on, checked
 *   by lia_unlock_check_new_passphrase(), wiped once used
 *
 * Rewraps the data key of @store under @new_passphrase; the database is
 * not touched.
 */
void
lia_unlock_change_passphrase_async (LiaStore            *store,
                                    char                *current,
                                    char                *new_passphrase,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  UnlockData *data;
  LiaVault *vault;

  g_return_if_fail (LIA_IS_STORE (store));
  vault = lia_store_get_vault (store);
  g_return_if_fail (vault != NULL);

  data = g_new0 (UnlockData, 1);
  data->data_dir = g_strdup (lia_vault_get_data_dir (vault));
  data->passphrase = current;
  data->new_passphrase = new_passphrase;
  data->kdf = lia_vault_kdf_from_env ();
  data->store = g_object_ref (store);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_unlock_change_passphrase_async);
  g_task_set_task_data (task, data, (GDestroyNotify) unlock_data_free);
  g_task_run_in_thread (task, change_passphrase_thread);
}

gboolean
lia_unlock_change_passphrase_finish (GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
