/* test-vault-crash.c — an encrypted store survives kill -9 during writes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 200 times: start lia-test-vault-writer on the same encrypted folder, let
 * it acknowledge a random number of commits, kill it with SIGKILL at a
 * random moment, then unlock the folder, run PRAGMA integrity_check and
 * load every actor ever acknowledged.
 */
#include "config.h"

#include <signal.h>

#include "liaison-core.h"
#include "lia-store-private.h"
#include "lia-test-util.h"

#define PASSPHRASE "kill me softly"
#define N_RUNS     200

/* Reads @n acknowledgements, or all of them to the end with -1. */
static void
read_acks (GDataInputStream *in,
           GPtrArray        *acks,
           int               n)
{
  for (int i = 0; n < 0 || i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length = 0;
      char *line = g_data_input_stream_read_line (in, &length, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      /* A killed writer may leave half a line: that id was not promised. */
      if (length == 36)
        g_ptr_array_add (acks, line);
      else
        g_free (line);
    }
}

static void
check_store (const char *dir,
             GPtrArray  *acks)
{
  g_autofree char *path = g_build_filename (dir, LIA_STORE_FILENAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = lia_vault_unlock (dir, PASSPHRASE, &error);
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_no_error (error);
  store = lia_store_open_encrypted (path, vault, NULL, &error);
  g_assert_no_error (error);

  stmt = lia_db_prepare (lia_store_get_db (store), "PRAGMA integrity_check", NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");

  for (guint i = 0; i < acks->len; i++)
    {
      g_autoptr(LiaRecord) record = lia_store_load (store, g_ptr_array_index (acks, i), &error);

      g_assert_no_error (error);
      g_assert_nonnull (record);
    }
}

static void
test_kill_during_writes (void)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-vault-crash-XXXXXX", NULL);
  g_autofree char *writer = g_test_build_filename (G_TEST_BUILT, "lia-test-vault-writer", NULL);
  g_autoptr(GPtrArray) acks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  guint n_killed_mid_write = 0;
  gint64 start = g_get_monotonic_time ();

  vault = lia_vault_create (dir, PASSPHRASE, LIA_VAULT_KDF_TEST, &error);
  g_assert_no_error (error);
  g_clear_object (&vault);

  for (guint run = 0; run < N_RUNS; run++)
    {
      g_autofree char *run_str = g_strdup_printf ("%u", run);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GDataInputStream) in = NULL;
      guint before = acks->len;

      process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                  writer, dir, PASSPHRASE, run_str, NULL);
      g_assert_no_error (error);
      in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

      /* Some commits, then a kill at a random point of the next ones. */
      read_acks (in, acks, g_test_rand_int_range (0, 12));
      g_usleep (g_test_rand_int_range (0, 4000));
      g_subprocess_send_signal (process, SIGKILL);
      g_subprocess_wait (process, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (process));
      if (g_subprocess_get_term_sig (process) == SIGKILL)
        n_killed_mid_write++;

      /* Whatever it acknowledged before dying counts too. */
      read_acks (in, acks, -1);
      g_assert_cmpuint (acks->len, >=, before);

      check_store (dir, acks);
    }

  g_test_message ("%u runs killed, %u acknowledged writes all kept, %.1f s",
                  n_killed_mid_write, acks->len,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpuint (n_killed_mid_write, ==, N_RUNS);
  lia_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vault/crash/kill-during-writes", test_kill_during_writes);

  return g_test_run ();
}
