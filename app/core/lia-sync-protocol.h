/* lia-sync-protocol.h — the wire format between field devices and HQ
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

/* See docs/sync-protocol.md.  Bumped for any change to what is on the
 * wire: decoders refuse every other version. */
#define LIA_SYNC_PROTOCOL_VERSION 1
#define LIA_SYNC_MAX_BATCH_CHANGES 500
#define LIA_SYNC_MAX_BODY (8 * 1024 * 1024)   /* uncompressed */

/* One revision of one record, as pushed by a device or pulled from HQ.
 * Every record type travels the same way: its own fields are in @body. */
typedef struct
{
  char           *uuid;
  char           *record_type;
  char           *operation;      /* "*" for global content */
  LiaSensitivity  sensitivity;
  gint64          revision;
  char           *author_device;
  char           *changed_at;     /* ISO 8601, UTC, microseconds, “Z” */
  gboolean        tombstone;
  char           *body;           /* the record's JSON object, as text */
  gint64          seq;            /* push: the device's change-log seq; pull: HQ's hq_seq */
} LiaSyncChange;

void      lia_sync_change_free    (LiaSyncChange   *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaSyncChange, lia_sync_change_free)

GBytes   *lia_sync_gzip           (const char      *data,
                                   gsize            len);
GBytes   *lia_sync_gunzip         (GBytes          *compressed,
                                   gsize            max_size,
                                   GError         **error);

GBytes   *lia_sync_encode_push    (const char      *device_id,
                                   gint64           batch_seq,
                                   GPtrArray       *changes);
gboolean  lia_sync_decode_push    (GBytes          *gzipped,
                                   char           **device_id,
                                   gint64          *batch_seq,
                                   GPtrArray      **changes,
                                   GError         **error);
GBytes   *lia_sync_encode_pull    (GPtrArray       *changes,
                                   const char      *cursor,
                                   gboolean         more);
gboolean  lia_sync_decode_pull    (GBytes          *gzipped,
                                   GPtrArray      **changes,
                                   char           **cursor,
                                   gboolean        *more,
                                   GError         **error);

int       lia_sync_change_compare (const LiaSyncChange *a,
                                   const LiaSyncChange *b);

G_END_DECLS
