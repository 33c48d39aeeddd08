/* test-market.c: the market's figures: nearest published ones, regions, groups
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-job-record.h"
#include "cg-market.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

#define TODAY "2026-06-01"

typedef struct {
  char      *dir;
  CgLibrary *library;
  sqlite3   *db;
} Fixture;

/* Postings: firmware-engineer in FL (2: onsite full time, remote contract)
 * and TX (1, closed); embedded-ml-engineer in WA (1).
 * Published: firmware-engineer in "Florida" (arrangement, May 2026, and an
 * older employment type, March 2026); any role in "Ontario" (no posting
 * there); embedded-ml-engineer with no region (employment type). */
static const char figures_sql[] =
  "DELETE FROM figures;"
  "INSERT INTO figures (role, region, date, dimension, category, percent, source) VALUES"
  " ('firmware-engineer', 'Florida', '2026-05-01', 'work_arrangement', 'remote', 30, 'Survey A'),"
  " ('firmware-engineer', 'Florida', '2026-05-01', 'work_arrangement', 'onsite', 70, 'Survey A'),"
  " ('firmware-engineer', 'Florida', '2026-03-01', 'employment_type', 'full_time', 90, 'Survey B'),"
  " ('firmware-engineer', 'Florida', '2026-03-01', 'employment_type', 'contractor', 10, 'Survey B'),"
  " (NULL, 'Ontario', '2026-04-01', 'work_arrangement', 'hybrid', 55, 'Survey C'),"
  " ('embedded-ml-engineer', NULL, '2026-02-01', 'employment_type', 'full_time', 100, 'Survey D');";

static void
add_posting (CgJobWriter *writer,
             const char  *title,
             const char  *role,
             const char  *region,
             const char  *location,
             const char  *arrangement,
             const char  *type,
             double       pay,
             const char  *valid_through)
{
  g_autoptr(CgJobRecord) r = cg_job_record_new ();
  g_autoptr(GError) error = NULL;

  r->title = g_strdup (title);
  r->company = g_strdup ("Acme");
  r->role = g_strdup (role);
  r->region = g_strdup (region);
  g_ptr_array_add (r->locations, g_strdup (location));
  r->arrangement = g_strdup (arrangement);
  r->employment_type = g_strdup (type);
  r->has_pay = TRUE;
  r->pay.min = r->pay.max = pay;
  r->pay.has_min = r->pay.has_max = TRUE;
  r->pay.unit = CG_PAY_UNIT_YEAR;
  strcpy (r->pay.currency, "USD");
  r->date_posted = g_strdup ("2026-05-10");
  r->valid_through = g_strdup (valid_through);
  r->url = g_strdup_printf ("https://jobs.example/%s", title);
  cg_job_record_compute_key (r);
  g_assert_true (cg_job_writer_write (writer, r, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  sqlite3 *db;

  f->dir = cg_test_make_tmpdir ();
  f->library = cg_test_open_library (f->dir);
  db = cg_library_get_db (f->library);
  g_assert_true (cg_db_exec (db, "DELETE FROM jobs", &error));
  g_assert_true (cg_db_exec (db, figures_sql, &error));
  g_assert_no_error (error);

  {
    g_autoptr(CgJobWriter) writer = cg_job_writer_new (db, "user", &error);

    g_assert_no_error (error);
    add_posting (writer, "FW 1", "firmware-engineer", "FL", "Miami, FL", "onsite", "full_time", 100000, NULL);
    add_posting (writer, "FW 2", "firmware-engineer", "FL", "Tampa, FL", "remote", "contractor", 120000, NULL);
    add_posting (writer, "FW 3", "firmware-engineer", "TX", "Austin, TX", "onsite", "full_time", 90000, "2026-01-01");
    add_posting (writer, "EML 1", "embedded-ml-engineer", "WA", "Seattle, WA", "hybrid", "full_time", 130000, NULL);
  }

  path = g_build_filename (f->dir, "user.db", NULL);
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

static const CgPublishedFigure *
figure_at (GArray *figures,
           guint   index)
{
  g_assert_cmpuint (index, <, figures->len);
  return &g_array_index (figures, CgPublishedFigure, index);
}

/* Exact, then the role anywhere, then any role in the region, then all. */
static void
test_published_nearest (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CgMarketPublishedMatch match = CG_MARKET_PUBLISHED_ANY;
  GArray *figures;

  /* "FL" finds "Florida": exact, newest first, largest share first */
  figures = cg_market_published_nearest (f->db, "firmware-engineer", "FL", &match, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_EXACT);
  g_assert_cmpuint (figures->len, ==, 4);
  g_assert_cmpstr (figure_at (figures, 0)->date, ==, "2026-05-01");
  g_assert_cmpstr (figure_at (figures, 0)->category, ==, "onsite");
  g_assert_cmpstr (figure_at (figures, 3)->date, ==, "2026-03-01");
  g_array_unref (figures);

  /* nothing for the role in TX: the role in any region */
  figures = cg_market_published_nearest (f->db, "firmware-engineer", "TX", &match, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_ROLE);
  g_assert_cmpuint (figures->len, ==, 4);
  g_assert_cmpstr (figure_at (figures, 0)->region, ==, "Florida");
  g_array_unref (figures);

  /* nothing for the role in Ontario, and the role has Florida: still the role */
  figures = cg_market_published_nearest (f->db, "embedded-ml-engineer", "Ontario", &match, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_ROLE);
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_cmpstr (figure_at (figures, 0)->role, ==, "embedded-ml-engineer");
  g_array_unref (figures);

  /* a role with no figures at all, in a region that has some: the region */
  figures = cg_market_published_nearest (f->db, "data-scientist", "ontario", &match, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_REGION);
  g_assert_cmpuint (figures->len, ==, 1);
  g_assert_cmpstr (figure_at (figures, 0)->category, ==, "hybrid");
  g_array_unref (figures);

  /* neither: every figure */
  figures = cg_market_published_nearest (f->db, "data-scientist", "WA", &match, &error);
  g_assert_no_error (error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_ANY);
  g_assert_cmpuint (figures->len, ==, 6);
  g_array_unref (figures);

  /* only a region, none there: every figure; only a role: the role's */
  figures = cg_market_published_nearest (f->db, NULL, "WA", &match, &error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_ANY);
  g_assert_cmpuint (figures->len, ==, 6);
  g_array_unref (figures);
  figures = cg_market_published_nearest (f->db, "firmware-engineer", NULL, &match, &error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_EXACT);
  g_assert_cmpuint (figures->len, ==, 4);
  g_array_unref (figures);

  /* no filter: every figure, exact */
  figures = cg_market_published_nearest (f->db, NULL, NULL, &match, &error);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_EXACT);
  g_assert_cmpuint (figures->len, ==, 6);
  g_array_unref (figures);
  g_assert_no_error (error);
}

static void
test_published_none (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) figures = NULL;
  CgMarketPublishedMatch match = CG_MARKET_PUBLISHED_ROLE;

  /* a library with no published figure: empty, and "exact" after trying all */
  g_assert_true (cg_db_exec (cg_library_get_db (f->library), "DELETE FROM figures", &error));
  figures = cg_market_published_nearest (f->db, "firmware-engineer", "FL", &match, &error);
  g_assert_no_error (error);
  g_assert_nonnull (figures);
  g_assert_cmpuint (figures->len, ==, 0);
  g_assert_cmpint (match, ==, CG_MARKET_PUBLISHED_EXACT);
}

/* The postings' regions, then the published regions none of them finds;
 * a default region resolved against both. */
static void
test_list_regions (Fixture       *f,
                   gconstpointer  data)
{
  const struct {
    const char *default_region;
    const char *resolved;
  } cases[] = {
    { NULL, NULL },
    { "FL", "FL" },
    { "florida", "FL" },       /* the figures' name finds the postings' code */
    { "ONTARIO", "Ontario" },  /* only published */
    { "tx", "TX" },
    { "Mars", NULL },
  };
  const char *expected[] = { "FL", "TX", "WA", "Ontario", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) regions = NULL;
      g_autofree char *resolved = NULL;

      g_assert_true (cg_market_list_regions (f->db, cases[i].default_region, &regions, &resolved, &error));
      g_assert_no_error (error);
      g_assert_cmpstrv (regions, expected);
      g_assert_cmpstr (resolved, ==, cases[i].resolved);
    }
}

static void
test_compute (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgMarketFigures) all = NULL;
  g_autoptr(CgMarketFigures) fl = NULL;
  g_autoptr(CgMarketFigures) unresolved = NULL;
  g_autoptr(CgMarketFigures) kept = NULL;

  /* everything, no regions listed */
  all = cg_market_compute (f->db, NULL, NULL, TODAY, FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (all->regions);
  g_assert_null (all->region);
  g_assert_cmpint (all->published_match, ==, CG_MARKET_PUBLISHED_EXACT);
  g_assert_cmpuint (all->published->len, ==, 6);
  /* three open postings (the TX one has closed) */
  g_assert_cmpstr (cg_market_dimension (0), ==, "employment_type");
  g_assert_cmpstr (cg_market_dimension (1), ==, "work_arrangement");
  g_assert_cmpuint (all->shares_total[0], ==, 3);
  g_assert_cmpuint (all->shares_total[1], ==, 3);
  g_assert_cmpuint (all->locations_total, ==, 3);
  g_assert_cmpuint (all->pay->summary.count, ==, 3);
  g_assert_cmpuint (all->pay_by_role->len, ==, 2);
  g_assert_nonnull (all->months);

  /* the default region "Florida" resolved to the postings' "FL" */
  fl = cg_market_compute (f->db, "firmware-engineer", "WA", TODAY, TRUE, "Florida", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fl->region, ==, "FL");
  g_assert_cmpuint (g_strv_length (fl->regions), ==, 4);
  g_assert_cmpint (fl->published_match, ==, CG_MARKET_PUBLISHED_EXACT);
  g_assert_cmpuint (fl->shares_total[1], ==, 2);
  g_assert_cmpuint (fl->locations_total, ==, 2);
  g_assert_cmpstr (cg_market_shares_lookup (fl->shares[1], "remote")->key, ==, "remote");
  g_assert_cmpuint (cg_market_shares_lookup (fl->shares[1], "remote")->count, ==, 1);
  g_assert_true (cg_market_shares_lookup (fl->shares[1], "hybrid") == NULL ||
                 cg_market_shares_lookup (fl->shares[1], "hybrid")->count == 0);

  /* a default region that names none: all regions */
  unresolved = cg_market_compute (f->db, NULL, "WA", TODAY, TRUE, "Mars", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (unresolved->region);
  g_assert_cmpuint (unresolved->shares_total[0], ==, 3);

  /* regions listed without a default: the region asked for stays */
  kept = cg_market_compute (f->db, NULL, "WA", TODAY, TRUE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept->region, ==, "WA");
  g_assert_cmpuint (kept->shares_total[0], ==, 1);
  /* no figures in WA, any role: every figure */
  g_assert_cmpint (kept->published_match, ==, CG_MARKET_PUBLISHED_ANY);
  g_assert_cmpuint (kept->published->len, ==, 6);
}

static void
test_compute_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgMarketFigures) expected = NULL;
  g_autoptr(CgMarketFigures) got = NULL;
  g_autoptr(CgMarketFigures) cancelled = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GAsyncResult *pending = NULL;

  expected = cg_market_compute (f->db, "firmware-engineer", NULL, TODAY, TRUE, "florida", NULL, &error);
  g_assert_no_error (error);
  cg_market_compute_async (f->library, "firmware-engineer", NULL, TODAY, TRUE, "florida", NULL,
                           cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  got = cg_market_compute_finish (f->library, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->region, ==, expected->region);
  g_assert_cmpstrv (got->regions, expected->regions);
  g_assert_cmpint (got->published_match, ==, expected->published_match);
  g_assert_cmpuint (got->published->len, ==, expected->published->len);
  g_assert_cmpuint (got->shares_total[0], ==, expected->shares_total[0]);
  g_assert_cmpuint (got->shares_total[1], ==, expected->shares_total[1]);
  g_assert_cmpuint (got->locations_total, ==, expected->locations_total);
  g_assert_cmpuint (got->months->len, ==, expected->months->len);
  g_assert_cmpuint (got->pay_by_role->len, ==, expected->pay_by_role->len);
  g_assert_cmpfloat (got->pay->summary.median, ==, expected->pay->summary.median);

  g_cancellable_cancel (cancellable);
  cg_market_compute_async (f->library, NULL, NULL, TODAY, TRUE, NULL, cancellable,
                           cg_test_keep_result_cb, &pending);
  g_clear_object (&result);
  result = cg_test_wait_result (&pending);
  cancelled = cg_market_compute_finish (f->library, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

static void
append_figure (GArray     *array,
               const char *role,
               const char *region,
               const char *date,
               const char *dimension,
               const char *category,
               double      percent,
               const char *source)
{
  CgPublishedFigure figure = {
    (char *) role, (char *) region, (char *) date, (char *) dimension, (char *) category,
    percent, (char *) source,
  };

  g_array_append_val (array, figure);
}

static void
test_groups (void)
{
  g_autoptr(GArray) published = g_array_new (FALSE, TRUE, sizeof (CgPublishedFigure));
  g_autoptr(GArray) shares = g_array_new (FALSE, TRUE, sizeof (CgStatsCount));
  g_autoptr(GPtrArray) groups = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autoptr(GPtrArray) live_only = NULL;
  CgStatsCount counts[] = {
    { (char *) "remote", 3, 60 },
    { (char *) "zz_other", 2, 40 },
    { (char *) "onsite", 0, 0 },
  };
  CgMarketGroup *group;

  /* as cg_stats_published_figures() orders them: newest first */
  append_figure (published, "r", "Florida", "2026-05-01", "work_arrangement", "remote", 30, "A");
  append_figure (published, "r", "Florida", "2026-05-01", "work_arrangement", "hybrid", 20, "A");
  append_figure (published, "r", "Florida", "2026-05-01", "employment_type", "full_time", 90, "A");
  append_figure (published, "r", "Florida", "2026-05-01", "no_such_dimension", "x", 1, "A");
  append_figure (published, "r", "Florida", "2026-03-01", "work_arrangement", "onsite", 80, "A");
  append_figure (published, "r", "Florida", "2026-05-01", "work_arrangement", "onsite", 50, "A");
  append_figure (published, "r", "Florida", "2026-05-01", "work_arrangement", "onsite", 10, "B");

  groups = cg_market_group_figures (published);
  /* by source, role, region, date and dimension, in the order first met;
   * a dimension the statistics do not know is left out */
  g_assert_cmpuint (groups->len, ==, 4);
  group = g_ptr_array_index (groups, 0);
  g_assert_cmpuint (group->figures->len, ==, 3);
  g_assert_cmpstr (group->first->category, ==, "remote");
  g_assert_cmpstr (((CgMarketGroup *) g_ptr_array_index (groups, 1))->first->dimension, ==, "employment_type");
  g_assert_cmpstr (((CgMarketGroup *) g_ptr_array_index (groups, 2))->first->date, ==, "2026-03-01");
  g_assert_cmpstr (((CgMarketGroup *) g_ptr_array_index (groups, 3))->first->source, ==, "B");

  /* the newest group of a dimension */
  g_assert_true (cg_market_first_group (groups, "work_arrangement") == group);
  g_assert_true (cg_market_first_group (groups, "employment_type") == g_ptr_array_index (groups, 1));
  g_assert_null (cg_market_first_group (groups, "no_such_dimension"));
  g_assert_null (cg_market_first_group (NULL, "work_arrangement"));

  g_assert_cmpfloat (cg_market_group_lookup (group, "onsite")->percent, ==, 50);
  g_assert_null (cg_market_group_lookup (group, "contractor"));
  g_assert_null (cg_market_group_lookup (NULL, "onsite"));

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    g_array_append_val (shares, counts[i]);
  g_assert_cmpuint (cg_market_shares_lookup (shares, "zz_other")->count, ==, 2);
  g_assert_null (cg_market_shares_lookup (shares, "hybrid"));
  g_assert_null (cg_market_shares_lookup (NULL, "hybrid"));

  /* published and live categories (not those with no posting), in the
   * figures table's order, then the others */
  keys = cg_market_dimension_categories ("work_arrangement", group, shares);
  g_assert_cmpuint (keys->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (keys, 0), ==, "onsite");
  g_assert_cmpstr (g_ptr_array_index (keys, 1), ==, "hybrid");
  g_assert_cmpstr (g_ptr_array_index (keys, 2), ==, "remote");
  g_assert_cmpstr (g_ptr_array_index (keys, 3), ==, "zz_other");

  /* no published group: the live ones only */
  live_only = cg_market_dimension_categories ("work_arrangement", NULL, shares);
  g_assert_cmpuint (live_only->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (live_only, 0), ==, "remote");
  g_assert_cmpstr (g_ptr_array_index (live_only, 1), ==, "zz_other");

  /* nothing at all */
  g_ptr_array_unref (groups);
  groups = cg_market_group_figures (NULL);
  g_assert_cmpuint (groups->len, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/market/published-nearest", test_published_nearest);
  ADD ("/market/published-none", test_published_none);
  ADD ("/market/list-regions", test_list_regions);
  ADD ("/market/compute", test_compute);
  ADD ("/market/compute-async", test_compute_async);
  g_test_add_func ("/market/groups", test_groups);
#undef ADD

  return g_test_run ();
}
