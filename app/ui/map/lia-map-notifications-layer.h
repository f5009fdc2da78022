/* lia-map-notifications-layer.h — notified sites, movements and incidents on the map
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_MAP_NOTIFICATIONS_LAYER (lia_map_notifications_layer_get_type ())

G_DECLARE_FINAL_TYPE (LiaMapNotificationsLayer, lia_map_notifications_layer, LIA, MAP_NOTIFICATIONS_LAYER, GObject)

/* Puts its layers into @map, behind @above (the actors' markers).
 * "activated" (uuid, marker button) is emitted when a person clicks or
 * activates one of its markers, "reloaded" after each read of the store. */
LiaMapNotificationsLayer *lia_map_notifications_layer_new       (ShumateMap               *map,
                                                                 ShumateLayer             *above);
/* Reads the records of @operation from @store now, and again (once per
 * burst) after each of its "changed" signals. */
void          lia_map_notifications_layer_set_store             (LiaMapNotificationsLayer *self,
                                                                 LiaStore                 *store,
                                                                 const char               *operation);
/* Reads the store again soon: for changes it did not announce (a sync
 * writes on a connection of its own). */
void          lia_map_notifications_layer_invalidate            (LiaMapNotificationsLayer *self);
/* Reads the store now if a change is pending. */
void          lia_map_notifications_layer_flush                 (LiaMapNotificationsLayer *self);
/* The lowest of its layers, for those that go below it. */
ShumateLayer *lia_map_notifications_layer_get_bottom            (LiaMapNotificationsLayer *self);

void          lia_map_notifications_layer_set_selected_uuid     (LiaMapNotificationsLayer *self,
                                                                 const char               *uuid);
/* Whether @uuid is drawn, where (a site, an incident, or the middle of a
 * route), its title and its status ("Active"; NULL for an incident). */
gboolean      lia_map_notifications_layer_lookup                (LiaMapNotificationsLayer *self,
                                                                 const char               *uuid,
                                                                 double                   *lat,
                                                                 double                   *lon,
                                                                 const char              **title,
                                                                 const char              **status);
/* The properties "show-sites", "show-movements", "show-incidents" that
 * go with: "sites", "movements", "incidents". */
const char   *lia_map_notifications_layer_get_kind              (LiaMapNotificationsLayer *self,
                                                                 const char               *uuid);

/* For tests: what is drawn (hidden layers count too). */
guint         lia_map_notifications_layer_get_n_sites           (LiaMapNotificationsLayer *self);
guint         lia_map_notifications_layer_get_n_routes          (LiaMapNotificationsLayer *self);
guint         lia_map_notifications_layer_get_n_route_points    (LiaMapNotificationsLayer *self);
guint         lia_map_notifications_layer_get_n_incidents       (LiaMapNotificationsLayer *self);

G_END_DECLS
