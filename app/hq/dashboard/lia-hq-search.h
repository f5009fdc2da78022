/* lia-hq-search.h — the full-text index of the records HQ received
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "lia-sensitivity.h"

G_BEGIN_DECLS

gboolean  lia_hq_search_register    (sqlite3         *db,
                                     GError         **error);
char     *lia_hq_search_build_match (const char      *text,
                                     LiaSensitivity   clearance);

G_END_DECLS
