/* lia-notifications-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "lia-notification-detail.h"
#include "lia-notification-fields.h"
#include "lia-notification-form.h"
#include "lia-notifications-page.h"
#include "lia-sensitivity-badge.h"

/* The list reads the store when the page is first shown and again on the
 * store's "changed" signal; what is overdue is computed soon after start,
 * on every change and every minute, whether the page shows or not, and
 * raised as desktop notifications with a stable id per item, so that an
 * item is announced once and withdrawn when it is resolved.  Forms and
 * detail views are built when asked for. */
struct _LiaNotificationsPage
{
  AdwBin                parent_instance;

  LiaContext           *context;
  char                 *operation;
  gboolean              list_dirty;
  guint                 overdue_timer_id;
  guint                 overdue_idle_id;
  GHashTable           *alerts;        /* id → TRUE, raised and not withdrawn */
  const char           *back_to;       /* the main stack's page the form returns to */

  GtkWidget            *form;
  GtkWidget            *detail;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *type_filter;
  GtkDropDown          *status_filter;
  GtkMenuButton        *new_button;
  AdwPreferencesGroup  *operation_group;
  AdwEntryRow          *operation_row;
  GtkWidget            *overdue_box;
  GtkListBox           *overdue_list;
  GtkStack             *tabs_stack;
  GtkListBox           *notification_list;
  GtkListBox           *incident_list;
  AdwBin               *form_bin;
  AdwBin               *detail_bin;
};

G_DEFINE_FINAL_TYPE (LiaNotificationsPage, lia_notifications_page, ADW_TYPE_BIN)

#define OVERDUE_CHECK_SECONDS 60
#define OVERDUE_FIRST_CHECK_SECONDS 2

enum {
  TYPE_ALL,
  TYPE_SITES,
  TYPE_MOVEMENTS,
};

enum {
  STATUS_ANY,
  STATUS_DRAFT,
  STATUS_CURRENT,
  STATUS_CLOSED,
};

static void ensure_ui (LiaNotificationsPage *self);

static void
show_toast (LiaNotificationsPage *self,
            const char           *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  ensure_ui (self);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
resolve_operation (LiaNotificationsPage *self)
{
  LiaStore *store = lia_context_get_store (self->context);

  g_clear_pointer (&self->operation, g_free);
  self->operation = lia_store_get_setting (store, "operation");
  if (self->operation == NULL || *self->operation == '\0')
    {
      g_clear_pointer (&self->operation, g_free);
      self->operation = lia_store_get_setting (store, "sync-operation");
    }
  if (self->operation != NULL && *self->operation == '\0')
    g_clear_pointer (&self->operation, g_free);

  if (self->operation_group != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->operation_group), self->operation == NULL);
}

/* The page's widgets come when first needed (shown, or something to
 * chase), so that they cost nothing at start-up */
static void
ensure_ui (LiaNotificationsPage *self)
{
  if (self->main_stack != NULL)
    return;

  gtk_widget_init_template (GTK_WIDGET (self));
  if (self->context != NULL)
    resolve_operation (self);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
row_activated_cb (AdwActionRow         *row,
                  LiaNotificationsPage *self)
{
  lia_notifications_page_show_record (self, g_object_get_data (G_OBJECT (row), "lia-uuid"));
}

static GtkWidget *
new_record_row (LiaNotificationsPage *self,
                const char           *uuid,
                const char           *title,
                const char           *subtitle,
                const char           *icon_name,
                gboolean              emergency,
                LiaSensitivity        sensitivity)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *isolated = lia_notify_isolate (title);

  if (emergency)
    {
      GtkWidget *label = gtk_label_new (_("Emergency"));

      gtk_widget_add_css_class (label, "notification-emergency");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), isolated);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon_name));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), lia_sensitivity_badge_new (sensitivity));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "lia-uuid", g_strdup (uuid), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);

  return row;
}

/* ---- overdue -------------------------------------------------------------- */

static const char *
overdue_kind_title (LiaOverdueKind kind)
{
  switch (kind)
    {
    case LIA_OVERDUE_ACKNOWLEDGEMENT: return _("Acknowledgement overdue");
    case LIA_OVERDUE_MOVEMENT_UNACKNOWLEDGED: return _("Movement leaves soon without acknowledgement");
    case LIA_OVERDUE_RECONFIRMATION: default: return _("Site due for reconfirmation");
    }
}

static char *
alert_id (const LiaOverdueItem *item)
{
  return g_strdup_printf ("overdue-%s-%s-%s",
                          lia_enum_to_string (LIA_TYPE_OVERDUE_KIND, item->kind),
                          item->notification_uuid,
                          item->party_uuid != NULL ? item->party_uuid : "site");
}

/* Desktop notifications need the session bus; without it (a test, a
 * bare session) the list on the page is all there is. */
static void
update_alerts (LiaNotificationsPage *self,
               GPtrArray            *items)
{
  GApplication *app = g_application_get_default ();
  gboolean can_send = app != NULL && g_application_get_dbus_connection (app) != NULL;
  g_autoptr(GHashTable) current = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  for (guint i = 0; i < items->len; i++)
    {
      LiaOverdueItem *item = g_ptr_array_index (items, i);
      char *id = alert_id (item);

      g_hash_table_add (current, id);
      if (g_hash_table_contains (self->alerts, id))
        continue;

      if (can_send)
        {
          g_autoptr(GNotification) notification = NULL;

          notification = g_notification_new (overdue_kind_title (item->kind));
          g_notification_set_body (notification, item->message);
          g_application_send_notification (app, id, notification);
        }
      g_hash_table_add (self->alerts, g_strdup (id));
    }

  g_hash_table_iter_init (&iter, self->alerts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (current, key))
      {
        if (can_send)
          g_application_withdraw_notification (app, key);
        g_hash_table_iter_remove (&iter);
      }
}

static void
overdue_activated_cb (AdwActionRow         *row,
                      LiaNotificationsPage *self)
{
  lia_notifications_page_show_record (self, g_object_get_data (G_OBJECT (row), "lia-uuid"));
}

void
lia_notifications_page_check_overdue (LiaNotificationsPage *self)
{
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  LiaStore *store;

  g_return_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self));

  if (self->context == NULL)
    return;

  ensure_ui (self);
  clear_list (self->overdue_list);
  if (self->operation == NULL)
    {
      gtk_widget_set_visible (self->overdue_box, FALSE);
      return;
    }

  store = lia_context_get_store (self->context);
  if (!(items = lia_notification_overdue_compute (store, self->operation, &error)))
    {
      g_warning ("Cannot compute what is overdue: %s", error->message);
      return;
    }
  for (guint i = 0; i < items->len; i++)
    {
      LiaOverdueItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 4);
      /* The message says when it fell due */
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), overdue_kind_title (item->kind));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("alarm-symbolic"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "lia-uuid", g_strdup (item->notification_uuid), g_free);
      g_object_set_data_full (G_OBJECT (row), "lia-party", g_strdup (item->party_uuid), g_free);
      g_signal_connect (row, "activated", G_CALLBACK (overdue_activated_cb), self);
      gtk_list_box_append (self->overdue_list, row);
    }
  gtk_widget_set_visible (self->overdue_box, items->len > 0);

  update_alerts (self, items);
}

static gboolean
overdue_timer_cb (gpointer user_data)
{
  lia_notifications_page_check_overdue (user_data);

  return G_SOURCE_CONTINUE;
}

static gboolean
overdue_idle_cb (gpointer user_data)
{
  LiaNotificationsPage *self = user_data;

  self->overdue_idle_id = 0;
  lia_notifications_page_check_overdue (self);

  return G_SOURCE_REMOVE;
}

/* ---- the list ------------------------------------------------------------ */

static gboolean
matches_status (LiaRecord *record,
                guint      filter)
{
  int status = lia_notify_record_get_status (record);
  gboolean draft;
  gboolean closed;

  if (filter == STATUS_ANY || status < 0)
    return TRUE;

  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      draft = status == LIA_SITE_STATUS_DRAFT;
      closed = status == LIA_SITE_STATUS_REMOVED;
    }
  else
    {
      draft = status == LIA_MOVEMENT_STATUS_DRAFT;
      closed = status == LIA_MOVEMENT_STATUS_COMPLETED || status == LIA_MOVEMENT_STATUS_CANCELLED;
    }

  switch (filter)
    {
    case STATUS_DRAFT: return draft;
    case STATUS_CLOSED: return closed;
    case STATUS_CURRENT: default: return !draft && !closed;
    }
}

static gboolean
matches_search (LiaRecord  *record,
                const char *title,
                const char *key)
{
  const char *texts[4] = { title, NULL, NULL, NULL };

  if (key == NULL || *key == '\0')
    return TRUE;

  if (LIA_IS_SITE_NOTIFICATION (record))
    {
      texts[1] = lia_site_notification_get_organisation (LIA_SITE_NOTIFICATION (record));
      texts[2] = lia_site_notification_get_reference (LIA_SITE_NOTIFICATION (record));
    }
  else if (LIA_IS_MOVEMENT_NOTIFICATION (record))
    {
      texts[1] = lia_movement_notification_get_organisation (LIA_MOVEMENT_NOTIFICATION (record));
      texts[2] = lia_movement_notification_get_reference (LIA_MOVEMENT_NOTIFICATION (record));
    }
  else
    texts[1] = lia_incident_get_description (LIA_INCIDENT (record));

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *folded = NULL;

      if (texts[i] == NULL)
        continue;
      /* Folded as guidance search folds: case, accents, Arabic forms */
      folded = lia_actor_normalize_name (texts[i]);
      if (strstr (folded, key) != NULL)
        return TRUE;
    }

  return FALSE;
}

static GHashTable *
group_log (GPtrArray *entries)
{
  GHashTable *by_notification = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; entries != NULL && i < entries->len; i++)
    {
      LiaTransmission *entry = g_ptr_array_index (entries, i);
      const char *uuid = lia_transmission_get_notification_uuid (entry);
      GPtrArray *list = g_hash_table_lookup (by_notification, uuid);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_notification, (gpointer) uuid, list);
        }
      g_ptr_array_add (list, entry);
    }

  return by_notification;
}

static char *
describe_acknowledgements (GPtrArray *entries)
{
  g_autoptr(GPtrArray) statuses = NULL;
  guint n_sent = 0;
  guint n_acknowledged = 0;

  if (entries == NULL)
    return g_strdup (_("Not sent yet"));

  statuses = lia_transmission_summarize (entries);
  for (guint i = 0; i < statuses->len; i++)
    {
      LiaPartyStatus *status = g_ptr_array_index (statuses, i);

      if (status->last_sent != NULL)
        n_sent++;
      if (status->acknowledged != NULL)
        n_acknowledged++;
    }

  if (n_sent == 0)
    return g_strdup (_("Not sent yet"));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Acknowledged by %u of %u party",
                                       "Acknowledged by %u of %u parties", n_sent),
                          n_acknowledged, n_sent);
}

static void
reload_list (LiaNotificationsPage *self)
{
  static const char * const types[] = { "site-notification", "movement-notification" };
  LiaStore *store = lia_context_get_store (self->context);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) log = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autofree char *key = NULL;
  guint type_filter = gtk_drop_down_get_selected (self->type_filter);
  guint status_filter = gtk_drop_down_get_selected (self->status_filter);
  guint n_shown = 0;
  guint n_incidents = 0;

  ensure_ui (self);
  self->list_dirty = FALSE;
  clear_list (self->notification_list);
  clear_list (self->incident_list);

  key = lia_actor_normalize_name (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  entries = lia_transmission_list_for (store, self->operation, NULL, NULL);
  log = group_log (entries);

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(GPtrArray) records = NULL;

      if ((t == 0 && type_filter == TYPE_MOVEMENTS) || (t == 1 && type_filter == TYPE_SITES))
        continue;

      records = lia_store_list (store, types[t], self->operation, NULL);
      for (guint i = 0; records != NULL && i < records->len; i++)
        {
          LiaRecord *record = g_ptr_array_index (records, i);
          const char *uuid = lia_record_get_uuid (record);
          g_autofree char *title = lia_notify_record_title (record);
          g_autofree char *ack = NULL;
          g_autofree char *subtitle = NULL;
          const char *kind;
          GtkWidget *row;

          if (lia_record_get_tombstone (record) ||
              !matches_status (record, status_filter) ||
              !matches_search (record, title, key))
            continue;

          ack = describe_acknowledgements (g_hash_table_lookup (log, uuid));
          if (LIA_IS_SITE_NOTIFICATION (record))
            kind = lia_notify_enum_get_label (LIA_TYPE_FACILITY_TYPE,
                                              lia_site_notification_get_facility_type (LIA_SITE_NOTIFICATION (record)));
          else
            kind = lia_notify_enum_get_label (LIA_TYPE_MOVEMENT_TYPE,
                                              lia_movement_notification_get_movement_type (LIA_MOVEMENT_NOTIFICATION (record)));
          /* Translators: kind · status · acknowledgements, "Health facility · Active · Acknowledged by 1 of 2 parties" */
          subtitle = g_strdup_printf (_("%s · %s · %s"), kind, lia_notify_record_status_label (record), ack);

          row = new_record_row (self, uuid, title, subtitle,
                                t == 0 ? "mark-location-symbolic" : "mail-send-symbolic",
                                LIA_IS_MOVEMENT_NOTIFICATION (record) &&
                                lia_movement_notification_get_emergency (LIA_MOVEMENT_NOTIFICATION (record)),
                                lia_record_get_sensitivity (record));
          gtk_list_box_append (self->notification_list, row);
          n_shown++;
        }
    }

  incidents = lia_store_list (store, "incident", self->operation, NULL);
  for (guint i = 0; incidents != NULL && i < incidents->len; i++)
    {
      LiaRecord *record = g_ptr_array_index (incidents, i);
      g_autofree char *title = lia_notify_record_title (record);
      g_autofree char *when = NULL;
      g_autoptr(LiaOperationRules) rules = NULL;
      const char * const *linked = lia_incident_get_linked_notifications (LIA_INCIDENT (record));
      guint n_linked = linked != NULL ? g_strv_length ((char **) linked) : 0;
      g_autofree char *subtitle = NULL;

      if (lia_record_get_tombstone (record) || !matches_search (record, title, key))
        continue;

      rules = lia_operation_rules_load (store, lia_record_get_operation (record), NULL);
      when = rules != NULL ? lia_operation_rules_format_time (rules, lia_incident_get_at (LIA_INCIDENT (record))) : NULL;
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s · linked to %u notification",
                                               "%s · linked to %u notifications", n_linked),
                                  when != NULL ? when : "", n_linked);
      gtk_list_box_append (self->incident_list,
                           new_record_row (self, lia_record_get_uuid (record), title, subtitle,
                                           "dialog-warning-symbolic", FALSE,
                                           lia_record_get_sensitivity (record)));
      n_incidents++;
    }

  if (n_shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No notifications to show"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Notify a site or a movement with the + button or Ctrl+N; they show here with which parties acknowledged them."));
      gtk_list_box_append (self->notification_list, row);
    }
  if (n_incidents == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No incidents recorded"));
      gtk_list_box_append (self->incident_list, row);
    }
}

static void
filters_changed_cb (LiaNotificationsPage *self)
{
  if (self->context != NULL)
    reload_list (self);
}

static void
store_changed_cb (LiaNotificationsPage *self)
{
  resolve_operation (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_list (self);
  else
    self->list_dirty = TRUE;

  if (self->detail != NULL)
    lia_notification_detail_reload (LIA_NOTIFICATION_DETAIL (self->detail));

  lia_notifications_page_check_overdue (self);
}

static void
lia_notifications_page_map (GtkWidget *widget)
{
  LiaNotificationsPage *self = LIA_NOTIFICATIONS_PAGE (widget);

  ensure_ui (self);
  GTK_WIDGET_CLASS (lia_notifications_page_parent_class)->map (widget);

  if (self->context != NULL && self->list_dirty)
    reload_list (self);
}

static void
operation_apply_cb (LiaNotificationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->operation_row))));

  if (*name == '\0')
    return;

  if (!lia_store_set_setting (lia_context_get_store (self->context), "operation", name, &error))
    {
      show_toast (self, error->message);
      return;
    }
  store_changed_cb (self);
}

/* ---- forms and details ---------------------------------------------------- */

static void
form_saved_cb (LiaNotificationsPage *self,
               LiaRecord            *record)
{
  g_autofree char *uuid = g_strdup (lia_record_get_uuid (record));

  lia_notifications_page_show_record (self, uuid);
}

static void
form_cancelled_cb (LiaNotificationsPage *self)
{
  gtk_stack_set_visible_child_name (self->main_stack,
                                    self->back_to != NULL && self->detail != NULL ? self->back_to : "list");
}

static void
show_form (LiaNotificationsPage *self,
           LiaNotifyKind         kind,
           LiaRecord            *record)
{
  GtkWidget *first;
  guint n_fields;

  ensure_ui (self);
  self->back_to = record != NULL ? "detail" : "list";
  self->form = lia_notification_form_new (self->context, self->operation, kind, record);
  g_signal_connect_object (self->form, "saved", G_CALLBACK (form_saved_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->form, "cancelled", G_CALLBACK (form_cancelled_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->form_bin, self->form);
  gtk_stack_set_visible_child_name (self->main_stack, "form");

  /* The first field, ready to type in */
  if ((first = lia_notification_form_get_row (LIA_NOTIFICATION_FORM (self->form),
                                              lia_notify_fields_get (kind, &n_fields)[0].key)) != NULL)
    gtk_widget_grab_focus (first);
}

static void
detail_edit_cb (LiaNotificationsPage *self,
                LiaRecord            *record)
{
  g_autoptr(LiaRecord) fresh = lia_store_load (lia_context_get_store (self->context),
                                               lia_record_get_uuid (record), NULL);

  if (fresh != NULL)
    show_form (self, lia_notify_kind_of (fresh), fresh);
}

void
lia_notifications_page_show_record (LiaNotificationsPage *self,
                                    const char           *uuid)
{
  g_autoptr(LiaRecord) record = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self));
  g_return_if_fail (uuid != NULL);

  ensure_ui (self);
  if (!(record = lia_store_load (lia_context_get_store (self->context), uuid, &error)))
    {
      show_toast (self, error != NULL ? error->message : _("This record is no longer on this computer."));
      return;
    }

  self->detail = lia_notification_detail_new (self->context, record);
  g_signal_connect_object (self->detail, "edit", G_CALLBACK (detail_edit_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->detail_bin, self->detail);
  gtk_stack_set_visible_child_name (self->main_stack, "detail");
  adw_bin_set_child (self->form_bin, NULL);
  self->form = NULL;
}

void
lia_notifications_page_new (LiaNotificationsPage *self,
                            const char           *kind)
{
  LiaNotifyKind k;

  g_return_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self));

  if (self->operation == NULL)
    {
      show_toast (self, _("Choose the operation first."));
      gtk_widget_grab_focus (GTK_WIDGET (self->operation_row));
      return;
    }

  if (g_strcmp0 (kind, "movement") == 0)
    k = LIA_NOTIFY_KIND_MOVEMENT;
  else if (g_strcmp0 (kind, "incident") == 0)
    k = LIA_NOTIFY_KIND_INCIDENT;
  else
    k = LIA_NOTIFY_KIND_SITE;

  show_form (self, k, NULL);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  lia_notifications_page_new (LIA_NOTIFICATIONS_PAGE (widget), g_variant_get_string (parameter, NULL));
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaNotificationsPage *self = LIA_NOTIFICATIONS_PAGE (widget);

  ensure_ui (self);
  gtk_stack_set_visible_child_name (self->main_stack, "list");
  adw_bin_set_child (self->detail_bin, NULL);
  self->detail = NULL;
  if (self->list_dirty)
    reload_list (self);
}

/* Alt+← goes back, or Alt+→ in a right-to-left language; from the list
 * the key goes on to the window, back to the pages */
static gboolean
back_shortcut_cb (GtkWidget *widget,
                  GVariant  *args,
                  gpointer   user_data)
{
  LiaNotificationsPage *self = LIA_NOTIFICATIONS_PAGE (widget);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;

  if (g_variant_get_boolean (args) != rtl ||
      self->main_stack == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "detail") != 0)
    return FALSE;

  gtk_widget_activate_action (widget, "notifications.back", NULL);
  return TRUE;
}

void
lia_notifications_page_popup_new_menu (LiaNotificationsPage *self)
{
  g_return_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self));

  ensure_ui (self);
  gtk_stack_set_visible_child_name (self->main_stack, "list");
  gtk_menu_button_popup (self->new_button);
}

/* ---- object --------------------------------------------------------------- */

static void
lia_notifications_page_dispose (GObject *object)
{
  LiaNotificationsPage *self = (LiaNotificationsPage *)object;

  g_clear_handle_id (&self->overdue_timer_id, g_source_remove);
  g_clear_handle_id (&self->overdue_idle_id, g_source_remove);
  /* AdwBin unparents its child, the template's only one */

  G_OBJECT_CLASS (lia_notifications_page_parent_class)->dispose (object);
}

static void
lia_notifications_page_finalize (GObject *object)
{
  LiaNotificationsPage *self = (LiaNotificationsPage *)object;

  g_clear_pointer (&self->alerts, g_hash_table_unref);
  g_clear_pointer (&self->operation, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lia_notifications_page_parent_class)->finalize (object);
}

static void
lia_notifications_page_class_init (LiaNotificationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_notifications_page_dispose;
  object_class->finalize = lia_notifications_page_finalize;
  widget_class->map = lia_notifications_page_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-notifications-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, status_filter);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, operation_group);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, operation_row);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, overdue_box);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, tabs_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, notification_list);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, incident_list);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, form_bin);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationsPage, detail_bin);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, operation_apply_cb);

  gtk_widget_class_install_action (widget_class, "notifications.new", "s", new_action);
  gtk_widget_class_install_action (widget_class, "notifications.back", NULL, back_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Left, GDK_ALT_MASK, back_shortcut_cb, "b", FALSE);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Right, GDK_ALT_MASK, back_shortcut_cb, "b", TRUE);
}

static void
lia_notifications_page_init (LiaNotificationsPage *self)
{
  self->alerts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->list_dirty = TRUE;
}

void
lia_notifications_page_set_context (LiaNotificationsPage *self,
                                    LiaContext           *context)
{
  g_return_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self));
  g_return_if_fail (LIA_IS_CONTEXT (context));
  g_return_if_fail (self->context == NULL);

  self->context = g_object_ref (context);
  resolve_operation (self);

  g_signal_connect_object (lia_context_get_store (context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);

  /* Not at start-up: the window shows first, whatever the page */
  self->overdue_idle_id = g_timeout_add_seconds (OVERDUE_FIRST_CHECK_SECONDS, overdue_idle_cb, self);
  self->overdue_timer_id = g_timeout_add_seconds (OVERDUE_CHECK_SECONDS, overdue_timer_cb, self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    reload_list (self);
}

const char *
lia_notifications_page_get_operation (LiaNotificationsPage *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self), NULL);

  return self->operation;
}

GtkWidget *
lia_notifications_page_get_form (LiaNotificationsPage *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self), NULL);

  return self->form;
}

GtkWidget *
lia_notifications_page_get_detail (LiaNotificationsPage *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self), NULL);

  return self->detail;
}

GtkListBox *
lia_notifications_page_get_list (LiaNotificationsPage *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self), NULL);

  ensure_ui (self);
  return self->notification_list;
}

GtkListBox *
lia_notifications_page_get_overdue_list (LiaNotificationsPage *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self), NULL);

  ensure_ui (self);
  return self->overdue_list;
}

GPtrArray *
lia_notifications_page_dup_alert_ids (LiaNotificationsPage *self)
{
  GPtrArray *ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (LIA_IS_NOTIFICATIONS_PAGE (self), ids);

  g_hash_table_iter_init (&iter, self->alerts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (ids, key);

  return ids;
}
