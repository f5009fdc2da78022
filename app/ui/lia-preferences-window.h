/* lia-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_PREFERENCES_WINDOW (lia_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaPreferencesWindow, lia_preferences_window, LIA, PREFERENCES_WINDOW, AdwPreferencesWindow)

LiaPreferencesWindow *lia_preferences_window_new (LiaContext *context);

G_END_DECLS
