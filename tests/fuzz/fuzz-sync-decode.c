/* fuzz-sync-decode.c — libFuzzer target for the sync push and pull decoders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built and run by build-aux/fuzz, never by the test-suite.  The first
 * byte picks what the rest is: raw bytes (the gzip layer is exercised) or
 * JSON text that is gzipped first (so that the fuzzer reaches the JSON and
 * the field checks instead of stopping at gzip checksums).  Whatever
 * decodes must survive encoding and decoding again unchanged.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "liaison-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check_same (GPtrArray *a,
            GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);

  for (guint i = 0; i < a->len; i++)
    g_assert_cmpint (lia_sync_change_compare (g_ptr_array_index (a, i),
                                              g_ptr_array_index (b, i)), ==, 0);
}

static void
fuzz_push (GBytes *input)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *device_id_again = NULL;
  gint64 batch_seq;
  gint64 batch_seq_again;

  if (!lia_sync_decode_push (input, &device_id, &batch_seq, &changes, &error))
    {
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      return;
    }

  encoded = lia_sync_encode_push (device_id, batch_seq, changes);
  g_assert_true (lia_sync_decode_push (encoded, &device_id_again, &batch_seq_again, &again, NULL));
  g_assert_cmpstr (device_id, ==, device_id_again);
  g_assert_cmpint (batch_seq, ==, batch_seq_again);
  check_same (changes, again);
}

static void
fuzz_pull (GBytes *input)
{
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *cursor_again = NULL;
  gboolean more;
  gboolean more_again;

  if (!lia_sync_decode_pull (input, &changes, &cursor, &more, &error))
    {
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      return;
    }

  encoded = lia_sync_encode_pull (changes, cursor, more);
  g_assert_true (lia_sync_decode_pull (encoded, &again, &cursor_again, &more_again, NULL));
  g_assert_cmpstr (cursor, ==, cursor_again);
  g_assert_cmpint (more, ==, more_again);
  check_same (changes, again);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) input = NULL;

  if (size == 0)
    return 0;

  if (data[0] & 1)
    input = g_bytes_new (data + 1, size - 1);
  else
    input = lia_sync_gzip ((const char *)data + 1, size - 1);

  if (data[0] & 2)
    fuzz_pull (input);
  else
    fuzz_push (input);

  return 0;
}
