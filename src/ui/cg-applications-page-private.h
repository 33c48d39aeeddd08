/* cg-applications-page-private.h: what the tests ask of the Applications page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-applications-page.c itself) call these.
 */
#pragma once

#include "cg-applications-page.h"

G_BEGIN_DECLS

guint      cg_applications_page_get_due_count    (CgApplicationsPage  *self);
CgApplicationEditor *cg_applications_page_get_editor   (CgApplicationsPage *self);
GtkWidget           *cg_applications_page_get_card     (CgApplicationsPage *self,
                                                        gint64              id);
GtkWidget           *cg_applications_page_get_column   (CgApplicationsPage *self,
                                                        guint               position);
GListModel          *cg_applications_page_get_model    (CgApplicationsPage *self);

G_END_DECLS
