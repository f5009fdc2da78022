/* test-ui-retention.c — the Retention group of the preferences, in a real window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "lia-retention-group.h"
#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#define OPERATION "op-korvania"

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  GtkWidget *row = lia_test_ui_find (root, is_row_titled, title);

  g_assert_nonnull (row);
  return row;
}

static char *
add_incident (LiaStore   *store,
              const char *at)
{
  g_autoptr(LiaIncident) incident = lia_incident_new (OPERATION);
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (at, NULL);
  g_autoptr(GError) error = NULL;

  lia_incident_set_at (incident, time);
  lia_incident_set_location (incident, "Tessaly", 46.5, 21.0);
  lia_incident_set_description (incident, "Roadblock on the Orrin road");
  lia_store_save (store, LIA_RECORD (incident), &error);
  g_assert_no_error (error);

  return g_strdup (lia_record_get_uuid (LIA_RECORD (incident)));
}

static void
test_group (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-ui-retention-XXXXXX", NULL);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 3, 1, 12, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (now);
  g_autoptr(LiaStore) store = lia_test_open_store_in_dir (dir, clock);
  g_autoptr(GSettings) settings = g_settings_new ("org.cmcoord.Liaison");
  g_autoptr(LiaContext) context = lia_context_new (store, settings, clock);
  g_autofree char *old_incident = add_incident (store, "2024-12-01T10:00:00Z");
  g_autofree char *new_incident = add_incident (store, "2026-01-15T10:00:00Z");
  g_autoptr(LiaRecord) gone = NULL;
  g_autoptr(LiaRecord) kept = NULL;
  g_autoptr(GError) error = NULL;
  LiaRetentionGroup *group = lia_retention_group_new (context);
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  GtkWidget *incidents, *actors, *directory, *purge_row, *spin, *button;

  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (group));
  adw_preferences_window_add (window, page);
  gtk_window_present (GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  lia_test_ui_render (GTK_WIDGET (window), "preferences-retention");

  /* One row per type, with its rule. */
  incidents = find_row (GTK_WIDGET (window), "Incidents");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (incidents)), ==, "365 days after the incident");
  actors = find_row (GTK_WIDGET (window), "Actors");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (actors)), ==, "Kept until you delete them");
  directory = find_row (GTK_WIDGET (window), "Deployments directory");
  g_assert_null (lia_test_ui_find_type (directory, GTK_TYPE_SPIN_BUTTON));

  spin = lia_test_ui_find_type (incidents, GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (spin);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 365);

  /* “Keep” and back to a number, saved as the rule of every operation. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (spin)), ==, "Keep");
  g_assert_cmpint (lia_retention_get_days (store, "incident", OPERATION), ==, LIA_RETENTION_KEEP);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (incidents)), ==, "Kept until you delete them");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 200);
  g_assert_cmpint (lia_retention_get_days (store, "incident", OPERATION), ==, 200);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (incidents)), ==, "200 days after the incident");

  /* Remove Expired Records Now, in a worker thread. */
  purge_row = find_row (GTK_WIDGET (window), "Remove Expired Records Now");
  button = lia_test_ui_find_type (purge_row, GTK_TYPE_BUTTON);
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  LIA_TEST_SPIN_UNTIL (lia_retention_group_get_status (group) != NULL &&
                       !lia_retention_group_get_busy (group));

  g_assert_cmpstr (lia_retention_group_get_status (group), ==, "Removed 1 record.");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (purge_row)), ==, "Removed 1 record.");
  g_assert_true (gtk_widget_get_sensitive (button));

  /* While it runs, the button waits; a second run finds nothing. */
  lia_retention_group_purge (group);
  g_assert_true (lia_retention_group_get_busy (group));
  g_assert_false (gtk_widget_get_sensitive (button));
  LIA_TEST_SPIN_UNTIL (!lia_retention_group_get_busy (group));
  g_assert_cmpstr (lia_retention_group_get_status (group), ==, "Nothing was past its retention period.");

  gone = lia_store_load (store, old_incident, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);
  kept = lia_store_load (store, new_incident, &error);
  g_assert_no_error (error);

  gtk_window_destroy (GTK_WINDOW (window));
  lia_test_ui_spin_pending ();
  g_clear_object (&context);
  g_clear_object (&store);
  lia_test_remove_tree (dir);
}

/* With a current operation, the first row picks whose rules the rows
 * show and change: every operation's, or that operation's own. */
static void
test_operation_scope (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-ui-retention-XXXXXX", NULL);
  g_autoptr(LiaStore) store = lia_test_open_store_in_dir (dir, NULL);
  g_autoptr(GSettings) settings = g_settings_new ("org.cmcoord.Liaison");
  g_autoptr(LiaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  AdwPreferencesWindow *window = ADW_PREFERENCES_WINDOW (adw_preferences_window_new ());
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  GtkWidget *scope, *incidents, *spin;

  g_assert_true (lia_store_set_setting (store, "operation", OPERATION, &error));
  g_assert_no_error (error);
  context = lia_context_new (store, settings, NULL);
  adw_preferences_page_add (page, ADW_PREFERENCES_GROUP (lia_retention_group_new (context)));
  adw_preferences_window_add (window, page);
  gtk_window_present (GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  scope = find_row (GTK_WIDGET (window), "Rules For");
  g_assert_true (ADW_IS_COMBO_ROW (scope));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (scope)), ==, 0);
  incidents = find_row (GTK_WIDGET (window), "Incidents");
  spin = lia_test_ui_find_type (incidents, GTK_TYPE_SPIN_BUTTON);

  /* The operation's own rule: the rule of every operation stays */
  adw_combo_row_set_selected (ADW_COMBO_ROW (scope), 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 365);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 90);
  g_assert_cmpint (lia_retention_get_days (store, "incident", OPERATION), ==, 90);
  g_assert_cmpint (lia_retention_get_days (store, "incident", NULL), ==, 365);
  g_assert_cmpint (lia_retention_get_days (store, "incident", "op-ostrel"), ==, 365);

  /* Back to every operation: the rows show its rules, unchanged */
  adw_combo_row_set_selected (ADW_COMBO_ROW (scope), 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 365);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (incidents)), ==, "365 days after the incident");
  g_assert_cmpint (lia_retention_get_days (store, "incident", OPERATION), ==, 90);

  lia_test_ui_render (GTK_WIDGET (window), "preferences-retention-operation");

  gtk_window_destroy (GTK_WINDOW (window));
  lia_test_ui_spin_pending ();
  g_clear_object (&context);
  g_clear_object (&store);
  lia_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/retention/group", test_group);
  g_test_add_func ("/ui/retention/operation-scope", test_operation_scope);

  return g_test_run ();
}
