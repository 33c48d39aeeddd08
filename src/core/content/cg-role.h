/* cg-role.h: a role, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_ROLE (cg_role_get_type ())

G_DECLARE_FINAL_TYPE (CgRole, cg_role, CG, ROLE, GObject)

/* The columns cg_role_new_from_row() reads, in order. */
#define CG_ROLE_COLUMNS "id, slug, name, summary, related"

CgRole *cg_role_new_from_row (sqlite3_stmt *stmt);
gint64 cg_role_get_id (CgRole *self);
const char * cg_role_get_slug (CgRole *self);
const char * cg_role_get_name (CgRole *self);
const char * cg_role_get_summary (CgRole *self);
const char * cg_role_get_related (CgRole *self);

G_END_DECLS
