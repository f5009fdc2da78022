/* lia-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-actors-page.h"
#include "lia-directory-page.h"
#include "lia-guidance-page.h"
#include "lia-handover-window.h"
#include "lia-lock-screen.h"
#include "lia-notifications-page.h"
#include "lia-reports-page.h"
#include "lia-sync-page.h"
#include "lia-window.h"

struct _LiaWindow
{
  AdwApplicationWindow  parent_instance;

  /* NULL while locked: then nothing of the records is built */
  LiaContext           *context;
  GSettings            *settings;

  /* The stack's pages, which the sidebar lists and selects */
  GtkSelectionModel    *pages;

  /* Template widgets */
  GtkStack             *main_stack;
  LiaLockScreen        *lock_screen;

  /* The content, from lia-window-content.ui, while unlocked */
  AdwLeaflet           *leaflet;
  GtkWidget            *content;
  GtkListBox           *sidebar_list;
  GtkStack             *stack;
  LiaGuidancePage      *guidance_page;
  LiaActorsPage        *actors_page;
  LiaNotificationsPage *notifications_page;
  LiaReportsPage       *reports_page;
  LiaDirectoryPage     *directory_page;
  LiaSyncPage          *sync_page;
  AdwWindowTitle       *page_title;
  GtkWidget            *sync_status_button;
  GtkLabel             *sync_status_label;

  /* Re-reads what is waiting, and keeps “2 h ago” true */
  guint                 sync_refresh_id;
  gulong                sync_engine_handler;
};

/* Keeps "last sync 2 h ago" current; saves update the status at once */
#define SYNC_REFRESH_SECONDS 60

G_DEFINE_FINAL_TYPE (LiaWindow, lia_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What acts on the records: off while locked */
static const char * const content_actions[] = {
  "win.show-page",
  "win.search",
  "win.export-handover",
  "win.import-handover",
  "win.new",
  "win.sync-now",
  "win.show-card",
  "win.new-notification",
  "win.show-notification",
  "win.show-on-map",
};

/* In sidebar order, for Alt+1 … Alt+6 */
static const char * const page_names[] = {
  "guidance",
  "actors",
  "notifications",
  "reports",
  "directory",
  "sync",
};

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  GtkStackPage *page = item;
  const char *title = gtk_stack_page_get_title (page);
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *label;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name (gtk_stack_page_get_icon_name (page)));

  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), label);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);

  return row;
}

static void
show_content (LiaWindow *self)
{
  /* Only changes what is seen when the leaflet is folded */
  adw_leaflet_set_visible_child (self->leaflet, self->content);
}

static void
sidebar_row_activated_cb (LiaWindow     *self,
                          GtkListBoxRow *row)
{
  gtk_selection_model_select_item (self->pages, gtk_list_box_row_get_index (row), TRUE);
  show_content (self);
}

static void
back_clicked_cb (LiaWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
stack_visible_child_cb (LiaWindow *self)
{
  GtkStackPage *page = gtk_stack_get_page (self->stack, gtk_stack_get_visible_child (self->stack));
  g_autoptr(GtkBitset) selection = gtk_selection_model_get_selection (self->pages);

  adw_window_title_set_title (self->page_title, gtk_stack_page_get_title (page));

  /* What was saved since shows on arrival */
  if (self->context != NULL &&
      g_strcmp0 (gtk_stack_page_get_name (page), "sync") == 0)
    lia_sync_page_refresh (self->sync_page);
  gtk_list_box_select_row (self->sidebar_list,
                           gtk_list_box_get_row_at_index (self->sidebar_list,
                                                          gtk_bitset_get_minimum (selection)));
}

static void
update_sync_status (LiaWindow *self)
{
  LiaSyncEngine *engine = lia_context_get_sync_engine (self->context);
  g_autofree char *status = NULL;

  status = lia_sync_describe_status (engine, NULL);

  /* In a narrow window only the icon shows: the words are in the tooltip */
  gtk_label_set_label (self->sync_status_label, status);
  gtk_widget_set_tooltip_text (self->sync_status_button, status);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_status_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, status,
                                  -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now",
                                 lia_sync_engine_get_enrolled (engine) &&
                                 !lia_sync_page_get_busy (self->sync_page));
}

static gboolean
sync_refresh_cb (gpointer user_data)
{
  LiaWindow *self = user_data;

  update_sync_status (self);

  return G_SOURCE_CONTINUE;
}

static void
sync_now_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  lia_sync_page_sync_now (self->sync_page);
}

static void
show_page_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, g_variant_get_string (parameter, NULL));
  show_content (self);
}

/* Guidance is what there is to search for now; the global search will
 * take this shortcut over. */
static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "guidance");
  show_content (self);
  lia_guidance_page_focus_search (self->guidance_page);
}

/* Guidance links in forms and messages: "win.show-card" with a card id */
static void
show_card_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "guidance");
  show_content (self);
  lia_guidance_page_open_card (self->guidance_page, g_variant_get_string (parameter, NULL), NULL);
}

static void
new_notification_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "notifications");
  show_content (self);
  lia_notifications_page_popup_new_menu (self->notifications_page);
}

/* Ctrl+N makes something new on the page that is shown */
static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  /* A report or an actor where those are shown; elsewhere what an
   * officer makes most: a notification */
  if (g_strcmp0 (page, "reports") == 0)
    {
      show_content (self);
      gtk_widget_activate_action (GTK_WIDGET (self->reports_page), "reports.new-menu", NULL);
    }
  else if (g_strcmp0 (page, "actors") == 0)
    {
      show_content (self);
      gtk_widget_activate_action (GTK_WIDGET (self->actors_page), "actors.new", NULL);
    }
  else
    {
      gtk_widget_activate_action (widget, "win.new-notification", NULL);
    }
}

static void
handover_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);
  LiaHandoverWindow *handover;

  handover = lia_handover_window_new (self->context,
                                      g_str_equal (action_name, "win.export-handover")
                                      ? LIA_HANDOVER_MODE_EXPORT : LIA_HANDOVER_MODE_IMPORT);
  gtk_window_set_transient_for (GTK_WINDOW (handover), GTK_WINDOW (self));
  /* Written on a connection of its own: the pages read again */
  g_signal_connect_object (handover, "imported", G_CALLBACK (lia_reports_page_refresh),
                           self->reports_page, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (handover));
}

/* "win.show-notification" with a UUID: from the map to the record */
static void
show_notification_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "notifications");
  show_content (self);
  lia_notifications_page_show_record (self->notifications_page, g_variant_get_string (parameter, NULL));
}

/* "win.show-on-map" with a UUID: from a notification to the map */
static void
show_on_map_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  LiaWindow *self = LIA_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->stack, "actors");
  show_content (self);
  lia_actors_page_show_on_map (self->actors_page, g_variant_get_string (parameter, NULL));
}

static gboolean
lia_window_close_request (GtkWindow *window)
{
  LiaWindow *self = LIA_WINDOW (window);
  GSettings *settings = self->settings;
  int width;
  int height;

  gtk_window_get_default_size (window, &width, &height);

  g_settings_delay (settings);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
  g_settings_apply (settings);

  return GTK_WINDOW_CLASS (lia_window_parent_class)->close_request (window);
}

static void
set_content_actions_enabled (LiaWindow *self,
                             gboolean   enabled)
{
  for (guint i = 0; i < G_N_ELEMENTS (content_actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), content_actions[i], enabled);
}

/* Builds the pages afresh for @context, as at every unlock */
static void
build_content (LiaWindow  *self,
               LiaContext *context)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  g_autoptr(GtkBuilderScope) scope = gtk_builder_cscope_new ();
  g_autoptr(GError) error = NULL;

  g_assert (self->context == NULL);
  g_assert (self->leaflet == NULL);

  self->context = g_object_ref (context);

  gtk_builder_cscope_add_callback_symbols (GTK_BUILDER_CSCOPE (scope),
                                           "sidebar_row_activated_cb", G_CALLBACK (sidebar_row_activated_cb),
                                           "back_clicked_cb", G_CALLBACK (back_clicked_cb),
                                           "stack_visible_child_cb", G_CALLBACK (stack_visible_child_cb),
                                           NULL);
  gtk_builder_set_scope (builder, scope);
  gtk_builder_set_current_object (builder, G_OBJECT (self));
  gtk_builder_set_translation_domain (builder, GETTEXT_PACKAGE);
  if (!gtk_builder_add_from_resource (builder, "/org/cmcoord/Liaison/ui/lia-window-content.ui", &error))
    g_error ("lia-window-content.ui: %s", error->message);

#define GET(name) self->name = (gpointer) gtk_builder_get_object (builder, #name); g_assert (self->name != NULL)
  GET (leaflet);
  GET (content);
  GET (sidebar_list);
  GET (stack);
  GET (guidance_page);
  GET (actors_page);
  GET (notifications_page);
  GET (reports_page);
  GET (directory_page);
  GET (sync_page);
  GET (page_title);
  GET (sync_status_button);
  GET (sync_status_label);
#undef GET

  self->pages = gtk_stack_get_pages (self->stack);
  gtk_list_box_bind_model (self->sidebar_list, G_LIST_MODEL (self->pages),
                           create_sidebar_row, NULL, NULL);

  lia_guidance_page_set_context (self->guidance_page, self->context);
  lia_actors_page_set_context (self->actors_page, self->context);
  lia_reports_page_set_context (self->reports_page, self->context);
  lia_directory_page_set_context (self->directory_page, self->context);
  lia_sync_page_set_context (self->sync_page, self->context);
  lia_notifications_page_set_context (self->notifications_page, self->context);

  /* Read once: two windows must not drag each other from page to page */
  g_settings_bind (self->settings, "last-page",
                   self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);

  /* The passphrase entry, hidden now, must not keep the focus */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_add_named (self->main_stack, GTK_WIDGET (self->leaflet), "unlocked");
  gtk_stack_set_visible_child_name (self->main_stack, "unlocked");
  set_content_actions_enabled (self, TRUE);
  stack_visible_child_cb (self);

  self->sync_engine_handler =
    g_signal_connect_object (lia_context_get_sync_engine (self->context), "notify",
                             G_CALLBACK (update_sync_status), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_page, "notify::busy",
                           G_CALLBACK (update_sync_status), self,
                           G_CONNECT_SWAPPED);
  self->sync_refresh_id = g_timeout_add_seconds (SYNC_REFRESH_SECONDS, sync_refresh_cb, self);
  update_sync_status (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

/* Destroys the pages, their editors and popovers, rather than hiding
 * them, and lets the context go: at the lock nothing of the records may
 * stay in the window. */
static void
destroy_content (LiaWindow *self)
{
  GtkWidget *leaflet = GTK_WIDGET (self->leaflet);

  if (self->context == NULL)
    return;

  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_stack_set_visible_child_name (self->main_stack, "locked");
  set_content_actions_enabled (self, FALSE);

  g_clear_handle_id (&self->sync_refresh_id, g_source_remove);
  g_clear_signal_handler (&self->sync_engine_handler, lia_context_get_sync_engine (self->context));

  if (leaflet != NULL)
    {
      g_settings_unbind (self->stack, "visible-child-name");
      gtk_list_box_bind_model (self->sidebar_list, NULL, NULL, NULL, NULL);
      g_clear_object (&self->pages);
      self->leaflet = NULL;
      self->content = NULL;
      self->sidebar_list = NULL;
      self->stack = NULL;
      self->guidance_page = NULL;
      self->actors_page = NULL;
      self->notifications_page = NULL;
      self->reports_page = NULL;
      self->directory_page = NULL;
      self->sync_page = NULL;
      self->page_title = NULL;
      self->sync_status_button = NULL;
      self->sync_status_label = NULL;
      gtk_stack_remove (self->main_stack, leaflet);
    }

  g_clear_object (&self->context);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONTEXT]);
}

static const char *
get_data_dir (LiaWindow *self)
{
  return lia_application_get_data_dir (LIA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
}

/* Follows the application: locked, or unlocked with its context */
static void
application_context_cb (LiaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  LiaContext *context;

  if (app == NULL)
    return;

  context = lia_application_get_context (LIA_APPLICATION (app));
  if (context == self->context)
    return;

  destroy_content (self);

  if (context != NULL)
    build_content (self, context);
  else
    lia_lock_screen_refresh (self->lock_screen, get_data_dir (self));
}

static void
lock_screen_unlocked_cb (LiaWindow *self,
                         LiaStore  *store)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (app != NULL)
    lia_application_unlock (LIA_APPLICATION (app), store);
}

/* Once the window has its application (set after construction): the
 * saved size, then the unlock screen or the pages */
static void
attach_application (LiaWindow  *self,
                    LiaContext *context)
{
  LiaApplication *app = LIA_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  self->settings = g_object_ref (context != NULL ? lia_context_get_settings (context)
                                                 : lia_application_get_settings (app));

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  lia_lock_screen_refresh (self->lock_screen, lia_application_get_data_dir (app));

  g_signal_connect_object (app, "notify::context",
                           G_CALLBACK (application_context_cb), self,
                           G_CONNECT_SWAPPED);

  /* A context of its own (tests), else the application's if unlocked */
  if (context != NULL)
    build_content (self, context);
  else
    application_context_cb (self);
}

static void
lia_window_dispose (GObject *object)
{
  LiaWindow *self = (LiaWindow *)object;

  destroy_content (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_WINDOW);

  G_OBJECT_CLASS (lia_window_parent_class)->dispose (object);
}

static void
lia_window_finalize (GObject *object)
{
  LiaWindow *self = (LiaWindow *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (lia_window_parent_class)->finalize (object);
}

static void
lia_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  LiaWindow *self = LIA_WINDOW (object);

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
lia_window_class_init (LiaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = lia_window_dispose;
  object_class->finalize = lia_window_finalize;
  object_class->get_property = lia_window_get_property;

  window_class->close_request = lia_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIA_TYPE_ACTORS_PAGE);
  g_type_ensure (LIA_TYPE_GUIDANCE_PAGE);
  g_type_ensure (LIA_TYPE_REPORTS_PAGE);
  g_type_ensure (LIA_TYPE_DIRECTORY_PAGE);
  g_type_ensure (LIA_TYPE_SYNC_PAGE);
  g_type_ensure (LIA_TYPE_NOTIFICATIONS_PAGE);
  g_type_ensure (LIA_TYPE_LOCK_SCREEN);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, lock_screen);
  gtk_widget_class_bind_template_callback (widget_class, lock_screen_unlocked_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.export-handover", NULL, handover_action);
  gtk_widget_class_install_action (widget_class, "win.import-handover", NULL, handover_action);
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL, sync_now_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync-now", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-card", "s", show_card_action);
  gtk_widget_class_install_action (widget_class, "win.new-notification", NULL, new_notification_action);
  gtk_widget_class_install_action (widget_class, "win.show-notification", "s", show_notification_action);
  gtk_widget_class_install_action (widget_class, "win.show-on-map", "s", show_on_map_action);
  for (guint i = 0; i < G_N_ELEMENTS (page_names); i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-page", "s", page_names[i]);
}

static void
lia_window_init (LiaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_content_actions_enabled (self, FALSE);

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif
}

/**
 * lia_window_new:
 * @context: (nullable): a context of its own (for tests); %NULL follows
 *   the application: the unlock screen until it is unlocked
 */
LiaWindow *
lia_window_new (LiaApplication *application,
                LiaContext     *context)
{
  LiaWindow *self;

  g_return_val_if_fail (LIA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (context == NULL || LIA_IS_CONTEXT (context), NULL);

  self = g_object_new (LIA_TYPE_WINDOW,
                       "application", application,
                       NULL);
  attach_application (self, context);

  return self;
}

/* Shows the unlock screen (or the first-run one, after a wipe) of what
 * the data folder now holds, with @notice above it */
void
lia_window_show_lock_notice (LiaWindow  *self,
                             const char *notice)
{
  g_return_if_fail (LIA_IS_WINDOW (self));

  if (self->context != NULL)
    return;

  lia_lock_screen_refresh (self->lock_screen, get_data_dir (self));
  lia_lock_screen_set_notice (self->lock_screen, notice);
}

/* Returns: (transfer none) (nullable): %NULL while locked */
LiaContext *
lia_window_get_context (LiaWindow *self)
{
  g_return_val_if_fail (LIA_IS_WINDOW (self), NULL);

  return self->context;
}
