/* cg-applications-page.h: the application tracker: board, table,
 * statistics and the detail editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-application-editor.h"
#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_APPLICATIONS_PAGE (cg_applications_page_get_type ())

G_DECLARE_FINAL_TYPE (CgApplicationsPage, cg_applications_page, CG, APPLICATIONS_PAGE, GtkWidget)

GtkWidget *cg_applications_page_new              (void);
void       cg_applications_page_set_library      (CgApplicationsPage  *self,
                                                  CgLibrary           *library);
void       cg_applications_page_reload           (CgApplicationsPage  *self);
void       cg_applications_page_open_application (CgApplicationsPage  *self,
                                                  gint64               id);
gboolean   cg_applications_page_save_pending     (CgApplicationsPage  *self,
                                                  GError             **error);

/* For the window. */
void                 cg_applications_page_focus_search (CgApplicationsPage *self);

G_END_DECLS
