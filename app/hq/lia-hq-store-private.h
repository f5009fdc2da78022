/* lia-hq-store-private.h — for the HQ dashboard only
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lia-hq-store.h"

G_BEGIN_DECLS

/* The store's own connection: the dashboard runs on the same thread. */
sqlite3 *lia_hq_store_get_db (LiaHqStore *self);

G_END_DECLS
