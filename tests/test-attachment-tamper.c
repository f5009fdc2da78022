/* test-attachment-tamper.c — a sealed attachment changed on disk does not
 * open, and nothing of it comes back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On an encrypted store (the test passphrase), attachments of several
 * sizes around the 64 KiB chunk are stored, then their files are changed
 * behind the store's back: one byte flipped anywhere, cut short, extended,
 * swapped with another attachment's file, put under a name the data key
 * does not give.  Each must fail with a clear error and return no bytes.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "liaison-core.h"
#include "lia-test-store.h"
#include "lia-test-util.h"

#define CHUNK        (64 * 1024)
#define HEADER       (8 + 24)     /* magic, secretstream header */
#define ABYTES       17
#define CANARY       "Canary-Tamper-Photo-Olmira-9e21"

typedef struct
{
  char     *dir;
  LiaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("liaison-tamper-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->store = lia_test_open_store_in_dir (f->dir, NULL);
  g_assert_nonnull (lia_store_get_vault (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  lia_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Stores @size bytes (a canary, then a pattern told by @seed) and returns
 * their SHA-256. */
static char *
store_attachment (LiaStore *store,
                  gsize     size,
                  guint     seed,
                  GBytes  **out)
{
  guint8 *data = g_malloc (size);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *sha256;

  for (gsize i = 0; i < size; i++)
    data[i] = (guint8) (i * 31 + seed);
  memcpy (data, CANARY, MIN (size, strlen (CANARY)));
  bytes = g_bytes_new_take (data, size);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  lia_attachment_store (store, sha256, bytes, &error);
  g_assert_no_error (error);
  if (out != NULL)
    *out = g_bytes_ref (bytes);

  return sha256;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
write_file (const char *path,
            const void *data,
            gsize       length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, length, &error);
  g_assert_no_error (error);
}

/* Loading @sha256 fails as damaged, with no bytes, and sets the file
 * aside so that the next sync fetches it again (lia_attachment_has() is
 * then false).  The file is put back for the next step of the test. */
static void
assert_damaged (LiaStore   *store,
                const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lia_attachment_load (store, sha256, &error);
  g_autofree char *path = lia_attachment_get_path (store, sha256);
  g_autofree char *aside = g_strconcat (path, ".damaged", NULL);

  g_assert_null (bytes);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "damaged"));
  g_assert_null (strstr (error->message, CANARY));

  g_assert_false (lia_attachment_has (store, sha256));
  g_assert_true (g_file_test (aside, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_rename (aside, path), ==, 0);
}

static void
assert_not_found (LiaStore   *store,
                  const char *sha256)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lia_attachment_load (store, sha256, &error);

  g_assert_null (bytes);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_assert_false (lia_attachment_has (store, sha256));
}

static void
assert_loads (LiaStore   *store,
              const char *sha256,
              GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lia_attachment_load (store, sha256, &error);

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (bytes, expected));
}

/* The file is sealed: no canary, not the plaintext's size, not its name. */
static void
test_sealed (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *sha256 = store_attachment (f->store, 3 * CHUNK + 5, 1, &plain);
  g_autofree char *path = lia_attachment_get_path (f->store, sha256);
  g_autoptr(GBytes) sealed = read_file (path);
  gsize size;
  const char *bytes = g_bytes_get_data (sealed, &size);

  g_assert_null (strstr (path, sha256));
  g_assert_cmpuint (size, ==, HEADER + 3 * CHUNK + 5 + 4 * ABYTES);
  g_assert_null (g_strstr_len (bytes, size, CANARY));
  for (gsize i = 0; i + strlen (CANARY) <= size; i++)
    g_assert_false (memcmp (bytes + i, CANARY, strlen (CANARY)) == 0);
  assert_loads (f->store, sha256, plain);
}

/* One byte flipped anywhere: in the magic, the header, a chunk, a tag, the
 * last byte.  Each time nothing comes back, then the file is put back and
 * opens again. */
static void
test_flip_byte (Fixture       *f,
                gconstpointer  data)
{
  const gsize sizes[] = { 1, 100, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 300 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GBytes) plain = NULL;
      g_autofree char *sha256 = store_attachment (f->store, sizes[s], s, &plain);
      g_autofree char *path = lia_attachment_get_path (f->store, sha256);
      g_autoptr(GBytes) sealed = read_file (path);
      gsize size;
      const guint8 *orig = g_bytes_get_data (sealed, &size);
      g_autofree guint8 *copy = g_memdup2 (orig, size);
      gsize positions[] = {
        0, 7, 8, HEADER - 1, HEADER, HEADER + 1, HEADER + sizes[s] / 2,
        /* the tag of the first chunk, the start of the second */
        MIN (HEADER + CHUNK + ABYTES - 1, size - 1), MIN (HEADER + CHUNK + ABYTES, size - 1),
        size - ABYTES, size - 2, size - 1,
      };

      for (guint p = 0; p < G_N_ELEMENTS (positions); p++)
        {
          for (guint bit = 0; bit < 8; bit += 7)
            {
              copy[positions[p]] ^= 1 << bit;
              write_file (path, copy, size);
              assert_damaged (f->store, sha256);
              copy[positions[p]] ^= 1 << bit;
            }
        }

      write_file (path, copy, size);
      assert_loads (f->store, sha256, plain);
    }
}

/* Cut short anywhere, a chunk dropped at its boundary, or extended. */
static void
test_truncate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *sha256 = store_attachment (f->store, 2 * CHUNK + 300, 7, &plain);
  g_autofree char *path = lia_attachment_get_path (f->store, sha256);
  g_autoptr(GBytes) sealed = read_file (path);
  gsize size;
  const guint8 *orig = g_bytes_get_data (sealed, &size);
  g_autofree guint8 *longer = g_malloc0 (size + CHUNK + ABYTES);
  const gsize lengths[] = {
    0, 1, 8, HEADER - 1, HEADER, HEADER + ABYTES - 1, HEADER + ABYTES, HEADER + 1000,
    /* exactly one or two whole chunks: the cut falls on a boundary */
    HEADER + CHUNK + ABYTES, HEADER + 2 * (CHUNK + ABYTES),
    size - ABYTES, size - 1,
  };

  for (guint i = 0; i < G_N_ELEMENTS (lengths); i++)
    {
      write_file (path, orig, lengths[i]);
      assert_damaged (f->store, sha256);
    }

  /* Bytes added after the final chunk: zeros, a copy of the last chunk. */
  memcpy (longer, orig, size);
  write_file (path, longer, size + 1);
  assert_damaged (f->store, sha256);
  memcpy (longer + size, orig + size - (300 + ABYTES), 300 + ABYTES);
  write_file (path, longer, size + 300 + ABYTES);
  assert_damaged (f->store, sha256);

  write_file (path, orig, size);
  assert_loads (f->store, sha256, plain);
}

/* Swapping two files (each renamed onto the other's name), or one
 * renamed onto the other's: the SHA-256 in the associated data tells. */
static void
test_swap (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GBytes) plain_a = NULL;
  g_autoptr(GBytes) plain_b = NULL;
  g_autofree char *sha_a = store_attachment (f->store, CHUNK + 10, 1, &plain_a);
  g_autofree char *sha_b = store_attachment (f->store, CHUNK + 10, 2, &plain_b);
  g_autofree char *path_a = lia_attachment_get_path (f->store, sha_a);
  g_autofree char *path_b = lia_attachment_get_path (f->store, sha_b);
  g_autofree char *path_tmp = g_strconcat (path_a, ".swap", NULL);

  g_assert_cmpstr (path_a, !=, path_b);

  g_assert_cmpint (g_rename (path_a, path_tmp), ==, 0);
  g_assert_cmpint (g_rename (path_b, path_a), ==, 0);
  g_assert_cmpint (g_rename (path_tmp, path_b), ==, 0);
  assert_damaged (f->store, sha_a);
  assert_damaged (f->store, sha_b);

  /* Swapped back, both open. */
  g_assert_cmpint (g_rename (path_a, path_tmp), ==, 0);
  g_assert_cmpint (g_rename (path_b, path_a), ==, 0);
  g_assert_cmpint (g_rename (path_tmp, path_b), ==, 0);
  assert_loads (f->store, sha_a, plain_a);
  assert_loads (f->store, sha_b, plain_b);

  /* A's file renamed onto B's name: B does not open, A is gone. */
  g_assert_cmpint (g_rename (path_a, path_b), ==, 0);
  assert_damaged (f->store, sha_b);
  assert_not_found (f->store, sha_a);
}

/* A file under a name the data key does not give is not found: the clear
 * name, or another folder's keyed name (and another key's file under this
 * folder's name does not open). */
static void
test_foreign_name (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *other_dir = g_build_filename (f->dir, "other", NULL);
  g_autoptr(LiaStore) other = lia_test_open_store_in_dir (other_dir, NULL);
  g_autoptr(GBytes) plain = NULL;
  g_autofree char *sha256 = store_attachment (other, 5000, 3, &plain);
  g_autofree char *other_path = lia_attachment_get_path (other, sha256);
  g_autofree char *path = lia_attachment_get_path (f->store, sha256);
  g_autofree char *attachments = g_path_get_dirname (path);
  g_autofree char *clear_name = g_build_filename (attachments, sha256, NULL);
  g_autofree char *other_name = NULL;
  g_autoptr(GBytes) sealed = read_file (other_path);
  g_autofree char *base = g_path_get_basename (other_path);
  g_autoptr(GError) error = NULL;

  /* Two folders, two data keys: two names for the same attachment. */
  g_assert_cmpstr (path, !=, other_path);
  g_assert_cmpint (g_mkdir_with_parents (attachments, 0700), ==, 0);
  assert_not_found (f->store, sha256);

  other_name = g_build_filename (attachments, base, NULL);
  write_file (other_name, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  assert_not_found (f->store, sha256);

  write_file (clear_name, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  assert_not_found (f->store, sha256);

  /* Under this folder's name, another key's file does not open. */
  write_file (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed));
  g_assert_true (lia_attachment_has (f->store, sha256));
  assert_damaged (f->store, sha256);

  /* Nor does the plaintext, which hashes right but is not sealed. */
  write_file (path, g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  assert_damaged (f->store, sha256);

  /* Storing the attachment again (as sync does) replaces the damaged file. */
  lia_attachment_store (f->store, sha256, plain, &error);
  g_assert_no_error (error);
  assert_loads (f->store, sha256, plain);
  assert_loads (other, sha256, plain);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/attachments/tamper/sealed", test_sealed);
  ADD ("/attachments/tamper/flip-byte", test_flip_byte);
  ADD ("/attachments/tamper/truncate", test_truncate);
  ADD ("/attachments/tamper/swap", test_swap);
  ADD ("/attachments/tamper/foreign-name", test_foreign_name);
#undef ADD

  return g_test_run ();
}
