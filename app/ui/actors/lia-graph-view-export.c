/* lia-graph-view-export.c — the graph view as a PNG or SVG file
 *
 * Both draw the whole graph, filters applied, with the very routine that
 * draws the screen, at the natural zoom.  cairo turns the names into glyph
 * outlines in SVG, shaped as on screen whatever reads the file; an
 * invisible text layer keeps them searchable and readable aloud.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "lia-graph-view-private.h"

#define MARGIN        24.0
#define MAX_PNG_SIDE  8192.0

static gboolean export_png (LiaGraphView *self, GFile *file, GError **error);
static gboolean export_svg (LiaGraphView *self, GFile *file, GError **error);

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The transform that puts the whole scene in a @width × @height picture. */
static gboolean
export_transform (LiaGraphView          *self,
                  double                 max_side,
                  LiaGraphViewTransform *transform,
                  int                   *width,
                  int                   *height,
                  GError               **error)
{
  cairo_rectangle_t extents;
  double scale = LIA_GRAPH_VIEW_BASE_SCALE;

  for (int attempt = 0; attempt < 3; attempt++)
    {
      double side;

      if (!lia_graph_view_get_scene_extents (self, scale, TRUE, &extents))
        {
          g_set_error_literal (error, LIA_ERROR, LIA_ERROR_INVALID,
                               _("There is nothing to export: no actor is shown. "
                                 "Change the filters or the date, then try again."));
          return FALSE;
        }

      side = MAX (extents.width, extents.height) + 2 * MARGIN;
      if (side <= max_side)
        break;
      /* Labels keep their size: shrink a little more than the ratio. */
      scale *= max_side / side * 0.95;
    }

  transform->scale = scale;
  transform->origin_x = MARGIN - extents.x;
  transform->origin_y = MARGIN - extents.y;
  transform->labels = TRUE;
  transform->layer = LIA_GRAPH_VIEW_LAYER_ALL;
  *width = (int) ceil (extents.width + 2 * MARGIN);
  *height = (int) ceil (extents.height + 2 * MARGIN);
  return TRUE;
}

static void
draw_export (LiaGraphView                *self,
             cairo_surface_t             *surface,
             const LiaGraphViewTransform *transform)
{
  cairo_t *cr = cairo_create (surface);
  GdkRGBA background;

  lia_graph_view_get_background (self, &background);
  gdk_cairo_set_source_rgba (cr, &background);
  cairo_paint (cr);
  lia_graph_view_draw_scene (self, cr, transform, NULL);
  cairo_destroy (cr);
}

static gboolean
check_surface (cairo_surface_t  *surface,
               GError          **error)
{
  cairo_status_t status = cairo_surface_status (surface);

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, LIA_ERROR, LIA_ERROR_FAILED,
               /* Translators: the argument says what went wrong, in cairo's words */
               _("Could not draw the graph for export (%s). Try hiding some actors."),
               cairo_status_to_string (status));
  return FALSE;
}

static gboolean
write_bytes (GFile       *file,
             GByteArray  *bytes,
             GError     **error)
{
  return g_file_replace_contents (file, (const char *) bytes->data, bytes->len, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

gboolean
lia_graph_view_export_png (LiaGraphView  *self,
                           GFile         *file,
                           gboolean       include_strictly_confidential,
                           GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);

  /* Names of strictly confidential actors stay out of the picture, and
   * out of the SVG's text layer and description, unless confirmed. */
  lia_graph_view_set_strictly_confidential_hidden (self, !include_strictly_confidential);
  ok = export_png (self, file, error);
  lia_graph_view_set_strictly_confidential_hidden (self, FALSE);

  return ok;
}

static gboolean
export_png (LiaGraphView  *self,
           GFile         *file,
           GError       **error)
{
  LiaGraphViewTransform transform;
  cairo_surface_t *surface;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  int width, height;
  gboolean ok;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!export_transform (self, MAX_PNG_SIDE, &transform, &width, &height, error))
    return FALSE;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  ok = check_surface (surface, error);
  if (ok)
    {
      draw_export (self, surface, &transform);
      ok = check_surface (surface, error);
    }
  if (ok && cairo_surface_write_to_png_stream (surface, append_bytes, bytes) != CAIRO_STATUS_SUCCESS)
    ok = check_surface (surface, error);
  cairo_surface_destroy (surface);

  return ok && write_bytes (file, bytes, error);
}

static void
add_text (const char *name,
          double      x,
          double      y,
          double      radius,
          gpointer    user_data)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);

  g_string_append_printf (user_data, "<text x=\"%.1f\" y=\"%.1f\">%s</text>\n",
                          x, y + radius + 15, escaped);
}

gboolean
lia_graph_view_export_svg (LiaGraphView  *self,
                           GFile         *file,
                           gboolean       include_strictly_confidential,
                           GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);

  /* Names of strictly confidential actors stay out of the picture, and
   * out of the SVG's text layer and description, unless confirmed. */
  lia_graph_view_set_strictly_confidential_hidden (self, !include_strictly_confidential);
  ok = export_svg (self, file, error);
  lia_graph_view_set_strictly_confidential_hidden (self, FALSE);

  return ok;
}

static gboolean
export_svg (LiaGraphView  *self,
           GFile         *file,
           GError       **error)
{
  LiaGraphViewTransform transform;
  cairo_surface_t *surface;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GString) svg = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *head = NULL;
  const char *open_end, *close;
  int width, height;
  gboolean ok;

  g_return_val_if_fail (LIA_IS_GRAPH_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!export_transform (self, G_MAXDOUBLE, &transform, &width, &height, error))
    return FALSE;

  surface = cairo_svg_surface_create_for_stream (append_bytes, bytes, width, height);
  ok = check_surface (surface, error);
  if (ok)
    {
      draw_export (self, surface, &transform);
      cairo_surface_finish (surface);
      ok = check_surface (surface, error);
    }
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  g_byte_array_append (bytes, (const guint8 *) "", 1);
  svg = g_string_new ((const char *) bytes->data);
  open_end = strstr (svg->str, "<svg");
  open_end = open_end != NULL ? strchr (open_end, '>') : NULL;
  close = g_strrstr (svg->str, "</svg>");
  if (open_end == NULL || close == NULL)
    {
      g_set_error_literal (error, LIA_ERROR, LIA_ERROR_FAILED,
                           _("Could not write the graph as SVG. Try PNG instead."));
      return FALSE;
    }

  /* The names, in order of the picture, as transparent text over it */
  g_string_append (text, "<g fill-opacity=\"0\" font-family=\"sans-serif\" font-size=\"12\" "
                         "text-anchor=\"middle\">\n");
  lia_graph_view_foreach_label (self, &transform, add_text, text);
  g_string_append (text, "</g>\n");
  g_string_insert (svg, close - svg->str, text->str);

  title = g_markup_escape_text (_("Stakeholder network"), -1);
  summary = lia_graph_view_dup_description (self);
  description = g_markup_escape_text (summary, -1);
  head = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>\n", title, description);
  g_string_insert (svg, open_end - svg->str + 1, head);

  g_byte_array_set_size (bytes, 0);
  g_byte_array_append (bytes, (const guint8 *) svg->str, svg->len);
  return write_bytes (file, bytes, error);
}
