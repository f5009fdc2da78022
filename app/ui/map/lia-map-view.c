/* lia-map-view.c — the offline map: basemap, user MBTiles, actors on top
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateSimpleMap (scale, compass, zoom buttons, licence) whose base
 * layer is the Natural Earth world map drawn by LiaBasemap, never fetched
 * from a network.  Above it, from the bottom: the user's MBTiles files from
 * <data dir>/maps/ (sorted by file name), one path layer per area of
 * operation, and one marker layer with a marker per actor location.
 *
 * Each marker is a round button on the location (its accessible label is
 * the actor's name, so Tab and a screen reader reach every actor) with
 * the name beside it; activating it selects the actor.  The selection is
 * the "selected-uuid" property, which the Actors page binds to the graph's.
 *
 * Between the areas and the actors, LiaMapNotificationsLayer draws the
 * operation's notified sites, movements and incidents.  Activating one of
 * them sets "selected-notification-uuid", a selection of its own (the
 * actor editor has nothing to show for a site), and opens a small popover
 * that leads to the Notifications page ("win.show-notification").  The
 * Layers button in the map's corner hides or shows each kind of thing.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "lia-basemap-source.h"
#include "lia-map-notifications-layer.h"
#include "lia-map-view.h"
#include "lia-mbtiles-source.h"

#define MARKER_DOT_SIZE 16
/* Below this zoom level actors crowd together: only the selected one is
 * named, the others keep their dot and tooltip */
#define LABEL_MIN_ZOOM  6.0

typedef struct
{
  LiaMapView    *view;     /* unowned */
  char          *uuid;
  GdkRGBA        color;
  ShumateMarker *marker;   /* owned by the marker layer */
  GtkWidget     *button;
  GtkWidget     *label;
} MarkerInfo;

typedef struct
{
  char             *uuid;
  ShumatePathLayer *layer;
  GdkRGBA           color;
} AreaInfo;

struct _LiaMapView
{
  GtkWidget           parent_instance;

  GtkWidget          *overlay;
  ShumateSimpleMap   *simple_map;
  ShumateMarkerLayer *marker_layer;
  LiaMapNotificationsLayer *notifications;
  GtkWidget          *layers_button;
  GtkWidget          *actors_check;
  GtkWidget          *mbtiles_check;
  GtkWidget          *popover;          /* of the selected notification */
  GtkWidget          *popover_title;
  GtkWidget          *popover_status;
  GtkWidget          *popover_open;
  LiaBasemapSource   *basemap_source;
  ShumateMapSource   *basemap_renderer;

  LiaContext         *context;
  LiaActorGraph      *graph;
  char               *selected_uuid;
  char               *selected_notification_uuid;
  char               *operation;
  gboolean            snapping;

  GPtrArray          *markers;          /* MarkerInfo */
  GPtrArray          *areas;            /* AreaInfo */
  GPtrArray          *mbtiles_layers;   /* ShumateMapLayer */
  GPtrArray          *mbtiles_sources;  /* LiaMbtilesSource */
};

G_DEFINE_FINAL_TYPE (LiaMapView, lia_map_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED_UUID,
  PROP_SELECTED_NOTIFICATION_UUID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One colour per actor type, from the GNOME palette, and always with the
 * name beside it: colour is never the only cue */
static const char * const type_colors[] = {
  [LIA_ACTOR_TYPE_STATE_FORCES] = "#1c71d8",
  [LIA_ACTOR_TYPE_REBEL_GROUP] = "#c01c28",
  [LIA_ACTOR_TYPE_POLITICAL_MILITIA] = "#e66100",
  [LIA_ACTOR_TYPE_IDENTITY_MILITIA] = "#865e3c",
  [LIA_ACTOR_TYPE_EXTERNAL_FORCES] = "#613583",
  [LIA_ACTOR_TYPE_PEACEKEEPING] = "#62a0ea",
  [LIA_ACTOR_TYPE_POLICE] = "#1a5fb4",
  [LIA_ACTOR_TYPE_PRIVATE_SECURITY] = "#5e5c64",
  [LIA_ACTOR_TYPE_GOVERNMENT] = "#9141ac",
  [LIA_ACTOR_TYPE_HUMANITARIAN] = "#26a269",
  [LIA_ACTOR_TYPE_CIVIL_SOCIETY] = "#c88800",
  [LIA_ACTOR_TYPE_OTHER] = "#77767b",
};

static void
color_for_actor (LiaActor *actor,
                 GdkRGBA  *color)
{
  guint type = lia_actor_get_actor_type (actor);

  if (type >= G_N_ELEMENTS (type_colors) || type_colors[type] == NULL)
    type = LIA_ACTOR_TYPE_OTHER;
  gdk_rgba_parse (color, type_colors[type]);
}

static void
marker_info_free (gpointer data)
{
  MarkerInfo *info = data;

  g_free (info->uuid);
  g_free (info);
}

static void
area_info_free (gpointer data)
{
  AreaInfo *info = data;

  g_free (info->uuid);
  g_clear_object (&info->layer);
  g_free (info);
}

static gboolean
is_selected (LiaMapView *self,
             const char *uuid)
{
  return self->selected_uuid != NULL && g_strcmp0 (self->selected_uuid, uuid) == 0;
}

/* Basemap */

static void
update_basemap (LiaMapView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_autoptr(ShumateRasterRenderer) renderer = NULL;

  /* The world map itself is read off the UI thread, by the first tile */
  g_clear_object (&self->basemap_source);
  self->basemap_source = lia_basemap_source_new (NULL, dark);
  renderer = shumate_raster_renderer_new_full (dark ? "liaison-basemap-dark" : "liaison-basemap",
                                               _("World map"),
                                               LIA_BASEMAP_LICENSE,
                                               "https://www.naturalearthdata.com/",
                                               0, LIA_BASEMAP_MAX_ZOOM,
                                               LIA_BASEMAP_TILE_SIZE,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (self->basemap_source));
  shumate_simple_map_set_map_source (self->simple_map, SHUMATE_MAP_SOURCE (renderer));
  g_set_object (&self->basemap_renderer, SHUMATE_MAP_SOURCE (renderer));

  /* The basemap's credit first, as before the switch */
  for (guint i = 0; self->mbtiles_layers != NULL && i < self->mbtiles_layers->len; i++)
    {
      ShumateLicense *license = shumate_simple_map_get_license (self->simple_map);
      g_autoptr(ShumateMapSource) source = NULL;

      g_object_get (g_ptr_array_index (self->mbtiles_layers, i), "map-source", &source, NULL);
      shumate_license_remove_map_source (license, source);
      shumate_license_append_map_source (license, source);
    }
}

static void
on_dark_changed (LiaMapView *self)
{
  update_basemap (self);
}

/* User MBTiles */

static char *
get_maps_dir (LiaMapView *self)
{
  g_autofree char *data_dir = NULL;

  if (self->context == NULL)
    return NULL;

  data_dir = g_path_get_dirname (lia_store_get_path (lia_context_get_store (self->context)));

  return g_build_filename (data_dir, "maps", NULL);
}

static void
add_mbtiles_layer (LiaMapView *self,
                   LiaMbtiles *mbtiles)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  g_autoptr(LiaMbtilesSource) source = lia_mbtiles_source_new (mbtiles);
  g_autoptr(ShumateRasterRenderer) renderer = NULL;
  g_autofree char *id = g_strconcat ("mbtiles:", lia_mbtiles_get_path (mbtiles), NULL);
  const char *attribution = lia_mbtiles_get_attribution (mbtiles);
  ShumateMapLayer *layer;

  renderer = shumate_raster_renderer_new_full (id,
                                               lia_mbtiles_get_name (mbtiles),
                                               attribution ? attribution : lia_mbtiles_get_name (mbtiles),
                                               NULL,
                                               lia_mbtiles_get_min_zoom (mbtiles),
                                               lia_mbtiles_get_max_zoom (mbtiles),
                                               LIA_BASEMAP_TILE_SIZE,
                                               SHUMATE_MAP_PROJECTION_MERCATOR,
                                               SHUMATE_DATA_SOURCE (source));
  layer = shumate_map_layer_new (SHUMATE_MAP_SOURCE (renderer), viewport);

  /* Above the other user maps, below areas and markers.  (libshumate
   * 1.0.3 declares shumate_simple_map_insert_overlay_layer() but does not
   * export it: the layers go into the ShumateMap itself.) */
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (layer),
                                   self->areas->len > 0
                                     ? SHUMATE_LAYER (((AreaInfo *)g_ptr_array_index (self->areas, 0))->layer)
                                     : lia_map_notifications_layer_get_bottom (self->notifications));
  gtk_widget_set_visible (GTK_WIDGET (layer), gtk_check_button_get_active (GTK_CHECK_BUTTON (self->mbtiles_check)));
  gtk_widget_set_visible (self->mbtiles_check, TRUE);
  shumate_license_append_map_source (shumate_simple_map_get_license (self->simple_map),
                                     SHUMATE_MAP_SOURCE (renderer));
  g_ptr_array_add (self->mbtiles_layers, g_object_ref (layer));
  g_ptr_array_add (self->mbtiles_sources, g_steal_pointer (&source));
}

static void
clear_mbtiles_layers (LiaMapView *self)
{
  for (guint i = 0; i < self->mbtiles_layers->len; i++)
    shumate_map_remove_layer (shumate_simple_map_get_map (self->simple_map),
                              g_ptr_array_index (self->mbtiles_layers, i));
  g_ptr_array_set_size (self->mbtiles_layers, 0);
  g_ptr_array_set_size (self->mbtiles_sources, 0);
  gtk_widget_set_visible (self->mbtiles_check, FALSE);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static void
load_mbtiles_layers (LiaMapView *self)
{
  g_autofree char *maps_dir = get_maps_dir (self);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  clear_mbtiles_layers (self);
  if (maps_dir == NULL || (dir = g_dir_open (maps_dir, 0, NULL)) == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".mbtiles") && name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (maps_dir, g_ptr_array_index (names, i), NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(LiaMbtiles) mbtiles = lia_mbtiles_open (path, &error);

      /* A file that went bad since its import is skipped, not fatal */
      if (mbtiles == NULL)
        g_message ("%s", error->message);
      else
        add_mbtiles_layer (self, mbtiles);
    }
}

/* Actors */

static void
draw_dot (GtkDrawingArea *area,
          cairo_t        *cr,
          int             width,
          int             height,
          gpointer        user_data)
{
  MarkerInfo *info = user_data;
  gboolean selected = is_selected (info->view, info->uuid);
  double radius = MIN (width, height) / 2.0 - 1.5;

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  gdk_cairo_set_source_rgba (cr, &info->color);
  cairo_fill_preserve (cr);
  /* A white ring reads on any basemap; the selected one is doubled */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, selected ? 3.0 : 2.0);
  cairo_stroke (cr);
  if (selected)
    {
      cairo_arc (cr, width / 2.0, height / 2.0, radius - 3.5, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill (cr);
    }
}

static void
on_marker_clicked (GtkButton  *button,
                   MarkerInfo *info)
{
  lia_map_view_set_selected_uuid (info->view, info->uuid);
}

/* The actor's name in the interface's language when it has one, walking
 * the languages as gettext does */
static const char *
get_actor_name (LiaActor *actor)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *code = g_strndup (names[i], strcspn (names[i], "_.@"));
      const char *name;

      if (g_str_equal (code, "C") || g_str_equal (code, "POSIX"))
        break;
      if ((name = lia_actor_get_localized_name (actor, code)) != NULL)
        return name;
    }

  return lia_actor_get_name (actor);
}

static void
add_marker (LiaMapView             *self,
            LiaActor               *actor,
            const LiaActorLocation *location)
{
  MarkerInfo *info = g_new0 (MarkerInfo, 1);
  const char *name = get_actor_name (actor);
  GtkWidget *box = gtk_center_box_new ();
  GtkWidget *dot = gtk_drawing_area_new ();
  g_autofree char *tooltip = NULL;

  info->view = self;
  info->uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (actor)));
  color_for_actor (actor, &info->color);

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (dot), MARKER_DOT_SIZE);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (dot), MARKER_DOT_SIZE);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (dot), draw_dot, info, NULL);

  info->button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (info->button), dot);
  gtk_widget_add_css_class (info->button, "map-marker");
  gtk_accessible_update_property (GTK_ACCESSIBLE (info->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  if (location->place != NULL && *location->place != '\0')
    tooltip = g_strdup_printf ("%s — %s", name, location->place);
  gtk_widget_set_tooltip_text (info->button, tooltip ? tooltip : name);
  g_signal_connect (info->button, "clicked", G_CALLBACK (on_marker_clicked), info);

  /* The dot sits on the location: the centre box keeps it in the middle */
  info->label = gtk_label_new (name);
  gtk_widget_add_css_class (info->label, "map-marker-label");
  gtk_widget_set_can_target (info->label, FALSE);
  gtk_widget_set_valign (info->label, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (info->label, 2);
  gtk_center_box_set_center_widget (GTK_CENTER_BOX (box), info->button);
  gtk_center_box_set_end_widget (GTK_CENTER_BOX (box), info->label);

  info->marker = shumate_marker_new ();
  shumate_marker_set_selectable (info->marker, FALSE);
  shumate_marker_set_child (info->marker, box);
  shumate_location_set_location (SHUMATE_LOCATION (info->marker), location->lat, location->lon);
  shumate_marker_layer_add_marker (self->marker_layer, info->marker);

  g_ptr_array_add (self->markers, info);
}

static void
add_area (LiaMapView        *self,
          LiaActor          *actor,
          const LiaGeoPoint *ring,
          guint              n_points)
{
  ShumateViewport *viewport = shumate_simple_map_get_viewport (self->simple_map);
  AreaInfo *info = g_new0 (AreaInfo, 1);

  info->uuid = g_strdup (lia_record_get_uuid (LIA_RECORD (actor)));
  color_for_actor (actor, &info->color);
  info->layer = g_object_ref_sink (shumate_path_layer_new (viewport));
  for (guint i = 0; i < n_points; i++)
    shumate_path_layer_add_node (info->layer,
                                 SHUMATE_LOCATION (shumate_coordinate_new_full (ring[i].lat, ring[i].lon)));
  shumate_path_layer_set_closed (info->layer, TRUE);
  shumate_path_layer_set_fill (info->layer, TRUE);
  shumate_path_layer_set_stroke (info->layer, TRUE);

  /* Below the notifications and the markers, above the user maps */
  shumate_map_insert_layer_behind (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (info->layer),
                                   lia_map_notifications_layer_get_bottom (self->notifications));
  gtk_widget_set_visible (GTK_WIDGET (info->layer), gtk_check_button_get_active (GTK_CHECK_BUTTON (self->actors_check)));
  g_ptr_array_add (self->areas, info);
}

static void
update_area_style (LiaMapView *self,
                   AreaInfo   *info)
{
  gboolean selected = is_selected (self, info->uuid);
  GdkRGBA fill = info->color;
  GdkRGBA stroke = info->color;

  fill.alpha = selected ? 0.35 : 0.2;
  stroke.alpha = 0.9;
  shumate_path_layer_set_fill_color (info->layer, &fill);
  shumate_path_layer_set_stroke_color (info->layer, &stroke);
  shumate_path_layer_set_stroke_width (info->layer, selected ? 4.0 : 2.0);
}

static void
update_labels (LiaMapView *self)
{
  ShumateViewport *viewport;
  gboolean close_in;

  /* The viewport may still speak while the view is disposed */
  if (self->simple_map == NULL)
    return;

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  close_in = shumate_viewport_get_zoom_level (viewport) >= LABEL_MIN_ZOOM;

  for (guint i = 0; i < self->markers->len; i++)
    {
      MarkerInfo *info = g_ptr_array_index (self->markers, i);

      gtk_widget_set_visible (info->label, close_in || is_selected (self, info->uuid));
    }
}

static void
update_selection (LiaMapView *self)
{
  for (guint i = 0; i < self->markers->len; i++)
    {
      MarkerInfo *info = g_ptr_array_index (self->markers, i);
      gboolean selected = is_selected (self, info->uuid);

      if (selected)
        {
          gtk_widget_add_css_class (info->label, "selected");
          /* Drawn last, so above its neighbours */
          gtk_widget_insert_before (GTK_WIDGET (info->marker), GTK_WIDGET (self->marker_layer), NULL);
        }
      else
        gtk_widget_remove_css_class (info->label, "selected");
      gtk_accessible_update_state (GTK_ACCESSIBLE (info->button),
                                   GTK_ACCESSIBLE_STATE_SELECTED, selected, -1);
      gtk_widget_queue_draw (gtk_button_get_child (GTK_BUTTON (info->button)));
    }

  for (guint i = 0; i < self->areas->len; i++)
    update_area_style (self, g_ptr_array_index (self->areas, i));
  update_labels (self);
}

static void
clear_actors (LiaMapView *self)
{
  shumate_marker_layer_remove_all (self->marker_layer);
  g_ptr_array_set_size (self->markers, 0);
  for (guint i = 0; i < self->areas->len; i++)
    {
      AreaInfo *info = g_ptr_array_index (self->areas, i);

      shumate_map_remove_layer (shumate_simple_map_get_map (self->simple_map), SHUMATE_LAYER (info->layer));
    }
  g_ptr_array_set_size (self->areas, 0);
}

/* libshumate 1.0 draws each tile where the view's centre puts it, to the
 * fraction of a pixel; the renderer then blurs every tile and leaves a
 * faint seam between neighbours.  At a whole zoom level the centre is
 * moved, by less than half a pixel, so that tiles fall on whole pixels. */
static void
snap_to_pixels (LiaMapView *self)
{
  ShumateMap *map;
  ShumateViewport *viewport;
  double zoom, half_width, half_height;
  double x, y, snapped_x, snapped_y;

  if (self->snapping || self->simple_map == NULL || self->basemap_renderer == NULL)
    return;

  map = shumate_simple_map_get_map (self->simple_map);
  viewport = shumate_map_get_viewport (map);
  zoom = shumate_viewport_get_zoom_level (viewport);
  half_width = gtk_widget_get_width (GTK_WIDGET (map)) / 2.0;
  half_height = gtk_widget_get_height (GTK_WIDGET (map)) / 2.0;
  if (zoom != floor (zoom) || shumate_viewport_get_rotation (viewport) != 0.0)
    return;

  x = shumate_map_source_get_x (self->basemap_renderer, zoom,
                                shumate_location_get_longitude (SHUMATE_LOCATION (viewport)));
  y = shumate_map_source_get_y (self->basemap_renderer, zoom,
                                shumate_location_get_latitude (SHUMATE_LOCATION (viewport)));
  snapped_x = round (x - half_width) + half_width;
  snapped_y = round (y - half_height) + half_height;
  if (fabs (snapped_x - x) < 1e-3 && fabs (snapped_y - y) < 1e-3)
    return;

  self->snapping = TRUE;
  shumate_location_set_location (SHUMATE_LOCATION (viewport),
                                 shumate_map_source_get_latitude (self->basemap_renderer, zoom, snapped_y),
                                 shumate_map_source_get_longitude (self->basemap_renderer, zoom, snapped_x));
  self->snapping = FALSE;
}

/* Keyboard */

/* An actor chosen in the graph may be out of view: the map then moves to
 * its first location, at the same zoom.  One already in view stays put. */
static void
reveal_selected (LiaMapView *self)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  ShumateLocation *first = NULL;

  if (width <= 0 || height <= 0)
    return;

  for (guint i = 0; i < self->markers->len; i++)
    {
      MarkerInfo *info = g_ptr_array_index (self->markers, i);
      ShumateLocation *location = SHUMATE_LOCATION (info->marker);
      double x, y;

      if (!is_selected (self, info->uuid))
        continue;

      shumate_viewport_location_to_widget_coords (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                                  shumate_location_get_latitude (location),
                                                  shumate_location_get_longitude (location),
                                                  &x, &y);
      if (x >= 0 && x < width && y >= 0 && y < height)
        return;
      if (first == NULL)
        first = location;
    }

  if (first != NULL)
    shumate_map_center_on (map, shumate_location_get_latitude (first), shumate_location_get_longitude (first));
}

/* A whole zoom level at a time: libshumate 1.0's own zoom steps by 0.2,
 * too little for a key press */
static void
zoom_by (LiaMapView *self,
         int         delta)
{
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double zoom = round (shumate_viewport_get_zoom_level (viewport)) + delta;
  gboolean animate = FALSE;

  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &animate, NULL);
  zoom = CLAMP (zoom, shumate_viewport_get_min_zoom_level (viewport),
                shumate_viewport_get_max_zoom_level (viewport));
  shumate_map_go_to_full_with_duration (map,
                                        shumate_location_get_latitude (SHUMATE_LOCATION (viewport)),
                                        shumate_location_get_longitude (SHUMATE_LOCATION (viewport)),
                                        zoom,
                                        animate ? 200 : 0);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (LIA_MAP_VIEW (widget), 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (LIA_MAP_VIEW (widget), -1);
}

/* Moves the view a quarter of its size; (1, 0) is east, (0, 1) south */
static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  LiaMapView *self = LIA_MAP_VIEW (widget);
  ShumateMap *map = shumate_simple_map_get_map (self->simple_map);
  int width = gtk_widget_get_width (GTK_WIDGET (map));
  int height = gtk_widget_get_height (GTK_WIDGET (map));
  double latitude, longitude;
  int dx, dy;

  g_variant_get (parameter, "(ii)", &dx, &dy);
  shumate_viewport_widget_coords_to_location (shumate_map_get_viewport (map), GTK_WIDGET (map),
                                              width / 2.0 + dx * width / 4.0,
                                              height / 2.0 + dy * height / 4.0,
                                              &latitude, &longitude);
  shumate_map_center_on (map, latitude, longitude);
}

/* Shows the whole area of a newly imported map */
static void
show_mbtiles_area (LiaMapView *self,
                   LiaMbtiles *mbtiles)
{
  int width = MAX (gtk_widget_get_width (GTK_WIDGET (self)), 256);
  int height = MAX (gtk_widget_get_height (GTK_WIDGET (self)), 256);
  double west, south, east, north, zoom;

  if (!lia_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north))
    return;

  /* The zoom level at which the wider side of the area fills the view */
  zoom = MIN (log2 (width * 360.0 / (LIA_BASEMAP_TILE_SIZE * (east - west))),
              log2 (height * 170.0 / (LIA_BASEMAP_TILE_SIZE * (north - south) * 1.2)));
  zoom = CLAMP (floor (zoom), lia_mbtiles_get_min_zoom (mbtiles), lia_mbtiles_get_max_zoom (mbtiles));
  lia_map_view_center_on (self, (south + north) / 2.0, (west + east) / 2.0, zoom);
}

static void
import_action_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  LiaMapView *self = LIA_MAP_VIEW (object);
  g_autoptr(GError) error = NULL;

  if (lia_map_view_import_mbtiles_finish (self, result, &error))
    {
      LiaMbtilesSource *source = g_ptr_array_index (self->mbtiles_sources, self->mbtiles_sources->len - 1);

      show_mbtiles_area (self, lia_mbtiles_source_get_mbtiles (source));
    }
  else
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("This Map Cannot Be Imported"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
}

static void
import_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    LiaMapView      *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        lia_map_view_import_mbtiles_async (self, file, NULL, import_action_cb, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/* "map.import": a file chooser, then the import in the background; the
 * page that embeds the map puts a button on it */
static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Import a Map"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"),
                                         NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (filter, _("MBTiles maps"));
  gtk_file_filter_add_pattern (filter, "*.mbtiles");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* Released in the response handler */
  g_signal_connect_object (chooser, "response", G_CALLBACK (import_response_cb), widget, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Notifications and layers */

static void
notification_activated_cb (LiaMapView *self,
                           const char *uuid,
                           GtkWidget  *button)
{
  graphene_rect_t bounds;

  lia_map_view_set_selected_notification_uuid (self, uuid);

  /* The popover points at the marker that was activated */
  if (gtk_widget_compute_bounds (button, GTK_WIDGET (self), &bounds))
    {
      GdkRectangle rect = {
        (int)bounds.origin.x, (int)bounds.origin.y,
        MAX (1, (int)bounds.size.width), MAX (1, (int)bounds.size.height),
      };

      gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
    }
  gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
popover_closed_cb (LiaMapView *self)
{
  /* Back to the map, not to the window's first widget */
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
actors_toggled_cb (LiaMapView *self)
{
  gboolean visible = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->actors_check));

  gtk_widget_set_visible (GTK_WIDGET (self->marker_layer), visible);
  for (guint i = 0; i < self->areas->len; i++)
    gtk_widget_set_visible (GTK_WIDGET (((AreaInfo *)g_ptr_array_index (self->areas, i))->layer), visible);
}

static void
mbtiles_toggled_cb (LiaMapView *self)
{
  gboolean visible = gtk_check_button_get_active (GTK_CHECK_BUTTON (self->mbtiles_check));

  for (guint i = 0; i < self->mbtiles_layers->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (self->mbtiles_layers, i), visible);
}

static GtkWidget *
add_layer_check (GtkWidget  *box,
                 const char *label)
{
  GtkWidget *check = gtk_check_button_new_with_mnemonic (label);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
  gtk_box_append (GTK_BOX (box), check);

  return check;
}

/* "Layers" in the map's top corner (the start one: the zoom buttons and
 * the compass are at the end) */
static void
create_layers_button (LiaMapView *self)
{
  static const struct { const char *label; const char *property; } kinds[] = {
    { N_("_Sites"), "show-sites" },
    { N_("_Movements"), "show-movements" },
    { N_("_Incidents"), "show-incidents" },
  };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *heading = gtk_label_new (_("Show on the Map"));

  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_margin_bottom (heading, 4);
  gtk_box_append (GTK_BOX (box), heading);

  self->actors_check = add_layer_check (box, _("_Actors"));
  g_signal_connect_object (self->actors_check, "toggled", G_CALLBACK (actors_toggled_cb), self, G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *check = add_layer_check (box, _(kinds[i].label));

      g_object_bind_property (self->notifications, kinds[i].property, check, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  self->mbtiles_check = add_layer_check (box, _("Imported Ma_ps"));
  gtk_widget_set_visible (self->mbtiles_check, FALSE);
  g_signal_connect_object (self->mbtiles_check, "toggled", G_CALLBACK (mbtiles_toggled_cb), self, G_CONNECT_SWAPPED);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  self->layers_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->layers_button), "view-list-symbolic");
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->layers_button), popover);
  gtk_widget_set_tooltip_text (self->layers_button, _("Layers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->layers_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Layers"), -1);
  gtk_widget_add_css_class (self->layers_button, "osd");
  gtk_widget_set_halign (self->layers_button, GTK_ALIGN_START);
  gtk_widget_set_valign (self->layers_button, GTK_ALIGN_START);
  gtk_widget_set_margin_start (self->layers_button, 6);
  gtk_widget_set_margin_top (self->layers_button, 6);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->overlay), self->layers_button);
}

/* Title, status and the way to the Notifications page */
static void
create_notification_popover (LiaMapView *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->popover_title = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->popover_title, "heading");
  gtk_label_set_wrap (GTK_LABEL (self->popover_title), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (self->popover_title), 32);
  gtk_label_set_xalign (GTK_LABEL (self->popover_title), 0);
  gtk_box_append (GTK_BOX (box), self->popover_title);

  self->popover_status = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->popover_status, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (self->popover_status), 0);
  gtk_box_append (GTK_BOX (box), self->popover_status);

  self->popover_open = gtk_button_new_with_mnemonic (_("_Open in Notifications"));
  /* The target first: the action takes a UUID */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->popover_open), "s", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->popover_open), "win.show-notification");
  gtk_widget_set_margin_top (self->popover_open, 6);
  gtk_box_append (GTK_BOX (box), self->popover_open);

  self->popover = gtk_popover_new ();
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_parent (self->popover, GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (popover_closed_cb), self, G_CONNECT_SWAPPED);
}

static void
update_notification_popover (LiaMapView *self)
{
  const char *title = NULL;
  const char *status = NULL;
  const char *uuid = self->selected_notification_uuid;

  if (!lia_map_notifications_layer_lookup (self->notifications, uuid, NULL, NULL, &title, &status))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      return;
    }

  gtk_label_set_label (GTK_LABEL (self->popover_title), title);
  gtk_label_set_label (GTK_LABEL (self->popover_status), status);
  gtk_widget_set_visible (self->popover_status, status != NULL);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->popover_open), "s", uuid);
}

/* GObject */

static void
lia_map_view_dispose (GObject *object)
{
  LiaMapView *self = (LiaMapView *)object;

  g_signal_handlers_disconnect_by_func (adw_style_manager_get_default (), on_dark_changed, self);
  if (self->markers != NULL)
    g_ptr_array_set_size (self->markers, 0);
  g_clear_pointer (&self->popover, gtk_widget_unparent);
  /* Its layers go with the map */
  g_clear_object (&self->notifications);
  self->simple_map = NULL;
  g_clear_pointer (&self->overlay, gtk_widget_unparent);
  g_clear_pointer (&self->areas, g_ptr_array_unref);
  g_clear_pointer (&self->markers, g_ptr_array_unref);
  g_clear_pointer (&self->mbtiles_layers, g_ptr_array_unref);
  g_clear_pointer (&self->mbtiles_sources, g_ptr_array_unref);
  g_clear_object (&self->basemap_renderer);
  g_clear_object (&self->basemap_source);
  g_clear_object (&self->context);
  g_clear_object (&self->graph);

  G_OBJECT_CLASS (lia_map_view_parent_class)->dispose (object);
}

static void
lia_map_view_finalize (GObject *object)
{
  LiaMapView *self = (LiaMapView *)object;

  g_free (self->selected_uuid);
  g_free (self->selected_notification_uuid);
  g_free (self->operation);

  G_OBJECT_CLASS (lia_map_view_parent_class)->finalize (object);
}

static void
lia_map_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  LiaMapView *self = LIA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_UUID:
      g_value_set_string (value, self->selected_uuid);
      break;
    case PROP_SELECTED_NOTIFICATION_UUID:
      g_value_set_string (value, self->selected_notification_uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_map_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  LiaMapView *self = LIA_MAP_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_UUID:
      lia_map_view_set_selected_uuid (self, g_value_get_string (value));
      break;
    case PROP_SELECTED_NOTIFICATION_UUID:
      lia_map_view_set_selected_notification_uuid (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_map_view_class_init (LiaMapViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  struct { guint key; int dx; int dy; } pans[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
  };

  object_class->dispose = lia_map_view_dispose;
  object_class->finalize = lia_map_view_finalize;
  object_class->get_property = lia_map_view_get_property;
  object_class->set_property = lia_map_view_set_property;

  properties[PROP_SELECTED_UUID] =
    g_param_spec_string ("selected-uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_NOTIFICATION_UUID] =
    g_param_spec_string ("selected-notification-uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "map.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "map.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "map.pan", "(ii)", pan_action);
  gtk_widget_class_install_action (widget_class, "map.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "map.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "map.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "map.zoom-out", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pans); i++)
    gtk_widget_class_add_binding_action (widget_class, pans[i].key, 0, "map.pan", "(ii)", pans[i].dx, pans[i].dy);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mapview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
lia_map_view_init (LiaMapView *self)
{
  ShumateViewport *viewport;

  self->markers = g_ptr_array_new_with_free_func (marker_info_free);
  self->areas = g_ptr_array_new_with_free_func (area_info_free);
  self->mbtiles_layers = g_ptr_array_new_with_free_func (g_object_unref);
  self->mbtiles_sources = g_ptr_array_new_with_free_func (g_object_unref);

  self->overlay = gtk_overlay_new ();
  gtk_widget_set_parent (self->overlay, GTK_WIDGET (self));
  self->simple_map = shumate_simple_map_new ();
  gtk_overlay_set_child (GTK_OVERLAY (self->overlay), GTK_WIDGET (self->simple_map));
  update_basemap (self);

  viewport = shumate_simple_map_get_viewport (self->simple_map);
  shumate_viewport_set_min_zoom_level (viewport, 1);
  shumate_viewport_set_max_zoom_level (viewport, LIA_BASEMAP_MAX_ZOOM);
  shumate_viewport_set_zoom_level (viewport, 3);

  self->marker_layer = shumate_marker_layer_new_full (viewport, GTK_SELECTION_NONE);
  shumate_simple_map_add_overlay_layer (self->simple_map, SHUMATE_LAYER (self->marker_layer));
  self->notifications = lia_map_notifications_layer_new (shumate_simple_map_get_map (self->simple_map),
                                                         SHUMATE_LAYER (self->marker_layer));
  g_signal_connect_object (self->notifications, "activated",
                           G_CALLBACK (notification_activated_cb), self, G_CONNECT_SWAPPED);
  /* A record gone from the map takes its popover with it */
  g_signal_connect_object (self->notifications, "reloaded",
                           G_CALLBACK (update_notification_popover), self, G_CONNECT_SWAPPED);
  create_layers_button (self);
  create_notification_popover (self);

  g_signal_connect_object (viewport, "notify::zoom-level",
                           G_CALLBACK (update_labels), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (viewport, "notify",
                           G_CALLBACK (snap_to_pixels), self, G_CONNECT_SWAPPED);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Map"), -1);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

GtkWidget *
lia_map_view_new (void)
{
  return g_object_new (LIA_TYPE_MAP_VIEW, NULL);
}

void
lia_map_view_set_context (LiaMapView *self,
                          LiaContext *context)
{
  g_return_if_fail (LIA_IS_MAP_VIEW (self));
  g_return_if_fail (context == NULL || LIA_IS_CONTEXT (context));

  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (lia_context_get_sync_engine (self->context), self->notifications);
  if (!g_set_object (&self->context, context))
    return;

  /* What a sync brought in was written on a connection of its own, which
   * the store does not announce */
  if (context != NULL)
    g_signal_connect_object (lia_context_get_sync_engine (context), "notify::last-sync",
                             G_CALLBACK (lia_map_notifications_layer_invalidate), self->notifications,
                             G_CONNECT_SWAPPED);

  load_mbtiles_layers (self);
  lia_map_notifications_layer_set_store (self->notifications,
                                         context != NULL ? lia_context_get_store (context) : NULL,
                                         self->operation);
}

void
lia_map_view_set_graph (LiaMapView    *self,
                        LiaActorGraph *graph)
{
  g_return_if_fail (LIA_IS_MAP_VIEW (self));
  g_return_if_fail (graph == NULL || LIA_IS_ACTOR_GRAPH (graph));

  g_set_object (&self->graph, graph);
  clear_actors (self);
  if (graph == NULL)
    return;

  for (guint node = 0; node < lia_actor_graph_get_n_actors (graph); node++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (graph, node);

      for (guint i = 0; i < lia_actor_get_n_areas (actor); i++)
        {
          guint n_points = 0;
          const LiaGeoPoint *ring = lia_actor_get_area (actor, i, &n_points);

          if (n_points >= 3)
            add_area (self, actor, ring, n_points);
        }
      for (guint i = 0; i < lia_actor_get_n_locations (actor); i++)
        add_marker (self, actor, lia_actor_get_location (actor, i));
    }

  update_selection (self);
}

const char *
lia_map_view_get_selected_uuid (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), NULL);

  return self->selected_uuid;
}

void
lia_map_view_set_selected_uuid (LiaMapView *self,
                                const char *uuid)
{
  g_return_if_fail (LIA_IS_MAP_VIEW (self));

  if (uuid != NULL && *uuid == '\0')
    uuid = NULL;
  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);
  update_selection (self);
  reveal_selected (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UUID]);
}

/* A free name in @dir for @basename, which ends in .mbtiles */
static char *
unique_destination (const char *dir,
                    const char *basename)
{
  g_autofree char *stem = g_strndup (basename, strlen (basename) - strlen (".mbtiles"));
  char *path = g_build_filename (dir, basename, NULL);

  for (guint i = 2; g_file_test (path, G_FILE_TEST_EXISTS); i++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.mbtiles", stem, i);

      g_free (path);
      path = g_build_filename (dir, name, NULL);
    }

  return path;
}

/* Checks @file, copies it into @maps_dir under a hidden name, checks the
 * copy and renames it: a map that shows is always a whole file, and a
 * refused one leaves nothing behind.  Any thread.
 *
 * Returns: (transfer full): where the map now is */
static char *
import_file (const char    *maps_dir,
             GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *source_path = g_file_get_path (file);
  g_autofree char *basename = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(LiaMbtiles) mbtiles = NULL;
  g_autoptr(GFile) partial_file = NULL;

  if (maps_dir == NULL || source_path == NULL)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("This map cannot be imported: choose a file on this computer."));
      return NULL;
    }

  /* Checked before anything is written */
  mbtiles = lia_mbtiles_open (source_path, error);
  if (mbtiles == NULL)
    return NULL;
  g_clear_object (&mbtiles);

  if (g_mkdir_with_parents (maps_dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The map could not be saved in “%s”: %s."), maps_dir, g_strerror (saved_errno));
      return NULL;
    }

  basename = g_file_get_basename (file);
  if (!g_str_has_suffix (basename, ".mbtiles"))
    {
      char *with_suffix = g_strconcat (basename, ".mbtiles", NULL);

      g_free (basename);
      basename = with_suffix;
    }
  partial = g_strdup_printf ("%s/.import-%08x.part", maps_dir, g_random_int ());
  partial_file = g_file_new_for_path (partial);

  if (!g_file_copy (file, partial_file, G_FILE_COPY_NONE, cancellable, NULL, NULL, error) ||
      (mbtiles = lia_mbtiles_open (partial, error)) == NULL)
    {
      g_unlink (partial);
      return NULL;
    }
  g_clear_object (&mbtiles);

  destination = unique_destination (maps_dir, basename);
  if (g_rename (partial, destination) != 0)
    {
      int saved_errno = errno;

      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The map could not be saved in “%s”: %s."), maps_dir, g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&destination);
}

static gboolean
show_imported (LiaMapView  *self,
               const char  *path,
               GError     **error)
{
  g_autoptr(LiaMbtiles) mbtiles = lia_mbtiles_open (path, error);

  if (mbtiles == NULL)
    return FALSE;
  add_mbtiles_layer (self, mbtiles);

  return TRUE;
}

/* Blocks while the file is copied: lia_map_view_import_mbtiles_async()
 * keeps the window responsive with a large map. */
gboolean
lia_map_view_import_mbtiles (LiaMapView  *self,
                             GFile       *file,
                             GError     **error)
{
  g_autofree char *maps_dir = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  maps_dir = get_maps_dir (self);
  path = import_file (maps_dir, file, NULL, error);

  return path != NULL && show_imported (self, path, error);
}

typedef struct
{
  char  *maps_dir;
  GFile *file;
  GTask *outer;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *import = data;

  g_free (import->maps_dir);
  g_clear_object (&import->file);
  g_clear_object (&import->outer);
  g_free (import);
}

static void
import_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ImportData *import = task_data;
  GError *error = NULL;
  char *path = import_file (import->maps_dir, import->file, cancellable, &error);

  if (path == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, path, g_free);
}

static void
imported_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  LiaMapView *self = LIA_MAP_VIEW (object);
  ImportData *import = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&import->outer);
  g_autofree char *path = NULL;
  GError *error = NULL;

  path = g_task_propagate_pointer (G_TASK (result), &error);
  if (path == NULL || !show_imported (self, path, &error))
    g_task_return_error (outer, error);
  else
    g_task_return_boolean (outer, TRUE);
}

void
lia_map_view_import_mbtiles_async (LiaMapView          *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  ImportData *import;

  g_return_if_fail (LIA_IS_MAP_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  import = g_new0 (ImportData, 1);
  import->maps_dir = get_maps_dir (self);
  import->file = g_object_ref (file);
  import->outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (import->outer, lia_map_view_import_mbtiles_async);

  inner = g_task_new (self, cancellable, imported_cb, NULL);
  g_task_set_task_data (inner, import, import_data_free);
  g_task_run_in_thread (inner, import_in_thread);
}

gboolean
lia_map_view_import_mbtiles_finish (LiaMapView    *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
lia_map_view_center_on (LiaMapView *self,
                        double      latitude,
                        double      longitude,
                        double      zoom)
{
  ShumateMap *map;

  g_return_if_fail (LIA_IS_MAP_VIEW (self));

  map = shumate_simple_map_get_map (self->simple_map);
  shumate_viewport_set_zoom_level (shumate_map_get_viewport (map), zoom);
  shumate_map_center_on (map, latitude, longitude);
}

guint
lia_map_view_get_n_markers (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), 0);

  return self->markers->len;
}

guint
lia_map_view_get_n_areas (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), 0);

  return self->areas->len;
}

guint
lia_map_view_get_n_mbtiles_layers (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), 0);

  return self->mbtiles_layers->len;
}

guint
lia_map_view_get_n_tiles_loading (LiaMapView *self)
{
  guint n;

  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), 0);

  n = self->basemap_source ? lia_basemap_source_get_n_loading (self->basemap_source) : 0;
  for (guint i = 0; i < self->mbtiles_sources->len; i++)
    n += lia_mbtiles_source_get_n_loading (g_ptr_array_index (self->mbtiles_sources, i));

  return n;
}

guint
lia_map_view_get_n_basemap_tiles_loaded (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), 0);

  return self->basemap_source ? lia_basemap_source_get_n_loaded (self->basemap_source) : 0;
}

void
lia_map_view_set_operation (LiaMapView *self,
                            const char *operation)
{
  g_return_if_fail (LIA_IS_MAP_VIEW (self));

  if (g_strcmp0 (self->operation, operation) == 0)
    return;

  g_free (self->operation);
  self->operation = g_strdup (operation);
  lia_map_notifications_layer_set_store (self->notifications,
                                         self->context != NULL ? lia_context_get_store (self->context) : NULL,
                                         operation);
}

LiaMapNotificationsLayer *
lia_map_view_get_notifications_layer (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), NULL);

  return self->notifications;
}

const char *
lia_map_view_get_selected_notification_uuid (LiaMapView *self)
{
  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), NULL);

  return self->selected_notification_uuid;
}

void
lia_map_view_set_selected_notification_uuid (LiaMapView *self,
                                             const char *uuid)
{
  g_return_if_fail (LIA_IS_MAP_VIEW (self));

  if (uuid != NULL && *uuid == '\0')
    uuid = NULL;
  if (g_strcmp0 (self->selected_notification_uuid, uuid) == 0)
    return;

  g_free (self->selected_notification_uuid);
  self->selected_notification_uuid = g_strdup (uuid);
  lia_map_notifications_layer_set_selected_uuid (self->notifications, uuid);
  update_notification_popover (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_NOTIFICATION_UUID]);
}

gboolean
lia_map_view_show_notification (LiaMapView *self,
                                const char *uuid)
{
  ShumateViewport *viewport;
  const char *kind;
  double lat, lon;

  g_return_val_if_fail (LIA_IS_MAP_VIEW (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  /* What was saved a moment ago is on the map */
  lia_map_notifications_layer_flush (self->notifications);
  if (!lia_map_notifications_layer_lookup (self->notifications, uuid, &lat, &lon, NULL, NULL))
    return FALSE;

  /* Its kind shows, even if the officer had hidden it */
  kind = lia_map_notifications_layer_get_kind (self->notifications, uuid);
  if (g_strcmp0 (kind, "sites") == 0)
    g_object_set (self->notifications, "show-sites", TRUE, NULL);
  else if (g_strcmp0 (kind, "movements") == 0)
    g_object_set (self->notifications, "show-movements", TRUE, NULL);
  else
    g_object_set (self->notifications, "show-incidents", TRUE, NULL);

  lia_map_view_set_selected_notification_uuid (self, uuid);
  viewport = shumate_simple_map_get_viewport (self->simple_map);
  lia_map_view_center_on (self, lat, lon, MAX (8.0, round (shumate_viewport_get_zoom_level (viewport))));

  return TRUE;
}
