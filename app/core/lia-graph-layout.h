/* lia-graph-layout.h — force-directed placement of a network graph
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIA_TYPE_GRAPH_LAYOUT (lia_graph_layout_get_type ())

G_DECLARE_FINAL_TYPE (LiaGraphLayout, lia_graph_layout, LIA, GRAPH_LAYOUT, GObject)

LiaGraphLayout *lia_graph_layout_new            (guint                 n_nodes);
guint           lia_graph_layout_get_n_nodes    (LiaGraphLayout       *self);
void            lia_graph_layout_add_edge       (LiaGraphLayout       *self,
                                                 guint                 a,
                                                 guint                 b);
void            lia_graph_layout_set_seed       (LiaGraphLayout       *self,
                                                 guint32               seed);
void            lia_graph_layout_set_iterations (LiaGraphLayout       *self,
                                                 guint                 iterations);
void            lia_graph_layout_set_position   (LiaGraphLayout       *self,
                                                 guint                 node,
                                                 double                x,
                                                 double                y);
void            lia_graph_layout_set_pinned     (LiaGraphLayout       *self,
                                                 guint                 node,
                                                 gboolean              pinned);
gboolean        lia_graph_layout_get_position   (LiaGraphLayout       *self,
                                                 guint                 node,
                                                 double               *x,
                                                 double               *y);

gboolean        lia_graph_layout_run            (LiaGraphLayout       *self,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
void            lia_graph_layout_run_async      (LiaGraphLayout       *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean        lia_graph_layout_run_finish     (LiaGraphLayout       *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
