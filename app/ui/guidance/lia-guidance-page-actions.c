/* lia-guidance-page-actions.c — export, print, and the page's toggles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-guidance-page-private.h"

/* What a PDF or a print needs of the open card, kept apart from the view,
 * which may show another card by the time the work is done. */
typedef struct
{
  LiaGuidanceCard  *card;
  LiaGuidanceEntry *entry;
  char             *path;
} CardCopy;

static void
card_copy_free (CardCopy *copy)
{
  g_clear_object (&copy->card);
  g_clear_pointer (&copy->entry, lia_guidance_entry_free);
  g_clear_pointer (&copy->path, g_free);
  g_free (copy);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardCopy, card_copy_free)

static CardCopy *
copy_open_card (LiaGuidancePage *self)
{
  const LiaGuidanceEntry *entry = lia_guidance_card_view_get_entry (self->first_view);
  CardCopy *copy;

  if (self->card_id == NULL)
    return NULL;

  copy = g_new0 (CardCopy, 1);
  copy->card = g_object_ref (lia_guidance_card_view_get_card (self->first_view));
  copy->entry = g_new0 (LiaGuidanceEntry, 1);
  copy->entry->id = g_strdup (entry->id);
  copy->entry->lang = g_strdup (entry->lang);
  copy->entry->category = g_strdup (entry->category);
  copy->entry->title = g_strdup (entry->title);
  copy->entry->summary = g_strdup (entry->summary);
  copy->entry->status = g_strdup (entry->status);
  copy->entry->updated = g_strdup (entry->updated);

  return copy;
}

static void
export_pdf_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CardCopy *copy = task_data;
  GError *error = NULL;

  if (lia_guidance_export_pdf (copy->card, copy->entry, copy->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * lia_guidance_page_export_pdf_async:
 * @file: a local file to write
 *
 * Writes the open card, in the first view's language, as a one-page PDF,
 * away from the UI thread.
 */
void
lia_guidance_page_export_pdf_async (LiaGuidancePage     *self,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(CardCopy) copy = NULL;

  g_return_if_fail (LIA_IS_GUIDANCE_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_guidance_page_export_pdf_async);

  if (!(copy = copy_open_card (self)))
    {
      g_task_return_new_error (task, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                               _("Open a card first, then export it."));
      return;
    }

  if (!(copy->path = g_file_get_path (file)))
    {
      g_task_return_new_error (task, LIA_ERROR, LIA_ERROR_INVALID,
                               _("Liaison can only save to a folder on this computer. Choose another place."));
      return;
    }

  g_task_set_task_data (task, g_steal_pointer (&copy), (GDestroyNotify) card_copy_free);
  g_task_run_in_thread (task, export_pdf_thread);
}

gboolean
lia_guidance_page_export_pdf_finish (LiaGuidancePage  *self,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (LIA_IS_GUIDANCE_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
export_pdf_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaGuidancePage *self = LIA_GUIDANCE_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!lia_guidance_page_export_pdf_finish (self, result, &error))
    {
      _lia_guidance_page_show_toast (self, error->message);
      return;
    }

  name = g_file_get_basename (file);
  /* Translators: %s is the name of the PDF file */
  message = g_strdup_printf (_("Saved “%s”"), name);
  _lia_guidance_page_show_toast (self, message);
}

static void
export_pdf_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        LiaGuidancePage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      GFile *file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      lia_guidance_page_export_pdf_async (self, file, NULL, export_pdf_cb, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export_pdf_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  LiaGuidancePage *self = LIA_GUIDANCE_PAGE (widget);
  const LiaGuidanceEntry *entry = lia_guidance_card_view_get_entry (self->first_view);
  g_autofree char *name = g_strdup_printf ("%s-%s.pdf", entry->id, entry->lang);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Export as PDF"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"),
                                         NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* Released in the response handler */
  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (export_pdf_response_cb), self,
                           0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              CardCopy          *copy)
{
  GError *error = NULL;

  if (!lia_guidance_render_page (copy->card, copy->entry,
                                 gtk_print_context_get_cairo_context (context),
                                 gtk_print_context_get_width (context),
                                 gtk_print_context_get_height (context),
                                 &error))
    {
      /* Told in the ::done handler */
      g_object_set_data_full (G_OBJECT (operation), "lia-render-error", error, (GDestroyNotify) g_error_free);
      gtk_print_operation_cancel (operation);
    }
}

/**
 * lia_guidance_page_create_print_operation:
 *
 * Returns: (transfer full) (nullable): a one-page print of the open card,
 *   in the first view's language, or %NULL if no card is open
 */
GtkPrintOperation *
lia_guidance_page_create_print_operation (LiaGuidancePage *self)
{
  g_autoptr(GtkPrintOperation) operation = NULL;
  CardCopy *copy;

  g_return_val_if_fail (LIA_IS_GUIDANCE_PAGE (self), NULL);

  if (!(copy = copy_open_card (self)))
    return NULL;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, copy->entry->title);
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect_data (operation, "draw-page",
                         G_CALLBACK (draw_page_cb), copy,
                         (GClosureNotify) card_copy_free, 0);

  return g_steal_pointer (&operation);
}

static void
print_done_cb (LiaGuidancePage         *self,
               GtkPrintOperationResult  result,
               GtkPrintOperation       *operation)
{
  const GError *render_error = g_object_get_data (G_OBJECT (operation), "lia-render-error");
  g_autoptr(GError) error = NULL;

  if (render_error != NULL)
    _lia_guidance_page_show_toast (self, render_error->message);
  else if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      _lia_guidance_page_show_toast (self, error->message);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  LiaGuidancePage *self = LIA_GUIDANCE_PAGE (widget);
  g_autoptr(GtkPrintOperation) operation = lia_guidance_page_create_print_operation (self);

  g_return_if_fail (operation != NULL);

  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect_object (operation, "done",
                           G_CALLBACK (print_done_cb), self,
                           G_CONNECT_SWAPPED);

  /* Errors arrive in ::done, whether the dialog ran async or not */
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (gtk_widget_get_root (widget)), NULL);
}

void
_lia_guidance_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "guidance.export-pdf", NULL, export_pdf_action);
  gtk_widget_class_install_action (widget_class, "guidance.print", NULL, print_action);
  gtk_widget_class_install_property_action (widget_class, "guidance.side-by-side", "side-by-side");
  gtk_widget_class_install_property_action (widget_class, "guidance.bookmarks-only", "bookmarks-only");
}
