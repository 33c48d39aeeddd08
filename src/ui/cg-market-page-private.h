/* cg-market-page-private.h: what the tests ask of the Market page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-market-page.c itself) call these.
 */
#pragma once

#include "cg-market-page.h"

G_BEGIN_DECLS

/* The chart cards, by name, for cg_market_page_get_card(). */
#define CG_MARKET_CARD_EMPLOYMENT_TYPE  "employment-type"
#define CG_MARKET_CARD_ARRANGEMENT      "work-arrangement"
#define CG_MARKET_CARD_PAY              "pay"
#define CG_MARKET_CARD_LOCATIONS        "locations"
#define CG_MARKET_CARD_MONTHS           "months"
#define CG_MARKET_CARD_PAY_BY_ROLE      "pay-by-role"

void         cg_market_page_set_filter          (CgMarketPage *self,
                                                 const char   *role,
                                                 const char   *region);
const char  *cg_market_page_get_role            (CgMarketPage *self);
const char  *cg_market_page_get_region          (CgMarketPage *self);
gboolean     cg_market_page_get_busy            (CgMarketPage *self);
const GError *cg_market_page_get_error          (CgMarketPage *self);
CgChartCard *cg_market_page_get_card            (CgMarketPage *self,
                                                 const char   *name);
GtkDropDown *cg_market_page_get_role_dropdown   (CgMarketPage *self);
GtkDropDown *cg_market_page_get_region_dropdown (CgMarketPage *self);
GtkWidget   *cg_market_page_get_published_box   (CgMarketPage *self);

G_END_DECLS
