/* lia-sync-blobs.c
 *
 * Records carry attachments by reference ({"name", "mime", "size",
 * "sha256"} in their body's "attachments"); the bytes travel on their own
 * endpoint (docs/sync-protocol.md, “Blobs”), whatever the record type:
 *
 * - before a batch is pushed, every attachment its records reference and
 *   HQ does not have (HEAD /api/v1/blobs/<sha256>) is sent with PUT, so
 *   HQ never holds a record whose attachment it lacks; HQ checks the hash
 *   and keeps a blob once;
 * - after a pull, every attachment a record here references and this
 *   device lacks is fetched with GET and kept only if it hashes right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-attachments.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-store-private.h"
#include "lia-store-sync.h"
#include "lia-sync-blobs.h"

static char *
blob_path (const char *sha256)
{
  return g_strconcat ("/api/v1/blobs/", sha256, NULL);
}

/**
 * lia_sync_blobs_upload:
 * @changes: (element-type LiaSyncChange): the batch about to be pushed
 *
 * Sends HQ the attachments @changes reference.  One this device does not
 * have (a record that came with a handover, say) is left to whoever has it.
 */
gboolean
lia_sync_blobs_upload (LiaStore          *store,
                       LiaSyncTransport  *transport,
                       GPtrArray         *changes,
                       GCancellable      *cancellable,
                       GError           **error)
{
  g_autoptr(GHashTable) sent = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < changes->len; i++)
    {
      const LiaSyncChange *change = g_ptr_array_index (changes, i);
      g_auto(GStrv) blobs = NULL;

      if (change->tombstone)
        continue;

      blobs = lia_attachments_referenced (change->body);
      for (guint j = 0; blobs[j] != NULL; j++)
        {
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GBytes) answer = NULL;
          g_autofree char *path = NULL;

          g_autoptr(GError) local_error = NULL;

          if (g_hash_table_contains (sent, blobs[j]) || !lia_attachment_has (store, blobs[j]))
            continue;

          /* A batch resent after a cut link finds its attachments there:
           * one short round trip instead of megabytes again. */
          path = blob_path (blobs[j]);
          if ((answer = lia_sync_transport_request (transport, "HEAD", path, NULL, FALSE, NULL,
                                                    cancellable, &local_error)))
            {
              g_hash_table_add (sent, g_strdup (blobs[j]));
              continue;
            }
          if (!g_error_matches (local_error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }

          if (!(bytes = lia_attachment_load (store, blobs[j], error)))
            return FALSE;

          if (!(answer = lia_sync_transport_request (transport, "PUT", path, bytes, FALSE, NULL,
                                                     cancellable, error)))
            return FALSE;

          g_hash_table_add (sent, g_strdup (blobs[j]));
        }
    }

  return TRUE;
}

/* The attachments records here reference and this device lacks. */
static GPtrArray *
list_missing (LiaStore  *store,
              GError   **error)
{
  sqlite3 *db = lia_store_get_db (store);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  if (!(stmt = lia_db_prepare (db,
                               "SELECT body FROM records WHERE tombstone = 0"
                               " AND instr (body, '\"attachments\"') > 0",
                               error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_auto(GStrv) blobs = lia_attachments_referenced ((const char *) sqlite3_column_text (stmt, 0));

      for (guint i = 0; blobs[i] != NULL; i++)
        {
          if (g_hash_table_contains (seen, blobs[i]) || lia_attachment_has (store, blobs[i]))
            continue;

          g_ptr_array_add (missing, g_strdup (blobs[i]));
          g_hash_table_add (seen, g_ptr_array_index (missing, missing->len - 1));
        }
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (db, _("looking for attachments to fetch"), error);
      return NULL;
    }

  return g_steal_pointer (&missing);
}

/**
 * lia_sync_blobs_download:
 *
 * Fetches the attachments of pulled records.  One HQ does not have yet
 * (its author has not synced it) is fetched at a later sync.
 */
gboolean
lia_sync_blobs_download (LiaStore          *store,
                         LiaSyncTransport  *transport,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autoptr(GPtrArray) missing = NULL;

  if (!(missing = list_missing (store, error)))
    return FALSE;

  for (guint i = 0; i < missing->len; i++)
    {
      const char *sha256 = g_ptr_array_index (missing, i);
      g_autofree char *path = blob_path (sha256);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!(bytes = lia_sync_transport_request (transport, "GET", path, NULL, FALSE, NULL,
                                                cancellable, &local_error)))
        {
          if (g_error_matches (local_error, LIA_SYNC_ERROR, LIA_SYNC_ERROR_NOT_FOUND))
            continue;

          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* Checked against its name: damaged bytes are never kept. */
      if (!lia_attachment_store (store, sha256, bytes, error))
        return FALSE;
    }

  return TRUE;
}
