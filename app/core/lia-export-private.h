/* lia-export-private.h — what every export writes the same way: CSV, positions, PDF bytes, files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define LIA_A4_WIDTH  595.276
#define LIA_A4_HEIGHT 841.89

/* RFC 4180 quoting where a value needs it; @last ends the row. */
void             lia_export_append_csv_field (GString      *out,
                                              const char   *value,
                                              gboolean      last);
/* A GeoJSON position: longitude first. */
void             lia_export_add_position     (JsonBuilder  *builder,
                                              double        lat,
                                              double        lon);
/* A PDF surface that writes into @sink, so that a failure half-way leaves
 * no file behind. */
cairo_surface_t *lia_export_pdf_surface_new  (GByteArray   *sink,
                                              double        width,
                                              double        height);
/* Replaces @path at once with @data; the error says what to do. */
gboolean         lia_export_save             (const char   *path,
                                              const void   *data,
                                              gsize         length,
                                              GError      **error);

G_END_DECLS
