/* lia-attachments.c
 *
 * An attachment's bytes live in the data directory as
 * attachments/<sha256>, written once and never changed: the name is the
 * content, so two reports attaching the same photo share one file and a
 * file that does not hash to its name is damaged.  The report's body
 * references it by name, MIME type, size and SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lia-attachments.h"
#include "lia-error.h"

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

/* Returns: (transfer full): where the bytes of @sha256 are kept */
char *
lia_attachment_get_path (LiaStore   *store,
                         const char *sha256)
{
  g_autofree char *data_dir = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (is_sha256 (sha256), NULL);

  data_dir = g_path_get_dirname (lia_store_get_path (store));
  return g_build_filename (data_dir, "attachments", sha256, NULL);
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

  if (!g_str_equal (actual, sha256))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("An attachment is damaged: its content does not match its checksum."));
      return FALSE;
    }

  return TRUE;
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

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  if (!check_hash (bytes, sha256, error))
    return NULL;

  return g_steal_pointer (&bytes);
}

/**
 * lia_attachment_store:
 *
 * Keeps @bytes as the attachment @sha256, after checking that they hash to
 * it.  Storing what is already there does nothing.
 */
gboolean
lia_attachment_store (LiaStore    *store,
                      const char  *sha256,
                      GBytes      *bytes,
                      GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  gsize size;
  const guint8 *data;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (!is_sha256 (sha256))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, _("An attachment’s checksum is malformed."));
      return FALSE;
    }

  data = g_bytes_get_data (bytes, &size);
  if (size > LIA_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("An attachment is larger than %d MB; attach a smaller or compressed copy."),
                   LIA_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      return FALSE;
    }

  if (!check_hash (bytes, sha256, error))
    return FALSE;

  if (lia_attachment_has (store, sha256))
    return TRUE;

  path = lia_attachment_get_path (store, sha256);
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int errsv = errno;

      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not create the attachments folder: %s."), g_strerror (errsv));
      return FALSE;
    }

  /* Written whole and renamed into place: a crash leaves no half file
   * under a name that claims a checksum. */
  return g_file_set_contents_full (path, (const char *) data, size,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
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
