/* cg-stats.h: figures computed from the postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cg-library.h"

G_BEGIN_DECLS

/*
 * Every function here reads a connection to user.db (or any file with the
 * jobs and figures tables) and may scan many postings: call them on a
 * worker thread with a read-only connection of its own
 * (cg_library_run_in_worker()), never on the main thread with a large
 * library; the pages ask through the _async forms.
 * Cancelling that connection's cancellable stops them; they then fail with
 * the SQLite error SQLITE_INTERRUPT.
 *
 * The filter they share:
 * - @role: a role slug (jobs.role), or NULL for every posting;
 * - @region: NULL for everywhere, else a region code such as "FL" (matched
 *   against jobs.region, case-insensitively; a US state's name such as
 *   "Florida" matches its code too), or any other text, matched as a
 *   substring of the posting's locations ("Miami");
 * - @today: YYYY-MM-DD, or NULL for the local date. A posting is open when
 *   it is not marked expired and has no closing date (valid_through) or
 *   one on or after @today.
 *
 * Pay is always annualised (jobs.pay_annual_min/max: an hourly rate times
 * 2080, and so on). A posting's pay is the midpoint of its range, or the one
 * end it states. The pay figures are in one currency: the one most of the
 * matching postings with pay use (ties: the first in alphabetical order);
 * postings paid in another currency are not in them.
 *
 * Quartiles and the median use linear interpolation between the closest
 * ranks (R's type 7, numpy's default, Excel's QUARTILE.INC): with the n
 * values sorted as x[0] <= ... <= x[n-1], the p-quantile is at rank
 * h = (n - 1) p, between x[floor h] and x[floor h + 1]. So the median of
 * an even count is the mean of the two middle values.
 */

#define CG_STATS_ERROR (cg_stats_error_quark ())

typedef enum {
  CG_STATS_ERROR_INVALID,  /* an argument out of range, such as an unknown dimension */
} CgStatsError;

/* A category and how many postings are in it. */
typedef struct {
  char   *key;      /* "onsite", "full_time", "Miami, FL", "2026-05", a role slug... */
  guint   count;
  double  percent;  /* count out of the total the function names, 0 to 100 */
} CgStatsCount;

/* The distribution of annualised pay over a set of postings. */
typedef struct {
  gboolean has_pay;      /* FALSE: no posting has pay; the figures below are 0 */
  guint    count;        /* postings with pay (in @currency) */
  char     currency[4];  /* ISO 4217 code, "" when the postings do not say */
  double   min;          /* the lowest annual minimum (or stated figure) */
  double   max;          /* the highest annual maximum (or stated figure) */
  double   q1;           /* quartiles of the per-posting midpoints */
  double   median;
  double   q3;
} CgPaySummary;

/* What the comparison shows for one role. */
typedef struct {
  guint         n_open;             /* open postings */
  CgPaySummary  pay;
  guint         n_arrangement;      /* open postings that state an arrangement */
  GArray       *arrangements;       /* of CgStatsCount: onsite, hybrid, remote (all three,
                                     * in that order), percent of n_arrangement */
  guint         n_employment_type;  /* open postings that state an employment type */
  GArray       *employment_types;   /* of CgStatsCount: the categories in use, most first,
                                     * percent of n_employment_type */
  guint         n_location;         /* open postings that give a location */
  GArray       *locations;          /* of CgStatsCount: the first location of each posting,
                                     * most first (then by name), at most
                                     * CG_STATS_TOP_LOCATIONS, percent of n_location */
} CgRoleFigures;

#define CG_STATS_TOP_LOCATIONS 3

/* One bar of a pay histogram: midpoints in [lo, hi) (the last bar: [lo, hi]). */
typedef struct {
  double lo;
  double hi;
  guint  count;
} CgPayBin;

typedef struct {
  CgPaySummary  summary;
  GArray       *bins;    /* of CgPayBin, equal widths from the lowest midpoint to the
                          * highest; empty when there is no pay */
} CgPayHistogram;

/* Median pay of one role. */
typedef struct {
  char         *role;    /* role slug */
  CgPaySummary  pay;
} CgRolePay;

/* A published figure (the figures table). */
typedef struct {
  char   *role;
  char   *region;
  char   *date;
  char   *dimension;   /* "work_arrangement" or "employment_type" */
  char   *category;
  double  percent;
  char   *source;
} CgPublishedFigure;

/* Functions returning a GArray return NULL with @error set when they
 * fail; the array frees the strings of its items itself, so g_array_unref()
 * (or g_autoptr(GArray)) is all it needs. @total, when not NULL, receives
 * the count the percents are out of. */

GQuark          cg_stats_error_quark          (void);

/* The categories of a dimension as the figures table names them, in the
 * order they are shown, NULL-terminated; NULL for an unknown dimension. */
const char * const *cg_stats_dimension_categories (const char *dimension);

gboolean        cg_stats_role_figures         (sqlite3        *db,
                                               const char     *role,
                                               const char     *region,
                                               const char     *today,
                                               CgRoleFigures  *out,
                                               GError        **error);
void            cg_role_figures_clear         (CgRoleFigures  *figures);
void            cg_role_figures_free          (CgRoleFigures  *figures);

gboolean        cg_stats_pay_summary          (sqlite3        *db,
                                               const char     *role,
                                               const char     *region,
                                               const char     *today,
                                               CgPaySummary   *out,
                                               GError        **error);

GArray         *cg_stats_shares               (sqlite3        *db,
                                               const char     *dimension,
                                               const char     *role,
                                               const char     *region,
                                               const char     *today,
                                               guint          *total,
                                               GError        **error);

CgPayHistogram *cg_stats_pay_histogram        (sqlite3        *db,
                                               const char     *role,
                                               const char     *region,
                                               const char     *today,
                                               guint           n_bins,
                                               GError        **error);
void            cg_pay_histogram_free         (CgPayHistogram *histogram);

GArray         *cg_stats_top_locations        (sqlite3        *db,
                                               const char     *role,
                                               const char     *region,
                                               const char     *today,
                                               guint           limit,
                                               guint          *total,
                                               GError        **error);

GArray         *cg_stats_postings_by_month    (sqlite3        *db,
                                               const char     *role,
                                               const char     *region,
                                               GError        **error);

GArray         *cg_stats_pay_by_role          (sqlite3        *db,
                                               const char     *region,
                                               const char     *today,
                                               GError        **error);

GArray         *cg_stats_published_figures    (sqlite3        *db,
                                               const char     *role,
                                               const char     *region,
                                               const char     *dimension,
                                               GError        **error);

gboolean        cg_stats_find_state           (const char     *region,
                                               const char    **code,
                                               const char    **name);
char          **cg_stats_list_regions         (sqlite3        *db,
                                               GError        **error);
void            cg_stats_list_regions_async   (CgLibrary      *library,
                                               GCancellable   *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer        user_data);
char          **cg_stats_list_regions_finish  (CgLibrary      *library,
                                               GAsyncResult   *result,
                                               GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgPayHistogram, cg_pay_histogram_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRoleFigures, cg_role_figures_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgRoleFigures, cg_role_figures_clear)

G_END_DECLS
