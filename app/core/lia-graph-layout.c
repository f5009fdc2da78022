/* lia-graph-layout.c
 *
 * Fruchterman–Reingold (1991) with the O(n²) repulsion replaced by a
 * Barnes–Hut quadtree (O(n log n) per step), so thousands of actors lay
 * out in about a second.  Everything random comes from the seed, and the
 * quadtree is visited in a fixed order: the same graph and seed give the
 * same picture.  Incremental: nodes with a position start from it and a
 * cooler start keeps them near; new nodes start at the middle of their
 * placed neighbours; pinned nodes never move.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "lia-graph-layout.h"

#define DEFAULT_ITERATIONS 200
#define THETA              1.0    /* Barnes–Hut opening criterion */
#define MAX_DEPTH          48     /* coincident points stop splitting here */

/* Everything one run needs, copied so that a run in a thread never shares
 * memory with the object the UI keeps changing. */
typedef struct
{
  guint    n_nodes;
  guint    iterations;
  guint32  seed;
  double  *x;
  double  *y;
  guint8  *placed;
  guint8  *pinned;
  GArray  *edges;   /* guint pairs */
} Job;

struct _LiaGraphLayout
{
  GObject  parent_instance;
  Job     *job;
};

G_DEFINE_FINAL_TYPE (LiaGraphLayout, lia_graph_layout, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  g_free (job->x);
  g_free (job->y);
  g_free (job->placed);
  g_free (job->pinned);
  g_array_unref (job->edges);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Job, job_free)

static Job *
job_new (guint n_nodes)
{
  Job *job = g_new0 (Job, 1);

  job->n_nodes = n_nodes;
  job->iterations = DEFAULT_ITERATIONS;
  job->seed = 1;
  job->x = g_new0 (double, MAX (n_nodes, 1));
  job->y = g_new0 (double, MAX (n_nodes, 1));
  job->placed = g_new0 (guint8, MAX (n_nodes, 1));
  job->pinned = g_new0 (guint8, MAX (n_nodes, 1));
  job->edges = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  return job;
}

static Job *
job_copy (const Job *job)
{
  Job *copy = job_new (job->n_nodes);
  guint n = MAX (job->n_nodes, 1);

  copy->iterations = job->iterations;
  copy->seed = job->seed;
  memcpy (copy->x, job->x, n * sizeof (double));
  memcpy (copy->y, job->y, n * sizeof (double));
  memcpy (copy->placed, job->placed, n);
  memcpy (copy->pinned, job->pinned, n);
  g_array_append_vals (copy->edges, job->edges->data, job->edges->len);

  return copy;
}

typedef struct
{
  double cx, cy, half;     /* square: centre and half side */
  double sx, sy, mass;     /* sum of positions, number of bodies */
  double mx, my;           /* centre of mass, once the tree is built */
  int    internal;         /* has children */
  int    child[4];
  int    body;             /* the only body of a leaf, -1 if none */
} Cell;

typedef struct
{
  GArray *cells;
} QuadTree;

static int
cell_new (QuadTree *tree,
          double    cx,
          double    cy,
          double    half)
{
  Cell cell = { .cx = cx, .cy = cy, .half = half, .child = { -1, -1, -1, -1 }, .body = -1 };

  g_array_append_val (tree->cells, cell);
  return tree->cells->len - 1;
}

static int
quadrant_of (const Cell *cell,
             double      x,
             double      y)
{
  return (x >= cell->cx ? 1 : 0) + (y >= cell->cy ? 2 : 0);
}

static int
child_for (QuadTree *tree,
           int       index,
           int       quadrant)
{
  Cell *cell = &g_array_index (tree->cells, Cell, index);
  double half = cell->half / 2;
  double cx = cell->cx + ((quadrant & 1) ? half : -half);
  double cy = cell->cy + ((quadrant & 2) ? half : -half);
  int child = cell->child[quadrant];

  if (child < 0)
    {
      child = cell_new (tree, cx, cy, half);
      /* cell_new may have moved the array. */
      g_array_index (tree->cells, Cell, index).child[quadrant] = child;
    }

  return child;
}

static void
quadtree_insert (QuadTree     *tree,
                 const double *x,
                 const double *y,
                 int           body)
{
  int index = 0;

  for (guint depth = 0; ; depth++)
    {
      Cell *cell = &g_array_index (tree->cells, Cell, index);
      gboolean internal = cell->child[0] >= 0 || cell->child[1] >= 0 ||
                          cell->child[2] >= 0 || cell->child[3] >= 0;

      if (!internal && (cell->mass == 0 || depth >= MAX_DEPTH))
        {
          cell->sx += x[body];
          cell->sy += y[body];
          cell->mass += 1;
          if (cell->body < 0)
            cell->body = body;
          return;
        }

      if (!internal)
        {
          /* Split the leaf: its body moves one level down. */
          int old = cell->body;
          int quadrant = quadrant_of (cell, x[old], y[old]);
          int child = child_for (tree, index, quadrant);
          Cell *moved = &g_array_index (tree->cells, Cell, child);

          moved->sx = x[old];
          moved->sy = y[old];
          moved->mass = 1;
          moved->body = old;
          cell = &g_array_index (tree->cells, Cell, index);
          cell->body = -1;
        }

      cell->sx += x[body];
      cell->sy += y[body];
      cell->mass += 1;
      index = child_for (tree, index, quadrant_of (cell, x[body], y[body]));
    }
}

static void
quadtree_build (QuadTree     *tree,
                const double *x,
                const double *y,
                guint         n)
{
  double min_x = x[0], max_x = x[0], min_y = y[0], max_y = y[0];

  for (guint i = 1; i < n; i++)
    {
      min_x = MIN (min_x, x[i]);
      max_x = MAX (max_x, x[i]);
      min_y = MIN (min_y, y[i]);
      max_y = MAX (max_y, y[i]);
    }

  g_array_set_size (tree->cells, 0);
  cell_new (tree, (min_x + max_x) / 2, (min_y + max_y) / 2,
            MAX (MAX (max_x - min_x, max_y - min_y) / 2, 1e-9) * 1.0001);

  for (guint i = 0; i < n; i++)
    quadtree_insert (tree, x, y, i);

  /* What every walk of the tree asks, worked out once per step */
  for (guint i = 0; i < tree->cells->len; i++)
    {
      Cell *cell = &g_array_index (tree->cells, Cell, i);

      cell->internal = cell->child[0] >= 0 || cell->child[1] >= 0 ||
                       cell->child[2] >= 0 || cell->child[3] >= 0;
      if (cell->mass > 0)
        {
          cell->mx = cell->sx / cell->mass;
          cell->my = cell->sy / cell->mass;
        }
    }
}

/* Adds to (fx, fy) the repulsion k²/d of every other body on @body. */
static void
quadtree_repulse (QuadTree     *tree,
                  const double *x,
                  const double *y,
                  int           body,
                  double        k2,
                  double       *fx,
                  double       *fy)
{
  /* Depth-first: at most three siblings wait per level, so a plain array
   * holds the walk; it is the innermost loop of the layout. */
  int stack[3 * MAX_DEPTH + 8];
  guint top = 0;

  stack[top++] = 0;

  while (top > 0)
    {
      int index = stack[--top];
      const Cell *cell = &g_array_index (tree->cells, Cell, index);
      gboolean internal = cell->internal;
      double mass = cell->mass;
      double dx, dy, d2;

      if (!internal && cell->body == body)
        mass -= 1;   /* itself, and any body sitting on the same spot */
      if (mass <= 0)
        continue;

      dx = x[body] - cell->mx;
      dy = y[body] - cell->my;
      d2 = dx * dx + dy * dy;

      if (internal && 4 * cell->half * cell->half >= THETA * THETA * d2)
        {
          for (int q = 0; q < 4; q++)
            {
              if (cell->child[q] >= 0)
                stack[top++] = cell->child[q];
            }
          continue;
        }

      if (d2 < 1e-12)
        {
          /* Bodies on the same spot: push apart in a direction that
           * depends on the body only, to stay deterministic. */
          dx = cos (body * 2.399963);
          dy = sin (body * 2.399963);
          d2 = 1e-4;
          dx *= 1e-2;
          dy *= 1e-2;
        }

      *fx += dx * mass * k2 / d2;
      *fy += dy * mass * k2 / d2;
    }
}

/* The repulsion of one slice of the bodies: each body's force depends only
 * on the tree and the positions, so slices can run on several cores and
 * the result is the same, bit for bit, as on one. */
typedef struct
{
  QuadTree     *tree;
  const double *x;
  const double *y;
  double       *dx;
  double       *dy;
  double        k2;
  guint         begin;
  guint         end;
} RepulseSlice;

static gpointer
repulse_slice (gpointer data)
{
  RepulseSlice *slice = data;

  for (guint v = slice->begin; v < slice->end; v++)
    {
      slice->dx[v] = slice->dy[v] = 0.0;
      quadtree_repulse (slice->tree, slice->x, slice->y, v, slice->k2,
                        &slice->dx[v], &slice->dy[v]);
    }

  return NULL;
}

/* Small graphs are done before a thread would have started. */
#define PARALLEL_MIN_NODES 1000
#define MAX_THREADS        4

static void
repulse_all (QuadTree     *tree,
             const double *x,
             const double *y,
             double       *dx,
             double       *dy,
             double        k2,
             guint         n)
{
  guint n_threads = n < PARALLEL_MIN_NODES ? 1 : CLAMP (g_get_num_processors (), 1, MAX_THREADS);
  RepulseSlice slices[MAX_THREADS];
  GThread *threads[MAX_THREADS] = { NULL };

  for (guint i = 0; i < n_threads; i++)
    {
      slices[i] = (RepulseSlice) { tree, x, y, dx, dy, k2, n * i / n_threads, n * (i + 1) / n_threads };
      if (i > 0)
        threads[i] = g_thread_new ("lia-layout", repulse_slice, &slices[i]);
    }

  repulse_slice (&slices[0]);
  for (guint i = 1; i < n_threads; i++)
    g_thread_join (threads[i]);
}

static void
place_new_nodes (Job   *job,
                 GRand *rand,
                 double side)
{
  g_autofree double *sum_x = g_new0 (double, job->n_nodes);
  g_autofree double *sum_y = g_new0 (double, job->n_nodes);
  g_autofree guint *n_placed = g_new0 (guint, job->n_nodes);

  for (guint i = 0; i < job->edges->len; i++)
    {
      const guint *edge = &g_array_index (job->edges, guint, 2 * i);

      for (guint end = 0; end < 2; end++)
        {
          guint a = edge[end], b = edge[1 - end];

          if (!job->placed[a] && job->placed[b])
            {
              sum_x[a] += job->x[b];
              sum_y[a] += job->y[b];
              n_placed[a]++;
            }
        }
    }

  for (guint v = 0; v < job->n_nodes; v++)
    {
      double jx = g_rand_double_range (rand, -0.5, 0.5);
      double jy = g_rand_double_range (rand, -0.5, 0.5);

      if (job->placed[v])
        continue;

      if (n_placed[v] > 0)
        {
          job->x[v] = sum_x[v] / n_placed[v] + jx;
          job->y[v] = sum_y[v] / n_placed[v] + jy;
        }
      else
        {
          job->x[v] = jx * side;
          job->y[v] = jy * side;
        }
      job->placed[v] = TRUE;
    }
}

static gboolean
job_run (Job          *job,
         GCancellable *cancellable,
         GError      **error)
{
  const double k = 1.0;   /* ideal edge length */
  guint n = job->n_nodes;
  double side = sqrt ((double) MAX (n, 1)) * k * 2;
  g_autoptr(GRand) rand = g_rand_new_with_seed (job->seed);
  g_autofree double *dx = NULL;
  g_autofree double *dy = NULL;
  g_autoptr(GArray) cells = NULL;
  QuadTree tree;
  gboolean incremental = FALSE;
  double t0;

  if (n == 0)
    return TRUE;

  for (guint v = 0; v < n; v++)
    incremental |= job->placed[v];
  place_new_nodes (job, rand, side);

  /* A fresh layout may move anything anywhere; an update only settles. */
  t0 = incremental ? k * 2 : side / 10;

  dx = g_new (double, n);
  dy = g_new (double, n);
  cells = g_array_sized_new (FALSE, FALSE, sizeof (Cell), 2 * n);
  tree.cells = cells;

  for (guint it = 0; it < job->iterations; it++)
    {
      double t = t0 * (1.0 - (double) it / job->iterations) + k * 0.01;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      quadtree_build (&tree, job->x, job->y, n);
      repulse_all (&tree, job->x, job->y, dx, dy, k * k, n);

      for (guint i = 0; i < job->edges->len; i++)
        {
          const guint *edge = &g_array_index (job->edges, guint, 2 * i);
          double ex = job->x[edge[0]] - job->x[edge[1]];
          double ey = job->y[edge[0]] - job->y[edge[1]];
          double d = sqrt (ex * ex + ey * ey);

          /* d²/k along the edge, pulling both ends together. */
          dx[edge[0]] -= ex * d / k;
          dy[edge[0]] -= ey * d / k;
          dx[edge[1]] += ex * d / k;
          dy[edge[1]] += ey * d / k;
        }

      for (guint v = 0; v < n; v++)
        {
          double d = sqrt (dx[v] * dx[v] + dy[v] * dy[v]);

          if (job->pinned[v] || d == 0.0)
            continue;

          job->x[v] += dx[v] / d * MIN (d, t);
          job->y[v] += dy[v] / d * MIN (d, t);
        }
    }

  return TRUE;
}

static void
lia_graph_layout_finalize (GObject *object)
{
  LiaGraphLayout *self = (LiaGraphLayout *)object;

  g_clear_pointer (&self->job, job_free);

  G_OBJECT_CLASS (lia_graph_layout_parent_class)->finalize (object);
}

static void
lia_graph_layout_class_init (LiaGraphLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = lia_graph_layout_finalize;
}

static void
lia_graph_layout_init (LiaGraphLayout *self)
{
}

LiaGraphLayout *
lia_graph_layout_new (guint n_nodes)
{
  LiaGraphLayout *self = g_object_new (LIA_TYPE_GRAPH_LAYOUT, NULL);

  self->job = job_new (n_nodes);
  return self;
}

guint
lia_graph_layout_get_n_nodes (LiaGraphLayout *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_LAYOUT (self), 0);

  return self->job->n_nodes;
}

/* Parallel edges pull harder, as several relationships should. */
void
lia_graph_layout_add_edge (LiaGraphLayout *self,
                           guint           a,
                           guint           b)
{
  guint edge[2] = { a, b };

  g_return_if_fail (LIA_IS_GRAPH_LAYOUT (self));
  g_return_if_fail (a < self->job->n_nodes && b < self->job->n_nodes);

  if (a != b)
    g_array_append_vals (self->job->edges, edge, 1);
}

void
lia_graph_layout_set_seed (LiaGraphLayout *self,
                           guint32         seed)
{
  g_return_if_fail (LIA_IS_GRAPH_LAYOUT (self));

  self->job->seed = seed;
}

void
lia_graph_layout_set_iterations (LiaGraphLayout *self,
                                 guint           iterations)
{
  g_return_if_fail (LIA_IS_GRAPH_LAYOUT (self));

  self->job->iterations = iterations;
}

/* Where @node starts the next run (and stays if pinned). */
void
lia_graph_layout_set_position (LiaGraphLayout *self,
                               guint           node,
                               double          x,
                               double          y)
{
  g_return_if_fail (LIA_IS_GRAPH_LAYOUT (self));
  g_return_if_fail (node < self->job->n_nodes);

  self->job->x[node] = x;
  self->job->y[node] = y;
  self->job->placed[node] = TRUE;
}

void
lia_graph_layout_set_pinned (LiaGraphLayout *self,
                             guint           node,
                             gboolean        pinned)
{
  g_return_if_fail (LIA_IS_GRAPH_LAYOUT (self));
  g_return_if_fail (node < self->job->n_nodes);
  g_return_if_fail (!pinned || self->job->placed[node]);

  self->job->pinned[node] = !!pinned;
}

/* Returns: FALSE if @node has no position yet */
gboolean
lia_graph_layout_get_position (LiaGraphLayout *self,
                               guint           node,
                               double         *x,
                               double         *y)
{
  g_return_val_if_fail (LIA_IS_GRAPH_LAYOUT (self), FALSE);
  g_return_val_if_fail (node < self->job->n_nodes, FALSE);

  if (x != NULL)
    *x = self->job->x[node];
  if (y != NULL)
    *y = self->job->y[node];

  return self->job->placed[node];
}

/* For tests and tools; the UI uses lia_graph_layout_run_async(). */
gboolean
lia_graph_layout_run (LiaGraphLayout  *self,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(Job) job = NULL;

  g_return_val_if_fail (LIA_IS_GRAPH_LAYOUT (self), FALSE);

  job = job_copy (self->job);
  if (!job_run (job, cancellable, error))
    return FALSE;

  g_clear_pointer (&self->job, job_free);
  self->job = g_steal_pointer (&job);
  return TRUE;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  GError *error = NULL;

  if (job_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * lia_graph_layout_run_async:
 *
 * Lays the graph out in a worker thread, from the nodes, edges and
 * positions as they are now; changes made meanwhile are kept for the next
 * run.  The new positions replace the old ones when the run finishes.
 */
void
lia_graph_layout_run_async (LiaGraphLayout      *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (LIA_IS_GRAPH_LAYOUT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_graph_layout_run_async);
  g_task_set_task_data (task, job_copy (self->job), (GDestroyNotify) job_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
lia_graph_layout_run_finish (LiaGraphLayout  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  Job *job;
  guint n;

  g_return_val_if_fail (LIA_IS_GRAPH_LAYOUT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* Nodes pinned meanwhile stay where they were put. */
  job = g_task_get_task_data (G_TASK (result));
  n = MIN (job->n_nodes, self->job->n_nodes);
  for (guint v = 0; v < n; v++)
    {
      if (!self->job->pinned[v])
        {
          self->job->x[v] = job->x[v];
          self->job->y[v] = job->y[v];
          self->job->placed[v] = TRUE;
        }
    }

  return TRUE;
}
