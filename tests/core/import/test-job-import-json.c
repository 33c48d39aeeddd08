/* test-job-import-json.c: importing JSON documents, JSON arrays and JSON Lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-job-import-utils.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/job-import/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

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
  g_test_add_func ("/job-import/json-array-buffer", test_json_array_buffer);

#undef ADD

  return g_test_run ();
}
