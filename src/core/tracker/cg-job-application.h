/* cg-job-application.h: a tracked job application, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_JOB_APPLICATION (cg_job_application_get_type ())

G_DECLARE_FINAL_TYPE (CgJobApplication, cg_job_application, CG, JOB_APPLICATION, GObject)

/* The columns cg_job_application_new_from_row() reads, in order. */
#define CG_JOB_APPLICATION_COLUMNS "id, job_key, title, company, location, url, stage, date_applied, notes, archived, updated"

CgJobApplication *cg_job_application_new_from_row (sqlite3_stmt *stmt);
gint64 cg_job_application_get_id (CgJobApplication *self);
const char * cg_job_application_get_job_key (CgJobApplication *self);
const char * cg_job_application_get_title (CgJobApplication *self);
const char * cg_job_application_get_company (CgJobApplication *self);
const char * cg_job_application_get_location (CgJobApplication *self);
const char * cg_job_application_get_url (CgJobApplication *self);
const char * cg_job_application_get_stage (CgJobApplication *self);
const char * cg_job_application_get_date_applied (CgJobApplication *self);
const char * cg_job_application_get_notes (CgJobApplication *self);
gboolean cg_job_application_get_archived (CgJobApplication *self);
const char * cg_job_application_get_updated (CgJobApplication *self);

G_END_DECLS
