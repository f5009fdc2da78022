/* lia-notification-detail.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-export-confirm.h"
#include "lia-notification-detail.h"
#include "lia-notification-fields.h"
#include "lia-sensitivity-badge.h"

/* Everything about one record, rebuilt from the store whenever it
 * changes.  Lifecycle buttons offer only the moves the core allows; the
 * detail.transition action takes any status and lets the core refuse, so
 * that a refusal reads the same wherever it comes from. */
struct _LiaNotificationDetail
{
  AdwBin              parent_instance;

  LiaContext         *context;
  LiaRecord          *record;
  LiaOperationRules  *rules;
  GPtrArray          *actors;      /* LiaActor of the operation */
  GtkListBox         *log_list;
  char               *last_toast;
  char               *waiting_party;  /* the first party yet to answer */
  GCancellable       *cancellable;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkLabel           *title_label;
  GtkWidget          *sensitivity_badge;
  GtkWidget          *emergency_label;
  GtkLabel           *summary_label;
  GtkFlowBox         *actions_box;
  AdwPreferencesGroup *parties_group;
  AdwPreferencesGroup *log_group;
  AdwPreferencesGroup *links_group;
  AdwPreferencesGroup *fields_group;
  GtkWidget          *parties_list;
  GtkWidget          *links_list;
  GtkWidget          *fields_list;
};

G_DEFINE_FINAL_TYPE (LiaNotificationDetail, lia_notification_detail, ADW_TYPE_BIN)

enum {
  EDIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const struct {
  const char *code;
  const char *name;
} languages[] = {
  { "en", "English" },
  { "fr", "Français" },
  { "ar", "العربية" },
};

static void
show_toast (LiaNotificationDetail *self,
            const char            *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  g_free (self->last_toast);
  self->last_toast = g_strdup (message);
  /* A toast's title is markup */
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static const char *
party_name (LiaNotificationDetail *self,
            const char            *uuid)
{
  for (guint i = 0; self->actors != NULL && i < self->actors->len; i++)
    {
      LiaActor *actor = g_ptr_array_index (self->actors, i);

      if (g_strcmp0 (lia_record_get_uuid (LIA_RECORD (actor)), uuid) == 0)
        return lia_actor_get_name (actor);
    }

  return _("Unknown party");
}

static char *
format_time (LiaNotificationDetail *self,
             GDateTime             *time)
{
  return lia_operation_rules_format_time (self->rules, time);
}

static GtkWidget *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static void
clear_list (GtkWidget *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static GtkWidget *
add_row (GtkWidget  *list,
         const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_append (GTK_LIST_BOX (list), row);

  return row;
}

static void
add_action_button (LiaNotificationDetail *self,
                   const char            *label,
                   const char            *action,
                   GVariant              *target,
                   const char            *css_class)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (css_class != NULL)
    gtk_widget_add_css_class (button, css_class);
  gtk_flow_box_append (self->actions_box, button);
  /* The flow box child would take focus before the button */
  gtk_widget_set_focusable (gtk_widget_get_parent (button), FALSE);
}

/* ---- building ------------------------------------------------------------ */

static const char *
transition_label (LiaRecord *record,
                  int        to)
{
  if (LIA_IS_SITE_NOTIFICATION (record))
    switch (to)
      {
      case LIA_SITE_STATUS_ACTIVE: return _("Mark _Active");
      case LIA_SITE_STATUS_REMOVED: return _("_Remove Site");
      default: return _("Back to _Draft");
      }

  switch (to)
    {
    case LIA_MOVEMENT_STATUS_NOTIFIED: return _("Mark _Notified");
    case LIA_MOVEMENT_STATUS_UNDER_WAY: return _("Mark _Under Way");
    case LIA_MOVEMENT_STATUS_COMPLETED: return _("Mark _Completed");
    case LIA_MOVEMENT_STATUS_CANCELLED: return _("Ca_ncel Movement");
    default: return _("Back to _Draft");
    }
}

static void
build_actions (LiaNotificationDetail *self)
{
  GtkWidget *child;
  int status = lia_notify_record_get_status (self->record);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->actions_box))) != NULL)
    gtk_flow_box_remove (self->actions_box, child);

  add_action_button (self, _("_Edit…"), "detail.edit", NULL, NULL);
  add_action_button (self, _("_Guidance"), "win.show-card",
                     g_variant_new_string (lia_notify_kind_get_guidance (lia_notify_kind_of (self->record))),
                     NULL);
  add_action_button (self, _("Show on _Map"), "win.show-on-map",
                     g_variant_new_string (lia_record_get_uuid (self->record)), NULL);

  if (LIA_IS_INCIDENT (self->record))
    return;

  add_action_button (self, _("Record _Sending…"), "detail.record", g_variant_new_string ("sent"), "suggested-action");
  add_action_button (self, _("Record Ac_knowledgement…"), "detail.record", g_variant_new_string ("acknowledged"), NULL);
  add_action_button (self, _("No Acknowledgement by _Deadline…"), "detail.record", g_variant_new_string ("no-acknowledgement"), NULL);
  add_action_button (self, _("Send C_orrection…"), "detail.record", g_variant_new_string ("correction"), NULL);

  /* Only the moves the lifecycle allows */
  if (LIA_IS_SITE_NOTIFICATION (self->record))
    {
      for (int to = LIA_SITE_STATUS_DRAFT; to <= LIA_SITE_STATUS_REMOVED; to++)
        if (to != status && lia_site_notification_can_transition (status, to))
          add_action_button (self, transition_label (self->record, to), "detail.transition",
                             g_variant_new_string (lia_enum_to_string (LIA_TYPE_SITE_STATUS, to)),
                             to == LIA_SITE_STATUS_REMOVED ? "destructive-action" : NULL);
    }
  else
    {
      for (int to = LIA_MOVEMENT_STATUS_DRAFT; to <= LIA_MOVEMENT_STATUS_CANCELLED; to++)
        if (to != status && lia_movement_notification_can_transition (status, to))
          add_action_button (self, transition_label (self->record, to), "detail.transition",
                             g_variant_new_string (lia_enum_to_string (LIA_TYPE_MOVEMENT_STATUS, to)),
                             to == LIA_MOVEMENT_STATUS_CANCELLED ? "destructive-action" : NULL);
    }

  add_action_button (self, _("E_xport Package…"), "detail.export", NULL, NULL);
}

static char *
describe_entry (LiaNotificationDetail *self,
                LiaTransmission       *entry)
{
  const char *party = party_name (self, lia_transmission_get_party_uuid (entry));
  const char *channel = lia_notify_enum_get_label (LIA_TYPE_CHANNEL, lia_transmission_get_channel (entry));

  switch (lia_transmission_get_kind (entry))
    {
    case LIA_TRANSMISSION_SENT:
      /* Translators: "Sent to Northern Command by e-mail" */
      return g_strdup_printf (_("Sent to %s by %s"), party, channel);
    case LIA_TRANSMISSION_CORRECTION:
      return g_strdup_printf (_("Correction sent to %s by %s"), party, channel);
    case LIA_TRANSMISSION_ACKNOWLEDGED:
      return g_strdup_printf (_("Acknowledged by %s"), party);
    case LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT:
    default:
      return g_strdup_printf (_("No acknowledgement from %s by the deadline"), party);
    }
}

static void
build_log (LiaNotificationDetail *self,
           GPtrArray             *entries)
{
  g_autoptr(GPtrArray) statuses = lia_transmission_summarize (entries);
  guint n_sent = 0;
  guint n_acknowledged = 0;

  clear_list (GTK_WIDGET (self->log_list));
  for (guint i = 0; i < entries->len; i++)
    {
      LiaTransmission *entry = g_ptr_array_index (entries, i);
      g_autofree char *title = describe_entry (self, entry);
      g_autofree char *when = format_time (self, lia_transmission_get_at (entry));
      g_autofree char *subtitle = NULL;
      const char *reference = lia_transmission_get_reference (entry);
      const char *icon;
      GtkWidget *row;

      if (reference != NULL && *reference != '\0')
        /* Translators: a time, then the reference of a message */
        subtitle = g_strdup_printf (_("%s · reference %s"), when, reference);
      else
        subtitle = g_strdup (when);

      row = add_row (GTK_WIDGET (self->log_list), title, subtitle);
      switch (lia_transmission_get_kind (entry))
        {
        case LIA_TRANSMISSION_ACKNOWLEDGED: icon = "object-select-symbolic"; break;
        case LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT: icon = "dialog-warning-symbolic"; break;
        case LIA_TRANSMISSION_SENT:
        case LIA_TRANSMISSION_CORRECTION:
        default: icon = "mail-send-symbolic";
        }
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (icon));
      g_object_set_data_full (G_OBJECT (row), "lia-kind",
                              g_strdup (lia_enum_to_string (LIA_TYPE_TRANSMISSION_KIND, lia_transmission_get_kind (entry))),
                              g_free);
    }
  if (entries->len == 0)
    add_row (GTK_WIDGET (self->log_list), _("Not sent to any party yet"),
             _("Record each sending to a party’s focal point, and each answer."));

  clear_list (self->parties_list);
  g_clear_pointer (&self->waiting_party, g_free);
  for (guint i = 0; i < statuses->len; i++)
    {
      LiaPartyStatus *status = g_ptr_array_index (statuses, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *sent = format_time (self, status->last_sent);

      if (status->last_sent != NULL)
        n_sent++;

      if (status->acknowledged != NULL)
        {
          g_autofree char *when = format_time (self, status->acknowledged);

          n_acknowledged++;
          subtitle = g_strdup_printf (_("Acknowledged on %s"), when);
        }
      else if (status->no_acknowledgement != NULL)
        subtitle = g_strdup_printf (_("Sent on %s; no acknowledgement by the deadline"), sent);
      else if (status->last_sent != NULL)
        {
          g_autoptr(GDateTime) deadline = g_date_time_add_hours (status->last_sent,
                                                                 lia_operation_rules_get_ack_deadline_hours (self->rules));
          g_autofree char *due = format_time (self, deadline);

          subtitle = g_strdup_printf (_("Sent on %s; acknowledgement due by %s"), sent, due);
          if (self->waiting_party == NULL)
            self->waiting_party = g_strdup (status->party_uuid);
        }
      else
        subtitle = g_strdup (_("Not sent"));

      add_row (self->parties_list, party_name (self, status->party_uuid), subtitle);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->parties_group), statuses->len > 0);

  if (n_sent == 0)
    gtk_label_set_label (self->summary_label, lia_notify_record_status_label (self->record));
  else
    {
      g_autofree char *ack = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Acknowledged by %u of %u party",
                                                           "Acknowledged by %u of %u parties", n_sent),
                                              n_acknowledged, n_sent);
      /* Translators: a status, then how many parties acknowledged */
      g_autofree char *summary = g_strdup_printf (_("%s · %s"), lia_notify_record_status_label (self->record), ack);

      gtk_label_set_label (self->summary_label, summary);
    }
}

static void
build_links (LiaNotificationDetail *self)
{
  LiaStore *store = lia_context_get_store (self->context);
  LiaIncident *incident = LIA_INCIDENT (self->record);
  const char * const *linked = lia_incident_get_linked_notifications (incident);
  g_autoptr(GPtrArray) suggestions = lia_incident_suggest_links (store, incident, NULL);
  guint n_rows = 0;

  clear_list (self->links_list);
  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      LiaIncidentLink *link = g_ptr_array_index (suggestions, i);
      g_autofree char *title = g_strdup_printf (_("%s (%.1f km)"), link->title, link->distance_km);
      GtkWidget *row = add_row (self->links_list, title, link->explanation);
      GtkWidget *suffix;

      if (linked != NULL && g_strv_contains (linked, link->notification_uuid))
        {
          suffix = gtk_label_new (_("Linked"));
          gtk_widget_add_css_class (suffix, "success");
        }
      else
        {
          suffix = gtk_button_new_with_label (_("Link"));
          gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (suffix), "detail.link");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (suffix), "s", link->notification_uuid);
          gtk_accessible_update_property (GTK_ACCESSIBLE (suffix),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                          -1);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
      n_rows++;
    }
  if (n_rows == 0)
    add_row (self->links_list, _("No notified site or movement nearby"), NULL);

  /* The paragraph for advocacy, in the interface's language */
  {
    /* Translators: your language's code if the core writes incident
     * summaries in it (en, fr or ar); otherwise leave "en" */
    g_autofree char *summary = lia_incident_format_summary (incident, store, _("en"), NULL);

    gtk_label_set_label (self->summary_label, summary != NULL ? summary : "");
    gtk_widget_set_visible (GTK_WIDGET (self->summary_label), summary != NULL);
  }
}

static void
build_fields (LiaNotificationDetail *self)
{
  const LiaNotifyField *fields;
  guint n_fields;

  clear_list (self->fields_list);
  fields = lia_notify_fields_get (lia_notify_kind_of (self->record), &n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *value = lia_notify_field_get_text (self->record, &fields[i], self->rules, TRUE);

      add_row (self->fields_list, _(fields[i].title), value != NULL ? value : "—");
    }
}

void
lia_notification_detail_reload (LiaNotificationDetail *self)
{
  LiaStore *store;
  const char *operation;
  g_autoptr(LiaRecord) fresh = NULL;
  g_autofree char *title = NULL;
  g_autofree char *isolated = NULL;
  gboolean is_incident;

  g_return_if_fail (LIA_IS_NOTIFICATION_DETAIL (self));

  store = lia_context_get_store (self->context);
  if ((fresh = lia_store_load (store, lia_record_get_uuid (self->record), NULL)) != NULL)
    g_set_object (&self->record, fresh);
  operation = lia_record_get_operation (self->record);

  g_clear_object (&self->rules);
  self->rules = lia_operation_rules_load (store, operation, NULL);
  if (self->rules == NULL)
    self->rules = lia_operation_rules_new (operation);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  self->actors = lia_store_list (store, "actor", operation, NULL);

  is_incident = LIA_IS_INCIDENT (self->record);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
  title = lia_notify_record_title (self->record);
  isolated = lia_notify_isolate (title);
  gtk_label_set_label (self->title_label, isolated);
  lia_sensitivity_badge_set_sensitivity (LIA_SENSITIVITY_BADGE (self->sensitivity_badge),
                                         lia_record_get_sensitivity (self->record));
  gtk_widget_set_visible (self->emergency_label,
                          LIA_IS_MOVEMENT_NOTIFICATION (self->record) &&
                          lia_movement_notification_get_emergency (LIA_MOVEMENT_NOTIFICATION (self->record)));

  build_actions (self);
  build_fields (self);

  gtk_widget_set_visible (GTK_WIDGET (self->log_group), !is_incident);
  gtk_widget_set_visible (GTK_WIDGET (self->parties_group), !is_incident);
  gtk_widget_set_visible (GTK_WIDGET (self->links_group), is_incident);

  if (is_incident)
    build_links (self);
  else
    {
      g_autoptr(GPtrArray) entries = lia_transmission_list_for (store, operation,
                                                                lia_record_get_uuid (self->record), NULL);

      if (entries == NULL)
        entries = g_ptr_array_new ();
      build_log (self, entries);
    }
}

/* ---- actions -------------------------------------------------------------- */

static void
transition_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaNotificationDetail *self = LIA_NOTIFICATION_DETAIL (widget);
  const char *nick = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  int to;
  gboolean moved = FALSE;

  if (LIA_IS_SITE_NOTIFICATION (self->record))
    {
      if (lia_enum_from_string (LIA_TYPE_SITE_STATUS, nick, &to))
        moved = lia_site_notification_transition (LIA_SITE_NOTIFICATION (self->record), to, &error);
    }
  else if (LIA_IS_MOVEMENT_NOTIFICATION (self->record))
    {
      if (lia_enum_from_string (LIA_TYPE_MOVEMENT_STATUS, nick, &to))
        moved = lia_movement_notification_transition (LIA_MOVEMENT_NOTIFICATION (self->record), to, &error);
    }

  if (!moved && error == NULL)
    g_set_error (&error, LIA_ERROR, LIA_ERROR_INVALID, _("This record has no such status."));

  if (!moved || !lia_store_save (lia_context_get_store (self->context), self->record, &error))
    {
      show_toast (self, error->message);
      /* Put back what the refused move may have left */
      lia_notification_detail_reload (self);
      return;
    }

  lia_notification_detail_reload (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaNotificationDetail *self = LIA_NOTIFICATION_DETAIL (widget);

  g_signal_emit (self, signals[EDIT], 0, self->record);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaNotificationDetail *self = LIA_NOTIFICATION_DETAIL (widget);
  g_autoptr(GError) error = NULL;

  lia_incident_link_notification (LIA_INCIDENT (self->record), g_variant_get_string (parameter, NULL));
  if (!lia_store_save (lia_context_get_store (self->context), self->record, &error))
    show_toast (self, error->message);
  lia_notification_detail_reload (self);
}

static GtkWidget *
new_dropdown (const char * const *labels,
              guint               n_labels,
              const char         *accessible_label)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GtkWidget *dropdown;

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (list, labels[i]);
  dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return dropdown;
}

static void
add_labelled (GtkGrid    *grid,
              int         row,
              const char *label,
              GtkWidget  *widget)
{
  GtkWidget *title = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (title), widget);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_grid_attach (grid, title, 0, row, 1, 1);
  gtk_grid_attach (grid, widget, 1, row, 1, 1);
}

static GtkWidget *
new_party_dropdown (LiaNotificationDetail *self,
                    gboolean               any)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  if (any)
    g_ptr_array_add (names, (gpointer) _("Any party"));
  for (guint i = 0; self->actors != NULL && i < self->actors->len; i++)
    g_ptr_array_add (names, (gpointer) lia_actor_get_name (g_ptr_array_index (self->actors, i)));

  return new_dropdown ((const char * const *) names->pdata, names->len, _("Party"));
}

static void
record_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    LiaNotificationDetail *self)
{
  LiaTransmissionKind kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "lia-kind"));
  GtkDropDown *party = g_object_get_data (G_OBJECT (dialog), "lia-party");
  GtkDropDown *channel = g_object_get_data (G_OBJECT (dialog), "lia-channel");
  GtkEditable *reference = g_object_get_data (G_OBJECT (dialog), "lia-reference");
  g_autoptr(LiaTransmission) entry = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  guint selected;
  LiaActor *actor;

  if (!g_str_equal (response, "record"))
    return;

  selected = gtk_drop_down_get_selected (party);
  if (self->actors == NULL || selected >= self->actors->len)
    return;
  actor = g_ptr_array_index (self->actors, selected);

  now = lia_clock_get_now (lia_context_get_clock (self->context));
  entry = lia_transmission_new (lia_record_get_operation (self->record),
                                lia_record_get_uuid (self->record),
                                lia_record_get_uuid (LIA_RECORD (actor)),
                                kind, now);
  lia_transmission_set_channel (entry, gtk_drop_down_get_selected (channel));
  lia_transmission_set_reference (entry, gtk_editable_get_text (reference));

  if (!lia_transmission_record (entry, lia_context_get_store (self->context), &error))
    show_toast (self, error->message);

  lia_notification_detail_reload (self);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaNotificationDetail *self = LIA_NOTIFICATION_DETAIL (widget);
  g_autoptr(GEnumClass) channels = g_type_class_ref (LIA_TYPE_CHANNEL);
  g_autoptr(GPtrArray) channel_labels = g_ptr_array_new ();
  int kind = LIA_TRANSMISSION_SENT;
  const char *heading;
  const char *body;
  GtkWidget *dialog;
  GtkWidget *grid;
  GtkWidget *party;
  GtkWidget *channel;
  GtkWidget *reference;

  lia_enum_from_string (LIA_TYPE_TRANSMISSION_KIND, g_variant_get_string (parameter, NULL), &kind);

  if (self->actors == NULL || self->actors->len == 0)
    {
      show_toast (self, _("Add the parties as actors first: a notification is sent to an actor’s focal point."));
      return;
    }

  switch (kind)
    {
    case LIA_TRANSMISSION_SENT:
      heading = _("Record Sending");
      body = _("Which party’s focal point received the notification, and how. The party’s time to acknowledge starts now.");
      break;
    case LIA_TRANSMISSION_CORRECTION:
      heading = _("Record Correction");
      body = _("A corrected notification sent to a party. The party’s time to acknowledge starts again.");
      break;
    case LIA_TRANSMISSION_ACKNOWLEDGED:
      heading = _("Record Acknowledgement");
      body = _("The party confirmed that it received the notification. An acknowledgement guarantees nothing.");
      break;
    case LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT:
    default:
      heading = _("No Acknowledgement by Deadline");
      body = _("The party did not acknowledge in time. Recording it keeps the history honest; it can still acknowledge later.");
      break;
    }

  for (guint i = 0; i < channels->n_values; i++)
    g_ptr_array_add (channel_labels, (gpointer) lia_notify_enum_get_label (LIA_TYPE_CHANNEL, channels->values[i].value));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  party = new_party_dropdown (self, FALSE);
  /* An answer most likely comes from a party that was waited for */
  if (kind == LIA_TRANSMISSION_ACKNOWLEDGED || kind == LIA_TRANSMISSION_NO_ACKNOWLEDGEMENT)
    for (guint i = 0; self->waiting_party != NULL && i < self->actors->len; i++)
      if (g_strcmp0 (lia_record_get_uuid (g_ptr_array_index (self->actors, i)), self->waiting_party) == 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (party), i);
  channel = new_dropdown ((const char * const *) channel_labels->pdata, channel_labels->len, _("Channel"));
  reference = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (reference), TRUE);
  add_labelled (GTK_GRID (grid), 0, _("_Party"), party);
  add_labelled (GTK_GRID (grid), 1, _("C_hannel"), channel);
  add_labelled (GTK_GRID (grid), 2, _("R_eference"), reference);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);

  g_object_set_data (G_OBJECT (dialog), "lia-kind", GINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (dialog), "lia-party", party);
  g_object_set_data (G_OBJECT (dialog), "lia-channel", channel);
  g_object_set_data (G_OBJECT (dialog), "lia-reference", reference);
  g_signal_connect_object (dialog, "response", G_CALLBACK (record_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- export --------------------------------------------------------------- */

void
lia_notification_detail_export_async (LiaNotificationDetail       *self,
                                      const char                  *party_uuid,
                                      const char                  *lang,
                                      LiaNotificationExportFormat  format,
                                      gboolean                     include_strictly_confidential,
                                      GFile                       *file,
                                      GCancellable                *cancellable,
                                      GAsyncReadyCallback          callback,
                                      gpointer                     user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LIA_IS_NOTIFICATION_DETAIL (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  lia_notification_export_async (lia_context_get_store (self->context), self->record,
                                 party_uuid, lang, format, include_strictly_confidential, path,
                                 cancellable, callback, user_data);
}

gboolean
lia_notification_detail_export_finish (LiaNotificationDetail  *self,
                                       GAsyncResult           *result,
                                       GError                **error)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATION_DETAIL (self), FALSE);

  return lia_notification_export_finish (result, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(LiaNotificationDetail) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lia_notification_detail_export_finish (self, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }

  show_toast (self, _("Package saved"));
}

static void
export_file_response_cb (GtkNativeDialog       *chooser,
                         int                    response,
                         LiaNotificationDetail *self)
{
  g_autoptr(GFile) file = NULL;
  const char *party = g_object_get_data (G_OBJECT (chooser), "lia-party");
  const char *lang = g_object_get_data (G_OBJECT (chooser), "lia-lang");
  int format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "lia-format"));
  gboolean strict = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "lia-include-strict"));

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser))) != NULL)
    lia_notification_detail_export_async (self, party, lang, format, strict, file, self->cancellable,
                                          export_done_cb, g_object_ref (self));

  g_object_unref (chooser);
}

static void
export_response_cb (AdwMessageDialog      *dialog,
                    const char            *response,
                    LiaNotificationDetail *self)
{
  static const char * const extensions[] = { "pdf", "csv", "geojson" };
  GtkDropDown *party = g_object_get_data (G_OBJECT (dialog), "lia-party");
  GtkDropDown *language = g_object_get_data (G_OBJECT (dialog), "lia-language");
  GtkDropDown *format = g_object_get_data (G_OBJECT (dialog), "lia-format");
  GtkFileChooserNative *chooser;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  guint party_index;
  guint format_index;
  const char *lang;

  if (!g_str_equal (response, "export"))
    return;

  party_index = gtk_drop_down_get_selected (party);
  format_index = MIN (gtk_drop_down_get_selected (format), G_N_ELEMENTS (extensions) - 1);
  lang = languages[MIN (gtk_drop_down_get_selected (language), G_N_ELEMENTS (languages) - 1)].code;

  chooser = gtk_file_chooser_native_new (_("Save Package"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  title = lia_notify_record_title (self->record);
  g_strdelimit (title, "/\\:", '-');
  name = g_strdup_printf ("%s-%s.%s", title, lang, extensions[format_index]);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  if (party_index > 0 && self->actors != NULL && party_index - 1 < self->actors->len)
    g_object_set_data_full (G_OBJECT (chooser), "lia-party",
                            g_strdup (lia_record_get_uuid (g_ptr_array_index (self->actors, party_index - 1))),
                            g_free);
  g_object_set_data_full (G_OBJECT (chooser), "lia-lang", g_strdup (lang), g_free);
  g_object_set_data (G_OBJECT (chooser), "lia-format", GINT_TO_POINTER (format_index));
  g_object_set_data (G_OBJECT (chooser), "lia-include-strict",
                     g_object_get_data (G_OBJECT (dialog), "lia-include-strict"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_file_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_export_dialog (LiaNotificationDetail *self,
                    gboolean               include_strictly_confidential)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const char *formats[] = { _("PDF, to print or send"), _("CSV with HXL tags"), _("GeoJSON, for a map") };
  const char *language_names[G_N_ELEMENTS (languages)];
  GtkWidget *dialog;
  GtkWidget *grid;
  GtkWidget *party;
  GtkWidget *language;
  GtkWidget *format;

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    language_names[i] = languages[i].name;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Export Package"),
                                   _("Every field, the reference and the date of issue, in the party’s language."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "export", _("_Export…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  party = new_party_dropdown (self, TRUE);
  language = new_dropdown (language_names, G_N_ELEMENTS (language_names), _("Language"));
  format = new_dropdown (formats, G_N_ELEMENTS (formats), _("Format"));
  add_labelled (GTK_GRID (grid), 0, _("_Party"), party);
  add_labelled (GTK_GRID (grid), 1, _("_Language"), language);
  add_labelled (GTK_GRID (grid), 2, _("_Format"), format);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);

  g_object_set_data (G_OBJECT (dialog), "lia-party", party);
  g_object_set_data (G_OBJECT (dialog), "lia-language", language);
  g_object_set_data (G_OBJECT (dialog), "lia-format", format);
  g_object_set_data (G_OBJECT (dialog), "lia-include-strict", GINT_TO_POINTER (include_strictly_confidential));
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_confirmed_cb (GtkWidget *widget,
                     gboolean   include_strictly_confidential,
                     gpointer   user_data)
{
  LiaNotificationDetail *self = LIA_NOTIFICATION_DETAIL (widget);

  /* The package is this one record: left out, there is nothing to write */
  if (include_strictly_confidential ||
      lia_record_get_sensitivity (self->record) < LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)
    show_export_dialog (self, include_strictly_confidential);
  else
    show_toast (self, _("Left out: this strictly confidential notification was not exported"));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaNotificationDetail *self = LIA_NOTIFICATION_DETAIL (widget);
  gboolean strict = lia_record_get_sensitivity (self->record) == LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL;

  /* Asked first, so that the officer does not fill in the package for nothing */
  lia_export_confirm (widget, strict ? 1 : 0, 0, export_confirmed_cb, NULL, NULL);
}

/* ---- object --------------------------------------------------------------- */

static void
lia_notification_detail_dispose (GObject *object)
{
  LiaNotificationDetail *self = (LiaNotificationDetail *)object;

  g_cancellable_cancel (self->cancellable);
  /* AdwBin unparents its child, the template's only one */

  G_OBJECT_CLASS (lia_notification_detail_parent_class)->dispose (object);
}

static void
lia_notification_detail_finalize (GObject *object)
{
  LiaNotificationDetail *self = (LiaNotificationDetail *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->last_toast, g_free);
  g_clear_pointer (&self->waiting_party, g_free);
  g_clear_object (&self->record);
  g_clear_object (&self->rules);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lia_notification_detail_parent_class)->finalize (object);
}

static void
lia_notification_detail_class_init (LiaNotificationDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_notification_detail_dispose;
  object_class->finalize = lia_notification_detail_finalize;

  signals[EDIT] =
    g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LIA_TYPE_RECORD);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-notification-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, emergency_label);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, actions_box);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, parties_group);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, log_group);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, links_group);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationDetail, fields_group);

  gtk_widget_class_install_action (widget_class, "detail.transition", "s", transition_action);
  gtk_widget_class_install_action (widget_class, "detail.record", "s", record_action);
  gtk_widget_class_install_action (widget_class, "detail.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "detail.link", "s", link_action);
  gtk_widget_class_install_action (widget_class, "detail.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "detail.edit", NULL);
}

static void
lia_notification_detail_init (LiaNotificationDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Beside the title, as in every list row of the record */
  self->sensitivity_badge = lia_sensitivity_badge_new (LIA_SENSITIVITY_PUBLIC);
  gtk_widget_insert_after (self->sensitivity_badge,
                           gtk_widget_get_parent (GTK_WIDGET (self->title_label)),
                           GTK_WIDGET (self->title_label));

  self->cancellable = g_cancellable_new ();
  self->parties_list = new_boxed_list ();
  adw_preferences_group_add (self->parties_group, self->parties_list);
  self->log_list = GTK_LIST_BOX (new_boxed_list ());
  adw_preferences_group_add (self->log_group, GTK_WIDGET (self->log_list));
  self->links_list = new_boxed_list ();
  adw_preferences_group_add (self->links_group, self->links_list);
  self->fields_list = new_boxed_list ();
  adw_preferences_group_add (self->fields_group, self->fields_list);
}

GtkWidget *
lia_notification_detail_new (LiaContext *context,
                             LiaRecord  *record)
{
  LiaNotificationDetail *self;

  g_return_val_if_fail (LIA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (LIA_IS_RECORD (record), NULL);

  self = g_object_new (LIA_TYPE_NOTIFICATION_DETAIL, NULL);
  self->context = g_object_ref (context);
  self->record = g_object_ref (record);
  lia_notification_detail_reload (self);

  return GTK_WIDGET (self);
}

LiaRecord *
lia_notification_detail_get_record (LiaNotificationDetail *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATION_DETAIL (self), NULL);

  return self->record;
}

GtkListBox *
lia_notification_detail_get_log (LiaNotificationDetail *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATION_DETAIL (self), NULL);

  return self->log_list;
}

const char *
lia_notification_detail_get_last_toast (LiaNotificationDetail *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATION_DETAIL (self), NULL);

  return self->last_toast;
}
