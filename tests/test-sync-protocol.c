/* test-sync-protocol.c — the push and pull codec shared by devices and HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "liaison-core.h"

#define DEVICE_A "6f1c2a3e-0b7d-4c55-9e61-2d8f0a7b9c11"
#define DEVICE_B "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d"

static LiaSyncChange *
make_change (const char     *uuid,
             const char     *record_type,
             const char     *operation,
             LiaSensitivity  sensitivity,
             gint64          revision,
             const char     *author_device,
             const char     *changed_at,
             gboolean        tombstone,
             const char     *body,
             gint64          seq)
{
  LiaSyncChange *change = g_new0 (LiaSyncChange, 1);

  change->uuid = g_strdup (uuid);
  change->record_type = g_strdup (record_type);
  change->operation = g_strdup (operation);
  change->sensitivity = sensitivity;
  change->revision = revision;
  change->author_device = g_strdup (author_device);
  change->changed_at = g_strdup (changed_at);
  change->tombstone = tombstone;
  change->body = g_strdup (body);
  change->seq = seq;

  return change;
}

static void
replace_str (char       **field,
             const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

static GPtrArray *
sample_changes (void)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_sync_change_free);

  g_ptr_array_add (changes,
                   make_change ("0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b", "actor", "op-korvania",
                                LIA_SENSITIVITY_CONFIDENTIAL, 3, DEVICE_A,
                                "2026-11-29T10:00:00.000000Z", FALSE,
                                "{\"name\":\"قائد اللواء الثالث\",\"aliases\":[\"Brigade 3\",\"اللواء\"],"
                                "\"contact\":{\"phone\":\"+000 111\",\"note\":\"ﻻ تتصل ليلاً\"}}",
                                17));
  g_ptr_array_add (changes,
                   make_change ("1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", "site-notification", "op-korvania",
                                LIA_SENSITIVITY_PUBLIC, 1, DEVICE_A,
                                "2026-11-29T10:00:01.123456Z", FALSE,
                                "{\"site\":\"École de Tarvik\",\"lat\":12.5,\"lon\":-3.25,\"ok\":true,\"n\":null}",
                                18));
  g_ptr_array_add (changes,
                   make_change ("2d3e4f5a-6b7c-4d8e-9fa0-1b2c3d4e5f60", "guidance-pack", "*",
                                LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL, 12, DEVICE_B,
                                "2026-12-01T23:59:59.999999Z", TRUE, "{}", 19));

  return changes;
}

static void
assert_same_change (const LiaSyncChange *a,
                    const LiaSyncChange *b)
{
  g_autoptr(JsonNode) body_a = json_from_string (a->body, NULL);
  g_autoptr(JsonNode) body_b = json_from_string (b->body, NULL);

  g_assert_cmpstr (a->uuid, ==, b->uuid);
  g_assert_cmpstr (a->record_type, ==, b->record_type);
  g_assert_cmpstr (a->operation, ==, b->operation);
  g_assert_cmpint (a->sensitivity, ==, b->sensitivity);
  g_assert_cmpint (a->revision, ==, b->revision);
  g_assert_cmpstr (a->author_device, ==, b->author_device);
  g_assert_cmpstr (a->changed_at, ==, b->changed_at);
  g_assert_cmpint (a->tombstone, ==, b->tombstone);
  g_assert_cmpint (a->seq, ==, b->seq);
  g_assert_nonnull (body_a);
  g_assert_nonnull (body_b);
  g_assert_true (json_node_equal (body_a, body_b));
}

static GBytes *
gzip_text (const char *text)
{
  return lia_sync_gzip (text, strlen (text));
}

static char *
gunzip_to_text (GBytes *gzipped)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = lia_sync_gunzip (gzipped, LIA_SYNC_MAX_BODY, &error);
  gsize len;
  const char *data;

  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &len);

  return g_strndup (data, len);
}

/* ---- gzip ------------------------------------------------------------------ */

static void
test_gzip_round_trip (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) gzipped = NULL;
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GError) error = NULL;
  const guint8 *data;
  gsize len;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (text, "{\"n\":%u,\"text\":\"مرحبا بالعالم — héllo\"},", i);

  gzipped = lia_sync_gzip (text->str, text->len);
  data = g_bytes_get_data (gzipped, &len);
  /* The gzip magic, and a real saving on repetitive JSON. */
  g_assert_cmpuint (len, >, 2);
  g_assert_cmpuint (data[0], ==, 0x1f);
  g_assert_cmpuint (data[1], ==, 0x8b);
  g_assert_cmpuint (len, <, text->len / 10);

  plain = lia_sync_gunzip (gzipped, text->len, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (plain, &len);
  g_assert_cmpmem (data, len, text->str, text->len);

  /* One byte under the real size is refused. */
  g_clear_pointer (&plain, g_bytes_unref);
  plain = lia_sync_gunzip (gzipped, text->len - 1, &error);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_null (plain);

  /* Empty input compresses and comes back empty. */
  {
    g_autoptr(GBytes) empty = lia_sync_gzip ("", 0);
    g_autoptr(GBytes) back = lia_sync_gunzip (empty, 0, NULL);

    g_assert_nonnull (back);
    g_assert_cmpuint (g_bytes_get_size (back), ==, 0);
  }
}

static void
test_gzip_bomb (void)
{
  gsize size = 64 * 1024 * 1024;
  g_autofree char *zeros = g_malloc0 (size);
  g_autoptr(GBytes) bomb = lia_sync_gzip (zeros, size);
  g_autoptr(GError) error = NULL;
  char *device_id = NULL;
  gint64 batch_seq = 0;
  GPtrArray *changes = NULL;

  /* 64 MiB of zeros fits in well under the limit compressed… */
  g_assert_cmpuint (g_bytes_get_size (bomb), <, 128 * 1024);

  /* …and is refused once it decompresses past it, both directly and in
   * a decoder. */
  g_assert_null (lia_sync_gunzip (bomb, LIA_SYNC_MAX_BODY, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "8.0"));
  g_assert_nonnull (strstr (error->message, "MiB"));
  g_clear_error (&error);

  g_assert_false (lia_sync_decode_push (bomb, &device_id, &batch_seq, &changes, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_null (device_id);
  g_assert_null (changes);
}

static void
test_gunzip_bad_input (void)
{
  g_autoptr(GBytes) good = gzip_text ("{\"protocol\":1}");
  gsize len;
  const guint8 *data = g_bytes_get_data (good, &len);
  struct {
    const char *what;
    GBytes     *bytes;
  } cases[] = {
    { "empty", g_bytes_new ("", 0) },
    { "plain text", g_bytes_new_static ("{\"protocol\":1}", 14) },
    { "truncated", g_bytes_new (data, len - 6) },
    { "header only", g_bytes_new (data, 10) },
    { "trailing data", NULL },
    { "bad checksum", NULL },
  };

  {
    g_autofree guint8 *trailing = g_malloc (len + 3);

    memcpy (trailing, data, len);
    memcpy (trailing + len, "xyz", 3);
    cases[4].bytes = g_bytes_new (trailing, len + 3);
  }
  {
    g_autofree guint8 *corrupt = g_memdup2 (data, len);

    corrupt[len - 8] ^= 0xff;
    cases[5].bytes = g_bytes_new (corrupt, len);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) out = NULL;

      g_test_message ("%s", cases[i].what);
      out = lia_sync_gunzip (cases[i].bytes, LIA_SYNC_MAX_BODY, &error);
      g_assert_null (out);
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_bytes_unref (cases[i].bytes);
    }
}

/* ---- round trips ----------------------------------------------------------- */

static void
test_push_round_trip (void)
{
  g_autoptr(GPtrArray) changes = sample_changes ();
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(GBytes) gzipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  g_autofree char *text = NULL;
  gint64 batch_seq = 0;

  gzipped = lia_sync_encode_push (DEVICE_A, 42, changes);
  g_assert_nonnull (gzipped);

  /* What travels is the documented JSON, Arabic kept as UTF-8. */
  text = gunzip_to_text (gzipped);
  g_assert_nonnull (strstr (text, "\"protocol\":1"));
  g_assert_nonnull (strstr (text, "\"batch_seq\":42"));
  g_assert_nonnull (strstr (text, "قائد اللواء الثالث"));

  g_assert_true (lia_sync_decode_push (gzipped, &device_id, &batch_seq, &decoded, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (device_id, ==, DEVICE_A);
  g_assert_cmpint (batch_seq, ==, 42);
  g_assert_cmpuint (decoded->len, ==, changes->len);

  for (guint i = 0; i < changes->len; i++)
    assert_same_change (g_ptr_array_index (changes, i), g_ptr_array_index (decoded, i));

  /* Decoding is stable: encoding what was decoded gives the same bytes. */
  {
    g_autoptr(GBytes) again = lia_sync_encode_push (device_id, batch_seq, decoded);
    g_autofree char *again_text = gunzip_to_text (again);

    g_assert_cmpstr (again_text, ==, text);
  }
}

static void
test_push_empty (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new ();
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(GBytes) gzipped = lia_sync_encode_push (DEVICE_B, 1, changes);
  g_autofree char *device_id = NULL;
  gint64 batch_seq = 0;

  g_assert_true (lia_sync_decode_push (gzipped, &device_id, &batch_seq, &decoded, NULL));
  g_assert_cmpuint (decoded->len, ==, 0);
  g_assert_cmpint (batch_seq, ==, 1);
}

static void
test_push_full_batch (void)
{
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_sync_change_free);
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(GBytes) gzipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  gint64 batch_seq = 0;

  for (guint i = 0; i < LIA_SYNC_MAX_BATCH_CHANGES; i++)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      g_autofree char *body = g_strdup_printf ("{\"i\":%u,\"text\":\"ملاحظة رقم %u\"}", i, i);

      g_ptr_array_add (changes, make_change (uuid, "note", "op-korvania", LIA_SENSITIVITY_RESTRICTED,
                                             1, DEVICE_A, "2026-11-29T10:00:00.000000Z", FALSE,
                                             body, i + 1));
    }

  gzipped = lia_sync_encode_push (DEVICE_A, 7, changes);
  g_assert_true (lia_sync_decode_push (gzipped, &device_id, &batch_seq, &decoded, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (decoded->len, ==, LIA_SYNC_MAX_BATCH_CHANGES);
  assert_same_change (g_ptr_array_index (changes, 499), g_ptr_array_index (decoded, 499));
}

static void
test_pull_round_trip (void)
{
  g_autoptr(GPtrArray) changes = sample_changes ();
  g_autoptr(GPtrArray) decoded = NULL;
  g_autoptr(GBytes) gzipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  gboolean more = FALSE;

  gzipped = lia_sync_encode_pull (changes, "1234", TRUE);
  g_assert_true (lia_sync_decode_pull (gzipped, &decoded, &cursor, &more, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cursor, ==, "1234");
  g_assert_true (more);
  g_assert_cmpuint (decoded->len, ==, 3);
  for (guint i = 0; i < changes->len; i++)
    assert_same_change (g_ptr_array_index (changes, i), g_ptr_array_index (decoded, i));

  /* The last page: nothing more. */
  {
    g_autoptr(GPtrArray) none = g_ptr_array_new ();
    g_autoptr(GPtrArray) decoded_none = NULL;
    g_autoptr(GBytes) last = lia_sync_encode_pull (none, "1234", FALSE);
    g_autofree char *same_cursor = NULL;

    more = TRUE;
    g_assert_true (lia_sync_decode_pull (last, &decoded_none, &same_cursor, &more, &error));
    g_assert_no_error (error);
    g_assert_false (more);
    g_assert_cmpuint (decoded_none->len, ==, 0);
    g_assert_cmpstr (same_cursor, ==, "1234");
  }

  /* A push is not a pull, and the other way round. */
  {
    g_autoptr(GBytes) push = lia_sync_encode_push (DEVICE_A, 1, changes);
    g_autoptr(GPtrArray) wrong = NULL;
    g_autofree char *wrong_cursor = NULL;
    g_autofree char *device_id = NULL;
    gint64 batch_seq;

    g_assert_false (lia_sync_decode_pull (push, &wrong, &wrong_cursor, &more, &error));
    g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
    g_clear_error (&error);

    g_assert_false (lia_sync_decode_push (gzipped, &device_id, &batch_seq, &wrong, &error));
    g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  }
}

/* ---- malformed input ------------------------------------------------------- */

/* A valid push with one change, as a tree to break in one place. */
static JsonNode *
valid_push_tree (guint n_changes)
{
  g_autoptr(GString) json = g_string_new ("{\"protocol\":1,\"device_id\":\"" DEVICE_A "\","
                                          "\"batch_seq\":5,\"changes\":[");

  for (guint i = 0; i < n_changes; i++)
    g_string_append_printf (json,
                            "%s{\"uuid\":\"0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b\",\"record_type\":\"actor\","
                            "\"operation\":\"op-korvania\",\"sensitivity\":\"restricted\",\"revision\":2,"
                            "\"author_device\":\"" DEVICE_A "\",\"changed_at\":\"2026-11-29T10:00:00.000000Z\","
                            "\"tombstone\":false,\"body\":{\"name\":\"x\"},\"seq\":%u}",
                            i > 0 ? "," : "", i + 1);
  g_string_append (json, "]}");

  return json_from_string (json->str, NULL);
}

typedef struct
{
  const char *member;     /* in changes[0], or at the top with a leading “/” */
  const char *value;      /* JSON to put there; NULL removes the member */
  const char *mentions;   /* what the error message must name */
} Breakage;

static const Breakage push_breakages[] = {
  { "uuid", NULL, "changes[0].uuid" },
  { "uuid", "\"not-a-uuid\"", "changes[0].uuid" },
  { "uuid", "42", "changes[0].uuid" },
  { "uuid", "\"0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3\"", "changes[0].uuid" },
  { "record_type", NULL, "changes[0].record_type" },
  { "record_type", "\"\"", "changes[0].record_type" },
  { "record_type", "\"Actor\"", "changes[0].record_type" },
  { "record_type", "\"actor; DROP TABLE records\"", "changes[0].record_type" },
  { "record_type", "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", "changes[0].record_type" },
  { "operation", NULL, "changes[0].operation" },
  { "operation", "\"\"", "changes[0].operation" },
  { "operation", "\"../op\"", "changes[0].operation" },
  { "operation", "null", "changes[0].operation" },
  { "operation", "\"**\"", "changes[0].operation" },
  { "sensitivity", NULL, "changes[0].sensitivity" },
  { "sensitivity", "\"secret\"", "changes[0].sensitivity" },
  { "sensitivity", "2", "changes[0].sensitivity" },
  { "sensitivity", "\"Confidential\"", "changes[0].sensitivity" },
  { "revision", NULL, "changes[0].revision" },
  { "revision", "0", "changes[0].revision" },
  { "revision", "-3", "changes[0].revision" },
  { "revision", "1.5", "changes[0].revision" },
  { "revision", "\"3\"", "changes[0].revision" },
  { "author_device", NULL, "changes[0].author_device" },
  { "author_device", "\"hq\"", "changes[0].author_device" },
  { "changed_at", NULL, "changes[0].changed_at" },
  { "changed_at", "\"yesterday\"", "changes[0].changed_at" },
  { "changed_at", "\"2026-11-29T10:00:00Z\"", "changes[0].changed_at" },
  { "changed_at", "\"2026-11-29T11:00:00.000000+01:00\"", "changes[0].changed_at" },
  { "changed_at", "\"2026-02-30T10:00:00.000000Z\"", "changes[0].changed_at" },
  { "changed_at", "\"2026-11-29 10:00:00.000000\"", "changes[0].changed_at" },
  { "changed_at", "1764410400", "changes[0].changed_at" },
  { "tombstone", NULL, "changes[0].tombstone" },
  { "tombstone", "\"false\"", "changes[0].tombstone" },
  { "tombstone", "0", "changes[0].tombstone" },
  { "body", NULL, "changes[0].body" },
  { "body", "\"{}\"", "changes[0].body" },
  { "body", "[1,2]", "changes[0].body" },
  { "body", "null", "changes[0].body" },
  { "seq", NULL, "changes[0].seq" },
  { "seq", "-1", "changes[0].seq" },
  { "seq", "true", "changes[0].seq" },
  { "evil", "1", "changes[0].evil" },
  { "/protocol", NULL, "protocol" },
  { "/protocol", "2", "protocol" },
  { "/protocol", "0", "protocol" },
  { "/protocol", "\"1\"", "protocol" },
  { "/device_id", NULL, "device_id" },
  { "/device_id", "\"laptop-7\"", "device_id" },
  { "/batch_seq", NULL, "batch_seq" },
  { "/batch_seq", "0", "batch_seq" },
  { "/batch_seq", "2.0", "batch_seq" },
  { "/changes", NULL, "changes" },
  { "/changes", "{}", "changes" },
  { "/changes", "[7]", "changes[0]" },
  { "/changes", "[null]", "changes[0]" },
  { "/extra", "{}", "extra" },
};

static gboolean
decode_push_text (const char  *text,
                  gsize        len,
                  GError     **error)
{
  g_autoptr(GBytes) gzipped = lia_sync_gzip (text, len);
  g_autoptr(GPtrArray) changes = NULL;
  g_autofree char *device_id = NULL;
  gint64 batch_seq = -1;
  gboolean ok;

  ok = lia_sync_decode_push (gzipped, &device_id, &batch_seq, &changes, error);

  /* A refusal leaves the outputs alone. */
  if (!ok)
    {
      g_assert_null (device_id);
      g_assert_null (changes);
      g_assert_cmpint (batch_seq, ==, -1);
    }

  return ok;
}

static void
test_push_malformed_fields (void)
{
  /* The unbroken tree decodes: each case below fails for its one fault. */
  {
    g_autoptr(JsonNode) tree = valid_push_tree (1);
    g_autofree char *text = json_to_string (tree, FALSE);

    g_assert_true (decode_push_text (text, strlen (text), NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (push_breakages); i++)
    {
      const Breakage *b = &push_breakages[i];
      g_autoptr(JsonNode) tree = valid_push_tree (1);
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      JsonObject *target = json_node_get_object (tree);
      const char *member = b->member;

      if (member[0] == '/')
        member++;
      else
        target = json_array_get_object_element (json_object_get_array_member (target, "changes"), 0);

      if (b->value == NULL)
        json_object_remove_member (target, member);
      else
        json_object_set_member (target, member, json_from_string (b->value, NULL));

      text = json_to_string (tree, FALSE);
      g_test_message ("case %u: %s", i, text);

      g_assert_false (decode_push_text (text, strlen (text), &error));
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      g_test_message ("→ %s", error->message);
      g_assert_nonnull (strstr (error->message, b->mentions));
    }

  g_assert_cmpuint (G_N_ELEMENTS (push_breakages), >=, 30);
}

/* The message points at the change that is wrong, not just the first. */
static void
test_push_malformed_index (void)
{
  g_autoptr(JsonNode) tree = valid_push_tree (4);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  JsonArray *array = json_object_get_array_member (json_node_get_object (tree), "changes");

  json_object_set_string_member (json_array_get_object_element (array, 3), "sensitivity", "top-secret");
  text = json_to_string (tree, FALSE);

  g_assert_false (decode_push_text (text, strlen (text), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "changes[3].sensitivity"));
}

static void
test_push_too_many_changes (void)
{
  g_autoptr(JsonNode) tree = valid_push_tree (LIA_SYNC_MAX_BATCH_CHANGES + 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = json_to_string (tree, FALSE);

  g_assert_false (decode_push_text (text, strlen (text), &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "changes"));
  g_assert_nonnull (strstr (error->message, "500"));
}

/* The length of a literal, embedded NULs included. */
#define TEXT(literal) { literal, sizeof (literal) - 1 }

static void
test_push_malformed_text (void)
{
  g_autoptr(GString) deep = g_string_new ("{\"protocol\":1,\"device_id\":\"" DEVICE_A "\","
                                          "\"batch_seq\":5,\"changes\":[{\"body\":");
  g_autoptr(GString) very_deep = g_string_new (NULL);
  struct {
    const char *text;
    gsize       len;
  } cases[] = {
    TEXT (""),
    TEXT (" "),
    TEXT ("null"),
    TEXT ("[]"),
    TEXT ("\"push\""),
    TEXT ("42"),
    TEXT ("{"),
    TEXT ("{\"protocol\":1,"),
    TEXT ("{\"protocol\":1}{}"),
    TEXT ("{\"protocol\":1,}"),
    TEXT ("{'protocol':1}"),
    TEXT ("{\"protocol\":1 \"device_id\":2}"),
    TEXT ("{\"protocol\":\xff\xfe}"),
    TEXT ("{\"protocol\":1,\"device_id\":\"\xc3\x28\"}"),
    TEXT ("{\"protocol\":1}\0{\"x\":1}"),
    TEXT ("{\"protocol\":01}"),
    TEXT ("{\"protocol\":0x1}"),
    TEXT ("{\"protocol\":NaN}"),
    TEXT ("{\"protocol\":1.}"),
    TEXT ("{/* c */\"protocol\":1}"),
    TEXT ("{\"protocol\":1,\"device_id\":\"a\tb\"}"),
    TEXT ("{\"protocol\":1,\"device_id\":\"\\x41\"}"),
    TEXT ("{\"protocol\":1,\"device_id\":\"\\u12G4\"}"),
    TEXT ("{\"protocol\":1,\"changes\":[1,]}"),
    TEXT ("{\"protocol\":tru}"),
    { NULL, 0 },
    { NULL, 0 },
  };

  for (guint i = 0; i < 100; i++)
    g_string_append (deep, "{\"a\":");
  cases[G_N_ELEMENTS (cases) - 2].text = deep->str;
  cases[G_N_ELEMENTS (cases) - 2].len = deep->len;

  /* Deep enough to blow the stack of a recursive parser. */
  for (guint i = 0; i < 1000000; i++)
    g_string_append_c (very_deep, '[');
  cases[G_N_ELEMENTS (cases) - 1].text = very_deep->str;
  cases[G_N_ELEMENTS (cases) - 1].len = very_deep->len;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("case %u", i);
      g_assert_false (decode_push_text (cases[i].text, cases[i].len, &error));
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      g_test_message ("→ %s", error->message);
      g_assert_cmpstr (error->message, !=, "");
    }
}

static void
test_push_not_gzip (void)
{
  const char *json = "{\"protocol\":1,\"device_id\":\"" DEVICE_A "\",\"batch_seq\":1,\"changes\":[]}";
  g_autoptr(GBytes) plain = g_bytes_new_static (json, strlen (json));
  g_autoptr(GPtrArray) changes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *device_id = NULL;
  gint64 batch_seq;

  g_assert_false (lia_sync_decode_push (plain, &device_id, &batch_seq, &changes, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "gzip"));
}

static void
test_pull_malformed (void)
{
  const char *valid_change = "{\"uuid\":\"0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b\",\"record_type\":\"actor\","
                             "\"operation\":\"*\",\"sensitivity\":\"public\",\"revision\":1,"
                             "\"author_device\":\"" DEVICE_A "\",\"changed_at\":\"2026-11-29T10:00:00.000000Z\","
                             "\"tombstone\":false,\"body\":{},\"seq\":9}";
  struct {
    const char *json;
    const char *mentions;
  } cases[] = {
    { "{\"protocol\":1,\"changes\":[%s],\"more\":false}", "cursor" },
    { "{\"protocol\":1,\"changes\":[%s],\"cursor\":\"\",\"more\":false}", "cursor" },
    { "{\"protocol\":1,\"changes\":[%s],\"cursor\":\"9&x=1\",\"more\":false}", "cursor" },
    { "{\"protocol\":1,\"changes\":[%s],\"cursor\":9,\"more\":false}", "cursor" },
    { "{\"protocol\":1,\"changes\":[%s],\"cursor\":\"9\"}", "more" },
    { "{\"protocol\":1,\"changes\":[%s],\"cursor\":\"9\",\"more\":\"no\"}", "more" },
    { "{\"protocol\":2,\"changes\":[%s],\"cursor\":\"9\",\"more\":false}", "protocol" },
    { "{\"changes\":[%s],\"cursor\":\"9\",\"more\":false}", "protocol" },
    { "{\"protocol\":1,\"cursor\":\"9\",\"more\":false,\"x\":[%s]}", "x" },
    { "{\"protocol\":1,\"changes\":[%s,{}],\"cursor\":\"9\",\"more\":false}", "changes[1].uuid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) json = g_string_new (cases[i].json);
      g_autoptr(GBytes) gzipped = NULL;
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *cursor = NULL;
      gboolean more = FALSE;

      g_string_replace (json, "%s", valid_change, 1);
      gzipped = gzip_text (json->str);

      g_test_message ("case %u: %s", i, json->str);
      g_assert_false (lia_sync_decode_pull (gzipped, &changes, &cursor, &more, &error));
      g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
      g_assert_null (changes);
      g_assert_null (cursor);
    }
}

/* ---- the winner rule ------------------------------------------------------- */

static void
test_compare_rule (void)
{
  g_autoptr(LiaSyncChange) base = make_change ("0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b", "actor", "op-korvania",
                                               LIA_SENSITIVITY_PUBLIC, 2, DEVICE_A,
                                               "2026-11-29T10:00:00.000000Z", FALSE, "{\"v\":1}", 1);
  g_autoptr(LiaSyncChange) other = make_change ("0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b", "actor", "op-korvania",
                                                LIA_SENSITIVITY_PUBLIC, 2, DEVICE_A,
                                                "2026-11-29T10:00:00.000000Z", FALSE, "{\"v\":1}", 99);

  /* Same revision, time, author and content: the same change, whatever
   * the sequence numbers say. */
  g_assert_cmpint (lia_sync_change_compare (base, other), ==, 0);

  /* A higher revision wins even when it is older. */
  other->revision = 3;
  replace_str (&other->changed_at, "2026-11-28T10:00:00.000000Z");
  g_assert_cmpint (lia_sync_change_compare (other, base), ==, 1);
  g_assert_cmpint (lia_sync_change_compare (base, other), ==, -1);

  /* Same revision: the later edit wins, by a microsecond. */
  other->revision = 2;
  replace_str (&other->changed_at, "2026-11-29T10:00:00.000001Z");
  g_assert_cmpint (lia_sync_change_compare (other, base), ==, 1);

  /* Same revision and time: the greater device id wins. */
  replace_str (&other->changed_at, base->changed_at);
  replace_str (&other->author_device, DEVICE_B);
  g_assert_cmpint (g_strcmp0 (DEVICE_B, DEVICE_A), >, 0);
  g_assert_cmpint (lia_sync_change_compare (other, base), ==, 1);
  g_assert_cmpint (lia_sync_change_compare (base, other), ==, -1);
}

/* Every pair in a set built to collide on each key in turn. */
static void
test_compare_total_and_symmetric (void)
{
  const gint64 revisions[] = { 1, 2, 3 };
  const char *times[] = { "2026-11-29T10:00:00.000000Z", "2026-11-29T10:00:00.000001Z", "2026-11-30T00:00:00.000000Z" };
  const char *authors[] = { DEVICE_A, DEVICE_B };
  const char *bodies[] = { "{\"v\":1}", "{\"v\":2}" };
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_sync_change_free);
  guint n;

  for (guint r = 0; r < G_N_ELEMENTS (revisions); r++)
    for (guint t = 0; t < G_N_ELEMENTS (times); t++)
      for (guint a = 0; a < G_N_ELEMENTS (authors); a++)
        for (guint d = 0; d < 2; d++)
          for (guint b = 0; b < G_N_ELEMENTS (bodies); b++)
            g_ptr_array_add (all, make_change ("0b9e4c2a-7d1f-4e3a-9c5b-8a6d2f1e0c3b", "actor", "op-korvania",
                                               LIA_SENSITIVITY_PUBLIC, revisions[r], authors[a], times[t],
                                               d == 1, bodies[b], all->len));
  n = all->len;

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        const LiaSyncChange *x = g_ptr_array_index (all, i);
        const LiaSyncChange *y = g_ptr_array_index (all, j);
        int xy = lia_sync_change_compare (x, y);
        int yx = lia_sync_change_compare (y, x);

        g_assert_true (xy == -1 || xy == 0 || xy == 1);
        g_assert_cmpint (xy, ==, -yx);
        /* Only a change equals itself: every two distinct ones have a
         * winner. */
        g_assert_cmpint (xy == 0, ==, i == j);

        for (guint k = 0; k < n; k += 5)
          {
            const LiaSyncChange *z = g_ptr_array_index (all, k);

            if (xy > 0 && lia_sync_change_compare (y, z) > 0)
              g_assert_cmpint (lia_sync_change_compare (x, z), >, 0);
          }
      }

  /* Two replicas receiving the same revisions in opposite orders keep the
   * same winner. */
  for (guint round = 0; round < 50; round++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (round);
      const LiaSyncChange *forward = NULL;
      const LiaSyncChange *backward = NULL;
      guint picks[6];

      for (guint p = 0; p < G_N_ELEMENTS (picks); p++)
        picks[p] = g_rand_int_range (rand, 0, n);

      for (guint p = 0; p < G_N_ELEMENTS (picks); p++)
        {
          const LiaSyncChange *c = g_ptr_array_index (all, picks[p]);
          const LiaSyncChange *d = g_ptr_array_index (all, picks[G_N_ELEMENTS (picks) - 1 - p]);

          if (forward == NULL || lia_sync_change_compare (c, forward) > 0)
            forward = c;
          if (backward == NULL || lia_sync_change_compare (d, backward) > 0)
            backward = d;
        }

      g_assert_true (forward == backward);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync-protocol/gzip/round-trip", test_gzip_round_trip);
  g_test_add_func ("/sync-protocol/gzip/bomb", test_gzip_bomb);
  g_test_add_func ("/sync-protocol/gzip/bad-input", test_gunzip_bad_input);
  g_test_add_func ("/sync-protocol/push/round-trip", test_push_round_trip);
  g_test_add_func ("/sync-protocol/push/empty", test_push_empty);
  g_test_add_func ("/sync-protocol/push/full-batch", test_push_full_batch);
  g_test_add_func ("/sync-protocol/push/malformed-fields", test_push_malformed_fields);
  g_test_add_func ("/sync-protocol/push/malformed-index", test_push_malformed_index);
  g_test_add_func ("/sync-protocol/push/too-many-changes", test_push_too_many_changes);
  g_test_add_func ("/sync-protocol/push/malformed-text", test_push_malformed_text);
  g_test_add_func ("/sync-protocol/push/not-gzip", test_push_not_gzip);
  g_test_add_func ("/sync-protocol/pull/round-trip", test_pull_round_trip);
  g_test_add_func ("/sync-protocol/pull/malformed", test_pull_malformed);
  g_test_add_func ("/sync-protocol/compare/rule", test_compare_rule);
  g_test_add_func ("/sync-protocol/compare/total-and-symmetric", test_compare_total_and_symmetric);

  return g_test_run ();
}
