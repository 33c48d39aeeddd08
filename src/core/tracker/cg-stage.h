/* cg-stage.h: a stage of the application tracker (Wishlist, Applied, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CG_TYPE_STAGE (cg_stage_get_type ())

G_DECLARE_FINAL_TYPE (CgStage, cg_stage, CG, STAGE, GObject)

CgStage    *cg_stage_new          (gint64      id,
                                   const char *name,
                                   int         position,
                                   gboolean    closed);
gint64      cg_stage_get_id       (CgStage    *self);
const char *cg_stage_get_name     (CgStage    *self);
int         cg_stage_get_position (CgStage    *self);
gboolean    cg_stage_get_closed   (CgStage    *self);

G_END_DECLS
