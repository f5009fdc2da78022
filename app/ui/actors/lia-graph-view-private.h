/* lia-graph-view-private.h — what the graph view's export shares with the
 * widget: one drawing routine for the screen tiles, PNG and SVG
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "lia-graph-view.h"

G_BEGIN_DECLS

/* Layout units to pixels at zoom 1, and in exports: an ideal edge is one
 * layout unit long. */
#define LIA_GRAPH_VIEW_BASE_SCALE 100.0

/* On screen, the selection and the actor being dragged are drawn over
 * the cached picture of the rest, so that neither redraws everything. */
typedef enum
{
  LIA_GRAPH_VIEW_LAYER_ALL,       /* exports: everything in one go */
  LIA_GRAPH_VIEW_LAYER_BASE,      /* cached: no selection, no dragged actor */
  LIA_GRAPH_VIEW_LAYER_OVERLAY,   /* drawn each frame: those two */
} LiaGraphViewLayer;

/* Where the scene is drawn: a point (x, y) in layout units lands on
 * (x * scale + origin_x, y * scale + origin_y) in the cairo context. */
typedef struct
{
  double            scale;
  double            origin_x;
  double            origin_y;
  gboolean          labels;
  LiaGraphViewLayer layer;
} LiaGraphViewTransform;

void     lia_graph_view_draw_scene        (LiaGraphView                *self,
                                           cairo_t                     *cr,
                                           const LiaGraphViewTransform *transform,
                                           const cairo_rectangle_t     *clip);
/* The drawn extent of the visible, placed actors at @scale, labels
 * included, in pixels relative to the layout origin. */
gboolean lia_graph_view_get_scene_extents (LiaGraphView                *self,
                                           double                       scale,
                                           gboolean                     labels,
                                           cairo_rectangle_t           *extents);
/* "12 actors, 30 relationships; selected: Name", translated */
char    *lia_graph_view_dup_description   (LiaGraphView                *self);
void     lia_graph_view_get_background    (LiaGraphView                *self,
                                           GdkRGBA                     *rgba);
/* For the SVG's text layer: each visible actor's name and its centre at
 * @transform. */
typedef void (*LiaGraphViewLabelFunc) (const char *name,
                                       double      x,
                                       double      y,
                                       double      radius,
                                       gpointer    user_data);
void     lia_graph_view_foreach_label     (LiaGraphView                *self,
                                           const LiaGraphViewTransform *transform,
                                           LiaGraphViewLabelFunc        func,
                                           gpointer                     user_data);

void     lia_graph_view_set_strictly_confidential_hidden (LiaGraphView *self,
                                                          gboolean      hidden);

G_END_DECLS
