/* cg-market.h: the market page's figures: published beside live, by role and region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cg-library.h"
#include "cg-stats.h"

G_BEGIN_DECLS

/* The two dimensions the figures table publishes. */
#define CG_MARKET_N_DIMENSIONS 2
#define CG_MARKET_PAY_BINS 10
#define CG_MARKET_TOP_LOCATIONS 8

/* How near the published figures found are to the role and region asked for. */
typedef enum {
  CG_MARKET_PUBLISHED_EXACT,   /* for the role and the region (or none at all) */
  CG_MARKET_PUBLISHED_ROLE,    /* for the role, in any region */
  CG_MARKET_PUBLISHED_REGION,  /* for any role, in the region */
  CG_MARKET_PUBLISHED_ANY,     /* every published figure */
} CgMarketPublishedMatch;

/* Everything the market shows for a role and a region. */
typedef struct {
  char                   **regions;          /* when listed, else NULL */
  char                    *region;           /* the region the figures are for, or NULL */
  GArray                  *published;        /* of CgPublishedFigure */
  CgMarketPublishedMatch   published_match;
  GArray                  *shares[CG_MARKET_N_DIMENSIONS];  /* of CgStatsCount */
  guint                    shares_total[CG_MARKET_N_DIMENSIONS];
  CgPayHistogram          *pay;
  GArray                  *locations;        /* of CgStatsCount */
  guint                    locations_total;
  GArray                  *months;           /* of CgStatsCount */
  GArray                  *pay_by_role;      /* of CgRolePay */
} CgMarketFigures;

/* The published figures of one dimension from one source, role, region
 * and date. */
typedef struct {
  const CgPublishedFigure *first;
  GPtrArray               *figures;  /* const CgPublishedFigure * */
} CgMarketGroup;

const char       *cg_market_dimension           (guint                    index);

gboolean          cg_market_list_regions        (sqlite3                 *db,
                                                 const char              *default_region,
                                                 char                  ***regions,
                                                 char                   **resolved,
                                                 GError                 **error);
GArray           *cg_market_published_nearest   (sqlite3                 *db,
                                                 const char              *role,
                                                 const char              *region,
                                                 CgMarketPublishedMatch  *match,
                                                 GError                 **error);
CgMarketFigures  *cg_market_compute             (sqlite3                 *db,
                                                 const char              *role,
                                                 const char              *region,
                                                 const char              *today,
                                                 gboolean                 list_regions,
                                                 const char              *default_region,
                                                 GCancellable            *cancellable,
                                                 GError                 **error);
void              cg_market_compute_async       (CgLibrary               *library,
                                                 const char              *role,
                                                 const char              *region,
                                                 const char              *today,
                                                 gboolean                 list_regions,
                                                 const char              *default_region,
                                                 GCancellable            *cancellable,
                                                 GAsyncReadyCallback      callback,
                                                 gpointer                 user_data);
CgMarketFigures  *cg_market_compute_finish      (CgLibrary               *library,
                                                 GAsyncResult            *result,
                                                 GError                 **error);
void              cg_market_figures_free        (CgMarketFigures         *figures);

GPtrArray        *cg_market_group_figures       (GArray                  *published);
CgMarketGroup    *cg_market_first_group         (GPtrArray               *groups,
                                                 const char              *dimension);
const CgPublishedFigure *cg_market_group_lookup (const CgMarketGroup     *group,
                                                 const char              *category);
const CgStatsCount *cg_market_shares_lookup     (GArray                  *shares,
                                                 const char              *key);
GPtrArray        *cg_market_dimension_categories (const char             *dimension,
                                                 const CgMarketGroup     *group,
                                                 GArray                  *shares);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgMarketFigures, cg_market_figures_free)

G_END_DECLS
