/* lia-mbtiles-source.c — a user's raster MBTiles as a libshumate data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libshumate 1.0 cannot load file:// URLs, so tiles are read from the
 * SQLite file in a worker thread (LiaMbtiles flips the rows from TMS).
 * Closer in than the file goes, the deepest tile it has is enlarged, up
 * to MAX_OVERZOOM levels: a survey made to zoom 14 still shows at 16.
 * Where the file has no tile — outside its area or zoom levels — the
 * layer gets a transparent one, so the basemap shows through and the
 * layer still counts as loaded.
 */
#include "config.h"

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "lia-basemap-source.h"
#include "lia-mbtiles-source.h"

#define MAX_OVERZOOM 6

struct _LiaMbtilesSource
{
  ShumateDataSource  parent_instance;

  LiaMbtiles        *mbtiles;
  LiaTileCounters    counters;
};

G_DEFINE_FINAL_TYPE (LiaMbtilesSource, lia_mbtiles_source, SHUMATE_TYPE_DATA_SOURCE)

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static GBytes *
get_transparent_tile (void)
{
  static GBytes *tile;

  if (g_once_init_enter (&tile))
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                             LIA_BASEMAP_TILE_SIZE,
                                                             LIA_BASEMAP_TILE_SIZE);
      GByteArray *png = g_byte_array_new ();

      cairo_surface_write_to_png_stream (surface, append_png, png);
      cairo_surface_destroy (surface);
      g_once_init_leave (&tile, g_byte_array_free_to_bytes (png));
    }

  return g_bytes_ref (tile);
}

/* The part of the deepest tile under (@zoom, @x, @y), enlarged */
static GBytes *
read_overzoomed_tile (LiaMbtilesSource  *self,
                      int                x,
                      int                y,
                      int                zoom,
                      GError           **error)
{
  int max_zoom = lia_mbtiles_get_max_zoom (self->mbtiles);
  int levels = zoom - max_zoom;
  int mask = (1 << levels) - 1;
  double scale;
  int part;
  g_autoptr(GBytes) parent = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GdkPixbuf) enlarged = NULL;
  g_autofree char *png = NULL;
  gsize png_size;

  parent = lia_mbtiles_get_tile (self->mbtiles, max_zoom, x >> levels, y >> levels, error);
  if (parent == NULL)
    return NULL;

  stream = g_memory_input_stream_new_from_bytes (parent);
  pixbuf = gdk_pixbuf_new_from_stream (stream, NULL, error);
  if (pixbuf == NULL)
    return NULL;

  /* Tiles of 512 px exist too: take the same fraction of whatever size */
  part = MAX (1, gdk_pixbuf_get_width (pixbuf) >> levels);
  scale = (double)LIA_BASEMAP_TILE_SIZE / part;
  enlarged = gdk_pixbuf_new (GDK_COLORSPACE_RGB, TRUE, 8, LIA_BASEMAP_TILE_SIZE, LIA_BASEMAP_TILE_SIZE);
  gdk_pixbuf_fill (enlarged, 0);
  gdk_pixbuf_scale (pixbuf, enlarged, 0, 0, LIA_BASEMAP_TILE_SIZE, LIA_BASEMAP_TILE_SIZE,
                    -(double)((x & mask) * part) * scale, -(double)((y & mask) * part) * scale,
                    scale, scale, GDK_INTERP_BILINEAR);
  if (!gdk_pixbuf_save_to_buffer (enlarged, &png, &png_size, "png", error, NULL))
    return NULL;

  return g_bytes_new_take (g_steal_pointer (&png), png_size);
}

static GBytes *
read_tile (gpointer       data,
           int            x,
           int            y,
           int            zoom,
           GCancellable  *cancellable,
           GError       **error)
{
  LiaMbtilesSource *self = data;
  g_autoptr(GError) local_error = NULL;
  GBytes *bytes;

  if (zoom > lia_mbtiles_get_max_zoom (self->mbtiles) &&
      zoom - lia_mbtiles_get_max_zoom (self->mbtiles) <= MAX_OVERZOOM)
    bytes = read_overzoomed_tile (self, x, y, zoom, &local_error);
  else
    bytes = lia_mbtiles_get_tile (self->mbtiles, zoom, x, y, &local_error);
  if (bytes == NULL && g_error_matches (local_error, LIA_ERROR, LIA_ERROR_NOT_FOUND))
    return get_transparent_tile ();
  if (bytes == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return bytes;
}

static void
lia_mbtiles_source_get_tile_data_async (ShumateDataSource   *source,
                                        int                  x,
                                        int                  y,
                                        int                  zoom,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  LiaMbtilesSource *self = LIA_MBTILES_SOURCE (source);

  lia_tile_source_run (source, &self->counters, read_tile, self,
                       x, y, zoom, cancellable, callback, user_data);
}

static void
lia_mbtiles_source_finalize (GObject *object)
{
  LiaMbtilesSource *self = (LiaMbtilesSource *)object;

  g_clear_object (&self->mbtiles);

  G_OBJECT_CLASS (lia_mbtiles_source_parent_class)->finalize (object);
}

static void
lia_mbtiles_source_class_init (LiaMbtilesSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = lia_mbtiles_source_finalize;
  source_class->get_tile_data_async = lia_mbtiles_source_get_tile_data_async;
  source_class->get_tile_data_finish = lia_tile_source_finish;
}

static void
lia_mbtiles_source_init (LiaMbtilesSource *self)
{
}

LiaMbtilesSource *
lia_mbtiles_source_new (LiaMbtiles *mbtiles)
{
  LiaMbtilesSource *self;

  g_return_val_if_fail (LIA_IS_MBTILES (mbtiles), NULL);

  self = g_object_new (LIA_TYPE_MBTILES_SOURCE, NULL);
  self->mbtiles = g_object_ref (mbtiles);

  return self;
}

LiaMbtiles *
lia_mbtiles_source_get_mbtiles (LiaMbtilesSource *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES_SOURCE (self), NULL);

  return self->mbtiles;
}

guint
lia_mbtiles_source_get_n_loading (LiaMbtilesSource *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES_SOURCE (self), 0);

  return self->counters.n_loading;
}
