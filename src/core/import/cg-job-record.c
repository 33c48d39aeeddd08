/* cg-job-record.c: one job posting as it is read from a source
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-job-record"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-db.h"
#include "cg-job-record.h"

CgJobRecord *
cg_job_record_new (void)
{
  CgJobRecord *record = g_new0 (CgJobRecord, 1);

  record->locations = g_ptr_array_new_with_free_func (g_free);
  return record;
}

void
cg_job_record_free (CgJobRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->key);
  g_free (record->identifier);
  g_free (record->title);
  g_free (record->company);
  g_ptr_array_unref (record->locations);
  g_free (record->region);
  g_free (record->arrangement);
  g_free (record->employment_type);
  g_free (record->category);
  g_free (record->role);
  g_free (record->date_posted);
  g_free (record->valid_through);
  g_free (record->description);
  g_free (record->url);
  g_free (record);
}

/* Case-folded, with runs of white space made one space. */
static char *
normalise_for_key (const char *text)
{
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GString *out = g_string_new (NULL);

  if (text == NULL)
    return g_string_free (out, FALSE);

  folded = g_utf8_casefold (text, -1);
  words = g_strsplit_set (folded, " \t\r\n", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (words[i][0] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

char *
cg_job_record_dup_locations_text (const CgJobRecord *record)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < record->locations->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (record->locations, i));
    }

  return g_string_free (text, FALSE);
}

/* The key that identifies a posting across imports and content updates: the
 * board's identifier (scoped by company), else its URL, else a hash of what
 * a reader would recognise it by. Applications refer to postings by it. */
void
cg_job_record_compute_key (CgJobRecord *record)
{
  g_clear_pointer (&record->key, g_free);

  if (record->identifier != NULL && *record->identifier != '\0')
    {
      g_autofree char *company = normalise_for_key (record->company);
      record->key = g_strdup_printf ("id:%s:%s", company, record->identifier);
    }
  else if (record->url != NULL && *record->url != '\0')
    {
      record->key = g_strdup_printf ("url:%s", record->url);
    }
  else
    {
      g_autofree char *title = normalise_for_key (record->title);
      g_autofree char *company = normalise_for_key (record->company);
      g_autofree char *location = normalise_for_key (record->locations->len > 0
                                                     ? g_ptr_array_index (record->locations, 0)
                                                     : NULL);
      g_autofree char *joined = g_strjoin ("\n", title, company, location, NULL);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, joined, -1);

      record->key = g_strdup_printf ("sha1:%s", hash);
    }
}

/* Maps the many spellings of schema.org's employmentType to ours. */
const char *
cg_employment_type_normalise (const char *text)
{
  static const struct { const char *in; const char *out; } map[] = {
    { "full_time", "full_time" }, { "fulltime", "full_time" }, { "full time", "full_time" },
    { "full-time", "full_time" }, { "permanent", "full_time" },
    { "part_time", "part_time" }, { "parttime", "part_time" }, { "part time", "part_time" },
    { "part-time", "part_time" },
    { "contractor", "contractor" }, { "contract", "contractor" },
    { "temporary", "temporary" }, { "temp", "temporary" },
    { "intern", "intern" }, { "internship", "intern" },
    { "per_diem", "per_diem" }, { "volunteer", "volunteer" }, { "other", "other" },
  };
  g_autofree char *stripped = NULL;
  g_autofree char *lower = NULL;

  if (text == NULL)
    return NULL;

  stripped = g_strstrip (g_strdup (text));
  lower = g_ascii_strdown (stripped, -1);
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (g_str_equal (lower, map[i].in))
      return map[i].out;

  return NULL;
}

struct _CgJobWriter {
  sqlite3      *db;
  sqlite3_stmt *stmt;
  char         *origin;
};

CgJobWriter *
cg_job_writer_new (sqlite3     *db,
                   const char  *origin,
                   GError     **error)
{
  g_autoptr(CgJobWriter) writer = g_new0 (CgJobWriter, 1);

  writer->db = db;
  writer->origin = g_strdup (origin);
  writer->stmt = cg_db_prepare (db,
    "INSERT INTO jobs (key, origin, title, company, locations, location_count, region,"
    "                  arrangement, employment_type, category, role, pay_min, pay_max,"
    "                  pay_currency, pay_unit, pay_annual_min, pay_annual_max,"
    "                  date_posted, valid_through, expired, description, url)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,"
    "         ?18, ?19, ?20, ?21, ?22)"
    " ON CONFLICT (key) DO UPDATE SET"
    "  title = excluded.title, company = excluded.company, locations = excluded.locations,"
    "  location_count = excluded.location_count, region = excluded.region,"
    "  arrangement = excluded.arrangement, employment_type = excluded.employment_type,"
    "  category = excluded.category, role = excluded.role, pay_min = excluded.pay_min,"
    "  pay_max = excluded.pay_max, pay_currency = excluded.pay_currency,"
    "  pay_unit = excluded.pay_unit, pay_annual_min = excluded.pay_annual_min,"
    "  pay_annual_max = excluded.pay_annual_max, date_posted = excluded.date_posted,"
    "  valid_through = excluded.valid_through, expired = excluded.expired,"
    "  description = excluded.description, url = excluded.url",
    error);

  if (writer->stmt == NULL)
    return NULL;

  return g_steal_pointer (&writer);
}

void
cg_job_writer_free (CgJobWriter *writer)
{
  if (writer == NULL)
    return;

  sqlite3_finalize (writer->stmt);
  g_free (writer->origin);
  g_free (writer);
}

static void
bind_double (sqlite3_stmt *stmt,
             int           idx,
             gboolean      has,
             double        value)
{
  if (has)
    sqlite3_bind_double (stmt, idx, value);
  else
    sqlite3_bind_null (stmt, idx);
}

gboolean
cg_job_writer_write (CgJobWriter        *writer,
                     const CgJobRecord  *record,
                     GError            **error)
{
  sqlite3_stmt *stmt = writer->stmt;
  g_autofree char *locations = cg_job_record_dup_locations_text (record);
  double annual_min = 0, annual_max = 0;
  gboolean annual = record->has_pay && cg_pay_annualise (&record->pay, &annual_min, &annual_max);

  g_return_val_if_fail (record->key != NULL, FALSE);
  g_return_val_if_fail (record->title != NULL, FALSE);

  sqlite3_clear_bindings (stmt);
  cg_db_bind_text (stmt, 1, record->key);
  cg_db_bind_text (stmt, 2, writer->origin);
  cg_db_bind_text (stmt, 3, record->title);
  cg_db_bind_text (stmt, 4, record->company);
  cg_db_bind_text (stmt, 5, *locations ? locations : NULL);
  sqlite3_bind_int (stmt, 6, (int) record->locations->len);
  cg_db_bind_text (stmt, 7, record->region);
  cg_db_bind_text (stmt, 8, record->arrangement);
  cg_db_bind_text (stmt, 9, record->employment_type);
  cg_db_bind_text (stmt, 10, record->category);
  cg_db_bind_text (stmt, 11, record->role);
  bind_double (stmt, 12, record->has_pay && record->pay.has_min, record->pay.min);
  bind_double (stmt, 13, record->has_pay && record->pay.has_max, record->pay.max);
  cg_db_bind_text (stmt, 14, record->has_pay && record->pay.currency[0] ? record->pay.currency : NULL);
  cg_db_bind_text (stmt, 15, record->has_pay ? cg_pay_unit_to_string (record->pay.unit) : NULL);
  bind_double (stmt, 16, annual && record->pay.has_min, annual_min);
  bind_double (stmt, 17, annual && record->pay.has_max, annual_max);
  cg_db_bind_text (stmt, 18, record->date_posted);
  cg_db_bind_text (stmt, 19, record->valid_through);
  sqlite3_bind_int (stmt, 20, record->expired ? 1 : 0);
  cg_db_bind_text (stmt, 21, record->description);
  cg_db_bind_text (stmt, 22, record->url);

  return cg_db_step_done (writer->db, stmt, error);
}
