/* test-compare.c: the comparison table and its exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two test roles with aspects full of characters that Markdown, CSV and
 * HTML treat specially, and postings of known values; the exports are
 * checked against golden files in fixtures/compare/ (set
 * CG_UPDATE_GOLDEN=1 to rewrite them, then read the diff). The figures in
 * them are worked out by hand below.
 */
#include "config.h"

#include <string.h>

#include <csv.h>

#include "cg-compare.h"
#include "cg-db.h"
#include "cg-job-record.h"
#include "cg-library.h"
#include "cg-markdown.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

#define TODAY "2026-06-01"

typedef struct {
  char      *dir;
  CgLibrary *library;
  sqlite3   *db;
} Fixture;

/* alpha-engineer, open on TODAY:
 *   P1 Miami, FL onsite full_time   100,000-120,000 /yr            mid 110,000
 *   P2 Tampa, FL remote contractor  $50-$60 /h = 104,000-124,800   mid 114,400
 *   P3 expired: never counted
 * so: 2 open; pay $100K - $124.8K; median (110,000 + 114,400) / 2 =
 * $112.2K from 2; on-site 50% (1), hybrid 0% (0), remote 50% (1);
 * contract 50% (1), full time 50% (1) (ties by key); Miami 1, Tampa 1.
 * beta-engineer has no posting: 0, and nothing else. */
static const char fixture_sql[] =
  "INSERT INTO roles (slug, name, summary, position) VALUES"
  " ('alpha-engineer', 'Alpha Engineer', 'Builds \"quoted\" things, with commas', 100),"
  " ('beta-engineer', 'Beta | Engineer', 'Line one' || char(10) || 'line two', 101);"
  "INSERT INTO aspects (key, label, position) VALUES"
  " ('t_credentials', 'Credentials', 100), ('t_tools', 'Tools <and> frameworks', 101),"
  " ('t_same', 'Same for both', 102), ('t_only_alpha', 'Only alpha', 103),"
  " ('t_nobody', 'Nobody has this', 104);"
  "INSERT INTO role_aspects (role, aspect, value) VALUES"
  " ('alpha-engineer', 't_credentials', 'A degree in CS; 2-4 years'),"
  " ('beta-engineer', 't_credentials', 'A degree in EE, or equivalent'),"
  " ('alpha-engineer', 't_tools', 'C++, Python & <script>alert(1)</script>'),"
  " ('beta-engineer', 't_tools', 'Pipes | and `backticks` and [links](x)'),"
  " ('alpha-engineer', 't_same', 'C and C++'),"
  " ('beta-engineer', 't_same', 'C and C++'),"
  " ('alpha-engineer', 't_only_alpha', 'Only *alpha*');";

typedef struct {
  const char *title;
  const char *location;
  const char *arrangement;
  const char *type;
  double      min;
  double      max;
  CgPayUnit   unit;
  gboolean    expired;
} Posting;

static const Posting postings[] = {
  { "P1", "Miami, FL", "onsite", "full_time", 100000, 120000, CG_PAY_UNIT_YEAR, FALSE },
  { "P2", "Tampa, FL", "remote", "contractor", 50, 60, CG_PAY_UNIT_HOUR, FALSE },
  { "P3", "Miami, FL", "hybrid", "full_time", 900000, 900000, CG_PAY_UNIT_YEAR, TRUE },
};

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CgJobWriter) writer = NULL;
  sqlite3 *db;

  f->dir = cg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "user.db", NULL);
  f->library = cg_library_new (path, content);
  g_assert_true (cg_library_open (f->library, &error));
  g_assert_no_error (error);
  db = cg_library_get_db (f->library);

  g_assert_true (cg_db_exec (db, fixture_sql, &error));
  g_assert_no_error (error);

  writer = cg_job_writer_new (db, "user", &error);
  for (guint i = 0; i < G_N_ELEMENTS (postings); i++)
    {
      g_autoptr(CgJobRecord) r = cg_job_record_new ();

      r->title = g_strdup (postings[i].title);
      r->role = g_strdup ("alpha-engineer");
      r->region = g_strdup ("FL");
      g_ptr_array_add (r->locations, g_strdup (postings[i].location));
      r->arrangement = g_strdup (postings[i].arrangement);
      r->employment_type = g_strdup (postings[i].type);
      r->has_pay = TRUE;
      r->pay.min = postings[i].min;
      r->pay.max = postings[i].max;
      r->pay.has_min = r->pay.has_max = TRUE;
      r->pay.unit = postings[i].unit;
      strcpy (r->pay.currency, "USD");
      r->date_posted = g_strdup ("2026-05-15");
      r->expired = postings[i].expired;
      cg_job_record_compute_key (r);
      g_assert_true (cg_job_writer_write (writer, r, &error));
    }

  f->db = cg_db_open (path, TRUE, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cg_db_close (f->db);
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static CgComparison *
new_comparison (Fixture    *f,
                const char *region)
{
  static const char *roles[] = { "alpha-engineer", "beta-engineer", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgComparison) comparison = cg_comparison_new (f->db, roles, &error);
  GPtrArray *figures;

  g_assert_no_error (error);
  figures = cg_compare_compute_figures (f->db, cg_comparison_get_slugs (comparison), region, TODAY, &error);
  g_assert_no_error (error);
  cg_comparison_set_figures (comparison, figures, region, TODAY);
  return g_steal_pointer (&comparison);
}

/* Compares @text with fixtures/compare/@name (or writes it there when
 * CG_UPDATE_GOLDEN is set). */
static void
assert_golden (const char *text,
               const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "compare", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("CG_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (path, text, -1, &error);
      g_assert_no_error (error);
      return;
    }

  g_file_get_contents (path, &expected, NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (text, expected) != 0)
    g_error ("%s differs from the golden file:\n--- got ---\n%s\n--- expected ---\n%s", name, text, expected);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  static const char *roles[] = { "alpha-engineer", "no-such-role", "alpha-engineer", "beta-engineer", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgComparison) comparison = cg_comparison_new (f->db, roles, &error);
  const CgCompareRow *row;
  const char *expected_slugs[] = { "alpha-engineer", "beta-engineer", NULL };

  /* unknown and repeated roles are left out */
  g_assert_no_error (error);
  g_assert_cmpuint (cg_comparison_get_n_roles (comparison), ==, 2);
  g_assert_cmpstrv ((char **) cg_comparison_get_slugs (comparison), expected_slugs);
  g_assert_cmpstr (cg_comparison_get_role_name (comparison, 1), ==, "Beta | Engineer");

  /* summary and the four aspects someone describes; no live rows yet */
  g_assert_false (cg_comparison_has_figures (comparison));
  g_assert_cmpuint (cg_comparison_get_n_rows (comparison), ==, 5);
  row = cg_comparison_get_row (comparison, 0);
  g_assert_cmpstr (row->key, ==, "summary");
  g_assert_cmpint (row->kind, ==, CG_COMPARE_ROW_SUMMARY);
  g_assert_true (row->differs);
  row = cg_comparison_find_row (comparison, "t_same");
  g_assert_cmpint (row->kind, ==, CG_COMPARE_ROW_ASPECT);
  g_assert_cmpstr (row->label, ==, "Same for both");
  g_assert_false (row->differs);
  row = cg_comparison_find_row (comparison, "t_only_alpha");
  g_assert_cmpstr (row->values[0], ==, "Only *alpha*");
  g_assert_cmpstr (row->values[1], ==, "");
  g_assert_true (row->differs);
  g_assert_null (cg_comparison_find_row (comparison, "t_nobody"));
  g_assert_null (cg_comparison_find_row (comparison, "open_postings"));

  /* none known */
  {
    static const char *unknown[] = { "no-such-role", NULL };
    g_autoptr(CgComparison) none = cg_comparison_new (f->db, unknown, &error);

    g_assert_null (none);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  }
}

static void
test_live_rows (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CgComparison) comparison = new_comparison (f, NULL);
  static const struct { const char *key; const char *alpha; const char *beta; gboolean differs; } expected[] = {
    { "open_postings", "2", "0", TRUE },
    { "pay_range", "$100K – $124.8K", "", TRUE },
    { "pay_median", "$112.2K, from 2 postings with pay", "", TRUE },
    { "arrangement", "On-site 50% (1)\nHybrid 0% (0)\nRemote 50% (1)", "", TRUE },
    { "employment_type", "Contract 50% (1)\nFull time 50% (1)", "", TRUE },
    { "locations", "Miami, FL (1)\nTampa, FL (1)", "", TRUE },
  };

  g_assert_true (cg_comparison_has_figures (comparison));
  g_assert_cmpuint (cg_comparison_get_n_rows (comparison), ==, 5 + G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CgCompareRow *row = cg_comparison_get_row (comparison, 5 + i);

      g_assert_cmpstr (row->key, ==, expected[i].key);
      g_assert_cmpint (row->kind, ==, CG_COMPARE_ROW_LIVE);
      g_assert_cmpstr (row->values[0], ==, expected[i].alpha);
      g_assert_cmpstr (row->values[1], ==, expected[i].beta);
      g_assert_cmpint (row->differs, ==, expected[i].differs);
    }
  g_assert_cmpuint (cg_comparison_get_figures (comparison, 0)->n_open, ==, 2);

  /* figures set again replace the live rows; Texas has none of alpha's:
   * every live row is the same for both roles */
  {
    g_autoptr(GError) error = NULL;
    GPtrArray *figures = cg_compare_compute_figures (f->db, cg_comparison_get_slugs (comparison), "TX",
                                                     TODAY, &error);

    g_assert_no_error (error);
    cg_comparison_set_figures (comparison, figures, "TX", TODAY);
    g_assert_cmpuint (cg_comparison_get_n_rows (comparison), ==, 5 + G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_false (cg_comparison_get_row (comparison, 5 + i)->differs);
    g_assert_cmpstr (cg_comparison_find_row (comparison, "open_postings")->values[0], ==, "0");
  }
}

static void
test_export_markdown (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CgComparison) comparison = new_comparison (f, NULL);
  g_autoptr(CgComparison) in_texas = new_comparison (f, "TX");
  g_autofree char *all = cg_compare_export_markdown (comparison, FALSE);
  g_autofree char *differences = cg_compare_export_markdown (in_texas, TRUE);

  assert_golden (all, "alpha-beta.md");
  /* only the rows that differ: in Texas neither role has postings */
  assert_golden (differences, "alpha-beta-differences-tx.md");

  /* the app's own Markdown pipeline reads it back as one table, the
   * escaped characters as text */
  {
    g_autoptr(CgMarkdown) md = cg_markdown_render (all, -1, NULL, NULL, NULL);
    const char *html = cg_markdown_get_html (md);
    const char *p = html;
    guint n_rows = 0;

    g_assert_nonnull (strstr (html, "<table"));
    g_assert_null (strstr (strstr (html, "</table>"), "<table"));
    while ((p = strstr (p, "<tr")) != NULL)
      {
        n_rows++;
        p++;
      }
    g_assert_cmpuint (n_rows, ==, 1 + cg_comparison_get_n_rows (comparison));
    g_assert_nonnull (strstr (html, "Beta | Engineer</th>"));
    g_assert_nonnull (strstr (html, "Only *alpha*</td>"));
    g_assert_nonnull (strstr (html, "&lt;script&gt;"));
  }
}

typedef struct {
  GPtrArray *rows;   /* of GPtrArray of char * */
  GPtrArray *row;
} CsvState;

static void
csv_field_cb (void   *data,
              size_t  length,
              void   *user_data)
{
  CsvState *state = user_data;

  if (state->row == NULL)
    state->row = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (state->row, g_strndup (data ? data : "", length));
}

static void
csv_row_cb (int   terminator,
            void *user_data)
{
  CsvState *state = user_data;

  g_ptr_array_add (state->rows, state->row ? state->row : g_ptr_array_new ());
  state->row = NULL;
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CgComparison) comparison = new_comparison (f, NULL);
  g_autofree char *csv = cg_compare_export_csv (comparison, FALSE);
  g_autofree char *differences = cg_compare_export_csv (comparison, TRUE);
  CsvState state = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref), NULL };
  struct csv_parser parser;

  assert_golden (csv, "alpha-beta.csv");
  assert_golden (differences, "alpha-beta-differences.csv");

  /* a strict CSV reader gets every value back: a header, then each row */
  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, csv, strlen (csv), csv_field_cb, csv_row_cb, &state), ==, strlen (csv));
  g_assert_cmpint (csv_fini (&parser, csv_field_cb, csv_row_cb, &state), ==, 0);
  csv_free (&parser);

  g_assert_cmpuint (state.rows->len, ==, 1 + cg_comparison_get_n_rows (comparison));
  {
    GPtrArray *header = g_ptr_array_index (state.rows, 0);

    g_assert_cmpuint (header->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (header, 1), ==, "Alpha Engineer");
    g_assert_cmpstr (g_ptr_array_index (header, 2), ==, "Beta | Engineer");
  }
  for (guint r = 0; r < cg_comparison_get_n_rows (comparison); r++)
    {
      const CgCompareRow *row = cg_comparison_get_row (comparison, r);
      GPtrArray *fields = g_ptr_array_index (state.rows, r + 1);

      g_assert_cmpuint (fields->len, ==, 3);
      g_assert_cmpstr (g_ptr_array_index (fields, 0), ==, row->label);
      for (guint i = 0; i < 2; i++)
        {
          g_auto(GStrv) lines = g_strsplit (row->values[i], "\n", -1);
          g_autofree char *joined = g_strjoinv ("; ", lines);

          g_assert_cmpstr (g_ptr_array_index (fields, i + 1), ==, joined);
        }
    }
  g_ptr_array_unref (state.rows);
}

static void
test_export_html (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CgComparison) comparison = new_comparison (f, NULL);
  g_autofree char *html = cg_compare_export_html (comparison);

  /* escaped, never passed through */
  g_assert_null (strstr (html, "<script>"));
  g_assert_nonnull (strstr (html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
  g_assert_nonnull (strstr (html, "<th scope=\"col\"><a href=\"role:beta-engineer\">Beta | Engineer</a></th>"));
  g_assert_nonnull (strstr (html, "<th scope=\"row\">Tools &lt;and&gt; frameworks</th>"));
  /* live rows, several values a cell on lines of their own */
  g_assert_nonnull (strstr (html, "<tr class=\"cg-live\"><th scope=\"row\">Open postings</th><td>2</td><td>0</td></tr>"));
  g_assert_nonnull (strstr (html, "<td>Miami, FL (1)<br>Tampa, FL (1)</td><td>—</td>"));
  g_assert_nonnull (strstr (html, "<p class=\"cg-compare-note\">Figures from the postings open on 2026-06-01, all regions.</p>"));
}

/* The ```compare block of a guide: the bundled roles, with live rows
 * computed on the spot. */
static void
test_block (Fixture       *f,
            gconstpointer  data)
{
  sqlite3 *db = cg_library_get_db (f->library);
  g_autofree char *html = cg_compare_block_cb ("compare", "embedded-ml-engineer\nfirmware-engineer, alpha-engineer\n", db);
  g_autofree char *none = cg_compare_block_cb ("compare", "no-such-role", db);
  const char *p;

  g_assert_nonnull (html);
  g_assert_nonnull (strstr (html, ">Embedded Machine Learning Engineer</a></th>"));
  g_assert_nonnull (strstr (html, ">Firmware Engineer</a></th>"));
  g_assert_nonnull (strstr (html, ">Alpha Engineer</a></th>"));
  g_assert_nonnull (strstr (html, "<th scope=\"row\">Focus</th>"));
  /* today's figures: alpha's two postings are open (they have no closing date) */
  p = strstr (html, "<th scope=\"row\">Open postings</th>");
  g_assert_nonnull (p);
  g_assert_true (g_str_has_prefix (p, "<th scope=\"row\">Open postings</th><td>0</td><td>0</td><td>2</td>"));

  /* no known role: the block stays a code block */
  g_assert_null (none);
}

/* The library's forms: the written rows from its connection, the figures
 * from a worker thread, the same as with a connection of one's own. */
static void
test_library_async (Fixture       *f,
                    gconstpointer  data)
{
  static const char *roles[] = { "alpha-engineer", "beta-engineer", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgComparison) comparison = cg_comparison_new_for_library (f->library, roles, &error);
  g_autoptr(CgComparison) expected = new_comparison (f, "FL");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *got_md = NULL;
  g_autofree char *expected_md = NULL;
  GPtrArray *figures;
  GAsyncResult *pending = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (cg_comparison_get_n_roles (comparison), ==, 2);
  g_assert_false (cg_comparison_has_figures (comparison));

  cg_compare_compute_figures_async (f->library, cg_comparison_get_slugs (comparison), "FL", TODAY,
                                    NULL, cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  figures = cg_compare_compute_figures_finish (f->library, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, ==, 2);
  g_assert_cmpuint (((CgRoleFigures *) g_ptr_array_index (figures, 0))->n_open, ==, 2);
  g_assert_cmpuint (((CgRoleFigures *) g_ptr_array_index (figures, 1))->n_open, ==, 0);
  cg_comparison_set_figures (comparison, figures, "FL", TODAY);

  got_md = cg_compare_export_markdown (comparison, FALSE);
  expected_md = cg_compare_export_markdown (expected, FALSE);
  g_assert_cmpstr (got_md, ==, expected_md);

  /* cancelled: an answer all the same, saying so */
  g_cancellable_cancel (cancellable);
  cg_compare_compute_figures_async (f->library, roles, NULL, TODAY, cancellable,
                                    cg_test_keep_result_cb, &pending);
  g_clear_object (&result);
  result = cg_test_wait_result (&pending);
  g_assert_null (cg_compare_compute_figures_finish (f->library, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/compare/library-async", test_library_async);
  ADD ("/compare/rows", test_rows);
  ADD ("/compare/live-rows", test_live_rows);
  ADD ("/compare/export-markdown", test_export_markdown);
  ADD ("/compare/export-csv", test_export_csv);
  ADD ("/compare/export-html", test_export_html);
  ADD ("/compare/block", test_block);
#undef ADD

  return g_test_run ();
}
