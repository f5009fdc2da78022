/* lia-passphrase-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-passphrase-dialog.h"
#include "lia-unlock.h"

struct _LiaPassphraseDialog
{
  AdwWindow     parent_instance;

  LiaStore     *store;
  GCancellable *cancellable;  /* of the change in flight, or NULL */

  /* Template widgets */
  GtkWidget    *change_button;
  GtkSpinner   *spinner;
  GtkEditable  *current_entry;
  GtkEditable  *new_entry;
  GtkEditable  *confirm_entry;
  GtkLabel     *error;
};

G_DEFINE_FINAL_TYPE (LiaPassphraseDialog, lia_passphrase_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (LiaPassphraseDialog *self,
            GtkWidget           *entry,
            const char          *message)
{
  GtkWidget *entries[] = {
    GTK_WIDGET (self->current_entry),
    GTK_WIDGET (self->new_entry),
    GTK_WIDGET (self->confirm_entry),
  };

  gtk_label_set_label (self->error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error), message != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      gboolean invalid = message != NULL && entries[i] == entry;

      if (invalid)
        gtk_widget_add_css_class (entries[i], "error");
      else
        gtk_widget_remove_css_class (entries[i], "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entries[i]),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   invalid ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
    }

  if (entry != NULL)
    {
      gtk_widget_grab_focus (entry);
      gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
    }
}

static void
set_busy (LiaPassphraseDialog *self,
          gboolean             busy)
{
  /* GTK 4.8 leaves a focused entry made insensitive blinking without
   * focus: take the focus off it first */
  if (busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->current_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_entry), !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "passphrase.change", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
change_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(LiaPassphraseDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!lia_unlock_change_passphrase_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      g_clear_object (&self->cancellable);
      set_busy (self, FALSE);
      /* A wrong current passphrase is the usual reason */
      show_error (self,
                  g_error_matches (error, LIA_ERROR, LIA_ERROR_PASSPHRASE)
                    ? GTK_WIDGET (self->current_entry) : NULL,
                  error->message);
      return;
    }

  g_clear_object (&self->cancellable);
  set_busy (self, FALSE);
  gtk_editable_set_text (self->current_entry, "");
  gtk_editable_set_text (self->new_entry, "");
  gtk_editable_set_text (self->confirm_entry, "");
  g_signal_emit (self, signals[CHANGED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
change_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaPassphraseDialog *self = LIA_PASSPHRASE_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (self->cancellable != NULL)
    return;

  if (gtk_editable_get_text (self->current_entry)[0] == '\0')
    {
      show_error (self, GTK_WIDGET (self->current_entry),
                  _("Type the current passphrase first."));
      return;
    }

  if (!lia_unlock_check_new_passphrase (gtk_editable_get_text (self->new_entry),
                                        gtk_editable_get_text (self->confirm_entry),
                                        &error))
    {
      show_error (self, GTK_WIDGET (self->new_entry), error->message);
      return;
    }

  show_error (self, NULL, NULL);
  self->cancellable = g_cancellable_new ();
  set_busy (self, TRUE);
  lia_unlock_change_passphrase_async (self->store,
                                      lia_unlock_dup_secret (self->current_entry),
                                      lia_unlock_dup_secret (self->new_entry),
                                      self->cancellable, change_cb, g_object_ref (self));
}

static void
lia_passphrase_dialog_dispose (GObject *object)
{
  LiaPassphraseDialog *self = (LiaPassphraseDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_PASSPHRASE_DIALOG);

  G_OBJECT_CLASS (lia_passphrase_dialog_parent_class)->dispose (object);
}

static void
lia_passphrase_dialog_finalize (GObject *object)
{
  LiaPassphraseDialog *self = (LiaPassphraseDialog *)object;

  g_clear_object (&self->store);

  G_OBJECT_CLASS (lia_passphrase_dialog_parent_class)->finalize (object);
}

static void
lia_passphrase_dialog_class_init (LiaPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_passphrase_dialog_dispose;
  object_class->finalize = lia_passphrase_dialog_finalize;

  /**
   * LiaPassphraseDialog::changed:
   *
   * The key file now opens with the new passphrase only.
   */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaPassphraseDialog, change_button);
  gtk_widget_class_bind_template_child (widget_class, LiaPassphraseDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaPassphraseDialog, current_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaPassphraseDialog, new_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaPassphraseDialog, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaPassphraseDialog, error);

  gtk_widget_class_install_action (widget_class, "passphrase.change", NULL, change_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lia_passphrase_dialog_init (LiaPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_window_set_default_widget (GTK_WINDOW (self), self->change_button);
}

LiaPassphraseDialog *
lia_passphrase_dialog_new (LiaStore *store)
{
  LiaPassphraseDialog *self;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (lia_store_get_vault (store) != NULL, NULL);

  self = g_object_new (LIA_TYPE_PASSPHRASE_DIALOG, NULL);
  self->store = g_object_ref (store);

  return self;
}
