/* bench-startup.c — time from process start to first frame: Liaison against
 * a bare GTK 4 window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-startup [--runs N] LIAISON-PROGRAM BARE-WINDOW-PROGRAM
 *
 * Each program prints g_get_monotonic_time() at its first frame and quits
 * (see bench-first-frame.c); the time from just before the spawn to then is
 * one sample.  Liaison's first frame is its unlock screen.  The programs
 * take turns so that a noisy moment of the machine hits all alike.
 *
 * A third series runs Liaison with LIAISON_BENCH_UNLOCK=1: it unlocks at
 * its first frame and prints when it started and when the pages were
 * first drawn; that difference is the sample.  With LIAISON_VAULT_KDF=test
 * (as meson runs it) Argon2id costs nothing: what is left is opening the
 * store and building the pages.  The Argon2id time of the real levels is
 * bench-unlock's.
 */
#include "config.h"

#include "lia-test-util.h"

#include <glib.h>
#include <glib/gstdio.h>

/* What start-up may cost over a bare window */
#define TARGET_RATIO 1.5

typedef struct
{
  const char  *label;
  const char  *path;
  char       **envp;
  GArray      *samples;  /* of double, in ms */
} Program;

/* One time, after the spawn: the first frame; or two: a start and an end */
static gboolean
run_once (const Program  *program,
          double         *ms,
          GError        **error)
{
  const char *argv[] = { program->path, NULL };
  g_autofree char *output = NULL;
  g_auto(GStrv) times = NULL;
  gint64 spawned;
  gint64 start;
  gint64 end;
  int status;

  spawned = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, program->envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  times = g_strsplit (g_strstrip (output), " ", 2);
  start = spawned;
  if (times[1] != NULL &&
      !g_ascii_string_to_signed (times[0], 10, spawned, G_MAXINT64, &start, error))
    return FALSE;
  if (!g_ascii_string_to_signed (times[times[1] != NULL ? 1 : 0], 10, start, G_MAXINT64, &end, error))
    return FALSE;

  *ms = (end - start) / 1000.0;

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
  g_auto(GStrv) unlock_envp = NULL;
  g_autofree char *data_dir = NULL;
  Program programs[3];
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

  /* A data directory of its own, so that Liaison shows the unlock screen
   * of a used installation after the warm-up run created it (the unlock
   * series runs first). */
  if (!(data_dir = g_dir_make_tmp ("liaison-bench-XXXXXX", &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  envp = g_environ_setenv (g_get_environ (), "LIAISON_DATA_DIR", data_dir, TRUE);
  unlock_envp = g_environ_setenv (g_strdupv (envp), "LIAISON_BENCH_UNLOCK", "1", TRUE);

  programs[0] = (Program) { "unlock, pages", argv[1], unlock_envp, g_array_new (FALSE, FALSE, sizeof (double)) };
  programs[1] = (Program) { "liaison", argv[1], envp, g_array_new (FALSE, FALSE, sizeof (double)) };
  programs[2] = (Program) { "bare window", argv[2], envp, g_array_new (FALSE, FALSE, sizeof (double)) };

  /* Run 0 warms caches and creates the store; it is not counted. */
  for (int run = 0; run <= runs && status == 0; run++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
        {
          double ms;

          if (!run_once (&programs[i], &ms, &error))
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

      for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
        {
          g_array_sort (programs[i].samples, compare_doubles);
          medians[i] = median (programs[i].samples);
        }

      g_print ("Start-up to first frame (Liaison: its unlock screen), %d runs each, in ms\n", runs);
      g_print ("%-14s %8s %8s %8s\n", "", "median", "min", "max");
      for (guint i = 1; i < G_N_ELEMENTS (programs); i++)
        g_print ("%-14s %8.1f %8.1f %8.1f\n",
                 programs[i].label, medians[i],
                 g_array_index (programs[i].samples, double, 0),
                 g_array_index (programs[i].samples, double, programs[i].samples->len - 1));
      g_print ("ratio of medians: %.2f (target < %.1f)\n", medians[1] / medians[2], TARGET_RATIO);

      g_print ("\nUnlock to the first frame of the pages (LIAISON_VAULT_KDF=%s; Argon2id: bench-unlock), in ms\n",
               g_getenv ("LIAISON_VAULT_KDF") != NULL ? g_getenv ("LIAISON_VAULT_KDF") : "default");
      g_print ("%-14s %8.1f %8.1f %8.1f\n",
               programs[0].label, medians[0],
               g_array_index (programs[0].samples, double, 0),
               g_array_index (programs[0].samples, double, programs[0].samples->len - 1));
    }

  for (guint i = 0; i < G_N_ELEMENTS (programs); i++)
    g_array_unref (programs[i].samples);
  lia_test_remove_tree (data_dir);

  return status;
}
