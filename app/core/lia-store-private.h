/* lia-store-private.h — for the store's own files and its tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lia-store.h"

G_BEGIN_DECLS

const char * const *lia_store_get_migrations (guint *n_migrations);

G_END_DECLS

G_BEGIN_DECLS

/* For tests that inject failures below the store. */
sqlite3 *lia_store_get_db (LiaStore *self);

G_END_DECLS
