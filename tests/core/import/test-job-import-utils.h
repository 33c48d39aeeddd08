/* test-job-import-utils.h: what the tests of the postings import share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library in a temporary folder for each test, the fixture files, the
 * columns of an imported posting, and callbacks for progress and for the
 * buffer readers. Included by each test-job-import*.c (not every one uses
 * every helper).
 */
#pragma once

#include "config.h"

#if defined(__SANITIZE_ADDRESS__)
# define CG_UNDER_ASAN 1
#elif defined(__has_feature)
# if __has_feature(address_sanitizer)
#  define CG_UNDER_ASAN 1
# endif
#endif

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cg-db.h"
#include "cg-html-markdown.h"
#include "cg-job-import-private.h"
#include "cg-job-import.h"
#include "cg-jsonld.h"
#include "cg-library.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  CgLibrary *library;
  sqlite3   *db;
  gint64     n_bundled;
} Fixture;

G_GNUC_UNUSED static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();

  f->dir = cg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "career-guide", "user.db", NULL);
  f->library = cg_library_new (path, content);
  cg_library_open (f->library, &error);
  g_assert_no_error (error);
  f->db = cg_library_get_db (f->library);
  f->n_bundled = cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'bundled'");
  g_assert_cmpint (f->n_bundled, >, 0);
}

G_GNUC_UNUSED static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

G_GNUC_UNUSED static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("CG_TEST_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "import", name, NULL);
}

G_GNUC_UNUSED static gboolean
import (Fixture         *f,
        const char      *name,
        CgImportReport  *report,
        GError         **error)
{
  g_autofree char *path = fixture_path (name);

  return cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, report, error);
}

G_GNUC_UNUSED static void
import_ok (Fixture        *f,
           const char     *name,
           CgImportReport *report)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (import (f, name, report, &error));
  g_assert_no_error (error);
}

/* Writes @text (@length bytes, or up to its NUL when -1) to the file @name
 * in the test's folder and imports it */
G_GNUC_UNUSED static gboolean
import_text (Fixture         *f,
             const char      *name,
             const char      *text,
             gssize           length,
             CgImportReport  *report,
             GError         **error)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, length, NULL));
  return cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, report, error);
}

G_GNUC_UNUSED static gint64
count_user_jobs (Fixture *f)
{
  return cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'user'");
}

/* Every row of jobs is in the FTS index, and nothing else */
G_GNUC_UNUSED static void
assert_fts_in_sync (Fixture *f)
{
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs_fts"), ==,
                   cg_test_query_int (f->db, "SELECT count(*) FROM jobs"));
  g_assert_cmpint (sqlite3_exec (f->db, "INSERT INTO jobs_fts (jobs_fts) VALUES ('integrity-check')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

/* The job with @key, as the columns the tests look at */
typedef struct {
  char     *title;
  char     *company;
  char     *locations;
  char     *region;
  char     *arrangement;
  char     *employment_type;
  char     *role;
  char     *pay_currency;
  char     *pay_unit;
  double    pay_min;
  double    pay_max;
  double    annual_min;
  double    annual_max;
  gboolean  has_annual_min;
  gboolean  has_annual_max;
  char     *date_posted;
  char     *valid_through;
  char     *description;
  char     *url;
  char     *origin;
} Row;

G_GNUC_UNUSED static void
row_clear (Row *row)
{
  g_free (row->title);
  g_free (row->company);
  g_free (row->locations);
  g_free (row->region);
  g_free (row->arrangement);
  g_free (row->employment_type);
  g_free (row->role);
  g_free (row->pay_currency);
  g_free (row->pay_unit);
  g_free (row->date_posted);
  g_free (row->valid_through);
  g_free (row->description);
  g_free (row->url);
  g_free (row->origin);
  memset (row, 0, sizeof *row);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Row, row_clear)

G_GNUC_UNUSED static void
get_row (Fixture    *f,
         const char *key,
         Row        *row)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
    "SELECT title, company, locations, region, arrangement, employment_type, role,"
    "       pay_currency, pay_unit, pay_min, pay_max, pay_annual_min, pay_annual_max,"
    "       date_posted, valid_through, description, url, origin"
    " FROM jobs WHERE key = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("no job with key %s", key);

  row->title = g_strdup (cg_db_column_text (stmt, 0));
  row->company = g_strdup (cg_db_column_text (stmt, 1));
  row->locations = g_strdup (cg_db_column_text (stmt, 2));
  row->region = g_strdup (cg_db_column_text (stmt, 3));
  row->arrangement = g_strdup (cg_db_column_text (stmt, 4));
  row->employment_type = g_strdup (cg_db_column_text (stmt, 5));
  row->role = g_strdup (cg_db_column_text (stmt, 6));
  row->pay_currency = g_strdup (cg_db_column_text (stmt, 7));
  row->pay_unit = g_strdup (cg_db_column_text (stmt, 8));
  row->pay_min = sqlite3_column_double (stmt, 9);
  row->pay_max = sqlite3_column_double (stmt, 10);
  row->has_annual_min = sqlite3_column_type (stmt, 11) != SQLITE_NULL;
  row->annual_min = sqlite3_column_double (stmt, 11);
  row->has_annual_max = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
  row->annual_max = sqlite3_column_double (stmt, 12);
  row->date_posted = g_strdup (cg_db_column_text (stmt, 13));
  row->valid_through = g_strdup (cg_db_column_text (stmt, 14));
  row->description = g_strdup (cg_db_column_text (stmt, 15));
  row->url = g_strdup (cg_db_column_text (stmt, 16));
  row->origin = g_strdup (cg_db_column_text (stmt, 17));
}

G_GNUC_UNUSED static void
assert_problems (const CgImportReport *report,
                 const char * const   *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < report->problems->len; i++)
    g_test_message ("problem: %s", (const char *) g_ptr_array_index (report->problems, i));

  g_assert_cmpuint (report->problems->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (g_ptr_array_index (report->problems, i), ==, expected[i]);
}

G_GNUC_UNUSED static void
cancel_at_first_progress_cb (guint64  done,
                             guint64  total,
                             gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

typedef struct {
  GCancellable *cancellable;
  guint         calls;
  guint64       last_done;
  guint64       total;
} Progress;

G_GNUC_UNUSED static void
cancel_later_cb (guint64  done,
                 guint64  total,
                 gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  g_assert_cmpuint (done, <=, total);
  progress->last_done = done;
  progress->total = total;
  if (++progress->calls == 3 && progress->cancellable != NULL)
    g_cancellable_cancel (progress->cancellable);
}

G_GNUC_UNUSED static gboolean
count_cb (const CgJobRecord  *record,
          gpointer            user_data,
          GError            **error)
{
  guint *n = user_data;

  g_assert_nonnull (record->title);
  g_assert_nonnull (record->key);
  (*n)++;
  return TRUE;
}

G_GNUC_UNUSED static gboolean
stop_cb (const CgJobRecord  *record,
         gpointer            user_data,
         GError            **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "full");
  return FALSE;
}
