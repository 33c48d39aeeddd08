/* cg-market-page.h: the market in figures and charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-chart-card.h"
#include "cg-library.h"

G_BEGIN_DECLS

/*
 * Clicking a bar, bin, column or slice (or Enter on a focused one) opens
 * the Jobs page filtered to it by activating the window action
 *
 *   win.show-jobs  (parameter type a{ss})
 *
 * with a dictionary of the filters, every key optional (absent: any):
 *
 *   "role"             a role slug ("embedded-ml-engineer"): the page's
 *                      role, or the role of the bar in "Pay by role";
 *   "arrangement"      "onsite", "hybrid" or "remote" (Work arrangement);
 *   "employment_type"  "full_time", "part_time", "temporary", "contractor",
 *                      "intern" (Employment type);
 *   "location"         a location as the postings give it, "Miami, FL"
 *                      (Top locations): a substring of jobs.locations;
 *   "region"           the page's region as picked ("FL", "Florida",
 *                      "Miami"), meant as cg-stats.h reads a region: a
 *                      code or US state name matches jobs.region, other
 *                      text a substring of the locations. Not sent with
 *                      "location", which is more precise;
 *   "min_pay",         a pay bin of "Pay (a year)": the bin's annualised
 *   "max_pay"          bounds, whole units of "currency" in decimal
 *                      ("90000"), to compare with jobs.pay_annual_min/max;
 *   "currency"         the ISO 4217 code of those bounds ("USD");
 *   "posted_month"     a column of "Postings by month": "YYYY-MM" of
 *                      jobs.date_posted (that chart counts closed
 *                      postings too).
 *
 * A receiver that cannot filter by a key ignores it; "role",
 * "arrangement", "employment_type" and "location" are the ones the Jobs
 * page has filters for.
 */

#define CG_TYPE_MARKET_PAGE (cg_market_page_get_type ())

G_DECLARE_FINAL_TYPE (CgMarketPage, cg_market_page, CG, MARKET_PAGE, GtkWidget)

GtkWidget   *cg_market_page_new                 (void);
void         cg_market_page_set_library         (CgMarketPage *self,
                                                 CgLibrary    *library);
void         cg_market_page_reload              (CgMarketPage *self);

G_END_DECLS
