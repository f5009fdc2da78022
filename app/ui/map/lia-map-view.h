/* lia-map-view.h — the offline map: basemap, user MBTiles, actors on top
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"
#include "lia-map-notifications-layer.h"

G_BEGIN_DECLS

#define LIA_TYPE_MAP_VIEW (lia_map_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaMapView, lia_map_view, LIA, MAP_VIEW, GtkWidget)

GtkWidget     *lia_map_view_new                (void);

/* Finds the user's MBTiles files in the data directory's maps/ folder. */
void           lia_map_view_set_context        (LiaMapView    *self,
                                                LiaContext    *context);

/* Actor locations (markers) and areas of operation (polygons). */
void           lia_map_view_set_graph          (LiaMapView    *self,
                                                LiaActorGraph *graph);

/* "selected-uuid" property, shared with the graph view by the page. */
const char    *lia_map_view_get_selected_uuid  (LiaMapView    *self);
void           lia_map_view_set_selected_uuid  (LiaMapView    *self,
                                                const char    *uuid);

/* Copies @file into the data directory and shows it above the basemap.
 * Refuses a file that is not a raster MBTiles, saying why.  The view's
 * "map.import" action asks for the file, imports it in the background,
 * shows its area, and tells a refusal in a dialog. */
gboolean       lia_map_view_import_mbtiles     (LiaMapView    *self,
                                                GFile         *file,
                                                GError       **error);
void           lia_map_view_import_mbtiles_async  (LiaMapView          *self,
                                                   GFile               *file,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean       lia_map_view_import_mbtiles_finish (LiaMapView          *self,
                                                   GAsyncResult        *result,
                                                   GError             **error);

/* The operation whose notified sites, movements and incidents show. */
void           lia_map_view_set_operation      (LiaMapView    *self,
                                                const char    *operation);
/* "selected-notification-uuid": the site, movement or incident chosen on
 * the map, apart from the actors' selection. */
const char    *lia_map_view_get_selected_notification_uuid (LiaMapView *self);
void           lia_map_view_set_selected_notification_uuid (LiaMapView *self,
                                                            const char *uuid);
/* Selects @uuid and centres the map on it, showing its layer; FALSE when
 * it is not drawn (a draft, a removed site, a completed movement…). */
gboolean       lia_map_view_show_notification  (LiaMapView    *self,
                                                const char    *uuid);
LiaMapNotificationsLayer *lia_map_view_get_notifications_layer (LiaMapView *self);

void           lia_map_view_center_on          (LiaMapView    *self,
                                                double         latitude,
                                                double         longitude,
                                                double         zoom);

/* For tests: how many actor markers and area polygons are drawn. */
guint          lia_map_view_get_n_markers      (LiaMapView    *self);
guint          lia_map_view_get_n_areas        (LiaMapView    *self);
guint          lia_map_view_get_n_mbtiles_layers (LiaMapView  *self);

/* For tests and screenshots: tiles asked for and not delivered yet, and
 * basemap tiles delivered so far. */
guint          lia_map_view_get_n_tiles_loading (LiaMapView   *self);
guint          lia_map_view_get_n_basemap_tiles_loaded (LiaMapView *self);

G_END_DECLS
