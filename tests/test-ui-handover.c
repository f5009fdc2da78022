/* test-ui-handover.c — the handover windows: a package from a predecessor
 * refused with a wrong passphrase or when changed, previewed, then
 * imported; the export form's passphrase rules, and the question every
 * export asks before strictly confidential records leave the device
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <string.h>

#include <glib/gstdio.h>

#include <glib/gi18n.h>

#include "lia-handover-window.h"

#define OPERATION  "op-korvania"
#define PASSPHRASE "five quiet camels at dawn"
#define CANARY_STRICT_SITE "Olmira safe house QH5521"
#define PUBLIC_ACTOR "Tessaly Water Board"

/* The cheapest key derivation libsodium allows: the file says which it
 * used, and the window reads it from there */
#define TEST_OPSLIMIT 1
#define TEST_MEMLIMIT 8192

static char *data_dir;

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_visible_label_containing (GtkWidget     *widget,
                             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_is_drawable (widget) &&
         strstr (gtk_label_get_label (GTK_LABEL (widget)), data) != NULL;
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* Still referenced by the list of toplevels */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* The predecessor's laptop: one report, handed over in a file */
static char *
write_package (void)
{
  g_autofree char *dir = g_build_filename (data_dir, "predecessor", NULL);
  g_autofree char *path = g_build_filename (data_dir, "handover.liaison", NULL);
  g_autofree char *json = lia_report_template (LIA_REPORT_KIND_SITREP);
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaReport) report = NULL;
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  store = lia_test_open_store_in_dir (dir, NULL);
  g_assert_no_error (error);
  report = lia_report_new_from_json (OPERATION, LIA_REPORT_KIND_SITREP, json, &error);
  g_assert_no_error (error);
  g_assert_true (lia_report_submit (report, store, &error));

  package = lia_handover_collect (store, OPERATION, FALSE, &error);
  g_assert_no_error (error);
  bytes = lia_handover_package_encrypt (package, PASSPHRASE, TEST_OPSLIMIT, TEST_MEMLIMIT, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));

  return g_steal_pointer (&path);
}

static void
open_package (LiaHandoverWindow *handover,
              const char        *passphrase)
{
  GtkWidget *entry = lia_test_ui_find_type (GTK_WIDGET (handover), GTK_TYPE_PASSWORD_ENTRY);
  GtkWidget *open = lia_test_ui_find (GTK_WIDGET (handover), is_button_labelled, _("_Open"));

  g_assert_nonnull (open);
  gtk_editable_set_text (GTK_EDITABLE (entry), passphrase);
  g_assert_true (gtk_widget_is_sensitive (open));
  g_signal_emit_by_name (open, "clicked");
  g_assert_true (lia_handover_window_get_busy (handover));
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (handover));
}

static guint
count_reports (LiaStore *store)
{
  g_autoptr(GPtrArray) reports = lia_store_list (store, "report", NULL, NULL);

  g_assert_nonnull (reports);

  return reports->len;
}

static void
test_handover_import (void)
{
  g_autofree char *path = write_package ();
  g_autofree char *tampered_path = g_strconcat (path, ".changed", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) tampered = g_file_new_for_path (tampered_path);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  LiaWindow *window = lia_test_ui_open_window ();
  LiaStore *store = lia_context_get_store (lia_window_get_context (window));
  LiaHandoverWindow *handover;
  GtkWidget *import;
  gsize length;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.import-handover", NULL);
  handover = LIA_HANDOVER_WINDOW (find_toplevel (LIA_TYPE_HANDOVER_WINDOW));
  g_assert_nonnull (handover);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (handover)));

  /* Changed on the way: refused in words */
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  contents[length - 5] ^= 0x01;
  g_assert_true (g_file_set_contents (tampered_path, contents, length, &error));
  lia_handover_window_set_file (handover, tampered);
  open_package (handover, PASSPHRASE);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing,
                                      _("The passphrase is wrong, or the handover package was changed. Nothing was imported.")));

  /* The wrong passphrase: the same words, nothing shown of the content */
  lia_handover_window_set_file (handover, file);
  open_package (handover, "not the passphrase");
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing,
                                      _("The passphrase is wrong, or the handover package was changed. Nothing was imported.")));
  g_assert_null (lia_test_ui_find (GTK_WIDGET (handover), is_button_labelled, _("_Import")));

  /* The right one: what it holds, before anything is written */
  open_package (handover, PASSPHRASE);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing, OPERATION));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing, _("Reports")));
  g_assert_cmpuint (count_reports (store), ==, 0);

  import = lia_test_ui_find (GTK_WIDGET (handover), is_button_labelled, _("_Import"));
  g_assert_nonnull (import);
  g_signal_emit_by_name (import, "clicked");
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (handover));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing, "Records imported: 1."));
  g_assert_cmpuint (count_reports (store), ==, 1);

  gtk_window_destroy (GTK_WINDOW (handover));
  lia_test_ui_close_window (window);
}

static void
test_handover_export_form (void)
{
  LiaWindow *window = lia_test_ui_open_window ();
  LiaStore *store = lia_context_get_store (lia_window_get_context (window));
  g_autoptr(GError) error = NULL;
  LiaHandoverWindow *handover;
  GtkWidget *passphrase;
  GtkWidget *confirm;
  GtkWidget *export;

  g_assert_true (lia_store_set_setting (store, "operation", OPERATION, &error));

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-handover", NULL);
  handover = LIA_HANDOVER_WINDOW (find_toplevel (LIA_TYPE_HANDOVER_WINDOW));
  g_assert_nonnull (handover);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (handover)));

  /* What it will hold is counted first, in a worker */
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (handover));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing, _("Reports")));

  export = lia_test_ui_find (GTK_WIDGET (handover), is_button_labelled, _("_Export…"));
  g_assert_nonnull (export);
  passphrase = lia_test_ui_find_type (GTK_WIDGET (handover), GTK_TYPE_PASSWORD_ENTRY);
  /* The second entry follows the first */
  confirm = NULL;
  for (GtkWidget *w = gtk_widget_get_next_sibling (passphrase); w != NULL && confirm == NULL; w = gtk_widget_get_next_sibling (w))
    confirm = lia_test_ui_find_type (w, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (confirm);

  /* Too short, then different, then right */
  g_assert_false (gtk_widget_is_sensitive (export));
  gtk_editable_set_text (GTK_EDITABLE (passphrase), "short");
  g_assert_false (gtk_widget_is_sensitive (export));
  gtk_editable_set_text (GTK_EDITABLE (passphrase), PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (confirm), "five quiet camels at dusk");
  g_assert_false (gtk_widget_is_sensitive (export));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing, _("The two passphrases differ.")));
  gtk_editable_set_text (GTK_EDITABLE (confirm), PASSPHRASE);
  g_assert_true (gtk_widget_is_sensitive (export));

  /* No box of its own to tick: the export asks, as every export does */
  g_assert_null (lia_test_ui_find_type (GTK_WIDGET (handover), GTK_TYPE_CHECK_BUTTON));

  gtk_window_destroy (GTK_WINDOW (handover));
  lia_test_ui_close_window (window);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return ADW_MESSAGE_DIALOG (toplevel);
    }

  return NULL;
}

static void
save (LiaStore *store,
      gpointer  record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (store, LIA_RECORD (record), &error));
  g_assert_no_error (error);
}

/* Opens the export window on @store and types the passphrase twice */
static LiaHandoverWindow *
open_export (LiaWindow *window)
{
  LiaHandoverWindow *handover;
  GtkWidget *passphrase;
  GtkWidget *confirm = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.export-handover", NULL);
  handover = LIA_HANDOVER_WINDOW (find_toplevel (LIA_TYPE_HANDOVER_WINDOW));
  g_assert_nonnull (handover);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (handover)));
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (handover));

  passphrase = lia_test_ui_find_type (GTK_WIDGET (handover), GTK_TYPE_PASSWORD_ENTRY);
  for (GtkWidget *w = gtk_widget_get_next_sibling (passphrase); w != NULL && confirm == NULL; w = gtk_widget_get_next_sibling (w))
    confirm = lia_test_ui_find_type (w, GTK_TYPE_PASSWORD_ENTRY);
  g_assert_nonnull (confirm);
  gtk_editable_set_text (GTK_EDITABLE (passphrase), PASSPHRASE);
  gtk_editable_set_text (GTK_EDITABLE (confirm), PASSPHRASE);

  return handover;
}

/* What the written package holds, decrypted by the core */
static char *
read_package (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(LiaHandoverPackage) package = NULL;
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  g_autoptr(GError) error = NULL;

  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);
  package = lia_handover_package_decrypt (bytes, PASSPHRASE, &error);
  g_assert_no_error (error);
  json_node_set_array (node, lia_handover_package_get_records (package));

  return json_to_string (node, FALSE);
}

static void
test_handover_export_question (void)
{
  g_autofree char *path = g_build_filename (data_dir, "successor.liaison", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LiaWindow *window = lia_test_ui_open_window ();
  LiaStore *store = lia_context_get_store (lia_window_get_context (window));
  g_autoptr(LiaActor) actor = lia_actor_new (OPERATION, PUBLIC_ACTOR, LIA_ACTOR_TYPE_GOVERNMENT);
  g_autoptr(LiaSiteNotification) site = lia_site_notification_new (OPERATION);
  g_autoptr(GError) error = NULL;
  LiaHandoverWindow *handover;
  AdwMessageDialog *dialog;
  GtkWidget *left_out;
  g_autofree char *records = NULL;

  g_assert_true (lia_store_set_setting (store, "operation", OPERATION, &error));
  save (store, actor);
  lia_site_notification_set_name (site, CANARY_STRICT_SITE);
  lia_site_notification_set_organisation (site, "Korvanian Red Crescent");
  lia_site_notification_set_location (site, 12.3456, 30.6543);
  lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
  lia_site_notification_set_function (site, "Shelter");
  lia_site_notification_set_contact (site, "Site manager");
  lia_record_set_sensitivity (LIA_RECORD (site), LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL);
  save (store, site);

  handover = open_export (window);

  /* The preview says how many records stay behind */
  left_out = lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing,
                               _("Strictly confidential records, left out"));
  g_assert_nonnull (left_out);
  g_assert_nonnull (lia_test_ui_find (gtk_widget_get_ancestor (left_out, ADW_TYPE_ACTION_ROW),
                                      is_visible_label_containing, "1"));

  /* Asked before anything is written; leaving out is what Enter does */
  lia_handover_window_export (handover, file);
  LIA_TEST_SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "1 strictly confidential record"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "leave-out");
  g_assert_cmpint (adw_message_dialog_get_response_appearance (dialog, "include"), ==, ADW_RESPONSE_DESTRUCTIVE);

  /* Cancel writes nothing */
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  lia_test_ui_spin_pending ();
  g_assert_false (lia_handover_window_get_busy (handover));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Left out: the package holds the actor and not the site's canary */
  lia_handover_window_export (handover, file);
  LIA_TEST_SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "leave-out");
  gtk_window_destroy (GTK_WINDOW (dialog));
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (handover) && g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (handover), is_visible_label_containing, "successor.liaison"));
  records = read_package (path);
  g_assert_nonnull (strstr (records, PUBLIC_ACTOR));
  g_assert_null (strstr (records, CANARY_STRICT_SITE));
  g_clear_pointer (&records, g_free);

  /* Included on purpose: there it is */
  g_unlink (path);
  lia_handover_window_export (handover, file);
  LIA_TEST_SPIN_UNTIL ((dialog = find_message_dialog ()) != NULL);
  adw_message_dialog_response (dialog, "include");
  gtk_window_destroy (GTK_WINDOW (dialog));
  LIA_TEST_SPIN_UNTIL (!lia_handover_window_get_busy (handover) && g_file_test (path, G_FILE_TEST_EXISTS));
  records = read_package (path);
  g_assert_nonnull (strstr (records, CANARY_STRICT_SITE));

  gtk_window_destroy (GTK_WINDOW (handover));
  lia_test_ui_close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-handover-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/handover/import", test_handover_import);
  g_test_add_func ("/ui/handover/export-form", test_handover_export_form);
  g_test_add_func ("/ui/handover/export-question", test_handover_export_question);

  status = g_test_run ();

  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);
  g_free (data_dir);

  return status;
}
