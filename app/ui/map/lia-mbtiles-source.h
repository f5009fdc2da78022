/* lia-mbtiles-source.h — a user's raster MBTiles as a libshumate data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_MBTILES_SOURCE (lia_mbtiles_source_get_type ())

G_DECLARE_FINAL_TYPE (LiaMbtilesSource, lia_mbtiles_source, LIA, MBTILES_SOURCE, ShumateDataSource)

LiaMbtilesSource *lia_mbtiles_source_new          (LiaMbtiles       *mbtiles);
LiaMbtiles       *lia_mbtiles_source_get_mbtiles  (LiaMbtilesSource *self);
guint             lia_mbtiles_source_get_n_loading (LiaMbtilesSource *self);

G_END_DECLS
