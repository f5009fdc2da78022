/* lia-store-migrations.c — the schema of the user database, step by step
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-store-private.h"

/* Append only: a released step is never edited, because field laptops carry
 * databases at every earlier version.  tests/test-store.c upgrades from each
 * one. */
static const char * const migrations[] = {
  /* 1: installation settings, the synced records and their change log */
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY NOT NULL,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE records ("
  "  uuid          TEXT PRIMARY KEY NOT NULL,"
  "  record_type   TEXT NOT NULL,"
  "  operation     TEXT NOT NULL,"
  "  sensitivity   INTEGER NOT NULL CHECK (sensitivity BETWEEN 0 AND 3),"
  "  created_at    TEXT NOT NULL,"
  "  updated_at    TEXT NOT NULL,"
  "  revision      INTEGER NOT NULL CHECK (revision > 0),"
  "  author_device TEXT NOT NULL,"
  "  tombstone     INTEGER NOT NULL DEFAULT 0 CHECK (tombstone IN (0, 1)),"
  "  body          TEXT NOT NULL CHECK (json_valid (body))"
  ");"
  "CREATE INDEX records_by_type ON records (record_type, operation) WHERE tombstone = 0;"
  "CREATE TABLE change_log ("
  "  seq         INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  record_uuid TEXT NOT NULL REFERENCES records (uuid),"
  "  record_type TEXT NOT NULL,"
  "  revision    INTEGER NOT NULL,"
  "  operation   TEXT NOT NULL,"
  "  sensitivity INTEGER NOT NULL,"
  "  tombstone   INTEGER NOT NULL,"
  "  changed_at  TEXT NOT NULL,"
  "  body        TEXT NOT NULL,"
  "  UNIQUE (record_uuid, revision)"
  ");",

  /* 2: where sync has got to with each peer (pushed change-log sequence,
   * server cursor), kept apart from settings so a reset of one leaves the
   * other alone */
  "CREATE TABLE sync_state ("
  "  peer         TEXT PRIMARY KEY NOT NULL,"
  "  pushed_seq   INTEGER NOT NULL DEFAULT 0,"
  "  pull_cursor  TEXT,"
  "  last_sync_at TEXT"
  ");"
  "INSERT INTO sync_state (peer) VALUES ('hq');",

  /* 3: the officer's bookmarks and notes on guidance cards, by card id and
   * not by language or pack, so that they survive pack updates and follow
   * the card into every language */
  "CREATE TABLE guidance_marks ("
  "  card_id    TEXT PRIMARY KEY NOT NULL,"
  "  bookmarked INTEGER NOT NULL DEFAULT 0 CHECK (bookmarked IN (0, 1)),"
  "  note       TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL"
  ");",

  /* 4: sync with HQ.  The batch in flight is numbered and its end in the
   * change log kept before it is sent, so that a resend after a cut link or
   * a crash is the same batch and HQ applies it once.  Concurrent revisions
   * are both kept: the winner in records, both sides here until a person
   * chooses. */
  "ALTER TABLE sync_state ADD COLUMN batch_seq INTEGER NOT NULL DEFAULT 0;"
  "ALTER TABLE sync_state ADD COLUMN batch_end_seq INTEGER;"
  "ALTER TABLE sync_state ADD COLUMN last_error TEXT;"
  "CREATE TABLE conflicts ("
  "  id                 INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  record_uuid        TEXT NOT NULL REFERENCES records (uuid),"
  "  record_type        TEXT NOT NULL,"
  "  local_won          INTEGER NOT NULL CHECK (local_won IN (0, 1)),"
  "  local_revision     INTEGER NOT NULL,"
  "  local_author       TEXT NOT NULL,"
  "  local_changed_at   TEXT NOT NULL,"
  "  local_sensitivity  INTEGER NOT NULL,"
  "  local_tombstone    INTEGER NOT NULL,"
  "  local_body         TEXT NOT NULL,"
  "  remote_revision    INTEGER NOT NULL,"
  "  remote_author      TEXT NOT NULL,"
  "  remote_changed_at  TEXT NOT NULL,"
  "  remote_sensitivity INTEGER NOT NULL,"
  "  remote_tombstone   INTEGER NOT NULL,"
  "  remote_body        TEXT NOT NULL,"
  "  detected_at        TEXT NOT NULL,"
  "  resolved_at        TEXT,"
  "  UNIQUE (record_uuid, local_revision, local_author, remote_revision, remote_author)"
  ");"
  "CREATE INDEX conflicts_unresolved ON conflicts (id) WHERE resolved_at IS NULL;",

  /* 5: what sync cannot send and what it did.  A change HQ refuses (or
   * that is too large for it) is kept here, out of the queue, so that the
   * rest still travels.  batch_max_bytes is what HQ's body limit taught
   * (a 413).  sync_log keeps the last attempts for the Sync page and
   * `liaison-cli sync log`; counts and sizes only, never record content. */
  "ALTER TABLE sync_state ADD COLUMN batch_max_bytes INTEGER;"
  "CREATE TABLE sync_refused ("
  "  seq        INTEGER PRIMARY KEY REFERENCES change_log (seq),"
  "  reason     TEXT NOT NULL,"
  "  message    TEXT NOT NULL,"
  "  refused_at TEXT NOT NULL"
  ");"
  "CREATE TABLE sync_log ("
  "  id             INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  started_at     TEXT NOT NULL,"
  "  finished_at    TEXT,"
  "  outcome        TEXT NOT NULL DEFAULT 'running',"
  "  pushed         INTEGER NOT NULL DEFAULT 0,"
  "  pulled         INTEGER NOT NULL DEFAULT 0,"
  "  conflicts      INTEGER NOT NULL DEFAULT 0,"
  "  refused        INTEGER NOT NULL DEFAULT 0,"
  "  bytes_sent     INTEGER NOT NULL DEFAULT 0,"
  "  bytes_received INTEGER NOT NULL DEFAULT 0,"
  "  error          TEXT"
  ");",

  /* 6: retention (lia-retention.c).  The rules the officer changed, for
   * every operation ("*") or one; days NULL keeps until deleted.  The ids
   * of purged records, no content, and a trigger that drops a pulled
   * revision of one, so a purge stays a purge whatever HQ sends.  When HQ
   * acknowledged each submitted report, which its period counts from. */
  "CREATE TABLE retention_rules ("
  "  record_type TEXT NOT NULL,"
  "  operation   TEXT NOT NULL,"
  "  days        INTEGER CHECK (days IS NULL OR days > 0),"
  "  updated_at  TEXT NOT NULL,"
  "  PRIMARY KEY (record_type, operation)"
  ");"
  "CREATE TABLE purged_records ("
  "  uuid      TEXT PRIMARY KEY NOT NULL,"
  "  purged_at TEXT NOT NULL"
  ");"
  "CREATE TRIGGER purged_records_stay_purged BEFORE INSERT ON records"
  "  WHEN EXISTS (SELECT 1 FROM purged_records WHERE uuid = new.uuid)"
  "  BEGIN SELECT RAISE (IGNORE); END;"
  "CREATE TABLE hq_received ("
  "  uuid        TEXT PRIMARY KEY NOT NULL,"
  "  received_at TEXT NOT NULL"
  ");",
};

const char * const *
lia_store_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}
