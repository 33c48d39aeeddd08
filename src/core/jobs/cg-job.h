/* cg-job.h: a job posting, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_JOB (cg_job_get_type ())

G_DECLARE_FINAL_TYPE (CgJob, cg_job, CG, JOB, GObject)

/* The columns cg_job_new_from_row() reads, in order. */
#define CG_JOB_COLUMNS "id, key, origin, title, company, locations, arrangement, employment_type, category, role, pay_min, pay_max, pay_currency, pay_unit, pay_annual_min, pay_annual_max, date_posted, valid_through, expired, description, url"

/* The same, without the description (a list row; see cg_job_read_description()) */
#define CG_JOB_LIST_COLUMNS "id, key, origin, title, company, locations, arrangement, employment_type, category, role, pay_min, pay_max, pay_currency, pay_unit, pay_annual_min, pay_annual_max, date_posted, valid_through, expired, NULL AS description_not_read, url"

CgJob *cg_job_new_from_row (sqlite3_stmt *stmt);
char *cg_job_read_description (CgJob    *self,
                               sqlite3  *db,
                               GError  **error);
gint64 cg_job_get_id (CgJob *self);
const char * cg_job_get_key (CgJob *self);
const char * cg_job_get_origin (CgJob *self);
const char * cg_job_get_title (CgJob *self);
const char * cg_job_get_company (CgJob *self);
const char * cg_job_get_locations (CgJob *self);
const char * cg_job_get_arrangement (CgJob *self);
const char * cg_job_get_employment_type (CgJob *self);
const char * cg_job_get_category (CgJob *self);
const char * cg_job_get_role (CgJob *self);
double cg_job_get_pay_min (CgJob *self);
double cg_job_get_pay_max (CgJob *self);
const char * cg_job_get_pay_currency (CgJob *self);
const char * cg_job_get_pay_unit (CgJob *self);
double cg_job_get_pay_annual_min (CgJob *self);
double cg_job_get_pay_annual_max (CgJob *self);
const char * cg_job_get_date_posted (CgJob *self);
const char * cg_job_get_valid_through (CgJob *self);
gboolean cg_job_get_expired (CgJob *self);
const char * cg_job_get_description (CgJob *self);
const char * cg_job_get_url (CgJob *self);

G_END_DECLS

G_BEGIN_DECLS

char     *cg_job_dup_pay_text  (CgJob      *self);
gboolean  cg_job_is_expired    (CgJob      *self,
                                GDateTime  *now);
char     *cg_job_dup_first_location (CgJob *self);

G_END_DECLS
