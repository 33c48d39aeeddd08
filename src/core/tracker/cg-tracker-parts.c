/* cg-tracker-parts.c: the parts of an application: tags, contacts, interviews
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tags are replaced as a set; contacts and interviews are added, updated
 * and removed one by one, each change recorded in the history as a
 * one-line summary of the part.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-date.h"
#include "cg-tracker-private.h"

/* Tags ---------------------------------------------------------------------- */

char *
cg_tracker_join_tags (const char *const *tags)
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

  if (stmt == NULL || !cg_tracker_read_rows (db, stmt, id, cg_tracker_read_tag, builder, error))
    return NULL;

  return g_strv_builder_end (builder);
}

gboolean
cg_tracker_link_tag (sqlite3     *db,
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

gboolean
cg_tracker_forget_unused_tags (sqlite3  *db,
                               GError  **error)
{
  return cg_db_exec (db,
    "DELETE FROM tags WHERE id NOT IN (SELECT tag FROM application_tags)", error);
}

/* @tags cleaned: stripped, without empty ones and duplicates in any case;
 * NULL (and an error) if one has a ';' or a line break. */
GStrv
cg_tracker_clean_tags (const char *const  *tags,
                       GError            **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      g_autofree char *tag = g_strstrip (g_strdup (tags[i]));
      char *key;

      if (!cg_tracker_check_utf8 (tags[i], error))
        return NULL;
      if (*tag == '\0')
        continue;
      if (strpbrk (tag, ";\r\n") != NULL)
        {
          g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID,
                       _("A tag cannot contain “;” or a line break: “%s”"), tag);
          return NULL;
        }
      key = cg_tracker_fold_key (tag);
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
      g_autofree char *ka = cg_tracker_fold_key (a[i]);
      gboolean found = FALSE;

      for (guint j = 0; j < n && !found; j++)
        {
          g_autofree char *kb = cg_tracker_fold_key (b[j]);

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

  if (!cg_tracker_application_exists (db, id, error) ||
      (old_tags = read_tags (db, id, error)) == NULL)
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
    if (!cg_tracker_link_tag (db, id, tags[i], error))
      return FALSE;

  if (!cg_tracker_forget_unused_tags (db, error) || (new_tags = read_tags (db, id, error)) == NULL)
    return FALSE;

  old_text = cg_tracker_join_tags ((const char *const *) old_tags);
  new_text = cg_tracker_join_tags ((const char *const *) new_tags);
  return cg_tracker_add_history (db, id, "tags", cg_tracker_nullify (old_text),
                                 cg_tracker_nullify (new_text), error) &&
         cg_tracker_touch (db, id, error);
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

  if ((clean = cg_tracker_clean_tags (tags, error)) == NULL)
    return FALSE;

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, set_tags (db, id, (const char *const *) clean, error),
                                     error);
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

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
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
char *
cg_tracker_contact_summary (const CgTrackerContact *c)
{
  GString *s = g_string_new (NULL);

  append_one_line (s, c->name);
  if (cg_tracker_nullify (c->role) != NULL)
    {
      g_string_append (s, " (");
      append_one_line (s, c->role);
      g_string_append_c (s, ')');
    }
  if (cg_tracker_nullify (c->email) != NULL)
    {
      g_string_append (s, " <");
      append_one_line (s, c->email);
      g_string_append_c (s, '>');
    }
  if (cg_tracker_nullify (c->phone) != NULL)
    {
      g_string_append_c (s, ' ');
      append_one_line (s, c->phone);
    }
  if (cg_tracker_nullify (c->notes) != NULL)
    {
      g_string_append (s, ": ");
      append_one_line (s, c->notes);
    }

  return g_string_free (s, FALSE);
}

/* "2026-05-12T14:00 Phone screen: notes", one line. */
char *
cg_tracker_interview_summary (const CgTrackerInterview *i)
{
  GString *s = g_string_new (i->time);

  if (cg_tracker_nullify (i->kind) != NULL)
    {
      g_string_append_c (s, ' ');
      append_one_line (s, i->kind);
    }
  if (cg_tracker_nullify (i->notes) != NULL)
    {
      g_string_append (s, ": ");
      append_one_line (s, i->notes);
    }

  return g_string_free (s, FALSE);
}

/* One path for the parts an application has many of (contacts,
 * interviews): each is added, updated and removed in its own table, and
 * recorded in the history under @field as a one-line summary. */
typedef struct {
  const char  *field;          /* the history's field */
  const char  *select_sql;     /* the part's columns, then its application, by id */
  const char  *insert_sql;     /* application as ?1, the part's columns after it */
  const char  *update_sql;     /* the part's columns from ?1, its id after them */
  const char  *delete_sql;
  int          n_columns;
  const char  *not_found;      /* untranslated */
  gpointer   (*read) (sqlite3_stmt *stmt, gint64 id);
  void       (*bind) (sqlite3_stmt *stmt, int first, gconstpointer part);
  char      *(*summary) (gconstpointer part);
  gboolean   (*same) (gconstpointer stored, gconstpointer part);
  GDestroyNotify free;
} PartKind;

/* The part @id as stored, with the application it belongs to. */
static gpointer
read_part (sqlite3         *db,
           const PartKind  *kind,
           gint64           id,
           gint64          *application,
           GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, kind->select_sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                           _(kind->not_found));
      return NULL;
    }

  *application = sqlite3_column_int64 (stmt, kind->n_columns);
  return kind->read (stmt, id);
}

/* The history row of a change to a part, and the application's time. */
static gboolean
record_part (sqlite3         *db,
             const PartKind  *kind,
             gint64           application,
             gconstpointer    old_part,
             gconstpointer    new_part,
             GError         **error)
{
  g_autofree char *old_summary = old_part != NULL ? kind->summary (old_part) : NULL;
  g_autofree char *new_summary = new_part != NULL ? kind->summary (new_part) : NULL;

  return cg_tracker_add_history (db, application, kind->field, old_summary, new_summary, error) &&
         cg_tracker_touch (db, application, error);
}

static gint64
add_part (sqlite3         *db,
          const PartKind  *kind,
          gint64           application,
          gconstpointer    part,
          GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 id;

  if (!cg_tracker_application_exists (db, application, error) ||
      (stmt = cg_db_prepare (db, kind->insert_sql, error)) == NULL)
    return 0;

  sqlite3_bind_int64 (stmt, 1, application);
  kind->bind (stmt, 2, part);
  if (!cg_db_step_done (db, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (db);

  return record_part (db, kind, application, NULL, part, error) ? id : 0;
}

static gboolean
update_part (sqlite3         *db,
             const PartKind  *kind,
             gint64           id,
             gconstpointer    part,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gpointer old;
  gint64 application;
  gboolean ok;

  if ((old = read_part (db, kind, id, &application, error)) == NULL)
    return FALSE;

  if (kind->same (old, part))
    ok = TRUE;
  else if ((stmt = cg_db_prepare (db, kind->update_sql, error)) == NULL)
    ok = FALSE;
  else
    {
      kind->bind (stmt, 1, part);
      sqlite3_bind_int64 (stmt, kind->n_columns + 1, id);
      ok = cg_db_step_done (db, stmt, error) &&
           record_part (db, kind, application, old, part, error);
    }

  kind->free (old);
  return ok;
}

static gboolean
remove_part (sqlite3         *db,
             const PartKind  *kind,
             gint64           id,
             GError         **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gpointer old;
  gint64 application;
  gboolean ok;

  if ((old = read_part (db, kind, id, &application, error)) == NULL)
    return FALSE;

  ok = (stmt = cg_db_prepare (db, kind->delete_sql, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = cg_db_step_done (db, stmt, error) &&
           record_part (db, kind, application, old, NULL, error);
    }

  kind->free (old);
  return ok;
}

/* The public functions: check the part, then one transaction. */
static gint64
add_part_in_transaction (CgLibrary       *library,
                         const PartKind  *kind,
                         gint64           application,
                         gconstpointer    part,
                         GError         **error)
{
  sqlite3 *db;
  gint64 id;

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return 0;

  id = add_part (db, kind, application, part, error);
  return cg_tracker_end_transaction (db, id != 0, error) ? id : 0;
}

static gboolean
update_part_in_transaction (CgLibrary       *library,
                            const PartKind  *kind,
                            gint64           id,
                            gconstpointer    part,
                            GError         **error)
{
  sqlite3 *db;

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, update_part (db, kind, id, part, error), error);
}

static gboolean
remove_part_in_transaction (CgLibrary       *library,
                            const PartKind  *kind,
                            gint64           id,
                            GError         **error)
{
  sqlite3 *db;

  if ((db = cg_tracker_get_db (library, error)) == NULL || !cg_db_begin (db, error))
    return FALSE;

  return cg_tracker_end_transaction (db, remove_part (db, kind, id, error), error);
}

/* Contacts */

void
cg_tracker_bind_contact (sqlite3_stmt           *stmt,
                         int                     first,
                         const CgTrackerContact *c)
{
  cg_db_bind_text (stmt, first, c->name);
  cg_db_bind_text (stmt, first + 1, cg_tracker_nullify (c->role));
  cg_db_bind_text (stmt, first + 2, cg_tracker_nullify (c->email));
  cg_db_bind_text (stmt, first + 3, cg_tracker_nullify (c->phone));
  cg_db_bind_text (stmt, first + 4, cg_tracker_nullify (c->notes));
}

static void
bind_contact_cb (sqlite3_stmt  *stmt,
                 int            first,
                 gconstpointer  part)
{
  cg_tracker_bind_contact (stmt, first, part);
}

static gpointer
read_contact_cb (sqlite3_stmt *stmt,
                 gint64        id)
{
  CgTrackerContact *c = g_new0 (CgTrackerContact, 1);

  c->id = id;
  c->name = g_strdup (cg_db_column_text (stmt, 0));
  c->role = cg_tracker_column_dup (stmt, 1);
  c->email = cg_tracker_column_dup (stmt, 2);
  c->phone = cg_tracker_column_dup (stmt, 3);
  c->notes = cg_tracker_column_dup (stmt, 4);
  return c;
}

static char *
contact_summary_cb (gconstpointer part)
{
  return cg_tracker_contact_summary (part);
}

/* @stored as read, @part as given: its empty fields are unset ones */
static gboolean
same_contact_cb (gconstpointer stored,
                 gconstpointer part)
{
  const CgTrackerContact *a = stored;
  const CgTrackerContact *b = part;

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->role, cg_tracker_nullify (b->role)) == 0 &&
         g_strcmp0 (a->email, cg_tracker_nullify (b->email)) == 0 &&
         g_strcmp0 (a->phone, cg_tracker_nullify (b->phone)) == 0 &&
         g_strcmp0 (a->notes, cg_tracker_nullify (b->notes)) == 0;
}

static const PartKind contact_kind = {
  "contact",
  "SELECT name, role, email, phone, notes, application FROM contacts WHERE id = ?",
  "INSERT INTO contacts (application, name, role, email, phone, notes) VALUES (?, ?, ?, ?, ?, ?)",
  "UPDATE contacts SET name = ?, role = ?, email = ?, phone = ?, notes = ? WHERE id = ?",
  "DELETE FROM contacts WHERE id = ?",
  5,
  N_("The contact no longer exists"),
  read_contact_cb,
  bind_contact_cb,
  contact_summary_cb,
  same_contact_cb,
  (GDestroyNotify) cg_tracker_contact_free,
};

static gboolean
check_contact (const CgTrackerContact  *c,
               GError                 **error)
{
  if (cg_tracker_is_blank (c->name))
    {
      g_set_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID, _("A contact needs a name"));
      return FALSE;
    }

  return cg_tracker_check_utf8 (c->name, error) && cg_tracker_check_utf8 (c->role, error) &&
         cg_tracker_check_utf8 (c->email, error) && cg_tracker_check_utf8 (c->phone, error) &&
         cg_tracker_check_utf8 (c->notes, error);
}

gint64
cg_tracker_add_contact (CgLibrary               *library,
                        gint64                   application,
                        const CgTrackerContact  *contact,
                        GError                 **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);
  g_return_val_if_fail (contact != NULL, 0);

  if (!check_contact (contact, error))
    return 0;

  return add_part_in_transaction (library, &contact_kind, application, contact, error);
}

gboolean
cg_tracker_update_contact (CgLibrary               *library,
                           const CgTrackerContact  *contact,
                           GError                 **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (contact != NULL, FALSE);

  if (!check_contact (contact, error))
    return FALSE;

  return update_part_in_transaction (library, &contact_kind, contact->id, contact, error);
}

gboolean
cg_tracker_remove_contact (CgLibrary   *library,
                           gint64       contact_id,
                           GError     **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  return remove_part_in_transaction (library, &contact_kind, contact_id, error);
}

/* Interviews */

static void
bind_interview_cb (sqlite3_stmt  *stmt,
                   int            first,
                   gconstpointer  part)
{
  const CgTrackerInterview *i = part;

  cg_db_bind_text (stmt, first, i->time);
  cg_db_bind_text (stmt, first + 1, i->kind);
  cg_db_bind_text (stmt, first + 2, i->notes);
}

static gpointer
read_interview_cb (sqlite3_stmt *stmt,
                   gint64        id)
{
  CgTrackerInterview *i = g_new0 (CgTrackerInterview, 1);

  i->id = id;
  i->time = g_strdup (cg_db_column_text (stmt, 0));
  i->kind = cg_tracker_column_dup (stmt, 1);
  i->notes = cg_tracker_column_dup (stmt, 2);
  return i;
}

static char *
interview_summary_cb (gconstpointer part)
{
  return cg_tracker_interview_summary (part);
}

/* both cleaned (check_interview()) */
static gboolean
same_interview_cb (gconstpointer stored,
                   gconstpointer part)
{
  const CgTrackerInterview *a = stored;
  const CgTrackerInterview *b = part;

  return g_strcmp0 (a->time, b->time) == 0 && g_strcmp0 (a->kind, b->kind) == 0 &&
         g_strcmp0 (a->notes, b->notes) == 0;
}

static const PartKind interview_kind = {
  "interview",
  "SELECT time, kind, notes, application FROM interviews WHERE id = ?",
  "INSERT INTO interviews (application, time, kind, notes) VALUES (?, ?, ?, ?)",
  "UPDATE interviews SET time = ?, kind = ?, notes = ? WHERE id = ?",
  "DELETE FROM interviews WHERE id = ?",
  3,
  N_("The interview no longer exists"),
  read_interview_cb,
  bind_interview_cb,
  interview_summary_cb,
  same_interview_cb,
  (GDestroyNotify) cg_tracker_interview_free,
};

/* @i with its time normalised into @clean, or an error. */
static gboolean
check_interview (const CgTrackerInterview  *i,
                 CgTrackerInterview        *clean,
                 GError                   **error)
{
  if (!cg_tracker_check_utf8 (i->time, error) || !cg_tracker_check_utf8 (i->kind, error) ||
      !cg_tracker_check_utf8 (i->notes, error))
    return FALSE;

  clean->id = i->id;
  clean->time = normalize_time (i->time);
  clean->kind = g_strdup (cg_tracker_nullify (i->kind));
  clean->notes = g_strdup (cg_tracker_nullify (i->notes));
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

gint64
cg_tracker_add_interview (CgLibrary                 *library,
                          gint64                     application,
                          const CgTrackerInterview  *interview,
                          GError                   **error)
{
  g_auto(CgTrackerInterview) clean = { 0, };

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);
  g_return_val_if_fail (interview != NULL, 0);

  if (!check_interview (interview, &clean, error))
    return 0;

  return add_part_in_transaction (library, &interview_kind, application, &clean, error);
}

gboolean
cg_tracker_update_interview (CgLibrary                 *library,
                             const CgTrackerInterview  *interview,
                             GError                   **error)
{
  g_auto(CgTrackerInterview) clean = { 0, };

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (interview != NULL, FALSE);

  if (!check_interview (interview, &clean, error))
    return FALSE;

  return update_part_in_transaction (library, &interview_kind, clean.id, &clean, error);
}

gboolean
cg_tracker_remove_interview (CgLibrary   *library,
                             gint64       interview_id,
                             GError     **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);

  return remove_part_in_transaction (library, &interview_kind, interview_id, error);
}
