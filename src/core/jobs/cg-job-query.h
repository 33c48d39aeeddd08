/* cg-job-query.h: what the job list shows: search text, filters, sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  CG_JOB_SORT_RELEVANCE,  /* best match first; newest first without search text */
  CG_JOB_SORT_NEWEST,
  CG_JOB_SORT_PAY,        /* highest annualised pay first */
  CG_JOB_SORT_TITLE,
  CG_JOB_SORT_COMPANY,
} CgJobSort;

typedef enum {
  CG_ARRANGEMENT_ONSITE = 1 << 0,
  CG_ARRANGEMENT_HYBRID = 1 << 1,
  CG_ARRANGEMENT_REMOTE = 1 << 2,
} CgArrangementFlags;

#define CG_TYPE_JOB_QUERY (cg_job_query_get_type ())

typedef struct {
  char      *text;            /* search text as typed, or NULL */
  guint      arrangements;    /* CgArrangementFlags; 0 = any */
  char      *employment_type; /* "full_time", ... or NULL = any */
  double     min_annual_pay;  /* 0 = any */
  char      *location;        /* substring of a location, or NULL */
  char      *role;            /* role slug, or NULL */
  gboolean   hide_expired;
  CgJobSort  sort;
  /* What a chart's bar stands for (the Market page): */
  char      *region;          /* a region as in cg-stats.h, or NULL = any */
  char      *pay_currency;    /* with pay_from/pay_to: the pay (midpoint of */
  double     pay_from;        /*   the annualised range) in this currency  */
  double     pay_to;          /*   from..to inclusive; pay_to 0 = no range */
  char      *posted_month;    /* "YYYY-MM", or NULL = any */
} CgJobQuery;

GType       cg_job_query_get_type  (void) G_GNUC_CONST;
CgJobQuery *cg_job_query_new       (void);
CgJobQuery *cg_job_query_copy      (const CgJobQuery *query);
void        cg_job_query_free      (CgJobQuery       *query);
gboolean    cg_job_query_equal     (const CgJobQuery *a,
                                    const CgJobQuery *b);
char       *cg_job_query_build_sql (const CgJobQuery *query,
                                    const char       *today,
                                    GPtrArray        *params);

char       *cg_fts_query_from_text (const char       *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgJobQuery, cg_job_query_free)

G_END_DECLS
