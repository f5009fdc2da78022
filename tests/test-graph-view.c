/* test-graph-view.c — the stakeholder network widget: what it shows,
 * filters, selection by pointer and keyboard, incremental and threaded
 * layout, what it draws, and its PNG and SVG exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With LIAISON_SCREENSHOT_DIR set, /ui/graph-view/export also saves its PNG
 * there.
 */
#include "config.h"

#include "lia-test-ui.h"
#include "lia-test-util.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "lia-graph-view.h"

#define ARABIC_NAME "وزارة الداخلية"

typedef struct
{
  LiaActorGraph *graph;
  LiaActor      *actors[5];
} Fixture;

static LiaActor *
add_actor (LiaActorGraph *graph,
           const char    *name,
           LiaActorType   type,
           int            influence)
{
  g_autoptr(LiaActor) actor = lia_actor_new ("korvania", name, type);

  lia_actor_set_influence (actor, influence);
  g_assert_cmpuint (lia_actor_graph_add_actor (graph, actor), !=, LIA_ACTOR_GRAPH_NO_NODE);
  return actor;   /* the graph keeps it */
}

static void
relate (LiaActorGraph       *graph,
        LiaActor            *a,
        LiaActor            *b,
        LiaRelationshipType  type,
        double               weight)
{
  g_autoptr(LiaRelationship) relationship =
    lia_relationship_new ("korvania",
                          lia_record_get_uuid (LIA_RECORD (a)),
                          lia_record_get_uuid (LIA_RECORD (b)),
                          type);

  lia_relationship_set_weight (relationship, weight);
  g_assert_true (lia_actor_graph_add_relationship (graph, relationship));
}

static const char *
uuid_of (LiaActor *actor)
{
  return lia_record_get_uuid (LIA_RECORD (actor));
}

/* Four actors, one with an Arabic name, and four relationships; @actors
 * may bring the first four along, for a bigger graph around the same
 * people. */
static LiaActorGraph *
make_graph (LiaActor **actors)
{
  LiaActorGraph *graph = lia_actor_graph_new ();

  if (actors[0] == NULL)
    {
      actors[0] = add_actor (graph, "Army of Korvania", LIA_ACTOR_TYPE_STATE_FORCES, 8);
      actors[1] = add_actor (graph, "Northern Front", LIA_ACTOR_TYPE_REBEL_GROUP, 6);
      actors[2] = add_actor (graph, "Relief Alliance", LIA_ACTOR_TYPE_HUMANITARIAN, 3);
      actors[3] = add_actor (graph, ARABIC_NAME, LIA_ACTOR_TYPE_GOVERNMENT, 9);
    }
  else
    {
      for (guint i = 0; i < 4; i++)
        lia_actor_graph_add_actor (graph, actors[i]);
    }

  relate (graph, actors[3], actors[0], LIA_RELATIONSHIP_COMMANDS, 0.9);
  relate (graph, actors[0], actors[1], LIA_RELATIONSHIP_HOSTILE_TO, 0.7);
  relate (graph, actors[2], actors[0], LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.4);
  relate (graph, actors[2], actors[3], LIA_RELATIONSHIP_NEGOTIATES_WITH, 0.5);

  return graph;
}

static GtkWindow *
open_view (LiaGraphView **view_out)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *view = lia_graph_view_new ();

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  LIA_TEST_SPIN_UNTIL (gtk_widget_get_mapped (view) && gtk_widget_get_width (view) > 0);

  *view_out = LIA_GRAPH_VIEW (view);
  return window;
}

static void
count_cb (gpointer instance,
          gpointer data,
          guint   *count)
{
  (*count)++;
}

static void
test_counts_and_filters (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);

  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 0);
  lia_graph_view_set_graph (view, graph);
  g_assert_true (lia_graph_view_get_graph (view) == graph);
  g_assert_false (lia_graph_view_get_busy (view));
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 4);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (view), ==, 4);

  /* Hiding rebel groups hides the Northern Front and its hostility */
  lia_graph_view_set_type_visible (view, LIA_ACTOR_TYPE_REBEL_GROUP, FALSE);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 3);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (view), ==, 3);

  /* Hiding a kind of relationship keeps the actors */
  lia_graph_view_set_relationship_visible (view, LIA_RELATIONSHIP_COMMANDS, FALSE);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 3);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (view), ==, 2);

  lia_graph_view_set_type_visible (view, LIA_ACTOR_TYPE_REBEL_GROUP, TRUE);
  lia_graph_view_set_relationship_visible (view, LIA_RELATIONSHIP_COMMANDS, TRUE);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 4);
  g_assert_cmpuint (lia_graph_view_get_n_visible_relationships (view), ==, 4);

  /* Every actor is placed, on screen after the first layout */
  for (guint i = 0; i < 4; i++)
    {
      double x, y;

      g_assert_true (lia_graph_view_get_actor_widget_position (view, uuid_of (actors[i]), &x, &y));
      g_assert_cmpfloat (x, >, 0);
      g_assert_cmpfloat (x, <, gtk_widget_get_width (GTK_WIDGET (view)));
      g_assert_cmpfloat (y, >, 0);
      g_assert_cmpfloat (y, <, gtk_widget_get_height (GTK_WIDGET (view)));
    }

  gtk_window_destroy (window);
}

static GtkGesture *
find_click_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

static void
test_select_by_pointer (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);
  GtkGesture *click = find_click_gesture (GTK_WIDGET (view));
  guint notified = 0;
  double x, y;

  lia_graph_view_set_graph (view, graph);
  g_signal_connect (view, "notify::selected-uuid", G_CALLBACK (count_cb), &notified);

  /* A press on the Northern Front selects it */
  g_assert_true (lia_graph_view_get_actor_widget_position (view, uuid_of (actors[1]), &x, &y));
  g_signal_emit_by_name (click, "pressed", 1, x + 2, y - 1);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (view), ==, uuid_of (actors[1]));
  g_assert_cmpuint (notified, ==, 1);

  /* The same again changes nothing */
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_cmpuint (notified, ==, 1);

  /* A click on the empty corner clears it */
  g_signal_emit_by_name (click, "pressed", 1, 3.0, 3.0);
  g_signal_emit_by_name (click, "released", 1, 3.0, 3.0);
  g_assert_null (lia_graph_view_get_selected_uuid (view));
  g_assert_cmpuint (notified, ==, 2);

  /* Panning moves the actors under the pointer */
  lia_graph_view_pan_by (view, 200, 0);
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_assert_null (lia_graph_view_get_selected_uuid (view));
  g_signal_emit_by_name (click, "pressed", 1, x + 200, y);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (view), ==, uuid_of (actors[1]));

  gtk_window_destroy (window);
}

static GtkGesture *
find_drag_gesture (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller))
        return GTK_GESTURE (controller);
    }

  g_assert_not_reached ();
}

/* Dragging an actor moves and pins it; dragging the background pans. */
static void
test_drag (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  g_autoptr(LiaActorGraph) again = NULL;
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);
  GtkGesture *drag = find_drag_gesture (GTK_WIDGET (view));
  double x, y, x2, y2, lx, ly, lx2, ly2;

  lia_graph_view_set_graph (view, graph);
  g_assert_false (lia_graph_view_get_pinned (view, uuid_of (actors[2])));
  g_assert_true (lia_graph_view_get_actor_widget_position (view, uuid_of (actors[2]), &x, &y));

  g_signal_emit_by_name (drag, "drag-begin", x, y);
  g_signal_emit_by_name (drag, "drag-update", 20.0, 10.0);
  g_signal_emit_by_name (drag, "drag-update", 40.0, 25.0);
  g_signal_emit_by_name (drag, "drag-end", 40.0, 25.0);
  lia_graph_view_get_actor_widget_position (view, uuid_of (actors[2]), &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2, x + 40, 1e-6);
  g_assert_cmpfloat_with_epsilon (y2, y + 25, 1e-6);
  g_assert_true (lia_graph_view_get_pinned (view, uuid_of (actors[2])));

  /* Laid out again, the dragged actor stays where it was put */
  lia_graph_view_get_actor_position (view, uuid_of (actors[2]), &lx, &ly);
  again = make_graph (actors);
  lia_graph_view_set_graph (view, again);
  lia_graph_view_get_actor_position (view, uuid_of (actors[2]), &lx2, &ly2);
  g_assert_cmpfloat (lx2, ==, lx);
  g_assert_cmpfloat (ly2, ==, ly);

  /* From the empty corner, the whole picture moves */
  lia_graph_view_get_actor_widget_position (view, uuid_of (actors[0]), &x, &y);
  g_signal_emit_by_name (drag, "drag-begin", 3.0, 3.0);
  g_signal_emit_by_name (drag, "drag-update", 30.0, -10.0);
  g_signal_emit_by_name (drag, "drag-end", 30.0, -10.0);
  lia_graph_view_get_actor_widget_position (view, uuid_of (actors[0]), &x2, &y2);
  g_assert_cmpfloat_with_epsilon (x2, x + 30, 1e-6);
  g_assert_cmpfloat_with_epsilon (y2, y - 10, 1e-6);
  g_assert_false (lia_graph_view_get_pinned (view, uuid_of (actors[0])));

  gtk_window_destroy (window);
}

static void
activated_cb (LiaGraphView *view,
              const char   *uuid,
              char        **out)
{
  g_free (*out);
  *out = g_strdup (uuid);
}

static void
test_keyboard (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  g_autofree char *activated = NULL;
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);
  double scale_x0, scale_x1, y;

  lia_graph_view_set_graph (view, graph);
  g_signal_connect (view, "actor-activated", G_CALLBACK (activated_cb), &activated);
  g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (view)));

  /* By name: Army, Northern Front, Relief Alliance, then the Arabic one */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "graph.select-next", NULL));
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (view), ==, uuid_of (actors[0]));
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.select-next", NULL);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (view), ==, uuid_of (actors[1]));

  /* Hidden actors are skipped */
  lia_graph_view_set_type_visible (view, LIA_ACTOR_TYPE_HUMANITARIAN, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.select-next", NULL);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (view), ==, uuid_of (actors[3]));
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.select-previous", NULL);
  g_assert_cmpstr (lia_graph_view_get_selected_uuid (view), ==, uuid_of (actors[1]));

  g_assert_null (activated);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.activate", NULL);
  g_assert_cmpstr (activated, ==, uuid_of (actors[1]));
  lia_graph_view_set_type_visible (view, LIA_ACTOR_TYPE_HUMANITARIAN, TRUE);
  gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-fit", NULL);

  /* Zoom in spreads the actors apart, zoom to fit brings them back */
  lia_graph_view_get_actor_widget_position (view, uuid_of (actors[0]), &scale_x0, &y);
  lia_graph_view_get_actor_widget_position (view, uuid_of (actors[1]), &scale_x1, &y);
  {
    double before = fabs (scale_x1 - scale_x0);
    double after_x0, after_x1;

    gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-in", NULL);
    lia_graph_view_get_actor_widget_position (view, uuid_of (actors[0]), &after_x0, &y);
    lia_graph_view_get_actor_widget_position (view, uuid_of (actors[1]), &after_x1, &y);
    g_assert_cmpfloat_with_epsilon (fabs (after_x1 - after_x0), before * 1.25, 1e-6);

    gtk_widget_activate_action (GTK_WIDGET (view), "graph.zoom-fit", NULL);
    lia_graph_view_get_actor_widget_position (view, uuid_of (actors[0]), &after_x0, &y);
    g_assert_cmpfloat_with_epsilon (after_x0, scale_x0, 1e-6);
  }

  gtk_window_destroy (window);
}

static void
test_incremental (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  g_autoptr(LiaActorGraph) bigger = NULL;
  LiaGraphView *view, *other;
  GtkWindow *window = open_view (&view);
  GtkWindow *other_window = open_view (&other);
  double before[4][2], x, y, nx, ny;

  lia_graph_view_set_graph (view, graph);
  lia_graph_view_set_pinned (view, uuid_of (actors[2]), TRUE);
  g_assert_true (lia_graph_view_get_pinned (view, uuid_of (actors[2])));
  g_assert_false (lia_graph_view_get_pinned (view, uuid_of (actors[1])));
  for (guint i = 0; i < 4; i++)
    g_assert_true (lia_graph_view_get_actor_position (view, uuid_of (actors[i]),
                                                      &before[i][0], &before[i][1]));

  /* Deterministic: the same graph gives the same picture elsewhere */
  lia_graph_view_set_graph (other, graph);
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (lia_graph_view_get_actor_position (other, uuid_of (actors[i]), &x, &y));
      g_assert_cmpfloat (x, ==, before[i][0]);
      g_assert_cmpfloat (y, ==, before[i][1]);
    }

  /* One actor more, allied with the Northern Front */
  bigger = make_graph (actors);
  actors[4] = add_actor (bigger, "Hill Militia", LIA_ACTOR_TYPE_IDENTITY_MILITIA, 2);
  relate (bigger, actors[4], actors[1], LIA_RELATIONSHIP_ALLIED_WITH, 0.8);
  g_assert_false (lia_graph_view_get_actor_position (view, uuid_of (actors[4]), NULL, NULL));
  lia_graph_view_set_graph (view, bigger);

  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 5);
  g_assert_true (lia_graph_view_get_pinned (view, uuid_of (actors[2])));
  for (guint i = 0; i < 4; i++)
    {
      g_assert_true (lia_graph_view_get_actor_position (view, uuid_of (actors[i]), &x, &y));
      g_assert_cmpfloat (x, ==, before[i][0]);
      g_assert_cmpfloat (y, ==, before[i][1]);
    }
  g_assert_true (lia_graph_view_get_actor_position (view, uuid_of (actors[4]), &nx, &ny));
  g_assert_cmpfloat (hypot (nx - before[1][0], ny - before[1][1]), <, 3.0);
  g_assert_cmpfloat (hypot (nx - before[1][0], ny - before[1][1]), >, 0.05);

  /* Back to the first graph, as an earlier "as of" date would: the
   * militia keeps its place for when it comes back */
  lia_graph_view_set_graph (view, graph);
  g_assert_cmpuint (lia_graph_view_get_n_visible_actors (view), ==, 4);
  g_assert_true (lia_graph_view_get_actor_position (view, uuid_of (actors[4]), &x, &y));
  g_assert_cmpfloat (x, ==, nx);
  g_assert_cmpfloat (y, ==, ny);

  gtk_window_destroy (other_window);
  gtk_window_destroy (window);
}

static LiaActorGraph *
make_random_graph (guint   n_actors,
                   guint32 seed)
{
  LiaActorGraph *graph = lia_actor_graph_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) actors = g_ptr_array_new ();

  for (guint i = 0; i < n_actors; i++)
    {
      g_autofree char *name = g_strdup_printf ("Actor %u", i);

      g_ptr_array_add (actors, add_actor (graph, name, g_rand_int_range (rand, 0, LIA_ACTOR_TYPE_OTHER + 1),
                                          g_rand_int_range (rand, 0, 11)));
    }
  for (guint i = 1; i < n_actors; i++)
    relate (graph, actors->pdata[i], actors->pdata[g_rand_int_range (rand, 0, i)],
            g_rand_int_range (rand, 0, LIA_RELATIONSHIP_LIAISON_CHANNEL + 1), g_rand_double (rand));

  return graph;
}

static void
test_threaded_layout (void)
{
  g_autoptr(LiaActorGraph) first = make_random_graph (400, 7);
  g_autoptr(LiaActorGraph) second = make_random_graph (150, 8);
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);
  guint busy_notified = 0;
  LiaActor *actor;

  g_signal_connect (view, "notify::busy", G_CALLBACK (count_cb), &busy_notified);

  /* A big graph is laid out in a thread: the call returns at once */
  lia_graph_view_set_graph (view, first);
  g_assert_true (lia_graph_view_get_busy (view));
  g_assert_cmpuint (busy_notified, ==, 1);
  actor = lia_actor_graph_get_actor (first, 0);
  g_assert_false (lia_graph_view_get_actor_position (view, lia_record_get_uuid (LIA_RECORD (actor)),
                                                     NULL, NULL));

  /* A newer graph cancels that layout */
  lia_graph_view_set_graph (view, second);
  g_assert_true (lia_graph_view_get_busy (view));
  LIA_TEST_SPIN_UNTIL (!lia_graph_view_get_busy (view));
  g_assert_false (lia_graph_view_get_actor_position (view, lia_record_get_uuid (LIA_RECORD (actor)),
                                                     NULL, NULL));
  for (guint v = 0; v < lia_actor_graph_get_n_actors (second); v++)
    {
      LiaActor *placed = lia_actor_graph_get_actor (second, v);

      g_assert_true (lia_graph_view_get_actor_position (view, lia_record_get_uuid (LIA_RECORD (placed)),
                                                        NULL, NULL));
    }
  /* busy went TRUE, (stayed TRUE across the replacement,) then FALSE */
  g_assert_cmpuint (busy_notified, >=, 2);

  /* Let the cancelled worker finish before the graph goes */
  g_usleep (G_USEC_PER_SEC / 10);
  lia_test_ui_spin_pending ();
  gtk_window_destroy (window);
}

static void
after_paint_cb (GdkFrameClock *frame_clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* The view's pixels as it last drew itself on screen, 0xAARRGGBB
 * premultiplied */
static guint32 *
render_view (LiaGraphView *view,
             int          *width,
             int          *height)
{
  GtkWidget *widget = GTK_WIDGET (view);
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (widget);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot;
  gboolean painted = FALSE;
  gulong handler;
  guint32 *pixels;

  handler = g_signal_connect (frame_clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  LIA_TEST_SPIN_UNTIL (painted);
  g_signal_handler_disconnect (frame_clock, handler);

  *width = gtk_widget_get_width (widget);
  *height = gtk_widget_get_height (widget);
  pixels = g_new0 (guint32, *width * *height);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, *width, *height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return pixels;

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, *width, *height));
  gdk_texture_download (texture, (guchar *) pixels, *width * 4);
  return pixels;
}

/* What the widget draws: the actor's colour at its centre, the
 * background away from everything. */
static void
test_drawing (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  g_autofree guint32 *pixels = NULL;
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);
  int width, height;
  double x, y, rx, ry;
  guint32 pixel;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  lia_graph_view_set_graph (view, graph);

  /* Army of Korvania: state forces, #1c71d8 in light mode */
  pixels = render_view (view, &width, &height);
  g_assert_true (lia_graph_view_get_actor_widget_position (view, uuid_of (actors[0]), &x, &y));
  pixel = pixels[(int) y * width + (int) x];
  g_assert_cmphex (pixel & 0xffffff, ==, 0x1c71d8);
  g_assert_cmphex (pixel >> 24, ==, 0xff);
  /* The corner is empty: nothing drawn there */
  g_assert_cmphex (pixels[2 * width + 2] >> 24, ==, 0);
  g_clear_pointer (&pixels, g_free);

  /* Panned, it moves with the view */
  lia_graph_view_pan_by (view, -40, 30);
  pixels = render_view (view, &width, &height);
  g_assert_cmphex (pixels[((int) y + 30) * width + (int) x - 40] & 0xffffff, ==, 0x1c71d8);
  g_clear_pointer (&pixels, g_free);

  /* In dark mode, a lighter blue */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  pixels = render_view (view, &width, &height);
  g_assert_cmphex (pixels[((int) y + 30) * width + (int) x - 40] & 0xffffff, ==, 0x62a0ea);
  g_clear_pointer (&pixels, g_free);

  /* A selected actor stays in its colour, its neighbours too, over a
   * veil that dims the rest */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_LIGHT);
  lia_graph_view_set_selected_uuid (view, uuid_of (actors[3]));
  pixels = render_view (view, &width, &height);
  g_assert_cmphex (pixels[((int) y + 30) * width + (int) x - 40] & 0xffffff, ==, 0x1c71d8);
  if (g_getenv ("LIAISON_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("LIAISON_SCREENSHOT_DIR"), "graph-view-selected.png", NULL);
      g_autoptr(GBytes) bytes = g_bytes_new (pixels, (gsize) width * height * 4);
      g_autoptr(GdkTexture) shot = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, width * 4);

      g_assert_true (gdk_texture_save_to_png (shot, path));
    }
  /* Army of Korvania is a neighbour of the Northern Front; the Relief
   * Alliance (#c88800) is not, and is dimmed */
  g_assert_true (lia_graph_view_get_actor_widget_position (view, uuid_of (actors[2]), &rx, &ry));
  g_assert_cmphex (pixels[(int) ry * width + (int) rx] & 0xffffff, ==, 0xc88800);
  g_clear_pointer (&pixels, g_free);
  lia_graph_view_set_selected_uuid (view, uuid_of (actors[1]));
  pixels = render_view (view, &width, &height);
  g_assert_cmphex (pixels[((int) y + 30) * width + (int) x - 40] & 0xffffff, ==, 0x1c71d8);
  g_assert_cmphex (pixels[(int) ry * width + (int) rx] & 0xffffff, !=, 0xc88800);
  g_clear_pointer (&pixels, g_free);
  lia_graph_view_set_selected_uuid (view, NULL);
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);

  /* Hidden, it is no longer drawn */
  lia_graph_view_set_type_visible (view, LIA_ACTOR_TYPE_STATE_FORCES, FALSE);
  pixels = render_view (view, &width, &height);
  g_assert_cmphex (pixels[((int) y + 30) * width + (int) x - 40] & 0xffffff, !=, 0x62a0ea);

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_destroy (window);
}

static void
test_export (void)
{
  LiaActor *actors[5] = { NULL };
  g_autoptr(LiaActorGraph) graph = make_graph (actors);
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-graph-view-XXXXXX", NULL);
  g_autofree char *png_path = g_build_filename (dir, "network.png", NULL);
  g_autofree char *svg_path = g_build_filename (dir, "network.svg", NULL);
  g_autoptr(GFile) png = g_file_new_for_path (png_path);
  g_autoptr(GFile) svg = g_file_new_for_path (svg_path);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  LiaGraphView *view;
  GtkWindow *window = open_view (&view);

  /* Nothing to export is said in words */
  g_assert_false (lia_graph_view_export_png (view, png, FALSE, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  lia_graph_view_set_graph (view, graph);

  g_assert_true (lia_graph_view_export_png (view, png, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (png_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 4000);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  texture = gdk_texture_new_from_file (png, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >, 150);
  g_assert_cmpint (gdk_texture_get_height (texture), >, 100);
  g_clear_pointer (&contents, g_free);
  if (g_getenv ("LIAISON_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("LIAISON_SCREENSHOT_DIR"), "graph-view-export.png", NULL);

      g_assert_true (gdk_texture_save_to_png (texture, copy));
    }

  /* SVG, filters applied: rebel groups hidden */
  lia_graph_view_set_type_visible (view, LIA_ACTOR_TYPE_REBEL_GROUP, FALSE);
  g_assert_true (lia_graph_view_export_svg (view, svg, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (svg_path, &contents, &length, NULL));
  g_assert_true (g_utf8_validate (contents, length, NULL));
  g_assert_nonnull (strstr (contents, "<svg"));
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_assert_nonnull (strstr (contents, "Army of Korvania"));
  g_assert_nonnull (strstr (contents, "Relief Alliance"));
  g_assert_nonnull (strstr (contents, ARABIC_NAME));
  g_assert_null (strstr (contents, "Northern Front"));
  /* The names are drawn too, not only written: glyphs */
  g_assert_nonnull (strstr (contents, "glyph"));

  gtk_window_destroy (window);
  g_unlink (png_path);
  g_unlink (svg_path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/graph-view/counts-and-filters", test_counts_and_filters);
  g_test_add_func ("/ui/graph-view/select-by-pointer", test_select_by_pointer);
  g_test_add_func ("/ui/graph-view/drag", test_drag);
  g_test_add_func ("/ui/graph-view/keyboard", test_keyboard);
  g_test_add_func ("/ui/graph-view/incremental", test_incremental);
  g_test_add_func ("/ui/graph-view/threaded-layout", test_threaded_layout);
  g_test_add_func ("/ui/graph-view/drawing", test_drawing);
  g_test_add_func ("/ui/graph-view/export", test_export);

  return g_test_run ();
}
