/* lia-guidance-marks.h — an officer's bookmarks and notes on guidance cards
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"

G_BEGIN_DECLS

gboolean   lia_guidance_marks_get_bookmarked   (LiaStore    *store,
                                                const char  *card_id);
gboolean   lia_guidance_marks_set_bookmarked   (LiaStore    *store,
                                                const char  *card_id,
                                                gboolean     bookmarked,
                                                GError     **error);
char      *lia_guidance_marks_get_note         (LiaStore    *store,
                                                const char  *card_id);
gboolean   lia_guidance_marks_set_note         (LiaStore    *store,
                                                const char  *card_id,
                                                const char  *note,
                                                GError     **error);
char     **lia_guidance_marks_list_bookmarked  (LiaStore    *store,
                                                GError     **error);

G_END_DECLS
