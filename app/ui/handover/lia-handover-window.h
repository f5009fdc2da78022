/* lia-handover-window.h — export a handover package for a successor, or
 * import one from a predecessor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

typedef enum
{
  LIA_HANDOVER_MODE_EXPORT,
  LIA_HANDOVER_MODE_IMPORT,
} LiaHandoverMode;

#define LIA_TYPE_HANDOVER_WINDOW (lia_handover_window_get_type ())

G_DECLARE_FINAL_TYPE (LiaHandoverWindow, lia_handover_window, LIA, HANDOVER_WINDOW, AdwWindow)

LiaHandoverWindow *lia_handover_window_new      (LiaContext        *context,
                                                 LiaHandoverMode    mode);
void               lia_handover_window_set_file (LiaHandoverWindow *self,
                                                 GFile             *file);
gboolean           lia_handover_window_get_busy (LiaHandoverWindow *self);
void               lia_handover_window_export   (LiaHandoverWindow *self,
                                                 GFile             *file);

G_END_DECLS
