/* lia-test-hq.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "lia-test-hq.h"
#include "lia-test-util.h"

const char *
lia_test_hq_binary (void)
{
  const char *path = g_getenv ("LIAISON_HQ");

  g_assert_nonnull (path);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_EXECUTABLE));

  return path;
}

char *
lia_test_hq_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("liaison-hq-test-XXXXXX", &error);

  g_assert_no_error (error);

  return dir;
}

static gboolean
set_true (gpointer user_data)
{
  *(gboolean *)user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default main context until *done or timeout_ms pass. */
gboolean
lia_test_hq_spin_until (const gboolean *done,
                        guint           timeout_ms)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add (timeout_ms, set_true, &timed_out);
  while (!*done && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);

  return *done;
}

static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *)user_data = TRUE;
}

/* Waits for a process we started; kills it (by its own PID) if it does
 * not exit in time, so a hung daemon fails the test instead of leaking. */
gboolean
lia_test_hq_wait (GSubprocess *process,
                  guint        timeout_ms)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_subprocess_wait_async (process, cancellable, on_wait_done, &done);
  if (lia_test_hq_spin_until (&done, timeout_ms))
    return TRUE;

  g_subprocess_force_exit (process);
  g_cancellable_cancel (cancellable);
  lia_test_hq_spin_until (&done, LIA_TEST_HQ_STOP_TIMEOUT_MS);
  g_assert_true (done);

  return FALSE;
}

/* Runs liaison-hq to completion: exit status and both outputs. */
int
lia_test_hq_run (const char * const  *args,
                 char               **out,
                 char               **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stdout_buf = NULL;
  g_autofree char *stderr_buf = NULL;

  g_ptr_array_add (argv, (gpointer)lia_test_hq_binary ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *)argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &stdout_buf, &stderr_buf, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  if (out != NULL)
    *out = g_steal_pointer (&stdout_buf);
  if (err != NULL)
    *err = g_steal_pointer (&stderr_buf);

  return g_subprocess_get_exit_status (process);
}

typedef struct
{
  gboolean  done;
  char     *line;
} ReadLineData;

static void
on_line_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReadLineData *data = user_data;

  data->line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source),
                                                          result, NULL, NULL);
  data->done = TRUE;
}

static char *
read_line_with_timeout (GInputStream *stream,
                        guint         timeout_ms)
{
  g_autoptr(GDataInputStream) data_stream = g_data_input_stream_new (stream);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  ReadLineData data = { FALSE, NULL };

  /* The daemon keeps writing to this pipe after we are done reading. */
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (data_stream), FALSE);

  g_data_input_stream_read_line_async (data_stream, G_PRIORITY_DEFAULT, cancellable,
                                       on_line_read, &data);
  if (!lia_test_hq_spin_until (&data.done, timeout_ms))
    {
      g_cancellable_cancel (cancellable);
      lia_test_hq_spin_until (&data.done, LIA_TEST_HQ_STOP_TIMEOUT_MS);
    }

  return data.line;
}

/**
 * lia_test_hq_start:
 * @hq: a #LiaTestHq, zeroed or stopped
 * @extra_args: (nullable): more options for `serve`, such as
 *   `--insecure-http`
 *
 * Starts `liaison-hq serve --port 0` on 127.0.0.1 with @hq's database
 * (made in a new temporary folder the first time) and environment, and
 * reads its port from the one line it prints.
 */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

void
lia_test_hq_start (LiaTestHq          *hq,
                   const char * const *extra_args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  const char *url;
  const char *port;
  guint64 port_number = 0;

  if (hq->tmpdir == NULL)
    {
      hq->tmpdir = lia_test_hq_make_tmpdir ();
      hq->db_path = g_build_filename (hq->tmpdir, "hq.db", NULL);
    }

  g_ptr_array_add (argv, (gpointer)lia_test_hq_binary ());
  g_ptr_array_add (argv, (gpointer)"serve");
  g_ptr_array_add (argv, (gpointer)"--db");
  g_ptr_array_add (argv, hq->db_path);
  g_ptr_array_add (argv, (gpointer)"--listen");
  g_ptr_array_add (argv, (gpointer)"127.0.0.1");
  g_ptr_array_add (argv, (gpointer)"--port");
  g_ptr_array_add (argv, (gpointer)"0");
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  /* A test that aborts must not leave its daemon listening. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  if (hq->envp != NULL)
    g_subprocess_launcher_set_environ (launcher, hq->envp);
  hq->process = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);

  line = read_line_with_timeout (g_subprocess_get_stdout_pipe (hq->process), LIA_TEST_HQ_START_TIMEOUT_MS);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on "));
  g_assert_true (g_str_has_suffix (line, "/"));
  line[strlen (line) - 1] = '\0';

  url = line + strlen ("Listening on ");
  g_assert_true (g_str_has_prefix (url, "http://127.0.0.1:") || g_str_has_prefix (url, "https://127.0.0.1:"));
  port = strrchr (url, ':') + 1;
  g_assert_true (g_ascii_string_to_unsigned (port, 10, 1, G_MAXUINT16, &port_number, &error));
  g_assert_no_error (error);

  hq->port = port_number;
  g_free (hq->base_url);
  hq->base_url = g_strdup (url);
}

/* SIGTERM, then the clean-shutdown contract: exit 0 in time, and say so. */
void
lia_test_hq_stop (LiaTestHq *hq,
                  int        signum)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;

  g_subprocess_send_signal (hq->process, signum);
  g_assert_true (lia_test_hq_wait (hq->process, LIA_TEST_HQ_STOP_TIMEOUT_MS));

  /* The process is gone: what is left in the pipe is all it said. */
  g_subprocess_communicate_utf8 (hq->process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (hq->process) || g_subprocess_get_exit_status (hq->process) != 0)
    g_test_message ("liaison-hq said: %s", err);

  g_assert_true (g_subprocess_get_if_exited (hq->process));
  g_assert_cmpint (g_subprocess_get_exit_status (hq->process), ==, 0);
  g_assert_nonnull (strstr (err, "liaison-hq stopped"));

  g_clear_object (&hq->process);
}

/* SIGKILL: no clean-up at all, as in a power cut. */
void
lia_test_hq_kill (LiaTestHq *hq)
{
  g_subprocess_send_signal (hq->process, SIGKILL);
  g_assert_true (lia_test_hq_wait (hq->process, LIA_TEST_HQ_STOP_TIMEOUT_MS));
  g_assert_true (g_subprocess_get_if_signaled (hq->process));
  g_clear_object (&hq->process);
}

/* Stops a daemon a failed test left running and removes its folder. */
void
lia_test_hq_clear (LiaTestHq *hq)
{
  if (hq->process != NULL)
    {
      if (g_subprocess_get_identifier (hq->process) != NULL)
        {
          g_subprocess_force_exit (hq->process);
          lia_test_hq_wait (hq->process, LIA_TEST_HQ_STOP_TIMEOUT_MS);
        }
      g_clear_object (&hq->process);
    }

  if (hq->tmpdir != NULL)
    lia_test_remove_tree (hq->tmpdir);

  g_clear_pointer (&hq->tmpdir, g_free);
  g_clear_pointer (&hq->db_path, g_free);
  g_clear_pointer (&hq->base_url, g_free);
  g_clear_pointer (&hq->envp, g_strfreev);
}

/* A self-signed certificate for 127.0.0.1 in @dir, as a small HQ without a
 * public CA would have; FALSE if openssl is not installed. */
gboolean
lia_test_hq_make_certificate (const char  *dir,
                              char       **cert,
                              char       **key)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autoptr(GError) error = NULL;
  int status = -1;

  if (openssl == NULL)
    return FALSE;

  *cert = g_build_filename (dir, "cert.pem", NULL);
  *key = g_build_filename (dir, "key.pem", NULL);

  {
    const char *argv[] = { openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                           "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                           "-addext", "subjectAltName=IP:127.0.0.1",
                           "-keyout", *key, "-out", *cert, NULL };

    g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, NULL, NULL, &status, &error);
  }
  g_assert_no_error (error);

  return g_spawn_check_wait_status (status, NULL);
}
