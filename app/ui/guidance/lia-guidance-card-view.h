/* lia-guidance-card-view.h — one guidance card in one language, to read
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_GUIDANCE_CARD_VIEW (lia_guidance_card_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaGuidanceCardView, lia_guidance_card_view, LIA, GUIDANCE_CARD_VIEW, GtkWidget)

LiaGuidancePack        *lia_guidance_card_view_get_pack     (LiaGuidanceCardView  *self);
void                    lia_guidance_card_view_set_pack     (LiaGuidanceCardView  *self,
                                                             LiaGuidancePack      *pack);
gboolean                lia_guidance_card_view_load         (LiaGuidanceCardView  *self,
                                                             const char           *card_id,
                                                             const char           *lang,
                                                             GError              **error);
LiaGuidanceCard        *lia_guidance_card_view_get_card     (LiaGuidanceCardView  *self);
const LiaGuidanceEntry *lia_guidance_card_view_get_entry    (LiaGuidanceCardView  *self);

G_END_DECLS
