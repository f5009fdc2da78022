/* lia-store-encrypt.h — encrypting a clear data folder in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-vault.h"

G_BEGIN_DECLS

#define LIA_STORE_ENCRYPT_STAGING ".liaison-encrypting"

/* What a data folder holds, as far as encryption goes. */
typedef enum
{
  LIA_STORE_DIR_EMPTY,        /* no database yet: a new folder */
  LIA_STORE_DIR_CLEAR,        /* a database in clear, no key file */
  LIA_STORE_DIR_ENCRYPTED,    /* a key file */
  LIA_STORE_DIR_KEY_MISSING,  /* an encrypted database without its key file */
} LiaStoreDirState;

LiaStoreDirState lia_store_dir_get_state (const char *data_dir);
gboolean lia_store_dir_check_key_missing (const char  *data_dir,
                                          GError     **error);

gboolean lia_store_encrypt_clear_dir (const char   *data_dir,
                                      const char   *passphrase,
                                      LiaVaultKdf   kdf,
                                      GError      **error);
gboolean lia_store_encrypt_finish    (const char   *data_dir,
                                      GError      **error);
gboolean lia_store_encrypt_scrub_clear (const char  *data_dir,
                                        GError     **error);

G_END_DECLS
