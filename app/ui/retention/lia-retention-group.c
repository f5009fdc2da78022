/* lia-retention-group.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per record type: a spin button of days, where 0 reads “Keep”
 * (kept until the officer deletes them), for the rule of every operation
 * or, chosen in the first row, of the laptop's current operation only
 * (as `liaison-cli retention set --operation`).  The
 * rows are made from the core's list of types, so the group has no
 * template.  The last row removes what is past its period, in a worker
 * thread (lia_retention_purge_async), and says what it removed and kept.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-retention-group.h"

struct _LiaRetentionGroup
{
  AdwPreferencesGroup  parent_instance;

  LiaContext          *context;
  GCancellable        *cancellable;
  AdwComboRow         *scope_row;   /* every operation, or the current one */
  char                *operation;   /* the current operation, or NULL */
  GPtrArray           *spins;       /* one per settable type */
  AdwActionRow        *purge_row;
  GtkButton           *purge_button;
  GtkSpinner          *spinner;
  char                *status;
  gboolean             busy;
};

G_DEFINE_FINAL_TYPE (LiaRetentionGroup, lia_retention_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define TYPE_KEY "lia-record-type"
#define ROW_KEY  "lia-row"

static char *
describe_rule (const char *record_type,
               int         days)
{
  if (!lia_retention_type_is_settable (record_type))
    /* Translators: the directory or lessons HQ publishes */
    return g_strdup (_("Kept until HQ publishes a new one"));

  if (days == LIA_RETENTION_KEEP)
    return g_strdup (_("Kept until you delete them"));

  /* Translators: “30 days” and “after the movement ended” */
  return g_strdup_printf (ngettext ("%d day %s", "%d days %s", days), days,
                          lia_retention_type_get_anchor (record_type));
}

static gboolean
spin_output_cb (GtkSpinButton *spin,
                gpointer       user_data)
{
  if (gtk_spin_button_get_value_as_int (spin) != 0)
    return FALSE;

  gtk_editable_set_text (GTK_EDITABLE (spin), _("Keep"));
  return TRUE;
}

static int
spin_input_cb (GtkSpinButton *spin,
               double        *new_value,
               gpointer       user_data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (spin));

  if (g_ascii_strcasecmp (text, "keep") == 0 || g_utf8_collate (text, _("Keep")) == 0)
    {
      *new_value = 0;
      return TRUE;
    }

  return FALSE;
}

/* The operation whose rules the rows show and change: NULL for every
 * operation */
static const char *
selected_operation (LiaRetentionGroup *self)
{
  if (self->operation == NULL || adw_combo_row_get_selected (self->scope_row) == 0)
    return NULL;

  return self->operation;
}

static void spin_value_changed_cb (GtkSpinButton     *spin,
                                   LiaRetentionGroup *self);

/* Shows, in every row, the days that apply to the chosen scope */
static void
show_scope (LiaRetentionGroup *self)
{
  LiaStore *store = lia_context_get_store (self->context);

  for (guint i = 0; i < self->spins->len; i++)
    {
      GtkSpinButton *spin = g_ptr_array_index (self->spins, i);
      const char *record_type = g_object_get_data (G_OBJECT (spin), TYPE_KEY);
      AdwActionRow *row = g_object_get_data (G_OBJECT (spin), ROW_KEY);
      int days = lia_retention_get_days (store, record_type, selected_operation (self));
      g_autofree char *subtitle = describe_rule (record_type, days);

      g_signal_handlers_block_by_func (spin, spin_value_changed_cb, self);
      gtk_spin_button_set_value (spin, days == LIA_RETENTION_KEEP ? 0 : days);
      g_signal_handlers_unblock_by_func (spin, spin_value_changed_cb, self);
      adw_action_row_set_subtitle (row, subtitle);
    }
}

static void
scope_changed_cb (LiaRetentionGroup *self)
{
  if (self->context != NULL)
    show_scope (self);
}

static void
spin_value_changed_cb (GtkSpinButton     *spin,
                       LiaRetentionGroup *self)
{
  const char *record_type = g_object_get_data (G_OBJECT (spin), TYPE_KEY);
  AdwActionRow *row = g_object_get_data (G_OBJECT (spin), ROW_KEY);
  int value = gtk_spin_button_get_value_as_int (spin);
  int days = value == 0 ? LIA_RETENTION_KEEP : value;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;

  if (!lia_retention_set_days (lia_context_get_store (self->context), record_type,
                               selected_operation (self), days, &error))
    {
      adw_action_row_set_subtitle (row, error->message);
      return;
    }

  subtitle = describe_rule (record_type, days);
  adw_action_row_set_subtitle (row, subtitle);
}

static void
add_type_row (LiaRetentionGroup *self,
              const char        *record_type)
{
  LiaStore *store = lia_context_get_store (self->context);
  int days = lia_retention_get_days (store, record_type, NULL);
  g_autofree char *subtitle = describe_rule (record_type, days);
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), lia_retention_type_get_label (record_type));
  adw_action_row_set_subtitle (row, subtitle);

  if (lia_retention_type_is_settable (record_type))
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (0, LIA_RETENTION_MAX_DAYS, 1);
      g_autofree char *label = g_strdup_printf (_("Days to keep %s (0: until you delete them)"),
                                                lia_retention_type_get_label (record_type));

      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), FALSE);
      gtk_spin_button_set_increments (GTK_SPIN_BUTTON (spin), 1, 30);
      gtk_editable_set_width_chars (GTK_EDITABLE (spin), 6);
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      gtk_widget_set_tooltip_text (spin, _("Days to keep, or 0 to keep until you delete them"));
      g_object_set_data (G_OBJECT (spin), TYPE_KEY, (gpointer) record_type);
      g_object_set_data (G_OBJECT (spin), ROW_KEY, row);

      g_signal_connect (spin, "output", G_CALLBACK (spin_output_cb), NULL);
      g_signal_connect (spin, "input", G_CALLBACK (spin_input_cb), NULL);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), days == LIA_RETENTION_KEEP ? 0 : days);
      /* Connected after the first value: showing a rule does not save it. */
      g_signal_connect (spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self);

      adw_action_row_add_suffix (row, spin);
      adw_action_row_set_activatable_widget (row, spin);
      g_ptr_array_add (self->spins, spin);
    }

  g_object_set_data (G_OBJECT (row), TYPE_KEY, (gpointer) record_type);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
}

static void
set_busy (LiaRetentionGroup *self,
          gboolean           busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->purge_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_status (LiaRetentionGroup *self,
            char              *status)
{
  g_free (self->status);
  self->status = status;
  adw_action_row_set_subtitle (self->purge_row, status);
}

static char *
describe_report (LiaRetentionReport *report)
{
  guint purged = lia_retention_report_total_purged (report);
  guint kept = lia_retention_report_total_kept (report);
  g_autofree char *removed = NULL;

  removed = purged == 0
    ? g_strdup (_("Nothing was past its retention period."))
    : g_strdup_printf (ngettext ("Removed %u record.", "Removed %u records.", purged), purged);

  if (kept == 0)
    return g_steal_pointer (&removed);

  return g_strdup_printf (ngettext ("%s Kept %u not yet sent to HQ.", "%s Kept %u not yet sent to HQ.", kept),
                          removed, kept);
}

static void
purge_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LiaRetentionGroup) self = user_data;
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = lia_retention_purge_finish (LIA_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_busy (self, FALSE);
  if (report == NULL)
    set_status (self, g_strdup_printf (_("Could not remove expired records: %s"), error->message));
  else
    set_status (self, describe_report (report));
}

void
lia_retention_group_purge (LiaRetentionGroup *self)
{
  g_return_if_fail (LIA_IS_RETENTION_GROUP (self));
  g_return_if_fail (self->context != NULL);

  if (self->busy)
    return;

  set_busy (self, TRUE);
  set_status (self, g_strdup (_("Removing expired records…")));
  lia_retention_purge_async (lia_context_get_store (self->context), FALSE, self->cancellable,
                             purge_done_cb, g_object_ref (self));
}

static void
purge_clicked_cb (LiaRetentionGroup *self)
{
  lia_retention_group_purge (self);
}

static void
lia_retention_group_constructed (GObject *object)
{
  LiaRetentionGroup *self = (LiaRetentionGroup *)object;
  const char * const *types = lia_retention_list_types ();
  GtkWidget *box;

  G_OBJECT_CLASS (lia_retention_group_parent_class)->constructed (object);

  g_return_if_fail (self->context != NULL);

  /* With a current operation, its own rules can be set apart */
  self->operation = lia_store_get_setting (lia_context_get_store (self->context), "operation");
  if (self->operation != NULL && self->operation[0] == '\0')
    g_clear_pointer (&self->operation, g_free);
  if (self->operation != NULL)
    {
      g_autoptr(GtkStringList) scopes = gtk_string_list_new (NULL);
      /* Translators: %s is an operation, such as “korvania” */
      g_autofree char *only = g_strdup_printf (_("Operation “%s” Only"), self->operation);

      gtk_string_list_append (scopes, _("Every Operation"));
      gtk_string_list_append (scopes, only);
      self->scope_row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scope_row), _("Rules For"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->scope_row),
                                   _("An operation's own rule wins over the rule of every operation."));
      adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scopes));
      g_signal_connect_swapped (self->scope_row, "notify::selected", G_CALLBACK (scope_changed_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->scope_row));
    }

  for (guint i = 0; types[i] != NULL; i++)
    add_type_row (self, types[i]);

  self->purge_row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->purge_row), _("Remove Expired Records Now"));
  adw_action_row_set_subtitle (self->purge_row,
                               _("Records past their period are erased; those HQ does not have yet are kept."));

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  self->purge_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Remove")));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->purge_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove expired records now"), -1);
  gtk_widget_add_css_class (GTK_WIDGET (self->purge_button), "destructive-action");
  g_signal_connect_swapped (self->purge_button, "clicked", G_CALLBACK (purge_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->spinner));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->purge_button));
  adw_action_row_add_suffix (self->purge_row, box);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (self->purge_row));
}

static void
lia_retention_group_dispose (GObject *object)
{
  LiaRetentionGroup *self = (LiaRetentionGroup *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->context);

  G_OBJECT_CLASS (lia_retention_group_parent_class)->dispose (object);
}

static void
lia_retention_group_finalize (GObject *object)
{
  LiaRetentionGroup *self = (LiaRetentionGroup *)object;

  g_clear_pointer (&self->status, g_free);
  g_clear_pointer (&self->operation, g_free);
  g_clear_pointer (&self->spins, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_retention_group_parent_class)->finalize (object);
}

static void
lia_retention_group_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  LiaRetentionGroup *self = LIA_RETENTION_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_retention_group_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  LiaRetentionGroup *self = LIA_RETENTION_GROUP (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      /* Weak: the preferences window holds the context.  Added to a page
       * of a window built from a template, the group outlived the window
       * under libadwaita 1.2 (a reference we could not account for), and
       * a strong reference kept the store and its key after a lock. */
      g_set_weak_pointer (&self->context, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_retention_group_class_init (LiaRetentionGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = lia_retention_group_constructed;
  object_class->dispose = lia_retention_group_dispose;
  object_class->finalize = lia_retention_group_finalize;
  object_class->get_property = lia_retention_group_get_property;
  object_class->set_property = lia_retention_group_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
lia_retention_group_init (LiaRetentionGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->spins = g_ptr_array_new ();

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Retention"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("How long records stay on this computer. Removed records are "
                                           "erased from the data folder; HQ keeps its copy."));
}

LiaRetentionGroup *
lia_retention_group_new (LiaContext *context)
{
  g_return_val_if_fail (LIA_IS_CONTEXT (context), NULL);

  return g_object_new (LIA_TYPE_RETENTION_GROUP, "context", context, NULL);
}

LiaContext *
lia_retention_group_get_context (LiaRetentionGroup *self)
{
  g_return_val_if_fail (LIA_IS_RETENTION_GROUP (self), NULL);

  return self->context;
}

gboolean
lia_retention_group_get_busy (LiaRetentionGroup *self)
{
  g_return_val_if_fail (LIA_IS_RETENTION_GROUP (self), FALSE);

  return self->busy;
}

const char *
lia_retention_group_get_status (LiaRetentionGroup *self)
{
  g_return_val_if_fail (LIA_IS_RETENTION_GROUP (self), NULL);

  return self->status;
}
