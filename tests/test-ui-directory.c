/* test-ui-directory.c — the Directory page on a directory that came from HQ:
 * search, hats, the stale warning by the clock, a vCard written to a file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/directory/render-pages also saves
 * what it renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-directory-page.h"

static char *data_dir;

static const char directory_json[] =
  "{ \"valid_as_of\": \"2026-11-25\", \"entries\": ["
  "  { \"id\": \"korv-01\", \"name\": \"Lena Marsh\", \"role\": \"CMCoord Officer\","
  "    \"operation\": \"op-korvania\", \"location\": \"Ostrel\","
  "    \"contacts\": [ { \"channel\": \"phone\", \"value\": \"+000 555 0101\" },"
  "                    { \"channel\": \"email\", \"value\": \"lena.marsh@example.org\" } ],"
  "    \"hats\": [ \"Access Focal Point\" ], \"since\": \"2026-01-10\", \"last_confirmed\": \"2026-11-20\" },"
  "  { \"id\": \"korv-02\", \"name\": \"Omar Haddad\", \"role\": \"Deputy CMCoord Officer\","
  "    \"operation\": \"op-korvania\", \"location\": \"Kessel\","
  "    \"contacts\": [ { \"channel\": \"satphone\", \"value\": \"+881 600 0202\" },"
  "                    { \"channel\": \"signal\", \"value\": \"@omar.h\" } ],"
  "    \"hats\": [ \"Security Focal Point\", \"Gender Focal Point\" ], \"since\": \"2026-03-01\","
  "    \"last_confirmed\": \"2026-06-01\" },"
  "  { \"id\": \"tess-01\", \"name\": \"Amina Diallo\", \"role\": \"Civil-Military Liaison\","
  "    \"operation\": \"op-tessaly\", \"location\": \"Orrin\","
  "    \"contacts\": [ { \"channel\": \"radio\", \"value\": \"Callsign LIMA 3\" } ],"
  "    \"last_confirmed\": \"2026-11-01\" } ] }";

/* The directory as a sync brings it: HQ's record, applied as HQ sent it */
static void
publish_directory (LiaStore *store)
{
  g_autoptr(LiaSyncChange) change = g_new0 (LiaSyncChange, 1);
  g_autoptr(GError) error = NULL;
  LiaApplyResult result;

  change->uuid = g_uuid_string_random ();
  change->record_type = g_strdup ("directory");
  change->operation = g_strdup ("*");
  change->sensitivity = LIA_SENSITIVITY_RESTRICTED;
  change->revision = 1;
  change->author_device = g_strdup ("hq");
  change->changed_at = g_strdup ("2026-11-25T08:00:00.000000Z");
  change->body = lia_directory_body_from_file (directory_json, strlen (directory_json), "2026-11-25", &error);
  g_assert_no_error (error);

  g_assert_true (lia_store_apply_remote (store, change, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, LIA_APPLY_APPLIED);
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) && gtk_widget_is_drawable (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_page_stale_warning (GtkWidget     *widget,
                       gconstpointer  data)
{
  return gtk_widget_has_css_class (widget, "stale-warning") &&
         !gtk_widget_has_css_class (widget, "card-warning");
}

static gboolean
is_entry_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_has_css_class (widget, "navigation-sidebar");
}

static gboolean
is_export_button (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget)))),
                    _("_Export vCard…")) == 0;
}

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

static guint
count_rows (GtkWidget *page)
{
  GtkWidget *list = lia_test_ui_find (page, is_entry_list, NULL);
  guint n = 0;

  g_assert_nonnull (list);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

static LiaWindow *
open_window (LiaClock *clock)
{
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("org.cmcoord.Liaison");
  g_autoptr(LiaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window;

  store = lia_test_open_store_in_dir (data_dir, clock);
  g_assert_no_error (error);
  context = lia_context_new (store, settings, clock);

  window = lia_window_new (lia_test_ui_get_app (), context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_present (GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static LiaDirectoryPage *
show_directory (LiaWindow *window)
{
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "directory");
  page = lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_DIRECTORY_PAGE);
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (page));

  return LIA_DIRECTORY_PAGE (page);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_directory_page_export_vcard_finish (LIA_DIRECTORY_PAGE (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_directory (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 9, 0, 0);
  g_autoptr(GDateTime) day_30 = g_date_time_new_utc (2026, 12, 25, 20, 0, 0);
  g_autoptr(GDateTime) day_32 = g_date_time_new_utc (2026, 12, 27, 9, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (now);
  g_autofree char *vcard_path = g_build_filename (data_dir, "omar.vcf", NULL);
  g_autoptr(GFile) vcard_file = g_file_new_for_path (vcard_path);
  g_autofree char *vcard = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window = open_window (clock);
  LiaDirectoryPage *page;
  GtkWidget *search;
  GtkWidget *row;
  GtkWidget *stale;
  AdwActionRow *hats_row;
  gboolean done = FALSE;

  /* Before HQ sent one: where it comes from */
  page = show_directory (window);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), lia_test_ui_is_of_type, GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE)));
  g_assert_false (gtk_widget_is_drawable (lia_test_ui_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY)));

  publish_directory (lia_context_get_store (lia_window_get_context (window)));
  lia_directory_page_refresh (page);

  search = lia_test_ui_find_type (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  LIA_TEST_SPIN_UNTIL (gtk_widget_is_drawable (search));
  g_assert_cmpuint (count_rows (GTK_WIDGET (page)), ==, 3);

  /* Fresh: four days old */
  stale = lia_test_ui_find (GTK_WIDGET (page), is_page_stale_warning, NULL);
  g_assert_nonnull (stale);
  g_assert_false (gtk_widget_get_visible (stale));

  /* Search narrows the list, by a hat too */
  gtk_editable_set_text (GTK_EDITABLE (search), "haddad");
  LIA_TEST_SPIN_UNTIL (count_rows (GTK_WIDGET (page)) == 1);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Omar Haddad"));
  gtk_editable_set_text (GTK_EDITABLE (search), "access");
  LIA_TEST_SPIN_UNTIL (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Lena Marsh") != NULL &&
                       count_rows (GTK_WIDGET (page)) == 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "security");
  LIA_TEST_SPIN_UNTIL (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Omar Haddad") != NULL &&
                       count_rows (GTK_WIDGET (page)) == 1);

  /* The detail shows the other hats and how to reach him */
  row = lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Omar Haddad");
  gtk_widget_activate (row);
  lia_test_ui_spin_pending ();
  g_assert_cmpstr (lia_directory_page_get_shown_entry (page), ==, "korv-02");
  hats_row = ADW_ACTION_ROW (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, _("Also Serves As")));
  g_assert_nonnull (hats_row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (hats_row), "Security Focal Point"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (hats_row), "Gender Focal Point"));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, _("Satellite phone")));

  /* 30 days after “valid as of”: not yet stale; 32: stale, seen on the
   * way back to the page */
  lia_clock_set_now (clock, day_30);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "guidance");
  page = show_directory (window);
  g_assert_false (gtk_widget_get_visible (stale));
  lia_clock_set_now (clock, day_32);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "guidance");
  page = show_directory (window);
  g_assert_true (gtk_widget_get_visible (stale));

  /* His card, as a phone imports it */
  lia_directory_page_export_vcard_async (page, vcard_file, NULL, exported_cb, &done);
  LIA_TEST_SPIN_UNTIL (done);
  g_assert_true (g_file_get_contents (vcard_path, &vcard, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (vcard, "BEGIN:VCARD\r\n"));
  g_assert_nonnull (strstr (vcard, "FN:Omar Haddad\r\n"));
  g_assert_nonnull (strstr (vcard, "+881 600 0202"));
  g_assert_nonnull (strstr (vcard, "Security Focal Point"));

  /* The button asks where, with the contact's name as the file's */
  {
    GtkWidget *button = lia_test_ui_find (GTK_WIDGET (page), is_export_button, NULL);
    GtkWindow *chooser;

    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    LIA_TEST_SPIN_UNTIL ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL &&
                         gtk_widget_get_mapped (GTK_WIDGET (chooser)));
    g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (chooser)), ==, GTK_FILE_CHOOSER_ACTION_SAVE);
    g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==, "Omar Haddad.vcf");
    gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
    LIA_TEST_SPIN_UNTIL (find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG) == NULL);
  }

  lia_test_ui_close_window (window);
}

static void
test_directory_render_pages (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 9, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_new_utc (2027, 1, 15, 9, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (now);
  LiaWindow *window = open_window (clock);
  g_autoptr(GPtrArray) directories = NULL;
  LiaDirectoryPage *page;

  directories = lia_store_list (lia_context_get_store (lia_window_get_context (window)), "directory", NULL, NULL);
  if (directories == NULL || directories->len == 0)
    publish_directory (lia_context_get_store (lia_window_get_context (window)));

  page = show_directory (window);
  lia_directory_page_refresh (page);
  g_assert_true (lia_directory_page_show_entry (page, "korv-01"));
  lia_test_ui_render (GTK_WIDGET (window), "directory-detail");

  g_assert_true (lia_directory_page_show_entry (page, "korv-02"));
  lia_clock_set_now (clock, later);
  lia_directory_page_refresh (page);
  lia_test_ui_render (GTK_WIDGET (window), "directory-stale");

  lia_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-directory-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/directory/search-stale-vcard", test_directory);
  g_test_add_func ("/ui/directory/render-pages", test_directory_render_pages);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);
  g_free (data_dir);

  return status;
}
