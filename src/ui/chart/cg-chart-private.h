/* cg-chart-private.h: what the files of CgChart share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CgChart spans cg-chart.c (the widget: data, focus, pointer, popover),
 * cg-chart-draw.c (drawing each kind), cg-chart-a11y.c (the description
 * and the table) and cg-chart-export.c (PNG and SVG). This header holds
 * the instance structure, the drawing types and the functions they call
 * across files, and the functions only the tests call; nothing else
 * includes it.
 */
#pragma once

#include "cg-chart.h"

G_BEGIN_DECLS

/* Only the tests call these (besides the chart itself). */
CgChartKind      cg_chart_get_kind             (CgChart           *self);
gboolean         cg_chart_get_show_title       (CgChart           *self);
char            *cg_chart_format_value         (CgChart           *self,
                                                double             value);
gboolean         cg_chart_is_empty             (CgChart           *self);
void             cg_chart_get_item_color       (CgChart           *self,
                                                guint              series,
                                                guint              category,
                                                GdkRGBA           *color);
gboolean         cg_chart_move_focus           (CgChart           *self,
                                                int                delta);
gboolean         cg_chart_get_focus            (CgChart           *self,
                                                guint             *series,
                                                const char       **category_key);
gboolean         cg_chart_activate_focus       (CgChart           *self);
char            *cg_chart_dup_description      (CgChart           *self);
int              cg_chart_get_export_height    (CgChart           *self,
                                                int                width);
cairo_surface_t *cg_chart_render_to_surface    (CgChart           *self,
                                                int                width,
                                                int                height);

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

/* cg-chart.c: the data and how values are written */
guint _cg_chart_n_categories (CgChart *self);
guint _cg_chart_n_series (CgChart *self);
Category *_cg_chart_get_category (CgChart *self,
                                  guint    c);
double _cg_chart_get_value (CgChart *self,
                            guint    s,
                            guint    c);
gboolean _cg_chart_has_value (CgChart *self,
                              guint    s,
                              guint    c);
int _cg_chart_item_index (CgChart *self,
                          guint    s,
                          guint    c);
double _cg_chart_max_value (CgChart *self);
gboolean _cg_chart_values_are_integral (CgChart *self);
gboolean _cg_chart_unit_is_percent (CgChart *self);

/* In a histogram the formatter writes the range and the markers (pay,
 * say); the bins' values are counts, written with the unit. */
gboolean _cg_chart_formats_values (CgChart *self);

char *_cg_chart_format_range (CgChart *self,
                              double   value);
char *_cg_chart_format_short (CgChart *self,
                              double   value);
char *_cg_chart_format_long (CgChart *self,
                             double   value);
const char *_cg_chart_series_name (CgChart *self,
                                   guint    s);
gboolean _cg_chart_series_named (CgChart *self);

/* cg-chart-draw.c */

/* The colour of an item: by series. */
const GdkRGBA *_cg_chart_item_color (CgChart       *self,
                                     const Palette *palette,
                                     guint          s,
                                     guint          c);

void _cg_chart_get_palette (CgChart  *self,
                            gboolean  fill,
                            Palette  *palette);

/* The one drawing function: the screen, the exports and the tests. */
void _cg_chart_draw_chart (Draw *d);

/* The height the chart wants for @width, without or with its title. */
double _cg_chart_content_height (CgChart      *self,
                                 PangoContext *pango,
                                 double        width,
                                 double        pad,
                                 gboolean      with_title);

/* cg-chart-a11y.c */
void _cg_chart_update_accessible (CgChart *self);

G_END_DECLS
