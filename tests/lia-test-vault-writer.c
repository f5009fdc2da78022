/* lia-test-vault-writer.c — writes actors to an encrypted store until killed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For test-vault-crash: each actor is committed through the same store code
 * as liaison-cli, then acknowledged with its id on stdout.  An id printed
 * is a write the store promised to keep.
 *
 * Usage: lia-test-vault-writer DATA_DIR PASSPHRASE RUN
 */
#include "config.h"

#include <stdio.h>

#include "liaison-core.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaVault) vault = NULL;
  g_autoptr(LiaStore) store = NULL;
  g_autofree char *path = NULL;

  if (argc != 4)
    {
      g_printerr ("Usage: %s DATA_DIR PASSPHRASE RUN\n", argv[0]);
      return 2;
    }

  path = g_build_filename (argv[1], LIA_STORE_FILENAME, NULL);
  if (!(vault = lia_vault_unlock (argv[1], argv[2], &error)) ||
      !(store = lia_store_open_encrypted (path, vault, NULL, &error)))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  for (guint i = 0; ; i++)
    {
      g_autofree char *name = g_strdup_printf ("crash-%s-%u", argv[3], i);
      g_autoptr(LiaActor) actor = lia_actor_new ("op-crash", name, LIA_ACTOR_TYPE_REBEL_GROUP);

      lia_actor_add_contact (actor, "Focal point", "phone", "+000-crash");
      if (!lia_store_save (store, LIA_RECORD (actor), &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }

      /* lia_store_save() committed (synchronous=FULL): acknowledge it. */
      printf ("%s\n", lia_record_get_uuid (LIA_RECORD (actor)));
      fflush (stdout);
    }
}
