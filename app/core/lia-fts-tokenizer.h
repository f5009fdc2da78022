/* lia-fts-tokenizer.h — the "liaison" FTS5 tokenizer and safe MATCH queries
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

gboolean  lia_fts_tokenizer_register (sqlite3     *db,
                                      GError     **error);
char     *lia_fts_build_query        (const char  *text,
                                      gboolean     prefix_last);
char     *lia_fts_build_query_any    (const char  *text,
                                      gboolean     prefix_last);

G_END_DECLS
