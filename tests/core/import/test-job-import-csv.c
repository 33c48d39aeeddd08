/* test-job-import-csv.c: importing CSV files, and the plain-text fast path
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-job-import-utils.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/job-import/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("csv/jobs", test_csv_jobs);
  ADD ("csv/odd-headers", test_csv_odd_headers);
  ADD ("csv/refused", test_csv_refused);
  ADD ("csv/header-only", test_csv_header_only);
  ADD ("csv/bom", test_csv_bom);
  ADD ("csv/unclosed-quote", test_csv_unclosed_quote);
  g_test_add_func ("/job-import/csv-dates", test_csv_dates);
  g_test_add_func ("/job-import/plain-text", test_plain_text);

#undef ADD

  return g_test_run ();
}
