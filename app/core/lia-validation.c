/* lia-validation.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-error.h"
#include "lia-validation.h"

void
lia_validation_issue_free (LiaValidationIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->field);
  g_free (issue->message);
  g_free (issue->guidance);
  g_free (issue);
}

/* Returns: (transfer full) (element-type LiaValidationIssue): an empty list */
GPtrArray *
lia_validation_issues_new (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) lia_validation_issue_free);
}

void
lia_validation_add (GPtrArray             *issues,
                    LiaValidationSeverity  severity,
                    const char            *field,
                    const char            *guidance,
                    const char            *format,
                    ...)
{
  LiaValidationIssue *issue;
  va_list args;

  g_return_if_fail (issues != NULL);
  g_return_if_fail (field != NULL);
  g_return_if_fail (format != NULL);

  issue = g_new0 (LiaValidationIssue, 1);
  issue->severity = severity;
  issue->field = g_strdup (field);
  issue->guidance = g_strdup (guidance);
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (issues, issue);
}

guint
lia_validation_count (GPtrArray             *issues,
                      LiaValidationSeverity  severity)
{
  guint count = 0;

  g_return_val_if_fail (issues != NULL, 0);

  for (guint i = 0; i < issues->len; i++)
    if (((LiaValidationIssue *) g_ptr_array_index (issues, i))->severity == severity)
      count++;

  return count;
}

gboolean
lia_validation_has_errors (GPtrArray *issues)
{
  return lia_validation_count (issues, LIA_VALIDATION_ERROR) > 0;
}

/* Returns: (nullable): the first issue about @field */
const LiaValidationIssue *
lia_validation_find (GPtrArray  *issues,
                     const char *field)
{
  g_return_val_if_fail (issues != NULL, NULL);

  for (guint i = 0; i < issues->len; i++)
    {
      const LiaValidationIssue *issue = g_ptr_array_index (issues, i);

      if (g_strcmp0 (issue->field, field) == 0)
        return issue;
    }

  return NULL;
}

char *
lia_validation_issue_to_string (const LiaValidationIssue *issue)
{
  g_return_val_if_fail (issue != NULL, NULL);

  if (issue->severity == LIA_VALIDATION_WARNING)
    /* Translators: a validation warning: “warning: location.lat: …” */
    return g_strdup_printf (_("warning: %s: %s"), issue->field, issue->message);

  return g_strdup_printf ("%s: %s", issue->field, issue->message);
}

/* Returns: (transfer full): an array of {field, severity, message, guidance} */
JsonNode *
lia_validation_issues_to_json (GPtrArray *issues)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (issues != NULL, NULL);

  json_builder_begin_array (builder);
  for (guint i = 0; i < issues->len; i++)
    {
      const LiaValidationIssue *issue = g_ptr_array_index (issues, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "field");
      json_builder_add_string_value (builder, issue->field);
      json_builder_set_member_name (builder, "severity");
      json_builder_add_string_value (builder, issue->severity == LIA_VALIDATION_ERROR ? "error" : "warning");
      json_builder_set_member_name (builder, "message");
      json_builder_add_string_value (builder, issue->message);
      if (issue->guidance != NULL)
        {
          json_builder_set_member_name (builder, "guidance");
          json_builder_add_string_value (builder, issue->guidance);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

JsonObject *
lia_validation_parse_object (const char  *data,
                             gssize       length,
                             gboolean    *repaired,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *valid = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (data != NULL, NULL);

  if (length < 0)
    length = strlen (data);

  *repaired = !g_utf8_validate_len (data, length, NULL);
  if (*repaired)
    {
      valid = g_utf8_make_valid (data, length);
      data = valid;
      length = strlen (valid);
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The file is not valid JSON (%s); compare it with the template."),
                   local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The file must hold one JSON object, like the template."));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}
