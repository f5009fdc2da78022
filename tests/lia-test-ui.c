/* lia-test-ui.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-lock-screen.h"
#include "lia-test-store.h"
#include "lia-test-ui.h"

/* One application per process, as in the real program */
static LiaApplication *app;

gboolean
lia_test_ui_wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
lia_test_ui_spin_pending (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

LiaApplication *
lia_test_ui_get_app (void)
{
  g_autoptr(GError) error = NULL;

  if (app != NULL)
    return app;

  app = lia_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);

  /* Emits startup, which initialises GTK */
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  /* No half-finished transitions in assertions or screenshots */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  return app;
}

/* Ends the application, and with it the store, before the test removes
 * its data folder */
void
lia_test_ui_release_app (void)
{
  g_clear_object (&app);
}

static gboolean
is_mapped_password_entry (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_PASSWORD_ENTRY (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) != 0;
}

static gboolean
is_mapped_button_for_action (GtkWidget     *widget,
                             gconstpointer  data)
{
  return lia_test_ui_is_button_for_action (widget, data) && gtk_widget_get_mapped (widget);
}

/* A message of the unlock screen or a form that says what is wrong */
gboolean
lia_test_ui_is_visible_error (GtkWidget     *widget,
                              gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_get_mapped (widget);
}

/* The unlock screen of @window, mapped; fails if the window is unlocked */
LiaLockScreen *
lia_test_ui_get_lock_screen (LiaWindow *window)
{
  GtkWidget *lock_screen = lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_LOCK_SCREEN);

  g_assert_nonnull (lock_screen);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (lock_screen));

  return LIA_LOCK_SCREEN (lock_screen);
}

/**
 * lia_test_ui_submit_passphrase:
 *
 * Types @passphrase in every passphrase entry the unlock screen of
 * @window shows (one to unlock, two on the first run) and presses the
 * shown button, as a person would.  Does not wait for the result.
 */
void
lia_test_ui_submit_passphrase (LiaWindow  *window,
                               const char *passphrase)
{
  LiaLockScreen *lock_screen = lia_test_ui_get_lock_screen (window);
  gboolean create = g_str_equal (lia_lock_screen_get_mode (lock_screen), "create");
  GtkWidget *entry;
  GtkWidget *button;

  while ((entry = lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_password_entry, passphrase)) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);

  button = lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_button_for_action,
                             create ? "lock-screen.create" : "lock-screen.unlock");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

/* Unlocks @window with the test passphrase, creating the data folder on
 * the first run, through the unlock screen's widgets */
void
lia_test_ui_unlock (LiaWindow *window)
{
  g_autofree char *passphrase = lia_test_dup_passphrase ();
  LiaLockScreen *lock_screen = lia_test_ui_get_lock_screen (window);

  lia_test_ui_submit_passphrase (window, passphrase);
  /* A button press is animated before it clicks */
  LIA_TEST_SPIN_UNTIL (lia_window_get_context (window) != NULL ||
                       lia_test_ui_find (GTK_WIDGET (lock_screen), lia_test_ui_is_visible_error, NULL) != NULL);
  if (lia_window_get_context (window) == NULL)
    {
      GtkWidget *error = lia_test_ui_find (GTK_WIDGET (lock_screen), lia_test_ui_is_visible_error, NULL);

      g_error ("The test passphrase did not unlock the data folder: %s",
               error != NULL ? gtk_label_get_label (GTK_LABEL (error)) : "no message");
    }
  LIA_TEST_SPIN_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (lock_screen)));
}

/* The way a person starts Liaison: activating the application, and
 * unlocking it with the test passphrase if it is locked */
LiaWindow *
lia_test_ui_open_window (void)
{
  GtkWindow *window;

  g_application_activate (G_APPLICATION (lia_test_ui_get_app ()));

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_assert_true (LIA_IS_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  if (lia_window_get_context (LIA_WINDOW (window)) == NULL)
    lia_test_ui_unlock (LIA_WINDOW (window));

  return LIA_WINDOW (window);
}

void
lia_test_ui_close_window (LiaWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_application_get_windows (GTK_APPLICATION (app)) == NULL);
}

/* The window's size as the window manager sees it, which is what the
 * default size and the saved state are about; the window widget is
 * smaller by the width of client-side decorations. */
gboolean
lia_test_ui_has_size (LiaWindow *window,
                      int        width,
                      int        height)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  return gdk_surface_get_width (surface) == width &&
         gdk_surface_get_height (surface) == height;
}

void
lia_test_ui_resize (LiaWindow *window,
                    int        width,
                    int        height)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  LIA_TEST_SPIN_UNTIL (lia_test_ui_has_size (window, width, height));
}

GtkWidget *
lia_test_ui_find (GtkWidget              *root,
                  LiaTestWidgetPredicate  predicate,
                  gconstpointer           data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = lia_test_ui_find (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

gboolean
lia_test_ui_is_of_type (GtkWidget     *widget,
                        gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

gboolean
lia_test_ui_is_button_for_action (GtkWidget     *widget,
                                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

GtkWidget *
lia_test_ui_find_type (GtkWidget *root,
                       GType      type)
{
  return lia_test_ui_find (root, lia_test_ui_is_of_type, GSIZE_TO_POINTER (type));
}

/* Returns: (transfer full) (nullable): the shortcut that @trigger, such as
 * "<Control>f", fires on @widget */
GtkShortcut *
lia_test_ui_find_shortcut (GtkWidget  *widget,
                           const char *trigger)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;

      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (g_str_equal (text, trigger))
            return g_steal_pointer (&shortcut);
        }
    }

  return NULL;
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong handler;

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  LIA_TEST_SPIN_UNTIL (painted);
  g_signal_handler_disconnect (frame_clock, handler);
}

/* Renders @window as it is on screen; saves it as NAME.png in
 * $LIAISON_SCREENSHOT_DIR if that is set. */
void
lia_test_ui_render (GtkWidget  *window,
                    const char *name)
{
  const char *dir = g_getenv ("LIAISON_SCREENSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  int width;
  int height;

  /* The paintable shows the window, decorations included, as it was last
   * drawn: wait for a window that was laid out to be drawn again. */
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_width (window) > 0);
  wait_for_frame (window);
  /* A new size lays text out again in idle time, and then again on screen */
  lia_test_ui_spin_pending ();
  wait_for_frame (window);
  paintable = gtk_widget_paintable_new (window);
  width = gdk_paintable_get_intrinsic_width (paintable);
  height = gdk_paintable_get_intrinsic_height (paintable);
  g_assert_cmpint (width, >=, gtk_widget_get_width (window));
  g_assert_cmpint (height, >=, gtk_widget_get_height (window));

  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  if (dir != NULL)
    {
      g_autofree char *basename = g_strconcat (name, ".png", NULL);
      g_autofree char *path = g_build_filename (dir, basename, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("Saved %s", path);
    }
}
