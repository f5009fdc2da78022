/* lia-sync-protocol.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <inttypes.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "lia-clock.h"
#include "lia-error.h"
#include "lia-sync-protocol.h"

/* Record bodies nest a little (lists of contacts, coordinates); nothing
 * legitimate comes near this, and json-glib's parser recurses once per
 * level, so a deeper document could exhaust the stack. */
#define MAX_JSON_DEPTH 64

#define MAX_ID_LENGTH     64
#define MAX_CURSOR_LENGTH 64

#define CHUNK_SIZE (16 * 1024)

void
lia_sync_change_free (LiaSyncChange *change)
{
  if (change == NULL)
    return;

  g_free (change->uuid);
  g_free (change->record_type);
  g_free (change->operation);
  g_free (change->author_device);
  g_free (change->changed_at);
  g_free (change->body);
  g_free (change);
}

/* ---- gzip ------------------------------------------------------------------ */

/**
 * lia_sync_gzip:
 * @data: the bytes to compress
 * @len: their length
 *
 * Returns: (transfer full): @data in gzip format
 */
GBytes *
lia_sync_gzip (const char *data,
               gsize       len)
{
  g_autoptr(GZlibCompressor) compressor = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in = (const guint8 *)data;
  GConverterResult result;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);

  do
    {
      g_autoptr(GError) error = NULL;
      gsize old_len = out->len;
      gsize bytes_read = 0;
      gsize bytes_written = 0;

      g_byte_array_set_size (out, old_len + CHUNK_SIZE);
      result = g_converter_convert (G_CONVERTER (compressor),
                                    in, len,
                                    out->data + old_len, CHUNK_SIZE,
                                    G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &error);
      /* Compressing memory into memory cannot fail but for a bug. */
      if (result == G_CONVERTER_ERROR)
        g_error ("gzip failed: %s", error->message);

      in += bytes_read;
      len -= bytes_read;
      g_byte_array_set_size (out, old_len + bytes_written);
    }
  while (result != G_CONVERTER_FINISHED);

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * lia_sync_gunzip:
 * @compressed: gzip data
 * @max_size: the most bytes the result may have
 * @error: a location for a #GError
 *
 * Decompresses one gzip member, stopping as soon as the output would exceed
 * @max_size, so that a small “gzip bomb” costs no more than @max_size of
 * memory.
 *
 * Returns: (transfer full): the decompressed bytes, or %NULL with
 *   %LIA_ERROR_INVALID if @compressed is not complete gzip data, is
 *   followed by anything, or decompresses to more than @max_size
 */
GBytes *
lia_sync_gunzip (GBytes  *compressed,
                 gsize    max_size,
                 GError **error)
{
  g_autoptr(GZlibDecompressor) decompressor = NULL;
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const guint8 *in;
  gsize len;

  g_return_val_if_fail (compressed != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  in = g_bytes_get_data (compressed, &len);
  decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);

  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      guint8 buffer[CHUNK_SIZE];
      gsize bytes_read = 0;
      gsize bytes_written = 0;
      GConverterResult result;

      result = g_converter_convert (G_CONVERTER (decompressor),
                                    in, len,
                                    buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END,
                                    &bytes_read, &bytes_written, &local_error);
      if (result == G_CONVERTER_ERROR)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
            g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                                 _("The compressed data is cut short."));
          else
            g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                         _("The data is not valid gzip: %s"), local_error->message);
          return NULL;
        }

      if (bytes_written > max_size - out->len)
        {
          g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("The data decompresses to more than %s."), limit);
          return NULL;
        }

      g_byte_array_append (out, buffer, bytes_written);
      in += bytes_read;
      len -= bytes_read;

      if (result == G_CONVERTER_FINISHED)
        break;

      /* zlib reports a stall as an error, but never loop on one. */
      if (bytes_read == 0 && bytes_written == 0)
        {
          g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("The compressed data is cut short."));
          return NULL;
        }
    }

  if (len > 0)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("Unexpected data follows the compressed data."));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* ---- encoding ------------------------------------------------------------ */

static gboolean
add_change (JsonBuilder         *builder,
            const LiaSyncChange *change)
{
  JsonNode *body;

  /* Bodies come from a store, which keeps only valid JSON: anything else
   * is a bug in the caller, not bad input. */
  body = change->body != NULL ? json_from_string (change->body, NULL) : NULL;
  if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
    {
      g_critical ("Change %s has a body that is not a JSON object", change->uuid);
      g_clear_pointer (&body, json_node_unref);
      return FALSE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, change->uuid);
  json_builder_set_member_name (builder, "record_type");
  json_builder_add_string_value (builder, change->record_type);
  json_builder_set_member_name (builder, "operation");
  json_builder_add_string_value (builder, change->operation);
  json_builder_set_member_name (builder, "sensitivity");
  json_builder_add_string_value (builder, lia_sensitivity_to_string (change->sensitivity));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, change->revision);
  json_builder_set_member_name (builder, "author_device");
  json_builder_add_string_value (builder, change->author_device);
  json_builder_set_member_name (builder, "changed_at");
  json_builder_add_string_value (builder, change->changed_at);
  json_builder_set_member_name (builder, "tombstone");
  json_builder_add_boolean_value (builder, change->tombstone);
  json_builder_set_member_name (builder, "body");
  json_builder_add_value (builder, body);
  json_builder_set_member_name (builder, "seq");
  json_builder_add_int_value (builder, change->seq);
  json_builder_end_object (builder);

  return TRUE;
}

static gboolean
add_changes (JsonBuilder *builder,
             GPtrArray   *changes)
{
  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < changes->len; i++)
    {
      if (!add_change (builder, g_ptr_array_index (changes, i)))
        return FALSE;
    }
  json_builder_end_array (builder);

  return TRUE;
}

static GBytes *
finish_and_gzip (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;
  gsize len;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &len);

  return lia_sync_gzip (text, len);
}

/**
 * lia_sync_encode_push:
 * @device_id: the pushing device
 * @batch_seq: the batch's sequence number, unique per device
 * @changes: (element-type LiaSyncChange): at most
 *   %LIA_SYNC_MAX_BATCH_CHANGES changes, in change-log order
 *
 * Returns: (transfer full): the gzip-compressed request body, or %NULL
 *   (with a critical warning) if a change's body is not a JSON object
 */
GBytes *
lia_sync_encode_push (const char *device_id,
                      gint64      batch_seq,
                      GPtrArray  *changes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (device_id != NULL, NULL);
  g_return_val_if_fail (batch_seq > 0, NULL);
  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (changes->len <= LIA_SYNC_MAX_BATCH_CHANGES, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_int_value (builder, LIA_SYNC_PROTOCOL_VERSION);
  json_builder_set_member_name (builder, "device_id");
  json_builder_add_string_value (builder, device_id);
  json_builder_set_member_name (builder, "batch_seq");
  json_builder_add_int_value (builder, batch_seq);
  if (!add_changes (builder, changes))
    return NULL;
  json_builder_end_object (builder);

  return finish_and_gzip (builder);
}

/**
 * lia_sync_encode_pull:
 * @changes: (element-type LiaSyncChange): at most
 *   %LIA_SYNC_MAX_BATCH_CHANGES changes, in hq_seq order
 * @cursor: where the next pull starts
 * @more: whether HQ has more changes after @cursor
 *
 * Returns: (transfer full): the gzip-compressed response body, or %NULL
 *   (with a critical warning) if a change's body is not a JSON object
 */
GBytes *
lia_sync_encode_pull (GPtrArray  *changes,
                      const char *cursor,
                      gboolean    more)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (changes != NULL, NULL);
  g_return_val_if_fail (changes->len <= LIA_SYNC_MAX_BATCH_CHANGES, NULL);
  g_return_val_if_fail (cursor != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "protocol");
  json_builder_add_int_value (builder, LIA_SYNC_PROTOCOL_VERSION);
  if (!add_changes (builder, changes))
    return NULL;
  json_builder_set_member_name (builder, "cursor");
  json_builder_add_string_value (builder, cursor);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, more);
  json_builder_end_object (builder);

  return finish_and_gzip (builder);
}

/* ---- decoding ------------------------------------------------------------ */

/* json-glib is lenient (single quotes, text after the document) and
 * recursive, so the text is first checked against RFC 8259 here, with the
 * nesting bounded so that neither parser can exhaust the stack. */
typedef struct
{
  const char *pos;
  const char *end;
  guint       depth;
} JsonScan;

static gboolean scan_value (JsonScan *scan);

static void
scan_whitespace (JsonScan *scan)
{
  while (scan->pos < scan->end &&
         (*scan->pos == ' ' || *scan->pos == '\t' || *scan->pos == '\n' || *scan->pos == '\r'))
    scan->pos++;
}

static gboolean
scan_char (JsonScan *scan,
           char      c)
{
  scan_whitespace (scan);
  if (scan->pos < scan->end && *scan->pos == c)
    {
      scan->pos++;
      return TRUE;
    }

  return FALSE;
}

static gboolean
scan_digits (JsonScan *scan)
{
  const char *start = scan->pos;

  while (scan->pos < scan->end && g_ascii_isdigit (*scan->pos))
    scan->pos++;

  return scan->pos > start;
}

/* The text is valid UTF-8 already: only escapes and control characters
 * are left to check. */
static gboolean
scan_string (JsonScan *scan)
{
  if (!scan_char (scan, '"'))
    return FALSE;

  while (scan->pos < scan->end)
    {
      guchar c = *scan->pos++;

      if (c == '"')
        return TRUE;
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        continue;

      if (scan->pos >= scan->end)
        return FALSE;
      c = *scan->pos++;
      if (c == 'u')
        {
          for (guint i = 0; i < 4; i++, scan->pos++)
            {
              if (scan->pos >= scan->end || !g_ascii_isxdigit (*scan->pos))
                return FALSE;
            }
        }
      else if (strchr ("\"\\/bfnrt", c) == NULL || c == '\0')
        return FALSE;
    }

  return FALSE;
}

static gboolean
scan_number (JsonScan *scan)
{
  if (scan->pos < scan->end && *scan->pos == '-')
    scan->pos++;

  if (scan->pos < scan->end && *scan->pos == '0')
    scan->pos++;
  else if (!scan_digits (scan))
    return FALSE;

  if (scan->pos < scan->end && *scan->pos == '.')
    {
      scan->pos++;
      if (!scan_digits (scan))
        return FALSE;
    }

  if (scan->pos < scan->end && (*scan->pos == 'e' || *scan->pos == 'E'))
    {
      scan->pos++;
      if (scan->pos < scan->end && (*scan->pos == '+' || *scan->pos == '-'))
        scan->pos++;
      if (!scan_digits (scan))
        return FALSE;
    }

  return TRUE;
}

static gboolean
scan_literal (JsonScan   *scan,
              const char *word)
{
  gsize len = strlen (word);

  if ((gsize)(scan->end - scan->pos) < len || memcmp (scan->pos, word, len) != 0)
    return FALSE;
  scan->pos += len;

  return TRUE;
}

static gboolean
scan_container (JsonScan *scan,
                char      close)
{
  gboolean ok = FALSE;

  if (++scan->depth > MAX_JSON_DEPTH)
    return FALSE;

  if (scan_char (scan, close))
    ok = TRUE;
  else
    {
      do
        {
          if (close == '}' && (!scan_string (scan) || !scan_char (scan, ':')))
            return FALSE;
          if (!scan_value (scan))
            return FALSE;
        }
      while (scan_char (scan, ','));

      ok = scan_char (scan, close);
    }

  scan->depth--;

  return ok;
}

static gboolean
scan_value (JsonScan *scan)
{
  scan_whitespace (scan);
  if (scan->pos >= scan->end)
    return FALSE;

  switch (*scan->pos)
    {
    case '{':
      scan->pos++;
      return scan_container (scan, '}');
    case '[':
      scan->pos++;
      return scan_container (scan, ']');
    case '"':
      return scan_string (scan);
    case 't':
      return scan_literal (scan, "true");
    case 'f':
      return scan_literal (scan, "false");
    case 'n':
      return scan_literal (scan, "null");
    default:
      return scan_number (scan);
    }
}

static gboolean
check_json_syntax (const char  *text,
                   gsize        len,
                   GError     **error)
{
  JsonScan scan = { text, text + len, 0 };

  if (scan_value (&scan))
    {
      scan_whitespace (&scan);
      if (scan.pos == scan.end)
        return TRUE;
    }

  if (scan.depth > MAX_JSON_DEPTH)
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("The JSON is nested more than %u levels deep."), MAX_JSON_DEPTH);
  else
    g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                 _("The body is not valid JSON (at byte %zu)."),
                 (gsize)(scan.pos - text));

  return FALSE;
}

static JsonObject *
parse_document (GBytes  *gzipped,
                GError **error)
{
  g_autoptr(GBytes) json = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *text;
  gsize len;
  JsonNode *root;

  if (!(json = lia_sync_gunzip (gzipped, LIA_SYNC_MAX_BODY, error)))
    return NULL;

  text = g_bytes_get_data (json, &len);

  /* Also refuses NUL bytes, which would end the text early. */
  if (len == 0 || !g_utf8_validate_len (text, len, NULL))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The body is not UTF-8 JSON text."));
      return NULL;
    }

  if (!check_json_syntax (text, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, len, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The body is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The body is not a JSON object."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* Every message names the field; @prefix is “” at the top level and
 * “changes[i].” inside a change. */
static gboolean
invalid (GError     **error,
         const char  *prefix,
         const char  *field,
         const char  *problem)
{
  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, "%s%s: %s", prefix, field, problem);
  return FALSE;
}

/* Additions to the format bump LIA_SYNC_PROTOCOL_VERSION, so a member we
 * do not know is an error, not something to skip. */
static gboolean
check_members (JsonObject          *object,
               const char * const  *known,
               const char          *prefix,
               GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (known, l->data))
        {
          /* Echo a bounded, valid piece of what was sent: \u escapes can
           * decode to anything. */
          g_autofree char *valid = g_utf8_make_valid (l->data, -1);
          g_autofree char *name = NULL;

          if (g_utf8_strlen (valid, -1) > 40)
            name = g_utf8_substring (valid, 0, 40);
          else
            name = g_steal_pointer (&valid);

          return invalid (error, prefix, name, _("unknown member."));
        }
    }

  return TRUE;
}

static JsonNode *
get_member (JsonObject  *object,
            const char  *prefix,
            const char  *field,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, field);

  if (node == NULL)
    invalid (error, prefix, field, _("missing."));

  return node;
}

static gboolean
get_string (JsonObject  *object,
            const char  *prefix,
            const char  *field,
            const char **out,
            GError     **error)
{
  JsonNode *node;

  if (!(node = get_member (object, prefix, field, error)))
    return FALSE;

  if (json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, prefix, field, _("must be a string."));

  *out = json_node_get_string (node);

  return TRUE;
}

static gboolean
get_int (JsonObject  *object,
         const char  *prefix,
         const char  *field,
         gint64       min,
         gint64      *out,
         GError     **error)
{
  JsonNode *node;
  gint64 value;

  if (!(node = get_member (object, prefix, field, error)))
    return FALSE;

  if (json_node_get_value_type (node) != G_TYPE_INT64)
    return invalid (error, prefix, field, _("must be a whole number."));

  value = json_node_get_int (node);
  if (value < min)
    {
      g_autofree char *problem = g_strdup_printf (_("must be at least %" PRId64 "."), min);

      return invalid (error, prefix, field, problem);
    }

  *out = value;

  return TRUE;
}

static gboolean
get_boolean (JsonObject  *object,
             const char  *prefix,
             const char  *field,
             gboolean    *out,
             GError     **error)
{
  JsonNode *node;

  if (!(node = get_member (object, prefix, field, error)))
    return FALSE;

  if (json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, prefix, field, _("must be true or false."));

  *out = json_node_get_boolean (node);

  return TRUE;
}

static gboolean
get_uuid (JsonObject  *object,
          const char  *prefix,
          const char  *field,
          const char **out,
          GError     **error)
{
  if (!get_string (object, prefix, field, out, error))
    return FALSE;

  if (!g_uuid_string_is_valid (*out))
    return invalid (error, prefix, field, _("is not a UUID."));

  return TRUE;
}

/* Record types and operations are short ASCII names (“actor”,
 * “op-korvania”); they end up in SQL parameters, file names and logs. */
static gboolean
is_name (const char *str,
         gboolean    lower_only)
{
  gsize len = strlen (str);

  if (len == 0 || len > MAX_ID_LENGTH || !g_ascii_isalnum (str[0]))
    return FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = str[i];

      if (lower_only ? !(g_ascii_islower (c) || g_ascii_isdigit (c) || c == '-' || c == '_')
                     : !(g_ascii_isalnum (c) || c == '-' || c == '_' || c == '.'))
        return FALSE;
    }

  return TRUE;
}

/* Only the form lia_clock_format_iso8601() writes is accepted, so that
 * timestamps compare correctly as text on every replica. */
static gboolean
is_canonical_time (const char *str)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *canonical = NULL;

  if (!(time = g_date_time_new_from_iso8601 (str, NULL)))
    return FALSE;

  canonical = lia_clock_format_iso8601 (time);

  return g_str_equal (canonical, str);
}

static LiaSyncChange *
decode_change (JsonNode  *node,
               guint      index,
               GError   **error)
{
  static const char * const known[] = {
    "uuid", "record_type", "operation", "sensitivity", "revision",
    "author_device", "changed_at", "tombstone", "body", "seq", NULL
  };
  g_autoptr(LiaSyncChange) change = g_new0 (LiaSyncChange, 1);
  g_autofree char *prefix = g_strdup_printf ("changes[%u].", index);
  const char *str;
  JsonObject *object;
  JsonNode *body;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("changes[%u]: must be an object."), index);
      return NULL;
    }

  object = json_node_get_object (node);
  if (!check_members (object, known, prefix, error))
    return NULL;

  if (!get_uuid (object, prefix, "uuid", &str, error))
    return NULL;
  change->uuid = g_strdup (str);

  if (!get_string (object, prefix, "record_type", &str, error))
    return NULL;
  if (!is_name (str, TRUE))
    {
      invalid (error, prefix, "record_type",
               _("must be 1 to 64 lower-case letters, digits, “-” or “_”."));
      return NULL;
    }
  change->record_type = g_strdup (str);

  if (!get_string (object, prefix, "operation", &str, error))
    return NULL;
  if (!g_str_equal (str, "*") && !is_name (str, FALSE))
    {
      invalid (error, prefix, "operation",
               _("must be “*” or 1 to 64 letters, digits, “-”, “_” or “.”."));
      return NULL;
    }
  change->operation = g_strdup (str);

  if (!get_string (object, prefix, "sensitivity", &str, error))
    return NULL;
  if (!lia_sensitivity_from_string (str, &change->sensitivity))
    {
      invalid (error, prefix, "sensitivity",
               _("must be public, restricted, confidential or strictly-confidential."));
      return NULL;
    }

  if (!get_int (object, prefix, "revision", 1, &change->revision, error))
    return NULL;

  if (!get_uuid (object, prefix, "author_device", &str, error))
    return NULL;
  change->author_device = g_strdup (str);

  if (!get_string (object, prefix, "changed_at", &str, error))
    return NULL;
  if (!is_canonical_time (str))
    {
      invalid (error, prefix, "changed_at",
               _("must be a UTC time such as 2026-11-29T10:00:00.000000Z."));
      return NULL;
    }
  change->changed_at = g_strdup (str);

  if (!get_boolean (object, prefix, "tombstone", &change->tombstone, error))
    return NULL;

  if (!(body = get_member (object, prefix, "body", error)))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (body))
    {
      invalid (error, prefix, "body", _("must be a JSON object."));
      return NULL;
    }
  change->body = json_to_string (body, FALSE);

  if (!get_int (object, prefix, "seq", 0, &change->seq, error))
    return NULL;

  return g_steal_pointer (&change);
}

static GPtrArray *
decode_changes (JsonObject  *root,
                GError     **error)
{
  g_autoptr(GPtrArray) changes = NULL;
  JsonNode *node;
  JsonArray *array;
  guint n;

  if (!(node = get_member (root, "", "changes", error)))
    return NULL;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      invalid (error, "", "changes", _("must be an array."));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  if (n > LIA_SYNC_MAX_BATCH_CHANGES)
    {
      g_autofree char *problem = g_strdup_printf (_("holds %u changes; at most %u are allowed."),
                                                  n, LIA_SYNC_MAX_BATCH_CHANGES);

      invalid (error, "", "changes", problem);
      return NULL;
    }

  changes = g_ptr_array_new_full (n, (GDestroyNotify)lia_sync_change_free);
  for (guint i = 0; i < n; i++)
    {
      LiaSyncChange *change = decode_change (json_array_get_element (array, i), i, error);

      if (change == NULL)
        return NULL;
      g_ptr_array_add (changes, change);
    }

  return g_steal_pointer (&changes);
}

static gboolean
check_protocol (JsonObject  *root,
                GError     **error)
{
  gint64 version;

  if (!get_int (root, "", "protocol", 0, &version, error))
    return FALSE;

  if (version != LIA_SYNC_PROTOCOL_VERSION)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("protocol: version %" PRId64 " is not supported; this version of Liaison speaks %d."),
                   version, LIA_SYNC_PROTOCOL_VERSION);
      return FALSE;
    }

  return TRUE;
}

/**
 * lia_sync_decode_push:
 * @gzipped: a push request body
 * @device_id: (out): the pushing device
 * @batch_seq: (out): the batch's sequence number
 * @changes: (out) (element-type LiaSyncChange): the changes
 * @error: a location for a #GError
 *
 * Checks everything the format promises, so HQ can store what it gets.
 * Whether the device may write those changes is HQ's business.
 *
 * Returns: %TRUE if @gzipped is a valid push, otherwise %FALSE with
 *   %LIA_ERROR_INVALID and a message naming the field (and the change)
 */
gboolean
lia_sync_decode_push (GBytes     *gzipped,
                      char      **device_id,
                      gint64     *batch_seq,
                      GPtrArray **changes,
                      GError    **error)
{
  static const char * const known[] = { "protocol", "device_id", "batch_seq", "changes", NULL };
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) decoded = NULL;
  const char *device;
  gint64 seq;

  g_return_val_if_fail (gzipped != NULL, FALSE);
  g_return_val_if_fail (device_id != NULL, FALSE);
  g_return_val_if_fail (batch_seq != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = parse_document (gzipped, error)) ||
      !check_protocol (root, error) ||
      !check_members (root, known, "", error) ||
      !get_uuid (root, "", "device_id", &device, error) ||
      !get_int (root, "", "batch_seq", 1, &seq, error) ||
      !(decoded = decode_changes (root, error)))
    return FALSE;

  *device_id = g_strdup (device);
  *batch_seq = seq;
  *changes = g_steal_pointer (&decoded);

  return TRUE;
}

/**
 * lia_sync_decode_pull:
 * @gzipped: a pull response body
 * @changes: (out) (element-type LiaSyncChange): the changes
 * @cursor: (out): where the next pull starts
 * @more: (out): whether HQ has more after @cursor
 * @error: a location for a #GError
 *
 * Returns: %TRUE if @gzipped is a valid pull response, otherwise %FALSE
 *   with %LIA_ERROR_INVALID and a message naming the field
 */
gboolean
lia_sync_decode_pull (GBytes     *gzipped,
                      GPtrArray **changes,
                      char      **cursor,
                      gboolean   *more,
                      GError    **error)
{
  static const char * const known[] = { "protocol", "changes", "cursor", "more", NULL };
  g_autoptr(JsonObject) root = NULL;
  g_autoptr(GPtrArray) decoded = NULL;
  const char *next;
  gboolean has_more;

  g_return_val_if_fail (gzipped != NULL, FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);
  g_return_val_if_fail (cursor != NULL, FALSE);
  g_return_val_if_fail (more != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(root = parse_document (gzipped, error)) ||
      !check_protocol (root, error) ||
      !check_members (root, known, "", error) ||
      !(decoded = decode_changes (root, error)) ||
      !get_string (root, "", "cursor", &next, error) ||
      !get_boolean (root, "", "more", &has_more, error))
    return FALSE;

  /* The cursor goes back to HQ in a URL query. */
  if (next[0] == '\0' || strlen (next) > MAX_CURSOR_LENGTH ||
      strspn (next, "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.") != strlen (next))
    return invalid (error, "", "cursor", _("must be 1 to 64 letters, digits, “-”, “_” or “.”."));

  *changes = g_steal_pointer (&decoded);
  *cursor = g_strdup (next);
  *more = has_more;

  return TRUE;
}

/* ---- conflicts ----------------------------------------------------------- */

static int
sign (int value)
{
  return (value > 0) - (value < 0);
}

/**
 * lia_sync_change_compare:
 * @a: a revision of a record
 * @b: another revision of the same record
 *
 * The one rule every replica uses to pick the winner of two concurrent
 * revisions: the higher revision, then the later changed_at (canonical
 * UTC text, so it compares as a string), then the greater author device.
 * Two changes still equal on all three are the same revision; a deletion
 * then wins over an edit and the body decides the rest, so that the order
 * is total.
 *
 * Returns: 1 if @a wins, -1 if @b wins, 0 if they are the same
 */
int
lia_sync_change_compare (const LiaSyncChange *a,
                         const LiaSyncChange *b)
{
  int cmp;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if (a->revision != b->revision)
    return a->revision > b->revision ? 1 : -1;

  if ((cmp = g_strcmp0 (a->changed_at, b->changed_at)) != 0)
    return sign (cmp);

  if ((cmp = g_strcmp0 (a->author_device, b->author_device)) != 0)
    return sign (cmp);

  if (a->tombstone != b->tombstone)
    return a->tombstone ? 1 : -1;

  return sign (g_strcmp0 (a->body, b->body));
}
