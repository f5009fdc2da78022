/* lia-store-encrypt.h — encrypting a clear data folder in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-vault.h"

G_BEGIN_DECLS

#define LIA_STORE_ENCRYPT_STAGING ".liaison-encrypting"

gboolean lia_store_encrypt_clear_dir (const char   *data_dir,
                                      const char   *passphrase,
                                      LiaVaultKdf   kdf,
                                      GError      **error);
gboolean lia_store_encrypt_finish    (const char   *data_dir,
                                      GError      **error);

G_END_DECLS
