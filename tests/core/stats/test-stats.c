/* test-stats.c: figures computed from the postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library with the bundled content and a few postings of known values.
 * Every expected figure below is worked out by hand in the comments, not
 * by running the same SQL.
 *
 * The bundled postings (data/content/jobs, the facts of DOMAIN.md) are in
 * the library too; they count where the filter lets them in:
 *   mlops-engineer   Miami, FL   remote  full_time  $66.5K-$89.9K/yr    open
 *   ml-engineer      Orlando, FL onsite  full_time  $114.3K-$150.7K/yr  open
 *   ml-data-engineer Lake Mary   onsite  full_time  $107.1K-$141.2K/yr  EXPIRED
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-job-record.h"
#include "cg-library.h"
#include "cg-stats.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

#define TODAY "2026-06-01"

typedef struct {
  char      *dir;
  CgLibrary *library;
  sqlite3   *db;
} Fixture;

typedef struct {
  const char *title;
  const char *role;
  const char *region;
  const char *location;
  const char *arrangement;
  const char *type;
  double      min;          /* 0: none */
  double      max;          /* 0: none */
  CgPayUnit   unit;
  const char *currency;
  const char *posted;
  const char *valid_through;
  gboolean    expired;
} Posting;

/* firmware-engineer, open on TODAY:
 *   A  Miami, FL   onsite  full_time   80,000-100,000 /yr      mid  90,000
 *   B  Tampa, FL   hybrid  full_time   $40-$50 /h = 83,200-104,000 mid 93,600
 *   C  Miami, FL   remote  contractor  from 120,000 /yr         mid 120,000
 *   D  Austin, TX  onsite  full_time   100,000-140,000 /yr      mid 120,000
 *   E  Miami, FL   onsite  part_time   no pay
 *   Z  Orlando, FL (no arrangement, no type) 60,000-70,000 EUR, closes TODAY
 * firmware-engineer, not open:
 *   X  expired flag; Y  closed the day before TODAY
 * embedded-ml-engineer, open:
 *   M  Miami, FL   remote  full_time  100,000-120,000 /yr       mid 110,000
 *   S  Seattle, WA hybrid  per_diem   $60-$70 /h = 124,800-145,600 mid 135,200 */
static const Posting postings[] = {
  { "FW A", "firmware-engineer", "FL", "Miami, FL", "onsite", "full_time",
    80000, 100000, CG_PAY_UNIT_YEAR, "USD", "2026-04-10", NULL, FALSE },
  { "FW B", "firmware-engineer", "FL", "Tampa, FL", "hybrid", "full_time",
    40, 50, CG_PAY_UNIT_HOUR, "USD", "2026-05-02", NULL, FALSE },
  { "FW C", "firmware-engineer", "FL", "Miami, FL", "remote", "contractor",
    120000, 0, CG_PAY_UNIT_YEAR, "USD", "2026-05-20", NULL, FALSE },
  { "FW D", "firmware-engineer", "TX", "Austin, TX", "onsite", "full_time",
    100000, 140000, CG_PAY_UNIT_YEAR, "USD", "2026-05-21", "2026-12-31", FALSE },
  { "FW E", "firmware-engineer", "FL", "Miami, FL", "onsite", "part_time",
    0, 0, CG_PAY_UNIT_YEAR, NULL, "2026-03-01", NULL, FALSE },
  { "FW Z", "firmware-engineer", "FL", "Orlando, FL", NULL, NULL,
    60000, 70000, CG_PAY_UNIT_YEAR, "EUR", "2026-05-30", TODAY, FALSE },
  { "FW X", "firmware-engineer", "FL", "Miami, FL", "onsite", "full_time",
    300000, 400000, CG_PAY_UNIT_YEAR, "USD", "2026-02-01", NULL, TRUE },
  { "FW Y", "firmware-engineer", "FL", "Orlando, FL", "remote", "full_time",
    10000, 20000, CG_PAY_UNIT_YEAR, "USD", "2026-01-15", "2026-05-31", FALSE },
  { "EML M", "embedded-ml-engineer", "FL", "Miami, FL", "remote", "full_time",
    100000, 120000, CG_PAY_UNIT_YEAR, "USD", "2026-05-05", NULL, FALSE },
  { "EML S", "embedded-ml-engineer", "WA", "Seattle, WA", "hybrid", "per_diem",
    60, 70, CG_PAY_UNIT_HOUR, "USD", "2026-05-06", NULL, FALSE },
};

static void
insert_postings (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgJobWriter) writer = cg_job_writer_new (db, "user", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (postings); i++)
    {
      const Posting *p = &postings[i];
      g_autoptr(CgJobRecord) r = cg_job_record_new ();

      r->title = g_strdup (p->title);
      r->company = g_strdup ("Acme");
      r->role = g_strdup (p->role);
      r->region = g_strdup (p->region);
      g_ptr_array_add (r->locations, g_strdup (p->location));
      r->arrangement = g_strdup (p->arrangement);
      r->employment_type = g_strdup (p->type);
      r->has_pay = p->min > 0 || p->max > 0;
      r->pay.min = p->min;
      r->pay.max = p->max;
      r->pay.has_min = p->min > 0;
      r->pay.has_max = p->max > 0;
      r->pay.unit = p->unit;
      if (p->currency != NULL)
        g_strlcpy (r->pay.currency, p->currency, sizeof r->pay.currency);
      r->date_posted = g_strdup (p->posted);
      r->valid_through = g_strdup (p->valid_through);
      r->expired = p->expired;
      r->url = g_strdup_printf ("https://jobs.example/%u", i);
      cg_job_record_compute_key (r);
      g_assert_true (cg_job_writer_write (writer, r, &error));
      g_assert_no_error (error);
    }
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
  g_assert_no_error (error);
  g_assert_null (cg_library_get_content_problem (f->library));
  insert_postings (cg_library_get_db (f->library));

  /* read as the pages do: a read-only connection of its own */
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

#define assert_money(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.001)
#define assert_percent(a, b) g_assert_cmpfloat_with_epsilon ((a), (b), 0.001)

static void
assert_count (GArray     *array,
              guint       index,
              const char *key,
              guint       count,
              double      percent)
{
  const CgStatsCount *item;

  g_assert_cmpuint (index, <, array->len);
  item = &g_array_index (array, CgStatsCount, index);
  g_assert_cmpstr (item->key, ==, key);
  g_assert_cmpuint (item->count, ==, count);
  assert_percent (item->percent, percent);
}

static void
test_role_figures (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CgRoleFigures) fig = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", NULL, TODAY, &fig, &error));
  g_assert_no_error (error);

  /* A B C D E Z; X is expired, Y closed yesterday; Z closes today */
  g_assert_cmpuint (fig.n_open, ==, 6);

  /* USD (A B C D) outnumbers EUR (Z): Z's pay is left out. E has none.
   * lowest minimum 80,000 (A); highest maximum 140,000 (D).
   * midpoints sorted: 90,000  93,600  120,000  120,000 (n = 4)
   * q1:     h = 3 × 0.25 = 0.75  90,000 + 0.75 × 3,600 = 92,700
   * median: h = 1.5              93,600 + 0.5 × 26,400 = 106,800
   * q3:     h = 2.25             120,000 + 0.25 × 0    = 120,000 */
  g_assert_true (fig.pay.has_pay);
  g_assert_cmpuint (fig.pay.count, ==, 4);
  g_assert_cmpstr (fig.pay.currency, ==, "USD");
  assert_money (fig.pay.min, 80000);
  assert_money (fig.pay.max, 140000);
  assert_money (fig.pay.q1, 92700);
  assert_money (fig.pay.median, 106800);
  assert_money (fig.pay.q3, 120000);

  /* arrangements of A B C D E (Z has none): onsite A D E, hybrid B, remote C */
  g_assert_cmpuint (fig.n_arrangement, ==, 5);
  g_assert_cmpuint (fig.arrangements->len, ==, 3);
  assert_count (fig.arrangements, 0, "onsite", 3, 60);
  assert_count (fig.arrangements, 1, "hybrid", 1, 20);
  assert_count (fig.arrangements, 2, "remote", 1, 20);

  /* types of A B C D E: full_time A B D, contractor C, part_time E;
   * most first, ties by name */
  g_assert_cmpuint (fig.n_employment_type, ==, 5);
  g_assert_cmpuint (fig.employment_types->len, ==, 3);
  assert_count (fig.employment_types, 0, "full_time", 3, 60);
  assert_count (fig.employment_types, 1, "contractor", 1, 20);
  assert_count (fig.employment_types, 2, "part_time", 1, 20);

  /* first locations: Miami A C E, Tampa B, Austin D, Orlando Z;
   * the top three, ties by name: Miami 3/6, Austin 1/6, Orlando 1/6 */
  g_assert_cmpuint (fig.n_location, ==, 6);
  g_assert_cmpuint (fig.locations->len, ==, 3);
  assert_count (fig.locations, 0, "Miami, FL", 3, 50);
  assert_count (fig.locations, 1, "Austin, TX", 1, 100.0 / 6);
  assert_count (fig.locations, 2, "Orlando, FL", 1, 100.0 / 6);
}

static void
test_region_filter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* FL: A B C E Z (D is in Texas). Pay, USD: A B C
   * midpoints 90,000  93,600  120,000 (n = 3)
   * q1 h = 0.5: 90,000 + 0.5 × 3,600 = 91,800; median h = 1: 93,600;
   * q3 h = 1.5: 93,600 + 0.5 × 26,400 = 106,800
   * range 80,000 (A) to 120,000 (C states only a minimum) */
  for (guint i = 0; i < 3; i++)
    {
      static const char *regions[] = { "FL", "fl", "Florida" };
      g_auto(CgRoleFigures) fig = { 0 };

      g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", regions[i], TODAY, &fig, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (fig.n_open, ==, 5);
      g_assert_cmpuint (fig.pay.count, ==, 3);
      assert_money (fig.pay.min, 80000);
      assert_money (fig.pay.max, 120000);
      assert_money (fig.pay.q1, 91800);
      assert_money (fig.pay.median, 93600);
      assert_money (fig.pay.q3, 106800);
      /* onsite A E, hybrid B, remote C */
      assert_count (fig.arrangements, 0, "onsite", 2, 50);
      assert_count (fig.arrangements, 1, "hybrid", 1, 25);
      assert_count (fig.arrangements, 2, "remote", 1, 25);
      /* Miami A C E, then Orlando Z and Tampa B */
      g_assert_cmpuint (fig.n_location, ==, 5);
      assert_count (fig.locations, 0, "Miami, FL", 3, 60);
      assert_count (fig.locations, 1, "Orlando, FL", 1, 20);
      assert_count (fig.locations, 2, "Tampa, FL", 1, 20);
    }

  /* a place, matched in the locations: Miami is A C E; pay A C:
   * midpoints 90,000 120,000: median 105,000; q1 h = 0.25: 97,500;
   * q3 h = 0.75: 112,500 */
  {
    g_auto(CgRoleFigures) fig = { 0 };

    g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", "miami", TODAY, &fig, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (fig.n_open, ==, 3);
    g_assert_cmpuint (fig.pay.count, ==, 2);
    assert_money (fig.pay.q1, 97500);
    assert_money (fig.pay.median, 105000);
    assert_money (fig.pay.q3, 112500);
  }

  /* "FL" is a state: it does not match "Flint" or "Fleming" as text */
  {
    g_auto(CgRoleFigures) fig = { 0 };

    g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", "TX", TODAY, &fig, &error));
    g_assert_cmpuint (fig.n_open, ==, 1);
    assert_money (fig.pay.median, 120000);
  }

  /* LIKE's wildcards in the region are text */
  {
    g_auto(CgRoleFigures) fig = { 0 };

    g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", "%", TODAY, &fig, &error));
    g_assert_cmpuint (fig.n_open, ==, 0);
  }
}

static void
test_hourly_annualised (Fixture       *f,
                        gconstpointer  data)
{
  g_auto(CgRoleFigures) fig = { 0 };
  g_autoptr(GError) error = NULL;

  /* B alone: $40-$50 an hour × 2080 = 83,200-104,000, midpoint 93,600 */
  g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", "Tampa", TODAY, &fig, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (fig.n_open, ==, 1);
  g_assert_cmpuint (fig.pay.count, ==, 1);
  assert_money (fig.pay.min, 83200);
  assert_money (fig.pay.max, 104000);
  assert_money (fig.pay.q1, 93600);
  assert_money (fig.pay.median, 93600);
  assert_money (fig.pay.q3, 93600);
}

static void
test_expired_excluded (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* the day after Z closes: A B C D E; the pay is the same (Z was EUR) */
  {
    g_auto(CgRoleFigures) fig = { 0 };

    g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", NULL, "2026-06-02", &fig, &error));
    g_assert_cmpuint (fig.n_open, ==, 5);
    assert_money (fig.pay.median, 106800);
  }

  /* the day Y closes, it is still open: A B C D E Z Y; Y's midpoint
   * 15,000 joins: 15,000 90,000 93,600 120,000 120,000, median 93,600 and
   * the lowest minimum 10,000. X (expired flag) never counts. */
  {
    g_auto(CgRoleFigures) fig = { 0 };

    g_assert_true (cg_stats_role_figures (f->db, "firmware-engineer", NULL, "2026-05-31", &fig, &error));
    g_assert_cmpuint (fig.n_open, ==, 7);
    g_assert_cmpuint (fig.pay.count, ==, 5);
    assert_money (fig.pay.min, 10000);
    assert_money (fig.pay.max, 140000);
    assert_money (fig.pay.median, 93600);
  }

  /* the bundled BNY posting is expired: ml-data-engineer has none open */
  {
    g_auto(CgRoleFigures) fig = { 0 };

    g_assert_true (cg_stats_role_figures (f->db, "ml-data-engineer", NULL, TODAY, &fig, &error));
    g_assert_cmpuint (fig.n_open, ==, 0);
    g_assert_false (fig.pay.has_pay);
  }
}

static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      static const char *roles[] = { "test-engineer", "no-such-role" };
      g_auto(CgRoleFigures) fig = { 0 };
      g_autoptr(CgPayHistogram) histogram = NULL;
      g_autoptr(GArray) months = NULL;

      g_assert_true (cg_stats_role_figures (f->db, roles[i], NULL, TODAY, &fig, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (fig.n_open, ==, 0);
      g_assert_false (fig.pay.has_pay);
      g_assert_cmpuint (fig.pay.count, ==, 0);
      assert_money (fig.pay.median, 0);
      g_assert_cmpuint (fig.n_arrangement, ==, 0);
      g_assert_cmpuint (fig.arrangements->len, ==, 3);
      assert_count (fig.arrangements, 0, "onsite", 0, 0);
      assert_count (fig.arrangements, 2, "remote", 0, 0);
      g_assert_cmpuint (fig.employment_types->len, ==, 0);
      g_assert_cmpuint (fig.locations->len, ==, 0);

      histogram = cg_stats_pay_histogram (f->db, roles[i], NULL, TODAY, 5, &error);
      g_assert_no_error (error);
      g_assert_false (histogram->summary.has_pay);
      g_assert_cmpuint (histogram->bins->len, ==, 0);

      months = cg_stats_postings_by_month (f->db, roles[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (months->len, ==, 0);
    }

  /* a region with nothing in it */
  {
    g_autoptr(GArray) pay = cg_stats_pay_by_role (f->db, "Alaska", TODAY, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pay->len, ==, 0);
  }
}

static void
test_shares (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) arrangement = NULL;
  g_autoptr(GArray) type = NULL;
  g_autoptr(GArray) eml = NULL;
  g_autoptr(GArray) bad = NULL;
  guint total = 0;

  /* firmware: onsite A D E, hybrid B, remote C of 5 */
  arrangement = cg_stats_shares (f->db, "work_arrangement", "firmware-engineer", NULL, TODAY, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (arrangement->len, ==, 3);
  assert_count (arrangement, 0, "onsite", 3, 60);
  assert_count (arrangement, 1, "hybrid", 1, 20);
  assert_count (arrangement, 2, "remote", 1, 20);

  /* every published category, in the figures' order, zeros included */
  type = cg_stats_shares (f->db, "employment_type", "firmware-engineer", NULL, TODAY, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 5);
  g_assert_cmpuint (type->len, ==, 5);
  assert_count (type, 0, "full_time", 3, 60);
  assert_count (type, 1, "part_time", 1, 20);
  assert_count (type, 2, "temporary", 0, 0);
  assert_count (type, 3, "contractor", 1, 20);
  assert_count (type, 4, "intern", 0, 0);

  /* a value the figures do not know comes after them: M full_time, S per_diem */
  eml = cg_stats_shares (f->db, "employment_type", "embedded-ml-engineer", NULL, TODAY, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 2);
  g_assert_cmpuint (eml->len, ==, 6);
  assert_count (eml, 0, "full_time", 1, 50);
  assert_count (eml, 5, "per_diem", 1, 50);

  /* all roles, Florida: firmware A B C E (onsite A E, hybrid B, remote C),
   * embedded ML M (remote), bundled MLOps (remote) and ML (onsite):
   * onsite 3, hybrid 1, remote 3 of 7 */
  g_clear_pointer (&arrangement, g_array_unref);
  arrangement = cg_stats_shares (f->db, "work_arrangement", NULL, "FL", TODAY, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 7);
  assert_count (arrangement, 0, "onsite", 3, 300.0 / 7);
  assert_count (arrangement, 1, "hybrid", 1, 100.0 / 7);
  assert_count (arrangement, 2, "remote", 3, 300.0 / 7);

  bad = cg_stats_shares (f->db, "colour", NULL, NULL, TODAY, NULL, &error);
  g_assert_null (bad);
  g_assert_error (error, CG_STATS_ERROR, CG_STATS_ERROR_INVALID);
}

static void
test_histogram (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgPayHistogram) h = NULL;
  g_autoptr(CgPayHistogram) one = NULL;
  const CgPayBin *bin;

  /* firmware midpoints 90,000 93,600 120,000 120,000: 3 bars of 10,000
   * from 90,000: [90K, 100K) 2, [100K, 110K) 0, [110K, 120K] 2 */
  h = cg_stats_pay_histogram (f->db, "firmware-engineer", NULL, TODAY, 3, &error);
  g_assert_no_error (error);
  g_assert_true (h->summary.has_pay);
  assert_money (h->summary.median, 106800);
  assert_money (h->summary.q1, 92700);
  assert_money (h->summary.q3, 120000);
  g_assert_cmpuint (h->bins->len, ==, 3);
  bin = &g_array_index (h->bins, CgPayBin, 0);
  assert_money (bin->lo, 90000);
  assert_money (bin->hi, 100000);
  g_assert_cmpuint (bin->count, ==, 2);
  bin = &g_array_index (h->bins, CgPayBin, 1);
  assert_money (bin->lo, 100000);
  g_assert_cmpuint (bin->count, ==, 0);
  bin = &g_array_index (h->bins, CgPayBin, 2);
  assert_money (bin->lo, 110000);
  assert_money (bin->hi, 120000);
  g_assert_cmpuint (bin->count, ==, 2);

  /* one posting (D, Austin): one bar at its midpoint 120,000 */
  one = cg_stats_pay_histogram (f->db, "firmware-engineer", "Austin", TODAY, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (one->bins->len, ==, 1);
  bin = &g_array_index (one->bins, CgPayBin, 0);
  assert_money (bin->lo, 120000);
  assert_money (bin->hi, 120000);
  g_assert_cmpuint (bin->count, ==, 1);

  g_assert_null (cg_stats_pay_histogram (f->db, NULL, NULL, TODAY, 0, &error));
  g_assert_error (error, CG_STATS_ERROR, CG_STATS_ERROR_INVALID);
}

static void
test_top_locations_and_months (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) places = NULL;
  g_autoptr(GArray) months = NULL;
  guint total = 0;

  /* Miami 3, then Austin before Orlando and Tampa (1 each) */
  places = cg_stats_top_locations (f->db, "firmware-engineer", NULL, TODAY, 2, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 6);
  g_assert_cmpuint (places->len, ==, 2);
  assert_count (places, 0, "Miami, FL", 3, 50);
  assert_count (places, 1, "Austin, TX", 1, 100.0 / 6);

  /* all firmware postings, closed ones too: Y 2026-01, X 2026-02,
   * E 2026-03, A 2026-04, B C D Z 2026-05; of 8 */
  months = cg_stats_postings_by_month (f->db, "firmware-engineer", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 5);
  assert_count (months, 0, "2026-01", 1, 12.5);
  assert_count (months, 1, "2026-02", 1, 12.5);
  assert_count (months, 2, "2026-03", 1, 12.5);
  assert_count (months, 3, "2026-04", 1, 12.5);
  assert_count (months, 4, "2026-05", 4, 50);
}

static void
test_pay_by_role (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pay = NULL;
  g_autoptr(GArray) wa = NULL;
  const CgRolePay *item;

  /* all USD. ml-engineer (bundled): 114,300-150,700, midpoint 132,500;
   * embedded ML: 110,000 and 135,200: median 122,600,
   *   q1 110,000 + 0.25 × 25,200 = 116,300, q3 128,900;
   * firmware: 106,800 as above; mlops (bundled): 66,500-89,900 -> 78,200.
   * Highest median first. */
  pay = cg_stats_pay_by_role (f->db, NULL, TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pay->len, ==, 4);

  item = &g_array_index (pay, CgRolePay, 0);
  g_assert_cmpstr (item->role, ==, "ml-engineer");
  g_assert_cmpuint (item->pay.count, ==, 1);
  assert_money (item->pay.median, 132500);

  item = &g_array_index (pay, CgRolePay, 1);
  g_assert_cmpstr (item->role, ==, "embedded-ml-engineer");
  g_assert_cmpuint (item->pay.count, ==, 2);
  assert_money (item->pay.median, 122600);
  assert_money (item->pay.q1, 116300);
  assert_money (item->pay.q3, 128900);
  assert_money (item->pay.min, 100000);
  assert_money (item->pay.max, 145600);

  item = &g_array_index (pay, CgRolePay, 2);
  g_assert_cmpstr (item->role, ==, "firmware-engineer");
  g_assert_cmpuint (item->pay.count, ==, 4);
  assert_money (item->pay.median, 106800);
  assert_money (item->pay.q1, 92700);

  item = &g_array_index (pay, CgRolePay, 3);
  g_assert_cmpstr (item->role, ==, "mlops-engineer");
  assert_money (item->pay.median, 78200);
  g_assert_cmpstr (item->pay.currency, ==, "USD");

  /* Washington: S alone, $60-$70 an hour: 124,800-145,600, mid 135,200 */
  wa = cg_stats_pay_by_role (f->db, "WA", TODAY, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (wa->len, ==, 1);
  item = &g_array_index (wa, CgRolePay, 0);
  g_assert_cmpstr (item->role, ==, "embedded-ml-engineer");
  assert_money (item->pay.median, 135200);
  assert_money (item->pay.min, 124800);
}

static void
test_published_figures (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) arrangement = NULL;
  g_autoptr(GArray) texas = NULL;
  const CgPublishedFigure *figure;

  /* DOMAIN.md: Florida, May 2026: 88/8/4 full/part time/temporary and
   * 84/5/11 on-site/hybrid/remote; "FL" finds "Florida" */
  all = cg_stats_published_figures (f->db, "embedded-ml-engineer", "FL", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 6);

  arrangement = cg_stats_published_figures (f->db, NULL, "Florida", "work_arrangement", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (arrangement->len, ==, 3);
  figure = &g_array_index (arrangement, CgPublishedFigure, 0);
  g_assert_cmpstr (figure->category, ==, "onsite");
  g_assert_cmpfloat (figure->percent, ==, 84);
  g_assert_cmpstr (figure->region, ==, "Florida");
  g_assert_cmpstr (figure->date, ==, "2026-05");
  g_assert_cmpstr (figure->dimension, ==, "work_arrangement");
  g_assert_nonnull (strstr (figure->source, "May 2026"));
  figure = &g_array_index (arrangement, CgPublishedFigure, 1);
  g_assert_cmpstr (figure->category, ==, "remote");
  g_assert_cmpfloat (figure->percent, ==, 11);
  figure = &g_array_index (arrangement, CgPublishedFigure, 2);
  g_assert_cmpstr (figure->category, ==, "hybrid");
  g_assert_cmpfloat (figure->percent, ==, 5);

  texas = cg_stats_published_figures (f->db, NULL, "TX", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (texas->len, ==, 0);
}

static void
test_regions (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) regions = cg_stats_list_regions (f->db, &error);
  const char *expected[] = { "FL", "TX", "WA", NULL };

  g_assert_no_error (error);
  g_assert_cmpstrv (regions, expected);
}

/* The same list from a worker thread; a cancelled list answers nothing. */
static void
test_regions_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) regions = NULL;
  g_auto(GStrv) none = NULL;
  GAsyncResult *pending = NULL;
  const char *expected[] = { "FL", "TX", "WA", NULL };

  cg_stats_list_regions_async (f->library, NULL, cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  regions = cg_stats_list_regions_finish (f->library, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (regions, expected);

  g_cancellable_cancel (cancellable);
  cg_stats_list_regions_async (f->library, cancellable, cg_test_keep_result_cb, &pending);
  g_clear_object (&result);
  result = cg_test_wait_result (&pending);
  none = cg_stats_list_regions_finish (f->library, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (none);
}

static int
interrupt_cb (void *data)
{
  return 1;
}

/* A progress handler stops a long computation with an error, not a crash. */
static void
test_interrupted (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgRoleFigures) fig = { 0 };
  g_autoptr(GError) error = NULL;

  sqlite3_progress_handler (f->db, 1, interrupt_cb, NULL);
  g_assert_false (cg_stats_role_figures (f->db, NULL, NULL, TODAY, &fig, &error));
  g_assert_nonnull (error);
  g_assert_null (fig.arrangements);
  sqlite3_progress_handler (f->db, 0, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/stats/role-figures", test_role_figures);
  ADD ("/stats/region-filter", test_region_filter);
  ADD ("/stats/hourly-annualised", test_hourly_annualised);
  ADD ("/stats/expired-excluded", test_expired_excluded);
  ADD ("/stats/empty", test_empty);
  ADD ("/stats/shares", test_shares);
  ADD ("/stats/histogram", test_histogram);
  ADD ("/stats/top-locations-and-months", test_top_locations_and_months);
  ADD ("/stats/pay-by-role", test_pay_by_role);
  ADD ("/stats/published-figures", test_published_figures);
  ADD ("/stats/regions", test_regions);
  ADD ("/stats/regions-async", test_regions_async);
  ADD ("/stats/interrupted", test_interrupted);
#undef ADD

  return g_test_run ();
}
