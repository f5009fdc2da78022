/* lia-guidance-page.h — the Guidance page: find, read, mark and share cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_GUIDANCE_PAGE (lia_guidance_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaGuidancePage, lia_guidance_page, LIA, GUIDANCE_PAGE, GtkWidget)

LiaContext        *lia_guidance_page_get_context            (LiaGuidancePage      *self);
void               lia_guidance_page_set_context            (LiaGuidancePage      *self,
                                                             LiaContext           *context);
gboolean           lia_guidance_page_open_card              (LiaGuidancePage      *self,
                                                             const char           *card_id,
                                                             const char           *lang);
void               lia_guidance_page_focus_search           (LiaGuidancePage      *self);
void               lia_guidance_page_export_pdf_async       (LiaGuidancePage      *self,
                                                             GFile                *file,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean           lia_guidance_page_export_pdf_finish      (LiaGuidancePage      *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
GtkPrintOperation *lia_guidance_page_create_print_operation (LiaGuidancePage      *self);

G_END_DECLS
