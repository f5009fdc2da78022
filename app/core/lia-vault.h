/* lia-vault.h — the data key of an encrypted data folder, and its key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-crypt-vfs.h"

G_BEGIN_DECLS

#define LIA_TYPE_VAULT (lia_vault_get_type ())

G_DECLARE_FINAL_TYPE (LiaVault, lia_vault, LIA, VAULT, GObject)

#define LIA_VAULT_FILENAME          "vault.key"
#define LIA_VAULT_HQ_KEY_BYTES      32   /* crypto_box_PUBLICKEYBYTES */

/* How hard the passphrase is to guess, as Argon2id work.  Kept in the key
 * file, so a change applies to key files written from then on. */
typedef enum
{
  LIA_VAULT_KDF_MODERATE,      /* the default: 3 passes over 256 MiB */
  LIA_VAULT_KDF_INTERACTIVE,   /* 2 passes over 64 MiB, for weak machines */
  LIA_VAULT_KDF_TEST,          /* the minimum: only for tests */
} LiaVaultKdf;

gboolean     lia_vault_exists             (const char    *data_dir);
LiaVaultKdf  lia_vault_kdf_from_env       (void);

LiaVault    *lia_vault_create             (const char    *data_dir,
                                           const char    *passphrase,
                                           LiaVaultKdf    kdf,
                                           GError       **error);
LiaVault    *lia_vault_unlock             (const char    *data_dir,
                                           const char    *passphrase,
                                           GError       **error);
LiaVault    *lia_vault_recover            (const char    *data_dir,
                                           const guint8  *hq_public_key,
                                           const guint8  *hq_secret_key,
                                           GError       **error);
gboolean     lia_vault_recover_key_file   (const char    *key_path,
                                           const guint8  *hq_public_key,
                                           const guint8  *hq_secret_key,
                                           const char    *new_passphrase,
                                           LiaVaultKdf    kdf,
                                           const char    *output_path,
                                           GError       **error);
gboolean     lia_vault_change_passphrase  (LiaVault      *self,
                                           const char    *new_passphrase,
                                           LiaVaultKdf    kdf,
                                           GError       **error);
gboolean     lia_vault_set_escrow         (LiaVault      *self,
                                           const guint8  *hq_public_key,
                                           GError       **error);
gboolean     lia_vault_has_escrow         (LiaVault      *self);
const char  *lia_vault_get_data_dir       (LiaVault      *self);
LiaCryptKey *lia_vault_get_key            (LiaVault      *self);

gboolean     lia_vault_destroy_key        (const char    *data_dir,
                                           GError       **error);
gboolean     lia_vault_wipe_data_dir      (const char    *data_dir,
                                           GError       **error);

G_END_DECLS
