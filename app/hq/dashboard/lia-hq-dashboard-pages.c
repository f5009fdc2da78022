/* lia-hq-dashboard-pages.c — the inbox, a record, lessons, devices, export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Clearance: every query goes through query_records(), which only returns
 * live records received from the field, of the user's operations, no more
 * sensitive than their clearance.  Inside a record, a nested object with
 * its own "sensitivity" above the user's clearance (an actor's contact,
 * say) is shown as hidden, never its content; the search index keeps such
 * parts apart too (lia-hq-search.c).
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "lia-clock.h"
#include "lia-db.h"
#include "lia-hq-blobs.h"
#include "lia-hq-dashboard-private.h"
#include "lia-hq-search.h"

/* The inbox shows the newest; the export takes more. */
#define INBOX_LIMIT   500
#define EXPORT_LIMIT  50000
#define LESSONS_LIMIT 5000

/* Deeper nesting than this in a record is shown as “…”. */
#define MAX_DEPTH 12

void
lia_hq_record_free (LiaHqRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->uuid);
  g_free (record->record_type);
  g_free (record->operation);
  g_free (record->changed_at);
  g_free (record->device_name);
  g_clear_pointer (&record->body, json_node_unref);
  g_free (record);
}

/* ---- queries ------------------------------------------------------------------ */

typedef struct
{
  const char *operation;
  const char *type;
  const char *text;
  const char *uuid;
} Filter;

static void
filter_from_query (LiaHqRequest *req,
                   Filter       *filter)
{
  filter->operation = lia_hq_query_get (req, "operation");
  filter->type = lia_hq_query_get (req, "type");
  filter->text = lia_hq_query_get (req, "q");
  filter->uuid = NULL;
}

/* What the user may see, newest first. */
static GPtrArray *
query_records (LiaHqRequest  *req,
               const Filter  *filter,
               guint          limit,
               GError       **error)
{
  const LiaHqUser *user = req->session->user;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify)lia_hq_record_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *operations = lia_hq_user_dup_operations_json (user);
  g_autofree char *match = NULL;
  int rc;

  if (filter->text != NULL && !(match = lia_hq_search_build_match (filter->text, user->clearance)))
    return g_steal_pointer (&records);   /* no word to look for */

  if (!(stmt = lia_db_prepare (req->db,
                               "SELECT r.uuid, r.record_type, r.operation, r.sensitivity, r.revision,"
                               "       r.changed_at, r.body, d.name"
                               "  FROM records r LEFT JOIN devices d ON d.id = r.origin_device"
                               " WHERE NOT r.tombstone AND r.origin_device IS NOT NULL"
                               "   AND r.sensitivity <= ?1"
                               "   AND (?2 IS NULL OR r.operation IN (SELECT value FROM json_each (?2)))"
                               "   AND (?3 IS NULL OR r.operation = ?3)"
                               "   AND (?4 IS NULL OR r.record_type = ?4)"
                               "   AND (?5 IS NULL OR r.rowid IN (SELECT rowid FROM records_fts"
                               "                                   WHERE records_fts MATCH ?5))"
                               "   AND (?6 IS NULL OR r.uuid = ?6)"
                               " ORDER BY r.changed_at DESC, r.uuid LIMIT ?7",
                               error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, user->clearance);
  sqlite3_bind_text (stmt, 2, operations, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, filter->operation, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, filter->type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, match, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, filter->uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 7, limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      LiaHqRecord *record = g_new0 (LiaHqRecord, 1);
      JsonNode *body = json_from_string ((const char *)sqlite3_column_text (stmt, 6), NULL);

      record->uuid = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      record->record_type = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      record->operation = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      record->sensitivity = CLAMP (sqlite3_column_int (stmt, 3), 0, LIA_SENSITIVITY_LAST);
      record->revision = sqlite3_column_int64 (stmt, 4);
      record->changed_at = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
      record->device_name = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
      if (body == NULL || !JSON_NODE_HOLDS_OBJECT (body))
        {
          g_clear_pointer (&body, json_node_unref);
          body = json_node_new (JSON_NODE_OBJECT);
          json_node_take_object (body, json_object_new ());
        }
      record->body = body;
      g_ptr_array_add (records, record);
    }

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (req->db, "reading records", error);
      return NULL;
    }

  return g_steal_pointer (&records);
}

/* Distinct values of @column among what the user may see. */
static GPtrArray *
query_distinct (LiaHqRequest  *req,
                const char    *column,
                GError       **error)
{
  const LiaHqUser *user = req->session->user;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *operations = lia_hq_user_dup_operations_json (user);
  g_autofree char *sql = NULL;
  int rc;

  g_assert (g_str_equal (column, "operation") || g_str_equal (column, "record_type"));

  sql = g_strdup_printf ("SELECT DISTINCT %s FROM records"
                         " WHERE NOT tombstone AND origin_device IS NOT NULL AND sensitivity <= ?1"
                         "   AND (?2 IS NULL OR operation IN (SELECT value FROM json_each (?2)))"
                         " ORDER BY 1", column);
  if (!(stmt = lia_db_prepare (req->db, sql, error)))
    return NULL;

  sqlite3_bind_int (stmt, 1, user->clearance);
  sqlite3_bind_text (stmt, 2, operations, -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (values, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (req->db, "reading records", error);
      return NULL;
    }

  return g_steal_pointer (&values);
}

static void
respond_error (LiaHqRequest *req,
               const GError *error)
{
  g_warning ("dashboard: %s", error->message);
  lia_hq_respond_message (req, SOUP_STATUS_INTERNAL_SERVER_ERROR, _("Something went wrong"),
                          _("HQ could not read its data. Try again in a moment; if it goes on, tell the HQ "
                            "administrator."));
}

/* ---- words --------------------------------------------------------------------- */

static const char *
body_string (JsonNode   *body,
             const char *member)
{
  JsonNode *node = json_object_get_member (json_node_get_object (body), member);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static const char *
type_label (const char *record_type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "report", N_("Report") },
    { "incident", N_("Incident") },
    { "site-notification", N_("Site notification") },
    { "movement-notification", N_("Movement notification") },
    { "transmission", N_("Transmission") },
    { "actor", N_("Actor") },
    { "relationship", N_("Relationship") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      if (g_strcmp0 (labels[i].type, record_type) == 0)
        return _(labels[i].label);
    }

  return record_type;
}

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "aar") == 0)
    return _("After-action review");
  if (g_strcmp0 (kind, "sitrep") == 0)
    return _("Situation report");
  if (g_strcmp0 (kind, "followup") == 0)
    return _("Follow-up report");

  return kind;
}

/* The record's own language, if it says one. */
static const char *
record_language (const LiaHqRecord *record)
{
  const char *language = body_string (record->body, "language");

  if (language != NULL && (g_str_equal (language, "en") || g_str_equal (language, "fr") ||
                           g_str_equal (language, "ar")))
    return language;

  return NULL;
}

/* A name for the record in a list: its title, name or first words. */
static char *
record_title (const LiaHqRecord *record)
{
  static const char * const members[] = { "title", "name", "subject", "summary", "text", "event" };
  JsonObjectIter iter;
  const char *member_name;
  JsonNode *member;

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char *value = body_string (record->body, members[i]);

      if (value != NULL && value[0] != '\0')
        return g_utf8_substring (value, 0, MIN (g_utf8_strlen (value, -1), 120));
    }

  json_object_iter_init (&iter, json_node_get_object (record->body));
  while (json_object_iter_next (&iter, &member_name, &member))
    {
      if (json_node_get_value_type (member) == G_TYPE_STRING && !g_str_equal (member_name, "language") &&
          json_node_get_string (member)[0] != '\0')
        return g_utf8_substring (json_node_get_string (member), 0,
                                 MIN (g_utf8_strlen (json_node_get_string (member), -1), 120));
    }

  return g_strdup_printf ("%s %.8s", type_label (record->record_type), record->uuid);
}

/* "2026-03-01T09:30:00.000000Z" → "2026-03-01 09:30 UTC"; anything
 * else as it came. */
static char *
format_time (const char *iso8601)
{
  g_autoptr(GDateTime) time_value = NULL;

  if (iso8601 == NULL)
    return NULL;

  if (!(time_value = g_date_time_new_from_iso8601 (iso8601, NULL)))
    return g_strdup (iso8601);

  return g_date_time_format (time_value, "%Y-%m-%d %H:%M UTC");
}

static void
append_badge (GString        *out,
              LiaSensitivity  sensitivity)
{
  lia_hq_html_append (out, "<span class=\"badge s%d\">%s</span>",
                      (int)sensitivity, lia_sensitivity_get_label (sensitivity));
}

/* Member names of unknown fields, for people: "why_different" → "Why
 * different". */
static char *
humanize (const char *member)
{
  g_autofree char *spaced = g_strdup (member);
  g_autofree char *first = NULL;
  const char *rest;

  g_strdelimit (spaced, "_-", ' ');
  if (!g_utf8_validate (spaced, -1, NULL) || spaced[0] == '\0')
    return g_steal_pointer (&spaced);

  rest = g_utf8_next_char (spaced);
  first = g_utf8_strup (spaced, rest - spaced);

  return g_strconcat (first, rest, NULL);
}

/* ---- the filters form ------------------------------------------------------------ */

static void
append_select (GString    *out,
               const char *id,
               const char *label,
               const char *all_label,
               GPtrArray  *values,
               const char *selected,
               gboolean    types)
{
  lia_hq_html_append (out, "<p><label for=\"%s\">%s</label>\n<select id=\"%s\" name=\"%s\">\n"
                      "<option value=\"\">%s</option>\n",
                      id, label, id, id + strlen ("f-"), all_label);
  for (guint i = 0; i < values->len; i++)
    {
      const char *value = g_ptr_array_index (values, i);

      lia_hq_html_append (out, "<option value=\"%s\"%R>%s</option>\n",
                          value, g_strcmp0 (value, selected) == 0 ? " selected" : "",
                          types ? type_label (value) : value);
    }
  g_string_append (out, "</select></p>\n");
}

/* The query string of the current filters, for links. */
static char *
filter_query_string (const Filter *filter)
{
  g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);

  if (filter->operation != NULL)
    g_hash_table_insert (fields, (gpointer)"operation", (gpointer)filter->operation);
  if (filter->type != NULL)
    g_hash_table_insert (fields, (gpointer)"type", (gpointer)filter->type);
  if (filter->text != NULL)
    g_hash_table_insert (fields, (gpointer)"q", (gpointer)filter->text);

  return soup_form_encode_hash (fields);
}

/* ---- inbox ----------------------------------------------------------------------- */

void
lia_hq_page_inbox (LiaHqRequest *req)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GPtrArray) types = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query_string = NULL;
  g_autofree char *count = NULL;
  GString *out;
  Filter filter;

  filter_from_query (req, &filter);

  if (!(records = query_records (req, &filter, INBOX_LIMIT, &error)) ||
      !(operations = query_distinct (req, "operation", &error)) ||
      !(types = query_distinct (req, "record_type", &error)))
    {
      respond_error (req, error);
      return;
    }

  out = g_string_new (NULL);
  lia_hq_page_begin (req, out, _("Inbox"), LIA_HQ_NAV_INBOX);
  lia_hq_html_append (out,
                      "<h1>%s</h1>\n"
                      "<form class=\"filters\" method=\"get\" action=\"" LIA_HQ_DASHBOARD_PATH "/\" role=\"search\">\n"
                      "<p><label for=\"f-q\">%s</label>\n"
                      "<input id=\"f-q\" name=\"q\" type=\"search\" value=\"%s\" dir=\"auto\"></p>\n",
                      _("Inbox"), _("Search"), filter.text);
  append_select (out, "f-operation", _("Operation"), _("All operations"), operations, filter.operation, FALSE);
  append_select (out, "f-type", _("Type"), _("All types"), types, filter.type, TRUE);
  query_string = filter_query_string (&filter);
  lia_hq_html_append (out,
                      "<p class=\"actions\"><button type=\"submit\">%s</button>\n"
                      "<a href=\"" LIA_HQ_DASHBOARD_PATH "/\">%s</a>\n"
                      "<a href=\"" LIA_HQ_DASHBOARD_PATH "/export.csv%R%s\">%s</a></p>\n"
                      "</form>\n",
                      _("Filter"), _("Clear"),
                      query_string[0] != '\0' ? "?" : "", query_string, _("Export CSV (HXL)"));

  if (records->len == 0)
    {
      lia_hq_html_append (out, "<p class=\"empty\">%s</p>\n",
                          filter.operation == NULL && filter.type == NULL && filter.text == NULL
                          ? _("Nothing received yet. Reports, notifications and incidents appear here once "
                              "field devices have synced.")
                          : _("Nothing matches these filters. Clear them to see everything."));
      lia_hq_page_end (req, out);
      lia_hq_respond_page (req, SOUP_STATUS_OK, out);
      return;
    }

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", records->len), records->len);
  lia_hq_html_append (out,
                      "<table class=\"records\">\n"
                      "<caption>%s</caption>\n"
                      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
                      "<tbody>\n",
                      count, _("Title"), _("Type"), _("Operation"), _("Sensitivity"), _("From"), _("Updated"));

  for (guint i = 0; i < records->len; i++)
    {
      LiaHqRecord *record = g_ptr_array_index (records, i);
      g_autofree char *title = record_title (record);
      g_autofree char *updated = format_time (record->changed_at);
      const char *kind = g_str_equal (record->record_type, "report") ? body_string (record->body, "kind") : NULL;

      lia_hq_html_append (out, "<tr><td><a href=\"" LIA_HQ_DASHBOARD_PATH "/records/%s\">", record->uuid);
      lia_hq_html_append_text (out, "span", "title", record_language (record), title);
      lia_hq_html_append (out, "</a></td><td>%s%R%s</td><td>%s</td><td>",
                          type_label (record->record_type), kind != NULL ? " · " : "", kind_label (kind),
                          record->operation);
      append_badge (out, record->sensitivity);
      g_string_append (out, "</td><td>");
      lia_hq_html_append_text (out, "span", NULL, NULL, record->device_name != NULL ? record->device_name : "");
      lia_hq_html_append (out, "</td><td><time dir=\"ltr\" datetime=\"%s\">%s</time></td></tr>\n",
                          record->changed_at, updated);
    }
  g_string_append (out, "</tbody>\n</table>\n");
  if (records->len == INBOX_LIMIT)
    lia_hq_html_append (out, "<p class=\"note\">%s</p>\n",
                        _("Only the newest records are shown. Narrow the filters, or export them all."));

  lia_hq_page_end (req, out);
  lia_hq_respond_page (req, SOUP_STATUS_OK, out);
}

/* ---- a record -------------------------------------------------------------------- */

static void render_value (LiaHqRequest *req,
                          GString      *out,
                          JsonNode     *node,
                          const char   *language,
                          guint         depth);

/* A nested part with its own sensitivity above the user's clearance. */
static gboolean
is_hidden_part (LiaHqRequest   *req,
                JsonObject     *object,
                LiaSensitivity *level)
{
  const char *name = json_object_get_string_member_with_default (object, "sensitivity", NULL);

  return name != NULL && lia_sensitivity_from_string (name, level) &&
         *level > req->session->user->clearance;
}

static void
render_hidden (GString        *out,
               LiaSensitivity  level)
{
  lia_hq_html_append (out, "<p class=\"hidden-part\">");
  append_badge (out, level);
  lia_hq_html_append (out, " %s</p>\n", _("Hidden: this part is above your clearance."));
}

static void
render_object (LiaHqRequest *req,
               GString      *out,
               JsonObject   *object,
               const char   *language,
               guint         depth,
               const char * const *skip)
{
  JsonObjectIter iter;
  const char *member_name;
  JsonNode *member;
  LiaSensitivity level;

  if (is_hidden_part (req, object, &level))
    {
      render_hidden (out, level);
      return;
    }

  g_string_append (out, "<dl class=\"fields\">\n");
  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &member_name, &member))
    {
      g_autofree char *label = NULL;

      if (skip != NULL && g_strv_contains (skip, member_name))
        continue;

      label = humanize (member_name);
      lia_hq_html_append (out, "<dt>%s</dt>\n<dd>", label);
      render_value (req, out, member, language, depth + 1);
      g_string_append (out, "</dd>\n");
    }
  g_string_append (out, "</dl>\n");
}

static void
render_value (LiaHqRequest *req,
              GString      *out,
              JsonNode     *node,
              const char   *language,
              guint         depth)
{
  if (depth > MAX_DEPTH)
    {
      g_string_append (out, "…");
      return;
    }

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      render_object (req, out, json_node_get_object (node), language, depth, NULL);
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint len = json_array_get_length (array);

        if (len == 0)
          {
            g_string_append (out, "—");
            break;
          }

        g_string_append (out, "<ul class=\"values\">\n");
        for (guint i = 0; i < len; i++)
          {
            g_string_append (out, "<li>");
            render_value (req, out, json_array_get_element (array, i), language, depth + 1);
            g_string_append (out, "</li>\n");
          }
        g_string_append (out, "</ul>\n");
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        lia_hq_html_append_text (out, "span", "text", language, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        lia_hq_html_append (out, "%s", json_node_get_boolean (node) ? _("Yes") : _("No"));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        lia_hq_html_append (out, "%L", json_node_get_int (node));
      else
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          lia_hq_html_append (out, "%s", g_ascii_dtostr (number, sizeof number, json_node_get_double (node)));
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "—");
      break;
    }
}

typedef struct
{
  const char *member;
  const char *label;
} Section;

/* The parts of each kind of report, in reading order. */
static const Section aar_sections[] = {
  { "event", N_("Event") },
  { "planned", N_("What was planned") },
  { "happened", N_("What happened") },
  { "why_different", N_("Why it was different") },
  { "sustain", N_("What to keep doing") },
  { "improve", N_("What to improve") },
  { "participants", N_("Participants") },
  { NULL, NULL }
};
static const Section sitrep_sections[] = {
  { "developments", N_("Developments") },
  { "access_constraints", N_("Access constraints") },
  { "requests_to_hq", N_("Requests to HQ") },
  { NULL, NULL }
};
static const Section followup_sections[] = {
  { "incident_uuids", N_("Incidents followed up") },
  { "actions_taken", N_("Actions taken") },
  { "outcome", N_("Outcome") },
  { NULL, NULL }
};

/* Shown in the header or in sections of their own. */
static const char * const report_header_members[] = {
  "kind", "title", "status", "submitted_at", "period_start", "period_end", "language",
  "lessons", "attachments", NULL
};

static void
render_text_block (GString    *out,
                   JsonNode   *node,
                   const char *language)
{
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    lia_hq_html_append_text (out, "p", "text", language, json_node_get_string (node));
}

static void
render_participants (LiaHqRequest *req,
                     GString      *out,
                     JsonNode     *node,
                     const char   *language)
{
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL)
    return;

  g_string_append (out, "<ul class=\"values\">\n");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *role = NULL;
      LiaSensitivity level;

      g_string_append (out, "<li>");
      if (JSON_NODE_HOLDS_OBJECT (element) && is_hidden_part (req, json_node_get_object (element), &level))
        {
          render_hidden (out, level);
          g_string_append (out, "</li>\n");
          continue;
        }

      if (JSON_NODE_HOLDS_OBJECT (element))
        role = json_object_get_string_member_with_default (json_node_get_object (element), "role", NULL);
      else if (json_node_get_value_type (element) == G_TYPE_STRING)
        role = json_node_get_string (element);

      lia_hq_html_append_text (out, "span", NULL, language, role != NULL ? role : "—");
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n");
}

static void
render_lessons (LiaHqRequest *req,
                GString      *out,
                JsonNode     *node,
                const char   *language)
{
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    return;

  lia_hq_html_append (out, "<section>\n<h2>%s</h2>\n<ul class=\"lessons\">\n", _("Lessons"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *lesson = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonArray *tags;
      LiaSensitivity level;

      if (lesson == NULL)
        continue;

      g_string_append (out, "<li>");
      if (is_hidden_part (req, lesson, &level))
        {
          render_hidden (out, level);
          g_string_append (out, "</li>\n");
          continue;
        }

      lia_hq_html_append_text (out, "p", "text", language,
                               json_object_get_string_member_with_default (lesson, "text", ""));
      tags = json_object_has_member (lesson, "tags") &&
             JSON_NODE_HOLDS_ARRAY (json_object_get_member (lesson, "tags"))
             ? json_object_get_array_member (lesson, "tags") : NULL;
      if (tags != NULL && json_array_get_length (tags) > 0)
        {
          lia_hq_html_append (out, "<ul class=\"tags\" aria-label=\"%s\" dir=\"%R\">", _("Tags"),
                              g_strcmp0 (language, "ar") == 0 ? "rtl" : "ltr");
          for (guint j = 0; j < json_array_get_length (tags); j++)
            {
              const char *tag = json_node_get_value_type (json_array_get_element (tags, j)) == G_TYPE_STRING
                                ? json_array_get_string_element (tags, j) : NULL;
              g_autoptr(GHashTable) fields = NULL;
              g_autofree char *encoded = NULL;

              if (tag == NULL)
                continue;

              fields = g_hash_table_new (g_str_hash, g_str_equal);
              g_hash_table_insert (fields, (gpointer)"tag", (gpointer)tag);
              encoded = soup_form_encode_hash (fields);
              lia_hq_html_append (out, "<li><a href=\"" LIA_HQ_DASHBOARD_PATH "/lessons?%s\">", encoded);
              lia_hq_html_append_text (out, "span", NULL, language, tag);
              g_string_append (out, "</a></li>");
            }
          g_string_append (out, "</ul>");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul>\n</section>\n");
}

/* Shown in the page, not only offered for download. */
static gboolean
is_picture (const char *mime)
{
  return g_strcmp0 (mime, "image/jpeg") == 0 || g_strcmp0 (mime, "image/png") == 0 ||
         g_strcmp0 (mime, "image/webp") == 0;
}

static void
render_attachments (LiaHqRequest *req,
                    GString      *out,
                    const char   *uuid,
                    JsonNode     *node)
{
  g_autoptr(GString) pictures = g_string_new (NULL);

  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  if (array == NULL || json_array_get_length (array) == 0)
    return;

  lia_hq_html_append (out,
                      "<section>\n<h2>%s</h2>\n<table class=\"attachments\">\n"
                      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
                      _("Attachments"), _("Name"), _("Type"), _("Size"), _("SHA-256"));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *attachment = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      g_autofree char *size = NULL;
      JsonNode *size_node;
      LiaSensitivity level;
      const char *name;
      const char *mime;
      const char *sha256;
      gboolean received;

      if (attachment == NULL)
        continue;

      if (is_hidden_part (req, attachment, &level))
        {
          g_string_append (out, "<tr><td colspan=\"4\">");
          render_hidden (out, level);
          g_string_append (out, "</td></tr>\n");
          continue;
        }

      size_node = json_object_get_member (attachment, "size");
      if (size_node != NULL && json_node_get_value_type (size_node) == G_TYPE_INT64)
        size = g_format_size (json_node_get_int (size_node));

      name = json_object_get_string_member_with_default (attachment, "name", "");
      mime = json_object_get_string_member_with_default (attachment, "mime", "");
      sha256 = json_object_get_string_member_with_default (attachment, "sha256", "");
      received = lia_hq_blobs_is_name (sha256) && lia_hq_blobs_has (req->store, sha256);

      g_string_append (out, "<tr><td>");
      if (received)
        lia_hq_html_append (out, "<a href=\"" LIA_HQ_DASHBOARD_PATH "/records/%s/attachments/%s\">", uuid, sha256);
      lia_hq_html_append_text (out, "span", NULL, NULL, name);
      if (received)
        g_string_append (out, "</a>");
      else
        lia_hq_html_append (out, " <span class=\"note\">(%s)</span>", _("not received yet"));
      lia_hq_html_append (out, "</td><td>%s</td><td>%s</td><td><code>%s</code></td></tr>\n",
                          mime, size != NULL ? size : "", sha256);

      if (received && is_picture (mime))
        {
          lia_hq_html_append (pictures,
                              "<figure><img src=\"" LIA_HQ_DASHBOARD_PATH "/records/%s/attachments/%s\" alt=\"%s\">",
                              uuid, sha256, name);
          lia_hq_html_append_text (pictures, "figcaption", NULL, NULL, name);
          g_string_append (pictures, "</figure>\n");
        }
    }
  g_string_append (out, "</tbody>\n</table>\n");
  if (pictures->len > 0)
    lia_hq_html_append (out, "<div class=\"pictures\">\n%R</div>\n", pictures->str);
  g_string_append (out, "</section>\n");
}

static void
render_report (LiaHqRequest      *req,
               GString           *out,
               const LiaHqRecord *record,
               const char        *language)
{
  JsonObject *body = json_node_get_object (record->body);
  const char *kind = body_string (record->body, "kind");
  const Section *sections = NULL;
  g_autoptr(GStrvBuilder) shown = g_strv_builder_new ();
  g_auto(GStrv) skip = NULL;
  g_autofree char *submitted = format_time (body_string (record->body, "submitted_at"));
  gboolean has_other = FALSE;
  JsonObjectIter iter;
  const char *member_name;
  JsonNode *member;

  if (g_strcmp0 (kind, "aar") == 0)
    sections = aar_sections;
  else if (g_strcmp0 (kind, "sitrep") == 0)
    sections = sitrep_sections;
  else if (g_strcmp0 (kind, "followup") == 0)
    sections = followup_sections;

  g_strv_builder_addv (shown, (const char **)report_header_members);

  lia_hq_html_append (out, "<dl class=\"summary\">\n<dt>%s</dt><dd>%s</dd>\n",
                      _("Kind"), kind != NULL ? kind_label (kind) : "—");
  if (submitted != NULL)
    lia_hq_html_append (out, "<dt>%s</dt><dd><span dir=\"ltr\">%s</span></dd>\n", _("Submitted"), submitted);
  if (body_string (record->body, "period_start") != NULL || body_string (record->body, "period_end") != NULL)
    lia_hq_html_append (out, "<dt>%s</dt><dd><span dir=\"ltr\">%s – %s</span></dd>\n", _("Period"),
                        body_string (record->body, "period_start"), body_string (record->body, "period_end"));
  g_string_append (out, "</dl>\n");

  for (guint i = 0; sections != NULL && sections[i].member != NULL; i++)
    {
      g_strv_builder_add (shown, sections[i].member);
      if (!(member = json_object_get_member (body, sections[i].member)))
        continue;

      lia_hq_html_append (out, "<section>\n<h2>%s</h2>\n", _(sections[i].label));
      if (g_str_equal (sections[i].member, "participants"))
        render_participants (req, out, member, language);
      else if (g_str_equal (sections[i].member, "incident_uuids") && JSON_NODE_HOLDS_ARRAY (member))
        {
          JsonArray *uuids = json_node_get_array (member);

          g_string_append (out, "<ul class=\"values\">\n");
          for (guint j = 0; j < json_array_get_length (uuids); j++)
            {
              const char *uuid = json_node_get_value_type (json_array_get_element (uuids, j)) == G_TYPE_STRING
                                 ? json_array_get_string_element (uuids, j) : NULL;

              if (uuid != NULL)
                lia_hq_html_append (out, "<li><a href=\"" LIA_HQ_DASHBOARD_PATH "/records/%s\"><code>%s</code></a></li>\n",
                                    uuid, uuid);
            }
          g_string_append (out, "</ul>\n");
        }
      else if (json_node_get_value_type (member) == G_TYPE_STRING)
        render_text_block (out, member, language);
      else
        render_value (req, out, member, language, 1);
      g_string_append (out, "</section>\n");
    }

  render_lessons (req, out, json_object_get_member (body, "lessons"), language);
  render_attachments (req, out, record->uuid, json_object_get_member (body, "attachments"));

  /* Whatever else the report holds, so that nothing sent is invisible. */
  skip = g_strv_builder_end (shown);
  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &member_name, &member))
    has_other |= !g_strv_contains ((const char * const *)skip, member_name);
  if (has_other)
    {
      lia_hq_html_append (out, "<section>\n<h2>%s</h2>\n", _("Other fields"));
      render_object (req, out, body, language, 1, (const char * const *)skip);
      g_string_append (out, "</section>\n");
    }
}

void
lia_hq_page_record (LiaHqRequest *req,
                    const char   *uuid)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *updated = NULL;
  LiaHqRecord *record;
  const char *language;
  GString *out;
  Filter filter = { NULL, NULL, NULL, uuid };

  if (!(records = query_records (req, &filter, 1, &error)))
    {
      respond_error (req, error);
      return;
    }

  /* Missing and not allowed look the same. */
  if (records->len == 0)
    {
      lia_hq_respond_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"),
                              _("There is no such record, or you may not see it."));
      return;
    }

  record = g_ptr_array_index (records, 0);
  language = record_language (record);
  title = record_title (record);
  updated = format_time (record->changed_at);

  out = g_string_new (NULL);
  lia_hq_page_begin (req, out, title, LIA_HQ_NAV_INBOX);
  lia_hq_html_append (out, "<p class=\"back\"><a href=\"" LIA_HQ_DASHBOARD_PATH "/\">%s</a></p>\n"
                      "<article class=\"record\">\n<header>\n",
                      _("Back to the inbox"));
  lia_hq_html_append_text (out, "h1", NULL, language, title);
  lia_hq_html_append (out, "<p class=\"meta\">%s · %s · ", type_label (record->record_type), record->operation);
  append_badge (out, record->sensitivity);
  lia_hq_html_append (out, "</p>\n<p class=\"meta\">%s ", _("From"));
  lia_hq_html_append_text (out, "span", NULL, NULL, record->device_name != NULL ? record->device_name : "—");
  lia_hq_html_append (out, " · %s <time dir=\"ltr\" datetime=\"%s\">%s</time> · %s %L</p>\n",
                      _("updated"), record->changed_at, updated, _("revision"), record->revision);
  if (lia_sensitivity_is_sensitive (record->sensitivity))
    {
      lia_hq_html_append (out, "<p class=\"banner s%d\" role=\"note\">", (int)record->sensitivity);
      append_badge (out, record->sensitivity);
      lia_hq_html_append (out, " %s</p>\n",
                          _("Share it only with people cleared for this level, and never with parties to the "
                            "conflict."));
    }
  g_string_append (out, "</header>\n");

  if (g_str_equal (record->record_type, "report"))
    render_report (req, out, record, language);
  else
    render_object (req, out, json_node_get_object (record->body), language, 0, NULL);

  g_string_append (out, "</article>\n");
  lia_hq_page_end (req, out);
  lia_hq_respond_page (req, SOUP_STATUS_OK, out);
}

/* ---- an attachment -------------------------------------------------------------- */

/* Types a browser may show in the page; anything else is only a
 * download, so that an attachment can never be a page of this site. */
static const char *
safe_content_type (const char *mime)
{
  static const char * const shown[] = { "image/jpeg", "image/png", "image/webp", "application/pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    {
      if (g_strcmp0 (mime, shown[i]) == 0)
        return shown[i];
    }

  return "application/octet-stream";
}

/* An attachment of a record the user may see, listed in it and not
 * hidden from them. */
void
lia_hq_page_attachment (LiaHqRequest *req,
                        const char   *uuid,
                        const char   *sha256)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *escaped_name = NULL;
  g_autofree char *disposition = NULL;
  JsonObject *attachment = NULL;
  JsonNode *list;
  Filter filter = { NULL, NULL, NULL, uuid };
  LiaSensitivity level;
  SoupMessageHeaders *headers;
  gconstpointer data;
  gsize len;

  if (!lia_hq_blobs_is_name (sha256))
    {
      lia_hq_respond_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"),
                              _("There is no such attachment, or you may not see it."));
      return;
    }

  if (!(records = query_records (req, &filter, 1, &error)))
    {
      respond_error (req, error);
      return;
    }

  list = records->len > 0
         ? json_object_get_member (json_node_get_object (((LiaHqRecord *)g_ptr_array_index (records, 0))->body),
                                   "attachments")
         : NULL;
  for (guint i = 0; list != NULL && JSON_NODE_HOLDS_ARRAY (list) &&
                    i < json_array_get_length (json_node_get_array (list)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (list), i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (element), "sha256", NULL),
                     sha256) == 0 &&
          !is_hidden_part (req, json_node_get_object (element), &level))
        {
          attachment = json_node_get_object (element);
          break;
        }
    }

  if (attachment == NULL || !(bytes = lia_hq_blobs_read (req->store, sha256, NULL)))
    {
      lia_hq_respond_message (req, SOUP_STATUS_NOT_FOUND, _("Not found"),
                              _("There is no such attachment, or you may not see it. An attachment reaches HQ "
                                "with its report at the device's next sync."));
      return;
    }

  escaped_name = g_uri_escape_string (json_object_get_string_member_with_default (attachment, "name", "attachment"),
                                      NULL, FALSE);
  disposition = g_strdup_printf ("attachment; filename=\"attachment\"; filename*=UTF-8''%s", escaped_name);
  headers = soup_server_message_get_response_headers (req->msg);
  soup_message_headers_replace (headers, "Content-Disposition", disposition);
  soup_message_headers_replace (headers, "Cache-Control", "private, no-store");

  data = g_bytes_get_data (bytes, &len);
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (req->msg,
                                    safe_content_type (json_object_get_string_member_with_default (attachment,
                                                                                                   "mime", NULL)),
                                    SOUP_MEMORY_COPY, data, len);
}

/* ---- lessons ---------------------------------------------------------------------- */

typedef struct
{
  char      *tag;        /* as first seen */
  GPtrArray *lessons;    /* of Lesson */
} TagGroup;

typedef struct
{
  const LiaHqRecord *record;
  const char        *text;
} Lesson;

static void
tag_group_free (TagGroup *group)
{
  g_free (group->tag);
  g_ptr_array_unref (group->lessons);
  g_free (group);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const TagGroup *group_a = *(TagGroup * const *)a;
  const TagGroup *group_b = *(TagGroup * const *)b;

  if (group_a->lessons->len != group_b->lessons->len)
    return group_a->lessons->len > group_b->lessons->len ? -1 : 1;

  return g_utf8_collate (group_a->tag, group_b->tag);
}

static void
add_lesson (GHashTable        *groups,
            const char        *tag,
            const LiaHqRecord *record,
            const char        *text)
{
  g_autofree char *key = g_utf8_casefold (tag, -1);
  TagGroup *group = g_hash_table_lookup (groups, key);
  Lesson *lesson = g_new0 (Lesson, 1);

  if (group == NULL)
    {
      group = g_new0 (TagGroup, 1);
      group->tag = g_strdup (tag);
      group->lessons = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (groups, g_steal_pointer (&key), group);
    }

  lesson->record = record;
  lesson->text = text;
  g_ptr_array_add (group->lessons, lesson);
}

void
lia_hq_page_lessons (LiaHqRequest *req)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) operations = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *wanted_key = NULL;
  const char *wanted = lia_hq_query_get (req, "tag");
  const char *untagged = _("No tag");
  guint n_lessons = 0;
  GString *out;
  Filter filter = { NULL, "report", NULL, NULL };
  GHashTableIter iter;
  gpointer value;

  filter.operation = lia_hq_query_get (req, "operation");
  if (!(records = query_records (req, &filter, LESSONS_LIMIT, &error)) ||
      !(operations = query_distinct (req, "operation", &error)))
    {
      respond_error (req, error);
      return;
    }

  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)tag_group_free);
  for (guint i = 0; i < records->len; i++)
    {
      const LiaHqRecord *record = g_ptr_array_index (records, i);
      JsonNode *lessons = json_object_get_member (json_node_get_object (record->body), "lessons");
      JsonArray *array = lessons != NULL && JSON_NODE_HOLDS_ARRAY (lessons) ? json_node_get_array (lessons) : NULL;

      for (guint j = 0; array != NULL && j < json_array_get_length (array); j++)
        {
          JsonNode *element = json_array_get_element (array, j);
          JsonObject *lesson = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
          JsonNode *tags;
          const char *text;
          LiaSensitivity level;
          gboolean tagged = FALSE;

          if (lesson == NULL || is_hidden_part (req, lesson, &level) ||
              !(text = json_object_get_string_member_with_default (lesson, "text", NULL)))
            continue;

          n_lessons++;
          tags = json_object_get_member (lesson, "tags");
          for (guint k = 0; tags != NULL && JSON_NODE_HOLDS_ARRAY (tags) &&
                            k < json_array_get_length (json_node_get_array (tags)); k++)
            {
              JsonNode *tag = json_array_get_element (json_node_get_array (tags), k);

              if (json_node_get_value_type (tag) == G_TYPE_STRING && json_node_get_string (tag)[0] != '\0')
                {
                  add_lesson (groups, json_node_get_string (tag), record, text);
                  tagged = TRUE;
                }
            }
          if (!tagged)
            add_lesson (groups, untagged, record, text);
        }
    }

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sorted, value);
  g_ptr_array_sort (sorted, compare_groups);

  out = g_string_new (NULL);
  lia_hq_page_begin (req, out, _("Lessons"), LIA_HQ_NAV_LESSONS);
  lia_hq_html_append (out,
                      "<h1>%s</h1>\n"
                      "<p class=\"intro\">%s</p>\n"
                      "<form class=\"filters\" method=\"get\" action=\"" LIA_HQ_DASHBOARD_PATH "/lessons\">\n",
                      _("Lessons"),
                      _("Lessons observed in the reports from the field, grouped by their tags. A lesson with "
                        "several tags is under each of them."));
  append_select (out, "f-operation", _("Operation"), _("All operations"), operations, filter.operation, FALSE);
  if (wanted != NULL)
    lia_hq_html_append (out, "<input type=\"hidden\" name=\"tag\" value=\"%s\">\n", wanted);
  lia_hq_html_append (out, "<p class=\"actions\"><button type=\"submit\">%s</button>\n"
                      "<a href=\"" LIA_HQ_DASHBOARD_PATH "/lessons\">%s</a></p>\n</form>\n",
                      _("Filter"), _("All tags"));

  if (sorted->len == 0)
    {
      lia_hq_html_append (out, "<p class=\"empty\">%s</p>\n",
                          _("No lessons yet. They appear here when reports with lessons arrive from the field."));
      lia_hq_page_end (req, out);
      lia_hq_respond_page (req, SOUP_STATUS_OK, out);
      return;
    }

  lia_hq_html_append (out, "<nav class=\"tag-list\" aria-label=\"%s\"><ul>\n", _("Tags"));
  for (guint i = 0; i < sorted->len; i++)
    {
      TagGroup *group = g_ptr_array_index (sorted, i);
      g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *encoded = NULL;

      g_hash_table_insert (fields, (gpointer)"tag", group->tag);
      if (filter.operation != NULL)
        g_hash_table_insert (fields, (gpointer)"operation", (gpointer)filter.operation);
      encoded = soup_form_encode_hash (fields);
      lia_hq_html_append (out, "<li><a href=\"" LIA_HQ_DASHBOARD_PATH "/lessons?%s\">", encoded);
      lia_hq_html_append_text (out, "span", NULL, NULL, group->tag);
      lia_hq_html_append (out, " <span class=\"count\">%u</span></a></li>\n", group->lessons->len);
    }
  g_string_append (out, "</ul></nav>\n");
  wanted_key = wanted != NULL ? g_utf8_casefold (wanted, -1) : NULL;

  for (guint i = 0; i < sorted->len; i++)
    {
      TagGroup *group = g_ptr_array_index (sorted, i);
      g_autofree char *key = g_utf8_casefold (group->tag, -1);

      if (wanted_key != NULL && !g_str_equal (key, wanted_key))
        continue;

      g_string_append (out, "<section class=\"tag\">\n");
      lia_hq_html_append_text (out, "h2", NULL, NULL, group->tag);
      g_string_append (out, "<ul class=\"lessons\">\n");
      for (guint j = 0; j < group->lessons->len; j++)
        {
          const Lesson *lesson = g_ptr_array_index (group->lessons, j);
          g_autofree char *title = record_title (lesson->record);

          g_string_append (out, "<li>");
          lia_hq_html_append_text (out, "p", "text", record_language (lesson->record), lesson->text);
          lia_hq_html_append (out, "<p class=\"source\">%s · <a href=\"" LIA_HQ_DASHBOARD_PATH "/records/%s\">",
                              lesson->record->operation, lesson->record->uuid);
          lia_hq_html_append_text (out, "span", NULL, record_language (lesson->record), title);
          g_string_append (out, "</a></p></li>\n");
        }
      g_string_append (out, "</ul>\n</section>\n");
    }

  lia_hq_page_end (req, out);
  lia_hq_respond_page (req, SOUP_STATUS_OK, out);
}

/* ---- devices ---------------------------------------------------------------------- */

static char *
describe_age (const char *iso8601,
              GDateTime  *now)
{
  g_autoptr(GDateTime) then = iso8601 != NULL ? g_date_time_new_from_iso8601 (iso8601, NULL) : NULL;
  GTimeSpan span;
  gint64 minutes;

  if (then == NULL)
    return g_strdup (_("Never synced"));

  span = g_date_time_difference (now, then);
  minutes = MAX (span / G_TIME_SPAN_MINUTE, 0);
  if (minutes < 1)
    return g_strdup (_("Just now"));
  if (minutes < 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes), (int)minutes);
  if (minutes < 48 * 60)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour ago", "%d hours ago", minutes / 60),
                            (int)(minutes / 60));

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day ago", "%d days ago", minutes / (24 * 60)),
                          (int)(minutes / (24 * 60)));
}

void
lia_hq_page_devices (LiaHqRequest *req)
{
  const LiaHqUser *user = req->session->user;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *now_text = lia_clock_format_iso8601 (now);
  guint shown = 0;
  GString *out;

  if (!(devices = lia_hq_store_list_devices (req->store, &error)))
    {
      respond_error (req, error);
      return;
    }

  out = g_string_new (NULL);
  lia_hq_page_begin (req, out, _("Devices"), LIA_HQ_NAV_DEVICES);
  lia_hq_html_append (out, "<h1>%s</h1>\n<p class=\"intro\">%s</p>\n", _("Devices"),
                      _("The field devices of your operations, and when each last reached HQ. A device that "
                        "has not synced for days may be offline, lost or seized."));

  for (guint i = 0; i < devices->len; i++)
    {
      const LiaHqDevice *device = g_ptr_array_index (devices, i);
      g_autofree char *age = NULL;
      g_autofree char *seen = NULL;
      g_autofree char *enrolled = NULL;
      const char *status;

      if (!lia_hq_user_may_see_operation (user, device->operation))
        continue;

      if (shown++ == 0)
        lia_hq_html_append (out,
                            "<table class=\"devices\">\n"
                            "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
                            "<tbody>\n",
                            _("Device"), _("Operation"), _("Clearance"), _("Status"), _("Last sync"), _("Enrolled"));

      if (device->revoked_at != NULL)
        status = _("Revoked");
      else if (device->token_expires_at != NULL && g_strcmp0 (device->token_expires_at, now_text) <= 0)
        status = _("Expired");
      else
        status = _("Active");

      age = describe_age (device->last_seen, now);
      seen = format_time (device->last_seen);
      enrolled = format_time (device->enrolled_at);

      g_string_append (out, "<tr><td>");
      lia_hq_html_append_text (out, "span", NULL, NULL, device->name[0] != '\0' ? device->name : device->id);
      lia_hq_html_append (out, "</td><td>%s</td><td>", device->operation);
      append_badge (out, device->clearance);
      lia_hq_html_append (out, "</td><td>%s</td><td>%s%R%s%R</td><td><span dir=\"ltr\">%s</span></td></tr>\n",
                          status, age,
                          seen != NULL ? " <span class=\"note\" dir=\"ltr\">(" : "", seen, seen != NULL ? ")</span>" : "",
                          enrolled);
    }

  if (shown == 0)
    lia_hq_html_append (out, "<p class=\"empty\">%s</p>\n",
                        _("No device is enrolled in your operations. The HQ administrator enrols devices "
                          "with “liaison-hq enrol-code”."));
  else
    g_string_append (out, "</tbody>\n</table>\n");

  lia_hq_page_end (req, out);
  lia_hq_respond_page (req, SOUP_STATUS_OK, out);
}

/* ---- export ------------------------------------------------------------------------ */

/* One column per entry: its header, its HXL hashtag and where its value
 * comes from (a record field, or a body member). */
typedef enum
{
  COLUMN_UUID,
  COLUMN_TYPE,
  COLUMN_OPERATION,
  COLUMN_SENSITIVITY,
  COLUMN_TITLE,
  COLUMN_DEVICE,
  COLUMN_UPDATED,
  COLUMN_MEMBER,
} ColumnSource;

static const struct
{
  const char   *header;
  const char   *hxl;
  ColumnSource  source;
  const char   *member;
} export_columns[] = {
  { "uuid", "#meta+id", COLUMN_UUID, NULL },
  { "type", "#meta+type", COLUMN_TYPE, NULL },
  { "operation", "#operation+code", COLUMN_OPERATION, NULL },
  { "sensitivity", "#meta+sensitivity", COLUMN_SENSITIVITY, NULL },
  { "title", "#description+title", COLUMN_TITLE, NULL },
  { "kind", "#meta+kind", COLUMN_MEMBER, "kind" },
  { "language", "#meta+lang", COLUMN_MEMBER, "language" },
  { "submitted_at", "#date+submitted", COLUMN_MEMBER, "submitted_at" },
  { "period_start", "#date+start", COLUMN_MEMBER, "period_start" },
  { "period_end", "#date+end", COLUMN_MEMBER, "period_end" },
  { "device", "#meta+device", COLUMN_DEVICE, NULL },
  { "updated_at", "#date+updated", COLUMN_UPDATED, NULL },
};

void
lia_hq_page_export_csv (LiaHqRequest *req)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  GString *csv;
  Filter filter;
  gsize len;

  filter_from_query (req, &filter);
  if (!(records = query_records (req, &filter, EXPORT_LIMIT, &error)))
    {
      respond_error (req, error);
      return;
    }

  csv = g_string_new (NULL);
  for (guint row = 0; row < 2; row++)
    {
      for (guint c = 0; c < G_N_ELEMENTS (export_columns); c++)
        {
          if (c > 0)
            g_string_append_c (csv, ',');
          g_string_append (csv, row == 0 ? export_columns[c].header : export_columns[c].hxl);
        }
      g_string_append (csv, "\r\n");
    }

  for (guint i = 0; i < records->len; i++)
    {
      const LiaHqRecord *record = g_ptr_array_index (records, i);
      g_autofree char *title = record_title (record);

      for (guint c = 0; c < G_N_ELEMENTS (export_columns); c++)
        {
          const char *value = NULL;

          switch (export_columns[c].source)
            {
            case COLUMN_UUID: value = record->uuid; break;
            case COLUMN_TYPE: value = record->record_type; break;
            case COLUMN_OPERATION: value = record->operation; break;
            case COLUMN_SENSITIVITY: value = lia_sensitivity_to_string (record->sensitivity); break;
            case COLUMN_TITLE: value = title; break;
            case COLUMN_DEVICE: value = record->device_name; break;
            case COLUMN_UPDATED: value = record->changed_at; break;
            case COLUMN_MEMBER: value = body_string (record->body, export_columns[c].member); break;
            default: g_assert_not_reached ();
            }

          if (c > 0)
            g_string_append_c (csv, ',');
          lia_hq_html_csv_field (csv, value);
        }
      g_string_append (csv, "\r\n");
    }

  soup_message_headers_replace (soup_server_message_get_response_headers (req->msg), "Content-Disposition",
                                "attachment; filename=\"liaison-hq-inbox.csv\"");
  soup_server_message_set_status (req->msg, SOUP_STATUS_OK, NULL);
  len = csv->len;
  soup_server_message_set_response (req->msg, "text/csv; charset=utf-8", SOUP_MEMORY_TAKE,
                                    g_string_free (csv, FALSE), len);
}
