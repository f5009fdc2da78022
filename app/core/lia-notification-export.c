/* lia-notification-export.c
 *
 * A package is gathered from the store first (rows of label, HXL hashtag
 * and value, and the points of the map), then written as PDF, HXL CSV or
 * GeoJSON: the three formats carry the same content.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <cairo.h>
#include <cairo-pdf.h>

#include "lia-actor.h"
#include "lia-error.h"
#include "lia-export-private.h"
#include "lia-guidance-pdf-private.h"
#include "lia-movement-notification.h"
#include "lia-notification-export.h"
#include "lia-operation-rules.h"
#include "lia-site-notification.h"

#define MARGIN      (2.0 / 2.54 * 72.0)
#define BODY_SIZE   9.5
#define SMALL_SIZE  7.5
#define TITLE_SIZE  15.0
#define MAP_HEIGHT  180.0

/* Bidi isolates keep coordinates, times and Latin names in one piece, in
 * reading order, inside an Arabic line. */
#define LRI "\u2066"
#define FSI "\u2068"
#define PDI "\u2069"

typedef enum
{
  IN_PDF     = 1 << 0,
  IN_TABLES  = 1 << 1,   /* CSV and GeoJSON */
  EVERYWHERE = IN_PDF | IN_TABLES,
} Where;

typedef struct
{
  const char *key;       /* field label key, also the GeoJSON property */
  const char *hxl;
  char       *value;
  Where       where;
} Row;

static void
clear_row (gpointer data)
{
  g_free (((Row *) data)->value);
}

typedef struct
{
  char        *lang;
  char        *title;
  char        *record_type;
  GArray      *header;    /* of Row: reference, party, issued… */
  GArray      *rows;      /* of Row: the notification's fields */
  GArray      *points;    /* of LiaNotifyPoint, in route order */
  gboolean     is_route;
} Package;

static void
package_free (Package *package)
{
  g_free (package->lang);
  g_free (package->title);
  g_free (package->record_type);
  g_clear_pointer (&package->header, g_array_unref);
  g_clear_pointer (&package->rows, g_array_unref);
  g_clear_pointer (&package->points, g_array_unref);
  g_free (package);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Package, package_free)

static void
clear_point (gpointer data)
{
  lia_notify_point_clear (data);
}

static void
add_row (GArray     *rows,
         const char *key,
         const char *hxl,
         Where       where,
         char       *value)   /* (transfer full) (nullable) */
{
  Row row = { key, hxl, value != NULL ? value : g_strdup (""), where };

  g_array_append_val (rows, row);
}

static char *
ltr (const char *text)
{
  return text != NULL ? g_strconcat (LRI, text, PDI, NULL) : NULL;
}

static char *
format_coordinate (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Five decimals: about a metre, whatever the locale's decimal mark. */
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.5f", value));
}

static char *
format_point (const LiaNotifyPoint *point)
{
  g_autofree char *lat = format_coordinate (point->lat);
  g_autofree char *lon = format_coordinate (point->lon);
  g_autofree char *where = g_strdup_printf (LRI "%s, %s" PDI, lat, lon);

  if (point->name != NULL)
    return g_strdup_printf (FSI "%s" PDI " (%s)", point->name, where);

  return g_steal_pointer (&where);
}

static char *
format_time (LiaOperationRules *rules,
             GDateTime         *time)
{
  g_autofree char *text = lia_operation_rules_format_time (rules, time);

  return ltr (text);
}

static char *
format_int (int value)
{
  return g_strdup_printf ("%d", value);
}

static char *
enum_label (GType       type,
            int         value,
            const char *lang)
{
  return g_strdup (lia_notify_enum_get_label_in (type, value, lang));
}

static void
add_point_rows (GArray               *rows,
                const char           *key,
                const char           *hxl_name,
                const char           *hxl_lat,
                const char           *hxl_lon,
                const LiaNotifyPoint *point)
{
  add_row (rows, key, NULL, IN_PDF, format_point (point));
  add_row (rows, key, hxl_name, IN_TABLES, g_strdup (point->name));
  add_row (rows, "location.lat", hxl_lat, IN_TABLES, format_coordinate (point->lat));
  add_row (rows, "location.lon", hxl_lon, IN_TABLES, format_coordinate (point->lon));
}

static void
gather_site (Package             *package,
             LiaSiteNotification *site,
             LiaOperationRules   *rules)
{
  const char *lang = package->lang;
  GArray *rows = package->rows;
  LiaNotifyPoint point = { NULL, NAN, NAN };

  lia_site_notification_get_location (site, &point.lat, &point.lon);
  point.name = g_strdup (lia_site_notification_get_name (site));

  add_row (rows, "organisation", "#org+name", EVERYWHERE, g_strdup (lia_site_notification_get_organisation (site)));
  add_row (rows, "facility_type", "#loc+facility+type", EVERYWHERE,
           enum_label (LIA_TYPE_FACILITY_TYPE, lia_site_notification_get_facility_type (site), lang));
  add_row (rows, "name", "#loc+facility+name", EVERYWHERE, g_strdup (point.name));
  add_row (rows, "location.lat", "#geo+lat", EVERYWHERE, format_coordinate (point.lat));
  add_row (rows, "location.lon", "#geo+lon", EVERYWHERE, format_coordinate (point.lon));
  add_row (rows, "admin_area", "#adm1+name", EVERYWHERE, g_strdup (lia_site_notification_get_admin_area (site)));
  add_row (rows, "address", "#loc+address", EVERYWHERE, g_strdup (lia_site_notification_get_address (site)));
  add_row (rows, "function", "#sector+x_function", EVERYWHERE, g_strdup (lia_site_notification_get_function (site)));
  add_row (rows, "involvement", "#x_involvement", EVERYWHERE,
           enum_label (LIA_TYPE_INVOLVEMENT, lia_site_notification_get_involvement (site), lang));
  add_row (rows, "persons_present", "#x_persons+num", EVERYWHERE,
           format_int (lia_site_notification_get_persons_present (site)));
  add_row (rows, "contact", "#contact", EVERYWHERE, g_strdup (lia_site_notification_get_contact (site)));
  add_row (rows, "valid_from", "#date+start", EVERYWHERE,
           format_time (rules, lia_site_notification_get_valid_from (site)));
  add_row (rows, "valid_until", "#date+end", EVERYWHERE,
           format_time (rules, lia_site_notification_get_valid_until (site)));
  add_row (rows, "status", "#status", EVERYWHERE,
           enum_label (LIA_TYPE_SITE_STATUS, lia_site_notification_get_status (site), lang));

  package->title = g_strdup (point.name);
  g_array_append_val (package->points, point);
}

static void
gather_movement (Package                 *package,
                 LiaMovementNotification *movement,
                 LiaOperationRules       *rules)
{
  const char *lang = package->lang;
  GArray *rows = package->rows;
  g_autoptr(GString) waypoints = g_string_new (NULL);
  const LiaNotifyPoint *origin = lia_movement_notification_get_origin (movement);
  const LiaNotifyPoint *destination = lia_movement_notification_get_destination (movement);
  g_autofree LiaNotifyPoint *route = NULL;
  guint n_points;

  add_row (rows, "organisation", "#org+name", EVERYWHERE, g_strdup (lia_movement_notification_get_organisation (movement)));
  add_row (rows, "movement_type", "#activity+type", EVERYWHERE,
           enum_label (LIA_TYPE_MOVEMENT_TYPE, lia_movement_notification_get_movement_type (movement), lang));
  add_point_rows (rows, "origin", "#loc+origin+name", "#geo+lat+origin", "#geo+lon+origin", origin);

  for (guint i = 0; i < lia_movement_notification_get_n_waypoints (movement); i++)
    {
      g_autofree char *text = format_point (lia_movement_notification_get_waypoint (movement, i));

      if (waypoints->len > 0)
        g_string_append (waypoints, "; ");
      g_string_append (waypoints, text);
    }
  add_row (rows, "waypoints", "#loc+waypoints", EVERYWHERE, g_strdup (waypoints->str));

  add_point_rows (rows, "destination", "#loc+destination+name", "#geo+lat+destination", "#geo+lon+destination",
                  destination);
  add_row (rows, "departure.start", "#date+departure+start", EVERYWHERE,
           format_time (rules, lia_movement_notification_get_departure_start (movement)));
  add_row (rows, "departure.end", "#date+departure+end", EVERYWHERE,
           format_time (rules, lia_movement_notification_get_departure_end (movement)));
  add_row (rows, "arrival.start", "#date+arrival+start", EVERYWHERE,
           format_time (rules, lia_movement_notification_get_arrival_start (movement)));
  add_row (rows, "arrival.end", "#date+arrival+end", EVERYWHERE,
           format_time (rules, lia_movement_notification_get_arrival_end (movement)));
  add_row (rows, "vehicles.count", "#x_vehicles+num", EVERYWHERE,
           format_int (lia_movement_notification_get_vehicle_count (movement)));
  add_row (rows, "vehicles.plates", "#x_vehicles+plates", EVERYWHERE,
           g_strjoinv (", ", (char **) lia_movement_notification_get_plates (movement)));
  add_row (rows, "vehicles.markings", "#x_vehicles+markings", EVERYWHERE,
           g_strdup (lia_movement_notification_get_markings (movement)));
  add_row (rows, "persons", "#x_persons+num", EVERYWHERE, format_int (lia_movement_notification_get_persons (movement)));
  add_row (rows, "cargo", "#x_cargo", EVERYWHERE, g_strdup (lia_movement_notification_get_cargo (movement)));
  add_row (rows, "convoy_leader", "#contact+leader", EVERYWHERE,
           g_strdup (lia_movement_notification_get_convoy_leader (movement)));
  add_row (rows, "emergency", "#x_emergency", EVERYWHERE,
           g_strdup (lia_notify_field_get_label_in (lia_movement_notification_get_emergency (movement) ? "yes" : "no", lang)));
  add_row (rows, "status", "#status", EVERYWHERE,
           enum_label (LIA_TYPE_MOVEMENT_STATUS, lia_movement_notification_get_status (movement), lang));

  route = lia_movement_notification_dup_route (movement, &n_points);
  for (guint i = 0; i < n_points; i++)
    {
      LiaNotifyPoint point;

      lia_notify_point_copy (&route[i], &point);
      g_array_append_val (package->points, point);
    }
  package->is_route = TRUE;
  package->title = lia_notification_dup_title (LIA_RECORD (movement));
}

static Package *
gather (LiaStore    *store,
        LiaRecord   *notification,
        const char  *party_uuid,
        const char  *lang,
        GError     **error)
{
  g_autoptr(Package) package = g_new0 (Package, 1);
  g_autoptr(LiaOperationRules) rules = NULL;
  g_autoptr(GDateTime) now = NULL;
  const char *reference = NULL;
  g_autofree char *party = NULL;

  if (!LIA_IS_SITE_NOTIFICATION (notification) && !LIA_IS_MOVEMENT_NOTIFICATION (notification))
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                           _("Only a site or a movement notification can be exported as a package."));
      return NULL;
    }

  rules = lia_operation_rules_load (store, lia_record_get_operation (notification), error);
  if (rules == NULL)
    return NULL;

  if (party_uuid != NULL)
    {
      g_autoptr(LiaRecord) actor = lia_store_load (store, party_uuid, NULL);

      if (actor == NULL || !LIA_IS_ACTOR (actor))
        {
          g_set_error (error, LIA_ERROR, LIA_ERROR_NOT_FOUND,
                       _("The party “%s” is not an actor of the stakeholder map."), party_uuid);
          return NULL;
        }
      party = g_strdup (lia_actor_get_display_name (LIA_ACTOR (actor), lang));
    }

  package->lang = g_strdup (lang != NULL ? lang : "en");
  package->record_type = g_strdup (lia_record_get_record_type (notification));
  package->header = g_array_new (FALSE, TRUE, sizeof (Row));
  package->rows = g_array_new (FALSE, TRUE, sizeof (Row));
  package->points = g_array_new (FALSE, TRUE, sizeof (LiaNotifyPoint));
  g_array_set_clear_func (package->header, clear_row);
  g_array_set_clear_func (package->rows, clear_row);
  g_array_set_clear_func (package->points, clear_point);

  if (LIA_IS_SITE_NOTIFICATION (notification))
    {
      reference = lia_site_notification_get_reference (LIA_SITE_NOTIFICATION (notification));
      gather_site (package, LIA_SITE_NOTIFICATION (notification), rules);
    }
  else
    {
      reference = lia_movement_notification_get_reference (LIA_MOVEMENT_NOTIFICATION (notification));
      gather_movement (package, LIA_MOVEMENT_NOTIFICATION (notification), rules);
    }

  now = lia_clock_get_now (lia_store_get_clock (store));
  add_row (package->header, "reference", "#meta+ref", EVERYWHERE, ltr (reference));
  if (party != NULL)
    add_row (package->header, "party", "#org+recipient", EVERYWHERE, g_strdup_printf (FSI "%s" PDI, party));
  add_row (package->header, "issued", "#date+issued", EVERYWHERE, format_time (rules, now));
  add_row (package->header, "revision", "#meta+revision", EVERYWHERE,
           g_strdup_printf ("%" G_GINT64_FORMAT, lia_record_get_revision (notification)));
  add_row (package->header, "uuid", "#meta+id", EVERYWHERE, ltr (lia_record_get_uuid (notification)));
  add_row (package->header, "sensitivity", "#meta+sensitivity", EVERYWHERE,
           enum_label (LIA_TYPE_SENSITIVITY, lia_record_get_sensitivity (notification), package->lang));
  add_row (package->header, "time_zone", NULL, IN_PDF, ltr (lia_operation_rules_get_time_zone_id (rules)));

  return g_steal_pointer (&package);
}

/* Bidi controls are for the page; a spreadsheet or GIS shows them as
 * junk. */
static char *
strip_isolates (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x2066 || c > 0x2069)
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

static void
for_each_table_row (Package *package,
                    void   (*func) (const Row *row, const char *label, gpointer data),
                    gpointer data)
{
  GArray *parts[] = { package->rows, package->header };

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    for (guint i = 0; i < parts[p]->len; i++)
      {
        const Row *row = &g_array_index (parts[p], Row, i);

        if (row->where & IN_TABLES)
          func (row, lia_notify_field_get_label_in (row->key, package->lang), data);
      }
}

typedef struct
{
  GString *headings, *tags, *values;
} Csv;

static void
add_csv_column (const Row  *row,
                const char *label,
                gpointer    data)
{
  Csv *csv = data;
  g_autofree char *value = strip_isolates (row->value);

  lia_export_append_csv_field (csv->headings, label, FALSE);
  lia_export_append_csv_field (csv->tags, row->hxl, FALSE);
  lia_export_append_csv_field (csv->values, value, FALSE);
}

/* One row: a heading row in the package's language, the HXL hashtags,
 * then the values. */
static char *
write_csv (Package *package)
{
  Csv csv = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL) };

  for_each_table_row (package, add_csv_column, &csv);
  /* Swap each row's trailing comma for the line end. */
  g_string_truncate (csv.headings, csv.headings->len - 1);
  g_string_truncate (csv.tags, csv.tags->len - 1);
  g_string_truncate (csv.values, csv.values->len - 1);
  g_string_append_printf (csv.headings, "\r\n%s\r\n%s\r\n", csv.tags->str, csv.values->str);
  g_string_free (csv.tags, TRUE);
  g_string_free (csv.values, TRUE);

  return g_string_free (csv.headings, FALSE);
}

static void
add_property (const Row  *row,
              const char *label,
              gpointer    data)
{
  JsonBuilder *builder = data;
  g_autofree char *value = strip_isolates (row->value);
  /* A point's name and coordinates share keys in the rows: the GeoJSON
   * keys come from the HXL tag, which is unique. */
  g_autofree char *key = g_strdelimit (g_strdup (row->hxl + 1), "+", '_');

  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, value);
}

static char *
write_geojson (Package *package)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "FeatureCollection");
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, "Feature");
  json_builder_set_member_name (builder, "geometry");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "type");
  if (package->is_route)
    {
      json_builder_add_string_value (builder, "LineString");
      json_builder_set_member_name (builder, "coordinates");
      json_builder_begin_array (builder);
      for (guint i = 0; i < package->points->len; i++)
        {
          LiaNotifyPoint *point = &g_array_index (package->points, LiaNotifyPoint, i);

          lia_export_add_position (builder, point->lat, point->lon);
        }
      json_builder_end_array (builder);
    }
  else
    {
      LiaNotifyPoint *point = &g_array_index (package->points, LiaNotifyPoint, 0);

      json_builder_add_string_value (builder, "Point");
      json_builder_set_member_name (builder, "coordinates");
      lia_export_add_position (builder, point->lat, point->lon);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "properties");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "record_type");
  json_builder_add_string_value (builder, package->record_type);
  json_builder_set_member_name (builder, "lang");
  json_builder_add_string_value (builder, package->lang);
  for_each_table_row (package, add_property, builder);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* The PDF: pages of label–value rows after a header, a locator map and the
 * note on what notification does not do. */
typedef struct
{
  cairo_t      *cr;
  PangoContext *context;
  gboolean      rtl;
  double        left, width, top, bottom;
  double        y;
  int           page;
} Page;

static PangoLayout *
text_layout (Page        *page,
             const char  *text,
             double       size,
             PangoWeight  weight,
             double       width)
{
  return lia_guidance_pdf_create_text_layout (page->context, text, size, weight, width);
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Offsets count from the start edge: the right one in Arabic. */
static double
page_x (Page   *page,
        double  offset,
        double  width)
{
  return page->rtl ? page->left + page->width - offset - width : page->left + offset;
}

static void
draw_layout (Page        *page,
             PangoLayout *layout,
             double       x,
             double       y,
             double       grey)
{
  cairo_save (page->cr);
  cairo_set_source_rgb (page->cr, grey, grey, grey);
  cairo_move_to (page->cr, x, y);
  pango_cairo_show_layout (page->cr, layout);
  cairo_restore (page->cr);
}

static void
ensure_room (Page   *page,
             double  height)
{
  if (page->y + height <= page->bottom)
    return;

  cairo_show_page (page->cr);
  page->page++;
  page->y = page->top;
}

static void
draw_rows (Page       *page,
           GArray     *rows,
           const char *lang)
{
  double label_width = page->width * 0.32;
  double gap = 8.0;
  double value_width = page->width - label_width - gap;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      g_autofree char *text = NULL;
      double height;

      if (!(row->where & IN_PDF))
        continue;

      label = text_layout (page, lia_notify_field_get_label_in (row->key, lang), BODY_SIZE,
                           PANGO_WEIGHT_BOLD, label_width);
      /* A value keeps its own direction: “42 t of cereals” stays in that
       * order on an Arabic page, an Arabic name on a French one. */
      text = g_strconcat (FSI, *row->value != '\0' ? row->value : "—", PDI, NULL);
      value = text_layout (page, text, BODY_SIZE, PANGO_WEIGHT_NORMAL, value_width);
      height = MAX (layout_height (label), layout_height (value)) + 4.0;

      ensure_room (page, height);
      draw_layout (page, label, page_x (page, 0, label_width), page->y, 0.34);
      draw_layout (page, value, page_x (page, label_width + gap, value_width), page->y, 0.12);

      cairo_save (page->cr);
      cairo_set_source_rgb (page->cr, 0.8, 0.82, 0.84);
      cairo_set_line_width (page->cr, 0.4);
      cairo_move_to (page->cr, page->left, page->y + height - 1.5);
      cairo_line_to (page->cr, page->left + page->width, page->y + height - 1.5);
      cairo_stroke (page->cr);
      cairo_restore (page->cr);

      page->y += height;
    }
}

/* A grid step of 1, 2 or 5 times a power of ten, some 3–6 lines a side. */
static double
grid_step (double span)
{
  double magnitude = pow (10, floor (log10 (span / 4)));
  double steps[] = { 1, 2, 5, 10 };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (span / (steps[i] * magnitude) <= 6)
      return steps[i] * magnitude;

  return 10 * magnitude;
}

/* A locator, not a map: the points and the route on a latitude/longitude
 * grid, north up, with the grid labelled in degrees. */
static void
draw_map (Page    *page,
          Package *package)
{
  cairo_t *cr = page->cr;
  g_autoptr(PangoLayout) heading = text_layout (page, lia_notify_field_get_label_in (package->is_route ? "route" : "map", package->lang),
                                                BODY_SIZE, PANGO_WEIGHT_BOLD, page->width);
  double min_lat = 90, max_lat = -90, min_lon = 180, max_lon = -180;
  double x0, y0, w, h, mid_lat, kx, scale, lat_span, lon_span, step;

  ensure_room (page, layout_height (heading) + MAP_HEIGHT + 8);
  page->y += 6;
  draw_layout (page, heading, page_x (page, 0, page->width), page->y, 0.12);
  page->y += layout_height (heading) + 4;

  for (guint i = 0; i < package->points->len; i++)
    {
      LiaNotifyPoint *point = &g_array_index (package->points, LiaNotifyPoint, i);

      if (isnan (point->lat))
        continue;
      min_lat = MIN (min_lat, point->lat);
      max_lat = MAX (max_lat, point->lat);
      min_lon = MIN (min_lon, point->lon);
      max_lon = MAX (max_lon, point->lon);
    }
  if (min_lat > max_lat)
    return;

  x0 = page->left;
  y0 = page->y;
  w = page->width;
  h = MAP_HEIGHT;
  mid_lat = (min_lat + max_lat) / 2;
  kx = cos (mid_lat * G_PI / 180);

  /* Pad the extent, and never zoom closer than some 5 km a side. */
  lat_span = MAX ((max_lat - min_lat) * 1.4, 0.05);
  lon_span = MAX ((max_lon - min_lon) * 1.4, 0.05 / MAX (kx, 0.1));
  scale = MIN (w / (lon_span * kx), h / lat_span);
  lat_span = h / scale;
  lon_span = w / (scale * kx);
  min_lat = mid_lat - lat_span / 2;
  min_lon = (min_lon + max_lon) / 2 - lon_span / 2;

#define MAP_X(lon) (x0 + ((lon) - min_lon) * scale * kx)
#define MAP_Y(lat) (y0 + h - ((lat) - min_lat) * scale)

  cairo_save (cr);
  cairo_rectangle (cr, x0, y0, w, h);
  cairo_set_source_rgb (cr, 0.96, 0.97, 0.98);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 0.55, 0.58, 0.62);
  cairo_set_line_width (cr, 0.8);
  cairo_stroke_preserve (cr);
  cairo_clip (cr);

  step = grid_step (MIN (lat_span, lon_span));
  cairo_set_line_width (cr, 0.3);
  for (double lat = ceil (min_lat / step) * step; lat < min_lat + lat_span; lat += step)
    {
      g_autofree char *label = g_strdup_printf ("%.*f°", step < 0.1 ? 2 : 1, lat);
      g_autoptr(PangoLayout) layout = text_layout (page, label, SMALL_SIZE - 1, PANGO_WEIGHT_NORMAL, -1);

      cairo_set_source_rgb (cr, 0.8, 0.82, 0.85);
      cairo_move_to (cr, x0, MAP_Y (lat));
      cairo_line_to (cr, x0 + w, MAP_Y (lat));
      cairo_stroke (cr);
      draw_layout (page, layout, x0 + 2, MAP_Y (lat) - layout_height (layout), 0.45);
    }
  for (double lon = ceil (min_lon / step) * step; lon < min_lon + lon_span; lon += step)
    {
      g_autofree char *label = g_strdup_printf ("%.*f°", step < 0.1 ? 2 : 1, lon);
      g_autoptr(PangoLayout) layout = text_layout (page, label, SMALL_SIZE - 1, PANGO_WEIGHT_NORMAL, -1);

      cairo_set_source_rgb (cr, 0.8, 0.82, 0.85);
      cairo_move_to (cr, MAP_X (lon), y0);
      cairo_line_to (cr, MAP_X (lon), y0 + h);
      cairo_stroke (cr);
      draw_layout (page, layout, MAP_X (lon) + 2, y0 + h - layout_height (layout) - 1, 0.45);
    }

  /* Text leaves a current point behind; the route starts afresh. */
  cairo_new_path (cr);
  if (package->is_route && package->points->len > 1)
    {
      cairo_set_source_rgb (cr, 0.11, 0.31, 0.57);
      cairo_set_line_width (cr, 2.0);
      for (guint i = 0; i < package->points->len; i++)
        {
          LiaNotifyPoint *point = &g_array_index (package->points, LiaNotifyPoint, i);

          cairo_line_to (cr, MAP_X (point->lon), MAP_Y (point->lat));
        }
      cairo_stroke (cr);
    }

  for (guint i = 0; i < package->points->len; i++)
    {
      LiaNotifyPoint *point = &g_array_index (package->points, LiaNotifyPoint, i);
      double x = MAP_X (point->lon), y = MAP_Y (point->lat);

      cairo_new_path (cr);
      cairo_arc (cr, x, y, 4.0, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 0.64, 0.15, 0.11);
      cairo_fill_preserve (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      if (point->name != NULL)
        {
          g_autoptr(PangoLayout) layout = text_layout (page, point->name, SMALL_SIZE, PANGO_WEIGHT_BOLD, -1);

          draw_layout (page, layout, x + 6, y - layout_height (layout) / 2, 0.12);
        }
    }
  cairo_restore (cr);

#undef MAP_X
#undef MAP_Y

  page->y += h + 8;
}

static gboolean
write_pdf (Package     *package,
           GByteArray  *pdf,
           GError     **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *heading = NULL;
  g_autoptr(PangoLayout) title = NULL;
  g_autoptr(PangoLayout) subtitle = NULL;
  g_autoptr(PangoLayout) disclaimer = NULL;
  g_autofree char *title_key = g_strconcat ("title.", package->record_type, NULL);
  Page page = { 0 };

  surface = lia_export_pdf_surface_new (pdf, LIA_A4_WIDTH, LIA_A4_HEIGHT);
  heading = g_strdup_printf ("%s — %s", lia_notify_field_get_label_in (title_key, package->lang), package->title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, heading);

  page.cr = cairo_create (surface);
  page.context = lia_guidance_pdf_create_context (page.cr, package->lang);
  page.rtl = lia_notify_lang_is_rtl (package->lang);
  page.left = MARGIN;
  page.width = LIA_A4_WIDTH - 2 * MARGIN;
  page.top = MARGIN;
  page.bottom = LIA_A4_HEIGHT - MARGIN;
  page.y = page.top;
  page.page = 1;

  title = text_layout (&page, lia_notify_field_get_label_in (title_key, package->lang), TITLE_SIZE,
                       PANGO_WEIGHT_BOLD, page.width);
  draw_layout (&page, title, page.left, page.y, 0.12);
  page.y += layout_height (title) + 2;
  subtitle = text_layout (&page, package->title, TITLE_SIZE - 3, PANGO_WEIGHT_NORMAL, page.width);
  draw_layout (&page, subtitle, page.left, page.y, 0.12);
  page.y += layout_height (subtitle) + 8;

  draw_rows (&page, package->header, package->lang);
  page.y += 8;
  draw_rows (&page, package->rows, package->lang);
  draw_map (&page, package);

  disclaimer = text_layout (&page, lia_notify_field_get_label_in ("disclaimer", package->lang), SMALL_SIZE,
                            PANGO_WEIGHT_NORMAL, page.width);
  ensure_room (&page, layout_height (disclaimer));
  draw_layout (&page, disclaimer, page.left, page.y, 0.34);

  cairo_show_page (page.cr);
  status = cairo_status (page.cr);
  g_clear_object (&page.context);
  g_clear_pointer (&page.cr, cairo_destroy);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED, _("Could not make the PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}

gboolean
lia_notification_export_format_from_string (const char                  *str,
                                            LiaNotificationExportFormat *format)
{
  static const char * const names[] = { "pdf", "csv", "geojson" };

  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      if (g_strcmp0 (str, names[i]) == 0)
        {
          *format = (LiaNotificationExportFormat) i;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
write_package (Package                      *package,
               LiaNotificationExportFormat   format,
               const char                   *path,
               GError                      **error)
{
  g_autofree char *text = NULL;

  if (format == LIA_NOTIFICATION_EXPORT_PDF)
    {
      g_autoptr(GByteArray) pdf = g_byte_array_new ();

      return write_pdf (package, pdf, error) &&
             lia_export_save (path, pdf->data, pdf->len, error);
    }

  text = format == LIA_NOTIFICATION_EXPORT_CSV ? write_csv (package) : write_geojson (package);
  return lia_export_save (path, text, strlen (text), error);
}

/* A strictly confidential notification leaves only on the officer's
 * confirmation: the caller asks, then says so here. */
static gboolean
may_leave (LiaRecord  *notification,
           gboolean    include_strictly_confidential,
           GError    **error)
{
  if (include_strictly_confidential ||
      lia_record_get_sensitivity (notification) < LIA_SENSITIVITY_STRICTLY_CONFIDENTIAL)
    return TRUE;

  g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                       _("This notification is strictly confidential, so it was not exported. "
                         "Export it only after confirming that it may leave this device."));
  return FALSE;
}

gboolean
lia_notification_export (LiaStore                     *store,
                         LiaRecord                    *notification,
                         const char                   *party_uuid,
                         const char                   *lang,
                         LiaNotificationExportFormat   format,
                         gboolean                      include_strictly_confidential,
                         const char                   *path,
                         GError                      **error)
{
  g_autoptr(Package) package = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), FALSE);
  g_return_val_if_fail (LIA_IS_RECORD (notification), FALSE);
  g_return_val_if_fail (format <= LIA_NOTIFICATION_EXPORT_GEOJSON, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!may_leave (notification, include_strictly_confidential, error))
    return FALSE;

  package = gather (store, notification, party_uuid, lang, error);
  if (package == NULL)
    return FALSE;

  return write_package (package, format, path, error);
}

char *
lia_notification_export_to_string (LiaStore                    *store,
                                   LiaRecord                   *notification,
                                   const char                  *party_uuid,
                                   const char                  *lang,
                                   LiaNotificationExportFormat  format,
                                   gboolean                     include_strictly_confidential,
                                   GError                     **error)
{
  g_autoptr(Package) package = NULL;

  g_return_val_if_fail (LIA_IS_STORE (store), NULL);
  g_return_val_if_fail (LIA_IS_RECORD (notification), NULL);
  g_return_val_if_fail (format == LIA_NOTIFICATION_EXPORT_CSV || format == LIA_NOTIFICATION_EXPORT_GEOJSON, NULL);

  if (!may_leave (notification, include_strictly_confidential, error))
    return NULL;

  package = gather (store, notification, party_uuid, lang, error);
  if (package == NULL)
    return NULL;

  return format == LIA_NOTIFICATION_EXPORT_CSV ? write_csv (package) : write_geojson (package);
}

typedef struct
{
  Package                     *package;
  LiaNotificationExportFormat  format;
  char                        *path;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->package, package_free);
  g_free (data->path);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  GError *error = NULL;

  if (write_package (data->package, data->format, data->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* The store is read here, on the caller's thread; only the writing runs
 * in a worker. */
void
lia_notification_export_async (LiaStore                    *store,
                               LiaRecord                   *notification,
                               const char                  *party_uuid,
                               const char                  *lang,
                               LiaNotificationExportFormat  format,
                               gboolean                     include_strictly_confidential,
                               const char                  *path,
                               GCancellable                *cancellable,
                               GAsyncReadyCallback          callback,
                               gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ExportData *data;

  g_return_if_fail (LIA_IS_STORE (store));
  g_return_if_fail (LIA_IS_RECORD (notification));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, lia_notification_export_async);

  data = g_new0 (ExportData, 1);
  data->format = format;
  data->path = g_strdup (path);
  if (may_leave (notification, include_strictly_confidential, &error))
    data->package = gather (store, notification, party_uuid, lang, &error);
  g_task_set_task_data (task, data, (GDestroyNotify) export_data_free);

  if (data->package == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_run_in_thread (task, export_thread);
}

gboolean
lia_notification_export_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == lia_notification_export_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
