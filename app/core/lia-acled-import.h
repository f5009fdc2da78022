/* lia-acled-import.h — actors and relationships from ACLED event data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"

G_BEGIN_DECLS

#define LIA_TYPE_ACLED_IMPORT (lia_acled_import_get_type ())

G_DECLARE_FINAL_TYPE (LiaAcledImport, lia_acled_import, LIA, ACLED_IMPORT, GObject)

/* A row that was skipped, and why. */
typedef struct
{
  guint  row;       /* as a spreadsheet numbers it: the header is row 1 */
  char  *message;
} LiaAcledProblem;

LiaAcledImport *lia_acled_import_new                   (LiaStore        *store,
                                                        const char      *operation);
gboolean        lia_acled_import_prepare               (LiaAcledImport  *self,
                                                        const char      *path,
                                                        GError         **error);
gboolean        lia_acled_import_commit                (LiaAcledImport  *self,
                                                        GError         **error);

guint           lia_acled_import_get_n_rows            (LiaAcledImport  *self);
guint           lia_acled_import_get_n_new_actors      (LiaAcledImport  *self);
guint           lia_acled_import_get_n_merged_actors   (LiaAcledImport  *self);
guint           lia_acled_import_get_n_new_relationships (LiaAcledImport *self);
guint           lia_acled_import_get_n_updated_relationships (LiaAcledImport *self);
guint           lia_acled_import_get_n_unchanged_relationships (LiaAcledImport *self);
GPtrArray      *lia_acled_import_get_problems          (LiaAcledImport  *self);

G_END_DECLS
