/* lia-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "liaison-core.h"

#include "lia-application.h"
#include "lia-preferences-window.h"
#include "lia-window.h"

/* The schema id does not change with the development profile's app id. */
#define SETTINGS_SCHEMA_ID "org.cmcoord.Liaison"

struct _LiaApplication
{
  AdwApplication  parent_instance;

  char           *data_dir;  /* --data-dir, or NULL */
  LiaContext     *context;   /* NULL until the store and settings opened */
  LiaSyncScheduler *scheduler;  /* NULL until the first window showed */
  guint           scheduler_id;
};

G_DEFINE_FINAL_TYPE (LiaApplication, lia_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "data-dir", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Keep Liaison’s data in DIR instead of the usual folder"), N_("DIR") },
  { NULL }
};

static LiaContext *
open_context (const char  *data_dir_option,
              GError     **error)
{
  GSettingsSchemaSource *schemas = g_settings_schema_source_get_default ();
  g_autofree char *data_dir = lia_resolve_data_dir (data_dir_option);
  g_autoptr(LiaClock) clock = lia_clock_new_system ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;

  /* g_settings_new() would abort on a broken installation */
  if (schemas == NULL ||
      !(schema = g_settings_schema_source_lookup (schemas, SETTINGS_SCHEMA_ID, TRUE)))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _("The settings of Liaison are missing from this computer. Install Liaison again."));
      return NULL;
    }

  if (!(store = lia_store_open_in_dir (data_dir, clock, error)))
    return NULL;

  settings = g_settings_new_full (schema, NULL, NULL);

  return lia_context_new (store, settings, clock);
}

/* Without its store or settings Liaison has nothing to show: say why, then
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
lia_application_activate (GApplication *app)
{
  LiaApplication *self = LIA_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    {
      if (self->context == NULL)
        self->context = open_context (self->data_dir, &error);

      if (self->context != NULL)
        window = GTK_WINDOW (lia_window_new (self, self->context));
      else
        window = startup_error_dialog_new (self, error);
    }

  gtk_window_present (window);

  if (self->context != NULL && self->scheduler == NULL && self->scheduler_id == 0)
    self->scheduler_id = g_idle_add_full (G_PRIORITY_LOW, start_scheduler_cb, self, NULL);
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
    { "app.quit", { "<Primary>q", NULL } },
    { "window.close", { "<Primary>w", NULL } },
  };

  G_APPLICATION_CLASS (lia_application_parent_class)->startup (app);

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
  g_clear_handle_id (&self->scheduler_id, g_source_remove);
  if (self->scheduler != NULL)
    lia_sync_scheduler_stop (self->scheduler);

  G_APPLICATION_CLASS (lia_application_parent_class)->shutdown (app);
}

static void
lia_application_finalize (GObject *object)
{
  LiaApplication *self = (LiaApplication *)object;

  g_clear_handle_id (&self->scheduler_id, g_source_remove);
  if (self->scheduler != NULL)
    lia_sync_scheduler_stop (self->scheduler);
  g_clear_object (&self->scheduler);
  g_clear_pointer (&self->data_dir, g_free);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (lia_application_parent_class)->finalize (object);
}

static void
lia_application_class_init (LiaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = lia_application_finalize;

  app_class->activate = lia_application_activate;
  app_class->handle_local_options = lia_application_handle_local_options;
  app_class->startup = lia_application_startup;
  app_class->shutdown = lia_application_shutdown;
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

static const GActionEntry action_entries[] = {
  { "preferences", preferences_action },
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
