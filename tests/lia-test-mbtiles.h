/* lia-test-mbtiles.h — fictional MBTiles files, made at test time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Colours of the tiles at zoom 1, column 0: TMS row 0 (south), row 1 (north) */
#define LIA_TEST_MBTILES_SOUTH_COLOR 0xd02020
#define LIA_TEST_MBTILES_NORTH_COLOR 0x2040d0

/* Writes an MBTiles at @path over lat 12–16 N, lon 20–26 E: the two tiles
 * above at zoom 1 and a translucent grid at zooms 5–8.  @format goes in
 * the metadata ("png", or "pbf" for vector tiles, whose data is then a
 * gzip stub); @with_tiles_table FALSE leaves the tiles table out. */
void lia_test_mbtiles_create (const char *path,
                              const char *format,
                              gboolean    with_tiles_table);

G_END_DECLS
