/* lia-mbtiles.h — a raster MBTiles file: detailed map tiles a person imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIA_TYPE_MBTILES (lia_mbtiles_get_type ())

G_DECLARE_FINAL_TYPE (LiaMbtiles, lia_mbtiles, LIA, MBTILES, GObject)

/* Opens read-only and checks that the file is a raster MBTiles (PNG or
 * JPEG tiles); the error says what to do otherwise. */
LiaMbtiles *lia_mbtiles_open           (const char  *path,
                                        GError     **error);

const char *lia_mbtiles_get_path       (LiaMbtiles  *self);
const char *lia_mbtiles_get_name       (LiaMbtiles  *self);
const char *lia_mbtiles_get_format     (LiaMbtiles  *self);
const char *lia_mbtiles_get_attribution (LiaMbtiles *self);
int         lia_mbtiles_get_min_zoom   (LiaMbtiles  *self);
int         lia_mbtiles_get_max_zoom   (LiaMbtiles  *self);
gboolean    lia_mbtiles_get_bounds     (LiaMbtiles  *self,
                                        double      *west,
                                        double      *south,
                                        double      *east,
                                        double      *north);

/* @y counts rows from the north, as map widgets do (XYZ); the file counts
 * them from the south (TMS).  Thread-safe.  A tile the file does not have
 * is a %LIA_ERROR_NOT_FOUND error. */
GBytes     *lia_mbtiles_get_tile       (LiaMbtiles  *self,
                                        int          zoom,
                                        int          x,
                                        int          y,
                                        GError     **error);

G_END_DECLS
