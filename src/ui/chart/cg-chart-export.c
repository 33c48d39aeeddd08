/* cg-chart-export.c: a chart as a PNG image or an SVG drawing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports draw through the same function as the screen, title included,
 * on the background of a view, at the height the chart needs.
 */
#define G_LOG_DOMAIN "cg-chart"

#include "config.h"

#include <math.h>

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "cg-chart-private.h"

/* The height an export @width wide needs to show everything, title included. */
int
cg_chart_get_export_height (CgChart *self,
                            int      width)
{
  PangoContext *pango;
  double height;

  g_return_val_if_fail (CG_IS_CHART (self), 0);

  pango = gtk_widget_create_pango_context (GTK_WIDGET (self));
  height = _cg_chart_content_height (self, pango, width, EXPORT_PAD, TRUE);
  g_object_unref (pango);
  /* plots on axes get room to show their shape */
  if (self->kind != CG_CHART_BARS && !cg_chart_is_empty (self))
    height = MAX (height, width * 0.55);
  return (int) ceil (height);
}

static void
render (CgChart *self,
        cairo_t *cr,
        int      width,
        int      height)
{
  PangoContext *pango = gtk_widget_create_pango_context (GTK_WIDGET (self));
  Draw d = { 0 };

  pango_cairo_update_context (cr, pango);
  d.self = self;
  d.cr = cr;
  d.pango = pango;
  d.width = width;
  d.height = height;
  d.pad = EXPORT_PAD;
  d.with_title = TRUE;
  d.hot = -1;
  _cg_chart_get_palette (self, TRUE, &d.palette);
  _cg_chart_draw_chart (&d);
  g_object_unref (pango);
}

static void
export_size (CgChart *self,
             int     *width,
             int     *height)
{
  if (*width <= 0)
    *width = 720;
  if (*height <= 0)
    *height = cg_chart_get_export_height (self, *width);
}

/* Draws the chart, title included, on its background in an image surface
 * of @width × @height pixels, as the exports do. A size of 0 or less is
 * chosen: 720 wide, and as high as the chart needs. */
cairo_surface_t *
cg_chart_render_to_surface (CgChart *self,
                            int      width,
                            int      height)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  export_size (self, &width, &height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  render (self, cr, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
save_bytes (GByteArray      *bytes,
            cairo_status_t   status,
            const char      *path,
            GError         **error)
{
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, CG_CHART_ERROR, CG_CHART_ERROR_EXPORT,
                   _("Could not draw the chart: %s"), cairo_status_to_string (status));
      return FALSE;
    }
  return g_file_set_contents_full (path, (const char *) bytes->data, bytes->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

/* Writes the chart as a PNG image of @width × @height pixels (see
 * cg_chart_render_to_surface() for sizes of 0). */
gboolean
cg_chart_export_png (CgChart     *self,
                     const char  *path,
                     int          width,
                     int          height,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;

  g_return_val_if_fail (CG_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  surface = cg_chart_render_to_surface (self, width, height);
  status = cairo_surface_status (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_cb, bytes);
  cairo_surface_destroy (surface);
  return save_bytes (bytes, status, path, error);
}

/* Writes the chart as an SVG drawing, @width × @height pixels large. */
gboolean
cg_chart_export_svg (CgChart     *self,
                     const char  *path,
                     int          width,
                     int          height,
                     GError     **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (CG_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  export_size (self, &width, &height);
  surface = cairo_svg_surface_create_for_stream (write_cb, bytes, width, height);
  cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PX);
  cr = cairo_create (surface);
  render (self, cr, width, height);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return save_bytes (bytes, status, path, error);
}
