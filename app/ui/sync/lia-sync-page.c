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
  AdwActionRow   *pending_row;
  AdwActionRow   *error_row;
  GtkListBox     *conflicts_list;
};

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
  g_autofree char *pending = NULL;
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

  pending = g_strdup_printf ("%" G_GINT64_FORMAT, lia_sync_engine_get_pending (self->engine));
  adw_action_row_set_subtitle (self->pending_row, pending);

  last_error = lia_sync_engine_get_last_error (self->engine);
  gtk_widget_set_visible (GTK_WIDGET (self->error_row), last_error != NULL && *last_error != '\0');
  adw_action_row_set_subtitle (self->error_row, last_error != NULL ? last_error : "");
}

static void rebuild_conflicts (LiaSyncPage *self);

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
  g_signal_connect_object (button, "clicked", G_CALLBACK (resolve_clicked_cb), self, 0);

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
  GtkListBoxRow *old;

  while ((old = gtk_list_box_get_row_at_index (self->conflicts_list, 0)) != NULL)
    gtk_list_box_remove (self->conflicts_list, GTK_WIDGET (old));

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
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), conflict->local->record_type);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_resolve_button (self, conflict, _("Keep _Mine"),
                                                      _("Keep the version made on this device"),
                                                      LIA_CONFLICT_KEEP_MINE));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 make_resolve_button (self, conflict, _("Keep _Theirs"),
                                                      _("Keep the version that came from HQ"),
                                                      LIA_CONFLICT_KEEP_THEIRS));
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
  rebuild_conflicts (self);
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
  gboolean conflicts_changed = g_strcmp0 (g_param_spec_get_name (pspec), "conflicts") == 0;

  /* Another sync ended: ours can run now.  Not from inside the engine's
   * notification, which it sends while it still finishes the last one. */
  if (self->queued && self->queued_id == 0 &&
      lia_sync_engine_get_state (self->engine) != LIA_SYNC_STATE_SYNCING)
    self->queued_id = g_idle_add (run_queued_cb, self);

  if (conflicts_changed)
    rebuild_conflicts (self);

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
  rebuild_conflicts (self);
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
      rebuild_conflicts (self);
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
  g_clear_object (&self->engine);
  g_set_object (&self->context, context);

  if (context != NULL)
    {
      g_autofree char *hq_url = g_settings_get_string (lia_context_get_settings (context), "hq-url");

      self->engine = g_object_ref (lia_context_get_sync_engine (context));
      self->engine_handler = g_signal_connect_object (self->engine, "notify",
                                                      G_CALLBACK (engine_changed_cb), self,
                                                      G_CONNECT_SWAPPED);

      /* The address from the preferences, if one was given there */
      if (*gtk_editable_get_text (GTK_EDITABLE (self->hq_address_row)) == '\0')
        gtk_editable_set_text (GTK_EDITABLE (self->hq_address_row), hq_url);

      rebuild_conflicts (self);
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
  gtk_widget_class_bind_template_child (widget_class, LiaSyncPage, conflicts_list);
  gtk_widget_class_bind_template_callback (widget_class, form_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, enrol_clicked_cb);
}

static void
lia_sync_page_init (LiaSyncPage *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
