/* lia-search-index.h — a throwaway full-text index of a few hundred texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LiaSearchIndex LiaSearchIndex;

LiaSearchIndex *lia_search_index_new    (GError         **error);
void            lia_search_index_free   (LiaSearchIndex  *self);
gboolean        lia_search_index_add    (LiaSearchIndex  *self,
                                         guint            key,
                                         const char      *text,
                                         GError         **error);
GArray         *lia_search_index_query  (LiaSearchIndex  *self,
                                         const char      *query,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LiaSearchIndex, lia_search_index_free)

G_END_DECLS
