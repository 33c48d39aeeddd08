/* cg-tracker-stats.c: the tracker's statistics: stages, the funnel, weeks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counts per stage, the median days spent in each, the funnel from
 * applied to accepted and the applications per week.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-date.h"
#include "cg-tracker-private.h"

/* Statistics ---------------------------------------------------------------- */

static gboolean
parse_date (const char *text,
            GDate      *date)
{
  CgDate parsed;

  if (!cg_date_parse (text, CG_DATE_ISO, &parsed))
    return FALSE;
  cg_date_to_gdate (&parsed, date);
  return TRUE;
}

/* The funnel counts each application by the stages it has been in: its
 * current stage and every stage named in its 'stage' history (old and new
 * values, read by the current names and the seeded stages' original names;
 * names of deleted stages are ignored). With the seeded stages found by
 * their builtin role:
 *
 *   accepted      has been in Accepted;
 *   offer         has been in Offer or Accepted;
 *   interviewing  has been in Interviewing, Offer or Accepted;
 *   applied       counts as interviewing, or has been in Applied or in any
 *                 stage placed after Applied on the board (Rejected,
 *                 Ghosted, a stage of the user's at the end, ...);
 *   responded     applied, and counts as interviewing or has been in a
 *                 stage placed after Applied other than Ghosted (Rejected,
 *                 Withdrawn, ...): it moved on from Applied.
 *
 * response_rate is responded / applied.
 *
 * The days spent in a stage are measured between a 'stage' history row
 * that enters it and the next one of the same application; the stay an
 * application is in now has not ended and is not counted. */

void
cg_tracker_stats_free (CgTrackerStats *stats)
{
  if (stats == NULL)
    return;

  g_clear_pointer (&stats->stages, g_ptr_array_unref);
  g_clear_pointer (&stats->weeks, g_ptr_array_unref);
  g_free (stats);
}

static void
stage_stats_free (CgTrackerStageStats *s)
{
  g_free (s->name);
  g_free (s);
}

static void
week_stats_free (CgTrackerWeekStats *w)
{
  g_free (w->week);
  g_free (w->monday);
  g_free (w);
}

typedef struct {
  gint64     id;
  GPtrArray *visited;   /* Stage, not owned */
} StatsApplication;

static void
stats_application_free (StatsApplication *app)
{
  g_ptr_array_unref (app->visited);
  g_free (app);
}

static void
visit (StatsApplication *app,
       Stage            *stage)
{
  if (stage != NULL && !g_ptr_array_find (app->visited, stage, NULL))
    g_ptr_array_add (app->visited, stage);
}

static gboolean
has_visited (StatsApplication *app,
             Stage            *stage)
{
  return stage != NULL && g_ptr_array_find (app->visited, stage, NULL);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  guint n = values->len;

  if (n == 0)
    return -1;

  g_array_sort (values, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (values, double, n / 2);
  return (g_array_index (values, double, n / 2 - 1) + g_array_index (values, double, n / 2)) / 2;
}

static void
count_funnel (CgTrackerStats   *stats,
              StatsApplication *app,
              GPtrArray        *stages)
{
  Stage *applied = cg_tracker_find_builtin (stages, "applied");
  Stage *ghosted = cg_tracker_find_builtin (stages, "ghosted");
  gboolean reached_applied = FALSE;
  gboolean responded = FALSE;
  gboolean accepted = has_visited (app, cg_tracker_find_builtin (stages, "accepted"));
  gboolean offer = accepted || has_visited (app, cg_tracker_find_builtin (stages, "offer"));
  gboolean interviewing = offer ||
                          has_visited (app, cg_tracker_find_builtin (stages, "interviewing"));

  for (guint i = 0; i < app->visited->len; i++)
    {
      Stage *stage = g_ptr_array_index (app->visited, i);

      if (applied != NULL && stage->position >= applied->position)
        reached_applied = TRUE;
      if (applied != NULL && stage->position > applied->position && stage != ghosted)
        responded = TRUE;
    }
  reached_applied = reached_applied || interviewing;

  stats->accepted += accepted;
  stats->offer += offer;
  stats->interviewing += interviewing;
  stats->applied += reached_applied;
  stats->responded += reached_applied && (responded || interviewing);
}

static void
count_weeks (CgTrackerStats *stats,
             const char     *today,
             guint           n_weeks,
             GHashTable     *dates)
{
  GDate first_monday;
  GDate day;
  guint32 first;

  if (!parse_date (today, &first_monday))
    return;
  g_date_subtract_days (&first_monday, g_date_get_weekday (&first_monday) - 1);
  g_date_subtract_days (&first_monday, 7 * (n_weeks > 0 ? n_weeks - 1 : 0));
  first = g_date_get_julian (&first_monday);

  for (guint i = 0; i < n_weeks; i++)
    {
      CgTrackerWeekStats *w = g_new0 (CgTrackerWeekStats, 1);
      GDate monday = first_monday;
      GDate thursday;
      char text[16];

      g_date_add_days (&monday, 7 * i);
      thursday = monday;
      g_date_add_days (&thursday, 3);
      g_date_strftime (text, sizeof text, "%Y-%m-%d", &monday);
      w->monday = g_strdup (text);
      w->week = g_strdup_printf ("%04u-W%02u", (guint) g_date_get_year (&thursday),
                                 g_date_get_iso8601_week_of_year (&monday));
      g_ptr_array_add (stats->weeks, w);
    }

  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, dates);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        guint32 julian;

        if (!parse_date (key, &day))
          continue;
        julian = g_date_get_julian (&day);
        if (julian >= first && (julian - first) / 7 < n_weeks)
          ((CgTrackerWeekStats *) g_ptr_array_index (stats->weeks, (julian - first) / 7))->count +=
            GPOINTER_TO_UINT (value);
      }
  }
}

CgTrackerStats *
cg_tracker_get_stats (CgLibrary   *library,
                      const char  *today,
                      guint        n_weeks,
                      GError     **error)
{
  g_autoptr(CgTrackerStats) stats = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GHashTable) by_name = NULL;
  g_autoptr(GHashTable) apps = NULL;
  g_autoptr(GHashTable) dates = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) order = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = cg_tracker_dup_today (today);
  StatsApplication *last_app = NULL;
  Stage *last_stage = NULL;
  double last_time = 0;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if (!cg_tracker_check_today (today, error))
    return NULL;

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      (stages = cg_tracker_load_stages (db, error)) == NULL)
    return NULL;

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      g_hash_table_insert (by_id, &stage->id, stage);
    }
  by_name = cg_tracker_stage_name_map (stages, cg_tracker_fold_key);

  /* the applications and the stage each is in */
  apps = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                (GDestroyNotify) stats_application_free);
  order = g_ptr_array_new ();
  stmt = cg_db_prepare (db, "SELECT id, stage, date_applied FROM applications ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      StatsApplication *app = g_new0 (StatsApplication, 1);
      gint64 stage_id = sqlite3_column_int64 (stmt, 1);
      const char *date_applied = cg_db_column_text (stmt, 2);
      Stage *stage = g_hash_table_lookup (by_id, &stage_id);

      app->id = sqlite3_column_int64 (stmt, 0);
      app->visited = g_ptr_array_new ();
      visit (app, stage);
      if (stage != NULL)
        stage->count++;
      g_hash_table_insert (apps, &app->id, app);
      g_ptr_array_add (order, app);

      if (date_applied != NULL)
        {
          gpointer n = g_hash_table_lookup (dates, date_applied);

          g_hash_table_insert (dates, g_strdup (date_applied),
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
        }
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  /* the stages each has been in, and how long it stayed */
  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "SELECT application, julianday(time), old_value, new_value FROM application_history"
    " WHERE field = 'stage' ORDER BY application, time, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      StatsApplication *app = g_hash_table_lookup (apps, &id);
      gboolean timed = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      double when = sqlite3_column_double (stmt, 1);
      g_autofree char *old_key = cg_tracker_fold_key (cg_db_column_text (stmt, 2));
      g_autofree char *new_key = cg_tracker_fold_key (cg_db_column_text (stmt, 3));
      Stage *old_stage = g_hash_table_lookup (by_name, old_key);
      Stage *new_stage = g_hash_table_lookup (by_name, new_key);

      if (app == NULL)
        continue;

      visit (app, old_stage);
      visit (app, new_stage);

      if (app == last_app && last_stage != NULL && timed && when >= last_time)
        {
          double days = when - last_time;

          g_array_append_val (last_stage->stays, days);
        }

      last_app = app;
      last_stage = timed ? new_stage : NULL;
      last_time = when;
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the history"));
      return NULL;
    }

  stats = g_new0 (CgTrackerStats, 1);
  stats->stages = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_stats_free);
  stats->weeks = g_ptr_array_new_with_free_func ((GDestroyNotify) week_stats_free);
  stats->total = order->len;

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      CgTrackerStageStats *s = g_new0 (CgTrackerStageStats, 1);

      s->stage_id = stage->id;
      s->name = g_strdup (stage->name);
      s->closed = stage->closed;
      s->count = stage->count;
      s->n_stays = stage->stays->len;
      s->median_days = median (stage->stays);
      g_ptr_array_add (stats->stages, s);
    }

  for (guint i = 0; i < order->len; i++)
    count_funnel (stats, g_ptr_array_index (order, i), stages);
  stats->response_rate = stats->applied > 0 ? (double) stats->responded / stats->applied : 0;

  count_weeks (stats, day, n_weeks, dates);

  return g_steal_pointer (&stats);
}
