/* lia-sync-blobs.h — attachment bytes travel beside the records that
 * reference them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-store.h"
#include "lia-sync-transport.h"

G_BEGIN_DECLS

gboolean lia_sync_blobs_upload   (LiaStore          *store,
                                  LiaSyncTransport  *transport,
                                  GPtrArray         *changes,
                                  GCancellable      *cancellable,
                                  GError           **error);
gboolean lia_sync_blobs_download (LiaStore          *store,
                                  LiaSyncTransport  *transport,
                                  GCancellable      *cancellable,
                                  GError           **error);

G_END_DECLS
