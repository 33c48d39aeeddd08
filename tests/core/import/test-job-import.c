/* test-job-import.c: importing job postings into the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What does not depend on the format: format guessing, importing again,
 * cancelling, the command line, the buffer readers and memory. Each
 * format has its tests in test-job-import-FORMAT.c.
 */
#include "test-job-import-utils.h"

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
  ADD ("reimport", test_reimport);
  ADD ("duplicates-in-file", test_duplicates_in_file);
  ADD ("cancel", test_cancel);
  ADD ("failed-leaves-library", test_failed_leaves_library);
  ADD ("cli", test_cli);
  g_test_add_func ("/job-import/buffers", test_buffers);
  g_test_add_func ("/job-import/many-problems", test_many_problems);
  ADD ("streaming", test_streaming);

#undef ADD

  return g_test_run ();
}
