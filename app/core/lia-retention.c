/* lia-retention.c — how long each kind of record stays on the laptop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rule keeps a record type a number of days after a date that makes
 * sense for it (a movement's end, an incident's date), or until the
 * officer deletes it.  The defaults are here; what the officer changes is
 * in the table retention_rules, for every operation ("*") or for one.
 *
 * A purge is local: HQ keeps its copy.  It removes a record with every
 * revision of it in the change log, its conflicts and refusals, and lists
 * its id in purged_records so that a pull never brings it back (a trigger
 * on records, see lia-store-migrations.c).  It never writes a change, so
 * nothing of it is pushed.  Then VACUUM and a checkpoint that truncates
 * the WAL take the bytes out of the files, not just out of sight.
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "lia-attachments.h"
#include "lia-db.h"
#include "lia-error.h"
#include "lia-retention.h"
#include "lia-store-private.h"
#include "lia-sync-engine.h"
#include "lia-sync-protocol.h"

typedef struct
{
  const char *record_type;
  const char *label;
  const char *anchor;
  int         default_days;
  gboolean    settable;
  /* the anchor date of a row "r" of records; NULL: never due */
  const char *anchor_sql;
  /* kept until HQ has it, enrolled or not */
  gboolean    needs_hq;
  /* its transmissions (log entries) go with it */
  gboolean    has_transmissions;
} RetentionType;

static const RetentionType types[] = {
  { "movement-notification", N_("Movement notifications"), N_("after the movement ended"), 30, TRUE,
    "coalesce (r.body ->> '$.arrival.end', r.body ->> '$.departure.end')", FALSE, TRUE },
  { "site-notification", N_("Site notifications"), N_("after the site was removed or its notice ended"), 30, TRUE,
    "CASE WHEN r.body ->> '$.status' = 'removed' THEN r.updated_at ELSE r.body ->> '$.valid_until' END",
    FALSE, TRUE },
  { "incident", N_("Incidents"), N_("after the incident"), 365, TRUE,
    "r.body ->> '$.at'", FALSE, FALSE },
  /* A draft never; a submitted report from when HQ acknowledged it (or
   * its submission, if it reached HQ before this was recorded). */
  { "report", N_("Reports"), N_("after HQ received them"), 180, TRUE,
    "CASE WHEN r.body ->> '$.status' = 'submitted' THEN"
    "  coalesce ((SELECT h.received_at FROM hq_received h WHERE h.uuid = r.uuid), r.body ->> '$.submitted_at')"
    " END", TRUE, FALSE },
  { "actor", N_("Actors"), N_("after their last change"), LIA_RETENTION_KEEP, TRUE,
    "r.updated_at", FALSE, FALSE },
  { "relationship", N_("Relationships between actors"), N_("after their last change"), LIA_RETENTION_KEEP, TRUE,
    "r.updated_at", FALSE, FALSE },
  { "curated-lessons", N_("Lessons from HQ"), N_("replaced by each publication of HQ"), LIA_RETENTION_KEEP, FALSE,
    NULL, FALSE, FALSE },
  { "directory", N_("Deployments directory"), N_("replaced by each publication of HQ"), LIA_RETENTION_KEEP, FALSE,
    NULL, FALSE, FALSE },
};

static const RetentionType *
find_type (const char *record_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (g_strcmp0 (types[i].record_type, record_type) == 0)
        return &types[i];
    }

  return NULL;
}

const char * const *
lia_retention_list_types (void)
{
  static const char *names[G_N_ELEMENTS (types) + 1];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        names[i] = types[i].record_type;
      g_once_init_leave (&initialized, 1);
    }

  return names;
}

gboolean
lia_retention_type_is_known (const char *record_type)
{
  return find_type (record_type) != NULL;
}

gboolean
lia_retention_type_is_settable (const char *record_type)
{
  const RetentionType *type = find_type (record_type);

  return type != NULL && type->settable;
}

const char *
lia_retention_type_get_label (const char *record_type)
{
  const RetentionType *type = find_type (record_type);

  g_return_val_if_fail (type != NULL, NULL);

  return _(type->label);
}

const char *
lia_retention_type_get_anchor (const char *record_type)
{
  const RetentionType *type = find_type (record_type);

  g_return_val_if_fail (type != NULL, NULL);

  return _(type->anchor);
}

int
lia_retention_type_get_default (const char *record_type)
{
  const RetentionType *type = find_type (record_type);

  g_return_val_if_fail (type != NULL, LIA_RETENTION_KEEP);

  return type->default_days;
}

void
lia_retention_rule_free (LiaRetentionRule *rule)
{
  if (rule == NULL)
    return;

  g_free (rule->record_type);
  g_free (rule->operation);
  g_free (rule);
}

static gboolean
check_type (const char  *record_type,
            gboolean     for_change,
            GError     **error)
{
  const RetentionType *type = find_type (record_type);

  if (type == NULL)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < G_N_ELEMENTS (types); i++)
        if (types[i].settable)
          g_string_append_printf (names, names->len > 0 ? ", %s" : "%s", types[i].record_type);

      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("There is no retention rule for “%s”. Give one of: %s."),
                   record_type, names->str);
      return FALSE;
    }

  if (for_change && !type->settable)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is published by HQ and replaced by each publication; it is kept until then and has no retention period to change."),
                   record_type);
      return FALSE;
    }

  return TRUE;
}

/* An error that names the types when @record_type has no rule to change. */
gboolean
lia_retention_check_settable (const char  *record_type,
                              GError     **error)
{
  return check_type (record_type, TRUE, error);
}

/* Returns TRUE with *@days when a rule is stored for exactly @operation. */
static gboolean
stored_days (LiaStore   *store,
             const char *record_type,
             const char *operation,
             int        *days)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = lia_db_prepare (lia_store_get_db (store),
                               "SELECT days FROM retention_rules WHERE record_type = ?1 AND operation = ?2",
                               NULL)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, operation, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  *days = sqlite3_column_type (stmt, 0) == SQLITE_NULL ? LIA_RETENTION_KEEP : sqlite3_column_int (stmt, 0);
  return TRUE;
}

int
lia_retention_get_days (LiaStore   *store,
                        const char *record_type,
                        const char *operation)
{
  const RetentionType *type;
  int days;

  g_return_val_if_fail (LIA_IS_STORE (store), LIA_RETENTION_KEEP);
  g_return_val_if_fail ((type = find_type (record_type)) != NULL, LIA_RETENTION_KEEP);

  if (!type->settable)
    return type->default_days;

  if (operation != NULL && !g_str_equal (operation, LIA_RETENTION_ALL_OPERATIONS) &&
      stored_days (store, record_type, operation, &days))
    return days;

  if (stored_days (store, record_type, LIA_RETENTION_ALL_OPERATIONS, &days))
    return days;

  return type->default_days;
}

static LiaRetentionRule *
rule_new (const char *record_type,
          const char *operation,
          int         days,
          gboolean    is_default)
{
  LiaRetentionRule *rule = g_new0 (LiaRetentionRule, 1);

  rule->record_type = g_strdup (record_type);
  rule->operation = g_strdup (operation);
  rule->days = days;
  rule->is_default = is_default;

  return rule;
}

GPtrArray *
lia_retention_list_rules (LiaStore  *store,
                          GError   **error)
{
  g_autoptr(GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) lia_retention_rule_free);
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);

  db = lia_store_get_db (store);
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const RetentionType *type = &types[i];
      g_autoptr(sqlite3_stmt) ops = NULL;
      int days;
      gboolean stored = type->settable && stored_days (store, type->record_type, LIA_RETENTION_ALL_OPERATIONS, &days);

      g_ptr_array_add (rules, rule_new (type->record_type, LIA_RETENTION_ALL_OPERATIONS,
                                        stored ? days : type->default_days, !stored));
      if (!type->settable)
        continue;

      if (!(ops = lia_db_prepare (db,
                                  "SELECT operation, days FROM retention_rules"
                                  " WHERE record_type = ?1 AND operation != '*' ORDER BY operation",
                                  error)))
        return NULL;
      sqlite3_bind_text (ops, 1, type->record_type, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (ops)) == SQLITE_ROW)
        g_ptr_array_add (rules, rule_new (type->record_type, (const char *) sqlite3_column_text (ops, 0),
                                          sqlite3_column_type (ops, 1) == SQLITE_NULL
                                            ? LIA_RETENTION_KEEP : sqlite3_column_int (ops, 1),
                                          FALSE));
      if (rc != SQLITE_DONE)
        {
          lia_db_set_error (db, _("reading the retention rules"), error);
          return NULL;
        }
    }

  return g_steal_pointer (&rules);
}

gboolean
lia_retention_set_days (LiaStore    *store,
                        const char  *record_type,
                        const char  *operation,
                        int          days,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *updated_at = NULL;
  sqlite3 *db;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (record_type != NULL, FALSE);

  if (!check_type (record_type, TRUE, error))
    return FALSE;

  if (days != LIA_RETENTION_KEEP && (days < 1 || days > LIA_RETENTION_MAX_DAYS))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("A retention period is from 1 to %d days, or “keep” to keep records until you delete them."),
                   LIA_RETENTION_MAX_DAYS);
      return FALSE;
    }

  if (operation == NULL)
    operation = LIA_RETENTION_ALL_OPERATIONS;
  if (*operation == '\0')
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("The operation is empty: give its name, or leave it out to change the rule of every operation."));
      return FALSE;
    }

  db = lia_store_get_db (store);
  now = lia_clock_get_now (lia_store_get_clock (store));
  updated_at = lia_clock_format_iso8601 (now);

  if (!(stmt = lia_db_prepare (db,
                               "INSERT INTO retention_rules (record_type, operation, days, updated_at)"
                               " VALUES (?1, ?2, ?3, ?4)"
                               " ON CONFLICT (record_type, operation) DO UPDATE SET"
                               "  days = excluded.days, updated_at = excluded.updated_at",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, record_type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, operation, -1, SQLITE_STATIC);
  if (days == LIA_RETENTION_KEEP)
    sqlite3_bind_null (stmt, 3);
  else
    sqlite3_bind_int (stmt, 3, days);
  sqlite3_bind_text (stmt, 4, updated_at, -1, SQLITE_STATIC);

  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (db, _("saving a retention rule"), error);

  return TRUE;
}

gboolean
lia_retention_parse_days (const char  *text,
                          int         *days,
                          GError     **error)
{
  guint64 value;

  g_return_val_if_fail (days != NULL, FALSE);

  if (text != NULL && g_ascii_strcasecmp (text, "keep") == 0)
    {
      *days = LIA_RETENTION_KEEP;
      return TRUE;
    }

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, LIA_RETENTION_MAX_DAYS, &value, NULL))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("“%s” is not a retention period: give a whole number of days from 1 to %d, or “keep” to keep records until you delete them."),
                   text != NULL ? text : "", LIA_RETENTION_MAX_DAYS);
      return FALSE;
    }

  *days = (int) value;
  return TRUE;
}

void
lia_retention_report_free (LiaRetentionReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->counts, g_array_unref);
  g_free (report);
}

guint
lia_retention_report_total_purged (LiaRetentionReport *report)
{
  guint total;

  g_return_val_if_fail (report != NULL, 0);

  total = report->transmissions + report->tombstones;
  for (guint i = 0; i < report->counts->len; i++)
    total += g_array_index (report->counts, LiaRetentionCount, i).purged;

  return total;
}

guint
lia_retention_report_total_kept (LiaRetentionReport *report)
{
  guint total = 0;

  g_return_val_if_fail (report != NULL, 0);

  for (guint i = 0; i < report->counts->len; i++)
    total += g_array_index (report->counts, LiaRetentionCount, i).kept_unsent;

  return total;
}

/* ---- purge ----------------------------------------------------------------- */

typedef struct
{
  LiaStore   *store;
  sqlite3    *db;
  char       *now;
  gboolean    enrolled;
  GHashTable *attachments;   /* sha256 of attachments purged records listed */
} Purge;

static gboolean
step_done (Purge        *purge,
           sqlite3_stmt *stmt,
           GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    return lia_db_set_error (purge->db, _("removing expired records"), error);

  return TRUE;
}

/* Whether a change of @uuid (or of a transmission about it) waits for HQ;
 * with @refused_too, also one HQ refused, which it will never have. */
static gboolean
is_unsent (Purge       *purge,
           const char  *uuid,
           gboolean     refused_too,
           gboolean    *unsent,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (!(stmt = lia_db_prepare (purge->db,
                               "SELECT EXISTS (SELECT 1 FROM change_log"
                               "  WHERE (seq > (SELECT pushed_seq FROM sync_state WHERE peer = 'hq')"
                               "         OR (?2 AND seq IN (SELECT seq FROM sync_refused)))"
                               "    AND (record_uuid = ?1 OR record_uuid IN"
                               "      (SELECT uuid FROM records WHERE record_type = 'transmission'"
                               "         AND body ->> '$.notification' = ?1)))",
                               error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, refused_too);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return lia_db_set_error (purge->db, _("reading the change log"), error);

  *unsent = sqlite3_column_int (stmt, 0);
  return TRUE;
}

static void
collect_attachments (Purge      *purge,
                     const char *body)
{
  g_auto(GStrv) sums = lia_attachments_referenced (body);

  for (guint i = 0; sums[i] != NULL; i++)
    g_hash_table_add (purge->attachments, g_strdup (sums[i]));
}

/* Removes every trace of @uuid from the database. */
static gboolean
remove_record (Purge       *purge,
               const char  *uuid,
               GError     **error)
{
  static const char * const statements[] = {
    "DELETE FROM sync_refused WHERE seq IN (SELECT seq FROM change_log WHERE record_uuid = ?1)",
    "DELETE FROM change_log WHERE record_uuid = ?1",
    "DELETE FROM conflicts WHERE record_uuid = ?1",
    "DELETE FROM hq_received WHERE uuid = ?1",
    "DELETE FROM records WHERE uuid = ?1",
    "INSERT OR IGNORE INTO purged_records (uuid, purged_at) VALUES (?1, ?2)",
  };
  g_autoptr(sqlite3_stmt) bodies = NULL;
  int rc;

  /* Every revision may list attachments, the current one as well as any
   * kept in the change log or a conflict. */
  if (!(bodies = lia_db_prepare (purge->db,
                                 "SELECT body FROM records WHERE uuid = ?1"
                                 " UNION ALL SELECT body FROM change_log WHERE record_uuid = ?1"
                                 " UNION ALL SELECT local_body FROM conflicts WHERE record_uuid = ?1"
                                 " UNION ALL SELECT remote_body FROM conflicts WHERE record_uuid = ?1",
                                 error)))
    return FALSE;
  sqlite3_bind_text (bodies, 1, uuid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (bodies)) == SQLITE_ROW)
    collect_attachments (purge, (const char *) sqlite3_column_text (bodies, 0));
  if (rc != SQLITE_DONE)
    return lia_db_set_error (purge->db, _("removing expired records"), error);

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = NULL;

      if (!(stmt = lia_db_prepare (purge->db, statements[i], error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
      if (sqlite3_bind_parameter_count (stmt) >= 2)
        sqlite3_bind_text (stmt, 2, purge->now, -1, SQLITE_STATIC);
      if (!step_done (purge, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* Steps @stmt, a query of one text column, and returns its values: the
 * rows are deleted after the query is done. */
static GPtrArray *
collect_uuids (Purge        *purge,
               sqlite3_stmt *stmt,
               GError      **error)
{
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));

  if (rc != SQLITE_DONE)
    {
      lia_db_set_error (purge->db, _("finding expired records"), error);
      return NULL;
    }

  return g_steal_pointer (&uuids);
}

static gboolean
purge_transmissions_of (Purge       *purge,
                        const char  *notification_uuid,
                        guint       *count,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) uuids = NULL;

  if (!(stmt = lia_db_prepare (purge->db,
                               "SELECT uuid FROM records WHERE record_type = 'transmission'"
                               " AND body ->> '$.notification' = ?1",
                               error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, notification_uuid, -1, SQLITE_STATIC);

  if (!(uuids = collect_uuids (purge, stmt, error)))
    return FALSE;

  for (guint i = 0; i < uuids->len; i++)
    if (!remove_record (purge, g_ptr_array_index (uuids, i), error))
      return FALSE;

  *count += uuids->len;
  return TRUE;
}

static gboolean
purge_type (Purge                *purge,
            const RetentionType  *type,
            LiaRetentionReport   *report,
            LiaRetentionCount    *count,
            GError              **error)
{
  g_autoptr(sqlite3_stmt) operations = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *sql = NULL;

  if (type->anchor_sql == NULL)
    return TRUE;

  if (!(operations = lia_db_prepare (purge->db,
                                     "SELECT DISTINCT operation FROM records"
                                     " WHERE record_type = ?1 AND tombstone = 0",
                                     error)))
    return FALSE;
  sqlite3_bind_text (operations, 1, type->record_type, -1, SQLITE_STATIC);
  if (!(names = collect_uuids (purge, operations, error)))
    return FALSE;

  sql = g_strdup_printf ("SELECT r.uuid FROM records r"
                         " WHERE r.record_type = ?1 AND r.operation = ?2 AND r.tombstone = 0"
                         "   AND julianday (%s) + ?3 <= julianday (?4)"
                         " ORDER BY r.uuid",
                         type->anchor_sql);

  for (guint i = 0; i < names->len; i++)
    {
      const char *operation = g_ptr_array_index (names, i);
      int days = lia_retention_get_days (purge->store, type->record_type, operation);
      g_autoptr(sqlite3_stmt) stmt = NULL;
      g_autoptr(GPtrArray) uuids = NULL;

      if (days == LIA_RETENTION_KEEP)
        continue;

      if (!(stmt = lia_db_prepare (purge->db, sql, error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, type->record_type, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, operation, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 3, days);
      sqlite3_bind_text (stmt, 4, purge->now, -1, SQLITE_STATIC);

      if (!(uuids = collect_uuids (purge, stmt, error)))
        return FALSE;

      for (guint j = 0; j < uuids->len; j++)
        {
          const char *uuid = g_ptr_array_index (uuids, j);
          gboolean unsent;

          if (!is_unsent (purge, uuid, type->needs_hq, &unsent, error))
            return FALSE;

          /* HQ must have it first: while enrolled for everything, and
           * always for reports, whose only reader is HQ. */
          if (unsent && (purge->enrolled || type->needs_hq))
            {
              count->kept_unsent++;
              continue;
            }

          if ((type->has_transmissions &&
               !purge_transmissions_of (purge, uuid, &report->transmissions, error)) ||
              !remove_record (purge, uuid, error))
            return FALSE;
          count->purged++;
        }
    }

  return TRUE;
}

/* Deleted records, once their deletion reached HQ (or there is no HQ),
 * and log entries of notifications purged before. */
static gboolean
purge_leftovers (Purge               *purge,
                 LiaRetentionReport  *report,
                 GError             **error)
{
  g_autoptr(sqlite3_stmt) tombstones = NULL;
  g_autoptr(sqlite3_stmt) orphans = NULL;
  g_autoptr(GPtrArray) uuids = NULL;
  const char *unsent_clause = purge->enrolled
    ? " AND NOT EXISTS (SELECT 1 FROM change_log l WHERE l.record_uuid = r.uuid"
      "   AND l.seq > (SELECT pushed_seq FROM sync_state WHERE peer = 'hq'))"
    : "";
  g_autofree char *tombstone_sql = g_strconcat ("SELECT r.uuid FROM records r WHERE r.tombstone = 1",
                                                unsent_clause, " ORDER BY r.uuid", NULL);
  g_autofree char *orphan_sql = g_strconcat ("SELECT r.uuid FROM records r WHERE r.record_type = 'transmission'"
                                             " AND r.body ->> '$.notification' IN (SELECT uuid FROM purged_records)",
                                             unsent_clause, " ORDER BY r.uuid", NULL);

  if (!(tombstones = lia_db_prepare (purge->db, tombstone_sql, error)) ||
      !(uuids = collect_uuids (purge, tombstones, error)))
    return FALSE;
  for (guint i = 0; i < uuids->len; i++)
    if (!remove_record (purge, g_ptr_array_index (uuids, i), error))
      return FALSE;
  report->tombstones += uuids->len;
  g_clear_pointer (&uuids, g_ptr_array_unref);

  if (!(orphans = lia_db_prepare (purge->db, orphan_sql, error)) ||
      !(uuids = collect_uuids (purge, orphans, error)))
    return FALSE;
  for (guint i = 0; i < uuids->len; i++)
    if (!remove_record (purge, g_ptr_array_index (uuids, i), error))
      return FALSE;
  report->transmissions += uuids->len;

  return TRUE;
}

/* The attachments no remaining revision lists, of those purged records
 * listed. */
static GPtrArray *
unreferenced_attachments (Purge   *purge,
                          GError **error)
{
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GHashTableIter iter;
  const char *sha256;

  if (!(stmt = lia_db_prepare (purge->db,
                               "SELECT EXISTS (SELECT 1 FROM records WHERE instr (body, ?1) > 0)"
                               "    OR EXISTS (SELECT 1 FROM change_log WHERE instr (body, ?1) > 0)"
                               "    OR EXISTS (SELECT 1 FROM conflicts"
                               "               WHERE instr (local_body, ?1) > 0 OR instr (remote_body, ?1) > 0)",
                               error)))
    return NULL;

  g_hash_table_iter_init (&iter, purge->attachments);
  while (g_hash_table_iter_next (&iter, (gpointer *) &sha256, NULL))
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, sha256, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          lia_db_set_error (purge->db, _("finding attachments still in use"), error);
          return NULL;
        }
      if (!sqlite3_column_int (stmt, 0) && lia_attachment_has (purge->store, sha256))
        g_ptr_array_add (gone, g_strdup (sha256));
    }

  return g_steal_pointer (&gone);
}

/* The bytes of what was deleted leave the files: secure_delete zeroes
 * freed cells, VACUUM rewrites the database without free pages, and the
 * checkpoint copies it out of the WAL and truncates the WAL.  In an
 * encrypted store VACUUM's copy stays in memory (temp_store). */
static gboolean
compact (Purge   *purge,
         GError **error)
{
  g_autoptr(sqlite3_stmt) checkpoint = NULL;

  if (!lia_db_exec (purge->db, "VACUUM;", error) ||
      !(checkpoint = lia_db_prepare (purge->db, "PRAGMA wal_checkpoint (TRUNCATE);", error)))
    return FALSE;

  /* busy: another connection was reading; the WAL is rewritten by the
   * next checkpoint, and its old frames are what VACUUM wrote. */
  if (sqlite3_step (checkpoint) == SQLITE_ROW && sqlite3_column_int (checkpoint, 0) != 0)
    g_debug ("Retention: the WAL could not be truncated, a reader was active");

  return TRUE;
}

/**
 * lia_retention_purge:
 * @dry_run: count only; nothing is removed
 *
 * Removes the records past their retention period, as described at the
 * top of this file.  Records whose changes HQ does not have yet are kept
 * while the device is enrolled, and reports until HQ has them whatever
 * the enrolment; the report counts them.  Must not be called inside a
 * transaction of @store.
 *
 * Returns: (transfer full): what was (or would be) removed and kept
 */
LiaRetentionReport *
lia_retention_purge (LiaStore  *store,
                     gboolean   dry_run,
                     GError   **error)
{
  g_autoptr(LiaRetentionReport) report = g_new0 (LiaRetentionReport, 1);
  g_autoptr(GHashTable) attachments = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GPtrArray) files = NULL;
  g_autofree char *now_text = NULL;
  Purge purge = { 0, };

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (sqlite3_get_autocommit (lia_store_get_db (store)), NULL);

  now = lia_clock_get_now (lia_store_get_clock (store));
  now_text = lia_clock_format_iso8601 (now);

  purge.store = store;
  purge.db = lia_store_get_db (store);
  purge.now = now_text;
  purge.enrolled = lia_sync_engine_store_is_enrolled (store);
  purge.attachments = attachments;

  report->dry_run = dry_run;
  report->counts = g_array_new (FALSE, TRUE, sizeof (LiaRetentionCount));

  /* An encrypted store has both already; a store in clear (tests) gets
   * them so that it too keeps nothing of what it deletes. */
  if (!lia_db_exec (purge.db, "PRAGMA secure_delete = ON; PRAGMA temp_store = MEMORY;", error) ||
      !lia_store_begin (store, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      LiaRetentionCount count = { types[i].record_type, 0, 0 };

      if (!purge_type (&purge, &types[i], report, &count, error))
        goto fail;
      g_array_append_val (report->counts, count);
    }

  if (!purge_leftovers (&purge, report, error) ||
      !(files = unreferenced_attachments (&purge, error)))
    goto fail;
  report->attachments = files->len;

  if (dry_run)
    {
      lia_store_rollback (store);
      return g_steal_pointer (&report);
    }

  if (!lia_store_commit (store, error))
    return NULL;

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *path = lia_attachment_get_path (store, g_ptr_array_index (files, i));

      if (g_remove (path) != 0)
        g_debug ("Retention: an attachment could not be removed: %s", g_strerror (errno));
    }

  if (lia_retention_report_total_purged (report) > 0)
    {
      if (!compact (&purge, error))
        return NULL;
      g_signal_emit_by_name (store, "changed");
    }

  return g_steal_pointer (&report);

fail:
  lia_store_rollback (store);
  return NULL;
}

/**
 * lia_retention_count_due:
 *
 * Returns: how many records a purge would remove now, or -1 on error
 */
gint64
lia_retention_count_due (LiaStore  *store,
                         GError   **error)
{
  g_autoptr(LiaRetentionReport) report = lia_retention_purge (store, TRUE, error);

  return report != NULL ? lia_retention_report_total_purged (report) : -1;
}

/* ---- async ----------------------------------------------------------------- */

typedef struct
{
  char     *path;
  LiaClock *clock;
  gboolean  dry_run;
} PurgeData;

static void
purge_data_free (PurgeData *data)
{
  g_free (data->path);
  g_clear_object (&data->clock);
  g_free (data);
}

static void
purge_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PurgeData *data = task_data;
  g_autoptr(LiaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  LiaRetentionReport *report;

  /* A connection of its own: the key of an encrypted store is found by
   * its path (lia_vault_hold_path). */
  if (!(store = lia_store_open (data->path, data->clock, &error)) ||
      !(report = lia_retention_purge (store, data->dry_run, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, report, (GDestroyNotify) lia_retention_report_free);
}

/**
 * lia_retention_purge_async:
 *
 * lia_retention_purge() in a worker thread, through a connection of its
 * own, so that the window never waits for VACUUM.
 */
void
lia_retention_purge_async (LiaStore            *store,
                           gboolean             dry_run,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PurgeData *data;

  g_return_if_fail (LIA_IS_STORE (store));

  data = g_new0 (PurgeData, 1);
  data->path = g_strdup (lia_store_get_path (store));
  data->clock = g_object_ref (lia_store_get_clock (store));
  data->dry_run = dry_run;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_retention_purge_async);
  g_task_set_task_data (task, data, (GDestroyNotify) purge_data_free);
  g_task_run_in_thread (task, purge_thread);
}

/**
 * lia_retention_purge_finish:
 *
 * Emits LiaStore::changed on @store when records were removed, so that
 * lists read again.
 *
 * Returns: (transfer full): what the purge removed and kept
 */
LiaRetentionReport *
lia_retention_purge_finish (LiaStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  LiaRetentionReport *report;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report != NULL && !report->dry_run && lia_retention_report_total_purged (report) > 0)
    g_signal_emit_by_name (store, "changed");

  return report;
}

/* ---- what HQ has ----------------------------------------------------------- */

gboolean
lia_retention_note_received (LiaStore   *store,
                             GPtrArray  *changes,
                             GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *received_at = NULL;
  sqlite3 *db;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (changes != NULL, FALSE);

  db = lia_store_get_db (store);
  now = lia_clock_get_now (lia_store_get_clock (store));
  received_at = lia_clock_format_iso8601 (now);

  if (!(stmt = lia_db_prepare (db,
                               "INSERT OR IGNORE INTO hq_received (uuid, received_at) VALUES (?1, ?2)",
                               error)))
    return FALSE;

  for (guint i = 0; i < changes->len; i++)
    {
      LiaSyncChange *change = g_ptr_array_index (changes, i);

      /* Only reports count from HQ's receipt. */
      if (g_strcmp0 (change->record_type, "report") != 0)
        continue;

      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, change->uuid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, received_at, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        return lia_db_set_error (db, _("recording what HQ received"), error);
    }

  return TRUE;
}
