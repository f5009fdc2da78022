/* lia-guidance-pdf-private.h — the layout pieces the tests look into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "lia-guidance-pdf.h"

G_BEGIN_DECLS

PangoContext *lia_guidance_pdf_create_context (cairo_t                *cr,
                                               const char             *lang);
PangoLayout  *lia_guidance_pdf_create_layout  (PangoContext           *context,
                                               const char             *text,
                                               double                  size,
                                               PangoWeight             weight,
                                               double                  width);
PangoLayout  *lia_guidance_pdf_create_text_layout (PangoContext     *context,
                                                   const char       *text,
                                                   double            size,
                                                   PangoWeight       weight,
                                                   double            width);
gboolean      lia_guidance_pdf_export         (LiaGuidanceCard        *card,
                                               const LiaGuidanceEntry *entry,
                                               const char             *path,
                                               double                 *size,
                                               GError                **error);

G_END_DECLS
