/* lia-lock-screen.h — the main window while the data is locked: unlock,
 * first run, a data folder made in clear to encrypt, or one whose key file
 * is gone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_LOCK_SCREEN (lia_lock_screen_get_type ())

G_DECLARE_FINAL_TYPE (LiaLockScreen, lia_lock_screen, LIA, LOCK_SCREEN, AdwBin)

GtkWidget  *lia_lock_screen_new        (void);
void        lia_lock_screen_refresh    (LiaLockScreen *self,
                                        const char    *data_dir);
void        lia_lock_screen_set_notice (LiaLockScreen *self,
                                        const char    *notice);
const char *lia_lock_screen_get_mode   (LiaLockScreen *self);
gboolean    lia_lock_screen_get_busy   (LiaLockScreen *self);

G_END_DECLS
