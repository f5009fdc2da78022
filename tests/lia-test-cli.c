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

/* Starts $LIAISON_CLI with $LIAISON_DATA_DIR set to @data_dir, so that a
 * test never touches the data of the person running it; the rest of the
 * environment (the build tree's guidance pack among it) is inherited, but
 * for proxies: the HQ of a test is on 127.0.0.1. */
GSubprocess *
lia_test_spawn_cli_argv (const char         *data_dir,
                         const char * const *args,
                         GSubprocessFlags    flags)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char * const proxies[] = {
    "http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
  };
  GSubprocess *process;

  g_ptr_array_add (argv, (gpointer) g_getenv ("LIAISON_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (flags);
  g_subprocess_launcher_setenv (launcher, "LIAISON_DATA_DIR", data_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (proxies); i++)
    g_subprocess_launcher_unsetenv (launcher, proxies[i]);

  process = g_subprocess_launcher_spawnv (launcher,
                                          (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);

  return process;
}

/* Runs liaison-cli to completion, as lia_test_spawn_cli_argv() starts it. */
LiaTestRun *
lia_test_run_cli_argv (const char         *data_dir,
                       const char * const *args)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  LiaTestRun *run = g_new0 (LiaTestRun, 1);

  process = lia_test_spawn_cli_argv (data_dir, args,
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);

  /* A crash or sanitizer abort is never an acceptable outcome. */
  if (!g_subprocess_get_if_exited (process))
    g_error ("liaison-cli %s was killed by signal %d; its stderr:\n%s",
             args[0], g_subprocess_get_term_sig (process), run->err);
  run->status = g_subprocess_get_exit_status (process);

  return run;
}
