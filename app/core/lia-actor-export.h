/* lia-actor-export.h — stakeholder maps out to GIS, HXL and Gephi
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"

G_BEGIN_DECLS

typedef enum
{
  LIA_ACTOR_EXPORT_GEOJSON,
  LIA_ACTOR_EXPORT_HXL,
  LIA_ACTOR_EXPORT_GRAPHML,
} LiaActorExportFormat;

typedef enum
{
  LIA_ACTOR_EXPORT_FLAGS_NONE = 0,
  /* Strictly confidential actors and relationships, and confidential
   * contacts, too: only on the officer's explicit request. */
  LIA_ACTOR_EXPORT_INCLUDE_STRICTLY_CONFIDENTIAL = 1 << 0,
} LiaActorExportFlags;

gboolean lia_actor_export_format_from_string (const char            *str,
                                              LiaActorExportFormat  *format);
gboolean lia_actor_export_count_left_out     (LiaStore              *store,
                                              const char            *operation,
                                              guint                 *n_records,
                                              guint                 *n_contacts,
                                              GError               **error);
char    *lia_actor_export_to_string          (LiaStore              *store,
                                              const char            *operation,
                                              LiaActorExportFormat   format,
                                              LiaActorExportFlags    flags,
                                              GError               **error);
gboolean lia_actor_export_to_file            (LiaStore              *store,
                                              const char            *operation,
                                              LiaActorExportFormat   format,
                                              LiaActorExportFlags    flags,
                                              const char            *path,
                                              GError               **error);

G_END_DECLS
