/* test-basemap.c — the offline world map drawn without a network: sea and
 * land where they are, borders, deep zoom, names in an Arabic session
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "lia-test-util.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "liaison-core.h"

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

static cairo_surface_t *
render (int zoom,
        int x,
        int y,
        gboolean dark)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaBasemap) basemap = lia_basemap_get_default (&error);
  g_autoptr(GBytes) png = NULL;
  PngReader reader = { NULL, 0 };
  cairo_surface_t *surface;

  g_assert_no_error (error);
  png = lia_basemap_render_tile (basemap, zoom, x, y, dark, &error);
  g_assert_no_error (error);
  g_assert_nonnull (png);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), 4, "\x89PNG", 4);

  reader.bytes = png;
  surface = cairo_image_surface_create_from_png_stream (read_png, &reader);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 256);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 256);

  return surface;
}

static guint32
pixel (cairo_surface_t *surface,
       int              px,
       int              py)
{
  const guint8 *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  g_assert_cmpint (px, >=, 0);
  g_assert_cmpint (py, >=, 0);
  g_assert_cmpint (px, <, 256);
  g_assert_cmpint (py, <, 256);

  return *(const guint32 *)(gconstpointer)(data + py * stride + px * 4) & 0xffffff;
}

/* Where a place falls in tile z/x/y, in pixels */
static void
locate (double lat,
        double lon,
        int    zoom,
        int    x,
        int    y,
        int   *px,
        int   *py)
{
  double world = 256.0 * (1 << zoom);
  double phi = lat * G_PI / 180.0;

  *px = (int)floor ((lon + 180.0) / 360.0 * world - x * 256.0);
  *py = (int)floor ((1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * world - y * 256.0);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              zoom,
          int              x,
          int              y,
          double           lat,
          double           lon)
{
  int px, py;

  locate (lat, lon, zoom, x, y, &px, &py);

  return pixel (surface, px, py);
}

static gboolean
near_color (guint32 a,
            guint32 b,
            int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int)((a >> shift) & 0xff) - (int)((b >> shift) & 0xff)) > tolerance)
      return FALSE;

  return TRUE;
}

static guint
count_near (cairo_surface_t *surface,
            guint32          color,
            int              tolerance)
{
  guint n = 0;

  for (int py = 0; py < 256; py++)
    for (int px = 0; px < 256; px++)
      n += near_color (pixel (surface, px, py), color, tolerance);

  return n;
}

static void
test_basemap_world (void)
{
  cairo_surface_t *surface = render (0, 0, 0, FALSE);
  guint32 sea = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_SEA);
  guint32 land = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_LAND);

  /* Mid-Pacific, mid-Atlantic, Indian Ocean */
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 0.0, -140.0), ==, sea);
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 30.0, -40.0), ==, sea);
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, -20.0, 75.0), ==, sea);
  /* Chad, the Algerian Sahara, Kazakhstan */
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 15.0, 19.0), ==, land);
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 27.0, 3.0), ==, land);
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 48.0, 68.0), ==, land);

  cairo_surface_destroy (surface);

  /* The dark palette is another picture */
  surface = render (0, 0, 0, TRUE);
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 0.0, -140.0), ==,
                   lia_basemap_get_color (TRUE, LIA_BASEMAP_COLOR_SEA));
  g_assert_cmphex (pixel_at (surface, 0, 0, 0, 15.0, 19.0), ==,
                   lia_basemap_get_color (TRUE, LIA_BASEMAP_COLOR_LAND));
  cairo_surface_destroy (surface);
}

static void
test_basemap_borders (void)
{
  guint32 border = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_BORDER);
  guint32 sea = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_SEA);
  /* 6/36/29: eastern Chad and Darfur, lon 22.5–28.1, lat 11.2–16.6; the
   * Chad–Sudan border runs through it */
  cairo_surface_t *surface = render (6, 36, 29, FALSE);
  guint n_border = count_near (surface, border, 24);

  g_test_message ("border pixels in 6/36/29: %u", n_border);
  g_assert_cmpuint (n_border, >, 60);
  cairo_surface_destroy (surface);

  /* 6/8/38: the open South Pacific, no island near: sea only */
  surface = render (6, 8, 38, FALSE);
  g_assert_cmpuint (count_near (surface, border, 24), ==, 0);
  g_assert_cmpuint (count_near (surface, sea, 0), ==, 256 * 256);
  cairo_surface_destroy (surface);
}

static void
test_basemap_deep_zoom (void)
{
  guint32 land = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_LAND);
  struct { int zoom; double lat; double lon; } cases[] = {
    { 12, 15.0, 19.0 },   /* central Chad */
    { 18, 27.0, 3.0 },    /* the Algerian Sahara, as deep as the map goes */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double world = (double)(1 << cases[i].zoom);
      double phi = cases[i].lat * G_PI / 180.0;
      int x = (int)floor ((cases[i].lon + 180.0) / 360.0 * world);
      int y = (int)floor ((1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0 * world);
      cairo_surface_t *surface = render (cases[i].zoom, x, y, FALSE);

      /* Land all over, but for a country name that may pass by */
      g_assert_cmpuint (count_near (surface, land, 0), >, 256 * 256 * 9 / 10);
      g_assert_cmpuint (count_near (surface, lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_SEA), 0), ==, 0);
      cairo_surface_destroy (surface);
    }
}

/* Close in, a country's name shows away from its one label point too:
 * western Sudan at zoom 7, far from where the map names it at zoom 3 */
static void
test_basemap_names_close_in (void)
{
  guint32 label = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_LABEL);
  guint n_text = 0;

  for (int x = 72; x <= 73; x++)
    for (int y = 58; y <= 59; y++)
      {
        cairo_surface_t *surface = render (7, x, y, FALSE);

        n_text += count_near (surface, label, 40);
        cairo_surface_destroy (surface);
      }

  g_test_message ("text pixels around 7/72/58: %u", n_text);
  g_assert_cmpuint (n_text, >, 20);
}

static void
test_basemap_antimeridian (void)
{
  guint32 land = lia_basemap_get_color (FALSE, LIA_BASEMAP_COLOR_LAND);
  /* Chukotka reaches past 180°: both edge tiles of zoom 3 show it at 67°N */
  cairo_surface_t *east = render (3, 7, 1, FALSE);
  cairo_surface_t *west = render (3, 0, 1, FALSE);

  g_assert_cmphex (pixel_at (east, 3, 7, 1, 67.0, 175.0), ==, land);
  g_assert_cmphex (pixel_at (west, 3, 0, 1, 67.0, -179.0), ==, land);
  cairo_surface_destroy (east);
  cairo_surface_destroy (west);
}

/* Names are laid out by Pango in whatever locale the session has; run in a
 * fresh process so that Pango picks the Arabic locale up from the start. */
static void
test_basemap_arabic_locale (void)
{
  if (g_test_subprocess ())
    {
      g_setenv ("LANGUAGE", "ar", TRUE);
      if (setlocale (LC_ALL, "ar_EG.UTF-8") == NULL)
        setlocale (LC_ALL, "C.UTF-8");
      for (int zoom = 2; zoom <= 5; zoom++)
        {
          int n = 1 << zoom;
          /* Around the Middle East and North Africa */
          for (int x = n / 2; x < n / 2 + n / 4 + 1; x++)
            cairo_surface_destroy (render (zoom, x, n * 3 / 8, FALSE));
        }
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_basemap_bad_input (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LiaBasemap) basemap = lia_basemap_get_default (&error);
  g_autofree char *dir = g_dir_make_tmp ("liaison-test-basemap-XXXXXX", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.lbm", NULL);
  g_autofree char *bundled = lia_basemap_get_bundled_path ();
  g_autofree char *contents = NULL;
  gsize length;
  LiaBasemap *other;

  g_assert_no_error (error);
  g_assert_cmpuint (lia_basemap_get_n_countries (basemap), >, 200);

  g_assert_null (lia_basemap_render_tile (basemap, LIA_BASEMAP_MAX_ZOOM + 1, 0, 0, FALSE, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (lia_basemap_render_tile (basemap, 2, 4, 0, FALSE, &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_clear_error (&error);

  /* Cut in half: refused with a sentence, not a crash */
  g_assert_true (g_file_get_contents (bundled, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (damaged, contents, length / 2, NULL));
  other = lia_basemap_new_from_file (damaged, &error);
  g_assert_null (other);
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Reinstall"));
  g_clear_error (&error);

  g_assert_null (lia_basemap_new_from_file ("/nonexistent/world.lbm", &error));
  g_assert_error (error, LIA_ERROR, LIA_ERROR_INVALID);

  lia_test_remove_tree (dir);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double da = *(const double *)a, db = *(const double *)b;

  return da < db ? -1 : da > db;
}

/* Not asserted: figures for the log; tests/bench/bench-basemap is the benchmark */
static void
test_basemap_timing (void)
{
  g_autoptr(LiaBasemap) basemap = lia_basemap_get_default (NULL);
  int zooms[] = { 2, 5, 8 };

  for (guint z = 0; z < G_N_ELEMENTS (zooms); z++)
    {
      int n = 1 << zooms[z];
      double times[16];

      for (int i = 0; i < 16; i++)
        {
          gint64 start = g_get_monotonic_time ();
          /* Tiles across Africa and Europe, where there is most to draw */
          g_autoptr(GBytes) png = lia_basemap_render_tile (basemap, zooms[z],
                                                           n / 2 + (i % 4) * n / 32,
                                                           n * 3 / 8 + (i / 4) * n / 32,
                                                           FALSE, NULL);
          g_assert_nonnull (png);
          times[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      qsort (times, G_N_ELEMENTS (times), sizeof (double), compare_doubles);
      g_test_message ("zoom %d: median %.1f ms, slowest %.1f ms", zooms[z], times[8], times[15]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/basemap/world", test_basemap_world);
  g_test_add_func ("/basemap/borders", test_basemap_borders);
  g_test_add_func ("/basemap/deep-zoom", test_basemap_deep_zoom);
  g_test_add_func ("/basemap/names-close-in", test_basemap_names_close_in);
  g_test_add_func ("/basemap/antimeridian", test_basemap_antimeridian);
  g_test_add_func ("/basemap/arabic-locale", test_basemap_arabic_locale);
  g_test_add_func ("/basemap/bad-input", test_basemap_bad_input);
  g_test_add_func ("/basemap/timing", test_basemap_timing);

  return g_test_run ();
}
