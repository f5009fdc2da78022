/* lia-unlock.h — the slow steps of the vault, in a worker thread: unlock
 * or create the data folder and open its store, encrypt a folder made in
 * clear, change the passphrase
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

/* At least this many characters in a new passphrase */
#define LIA_PASSPHRASE_MIN_CHARS 10

char            *lia_unlock_dup_secret          (GtkEditable          *editable);
void             lia_unlock_free_secret         (char                 *secret);
gboolean         lia_unlock_check_new_passphrase (const char          *passphrase,
                                                  const char          *confirmation,
                                                  GError             **error);

void             lia_unlock_open_store_async    (const char           *data_dir,
                                                 char                 *passphrase,
                                                 gboolean              create,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
LiaStore        *lia_unlock_open_store_finish   (GAsyncResult         *result,
                                                 GError              **error);

void             lia_unlock_encrypt_clear_dir_async  (const char          *data_dir,
                                                      char                *passphrase,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char            *lia_unlock_encrypt_clear_dir_finish (GAsyncResult        *result,
                                                      GError             **error);

void             lia_unlock_change_passphrase_async  (LiaStore            *store,
                                                      char                *current,
                                                      char                *new_passphrase,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean         lia_unlock_change_passphrase_finish (GAsyncResult        *result,
                                                      GError             **error);

G_END_DECLS
