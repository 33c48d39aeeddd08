/* cg-chart-draw.c: drawing a chart of each kind
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * _cg_chart_draw_chart() draws the title, the series legend and the
 * plot of the chart's kind (horizontal bars, a histogram with its
 * markers, or columns) into a cairo_t, for the screen, the exports and
 * the tests alike, and records where each item was drawn for the
 * pointer; _cg_chart_content_height() says how tall that comes out.
 */
#define G_LOG_DOMAIN "cg-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "cg-chart-private.h"

/* GNOME's palette: blue, orange, green, purple, yellow, red, brown, dark
 * blue; lighter shades on dark backgrounds. Blue and orange, the first
 * two series, stay apart for colour-blind readers. */
static const char *light_colors[N_COLORS] = {
  "#3584e4", "#ff7800", "#2ec27e", "#9141ac", "#e5a50a", "#e01b24", "#986a44", "#1a5fb4",
};
static const char *dark_colors[N_COLORS] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f6d32d", "#f66151", "#cdab8f", "#99c1f1",
};

/* A legend of series is needed when there is more than one series to
 * tell apart. */
static gboolean
wants_series_legend (CgChart *self)
{
  return _cg_chart_n_series (self) > 1 && _cg_chart_series_named (self);
}

static gboolean
markers_drawable (CgChart *self)
{
  return self->kind == CG_CHART_HISTOGRAM && self->has_markers && self->has_range &&
         self->upper > self->lower;
}

/* The colour of an item: by series. */
const GdkRGBA *
_cg_chart_item_color (CgChart       *self,
            const Palette *palette,
            guint          s,
            guint          c)
{
  return &palette->colors[s % N_COLORS];
}

void
_cg_chart_get_palette (CgChart  *self,
             gboolean  fill,
             Palette  *palette)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self));
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  const char **colors = dark ? dark_colors : light_colors;

  /* On screen, the text colour of wherever the chart is; in an export, or
   * before the chart is in a window (where its style is not yet
   * inherited), the colours of a view, its background filled in. */
  if (!fill && gtk_widget_get_root (GTK_WIDGET (self)) != NULL)
    {
#if GTK_CHECK_VERSION (4, 10, 0)
      gtk_widget_get_color (GTK_WIDGET (self), &palette->fg);
#else
      gtk_style_context_get_color (context, &palette->fg);
#endif
    }
  else if (!gtk_style_context_lookup_color (context, "view_fg_color", &palette->fg))
    gdk_rgba_parse (&palette->fg, dark ? "#ffffff" : "rgba(0,0,0,0.8)");
  if (!gtk_style_context_lookup_color (context, "view_bg_color", &palette->bg))
    gdk_rgba_parse (&palette->bg, dark ? "#1e1e1e" : "#ffffff");
  palette->bg.alpha = 1;
  for (guint i = 0; i < N_COLORS; i++)
    gdk_rgba_parse (&palette->colors[i], colors[i]);
  palette->fill = fill;
}

/* Text */

static PangoLayout *
new_layout (PangoContext *pango,
            const char   *text,
            TextStyle     style)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  switch (style)
    {
    case TEXT_SMALL:
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      break;
    case TEXT_BOLD:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      break;
    case TEXT_TITLE:
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (1.1));
      break;
    case TEXT_NORMAL:
    default:
      break;
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  if (width != NULL)
    *width = logical.width / (double) PANGO_SCALE;
  if (height != NULL)
    *height = logical.height / (double) PANGO_SCALE;
}

static void
layout_limit (PangoLayout *layout,
              double       max_width)
{
  pango_layout_set_width (layout, (int) (MAX (max_width, 1) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
}

static double
text_width (PangoContext *pango,
            const char   *text,
            TextStyle     style)
{
  g_autoptr(PangoLayout) layout = new_layout (pango, text, style);
  double width;

  layout_size (layout, &width, NULL);
  return width;
}

static double
text_height (PangoContext *pango,
             TextStyle     style)
{
  g_autoptr(PangoLayout) layout = new_layout (pango, "Ag", style);
  double height;

  layout_size (layout, NULL, &height);
  return height;
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Shows @layout with the point (@xalign, @yalign) of its box at (@x, @y). */
static void
show_layout (Draw          *d,
             PangoLayout   *layout,
             double         x,
             double         y,
             double         xalign,
             double         yalign,
             const GdkRGBA *color,
             double         alpha)
{
  double width, height;

  layout_size (layout, &width, &height);
  if (pango_layout_get_width (layout) > 0 &&
      pango_layout_get_alignment (layout) == PANGO_ALIGN_LEFT)
    width = MIN (width, pango_layout_get_width (layout) / (double) PANGO_SCALE);
  cairo_move_to (d->cr, round (x - width * xalign), round (y - height * yalign));
  set_color (d->cr, color, alpha);
  pango_cairo_show_layout (d->cr, layout);
}

static void
show_text (Draw          *d,
           const char    *text,
           TextStyle      style,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const GdkRGBA *color,
           double         alpha)
{
  g_autoptr(PangoLayout) layout = new_layout (d->pango, text, style);

  show_layout (d, layout, x, y, xalign, yalign, color, alpha);
}

/* Shapes */

enum {
  ROUND_LEFT   = 1 << 0,
  ROUND_RIGHT  = 1 << 1,
  ROUND_TOP    = 1 << 2,
  ROUND_BOTTOM = 1 << 3,
  ROUND_ALL    = ROUND_LEFT | ROUND_RIGHT | ROUND_TOP | ROUND_BOTTOM,
};

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r,
              guint    corners)
{
  double tl, tr, br, bl;

  r = MIN (r, MIN (w, h) / 2);
  tl = (corners & ROUND_LEFT) && (corners & ROUND_TOP) ? r : 0;
  tr = (corners & ROUND_RIGHT) && (corners & ROUND_TOP) ? r : 0;
  br = (corners & ROUND_RIGHT) && (corners & ROUND_BOTTOM) ? r : 0;
  bl = (corners & ROUND_LEFT) && (corners & ROUND_BOTTOM) ? r : 0;

  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - tr, y + tr, tr, -G_PI / 2, 0);
  cairo_arc (cr, x + w - br, y + h - br, br, 0, G_PI / 2);
  cairo_arc (cr, x + bl, y + h - bl, bl, G_PI / 2, G_PI);
  cairo_arc (cr, x + tl, y + tl, tl, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
swatch (Draw          *d,
        double         x,
        double         y,
        const GdkRGBA *color,
        double         alpha)
{
  rounded_rect (d->cr, x, y - 5, 10, 10, 3, ROUND_ALL);
  set_color (d->cr, color, alpha);
  cairo_fill (d->cr);
}

static double
item_alpha (Draw *d,
            int   item)
{
  return d->hot >= 0 && d->hot != item ? FADE_ALPHA : 1.0;
}

static void
add_hit_rect (Draw                  *d,
              int                    item,
              double                 x,
              double                 y,
              double                 w,
              double                 h,
              const graphene_rect_t *anchor)
{
  Hit hit = { 0 };

  if (d->hits == NULL)
    return;
  hit.item = item;
  graphene_rect_init (&hit.rect, x, y, w, h);
  hit.anchor = anchor != NULL ? *anchor : hit.rect;
  g_array_append_val (d->hits, hit);
}

/* Legends */

/* Lays out the series legend in rows within @width; draws it when @d has
 * a cairo context. Returns its height. */
static double
series_legend (Draw   *d,
               double  x,
               double  y,
               double  width)
{
  CgChart *self = d->self;
  double line = text_height (d->pango, TEXT_SMALL);
  double cx = x, cy = y;

  for (guint s = 0; s < _cg_chart_n_series (self); s++)
    {
      double w = 16 + text_width (d->pango, _cg_chart_series_name (self, s), TEXT_SMALL);

      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += line + 4;
        }
      if (d->cr != NULL)
        {
          swatch (d, cx, cy + line / 2, &d->palette.colors[s % N_COLORS], 1.0);
          show_text (d, _cg_chart_series_name (self, s), TEXT_SMALL, cx + 16, cy, 0, 0, &d->palette.fg, 0.8);
        }
      cx += w + 18;
    }
  return cy - y + line;
}

/* The median and quartiles of a histogram, explained under it. */
static double
markers_legend (Draw   *d,
                double  x,
                double  y,
                double  width)
{
  CgChart *self = d->self;
  g_autofree char *median = _cg_chart_format_range (self, self->median);
  g_autofree char *q1 = _cg_chart_format_range (self, self->q1);
  g_autofree char *q3 = _cg_chart_format_range (self, self->q3);
  /* Translators: the median of a distribution, e.g. "Median $95K" */
  g_autofree char *median_text = g_strdup_printf (_("Median %s"), median);
  /* Translators: the interquartile range, e.g. "Middle 50%: $80K – $120K" */
  g_autofree char *middle_text = g_strdup_printf (_("Middle 50%%: %s – %s"), q1, q3);
  double line = text_height (d->pango, TEXT_SMALL);
  double w1 = 22 + text_width (d->pango, median_text, TEXT_SMALL);
  double w2 = 22 + text_width (d->pango, middle_text, TEXT_SMALL);
  double x2 = x + w1 + 18, y2 = y;
  static const double dash[] = { 3, 3 };

  if (x2 + w2 > x + width)
    {
      x2 = x;
      y2 = y + line + 4;
    }
  if (d->cr == NULL)
    return y2 - y + line;

  cairo_save (d->cr);
  cairo_set_line_width (d->cr, 2);
  set_color (d->cr, &d->palette.fg, 0.85);
  cairo_move_to (d->cr, x, y + line / 2);
  cairo_line_to (d->cr, x + 16, y + line / 2);
  cairo_stroke (d->cr);
  show_text (d, median_text, TEXT_SMALL, x + 22, y, 0, 0, &d->palette.fg, 0.8);

  set_color (d->cr, &d->palette.fg, 0.08);
  cairo_rectangle (d->cr, x2, y2 + line / 2 - 6, 16, 12);
  cairo_fill (d->cr);
  cairo_set_line_width (d->cr, 1);
  cairo_set_dash (d->cr, dash, G_N_ELEMENTS (dash), 0);
  set_color (d->cr, &d->palette.fg, 0.55);
  cairo_move_to (d->cr, x2 + 0.5, y2 + line / 2 - 6);
  cairo_line_to (d->cr, x2 + 0.5, y2 + line / 2 + 6);
  cairo_move_to (d->cr, x2 + 15.5, y2 + line / 2 - 6);
  cairo_line_to (d->cr, x2 + 15.5, y2 + line / 2 + 6);
  cairo_stroke (d->cr);
  cairo_restore (d->cr);
  show_text (d, middle_text, TEXT_SMALL, x2 + 22, y2, 0, 0, &d->palette.fg, 0.8);

  return y2 - y + line;
}

/* Horizontal bars */

typedef struct
{
  double thick;
  double gap;
  double pitch;
} BarMetrics;

static void
bar_metrics (CgChart      *self,
             PangoContext *pango,
             BarMetrics   *m)
{
  guint ns = MAX (_cg_chart_n_series (self), 1);
  double line = text_height (pango, ns > 1 ? TEXT_SMALL : TEXT_NORMAL);

  m->thick = ns > 1 ? MAX (12, line - 2) : MAX (18, line);
  m->gap = 3;
  m->pitch = ns * m->thick + (ns - 1) * m->gap + (ns > 1 ? 14 : 10);
}

static void
draw_bars (Draw *d,
           Box   area)
{
  CgChart *self = d->self;
  guint nc = _cg_chart_n_categories (self), ns = _cg_chart_n_series (self);
  double label_w = 0, value_w = 0, max = _cg_chart_max_value (self);
  double x0, x1, group_h, scale = 1;
  BarMetrics m;

  bar_metrics (self, d->pango, &m);
  if (m.pitch * nc > area.h && nc > 0)
    scale = MAX (area.h / (m.pitch * nc), 0.2);
  m.thick *= scale;
  m.gap *= scale;
  m.pitch *= scale;
  group_h = ns * m.thick + (ns - 1) * m.gap;

  for (guint c = 0; c < nc; c++)
    {
      label_w = MAX (label_w, text_width (d->pango, _cg_chart_get_category (self, c)->label, TEXT_NORMAL));
      for (guint s = 0; s < ns; s++)
        if (_cg_chart_has_value (self, s, c))
          {
            g_autofree char *text = _cg_chart_format_short (self, _cg_chart_get_value (self, s, c));
            value_w = MAX (value_w, text_width (d->pango, text, ns > 1 ? TEXT_SMALL : TEXT_NORMAL));
          }
    }
  label_w = MIN (label_w, area.w * 0.38);
  x0 = area.x + label_w + 12;
  x1 = MAX (area.x + area.w - value_w - 8, x0 + 1);

  /* the baseline */
  set_color (d->cr, &d->palette.fg, 0.18);
  cairo_rectangle (d->cr, x0 - 1, area.y + (m.pitch - group_h) / 2,
                   1, nc * m.pitch - (m.pitch - group_h));
  cairo_fill (d->cr);

  for (guint c = 0; c < nc; c++)
    {
      double row_y = area.y + c * m.pitch + (m.pitch - group_h) / 2;
      const char *name = _cg_chart_get_category (self, c)->label;
      g_autoptr(PangoLayout) label = new_layout (d->pango, name, TEXT_NORMAL);
      gboolean row_hot = FALSE;

      for (guint s = 0; s < ns; s++)
        row_hot |= d->hot == _cg_chart_item_index (self, s, c);
      layout_limit (label, label_w);
      show_layout (d, label, area.x, row_y + group_h / 2, 0, 0.5, &d->palette.fg,
                   d->hot < 0 || row_hot ? 1.0 : 0.6);

      for (guint s = 0; s < ns; s++)
        {
          int item = _cg_chart_item_index (self, s, c);
          double y = row_y + s * (m.thick + m.gap);
          double v = _cg_chart_get_value (self, s, c), w;
          g_autofree char *text = NULL;
          graphene_rect_t bar;

          if (!isfinite (v))
            continue;
          w = max > 0 ? (x1 - x0) * MAX (v, 0) / max : 0;
          if (v > 0)
            w = MAX (w, 2);
          rounded_rect (d->cr, x0, y, w, m.thick, 4, ROUND_RIGHT | ROUND_TOP | ROUND_BOTTOM);
          set_color (d->cr, _cg_chart_item_color (self, &d->palette, s, c), item_alpha (d, item));
          cairo_fill (d->cr);

          text = _cg_chart_format_short (self, v);
          show_text (d, text, ns > 1 ? TEXT_SMALL : TEXT_NORMAL,
                     x0 + w + 6, y + m.thick / 2, 0, 0.5,
                     &d->palette.fg, d->hot == item ? 1.0 : 0.7);

          graphene_rect_init (&bar, x0, y, MAX (w, 1), m.thick);
          add_hit_rect (d, item, area.x, ns > 1 ? y - m.gap / 2 : row_y - (m.pitch - group_h) / 2,
                        area.w, ns > 1 ? m.thick + m.gap : m.pitch, &bar);
        }
    }
}

/* Vertical axes: histogram and columns */

static double
nice_step (double   max,
           int      n_ticks,
           gboolean integral)
{
  double raw = max / n_ticks, magnitude, f;

  if (!(raw > 0))
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  f = raw / magnitude;
  if (f <= 1)
    f = 1;
  else if (f <= 2)
    f = 2;
  else if (f <= 2.5)
    f = 2.5;
  else if (f <= 5)
    f = 5;
  else
    f = 10;
  f *= magnitude;
  if (integral)
    f = MAX (1, round (f));
  return f;
}

/* Draws the value axis and its grid in @area, leaving @bottom for labels
 * under the plot; returns the plot box and the value at its top. */
static void
value_axis (Draw   *d,
            Box     area,
            double  bottom,
            Box    *plot,
            double *top)
{
  CgChart *self = d->self;
  double max = _cg_chart_max_value (self);
  double step = nice_step (max, 4, _cg_chart_values_are_integral (self) && !_cg_chart_formats_values (self));
  double line = text_height (d->pango, TEXT_SMALL);
  double label_w = 0;
  int n_ticks;

  *top = MAX (step, ceil (max / step - 1e-9) * step);
  n_ticks = (int) round (*top / step);
  for (int i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = _cg_chart_format_short (self, i * step);
      label_w = MAX (label_w, text_width (d->pango, text, TEXT_SMALL));
    }

  plot->x = area.x + label_w + 8;
  plot->y = area.y + line / 2;
  plot->w = MAX (area.x + area.w - plot->x - 2, 1);
  plot->h = MAX (area.y + area.h - bottom - plot->y, 1);

  for (int i = 0; i <= n_ticks; i++)
    {
      double y = round (plot->y + plot->h - plot->h * i / n_ticks);
      g_autofree char *text = _cg_chart_format_short (self, i * step);

      set_color (d->cr, &d->palette.fg, i == 0 ? 0.3 : 0.1);
      cairo_rectangle (d->cr, plot->x, i == 0 ? y : y - 0.5, plot->w, 1);
      cairo_fill (d->cr);
      show_text (d, text, TEXT_SMALL, plot->x - 8, y, 1, 0.5, &d->palette.fg, 0.6);
    }
}

/* Labels under the plot, centred on each category's band, thinned so
 * that they never overlap. */
static void
category_axis (Draw       *d,
               const Box  *area,
               const Box  *plot,
               double      y)
{
  CgChart *self = d->self;
  guint nc = _cg_chart_n_categories (self);
  double band = plot->w / MAX (nc, 1), widest = 0, limit;
  guint step;

  for (guint c = 0; c < nc; c++)
    widest = MAX (widest, text_width (d->pango, _cg_chart_get_category (self, c)->label, TEXT_SMALL));
  limit = MIN (widest, plot->w / 2);
  step = (guint) MAX (1, ceil ((limit + 12) / band));

  for (guint c = 0; c < nc; c += step)
    {
      const char *text = _cg_chart_get_category (self, c)->label;
      g_autoptr(PangoLayout) layout = new_layout (d->pango, text, TEXT_SMALL);
      double x = plot->x + band * (c + 0.5), w;
      gboolean hot = FALSE;

      for (guint s = 0; s < _cg_chart_n_series (self); s++)
        hot |= d->hot == _cg_chart_item_index (self, s, c);
      layout_limit (layout, limit);
      layout_size (layout, &w, NULL);
      w = MIN (w, limit);
      x = CLAMP (x, area->x + w / 2, area->x + area->w - w / 2);
      show_layout (d, layout, x, y, 0.5, 0, &d->palette.fg, hot ? 1.0 : 0.6);
    }
}

static double
edge_value (CgChart *self,
            guint    i,
            guint    n)
{
  return self->lower + (self->upper - self->lower) * i / n;
}

/* Labels at the bins' edges, in the histogram's value range. */
static void
range_axis (Draw       *d,
            const Box  *area,
            const Box  *plot,
            double      y)
{
  CgChart *self = d->self;
  guint nc = _cg_chart_n_categories (self);
  double bin = plot->w / MAX (nc, 1), widest = 0;
  guint step;

  for (guint i = 0; i <= nc; i++)
    {
      g_autofree char *text = _cg_chart_format_range (self, edge_value (self, i, nc));
      widest = MAX (widest, text_width (d->pango, text, TEXT_SMALL));
    }
  step = (guint) MAX (1, ceil ((widest + 12) / bin));

  for (guint i = 0; i <= nc; i += step)
    {
      g_autofree char *text = _cg_chart_format_range (self, edge_value (self, i, nc));
      double w = text_width (d->pango, text, TEXT_SMALL);
      double x = CLAMP (plot->x + bin * i, area->x + w / 2, area->x + area->w - w / 2);

      set_color (d->cr, &d->palette.fg, 0.3);
      cairo_rectangle (d->cr, round (plot->x + bin * i) - 0.5, plot->y + plot->h, 1, 4);
      cairo_fill (d->cr);
      show_text (d, text, TEXT_SMALL, x, y, 0.5, 0, &d->palette.fg, 0.6);
    }
}

static double
value_x (CgChart   *self,
         const Box *plot,
         double     value)
{
  return plot->x + plot->w * CLAMP ((value - self->lower) / (self->upper - self->lower), 0, 1);
}

static void
draw_histogram (Draw *d,
                Box   area)
{
  CgChart *self = d->self;
  guint nc = _cg_chart_n_categories (self);
  double line = text_height (d->pango, TEXT_SMALL);
  double legend_h = 0, top, bin, gap;
  Box plot;

  if (markers_drawable (self))
    {
      Draw measure = *d;

      measure.cr = NULL;
      legend_h = markers_legend (&measure, area.x, 0, area.w) + 12;
    }
  value_axis (d, area, line + 8 + legend_h, &plot, &top);
  bin = plot.w / MAX (nc, 1);
  gap = MIN (2, bin * 0.15);

  if (markers_drawable (self))
    {
      double xq1 = value_x (self, &plot, self->q1), xq3 = value_x (self, &plot, self->q3);

      set_color (d->cr, &d->palette.fg, 0.06);
      cairo_rectangle (d->cr, xq1, plot.y, xq3 - xq1, plot.h);
      cairo_fill (d->cr);
    }

  for (guint c = 0; c < nc; c++)
    {
      int item = _cg_chart_item_index (self, 0, c);
      double v = _cg_chart_get_value (self, 0, c), h, x = plot.x + c * bin;
      graphene_rect_t column;

      if (!isfinite (v))
        continue;
      h = plot.h * MAX (v, 0) / top;
      if (v > 0)
        h = MAX (h, 2);
      rounded_rect (d->cr, x + gap / 2, plot.y + plot.h - h, bin - gap, h, 3,
                    ROUND_TOP | ROUND_LEFT | ROUND_RIGHT);
      set_color (d->cr, _cg_chart_item_color (self, &d->palette, 0, c), item_alpha (d, item));
      cairo_fill (d->cr);

      graphene_rect_init (&column, x + gap / 2, plot.y + plot.h - h, bin - gap, h);
      add_hit_rect (d, item, x, plot.y, bin, plot.h, &column);
    }

  if (markers_drawable (self))
    {
      static const double dash[] = { 3, 3 };
      double xm = value_x (self, &plot, self->median);

      cairo_save (d->cr);
      cairo_set_line_width (d->cr, 1);
      cairo_set_dash (d->cr, dash, G_N_ELEMENTS (dash), 0);
      set_color (d->cr, &d->palette.fg, 0.55);
      cairo_move_to (d->cr, round (value_x (self, &plot, self->q1)) + 0.5, plot.y);
      cairo_rel_line_to (d->cr, 0, plot.h);
      cairo_move_to (d->cr, round (value_x (self, &plot, self->q3)) + 0.5, plot.y);
      cairo_rel_line_to (d->cr, 0, plot.h);
      cairo_stroke (d->cr);
      cairo_restore (d->cr);

      set_color (d->cr, &d->palette.fg, 0.85);
      cairo_rectangle (d->cr, round (xm) - 1, plot.y, 2, plot.h);
      cairo_fill (d->cr);

      markers_legend (d, area.x, area.y + area.h - legend_h + 12, area.w);
    }

  if (self->has_range && self->upper > self->lower)
    range_axis (d, &area, &plot, plot.y + plot.h + 6);
  else
    category_axis (d, &area, &plot, plot.y + plot.h + 6);
}

static void
draw_columns (Draw *d,
              Box   area)
{
  CgChart *self = d->self;
  guint nc = _cg_chart_n_categories (self), ns = _cg_chart_n_series (self);
  double line = text_height (d->pango, TEXT_SMALL);
  double top, band, group, col;
  Box plot;

  value_axis (d, area, line + 8, &plot, &top);
  band = plot.w / MAX (nc, 1);
  group = MIN (band * 0.72, 28.0 * ns + 4 * (ns - 1));
  col = (group - (ns - 1) * MIN (3, band * 0.05)) / ns;

  for (guint c = 0; c < nc; c++)
    {
      double gx = plot.x + band * c + (band - group) / 2;

      for (guint s = 0; s < ns; s++)
        {
          int item = _cg_chart_item_index (self, s, c);
          double v = _cg_chart_get_value (self, s, c), h, x = gx + s * (group - col) / MAX (ns - 1, 1);
          graphene_rect_t column;

          if (!isfinite (v))
            continue;
          h = plot.h * MAX (v, 0) / top;
          if (v > 0)
            h = MAX (h, 2);
          rounded_rect (d->cr, x, plot.y + plot.h - h, col, h, 4,
                        ROUND_TOP | ROUND_LEFT | ROUND_RIGHT);
          set_color (d->cr, _cg_chart_item_color (self, &d->palette, s, c), item_alpha (d, item));
          cairo_fill (d->cr);

          graphene_rect_init (&column, x, plot.y + plot.h - h, col, h);
          if (ns == 1)
            add_hit_rect (d, item, plot.x + band * c, plot.y, band, plot.h, &column);
          else
            add_hit_rect (d, item, x - MIN (3, band * 0.05) / 2, plot.y,
                          col + MIN (3, band * 0.05), plot.h, &column);
        }
    }

  category_axis (d, &area, &plot, plot.y + plot.h + 6);
}

/* The one drawing function: the screen, the exports and the tests. */
void
_cg_chart_draw_chart (Draw *d)
{
  CgChart *self = d->self;
  Box area = { d->pad, d->pad, d->width - 2 * d->pad, d->height - 2 * d->pad };

  if (d->palette.fill)
    {
      cairo_set_source_rgba (d->cr, d->palette.bg.red, d->palette.bg.green, d->palette.bg.blue, 1);
      cairo_paint (d->cr);
    }
  if (area.w < 8 || area.h < 8)
    return;

  if (d->with_title && self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = new_layout (d->pango, self->title, TEXT_TITLE);
      double h;

      layout_limit (title, area.w);
      layout_size (title, NULL, &h);
      show_layout (d, title, area.x, area.y, 0, 0, &d->palette.fg, 1.0);
      area.y += h + 12;
      area.h -= h + 12;
    }

  if (cg_chart_is_empty (self))
    {
      show_text (d, _("No postings to chart"), TEXT_NORMAL,
                 area.x + area.w / 2, area.y + area.h / 2, 0.5, 0.5, &d->palette.fg, 0.55);
      return;
    }

  if (wants_series_legend (self))
    {
      double h = series_legend (d, area.x, area.y, area.w) + 12;

      area.y += h;
      area.h -= h;
    }
  if (area.h < 8)
    return;

  cairo_save (d->cr);
  switch (self->kind)
    {
    case CG_CHART_HISTOGRAM:
      draw_histogram (d, area);
      break;
    case CG_CHART_COLUMNS:
      draw_columns (d, area);
      break;
    case CG_CHART_BARS:
    default:
      draw_bars (d, area);
      break;
    }
  cairo_restore (d->cr);
}

/* The height the chart wants for @width, without or with its title. */
double
_cg_chart_content_height (CgChart      *self,
                PangoContext *pango,
                double        width,
                double        pad,
                gboolean      with_title)
{
  double height = 2 * pad;
  double inner = MAX (width - 2 * pad, 1);

  if (with_title && self->title != NULL && *self->title != '\0')
    {
      g_autoptr(PangoLayout) title = new_layout (pango, self->title, TEXT_TITLE);
      double h;

      layout_limit (title, inner);
      layout_size (title, NULL, &h);
      height += h + 12;
    }

  if (cg_chart_is_empty (self))
    return height + 96;

  if (wants_series_legend (self))
    {
      Draw measure = { .self = self, .pango = pango };

      height += series_legend (&measure, 0, 0, inner) + 12;
    }

  switch (self->kind)
    {
    case CG_CHART_BARS:
      {
        BarMetrics m;

        bar_metrics (self, pango, &m);
        height += _cg_chart_n_categories (self) * m.pitch;
      }
      break;
    case CG_CHART_HISTOGRAM:
      height += 200;
      if (markers_drawable (self))
        {
          Draw measure = { .self = self, .pango = pango };

          height += markers_legend (&measure, 0, 0, inner) + 12;
        }
      break;
    case CG_CHART_COLUMNS:
    default:
      height += 200;
      break;
    }
  return ceil (height);
}
