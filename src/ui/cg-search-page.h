/* cg-search-page.h: search everything (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_SEARCH_PAGE (cg_search_page_get_type ())

G_DECLARE_FINAL_TYPE (CgSearchPage, cg_search_page, CG, SEARCH_PAGE, GtkWidget)

GtkWidget      *cg_search_page_new          (void);
void            cg_search_page_set_library  (CgSearchPage *self,
                                             CgLibrary    *library);
GtkSearchEntry *cg_search_page_get_entry    (CgSearchPage *self);
void            cg_search_page_search       (CgSearchPage *self,
                                             const char   *text);

G_END_DECLS
