/* cg-compare-page.h: roles side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-compare.h"
#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_COMPARE_PAGE (cg_compare_page_get_type ())

G_DECLARE_FINAL_TYPE (CgComparePage, cg_compare_page, CG, COMPARE_PAGE, GtkWidget)

GtkWidget          *cg_compare_page_new                   (void);
void                cg_compare_page_set_library           (CgComparePage      *self,
                                                           CgLibrary          *library);
void                cg_compare_page_reload                (CgComparePage      *self);
void                cg_compare_page_set_roles             (CgComparePage      *self,
                                                           const char * const *slugs);
char              **cg_compare_page_dup_roles             (CgComparePage      *self);
const char         *cg_compare_page_get_region            (CgComparePage      *self);

G_END_DECLS
