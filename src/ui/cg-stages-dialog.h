/* cg-stages-dialog.h: rename, add, reorder, close and delete the tracker's
 * stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_STAGES_DIALOG (cg_stages_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CgStagesDialog, cg_stages_dialog, CG, STAGES_DIALOG, AdwWindow)

GtkWidget *cg_stages_dialog_new (GtkWindow *parent,
                                 CgLibrary *library);

G_END_DECLS
