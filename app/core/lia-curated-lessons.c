/* lia-curated-lessons.c
 *
 * HQ publishes one global record of this type with `liaison-hq
 * publish-lessons`, as it does the directory; each publication is the next
 * revision.  Body: {"lessons": [{"text", "tags": [..], "source"}]}.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-curated-lessons.h"
#include "lia-error.h"
#include "lia-report.h"

struct _LiaCuratedLessons
{
  LiaRecord  parent_instance;

  JsonArray *lessons;
};

G_DEFINE_FINAL_TYPE (LiaCuratedLessons, lia_curated_lessons, LIA_TYPE_RECORD)

static void
lia_curated_lessons_serialize (LiaRecord   *record,
                               JsonBuilder *builder)
{
  LiaCuratedLessons *self = LIA_CURATED_LESSONS (record);
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), self->lessons);

  json_builder_set_member_name (builder, "lessons");
  json_builder_add_value (builder, g_steal_pointer (&node));
}

static gboolean
lia_curated_lessons_deserialize (LiaRecord   *record,
                                 JsonObject  *body,
                                 GError     **error)
{
  LiaCuratedLessons *self = LIA_CURATED_LESSONS (record);
  JsonNode *node = json_object_get_member (body, "lessons");

  g_clear_pointer (&self->lessons, json_array_unref);
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autoptr(JsonNode) copy = json_node_copy (node);

      self->lessons = json_array_ref (json_node_get_array (copy));
    }
  else
    self->lessons = json_array_new ();

  return TRUE;
}

static void
lia_curated_lessons_finalize (GObject *object)
{
  LiaCuratedLessons *self = (LiaCuratedLessons *)object;

  g_clear_pointer (&self->lessons, json_array_unref);

  G_OBJECT_CLASS (lia_curated_lessons_parent_class)->finalize (object);
}

static void
lia_curated_lessons_class_init (LiaCuratedLessonsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_curated_lessons_finalize;

  record_class->record_type = "curated-lessons";
  record_class->serialize = lia_curated_lessons_serialize;
  record_class->deserialize = lia_curated_lessons_deserialize;
}

static void
lia_curated_lessons_init (LiaCuratedLessons *self)
{
  self->lessons = json_array_new ();
}

/* Returns: (transfer none): [{text, tags, source}] */
JsonArray *
lia_curated_lessons_get_lessons (LiaCuratedLessons *self)
{
  g_return_val_if_fail (LIA_IS_CURATED_LESSONS (self), NULL);

  return self->lessons;
}

static gboolean
is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

/**
 * lia_curated_lessons_body_from_json:
 * @contents: a JSON array of lessons, or an object with a "lessons" array;
 *   each lesson {"text": "…", "tags": ["…"], "source": "…"}
 * @length: its length in bytes, or -1 if nul-terminated
 *
 * Checks a file HQ is about to publish.
 *
 * Returns: (transfer full) (nullable): the record body to publish
 */
char *
lia_curated_lessons_body_from_json (const char  *contents,
                                    gssize       length,
                                    GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonArray *lessons = NULL;
  JsonNode *root;

  g_return_val_if_fail (contents != NULL, NULL);

  if (length < 0)
    length = strlen (contents);

  if (!g_utf8_validate (contents, length, NULL) ||
      !json_parser_load_from_data (parser, contents, length, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("The lessons are not valid JSON in UTF-8%s%s"),
                   local_error != NULL ? ": " : ".", local_error != NULL ? local_error->message : "");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root != NULL && JSON_NODE_HOLDS_ARRAY (root))
    lessons = json_node_get_array (root);
  else if (root != NULL && JSON_NODE_HOLDS_OBJECT (root) &&
           json_object_has_member (json_node_get_object (root), "lessons") &&
           JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (root), "lessons")))
    lessons = json_object_get_array_member (json_node_get_object (root), "lessons");

  if (lessons == NULL || json_array_get_length (lessons) > LIA_CURATED_LESSONS_MAX)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The lessons must be a JSON list (or an object with a “lessons” list) of at most %d lessons."),
                   LIA_CURATED_LESSONS_MAX);
      return NULL;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "lessons");
  json_builder_begin_array (builder);
  for (guint i = 0; i < json_array_get_length (lessons); i++)
    {
      JsonNode *node = json_array_get_element (lessons, i);
      JsonObject *lesson = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      JsonNode *text = lesson != NULL ? json_object_get_member (lesson, "text") : NULL;
      JsonNode *tags = lesson != NULL ? json_object_get_member (lesson, "tags") : NULL;
      JsonNode *source = lesson != NULL ? json_object_get_member (lesson, "source") : NULL;

      if (!is_string (text) || *json_node_get_string (text) == '\0' ||
          g_utf8_strlen (json_node_get_string (text), -1) > LIA_REPORT_LESSON_TEXT_MAX)
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("lessons[%u].text must be text of 1 to %d characters."), i, LIA_REPORT_LESSON_TEXT_MAX);
          return NULL;
        }

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "text");
      json_builder_add_string_value (builder, json_node_get_string (text));
      json_builder_set_member_name (builder, "tags");
      json_builder_begin_array (builder);
      for (guint j = 0; tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) &&
                        j < json_array_get_length (json_node_get_array (tags)); j++)
        {
          JsonNode *tag = json_array_get_element (json_node_get_array (tags), j);

          if (!is_string (tag))
            {
              g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID, _("lessons[%u].tags[%u] must be text."), i, j);
              return NULL;
            }
          json_builder_add_string_value (builder, json_node_get_string (tag));
        }
      json_builder_end_array (builder);
      if (is_string (source))
        {
          json_builder_set_member_name (builder, "source");
          json_builder_add_string_value (builder, json_node_get_string (source));
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  result = json_builder_get_root (builder);
  return json_to_string (result, FALSE);
}
