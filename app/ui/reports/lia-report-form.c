/* lia-report-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-report-form.h"
#include "lia-sensitivity-badge.h"
#include "lia-sensitivity-row.h"

/* Long enough not to write on every key, short enough that a draft is
 * never far behind what was typed. */
#define DRAFT_SAVE_DELAY_MS 1000

/* More than a report has fields: validation stops by itself long before */
#define MAX_CHECK_ROUNDS 64

/* Separators of the list fields (roles, incident ids, tags): the Latin and
 * the Arabic comma */
#define LIST_SEPARATORS ",\xd8\x8c"

typedef enum
{
  INPUT_ENTRY,
  INPUT_TEXT,
  INPUT_LANGUAGE,
} InputType;

typedef enum
{
  VALUE_STRING,
  VALUE_OPERATION,   /* the record's operation, not a member of the body */
  VALUE_ROLES,       /* [{"role"}] */
  VALUE_UUIDS,       /* [uuid] */
} ValueType;

#define KIND_AAR      (1 << LIA_REPORT_KIND_AAR)
#define KIND_SITREP   (1 << LIA_REPORT_KIND_SITREP)
#define KIND_FOLLOWUP (1 << LIA_REPORT_KIND_FOLLOWUP)
#define KIND_ALL      (KIND_AAR | KIND_SITREP | KIND_FOLLOWUP)

typedef struct
{
  const char *key;
  const char *section;
  const char *label;
  InputType   input;
  ValueType   value;
  guint       kinds;
} FieldSpec;

/* The sections and fields of each kind, in the order of the form
 * (docs/records.md) */
static const FieldSpec field_specs[] = {
  { "title", N_("Report"), N_("Title"), INPUT_ENTRY, VALUE_STRING, KIND_ALL },
  { "operation", N_("Report"), N_("Operation"), INPUT_ENTRY, VALUE_OPERATION, KIND_ALL },
  { "period_start", N_("Report"), N_("First day (YYYY-MM-DD)"), INPUT_ENTRY, VALUE_STRING, KIND_ALL },
  { "period_end", N_("Report"), N_("Last day (YYYY-MM-DD)"), INPUT_ENTRY, VALUE_STRING, KIND_ALL },
  { "language", N_("Report"), N_("Written in"), INPUT_LANGUAGE, VALUE_STRING, KIND_ALL },

  { "event", N_("Event"), N_("Event"), INPUT_ENTRY, VALUE_STRING, KIND_AAR },
  { "participants", N_("Event"), N_("Participants’ roles, separated by commas"), INPUT_ENTRY, VALUE_ROLES, KIND_AAR },
  { "planned", N_("Review"), N_("What was planned?"), INPUT_TEXT, VALUE_STRING, KIND_AAR },
  { "happened", N_("Review"), N_("What actually happened?"), INPUT_TEXT, VALUE_STRING, KIND_AAR },
  { "why_different", N_("Review"), N_("Why was there a difference?"), INPUT_TEXT, VALUE_STRING, KIND_AAR },
  { "sustain", N_("Review"), N_("What should be sustained?"), INPUT_TEXT, VALUE_STRING, KIND_AAR },
  { "improve", N_("Review"), N_("What should be improved?"), INPUT_TEXT, VALUE_STRING, KIND_AAR },

  { "developments", N_("Situation"), N_("Civil-military developments"), INPUT_TEXT, VALUE_STRING, KIND_SITREP },
  { "access_constraints", N_("Situation"), N_("Access constraints"), INPUT_TEXT, VALUE_STRING, KIND_SITREP },
  { "requests_to_hq", N_("Situation"), N_("Requests to HQ"), INPUT_TEXT, VALUE_STRING, KIND_SITREP },

  { "incident_uuids", N_("Follow-up"), N_("Linked incidents: their IDs, separated by commas"), INPUT_ENTRY, VALUE_UUIDS, KIND_FOLLOWUP },
  { "actions_taken", N_("Follow-up"), N_("Actions taken"), INPUT_TEXT, VALUE_STRING, KIND_FOLLOWUP },
  { "outcome", N_("Follow-up"), N_("Outcome"), INPUT_TEXT, VALUE_STRING, KIND_FOLLOWUP },
};

/* In the order of the combo row; named in their own language */
static const char * const language_codes[] = { "en", "fr", "ar" };

typedef struct
{
  const FieldSpec *spec;
  GtkWidget       *input;        /* AdwEntryRow, AdwComboRow or GtkTextView */
  GtkWidget       *error_widget; /* shown with a message */
  GtkLabel        *error_label;
} FormField;

typedef struct
{
  GtkWidget   *box;
  GtkTextView *text;
  GtkEntry    *tags;
  GtkWidget   *remove;
} LessonEditor;

struct _LiaReportForm
{
  AdwBin          parent_instance;

  LiaContext     *context;
  LiaReport      *report;

  GArray         *fields;        /* FormField */
  GPtrArray      *lessons;       /* LessonEditor */
  GtkWidget      *lessons_box;
  GtkLabel       *lessons_error;
  GtkListBox     *attachments_list;
  GtkLabel       *attachments_error;
  GtkWidget      *add_lesson_button;
  GtkWidget      *add_attachment_button;
  LiaSensitivityRow *sensitivity_row;

  guint           save_id;
  guint           loading : 1;
  guint           dirty : 1;

  /* Template widgets */
  GtkWidget      *sections_box;
  GtkLabel       *notice_label;
  LiaSensitivityBadge *sensitivity_badge;
  GtkLabel       *general_error_label;
  GtkWidget      *action_bar;
  GtkLabel       *saved_label;
  GtkWidget      *save_button;
  GtkWidget      *submit_button;
  GtkWidget      *delete_button;
};

G_DEFINE_FINAL_TYPE (LiaReportForm, lia_report_form, ADW_TYPE_BIN)

enum {
  SUBMITTED,
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
lia_report_kind_get_label (LiaReportKind kind)
{
  switch (kind)
    {
    case LIA_REPORT_KIND_AAR:
      return _("After-action review");
    case LIA_REPORT_KIND_SITREP:
      return _("Situation update");
    case LIA_REPORT_KIND_FOLLOWUP:
    default:
      return _("Incident follow-up");
    }
}

static void
show_toast (LiaReportForm *self,
            const char    *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

static gboolean
is_submitted (LiaReportForm *self)
{
  return self->report != NULL && lia_report_get_status (self->report) == LIA_REPORT_STATUS_SUBMITTED;
}

/* ---- reading the widgets ------------------------------------------------- */

static char *
dup_input_text (GtkWidget *input)
{
  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }

  if (ADW_IS_COMBO_ROW (input))
    {
      guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (input));

      return g_strdup (selected < G_N_ELEMENTS (language_codes) ? language_codes[selected] : "en");
    }

  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* Returns: (transfer full): the non-empty items of a comma-separated list */
static GStrv
split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GString) separators = g_string_new (text);
  g_auto(GStrv) items = NULL;

  /* g_strsplit_set() takes single bytes: make the Arabic comma a Latin one */
  g_string_replace (separators, "\xd8\x8c", ",", 0);
  items = g_strsplit (separators->str, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_strstrip (items[i]);
      if (items[i][0] != '\0')
        g_strv_builder_add (builder, items[i]);
    }

  return g_strv_builder_end (builder);
}

static char *
join_list (JsonArray  *array,
           const char *member)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *item = NULL;

      if (member != NULL && JSON_NODE_HOLDS_OBJECT (node))
        item = json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
      else if (member == NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        item = json_node_get_string (node);

      if (item == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, item);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static JsonArray *
body_array (JsonObject *body,
            const char *key)
{
  JsonNode *node = json_object_get_member (body, key);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Puts what the widgets say into the report's body */
static void
collect (LiaReportForm *self)
{
  JsonObject *body = lia_report_get_body (self->report);
  JsonArray *lessons;

  if (self->sensitivity_row != NULL)
    lia_record_set_sensitivity (LIA_RECORD (self->report),
                                lia_sensitivity_row_get_sensitivity (self->sensitivity_row));

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *field = &g_array_index (self->fields, FormField, i);
      g_autofree char *text = dup_input_text (field->input);
      const char *key = field->spec->key;

      switch (field->spec->value)
        {
        case VALUE_OPERATION:
          lia_record_set_operation (LIA_RECORD (self->report), g_strstrip (text));
          break;

        case VALUE_ROLES:
        case VALUE_UUIDS:
          {
            g_auto(GStrv) items = split_list (text);
            JsonArray *array;

            if (items[0] == NULL)
              {
                json_object_remove_member (body, key);
                break;
              }

            array = json_array_new ();
            for (guint j = 0; items[j] != NULL; j++)
              {
                if (field->spec->value == VALUE_ROLES)
                  {
                    JsonObject *role = json_object_new ();

                    json_object_set_string_member (role, "role", items[j]);
                    json_array_add_object_element (array, role);
                  }
                else
                  json_array_add_string_element (array, items[j]);
              }
            json_object_set_array_member (body, key, array);
          }
          break;

        case VALUE_STRING:
        default:
          /* One-line fields lose the spaces around them; text keeps its shape */
          if (field->spec->input == INPUT_ENTRY)
            g_strstrip (text);
          lia_report_set_string (self->report, key, is_blank (text) ? NULL : text);
          break;
        }
    }

  lessons = json_array_new ();
  for (guint i = 0; i < self->lessons->len; i++)
    {
      LessonEditor *editor = g_ptr_array_index (self->lessons, i);
      g_autofree char *text = dup_input_text (GTK_WIDGET (editor->text));
      g_auto(GStrv) tags = split_list (gtk_editable_get_text (GTK_EDITABLE (editor->tags)));
      JsonObject *lesson;
      JsonArray *tag_array;

      /* An empty lesson is one not written yet */
      if (is_blank (text) && tags[0] == NULL)
        continue;

      lesson = json_object_new ();
      json_object_set_string_member (lesson, "text", text);
      tag_array = json_array_new ();
      for (guint j = 0; tags[j] != NULL; j++)
        json_array_add_string_element (tag_array, tags[j]);
      json_object_set_array_member (lesson, "tags", tag_array);
      json_array_add_object_element (lessons, lesson);
    }

  if (json_array_get_length (lessons) > 0)
    json_object_set_array_member (body, "lessons", lessons);
  else
    {
      json_object_remove_member (body, "lessons");
      json_array_unref (lessons);
    }
}

/* ---- validation messages ------------------------------------------------- */

static FormField *
find_field (LiaReportForm *self,
            const char    *key)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *field = &g_array_index (self->fields, FormField, i);

      if (g_str_equal (field->spec->key, key))
        return field;
    }

  return NULL;
}

static gboolean
is_key_char (char c)
{
  return g_ascii_isalnum (c) || c == '_';
}

/* The member of the body that a core message is about: the first key it
 * names, whatever quotation marks a translation puts around it.  Returns
 * NULL for a message about the report as a whole. */
static const char *
key_of_message (LiaReportForm *self,
                const char    *message)
{
  static const char * const others[] = { "lessons", "attachments", NULL };
  const char *best = NULL;
  const char *best_at = NULL;

  for (guint i = 0; i < self->fields->len + G_N_ELEMENTS (others) - 1; i++)
    {
      const char *key = i < self->fields->len
                        ? g_array_index (self->fields, FormField, i).spec->key
                        : others[i - self->fields->len];
      gsize len = strlen (key);

      for (const char *at = strstr (message, key); at != NULL; at = strstr (at + 1, key))
        {
          if ((at > message && is_key_char (at[-1])) || is_key_char (at[len]))
            continue;
          if (best_at == NULL || at < best_at)
            {
              best = key;
              best_at = at;
            }
          break;
        }
    }

  return best;
}

typedef struct
{
  LiaReportForm *self;
  const char    *key;
} HumanizeData;

static gboolean
humanize_eval_cb (const GMatchInfo *match,
                  GString          *result,
                  gpointer          user_data)
{
  HumanizeData *data = user_data;
  FormField *field = find_field (data->self, data->key);

  if (g_str_equal (data->key, "lessons"))
    {
      g_autofree char *number = g_match_info_fetch (match, 2);

      if (number != NULL && *number != '\0')
        g_string_append_printf (result, _("Lesson %d"), atoi (number) + 1);
      else
        g_string_append (result, _("Lessons"));
    }
  else if (g_str_equal (data->key, "attachments"))
    g_string_append (result, _("Attachments"));
  else if (field != NULL)
    g_string_append (result, g_dgettext (GETTEXT_PACKAGE, field->spec->label));

  return FALSE;
}

/* The message with the keys it names (“period_start”, “lessons[2].text”)
 * replaced by the words the form shows (“First day”, “Lesson 3”) */
static char *
humanize_message (LiaReportForm *self,
                  const char    *message)
{
  static const char * const others[] = { "lessons", "attachments" };
  g_autofree char *text = g_strdup (message);

  for (guint i = 0; i < self->fields->len + G_N_ELEMENTS (others); i++)
    {
      HumanizeData data = {
        self,
        i < self->fields->len ? g_array_index (self->fields, FormField, i).spec->key : others[i - self->fields->len],
      };
      /* Only where the core names a key: right after a quotation mark */
      g_autofree char *pattern = g_strdup_printf ("(?<![\\w\\s])%s(\\[(\\d+)\\])?(\\.[a-z_0-9]+)?(\\[\\d+\\])?(?!\\w)",
                                                  data.key);
      g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
      char *replaced;

      if (regex == NULL)
        continue;
      replaced = g_regex_replace_eval (regex, text, -1, 0, 0, humanize_eval_cb, &data, NULL);
      if (replaced != NULL)
        {
          g_free (text);
          text = replaced;
        }
    }

  return g_steal_pointer (&text);
}

static void
set_error_widget (GtkWidget  *widget,
                  GtkLabel   *label,
                  const char *message)
{
  gtk_label_set_label (label, message != NULL ? message : "");
  gtk_widget_set_visible (widget, message != NULL);
}

static void
clear_errors (LiaReportForm *self)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *field = &g_array_index (self->fields, FormField, i);

      set_error_widget (field->error_widget, field->error_label, NULL);
      gtk_widget_remove_css_class (field->input, "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field->input), GTK_ACCESSIBLE_STATE_INVALID);
    }

  set_error_widget (GTK_WIDGET (self->lessons_error), self->lessons_error, NULL);
  set_error_widget (GTK_WIDGET (self->general_error_label), self->general_error_label, NULL);
}

/* Shows @error next to the field it is about, or above the form.
 * Returns: the key it was shown at, or NULL */
static const char *
show_error (LiaReportForm *self,
            const GError  *error)
{
  const char *key = key_of_message (self, error->message);
  g_autofree char *message = key != NULL ? humanize_message (self, error->message) : NULL;
  FormField *field = key != NULL ? find_field (self, key) : NULL;

  if (field != NULL)
    {
      /* The first message about a field is the one to fix first */
      if (!gtk_widget_get_visible (field->error_widget))
        set_error_widget (field->error_widget, field->error_label, message);
      gtk_widget_add_css_class (field->input, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (field->input),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else if (g_strcmp0 (key, "lessons") == 0)
    set_error_widget (GTK_WIDGET (self->lessons_error), self->lessons_error, message);
  else if (g_strcmp0 (key, "attachments") == 0)
    set_error_widget (GTK_WIDGET (self->attachments_error), self->attachments_error, message);
  else
    set_error_widget (GTK_WIDGET (self->general_error_label), self->general_error_label, error->message);

  return key;
}

/* Gives @key in @body a value that passes, so that validation goes on to
 * the next field */
static void
patch_member (JsonObject *body,
              const char *key)
{
  if (g_str_equal (key, "period_start") || g_str_equal (key, "period_end"))
    {
      json_object_set_string_member (body, "period_start", "2000-01-01");
      json_object_set_string_member (body, "period_end", "2000-01-01");
    }
  else if (g_str_equal (key, "language"))
    json_object_set_string_member (body, key, "en");
  else if (g_str_equal (key, "participants"))
    {
      JsonArray *array = json_array_new ();
      JsonObject *role = json_object_new ();

      json_object_set_string_member (role, "role", "x");
      json_array_add_object_element (array, role);
      json_object_set_array_member (body, key, array);
    }
  else if (g_str_equal (key, "incident_uuids"))
    {
      JsonArray *array = json_array_new ();

      json_array_add_string_element (array, "00000000-0000-4000-8000-000000000000");
      json_object_set_array_member (body, key, array);
    }
  else if (g_str_equal (key, "lessons") || g_str_equal (key, "attachments"))
    json_object_remove_member (body, key);
  else
    json_object_set_string_member (body, key, "x");
}

static gboolean
check_operation (LiaReportForm *self)
{
  const char *operation = lia_record_get_operation (LIA_RECORD (self->report));
  FormField *field = find_field (self, "operation");

  if (operation != NULL && *operation != '\0')
    return TRUE;

  set_error_widget (field->error_widget, field->error_label,
                    _("Say which operation this report belongs to, as HQ names it."));
  gtk_widget_add_css_class (field->input, "error");

  return FALSE;
}

/**
 * lia_report_form_check:
 *
 * Checks the report as HQ will receive it and shows every message of the
 * core next to its field, not only the first.
 *
 * Returns: whether it can be submitted
 */
gboolean
lia_report_form_check (LiaReportForm *self)
{
  g_autoptr(LiaReport) scratch = NULL;
  g_autoptr(GList) members = NULL;
  JsonObject *body;
  gboolean valid;

  g_return_val_if_fail (LIA_IS_REPORT_FORM (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  collect (self);
  clear_errors (self);
  valid = check_operation (self);

  /* A copy, whose wrong fields are patched one after the other */
  scratch = lia_report_new ("scratch", lia_report_get_kind (self->report));
  body = lia_report_get_body (scratch);
  members = json_object_get_members (lia_report_get_body (self->report));
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (body, l->data,
                            json_node_copy (json_object_get_member (lia_report_get_body (self->report), l->data)));

  for (guint round = 0; round < MAX_CHECK_ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      const char *key;

      if (lia_report_validate (scratch, TRUE, &error))
        break;

      valid = FALSE;
      if (!(key = show_error (self, error)))
        break;
      patch_member (body, key);
    }

  return valid;
}

/* ---- saving ---------------------------------------------------------------- */

static void
set_saved_text (LiaReportForm *self,
                const char    *text)
{
  gtk_label_set_label (self->saved_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->saved_label), text != NULL);
}

/**
 * lia_report_form_save_draft:
 *
 * Saves what the form says on this computer.  A field the core refuses
 * even in a draft (a date not yet complete) is left out and marked; the
 * rest is saved all the same.
 *
 * Returns: whether everything was saved
 */
gboolean
lia_report_form_save_draft (LiaReportForm *self)
{
  LiaStore *store;
  gboolean complete = TRUE;

  g_return_val_if_fail (LIA_IS_REPORT_FORM (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (self->report == NULL || is_submitted (self))
    return TRUE;

  store = lia_context_get_store (self->context);
  collect (self);
  clear_errors (self);
  self->dirty = FALSE;

  if (!check_operation (self))
    {
      set_saved_text (self, _("Not saved"));
      return FALSE;
    }

  for (guint round = 0; round < MAX_CHECK_ROUNDS; round++)
    {
      g_autoptr(GError) error = NULL;
      const char *key;

      if (lia_store_save (store, LIA_RECORD (self->report), &error))
        {
          set_saved_text (self, complete ? _("Saved on this computer") : _("Saved in part"));
          return complete;
        }

      complete = FALSE;
      key = show_error (self, error);
      if (key == NULL || !json_object_has_member (lia_report_get_body (self->report), key))
        break;
      json_object_remove_member (lia_report_get_body (self->report), key);
    }

  set_saved_text (self, _("Not saved"));
  return FALSE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  LiaReportForm *self = user_data;

  self->save_id = 0;
  lia_report_form_save_draft (self);

  return G_SOURCE_REMOVE;
}

static void
changed_cb (LiaReportForm *self)
{
  if (self->loading || self->report == NULL || is_submitted (self))
    return;

  self->dirty = TRUE;
  set_saved_text (self, NULL);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (DRAFT_SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
flush (LiaReportForm *self)
{
  if (self->save_id != 0 || self->dirty)
    lia_report_form_save_draft (self);
}

static void
sensitivity_changed_cb (LiaReportForm *self)
{
  LiaSensitivity sensitivity = lia_sensitivity_row_get_sensitivity (self->sensitivity_row);

  lia_sensitivity_badge_set_sensitivity (self->sensitivity_badge, sensitivity);
  changed_cb (self);
}

/* ---- building the form --------------------------------------------------- */

static GtkWidget *
new_error_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);

  return label;
}

static GtkWidget *
new_heading (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "heading");

  return label;
}

static GtkWidget *
new_text_view (LiaReportForm *self,
               const char    *label)
{
  GtkWidget *view = gtk_text_view_new ();

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 10);
  gtk_widget_set_size_request (view, -1, 72);
  gtk_widget_add_css_class (view, "report-text");
  gtk_accessible_update_property (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  GTK_ACCESSIBLE_PROPERTY_MULTI_LINE, TRUE,
                                  -1);
  g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), "changed",
                           G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);

  return view;
}

static GtkWidget *
new_boxed_list (void)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  return list;
}

static GtkWidget *
new_section (LiaReportForm *self,
             const char    *title)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_box_append (GTK_BOX (section), new_heading (title));
  gtk_box_append (GTK_BOX (self->sections_box), section);

  return section;
}

/* One-line fields of a section share a boxed list; a field's message is a
 * row right under it. */
static void
add_entry_field (LiaReportForm *self,
                 GtkWidget    **list,
                 GtkWidget     *section,
                 FormField     *field)
{
  const char *label = g_dgettext (GETTEXT_PACKAGE, field->spec->label);
  GtkWidget *error_row;
  GtkWidget *error_label;

  if (*list == NULL)
    {
      *list = new_boxed_list ();
      gtk_box_append (GTK_BOX (section), *list);
    }

  if (field->spec->input == INPUT_LANGUAGE)
    {
      const char * const names[] = { "English", "Français", "العربية", NULL };

      field->input = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (field->input),
                               G_LIST_MODEL (gtk_string_list_new (names)));
      g_signal_connect_object (field->input, "notify::selected",
                               G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
    }
  else
    {
      field->input = adw_entry_row_new ();
      g_signal_connect_object (field->input, "changed",
                               G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (field->input), label);
  gtk_list_box_append (GTK_LIST_BOX (*list), field->input);

  error_label = new_error_label ();
  gtk_widget_set_visible (error_label, TRUE);
  gtk_widget_set_margin_start (error_label, 12);
  gtk_widget_set_margin_end (error_label, 12);
  gtk_widget_set_margin_top (error_label, 6);
  gtk_widget_set_margin_bottom (error_label, 6);
  error_row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (error_row), FALSE);
  gtk_widget_set_focusable (error_row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (error_row), error_label);
  gtk_widget_set_visible (error_row, FALSE);
  gtk_list_box_append (GTK_LIST_BOX (*list), error_row);

  field->error_widget = error_row;
  field->error_label = GTK_LABEL (error_label);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->input),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error_label, NULL,
                                  -1);
}

static void
add_text_field (LiaReportForm *self,
                GtkWidget     *section,
                FormField     *field)
{
  const char *label_text = g_dgettext (GETTEXT_PACKAGE, field->spec->label);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *error_label = new_error_label ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  field->input = new_text_view (self, label_text);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), field->input);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (field->input),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, error_label, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (section), label);
  gtk_box_append (GTK_BOX (section), field->input);
  gtk_box_append (GTK_BOX (section), error_label);

  field->error_widget = error_label;
  field->error_label = GTK_LABEL (error_label);
}

static void remove_lesson_clicked_cb (GtkButton     *button,
                                      LiaReportForm *self);

static LessonEditor *
add_lesson_editor (LiaReportForm *self,
                   const char    *text,
                   const char    *tags)
{
  LessonEditor *editor = g_new0 (LessonEditor, 1);
  GtkWidget *row;
  g_autofree char *label = g_strdup_printf (_("Lesson %u"), self->lessons->len + 1);

  editor->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  editor->text = GTK_TEXT_VIEW (new_text_view (self, label));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (editor->text), text != NULL ? text : "", -1);
  gtk_box_append (GTK_BOX (editor->box), GTK_WIDGET (editor->text));

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  editor->tags = GTK_ENTRY (gtk_entry_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (editor->tags), TRUE);
  gtk_entry_set_placeholder_text (editor->tags, _("Tags, separated by commas"));
  gtk_editable_set_text (GTK_EDITABLE (editor->tags), tags != NULL ? tags : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->tags),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Tags of the lesson"),
                                  -1);
  g_signal_connect_object (editor->tags, "changed", G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (editor->tags));

  editor->remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (editor->remove, _("Remove Lesson"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (editor->remove),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove lesson"),
                                  -1);
  gtk_widget_add_css_class (editor->remove, "flat");
  g_object_set_data (G_OBJECT (editor->remove), "lesson-box", editor->box);
  g_signal_connect (editor->remove, "clicked", G_CALLBACK (remove_lesson_clicked_cb), self);
  gtk_box_append (GTK_BOX (row), editor->remove);
  gtk_box_append (GTK_BOX (editor->box), row);

  gtk_box_append (GTK_BOX (self->lessons_box), editor->box);
  g_ptr_array_add (self->lessons, editor);

  return editor;
}

static void
remove_lesson_clicked_cb (GtkButton     *button,
                          LiaReportForm *self)
{
  GtkWidget *box = g_object_get_data (G_OBJECT (button), "lesson-box");

  for (guint i = 0; i < self->lessons->len; i++)
    {
      LessonEditor *editor = g_ptr_array_index (self->lessons, i);

      if (editor->box == box)
        {
          gtk_box_remove (GTK_BOX (self->lessons_box), box);
          g_ptr_array_remove_index (self->lessons, i);
          changed_cb (self);
          return;
        }
    }
}

static void
add_lesson_clicked_cb (LiaReportForm *self)
{
  LessonEditor *editor = add_lesson_editor (self, NULL, NULL);

  gtk_widget_grab_focus (GTK_WIDGET (editor->text));
}

static void rebuild_attachments (LiaReportForm *self);

static void
remove_attachment_clicked_cb (GtkButton     *button,
                              LiaReportForm *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));
  JsonArray *attachments = lia_report_get_attachments (self->report);

  if (attachments == NULL || index >= json_array_get_length (attachments))
    return;

  json_array_remove_element (attachments, index);
  if (json_array_get_length (attachments) == 0)
    json_object_remove_member (lia_report_get_body (self->report), "attachments");
  rebuild_attachments (self);
  lia_report_form_save_draft (self);
}

static void
rebuild_attachments (LiaReportForm *self)
{
  JsonArray *attachments = self->report != NULL ? lia_report_get_attachments (self->report) : NULL;
  guint n = attachments != NULL ? json_array_get_length (attachments) : 0;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attachments_list))) != NULL)
    gtk_list_box_remove (self->attachments_list, child);

  gtk_widget_set_visible (GTK_WIDGET (self->attachments_list), n > 0);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);
      const char *name = json_object_get_string_member_with_default (attachment, "name", "");
      const char *mime = json_object_get_string_member_with_default (attachment, "mime", "");
      g_autofree char *size = g_format_size (json_object_get_int_member_with_default (attachment, "size", 0));
      g_autofree char *description = g_content_type_get_description (mime);
      /* Translators: an attachment's size and type, as in “48 kB — JPEG image” */
      g_autofree char *subtitle = g_strdup_printf (_("%s — %s"), size, description);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("mail-attachment-symbolic"));

      if (!is_submitted (self))
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *label = g_strdup_printf (_("Remove %s"), name);

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove Attachment"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_attachment_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }

      gtk_list_box_append (self->attachments_list, row);
    }
}

/* ---- attachments ----------------------------------------------------------- */

typedef struct
{
  LiaStore  *store;
  char      *path;
} AttachData;

static void
attach_data_free (AttachData *data)
{
  g_clear_object (&data->store);
  g_free (data->path);
  g_free (data);
}

/* Reading and hashing up to 10 MB: in a worker.  The store is only asked
 * for its folder; the report it fills is a scratch one. */
static void
attach_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AttachData *data = task_data;
  g_autoptr(LiaReport) scratch = lia_report_new ("scratch", LIA_REPORT_KIND_AAR);
  g_autoptr(GError) error = NULL;
  JsonArray *attachments;

  if (!lia_attachment_add_file (data->store, scratch, data->path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  attachments = lia_report_get_attachments (scratch);
  g_task_return_pointer (task, json_node_copy (json_array_get_element (attachments, 0)),
                         (GDestroyNotify) json_node_unref);
}

void
lia_report_form_add_attachment_async (LiaReportForm       *self,
                                      GFile               *file,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AttachData *data;

  g_return_if_fail (LIA_IS_REPORT_FORM (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_report_form_add_attachment_async);

  if (self->report == NULL || is_submitted (self) || g_file_peek_path (file) == NULL)
    {
      g_task_return_new_error (task, LIA_ERROR, LIA_ERROR_INVALID, "%s",
                               _("Only a draft saved on this computer can take attachments."));
      return;
    }

  data = g_new0 (AttachData, 1);
  data->store = g_object_ref (lia_context_get_store (self->context));
  data->path = g_file_get_path (file);
  g_task_set_task_data (task, data, (GDestroyNotify) attach_data_free);
  g_object_set_data_full (G_OBJECT (task), "report", g_object_ref (self->report), g_object_unref);
  g_task_run_in_thread (task, attach_thread);
}

/**
 * lia_report_form_add_attachment_finish:
 *
 * Lists the attachment in the draft and saves it, unless the report would
 * then carry too much: the error says so in words.
 */
gboolean
lia_report_form_add_attachment_finish (LiaReportForm  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_autoptr(JsonNode) attachment = NULL;
  g_autoptr(GError) local_error = NULL;
  LiaReport *report = g_object_get_data (G_OBJECT (result), "report");
  JsonArray *attachments;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  /* The officer went on to another report meanwhile */
  if (report != self->report)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The report was closed."));
      return FALSE;
    }

  set_error_widget (GTK_WIDGET (self->attachments_error), self->attachments_error, NULL);

  if (!(attachment = g_task_propagate_pointer (G_TASK (result), &local_error)))
    {
      set_error_widget (GTK_WIDGET (self->attachments_error), self->attachments_error, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!(attachments = lia_report_get_attachments (report)))
    {
      attachments = json_array_new ();
      json_object_set_array_member (lia_report_get_body (report), "attachments", attachments);
    }
  json_array_add_element (attachments, g_steal_pointer (&attachment));

  /* Too many, or too much together */
  if (!lia_report_validate (report, FALSE, &local_error))
    {
      g_autofree char *message = humanize_message (self, local_error->message);

      json_array_remove_element (attachments, json_array_get_length (attachments) - 1);
      if (json_array_get_length (attachments) == 0)
        json_object_remove_member (lia_report_get_body (report), "attachments");
      set_error_widget (GTK_WIDGET (self->attachments_error), self->attachments_error, message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  rebuild_attachments (self);
  lia_report_form_save_draft (self);

  return TRUE;
}

static void
attachment_added_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LiaReportForm *self = LIA_REPORT_FORM (object);
  g_autoptr(GError) error = NULL;

  if (!lia_report_form_add_attachment_finish (self, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_toast (self, error->message);
}

static void
attachment_chosen_cb (GtkNativeDialog *chooser,
                      int              response,
                      LiaReportForm   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      lia_report_form_add_attachment_async (self, file, NULL, attachment_added_cb, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
add_attachment_clicked_cb (LiaReportForm *self)
{
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Attach a File"),
                                         GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Attach"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (attachment_chosen_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the report in the widgets -------------------------------------------- */

static void
clear_form (LiaReportForm *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (self->sections_box)) != NULL)
    gtk_box_remove (GTK_BOX (self->sections_box), child);

  g_array_set_size (self->fields, 0);
  g_ptr_array_set_size (self->lessons, 0);
  self->lessons_box = NULL;
  self->lessons_error = NULL;
  self->attachments_list = NULL;
  self->attachments_error = NULL;
  self->add_lesson_button = NULL;
  self->add_attachment_button = NULL;
  self->sensitivity_row = NULL;
}

static void
build_form (LiaReportForm *self,
            LiaReportKind  kind)
{
  const char *section_name = NULL;
  GtkWidget *section = NULL;
  GtkWidget *list = NULL;
  GtkWidget *button;
  GtkWidget *first_list = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (field_specs); i++)
    {
      const FieldSpec *spec = &field_specs[i];
      FormField field = { spec, };

      if (!(spec->kinds & (1 << kind)))
        continue;

      if (g_strcmp0 (section_name, spec->section) != 0)
        {
          section_name = spec->section;
          section = new_section (self, g_dgettext (GETTEXT_PACKAGE, spec->section));
          list = NULL;
        }

      if (spec->input == INPUT_TEXT)
        {
          add_text_field (self, section, &field);
          list = NULL;
        }
      else
        add_entry_field (self, &list, section, &field);
      if (first_list == NULL)
        first_list = list;

      g_array_append_val (self->fields, field);
    }

  /* Who may read it, with what the report is about */
  self->sensitivity_row = LIA_SENSITIVITY_ROW (lia_sensitivity_row_new ());
  gtk_list_box_append (GTK_LIST_BOX (first_list), GTK_WIDGET (self->sensitivity_row));
  g_signal_connect_object (self->sensitivity_row, "notify::sensitivity",
                           G_CALLBACK (sensitivity_changed_cb), self, G_CONNECT_SWAPPED);

  /* Lessons */
  section = new_section (self, _("Lessons"));
  self->lessons_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_box_append (GTK_BOX (section), self->lessons_box);
  self->lessons_error = GTK_LABEL (new_error_label ());
  gtk_box_append (GTK_BOX (section), GTK_WIDGET (self->lessons_error));
  button = gtk_button_new_with_mnemonic (_("Add _Lesson"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_lesson_clicked_cb), self);
  gtk_box_append (GTK_BOX (section), button);
  self->add_lesson_button = button;

  /* Attachments */
  section = new_section (self, _("Attachments"));
  self->attachments_list = GTK_LIST_BOX (new_boxed_list ());
  gtk_box_append (GTK_BOX (section), GTK_WIDGET (self->attachments_list));
  self->attachments_error = GTK_LABEL (new_error_label ());
  gtk_box_append (GTK_BOX (section), GTK_WIDGET (self->attachments_error));
  button = gtk_button_new_with_mnemonic (_("_Attach a File…"));
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Up to 10 MB a file and 25 MB in all"));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_attachment_clicked_cb), self);
  gtk_box_append (GTK_BOX (section), button);
  self->add_attachment_button = button;
}

static const char *
default_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    for (guint j = 0; j < G_N_ELEMENTS (language_codes); j++)
      if (g_str_has_prefix (names[i], language_codes[j]))
        return language_codes[j];

  return "en";
}

static void
set_read_only (LiaReportForm *self,
               gboolean       read_only)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *field = &g_array_index (self->fields, FormField, i);

      if (GTK_IS_TEXT_VIEW (field->input))
        {
          gtk_text_view_set_editable (GTK_TEXT_VIEW (field->input), !read_only);
        }
      else if (ADW_IS_COMBO_ROW (field->input))
        gtk_widget_set_sensitive (field->input, !read_only);
      else
        gtk_editable_set_editable (GTK_EDITABLE (field->input), !read_only);
    }

  for (guint i = 0; i < self->lessons->len; i++)
    {
      LessonEditor *editor = g_ptr_array_index (self->lessons, i);

      gtk_text_view_set_editable (editor->text, !read_only);
      gtk_editable_set_editable (GTK_EDITABLE (editor->tags), !read_only);
      gtk_widget_set_visible (editor->remove, !read_only);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->sensitivity_row), !read_only);
  gtk_widget_set_visible (self->add_lesson_button, !read_only);
  gtk_widget_set_visible (self->add_attachment_button, !read_only);
  gtk_widget_set_visible (self->action_bar, !read_only);
}

static void
update_notice (LiaReportForm *self)
{
  if (is_submitted (self))
    {
      const char *submitted_at = lia_report_get_string (self->report, "submitted_at");
      g_autoptr(GDateTime) time = submitted_at != NULL ? g_date_time_new_from_iso8601 (submitted_at, NULL) : NULL;
      g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;
      g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("");
      g_autofree char *text = NULL;

      /* Translators: %s is a date and time */
      text = g_strdup_printf (_("Submitted on %s. It goes to HQ at the next sync and can no longer be changed; to correct it, write a new report."),
                              when);
      gtk_label_set_label (self->notice_label, text);
    }
  else
    gtk_label_set_label (self->notice_label,
                         _("Draft: kept on this computer as you type, until you submit it to HQ."));
}

static void
load_report (LiaReportForm *self)
{
  JsonObject *body = lia_report_get_body (self->report);
  JsonArray *lessons;
  gboolean has_language = lia_report_get_string (self->report, "language") != NULL;

  self->loading = TRUE;

  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *field = &g_array_index (self->fields, FormField, i);
      const char *key = field->spec->key;
      g_autofree char *text = NULL;

      switch (field->spec->value)
        {
        case VALUE_OPERATION:
          text = g_strdup (lia_record_get_operation (LIA_RECORD (self->report)));
          break;
        case VALUE_ROLES:
          text = join_list (body_array (body, key), "role");
          break;
        case VALUE_UUIDS:
          text = join_list (body_array (body, key), NULL);
          break;
        case VALUE_STRING:
        default:
          text = g_strdup (lia_report_get_string (self->report, key));
          break;
        }

      if (ADW_IS_COMBO_ROW (field->input))
        {
          const char *code = text != NULL ? text : default_language ();

          for (guint j = 0; j < G_N_ELEMENTS (language_codes); j++)
            if (g_str_equal (code, language_codes[j]))
              adw_combo_row_set_selected (ADW_COMBO_ROW (field->input), j);
        }
      else if (GTK_IS_TEXT_VIEW (field->input))
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (field->input)),
                                  text != NULL ? text : "", -1);
      else
        gtk_editable_set_text (GTK_EDITABLE (field->input), text != NULL ? text : "");
    }

  lessons = lia_report_get_lessons (self->report);
  for (guint i = 0; lessons != NULL && i < json_array_get_length (lessons); i++)
    {
      JsonNode *node = json_array_get_element (lessons, i);
      JsonObject *lesson;
      g_autofree char *tags = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      lesson = json_node_get_object (node);
      tags = join_list (body_array (lesson, "tags"), NULL);
      add_lesson_editor (self, json_object_get_string_member_with_default (lesson, "text", ""), tags);
    }

  lia_sensitivity_row_set_sensitivity (self->sensitivity_row,
                                       lia_record_get_sensitivity (LIA_RECORD (self->report)));
  lia_sensitivity_badge_set_sensitivity (self->sensitivity_badge,
                                         lia_record_get_sensitivity (LIA_RECORD (self->report)));
  rebuild_attachments (self);
  update_notice (self);
  set_read_only (self, is_submitted (self));
  set_saved_text (self, NULL);

  self->loading = FALSE;

  /* A new draft gets the interface's language, which is saved with it */
  if (!has_language && !is_submitted (self))
    self->dirty = TRUE;
}

/**
 * lia_report_form_set_report:
 * @report: (nullable): the report to show; a draft is edited in place
 *
 * Saves what was typed into the previous draft first.
 */
void
lia_report_form_set_report (LiaReportForm *self,
                            LiaContext    *context,
                            LiaReport     *report)
{
  g_return_if_fail (LIA_IS_REPORT_FORM (self));
  g_return_if_fail (report == NULL || LIA_IS_REPORT (report));

  if (self->report != NULL)
    flush (self);

  g_set_object (&self->context, context);
  if (report == self->report && report != NULL)
    return;

  clear_form (self);
  g_set_object (&self->report, report);
  self->dirty = FALSE;

  if (report == NULL)
    {
      lia_sensitivity_badge_set_sensitivity (self->sensitivity_badge, LIA_SENSITIVITY_PUBLIC);
      return;
    }

  build_form (self, lia_report_get_kind (report));
  load_report (self);
}

LiaReport *
lia_report_form_get_report (LiaReportForm *self)
{
  g_return_val_if_fail (LIA_IS_REPORT_FORM (self), NULL);

  return self->report;
}

/* For tests: the message shown next to a field, or NULL */
const char *
lia_report_form_get_field_error (LiaReportForm *self,
                                 const char    *key)
{
  FormField *field;

  g_return_val_if_fail (LIA_IS_REPORT_FORM (self), NULL);

  if (g_str_equal (key, "lessons"))
    return gtk_widget_get_visible (GTK_WIDGET (self->lessons_error)) ? gtk_label_get_label (self->lessons_error) : NULL;

  if (!(field = find_field (self, key)) || !gtk_widget_get_visible (field->error_widget))
    return NULL;

  return gtk_label_get_label (field->error_label);
}

GtkWidget *
lia_report_form_get_field_input (LiaReportForm *self,
                                 const char    *key)
{
  FormField *field;

  g_return_val_if_fail (LIA_IS_REPORT_FORM (self), NULL);

  if (g_str_equal (key, "sensitivity"))
    return GTK_WIDGET (self->sensitivity_row);

  field = find_field (self, key);

  return field != NULL ? field->input : NULL;
}

void
lia_report_form_focus_first (LiaReportForm *self)
{
  g_return_if_fail (LIA_IS_REPORT_FORM (self));

  if (self->fields->len == 0)
    return;

  /* The first field with a message, or else the first one */
  for (guint i = 0; i < self->fields->len; i++)
    {
      FormField *field = &g_array_index (self->fields, FormField, i);

      if (gtk_widget_get_visible (field->error_widget))
        {
          gtk_widget_grab_focus (field->input);
          return;
        }
    }

  gtk_widget_grab_focus (g_array_index (self->fields, FormField, 0).input);
}

/* ---- submitting ------------------------------------------------------------ */

/**
 * lia_report_form_submit:
 *
 * Submits the report at once, without asking: the Submit button asks first.
 */
gboolean
lia_report_form_submit (LiaReportForm  *self,
                        GError        **error)
{
  g_return_val_if_fail (LIA_IS_REPORT_FORM (self), FALSE);
  g_return_val_if_fail (self->report != NULL, FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);

  if (!lia_report_form_check (self))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("Some fields need attention before the report can go to HQ: they are marked in red."));
      return FALSE;
    }

  if (!lia_report_submit (self->report, lia_context_get_store (self->context), error))
    {
      show_error (self, *error);
      return FALSE;
    }

  self->dirty = FALSE;
  lia_sensitivity_row_set_sensitivity (self->sensitivity_row,
                                       lia_record_get_sensitivity (LIA_RECORD (self->report)));
  lia_sensitivity_badge_set_sensitivity (self->sensitivity_badge,
                                         lia_record_get_sensitivity (LIA_RECORD (self->report)));
  rebuild_attachments (self);
  update_notice (self);
  set_read_only (self, TRUE);
  g_signal_emit (self, signals[SUBMITTED], 0);

  return TRUE;
}

static void
submit_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LiaReportForm    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "submit") && self->report != NULL && !is_submitted (self))
    {
      if (lia_report_form_submit (self, &error))
        show_toast (self, _("Submitted: the report goes to HQ at the next sync"));
      else
        show_toast (self, error->message);
    }

  g_object_unref (self);
}

static void
submit_clicked_cb (LiaReportForm *self)
{
  GtkWidget *dialog;

  if (self->report == NULL || is_submitted (self))
    return;

  lia_report_form_save_draft (self);
  if (!lia_report_form_check (self))
    {
      show_toast (self, _("Some fields need attention before the report can go to HQ: they are marked in red."));
      lia_report_form_focus_first (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Submit the Report?"),
                                   _("It will go to HQ at the next sync. After that it can no longer be changed."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "submit", _("_Submit"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "submit", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "submit");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (submit_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_clicked_cb (LiaReportForm *self)
{
  self->dirty = TRUE;
  if (lia_report_form_save_draft (self))
    show_toast (self, _("Draft saved on this computer"));
  else
    show_toast (self, _("Some fields were not saved: they are marked in red."));
}

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    LiaReportForm    *self)
{
  g_autoptr(GError) error = NULL;

  if (g_str_equal (response, "delete") && self->report != NULL && !is_submitted (self))
    {
      g_autoptr(LiaReport) report = g_object_ref (self->report);

      g_clear_handle_id (&self->save_id, g_source_remove);
      self->dirty = FALSE;
      if (lia_store_delete (lia_context_get_store (self->context), LIA_RECORD (report), &error))
        {
          lia_report_form_set_report (self, self->context, NULL);
          g_signal_emit (self, signals[DELETED], 0);
        }
      else
        show_toast (self, error->message);
    }

  g_object_unref (self);
}

static void
delete_clicked_cb (LiaReportForm *self)
{
  GtkWidget *dialog;

  if (self->report == NULL || is_submitted (self))
    return;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Delete the Draft?"),
                                   _("It was never sent to HQ, and it will be gone from this computer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (delete_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- the object ------------------------------------------------------------- */

static void
lia_report_form_unmap (GtkWidget *widget)
{
  /* Leaving the page, or closing the window: nothing typed is lost */
  flush (LIA_REPORT_FORM (widget));

  GTK_WIDGET_CLASS (lia_report_form_parent_class)->unmap (widget);
}

static void
lia_report_form_dispose (GObject *object)
{
  LiaReportForm *self = (LiaReportForm *)object;

  if (self->report != NULL && self->context != NULL)
    flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_object (&self->report);
  g_clear_object (&self->context);

  /* AdwBin unparents its child, the template's only one */
  G_OBJECT_CLASS (lia_report_form_parent_class)->dispose (object);
}

static void
lia_report_form_finalize (GObject *object)
{
  LiaReportForm *self = (LiaReportForm *)object;

  g_clear_pointer (&self->fields, g_array_unref);
  g_clear_pointer (&self->lessons, g_ptr_array_unref);

  G_OBJECT_CLASS (lia_report_form_parent_class)->finalize (object);
}

static void
lia_report_form_class_init (LiaReportFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = lia_report_form_dispose;
  object_class->finalize = lia_report_form_finalize;
  widget_class->unmap = lia_report_form_unmap;

  /**
   * LiaReportForm::submitted:
   *
   * The report went from draft to submitted.
   */
  signals[SUBMITTED] = g_signal_new ("submitted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * LiaReportForm::deleted:
   *
   * The draft was deleted; the form is empty.
   */
  signals[DELETED] = g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (LIA_TYPE_SENSITIVITY_BADGE);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/cmcoord/Liaison/ui/lia-report-form.ui");
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, sections_box);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, notice_label);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, sensitivity_badge);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, general_error_label);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, action_bar);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, saved_label);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, save_button);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, submit_button);
  gtk_widget_class_bind_template_child (widget_class, LiaReportForm, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, submit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
lia_report_form_init (LiaReportForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields = g_array_new (FALSE, TRUE, sizeof (FormField));
  self->lessons = g_ptr_array_new_with_free_func (g_free);
}
