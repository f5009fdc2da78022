/* lia-sync-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-sync-page.h"

/* Either the form that enrols this device with HQ, or, once enrolled, where
 * sync stands, a way to sync at once, and the conflicts waiting for a
 * person.  Nothing here blocks the UI thread on the network: enrolment and
 * sync run in workers with connections of their own to the store. */
struct _LiaSyncPage
{
  AdwBin          parent_instance;

  LiaContext     *context;
  LiaSyncEngine  *engine;         /* the context's */
  GCancellable   *cancellable;
  gulong          engine_handler;
  gulong          progress_handler;
  GPtrArray      *pending_children;   /* rows in pending_row, one per record type */

  gboolean        enrolling;
  gboolean        busy;           /* a sync started here is running */
  gboolean        queued;         /* asked for while another sync ran */
  guint           queued_id;

  /* Template widgets */
  GtkStack       *mode_stack;
  AdwEntryRow    *hq_address_row;
  AdwEntryRow    *code_row;
  GtkSpinner     *enrol_spinner;
  GtkWidget      *enrol_button;
  GtkLabel       *enrol_error_label;
  GtkSpinner     *sync_spinner;
  AdwActionRow   *hq_row;
  AdwActionRow   *operation_row;
  AdwActionRow   *device_row;
  AdwActionRow   *last_sync_row;
  AdwExpanderRow *pending_row;
  AdwActionRow   *error_row;
  GtkProgressBar *progress_bar;
  GtkWidget      *refused_group;
  GtkListBox     *refused_list;
  GtkListBox     *conflicts_list;
  GtkListBox     *log_list;
};

/* How many sync attempts the page lists. */
#define LOG_ROWS 20

G_DEFINE_FINAL_TYPE (LiaSyncPage, lia_sync_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ---- words ----------------------------------------------------------------- */

/* Returns: (transfer full): how long ago @then was, in a few words */
static char *
format_ago (GDateTime *then,
            GDateTime *now)
{
  GTimeSpan span = g_date_time_difference (now, then);
  gint64 minutes = span / G_TIME_SPAN_MINUTE;
  gint64 hours = span / G_TIME_SPAN_HOUR;
  gint64 days = span / G_TIME_SPAN_DAY;

  if (minutes < 1)
    return g_strdup (_("just now"));
  if (hours < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min ago", "%d min ago", minutes), (int) minutes);
  if (days < 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h ago", "%d h ago", hours), (int) hours);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", days), (int) days);
}

/**
 * lia_sync_describe_status:
 * @now: (nullable): the time to measure “ago” from; the current time if %NULL
 *
 * Returns: (transfer full): the state of sync in a few words, for the header
 */
char *
lia_sync_describe_status (LiaSyncEngine *engine,
                          GDateTime     *now)
{
  g_autoptr(GDateTime) local_now = NULL;
  g_autofree char *ago = NULL;
  GDateTime *last_sync;
  gint64 pending;

  g_return_val_if_fail (LIA_IS_SYNC_ENGINE (engine), NULL);

  if (!lia_sync_engine_get_enrolled (engine))
    return g_strdup (_("Not enrolled with HQ"));

  if (lia_sync_engine_get_state (engine) == LIA_SYNC_STATE_SYNCING)
    return g_strdup (_("Syncing…"));

  pending = lia_sync_engine_get_pending (engine);

  switch (lia_sync_engine_get_state (engine))
    {
    case LIA_SYNC_STATE_OFFLINE:
      if (pending == 0)
        return g_strdup (_("Offline"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Offline — %d change waiting",
                                           "Offline — %d changes waiting", pending),
                              (int) pending);

    case LIA_SYNC_STATE_REFUSED:
      return g_strdup (_("HQ refused this device"));

    case LIA_SYNC_STATE_ERROR:
      if (pending == 0)
        return g_strdup (_("Sync failed"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Sync failed — %d change waiting",
                                           "Sync failed — %d changes waiting", pending),
                              (int) pending);

    case LIA_SYNC_STATE_IDLE:
    case LIA_SYNC_STATE_SYNCING:
    default:
      break;
    }

  /* A refused change was not sent, and will not be: say so. */
  if (pending == 0 && lia_sync_engine_get_refused (engine) > 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d change refused by HQ",
                                         "%d changes refused by HQ",
                                         lia_sync_engine_get_refused (engine)),
                            (int) lia_sync_engine_get_refused (engine));

  if (pending == 0)
    return g_strdup (_("Everything sent"));

  last_sync = lia_sync_engine_get_last_sync (engine);
  if (last_sync == NULL)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%d change waiting — never synced",
                                         "%d changes waiting — never synced", pending),
                            (int) pending);

  if (now == NULL)
    now = local_now = g_date_time_new_now_utc ();
  ago = format_ago (last_sync, now);

  /* Translators: the second %s is how long ago, such as “2 h ago” */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%d change waiting — last sync %s",
                                       "%d changes waiting — last sync %s", pending),
                          (int) pending, ago);
}

/* Returns: a record type in words, or the type itself for one this page
 * does not know */
static const char *
record_type_label (const char *record_type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "actor", N_("Actors") },
    { "relationship", N_("Relationships") },
    { "notification", N_("Notifications") },
    { "report", N_("Reports") },
    { "directory", N_("Directory") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (record_type, labels[i].type) == 0)
      return _(labels[i].label);

  return record_type;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (old));
}

/* ---- the form ---------------------------------------------------------------- */

static char *
get_row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
form_is_valid (LiaSyncPage *self)
{
  g_autofree char *url = get_row_text (self->hq_address_row);
  g_autofree char *code = get_row_text (self->code_row);

  return lia_sync_validate_hq_address (url, NULL) && lia_sync_engine_check_code (code, NULL);
}

static void
form_changed_cb (LiaSyncPage *self)
{
  gtk_widget_set_sensitive (self->enrol_button,
                            self->engine != NULL && !self->enrolling && form_is_valid (self));
}

static void
show_enrol_error (LiaSyncPage *self,
                  const char  *message)
{
  gtk_label_set_label (self->enrol_error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->enrol_error_label), message != NULL);
}

/* ---- what is shown ------------------------------------------------------------ */

static void
set_subtitle (AdwActionRow *row,
              const char   *text)
{
  adw_action_row_set_subtitle (row, text != NULL && *text != '\0' ? text : _("Unknown"));
}

static void
update_spinner (LiaSyncPage *self)
{
  gboolean syncing = self->busy || self->queued ||
                     (self->engine != NULL &&
                      lia_sync_engine_get_state (self->engine) == LIA_SYNC_STATE_SYNCING);

  gtk_widget_set_visible (GTK_WIDGET (self->sync_spinner), syncing);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);

  gtk_widget_set_visible (GTK_WIDGET (self->enrol_spinner), self->enrolling);
  gtk_spinner_set_spinning (self->enrol_spinner, self->enrolling);
}

static void
update_status (LiaSyncPage *self)
{
  g_autoptr(LiaSyncEnrolment) enrolment = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  GDateTime *last_sync;
  const char *last_error;
  gboolean enrolled;

  if (self->engine == NULL)
    return;

  enrolled = lia_sync_engine_get_enrolled (self->engine);
  gtk_stack_set_visible_child_name (self->mode_stack, enrolled ? "enrolled" : "enrol");

  update_spinner (self);

  if (!enrolled)
    return;

  enrolment = lia_sync_engine_dup_enrolment (self->engine);
  if (enrolment != NULL)
    {
      set_subtitle (self->hq_row, enrolment->hq_url);
      set_subtitle (self->operation_row, enrolment->operation);
      set_subtitle (self->device_row, enrolment->device_name);
    }

  last_sync = lia_sync_engine_get_last_sync (self->engine);
  if (last_sync != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (last_sync);
      g_autofree char *when = g_date_time_format (local, "%x %X");
      g_autofree char *ago = format_ago (last_sync, now);
      /* Translators: a date and time, then how long ago, as in “5/3/25 10:00 (2 h ago)” */
      g_autofree char *text = g_strdup_printf (_("%s (%s)"), when, ago);

      adw_action_row_set_subtitle (self->last_sync_row, text);
    }
  else
    adw_action_row_set_subtitle (self->last_sync_row, _("Never"));

  last_error = lia_sync_engine_get_last_error (self->engine);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), last_error != NULL && *last_error != '\0');
  adw_action_row_set_subtitle (self->error_row, last_error != NULL ? last_error : "");
}

static void rebuild_conflicts (LiaSyncPage *self);

/* What waits, per record type, and its size. */
static void
rebuild_pending (LiaSyncPage *self)
{
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *size = NULL;
  g_autofree char *subtitle = NULL;
  gint64 changes = 0;
  gint64 bytes = 0;

  for (guint i = 0; i < self->pending_children->len; i++)
    adw_expander_row_remove (self->pending_row, g_ptr_array_index (self->pending_children, i));
  g_ptr_array_set_size (self->pending_children, 0);

  if (self->context == NULL ||
      !(counts = lia_store_list_pending (lia_context_get_store (self->context), NULL)))
    return;

  for (guint i = 0; i < counts->len; i++)
    {
      const LiaPendingCount *count = g_ptr_array_index (counts, i);
      g_autofree char *count_size = g_format_size (count->bytes);
      /* Translators: a number of changes and their size, as in “3 changes, 2.1 kB” */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d change, %s", "%d changes, %s",
                                                            count->changes),
                                               (int) count->changes, count_size);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record_type_label (count->record_type));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      gtk_widget_add_css_class (row, "property");
      adw_expander_row_add_row (self->pending_row, row);
      g_ptr_array_add (self->pending_children, row);

      changes += count->changes;
      bytes += count->bytes;
    }

  size = g_format_size (bytes);
  if (changes == 0)
    subtitle = g_strdup (_("Nothing waiting"));
  else
    /* Translators: a number of changes and their size, as in “3 changes (2.1 kB)” */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d change (%s)", "%d changes (%s)", changes),
                                (int) changes, size);
  adw_expander_row_set_subtitle (self->pending_row, subtitle);
  adw_expander_row_set_enable_expansion (self->pending_row, changes > 0);
}

static void
rebuild_refused (LiaSyncPage *self)
{
  g_autoptr(GPtrArray) refused = NULL;

  clear_list (self->refused_list);

  if (self->context == NULL ||
      !(refused = lia_store_list_refused (lia_context_get_store (self->context), NULL)))
    return;

  gtk_widget_set_visible (self->refused_group, refused->len > 0);

  for (guint i = 0; i < refused->len; i++)
    {
      const LiaRefusedChange *one = g_ptr_array_index (refused, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Refused"), -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record_type_label (one->record_type));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), one->message);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_append (self->refused_list, row);
    }
}

static const char *
outcome_label (const LiaSyncLogEntry *entry,
               gboolean               running)
{
  if (g_str_equal (entry->outcome, "ok"))
    return _("Completed");
  if (g_str_equal (entry->outcome, "offline"))
    return _("HQ not reachable");
  if (g_str_equal (entry->outcome, "refused"))
    return _("Refused by HQ");
  if (g_str_equal (entry->outcome, "cancelled"))
    return _("Stopped");
  if (g_str_equal (entry->outcome, "running"))
    return running ? _("Running") : _("Interrupted");

  return _("Failed");
}

static char *format_change_time (const char *iso);

/* The last attempts, newest first: when, how it ended, what it moved. */
static void
rebuild_log (LiaSyncPage *self)
{
  g_autoptr(GPtrArray) entries = NULL;
  gboolean syncing;

  clear_list (self->log_list);

  if (self->context == NULL ||
      !(entries = lia_store_list_sync_log (lia_context_get_store (self->context), LOG_ROWS, NULL)))
    return;

  syncing = self->engine != NULL && lia_sync_engine_get_state (self->engine) == LIA_SYNC_STATE_SYNCING;

  for (guint i = 0; i < entries->len; i++)
    {
      const LiaSyncLogEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *when = format_change_time (entry->started_at);
      g_autofree char *sent = g_format_size (entry->bytes_sent);
      g_autofree char *received = g_format_size (entry->bytes_received);
      /* Translators: when a sync started, then how it ended, as in “5/3/25 10:00 — Completed” */
      g_autofree char *title = g_strdup_printf (_("%s — %s"), when, outcome_label (entry, syncing && i == 0));
      g_autoptr(GString) subtitle = g_string_new (NULL);
      GtkWidget *row = adw_action_row_new ();

      /* Translators: numbers of changes sent and received, then sizes sent and received */
      g_string_printf (subtitle, _("Sent %d, received %d · %s up, %s down"),
                       (int) entry->pushed, (int) entry->pulled, sent, received);
      if (entry->refused > 0)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d refused", "%d refused", entry->refused),
                                  (int) entry->refused);
        }
      if (entry->conflicts > 0)
        {
          g_string_append (subtitle, " · ");
          g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%d conflict", "%d conflicts", entry->conflicts),
                                  (int) entry->conflicts);
        }
      if (entry->error != NULL)
        {
          g_string_append_c (subtitle, '\n');
          g_string_append (subtitle, entry->error);
        }

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->log_list, row);
    }
}

/* Where a running sync has got to, from the engine's progress signal,
 * which it sends on this thread. */
static void
progress_cb (LiaSyncPage *self)
{
  LiaSyncProgress progress;
  g_autofree char *text = NULL;

  lia_sync_engine_get_progress (self->engine, &progress);

  switch (progress.phase)
    {
    case LIA_SYNC_PHASE_PUSH:
      if (progress.total == 0)
        {
          text = g_strdup (_("Asking HQ for news…"));
          gtk_progress_bar_pulse (self->progress_bar);
          break;
        }
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sending: %u of %u change", "Sending: %u of %u changes",
                                           progress.total),
                              (guint) MIN (progress.done, progress.total), (guint) progress.total);
      gtk_progress_bar_set_fraction (self->progress_bar,
                                     progress.total > 0 ? MIN (1.0, (double) progress.done / progress.total) : 1.0);
      break;

    case LIA_SYNC_PHASE_PULL:
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Receiving: %u page", "Receiving: %u pages",
                                           progress.done),
                              (guint) progress.done);
      gtk_progress_bar_pulse (self->progress_bar);
      break;

    case LIA_SYNC_PHASE_NONE:
    default:
      break;
    }

  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), progress.phase != LIA_SYNC_PHASE_NONE);
}

/* Everything read from the store, again. */
static void
rebuild_all (LiaSyncPage *self)
{
  rebuild_pending (self);
  rebuild_refused (self);
  rebuild_conflicts (self);
  rebuild_log (self);
}

static void
resolve_clicked_cb (GtkButton   *button,
                    LiaSyncPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "conflict-id");
  LiaConflictChoice choice = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "choice"));
  g_autoptr(GError) error = NULL;

  if (self->context == NULL)
    return;

  if (!lia_store_resolve_conflict (lia_context_get_store (self->context), id, choice, &error))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
      adw_action_row_set_subtitle (self->error_row, error->message);
    }

  lia_sync_engine_refresh (self->engine);
  rebuild_conflicts (self);
  update_status (self);
}

/* ---- merge fields ------------------------------------------------------------ */

typedef struct
{
  LiaSyncPage *self;
  gint64       id;
  GPtrArray   *theirs_toggles;   /* one per differing field, "field" set on each */
} MergeData;

static void
merge_data_free (gpointer  data,
                 GClosure *closure)
{
  MergeData *merge = data;

  g_object_unref (merge->self);
  g_ptr_array_unref (merge->theirs_toggles);
  g_free (merge);
}

static const LiaConflict *
find_conflict (GPtrArray *conflicts,
               gint64     id)
{
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    {
      const LiaConflict *conflict = g_ptr_array_index (conflicts, i);

      if (conflict->id == id)
        return conflict;
    }

  return NULL;
}

static void
show_page_error (LiaSyncPage *self,
                 const char  *message)
{
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), TRUE);
  adw_action_row_set_subtitle (self->error_row, message);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MergeData        *merge)
{
  LiaSyncPage *self = merge->self;
  g_autoptr(GHashTable) choices = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) merged = NULL;
  g_autoptr(GError) error = NULL;
  const LiaConflict *conflict;
  LiaStore *store;

  if (!g_str_equal (response, "merge") || self->context == NULL)
    return;

  for (guint i = 0; i < merge->theirs_toggles->len; i++)
    {
      GtkToggleButton *theirs = g_ptr_array_index (merge->theirs_toggles, i);

      g_hash_table_insert (choices, g_object_get_data (G_OBJECT (theirs), "field"),
                           GINT_TO_POINTER (gtk_toggle_button_get_active (theirs) ? LIA_CONFLICT_KEEP_THEIRS
                                                                                  : LIA_CONFLICT_KEEP_MINE));
    }

  store = lia_context_get_store (self->context);
  conflicts = lia_store_list_conflicts (store, &error);
  if (!(conflict = find_conflict (conflicts, merge->id)))
    show_page_error (self, error != NULL ? error->message : _("This conflict was already resolved, or it does not exist."));
  else if (!(merged = lia_conflict_merge_bodies (conflict, choices, &error)) ||
           !lia_store_resolve_conflict_merged (store, merge->id, merged, &error))
    show_page_error (self, error->message);

  lia_sync_engine_refresh (self->engine);
  rebuild_conflicts (self);
  update_status (self);
}

/* A field's value in a few words, for the person to recognise it. */
static char *
describe_value (JsonObject *body,
                const char *field)
{
  JsonNode *node = body != NULL ? json_object_get_member (body, field) : NULL;
  g_autofree char *text = NULL;

  if (node == NULL)
    return g_strdup (_("(none)"));

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = g_strdup (json_node_get_string (node));
  else
    text = json_to_string (node, FALSE);

  if (g_utf8_strlen (text, -1) > 60)
    {
      g_autofree char *start = g_utf8_substring (text, 0, 59);

      return g_strconcat (start, "…", NULL);
    }

  return g_steal_pointer (&text);
}

static JsonObject *
body_of (const LiaSyncChange *side)
{
  g_autoptr(JsonNode) node = side->body != NULL ? json_from_string (side->body, NULL) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_ref (json_node_get_object (node)) : NULL;
}

static GtkWidget *
make_choice_toggle (const char *label,
                    const char *accessible)
{
  GtkWidget *toggle = gtk_toggle_button_new_with_label (label);

  gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return toggle;
}

static void
merge_clicked_cb (GtkButton   *button,
                  LiaSyncPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "conflict-id");
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) mine = NULL;
  g_autoptr(JsonObject) theirs = NULL;
  g_auto(GStrv) fields = NULL;
  const LiaConflict *conflict;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  MergeData *merge;

  if (self->context == NULL)
    return;

  conflicts = lia_store_list_conflicts (lia_context_get_store (self->context), NULL);
  if (!(conflict = find_conflict (conflicts, id)))
    return;

  fields = lia_conflict_dup_differing_fields (conflict);
  mine = body_of (conflict->local);
  theirs = body_of (conflict->remote);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                       _("Merge the Two Versions"),
                                                       _("For each field that differs, choose the version to keep. "
                                                         "The result becomes the record everywhere at the next sync.")));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Fields that differ"), -1);

  merge = g_new0 (MergeData, 1);
  merge->self = g_object_ref (self);
  merge->id = id;
  merge->theirs_toggles = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *mine_value = describe_value (mine, fields[i]);
      g_autofree char *theirs_value = describe_value (theirs, fields[i]);
      /* Translators: a field's value in each version, one per line */
      g_autofree char *subtitle = g_strdup_printf (_("Mine: %s\nTheirs: %s"), mine_value, theirs_value);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      /* Translators: %s is the name of a field of a record */
      g_autofree char *keep_mine = g_strdup_printf (_("Keep mine for %s"), fields[i]);
      /* Translators: %s is the name of a field of a record */
      g_autofree char *keep_theirs = g_strdup_printf (_("Keep theirs for %s"), fields[i]);
      GtkWidget *mine_toggle = make_choice_toggle (_("Mine"), keep_mine);
      GtkWidget *theirs_toggle = make_choice_toggle (_("Theirs"), keep_theirs);

      gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (theirs_toggle), GTK_TOGGLE_BUTTON (mine_toggle));
      /* What the record holds meanwhile is the starting point. */
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (conflict->local_won ? mine_toggle : theirs_toggle), TRUE);
      g_object_set_data_full (G_OBJECT (theirs_toggle), "field", g_strdup (fields[i]), g_free);
      g_ptr_array_add (merge->theirs_toggles, g_object_ref (theirs_toggle));

      gtk_widget_add_css_class (box, "linked");
      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), mine_toggle);
      gtk_box_append (GTK_BOX (box), theirs_toggle);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), fields[i]);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "merge", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "merge");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response_cb), merge, merge_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_resolve_button (LiaSyncPage       *self,
                     const LiaConflict *conflict,
                     const char        *label,
                     const char        *description,
                     LiaConflictChoice  choice)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, description);
  g_object_set_data_full (G_OBJECT (button), "conflict-id",
                          g_memdup2 (&conflict->id, sizeof conflict->id), g_free);
  g_object_set_data (G_OBJECT (button), "choice", GINT_TO_POINTER (choice));
  g_signal_connect_object (button, "clicked",
                           choice == (LiaConflictChoice) -1 ? G_CALLBACK (merge_clicked_cb) : G_CALLBACK (resolve_clicked_cb),
                           self, 0);

  return button;
}

static char *
format_change_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("unknown time"));

  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x %X");
}

static void
rebuild_conflicts (LiaSyncPage *self)
{
  g_autoptr(GPtrArray) conflicts = NULL;

  clear_list (self->conflicts_list);

  if (self->context == NULL ||
      !(conflicts = lia_store_list_conflicts (lia_context_get_store (self->context), NULL)))
    return;

  for (guint i = 0; i < conflicts->len; i++)
    {
      const LiaConflict *conflict = g_ptr_array_index (conflicts, i);
      g_autofree char *mine = format_change_time (conflict->local->changed_at);
      g_autofree char *theirs = format_change_time (conflict->remote->changed_at);
      /* Translators: when each of two versions of a record was made */
      g_autofree char *subtitle = g_strdup_printf (_("Changed here %s, elsewhere %s"), mine, theirs);
      g_auto(GStrv) fields = lia_conflict_dup_differing_fields (conflict);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record_type_label (conflict->local->record_type));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_resolve_button (self, conflict, _("Keep _Mine"),
                                                      _("Keep the version made on this device"),
                                                      LIA_CONFLICT_KEEP_MINE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_resolve_button (self, conflict, _("Keep _Theirs"),
                                                      _("Keep the version that came from HQ"),
                                                      LIA_CONFLICT_KEEP_THEIRS));
      /* Field by field, when both versions have fields to choose from. */
      if (fields[0] != NULL)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   make_resolve_button (self, conflict, _("M_erge…"),
                                                        _("Choose, field by field, which version to keep"),
                                                        (LiaConflictChoice) -1));
      gtk_list_box_append (self->conflicts_list, row);
    }
}

/* ---- sync ------------------------------------------------------------------- */

static void start_sync (LiaSyncPage *self);

static void
set_busy (LiaSyncPage *self,
          gboolean     busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sync_done_cb (GObject      *source_object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LiaSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;

  lia_sync_engine_sync_finish (LIA_SYNC_ENGINE (source_object), result, NULL, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      /* The scheduler got there first: go again when it is done */
      self->queued = TRUE;
    }

  set_busy (self, FALSE);
  rebuild_all (self);
  update_status (self);
}

static void
start_sync (LiaSyncPage *self)
{
  self->queued = FALSE;
  set_busy (self, TRUE);
  lia_sync_engine_sync_async (self->engine, NULL, self->cancellable, sync_done_cb, g_object_ref (self));
  update_status (self);
}

static gboolean
run_queued_cb (gpointer user_data)
{
  LiaSyncPage *self = user_data;

  self->queued_id = 0;

  if (self->engine != NULL && self->queued && !self->busy &&
      lia_sync_engine_get_state (self->engine) != LIA_SYNC_STATE_SYNCING)
    start_sync (self);

  return G_SOURCE_REMOVE;
}

static void
engine_changed_cb (LiaSyncPage *self,
                   GParamSpec  *pspec)
{
  const char *name = g_param_spec_get_name (pspec);

  /* Another sync ended: ours can run now.  Not from inside the engine's
   * notification, which it sends while it still finishes the last one. */
  if (self->queued && self->queued_id == 0 &&
      lia_sync_engine_get_state (self->engine) != LIA_SYNC_STATE_SYNCING)
    self->queued_id = g_idle_add (run_queued_cb, self);

  if (g_str_equal (name, "conflicts"))
    rebuild_conflicts (self);
  else if (g_str_equal (name, "pending"))
    rebuild_pending (self);
  else if (g_str_equal (name, "refused"))
    rebuild_refused (self);
  else if (g_str_equal (name, "state"))
    rebuild_log (self);

  update_status (self);
}

/**
 * lia_sync_page_sync_now:
 *
 * Syncs at once; if a sync is running already, as soon as it ends.
 */
void
lia_sync_page_sync_now (LiaSyncPage *self)
{
  g_return_if_fail (LIA_IS_SYNC_PAGE (self));

  if (self->engine == NULL || !lia_sync_engine_get_enrolled (self->engine) || self->busy)
    return;

  if (lia_sync_engine_get_state (self->engine) == LIA_SYNC_STATE_SYNCING)
    {
      self->queued = TRUE;
      update_status (self);
      return;
    }

  start_sync (self);
}

gboolean
lia_sync_page_get_busy (LiaSyncPage *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_PAGE (self), FALSE);

  return self->busy || self->queued;
}

/* Reads again what the store holds, which records saved elsewhere change */
void
lia_sync_page_refresh (LiaSyncPage *self)
{
  g_return_if_fail (LIA_IS_SYNC_PAGE (self));

  if (self->engine == NULL)
    return;

  lia_sync_engine_refresh (self->engine);
  rebuild_all (self);
  update_status (self);
}

/* ---- enrolment ----------------------------------------------------------------- */

typedef struct
{
  char     *path;
  LiaClock *clock;
  char     *url;
  char     *code;
} EnrolData;

static void
enrol_data_free (EnrolData *data)
{
  g_free (data->path);
  g_clear_object (&data->clock);
  g_free (data->url);
  g_free (data->code);
  g_free (data);
}

/* SQLite connections belong to one thread: the worker opens its own, and
 * an engine on it, which writes the enrolment to the same store. */
static void
enrol_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  EnrolData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(LiaSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  if (!(store = lia_store_open (data->path, data->clock, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  engine = lia_sync_engine_new (store);
  if (!lia_sync_engine_enrol (engine, data->url, data->code, NULL, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
enrol_done_cb (GObject      *source_object,
               GAsyncResult *result,
               gpointer      user_data)
{
  LiaSyncPage *self = LIA_SYNC_PAGE (source_object);
  g_autoptr(GError) error = NULL;

  self->enrolling = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->hq_address_row), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), TRUE);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_enrol_error (self, error->message);
    }
  else
    {
      show_enrol_error (self, NULL);
      gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
    }

  form_changed_cb (self);

  if (self->engine != NULL)
    {
      /* Reads the enrolment the worker wrote */
      lia_sync_engine_refresh (self->engine);
      rebuild_all (self);
      update_status (self);
    }
}

static void
enrol_clicked_cb (LiaSyncPage *self)
{
  g_autoptr(GTask) task = NULL;
  EnrolData *data;

  if (self->engine == NULL || self->enrolling || !form_is_valid (self))
    return;

  self->enrolling = TRUE;
  show_enrol_error (self, NULL);
  gtk_widget_set_sensitive (self->enrol_button, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->hq_address_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->code_row), FALSE);
  update_spinner (self);

  data = g_new0 (EnrolData, 1);
  data->path = g_strdup (lia_store_get_path (lia_context_get_store (self->context)));
  data->clock = g_object_ref (lia_context_get_clock (self->context));
  data->url = get_row_text (self->hq_address_row);
  data->code = get_row_text (self->code_row);

  task = g_task_new (self, self->cancellable, enrol_done_cb, NULL);
  g_task_set_source_tag (task, enrol_clicked_cb);
  g_task_set_task_data (task, data, (GDestroyNotify) enrol_data_free);
  g_task_run_in_thread (task, enrol_thread);
}

/* ---- the object ------------------------------------------------------------------ */

LiaContext *
lia_sync_page_get_context (LiaSyncPage *self)
{
  g_return_val_if_fail (LIA_IS_SYNC_PAGE (self), NULL);

  return self->context;
}

void
lia_sync_page_set_context (LiaSyncPage *self,
                           LiaContext  *context)
{
  g_return_if_fail (LIA_IS_SYNC_PAGE (self));
  g_return_if_fail (context == NULL || LIA_IS_CONTEXT (context));

  if (self->context == context)
    return;

  g_clear_signal_handler (&self->engine_handler, self->engine);
  g_clear_signal_handler (&self->progress_handler, self->engine);
  g_clear_object (&self->engine);
  g_set_object (&self->context, context);

  if (context != NULL)
    {
      g_autofree char *hq_url = g_settings_get_string (lia_context_get_settings (context), "hq-url");

      self->engine = g_object_ref (lia_context_get_sync_engine (context));
      self->engine_handler = g_signal_connect_object (self->engine, "notify",
                                                      G_CALLBACK (engine_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
      self->progress_handler = g_signal_connect_object (self->engine, "progress",
                                                        G_CALLBACK (progress_cb), self,
                                                        G_CONNECT_SWAPPED);

      /* The address from the preferences, if one was given there */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->hq_address_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->hq_address_row), hq_url);

      rebuild_all (self);
      update_status (self);
    }

  form_changed_cb (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static void
lia_sync_page_dispose (GObject *object)
{
  LiaSyncPage *self = (LiaSyncPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->queued_id, g_source_remove);
  g_clear_signal_handler (&self->engine_handler, self->engine);
  g_clear_signal_handler (&self->progress_handler, self->engine);
  g_clear_object (&self->engine);

  /* AdwBin unparents its child, the template's only one */
  G_OBJECT_CLASS (lia_sync_page_parent_class)->dispose (object);
}

static void
lia_sync_page_finalize (GObject *object)
{
  LiaSyncPage *self = (LiaSyncPage *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_pointer (&self->pending_children, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_sync_page_parent_class)->finalize (object);
}

static void
lia_sync_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LiaSyncPage *self = LIA_SYNC_PAGE (object);

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
lia_sync_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LiaSyncPage *self = LIA_SYNC_PAGE (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      lia_sync_page_set_context (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_sync_page_class_init (LiaSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_sync_page_dispose;
  object_class->finalize = lia_sync_page_finalize;
  object_class->get_property = lia_sync_page_get_property;
  object_class->set_property = lia_sync_page_set_property;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL, LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, hq_address_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, enrol_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, enrol_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, hq_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, operation_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, device_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, last_sync_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, pending_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, error_row);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, refused_group);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, refused_list);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, conflicts_list);
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, log_list);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, enrol_clicked_cb);
}

static void
lia_sync_page_init (LiaSyncPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->pending_children = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
