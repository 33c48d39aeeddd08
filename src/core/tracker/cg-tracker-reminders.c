/* cg-tracker-reminders.c: the tracker's reminders: follow-ups and interviews due
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-ups and interviews on or before a day, of applications that
 * are neither archived nor in a closed stage.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-tracker-private.h"

/* Reminders ----------------------------------------------------------------- */

void
cg_tracker_reminder_free (CgTrackerReminder *reminder)
{
  if (reminder == NULL)
    return;

  g_free (reminder->title);
  g_free (reminder->company);
  g_free (reminder->when);
  g_free (reminder);
}

#define DUE_SQL \
  "SELECT 0, a.id, 0, a.title, a.company, a.follow_up" \
  " FROM applications a JOIN stages s ON s.id = a.stage" \
  " WHERE a.archived = 0 AND s.closed = 0 AND a.follow_up IS NOT NULL AND a.follow_up <= ?1" \
  " UNION ALL" \
  " SELECT 1, a.id, i.id, a.title, a.company, i.time" \
  " FROM interviews i JOIN applications a ON a.id = i.application JOIN stages s ON s.id = a.stage" \
  " WHERE a.archived = 0 AND s.closed = 0 AND substr(i.time, 1, 10) <= ?1"

GPtrArray *
cg_tracker_list_due (CgLibrary   *library,
                     const char  *today,
                     GError     **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_reminder_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = cg_tracker_dup_today (today);
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if (!cg_tracker_check_today (today, error))
    return NULL;

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      (stmt = cg_db_prepare (db, DUE_SQL " ORDER BY 6, 1, 2, 3", error)) == NULL)
    return NULL;

  cg_db_bind_text (stmt, 1, day);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgTrackerReminder *r = g_new0 (CgTrackerReminder, 1);

      r->kind = sqlite3_column_int (stmt, 0) ? CG_TRACKER_REMINDER_INTERVIEW
                                             : CG_TRACKER_REMINDER_FOLLOW_UP;
      r->application = sqlite3_column_int64 (stmt, 1);
      r->interview = sqlite3_column_int64 (stmt, 2);
      r->title = g_strdup (cg_db_column_text (stmt, 3));
      r->company = g_strdup (cg_db_column_text (stmt, 4));
      r->when = g_strdup (cg_db_column_text (stmt, 5));
      r->overdue = strncmp (r->when, day, 10) < 0;
      g_ptr_array_add (list, r);
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&list);
}

gint64
cg_tracker_count_due (CgLibrary   *library,
                      const char  *today,
                      GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *day = cg_tracker_dup_today (today);
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), -1);

  if (!cg_tracker_check_today (today, error))
    return -1;

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      (stmt = cg_db_prepare (db, "SELECT count(*) FROM (" DUE_SQL ")", error)) == NULL)
    return -1;

  cg_db_bind_text (stmt, 1, day);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return -1;
    }

  return sqlite3_column_int64 (stmt, 0);
}
