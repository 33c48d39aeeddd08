/* cg-tracker-delete.c: deleting an application, and undoing it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A delete keeps a snapshot of the application with its parts and
 * history, from which a restore puts it back as it was.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-tracker-private.h"

/* Delete and restore -------------------------------------------------------- */

struct _CgTrackerSnapshot
{
  CgApplicationDetails *details;
  GPtrArray            *history;   /* CgTrackerHistoryEntry */
};

void
cg_tracker_snapshot_free (CgTrackerSnapshot *snapshot)
{
  if (snapshot == NULL)
    return;

  cg_application_details_free (snapshot->details);
  g_clear_pointer (&snapshot->history, g_ptr_array_unref);
  g_free (snapshot);
}

gint64
cg_tracker_snapshot_get_id (CgTrackerSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, 0);

  return snapshot->details->id;
}

static CgTrackerSnapshot *
delete_application (sqlite3     *db,
                    gint64       id,
                    GError     **error)
{
  g_autoptr(CgTrackerSnapshot) snapshot = g_new0 (CgTrackerSnapshot, 1);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(PartsReader) reader = { NULL, };

  if ((snapshot->details = cg_tracker_read_application (db, id, error)) == NULL ||
      !cg_tracker_parts_reader_init (&reader, db, error) ||
      (snapshot->history = cg_tracker_read_history_of (db, &reader, id, error)) == NULL)
    return NULL;

  /* contacts, interviews, tags and history go with it (ON DELETE CASCADE) */
  stmt = cg_db_prepare (db, "DELETE FROM applications WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cg_db_step_done (db, stmt, error) || !cg_tracker_forget_unused_tags (db, error))
    return NULL;

  return g_steal_pointer (&snapshot);
}

CgTrackerSnapshot *
cg_tracker_delete (CgLibrary   *library,
                   gint64       id,
                   GError     **error)
{
  g_autoptr(CgTrackerSnapshot) snapshot = NULL;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return NULL;

  snapshot = delete_application (db, id, error);
  if (!cg_tracker_end_transaction (db, snapshot != NULL, error))
    return NULL;

  return g_steal_pointer (&snapshot);
}

/* The stage to restore into: the same one if it is still there, else one
 * with the same name, else the first. */
static gint64
restore_stage (sqlite3              *db,
               CgApplicationDetails *d,
               GError              **error)
{
  g_autoptr(GPtrArray) stages = cg_tracker_load_stages (db, error);
  g_autofree char *key = cg_tracker_fold_key (d->stage);

  if (stages == NULL)
    return 0;

  for (guint i = 0; i < stages->len; i++)
    if (((Stage *) g_ptr_array_index (stages, i))->id == d->stage_id)
      return d->stage_id;

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      g_autofree char *other = cg_tracker_fold_key (stage->name);

      if (strcmp (key, other) == 0)
        return stage->id;
    }

  if (stages->len == 0)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND, _("There are no stages"));
      return 0;
    }

  return ((Stage *) g_ptr_array_index (stages, 0))->id;
}

/* ?1 as the row id, unless a row of @table already has it (then NULL, for a
 * new one). */
#define SAME_ID_IF_FREE(table) \
  "(SELECT CASE WHEN EXISTS (SELECT 1 FROM " table " WHERE id = ?1) THEN NULL ELSE ?1 END)"

static gint64
restore_application (sqlite3            *db,
                     CgTrackerSnapshot  *snapshot,
                     GError            **error)
{
  CgApplicationDetails *d = snapshot->details;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 stage_id;
  gint64 id;

  if ((stage_id = restore_stage (db, d, error)) == 0)
    return 0;

  stmt = cg_db_prepare (db,
    "INSERT INTO applications (id, job_key, title, company, location, url, stage, date_saved,"
    " date_applied, deadline, follow_up, pay_asked, pay_offered, excitement, resume_path,"
    " cover_letter_path, notes, archived, created, updated)"
    " VALUES (" SAME_ID_IF_FREE ("applications") ", ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12,"
    " ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, d->id);
  cg_db_bind_text (stmt, 2, d->job_key);
  cg_db_bind_text (stmt, 3, d->title);
  cg_db_bind_text (stmt, 4, d->company);
  cg_db_bind_text (stmt, 5, d->location);
  cg_db_bind_text (stmt, 6, d->url);
  sqlite3_bind_int64 (stmt, 7, stage_id);
  cg_db_bind_text (stmt, 8, d->date_saved);
  cg_db_bind_text (stmt, 9, d->date_applied);
  cg_db_bind_text (stmt, 10, d->deadline);
  cg_db_bind_text (stmt, 11, d->follow_up);
  cg_db_bind_text (stmt, 12, d->pay_asked);
  cg_db_bind_text (stmt, 13, d->pay_offered);
  sqlite3_bind_int (stmt, 14, d->excitement);
  cg_db_bind_text (stmt, 15, d->resume_path);
  cg_db_bind_text (stmt, 16, d->cover_letter_path);
  cg_db_bind_text (stmt, 17, d->notes);
  sqlite3_bind_int (stmt, 18, d->archived ? 1 : 0);
  cg_db_bind_text (stmt, 19, d->created);
  cg_db_bind_text (stmt, 20, d->updated);
  if (!cg_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "INSERT INTO application_history (id, application, time, field, old_value, new_value)"
    " VALUES (" SAME_ID_IF_FREE ("application_history") ", ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < snapshot->history->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (snapshot->history, i);

      sqlite3_bind_int64 (stmt, 1, e->id);
      sqlite3_bind_int64 (stmt, 2, id);
      cg_db_bind_text (stmt, 3, e->time);
      cg_db_bind_text (stmt, 4, e->field);
      cg_db_bind_text (stmt, 5, e->old_value);
      cg_db_bind_text (stmt, 6, e->new_value);
      if (!cg_db_step_done (db, stmt, error))
        return 0;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "INSERT INTO contacts (id, application, name, role, email, phone, notes)"
    " VALUES (" SAME_ID_IF_FREE ("contacts") ", ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < d->contacts->len; i++)
    {
      CgTrackerContact *c = g_ptr_array_index (d->contacts, i);

      sqlite3_bind_int64 (stmt, 1, c->id);
      sqlite3_bind_int64 (stmt, 2, id);
      cg_tracker_bind_contact (stmt, 3, c);
      if (!cg_db_step_done (db, stmt, error))
        return 0;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "INSERT INTO interviews (id, application, time, kind, notes)"
    " VALUES (" SAME_ID_IF_FREE ("interviews") ", ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return 0;
  for (guint i = 0; i < d->interviews->len; i++)
    {
      CgTrackerInterview *iv = g_ptr_array_index (d->interviews, i);

      sqlite3_bind_int64 (stmt, 1, iv->id);
      sqlite3_bind_int64 (stmt, 2, id);
      cg_db_bind_text (stmt, 3, iv->time);
      cg_db_bind_text (stmt, 4, iv->kind);
      cg_db_bind_text (stmt, 5, iv->notes);
      if (!cg_db_step_done (db, stmt, error))
        return 0;
    }

  for (guint i = 0; d->tags[i] != NULL; i++)
    if (!cg_tracker_link_tag (db, id, d->tags[i], error))
      return 0;

  return id;
}

gint64
cg_tracker_restore (CgLibrary          *library,
                    CgTrackerSnapshot  *snapshot,
                    GError            **error)
{
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);
  g_return_val_if_fail (snapshot != NULL, 0);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = restore_application (db, snapshot, error);
  return cg_tracker_end_transaction (db, id != 0, error) ? id : 0;
}
