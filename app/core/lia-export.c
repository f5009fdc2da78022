/* lia-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <cairo-pdf.h>

#include "lia-error.h"
#include "lia-export-private.h"

void
lia_export_append_csv_field (GString    *out,
                             const char *value,
                             gboolean    last)
{
  if (value == NULL)
    value = "";

  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      g_string_append (out, value);
    }

  g_string_append (out, last ? "\r\n" : ",");
}

void
lia_export_add_position (JsonBuilder *builder,
                         double       lat,
                         double       lon)
{
  json_builder_begin_array (builder);
  json_builder_add_double_value (builder, lon);
  json_builder_add_double_value (builder, lat);
  json_builder_end_array (builder);
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

cairo_surface_t *
lia_export_pdf_surface_new (GByteArray *sink,
                            double      width,
                            double      height)
{
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, sink, width, height);

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Liaison");
  return surface;
}

gboolean
lia_export_save (const char  *path,
                 const void  *data,
                 gsize        length,
                 GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_replace_contents (file, data, length, NULL, FALSE,
                                G_FILE_CREATE_NONE, NULL, NULL, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("Could not save %s: %s. Choose a folder that exists and that you can write to."),
                   path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
