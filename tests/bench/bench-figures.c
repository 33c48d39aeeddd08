/* bench-figures.c: the Compare and Market figures against the sqlite3 shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-figures compare|market GEN-POSTINGS
 *
 * For each size in $CG_BENCH_SIZES (default 10000,100000) a library of its
 * own is filled by GEN-POSTINGS --db, and the live figures are timed:
 *
 *   compare  the live rows of the Compare page for four roles (open
 *            postings, pay range, median and quartiles, arrangement and
 *            employment type shares, top locations):
 *            cg_compare_compute_figures(), in every region and in CA;
 *   market   each statistic of the Market page on its own: the arrangement
 *            and employment type shares, the pay histogram (with median
 *            and quartiles), the top locations, the postings per month and
 *            the pay by role, for all roles in every region, and for one
 *            role in CA; and their sum, the page's whole computation.
 *
 * Ours is what the page's worker thread does: open a read-only connection
 * (cg_db_open), call the cg-stats / cg-compare function, close. The limit
 * is the sqlite3 shell running plain SQL for the same figures straight on
 * the jobs table, with the same WHERE clauses: GROUP BY for the counts and
 * shares, count/min/max for the pay range, and for the quartiles the
 * midpoints in order up to the third quartile's rank (ORDER BY ... LIMIT,
 * the least SQLite has to do to find them; the rank is written in as a
 * literal, as is the currency and the histogram's bar width). The shell is
 * started for each run and timed from handing it the statements to its
 * word that it is done, its answers printed to /dev/null (see
 * bench_time_shell()).
 *
 * Before the timed runs, the answers are checked: the shell prints the
 * same figures (the quartiles then by a window query, row_number() over the
 * ordered midpoints and linear interpolation between the closest ranks, as
 * cg-stats.h defines them), and they must equal ours, or the benchmark
 * fails. Ours and the shell take turns, RUNS times each after that round,
 * and the medians are compared; CPU times of both are printed beside.
 *
 * With CG_BENCH_CACHE set to a folder, the libraries are kept in it
 * (SIZE/user.db) and used again by the next run, which so does not wait for
 * gen-postings (about 3 minutes for a million postings); they are dated
 * back from the day they were made.
 *
 * Prints one line per figure:
 *   bench: NAME: RATIO (ours VALUE ms, limit VALUE ms, goal <= 1.5)
 * and exits 0 whatever the figures are; non-zero only when something broke
 * (including answers that differ).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-util.h"
#include "cg-compare.h"
#include "cg-db.h"
#include "cg-stats.h"

#define RUNS 5
#define GOAL "<= 1.5"
#define MARKET_BINS 10       /* as the Market page */
#define MARKET_LOCATIONS 8

/* SQL for the shell: the same expressions as cg-stats.c, on jobs itself */
#define HAS_PAY "(pay_annual_min IS NOT NULL OR pay_annual_max IS NOT NULL)"
#define LOW "coalesce (pay_annual_min, pay_annual_max)"
#define HIGH "coalesce (pay_annual_max, pay_annual_min)"
#define MID "((" LOW " + " HIGH ") / 2.0)"
#define FIRST_LOCATION "substr (locations, 1, instr (locations || char(10), char(10)) - 1)"

/* Which postings: a role (NULL: all) in a region (NULL: all). */
typedef struct {
  const char *suffix;      /* of the figure names */
  const char *role;
  const char *region;      /* as the page passes it */
  const char *region_sql;  /* the condition cg-stats.c makes of it */
} View;

#define CA_SQL "(region = 'CA' COLLATE NOCASE OR region = 'California' COLLATE NOCASE)"

static const char * const compare_roles[] = {
  "software-engineer", "electronics-engineer", "ml-engineer", "firmware-engineer", NULL
};

static const View compare_views[] = {
  { "", NULL, NULL, NULL },
  { "-CA", NULL, "CA", CA_SQL },
};

static const View market_views[] = {
  { "", NULL, NULL, NULL },
  { "-swe-CA", "software-engineer", "CA", CA_SQL },
};

/* Shell scripts */

/* @text as an SQL string literal */
static void
append_literal (GString    *sql,
                const char *text)
{
  g_string_append_c (sql, '\'');
  for (const char *p = text; *p; p++)
    {
      if (*p == '\'')
        g_string_append_c (sql, '\'');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '\'');
}

/* A double written so that it reads back the same. */
static void
append_double (GString *sql,
               double   value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_dtostr (buf, sizeof buf, value);
  g_string_append (sql, buf);
  if (strpbrk (buf, ".eEn") == NULL)
    g_string_append (sql, ".0");
}

/* " FROM jobs WHERE ..." for @role in @view; only open postings when @open. */
static char *
from_where (const View *view,
            const char *role,
            const char *today,
            gboolean    open)
{
  GString *sql = g_string_new (" FROM jobs WHERE 1");

  if (open)
    {
      g_string_append (sql, " AND expired = 0 AND (valid_through IS NULL OR valid_through >= ");
      append_literal (sql, today);
      g_string_append (sql, ")");
    }
  if (role != NULL)
    {
      g_string_append (sql, " AND role = ");
      append_literal (sql, role);
    }
  if (view->region_sql != NULL)
    g_string_append_printf (sql, " AND %s", view->region_sql);

  return g_string_free (sql, FALSE);
}

/* " ... AND the pay is in @currency" */
static char *
pay_where (const char *where,
           const char *currency)
{
  GString *sql = g_string_new (where);

  g_string_append (sql, " AND " HAS_PAY " AND coalesce (pay_currency, '') = ");
  append_literal (sql, currency);
  return g_string_free (sql, FALSE);
}

/* A script for the timed runs and one to check the answers: the same but
 * for the quartiles. */
typedef struct {
  GString *timed;
  GString *check;
} Script;

static void
script_init (Script *script)
{
  script->timed = g_string_new (NULL);
  script->check = g_string_new (NULL);
}

static void
script_clear (Script *script)
{
  g_string_free (script->timed, TRUE);
  g_string_free (script->check, TRUE);
}

static void
script_add (Script     *script,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
script_add (Script     *script,
            const char *format,
            ...)
{
  va_list args;
  g_autofree char *text = NULL;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  g_string_append (script->timed, text);
  g_string_append (script->check, text);
}

static void
add_shares (Script     *script,
            const char *where,
            const char *column)
{
  script_add (script, "SELECT %s, count(*)%s AND %s IS NOT NULL AND %s <> ''"
                      " GROUP BY 1 ORDER BY 2 DESC, 1;\n", column, where, column, column);
}

static void
add_currency (Script     *script,
              const char *where,
              const char *extra)
{
  script_add (script, "SELECT coalesce (pay_currency, ''), count(*)%s AND " HAS_PAY "%s"
                      " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1;\n", where, extra);
}

static void
add_locations (Script     *script,
               const char *where,
               guint       limit)
{
  script_add (script, "SELECT " FIRST_LOCATION " AS loc, count(*), sum (count(*)) OVER ()%s"
                      " AND locations IS NOT NULL AND locations <> ''"
                      " GROUP BY loc ORDER BY 2 DESC, loc LIMIT %u;\n", where, limit);
}

/* Quartiles by linear interpolation between the closest ranks: with n
 * values, the p-quantile is at rank h = (n - 1) p, between the values at
 * floor (h) and floor (h) + 1 (the last one when there is none). */
#define QUARTILES_OF \
  "a + ((n - 1) * 0.25 - (n - 1) / 4) * (b - a)," \
  " c + ((n - 1) * 0.5 - (n - 1) / 2) * (d - c)," \
  " e + ((n - 1) * 0.75 - 3 * (n - 1) / 4) * (g - e)"
#define QUARTILE_RANKS \
  "max (n) AS n," \
  " max (CASE WHEN r = (n - 1) / 4 THEN mid END) AS a," \
  " max (CASE WHEN r = min ((n - 1) / 4 + 1, n - 1) THEN mid END) AS b," \
  " max (CASE WHEN r = (n - 1) / 2 THEN mid END) AS c," \
  " max (CASE WHEN r = min ((n - 1) / 2 + 1, n - 1) THEN mid END) AS d," \
  " max (CASE WHEN r = 3 * (n - 1) / 4 THEN mid END) AS e," \
  " max (CASE WHEN r = min (3 * (n - 1) / 4 + 1, n - 1) THEN mid END) AS g"

/* The quartiles of the midpoints of @where (already limited to the pay in
 * one currency), @n of them. Timed: the ordered scan up to the third
 * quartile's rank. Checked: a window query. */
static void
add_quartiles (Script     *script,
               const char *where,
               guint       n)
{
  guint last = (guint) floor ((n > 0 ? n - 1 : 0) * 0.75) + 2;

  g_string_append_printf (script->timed, "SELECT " MID " AS mid%s ORDER BY mid LIMIT %u;\n",
                          where, last);
  g_string_append_printf (script->check,
                          "SELECT " QUARTILES_OF " FROM (SELECT " QUARTILE_RANKS
                          " FROM (SELECT " MID " AS mid, row_number () OVER w - 1 AS r,"
                          " count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n"
                          "%s WINDOW w AS (ORDER BY " MID ")));\n", where);
}

/* The same for each role: one ordered scan timed; checked, a row per role. */
static void
add_role_quartiles (Script     *script,
                    const char *where)
{
  g_string_append_printf (script->timed, "SELECT role, " MID " AS mid%s ORDER BY role, mid;\n",
                          where);
  g_string_append_printf (script->check,
                          "SELECT role, " QUARTILES_OF " FROM (SELECT role, " QUARTILE_RANKS
                          " FROM (SELECT role, " MID " AS mid, row_number () OVER w - 1 AS r,"
                          " count(*) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS n"
                          "%s WINDOW w AS (PARTITION BY role ORDER BY " MID "))"
                          " GROUP BY role) ORDER BY role;\n", where);
}

/* Our answers, as the shell prints them */

static void
answer_double (GString *out,
               double   value)
{
  g_string_append_printf (out, "%.17g", value);
}

typedef struct {
  const char *key;
  guint       count;
} KeyCount;

static int
compare_key_counts (gconstpointer a,
                    gconstpointer b)
{
  const KeyCount *x = a, *y = b;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return strcmp (x->key, y->key);
}

/* "key|count" of the categories in use, most first, then by name, as
 * GROUP BY 1 ORDER BY 2 DESC, 1 gives them. */
static void
answer_shares (GString *out,
               GArray  *counts)
{
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (KeyCount));

  for (guint i = 0; i < counts->len; i++)
    {
      const CgStatsCount *item = &g_array_index (counts, CgStatsCount, i);
      KeyCount kc = { item->key, item->count };

      if (item->count > 0)
        g_array_append_val (sorted, kc);
    }
  g_array_sort (sorted, compare_key_counts);

  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "%s|%u\n", g_array_index (sorted, KeyCount, i).key,
                            g_array_index (sorted, KeyCount, i).count);
}

static void
answer_locations (GString *out,
                  GArray  *counts,
                  guint    total)
{
  for (guint i = 0; i < counts->len; i++)
    {
      const CgStatsCount *item = &g_array_index (counts, CgStatsCount, i);

      g_string_append_printf (out, "%s|%u|%u\n", item->key, item->count, total);
    }
}

static void
answer_quartiles (GString            *out,
                  const CgPaySummary *pay)
{
  answer_double (out, pay->q1);
  g_string_append_c (out, '|');
  answer_double (out, pay->median);
  g_string_append_c (out, '|');
  answer_double (out, pay->q3);
  g_string_append_c (out, '\n');
}

/* Two answers agree when they have the same lines, and each line the same
 * fields: numbers within a relative 1e-9, anything else equal. */
static gboolean
answers_agree (const char *ours,
               const char *shell,
               char      **where)
{
  g_auto(GStrv) a = g_strsplit (ours, "\n", -1);
  g_auto(GStrv) b = g_strsplit (shell, "\n", -1);
  guint i;

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    {
      g_auto(GStrv) fa = g_strsplit (a[i], "|", -1);
      g_auto(GStrv) fb = g_strsplit (b[i], "|", -1);
      guint k;

      for (k = 0; fa[k] != NULL && fb[k] != NULL; k++)
        {
          char *end_a, *end_b;
          double x = g_ascii_strtod (fa[k], &end_a);
          double y = g_ascii_strtod (fb[k], &end_b);

          if (*fa[k] != '\0' && *end_a == '\0' && *fb[k] != '\0' && *end_b == '\0')
            {
              if (fabs (x - y) > 1e-9 * MAX (fabs (x), fabs (y)))
                break;
            }
          else if (strcmp (fa[k], fb[k]) != 0)
            break;
        }
      if (fa[k] != NULL || fb[k] != NULL)
        break;
    }

  if (a[i] == NULL && b[i] == NULL)
    return TRUE;

  *where = g_strdup_printf ("line %u: ours “%s”, sqlite3 “%s”", i + 1,
                            a[i] ? a[i] : "(none)", b[i] ? b[i] : "(none)");
  return FALSE;
}

/* A statistic to time: ours (which also writes its answer) and the shell's
 * scripts, made from ours' first answer (the currency, the count of pay,
 * the histogram's range are written into them). */

typedef struct _Case Case;

struct _Case {
  const char   *name;
  const View   *view;
  const char   *today;
  /* runs ours on @db; appends the answer to @answer when not NULL, and the
   * shell's scripts to @script when not NULL */
  gboolean    (*run) (const Case  *self,
                      sqlite3     *db,
                      GString     *answer,
                      Script      *script,
                      GError     **error);
};

static gboolean
run_compare (const Case  *self,
             sqlite3     *db,
             GString     *answer,
             Script      *script,
             GError     **error)
{
  g_autoptr(GPtrArray) figures = cg_compare_compute_figures (db, compare_roles, self->view->region,
                                                             self->today, error);

  if (figures == NULL)
    return FALSE;
  if (answer == NULL)
    return TRUE;

  for (guint i = 0; i < figures->len; i++)
    {
      const CgRoleFigures *fig = g_ptr_array_index (figures, i);
      g_autofree char *where = from_where (self->view, compare_roles[i], self->today, TRUE);

      g_string_append_printf (answer, "%u\n", fig->n_open);
      script_add (script, "SELECT count(*)%s;\n", where);

      add_currency (script, where, "");
      if (fig->pay.has_pay)
        {
          g_autofree char *pw = pay_where (where, fig->pay.currency);

          g_string_append_printf (answer, "%s|%u\n%u|", fig->pay.currency, fig->pay.count,
                                  fig->pay.count);
          answer_double (answer, fig->pay.min);
          g_string_append_c (answer, '|');
          answer_double (answer, fig->pay.max);
          g_string_append_c (answer, '\n');
          answer_quartiles (answer, &fig->pay);
          script_add (script, "SELECT count(*), min (" LOW "), max (" HIGH ")%s;\n", pw);
          add_quartiles (script, pw, fig->pay.count);
        }

      answer_shares (answer, fig->arrangements);
      add_shares (script, where, "arrangement");
      answer_shares (answer, fig->employment_types);
      add_shares (script, where, "employment_type");
      answer_locations (answer, fig->locations, fig->n_location);
      add_locations (script, where, CG_STATS_TOP_LOCATIONS);
    }

  return TRUE;
}

static gboolean
run_shares (const Case  *self,
            sqlite3     *db,
            GString     *answer,
            Script      *script,
            GError     **error)
{
  gboolean arrangement = g_str_has_suffix (self->name, "arrangement");
  guint total;
  g_autoptr(GArray) counts = cg_stats_shares (db, arrangement ? "work_arrangement" : "employment_type",
                                              self->view->role, self->view->region, self->today,
                                              &total, error);
  g_autofree char *where = NULL;

  if (counts == NULL)
    return FALSE;
  if (answer == NULL)
    return TRUE;

  where = from_where (self->view, self->view->role, self->today, TRUE);
  answer_shares (answer, counts);
  add_shares (script, where, arrangement ? "arrangement" : "employment_type");
  return TRUE;
}

static gboolean
run_histogram (const Case  *self,
               sqlite3     *db,
               GString     *answer,
               Script      *script,
               GError     **error)
{
  g_autoptr(CgPayHistogram) histogram = cg_stats_pay_histogram (db, self->view->role,
                                                                self->view->region, self->today,
                                                                MARKET_BINS, error);
  const CgPaySummary *pay;
  g_autofree char *where = NULL;
  g_autofree char *pw = NULL;
  double lo, hi;

  if (histogram == NULL)
    return FALSE;
  if (answer == NULL)
    return TRUE;

  pay = &histogram->summary;
  where = from_where (self->view, self->view->role, self->today, TRUE);
  add_currency (script, where, "");
  if (!pay->has_pay)
    return TRUE;

  pw = pay_where (where, pay->currency);
  lo = g_array_index (histogram->bins, CgPayBin, 0).lo;
  hi = g_array_index (histogram->bins, CgPayBin, histogram->bins->len - 1).hi;

  g_string_append_printf (answer, "%s|%u\n%u|", pay->currency, pay->count, pay->count);
  answer_double (answer, pay->min);
  g_string_append_c (answer, '|');
  answer_double (answer, pay->max);
  g_string_append_c (answer, '|');
  answer_double (answer, lo);
  g_string_append_c (answer, '|');
  answer_double (answer, hi);
  g_string_append_c (answer, '\n');
  answer_quartiles (answer, pay);
  for (guint i = 0; i < histogram->bins->len; i++)
    if (g_array_index (histogram->bins, CgPayBin, i).count > 0)
      g_string_append_printf (answer, "%u|%u\n", i, g_array_index (histogram->bins, CgPayBin, i).count);

  script_add (script, "SELECT count(*), min (" LOW "), max (" HIGH "), min (" MID "), max (" MID ")%s;\n",
              pw);
  add_quartiles (script, pw, pay->count);
  if (histogram->bins->len == 1)
    script_add (script, "SELECT 0, count(*)%s;\n", pw);
  else
    {
      g_autoptr(GString) bins = g_string_new ("SELECT min (CAST ((" MID " - ");

      append_double (bins, lo);
      g_string_append (bins, ") / ");
      append_double (bins, (hi - lo) / histogram->bins->len);
      g_string_append_printf (bins, " AS INTEGER), %u) AS bin, count(*)%s GROUP BY bin ORDER BY bin;\n",
                              histogram->bins->len - 1, pw);
      script_add (script, "%s", bins->str);
    }

  return TRUE;
}

static gboolean
run_locations (const Case  *self,
               sqlite3     *db,
               GString     *answer,
               Script      *script,
               GError     **error)
{
  guint total;
  g_autoptr(GArray) counts = cg_stats_top_locations (db, self->view->role, self->view->region,
                                                     self->today, MARKET_LOCATIONS, &total, error);
  g_autofree char *where = NULL;

  if (counts == NULL)
    return FALSE;
  if (answer == NULL)
    return TRUE;

  where = from_where (self->view, self->view->role, self->today, TRUE);
  answer_locations (answer, counts, total);
  add_locations (script, where, MARKET_LOCATIONS);
  return TRUE;
}

static gboolean
run_months (const Case  *self,
            sqlite3     *db,
            GString     *answer,
            Script      *script,
            GError     **error)
{
  g_autoptr(GArray) counts = cg_stats_postings_by_month (db, self->view->role, self->view->region,
                                                         error);
  g_autofree char *where = NULL;

  if (counts == NULL)
    return FALSE;
  if (answer == NULL)
    return TRUE;

  /* every posting, open or not: this is their history */
  where = from_where (self->view, self->view->role, self->today, FALSE);
  for (guint i = 0; i < counts->len; i++)
    g_string_append_printf (answer, "%s|%u\n", g_array_index (counts, CgStatsCount, i).key,
                            g_array_index (counts, CgStatsCount, i).count);
  script_add (script, "SELECT substr (date_posted, 1, 7) AS month, count(*)%s"
                      " AND date_posted GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
                      " GROUP BY month ORDER BY month;\n", where);
  return TRUE;
}

static int
compare_role_pay_by_slug (gconstpointer a,
                          gconstpointer b)
{
  return strcmp (((const CgRolePay *) a)->role, ((const CgRolePay *) b)->role);
}

static gboolean
run_pay_by_role (const Case  *self,
                 sqlite3     *db,
                 GString     *answer,
                 Script      *script,
                 GError     **error)
{
  g_autoptr(GArray) roles = cg_stats_pay_by_role (db, self->view->region, self->today, error);
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *where = NULL;
  g_autofree char *pw = NULL;
  guint total = 0;

  if (roles == NULL)
    return FALSE;
  if (answer == NULL)
    return TRUE;

  where = from_where (self->view, NULL, self->today, TRUE);
  add_currency (script, where, " AND role IS NOT NULL");
  if (roles->len == 0)
    return TRUE;

  sorted = g_array_sized_new (FALSE, FALSE, sizeof (CgRolePay), roles->len);
  g_array_append_vals (sorted, roles->data, roles->len);
  g_array_sort (sorted, compare_role_pay_by_slug);

  for (guint i = 0; i < sorted->len; i++)
    total += g_array_index (sorted, CgRolePay, i).pay.count;
  g_string_append_printf (answer, "%s|%u\n", g_array_index (sorted, CgRolePay, 0).pay.currency, total);
  for (guint i = 0; i < sorted->len; i++)
    {
      const CgRolePay *item = &g_array_index (sorted, CgRolePay, i);

      g_string_append_printf (answer, "%s|%u|", item->role, item->pay.count);
      answer_double (answer, item->pay.min);
      g_string_append_c (answer, '|');
      answer_double (answer, item->pay.max);
      g_string_append_c (answer, '\n');
    }
  for (guint i = 0; i < sorted->len; i++)
    {
      const CgRolePay *item = &g_array_index (sorted, CgRolePay, i);

      g_string_append_printf (answer, "%s|", item->role);
      answer_quartiles (answer, &item->pay);
    }

  pw = pay_where (where, g_array_index (sorted, CgRolePay, 0).pay.currency);
  script_add (script, "SELECT role, count(*), min (" LOW "), max (" HIGH ")%s AND role IS NOT NULL"
                      " GROUP BY role ORDER BY role;\n", pw);
  {
    g_autofree char *with_role = g_strconcat (pw, " AND role IS NOT NULL", NULL);

    add_role_quartiles (script, with_role);
  }
  /* @sorted holds copies of the items of @roles, which frees their strings */
  return TRUE;
}

/* Timing */

typedef struct {
  double ours;
  double shell;
  double ours_cpu;
  double shell_cpu;
} Timing;

/* Ours as the page's worker runs it: its own read-only connection. */
static double
time_ours (const Case   *c,
           const char   *path,
           GString      *answer,
           Script       *script,
           double       *cpu_ms,
           GError      **error)
{
  double cpu = bench_process_cpu_ms ();
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = cg_db_open (path, TRUE, error);
  gboolean ok;
  gint64 end;

  if (db == NULL)
    return -1;
  ok = c->run (c, db, NULL, NULL, error);
  cg_db_close (db);
  end = g_get_monotonic_time ();
  *cpu_ms = bench_process_cpu_ms () - cpu;
  if (!ok)
    return -1;

  if (answer != NULL)
    {
      /* the answer, formatted outside the time */
      db = cg_db_open (path, TRUE, error);
      if (db == NULL)
        return -1;
      ok = c->run (c, db, answer, script, error);
      cg_db_close (db);
      if (!ok)
        return -1;
    }

  return bench_elapsed_ms (start, end);
}

static gboolean
bench_case (const Case  *c,
            const char  *path,
            const char  *label,
            Timing      *timing,
            GError     **error)
{
  g_autofree char *name = g_strdup_printf ("%s%s-%s", c->name, c->view->suffix, label);
  g_autoptr(GString) answer = g_string_new (NULL);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shell = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shell_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *shell_answer = NULL;
  g_autofree char *where = NULL;
  Script script;
  guint lines = 0;
  gboolean ok = FALSE;

  script_init (&script);

  /* round 0: warms the file cache, checks the answers, not counted */
  for (int run = 0; run <= RUNS; run++)
    {
      double a, b, ca = 0, cb = 0;

      a = time_ours (c, path, run == 0 ? answer : NULL, &script, &ca, error);
      if (a < 0)
        goto out;

      if (run == 0)
        {
          shell_answer = bench_shell_output (path, script.check->str, error);
          if (shell_answer == NULL)
            goto out;
          if (!answers_agree (answer->str, shell_answer, &where))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           "%s: ours and the sqlite3 shell differ, %s\nours:\n%ssqlite3:\n%s"
                           "script:\n%s", name, where, answer->str, shell_answer,
                           script.check->str);
              goto out;
            }
        }

      b = bench_time_shell (path, TRUE, script.timed->str, &cb, error);
      if (b < 0)
        goto out;
      if (run == 0)
        continue;
      g_array_append_val (ours, a);
      g_array_append_val (ours_cpu, ca);
      g_array_append_val (shell, b);
      g_array_append_val (shell_cpu, cb);
    }

  timing->ours = bench_median (ours);
  timing->shell = bench_median (shell);
  timing->ours_cpu = bench_median (ours_cpu);
  timing->shell_cpu = bench_median (shell_cpu);
  bench_print_figure (name, timing->ours, timing->shell, "ms", GOAL);
  for (const char *p = answer->str; *p; p++)
    lines += *p == '\n';
  printf ("  CPU time: ours %.1f ms, sqlite3 %.1f ms (%.2f); the answers agree (%u lines)\n",
          timing->ours_cpu, timing->shell_cpu,
          timing->ours_cpu / MAX (timing->shell_cpu, 0.001), lines);
  if (g_getenv ("CG_BENCH_VERBOSE") != NULL)
    printf ("%s", script.timed->str);
  ok = TRUE;

out:
  script_clear (&script);
  return ok;
}

static gboolean
bench_compare (const char  *path,
               const char  *label,
               const char  *today,
               GError     **error)
{
  for (guint v = 0; v < G_N_ELEMENTS (compare_views); v++)
    {
      Case c = { "compare", &compare_views[v], today, run_compare };
      Timing timing;

      if (!bench_case (&c, path, label, &timing, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
bench_market (const char  *path,
              const char  *label,
              const char  *today,
              GError     **error)
{
  static const struct {
    const char *name;
    gboolean  (*run) (const Case *, sqlite3 *, GString *, Script *, GError **);
  } stats[] = {
    { "market-shares-arrangement", run_shares },
    { "market-shares-employment-type", run_shares },
    { "market-pay-histogram", run_histogram },
    { "market-top-locations", run_locations },
    { "market-postings-by-month", run_months },
    { "market-pay-by-role", run_pay_by_role },
  };

  for (guint v = 0; v < G_N_ELEMENTS (market_views); v++)
    {
      Timing sum = { 0 };
      g_autofree char *name = g_strdup_printf ("market-page%s-%s", market_views[v].suffix, label);

      for (guint s = 0; s < G_N_ELEMENTS (stats); s++)
        {
          Case c = { stats[s].name, &market_views[v], today, stats[s].run };
          Timing timing;

          if (!bench_case (&c, path, label, &timing, error))
            return FALSE;
          sum.ours += timing.ours;
          sum.shell += timing.shell;
          sum.ours_cpu += timing.ours_cpu;
          sum.shell_cpu += timing.shell_cpu;
        }

      bench_print_figure (name, sum.ours, sum.shell, "ms", GOAL);
      printf ("  the sum of the %u statistics above (the page computes them one after the other); "
              "CPU time: ours %.1f ms, sqlite3 %.1f ms\n", (guint) G_N_ELEMENTS (stats),
              sum.ours_cpu, sum.shell_cpu);
    }

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *tmp = NULL;
  const char *cache = g_getenv ("CG_BENCH_CACHE");
  gboolean compare, ok = TRUE;

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc != 3 || (!g_str_equal (argv[1], "compare") && !g_str_equal (argv[1], "market")))
    {
      g_printerr ("Usage: %s compare|market GEN-POSTINGS\n", argv[0]);
      return 2;
    }
  compare = g_str_equal (argv[1], "compare");

  sizes = bench_parse_sizes ("10000,100000");
  if (sizes == NULL)
    return 2;

  tmp = g_dir_make_tmp ("cg-bench-figures-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("%s figures; sizes: %s; today %s; medians of %d runs; %u processors\n", argv[1],
          g_getenv ("CG_BENCH_SIZES") ? g_getenv ("CG_BENCH_SIZES") : "10000,100000 (default)",
          today, RUNS, g_get_num_processors ());
  bench_print_load ("at the start");

  for (guint i = 0; ok && i < sizes->len; i++)
    {
      guint n = g_array_index (sizes, guint, i);
      g_autofree char *label = bench_size_label (n);
      g_autofree char *dir = g_build_filename (cache ? cache : tmp, label, NULL);
      g_autofree char *kept = g_build_filename (dir, "user.db", NULL);
      g_autofree char *path = NULL;

      if (cache != NULL && g_file_test (kept, G_FILE_TEST_EXISTS))
        {
          printf ("reusing %s\n", kept);
          path = g_steal_pointer (&kept);
        }
      else
        path = bench_make_library (argv[2], dir, n, &error);

      ok = path != NULL &&
           (compare ? bench_compare (path, label, today, &error)
                    : bench_market (path, label, today, &error));
      if (cache == NULL)
        bench_remove_tree (dir);
    }

  bench_remove_tree (tmp);
  bench_print_load ("at the end");

  if (!ok)
    {
      g_printerr ("bench-figures: %s\n", error->message);
      return 1;
    }

  return 0;
}
