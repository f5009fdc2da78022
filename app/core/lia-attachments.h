/* lia-attachments.h — photos and documents attached to reports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-crypt-vfs.h"
#include "lia-report.h"
#include "lia-store.h"

G_BEGIN_DECLS

char     *lia_attachment_get_path   (LiaStore    *store,
                                     const char  *sha256);
gboolean  lia_attachment_has        (LiaStore    *store,
                                     const char  *sha256);
GBytes   *lia_attachment_load       (LiaStore    *store,
                                     const char  *sha256,
                                     GError     **error);
gboolean  lia_attachment_store      (LiaStore    *store,
                                     const char  *sha256,
                                     GBytes      *bytes,
                                     GError     **error);
gboolean  lia_attachment_add_file   (LiaStore    *store,
                                     LiaReport   *report,
                                     const char  *path,
                                     GError     **error);
GStrv     lia_attachments_referenced (const char *body);
gboolean  lia_attachments_seal_dir  (const char   *clear_dir,
                                     const char   *sealed_dir,
                                     LiaCryptKey  *key,
                                     GError      **error);

G_END_DECLS
