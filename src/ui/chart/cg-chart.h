/* cg-chart.h: a chart drawn natively, with hover, keyboard and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CG_CHART_ERROR (cg_chart_error_quark ())

typedef enum {
  CG_CHART_ERROR_EXPORT,
} CgChartError;

typedef enum {
  CG_CHART_BARS,      /* horizontal bars, one per series in each category */
  CG_CHART_HISTOGRAM, /* adjacent vertical bins, with median and quartile markers */
  CG_CHART_COLUMNS,   /* vertical columns in order, e.g. postings per month */
} CgChartKind;

#define CG_TYPE_CHART_KIND (cg_chart_kind_get_type ())
GType cg_chart_kind_get_type (void) G_GNUC_CONST;

/* Returns the text for @value, e.g. "$95K"; newly allocated. */
typedef char *(*CgChartFormatFunc) (double   value,
                                    gpointer user_data);

#define CG_TYPE_CHART (cg_chart_get_type ())

G_DECLARE_FINAL_TYPE (CgChart, cg_chart, CG, CHART, GtkWidget)

GQuark           cg_chart_error_quark          (void);

GtkWidget       *cg_chart_new                  (CgChartKind        kind);
void             cg_chart_set_kind             (CgChart           *self,
                                                CgChartKind        kind);
const char      *cg_chart_get_title            (CgChart           *self);
void             cg_chart_set_title            (CgChart           *self,
                                                const char        *title);
const char      *cg_chart_get_unit             (CgChart           *self);
void             cg_chart_set_count_formatter  (CgChart           *self,
                                                CgChartFormatFunc  func);
void             cg_chart_set_unit             (CgChart           *self,
                                                const char        *unit);
const char      *cg_chart_get_category_title   (CgChart           *self);
void             cg_chart_set_category_title   (CgChart           *self,
                                                const char        *category_title);
void             cg_chart_set_show_title       (CgChart           *self,
                                                gboolean           show_title);
void             cg_chart_set_value_formatter  (CgChart           *self,
                                                CgChartFormatFunc  func,
                                                gpointer           user_data,
                                                GDestroyNotify     destroy);

/* Data */
void             cg_chart_clear                (CgChart           *self);
guint            cg_chart_add_series           (CgChart           *self,
                                                const char        *name);
void             cg_chart_add_point            (CgChart           *self,
                                                guint              series,
                                                const char        *category_key,
                                                const char        *label,
                                                double             value);
void             cg_chart_set_range            (CgChart           *self,
                                                double             lower,
                                                double             upper);
void             cg_chart_set_markers          (CgChart           *self,
                                                double             median,
                                                double             q1,
                                                double             q3);
guint            cg_chart_get_n_series         (CgChart           *self);
guint            cg_chart_get_n_categories     (CgChart           *self);

/* Other presentations */
GtkWidget       *cg_chart_build_table          (CgChart           *self);
gboolean         cg_chart_export_png           (CgChart           *self,
                                                const char        *path,
                                                int                width,
                                                int                height,
                                                GError           **error);
gboolean         cg_chart_export_svg           (CgChart           *self,
                                                const char        *path,
                                                int                width,
                                                int                height,
                                                GError           **error);

G_END_DECLS
