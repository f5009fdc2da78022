/* lia-directory-page.h — the Directory page: the deployments HQ publishes,
 * searched and read offline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_DIRECTORY_PAGE (lia_directory_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaDirectoryPage, lia_directory_page, LIA, DIRECTORY_PAGE, AdwBin)

LiaContext *lia_directory_page_get_context       (LiaDirectoryPage     *self);
void        lia_directory_page_set_context       (LiaDirectoryPage     *self,
                                                  LiaContext           *context);
void        lia_directory_page_refresh           (LiaDirectoryPage     *self);
gboolean    lia_directory_page_show_entry        (LiaDirectoryPage     *self,
                                                  const char           *id);
const char *lia_directory_page_get_shown_entry   (LiaDirectoryPage     *self);
void        lia_directory_page_export_vcard_async  (LiaDirectoryPage   *self,
                                                    GFile              *file,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
gboolean    lia_directory_page_export_vcard_finish (LiaDirectoryPage   *self,
                                                    GAsyncResult       *result,
                                                    GError            **error);

G_END_DECLS
