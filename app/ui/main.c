/* main.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "lia-application.h"
#include "lia-process.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaApplication) app = NULL;

  /* Before anything holds a record: no core dump, no ptrace. */
  lia_process_harden ();

  /* Before GTK does it, so that --help is translated too */
  setlocale (LC_ALL, "");

  app = lia_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
