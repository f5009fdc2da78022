/* lia-actor-graph.h — who relates to whom, for analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-actor.h"
#include "lia-relationship.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_ACTOR_GRAPH (lia_actor_graph_get_type ())

G_DECLARE_FINAL_TYPE (LiaActorGraph, lia_actor_graph, LIA, ACTOR_GRAPH, GObject)

/* A chain of relationships from one of our starting points to a target:
 * nodes[0] is the start, nodes[n_steps] the target, and relationships[i]
 * links nodes[i] to nodes[i + 1]. */
typedef struct
{
  GArray    *nodes;           /* guint */
  GPtrArray *relationships;   /* LiaRelationship */
  double     strength;        /* product of the weights, 0–1 */
  char      *explanation;     /* in plain words, translated */
} LiaReachChain;

void lia_reach_chain_free (LiaReachChain *chain);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaReachChain, lia_reach_chain_free)

#define LIA_ACTOR_GRAPH_NO_NODE G_MAXUINT

LiaActorGraph *lia_actor_graph_new               (void);
LiaActorGraph *lia_actor_graph_new_from_store    (LiaStore         *store,
                                                  const char       *operation,
                                                  const GDate      *as_of,
                                                  GError          **error);
guint          lia_actor_graph_add_actor         (LiaActorGraph    *self,
                                                  LiaActor         *actor);
gboolean       lia_actor_graph_add_relationship  (LiaActorGraph    *self,
                                                  LiaRelationship  *relationship);
void           lia_actor_graph_set_seed          (LiaActorGraph    *self,
                                                  guint32           seed);

guint          lia_actor_graph_get_n_actors      (LiaActorGraph    *self);
guint          lia_actor_graph_get_n_relationships (LiaActorGraph  *self);
LiaActor      *lia_actor_graph_get_actor         (LiaActorGraph    *self,
                                                  guint             node);
guint          lia_actor_graph_lookup            (LiaActorGraph    *self,
                                                  const char       *uuid);
LiaRelationship *lia_actor_graph_get_relationship (LiaActorGraph   *self,
                                                  guint             edge,
                                                  guint            *source,
                                                  guint            *target);

guint          lia_actor_graph_get_degree        (LiaActorGraph    *self,
                                                  guint             node);
guint          lia_actor_graph_get_in_degree     (LiaActorGraph    *self,
                                                  guint             node);
guint          lia_actor_graph_get_out_degree    (LiaActorGraph    *self,
                                                  guint             node);
double         lia_actor_graph_get_betweenness   (LiaActorGraph    *self,
                                                  guint             node,
                                                  gboolean          directed);
gboolean       lia_actor_graph_is_isolated       (LiaActorGraph    *self,
                                                  guint             node);
guint          lia_actor_graph_get_community     (LiaActorGraph    *self,
                                                  guint             node);
guint          lia_actor_graph_get_n_communities (LiaActorGraph    *self);

GPtrArray     *lia_actor_graph_find_reach        (LiaActorGraph    *self,
                                                  guint             target,
                                                  guint             from,
                                                  guint             max_chains,
                                                  GError          **error);

G_END_DECLS
