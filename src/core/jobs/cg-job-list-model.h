/* cg-job-list-model.h: the job list, fast with a million postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-job-query.h"
#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_JOB_LIST_MODEL (cg_job_list_model_get_type ())

G_DECLARE_FINAL_TYPE (CgJobListModel, cg_job_list_model, CG, JOB_LIST_MODEL, GObject)

CgJobListModel   *cg_job_list_model_new        (CgLibrary        *library);
void              cg_job_list_model_set_query  (CgJobListModel   *self,
                                                const CgJobQuery *query);
const CgJobQuery *cg_job_list_model_get_query  (CgJobListModel   *self);
gboolean          cg_job_list_model_get_loading (CgJobListModel  *self);
const GError     *cg_job_list_model_get_error  (CgJobListModel   *self);
void              cg_job_list_model_reload     (CgJobListModel   *self);
guint             cg_job_list_model_get_cache_size (CgJobListModel *self);
int               cg_job_list_model_find       (CgJobListModel   *self,
                                                gint64            id);

G_END_DECLS
