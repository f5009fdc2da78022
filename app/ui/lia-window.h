/* lia-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

#include "lia-application.h"

G_BEGIN_DECLS

#define LIA_TYPE_WINDOW (lia_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaWindow, lia_window, LIA, WINDOW, AdwApplicationWindow)

LiaWindow  *lia_window_new         (LiaApplication *application,
                                    LiaContext     *context);
LiaContext *lia_window_get_context (LiaWindow      *self);
void        lia_window_show_lock_notice (LiaWindow  *self,
                                         const char *notice);

G_END_DECLS
