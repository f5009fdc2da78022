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
#include "lia-notifications-page.h"
#include "lia-reports-page.h"
#include "lia-sync-page.h"
#include "lia-window.h"

struct _LiaWindow
{
  AdwApplicationWindow  parent_instance;

  LiaContext           *context;

  /* The stack's pages, which the sidebar lists and selects */
  GtkSelectionModel    *pages;

  /* Template widgets */
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
  GSettings *settings = lia_context_get_settings (self->context);
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
lia_window_constructed (GObject *object)
{
  LiaWindow *self = (LiaWindow *)object;
  GSettings *settings = lia_context_get_settings (self->context);

  G_OBJECT_CLASS (lia_window_parent_class)->constructed (object);

  lia_guidance_page_set_context (self->guidance_page, self->context);
  lia_actors_page_set_context (self->actors_page, self->context);
  lia_reports_page_set_context (self->reports_page, self->context);
  lia_directory_page_set_context (self->directory_page, self->context);
  lia_sync_page_set_context (self->sync_page, self->context);
  lia_notifications_page_set_context (self->notifications_page, self->context);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  /* Read once: two windows must not drag each other from page to page */
  g_settings_bind (settings, "last-page",
                   self->stack, "visible-child-name",
                   G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_GET_NO_CHANGES);
  stack_visible_child_cb (self);

  g_signal_connect_object (lia_context_get_sync_engine (self->context), "notify",
                           G_CALLBACK (update_sync_status), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sync_page, "notify::busy",
                           G_CALLBACK (update_sync_status), self,
                           G_CONNECT_SWAPPED);
  self->sync_refresh_id = g_timeout_add_seconds (SYNC_REFRESH_SECONDS, sync_refresh_cb, self);
  update_sync_status (self);
}

static void
lia_window_dispose (GObject *object)
{
  LiaWindow *self = (LiaWindow *)object;

  g_clear_handle_id (&self->sync_refresh_id, g_source_remove);
  g_clear_object (&self->pages);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIA_TYPE_WINDOW);

  G_OBJECT_CLASS (lia_window_parent_class)->dispose (object);
}

static void
lia_window_finalize (GObject *object)
{
  LiaWindow *self = (LiaWindow *)object;

  g_clear_object (&self->context);

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
lia_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  LiaWindow *self = LIA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
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

  object_class->constructed = lia_window_constructed;
  object_class->dispose = lia_window_dispose;
  object_class->finalize = lia_window_finalize;
  object_class->get_property = lia_window_get_property;
  object_class->set_property = lia_window_set_property;

  window_class->close_request = lia_window_close_request;

  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         LIA_TYPE_CONTEXT,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (LIA_TYPE_ACTORS_PAGE);
  g_type_ensure (LIA_TYPE_GUIDANCE_PAGE);
  g_type_ensure (LIA_TYPE_REPORTS_PAGE);
  g_type_ensure (LIA_TYPE_DIRECTORY_PAGE);
  g_type_ensure (LIA_TYPE_SYNC_PAGE);
  g_type_ensure (LIA_TYPE_NOTIFICATIONS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, content);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, guidance_page);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, actors_page);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, reports_page);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, directory_page);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, sync_page);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, notifications_page);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, sync_status_button);
  gtk_widget_class_bind_template_child (widget_class, LiaWindow, sync_status_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, stack_visible_child_cb);

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

#ifdef DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  self->pages = gtk_stack_get_pages (self->stack);
  gtk_list_box_bind_model (self->sidebar_list, G_LIST_MODEL (self->pages),
                           create_sidebar_row, NULL, NULL);
}

LiaWindow *
lia_window_new (LiaApplication *application,
                LiaContext     *context)
{
  g_return_val_if_fail (LIA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (LIA_IS_CONTEXT (context), NULL);

  return g_object_new (LIA_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       NULL);
}

LiaContext *
lia_window_get_context (LiaWindow *self)
{
  g_return_val_if_fail (LIA_IS_WINDOW (self), NULL);

  return self->context;
}
