/* lia-lessons.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-curated-lessons.h"
#include "lia-lessons.h"
#include "lia-report.h"
#include "lia-search-index.h"

void
lia_lesson_free (LiaLesson *lesson)
{
  if (lesson == NULL)
    return;

  g_free (lesson->text);
  g_strfreev (lesson->tags);
  g_free (lesson->source_uuid);
  g_free (lesson->source_title);
  g_free (lesson);
}

static GStrv
dup_tags (JsonObject *lesson)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *tags = json_object_get_member (lesson, "tags");

  for (guint i = 0; tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) &&
                    i < json_array_get_length (json_node_get_array (tags)); i++)
    {
      JsonNode *tag = json_array_get_element (json_node_get_array (tags), i);

      if (JSON_NODE_HOLDS_VALUE (tag) && json_node_get_value_type (tag) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (tag));
    }

  return g_strv_builder_end (builder);
}

static void
add_lessons (GPtrArray  *lessons,
             JsonArray  *array,
             gboolean    curated,
             const char *uuid,
             const char *title)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *text;
      LiaLesson *lesson;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if (!(text = json_object_get_string_member_with_default (object, "text", NULL)))
        continue;

      lesson = g_new0 (LiaLesson, 1);
      lesson->text = g_strdup (text);
      lesson->tags = dup_tags (object);
      lesson->curated = curated;
      lesson->source_uuid = g_strdup (uuid);
      lesson->source_title = g_strdup (curated ? json_object_get_string_member_with_default (object, "source", NULL)
                                               : title);
      g_ptr_array_add (lessons, lesson);
    }
}

/**
 * lia_lessons_list:
 * @operation: (nullable): only reports of this operation; HQ's curated
 *   lessons are global and always included
 * @curated_only: only the lessons HQ published
 *
 * Returns: (transfer full) (element-type LiaLesson): reports' lessons
 *   (newest report first), then HQ's
 */
GPtrArray *
lia_lessons_list (LiaStore    *store,
                  const char  *operation,
                  gboolean     curated_only,
                  GError     **error)
{
  g_autoptr(GPtrArray) lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_lesson_free);
  g_autoptr(GPtrArray) reports = NULL;
  g_autoptr(GPtrArray) curated = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  if (!curated_only)
    {
      if (!(reports = lia_store_list (store, "report", operation, error)))
        return NULL;

      for (guint i = 0; i < reports->len; i++)
        {
          LiaReport *report = g_ptr_array_index (reports, i);

          add_lessons (lessons, lia_report_get_lessons (report), FALSE,
                       lia_record_get_uuid (LIA_RECORD (report)), lia_report_get_title (report));
        }
    }

  if (!(curated = lia_store_list (store, "curated-lessons", NULL, error)))
    return NULL;

  for (guint i = 0; i < curated->len; i++)
    {
      LiaCuratedLessons *record = g_ptr_array_index (curated, i);

      add_lessons (lessons, lia_curated_lessons_get_lessons (record), TRUE,
                   lia_record_get_uuid (LIA_RECORD (record)), NULL);
    }

  return g_steal_pointer (&lessons);
}

/**
 * lia_lessons_search:
 *
 * Searches the text and tags of every lesson, folding accents and Arabic
 * diacritics as guidance search does.
 *
 * Returns: (transfer full) (element-type LiaLesson): the matches, best first
 */
GPtrArray *
lia_lessons_search (LiaStore    *store,
                    const char  *operation,
                    const char  *query,
                    GError     **error)
{
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(LiaSearchIndex) index = NULL;
  g_autoptr(GArray) keys = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!(all = lia_lessons_list (store, operation, FALSE, error)) ||
      !(index = lia_search_index_new (error)))
    return NULL;

  for (guint i = 0; i < all->len; i++)
    {
      LiaLesson *lesson = g_ptr_array_index (all, i);
      g_autofree char *tags = g_strjoinv (" ", lesson->tags);
      g_autofree char *text = g_strjoin (" ", lesson->text, tags,
                                         lesson->source_title != NULL ? lesson->source_title : "", NULL);

      if (!lia_search_index_add (index, i, text, error))
        return NULL;
    }

  if (!(keys = lia_search_index_query (index, query, error)))
    return NULL;

  found = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_lesson_free);
  for (guint i = 0; i < keys->len; i++)
    g_ptr_array_add (found, g_steal_pointer (&g_ptr_array_index (all, g_array_index (keys, guint, i))));

  return g_steal_pointer (&found);
}
