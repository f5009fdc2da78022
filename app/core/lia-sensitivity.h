/* lia-sensitivity.h — how much harm disclosing a record could do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Ordered: a higher value needs a higher clearance. */
typedef enum
{
  LIA_SENSITIVITY_PUBLIC,
  LIA_SENSITIVITY_RESTRICTED,
  LIA_SENSITIVITY_CONFIDENTIAL,
  LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL,
} LiaSensitivity;

#define LIA_SENSITIVITY_LAST LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL

#define LIA_TYPE_SENSITIVITY (lia_sensitivity_get_type ())

GType       lia_sensitivity_get_type    (void) G_GNUC_CONST;

const char *lia_sensitivity_to_string   (LiaSensitivity  sensitivity);
gboolean    lia_sensitivity_from_string (const char     *str,
                                         LiaSensitivity *sensitivity);
const char *lia_sensitivity_get_label   (LiaSensitivity  sensitivity);
gboolean    lia_sensitivity_is_sensitive (LiaSensitivity sensitivity);

G_END_DECLS
