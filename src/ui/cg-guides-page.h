/* cg-guides-page.h: the guide list and the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"
#include "cg-reader-view.h"

G_BEGIN_DECLS

#define CG_TYPE_GUIDES_PAGE (cg_guides_page_get_type ())

G_DECLARE_FINAL_TYPE (CgGuidesPage, cg_guides_page, CG, GUIDES_PAGE, GtkWidget)

GtkWidget    *cg_guides_page_new          (void);
void          cg_guides_page_set_library  (CgGuidesPage *self,
                                           CgLibrary    *library);
void          cg_guides_page_reload       (CgGuidesPage *self);
gboolean      cg_guides_page_open         (CgGuidesPage *self,
                                           const char   *slug);
gboolean      cg_guides_page_import       (CgGuidesPage *self,
                                           const char   *path,
                                           GError      **error);

G_END_DECLS
