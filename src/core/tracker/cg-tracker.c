/* cg-tracker.c: the application tracker's repository
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain functions over the library's user.db connection: stages,
 * applications with their contacts, interviews and tags, the history of
 * every change, reminders, statistics, export and import. Each write is
 * one transaction (cg_db_begin ... cg_db_commit, rolled back on any
 * failure) that records each changed field in application_history with
 * its old and new value and sets the application's `updated` time.
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

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cg-csv-reader.h"
#include "cg-date.h"
#include "cg-db.h"
#include "cg-tracker.h"

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

G_DEFINE_QUARK (cg-tracker-error-quark, cg_tracker_error)

/* Helpers ----------------------------------------------------------------- */

static sqlite3 *
get_db (CgLibrary  *library,
        GError    **error)
{
  sqlite3 *db = cg_library_get_db (library);

  if (db == NULL)
    g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_OPEN, _("The library is not open"));
  return db;
}

/* Ends the transaction the caller began: commits when @ok, else (or when
 * the commit fails) rolls back. */
static gboolean
end_transaction (sqlite3   *db,
                 gboolean   ok,
                 GError   **error)
{
  if (ok && cg_db_commit (db, error))
    return TRUE;

  cg_db_rollback (db);
  return FALSE;
}

/* NULL for NULL and "", so that an emptied field reads as unset. */
static const char *
nullify (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static gboolean
check_utf8 (const char  *text,
            GError     **error)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return TRUE;

  g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID, _("The text is not valid UTF-8"));
  return FALSE;
}

/* A key to compare names by: stripped, normalised and case-folded. */
static char *
fold_key (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *normal = g_utf8_normalize (copy, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal != NULL ? normal : copy, -1);
}

/* An interview time: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM" or with ":SS"; a
 * space may stand for the T; local time, so no zone. Returns it with a T,
 * or NULL. */
static char *
normalize_time (const char *text)
{
  CgDate date;

  if (!cg_date_parse (text, CG_DATE_ISO | CG_DATE_ISO_TIME, &date) || date.has_zone)
    return NULL;
  return cg_date_format_time (&date);
}

static char *
dup_today (const char *today)
{
  g_autoptr(GDateTime) now = NULL;

  if (today != NULL)
    return g_strdup (today);

  now = g_date_time_new_now_local ();
  return g_date_time_format (now, "%Y-%m-%d");
}

static gboolean
check_today (const char  *today,
             GError     **error)
{
  if (today == NULL || cg_date_is_iso (today))
    return TRUE;

  g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
               _("“%s” is not a date of the form YYYY-MM-DD"), today);
  return FALSE;
}

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

/* One row of application_history. */
static gboolean
add_history (sqlite3     *db,
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

static gboolean
touch (sqlite3     *db,
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

static gboolean
application_exists (sqlite3     *db,
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

/* A stage as the statistics and the import see it. */
typedef struct {
  gint64   id;
  char    *name;
  int      position;
  gboolean closed;
  char    *builtin;
  /* statistics */
  guint    count;
  GArray  *stays;
} Stage;

static void
stage_free (Stage *stage)
{
  g_free (stage->name);
  g_free (stage->builtin);
  g_clear_pointer (&stage->stays, g_array_unref);
  g_free (stage);
}

/* Every stage, in board order, as Stage items. */
static GPtrArray *
load_stages (sqlite3  *db,
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

static Stage *
find_builtin (GPtrArray  *stages,
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
static GHashTable *
stage_name_map (GPtrArray *stages,
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

  if ((db = get_db (library, error)) == NULL || (stages = load_stages (db, error)) == NULL)
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

  if (!check_utf8 (name, error))
    return FALSE;

  if (*stripped == '\0' || strpbrk (stripped, "\r\n") != NULL)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("A stage needs a name of one line"));
      return FALSE;
    }

  if ((stages = load_stages (db, error)) == NULL)
    return FALSE;

  key = fold_key (stripped);
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      g_autofree char *other = fold_key (stage->name);

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

static gint64
insert_stage (sqlite3     *db,
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  if (check_stage_name (db, 0, name, &clean, error))
    id = insert_stage (db, clean, closed, error);

  return end_transaction (db, id != 0, error) ? id : 0;
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  ok = check_stage_name (db, stage_id, name, &clean, error) &&
       update_stage (db, "UPDATE stages SET name = ?2 WHERE id = ?1", stage_id, clean, error);

  return end_transaction (db, ok, error);
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
  g_autoptr(GPtrArray) stages = load_stages (db, error);
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
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

  return end_transaction (db, ok, error);
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  ok = update_stage (db, closed ? "UPDATE stages SET closed = 1 WHERE id = ?1"
                                : "UPDATE stages SET closed = 0 WHERE id = ?1",
                     stage_id, NULL, error);

  return end_transaction (db, ok, error);
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, delete_stage (db, stage_id, error), error);
}

/* Reading applications ------------------------------------------------------ */

void
cg_tracker_contact_free (CgTrackerContact *contact)
{
  if (contact == NULL)
    return;

  g_free (contact->name);
  g_free (contact->role);
  g_free (contact->email);
  g_free (contact->phone);
  g_free (contact->notes);
  g_free (contact);
}

void
cg_tracker_interview_free (CgTrackerInterview *interview)
{
  if (interview == NULL)
    return;

  g_free (interview->time);
  g_free (interview->kind);
  g_free (interview->notes);
  g_free (interview);
}

void
cg_application_details_free (CgApplicationDetails *details)
{
  if (details == NULL)
    return;

  g_free (details->job_key);
  g_free (details->title);
  g_free (details->company);
  g_free (details->location);
  g_free (details->url);
  g_free (details->stage);
  g_free (details->date_saved);
  g_free (details->date_applied);
  g_free (details->deadline);
  g_free (details->follow_up);
  g_free (details->pay_asked);
  g_free (details->pay_offered);
  g_free (details->resume_path);
  g_free (details->cover_letter_path);
  g_free (details->notes);
  g_free (details->created);
  g_free (details->updated);
  g_clear_pointer (&details->contacts, g_ptr_array_unref);
  g_clear_pointer (&details->interviews, g_ptr_array_unref);
  g_strfreev (details->tags);
  g_free (details);
}

#define APPLICATION_SELECT \
  "SELECT a.id, a.job_key, a.title, a.company, a.location, a.url, a.stage, s.name, s.closed," \
  " a.date_saved, a.date_applied, a.deadline, a.follow_up, a.pay_asked, a.pay_offered," \
  " a.excitement, a.resume_path, a.cover_letter_path, a.notes, a.archived, a.created, a.updated" \
  " FROM applications a JOIN stages s ON s.id = a.stage"

static char *
column_dup (sqlite3_stmt *stmt,
            int           col)
{
  return g_strdup (nullify (cg_db_column_text (stmt, col)));
}

static CgApplicationDetails *
details_from_row (sqlite3_stmt *stmt)
{
  CgApplicationDetails *d = g_new0 (CgApplicationDetails, 1);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->job_key = column_dup (stmt, 1);
  d->title = g_strdup (cg_db_column_text (stmt, 2));
  d->company = column_dup (stmt, 3);
  d->location = column_dup (stmt, 4);
  d->url = column_dup (stmt, 5);
  d->stage_id = sqlite3_column_int64 (stmt, 6);
  d->stage = g_strdup (cg_db_column_text (stmt, 7));
  d->stage_closed = sqlite3_column_int (stmt, 8) != 0;
  d->date_saved = column_dup (stmt, 9);
  d->date_applied = column_dup (stmt, 10);
  d->deadline = column_dup (stmt, 11);
  d->follow_up = column_dup (stmt, 12);
  d->pay_asked = column_dup (stmt, 13);
  d->pay_offered = column_dup (stmt, 14);
  d->excitement = sqlite3_column_int (stmt, 15);
  d->resume_path = column_dup (stmt, 16);
  d->cover_letter_path = column_dup (stmt, 17);
  d->notes = column_dup (stmt, 18);
  d->archived = sqlite3_column_int (stmt, 19) != 0;
  d->created = g_strdup (cg_db_column_text (stmt, 20));
  d->updated = g_strdup (cg_db_column_text (stmt, 21));
  d->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_contact_free);
  d->interviews = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_interview_free);

  return d;
}

/* The statements that read the parts of an application, prepared once for
 * a list of them. */
typedef struct {
  sqlite3_stmt *contacts;
  sqlite3_stmt *interviews;
  sqlite3_stmt *tags;
  sqlite3_stmt *history;
} PartsReader;

static void
parts_reader_clear (PartsReader *r)
{
  g_clear_pointer (&r->contacts, sqlite3_finalize);
  g_clear_pointer (&r->interviews, sqlite3_finalize);
  g_clear_pointer (&r->tags, sqlite3_finalize);
  g_clear_pointer (&r->history, sqlite3_finalize);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PartsReader, parts_reader_clear)

static gboolean
parts_reader_init (PartsReader  *r,
                   sqlite3      *db,
                   GError      **error)
{
  r->contacts = cg_db_prepare (db,
    "SELECT id, name, role, email, phone, notes FROM contacts"
    " WHERE application = ? ORDER BY id", error);
  if (r->contacts == NULL)
    return FALSE;
  r->interviews = cg_db_prepare (db,
    "SELECT id, time, kind, notes FROM interviews WHERE application = ? ORDER BY time, id", error);
  if (r->interviews == NULL)
    return FALSE;
  r->tags = cg_db_prepare (db,
    "SELECT t.name FROM application_tags x JOIN tags t ON t.id = x.tag"
    " WHERE x.application = ? ORDER BY t.name, t.id", error);
  if (r->tags == NULL)
    return FALSE;
  r->history = cg_db_prepare (db,
    "SELECT id, time, field, old_value, new_value FROM application_history"
    " WHERE application = ? ORDER BY time, id", error);
  return r->history != NULL;
}

/* Steps @stmt (with the application id bound) through its rows, calling
 * @read for each. */
static gboolean
read_rows (sqlite3       *db,
           sqlite3_stmt  *stmt,
           gint64         id,
           void         (*read) (sqlite3_stmt *, gpointer),
           gpointer       data,
           GError       **error)
{
  int rc;

  sqlite3_reset (stmt);
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read (stmt, data);
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return FALSE;
    }
  return TRUE;
}

static void
read_contact (sqlite3_stmt *stmt,
              gpointer      data)
{
  CgTrackerContact *c = g_new0 (CgTrackerContact, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = g_strdup (cg_db_column_text (stmt, 1));
  c->role = column_dup (stmt, 2);
  c->email = column_dup (stmt, 3);
  c->phone = column_dup (stmt, 4);
  c->notes = column_dup (stmt, 5);
  g_ptr_array_add (data, c);
}

static void
read_interview (sqlite3_stmt *stmt,
                gpointer      data)
{
  CgTrackerInterview *i = g_new0 (CgTrackerInterview, 1);

  i->id = sqlite3_column_int64 (stmt, 0);
  i->time = g_strdup (cg_db_column_text (stmt, 1));
  i->kind = column_dup (stmt, 2);
  i->notes = column_dup (stmt, 3);
  g_ptr_array_add (data, i);
}

static void
read_tag (sqlite3_stmt *stmt,
          gpointer      data)
{
  g_strv_builder_add (data, cg_db_column_text (stmt, 0));
}

void
cg_tracker_history_entry_free (CgTrackerHistoryEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->time);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

static void
read_history (sqlite3_stmt *stmt,
              gpointer      data)
{
  CgTrackerHistoryEntry *e = g_new0 (CgTrackerHistoryEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->time = g_strdup (cg_db_column_text (stmt, 1));
  e->field = g_strdup (cg_db_column_text (stmt, 2));
  e->old_value = g_strdup (cg_db_column_text (stmt, 3));
  e->new_value = g_strdup (cg_db_column_text (stmt, 4));
  g_ptr_array_add (data, e);
}

static gboolean
read_parts (sqlite3               *db,
            PartsReader           *r,
            CgApplicationDetails  *d,
            GError               **error)
{
  g_autoptr(GStrvBuilder) tags = g_strv_builder_new ();

  if (!read_rows (db, r->contacts, d->id, read_contact, d->contacts, error) ||
      !read_rows (db, r->interviews, d->id, read_interview, d->interviews, error) ||
      !read_rows (db, r->tags, d->id, read_tag, tags, error))
    return FALSE;

  d->tags = g_strv_builder_end (tags);
  return TRUE;
}

static GPtrArray *
read_history_of (sqlite3      *db,
                 PartsReader  *r,
                 gint64        id,
                 GError      **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_history_entry_free);

  if (!read_rows (db, r->history, id, read_history, entries, error))
    return NULL;
  return g_steal_pointer (&entries);
}

static CgApplicationDetails *
get_application (sqlite3  *db,
                 gint64    id,
                 GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, APPLICATION_SELECT " WHERE a.id = ?", error);
  g_auto(PartsReader) reader = { NULL, };
  g_autoptr(CgApplicationDetails) details = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The application no longer exists"));
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  details = details_from_row (stmt);
  if (!parts_reader_init (&reader, db, error) || !read_parts (db, &reader, details, error))
    return NULL;

  return g_steal_pointer (&details);
}

CgApplicationDetails *
cg_tracker_get_application (CgLibrary  *library,
                            gint64      id,
                            GError    **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = get_db (library, error)) == NULL)
    return NULL;

  return get_application (db, id, error);
}

static gboolean
matches_company (const CgApplicationDetails *d,
                 const char                 *part)
{
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (is_blank (part))
    return TRUE;

  needle = fold_key (part);
  haystack = fold_key (d->company);
  return strstr (haystack, needle) != NULL;
}

static GPtrArray *
list_applications (sqlite3                *db,
                   const CgTrackerFilter  *filter,
                   GError                **error)
{
  g_autoptr(GPtrArray) list =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cg_application_details_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(PartsReader) reader = { NULL, };
  int rc;

  stmt = cg_db_prepare (db,
    APPLICATION_SELECT
    " WHERE (?1 = 0 OR a.stage = ?1)"
    "   AND (?2 IS NULL OR a.date_applied >= ?2)"
    "   AND (?3 IS NULL OR a.date_applied <= ?3)"
    "   AND (?4 OR a.archived = 0)"
    "   AND (?5 IS NULL OR EXISTS (SELECT 1 FROM application_tags x JOIN tags t ON t.id = x.tag"
    "                              WHERE x.application = a.id AND t.name = ?5))"
    " ORDER BY a.id", error);
  if (stmt == NULL || !parts_reader_init (&reader, db, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, filter ? filter->stage_id : 0);
  cg_db_bind_text (stmt, 2, filter ? nullify (filter->date_from) : NULL);
  cg_db_bind_text (stmt, 3, filter ? nullify (filter->date_to) : NULL);
  sqlite3_bind_int (stmt, 4, filter ? filter->include_archived : TRUE);
  cg_db_bind_text (stmt, 5, filter ? nullify (filter->tag) : NULL);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(CgApplicationDetails) d = details_from_row (stmt);

      if (filter != NULL && !matches_company (d, filter->company))
        continue;
      if (!read_parts (db, &reader, d, error))
        return NULL;
      g_ptr_array_add (list, g_steal_pointer (&d));
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&list);
}

GPtrArray *
cg_tracker_list_applications (CgLibrary              *library,
                              const CgTrackerFilter  *filter,
                              GError                **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = get_db (library, error)) == NULL)
    return NULL;

  return list_applications (db, filter, error);
}

GPtrArray *
cg_tracker_list_history (CgLibrary  *library,
                         gint64      id,
                         GError    **error)
{
  g_auto(PartsReader) reader = { NULL, };
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = get_db (library, error)) == NULL || !application_exists (db, id, error) ||
      !parts_reader_init (&reader, db, error))
    return NULL;

  return read_history_of (db, &reader, id, error);
}

/* Creating ---------------------------------------------------------------- */

static gint64
find_duplicate (sqlite3    *db,
                const char *job_key,
                const char *company,
                const char *title)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *company_key = NULL;
  g_autofree char *title_key = NULL;

  if (job_key != NULL)
    {
      stmt = cg_db_prepare (db, "SELECT id FROM applications WHERE job_key = ? ORDER BY id LIMIT 1",
                            NULL);
      if (stmt == NULL)
        return 0;
      cg_db_bind_text (stmt, 1, job_key);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        return sqlite3_column_int64 (stmt, 0);
      g_clear_pointer (&stmt, sqlite3_finalize);
    }

  if (is_blank (title))
    return 0;

  /* compared here rather than in SQL, where NOCASE only folds ASCII */
  company_key = fold_key (company);
  title_key = fold_key (title);
  stmt = cg_db_prepare (db, "SELECT id, company, title FROM applications ORDER BY id", NULL);
  if (stmt == NULL)
    return 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *c = fold_key (cg_db_column_text (stmt, 1));
      g_autofree char *t = fold_key (cg_db_column_text (stmt, 2));

      if (strcmp (c, company_key) == 0 && strcmp (t, title_key) == 0)
        return sqlite3_column_int64 (stmt, 0);
    }

  return 0;
}

gint64
cg_tracker_find_duplicate (CgLibrary  *library,
                           const char *job_key,
                           const char *company,
                           const char *title)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);

  if ((db = cg_library_get_db (library)) == NULL)
    return 0;

  return find_duplicate (db, job_key, company, title);
}

/* Inserts an application in the first stage, saved today, with the history
 * row of its first stage. */
static gint64
insert_application (sqlite3     *db,
                    const char  *job_key,
                    const char  *title,
                    const char  *company,
                    const char  *location,
                    const char  *url,
                    const char  *deadline,
                    GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *today = dup_today (NULL);
  gint64 id;

  stmt = cg_db_prepare (db,
    "INSERT INTO applications (job_key, title, company, location, url, deadline, date_saved, stage)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM stages ORDER BY position, id LIMIT 1))", error);
  if (stmt == NULL)
    return 0;

  cg_db_bind_text (stmt, 1, nullify (job_key));
  cg_db_bind_text (stmt, 2, title);
  cg_db_bind_text (stmt, 3, nullify (company));
  cg_db_bind_text (stmt, 4, nullify (location));
  cg_db_bind_text (stmt, 5, nullify (url));
  cg_db_bind_text (stmt, 6, nullify (deadline));
  cg_db_bind_text (stmt, 7, today);
  if (!cg_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (db);

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "INSERT INTO application_history (application, field, new_value)"
    " SELECT a.id, 'stage', s.name FROM applications a JOIN stages s ON s.id = a.stage"
    " WHERE a.id = ?", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cg_db_step_done (db, stmt, error))
    return 0;

  return id;
}

gint64
cg_tracker_create (CgLibrary   *library,
                   const char  *title,
                   const char  *company,
                   const char  *location,
                   const char  *url,
                   GError     **error)
{
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);

  if (is_blank (title))
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("An application needs a title"));
      return 0;
    }
  if (!check_utf8 (title, error) || !check_utf8 (company, error) ||
      !check_utf8 (location, error) || !check_utf8 (url, error))
    return 0;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = insert_application (db, NULL, title, company, location, url, NULL, error);
  return end_transaction (db, id != 0, error) ? id : 0;
}

static gint64
create_from_job (sqlite3     *db,
                 const char  *job_key,
                 gint64      *existing_id,
                 GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;
  g_autofree char *location = NULL;
  g_autofree char *url = NULL;
  g_autofree char *deadline = NULL;
  const char *locations;
  const char *valid_through;
  gint64 existing;

  stmt = cg_db_prepare (db,
    "SELECT title, company, locations, url, valid_through FROM jobs WHERE key = ?", error);
  if (stmt == NULL)
    return 0;
  cg_db_bind_text (stmt, 1, job_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The posting is no longer in the library"));
      return 0;
    }

  title = g_strdup (cg_db_column_text (stmt, 0));
  company = g_strdup (cg_db_column_text (stmt, 1));
  locations = cg_db_column_text (stmt, 2);
  if (locations != NULL)
    location = g_strndup (locations, strcspn (locations, "\n"));
  url = g_strdup (cg_db_column_text (stmt, 3));
  valid_through = cg_db_column_text (stmt, 4);
  if (valid_through != NULL && strlen (valid_through) >= 10)
    {
      deadline = g_strndup (valid_through, 10);
      if (!cg_date_is_iso (deadline))
        g_clear_pointer (&deadline, g_free);
    }

  existing = find_duplicate (db, job_key, company, title);
  if (existing != 0)
    {
      if (existing_id != NULL)
        *existing_id = existing;
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_DUPLICATE,
                   _("“%s” is already tracked"), title);
      return 0;
    }

  return insert_application (db, job_key, title, company, location, url, deadline, error);
}

gint64
cg_tracker_create_from_job (CgLibrary   *library,
                            const char  *job_key,
                            gint64      *existing_id,
                            GError     **error)
{
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);
  g_return_val_if_fail (job_key != NULL, 0);

  if (existing_id != NULL)
    *existing_id = 0;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = create_from_job (db, job_key, existing_id, error);
  return end_transaction (db, id != 0, error) ? id : 0;
}

/* Editing ----------------------------------------------------------------- */

typedef enum {
  FIELD_TEXT,
  FIELD_TITLE,
  FIELD_DATE,
  FIELD_EXCITEMENT,
} FieldKind;

typedef struct {
  const char *name;
  FieldKind   kind;
  const char *select_sql;
  const char *update_sql;
} Field;

/* The editable columns. The SQL is written out for each, so that no column
 * name ever comes from the caller. */
#define FIELD(column, kind) \
  { #column, kind, \
    "SELECT " #column " FROM applications WHERE id = ?", \
    "UPDATE applications SET " #column " = ?2, updated = " NOW_SQL " WHERE id = ?1" }

static const Field fields[] = {
  FIELD (title, FIELD_TITLE),
  FIELD (company, FIELD_TEXT),
  FIELD (location, FIELD_TEXT),
  FIELD (url, FIELD_TEXT),
  FIELD (date_saved, FIELD_DATE),
  FIELD (date_applied, FIELD_DATE),
  FIELD (deadline, FIELD_DATE),
  FIELD (follow_up, FIELD_DATE),
  FIELD (pay_asked, FIELD_TEXT),
  FIELD (pay_offered, FIELD_TEXT),
  FIELD (excitement, FIELD_EXCITEMENT),
  FIELD (resume_path, FIELD_TEXT),
  FIELD (cover_letter_path, FIELD_TEXT),
  FIELD (notes, FIELD_TEXT),
};

#undef FIELD

static const Field *
find_field (const char *name)
{
  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (fields); i++)
    if (strcmp (fields[i].name, name) == 0)
      return &fields[i];
  return NULL;
}

static gboolean
parse_excitement (const char *text,
                  int        *value)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    {
      *value = 0;
      return TRUE;
    }
  if (strlen (copy) != 1 || copy[0] < '0' || copy[0] > '5')
    return FALSE;

  *value = copy[0] - '0';
  return TRUE;
}

/* The value to store for @field, or an error. */
static gboolean
validate_field (const Field  *field,
                const char   *value,
                char        **clean,
                GError      **error)
{
  int excitement;

  if (!check_utf8 (value, error))
    return FALSE;

  switch (field->kind)
    {
    case FIELD_TITLE:
      if (is_blank (value))
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("An application needs a title"));
          return FALSE;
        }
      *clean = g_strdup (value);
      return TRUE;

    case FIELD_DATE:
      if (is_blank (value))
        {
          *clean = NULL;
          return TRUE;
        }
      *clean = g_strstrip (g_strdup (value));
      if (!cg_date_is_iso (*clean))
        {
          g_clear_pointer (clean, g_free);
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("“%s” is not a date of the form YYYY-MM-DD"), value);
          return FALSE;
        }
      return TRUE;

    case FIELD_EXCITEMENT:
      if (!parse_excitement (value, &excitement))
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("Excitement goes from 0 (not rated) to 5, not “%s”"), value);
          return FALSE;
        }
      *clean = g_strdup_printf ("%d", excitement);
      return TRUE;

    case FIELD_TEXT:
    default:
      *clean = g_strdup (nullify (value));
      return TRUE;
    }
}

static gboolean
set_field (sqlite3      *db,
           gint64        id,
           const Field  *field,
           const char   *value,
           GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_value = NULL;

  stmt = cg_db_prepare (db, field->select_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The application no longer exists"));
      return FALSE;
    }
  old_value = g_strdup (cg_db_column_text (stmt, 0));

  if (g_strcmp0 (old_value, value) == 0)
    return TRUE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db, field->update_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (field->kind == FIELD_EXCITEMENT)
    sqlite3_bind_int (stmt, 2, atoi (value));
  else
    cg_db_bind_text (stmt, 2, value);

  return cg_db_step_done (db, stmt, error) &&
         add_history (db, id, field->name, old_value, value, error);
}

gboolean
cg_tracker_set_field (CgLibrary   *library,
                      gint64       id,
                      const char  *field,
                      const char  *value,
                      GError     **error)
{
  const Field *f = find_field (field);
  g_autofree char *clean = NULL;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if (f == NULL)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("“%s” is not a field of an application"), field ? field : "");
      return FALSE;
    }

  if (!validate_field (f, value, &clean, error))
    return FALSE;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, set_field (db, id, f, clean, error), error);
}

static gboolean
set_stage (sqlite3     *db,
           gint64       id,
           gint64       stage_id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *builtin = NULL;
  g_autofree char *date_applied = NULL;
  gint64 old_id;

  stmt = cg_db_prepare (db,
    "SELECT a.stage, s.name, a.date_applied FROM applications a JOIN stages s ON s.id = a.stage"
    " WHERE a.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The application no longer exists"));
      return FALSE;
    }
  old_id = sqlite3_column_int64 (stmt, 0);
  old_name = g_strdup (cg_db_column_text (stmt, 1));
  date_applied = g_strdup (cg_db_column_text (stmt, 2));

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db, "SELECT name, builtin FROM stages WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, stage_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The stage no longer exists"));
      return FALSE;
    }
  new_name = g_strdup (cg_db_column_text (stmt, 0));
  builtin = g_strdup (cg_db_column_text (stmt, 1));

  if (old_id == stage_id)
    return TRUE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "UPDATE applications SET stage = ?2, updated = " NOW_SQL " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, stage_id);
  if (!cg_db_step_done (db, stmt, error) ||
      !add_history (db, id, "stage", old_name, new_name, error))
    return FALSE;

  /* Moving a card to Applied is applying: date it, unless dated already. */
  if (g_strcmp0 (builtin, "applied") == 0 && date_applied == NULL)
    {
      g_autofree char *today = dup_today (NULL);

      return set_field (db, id, find_field ("date_applied"), today, error);
    }

  return TRUE;
}

gboolean
cg_tracker_set_stage (CgLibrary   *library,
                      gint64       id,
                      gint64       stage_id,
                      GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, set_stage (db, id, stage_id, error), error);
}

static gboolean
set_archived (sqlite3     *db,
              gint64       id,
              gboolean     archived,
              GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gboolean was;

  stmt = cg_db_prepare (db, "SELECT archived FROM applications WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The application no longer exists"));
      return FALSE;
    }
  was = sqlite3_column_int (stmt, 0) != 0;
  if (was == archived)
    return TRUE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "UPDATE applications SET archived = ?2, updated = " NOW_SQL " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, archived ? 1 : 0);

  return cg_db_step_done (db, stmt, error) &&
         add_history (db, id, "archived", was ? "1" : "0", archived ? "1" : "0", error);
}

gboolean
cg_tracker_set_archived (CgLibrary   *library,
                         gint64       id,
                         gboolean     archived,
                         GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, set_archived (db, id, archived, error), error);
}

/* Tags ---------------------------------------------------------------------- */

static char *
join_tags (const char *const *tags)
{
  return g_strjoinv ("; ", (char **) tags);
}

/* The tags of one application, sorted. */
static GStrv
read_tags (sqlite3     *db,
           gint64       id,
           GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT t.name FROM application_tags x JOIN tags t ON t.id = x.tag"
    " WHERE x.application = ? ORDER BY t.name, t.id", error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (stmt == NULL || !read_rows (db, stmt, id, read_tag, builder, error))
    return NULL;

  return g_strv_builder_end (builder);
}

static gboolean
link_tag (sqlite3     *db,
          gint64       id,
          const char  *tag,
          GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "INSERT OR IGNORE INTO tags (name) VALUES (?)",
                                                error);

  if (stmt == NULL)
    return FALSE;
  cg_db_bind_text (stmt, 1, tag);
  if (!cg_db_step_done (db, stmt, error))
    return FALSE;

  g_clear_pointer (&stmt, sqlite3_finalize);
  stmt = cg_db_prepare (db,
    "INSERT OR IGNORE INTO application_tags (application, tag)"
    " SELECT ?, id FROM tags WHERE name = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  cg_db_bind_text (stmt, 2, tag);
  return cg_db_step_done (db, stmt, error);
}

static gboolean
forget_unused_tags (sqlite3  *db,
                    GError  **error)
{
  return cg_db_exec (db,
    "DELETE FROM tags WHERE id NOT IN (SELECT tag FROM application_tags)", error);
}

/* @tags cleaned: stripped, without empty ones and duplicates in any case;
 * NULL (and an error) if one has a ';' or a line break. */
static GStrv
clean_tags (const char *const  *tags,
            GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));
      char *key;

      if (!check_utf8 (tags[i], error))
        return NULL;
      if (*tag == '\0')
        continue;
      if (strpbrk (tag, ";\r\n") != NULL)
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("A tag cannot contain “;” or a line break: “%s”"), tag);
          return NULL;
        }
      key = fold_key (tag);
      if (!g_hash_table_add (seen, key))
        continue;
      g_ptr_array_add (list, g_steal_pointer (&tag));
    }

  g_ptr_array_add (list, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&list), FALSE);
}

/* Whether @a and @b hold the same tags, in any order and case (a tag has
 * one spelling in the tags table). */
static gboolean
same_tags (const char *const *a,
           const char *const *b)
{
  guint n = g_strv_length ((char **) a);

  if (n != g_strv_length ((char **) b))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *ka = fold_key (a[i]);
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          g_autofree char *kb = fold_key (b[j]);

          found = strcmp (ka, kb) == 0;
        }
      if (!found)
        return FALSE;
    }

  return TRUE;
}

static gboolean
set_tags (sqlite3            *db,
          gint64              id,
          const char *const  *tags,
          GError            **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_auto(GStrv) old_tags = NULL;
  g_auto(GStrv) new_tags = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;

  if (!application_exists (db, id, error) || (old_tags = read_tags (db, id, error)) == NULL)
    return FALSE;

  if (same_tags ((const char *const *) old_tags, tags))
    return TRUE;

  stmt = cg_db_prepare (db, "DELETE FROM application_tags WHERE application = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cg_db_step_done (db, stmt, error))
    return FALSE;

  for (guint i = 0; tags[i] != NULL; i++)
    if (!link_tag (db, id, tags[i], error))
      return FALSE;

  if (!forget_unused_tags (db, error) || (new_tags = read_tags (db, id, error)) == NULL)
    return FALSE;

  old_text = join_tags ((const char *const *) old_tags);
  new_text = join_tags ((const char *const *) new_tags);
  return add_history (db, id, "tags", nullify (old_text), nullify (new_text), error) &&
         touch (db, id, error);
}

gboolean
cg_tracker_set_tags (CgLibrary          *library,
                     gint64              id,
                     const char *const  *tags,
                     GError            **error)
{
  g_auto(GStrv) clean = NULL;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((clean = clean_tags (tags, error)) == NULL)
    return FALSE;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, set_tags (db, id, (const char *const *) clean, error), error);
}

GStrv
cg_tracker_list_tags (CgLibrary  *library,
                      GError    **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = get_db (library, error)) == NULL ||
      (stmt = cg_db_prepare (db, "SELECT name FROM tags ORDER BY name, id", error)) == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, cg_db_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* Contacts and interviews --------------------------------------------------- */

/* Appends @text with its line breaks as spaces. */
static void
append_one_line (GString    *out,
                 const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        continue;
      g_string_append_c (out, (*p == '\n' || *p == '\r') ? ' ' : *p);
    }
}

/* "Ana Lima (Recruiter) <ana@example.org> +1 555 0100: notes", one line. */
static char *
contact_summary (const CgTrackerContact *c)
{
  GString *s = g_string_new (NULL);

  append_one_line (s, c->name);
  if (nullify (c->role) != NULL)
    {
      g_string_append (s, " (");
      append_one_line (s, c->role);
      g_string_append_c (s, ')');
    }
  if (nullify (c->email) != NULL)
    {
      g_string_append (s, " <");
      append_one_line (s, c->email);
      g_string_append_c (s, '>');
    }
  if (nullify (c->phone) != NULL)
    {
      g_string_append_c (s, ' ');
      append_one_line (s, c->phone);
    }
  if (nullify (c->notes) != NULL)
    {
      g_string_append (s, ": ");
      append_one_line (s, c->notes);
    }

  return g_string_free (s, FALSE);
}

/* "2026-05-12T14:00 Phone screen: notes", one line. */
static char *
interview_summary (const CgTrackerInterview *i)
{
  GString *s = g_string_new (i->time);

  if (nullify (i->kind) != NULL)
    {
      g_string_append_c (s, ' ');
      append_one_line (s, i->kind);
    }
  if (nullify (i->notes) != NULL)
    {
      g_string_append (s, ": ");
      append_one_line (s, i->notes);
    }

  return g_string_free (s, FALSE);
}

static gboolean
check_contact (const CgTrackerContact  *c,
               GError                 **error)
{
  if (is_blank (c->name))
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID, _("A contact needs a name"));
      return FALSE;
    }

  return check_utf8 (c->name, error) && check_utf8 (c->role, error) &&
         check_utf8 (c->email, error) &&
         check_utf8 (c->phone, error) && check_utf8 (c->notes, error);
}

static void
bind_contact (sqlite3_stmt           *stmt,
              int                     first,
              const CgTrackerContact *c)
{
  cg_db_bind_text (stmt, first, c->name);
  cg_db_bind_text (stmt, first + 1, nullify (c->role));
  cg_db_bind_text (stmt, first + 2, nullify (c->email));
  cg_db_bind_text (stmt, first + 3, nullify (c->phone));
  cg_db_bind_text (stmt, first + 4, nullify (c->notes));
}

static gint64
add_contact (sqlite3                 *db,
             gint64                   application,
             const CgTrackerContact  *c,
             GError                 **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = contact_summary (c);
  gint64 id;

  if (!application_exists (db, application, error))
    return 0;

  stmt = cg_db_prepare (db,
    "INSERT INTO contacts (application, name, role, email, phone, notes)"
    " VALUES (?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, application);
  bind_contact (stmt, 2, c);
  if (!cg_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (db);

  if (!add_history (db, application, "contact", NULL, summary, error) ||
      !touch (db, application, error))
    return 0;

  return id;
}

gint64
cg_tracker_add_contact (CgLibrary               *library,
                        gint64                   application,
                        const CgTrackerContact  *contact,
                        GError                 **error)
{
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);
  g_return_val_if_fail (contact != NULL, 0);

  if (!check_contact (contact, error))
    return 0;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = add_contact (db, application, contact, error);
  return end_transaction (db, id != 0, error) ? id : 0;
}

/* The contact @id as stored, with the application it belongs to. */
static CgTrackerContact *
read_contact_by_id (sqlite3  *db,
                    gint64    id,
                    gint64   *application,
                    GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT id, name, role, email, phone, notes, application FROM contacts WHERE id = ?", error);
  g_autoptr(GPtrArray) found =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_contact_free);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The contact no longer exists"));
      return NULL;
    }
  read_contact (stmt, found);
  *application = sqlite3_column_int64 (stmt, 6);
  return g_ptr_array_steal_index (found, 0);
}

static gboolean
update_contact (sqlite3                 *db,
                const CgTrackerContact  *c,
                GError                 **error)
{
  g_autoptr(CgTrackerContact) old = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_summary = NULL;
  g_autofree char *new_summary = NULL;
  gint64 application;

  if ((old = read_contact_by_id (db, c->id, &application, error)) == NULL)
    return FALSE;

  if (g_strcmp0 (old->name, c->name) == 0 && g_strcmp0 (old->role, nullify (c->role)) == 0 &&
      g_strcmp0 (old->email, nullify (c->email)) == 0 &&
      g_strcmp0 (old->phone, nullify (c->phone)) == 0 &&
      g_strcmp0 (old->notes, nullify (c->notes)) == 0)
    return TRUE;

  stmt = cg_db_prepare (db,
    "UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, notes = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  bind_contact (stmt, 1, c);
  sqlite3_bind_int64 (stmt, 6, c->id);
  if (!cg_db_step_done (db, stmt, error))
    return FALSE;

  old_summary = contact_summary (old);
  new_summary = contact_summary (c);
  return add_history (db, application, "contact", old_summary, new_summary, error) &&
         touch (db, application, error);
}

gboolean
cg_tracker_update_contact (CgLibrary               *library,
                           const CgTrackerContact  *contact,
                           GError                 **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!check_contact (contact, error))
    return FALSE;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, update_contact (db, contact, error), error);
}

static gboolean
remove_contact (sqlite3     *db,
                gint64       id,
                GError     **error)
{
  g_autoptr(CgTrackerContact) old = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 application;

  if ((old = read_contact_by_id (db, id, &application, error)) == NULL)
    return FALSE;

  stmt = cg_db_prepare (db, "DELETE FROM contacts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  summary = contact_summary (old);
  return cg_db_step_done (db, stmt, error) &&
         add_history (db, application, "contact", summary, NULL, error) &&
         touch (db, application, error);
}

gboolean
cg_tracker_remove_contact (CgLibrary   *library,
                           gint64       contact_id,
                           GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, remove_contact (db, contact_id, error), error);
}

/* @i with its time normalised into @clean, or an error. */
static gboolean
check_interview (const CgTrackerInterview  *i,
                 CgTrackerInterview        *clean,
                 GError                   **error)
{
  if (!check_utf8 (i->time, error) || !check_utf8 (i->kind, error) || !check_utf8 (i->notes, error))
    return FALSE;

  clean->id = i->id;
  clean->time = normalize_time (i->time);
  clean->kind = g_strdup (nullify (i->kind));
  clean->notes = g_strdup (nullify (i->notes));
  if (clean->time == NULL)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("“%s” is not a time of the form YYYY-MM-DD HH:MM"), i->time ? i->time : "");
      return FALSE;
    }

  return TRUE;
}

static void
interview_clear (CgTrackerInterview *i)
{
  g_clear_pointer (&i->time, g_free);
  g_clear_pointer (&i->kind, g_free);
  g_clear_pointer (&i->notes, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgTrackerInterview, interview_clear)

static gint64
add_interview (sqlite3                   *db,
               gint64                     application,
               const CgTrackerInterview  *i,
               GError                   **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = interview_summary (i);
  gint64 id;

  if (!application_exists (db, application, error))
    return 0;

  stmt = cg_db_prepare (db,
    "INSERT INTO interviews (application, time, kind, notes) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, application);
  cg_db_bind_text (stmt, 2, i->time);
  cg_db_bind_text (stmt, 3, i->kind);
  cg_db_bind_text (stmt, 4, i->notes);
  if (!cg_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (db);

  if (!add_history (db, application, "interview", NULL, summary, error) ||
      !touch (db, application, error))
    return 0;

  return id;
}

gint64
cg_tracker_add_interview (CgLibrary                 *library,
                          gint64                     application,
                          const CgTrackerInterview  *interview,
                          GError                   **error)
{
  g_auto(CgTrackerInterview) clean = { 0, };
  sqlite3 *db;
  gint64 id;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);
  g_return_val_if_fail (interview != NULL, 0);

  if (!check_interview (interview, &clean, error))
    return 0;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = add_interview (db, application, &clean, error);
  return end_transaction (db, id != 0, error) ? id : 0;
}

static gboolean
read_interview_by_id (sqlite3             *db,
                      gint64               id,
                      CgTrackerInterview  *out,
                      gint64              *application,
                      GError             **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT time, kind, notes, application FROM interviews WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                   _("The interview no longer exists"));
      return FALSE;
    }

  out->id = id;
  out->time = g_strdup (cg_db_column_text (stmt, 0));
  out->kind = column_dup (stmt, 1);
  out->notes = column_dup (stmt, 2);
  *application = sqlite3_column_int64 (stmt, 3);
  return TRUE;
}

static gboolean
update_interview (sqlite3                   *db,
                  const CgTrackerInterview  *i,
                  GError                   **error)
{
  g_auto(CgTrackerInterview) old = { 0, };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *old_summary = NULL;
  g_autofree char *new_summary = NULL;
  gint64 application;

  if (!read_interview_by_id (db, i->id, &old, &application, error))
    return FALSE;

  if (g_strcmp0 (old.time, i->time) == 0 && g_strcmp0 (old.kind, i->kind) == 0 &&
      g_strcmp0 (old.notes, i->notes) == 0)
    return TRUE;

  stmt = cg_db_prepare (db, "UPDATE interviews SET time = ?, kind = ?, notes = ? WHERE id = ?",
                        error);
  if (stmt == NULL)
    return FALSE;
  cg_db_bind_text (stmt, 1, i->time);
  cg_db_bind_text (stmt, 2, i->kind);
  cg_db_bind_text (stmt, 3, i->notes);
  sqlite3_bind_int64 (stmt, 4, i->id);
  if (!cg_db_step_done (db, stmt, error))
    return FALSE;

  old_summary = interview_summary (&old);
  new_summary = interview_summary (i);
  return add_history (db, application, "interview", old_summary, new_summary, error) &&
         touch (db, application, error);
}

gboolean
cg_tracker_update_interview (CgLibrary                 *library,
                             const CgTrackerInterview  *interview,
                             GError                   **error)
{
  g_auto(CgTrackerInterview) clean = { 0, };
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (interview != NULL, FALSE);

  if (!check_interview (interview, &clean, error))
    return FALSE;

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, update_interview (db, &clean, error), error);
}

static gboolean
remove_interview (sqlite3     *db,
                  gint64       id,
                  GError     **error)
{
  g_auto(CgTrackerInterview) old = { 0, };
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 application;

  if (!read_interview_by_id (db, id, &old, &application, error))
    return FALSE;

  stmt = cg_db_prepare (db, "DELETE FROM interviews WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  summary = interview_summary (&old);
  return cg_db_step_done (db, stmt, error) &&
         add_history (db, application, "interview", summary, NULL, error) &&
         touch (db, application, error);
}

gboolean
cg_tracker_remove_interview (CgLibrary   *library,
                             gint64       interview_id,
                             GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return end_transaction (db, remove_interview (db, interview_id, error), error);
}

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

  if ((snapshot->details = get_application (db, id, error)) == NULL ||
      !parts_reader_init (&reader, db, error) ||
      (snapshot->history = read_history_of (db, &reader, id, error)) == NULL)
    return NULL;

  /* contacts, interviews, tags and history go with it (ON DELETE CASCADE) */
  stmt = cg_db_prepare (db, "DELETE FROM applications WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!cg_db_step_done (db, stmt, error) || !forget_unused_tags (db, error))
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return NULL;

  snapshot = delete_application (db, id, error);
  if (!end_transaction (db, snapshot != NULL, error))
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
  g_autoptr(GPtrArray) stages = load_stages (db, error);
  g_autofree char *key = fold_key (d->stage);

  if (stages == NULL)
    return 0;

  for (guint i = 0; i < stages->len; i++)
    if (((Stage *) g_ptr_array_index (stages, i))->id == d->stage_id)
      return d->stage_id;

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);
      g_autofree char *other = fold_key (stage->name);

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
      bind_contact (stmt, 3, c);
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
    if (!link_tag (db, id, d->tags[i], error))
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

  if ((db = get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = restore_application (db, snapshot, error);
  return end_transaction (db, id != 0, error) ? id : 0;
}

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
  g_autofree char *day = dup_today (today);
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if (!check_today (today, error))
    return NULL;

  if ((db = get_db (library, error)) == NULL ||
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
  g_autofree char *day = dup_today (today);
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), -1);

  if (!check_today (today, error))
    return -1;

  if ((db = get_db (library, error)) == NULL ||
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

/* Statistics ---------------------------------------------------------------- */

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
  Stage *applied = find_builtin (stages, "applied");
  Stage *ghosted = find_builtin (stages, "ghosted");
  gboolean reached_applied = FALSE;
  gboolean responded = FALSE;
  gboolean accepted = has_visited (app, find_builtin (stages, "accepted"));
  gboolean offer = accepted || has_visited (app, find_builtin (stages, "offer"));
  gboolean interviewing = offer || has_visited (app, find_builtin (stages, "interviewing"));

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
  g_autofree char *day = dup_today (today);
  StatsApplication *last_app = NULL;
  Stage *last_stage = NULL;
  double last_time = 0;
  sqlite3 *db;
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if (!check_today (today, error))
    return NULL;

  if ((db = get_db (library, error)) == NULL || (stages = load_stages (db, error)) == NULL)
    return NULL;

  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      g_hash_table_insert (by_id, &stage->id, stage);
    }
  by_name = stage_name_map (stages, fold_key);

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
      g_autofree char *old_key = fold_key (cg_db_column_text (stmt, 2));
      g_autofree char *new_key = fold_key (cg_db_column_text (stmt, 3));
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

/* Export -------------------------------------------------------------------- */

static const char *const csv_columns[] = {
  "ID", "Title", "Company", "Location", "URL", "Job Key", "Stage", "Date Saved", "Date Applied",
  "Deadline", "Follow Up", "Interviews", "Pay Asked", "Pay Offered", "Excitement", "Tags",
  "Contacts", "Resume", "Cover Letter", "Notes", "Archived", "Created", "Updated", "Stage History",
};

/* One cell: made inert for spreadsheets (a leading ' before = + - @, a tab
 * or a CR, which would start a formula), then quoted by libcsv when it
 * holds a comma, a quote or a line break. */
static void
append_csv_cell (GString    *out,
                 const char *text,
                 gboolean    first)
{
  g_autofree char *inert = NULL;
  gsize length;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = inert = g_strconcat ("'", text, NULL);

  length = strlen (text);
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      gsize start = out->len;
      gsize needed = csv_write (NULL, 0, text, length);

      g_string_set_size (out, start + needed);
      csv_write (out->str + start, needed, text, length);
    }
  else
    g_string_append_len (out, text, length);
}

/* "2026-05-01 Applied; 2026-05-09 Interviewing" */
static char *
stage_history_text (GPtrArray *history)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (history, i);

      if (g_strcmp0 (e->field, "stage") != 0 || e->new_value == NULL)
        continue;
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, "%.10s %s", e->time, e->new_value);
    }

  return g_string_free (s, s->len == 0);
}

static void
append_csv_row (GString               *out,
                CgApplicationDetails  *d,
                GPtrArray             *history)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *excitement = d->excitement > 0 ? g_strdup_printf ("%d", d->excitement) : NULL;
  g_autofree char *tags = join_tags ((const char *const *) d->tags);
  g_autofree char *stages = stage_history_text (history);
  g_autoptr(GString) contacts = g_string_new (NULL);
  g_autoptr(GString) interviews = g_string_new (NULL);

  for (guint i = 0; i < d->contacts->len; i++)
    {
      g_autofree char *line = contact_summary (g_ptr_array_index (d->contacts, i));

      g_string_append_printf (contacts, "%s%s", i > 0 ? "\n" : "", line);
    }
  for (guint i = 0; i < d->interviews->len; i++)
    {
      g_autofree char *line = interview_summary (g_ptr_array_index (d->interviews, i));

      g_string_append_printf (interviews, "%s%s", i > 0 ? "\n" : "", line);
    }

  append_csv_cell (out, id, TRUE);
  append_csv_cell (out, d->title, FALSE);
  append_csv_cell (out, d->company, FALSE);
  append_csv_cell (out, d->location, FALSE);
  append_csv_cell (out, d->url, FALSE);
  append_csv_cell (out, d->job_key, FALSE);
  append_csv_cell (out, d->stage, FALSE);
  append_csv_cell (out, d->date_saved, FALSE);
  append_csv_cell (out, d->date_applied, FALSE);
  append_csv_cell (out, d->deadline, FALSE);
  append_csv_cell (out, d->follow_up, FALSE);
  append_csv_cell (out, interviews->str, FALSE);
  append_csv_cell (out, d->pay_asked, FALSE);
  append_csv_cell (out, d->pay_offered, FALSE);
  append_csv_cell (out, excitement, FALSE);
  append_csv_cell (out, tags, FALSE);
  append_csv_cell (out, contacts->str, FALSE);
  append_csv_cell (out, d->resume_path, FALSE);
  append_csv_cell (out, d->cover_letter_path, FALSE);
  append_csv_cell (out, d->notes, FALSE);
  append_csv_cell (out, d->archived ? "yes" : "no", FALSE);
  append_csv_cell (out, d->created, FALSE);
  append_csv_cell (out, d->updated, FALSE);
  append_csv_cell (out, stages, FALSE);
  g_string_append (out, "\r\n");
}

static gboolean
write_all (GOutputStream  *stream,
           const char     *data,
           gsize           length,
           GCancellable   *cancellable,
           GError        **error)
{
  return g_output_stream_write_all (stream, data, length, NULL, cancellable, error);
}

gboolean
cg_tracker_export_csv (CgLibrary              *library,
                       const CgTrackerFilter  *filter,
                       GOutputStream          *stream,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(PartsReader) reader = { NULL, };
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if ((db = get_db (library, error)) == NULL ||
      (list = list_applications (db, filter, error)) == NULL ||
      !parts_reader_init (&reader, db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    append_csv_cell (out, csv_columns[i], i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < list->len; i++)
    {
      CgApplicationDetails *d = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) history = read_history_of (db, &reader, d->id, error);

      if (history == NULL)
        return FALSE;
      append_csv_row (out, d, history);
    }

  return write_all (stream, out->str, out->len, cancellable, error);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool_member (JsonBuilder *builder,
                 const char  *name,
                 gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
build_application (JsonBuilder           *b,
                   CgApplicationDetails  *d,
                   GPtrArray             *history)
{
  json_builder_begin_object (b);
  add_int_member (b, "id", d->id);
  add_string_member (b, "title", d->title);
  add_string_member (b, "company", d->company);
  add_string_member (b, "location", d->location);
  add_string_member (b, "url", d->url);
  add_string_member (b, "job_key", d->job_key);
  add_string_member (b, "stage", d->stage);
  add_string_member (b, "date_saved", d->date_saved);
  add_string_member (b, "date_applied", d->date_applied);
  add_string_member (b, "deadline", d->deadline);
  add_string_member (b, "follow_up", d->follow_up);
  add_string_member (b, "pay_asked", d->pay_asked);
  add_string_member (b, "pay_offered", d->pay_offered);
  json_builder_set_member_name (b, "excitement");
  if (d->excitement > 0)
    json_builder_add_int_value (b, d->excitement);
  else
    json_builder_add_null_value (b);
  add_string_member (b, "resume_path", d->resume_path);
  add_string_member (b, "cover_letter_path", d->cover_letter_path);
  add_string_member (b, "notes", d->notes);
  add_bool_member (b, "archived", d->archived);
  add_string_member (b, "created", d->created);
  add_string_member (b, "updated", d->updated);

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; d->tags[i] != NULL; i++)
    json_builder_add_string_value (b, d->tags[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "contacts");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->contacts->len; i++)
    {
      CgTrackerContact *c = g_ptr_array_index (d->contacts, i);

      json_builder_begin_object (b);
      add_string_member (b, "name", c->name);
      add_string_member (b, "role", c->role);
      add_string_member (b, "email", c->email);
      add_string_member (b, "phone", c->phone);
      add_string_member (b, "notes", c->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "interviews");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->interviews->len; i++)
    {
      CgTrackerInterview *iv = g_ptr_array_index (d->interviews, i);

      json_builder_begin_object (b);
      add_string_member (b, "time", iv->time);
      add_string_member (b, "kind", iv->kind);
      add_string_member (b, "notes", iv->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < history->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (history, i);

      json_builder_begin_object (b);
      add_string_member (b, "time", e->time);
      add_string_member (b, "field", e->field);
      add_string_member (b, "old", e->old_value);
      add_string_member (b, "new", e->new_value);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
}

gboolean
cg_tracker_export_json (CgLibrary              *library,
                        const CgTrackerFilter  *filter,
                        GOutputStream          *stream,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_auto(PartsReader) reader = { NULL, };
  g_autofree char *text = NULL;
  gsize length;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if ((db = get_db (library, error)) == NULL || (stages = load_stages (db, error)) == NULL ||
      (list = list_applications (db, filter, error)) == NULL ||
      !parts_reader_init (&reader, db, error))
    return FALSE;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", stage->name);
      add_int_member (builder, "position", stage->position);
      add_bool_member (builder, "closed", stage->closed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "applications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      CgApplicationDetails *d = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) history = read_history_of (db, &reader, d->id, error);

      if (history == NULL)
        return FALSE;
      build_application (builder, d, history);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  return write_all (stream, text, length, cancellable, error) &&
         write_all (stream, "\n", 1, cancellable, error);
}

/* Import -------------------------------------------------------------------- */

typedef enum {
  COL_TITLE,
  COL_COMPANY,
  COL_STAGE,
  COL_DATE_APPLIED,
  COL_DATE_SAVED,
  COL_DEADLINE,
  COL_FOLLOW_UP,
  COL_PAY_ASKED,
  COL_PAY_OFFERED,
  COL_LOCATION,
  COL_EXCITEMENT,
  COL_NOTES,
  COL_URL,
  COL_TAGS,
  N_COLUMNS
} ImportColumn;

/* The headers other trackers (and our own export) use, as cg_csv_header_key()s:
 * any case, spaces and punctuation ignored ("Follow-up" is "Follow up"). */
static const struct {
  const char   *key;
  ImportColumn  column;
} import_headers[] = {
  { "title", COL_TITLE },
  { "jobtitle", COL_TITLE },
  { "position", COL_TITLE },
  { "jobposition", COL_TITLE },
  { "role", COL_TITLE },
  { "company", COL_COMPANY },
  { "companyname", COL_COMPANY },
  { "employer", COL_COMPANY },
  { "organization", COL_COMPANY },
  { "organisation", COL_COMPANY },
  { "status", COL_STAGE },
  { "stage", COL_STAGE },
  { "dateapplied", COL_DATE_APPLIED },
  { "applied", COL_DATE_APPLIED },
  { "appliedon", COL_DATE_APPLIED },
  { "applieddate", COL_DATE_APPLIED },
  { "datesaved", COL_DATE_SAVED },
  { "saved", COL_DATE_SAVED },
  { "savedon", COL_DATE_SAVED },
  { "deadline", COL_DEADLINE },
  { "applicationdeadline", COL_DEADLINE },
  { "followup", COL_FOLLOW_UP },
  { "followupdate", COL_FOLLOW_UP },
  { "salary", COL_PAY_ASKED },
  { "pay", COL_PAY_ASKED },
  { "payasked", COL_PAY_ASKED },
  { "payoffered", COL_PAY_OFFERED },
  { "salaryoffered", COL_PAY_OFFERED },
  { "location", COL_LOCATION },
  { "excitement", COL_EXCITEMENT },
  { "rating", COL_EXCITEMENT },
  { "notes", COL_NOTES },
  { "note", COL_NOTES },
  { "url", COL_URL },
  { "link", COL_URL },
  { "joburl", COL_URL },
  { "joblink", COL_URL },
  { "tags", COL_TAGS },
};

/* Other trackers' names for the seeded stages. */
static const struct {
  const char *key;
  const char *builtin;
} stage_aliases[] = {
  { "interview", "interviewing" },
  { "interviews", "interviewing" },
  { "bookmarked", "wishlist" },
  { "saved", "wishlist" },
  { "offered", "offer" },
  { "noresponse", "ghosted" },
  { "notselected", "rejected" },
  { "iwithdrew", "withdrawn" },
};

void
cg_tracker_import_report_clear (CgTrackerImportReport *report)
{
  report->imported = 0;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->new_stages, g_ptr_array_unref);
  g_clear_pointer (&report->ignored_columns, g_ptr_array_unref);
}

static void
import_problem_free (CgTrackerImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

typedef struct {
  sqlite3               *db;
  CgTrackerImportReport *report;
  sqlite3_stmt          *insert;
  GPtrArray             *cells;       /* the current row */
  guint                  row_line;    /* the line the current row starts on */
  gboolean               have_header;
  int                    columns[N_COLUMNS];
  GPtrArray             *header;
  GPtrArray             *stages;      /* Stage */
  GHashTable            *stage_keys;  /* stage_key () -> Stage */
  GHashTable            *existing;    /* application_key () of the rows there before */
  GError                *error;       /* a problem that stops the import */
} ImportState;

/* A stage name from elsewhere as a key: its letters and digits, or the
 * whole name when it has none. */
static char *
stage_key (const char *name)
{
  char *key = cg_csv_header_key (name);

  if (*key != '\0')
    return key;
  g_free (key);
  return fold_key (name);
}

static char *
application_key (const char *company,
                 const char *title,
                 const char *date_applied)
{
  g_autofree char *c = fold_key (company);
  g_autofree char *t = fold_key (title);

  return g_strconcat (c, "\x1f", t, "\x1f", date_applied ? date_applied : "", NULL);
}

static const char *
import_cell (ImportState  *state,
             ImportColumn  column)
{
  int index = state->columns[column];

  if (index < 0 || (guint) index >= state->cells->len)
    return "";
  return g_ptr_array_index (state->cells, index);
}

static const char *
import_header (ImportState  *state,
               ImportColumn  column)
{
  return g_ptr_array_index (state->header, state->columns[column]);
}

static void
read_header (ImportState *state)
{
  state->header = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_COLUMNS; i++)
    state->columns[i] = -1;

  for (guint i = 0; i < state->cells->len; i++)
    {
      const char *name = g_ptr_array_index (state->cells, i);
      g_autofree char *key = cg_csv_header_key (name);
      gboolean used = FALSE;

      g_ptr_array_add (state->header, g_strdup (name));

      for (guint j = 0; j < G_N_ELEMENTS (import_headers); j++)
        if (strcmp (import_headers[j].key, key) == 0 &&
            state->columns[import_headers[j].column] < 0)
          {
            state->columns[import_headers[j].column] = (int) i;
            used = TRUE;
            break;
          }

      if (!used && !is_blank (name))
        g_ptr_array_add (state->report->ignored_columns, g_strdup (name));
    }

  if (state->columns[COL_TITLE] < 0)
    g_set_error (&state->error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_PARSE,
                 _("The file has no column for the job title (such as “Title”, “Job Title” or "
                   "“Job Position”) on its first line"));
  state->have_header = TRUE;
}

/* A date as other trackers write it (see cg-date.h: CG_DATE_HUMAN), as
 * YYYY-MM-DD. @out is NULL for an empty cell. */
static gboolean
parse_import_date (const char  *text,
                   char       **out)
{
  *out = NULL;
  if (is_blank (text))
    return TRUE;

  *out = cg_date_to_iso (text, CG_DATE_HUMAN);
  return *out != NULL;
}

static Stage *
find_import_stage (ImportState *state,
                   const char  *name)
{
  g_autofree char *key = stage_key (name);
  Stage *stage = g_hash_table_lookup (state->stage_keys, key);

  for (guint i = 0; stage == NULL && i < G_N_ELEMENTS (stage_aliases); i++)
    if (strcmp (stage_aliases[i].key, key) == 0)
      stage = find_builtin (state->stages, stage_aliases[i].builtin);

  return stage;
}

static Stage *
default_import_stage (ImportState *state,
                      const char  *date_applied)
{
  Stage *applied = find_builtin (state->stages, "applied");

  if (date_applied != NULL && applied != NULL)
    return applied;
  return state->stages->len > 0 ? g_ptr_array_index (state->stages, 0) : NULL;
}

static Stage *
create_import_stage (ImportState *state,
                     const char  *name)
{
  g_autofree char *clean = g_strstrip (g_strdelimit (g_strdup (name), "\r\n", ' '));
  Stage *stage;
  gint64 id = insert_stage (state->db, clean, FALSE, &state->error);

  if (id == 0)
    return NULL;

  stage = g_new0 (Stage, 1);
  stage->id = id;
  stage->name = g_strdup (clean);
  stage->position = G_MAXINT;
  stage->stays = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (state->stages, stage);
  g_hash_table_insert (state->stage_keys, stage_key (clean), stage);
  g_ptr_array_add (state->report->new_stages, g_steal_pointer (&clean));

  return stage;
}

static void
add_import_tags (ImportState *state,
                 gint64       id,
                 const char  *text)
{
  g_auto(GStrv) split = g_strsplit_set (text, ";,\n", -1);
  g_auto(GStrv) tags = clean_tags ((const char *const *) split, NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL && state->error == NULL; i++)
    link_tag (state->db, id, tags[i], &state->error);
}

static const ImportColumn date_columns[] = {
  COL_DATE_APPLIED, COL_DATE_SAVED, COL_DEADLINE, COL_FOLLOW_UP,
};

/* Imports the current row, or notes its problems. @dates receives the
 * dates of date_columns, for the caller to free. */
static void
import_row_dates (ImportState *state,
                  char        *dates[G_N_ELEMENTS (date_columns)])
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *key = NULL;
  g_autofree char *company = NULL;
  const char *stage_name;
  Stage *stage = NULL;
  int excitement = 0;
  gboolean blank = TRUE;
  gint64 id;

  for (guint i = 0; i < state->cells->len && blank; i++)
    blank = is_blank (g_ptr_array_index (state->cells, i));
  if (blank)
    return;

  title = g_strstrip (g_strdup (import_cell (state, COL_TITLE)));
  if (*title == '\0')
    g_ptr_array_add (problems, g_strdup (_("no title")));

  for (guint i = 0; i < G_N_ELEMENTS (date_columns); i++)
    if (!parse_import_date (import_cell (state, date_columns[i]), &dates[i]))
      g_ptr_array_add (problems,
                       g_strdup_printf (_("“%s” is not a date (%s)"),
                                        import_cell (state, date_columns[i]),
                                        import_header (state, date_columns[i])));

  if (!parse_excitement (import_cell (state, COL_EXCITEMENT), &excitement))
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” is not an excitement from 0 to 5 (%s)"),
                                                import_cell (state, COL_EXCITEMENT),
                                                import_header (state, COL_EXCITEMENT)));

  company = g_strstrip (g_strdup (import_cell (state, COL_COMPANY)));
  key = application_key (company, title, dates[0]);
  if (problems->len == 0 && g_hash_table_contains (state->existing, key))
    g_ptr_array_add (problems, g_strdup (_("already tracked")));

  if (problems->len > 0)
    {
      CgTrackerImportProblem *problem = g_new0 (CgTrackerImportProblem, 1);

      g_ptr_array_add (problems, NULL);
      problem->line = state->row_line;
      problem->message = g_strjoinv ("; ", (char **) problems->pdata);
      g_ptr_array_add (state->report->problems, problem);
      return;
    }

  stage_name = import_cell (state, COL_STAGE);
  if (is_blank (stage_name))
    stage = default_import_stage (state, dates[0]);
  else if ((stage = find_import_stage (state, stage_name)) == NULL)
    stage = create_import_stage (state, stage_name);
  if (stage == NULL)
    {
      if (state->error == NULL)
        g_set_error (&state->error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                     _("There are no stages"));
      return;
    }

  sqlite3_reset (state->insert);
  cg_db_bind_text (state->insert, 1, title);
  cg_db_bind_text (state->insert, 2, nullify (company));
  cg_db_bind_text (state->insert, 3, nullify (import_cell (state, COL_LOCATION)));
  cg_db_bind_text (state->insert, 4, nullify (import_cell (state, COL_URL)));
  sqlite3_bind_int64 (state->insert, 5, stage->id);
  cg_db_bind_text (state->insert, 6, dates[0]);
  cg_db_bind_text (state->insert, 7, dates[1]);
  cg_db_bind_text (state->insert, 8, dates[2]);
  cg_db_bind_text (state->insert, 9, dates[3]);
  cg_db_bind_text (state->insert, 10, nullify (import_cell (state, COL_PAY_ASKED)));
  cg_db_bind_text (state->insert, 11, nullify (import_cell (state, COL_PAY_OFFERED)));
  sqlite3_bind_int (state->insert, 12, excitement);
  cg_db_bind_text (state->insert, 13, nullify (import_cell (state, COL_NOTES)));
  if (!cg_db_step_done (state->db, state->insert, &state->error))
    return;
  id = sqlite3_last_insert_rowid (state->db);

  if (!add_history (state->db, id, "stage", NULL, stage->name, &state->error))
    return;
  add_import_tags (state, id, import_cell (state, COL_TAGS));
  state->report->imported++;
}

static void
import_row (ImportState *state)
{
  char *dates[G_N_ELEMENTS (date_columns)] = { NULL, };

  import_row_dates (state, dates);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_free (dates[i]);
}

static gboolean
import_row_cb (const CgCsvRow  *row,
               gpointer         user_data,
               GError         **error)
{
  ImportState *state = user_data;

  g_ptr_array_set_size (state->cells, 0);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *cell = row->cells[i];

      /* the ' that keeps a formula inert in a spreadsheet (see append_csv_cell()) */
      if (cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\n", cell[1]) != NULL)
        cell++;
      g_ptr_array_add (state->cells, g_strdup (cell));
    }
  state->row_line = row->line;

  if (!state->have_header)
    read_header (state);
  else
    import_row (state);

  if (state->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return FALSE;
    }
  return TRUE;
}

static void
import_state_clear (ImportState *state)
{
  g_clear_pointer (&state->insert, sqlite3_finalize);
  g_clear_pointer (&state->cells, g_ptr_array_unref);
  g_clear_pointer (&state->header, g_ptr_array_unref);
  g_clear_pointer (&state->stage_keys, g_hash_table_unref);
  g_clear_pointer (&state->stages, g_ptr_array_unref);
  g_clear_pointer (&state->existing, g_hash_table_unref);
  g_clear_error (&state->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportState, import_state_clear)

/* The keys of the applications already tracked, to skip rows that repeat
 * them (as when a file is imported twice). */
static GHashTable *
existing_keys (sqlite3  *db,
               GError  **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT company, title, date_applied FROM applications", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keys, application_key (cg_db_column_text (stmt, 0),
                                             cg_db_column_text (stmt, 1),
                                             cg_db_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&keys);
}

static gboolean
import_state_init (ImportState            *state,
                   sqlite3                *db,
                   CgTrackerImportReport  *report,
                   GError                **error)
{
  state->db = db;
  state->report = report;
  state->cells = g_ptr_array_new_with_free_func (g_free);

  if ((state->stages = load_stages (db, error)) == NULL ||
      (state->existing = existing_keys (db, error)) == NULL)
    return FALSE;
  state->stage_keys = stage_name_map (state->stages, stage_key);

  state->insert = cg_db_prepare (db,
    "INSERT INTO applications (title, company, location, url, stage, date_applied, date_saved,"
    " deadline, follow_up, pay_asked, pay_offered, excitement, notes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  return state->insert != NULL;
}

/* The reader's errors as the tracker's. */
static void
set_import_error (GError **error,
                  GError  *csv_error)
{
  int code = CG_TRACKER_ERROR_PARSE;

  if (csv_error->domain != CG_CSV_ERROR)
    {
      g_propagate_error (error, csv_error);
      return;
    }
  if (csv_error->code == CG_CSV_ERROR_ENCODING)
    code = CG_TRACKER_ERROR_ENCODING;
  g_set_error_literal (error, CG_TRACKER_ERROR, code, csv_error->message);
  g_error_free (csv_error);
}

gboolean
cg_tracker_import_csv (CgLibrary              *library,
                       const char             *path,
                       CgTrackerImportReport  *report,
                       GError                **error)
{
  g_auto(ImportState) state = { NULL, };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  cg_tracker_import_report_clear (report);

  if ((db = get_db (library, error)) == NULL ||
      !g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) import_problem_free);
  report->new_stages = g_ptr_array_new_with_free_func (g_free);
  report->ignored_columns = g_ptr_array_new_with_free_func (g_free);

  if (!cg_db_begin (db, error))
    goto fail;

  if (!import_state_init (&state, db, report, error))
    {
      cg_db_rollback (db);
      goto fail;
    }

  if (!cg_csv_read (contents, length, CG_CSV_STRICT, '\0', import_row_cb, &state, &local_error))
    {
      cg_db_rollback (db);
      set_import_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (!end_transaction (db, TRUE, error))
    goto fail;

  return TRUE;

fail:
  cg_tracker_import_report_clear (report);
  return FALSE;
}
