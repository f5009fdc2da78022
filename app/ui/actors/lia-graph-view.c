/* lia-graph-view.c — the stakeholder network drawn with GtkSnapshot
 *
 * The scene (edges, actors, labels) is drawn with cairo into 512-pixel
 * tiles that become textures.  Panning only moves the tiles and draws the
 * few that come into view; a change of graph, positions, selection,
 * filters, colours or zoom throws them away.  The same drawing routine
 * serves the PNG and SVG exports (lia-graph-view-export.c).
 *
 * Layout is the core's force-directed one: positions are kept per UUID, so
 * a new graph (another "as of" date, one more actor) only places what is
 * new, and the rest stays where the officer last saw it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gi18n.h>

#include "lia-graph-view-private.h"

#define TILE_SIZE          512
#define MAX_CACHED_TILES   96
#define MIN_SCALE          1.0
#define MAX_SCALE          600.0
#define LABEL_MIN_SCALE    (LIA_GRAPH_VIEW_BASE_SCALE * 0.55)
#define LABEL_MAX_WIDTH    220
#define FIT_MARGIN         32.0
#define ASYNC_THRESHOLD    100      /* actors: more are laid out in a thread */
#define LAYOUT_SEED        1
#define N_WEIGHT_BUCKETS   4
#define N_ACTOR_TYPES      (LIA_ACTOR_TYPE_OTHER + 1)
#define N_RELATIONSHIP_TYPES (LIA_RELATIONSHIP_LIAISON_CHANNEL + 1)

typedef enum
{
  EMPHASIS_NONE,       /* nothing selected */
  EMPHASIS_DIMMED,     /* something else selected */
  EMPHASIS_NEIGHBOUR,
  EMPHASIS_SELECTED,
} Emphasis;

typedef struct
{
  LiaActor    *actor;      /* owned by the graph */
  const char  *uuid;       /* owned by the actor */
  const char  *name;
  double       x, y;       /* layout units */
  int          influence;
  LiaActorType type;
  guint        placed : 1;
  guint        visible : 1;
  guint        pinned : 1;
  guint        strict : 1;  /* strictly confidential */
  Emphasis     emphasis;
  PangoLayout *label;      /* created on first draw */
  PangoRectangle label_rect;
} Node;

typedef struct
{
  guint               source;
  guint               target;
  LiaRelationshipType type;
  double              weight;
  gboolean            visible;
  gboolean            strict;
} Edge;

struct _LiaGraphView
{
  GtkWidget       parent_instance;

  LiaActorGraph  *graph;
  Node           *nodes;
  guint           n_nodes;
  Edge           *edges;
  guint           n_edges;
  guint          *order;          /* visible nodes by name, for the keyboard */
  guint           n_order;

  GHashTable     *positions;      /* uuid → double[2], every actor ever placed */
  GHashTable     *pinned;         /* uuids */
  char           *selected_uuid;
  guint           selected;       /* node or LIA_ACTOR_GRAPH_NO_NODE */
  guint32         hidden_types;
  gboolean        hide_strict;    /* for an export the officer did not extend */
  guint32         hidden_relationships;

  /* Layout units to widget pixels */
  double          scale;
  double          offset_x;
  double          offset_y;
  gboolean        fit_pending;

  /* Layout in a worker thread */
  LiaGraphLayout *layout;
  GCancellable   *layout_cancellable;

  /* Drawing */
  GHashTable     *tiles;          /* packed tile index → Tile */
  double          tiles_scale;
  int             tiles_scale_factor;
  GdkRGBA         foreground;
  gboolean        dark;
  gboolean        high_contrast;

  /* Pointer */
  double          pointer_x;
  double          pointer_y;
  guint           press_node;     /* under the pointer when a drag began */
  guint           drag_node;      /* being moved, drawn over the cache */
  double          drag_start_x;   /* node (layout units) or offset (pixels) */
  double          drag_start_y;
  gboolean        drag_moved;
};

G_DEFINE_FINAL_TYPE (LiaGraphView, lia_graph_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_GRAPH,
  PROP_BUSY,
  PROP_SELECTED_UUID,
  N_PROPS
};

enum {
  ACTOR_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Actor colours for light and dark backgrounds, from the GNOME palette
 * where it has one; neighbouring types differ in hue and lightness. */
static const char * const type_colours[N_ACTOR_TYPES][2] = {
  [LIA_ACTOR_TYPE_STATE_FORCES]      = { "#1c71d8", "#62a0ea" },
  [LIA_ACTOR_TYPE_REBEL_GROUP]       = { "#c01c28", "#f66151" },
  [LIA_ACTOR_TYPE_POLITICAL_MILITIA] = { "#e66100", "#ffa348" },
  [LIA_ACTOR_TYPE_IDENTITY_MILITIA]  = { "#865e3c", "#cdab8f" },
  [LIA_ACTOR_TYPE_EXTERNAL_FORCES]   = { "#813d9c", "#c061cb" },
  [LIA_ACTOR_TYPE_PEACEKEEPING]      = { "#0e7c86", "#5bc8dc" },
  [LIA_ACTOR_TYPE_POLICE]            = { "#1a3f7a", "#99c1f1" },
  [LIA_ACTOR_TYPE_PRIVATE_SECURITY]  = { "#6b6b00", "#c8c84a" },
  [LIA_ACTOR_TYPE_GOVERNMENT]        = { "#26a269", "#8ff0a4" },
  [LIA_ACTOR_TYPE_HUMANITARIAN]      = { "#c88800", "#f9f06b" },
  [LIA_ACTOR_TYPE_CIVIL_SOCIETY]     = { "#c2327c", "#f28cc0" },
  [LIA_ACTOR_TYPE_OTHER]             = { "#5e5c64", "#c0bfbc" },
};

/* The interface's language, if actors may carry a name in it. */
static const char *
label_language (void)
{
  static const char * const known[] = { "en", "fr", "ar" };
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      gsize len = strcspn (names[i], "_.@");

      for (guint j = 0; j < G_N_ELEMENTS (known); j++)
        {
          if (len == strlen (known[j]) && strncmp (names[i], known[j], len) == 0)
            return known[j];
        }
    }

  return NULL;
}

/* Geometry */

static double
node_radius (const Node *node,
             double      scale)
{
  double zoom = CLAMP (scale / LIA_GRAPH_VIEW_BASE_SCALE, 0.2, 2.0);

  return (5.0 + 1.1 * CLAMP (node->influence, 0, LIA_ACTOR_INFLUENCE_MAX)) * zoom;
}

static gboolean
node_is_drawn (const Node *node)
{
  return node->visible && node->placed;
}

static gboolean
edge_is_drawn (LiaGraphView *self,
               const Edge   *edge)
{
  return edge->visible &&
         node_is_drawn (&self->nodes[edge->source]) &&
         node_is_drawn (&self->nodes[edge->target]);
}

static void
ensure_label (LiaGraphView *self,
              Node         *node)
{
  if (node->label != NULL)
    return;

  node->label = gtk_widget_create_pango_layout (GTK_WIDGET (self), node->name);
  pango_layout_set_width (node->label, LABEL_MAX_WIDTH * PANGO_SCALE);
  pango_layout_set_ellipsize (node->label, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (node->label, TRUE);
  pango_layout_get_pixel_extents (node->label, NULL, &node->label_rect);
}

static void
clear_labels (LiaGraphView *self)
{
  for (guint v = 0; v < self->n_nodes; v++)
    g_clear_object (&self->nodes[v].label);
}

/* The label's top-left corner, centred under the node at (cx, cy). */
static void
label_origin (const Node *node,
              double      cx,
              double      cy,
              double      radius,
              double     *x,
              double     *y)
{
  *x = round (cx - node->label_rect.x - node->label_rect.width / 2.0);
  *y = round (cy + radius + 3);
}

/* Colours */

static void
get_type_colour (LiaGraphView *self,
                 LiaActorType  type,
                 GdkRGBA      *rgba)
{
  gdk_rgba_parse (rgba, type_colours[MIN (type, N_ACTOR_TYPES - 1)][self->dark ? 1 : 0]);
}

void
lia_graph_view_get_background (LiaGraphView *self,
                               GdkRGBA      *rgba)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));

  if (!gtk_style_context_lookup_color (context, "view_bg_color", rgba))
    gdk_rgba_parse (rgba, self->dark ? "#1e1e1e" : "#ffffff");
}

/* Re-reads what the colours depend on; TRUE if any changed. */
static gboolean
update_style (LiaGraphView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  GdkRGBA foreground;
  gboolean dark = adw_style_manager_get_dark (manager);
  gboolean high_contrast = adw_style_manager_get_high_contrast (manager);
  gboolean changed;

  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &foreground);
  changed = !gdk_rgba_equal (&foreground, &self->foreground) ||
            dark != self->dark || high_contrast != self->high_contrast;
  self->foreground = foreground;
  self->dark = dark;
  self->high_contrast = high_contrast;

  return changed;
}

/* Drawing, shared by the tiles and the exports */

static void
set_source_rgba (cairo_t       *cr,
                 const GdkRGBA *rgba,
                 double         alpha)
{
  cairo_set_source_rgba (cr, rgba->red, rgba->green, rgba->blue, rgba->alpha * alpha);
}

/* Solid, dashed or dotted, per relationship type, in line widths. */
static void
set_dash (cairo_t             *cr,
          LiaRelationshipType  type,
          double               width)
{
  static const double dashed[] = { 5, 3 };
  static const double dotted[] = { 0.01, 2.5 };
  static const double dash_dot[] = { 6, 2.5, 1, 2.5 };
  static const double long_dash[] = { 10, 3 };
  const double *pattern = NULL;
  int n = 0;
  double scaled[4];

  switch (type)
    {
    case LIA_RELATIONSHIP_COMMANDS:
    case LIA_RELATIONSHIP_ALLIED_WITH:
    case LIA_RELATIONSHIP_SUPPORTS:
      break;
    case LIA_RELATIONSHIP_HOSTILE_TO:
      pattern = dashed, n = G_N_ELEMENTS (dashed);
      break;
    case LIA_RELATIONSHIP_INFLUENCES:
      pattern = dotted, n = G_N_ELEMENTS (dotted);
      break;
    case LIA_RELATIONSHIP_NEGOTIATES_WITH:
      pattern = dash_dot, n = G_N_ELEMENTS (dash_dot);
      break;
    case LIA_RELATIONSHIP_LIAISON_CHANNEL:
    default:
      pattern = long_dash, n = G_N_ELEMENTS (long_dash);
      break;
    }

  for (int i = 0; i < n; i++)
    scaled[i] = pattern[i] * MAX (width, 1.2);
  cairo_set_line_cap (cr, pattern == dotted ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_dash (cr, n > 0 ? scaled : NULL, n, 0);
}

static double
edge_width (double weight,
            int    bucket_emphasis)
{
  int bucket = CLAMP ((int) (weight * N_WEIGHT_BUCKETS), 0, N_WEIGHT_BUCKETS - 1);

  return 0.8 + 0.9 * bucket + (bucket_emphasis ? 1.0 : 0.0);
}

static gboolean
rect_intersects (const cairo_rectangle_t *clip,
                 double x0, double y0, double x1, double y1)
{
  return !(MAX (x0, x1) < clip->x || MIN (x0, x1) > clip->x + clip->width ||
           MAX (y0, y1) < clip->y || MIN (y0, y1) > clip->y + clip->height);
}

#define N_EDGE_GROUPS (2 * N_RELATIONSHIP_TYPES * N_WEIGHT_BUCKETS)

static int
edge_bucket (const Edge *edge)
{
  return CLAMP ((int) (edge->weight * N_WEIGHT_BUCKETS), 0, N_WEIGHT_BUCKETS - 1);
}

/* Where an edge starts and ends on screen: from the rim of one actor to
 * the rim of the other, short of the arrowhead.  FALSE if the actors
 * overlap. */
static gboolean
edge_ends (LiaGraphView                *self,
           const Edge                  *edge,
           const LiaGraphViewTransform *t,
           double                       end[4],
           double                      *ux,
           double                      *uy,
           double                      *rd)
{
  const Node *s = &self->nodes[edge->source];
  const Node *d = &self->nodes[edge->target];
  double sx = s->x * t->scale + t->origin_x;
  double sy = s->y * t->scale + t->origin_y;
  double dx = d->x * t->scale + t->origin_x;
  double dy = d->y * t->scale + t->origin_y;
  double len = hypot (dx - sx, dy - sy);
  double rs = node_radius (s, t->scale);

  *rd = node_radius (d, t->scale);
  if (len <= rs + *rd + 1)
    return FALSE;

  *ux = (dx - sx) / len;
  *uy = (dy - sy) / len;
  end[0] = sx + *ux * rs;
  end[1] = sy + *uy * rs;
  end[2] = dx;
  end[3] = dy;
  return TRUE;
}

/* Edges are batched into one path per relationship type, weight and
 * emphasis: a few dozen strokes instead of thousands.  When thousands of
 * edges are in view at a small zoom, dashes and dots could not be told
 * apart anyway: they are drawn solid, which is many times faster. */
static void
draw_edges (LiaGraphView                *self,
            cairo_t                     *cr,
            const LiaGraphViewTransform *t,
            const cairo_rectangle_t     *clip)
{
  gboolean has_selection = self->selected != LIA_ACTOR_GRAPH_NO_NODE &&
                           t->layer != LIA_GRAPH_VIEW_LAYER_BASE;
  gboolean dims = has_selection && t->layer == LIA_GRAPH_VIEW_LAYER_ALL;
  double base_alpha = self->high_contrast ? 0.9 : 0.5;
  guint counts[N_EDGE_GROUPS + 1] = { 0 };
  g_autofree guint *sorted = g_new (guint, MAX (self->n_edges, 1));
  g_autofree guint8 *groups = g_new (guint8, MAX (self->n_edges, 1));
  gboolean styled;
  guint n_drawn = 0;

  /* Sort the edges in view by group, in one pass */
  for (guint e = 0; e < self->n_edges; e++)
    {
      const Edge *edge = &self->edges[e];
      gboolean touches, dragged;

      groups[e] = N_EDGE_GROUPS;
      if (!edge_is_drawn (self, edge))
        continue;

      touches = has_selection && (edge->source == self->selected || edge->target == self->selected);
      dragged = edge->source == self->drag_node || edge->target == self->drag_node;
      if ((t->layer == LIA_GRAPH_VIEW_LAYER_BASE && dragged) ||
          (t->layer == LIA_GRAPH_VIEW_LAYER_OVERLAY && !touches && !dragged))
        continue;

      if (clip != NULL)
        {
          const Node *s = &self->nodes[edge->source];
          const Node *d = &self->nodes[edge->target];
          double sx = s->x * t->scale + t->origin_x, sy = s->y * t->scale + t->origin_y;
          double dx = d->x * t->scale + t->origin_x, dy = d->y * t->scale + t->origin_y;

          if (!rect_intersects (clip, MIN (sx, dx) - 16, MIN (sy, dy) - 16,
                                MAX (sx, dx) + 16, MAX (sy, dy) + 16))
            continue;
        }

      groups[e] = (touches ? N_RELATIONSHIP_TYPES * N_WEIGHT_BUCKETS : 0) +
                  edge->type * N_WEIGHT_BUCKETS + edge_bucket (edge);
      counts[groups[e] + 1]++;
      n_drawn++;
    }
  for (guint g = 1; g <= N_EDGE_GROUPS; g++)
    counts[g] += counts[g - 1];
  {
    g_autofree guint *next = g_memdup2 (counts, sizeof counts);

    for (guint e = 0; e < self->n_edges; e++)
      {
        if (groups[e] < N_EDGE_GROUPS)
          sorted[next[groups[e]]++] = e;
      }
  }

  styled = t->scale >= LIA_GRAPH_VIEW_BASE_SCALE * 0.4 || n_drawn <= 1500;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_MITER);
  if (!styled)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_FAST);

  for (guint g = 0; g < N_EDGE_GROUPS; g++)
    {
      gboolean emphasised = g >= N_RELATIONSHIP_TYPES * N_WEIGHT_BUCKETS;
      LiaRelationshipType type = (g / N_WEIGHT_BUCKETS) % N_RELATIONSHIP_TYPES;
      int bucket = g % N_WEIGHT_BUCKETS;
      gboolean mutual = lia_relationship_type_is_mutual (type);
      double width = edge_width ((bucket + 0.5) / N_WEIGHT_BUCKETS, emphasised);
      double head = 4.0 + 1.5 * width;

      if (counts[g] == counts[g + 1])
        continue;

      cairo_new_path (cr);
      for (guint k = counts[g]; k < counts[g + 1]; k++)
        {
          double end[4], ux, uy, rd, back;

          if (!edge_ends (self, &self->edges[sorted[k]], t, end, &ux, &uy, &rd))
            continue;
          back = rd + (mutual ? 0 : head * 0.8);
          cairo_move_to (cr, end[0], end[1]);
          cairo_line_to (cr, end[2] - ux * back, end[3] - uy * back);
          /* Short paths: the scan converter's cost grows faster than
           * the number of crossing lines in one path */
          if (!styled && (k - counts[g]) % 64 == 63)
            {
              cairo_set_line_width (cr, width);
              set_source_rgba (cr, &self->foreground,
                               emphasised ? 1.0 : (dims ? base_alpha * 0.45 : base_alpha));
              cairo_stroke (cr);
            }
        }
      set_source_rgba (cr, &self->foreground,
                       emphasised ? 1.0 : (dims ? base_alpha * 0.45 : base_alpha));
      cairo_set_line_width (cr, width);
      if (styled)
        set_dash (cr, type, width);
      else
        cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);

      if (mutual)
        continue;

      /* Arrowheads, filled in one go */
      for (guint k = counts[g]; k < counts[g + 1]; k++)
        {
          double end[4], ux, uy, rd, tipx, tipy;

          if (!edge_ends (self, &self->edges[sorted[k]], t, end, &ux, &uy, &rd))
            continue;
          tipx = end[2] - ux * rd;
          tipy = end[3] - uy * rd;
          if (clip != NULL && !rect_intersects (clip, tipx - 2 * head, tipy - 2 * head,
                                                tipx + 2 * head, tipy + 2 * head))
            continue;

          cairo_move_to (cr, tipx, tipy);
          cairo_line_to (cr, tipx - ux * head * 1.6 - uy * head * 0.6,
                         tipy - uy * head * 1.6 + ux * head * 0.6);
          cairo_line_to (cr, tipx - ux * head * 1.6 + uy * head * 0.6,
                         tipy - uy * head * 1.6 - ux * head * 0.6);
          cairo_close_path (cr);
        }
      cairo_fill (cr);
    }

  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
}

static void
draw_pin (LiaGraphView *self,
          cairo_t      *cr,
          double        cx,
          double        cy,
          double        radius,
          const GdkRGBA *background)
{
  double px = cx + radius * 0.75;
  double py = cy - radius * 0.75;

  /* A pushpin: a head on a short needle */
  cairo_move_to (cr, px, py);
  cairo_line_to (cr, px - 4, py + 4);
  cairo_set_line_width (cr, 1.5);
  set_source_rgba (cr, &self->foreground, 1.0);
  cairo_stroke (cr);
  cairo_arc (cr, px + 1.5, py - 1.5, 3.2, 0, 2 * G_PI);
  set_source_rgba (cr, &self->foreground, 1.0);
  cairo_fill_preserve (cr);
  set_source_rgba (cr, background, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
}

static void
draw_nodes (LiaGraphView                *self,
            cairo_t                     *cr,
            const LiaGraphViewTransform *t,
            const cairo_rectangle_t     *clip)
{
  GdkRGBA background;
  gboolean labels = t->labels;

  lia_graph_view_get_background (self, &background);

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint v = 0; v < self->n_nodes; v++)
        {
          Node *node = &self->nodes[v];
          Emphasis emphasis = node->emphasis;
          double cx, cy, r, alpha;
          GdkRGBA fill;

          if (!node_is_drawn (node))
            continue;
          if (t->layer == LIA_GRAPH_VIEW_LAYER_BASE)
            {
              if (v == self->drag_node)
                continue;
              emphasis = EMPHASIS_NONE;
            }
          else if (t->layer == LIA_GRAPH_VIEW_LAYER_OVERLAY)
            {
              if (emphasis < EMPHASIS_NEIGHBOUR && v != self->drag_node)
                continue;
              if (emphasis == EMPHASIS_DIMMED)
                emphasis = EMPHASIS_NONE;
            }
          /* Emphasised actors come last, on top. */
          if ((pass == 1) != (emphasis >= EMPHASIS_NEIGHBOUR))
            continue;

          cx = node->x * t->scale + t->origin_x;
          cy = node->y * t->scale + t->origin_y;
          r = node_radius (node, t->scale);

          if (clip != NULL)
            {
              gboolean label = labels || emphasis == EMPHASIS_SELECTED;
              double half = label ? MAX (r + 6, LABEL_MAX_WIDTH / 2.0) : r + 6;
              double below = label ? r + 48 : r + 6;

              if (!rect_intersects (clip, cx - half, cy - r - 8, cx + half, cy + below))
                continue;
            }

          alpha = emphasis == EMPHASIS_DIMMED ? 0.45 : 1.0;
          get_type_colour (self, node->type, &fill);

          cairo_new_path (cr);
          cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
          set_source_rgba (cr, &fill, alpha);
          cairo_fill_preserve (cr);
          if (self->high_contrast)
            {
              set_source_rgba (cr, &self->foreground, alpha);
              cairo_set_line_width (cr, 2.0);
            }
          else
            {
              set_source_rgba (cr, &background, alpha);
              cairo_set_line_width (cr, 1.5);
            }
          cairo_stroke (cr);

          if (emphasis >= EMPHASIS_NEIGHBOUR)
            {
              gboolean selected = emphasis == EMPHASIS_SELECTED;

              cairo_arc (cr, cx, cy, r + (selected ? 4.5 : 3), 0, 2 * G_PI);
              set_source_rgba (cr, selected ? &fill : &self->foreground, 1.0);
              cairo_set_line_width (cr, selected ? 3.0 : 1.2);
              cairo_stroke (cr);
            }

          if (node->pinned)
            draw_pin (self, cr, cx, cy, r, &background);

          if (labels || emphasis == EMPHASIS_SELECTED)
            {
              double lx, ly;

              ensure_label (self, node);
              label_origin (node, cx, cy, r, &lx, &ly);

              /* A halo in the background colour keeps names readable
               * across edges. */
              cairo_move_to (cr, lx, ly);
              pango_cairo_layout_path (cr, node->label);
              set_source_rgba (cr, &background, 0.85 * alpha);
              cairo_set_line_width (cr, 3.0);
              cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
              cairo_stroke (cr);
              cairo_move_to (cr, lx, ly);
              set_source_rgba (cr, &self->foreground, alpha);
              pango_cairo_show_layout (cr, node->label);
            }
        }
    }
}

/* Draws what is visible, within @clip (in the cairo context's units) if
 * given. */
void
lia_graph_view_draw_scene (LiaGraphView                *self,
                           cairo_t                     *cr,
                           const LiaGraphViewTransform *transform,
                           const cairo_rectangle_t     *clip)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));

  /* An export may come before the widget ever drew */
  if (transform->layer == LIA_GRAPH_VIEW_LAYER_ALL && update_style (self))
    g_hash_table_remove_all (self->tiles);

  cairo_save (cr);
  draw_edges (self, cr, transform, clip);
  draw_nodes (self, cr, transform, clip);
  cairo_restore (cr);
}

gboolean
lia_graph_view_get_scene_extents (LiaGraphView      *self,
                                  double             scale,
                                  gboolean           labels,
                                  cairo_rectangle_t *extents)
{
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;

  for (guint v = 0; v < self->n_nodes; v++)
    {
      Node *node = &self->nodes[v];
      double cx = node->x * scale, cy = node->y * scale;
      double r = node_radius (node, scale) + 6;

      if (!node_is_drawn (node))
        continue;

      x0 = MIN (x0, cx - r);
      x1 = MAX (x1, cx + r);
      y0 = MIN (y0, cy - r);
      y1 = MAX (y1, cy + r);

      if (labels)
        {
          double lx, ly;

          ensure_label (self, node);
          label_origin (node, cx, cy, r, &lx, &ly);
          x0 = MIN (x0, lx + node->label_rect.x - 3);
          x1 = MAX (x1, lx + node->label_rect.x + node->label_rect.width + 3);
          y1 = MAX (y1, ly + node->label_rect.y + node->label_rect.height + 3);
        }
    }

  if (x0 > x1)
    return FALSE;

  extents->x = x0;
  extents->y = y0;
  extents->width = x1 - x0;
  extents->height = y1 - y0;
  return TRUE;
}

void
lia_graph_view_foreach_label (LiaGraphView                *self,
                              const LiaGraphViewTransform *transform,
                              LiaGraphViewLabelFunc        func,
                              gpointer                     user_data)
{
  for (guint v = 0; v < self->n_nodes; v++)
    {
      const Node *node = &self->nodes[v];

      if (node_is_drawn (node))
        func (node->name,
              node->x * transform->scale + transform->origin_x,
              node->y * transform->scale + transform->origin_y,
              node_radius (node, transform->scale), user_data);
    }
}

static void update_scene (LiaGraphView *self,
                          gboolean      redraw_cache);

/**
 * lia_graph_view_count_strictly_confidential:
 *
 * Returns: how many of the actors and relationships shown are strictly
 *   confidential: what an export leaves out unless the officer confirms
 */
guint
lia_graph_view_count_strictly_confidential (LiaGraphView *self)
{
  guint n = 0;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), 0);

  for (guint v = 0; v < self->n_nodes; v++)
    if (node_is_drawn (&self->nodes[v]) && self->nodes[v].strict)
      n++;
  for (guint e = 0; e < self->n_edges; e++)
    if (edge_is_drawn (self, &self->edges[e]) && self->edges[e].strict)
      n++;

  return n;
}

/* Strictly confidential actors, the relationships that touch them and
 * strictly confidential relationships leave the scene (an export without
 * the officer's confirmation), or come back. */
void
lia_graph_view_set_strictly_confidential_hidden (LiaGraphView *self,
                                                 gboolean      hidden)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));

  if (self->hide_strict == !!hidden)
    return;

  self->hide_strict = !!hidden;
  update_scene (self, TRUE);
}

/* Tiles */

static void
invalidate_tiles (LiaGraphView *self)
{
  g_hash_table_remove_all (self->tiles);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gint64
tile_key (int i,
          int j)
{
  return ((gint64) i << 32) | (guint32) j;
}

/* A tile keeps its pixels as a cairo surface, for the cairo renderer to
 * paint as they are (an X server keeps its own copy of a surface it saw
 * before), and wraps them as a texture for the GL renderer. */
typedef struct
{
  cairo_surface_t *surface;
  GdkTexture      *texture;
} Tile;

static void
tile_free (Tile *tile)
{
  g_clear_object (&tile->texture);
  cairo_surface_destroy (tile->surface);
  g_free (tile);
}

/* Draws tiles (i0, j0) to (i1, j1) in one go, so that an edge crossing
 * several of them is stroked once, and cuts the picture into tiles. */
static void
render_tiles (LiaGraphView *self,
              int           i0,
              int           j0,
              int           i1,
              int           j1,
              int           scale_factor)
{
  int tile_px = TILE_SIZE * scale_factor;
  int width = (i1 - i0 + 1) * TILE_SIZE, height = (j1 - j0 + 1) * TILE_SIZE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         width * scale_factor,
                                                         height * scale_factor);
  LiaGraphViewTransform transform = {
    self->scale, -(double) i0 * TILE_SIZE, -(double) j0 * TILE_SIZE,
    self->scale >= LABEL_MIN_SCALE, LIA_GRAPH_VIEW_LAYER_BASE,
  };
  cairo_rectangle_t clip = { 0, 0, width, height };
  const guchar *data;
  int stride;
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);
  lia_graph_view_draw_scene (self, cr, &transform, &clip);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int j = j0; j <= j1; j++)
    {
      for (int i = i0; i <= i1; i++)
        {
          gint64 key = tile_key (i, j);
          Tile *tile;
          guchar *tile_data;
          int tile_stride;

          if (g_hash_table_contains (self->tiles, &key))
            continue;

          tile = g_new0 (Tile, 1);
          tile->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, tile_px, tile_px);
          cairo_surface_set_device_scale (tile->surface, scale_factor, scale_factor);
          cairo_surface_flush (tile->surface);
          tile_data = cairo_image_surface_get_data (tile->surface);
          tile_stride = cairo_image_surface_get_stride (tile->surface);
          for (int row = 0; row < tile_px; row++)
            memcpy (tile_data + row * tile_stride,
                    data + ((j - j0) * tile_px + row) * stride + (i - i0) * tile_px * 4,
                    tile_px * 4);
          cairo_surface_mark_dirty (tile->surface);
          g_hash_table_insert (self->tiles, g_memdup2 (&key, sizeof key), tile);
        }
    }

  cairo_surface_destroy (surface);
}

static GdkTexture *
tile_get_texture (Tile *tile)
{
  int size = cairo_image_surface_get_height (tile->surface);
  int stride = cairo_image_surface_get_stride (tile->surface);
  g_autoptr(GBytes) bytes = NULL;

  if (tile->texture != NULL)
    return tile->texture;

  /* cairo's ARGB32 is GDK's default memory format: no copy */
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (tile->surface),
                                      (gsize) stride * size,
                                      (GDestroyNotify) cairo_surface_destroy,
                                      cairo_surface_reference (tile->surface));
  tile->texture = gdk_memory_texture_new (cairo_image_surface_get_width (tile->surface), size,
                                          GDK_MEMORY_DEFAULT, bytes, stride);
  return tile->texture;
}

static void
extend (graphene_rect_t *box,
        double           x,
        double           y,
        double           margin)
{
  graphene_rect_t point = GRAPHENE_RECT_INIT (x - margin, y - margin, 2 * margin, 2 * margin);

  if (box->size.width < 0)
    *box = point;
  else
    graphene_rect_union (box, &point, box);
}

/* The selected actor, its relationships and neighbours, and the actor
 * being dragged, over a veil that dims the rest. */
static void
snapshot_overlay (LiaGraphView *self,
                  GtkSnapshot  *snapshot,
                  double        ox,
                  double        oy,
                  int           width,
                  int           height)
{
  LiaGraphViewTransform transform = {
    self->scale, ox, oy, self->scale >= LABEL_MIN_SCALE, LIA_GRAPH_VIEW_LAYER_OVERLAY,
  };
  graphene_rect_t widget_box = GRAPHENE_RECT_INIT (0, 0, width, height);
  graphene_rect_t box = GRAPHENE_RECT_INIT (0, 0, -1, -1);
  cairo_rectangle_t clip;
  cairo_t *cr;

  if (self->selected == LIA_ACTOR_GRAPH_NO_NODE && self->drag_node == LIA_ACTOR_GRAPH_NO_NODE)
    return;

  if (self->selected != LIA_ACTOR_GRAPH_NO_NODE)
    {
      GdkRGBA veil;

      lia_graph_view_get_background (self, &veil);
      veil.alpha *= 0.55;
      gtk_snapshot_append_color (snapshot, &veil, &widget_box);
    }

  for (guint e = 0; e < self->n_edges; e++)
    {
      const Edge *edge = &self->edges[e];

      if (!edge_is_drawn (self, edge) ||
          (edge->source != self->selected && edge->target != self->selected &&
           edge->source != self->drag_node && edge->target != self->drag_node))
        continue;
      for (int end = 0; end < 2; end++)
        {
          const Node *node = &self->nodes[end ? edge->target : edge->source];

          extend (&box, node->x * self->scale + ox, node->y * self->scale + oy, 24);
        }
    }
  for (guint v = 0; v < self->n_nodes; v++)
    {
      const Node *node = &self->nodes[v];

      if (node_is_drawn (node) && (node->emphasis >= EMPHASIS_NEIGHBOUR || v == self->drag_node))
        {
          extend (&box, node->x * self->scale + ox, node->y * self->scale + oy,
                  node_radius (node, self->scale) + 8 + LABEL_MAX_WIDTH / 2.0);
          extend (&box, node->x * self->scale + ox,
                  node->y * self->scale + oy + node_radius (node, self->scale) + 48, 8);
        }
    }
  if (box.size.width < 0 || !graphene_rect_intersection (&box, &widget_box, &box))
    return;

  graphene_rect_round_extents (&box, &box);
  clip = (cairo_rectangle_t) { box.origin.x, box.origin.y, box.size.width, box.size.height };
  cr = gtk_snapshot_append_cairo (snapshot, &box);
  lia_graph_view_draw_scene (self, cr, &transform, &clip);
  cairo_destroy (cr);
}

/* Keyboard focus shows as a ring inside the edges, in the accent
 * colour, as Adwaita draws it around other widgets. */
static void
snapshot_focus (LiaGraphView *self,
                GtkSnapshot  *snapshot,
                int           width,
                int           height)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  const float widths[4] = { 2, 2, 2, 2 };
  GdkRGBA colour, colours[4];
  GskRoundedRect outline;

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;

  if (!gtk_style_context_lookup_color (context, "accent_color", &colour))
    colour = self->foreground;
  colour.alpha *= 0.5;
  for (int i = 0; i < 4; i++)
    colours[i] = colour;
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 6);
  gtk_snapshot_append_border (snapshot, &outline, widths, colours);
}

static void
lia_graph_view_snapshot (GtkWidget   *widget,
                         GtkSnapshot *snapshot)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int scale_factor = gtk_widget_get_scale_factor (widget);
  GtkNative *native = gtk_widget_get_native (widget);
  gboolean cairo_renderer = native != NULL && GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (native));
  double ox, oy;
  int i0, i1, j0, j1, n_missing;

  if (update_style (self) || self->tiles_scale != self->scale ||
      self->tiles_scale_factor != scale_factor)
    {
      g_hash_table_remove_all (self->tiles);
      self->tiles_scale = self->scale;
      self->tiles_scale_factor = scale_factor;
    }

  if (self->n_nodes == 0 || width <= 0 || height <= 0)
    return;

  /* Whole pixels, so that the tiles stay sharp and meet without seams. */
  ox = round (self->offset_x);
  oy = round (self->offset_y);
  i0 = (int) floor (-ox / TILE_SIZE);
  i1 = (int) floor ((width - ox) / TILE_SIZE);
  j0 = (int) floor (-oy / TILE_SIZE);
  j1 = (int) floor ((height - oy) / TILE_SIZE);

  if (g_hash_table_size (self->tiles) + (guint) ((i1 - i0 + 1) * (j1 - j0 + 1)) > MAX_CACHED_TILES)
    g_hash_table_remove_all (self->tiles);

  /* The tiles missing: all of them in one go after a change, else each
   * row's run of them, as panning uncovers a strip or an L */
  n_missing = 0;
  for (int j = j0; j <= j1; j++)
    {
      for (int i = i0; i <= i1; i++)
        {
          gint64 key = tile_key (i, j);

          n_missing += !g_hash_table_contains (self->tiles, &key);
        }
    }
  if (n_missing == (i1 - i0 + 1) * (j1 - j0 + 1))
    {
      render_tiles (self, i0, j0, i1, j1, scale_factor);
    }
  else if (n_missing > 0)
    {
      for (int j = j0; j <= j1; j++)
        {
          int mi0 = G_MAXINT, mi1 = G_MININT;

          for (int i = i0; i <= i1; i++)
            {
              gint64 key = tile_key (i, j);

              if (!g_hash_table_contains (self->tiles, &key))
                {
                  mi0 = MIN (mi0, i);
                  mi1 = MAX (mi1, i);
                }
            }
          if (mi0 <= mi1)
            render_tiles (self, mi0, j, mi1, j, scale_factor);
        }
    }

  for (int j = j0; j <= j1; j++)
    {
      for (int i = i0; i <= i1; i++)
        {
          gint64 key = tile_key (i, j);
          Tile *tile = g_hash_table_lookup (self->tiles, &key);
          graphene_rect_t bounds = GRAPHENE_RECT_INIT (ox + i * TILE_SIZE, oy + j * TILE_SIZE,
                                                       TILE_SIZE, TILE_SIZE);

          g_assert (tile != NULL);
          if (cairo_renderer)
            {
              cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &bounds);

              cairo_set_source_surface (cr, tile->surface, bounds.origin.x, bounds.origin.y);
              cairo_paint (cr);
              cairo_destroy (cr);
            }
          else
            {
              gtk_snapshot_append_texture (snapshot, tile_get_texture (tile), &bounds);
            }
        }
    }

  snapshot_overlay (self, snapshot, ox, oy, width, height);
  snapshot_focus (self, snapshot, width, height);
}

/* What the scene shows */

static void update_accessible (LiaGraphView *self);

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  char **keys = user_data;
  int cmp = strcmp (keys[*(const guint *) a], keys[*(const guint *) b]);

  return cmp != 0 ? cmp : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* Visibility, emphasis and keyboard order follow the graph, filters and
 * selection. */
static void
update_scene (LiaGraphView *self,
              gboolean      redraw_cache)
{
  g_autofree char **keys = NULL;

  self->selected = self->graph != NULL && self->selected_uuid != NULL
                   ? lia_actor_graph_lookup (self->graph, self->selected_uuid)
                   : LIA_ACTOR_GRAPH_NO_NODE;

  for (guint v = 0; v < self->n_nodes; v++)
    {
      Node *node = &self->nodes[v];

      node->visible = !(self->hidden_types & (1u << node->type)) &&
                      !(self->hide_strict && node->strict);
      node->emphasis = self->selected == LIA_ACTOR_GRAPH_NO_NODE ? EMPHASIS_NONE : EMPHASIS_DIMMED;
    }
  if (self->selected != LIA_ACTOR_GRAPH_NO_NODE && !self->nodes[self->selected].visible)
    self->selected = LIA_ACTOR_GRAPH_NO_NODE;

  for (guint e = 0; e < self->n_edges; e++)
    {
      Edge *edge = &self->edges[e];

      edge->visible = !(self->hidden_relationships & (1u << edge->type)) &&
                      !(self->hide_strict && edge->strict) &&
                      self->nodes[edge->source].visible && self->nodes[edge->target].visible;
      if (edge->visible && self->selected != LIA_ACTOR_GRAPH_NO_NODE)
        {
          if (edge->source == self->selected)
            self->nodes[edge->target].emphasis = EMPHASIS_NEIGHBOUR;
          else if (edge->target == self->selected)
            self->nodes[edge->source].emphasis = EMPHASIS_NEIGHBOUR;
        }
    }
  if (self->selected != LIA_ACTOR_GRAPH_NO_NODE)
    self->nodes[self->selected].emphasis = EMPHASIS_SELECTED;

  keys = g_new0 (char *, MAX (self->n_nodes, 1));
  self->n_order = 0;
  g_free (self->order);
  self->order = g_new (guint, MAX (self->n_nodes, 1));
  for (guint v = 0; v < self->n_nodes; v++)
    {
      if (self->nodes[v].visible)
        {
          self->order[self->n_order++] = v;
          keys[v] = g_utf8_collate_key (self->nodes[v].name, -1);
        }
    }
  g_qsort_with_data (self->order, self->n_order, sizeof (guint), compare_by_name, keys);
  for (guint v = 0; v < self->n_nodes; v++)
    g_free (keys[v]);

  if (redraw_cache)
    invalidate_tiles (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
  update_accessible (self);
}

char *
lia_graph_view_dup_description (LiaGraphView *self)
{
  guint n_actors = lia_graph_view_get_n_visible_actors (self);
  guint n_relationships = lia_graph_view_get_n_visible_relationships (self);
  g_autofree char *actors = g_strdup_printf (ngettext ("%u actor", "%u actors", n_actors), n_actors);
  g_autofree char *relationships = g_strdup_printf (ngettext ("%u relationship", "%u relationships",
                                                              n_relationships), n_relationships);

  if (self->selected != LIA_ACTOR_GRAPH_NO_NODE)
    /* Translators: "12 actors, 30 relationships; selected: Name" */
    return g_strdup_printf (_("%s, %s; selected: %s"), actors, relationships,
                            self->nodes[self->selected].name);

  /* Translators: "12 actors, 30 relationships" */
  return g_strdup_printf (_("%s, %s"), actors, relationships);
}

static void
update_accessible (LiaGraphView *self)
{
  g_autofree char *description = lia_graph_view_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* Layout */

static void
store_position (LiaGraphView *self,
                Node         *node)
{
  double *pos = g_new (double, 2);

  pos[0] = node->x;
  pos[1] = node->y;
  g_hash_table_insert (self->positions, g_strdup (node->uuid), pos);
}

static void
apply_layout (LiaGraphView   *self,
              LiaGraphLayout *layout)
{
  gboolean first = TRUE;

  for (guint v = 0; v < self->n_nodes; v++)
    first &= !self->nodes[v].placed;

  for (guint v = 0; v < self->n_nodes; v++)
    {
      Node *node = &self->nodes[v];

      /* Dragged (and so pinned) while the layout ran: stays put. */
      if (node->placed && node->pinned)
        continue;
      if (lia_graph_layout_get_position (layout, v, &node->x, &node->y))
        {
          node->placed = TRUE;
          store_position (self, node);
        }
    }

  if (first)
    lia_graph_view_zoom_to_fit (self);
  invalidate_tiles (self);
}

static void
layout_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  LiaGraphLayout *layout = LIA_GRAPH_LAYOUT (object);
  g_autoptr(LiaGraphView) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = lia_graph_layout_run_finish (layout, result, &error);

  if (layout != self->layout)
    return;   /* a newer graph replaced this one */

  if (ok)
    apply_layout (self, layout);
  else
    g_warning ("Could not lay out the actor graph: %s", error->message);

  g_clear_object (&self->layout);
  g_clear_object (&self->layout_cancellable);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
cancel_layout (LiaGraphView *self)
{
  if (self->layout == NULL)
    return;

  g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  g_clear_object (&self->layout);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Lays out the actors not placed yet.  When few are new, the others stay
 * exactly where they are, so that the officer's picture does not shift;
 * when many are, everything settles from where it was. */
static void
start_layout (LiaGraphView *self)
{
  g_autoptr(LiaGraphLayout) layout = NULL;
  guint n_placed = 0, n_new;
  gboolean freeze;

  for (guint v = 0; v < self->n_nodes; v++)
    n_placed += self->nodes[v].placed;
  n_new = self->n_nodes - n_placed;
  if (n_new == 0)
    return;
  freeze = n_placed > 0 && n_new <= MAX (3, self->n_nodes / 10);

  layout = lia_graph_layout_new (self->n_nodes);
  lia_graph_layout_set_seed (layout, LAYOUT_SEED);
  for (guint e = 0; e < self->n_edges; e++)
    lia_graph_layout_add_edge (layout, self->edges[e].source, self->edges[e].target);
  for (guint v = 0; v < self->n_nodes; v++)
    {
      Node *node = &self->nodes[v];

      if (!node->placed)
        continue;
      lia_graph_layout_set_position (layout, v, node->x, node->y);
      lia_graph_layout_set_pinned (layout, v, freeze || node->pinned);
    }

  if (self->n_nodes > ASYNC_THRESHOLD)
    {
      self->layout = g_object_ref (layout);
      self->layout_cancellable = g_cancellable_new ();
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      lia_graph_layout_run_async (layout, self->layout_cancellable, layout_done_cb,
                                  g_object_ref (self));
    }
  else
    {
      g_autoptr(GError) error = NULL;

      if (lia_graph_layout_run (layout, NULL, &error))
        apply_layout (self, layout);
      else
        g_warning ("Could not lay out the actor graph: %s", error->message);
    }
}

static void
clear_nodes (LiaGraphView *self)
{
  clear_labels (self);
  g_clear_pointer (&self->nodes, g_free);
  g_clear_pointer (&self->edges, g_free);
  g_clear_pointer (&self->order, g_free);
  self->n_nodes = self->n_edges = self->n_order = 0;
  self->selected = LIA_ACTOR_GRAPH_NO_NODE;
  self->drag_node = LIA_ACTOR_GRAPH_NO_NODE;
  self->press_node = LIA_ACTOR_GRAPH_NO_NODE;
}

static void
load_graph (LiaGraphView *self)
{
  const char *lang = label_language ();

  clear_nodes (self);
  if (self->graph == NULL)
    return;

  self->n_nodes = lia_actor_graph_get_n_actors (self->graph);
  self->nodes = g_new0 (Node, MAX (self->n_nodes, 1));
  for (guint v = 0; v < self->n_nodes; v++)
    {
      Node *node = &self->nodes[v];
      const double *pos;

      node->actor = lia_actor_graph_get_actor (self->graph, v);
      node->uuid = lia_record_get_uuid (LIA_RECORD (node->actor));
      node->name = lia_actor_get_display_name (node->actor, lang);
      node->type = lia_actor_get_actor_type (node->actor);
      node->influence = lia_actor_get_influence (node->actor);
      node->strict = lia_record_get_sensitivity (LIA_RECORD (node->actor)) == LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL;
      node->pinned = g_hash_table_contains (self->pinned, node->uuid);

      pos = g_hash_table_lookup (self->positions, node->uuid);
      if (pos != NULL)
        {
          node->x = pos[0];
          node->y = pos[1];
          node->placed = TRUE;
        }
    }

  self->n_edges = lia_actor_graph_get_n_relationships (self->graph);
  self->edges = g_new0 (Edge, MAX (self->n_edges, 1));
  for (guint e = 0; e < self->n_edges; e++)
    {
      Edge *edge = &self->edges[e];
      LiaRelationship *relationship = lia_actor_graph_get_relationship (self->graph, e,
                                                                        &edge->source,
                                                                        &edge->target);

      edge->type = lia_relationship_get_relationship_type (relationship);
      edge->weight = lia_relationship_get_weight (relationship);
      edge->strict = lia_record_get_sensitivity (LIA_RECORD (relationship)) == LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL;
    }
}

/* Pointer and keyboard */

static guint
node_at (LiaGraphView *self,
         double        x,
         double        y)
{
  guint best = LIA_ACTOR_GRAPH_NO_NODE;
  double best_d = G_MAXDOUBLE;

  for (guint v = 0; v < self->n_nodes; v++)
    {
      const Node *node = &self->nodes[v];
      double d, r;

      if (!node_is_drawn (node))
        continue;
      d = hypot (node->x * self->scale + self->offset_x - x,
                 node->y * self->scale + self->offset_y - y);
      r = MAX (node_radius (node, self->scale), 6) + 3;
      if (d <= r && d < best_d)
        {
          best = v;
          best_d = d;
        }
    }

  return best;
}

static void
zoom_at (LiaGraphView *self,
         double        factor,
         double        x,
         double        y)
{
  double scale = CLAMP (self->scale * factor, MIN_SCALE, MAX_SCALE);
  double wx = (x - self->offset_x) / self->scale;
  double wy = (y - self->offset_y) / self->scale;

  self->scale = scale;
  self->offset_x = x - wx * scale;
  self->offset_y = y - wy * scale;
  self->fit_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  LiaGraphView    *self)
{
  guint v = node_at (self, x, y);

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (v == LIA_ACTOR_GRAPH_NO_NODE)
    return;

  lia_graph_view_set_selected_uuid (self, self->nodes[v].uuid);
  if (n_press == 2)
    g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, self->nodes[v].uuid);
}

static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   LiaGraphView    *self)
{
  /* A click on nothing clears the selection; a drag does not. */
  if (node_at (self, x, y) == LIA_ACTOR_GRAPH_NO_NODE && !self->drag_moved)
    lia_graph_view_set_selected_uuid (self, NULL);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LiaGraphView   *self)
{
  self->press_node = node_at (self, x, y);
  self->drag_moved = FALSE;
  if (self->press_node != LIA_ACTOR_GRAPH_NO_NODE)
    {
      self->drag_start_x = self->nodes[self->press_node].x;
      self->drag_start_y = self->nodes[self->press_node].y;
    }
  else
    {
      self->drag_start_x = self->offset_x;
      self->drag_start_y = self->offset_y;
    }
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LiaGraphView   *self)
{
  if (!self->drag_moved && hypot (dx, dy) < 3)
    return;
  self->drag_moved = TRUE;

  if (self->press_node != LIA_ACTOR_GRAPH_NO_NODE)
    {
      Node *node = &self->nodes[self->press_node];

      /* Out of the cached picture while it moves */
      if (self->drag_node == LIA_ACTOR_GRAPH_NO_NODE)
        {
          self->drag_node = self->press_node;
          invalidate_tiles (self);
        }
      node->x = self->drag_start_x + dx / self->scale;
      node->y = self->drag_start_y + dy / self->scale;
      node->placed = TRUE;
      store_position (self, node);
      if (!node->pinned)
        {
          g_hash_table_add (self->pinned, g_strdup (node->uuid));
          node->pinned = TRUE;
        }
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    {
      self->offset_x = self->drag_start_x + dx;
      self->offset_y = self->drag_start_y + dy;
      self->fit_pending = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          dx,
             double          dy,
             LiaGraphView   *self)
{
  self->press_node = LIA_ACTOR_GRAPH_NO_NODE;
  if (self->drag_node != LIA_ACTOR_GRAPH_NO_NODE)
    {
      self->drag_node = LIA_ACTOR_GRAPH_NO_NODE;
      invalidate_tiles (self);
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           LiaGraphView             *self)
{
  self->pointer_x = x;
  self->pointer_y = y;
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           LiaGraphView             *self)
{
  double step = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL ? dy : dy / 10;

  zoom_at (self, pow (1.2, -step), self->pointer_x, self->pointer_y);
  return TRUE;
}

/* Brings the selected actor into view if it is off screen. */
static void
reveal_selected (LiaGraphView *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  const Node *node;
  double x, y;

  if (self->selected == LIA_ACTOR_GRAPH_NO_NODE || width <= 0 || height <= 0)
    return;
  node = &self->nodes[self->selected];
  if (!node->placed)
    return;

  x = node->x * self->scale + self->offset_x;
  y = node->y * self->scale + self->offset_y;
  if (x < FIT_MARGIN || x > width - FIT_MARGIN || y < FIT_MARGIN || y > height - FIT_MARGIN)
    lia_graph_view_pan_by (self, width / 2.0 - x, height / 2.0 - y);
}

/* Moves the selection @step places along the visible actors by name;
 * FALSE when it would go past either end, so that Tab can leave. */
static gboolean
select_step (LiaGraphView *self,
             int           step,
             gboolean      wrap)
{
  int position = -1;
  int next;

  if (self->n_order == 0)
    return FALSE;

  for (guint i = 0; i < self->n_order; i++)
    {
      if (self->order[i] == self->selected)
        position = i;
    }

  if (position < 0)
    next = step > 0 ? 0 : (int) self->n_order - 1;
  else
    next = position + step;

  if (next < 0 || next >= (int) self->n_order)
    {
      if (!wrap)
        return FALSE;
      next = (next + self->n_order) % self->n_order;
    }

  lia_graph_view_set_selected_uuid (self, self->nodes[self->order[next]].uuid);
  reveal_selected (self);
  return TRUE;
}

static gboolean
tab_cb (GtkWidget *widget,
        GVariant  *args,
        gpointer   user_data)
{
  return select_step (LIA_GRAPH_VIEW (widget), g_variant_get_int32 (args), FALSE);
}

static void
select_next_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  select_step (LIA_GRAPH_VIEW (widget), 1, TRUE);
}

static void
select_previous_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  select_step (LIA_GRAPH_VIEW (widget), -1, TRUE);
}

static void
activate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (widget);

  if (self->selected != LIA_ACTOR_GRAPH_NO_NODE)
    g_signal_emit (self, signals[ACTOR_ACTIVATED], 0, self->nodes[self->selected].uuid);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  lia_graph_view_zoom_by (LIA_GRAPH_VIEW (widget), 1.25);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lia_graph_view_zoom_by (LIA_GRAPH_VIEW (widget), 1 / 1.25);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  lia_graph_view_zoom_to_fit (LIA_GRAPH_VIEW (widget));
}

static void
pan_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  double dx, dy;

  g_variant_get (parameter, "(dd)", &dx, &dy);
  lia_graph_view_pan_by (LIA_GRAPH_VIEW (widget), dx, dy);
}

/* GObject */

static void
lia_graph_view_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (widget);

  if (self->fit_pending && width > 0 && height > 0)
    lia_graph_view_zoom_to_fit (self);
}

static void
lia_graph_view_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  *minimum = 120;
  *natural = 480;
}

static void
lia_graph_view_direction_changed (GtkWidget        *widget,
                                  GtkTextDirection  previous)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (widget);

  clear_labels (self);
  invalidate_tiles (self);
}

static void
lia_graph_view_system_setting_changed (GtkWidget        *widget,
                                       GtkSystemSetting  setting)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (widget);

  GTK_WIDGET_CLASS (lia_graph_view_parent_class)->system_setting_changed (widget, setting);
  clear_labels (self);
  invalidate_tiles (self);
}

static void
style_changed_cb (LiaGraphView *self)
{
  invalidate_tiles (self);
}

static void
lia_graph_view_dispose (GObject *object)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (object);

  cancel_layout (self);
  clear_nodes (self);
  g_clear_object (&self->graph);
  g_clear_pointer (&self->selected_uuid, g_free);
  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->pinned, g_hash_table_unref);
  g_clear_pointer (&self->tiles, g_hash_table_unref);

  G_OBJECT_CLASS (lia_graph_view_parent_class)->dispose (object);
}

static void
lia_graph_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      g_value_set_object (value, self->graph);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, lia_graph_view_get_busy (self));
      break;
    case PROP_SELECTED_UUID:
      g_value_set_string (value, self->selected_uuid);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
lia_graph_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  LiaGraphView *self = LIA_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_GRAPH:
      lia_graph_view_set_graph (self, g_value_get_object (value));
      break;
    case PROP_SELECTED_UUID:
      lia_graph_view_set_selected_uuid (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_pan_binding (GtkWidgetClass *widget_class,
                 guint           keyval,
                 double          dx,
                 double          dy)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, GDK_CONTROL_MASK,
                                       "graph.pan", "(dd)", dx, dy);
}

static void
lia_graph_view_class_init (LiaGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_graph_view_dispose;
  object_class->get_property = lia_graph_view_get_property;
  object_class->set_property = lia_graph_view_set_property;

  widget_class->snapshot = lia_graph_view_snapshot;
  widget_class->measure = lia_graph_view_measure;
  widget_class->size_allocate = lia_graph_view_size_allocate;
  widget_class->direction_changed = lia_graph_view_direction_changed;
  widget_class->system_setting_changed = lia_graph_view_system_setting_changed;

  properties[PROP_GRAPH] =
    g_param_spec_object ("graph", NULL, NULL,
                         LIA_TYPE_ACTOR_GRAPH,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SELECTED_UUID] =
    g_param_spec_string ("selected-uuid", NULL, NULL,
                         NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * LiaGraphView::actor-activated:
   * @uuid: the actor's UUID
   *
   * Enter on the selected actor, or a double click on one.
   */
  signals[ACTOR_ACTIVATED] =
    g_signal_new ("actor-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "graph.select-next", NULL, select_next_action);
  gtk_widget_class_install_action (widget_class, "graph.select-previous", NULL, select_previous_action);
  gtk_widget_class_install_action (widget_class, "graph.activate", NULL, activate_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "graph.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "graph.pan", "(dd)", pan_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, 0, tab_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_ISO_Left_Tab, GDK_SHIFT_MASK, tab_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Tab, GDK_SHIFT_MASK, tab_cb, "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "graph.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Down, 0, "graph.select-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "graph.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Up, 0, "graph.select-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, 0, "graph.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, 0, "graph.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "graph.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "graph.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "graph.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "graph.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, 0, "graph.zoom-fit", NULL);
  /* Ctrl+arrows move the view: the picture follows the arrow. */
  add_pan_binding (widget_class, GDK_KEY_Left, 48, 0);
  add_pan_binding (widget_class, GDK_KEY_Right, -48, 0);
  add_pan_binding (widget_class, GDK_KEY_Up, 0, 48);
  add_pan_binding (widget_class, GDK_KEY_Down, 0, -48);

  gtk_widget_class_set_css_name (widget_class, "graphview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
lia_graph_view_init (LiaGraphView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;
  AdwStyleManager *manager = adw_style_manager_get_default ();

  self->positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->pinned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->tiles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) tile_free);
  self->scale = LIA_GRAPH_VIEW_BASE_SCALE;
  self->selected = LIA_ACTOR_GRAPH_NO_NODE;
  self->drag_node = LIA_ACTOR_GRAPH_NO_NODE;
  self->press_node = LIA_ACTOR_GRAPH_NO_NODE;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  g_signal_connect_object (manager, "notify::dark", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (manager, "notify::high-contrast", G_CALLBACK (style_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Stakeholder network"),
                                  -1);
  update_accessible (self);
}

GtkWidget *
lia_graph_view_new (void)
{
  return g_object_new (LIA_TYPE_GRAPH_VIEW, NULL);
}

LiaActorGraph *
lia_graph_view_get_graph (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), NULL);

  return self->graph;
}

/**
 * lia_graph_view_set_graph:
 *
 * Shows @graph.  Actors placed before keep their place; new ones are laid
 * out, in a worker thread when the graph is big (see #LiaGraphView:busy).
 * A layout still running for an older graph is cancelled.
 */
void
lia_graph_view_set_graph (LiaGraphView  *self,
                          LiaActorGraph *graph)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  g_return_if_fail (graph == NULL || LIA_IS_ACTOR_GRAPH (graph));

  if (graph == self->graph)
    return;

  cancel_layout (self);
  /* Keep what is placed now, including moves not stored yet. */
  for (guint v = 0; v < self->n_nodes; v++)
    {
      if (self->nodes[v].placed)
        store_position (self, &self->nodes[v]);
    }

  g_set_object (&self->graph, graph);
  load_graph (self);
  update_scene (self, TRUE);
  start_layout (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRAPH]);
}

gboolean
lia_graph_view_get_busy (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);

  return self->layout != NULL;
}

const char *
lia_graph_view_get_selected_uuid (LiaGraphView *self)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), NULL);

  return self->selected_uuid;
}

void
lia_graph_view_set_selected_uuid (LiaGraphView *self,
                                  const char   *uuid)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));

  if (g_strcmp0 (self->selected_uuid, uuid) == 0)
    return;

  g_free (self->selected_uuid);
  self->selected_uuid = g_strdup (uuid);
  update_scene (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_UUID]);
}

void
lia_graph_view_set_type_visible (LiaGraphView *self,
                                 LiaActorType  type,
                                 gboolean      visible)
{
  guint32 hidden;

  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  g_return_if_fail (type < N_ACTOR_TYPES);

  hidden = visible ? self->hidden_types & ~(1u << type) : self->hidden_types | (1u << type);
  if (hidden == self->hidden_types)
    return;
  self->hidden_types = hidden;
  update_scene (self, TRUE);
}

void
lia_graph_view_set_relationship_visible (LiaGraphView        *self,
                                         LiaRelationshipType  type,
                                         gboolean             visible)
{
  guint32 hidden;

  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  g_return_if_fail (type < N_RELATIONSHIP_TYPES);

  hidden = visible ? self->hidden_relationships & ~(1u << type)
                   : self->hidden_relationships | (1u << type);
  if (hidden == self->hidden_relationships)
    return;
  self->hidden_relationships = hidden;
  update_scene (self, TRUE);
}

/* A pinned actor stays where it is when the graph is laid out again.
 * Dragging an actor pins it. */
void
lia_graph_view_set_pinned (LiaGraphView *self,
                           const char   *uuid,
                           gboolean      pinned)
{
  guint v;

  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  g_return_if_fail (uuid != NULL);

  if (pinned)
    g_hash_table_add (self->pinned, g_strdup (uuid));
  else
    g_hash_table_remove (self->pinned, uuid);

  v = self->graph != NULL ? lia_actor_graph_lookup (self->graph, uuid) : LIA_ACTOR_GRAPH_NO_NODE;
  if (v != LIA_ACTOR_GRAPH_NO_NODE && v < self->n_nodes && self->nodes[v].pinned != !!pinned)
    {
      self->nodes[v].pinned = !!pinned;
      invalidate_tiles (self);
    }
}

gboolean
lia_graph_view_get_pinned (LiaGraphView *self,
                           const char   *uuid)
{
  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return g_hash_table_contains (self->pinned, uuid);
}

void
lia_graph_view_zoom_to_fit (LiaGraphView *self)
{
  int width, height;
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  double scale;

  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      self->fit_pending = TRUE;
      return;
    }

  for (guint v = 0; v < self->n_nodes; v++)
    {
      const Node *node = &self->nodes[v];

      if (!node_is_drawn (node))
        continue;
      x0 = MIN (x0, node->x);
      x1 = MAX (x1, node->x);
      y0 = MIN (y0, node->y);
      y1 = MAX (y1, node->y);
    }
  if (x0 > x1)
    return;

  /* Room for the largest actor and a label around the edges */
  scale = MIN ((width - 2 * FIT_MARGIN - 2 * 20) / MAX (x1 - x0, 1e-6),
               (height - 2 * FIT_MARGIN - 2 * 20) / MAX (y1 - y0, 1e-6));
  self->scale = CLAMP (scale, MIN_SCALE, LIA_GRAPH_VIEW_BASE_SCALE * 1.25);
  self->offset_x = width / 2.0 - (x0 + x1) / 2 * self->scale;
  self->offset_y = height / 2.0 - (y0 + y1) / 2 * self->scale;
  self->fit_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
lia_graph_view_zoom_by (LiaGraphView *self,
                        double        factor)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));
  g_return_if_fail (factor > 0);

  zoom_at (self, factor,
           gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
           gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
lia_graph_view_pan_by (LiaGraphView *self,
                       double        dx,
                       double        dy)
{
  g_return_if_fail (LIA_IS_GRAPH_VIEW (self));

  self->offset_x += dx;
  self->offset_y += dy;
  self->fit_pending = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
lia_graph_view_get_n_visible_actors (LiaGraphView *self)
{
  guint n = 0;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), 0);

  for (guint v = 0; v < self->n_nodes; v++)
    n += self->nodes[v].visible;
  return n;
}

guint
lia_graph_view_get_n_visible_relationships (LiaGraphView *self)
{
  guint n = 0;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), 0);

  for (guint e = 0; e < self->n_edges; e++)
    n += self->edges[e].visible;
  return n;
}

/* In layout units; FALSE if the actor is not placed (yet). */
gboolean
lia_graph_view_get_actor_position (LiaGraphView *self,
                                   const char   *uuid,
                                   double       *x,
                                   double       *y)
{
  const double *pos;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (self->graph != NULL)
    {
      guint v = lia_actor_graph_lookup (self->graph, uuid);

      if (v != LIA_ACTOR_GRAPH_NO_NODE && v < self->n_nodes && self->nodes[v].placed)
        {
          if (x != NULL)
            *x = self->nodes[v].x;
          if (y != NULL)
            *y = self->nodes[v].y;
          return TRUE;
        }
    }

  pos = g_hash_table_lookup (self->positions, uuid);
  if (pos == NULL)
    return FALSE;
  if (x != NULL)
    *x = pos[0];
  if (y != NULL)
    *y = pos[1];
  return TRUE;
}

/* Where the actor's centre is in widget coordinates. */
gboolean
lia_graph_view_get_actor_widget_position (LiaGraphView *self,
                                          const char   *uuid,
                                          double       *x,
                                          double       *y)
{
  double wx, wy;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);

  if (!lia_graph_view_get_actor_position (self, uuid, &wx, &wy))
    return FALSE;
  if (x != NULL)
    *x = wx * self->scale + self->offset_x;
  if (y != NULL)
    *y = wy * self->scale + self->offset_y;
  return TRUE;
}
