/* test-ui-map.c — the offline map: actors as markers and areas, the shared
 * selection, keyboard zoom, importing MBTiles, and a picture of it all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/map/render also saves what it
 * renders there as PNG files (see build-aux/screenshots).
 */
#include "config.h"

#include "lia-test-mbtiles.h"
#include "lia-test-store.h"
#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <shumate/shumate.h>
#include <math.h>
#include <glib/gstdio.h>

#include "lia-basemap-source.h"
#include "lia-map-view.h"
#include "lia-mbtiles-source.h"

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
      context = lia_context_new (store, settings, clock);
    }

  return context;
}

/* A fictional operation around lat 12–16 N, lon 20–26 E */
static LiaActorGraph *
create_graph (void)
{
  LiaActorGraph *graph = lia_actor_graph_new ();
  g_autoptr(LiaActor) front = lia_actor_new ("korvania", "Northern Ridge Front", LIA_ACTOR_TYPE_REBEL_GROUP);
  g_autoptr(LiaActor) army = lia_actor_new ("korvania", "Korvanian Armed Forces", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaActor) ocha = lia_actor_new ("korvania", "OCHA Korvania", LIA_ACTOR_TYPE_HUMANITARIAN);
  g_autoptr(LiaActor) committee = lia_actor_new ("korvania", "Kel Water Committee", LIA_ACTOR_TYPE_CIVIL_SOCIETY);
  const LiaGeoPoint ridge[] = { { 15.6, 21.2 }, { 15.4, 23.6 }, { 14.2, 23.9 }, { 13.9, 22.0 }, { 14.6, 21.0 } };
  const LiaGeoPoint south[] = { { 13.4, 23.2 }, { 13.1, 25.4 }, { 12.2, 25.2 }, { 12.3, 23.4 } };

  lia_actor_set_localized_name (front, "ar", "جبهة التلال الشمالية");
  lia_actor_set_localized_name (front, "fr", "Front de la Crête du Nord");
  lia_actor_add_location (front, 14.9, 22.4, "Ridge camp");
  lia_actor_add_location (front, 14.3, 21.5, NULL);
  lia_actor_add_area (front, ridge, G_N_ELEMENTS (ridge));
  lia_actor_add_location (army, 12.8, 24.3, "Garrison");
  lia_actor_add_area (army, south, G_N_ELEMENTS (south));
  lia_actor_add_location (ocha, 13.6, 22.9, "Kel hub");
  lia_actor_add_location (committee, 13.3, 22.1, "Kel");

  lia_actor_graph_add_actor (graph, front);
  lia_actor_graph_add_actor (graph, army);
  lia_actor_graph_add_actor (graph, ocha);
  lia_actor_graph_add_actor (graph, committee);

  return graph;
}

static LiaActor *
find_actor (LiaActorGraph *graph,
            const char    *name)
{
  for (guint i = 0; i < lia_actor_graph_get_n_actors (graph); i++)
    if (g_str_equal (lia_actor_get_name (lia_actor_graph_get_actor (graph, i)), name))
      return lia_actor_graph_get_actor (graph, i);

  g_assert_not_reached ();
}

static GtkWindow *
show_map (LiaMapView **out_view)
{
  GtkWindow *window;
  GtkWidget *view;

  /* Initialises GTK and libadwaita, as the real program does */
  lia_test_ui_get_app ();
  window = GTK_WINDOW (gtk_window_new ());
  view = lia_map_view_new ();
  gtk_window_set_default_size (window, 960, 640);
  gtk_window_set_child (window, view);
  lia_map_view_set_context (LIA_MAP_VIEW (view), get_context ());
  gtk_window_present (window);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (view));

  *out_view = LIA_MAP_VIEW (view);

  return window;
}

static void
wait_for_tiles (LiaMapView *view)
{
  /* The grid is recomputed in idle time after a move: let it ask first */
  lia_test_ui_spin_pending ();
  LIA_TEST_SPIN_UNTIL (lia_map_view_get_n_basemap_tiles_loaded (view) > 0 &&
                       lia_map_view_get_n_tiles_loading (view) == 0);
  lia_test_ui_spin_pending ();
}

typedef struct
{
  const char *name;
} MarkerQuery;

static gboolean
is_marker_for (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         gtk_widget_has_css_class (widget, "map-marker") &&
         g_str_has_prefix (gtk_widget_get_tooltip_text (widget), data);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

static void
test_map_actors_and_selection (void)
{
  LiaMapView *view;
  GtkWindow *window = show_map (&view);
  g_autoptr(LiaActorGraph) graph = create_graph ();
  LiaActor *front = find_actor (graph, "Northern Ridge Front");
  LiaActor *committee = find_actor (graph, "Kel Water Committee");
  const char *front_uuid = lia_record_get_uuid (LIA_RECORD (front));
  GtkWidget *marker;
  GtkWidget *label;
  guint notified = 0;

  lia_map_view_set_graph (view, graph);
  g_assert_cmpuint (lia_map_view_get_n_markers (view), ==, 5);
  g_assert_cmpuint (lia_map_view_get_n_areas (view), ==, 2);
  g_assert_null (lia_map_view_get_selected_uuid (view));

  g_signal_connect (view, "notify::selected-uuid", G_CALLBACK (count_notify), &notified);

  /* From the graph view, through the property */
  lia_map_view_set_selected_uuid (view, front_uuid);
  g_assert_cmpstr (lia_map_view_get_selected_uuid (view), ==, front_uuid);
  g_assert_cmpuint (notified, ==, 1);
  lia_map_view_set_selected_uuid (view, front_uuid);
  g_assert_cmpuint (notified, ==, 1);

  /* Both of the front's markers show it selected, no other one */
  marker = lia_test_ui_find (GTK_WIDGET (view), is_marker_for, "Northern Ridge Front");
  g_assert_nonnull (marker);
  label = gtk_widget_get_next_sibling (marker);
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_widget_has_css_class (label, "selected"));
  marker = lia_test_ui_find (GTK_WIDGET (view), is_marker_for, "Kel Water Committee");
  g_assert_nonnull (marker);
  g_assert_false (gtk_widget_has_css_class (gtk_widget_get_next_sibling (marker), "selected"));

  /* A person activates the committee's marker */
  /* (A realized button shows itself pressed for a moment, then clicks) */
  gtk_widget_activate (marker);
  LIA_TEST_SPIN_UNTIL (g_strcmp0 (lia_map_view_get_selected_uuid (view),
                                  lia_record_get_uuid (LIA_RECORD (committee))) == 0);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_next_sibling (marker), "selected"));

  /* Markers are reachable with Tab */
  {
    GtkWidget *focus = NULL;

    gtk_widget_grab_focus (GTK_WIDGET (view));
    for (guint i = 0; i < 20 && !(focus != NULL && gtk_widget_has_css_class (focus, "map-marker")); i++)
      {
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
        focus = gtk_root_get_focus (GTK_ROOT (window));
      }
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_has_css_class (focus, "map-marker"));
  }

  /* Zoomed out, only the selected actor is named; close in, all are */
  lia_map_view_center_on (view, 14.0, 23.0, 3);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_next_sibling (marker)));
  label = gtk_widget_get_next_sibling (lia_test_ui_find (GTK_WIDGET (view), is_marker_for, "OCHA Korvania"));
  g_assert_false (gtk_widget_get_visible (label));
  lia_map_view_center_on (view, 14.0, 23.0, 7);
  g_assert_true (gtk_widget_get_visible (label));

  /* Chosen in the graph while out of view: the map goes there */
  {
    ShumateMap *map = SHUMATE_MAP (lia_test_ui_find_type (GTK_WIDGET (view), SHUMATE_TYPE_MAP));
    ShumateViewport *viewport = shumate_map_get_viewport (map);

    lia_map_view_center_on (view, -30.0, -60.0, 6);
    lia_map_view_set_selected_uuid (view, lia_record_get_uuid (LIA_RECORD (find_actor (graph, "OCHA Korvania"))));
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 13.6, 0.1);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 22.9, 0.1);
    g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6);

    /* One in view: the map stays put */
    lia_map_view_set_selected_uuid (view, front_uuid);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 13.6, 0.1);
    g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 22.9, 0.1);
  }

  /* A new graph keeps the count right, and nothing is left of the old one */
  lia_map_view_set_graph (view, NULL);
  g_assert_cmpuint (lia_map_view_get_n_markers (view), ==, 0);
  g_assert_cmpuint (lia_map_view_get_n_areas (view), ==, 0);
  g_assert_null (lia_test_ui_find (GTK_WIDGET (view), is_marker_for, "Northern Ridge Front"));
  lia_map_view_set_graph (view, graph);
  g_assert_cmpuint (lia_map_view_get_n_markers (view), ==, 5);
  g_assert_cmpuint (lia_map_view_get_n_areas (view), ==, 2);

  gtk_window_destroy (window);
}

static void
test_map_keyboard (void)
{
  LiaMapView *view;
  GtkWindow *window = show_map (&view);
  ShumateMap *map = SHUMATE_MAP (lia_test_ui_find_type (GTK_WIDGET (view), SHUMATE_TYPE_MAP));
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  double longitude;

  lia_map_view_center_on (view, 14.0, 23.0, 6);
  lia_test_ui_spin_pending ();
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), ==, 6);

  /* Tiles fall on whole pixels, so that they are neither blurred nor seamed */
  {
    ShumateMapSource *source = shumate_viewport_get_reference_map_source (viewport);
    double x = shumate_map_source_get_x (source, 6, shumate_location_get_longitude (SHUMATE_LOCATION (viewport)))
               - gtk_widget_get_width (GTK_WIDGET (map)) / 2.0;
    double y = shumate_map_source_get_y (source, 6, shumate_location_get_latitude (SHUMATE_LOCATION (viewport)))
               - gtk_widget_get_height (GTK_WIDGET (map)) / 2.0;

    g_assert_cmpfloat_with_epsilon (x, round (x), 1e-3);
    g_assert_cmpfloat_with_epsilon (y, round (y), 1e-3);
  }

  /* The keys a person presses */
  for (guint i = 0; i < 6; i++)
    {
      const char *triggers[] = { "plus", "minus", "Left", "Right", "Up", "Down" };
      g_autoptr(GtkShortcut) shortcut = lia_test_ui_find_shortcut (GTK_WIDGET (view), triggers[i]);

      g_assert_nonnull (shortcut);
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-in", NULL));
  LIA_TEST_SPIN_UNTIL (shumate_viewport_get_zoom_level (viewport) == 7);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.zoom-out", NULL));
  LIA_TEST_SPIN_UNTIL (shumate_viewport_get_zoom_level (viewport) == 6);

  /* Right pans east */
  longitude = shumate_location_get_longitude (SHUMATE_LOCATION (viewport));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.pan", "(ii)", 1, 0));
  LIA_TEST_SPIN_UNTIL (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)) > longitude + 0.5);

  gtk_window_destroy (window);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
store_result (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

static void
test_map_import (void)
{
  g_autofree char *maps_dir = g_build_filename (data_dir, "maps", NULL);
  g_autofree char *outside = g_dir_make_tmp ("liaison-test-ui-map-import-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (outside, "kel-survey.mbtiles", NULL);
  g_autofree char *garbage = g_build_filename (outside, "notes.mbtiles", NULL);
  g_autofree char *vector = g_build_filename (outside, "vector.mbtiles", NULL);
  g_autofree char *imported = g_build_filename (maps_dir, "kel-survey.mbtiles", NULL);
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_autoptr(GFile) garbage_file = g_file_new_for_path (garbage);
  g_autoptr(GFile) vector_file = g_file_new_for_path (vector);
  g_autoptr(GError) error = NULL;
  LiaMapView *view;
  GtkWindow *window = show_map (&view);

  lia_test_mbtiles_create (good, "png", TRUE);
  lia_test_mbtiles_create (vector, "pbf", TRUE);
  g_assert_true (g_file_set_contents (garbage, "Road to Kel closed after the rains.\n", -1, NULL));

  /* Refused before anything is written: not even the maps folder */
  g_assert_false (lia_map_view_import_mbtiles (view, garbage_file, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "notes.mbtiles"));
  g_clear_error (&error);
  g_assert_false (g_file_test (maps_dir, G_FILE_TEST_EXISTS));
  g_assert_false (lia_map_view_import_mbtiles (view, vector_file, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "vector"));
  g_clear_error (&error);
  g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, 0);

  g_assert_true (lia_map_view_import_mbtiles (view, good_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (imported, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (count_files (maps_dir), ==, 1);
  g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, 1);

  /* Garbage after a good import leaves the folder as it was */
  g_assert_false (lia_map_view_import_mbtiles (view, garbage_file, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (count_files (maps_dir), ==, 1);
  g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, 1);

  /* The same in the background; a second copy gets a name of its own */
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autofree char *second = g_build_filename (maps_dir, "kel-survey-2.mbtiles", NULL);

    lia_map_view_import_mbtiles_async (view, good_file, NULL, store_result, &result);
    LIA_TEST_SPIN_UNTIL (result != NULL);
    g_assert_true (lia_map_view_import_mbtiles_finish (view, result, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (second, G_FILE_TEST_IS_REGULAR));
    g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, 2);
    g_clear_object (&result);

    lia_map_view_import_mbtiles_async (view, garbage_file, NULL, store_result, &result);
    LIA_TEST_SPIN_UNTIL (result != NULL);
    g_assert_false (lia_map_view_import_mbtiles_finish (view, result, &error));
    g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpuint (count_files (maps_dir), ==, 2);
    g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, 2);

    /* Back to one map for the rest */
    g_assert_cmpint (g_unlink (second), ==, 0);
  }

  /* Its tiles load, over the basemap */
  lia_map_view_center_on (view, 14.0, 23.0, 6);
  wait_for_tiles (view);
  gtk_window_destroy (window);

  /* A new view finds the imported map in the data folder */
  window = show_map (&view);
  g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, 1);
  gtk_window_destroy (window);

  lia_test_remove_tree (outside);
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gboolean
selects (GtkFileChooser *chooser,
         GFile          *file)
{
  g_autoptr(GFile) selected = gtk_file_chooser_get_file (chooser);

  return selected != NULL && g_file_equal (selected, file);
}

/* What a person does: the action, a file in the chooser, Import */
static void
import_with_chooser (LiaMapView *view,
                     const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *chooser;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "map.import", NULL));
  LIA_TEST_SPIN_UNTIL ((chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG)) != NULL);
  g_assert_true (gtk_file_chooser_set_file (GTK_FILE_CHOOSER (chooser), file, NULL));
  /* The chooser selects the file once it has read the folder; until then
   * it would not accept */
  LIA_TEST_SPIN_UNTIL (selects (GTK_FILE_CHOOSER (chooser), file));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
}

static void
test_map_import_action (void)
{
  g_autofree char *outside = g_dir_make_tmp ("liaison-test-ui-map-action-XXXXXX", NULL);
  g_autofree char *good = g_build_filename (outside, "ridge-survey.mbtiles", NULL);
  g_autofree char *garbage = g_build_filename (outside, "ridge-notes.mbtiles", NULL);
  LiaMapView *view;
  GtkWindow *window = show_map (&view);
  ShumateMap *map = SHUMATE_MAP (lia_test_ui_find_type (GTK_WIDGET (view), SHUMATE_TYPE_MAP));
  ShumateViewport *viewport = shumate_map_get_viewport (map);
  guint n_layers = lia_map_view_get_n_mbtiles_layers (view);
  GtkWindow *dialog;

  lia_test_mbtiles_create (good, "png", TRUE);
  g_assert_true (g_file_set_contents (garbage, "Checkpoint list, not a map\n", -1, NULL));
  lia_map_view_center_on (view, 0.0, 0.0, 2);

  /* Refused: a dialog says why */
  import_with_chooser (view, garbage);
  LIA_TEST_SPIN_UNTIL ((dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG)) != NULL);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==, "This Map Cannot Be Imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "ridge-notes.mbtiles"));
  gtk_window_close (dialog);
  LIA_TEST_SPIN_UNTIL (find_toplevel (ADW_TYPE_MESSAGE_DIALOG) == NULL);
  g_assert_cmpuint (lia_map_view_get_n_mbtiles_layers (view), ==, n_layers);

  /* Imported: shown, and the view moves to its area (lat 12–16, lon 20–26) */
  import_with_chooser (view, good);
  LIA_TEST_SPIN_UNTIL (lia_map_view_get_n_mbtiles_layers (view) == n_layers + 1);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_latitude (SHUMATE_LOCATION (viewport)), 14.0, 0.5);
  g_assert_cmpfloat_with_epsilon (shumate_location_get_longitude (SHUMATE_LOCATION (viewport)), 23.0, 0.5);
  g_assert_cmpfloat (shumate_viewport_get_zoom_level (viewport), >=, 5);

  gtk_window_destroy (window);
  lia_test_remove_tree (outside);
}

typedef struct
{
  guint         n_received;
  GAsyncResult *result;
} SourceCall;

static void
received_data_cb (ShumateDataSource *source,
                  int                x,
                  int                y,
                  int                zoom,
                  GBytes            *bytes,
                  SourceCall        *call)
{
  g_assert_nonnull (bytes);
  /* Before the call completes: ShumateRasterRenderer paints from this */
  g_assert_null (call->result);
  call->n_received++;
}

static void
source_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SourceCall *call = user_data;

  call->result = g_object_ref (result);
}

/* Asks @source for a tile as ShumateRasterRenderer does; returns the
 * alpha and colour of its centre pixel as 0xAARRGGBB */
static guint32
fetch_tile_centre (ShumateDataSource *source,
                   double             lat,
                   double             lon,
                   int                zoom)
{
  SourceCall call = { 0, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  double n = 1 << zoom;
  double phi = lat * G_PI / 180.0;
  int x = (int)floor ((lon + 180.0) / 360.0 * n);
  int y = (int)floor ((1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * n);
  gulong handler = g_signal_connect (source, "received-data", G_CALLBACK (received_data_cb), &call);
  const guint8 *pixel;

  shumate_data_source_get_tile_data_async (source, x, y, zoom, NULL, source_done_cb, &call);
  LIA_TEST_SPIN_UNTIL (call.result != NULL);
  g_signal_handler_disconnect (source, handler);
  bytes = shumate_data_source_get_tile_data_finish (source, call.result, &error);
  g_clear_object (&call.result);
  g_assert_no_error (error);
  g_assert_cmpuint (call.n_received, ==, 1);

  stream = g_memory_input_stream_new_from_bytes (bytes);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 256);
  pixel = gdk_pixbuf_read_pixels (pixbuf) + 128 * gdk_pixbuf_get_rowstride (pixbuf)
          + 128 * gdk_pixbuf_get_n_channels (pixbuf);

  return (gdk_pixbuf_get_has_alpha (pixbuf) ? (guint32)pixel[3] << 24 : 0xff000000u) |
         (guint32)pixel[0] << 16 | (guint32)pixel[1] << 8 | pixel[2];
}

static void
test_map_sources (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-ui-map-sources-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "survey.mbtiles", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaMbtiles) mbtiles = NULL;
  g_autoptr(LiaMbtilesSource) mbtiles_source = NULL;
  g_autoptr(LiaBasemap) basemap = lia_basemap_get_default (&error);
  g_autoptr(LiaBasemapSource) basemap_source = NULL;

  lia_test_ui_get_app ();
  g_assert_no_error (error);

  /* The basemap: the Sahara is land, the Atlantic sea */
  basemap_source = lia_basemap_source_new (basemap, FALSE);
  g_assert_cmphex (fetch_tile_centre (SHUMATE_DATA_SOURCE (basemap_source), 24.0, 10.0, 4) & 0xffffff, ==,
                   lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_LAND));
  g_assert_cmphex (fetch_tile_centre (SHUMATE_DATA_SOURCE (basemap_source), 20.0, -40.0, 4) & 0xffffff, ==,
                   lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_SEA));
  g_assert_cmpuint (lia_basemap_source_get_n_loaded (basemap_source), ==, 2);
  g_assert_cmpuint (lia_basemap_source_get_n_loading (basemap_source), ==, 0);

  lia_test_mbtiles_create (path, "png", TRUE);
  mbtiles = lia_mbtiles_open (path, &error);
  g_assert_no_error (error);
  mbtiles_source = lia_mbtiles_source_new (mbtiles);

  /* In the file (zoom 8), enlarged beyond it (zoom 11, the file stops at
   * 8), and outside its area: transparent */
  g_assert_cmpuint (fetch_tile_centre (SHUMATE_DATA_SOURCE (mbtiles_source), 14.0, 23.0, 8) >> 24, >, 0);
  g_assert_cmpuint (fetch_tile_centre (SHUMATE_DATA_SOURCE (mbtiles_source), 14.0, 23.0, 11) >> 24, >, 0);
  g_assert_cmpuint (fetch_tile_centre (SHUMATE_DATA_SOURCE (mbtiles_source), 40.0, 23.0, 8) >> 24, ==, 0);
  g_assert_cmpuint (fetch_tile_centre (SHUMATE_DATA_SOURCE (mbtiles_source), 14.0, 23.0, 16) >> 24, ==, 0);
  g_assert_cmpuint (lia_mbtiles_source_get_n_loading (mbtiles_source), ==, 0);

  lia_test_remove_tree (dir);
}

static void
test_map_render (void)
{
  LiaMapView *view;
  GtkWindow *window = show_map (&view);
  g_autoptr(LiaActorGraph) graph = create_graph ();

  lia_map_view_set_graph (view, graph);
  lia_map_view_set_selected_uuid (view, lia_record_get_uuid (LIA_RECORD (find_actor (graph, "Northern Ridge Front"))));

  lia_map_view_center_on (view, 14.0, 23.0, 7);
  wait_for_tiles (view);
  lia_test_ui_render (GTK_WIDGET (window), "map");

  lia_map_view_center_on (view, 15.0, 20.0, 3);
  wait_for_tiles (view);
  lia_test_ui_render (GTK_WIDGET (window), "map-region");

  /* The dark style draws the basemap again, in its own colours */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  wait_for_tiles (view);
  lia_test_ui_render (GTK_WIDGET (window), "map-region-dark");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  data_dir = g_dir_make_tmp ("liaison-test-ui-map-XXXXXX", NULL);
  g_assert_nonnull (data_dir);
  g_setenv ("LIAISON_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/map/actors-and-selection", test_map_actors_and_selection);
  g_test_add_func ("/ui/map/keyboard", test_map_keyboard);
  g_test_add_func ("/ui/map/import", test_map_import);
  g_test_add_func ("/ui/map/import-action", test_map_import_action);
  g_test_add_func ("/ui/map/sources", test_map_sources);
  g_test_add_func ("/ui/map/render", test_map_render);

  status = g_test_run ();

  g_clear_object (&context);
  lia_test_ui_release_app ();
  lia_test_remove_tree (data_dir);
  g_free (data_dir);

  return status;
}
