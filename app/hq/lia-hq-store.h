/* lia-hq-store.h — the database of one HQ installation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

#define LIA_HQ_STORE_ERROR (lia_hq_store_error_quark ())

/* Why HQ refused: each maps to one HTTP status and one plain sentence. */
typedef enum
{
  LIA_HQ_STORE_ERROR_CODE_UNKNOWN,
  LIA_HQ_STORE_ERROR_CODE_USED,
  LIA_HQ_STORE_ERROR_CODE_EXPIRED,
  LIA_HQ_STORE_ERROR_TOKEN_UNKNOWN,
  LIA_HQ_STORE_ERROR_TOKEN_REVOKED,
  LIA_HQ_STORE_ERROR_TOKEN_EXPIRED,
  LIA_HQ_STORE_ERROR_FORBIDDEN,       /* outside the device's operation or clearance */
  LIA_HQ_STORE_ERROR_DEVICE_UNKNOWN,
  LIA_HQ_STORE_ERROR_NOT_NEWER,       /* a guidance pack no newer than the published one */
  LIA_HQ_STORE_ERROR_NOTHING_PUBLISHED,
} LiaHqStoreError;

GQuark lia_hq_store_error_quark (void);

/* An enrolled field device, as HQ knows it. */
typedef struct
{
  char           *id;
  char           *name;
  char           *operation;
  LiaSensitivity  clearance;
  char           *enrolled_at;
  char           *token_expires_at;
  char           *last_seen;         /* nullable */
  char           *revoked_at;        /* nullable */
  gint64          pulled_seq;        /* the newest hq_seq it has been sent */
} LiaHqDevice;

void lia_hq_device_free (LiaHqDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqDevice, lia_hq_device_free)

/* The newest guidance pack HQ publishes. */
typedef struct
{
  gint64  content_version;
  char   *sha256;            /* of the pack file */
  gsize   size;              /* of the pack file */
  GBytes *gzipped;           /* the pack file, gzip-compressed */
} LiaHqGuidance;

void lia_hq_guidance_free (LiaHqGuidance *guidance);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaHqGuidance, lia_hq_guidance_free)

#define LIA_TYPE_HQ_STORE (lia_hq_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaHqStore, lia_hq_store, LIA, HQ_STORE, GObject)

/* The one opening function: encryption at rest will come in here. */
LiaHqStore    *lia_hq_store_open                       (const char      *path,
                                                        GError         **error);
const char    *lia_hq_store_get_path                   (LiaHqStore      *self);
guint          lia_hq_store_get_schema_version         (LiaHqStore      *self);
guint          lia_hq_store_get_latest_schema_version  (void);
gboolean       lia_hq_store_close                      (LiaHqStore      *self,
                                                        GError         **error);

gboolean       lia_hq_store_add_enrol_code             (LiaHqStore      *self,
                                                        const char      *code_hash,
                                                        const char      *operation,
                                                        LiaSensitivity   clearance,
                                                        GDateTime       *expires_at,
                                                        guint            token_days,
                                                        GError         **error);
LiaHqDevice   *lia_hq_store_enrol                      (LiaHqStore      *self,
                                                        const char      *code_hash,
                                                        const char      *device_name,
                                                        const char      *token_hash,
                                                        GError         **error);
LiaHqDevice   *lia_hq_store_authenticate               (LiaHqStore      *self,
                                                        const char      *token_hash,
                                                        GError         **error);
GPtrArray     *lia_hq_store_list_devices               (LiaHqStore      *self,
                                                        GError         **error);
gboolean       lia_hq_store_revoke_device              (LiaHqStore      *self,
                                                        const char      *device_id,
                                                        gboolean        *already_revoked,
                                                        GError         **error);

char          *lia_hq_store_push                       (LiaHqStore      *self,
                                                        LiaHqDevice     *device,
                                                        gint64           batch_seq,
                                                        GPtrArray       *changes,
                                                        gboolean         per_change,
                                                        GError         **error);
GPtrArray     *lia_hq_store_pull                       (LiaHqStore      *self,
                                                        LiaHqDevice     *device,
                                                        gint64           since,
                                                        guint            limit,
                                                        gsize            max_bytes,
                                                        gint64          *cursor,
                                                        gboolean        *more,
                                                        GError         **error);

gboolean       lia_hq_store_publish_guidance           (LiaHqStore      *self,
                                                        GBytes          *pack,
                                                        gint64           content_version,
                                                        GError         **error);
LiaHqGuidance *lia_hq_store_get_guidance               (LiaHqStore      *self,
                                                        GError         **error);
gint64         lia_hq_store_publish_record             (LiaHqStore      *self,
                                                        const char      *record_type,
                                                        LiaSensitivity   sensitivity,
                                                        const char      *body,
                                                        GError         **error);

G_END_DECLS
