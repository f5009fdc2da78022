/* lia-actor-graph.c
 *
 * The analysis panel and “actors analyze” read this graph:
 *
 * - degree: distinct neighbours, whatever the direction or type;
 * - betweenness: Brandes' algorithm on hop counts, normalised as networkx
 *   does by default (divided by (n-1)(n-2)).  The undirected variant is
 *   the one shown as “broker”: an actor between two others can pass word
 *   both ways, whichever way the relationships were recorded;
 * - communities: asynchronous label propagation on the undirected graph
 *   weighted by relationship weights, in an order drawn from the seed, so
 *   the same map always gives the same groups;
 * - reach: the strongest chains from our own starting points (every
 *   humanitarian actor, or the one given) to a target.  Only relationships
 *   that carry leverage are followed: commands, supports, influences and
 *   liaison channels in their direction, alliances and negotiations both
 *   ways, hostility never.  A chain's strength is the product of its
 *   weights, found as the shortest path with costs −log(weight).  Besides
 *   the strongest chain, the strongest chain through each other last
 *   intermediary is offered, as different doors to the same actor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "lia-actor-graph.h"
#include "lia-error.h"

#define LPA_MAX_ROUNDS 100
/* Among chains of equal strength, the one with fewer steps. */
#define HOP_COST 1e-9

typedef struct
{
  guint            source;
  guint            target;
  LiaRelationship *relationship;
} Edge;

/* Compressed adjacency: the neighbours of v are items[offsets[v]] to
 * items[offsets[v + 1] - 1]. */
typedef struct
{
  guint  *offsets;
  guint  *items;
  double *weights;
} Adjacency;

struct _LiaActorGraph
{
  GObject     parent_instance;

  GPtrArray  *actors;        /* LiaActor, by node */
  GHashTable *nodes;         /* uuid → node + 1 */
  GArray     *edges;         /* Edge */
  guint32     seed;

  /* Derived, dropped whenever the graph changes. */
  gboolean    derived;
  Adjacency   out;
  Adjacency   in;
  Adjacency   undirected;
  double     *betweenness[2];   /* undirected, directed */
  guint      *communities;
  guint       n_communities;
};

G_DEFINE_FINAL_TYPE (LiaActorGraph, lia_actor_graph, G_TYPE_OBJECT)

void
lia_reach_chain_free (LiaReachChain *chain)
{
  g_clear_pointer (&chain->nodes, g_array_unref);
  g_clear_pointer (&chain->relationships, g_ptr_array_unref);
  g_clear_pointer (&chain->explanation, g_free);
  g_free (chain);
}

static void
adjacency_clear (Adjacency *adjacency)
{
  g_clear_pointer (&adjacency->offsets, g_free);
  g_clear_pointer (&adjacency->items, g_free);
  g_clear_pointer (&adjacency->weights, g_free);
}

static void
drop_derived (LiaActorGraph *self)
{
  adjacency_clear (&self->out);
  adjacency_clear (&self->in);
  adjacency_clear (&self->undirected);
  g_clear_pointer (&self->betweenness[0], g_free);
  g_clear_pointer (&self->betweenness[1], g_free);
  g_clear_pointer (&self->communities, g_free);
  self->derived = FALSE;
}

typedef struct
{
  guint  from;
  guint  to;
  double weight;
} Arc;

static int
compare_arcs (gconstpointer a,
              gconstpointer b)
{
  const Arc *arc_a = a;
  const Arc *arc_b = b;

  if (arc_a->from != arc_b->from)
    return arc_a->from < arc_b->from ? -1 : 1;
  if (arc_a->to != arc_b->to)
    return arc_a->to < arc_b->to ? -1 : 1;
  return 0;
}

/* Builds @adjacency from @arcs, merging parallel arcs (weights add up). */
static void
adjacency_build (Adjacency *adjacency,
                 GArray    *arcs,
                 guint      n_nodes)
{
  guint n = 0;

  g_array_sort (arcs, compare_arcs);

  adjacency->offsets = g_new0 (guint, n_nodes + 1);
  adjacency->items = g_new (guint, MAX (arcs->len, 1));
  adjacency->weights = g_new (double, MAX (arcs->len, 1));

  for (guint i = 0; i < arcs->len; i++)
    {
      const Arc *arc = &g_array_index (arcs, Arc, i);

      if (i > 0 && compare_arcs (arc, &g_array_index (arcs, Arc, i - 1)) == 0)
        {
          adjacency->weights[n - 1] += arc->weight;
          continue;
        }

      adjacency->items[n] = arc->to;
      adjacency->weights[n] = arc->weight;
      adjacency->offsets[arc->from + 1]++;
      n++;
    }

  for (guint v = 0; v < n_nodes; v++)
    adjacency->offsets[v + 1] += adjacency->offsets[v];
}

static void
ensure_adjacency (LiaActorGraph *self)
{
  g_autoptr(GArray) out = NULL;
  g_autoptr(GArray) in = NULL;
  g_autoptr(GArray) undirected = NULL;
  guint n_nodes = self->actors->len;

  if (self->derived)
    return;

  out = g_array_new (FALSE, FALSE, sizeof (Arc));
  in = g_array_new (FALSE, FALSE, sizeof (Arc));
  undirected = g_array_new (FALSE, FALSE, sizeof (Arc));

  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);
      double weight = lia_relationship_get_weight (edge->relationship);
      Arc forward = { edge->source, edge->target, weight };
      Arc backward = { edge->target, edge->source, weight };

      g_array_append_val (out, forward);
      g_array_append_val (in, backward);
      g_array_append_val (undirected, forward);
      g_array_append_val (undirected, backward);
    }

  adjacency_build (&self->out, out, n_nodes);
  adjacency_build (&self->in, in, n_nodes);
  adjacency_build (&self->undirected, undirected, n_nodes);
  self->derived = TRUE;
}

static void
lia_actor_graph_finalize (GObject *object)
{
  LiaActorGraph *self = (LiaActorGraph *)object;

  drop_derived (self);
  g_clear_pointer (&self->actors, g_ptr_array_unref);
  g_clear_pointer (&self->nodes, g_hash_table_unref);
  g_clear_pointer (&self->edges, g_array_unref);

  G_OBJECT_CLASS (lia_actor_graph_parent_class)->finalize (object);
}

static void
edge_clear (gpointer data)
{
  Edge *edge = data;

  g_clear_object (&edge->relationship);
}

static void
lia_actor_graph_class_init (LiaActorGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_actor_graph_finalize;
}

static void
lia_actor_graph_init (LiaActorGraph *self)
{
  self->actors = g_ptr_array_new_with_free_func (g_object_unref);
  self->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_array_set_clear_func (self->edges, edge_clear);
  self->seed = 1;
}

LiaActorGraph *
lia_actor_graph_new (void)
{
  return g_object_new (LIA_TYPE_ACTOR_GRAPH, NULL);
}

/* Sorted by uuid, so that node numbers, and with them communities and
 * layouts, do not depend on the order the store lists records in. */
static int
compare_uuids (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (lia_record_get_uuid (*(LiaRecord **) a),
                    lia_record_get_uuid (*(LiaRecord **) b));
}

/**
 * lia_actor_graph_new_from_store:
 * @operation: (nullable): only the actors and relationships of this operation
 * @as_of: (nullable): only the relationships that held on this date
 *
 * Relationships whose actors are missing or deleted are left out.
 */
LiaActorGraph *
lia_actor_graph_new_from_store (LiaStore     *store,
                                const char   *operation,
                                const GDate  *as_of,
                                GError      **error)
{
  g_autoptr(LiaActorGraph) self = NULL;
  g_autoptr(GPtrArray) actors = NULL;
  g_autoptr(GPtrArray) relationships = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  if (!(actors = lia_store_list (store, "actor", operation, error)) ||
      !(relationships = lia_store_list (store, "relationship", operation, error)))
    return NULL;

  g_ptr_array_sort (actors, compare_uuids);
  g_ptr_array_sort (relationships, compare_uuids);

  self = lia_actor_graph_new ();
  for (guint i = 0; i < actors->len; i++)
    lia_actor_graph_add_actor (self, g_ptr_array_index (actors, i));

  for (guint i = 0; i < relationships->len; i++)
    {
      LiaRelationship *relationship = g_ptr_array_index (relationships, i);

      if (as_of == NULL || lia_relationship_is_active_on (relationship, as_of))
        lia_actor_graph_add_relationship (self, relationship);
    }

  return g_steal_pointer (&self);
}

/* Returns: the node of @actor */
guint
lia_actor_graph_add_actor (LiaActorGraph *self,
                           LiaActor      *actor)
{
  const char *uuid;
  guint node;

  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), LIA_ACTOR_GRAPH_NO_NODE);
  g_return_val_if_fail (LIA_IS_ACTOR (actor), LIA_ACTOR_GRAPH_NO_NODE);

  uuid = lia_record_get_uuid (LIA_RECORD (actor));
  node = lia_actor_graph_lookup (self, uuid);
  if (node != LIA_ACTOR_GRAPH_NO_NODE)
    return node;

  drop_derived (self);
  node = self->actors->len;
  g_ptr_array_add (self->actors, g_object_ref (actor));
  g_hash_table_insert (self->nodes, g_strdup (uuid), GUINT_TO_POINTER (node + 1));

  return node;
}

/* Returns: FALSE, and leaves @relationship out, if an actor is missing or
 * it links an actor to itself */
gboolean
lia_actor_graph_add_relationship (LiaActorGraph   *self,
                                  LiaRelationship *relationship)
{
  Edge edge;

  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), FALSE);
  g_return_val_if_fail (LIA_IS_RELATIONSHIP (relationship), FALSE);

  edge.source = lia_actor_graph_lookup (self, lia_relationship_get_source_uuid (relationship));
  edge.target = lia_actor_graph_lookup (self, lia_relationship_get_target_uuid (relationship));
  if (edge.source == LIA_ACTOR_GRAPH_NO_NODE || edge.target == LIA_ACTOR_GRAPH_NO_NODE ||
      edge.source == edge.target)
    return FALSE;

  drop_derived (self);
  edge.relationship = g_object_ref (relationship);
  g_array_append_val (self->edges, edge);

  return TRUE;
}

void
lia_actor_graph_set_seed (LiaActorGraph *self,
                          guint32        seed)
{
  g_return_if_fail (LIA_IS_ACTOR_GRAPH (self));

  self->seed = seed;
  g_clear_pointer (&self->communities, g_free);
}

guint
lia_actor_graph_get_n_actors (LiaActorGraph *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);

  return self->actors->len;
}

guint
lia_actor_graph_get_n_relationships (LiaActorGraph *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);

  return self->edges->len;
}

LiaActor *
lia_actor_graph_get_actor (LiaActorGraph *self,
                           guint          node)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), NULL);
  g_return_val_if_fail (node < self->actors->len, NULL);

  return g_ptr_array_index (self->actors, node);
}

/* Returns: the node of the actor with @uuid, or LIA_ACTOR_GRAPH_NO_NODE */
guint
lia_actor_graph_lookup (LiaActorGraph *self,
                        const char    *uuid)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), LIA_ACTOR_GRAPH_NO_NODE);

  if (uuid == NULL)
    return LIA_ACTOR_GRAPH_NO_NODE;

  return GPOINTER_TO_UINT (g_hash_table_lookup (self->nodes, uuid)) - 1;
}

/* Returns: (transfer none): relationship @edge, with its end nodes */
LiaRelationship *
lia_actor_graph_get_relationship (LiaActorGraph *self,
                                  guint          edge,
                                  guint         *source,
                                  guint         *target)
{
  const Edge *e;

  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), NULL);
  g_return_val_if_fail (edge < self->edges->len, NULL);

  e = &g_array_index (self->edges, Edge, edge);
  if (source != NULL)
    *source = e->source;
  if (target != NULL)
    *target = e->target;

  return e->relationship;
}

static guint
count (const Adjacency *adjacency,
       guint            node)
{
  return adjacency->offsets[node + 1] - adjacency->offsets[node];
}

/* The number of distinct actors linked to @node either way. */
guint
lia_actor_graph_get_degree (LiaActorGraph *self,
                            guint          node)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);
  g_return_val_if_fail (node < self->actors->len, 0);

  ensure_adjacency (self);
  return count (&self->undirected, node);
}

guint
lia_actor_graph_get_in_degree (LiaActorGraph *self,
                               guint          node)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);
  g_return_val_if_fail (node < self->actors->len, 0);

  ensure_adjacency (self);
  return count (&self->in, node);
}

guint
lia_actor_graph_get_out_degree (LiaActorGraph *self,
                                guint          node)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);
  g_return_val_if_fail (node < self->actors->len, 0);

  ensure_adjacency (self);
  return count (&self->out, node);
}

gboolean
lia_actor_graph_is_isolated (LiaActorGraph *self,
                             guint          node)
{
  return lia_actor_graph_get_degree (self, node) == 0;
}

/* Brandes (2001): one breadth-first search per source, then dependencies
 * accumulated in order of decreasing distance. */
static double *
compute_betweenness (guint            n,
                     const Adjacency *forward,
                     const Adjacency *backward)
{
  g_autofree guint *stack = g_new (guint, MAX (n, 1));
  g_autofree int *distance = g_new (int, MAX (n, 1));
  g_autofree double *sigma = g_new (double, MAX (n, 1));
  g_autofree double *delta = g_new (double, MAX (n, 1));
  double *centrality = g_new0 (double, MAX (n, 1));

  for (guint s = 0; s < n; s++)
    {
      guint head = 0;
      guint tail = 0;

      for (guint v = 0; v < n; v++)
        {
          distance[v] = -1;
          sigma[v] = 0.0;
          delta[v] = 0.0;
        }

      /* The stack doubles as the queue: nodes come off it in BFS order. */
      distance[s] = 0;
      sigma[s] = 1.0;
      stack[tail++] = s;
      while (head < tail)
        {
          guint v = stack[head++];

          for (guint i = forward->offsets[v]; i < forward->offsets[v + 1]; i++)
            {
              guint w = forward->items[i];

              if (distance[w] < 0)
                {
                  distance[w] = distance[v] + 1;
                  stack[tail++] = w;
                }
              if (distance[w] == distance[v] + 1)
                sigma[w] += sigma[v];
            }
        }

      while (tail > 0)
        {
          guint w = stack[--tail];

          for (guint i = backward->offsets[w]; i < backward->offsets[w + 1]; i++)
            {
              guint v = backward->items[i];

              if (distance[v] >= 0 && distance[v] == distance[w] - 1)
                delta[v] += sigma[v] / sigma[w] * (1.0 + delta[w]);
            }

          if (w != s)
            centrality[w] += delta[w];
        }
    }

  /* networkx's normalisation, the same for both variants: an undirected
   * search counts each pair twice. */
  if (n > 2)
    {
      double scale = 1.0 / ((double) (n - 1) * (double) (n - 2));

      for (guint v = 0; v < n; v++)
        centrality[v] *= scale;
    }

  return centrality;
}

/**
 * lia_actor_graph_get_betweenness:
 * @directed: follow relationships in their direction only
 *
 * Returns: the normalised betweenness centrality of @node, 0 to 1
 */
double
lia_actor_graph_get_betweenness (LiaActorGraph *self,
                                 guint          node,
                                 gboolean       directed)
{
  guint variant = directed ? 1 : 0;

  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0.0);
  g_return_val_if_fail (node < self->actors->len, 0.0);

  ensure_adjacency (self);
  if (self->betweenness[variant] == NULL)
    {
      if (directed)
        self->betweenness[variant] = compute_betweenness (self->actors->len, &self->out, &self->in);
      else
        self->betweenness[variant] = compute_betweenness (self->actors->len, &self->undirected, &self->undirected);
    }

  return self->betweenness[variant][node];
}

typedef struct
{
  guint label;
  guint size;
  guint first;
} Community;

static int
compare_communities (gconstpointer a,
                     gconstpointer b)
{
  const Community *ca = a;
  const Community *cb = b;

  if (ca->size != cb->size)
    return ca->size > cb->size ? -1 : 1;
  return ca->first < cb->first ? -1 : (ca->first > cb->first);
}

static void
ensure_communities (LiaActorGraph *self)
{
  guint n = self->actors->len;
  const Adjacency *adj = &self->undirected;
  g_autoptr(GRand) rand = NULL;
  g_autofree guint *order = NULL;
  g_autofree double *label_weight = NULL;
  g_autofree guint *touched = NULL;
  g_autofree guint *ties = NULL;
  g_autofree guint *renumber = NULL;
  g_autoptr(GArray) communities = NULL;
  guint *labels;

  ensure_adjacency (self);
  if (self->communities != NULL)
    return;

  labels = g_new (guint, MAX (n, 1));
  order = g_new (guint, MAX (n, 1));
  label_weight = g_new0 (double, MAX (n, 1));
  touched = g_new (guint, MAX (n, 1));
  ties = g_new (guint, MAX (n, 1));
  rand = g_rand_new_with_seed (self->seed);

  for (guint v = 0; v < n; v++)
    labels[v] = order[v] = v;

  for (guint round = 0; round < LPA_MAX_ROUNDS; round++)
    {
      gboolean changed = FALSE;

      for (guint i = n; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i);
          guint tmp = order[i - 1];

          order[i - 1] = order[j];
          order[j] = tmp;
        }

      for (guint k = 0; k < n; k++)
        {
          guint v = order[k];
          guint n_touched = 0;
          guint n_ties = 0;
          double best = -1.0;
          gboolean keep = FALSE;

          for (guint i = adj->offsets[v]; i < adj->offsets[v + 1]; i++)
            {
              guint label = labels[adj->items[i]];

              if (label_weight[label] == 0.0)
                touched[n_touched++] = label;
              /* A weightless link still counts a little. */
              label_weight[label] += MAX (adj->weights[i], 1e-6);
            }

          for (guint i = 0; i < n_touched; i++)
            best = MAX (best, label_weight[touched[i]]);

          for (guint i = 0; i < n_touched; i++)
            {
              if (label_weight[touched[i]] == best)
                {
                  ties[n_ties++] = touched[i];
                  keep |= touched[i] == labels[v];
                }
              label_weight[touched[i]] = 0.0;
            }

          /* Keeping a label that is among the best lets the rounds settle. */
          if (n_ties > 0 && !keep)
            {
              labels[v] = ties[n_ties == 1 ? 0 : g_rand_int_range (rand, 0, n_ties)];
              changed = TRUE;
            }
        }

      if (!changed)
        break;
    }

  /* Groups numbered by size, largest first. */
  communities = g_array_new (FALSE, FALSE, sizeof (Community));
  renumber = g_new (guint, MAX (n, 1));
  for (guint v = 0; v < n; v++)
    renumber[v] = G_MAXUINT;
  for (guint v = 0; v < n; v++)
    {
      if (renumber[labels[v]] == G_MAXUINT)
        {
          Community community = { labels[v], 0, v };

          renumber[labels[v]] = communities->len;
          g_array_append_val (communities, community);
        }
      g_array_index (communities, Community, renumber[labels[v]]).size++;
    }
  g_array_sort (communities, compare_communities);
  for (guint i = 0; i < communities->len; i++)
    renumber[g_array_index (communities, Community, i).label] = i;
  for (guint v = 0; v < n; v++)
    labels[v] = renumber[labels[v]];

  self->communities = labels;
  self->n_communities = communities->len;
}

/* Returns: the group of @node; 0 is the largest group */
guint
lia_actor_graph_get_community (LiaActorGraph *self,
                               guint          node)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);
  g_return_val_if_fail (node < self->actors->len, 0);

  ensure_communities (self);
  return self->communities[node];
}

guint
lia_actor_graph_get_n_communities (LiaActorGraph *self)
{
  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), 0);

  ensure_communities (self);
  return self->n_communities;
}

/* A way leverage can travel: from one actor to the next along an edge. */
typedef struct
{
  guint  from;
  guint  to;
  guint  edge;
  double cost;
} Lever;

static void
add_lever (GArray *levers,
           guint   from,
           guint   to,
           guint   edge,
           double  weight)
{
  Lever lever = { from, to, edge, -log (MIN (weight, 1.0)) + HOP_COST };

  if (weight > 0.0)
    g_array_append_val (levers, lever);
}

static GArray *
collect_levers (LiaActorGraph *self)
{
  GArray *levers = g_array_new (FALSE, FALSE, sizeof (Lever));

  for (guint i = 0; i < self->edges->len; i++)
    {
      const Edge *edge = &g_array_index (self->edges, Edge, i);
      LiaRelationshipType type = lia_relationship_get_relationship_type (edge->relationship);
      double weight = lia_relationship_get_weight (edge->relationship);

      if (type == LIA_RELATIONSHIP_HOSTILE_TO)
        continue;

      add_lever (levers, edge->source, edge->target, i, weight);
      if (lia_relationship_type_is_mutual (type))
        add_lever (levers, edge->target, edge->source, i, weight);
    }

  return levers;
}

static const char *
name_of (LiaActorGraph *self,
         guint          node)
{
  return lia_actor_get_name (g_ptr_array_index (self->actors, node));
}

/* One step of a chain as a clause: “A commands B”. */
static char *
describe_step (LiaActorGraph   *self,
               LiaRelationship *relationship,
               guint            from,
               guint            to,
               gboolean         first)
{
  const char *a = name_of (self, from);
  const char *b = name_of (self, to);

  switch (lia_relationship_get_relationship_type (relationship))
    {
    case LIA_RELATIONSHIP_COMMANDS:
      /* Translators: “A commands B”, one step of a chain of influence */
      return g_strdup_printf (_("%s commands %s"), a, b);
    case LIA_RELATIONSHIP_ALLIED_WITH:
      return g_strdup_printf (_("%s is allied with %s"), a, b);
    case LIA_RELATIONSHIP_SUPPORTS:
      return g_strdup_printf (_("%s supports %s"), a, b);
    case LIA_RELATIONSHIP_INFLUENCES:
      return g_strdup_printf (_("%s influences %s"), a, b);
    case LIA_RELATIONSHIP_NEGOTIATES_WITH:
      return g_strdup_printf (_("%s negotiates with %s"), a, b);
    case LIA_RELATIONSHIP_LIAISON_CHANNEL:
      if (first)
        /* Translators: the first %s is our own organisation */
        return g_strdup_printf (_("You (%s) have a liaison channel to %s"), a, b);
      return g_strdup_printf (_("%s has a liaison channel to %s"), a, b);
    case LIA_RELATIONSHIP_HOSTILE_TO:
    default:
      g_assert_not_reached ();
    }
}

static LiaReachChain *
make_chain (LiaActorGraph *self,
            const guint   *previous_lever,
            GArray        *levers,
            const Lever   *last)
{
  LiaReachChain *chain = g_new0 (LiaReachChain, 1);
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  guint node = last->from;

  g_ptr_array_add (steps, (gpointer) last);
  while (previous_lever[node] != G_MAXUINT)
    {
      const Lever *lever = &g_array_index (levers, Lever, previous_lever[node]);

      g_ptr_array_insert (steps, 0, (gpointer) lever);
      node = lever->from;
    }

  chain->nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  chain->relationships = g_ptr_array_new_with_free_func (g_object_unref);
  chain->strength = 1.0;
  g_array_append_val (chain->nodes, node);

  for (guint i = 0; i < steps->len; i++)
    {
      const Lever *lever = g_ptr_array_index (steps, i);
      LiaRelationship *relationship = g_array_index (self->edges, Edge, lever->edge).relationship;
      g_autofree char *clause = describe_step (self, relationship, lever->from, lever->to, i == 0);

      g_array_append_val (chain->nodes, lever->to);
      g_ptr_array_add (chain->relationships, g_object_ref (relationship));
      chain->strength *= MIN (lia_relationship_get_weight (relationship), 1.0);

      if (i > 0)
        /* Translators: separates the steps of a chain of influence */
        g_string_append (text, _("; "));
      g_string_append (text, clause);
    }

  /* Translators: %s lists the steps; %.0f%% is the chain's strength */
  chain->explanation = g_strdup_printf (_("%s. Strength of the chain: %.0f%%."),
                                        text->str, chain->strength * 100.0);
  return chain;
}

static int
compare_chains (gconstpointer a,
                gconstpointer b)
{
  const LiaReachChain *ca = *(LiaReachChain * const *) a;
  const LiaReachChain *cb = *(LiaReachChain * const *) b;

  if (ca->strength != cb->strength)
    return ca->strength > cb->strength ? -1 : 1;
  return (int) ca->nodes->len - (int) cb->nodes->len;
}

/**
 * lia_actor_graph_find_reach:
 * @from: where to start, or LIA_ACTOR_GRAPH_NO_NODE for every
 *   humanitarian actor (our own side)
 * @max_chains: at most this many chains
 *
 * Returns: (transfer full) (element-type LiaReachChain): the strongest
 *   chains first; empty when there is no way to reach @target
 */
GPtrArray *
lia_actor_graph_find_reach (LiaActorGraph  *self,
                            guint           target,
                            guint           from,
                            guint           max_chains,
                            GError        **error)
{
  guint n;
  g_autoptr(GArray) levers = NULL;
  g_autofree double *cost = NULL;
  g_autofree guint *previous_lever = NULL;
  g_autofree gboolean *done = NULL;
  g_autofree guint *best_last = NULL;
  g_autoptr(GPtrArray) chains = NULL;
  gboolean any_start = FALSE;

  g_return_val_if_fail (LIA_IS_ACTOR_GRAPH (self), NULL);
  g_return_val_if_fail (target < self->actors->len, NULL);
  g_return_val_if_fail (from == LIA_ACTOR_GRAPH_NO_NODE || from < self->actors->len, NULL);

  n = self->actors->len;
  cost = g_new (double, n);
  previous_lever = g_new (guint, n);
  done = g_new0 (gboolean, n);

  for (guint v = 0; v < n; v++)
    {
      gboolean start = from != LIA_ACTOR_GRAPH_NO_NODE
        ? v == from
        : lia_actor_get_actor_type (g_ptr_array_index (self->actors, v)) == LIA_ACTOR_TYPE_HUMANITARIAN;

      cost[v] = start ? 0.0 : INFINITY;
      previous_lever[v] = G_MAXUINT;
      any_start |= start;
    }

  if (!any_start)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("There is no starting point: add your own organisation as a humanitarian actor, or choose the actor to start from."));
      return NULL;
    }

  if (cost[target] == 0.0)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("%s is one of your own starting points; choose another actor to reach."),
                   name_of (self, target));
      return NULL;
    }

  /* Dijkstra with a linear scan: maps have hundreds of actors, not millions. */
  levers = collect_levers (self);
  for (;;)
    {
      guint u = G_MAXUINT;

      for (guint v = 0; v < n; v++)
        {
          if (!done[v] && isfinite (cost[v]) && (u == G_MAXUINT || cost[v] < cost[u]))
            u = v;
        }
      if (u == G_MAXUINT)
        break;

      done[u] = TRUE;
      for (guint i = 0; i < levers->len; i++)
        {
          const Lever *lever = &g_array_index (levers, Lever, i);

          if (lever->from == u && cost[u] + lever->cost < cost[lever->to])
            {
              cost[lever->to] = cost[u] + lever->cost;
              previous_lever[lever->to] = i;
            }
        }
    }

  /* The strongest chain through each last intermediary. */
  best_last = g_new (guint, n);
  for (guint v = 0; v < n; v++)
    best_last[v] = G_MAXUINT;
  for (guint i = 0; i < levers->len; i++)
    {
      const Lever *lever = &g_array_index (levers, Lever, i);
      const Lever *best;
      gboolean through_target = FALSE;

      if (lever->to != target || !isfinite (cost[lever->from]))
        continue;

      /* A chain that passes the target before its last step is no door. */
      for (guint v = lever->from; previous_lever[v] != G_MAXUINT && !through_target;
           v = g_array_index (levers, Lever, previous_lever[v]).from)
        through_target = v == target;
      if (through_target || lever->from == target)
        continue;

      best = best_last[lever->from] != G_MAXUINT ? &g_array_index (levers, Lever, best_last[lever->from]) : NULL;
      if (best == NULL || lever->cost < best->cost)
        best_last[lever->from] = i;
    }

  chains = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_reach_chain_free);
  for (guint v = 0; v < n; v++)
    {
      if (best_last[v] != G_MAXUINT)
        g_ptr_array_add (chains, make_chain (self, previous_lever, levers,
                                             &g_array_index (levers, Lever, best_last[v])));
    }

  g_ptr_array_sort (chains, compare_chains);
  if (chains->len > max_chains)
    g_ptr_array_set_size (chains, max_chains);

  return g_steal_pointer (&chains);
}
