/* cg-tracker.c: the application tracker: its shared helpers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tracker is plain functions over the library's user.db connection,
 * one file per concern: cg-tracker-stages.c (the board's stages),
 * cg-tracker-applications.c (reading, creating and editing applications),
 * cg-tracker-parts.c (their tags, contacts and interviews),
 * cg-tracker-delete.c (delete and undo), cg-tracker-reminders.c,
 * cg-tracker-stats.c, cg-tracker-export.c (CSV and JSON) and
 * cg-tracker-import.c (CSV from other trackers). Each write is one
 * transaction (cg_db_begin ... cg_db_commit, rolled back on any failure)
 * that records each changed field in application_history with its old and
 * new value and sets the application's `updated` time. This file holds
 * what they share (declared in cg-tracker-private.h).
 *
 * The seeded stages carry a builtin role in stages.builtin ('wishlist',
 * 'applied', 'interviewing', 'offer', 'accepted', 'rejected', 'withdrawn',
 * 'ghosted'), so that the statistics and the import still find them after
 * the user renames them. The history stores stage *names*; it is read back
 * by the current names and, for the seeded stages, by their original
 * names as well.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-date.h"
#include "cg-tracker-private.h"

G_DEFINE_QUARK (cg-tracker-error-quark, cg_tracker_error)

/* Helpers ----------------------------------------------------------------- */

sqlite3 *
cg_tracker_get_db (CgLibrary  *library,
                   GError    **error)
{
  sqlite3 *db = cg_library_get_db (library);

  if (db == NULL)
    g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_OPEN, _("The library is not open"));
  return db;
}

/* Ends the transaction the caller began: commits when @ok, else (or when
 * the commit fails) rolls back. */
gboolean
cg_tracker_end_transaction (sqlite3   *db,
                            gboolean   ok,
                            GError   **error)
{
  if (ok && cg_db_commit (db, error))
    return TRUE;

  cg_db_rollback (db);
  return FALSE;
}

/* NULL for NULL and "", so that an emptied field reads as unset. */
const char *
cg_tracker_nullify (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

gboolean
cg_tracker_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

gboolean
cg_tracker_check_utf8 (const char  *text,
                       GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID, _("The text is not valid UTF-8"));
  return FALSE;
}

/* A key to compare names by: stripped, normalised and case-folded. */
char *
cg_tracker_fold_key (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *normal = g_utf8_normalize (copy, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : copy, -1);
}

char *
cg_tracker_dup_today (const char *today)
{
  g_autoptr(GDateTime) now = NULL;

  if (today != NULL)
    return g_strdup (today);

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

gboolean
cg_tracker_check_today (const char  *today,
                        GError     **error)
{
  if (today == NULL || cg_date_is_iso (today))
    return TRUE;

  g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
               _("“%s” is not a date of the form YYYY-MM-DD"), today);
  return FALSE;
}

/* One row of application_history. */
gboolean
cg_tracker_add_history (sqlite3     *db,
                        gint64       application,
                        const char  *field,
                        const char  *old_value,
                        const char  *new_value,
                        GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "INSERT INTO application_history (application, field, old_value, new_value)"
    " VALUES (?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, application);
  cg_db_bind_text (stmt, 2, field);
  cg_db_bind_text (stmt, 3, old_value);
  cg_db_bind_text (stmt, 4, new_value);
  return cg_db_step_done (db, stmt, error);
}

gboolean
cg_tracker_touch (sqlite3     *db,
                  gint64       application,
                  GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "UPDATE applications SET updated = " NOW_SQL " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, application);
  return cg_db_step_done (db, stmt, error);
}

gboolean
cg_tracker_application_exists (sqlite3     *db,
                               gint64       id,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "SELECT 1 FROM applications WHERE id = ?",
                                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    cg_db_set_error (error, db, rc, _("Cannot read the library"));
  else
    g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                 _("The application no longer exists"));
  return FALSE;
}
