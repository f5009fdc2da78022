/* lia-vault.c — the data key of an encrypted data folder, and its key file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database is encrypted under a random data key that never changes.
 * The key file holds that key wrapped (XChaCha20-Poly1305) under a key
 * derived from the passphrase with Argon2id, so changing the passphrase
 * rewrites 232 bytes and not the database, and destroying those bytes
 * makes the database unreadable even with the passphrase.  Optionally the
 * data key is also sealed to HQ's public key (crypto_box_seal), so HQ can
 * recover the data of a laptop whose officer is gone.
 *
 * Key file layout, integers big-endian:
 *     0  8  magic "LIAVAULT"
 *     8  4  version (1)
 *    12  4  flags (1: escrow present)
 *    16  8  Argon2id opslimit
 *    24  8  Argon2id memlimit
 *    32 16  salt
 *    48 24  nonce
 *    72 48  data key wrapped under the passphrase key, with its tag;
 *           the associated data is bytes 0–12 and 16–48
 *   120 32  HQ public key the escrow is sealed to (zeros without escrow)
 *   152 80  data key sealed to it (zeros without escrow)
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lia-error.h"
#include "lia-store.h"
#include "lia-store-encrypt.h"
#include "lia-vault-private.h"

#define MAGIC          "LIAVAULT"
#define VERSION        1
#define FLAG_ESCROW    1u
#define SALT_BYTES     crypto_pwhash_SALTBYTES
#define NONCE_BYTES    crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define WRAPPED_BYTES  (LIA_CRYPT_KEY_BYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES)
#define SEALED_BYTES   (LIA_CRYPT_KEY_BYTES + crypto_box_SEALBYTES)

enum {
  OFF_VERSION = 8,
  OFF_FLAGS = 12,
  OFF_OPSLIMIT = 16,
  OFF_MEMLIMIT = 24,
  OFF_SALT = 32,
  OFF_NONCE = OFF_SALT + SALT_BYTES,
  OFF_WRAPPED = OFF_NONCE + NONCE_BYTES,
  OFF_HQ_KEY = OFF_WRAPPED + WRAPPED_BYTES,
  OFF_SEALED = OFF_HQ_KEY + LIA_VAULT_HQ_KEY_BYTES,
  FILE_BYTES = OFF_SEALED + SEALED_BYTES,
};

G_STATIC_ASSERT (SALT_BYTES == 16);
G_STATIC_ASSERT (FILE_BYTES == 232);
G_STATIC_ASSERT (LIA_VAULT_HQ_KEY_BYTES == crypto_box_PUBLICKEYBYTES);

struct _LiaVault
{
  GObject      parent_instance;
  char        *data_dir;
  char        *path;
  LiaCryptKey *key;
  guint8       file[FILE_BYTES];   /* the key file as last written */
};

G_DEFINE_FINAL_TYPE (LiaVault, lia_vault, G_TYPE_OBJECT)

static void
lia_vault_finalize (GObject *object)
{
  LiaVault *self = (LiaVault *)object;

  g_clear_pointer (&self->key, lia_crypt_key_unref);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (lia_vault_parent_class)->finalize (object);
}

static void
lia_vault_class_init (LiaVaultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_vault_finalize;
}

static void
lia_vault_init (LiaVault *self)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");
}

static LiaVault *
vault_new (const char *data_dir)
{
  LiaVault *self = g_object_new (LIA_TYPE_VAULT, NULL);

  self->data_dir = g_strdup (data_dir);
  self->path = g_build_filename (data_dir, LIA_VAULT_FILENAME, NULL);

  return self;
}

static void
put_u32 (guint8 *at, guint32 value)
{
  value = GUINT32_TO_BE (value);
  memcpy (at, &value, sizeof value);
}

static void
put_u64 (guint8 *at, guint64 value)
{
  value = GUINT64_TO_BE (value);
  memcpy (at, &value, sizeof value);
}

static guint32
get_u32 (const guint8 *at)
{
  guint32 value;

  memcpy (&value, at, sizeof value);
  return GUINT32_FROM_BE (value);
}

static guint64
get_u64 (const guint8 *at)
{
  guint64 value;

  memcpy (&value, at, sizeof value);
  return GUINT64_FROM_BE (value);
}

/* Everything but the flags: the escrow may come and go without the
 * passphrase. */
static void
make_ad (const guint8 *file,
         guint8        ad[OFF_NONCE - 4])
{
  memcpy (ad, file, OFF_FLAGS);
  memcpy (ad + OFF_FLAGS, file + OFF_OPSLIMIT, OFF_NONCE - OFF_OPSLIMIT);
}

gboolean
lia_vault_exists (const char *data_dir)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  path = g_build_filename (data_dir, LIA_VAULT_FILENAME, NULL);
  return g_file_test (path, G_FILE_TEST_EXISTS);
}

/* $LIAISON_VAULT_KDF: “interactive” for slow machines, “test” for tests;
 * anything else is the default. */
LiaVaultKdf
lia_vault_kdf_from_env (void)
{
  const char *value = g_getenv ("LIAISON_VAULT_KDF");

  if (g_strcmp0 (value, "interactive") == 0)
    return LIA_VAULT_KDF_INTERACTIVE;
  if (g_strcmp0 (value, "test") == 0)
    return LIA_VAULT_KDF_TEST;

  return LIA_VAULT_KDF_MODERATE;
}

static void
kdf_limits (LiaVaultKdf  kdf,
            guint64     *opslimit,
            guint64     *memlimit)
{
  switch (kdf)
    {
    case LIA_VAULT_KDF_INTERACTIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case LIA_VAULT_KDF_TEST:
      *opslimit = crypto_pwhash_OPSLIMIT_MIN;
      *memlimit = crypto_pwhash_MEMLIMIT_MIN;
      break;
    case LIA_VAULT_KDF_MODERATE:
    default:
      *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

/* Returns: a sodium_malloc()ed key, or NULL */
static guint8 *
derive_key (const char    *passphrase,
            const guint8  *salt,
            guint64        opslimit,
            guint64        memlimit,
            GError       **error)
{
  guint8 *kek = sodium_malloc (LIA_CRYPT_KEY_BYTES);

  if (kek == NULL ||
      opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > crypto_pwhash_OPSLIMIT_MAX ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > crypto_pwhash_MEMLIMIT_MAX ||
      crypto_pwhash (kek, LIA_CRYPT_KEY_BYTES, passphrase, strlen (passphrase), salt,
                     opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_free (kek);
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not derive a key from the passphrase: the computer lacks memory, or the key file asks for more than it has. Close other programs and try again."));
      return NULL;
    }

  return kek;
}

/* Wraps the data key in self->file under a new salt and @passphrase. */
static gboolean
wrap_key (LiaVault     *self,
          const char   *passphrase,
          LiaVaultKdf   kdf,
          GError      **error)
{
  guint64 opslimit, memlimit;
  guint8 ad[OFF_NONCE - 4];
  guint8 *kek;

  kdf_limits (kdf, &opslimit, &memlimit);

  memcpy (self->file, MAGIC, 8);
  put_u32 (self->file + OFF_VERSION, VERSION);
  put_u64 (self->file + OFF_OPSLIMIT, opslimit);
  put_u64 (self->file + OFF_MEMLIMIT, memlimit);
  randombytes_buf (self->file + OFF_SALT, SALT_BYTES);
  randombytes_buf (self->file + OFF_NONCE, NONCE_BYTES);

  if (!(kek = derive_key (passphrase, self->file + OFF_SALT, opslimit, memlimit, error)))
    return FALSE;

  make_ad (self->file, ad);
  crypto_aead_xchacha20poly1305_ietf_encrypt (self->file + OFF_WRAPPED, NULL,
                                              lia_crypt_key_peek (self->key), LIA_CRYPT_KEY_BYTES,
                                              ad, sizeof ad, NULL,
                                              self->file + OFF_NONCE, kek);
  sodium_free (kek);

  return TRUE;
}

/* Replaces the key file at once (written aside, synced, renamed), so a
 * crash leaves the old key file or the new one, never half of each. */
static gboolean
write_file (LiaVault  *self,
            GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents_full (self->path, (const char *) self->file, FILE_BYTES,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not write the key file: %s. Check that the data folder is writable and the disk not full."),
                   local_error->message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_file (LiaVault  *self,
           GError   **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (self->path, &contents, &length, &local_error))
    {
      g_set_error (error, LIA_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                     ? LIA_ERROR_NOT_FOUND : LIA_ERROR_FAILED,
                   _("Could not read the key file: %s."), local_error->message);
      return FALSE;
    }

  if (length != FILE_BYTES || memcmp (contents, MAGIC, 8) != 0 ||
      get_u32 ((const guint8 *) contents + OFF_VERSION) != VERSION)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The key file of this data folder is damaged or was written by another version of Liaison; without it the data cannot be opened."));
      return FALSE;
    }

  memcpy (self->file, contents, FILE_BYTES);
  return TRUE;
}

static gboolean
check_passphrase (const char  *passphrase,
                  GError     **error)
{
  if (passphrase == NULL || passphrase[0] == '\0')
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("The passphrase is empty. Choose a passphrase of several words."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_vault_create:
 * @data_dir: the data folder, created private if missing
 * @passphrase: the officer's passphrase
 * @kdf: how much Argon2id work protects it
 *
 * Makes a new data key and writes the key file.  An existing key file is
 * never replaced: that would lose the data it protects.
 */
LiaVault *
lia_vault_create (const char   *data_dir,
                  const char   *passphrase,
                  LiaVaultKdf   kdf,
                  GError      **error)
{
  g_autoptr(LiaVault) self = NULL;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (!check_passphrase (passphrase, error))
    return NULL;

  if (g_mkdir_with_parents (data_dir, 0700) != 0)
    {
      int errsv = errno;
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not create the data folder “%s”: %s. Choose a folder you may write to."),
                   name, g_strerror (errsv));
      return NULL;
    }

  self = vault_new (data_dir);
  if (g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("The data folder “%s” is already encrypted; nothing was changed."), name);
      return NULL;
    }

  self->key = lia_crypt_key_new_random ();
  if (!wrap_key (self, passphrase, kdf, error) || !write_file (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lia_vault_unlock:
 *
 * Reads the key file of @data_dir and unwraps the data key.  A wrong
 * passphrase is %LIA_ERROR_PASSPHRASE; nothing is written either way.
 */
LiaVault *
lia_vault_unlock (const char  *data_dir,
                  const char  *passphrase,
                  GError     **error)
{
  g_autoptr(LiaVault) self = NULL;
  guint8 ad[OFF_NONCE - 4];
  guint8 *kek;
  guint8 *key;
  gboolean ok;

  g_return_val_if_fail (data_dir != NULL, NULL);

  if (!check_passphrase (passphrase, error))
    return NULL;

  self = vault_new (data_dir);
  if (!read_file (self, error))
    return NULL;

  kek = derive_key (passphrase, self->file + OFF_SALT,
                    get_u64 (self->file + OFF_OPSLIMIT), get_u64 (self->file + OFF_MEMLIMIT),
                    error);
  if (kek == NULL)
    return NULL;

  key = sodium_malloc (LIA_CRYPT_KEY_BYTES);
  make_ad (self->file, ad);
  ok = crypto_aead_xchacha20poly1305_ietf_decrypt (key, NULL, NULL,
                                                   self->file + OFF_WRAPPED, WRAPPED_BYTES,
                                                   ad, sizeof ad,
                                                   self->file + OFF_NONCE, kek) == 0;
  sodium_free (kek);
  if (ok)
    self->key = lia_crypt_key_new_from_bytes (key);
  sodium_free (key);

  if (!ok)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("The passphrase is wrong. Check it and try again; nothing was changed."));
      return NULL;
    }

  /* An encryption in place interrupted after its commit is completed
   * before anything opens the database. */
  if (!lia_store_encrypt_finish (data_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lia_vault_recover:
 * @hq_public_key: HQ's escrow public key
 * @hq_secret_key: its secret key, which only HQ holds
 *
 * Opens the data key with HQ's escrow key, when the passphrase is lost.
 * The caller then sets a new passphrase with lia_vault_change_passphrase().
 */
LiaVault *
lia_vault_recover (const char    *data_dir,
                   const guint8  *hq_public_key,
                   const guint8  *hq_secret_key,
                   GError       **error)
{
  g_autoptr(LiaVault) self = NULL;
  guint8 *key;
  gboolean ok;

  g_return_val_if_fail (data_dir != NULL, NULL);
  g_return_val_if_fail (hq_public_key != NULL && hq_secret_key != NULL, NULL);

  self = vault_new (data_dir);
  if (!read_file (self, error))
    return NULL;

  key = sodium_malloc (LIA_CRYPT_KEY_BYTES);
  ok = (get_u32 (self->file + OFF_FLAGS) & FLAG_ESCROW) != 0 &&
       sodium_memcmp (self->file + OFF_HQ_KEY, hq_public_key, LIA_VAULT_HQ_KEY_BYTES) == 0 &&
       crypto_box_seal_open (key, self->file + OFF_SEALED, SEALED_BYTES,
                             hq_public_key, hq_secret_key) == 0;
  if (ok)
    self->key = lia_crypt_key_new_from_bytes (key);
  sodium_free (key);

  if (!ok)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                   _("This data folder has no recovery key for this HQ; it can only be opened with its passphrase."));
      return NULL;
    }

  if (!lia_store_encrypt_finish (data_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * lia_vault_change_passphrase:
 *
 * Wraps the same data key under @new_passphrase and replaces the key file;
 * the database is not touched.
 */
gboolean
lia_vault_change_passphrase (LiaVault     *self,
                             const char   *new_passphrase,
                             LiaVaultKdf   kdf,
                             GError      **error)
{
  guint8 saved[FILE_BYTES];

  g_return_val_if_fail (LIA_IS_VAULT (self), FALSE);

  if (!check_passphrase (new_passphrase, error))
    return FALSE;

  memcpy (saved, self->file, FILE_BYTES);
  if (!wrap_key (self, new_passphrase, kdf, error) || !write_file (self, error))
    {
      memcpy (self->file, saved, FILE_BYTES);
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_vault_set_escrow:
 * @hq_public_key: (nullable): HQ's escrow public key, or %NULL to remove
 *   the escrow
 *
 * Seals the data key to HQ's public key in the key file, so that HQ can
 * recover this data folder; an operation enables it at enrolment.
 */
gboolean
lia_vault_set_escrow (LiaVault      *self,
                      const guint8  *hq_public_key,
                      GError       **error)
{
  guint8 saved[FILE_BYTES];

  g_return_val_if_fail (LIA_IS_VAULT (self), FALSE);

  memcpy (saved, self->file, FILE_BYTES);
  sodium_memzero (self->file + OFF_HQ_KEY, LIA_VAULT_HQ_KEY_BYTES + SEALED_BYTES);

  if (hq_public_key != NULL)
    {
      memcpy (self->file + OFF_HQ_KEY, hq_public_key, LIA_VAULT_HQ_KEY_BYTES);
      if (crypto_box_seal (self->file + OFF_SEALED, lia_crypt_key_peek (self->key),
                           LIA_CRYPT_KEY_BYTES, hq_public_key) != 0)
        {
          memcpy (self->file, saved, FILE_BYTES);
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("HQ's recovery key is not valid; ask HQ to enrol this laptop again."));
          return FALSE;
        }
      put_u32 (self->file + OFF_FLAGS, FLAG_ESCROW);
    }
  else
    {
      put_u32 (self->file + OFF_FLAGS, 0);
    }

  if (!write_file (self, error))
    {
      memcpy (self->file, saved, FILE_BYTES);
      return FALSE;
    }

  return TRUE;
}

gboolean
lia_vault_has_escrow (LiaVault *self)
{
  g_return_val_if_fail (LIA_IS_VAULT (self), FALSE);

  return (get_u32 (self->file + OFF_FLAGS) & FLAG_ESCROW) != 0;
}

const char *
lia_vault_get_data_dir (LiaVault *self)
{
  g_return_val_if_fail (LIA_IS_VAULT (self), NULL);

  return self->data_dir;
}

/* Returns: (transfer none): the data key */
LiaCryptKey *
lia_vault_get_key (LiaVault *self)
{
  g_return_val_if_fail (LIA_IS_VAULT (self), NULL);

  return self->key;
}

static gboolean
set_io_error (GError     **error,
              const char  *path,
              int          errsv)
{
  g_autofree char *name = g_filename_display_name (path);

  g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
               _("Could not destroy “%s”: %s."), name, g_strerror (errsv));
  return FALSE;
}

/**
 * lia_vault_destroy_key:
 *
 * Overwrites the key file of @data_dir with random bytes, syncs it and
 * removes it.  Without it the database cannot be decrypted, passphrase or
 * not.  (The recovery key sealed to HQ goes with it.)
 */
gboolean
lia_vault_destroy_key (const char  *data_dir,
                       GError     **error)
{
  g_autofree char *path = NULL;
  guint8 noise[FILE_BYTES * 4];
  int fd, dir_fd;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  path = g_build_filename (data_dir, LIA_VAULT_FILENAME, NULL);
  fd = g_open (path, O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0);
  if (fd < 0)
    {
      if (errno == ENOENT)
        return TRUE;
      return set_io_error (error, path, errno);
    }

  /* More than the file holds, in case it was ever longer. */
  randombytes_buf (noise, sizeof noise);
  if (pwrite (fd, noise, sizeof noise, 0) != (gssize) sizeof noise || fsync (fd) != 0)
    {
      int errsv = errno;

      close (fd);
      return set_io_error (error, path, errsv);
    }
  close (fd);

  if (g_unlink (path) != 0)
    return set_io_error (error, path, errno);

  dir_fd = g_open (data_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (dir_fd >= 0)
    {
      fsync (dir_fd);
      close (dir_fd);
    }

  return TRUE;
}

static gboolean
remove_tree (const char  *path,
             GError     **error)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return errno == ENOENT ? TRUE : set_io_error (error, path, errno);

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (!remove_tree (child, error))
            return FALSE;
        }

      if (g_rmdir (path) != 0)
        return set_io_error (error, path, errno);
    }
  else if (g_unlink (path) != 0)
    {
      return set_io_error (error, path, errno);
    }

  return TRUE;
}

/**
 * lia_vault_wipe_data_dir:
 *
 * The panic wipe: destroys the key material first (the part that makes the
 * data unrecoverable), then removes the data folder.  A folder that holds
 * neither a key file nor a Liaison database is refused, so a mistyped
 * folder is never emptied.
 */
gboolean
lia_vault_wipe_data_dir (const char  *data_dir,
                         GError     **error)
{
  g_autofree char *db_path = NULL;

  g_return_val_if_fail (data_dir != NULL, FALSE);

  db_path = g_build_filename (data_dir, LIA_STORE_FILENAME, NULL);
  if (!lia_vault_exists (data_dir) && !g_file_test (db_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (data_dir);

      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                   _("“%s” holds no Liaison data; nothing was removed."), name);
      return FALSE;
    }

  /* The key first: from then on nothing can be decrypted.  Then what an
   * interrupted `liaison-cli encrypt` left in clear is overwritten, not
   * only unlinked. */
  return lia_vault_destroy_key (data_dir, error) &&
         lia_store_encrypt_scrub_clear (data_dir, error) &&
         remove_tree (data_dir, error);
}

/* Open encrypted databases, by canonical path: a second connection to the
 * same database (a worker thread's, as the sync engine opens) finds the
 * vault of the first without being handed it. */
typedef struct
{
  LiaVault *vault;
  guint     n_open;
} OpenPath;

static GHashTable *open_paths;
G_LOCK_DEFINE_STATIC (open_paths);

static void
open_path_free (OpenPath *open)
{
  g_object_unref (open->vault);
  g_free (open);
}

void
lia_vault_hold_path (LiaVault   *vault,
                     const char *db_path)
{
  g_autofree char *key = g_canonicalize_filename (db_path, NULL);
  OpenPath *open;

  g_return_if_fail (LIA_IS_VAULT (vault));

  G_LOCK (open_paths);
  if (open_paths == NULL)
    open_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) open_path_free);
  open = g_hash_table_lookup (open_paths, key);
  if (open == NULL)
    {
      open = g_new0 (OpenPath, 1);
      open->vault = g_object_ref (vault);
      g_hash_table_insert (open_paths, g_steal_pointer (&key), open);
    }
  open->n_open++;
  G_UNLOCK (open_paths);
}

void
lia_vault_release_path (const char *db_path)
{
  g_autofree char *key = g_canonicalize_filename (db_path, NULL);
  OpenPath *open;

  G_LOCK (open_paths);
  open = open_paths != NULL ? g_hash_table_lookup (open_paths, key) : NULL;
  if (open != NULL && --open->n_open == 0)
    g_hash_table_remove (open_paths, key);
  G_UNLOCK (open_paths);
}

/* Returns: (transfer full) (nullable): the vault of @db_path if a store
 * has it open */
LiaVault *
lia_vault_lookup_path (const char *db_path)
{
  g_autofree char *key = g_canonicalize_filename (db_path, NULL);
  LiaVault *vault = NULL;
  OpenPath *open;

  G_LOCK (open_paths);
  open = open_paths != NULL ? g_hash_table_lookup (open_paths, key) : NULL;
  if (open != NULL)
    vault = g_object_ref (open->vault);
  G_UNLOCK (open_paths);

  return vault;
}

/* ---- HQ recovery ----------------------------------------------------------- */

/**
 * lia_vault_recover_key_file:
 * @key_path: a laptop's key file, sent to HQ
 * @hq_public_key: HQ's escrow public key
 * @hq_secret_key: its secret key
 * @new_passphrase: a temporary passphrase for the officer
 * @output_path: where to write the new key file; must not exist
 *
 * HQ's side of a lost passphrase: opens the data key sealed to HQ in
 * @key_path and writes a key file that wraps it under @new_passphrase,
 * with the same escrow.  The officer puts it in the data folder as
 * vault.key, unlocks with the temporary passphrase and changes it.  On
 * any error nothing is written.
 */
gboolean
lia_vault_recover_key_file (const char    *key_path,
                            const guint8  *hq_public_key,
                            const guint8  *hq_secret_key,
                            const char    *new_passphrase,
                            LiaVaultKdf    kdf,
                            const char    *output_path,
                            GError       **error)
{
  g_autoptr(LiaVault) self = NULL;
  g_autofree char *dir = NULL;
  guint8 *key;
  gboolean ok;

  g_return_val_if_fail (key_path != NULL && output_path != NULL, FALSE);
  g_return_val_if_fail (hq_public_key != NULL && hq_secret_key != NULL, FALSE);

  if (!check_passphrase (new_passphrase, error))
    return FALSE;

  if (g_file_test (output_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (output_path);

      g_set_error (error, LIA_ERROR, LIA_ERROR_CONFLICT,
                   _("“%s” already exists; choose a new file for the recovered key. Nothing was written."), name);
      return FALSE;
    }

  dir = g_path_get_dirname (key_path);
  self = vault_new (dir);
  g_free (self->path);
  self->path = g_strdup (key_path);
  if (!read_file (self, error))
    return FALSE;

  if ((get_u32 (self->file + OFF_FLAGS) & FLAG_ESCROW) == 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                           _("This key file holds no recovery key: its operation had no escrow when the laptop was enrolled. It opens only with its passphrase."));
      return FALSE;
    }

  if (sodium_memcmp (self->file + OFF_HQ_KEY, hq_public_key, LIA_VAULT_HQ_KEY_BYTES) != 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                           _("This key file was sealed to another HQ escrow key. Use the escrow key of the HQ the laptop was enrolled with."));
      return FALSE;
    }

  key = sodium_malloc (LIA_CRYPT_KEY_BYTES);
  ok = crypto_box_seal_open (key, self->file + OFF_SEALED, SEALED_BYTES,
                             hq_public_key, hq_secret_key) == 0;
  if (ok)
    self->key = lia_crypt_key_new_from_bytes (key);
  sodium_free (key);

  if (!ok)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_PASSPHRASE,
                           _("HQ’s escrow secret key does not open this key file: the key pair is not the one the laptop was sealed to, or the file is damaged."));
      return FALSE;
    }

  /* The same data key and escrow, a new salt and passphrase. */
  g_free (self->path);
  self->path = g_strdup (output_path);
  return wrap_key (self, new_passphrase, kdf, error) && write_file (self, error);
}
