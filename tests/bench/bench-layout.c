/* bench-layout.c — force-directed layout time against Graphviz sfdp
 *
 * For 200, 2,000 and 10,000 actors with about four relationships each
 * (a seeded random graph: a spanning tree so that it is connected, plus
 * random links), times lia_graph_layout_run() and `sfdp -Tplain` on the
 * same graph written as DOT, in the same run.  sfdp's time includes
 * starting the process and parsing the DOT file, a few milliseconds.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>

#include "liaison-core.h"
#include "lia-test-util.h"

#define SEED 20240501

static GArray *
random_edges (guint n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + n);
  GArray *edges = g_array_new (FALSE, FALSE, sizeof (guint) * 2);

  /* Each relationship touches two actors: 2n of them give degree ~4. */
  for (guint v = 1; v < n; v++)
    {
      guint edge[2] = { v, g_rand_int_range (rand, 0, v) };

      g_array_append_vals (edges, edge, 1);
    }
  while (edges->len < 2 * n)
    {
      guint edge[2] = { g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n) };

      if (edge[0] != edge[1])
        g_array_append_vals (edges, edge, 1);
    }

  return edges;
}

static double
time_ours (guint   n,
           GArray *edges)
{
  g_autoptr(LiaGraphLayout) layout = lia_graph_layout_new (n);
  g_autoptr(GError) error = NULL;
  gint64 start;

  for (guint i = 0; i < edges->len; i++)
    {
      const guint *edge = &g_array_index (edges, guint, 2 * i);

      lia_graph_layout_add_edge (layout, edge[0], edge[1]);
    }

  start = g_get_monotonic_time ();
  if (!lia_graph_layout_run (layout, NULL, &error))
    g_error ("layout failed: %s", error->message);

  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Returns: milliseconds, or a negative value if sfdp failed */
static double
time_sfdp (const char *sfdp,
           const char *dir,
           guint       n,
           GArray     *edges)
{
  g_autofree char *path = g_strdup_printf ("%s/graph-%u.dot", dir, n);
  g_autoptr(GString) dot = g_string_new ("graph G {\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { sfdp, "-Tplain", path, NULL };
  gint64 start;
  int status;

  for (guint v = 0; v < n; v++)
    g_string_append_printf (dot, "  %u;\n", v);
  for (guint i = 0; i < edges->len; i++)
    {
      const guint *edge = &g_array_index (edges, guint, 2 * i);

      g_string_append_printf (dot, "  %u -- %u;\n", edge[0], edge[1]);
    }
  g_string_append (dot, "}\n");

  if (!g_file_set_contents (path, dot->str, -1, &error))
    g_error ("%s", error->message);

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                     &out, NULL, &status, &error) ||
      !g_spawn_check_wait_status (status, NULL))
    return -1;

  return (g_get_monotonic_time () - start) / 1000.0;
}

int
main (int   argc,
      char *argv[])
{
  const guint sizes[] = { 200, 2000, 10000 };
  g_autofree char *sfdp = g_find_program_in_path ("sfdp");
  g_autofree char *dir = g_dir_make_tmp ("liaison-bench-layout-XXXXXX", NULL);

  g_print ("%8s  %12s  %12s  %12s\n", "actors", "relations", "liaison ms", "sfdp ms");
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GArray) edges = random_edges (sizes[i]);
      double ours = time_ours (sizes[i], edges);

      if (sfdp != NULL)
        {
          double theirs = time_sfdp (sfdp, dir, sizes[i], edges);

          if (theirs >= 0)
            g_print ("%8u  %12u  %12.1f  %12.1f\n", sizes[i], edges->len, ours, theirs);
          else
            g_print ("%8u  %12u  %12.1f  %12s\n", sizes[i], edges->len, ours, "failed");
        }
      else
        {
          g_print ("%8u  %12u  %12.1f  %12s\n", sizes[i], edges->len, ours, "-");
        }
    }

  if (sfdp == NULL)
    g_print ("sfdp not installed (Debian package graphviz)\n");

  lia_test_remove_tree (dir);
  return 0;
}
