/* test-job-list-model.c: the job list's query, filters, sort and model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-job-list-model.h"
#include "cg-stats.h"
#include "cg-job-record.h"
#include "cg-job.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  CgLibrary *library;
  guint      changes;
  guint      last_removed;
  guint      last_added;
} Fixture;

static const char *titles[] = { "Firmware Engineer", "Embedded ML Engineer", "Data Scientist",
                                "MLOps Engineer", "C++ Developer", "Test Engineer" };
static const char *companies[] = { "Acme", "Globex", "Initech", NULL };
static const char *cities[] = { "Miami, FL", "Tampa, FL", "Austin, TX", "Lake Mary, FL" };
static const char *arrangements[] = { "onsite", "hybrid", "remote" };
static const char *types[] = { "full_time", "part_time", "contractor", "temporary" };

/* 600 postings with every combination the filters care about. */
static void
fill (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgJobWriter) writer = cg_job_writer_new (db, "user", &error);

  g_assert_no_error (error);
  g_assert_true (cg_db_begin (db, NULL));
  for (guint i = 0; i < 600; i++)
    {
      g_autoptr(CgJobRecord) r = cg_job_record_new ();

      r->title = g_strdup_printf ("%s %u", titles[i % G_N_ELEMENTS (titles)], i);
      r->company = g_strdup (companies[i % G_N_ELEMENTS (companies)]);
      g_ptr_array_add (r->locations, g_strdup (cities[i % G_N_ELEMENTS (cities)]));
      r->region = g_strdup (strrchr (cities[i % G_N_ELEMENTS (cities)], ' ') + 1);
      r->arrangement = g_strdup (arrangements[i % G_N_ELEMENTS (arrangements)]);
      r->employment_type = g_strdup (types[i % G_N_ELEMENTS (types)]);
      r->role = g_strdup (i % 2 ? "firmware-engineer" : "ml-engineer");
      r->has_pay = i % 5 != 0;
      r->pay.min = 40000 + (i * 997) % 120000;
      r->pay.max = r->pay.min + 20000;
      r->pay.has_min = r->pay.has_max = TRUE;
      r->pay.unit = i % 7 == 0 ? CG_PAY_UNIT_HOUR : CG_PAY_UNIT_YEAR;
      if (r->pay.unit == CG_PAY_UNIT_HOUR)
        {
          r->pay.min /= 2080;
          r->pay.max /= 2080;
        }
      r->date_posted = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + i % 28);
      r->valid_through = i % 3 == 0 ? g_strdup ("2026-01-01") : NULL;
      r->expired = i % 11 == 0;
      r->description = g_strdup_printf ("Posting number %u. Work with TinyML and C++ on sensors.%s", i,
                                        i % 4 == 0 ? " Quantization experience wanted." : "");
      r->url = g_strdup_printf ("https://jobs.example/%u", i);
      cg_job_record_compute_key (r);
      g_assert_true (cg_job_writer_write (writer, r, &error));
    }
  g_assert_true (cg_db_commit (db, NULL));
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_assert_cmpuint (position, ==, 0);
  f->changes++;
  f->last_removed = removed;
  f->last_added = added;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;

  f->dir = cg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "user.db", NULL);
  f->library = cg_library_new (path, content);
  g_assert_true (cg_library_open (f->library, &error));
  fill (cg_library_get_db (f->library));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
wait_loaded (CgJobListModel *model)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (cg_job_list_model_get_loading (model))
    {
      g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
    }
}

/* The ids the model lists, checked against the same rows selected by a
 * hand-written query. */
static void
assert_model_matches (Fixture        *f,
                      CgJobListModel *model,
                      const char     *expected_sql)
{
  sqlite3 *db = cg_library_get_db (f->library);
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, expected_sql, NULL);
  guint i = 0;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(CgJob) job = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_nonnull (job);
      if (cg_job_get_id (job) != sqlite3_column_int64 (stmt, 0))
        g_error ("row %u: model has %" G_GINT64_FORMAT ", SQL has %" G_GINT64_FORMAT " (%s)",
                 i, cg_job_get_id (job), (gint64) sqlite3_column_int64 (stmt, 0), expected_sql);
      i++;
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, i);
}

static CgJobListModel *
new_model (Fixture *f)
{
  CgJobListModel *model = cg_job_list_model_new (f->library);

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), f);
  return model;
}

static void
test_fts_query_text (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "firmware", "\"firmware\"*" },
    { "embedded ml", "\"embedded\" \"ml\"*" },
    { "C++ AND (", "\"C\" \"AND\"*" },
    { "'; DROP TABLE jobs; --", "\"DROP\" \"TABLE\" \"jobs\"*" },
    { "title:firmware NEAR(a b)", "\"title\" \"firmware\" \"NEAR\" \"a\" \"b\"*" },
    { "\"quoted\" *star* ^caret", "\"quoted\" \"star\" \"caret\"*" },
    { "Ingeniería de datos", "\"Ingeniería\" \"de\" \"datos\"*" },
    { "", NULL }, { "   ", NULL }, { "+-*/()\"'", NULL }, { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *q = cg_fts_query_from_text (cases[i].in);
      g_assert_cmpstr (q, ==, cases[i].out);
    }

  /* invalid UTF-8 and very long text: a bounded query, no crash */
  {
    g_autofree char *q = cg_fts_query_from_text ("abc\xff\xfe def");
    g_autoptr(GString) long_text = g_string_new (NULL);
    g_autofree char *q2 = NULL;

    g_assert_nonnull (q);
    for (guint i = 0; i < 10000; i++)
      g_string_append (long_text, "word ");
    q2 = cg_fts_query_from_text (long_text->str);
    g_assert_cmpuint (strlen (q2), <, 400);
  }
}

static void
test_filters_and_sorts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();
  static const char today[] = "2026-11-22";
  /* every posting, newest first (the default) */
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model, "SELECT id FROM jobs ORDER BY date_posted DESC, id");

  /* remote or hybrid, by pay */
  q->arrangements = CG_ARRANGEMENT_REMOTE | CG_ARRANGEMENT_HYBRID;
  q->sort = CG_JOB_SORT_PAY;
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT id FROM jobs WHERE arrangement IN ('remote', 'hybrid') ORDER BY pay_annual_max DESC, id");

  /* part time, at least 100k a year (hourly pay annualised), by title */
  q->arrangements = 0;
  q->employment_type = g_strdup ("part_time");
  q->min_annual_pay = 100000;
  q->sort = CG_JOB_SORT_TITLE;
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT id FROM jobs WHERE employment_type = 'part_time'"
    " AND coalesce(pay_annual_max, pay_annual_min) >= 100000 ORDER BY title COLLATE NOCASE, id");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);

  /* a location, a role, expired hidden, by company */
  g_clear_pointer (&q->employment_type, g_free);
  q->min_annual_pay = 0;
  q->location = g_strdup ("fl");
  q->role = g_strdup ("firmware-engineer");
  q->hide_expired = TRUE;
  q->sort = CG_JOB_SORT_COMPANY;
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  {
    g_autofree char *sql = g_strdup_printf (
      "SELECT id FROM jobs WHERE locations LIKE '%%fl%%' AND role = 'firmware-engineer'"
      " AND expired = 0 AND (valid_through IS NULL OR valid_through >= '%s')"
      " ORDER BY company COLLATE NOCASE, id", today);
    assert_model_matches (f, model, sql);
  }
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();

  /* selective: the word is in a quarter of the descriptions; a prefix */
  q->text = g_strdup ("quantiz");
  q->sort = CG_JOB_SORT_NEWEST;
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT id FROM jobs WHERE description LIKE '%Quantization%' ORDER BY date_posted DESC, id");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 150);

  /* relevance: the same rows, ordered by rank */
  q->sort = CG_JOB_SORT_RELEVANCE;
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT j.id FROM jobs j JOIN jobs_fts ON jobs_fts.rowid = j.id"
    " WHERE jobs_fts MATCH '\"quantiz\"*' ORDER BY jobs_fts.rank, j.id");

  /* company and location are searched too */
  g_free (q->text);
  q->text = g_strdup ("globex austin");
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT j.id FROM jobs j JOIN jobs_fts ON jobs_fts.rowid = j.id"
    " WHERE jobs_fts MATCH 'globex austin*' ORDER BY jobs_fts.rank, j.id");
}

static void
test_hostile_text (Fixture       *f,
                   gconstpointer  data)
{
  static const char *inputs[] = {
    "C++ AND (", "'; DROP TABLE jobs; --", "\" OR 1=1 --", "NEAR(", "*", "^", "a:b:c", "(((((",
    "\\", "%", "_", "\xff\xfe\xfd", "jobs_fts MATCH 'x'", "OR", "AND NOT",
  };
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_free (q->text);
      q->text = g_strdup (inputs[i]);
      g_free (q->location);
      q->location = g_strdup (inputs[i]);
      cg_job_list_model_set_query (model, q);
      wait_loaded (model);
      if (cg_job_list_model_get_error (model) != NULL)
        g_error ("“%s” gave an error: %s", inputs[i], cg_job_list_model_get_error (model)->message);
    }

  /* the table is still there */
  g_assert_cmpint (cg_test_query_int (cg_library_get_db (f->library), "SELECT count(*) FROM jobs"), ==, 603);
}

static void
test_one_change_per_query (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();

  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  g_assert_cmpuint (f->changes, ==, 1);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, 603);

  /* the same query again: nothing */
  cg_job_list_model_set_query (model, q);
  g_assert_false (cg_job_list_model_get_loading (model));
  g_assert_cmpuint (f->changes, ==, 1);

  /* three queries in a row: only the last one lands */
  q->text = g_strdup ("firmware");
  cg_job_list_model_set_query (model, q);
  g_free (q->text);
  q->text = g_strdup ("scientist");
  cg_job_list_model_set_query (model, q);
  g_free (q->text);
  q->text = g_strdup ("mlops");
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  /* let any stale answers arrive */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (50000);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);

  g_assert_cmpuint (f->changes, ==, 2);
  g_assert_cmpuint (f->last_removed, ==, 603);
  g_assert_cmpuint (f->last_added, ==, 101); /* 100 titles and the bundled MLOps posting */
  assert_model_matches (f, model,
    "SELECT j.id FROM jobs j JOIN jobs_fts ON jobs_fts.rowid = j.id"
    " WHERE jobs_fts MATCH '\"mlops\"*' ORDER BY jobs_fts.rank, j.id");
}

static void
test_items_and_cache (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();
  g_autoptr(CgJob) last = NULL;
  guint n;

  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));

  /* nothing read until asked; then a page at a time */
  g_assert_cmpuint (cg_job_list_model_get_cache_size (model), ==, 0);
  last = g_list_model_get_item (G_LIST_MODEL (model), n - 1);
  g_assert_nonnull (last);
  g_assert_cmpuint (cg_job_list_model_get_cache_size (model), <=, 64);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), n));
  g_assert_cmpint (cg_job_list_model_find (model, cg_job_get_id (last)), ==, (int) n - 1);

  /* a scroll through everything keeps the cache bounded */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgJob) job = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_nonnull (job);
      g_assert_nonnull (cg_job_get_title (job));
    }
  g_assert_cmpuint (cg_job_list_model_get_cache_size (model), <=, 512);
}

/* List rows leave the description out; the detail pane reads it by id */
static void
test_description_read_on_demand (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();
  sqlite3 *db = cg_library_get_db (f->library);
  g_autoptr(GError) error = NULL;

  q->text = g_strdup ("Firmware Engineer 4");
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >=, 1);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CgJob) job = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autofree char *expected = g_strdup_printf ("SELECT description FROM jobs WHERE id = %" G_GINT64_FORMAT,
                                                   cg_job_get_id (job));
      g_autofree char *want = cg_test_query_text (db, expected);
      g_autofree char *description = NULL;

      g_assert_null (cg_job_get_description (job));
      description = cg_job_read_description (job, db, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (description, ==, want);
    }

  /* A posting deleted meanwhile has none, and that is no error */
  {
    g_autoptr(CgJob) job = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_autofree char *description = NULL;
    g_autofree char *sql = g_strdup_printf ("DELETE FROM jobs WHERE id = %" G_GINT64_FORMAT,
                                            cg_job_get_id (job));

    g_assert_true (cg_db_exec (db, sql, NULL));
    description = cg_job_read_description (job, db, &error);
    g_assert_no_error (error);
    g_assert_null (description);
  }
}

static guint
count_for (CgJobListModel *model,
           CgJobQuery     *q)
{
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

/* The filters a Market chart's bar stands for: region, pay range, month */
static void
test_chart_filters (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();
  sqlite3 *db = cg_library_get_db (f->library);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) months = NULL;
  guint fl;

  /* a state by code or name, as the Market page's figures match it */
  q->region = g_strdup ("FL");
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT id FROM jobs WHERE region IN ('FL', 'Florida') COLLATE NOCASE ORDER BY date_posted DESC, id");
  fl = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (fl, >=, 450);  /* three of the four cities */
  g_free (q->region);
  q->region = g_strdup ("florida");
  g_assert_cmpuint (count_for (model, q), ==, fl);

  /* another region: a city, as text in the locations; LIKE syntax is text */
  g_free (q->region);
  q->region = g_strdup ("Tampa");
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT id FROM jobs WHERE locations LIKE '%Tampa%' ORDER BY date_posted DESC, id");
  g_free (q->region);
  q->region = g_strdup ("%");
  g_assert_cmpuint (count_for (model, q), ==, 0);
  g_clear_pointer (&q->region, g_free);

  /* a pay range: the midpoint of the annualised range, in one currency */
  q->pay_from = 60000;
  q->pay_to = 90000;
  q->pay_currency = g_strdup ("USD");
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  assert_model_matches (f, model,
    "SELECT id FROM jobs WHERE pay_currency = 'USD' AND"
    " (coalesce (pay_annual_min, pay_annual_max) + coalesce (pay_annual_max, pay_annual_min)) / 2"
    " BETWEEN 60000 AND 90000 ORDER BY date_posted DESC, id");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);
  g_free (q->pay_currency);
  q->pay_currency = g_strdup ("EUR");
  g_assert_cmpuint (count_for (model, q), ==, 0);
  g_clear_pointer (&q->pay_currency, g_free);
  q->pay_from = q->pay_to = 0;

  /* each month: as many postings as the Market page's chart counts */
  months = cg_stats_postings_by_month (db, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, >=, 12);
  for (guint i = 0; i < months->len; i++)
    {
      CgStatsCount *month = &g_array_index (months, CgStatsCount, i);

      g_free (q->posted_month);
      q->posted_month = g_strdup (month->key);
      g_assert_cmpuint (count_for (model, q), ==, month->count);
    }

  /* and the query copies and compares them */
  {
    g_autoptr(CgJobQuery) copy = cg_job_query_copy (q);

    g_assert_true (cg_job_query_equal (q, copy));
    g_free (copy->posted_month);
    copy->posted_month = g_strdup ("1999-01");
    g_assert_false (cg_job_query_equal (q, copy));
  }
}

/* Ids beyond 32 bits, and a negative one (which widens the packed id list
 * to 64 bits midway), keep their order */
static void
test_wide_ids (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();
  sqlite3 *db = cg_library_get_db (f->library);

  g_assert_true (cg_db_exec (db,
                             "INSERT INTO jobs (id, key, title, date_posted) VALUES"
                             " (5000000000, 'url:wide-1', 'Wide one', '2099-01-02'),"
                             " (5000000001, 'url:wide-2', 'Wide two', '2099-01-01'),"
                             " (-7, 'url:negative', 'Negative', '2026-06-15')", NULL));
  q->sort = CG_JOB_SORT_NEWEST;
  cg_job_list_model_set_query (model, q);
  wait_loaded (model);

  assert_model_matches (f, model, "SELECT j.id FROM jobs j ORDER BY j.date_posted DESC, j.id");
  g_assert_cmpint (cg_job_list_model_find (model, G_GINT64_CONSTANT (5000000001)), ==, 1);
  g_assert_cmpint (cg_job_list_model_find (model, -7), >, 1);
  {
    g_autoptr(CgJob) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cg_job_get_title (first), ==, "Wide one");
  }
}

static void
test_reload_sees_new_postings (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CgJobListModel) model = new_model (f);
  g_autoptr(CgJobQuery) q = cg_job_query_new ();

  cg_job_list_model_set_query (model, q);
  wait_loaded (model);
  g_assert_true (cg_db_exec (cg_library_get_db (f->library),
                             "INSERT INTO jobs (key, title) VALUES ('url:new', 'Brand new')", NULL));
  cg_job_list_model_reload (model);
  wait_loaded (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 604);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/job-query/fts-text", test_fts_query_text);
  ADD ("/job-list-model/filters-and-sorts", test_filters_and_sorts);
  ADD ("/job-list-model/search", test_search);
  ADD ("/job-list-model/hostile-text", test_hostile_text);
  ADD ("/job-list-model/one-change-per-query", test_one_change_per_query);
  ADD ("/job-list-model/items-and-cache", test_items_and_cache);
  ADD ("/job-list-model/reload", test_reload_sees_new_postings);
  ADD ("/job-list-model/description-on-demand", test_description_read_on_demand);
  ADD ("/job-list-model/wide-ids", test_wide_ids);
  ADD ("/job-list-model/chart-filters", test_chart_filters);

  return g_test_run ();
}
