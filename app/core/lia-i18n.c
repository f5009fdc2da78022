/* lia-i18n.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gi18n-lib.h>

#include "lia-i18n.h"

/**
 * lia_i18n_init:
 *
 * Sets the locale from the environment and binds Liaison's catalogue.
 * $LIAISON_LOCALEDIR points at the build tree's po/ folder, so that
 * build-aux/run and build-aux/screenshots show the translations without
 * installing anything.
 */
void
lia_i18n_init (void)
{
  const char *localedir = g_getenv ("LIAISON_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
