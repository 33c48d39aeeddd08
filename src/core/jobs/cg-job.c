/* cg-job.c: a job posting, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-job"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cg-db.h"
#include "cg-job.h"
#include "cg-pay.h"

struct _CgJob
{
  GObject parent_instance;

  gint64 id;
  char *key;
  char *origin;
  char *title;
  char *company;
  char *locations;
  char *arrangement;
  char *employment_type;
  char *category;
  char *role;
  double pay_min;
  double pay_max;
  char *pay_currency;
  char *pay_unit;
  double pay_annual_min;
  double pay_annual_max;
  char *date_posted;
  char *valid_through;
  gboolean expired;
  char *description;
  gboolean description_read;  /* FALSE for a row of CG_JOB_LIST_COLUMNS */
  char *url;
};

G_DEFINE_FINAL_TYPE (CgJob, cg_job, G_TYPE_OBJECT)

static void
cg_job_finalize (GObject *object)
{
  CgJob *self = CG_JOB (object);

  g_free (self->key);
  g_free (self->origin);
  g_free (self->title);
  g_free (self->company);
  g_free (self->locations);
  g_free (self->arrangement);
  g_free (self->employment_type);
  g_free (self->category);
  g_free (self->role);
  g_free (self->pay_currency);
  g_free (self->pay_unit);
  g_free (self->date_posted);
  g_free (self->valid_through);
  g_free (self->description);
  g_free (self->url);

  G_OBJECT_CLASS (cg_job_parent_class)->finalize (object);
}

static void
cg_job_class_init (CgJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_job_finalize;
}

static void
cg_job_init (CgJob *self)
{
}

/* NULL reads as NaN, so that "no figure" is not mistaken for 0. */
static double
column_double (sqlite3_stmt *stmt,
               int           col)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return NAN;
  return sqlite3_column_double (stmt, col);
}

/* Reads the current row of @stmt, which selected CG_JOB_COLUMNS. */
CgJob *
cg_job_new_from_row (sqlite3_stmt *stmt)
{
  CgJob *self = g_object_new (CG_TYPE_JOB, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->key = g_strdup (cg_db_column_text (stmt, 1));
  self->origin = g_strdup (cg_db_column_text (stmt, 2));
  self->title = g_strdup (cg_db_column_text (stmt, 3));
  self->company = g_strdup (cg_db_column_text (stmt, 4));
  self->locations = g_strdup (cg_db_column_text (stmt, 5));
  self->arrangement = g_strdup (cg_db_column_text (stmt, 6));
  self->employment_type = g_strdup (cg_db_column_text (stmt, 7));
  self->category = g_strdup (cg_db_column_text (stmt, 8));
  self->role = g_strdup (cg_db_column_text (stmt, 9));
  self->pay_min = column_double (stmt, 10);
  self->pay_max = column_double (stmt, 11);
  self->pay_currency = g_strdup (cg_db_column_text (stmt, 12));
  self->pay_unit = g_strdup (cg_db_column_text (stmt, 13));
  self->pay_annual_min = column_double (stmt, 14);
  self->pay_annual_max = column_double (stmt, 15);
  self->date_posted = g_strdup (cg_db_column_text (stmt, 16));
  self->valid_through = g_strdup (cg_db_column_text (stmt, 17));
  self->expired = sqlite3_column_int (stmt, 18) != 0;
  self->description = g_strdup (cg_db_column_text (stmt, 19));
  self->description_read = g_strcmp0 (sqlite3_column_name (stmt, 19), "description_not_read") != 0;
  self->url = g_strdup (cg_db_column_text (stmt, 20));

  return self;
}

gint64
cg_job_get_id (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), 0);

  return self->id;
}

const char *
cg_job_get_key (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->key;
}

const char *
cg_job_get_origin (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->origin;
}

const char *
cg_job_get_title (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->title;
}

const char *
cg_job_get_company (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->company;
}

const char *
cg_job_get_locations (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->locations;
}

const char *
cg_job_get_arrangement (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->arrangement;
}

const char *
cg_job_get_employment_type (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->employment_type;
}

const char *
cg_job_get_category (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->category;
}

const char *
cg_job_get_role (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->role;
}

double
cg_job_get_pay_min (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NAN);

  return self->pay_min;
}

double
cg_job_get_pay_max (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NAN);

  return self->pay_max;
}

const char *
cg_job_get_pay_currency (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->pay_currency;
}

const char *
cg_job_get_pay_unit (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->pay_unit;
}

double
cg_job_get_pay_annual_min (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NAN);

  return self->pay_annual_min;
}

double
cg_job_get_pay_annual_max (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NAN);

  return self->pay_annual_max;
}

const char *
cg_job_get_date_posted (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->date_posted;
}

const char *
cg_job_get_valid_through (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->valid_through;
}

gboolean
cg_job_get_expired (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), 0);

  return self->expired;
}

const char *
cg_job_get_description (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->description;
}

/**
 * cg_job_read_description:
 * @self: a posting
 * @db: the library it was read from
 * @error: set when the posting cannot be read
 *
 * Returns: (transfer full) (nullable): the posting's description (Markdown),
 * or %NULL when it has none; rows of the job list do not hold it (see
 * CG_JOB_LIST_COLUMNS), so it is read from @db by id then.
 */
char *
cg_job_read_description (CgJob    *self,
                         sqlite3  *db,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  char *description = NULL;
  int rc;

  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  if (self->description_read)
    return g_strdup (self->description);

  stmt = cg_db_prepare (db, "SELECT description FROM jobs WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, self->id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    description = g_strdup (cg_db_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    cg_db_set_error (error, db, rc, _("Cannot read the posting"));

  sqlite3_finalize (stmt);
  return description;
}

const char *
cg_job_get_url (CgJob *self)
{
  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  return self->url;
}

/* The pay range as people read it ("$66.5K – $89.9K a year"), or NULL. */
char *
cg_job_dup_pay_text (CgJob *self)
{
  CgPay pay = { 0 };

  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  pay.has_min = !isnan (self->pay_min);
  pay.has_max = !isnan (self->pay_max);
  pay.min = pay.has_min ? self->pay_min : 0;
  pay.max = pay.has_max ? self->pay_max : 0;
  pay.unit = cg_pay_unit_from_string (self->pay_unit);
  if (self->pay_currency != NULL)
    g_strlcpy (pay.currency, self->pay_currency, sizeof pay.currency);

  if (!pay.has_min && !pay.has_max)
    return NULL;

  return cg_pay_format (&pay);
}

/* Closed: the board said so, or its closing date is before @now's date. */
gboolean
cg_job_is_expired (CgJob     *self,
                   GDateTime *now)
{
  g_autofree char *today = NULL;

  g_return_val_if_fail (CG_IS_JOB (self), FALSE);

  if (self->expired)
    return TRUE;
  if (self->valid_through == NULL)
    return FALSE;

  today = g_date_time_format (now, "%Y-%m-%d");
  return strcmp (self->valid_through, today) < 0;
}

/* The first of the posting's locations, or NULL. */
char *
cg_job_dup_first_location (CgJob *self)
{
  const char *nl;

  g_return_val_if_fail (CG_IS_JOB (self), NULL);

  if (self->locations == NULL)
    return NULL;

  nl = strchr (self->locations, '\n');
  return nl ? g_strndup (self->locations, nl - self->locations) : g_strdup (self->locations);
}
