/* lia-record.h — the fields every synced record carries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

#define LIA_TYPE_RECORD (lia_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (LiaRecord, lia_record, LIA, RECORD, GObject)

/* A record type (actor, site notification, report…) subclasses LiaRecord,
 * names itself with record_type and moves its own fields in and out of the
 * JSON body that the store and the sync protocol carry.  The common fields
 * live here and are managed by LiaStore. */
struct _LiaRecordClass
{
  GObjectClass parent_class;

  const char *record_type;
  /* Each record is saved once and never changed or deleted (a log entry):
   * LiaStore refuses a second revision, and sync never sees a conflict. */
  gboolean    append_only;

  void     (*serialize)   (LiaRecord   *self,
                           JsonBuilder *builder);
  gboolean (*deserialize) (LiaRecord   *self,
                           JsonObject  *body,
                           GError     **error);

  /* Optional.  FALSE keeps this revision on the device: it is saved
   * without a change-log entry, so sync never sends it (a report's draft).
   * The first revision that is syncable again carries the whole record. */
  gboolean (*is_syncable) (LiaRecord   *self);
  /* Optional.  Refuses a save (or with @tombstone, a delete) that the
   * type's rules forbid, such as changing a submitted report. */
  gboolean (*check_save)  (LiaRecord   *self,
                           gboolean     tombstone,
                           GError     **error);

  gpointer padding[5];
};

const char     *lia_record_get_record_type   (LiaRecord      *self);
const char     *lia_record_get_uuid          (LiaRecord      *self);
const char     *lia_record_get_operation     (LiaRecord      *self);
void            lia_record_set_operation     (LiaRecord      *self,
                                              const char     *operation);
LiaSensitivity  lia_record_get_sensitivity   (LiaRecord      *self);
void            lia_record_set_sensitivity   (LiaRecord      *self,
                                              LiaSensitivity  sensitivity);
GDateTime      *lia_record_get_created_at    (LiaRecord      *self);
GDateTime      *lia_record_get_updated_at    (LiaRecord      *self);
gint64          lia_record_get_revision      (LiaRecord      *self);
const char     *lia_record_get_author_device (LiaRecord      *self);
gboolean        lia_record_get_tombstone     (LiaRecord      *self);
char           *lia_record_serialize_body    (LiaRecord      *self);
gboolean        lia_record_deserialize_body  (LiaRecord      *self,
                                              const char     *json,
                                              GError        **error);
gboolean        lia_record_is_syncable       (LiaRecord      *self);
gboolean        lia_record_check_save        (LiaRecord      *self,
                                              gboolean        tombstone,
                                              GError        **error);

G_END_DECLS
