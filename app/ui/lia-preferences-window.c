/* lia-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-passphrase-dialog.h"
#include "lia-preferences-window.h"
#include "lia-retention-group.h"

struct _LiaPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  LiaContext           *context;

  /* Template widgets */
  AdwComboRow          *guidance_language_row;
  AdwEntryRow          *hq_url_row;
  GtkLabel             *hq_url_error;
  AdwActionRow         *recovery_row;
  GtkLabel             *recovery_state;
  GtkSpinButton        *idle_spin;
  AdwPreferencesPage   *security_page;
  AdwPreferencesGroup  *panic_group;
};

G_DEFINE_FINAL_TYPE (LiaPreferencesWindow, lia_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The values of guidance-language, in the order of the combo row's items;
 * "" follows the language of the interface. */
static const char * const guidance_languages[] = { "", "en", "fr", "ar" };

static gboolean
language_to_position (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  const char *language = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (guidance_languages); i++)
    {
      if (g_str_equal (language, guidance_languages[i]))
        {
          g_value_set_uint (value, i);
          return TRUE;
        }
    }

  return FALSE;
}

static GVariant *
position_to_language (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  guint position = g_value_get_uint (value);

  /* GTK_INVALID_LIST_POSITION while the model is being replaced */
  if (position >= G_N_ELEMENTS (guidance_languages))
    return NULL;

  return g_variant_new_string (guidance_languages[position]);
}

/* Empty means "do not sync"; anything else is checked as the enrolment
 * form and `liaison-cli enrol` check it.  @message gets what is wrong. */
static gboolean
hq_url_is_valid (const char  *text,
                 char       **message)
{
  g_autoptr(GError) error = NULL;

  *message = NULL;
  if (text[0] == '\0' || lia_sync_validate_hq_address (text, &error))
    return TRUE;

  *message = g_strdup (error->message);
  return FALSE;
}

static char *
dup_hq_url_text (LiaPreferencesWindow *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->hq_url_row))));
}

static void
show_hq_url_validity (LiaPreferencesWindow *self,
                      gboolean              valid,
                      const char           *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->hq_url_error), !valid);
  if (message != NULL)
    gtk_label_set_label (self->hq_url_error, message);

  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (self->hq_url_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->hq_url_row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (self->hq_url_row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               valid ? GTK_ACCESSIBLE_INVALID_FALSE : GTK_ACCESSIBLE_INVALID_TRUE,
                               -1);
}

static void
hq_url_changed_cb (LiaPreferencesWindow *self)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  gboolean valid;

  /* Complain only once the address was applied, but then say as soon as
   * it is fixed. */
  if (!gtk_widget_get_visible (GTK_WIDGET (self->hq_url_error)))
    return;

  text = dup_hq_url_text (self);
  valid = hq_url_is_valid (text, &message);
  show_hq_url_validity (self, valid, message);
}

static void
hq_url_apply_cb (LiaPreferencesWindow *self)
{
  g_autofree char *text = dup_hq_url_text (self);
  g_autofree char *message = NULL;
  gboolean valid = hq_url_is_valid (text, &message);

  show_hq_url_validity (self, valid, message);

  if (valid)
    g_settings_set_string (lia_context_get_settings (self->context), "hq-url", text);
}

/* lock-idle-seconds is shown in minutes, rounded up so that a few
 * seconds do not read as “never” */
static gboolean
seconds_to_minutes (GValue   *value,
                    GVariant *variant,
                    gpointer  user_data)
{
  int seconds = g_variant_get_int32 (variant);

  g_value_set_double (value, (seconds + 59) / 60);
  return TRUE;
}

static GVariant *
minutes_to_seconds (const GValue       *value,
                    const GVariantType *expected_type,
                    gpointer            user_data)
{
  return g_variant_new_int32 ((int) g_value_get_double (value) * 60);
}

static void
update_recovery (LiaPreferencesWindow *self)
{
  LiaVault *vault = lia_store_get_vault (lia_context_get_store (self->context));
  gboolean escrow = vault != NULL && lia_vault_has_escrow (vault);

  gtk_label_set_label (self->recovery_state, escrow ? _("On") : _("Off"));
  adw_action_row_set_subtitle (self->recovery_row,
                               escrow
                               ? _("Headquarters holds a recovery key: if the passphrase is lost, it can open the data of this laptop and set a new passphrase.")
                               : _("If the passphrase is lost, nobody can open the data of this laptop. Headquarters can enable recovery for your operation when it enrols the laptop."));
}

static void
passphrase_changed_cb (LiaPreferencesWindow *self)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The passphrase was changed. Only the new one opens the data from now on.")));
}

static void
change_passphrase_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LiaPreferencesWindow *self = LIA_PREFERENCES_WINDOW (widget);
  LiaPassphraseDialog *dialog;

  dialog = lia_passphrase_dialog_new (lia_context_get_store (self->context));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "changed", G_CALLBACK (passphrase_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lia_preferences_window_constructed (GObject *object)
{
  LiaPreferencesWindow *self = (LiaPreferencesWindow *)object;
  GSettings *settings = lia_context_get_settings (self->context);
  g_autofree char *hq_url = NULL;

  G_OBJECT_CLASS (lia_preferences_window_parent_class)->constructed (object);

  g_settings_bind_with_mapping (settings, "guidance-language",
                                self->guidance_language_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                language_to_position,
                                position_to_language,
                                NULL, NULL);

  hq_url = g_settings_get_string (settings, "hq-url");
  gtk_editable_set_text (GTK_EDITABLE (self->hq_url_row), hq_url);

  g_settings_bind_with_mapping (settings, "lock-idle-seconds",
                                self->idle_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                seconds_to_minutes,
                                minutes_to_seconds,
                                NULL, NULL);

  /* A store in clear (tests only) has no passphrase to change */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.change-passphrase",
                                 lia_store_get_vault (lia_context_get_store (self->context)) != NULL);
  update_recovery (self);

  /* How long records are kept belongs with the data's protection, above
   * the panic wipe, which stays last. */
  g_object_ref (self->panic_group);
  adw_preferences_page_remove (self->security_page, self->panic_group);
  adw_preferences_page_add (self->security_page,
                            ADW_PREFERENCES_GROUP (lia_retention_group_new (self->context)));
  adw_preferences_page_add (self->security_page, self->panic_group);
  g_object_unref (self->panic_group);
}

static void
lia_preferences_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), LIA_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (lia_preferences_window_parent_class)->dispose (object);
}

static void
lia_preferences_window_finalize (GObject *object)
{
  LiaPreferencesWindow *self = (LiaPreferencesWindow *)object;

  g_clear_object (&self->context);

  G_OBJECT_CLASS (lia_preferences_window_parent_class)->finalize (object);
}

static void
lia_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  LiaPreferencesWindow *self = LIA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  LiaPreferencesWindow *self = LIA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_preferences_window_class_init (LiaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = lia_preferences_window_constructed;
  object_class->dispose = lia_preferences_window_dispose;
  object_class->finalize = lia_preferences_window_finalize;
  object_class->get_property = lia_preferences_window_get_property;
  object_class->set_property = lia_preferences_window_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, guidance_language_row);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, hq_url_row);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, hq_url_error);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, recovery_row);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, recovery_state);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, security_page);
  gtk_widget_class_bind_template_child (widget_class, LiaPreferencesWindow, panic_group);
  gtk_widget_class_bind_template_callback (widget_class, hq_url_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, hq_url_apply_cb);

  gtk_widget_class_install_action (widget_class, "prefs.change-passphrase", NULL, change_passphrase_action);
}

static void
lia_preferences_window_init (LiaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

LiaPreferencesWindow *
lia_preferences_window_new (LiaContext *context)
{
  g_return_val_if_fail (LIA_IS_CONTEXT (context), NULL);

  return g_object_new (LIA_TYPE_PREFERENCES_WINDOW,
                       "context", context,
                       NULL);
}
