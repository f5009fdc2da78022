/* lia-sensitivity-row.h — the row where the officer sets how sensitive a record is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

#define LIA_TYPE_SENSITIVITY_ROW (lia_sensitivity_row_get_type ())

G_DECLARE_FINAL_TYPE (LiaSensitivityRow, lia_sensitivity_row, LIA, SENSITIVITY_ROW, AdwComboRow)

GtkWidget      *lia_sensitivity_row_new             (void);
LiaSensitivity  lia_sensitivity_row_get_sensitivity (LiaSensitivityRow *self);
void            lia_sensitivity_row_set_sensitivity (LiaSensitivityRow *self,
                                                     LiaSensitivity     sensitivity);
const char     *lia_sensitivity_get_description     (LiaSensitivity     sensitivity);

G_END_DECLS
