/* test-ui-map-notifications.c — notified sites, movements and incidents on
 * the offline map: what is drawn, the Layers button, a store change, the
 * selection, Show on Map from a notification, and a picture of it all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/map-notifications/render also saves
 * what it renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <shumate/shumate.h>

#include "lia-actors-page-private.h"
#include "lia-map-view.h"
#include "lia-notification-detail.h"
#include "lia-notifications-page.h"

#define OPERATION "korvania"

static char *data_dir;
static LiaContext *context;

static LiaContext *
get_context (void)
{
  if (context == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaClock) clock = lia_clock_new_system ();
      g_autoptr(LiaStore) store = lia_test_open_store_in_dir (data_dir, clock);
      g_autoptr(GSettings) settings = g_settings_new ("org.cmcoord.Liaison");

      g_assert_no_error (error);
      g_assert_true (lia_store_set_setting (store, "operation", OPERATION, &error));
      g_assert_no_error (error);
      context = lia_context_new (store, settings, clock);
    }

  return context;
}

static LiaStore *
get_store (void)
{
  return lia_context_get_store (get_context ());
}

static void
save (LiaRecord *record)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_store_save (get_store (), record, &error));
  g_assert_no_error (error);
}

static char *
add_site (const char    *name,
          double         lat,
          double         lon,
          LiaSiteStatus  status)
{
  g_autoptr(LiaSiteNotification) site = lia_site_notification_new (OPERATION);
  g_autoptr(GError) error = NULL;

  lia_site_notification_set_name (site, name);
  lia_site_notification_set_organisation (site, "Korvanian Red Crescent");
  lia_site_notification_set_facility_type (site, LIA_FACILITY_HEALTH);
  lia_site_notification_set_location (site, lat, lon);
  g_assert_true (lia_site_notification_transition (site, status, &error));
  g_assert_no_error (error);
  save (LIA_RECORD (site));

  return g_strdup (lia_record_get_uuid (LIA_RECORD (site)));
}

/* Kel hub → two checkpoints → Ridge camp */
static char *
add_convoy (void)
{
  g_autoptr(LiaMovementNotification) movement = lia_movement_notification_new (OPERATION);
  g_autoptr(GError) error = NULL;

  lia_movement_notification_set_organisation (movement, "OCHA Korvania");
  lia_movement_notification_set_movement_type (movement, LIA_MOVEMENT_FOOD);
  lia_movement_notification_set_origin (movement, "Kel hub", 13.6, 22.9);
  lia_movement_notification_add_waypoint (movement, "Sarn checkpoint", 14.0, 23.3);
  lia_movement_notification_add_waypoint (movement, "Ridge ford", 14.5, 23.1);
  lia_movement_notification_set_destination (movement, "Ridge camp", 14.9, 22.4);
  g_assert_true (lia_movement_notification_transition (movement, LIA_MOVEMENT_STATUS_NOTIFIED, &error));
  g_assert_no_error (error);
  save (LIA_RECORD (movement));

  return g_strdup (lia_record_get_uuid (LIA_RECORD (movement)));
}

static char *
add_incident (void)
{
  g_autoptr(LiaIncident) incident = lia_incident_new (OPERATION);
  g_autoptr(GDateTime) at = g_date_time_new_now_utc ();

  lia_incident_set_incident_type (incident, LIA_INCIDENT_SHELLING);
  lia_incident_set_at (incident, at);
  lia_incident_set_location (incident, "Kel, Market Road", 13.38, 22.2);
  lia_incident_set_description (incident, "Two shells landed near the health centre.");
  save (LIA_RECORD (incident));

  return g_strdup (lia_record_get_uuid (LIA_RECORD (incident)));
}

/* What every test starts from: two active sites and a removed one, a
 * convoy through two checkpoints, an incident */
static struct
{
  char *kel;
  char *ridge;
  char *old;
  char *convoy;
  char *incident;
} fixture;

static void
ensure_records (void)
{
  if (fixture.kel != NULL)
    return;

  fixture.kel = add_site ("Kel health centre", 13.35, 22.3, LIA_SITE_STATUS_ACTIVE);
  fixture.ridge = add_site ("Ridge water point", 14.6, 23.0, LIA_SITE_STATUS_ACTIVE);
  fixture.old = add_site ("Old warehouse", 13.0, 23.0, LIA_SITE_STATUS_REMOVED);
  fixture.convoy = add_convoy ();
  fixture.incident = add_incident ();
}

static void
clear_records (void)
{
  g_clear_pointer (&fixture.kel, g_free);
  g_clear_pointer (&fixture.ridge, g_free);
  g_clear_pointer (&fixture.old, g_free);
  g_clear_pointer (&fixture.convoy, g_free);
  g_clear_pointer (&fixture.incident, g_free);
}

static GtkWindow *
show_map (LiaMapView **out_view)
{
  GtkWindow *window;
  GtkWidget *view;

  lia_test_ui_get_app ();
  window = GTK_WINDOW (gtk_window_new ());
  view = lia_map_view_new ();
  gtk_window_set_default_size (window, 960, 640);
  gtk_window_set_child (window, view);
  lia_map_view_set_operation (LIA_MAP_VIEW (view), OPERATION);
  lia_map_view_set_context (LIA_MAP_VIEW (view), get_context ());
  gtk_window_present (window);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (view));

  *out_view = LIA_MAP_VIEW (view);

  return window;
}

static gboolean
is_marker (GtkWidget     *widget,
           gconstpointer  data)
{
  const char *tooltip;

  if (!GTK_IS_BUTTON (widget) || !gtk_widget_has_css_class (widget, "map-marker"))
    return FALSE;
  tooltip = gtk_widget_get_tooltip_text (widget);

  return tooltip != NULL && g_str_has_prefix (tooltip, data);
}

static gboolean
is_check_labelled (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_CHECK_BUTTON (widget) &&
         g_strcmp0 (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)), data) == 0;
}

static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static GtkCheckButton *
find_check (LiaMapView *view,
            const char *label)
{
  GtkWidget *check = lia_test_ui_find (GTK_WIDGET (view), is_check_labelled, label);

  g_assert_nonnull (check);
  g_assert_nonnull (gtk_widget_get_ancestor (check, GTK_TYPE_POPOVER));

  return GTK_CHECK_BUTTON (check);
}

static void
test_layers (void)
{
  g_autofree char *newer = NULL;
  const char *kel, *old, *convoy, *incident;
  LiaMapView *view;
  GtkWindow *window;
  LiaMapNotificationsLayer *layer;
  GtkWidget *marker;
  GtkWidget *layers_button;

  ensure_records ();
  kel = fixture.kel;
  old = fixture.old;
  convoy = fixture.convoy;
  incident = fixture.incident;
  window = show_map (&view);
  layer = lia_map_view_get_notifications_layer (view);

  /* Two active sites (the removed one is not drawn), one route through
   * four points, one incident */
  g_assert_cmpuint (lia_map_notifications_layer_get_n_sites (layer), ==, 2);
  g_assert_cmpuint (lia_map_notifications_layer_get_n_routes (layer), ==, 1);
  g_assert_cmpuint (lia_map_notifications_layer_get_n_route_points (layer), ==, 4);
  g_assert_cmpuint (lia_map_notifications_layer_get_n_incidents (layer), ==, 1);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Site: Kel health centre"));
  g_assert_null (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Site: Old warehouse"));
  g_assert_true (lia_map_notifications_layer_lookup (layer, convoy, NULL, NULL, NULL, NULL));
  g_assert_false (lia_map_notifications_layer_lookup (layer, old, NULL, NULL, NULL, NULL));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Incident: "));

  /* The Layers button hides each kind, and shows it again */
  layers_button = lia_test_ui_find_type (GTK_WIDGET (view), GTK_TYPE_MENU_BUTTON);
  g_assert_nonnull (layers_button);
  g_assert_true (gtk_widget_get_mapped (layers_button));
  marker = lia_test_ui_find (GTK_WIDGET (view), is_marker, "Site: Kel health centre");
  lia_test_ui_spin_pending ();
  g_assert_true (gtk_widget_is_visible (marker));
  gtk_check_button_set_active (find_check (view, "_Sites"), FALSE);
  g_assert_false (gtk_widget_is_visible (marker));
  g_assert_true (gtk_widget_is_visible (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Incident: ")));
  gtk_check_button_set_active (find_check (view, "_Incidents"), FALSE);
  g_assert_false (gtk_widget_is_visible (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Incident: ")));
  gtk_check_button_set_active (find_check (view, "_Movements"), FALSE);
  g_assert_false (gtk_widget_is_visible (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Movement: ")));
  {
    ShumateMap *map = SHUMATE_MAP (lia_test_ui_find_type (GTK_WIDGET (view), SHUMATE_TYPE_MAP));
    guint n_visible_paths = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (map)); child; child = gtk_widget_get_next_sibling (child))
      n_visible_paths += SHUMATE_IS_PATH_LAYER (child) && gtk_widget_get_visible (child);
    g_assert_cmpuint (n_visible_paths, ==, 0);
  }
  gtk_check_button_set_active (find_check (view, "_Sites"), TRUE);
  gtk_check_button_set_active (find_check (view, "_Incidents"), TRUE);
  gtk_check_button_set_active (find_check (view, "_Movements"), TRUE);
  g_assert_true (gtk_widget_is_visible (marker));

  /* Actors too, apart from the notifications */
  {
    g_autoptr(LiaActorGraph) graph = lia_actor_graph_new ();
    g_autoptr(LiaActor) ocha = lia_actor_new (OPERATION, "OCHA Korvania", LIA_ACTOR_TYPE_HUMANITARIAN);
    GtkWidget *actor_marker;

    lia_actor_add_location (ocha, 13.6, 22.9, "Kel hub");
    lia_actor_graph_add_actor (graph, ocha);
    lia_map_view_set_graph (view, graph);
    actor_marker = lia_test_ui_find (GTK_WIDGET (view), is_marker, "OCHA Korvania");
    g_assert_nonnull (actor_marker);
    g_assert_true (gtk_widget_is_visible (actor_marker));
    gtk_check_button_set_active (find_check (view, "_Actors"), FALSE);
    g_assert_false (gtk_widget_is_visible (actor_marker));
    g_assert_true (gtk_widget_is_visible (marker));
    gtk_check_button_set_active (find_check (view, "_Actors"), TRUE);
    g_assert_true (gtk_widget_is_visible (actor_marker));
  }

  /* A site saved elsewhere in the program shows without asking */
  newer = add_site ("Kel school", 13.5, 22.6, LIA_SITE_STATUS_ACTIVE);
  LIA_TEST_SPIN_UNTIL (lia_map_notifications_layer_get_n_sites (layer) == 3);
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (view), is_marker, "Site: Kel school"));
  g_assert_cmpuint (lia_map_notifications_layer_get_n_routes (layer), ==, 1);

  /* A person activates a site's marker: it is selected, and the popover
   * names it with its status and the way to the Notifications page */
  marker = lia_test_ui_find (GTK_WIDGET (view), is_marker, "Site: Kel health centre");
  g_assert_null (lia_map_view_get_selected_notification_uuid (view));
  gtk_widget_activate (marker);
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (lia_map_view_get_selected_notification_uuid (view), kel) == 0);
  g_assert_null (lia_map_view_get_selected_uuid (view));
  {
    GtkWidget *open = lia_test_ui_find (GTK_WIDGET (view), is_button_labelled, "_Open in Notifications");
    GtkWidget *popover;
    GVariant *target;

    g_assert_nonnull (open);
    popover = gtk_widget_get_ancestor (open, GTK_TYPE_POPOVER);
    LIA_TEST_SPIN_UNTIL (gtk_widget_get_visible (popover));
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (open)), ==, "win.show-notification");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (open));
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, kel);
    g_assert_nonnull (lia_test_ui_find (popover, lia_test_ui_is_of_type, GSIZE_TO_POINTER (GTK_TYPE_LABEL)));
    gtk_popover_popdown (GTK_POPOVER (popover));
  }

  /* Show on Map from elsewhere: the kind shows again, the map goes there */
  gtk_check_button_set_active (find_check (view, "_Incidents"), FALSE);
  lia_map_view_center_on (view, -20.0, -40.0, 4);
  g_assert_true (lia_map_view_show_notification (view, incident));
  g_assert_true (gtk_check_button_get_active (find_check (view, "_Incidents")));
  g_assert_cmpstr (lia_map_view_get_selected_notification_uuid (view), ==, incident);
  {
    ShumateMap *map = SHUMATE_MAP (lia_test_ui_find_type (GTK_WIDGET (view), SHUMATE_TYPE_MAP));
    ShumateViewport *viewport = shumate_map_get_viewport (map);

    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 13.38, 0.05);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 22.2, 0.05);
  }
  g_assert_false (lia_map_view_show_notification (view, old));

  gtk_window_destroy (window);
}

/* From a notification's detail, "Show on Map" leads to the Actors page's
 * map, centred on the site and with it selected */
static void
test_show_on_map (void)
{
  g_autofree char *site = NULL;
  LiaWindow *window;
  LiaNotificationsPage *notifications;
  LiaActorsPage *actors;
  GtkWidget *detail;
  GtkWidget *button;
  GtkStack *stack;

  ensure_records ();
  site = add_site ("Sarn clinic", 14.1, 23.4, LIA_SITE_STATUS_ACTIVE);
  window = lia_test_ui_open_window ();
  notifications = LIA_NOTIFICATIONS_PAGE (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_NOTIFICATIONS_PAGE));
  actors = LIA_ACTORS_PAGE (lia_test_ui_find_type (GTK_WIDGET (window), LIA_TYPE_ACTORS_PAGE));
  stack = GTK_STACK (gtk_widget_get_ancestor (GTK_WIDGET (notifications), GTK_TYPE_STACK));
  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "guidance"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-notification", "s", site));
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "notifications") == 0);
  detail = lia_notifications_page_get_detail (notifications);
  g_assert_nonnull (detail);
  g_assert_cmpstr (lia_record_get_uuid (lia_notification_detail_get_record (LIA_NOTIFICATION_DETAIL (detail))), ==, site);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (detail));

  button = lia_test_ui_find (detail, is_button_labelled, "Show on _Map");
  g_assert_nonnull (button);
  gtk_widget_activate (button);
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "actors") == 0);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (actors->view_stack), ==, "map");
  g_assert_nonnull (actors->map_view);
  g_assert_cmpstr (lia_map_view_get_selected_notification_uuid (actors->map_view), ==, site);
  {
    ShumateMap *map = SHUMATE_MAP (lia_test_ui_find_type (GTK_WIDGET (actors->map_view), SHUMATE_TYPE_MAP));
    ShumateViewport *viewport = shumate_map_get_viewport (map);

    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 14.1, 0.05);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 23.4, 0.05);
  }
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (GTK_WIDGET (actors->map_view)));
  g_assert_nonnull (lia_test_ui_find (GTK_WIDGET (actors->map_view), is_marker, "Site: Sarn clinic"));

  /* And back: the marker's popover opens the record in Notifications */
  lia_map_view_set_selected_notification_uuid (actors->map_view, NULL);
  gtk_widget_activate (lia_test_ui_find (GTK_WIDGET (actors->map_view), is_marker, "Site: Sarn clinic"));
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (lia_map_view_get_selected_notification_uuid (actors->map_view), site) == 0);
  button = lia_test_ui_find (GTK_WIDGET (actors->map_view), is_button_labelled, "_Open in Notifications");
  g_assert_nonnull (button);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (button));
  lia_notifications_page_show_record (notifications, fixture.kel);
  gtk_widget_activate (button);
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (gtk_stack_get_visible_child_name (stack), "notifications") == 0);
  detail = lia_notifications_page_get_detail (notifications);
  g_assert_cmpstr (lia_record_get_uuid (lia_notification_detail_get_record (LIA_NOTIFICATION_DETAIL (detail))), ==, site);

  lia_test_ui_close_window (window);
}

static void
wait_for_tiles (LiaMapView *view)
{
  lia_test_ui_spin_pending ();
  LIA_TEST_SPIN_UNTIL (lia_map_view_get_n_basemap_tiles_loaded (view) > 0 &&
                       lia_map_view_get_n_tiles_loading (view) == 0);
  lia_test_ui_spin_pending ();
}

static void
test_render (void)
{
  g_autoptr(LiaActorGraph) graph = lia_actor_graph_new ();
  g_autoptr(LiaActor) front = lia_actor_new (OPERATION, "Northern Ridge Front", LIA_ACTOR_TYPE_REBEL_GROUP);
  g_autoptr(LiaActor) ocha = lia_actor_new (OPERATION, "OCHA Korvania", LIA_ACTOR_TYPE_HUMANITARIAN);
  g_autoptr(LiaActor) army = lia_actor_new (OPERATION, "Korvanian Armed Forces", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaMovementNotification) medevac = lia_movement_notification_new (OPERATION);
  g_autoptr(GError) error = NULL;
  LiaMapView *view;
  GtkWindow *window;

  ensure_records ();
  lia_actor_set_localized_name (front, "ar", "جبهة التلال الشمالية");
  lia_actor_add_location (front, 14.9, 22.4, "Ridge camp");
  lia_actor_set_localized_name (ocha, "ar", "أوتشا كورفانيا");
  lia_actor_add_location (ocha, 13.6, 22.9, "Kel hub");
  lia_actor_add_location (army, 12.8, 24.3, "Garrison");
  lia_actor_graph_add_actor (graph, front);
  lia_actor_graph_add_actor (graph, ocha);
  lia_actor_graph_add_actor (graph, army);

  /* An emergency under way beside the planned convoy */
  lia_movement_notification_set_movement_type (medevac, LIA_MOVEMENT_MEDICAL_EVACUATION);
  lia_movement_notification_set_emergency (medevac, TRUE);
  lia_movement_notification_set_origin (medevac, "Kel health centre", 13.35, 22.3);
  lia_movement_notification_set_destination (medevac, "Garrison hospital", 12.8, 24.2);
  g_assert_true (lia_movement_notification_transition (medevac, LIA_MOVEMENT_STATUS_NOTIFIED, &error));
  g_assert_true (lia_movement_notification_transition (medevac, LIA_MOVEMENT_STATUS_UNDER_WAY, &error));
  g_assert_no_error (error);
  save (LIA_RECORD (medevac));

  window = show_map (&view);
  lia_map_view_set_graph (view, graph);
  g_assert_cmpuint (lia_map_notifications_layer_get_n_routes (lia_map_view_get_notifications_layer (view)), >=, 2);
  lia_map_view_center_on (view, 13.85, 23.2, 8);
  wait_for_tiles (view);
  lia_test_ui_render (GTK_WIDGET (window), "map-notifications");

  lia_map_view_show_notification (view, lia_record_get_uuid (LIA_RECORD (medevac)));
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_tiles (view);
  lia_test_ui_render (GTK_WIDGET (window), "map-notifications-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-map-notifications-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/map-notifications/layers", test_layers);
  g_test_add_func ("/ui/map-notifications/show-on-map", test_show_on_map);
  g_test_add_func ("/ui/map-notifications/render", test_render);

  status = g_test_run ();

  clear_records ();
  g_clear_object (&context);
  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);
  g_free (data_dir);

  return status;
}
