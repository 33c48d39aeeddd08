/* cg-stats.c: figures computed from the postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts, shares and pay quantiles over the open postings that match a
 * role and a region, for the Compare page (and the Market page). SQLite
 * does the counting: counts and shares are GROUP BY queries. Pay is read
 * in one unordered scan of the postings with pay (two numbers each, from
 * the index jobs_stats) and sorted here, where range, quartiles and the
 * histogram's bars come from the same sorted midpoints: sorting a few
 * hundred thousand doubles with qsort() takes a tenth of what SQLite's
 * sorter needs for ORDER BY, and each further scan of the postings (one
 * for the range, one for the bars) was as long again. The midpoints are
 * 8 bytes a posting with pay, 4 MB for half a million.
 *
 * The SQL text is put together from fixed fragments only; every value
 * (role, region, dates, currency) is a bound parameter.
 */
#define G_LOG_DOMAIN "cg-stats"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-db.h"
#include "cg-library-worker.h"
#include "cg-stats.h"

G_DEFINE_QUARK (cg-stats-error-quark, cg_stats_error)

/* The pay of a posting: the midpoint of its annualised range, or the one
 * end it has (LOW and HIGH are the two ends, the same when it has one; see
 * pay_values_add()). */
#define HAS_PAY "(j.pay_annual_min IS NOT NULL OR j.pay_annual_max IS NOT NULL)"
#define LOW_HIGH \
  "coalesce (j.pay_annual_min, j.pay_annual_max), coalesce (j.pay_annual_max, j.pay_annual_min)"
/* A temporary table with the few columns the figures need of the open
 * postings of a filter. The rows of jobs are wide (descriptions): a
 * function that runs several queries over the same postings reads them
 * once into it, and the queries then scan it instead. Only for a region:
 * the index jobs_stats (schema 6) holds every column the filter needs
 * without one, and the pay and share queries read only that index, a
 * tenth of the table; copying every open posting into the table first
 * took longer than those queries themselves (pay by role over a million
 * postings: 2 s to copy, for 0.6 s of queries). */
#define SUBSET "cg_stats_open"
#define SUBSET_COLUMNS \
  "j.id, j.role, j.region, j.locations, j.arrangement, j.employment_type, j.pay_currency," \
  " j.pay_annual_min, j.pay_annual_max, j.date_posted, j.valid_through, j.expired"
#define FIRST_LOCATION \
  "substr (j.locations, 1, instr (j.locations || char(10), char(10)) - 1)"

static const char * const arrangement_categories[] = {
  "onsite", "hybrid", "remote", NULL
};

static const char * const employment_type_categories[] = {
  "full_time", "part_time", "temporary", "contractor", "intern", NULL
};

/* US states (and DC, PR): jobs.region holds the code, published figures
 * may name the state. */
static const struct {
  const char *code;
  const char *name;
} us_states[] = {
  { "AL", "Alabama" }, { "AK", "Alaska" }, { "AZ", "Arizona" }, { "AR", "Arkansas" },
  { "CA", "California" }, { "CO", "Colorado" }, { "CT", "Connecticut" }, { "DE", "Delaware" },
  { "DC", "District of Columbia" }, { "FL", "Florida" }, { "GA", "Georgia" }, { "HI", "Hawaii" },
  { "ID", "Idaho" }, { "IL", "Illinois" }, { "IN", "Indiana" }, { "IA", "Iowa" },
  { "KS", "Kansas" }, { "KY", "Kentucky" }, { "LA", "Louisiana" }, { "ME", "Maine" },
  { "MD", "Maryland" }, { "MA", "Massachusetts" }, { "MI", "Michigan" }, { "MN", "Minnesota" },
  { "MS", "Mississippi" }, { "MO", "Missouri" }, { "MT", "Montana" }, { "NE", "Nebraska" },
  { "NV", "Nevada" }, { "NH", "New Hampshire" }, { "NJ", "New Jersey" }, { "NM", "New Mexico" },
  { "NY", "New York" }, { "NC", "North Carolina" }, { "ND", "North Dakota" }, { "OH", "Ohio" },
  { "OK", "Oklahoma" }, { "OR", "Oregon" }, { "PA", "Pennsylvania" }, { "PR", "Puerto Rico" },
  { "RI", "Rhode Island" }, { "SC", "South Carolina" }, { "SD", "South Dakota" },
  { "TN", "Tennessee" }, { "TX", "Texas" }, { "UT", "Utah" }, { "VT", "Vermont" },
  { "VA", "Virginia" }, { "WA", "Washington" }, { "WV", "West Virginia" }, { "WI", "Wisconsin" },
  { "WY", "Wyoming" },
};

/**
 * cg_stats_find_state:
 * @region: a region as the user or a source names it
 * @code: (out) (optional): the state's code, such as "FL"
 * @name: (out) (optional): the state's name, such as "Florida"
 *
 * Returns: whether @region is a US state (or DC, PR), by its code or name
 */
gboolean
cg_stats_find_state (const char  *region,
                     const char **code,
                     const char **name)
{
  for (guint i = 0; region != NULL && i < G_N_ELEMENTS (us_states); i++)
    if (g_ascii_strcasecmp (region, us_states[i].code) == 0 ||
        g_ascii_strcasecmp (region, us_states[i].name) == 0)
      {
        if (code != NULL)
          *code = us_states[i].code;
        if (name != NULL)
          *name = us_states[i].name;
        return TRUE;
      }

  return FALSE;
}

/* The filter: see cg-stats.h. */
typedef struct {
  const char *role;
  const char *region;      /* as given, stripped; NULL: everywhere */
  const char *state_code;  /* the region is this US state */
  const char *state_name;
  char       *like;        /* LIKE pattern for a region that is no state */
  char        today[16];
  gboolean    subset;      /* the open postings of the filter are in SUBSET */
} Filter;

static void
filter_init (Filter     *f,
             const char *role,
             const char *region,
             const char *today)
{
  memset (f, 0, sizeof *f);
  f->role = role;

  if (region != NULL && *region != '\0')
    {
      f->region = region;
      if (!cg_stats_find_state (region, &f->state_code, &f->state_name))
        {
          /* %region% with % _ and \ taken literally */
          GString *like = g_string_new ("%");

          for (const char *p = region; *p; p++)
            {
              if (*p == '%' || *p == '_' || *p == '\\')
                g_string_append_c (like, '\\');
              g_string_append_c (like, *p);
            }
          g_string_append_c (like, '%');
          f->like = g_string_free (like, FALSE);
        }
    }

  if (today != NULL)
    g_strlcpy (f->today, today, sizeof f->today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = g_date_time_format (now, "%Y-%m-%d");

      g_strlcpy (f->today, text, sizeof f->today);
    }
}

static void
filter_clear (Filter *f)
{
  g_clear_pointer (&f->like, g_free);
}

/* " FROM ... WHERE ..." for the postings of the filter; only the open
 * ones when @open_only. */
static void
append_from_where (GString      *sql,
                   const Filter *f,
                   gboolean      open_only)
{
  if (f->subset && open_only)
    {
      /* the filter made it */
      g_string_append (sql, " FROM temp." SUBSET " j WHERE 1");
      return;
    }

  g_string_append (sql, " FROM jobs j WHERE 1");

  if (open_only)
    g_string_append (sql, " AND j.expired = 0 AND (j.valid_through IS NULL OR j.valid_through >= :today)");

  if (f->role != NULL)
    g_string_append (sql, " AND j.role = :role");

  if (f->state_code != NULL)
    g_string_append (sql, " AND (j.region = :code COLLATE NOCASE OR j.region = :name COLLATE NOCASE)");
  else if (f->region != NULL)
    g_string_append (sql, " AND (j.region = :region COLLATE NOCASE OR j.locations LIKE :like ESCAPE '\\')");
}

static void
bind_named (sqlite3_stmt *stmt,
            const char   *name,
            const char   *value)
{
  int index = sqlite3_bind_parameter_index (stmt, name);

  if (index > 0)
    cg_db_bind_text (stmt, index, value);
}

static void
bind_filter (sqlite3_stmt *stmt,
             const Filter *f)
{
  bind_named (stmt, ":today", f->today);
  bind_named (stmt, ":role", f->role);
  bind_named (stmt, ":code", f->state_code);
  bind_named (stmt, ":name", f->state_name);
  bind_named (stmt, ":region", f->region);
  bind_named (stmt, ":like", f->like);
}

static sqlite3_stmt *
prepare_filtered (sqlite3      *db,
                  const Filter *f,
                  GString      *sql,
                  GError      **error)
{
  sqlite3_stmt *stmt = cg_db_prepare (db, sql->str, error);

  if (stmt != NULL)
    bind_filter (stmt, f);

  return stmt;
}

static void
subset_end (sqlite3 *db,
            Filter  *f)
{
  if (f->subset)
    cg_db_exec (db, "DROP TABLE IF EXISTS temp." SUBSET, NULL);
  f->subset = FALSE;
}

/* Reads the open postings of @f into the temporary table, once for the
 * several queries that follow, when @f has a region (see SUBSET). */
static gboolean
subset_begin (sqlite3  *db,
              Filter   *f,
              GError  **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TEMP TABLE " SUBSET " AS SELECT " SUBSET_COLUMNS);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert (!f->subset);

  if (f->region == NULL)
    return TRUE;

  if (!cg_db_exec (db, "DROP TABLE IF EXISTS temp." SUBSET, error))
    return FALSE;

  append_from_where (sql, f, TRUE);
  stmt = prepare_filtered (db, f, sql, error);
  if (stmt == NULL || !cg_db_step_done (db, stmt, error))
    return FALSE;

  f->subset = TRUE;
  return TRUE;
}

static gboolean
step_failed (sqlite3  *db,
             int       rc,
             GError  **error)
{
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return FALSE;

  cg_db_set_error (error, db, rc, _("Cannot compute the figures"));
  return TRUE;
}

static void
stats_count_clear (gpointer data)
{
  CgStatsCount *item = data;

  g_clear_pointer (&item->key, g_free);
}

static GArray *
counts_new (void)
{
  GArray *array = g_array_new (FALSE, TRUE, sizeof (CgStatsCount));

  g_array_set_clear_func (array, stats_count_clear);
  return array;
}

static void
counts_add (GArray     *array,
            const char *key,
            guint       count)
{
  CgStatsCount item = { g_strdup (key), count, 0 };

  g_array_append_val (array, item);
}

/* Adds the rows of @stmt (a key, then a count), the first @limit of them
 * (G_MAXUINT: all), to @counts, and sets @total to the count of them all;
 * FALSE with @error when a step fails */
static gboolean
counts_read (GArray        *counts,
             sqlite3       *db,
             sqlite3_stmt  *stmt,
             guint          limit,
             guint         *total,
             GError       **error)
{
  guint64 sum = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint count = (guint) sqlite3_column_int64 (stmt, 1);

      if (counts->len < limit)
        counts_add (counts, cg_db_column_text (stmt, 0), count);
      sum += count;
    }

  *total = (guint) MIN (sum, G_MAXUINT);
  return !step_failed (db, rc, error);
}

static void
counts_set_percents (GArray *array,
                     guint   total)
{
  for (guint i = 0; i < array->len; i++)
    {
      CgStatsCount *item = &g_array_index (array, CgStatsCount, i);

      item->percent = total > 0 ? 100.0 * item->count / total : 0;
    }
}

/* The pay of a set of postings: each one's midpoint, and the ends. */

typedef struct {
  GArray *mids;  /* of double; sorted by pay_values_summarize() */
  double  min;   /* the lowest annual minimum (or stated figure) */
  double  max;   /* the highest annual maximum (or stated figure) */
} PayValues;

static PayValues *
pay_values_new (void)
{
  PayValues *values = g_new0 (PayValues, 1);

  values->mids = g_array_new (FALSE, FALSE, sizeof (double));
  return values;
}

static void
pay_values_free (PayValues *values)
{
  g_array_unref (values->mids);
  g_free (values);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PayValues, pay_values_free)

/* @low and @high: coalesce (min, max) and coalesce (max, min) of a posting */
static void
pay_values_add (PayValues *values,
                double     low,
                double     high)
{
  double mid = (low + high) / 2.0;

  if (values->mids->len == 0 || low < values->min)
    values->min = low;
  if (values->mids->len == 0 || high > values->max)
    values->max = high;
  g_array_append_val (values->mids, mid);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The p-quantile of the @n sorted values @v: see cg-stats.h. */
static double
quantile (const double *v,
          guint         n,
          double        p)
{
  double h = (n - 1) * p;
  guint lo = (guint) floor (h);

  if (lo + 1 >= n)
    return v[lo];
  return v[lo] + (h - lo) * (v[lo + 1] - v[lo]);
}

/* Sorts the midpoints and fills in @out's figures (not its currency). */
static void
pay_values_summarize (PayValues    *values,
                      CgPaySummary *out)
{
  const double *v = (const double *) values->mids->data;
  guint n = values->mids->len;

  out->has_pay = n > 0;
  out->count = n;
  if (n == 0)
    return;

  g_array_sort (values->mids, compare_doubles);
  out->min = values->min;
  out->max = values->max;
  out->q1 = quantile (v, n, 0.25);
  out->median = quantile (v, n, 0.5);
  out->q3 = quantile (v, n, 0.75);
}

/* The currency most of the postings with pay use ("" when they do not
 * say); FALSE (and no error) when no posting has pay. */
static gboolean
dominant_currency (sqlite3      *db,
                   const Filter *f,
                   const char   *extra_where,
                   char          currency[4],
                   GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT coalesce (j.pay_currency, ''), count(*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  append_from_where (sql, f, TRUE);
  g_string_append (sql, " AND " HAS_PAY);
  if (extra_where != NULL)
    g_string_append (sql, extra_where);
  g_string_append (sql, " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1");

  stmt = prepare_filtered (db, f, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (step_failed (db, rc, error) || rc == SQLITE_DONE)
    return FALSE;

  g_strlcpy (currency, cg_db_column_text (stmt, 0), 4);
  return TRUE;
}

/* The pay of the open postings of @f in their dominant currency. With
 * @mids, also their midpoints, sorted (NULL when none has pay). */
static gboolean
pay_summary (sqlite3       *db,
             const Filter  *f,
             CgPaySummary  *out,
             GArray       **mids,
             GError       **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " LOW_HIGH);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(PayValues) values = NULL;
  int rc;

  memset (out, 0, sizeof *out);
  if (mids != NULL)
    *mids = NULL;

  if (!dominant_currency (db, f, NULL, out->currency, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      return TRUE;
    }

  append_from_where (sql, f, TRUE);
  g_string_append (sql, " AND " HAS_PAY " AND coalesce (j.pay_currency, '') = :currency");
  stmt = prepare_filtered (db, f, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_named (stmt, ":currency", out->currency);

  values = pay_values_new ();
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pay_values_add (values, sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1));
  if (step_failed (db, rc, error))
    return FALSE;

  pay_values_summarize (values, out);
  if (mids != NULL && out->has_pay)
    *mids = g_array_ref (values->mids);
  return TRUE;
}

/**
 * cg_stats_pay_summary:
 *
 * The annualised pay of the open postings of the filter: range, median and
 * quartiles (see cg-stats.h). With no posting with pay, @out->has_pay is
 * FALSE and this still succeeds.
 */
gboolean
cg_stats_pay_summary (sqlite3       *db,
                      const char    *role,
                      const char    *region,
                      const char    *today,
                      CgPaySummary  *out,
                      GError       **error)
{
  Filter f;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  filter_init (&f, role, region, today);
  ok = subset_begin (db, &f, error) && pay_summary (db, &f, out, NULL, error);
  subset_end (db, &f);
  filter_clear (&f);
  return ok;
}

const char * const *
cg_stats_dimension_categories (const char *dimension)
{
  if (g_strcmp0 (dimension, "work_arrangement") == 0)
    return arrangement_categories;
  if (g_strcmp0 (dimension, "employment_type") == 0)
    return employment_type_categories;
  return NULL;
}

static gint64
count_open (sqlite3      *db,
            const Filter *f,
            GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  append_from_where (sql, f, TRUE);
  stmt = prepare_filtered (db, f, sql, error);
  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (step_failed (db, rc, error))
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

/* The share of each category of @dimension among the open postings that
 * state one. With @all_known, every category the figures table knows comes
 * first, in its order, even with no posting, and other values follow, most
 * first; else only the categories in use, most first. */
static GArray *
shares (sqlite3      *db,
        const Filter *f,
        const char   *dimension,
        gboolean      all_known,
        guint        *total_out,
        GError      **error)
{
  const char * const *known = cg_stats_dimension_categories (dimension);
  const char *column;
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = counts_new ();
  g_autoptr(GArray) found = counts_new ();
  guint total = 0;

  if (known == NULL)
    {
      g_set_error (error, CG_STATS_ERROR, CG_STATS_ERROR_INVALID,
                   _("Unknown dimension “%s”"), dimension ? dimension : "");
      return NULL;
    }

  /* a column name from a fixed list, never from the caller. The unary +
   * keeps SQLite from walking the index of arrangement alone
   * (jobs_arrangement), in GROUP BY order, and looking every posting up in
   * the table for the filter: it reads jobs_stats, which holds the
   * filter's columns too, five times faster over all postings. (Employment
   * type has no index of its own; a + there only costs time.) */
  column = known == arrangement_categories ? "+j.arrangement" : "j.employment_type";
  sql = g_string_new (NULL);
  g_string_append_printf (sql, "SELECT %s, count(*)", column);
  append_from_where (sql, f, TRUE);
  g_string_append_printf (sql, " AND %s IS NOT NULL AND %s <> '' GROUP BY 1 ORDER BY 2 DESC, 1",
                          column, column);

  stmt = prepare_filtered (db, f, sql, error);
  if (stmt == NULL)
    return NULL;

  if (!counts_read (found, db, stmt, G_MAXUINT, &total, error))
    return NULL;

  if (all_known)
    {
      for (guint k = 0; known[k] != NULL; k++)
        {
          guint count = 0;

          for (guint i = 0; i < found->len; i++)
            if (g_strcmp0 (g_array_index (found, CgStatsCount, i).key, known[k]) == 0)
              count = g_array_index (found, CgStatsCount, i).count;
          counts_add (result, known[k], count);
        }
    }

  for (guint i = 0; i < found->len; i++)
    {
      const CgStatsCount *item = &g_array_index (found, CgStatsCount, i);

      if (!all_known || !g_strv_contains (known, item->key))
        counts_add (result, item->key, item->count);
    }

  counts_set_percents (result, total);
  if (total_out != NULL)
    *total_out = total;
  return g_steal_pointer (&result);
}

/**
 * cg_stats_shares:
 * @dimension: "work_arrangement" or "employment_type"
 *
 * The live counterpart of the published figures: for each category of
 * @dimension (onsite, hybrid, remote; full_time, part_time, temporary,
 * contractor, intern: every one, in that order, even with no posting; then
 * any other value the postings use), how many open postings of the filter
 * are in it and their share of those that state one (@total).
 *
 * Returns: (transfer full): an array of CgStatsCount, or NULL
 */
GArray *
cg_stats_shares (sqlite3     *db,
                 const char  *dimension,
                 const char  *role,
                 const char  *region,
                 const char  *today,
                 guint       *total,
                 GError     **error)
{
  Filter f;
  GArray *result;

  g_return_val_if_fail (db != NULL, NULL);

  filter_init (&f, role, region, today);
  result = shares (db, &f, dimension, TRUE, total, error);
  filter_clear (&f);
  return result;
}

static GArray *
top_locations (sqlite3      *db,
               const Filter *f,
               guint         limit,
               guint        *total_out,
               GError      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " FIRST_LOCATION " AS loc, count(*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = counts_new ();
  guint total = 0;

  append_from_where (sql, f, TRUE);
  g_string_append (sql, " AND j.locations IS NOT NULL AND j.locations <> ''"
                        " GROUP BY loc ORDER BY 2 DESC, loc");

  stmt = prepare_filtered (db, f, sql, error);
  if (stmt == NULL)
    return NULL;

  /* every group is read for the total; there are far fewer places than
   * postings */
  if (!counts_read (result, db, stmt, limit, &total, error))
    return NULL;

  counts_set_percents (result, total);
  if (total_out != NULL)
    *total_out = total;
  return g_steal_pointer (&result);
}

/**
 * cg_stats_top_locations:
 * @limit: how many places at most
 *
 * The places with the most open postings of the filter, by the first
 * location of each posting, most first (ties by name). @total: the open
 * postings that give a location, which the percents are out of.
 *
 * Returns: (transfer full): an array of CgStatsCount, or NULL
 */
GArray *
cg_stats_top_locations (sqlite3     *db,
                        const char  *role,
                        const char  *region,
                        const char  *today,
                        guint        limit,
                        guint       *total,
                        GError     **error)
{
  Filter f;
  GArray *result;

  g_return_val_if_fail (db != NULL, NULL);

  filter_init (&f, role, region, today);
  result = top_locations (db, &f, limit, total, error);
  filter_clear (&f);
  return result;
}

void
cg_role_figures_clear (CgRoleFigures *figures)
{
  g_clear_pointer (&figures->arrangements, g_array_unref);
  g_clear_pointer (&figures->employment_types, g_array_unref);
  g_clear_pointer (&figures->locations, g_array_unref);
  memset (figures, 0, sizeof *figures);
}

void
cg_role_figures_free (CgRoleFigures *figures)
{
  if (figures == NULL)
    return;

  cg_role_figures_clear (figures);
  g_free (figures);
}

/**
 * cg_stats_role_figures:
 * @out: (out caller-allocates): filled in; clear it with cg_role_figures_clear()
 *
 * What the comparison shows for one role (or all postings, with @role
 * NULL): open postings, their pay, arrangements, employment types and top
 * places. With no open posting this succeeds with counts of 0 and
 * @out->pay.has_pay FALSE.
 */
gboolean
cg_stats_role_figures (sqlite3        *db,
                       const char     *role,
                       const char     *region,
                       const char     *today,
                       CgRoleFigures  *out,
                       GError        **error)
{
  Filter f;
  gint64 n_open;
  gboolean ok = FALSE;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  filter_init (&f, role, region, today);

  if (!subset_begin (db, &f, error))
    goto out;

  n_open = count_open (db, &f, error);
  if (n_open < 0)
    goto out;
  out->n_open = (guint) n_open;

  if (!pay_summary (db, &f, &out->pay, NULL, error))
    goto out;

  out->arrangements = shares (db, &f, "work_arrangement", TRUE, &out->n_arrangement, error);
  if (out->arrangements == NULL)
    goto out;

  out->employment_types = shares (db, &f, "employment_type", FALSE, &out->n_employment_type, error);
  if (out->employment_types == NULL)
    goto out;

  out->locations = top_locations (db, &f, CG_STATS_TOP_LOCATIONS, &out->n_location, error);
  if (out->locations == NULL)
    goto out;

  ok = TRUE;

out:
  subset_end (db, &f);
  filter_clear (&f);
  if (!ok)
    cg_role_figures_clear (out);
  return ok;
}

void
cg_pay_histogram_free (CgPayHistogram *histogram)
{
  if (histogram == NULL)
    return;

  g_clear_pointer (&histogram->bins, g_array_unref);
  g_free (histogram);
}

/**
 * cg_stats_pay_histogram:
 * @n_bins: how many bars (at least 1)
 *
 * The annualised pay (midpoints) of the open postings of the filter in
 * @n_bins bars of equal width from the lowest midpoint to the highest, with
 * the summary (range, median, quartiles). When every midpoint is the same
 * there is one bar; with no pay, none.
 *
 * Returns: (transfer full): the histogram, or NULL
 */
CgPayHistogram *
cg_stats_pay_histogram (sqlite3     *db,
                        const char  *role,
                        const char  *region,
                        const char  *today,
                        guint        n_bins,
                        GError     **error)
{
  g_autoptr(CgPayHistogram) histogram = g_new0 (CgPayHistogram, 1);
  g_autoptr(GArray) mids = NULL;
  const double *v;
  double lo, hi, width;
  gboolean ok;
  Filter f;

  g_return_val_if_fail (db != NULL, NULL);

  if (n_bins == 0)
    {
      g_set_error_literal (error, CG_STATS_ERROR, CG_STATS_ERROR_INVALID,
                           _("A histogram needs at least one bar"));
      return NULL;
    }

  histogram->bins = g_array_new (FALSE, TRUE, sizeof (CgPayBin));
  filter_init (&f, role, region, today);
  ok = subset_begin (db, &f, error) && pay_summary (db, &f, &histogram->summary, &mids, error);
  subset_end (db, &f);
  filter_clear (&f);
  if (!ok)
    return NULL;
  if (!histogram->summary.has_pay)
    return g_steal_pointer (&histogram);

  /* the range of the midpoints (the summary's is of the ends) */
  v = (const double *) mids->data;
  lo = v[0];
  hi = v[mids->len - 1];

  if (hi <= lo)
    {
      CgPayBin bin = { lo, hi, histogram->summary.count };

      g_array_append_val (histogram->bins, bin);
      return g_steal_pointer (&histogram);
    }

  width = (hi - lo) / n_bins;
  for (guint i = 0; i < n_bins; i++)
    {
      CgPayBin bin = { lo + i * width, i + 1 == n_bins ? hi : lo + (i + 1) * width, 0 };

      g_array_append_val (histogram->bins, bin);
    }

  /* the highest midpoint (and any rounded past it) in the last bar */
  for (guint k = 0; k < mids->len; k++)
    {
      gint64 bin = (gint64) ((v[k] - lo) / width);

      g_array_index (histogram->bins, CgPayBin, CLAMP (bin, 0, (gint64) n_bins - 1)).count++;
    }

  return g_steal_pointer (&histogram);
}

/**
 * cg_stats_postings_by_month:
 *
 * How many postings of the filter (open or not: this is their history)
 * were posted each month, as "YYYY-MM", oldest first; months without a
 * posting are not listed. Percents are of the postings with a date.
 *
 * Returns: (transfer full): an array of CgStatsCount, or NULL
 */
GArray *
cg_stats_postings_by_month (sqlite3     *db,
                            const char  *role,
                            const char  *region,
                            GError     **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT substr (j.date_posted, 1, 7) AS month, count(*)");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) result = counts_new ();
  guint total = 0;
  Filter f;

  g_return_val_if_fail (db != NULL, NULL);

  filter_init (&f, role, region, NULL);
  append_from_where (sql, &f, FALSE);
  g_string_append (sql, " AND j.date_posted GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*'"
                        " GROUP BY month ORDER BY month");
  stmt = prepare_filtered (db, &f, sql, error);
  filter_clear (&f);
  if (stmt == NULL)
    return NULL;

  if (!counts_read (result, db, stmt, G_MAXUINT, &total, error))
    return NULL;

  counts_set_percents (result, total);
  return g_steal_pointer (&result);
}

static void
role_pay_clear (gpointer data)
{
  CgRolePay *item = data;

  g_clear_pointer (&item->role, g_free);
}

static int
compare_role_pay (gconstpointer a,
                  gconstpointer b)
{
  const CgRolePay *x = a;
  const CgRolePay *y = b;

  if (x->pay.median != y->pay.median)
    return x->pay.median > y->pay.median ? -1 : 1;
  return g_strcmp0 (x->role, y->role);
}

/**
 * cg_stats_pay_by_role:
 *
 * For each role with open postings with pay (in the region), the summary
 * of their annualised pay (median, quartiles, range, count), highest median
 * first. All in one currency: the one most of these postings use.
 *
 * Returns: (transfer full): an array of CgRolePay, or NULL
 */
GArray *
cg_stats_pay_by_role (sqlite3     *db,
                      const char  *region,
                      const char  *today,
                      GError     **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (CgRolePay));
  g_autoptr(GHashTable) roles = NULL;
  g_autoptr(GString) sql = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  char currency[4] = "";
  GHashTableIter iter;
  gpointer key, value;
  Filter f;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  g_array_set_clear_func (result, role_pay_clear);
  filter_init (&f, NULL, region, today);

  if (!subset_begin (db, &f, error))
    goto fail;

  if (!dominant_currency (db, &f, " AND j.role IS NOT NULL", currency, &local_error))
    {
      subset_end (db, &f);
      filter_clear (&f);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      return g_steal_pointer (&result);
    }

  /* one unordered scan, each posting's pay to its role's values */
  sql = g_string_new ("SELECT j.role, " LOW_HIGH);
  append_from_where (sql, &f, TRUE);
  g_string_append (sql, " AND j.role IS NOT NULL AND " HAS_PAY
                        " AND coalesce (j.pay_currency, '') = :currency");
  stmt = prepare_filtered (db, &f, sql, error);
  if (stmt == NULL)
    goto fail;
  bind_named (stmt, ":currency", currency);

  roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pay_values_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *role = cg_db_column_text (stmt, 0);
      PayValues *values = g_hash_table_lookup (roles, role);

      if (values == NULL)
        {
          values = pay_values_new ();
          g_hash_table_insert (roles, g_strdup (role), values);
        }
      pay_values_add (values, sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2));
    }
  if (step_failed (db, rc, error))
    goto fail;

  g_hash_table_iter_init (&iter, roles);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      CgRolePay item = { g_strdup (key), { 0 } };

      pay_values_summarize (value, &item.pay);
      g_strlcpy (item.pay.currency, currency, sizeof item.pay.currency);
      g_array_append_val (result, item);
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  subset_end (db, &f);
  filter_clear (&f);
  g_array_sort (result, compare_role_pay);
  return g_steal_pointer (&result);

fail:
  g_clear_pointer (&stmt, sqlite3_finalize);
  subset_end (db, &f);
  filter_clear (&f);
  return NULL;
}

static void
published_figure_clear (gpointer data)
{
  CgPublishedFigure *figure = data;

  g_clear_pointer (&figure->role, g_free);
  g_clear_pointer (&figure->region, g_free);
  g_clear_pointer (&figure->date, g_free);
  g_clear_pointer (&figure->dimension, g_free);
  g_clear_pointer (&figure->category, g_free);
  g_clear_pointer (&figure->source, g_free);
}

/**
 * cg_stats_published_figures:
 * @role: a role slug, or NULL for the figures of every role
 * @region: a region, or NULL for every region; "FL" and "Florida" find
 *   each other
 * @dimension: "work_arrangement", "employment_type" or NULL for both
 *
 * The published market figures (the figures table), newest first, then by
 * source and dimension, the largest share first.
 *
 * Returns: (transfer full): an array of CgPublishedFigure, or NULL
 */
GArray *
cg_stats_published_figures (sqlite3     *db,
                            const char  *role,
                            const char  *region,
                            const char  *dimension,
                            GError     **error)
{
  g_autoptr(GArray) result = g_array_new (FALSE, TRUE, sizeof (CgPublishedFigure));
  g_autoptr(GString) sql = g_string_new ("SELECT role, region, date, dimension, category, percent, source"
                                         " FROM figures WHERE 1");
  g_autoptr(sqlite3_stmt) stmt = NULL;
  Filter f;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  g_array_set_clear_func (result, published_figure_clear);
  filter_init (&f, role, region, NULL);

  if (role != NULL)
    g_string_append (sql, " AND role = :role");
  if (dimension != NULL)
    g_string_append (sql, " AND dimension = :dimension");
  if (f.state_code != NULL)
    g_string_append (sql, " AND (region = :code COLLATE NOCASE OR region = :name COLLATE NOCASE)");
  else if (f.region != NULL)
    g_string_append (sql, " AND region = :region COLLATE NOCASE");
  g_string_append (sql, " ORDER BY date DESC, source, dimension, percent DESC, category");

  stmt = prepare_filtered (db, &f, sql, error);
  filter_clear (&f);
  if (stmt == NULL)
    return NULL;
  bind_named (stmt, ":dimension", dimension);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgPublishedFigure figure = {
        g_strdup (cg_db_column_text (stmt, 0)),
        g_strdup (cg_db_column_text (stmt, 1)),
        g_strdup (cg_db_column_text (stmt, 2)),
        g_strdup (cg_db_column_text (stmt, 3)),
        g_strdup (cg_db_column_text (stmt, 4)),
        sqlite3_column_double (stmt, 5),
        g_strdup (cg_db_column_text (stmt, 6)),
      };

      g_array_append_val (result, figure);
    }
  if (step_failed (db, rc, error))
    return NULL;

  return g_steal_pointer (&result);
}

/**
 * cg_stats_list_regions:
 *
 * The regions the postings name (jobs.region), sorted, each once.
 *
 * Returns: (transfer full): a NULL-terminated array, or NULL
 */
char **
cg_stats_list_regions (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  stmt = cg_db_prepare (db, "SELECT DISTINCT region FROM jobs WHERE region IS NOT NULL AND region <> ''"
                            " ORDER BY region COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, cg_db_column_text (stmt, 0));
  if (step_failed (db, rc, error))
    return NULL;

  return g_strv_builder_end (builder);
}

static void
list_regions_thread (GTask        *task,
                     sqlite3      *db,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  char **regions = cg_stats_list_regions (db, &error);

  if (regions == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, regions, (GDestroyNotify) g_strfreev);
}

/* cg_stats_list_regions() on a worker thread: a scan of every posting.
 * Once @cancellable is cancelled the answer is G_IO_ERROR_CANCELLED at
 * once, without waiting for the scan to stop. */
void
cg_stats_list_regions_async (CgLibrary           *library,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CG_IS_LIBRARY (library));

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_stats_list_regions_async);
  g_task_set_return_on_cancel (task, TRUE);
  cg_library_run_in_worker (library, task, list_regions_thread);
}

char **
cg_stats_list_regions_finish (CgLibrary     *library,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_stats_list_regions_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
