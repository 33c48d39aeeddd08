/* cg-guides-page-private.h: what the tests ask of the Guides page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-guides-page.c itself) call these.
 */
#pragma once

#include "cg-guides-page.h"

G_BEGIN_DECLS

const char   *cg_guides_page_get_current  (CgGuidesPage *self);
CgReaderView *cg_guides_page_get_reader   (CgGuidesPage *self);
guint         cg_guides_page_get_n_visible (CgGuidesPage *self);
GtkListBox   *cg_guides_page_get_list_box (CgGuidesPage *self);

G_END_DECLS
