/* cg-jobs-page.h: the job list, its filters and the posting detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-job-list-model.h"
#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_JOBS_PAGE (cg_jobs_page_get_type ())

G_DECLARE_FINAL_TYPE (CgJobsPage, cg_jobs_page, CG, JOBS_PAGE, GtkWidget)

GtkWidget      *cg_jobs_page_new          (void);
void            cg_jobs_page_set_library  (CgJobsPage   *self,
                                           CgLibrary    *library);
CgJobListModel *cg_jobs_page_get_model    (CgJobsPage   *self);
void            cg_jobs_page_reload       (CgJobsPage   *self);
void            cg_jobs_page_set_role     (CgJobsPage   *self,
                                           const char   *role);
void            cg_jobs_page_focus_search (CgJobsPage   *self);
void            cg_jobs_page_show_filtered (CgJobsPage  *self,
                                           GVariant     *filter);
gboolean        cg_jobs_page_show_key     (CgJobsPage   *self,
                                           const char   *key);
void            cg_jobs_page_set_import_progress (CgJobsPage *self,
                                           const char   *label,
                                           double        fraction);

G_END_DECLS
