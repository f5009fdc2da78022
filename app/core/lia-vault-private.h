/* lia-vault-private.h — the unlocked vault of each open encrypted database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-vault.h"

G_BEGIN_DECLS

void      lia_vault_hold_path    (LiaVault   *vault,
                                  const char *db_path);
void      lia_vault_release_path (const char *db_path);
LiaVault *lia_vault_lookup_path  (const char *db_path);

G_END_DECLS
