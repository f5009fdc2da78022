/* lia-guidance-pdf.h — a guidance card as a one-page printable briefing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lia-guidance-card.h"
#include "lia-guidance-pack.h"

G_BEGIN_DECLS

/* Draws the card as one page at the origin of cr, width×height in points:
 * user space must be in points (GtkPrintOperation: GTK_UNIT_POINTS).
 * Fails with LIA_ERROR_INVALID if the card cannot fit on one page even at
 * the smallest type size. */
gboolean lia_guidance_render_page (LiaGuidanceCard        *card,
                                   const LiaGuidanceEntry *entry,
                                   cairo_t                *cr,
                                   double                  width,
                                   double                  height,
                                   GError                **error);
/* Writes a one-page A4 PDF (595.276 × 841.89 pt).  Both functions may run
 * in a worker thread: Pango keeps one font map per thread. */
gboolean lia_guidance_export_pdf  (LiaGuidanceCard        *card,
                                   const LiaGuidanceEntry *entry,
                                   const char             *path,
                                   GError                **error);

G_END_DECLS
