/* test-ui-sensitivity.c — badges on records, and the question before an export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lia-test-ui.h"
#include "lia-test-util.h"

#include "lia-actors-page.h"
#include "lia-actors-page-private.h"
#include "lia-notifications-page.h"
#include "lia-sensitivity-badge.h"

#define CANARY_STRICT_NAME   "Ostrel Quiet Partner QX7731"
#define CANARY_CONTACT       "+000 555 7731 QX"
#define PUBLIC_NAME          "Varnek District Council"
#define CANARY_STRICT_SITE   "Olmira safe house QX4410"

static void
save (LiaStore *store,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (store, LIA_RECORD (record), &error));
  g_assert_no_error (error);
}

/* Written into the store the window opened (encrypted or not, as the
 * application opens it), once: the pages hear of it by the store's
 * "changed" signal. */
static void
populate (LiaWindow  *window,
          const char *operation)
{
  static gboolean done;
  LiaStore *store = lia_context_get_store (lia_window_get_context (window));
  g_autoptr(LiaActor) council = lia_actor_new (operation, PUBLIC_NAME, LIA_ACTOR_TYPE_GOVERNMENT);
  g_autoptr(LiaActor) partner = lia_actor_new (operation, CANARY_STRICT_NAME, LIA_ACTOR_TYPE_OTHER);
  g_autoptr(LiaRelationship) link = NULL;
  g_autoptr(LiaSiteNotification) site = lia_site_notification_new (operation);
  g_autoptr(GDateTime) from = g_date_time_new_from_iso8601 ("2026-11-01T00:00:00Z", NULL);
  g_autoptr(GDateTime) until = g_date_time_new_from_iso8601 ("2027-02-01T00:00:00Z", NULL);
  g_autoptr(GError) error = NULL;

  if (done)
    return;
  done = TRUE;

  g_assert_true (lia_store_set_setting (store, "operation", operation, &error));
  g_assert_no_error (error);

  lia_actor_add_location (council, 12.45, 30.10, "Tessaly");
  lia_actor_add_contact (council, "Secretary", "phone", CANARY_CONTACT);
  lia_actor_set_contact_sensitivity (council, 0, LIA_SENSITIVITY_CONFIDENTIAL);
  save (store, council);

  lia_record_set_sensitivity (LIA_RECORD (partner), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  lia_actor_add_location (partner, 12.50, 30.20, "Ostrel");
  save (store, partner);

  link = lia_relationship_new (operation, lia_record_get_uuid (LIA_RECORD (council)),
                               lia_record_get_uuid (LIA_RECORD (partner)), LIA_RELATIONSHIP_LIAISON_CHANNEL);
  save (store, link);

  lia_site_notification_set_organisation (site, "Korvanian Red Crescent");
  lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
  lia_site_notification_set_name (site, CANARY_STRICT_SITE);
  lia_site_notification_set_location (site, 12.3456, 30.6543);
  lia_site_notification_set_admin_area (site, "Olmira District");
  lia_site_notification_set_function (site, "Shelter");
  lia_site_notification_set_contact (site, "Site manager");
  lia_site_notification_set_persons_present (site, 5);
  lia_site_notification_set_valid_from (site, from);
  lia_site_notification_set_valid_until (site, until);
  lia_site_notification_set_reference (site, "HNS-S-9");
  lia_record_set_sensitivity (LIA_RECORD (site), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  save (store, site);
}

static gboolean
is_shown_badge (GtkWidget     *widget,
                gconstpointer  data)
{
  return LIA_IS_SENSITIVITY_BADGE (widget) &&
         gtk_widget_get_visible (widget) &&
         lia_sensitivity_badge_get_sensitivity (LIA_SENSITIVITY_BADGE (widget)) == GPOINTER_TO_INT (data);
}

static void
assert_badge (GtkWidget      *root,
              LiaSensitivity  sensitivity)
{
  GtkWidget *badge = lia_test_ui_find (root, is_shown_badge, GINT_TO_POINTER (sensitivity));
  GtkWidget *label;

  g_assert_nonnull (badge);
  /* A word, not only a colour, and what it means on hovering */
  label = gtk_widget_get_first_child (badge);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, lia_sensitivity_get_label (sensitivity));
  g_assert_nonnull (gtk_widget_get_tooltip_text (badge));
  g_assert_true (gtk_widget_has_css_class (badge, "sensitivity-badge"));
  g_assert_true (gtk_widget_has_css_class (badge, "strictly") ==
                 (sensitivity == LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

/* Exports @format to @path, answers the question with @response, and
 * returns what was written. */
static char *
export_answering (LiaActorsPage *page,
                  const char    *format,
                  const char    *path,
                  const char    *response,
                  const char    *expect_in_body)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  AdwMessageDialog *dialog;
  char *contents = NULL;

  g_unlink (path);
  lia_actors_page_export (page, format, file);
  LIA_TEST_SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);

  /* Nothing is written before the officer answers */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  if (strstr (adw_message_dialog_get_body (dialog), expect_in_body) == NULL)
    g_error ("The question “%s” does not say “%s”", adw_message_dialog_get_body (dialog), expect_in_body);
  /* Leaving out is what Enter does; including is marked dangerous */
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "leave-out");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "include"), ==, ADW_RESPONSE_DESTRUCTIVE);

  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  LIA_TEST_SPIN_UNTIL (g_file_test (path, G_FILE_TEST_EXISTS) &&
                       g_file_get_contents (path, &contents, NULL, NULL) &&
                       (strstr (contents, "</svg>") != NULL || strstr (contents, "FeatureCollection") != NULL));

  return contents;
}

static void
test_actors_export_question (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-ui-sensitivity-XXXXXX", NULL);
  g_autofree char *geojson = g_build_filename (dir, "map.geojson", NULL);
  g_autofree char *svg = g_build_filename (dir, "map.svg", NULL);
  LiaWindow *window = lia_test_ui_open_window ();
  LiaActorsPage *page;
  char *text;

  lia_test_ui_resize (window, 1280, 800);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "actors");
  page = LIA_ACTORS_PAGE (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_ACTORS_PAGE));
  g_assert_nonnull (page);
  populate (window, page->operation);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));
  LIA_TEST_SPIN_UNTIL (lia_graph_view_get_n_visible_actors (page->graph_view) == 2);
  LIA_TEST_SPIN_UNTIL (!lia_graph_view_get_busy (page->graph_view));

  /* The strictly confidential actor's row wears its badge */
  assert_badge (GTK_WIDGET (page), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);

  /* Data: two records (the actor, the relationship to it) and a contact */
  text = export_answering (page, "geojson", geojson, "leave-out", "2 strictly confidential records");
  g_assert_nonnull (strstr (text, PUBLIC_NAME));
  g_assert_null (strstr (text, CANARY_STRICT_NAME));
  g_assert_null (strstr (text, CANARY_CONTACT));
  g_free (text);

  text = export_answering (page, "geojson", geojson, "include", "1 confidential contact");
  g_assert_nonnull (strstr (text, CANARY_STRICT_NAME));
  g_assert_nonnull (strstr (text, CANARY_CONTACT));
  g_free (text);

  /* The picture: the name is in no glyph and no text layer when left out */
  text = export_answering (page, "svg", svg, "leave-out", "1 strictly confidential record");
  g_assert_nonnull (strstr (text, PUBLIC_NAME));
  g_assert_null (strstr (text, CANARY_STRICT_NAME));
  g_free (text);
  /* …and the screen shows it again */
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (page->graph_view), ==, 2);

  text = export_answering (page, "svg", svg, "include", "1 strictly confidential record");
  g_assert_nonnull (strstr (text, CANARY_STRICT_NAME));
  g_free (text);

  lia_test_ui_close_window (window);
  lia_test_remove_tree (dir);
}

static void
test_notifications_badge (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  GtkWidget *page;

  populate (window, "korvania");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "notifications");
  page = lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_NOTIFICATIONS_PAGE);
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (page));
  LIA_TEST_SPIN_UNTIL (lia_test_ui_find (page, is_shown_badge,
                                         GINT_TO_POINTER (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)) != NULL);
  assert_badge (page, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);

  lia_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-sensitivity-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/sensitivity/actors-export-question", test_actors_export_question);
  g_test_add_func ("/ui/sensitivity/notifications-badge", test_notifications_badge);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);

  return status;
}
