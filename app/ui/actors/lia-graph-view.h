/* lia-graph-view.h — the stakeholder network drawn with GtkSnapshot
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_GRAPH_VIEW (lia_graph_view_get_type ())

G_DECLARE_FINAL_TYPE (LiaGraphView, lia_graph_view, LIA, GRAPH_VIEW, GtkWidget)

GtkWidget     *lia_graph_view_new                  (void);

/* The view keeps the positions of actors it already placed (by UUID) and
 * lays out only what is new, off the UI thread for big graphs. */
LiaActorGraph *lia_graph_view_get_graph            (LiaGraphView  *self);
void           lia_graph_view_set_graph            (LiaGraphView  *self,
                                                    LiaActorGraph *graph);
/* TRUE while a layout runs in a worker thread. */
gboolean       lia_graph_view_get_busy             (LiaGraphView  *self);

/* "selected-uuid" property, notified on change (click, keyboard, or here). */
const char    *lia_graph_view_get_selected_uuid    (LiaGraphView  *self);
void           lia_graph_view_set_selected_uuid    (LiaGraphView  *self,
                                                    const char    *uuid);

/* Filters: a hidden type's actors, and their relationships, are not drawn. */
void           lia_graph_view_set_type_visible     (LiaGraphView  *self,
                                                    LiaActorType   type,
                                                    gboolean       visible);
void           lia_graph_view_set_relationship_visible (LiaGraphView        *self,
                                                        LiaRelationshipType  type,
                                                        gboolean             visible);

void           lia_graph_view_set_pinned           (LiaGraphView  *self,
                                                    const char    *uuid,
                                                    gboolean       pinned);
gboolean       lia_graph_view_get_pinned           (LiaGraphView  *self,
                                                    const char    *uuid);
void           lia_graph_view_zoom_to_fit          (LiaGraphView  *self);
void           lia_graph_view_zoom_by              (LiaGraphView  *self,
                                                    double         factor);
void           lia_graph_view_pan_by               (LiaGraphView  *self,
                                                    double         dx,
                                                    double         dy);

/* What is drawn, for tests and the accessible description. */
guint          lia_graph_view_get_n_visible_actors        (LiaGraphView *self);
guint          lia_graph_view_get_n_visible_relationships (LiaGraphView *self);
gboolean       lia_graph_view_get_actor_position   (LiaGraphView  *self,
                                                    const char    *uuid,
                                                    double        *x,
                                                    double        *y);
/* The same point in widget coordinates, as currently panned and zoomed. */
gboolean       lia_graph_view_get_actor_widget_position (LiaGraphView *self,
                                                         const char   *uuid,
                                                         double       *x,
                                                         double       *y);

/* Strictly confidential actors and relationships shown: what an export
 * leaves out unless @include_strictly_confidential. */
guint          lia_graph_view_count_strictly_confidential (LiaGraphView *self);
/* The whole graph, as drawn (filters applied), at its natural size. */
gboolean       lia_graph_view_export_png           (LiaGraphView  *self,
                                                    GFile         *file,
                                                    gboolean       include_strictly_confidential,
                                                    GError       **error);
gboolean       lia_graph_view_export_svg           (LiaGraphView  *self,
                                                    GFile         *file,
                                                    gboolean       include_strictly_confidential,
                                                    GError       **error);

G_END_DECLS
