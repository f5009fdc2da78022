/* lia-sync-page.h — the Sync page: enrol with HQ, see and drive sync, settle conflicts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_SYNC_PAGE (lia_sync_page_get_type ())

G_DECLARE_FINAL_TYPE (LiaSyncPage, lia_sync_page, LIA, SYNC_PAGE, AdwBin)

LiaContext *lia_sync_page_get_context (LiaSyncPage *self);
void        lia_sync_page_set_context (LiaSyncPage *self,
                                       LiaContext  *context);
void        lia_sync_page_sync_now    (LiaSyncPage *self);
gboolean    lia_sync_page_get_busy    (LiaSyncPage *self);
void        lia_sync_page_refresh     (LiaSyncPage *self);

char       *lia_sync_describe_status  (LiaSyncEngine *engine,
                                       GDateTime     *now);

G_END_DECLS
