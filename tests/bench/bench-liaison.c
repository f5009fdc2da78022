/* bench-liaison.c — Liaison's main(), reporting its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "lia-application.h"

#include "bench-first-frame.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaApplication) app = NULL;

  /* As app/ui/main.c does */
  setlocale (LC_ALL, "");
  app = lia_application_new ();

  bench_report_first_frame (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
