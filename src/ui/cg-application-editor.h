/* cg-application-editor.h: every field of one tracked application, saved as
 * you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_APPLICATION_EDITOR (cg_application_editor_get_type ())

G_DECLARE_FINAL_TYPE (CgApplicationEditor, cg_application_editor, CG, APPLICATION_EDITOR, GtkWidget)

/* How long typing must pause before an edit is saved. */
#define CG_APPLICATION_EDITOR_SAVE_DELAY_MS 500

GtkWidget     *cg_application_editor_new           (void);
void           cg_application_editor_set_library   (CgApplicationEditor  *self,
                                                    CgLibrary            *library);
void           cg_application_editor_set_stages    (CgApplicationEditor  *self,
                                                    GListModel           *stages);
gboolean       cg_application_editor_load          (CgApplicationEditor  *self,
                                                    gint64                id,
                                                    GError              **error);
gint64         cg_application_editor_get_id        (CgApplicationEditor  *self);
void           cg_application_editor_refresh       (CgApplicationEditor  *self);
gboolean       cg_application_editor_save_pending  (CgApplicationEditor  *self,
                                                    GError              **error);
void           cg_application_editor_focus_title   (CgApplicationEditor  *self);

G_END_DECLS
