/* lia-test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE   /* memmem() */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lia-test-util.h"

/* Removes a temporary folder a test made, and everything in it, without
 * following symbolic links out of it. */
void
lia_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    dir = g_dir_open (path, 0, NULL);

  while (dir != NULL && (name = g_dir_read_name (dir)))
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      lia_test_remove_tree (child);
    }

  g_remove (path);
}

/* The files under @dir (in its subfolders too, not following symbolic
 * links) whose bytes hold @needle; each is named in a test message.  A
 * missing @dir holds none.  For canaries: what must not be on disk. */
guint
lia_test_count_files_holding (const char *dir,
                              const char *needle)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint hits = 0;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        hits += lia_test_count_files_holding (path, needle);
      else if (g_file_get_contents (path, &contents, &length, NULL) &&
               memmem (contents, length, needle, strlen (needle)) != NULL)
        {
          g_test_message ("found in %s", path);
          hits++;
        }
    }

  return hits;
}

/* Returns: (transfer full): the SHA-256 of the file at @path, in hex */
char *
lia_test_file_sha256 (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}
