/* cg-tracker-applications.c: the tracker's applications: read, create, edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading applications with their parts and history, creating them (free
 * form or from a posting, with the duplicate check), and editing their
 * fields, stage and archived flag, each change recorded in the history.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-date.h"
#include "cg-tracker-private.h"

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

char *
cg_tracker_column_dup (sqlite3_stmt *stmt,
                       int           col)
{
  return g_strdup (cg_tracker_nullify (cg_db_column_text (stmt, col)));
}

static CgApplicationDetails *
details_from_row (sqlite3_stmt *stmt)
{
  CgApplicationDetails *d = g_new0 (CgApplicationDetails, 1);

  d->id = sqlite3_column_int64 (stmt, 0);
  d->job_key = cg_tracker_column_dup (stmt, 1);
  d->title = g_strdup (cg_db_column_text (stmt, 2));
  d->company = cg_tracker_column_dup (stmt, 3);
  d->location = cg_tracker_column_dup (stmt, 4);
  d->url = cg_tracker_column_dup (stmt, 5);
  d->stage_id = sqlite3_column_int64 (stmt, 6);
  d->stage = g_strdup (cg_db_column_text (stmt, 7));
  d->stage_closed = sqlite3_column_int (stmt, 8) != 0;
  d->date_saved = cg_tracker_column_dup (stmt, 9);
  d->date_applied = cg_tracker_column_dup (stmt, 10);
  d->deadline = cg_tracker_column_dup (stmt, 11);
  d->follow_up = cg_tracker_column_dup (stmt, 12);
  d->pay_asked = cg_tracker_column_dup (stmt, 13);
  d->pay_offered = cg_tracker_column_dup (stmt, 14);
  d->excitement = sqlite3_column_int (stmt, 15);
  d->resume_path = cg_tracker_column_dup (stmt, 16);
  d->cover_letter_path = cg_tracker_column_dup (stmt, 17);
  d->notes = cg_tracker_column_dup (stmt, 18);
  d->archived = sqlite3_column_int (stmt, 19) != 0;
  d->created = g_strdup (cg_db_column_text (stmt, 20));
  d->updated = g_strdup (cg_db_column_text (stmt, 21));
  d->contacts = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_contact_free);
  d->interviews = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_interview_free);

  return d;
}

void
cg_tracker_parts_reader_clear (PartsReader *r)
{
  g_clear_pointer (&r->contacts, sqlite3_finalize);
  g_clear_pointer (&r->interviews, sqlite3_finalize);
  g_clear_pointer (&r->tags, sqlite3_finalize);
  g_clear_pointer (&r->history, sqlite3_finalize);
}

gboolean
cg_tracker_parts_reader_init (PartsReader  *r,
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
gboolean
cg_tracker_read_rows (sqlite3       *db,
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
  c->role = cg_tracker_column_dup (stmt, 2);
  c->email = cg_tracker_column_dup (stmt, 3);
  c->phone = cg_tracker_column_dup (stmt, 4);
  c->notes = cg_tracker_column_dup (stmt, 5);
  g_ptr_array_add (data, c);
}

static void
read_interview (sqlite3_stmt *stmt,
                gpointer      data)
{
  CgTrackerInterview *i = g_new0 (CgTrackerInterview, 1);

  i->id = sqlite3_column_int64 (stmt, 0);
  i->time = g_strdup (cg_db_column_text (stmt, 1));
  i->kind = cg_tracker_column_dup (stmt, 2);
  i->notes = cg_tracker_column_dup (stmt, 3);
  g_ptr_array_add (data, i);
}

void
cg_tracker_read_tag (sqlite3_stmt *stmt,
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

  if (!cg_tracker_read_rows (db, r->contacts, d->id, read_contact, d->contacts, error) ||
      !cg_tracker_read_rows (db, r->interviews, d->id, read_interview, d->interviews, error) ||
      !cg_tracker_read_rows (db, r->tags, d->id, cg_tracker_read_tag, tags, error))
    return FALSE;

  d->tags = g_strv_builder_end (tags);
  return TRUE;
}

GPtrArray *
cg_tracker_read_history_of (sqlite3      *db,
                            PartsReader  *r,
                            gint64        id,
                            GError      **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) cg_tracker_history_entry_free);

  if (!cg_tracker_read_rows (db, r->history, id, read_history, entries, error))
    return NULL;
  return g_steal_pointer (&entries);
}

CgApplicationDetails *
cg_tracker_read_application (sqlite3  *db,
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
  if (!cg_tracker_parts_reader_init (&reader, db, error) ||
      !read_parts (db, &reader, details, error))
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

  if ((db = cg_tracker_get_db (library, error)) == NULL)
    return NULL;

  return cg_tracker_read_application (db, id, error);
}

static gboolean
matches_company (const CgApplicationDetails *d,
                 const char                 *part)
{
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;

  if (cg_tracker_is_blank (part))
    return TRUE;

  needle = cg_tracker_fold_key (part);
  haystack = cg_tracker_fold_key (d->company);
  return strstr (haystack, needle) != NULL;
}

GPtrArray *
cg_tracker_read_applications (sqlite3                *db,
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
  if (stmt == NULL || !cg_tracker_parts_reader_init (&reader, db, error))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, filter ? filter->stage_id : 0);
  cg_db_bind_text (stmt, 2, filter ? cg_tracker_nullify (filter->date_from) : NULL);
  cg_db_bind_text (stmt, 3, filter ? cg_tracker_nullify (filter->date_to) : NULL);
  sqlite3_bind_int (stmt, 4, filter ? filter->include_archived : TRUE);
  cg_db_bind_text (stmt, 5, filter ? cg_tracker_nullify (filter->tag) : NULL);

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

  if ((db = cg_tracker_get_db (library, error)) == NULL)
    return NULL;

  return cg_tracker_read_applications (db, filter, error);
}

GPtrArray *
cg_tracker_list_history (CgLibrary  *library,
                         gint64      id,
                         GError    **error)
{
  g_auto(PartsReader) reader = { NULL, };
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      !cg_tracker_application_exists (db, id, error) ||
      !cg_tracker_parts_reader_init (&reader, db, error))
    return NULL;

  return cg_tracker_read_history_of (db, &reader, id, error);
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

  if (cg_tracker_is_blank (title))
    return 0;

  /* compared here rather than in SQL, where NOCASE only folds ASCII */
  company_key = cg_tracker_fold_key (company);
  title_key = cg_tracker_fold_key (title);
  stmt = cg_db_prepare (db, "SELECT id, company, title FROM applications ORDER BY id", NULL);
  if (stmt == NULL)
    return 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autofree char *c = cg_tracker_fold_key (cg_db_column_text (stmt, 1));
      g_autofree char *t = cg_tracker_fold_key (cg_db_column_text (stmt, 2));

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
  g_autofree char *today = cg_tracker_dup_today (NULL);
  gint64 id;

  stmt = cg_db_prepare (db,
    "INSERT INTO applications (job_key, title, company, location, url, deadline, date_saved, stage)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM stages ORDER BY position, id LIMIT 1))", error);
  if (stmt == NULL)
    return 0;

  cg_db_bind_text (stmt, 1, cg_tracker_nullify (job_key));
  cg_db_bind_text (stmt, 2, title);
  cg_db_bind_text (stmt, 3, cg_tracker_nullify (company));
  cg_db_bind_text (stmt, 4, cg_tracker_nullify (location));
  cg_db_bind_text (stmt, 5, cg_tracker_nullify (url));
  cg_db_bind_text (stmt, 6, cg_tracker_nullify (deadline));
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

  if (cg_tracker_is_blank (title))
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                   _("An application needs a title"));
      return 0;
    }
  if (!cg_tracker_check_utf8 (title, error) || !cg_tracker_check_utf8 (company, error) ||
      !cg_tracker_check_utf8 (location, error) || !cg_tracker_check_utf8 (url, error))
    return 0;

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = insert_application (db, NULL, title, company, location, url, NULL, error);
  return cg_tracker_end_transaction (db, id != 0, error) ? id : 0;
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

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = create_from_job (db, job_key, existing_id, error);
  return cg_tracker_end_transaction (db, id != 0, error) ? id : 0;
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

gboolean
cg_tracker_parse_excitement (const char *text,
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

  if (!cg_tracker_check_utf8 (value, error))
    return FALSE;

  switch (field->kind)
    {
    case FIELD_TITLE:
      if (cg_tracker_is_blank (value))
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("An application needs a title"));
          return FALSE;
        }
      *clean = g_strdup (value);
      return TRUE;

    case FIELD_DATE:
      if (cg_tracker_is_blank (value))
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
      if (!cg_tracker_parse_excitement (value, &excitement))
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("Excitement goes from 0 (not rated) to 5, not “%s”"), value);
          return FALSE;
        }
      *clean = g_strdup_printf ("%d", excitement);
      return TRUE;

    case FIELD_TEXT:
    default:
      *clean = g_strdup (cg_tracker_nullify (value));
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
         cg_tracker_add_history (db, id, field->name, old_value, value, error);
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

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, set_field (db, id, f, clean, error), error);
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
      !cg_tracker_add_history (db, id, "stage", old_name, new_name, error))
    return FALSE;

  /* Moving a card to Applied is applying: date it, unless dated already. */
  if (g_strcmp0 (builtin, "applied") == 0 && date_applied == NULL)
    {
      g_autofree char *today = cg_tracker_dup_today (NULL);

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

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, set_stage (db, id, stage_id, error), error);
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
         cg_tracker_add_history (db, id, "archived", was ? "1" : "0", archived ? "1" : "0", error);
}

gboolean
cg_tracker_set_archived (CgLibrary   *library,
                         gint64       id,
                         gboolean     archived,
                         GError     **error)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, set_archived (db, id, archived, error), error);
}
