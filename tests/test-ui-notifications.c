/* test-ui-notifications.c — the Notifications page: a site notified
 * through the real form, sent to two parties through the real dialog,
 * chased when the deadline passes, acknowledged, and a move the lifecycle
 * forbids refused.
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/notifications/render-pages saves the
 * list, the forms and the detail view there (see build-aux/screenshots).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lia-notification-detail.h"
#include "lia-notification-form.h"
#include "lia-notifications-page.h"
#include "lia-sensitivity-badge.h"
#include "lia-sensitivity-row.h"

#define OPERATION "op-korvania"
#define PARTY_A "Northern Command"
#define PARTY_B "Free Hills Brigade"

typedef struct
{
  LiaWindow            *window;
  LiaContext           *context;
  LiaStore             *store;
  LiaNotificationsPage *page;
} Fixture;

/* 08:00 in Baghdad, UTC+03:00 */
static GDateTime *
start_time (void)
{
  return g_date_time_new_utc (2026, 11, 30, 5, 0, 0);
}

static void
fixture_open (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = start_time ();

  fixture->window = lia_test_ui_open_window ();
  fixture->context = lia_window_get_context (fixture->window);
  fixture->store = lia_context_get_store (fixture->context);
  lia_clock_set_now (lia_context_get_clock (fixture->context), now);
  lia_test_ui_resize (fixture->window, 1100, 800);

  /* The operation, its rules and the two parties, once per data folder */
  if (lia_store_get_setting (fixture->store, "operation") == NULL)
    {
      g_autoptr(LiaOperationRules) rules = lia_operation_rules_new (OPERATION);
      g_autoptr(LiaActor) a = lia_actor_new (OPERATION, PARTY_A, LIA_ACTOR_TYPE_STATE_FORCES);
      g_autoptr(LiaActor) b = lia_actor_new (OPERATION, PARTY_B, LIA_ACTOR_TYPE_REBEL_GROUP);

      g_assert_true (lia_store_set_setting (fixture->store, "operation", OPERATION, &error));
      g_assert_true (lia_operation_rules_set_time_zone_id (rules, "Asia/Baghdad", &error));
      g_assert_no_error (error);
      g_assert_true (lia_store_save (fixture->store, LIA_RECORD (rules), &error));
      g_assert_true (lia_store_save (fixture->store, LIA_RECORD (a), &error));
      g_assert_true (lia_store_save (fixture->store, LIA_RECORD (b), &error));
      g_assert_no_error (error);
    }

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.show-page", "s", "notifications");
  fixture->page = LIA_NOTIFICATIONS_PAGE (lia_test_ui_find_type (GTK_WIDGET (fixture->window),
                                                                 LIA_TYPE_NOTIFICATIONS_PAGE));
  g_assert_nonnull (fixture->page);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
  g_assert_cmpstr (lia_notifications_page_get_operation (fixture->page), ==, OPERATION);
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child))
      n++;

  return n;
}

static AdwActionRow *
find_row (GtkListBox *list,
          const char *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_ACTION_ROW (child) &&
        strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child)), text) != NULL)
      return ADW_ACTION_ROW (child);

  return NULL;
}

static gboolean
is_label_with_text (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
is_label_containing (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
is_transition_button (GtkWidget     *widget,
                      gconstpointer  data)
{
  GVariant *target;

  if (!lia_test_ui_is_button_for_action (widget, "detail.transition"))
    return FALSE;
  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  return target != NULL && g_str_equal (g_variant_get_string (target, NULL), data);
}

static guint
count_records (LiaStore   *store,
               const char *type)
{
  g_autoptr(GPtrArray) records = lia_store_list (store, type, OPERATION, NULL);

  g_assert_nonnull (records);
  return records->len;
}

static AdwMessageDialog *
find_dialog (void)
{
  AdwMessageDialog *found = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        found = ADW_MESSAGE_DIALOG (window);
    }

  return found;
}

/* Fills the "Record …" dialog as a person would and presses Record */
static void
record_in_dialog (LiaNotificationDetail *detail,
                  const char            *kind,
                  const char            *party,
                  const char            *reference)
{
  AdwMessageDialog *dialog;
  GtkDropDown *party_dropdown;
  GListModel *names;
  GtkWidget *entry;
  guint position = GTK_INVALID_LIST_POSITION;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "detail.record", "s", kind));
  g_assert_cmpstr (lia_notification_detail_get_last_toast (detail), ==, NULL);
  LIA_TEST_SPIN_UNTIL ((dialog = find_dialog ()) != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog)));

  party_dropdown = GTK_DROP_DOWN (lia_test_ui_find_type (adw_message_dialog_get_extra_child (dialog),
                                                         GTK_TYPE_DROP_DOWN));
  names = gtk_drop_down_get_model (party_dropdown);
  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr(GtkStringObject) name = g_list_model_get_item (names, i);

      if (g_str_equal (gtk_string_object_get_string (name), party))
        position = i;
    }
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (party_dropdown, position);

  entry = lia_test_ui_find_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (entry), reference);

  adw_message_dialog_response (dialog, "record");
  gtk_window_destroy (GTK_WINDOW (dialog));
  lia_test_ui_spin_pending ();
}

static void
store_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
set_field (LiaNotificationForm *form,
           const char          *key,
           const char          *text)
{
  GtkWidget *row = lia_notification_form_get_row (form, key);

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
test_notifications_site_flow (void)
{
  Fixture f = { 0, };
  g_autoptr(GError) error = NULL;
  LiaNotificationForm *form;
  LiaNotificationDetail *detail;
  GtkWidget *save_button;
  GtkLabel *message;
  GtkListBox *overdue;
  AdwActionRow *row;
  GtkWidget *log_row;
  g_autofree char *site_uuid = NULL;

  fixture_open (&f);
  g_assert_cmpuint (count_records (f.store, "site-notification"), ==, 0);
  g_assert_cmpuint (count_records (f.store, "actor"), ==, 2);

  /* Ctrl+N offers the kinds of notification; a site it is */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.new-notification", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "notifications.new", "s", "site"));
  form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));
  g_assert_nonnull (form);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (form)));
  save_button = lia_test_ui_find (GTK_WIDGET (form), lia_test_ui_is_button_for_action, "form.save");
  g_assert_nonnull (save_button);

  /* The form's guidance opens the card about sites on the Guidance page,
   * and the form is still there on the way back */
  {
    GtkWidget *guidance = lia_test_ui_find (GTK_WIDGET (form), lia_test_ui_is_button_for_action, "win.show-card");
    GtkStack *stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (f.page)));
    GVariant *target;

    g_assert_nonnull (guidance);
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (guidance));
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, "hns-static-site");
    gtk_widget_activate (guidance);
    LIA_TEST_SPIN_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "guidance") == 0);
    gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-page", "s", "notifications");
    LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (form)));
  }

  /* An empty form cannot be saved */
  g_assert_false (gtk_widget_get_sensitive (save_button));

  set_field (form, "name", "Al-Amal Primary Health Centre");
  set_field (form, "organisation", "Médecins du Monde");
  set_field (form, "function", "Primary health care and nutrition");
  set_field (form, "contact", "+249 912 000 111");
  set_field (form, "valid_from", "2026-11-30 08:00");
  /* A latitude beyond the pole: the core's message, under the field */
  set_field (form, "location", "95.2, 32.53");
  message = lia_notification_form_get_message (form, "location");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_LIST_BOX_ROW)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "95.2"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
  g_assert_false (gtk_widget_get_sensitive (save_button));
  /* …and saving anyway does nothing */
  gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL);
  lia_test_ui_spin_pending ();
  g_assert_cmpuint (count_records (f.store, "site-notification"), ==, 0);
  g_assert_true (lia_notifications_page_get_form (f.page) == GTK_WIDGET (form));

  /* Not coordinates at all: the form's own message */
  set_field (form, "location", "near the market");
  g_assert_nonnull (strstr (gtk_label_get_label (message), "15.5007"));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* Put right, the message goes and Save comes back */
  set_field (form, "location", "15.5521, 32.5323");
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_LIST_BOX_ROW)));
  g_assert_true (gtk_widget_get_sensitive (save_button));
  gtk_widget_activate (save_button);
  LIA_TEST_SPIN_UNTIL (count_records (f.store, "site-notification") == 1);

  /* Saved, the detail shows it; the time was read in the operation's zone */
  detail = LIA_NOTIFICATION_DETAIL (lia_notifications_page_get_detail (f.page));
  g_assert_nonnull (detail);
  {
    LiaRecord *record = lia_notification_detail_get_record (detail);
    g_autoptr(GDateTime) expected = start_time ();

    site_uuid = g_strdup (lia_record_get_uuid (record));
    g_assert_true (g_date_time_equal (lia_site_notification_get_valid_from (LIA_SITE_NOTIFICATION (record)), expected));
    g_assert_cmpint (lia_site_notification_get_status (LIA_SITE_NOTIFICATION (record)), ==, LIA_SITE_STATUS_DRAFT);
  }

  /* …and the list has it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "notifications.back", NULL));
  row = find_row (lia_notifications_page_get_list (f.page), "Al-Amal Primary Health Centre");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), _("Not sent yet")));

  /* The filters: movements only hides it, drafts only shows it */
  {
    GtkWidget *type_filter = NULL;
    GtkWidget *status_filter = NULL;

    for (GtkWidget *w = lia_test_ui_find_type (GTK_WIDGET (f.page), GTK_TYPE_DROP_DOWN);
         w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_DROP_DOWN (w))
        {
          if (type_filter == NULL)
            type_filter = w;
          else if (status_filter == NULL)
            status_filter = w;
        }
    g_assert_nonnull (status_filter);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (type_filter), 2);
    g_assert_null (find_row (lia_notifications_page_get_list (f.page), "Al-Amal"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (type_filter), 1);
    g_assert_nonnull (find_row (lia_notifications_page_get_list (f.page), "Al-Amal"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (status_filter), 2);
    g_assert_null (find_row (lia_notifications_page_get_list (f.page), "Al-Amal"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (status_filter), 1);
    g_assert_nonnull (find_row (lia_notifications_page_get_list (f.page), "Al-Amal"));
    gtk_drop_down_set_selected (GTK_DROP_DOWN (status_filter), 0);
    gtk_drop_down_set_selected (GTK_DROP_DOWN (type_filter), 0);
  }

  /* Searching for something else hides it */
  {
    GtkWidget *search = lia_test_ui_find_type (GTK_WIDGET (f.page), GTK_TYPE_SEARCH_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (search), "warehouse");
    LIA_TEST_SPIN_UNTIL (find_row (lia_notifications_page_get_list (f.page), "Al-Amal") == NULL);
    gtk_editable_set_text (GTK_EDITABLE (search), "al-amal");
    LIA_TEST_SPIN_UNTIL (find_row (lia_notifications_page_get_list (f.page), "Al-Amal") != NULL);
    row = find_row (lia_notifications_page_get_list (f.page), "Al-Amal");
  }

  /* Opening the row shows the detail */
  gtk_widget_activate (GTK_WIDGET (row));
  lia_test_ui_spin_pending ();
  detail = LIA_NOTIFICATION_DETAIL (lia_notifications_page_get_detail (f.page));
  g_assert_nonnull (detail);
  g_assert_cmpstr (lia_record_get_uuid (lia_notification_detail_get_record (detail)), ==, site_uuid);

  /* Sent to both parties through the dialog */
  record_in_dialog (detail, "sent", PARTY_A, "OCHA/KOR/2026/114");
  lia_clock_advance (lia_context_get_clock (f.context), 10 * G_TIME_SPAN_MINUTE);
  record_in_dialog (detail, "sent", PARTY_B, "OCHA/KOR/2026/115");
  detail = LIA_NOTIFICATION_DETAIL (lia_notifications_page_get_detail (f.page));
  g_assert_cmpuint (count_records (f.store, "transmission"), ==, 2);
  g_assert_cmpuint (count_rows (lia_notification_detail_get_log (detail)), ==, 2);
  log_row = gtk_widget_get_first_child (GTK_WIDGET (lia_notification_detail_get_log (detail)));
  g_assert_cmpstr (g_object_get_data (G_OBJECT (log_row), "lia-kind"), ==, "sent");
  g_assert_nonnull (strstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (log_row)), PARTY_A));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (log_row)), "OCHA/KOR/2026/114"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (log_row)), "UTC+03:00"));
  /* The first sending made the site active */
  g_assert_cmpint (lia_site_notification_get_status (LIA_SITE_NOTIFICATION (lia_notification_detail_get_record (detail))),
                   ==, LIA_SITE_STATUS_ACTIVE);

  /* Within the deadline nothing is overdue */
  overdue = lia_notifications_page_get_overdue_list (f.page);
  lia_notifications_page_check_overdue (f.page);
  g_assert_cmpuint (count_rows (overdue), ==, 0);

  /* A day and an hour later both parties are to be chased, and desktop
   * notifications say so once each */
  lia_clock_advance (lia_context_get_clock (f.context), 25 * G_TIME_SPAN_HOUR);
  lia_notifications_page_check_overdue (f.page);
  g_assert_cmpuint (count_rows (overdue), ==, 2);
  g_assert_nonnull (find_row (overdue, PARTY_A));
  g_assert_nonnull (find_row (overdue, PARTY_B));
  {
    g_autoptr(GPtrArray) ids = lia_notifications_page_dup_alert_ids (f.page);

    g_assert_cmpuint (ids->len, ==, 2);
  }
  lia_notifications_page_check_overdue (f.page);
  {
    g_autoptr(GPtrArray) ids = lia_notifications_page_dup_alert_ids (f.page);

    g_assert_cmpuint (ids->len, ==, 2);
  }

  /* Party A acknowledges: it leaves the list at once (the store's change),
   * party B stays */
  record_in_dialog (detail, "acknowledged", PARTY_A, "NC-ACK-77");
  g_assert_cmpuint (count_rows (overdue), ==, 1);
  g_assert_null (find_row (overdue, PARTY_A));
  g_assert_nonnull (find_row (overdue, PARTY_B));
  {
    g_autoptr(GPtrArray) ids = lia_notifications_page_dup_alert_ids (f.page);

    g_assert_cmpuint (ids->len, ==, 1);
  }
  detail = LIA_NOTIFICATION_DETAIL (lia_notifications_page_get_detail (f.page));
  g_assert_cmpuint (count_rows (lia_notification_detail_get_log (detail)), ==, 3);
  {
    g_autofree char *expected = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                              "Acknowledged by %u of %u party",
                                                              "Acknowledged by %u of %u parties", 2),
                                                 1, 2);

    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (detail), is_label_containing, expected));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "notifications.back", NULL));
    row = find_row (lia_notifications_page_get_list (f.page), "Al-Amal");
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), expected));
    gtk_widget_activate (GTK_WIDGET (row));
    lia_test_ui_spin_pending ();
    detail = LIA_NOTIFICATION_DETAIL (lia_notifications_page_get_detail (f.page));
  }

  /* The package for the parties, written in a worker */
  {
    g_autofree char *path = g_build_filename (g_getenv ("LIAISON_DATA_DIR"), "package-fr.csv", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *contents = NULL;

    lia_notification_detail_export_async (detail, NULL, "fr", LIA_NOTIFICATION_EXPORT_CSV, FALSE, file, NULL,
                                          store_result_cb, &result);
    LIA_TEST_SPIN_UNTIL (result != NULL);
    g_assert_true (lia_notification_detail_export_finish (detail, result, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
    g_assert_nonnull (strstr (contents, "Al-Amal Primary Health Centre"));
    g_assert_nonnull (strstr (contents, "#"));
  }

  /* An active site cannot go back to draft: no button offers it, and the
   * action, asked anyway, is refused with the core's words */
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (detail), is_transition_button, "removed"));
  g_assert_null (lia_test_ui_find (GTK_WIDGET (detail), is_transition_button, "draft"));
  {
    g_autoptr(LiaRecord) copy = lia_store_load (f.store, site_uuid, &error);
    g_autoptr(GError) refusal = NULL;
    const char *toast;

    g_assert_no_error (error);
    g_assert_false (lia_site_notification_transition (LIA_SITE_NOTIFICATION (copy), LIA_SITE_STATUS_DRAFT, &refusal));
    g_assert_nonnull (refusal);

    gtk_widget_activate_action (GTK_WIDGET (detail), "detail.transition", "s", "draft");
    lia_test_ui_spin_pending ();
    toast = lia_notification_detail_get_last_toast (detail);
    g_assert_cmpstr (toast, ==, refusal->message);
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (detail), is_label_with_text, refusal->message));
  }
  {
    g_autoptr(LiaRecord) after = lia_store_load (f.store, site_uuid, &error);

    g_assert_cmpint (lia_site_notification_get_status (LIA_SITE_NOTIFICATION (after)), ==, LIA_SITE_STATUS_ACTIVE);
  }

  /* A legal one goes through */
  gtk_widget_activate_action (GTK_WIDGET (detail), "detail.transition", "s", "removed");
  lia_test_ui_spin_pending ();
  {
    g_autoptr(LiaRecord) after = lia_store_load (f.store, site_uuid, &error);

    g_assert_cmpint (lia_site_notification_get_status (LIA_SITE_NOTIFICATION (after)), ==, LIA_SITE_STATUS_REMOVED);
  }

  lia_test_ui_close_window (f.window);
}

/* An emergency movement through the form: times in the operation's zone,
 * the lead time the flag allows */
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

static LiaSensitivity
form_sensitivity (LiaNotificationForm *form)
{
  GtkWidget *row = lia_notification_form_get_row (form, "sensitivity");

  g_assert_true (LIA_IS_SENSITIVITY_ROW (row));

  return lia_sensitivity_row_get_sensitivity (LIA_SENSITIVITY_ROW (row));
}

static void
test_notifications_movement_form (void)
{
  Fixture f = { 0, };
  LiaNotificationForm *form;
  GtkWidget *save_button;
  GtkWidget *emergency;
  GtkLabel *message;
  guint n_before;
  g_autofree char *movement_uuid = NULL;

  fixture_open (&f);
  n_before = count_records (f.store, "movement-notification");

  lia_notifications_page_new (f.page, "movement");
  form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));
  g_assert_nonnull (form);
  save_button = lia_test_ui_find (GTK_WIDGET (form), lia_test_ui_is_button_for_action, "form.save");

  set_field (form, "organisation", "WFP");
  set_field (form, "origin.name", "Varnek");
  set_field (form, "origin", "15.4507, 36.4000");
  set_field (form, "destination.name", "Olmira");
  set_field (form, "destination", "14.0333, 35.3833");
  set_field (form, "convoy_leader", "Amina Idris, +249 912 000 333");
  /* 30 h from now (08:00 on 30 November in Baghdad) */
  set_field (form, "departure.start", "2026-12-01 14:00");
  set_field (form, "departure.end", "2026-12-01 16:00");
  set_field (form, "arrival.start", "2026-12-01 20:00");
  set_field (form, "arrival.end", "2026-12-01 22:00");

  /* Too soon for the usual 48 h */
  message = lia_notification_form_get_message (form, "departure.start");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_LIST_BOX_ROW)));
  g_assert_nonnull (strstr (gtk_label_get_label (message), "48"));
  g_assert_false (gtk_widget_get_sensitive (save_button));

  /* An emergency needs 24 h only */
  emergency = lia_notification_form_get_row (form, "emergency");
  g_assert_true (ADW_IS_ACTION_ROW (emergency));
  gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (emergency))), TRUE);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (GTK_WIDGET (message), GTK_TYPE_LIST_BOX_ROW)));
  g_assert_true (gtk_widget_get_sensitive (save_button));

  /* A convoy plan is confidential unless the officer says more; the row
   * says what the level means, and takes the keyboard */
  {
    GtkWidget *sensitivity = lia_notification_form_get_row (form, "sensitivity");

    g_assert_cmpint (form_sensitivity (form), ==, LIA_SENSITIVITY_CONFIDENTIAL);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (sensitivity)), ==, _("Sensitivity"));
    g_assert_true (gtk_widget_get_focusable (sensitivity));
    gtk_widget_grab_focus (sensitivity);
    g_assert_true (gtk_widget_has_focus (sensitivity));
    adw_combo_row_set_selected (ADW_COMBO_ROW (sensitivity), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (sensitivity)), ==,
                     lia_sensitivity_get_description (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL));
    g_assert_true (gtk_widget_get_sensitive (save_button));
  }

  gtk_widget_activate (save_button);
  LIA_TEST_SPIN_UNTIL (count_records (f.store, "movement-notification") == n_before + 1);
  {
    LiaNotificationDetail *detail = LIA_NOTIFICATION_DETAIL (lia_notifications_page_get_detail (f.page));
    LiaMovementNotification *movement = LIA_MOVEMENT_NOTIFICATION (lia_notification_detail_get_record (detail));
    g_autoptr(GDateTime) expected = g_date_time_new_utc (2026, 12, 1, 11, 0, 0);
    g_autoptr(LiaRecord) stored = NULL;

    g_assert_true (lia_movement_notification_get_emergency (movement));
    g_assert_true (g_date_time_equal (lia_movement_notification_get_departure_start (movement), expected));
    /* As stored, not only as the form left it */
    movement_uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (movement)));
    stored = lia_store_load (f.store, movement_uuid, NULL);
    g_assert_nonnull (stored);
    g_assert_cmpint (lia_record_get_sensitivity (stored), ==, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.page), "notifications.back", NULL));
  {
    AdwActionRow *row = find_row (lia_notifications_page_get_list (f.page), "Varnek");

    g_assert_nonnull (row);
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (row), is_label_with_text, _("Emergency")));
    g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (row), is_shown_badge,
                                        GINT_TO_POINTER (LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)));
  }

  /* Edited, the form shows the level it has; lowered to restricted, the
   * list's badge goes */
  lia_notifications_page_show_record (f.page, movement_uuid);
  g_assert_true (gtk_widget_activate_action (lia_notifications_page_get_detail (f.page), "detail.edit", NULL));
  form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));
  g_assert_nonnull (form);
  g_assert_cmpint (form_sensitivity (form), ==, LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (lia_notification_form_get_row (form, "sensitivity")),
                              LIA_SENSITIVITY_RESTRICTED);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (form), "form.save", NULL));
  lia_test_ui_spin_pending ();
  {
    g_autoptr(LiaRecord) stored = lia_store_load (f.store, movement_uuid, NULL);
    AdwActionRow *row;

    g_assert_cmpint (lia_record_get_sensitivity (stored), ==, LIA_SENSITIVITY_RESTRICTED);
    gtk_widget_activate_action (GTK_WIDGET (f.page), "notifications.back", NULL);
    LIA_TEST_SPIN_UNTIL ((row = find_row (lia_notifications_page_get_list (f.page), "Varnek")) != NULL &&
                         lia_test_ui_find (GTK_WIDGET (row), is_any_shown_badge, NULL) == NULL);
  }

  lia_test_ui_close_window (f.window);
}

/* What a new record of each kind is, before the officer says otherwise */
static void
test_notifications_sensitivity_defaults (void)
{
  const struct { const char *kind; LiaSensitivity sensitivity; } defaults[] = {
    { "site", LIA_SENSITIVITY_RESTRICTED },
    { "movement", LIA_SENSITIVITY_CONFIDENTIAL },
    { "incident", LIA_SENSITIVITY_CONFIDENTIAL },
  };
  Fixture f = { 0, };

  fixture_open (&f);

  for (guint i = 0; i < G_N_ELEMENTS (defaults); i++)
    {
      LiaNotificationForm *form;

      lia_notifications_page_new (f.page, defaults[i].kind);
      form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));
      g_assert_nonnull (form);
      g_assert_cmpint (form_sensitivity (form), ==, defaults[i].sensitivity);
      g_assert_cmpint (lia_record_get_sensitivity (lia_notification_form_get_record (form)), ==,
                       defaults[i].sensitivity);
      g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (lia_notification_form_get_row (form, "sensitivity"))),
                       ==, lia_sensitivity_get_description (defaults[i].sensitivity));
      gtk_widget_activate_action (GTK_WIDGET (form), "form.cancel", NULL);
      lia_test_ui_spin_pending ();
    }

  lia_test_ui_close_window (f.window);
}

/* Data for the pictures: a site sent to both parties, one overdue, an
 * emergency movement and an incident near the site */
static char *
add_picture_data (Fixture  *f,
                  char    **incident_uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) actors = lia_store_list (f->store, "actor", OPERATION, NULL);
  g_autoptr(LiaSiteNotification) site = lia_site_notification_new (OPERATION);
  g_autoptr(LiaMovementNotification) movement = lia_movement_notification_new (OPERATION);
  g_autoptr(LiaIncident) incident = lia_incident_new (OPERATION);
  g_autoptr(GDateTime) now = lia_clock_get_now (lia_context_get_clock (f->context));
  g_autoptr(GDateTime) later = g_date_time_add_hours (now, 60);
  g_autoptr(GDateTime) later_end = g_date_time_add_hours (now, 64);
  g_autoptr(GDateTime) arrival = g_date_time_add_hours (now, 70);
  g_autoptr(GDateTime) arrival_end = g_date_time_add_hours (now, 74);

  lia_site_notification_set_name (site, "Varnek Teaching Hospital");
  lia_site_notification_set_organisation (site, "WHO");
  lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
  lia_site_notification_set_location (site, 15.6031, 32.5298);
  lia_site_notification_set_function (site, "Surgery and trauma care");
  lia_site_notification_set_involvement (site, LIA_INVOLVEMENT_SUPPORTED);
  lia_site_notification_set_contact (site, "+249 912 000 222");
  lia_site_notification_set_valid_from (site, now);
  lia_site_notification_set_reference (site, "OCHA/KOR/2026/101");
  g_assert_true (lia_store_save (f->store, LIA_RECORD (site), &error));
  g_assert_no_error (error);

  lia_movement_notification_set_organisation (movement, "WFP");
  lia_movement_notification_set_movement_type (movement, LIA_MOVEMENT_MEDICAL_EVACUATION);
  lia_movement_notification_set_origin (movement, "Varnek", 15.4507, 36.4000);
  lia_movement_notification_set_destination (movement, "Olmira", 14.0333, 35.3833);
  lia_movement_notification_set_departure (movement, later, later_end);
  lia_movement_notification_set_arrival (movement, arrival, arrival_end);
  lia_movement_notification_set_vehicle_count (movement, 2);
  lia_movement_notification_set_persons (movement, 6);
  lia_movement_notification_set_convoy_leader (movement, "Amina Idris, +249 912 000 333");
  lia_movement_notification_set_emergency (movement, TRUE);
  g_assert_true (lia_store_save (f->store, LIA_RECORD (movement), &error));
  g_assert_no_error (error);

  for (guint i = 0; i < actors->len; i++)
    {
      g_autoptr(LiaTransmission) entry = lia_transmission_new (OPERATION, lia_record_get_uuid (LIA_RECORD (site)),
                                                               lia_record_get_uuid (g_ptr_array_index (actors, i)),
                                                               LIA_TRANSMISSION_SENT, now);

      lia_transmission_set_reference (entry, "OCHA/KOR/2026/101");
      g_assert_true (lia_transmission_record (entry, f->store, &error));
      g_assert_no_error (error);
    }

  lia_clock_advance (lia_context_get_clock (f->context), 30 * G_TIME_SPAN_HOUR);
  {
    g_autoptr(GDateTime) ack_time = lia_clock_get_now (lia_context_get_clock (f->context));
    g_autoptr(LiaTransmission) ack = lia_transmission_new (OPERATION, lia_record_get_uuid (LIA_RECORD (site)),
                                                           lia_record_get_uuid (g_ptr_array_index (actors, 0)),
                                                           LIA_TRANSMISSION_ACKNOWLEDGED, ack_time);

    g_assert_true (lia_transmission_record (ack, f->store, &error));
    g_assert_no_error (error);

    lia_incident_set_incident_type (incident, LIA_INCIDENT_SHELLING);
    lia_incident_set_at (incident, ack_time);
    lia_incident_set_location (incident, "Varnek hospital gate", 15.6040, 32.5301);
    lia_incident_set_description (incident, "Two shells landed near the hospital gate; the outer wall is damaged.");
    lia_incident_set_damage_level (incident, LIA_DAMAGE_LIGHT);
    g_assert_true (lia_store_save (f->store, LIA_RECORD (incident), &error));
    g_assert_no_error (error);
    *incident_uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (incident)));
  }

  return g_strdup (lia_record_get_uuid (LIA_RECORD (site)));
}

static void
test_notifications_render_pages (void)
{
  Fixture f = { 0, };
  g_autofree char *site_uuid = NULL;
  g_autofree char *incident_uuid = NULL;
  GtkStack *tabs;

  fixture_open (&f);
  site_uuid = add_picture_data (&f, &incident_uuid);
  lia_notifications_page_check_overdue (f.page);
  g_assert_cmpuint (count_rows (lia_notifications_page_get_overdue_list (f.page)), >, 0);

  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-list");

  tabs = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (lia_notifications_page_get_list (f.page))));
  gtk_stack_set_visible_child_name (tabs, "incidents");
  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-incidents");
  gtk_stack_set_visible_child_name (tabs, "notifications");

  lia_notifications_page_new (f.page, "site");
  {
    LiaNotificationForm *form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));

    set_field (form, "name", "Al-Amal Primary Health Centre");
    set_field (form, "location", "95.2, 32.53");
    set_field (form, "valid_from", "2026-11-30 08:00");
  }
  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-site-form");

  /* A few metres from an active site: a warning, styled as one, and the
   * form can still be saved */
  {
    LiaNotificationForm *form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));
    GtkWidget *save_button = lia_test_ui_find (GTK_WIDGET (form), lia_test_ui_is_button_for_action, "form.save");
    GtkLabel *message = lia_notification_form_get_message (form, "location");

    set_field (form, "organisation", "WHO");
    set_field (form, "function", "Outpatient clinic");
    set_field (form, "contact", "+249 912 000 444");
    set_field (form, "location", "15.6032, 32.5299");
    g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (message), "warning"));
    g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (message), "error"));
    g_assert_nonnull (strstr (gtk_label_get_label (message), "Varnek Teaching Hospital"));
    g_assert_true (gtk_widget_get_sensitive (save_button));
    lia_test_ui_render (GTK_WIDGET (f.window), "notifications-site-form-warning");
  }
  gtk_widget_activate_action (lia_notifications_page_get_form (f.page), "form.cancel", NULL);

  lia_notifications_page_new (f.page, "movement");
  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-movement-form");
  gtk_widget_activate_action (lia_notifications_page_get_form (f.page), "form.cancel", NULL);

  /* The end of the incident form, where its sensitivity is set */
  lia_notifications_page_new (f.page, "incident");
  {
    LiaNotificationForm *form = LIA_NOTIFICATION_FORM (lia_notifications_page_get_form (f.page));
    GtkWidget *row = lia_notification_form_get_row (form, "sensitivity");

    GtkAdjustment *scroll = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW)));

    adw_combo_row_set_selected (ADW_COMBO_ROW (row), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
    LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (row));
    lia_test_ui_spin_pending ();
    gtk_adjustment_set_value (scroll, gtk_adjustment_get_upper (scroll));
    lia_test_ui_render (GTK_WIDGET (f.window), "notifications-incident-form-sensitivity");
  }
  gtk_widget_activate_action (lia_notifications_page_get_form (f.page), "form.cancel", NULL);

  lia_notifications_page_show_record (f.page, site_uuid);
  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-detail");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-detail-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  /* The incident, with the site it may concern */
  lia_notifications_page_show_record (f.page, incident_uuid);
  g_assert_nonnull (lia_test_ui_find (lia_notifications_page_get_detail (f.page),
                                      lia_test_ui_is_button_for_action, "detail.link"));
  lia_test_ui_render (GTK_WIDGET (f.window), "notifications-incident-detail");
  gtk_widget_activate_action (lia_notifications_page_get_detail (f.page), "detail.link", "s", site_uuid);
  {
    g_autoptr(LiaRecord) incident = lia_store_load (f.store, incident_uuid, NULL);
    const char * const *linked = lia_incident_get_linked_notifications (LIA_INCIDENT (incident));

    g_assert_nonnull (linked);
    g_assert_true (g_strv_contains (linked, site_uuid));
  }

  lia_test_ui_close_window (f.window);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-notifications-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/notifications/site-flow", test_notifications_site_flow);
  g_test_add_func ("/ui/notifications/movement-form", test_notifications_movement_form);
  g_test_add_func ("/ui/notifications/sensitivity-defaults", test_notifications_sensitivity_defaults);
  g_test_add_func ("/ui/notifications/render-pages", test_notifications_render_pages);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);

  return status;
}
