/* lia-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_APPLICATION (lia_application_get_type ())

G_DECLARE_FINAL_TYPE (LiaApplication, lia_application, LIA, APPLICATION, AdwApplication)

LiaApplication *lia_application_new          (void);
LiaContext     *lia_application_get_context  (LiaApplication  *self);
GSettings      *lia_application_get_settings (LiaApplication  *self);
const char     *lia_application_get_data_dir (LiaApplication  *self);
void            lia_application_unlock       (LiaApplication  *self,
                                              LiaStore        *store);
void            lia_application_lock         (LiaApplication  *self);
gboolean        lia_application_wipe         (LiaApplication  *self,
                                              gint64          *elapsed_us,
                                              GError         **error);

G_END_DECLS
