/* test-job-import.c: importing job postings into the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
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

static void
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

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
fixture_path (const char *name)
{
  const char *dir = g_getenv ("CG_TEST_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "import", name, NULL);
}

static gboolean
import (Fixture         *f,
        const char      *name,
        CgImportReport  *report,
        GError         **error)
{
  g_autofree char *path = fixture_path (name);

  return cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, report, error);
}

static void
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
static gboolean
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

static gint64
count_user_jobs (Fixture *f)
{
  return cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'user'");
}

/* Every row of jobs is in the FTS index, and nothing else */
static void
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

static void
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

static void
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

static void
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

/* Format guessing */

static void
test_format_guess (void)
{
  static const struct {
    const char     *path;
    const char     *content;
    CgImportFormat  format;
  } cases[] = {
    { "jobs.csv", "{\"title\": 1}", CG_IMPORT_FORMAT_CSV },
    { "JOBS.JSONL", "", CG_IMPORT_FORMAT_JSON_LINES },
    { "a.ndjson", "", CG_IMPORT_FORMAT_JSON_LINES },
    { "a.json", "{\n  \"@type\": \"JobPosting\"\n}\n", CG_IMPORT_FORMAT_JSON },
    { "a.jsonld", "[1]", CG_IMPORT_FORMAT_JSON },
    { "a.json", "{\"a\": 1}\n{\"b\": 2}\n", CG_IMPORT_FORMAT_JSON_LINES },
    { "page.htm", "", CG_IMPORT_FORMAT_HTML },
    { "page.HTML", "", CG_IMPORT_FORMAT_HTML },
    { "download", "  \n{\"a\": 1}\n\n{\"b\": 2}", CG_IMPORT_FORMAT_JSON_LINES },
    { "download", "\xef\xbb\xbf[{\"a\": 1},\n{\"b\": 2}]", CG_IMPORT_FORMAT_JSON },
    { "download", "{\"a\": 1}", CG_IMPORT_FORMAT_JSON },
    { "download", "{\"a\": 1\n}\n{", CG_IMPORT_FORMAT_JSON },
    { "download", "{\"a\": }\n{\"b\": 2}", CG_IMPORT_FORMAT_JSON },
    { "download", "<!DOCTYPE html><html>", CG_IMPORT_FORMAT_HTML },
    { "download.txt", "title,company\n", CG_IMPORT_FORMAT_CSV },
    { NULL, "", CG_IMPORT_FORMAT_CSV },
    { "dir.json/file", "<html>", CG_IMPORT_FORMAT_HTML },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s: %s", cases[i].path, cases[i].content);
      g_assert_cmpint (cg_import_format_guess (cases[i].path, cases[i].content,
                                               strlen (cases[i].content)),
                       ==, cases[i].format);
    }

  g_assert_cmpint (cg_import_format_guess ("x", NULL, 0), ==, CG_IMPORT_FORMAT_CSV);
}

/* JSON */

static void
test_json_single (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) row = { 0 };

  import_ok (f, "valid.json", &report);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (report.problems->len, ==, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 1);

  get_row (f, "id:acme robotics:ACME-FW-2", &row);
  g_assert_cmpstr (row.origin, ==, "user");
  g_assert_cmpstr (row.title, ==, "Firmware Engineer II");
  g_assert_cmpstr (row.company, ==, "Acme Robotics");
  g_assert_cmpstr (row.locations, ==, "Tampa, FL");
  g_assert_cmpstr (row.region, ==, "FL");
  g_assert_cmpstr (row.arrangement, ==, "onsite");
  g_assert_cmpstr (row.employment_type, ==, "full_time");
  g_assert_cmpstr (row.role, ==, "firmware-engineer");
  g_assert_cmpstr (row.pay_currency, ==, "USD");
  g_assert_cmpstr (row.pay_unit, ==, "YEAR");
  g_assert_cmpfloat (row.annual_min, ==, 90000);
  g_assert_cmpfloat (row.annual_max, ==, 120000);
  g_assert_cmpstr (row.date_posted, ==, "2026-05-01");
  g_assert_cmpstr (row.valid_through, ==, "2026-06-30");
  g_assert_cmpstr (row.url, ==, "https://jobs.example/acme/firmware-engineer-ii");
  g_assert_cmpstr (row.description, ==,
                   "Write **firmware** for our sensor boards.\n\n### You bring\n\n"
                   "- C and C++ on microcontrollers\n- An RTOS you know well");

  /* Found by the full-text search, through the triggers */
  g_assert_cmpint (cg_test_query_int (f->db,
                   "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH 'microcontrollers'"), ==, 1);
  assert_fts_in_sync (f);
}

static void
test_json_array (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) test = { 0 };
  g_auto(Row) ds = { 0 };

  import_ok (f, "array.json", &report);
  g_assert_cmpuint (report.added, ==, 3);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 3);

  get_row (f, "url:https://jobs.example/globex/2", &test);
  g_assert_cmpstr (test.title, ==, "Test Engineer");
  g_assert_cmpstr (test.employment_type, ==, "contractor");
  g_assert_cmpstr (test.role, ==, "test-engineer");
  g_assert_cmpstr (test.pay_unit, ==, "HOUR");
  g_assert_cmpfloat (test.pay_min, ==, 55);
  g_assert_cmpfloat (test.annual_min, ==, 55 * 2080);
  g_assert_cmpfloat (test.annual_max, ==, 55 * 2080);

  get_row (f, "url:https://jobs.example/initech/ds", &ds);
  g_assert_cmpstr (ds.arrangement, ==, "remote");
  g_assert_null (ds.locations);
  g_assert_cmpstr (ds.employment_type, ==, "part_time");
  g_assert_cmpstr (ds.role, ==, "data-scientist");
  g_assert_cmpfloat (ds.annual_min, ==, 60000);
  g_assert_cmpfloat (ds.annual_max, ==, 72000);
  assert_fts_in_sync (f);
}

static void
test_json_graph (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) mlops = { 0 };
  g_auto(Row) ee = { 0 };

  import_ok (f, "graph.json", &report);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (report.problems->len, ==, 0);

  get_row (f, "url:https://jobs.example/umbrella/mlops", &mlops);
  g_assert_cmpstr (mlops.role, ==, "mlops-engineer");
  g_assert_cmpstr (mlops.arrangement, ==, "remote");
  g_assert_cmpstr (mlops.locations, ==, "Miami, FL");
  g_assert_cmpfloat (mlops.annual_min, ==, 66500);
  g_assert_cmpfloat (mlops.annual_max, ==, 89900);

  get_row (f, "url:https://jobs.example/umbrella/ee", &ee);
  g_assert_cmpstr (ee.role, ==, "electronics-engineer");
  g_assert_cmpstr (ee.arrangement, ==, "onsite");
  g_assert_false (ee.has_annual_min);
}

static void
test_json_item_list (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) linux_row = { 0 };
  g_auto(Row) backend = { 0 };

  import_ok (f, "itemlist.json", &report);
  g_assert_cmpuint (report.added, ==, 3);
  g_assert_cmpint (count_user_jobs (f), ==, 3);

  get_row (f, "url:https://jobs.example/hooli/linux", &linux_row);
  g_assert_cmpstr (linux_row.title, ==, "Embedded Linux Engineer");
  g_assert_cmpstr (linux_row.role, ==, "embedded-linux-engineer");
  g_assert_cmpstr (linux_row.locations, ==, "Lake Mary, FL");
  /* No description: NULL, not "" */
  g_assert_null (linux_row.description);

  get_row (f, "url:https://jobs.example/hooli/backend", &backend);
  g_assert_cmpstr (backend.role, ==, "software-engineer");
  g_assert_null (backend.locations);
  g_assert_null (backend.arrangement);
}

static void
test_json_sloppy (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) ml = { 0 };
  g_auto(Row) fw = { 0 };
  g_auto(Row) ds = { 0 };
  g_auto(Row) test = { 0 };

  import_ok (f, "sloppy.json", &report);
  g_assert_cmpuint (report.added, ==, 4);
  g_assert_cmpuint (report.skipped, ==, 0);

  /* name for title, company as a string, "telecommute" in lower case, an
   * array of types, pay as text */
  get_row (f, "url:https://jobs.example/sloppy/1", &ml);
  g_assert_cmpstr (ml.title, ==, "Remote Machine Learning Engineer");
  g_assert_cmpstr (ml.company, ==, "Beta Corp");
  g_assert_cmpstr (ml.arrangement, ==, "remote");
  g_assert_cmpstr (ml.employment_type, ==, "contractor");
  g_assert_cmpstr (ml.role, ==, "ml-engineer");
  g_assert_cmpstr (ml.pay_unit, ==, "HOUR");
  g_assert_cmpfloat (ml.annual_min, ==, 40 * 2080);

  /* No company, two locations, pay as a bare number, HTML description */
  get_row (f, "url:https://jobs.example/sloppy/2", &fw);
  g_assert_cmpstr (fw.title, ==, "Firmware Engineer");
  g_assert_null (fw.company);
  g_assert_cmpstr (fw.locations, ==, "Austin, TX\nDallas, TX");
  g_assert_cmpstr (fw.employment_type, ==, "full_time");
  g_assert_cmpfloat (fw.annual_min, ==, 85000);
  g_assert_cmpstr (fw.description, ==, "Bring up *new* boards.\n\nWrite drivers & bootloaders.");

  /* Figures as text with commas, "Telecommute", currency in lower case */
  get_row (f, "url:https://jobs.example/sloppy/3", &ds);
  g_assert_cmpstr (ds.arrangement, ==, "remote");
  g_assert_cmpstr (ds.pay_currency, ==, "USD");
  g_assert_cmpfloat (ds.annual_min, ==, 100000);
  g_assert_cmpfloat (ds.annual_max, ==, 130000);

  /* A date that is not one is dropped */
  get_row (f, "url:https://jobs.example/sloppy/4", &test);
  g_assert_cmpstr (test.employment_type, ==, "part_time");
  g_assert_null (test.date_posted);
  g_assert_null (test.locations);
}

static void
test_json_invalid (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = cg_test_query_int (f->db, "SELECT count(*) FROM jobs");

  g_assert_false (import (f, "invalid.json", &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Not valid JSON at line 3, column "));
  g_assert_cmpuint (report.added + report.updated + report.skipped, ==, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), ==, before);
  g_assert_true (sqlite3_get_autocommit (f->db));
}

static void
test_json_no_title (Fixture       *f,
                    gconstpointer  data)
{
  static const char * const problems[] = {
    "posting 2: skipped, no title",
    "posting 4: skipped, no title",
    NULL
  };
  g_auto(CgImportReport) report = { 0 };

  import_ok (f, "no-title.json", &report);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 2);
  assert_problems (&report, problems);
  g_assert_cmpint (count_user_jobs (f), ==, 2);
}

static void
test_json_empty (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const nothing[] = { "[]", "{}", "null", "{\"@type\": \"Organization\"}", NULL };
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, "empty.json", &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
  g_assert_nonnull (strstr (error->message, "empty.json"));
  cg_import_report_clear (&report);

  for (guint i = 0; nothing[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (f->dir, "nothing.json", NULL);

      g_clear_error (&error);
      cg_test_write_file (f->dir, "nothing.json", nothing[i]);
      g_assert_false (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                          &report, &error));
      g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
      g_assert_cmpstr (error->message, ==, "No job postings found in “nothing.json”");
      cg_import_report_clear (&report);
    }

  /* Every posting skipped: refused too, with the reasons kept */
  {
    g_autofree char *path = g_build_filename (f->dir, "untitled.json", NULL);

    g_clear_error (&error);
    cg_test_write_file (f->dir, "untitled.json",
                        "[{\"@type\": \"JobPosting\"}, {\"@type\": \"JobPosting\", \"title\": \"\"}]");
    g_assert_false (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                        &report, &error));
    g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
    g_assert_cmpstr (error->message, ==, "None of the 2 job postings in “untitled.json” could be imported");
    g_assert_cmpuint (report.problems->len, ==, 2);
    g_assert_cmpuint (report.skipped, ==, 0);
  }

  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

static void
test_json_too_large (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.json", NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  char head[128 * 1024];
  int fd;

  /* A sparse file: a document that is not an array at the start, then a
   * hole past the limit */
  memset (head, ' ', sizeof head);
  memcpy (head, "{\"@graph\": [\n", strlen ("{\"@graph\": [\n"));
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, sizeof head), ==, sizeof head);
  g_assert_cmpint (ftruncate (fd, CG_IMPORT_MAX_JSON_DOCUMENT_SIZE + 1024 * 1024), ==, 0);
  close (fd);

  g_assert_false (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                      &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "The file is 9.0 MB, over the 8 MB limit for a single JSON document. "
                   "A JSON array of postings, or JSON Lines (one posting a line), is read "
                   "a posting at a time, without a size limit");
}

/* JSON Lines saved as .json; JSON documents one after the other */
static void
test_json_concatenated (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *lines = g_build_filename (f->dir, "lines.json", NULL);
  g_autofree char *pretty = g_build_filename (f->dir, "pretty.json", NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  cg_test_write_file (f->dir, "lines.json",
                      "{\"@type\": \"JobPosting\", \"title\": \"A\", \"url\": \"https://x.example/a\"}\n"
                      "{\"@type\": \"JobPosting\", \"title\": \"B\", \"url\": \"https://x.example/b\"}\n");
  g_assert_true (cg_job_import_file (f->db, lines, CG_IMPORT_FORMAT_JSON, NULL, NULL, NULL,
                                     &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON_LINES);
  g_assert_cmpuint (report.added, ==, 2);
  cg_import_report_clear (&report);

  /* json-glib would silently read the first one only */
  cg_test_write_file (f->dir, "pretty.json",
                      "{\n  \"@type\": \"JobPosting\",\n  \"title\": \"C\"\n}\n"
                      "{\n  \"@type\": \"JobPosting\",\n  \"title\": \"D\"\n}\n");
  g_assert_false (cg_job_import_file (f->db, pretty, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                      &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "Not valid JSON at line 5, column 1: "));
  g_assert_cmpint (count_user_jobs (f), ==, 2);
}

/* JSON Lines */

static void
test_json_lines (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const problems[] = {
    "line 3: not valid JSON at column 75: scanner: unterminated string constant",
    "line 6: no schema.org JobPosting",
    "line 7: no title",
    NULL
  };
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) ds = { 0 };
  g_auto(Row) mlops = { 0 };

  import_ok (f, "postings.jsonl", &report);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON_LINES);
  g_assert_cmpuint (report.added, ==, 4);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 3);
  assert_problems (&report, problems);

  get_row (f, "url:https://jobs.example/jsonl/2", &ds);
  g_assert_cmpstr (ds.arrangement, ==, "remote");
  g_assert_cmpstr (ds.role, ==, "data-scientist");
  g_assert_cmpfloat (ds.annual_max, ==, 140000);

  /* A line holding a @graph of postings */
  get_row (f, "url:https://jobs.example/jsonl/5a", &mlops);
  g_assert_cmpstr (mlops.role, ==, "mlops-engineer");
  g_assert_cmpint (cg_test_query_int (f->db,
                   "SELECT count(*) FROM jobs WHERE key = 'url:https://jobs.example/jsonl/5b'"), ==, 1);
  assert_fts_in_sync (f);
}

static void
test_json_lines_overlong (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_string_append (text, "{\"@type\": \"JobPosting\", \"title\": \"Short\", \"url\": \"https://x.example/1\"}\n");
  g_string_append (text, "{\"@type\": \"JobPosting\", \"title\": \"Long\", \"description\": \"");
  while (text->len < CG_IMPORT_MAX_JSON_DOCUMENT_SIZE + 1024)
    g_string_append (text, "word word word word word word word word word word word word ");
  g_string_append (text, "\"}\n");
  g_string_append (text, "{\"@type\": \"JobPosting\", \"title\": \"After\", \"url\": \"https://x.example/3\"}");
  g_assert_true (import_text (f, "long.jsonl", text->str, text->len, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report.problems, 0), ==, "line 2: longer than 8 MB, skipped");
}

/* HTML */

static void
test_html_page (Fixture       *f,
                gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) row = { 0 };

  import_ok (f, "page.html", &report);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_HTML);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.skipped, ==, 0);
  g_assert_cmpuint (report.problems->len, ==, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 1);

  get_row (f, "id:stark industries:SI-4411", &row);
  g_assert_cmpstr (row.title, ==, "Senior Embedded ML Engineer");
  g_assert_cmpstr (row.company, ==, "Stark Industries");
  g_assert_cmpstr (row.locations, ==, "Orlando, FL");
  g_assert_cmpstr (row.arrangement, ==, "onsite");
  g_assert_cmpstr (row.employment_type, ==, "full_time");
  g_assert_cmpstr (row.role, ==, "embedded-ml-engineer");
  g_assert_cmpfloat (row.annual_min, ==, 130000);
  g_assert_cmpfloat (row.annual_max, ==, 160000);
  g_assert_cmpstr (row.description, ==, "Deploy **TinyML** models to microcontrollers.");
}

static void
test_html_no_json_ld (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, "no-jsonld.html", &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
  g_assert_cmpstr (error->message, ==, "No job postings found in “no-jsonld.html”");
  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

static void
test_html_broken_block (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "broken.html", NULL);
  g_autofree char *title = NULL;
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  /* Latin-1 page (its <meta> says so), a broken block, a good one */
  cg_test_write_file (f->dir, "broken.html",
                      "<html><head><meta charset=\"iso-8859-1\">\n"
                      "<script type=\"application/ld+json\">{\"@type\": \"JobPosting\",}</script>\n"
                      "<script type=\" application/ld+json \">\n"
                      "{\"@type\": \"JobPosting\", \"title\": \"Ing\xe9nieur\", \"url\": \"https://x.example/fr\"}"
                      "</script></head><body></body></html>");
  g_assert_true (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                     &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report.problems, 0),
                                   "JSON-LD block 1 (line 2): Not valid JSON at line 1, column "));
  title = cg_test_query_text (f->db, "SELECT title FROM jobs WHERE origin = 'user'");
  g_assert_cmpstr (title, ==, "Ingénieur");
}

/* The page is streamed: a block longer than the JSON document limit is
 * skipped with a problem (libxml2's tree would have cut it at 10 MB), the
 * blocks after it are read, and a block the page never closes is read
 * too */
static void
test_html_long_block (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("<html><head>\n<script type=\"application/ld+json\">\n"
                                          "{\"@type\": \"JobPosting\", \"title\": \"Huge\", "
                                          "\"description\": \"");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *titles = NULL;

  while (text->len < CG_IMPORT_MAX_JSON_DOCUMENT_SIZE + 1024)
    g_string_append (text, "<p>Write C for microcontrollers.</p> ");
  g_string_append (text, "\"}</script>\n"
                         "<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", "
                         "\"title\": \"After\", \"url\": \"https://x.example/after\"}</script>\n"
                         "</head><body><p>text</p>\n"
                         "<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", "
                         "\"title\": \"Unclosed\", \"url\": \"https://x.example/unclosed\"}");
  g_assert_true (import_text (f, "long.html", text->str, text->len, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_HTML);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report.problems, 0), ==,
                   "JSON-LD block 1 (line 2): longer than 8 MB, skipped");
  titles = cg_test_query_text (f->db, "SELECT group_concat(title, ',') FROM "
                                      "(SELECT title FROM jobs WHERE origin = 'user' ORDER BY title)");
  g_assert_cmpstr (titles, ==, "After,Unclosed");
}

/* libxml2 reads "<x:script>" as a <script> that holds elements: a block
 * in it is found (the document tree walk of old did not go into scripts) */
static void
test_html_script_in_script (Fixture       *f,
                            gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_text (f, "nested.html",
                              "<html><head><x:script>\n<script type=\"application/ld+json\">"
                              "{\"@type\": \"JobPosting\", \"title\": \"Nested\", "
                              "\"url\": \"https://x.example/n\"}</script></x:script></head></html>",
                              -1, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
}

/* A block under 300 nested elements: libxml2 stops building a tree 256
 * deep, the streamed reader builds none and finds it */
static void
test_html_deep (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("<html><body>");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 300; i++)
    g_string_append (text, "<div>");
  g_string_append (text, "<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", "
                         "\"title\": \"Deep\", \"url\": \"https://x.example/d\"}</script>");
  g_assert_true (import_text (f, "deep.html", text->str, text->len, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 1);
}

/* Pages larger than a read: a UTF-8 page without a <meta> whose characters
 * cross the reads is read as UTF-8; a Latin-1 page whose first byte that
 * is not UTF-8 comes after the first read is decoded as its <meta> says,
 * or as Latin-1 when it says nothing */
static void
test_html_encoding_across_reads (Fixture       *f,
                                 gconstpointer  data)
{
  static const struct {
    const char *head;
    const char *title;    /* as written */
    const char *expected;
  } cases[] = {
    { "<html><head>", "Ing\xc3\xa9nieur \xe2\x80\x9c" "embarqu\xc3\xa9\xe2\x80\x9d \xf0\x9f\x98\x80",
      "Ingénieur “embarqué” 😀" },
    { "<html><head><meta charset=\"iso-8859-1\">", "Ing\xe9nieur", "Ingénieur" },
    /* not UTF-8, and saying nothing: Latin-1 */
    { "<html><head>", "Ing\xe9nieur \xe0 \xa3" "50", "Ingénieur à £50" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    for (guint shift = 0; shift < 4; shift++)
      {
        g_autofree char *path = g_build_filename (f->dir, "page.html", NULL);
        g_autoptr(GString) text = g_string_new (cases[c].head);
        g_auto(CgImportReport) report = { 0 };
        g_autoptr(GError) error = NULL;
        g_autofree char *title = NULL;

        /* the title's first non-ASCII byte at 64 KiB - 1 - shift */
        const char *script = " -->\n<script type=\"application/ld+json\">{\"@type\": \"JobPosting\", "
                             "\"url\": \"https://x.example/e\", \"title\": \"Ing";
        gsize target = 64 * 1024 - 1 - shift;

        g_string_append (text, "<!-- ");
        while (text->len + strlen (script) < target)
          g_string_append_c (text, 'x');
        g_string_append (text, script);
        g_assert_cmpuint (text->len, ==, target);
        g_string_append (text, cases[c].title + 3);
        g_string_append (text, "\"}</script></head><body></body></html>\n");
        g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));

        g_test_message ("case %u, shift %u", c, shift);
        g_assert_true (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                           &report, &error));
        g_assert_no_error (error);
        title = cg_test_query_text (f->db, "SELECT title FROM jobs WHERE key = 'url:https://x.example/e'");
        g_assert_cmpstr (title, ==, cases[c].expected);
      }
}

/* CSV */

static void
test_csv_jobs (Fixture       *f,
               gconstpointer  data)
{
  static const char * const problems[] = {
    "line 8: no title",
    "line 12: no title",
    NULL
  };
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) fw = { 0 };
  g_auto(Row) ml = { 0 };
  g_auto(Row) mlops = { 0 };
  g_auto(Row) ds = { 0 };
  g_auto(Row) emb = { 0 };

  import_ok (f, "jobs.csv", &report);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_CSV);
  g_assert_cmpuint (report.added, ==, 5);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 2);
  assert_problems (&report, problems);
  g_assert_cmpint (count_user_jobs (f), ==, 5);

  /* Quoted cells over several lines; Glassdoor's "name\nrating" */
  get_row (f, "url:https://jobs.example/csv/1", &fw);
  g_assert_cmpstr (fw.title, ==, "Firmware Engineer");
  g_assert_cmpstr (fw.company, ==, "Acme Robotics");
  g_assert_cmpstr (fw.locations, ==, "Tampa, FL");
  g_assert_cmpstr (fw.region, ==, "FL");
  g_assert_cmpstr (fw.arrangement, ==, "onsite");
  g_assert_cmpstr (fw.employment_type, ==, "full_time");
  g_assert_cmpstr (fw.role, ==, "firmware-engineer");
  g_assert_cmpstr (fw.pay_currency, ==, "USD");
  g_assert_cmpfloat (fw.annual_min, ==, 90000);
  g_assert_cmpfloat (fw.annual_max, ==, 120000);
  g_assert_cmpstr (fw.date_posted, ==, "2026-05-01");
  g_assert_cmpstr (fw.description, ==,
                   "Write firmware for our sensor boards.\n\n- C on microcontrollers\n- An RTOS you know well");

  /* -1 for missing; "Remote" is not a place; MM/DD/YYYY */
  get_row (f, "url:https://jobs.example/csv/2", &ml);
  g_assert_null (ml.company);
  g_assert_null (ml.locations);
  g_assert_null (ml.description);
  g_assert_cmpstr (ml.arrangement, ==, "remote");
  g_assert_cmpstr (ml.employment_type, ==, "contractor");
  g_assert_cmpstr (ml.role, ==, "ml-engineer");
  g_assert_cmpstr (ml.pay_unit, ==, "HOUR");
  g_assert_cmpfloat (ml.annual_min, ==, 40 * 2080);
  g_assert_cmpstr (ml.date_posted, ==, "2026-05-03");

  /* Two locations; HTML description; no URL: a key from the content */
  {
    g_autofree char *key = cg_test_query_text (f->db,
      "SELECT key FROM jobs WHERE title = 'MLOps Engineer' AND origin = 'user'");

    g_assert_true (g_str_has_prefix (key, "sha1:"));
    get_row (f, key, &mlops);
  }
  g_assert_cmpstr (mlops.locations, ==, "Miami, FL\nOrlando, FL");
  g_assert_cmpstr (mlops.arrangement, ==, "hybrid");
  g_assert_cmpstr (mlops.role, ==, "mlops-engineer");
  g_assert_cmpstr (mlops.date_posted, ==, "2026-05-05");
  g_assert_null (mlops.url);
  g_assert_cmpstr (mlops.description, ==, "Own the **MLOps** platform.");
  g_assert_cmpfloat (mlops.annual_min, ==, 66500);

  /* N/A; "(+1 more location)"; no pay; Markdown escaped; a date that is not one */
  get_row (f, "url:https://jobs.example/csv/5", &ds);
  g_assert_null (ds.company);
  g_assert_cmpstr (ds.locations, ==, "Orlando, FL");
  g_assert_false (ds.has_annual_min);
  g_assert_cmpstr (ds.arrangement, ==, "onsite");
  g_assert_cmpstr (ds.employment_type, ==, "part_time");
  g_assert_null (ds.date_posted);
  g_assert_cmpstr (ds.description, ==, "Statistics with \\*stars\\*, \\_underscores\\_ and \\#hashes");

  /* "Remote in Tampa, FL"; a Unix time; doubled quotes */
  get_row (f, "url:https://jobs.example/csv/9", &emb);
  g_assert_cmpstr (emb.company, ==, "Hooli");
  g_assert_cmpstr (emb.locations, ==, "Tampa, FL");
  g_assert_cmpstr (emb.arrangement, ==, "remote");
  g_assert_cmpstr (emb.employment_type, ==, "intern");
  g_assert_cmpstr (emb.role, ==, "embedded-software-engineer");
  g_assert_cmpfloat (emb.annual_min, ==, 120000);
  g_assert_cmpfloat (emb.annual_max, ==, 140000);
  g_assert_cmpstr (emb.date_posted, ==, "2024-05-01");
  g_assert_cmpstr (emb.description, ==, "\"Quoted\" words, commas, and a\\\nsecond line");

  assert_fts_in_sync (f);
}

static void
test_csv_odd_headers (Fixture       *f,
                      gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) fw = { 0 };
  g_auto(Row) de = { 0 };

  /* ";" between cells, CRLF, job_title/Employer/city+state/min_salary... */
  import_ok (f, "odd-headers.csv", &report);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 0);

  get_row (f, "id:acme:A-1", &fw);
  g_assert_cmpstr (fw.title, ==, "Firmware Engineer");
  g_assert_cmpstr (fw.company, ==, "Acme");
  g_assert_cmpstr (fw.locations, ==, "Tampa, FL");
  g_assert_cmpstr (fw.region, ==, "FL");
  g_assert_cmpstr (fw.arrangement, ==, "onsite");
  g_assert_cmpstr (fw.pay_unit, ==, "HOUR");
  g_assert_cmpfloat (fw.pay_min, ==, 45);
  g_assert_cmpfloat (fw.pay_max, ==, 60);
  g_assert_cmpfloat (fw.annual_max, ==, 60 * 2080);
  g_assert_cmpstr (fw.date_posted, ==, "2026-05-02");
  g_assert_cmpstr (fw.valid_through, ==, "2026-06-01");
  g_assert_cmpstr (fw.url, ==, "https://jobs.example/odd/1");
  g_assert_cmpstr (fw.description, ==, "Plain text");

  get_row (f, "id:globex:G-7", &de);
  g_assert_cmpstr (de.arrangement, ==, "remote");
  g_assert_cmpstr (de.employment_type, ==, "contractor");
  g_assert_cmpstr (de.pay_currency, ==, "EUR");
  g_assert_cmpfloat (de.pay_min, ==, 100000);
  g_assert_cmpfloat (de.annual_min, ==, 100000);
  g_assert_null (de.locations);
}

static void
test_csv_refused (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, "no-title-column.csv", &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_TITLE_COLUMN);
  g_assert_cmpstr (error->message, ==, "No title column (expected one of: title, position, job title)");
  cg_import_report_clear (&report);
  g_clear_error (&error);

  g_assert_false (import (f, "empty.csv", &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
  g_assert_cmpstr (error->message, ==, "No job postings found in “empty.csv”: the file is empty");
  cg_import_report_clear (&report);
  g_clear_error (&error);

  g_assert_false (import (f, "garbage.bin", &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT);
  g_assert_cmpstr (error->message, ==, "The file is not text (it looks like binary data)");

  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

static void
test_csv_header_only (Fixture       *f,
                      gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "header.csv", NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  cg_test_write_file (f->dir, "header.csv", "\n\nTitle,Company\n\n");
  g_assert_false (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                      &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
  g_assert_cmpstr (error->message, ==, "No job postings found in “header.csv”");
}

static void
test_csv_bom (Fixture       *f,
              gconstpointer  data)
{
  static const char * const problems[] = { "line 3: not valid UTF-8 text", NULL };
  g_auto(CgImportReport) report = { 0 };

  import_ok (f, "bom.csv", &report);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 1);
  assert_problems (&report, problems);
  g_assert_cmpint (cg_test_query_int (f->db,
                   "SELECT count(*) FROM jobs WHERE title = 'Ingénieure logiciel embarqué'"
                   " AND company = 'Société Générale' AND locations = 'Montréal, QC'"), ==, 1);
}

static void
test_csv_unclosed_quote (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("title,description\nFirst,fine\nSecond,\"never closed\n");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  while (text->len < CG_IMPORT_MAX_RECORD_SIZE + 1024 * 1024)
    g_string_append (text, "more text, on and on, without a closing quote\n");
  g_assert_false (import_text (f, "unclosed.csv", text->str, text->len, &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "line 3: a row is longer than 16 MB (is a quote not closed?)");
  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

/* Again: updated, not added */
static void
test_reimport (Fixture       *f,
               gconstpointer  data)
{
  static const char * const files[] = {
    "jobs.csv", "postings.jsonl", "graph.json", "array.json", "page.html", NULL
  };
  gint64 n_jobs, n_fts;

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_auto(CgImportReport) report = { 0 };
      import_ok (f, files[i], &report);
    }
  n_jobs = cg_test_query_int (f->db, "SELECT count(*) FROM jobs");
  n_fts = cg_test_query_int (f->db, "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH 'engineer'");

  for (guint i = 0; files[i] != NULL; i++)
    {
      g_auto(CgImportReport) report = { 0 };

      import_ok (f, files[i], &report);
      g_assert_cmpuint (report.added, ==, 0);
      g_assert_cmpuint (report.updated, >, 0);
    }

  {
    g_auto(CgImportReport) report = { 0 };

    import_ok (f, "jobs.csv", &report);
    g_assert_cmpuint (report.added, ==, 0);
    g_assert_cmpuint (report.updated, ==, 5);
    g_assert_cmpuint (report.skipped, ==, 2);
  }

  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), ==, n_jobs);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH 'engineer'"),
                   ==, n_fts);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'bundled'"),
                   ==, f->n_bundled);
  assert_fts_in_sync (f);
}

/* The same posting twice in one file: added once, then updated */
static void
test_duplicates_in_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "dups.csv", NULL);
  g_autofree char *title = NULL;
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  cg_test_write_file (f->dir, "dups.csv",
                      "title,company,url\n"
                      "Firmware Engineer,Acme,https://x.example/1\n"
                      "Firmware Engineer (updated),Acme,https://x.example/1\n"
                      "Data Scientist,Acme,https://x.example/2\n");
  g_assert_true (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                     &report, &error));
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.updated, ==, 1);
  title = cg_test_query_text (f->db, "SELECT title FROM jobs WHERE key = 'url:https://x.example/1'");
  g_assert_cmpstr (title, ==, "Firmware Engineer (updated)");
}

/* Cancelled or failed: nothing written */

static void
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

static void
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

static char *
write_big_csv (Fixture *f,
               guint    n_rows)
{
  g_autofree char *path = g_build_filename (f->dir, "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("title,company,location,salary,description,url\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text,
                            "Firmware Engineer %u,Acme,\"Tampa, FL\",$%uK,\"Boards and drivers, "
                            "row %u.\nSecond line.\",https://x.example/big/%u\n",
                            i, 80 + i % 50, i, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return g_steal_pointer (&path);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = fixture_path ("jobs.csv");
  g_autofree char *big = write_big_csv (f, 20000);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = cg_test_query_int (f->db, "SELECT count(*) FROM jobs");
  Progress progress = { NULL, 0, 0, 0 };

  g_assert_false (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO,
                                      cancel_at_first_progress_cb, cancellable, cancellable,
                                      &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (report.added + report.updated + report.skipped, ==, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), ==, before);
  g_assert_true (sqlite3_get_autocommit (f->db));
  cg_import_report_clear (&report);
  g_clear_error (&error);

  /* Halfway through a big file */
  g_cancellable_reset (cancellable);
  progress.cancellable = cancellable;
  g_assert_false (cg_job_import_file (f->db, big, CG_IMPORT_FORMAT_AUTO,
                                      cancel_later_cb, &progress, cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 3);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), ==, before);
  assert_fts_in_sync (f);
  cg_import_report_clear (&report);
  g_clear_error (&error);

  /* The whole file, its progress to the end */
  progress = (Progress) { NULL, 0, 0, 0 };
  g_assert_true (cg_job_import_file (f->db, big, CG_IMPORT_FORMAT_AUTO,
                                     cancel_later_cb, &progress, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 20000);
  g_assert_cmpuint (progress.calls, >=, 20);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_cmpint (count_user_jobs (f), ==, 20000);
  assert_fts_in_sync (f);
}

/* A top-level array, streamed */

/* What importing @text whole would say of it: json-glib's error, as
 * cg_jsonld_parse() gives it, in the importer's words */
static char *
whole_document_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = cg_jsonld_parse (text, -1, NULL, &error);
  guint line = 0, column = 0;
  int n = 0;

  g_assert_null (records);
  g_assert_error (error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID);
  g_assert_cmpint (sscanf (error->message, "%u:%u: Parse error: %n", &line, &column, &n), ==, 2);
  g_assert_cmpint (n, >, 0);
  return g_strdup_printf ("Not valid JSON at line %u, column %u: %s", line, column,
                          error->message + n);
}

/* Strings, comments and brackets that could mislead a scanner; postings
 * in nested arrays and in a @graph; things that are not postings; an
 * element larger than a read (its description, then the end) */
static const char streamed_array[] =
  "[\n"
  "  {\"@type\": \"JobPosting\", \"title\": \"Brackets ] and } and [ {\","
  " \"url\": \"https://x.example/s/1\", \"hiringOrganization\": \"Acme \\\"]}\\\\\","
  " \"description\": \"<p>Say \\\"hi\\\" ]}, C:\\\\dir\\\\ and \\u005d</p>\","
  " \"skills\": [[\"C\", [\"C++\"]], {\"a\": [1, {\"b\": \"]\"}]}]},\n"
  "  /* a comment, with ] and \" in it */\n"
  "  {\"@type\": [\"JobPosting\"], \"title\": 'Single \"quoted\" ]', \"url\": 'https://x.example/s/2'},\n"
  "  {\"@type\": \"Organization\", \"name\": \"Not a posting\"},\n"
  "  42, \"a string ]\", null, - 1, [], {},\n"
  "  [{\"@type\": \"JobPosting\", \"title\": \"In a nested array\", \"url\": \"https://x.example/s/3\"},\n"
  "   {\"@type\": \"JobPosting\", \"description\": \"no title\"}],\n"
  "  {\"@graph\": [{\"@type\": \"JobPosting\", \"title\": \"In a graph\", \"url\": \"https://x.example/s/4\"}]},\n"
  "  {\"@type\": \"JobPosting\", \"title\": \"Long\", \"url\": \"https://x.example/s/5\", \"description\": \"";
static const char streamed_array_end[] = "\"}\n]\n";

static void
test_json_array_streamed (Fixture       *f,
                          gconstpointer  data)
{
  static const char * const problems[] = { "posting 4: skipped, no title", NULL };
  g_autofree char *path = g_build_filename (f->dir, "board.json", NULL);
  g_autoptr(GString) words = g_string_new (NULL);
  g_autoptr(GString) text = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CgImportReport) report = { 0 };
  g_auto(Row) brackets = { 0 };
  g_auto(Row) quoted = { 0 };
  g_auto(Row) nested = { 0 };
  g_auto(Row) graph = { 0 };
  g_auto(Row) long_row = { 0 };

  /* Over three reads of 64 KiB */
  while (words->len < 200 * 1024)
    g_string_append (words, "bring-up \\\"and\\\" drivers ]} ");
  text = g_string_new ("\xef\xbb\xbf");
  g_string_append (text, streamed_array);
  g_string_append (text, words->str);
  g_string_append (text, streamed_array_end);
  g_assert_true (import_text (f, "board.json", text->str, text->len, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON);
  g_assert_cmpuint (report.added, ==, 5);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 1);
  assert_problems (&report, problems);
  g_assert_cmpint (count_user_jobs (f), ==, 5);

  get_row (f, "url:https://x.example/s/1", &brackets);
  g_assert_cmpstr (brackets.title, ==, "Brackets ] and } and [ {");
  g_assert_cmpstr (brackets.company, ==, "Acme \"]}\\");
  /* (Markdown escapes "]" and "\\") */
  g_assert_cmpstr (brackets.description, ==, "Say \"hi\" \\]}, C:\\\\dir\\\\ and \\]");
  get_row (f, "url:https://x.example/s/2", &quoted);
  g_assert_cmpstr (quoted.title, ==, "Single \"quoted\" ]");
  get_row (f, "url:https://x.example/s/3", &nested);
  g_assert_cmpstr (nested.title, ==, "In a nested array");
  get_row (f, "url:https://x.example/s/4", &graph);
  g_assert_cmpstr (graph.title, ==, "In a graph");
  get_row (f, "url:https://x.example/s/5", &long_row);
  g_assert_cmpuint (strlen (long_row.description), >, 190 * 1024);
  assert_fts_in_sync (f);

  /* What reading the document whole finds */
  records = cg_jsonld_parse (text->str + 3, text->len - 3, warnings, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 5);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, problems[0]);
  cg_import_report_clear (&report);

  /* Again: updated */
  g_assert_true (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                     &report, &error));
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 5);
  g_assert_cmpint (count_user_jobs (f), ==, 5);
}

/* Imports @text (as "array.json") and checks that it is refused with
 * @message, and that nothing was imported */
static void
assert_array_refused (Fixture    *f,
                      const char *text,
                      GQuark      domain,
                      int         code,
                      const char *message)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = cg_test_query_int (f->db, "SELECT count(*) FROM jobs");

  g_assert_false (import_text (f, "array.json", text, -1, &report, &error));
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpuint (report.added + report.updated + report.skipped, ==, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), ==, before);
  g_assert_true (sqlite3_get_autocommit (f->db));
}

#define POSTING(n) "{\"@type\": \"JobPosting\", \"title\": \"Posting " #n "\"," \
                   " \"url\": \"https://x.example/a/" #n "\"}"

/* An element that is not JSON: refused where reading the whole document
 * says, with the line and column in the file, after postings before it
 * were handed to the writer */
static void
test_json_array_invalid (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const invalid[] = {
    /* on the line where the array starts */
    "[" POSTING (1) ", {\"@type\": \"JobPosting\", \"title\": \"B\",}]",
    /* on an element's second line, and on its first */
    "[\n  " POSTING (1) ",\n  {\"@type\": \"JobPosting\",\n   \"title\": tru}\n]",
    "[\n  " POSTING (1) ",\n  " POSTING (2) ", {\"title\" \"x\"}\n]",
    /* after wide characters on the line (json-glib counts bytes) */
    "[{\"title\": \"Ingénieure “été”\", \"@type\": \"JobPosting\"}, {\"title\": x}]",
    /* a number or word */
    "[" POSTING (1) ", 1.2.3]",
    "[" POSTING (1) ",\n   truex]",
    "[" POSTING (1) ", -]",
    /* an unknown escape is fine, a broken one is not */
    "[" POSTING (1) ", \"\\q\", \"\\ud800\\u0041\"]",
    NULL
  };
  g_autoptr(GString) big = g_string_new ("[\n");
  g_autofree char *expected = NULL;

  for (guint i = 0; invalid[i] != NULL; i++)
    {
      g_autofree char *message = whole_document_error (invalid[i]);
      g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", invalid[i], NULL);

      g_test_message ("%s: %s", invalid[i], message);
      assert_array_refused (f, invalid[i], CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID, message);
      /* Positions are after the byte order mark, as when read whole */
      assert_array_refused (f, bom, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID, message);
    }

  /* In the middle of a file of many reads, postings written before it */
  for (guint i = 0; big->len < 300 * 1024; i++)
    g_string_append_printf (big, "  {\"@type\": \"JobPosting\", \"title\": \"Posting %u\","
                            " \"url\": \"https://x.example/big/%u\"},\n", i, i);
  g_string_append (big, "  {\"@type\": \"JobPosting\", \"title\": \"Bad\" \"url\": \"x\"},\n");
  for (guint i = 0; i < 100; i++)
    g_string_append_printf (big, "  {\"@type\": \"JobPosting\", \"title\": \"After %u\"},\n", i);
  g_string_append (big, "  {}\n]\n");
  expected = whole_document_error (big->str);
  g_assert_true (g_str_has_prefix (expected, "Not valid JSON at line "));
  assert_array_refused (f, big->str, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID, expected);
  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

/* An array that is not well formed, or text that is not UTF-8: refused
 * with the line and column, nothing imported */
static void
test_json_array_malformed (Fixture       *f,
                           gconstpointer  data)
{
  static const struct {
    const char *text;
    const char *message;
  } cases[] = {
    { "[\n  " POSTING (1) "\n  " POSTING (2) "\n]",
      "Not valid JSON at line 3, column 3: unexpected “{”, expected “,” or “]”" },
    { "[" POSTING (1) ", 2 3]",
      "Not valid JSON at line 1, column 83: unexpected “3”, expected “,” or “]”" },
    { "[" POSTING (1) "}]",
      "Not valid JSON at line 1, column 79: unexpected “}”, expected “,” or “]”" },
    { "[" POSTING (1) ",\n]",
      "Not valid JSON at line 2, column 1: unexpected “]”, expected a value" },
    { "[\n  ,\n  " POSTING (1) "]",
      "Not valid JSON at line 2, column 3: unexpected “,”, expected a value" },
    { "[" POSTING (1) ": 2]",
      "Not valid JSON at line 1, column 79: unexpected “:”, expected “,” or “]”" },
    { "[\n  " POSTING (1) "\n]\n" POSTING (2),
      "Not valid JSON at line 4, column 1: more text after the end of the document "
      "(JSON Lines need one posting a line)" },
    { "[" POSTING (1) "] x",
      "Not valid JSON at line 1, column 81: more text after the end of the document "
      "(JSON Lines need one posting a line)" },
    { "[" POSTING (1) "] []",
      "Not valid JSON at line 1, column 81: more text after the end of the document "
      "(JSON Lines need one posting a line)" },
    /* cut short: in a value, in a string, between values, in a comment */
    { "[\n  " POSTING (1) ",\n  {\"@type\": \"JobPosting\"",
      "Not valid JSON at line 3, column 25: the file ends before the array does" },
    { "[\n  " POSTING (1) ",\n  \"Ingénieur",
      "Not valid JSON at line 3, column 13: the file ends before the array does" },
    { "[" POSTING (1) ",", "Not valid JSON at line 1, column 80: the file ends before the array does" },
    { "[" POSTING (1), "Not valid JSON at line 1, column 79: the file ends before the array does" },
    { "[" POSTING (1) "] /* comment", "Not valid JSON at line 1, column 91: the file ends before the array does" },
    { "[", "Not valid JSON at line 1, column 2: the file ends before the array does" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) whole_error = NULL;

      g_test_message ("%s", cases[i].text);
      assert_array_refused (f, cases[i].text, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                            cases[i].message);

      /* refused when read whole too */
      if (!cg_job_import_json_has_text_after_value (cases[i].text, strlen (cases[i].text)))
        {
          records = cg_jsonld_parse (cases[i].text, -1, NULL, &whole_error);
          g_assert_error (whole_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID);
        }
    }

  /* Not UTF-8, after the first read */
  {
    g_autoptr(GString) text = g_string_new ("[\n");

    while (text->len < 100 * 1024)
      g_string_append (text, "  " POSTING (1) ",\n");
    g_string_append (text, "  {\"@type\": \"JobPosting\", \"title\": \"Ing\xe9nieur\"}\n]\n");
    assert_array_refused (f, text->str, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                          "The file is not valid UTF-8 text");
  }

  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

/* Empty arrays, arrays of other things, and space before the array */
static void
test_json_array_empty (Fixture       *f,
                       gconstpointer  data)
{
  static const char * const nothing[] = {
    "[]", " [ ] \n", "\xef\xbb\xbf\r\n\t[\n]\n", "[/* nothing */]",
    "[1, \"two\", null, true, [], [[{}]], {\"@type\": \"Organization\", \"name\": \"Acme\"}]",
    "[{\"@graph\": []}, {\"itemListElement\": [{\"item\": {\"@type\": \"Person\"}}]}]",
    NULL
  };
  static const char * const space[] = {
    "\xef\xbb\xbf" "[" POSTING (1) "]",
    "\xef\xbb\xbf \r\n\t\n  [\n\n" POSTING (1) "\n\n]\n\n",
    "\n\n  [  " POSTING (1) "  ]  ",
    NULL
  };

  for (guint i = 0; nothing[i] != NULL; i++)
    {
      g_test_message ("%s", nothing[i]);
      assert_array_refused (f, nothing[i], CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS,
                            "No job postings found in “array.json”");
    }

  for (guint i = 0; space[i] != NULL; i++)
    {
      g_auto(CgImportReport) report = { 0 };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", space[i]);
      g_assert_true (import_text (f, "space.json", space[i], -1, &report, &error));
      g_assert_no_error (error);
      g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON);
      g_assert_cmpuint (report.added + report.updated, ==, 1);
      g_assert_cmpuint (report.problems->len, ==, 0);
    }

  g_assert_cmpint (count_user_jobs (f), ==, 1);
}

/* An element larger than CG_IMPORT_MAX_JSON_DOCUMENT_SIZE is skipped, as a
 * JSON Lines line too long is, without being kept in memory */
static void
test_json_array_overlong (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("[\n  " POSTING (1) ",\n");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_string_append (text, "  {\"@type\": \"JobPosting\", \"title\": \"Long\", \"description\": \"");
  while (text->len < CG_IMPORT_MAX_JSON_DOCUMENT_SIZE + 1024 * 1024)
    g_string_append (text, "word [word] {word} \\\"word\\\" ");
  g_string_append (text, "\"},\n  " POSTING (3) "\n]\n");
  g_assert_true (import_text (f, "long.json", text->str, text->len, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2);
  g_assert_cmpuint (report.skipped, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report.problems, 0), ==,
                   "element 2 of the array (line 3): longer than 8 MB, skipped");
}

/* Postings of over 1 KB, so that progress is reported by bytes read as
 * well as by postings */
static char *
write_big_json_array (Fixture *f,
                      guint    n_postings)
{
  g_autofree char *path = g_build_filename (f->dir, "big.json", NULL);
  g_autoptr(GString) text = g_string_new ("[\n");
  g_autoptr(GString) padding = g_string_new (NULL);

  while (padding->len < 1024)
    g_string_append (padding, "lorem ipsum dolor sit amet ");
  for (guint i = 0; i < n_postings; i++)
    g_string_append_printf (text,
                            "%s  {\"@type\": \"JobPosting\", \"title\": \"Firmware Engineer %u\","
                            " \"hiringOrganization\": \"Acme\", \"jobLocation\": \"Tampa, FL\","
                            " \"description\": \"<p>Boards and drivers, posting %u.</p>\","
                            " \"url\": \"https://x.example/big/%u\", \"x-padding\": \"%s\"}",
                            i > 0 ? ",\n" : "", i, i, i, padding->str);
  g_string_append (text, "\n]\n");
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  return g_steal_pointer (&path);
}

/* Cancelled halfway: nothing written; else progress to the end */
static void
test_json_array_cancel (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *big = write_big_json_array (f, 10000);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 before = cg_test_query_int (f->db, "SELECT count(*) FROM jobs");
  Progress progress = { cancellable, 0, 0, 0 };

  g_assert_false (cg_job_import_file (f->db, big, CG_IMPORT_FORMAT_AUTO,
                                      cancel_later_cb, &progress, cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, ==, 3);
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), ==, before);
  g_assert_true (sqlite3_get_autocommit (f->db));
  cg_import_report_clear (&report);
  g_clear_error (&error);

  progress = (Progress) { NULL, 0, 0, 0 };
  g_assert_true (cg_job_import_file (f->db, big, CG_IMPORT_FORMAT_AUTO,
                                     cancel_later_cb, &progress, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 10000);
  g_assert_cmpuint (progress.calls, >=, 10);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_cmpint (count_user_jobs (f), ==, 10000);
  assert_fts_in_sync (f);
}

/* json-glib decodes a lone surrogate to bytes that are not UTF-8 (and
 * swallows the character after it): the library gets valid text */
static void
test_json_lone_surrogate (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "lone.json", NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_auto(Row) row = { 0 };

  cg_test_write_file (f->dir, "lone.json",
                      "[{\"@type\": \"JobPosting\", \"title\": \"Caf\\ud83d\\qe\","
                      " \"hiringOrganization\": \"\\udc00Acme\", \"jobLocation\": \"Austin \\ud800!\","
                      " \"url\": \"https://x.example/lone\"}]");
  g_assert_true (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                     &report, &error));
  g_assert_no_error (error);
  get_row (f, "url:https://x.example/lone", &row);
  g_assert_true (g_utf8_validate (row.title, -1, NULL));
  g_assert_true (g_str_has_prefix (row.title, "Caf\xef\xbf\xbd"));
  g_assert_true (g_str_has_suffix (row.title, "\xef\xbf\xbd" "e"));
  g_assert_true (g_utf8_validate (row.company, -1, NULL));
  g_assert_true (g_str_has_suffix (row.company, "\xef\xbf\xbd" "cme"));
  g_assert_true (g_utf8_validate (row.locations, -1, NULL));
  g_assert_true (g_str_has_prefix (row.locations, "Austin \xef\xbf\xbd"));
}

/* JSON Lines saved as .json whose first line is longer than what the
 * format is guessed from: still JSON Lines, not one document */
static void
test_json_lines_long_first_line (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("{\"@type\": \"JobPosting\", \"title\": \"Long\", \"description\": \"");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  while (text->len < 200 * 1024)
    g_string_append (text, "words and words ");
  g_string_append (text, "\"}\n" POSTING (2) "\n");
  g_assert_true (import_text (f, "lines.json", text->str, text->len, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON_LINES);
  g_assert_cmpuint (report.added, ==, 2);
}

static void
test_failed_leaves_library (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const bad[] = { "invalid.json", "garbage.bin", "no-title-column.csv", "no-jsonld.html", NULL };
  g_auto(CgImportReport) report = { 0 };
  g_autofree char *before = NULL;
  gint64 cache_size = cg_test_query_int (f->db, "PRAGMA main.cache_size");
  gint64 temp_cache_size = cg_test_query_int (f->db, "PRAGMA temp.cache_size");

  import_ok (f, "jobs.csv", &report);
  before = cg_test_query_text (f->db, "SELECT group_concat(key || title || ifnull(company, ''), ',') FROM jobs");

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      cg_import_report_clear (&report);
      g_assert_false (import (f, bad[i], &report, &error));
      g_assert_nonnull (error);
      after = cg_test_query_text (f->db, "SELECT group_concat(key || title || ifnull(company, ''), ',') FROM jobs");
      g_assert_cmpstr (after, ==, before);
      g_assert_true (sqlite3_get_autocommit (f->db));
    }

  /* No staging table is left behind, the connection's settings are back */
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM temp.sqlite_schema"), ==, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "PRAGMA main.cache_size"), ==, cache_size);
  g_assert_cmpint (cg_test_query_int (f->db, "PRAGMA temp.cache_size"), ==, temp_cache_size);
}

/* The command line */

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *jobs = fixture_path ("jobs.csv");
  g_autofree char *invalid = fixture_path ("invalid.json");
  g_autofree char *valid = fixture_path ("valid.json");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree char *expected_out = NULL;
  char *all_good[] = { valid, NULL };
  char *mixed[] = { jobs, invalid, NULL };

  g_assert_cmpint (cg_job_import_cli (f->db, all_good, out, err), ==, 0);
  expected_out = g_strdup_printf ("%s: 1 added, 0 updated, 0 skipped\n", valid);
  g_assert_cmpstr (out->str, ==, expected_out);
  g_assert_cmpstr (err->str, ==, "");

  g_string_truncate (out, 0);
  g_clear_pointer (&expected_out, g_free);
  g_assert_cmpint (cg_job_import_cli (f->db, mixed, out, err), ==, 1);
  expected_out = g_strdup_printf ("%s: 5 added, 0 updated, 2 skipped\n%s: refused\n", jobs, invalid);
  g_assert_cmpstr (out->str, ==, expected_out);
  {
    g_auto(GStrv) lines = g_strsplit (err->str, "\n", -1);
    g_autofree char *line0 = g_strdup_printf ("%s: line 8: no title", jobs);
    g_autofree char *line1 = g_strdup_printf ("%s: line 12: no title", jobs);
    g_autofree char *line2 = g_strdup_printf ("%s: refused: Not valid JSON at line 3, column ", invalid);

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_cmpstr (lines[0], ==, line0);
    g_assert_cmpstr (lines[1], ==, line1);
    g_assert_true (g_str_has_prefix (lines[2], line2));
    g_assert_cmpstr (lines[3], ==, "");
  }
}

/* The buffer readers, without a database */

static gboolean
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

static gboolean
stop_cb (const CgJobRecord  *record,
         gpointer            user_data,
         GError            **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "full");
  return FALSE;
}

static void
test_buffers (void)
{
  static const char csv[] = "title,location\r\nA,Here\r\nB,There";
  static const char cr_csv[] = "title,location\rA,Here\r,Nowhere\rB,There";
  static const char html[] = "<script type=application/ld+json>{\"@type\":\"JobPosting\",\"title\":\"T\"}</script>";
  static const char jsonl[] =
    "{\"@type\": \"JobPosting\", \"title\": \"One\"}\n"
    "{\"@type\": \"JobPosting\", \"title\": \"Two\"} {\"@type\": \"JobPosting\"}\n"
    "[1,]\n";
  static const char html2[] =
    "<p>Jobs</p>\n<script type='application/ld+json'>{\"a\": 1} {\"b\": 2}</script>\n"
    "<script type='application/ld+json'>{\"@type\": \"JobPosting\", \"title\": \"T\"}</script>";
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (cg_job_import_csv_buffer (csv, strlen (csv), "a.csv", count_cb, &n, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  cg_import_report_clear (&report);

  /* Old Mac line ends still give line numbers */
  n = 0;
  g_assert_true (cg_job_import_csv_buffer (cr_csv, strlen (cr_csv), "a.csv", count_cb, &n, &report, &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report.problems, 0), ==, "line 3: no title");
  cg_import_report_clear (&report);

  n = 0;
  g_assert_true (cg_job_import_html_buffer (html, strlen (html), "a.html", count_cb, &n, &report, &error));
  g_assert_cmpuint (n, ==, 1);
  cg_import_report_clear (&report);

  g_assert_false (cg_job_import_csv_buffer (csv, strlen (csv), "a.csv", stop_cb, NULL, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  cg_import_report_clear (&report);
  g_clear_error (&error);

  /* Two values on a line, or in a block: json-glib would drop the second */
  n = 0;
  g_assert_true (cg_job_import_json_lines_buffer (jsonl, strlen (jsonl), "a.jsonl", count_cb, &n,
                                                  &report, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (report.problems, 0), ==,
                   "line 2: not valid JSON at column 41: more text after the end of the value");
  g_assert_true (g_str_has_prefix (g_ptr_array_index (report.problems, 1),
                                   "line 3: not valid JSON at column 3: "));
  cg_import_report_clear (&report);

  n = 0;
  g_assert_true (cg_job_import_html_buffer (html2, strlen (html2), "a.html", count_cb, &n,
                                            &report, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report.problems, 0), ==,
                   "JSON-LD block 1 (line 2): Not valid JSON at line 1, column 10: "
                   "more text after the end of the value");

  g_assert_true (cg_job_import_json_has_text_after_value ("1 2", 3));
  g_assert_true (cg_job_import_json_has_text_after_value ("\"a\"\n\"b\"", 7));
  g_assert_false (cg_job_import_json_has_text_after_value ("[1}, 2]", 7));
  g_assert_false (cg_job_import_json_has_text_after_value ("{\"a\": \"}\"} ", 11));
  /* json-glib 1.6 reads a "/" as the start of a comment up to the next "/":
   * a comment after the value is not more text, and a bracket or a quote in
   * a comment is nothing */
  g_assert_false (cg_job_import_json_has_text_after_value ("[1]\n//", 6));
  g_assert_false (cg_job_import_json_has_text_after_value ("[1] /]/ /\"/", 11));
  g_assert_false (cg_job_import_json_has_text_after_value ("[1 /]/] /x/", 11));
  g_assert_true (cg_job_import_json_has_text_after_value ("[1 /\"/] []", 10));
  g_assert_true (cg_job_import_json_has_text_after_value ("[1] /x/ 2", 9));
  g_assert_true (cg_job_import_json_has_text_after_value ("\xef\xbb\xbf{} {}", 8));
}

static gboolean
collect_dates_cb (const CgJobRecord  *record,
                  gpointer            user_data,
                  GError            **error)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s %s", record->title,
                                               record->date_posted ? record->date_posted : "-"));
  return TRUE;
}

/* The dates a CSV file may hold: ISO dates and date-times, M/D/YYYY (with
 * a time or not), Unix times in seconds and milliseconds, years 1900 to
 * 2999; anything else is dropped */
static void
test_csv_dates (void)
{
  static const char csv[] =
    "title,posted\n"
    "a,2026-05-01\n"
    "b,2026-05-05T10:00:00Z\n"
    "c,2026-05-06 09:30\n"
    "d,05/03/2026\n"
    "e,5/7/2026 10:00\n"
    "f,1714521600\n"
    "g,1714521600000\n"
    "h,yesterday\n"
    "i,1899-12-31\n"
    "j,3000-01-01\n"
    "k,2026-02-30\n"
    "l,13/01/2026\n"
    "m,24.03.2026\n"
    "n,\"March 24, 2026\"\n";
  static const char * const expected[] = {
    "a 2026-05-01", "b 2026-05-05", "c 2026-05-06", "d 2026-05-03", "e 2026-05-07",
    "f 2024-05-01", "g 2024-05-01", "h -", "i -", "j -", "k -", "l -", "m -", "n -",
  };
  g_autoptr(GPtrArray) dates = g_ptr_array_new_with_free_func (g_free);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_job_import_csv_buffer (csv, strlen (csv), "a.csv", collect_dates_cb, dates,
                                           &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (dates->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (dates, i), ==, expected[i]);
}

/* The streamed array, from a buffer read 61 bytes at a time, finds what
 * cg_jsonld_parse() finds in the whole text, and refuses what it refuses */
static void
test_json_array_buffer (void)
{
  static const char * const texts[] = {
    "[" POSTING (1) "," POSTING (2) "]",
    "[" POSTING (1) ", {\"@type\": \"JobPosting\"}, " POSTING (3) "]",
    "[[[[" POSTING (1) "]]], {\"@graph\": [" POSTING (2) "]}, {\"itemListElement\": "
    "[{\"item\": " POSTING (3) "}]}]",
    "[{\"@type\": \"JobPosting\", \"title\": \"\\\\\\\\\\\\\\\"]}\\\\\", \"x\": \"\\\\\"}, "
    "{\"@type\": \"JobPosting\", \"title\": \"]\\\"[\\\\\"}]",
    "[{\"@type\": \"JobPosting\", 'title': 'a\\', \"b\": 'c\"]'}]",
    "[/*]*/" POSTING (1) "/*[*/,/x/" POSTING (2) "/*]*/]/* after */",
    "[/\"[/ 1 //, /'/ 2 /\n\n/]",
    "[- 1, -/x/2, - \n 3, 1e5, 0x10, .5, 1., true, false, null, \"s\", 's']",
    "[$ 1, $\t2, $\n3, $+4, $-5, - $ 6, $0x1f, $ab]",
    "[\r\n" POSTING (1) "\r\n,\r\n" POSTING (2) "\r\n]\r\n",
    "[{\"@type\": \"JobPosting\", \"title\": \"Ünïcödé “quotes” 😀\", \"url\": \"é\"}]",
    "[]", "[1]", "[[]]", "[{}]", "[\"]\"]",
    /* comments after the array, holding brackets and quotes */
    "[" POSTING (1) "]\n//", "[" POSTING (1) "] /]/ /\"/\n/'/",
    /* refused */
    "[1 2]", "[{} {}]", "[1,]", "[,1]", "[1]]", "[1] [2]", "[{\"a\": [}]", "[{\"a\": 1]]",
    "[1, /]", "['a]", "[\"a\\\"]", "[1e]", "[1.2.3]", "[-]", "[- -1]", "[tru]", "[1a]", "[\f1]",
    "[1,\v2]", "[" POSTING (1) "}", "[{\"title\" \"x\"}]", "[1] /", "[",
    /* json-glib's escapes: "\u12"" does not end a string, nor does a quote
     * after a surrogate */
    "[\"\\u12\"]", "[\"\\u12\"]\"]", "[\"\\u12\"]\", 1]", "[\"\\ud800\"]\"]", "[\"\\ud800\\\"]\"]",
    "[\"\\ud83d\\ude00\", \"\\u00e9\\u\", \"\\uzz\", \"\\ud800\\u\"]", "[\"\\ud800\\u0041\"]",
    "[\"\\ud800x\"]", "[\"\\u1\u00e9\"]\"]", "[\"\\\\\", \"\\\"\"]", "[\"\\",
    "[" POSTING (1) "," POSTING (2) "] x", "[{\"a\": 1}, {\"b\": 2}] {\"c\": 3}",
    "[#]", "[@]", "[+1]", "[1:2]", "[{\"a\":1,}]", "[{'a' 1}]",
    "[$]", "[$  1]", "[$\"a\"]", "[$'a']", "[$]]", "[1$ 2]", "[$,1]", "[$[1]]",
    "[.]", "[-.]", "[- .]", "[\n\r-\r\r.\r]\n", "[.5, -.5, - .5, 1., 0b1]", "[0x]", "[0b]",
    "[\xef\xbb\xbf" "1]", "[1, \xef\xbb\xbf" "2]", "[1, - \xef\xbb\xbf" "2]",
    "[" POSTING (1) "] /\"/ []", "[" POSTING (1) "] /[/ x", "[" POSTING (1) "]\n//x",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const char *text = texts[i];
      gsize length = strlen (text);
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) whole_error = NULL;
      g_autoptr(GError) error = NULL;
      g_auto(CgImportReport) report = { 0 };
      guint n = 0;
      gboolean ok;

      g_test_message ("%s", text);
      if (!cg_job_import_json_has_text_after_value (text, length))
        records = cg_jsonld_parse (text, length, warnings, &whole_error);
      ok = cg_job_import_json_buffer (text, length, "a.json", count_cb, &n, &report, &error);
      g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON);

      if (records == NULL && whole_error != NULL &&
          g_error_matches (whole_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_NO_POSTINGS))
        {
          g_assert_false (ok);
          g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
        }
      else if (records == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID);
          g_test_message ("refused: %s", error->message);
        }
      else
        {
          g_assert_no_error (whole_error);
          g_assert_cmpuint (n, ==, records->len);
          g_assert_true (ok == (records->len > 0));
          g_assert_cmpuint (report.problems->len, ==, warnings->len);
          for (guint w = 0; w < warnings->len; w++)
            g_assert_cmpstr (g_ptr_array_index (report.problems, w), ==,
                             g_ptr_array_index (warnings, w));
        }
    }
}

static void
test_many_problems (void)
{
  g_autoptr(GString) csv = g_string_new ("title,company\n");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < CG_IMPORT_MAX_PROBLEMS + 10; i++)
    g_string_append (csv, ",nobody\n");
  g_string_append (csv, "Kept,Acme\n");

  g_assert_true (cg_job_import_csv_buffer (csv->str, csv->len, "a.csv", count_cb, &n, &report, &error));
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpuint (report.skipped, ==, CG_IMPORT_MAX_PROBLEMS + 10);
  g_assert_cmpuint (report.problems->len, ==, CG_IMPORT_MAX_PROBLEMS + 1);
  g_assert_cmpstr (g_ptr_array_index (report.problems, CG_IMPORT_MAX_PROBLEMS), ==,
                   "… and 10 more problems");
}

/* The fast path for plain text gives what cg_html_to_markdown() gives */
static void
test_plain_text (void)
{
  static const char * const texts[] = {
    "Plain words.",
    "  leading and trailing  \n",
    "One line\nanother line\n\nA paragraph",
    "- a list\n- of things\n* and stars\n+ plus\n• bullets\n•tight",
    "1. numbered\n2) also\n10 items",
    "# not a heading\n> not a quote\n=== not a rule\n~~~ not a fence",
    "Stars *and* _underscores_ `code` [links](x) |pipes| back\\slash",
    "Tabs\tand\u00a0non-breaking spaces, \xc2\x85 a C1 control, \ufeff a BOM",
    "Ünïcödé – dashes — and “quotes” 😀",
    "\r\nWindows\r\nline ends\r\n\r\nand old\rMac ones\r\r",
    "-not a bullet\n-\n- \n*",
    "",
    "\n\n\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *fast = cg_job_import_plain_text_to_markdown (texts[i]);
      g_autofree char *slow = cg_html_to_markdown (texts[i], -1);

      g_test_message ("%s", texts[i]);
      g_assert_nonnull (fast);
      g_assert_cmpstr (fast, ==, slow);
    }

  /* Not plain: libxml2's business */
  g_assert_null (cg_job_import_plain_text_to_markdown ("a <b>tag</b>"));
  g_assert_null (cg_job_import_plain_text_to_markdown ("AT&amp;T"));
  g_assert_null (cg_job_import_plain_text_to_markdown ("a\x01" "b"));
}

/* Big files in bounded memory */

static gint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen (field), NULL, 10);
}

static void
test_streaming (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.jsonl", NULL);
  g_autoptr(GString) padding = g_string_new (NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  FILE *file;
  gint64 rss_before, hwm_after;
  guint n = 0;

#ifdef CG_UNDER_ASAN
  /* a 50 MB import under AddressSanitizer takes minutes and its memory
   * figures mean nothing there; the normal build measures it */
  g_test_skip ("not measured under AddressSanitizer");
  return;
#endif

#ifndef __linux__
  g_test_skip ("Needs /proc/self/status");
  return;
#endif

  /* ~50 MB: postings of 16 KB (a description, and padding the reader
   * passes over) */
  while (padding->len < 14 * 1024)
    g_string_append (padding, "lorem ipsum dolor sit amet ");
  file = fopen (path, "w");
  g_assert_nonnull (file);
  for (gsize size = 0; size < 50 * 1024 * 1024; n++)
    {
      int written = fprintf (file,
                             "{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\","
                             " \"title\": \"Firmware Engineer %u\", \"url\": \"https://x.example/stream/%u\","
                             " \"hiringOrganization\": {\"@type\": \"Organization\", \"name\": \"Acme\"},"
                             " \"description\": \"<p>Boards, drivers and bring-up, posting %u.</p>"
                             "<ul><li>C</li><li>RTOS</li></ul>\", \"x-padding\": \"%s\"}\n",
                             n, n, n, padding->str);
      g_assert_cmpint (written, >, 0);
      size += written;
    }
  fclose (file);

  /* Reset the peak to the current size, where the kernel allows it */
  file = fopen ("/proc/self/clear_refs", "w");
  if (file != NULL)
    {
      fputs ("5", file);
      fclose (file);
    }
  rss_before = read_status_kib ("VmRSS:");
  g_assert_cmpint (rss_before, >, 0);

  g_assert_true (cg_job_import_file (f->db, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                     &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, n);
  g_assert_cmpuint (report.skipped, ==, 0);

  hwm_after = read_status_kib ("VmHWM:");
  g_test_message ("%u postings; RSS %" G_GINT64_FORMAT " KiB before, peak %" G_GINT64_FORMAT " KiB",
                  n, rss_before, hwm_after);
#ifdef CG_UNDER_ASAN
  /* AddressSanitizer keeps freed memory in quarantine: the peak says
   * nothing about the importer there */
  (void) hwm_after;
#else
  g_assert_cmpint (hwm_after - rss_before, <, 100 * 1024);
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/job-import/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/job-import/format-guess", test_format_guess);
  ADD ("json/single", test_json_single);
  ADD ("json/array", test_json_array);
  ADD ("json/graph", test_json_graph);
  ADD ("json/item-list", test_json_item_list);
  ADD ("json/sloppy", test_json_sloppy);
  ADD ("json/invalid", test_json_invalid);
  ADD ("json/no-title", test_json_no_title);
  ADD ("json/empty", test_json_empty);
  ADD ("json/too-large", test_json_too_large);
  ADD ("json/concatenated", test_json_concatenated);
  ADD ("json/array-streamed", test_json_array_streamed);
  ADD ("json/array-invalid", test_json_array_invalid);
  ADD ("json/array-malformed", test_json_array_malformed);
  ADD ("json/array-empty", test_json_array_empty);
  ADD ("json/array-overlong", test_json_array_overlong);
  ADD ("json/array-cancel", test_json_array_cancel);
  ADD ("json/lines-long-first-line", test_json_lines_long_first_line);
  ADD ("json/lone-surrogate", test_json_lone_surrogate);
  ADD ("json-lines/postings", test_json_lines);
  ADD ("json-lines/overlong", test_json_lines_overlong);
  ADD ("html/page", test_html_page);
  ADD ("html/no-json-ld", test_html_no_json_ld);
  ADD ("html/broken-block", test_html_broken_block);
  ADD ("html/long-block", test_html_long_block);
  ADD ("html/script-in-script", test_html_script_in_script);
  ADD ("html/deep", test_html_deep);
  ADD ("html/encoding-across-reads", test_html_encoding_across_reads);
  ADD ("csv/jobs", test_csv_jobs);
  ADD ("csv/odd-headers", test_csv_odd_headers);
  ADD ("csv/refused", test_csv_refused);
  ADD ("csv/header-only", test_csv_header_only);
  ADD ("csv/bom", test_csv_bom);
  ADD ("csv/unclosed-quote", test_csv_unclosed_quote);
  ADD ("reimport", test_reimport);
  ADD ("duplicates-in-file", test_duplicates_in_file);
  ADD ("cancel", test_cancel);
  ADD ("failed-leaves-library", test_failed_leaves_library);
  ADD ("cli", test_cli);
  g_test_add_func ("/job-import/buffers", test_buffers);
  g_test_add_func ("/job-import/csv-dates", test_csv_dates);
  g_test_add_func ("/job-import/json-array-buffer", test_json_array_buffer);
  g_test_add_func ("/job-import/many-problems", test_many_problems);
  g_test_add_func ("/job-import/plain-text", test_plain_text);
  ADD ("streaming", test_streaming);

#undef ADD

  return g_test_run ();
}
