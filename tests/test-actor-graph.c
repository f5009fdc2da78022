/* test-actor-graph.c — analysis of the stakeholder graph, and its layout
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "liaison-core.h"
#include "lia-test-util.h"

/* networkx as the reference: degree, in/out degree, then betweenness
 * (undirected, directed) per node, with its default normalisation. */
static const char networkx_script[] =
  "import sys\n"
  "import networkx as nx\n"
  "n = int(sys.argv[1])\n"
  "D = nx.DiGraph()\n"
  "D.add_nodes_from(range(n))\n"
  "D.add_edges_from(tuple(map(int, l.split())) for l in open(sys.argv[2]) if l.strip())\n"
  "G = D.to_undirected()\n"
  "bu = nx.betweenness_centrality(G)\n"
  "bd = nx.betweenness_centrality(D)\n"
  "for v in range(n):\n"
  "    print(G.degree(v), D.in_degree(v), D.out_degree(v), repr(bu[v]), repr(bd[v]))\n";

static LiaActor *
make_actor (const char   *name,
            LiaActorType  type)
{
  return lia_actor_new ("korvania", name, type);
}

static LiaRelationship *
add_link (LiaActorGraph       *graph,
          LiaActor            *a,
          LiaActor            *b,
          LiaRelationshipType  type,
          double               weight)
{
  LiaRelationship *relationship = lia_relationship_new ("korvania",
                                                        lia_record_get_uuid (LIA_RECORD (a)),
                                                        lia_record_get_uuid (LIA_RECORD (b)),
                                                        type);

  lia_relationship_set_weight (relationship, weight);
  g_assert_true (lia_actor_graph_add_relationship (graph, relationship));
  return relationship;
}

static gboolean
have_networkx (void)
{
  const char *argv[] = { "python3", "-c", "import networkx", NULL };
  int status = -1;

  return g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) &&
         g_spawn_check_wait_status (status, NULL);
}

/* A seeded random graph: sparse enough to have several components and
 * leaves, with parallel relationships of different types. */
static LiaActorGraph *
random_graph (guint32  seed,
              guint    n,
              guint    m,
              GString *edge_list)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  LiaActorGraph *graph = lia_actor_graph_new ();
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("Actor %u", i);
      LiaActor *actor = make_actor (name, LIA_ACTOR_TYPE_OTHER);

      g_ptr_array_add (actors, actor);
      g_assert_cmpuint (lia_actor_graph_add_actor (graph, actor), ==, i);
    }

  for (guint i = 0; i < m; i++)
    {
      guint a = g_rand_int_range (rand, 0, n);
      guint b = g_rand_int_range (rand, 0, n);
      g_autoptr(LiaRelationship) relationship = NULL;

      if (a == b)
        continue;

      relationship = add_link (graph, g_ptr_array_index (actors, a), g_ptr_array_index (actors, b),
                           g_rand_int_range (rand, 0, LIA_RELATIONSHIP_LIAISON_CHANNEL + 1),
                           g_rand_double (rand));
      g_string_append_printf (edge_list, "%u %u\n", a, b);
    }

  return graph;
}

static void
test_centrality_networkx (void)
{
  const struct { guint32 seed; guint n; guint m; } cases[] = {
    { 1, 50, 80 },
    { 2, 120, 300 },
    { 3, 200, 260 },
    { 4, 200, 800 },
  };

  if (!have_networkx ())
    {
      g_test_skip ("python3-networkx is not installed");
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GString) edge_list = g_string_new (NULL);
      g_autoptr(LiaActorGraph) graph = random_graph (cases[c].seed, cases[c].n, cases[c].m, edge_list);
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *n_str = g_strdup_printf ("%u", cases[c].n);
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_auto(GStrv) lines = NULL;
      const char *argv[] = { "python3", "-c", networkx_script, n_str, NULL, NULL };
      int fd, status;

      fd = g_file_open_tmp ("liaison-edges-XXXXXX", &path, &error);
      g_assert_no_error (error);
      close (fd);
      g_file_set_contents (path, edge_list->str, -1, &error);
      g_assert_no_error (error);
      argv[4] = path;

      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      g_unlink (path);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("networkx failed: %s", err);

      lines = g_strsplit (g_strstrip (out), "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, cases[c].n);

      for (guint v = 0; v < cases[c].n; v++)
        {
          g_auto(GStrv) f = g_strsplit (lines[v], " ", -1);

          g_assert_cmpuint (g_strv_length (f), ==, 5);
          g_assert_cmpuint (lia_actor_graph_get_degree (graph, v), ==, g_ascii_strtoull (f[0], NULL, 10));
          g_assert_cmpuint (lia_actor_graph_get_in_degree (graph, v), ==, g_ascii_strtoull (f[1], NULL, 10));
          g_assert_cmpuint (lia_actor_graph_get_out_degree (graph, v), ==, g_ascii_strtoull (f[2], NULL, 10));
          g_assert_cmpfloat_with_epsilon (lia_actor_graph_get_betweenness (graph, v, FALSE), g_ascii_strtod (f[3], NULL), 1e-9);
          g_assert_cmpfloat_with_epsilon (lia_actor_graph_get_betweenness (graph, v, TRUE), g_ascii_strtod (f[4], NULL), 1e-9);
        }
    }
}

static void
test_star_betweenness (void)
{
  g_autoptr(LiaActorGraph) graph = lia_actor_graph_new ();
  g_autoptr(LiaActor) hub = make_actor ("Hub", LIA_ACTOR_TYPE_OTHER);
  g_autoptr(LiaActor) lone = make_actor ("Lone", LIA_ACTOR_TYPE_OTHER);

  lia_actor_graph_add_actor (graph, hub);
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("Leaf %u", i);
      g_autoptr(LiaActor) leaf = make_actor (name, LIA_ACTOR_TYPE_OTHER);
      g_autoptr(LiaRelationship) relationship = NULL;

      lia_actor_graph_add_actor (graph, leaf);
      relationship = add_link (graph, hub, leaf, LIA_RELATIONSHIP_COMMANDS, 1.0);
    }
  lia_actor_graph_add_actor (graph, lone);

  /* 6 nodes: the hub lies on all C(4,2) = 6 leaf pairs; 2·6/(5·4). */
  g_assert_cmpfloat_with_epsilon (lia_actor_graph_get_betweenness (graph, 0, FALSE), 0.6, 1e-12);
  g_assert_cmpfloat_with_epsilon (lia_actor_graph_get_betweenness (graph, 0, TRUE), 0.0, 1e-12);
  g_assert_cmpuint (lia_actor_graph_get_degree (graph, 0), ==, 4);
  g_assert_true (lia_actor_graph_is_isolated (graph, 5));
  g_assert_false (lia_actor_graph_is_isolated (graph, 1));
}

static void
test_communities (void)
{
  g_autoptr(LiaActorGraph) graph = lia_actor_graph_new ();
  g_autoptr(GPtrArray) actors = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relationships = g_ptr_array_new_with_free_func (g_object_unref);
  guint first[2];

  /* Two cliques of five joined by one weak relationship. */
  for (guint i = 0; i < 10; i++)
    {
      g_autofree char *name = g_strdup_printf ("Actor %u", i);

      g_ptr_array_add (actors, make_actor (name, LIA_ACTOR_TYPE_OTHER));
      lia_actor_graph_add_actor (graph, g_ptr_array_index (actors, i));
    }
  for (guint c = 0; c < 2; c++)
    for (guint i = 0; i < 5; i++)
      for (guint j = i + 1; j < 5; j++)
        g_ptr_array_add (relationships, add_link (graph, g_ptr_array_index (actors, 5 * c + i),
                                              g_ptr_array_index (actors, 5 * c + j),
                                              LIA_RELATIONSHIP_ALLIED_WITH, 0.9));
  g_ptr_array_add (relationships, add_link (graph, g_ptr_array_index (actors, 4), g_ptr_array_index (actors, 5),
                                        LIA_RELATIONSHIP_INFLUENCES, 0.1));

  lia_actor_graph_set_seed (graph, 42);
  g_assert_cmpuint (lia_actor_graph_get_n_communities (graph), ==, 2);
  for (guint c = 0; c < 2; c++)
    {
      first[c] = lia_actor_graph_get_community (graph, 5 * c);
      for (guint i = 1; i < 5; i++)
        g_assert_cmpuint (lia_actor_graph_get_community (graph, 5 * c + i), ==, first[c]);
    }
  g_assert_cmpuint (first[0], !=, first[1]);

  /* The same seed, the same groups. */
  lia_actor_graph_set_seed (graph, 42);
  g_assert_cmpuint (lia_actor_graph_get_community (graph, 0), ==, first[0]);
}

static void
test_reach (void)
{
  g_autoptr(LiaActorGraph) graph = lia_actor_graph_new ();
  g_autoptr(LiaActor) ocha = make_actor ("OCHA Korvania", LIA_ACTOR_TYPE_HUMANITARIAN);
  g_autoptr(LiaActor) a = make_actor ("Korvanian Armed Forces", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaActor) b = make_actor ("4th Brigade", LIA_ACTOR_TYPE_STATE_FORCES);
  g_autoptr(LiaActor) c = make_actor ("Tessaly Elders Council", LIA_ACTOR_TYPE_CIVIL_SOCIETY);
  g_autoptr(LiaActor) d = make_actor ("Blue Crescent Militia", LIA_ACTOR_TYPE_IDENTITY_MILITIA);
  g_autoptr(LiaActor) x = make_actor ("Northern Ridge Front", LIA_ACTOR_TYPE_REBEL_GROUP);
  g_autoptr(LiaRelationship) r1 = NULL, r2 = NULL, r3 = NULL, r4 = NULL, r5 = NULL, r6 = NULL;
  g_autoptr(GPtrArray) chains = NULL;
  g_autoptr(GError) error = NULL;
  const LiaReachChain *chain;

  lia_actor_graph_add_actor (graph, ocha);
  lia_actor_graph_add_actor (graph, a);
  lia_actor_graph_add_actor (graph, b);
  lia_actor_graph_add_actor (graph, c);
  lia_actor_graph_add_actor (graph, d);
  lia_actor_graph_add_actor (graph, x);
  r1 = add_link (graph, ocha, a, LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.9);
  r2 = add_link (graph, a, b, LIA_RELATIONSHIP_COMMANDS, 0.8);
  r3 = add_link (graph, b, x, LIA_RELATIONSHIP_INFLUENCES, 0.5);
  r4 = add_link (graph, ocha, c, LIA_RELATIONSHIP_LIAISON_CHANNEL, 0.6);
  r5 = add_link (graph, x, c, LIA_RELATIONSHIP_NEGOTIATES_WITH, 0.9);   /* read both ways */
  r6 = add_link (graph, d, x, LIA_RELATIONSHIP_HOSTILE_TO, 1.0);        /* never a lever */

  chains = lia_actor_graph_find_reach (graph, 5, LIA_ACTOR_GRAPH_NO_NODE, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chains->len, ==, 2);

  chain = g_ptr_array_index (chains, 0);
  g_assert_cmpfloat_with_epsilon (chain->strength, 0.54, 1e-12);
  g_assert_cmpstr (chain->explanation, ==,
                   "You (OCHA Korvania) have a liaison channel to Tessaly Elders Council; "
                   "Tessaly Elders Council negotiates with Northern Ridge Front. Strength of the chain: 54%.");

  chain = g_ptr_array_index (chains, 1);
  g_assert_cmpfloat_with_epsilon (chain->strength, 0.36, 1e-12);
  g_assert_cmpuint (chain->nodes->len, ==, 4);
  g_assert_cmpstr (chain->explanation, ==,
                   "You (OCHA Korvania) have a liaison channel to Korvanian Armed Forces; "
                   "Korvanian Armed Forces commands 4th Brigade; 4th Brigade influences Northern Ridge Front. "
                   "Strength of the chain: 36%.");
  g_clear_pointer (&chains, g_ptr_array_unref);

  /* From the army: only the chain of command. */
  chains = lia_actor_graph_find_reach (graph, 5, 1, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chains->len, ==, 1);
  g_assert_cmpfloat_with_epsilon (((LiaReachChain *) g_ptr_array_index (chains, 0))->strength, 0.4, 1e-12);
  g_clear_pointer (&chains, g_ptr_array_unref);

  /* Hostility does not reach the militia. */
  chains = lia_actor_graph_find_reach (graph, 4, LIA_ACTOR_GRAPH_NO_NODE, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (chains->len, ==, 0);
  g_clear_pointer (&chains, g_ptr_array_unref);

  g_assert_null (lia_actor_graph_find_reach (graph, 0, LIA_ACTOR_GRAPH_NO_NODE, 5, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
}

static LiaGraphLayout *
random_layout (guint   n,
               guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  LiaGraphLayout *layout = lia_graph_layout_new (n);

  for (guint i = 0; i < 2 * n; i++)
    lia_graph_layout_add_edge (layout, g_rand_int_range (rand, 0, n), g_rand_int_range (rand, 0, n));
  lia_graph_layout_set_seed (layout, seed);

  return layout;
}

static void
test_layout_deterministic (void)
{
  g_autoptr(LiaGraphLayout) a = random_layout (300, 5);
  g_autoptr(LiaGraphLayout) b = random_layout (300, 5);
  g_autoptr(LiaGraphLayout) c = random_layout (300, 6);
  g_autoptr(GError) error = NULL;
  gboolean differs = FALSE;

  g_assert_true (lia_graph_layout_run (a, NULL, &error));
  g_assert_true (lia_graph_layout_run (b, NULL, &error));
  g_assert_true (lia_graph_layout_run (c, NULL, &error));

  for (guint v = 0; v < 300; v++)
    {
      double ax, ay, bx, by, cx, cy;

      g_assert_true (lia_graph_layout_get_position (a, v, &ax, &ay));
      lia_graph_layout_get_position (b, v, &bx, &by);
      lia_graph_layout_get_position (c, v, &cx, &cy);
      g_assert_true (isfinite (ax) && isfinite (ay));
      g_assert_cmpfloat (ax, ==, bx);
      g_assert_cmpfloat (ay, ==, by);
      differs |= ax != cx || ay != cy;
    }
  g_assert_true (differs);
}

static void
test_layout_incremental (void)
{
  g_autoptr(LiaGraphLayout) first = random_layout (200, 3);
  g_autoptr(LiaGraphLayout) second = lia_graph_layout_new (201);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  double min_x = G_MAXDOUBLE, max_x = -G_MAXDOUBLE, moved = 0, px, py;

  g_assert_true (lia_graph_layout_run (first, NULL, &error));

  /* The same graph plus one actor linked to node 0; node 1 pinned. */
  for (guint i = 0; i < 400; i++)
    lia_graph_layout_add_edge (second, g_rand_int_range (rand, 0, 200), g_rand_int_range (rand, 0, 200));
  lia_graph_layout_add_edge (second, 200, 0);
  for (guint v = 0; v < 200; v++)
    {
      double x, y;

      lia_graph_layout_get_position (first, v, &x, &y);
      lia_graph_layout_set_position (second, v, x, y);
      min_x = MIN (min_x, x);
      max_x = MAX (max_x, x);
    }
  lia_graph_layout_set_pinned (second, 1, TRUE);
  g_assert_false (lia_graph_layout_get_position (second, 200, NULL, NULL));
  g_assert_true (lia_graph_layout_run (second, NULL, &error));

  for (guint v = 0; v < 200; v++)
    {
      double x0, y0, x1, y1;

      lia_graph_layout_get_position (first, v, &x0, &y0);
      lia_graph_layout_get_position (second, v, &x1, &y1);
      moved += hypot (x1 - x0, y1 - y0) / 200;
      if (v == 1)
        {
          g_assert_cmpfloat (x1, ==, x0);
          g_assert_cmpfloat (y1, ==, y0);
        }
    }

  /* Existing actors stay roughly where the reader saw them. */
  g_assert_cmpfloat (moved, <, (max_x - min_x) * 0.1);
  g_assert_true (lia_graph_layout_get_position (second, 200, &px, &py));
}

static void
layout_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (lia_graph_layout_run_finish (LIA_GRAPH_LAYOUT (source), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static void
test_layout_async (void)
{
  g_autoptr(LiaGraphLayout) sync = random_layout (150, 9);
  g_autoptr(LiaGraphLayout) async = random_layout (150, 9);
  g_autoptr(GError) error = NULL;
  gboolean done = FALSE;

  g_assert_true (lia_graph_layout_run (sync, NULL, &error));
  lia_graph_layout_run_async (async, NULL, layout_done, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  for (guint v = 0; v < 150; v++)
    {
      double ax, ay, bx, by;

      lia_graph_layout_get_position (sync, v, &ax, &ay);
      lia_graph_layout_get_position (async, v, &bx, &by);
      g_assert_cmpfloat (ax, ==, bx);
      g_assert_cmpfloat (ay, ==, by);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/actor-graph/centrality-networkx", test_centrality_networkx);
  g_test_add_func ("/actor-graph/star-betweenness", test_star_betweenness);
  g_test_add_func ("/actor-graph/communities", test_communities);
  g_test_add_func ("/actor-graph/reach", test_reach);
  g_test_add_func ("/graph-layout/deterministic", test_layout_deterministic);
  g_test_add_func ("/graph-layout/incremental", test_layout_incremental);
  g_test_add_func ("/graph-layout/async", test_layout_async);

  return g_test_run ();
}
