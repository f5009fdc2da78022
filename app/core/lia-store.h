/* lia-store.h — the user database of one field installation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "lia-clock.h"
#include "lia-record.h"
#include "lia-vault.h"

G_BEGIN_DECLS

#define LIA_TYPE_STORE (lia_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaStore, lia_store, LIA, STORE, GObject)

#define LIA_STORE_FILENAME "liaison.db"

/* In clear: tests and data folders made before encryption (see
 * docs/encryption.md).  Encrypted: the data key comes from @vault. */
LiaStore   *lia_store_open                (const char  *path,
                                           LiaClock    *clock,
                                           GError     **error);
LiaStore   *lia_store_open_encrypted      (const char  *path,
                                           LiaVault    *vault,
                                           LiaClock    *clock,
                                           GError     **error);
LiaStore   *lia_store_open_in_dir         (const char  *data_dir,
                                           LiaClock    *clock,
                                           GError     **error);
const char *lia_store_get_path            (LiaStore    *self);
LiaVault   *lia_store_get_vault           (LiaStore    *self);
LiaClock   *lia_store_get_clock           (LiaStore    *self);
const char *lia_store_get_device_id       (LiaStore    *self);
guint       lia_store_get_schema_version  (LiaStore    *self);
guint       lia_store_get_latest_schema_version (void);
void        lia_store_register_type       (GType        record_type);
gboolean    lia_store_begin               (LiaStore    *self,
                                           GError     **error);
gboolean    lia_store_commit              (LiaStore    *self,
                                           GError     **error);
void        lia_store_rollback            (LiaStore    *self);
gboolean    lia_store_save                (LiaStore    *self,
                                           LiaRecord   *record,
                                           GError     **error);
gboolean    lia_store_delete              (LiaStore    *self,
                                           LiaRecord   *record,
                                           GError     **error);
LiaRecord  *lia_store_load                (LiaStore    *self,
                                           const char  *uuid,
                                           GError     **error);
GPtrArray  *lia_store_list                (LiaStore    *self,
                                           const char  *record_type,
                                           const char  *operation,
                                           GError     **error);
gint64      lia_store_count_changes       (LiaStore    *self,
                                           GError     **error);
char       *lia_store_get_setting         (LiaStore    *self,
                                           const char  *key);
gboolean    lia_store_set_setting         (LiaStore    *self,
                                           const char  *key,
                                           const char  *value,
                                           GError     **error);

G_END_DECLS
