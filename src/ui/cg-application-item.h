/* cg-application-item.h: one tracked application in the Applications page's
 * list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "cg-tracker.h"

G_BEGIN_DECLS

typedef enum {
  CG_DUE_NONE,
  CG_DUE_TODAY,
  CG_DUE_OVERDUE,
} CgDueState;

#define CG_TYPE_APPLICATION_ITEM (cg_application_item_get_type ())

G_DECLARE_FINAL_TYPE (CgApplicationItem, cg_application_item, CG, APPLICATION_ITEM, GObject)

CgApplicationItem          *cg_application_item_new                (CgApplicationDetails *details,
                                                                    int                   stage_position);
gint64                      cg_application_item_get_id             (CgApplicationItem    *self);
const CgApplicationDetails *cg_application_item_get_details        (CgApplicationItem    *self);
int                         cg_application_item_get_stage_position (CgApplicationItem    *self);
CgDueState                  cg_application_item_get_due            (CgApplicationItem    *self);
const char                 *cg_application_item_get_due_text       (CgApplicationItem    *self);
void                        cg_application_item_set_due            (CgApplicationItem    *self,
                                                                    CgDueState            due,
                                                                    const char           *text);
gboolean                    cg_application_item_matches            (CgApplicationItem    *self,
                                                                    const char           *folded_text);

G_END_DECLS
