/* cg-jobs-page-private.h: what the tests ask of the Jobs page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-jobs-page.c itself) call these.
 */
#pragma once

#include "cg-jobs-page.h"

G_BEGIN_DECLS

CgJob          *cg_jobs_page_get_selected (CgJobsPage   *self);
void            cg_jobs_page_select       (CgJobsPage   *self,
                                           guint         position);

G_END_DECLS
