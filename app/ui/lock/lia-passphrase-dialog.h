/* lia-passphrase-dialog.h — change the passphrase of the data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_PASSPHRASE_DIALOG (lia_passphrase_dialog_get_type ())

G_DECLARE_FINAL_TYPE (LiaPassphraseDialog, lia_passphrase_dialog, LIA, PASSPHRASE_DIALOG, AdwWindow)

LiaPassphraseDialog *lia_passphrase_dialog_new (LiaStore *store);

G_END_DECLS
