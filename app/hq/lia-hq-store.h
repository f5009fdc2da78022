/* lia-hq-store.h — the database of one HQ installation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIA_TYPE_HQ_STORE (lia_hq_store_get_type ())

G_DECLARE_FINAL_TYPE (LiaHqStore, lia_hq_store, LIA, HQ_STORE, GObject)

/* The one opening function: encryption at rest will come in here. */
LiaHqStore *lia_hq_store_open                       (const char  *path,
                                                     GError     **error);
const char *lia_hq_store_get_path                   (LiaHqStore  *self);
guint       lia_hq_store_get_schema_version         (LiaHqStore  *self);
guint       lia_hq_store_get_latest_schema_version  (void);
gboolean    lia_hq_store_close                      (LiaHqStore  *self,
                                                     GError     **error);

G_END_DECLS
