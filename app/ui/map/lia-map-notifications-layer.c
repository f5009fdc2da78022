/* lia-map-notifications-layer.c — notified sites, movements and incidents on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the parties were told, on the map beside the actors: each active
 * site is a square with its name, each notified or under-way movement a
 * line from its origin through its waypoints to its destination (dashed
 * while planned, solid once under way, red and wider in an emergency)
 * with a small marker at each end, and each incident a warning triangle.
 * Shapes differ from the actors' round markers, so that colour is never
 * the only cue.
 *
 * The store is read once per burst of changes, in an idle after its
 * "changed" signal, and only while the map is shown; never per frame.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "lia-map-notifications-layer.h"
#include "lia-notification-fields.h"

#define SITE_SIZE       18
#define INCIDENT_SIZE   20
#define END_SIZE        10
/* Sites crowd the actors further out: their names show closer in */
#define SITE_LABEL_MIN_ZOOM 8.0

typedef enum
{
  KIND_SITE,
  KIND_MOVEMENT,
  KIND_INCIDENT,
} ItemKind;

typedef struct
{
  LiaMapNotificationsLayer *layer;   /* unowned */
  ItemKind                  kind;
  char                     *uuid;
  char                     *title;
  const char               *status;  /* static, translated */
  double                    lat;
  double                    lon;
  gboolean                  emergency;
  gboolean                  under_way;
  ShumatePathLayer         *path;    /* movements */
  GtkWidget                *label;   /* sites */
  GPtrArray                *buttons; /* unowned, in the marker layers */
} Item;

struct _LiaMapNotificationsLayer
{
  GObject             parent_instance;

  ShumateMap         *map;             /* unowned: owns us through the view */
  ShumateMarkerLayer *sites_layer;
  ShumateMarkerLayer *ends_layer;
  ShumateMarkerLayer *incidents_layer;

  LiaStore           *store;
  char               *operation;
  gulong              changed_handler;
  gboolean            stale;
  guint               reload_id;

  GPtrArray          *items;           /* Item, in drawing order */
  GHashTable         *by_uuid;         /* uuid → Item, unowned */
  char               *selected_uuid;

  gboolean            show_sites;
  gboolean            show_movements;
  gboolean            show_incidents;
};

G_DEFINE_FINAL_TYPE (LiaMapNotificationsLayer, lia_map_notifications_layer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SHOW_SITES,
  PROP_SHOW_MOVEMENTS,
  PROP_SHOW_INCIDENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  ACTIVATED,
  RELOADED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
item_free (gpointer data)
{
  Item *item = data;

  g_free (item->uuid);
  g_free (item->title);
  g_clear_object (&item->path);
  g_clear_pointer (&item->buttons, g_ptr_array_unref);
  g_free (item);
}

static gboolean
is_selected (Item *item)
{
  return g_strcmp0 (item->layer->selected_uuid, item->uuid) == 0;
}

/* ---- drawing -------------------------------------------------------------- */

static void
set_rgb (cairo_t    *cr,
         const char *spec)
{
  GdkRGBA color;

  gdk_rgba_parse (&color, spec);
  gdk_cairo_set_source_rgba (cr, &color);
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   size,
              double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + size - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + size - radius, y + size - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + size - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A teal square with a white ring, and a white core when selected */
static void
draw_site (GtkDrawingArea *area,
           cairo_t        *cr,
           int             width,
           int             height,
           gpointer        user_data)
{
  Item *item = user_data;
  gboolean selected = is_selected (item);
  double size = MIN (width, height) - 3.0;

  rounded_rect (cr, 1.5, 1.5, size, 3.0);
  set_rgb (cr, "#14968e");
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, selected ? 3.0 : 2.0);
  cairo_stroke (cr);

  rounded_rect (cr, width / 2.0 - (selected ? 3.5 : 2.0), height / 2.0 - (selected ? 3.5 : 2.0),
                selected ? 7.0 : 4.0, 1.0);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
}

/* A yellow warning triangle with a dark edge and mark: it reads on the
 * light and the dark basemap alike */
static void
draw_incident (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  Item *item = user_data;
  gboolean selected = is_selected (item);
  double w = width;
  double h = height;

  cairo_move_to (cr, w / 2.0, 1.5);
  cairo_line_to (cr, w - 1.5, h - 1.5);
  cairo_line_to (cr, 1.5, h - 1.5);
  cairo_close_path (cr);
  set_rgb (cr, "#f6d32d");
  cairo_fill_preserve (cr);
  set_rgb (cr, "#3d3846");
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, selected ? 3.0 : 1.5);
  cairo_stroke (cr);

  /* The exclamation mark */
  cairo_set_line_width (cr, 2.0);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, w / 2.0, h * 0.38);
  cairo_line_to (cr, w / 2.0, h * 0.66);
  cairo_stroke (cr);
  cairo_arc (cr, w / 2.0, h * 0.80, 1.2, 0, 2 * G_PI);
  cairo_fill (cr);
}

static const char *
route_color (Item *item)
{
  return item->emergency ? "#e01b24" : "#14968e";
}

/* The ends of a route: small white dots ringed in the route's colour */
static void
draw_end (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  Item *item = user_data;
  double radius = MIN (width, height) / 2.0 - 1.5;

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill_preserve (cr);
  set_rgb (cr, route_color (item));
  cairo_set_line_width (cr, is_selected (item) ? 3.0 : 2.0);
  cairo_stroke (cr);
}

static void
update_path_style (Item *item)
{
  GdkRGBA color;
  double width = item->emergency ? 4.0 : 3.0;

  gdk_rgba_parse (&color, route_color (item));
  color.alpha = 0.9;
  shumate_path_layer_set_stroke_color (item->path, &color);
  shumate_path_layer_set_stroke_width (item->path, is_selected (item) ? width + 2.0 : width);
}

/* ---- markers -------------------------------------------------------------- */

static void
marker_clicked_cb (GtkButton *button,
                   Item      *item)
{
  g_signal_emit (item->layer, signals[ACTIVATED], 0, item->uuid, button);
}

static GtkWidget *
add_marker (Item                  *item,
            ShumateMarkerLayer    *marker_layer,
            double                 lat,
            double                 lon,
            int                    size,
            GtkDrawingAreaDrawFunc draw,
            const char            *css_class,
            const char            *accessible_label,
            const char            *tooltip,
            GtkWidget             *label)
{
  GtkWidget *dot = gtk_drawing_area_new ();
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_center_box_new ();
  ShumateMarker *marker = shumate_marker_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), size);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), size);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw, item, NULL);

  gtk_button_set_child (GTK_BUTTON (button), dot);
  gtk_widget_add_css_class (button, "map-marker");
  gtk_widget_add_css_class (button, css_class);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label, -1);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "clicked", G_CALLBACK (marker_clicked_cb), item);

  /* As for actors: the symbol sits on the place, the name beside it */
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (box), button);
  if (label != NULL)
    gtk_center_box_set_end_widget (GTK_CENTER_BOX (box), label);

  shumate_marker_set_selectable (marker, FALSE);
  shumate_marker_set_child (marker, box);
  shumate_location_set_location (SHUMATE_LOCATION (marker), lat, lon);
  shumate_marker_layer_add_marker (marker_layer, marker);
  g_ptr_array_add (item->buttons, button);

  return button;
}

static Item *
new_item (LiaMapNotificationsLayer *self,
          ItemKind                  kind,
          LiaRecord                *record)
{
  Item *item = g_new0 (Item, 1);

  item->layer = self;
  item->kind = kind;
  item->uuid = g_strdup (lia_record_get_uuid (record));
  item->title = lia_notify_record_title (record);
  item->status = lia_notify_record_status_label (record);
  item->buttons = g_ptr_array_new ();
  g_ptr_array_add (self->items, item);
  g_hash_table_insert (self->by_uuid, item->uuid, item);

  return item;
}

static void
add_site (LiaMapNotificationsLayer *self,
          LiaSiteNotification      *site)
{
  Item *item = new_item (self, KIND_SITE, LIA_RECORD (site));
  const char *type = lia_notify_enum_get_label (LIA_TYPE_FACILITY_TYPE,
                                                lia_site_notification_get_facility_type (site));
  g_autofree char *accessible = g_strdup_printf (_("Site: %s"), item->title);
  /* Translators: a notified site's tooltip on the map, "Orrin health centre — Health facility" */
  g_autofree char *tooltip = g_strdup_printf (_("%s — %s"), accessible, type);

  lia_site_notification_get_location (site, &item->lat, &item->lon);
  item->label = gtk_label_new (item->title);
  gtk_widget_add_css_class (item->label, "map-marker-label");
  gtk_widget_set_can_target (item->label, FALSE);
  gtk_widget_set_valign (item->label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (item->label, 2);
  add_marker (item, self->sites_layer, item->lat, item->lon, SITE_SIZE, draw_site,
              "map-site", accessible, tooltip, item->label);
}

static void
add_movement (LiaMapNotificationsLayer *self,
              LiaMovementNotification  *movement,
              ShumateLayer             *above)
{
  ShumateViewport *viewport = shumate_map_get_viewport (self->map);
  Item *item;
  guint n_points = 0;
  g_autofree LiaNotifyPoint *route = lia_movement_notification_dup_route (movement, &n_points);
  g_autofree char *accessible = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;

  if (route == NULL || n_points < 2)
    return;

  item = new_item (self, KIND_MOVEMENT, LIA_RECORD (movement));
  item->emergency = lia_movement_notification_get_emergency (movement);
  item->under_way = lia_movement_notification_get_status (movement) == LIA_MOVEMENT_STATUS_UNDER_WAY;
  /* The middle of the route's extent, for "Show on Map" */
  {
    double south = 90, north = -90, west = 180, east = -180;

    for (guint i = 0; i < n_points; i++)
      {
        south = MIN (south, route[i].lat);
        north = MAX (north, route[i].lat);
        west = MIN (west, route[i].lon);
        east = MAX (east, route[i].lon);
      }
    item->lat = (south + north) / 2.0;
    item->lon = (west + east) / 2.0;
  }

  item->path = g_object_ref_sink (shumate_path_layer_new (viewport));
  for (guint i = 0; i < n_points; i++)
    shumate_path_layer_add_node (item->path,
                                 SHUMATE_LOCATION (shumate_coordinate_new_full (route[i].lat, route[i].lon)));
  shumate_path_layer_set_stroke (item->path, TRUE);
  shumate_path_layer_set_fill (item->path, FALSE);
  if (!item->under_way)
    {
      /* Planned: dashed (the list is copied) */
      GList *dash = NULL;

      dash = g_list_append (dash, GUINT_TO_POINTER (10));
      dash = g_list_append (dash, GUINT_TO_POINTER (6));
      shumate_path_layer_set_dash (item->path, dash);
      g_list_free (dash);
    }
  update_path_style (item);
  gtk_widget_set_visible (GTK_WIDGET (item->path), self->show_movements);
  shumate_map_insert_layer_behind (self->map, SHUMATE_LAYER (item->path), above);

  accessible = g_strdup_printf (_("Movement: %s"), item->title);
  /* Translators: the tooltip of a movement's first point on the map */
  start = g_strdup_printf (_("%s (start)"), accessible);
  /* Translators: the tooltip of a movement's last point on the map */
  end = g_strdup_printf (_("%s (end)"), accessible);
  add_marker (item, self->ends_layer, route[0].lat, route[0].lon, END_SIZE, draw_end,
              "map-route-end", start, start, NULL);
  add_marker (item, self->ends_layer, route[n_points - 1].lat, route[n_points - 1].lon, END_SIZE, draw_end,
              "map-route-end", end, end, NULL);
}

static void
add_incident (LiaMapNotificationsLayer *self,
              LiaIncident              *incident)
{
  const LiaNotifyPoint *location = lia_incident_get_location (incident);
  Item *item;
  g_autofree char *accessible = NULL;

  if (location == NULL)
    return;

  item = new_item (self, KIND_INCIDENT, LIA_RECORD (incident));
  item->lat = location->lat;
  item->lon = location->lon;
  accessible = g_strdup_printf (_("Incident: %s"), item->title);
  add_marker (item, self->incidents_layer, item->lat, item->lon, INCIDENT_SIZE, draw_incident,
              "map-incident", accessible, accessible, NULL);
}

/* ---- state ---------------------------------------------------------------- */

static void
update_labels (LiaMapNotificationsLayer *self)
{
  gboolean close_in;

  if (self->map == NULL)
    return;

  close_in = shumate_viewport_get_zoom_level (shumate_map_get_viewport (self->map)) >= SITE_LABEL_MIN_ZOOM;
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->label != NULL)
        gtk_widget_set_visible (item->label, close_in || is_selected (item));
    }
}

static void
update_selection (LiaMapNotificationsLayer *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);
      gboolean selected = is_selected (item);

      if (item->label != NULL)
        {
          if (selected)
            gtk_widget_add_css_class (item->label, "selected");
          else
            gtk_widget_remove_css_class (item->label, "selected");
        }
      if (item->path != NULL)
        update_path_style (item);
      for (guint j = 0; j < item->buttons->len; j++)
        {
          GtkWidget *button = g_ptr_array_index (item->buttons, j);

          gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
          gtk_widget_queue_draw (gtk_button_get_child (GTK_BUTTON (button)));
        }
    }
  update_labels (self);
}

static void
clear (LiaMapNotificationsLayer *self)
{
  shumate_marker_layer_remove_all (self->sites_layer);
  shumate_marker_layer_remove_all (self->ends_layer);
  shumate_marker_layer_remove_all (self->incidents_layer);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->path != NULL && self->map != NULL)
        shumate_map_remove_layer (self->map, SHUMATE_LAYER (item->path));
    }
  g_hash_table_remove_all (self->by_uuid);
  g_ptr_array_set_size (self->items, 0);
}

static gboolean
is_live (LiaRecord *record)
{
  return !lia_record_get_tombstone (record);
}

static void
reload (LiaMapNotificationsLayer *self)
{
  g_autoptr(GPtrArray) sites = NULL;
  g_autoptr(GPtrArray) movements = NULL;
  g_autoptr(GPtrArray) incidents = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->stale = FALSE;
  clear (self);
  if (self->store == NULL || self->map == NULL)
    return;

  if (!(sites = lia_store_list (self->store, "site-notification", self->operation, &error)) ||
      !(movements = lia_store_list (self->store, "movement-notification", self->operation, &error)) ||
      !(incidents = lia_store_list (self->store, "incident", self->operation, &error)))
    {
      g_warning ("Cannot read the notifications for the map: %s", error->message);
      return;
    }

  for (guint i = 0; i < movements->len; i++)
    {
      LiaMovementNotification *movement = g_ptr_array_index (movements, i);
      LiaMovementStatus status = lia_movement_notification_get_status (movement);

      if (is_live (LIA_RECORD (movement)) &&
          (status == LIA_MOVEMENT_STATUS_NOTIFIED || status == LIA_MOVEMENT_STATUS_UNDER_WAY))
        add_movement (self, movement, SHUMATE_LAYER (self->ends_layer));
    }
  for (guint i = 0; i < sites->len; i++)
    {
      LiaSiteNotification *site = g_ptr_array_index (sites, i);

      if (is_live (LIA_RECORD (site)) && lia_site_notification_get_status (site) == LIA_SITE_STATUS_ACTIVE)
        add_site (self, site);
    }
  for (guint i = 0; i < incidents->len; i++)
    if (is_live (g_ptr_array_index (incidents, i)))
      add_incident (self, g_ptr_array_index (incidents, i));

  update_selection (self);
  g_signal_emit (self, signals[RELOADED], 0);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  LiaMapNotificationsLayer *self = user_data;

  self->reload_id = 0;
  reload (self);

  return G_SOURCE_REMOVE;
}

/* A burst of saves is read once, and a map out of sight not at all */
static void
schedule_reload (LiaMapNotificationsLayer *self)
{
  self->stale = TRUE;
  if (self->reload_id == 0 && self->map != NULL && gtk_widget_get_mapped (GTK_WIDGET (self->map)))
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
map_mapped_cb (LiaMapNotificationsLayer *self)
{
  if (self->stale)
    schedule_reload (self);
}

static void
set_layer_visible (LiaMapNotificationsLayer *self,
                   gboolean                 *field,
                   gboolean                  visible,
                   guint                     prop)
{
  visible = !!visible;
  if (*field == visible)
    return;

  *field = visible;
  gtk_widget_set_visible (GTK_WIDGET (self->sites_layer), self->show_sites);
  gtk_widget_set_visible (GTK_WIDGET (self->incidents_layer), self->show_incidents);
  gtk_widget_set_visible (GTK_WIDGET (self->ends_layer), self->show_movements);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->path != NULL)
        gtk_widget_set_visible (GTK_WIDGET (item->path), self->show_movements);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* ---- object --------------------------------------------------------------- */

static void
lia_map_notifications_layer_dispose (GObject *object)
{
  LiaMapNotificationsLayer *self = (LiaMapNotificationsLayer *)object;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);
  if (self->items != NULL)
    g_ptr_array_set_size (self->items, 0);
  if (self->by_uuid != NULL)
    g_hash_table_remove_all (self->by_uuid);
  self->map = NULL;

  G_OBJECT_CLASS (lia_map_notifications_layer_parent_class)->dispose (object);
}

static void
lia_map_notifications_layer_finalize (GObject *object)
{
  LiaMapNotificationsLayer *self = (LiaMapNotificationsLayer *)object;

  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_free (self->operation);
  g_free (self->selected_uuid);

  G_OBJECT_CLASS (lia_map_notifications_layer_parent_class)->finalize (object);
}

static void
lia_map_notifications_layer_get_property (GObject    *object,
                                          guint       prop_id,
                                          GValue     *value,
                                          GParamSpec *pspec)
{
  LiaMapNotificationsLayer *self = LIA_MAP_NOTIFICATIONS_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_SITES:
      g_value_set_boolean (value, self->show_sites);
      break;
    case PROP_SHOW_MOVEMENTS:
      g_value_set_boolean (value, self->show_movements);
      break;
    case PROP_SHOW_INCIDENTS:
      g_value_set_boolean (value, self->show_incidents);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_map_notifications_layer_set_property (GObject      *object,
                                          guint         prop_id,
                                          const GValue *value,
                                          GParamSpec   *pspec)
{
  LiaMapNotificationsLayer *self = LIA_MAP_NOTIFICATIONS_LAYER (object);

  switch (prop_id)
    {
    case PROP_SHOW_SITES:
      set_layer_visible (self, &self->show_sites, g_value_get_boolean (value), prop_id);
      break;
    case PROP_SHOW_MOVEMENTS:
      set_layer_visible (self, &self->show_movements, g_value_get_boolean (value), prop_id);
      break;
    case PROP_SHOW_INCIDENTS:
      set_layer_visible (self, &self->show_incidents, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_map_notifications_layer_class_init (LiaMapNotificationsLayerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = lia_map_notifications_layer_dispose;
  object_class->finalize = lia_map_notifications_layer_finalize;
  object_class->get_property = lia_map_notifications_layer_get_property;
  object_class->set_property = lia_map_notifications_layer_set_property;

  properties[PROP_SHOW_SITES] =
    g_param_spec_boolean ("show-sites", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_MOVEMENTS] =
    g_param_spec_boolean ("show-movements", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_INCIDENTS] =
    g_param_spec_boolean ("show-incidents", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, GTK_TYPE_WIDGET);
  signals[RELOADED] =
    g_signal_new ("reloaded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
lia_map_notifications_layer_init (LiaMapNotificationsLayer *self)
{
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->show_sites = TRUE;
  self->show_movements = TRUE;
  self->show_incidents = TRUE;
}

LiaMapNotificationsLayer *
lia_map_notifications_layer_new (ShumateMap   *map,
                                 ShumateLayer *above)
{
  LiaMapNotificationsLayer *self;
  ShumateViewport *viewport;

  g_return_val_if_fail (SHUMATE_IS_MAP (map), NULL);
  g_return_val_if_fail (SHUMATE_IS_LAYER (above), NULL);

  self = g_object_new (LIA_TYPE_MAP_NOTIFICATIONS_LAYER, NULL);
  self->map = map;
  viewport = shumate_map_get_viewport (map);

  /* From the bottom: routes, their ends, sites, incidents, then @above */
  self->incidents_layer = shumate_marker_layer_new_full (viewport, GTK_SELECTION_NONE);
  self->sites_layer = shumate_marker_layer_new_full (viewport, GTK_SELECTION_NONE);
  self->ends_layer = shumate_marker_layer_new_full (viewport, GTK_SELECTION_NONE);
  shumate_map_insert_layer_behind (map, SHUMATE_LAYER (self->incidents_layer), above);
  shumate_map_insert_layer_behind (map, SHUMATE_LAYER (self->sites_layer), SHUMATE_LAYER (self->incidents_layer));
  shumate_map_insert_layer_behind (map, SHUMATE_LAYER (self->ends_layer), SHUMATE_LAYER (self->sites_layer));

  g_signal_connect_object (viewport, "notify::zoom-level", G_CALLBACK (update_labels), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (map, "map", G_CALLBACK (map_mapped_cb), self, G_CONNECT_SWAPPED);

  return self;
}

void
lia_map_notifications_layer_set_store (LiaMapNotificationsLayer *self,
                                       LiaStore                 *store,
                                       const char               *operation)
{
  g_return_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self));
  g_return_if_fail (store == NULL || LIA_IS_STORE (store));

  g_clear_signal_handler (&self->changed_handler, self->store);
  g_set_object (&self->store, store);
  g_free (self->operation);
  self->operation = g_strdup (operation);
  if (store != NULL)
    self->changed_handler = g_signal_connect_object (store, "changed", G_CALLBACK (schedule_reload),
                                                     self, G_CONNECT_SWAPPED);
  reload (self);
}

void
lia_map_notifications_layer_invalidate (LiaMapNotificationsLayer *self)
{
  g_return_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self));

  schedule_reload (self);
}

void
lia_map_notifications_layer_flush (LiaMapNotificationsLayer *self)
{
  g_return_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self));

  if (self->stale)
    reload (self);
}

ShumateLayer *
lia_map_notifications_layer_get_bottom (LiaMapNotificationsLayer *self)
{
  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), NULL);

  /* Routes are inserted right below their ends: the first is lowest */
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->path != NULL)
        return SHUMATE_LAYER (item->path);
    }

  return SHUMATE_LAYER (self->ends_layer);
}

void
lia_map_notifications_layer_set_selected_uuid (LiaMapNotificationsLayer *self,
                                               const char               *uuid)
{
  g_return_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self));

  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);
  update_selection (self);
}

gboolean
lia_map_notifications_layer_lookup (LiaMapNotificationsLayer  *self,
                                    const char                *uuid,
                                    double                    *lat,
                                    double                    *lon,
                                    const char               **title,
                                    const char               **status)
{
  Item *item;

  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), FALSE);

  if (uuid == NULL || (item = g_hash_table_lookup (self->by_uuid, uuid)) == NULL)
    return FALSE;

  if (lat != NULL)
    *lat = item->lat;
  if (lon != NULL)
    *lon = item->lon;
  if (title != NULL)
    *title = item->title;
  if (status != NULL)
    *status = item->status;

  return TRUE;
}

const char *
lia_map_notifications_layer_get_kind (LiaMapNotificationsLayer *self,
                                      const char               *uuid)
{
  Item *item;

  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), NULL);

  if (uuid == NULL || (item = g_hash_table_lookup (self->by_uuid, uuid)) == NULL)
    return NULL;

  switch (item->kind)
    {
    case KIND_SITE: return "sites";
    case KIND_MOVEMENT: return "movements";
    case KIND_INCIDENT: default: return "incidents";
    }
}

static guint
count (LiaMapNotificationsLayer *self,
       ItemKind                  kind)
{
  guint n = 0;

  for (guint i = 0; i < self->items->len; i++)
    n += ((Item *)g_ptr_array_index (self->items, i))->kind == kind;

  return n;
}

guint
lia_map_notifications_layer_get_n_sites (LiaMapNotificationsLayer *self)
{
  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), 0);

  return count (self, KIND_SITE);
}

guint
lia_map_notifications_layer_get_n_routes (LiaMapNotificationsLayer *self)
{
  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), 0);

  return count (self, KIND_MOVEMENT);
}

guint
lia_map_notifications_layer_get_n_route_points (LiaMapNotificationsLayer *self)
{
  guint n = 0;

  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), 0);

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = g_ptr_array_index (self->items, i);

      if (item->path != NULL)
        {
          GList *nodes = shumate_path_layer_get_nodes (item->path);

          n += g_list_length (nodes);
          g_list_free (nodes);
        }
    }

  return n;
}

guint
lia_map_notifications_layer_get_n_incidents (LiaMapNotificationsLayer *self)
{
  g_return_val_if_fail (LIA_IS_MAP_NOTIFICATIONS_LAYER (self), 0);

  return count (self, KIND_INCIDENT);
}
