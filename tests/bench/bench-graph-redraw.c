/* bench-graph-redraw.c — frame time of the actor graph while panning
 *
 * 2,000 actors with four relationships each (8,000, a seeded random graph
 * with a spanning tree so that it is connected), some with Arabic names,
 * in a real 1200×900 window.  Each step pans the view, then waits for the
 * frame; the figure is the frame clock's work for that frame, from
 * "before-paint" to "after-paint": layout, snapshot, rendering and
 * handing the frame to the display, in wall time and in CPU time of the
 * UI thread (on a busy machine the first includes waiting for a core).
 * Panning is measured with the whole graph in view (zoomed to fit) and
 * at the natural zoom, where names show, and again offscreen: the view's
 * snapshot drawn by cairo into an image, without the window system.  The
 * offscreen figures are for the cairo renderer only.  The
 * "floor" is a frame that repaints the whole empty view (its background
 * changes colour): what any full-window frame costs on this display.  A
 * frame after a change of selection is measured too.
 *
 * BENCH_GRAPH_QUICK=1 skips the panning.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <time.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "lia-graph-view.h"

#define SEED        20240501
#define N_ACTORS    2000
#define N_PER_ACTOR 4
#define N_PANS      200
#define N_CHANGES   (quick ? 8 : 30)
#define TARGET_MS   16.0

static const char * const arabic_names[] = {
  "قوات الحدود", "جبهة الشمال", "الهلال الأحمر", "لجنة المصالحة", "الشرطة المحلية",
};

typedef struct
{
  gint64   started;
  gint64   started_cpu;
  double   last_ms;
  double   last_cpu_ms;
  gboolean painted;
} Frame;

/* This thread's CPU time: on a busy machine, what the frame cost us
 * whatever else runs */
static gint64
cpu_time_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
before_paint_cb (GdkFrameClock *clock,
                 Frame         *frame)
{
  frame->started = g_get_monotonic_time ();
  frame->started_cpu = cpu_time_us ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                Frame         *frame)
{
  if (frame->started == 0)
    return;
  frame->last_ms = (g_get_monotonic_time () - frame->started) / 1000.0;
  frame->last_cpu_ms = (cpu_time_us () - frame->started_cpu) / 1000.0;
  frame->started = 0;
  frame->painted = TRUE;
}

static void
wait_for_frame (GtkWidget *widget,
                Frame     *frame)
{
  frame->painted = FALSE;
  gtk_widget_queue_draw (widget);
  while (!frame->painted)
    g_main_context_iteration (NULL, TRUE);
}

static LiaActorGraph *
random_graph (void)
{
  LiaActorGraph *graph = lia_actor_graph_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new ();

  for (guint i = 0; i < N_ACTORS; i++)
    {
      g_autofree char *name = i % 10 == 0
        ? g_strdup_printf ("%s %u", arabic_names[(i / 10) % G_N_ELEMENTS (arabic_names)], i)
        : g_strdup_printf ("Actor %u", i);
      g_autoptr(LiaActor) actor = lia_actor_new ("bench", name,
                                                 g_rand_int_range (rand, 0, LIA_ACTOR_TYPE_OTHER + 1));

      lia_actor_set_influence (actor, g_rand_int_range (rand, 0, LIA_ACTOR_INFLUENCE_MAX + 1));
      lia_actor_graph_add_actor (graph, actor);
      g_ptr_array_add (uuids, (gpointer) lia_record_get_uuid (LIA_RECORD (actor)));
    }

  for (guint i = 0; i < N_ACTORS; i++)
    {
      for (guint k = 0; k < N_PER_ACTOR; k++)
        {
          /* The first of each actor's links makes a spanning tree */
          guint j = k == 0 && i > 0 ? (guint) g_rand_int_range (rand, 0, i)
                                    : (guint) g_rand_int_range (rand, 0, N_ACTORS);
          g_autoptr(LiaRelationship) relationship = NULL;

          if (j == i)
            j = (i + 1) % N_ACTORS;
          relationship = lia_relationship_new ("bench", uuids->pdata[i], uuids->pdata[j],
                                               g_rand_int_range (rand, 0, LIA_RELATIONSHIP_LIAISON_CHANNEL + 1));
          lia_relationship_set_weight (relationship, g_rand_double (rand));
          lia_actor_graph_add_relationship (graph, relationship);
        }
    }

  return graph;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        GArray     *times)
{
  double *t = (double *) times->data;
  guint n = times->len;
  guint over = 0;
  double sum = 0;

  g_array_sort (times, compare_doubles);
  for (guint i = 0; i < n; i++)
    {
      sum += t[i];
      over += t[i] >= TARGET_MS;
    }

  g_print ("%s: %u frames, median %.2f ms, p95 %.2f ms, max %.2f ms, mean %.2f ms, "
           "%u over target (target < %.0f ms)\n",
           what, n, t[n / 2], t[MIN (n - 1, (guint) (n * 0.95))], t[n - 1], sum / n, over, TARGET_MS);
}

/* The view's own work for a frame, without the window system: its
 * snapshot, drawn by cairo into an image of the view's size. */
static void
pan_offscreen (const char *what,
               GtkWidget  *view)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  int width = gtk_widget_get_width (view), height = gtk_widget_get_height (view);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);

  for (guint i = 0; i < N_PANS; i++)
    {
      double dx = (i / 50) % 2 == 0 ? 12 : -12;
      double dy = (i / 25) % 2 == 0 ? 5 : -5;
      gint64 start = cpu_time_us ();
      GtkSnapshot *snapshot = gtk_snapshot_new ();
      GskRenderNode *node;
      double ms;
      cairo_t *cr;

      lia_graph_view_pan_by (LIA_GRAPH_VIEW (view), dx, dy);
      GTK_WIDGET_GET_CLASS (view)->snapshot (view, snapshot);
      node = gtk_snapshot_free_to_node (snapshot);
      cr = cairo_create (surface);
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_paint (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      if (node != NULL)
        gsk_render_node_draw (node, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      g_clear_pointer (&node, gsk_render_node_unref);

      ms = (cpu_time_us () - start) / 1000.0;
      g_array_append_val (times, ms);
    }

  cairo_surface_destroy (surface);
  report (what, times);
}

static void
pan_frames (const char *what,
            GtkWidget  *view,
            Frame      *frame)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *cpu_what = g_strdup_printf ("%s, CPU time of the UI thread", what);

  for (guint i = 0; i < N_PANS; i++)
    {
      /* Back and forth, as a hand does: 12 px a frame */
      double dx = (i / 50) % 2 == 0 ? 12 : -12;
      double dy = (i / 25) % 2 == 0 ? 5 : -5;

      lia_graph_view_pan_by (LIA_GRAPH_VIEW (view), dx, dy);
      wait_for_frame (view, frame);
      g_array_append_val (times, frame->last_ms);
      g_array_append_val (cpu_times, frame->last_cpu_ms);
    }

  report (what, times);
  report (cpu_what, cpu_times);
}

/* Pixels per layout unit, from two actors on screen and in the layout */
static double
current_scale (LiaGraphView  *view,
               LiaActorGraph *graph)
{
  const char *a = lia_record_get_uuid (LIA_RECORD (lia_actor_graph_get_actor (graph, 0)));
  const char *b = lia_record_get_uuid (LIA_RECORD (lia_actor_graph_get_actor (graph, 1)));
  double ax, ay, bx, by, wax, way, wbx, wby;

  lia_graph_view_get_actor_position (view, a, &ax, &ay);
  lia_graph_view_get_actor_position (view, b, &bx, &by);
  lia_graph_view_get_actor_widget_position (view, a, &wax, &way);
  lia_graph_view_get_actor_widget_position (view, b, &wbx, &wby);

  return hypot (wbx - wax, wby - way) / hypot (bx - ax, by - ay);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LiaActorGraph) graph = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
  gboolean quick = g_getenv ("BENCH_GRAPH_QUICK") != NULL;
  gboolean cairo_renderer;
  GtkWindow *window;
  GtkWidget *view;
  GdkFrameClock *clock;
  Frame frame = { 0 };
  gint64 start;

  adw_init ();
  {
    g_autofree char *load = NULL;

    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      g_print ("load average at start: %s", load);
    g_print ("renderer: %s (GSK_RENDERER)\n", g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "default");
  }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  start = g_get_monotonic_time ();
  graph = random_graph ();
  g_print ("graph: %u actors, %u relationships, built in %.0f ms\n",
           lia_actor_graph_get_n_actors (graph), lia_actor_graph_get_n_relationships (graph),
           (g_get_monotonic_time () - start) / 1000.0);

  window = GTK_WINDOW (gtk_window_new ());
  view = lia_graph_view_new ();
  gtk_window_set_default_size (window, 1200, 900);
  gtk_window_set_child (window, view);
  gtk_window_present (window);
  while (gtk_widget_get_width (view) == 0)
    g_main_context_iteration (NULL, TRUE);

  cairo_renderer = GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (window)));
  clock = gtk_widget_get_frame_clock (view);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), &frame);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &frame);

  /* What a frame that repaints the whole view costs here whatever the
   * view draws: its background changes colour each frame. */
  if (!quick)
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
    g_autoptr(GArray) floor_times = g_array_new (FALSE, FALSE, sizeof (double));
    g_autoptr(GArray) floor_cpu = g_array_new (FALSE, FALSE, sizeof (double));

    gtk_css_provider_load_from_data (provider, ".bench-a { background: #ffffff; } "
                                               ".bench-b { background: #fefefe; }", -1);
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    wait_for_frame (view, &frame);
    for (guint i = 0; i < N_PANS / 2; i++)
      {
        gtk_widget_set_css_classes (view, (const char *[]) { i % 2 ? "bench-a" : "bench-b", NULL });
        wait_for_frame (view, &frame);
        g_array_append_val (floor_times, frame.last_ms);
        g_array_append_val (floor_cpu, frame.last_cpu_ms);
      }
    report ("floor, the empty view repainted whole", floor_times);
    report ("floor, the empty view repainted whole, CPU time of the UI thread", floor_cpu);
    gtk_widget_set_css_classes (view, (const char *[]) { NULL });
  }

  start = g_get_monotonic_time ();
  lia_graph_view_set_graph (LIA_GRAPH_VIEW (view), graph);
  g_print ("set_graph returned in %.1f ms (layout in a thread: %s)\n",
           (g_get_monotonic_time () - start) / 1000.0,
           lia_graph_view_get_busy (LIA_GRAPH_VIEW (view)) ? "yes" : "no");
  while (lia_graph_view_get_busy (LIA_GRAPH_VIEW (view)))
    g_main_context_iteration (NULL, TRUE);
  g_print ("layout done after %.0f ms\n", (g_get_monotonic_time () - start) / 1000.0);

  wait_for_frame (view, &frame);
  g_print ("first frame of the whole graph: %.2f ms\n", frame.last_ms);
  wait_for_frame (view, &frame);

  if (!quick)
    {
      pan_frames ("pan, whole graph in view", view, &frame);
      /* With GL the view hands textures over, and drawing them with
       * cairo here would measure their download instead */
      if (cairo_renderer)
        pan_offscreen ("pan offscreen (snapshot + cairo draw), whole graph in view, CPU time", view);
    }

  lia_graph_view_zoom_by (LIA_GRAPH_VIEW (view), 100.0 / current_scale (LIA_GRAPH_VIEW (view), graph));
  g_print ("zoomed from fit to %.0f px per layout unit\n", current_scale (LIA_GRAPH_VIEW (view), graph));
  wait_for_frame (view, &frame);
  if (!quick)
    {
      pan_frames ("pan, zoomed in with names", view, &frame);
      if (cairo_renderer)
        pan_offscreen ("pan offscreen (snapshot + cairo draw), zoomed in with names, CPU time", view);
    }

  /* A change of selection keeps the cached picture and draws the selected
   * actor and its neighbours over it */
  lia_graph_view_zoom_to_fit (LIA_GRAPH_VIEW (view));
  wait_for_frame (view, &frame);
  for (guint i = 0; i < N_CHANGES; i++)
    {
      LiaActor *actor = lia_actor_graph_get_actor (graph, (i * 97) % N_ACTORS);

      lia_graph_view_set_selected_uuid (LIA_GRAPH_VIEW (view), lia_record_get_uuid (LIA_RECORD (actor)));
      wait_for_frame (view, &frame);
      g_array_append_val (times, frame.last_ms);
      g_array_append_val (cpu_times, frame.last_cpu_ms);
    }
  report ("selection change (cached picture kept, selection drawn over it)", times);
  report ("selection change, CPU time of the UI thread", cpu_times);

  /* Exports of the whole graph, on the UI thread */
  lia_graph_view_set_selected_uuid (LIA_GRAPH_VIEW (view), NULL);
  {
    const char *dir = g_getenv ("LIAISON_SCREENSHOT_DIR");
    g_autofree char *tmp = dir == NULL ? g_dir_make_tmp ("bench-graph-redraw-XXXXXX", NULL) : NULL;
    const char *names[] = { "bench-graph.png", "bench-graph.svg" };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (dir != NULL ? dir : tmp, names[i], NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(GError) error = NULL;
        g_autoptr(GFileInfo) info = NULL;
        gboolean ok;

        start = g_get_monotonic_time ();
        ok = i == 0 ? lia_graph_view_export_png (LIA_GRAPH_VIEW (view), file, TRUE, &error)
                    : lia_graph_view_export_svg (LIA_GRAPH_VIEW (view), file, TRUE, &error);
        if (!ok)
          g_error ("%s: %s", names[i], error->message);
        info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
        g_print ("export %s: %.0f ms, %.1f MB\n", i == 0 ? "PNG" : "SVG",
                 (g_get_monotonic_time () - start) / 1000.0,
                 info != NULL ? g_file_info_get_size (info) / 1e6 : 0.0);
        if (dir == NULL)
          g_file_delete (file, NULL, NULL);
      }
    if (tmp != NULL)
      g_rmdir (tmp);
  }

  gtk_window_destroy (window);
  return 0;
}
