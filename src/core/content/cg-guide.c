/* cg-guide.c: a career guide, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-guide"

#include "config.h"

#include "cg-db.h"
#include "cg-guide.h"

struct _CgGuide
{
  GObject parent_instance;

  gint64 id;
  char *slug;
  char *origin;
  char *title;
  char *description;
  char *keywords;
  char *roles;
  char *image;
  char *date;
  char *body;
};

G_DEFINE_FINAL_TYPE (CgGuide, cg_guide, G_TYPE_OBJECT)

static void
cg_guide_finalize (GObject *object)
{
  CgGuide *self = CG_GUIDE (object);

  g_free (self->slug);
  g_free (self->origin);
  g_free (self->title);
  g_free (self->description);
  g_free (self->keywords);
  g_free (self->roles);
  g_free (self->image);
  g_free (self->date);
  g_free (self->body);

  G_OBJECT_CLASS (cg_guide_parent_class)->finalize (object);
}

static void
cg_guide_class_init (CgGuideClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_guide_finalize;
}

static void
cg_guide_init (CgGuide *self)
{
}

/* Reads the current row of @stmt, which selected CG_GUIDE_COLUMNS. */
CgGuide *
cg_guide_new_from_row (sqlite3_stmt *stmt)
{
  CgGuide *self = g_object_new (CG_TYPE_GUIDE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->slug = g_strdup (cg_db_column_text (stmt, 1));
  self->origin = g_strdup (cg_db_column_text (stmt, 2));
  self->title = g_strdup (cg_db_column_text (stmt, 3));
  self->description = g_strdup (cg_db_column_text (stmt, 4));
  self->keywords = g_strdup (cg_db_column_text (stmt, 5));
  self->roles = g_strdup (cg_db_column_text (stmt, 6));
  self->image = g_strdup (cg_db_column_text (stmt, 7));
  self->date = g_strdup (cg_db_column_text (stmt, 8));
  self->body = g_strdup (cg_db_column_text (stmt, 9));

  return self;
}

gint64
cg_guide_get_id (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), 0);

  return self->id;
}

const char *
cg_guide_get_slug (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->slug;
}

const char *
cg_guide_get_origin (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->origin;
}

const char *
cg_guide_get_title (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->title;
}

const char *
cg_guide_get_description (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->description;
}

const char *
cg_guide_get_keywords (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->keywords;
}

const char *
cg_guide_get_roles (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->roles;
}

const char *
cg_guide_get_image (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->image;
}

const char *
cg_guide_get_date (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->date;
}

const char *
cg_guide_get_body (CgGuide *self)
{
  g_return_val_if_fail (CG_IS_GUIDE (self), NULL);

  return self->body;
}
