/* cg-tracker-stages.c: the tracker's stages: the board's columns
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Listing, adding, renaming, moving, closing and deleting stages, and the
 * Stage rows the statistics and the import read them as.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-tracker-private.h"

/* Stages ------------------------------------------------------------------ */

/* The names of the seeded stages, by their builtin role. */
static const struct {
  const char *builtin;
  const char *name;
} builtin_stages[] = {
  { "wishlist", "Wishlist" },
  { "applied", "Applied" },
  { "interviewing", "Interviewing" },
  { "offer", "Offer" },
  { "accepted", "Accepted" },
  { "rejected", "Rejected" },
  { "withdrawn", "Withdrawn" },
  { "ghosted", "Ghosted" },
};

static const char *
builtin_name (const char *builtin)
{
  for (guint i = 0; builtin != NULL && i < G_N_ELEMENTS (builtin_stages); i++)
    if (strcmp (builtin_stages[i].builtin, builtin) == 0)
      return builtin_stages[i].name;
  return NULL;
}

static void
stage_free (Stage *stage)
{
  g_free (stage->name);
  g_free (stage->builtin);
  g_clear_pointer (&stage->stays, g_array_unref);
  g_free (stage);
}

/* Every stage, in board order, as Stage items. */
GPtrArray *
cg_tracker_load_stages (sqlite3  *db,
                        GError  **error)
{
  g_autoptr(GPtrArray) stages = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_free);
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT id, name, position, closed, builtin FROM stages ORDER BY position, id", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Stage *stage = g_new0 (Stage, 1);

      stage->id = sqlite3_column_int64 (stmt, 0);
      stage->name = g_strdup (cg_db_column_text (stmt, 1));
      stage->position = sqlite3_column_int (stmt, 2);
      stage->closed = sqlite3_column_int (stmt, 3) != 0;
      stage->builtin = g_strdup (cg_db_column_text (stmt, 4));
      stage->stays = g_array_new (FALSE, FALSE, sizeof (double));
      g_ptr_array_add (stages, stage);
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the stages"));
      return NULL;
    }

  return g_steal_pointer (&stages);
}

Stage *
cg_tracker_find_builtin (GPtrArray  *stages,
                         const char *builtin)
{
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      if (g_strcmp0 (stage->builtin, builtin) == 0)
        return stage;
    }
  return NULL;
}

/* Stage names as the history has them -> Stage: the current names, then
 * the original names of the seeded stages (a history written before a
 * rename). @key_func makes the keys. */
GHashTable *
cg_tracker_stage_name_map (GPtrArray *stages,
                           char     *(*key_func) (const char *))
{
  GHashTable *map = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      g_hash_table_insert (map, key_func (stage->name), stage);
    }

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      const char *original = builtin_name (stage->builtin);
      char *key;

      if (original == NULL)
        continue;
      key = key_func (original);
      if (g_hash_table_contains (map, key))
        g_free (key);
      else
        g_hash_table_insert (map, key, stage);
    }

  return map;
}

GListModel *
cg_tracker_list_stages (CgLibrary  *library,
                        GError    **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      (stages = cg_tracker_load_stages (db, error)) == NULL)
    return NULL;

  store = g_list_store_new (CG_TYPE_STAGE);
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      g_autoptr(CgStage) item = cg_stage_new (stage->id, stage->name, stage->position,
                                              stage->closed);

      g_list_store_append (store, item);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* @name stripped into @clean, if it is a usable name no other stage than
 * @self_id has (in any case). */
static gboolean
check_stage_name (sqlite3     *db,
                  gint64       self_id,
                  const char  *name,
                  char       **clean,
                  GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *key = NULL;
  g_autoptr(GPtrArray) stages = NULL;

  if (!cg_tracker_check_utf8 (name, error))
    return FALSE;

  if (*stripped == '\0' || strpbrk (stripped, "\r\n") != NULL)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("A stage needs a name of one line"));
      return FALSE;
    }

  if ((stages = cg_tracker_load_stages (db, error)) == NULL)
    return FALSE;

  key = cg_tracker_fold_key (stripped);
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      g_autofree char *other = cg_tracker_fold_key (stage->name);

      if (stage->id != self_id && strcmp (key, other) == 0)
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_EXISTS,
                       _("There is already a stage called “%s”"), stage->name);
          return FALSE;
        }
    }

  *clean = g_steal_pointer (&stripped);
  return TRUE;
}

gint64
cg_tracker_insert_stage (sqlite3     *db,
                         const char  *name,
                         gboolean     closed,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "INSERT INTO stages (name, position, closed)"
    " VALUES (?, (SELECT coalesce(max(position) + 1, 0) FROM stages), ?)", error);

  if (stmt == NULL)
    return 0;

  cg_db_bind_text (stmt, 1, name);
  sqlite3_bind_int (stmt, 2, closed ? 1 : 0);
  if (!cg_db_step_done (db, stmt, error))
    return 0;

  return sqlite3_last_insert_rowid (db);
}

gint64
cg_tracker_add_stage (CgLibrary   *library,
                      const char  *name,
                      gboolean     closed,
                      GError     **error)
{
  g_autofree char *clean = NULL;
  sqlite3 *db;
  gint64 id = 0;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  if (check_stage_name (db, 0, name, &clean, error))
    id = cg_tracker_insert_stage (db, clean, closed, error);

  return cg_tracker_end_transaction (db, id != 0, error) ? id : 0;
}

/* Runs @sql with the stage id as ?1 (and @value as ?2), failing with
 * NOT_FOUND when it changes no row. */
static gboolean
update_stage (sqlite3     *db,
              const char  *sql,
              gint64       stage_id,
              const char  *value,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, sql, error);

  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    cg_db_bind_text (stmt, 2, value);
  if (!cg_db_step_done (db, stmt, error))
    return FALSE;

  if (sqlite3_changes (db) == 0)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The stage no longer exists"));
      return FALSE;
    }

  return TRUE;
}

gboolean
cg_tracker_rename_stage (CgLibrary   *library,
                         gint64       stage_id,
                         const char  *name,
                         GError     **error)
{
  g_autofree char *clean = NULL;
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  ok = check_stage_name (db, stage_id, name, &clean, error) &&
       update_stage (db, "UPDATE stages SET name = ?2 WHERE id = ?1", stage_id, clean, error);

  return cg_tracker_end_transaction (db, ok, error);
}

/* Numbers the stages 0 .. n - 1 in the order of @ids. */
static gboolean
renumber_stages (sqlite3     *db,
                 GArray      *ids,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "UPDATE stages SET position = ? WHERE id = ?",
                                                error);

  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!cg_db_step_done (db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* The stage ids in board order, without @except. */
static GArray *
stage_ids_except (sqlite3     *db,
                  gint64       except,
                  gboolean    *found,
                  GError     **error)
{
  g_autoptr(GPtrArray) stages = cg_tracker_load_stages (db, error);
  GArray *ids;

  if (stages == NULL)
    return NULL;

  *found = FALSE;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      if (stage->id == except)
        *found = TRUE;
      else
        g_array_append_val (ids, stage->id);
    }

  return ids;
}

gboolean
cg_tracker_move_stage (CgLibrary   *library,
                       gint64       stage_id,
                       guint        position,
                       GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  gboolean found = FALSE;
  sqlite3 *db;
  gboolean ok = FALSE;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  ids = stage_ids_except (db, stage_id, &found, error);
  if (ids != NULL && !found)
    g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                 _("The stage no longer exists"));
  else if (ids != NULL)
    {
      g_array_insert_val (ids, MIN (position, ids->len), stage_id);
      ok = renumber_stages (db, ids, error);
    }

  return cg_tracker_end_transaction (db, ok, error);
}

gboolean
cg_tracker_set_stage_closed (CgLibrary   *library,
                             gint64       stage_id,
                             gboolean     closed,
                             GError     **error)
{
  sqlite3 *db;
  gboolean ok;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  ok = update_stage (db, closed ? "UPDATE stages SET closed = 1 WHERE id = ?1"
                                : "UPDATE stages SET closed = 0 WHERE id = ?1",
                     stage_id, NULL, error);

  return cg_tracker_end_transaction (db, ok, error);
}

static gboolean
delete_stage (sqlite3     *db,
              gint64       stage_id,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *name = NULL;
  gboolean found = FALSE;
  int used;

  stmt = cg_db_prepare (db,
    "SELECT name, (SELECT count(*) FROM applications WHERE stage = s.id)"
    " FROM stages s WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The stage no longer exists"));
      return FALSE;
    }
  name = g_strdup (cg_db_column_text (stmt, 0));
  used = sqlite3_column_int (stmt, 1);

  if (used > 0)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_IN_USE,
                   ngettext ("The stage “%s” is used by %d application; "
                             "move it to another stage first",
                             "The stage “%s” is used by %d applications; "
                             "move them to another stage first",
                             used),
                   name, used);
      return FALSE;
    }

  ids = stage_ids_except (db, stage_id, &found, error);
  if (ids == NULL)
    return FALSE;
  if (ids->len == 0)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("The last stage cannot be deleted"));
      return FALSE;
    }

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db, "DELETE FROM stages WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);

  return cg_db_step_done (db, stmt, error) && renumber_stages (db, ids, error);
}

gboolean
cg_tracker_delete_stage (CgLibrary   *library,
                         gint64       stage_id,
                         GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, delete_stage (db, stage_id, error), error);
}
