/* lia-export-confirm.c
 *
 * Every export of records asks the same question when its set holds
 * strictly confidential records (or confidential contacts): “Leave Out”,
 * the default and what Enter does, or “Include”, destructive.  Escape and
 * closing the dialog export nothing.  Nothing to ask: the export goes on
 * at once, leaving nothing out because nothing is there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lia-export-confirm.h"

typedef struct
{
  GtkWidget            *widget;
  LiaExportConfirmFunc  func;
  gpointer              user_data;
  GDestroyNotify        destroy;
} Confirm;

static void
confirm_free (Confirm *confirm)
{
  if (confirm->destroy != NULL)
    confirm->destroy (confirm->user_data);
  g_clear_object (&confirm->widget);
  g_free (confirm);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             Confirm          *confirm)
{
  if (g_str_equal (response, "include"))
    confirm->func (confirm->widget, TRUE, confirm->user_data);
  else if (g_str_equal (response, "leave-out"))
    confirm->func (confirm->widget, FALSE, confirm->user_data);
}

/**
 * lia_export_confirm:
 * @widget: what exports; the dialog is transient for its window
 * @n_records: strictly confidential records in the export's set
 * @n_contacts: confidential contacts in it (actor exports)
 * @func: called with the officer's choice; not called on Cancel
 */
void
lia_export_confirm (GtkWidget            *widget,
                    guint                 n_records,
                    guint                 n_contacts,
                    LiaExportConfirmFunc  func,
                    gpointer              user_data,
                    GDestroyNotify        destroy)
{
  g_autoptr(GString) body = g_string_new (NULL);
  Confirm *confirm;
  GtkWidget *dialog;
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  confirm = g_new0 (Confirm, 1);
  confirm->widget = g_object_ref (widget);
  confirm->func = func;
  confirm->user_data = user_data;
  confirm->destroy = destroy;

  if (n_records == 0 && n_contacts == 0)
    {
      func (widget, FALSE, user_data);
      confirm_free (confirm);
      return;
    }

  if (n_records > 0)
    g_string_append_printf (body,
                            ngettext ("This export holds %u strictly confidential record.",
                                      "This export holds %u strictly confidential records.",
                                      n_records), n_records);
  if (n_contacts > 0)
    {
      if (body->len > 0)
        g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              ngettext ("It holds %u confidential contact.",
                                        "It holds %u confidential contacts.",
                                        n_contacts), n_contacts);
    }
  g_string_append_c (body, ' ');
  g_string_append (body, _("Left out, they stay on this device. Include them only if everyone "
                           "who will get the file may read them."));

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Include Strictly Confidential Data?"), body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "include", _("_Include"),
                                    "leave-out", _("_Leave Out"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "include",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "leave-out",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "leave-out");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), confirm,
                         (GClosureNotify) (void (*) (void)) confirm_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
