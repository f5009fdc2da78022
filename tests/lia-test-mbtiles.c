/* lia-test-mbtiles.c — fictional MBTiles files, made at test time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-mbtiles.h"

#include <math.h>
#include <cairo.h>
#include <sqlite3.h>

static cairo_status_t
append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static GByteArray *
draw_tile (guint32  rgb,
           double   alpha,
           gboolean grid)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 256, 256);
  cairo_t *cr = cairo_create (surface);
  GByteArray *png = g_byte_array_new ();

  cairo_set_source_rgba (cr, ((rgb >> 16) & 0xff) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0, alpha);
  cairo_paint (cr);
  if (grid)
    {
      /* A survey grid of fictional parcels */
      cairo_set_source_rgba (cr, 0.15, 0.35, 0.2, 0.7);
      cairo_set_line_width (cr, 1.0);
      for (int i = 0; i <= 256; i += 32)
        {
          cairo_move_to (cr, i + 0.5, 0);
          cairo_line_to (cr, i + 0.5, 256);
          cairo_move_to (cr, 0, i + 0.5);
          cairo_line_to (cr, 256, i + 0.5);
        }
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_png, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  return png;
}

static void
exec (sqlite3    *db,
      const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
insert_tile (sqlite3_stmt *stmt,
             int           zoom,
             int           column,
             int           row,
             GByteArray   *data)
{
  sqlite3_reset (stmt);
  sqlite3_bind_int (stmt, 1, zoom);
  sqlite3_bind_int (stmt, 2, column);
  sqlite3_bind_int (stmt, 3, row);
  sqlite3_bind_blob (stmt, 4, data->data, data->len, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

static int
lon_to_column (double lon,
               int    zoom)
{
  return (int)floor ((lon + 180.0) / 360.0 * (1 << zoom));
}

static int
lat_to_xyz_row (double lat,
                int    zoom)
{
  double phi = lat * G_PI / 180.0;

  return (int)floor ((1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * (1 << zoom));
}

void
lia_test_mbtiles_create (const char *path,
                         const char *format,
                         gboolean    with_tiles_table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *metadata = NULL;
  gboolean vector = g_strcmp0 (format, "pbf") == 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec (db, "CREATE TABLE metadata (name TEXT, value TEXT)");
  metadata = g_strdup_printf ("INSERT INTO metadata VALUES"
                              " ('name', 'Korvania survey (fictional)'), ('format', '%s'),"
                              " ('bounds', '20.0,12.0,26.0,16.0'), ('minzoom', '1'), ('maxzoom', '8'),"
                              " ('attribution', 'Fictional survey')", format);
  exec (db, metadata);

  if (with_tiles_table)
    {
      g_autoptr(GByteArray) south = NULL;
      g_autoptr(GByteArray) north = NULL;
      g_autoptr(GByteArray) grid = NULL;

      exec (db, "CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER,"
                " tile_row INTEGER, tile_data BLOB)");
      g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO tiles VALUES (?, ?, ?, ?)", -1, &stmt, NULL),
                       ==, SQLITE_OK);
      exec (db, "BEGIN");
      if (vector)
        {
          g_autoptr(GByteArray) stub = g_byte_array_new ();

          g_byte_array_append (stub, (const guint8 *)"\x1f\x8b\x08\x00", 4);
          insert_tile (stmt, 1, 0, 0, stub);
        }
      else
        {
          south = draw_tile (LIA_TEST_MBTILES_SOUTH_COLOR, 1.0, FALSE);
          north = draw_tile (LIA_TEST_MBTILES_NORTH_COLOR, 1.0, FALSE);
          grid = draw_tile (0x57e389, 0.35, TRUE);
          insert_tile (stmt, 1, 0, 0, south);
          insert_tile (stmt, 1, 0, 1, north);
          for (int zoom = 5; zoom <= 8; zoom++)
            for (int x = lon_to_column (20.0, zoom); x <= lon_to_column (26.0, zoom); x++)
              for (int y = lat_to_xyz_row (16.0, zoom); y <= lat_to_xyz_row (12.0, zoom); y++)
                insert_tile (stmt, zoom, x, (1 << zoom) - 1 - y, grid);
        }
      exec (db, "COMMIT");
      sqlite3_finalize (stmt);
    }

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}
