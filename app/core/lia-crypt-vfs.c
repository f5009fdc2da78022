/* lia-crypt-vfs.c — an SQLite VFS that encrypts the user database at rest
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The VFS wraps the default (unix) one.  Every page of the main database,
 * every page image in its WAL and every page image in a rollback journal is
 * sealed with XChaCha20-Poly1305 under the data key.  Pages keep their size
 * and place: SQLite is told to leave LIA_CRYPT_RESERVE_BYTES unused at the
 * end of every page (its “reserved bytes”), and that is where the random
 * 24-byte nonce and the 16-byte tag go.  The associated data is the kind of
 * file and the page's position in it, so a page cannot be moved elsewhere
 * without failing authentication.
 *
 * What stays in clear: the 32-byte WAL header and the 24-byte WAL frame
 * headers (page numbers, salts and SQLite's checksums, which SQLite
 * computes over the plaintext), rollback journal headers and the -shm
 * index (page numbers only).  No record content is in any of them.  Page 1,
 * with the “SQLite format 3” header, is encrypted like any other page.
 *
 * Because file offsets and sizes are those of a plain database, SQLite's
 * crash safety (WAL, synchronous=FULL) is unchanged: a frame torn by a crash
 * fails both authentication and SQLite's checksum and is dropped by WAL
 * recovery, exactly as a torn plaintext frame would be.
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "lia-crypt-vfs.h"
#include "lia-error.h"

#define PAGE_SIZE        LIA_CRYPT_PAGE_SIZE
#define PLAIN_BYTES      (PAGE_SIZE - LIA_CRYPT_RESERVE_BYTES)
#define NONCE_BYTES      crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES        crypto_aead_xchacha20poly1305_ietf_ABYTES
#define WAL_HEADER_BYTES 32
#define WAL_FRAME_HEADER 24
#define WAL_FRAME_BYTES  (WAL_FRAME_HEADER + PAGE_SIZE)
/* Rollback journal headers start on sector boundaries (512 bytes at least);
 * page images follow a 4-byte page number, so they never do. */
#define JOURNAL_ALIGN    512
#define URI_KEY_PARAM    "liaison-key"

G_STATIC_ASSERT (NONCE_BYTES + TAG_BYTES == LIA_CRYPT_RESERVE_BYTES);
G_STATIC_ASSERT (LIA_CRYPT_KEY_BYTES == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);

/* Keys */

struct _LiaCryptKey
{
  gint    ref_count;
  guint8 *bytes;   /* sodium_malloc(): guarded, locked, wiped when freed */
};

static LiaCryptKey *
key_alloc (void)
{
  LiaCryptKey *key;

  if (sodium_init () < 0)
    g_error ("libsodium could not be initialised");

  key = g_new0 (LiaCryptKey, 1);
  key->ref_count = 1;
  key->bytes = sodium_malloc (LIA_CRYPT_KEY_BYTES);
  if (key->bytes == NULL)
    g_error ("Could not allocate locked memory for a key");

  return key;
}

/* Returns: (transfer full): a new random data key */
LiaCryptKey *
lia_crypt_key_new_random (void)
{
  LiaCryptKey *key = key_alloc ();

  crypto_aead_xchacha20poly1305_ietf_keygen (key->bytes);
  sodium_mprotect_readonly (key->bytes);

  return key;
}

/* Returns: (transfer full): a key holding a copy of @bytes */
LiaCryptKey *
lia_crypt_key_new_from_bytes (const guint8 *bytes)
{
  LiaCryptKey *key;

  g_return_val_if_fail (bytes != NULL, NULL);

  key = key_alloc ();
  memcpy (key->bytes, bytes, LIA_CRYPT_KEY_BYTES);
  sodium_mprotect_readonly (key->bytes);

  return key;
}

LiaCryptKey *
lia_crypt_key_ref (LiaCryptKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  g_atomic_int_inc (&key->ref_count);
  return key;
}

void
lia_crypt_key_unref (LiaCryptKey *key)
{
  g_return_if_fail (key != NULL);

  if (g_atomic_int_dec_and_test (&key->ref_count))
    {
      sodium_free (key->bytes);   /* zeroes it first */
      g_free (key);
    }
}

/* The raw key, for wrapping it in the key file. */
const guint8 *
lia_crypt_key_peek (LiaCryptKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  return key->bytes;
}

/* Keys of connections being opened or open, by a random token passed as a
 * URI parameter: the key itself never goes into a file name. */
static GHashTable *open_keys;
G_LOCK_DEFINE_STATIC (open_keys);

static LiaCryptKey *
lookup_key (const char *token)
{
  LiaCryptKey *key = NULL;

  if (token == NULL)
    return NULL;

  G_LOCK (open_keys);
  if (open_keys != NULL)
    key = g_hash_table_lookup (open_keys, token);
  if (key != NULL)
    lia_crypt_key_ref (key);
  G_UNLOCK (open_keys);

  return key;
}

static void
forget_key (const char *token)
{
  G_LOCK (open_keys);
  if (open_keys != NULL)
    g_hash_table_remove (open_keys, token);
  G_UNLOCK (open_keys);
}

/* Pages */

typedef enum
{
  KIND_DB = 'D',
  KIND_WAL = 'W',
  KIND_JOURNAL = 'J',
} FileKind;

static void
make_ad (guint8        ad[9],
         FileKind      kind,
         sqlite3_int64 position)
{
  guint64 be = GUINT64_TO_BE ((guint64) position);

  ad[0] = (guint8) kind;
  memcpy (ad + 1, &be, 8);
}

/* Seals the PAGE_SIZE bytes of @plain into @out.  SQLite leaves the
 * reserved bytes zero; anything else there would be lost, so it is an
 * error rather than silent damage. */
static gboolean
seal_page (LiaCryptKey   *key,
           FileKind       kind,
           sqlite3_int64  position,
           const guint8  *plain,
           guint8        *out)
{
  guint8 ad[9];

  if (!sodium_is_zero (plain + PLAIN_BYTES, LIA_CRYPT_RESERVE_BYTES))
    {
      sqlite3_log (SQLITE_IOERR_WRITE, "liaison-crypt: page has data in its reserved bytes");
      return FALSE;
    }

  make_ad (ad, kind, position);
  randombytes_buf (out + PLAIN_BYTES, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (out, out + PLAIN_BYTES + NONCE_BYTES, NULL,
                                                       plain, PLAIN_BYTES,
                                                       ad, sizeof ad, NULL,
                                                       out + PLAIN_BYTES, key->bytes);
  return TRUE;
}

/* Opens a sealed page in place.  A page of zeros was never written (beyond
 * the end of the file, or a file grown in advance) and stays zeros. */
static gboolean
open_page (LiaCryptKey   *key,
           FileKind       kind,
           sqlite3_int64  position,
           guint8        *page)
{
  guint8 ad[9];
  gboolean ok;

  if (sodium_is_zero (page, PAGE_SIZE))
    return TRUE;

  make_ad (ad, kind, position);
  ok = crypto_aead_xchacha20poly1305_ietf_decrypt_detached (page, NULL,
                                                            page, PLAIN_BYTES,
                                                            page + PLAIN_BYTES + NONCE_BYTES,
                                                            ad, sizeof ad,
                                                            page + PLAIN_BYTES, key->bytes) == 0;
  sodium_memzero (page + PLAIN_BYTES, LIA_CRYPT_RESERVE_BYTES);
  if (!ok)
    sodium_memzero (page, PAGE_SIZE);

  return ok;
}

/* Where the sealed regions of a file are.  In the database they are its
 * pages; in the WAL they are the page images after each frame header. */
static gboolean
region_at (FileKind       kind,
           sqlite3_int64  offset,
           sqlite3_int64 *start,
           sqlite3_int64 *index)
{
  if (kind == KIND_DB)
    {
      *index = offset / PAGE_SIZE;
      *start = *index * PAGE_SIZE;
      return TRUE;
    }

  g_assert (kind == KIND_WAL);

  if (offset < WAL_HEADER_BYTES)
    return FALSE;

  *index = (offset - WAL_HEADER_BYTES) / WAL_FRAME_BYTES;
  *start = WAL_HEADER_BYTES + *index * WAL_FRAME_BYTES + WAL_FRAME_HEADER;

  return offset >= *start;
}

static sqlite3_int64
region_start (FileKind      kind,
              sqlite3_int64 index)
{
  if (kind == KIND_DB)
    return index * PAGE_SIZE;

  return WAL_HEADER_BYTES + index * WAL_FRAME_BYTES + WAL_FRAME_HEADER;
}

/* The first region that may start at or after @offset. */
static sqlite3_int64
first_region (FileKind      kind,
              sqlite3_int64 offset)
{
  if (kind == KIND_DB)
    return offset / PAGE_SIZE;

  return offset < WAL_HEADER_BYTES ? 0 : (offset - WAL_HEADER_BYTES) / WAL_FRAME_BYTES;
}

/* Files */

typedef struct
{
  sqlite3_file  base;
  LiaCryptKey  *key;
  FileKind      kind;
  char         *token;  /* the main database's: its key is forgotten with it */
  sqlite3_file *real;   /* the unix VFS's file, right after this struct */
} CryptFile;

static sqlite3_vfs *real_vfs;

static int
crypt_close (sqlite3_file *file)
{
  CryptFile *self = (CryptFile *) file;
  int rc = self->real->pMethods->xClose (self->real);

  if (self->token != NULL)
    forget_key (self->token);
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->key, lia_crypt_key_unref);
  return rc;
}

static int
crypt_read (sqlite3_file  *file,
            void          *out,
            int            amount,
            sqlite3_int64  offset)
{
  CryptFile *self = (CryptFile *) file;
  sqlite3_int64 start = offset;
  sqlite3_int64 end = offset + amount;
  sqlite3_int64 region, index;
  gboolean damaged = FALSE;
  guint8 *buffer;
  int rc;

  if (self->kind == KIND_JOURNAL)
    {
      rc = self->real->pMethods->xRead (self->real, out, amount, offset);
      /* A damaged page image reads as zeros: the journal's checksum then
       * ends the rollback there, as for a torn plaintext record. */
      if (rc == SQLITE_OK && amount == PAGE_SIZE && offset % JOURNAL_ALIGN != 0)
        open_page (self->key, KIND_JOURNAL, offset, out);
      return rc;
    }

  /* Read whole sealed regions around what SQLite asks for. */
  if (region_at (self->kind, start, &region, &index))
    start = region;
  if (amount > 0 && region_at (self->kind, end - 1, &region, &index))
    end = region + PAGE_SIZE;

  buffer = g_malloc (end - start);
  rc = self->real->pMethods->xRead (self->real, buffer, (int) (end - start), start);
  if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
    {
      g_free (buffer);
      return rc;
    }

  for (index = first_region (self->kind, start); ; index++)
    {
      sqlite3_int64 at = region_start (self->kind, index);

      if (at + PAGE_SIZE > end)
        break;
      if (at < start)
        continue;

      /* A WAL frame that fails reads as zeros: SQLite's checksum rejects it
       * and recovery stops there.  A database page that fails is damage. */
      if (!open_page (self->key, self->kind, index, buffer + (at - start)) &&
          self->kind == KIND_DB)
        damaged = TRUE;
    }

  memcpy (out, buffer + (offset - start), amount);
  sodium_memzero (buffer, end - start);
  g_free (buffer);

  if (damaged)
    {
      sqlite3_log (SQLITE_IOERR_DATA, "liaison-crypt: a page failed authentication");
      return SQLITE_IOERR_DATA;
    }

  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      sqlite3_int64 size = 0;

      /* Short for the whole regions, but maybe not for what was asked. */
      if (self->real->pMethods->xFileSize (self->real, &size) == SQLITE_OK &&
          size >= offset + amount)
        rc = SQLITE_OK;
    }

  return rc;
}

/* Checks that page 1 of the database is laid out as this VFS needs: a page
 * written with another page size or without the reserved bytes would lose
 * data under the nonce and tag. */
static gboolean
check_header (const guint8 *page)
{
  if (page[16] != (PAGE_SIZE >> 8 & 0xff) || page[17] != (PAGE_SIZE & 0xff) ||
      page[20] != LIA_CRYPT_RESERVE_BYTES)
    {
      sqlite3_log (SQLITE_IOERR_WRITE, "liaison-crypt: database header without the reserved bytes");
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_wal_header (const guint8 *header)
{
  guint32 page_size;

  memcpy (&page_size, header + 8, 4);
  if (GUINT32_FROM_BE (page_size) != PAGE_SIZE)
    {
      sqlite3_log (SQLITE_IOERR_WRITE, "liaison-crypt: WAL with another page size");
      return FALSE;
    }

  return TRUE;
}

static int
crypt_write (sqlite3_file *file,
             const void   *data,
             int           amount,
             sqlite3_int64 offset)
{
  CryptFile *self = (CryptFile *) file;
  const guint8 *in = data;
  g_autofree guint8 *buffer = NULL;
  gboolean ok = TRUE;
  int rc;

  if (self->kind == KIND_JOURNAL)
    {
      if (amount != PAGE_SIZE || offset % JOURNAL_ALIGN == 0)
        return self->real->pMethods->xWrite (self->real, data, amount, offset);

      buffer = g_malloc (PAGE_SIZE);
      if (!seal_page (self->key, KIND_JOURNAL, offset, in, buffer))
        return SQLITE_IOERR_WRITE;
      return self->real->pMethods->xWrite (self->real, buffer, amount, offset);
    }

  buffer = g_memdup2 (data, amount);

  if (self->kind == KIND_DB)
    {
      if (offset % PAGE_SIZE != 0 || amount % PAGE_SIZE != 0)
        {
          sqlite3_log (SQLITE_IOERR_WRITE, "liaison-crypt: partial page write");
          return SQLITE_IOERR_WRITE;
        }

      for (int at = 0; ok && at < amount; at += PAGE_SIZE)
        {
          sqlite3_int64 index = (offset + at) / PAGE_SIZE;

          ok = (index != 0 || check_header (in + at)) &&
               seal_page (self->key, KIND_DB, index, in + at, buffer + at);
        }
    }
  else
    {
      sqlite3_int64 end = offset + amount;

      if (offset == 0 && amount >= WAL_HEADER_BYTES)
        ok = check_wal_header (in);

      for (sqlite3_int64 at = offset; ok && at < end; )
        {
          sqlite3_int64 region, index;

          if (region_at (KIND_WAL, at, &region, &index))
            {
              /* SQLite writes page images whole. */
              if (region != at || at + PAGE_SIZE > end)
                {
                  sqlite3_log (SQLITE_IOERR_WRITE, "liaison-crypt: partial WAL page write");
                  ok = FALSE;
                  break;
                }
              ok = seal_page (self->key, KIND_WAL, index, in + (at - offset), buffer + (at - offset));
              at += PAGE_SIZE;
            }
          else if (at < WAL_HEADER_BYTES)
            {
              at = WAL_HEADER_BYTES;
            }
          else
            {
              /* Inside a frame header: the page image starts after it. */
              region_at (KIND_WAL, at + WAL_FRAME_HEADER, &region, &index);
              at = region;
            }
        }
    }

  if (!ok)
    return SQLITE_IOERR_WRITE;

  rc = self->real->pMethods->xWrite (self->real, buffer, amount, offset);
  return rc;
}

static int
crypt_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xTruncate (self->real, size);
}

static int
crypt_sync (sqlite3_file *file, int flags)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xSync (self->real, flags);
}

static int
crypt_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xFileSize (self->real, size);
}

static int
crypt_lock (sqlite3_file *file, int lock)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xLock (self->real, lock);
}

static int
crypt_unlock (sqlite3_file *file, int lock)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xUnlock (self->real, lock);
}

static int
crypt_check_reserved_lock (sqlite3_file *file, int *out)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xCheckReservedLock (self->real, out);
}

static int
crypt_file_control (sqlite3_file *file, int op, void *arg)
{
  CryptFile *self = (CryptFile *) file;

  /* Memory-mapped I/O would hand SQLite the sealed pages. */
  if (op == SQLITE_FCNTL_MMAP_SIZE)
    {
      *(sqlite3_int64 *) arg = 0;
      return SQLITE_OK;
    }

  return self->real->pMethods->xFileControl (self->real, op, arg);
}

static int
crypt_sector_size (sqlite3_file *file)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xSectorSize (self->real);
}

static int
crypt_device_characteristics (sqlite3_file *file)
{
  CryptFile *self = (CryptFile *) file;

  /* Without it, SQLite pads a WAL commit to a sector boundary and may split
   * a page image in two writes; each page is sealed whole instead. */
  return self->real->pMethods->xDeviceCharacteristics (self->real) | SQLITE_IOCAP_POWERSAFE_OVERWRITE;
}

static int
crypt_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xShmMap (self->real, page, size, extend, out);
}

static int
crypt_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xShmLock (self->real, offset, n, flags);
}

static void
crypt_shm_barrier (sqlite3_file *file)
{
  CryptFile *self = (CryptFile *) file;
  self->real->pMethods->xShmBarrier (self->real);
}

static int
crypt_shm_unmap (sqlite3_file *file, int delete_flag)
{
  CryptFile *self = (CryptFile *) file;
  return self->real->pMethods->xShmUnmap (self->real, delete_flag);
}

/* Version 2: shared memory for WAL, but no xFetch, so no memory mapping. */
static const sqlite3_io_methods crypt_io_methods = {
  .iVersion = 2,
  .xClose = crypt_close,
  .xRead = crypt_read,
  .xWrite = crypt_write,
  .xTruncate = crypt_truncate,
  .xSync = crypt_sync,
  .xFileSize = crypt_file_size,
  .xLock = crypt_lock,
  .xUnlock = crypt_unlock,
  .xCheckReservedLock = crypt_check_reserved_lock,
  .xFileControl = crypt_file_control,
  .xSectorSize = crypt_sector_size,
  .xDeviceCharacteristics = crypt_device_characteristics,
  .xShmMap = crypt_shm_map,
  .xShmLock = crypt_shm_lock,
  .xShmBarrier = crypt_shm_barrier,
  .xShmUnmap = crypt_shm_unmap,
};

static int
crypt_open (sqlite3_vfs  *vfs,
            const char   *name,
            sqlite3_file *file,
            int           flags,
            int          *out_flags)
{
  CryptFile *self = (CryptFile *) file;
  const char *token;
  int rc;

  memset (self, 0, sizeof *self);
  self->real = (sqlite3_file *) &self[1];

  if (flags & SQLITE_OPEN_MAIN_DB)
    self->kind = KIND_DB;
  else if (flags & SQLITE_OPEN_WAL)
    self->kind = KIND_WAL;
  else if (flags & SQLITE_OPEN_MAIN_JOURNAL)
    self->kind = KIND_JOURNAL;
  else
    {
      /* Temporary tables, sorts and statement journals stay in memory
       * (temp_store=MEMORY); anything else would be a clear-text copy. */
      sqlite3_log (SQLITE_CANTOPEN, "liaison-crypt: refusing a temporary file (flags 0x%x)", flags);
      return SQLITE_CANTOPEN;
    }

  token = sqlite3_uri_parameter (name, URI_KEY_PARAM);
  self->key = lookup_key (token);
  if (self->key == NULL)
    {
      sqlite3_log (SQLITE_CANTOPEN, "liaison-crypt: no key for this file");
      return SQLITE_CANTOPEN;
    }

  rc = real_vfs->xOpen (real_vfs, name, self->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      if (self->real->pMethods != NULL)
        self->real->pMethods->xClose (self->real);
      g_clear_pointer (&self->key, lia_crypt_key_unref);
      return rc;
    }

  if (self->kind == KIND_DB)
    self->token = g_strdup (token);
  self->base.pMethods = &crypt_io_methods;
  return SQLITE_OK;
}

static int
crypt_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
crypt_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
crypt_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
crypt_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
crypt_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*crypt_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
crypt_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
crypt_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
crypt_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
crypt_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
crypt_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
crypt_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static sqlite3_vfs crypt_vfs = {
  .iVersion = 2,
  .zName = LIA_CRYPT_VFS_NAME,
  .xOpen = crypt_open,
  .xDelete = crypt_delete,
  .xAccess = crypt_access,
  .xFullPathname = crypt_full_pathname,
  .xDlOpen = crypt_dl_open,
  .xDlError = crypt_dl_error,
  .xDlSym = crypt_dl_sym,
  .xDlClose = crypt_dl_close,
  .xRandomness = crypt_randomness,
  .xSleep = crypt_sleep,
  .xCurrentTime = crypt_current_time,
  .xGetLastError = crypt_get_last_error,
  .xCurrentTimeInt64 = crypt_current_time_int64,
};

static void
register_vfs (void)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      if (sodium_init () < 0)
        g_error ("libsodium could not be initialised");

      real_vfs = sqlite3_vfs_find (NULL);
      g_assert (real_vfs != NULL && real_vfs->iVersion >= 2);
      crypt_vfs.szOsFile = sizeof (CryptFile) + real_vfs->szOsFile;
      crypt_vfs.mxPathname = real_vfs->mxPathname;
      sqlite3_vfs_register (&crypt_vfs, 0);

      g_once_init_leave (&registered, 1);
    }
}

/**
 * lia_crypt_db_open:
 * @path: the database file, created if missing
 * @key: the data key
 *
 * Opens @path through the encrypting VFS with the same settings as
 * lia_db_open() (WAL, synchronous=FULL, foreign keys), plus those the
 * encryption needs: a new database gets the page size and reserved bytes
 * that hold each page's nonce and tag, temporary data stays in memory and
 * deleted content is overwritten.
 */
sqlite3 *
lia_crypt_db_open (const char   *path,
                   LiaCryptKey  *key,
                   GError      **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  guint8 token_bytes[16];
  g_autofree char *token = NULL;
  sqlite3 *db = NULL;
  int reserve = LIA_CRYPT_RESERVE_BYTES;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  register_vfs ();

  randombytes_buf (token_bytes, sizeof token_bytes);
  token = g_malloc (sizeof token_bytes * 2 + 1);
  sodium_bin2hex (token, sizeof token_bytes * 2 + 1, token_bytes, sizeof token_bytes);

  G_LOCK (open_keys);
  if (open_keys == NULL)
    open_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) lia_crypt_key_unref);
  g_hash_table_insert (open_keys, g_strdup (token), lia_crypt_key_ref (key));
  G_UNLOCK (open_keys);

  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?%s=%s", escaped, URI_KEY_PARAM, token);

  rc = sqlite3_open_v2 (uri, &db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                        SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI,
                        LIA_CRYPT_VFS_NAME);
  if (rc != SQLITE_OK)
    goto fail;

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 5000);

  /* Only takes effect on a database without pages yet; an existing one
   * keeps its own, and the VFS refuses to write one laid out otherwise. */
  if (sqlite3_exec (db, "PRAGMA page_size = " G_STRINGIFY (LIA_CRYPT_PAGE_SIZE) ";", NULL, NULL, NULL) != SQLITE_OK ||
      sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK)
    goto fail;

  if (sqlite3_exec (db,
                    "PRAGMA temp_store = MEMORY;"
                    "PRAGMA secure_delete = ON;"
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;",
                    NULL, NULL, NULL) != SQLITE_OK)
    goto fail;

  /* The key stays with the open files (the WAL opens later, from the
   * main database's name). */
  return db;

fail:
  {
    g_autofree char *name = g_filename_display_name (path);

    g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                 _("Could not open the encrypted database “%s”: %s. Check that the folder exists, that you may write to it and that its key file belongs to it."),
                 name, db != NULL ? sqlite3_errmsg (db) : "out of memory");
    sqlite3_close_v2 (db);
    forget_key (token);
    return NULL;
  }
}

/**
 * lia_crypt_db_vacuum_into:
 * @db: a database in clear, opened with %SQLITE_OPEN_URI and
 *   temp_store=MEMORY
 * @path: the encrypted copy to write; must not exist
 * @key: the data key to encrypt it with
 *
 * Writes a compacted copy of @db, encrypted under @key, to @path (VACUUM
 * INTO through the encrypting VFS).  The copy has the page size and
 * reserved bytes the VFS needs; it is left in rollback-journal mode and
 * lia_crypt_db_open() switches it to WAL.
 */
gboolean
lia_crypt_db_vacuum_into (sqlite3      *db,
                          const char   *path,
                          LiaCryptKey  *key,
                          GError      **error)
{
  g_autofree char *escaped = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *token = NULL;
  guint8 token_bytes[16];
  sqlite3_stmt *stmt = NULL;
  int reserve = LIA_CRYPT_RESERVE_BYTES;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  register_vfs ();

  randombytes_buf (token_bytes, sizeof token_bytes);
  token = g_malloc (sizeof token_bytes * 2 + 1);
  sodium_bin2hex (token, sizeof token_bytes * 2 + 1, token_bytes, sizeof token_bytes);

  G_LOCK (open_keys);
  if (open_keys == NULL)
    open_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) lia_crypt_key_unref);
  g_hash_table_insert (open_keys, g_strdup (token), lia_crypt_key_ref (key));
  G_UNLOCK (open_keys);

  escaped = g_uri_escape_string (path, "/", FALSE);
  uri = g_strdup_printf ("file:%s?vfs=%s&%s=%s", escaped, LIA_CRYPT_VFS_NAME, URI_KEY_PARAM, token);

  /* VACUUM INTO copies the source's page size and *requested* reserved
   * bytes, which a file control sets even on a database that has pages. */
  rc = sqlite3_exec (db, "PRAGMA page_size = " G_STRINGIFY (LIA_CRYPT_PAGE_SIZE) ";", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
      rc = sqlite3_prepare_v2 (db, "VACUUM INTO ?1", -1, &stmt, NULL);
    }
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
    }

  if (rc != SQLITE_OK)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                   _("Could not write the encrypted copy “%s”: %s. Check that the disk is not full."),
                   name, sqlite3_errmsg (db));
    }

  sqlite3_finalize (stmt);
  forget_key (token);

  return rc == SQLITE_OK;
}
