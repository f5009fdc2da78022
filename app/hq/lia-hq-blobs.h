/* lia-hq-blobs.h — attachment bytes kept at HQ, by checksum
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "lia-hq-store.h"

G_BEGIN_DECLS

#define LIA_HQ_BLOBS_PATH_PREFIX "/api/v1/blobs/"

gboolean  lia_hq_blobs_is_name (const char   *sha256);
gboolean  lia_hq_blobs_has     (LiaHqStore   *store,
                                const char   *sha256);
gboolean  lia_hq_blobs_put     (LiaHqStore   *store,
                                const char   *sha256,
                                GBytes       *bytes,
                                gboolean     *created,
                                GError      **error);
GBytes   *lia_hq_blobs_get     (LiaHqStore   *store,
                                LiaHqDevice  *device,
                                const char   *sha256,
                                GError      **error);
GBytes   *lia_hq_blobs_read    (LiaHqStore   *store,
                                const char   *sha256,
                                GError      **error);

G_END_DECLS
