/* bench-first-frame.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "bench-first-frame.h"

/* The first frame is the first paint after the first window is mapped.  The
 * time goes to stdout as g_get_monotonic_time(), a clock shared by all
 * processes, so that bench-startup can subtract the time it spawned us. */
static void
after_paint_cb (GdkFrameClock *frame_clock,
                GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (frame_clock, after_paint_cb, app);
  g_print ("%" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
  g_application_quit (app);
}

static void
window_map_cb (GtkWidget    *window,
               GApplication *app)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), app);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), app);
}

void
bench_report_first_frame (GtkApplication *app)
{
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
}
