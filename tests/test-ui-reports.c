/* test-ui-reports.c — the Reports page: an after-action review written in
 * the real form, kept across a restart, refused while incomplete, then
 * submitted and read-only; lessons found by a word
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/reports/render-pages also saves what
 * it renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <glib/gi18n.h>

#include "lia-handover-window.h"
#include "lia-report-form.h"
#include "lia-reports-page.h"
#include "lia-sensitivity-badge.h"
#include "lia-sensitivity-row.h"

#define OPERATION "op-korvania"

static char *data_dir;

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_row_titled (GtkWidget     *widget,
               gconstpointer  data)
{
  return ADW_IS_ACTION_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_label_exactly (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* A window on the store in data_dir, as the application makes it, with a
 * clock the test sets */
static LiaWindow *
open_window (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 9, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (now);
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GSettings) settings = g_settings_new ("org.cmcoord.Liaison");
  g_autoptr(LiaContext) context = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window;

  store = lia_test_open_store_in_dir (data_dir, clock);
  g_assert_no_error (error);
  g_assert_true (lia_store_set_setting (store, "operation", OPERATION, &error));
  context = lia_context_new (store, settings, clock);

  window = lia_window_new (lia_test_ui_get_app (), context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  gtk_window_present (GTK_WINDOW (window));
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (window)));

  return window;
}

static LiaReportsPage *
show_reports (LiaWindow *window)
{
  GtkWidget *page;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-page", "s", "reports");
  page = lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_REPORTS_PAGE);
  g_assert_nonnull (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (page));

  return LIA_REPORTS_PAGE (page);
}

static LiaReportForm *
get_form (LiaReportsPage *page)
{
  GtkWidget *form = lia_test_ui_find_type (GTK_WIDGET (page), LIA_TYPE_REPORT_FORM);

  g_assert_nonnull (form);

  return LIA_REPORT_FORM (form);
}

/* What typing does: text at the cursor, one key press at a time */
static void
type_into (GtkWidget  *input,
           const char *text)
{
  gtk_widget_grab_focus (input);

  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));

      for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
        gtk_text_buffer_insert_interactive_at_cursor (buffer, p, g_utf8_next_char (p) - p, TRUE);
    }
  else
    {
      int position = -1;

      gtk_editable_insert_text (GTK_EDITABLE (input), text, -1, &position);
    }

  lia_test_ui_spin_pending ();
}

static void
type_field (LiaReportForm *form,
            const char    *key,
            const char    *text)
{
  GtkWidget *input = lia_report_form_get_field_input (form, key);

  g_assert_nonnull (input);
  type_into (input, text);
}

static void
click (GtkWidget  *root,
       const char *label)
{
  GtkWidget *button = lia_test_ui_find (root, is_button_labelled, label);

  if (button == NULL)
    g_error ("No button “%s”", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* What a click does, without the moment a button shows itself pressed */
  g_signal_emit_by_name (button, "clicked");
  lia_test_ui_spin_pending ();
}

static void
attached_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;

  /* Its error, if any, is shown in the form */
  lia_report_form_add_attachment_finish (LIA_REPORT_FORM (object), result, NULL);
  *done = TRUE;
}

static gboolean
is_shown_badge (GtkWidget     *widget,
                gconstpointer  data)
{
  return LIA_IS_SENSITIVITY_BADGE (widget) && gtk_widget_get_visible (widget) &&
         lia_sensitivity_badge_get_sensitivity (LIA_SENSITIVITY_BADGE (widget)) == GPOINTER_TO_INT (data);
}

static gboolean
is_any_shown_badge (GtkWidget     *widget,
                    gconstpointer  data)
{
  return LIA_IS_SENSITIVITY_BADGE (widget) && gtk_widget_get_visible (widget);
}

static LiaReport *
load_only_report (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 11, 29, 9, 0, 0);
  g_autoptr(LiaClock) clock = lia_clock_new_fixed (now);
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GError) error = NULL;

  store = lia_test_open_store_in_dir (data_dir, clock);
  g_assert_no_error (error);
  reports = lia_store_list (store, "report", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reports->len, ==, 1);

  return g_object_ref (g_ptr_array_index (reports, 0));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* Still referenced by the list of toplevels */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static GtkWindow *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_reports_aar (void)
{
  g_autoptr(LiaReport) stored = NULL;
  LiaWindow *window = open_window ();
  LiaReportsPage *page = show_reports (window);
  LiaReportForm *form;
  GtkWidget *row;
  GtkWidget *planned;
  GtkWindow *dialog;

  /* Empty at first, and says what to do */
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_label_exactly, _("No Reports Yet")));

  /* Ctrl+N offers the kinds; the menu's action starts an AAR */
  {
    g_autoptr(GtkShortcut) shortcut = lia_test_ui_find_shortcut (GTK_WIDGET (window), "<Control>n");
    GtkMenuButton *new_button = GTK_MENU_BUTTON (lia_test_ui_find_type (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON));

    g_assert_nonnull (shortcut);
    g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), GTK_SHORTCUT_ACTION_EXCLUSIVE,
                                                 GTK_WIDGET (window), NULL));
    LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (new_button))));
    gtk_menu_button_popdown (new_button);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "reports.new", "s", "aar"));
  lia_test_ui_spin_pending ();
  form = get_form (page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (form)));

  /* The four questions of an after-action review */
  for (guint i = 0; i < 4; i++)
    {
      const char *keys[] = { "planned", "happened", "why_different", "improve" };

      g_assert_true (GTK_IS_TEXT_VIEW (lia_report_form_get_field_input (form, keys[i])));
    }

  type_field (form, "title", "Convoy to Orrin held at Marrow Ford");
  type_field (form, "period_start", "2026-10-14");
  type_field (form, "period_end", "2026-10-14");
  type_field (form, "event", "Inter-agency convoy of six trucks");
  type_field (form, "participants", "CMCoord officer, Convoy leader");
  type_field (form, "planned", "Notified 48 h ahead; arrival by noon.");
  type_field (form, "happened", "Held four hours at the checkpoint.");
  type_field (form, "why_different", "The acknowledgement never reached the checkpoint.");
  type_field (form, "improve", "Call the liaison officer the evening before.");
  /* “sustain” stays empty for now */

  /* Who may read it: confidential unless said otherwise, as the header
   * shows; the officer makes it strictly confidential */
  {
    GtkWidget *sensitivity = lia_report_form_get_field_input (form, "sensitivity");

    g_assert_true (LIA_IS_SENSITIVITY_ROW (sensitivity));
    g_assert_cmpint (lia_sensitivity_row_get_sensitivity (LIA_SENSITIVITY_ROW (sensitivity)), ==,
                     LIA_SENSITIVITY_CONFIDENTIAL);
    g_assert_true (gtk_widget_get_focusable (sensitivity) && gtk_widget_is_sensitive (sensitivity));
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (form), is_shown_badge,
                                        GINT_TO_POINTER (LIA_SENSITIVITY_CONFIDENTIAL)));
    gtk_widget_grab_focus (sensitivity);
    adw_combo_row_set_selected (ADW_COMBO_ROW (sensitivity), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (sensitivity)), ==,
                     lia_sensitivity_get_description (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL));
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (form), is_shown_badge,
                                        GINT_TO_POINTER (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)));
  }

  click (GTK_WIDGET (form), _("Add _Lesson"));
  /* The new lesson has the focus */
  g_assert_true (GTK_IS_TEXT_VIEW (gtk_root_get_focus (GTK_ROOT (window))));
  type_into (gtk_root_get_focus (GTK_ROOT (window)), "Ask which checkpoints were briefed before every convoy.");
  click (GTK_WIDGET (form), _("_Save Draft"));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (form), is_label_exactly, _("Saved on this computer")));

  lia_test_ui_close_window (window);

  /* What a restart finds: the draft, as it was typed */
  stored = load_only_report ();
  g_assert_cmpint (lia_report_get_status (stored), ==, LIA_REPORT_STATUS_DRAFT);
  g_assert_cmpstr (lia_report_get_title (stored), ==, "Convoy to Orrin held at Marrow Ford");
  g_assert_cmpstr (lia_record_get_operation (LIA_RECORD (stored)), ==, OPERATION);
  g_assert_cmpuint (json_array_get_length (lia_report_get_lessons (stored)), ==, 1);
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (stored)), ==, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);

  window = open_window ();
  page = show_reports (window);
  row = lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Convoy to Orrin held at Marrow Ford");
  g_assert_nonnull (row);
  g_assert_nonnull (lia_test_ui_find (row, is_label_exactly, _("Draft")));
  g_assert_nonnull (lia_test_ui_find (row, is_shown_badge, GINT_TO_POINTER (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)));
  gtk_widget_activate (row);
  lia_test_ui_spin_pending ();
  form = get_form (page);
  /* Opened again, the row and the header say what it is */
  g_assert_cmpint (lia_sensitivity_row_get_sensitivity (LIA_SENSITIVITY_ROW (lia_report_form_get_field_input (form, "sensitivity"))),
                   ==, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (form), is_shown_badge,
                                      GINT_TO_POINTER (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)));

  /* Lowered to restricted, the badge goes from the header and, once
   * saved, from the list */
  adw_combo_row_set_selected (ADW_COMBO_ROW (lia_report_form_get_field_input (form, "sensitivity")),
                              LIA_SENSITIVITY_RESTRICTED);
  g_assert_null (lia_test_ui_find (GTK_WIDGET (form), is_any_shown_badge, NULL));
  g_assert_true (lia_report_form_save_draft (form));
  LIA_TEST_SPIN_UNTIL ((row = lia_test_ui_find (GTK_WIDGET (page), is_row_titled,
                                                "Convoy to Orrin held at Marrow Ford")) != NULL &&
                       lia_test_ui_find (row, is_any_shown_badge, NULL) == NULL);
  g_clear_object (&stored);
  stored = load_only_report ();
  g_assert_cmpint (lia_record_get_sensitivity (LIA_RECORD (stored)), ==, LIA_SENSITIVITY_RESTRICTED);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lia_report_form_get_field_input (form, "event"))), ==,
                   "Inter-agency convoy of six trucks");

  /* Attachments: a photo goes in; a file over the limit is refused in words */
  {
    g_autofree char *photo = g_build_filename (data_dir, "checkpoint.jpg", NULL);
    g_autofree char *video = g_build_filename (data_dir, "checkpoint.mp4", NULL);
    g_autoptr(GFile) photo_file = g_file_new_for_path (photo);
    g_autoptr(GFile) video_file = g_file_new_for_path (video);
    g_autofree char *big = g_malloc0 (LIA_ATTACHMENT_MAX_SIZE + 1);
    g_autoptr(GError) error = NULL;
    gboolean done = FALSE;

    g_assert_true (g_file_set_contents (photo, "\xff\xd8\xff\xe0 not much of a photo", -1, &error));
    g_assert_true (g_file_set_contents (video, big, LIA_ATTACHMENT_MAX_SIZE + 1, &error));

    lia_report_form_add_attachment_async (form, photo_file, NULL, attached_cb, &done);
    LIA_TEST_SPIN_UNTIL (done);
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (form), is_row_titled, "checkpoint.jpg"));

    done = FALSE;
    lia_report_form_add_attachment_async (form, video_file, NULL, attached_cb, &done);
    LIA_TEST_SPIN_UNTIL (done);
    g_assert_null (lia_test_ui_find (GTK_WIDGET (form), is_row_titled, "checkpoint.mp4"));
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (form), is_label_containing, "larger than 10 MB"));
  }

  /* Incomplete: Submit is refused, and the field says why */
  click (GTK_WIDGET (form), _("S_ubmit…"));
  g_assert_null (find_message_dialog ());
  g_assert_nonnull (lia_report_form_get_field_error (form, "sustain"));
  g_assert_nonnull (strstr (lia_report_form_get_field_error (form, "sustain"), _("What should be sustained?")));
  g_assert_null (lia_report_form_get_field_error (form, "planned"));
  g_clear_object (&stored);
  stored = load_only_report ();
  g_assert_cmpint (lia_report_get_status (stored), ==, LIA_REPORT_STATUS_DRAFT);

  /* Complete: asked, then submitted */
  type_field (form, "sustain", "Written notification with the cargo list.");
  click (GTK_WIDGET (form), _("S_ubmit…"));
  g_assert_null (lia_report_form_get_field_error (form, "sustain"));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), _("next sync")));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  lia_test_ui_spin_pending ();

  g_clear_object (&stored);
  stored = load_only_report ();
  g_assert_cmpint (lia_report_get_status (stored), ==, LIA_REPORT_STATUS_SUBMITTED);
  g_assert_cmpuint (json_array_get_length (lia_report_get_attachments (stored)), ==, 1);

  /* Read-only from now on, and shown as submitted */
  planned = lia_report_form_get_field_input (form, "planned");
  g_assert_false (gtk_text_view_get_editable (GTK_TEXT_VIEW (planned)));
  g_assert_false (gtk_editable_get_editable (GTK_EDITABLE (lia_report_form_get_field_input (form, "title"))));
  g_assert_null (lia_test_ui_find (GTK_WIDGET (form), is_button_labelled, _("S_ubmit…")));
  g_assert_null (lia_test_ui_find (GTK_WIDGET (form), is_button_labelled, _("_Save Draft")));
  g_assert_false (gtk_widget_is_sensitive (lia_report_form_get_field_input (form, "sensitivity")));
  LIA_TEST_SPIN_UNTIL ((row = lia_test_ui_find (GTK_WIDGET (page), is_row_titled,
                                                "Convoy to Orrin held at Marrow Ford")) != NULL &&
                       lia_test_ui_find (row, is_label_exactly, _("Submitted")) != NULL);

  lia_test_ui_close_window (window);
}

static gboolean
is_lessons_search (GtkWidget     *widget,
                   gconstpointer  data)
{
  /* Not the one of a drop-down's popover */
  return GTK_IS_SEARCH_ENTRY (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_POPOVER) == NULL;
}

static gboolean
lessons_list_has (GtkWidget  *page,
                  const char *text)
{
  return lia_test_ui_find (page, is_label_containing, text) != NULL;
}

static void
test_reports_lessons_search (void)
{
  g_autoptr(LiaCuratedLessons) curated = g_object_new (LIA_TYPE_CURATED_LESSONS, "operation", "*", NULL);
  g_autofree char *body = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window = open_window ();
  LiaReportsPage *page = show_reports (window);
  LiaStore *store = lia_context_get_store (lia_window_get_context (window));
  AdwViewStack *sections;
  GtkWidget *search;

  /* HQ's lessons, as a sync brings them */
  body = lia_curated_lessons_body_from_json ("[{\"text\": \"Brief checkpoint commanders yourself when you can.\","
                                             " \"tags\": [\"checkpoint\"], \"source\": \"Global AAR review\"}]",
                                             -1, &error);
  g_assert_no_error (error);
  g_assert_true (lia_record_deserialize_body (LIA_RECORD (curated), body, &error));
  g_assert_true (lia_store_save (store, LIA_RECORD (curated), &error));

  sections = ADW_VIEW_STACK (lia_test_ui_find_type (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (sections, "lessons");
  search = lia_test_ui_find (GTK_WIDGET (page), is_lessons_search, NULL);
  g_assert_nonnull (search);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (search));

  /* All of them without a query: the one from the AAR and HQ's */
  LIA_TEST_SPIN_UNTIL (lessons_list_has (GTK_WIDGET (page), "Ask which checkpoints were briefed") &&
                       lessons_list_has (GTK_WIDGET (page), "Brief checkpoint commanders"));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_label_exactly, _("From HQ")));

  /* A word of the AAR's lesson only */
  gtk_editable_set_text (GTK_EDITABLE (search), "convoy");
  LIA_TEST_SPIN_UNTIL (!lessons_list_has (GTK_WIDGET (page), "Brief checkpoint commanders"));
  g_assert_true (lessons_list_has (GTK_WIDGET (page), "Ask which checkpoints were briefed"));

  /* A word from nowhere */
  gtk_editable_set_text (GTK_EDITABLE (search), "helicopter");
  LIA_TEST_SPIN_UNTIL (!lessons_list_has (GTK_WIDGET (page), "Ask which checkpoints"));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_label_exactly, _("No Lessons Found")));

  lia_test_ui_close_window (window);
}

static gboolean
is_drop_down (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget);
}

static guint
count_report_rows (LiaReportsPage *page)
{
  GtkWidget *list = gtk_widget_get_parent (lia_test_ui_find (GTK_WIDGET (page), is_row_titled,
                                                             "Convoy to Orrin held at Marrow Ford"));
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    n++;

  return n;
}

/* A situation update has its own fields; the list filters by kind and
 * status */
static void
test_reports_filters (void)
{
  LiaWindow *window = open_window ();
  LiaReportsPage *page = show_reports (window);
  GtkDropDown *kind;
  GtkDropDown *status;
  LiaReportForm *form;

  g_assert_nonnull (lia_reports_page_new_report (page, LIA_REPORT_KIND_SITREP));
  form = get_form (page);
  g_assert_true (GTK_IS_TEXT_VIEW (lia_report_form_get_field_input (form, "developments")));
  g_assert_true (GTK_IS_TEXT_VIEW (lia_report_form_get_field_input (form, "access_constraints")));
  g_assert_true (GTK_IS_TEXT_VIEW (lia_report_form_get_field_input (form, "requests_to_hq")));
  g_assert_null (lia_report_form_get_field_input (form, "planned"));
  type_field (form, "title", "Weekly situation update, week 48");
  click (GTK_WIDGET (form), _("_Save Draft"));
  LIA_TEST_SPIN_UNTIL (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Weekly situation update, week 48") != NULL);
  g_assert_cmpuint (count_report_rows (page), ==, 2);

  kind = GTK_DROP_DOWN (lia_test_ui_find (GTK_WIDGET (page), is_drop_down, NULL));
  status = GTK_DROP_DOWN (lia_test_ui_find (gtk_widget_get_next_sibling (GTK_WIDGET (kind)), is_drop_down, NULL));

  /* Drafts: the situation update only */
  gtk_drop_down_set_selected (status, 1);
  g_assert_null (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Convoy to Orrin held at Marrow Ford"));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Weekly situation update, week 48"));

  /* After-action reviews that are drafts: none */
  gtk_drop_down_set_selected (kind, 1 + LIA_REPORT_KIND_AAR);
  g_assert_null (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Weekly situation update, week 48"));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_label_exactly, _("No Matching Reports")));

  /* Submitted after-action reviews: the convoy */
  gtk_drop_down_set_selected (status, 2);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Convoy to Orrin held at Marrow Ford"));
  g_assert_null (lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Weekly situation update, week 48"));

  lia_test_ui_close_window (window);
}

static void
test_reports_render_pages (void)
{
  LiaWindow *window = open_window ();
  LiaReportsPage *page = show_reports (window);
  LiaStore *store = lia_context_get_store (lia_window_get_context (window));
  g_autoptr(GError) error = NULL;
  AdwViewStack *sections;
  GtkWindow *handover;
  LiaReport *draft;

  /* A submitted AAR, a draft situation update with an attachment and a
   * draft follow-up */
  for (guint kind = LIA_REPORT_KIND_AAR; kind <= LIA_REPORT_KIND_FOLLOWUP; kind++)
    {
      g_autofree char *json = lia_report_template (kind);
      g_autoptr(LiaReport) report = lia_report_new_from_json (OPERATION, kind, json, &error);

      g_assert_no_error (error);
      if (kind == LIA_REPORT_KIND_SITREP)
        lia_report_add_attachment (report, "checkpoint-kessel.jpg", "image/jpeg", 48213,
                                   "9f2c0b6a0d1f4e3c8a7b5d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a");
      /* The follow-up names who helped: strictly confidential, so the
       * list and the handover show what that means */
      if (kind == LIA_REPORT_KIND_FOLLOWUP)
        lia_record_set_sensitivity (LIA_RECORD (report), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
      if (kind == LIA_REPORT_KIND_AAR)
        g_assert_true (lia_report_submit (report, store, &error));
      else
        g_assert_true (lia_store_save (store, LIA_RECORD (report), &error));
      g_assert_no_error (error);
    }

  /* And HQ's lessons */
  {
    g_autoptr(LiaCuratedLessons) curated = g_object_new (LIA_TYPE_CURATED_LESSONS, "operation", "*", NULL);
    g_autofree char *body = lia_curated_lessons_body_from_json ("[{\"text\": \"Brief checkpoint commanders yourself when you can: a notification acknowledged by a brigade rarely reaches its checkpoints the same day.\","
                                                                " \"tags\": [\"checkpoint\", \"notification\"], \"source\": \"Global AAR review 2025\"}]",
                                                                -1, &error);

    g_assert_no_error (error);
    g_assert_true (lia_record_deserialize_body (LIA_RECORD (curated), body, &error));
    g_assert_true (lia_store_save (store, LIA_RECORD (curated), &error));
  }

  lia_test_ui_render (GTK_WIDGET (window), "reports-list");

  /* A submitted report reads as one */
  {
    GtkWidget *row = lia_test_ui_find (GTK_WIDGET (page), is_row_titled, "Convoy to Ostrel district, 12 March");

    g_assert_nonnull (row);
    gtk_widget_activate (row);
    lia_test_ui_spin_pending ();
    lia_test_ui_render (GTK_WIDGET (window), "reports-submitted");
  }

  /* The AAR's form, a draft again to show its fields in use */
  draft = lia_reports_page_new_report (page, LIA_REPORT_KIND_AAR);
  g_assert_nonnull (draft);
  type_field (get_form (page), "title", "Distribution in Kessel, 20 November");
  type_field (get_form (page), "period_start", "2026-11-20");
  type_field (get_form (page), "period_end", "2026-11-19");
  type_field (get_form (page), "event", "Food distribution with the district authorities");
  type_field (get_form (page), "planned", "A joint distribution at the school, announced two days ahead.");
  click (GTK_WIDGET (get_form (page)), _("_Save Draft"));
  gtk_widget_grab_focus (lia_report_form_get_field_input (get_form (page), "title"));
  lia_test_ui_spin_pending ();
  lia_test_ui_render (GTK_WIDGET (window), "reports-aar-form");
  click (GTK_WIDGET (get_form (page)), _("S_ubmit…"));
  lia_test_ui_render (GTK_WIDGET (window), "reports-aar-form-errors");

  sections = ADW_VIEW_STACK (lia_test_ui_find_type (GTK_WIDGET (page), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (sections, "lessons");
  lia_test_ui_render (GTK_WIDGET (window), "reports-lessons");

  /* A narrow window: the form alone, with a way back to the list */
  adw_view_stack_set_visible_child_name (sections, "reports");
  gtk_window_set_default_size (GTK_WINDOW (window), 420, 760);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_width (GTK_WIDGET (window)) < 500);
  lia_test_ui_render (GTK_WIDGET (window), "reports-narrow-form");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);

  /* The handover, with what it will hold counted */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-handover", NULL);
  handover = find_toplevel (LIA_TYPE_HANDOVER_WINDOW);
  g_assert_nonnull (handover);
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (LIA_HANDOVER_WINDOW (handover)) &&
                       lia_test_ui_find (GTK_WIDGET (handover), is_label_exactly, _("Reports")) != NULL);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_label_exactly,
                                      _("Strictly confidential records, left out")));
  lia_test_ui_render (GTK_WIDGET (handover), "handover-export");
  gtk_window_destroy (handover);

  lia_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-reports-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  /* In order: each goes on with what the one before left */
  g_test_add_func ("/ui/reports/aar-draft-submit", test_reports_aar);
  g_test_add_func ("/ui/reports/lessons-search", test_reports_lessons_search);
  g_test_add_func ("/ui/reports/filters", test_reports_filters);
  g_test_add_func ("/ui/reports/render-pages", test_reports_render_pages);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);
  g_free (data_dir);

  return status;
}
