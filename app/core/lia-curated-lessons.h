/* lia-curated-lessons.h — the lessons HQ curates and publishes to the field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-record.h"

G_BEGIN_DECLS

#define LIA_TYPE_CURATED_LESSONS (lia_curated_lessons_get_type ())

G_DECLARE_FINAL_TYPE (LiaCuratedLessons, lia_curated_lessons, LIA, CURATED_LESSONS, LiaRecord)

#define LIA_CURATED_LESSONS_MAX 2000

JsonArray *lia_curated_lessons_get_lessons     (LiaCuratedLessons  *self);
char      *lia_curated_lessons_body_from_json  (const char         *contents,
                                                gssize              length,
                                                GError            **error);

G_END_DECLS
