/* cg-faq-page-private.h: what the tests ask of the FAQ page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-faq-page.c itself) call these.
 */
#pragma once

#include "cg-faq-page.h"

G_BEGIN_DECLS

void          cg_faq_page_search      (CgFaqPage   *self,
                                       const char  *text);
CgReaderView *cg_faq_page_get_reader  (CgFaqPage   *self);
guint         cg_faq_page_get_n_shown (CgFaqPage   *self);

G_END_DECLS
