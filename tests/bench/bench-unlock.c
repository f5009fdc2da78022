/* bench-unlock.c — how long unlocking an encrypted data folder takes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unlocking is one Argon2id derivation (the cost an attacker pays for every
 * passphrase guessed) plus opening the store.  Prints the median of a few
 * unlocks for each work level of LiaVaultKdf.
 */
#include "config.h"

#include "liaison-core.h"
#include "lia-test-util.h"

#define N_TRIES 5

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
measure (LiaVaultKdf  kdf,
         const char  *label)
{
  g_autofree char *dir = g_dir_make_tmp ("liaison-bench-unlock-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, LIA_STORE_FILENAME, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) created = NULL;
  double unlock_ms[N_TRIES], open_ms[N_TRIES];

  created = lia_vault_create (dir, "a passphrase of several words", kdf, &error);
  g_assert_no_error (error);
  g_clear_object (&created);

  for (guint i = 0; i < N_TRIES; i++)
    {
      g_autoptr(LiaVault) vault = NULL;
      g_autoptr(LiaStore) store = NULL;
      gint64 start = g_get_monotonic_time ();
      gint64 unlocked;

      vault = lia_vault_unlock (dir, "a passphrase of several words", &error);
      g_assert_no_error (error);
      unlocked = g_get_monotonic_time ();
      store = lia_store_open_encrypted (path, vault, NULL, &error);
      g_assert_no_error (error);

      unlock_ms[i] = (unlocked - start) / 1000.0;
      open_ms[i] = (g_get_monotonic_time () - unlocked) / 1000.0;
    }

  qsort (unlock_ms, N_TRIES, sizeof (double), compare_doubles);
  qsort (open_ms, N_TRIES, sizeof (double), compare_doubles);
  g_print ("%-34s unlock (Argon2id) median %7.1f ms (min %7.1f, max %7.1f); store open %5.1f ms\n",
           label, unlock_ms[N_TRIES / 2], unlock_ms[0], unlock_ms[N_TRIES - 1], open_ms[N_TRIES / 2]);

  lia_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_print ("Median of %d unlocks of an encrypted data folder:\n", N_TRIES);
  measure (LIA_VAULT_KDF_MODERATE, "default (ops 3, 256 MiB)");
  measure (LIA_VAULT_KDF_INTERACTIVE, "interactive (ops 2, 64 MiB)");
  measure (LIA_VAULT_KDF_TEST, "test only (ops 1, 8 KiB)");

  return 0;
}
