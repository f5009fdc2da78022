/* test-ui-window.c — the main window: pages, actions, saved state, right-to-left
 * layout, preferences, and a store that cannot open
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/window/render-pages also saves what it
 * renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "lia-actors-page.h"
#include "lia-directory-page.h"
#include "lia-guidance-page.h"
#include "lia-notifications-page.h"
#include "lia-preferences-window.h"
#include "lia-reports-page.h"
#include "lia-sync-page.h"

static const char * const page_names[] = {
  "guidance",
  "actors",
  "notifications",
  "reports",
  "directory",
  "sync",
};

static gboolean
is_page_stack (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_STACK (widget) &&
         gtk_stack_get_child_by_name (GTK_STACK (widget), "guidance") != NULL;
}

static gboolean
is_sidebar (GtkWidget     *widget,
            gconstpointer  data)
{
  GtkWidget *stack = gtk_widget_get_ancestor (widget, GTK_TYPE_STACK);

  /* Not the lists of the pages, which are in the stack of pages, only
   * in the window's stack of locked and unlocked */
  return GTK_IS_LIST_BOX (widget) &&
         gtk_widget_has_css_class (widget, "navigation-sidebar") &&
         stack != NULL && gtk_stack_get_child_by_name (GTK_STACK (stack), "locked") != NULL;
}

static GtkStack *
get_stack (LiaWindow *window)
{
  GtkWidget *stack = lia_test_ui_find (GTK_WIDGET (window), is_page_stack, NULL);

  g_assert_nonnull (stack);

  return GTK_STACK (stack);
}

static GtkListBox *
get_sidebar (LiaWindow *window)
{
  GtkWidget *sidebar = lia_test_ui_find (GTK_WIDGET (window), is_sidebar, NULL);

  g_assert_nonnull (sidebar);

  return GTK_LIST_BOX (sidebar);
}

static GtkWidget *
get_sync_status_button (LiaWindow *window)
{
  GtkWidget *button = lia_test_ui_find (GTK_WIDGET (window), lia_test_ui_is_button_for_action,
                                        "win.show-page");

  g_assert_nonnull (button);

  return button;
}

static const char *
get_sync_status (LiaWindow *window)
{
  GtkWidget *label = lia_test_ui_find_type (get_sync_status_button (window), GTK_TYPE_LABEL);

  return gtk_label_get_label (GTK_LABEL (label));
}

static GSettings *
get_settings (LiaWindow *window)
{
  return lia_context_get_settings (lia_window_get_context (window));
}

/* The first window of @type, wherever it is: the preferences, About and
 * shortcuts windows do not belong to the application */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* Still referenced by the list of toplevels */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

static void
test_window_opens (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  GtkStack *stack = get_stack (window);
  GtkListBox *sidebar = get_sidebar (window);
  g_autoptr(GListModel) pages = G_LIST_MODEL (gtk_stack_get_pages (stack));

  g_assert_true (gtk_widget_get_realized (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  /* Six pages, and a sidebar row with the title of each */
  g_assert_cmpuint (g_list_model_get_n_items (pages), ==, G_N_ELEMENTS (page_names));
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (pages, i);
      GtkStackPage *page = GTK_STACK_PAGE (item);
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (sidebar, i);
      GtkWidget *label;

      g_assert_cmpstr (gtk_stack_page_get_name (page), ==, page_names[i]);
      /* Guidance, Actors, Notifications, Reports, Directory and Sync have
       * content of their own */
      if (i == 0)
        g_assert_true (LIA_IS_GUIDANCE_PAGE (gtk_stack_page_get_child (page)));
      else if (g_str_equal (page_names[i], "actors"))
        g_assert_true (LIA_IS_ACTORS_PAGE (gtk_stack_page_get_child (page)));
      else if (g_str_equal (page_names[i], "reports"))
        g_assert_true (LIA_IS_REPORTS_PAGE (gtk_stack_page_get_child (page)));
      else if (g_str_equal (page_names[i], "directory"))
        g_assert_true (LIA_IS_DIRECTORY_PAGE (gtk_stack_page_get_child (page)));
      else if (g_str_equal (page_names[i], "sync"))
        g_assert_true (LIA_IS_SYNC_PAGE (gtk_stack_page_get_child (page)));
      else if (g_str_equal (page_names[i], "notifications"))
        g_assert_true (LIA_IS_NOTIFICATIONS_PAGE (gtk_stack_page_get_child (page)));
      else
        g_assert_true (ADW_IS_STATUS_PAGE (gtk_stack_page_get_child (page)));

      g_assert_nonnull (row);
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
      label = lia_test_ui_find_type (GTK_WIDGET (row), GTK_TYPE_LABEL);
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, gtk_stack_page_get_title (page));
    }
  g_assert_null (gtk_list_box_get_row_at_index (sidebar, G_N_ELEMENTS (page_names)));

  /* Not enrolled in a fresh installation */
  g_assert_cmpstr (get_sync_status (window), ==, _("Not enrolled with HQ"));

#ifdef DEVELOPMENT_BUILD
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"));
#else
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (window), "devel"));
#endif

  lia_test_ui_close_window (window);
}

static void
assert_page_shown (LiaWindow  *window,
                   guint       index)
{
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (get_sidebar (window));

  g_assert_cmpstr (gtk_stack_get_visible_child_name (get_stack (window)), ==, page_names[index]);
  g_assert_nonnull (selected);
  g_assert_cmpint (gtk_list_box_row_get_index (selected), ==, index);
}

static void
test_window_pages_reachable (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  GtkListBox *sidebar = get_sidebar (window);

  /* Through the action */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_names[i]);
      lia_test_ui_spin_pending ();
      assert_page_shown (window, i);
    }

  /* Through Alt+1 … Alt+6 */
  for (guint i = G_N_ELEMENTS (page_names); i-- > 0;)
    {
      g_autofree char *trigger = g_strdup_printf ("<Alt>%u", i + 1);
      g_autoptr(GtkShortcut) shortcut = lia_test_ui_find_shortcut (GTK_WIDGET (window), trigger);

      g_assert_nonnull (shortcut);
      g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                   GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                   GTK_WIDGET (window),
                                                   gtk_shortcut_get_arguments (shortcut)));
      lia_test_ui_spin_pending ();
      assert_page_shown (window, i);
    }

  /* Through the sidebar */
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (sidebar, i)));
      lia_test_ui_spin_pending ();
      assert_page_shown (window, i);
    }

  /* The sync status in the header bar leads to the Sync page */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "guidance");
  gtk_widget_activate (get_sync_status_button (window));
  /* A button shows itself pressed for a moment before it is clicked */
  LIA_TEST_SPIN_UNTIL (g_str_equal (gtk_stack_get_visible_child_name (get_stack (window)), "sync"));
  assert_page_shown (window, 5);

  g_settings_reset (get_settings (window), "last-page");
  lia_test_ui_close_window (window);
}

static void
test_window_state_restored (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  g_autoptr(GSettings) settings = g_object_ref (get_settings (window));
  int width;
  int height;

  lia_test_ui_resize (window, 900, 640);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reports");

  /* Quitting closes the window, which saves its state */
  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "quit", NULL);
  LIA_TEST_SPIN_UNTIL (gtk_application_get_windows (GTK_APPLICATION (lia_test_ui_get_app ())) == NULL);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 640);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = lia_test_ui_open_window ();
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 640);
  LIA_TEST_SPIN_UNTIL (lia_test_ui_has_size (window, 900, 640));
  assert_page_shown (window, 3);
  lia_test_ui_close_window (window);

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "window-maximized");
  g_settings_reset (settings, "last-page");
}

static void
test_window_right_to_left (void)
{
  if (g_test_subprocess ())
    {
      LiaWindow *window;
      GtkWidget *sidebar;
      GtkWidget *stack;
      graphene_rect_t sidebar_bounds;
      graphene_rect_t stack_bounds;

      /* What an Arabic desktop sets, before GTK reads it */
      g_setenv ("LANGUAGE", "ar", TRUE);
      g_setenv ("LC_ALL", "C.UTF-8", TRUE);

      window = lia_test_ui_open_window ();
      sidebar = GTK_WIDGET (get_sidebar (window));
      stack = GTK_WIDGET (get_stack (window));

      g_assert_cmpint (gtk_widget_get_default_direction (), ==, GTK_TEXT_DIR_RTL);
      g_assert_cmpint (gtk_widget_get_direction (GTK_WIDGET (window)), ==, GTK_TEXT_DIR_RTL);

      /* …and the layout follows: the sidebar is on the right */
      g_assert_true (gtk_widget_compute_bounds (sidebar, GTK_WIDGET (window), &sidebar_bounds));
      g_assert_true (gtk_widget_compute_bounds (stack, GTK_WIDGET (window), &stack_bounds));
      g_assert_cmpfloat (sidebar_bounds.origin.x, >=, stack_bounds.origin.x + stack_bounds.size.width);

      lia_test_ui_close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_about_and_shortcuts (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  AdwAboutWindow *about;
  GtkWindow *shortcuts;

  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "about", NULL);
  about = ADW_ABOUT_WINDOW (find_toplevel (ADW_TYPE_ABOUT_WINDOW));
  g_assert_nonnull (about);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (about)) == GTK_WINDOW (window));
  g_assert_cmpstr (adw_about_window_get_application_name (about), ==, _("Liaison"));
  g_assert_cmpstr (adw_about_window_get_version (about), ==, PACKAGE_VERSION);
  g_assert_cmpint (adw_about_window_get_license_type (about), ==, GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));

  /* Loaded by GtkApplication from the resource base path */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  g_assert_nonnull (shortcuts);
  gtk_window_close (shortcuts);

  lia_test_ui_close_window (window);
}

static gboolean
label_contains (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL &&
         gtk_widget_has_css_class (widget, "error");
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  return lia_test_ui_find (root, label_contains, text);
}

static void
apply_hq_url (AdwEntryRow *row,
              const char  *text)
{
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  /* What Enter in the entry does */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (row)), "activate");
  lia_test_ui_spin_pending ();
}

static void
test_preferences (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  GSettings *settings = get_settings (window);
  static const char * const invalid_urls[] = {
    "ftp://hq.example.org",
    "hq.example.org",
    "https://",
    "not a url",
  };
  LiaPreferencesWindow *preferences;
  AdwEntryRow *hq_url_row;
  AdwComboRow *language_row;
  g_autofree char *hq_url = NULL;
  g_autofree char *language = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "preferences", NULL);
  preferences = LIA_PREFERENCES_WINDOW (find_toplevel (LIA_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (preferences)) == GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)));

  hq_url_row = ADW_ENTRY_ROW (lia_test_ui_find_type (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (hq_url_row)), ==, "");

  /* Invalid addresses are refused, visibly, and not saved */
  for (guint i = 0; i < G_N_ELEMENTS (invalid_urls); i++)
    {
      apply_hq_url (hq_url_row, invalid_urls[i]);
      hq_url = g_settings_get_string (settings, "hq-url");
      g_assert_cmpstr (hq_url, ==, "");
      g_clear_pointer (&hq_url, g_free);
      g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hq_url_row), "error"));
      g_assert_cmpstr (get_sync_status (window), ==, _("Not enrolled with HQ"));
    }

  /* A valid one is saved without the spaces around it */
  apply_hq_url (hq_url_row, "  https://hq.example.org  ");
  hq_url = g_settings_get_string (settings, "hq-url");
  g_assert_cmpstr (hq_url, ==, "https://hq.example.org");
  g_clear_pointer (&hq_url, g_free);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hq_url_row), "error"));
  /* An address alone enrols nothing */
  g_assert_cmpstr (get_sync_status (window), ==, _("Not enrolled with HQ"));

  /* The same check as enrolment: plain HTTP only on this machine */
  apply_hq_url (hq_url_row, "http://192.0.2.10:8080/liaison");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (hq_url_row), "error"));
  {
    GtkWidget *error_label = find_label_with_text (GTK_WIDGET (preferences), "https://");

    g_assert_nonnull (error_label);
    g_assert_true (gtk_widget_get_visible (error_label));
  }
  apply_hq_url (hq_url_row, "https://192.0.2.10:8080/liaison");
  hq_url = g_settings_get_string (settings, "hq-url");
  g_assert_cmpstr (hq_url, ==, "https://192.0.2.10:8080/liaison");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (hq_url_row), "error"));

  /* Emptying it stops syncing */
  apply_hq_url (hq_url_row, "");
  g_clear_pointer (&hq_url, g_free);
  hq_url = g_settings_get_string (settings, "hq-url");
  g_assert_cmpstr (hq_url, ==, "");
  g_assert_cmpstr (get_sync_status (window), ==, _("Not enrolled with HQ"));

  /* The card language, both ways */
  language_row = ADW_COMBO_ROW (lia_test_ui_find_type (GTK_WIDGET (preferences), ADW_TYPE_COMBO_ROW));
  g_assert_cmpuint (adw_combo_row_get_selected (language_row), ==, 0);
  adw_combo_row_set_selected (language_row, 2);
  language = g_settings_get_string (settings, "guidance-language");
  g_assert_cmpstr (language, ==, "fr");
  g_settings_set_string (settings, "guidance-language", "ar");
  g_assert_cmpuint (adw_combo_row_get_selected (language_row), ==, 3);
  adw_combo_row_set_selected (language_row, 0);
  g_clear_pointer (&language, g_free);
  language = g_settings_get_string (settings, "guidance-language");
  g_assert_cmpstr (language, ==, "");

  gtk_window_destroy (GTK_WINDOW (preferences));
  lia_test_ui_close_window (window);
}

static void
test_store_error (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *file = g_build_filename (g_getenv ("LIAISON_DATA_DIR"), "not-a-folder", NULL);
      g_autofree char *passphrase = lia_test_dup_passphrase ();
      LiaLockScreen *lock_screen;
      GtkWidget *message = NULL;
      GtkWindow *window;

      /* A file where the data folder should be */
      g_assert_true (g_file_set_contents (file, "", 0, NULL));
      g_setenv ("LIAISON_DATA_DIR", file, TRUE);

      g_application_activate (G_APPLICATION (lia_test_ui_get_app ()));

      /* Nothing there: the first run, which says what is wrong when the
       * folder cannot be made */
      window = gtk_application_get_active_window (GTK_APPLICATION (lia_test_ui_get_app ()));
      g_assert_true (LIA_IS_WINDOW (window));
      lock_screen = lia_test_ui_get_lock_screen (LIA_WINDOW (window));
      g_assert_cmpstr (lia_lock_screen_get_mode (lock_screen), ==, "create");
      lia_test_ui_submit_passphrase (LIA_WINDOW (window), passphrase);
      LIA_TEST_SPIN_UNTIL ((message = lia_test_ui_find (GTK_WIDGET (lock_screen), lia_test_ui_is_visible_error, NULL)) != NULL);
      g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "not-a-folder"));
      g_assert_null (lia_window_get_context (LIA_WINDOW (window)));

      /* Nothing to configure without a store */
      g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "preferences", NULL);
      g_assert_null (find_toplevel (LIA_TYPE_PREFERENCES_WINDOW));

      lia_test_ui_close_window (LIA_WINDOW (window));

      g_remove (file);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_window_render_pages (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  g_autoptr(GSettings) settings = g_object_ref (get_settings (window));
  AdwLeaflet *leaflet = ADW_LEAFLET (lia_test_ui_find_type (GTK_WIDGET (window), ADW_TYPE_LEAFLET));
  LiaPreferencesWindow *preferences;
  GtkWindow *shortcuts;

  lia_test_ui_resize (window, 1100, 700);
  g_assert_false (adw_leaflet_get_folded (leaflet));

  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", page_names[i]);
      lia_test_ui_render (GTK_WIDGET (window), page_names[i]);
    }

  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "preferences", NULL);
  preferences = LIA_PREFERENCES_WINDOW (find_toplevel (LIA_TYPE_PREFERENCES_WINDOW));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (preferences)));
  lia_test_ui_render (GTK_WIDGET (preferences), "preferences");
  apply_hq_url (ADW_ENTRY_ROW (lia_test_ui_find_type (GTK_WIDGET (preferences), ADW_TYPE_ENTRY_ROW)),
                "hq.example.org");
  lia_test_ui_render (GTK_WIDGET (preferences), "preferences-invalid-address");
  gtk_window_destroy (GTK_WINDOW (preferences));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
  shortcuts = find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (shortcuts)));
  lia_test_ui_render (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_close (shortcuts);

  /* On a narrow screen one column at a time: the pages, then a page.  A
   * language whose labels need more room than 400 px keeps the window at
   * its minimum width: say so rather than fail the pictures. */
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 700);
  {
    gint64 deadline = g_get_monotonic_time () + 3 * G_USEC_PER_SEC;
    int min_width = 0;

    while (!lia_test_ui_has_size (window, 400, 700) && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, FALSE);
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
    if (!lia_test_ui_has_size (window, 400, 700))
      g_printerr ("screenshots: the window needs %d px in this language; narrow pictures are at that width\n", min_width);
  }
  g_assert_true (adw_leaflet_get_folded (leaflet));
  /* The sync status keeps its icon and gives its words to the tooltip */
  g_assert_false (gtk_widget_get_visible (lia_test_ui_find_type (get_sync_status_button (window), GTK_TYPE_LABEL)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (get_sync_status_button (window)), ==, get_sync_status (window));
  adw_leaflet_navigate (leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  lia_test_ui_render (GTK_WIDGET (window), "narrow-sidebar");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "guidance");
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != gtk_widget_get_first_child (GTK_WIDGET (leaflet)));
  lia_test_ui_render (GTK_WIDGET (window), "narrow-guidance");

  lia_test_ui_close_window (window);
  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_settings_reset (settings, "last-page");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/window/opens", test_window_opens);
  g_test_add_func ("/ui/window/pages-reachable", test_window_pages_reachable);
  g_test_add_func ("/ui/window/state-restored", test_window_state_restored);
  g_test_add_func ("/ui/window/right-to-left", test_window_right_to_left);
  g_test_add_func ("/ui/window/render-pages", test_window_render_pages);
  g_test_add_func ("/ui/preferences/settings", test_preferences);
  g_test_add_func ("/ui/application/about-and-shortcuts", test_about_and_shortcuts);
  g_test_add_func ("/ui/application/store-error", test_store_error);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);

  return status;
}
