/* lia-handover.c
 *
 * A handover package is one file an officer gives a successor: the
 * operation's actors and relationships, notifications, incidents and their
 * logs, recent reports and the officer's guidance notes.  Laptops get
 * seized, so it is encrypted with a passphrase.
 *
 * File layout (all integers little-endian):
 *
 *   offset  size  field
 *   0       8     magic "LIAHNDV1"
 *   8       1     format version (1)
 *   9       1     algorithm (1: Argon2id13 + secretstream XChaCha20-Poly1305)
 *   10      2     reserved, 0
 *   12      4     Argon2id opslimit
 *   16      8     Argon2id memlimit, bytes
 *   24      16    salt
 *   40      24    secretstream header
 *   64      …     chunks: 4-byte ciphertext length, then the ciphertext of
 *                 at most 64 KiB of plaintext; the last chunk carries the
 *                 FINAL tag
 *
 * The 64-byte header is the additional data of every chunk, so changing
 * a parameter, the salt or the version breaks authentication.  A file that
 * ends before the FINAL chunk, or goes on after it, is refused.  The
 * plaintext is a JSON document:
 *
 *   { "format": "liaison-handover", "version": 1, "operation", "created_at",
 *     "source_device", "records": [ <record as in a sync change> ],
 *     "guidance_notes": [ { "card_id", "note", "bookmarked" } ],
 *     "attachments": [ { "sha256", "data": <base64> } ] }
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <sodium.h>

#include "lia-attachments.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-guidance-marks.h"
#include "lia-handover.h"
#include "lia-store-private.h"
#include "lia-store-sync.h"

#define MAGIC          "LIAHNDV1"
#define FORMAT_VERSION 1
#define ALGORITHM      1
#define HEADER_SIZE    64
#define CHUNK_SIZE     (64 * 1024)
#define ABYTES         crypto_secretstream_xchacha20poly1305_ABYTES

/* Sanity limits on a file's own parameters: a crafted file must not make
 * the importer spend gigabytes or hours. */
#define MAX_OPSLIMIT   20
#define MAX_MEMLIMIT   ((guint64) 1024 * 1024 * 1024)

G_STATIC_ASSERT (crypto_pwhash_SALTBYTES == 16);
G_STATIC_ASSERT (crypto_secretstream_xchacha20poly1305_HEADERBYTES == 24);

struct _LiaHandoverPackage
{
  JsonNode *root;
};

/* What a handover carries, by record type; a type this build does not
 * have yet travels all the same, so nothing is lost between versions. */
static const char * const record_types[] = {
  "actor",
  "relationship",
  "site-notification",
  "movement-notification",
  "transmission",
  "incident",
  "report",
  NULL
};

const char * const *
lia_handover_record_types (void)
{
  return record_types;
}

void
lia_handover_package_free (LiaHandoverPackage *package)
{
  if (package == NULL)
    return;

  g_clear_pointer (&package->root, json_node_unref);
  g_free (package);
}

static gboolean
ensure_sodium (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_FAILED,
                           _("The encryption library could not start."));
      return FALSE;
    }

  return TRUE;
}

/* ---- collecting ----------------------------------------------------------- */

static gboolean
collect_records (LiaStore     *store,
                 const char   *operation,
                 gboolean      include_strictly_confidential,
                 JsonBuilder  *builder,
                 GError      **error)
{
  sqlite3 *db = lia_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = lia_clock_get_now (lia_store_get_clock (store));
  g_autoptr(GDateTime) recent = g_date_time_add_days (now, -LIA_HANDOVER_RECENT_DAYS);
  g_autofree char *since = lia_clock_format_iso8601 (recent);
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT uuid, record_type, operation, sensitivity, revision, author_device,"
                               "  updated_at, tombstone, body, created_at"
                               " FROM records WHERE operation = ?1 AND tombstone = 0"
                               "   AND sensitivity <= ?2"
                               "   AND (record_type <> 'report' OR updated_at >= ?3)"
                               " ORDER BY record_type, created_at, uuid",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, include_strictly_confidential ? LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL
                                                           : LIA_SENSITIVITY_CONFIDENTIAL);
  sqlite3_bind_text (stmt, 3, since, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *record_type = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(JsonNode) body = NULL;

      if (!g_strv_contains (record_types, record_type))
        continue;

      if (!(body = json_from_string ((const char *) sqlite3_column_text (stmt, 8), NULL)))
        continue;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_set_member_name (builder, "record_type");
      json_builder_add_string_value (builder, record_type);
      json_builder_set_member_name (builder, "operation");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 2));
      json_builder_set_member_name (builder, "sensitivity");
      json_builder_add_string_value (builder, lia_sensitivity_to_string (CLAMP (sqlite3_column_int (stmt, 3), 0,
                                                                                LIA_SENSITIVITY_LAST)));
      json_builder_set_member_name (builder, "revision");
      json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, 4));
      json_builder_set_member_name (builder, "author_device");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 5));
      json_builder_set_member_name (builder, "changed_at");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 6));
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 9));
      json_builder_set_member_name (builder, "body");
      json_builder_add_value (builder, g_steal_pointer (&body));
      json_builder_end_object (builder);
    }

  if (rc != SQLITE_DONE)
    return lia_db_set_error (db, _("collecting the handover"), error);

  return TRUE;
}

static gboolean
collect_notes (LiaStore     *store,
               JsonBuilder  *builder,
               GError      **error)
{
  sqlite3 *db = lia_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT card_id, note, bookmarked FROM guidance_marks"
                               " WHERE note <> '' OR bookmarked ORDER BY card_id",
                               error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "card_id");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 0));
      json_builder_set_member_name (builder, "note");
      json_builder_add_string_value (builder, (const char *) sqlite3_column_text (stmt, 1));
      json_builder_set_member_name (builder, "bookmarked");
      json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, 2) != 0);
      json_builder_end_object (builder);
    }

  if (rc != SQLITE_DONE)
    return lia_db_set_error (db, _("collecting the handover"), error);

  return TRUE;
}

static gboolean
collect_attachments (LiaStore            *store,
                     LiaHandoverPackage  *package,
                     GError             **error)
{
  JsonObject *root = json_node_get_object (package->root);
  JsonArray *records = json_object_get_array_member (root, "records");
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonArray *attachments = json_array_new ();

  json_object_set_array_member (root, "attachments", attachments);

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      JsonObject *record = json_array_get_object_element (records, i);
      g_autofree char *body = json_to_string (json_object_get_member (record, "body"), FALSE);
      g_auto(GStrv) blobs = lia_attachments_referenced (body);

      for (guint j = 0; blobs[j] != NULL; j++)
        {
          g_autoptr(GBytes) bytes = NULL;
          g_autofree char *data = NULL;
          JsonObject *attachment;

          if (g_hash_table_contains (seen, blobs[j]) || !lia_attachment_has (store, blobs[j]))
            continue;
          if (!(bytes = lia_attachment_load (store, blobs[j], error)))
            return FALSE;

          data = g_base64_encode (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
          attachment = json_object_new ();
          json_object_set_string_member (attachment, "sha256", blobs[j]);
          json_object_set_string_member (attachment, "data", data);
          json_array_add_object_element (attachments, attachment);
          g_hash_table_add (seen, g_strdup (blobs[j]));
        }
    }

  return TRUE;
}

/**
 * lia_handover_count_left_out:
 * @n_records: (out): strictly confidential records of @operation that a
 *   package collected without include_strictly_confidential leaves out
 *
 * What the officer is asked to confirm, and what the export says it left
 * out: the same records collect_records() would take, above confidential.
 */
gboolean
lia_handover_count_left_out (LiaStore    *store,
                             const char  *operation,
                             guint       *n_records,
                             GError     **error)
{
  sqlite3 *db;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) recent = NULL;
  g_autofree char *since = NULL;
  guint n = 0;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (operation != NULL, FALSE);
  g_return_val_if_fail (n_records != NULL, FALSE);

  db = lia_store_get_db (store);
  now = lia_clock_get_now (lia_store_get_clock (store));
  recent = g_date_time_add_days (now, -LIA_HANDOVER_RECENT_DAYS);
  since = lia_clock_format_iso8601 (recent);

  if (!(stmt = lia_db_prepare (db,
                               "SELECT record_type FROM records"
                               " WHERE operation = ?1 AND tombstone = 0 AND sensitivity > ?2"
                               "   AND (record_type <> 'report' OR updated_at >= ?3)",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, LIA_SENSITIVITY_CONFIDENTIAL);
  sqlite3_bind_text (stmt, 3, since, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (g_strv_contains (record_types, (const char *) sqlite3_column_text (stmt, 0)))
      n++;

  if (rc != SQLITE_DONE)
    return lia_db_set_error (db, _("collecting the handover"), error);

  *n_records = n;
  return TRUE;
}

/**
 * lia_handover_collect:
 * @include_strictly_confidential: also strictly confidential records,
 *   which otherwise stay out
 *
 * Gathers what a successor needs of @operation: every live record of the
 * types lia_handover_record_types() lists (reports only if changed in the
 * last %LIA_HANDOVER_RECENT_DAYS days) and the guidance notes.
 *
 * Returns: (transfer full) (nullable): the package, not yet encrypted
 */
LiaHandoverPackage *
lia_handover_collect (LiaStore    *store,
                      const char  *operation,
                      gboolean     include_strictly_confidential,
                      GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *created_at = NULL;
  LiaHandoverPackage *package;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (operation != NULL, NULL);

  now = lia_clock_get_now (lia_store_get_clock (store));
  created_at = lia_clock_format_iso8601 (now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, "liaison-handover");
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FORMAT_VERSION);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, operation);
  json_builder_set_member_name (builder, "created_at");
  json_builder_add_string_value (builder, created_at);
  json_builder_set_member_name (builder, "source_device");
  json_builder_add_string_value (builder, lia_store_get_device_id (store));

  json_builder_set_member_name (builder, "records");
  json_builder_begin_array (builder);
  if (!collect_records (store, operation, include_strictly_confidential, builder, error))
    return NULL;
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "guidance_notes");
  json_builder_begin_array (builder);
  if (!collect_notes (store, builder, error))
    return NULL;
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  package = g_new0 (LiaHandoverPackage, 1);
  package->root = json_builder_get_root (builder);

  /* The attachments of the records, a draft's included: nobody else may
   * have them. */
  if (!collect_attachments (store, package, error))
    {
      lia_handover_package_free (package);
      return NULL;
    }

  return package;
}

const char *
lia_handover_package_get_operation (LiaHandoverPackage *package)
{
  g_return_val_if_fail (package != NULL, NULL);

  return json_object_get_string_member_with_default (json_node_get_object (package->root), "operation", NULL);
}

/* Returns: (transfer none): the records, each an object as in a change */
JsonArray *
lia_handover_package_get_records (LiaHandoverPackage *package)
{
  g_return_val_if_fail (package != NULL, NULL);

  return json_object_get_array_member (json_node_get_object (package->root), "records");
}

guint
lia_handover_package_get_n_notes (LiaHandoverPackage *package)
{
  g_return_val_if_fail (package != NULL, 0);

  return json_array_get_length (json_object_get_array_member (json_node_get_object (package->root),
                                                              "guidance_notes"));
}

static void
count_free (gpointer data)
{
  LiaHandoverCount *count = data;

  g_free (count->record_type);
  g_free (count);
}

/**
 * lia_handover_package_get_counts:
 *
 * Returns: (transfer full) (element-type LiaHandoverCount): how many
 *   records of each type, in the order of lia_handover_record_types()
 */
GPtrArray *
lia_handover_package_get_counts (LiaHandoverPackage *package)
{
  GPtrArray *counts = g_ptr_array_new_with_free_func (count_free);
  JsonArray *records;

  g_return_val_if_fail (package != NULL, counts);

  records = lia_handover_package_get_records (package);
  for (guint t = 0; record_types[t] != NULL; t++)
    {
      guint n = 0;

      for (guint i = 0; i < json_array_get_length (records); i++)
        {
          JsonObject *record = json_array_get_object_element (records, i);

          n += g_strcmp0 (json_object_get_string_member_with_default (record, "record_type", ""),
                          record_types[t]) == 0;
        }

      if (n > 0)
        {
          LiaHandoverCount *count = g_new0 (LiaHandoverCount, 1);

          count->record_type = g_strdup (record_types[t]);
          count->count = n;
          g_ptr_array_add (counts, count);
        }
    }

  return counts;
}

/* ---- encryption ----------------------------------------------------------- */

static void
write_header (guint8       header[HEADER_SIZE],
              guint32      opslimit,
              guint64      memlimit,
              const guint8 salt[crypto_pwhash_SALTBYTES])
{
  memset (header, 0, HEADER_SIZE);
  memcpy (header, MAGIC, 8);
  header[8] = FORMAT_VERSION;
  header[9] = ALGORITHM;
  for (guint i = 0; i < 4; i++)
    header[12 + i] = (opslimit >> (8 * i)) & 0xff;
  for (guint i = 0; i < 8; i++)
    header[16 + i] = (memlimit >> (8 * i)) & 0xff;
  memcpy (header + 24, salt, crypto_pwhash_SALTBYTES);
}

static guint64
read_le (const guint8 *data,
         guint         n)
{
  guint64 value = 0;

  for (guint i = 0; i < n; i++)
    value |= (guint64) data[i] << (8 * i);

  return value;
}

static gboolean
derive_key (guint8        key[crypto_secretstream_xchacha20poly1305_KEYBYTES],
            const char   *passphrase,
            const guint8 *salt,
            guint64       opslimit,
            gsize         memlimit,
            GError      **error)
{
  if (crypto_pwhash (key, crypto_secretstream_xchacha20poly1305_KEYBYTES,
                     passphrase, strlen (passphrase), salt,
                     opslimit, memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_FAILED,
                           _("There is not enough memory to derive the key from the passphrase. Close other programs and try again."));
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_handover_package_encrypt:
 * @opslimit: Argon2id passes; %LIA_HANDOVER_OPSLIMIT unless testing
 * @memlimit: Argon2id memory in bytes; %LIA_HANDOVER_MEMLIMIT unless testing
 *
 * Returns: (transfer full) (nullable): the package file
 */
GBytes *
lia_handover_package_encrypt (LiaHandoverPackage  *package,
                              const char          *passphrase,
                              guint64              opslimit,
                              gsize                memlimit,
                              GError             **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 header[HEADER_SIZE];
  g_autofree char *plaintext = NULL;
  g_autoptr(GByteArray) out = NULL;
  gsize length;

  g_return_val_if_fail (package != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  if (*passphrase == '\0')
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("The passphrase is empty."));
      return NULL;
    }

  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > MAX_OPSLIMIT ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > MAX_MEMLIMIT)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("The key derivation parameters are out of range."));
      return NULL;
    }

  randombytes_buf (salt, sizeof salt);
  write_header (header, opslimit, memlimit, salt);

  if (!derive_key (key, passphrase, salt, opslimit, memlimit, error))
    return NULL;

  out = g_byte_array_new ();
  g_byte_array_append (out, header, HEADER_SIZE);
  g_byte_array_set_size (out, HEADER_SIZE + crypto_secretstream_xchacha20poly1305_HEADERBYTES);
  crypto_secretstream_xchacha20poly1305_init_push (&state, out->data + HEADER_SIZE, key);
  sodium_memzero (key, sizeof key);

  plaintext = json_to_string (package->root, FALSE);
  length = strlen (plaintext);

  for (gsize offset = 0; ; offset += CHUNK_SIZE)
    {
      gsize n = MIN (CHUNK_SIZE, length - offset);
      gboolean last = offset + n >= length;
      gsize start = out->len;
      guint32 clen = n + ABYTES;
      guint8 len_le[4] = { clen & 0xff, (clen >> 8) & 0xff, (clen >> 16) & 0xff, (clen >> 24) & 0xff };

      g_byte_array_append (out, len_le, 4);
      g_byte_array_set_size (out, start + 4 + clen);
      crypto_secretstream_xchacha20poly1305_push (&state, out->data + start + 4, NULL,
                                                  (const guint8 *) plaintext + offset, n,
                                                  header, HEADER_SIZE,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      if (last)
        break;
    }

  sodium_memzero (&state, sizeof state);
  sodium_memzero (plaintext, length);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

static gboolean
damaged (GError **error)
{
  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("The handover package is damaged or incomplete. Ask for a new copy."));
  return FALSE;
}

/* Checks the decrypted document's shape; every record is checked again
 * when it is applied. */
static gboolean
check_document (JsonNode  *root,
                GError   **error)
{
  JsonObject *object;
  JsonNode *records, *notes, *attachments;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return damaged (error);

  object = json_node_get_object (root);
  records = json_object_get_member (object, "records");
  notes = json_object_get_member (object, "guidance_notes");
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", NULL), "liaison-handover") != 0 ||
      json_object_get_int_member_with_default (object, "version", 0) != FORMAT_VERSION ||
      json_object_get_string_member_with_default (object, "operation", NULL) == NULL ||
      records == NULL || !JSON_NODE_HOLDS_ARRAY (records) ||
      notes == NULL || !JSON_NODE_HOLDS_ARRAY (notes))
    return damaged (error);

  for (guint i = 0; i < json_array_get_length (json_node_get_array (records)); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (records), i)))
      return damaged (error);
  for (guint i = 0; i < json_array_get_length (json_node_get_array (notes)); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (notes), i)))
      return damaged (error);

  attachments = json_object_get_member (object, "attachments");
  if (attachments != NULL && !JSON_NODE_HOLDS_ARRAY (attachments))
    return damaged (error);
  for (guint i = 0; attachments != NULL && i < json_array_get_length (json_node_get_array (attachments)); i++)
    if (!JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (attachments), i)))
      return damaged (error);

  return TRUE;
}

/**
 * lia_handover_package_decrypt:
 *
 * Opens a package file with @passphrase.  A wrong passphrase, a truncated
 * file or a single changed byte fail here, before anything is written.
 *
 * Returns: (transfer full) (nullable): the package
 */
LiaHandoverPackage *
lia_handover_package_decrypt (GBytes      *file,
                              const char  *passphrase,
                              GError     **error)
{
  crypto_secretstream_xchacha20poly1305_state state;
  guint8 key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
  g_autoptr(GByteArray) plaintext = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonNode) root = NULL;
  LiaHandoverPackage *package;
  const guint8 *data;
  gsize size, offset;
  guint64 opslimit, memlimit;
  gboolean final = FALSE;

  g_return_val_if_fail (file != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (!ensure_sodium (error))
    return NULL;

  data = g_bytes_get_data (file, &size);
  if (size < 8 || memcmp (data, MAGIC, 8) != 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This file is not a Liaison handover package."));
      return NULL;
    }
  if (size < HEADER_SIZE + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
    {
      damaged (error);
      return NULL;
    }
  if (data[8] != FORMAT_VERSION || data[9] != ALGORITHM)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This handover package was made by a newer Liaison. Update Liaison to open it."));
      return NULL;
    }

  opslimit = read_le (data + 12, 4);
  memlimit = read_le (data + 16, 8);
  if (opslimit < crypto_pwhash_OPSLIMIT_MIN || opslimit > MAX_OPSLIMIT ||
      memlimit < crypto_pwhash_MEMLIMIT_MIN || memlimit > MAX_MEMLIMIT)
    {
      damaged (error);
      return NULL;
    }

  if (!derive_key (key, passphrase, data + 24, opslimit, memlimit, error))
    return NULL;

  if (crypto_secretstream_xchacha20poly1305_init_pull (&state, data + HEADER_SIZE, key) != 0)
    {
      sodium_memzero (key, sizeof key);
      damaged (error);
      return NULL;
    }
  sodium_memzero (key, sizeof key);

  plaintext = g_byte_array_new ();
  offset = HEADER_SIZE + crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  while (offset < size && !final)
    {
      guint64 clen;
      unsigned long long mlen;
      guint8 tag;
      gsize start = plaintext->len;

      if (size - offset < 4 || (clen = read_le (data + offset, 4)) < ABYTES ||
          clen > CHUNK_SIZE + ABYTES || size - offset - 4 < clen)
        break;

      g_byte_array_set_size (plaintext, start + clen - ABYTES);
      if (crypto_secretstream_xchacha20poly1305_pull (&state, plaintext->data + start, &mlen, &tag,
                                                      data + offset + 4, clen, data, HEADER_SIZE) != 0)
        {
          sodium_memzero (plaintext->data, plaintext->len);
          sodium_memzero (&state, sizeof state);
          /* The first chunk is where a wrong passphrase shows. */
          if (start == 0)
            g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                                 _("The passphrase is wrong, or the handover package was changed. Nothing was imported."));
          else
            damaged (error);
          return NULL;
        }

      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      offset += 4 + clen;
    }
  sodium_memzero (&state, sizeof state);

  /* Cut short, or something appended after the end. */
  if (!final || offset != size)
    {
      sodium_memzero (plaintext->data, plaintext->len);
      damaged (error);
      return NULL;
    }

  parser = json_parser_new ();
  if (json_parser_load_from_data (parser, (const char *) plaintext->data, plaintext->len, NULL))
    root = json_node_copy (json_parser_get_root (parser));
  g_clear_object (&parser);
  sodium_memzero (plaintext->data, plaintext->len);
  if (!check_document (root, error))
    return NULL;

  package = g_new0 (LiaHandoverPackage, 1);
  package->root = g_steal_pointer (&root);
  return package;
}

/* ---- importing ------------------------------------------------------------ */

static LiaSyncChange *
change_from_json (JsonObject *record)
{
  g_autoptr(LiaSyncChange) change = g_new0 (LiaSyncChange, 1);
  JsonNode *body = json_object_get_member (record, "body");
  LiaSensitivity sensitivity;

  change->uuid = g_strdup (json_object_get_string_member_with_default (record, "uuid", NULL));
  change->record_type = g_strdup (json_object_get_string_member_with_default (record, "record_type", NULL));
  change->operation = g_strdup (json_object_get_string_member_with_default (record, "operation", NULL));
  change->author_device = g_strdup (json_object_get_string_member_with_default (record, "author_device", NULL));
  change->changed_at = g_strdup (json_object_get_string_member_with_default (record, "changed_at", NULL));
  change->revision = json_object_get_int_member_with_default (record, "revision", 0);

  if (change->uuid == NULL || !g_uuid_string_is_valid (change->uuid) ||
      change->record_type == NULL || change->operation == NULL ||
      change->author_device == NULL || change->changed_at == NULL || change->revision < 1 ||
      !lia_sensitivity_from_string (json_object_get_string_member_with_default (record, "sensitivity", ""),
                                    &sensitivity) ||
      body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    return NULL;

  change->sensitivity = sensitivity;
  change->body = json_to_string (body, FALSE);
  return g_steal_pointer (&change);
}

static gboolean
import_notes (LiaHandoverPackage      *package,
              LiaStore                *store,
              LiaHandoverImportStats  *stats,
              GError                 **error)
{
  JsonArray *notes = json_object_get_array_member (json_node_get_object (package->root), "guidance_notes");

  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      JsonObject *mark = json_array_get_object_element (notes, i);
      const char *card_id = json_object_get_string_member_with_default (mark, "card_id", NULL);
      const char *note = json_object_get_string_member_with_default (mark, "note", "");
      gboolean bookmarked = json_object_get_boolean_member_with_default (mark, "bookmarked", FALSE);
      g_autofree char *mine = NULL;
      gboolean taken = FALSE;

      if (card_id == NULL)
        continue;

      /* The successor's own notes and bookmarks are never overwritten. */
      mine = lia_guidance_marks_get_note (store, card_id);
      if (*note != '\0' && (mine == NULL || *mine == '\0'))
        {
          if (!lia_guidance_marks_set_note (store, card_id, note, error))
            return FALSE;
          taken = TRUE;
        }
      if (bookmarked && !lia_guidance_marks_get_bookmarked (store, card_id))
        {
          if (!lia_guidance_marks_set_bookmarked (store, card_id, TRUE, error))
            return FALSE;
          taken = TRUE;
        }

      stats->notes += taken;
    }

  return TRUE;
}

/* Files named by their checksum: one already here is left as it is, and
 * bytes that do not match their name are refused. */
static gboolean
import_attachments (LiaHandoverPackage      *package,
                    LiaStore                *store,
                    LiaHandoverImportStats  *stats,
                    GError                 **error)
{
  JsonArray *attachments = json_object_get_array_member (json_node_get_object (package->root), "attachments");

  for (guint i = 0; attachments != NULL && i < json_array_get_length (attachments); i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);
      const char *sha256 = json_object_get_string_member_with_default (attachment, "sha256", NULL);
      const char *data = json_object_get_string_member_with_default (attachment, "data", NULL);
      g_autoptr(GBytes) bytes = NULL;
      guchar *decoded;
      gsize length;

      if (sha256 == NULL || data == NULL)
        return damaged (error);
      if (lia_attachment_has (store, sha256))
        continue;

      decoded = g_base64_decode (data, &length);
      bytes = g_bytes_new_take (decoded, length);
      if (!lia_attachment_store (store, sha256, bytes, error))
        return FALSE;
      stats->attachments++;
    }

  return TRUE;
}

/**
 * lia_handover_package_import:
 * @stats: (out caller-allocates) (optional): what was done
 *
 * Writes the package's records into @store as revisions from elsewhere,
 * the way sync applies what it pulls: a record already here at that
 * revision is skipped, so importing twice changes nothing, and a
 * concurrent edit made here is kept beside it.  All or nothing.
 */
gboolean
lia_handover_package_import (LiaHandoverPackage      *package,
                             LiaStore                *store,
                             LiaHandoverImportStats  *stats,
                             GError                 **error)
{
  LiaHandoverImportStats local_stats = { 0, };
  JsonArray *records;

  g_return_val_if_fail (package != NULL, FALSE);
  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);

  if (stats == NULL)
    stats = &local_stats;
  memset (stats, 0, sizeof *stats);

  records = lia_handover_package_get_records (package);
  if (!lia_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (records); i++)
    {
      g_autoptr(LiaSyncChange) change = change_from_json (json_array_get_object_element (records, i));
      LiaApplyResult result;

      if (change == NULL)
        {
          lia_store_rollback (store);
          return damaged (error);
        }

      if (!lia_store_apply_remote (store, change, &result, error))
        {
          lia_store_rollback (store);
          return FALSE;
        }

      stats->imported += result == LIA_APPLY_APPLIED;
      stats->conflicts += result == LIA_APPLY_CONFLICT;
      stats->skipped += result == LIA_APPLY_SKIPPED;
    }

  if (!import_notes (package, store, stats, error))
    {
      lia_store_rollback (store);
      return FALSE;
    }

  if (!lia_store_commit (store, error))
    return FALSE;

  return import_attachments (package, store, stats, error);
}
