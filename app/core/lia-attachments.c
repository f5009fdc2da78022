/* lia-attachments.c
 *
 * An attachment's bytes live in the data directory under attachments/,
 * written once and never changed.  The report's body references them by
 * name, MIME type, size and SHA-256, and sync and handover move them by
 * that SHA-256.
 *
 * In an encrypted data folder (every folder outside tests that ask for a
 * clear one) nothing on disk reveals an attachment:
 *
 * - the file name is BLAKE2b-256 of the SHA-256, keyed with a subkey of
 *   the data key, so a known photo cannot be recognised by its name;
 * - the content is sealed with secretstream XChaCha20-Poly1305 under
 *   another subkey, in chunks of 64 KiB, each chunk authenticated with the
 *   file's magic and the SHA-256 as associated data (a file moved under
 *   another name does not open); the plaintext is checked against the
 *   SHA-256 again after opening.
 *
 *     0   8   magic "LIAATT1\0"
 *     8   24  secretstream header
 *     32  …   chunks: ciphertext of 64 KiB of plaintext (the last one
 *             shorter, tagged FINAL), ABYTES longer each
 *
 * Files are written whole to a temporary file beside them (ciphertext
 * only), synced and renamed, so a crash leaves no half file.
 *
 * In a clear folder the file is attachments/<sha256> in clear.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "lia-attachments.h"
#include "lia-error.h"
#include "lia-vault.h"

#define ATTACHMENTS_DIR  "attachments"
#define SEALED_MAGIC     "LIAATT1"          /* 8 bytes with its NUL */
#define MAGIC_BYTES      8
#define CHUNK_BYTES      (64 * 1024)
#define SS_HEADER_BYTES  crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define SS_ABYTES        crypto_secretstream_xchacha20poly1305_ABYTES
#define SUBKEY_CONTEXT   "LiaAttch"
#define SUBKEY_NAME      1
#define SUBKEY_CONTENT   2

G_STATIC_ASSERT (sizeof SEALED_MAGIC == MAGIC_BYTES);
G_STATIC_ASSERT (crypto_kdf_KEYBYTES == LIA_CRYPT_KEY_BYTES);

static gboolean
is_sha256 (const char *str)
{
  if (str == NULL || strlen (str) != 64)
    return FALSE;

  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

/* The data key of an encrypted store, %NULL for a clear one (tests only). */
static LiaCryptKey *
store_key (LiaStore *store)
{
  LiaVault *vault = lia_store_get_vault (store);

  return vault != NULL ? lia_vault_get_key (vault) : NULL;
}

static char *
store_attachments_dir (LiaStore *store)
{
  g_autofree char *data_dir = g_path_get_dirname (lia_store_get_path (store));

  return g_build_filename (data_dir, ATTACHMENTS_DIR, NULL);
}

/* A subkey of the data key for one purpose, in guarded memory. */
static guint8 *
derive_subkey (LiaCryptKey *key,
               guint64      id)
{
  guint8 *subkey = sodium_malloc (LIA_CRYPT_KEY_BYTES);

  g_assert (subkey != NULL);
  crypto_kdf_derive_from_key (subkey, LIA_CRYPT_KEY_BYTES, id, SUBKEY_CONTEXT,
                              lia_crypt_key_peek (key));
  return subkey;
}

/* The file name of @sha256: itself in clear, a keyed hash of it when
 * encrypted. */
static char *
file_name (LiaCryptKey *key,
           const char  *sha256)
{
  guint8 hash[32];
  char hex[sizeof hash * 2 + 1];
  guint8 *name_key;

  if (key == NULL)
    return g_strdup (sha256);

  name_key = derive_subkey (key, SUBKEY_NAME);
  crypto_generichash (hash, sizeof hash, (const guint8 *) sha256, strlen (sha256),
                      name_key, LIA_CRYPT_KEY_BYTES);
  sodium_free (name_key);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);

  return g_strdup (hex);
}

static GBytes *
seal (LiaCryptKey  *key,
      const char   *sha256,
      GBytes       *plain)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 ad[MAGIC_BYTES + 64];
  const guint8 *data;
  guint8 *content_key, *out;
  gsize size, n_chunks, out_size, at;

  data = g_bytes_get_data (plain, &size);
  n_chunks = size / CHUNK_BYTES + 1;   /* the last one may be empty */
  out_size = MAGIC_BYTES + SS_HEADER_BYTES + size + n_chunks * SS_ABYTES;
  out = g_malloc (out_size);

  memcpy (ad, SEALED_MAGIC, MAGIC_BYTES);
  memcpy (ad + MAGIC_BYTES, sha256, 64);
  memcpy (out, SEALED_MAGIC, MAGIC_BYTES);

  content_key = derive_subkey (key, SUBKEY_CONTENT);
  crypto_secretstream_xchacha20poly1305_init_push (&state, out + MAGIC_BYTES, content_key);
  sodium_free (content_key);

  at = MAGIC_BYTES + SS_HEADER_BYTES;
  for (gsize i = 0; i < n_chunks; i++)
    {
      gsize offset = i * CHUNK_BYTES;
      gsize n = MIN (CHUNK_BYTES, size - offset);
      gboolean last = i == n_chunks - 1;

      crypto_secretstream_xchacha20poly1305_push (&state, out + at, NULL, data + offset, n,
                                                  ad, sizeof ad,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      at += n + SS_ABYTES;
    }
  g_assert (at == out_size);
  sodium_memzero (&state, sizeof state);

  return g_bytes_new_take (out, out_size);
}

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("An attachment is damaged: its content does not match its checksum."));
  return FALSE;
}

static GBytes *
damaged_bytes (GError **error)
{
  damaged (error);
  return NULL;
}

/* Returns: (transfer full) (nullable): the plaintext of a sealed file */
static GBytes *
unseal (LiaCryptKey   *key,
        const char    *sha256,
        const guint8  *data,
        gsize          size,
        GError       **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  g_autoptr(GByteArray) plain = NULL;
  guint8 ad[MAGIC_BYTES + 64];
  guint8 *content_key;
  gsize at;
  int rc;

  if (size < MAGIC_BYTES + SS_HEADER_BYTES + SS_ABYTES || memcmp (data, SEALED_MAGIC, MAGIC_BYTES) != 0)
    return damaged_bytes (error);

  memcpy (ad, SEALED_MAGIC, MAGIC_BYTES);
  memcpy (ad + MAGIC_BYTES, sha256, 64);

  content_key = derive_subkey (key, SUBKEY_CONTENT);
  rc = crypto_secretstream_xchacha20poly1305_init_pull (&state, data + MAGIC_BYTES, content_key);
  sodium_free (content_key);
  if (rc != 0)
    return damaged_bytes (error);

  plain = g_byte_array_sized_new (size);
  at = MAGIC_BYTES + SS_HEADER_BYTES;
  for (;;)
    {
      gsize clen = MIN (CHUNK_BYTES + SS_ABYTES, size - at);
      gsize start = plain->len;
      unsigned long long mlen;
      guint8 tag;

      if (clen < SS_ABYTES)
        break;
      g_byte_array_set_size (plain, start + clen - SS_ABYTES);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plain->data + start, &mlen, &tag,
                                                      data + at, clen, ad, sizeof ad) != 0)
        break;
      at += clen;

      /* The FINAL tag exactly at the end: nothing cut off, nothing added. */
      if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL)
        {
          sodium_memzero (&state, sizeof state);
          if (at != size)
            break;
          return g_byte_array_free_to_bytes (g_steal_pointer (&plain));
        }
      if (clen != CHUNK_BYTES + SS_ABYTES)
        break;
    }

  sodium_memzero (&state, sizeof state);
  sodium_memzero (plain->data, plain->len);
  return damaged_bytes (error);
}

static char *
path_in (const char  *dir,
         LiaCryptKey *key,
         const char  *sha256)
{
  g_autofree char *name = file_name (key, sha256);

  return g_build_filename (dir, name, NULL);
}

/**
 * lia_attachment_get_path:
 *
 * Returns: (transfer full): the file that holds the bytes of @sha256
 *   (sealed in an encrypted data folder: read them with
 *   lia_attachment_load())
 */
char *
lia_attachment_get_path (LiaStore   *store,
                         const char *sha256)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (is_sha256 (sha256), NULL);

  dir = store_attachments_dir (store);
  return path_in (dir, store_key (store), sha256);
}

gboolean
lia_attachment_has (LiaStore   *store,
                    const char *sha256)
{
  g_autofree char *path = NULL;

  if (!is_sha256 (sha256))
    return FALSE;

  path = lia_attachment_get_path (store, sha256);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
check_hash (GBytes      *bytes,
            const char  *sha256,
            GError     **error)
{
  g_autofree char *actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  return g_str_equal (actual, sha256) || damaged (error);
}

/**
 * lia_attachment_load:
 *
 * Returns: (transfer full) (nullable): the bytes of @sha256, checked
 */
GBytes *
lia_attachment_load (LiaStore    *store,
                     const char  *sha256,
                     GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  if (!is_sha256 (sha256))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("An attachment’s checksum is malformed."));
      return NULL;
    }

  path = lia_attachment_get_path (store, sha256);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("An attachment is not on this device yet; it arrives with the next sync."));
      return NULL;
    }

  if (store_key (store) != NULL)
    bytes = unseal (store_key (store), sha256, (const guint8 *) contents, length, NULL);
  else
    bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  if (bytes == NULL || !check_hash (bytes, sha256, NULL))
    {
      /* Set aside (kept, for whoever looks into it), so that the next
       * sync or handover import fetches a good copy */
      g_autofree char *aside = g_strconcat (path, ".damaged", NULL);

      g_rename (path, aside);
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("An attachment is damaged: its content does not match its checksum. It was set aside; the next sync fetches it again."));
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

/* Writes the file of @sha256 in @dir: sealed under @key, or in clear
 * without one.  Written whole to a temporary file beside it (which never
 * holds plaintext when @key is given), synced and renamed into place. */
static gboolean
write_file (const char   *dir,
            LiaCryptKey  *key,
            const char   *sha256,
            GBytes       *plain,
            GError      **error)
{
  g_autofree char *path = path_in (dir, key, sha256);
  g_autoptr(GBytes) sealed = NULL;
  GBytes *out = plain;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not create the attachments folder: %s."), g_strerror (errsv));
      return FALSE;
    }

  if (key != NULL)
    out = sealed = seal (key, sha256, plain);

  return g_file_set_contents_full (path, g_bytes_get_data (out, NULL), g_bytes_get_size (out),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

/**
 * lia_attachment_store:
 *
 * Keeps @bytes as the attachment @sha256, after checking that they hash to
 * it.  Storing what is already there does nothing; a file there that does
 * not open (damaged) is replaced.
 */
gboolean
lia_attachment_store (LiaStore    *store,
                      const char  *sha256,
                      GBytes      *bytes,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  gsize size;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!is_sha256 (sha256))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("An attachment’s checksum is malformed."));
      return FALSE;
    }

  size = g_bytes_get_size (bytes);
  if (size > LIA_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("An attachment is larger than %d MB; attach a smaller or compressed copy."),
                   LIA_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (!check_hash (bytes, sha256, error))
    return FALSE;

  /* What is there already is kept if it opens; a damaged file (cut short
   * by a full disk, changed on disk) is replaced, or sync could never
   * bring a good copy back. */
  if (lia_attachment_has (store, sha256))
    {
      g_autoptr(GBytes) existing = lia_attachment_load (store, sha256, NULL);

      if (existing != NULL)
        return TRUE;
    }

  dir = store_attachments_dir (store);
  return write_file (dir, store_key (store), sha256, bytes, error);
}

/**
 * lia_attachment_add_file:
 *
 * Copies the file at @path into the data directory and lists it in
 * @report's attachments; the caller saves the report.
 */
gboolean
lia_attachment_add_file (LiaStore    *store,
                         LiaReport   *report,
                         const char  *path,
                         GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *mime = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GStatBuf st;
  gsize length;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (LIA_IS_REPORT (report), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Refused before reading a huge file into memory. */
  if (g_stat (path, &st) == 0 && st.st_size > LIA_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is larger than %d MB; attach a smaller or compressed copy."),
                   display, LIA_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  content_type = g_content_type_guess (path, (const guchar *) contents, MIN (length, 4096), NULL);
  mime = g_content_type_get_mime_type (content_type);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  if (!lia_attachment_store (store, sha256, bytes, error))
    return FALSE;

  lia_report_add_attachment (report, display, mime != NULL ? mime : "application/octet-stream",
                             length, sha256);
  return TRUE;
}

/**
 * lia_attachments_referenced:
 * @body: a record's JSON body
 *
 * Returns: (transfer full): the checksums of the attachments @body lists,
 *   whatever its type, so that sync moves their bytes generically
 */
GStrv
lia_attachments_referenced (const char *body)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root, *attachments;

  if (body != NULL && json_parser_load_from_data (parser, body, -1, NULL) &&
      (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
      (attachments = json_object_get_member (json_node_get_object (root), "attachments")) != NULL &&
      JSON_NODE_HOLDS_ARRAY (attachments))
    {
      JsonArray *array = json_node_get_array (attachments);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *sha256;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            continue;
          sha256 = json_object_get_string_member_with_default (json_node_get_object (element), "sha256", NULL);
          if (is_sha256 (sha256))
            g_strv_builder_add (builder, sha256);
        }
    }

  return g_strv_builder_end (builder);
}

/**
 * lia_attachments_seal_dir:
 * @clear_dir: a clear data folder's attachments/ (files named by SHA-256)
 * @sealed_dir: where to write them sealed, created if missing
 * @key: the data key of the encrypted folder
 *
 * Encrypts every attachment of a clear data folder for its encryption in
 * place (lia-store-encrypt.c).  A file that does not hash to its name is
 * refused: nothing damaged is carried over silently.  Other files (a
 * temporary file left by a crash) are skipped.
 */
gboolean
lia_attachments_seal_dir (const char   *clear_dir,
                          const char   *sealed_dir,
                          LiaCryptKey  *key,
                          GError      **error)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_return_val_if_fail (clear_dir != NULL && sealed_dir != NULL && key != NULL, FALSE);

  if (!(dir = g_dir_open (clear_dir, 0, NULL)))
    return TRUE;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (clear_dir, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length;

      if (!is_sha256 (name) || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;

      if (!g_file_get_contents (path, &contents, &length, error))
        return FALSE;
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

      if (!check_hash (bytes, name, error) ||
          !write_file (sealed_dir, key, name, bytes, error))
        return FALSE;
    }

  return TRUE;
}
