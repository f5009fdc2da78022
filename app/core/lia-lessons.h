/* lia-lessons.h — lessons observed, from the officer's reports and from HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"

G_BEGIN_DECLS

typedef struct
{
  char     *text;
  GStrv     tags;
  gboolean  curated;        /* published by HQ, not from a report here */
  char     *source_uuid;    /* the report or the curated record */
  char     *source_title;   /* nullable: the report's title, or HQ's source */
} LiaLesson;

void       lia_lesson_free     (LiaLesson    *lesson);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaLesson, lia_lesson_free)

GPtrArray *lia_lessons_list    (LiaStore     *store,
                                const char   *operation,
                                gboolean      curated_only,
                                GError      **error);
GPtrArray *lia_lessons_search  (LiaStore     *store,
                                const char   *operation,
                                const char   *query,
                                GError      **error);

G_END_DECLS
