/* lia-basemap.h — the offline world map: land, borders and country names
 * drawn from Natural Earth data into Web-Mercator tiles, with no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LIA_TYPE_BASEMAP (lia_basemap_get_type ())

G_DECLARE_FINAL_TYPE (LiaBasemap, lia_basemap, LIA, BASEMAP, GObject)

#define LIA_BASEMAP_FILENAME  "world.lbm"
#define LIA_BASEMAP_TILE_SIZE 256
#define LIA_BASEMAP_MAX_ZOOM  18
#define LIA_BASEMAP_LICENSE   "Natural Earth"

typedef enum
{
  LIA_BASEMAP_COLOR_SEA,
  LIA_BASEMAP_COLOR_LAND,
  LIA_BASEMAP_COLOR_BORDER,
  LIA_BASEMAP_COLOR_COAST,
  LIA_BASEMAP_COLOR_LABEL,
} LiaBasemapColor;

char       *lia_basemap_get_bundled_path  (void);
LiaBasemap *lia_basemap_new_from_file     (const char   *path,
                                           GError      **error);
LiaBasemap *lia_basemap_get_default       (GError      **error);

guint       lia_basemap_get_n_countries   (LiaBasemap   *self);

/* 0xRRGGBB */
guint32     lia_basemap_get_color         (gboolean      dark,
                                           LiaBasemapColor which);

/* Thread-safe: tiles may be rendered from several threads at once. */
GBytes     *lia_basemap_render_tile       (LiaBasemap   *self,
                                           int           zoom,
                                           int           x,
                                           int           y,
                                           gboolean      dark,
                                           GError      **error);

G_END_DECLS
