/* cg-role.c: a role, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-role"

#include "config.h"

#include "cg-db.h"
#include "cg-role.h"

struct _CgRole
{
  GObject parent_instance;

  gint64 id;
  char *slug;
  char *name;
  char *summary;
  char *related;
};

G_DEFINE_FINAL_TYPE (CgRole, cg_role, G_TYPE_OBJECT)

static void
cg_role_finalize (GObject *object)
{
  CgRole *self = CG_ROLE (object);

  g_free (self->slug);
  g_free (self->name);
  g_free (self->summary);
  g_free (self->related);

  G_OBJECT_CLASS (cg_role_parent_class)->finalize (object);
}

static void
cg_role_class_init (CgRoleClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_role_finalize;
}

static void
cg_role_init (CgRole *self)
{
}

/* Reads the current row of @stmt, which selected CG_ROLE_COLUMNS. */
CgRole *
cg_role_new_from_row (sqlite3_stmt *stmt)
{
  CgRole *self = g_object_new (CG_TYPE_ROLE, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->slug = g_strdup (cg_db_column_text (stmt, 1));
  self->name = g_strdup (cg_db_column_text (stmt, 2));
  self->summary = g_strdup (cg_db_column_text (stmt, 3));
  self->related = g_strdup (cg_db_column_text (stmt, 4));

  return self;
}

gint64
cg_role_get_id (CgRole *self)
{
  g_return_val_if_fail (CG_IS_ROLE (self), 0);

  return self->id;
}

const char *
cg_role_get_slug (CgRole *self)
{
  g_return_val_if_fail (CG_IS_ROLE (self), NULL);

  return self->slug;
}

const char *
cg_role_get_name (CgRole *self)
{
  g_return_val_if_fail (CG_IS_ROLE (self), NULL);

  return self->name;
}

const char *
cg_role_get_summary (CgRole *self)
{
  g_return_val_if_fail (CG_IS_ROLE (self), NULL);

  return self->summary;
}

const char *
cg_role_get_related (CgRole *self)
{
  g_return_val_if_fail (CG_IS_ROLE (self), NULL);

  return self->related;
}
