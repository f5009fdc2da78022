/* lia-test-cli.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-cli.h"

void
lia_test_run_free (LiaTestRun *run)
{
  g_free (run->out);
  g_free (run->err);
  g_free (run);
}

/* Runs $LIAISON_CLI with $LIAISON_DATA_DIR set to @data_dir, so that a test
 * never touches the data of the person running it; the rest of the
 * environment (the build tree's guidance pack among it) is inherited. */
LiaTestRun *
lia_test_run_cli_argv (const char         *data_dir,
                       const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  LiaTestRun *run = g_new0 (LiaTestRun, 1);

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LIAISON_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);

  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  /* A crash or sanitizer abort is never an acceptable outcome. */
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  return run;
}
