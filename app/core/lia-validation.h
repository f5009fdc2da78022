/* lia-validation.h — what is wrong with a record, field by field
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef enum
{
  LIA_VALIDATION_ERROR,     /* the record cannot be saved as it is */
  LIA_VALIDATION_WARNING,   /* it can, but a person should look again */
} LiaValidationSeverity;

/* @field is the record's JSON path ("location.lat", "waypoints[2].lon"),
 * so that a form can put the message next to its entry and a script can
 * find it in its file.  @guidance is NULL or a guidance card id that
 * explains the rule (hns-static-site, hns-movement…). */
typedef struct
{
  char                  *field;
  char                  *message;
  char                  *guidance;
  LiaValidationSeverity  severity;
} LiaValidationIssue;

void        lia_validation_issue_free      (LiaValidationIssue    *issue);
GPtrArray  *lia_validation_issues_new      (void);
void        lia_validation_add             (GPtrArray             *issues,
                                            LiaValidationSeverity  severity,
                                            const char            *field,
                                            const char            *guidance,
                                            const char            *format,
                                            ...) G_GNUC_PRINTF (5, 6);
gboolean    lia_validation_has_errors      (GPtrArray             *issues);
guint       lia_validation_count           (GPtrArray             *issues,
                                            LiaValidationSeverity  severity);
const LiaValidationIssue *
            lia_validation_find            (GPtrArray             *issues,
                                            const char            *field);
/* "field: message", with "warning: " before a warning. */
char       *lia_validation_issue_to_string (const LiaValidationIssue *issue);
JsonNode   *lia_validation_issues_to_json  (GPtrArray             *issues);

/* Parses a JSON object from bytes a person wrote.  Invalid UTF-8 does not
 * stop the parse: it is replaced by U+FFFD and *repaired set, so that the
 * field that holds it can be named (see LiaFieldReader). */
JsonObject *lia_validation_parse_object    (const char            *data,
                                            gssize                 length,
                                            gboolean              *repaired,
                                            GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaValidationIssue, lia_validation_issue_free)

G_END_DECLS
