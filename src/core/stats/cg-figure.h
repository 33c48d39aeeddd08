/* cg-figure.h: a published market figure, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_FIGURE (cg_figure_get_type ())

G_DECLARE_FINAL_TYPE (CgFigure, cg_figure, CG, FIGURE, GObject)

/* The columns cg_figure_new_from_row() reads, in order. */
#define CG_FIGURE_COLUMNS "id, role, region, date, dimension, category, percent, source"

CgFigure *cg_figure_new_from_row (sqlite3_stmt *stmt);
gint64 cg_figure_get_id (CgFigure *self);
const char * cg_figure_get_role (CgFigure *self);
const char * cg_figure_get_region (CgFigure *self);
const char * cg_figure_get_date (CgFigure *self);
const char * cg_figure_get_dimension (CgFigure *self);
const char * cg_figure_get_category (CgFigure *self);
double cg_figure_get_percent (CgFigure *self);
const char * cg_figure_get_source (CgFigure *self);

G_END_DECLS
