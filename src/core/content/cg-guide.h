/* cg-guide.h: a career guide, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_GUIDE (cg_guide_get_type ())

G_DECLARE_FINAL_TYPE (CgGuide, cg_guide, CG, GUIDE, GObject)

/* The columns cg_guide_new_from_row() reads, in order. */
#define CG_GUIDE_COLUMNS "id, slug, origin, title, description, keywords, roles, image, date, body"

CgGuide *cg_guide_new_from_row (sqlite3_stmt *stmt);
gint64 cg_guide_get_id (CgGuide *self);
const char * cg_guide_get_slug (CgGuide *self);
const char * cg_guide_get_origin (CgGuide *self);
const char * cg_guide_get_title (CgGuide *self);
const char * cg_guide_get_description (CgGuide *self);
const char * cg_guide_get_keywords (CgGuide *self);
const char * cg_guide_get_roles (CgGuide *self);
const char * cg_guide_get_image (CgGuide *self);
const char * cg_guide_get_date (CgGuide *self);
const char * cg_guide_get_body (CgGuide *self);

G_END_DECLS
