/* lia-guidance-row.h — a guidance card in the Guidance page's list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_GUIDANCE_ROW (lia_guidance_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaGuidanceRow, lia_guidance_row, LIA, GUIDANCE_ROW, GtkListBoxRow)

GtkWidget  *lia_guidance_row_new            (const LiaGuidanceEntry *entry,
                                             gboolean                show_language);
const char *lia_guidance_row_get_card_id    (LiaGuidanceRow         *self);
const char *lia_guidance_row_get_language   (LiaGuidanceRow         *self);
const char *lia_guidance_row_get_category   (LiaGuidanceRow         *self);
gboolean    lia_guidance_row_get_bookmarked (LiaGuidanceRow         *self);
void        lia_guidance_row_set_bookmarked (LiaGuidanceRow         *self,
                                             gboolean                bookmarked);

G_END_DECLS
