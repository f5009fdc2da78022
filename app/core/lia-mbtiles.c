/* lia-mbtiles.c — a raster MBTiles file: detailed map tiles a person imports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * MBTiles 1.3: an SQLite database with a `metadata` table of name/value
 * pairs and a `tiles` table (or view) of zoom_level, tile_column, tile_row,
 * tile_data.  Rows follow TMS, counted from the south: row = 2^z - 1 - y.
 * Liaison draws raster tiles only; vector (pbf) tiles need a renderer
 * libshumate 1.0 does not have, so such files are refused at import.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "lia-db.h"
#include "lia-error.h"
#include "lia-mbtiles.h"

struct _LiaMbtiles
{
  GObject       parent_instance;

  char         *path;
  char         *name;
  char         *format;
  char         *attribution;
  int           min_zoom;
  int           max_zoom;
  gboolean      has_bounds;
  double        bounds[4];   /* west, south, east, north */

  GMutex        lock;        /* the connection and its statement */
  sqlite3      *db;
  sqlite3_stmt *tile_stmt;
};

G_DEFINE_FINAL_TYPE (LiaMbtiles, lia_mbtiles, G_TYPE_OBJECT)

static void
lia_mbtiles_finalize (GObject *object)
{
  LiaMbtiles *self = (LiaMbtiles *)object;

  g_clear_pointer (&self->tile_stmt, sqlite3_finalize);
  g_clear_pointer (&self->db, sqlite3_close);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  g_free (self->name);
  g_free (self->format);
  g_free (self->attribution);

  G_OBJECT_CLASS (lia_mbtiles_parent_class)->finalize (object);
}

static void
lia_mbtiles_class_init (LiaMbtilesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = lia_mbtiles_finalize;
}

static void
lia_mbtiles_init (LiaMbtiles *self)
{
  g_mutex_init (&self->lock);
}

static gboolean
refuse (const char  *path,
        const char  *why,
        GError     **error)
{
  g_autofree char *basename = g_path_get_basename (path);

  g_set_error (error, LIA_ERROR, LIA_ERROR_INVALID,
               /* Translators: the first %s is a file name, the second says what is wrong */
               _("“%s” cannot be used as a map: %s"), basename, why);

  return FALSE;
}

static char *
get_metadata (sqlite3    *db,
              const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT value FROM metadata WHERE name = ?", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW || sqlite3_column_text (stmt, 0) == NULL)
    return NULL;

  return g_strstrip (g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
}

/* Older files leave out the format: the first tile's magic says it */
static char *
sniff_format (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  const guint8 *data;
  int size;

  if (sqlite3_prepare_v2 (db, "SELECT tile_data FROM tiles LIMIT 1", -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  data = sqlite3_column_blob (stmt, 0);
  size = sqlite3_column_bytes (stmt, 0);
  if (data == NULL || size < 4)
    return NULL;
  if (memcmp (data, "\x89PNG", 4) == 0)
    return g_strdup ("png");
  if (data[0] == 0xff && data[1] == 0xd8)
    return g_strdup ("jpg");
  if (size >= 12 && memcmp (data, "RIFF", 4) == 0 && memcmp (data + 8, "WEBP", 4) == 0)
    return g_strdup ("webp");
  if (data[0] == 0x1f && data[1] == 0x8b)
    return g_strdup ("pbf");

  return NULL;
}

static gboolean
parse_bounds (const char *text,
              double      bounds[4])
{
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, ",", -1);
  if (g_strv_length (parts) != 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      char *end = NULL;

      bounds[i] = g_ascii_strtod (g_strstrip (parts[i]), &end);
      if (end == parts[i] || *end != '\0')
        return FALSE;
    }

  return bounds[0] >= -180 && bounds[2] <= 180 && bounds[0] < bounds[2] &&
         bounds[1] >= -90 && bounds[3] <= 90 && bounds[1] < bounds[3];
}

static gboolean
parse_zoom (const char *text,
            int        *zoom)
{
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, 0, 30, &value, NULL))
    return FALSE;
  *zoom = value;

  return TRUE;
}

LiaMbtiles *
lia_mbtiles_open (const char  *path,
                  GError     **error)
{
  g_autoptr(LiaMbtiles) self = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *min_zoom = NULL;
  g_autofree char *max_zoom = NULL;
  g_autofree char *bounds = NULL;
  g_autofree char *uri = NULL;
  guint found = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      refuse (path, _("the file does not exist."), error);
      return NULL;
    }

  self = g_object_new (LIA_TYPE_MBTILES, NULL);
  self->path = g_strdup (path);

  /* Read-only and immutable: no lock, journal or -shm file next to a file
   * that may sit on a read-only medium, and none is needed, since a map
   * is never written once imported */
  uri = g_filename_to_uri (path, NULL, NULL);
  if (uri != NULL)
    {
      g_autofree char *immutable = g_strconcat (uri, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (immutable, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (self->db,
                             "SELECT name FROM sqlite_master"
                             " WHERE name IN ('metadata', 'tiles') AND type IN ('table', 'view')",
                             -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      refuse (path, _("it is not an MBTiles file (not an SQLite database). "
                      "Export the map as MBTiles with PNG or JPEG tiles and import that file."), error);
      return NULL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    found++;
  if (found != 2)
    {
      refuse (path, _("it is an SQLite database but not an MBTiles file: it lacks the “metadata” "
                      "or “tiles” table. Export the map as MBTiles and import that file."), error);
      return NULL;
    }

  self->name = get_metadata (self->db, "name");
  self->attribution = get_metadata (self->db, "attribution");
  self->format = get_metadata (self->db, "format");
  if (self->format == NULL || self->format[0] == '\0')
    {
      g_free (self->format);
      self->format = sniff_format (self->db);
    }
  if (self->format == NULL)
    {
      refuse (path, _("it contains no tiles. Export the area again and import the new file."), error);
      return NULL;
    }
  if (g_ascii_strcasecmp (self->format, "jpeg") == 0)
    {
      g_free (self->format);
      self->format = g_strdup ("jpg");
    }
  if (g_ascii_strcasecmp (self->format, "pbf") == 0 || g_ascii_strcasecmp (self->format, "mvt") == 0)
    {
      refuse (path, _("it holds vector tiles, which Liaison cannot draw. "
                      "Export the map as raster tiles (PNG or JPEG) instead."), error);
      return NULL;
    }
  if (g_ascii_strcasecmp (self->format, "png") != 0 && g_ascii_strcasecmp (self->format, "jpg") != 0)
    {
      g_autofree char *why = g_strdup_printf (_("its tiles are in the “%s” format. "
                                                "Export the map with PNG or JPEG tiles instead."),
                                              self->format);
      refuse (path, why, error);
      return NULL;
    }

  min_zoom = get_metadata (self->db, "minzoom");
  max_zoom = get_metadata (self->db, "maxzoom");
  if (!parse_zoom (min_zoom, &self->min_zoom) || !parse_zoom (max_zoom, &self->max_zoom) ||
      self->min_zoom > self->max_zoom)
    {
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (sqlite3_prepare_v2 (self->db, "SELECT MIN(zoom_level), MAX(zoom_level) FROM tiles",
                              -1, &stmt, NULL) != SQLITE_OK ||
          sqlite3_step (stmt) != SQLITE_ROW ||
          sqlite3_column_type (stmt, 0) == SQLITE_NULL)
        {
          refuse (path, _("it contains no tiles. Export the area again and import the new file."), error);
          return NULL;
        }
      self->min_zoom = CLAMP (sqlite3_column_int (stmt, 0), 0, 30);
      self->max_zoom = CLAMP (sqlite3_column_int (stmt, 1), self->min_zoom, 30);
    }

  bounds = get_metadata (self->db, "bounds");
  self->has_bounds = parse_bounds (bounds, self->bounds);

  if (self->name == NULL || self->name[0] == '\0')
    {
      g_free (self->name);
      self->name = g_path_get_basename (path);
    }

  if (sqlite3_prepare_v2 (self->db,
                          "SELECT tile_data FROM tiles"
                          " WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?",
                          -1, &self->tile_stmt, NULL) != SQLITE_OK)
    {
      refuse (path, _("its “tiles” table lacks the zoom_level, tile_column, tile_row or tile_data column. "
                      "Export the map as MBTiles again."), error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
lia_mbtiles_get_path (LiaMbtiles *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), NULL);
  return self->path;
}

const char *
lia_mbtiles_get_name (LiaMbtiles *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), NULL);
  return self->name;
}

const char *
lia_mbtiles_get_format (LiaMbtiles *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), NULL);
  return self->format;
}

const char *
lia_mbtiles_get_attribution (LiaMbtiles *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), NULL);
  return self->attribution;
}

int
lia_mbtiles_get_min_zoom (LiaMbtiles *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), 0);
  return self->min_zoom;
}

int
lia_mbtiles_get_max_zoom (LiaMbtiles *self)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), 0);
  return self->max_zoom;
}

gboolean
lia_mbtiles_get_bounds (LiaMbtiles *self,
                        double     *west,
                        double     *south,
                        double     *east,
                        double     *north)
{
  g_return_val_if_fail (LIA_IS_MBTILES (self), FALSE);

  if (west)
    *west = self->has_bounds ? self->bounds[0] : -180;
  if (south)
    *south = self->has_bounds ? self->bounds[1] : -85.0511;
  if (east)
    *east = self->has_bounds ? self->bounds[2] : 180;
  if (north)
    *north = self->has_bounds ? self->bounds[3] : 85.0511;

  return self->has_bounds;
}

GBytes *
lia_mbtiles_get_tile (LiaMbtiles  *self,
                      int          zoom,
                      int          x,
                      int          y,
                      GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  GBytes *bytes = NULL;
  int rc;

  g_return_val_if_fail (LIA_IS_MBTILES (self), NULL);

  if (zoom < 0 || zoom > 30 || x < 0 || y < 0 || x >= (1 << zoom) || y >= (1 << zoom))
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND, _("There is no map tile %d/%d/%d."), zoom, x, y);
      return NULL;
    }

  locker = g_mutex_locker_new (&self->lock);
  sqlite3_reset (self->tile_stmt);
  sqlite3_bind_int (self->tile_stmt, 1, zoom);
  sqlite3_bind_int (self->tile_stmt, 2, x);
  sqlite3_bind_int (self->tile_stmt, 3, (1 << zoom) - 1 - y);   /* TMS */
  rc = sqlite3_step (self->tile_stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (self->tile_stmt, 0) > 0)
    bytes = g_bytes_new (sqlite3_column_blob (self->tile_stmt, 0),
                         sqlite3_column_bytes (self->tile_stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    g_set_error (error, LIA_ERROR, LIA_ERROR_DATABASE,
                 _("The map “%s” could not be read: %s."), self->name, sqlite3_errmsg (self->db));
  else
    g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                 _("The map “%s” has no tile %d/%d/%d."), self->name, zoom, x, y);
  sqlite3_reset (self->tile_stmt);

  return bytes;
}
