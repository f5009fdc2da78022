/* test-ui-sync.c — the Sync page against a real liaison-hq: enrol from the
 * form, see what waits in the header, sync with win.sync-now
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-store.h"
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
is_label_saying (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
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

static gboolean
is_row_titled_containing (GtkWidget     *widget,
                          gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) != NULL;
}

static guint
count_rows (GtkWidget *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), n) != NULL)
    n++;

  return n;
}

static gboolean
is_group_titled (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_GROUP (widget) &&
         g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

/* The group's own list box, for rows, stays hidden while empty. */
static gboolean
is_shown_list_box (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_LIST_BOX (widget) && gtk_widget_get_visible (widget);
}

/* The list box the page put in the preferences group titled @title. */
static GtkWidget *
find_group_list (GtkWidget  *page,
                 const char *title)
{
  GtkWidget *group = find_visible (page, is_group_titled, title);

  return find_visible (group, is_shown_list_box, NULL);
}

static void
sync_now_and_wait (LiaWindow     *window,
                   LiaSyncPage   *page,
                   LiaSyncEngine *engine)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  LIA_TEST_SPIN_UNTIL (!lia_sync_page_get_busy (page) &&
                       lia_sync_engine_get_state (engine) != LIA_SYNC_STATE_SYNCING);
}

static void
set_note_text (LiaStore   *store,
               const char *uuid,
               const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaRecord) note = lia_store_load (store, uuid, &error);

  g_assert_no_error (error);
  lia_test_note_set_text (LIA_TEST_NOTE (note), text);
  g_assert_true (lia_store_save (store, note, &error));
  g_assert_no_error (error);
}

static const char *
note_text (LiaStore   *store,
           const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaRecord) note = lia_store_load (store, uuid, &error);
  static char text[256];

  g_assert_no_error (error);
  g_strlcpy (text, lia_test_note_get_text (LIA_TEST_NOTE (note)), sizeof text);
  return text;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

/* The end of the page, where the conflicts and the log are. */
static void
render_page_bottom (LiaWindow   *window,
                    LiaSyncPage *page,
                    const char  *name)
{
  GtkStack *stack = GTK_STACK (lia_test_ui_find_type (GTK_WIDGET (page), GTK_TYPE_STACK));
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (gtk_stack_get_visible_child (stack));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (scrolled);

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  lia_test_ui_render (GTK_WIDGET (window), name);
  gtk_adjustment_set_value (adjustment, 0);
}

typedef struct
{
  GtkWidget *bar;
  guint      shown;
  char      *text;
} ProgressWatch;

static void
on_progress (LiaSyncEngine *engine,
             ProgressWatch *watch)
{
  LiaSyncProgress progress;

  /* The page handles the signal first: its bar says where the sync is. */
  lia_sync_engine_get_progress (engine, &progress);
  if (progress.phase == LIA_SYNC_PHASE_PUSH && gtk_widget_get_visible (watch->bar))
    {
      watch->shown++;
      g_free (watch->text);
      watch->text = g_strdup (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (watch->bar)));
    }
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
  GtkWidget *log_list;
  ProgressWatch progress = { NULL, };
  g_autoptr(LiaClock) other_clock = NULL;
  g_autoptr(LiaStore) other_store = NULL;
  g_autoptr(LiaSyncEngine) other = NULL;

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
  pending_row = find_visible (GTK_WIDGET (page), is_row_titled_containing, _("Changes waiting"));
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
  /* What waits, per record type, with its size */
  g_assert_true (g_str_has_prefix (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (pending_row)), "1 change ("));
  {
    GtkWidget *type_row = find_visible (pending_row, is_action_row_titled, "test-note");

    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (type_row)), "1 change, "));
  }
  g_assert_nonnull (strstr (get_sync_status (window), "1"));
  g_assert_cmpstr (get_sync_status (window), !=, _("Everything sent"));

  /* Sync Now, as F5 does; the bar shows how far it has got */
  progress.bar = find_visible (GTK_WIDGET (page), lia_test_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_PROGRESS_BAR));
  g_signal_connect (engine, "progress", G_CALLBACK (on_progress), &progress);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.sync-now", NULL));
  g_assert_true (lia_sync_page_get_busy (page) ||
                 lia_sync_engine_get_state (engine) == LIA_SYNC_STATE_SYNCING);
  LIA_TEST_SPIN_UNTIL (!lia_sync_page_get_busy (page) &&
                       lia_sync_engine_get_state (engine) != LIA_SYNC_STATE_SYNCING);
  g_signal_handlers_disconnect_by_func (engine, on_progress, &progress);
  g_assert_cmpint (lia_sync_engine_get_state (engine), ==, LIA_SYNC_STATE_IDLE);
  g_assert_cmpint (lia_sync_engine_get_pending (engine), ==, 0);
  g_assert_nonnull (lia_sync_engine_get_last_sync (engine));
  g_assert_cmpstr (get_sync_status (window), ==, _("Everything sent"));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (pending_row)), ==, _("Nothing waiting"));
  g_assert_cmpuint (progress.shown, >=, 1);
  g_assert_nonnull (strstr (progress.text, "1 change"));
  g_assert_false (gtk_widget_get_visible (progress.bar));

  /* The log shows the attempt */
  log_list = find_group_list (GTK_WIDGET (page), _("Recent Syncs"));
  g_assert_cmpuint (count_rows (log_list), >=, 1);
  {
    GtkWidget *first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (log_list), 0));

    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), _("Completed")));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (first)), "Sent 1"));
  }

  /* No conflicts: the empty state shows, with room for its words */
  {
    GtkWidget *empty = find_visible (GTK_WIDGET (page), is_label_saying,
                                     _("No conflicts: nothing needs your decision."));

    g_assert_true (gtk_widget_get_mapped (empty));
    g_assert_cmpint (gtk_widget_get_height (empty), >, 0);
  }

  /* HQ has it: a second device of the operation receives the note */
  other_code = mint_code (&hq);
  other_dir = g_build_filename (g_getenv ("LIAISON_DATA_DIR"), "other-device", NULL);
  {
    /* Its clock runs an hour ahead: its edits are the later ones, and win. */
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
    g_autoptr(GDateTime) ahead = g_date_time_add_hours (now, 1);
    LiaSyncStats stats = { 0, };

    other_clock = lia_clock_new_fixed (ahead);
    other_store = lia_test_open_store_in_dir (other_dir, other_clock);
    g_assert_no_error (error);
    other = lia_sync_engine_new (other_store);
    g_assert_true (lia_sync_engine_enrol (other, hq.base_url, other_code, "second", &error));
    g_assert_no_error (error);
    g_assert_true (lia_sync_engine_sync (other, NULL, NULL, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.pulled, ==, 1);
  }

  /* Three records edited here and on the other device at once: three
   * conflicts, resolved with Keep Mine, Keep Theirs and Merge. */
  {
    LiaStore *store = lia_context_get_store (context);
    const char *texts[] = { "Road A open", "Road B open", "Road C open" };
    char *uuids[G_N_ELEMENTS (texts)];
    GtkWidget *conflicts_list;
    GtkWidget *row;
    AdwMessageDialog *dialog;
    LiaSyncStats stats = { 0, };

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(LiaTestNote) note = lia_test_note_new (OPERATION, texts[i]);

        g_assert_true (lia_store_save (store, LIA_RECORD (note), &error));
        g_assert_no_error (error);
        uuids[i] = g_strdup (lia_record_get_uuid (LIA_RECORD (note)));
      }
    sync_now_and_wait (window, page, engine);
    g_assert_true (lia_sync_engine_sync (other, NULL, NULL, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (stats.pulled, ==, 3);

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autofree char *mine = g_strdup_printf ("Road %c closed (mine)", 'A' + i);
        g_autofree char *theirs = g_strdup_printf ("Road %c flooded (theirs)", 'A' + i);

        set_note_text (store, uuids[i], mine);
        set_note_text (other_store, uuids[i], theirs);
      }
    g_assert_true (lia_sync_engine_sync (other, NULL, NULL, &stats, &error));
    g_assert_no_error (error);
    sync_now_and_wait (window, page, engine);
    g_assert_cmpint (lia_sync_engine_get_conflicts (engine), ==, 3);

    conflicts_list = find_group_list (GTK_WIDGET (page), _("Conflicts"));
    LIA_TEST_SPIN_UNTIL (count_rows (conflicts_list) == 3);

    /* Keep Mine on the first */
    row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (conflicts_list), 0));
    gtk_widget_activate (find_visible (row, is_button_labelled, _("Keep _Mine")));
    /* A button clicks a moment after it is activated. */
    LIA_TEST_SPIN_UNTIL (count_rows (conflicts_list) == 2);
    g_assert_cmpstr (note_text (store, uuids[0]), ==, "Road A closed (mine)");

    /* Keep Theirs on the next */
    row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (conflicts_list), 0));
    gtk_widget_activate (find_visible (row, is_button_labelled, _("Keep _Theirs")));
    /* A button clicks a moment after it is activated. */
    LIA_TEST_SPIN_UNTIL (count_rows (conflicts_list) == 1);
    g_assert_cmpstr (note_text (store, uuids[1]), ==, "Road B flooded (theirs)");

    /* Merge on the last: one field differs, theirs is chosen */
    row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (conflicts_list), 0));
    gtk_widget_activate (find_visible (row, is_button_labelled, _("M_erge…")));
    LIA_TEST_SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL &&
                         gtk_widget_get_mapped (GTK_WIDGET (dialog)));
    {
      GtkWidget *field_row = find_visible (GTK_WIDGET (dialog), is_action_row_titled, "text");
      GtkWidget *mine_toggle = find_visible (field_row, is_button_labelled, _("Mine"));
      GtkWidget *theirs_toggle = find_visible (field_row, is_button_labelled, _("Theirs"));

      g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (field_row)), "Road C closed (mine)"));
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (mine_toggle), TRUE);
      g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (theirs_toggle)));
      gtk_widget_activate (theirs_toggle);
      LIA_TEST_SPIN_UNTIL (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (theirs_toggle)));
      g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (mine_toggle)));
    }
    lia_test_ui_render (GTK_WIDGET (dialog), "sync-merge");
    adw_message_dialog_response (dialog, "merge");
    lia_test_ui_spin_pending ();
    g_assert_cmpuint (count_rows (conflicts_list), ==, 0);
    g_assert_cmpint (lia_sync_engine_get_conflicts (engine), ==, 0);
    g_assert_cmpstr (note_text (store, uuids[2]), ==, "Road C flooded (theirs)");

    /* The choices travel: the other device ends up with them */
    sync_now_and_wait (window, page, engine);
    g_assert_true (lia_sync_engine_sync (other, NULL, NULL, &stats, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (note_text (other_store, uuids[0]), ==, "Road A closed (mine)");
    g_assert_cmpstr (note_text (other_store, uuids[2]), ==, "Road C flooded (theirs)");

    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      g_free (uuids[i]);
  }

  /* A record above this device's clearance: refused by HQ, listed with the
   * reason, and the rest still goes */
  {
    g_autoptr(LiaTestNote) secret = lia_test_note_new (OPERATION, "Source in the ministry");
    g_autoptr(LiaTestNote) plain = lia_test_note_new (OPERATION, "Market open");
    GtkWidget *refused_list = find_group_list (GTK_WIDGET (page), _("Refused by HQ"));
    GtkWidget *refused_row;

    lia_record_set_sensitivity (LIA_RECORD (secret), LIA_SENSITIVITY_CONFIDENTIAL);
    g_assert_true (lia_store_save (lia_context_get_store (context), LIA_RECORD (secret), &error));
    g_assert_true (lia_store_save (lia_context_get_store (context), LIA_RECORD (plain), &error));
    g_assert_no_error (error);
    g_assert_false (gtk_widget_get_mapped (refused_list));

    sync_now_and_wait (window, page, engine);
    g_assert_cmpint (lia_sync_engine_get_state (engine), ==, LIA_SYNC_STATE_IDLE);
    g_assert_cmpint (lia_sync_engine_get_pending (engine), ==, 0);
    g_assert_cmpint (lia_sync_engine_get_refused (engine), ==, 1);
    LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (refused_list));
    g_assert_cmpuint (count_rows (refused_list), ==, 1);
    refused_row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (refused_list), 0));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (refused_row)), "clearance"));
    /* Not “Everything sent”: the header says what HQ would not take */
    LIA_TEST_SPIN_UNTIL (g_strcmp0 (get_sync_status (window), "1 change refused by HQ") == 0);
  }

  lia_test_ui_render (GTK_WIDGET (window), "sync-page");
  render_page_bottom (window, page, "sync-page-bottom");

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

  /* HQ gone: offline, in plain words, in the header and on the page */
  lia_test_hq_stop (&hq, SIGTERM);
  {
    g_autoptr(LiaTestNote) note = lia_test_note_new (OPERATION, "Written while HQ is away");
    GtkWidget *error_row = find_visible (GTK_WIDGET (page), is_action_row_titled, _("Last error"));
    GtkWidget *first;

    g_assert_true (lia_store_save (lia_context_get_store (context), LIA_RECORD (note), &error));
    g_assert_no_error (error);
    sync_now_and_wait (window, page, engine);
    g_assert_cmpint (lia_sync_engine_get_state (engine), ==, LIA_SYNC_STATE_OFFLINE);
    g_assert_cmpstr (get_sync_status (window), ==, "Offline — 1 change waiting");
    LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (error_row));
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (error_row)), "Liaison will try again"));

    first = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (log_list), 0));
    g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first)), _("HQ not reachable")));
    lia_test_ui_render (GTK_WIDGET (window), "sync-page-offline");
  }

  lia_test_ui_close_window (window);
  lia_test_hq_clear (&hq);
  g_free (progress.text);
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
