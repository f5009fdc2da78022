/* bench-basemap.c — how fast the offline basemap draws its tiles
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Renders 64 tiles (16 at zoom 2: the whole world) at zooms 2, 5 and 8,
 * over Europe, Africa and the Middle East where borders are densest, and
 * prints the median and 95th percentile per tile, PNG encoding included.
 * The names of each zoom level are placed on its first tile: that tile is
 * timed apart.  Wall-clock time is what a person waits; CPU time, printed
 * too, stays meaningful on a machine busy with other work.  Core only: no
 * GTK, no display.
 */
#include "config.h"

#include <stdlib.h>
#include <time.h>

#include "liaison-core.h"

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);

  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
percentile (GArray *sorted,
            guint   percent)
{
  return g_array_index (sorted, double, MIN (sorted->len - 1, (sorted->len * percent) / 100));
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaBasemap) basemap = NULL;
  const struct { int zoom; int x0; int y0; } sets[] = {
    { 2, 0, 0 },
    { 5, 14, 10 },     /* from the Atlantic to Iran, Scandinavia to Congo */
    { 8, 120, 100 },   /* the Sahel and the Horn */
  };
  gint64 start = g_get_monotonic_time ();

  basemap = lia_basemap_get_default (&error);
  if (basemap == NULL)
    {
      g_printerr ("bench-basemap: %s\n", error->message);
      return 1;
    }
  g_print ("basemap: loaded %u countries in %.1f ms\n",
           lia_basemap_get_n_countries (basemap), (g_get_monotonic_time () - start) / 1000.0);

  for (guint s = 0; s < G_N_ELEMENTS (sets); s++)
    {
      int side = MIN (8, 1 << sets[s].zoom);
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) cpu_times = g_array_new (FALSE, FALSE, sizeof (double));
      double first = 0;
      gsize bytes = 0;

      for (int i = 0; i < side * side; i++)
        {
          gint64 t = g_get_monotonic_time ();
          double cpu = cpu_ms ();
          g_autoptr(GBytes) png = lia_basemap_render_tile (basemap, sets[s].zoom,
                                                           sets[s].x0 + i % side, sets[s].y0 + i / side,
                                                           FALSE, &error);
          double ms = (g_get_monotonic_time () - t) / 1000.0;

          cpu = cpu_ms () - cpu;

          if (png == NULL)
            {
              g_printerr ("bench-basemap: %s\n", error->message);
              return 1;
            }
          bytes += g_bytes_get_size (png);
          if (i == 0)
            first = ms;
          else
            {
              g_array_append_val (times, ms);
              g_array_append_val (cpu_times, cpu);
            }
        }

      g_array_sort (times, compare_doubles);
      g_array_sort (cpu_times, compare_doubles);
      g_print ("basemap: zoom %d, %u tiles: median %.1f ms, p95 %.1f ms, max %.1f ms; "
               "CPU median %.1f ms, p95 %.1f ms "
               "(first tile, placing names: %.1f ms; %.0f KiB PNG per tile)\n",
               sets[s].zoom, times->len + 1,
               percentile (times, 50), percentile (times, 95), percentile (times, 100),
               percentile (cpu_times, 50), percentile (cpu_times, 95),
               first, bytes / 1024.0 / (times->len + 1));
    }

  return 0;
}
