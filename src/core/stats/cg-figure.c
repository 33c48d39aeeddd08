/* cg-figure.c: a published market figure, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-figure"

#include "config.h"

#include <math.h>

#include "cg-db.h"
#include "cg-figure.h"

struct _CgFigure
{
  GObject parent_instance;

  gint64 id;
  char *role;
  char *region;
  char *date;
  char *dimension;
  char *category;
  double percent;
  char *source;
};

G_DEFINE_FINAL_TYPE (CgFigure, cg_figure, G_TYPE_OBJECT)

static void
cg_figure_finalize (GObject *object)
{
  CgFigure *self = CG_FIGURE (object);

  g_free (self->role);
  g_free (self->region);
  g_free (self->date);
  g_free (self->dimension);
  g_free (self->category);
  g_free (self->source);

  G_OBJECT_CLASS (cg_figure_parent_class)->finalize (object);
}

static void
cg_figure_class_init (CgFigureClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_figure_finalize;
}

static void
cg_figure_init (CgFigure *self)
{
}

/* NULL reads as NaN, so that "no figure" is not mistaken for 0. */
static double
column_double (sqlite3_stmt *stmt,
               int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, col);
}

/* Reads the current row of @stmt, which selected CG_FIGURE_COLUMNS. */
CgFigure *
cg_figure_new_from_row (sqlite3_stmt *stmt)
{
  CgFigure *self = g_object_new (CG_TYPE_FIGURE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->role = g_strdup (cg_db_column_text (stmt, 1));
  self->region = g_strdup (cg_db_column_text (stmt, 2));
  self->date = g_strdup (cg_db_column_text (stmt, 3));
  self->dimension = g_strdup (cg_db_column_text (stmt, 4));
  self->category = g_strdup (cg_db_column_text (stmt, 5));
  self->percent = column_double (stmt, 6);
  self->source = g_strdup (cg_db_column_text (stmt, 7));

  return self;
}

gint64
cg_figure_get_id (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), 0);

  return self->id;
}

const char *
cg_figure_get_role (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NULL);

  return self->role;
}

const char *
cg_figure_get_region (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NULL);

  return self->region;
}

const char *
cg_figure_get_date (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NULL);

  return self->date;
}

const char *
cg_figure_get_dimension (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NULL);

  return self->dimension;
}

const char *
cg_figure_get_category (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NULL);

  return self->category;
}

double
cg_figure_get_percent (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NAN);

  return self->percent;
}

const char *
cg_figure_get_source (CgFigure *self)
{
  g_return_val_if_fail (CG_IS_FIGURE (self), NULL);

  return self->source;
}
