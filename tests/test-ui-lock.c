/* test-ui-lock.c — the unlock screen, the lock, the idle lock and the
 * panic wipe in the real window, under Xvfb
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests run in order on one application and one data folder: first
 * run, records with canary strings, lock, wrong then right passphrase,
 * idle lock, what is left on disk, panic wipe.  TMPDIR is a folder of the
 * test's own, set before GTK starts, so that the canary search covers
 * every temporary file the application writes.
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/lock/render saves the first-run
 * and unlock screens (build-aux/screenshots).
 */
#define _GNU_SOURCE  /* memmem() */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/Xlib.h>

#include "lia-actors-page-private.h"
#include "lia-passphrase-dialog.h"
#include "lia-preferences-window.h"
#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

/* Unique strings in a record: none of them may be found on disk, nor in
 * a widget once locked */
#define CANARY_NAME   "Ostrel Canary Militia KQV93071"
#define CANARY_PHONE  "+999 7155 8133"
#define CANARY_PLACE  "Tessaly Canary Ford PLM4482"
#define CANARY_LAT    14.1234567
#define CANARY_LON    41.7654321

static const char * const canaries[] = {
  "KQV93071",
  "7155 8133",
  "PLM4482",
  "14.1234567",
  "41.7654321",
};

static char *base_dir;  /* holds data_dir and tmp_dir */
static char *data_dir;
static char *tmp_dir;

/* Weak pointers: what the lock must let go */
static gpointer weak_store;
static gpointer weak_context;
static gpointer weak_vault;

static LiaWindow *
get_window (void)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (lia_test_ui_get_app ()));

  g_assert_true (LIA_IS_WINDOW (window));

  return LIA_WINDOW (window);
}

static char *
build_data_path (const char *name)
{
  return g_build_filename (data_dir, name, NULL);
}

static void
assert_no_canary_on_disk (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    {
      g_test_message ("looking for “%s”", canaries[i]);
      g_assert_cmpuint (lia_test_count_files_holding (base_dir, canaries[i]), ==, 0);
    }
}

/* Every text a widget shows or holds: labels, entries, text views,
 * tooltips, window titles.  (GTK 4.8 has no API to read back accessible
 * labels; those of the pages are set from the same strings.) */
static void
collect_widget_texts (GtkWidget *widget,
                      GString   *texts)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_label (GTK_LABEL (widget)));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (texts, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, TRUE);
      g_string_append_printf (texts, "%s\n", text);
    }
  if (GTK_IS_WINDOW (widget) && gtk_window_get_title (GTK_WINDOW (widget)) != NULL)
    g_string_append_printf (texts, "%s\n", gtk_window_get_title (GTK_WINDOW (widget)));
  if (tooltip != NULL)
    g_string_append_printf (texts, "%s\n", tooltip);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widget_texts (child, texts);
}

static char *
dup_all_widget_texts (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GString *texts = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      collect_widget_texts (window, texts);
    }

  return g_string_free (texts, FALSE);
}

static gboolean
widgets_show (const char *needle)
{
  g_autofree char *texts = dup_all_widget_texts ();

  return strstr (texts, needle) != NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
is_mapped_entry (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_PASSWORD_ENTRY (widget) && gtk_widget_get_mapped (widget);
}

static void
find_all (GtkWidget              *root,
          LiaTestWidgetPredicate  predicate,
          GPtrArray              *found)
{
  if (predicate (root, NULL))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, predicate, found);
}

/* Types @text in the shown passphrase entry at @position */
static void
set_entry_text (GtkWidget  *root,
                guint       position,
                const char *text)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  find_all (root, is_mapped_entry, entries);
  g_assert_cmpuint (position, <, entries->len);
  gtk_editable_set_text (GTK_EDITABLE (g_ptr_array_index (entries, position)), text);
}

static GtkWidget *
wait_for_error (GtkWidget *root)
{
  GtkWidget *message = NULL;

  LIA_TEST_SPIN_UNTIL ((message = lia_test_ui_find (root, lia_test_ui_is_visible_error, NULL)) != NULL);

  return message;
}

static void
press (GtkWidget  *root,
       const char *action)
{
  GtkWidget *button = lia_test_ui_find (root, lia_test_ui_is_button_for_action, action);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

/* (a) The first run asks for a passphrase twice, checks it, and makes an
 * encrypted data folder */
static void
test_first_run (void)
{
  g_autofree char *vault_path = build_data_path (LIA_VAULT_FILENAME);
  g_autofree char *db_path = build_data_path (LIA_STORE_FILENAME);
  g_autofree char *contents = NULL;
  LiaLockScreen *lock_screen;
  LiaWindow *window;
  GtkWidget *message;
  gsize length = 0;

  g_application_activate (G_APPLICATION (lia_test_ui_get_app ()));
  window = get_window ();
  lock_screen = lia_test_ui_get_lock_screen (window);
  g_assert_cmpstr (lia_lock_screen_get_mode (lock_screen), ==, "create");
  g_assert_null (lia_window_get_context (window));
  /* Nothing of the records is built before the unlock */
  g_assert_null (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_ACTORS_PAGE));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "lock"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "panic-wipe"));

  /* Too short */
  set_entry_text (GTK_WIDGET (lock_screen), 0, "Orrin");
  set_entry_text (GTK_WIDGET (lock_screen), 1, "Orrin");
  press (GTK_WIDGET (lock_screen), "lock-screen.create");
  message = wait_for_error (GTK_WIDGET (lock_screen));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "10"));

  /* Not the same twice */
  set_entry_text (GTK_WIDGET (lock_screen), 0, "olmira river crossing");
  set_entry_text (GTK_WIDGET (lock_screen), 1, "olmira river crosing");
  press (GTK_WIDGET (lock_screen), "lock-screen.create");
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (gtk_label_get_label (GTK_LABEL (wait_for_error (GTK_WIDGET (lock_screen)))),
                                  _("The two passphrases differ. Type the same passphrase in both fields.")) == 0);
  g_assert_false (g_file_test (vault_path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (db_path, G_FILE_TEST_EXISTS));

  lia_test_ui_unlock (window);
  g_assert_nonnull (lia_window_get_context (window));
  g_assert_nonnull (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_ACTORS_PAGE));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "lock"));

  /* Encrypted: a key file, and no SQLite header in the database */
  g_assert_true (g_file_test (vault_path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  g_assert_true (memcmp (contents, "SQLite format 3", 15) != 0);
  g_assert_nonnull (lia_store_get_vault (lia_context_get_store (lia_window_get_context (window))));
}

static LiaActorsPage *
show_actors (LiaWindow *window)
{
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "actors");
  page = lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_ACTORS_PAGE);
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (page));

  return LIA_ACTORS_PAGE (page);
}

/* An actor with a canary name, phone, place and coordinates, saved in the
 * operation the Actors page shows */
static void
add_canary_actor (LiaActorsPage *page)
{
  LiaStore *store = lia_context_get_store (lia_actors_page_get_context (page));
  g_autoptr(LiaActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  actor = lia_actor_new (page->operation, CANARY_NAME, LIA_ACTOR_TYPE_POLITICAL_MILITIA);
  lia_actor_add_contact (actor, "Commander Orrin", "phone", CANARY_PHONE);
  lia_actor_add_location (actor, CANARY_LAT, CANARY_LON, CANARY_PLACE);
  g_assert_true (lia_store_save (store, LIA_RECORD (actor), &error));
  g_assert_no_error (error);
}

/* (b) Ctrl+L: the unlock screen, no canary in any widget of any window,
 * no dialog left, and the store and its key gone */
static void
test_lock_hides_records (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (lia_test_ui_get_app ()), "app.lock");
  LiaContext *context = lia_window_get_context (window);
  LiaStore *store = lia_context_get_store (context);

  g_assert_true (g_strv_contains ((const char * const *) accels, "<Control>l"));

  add_canary_actor (show_actors (window));
  /* The store's "changed" reloads the list */
  LIA_TEST_SPIN_UNTIL (widgets_show (CANARY_NAME));

  /* A dialog and the preferences, open at the time of the lock */
  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "preferences", NULL);
  g_assert_nonnull (find_toplevel (LIA_TYPE_PREFERENCES_WINDOW));

  weak_store = store;
  weak_context = context;
  weak_vault = lia_store_get_vault (store);
  g_object_add_weak_pointer (G_OBJECT (store), &weak_store);
  g_object_add_weak_pointer (G_OBJECT (context), &weak_context);
  g_object_add_weak_pointer (G_OBJECT (weak_vault), &weak_vault);

  gtk_widget_activate_action (GTK_WIDGET (window), "app.lock", NULL);
  lia_test_ui_get_lock_screen (window);
  g_assert_cmpstr (lia_lock_screen_get_mode (lia_test_ui_get_lock_screen (window)), ==, "unlock");
  g_assert_null (lia_window_get_context (window));
  g_assert_null (lia_application_get_context (lia_test_ui_get_app ()));
  LIA_TEST_SPIN_UNTIL (find_toplevel (LIA_TYPE_PREFERENCES_WINDOW) == NULL);

  /* The pages were destroyed, not hidden */
  g_assert_null (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_ACTORS_PAGE));
  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    g_assert_false (widgets_show (canaries[i]));
  g_assert_false (widgets_show (CANARY_NAME));

  /* The store, its context and the key are freed (a sync or a page
   * holding on to them would keep the key in memory) */
  LIA_TEST_SPIN_UNTIL (weak_store == NULL && weak_context == NULL && weak_vault == NULL);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "lock"));
}

/* (c) A wrong passphrase is refused with the core's message, and nothing
 * is written; the right one brings the records back */
static void
test_wrong_passphrase (void)
{
  g_autofree char *vault_path = build_data_path (LIA_VAULT_FILENAME);
  g_autofree char *db_path = build_data_path (LIA_STORE_FILENAME);
  g_autofree char *vault_before = lia_test_file_sha256 (vault_path);
  g_autofree char *db_before = lia_test_file_sha256 (db_path);
  g_autofree char *vault_after = NULL;
  g_autofree char *db_after = NULL;
  LiaWindow *window = get_window ();
  LiaLockScreen *lock_screen = lia_test_ui_get_lock_screen (window);
  GtkWidget *entry;
  GtkWidget *message;
  GtkWidget *focus;
  int start = 0;
  int end = 0;

  g_assert_cmpstr (lia_lock_screen_get_mode (lock_screen), ==, "unlock");

  /* Enter in the entry unlocks: the Unlock button is the default */
  entry = lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_entry, NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), "varnek wrong passphrase");
  /* What the Enter key binding of the entry's text does */
  g_signal_emit_by_name (lia_test_ui_find_type (entry, GTK_TYPE_TEXT), "activate");
  message = wait_for_error (GTK_WIDGET (lock_screen));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (message)), ==,
                   _("The passphrase is wrong. Check it and try again; nothing was changed."));
  g_assert_null (lia_window_get_context (window));

  /* The text is selected, and the focus in the entry, to type again */
  entry = lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_entry, NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "varnek wrong passphrase");
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (entry), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, strlen ("varnek wrong passphrase"));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));

  vault_after = lia_test_file_sha256 (vault_path);
  db_after = lia_test_file_sha256 (db_path);
  g_assert_cmpstr (vault_after, ==, vault_before);
  g_assert_cmpstr (db_after, ==, db_before);

  lia_test_ui_unlock (window);
  show_actors (window);
  LIA_TEST_SPIN_UNTIL (widgets_show (CANARY_NAME));
  /* Typed passphrases do not stay in the entries */
  g_assert_false (widgets_show ("varnek wrong passphrase"));
}

static gboolean
is_spin_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

/* Types in the passphrase dialog and presses Change; returns the dialog's
 * message, or NULL if it closed (changed) */
static char *
change_passphrase (LiaPreferencesWindow *preferences,
                   const char           *current,
                   const char           *new_passphrase,
                   const char           *confirmation)
{
  LiaPassphraseDialog *dialog;
  GtkWidget *message = NULL;
  char *text;

  gtk_widget_activate_action (GTK_WIDGET (preferences), "prefs.change-passphrase", NULL);
  dialog = LIA_PASSPHRASE_DIALOG (find_toplevel (LIA_TYPE_PASSPHRASE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (preferences));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  set_entry_text (GTK_WIDGET (dialog), 0, current);
  set_entry_text (GTK_WIDGET (dialog), 1, new_passphrase);
  set_entry_text (GTK_WIDGET (dialog), 2, confirmation);
  press (GTK_WIDGET (dialog), "passphrase.change");
  LIA_TEST_SPIN_UNTIL (find_toplevel (LIA_TYPE_PASSPHRASE_DIALOG) == NULL ||
                       (message = lia_test_ui_find (GTK_WIDGET (dialog), lia_test_ui_is_visible_error, NULL)) != NULL);
  if (message == NULL)
    return NULL;

  text = g_strdup (gtk_label_get_label (GTK_LABEL (message)));
  gtk_window_destroy (GTK_WINDOW (dialog));
  LIA_TEST_SPIN_UNTIL (find_toplevel (LIA_TYPE_PASSPHRASE_DIALOG) == NULL);

  return text;
}

static gboolean
passphrase_opens (const char *passphrase)
{
  g_autoptr(LiaVault) vault = lia_vault_unlock (data_dir, passphrase, NULL);

  return vault != NULL;
}

/* Preferences → Security: the passphrase changes through the dialog (a
 * wrong current one writes nothing), the idle time is in minutes, HQ
 * recovery is off without enrolment */
static void
test_security_preferences (void)
{
  g_autofree char *passphrase = lia_test_dup_passphrase ();
  g_autofree char *vault_path = build_data_path (LIA_VAULT_FILENAME);
  g_autofree char *vault_before = NULL;
  g_autofree char *vault_after = NULL;
  GSettings *settings = lia_application_get_settings (lia_test_ui_get_app ());
  LiaPreferencesWindow *preferences;
  GtkSpinButton *spin;
  char *message;
  char *unchanged;

  lia_test_ui_open_window ();
  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "preferences", NULL);
  preferences = LIA_PREFERENCES_WINDOW (find_toplevel (LIA_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (preferences);

  /* 600 s is 10 min; 5 min is 300 s */
  spin = GTK_SPIN_BUTTON (lia_test_ui_find (GTK_WIDGET (preferences), is_spin_button, NULL));
  g_assert_cmpint (g_settings_get_int (settings, "lock-idle-seconds"), ==, 600);
  g_assert_cmpfloat (gtk_spin_button_get_value (spin), ==, 10);
  gtk_spin_button_set_value (spin, 5);
  g_assert_cmpint (g_settings_get_int (settings, "lock-idle-seconds"), ==, 300);
  g_assert_true (widgets_show (_("Off")));

  vault_before = lia_test_file_sha256 (vault_path);
  message = change_passphrase (preferences, "varnek wrong passphrase", "olmira river crossing", "olmira river crossing");
  g_assert_cmpstr (message, ==, _("The passphrase is wrong. Check it and try again; nothing was changed."));
  g_free (message);
  vault_after = lia_test_file_sha256 (vault_path);
  g_assert_cmpstr (vault_after, ==, vault_before);

  message = change_passphrase (preferences, passphrase, "olmira river crossing", "olmira river crosing");
  g_assert_cmpstr (message, ==, _("The two passphrases differ. Type the same passphrase in both fields."));
  g_free (message);

  unchanged = change_passphrase (preferences, passphrase, "olmira river crossing", "olmira river crossing");
  g_assert_null (unchanged);
  g_assert_true (passphrase_opens ("olmira river crossing"));
  g_assert_false (passphrase_opens (passphrase));

  /* And back, for the tests that follow */
  unchanged = change_passphrase (preferences, "olmira river crossing", passphrase, passphrase);
  g_assert_null (unchanged);
  g_assert_true (passphrase_opens (passphrase));

  gtk_window_destroy (GTK_WINDOW (preferences));
  g_settings_reset (settings, "lock-idle-seconds");
}

/* A real pointer move over @window, as the X server reports it */
static void
move_pointer (LiaWindow *window,
              int        x)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *xdisplay = gdk_x11_display_get_xdisplay (display);

  /* On top, in case another test's window shares the display (xvfb-run
   * around meson test): there is no window manager to ask */
  XRaiseWindow (xdisplay, gdk_x11_surface_get_xid (surface));
  XWarpPointer (xdisplay, None, gdk_x11_surface_get_xid (surface), 0, 0, 0, 0, x, 100);
  XFlush (xdisplay);
}

static gboolean
stop_loop_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, stop_loop_cb, &done);
  LIA_TEST_SPIN_UNTIL (done);
}

/* (d) The idle lock: not while input comes, and soon once it stops */
static void
test_idle_lock (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  GSettings *settings = lia_application_get_settings (lia_test_ui_get_app ());
  gint64 quiet_since;
  double waited;

  if (!GDK_IS_X11_DISPLAY (gtk_widget_get_display (GTK_WIDGET (window))))
    {
      g_test_skip ("Needs X11 to move the pointer");
      return;
    }

  /* Input first: the app has been idle since the last test */
  move_pointer (window, 60);
  spin_for (100);
  g_settings_set_int (settings, "lock-idle-seconds", 2);

  /* Five seconds of pointer moves, every 200 ms: still unlocked */
  for (int i = 0; i < 25; i++)
    {
      move_pointer (window, 100 + (i % 2) * 40);
      spin_for (200);
      g_assert_nonnull (lia_window_get_context (window));
    }

  /* Then nothing: locked after about two seconds */
  quiet_since = g_get_monotonic_time ();
  LIA_TEST_SPIN_UNTIL (lia_window_get_context (window) == NULL);
  waited = (g_get_monotonic_time () - quiet_since) / (double) G_USEC_PER_SEC;
  g_test_message ("Locked %.2f s after the last input", waited);
  g_assert_cmpfloat (waited, <, 3.5);
  g_assert_cmpstr (lia_lock_screen_get_mode (lia_test_ui_get_lock_screen (window)), ==, "unlock");

  g_settings_set_int (settings, "lock-idle-seconds", 0);
}

/* (f) After records were made through the app and it locked, no canary
 * in any file of the data folder or of TMPDIR */
static void
test_canary_on_disk (void)
{
  g_autofree char *control = g_build_filename (tmp_dir, "control.txt", NULL);
  LiaWindow *window = lia_test_ui_open_window ();

  /* The search finds what is there */
  g_assert_true (g_file_set_contents (control, CANARY_PLACE, -1, NULL));
  g_assert_cmpuint (lia_test_count_files_holding (base_dir, "PLM4482"), ==, 1);
  g_remove (control);

  /* More records, and the app's own writes: a sync attempt, settings */
  add_canary_actor (show_actors (window));
  LIA_TEST_SPIN_UNTIL (widgets_show (CANARY_NAME));

  gtk_widget_activate_action (GTK_WIDGET (window), "app.lock", NULL);
  lia_test_ui_get_lock_screen (window);
  g_assert_null (lia_application_get_context (lia_test_ui_get_app ()));

  assert_no_canary_on_disk ();
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

/* Presses the button of a response as a person would, which also closes
 * the dialog */
static void
press_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = lia_test_ui_find (GTK_WIDGET (dialog), is_button_labelled, label);

  g_assert_nonnull (button);
  gtk_widget_activate (button);
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* (e) The panic wipe from the unlock screen: a confirmation whose default
 * is not to, then the folder gone in under a second, the first-run screen,
 * and the passphrase opens nothing */
static void
test_panic_wipe (void)
{
  g_autofree char *passphrase = lia_test_dup_passphrase ();
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  LiaWindow *window = get_window ();
  LiaLockScreen *lock_screen = lia_test_ui_get_lock_screen (window);
  GtkWidget *menu_button = lia_test_ui_find_type (GTK_WIDGET (lock_screen), GTK_TYPE_MENU_BUTTON);
  AdwMessageDialog *dialog;
  gint64 start;
  double ms;

  g_assert_null (lia_window_get_context (window));
  g_assert_true (lia_vault_exists (data_dir));

  /* In the unlock screen's menu */
  g_assert_nonnull (menu_button);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)), "app.panic-wipe"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "panic-wipe"));

  /* Cancel is the default; nothing happens */
  gtk_widget_activate_action (GTK_WIDGET (window), "app.panic-wipe", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "destroy"), ==, ADW_RESPONSE_DESTRUCTIVE);
  press_response (dialog, _("_Cancel"));
  LIA_TEST_SPIN_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  lia_test_ui_spin_pending ();
  g_assert_true (lia_vault_exists (data_dir));

  gtk_widget_activate_action (GTK_WIDGET (window), "app.panic-wipe", NULL);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  /* The button's press animation is not the wipe's time */
  press_response (dialog, _("_Destroy All Data"));
  LIA_TEST_SPIN_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  start = g_get_monotonic_time ();
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (lia_lock_screen_get_mode (lock_screen), "create") == 0);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  g_test_message ("Panic wipe from the confirmation to the first-run screen: %.1f ms", ms);
  g_assert_cmpfloat (ms, <, 1000);

  g_assert_false (g_file_test (data_dir, G_FILE_TEST_EXISTS));
  g_assert_true (widgets_show (" ms."));
  /* Nothing is left to destroy */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "panic-wipe"));

  /* The passphrase opens nothing, and nothing is left to find */
  vault = lia_vault_unlock (data_dir, passphrase, &error);
  g_assert_null (vault);
  g_assert_nonnull (error);
  assert_no_canary_on_disk ();
}

#define CANARY_OPERATION "korva-canary-relief"

static gboolean
is_mapped_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return lia_test_ui_is_button_for_action (widget, data) && gtk_widget_get_mapped (widget);
}

static guint
count_mapped_entries (GtkWidget *root)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  find_all (root, is_mapped_entry, entries);

  return entries->len;
}

/* A folder made in clear, as before encryption, with the canary actor */
static void
make_clear_folder (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaActor) actor = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  store = lia_store_open_in_dir (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (lia_store_set_setting (store, "operation", CANARY_OPERATION, &error));
  g_assert_no_error (error);

  actor = lia_actor_new (CANARY_OPERATION, CANARY_NAME, LIA_ACTOR_TYPE_POLITICAL_MILITIA);
  lia_actor_add_contact (actor, "Commander Orrin", "phone", CANARY_PHONE);
  lia_actor_add_location (actor, CANARY_LAT, CANARY_LON, CANARY_PLACE);
  g_assert_true (lia_store_save (store, LIA_RECORD (actor), &error));
  g_assert_no_error (error);
}

/* A folder made in clear shows the first-run form to encrypt it (and the
 * command, as a hint); passphrases that differ write nothing; the right
 * ones encrypt it through the core, open it with the records, and leave
 * no canary in any file */
static void
test_clear_folder (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *passphrase = lia_test_dup_passphrase ();
      g_autofree char *clear_dir = g_build_filename (base_dir, "clear", NULL);
      g_autofree char *db_path = g_build_filename (clear_dir, LIA_STORE_FILENAME, NULL);
      g_autofree char *staging = g_build_filename (clear_dir, LIA_STORE_ENCRYPT_STAGING, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *contents = NULL;
      LiaLockScreen *lock_screen;
      LiaWindow *window;
      gsize length = 0;

      make_clear_folder (clear_dir);
      g_assert_cmpint (lia_store_dir_get_state (clear_dir), ==, LIA_STORE_DIR_CLEAR);
      /* The search finds the canary while the folder is in clear */
      g_assert_cmpuint (lia_test_count_files_holding (clear_dir, "KQV93071"), >=, 1);
      before = lia_test_file_sha256 (db_path);
      g_setenv ("LIAISON_DATA_DIR", clear_dir, TRUE);

      g_application_activate (G_APPLICATION (lia_test_ui_get_app ()));
      window = get_window ();
      lock_screen = lia_test_ui_get_lock_screen (window);
      g_assert_cmpstr (lia_lock_screen_get_mode (lock_screen), ==, "clear");
      /* The form of the first run, and the command as a second way */
      g_assert_cmpuint (count_mapped_entries (GTK_WIDGET (lock_screen)), ==, 2);
      g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_button, "lock-screen.encrypt"));
      g_assert_true (widgets_show ("liaison-cli --data-dir"));
      g_assert_true (widgets_show (" encrypt"));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "panic-wipe"));
      lia_test_ui_render (GTK_WIDGET (window), "lock-clear-folder");

      /* Too short, then not the same twice: refused, nothing written */
      set_entry_text (GTK_WIDGET (lock_screen), 0, "Orrin");
      set_entry_text (GTK_WIDGET (lock_screen), 1, "Orrin");
      press (GTK_WIDGET (lock_screen), "lock-screen.encrypt");
      g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (wait_for_error (GTK_WIDGET (lock_screen)))), "10"));

      set_entry_text (GTK_WIDGET (lock_screen), 0, passphrase);
      set_entry_text (GTK_WIDGET (lock_screen), 1, "olmira river crosing");
      press (GTK_WIDGET (lock_screen), "lock-screen.encrypt");
      LIA_TEST_SPIN_UNTIL (g_strcmp0 (gtk_label_get_label (GTK_LABEL (wait_for_error (GTK_WIDGET (lock_screen)))),
                                      _("The two passphrases differ. Type the same passphrase in both fields.")) == 0);
      lia_test_ui_spin_pending ();
      g_assert_false (lia_lock_screen_get_busy (lock_screen));
      g_assert_null (lia_window_get_context (window));
      g_assert_false (lia_vault_exists (clear_dir));
      g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
      after = lia_test_file_sha256 (db_path);
      g_assert_cmpstr (after, ==, before);

      /* The same passphrase twice: encrypted, then opened */
      set_entry_text (GTK_WIDGET (lock_screen), 0, passphrase);
      set_entry_text (GTK_WIDGET (lock_screen), 1, passphrase);
      press (GTK_WIDGET (lock_screen), "lock-screen.encrypt");
      LIA_TEST_SPIN_UNTIL (lia_window_get_context (window) != NULL ||
                           lia_test_ui_find (GTK_WIDGET (lock_screen), lia_test_ui_is_visible_error, NULL) != NULL);
      if (lia_window_get_context (window) == NULL)
        g_error ("The clear folder was not encrypted: %s",
                 gtk_label_get_label (GTK_LABEL (lia_test_ui_find (GTK_WIDGET (lock_screen),
                                                                   lia_test_ui_is_visible_error, NULL))));
      LIA_TEST_SPIN_UNTIL (!gtk_widget_get_mapped (GTK_WIDGET (lock_screen)));

      g_assert_cmpint (lia_store_dir_get_state (clear_dir), ==, LIA_STORE_DIR_ENCRYPTED);
      g_assert_true (lia_vault_exists (clear_dir));
      g_assert_false (g_file_test (staging, G_FILE_TEST_EXISTS));
      g_assert_true (g_file_get_contents (db_path, &contents, &length, NULL));
      g_assert_cmpuint (length, >=, 4096);
      g_assert_null (memmem (contents, length, "SQLite format 3", 15));
      g_assert_nonnull (lia_store_get_vault (lia_context_get_store (lia_window_get_context (window))));

      /* The records came through */
      show_actors (window);
      LIA_TEST_SPIN_UNTIL (widgets_show (CANARY_NAME));
      assert_no_canary_on_disk ();

      /* And once locked, the same passphrase opens the folder again */
      gtk_widget_activate_action (GTK_WIDGET (window), "app.lock", NULL);
      lock_screen = lia_test_ui_get_lock_screen (window);
      g_assert_cmpstr (lia_lock_screen_get_mode (lock_screen), ==, "unlock");
      assert_no_canary_on_disk ();
      lia_test_ui_unlock (window);
      show_actors (window);
      LIA_TEST_SPIN_UNTIL (widgets_show (CANARY_NAME));

      lia_test_ui_close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* An encrypted folder whose key file is gone: the core's message, nothing
 * to type, the panic wipe still in the menu, and the folder untouched */
static void
test_key_missing (void)
{
  if (g_test_subprocess ())
    {
      g_autofree char *dir = g_build_filename (base_dir, "keyless", NULL);
      g_autofree char *db_path = g_build_filename (dir, LIA_STORE_FILENAME, NULL);
      g_autofree char *key_path = g_build_filename (dir, LIA_VAULT_FILENAME, NULL);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autoptr(GError) expected = NULL;
      LiaLockScreen *lock_screen;
      LiaWindow *window;

      {
        g_autoptr(LiaStore) store = lia_test_open_store_in_dir (dir, NULL);
        g_autoptr(GError) error = NULL;

        g_assert_true (lia_store_set_setting (store, "operation", CANARY_OPERATION, &error));
        g_assert_no_error (error);
      }
      g_assert_cmpint (g_remove (key_path), ==, 0);
      g_assert_cmpint (lia_store_dir_get_state (dir), ==, LIA_STORE_DIR_KEY_MISSING);
      g_assert_false (lia_store_dir_check_key_missing (dir, &expected));
      g_assert_nonnull (expected);
      before = lia_test_file_sha256 (db_path);
      g_setenv ("LIAISON_DATA_DIR", dir, TRUE);

      g_application_activate (G_APPLICATION (lia_test_ui_get_app ()));
      window = get_window ();
      lock_screen = lia_test_ui_get_lock_screen (window);
      g_assert_cmpstr (lia_lock_screen_get_mode (lock_screen), ==, "key-missing");
      g_assert_true (widgets_show (expected->message));
      /* Not the clear folder's advice, and no form */
      g_assert_false (widgets_show ("liaison-cli --data-dir"));
      g_assert_cmpuint (count_mapped_entries (GTK_WIDGET (lock_screen)), ==, 0);
      g_assert_null (lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_button, "lock-screen.unlock"));
      g_assert_null (lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_button, "lock-screen.create"));
      g_assert_null (lia_test_ui_find (GTK_WIDGET (lock_screen), is_mapped_button, "lock-screen.encrypt"));
      g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (lia_test_ui_get_app ()), "panic-wipe"));
      lia_test_ui_render (GTK_WIDGET (window), "lock-key-missing");

      /* An action reached another way does nothing */
      gtk_widget_activate_action (GTK_WIDGET (lock_screen), "lock-screen.encrypt", NULL);
      gtk_widget_activate_action (GTK_WIDGET (lock_screen), "lock-screen.create", NULL);
      lia_test_ui_spin_pending ();
      g_assert_null (lia_window_get_context (window));
      g_assert_false (lia_vault_exists (dir));
      after = lia_test_file_sha256 (db_path);
      g_assert_cmpstr (after, ==, before);

      lia_test_ui_close_window (window);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* The screens a person sees before the records, as pictures: the first
 * run, then the unlock screen, in a folder of their own */
static void
test_render (void)
{
  LiaWindow *window;
  GtkWindow *preferences;

  g_application_activate (G_APPLICATION (lia_test_ui_get_app ()));
  window = get_window ();
  lia_test_ui_resize (window, 900, 640);

  /* After the other tests: from an empty folder again */
  lia_application_lock (lia_test_ui_get_app ());
  if (lia_vault_exists (data_dir))
    g_assert_true (lia_application_wipe (lia_test_ui_get_app (), NULL, NULL));
  lia_window_show_lock_notice (window, NULL);

  g_assert_cmpstr (lia_lock_screen_get_mode (lia_test_ui_get_lock_screen (window)), ==, "create");
  lia_test_ui_render (GTK_WIDGET (window), "lock-first-run");

  lia_test_ui_unlock (window);
  gtk_widget_activate_action (GTK_WIDGET (window), "app.lock", NULL);
  g_assert_cmpstr (lia_lock_screen_get_mode (lia_test_ui_get_lock_screen (window)), ==, "unlock");
  lia_test_ui_render (GTK_WIDGET (window), "lock-unlock");

  /* A wrong passphrase, as the officer sees it */
  lia_test_ui_submit_passphrase (window, "varnek wrong passphrase");
  wait_for_error (GTK_WIDGET (lia_test_ui_get_lock_screen (window)));
  lia_test_ui_render (GTK_WIDGET (window), "lock-wrong-passphrase");

  /* Dark, for the contrast of the message and the entry */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lia_test_ui_render (GTK_WIDGET (window), "lock-wrong-passphrase-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* Preferences → Security */
  lia_test_ui_unlock (window);
  g_action_group_activate_action (G_ACTION_GROUP (lia_test_ui_get_app ()), "preferences", NULL);
  preferences = find_toplevel (LIA_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (preferences);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "security");
  lia_test_ui_render (GTK_WIDGET (preferences), "preferences-security");
  gtk_window_destroy (preferences);

  /* The first-run screen after a panic wipe, with how long it took */
  gtk_widget_activate_action (GTK_WIDGET (window), "app.panic-wipe", NULL);
  press_response (ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), _("_Destroy All Data"));
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (lia_lock_screen_get_mode (lia_test_ui_get_lock_screen (window)), "create") == 0);
  lia_test_ui_render (GTK_WIDGET (window), "lock-after-wipe");

  lia_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* Without asking GLib for the temporary folder, which it would then
   * keep for good */
  base_dir = g_build_filename (g_getenv ("TMPDIR") != NULL ? g_getenv ("TMPDIR") : "/tmp",
                               "liaison-test-ui-lock-XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (base_dir));
  data_dir = g_build_filename (base_dir, "data", NULL);
  tmp_dir = g_build_filename (base_dir, "tmp", NULL);
  g_assert_cmpint (g_mkdir (tmp_dir, 0700), ==, 0);
  g_setenv ("TMPDIR", tmp_dir, TRUE);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_assert_cmpstr (g_get_tmp_dir (), ==, tmp_dir);

  g_test_add_func ("/ui/lock/first-run", test_first_run);
  g_test_add_func ("/ui/lock/lock-hides-records", test_lock_hides_records);
  g_test_add_func ("/ui/lock/wrong-passphrase", test_wrong_passphrase);
  g_test_add_func ("/ui/lock/security-preferences", test_security_preferences);
  g_test_add_func ("/ui/lock/idle-lock", test_idle_lock);
  g_test_add_func ("/ui/lock/canary-on-disk", test_canary_on_disk);
  g_test_add_func ("/ui/lock/panic-wipe", test_panic_wipe);
  g_test_add_func ("/ui/lock/clear-folder", test_clear_folder);
  g_test_add_func ("/ui/lock/key-missing", test_key_missing);
  g_test_add_func ("/ui/lock/render", test_render);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (base_dir);
  g_free (data_dir);
  g_free (tmp_dir);
  g_free (base_dir);

  return status;
}
