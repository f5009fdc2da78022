/* lia-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "liaison-core.h"

#include "lia-application.h"
#include "lia-preferences-window.h"
#include "lia-unlock.h"
#include "lia-window.h"

/* The schema id does not change with the development profile's app id. */
#define SETTINGS_SCHEMA_ID "org.cmcoord.Liaison"

struct _LiaApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;  /* --data-dir, or NULL */
  char           *resolved_data_dir;
  GSettings      *settings;  /* NULL until the first window */
  LiaContext     *context;   /* NULL while locked */
  LiaSyncScheduler *scheduler;  /* NULL until the first window showed */
  guint           scheduler_id;

  /* Idle lock: the time of the last key, click, scroll or pointer move
   * in any window, and the timeout that checks it */
  gint64          last_input;
  guint           idle_lock_id;

  /* Retention: expired records are removed a while after the unlock, then
   * daily, in a worker */
  guint           purge_id;
  GCancellable   *purge_cancellable;
};

/* Not at the unlock itself: the pages and the first sync come first */
#define PURGE_FIRST_DELAY_S  (5 * 60)
#define PURGE_INTERVAL_S     (24 * 60 * 60)

G_DEFINE_FINAL_TYPE (LiaApplication, lia_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const GOptionEntry option_entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep Liaison’s data in DIR instead of the usual folder"), N_("DIR") },
  { NULL }
};

static GSettings *
open_settings (GError **error)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* g_settings_new() would abort on a broken installation */
  if (schemas == NULL ||
      !(schema = g_settings_schema_source_lookup (schemas, SETTINGS_SCHEMA_ID, TRUE)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The settings of Liaison are missing from this computer. Install Liaison again."));
      return NULL;
    }

  return g_settings_new_full (schema, NULL, NULL);
}

/* Without its settings Liaison has nothing to show: say why, then
 * end when the dialog, the application's only window, is dismissed. */
static GtkWindow *
startup_error_dialog_new (LiaApplication *self,
                        const GError   *error)
{
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (NULL, _("Liaison Cannot Start"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));

  return GTK_WINDOW (dialog);
}

/* After the first window is up, so that neither the network monitor nor
 * the first sync, which runs in a worker, hold up the start */
static gboolean
start_scheduler_cb (gpointer user_data)
{
  LiaApplication *self = user_data;

  self->scheduler_id = 0;

  if (self->context == NULL || self->scheduler != NULL)
    return G_SOURCE_REMOVE;

  self->scheduler = lia_sync_scheduler_new (lia_context_get_sync_engine (self->context),
                                            lia_context_get_clock (self->context),
                                            g_network_monitor_get_default ());
  lia_sync_scheduler_start (self->scheduler);

  return G_SOURCE_REMOVE;
}

static void
purge_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(LiaRetentionReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = lia_retention_purge_finish (LIA_STORE (object), result, &error);
  /* The message names the step that failed, never a record */
  if (report == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not remove the expired records: %s", error->message);
}

static gboolean
purge_cb (gpointer user_data)
{
  LiaApplication *self = user_data;

  if (self->context == NULL)
    {
      self->purge_id = 0;
      return G_SOURCE_REMOVE;
    }

  lia_retention_purge_async (lia_context_get_store (self->context), FALSE,
                             self->purge_cancellable, purge_done_cb, NULL);

  /* From now on once a day */
  g_source_remove (self->purge_id);
  self->purge_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, PURGE_INTERVAL_S,
                                               purge_cb, self, NULL);
  return G_SOURCE_CONTINUE;
}

static void
start_purges (LiaApplication *self)
{
  g_clear_handle_id (&self->purge_id, g_source_remove);
  g_clear_object (&self->purge_cancellable);
  self->purge_cancellable = g_cancellable_new ();
  self->purge_id = g_timeout_add_seconds_full (G_PRIORITY_LOW, PURGE_FIRST_DELAY_S,
                                               purge_cb, self, NULL);
}

static void
stop_purges (LiaApplication *self)
{
  g_clear_handle_id (&self->purge_id, g_source_remove);
  if (self->purge_cancellable != NULL)
    g_cancellable_cancel (self->purge_cancellable);
  g_clear_object (&self->purge_cancellable);
}

static void
stop_scheduler (LiaApplication *self)
{
  g_clear_handle_id (&self->scheduler_id, g_source_remove);
  if (self->scheduler != NULL)
    lia_sync_scheduler_stop (self->scheduler);
  g_clear_object (&self->scheduler);
}

static void
update_actions (LiaApplication *self)
{
  gboolean unlocked = self->context != NULL;
  /* Nothing to destroy in a folder that holds no data yet (or before the
   * folder is known) */
  gboolean has_data = unlocked ||
                      (self->resolved_data_dir != NULL &&
                       lia_store_dir_get_state (self->resolved_data_dir) != LIA_STORE_DIR_EMPTY);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "lock")),
                               unlocked);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "preferences")),
                               unlocked);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "panic-wipe")),
                               has_data);
}

static gboolean idle_lock_cb (gpointer user_data);

/* Checks again when the idle time since the last input is up */
static void
schedule_idle_lock (LiaApplication *self)
{
  gint64 idle_us;
  gint64 left_us;
  int seconds;

  g_clear_handle_id (&self->idle_lock_id, g_source_remove);

  if (self->context == NULL || self->settings == NULL)
    return;

  seconds = g_settings_get_int (self->settings, "lock-idle-seconds");
  if (seconds <= 0)
    return;

  idle_us = g_get_monotonic_time () - self->last_input;
  left_us = MAX (0, seconds * G_USEC_PER_SEC - idle_us);
  self->idle_lock_id = g_timeout_add_full (G_PRIORITY_DEFAULT, left_us / 1000 + 1,
                                           idle_lock_cb, self, NULL);
}

static gboolean
idle_lock_cb (gpointer user_data)
{
  LiaApplication *self = user_data;
  int seconds = g_settings_get_int (self->settings, "lock-idle-seconds");

  self->idle_lock_id = 0;

  if (seconds > 0 &&
      g_get_monotonic_time () - self->last_input >= seconds * G_USEC_PER_SEC)
    lia_application_lock (self);
  else
    schedule_idle_lock (self);

  return G_SOURCE_REMOVE;
}

/* Only what a person does counts: a window mapped under a still pointer,
 * or a focus change, does not keep the data open. */
static gboolean
input_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                LiaApplication           *self)
{
  switch ((int) gdk_event_get_event_type (event))
    {
    case GDK_MOTION_NOTIFY:
    case GDK_BUTTON_PRESS:
    case GDK_BUTTON_RELEASE:
    case GDK_KEY_PRESS:
    case GDK_KEY_RELEASE:
    case GDK_SCROLL:
    case GDK_TOUCH_BEGIN:
    case GDK_TOUCH_UPDATE:
    case GDK_TOUCH_END:
    case GDK_TOUCHPAD_SWIPE:
    case GDK_TOUCHPAD_PINCH:
    case GDK_PAD_BUTTON_PRESS:
    case GDK_PAD_RING:
    case GDK_PAD_STRIP:
      self->last_input = g_get_monotonic_time ();
      break;

    default:
      break;
    }

  return GDK_EVENT_PROPAGATE;
}

#define INPUT_WATCH_KEY "lia-idle-input-watch"

static void
toplevels_changed_cb (LiaApplication *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      GtkEventController *controller;

      if (g_object_get_data (G_OBJECT (window), INPUT_WATCH_KEY) != NULL)
        continue;

      /* In the capture phase, before any widget may stop the event */
      controller = gtk_event_controller_legacy_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_object (controller, "event", G_CALLBACK (input_event_cb), self, 0);
      gtk_widget_add_controller (GTK_WIDGET (window), controller);
      g_object_set_data (G_OBJECT (window), INPUT_WATCH_KEY, controller);
    }
}

static void
idle_setting_changed_cb (LiaApplication *self)
{
  schedule_idle_lock (self);
}

static void
lia_application_activate (GApplication *app)
{
  LiaApplication *self = LIA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      if (self->settings == NULL &&
          (self->settings = open_settings (&error)) != NULL)
        g_signal_connect_object (self->settings, "changed::lock-idle-seconds",
                                 G_CALLBACK (idle_setting_changed_cb), self,
                                 G_CONNECT_SWAPPED);

      /* Locked until the passphrase is given, unless already unlocked */
      if (self->settings != NULL)
        window = GTK_WINDOW (lia_window_new (self, NULL));
      else
        window = startup_error_dialog_new (self, error);
    }

  update_actions (self);
  gtk_window_present (window);
}

static int
lia_application_handle_local_options (GApplication *app,
                                      GVariantDict *options)
{
  LiaApplication *self = LIA_APPLICATION (app);
  const char *data_dir;

  if (g_variant_dict_lookup (options, "data-dir", "^&ay", &data_dir))
    {
      g_free (self->data_dir);
      self->data_dir = g_strdup (data_dir);
    }

  /* Go on with the default processing */
  return -1;
}

static void
lia_application_startup (GApplication *app)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.preferences", { "<Primary>comma", NULL } },
    { "app.lock", { "<Primary>l", NULL } },
    { "app.quit", { "<Primary>q", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (lia_application_parent_class)->startup (app);

  /* Every window, dialogs included, tells the idle lock of input */
  g_signal_connect_object (gtk_window_get_toplevels (), "items-changed",
                           G_CALLBACK (toplevels_changed_cb), app,
                           G_CONNECT_SWAPPED);
  toplevels_changed_cb (LIA_APPLICATION (app));

  g_set_application_name (_("Liaison"));
  gtk_window_set_default_icon_name (APP_ID);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (app),
                                           accels[i].action,
                                           accels[i].accels);
}

static void
lia_application_shutdown (GApplication *app)
{
  LiaApplication *self = LIA_APPLICATION (app);

  /* Cancels a sync in flight; what it did so far stays done */
  stop_scheduler (self);
  stop_purges (self);
  g_clear_handle_id (&self->idle_lock_id, g_source_remove);

  G_APPLICATION_CLASS (lia_application_parent_class)->shutdown (app);
}

static void
lia_application_finalize (GObject *object)
{
  LiaApplication *self = (LiaApplication *)object;

  stop_scheduler (self);
  g_clear_handle_id (&self->idle_lock_id, g_source_remove);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_pointer (&self->resolved_data_dir, g_free);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lia_application_parent_class)->finalize (object);
}

static void
lia_application_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  LiaApplication *self = LIA_APPLICATION (object);

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
lia_application_class_init (LiaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lia_application_finalize;
  object_class->get_property = lia_application_get_property;

  app_class->activate = lia_application_activate;
  app_class->handle_local_options = lia_application_handle_local_options;
  app_class->startup = lia_application_startup;
  app_class->shutdown = lia_application_shutdown;

  /**
   * LiaApplication:context:
   *
   * The store, settings and sync engine while unlocked; %NULL while
   * locked.
   */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  LiaApplication *self = user_data;
  LiaPreferencesWindow *preferences;

  /* No store, no window to configure: the error dialog is up */
  if (self->context == NULL)
    return;

  preferences = lia_preferences_window_new (self->context);
  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  LiaApplication *self = user_data;
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Liaison"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Liaison contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line, to be credited in the About window */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  LiaApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Close rather than quit, so that each window saves its state; the
   * application ends with its last window. */
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
}

static gboolean
panic_wipe_cb (gpointer user_data)
{
  LiaApplication *self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL;
  gint64 elapsed_us = 0;

  if (lia_application_wipe (self, &elapsed_us, &error))
    /* Translators: %.0f is a number of milliseconds */
    notice = g_strdup_printf (_("All data on this laptop was destroyed in %.0f ms. Nothing of it can be recovered, not even with the passphrase."),
                              elapsed_us / 1000.0);
  else
    notice = g_strdup_printf (_("The data could not be destroyed completely: %s"), error->message);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (LIA_IS_WINDOW (l->data))
      lia_window_show_lock_notice (l->data, notice);
  update_actions (self);

  return G_SOURCE_REMOVE;
}

static void
panic_wipe_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        LiaApplication   *self)
{
  /* Once the dialog is gone, which the lock would otherwise close under
   * its own feet */
  if (g_strcmp0 (response, "destroy") == 0)
    g_idle_add_full (G_PRIORITY_HIGH, panic_wipe_cb, g_object_ref (self), g_object_unref);
}

/* The panic wipe, after a confirmation whose default is not to */
static void
panic_wipe_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  LiaApplication *self = user_data;
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                   _("Destroy All Data on This Laptop?"),
                                   _("Every record, contact and report kept on this laptop is made unreadable at once and then removed. Not even the right passphrase, nor headquarters, can bring it back. Records not yet sent to headquarters are lost."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "destroy", _("_Destroy All Data"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "destroy",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (panic_wipe_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  lia_application_lock (user_data);
}

static const GActionEntry action_entries[] = {
  { "preferences", preferences_action },
  { "lock", lock_action },
  { "panic-wipe", panic_wipe_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
lia_application_init (LiaApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   action_entries,
                                   G_N_ELEMENTS (action_entries),
                                   self);
  update_actions (self);
}

LiaApplication *
lia_application_new (void)
{
  /* Here rather than in main() so that every program built on the UI
   * library, tests included, shows the same translated strings. */
  lia_i18n_init ();

  return g_object_new (LIA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/cmcoord/Liaison",
                       NULL);
}

/* Returns: (transfer none) (nullable): the store, settings and sync
 * engine; %NULL while locked */
LiaContext *
lia_application_get_context (LiaApplication *self)
{
  g_return_val_if_fail (LIA_IS_APPLICATION (self), NULL);

  return self->context;
}

/* Returns: (transfer none): NULL before the first window */
GSettings *
lia_application_get_settings (LiaApplication *self)
{
  g_return_val_if_fail (LIA_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* The data folder: --data-dir, $LIAISON_DATA_DIR or the default, as it
 * was when first asked */
const char *
lia_application_get_data_dir (LiaApplication *self)
{
  g_return_val_if_fail (LIA_IS_APPLICATION (self), NULL);

  if (self->resolved_data_dir == NULL)
    self->resolved_data_dir = lia_resolve_data_dir (self->data_dir);

  return self->resolved_data_dir;
}

/**
 * lia_application_unlock:
 * @store: the store the unlock screen opened
 *
 * Builds the context of @store; every window builds its pages for it.
 */
void
lia_application_unlock (LiaApplication *self,
                        LiaStore       *store)
{
  g_autoptr(LiaClock) clock = NULL;

  g_return_if_fail (LIA_IS_APPLICATION (self));
  g_return_if_fail (LIA_IS_STORE (store));
  g_return_if_fail (self->settings != NULL);

  if (self->context != NULL)
    return;

  clock = g_object_ref (lia_store_get_clock (store));
  self->context = lia_context_new (store, self->settings, clock);
  self->last_input = g_get_monotonic_time ();

  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);

  /* After the pages are up, so that neither the network monitor nor the
   * first sync hold them up */
  if (self->scheduler == NULL && self->scheduler_id == 0)
    self->scheduler_id = g_idle_add_full (G_PRIORITY_LOW, start_scheduler_cb, self, NULL);
  schedule_idle_lock (self);
  start_purges (self);
}

/* Destroys every window but the main ones: dialogs, editors, the
 * preferences, the handover windows; the shortcuts window shows no data
 * and belongs to its main window. */
static void
close_secondary_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  g_list_foreach (toplevels, (GFunc) g_object_ref, NULL);
  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (!LIA_IS_WINDOW (l->data) && !GTK_IS_SHORTCUTS_WINDOW (l->data))
      gtk_window_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);
}

/**
 * lia_application_lock:
 *
 * Closes every dialog, stops the sync, destroys the pages of every window
 * (an unsaved form is lost) and drops the store, which wipes the data key
 * from memory; the windows show the unlock screen.
 */
void
lia_application_lock (LiaApplication *self)
{
  g_autoptr(LiaContext) context = NULL;

  g_return_if_fail (LIA_IS_APPLICATION (self));

  if (self->context == NULL)
    return;

  close_secondary_windows ();
  stop_scheduler (self);
  stop_purges (self);
  g_clear_handle_id (&self->idle_lock_id, g_source_remove);

  context = g_steal_pointer (&self->context);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/**
 * lia_application_wipe:
 * @elapsed_us: (out) (optional): how long it took, lock included
 *
 * The panic wipe: locks, then destroys the key file and removes the data
 * folder (lia_vault_wipe_data_dir()).  The windows stay on the unlock
 * screen; lia_window_show_lock_notice() shows what is left.
 */
gboolean
lia_application_wipe (LiaApplication  *self,
                      gint64          *elapsed_us,
                      GError         **error)
{
  gint64 start = g_get_monotonic_time ();
  gboolean ok;

  g_return_val_if_fail (LIA_IS_APPLICATION (self), FALSE);

  lia_application_lock (self);
  ok = lia_vault_wipe_data_dir (lia_application_get_data_dir (self), error);

  if (elapsed_us != NULL)
    *elapsed_us = g_get_monotonic_time () - start;

  return ok;
}
