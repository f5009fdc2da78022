/* lia-notification-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-notification-form.h"
#include "lia-sensitivity-row.h"

/* One row per field, with a row under it for what the core says is wrong
 * with the value.  The form writes into its record on every change and
 * asks the core to validate it, so the messages are the core's, and Save
 * is off while an error remains.  A field's message shows once the person
 * has touched it, so that an empty form does not open in red. */
typedef struct
{
  const LiaNotifyField *field;
  GtkWidget            *row;
  GtkWidget            *message_row;
  GtkImage             *message_icon;
  GtkLabel             *message;
  GtkWidget            *guidance_button;
  gboolean              touched;
} FormField;

struct _LiaNotificationForm
{
  AdwBin              parent_instance;

  LiaContext         *context;
  LiaOperationRules  *rules;
  LiaRecord          *record;
  LiaNotifyKind       kind;
  gboolean            editing;
  gboolean            loading;
  GArray             *fields;   /* FormField */

  /* Template widgets */
  GtkLabel           *heading;
  GtkLabel           *intro;
  GtkWidget          *guidance_button;
  GtkListBox         *fields_list;
  LiaSensitivityRow  *sensitivity_row;
  GtkLabel           *other_issues;
  GtkWidget          *save_button;
  GtkLabel           *status_label;
};

G_DEFINE_FINAL_TYPE (LiaNotificationForm, lia_notification_form, ADW_TYPE_BIN)

enum {
  SAVED,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static FormField *
find_field (LiaNotificationForm *self,
            const char          *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = &g_array_index (self->fields, FormField, i);

      if (g_str_equal (f->field->key, key))
        return f;
    }

  return NULL;
}

static FormField *
find_field_for_issue (LiaNotificationForm *self,
                      const char          *issue_field)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = &g_array_index (self->fields, FormField, i);

      if (lia_notify_field_matches (f->field, issue_field))
        return f;
    }

  return NULL;
}

static char *
capitalize (const char *message)
{
  gunichar first = g_utf8_get_char (message);
  char buf[8];
  int len = g_unichar_to_utf8 (g_unichar_totitle (first), buf);

  buf[len] = '\0';
  return g_strconcat (buf, g_utf8_next_char (message), NULL);
}

/* Writes every field into the record; what cannot be read goes to @issues */
static void
apply (LiaNotificationForm *self,
       GPtrArray           *issues)
{
  lia_record_set_sensitivity (self->record, lia_sensitivity_row_get_sensitivity (self->sensitivity_row));

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = &g_array_index (self->fields, FormField, i);

      switch (f->field->type)
        {
        case LIA_NOTIFY_FIELD_ENUM:
          {
            g_autoptr(GEnumClass) enum_class = g_type_class_ref (f->field->enum_type ());
            guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (f->row));

            if (selected < enum_class->n_values)
              lia_notify_field_set_enum (self->record, f->field, enum_class->values[selected].value);
          }
          break;

        case LIA_NOTIFY_FIELD_BOOL:
          lia_notify_field_set_bool (self->record, f->field,
                                     gtk_switch_get_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (f->row)))));
          break;

        case LIA_NOTIFY_FIELD_TEXT:
        case LIA_NOTIFY_FIELD_LONG_TEXT:
        case LIA_NOTIFY_FIELD_INT:
        case LIA_NOTIFY_FIELD_TIME:
        case LIA_NOTIFY_FIELD_POINT:
        case LIA_NOTIFY_FIELD_LIST:
        default:
          lia_notify_field_set_text (self->record, f->field, self->rules,
                                     gtk_editable_get_text (GTK_EDITABLE (f->row)), issues);
        }
    }
}

static void
show_issue (FormField                *f,
            const LiaValidationIssue *issue)
{
  g_autofree char *text = NULL;
  gboolean warning;

  if (issue == NULL)
    {
      gtk_widget_set_visible (f->message_row, FALSE);
      gtk_widget_remove_css_class (f->row, "error");
      gtk_widget_remove_css_class (f->row, "warning");
      return;
    }

  warning = issue->severity == LIA_VALIDATION_WARNING;
  text = capitalize (issue->message);
  gtk_label_set_label (f->message, text);
  gtk_image_set_from_icon_name (f->message_icon, warning ? "dialog-warning-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (f->message), warning ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (f->message), warning ? "warning" : "error");
  gtk_widget_remove_css_class (GTK_WIDGET (f->message_icon), warning ? "error" : "warning");
  gtk_widget_add_css_class (GTK_WIDGET (f->message_icon), warning ? "warning" : "error");
  gtk_widget_remove_css_class (f->row, warning ? "error" : "warning");
  gtk_widget_add_css_class (f->row, warning ? "warning" : "error");
  gtk_widget_set_visible (f->guidance_button, issue->guidance != NULL);
  if (issue->guidance != NULL)
    {
      gtk_actionable_set_action_target (GTK_ACTIONABLE (f->guidance_button), "s", issue->guidance);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (f->guidance_button), "win.show-card");
    }
  gtk_widget_set_visible (f->message_row, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (f->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

static gboolean
validate (LiaNotificationForm *self)
{
  g_autoptr(GPtrArray) issues = lia_validation_issues_new ();
  g_autoptr(GPtrArray) core_issues = NULL;
  g_autoptr(GDateTime) now = lia_clock_get_now (lia_context_get_clock (self->context));
  g_autoptr(GString) others = g_string_new (NULL);
  guint n_unreadable;
  guint n_errors;
  guint n_hidden = 0;

  apply (self, issues);
  core_issues = lia_notify_record_validate (self->record, lia_context_get_store (self->context), self->rules, now);

  /* What the form could not read comes first: the core's "is required"
   * about an unreadable value would only confuse */
  n_unreadable = issues->len;
  for (guint i = 0; i < core_issues->len; i++)
    {
      LiaValidationIssue *issue = g_ptr_array_index (core_issues, i);
      gboolean unreadable = FALSE;

      for (guint j = 0; j < n_unreadable && !unreadable; j++)
        {
          const LiaValidationIssue *mine = g_ptr_array_index (issues, j);
          FormField *f = find_field_for_issue (self, mine->field);

          unreadable = f != NULL && lia_notify_field_matches (f->field, issue->field);
        }
      if (!unreadable)
        g_ptr_array_add (issues, g_ptr_array_steal_index (core_issues, i--));
    }

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = &g_array_index (self->fields, FormField, i);
      const LiaValidationIssue *best = NULL;

      for (guint j = 0; j < issues->len; j++)
        {
          const LiaValidationIssue *issue = g_ptr_array_index (issues, j);

          if (lia_notify_field_matches (f->field, issue->field) &&
              (best == NULL || (best->severity == LIA_VALIDATION_WARNING &&
                                issue->severity == LIA_VALIDATION_ERROR)))
            best = issue;
        }

      if (best != NULL && !f->touched)
        n_hidden++;
      show_issue (f, f->touched ? best : NULL);
    }

  for (guint i = 0; i < issues->len; i++)
    {
      const LiaValidationIssue *issue = g_ptr_array_index (issues, i);

      if (find_field_for_issue (self, issue->field) == NULL)
        {
          g_autofree char *line = lia_validation_issue_to_string (issue);

          if (others->len > 0)
            g_string_append_c (others, '\n');
          g_string_append (others, line);
        }
    }
  gtk_label_set_label (self->other_issues, others->str);
  gtk_widget_set_visible (GTK_WIDGET (self->other_issues), others->len > 0);

  n_errors = lia_validation_count (issues, LIA_VALIDATION_ERROR);
  if (n_errors == 0)
    gtk_label_set_label (self->status_label, "");
  else
    {
      g_autofree char *status = NULL;

      if (n_hidden > 0)
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u field to fill in or correct",
                                               "%u fields to fill in or correct", n_errors),
                                  n_errors);
      else
        status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%u error to correct",
                                               "%u errors to correct", n_errors),
                                  n_errors);
      gtk_label_set_label (self->status_label, status);
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "form.save", n_errors == 0);

  return n_errors == 0;
}

static void
field_changed_cb (GtkWidget           *widget,
                  LiaNotificationForm *self)
{
  FormField *f;

  if (self->loading)
    return;

  if ((f = g_object_get_data (G_OBJECT (widget), "lia-form-field")) != NULL)
    f->touched = TRUE;

  validate (self);
}

static void
field_notify_cb (GtkWidget           *widget,
                 GParamSpec          *pspec,
                 LiaNotificationForm *self)
{
  field_changed_cb (widget, self);
}

static void
sensitivity_changed_cb (LiaNotificationForm *self)
{
  if (!self->loading)
    validate (self);
}

/* Enter in a field shows what the whole form still needs */
static void
entry_activated_cb (GtkWidget           *widget,
                    LiaNotificationForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    g_array_index (self->fields, FormField, i).touched = TRUE;

  if (validate (self))
    gtk_widget_activate_action (GTK_WIDGET (self), "form.save", NULL);
}

static GtkWidget *
create_enum_row (const LiaNotifyField *field)
{
  g_autoptr(GEnumClass) enum_class = g_type_class_ref (field->enum_type ());
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GtkWidget *row = adw_combo_row_new ();

  for (guint i = 0; i < enum_class->n_values; i++)
    gtk_string_list_append (labels, lia_notify_enum_get_label (field->enum_type (), enum_class->values[i].value));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (labels));

  return row;
}

static void
add_field (LiaNotificationForm  *self,
           const LiaNotifyField *field)
{
  FormField f = { field, };
  g_autofree char *title = NULL;
  GtkWidget *box;

  title = field->required ?
    /* Translators: a required field's title; the asterisk marks it */
    g_strdup_printf (_("%s *"), _(field->title)) : g_strdup (_(field->title));

  switch (field->type)
    {
    case LIA_NOTIFY_FIELD_ENUM:
      f.row = create_enum_row (field);
      g_signal_connect (f.row, "notify::selected", G_CALLBACK (field_notify_cb), self);
      break;

    case LIA_NOTIFY_FIELD_BOOL:
      {
        GtkWidget *toggle = gtk_switch_new ();

        gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
        f.row = adw_action_row_new ();
        adw_action_row_add_suffix (ADW_ACTION_ROW (f.row), toggle);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (f.row), toggle);
        adw_action_row_set_subtitle (ADW_ACTION_ROW (f.row),
                                     _("A medical evacuation or other life-saving movement: the shorter lead time applies"));
        gtk_accessible_update_property (GTK_ACCESSIBLE (toggle),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, _(field->title),
                                        -1);
        g_signal_connect (toggle, "notify::active", G_CALLBACK (field_notify_cb), self);
      }
      break;

    case LIA_NOTIFY_FIELD_TEXT:
    case LIA_NOTIFY_FIELD_LONG_TEXT:
    case LIA_NOTIFY_FIELD_INT:
    case LIA_NOTIFY_FIELD_TIME:
    case LIA_NOTIFY_FIELD_POINT:
    case LIA_NOTIFY_FIELD_LIST:
    default:
      f.row = adw_entry_row_new ();
      g_signal_connect (f.row, "changed", G_CALLBACK (field_changed_cb), self);
      g_signal_connect (f.row, "entry-activated", G_CALLBACK (entry_activated_cb), self);
      if (field->type == LIA_NOTIFY_FIELD_INT)
        gtk_editable_set_alignment (GTK_EDITABLE (f.row), 0);
      if (field->type == LIA_NOTIFY_FIELD_TIME)
        {
          /* Times are the operation's, whatever this computer's zone */
          g_autoptr(GDateTime) now = lia_clock_get_now (lia_context_get_clock (self->context));
          g_autofree char *offset = lia_notify_format_offset (self->rules, now);
          GtkWidget *label = gtk_label_new (offset);

          gtk_widget_add_css_class (label, "dim-label");
          gtk_widget_set_tooltip_text (label, lia_operation_rules_get_time_zone_id (self->rules));
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (f.row), label);
        }
      if (field->type == LIA_NOTIFY_FIELD_POINT || field->type == LIA_NOTIFY_FIELD_TIME)
        {
          /* Coordinates and ISO dates read left to right in every
           * language; the row around them follows the interface */
          GtkEditable *text = gtk_editable_get_delegate (GTK_EDITABLE (f.row));

          if (text != NULL && gtk_widget_get_default_direction () == GTK_TEXT_DIR_RTL)
            {
              gtk_widget_set_direction (GTK_WIDGET (text), GTK_TEXT_DIR_LTR);
              gtk_editable_set_alignment (text, 1.0);
            }
        }
    }

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (f.row), title);
  gtk_list_box_append (self->fields_list, f.row);

  /* The message under the field */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  f.message_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (f.message_icon), GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f.message_icon));
  f.message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (f.message, TRUE);
  gtk_label_set_xalign (f.message, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (f.message), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f.message));
  f.guidance_button = gtk_button_new_with_mnemonic (_("Why?"));
  gtk_widget_add_css_class (f.guidance_button, "flat");
  gtk_widget_set_valign (f.guidance_button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (f.guidance_button, _("Open the guidance behind this rule"));
  /* The action comes with the issue's card */
  gtk_box_append (GTK_BOX (box), f.guidance_button);

  f.message_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (f.message_row), FALSE);
  gtk_widget_set_focusable (f.message_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (f.message_row), box);
  gtk_widget_add_css_class (f.message_row, "field-message");
  gtk_widget_set_visible (f.message_row, FALSE);
  gtk_list_box_append (self->fields_list, f.message_row);

  g_array_append_val (self->fields, f);
}

static void
load (LiaNotificationForm *self)
{
  self->loading = TRUE;

  lia_sensitivity_row_set_sensitivity (self->sensitivity_row, lia_record_get_sensitivity (self->record));

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = &g_array_index (self->fields, FormField, i);

      switch (f->field->type)
        {
        case LIA_NOTIFY_FIELD_ENUM:
          {
            g_autoptr(GEnumClass) enum_class = g_type_class_ref (f->field->enum_type ());
            int value = lia_notify_field_get_enum (self->record, f->field);

            for (guint j = 0; j < enum_class->n_values; j++)
              if (enum_class->values[j].value == value)
                adw_combo_row_set_selected (ADW_COMBO_ROW (f->row), j);
          }
          break;

        case LIA_NOTIFY_FIELD_BOOL:
          gtk_switch_set_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (f->row))),
                                 lia_notify_field_get_bool (self->record, f->field));
          break;

        case LIA_NOTIFY_FIELD_TEXT:
        case LIA_NOTIFY_FIELD_LONG_TEXT:
        case LIA_NOTIFY_FIELD_INT:
        case LIA_NOTIFY_FIELD_TIME:
        case LIA_NOTIFY_FIELD_POINT:
        case LIA_NOTIFY_FIELD_LIST:
        default:
          {
            g_autofree char *text = NULL;

            /* A new record's zero counts are left for the person to fill */
            if (self->editing || f->field->type != LIA_NOTIFY_FIELD_INT)
              text = lia_notify_field_get_text (self->record, f->field, self->rules, FALSE);
            gtk_editable_set_text (GTK_EDITABLE (f->row), text != NULL ? text : "");
          }
        }
      f->touched = self->editing;
    }

  self->loading = FALSE;
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LiaNotificationForm *self = LIA_NOTIFICATION_FORM (widget);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < self->fields->len; i++)
    g_array_index (self->fields, FormField, i).touched = TRUE;

  if (!validate (self))
    return;

  if (!lia_store_save (lia_context_get_store (self->context), self->record, &error))
    {
      gtk_label_set_label (self->other_issues, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->other_issues), TRUE);
      return;
    }

  /* The handler may take the form off the screen, and so finalize it */
  g_object_ref (self);
  g_signal_emit (self, signals[SAVED], 0, self->record);
  g_object_unref (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[CANCELLED], 0);
}

static void
lia_notification_form_finalize (GObject *object)
{
  LiaNotificationForm *self = (LiaNotificationForm *)object;

  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_object (&self->record);
  g_clear_object (&self->rules);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lia_notification_form_parent_class)->finalize (object);
}

static void
lia_notification_form_class_init (LiaNotificationFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = lia_notification_form_finalize;

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, LIA_TYPE_RECORD);
  signals[CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LIA_TYPE_SENSITIVITY_ROW);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-notification-form.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, heading);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, intro);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, guidance_button);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, fields_list);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, sensitivity_row);
  gtk_widget_class_bind_template_callback (widget_class, sensitivity_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, other_issues);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaNotificationForm, status_label);

  gtk_widget_class_install_action (widget_class, "form.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "form.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "form.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "form.cancel", NULL);
}

static void
lia_notification_form_init (LiaNotificationForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->fields = g_array_new (FALSE, TRUE, sizeof (FormField));
}

GtkWidget *
lia_notification_form_new (LiaContext    *context,
                           const char    *operation,
                           LiaNotifyKind  kind,
                           LiaRecord     *record)
{
  LiaNotificationForm *self;
  const LiaNotifyField *fields;
  guint n_fields;
  const char *intro;
  g_autofree char *heading = NULL;

  g_return_val_if_fail (LIA_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (record != NULL || operation != NULL, NULL);

  self = g_object_new (LIA_TYPE_NOTIFICATION_FORM, NULL);
  self->context = g_object_ref (context);
  self->kind = record != NULL ? lia_notify_kind_of (record) : kind;
  self->editing = record != NULL;
  if (record != NULL)
    operation = lia_record_get_operation (record);
  self->rules = lia_operation_rules_load (lia_context_get_store (context), operation, NULL);
  if (self->rules == NULL)
    self->rules = lia_operation_rules_new (operation);

  if (record != NULL)
    self->record = g_object_ref (record);
  else if (self->kind == LIA_NOTIFY_KIND_SITE)
    self->record = LIA_RECORD (lia_site_notification_new (operation));
  else if (self->kind == LIA_NOTIFY_KIND_MOVEMENT)
    self->record = LIA_RECORD (lia_movement_notification_new (operation));
  else
    self->record = LIA_RECORD (lia_incident_new (operation));

  switch (self->kind)
    {
    case LIA_NOTIFY_KIND_SITE:
      heading = g_strdup (self->editing ? _("Edit Site") : _("New Site"));
      intro = _("A static location where humanitarians work or live, notified to the parties so that they can spare it. Notifying guarantees nothing and does not change the parties’ duties under international humanitarian law.");
      break;
    case LIA_NOTIFY_KIND_MOVEMENT:
      heading = g_strdup (self->editing ? _("Edit Movement") : _("New Movement"));
      intro = _("A convoy, staff movement or flight, notified ahead of departure by the operation’s lead time. Convoy plans are confidential.");
      break;
    case LIA_NOTIFY_KIND_INCIDENT:
    default:
      heading = g_strdup (self->editing ? _("Edit Incident") : _("New Incident"));
      intro = _("An attack, detention or obstruction affecting humanitarians. Liaison suggests the notifications it may concern once it is saved.");
      break;
    }
  gtk_label_set_label (self->heading, heading);
  gtk_label_set_label (self->intro, intro);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->guidance_button), "s",
                                    lia_notify_kind_get_guidance (self->kind));
  gtk_widget_set_tooltip_text (self->guidance_button, _("Open the guidance card about this kind of notification"));

  fields = lia_notify_fields_get (self->kind, &n_fields);
  for (guint i = 0; i < n_fields; i++)
    add_field (self, &fields[i]);

  /* Rows found by key, for tests and for focusing a field */
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *f = &g_array_index (self->fields, FormField, i);
      GtkWidget *target = f->row;

      if (f->field->type == LIA_NOTIFY_FIELD_BOOL)
        target = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (f->row));
      g_object_set_data (G_OBJECT (target), "lia-form-field", f);
    }

  load (self);
  validate (self);

  return GTK_WIDGET (self);
}

LiaRecord *
lia_notification_form_get_record (LiaNotificationForm *self)
{
  g_return_val_if_fail (LIA_IS_NOTIFICATION_FORM (self), NULL);

  return self->record;
}

GtkWidget *
lia_notification_form_get_row (LiaNotificationForm *self,
                               const char          *key)
{
  FormField *f;

  g_return_val_if_fail (LIA_IS_NOTIFICATION_FORM (self), NULL);

  if (g_str_equal (key, "sensitivity"))
    return GTK_WIDGET (self->sensitivity_row);

  f = find_field (self, key);
  return f != NULL ? f->row : NULL;
}

GtkLabel *
lia_notification_form_get_message (LiaNotificationForm *self,
                                   const char          *key)
{
  FormField *f;

  g_return_val_if_fail (LIA_IS_NOTIFICATION_FORM (self), NULL);

  f = find_field (self, key);
  return f != NULL ? f->message : NULL;
}
