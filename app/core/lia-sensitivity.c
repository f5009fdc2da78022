/* lia-sensitivity.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "lia-sensitivity.h"

/* Stable names: they travel in the database, in sync and in exports. */
static const struct {
  const char *name;
  const char *label;
} sensitivities[] = {
  [LIA_SENSITIVITY_PUBLIC]                = { "public",                N_("Public") },
  [LIA_SENSITIVITY_RESTRICTED]            = { "restricted",            N_("Restricted") },
  [LIA_SENSITIVITY_CONFIDENTIAL]          = { "confidential",          N_("Confidential") },
  [LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL] = { "strictly-confidential", N_("Strictly confidential") },
};

G_DEFINE_ENUM_TYPE (LiaSensitivity, lia_sensitivity,
  G_DEFINE_ENUM_VALUE (LIA_SENSITIVITY_PUBLIC, "public"),
  G_DEFINE_ENUM_VALUE (LIA_SENSITIVITY_RESTRICTED, "restricted"),
  G_DEFINE_ENUM_VALUE (LIA_SENSITIVITY_CONFIDENTIAL, "confidential"),
  G_DEFINE_ENUM_VALUE (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL, "strictly-confidential"))

const char *
lia_sensitivity_to_string (LiaSensitivity sensitivity)
{
  g_return_val_if_fail (sensitivity <= LIA_SENSITIVITY_LAST, NULL);

  return sensitivities[sensitivity].name;
}

gboolean
lia_sensitivity_from_string (const char     *str,
                             LiaSensitivity *sensitivity)
{
  g_return_val_if_fail (sensitivity != NULL, FALSE);

  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (sensitivities); i++)
    {
      if (g_str_equal (str, sensitivities[i].name))
        {
          *sensitivity = (LiaSensitivity) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
lia_sensitivity_get_label (LiaSensitivity sensitivity)
{
  g_return_val_if_fail (sensitivity <= LIA_SENSITIVITY_LAST, NULL);

  return g_dgettext (GETTEXT_PACKAGE, sensitivities[sensitivity].label);
}

/* Confidential and above carry a badge and are left out of exports unless
 * the officer confirms. */
gboolean
lia_sensitivity_is_sensitive (LiaSensitivity sensitivity)
{
  return sensitivity >= LIA_SENSITIVITY_CONFIDENTIAL;
}
