/* cg-window-private.h: what the tests ask of the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-window.c itself) call these.
 */
#pragma once

#include "cg-window.h"

G_BEGIN_DECLS

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
