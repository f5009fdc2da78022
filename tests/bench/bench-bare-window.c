/* bench-bare-window.c — the least a GTK 4 application does to show a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "bench-first-frame.h"

static void
activate_cb (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  /* Liaison's default size: drawing costs grow with the area */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) app = NULL;

  setlocale (LC_ALL, "");
  app = gtk_application_new ("org.cmcoord.Liaison.BenchBareWindow", G_APPLICATION_DEFAULT_FLAGS);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);

  bench_report_first_frame (app);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
