/* cg-search-page-private.h: what the tests ask of the search page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-search-page.c itself) call these.
 */
#pragma once

#include "cg-search-page.h"

G_BEGIN_DECLS

gboolean        cg_search_page_get_busy     (CgSearchPage *self);
guint           cg_search_page_get_n_results (CgSearchPage *self);
gboolean        cg_search_page_activate_first (CgSearchPage *self);

G_END_DECLS
