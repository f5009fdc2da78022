/* lia-hq-blobs.c
 *
 * Attachments arrive with PUT /api/v1/blobs/<sha256> before the records
 * that reference them, and are kept as files named by their SHA-256 in a
 * folder beside the HQ database (<db>.blobs/), written once and never
 * changed.  A device may fetch one only if a record it is allowed to pull
 * (its operation or global, at or below its clearance) references it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-hq-blobs.h"
#include "lia-report.h"

gboolean
lia_hq_blobs_is_name (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;

  for (const char *p = sha256; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;

  return TRUE;
}

static char *
blob_file (LiaHqStore *store,
           const char *sha256)
{
  g_autofree char *dir = g_strconcat (lia_hq_store_get_path (store), ".blobs", NULL);

  return g_build_filename (dir, sha256, NULL);
}

gboolean
lia_hq_blobs_has (LiaHqStore *store,
                  const char *sha256)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (lia_hq_blobs_is_name (sha256), FALSE);

  path = blob_file (store, sha256);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/**
 * lia_hq_blobs_put:
 * @created: (out): whether HQ did not have it before
 *
 * Keeps @bytes if they hash to @sha256; storing a blob twice is harmless.
 */
gboolean
lia_hq_blobs_put (LiaHqStore  *store,
                  const char  *sha256,
                  GBytes      *bytes,
                  gboolean    *created,
                  GError     **error)
{
  g_autofree char *actual = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (lia_hq_blobs_is_name (sha256), FALSE);

  *created = FALSE;
  if (g_bytes_get_size (bytes) > LIA_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("An attachment may be at most %d MB."), LIA_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (actual, sha256))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The attachment does not match its SHA-256: it was damaged on the way. Sync again."));
      return FALSE;
    }

  if (lia_hq_blobs_has (store, sha256))
    return TRUE;

  path = blob_file (store, sha256);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not create the attachments folder: %s"),
                   g_strerror (errsv));
      return FALSE;
    }

  /* Renamed into place once whole and synced: the answer to the device
   * means the blob is durable. */
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_DURABLE, 0600, error))
    return FALSE;

  *created = TRUE;
  return TRUE;
}

/* Whether a record @device may pull references @sha256. */
static gboolean
visible_to (LiaHqStore   *store,
            LiaHqDevice  *device,
            const char   *sha256,
            gboolean     *visible,
            GError      **error)
{
  g_autoptr(sqlite3) db = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  /* A connection of its own: blobs are fetched rarely, and this keeps the
   * check beside the files it guards. */
  if (!(db = lia_db_open (lia_hq_store_get_path (store), error)) ||
      !(stmt = lia_db_prepare (db,
                               "SELECT EXISTS (SELECT 1 FROM records r, json_each (r.body, '$.attachments') a"
                               "  WHERE r.tombstone = 0 AND (r.operation = ?2 OR r.operation = '*')"
                               "    AND r.sensitivity <= ?3 AND json_valid (r.body)"
                               "    AND json_extract (a.value, '$.sha256') = ?1)",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, device->operation, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, device->clearance);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return lia_db_set_error (db, _("looking up an attachment"), error);

  *visible = sqlite3_column_int (stmt, 0) != 0;
  return TRUE;
}

/**
 * lia_hq_blobs_get:
 *
 * Returns: (transfer full) (nullable): the bytes of @sha256, or %NULL
 *   with %LIA_ERROR_NOT_FOUND if HQ has none that @device may see
 */
GBytes *
lia_hq_blobs_get (LiaHqStore   *store,
                  LiaHqDevice  *device,
                  const char   *sha256,
                  GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gboolean visible = FALSE;
  gsize length;

  g_return_val_if_fail (lia_hq_blobs_is_name (sha256), NULL);

  if (!visible_to (store, device, sha256, &visible, error))
    return NULL;

  path = blob_file (store, sha256);
  if (!visible || !g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                           _("HQ has no such attachment for this device."));
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}

/**
 * lia_hq_blobs_read:
 * @store: the HQ store
 * @sha256: the attachment's checksum
 * @error: a location for a #GError
 *
 * For the HQ dashboard, which checks who may read the attachment itself
 * (the HQ user's operations and clearance against the report's).
 *
 * Returns: (transfer full): the attachment's bytes, or %NULL with
 *   %LIA_ERROR_NOT_FOUND if HQ has not received them
 */
GBytes *
lia_hq_blobs_read (LiaHqStore  *store,
                   const char  *sha256,
                   GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_return_val_if_fail (lia_hq_blobs_is_name (sha256), NULL);

  path = blob_file (store, sha256);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_NOT_FOUND, _("HQ has not received this attachment."));
      return NULL;
    }

  return g_bytes_new_take (g_steal_pointer (&contents), length);
}
