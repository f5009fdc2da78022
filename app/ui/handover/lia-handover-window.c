/* lia-handover-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-export-confirm.h"
#include "lia-handover-window.h"

/* Long enough to resist guessing by someone who holds the file */
#define PASSPHRASE_MIN_CHARS 10

/* Exporting: what the package will hold and how many strictly
 * confidential records it leaves out, a passphrase typed twice, a file,
 * then the question every export asks before strictly confidential
 * records leave the device.  Importing: a file and its passphrase, what
 * it holds, then the import.  Collecting, deriving the key (a second and 256 MiB) and
 * importing run in workers with connections of their own to the store. */
struct _LiaHandoverWindow
{
  AdwWindow           parent_instance;

  LiaContext         *context;
  LiaHandoverMode     mode;
  LiaHandoverPackage *package;
  GFile              *file;
  GCancellable       *cancellable;
  gboolean            busy;
  guint               n_left_out;    /* strictly confidential, export */

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkLabel           *intro_label;
  GtkWidget          *file_group;
  AdwActionRow       *file_row;
  GtkPasswordEntry   *passphrase_entry;
  GtkWidget          *confirm_box;
  GtkPasswordEntry   *confirm_entry;
  GtkLabel           *passphrase_hint;
  AdwPreferencesGroup *counts_group;
  GtkLabel           *error_label;
  GtkLabel           *done_label;
  GtkSpinner         *spinner;
  GtkButton          *primary_button;

  GPtrArray          *count_rows;
};

G_DEFINE_FINAL_TYPE (LiaHandoverWindow, lia_handover_window, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  char               *path;          /* the store's */
  LiaClock           *clock;
  char               *operation;
  gboolean            strict;
  char               *passphrase;
  GFile              *file;
  LiaHandoverPackage *package;       /* borrowed from the window, which is busy meanwhile */
  guint               n_left_out;
  LiaHandoverImportStats stats;
} TaskData;

static void
wipe (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
task_data_free (TaskData *data)
{
  g_free (data->path);
  g_clear_object (&data->clock);
  g_free (data->operation);
  wipe (data->passphrase);
  g_clear_object (&data->file);
  g_free (data);
}

static const char *
record_type_label (const char *record_type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "actor", N_("Actors") },
    { "relationship", N_("Relationships between actors") },
    { "site-notification", N_("Site notifications") },
    { "movement-notification", N_("Movement notifications") },
    { "transmission", N_("Notifications sent to parties") },
    { "incident", N_("Incidents") },
    { "report", N_("Reports") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (record_type, labels[i].type))
      return _(labels[i].label);

  return record_type;
}

/* ---- what is shown ----------------------------------------------------------- */

static void
show_error (LiaHandoverWindow *self,
            const char        *message)
{
  gtk_label_set_label (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static void
show_done (LiaHandoverWindow *self,
           const char        *message)
{
  gtk_label_set_label (self->done_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->done_label), message != NULL);
}

static void
show_counts (LiaHandoverWindow *self)
{
  g_autoptr(GPtrArray) counts = NULL;
  guint n_notes;

  for (guint i = 0; i < self->count_rows->len; i++)
    adw_preferences_group_remove (self->counts_group, g_ptr_array_index (self->count_rows, i));
  g_ptr_array_set_size (self->count_rows, 0);

  gtk_widget_set_visible (GTK_WIDGET (self->counts_group), self->package != NULL);
  if (self->package == NULL)
    return;

  counts = lia_handover_package_get_counts (self->package);
  n_notes = lia_handover_package_get_n_notes (self->package);

  for (guint i = 0; i <= counts->len; i++)
    {
      const LiaHandoverCount *count = i < counts->len ? g_ptr_array_index (counts, i) : NULL;
      guint n = count != NULL ? count->count : n_notes;
      g_autofree char *number = g_strdup_printf ("%u", n);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (number);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     count != NULL ? record_type_label (count->record_type) : _("Guidance notes and bookmarks"));
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->counts_group, row);
      g_ptr_array_add (self->count_rows, row);
    }

  if (self->mode == LIA_HANDOVER_MODE_EXPORT && self->n_left_out > 0)
    {
      g_autofree char *number = g_strdup_printf ("%u", self->n_left_out);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (number);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Strictly confidential records, left out"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("When you export, you are asked whether to include them."));
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("dialog-warning-symbolic"));
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_preferences_group_add (self->counts_group, row);
      g_ptr_array_add (self->count_rows, row);
    }

  if (self->mode == LIA_HANDOVER_MODE_IMPORT)
    {
      g_autofree char *description = g_strdup_printf (_("For the operation %s"),
                                                      lia_handover_package_get_operation (self->package));

      adw_preferences_group_set_description (self->counts_group, description);
    }
}

static gboolean
passphrase_ready (LiaHandoverWindow *self)
{
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));

  if (self->mode == LIA_HANDOVER_MODE_IMPORT)
    return *passphrase != '\0';

  return g_utf8_strlen (passphrase, -1) >= PASSPHRASE_MIN_CHARS &&
         g_str_equal (passphrase, gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry)));
}

static void
update_controls (LiaHandoverWindow *self)
{
  gboolean ready;

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_entry), !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_entry), !self->busy);
  gtk_widget_set_sensitive (self->file_group, !self->busy);

  if (self->mode == LIA_HANDOVER_MODE_EXPORT)
    {
      const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));
      const char *confirm = gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry));
      const char *hint = NULL;

      if (*passphrase != '\0' && g_utf8_strlen (passphrase, -1) < PASSPHRASE_MIN_CHARS)
        hint = _("Use at least 10 characters: a few unrelated words are easy to pass on and hard to guess.");
      else if (*confirm != '\0' && !g_str_equal (passphrase, confirm))
        hint = _("The two passphrases differ.");
      gtk_label_set_label (self->passphrase_hint, hint != NULL ? hint : "");
      gtk_widget_set_visible (GTK_WIDGET (self->passphrase_hint), hint != NULL);

      gtk_button_set_label (self->primary_button, _("_Export…"));
      ready = self->package != NULL && passphrase_ready (self);
    }
  else if (self->package == NULL)
    {
      gtk_button_set_label (self->primary_button, _("_Open"));
      ready = self->file != NULL && passphrase_ready (self);
    }
  else
    {
      gtk_button_set_label (self->primary_button, _("_Import"));
      ready = TRUE;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->primary_button), ready && !self->busy);
}

static void
set_busy (LiaHandoverWindow *self,
          gboolean           busy)
{
  self->busy = busy;
  update_controls (self);
}

static char *
dup_operation (LiaHandoverWindow *self)
{
  LiaStore *store = lia_context_get_store (self->context);
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  char *operation = lia_store_get_setting (store, "operation");

  if (operation != NULL && *operation != '\0')
    return operation;
  g_free (operation);

  enrolment = lia_sync_engine_dup_enrolment (lia_context_get_sync_engine (self->context));

  return enrolment != NULL ? g_strdup (enrolment->operation) : NULL;
}

static TaskData *
new_task_data (LiaHandoverWindow *self)
{
  TaskData *data = g_new0 (TaskData, 1);

  data->path = g_strdup (lia_store_get_path (lia_context_get_store (self->context)));
  data->clock = g_object_ref (lia_context_get_clock (self->context));

  return data;
}

/* ---- export ------------------------------------------------------------------- */

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  LiaHandoverPackage *package;
  GError *error = NULL;

  if (!(store = lia_store_open (data->path, data->clock, &error)) ||
      !lia_handover_count_left_out (store, data->operation, &data->n_left_out, &error) ||
      !(package = lia_handover_collect (store, data->operation, FALSE, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, package, (GDestroyNotify) lia_handover_package_free);
}

static void
collected_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LiaHandoverWindow *self = LIA_HANDOVER_WINDOW (object);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  LiaHandoverPackage *package;

  set_busy (self, FALSE);

  if (!(package = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->package, lia_handover_package_free);
  self->package = package;
  self->n_left_out = data->n_left_out;
  show_counts (self);
  update_controls (self);
}

static void
collect (LiaHandoverWindow *self)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;
  g_autofree char *operation = dup_operation (self);

  g_clear_pointer (&self->package, lia_handover_package_free);
  show_counts (self);
  show_error (self, NULL);

  if (operation == NULL)
    {
      show_error (self, _("This computer does not work on an operation yet: enrol it with HQ on the Sync page first."));
      update_controls (self);
      return;
    }

  data = new_task_data (self);
  data->operation = g_steal_pointer (&operation);

  task = g_task_new (self, self->cancellable, collected_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, collect_thread);
}

/* Collects again with the officer's answer, so that what is written is
 * what they were asked about, then encrypts and writes */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_file_get_path (data->file);
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Choose a folder on this computer or on a USB stick."));
      return;
    }

  if (!(store = lia_store_open (data->path, data->clock, &error)) ||
      !(package = lia_handover_collect (store, data->operation, data->strict, &error)) ||
      !(bytes = lia_handover_package_encrypt (package, data->passphrase, LIA_HANDOVER_OPSLIMIT,
                                              LIA_HANDOVER_MEMLIMIT, &error)) ||
      !g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
encrypted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LiaHandoverWindow *self = LIA_HANDOVER_WINDOW (object);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  {
    g_autofree char *name = g_file_get_basename (data->file);
    /* Translators: %s is a file name */
    g_autofree char *message = g_strdup_printf (_("Wrote “%s”. Give your successor the passphrase separately — never in the same message or on the same stick as the file."),
                                                name);

    show_done (self, message);
  }
}

static void
export_confirmed_cb (GtkWidget *widget,
                     gboolean   include_strictly_confidential,
                     gpointer   user_data)
{
  LiaHandoverWindow *self = LIA_HANDOVER_WINDOW (widget);
  GFile *file = user_data;
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  if (self->package == NULL || self->busy || !passphrase_ready (self))
    return;

  task = g_task_new (self, self->cancellable, encrypted_cb, NULL);
  data = new_task_data (self);
  data->file = g_object_ref (file);
  data->operation = g_strdup (lia_handover_package_get_operation (self->package));
  data->strict = include_strictly_confidential;
  data->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)));
  g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
  show_error (self, NULL);
  show_done (self, NULL);
  set_busy (self, TRUE);
  g_task_run_in_thread (task, export_thread);
}

/**
 * lia_handover_window_export:
 * @file: where the package goes
 *
 * Asks, as every export does, whether the strictly confidential records
 * the preview counted go too (nothing to ask when there are none), then
 * writes the package with the passphrase typed twice.  Nothing is written
 * on Cancel.
 */
void
lia_handover_window_export (LiaHandoverWindow *self,
                            GFile             *file)
{
  g_return_if_fail (LIA_IS_HANDOVER_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (self->mode == LIA_HANDOVER_MODE_EXPORT);

  if (self->package == NULL || self->busy || !passphrase_ready (self))
    return;

  lia_export_confirm (GTK_WIDGET (self), self->n_left_out, 0, export_confirmed_cb,
                      g_object_ref (file), g_object_unref);
}

static void
export_file_chosen_cb (GtkNativeDialog   *chooser,
                       int                response,
                       LiaHandoverWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lia_handover_window_export (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/* ---- import ------------------------------------------------------------------- */

static void
decrypt_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  LiaHandoverPackage *package;
  GError *error = NULL;

  if (!(info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                  cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_file_info_get_size (info) > LIA_HANDOVER_MAX_SIZE)
    {
      g_task_return_new_error (task, LIA_ERROR, LIA_ERROR_INVALID, "%s",
                               _("This file is too large to be a handover package."));
      return;
    }

  if (!(bytes = g_file_load_bytes (data->file, cancellable, NULL, &error)) ||
      !(package = lia_handover_package_decrypt (bytes, data->passphrase, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, package, (GDestroyNotify) lia_handover_package_free);
}

static void
decrypted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  LiaHandoverWindow *self = LIA_HANDOVER_WINDOW (object);
  g_autoptr(GError) error = NULL;
  LiaHandoverPackage *package;

  set_busy (self, FALSE);

  if (!(package = g_task_propagate_pointer (G_TASK (result), &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  g_clear_pointer (&self->package, lia_handover_package_free);
  self->package = package;
  show_counts (self);
  show_done (self, _("Nothing is imported until you press Import. Records you already have are kept; the newer version of each wins, and both are kept where you both changed one."));
  update_controls (self);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  GError *error = NULL;

  if (!(store = lia_store_open (data->path, data->clock, &error)) ||
      !lia_handover_package_import (data->package, store, &data->stats, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaHandoverWindow *self = LIA_HANDOVER_WINDOW (object);
  TaskData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  set_busy (self, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, error->message);
      return;
    }

  /* Counts after a colon need no plural forms */
  message = g_strdup_printf (_("Done. Records imported: %u. Already here: %u. Kept beside a version of yours: %u. Guidance notes: %u."),
                             data->stats.imported, data->stats.skipped, data->stats.conflicts, data->stats.notes);
  show_done (self, message);
  gtk_widget_set_visible (GTK_WIDGET (self->primary_button), FALSE);

  lia_sync_engine_refresh (lia_context_get_sync_engine (self->context));
  g_signal_emit (self, signals[IMPORTED], 0);
}

static void
import_file_chosen_cb (GtkNativeDialog   *chooser,
                       int                response,
                       LiaHandoverWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lia_handover_window_set_file (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

/**
 * lia_handover_window_set_file:
 *
 * The package to import; what it holds shows once it is opened with its
 * passphrase.
 */
void
lia_handover_window_set_file (LiaHandoverWindow *self,
                              GFile             *file)
{
  g_autofree char *name = NULL;

  g_return_if_fail (LIA_IS_HANDOVER_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->file, file);
  g_clear_pointer (&self->package, lia_handover_package_free);
  name = g_file_get_basename (file);
  adw_action_row_set_subtitle (self->file_row, name);
  show_counts (self);
  show_error (self, NULL);
  show_done (self, NULL);
  update_controls (self);
}

static void
choose_file_clicked_cb (LiaHandoverWindow *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Handover Package"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (import_file_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the buttons -------------------------------------------------------------- */

static void
primary_clicked_cb (LiaHandoverWindow *self)
{
  g_autoptr(GTask) task = NULL;
  TaskData *data;

  if (self->busy)
    return;

  show_error (self, NULL);

  if (self->mode == LIA_HANDOVER_MODE_EXPORT)
    {
      GtkFileChooserNative *chooser;
      g_autofree char *operation = dup_operation (self);
      g_autoptr(GDateTime) now = lia_clock_get_now (lia_context_get_clock (self->context));
      g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
      g_autofree char *name = g_strdup_printf ("handover-%s-%s.liaison", operation != NULL ? operation : "", date);

      g_strdelimit (name, "/\\", '-');
      chooser = gtk_file_chooser_native_new (_("Save the Handover Package"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
      g_signal_connect (chooser, "response", G_CALLBACK (export_file_chosen_cb), g_object_ref (self));
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
      return;
    }

  data = new_task_data (self);
  if (self->package == NULL)
    {
      data->file = g_object_ref (self->file);
      data->passphrase = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)));
      task = g_task_new (self, self->cancellable, decrypted_cb, NULL);
      g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
      set_busy (self, TRUE);
      g_task_run_in_thread (task, decrypt_thread);
    }
  else
    {
      data->package = self->package;
      task = g_task_new (self, self->cancellable, imported_cb, NULL);
      g_task_set_task_data (task, data, (GDestroyNotify) task_data_free);
      set_busy (self, TRUE);
      g_task_run_in_thread (task, import_thread);
    }
}

static void
passphrase_changed_cb (LiaHandoverWindow *self)
{
  /* A package opened with one passphrase is not what another one opens */
  if (self->mode == LIA_HANDOVER_MODE_IMPORT && self->package != NULL && !self->busy)
    {
      g_clear_pointer (&self->package, lia_handover_package_free);
      show_counts (self);
      show_done (self, NULL);
    }

  update_controls (self);
}

/* ---- the object ---------------------------------------------------------------- */

gboolean
lia_handover_window_get_busy (LiaHandoverWindow *self)
{
  g_return_val_if_fail (LIA_IS_HANDOVER_WINDOW (self), FALSE);

  return self->busy;
}

static gboolean
lia_handover_window_close_request (GtkWindow *window)
{
  LiaHandoverWindow *self = LIA_HANDOVER_WINDOW (window);

  /* A worker that already started finishes; its result is dropped */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (lia_handover_window_parent_class)->close_request (window);
}

static void
lia_handover_window_dispose (GObject *object)
{
  LiaHandoverWindow *self = (LiaHandoverWindow *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_HANDOVER_WINDOW);

  G_OBJECT_CLASS (lia_handover_window_parent_class)->dispose (object);
}

static void
lia_handover_window_finalize (GObject *object)
{
  LiaHandoverWindow *self = (LiaHandoverWindow *)object;

  g_clear_pointer (&self->package, lia_handover_package_free);
  g_clear_pointer (&self->count_rows, g_ptr_array_unref);
  g_clear_object (&self->file);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lia_handover_window_parent_class)->finalize (object);
}

static void
lia_handover_window_class_init (LiaHandoverWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lia_handover_window_dispose;
  object_class->finalize = lia_handover_window_finalize;
  window_class->close_request = lia_handover_window_close_request;

  /**
   * LiaHandoverWindow::imported:
   *
   * Records were written to the store from another connection.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-handover-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, intro_label);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, file_group);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, file_row);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, confirm_box);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, confirm_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, passphrase_hint);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, counts_group);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, done_label);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaHandoverWindow, primary_button);
  gtk_widget_class_bind_template_callback (widget_class, primary_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_file_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
lia_handover_window_init (LiaHandoverWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->count_rows = g_ptr_array_new ();
}

LiaHandoverWindow *
lia_handover_window_new (LiaContext      *context,
                         LiaHandoverMode  mode)
{
  LiaHandoverWindow *self;

  g_return_val_if_fail (LIA_IS_CONTEXT (context), NULL);

  self = g_object_new (LIA_TYPE_HANDOVER_WINDOW, NULL);
  self->context = g_object_ref (context);
  self->mode = mode;

  if (mode == LIA_HANDOVER_MODE_EXPORT)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Export Handover Package"));
      adw_window_title_set_title (self->window_title, _("Export Handover Package"));
      gtk_label_set_label (self->intro_label,
                           _("One encrypted file for your successor: this operation’s actors and relationships, notifications, incidents, the reports of the last 180 days and your guidance notes."));
      gtk_widget_set_visible (self->file_group, FALSE);
      collect (self);
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Import Handover Package"));
      adw_window_title_set_title (self->window_title, _("Import Handover Package"));
      gtk_label_set_label (self->intro_label,
                           _("Open the package your predecessor gave you, with the passphrase they gave you separately. You will see what it holds before anything is imported."));
      gtk_widget_set_visible (self->confirm_box, FALSE);
    }

  update_controls (self);

  return self;
}
