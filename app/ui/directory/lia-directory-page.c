/* lia-directory-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-directory-page.h"

/* A list box of a few hundred rows stays quick; a search narrows the rest */
#define MAX_ROWS 300

/* The newest directory HQ published, searched and read without a
 * connection.  The widgets are built and the directory read when the page
 * is first shown, and it is read again when a sync or a save may have
 * brought a new one. */
struct _LiaDirectoryPage
{
  AdwBin            parent_instance;

  LiaContext       *context;
  LiaDirectory     *directory;
  char             *shown_id;
  gulong            changed_handler;
  gulong            sync_handler;
  gboolean          built;
  gboolean          loaded;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  GtkStack         *main_stack;
  GtkWidget        *stale_box;
  GtkLabel         *stale_label;
  GtkLabel         *valid_label;
  AdwLeaflet       *leaflet;
  GtkWidget        *list_pane;
  GtkWidget        *detail_pane;
  GtkSearchEntry   *search_entry;
  GtkStack         *list_stack;
  GtkListBox       *entry_list;
  GtkLabel         *more_label;
  GtkStack         *detail_stack;
  GtkLabel         *name_label;
  GtkLabel         *role_label;
  GtkWidget        *entry_stale_box;
  GtkLabel         *entry_stale_label;
  AdwActionRow     *operation_row;
  AdwActionRow     *location_row;
  AdwActionRow     *hats_row;
  AdwActionRow     *since_row;
  AdwActionRow     *confirmed_row;
  AdwPreferencesGroup *contacts_group;
  GtkWidget        *export_button;

  GPtrArray        *contact_rows;
};

G_DEFINE_FINAL_TYPE (LiaDirectoryPage, lia_directory_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_toast (LiaDirectoryPage *self,
            const char       *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

static void
ensure_built (LiaDirectoryPage *self)
{
  if (self->built)
    return;

  self->built = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
}

static GDateTime *
get_now (LiaDirectoryPage *self)
{
  return lia_clock_get_now (lia_context_get_clock (self->context));
}

static char *
join_hats (const LiaDirectoryEntry *entry)
{
  /* Translators: the separator between a person's other roles */
  return entry->hats != NULL ? g_strjoinv (_(", "), entry->hats) : g_strdup ("");
}

/* ---- the list ------------------------------------------------------------- */

static GtkWidget *
create_entry_row (const LiaDirectoryEntry *entry,
                  GDateTime               *now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GString) subtitle = g_string_new (entry->role);

  if (entry->operation != NULL)
    g_string_append_printf (subtitle, " · %s", entry->operation);
  if (entry->location != NULL)
    g_string_append_printf (subtitle, " · %s", entry->location);
  if (entry->hats != NULL && entry->hats[0] != NULL)
    {
      g_autofree char *hats = join_hats (entry);

      g_string_append_c (subtitle, '\n');
      /* Translators: the other roles a person holds, as in “Also: Access focal point” */
      g_string_append_printf (subtitle, _("Also: %s"), hats);
    }

  g_string_append_c (subtitle, '\n');
  if (entry->last_confirmed != NULL)
    /* Translators: the date someone last confirmed an entry */
    g_string_append_printf (subtitle, _("Confirmed %s"), entry->last_confirmed);
  else
    g_string_append (subtitle, _("Never confirmed"));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  /* What needs checking stands out, in words as well as colour */
  if (lia_directory_entry_is_stale (entry, now))
    {
      GtkWidget *badge = gtk_label_new (_("Unconfirmed"));

      gtk_widget_add_css_class (badge, "report-badge");
      gtk_widget_add_css_class (badge, "stale");
      gtk_widget_add_css_class (badge, "caption");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (badge, _("Nobody confirmed this entry in the last 90 days"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  g_object_set_data_full (G_OBJECT (row), "entry-id", g_strdup (entry->id), g_free);

  return row;
}

static void
select_shown_entry (LiaDirectoryPage *self)
{
  GtkListBoxRow *row;

  for (guint i = 0; self->shown_id != NULL && (row = gtk_list_box_get_row_at_index (self->entry_list, i)) != NULL; i++)
    {
      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "entry-id"), self->shown_id) == 0)
        {
          gtk_list_box_select_row (self->entry_list, row);
          return;
        }
    }

  gtk_list_box_unselect_all (self->entry_list);
}

static void
refresh_list (LiaDirectoryPage *self)
{
  g_autofree char *query = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n_entries;

  if (self->directory == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->entry_list))) != NULL)
    gtk_list_box_remove (self->entry_list, child);

  now = get_now (self);

  if (*query != '\0')
    {
      if (!(found = lia_directory_search (self->directory, query, &error)))
        {
          show_toast (self, error->message);
          return;
        }
      n_entries = found->len;
    }
  else
    n_entries = lia_directory_get_n_entries (self->directory);

  for (guint i = 0; i < MIN (n_entries, MAX_ROWS); i++)
    {
      const LiaDirectoryEntry *entry = found != NULL ? g_ptr_array_index (found, i)
                                                     : lia_directory_get_entry (self->directory, i);

      gtk_list_box_append (self->entry_list, create_entry_row (entry, now));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->more_label), n_entries > MAX_ROWS);
  if (n_entries > MAX_ROWS)
    {
      g_autofree char *text = g_strdup_printf (_("The first %u of %u are shown: search to find the others."),
                                               MAX_ROWS, n_entries);

      gtk_label_set_label (self->more_label, text);
    }

  gtk_stack_set_visible_child_name (self->list_stack, n_entries > 0 ? "list" : "no-match");
  select_shown_entry (self);
}

/* “Valid as of” and the warning, which depend on the clock alone */
static void
update_staleness (LiaDirectoryPage *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *valid = NULL;
  const char *valid_as_of;

  if (self->directory == NULL)
    return;

  now = get_now (self);
  valid_as_of = lia_directory_get_valid_as_of (self->directory);

  /* Translators: %s is the date HQ published the directory */
  valid = g_strdup_printf (_("Valid as of %s"), valid_as_of != NULL ? valid_as_of : _("an unknown date"));
  gtk_label_set_label (self->valid_label, valid);

  if (lia_directory_is_stale (self->directory, now))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "This directory is older than %d day: people may have moved on. Check a contact before you rely on it; a newer one comes from HQ at the next sync.",
                                                            "This directory is older than %d days: people may have moved on. Check a contact before you rely on it; a newer one comes from HQ at the next sync.",
                                                            LIA_DIRECTORY_STALE_DAYS),
                                               LIA_DIRECTORY_STALE_DAYS);

      gtk_label_set_label (self->stale_label, text);
      gtk_widget_set_visible (self->stale_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->stale_box, FALSE);
}

/* ---- the detail ------------------------------------------------------------ */

static const char *
channel_icon (const char *channel)
{
  if (g_ascii_strcasecmp (channel, "email") == 0 || g_ascii_strcasecmp (channel, "e-mail") == 0)
    return "mail-unread-symbolic";
  if (g_ascii_strcasecmp (channel, "radio") == 0)
    return "network-wireless-symbolic";
  if (g_ascii_strcasecmp (channel, "signal") == 0 || g_ascii_strcasecmp (channel, "whatsapp") == 0 ||
      g_ascii_strcasecmp (channel, "sms") == 0)
    return "mail-send-symbolic";

  return "call-start-symbolic";
}

/* Channels as the directory writes them are words for people too; the
 * common ones are translated */
static const char *
channel_label (const char *channel)
{
  static const struct { const char *channel; const char *label; } labels[] = {
    { "phone", N_("Phone") },
    { "mobile", N_("Mobile") },
    { "satphone", N_("Satellite phone") },
    { "email", N_("Email") },
    { "radio", N_("Radio") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_ascii_strcasecmp (channel, labels[i].channel) == 0)
      return _(labels[i].label);

  return channel;
}

static void
copy_clicked_cb (GtkButton        *button,
                 LiaDirectoryPage *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "value");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)), value);
  show_toast (self, _("Copied"));
}

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  gtk_widget_set_visible (GTK_WIDGET (row), value != NULL && *value != '\0');
  adw_action_row_set_subtitle (row, value != NULL ? value : "");
}

static void
show_detail (LiaDirectoryPage        *self,
             const LiaDirectoryEntry *entry)
{
  g_autoptr(GDateTime) now = get_now (self);
  g_autofree char *hats = NULL;
  g_autofree char *since = NULL;

  for (guint i = 0; i < self->contact_rows->len; i++)
    adw_preferences_group_remove (self->contacts_group, g_ptr_array_index (self->contact_rows, i));
  g_ptr_array_set_size (self->contact_rows, 0);

  if (entry == NULL)
    {
      g_clear_pointer (&self->shown_id, g_free);
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      return;
    }

  g_free (self->shown_id);
  self->shown_id = g_strdup (entry->id);

  gtk_label_set_label (self->name_label, entry->name);
  gtk_label_set_label (self->role_label, entry->role);

  set_row (self->operation_row, entry->operation);
  set_row (self->location_row, entry->location);
  hats = join_hats (entry);
  set_row (self->hats_row, hats);
  if (entry->since != NULL && entry->until != NULL)
    /* Translators: a deployment's first and last day */
    since = g_strdup_printf (_("%s – %s"), entry->since, entry->until);
  else if (entry->since != NULL)
    /* Translators: the day a deployment began */
    since = g_strdup_printf (_("Since %s"), entry->since);
  set_row (self->since_row, since);
  set_row (self->confirmed_row, entry->last_confirmed != NULL ? entry->last_confirmed : _("Never"));

  if (lia_directory_entry_is_stale (entry, now))
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "Nobody confirmed this entry in the last %d day: check it before you rely on it.",
                                                            "Nobody confirmed this entry in the last %d days: check it before you rely on it.",
                                                            LIA_DIRECTORY_ENTRY_STALE_DAYS),
                                               LIA_DIRECTORY_ENTRY_STALE_DAYS);

      gtk_label_set_label (self->entry_stale_label, text);
      gtk_widget_set_visible (self->entry_stale_box, TRUE);
    }
  else
    gtk_widget_set_visible (self->entry_stale_box, FALSE);

  for (guint i = 0; i < entry->contacts->len; i++)
    {
      const LiaDirectoryContact *contact = g_ptr_array_index (entry->contacts, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");
      g_autofree char *copy_label = g_strdup_printf (_("Copy %s"), contact->value);
      g_autofree char *isolated = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), channel_label (contact->channel));
      /* Phone numbers and addresses read left to right in any language:
       * isolated, “+881 600 0202” does not turn into “0202 600 881+” */
      isolated = g_strdup_printf ("\u2066%s\u2069", contact->value);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), isolated);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name (channel_icon (contact->channel)));

      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_tooltip_text (copy, _("Copy"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy), GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label, -1);
      g_object_set_data_full (G_OBJECT (copy), "value", g_strdup (contact->value), g_free);
      g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), copy);

      adw_preferences_group_add (self->contacts_group, row);
      g_ptr_array_add (self->contact_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->contacts_group), entry->contacts->len > 0);

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  select_shown_entry (self);
}

/**
 * lia_directory_page_show_entry:
 *
 * Returns: whether the directory has an entry @id, now shown
 */
gboolean
lia_directory_page_show_entry (LiaDirectoryPage *self,
                               const char       *id)
{
  const LiaDirectoryEntry *entry;

  g_return_val_if_fail (LIA_IS_DIRECTORY_PAGE (self), FALSE);

  if (self->directory == NULL || !(entry = lia_directory_find (self->directory, id)))
    return FALSE;

  show_detail (self, entry);
  adw_leaflet_set_visible_child (self->leaflet, self->detail_pane);

  return TRUE;
}

const char *
lia_directory_page_get_shown_entry (LiaDirectoryPage *self)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY_PAGE (self), NULL);

  return self->shown_id;
}

static void
entry_activated_cb (LiaDirectoryPage *self,
                    GtkListBoxRow    *row)
{
  lia_directory_page_show_entry (self, g_object_get_data (G_OBJECT (row), "entry-id"));
}

static void
search_changed_cb (LiaDirectoryPage *self)
{
  refresh_list (self);
}

static void
stop_search_cb (LiaDirectoryPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
back_clicked_cb (LiaDirectoryPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* ---- vCard ----------------------------------------------------------------- */

static void
vcard_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * lia_directory_page_export_vcard_async:
 *
 * Writes the shown contact to @file as a vCard, which phones and address
 * books import.
 */
void
lia_directory_page_export_vcard_async (LiaDirectoryPage    *self,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const LiaDirectoryEntry *entry;
  g_autoptr(GBytes) bytes = NULL;
  char *card;

  g_return_if_fail (LIA_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_directory_page_export_vcard_async);

  if (self->directory == NULL || self->shown_id == NULL ||
      !(entry = lia_directory_find (self->directory, self->shown_id)))
    {
      g_task_return_new_error (task, LIA_ERROR, LIA_ERROR_NOT_FOUND, "%s", _("Choose a contact to export first."));
      return;
    }

  card = lia_directory_entry_to_vcard (entry);
  bytes = g_bytes_new_take (card, strlen (card));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, vcard_written_cb, g_steal_pointer (&task));
}

gboolean
lia_directory_page_export_vcard_finish (LiaDirectoryPage  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
exported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaDirectoryPage *self = LIA_DIRECTORY_PAGE (object);
  g_autoptr(GError) error = NULL;

  if (lia_directory_page_export_vcard_finish (self, result, &error))
    show_toast (self, _("Contact exported"));
  else
    {
      /* Translators: %s says why */
      g_autofree char *message = g_strdup_printf (_("The contact could not be exported: %s"), error->message);

      show_toast (self, message);
    }
}

static void
vcard_chosen_cb (GtkNativeDialog  *chooser,
                 int               response,
                 LiaDirectoryPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lia_directory_page_export_vcard_async (self, file, NULL, exported_cb, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
export_clicked_cb (LiaDirectoryPage *self)
{
  const LiaDirectoryEntry *entry;
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->directory == NULL || self->shown_id == NULL ||
      !(entry = lia_directory_find (self->directory, self->shown_id)))
    return;

  chooser = gtk_file_chooser_native_new (_("Export Contact"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = g_strdup_printf ("%s.vcf", entry->name);
  g_strdelimit (name, "/\\", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, _("Contacts (vCard)"));
  gtk_file_filter_add_mime_type (filter, "text/vcard");
  gtk_file_filter_add_suffix (filter, "vcf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  g_signal_connect (chooser, "response", G_CALLBACK (vcard_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- loading ---------------------------------------------------------------- */

/**
 * lia_directory_page_refresh:
 *
 * Reads the newest directory again, and what the clock makes stale.
 */
void
lia_directory_page_refresh (LiaDirectoryPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;

  g_return_if_fail (LIA_IS_DIRECTORY_PAGE (self));

  if (self->context == NULL)
    return;

  ensure_built (self);
  self->loaded = TRUE;
  g_clear_object (&self->directory);
  self->directory = lia_directory_load (lia_context_get_store (self->context), &error);

  if (self->directory == NULL)
    {
      if (!g_error_matches (error, LIA_ERROR, LIA_ERROR_NOT_FOUND))
        show_toast (self, error->message);
      show_detail (self, NULL);
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "directory");
  update_staleness (self);
  refresh_list (self);

  /* The same person in the new publication, if they are still in it */
  shown = g_strdup (self->shown_id);
  show_detail (self, shown != NULL ? lia_directory_find (self->directory, shown) : NULL);
}

static void
store_changed_cb (LiaDirectoryPage *self)
{
  if (self->loaded && gtk_widget_get_mapped (GTK_WIDGET (self)))
    lia_directory_page_refresh (self);
  else
    self->loaded = FALSE;
}

static void
lia_directory_page_map (GtkWidget *widget)
{
  LiaDirectoryPage *self = LIA_DIRECTORY_PAGE (widget);

  /* Before the children are mapped, so that they are with the page */
  ensure_built (self);

  GTK_WIDGET_CLASS (lia_directory_page_parent_class)->map (widget);

  if (!self->loaded)
    lia_directory_page_refresh (self);
  else
    update_staleness (self);
}

LiaContext *
lia_directory_page_get_context (LiaDirectoryPage *self)
{
  g_return_val_if_fail (LIA_IS_DIRECTORY_PAGE (self), NULL);

  return self->context;
}

static void
disconnect_context (LiaDirectoryPage *self)
{
  if (self->context == NULL)
    return;

  g_clear_signal_handler (&self->changed_handler, lia_context_get_store (self->context));
  g_clear_signal_handler (&self->sync_handler, lia_context_get_sync_engine (self->context));
}

void
lia_directory_page_set_context (LiaDirectoryPage *self,
                                LiaContext       *context)
{
  g_return_if_fail (LIA_IS_DIRECTORY_PAGE (self));
  g_return_if_fail (context == NULL || LIA_IS_CONTEXT (context));

  if (self->context == context)
    return;

  disconnect_context (self);
  g_set_object (&self->context, context);
  g_clear_object (&self->directory);
  self->loaded = FALSE;

  if (context != NULL)
    {
      self->changed_handler = g_signal_connect_swapped (lia_context_get_store (context), "changed",
                                                        G_CALLBACK (store_changed_cb), self);
      /* A sync runs on a connection of its own: its end may bring a new
       * directory */
      self->sync_handler = g_signal_connect_swapped (lia_context_get_sync_engine (context), "notify::last-sync",
                                                     G_CALLBACK (store_changed_cb), self);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        lia_directory_page_refresh (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
lia_directory_page_dispose (GObject *object)
{
  LiaDirectoryPage *self = (LiaDirectoryPage *)object;

  disconnect_context (self);
  g_clear_object (&self->context);
  g_clear_object (&self->directory);

  /* AdwBin unparents its child, the template's only one */
  G_OBJECT_CLASS (lia_directory_page_parent_class)->dispose (object);
}

static void
lia_directory_page_finalize (GObject *object)
{
  LiaDirectoryPage *self = (LiaDirectoryPage *)object;

  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->contact_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_directory_page_parent_class)->finalize (object);
}

static void
lia_directory_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  LiaDirectoryPage *self = LIA_DIRECTORY_PAGE (object);

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
lia_directory_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  LiaDirectoryPage *self = LIA_DIRECTORY_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lia_directory_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_directory_page_class_init (LiaDirectoryPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_directory_page_dispose;
  object_class->finalize = lia_directory_page_finalize;
  object_class->get_property = lia_directory_page_get_property;
  object_class->set_property = lia_directory_page_set_property;
  widget_class->map = lia_directory_page_map;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-directory-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, stale_box);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, stale_label);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, valid_label);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, detail_pane);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, entry_list);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, more_label);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, role_label);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, entry_stale_box);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, entry_stale_label);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, operation_row);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, location_row);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, hats_row);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, since_row);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, confirmed_row);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, LiaDirectoryPage, export_button);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, export_clicked_cb);
}

static void
lia_directory_page_init (LiaDirectoryPage *self)
{
  /* The template waits for the page to be shown: ensure_built() */

  self->contact_rows = g_ptr_array_new ();
}
