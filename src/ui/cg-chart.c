/* cg-chart.c: a chart drawn natively, with hover, keyboard and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CgChart draws horizontal bars, a histogram or columns
 * from plain data (series of values over categories) and knows nothing of
 * the databases. One function, draw_chart(), draws into a cairo_t of a
 * given size with a given palette: the widget's snapshot, the PNG and SVG
 * exports and the tests all go through it, so an export looks like the
 * screen. On screen the cairo node is rasterised at the surface's scale,
 * so the chart is crisp at any scale.
 *
 * Colours come from the widget's style (its text colour, libadwaita's
 * named colours) and a palette of GNOME colours chosen for the light or
 * the dark style; the chart is redrawn when either changes.
 *
 * Items (one value of one series in one category) can be hovered,
 * focused with the keyboard (arrows, Home, End) and activated (a click,
 * Enter or Space), which emits ::item-activated with the series and the
 * category's key. The hovered or focused item is highlighted and its
 * details shown in a popover. For assistive technologies the chart is an
 * image whose label is the title and whose description lists every value;
 * cg_chart_build_table() gives the same data as a table of labels.
 */
#define G_LOG_DOMAIN "cg-chart"

#include "config.h"

#include <math.h>

#include <cairo-svg.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "cg-chart.h"
#include "cg-labels.h"

#define SCREEN_PAD 4.0
#define EXPORT_PAD 20.0
#define FADE_ALPHA 0.45
#define N_COLORS 8

typedef struct
{
  char *key;
  char *label;
} Category;

typedef struct
{
  char   *name;
  GArray *values; /* double per category; NAN where the series has none */
} Series;

/* Where an item was drawn in the last frame, for the pointer. */
typedef struct
{
  int             item;
  graphene_rect_t rect;    /* the sensitive area */
  graphene_rect_t anchor;  /* what the popover points at */
} Hit;

typedef struct
{
  GdkRGBA  fg;
  GdkRGBA  bg;
  GdkRGBA  colors[N_COLORS];
  gboolean fill;
} Palette;

typedef struct
{
  double x, y, w, h;
} Box;

typedef enum {
  TEXT_NORMAL,
  TEXT_SMALL,
  TEXT_BOLD,
  TEXT_TITLE,
} TextStyle;

/* Everything one drawing needs. */
typedef struct
{
  CgChart      *self;
  cairo_t      *cr;
  PangoContext *pango;
  Palette       palette;
  double        width;
  double        height;
  double        pad;
  gboolean      with_title;
  int           hot;
  GArray       *hits;
} Draw;

struct _CgChart
{
  GtkWidget          parent_instance;

  CgChartKind        kind;
  char              *title;
  char              *unit;
  char              *category_title;
  gboolean           show_title;

  GPtrArray         *categories;
  GPtrArray         *series;
  gboolean           has_range;
  double             lower;
  double             upper;
  gboolean           has_markers;
  double             median;
  double             q1;
  double             q3;

  CgChartFormatFunc  format_func;
  gpointer           format_data;
  GDestroyNotify     format_destroy;
  CgChartFormatFunc  count_func;    /* "1 posting", "2 postings": see cg_chart_set_count_formatter() */

  int                focus_item;
  int                hover_item;
  GArray            *hits;

  GtkWidget         *popover;
  GtkLabel          *popover_title;
  GtkLabel          *popover_body;
  gboolean           popover_wanted;  /* for an item not drawn yet */
  guint              popover_idle;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_UNIT,
  PROP_CATEGORY_TITLE,
  PROP_SHOW_TITLE,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgChart, cg_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CgChartKind, cg_chart_kind,
  G_DEFINE_ENUM_VALUE (CG_CHART_BARS, "bars"),
  G_DEFINE_ENUM_VALUE (CG_CHART_HISTOGRAM, "histogram"),
  G_DEFINE_ENUM_VALUE (CG_CHART_COLUMNS, "columns"))

G_DEFINE_QUARK (cg-chart-error-quark, cg_chart_error)

/* GNOME's palette: blue, orange, green, purple, yellow, red, brown, dark
 * blue; lighter shades on dark backgrounds. Blue and orange, the first
 * two series, stay apart for colour-blind readers. */
static const char *light_colors[N_COLORS] = {
  "#3584e4", "#ff7800", "#2ec27e", "#9141ac", "#e5a50a", "#e01b24", "#986a44", "#1a5fb4",
};
static const char *dark_colors[N_COLORS] = {
  "#62a0ea", "#ffa348", "#57e389", "#c061cb", "#f6d32d", "#f66151", "#cdab8f", "#99c1f1",
};

static gboolean
set_string (char       **dest,
            const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static void
category_free (gpointer data)
{
  Category *category = data;

  g_free (category->key);
  g_free (category->label);
  g_free (category);
}

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

static guint
n_categories (CgChart *self)
{
  return self->categories->len;
}

static guint
n_series (CgChart *self)
{
  return self->series->len;
}

static Category *
get_category (CgChart *self,
              guint    c)
{
  return g_ptr_array_index (self->categories, c);
}

static Series *
get_series (CgChart *self,
            guint    s)
{
  return g_ptr_array_index (self->series, s);
}

static double
get_value (CgChart *self,
           guint    s,
           guint    c)
{
  Series *series = get_series (self, s);

  if (c >= series->values->len)
    return NAN;
  return g_array_index (series->values, double, c);
}

static gboolean
has_value (CgChart *self,
           guint    s,
           guint    c)
{
  return isfinite (get_value (self, s, c));
}

static int
item_index (CgChart *self,
            guint    s,
            guint    c)
{
  return (int) (c * n_series (self) + s);
}

static void
item_split (CgChart *self,
            int      item,
            guint   *s,
            guint   *c)
{
  *s = (guint) item % n_series (self);
  *c = (guint) item / n_series (self);
}

static double
max_value (CgChart *self)
{
  double max = 0;

  for (guint s = 0; s < n_series (self); s++)
    for (guint c = 0; c < n_categories (self); c++)
      if (has_value (self, s, c))
        max = MAX (max, get_value (self, s, c));
  return max;
}

static gboolean
values_are_integral (CgChart *self)
{
  for (guint s = 0; s < n_series (self); s++)
    for (guint c = 0; c < n_categories (self); c++)
      {
        double v = get_value (self, s, c);

        if (isfinite (v) && fabs (v - round (v)) > 1e-9)
          return FALSE;
      }
  return TRUE;
}

static gboolean
unit_is_percent (CgChart *self)
{
  return g_strcmp0 (self->unit, "%") == 0;
}

/* Values, short ("84%", "$95K", "1,204") for the chart itself, long
 * ("1,204 postings") where the unit is not shown elsewhere. */
static char *
format_number (double value)
{
  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 1e15)
    {
      g_autofree char *digits = cg_format_number ((guint64) llround (fabs (value)));
      return g_strconcat (value < 0 ? "−" : "", digits, NULL);
    }
  return g_strdup_printf ("%.1f", value);
}

/* In a histogram the formatter writes the range and the markers (pay,
 * say); the bins' values are counts, written with the unit. */
static gboolean
formats_values (CgChart *self)
{
  return self->format_func != NULL && self->kind != CG_CHART_HISTOGRAM;
}

static char *
format_range (CgChart *self,
              double   value)
{
  if (self->format_func != NULL)
    return self->format_func (value, self->format_data);
  return format_number (value);
}

static char *
format_short (CgChart *self,
              double   value)
{
  g_autofree char *number = NULL;

  if (formats_values (self))
    return self->format_func (value, self->format_data);

  number = format_number (value);
  if (unit_is_percent (self))
    /* Translators: a percentage, e.g. "84%" */
    return g_strdup_printf (C_("chart value", "%s%%"), number);
  return g_steal_pointer (&number);
}

static char *
format_long (CgChart *self,
             double   value)
{
  g_autofree char *number = NULL;

  if (formats_values (self) || unit_is_percent (self) || self->unit == NULL || *self->unit == '\0')
    return format_short (self, value);

  if (self->count_func != NULL)
    return self->count_func (value, NULL);

  number = format_number (value);
  /* Translators: a number and its unit, e.g. "120 postings" */
  return g_strdup_printf (C_("chart value", "%s %s"), number, self->unit);
}

static const char *
series_name (CgChart *self,
             guint    s)
{
  const char *name = get_series (self, s)->name;

  return name != NULL ? name : "";
}

static gboolean
series_named (CgChart *self)
{
  for (guint s = 0; s < n_series (self); s++)
    if (*series_name (self, s) != '\0')
      return TRUE;
  return FALSE;
}

/* A legend of series is needed when there is more than one series to
 * tell apart. */
static gboolean
wants_series_legend (CgChart *self)
{
  return n_series (self) > 1 && series_named (self);
}

static gboolean
markers_drawable (CgChart *self)
{
  return self->kind == CG_CHART_HISTOGRAM && self->has_markers && self->has_range &&
         self->upper > self->lower;
}

/* The colour of an item: by series. */
static const GdkRGBA *
item_color (CgChart       *self,
            const Palette *palette,
            guint          s,
            guint          c)
{
  return &palette->colors[s % N_COLORS];
}

static void
get_palette (CgChart  *self,
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

  for (guint s = 0; s < n_series (self); s++)
    {
      double w = 16 + text_width (d->pango, series_name (self, s), TEXT_SMALL);

      if (cx > x && cx + w > x + width)
        {
          cx = x;
          cy += line + 4;
        }
      if (d->cr != NULL)
        {
          swatch (d, cx, cy + line / 2, &d->palette.colors[s % N_COLORS], 1.0);
          show_text (d, series_name (self, s), TEXT_SMALL, cx + 16, cy, 0, 0, &d->palette.fg, 0.8);
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
  g_autofree char *median = format_range (self, self->median);
  g_autofree char *q1 = format_range (self, self->q1);
  g_autofree char *q3 = format_range (self, self->q3);
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
  guint ns = MAX (n_series (self), 1);
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
  guint nc = n_categories (self), ns = n_series (self);
  double label_w = 0, value_w = 0, max = max_value (self);
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
      label_w = MAX (label_w, text_width (d->pango, get_category (self, c)->label, TEXT_NORMAL));
      for (guint s = 0; s < ns; s++)
        if (has_value (self, s, c))
          {
            g_autofree char *text = format_short (self, get_value (self, s, c));
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
      const char *name = get_category (self, c)->label;
      g_autoptr(PangoLayout) label = new_layout (d->pango, name, TEXT_NORMAL);
      gboolean row_hot = FALSE;

      for (guint s = 0; s < ns; s++)
        row_hot |= d->hot == item_index (self, s, c);
      layout_limit (label, label_w);
      show_layout (d, label, area.x, row_y + group_h / 2, 0, 0.5, &d->palette.fg,
                   d->hot < 0 || row_hot ? 1.0 : 0.6);

      for (guint s = 0; s < ns; s++)
        {
          int item = item_index (self, s, c);
          double y = row_y + s * (m.thick + m.gap);
          double v = get_value (self, s, c), w;
          g_autofree char *text = NULL;
          graphene_rect_t bar;

          if (!isfinite (v))
            continue;
          w = max > 0 ? (x1 - x0) * MAX (v, 0) / max : 0;
          if (v > 0)
            w = MAX (w, 2);
          rounded_rect (d->cr, x0, y, w, m.thick, 4, ROUND_RIGHT | ROUND_TOP | ROUND_BOTTOM);
          set_color (d->cr, item_color (self, &d->palette, s, c), item_alpha (d, item));
          cairo_fill (d->cr);

          text = format_short (self, v);
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
  double max = max_value (self);
  double step = nice_step (max, 4, values_are_integral (self) && !formats_values (self));
  double line = text_height (d->pango, TEXT_SMALL);
  double label_w = 0;
  int n_ticks;

  *top = MAX (step, ceil (max / step - 1e-9) * step);
  n_ticks = (int) round (*top / step);
  for (int i = 0; i <= n_ticks; i++)
    {
      g_autofree char *text = format_short (self, i * step);
      label_w = MAX (label_w, text_width (d->pango, text, TEXT_SMALL));
    }

  plot->x = area.x + label_w + 8;
  plot->y = area.y + line / 2;
  plot->w = MAX (area.x + area.w - plot->x - 2, 1);
  plot->h = MAX (area.y + area.h - bottom - plot->y, 1);

  for (int i = 0; i <= n_ticks; i++)
    {
      double y = round (plot->y + plot->h - plot->h * i / n_ticks);
      g_autofree char *text = format_short (self, i * step);

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
  guint nc = n_categories (self);
  double band = plot->w / MAX (nc, 1), widest = 0, limit;
  guint step;

  for (guint c = 0; c < nc; c++)
    widest = MAX (widest, text_width (d->pango, get_category (self, c)->label, TEXT_SMALL));
  limit = MIN (widest, plot->w / 2);
  step = (guint) MAX (1, ceil ((limit + 12) / band));

  for (guint c = 0; c < nc; c += step)
    {
      const char *text = get_category (self, c)->label;
      g_autoptr(PangoLayout) layout = new_layout (d->pango, text, TEXT_SMALL);
      double x = plot->x + band * (c + 0.5), w;
      gboolean hot = FALSE;

      for (guint s = 0; s < n_series (self); s++)
        hot |= d->hot == item_index (self, s, c);
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
  guint nc = n_categories (self);
  double bin = plot->w / MAX (nc, 1), widest = 0;
  guint step;

  for (guint i = 0; i <= nc; i++)
    {
      g_autofree char *text = format_range (self, edge_value (self, i, nc));
      widest = MAX (widest, text_width (d->pango, text, TEXT_SMALL));
    }
  step = (guint) MAX (1, ceil ((widest + 12) / bin));

  for (guint i = 0; i <= nc; i += step)
    {
      g_autofree char *text = format_range (self, edge_value (self, i, nc));
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
  guint nc = n_categories (self);
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
      int item = item_index (self, 0, c);
      double v = get_value (self, 0, c), h, x = plot.x + c * bin;
      graphene_rect_t column;

      if (!isfinite (v))
        continue;
      h = plot.h * MAX (v, 0) / top;
      if (v > 0)
        h = MAX (h, 2);
      rounded_rect (d->cr, x + gap / 2, plot.y + plot.h - h, bin - gap, h, 3,
                    ROUND_TOP | ROUND_LEFT | ROUND_RIGHT);
      set_color (d->cr, item_color (self, &d->palette, 0, c), item_alpha (d, item));
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
  guint nc = n_categories (self), ns = n_series (self);
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
          int item = item_index (self, s, c);
          double v = get_value (self, s, c), h, x = gx + s * (group - col) / MAX (ns - 1, 1);
          graphene_rect_t column;

          if (!isfinite (v))
            continue;
          h = plot.h * MAX (v, 0) / top;
          if (v > 0)
            h = MAX (h, 2);
          rounded_rect (d->cr, x, plot.y + plot.h - h, col, h, 4,
                        ROUND_TOP | ROUND_LEFT | ROUND_RIGHT);
          set_color (d->cr, item_color (self, &d->palette, s, c), item_alpha (d, item));
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
static void
draw_chart (Draw *d)
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
static double
content_height (CgChart      *self,
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
        height += n_categories (self) * m.pitch;
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

/* Focus, hover and the popover */

static int
hot_item (CgChart *self)
{
  if (self->hover_item >= 0)
    return self->hover_item;
  if (self->focus_item >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    return self->focus_item;
  return -1;
}

static gboolean
item_valid (CgChart *self,
            int      item)
{
  guint s, c;

  if (item < 0 || n_series (self) == 0 || (guint) item >= n_series (self) * n_categories (self))
    return FALSE;
  /* nothing is drawn, so there is nothing to point at */
  if (cg_chart_is_empty (self))
    return FALSE;
  item_split (self, item, &s, &c);
  return has_value (self, s, c);
}

static const Hit *
find_hit (CgChart *self,
          int      item)
{
  for (guint i = 0; i < self->hits->len; i++)
    if (g_array_index (self->hits, Hit, i).item == item)
      return &g_array_index (self->hits, Hit, i);
  return NULL;
}

static int
hit_test (CgChart *self,
          double   x,
          double   y)
{
  int best = -1;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < self->hits->len; i++)
    {
      const Hit *hit = &g_array_index (self->hits, Hit, i);
      double distance;

      if (!graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        continue;
      distance = fabs (y - (hit->anchor.origin.y + hit->anchor.size.height / 2));
      if (distance < best_distance)
        {
          best = hit->item;
          best_distance = distance;
        }
    }
  return best;
}

static void
update_popover_full (CgChart  *self,
                     gboolean  retry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int item = hot_item (self);
  const Hit *hit = item >= 0 ? find_hit (self, item) : NULL;
  g_autofree char *value = NULL;
  g_autoptr(GString) body = NULL;
  GdkRectangle rect;
  guint s, c;

  self->popover_wanted = FALSE;
  if (hit == NULL || !gtk_widget_get_mapped (widget) || !item_valid (self, item))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      /* the item is there but not drawn yet (new data or size): point at
       * it once the next frame has placed it */
      if (retry && item >= 0 && gtk_widget_get_mapped (widget) && item_valid (self, item))
        {
          self->popover_wanted = TRUE;
          gtk_widget_queue_draw (widget);
        }
      return;
    }

  item_split (self, item, &s, &c);
  value = format_long (self, get_value (self, s, c));
  body = g_string_new (NULL);
  if (n_series (self) > 1 && *series_name (self, s) != '\0')
    /* Translators: a series and its value in a chart's details, e.g. "Live: 67%" */
    g_string_append_printf (body, _("%s: %s"), series_name (self, s), value);
  else
    g_string_append (body, value);

  gtk_label_set_label (self->popover_title, get_category (self, c)->label);
  gtk_label_set_label (self->popover_body, body->str);
  rect.x = (int) floor (hit->anchor.origin.x);
  rect.y = (int) floor (hit->anchor.origin.y);
  rect.width = MAX (1, (int) ceil (hit->anchor.size.width));
  rect.height = MAX (1, (int) ceil (hit->anchor.size.height));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  if (!gtk_widget_get_visible (self->popover))
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
update_popover (CgChart *self)
{
  update_popover_full (self, TRUE);
}

static void
set_hover (CgChart *self,
           int      item)
{
  if (!item_valid (self, item))
    item = -1;
  if (self->hover_item == item)
    return;
  self->hover_item = item;
  /* with the keyboard focus, the keys go on from what the pointer showed */
  if (item >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    self->focus_item = item;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), item >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
set_focus_item (CgChart *self,
                int      item)
{
  if (self->focus_item == item)
    return;
  self->focus_item = item;
  /* the keyboard takes over from the pointer */
  self->hover_item = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
activate_item (CgChart *self,
               int      item)
{
  guint s, c;

  if (!item_valid (self, item))
    return;
  item_split (self, item, &s, &c);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, s, get_category (self, c)->key);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CgChart                  *self)
{
  set_hover (self, hit_test (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CgChart                  *self)
{
  set_hover (self, -1);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             CgChart         *self)
{
  int item = hit_test (self, x, y);

  if (n_press != 1 || item < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->focus_item = item;
  activate_item (self, item);
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                CgChart                 *self)
{
  if (!item_valid (self, self->focus_item))
    {
      self->focus_item = -1;
      cg_chart_move_focus (self, 1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CgChart                 *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cg_chart_move_focus (CG_CHART (widget), 1);
}

static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cg_chart_move_focus (CG_CHART (widget), -1);
}

static void
first_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgChart *self = CG_CHART (widget);

  self->focus_item = -1;
  cg_chart_move_focus (self, 1);
  gtk_widget_queue_draw (widget);
  update_popover (self);
}

static void
last_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgChart *self = CG_CHART (widget);

  self->focus_item = (int) (n_series (self) * n_categories (self));
  cg_chart_move_focus (self, -1);
  gtk_widget_queue_draw (widget);
  update_popover (self);
}

static void
activate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cg_chart_activate_focus (CG_CHART (widget));
}

/* Data changes */

static void
update_accessible (CgChart *self)
{
  g_autofree char *description = cg_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

static void
data_changed (CgChart *self)
{
  if (!item_valid (self, self->focus_item))
    self->focus_item = -1;
  self->hover_item = -1;
  g_array_set_size (self->hits, 0);
  update_popover (self);
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* GtkWidget */

static void
style_changed_cb (CgChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
popover_idle_cb (gpointer user_data)
{
  CgChart *self = user_data;

  self->popover_idle = 0;
  /* once: an item that is never drawn does not redraw the chart forever */
  if (self->popover_wanted)
    update_popover_full (self, FALSE);
}

static void
cg_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  CgChart *self = CG_CHART (widget);
  PangoContext *pango;
  Draw d = { 0 };

  d.width = gtk_widget_get_width (widget);
  d.height = gtk_widget_get_height (widget);
  if (d.width <= 0 || d.height <= 0)
    return;

  pango = gtk_widget_create_pango_context (widget);
  d.self = self;
  d.pango = pango;
  d.pad = SCREEN_PAD;
  d.with_title = self->show_title;
  d.hot = hot_item (self);
  d.hits = self->hits;
  get_palette (self, FALSE, &d.palette);

  g_array_set_size (self->hits, 0);
  d.cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, d.width, d.height));
  draw_chart (&d);
  cairo_destroy (d.cr);
  g_object_unref (pango);

  if (self->popover_wanted && self->popover_idle == 0)
    self->popover_idle = g_idle_add_once (popover_idle_cb, self);
}

static void
cg_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  CgChart *self = CG_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 420;
    }
  else
    {
      PangoContext *pango = gtk_widget_create_pango_context (widget);
      int height = (int) content_height (self, pango, for_size > 0 ? for_size : 420, SCREEN_PAD,
                                         self->show_title);

      g_object_unref (pango);

      *natural = height;
      /* bars keep their rows; plots on axes can be squeezed (a scrolled
       * window gives its child its minimum height) */
      if (self->kind == CG_CHART_BARS || cg_chart_is_empty (self))
        *minimum = height;
      else
        *minimum = MIN (height, 160);
    }
}

static GtkSizeRequestMode
cg_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cg_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  CgChart *self = CG_CHART (widget);

  if (gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
cg_chart_unmap (GtkWidget *widget)
{
  CgChart *self = CG_CHART (widget);

  self->hover_item = -1;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  GTK_WIDGET_CLASS (cg_chart_parent_class)->unmap (widget);
}

static void
cg_chart_dispose (GObject *object)
{
  CgChart *self = CG_CHART (object);

  g_clear_handle_id (&self->popover_idle, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);

  G_OBJECT_CLASS (cg_chart_parent_class)->dispose (object);
}

static void
cg_chart_finalize (GObject *object)
{
  CgChart *self = CG_CHART (object);

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  g_free (self->title);
  g_free (self->unit);
  g_free (self->category_title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_array_unref (self->hits);

  G_OBJECT_CLASS (cg_chart_parent_class)->finalize (object);
}

static void
cg_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CgChart *self = CG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_CATEGORY_TITLE:
      g_value_set_string (value, self->category_title);
      break;
    case PROP_SHOW_TITLE:
      g_value_set_boolean (value, self->show_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CgChart *self = CG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      cg_chart_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      cg_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      cg_chart_set_unit (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY_TITLE:
      cg_chart_set_category_title (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TITLE:
      cg_chart_set_show_title (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_class_init (CgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint next_keys[] = { GDK_KEY_Right, GDK_KEY_KP_Right,
                                     GDK_KEY_Down, GDK_KEY_KP_Down };
  static const guint previous_keys[] = { GDK_KEY_Left, GDK_KEY_KP_Left, GDK_KEY_Up, GDK_KEY_KP_Up };
  static const guint activate_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                         GDK_KEY_space, GDK_KEY_KP_Space };

  object_class->dispose = cg_chart_dispose;
  object_class->finalize = cg_chart_finalize;
  object_class->get_property = cg_chart_get_property;
  object_class->set_property = cg_chart_set_property;

  widget_class->snapshot = cg_chart_snapshot;
  widget_class->measure = cg_chart_measure;
  widget_class->get_request_mode = cg_chart_get_request_mode;
  widget_class->size_allocate = cg_chart_size_allocate;
  widget_class->unmap = cg_chart_unmap;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CG_TYPE_CHART_KIND, CG_CHART_BARS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY_TITLE] =
    g_param_spec_string ("category-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TITLE] =
    g_param_spec_boolean ("show-title", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgChart::item-activated:
   * @series: the index of the item's series
   * @category_key: the key of the item's category
   *
   * A bar, bin, column, point or slice was clicked, or activated with
   * Enter or Space.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * CgChart::changed:
   *
   * The data changed: a series or point was added, or the chart cleared.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chart.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.first", NULL, first_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.last", NULL, last_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (next_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, next_keys[i], 0, "chart.next", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (previous_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, previous_keys[i], 0, "chart.previous", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, activate_keys[i], 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "chart.last", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cg_chart_init (CgChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *box;

  self->kind = CG_CHART_BARS;
  self->show_title = TRUE;
  self->focus_item = -1;
  self->hover_item = -1;
  self->categories = g_ptr_array_new_with_free_func (category_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->hits = g_array_new (FALSE, TRUE, sizeof (Hit));

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  /* the details of the hovered or focused item; it never takes the focus */
  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_can_target (self->popover, FALSE);
  gtk_widget_set_can_focus (self->popover, FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->popover_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->popover_title), "heading");
  gtk_label_set_xalign (self->popover_title, 0);
  self->popover_body = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->popover_body), "numeric");
  gtk_label_set_xalign (self->popover_body, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->popover_title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->popover_body));
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, widget);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  update_accessible (self);
}

/* Public API */

GtkWidget *
cg_chart_new (CgChartKind kind)
{
  return g_object_new (CG_TYPE_CHART, "kind", kind, NULL);
}

CgChartKind
cg_chart_get_kind (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), CG_CHART_BARS);

  return self->kind;
}

void
cg_chart_set_kind (CgChart     *self,
                   CgChartKind  kind)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
cg_chart_get_title (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return self->title;
}

/* The title: the accessible label, the heading of exports and, with
 * show-title, drawn above the chart. */
void
cg_chart_set_title (CgChart    *self,
                    const char *title)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (!set_string (&self->title, title))
    return;
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cg_chart_get_unit (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return self->unit;
}

/* "%" shows values as percentages; any other unit, e.g. "postings", is
 * added to values where the chart does not make it plain (the details,
 * the description and the table). A value formatter takes precedence. */
void
cg_chart_set_unit (CgChart    *self,
                   const char *unit)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (!set_string (&self->unit, unit))
    return;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

const char *
cg_chart_get_category_title (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return self->category_title;
}

/* The heading of the categories' column in the table, e.g. "Month". */
void
cg_chart_set_category_title (CgChart    *self,
                             const char *category_title)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (!set_string (&self->category_title, category_title))
    return;
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_TITLE]);
}

gboolean
cg_chart_get_show_title (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  return self->show_title;
}

void
cg_chart_set_show_title (CgChart  *self,
                         gboolean  show_title)
{
  g_return_if_fail (CG_IS_CHART (self));

  show_title = !!show_title;
  if (self->show_title == show_title)
    return;
  self->show_title = show_title;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TITLE]);
}

/* Sets how values are written everywhere: on the chart, in its details,
 * its description, its table and its exports. In a histogram it writes
 * the range and the markers instead: the bins hold counts. */
void
cg_chart_set_value_formatter (CgChart           *self,
                              CgChartFormatFunc  func,
                              gpointer           user_data,
                              GDestroyNotify     destroy)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  self->format_func = func;
  self->format_data = user_data;
  self->format_destroy = destroy;
  data_changed (self);
}

/* Counts written with their unit in a language's plural forms: @func
 * (called with the count and NULL) returns e.g. "1 posting" or "2 postings"
 * through ngettext(); without it, the number and the unit. */
void
cg_chart_set_count_formatter (CgChart           *self,
                              CgChartFormatFunc  func)
{
  g_return_if_fail (CG_IS_CHART (self));

  self->count_func = func;
  data_changed (self);
}

/* @value as the chart writes it in its details, e.g. "120 postings". */
char *
cg_chart_format_value (CgChart *self,
                       double   value)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return format_long (self, value);
}

void
cg_chart_clear (CgChart *self)
{
  g_return_if_fail (CG_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->series, 0);
  self->has_markers = FALSE;
  self->has_range = FALSE;
  self->focus_item = -1;
  data_changed (self);
}

/* Adds a series, e.g. "Published" or "Live"; returns its index. */
guint
cg_chart_add_series (CgChart    *self,
                     const char *name)
{
  Series *series;

  g_return_val_if_fail (CG_IS_CHART (self), 0);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint c = 0; c < n_categories (self); c++)
    {
      double none = NAN;
      g_array_append_val (series->values, none);
    }
  g_ptr_array_add (self->series, series);
  data_changed (self);
  return n_series (self) - 1;
}

/* Sets the value of @series in the category @category_key (shown as
 * @label), adding the category after the others if it is new. Categories
 * are shown in the order they were first added; the key is what
 * ::item-activated reports. Negative values are drawn as nothing. */
void
cg_chart_add_point (CgChart    *self,
                    guint       series,
                    const char *category_key,
                    const char *label,
                    double      value)
{
  const char *key = category_key != NULL ? category_key : label;
  guint c;

  g_return_if_fail (CG_IS_CHART (self));
  g_return_if_fail (series < n_series (self));
  g_return_if_fail (key != NULL);

  for (c = 0; c < n_categories (self); c++)
    if (g_strcmp0 (get_category (self, c)->key, key) == 0)
      break;
  if (c == n_categories (self))
    {
      Category *category = g_new0 (Category, 1);

      category->key = g_strdup (key);
      category->label = g_strdup (label != NULL ? label : key);
      g_ptr_array_add (self->categories, category);
      for (guint s = 0; s < n_series (self); s++)
        {
          double none = NAN;
          g_array_append_val (get_series (self, s)->values, none);
        }
    }
  g_array_index (get_series (self, series)->values, double, c) = value;
  data_changed (self);
}

/* A histogram's bins, in order, cover @lower to @upper in equal widths:
 * the axis is labelled with values and the markers placed by value. */
void
cg_chart_set_range (CgChart *self,
                    double   lower,
                    double   upper)
{
  g_return_if_fail (CG_IS_CHART (self));

  self->has_range = upper > lower;
  self->lower = lower;
  self->upper = upper;
  data_changed (self);
}

/* The median and the quartiles of a histogram, in the range's values. */
void
cg_chart_set_markers (CgChart *self,
                      double   median,
                      double   q1,
                      double   q3)
{
  g_return_if_fail (CG_IS_CHART (self));

  self->has_markers = TRUE;
  self->median = median;
  self->q1 = MIN (q1, q3);
  self->q3 = MAX (q1, q3);
  data_changed (self);
}

guint
cg_chart_get_n_series (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), 0);

  return n_series (self);
}

guint
cg_chart_get_n_categories (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), 0);

  return n_categories (self);
}

/* Whether there is nothing to draw: no values, or none above zero. */
gboolean
cg_chart_is_empty (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), TRUE);

  return n_series (self) == 0 || n_categories (self) == 0 || !(max_value (self) > 0);
}

/* The colour the chart draws an item in, in the current style. */
void
cg_chart_get_item_color (CgChart *self,
                         guint    series,
                         guint    category,
                         GdkRGBA *color)
{
  Palette palette;

  g_return_if_fail (CG_IS_CHART (self));
  g_return_if_fail (color != NULL);

  get_palette (self, FALSE, &palette);
  *color = *item_color (self, &palette, series, category);
}

/* Moves the keyboard focus @delta items on (back when negative), in
 * reading order: category by category, series by series within one.
 * Returns whether it moved. */
gboolean
cg_chart_move_focus (CgChart *self,
                     int      delta)
{
  int n, item, step;

  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  n = (int) (n_series (self) * n_categories (self));
  if (n == 0 || delta == 0)
    return FALSE;

  step = delta > 0 ? 1 : -1;
  item = self->focus_item;
  if (item < 0 && step < 0)
    item = n;
  for (int moved = 0; moved < ABS (delta);)
    {
      int next = item + step;

      while (next >= 0 && next < n && !item_valid (self, next))
        next += step;
      if (next < 0 || next >= n)
        break;
      item = next;
      moved++;
    }
  if (item == self->focus_item || !item_valid (self, item))
    return FALSE;
  set_focus_item (self, item);
  return TRUE;
}

/* The focused item, if any. */
gboolean
cg_chart_get_focus (CgChart     *self,
                    guint       *series,
                    const char **category_key)
{
  guint s, c;

  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  if (!item_valid (self, self->focus_item))
    return FALSE;
  item_split (self, self->focus_item, &s, &c);
  if (series != NULL)
    *series = s;
  if (category_key != NULL)
    *category_key = get_category (self, c)->key;
  return TRUE;
}

/* Emits ::item-activated for the focused item; returns whether there was one. */
gboolean
cg_chart_activate_focus (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  if (!item_valid (self, self->focus_item))
    return FALSE;
  activate_item (self, self->focus_item);
  return TRUE;
}

/* A sentence or two saying what the chart shows, value by value, e.g.
 * "Work arrangement: On-site 84% (Published), 67% (Live); Hybrid ...". */
char *
cg_chart_dup_description (CgChart *self)
{
  GString *text;
  const char *title;
  gboolean named;

  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  title = self->title != NULL && *self->title != '\0' ? self->title : _("Chart");
  if (cg_chart_is_empty (self))
    /* Translators: the description of a chart without data; %s is its title */
    return g_strdup_printf (_("%s: no postings to chart."), title);

  named = n_series (self) > 1 && series_named (self);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s: ", title);
  for (guint c = 0; c < n_categories (self); c++)
    {
      gboolean first = TRUE;

      if (c > 0)
        g_string_append (text, "; ");
      g_string_append (text, get_category (self, c)->label);
      for (guint s = 0; s < n_series (self); s++)
        {
          g_autofree char *value = NULL;

          if (!has_value (self, s, c))
            continue;
          value = format_long (self, get_value (self, s, c));
          g_string_append (text, first ? " " : ", ");
          if (named)
            /* Translators: a value and its series in a chart's description,
             * e.g. "84% (Published)" */
            g_string_append_printf (text, C_("chart description", "%s (%s)"),
                                    value, series_name (self, s));
          else
            g_string_append (text, value);
          first = FALSE;
        }
    }
  g_string_append (text, ".");

  if (self->kind == CG_CHART_HISTOGRAM && self->has_markers)
    {
      g_autofree char *median = format_range (self, self->median);
      g_autofree char *q1 = format_range (self, self->q1);
      g_autofree char *q3 = format_range (self, self->q3);

      g_string_append (text, " ");
      /* Translators: the median and quartiles in a chart's description */
      g_string_append_printf (text, _("Median %s; the middle half from %s to %s."), median, q1, q3);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
table_label (const char *text,
             float       xalign,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The chart's data as a table of labels: a row per category, a column per
 * series; for a histogram, its median and quartiles after. */
GtkWidget *
cg_chart_build_table (CgChart *self)
{
  GtkGrid *grid;
  guint ns;
  int row = 1;

  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  if (cg_chart_is_empty (self))
    return table_label (_("No postings to chart"), 0.5, "dim-label");

  ns = n_series (self);
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (grid, 24);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  -1);

  gtk_grid_attach (grid, table_label (self->category_title != NULL ? self->category_title
                                                                   : C_("chart table", "Category"),
                                      0, "heading"),
                   0, 0, 1, 1);
  for (guint s = 0; s < ns; s++)
    {
      const char *name = *series_name (self, s) != '\0' ? series_name (self, s)
                         : self->unit != NULL && !unit_is_percent (self) ? self->unit
                         : C_("chart table", "Value");
      GtkWidget *header = table_label (name, 1, "heading");

      gtk_label_set_wrap (GTK_LABEL (header), FALSE);
      gtk_grid_attach (grid, header, 1 + s, 0, 1, 1);
    }

  for (guint c = 0; c < n_categories (self); c++, row++)
    {
      GtkWidget *label = table_label (get_category (self, c)->label, 0, NULL);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (grid, label, 0, row, 1, 1);
      for (guint s = 0; s < ns; s++)
        {
          g_autofree char *value = NULL;
          GtkWidget *cell;

          if (has_value (self, s, c))
            value = format_long (self, get_value (self, s, c));
          cell = table_label (value != NULL ? value : "—", 1, "numeric");
          gtk_label_set_wrap (GTK_LABEL (cell), FALSE);
          gtk_grid_attach (grid, cell, 1 + s, row, 1, 1);
        }
    }

  if (self->kind == CG_CHART_HISTOGRAM && self->has_markers)
    {
      const char *names[] = { _("Lower quartile"), _("Median"), _("Upper quartile") };
      double values[] = { self->q1, self->median, self->q3 };

      gtk_grid_attach (grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++, 1 + ns, 1);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++, row++)
        {
          g_autofree char *value = format_range (self, values[i]);

          gtk_grid_attach (grid, table_label (names[i], 0, NULL), 0, row, 1, 1);
          gtk_grid_attach (grid, table_label (value, 1, "numeric"), 1, row, ns, 1);
        }
    }
  return GTK_WIDGET (grid);
}

/* The height an export @width wide needs to show everything, title included. */
int
cg_chart_get_export_height (CgChart *self,
                            int      width)
{
  PangoContext *pango;
  double height;

  g_return_val_if_fail (CG_IS_CHART (self), 0);

  pango = gtk_widget_create_pango_context (GTK_WIDGET (self));
  height = content_height (self, pango, width, EXPORT_PAD, TRUE);
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
  get_palette (self, TRUE, &d.palette);
  draw_chart (&d);
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
