/* lia-retention.h — how long each kind of record stays on the laptop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-store.h"

G_BEGIN_DECLS

/* A rule's days: a number of days after the type's anchor date, or this. */
#define LIA_RETENTION_KEEP      (-1)
#define LIA_RETENTION_MAX_DAYS  36500
/* The operation of a rule that applies to every operation without one. */
#define LIA_RETENTION_ALL_OPERATIONS "*"

/* The record types a rule exists for, in the order people see them. */
const char * const *lia_retention_list_types        (void);
gboolean            lia_retention_type_is_known      (const char  *record_type);
/* Whether the officer may give @record_type a number of days; the
 * directory and curated lessons are HQ's and replaced by HQ. */
gboolean            lia_retention_type_is_settable   (const char  *record_type);
gboolean            lia_retention_check_settable     (const char  *record_type,
                                                      GError     **error);
const char         *lia_retention_type_get_label     (const char  *record_type);
/* What the days count from, as a phrase: “after the movement ended”. */
const char         *lia_retention_type_get_anchor    (const char  *record_type);
int                 lia_retention_type_get_default   (const char  *record_type);

/* One rule as it applies: @operation is "*" for the rule of every
 * operation; @is_default when nobody changed it. */
typedef struct
{
  char     *record_type;
  char     *operation;
  int       days;         /* or LIA_RETENTION_KEEP */
  gboolean  is_default;
} LiaRetentionRule;

void       lia_retention_rule_free  (LiaRetentionRule  *rule);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaRetentionRule, lia_retention_rule_free)

/* (element-type LiaRetentionRule): every type's rule for all operations,
 * then each rule set for one operation. */
GPtrArray *lia_retention_list_rules (LiaStore          *store,
                                     GError           **error);
/* The days that apply to @record_type in @operation (NULL or "*": the
 * rule of every operation). */
int        lia_retention_get_days   (LiaStore          *store,
                                     const char        *record_type,
                                     const char        *operation);
gboolean   lia_retention_set_days   (LiaStore          *store,
                                     const char        *record_type,
                                     const char        *operation,
                                     int                days,
                                     GError           **error);
/* Parses “30” or “keep” as typed on a command line. */
gboolean   lia_retention_parse_days (const char        *text,
                                     int               *days,
                                     GError           **error);

/* What a purge removed, and what it kept because HQ does not have it yet. */
typedef struct
{
  const char *record_type;   /* static */
  guint       purged;
  guint       kept_unsent;
} LiaRetentionCount;

typedef struct
{
  gboolean  dry_run;
  GArray   *counts;               /* LiaRetentionCount, one per type */
  guint     transmissions;        /* log entries of purged notifications */
  guint     tombstones;           /* deleted records whose deletion reached HQ */
  guint     attachments;          /* files no longer referenced */
} LiaRetentionReport;

void       lia_retention_report_free         (LiaRetentionReport *report);
guint      lia_retention_report_total_purged (LiaRetentionReport *report);
guint      lia_retention_report_total_kept   (LiaRetentionReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaRetentionReport, lia_retention_report_free)

/* Thread-safe in the sense of SQLite: call it from the thread that owns
 * @store, or use the _async pair, which purges through a connection of
 * its own. */
LiaRetentionReport *lia_retention_purge        (LiaStore            *store,
                                                gboolean             dry_run,
                                                GError             **error);
gint64              lia_retention_count_due    (LiaStore            *store,
                                                GError             **error);
void                lia_retention_purge_async  (LiaStore            *store,
                                                gboolean             dry_run,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
LiaRetentionReport *lia_retention_purge_finish (LiaStore            *store,
                                                GAsyncResult        *result,
                                                GError             **error);

/* For the sync engine: HQ acknowledged @changes (LiaSyncChange) now. */
gboolean            lia_retention_note_received (LiaStore           *store,
                                                 GPtrArray          *changes,
                                                 GError            **error);

G_END_DECLS
