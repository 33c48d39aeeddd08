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
void                cg_compare_page_set_region            (CgComparePage      *self,
                                                           const char         *region);
const char         *cg_compare_page_get_region            (CgComparePage      *self);
void                cg_compare_page_set_only_differences  (CgComparePage      *self,
                                                           gboolean            only_differences);
gboolean            cg_compare_page_get_only_differences  (CgComparePage      *self);
gboolean            cg_compare_page_get_loading           (CgComparePage      *self);
const CgComparison *cg_compare_page_get_comparison        (CgComparePage      *self);
GtkWidget          *cg_compare_page_get_row_widget        (CgComparePage      *self,
                                                           const char         *key);
GtkDropDown        *cg_compare_page_get_role_dropdown     (CgComparePage      *self,
                                                           guint               index);
gboolean            cg_compare_page_is_stacked            (CgComparePage      *self);
char               *cg_compare_page_dup_export            (CgComparePage      *self,
                                                           gboolean            csv);

G_END_DECLS
