/* cg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-application.h"
#include "cg-search-page.h"

G_BEGIN_DECLS

#define CG_TYPE_WINDOW (cg_window_get_type ())

G_DECLARE_FINAL_TYPE (CgWindow, cg_window, CG, WINDOW, AdwApplicationWindow)

CgWindow   *cg_window_new            (CgApplication *application);
void        cg_window_show_page      (CgWindow      *self,
                                      const char    *name);
const char *cg_window_get_page       (CgWindow      *self);
GtkWidget  *cg_window_get_page_widget (CgWindow     *self,
                                      const char    *name);
gboolean    cg_window_open_link      (CgWindow      *self,
                                      const char    *uri);
void        cg_window_import_files   (CgWindow      *self,
                                      GList         *files);
gboolean    cg_window_is_importing   (CgWindow      *self);
void        cg_window_search         (CgWindow      *self,
                                      const char    *text);
CgSearchPage *cg_window_get_search_page (CgWindow   *self);

G_END_DECLS
