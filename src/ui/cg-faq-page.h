/* cg-faq-page.h: questions and answers, by topic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"
#include "cg-reader-view.h"

G_BEGIN_DECLS

#define CG_TYPE_FAQ_PAGE (cg_faq_page_get_type ())

G_DECLARE_FINAL_TYPE (CgFaqPage, cg_faq_page, CG, FAQ_PAGE, GtkWidget)

GtkWidget    *cg_faq_page_new         (void);
void          cg_faq_page_set_library (CgFaqPage   *self,
                                       CgLibrary   *library);
void          cg_faq_page_reload      (CgFaqPage   *self);
void          cg_faq_page_show_entry  (CgFaqPage   *self,
                                       const char  *slug);

G_END_DECLS
