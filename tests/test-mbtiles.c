/* test-mbtiles.c — raster MBTiles a person imports: what opens, what is
 * refused and why, and rows counted from the south (TMS)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-mbtiles.h"
#include "lia-test-util.h"

#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "liaison-core.h"

static char *tmp_dir;

typedef struct
{
  GBytes *bytes;
  gsize   pos;
} PngReader;

static cairo_status_t
read_png (void          *closure,
          unsigned char *data,
          unsigned int   length)
{
  PngReader *reader = closure;
  gsize size;
  const guint8 *bytes = g_bytes_get_data (reader->bytes, &size);

  if (size - reader->pos < length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (data, bytes + reader->pos, length);
  reader->pos += length;

  return CAIRO_STATUS_SUCCESS;
}

static guint32
centre_color (GBytes *png)
{
  PngReader reader = { png, 0 };
  cairo_surface_t *surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  const guint8 *data;
  guint32 color;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  data = cairo_image_surface_get_data (surface);
  color = *(const guint32 *)(gconstpointer)(data + 128 * cairo_image_surface_get_stride (surface) + 128 * 4);
  cairo_surface_destroy (surface);

  return color & 0xffffff;
}

static char *
fixture (const char *name)
{
  return g_build_filename (tmp_dir, name, NULL);
}

static void
test_mbtiles_valid (void)
{
  g_autofree char *path = fixture ("valid.mbtiles");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaMbtiles) mbtiles = NULL;
  double west, south, east, north;

  lia_test_mbtiles_create (path, "png", TRUE);
  mbtiles = lia_mbtiles_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mbtiles);

  g_assert_cmpstr (lia_mbtiles_get_name (mbtiles), ==, "Korvania survey (fictional)");
  g_assert_cmpstr (lia_mbtiles_get_format (mbtiles), ==, "png");
  g_assert_cmpstr (lia_mbtiles_get_attribution (mbtiles), ==, "Fictional survey");
  g_assert_cmpint (lia_mbtiles_get_min_zoom (mbtiles), ==, 1);
  g_assert_cmpint (lia_mbtiles_get_max_zoom (mbtiles), ==, 8);
  g_assert_true (lia_mbtiles_get_bounds (mbtiles, &west, &south, &east, &north));
  g_assert_cmpfloat (west, ==, 20.0);
  g_assert_cmpfloat (south, ==, 12.0);
  g_assert_cmpfloat (east, ==, 26.0);
  g_assert_cmpfloat (north, ==, 16.0);
}

/* Opened through an SQLite URI: a name URIs treat specially still works */
static void
test_mbtiles_odd_name (void)
{
  g_autofree char *path = fixture ("Kel survey #2 (100%?).mbtiles");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaMbtiles) mbtiles = NULL;
  g_autoptr(GBytes) tile = NULL;

  lia_test_mbtiles_create (path, "png", TRUE);
  mbtiles = lia_mbtiles_open (path, &error);
  g_assert_no_error (error);
  tile = lia_mbtiles_get_tile (mbtiles, 1, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tile);
}

static void
test_mbtiles_tms_flip (void)
{
  g_autofree char *path = fixture ("flip.mbtiles");
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaMbtiles) mbtiles = NULL;
  g_autoptr(GBytes) top = NULL;
  g_autoptr(GBytes) bottom = NULL;

  lia_test_mbtiles_create (path, "png", TRUE);
  mbtiles = lia_mbtiles_open (path, &error);
  g_assert_no_error (error);

  /* XYZ row 0 is the north: TMS row 1 */
  top = lia_mbtiles_get_tile (mbtiles, 1, 0, 0, &error);
  g_assert_no_error (error);
  bottom = lia_mbtiles_get_tile (mbtiles, 1, 0, 1, &error);
  g_assert_no_error (error);
  g_assert_cmphex (centre_color (top), ==, LIA_TEST_MBTILES_NORTH_COLOR);
  g_assert_cmphex (centre_color (bottom), ==, LIA_TEST_MBTILES_SOUTH_COLOR);

  /* A tile the file does not have, and one outside the world */
  g_assert_null (lia_mbtiles_get_tile (mbtiles, 1, 1, 0, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (lia_mbtiles_get_tile (mbtiles, 1, 2, 0, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND);
}

static void
assert_refused (const char *path,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaMbtiles) mbtiles = lia_mbtiles_open (path, &error);
  g_autofree char *basename = g_path_get_basename (path);

  g_assert_null (mbtiles);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_test_message ("%s", error->message);
  /* Names the file, and says what is wrong */
  g_assert_nonnull (strstr (error->message, basename));
  g_assert_nonnull (strstr (error->message, says));
}

static void
test_mbtiles_refused (void)
{
  g_autofree char *vector = fixture ("vector.mbtiles");
  g_autofree char *garbage = fixture ("notes.mbtiles");
  g_autofree char *no_tiles = fixture ("no-tiles.mbtiles");
  g_autofree char *empty = fixture ("empty.mbtiles");

  lia_test_mbtiles_create (vector, "pbf", TRUE);
  assert_refused (vector, "vector tiles");

  g_assert_true (g_file_set_contents (garbage, "Not a map, just a note about the road to Kel.\n", -1, NULL));
  assert_refused (garbage, "not an SQLite database");

  lia_test_mbtiles_create (no_tiles, "png", FALSE);
  assert_refused (no_tiles, "“tiles” table");

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  assert_refused (empty, "not an MBTiles file");

  assert_refused ("/nonexistent/map.mbtiles", "does not exist");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("liaison-test-mbtiles-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/mbtiles/valid", test_mbtiles_valid);
  g_test_add_func ("/mbtiles/odd-name", test_mbtiles_odd_name);
  g_test_add_func ("/mbtiles/tms-flip", test_mbtiles_tms_flip);
  g_test_add_func ("/mbtiles/refused", test_mbtiles_refused);

  status = g_test_run ();
  lia_test_remove_tree (tmp_dir);
  g_free (tmp_dir);

  return status;
}
