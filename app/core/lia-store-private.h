/* lia-store-private.h — for the store's own files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lia-store.h"

G_BEGIN_DECLS

const char * const *lia_store_get_migrations (guint *n_migrations);

gboolean lia_store_type_is_append_only (const char *record_type);

gboolean lia_store_write_local_revision (LiaStore        *self,
                                         const char      *uuid,
                                         const char      *record_type,
                                         const char      *operation,
                                         LiaSensitivity   sensitivity,
                                         gint64           revision,
                                         gboolean         tombstone,
                                         const char      *body,
                                         const char      *created_at,
                                         const char      *updated_at,
                                         GError         **error);

G_END_DECLS

G_BEGIN_DECLS

/* For the store's sync half (lia-store-sync.c) and for tests that inject
 * failures below the store. */
sqlite3 *lia_store_get_db (LiaStore *self);

G_END_DECLS
