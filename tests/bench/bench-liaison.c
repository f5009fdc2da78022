/* bench-liaison.c — Liaison's main(), reporting its first frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first frame is the unlock screen's (or the first run's).  With
 * LIAISON_BENCH_UNLOCK=1 the program then types the passphrase of
 * $LIAISON_PASSPHRASE_FILE, unlocks (or creates the data folder), and
 * prints two times instead of one: when the unlock started, and the first
 * frame of the pages after it.
 */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "lia-application.h"
#include "lia-lock-screen.h"
#include "lia-window.h"

#include "bench-first-frame.h"

static gint64 unlock_started;

static void
pages_painted_cb (GdkFrameClock *frame_clock,
                  GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (frame_clock, pages_painted_cb, app);
  g_print ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT "\n", unlock_started, g_get_monotonic_time ());
  g_application_quit (app);
}

static void
context_cb (LiaWindow    *window,
            GParamSpec   *pspec,
            GApplication *app)
{
  if (lia_window_get_context (window) == NULL)
    return;

  g_signal_handlers_disconnect_by_func (window, context_cb, app);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (pages_painted_cb), app);
  gtk_widget_queue_draw (GTK_WIDGET (window));
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type,
             gboolean   mapped)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (!mapped || gtk_widget_get_mapped (root)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, mapped);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
fill_entries (GtkWidget  *root,
              const char *text)
{
  if (GTK_IS_PASSWORD_ENTRY (root) && gtk_widget_get_mapped (root))
    gtk_editable_set_text (GTK_EDITABLE (root), text);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    fill_entries (child, text);
}

/* After the unlock screen's first frame: type and unlock at once (the
 * action, not the button, whose press is animated for 250 ms) */
static void
lock_screen_painted_cb (GdkFrameClock *frame_clock,
                        LiaWindow     *window)
{
  GtkWidget *lock_screen = find_widget (GTK_WIDGET (window), LIA_TYPE_LOCK_SCREEN, TRUE);
  g_autofree char *passphrase = NULL;
  gboolean create;

  g_signal_handlers_disconnect_by_func (frame_clock, lock_screen_painted_cb, window);

  if (lock_screen == NULL ||
      !g_file_get_contents (g_getenv ("LIAISON_PASSPHRASE_FILE"), &passphrase, NULL, NULL))
    g_error ("No unlock screen, or no $LIAISON_PASSPHRASE_FILE");
  passphrase[strcspn (passphrase, "\r\n")] = '\0';

  create = g_strcmp0 (lia_lock_screen_get_mode (LIA_LOCK_SCREEN (lock_screen)), "create") == 0;
  fill_entries (lock_screen, passphrase);
  unlock_started = g_get_monotonic_time ();
  gtk_widget_activate_action (lock_screen, create ? "lock-screen.create" : "lock-screen.unlock", NULL);
}

static void
window_map_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (lock_screen_painted_cb), window);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  if (!LIA_IS_WINDOW (window))
    return;

  g_signal_handlers_disconnect_by_func (app, window_added_cb, NULL);
  g_signal_connect (window, "map", G_CALLBACK (window_map_cb), NULL);
  g_signal_connect (window, "notify::context", G_CALLBACK (context_cb), app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaApplication) app = NULL;

  /* As app/ui/main.c does */
  setlocale (LC_ALL, "");
  app = lia_application_new ();

  if (g_strcmp0 (g_getenv ("LIAISON_BENCH_UNLOCK"), "1") == 0)
    g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  else
    bench_report_first_frame (GTK_APPLICATION (app));

  return g_application_run (G_APPLICATION (app), argc, argv);
}
