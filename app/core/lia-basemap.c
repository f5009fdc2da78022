/* lia-basemap.c — the offline world map: land, borders and country names
 * drawn from Natural Earth data into Web-Mercator tiles, with no network
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The data (data/basemap/world.lbm, made by build-aux/make-basemap) holds
 * country outlines and the coast and border lines between them, in the
 * quantization grid of world-atlas's TopoJSON.  Loading projects every
 * point to Web Mercator once, in world units (0–1 on both axes), and keeps
 * a bounding box per line and ring, so that a tile only walks what it
 * shows.  A tile is one cairo path for all land, filled with the nonzero
 * rule (holes run the other way round), then the lines, then the names.
 *
 * Names: for each zoom level the names that fit inside their country and
 * do not collide with a larger country's name are chosen once, in world
 * pixels, and cached; every tile a name overlaps draws it at the same
 * place, and cairo's clip makes the seams invisible.  Close in, names are
 * repeated on a fixed grid of world pixels wherever they fit inside their
 * country, so that both sides of a border stay named.
 *
 * Paths are clipped to the tile (Sutherland–Hodgman for rings, Liang–Barsky
 * for lines) before cairo sees them: at zoom 18 the world is 67 million
 * pixels wide, beyond what cairo's fixed-point coordinates hold.
 */
#include "config.h"

#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "lia-basemap.h"
#include "lia-error.h"

#define MAGIC           "LIABMAP1"
#define MAX_LAT         85.0511287798
#define CLIP_MARGIN     4.0     /* px around the tile, wider than any stroke */
#define LABEL_PADDING   6.0     /* px kept free around a name */
#define LABEL_WRAP      110.0   /* px: longer names break between words */
#define MIN_STEP        0.6     /* px: closer points are dropped */
#define REPEAT_MIN_ZOOM 6       /* names repeat from this zoom level on */
#define REPEAT_SPACING  640.0   /* px between repeated names */

typedef struct
{
  double x0, y0, x1, y1;
} Box;

typedef struct
{
  guint  start;     /* into points, in pairs */
  guint  n_points;
  Box    box;
  guint8 kind;      /* lines: 0 coast, 1 border; rings: 0 outer, 1 hole */
} Path;

typedef struct
{
  char   *name;
  double  label_x;  /* world units */
  double  label_y;
  double  span_x;   /* the labelled part's size, world units */
  double  span_y;
  guint   first_ring;
  guint   n_rings;
  Box     box;
} Country;

/* A name placed at one zoom level, in world pixels of that level */
typedef struct
{
  guint  country;
  double x;         /* top-left of the text */
  double y;
  double width;
  double height;
} Label;

struct _LiaBasemap
{
  GObject  parent_instance;

  GArray  *points;      /* double x, y pairs, world units */
  GArray  *lines;       /* Path */
  GArray  *rings;       /* Path */
  GArray  *countries;   /* Country */
  GArray  *by_size;     /* guint: countries, largest labelled part first */

  GMutex   label_lock;
  GArray  *labels[LIA_BASEMAP_MAX_ZOOM + 1];   /* Label, or NULL until asked */
};

G_DEFINE_FINAL_TYPE (LiaBasemap, lia_basemap, G_TYPE_OBJECT)

static const guint32 palettes[2][5] = {
  /* sea,    land,     border,   coast,    label */
  { 0xaad3df, 0xf2efe9, 0x9d8cad, 0x86aec3, 0x4a4458 },
  { 0x1c2a36, 0x34373d, 0x8c80a3, 0x4d6e84, 0xd6d2de },
};

guint32
lia_basemap_get_color (gboolean        dark,
                       LiaBasemapColor which)
{
  g_return_val_if_fail (which <= LIA_BASEMAP_COLOR_LABEL, 0);

  return palettes[dark ? 1 : 0][which];
}

static void
set_color (cairo_t *cr,
           guint32  rgb,
           double   alpha)
{
  cairo_set_source_rgba (cr,
                         ((rgb >> 16) & 0xff) / 255.0,
                         ((rgb >> 8) & 0xff) / 255.0,
                         (rgb & 0xff) / 255.0,
                         alpha);
}

static void
country_clear (gpointer data)
{
  Country *country = data;

  g_free (country->name);
}

static void
lia_basemap_finalize (GObject *object)
{
  LiaBasemap *self = (LiaBasemap *)object;

  g_clear_pointer (&self->points, g_array_unref);
  g_clear_pointer (&self->lines, g_array_unref);
  g_clear_pointer (&self->rings, g_array_unref);
  g_clear_pointer (&self->countries, g_array_unref);
  g_clear_pointer (&self->by_size, g_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->labels); i++)
    g_clear_pointer (&self->labels[i], g_array_unref);
  g_mutex_clear (&self->label_lock);

  G_OBJECT_CLASS (lia_basemap_parent_class)->finalize (object);
}

static void
lia_basemap_class_init (LiaBasemapClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lia_basemap_finalize;
}

static void
lia_basemap_init (LiaBasemap *self)
{
  self->points = g_array_new (FALSE, FALSE, sizeof (double));
  self->lines = g_array_new (FALSE, FALSE, sizeof (Path));
  self->rings = g_array_new (FALSE, FALSE, sizeof (Path));
  self->countries = g_array_new (FALSE, TRUE, sizeof (Country));
  g_array_set_clear_func (self->countries, country_clear);
  self->by_size = g_array_new (FALSE, FALSE, sizeof (guint));
  g_mutex_init (&self->label_lock);
}

/* Reading the file: every read is checked against the end */

typedef struct
{
  const guint8 *data;
  gsize         size;
  gsize         pos;
  gboolean      failed;
} Reader;

static const guint8 *
reader_take (Reader *reader,
             gsize   n)
{
  const guint8 *p;

  if (reader->failed || reader->size - reader->pos < n)
    {
      reader->failed = TRUE;
      return NULL;
    }
  p = reader->data + reader->pos;
  reader->pos += n;

  return p;
}

static guint32
read_u32 (Reader *reader)
{
  const guint8 *p = reader_take (reader, 4);

  return p ? (guint32)p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24 : 0;
}

static gint32
read_i32 (Reader *reader)
{
  return (gint32)read_u32 (reader);
}

static guint
read_u16 (Reader *reader)
{
  const guint8 *p = reader_take (reader, 2);

  return p ? (guint)p[0] | (guint)p[1] << 8 : 0;
}

static guint
read_u8 (Reader *reader)
{
  const guint8 *p = reader_take (reader, 1);

  return p ? p[0] : 0;
}

static double
read_f64 (Reader *reader)
{
  const guint8 *p = reader_take (reader, 8);
  guint64 bits = 0;
  double value;

  for (int i = 7; p != NULL && i >= 0; i--)
    bits = bits << 8 | p[i];
  memcpy (&value, &bits, sizeof value);

  return value;
}

typedef struct
{
  double sx, sy, tx, ty;
} Grid;

static double
grid_to_x (const Grid *grid,
           double      gx)
{
  return (gx * grid->sx + grid->tx + 180.0) / 360.0;
}

static double
lat_to_y (double lat)
{
  double phi = CLAMP (lat, -MAX_LAT, MAX_LAT) * G_PI / 180.0;

  return (1.0 - log (tan (phi) + 1.0 / cos (phi)) / G_PI) / 2.0;
}

static double
grid_to_y (const Grid *grid,
           double      gy)
{
  return lat_to_y (gy * grid->sy + grid->ty);
}

static gboolean
read_path (LiaBasemap *self,
           Reader     *reader,
           const Grid *grid,
           guint8      kind,
           Path       *path)
{
  guint32 n = read_u32 (reader);
  gint64 gx = 0;
  gint64 gy = 0;

  /* Each point takes 8 bytes: a count larger than what is left is damage */
  if (n < 2 || n > (reader->size - reader->pos) / 8)
    return FALSE;

  path->start = self->points->len / 2;
  path->n_points = n;
  path->kind = kind;
  path->box = (Box) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

  for (guint32 i = 0; i < n; i++)
    {
      double xy[2];

      gx += read_i32 (reader);
      gy += read_i32 (reader);
      xy[0] = grid_to_x (grid, gx);
      xy[1] = grid_to_y (grid, gy);
      g_array_append_vals (self->points, xy, 2);
      path->box.x0 = MIN (path->box.x0, xy[0]);
      path->box.y0 = MIN (path->box.y0, xy[1]);
      path->box.x1 = MAX (path->box.x1, xy[0]);
      path->box.y1 = MAX (path->box.y1, xy[1]);
    }

  return !reader->failed;
}

static GBytes *
gunzip (GBytes  *compressed,
        GError **error)
{
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_bytes (compressed);
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (memory, G_CONVERTER (decompressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (g_output_stream_splice (out, stream,
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, error) < 0)
    return NULL;

  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static int
compare_by_size (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GArray *countries = user_data;
  const Country *ca = &g_array_index (countries, Country, *(const guint *)a);
  const Country *cb = &g_array_index (countries, Country, *(const guint *)b);
  double sa = ca->span_x * ca->span_y;
  double sb = cb->span_x * cb->span_y;

  return sa < sb ? 1 : sa > sb ? -1 : g_strcmp0 (ca->name, cb->name);
}

static gboolean
parse (LiaBasemap *self,
       GBytes     *bytes)
{
  Reader reader = { NULL, 0, 0, FALSE };
  const guint8 *magic;
  Grid grid;
  guint32 n_lines;
  guint32 n_countries;

  reader.data = g_bytes_get_data (bytes, &reader.size);
  magic = reader_take (&reader, strlen (MAGIC));
  if (magic == NULL || memcmp (magic, MAGIC, strlen (MAGIC)) != 0)
    return FALSE;

  grid.sx = read_f64 (&reader);
  grid.sy = read_f64 (&reader);
  grid.tx = read_f64 (&reader);
  grid.ty = read_f64 (&reader);
  if (!(grid.sx > 0 && grid.sy > 0 && isfinite (grid.tx) && isfinite (grid.ty)))
    return FALSE;

  n_lines = read_u32 (&reader);
  for (guint32 i = 0; i < n_lines && !reader.failed; i++)
    {
      Path path;
      guint8 kind = read_u8 (&reader);

      if (!read_path (self, &reader, &grid, kind, &path))
        return FALSE;
      g_array_append_val (self->lines, path);
    }

  n_countries = read_u32 (&reader);
  for (guint32 i = 0; i < n_countries && !reader.failed; i++)
    {
      Country country = { 0 };
      guint name_len = read_u16 (&reader);
      const guint8 *name = reader_take (&reader, name_len);
      gint32 lx, ly, sx, sy;
      guint32 n_rings;

      lx = read_i32 (&reader);
      ly = read_i32 (&reader);
      sx = read_i32 (&reader);
      sy = read_i32 (&reader);
      n_rings = read_u32 (&reader);
      if (name == NULL || !g_utf8_validate ((const char *)name, name_len, NULL))
        return FALSE;

      country.name = g_strndup ((const char *)name, name_len);
      country.label_x = grid_to_x (&grid, lx);
      country.label_y = grid_to_y (&grid, ly);
      country.span_x = sx * grid.sx / 360.0;
      country.span_y = sy * grid.sy / 360.0;
      country.first_ring = self->rings->len;
      country.box = (Box) { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };

      for (guint32 r = 0; r < n_rings; r++)
        {
          Path ring;
          guint8 role = read_u8 (&reader);

          if (!read_path (self, &reader, &grid, role, &ring))
            {
              g_free (country.name);
              return FALSE;
            }
          g_array_append_val (self->rings, ring);
          country.box.x0 = MIN (country.box.x0, ring.box.x0);
          country.box.y0 = MIN (country.box.y0, ring.box.y0);
          country.box.x1 = MAX (country.box.x1, ring.box.x1);
          country.box.y1 = MAX (country.box.y1, ring.box.y1);
        }
      country.n_rings = n_rings;
      g_array_append_val (self->countries, country);
      g_array_append_val (self->by_size, i);
    }

  if (reader.failed || reader.pos != reader.size || self->countries->len == 0)
    return FALSE;

  g_array_sort_with_data (self->by_size, compare_by_size, self->countries);

  return TRUE;
}

/**
 * lia_basemap_get_bundled_path:
 *
 * The basemap that ships with Liaison; $LIAISON_BASEMAP points at the
 * source tree's copy for uninstalled runs and tests.
 *
 * Returns: (transfer full): a path, which may not exist
 */
char *
lia_basemap_get_bundled_path (void)
{
  const char *env = g_getenv ("LIAISON_BASEMAP");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (PKGDATADIR, "basemap", LIA_BASEMAP_FILENAME, NULL);
}

LiaBasemap *
lia_basemap_new_from_file (const char  *path,
                           GError     **error)
{
  g_autoptr(LiaBasemap) self = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) compressed = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file != NULL)
    {
      compressed = g_mapped_file_get_bytes (file);
      bytes = gunzip (compressed, &local_error);
    }

  self = g_object_new (LIA_TYPE_BASEMAP, NULL);
  if (bytes == NULL || !parse (self, bytes))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("The world map in “%s” cannot be read (%s). Reinstall Liaison to restore it."),
                   path, local_error ? local_error->message : _("the file is damaged"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * lia_basemap_get_default:
 *
 * The bundled basemap, loaded once per process.
 *
 * Returns: (transfer full): the basemap, or %NULL if it cannot be read
 */
LiaBasemap *
lia_basemap_get_default (GError **error)
{
  static GMutex lock;
  static LiaBasemap *basemap;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lock);

  if (basemap == NULL)
    {
      g_autofree char *path = lia_basemap_get_bundled_path ();

      basemap = lia_basemap_new_from_file (path, error);
      if (basemap == NULL)
        return NULL;
    }

  return g_object_ref (basemap);
}

guint
lia_basemap_get_n_countries (LiaBasemap *self)
{
  g_return_val_if_fail (LIA_IS_BASEMAP (self), 0);

  return self->countries->len;
}

/* Names */

static double
label_font_size (int zoom)
{
  return zoom < 3 ? 10.0 : zoom < 5 ? 11.0 : zoom < 7 ? 12.0 : 13.0;
}

static PangoLayout *
create_label_layout (cairo_t    *cr,
                     const char *name,
                     int         zoom)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Noto Sans, DejaVu Sans");
  cairo_font_options_t *options = cairo_font_options_create ();

  /* The same metrics in every thread and every tile, whatever the screen */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), options);
  cairo_font_options_destroy (options);
  pango_layout_context_changed (layout);

  pango_font_description_set_absolute_size (font, label_font_size (zoom) * PANGO_SCALE);
  pango_font_description_set_weight (font, PANGO_WEIGHT_MEDIUM);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_width (layout, (int)(LABEL_WRAP * PANGO_SCALE));
  pango_layout_set_text (layout, name, -1);

  return layout;
}

static gboolean
boxes_overlap (const Label *a,
               const Label *b)
{
  return a->x - LABEL_PADDING < b->x + b->width &&
         b->x - LABEL_PADDING < a->x + a->width &&
         a->y - LABEL_PADDING < b->y + b->height &&
         b->y - LABEL_PADDING < a->y + a->height;
}

/* The names shown at @zoom: those that fit in their country (or, close in,
 * any name), larger countries first, none over another. */
static GArray *
compute_labels (LiaBasemap *self,
                int         zoom)
{
  GArray *labels = g_array_new (FALSE, FALSE, sizeof (Label));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 1, 1);
  cairo_t *cr = cairo_create (surface);
  double world = LIA_BASEMAP_TILE_SIZE * ldexp (1.0, zoom);

  for (guint i = 0; i < self->by_size->len; i++)
    {
      guint index = g_array_index (self->by_size, guint, i);
      const Country *country = &g_array_index (self->countries, Country, index);
      g_autoptr(PangoLayout) layout = NULL;
      PangoRectangle logical;
      Label label;
      gboolean free = TRUE;

      if (country->name[0] == '\0')
        continue;

      layout = create_label_layout (cr, country->name, zoom);
      pango_layout_get_pixel_extents (layout, NULL, &logical);
      label.country = index;
      label.width = logical.width;
      label.height = logical.height;

      if (zoom < 7 &&
          (label.width > country->span_x * world * 1.1 ||
           label.height > country->span_y * world * 1.5))
        continue;

      /* Pango centres within the wrap width; keep the box on the text */
      label.x = floor (country->label_x * world - label.width / 2.0);
      label.y = floor (country->label_y * world - label.height / 2.0);

      for (guint j = 0; j < labels->len && free; j++)
        free = !boxes_overlap (&label, &g_array_index (labels, Label, j));
      if (free)
        g_array_append_val (labels, label);
    }

  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  return labels;
}

static GArray *
get_labels (LiaBasemap *self,
            int         zoom)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&self->label_lock);

  if (self->labels[zoom] == NULL)
    self->labels[zoom] = compute_labels (self, zoom);

  return g_array_ref (self->labels[zoom]);
}

#define HALO 2.5

static gboolean
label_in_tile (const Label *label,
               double       ox,
               double       oy)
{
  return label->x - ox <= LIA_BASEMAP_TILE_SIZE + HALO && label->x + label->width - ox >= -HALO &&
         label->y - oy <= LIA_BASEMAP_TILE_SIZE + HALO && label->y + label->height - oy >= -HALO;
}

static void
draw_label (LiaBasemap  *self,
            cairo_t     *cr,
            const Label *label,
            int          zoom,
            double       ox,
            double       oy,
            gboolean     dark)
{
  const Country *country = &g_array_index (self->countries, Country, label->country);
  g_autoptr(PangoLayout) layout = create_label_layout (cr, country->name, zoom);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);

  cairo_save (cr);
  cairo_translate (cr, label->x - ox - logical.x, label->y - oy - logical.y);
  /* Outlines for both halo and text: the same shapes in every tile, and no
   * glyph cache shared between rendering threads */
  pango_cairo_layout_path (cr, layout);
  set_color (cr, palettes[dark][LIA_BASEMAP_COLOR_LAND], 0.85);
  cairo_set_line_width (cr, HALO);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_stroke_preserve (cr);
  set_color (cr, palettes[dark][LIA_BASEMAP_COLOR_LABEL], 1.0);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Even-odd over the rings of one country; (x, y) in world units */
static gboolean
country_contains (LiaBasemap    *self,
                  const Country *country,
                  double         x,
                  double         y)
{
  gboolean inside = FALSE;

  if (x < country->box.x0 || x > country->box.x1 || y < country->box.y0 || y > country->box.y1)
    return FALSE;

  for (guint r = 0; r < country->n_rings; r++)
    {
      const Path *ring = &g_array_index (self->rings, Path, country->first_ring + r);
      const double *p = &g_array_index (self->points, double, ring->start * 2);

      if (x < ring->box.x0 || x > ring->box.x1 || y < ring->box.y0 || y > ring->box.y1)
        continue;

      for (guint i = 0, j = ring->n_points - 1; i < ring->n_points; j = i++)
        {
          double xi = p[2 * i], yi = p[2 * i + 1];
          double xj = p[2 * j], yj = p[2 * j + 1];

          if ((yi > y) != (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi)
            inside = !inside;
        }
    }

  return inside;
}

static int
country_at (LiaBasemap *self,
            double      x,
            double      y)
{
  for (guint c = 0; c < self->countries->len; c++)
    if (country_contains (self, &g_array_index (self->countries, Country, c), x, y))
      return c;

  return -1;
}

/* Close in, a country's one name is rarely in view: names are repeated on
 * a staggered grid of world pixels, where the whole name fits inside the
 * country and stays clear of the main names.  The grid is the same for
 * every tile, so a repeated name is drawn whole across tile edges. */
static void
draw_repeated_labels (LiaBasemap *self,
                      cairo_t    *cr,
                      GArray     *labels,
                      int         zoom,
                      double      ox,
                      double      oy,
                      gboolean    dark)
{
  double world = LIA_BASEMAP_TILE_SIZE * ldexp (1.0, zoom);
  double reach = LABEL_WRAP + HALO;
  int row0 = (int)floor ((oy - reach) / REPEAT_SPACING);
  int row1 = (int)floor ((oy + LIA_BASEMAP_TILE_SIZE + reach) / REPEAT_SPACING);

  for (int row = row0; row <= row1; row++)
    {
      double stagger = (row & 1) ? REPEAT_SPACING / 2.0 : 0.0;
      int col0 = (int)floor ((ox - reach - stagger) / REPEAT_SPACING);
      int col1 = (int)floor ((ox + LIA_BASEMAP_TILE_SIZE + reach - stagger) / REPEAT_SPACING);

      for (int col = col0; col <= col1; col++)
        {
          double cx = (col + 0.5) * REPEAT_SPACING + stagger;
          double cy = (row + 0.5) * REPEAT_SPACING;
          g_autoptr(PangoLayout) layout = NULL;
          const Country *country;
          PangoRectangle logical;
          Label label;
          gboolean clear = TRUE;
          int index;

          if (cx < 0 || cx >= world || cy < 0 || cy >= world ||
              (index = country_at (self, cx / world, cy / world)) < 0)
            continue;

          country = &g_array_index (self->countries, Country, index);
          if (country->name[0] == '\0')
            continue;
          layout = create_label_layout (cr, country->name, zoom);
          pango_layout_get_pixel_extents (layout, NULL, &logical);
          label.country = index;
          label.width = logical.width;
          label.height = logical.height;
          label.x = floor (cx - label.width / 2.0);
          label.y = floor (cy - label.height / 2.0);
          if (!label_in_tile (&label, ox, oy))
            continue;

          /* Inside at both ends, and not next to a main name */
          if (!country_contains (self, country, (label.x - LABEL_PADDING) / world, cy / world) ||
              !country_contains (self, country, (label.x + label.width + LABEL_PADDING) / world, cy / world))
            continue;
          for (guint i = 0; i < labels->len && clear; i++)
            {
              const Label *main_label = &g_array_index (labels, Label, i);

              clear = !boxes_overlap (&label, main_label) &&
                      (main_label->country != label.country ||
                       fabs (main_label->x + main_label->width / 2.0 - cx) > REPEAT_SPACING / 2.0 ||
                       fabs (main_label->y + main_label->height / 2.0 - cy) > REPEAT_SPACING / 2.0);
            }
          if (clear)
            draw_label (self, cr, &label, zoom, ox, oy, dark);
        }
    }
}

static void
draw_labels (LiaBasemap *self,
             cairo_t    *cr,
             int         zoom,
             double      ox,
             double      oy,
             gboolean    dark)
{
  g_autoptr(GArray) labels = get_labels (self, zoom);

  for (guint i = 0; i < labels->len; i++)
    {
      const Label *label = &g_array_index (labels, Label, i);

      if (label_in_tile (label, ox, oy))
        draw_label (self, cr, label, zoom, ox, oy, dark);
    }

  if (zoom >= REPEAT_MIN_ZOOM)
    draw_repeated_labels (self, cr, labels, zoom, ox, oy, dark);
}

/* Geometry */

typedef struct
{
  double  scale;        /* world pixels at this zoom */
  double  ox;           /* the tile's top-left, world pixels */
  double  oy;
  Box     clip;         /* tile pixels */
  GArray *a;            /* scratch: double pairs */
  GArray *b;
} Tile;

static gboolean
box_visible (const Tile *tile,
             const Box  *box)
{
  return box->x1 * tile->scale - tile->ox >= tile->clip.x0 &&
         box->x0 * tile->scale - tile->ox <= tile->clip.x1 &&
         box->y1 * tile->scale - tile->oy >= tile->clip.y0 &&
         box->y0 * tile->scale - tile->oy <= tile->clip.y1;
}

/* Tile pixels, without the points closer than MIN_STEP to the last one */
static void
project_path (LiaBasemap *self,
              const Tile *tile,
              const Path *path,
              GArray     *out)
{
  const double *p = &g_array_index (self->points, double, path->start * 2);
  double last_x = G_MAXDOUBLE;
  double last_y = G_MAXDOUBLE;

  g_array_set_size (out, 0);
  for (guint i = 0; i < path->n_points; i++)
    {
      double xy[2] = { p[2 * i] * tile->scale - tile->ox, p[2 * i + 1] * tile->scale - tile->oy };

      if (i + 1 < path->n_points && fabs (xy[0] - last_x) < MIN_STEP && fabs (xy[1] - last_y) < MIN_STEP)
        continue;
      g_array_append_vals (out, xy, 2);
      last_x = xy[0];
      last_y = xy[1];
    }
}

/* One Sutherland–Hodgman pass: keeps the side of the line @axis = @limit
 * where coordinate * @sign <= limit * @sign */
static void
clip_ring_edge (GArray *in,
                GArray *out,
                int     axis,
                double  limit,
                double  sign)
{
  guint n = in->len / 2;
  const double *p = (const double *)(gpointer)in->data;

  g_array_set_size (out, 0);
  for (guint i = 0; i < n; i++)
    {
      const double *cur = p + 2 * i;
      const double *prev = p + 2 * ((i + n - 1) % n);
      gboolean cur_in = cur[axis] * sign <= limit * sign;
      gboolean prev_in = prev[axis] * sign <= limit * sign;

      if (cur_in != prev_in)
        {
          double t = (limit - prev[axis]) / (cur[axis] - prev[axis]);
          double xy[2];

          xy[axis] = limit;
          xy[1 - axis] = prev[1 - axis] + t * (cur[1 - axis] - prev[1 - axis]);
          g_array_append_vals (out, xy, 2);
        }
      if (cur_in)
        g_array_append_vals (out, cur, 2);
    }
}

static void
add_ring (LiaBasemap *self,
          Tile       *tile,
          cairo_t    *cr,
          const Path *ring)
{
  const double *p;
  guint n;

  project_path (self, tile, ring, tile->a);
  clip_ring_edge (tile->a, tile->b, 0, tile->clip.x0, -1);
  clip_ring_edge (tile->b, tile->a, 0, tile->clip.x1, 1);
  clip_ring_edge (tile->a, tile->b, 1, tile->clip.y0, -1);
  clip_ring_edge (tile->b, tile->a, 1, tile->clip.y1, 1);

  n = tile->a->len / 2;
  if (n < 3)
    return;

  p = (const double *)(gpointer)tile->a->data;
  cairo_move_to (cr, p[0], p[1]);
  for (guint i = 1; i < n; i++)
    cairo_line_to (cr, p[2 * i], p[2 * i + 1]);
  cairo_close_path (cr);
}

/* Liang–Barsky: clips the segment to the box; FALSE if nothing is left */
static gboolean
clip_segment (const Box *box,
              double    *x0,
              double    *y0,
              double    *x1,
              double    *y1)
{
  double dx = *x1 - *x0;
  double dy = *y1 - *y0;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { *x0 - box->x0, box->x1 - *x0, *y0 - box->y0, box->y1 - *y0 };
  double t0 = 0.0;
  double t1 = 1.0;

  for (int i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      if (p[i] < 0.0)
        t0 = MAX (t0, q[i] / p[i]);
      else
        t1 = MIN (t1, q[i] / p[i]);
      if (t0 > t1)
        return FALSE;
    }

  *x1 = *x0 + t1 * dx;
  *y1 = *y0 + t1 * dy;
  *x0 = *x0 + t0 * dx;
  *y0 = *y0 + t0 * dy;

  return TRUE;
}

static void
add_line (LiaBasemap *self,
          Tile       *tile,
          cairo_t    *cr,
          const Path *line)
{
  const double *p;
  guint n;
  gboolean pen_down = FALSE;

  project_path (self, tile, line, tile->a);
  p = (const double *)(gpointer)tile->a->data;
  n = tile->a->len / 2;

  for (guint i = 1; i < n; i++)
    {
      double x0 = p[2 * i - 2], y0 = p[2 * i - 1];
      double x1 = p[2 * i], y1 = p[2 * i + 1];
      gboolean start_inside = x0 >= tile->clip.x0 && x0 <= tile->clip.x1 &&
                              y0 >= tile->clip.y0 && y0 <= tile->clip.y1;

      if (!clip_segment (&tile->clip, &x0, &y0, &x1, &y1))
        {
          pen_down = FALSE;
          continue;
        }
      if (!pen_down || !start_inside)
        cairo_move_to (cr, x0, y0);
      cairo_line_to (cr, x1, y1);
      pen_down = (x1 == p[2 * i] && y1 == p[2 * i + 1]);
    }
}

static void
draw_lines (LiaBasemap *self,
            Tile       *tile,
            cairo_t    *cr,
            guint8      kind)
{
  for (guint i = 0; i < self->lines->len; i++)
    {
      const Path *line = &g_array_index (self->lines, Path, i);

      if (line->kind == kind && box_visible (tile, &line->box))
        add_line (self, tile, cr, line);
    }
}

static cairo_status_t
append_png_data (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

/**
 * lia_basemap_render_tile:
 * @zoom: 0 to %LIA_BASEMAP_MAX_ZOOM
 * @x: the column, 0 to 2^zoom - 1, from the west
 * @y: the row, 0 to 2^zoom - 1, from the north (XYZ, not TMS)
 * @dark: the dark palette
 *
 * Returns: (transfer full): a 256×256 PNG image
 */
GBytes *
lia_basemap_render_tile (LiaBasemap  *self,
                         int          zoom,
                         int          x,
                         int          y,
                         gboolean     dark,
                         GError     **error)
{
  g_autoptr(GByteArray) png = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  Tile tile;
  double line_scale;

  g_return_val_if_fail (LIA_IS_BASEMAP (self), NULL);

  if (zoom < 0 || zoom > LIA_BASEMAP_MAX_ZOOM ||
      x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
                   _("There is no map tile %d/%d/%d."), zoom, x, y);
      return NULL;
    }

  dark = !!dark;
  tile.scale = LIA_BASEMAP_TILE_SIZE * ldexp (1.0, zoom);
  tile.ox = (double)x * LIA_BASEMAP_TILE_SIZE;
  tile.oy = (double)y * LIA_BASEMAP_TILE_SIZE;
  tile.clip = (Box) { -CLIP_MARGIN, -CLIP_MARGIN,
                      LIA_BASEMAP_TILE_SIZE + CLIP_MARGIN, LIA_BASEMAP_TILE_SIZE + CLIP_MARGIN };
  tile.a = g_array_new (FALSE, FALSE, sizeof (double));
  tile.b = g_array_new (FALSE, FALSE, sizeof (double));

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, LIA_BASEMAP_TILE_SIZE, LIA_BASEMAP_TILE_SIZE);
  cr = cairo_create (surface);

  set_color (cr, palettes[dark][LIA_BASEMAP_COLOR_SEA], 1.0);
  cairo_paint (cr);

  /* All land as one path: no seams between neighbours */
  for (guint c = 0; c < self->countries->len; c++)
    {
      const Country *country = &g_array_index (self->countries, Country, c);

      if (!box_visible (&tile, &country->box))
        continue;
      for (guint r = 0; r < country->n_rings; r++)
        {
          const Path *ring = &g_array_index (self->rings, Path, country->first_ring + r);

          if (box_visible (&tile, &ring->box))
            add_ring (self, &tile, cr, ring);
        }
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  set_color (cr, palettes[dark][LIA_BASEMAP_COLOR_LAND], 1.0);
  cairo_fill (cr);

  /* Thin lines when the whole world is a few tiles wide */
  line_scale = zoom < 2 ? 0.6 : zoom < 4 ? 0.8 : 1.0;
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  draw_lines (self, &tile, cr, 0);
  set_color (cr, palettes[dark][LIA_BASEMAP_COLOR_COAST], 1.0);
  cairo_set_line_width (cr, 1.0 * line_scale);
  cairo_stroke (cr);

  draw_lines (self, &tile, cr, 1);
  set_color (cr, palettes[dark][LIA_BASEMAP_COLOR_BORDER], 1.0);
  cairo_set_line_width (cr, (zoom < 5 ? 1.0 : 1.4) * line_scale);
  cairo_stroke (cr);

  draw_labels (self, cr, zoom, tile.ox, tile.oy, dark);

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  png = g_byte_array_sized_new (16 * 1024);
  status = cairo_surface_write_to_png_stream (surface, append_png_data, png);
  cairo_surface_destroy (surface);
  g_array_unref (tile.a);
  g_array_unref (tile.b);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
                   _("The map tile could not be drawn: %s."), cairo_status_to_string (status));
      return NULL;
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&png));
}
