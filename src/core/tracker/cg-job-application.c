/* cg-job-application.c: a tracked job application, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-job-application"

#include "config.h"

#include "cg-db.h"
#include "cg-job-application.h"

struct _CgJobApplication
{
  GObject parent_instance;

  gint64 id;
  char *job_key;
  char *title;
  char *company;
  char *location;
  char *url;
  char *stage;
  char *date_applied;
  char *notes;
  gboolean archived;
  char *updated;
};

G_DEFINE_FINAL_TYPE (CgJobApplication, cg_job_application, G_TYPE_OBJECT)

static void
cg_job_application_finalize (GObject *object)
{
  CgJobApplication *self = CG_JOB_APPLICATION (object);

  g_free (self->job_key);
  g_free (self->title);
  g_free (self->company);
  g_free (self->location);
  g_free (self->url);
  g_free (self->stage);
  g_free (self->date_applied);
  g_free (self->notes);
  g_free (self->updated);

  G_OBJECT_CLASS (cg_job_application_parent_class)->finalize (object);
}

static void
cg_job_application_class_init (CgJobApplicationClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_job_application_finalize;
}

static void
cg_job_application_init (CgJobApplication *self)
{
}

/* Reads the current row of @stmt, which selected CG_JOB_APPLICATION_COLUMNS. */
CgJobApplication *
cg_job_application_new_from_row (sqlite3_stmt *stmt)
{
  CgJobApplication *self = g_object_new (CG_TYPE_JOB_APPLICATION, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->job_key = g_strdup (cg_db_column_text (stmt, 1));
  self->title = g_strdup (cg_db_column_text (stmt, 2));
  self->company = g_strdup (cg_db_column_text (stmt, 3));
  self->location = g_strdup (cg_db_column_text (stmt, 4));
  self->url = g_strdup (cg_db_column_text (stmt, 5));
  self->stage = g_strdup (cg_db_column_text (stmt, 6));
  self->date_applied = g_strdup (cg_db_column_text (stmt, 7));
  self->notes = g_strdup (cg_db_column_text (stmt, 8));
  self->archived = sqlite3_column_int (stmt, 9) != 0;
  self->updated = g_strdup (cg_db_column_text (stmt, 10));

  return self;
}

gint64
cg_job_application_get_id (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), 0);

  return self->id;
}

const char *
cg_job_application_get_job_key (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->job_key;
}

const char *
cg_job_application_get_title (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->title;
}

const char *
cg_job_application_get_company (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->company;
}

const char *
cg_job_application_get_location (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->location;
}

const char *
cg_job_application_get_url (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->url;
}

const char *
cg_job_application_get_stage (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->stage;
}

const char *
cg_job_application_get_date_applied (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->date_applied;
}

const char *
cg_job_application_get_notes (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->notes;
}

gboolean
cg_job_application_get_archived (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), 0);

  return self->archived;
}

const char *
cg_job_application_get_updated (CgJobApplication *self)
{
  g_return_val_if_fail (CG_IS_JOB_APPLICATION (self), NULL);

  return self->updated;
}
