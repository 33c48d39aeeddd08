/* cg-compare-page-private.h: what the tests ask of the Compare page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-compare-page.c itself) call these.
 */
#pragma once

#include "cg-compare-page.h"

G_BEGIN_DECLS

void                cg_compare_page_set_region            (CgComparePage      *self,
                                                           const char         *region);
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
