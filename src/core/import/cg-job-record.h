/* cg-job-record.h: one job posting as it is read from a source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "cg-pay.h"

G_BEGIN_DECLS

typedef struct {
  char      *key;             /* stable key, see cg_job_record_compute_key() */
  char      *identifier;
  char      *title;
  char      *company;
  GPtrArray *locations;       /* of char *, "City, Region" */
  char      *region;          /* region (state) of the first location */
  char      *arrangement;     /* "onsite", "hybrid", "remote" or NULL */
  char      *employment_type; /* "full_time", "part_time", ... or NULL */
  char      *category;
  char      *role;            /* role slug, or NULL when unclassified */
  CgPay      pay;
  gboolean   has_pay;
  char      *date_posted;     /* YYYY-MM-DD */
  char      *valid_through;   /* YYYY-MM-DD */
  gboolean   expired;         /* the board says it is closed */
  char      *description;     /* Markdown */
  char      *url;
} CgJobRecord;

CgJobRecord *cg_job_record_new          (void);
void         cg_job_record_free         (CgJobRecord  *record);
void         cg_job_record_compute_key  (CgJobRecord  *record);
char        *cg_job_record_dup_locations_text (const CgJobRecord *record);
const char  *cg_employment_type_normalise (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgJobRecord, cg_job_record_free)

/* Writes records into a jobs table (content.db or user.db). A record whose
 * key is already there updates that row instead of adding another. */
typedef struct _CgJobWriter CgJobWriter;

CgJobWriter *cg_job_writer_new   (sqlite3            *db,
                                  const char         *origin,
                                  GError            **error);
gboolean     cg_job_writer_write (CgJobWriter        *writer,
                                  const CgJobRecord  *record,
                                  GError            **error);
void         cg_job_writer_free  (CgJobWriter        *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgJobWriter, cg_job_writer_free)

G_END_DECLS
