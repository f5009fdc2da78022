/* lia-basemap-source.h — the offline world map as a libshumate data source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <shumate/shumate.h>

#include "liaison-core.h"

G_BEGIN_DECLS

#define LIA_TYPE_BASEMAP_SOURCE (lia_basemap_source_get_type ())

G_DECLARE_FINAL_TYPE (LiaBasemapSource, lia_basemap_source, LIA, BASEMAP_SOURCE, ShumateDataSource)

LiaBasemapSource *lia_basemap_source_new            (LiaBasemap       *basemap,
                                                     gboolean          dark);
guint             lia_basemap_source_get_n_loading  (LiaBasemapSource *self);
guint             lia_basemap_source_get_n_loaded   (LiaBasemapSource *self);

/* What LiaBasemapSource and LiaMbtilesSource share: @produce runs in a
 * worker thread and returns image bytes; back on the main thread the
 * source emits ShumateDataSource::received-data (which is what
 * ShumateRasterRenderer draws from), then completes the call.  The
 * counters follow the tiles in flight and those delivered. */
typedef GBytes *(*LiaTileProducer) (gpointer       data,
                                    int            x,
                                    int            y,
                                    int            zoom,
                                    GCancellable  *cancellable,
                                    GError       **error);

typedef struct
{
  guint n_loading;
  guint n_loaded;
} LiaTileCounters;

void              lia_tile_source_run               (ShumateDataSource   *source,
                                                     LiaTileCounters     *counters,
                                                     LiaTileProducer      produce,
                                                     gpointer             data,
                                                     int                  x,
                                                     int                  y,
                                                     int                  zoom,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GBytes           *lia_tile_source_finish            (ShumateDataSource   *source,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_END_DECLS
