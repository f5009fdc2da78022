/* lia-report.c
 *
 * A report keeps its body as the JSON object that travels to HQ
 * (docs/records.md), so that what the officer wrote, what the store keeps
 * and what the HQ dashboard reads are the same thing.  A draft stays on
 * the device; submitting validates it fully and freezes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "lia-actor-types.h"
#include "lia-error.h"
#include "lia-report.h"

struct _LiaReport
{
  LiaRecord   parent_instance;

  JsonObject *body;
  /* The revision from which the stored report is submitted, so read-only;
   * 0 while it is a draft. */
  gint64      frozen_revision;
};

G_DEFINE_FINAL_TYPE (LiaReport, lia_report, LIA_TYPE_RECORD)

typedef enum
{
  FIELD_TEXT,        /* a string of up to LIA_REPORT_TEXT_MAX characters */
  FIELD_TITLE,
  FIELD_DATE,        /* YYYY-MM-DD */
  FIELD_TIME,        /* ISO 8601 UTC */
  FIELD_KIND,
  FIELD_STATUS,
  FIELD_LANGUAGE,
  FIELD_LESSONS,
  FIELD_ATTACHMENTS,
  FIELD_PARTICIPANTS,
  FIELD_UUIDS,
} FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
  gboolean    required;   /* to submit */
} Field;

/* The order is the order of the serialised body. */
static const Field common_fields[] = {
  { "kind", FIELD_KIND, TRUE },
  { "title", FIELD_TITLE, TRUE },
  { "status", FIELD_STATUS, TRUE },
  { "submitted_at", FIELD_TIME, FALSE },
  { "period_start", FIELD_DATE, TRUE },
  { "period_end", FIELD_DATE, TRUE },
  { "language", FIELD_LANGUAGE, TRUE },
  { "lessons", FIELD_LESSONS, FALSE },
  { "attachments", FIELD_ATTACHMENTS, FALSE },
};

static const Field aar_fields[] = {
  { "event", FIELD_TEXT, TRUE },
  { "planned", FIELD_TEXT, TRUE },
  { "happened", FIELD_TEXT, TRUE },
  { "why_different", FIELD_TEXT, TRUE },
  { "sustain", FIELD_TEXT, TRUE },
  { "improve", FIELD_TEXT, TRUE },
  { "participants", FIELD_PARTICIPANTS, TRUE },
};

static const Field sitrep_fields[] = {
  { "developments", FIELD_TEXT, TRUE },
  { "access_constraints", FIELD_TEXT, TRUE },
  { "requests_to_hq", FIELD_TEXT, TRUE },
};

static const Field followup_fields[] = {
  { "incident_uuids", FIELD_UUIDS, TRUE },
  { "actions_taken", FIELD_TEXT, TRUE },
  { "outcome", FIELD_TEXT, TRUE },
};

static const char * const kind_names[] = { "aar", "sitrep", "followup" };
static const char * const languages[] = { "en", "fr", "ar", NULL };

const char *
lia_report_kind_to_string (LiaReportKind kind)
{
  g_return_val_if_fail (kind <= LIA_REPORT_KIND_FOLLOWUP, NULL);

  return kind_names[kind];
}

gboolean
lia_report_kind_from_string (const char    *str,
                             LiaReportKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    {
      if (g_strcmp0 (str, kind_names[i]) == 0)
        {
          *kind = i;
          return TRUE;
        }
    }

  return FALSE;
}

static const Field *
kind_fields (LiaReportKind  kind,
             guint         *n_fields)
{
  switch (kind)
    {
    case LIA_REPORT_KIND_AAR:
      *n_fields = G_N_ELEMENTS (aar_fields);
      return aar_fields;
    case LIA_REPORT_KIND_SITREP:
      *n_fields = G_N_ELEMENTS (sitrep_fields);
      return sitrep_fields;
    case LIA_REPORT_KIND_FOLLOWUP:
    default:
      *n_fields = G_N_ELEMENTS (followup_fields);
      return followup_fields;
    }
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* ---- the record ----------------------------------------------------------- */

static void
add_fields (JsonBuilder *builder,
            JsonObject  *body,
            const Field *fields,
            guint        n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *node = json_object_get_member (body, fields[i].name);

      if (node == NULL)
        continue;
      json_builder_set_member_name (builder, fields[i].name);
      json_builder_add_value (builder, json_node_copy (node));
    }
}

static void
lia_report_serialize (LiaRecord   *record,
                      JsonBuilder *builder)
{
  LiaReport *self = LIA_REPORT (record);
  const Field *fields;
  guint n_fields;

  /* Known fields in a fixed order, so a report always serialises alike. */
  fields = kind_fields (lia_report_get_kind (self), &n_fields);
  add_fields (builder, self->body, common_fields, G_N_ELEMENTS (common_fields));
  add_fields (builder, self->body, fields, n_fields);
}

static gboolean
lia_report_deserialize (LiaRecord   *record,
                        JsonObject  *body,
                        GError     **error)
{
  LiaReport *self = LIA_REPORT (record);
  g_autoptr(JsonNode) copy = NULL;
  JsonNode *node;

  /* Lenient: a report written by a newer Liaison still opens.  A copy,
   * because the parser's nodes are sealed and a draft gets edited. */
  node = json_node_init_object (json_node_alloc (), body);
  copy = json_node_copy (node);
  json_node_unref (node);

  g_clear_pointer (&self->body, json_object_unref);
  self->body = json_object_ref (json_node_get_object (copy));

  self->frozen_revision = lia_report_get_status (self) == LIA_REPORT_STATUS_SUBMITTED
                          ? MAX (lia_record_get_revision (record), 1) : 0;

  return TRUE;
}

static gboolean
lia_report_is_syncable (LiaRecord *record)
{
  /* Drafts stay on the device until the officer submits them. */
  return lia_report_get_status (LIA_REPORT (record)) == LIA_REPORT_STATUS_SUBMITTED;
}

static gboolean
lia_report_check_save (LiaRecord  *record,
                       gboolean    tombstone,
                       GError    **error)
{
  LiaReport *self = LIA_REPORT (record);
  gint64 revision = lia_record_get_revision (record);
  gboolean submitted;

  if (self->frozen_revision > 0 && revision >= self->frozen_revision)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This report was submitted and can no longer be changed. To correct it, write a new report that says what it corrects."));
      return FALSE;
    }

  if (tombstone)
    return TRUE;

  submitted = lia_report_get_status (self) == LIA_REPORT_STATUS_SUBMITTED;
  if (!lia_report_validate (self, submitted, error))
    return FALSE;

  /* The revision this save writes is the first read-only one. */
  if (submitted)
    self->frozen_revision = revision + 1;

  return TRUE;
}

static void
lia_report_finalize (GObject *object)
{
  LiaReport *self = (LiaReport *)object;

  g_clear_pointer (&self->body, json_object_unref);

  G_OBJECT_CLASS (lia_report_parent_class)->finalize (object);
}

static void
lia_report_class_init (LiaReportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  LiaRecordClass *record_class = LIA_RECORD_CLASS (klass);

  object_class->finalize = lia_report_finalize;

  record_class->record_type = "report";
  record_class->serialize = lia_report_serialize;
  record_class->deserialize = lia_report_deserialize;
  record_class->is_syncable = lia_report_is_syncable;
  record_class->check_save = lia_report_check_save;
}

static void
lia_report_init (LiaReport *self)
{
  self->body = json_object_new ();
  json_object_set_string_member (self->body, "kind", "aar");
  json_object_set_string_member (self->body, "status", "draft");

  /* Reports name people, places and armed actors. */
  lia_record_set_sensitivity (LIA_RECORD (self), LIA_SENSITIVITY_CONFIDENTIAL);
}

/**
 * lia_report_new:
 *
 * Returns: (transfer full): an empty draft of @kind
 */
LiaReport *
lia_report_new (const char    *operation,
                LiaReportKind  kind)
{
  LiaReport *self;

  g_return_val_if_fail (kind <= LIA_REPORT_KIND_FOLLOWUP, NULL);

  self = g_object_new (LIA_TYPE_REPORT, "operation", operation, NULL);
  json_object_set_string_member (self->body, "kind", kind_names[kind]);

  return self;
}

/**
 * lia_report_new_from_json:
 * @json: a report body as in docs/records.md, whose status is absent or
 *   “draft”
 *
 * Returns: (transfer full) (nullable): a new draft of @kind with the
 *   fields of @json, checked as a draft is
 */
LiaReport *
lia_report_new_from_json (const char     *operation,
                          LiaReportKind   kind,
                          const char     *json,
                          GError        **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(LiaReport) self = NULL;
  g_autoptr(GError) local_error = NULL;
  LiaReportKind file_kind;
  const char *kind_str;
  const char *status;
  JsonObject *body;
  JsonNode *root;

  g_return_val_if_fail (json != NULL, NULL);

  if (!g_utf8_validate (json, -1, NULL))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The report is not valid UTF-8 text. Save it as UTF-8 and try again."));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      !(root = json_parser_get_root (parser)) || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The report must be a JSON object%s%s"),
                   local_error != NULL ? ": " : ".", local_error != NULL ? local_error->message : "");
      return NULL;
    }

  body = json_node_get_object (root);
  kind_str = member_string (body, "kind");
  if (json_object_has_member (body, "kind") &&
      (!lia_report_kind_from_string (kind_str, &file_kind) || file_kind != kind))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“kind” says “%s”, but the report is to be a %s. Make them agree."),
                   kind_str != NULL ? kind_str : "?", kind_names[kind]);
      return NULL;
    }

  status = member_string (body, "status");
  if ((json_object_has_member (body, "status") && g_strcmp0 (status, "draft") != 0) ||
      json_object_has_member (body, "submitted_at"))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("A new report is a draft: leave out “status” and “submitted_at”, and submit it when it is ready."));
      return NULL;
    }

  self = lia_report_new (operation, kind);
  g_clear_pointer (&self->body, json_object_unref);
  self->body = json_node_dup_object (root);
  json_object_set_string_member (self->body, "kind", kind_names[kind]);
  json_object_set_string_member (self->body, "status", "draft");

  if (!lia_report_validate (self, FALSE, error))
    return NULL;

  return g_steal_pointer (&self);
}

LiaReportKind
lia_report_get_kind (LiaReport *self)
{
  LiaReportKind kind = LIA_REPORT_KIND_AAR;

  g_return_val_if_fail (LIA_IS_REPORT (self), kind);

  lia_report_kind_from_string (member_string (self->body, "kind"), &kind);
  return kind;
}

LiaReportStatus
lia_report_get_status (LiaReport *self)
{
  g_return_val_if_fail (LIA_IS_REPORT (self), LIA_REPORT_STATUS_DRAFT);

  return g_strcmp0 (member_string (self->body, "status"), "submitted") == 0
         ? LIA_REPORT_STATUS_SUBMITTED : LIA_REPORT_STATUS_DRAFT;
}

const char *
lia_report_get_title (LiaReport *self)
{
  return lia_report_get_string (self, "title");
}

/* Returns: (nullable): a text field of the body, such as “event” */
const char *
lia_report_get_string (LiaReport  *self,
                       const char *field)
{
  g_return_val_if_fail (LIA_IS_REPORT (self), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return member_string (self->body, field);
}

/* Sets a text field of the body; %NULL removes it. */
void
lia_report_set_string (LiaReport  *self,
                       const char *field,
                       const char *value)
{
  g_return_if_fail (LIA_IS_REPORT (self));
  g_return_if_fail (field != NULL);

  if (value == NULL)
    json_object_remove_member (self->body, field);
  else
    json_object_set_string_member (self->body, field, value);
}

/* Returns: (transfer none): the body as it is stored and sent */
JsonObject *
lia_report_get_body (LiaReport *self)
{
  g_return_val_if_fail (LIA_IS_REPORT (self), NULL);

  return self->body;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Returns: (transfer none) (nullable): the lessons, [{text, tags}] */
JsonArray *
lia_report_get_lessons (LiaReport *self)
{
  g_return_val_if_fail (LIA_IS_REPORT (self), NULL);

  return member_array (self->body, "lessons");
}

/* Returns: (transfer none) (nullable): [{name, mime, size, sha256}] */
JsonArray *
lia_report_get_attachments (LiaReport *self)
{
  g_return_val_if_fail (LIA_IS_REPORT (self), NULL);

  return member_array (self->body, "attachments");
}

void
lia_report_add_attachment (LiaReport  *self,
                           const char *name,
                           const char *mime,
                           gint64      size,
                           const char *sha256)
{
  JsonArray *attachments;
  JsonObject *attachment;

  g_return_if_fail (LIA_IS_REPORT (self));
  g_return_if_fail (name != NULL && mime != NULL && sha256 != NULL);

  if (!(attachments = lia_report_get_attachments (self)))
    {
      attachments = json_array_new ();
      json_object_set_array_member (self->body, "attachments", attachments);
    }

  attachment = json_object_new ();
  json_object_set_string_member (attachment, "name", name);
  json_object_set_string_member (attachment, "mime", mime);
  json_object_set_int_member (attachment, "size", size);
  json_object_set_string_member (attachment, "sha256", sha256);
  json_array_add_object_element (attachments, attachment);
}

/* ---- validation ----------------------------------------------------------- */

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID, message);
  return FALSE;
}

/* A string of 1 to @max characters; @path names it in messages. */
static gboolean
check_text (JsonNode    *node,
            const char  *path,
            glong        max,
            gboolean     required,
            GError     **error)
{
  const char *text;
  glong length;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return invalid (error, _("“%s” must be text."), path);

  text = json_node_get_string (node);
  if (!g_utf8_validate (text, -1, NULL))
    return invalid (error, _("“%s” is not valid UTF-8 text."), path);

  length = g_utf8_strlen (text, -1);
  if (length > max)
    return invalid (error, _("“%s” is %ld characters long; shorten it to at most %ld."), path, length, max);

  if (required)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (text));

      if (*stripped == '\0')
        return invalid (error, _("“%s” is empty; fill it in to submit the report."), path);
    }

  return TRUE;
}

static gboolean
check_array (JsonNode    *node,
             const char  *path,
             guint        max,
             gboolean     required,
             JsonArray  **array,
             GError     **error)
{
  if (!JSON_NODE_HOLDS_ARRAY (node))
    return invalid (error, _("“%s” must be a list."), path);

  *array = json_node_get_array (node);
  if (json_array_get_length (*array) > max)
    return invalid (error, _("“%s” has %u entries; keep it to at most %u."),
                    path, json_array_get_length (*array), max);
  if (required && json_array_get_length (*array) == 0)
    return invalid (error, _("“%s” is empty; add at least one to submit the report."), path);

  return TRUE;
}

/* Checks that @object has only @allowed members, each a string. */
static gboolean
check_object (JsonNode           *node,
              const char         *path,
              const char * const *allowed,
              GError            **error)
{
  g_autoptr(GList) members = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return invalid (error, _("“%s” must be an object."), path);

  members = json_object_get_members (json_node_get_object (node));
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!g_strv_contains (allowed, l->data))
        return invalid (error, _("“%s.%s” is not a field of a report. Remove it or check its spelling."),
                        path, (const char *) l->data);
    }

  return TRUE;
}

static gboolean
is_sha256 (const char *str)
{
  if (str == NULL || strlen (str) != 64)
    return FALSE;

  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;

  return TRUE;
}

static gboolean
check_lessons (JsonNode  *node,
               GError   **error)
{
  static const char * const allowed[] = { "text", "tags", NULL };
  JsonArray *lessons;

  if (!check_array (node, "lessons", LIA_REPORT_LESSONS_MAX, FALSE, &lessons, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (lessons); i++)
    {
      JsonNode *lesson = json_array_get_element (lessons, i);
      g_autofree char *path = g_strdup_printf ("lessons[%u]", i);
      g_autofree char *text_path = g_strdup_printf ("lessons[%u].text", i);
      g_autofree char *tags_path = g_strdup_printf ("lessons[%u].tags", i);
      JsonObject *object;
      JsonNode *text, *tags;
      JsonArray *tag_list;

      if (!check_object (lesson, path, allowed, error))
        return FALSE;

      object = json_node_get_object (lesson);
      if (!(text = json_object_get_member (object, "text")))
        return invalid (error, _("“%s” is missing: say what was learnt."), text_path);
      if (!check_text (text, text_path, LIA_REPORT_LESSON_TEXT_MAX, TRUE, error))
        return FALSE;

      if (!(tags = json_object_get_member (object, "tags")))
        continue;
      if (!check_array (tags, tags_path, LIA_REPORT_TAGS_MAX, FALSE, &tag_list, error))
        return FALSE;
      for (guint j = 0; j < json_array_get_length (tag_list); j++)
        {
          g_autofree char *tag_path = g_strdup_printf ("lessons[%u].tags[%u]", i, j);

          if (!check_text (json_array_get_element (tag_list, j), tag_path, LIA_REPORT_TAG_MAX, TRUE, error))
            return FALSE;
        }
    }

  return TRUE;
}

static gboolean
check_attachments (JsonNode  *node,
                   GError   **error)
{
  static const char * const allowed[] = { "name", "mime", "size", "sha256", NULL };
  JsonArray *attachments;
  gint64 total = 0;

  if (!check_array (node, "attachments", LIA_REPORT_ATTACHMENTS_MAX, FALSE, &attachments, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (attachments); i++)
    {
      JsonNode *element = json_array_get_element (attachments, i);
      g_autofree char *path = g_strdup_printf ("attachments[%u]", i);
      g_autofree char *name_path = g_strdup_printf ("attachments[%u].name", i);
      g_autofree char *mime_path = g_strdup_printf ("attachments[%u].mime", i);
      JsonObject *object;
      JsonNode *member;
      gint64 size;

      if (!check_object (element, path, allowed, error))
        return FALSE;
      object = json_node_get_object (element);

      if (!(member = json_object_get_member (object, "name")))
        return invalid (error, _("“%s” is missing."), name_path);
      if (!check_text (member, name_path, 255, TRUE, error))
        return FALSE;
      if (!(member = json_object_get_member (object, "mime")))
        return invalid (error, _("“%s” is missing."), mime_path);
      if (!check_text (member, mime_path, 255, TRUE, error))
        return FALSE;

      member = json_object_get_member (object, "size");
      if (member == NULL || !JSON_NODE_HOLDS_VALUE (member) ||
          json_node_get_value_type (member) != G_TYPE_INT64 || (size = json_node_get_int (member)) < 0)
        return invalid (error, _("“%s.size” must be the file’s size in bytes."), path);
      if (size > LIA_ATTACHMENT_MAX_SIZE)
        return invalid (error, _("“%s” is larger than %d MB; attach a smaller or compressed copy."),
                        path, LIA_ATTACHMENT_MAX_SIZE / (1024 * 1024));
      total += size;

      if (!is_sha256 (member_string (object, "sha256")))
        return invalid (error, _("“%s.sha256” must be the file’s SHA-256 in 64 lowercase hex digits."), path);
    }

  if (total > LIA_REPORT_ATTACHMENTS_TOTAL_MAX)
    return invalid (error, _("The attachments add up to more than %d MB; a report carries at most that much. Leave some out."),
                    LIA_REPORT_ATTACHMENTS_TOTAL_MAX / (1024 * 1024));

  return TRUE;
}

static gboolean
check_participants (JsonNode  *node,
                    gboolean   required,
                    GError   **error)
{
  static const char * const allowed[] = { "role", NULL };
  JsonArray *participants;

  if (!check_array (node, "participants", LIA_REPORT_LIST_MAX, required, &participants, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (participants); i++)
    {
      JsonNode *element = json_array_get_element (participants, i);
      g_autofree char *path = g_strdup_printf ("participants[%u]", i);
      g_autofree char *role_path = g_strdup_printf ("participants[%u].role", i);
      JsonNode *role;

      if (!check_object (element, path, allowed, error))
        return FALSE;
      if (!(role = json_object_get_member (json_node_get_object (element), "role")))
        return invalid (error, _("“%s” is missing: give a role, never a name."), role_path);
      if (!check_text (role, role_path, LIA_REPORT_TITLE_MAX, TRUE, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
check_uuids (JsonNode  *node,
             gboolean   required,
             GError   **error)
{
  JsonArray *uuids;

  if (!check_array (node, "incident_uuids", LIA_REPORT_LIST_MAX, required, &uuids, error))
    return FALSE;

  for (guint i = 0; i < json_array_get_length (uuids); i++)
    {
      JsonNode *element = json_array_get_element (uuids, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING ||
          !g_uuid_string_is_valid (json_node_get_string (element)))
        return invalid (error, _("“incident_uuids[%u]” must be the id of an incident."), i);
    }

  return TRUE;
}

static gboolean
check_field (const Field  *field,
             JsonNode     *node,
             gboolean      for_submission,
             GError      **error)
{
  gboolean required = field->required && for_submission;
  const char *value = NULL;
  GDate date;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    value = json_node_get_string (node);

  switch (field->type)
    {
    case FIELD_TEXT:
      return check_text (node, field->name, LIA_REPORT_TEXT_MAX, required, error);

    case FIELD_TITLE:
      return check_text (node, field->name, LIA_REPORT_TITLE_MAX, required, error);

    case FIELD_DATE:
      if (!lia_date_parse_iso (value, &date))
        return invalid (error, _("“%s” must be a date written YYYY-MM-DD, such as 2026-03-14."), field->name);
      return TRUE;

    case FIELD_TIME:
      {
        g_autoptr(GDateTime) time = value != NULL ? g_date_time_new_from_iso8601 (value, NULL) : NULL;

        if (time == NULL || !g_str_has_suffix (value, "Z"))
          return invalid (error, _("“%s” must be a UTC time in ISO 8601, such as 2026-03-14T09:30:00Z."), field->name);
        return TRUE;
      }

    case FIELD_KIND:
      {
        LiaReportKind kind;

        if (!lia_report_kind_from_string (value, &kind))
          return invalid (error, _("“kind” must be aar, sitrep or followup."));
        return TRUE;
      }

    case FIELD_STATUS:
      if (g_strcmp0 (value, "draft") != 0 && g_strcmp0 (value, "submitted") != 0)
        return invalid (error, _("“status” must be draft or submitted."));
      return TRUE;

    case FIELD_LANGUAGE:
      if (value == NULL || !g_strv_contains (languages, value))
        return invalid (error, _("“language” must be en, fr or ar."));
      return TRUE;

    case FIELD_LESSONS:
      return check_lessons (node, error);

    case FIELD_ATTACHMENTS:
      return check_attachments (node, error);

    case FIELD_PARTICIPANTS:
      return check_participants (node, required, error);

    case FIELD_UUIDS:
      return check_uuids (node, required, error);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
check_fields (LiaReport    *self,
              const Field  *fields,
              guint         n_fields,
              gboolean      for_submission,
              GError      **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      JsonNode *node = json_object_get_member (self->body, fields[i].name);

      if (node == NULL)
        {
          if (fields[i].required && for_submission)
            return invalid (error, _("“%s” is missing; fill it in to submit the report."), fields[i].name);
          continue;
        }

      if (!check_field (&fields[i], node, for_submission, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
is_known_field (const Field *fields,
                guint        n_fields,
                const char  *name)
{
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].name, name))
      return TRUE;

  return FALSE;
}

/**
 * lia_report_validate:
 * @for_submission: also require every field a submitted report must have
 *
 * Checks the body against docs/records.md: known fields only, of the
 * right types and sizes, valid UTF-8 and dates.  A draft may leave fields
 * out; a submission may not.
 */
gboolean
lia_report_validate (LiaReport  *self,
                     gboolean    for_submission,
                     GError    **error)
{
  g_autoptr(GList) members = NULL;
  const Field *fields;
  guint n_fields;
  const char *start, *end;

  g_return_val_if_fail (LIA_IS_REPORT (self), FALSE);

  if (!check_fields (self, common_fields, 3, for_submission, error))
    return FALSE;

  fields = kind_fields (lia_report_get_kind (self), &n_fields);
  members = json_object_get_members (self->body);
  for (GList *l = members; l != NULL; l = l->next)
    {
      if (!is_known_field (common_fields, G_N_ELEMENTS (common_fields), l->data) &&
          !is_known_field (fields, n_fields, l->data))
        return invalid (error, _("“%s” is not a field of a %s report. Remove it or check its spelling."),
                        (const char *) l->data, lia_report_kind_to_string (lia_report_get_kind (self)));
    }

  if (!check_fields (self, common_fields + 3, G_N_ELEMENTS (common_fields) - 3, for_submission, error) ||
      !check_fields (self, fields, n_fields, for_submission, error))
    return FALSE;

  /* Dates written YYYY-MM-DD compare as text. */
  start = member_string (self->body, "period_start");
  end = member_string (self->body, "period_end");
  if (start != NULL && end != NULL && strcmp (start, end) > 0)
    return invalid (error, _("“period_end” (%s) comes before “period_start” (%s)."), end, start);

  if (lia_report_get_status (self) == LIA_REPORT_STATUS_SUBMITTED &&
      !json_object_has_member (self->body, "submitted_at"))
    return invalid (error, _("“submitted_at” is missing from a submitted report."));

  return TRUE;
}

/**
 * lia_report_submit:
 *
 * Checks the draft fully, stamps it submitted now and saves it: from then
 * on it goes to HQ at the next sync and can no longer be changed.
 */
gboolean
lia_report_submit (LiaReport  *self,
                   LiaStore   *store,
                   GError    **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *submitted_at = NULL;

  g_return_val_if_fail (LIA_IS_REPORT (self), FALSE);
  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);

  if (lia_report_get_status (self) == LIA_REPORT_STATUS_SUBMITTED)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("This report was already submitted."));
      return FALSE;
    }

  if (!lia_report_validate (self, TRUE, error))
    return FALSE;

  now = g_date_time_to_utc (lia_clock_get_now (lia_store_get_clock (store)));
  submitted_at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  json_object_set_string_member (self->body, "status", "submitted");
  json_object_set_string_member (self->body, "submitted_at", submitted_at);

  if (!lia_store_save (store, LIA_RECORD (self), error))
    {
      /* Still the draft the officer had. */
      json_object_set_string_member (self->body, "status", "draft");
      json_object_remove_member (self->body, "submitted_at");
      return FALSE;
    }

  return TRUE;
}

/* ---- templates ------------------------------------------------------------ */

static const char aar_template[] =
  "{\n"
  "  \"kind\": \"aar\",\n"
  "  \"title\": \"Convoy to Ostrel district, 12 March\",\n"
  "  \"period_start\": \"2026-03-12\",\n"
  "  \"period_end\": \"2026-03-12\",\n"
  "  \"language\": \"en\",\n"
  "  \"event\": \"Inter-agency convoy of 8 trucks to Ostrel district\",\n"
  "  \"planned\": \"Departure 06:00 after notification 48 hours ahead to both parties; arrival by 11:00.\",\n"
  "  \"happened\": \"Held 3 hours at the Kessel checkpoint: the checkpoint commander had not been told of the notification.\",\n"
  "  \"why_different\": \"The acknowledgement reached the brigade, not its checkpoints.\",\n"
  "  \"sustain\": \"Notification sent 48 hours ahead with the full cargo list.\",\n"
  "  \"improve\": \"Ask the liaison officer to confirm that checkpoints were briefed the evening before.\",\n"
  "  \"participants\": [ { \"role\": \"CMCoord officer\" }, { \"role\": \"Convoy leader\" } ],\n"
  "  \"lessons\": [\n"
  "    { \"text\": \"An acknowledged notification does not mean the checkpoints know: ask.\",\n"
  "      \"tags\": [ \"notification\", \"checkpoint\" ] }\n"
  "  ]\n"
  "}\n";

static const char sitrep_template[] =
  "{\n"
  "  \"kind\": \"sitrep\",\n"
  "  \"title\": \"Weekly CMCoord situation report\",\n"
  "  \"period_start\": \"2026-03-09\",\n"
  "  \"period_end\": \"2026-03-15\",\n"
  "  \"language\": \"en\",\n"
  "  \"developments\": \"Fighting moved north of the river; two new checkpoints on the Ostrel road.\",\n"
  "  \"access_constraints\": \"Movements north of the river need 72 hours' notice.\",\n"
  "  \"requests_to_hq\": \"Raise acknowledgement delays with the mission's focal point.\",\n"
  "  \"lessons\": [\n"
  "    { \"text\": \"Weekly meetings with the G9 cut acknowledgement delays.\", \"tags\": [ \"dialogue\" ] }\n"
  "  ]\n"
  "}\n";

static const char followup_template[] =
  "{\n"
  "  \"kind\": \"followup\",\n"
  "  \"title\": \"Follow-up of the warehouse incident in Kessel\",\n"
  "  \"period_start\": \"2026-03-14\",\n"
  "  \"period_end\": \"2026-03-20\",\n"
  "  \"language\": \"en\",\n"
  "  \"incident_uuids\": [ \"3f0c8a52-6c1e-4b8e-9a51-2d5e8f7b9c10\" ],\n"
  "  \"actions_taken\": \"Raised with the brigade's liaison officer; notification list re-sent.\",\n"
  "  \"outcome\": \"The brigade confirmed the site is on its no-strike list.\"\n"
  "}\n";

/* Returns: (transfer full): a complete example of @kind that “report new”
 * accepts and “report submit” then submits */
char *
lia_report_template (LiaReportKind kind)
{
  g_return_val_if_fail (kind <= LIA_REPORT_KIND_FOLLOWUP, NULL);

  switch (kind)
    {
    case LIA_REPORT_KIND_AAR:
      return g_strdup (aar_template);
    case LIA_REPORT_KIND_SITREP:
      return g_strdup (sitrep_template);
    case LIA_REPORT_KIND_FOLLOWUP:
    default:
      return g_strdup (followup_template);
    }
}
