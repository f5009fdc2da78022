/* lia-report.h — an after-action review, situation report or follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-record.h"
#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_REPORT (lia_report_get_type ())

G_DECLARE_FINAL_TYPE (LiaReport, lia_report, LIA, REPORT, LiaRecord)

typedef enum
{
  LIA_REPORT_KIND_AAR,
  LIA_REPORT_KIND_SITREP,
  LIA_REPORT_KIND_FOLLOWUP,
} LiaReportKind;

typedef enum
{
  LIA_REPORT_STATUS_DRAFT,
  LIA_REPORT_STATUS_SUBMITTED,
} LiaReportStatus;

/* Limits a report must keep to (docs/records.md). */
#define LIA_REPORT_TITLE_MAX        200
#define LIA_REPORT_TEXT_MAX         20000
#define LIA_REPORT_LESSONS_MAX      50
#define LIA_REPORT_LESSON_TEXT_MAX  2000
#define LIA_REPORT_TAGS_MAX         10
#define LIA_REPORT_TAG_MAX          40
#define LIA_REPORT_LIST_MAX         100
#define LIA_REPORT_ATTACHMENTS_MAX  20
#define LIA_ATTACHMENT_MAX_SIZE     (10 * 1024 * 1024)
#define LIA_REPORT_ATTACHMENTS_TOTAL_MAX (25 * 1024 * 1024)

const char      *lia_report_kind_to_string   (LiaReportKind    kind);
gboolean         lia_report_kind_from_string (const char      *str,
                                              LiaReportKind   *kind);

LiaReport       *lia_report_new              (const char      *operation,
                                              LiaReportKind    kind);
LiaReport       *lia_report_new_from_json    (const char      *operation,
                                              LiaReportKind    kind,
                                              const char      *json,
                                              GError         **error);
char            *lia_report_template         (LiaReportKind    kind);

LiaReportKind    lia_report_get_kind         (LiaReport       *self);
LiaReportStatus  lia_report_get_status       (LiaReport       *self);
const char      *lia_report_get_title        (LiaReport       *self);
const char      *lia_report_get_string       (LiaReport       *self,
                                              const char      *field);
void             lia_report_set_string       (LiaReport       *self,
                                              const char      *field,
                                              const char      *value);
JsonObject      *lia_report_get_body         (LiaReport       *self);
JsonArray       *lia_report_get_lessons      (LiaReport       *self);
JsonArray       *lia_report_get_attachments  (LiaReport       *self);
void             lia_report_add_attachment   (LiaReport       *self,
                                              const char      *name,
                                              const char      *mime,
                                              gint64           size,
                                              const char      *sha256);

gboolean         lia_report_validate         (LiaReport       *self,
                                              gboolean         for_submission,
                                              GError         **error);
gboolean         lia_report_submit           (LiaReport       *self,
                                              LiaStore        *store,
                                              GError         **error);

G_END_DECLS
