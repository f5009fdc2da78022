/* test-ui-sync.c — the Sync page against a real liaison-hq: enrol from the
 * form, see what waits in the header, sync with win.sync-now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-ui.h"
#include "lia-test-util.h"
#include "lia-test-hq.h"
#include "lia-test-note.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

#include "lia-sync-page.h"

#define OPERATION "op-korvania"

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_entry_row_titled (GtkWidget     *widget,
                     gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_action_row_titled (GtkWidget     *widget,
                      gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static const char *
get_sync_status (LiaWindow *window)
{
  GtkWidget *button = lia_test_ui_find (GTK_WIDGET (window), lia_test_ui_is_button_for_action,
                                        "win.show-page");
  GtkWidget *label;

  g_assert_nonnull (button);
  label = lia_test_ui_find_type (button, GTK_TYPE_LABEL);

  return gtk_label_get_label (GTK_LABEL (label));
}

static GtkWidget *
find_visible (GtkWidget              *root,
              LiaTestWidgetPredicate  predicate,
              gconstpointer           data)
{
  GtkWidget *widget = lia_test_ui_find (root, predicate, data);

  g_assert_nonnull (widget);

  return widget;
}

static char *
mint_code (LiaTestHq *hq)
{
  const char *args[] = {
    "enrol-code", "--db", hq->db_path, "--operation", OPERATION, "--clearance", "restricted", NULL
  };
  char *code = NULL;

  g_assert_cmpint (lia_test_hq_run (args, &code, NULL), ==, 0);
  g_strstrip (code);
  g_assert_true (g_str_has_prefix (code, "LIA1-"));

  return code;
}

static void
test_sync_enrol_and_sync (void)
{
  const char *hq_args[] = { "--insecure-http", "--rate-limit", "100000", NULL };
  LiaTestHq hq = { 0, };
  g_autofree char *code = NULL;
  g_autofree char *other_code = NULL;
  g_autofree char *other_dir = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window;
  LiaContext *context;
  LiaSyncEngine *engine;
  LiaSyncPage *page;
  GtkWidget *address_row;
  GtkWidget *code_row;
  GtkWidget *enrol_button;
  GtkWidget *pending_row;

  lia_test_hq_start (&hq, hq_args);
  code = mint_code (&hq);

  window = lia_test_ui_open_window ();
  context = lia_window_get_context (window);
  engine = lia_context_get_sync_engine (context);
  g_assert_nonnull (engine);

  g_assert_false (lia_sync_engine_get_enrolled (engine));
  g_assert_cmpstr (get_sync_status (window), ==, _("Not enrolled with HQ"));

  /* The header leads to the Sync page, which offers the form */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "sync");
  page = LIA_SYNC_PAGE (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_SYNC_PAGE));
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (page)));

  address_row = find_visible (GTK_WIDGET (page), is_entry_row_titled, _("HQ address"));
  code_row = find_visible (GTK_WIDGET (page), is_entry_row_titled, _("Enrolment code"));
  enrol_button = find_visible (GTK_WIDGET (page), is_button_labelled, _("_Enrol"));
  g_assert_true (gtk_widget_get_mapped (address_row));

  /* Enabled only when both look valid */
  g_assert_false (gtk_widget_get_sensitive (enrol_button));
  gtk_editable_set_text (GTK_EDITABLE (address_row), "not an address");
  gtk_editable_set_text (GTK_EDITABLE (code_row), code);
  g_assert_false (gtk_widget_get_sensitive (enrol_button));
  gtk_editable_set_text (GTK_EDITABLE (address_row), hq.base_url);
  gtk_editable_set_text (GTK_EDITABLE (code_row), "LIA1-nonsense");
  g_assert_false (gtk_widget_get_sensitive (enrol_button));
  gtk_editable_set_text (GTK_EDITABLE (code_row), code);
  g_assert_true (gtk_widget_get_sensitive (enrol_button));

  /* Enrolment runs in a worker: the loop keeps turning meanwhile */
  gtk_widget_activate (enrol_button);
  LIA_TEST_SPIN_UNTIL (lia_sync_engine_get_enrolled (engine));
  g_assert_cmpstr (get_sync_status (window), !=, _("Not enrolled with HQ"));

  /* The status rows replace the form */
  pending_row = find_visible (GTK_WIDGET (page), is_action_row_titled, _("Changes waiting"));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (pending_row));
  g_assert_false (gtk_widget_get_mapped (address_row));
  {
    GtkWidget *operation_row = find_visible (GTK_WIDGET (page), is_action_row_titled, _("Operation"));

    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (operation_row)), ==, OPERATION);
  }

  /* The scheduler may sync on enrolment; let it finish */
  LIA_TEST_SPIN_UNTIL (lia_sync_engine_get_state (engine) != LIA_SYNC_STATE_SYNCING &&
                       !lia_sync_page_get_busy (page));

  /* A record saved anywhere in the app shows as waiting at once: the
   * store announces the save and the engine counts again */
  {
    g_autoptr(LiaTestNote) note = lia_test_note_new (OPERATION, "Checkpoint 4 reopened at 06:00");

    g_assert_true (lia_store_save (lia_context_get_store (context), LIA_RECORD (note), &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (lia_sync_engine_get_pending (engine), ==, 1);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pending_row)), ==, "1");
  g_assert_nonnull (strstr (get_sync_status (window), "1"));
  g_assert_cmpstr (get_sync_status (window), !=, _("Everything sent"));

  /* Sync Now, as F5 does */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  g_assert_true (lia_sync_page_get_busy (page) ||
                 lia_sync_engine_get_state (engine) == LIA_SYNC_STATE_SYNCING);
  LIA_TEST_SPIN_UNTIL (!lia_sync_page_get_busy (page) &&
                       lia_sync_engine_get_state (engine) != LIA_SYNC_STATE_SYNCING);
  g_assert_cmpint (lia_sync_engine_get_state (engine), ==, LIA_SYNC_STATE_IDLE);
  g_assert_cmpint (lia_sync_engine_get_pending (engine), ==, 0);
  g_assert_nonnull (lia_sync_engine_get_last_sync (engine));
  g_assert_cmpstr (get_sync_status (window), ==, _("Everything sent"));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (pending_row)), ==, "0");

  /* No conflicts: the empty state shows */
  {
    GtkWidget *empty = find_visible (GTK_WIDGET (page), lia_test_ui_is_of_type,
                                     GSIZE_TO_POINTER (ADW_TYPE_STATUS_PAGE));

    g_assert_cmpstr (adw_status_page_get_title (ADW_STATUS_PAGE (empty)), ==, _("No Conflicts"));
    g_assert_true (gtk_widget_get_mapped (empty));
  }

  /* HQ has it: a second device of the operation receives the note */
  other_code = mint_code (&hq);
  other_dir = g_build_filename (g_getenv ("LIAISON_DATA_DIR"), "other-device", NULL);
  {
    g_autoptr(LiaClock) clock = lia_clock_new_system ();
    g_autoptr(LiaStore) store = lia_store_open_in_dir (other_dir, clock, &error);
    g_autoptr(LiaSyncEngine) other = NULL;
    LiaSyncStats stats = { 0, };

    g_assert_no_error (error);
    other = lia_sync_engine_new (store);
    g_assert_true (lia_sync_engine_enrol (other, hq.base_url, other_code, "second", &error));
    g_assert_no_error (error);
    g_assert_true (lia_sync_engine_sync (other, NULL, NULL, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.pulled, ==, 1);
  }

  /* HQ revokes this device: the next sync, whoever starts it (here the
   * engine itself, as the scheduler would), puts it in the header. */
  {
    g_autofree char *device_id = lia_store_get_setting (lia_context_get_store (context), "sync-device-id");
    const char *args[] = { "revoke", device_id, "--db", hq.db_path, NULL };

    g_assert_nonnull (device_id);
    g_assert_cmpint (lia_test_hq_run (args, NULL, NULL), ==, 0);
    lia_sync_engine_sync_async (engine, NULL, NULL, NULL, NULL);
    LIA_TEST_SPIN_UNTIL (lia_sync_engine_get_state (engine) != LIA_SYNC_STATE_SYNCING);
    g_assert_cmpint (lia_sync_engine_get_state (engine), ==, LIA_SYNC_STATE_REFUSED);
    LIA_TEST_SPIN_UNTIL (g_strcmp0 (get_sync_status (window), _("HQ refused this device")) == 0);
  }

  lia_test_ui_close_window (window);
  lia_test_hq_stop (&hq, SIGTERM);
  lia_test_hq_clear (&hq);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-sync-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  lia_store_register_type (LIA_TYPE_TEST_NOTE);

  g_test_add_func ("/ui/sync/enrol-and-sync", test_sync_enrol_and_sync);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);

  return status;
}
