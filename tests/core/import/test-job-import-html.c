/* test-job-import-html.c: importing the JSON-LD blocks of saved pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "test-job-import-utils.h"

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/job-import/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("html/page", test_html_page);
  ADD ("html/no-json-ld", test_html_no_json_ld);
  ADD ("html/broken-block", test_html_broken_block);
  ADD ("html/long-block", test_html_long_block);
  ADD ("html/script-in-script", test_html_script_in_script);
  ADD ("html/deep", test_html_deep);
  ADD ("html/encoding-across-reads", test_html_encoding_across_reads);

#undef ADD

  return g_test_run ();
}
