/* lia-sensitivity-badge.h — “Confidential” or “Strictly confidential” on a record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

#define LIA_TYPE_SENSITIVITY_BADGE (lia_sensitivity_badge_get_type ())

G_DECLARE_FINAL_TYPE (LiaSensitivityBadge, lia_sensitivity_badge, LIA, SENSITIVITY_BADGE, GtkWidget)

GtkWidget      *lia_sensitivity_badge_new             (LiaSensitivity       sensitivity);
LiaSensitivity  lia_sensitivity_badge_get_sensitivity (LiaSensitivityBadge *self);
void            lia_sensitivity_badge_set_sensitivity (LiaSensitivityBadge *self,
                                                       LiaSensitivity       sensitivity);
const char     *lia_sensitivity_badge_get_tooltip     (LiaSensitivity       sensitivity);

G_END_DECLS
