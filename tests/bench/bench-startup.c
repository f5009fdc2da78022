/* bench-startup.c — time from process start to first frame: Liaison against
 * a bare GTK 4 window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-startup [--runs N] LIAISON-PROGRAM BARE-WINDOW-PROGRAM
 *
 * Each program prints g_get_monotonic_time() at its first frame and quits
 * (see bench-first-frame.c); the time from just before the spawn to then is
 * one sample.  The two programs take turns so that a noisy moment of the
 * machine hits both alike.
 */
#include "config.h"

#include "lia-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>

/* What start-up may cost over a bare window */
#define TARGET_RATIO 1.5

typedef struct
{
  const char *label;
  const char *path;
  GArray     *samples;  /* of double, in ms */
} Program;

static gboolean
run_once (const Program  *program,
          char          **envp,
          double         *ms,
          GError        **error)
{
  const char *argv[] = { program->path, NULL };
  g_autofree char *output = NULL;
  gint64 spawned;
  gint64 first_frame;
  int status;

  spawned = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error) ||
      !g_ascii_string_to_signed (g_strstrip (output), 10, spawned, G_MAXINT64,
                                 &first_frame, error))
    return FALSE;

  *ms = (first_frame - spawned) / 1000.0;

  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *sorted)
{
  guint n = sorted->len;

  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);

  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = NULL;
  g_autofree char *data_dir = NULL;
  Program programs[2];
  int runs = 10;
  int status = 0;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Samples per program (default 10)", "N" },
    { NULL }
  };

  context = g_option_context_new ("LIAISON-PROGRAM BARE-WINDOW-PROGRAM");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "Give the two programs to time, and at least one run.");
      return 2;
    }

  programs[0] = (Program) { "liaison", argv[1], g_array_new (FALSE, FALSE, sizeof (double)) };
  programs[1] = (Program) { "bare window", argv[2], g_array_new (FALSE, FALSE, sizeof (double)) };

  /* A data directory of its own, so that the store opens as on a used
   * installation after the warm-up run created it. */
  if (!(data_dir = g_dir_make_tmp ("liaison-bench-XXXXXX", &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  envp = g_environ_setenv (g_get_environ (), "LIAISON_DATA_DIR", data_dir, TRUE);

  /* Run 0 warms caches and creates the store; it is not counted. */
  for (int run = 0; run <= runs && status == 0; run++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
        {
          double ms;

          if (!run_once (&programs[i], envp, &ms, &error))
            {
              g_printerr ("%s: %s\n", programs[i].path, error->message);
              status = 1;
              break;
            }

          if (run > 0)
            g_array_append_val (programs[i].samples, ms);
        }
    }

  if (status == 0)
    {
      double medians[G_N_ELEMENTS (programs)];

      g_print ("Start-up to first frame, %d runs each, in ms\n", runs);
      g_print ("%-12s %8s %8s %8s\n", "", "median", "min", "max");

      for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
        {
          GArray *samples = programs[i].samples;

          g_array_sort (samples, compare_doubles);
          medians[i] = median (samples);
          g_print ("%-12s %8.1f %8.1f %8.1f\n",
                   programs[i].label, medians[i],
                   g_array_index (samples, double, 0),
                   g_array_index (samples, double, samples->len - 1));
        }

      g_print ("ratio of medians: %.2f (target < %.1f)\n", medians[0] / medians[1], TARGET_RATIO);
    }

  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    g_array_unref (programs[i].samples);
  lia_test_remove_tree (data_dir);

  return status;
}
