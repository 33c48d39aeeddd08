/* cg-compare.h: roles side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

#include "cg-library.h"
#include "cg-stats.h"

G_BEGIN_DECLS

#define CG_COMPARE_MAX_ROLES 4

typedef enum {
  CG_COMPARE_ROW_SUMMARY,  /* the roles' summaries */
  CG_COMPARE_ROW_ASPECT,   /* a written aspect (aspects, role_aspects) */
  CG_COMPARE_ROW_LIVE,     /* a figure computed from the open postings */
} CgCompareRowKind;

/* One row of the comparison: an aspect and its value for each role. */
typedef struct {
  char             *key;      /* "summary", an aspect key, or one of the live rows:
                               * "open_postings", "pay_range", "pay_median",
                               * "arrangement", "employment_type", "locations" */
  char             *label;    /* "Focus", "Open postings"... */
  CgCompareRowKind  kind;
  char            **values;   /* one per role, in column order; "" when the role has no
                               * value. Several items in a value (shares, places) are
                               * on lines of their own, separated by "\n". */
  gboolean          differs;  /* the values are not all the same */
} CgCompareRow;

/* The comparison of 1 to CG_COMPARE_MAX_ROLES roles: the written rows at
 * first, and the live rows once figures are set (see
 * cg_compare_compute_figures()). */
typedef struct _CgComparison CgComparison;

CgComparison        *cg_comparison_new              (sqlite3             *db,
                                                     const char * const  *roles,
                                                     GError             **error);
CgComparison        *cg_comparison_new_for_library  (CgLibrary           *library,
                                                     const char * const  *roles,
                                                     GError             **error);
void                 cg_comparison_free             (CgComparison        *self);

guint                cg_comparison_get_n_roles      (const CgComparison  *self);
const char * const  *cg_comparison_get_slugs        (const CgComparison  *self);
const char          *cg_comparison_get_role_name    (const CgComparison  *self,
                                                     guint                index);
guint                cg_comparison_get_n_rows       (const CgComparison  *self);
const CgCompareRow  *cg_comparison_get_row          (const CgComparison  *self,
                                                     guint                index);
const CgCompareRow  *cg_comparison_find_row         (const CgComparison  *self,
                                                     const char          *key);

GPtrArray           *cg_compare_compute_figures     (sqlite3             *db,
                                                     const char * const  *roles,
                                                     const char          *region,
                                                     const char          *today,
                                                     GError             **error);
void                 cg_compare_compute_figures_async (CgLibrary         *library,
                                                     const char * const  *roles,
                                                     const char          *region,
                                                     const char          *today,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray           *cg_compare_compute_figures_finish (CgLibrary        *library,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void                 cg_comparison_set_figures      (CgComparison        *self,
                                                     GPtrArray           *figures,
                                                     const char          *region,
                                                     const char          *today);
gboolean             cg_comparison_has_figures      (const CgComparison  *self);
const CgRoleFigures *cg_comparison_get_figures      (const CgComparison  *self,
                                                     guint                index);
char                *cg_comparison_dup_figures_note (const CgComparison  *self);

char                *cg_compare_export_markdown     (const CgComparison  *self,
                                                     gboolean             only_differences);
char                *cg_compare_export_csv          (const CgComparison  *self,
                                                     gboolean             only_differences);
char                *cg_compare_export_html         (const CgComparison  *self);

char                *cg_compare_render_html         (sqlite3             *db,
                                                     const char * const  *roles,
                                                     GError             **error);
char                *cg_compare_block_cb            (const char          *info,
                                                     const char          *content,
                                                     gpointer             db);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgComparison, cg_comparison_free)

G_END_DECLS
