/* lia-basemap-source.c — the offline world map as a libshumate data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libshumate 1.0 draws raster tiles through ShumateRasterRenderer, which
 * asks a ShumateDataSource for a tile and paints the image bytes the
 * source announces with ::received-data.  Tiles are drawn by LiaBasemap in
 * GTask worker threads, never on the UI thread.
 */
#include "config.h"

#include "lia-basemap-source.h"

struct _LiaBasemapSource
{
  ShumateDataSource  parent_instance;

  LiaBasemap        *basemap;
  gboolean           dark;
  LiaTileCounters    counters;
};

G_DEFINE_FINAL_TYPE (LiaBasemapSource, lia_basemap_source, SHUMATE_TYPE_DATA_SOURCE)

typedef struct
{
  LiaTileCounters *counters;
  LiaTileProducer  produce;
  gpointer         data;
  int              x;
  int              y;
  int              zoom;
  GTask           *outer;   /* the caller's */
} TileRequest;

static void
tile_request_free (gpointer data)
{
  TileRequest *request = data;

  g_clear_object (&request->outer);
  g_free (request);
}

static void
produce_in_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TileRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  if (g_task_return_error_if_cancelled (task))
    return;

  bytes = request->produce (request->data, request->x, request->y, request->zoom, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify)g_bytes_unref);
}

static void
produced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  ShumateDataSource *source = SHUMATE_DATA_SOURCE (object);
  TileRequest *request = g_task_get_task_data (G_TASK (result));
  g_autoptr(GTask) outer = g_steal_pointer (&request->outer);
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  request->counters->n_loading--;
  bytes = g_task_propagate_pointer (G_TASK (result), &error);
  if (bytes == NULL)
    {
      g_task_return_error (outer, error);
      return;
    }

  /* The renderer paints from the signal, before the call completes */
  g_signal_emit_by_name (source, "received-data", request->x, request->y, request->zoom, bytes);
  request->counters->n_loaded++;
  g_task_return_pointer (outer, g_steal_pointer (&bytes), (GDestroyNotify)g_bytes_unref);
}

void
lia_tile_source_run (ShumateDataSource   *source,
                     LiaTileCounters     *counters,
                     LiaTileProducer      produce,
                     gpointer             data,
                     int                  x,
                     int                  y,
                     int                  zoom,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) inner = NULL;
  TileRequest *request = g_new0 (TileRequest, 1);

  request->counters = counters;
  request->produce = produce;
  request->data = data;
  request->x = x;
  request->y = y;
  request->zoom = zoom;
  request->outer = g_task_new (source, cancellable, callback, user_data);
  g_task_set_source_tag (request->outer, lia_tile_source_run);

  counters->n_loading++;
  inner = g_task_new (source, cancellable, produced_cb, NULL);
  g_task_set_task_data (inner, request, tile_request_free);
  g_task_run_in_thread (inner, produce_in_thread);
}

GBytes *
lia_tile_source_finish (ShumateDataSource  *source,
                        GAsyncResult       *result,
                        GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, source), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GBytes *
render_tile (gpointer       data,
             int            x,
             int            y,
             int            zoom,
             GCancellable  *cancellable,
             GError       **error)
{
  LiaBasemapSource *self = data;
  g_autoptr(LiaBasemap) basemap = NULL;

  /* The bundled data is read by the first tile, in a worker thread too */
  basemap = self->basemap ? g_object_ref (self->basemap) : lia_basemap_get_default (error);
  if (basemap == NULL)
    return NULL;

  return lia_basemap_render_tile (basemap, zoom, x, y, self->dark, error);
}

static void
lia_basemap_source_get_tile_data_async (ShumateDataSource   *source,
                                        int                  x,
                                        int                  y,
                                        int                  zoom,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  LiaBasemapSource *self = LIA_BASEMAP_SOURCE (source);

  lia_tile_source_run (source, &self->counters, render_tile, self,
                       x, y, zoom, cancellable, callback, user_data);
}

static void
lia_basemap_source_finalize (GObject *object)
{
  LiaBasemapSource *self = (LiaBasemapSource *)object;

  g_clear_object (&self->basemap);

  G_OBJECT_CLASS (lia_basemap_source_parent_class)->finalize (object);
}

static void
lia_basemap_source_class_init (LiaBasemapSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->finalize = lia_basemap_source_finalize;
  source_class->get_tile_data_async = lia_basemap_source_get_tile_data_async;
  source_class->get_tile_data_finish = lia_tile_source_finish;
}

static void
lia_basemap_source_init (LiaBasemapSource *self)
{
}

/**
 * lia_basemap_source_new:
 * @basemap: (nullable): what to draw; %NULL for the bundled world map,
 *   read in a worker thread when the first tile is asked for
 * @dark: the dark palette
 */
LiaBasemapSource *
lia_basemap_source_new (LiaBasemap *basemap,
                        gboolean    dark)
{
  LiaBasemapSource *self;

  g_return_val_if_fail (basemap == NULL || LIA_IS_BASEMAP (basemap), NULL);

  self = g_object_new (LIA_TYPE_BASEMAP_SOURCE, NULL);
  self->basemap = basemap ? g_object_ref (basemap) : NULL;
  self->dark = !!dark;

  return self;
}

guint
lia_basemap_source_get_n_loading (LiaBasemapSource *self)
{
  g_return_val_if_fail (LIA_IS_BASEMAP_SOURCE (self), 0);

  return self->counters.n_loading;
}

guint
lia_basemap_source_get_n_loaded (LiaBasemapSource *self)
{
  g_return_val_if_fail (LIA_IS_BASEMAP_SOURCE (self), 0);

  return self->counters.n_loaded;
}
