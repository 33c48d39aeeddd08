/* test-tracker.c: the application tracker's repository
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export golden files are in fixtures/tracker/; run the test with
 * CG_TEST_UPDATE_GOLDEN=1 to write them anew (then read the diff).
 */
#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "cg-db.h"
#include "cg-library.h"
#include "cg-schema.h"
#include "cg-tracker.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  char      *path;
  CgLibrary *library;
  sqlite3   *db;
} Fixture;

static CgLibrary *
open_library (const char *path,
              GError    **error)
{
  g_autofree char *content = cg_library_dup_content_path ();
  CgLibrary *library = cg_library_new (path, content);

  cg_library_open (library, error);
  return library;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = cg_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "career-guide", "user.db", NULL);
  f->library = open_library (f->path, &error);
  g_assert_no_error (error);
  f->db = cg_library_get_db (f->library);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return cg_test_query_int (f->db, sql);
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_db_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static gint64
stage_id (Fixture    *f,
          const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT id FROM stages WHERE name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
create (Fixture    *f,
        const char *title,
        const char *company)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cg_tracker_create (f->library, title, company, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_field (Fixture    *f,
           gint64      id,
           const char *field,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_tracker_set_field (f->library, id, field, value, &error));
  g_assert_no_error (error);
}

static void
set_stage (Fixture    *f,
           gint64      id,
           const char *stage)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_tracker_set_stage (f->library, id, stage_id (f, stage), &error));
  g_assert_no_error (error);
}

static void
set_tags (Fixture    *f,
          gint64      id,
          const char *tags)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = g_strsplit (tags, "|", -1);

  g_assert_true (cg_tracker_set_tags (f->library, id, (const char *const *) list, &error));
  g_assert_no_error (error);
}

static CgApplicationDetails *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  CgApplicationDetails *d = cg_tracker_get_application (f->library, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

static GPtrArray *
history (Fixture *f,
         gint64   id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = cg_tracker_list_history (f->library, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (list);
  return list;
}

/* The history as "field: old -> new" lines, "-" for NULL. */
static char *
history_text (Fixture *f,
              gint64   id)
{
  g_autoptr(GPtrArray) list = history (f, id);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (list, i);

      g_string_append_printf (s, "%s: %s -> %s\n", e->field,
                              e->old_value ? e->old_value : "-", e->new_value ? e->new_value : "-");
    }

  return g_string_free (s, FALSE);
}

static char *
stage_names (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) model = cg_tracker_list_stages (f->library, &error);
  GString *s = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (model, i);

      g_assert_cmpint (cg_stage_get_position (stage), ==, i);
      g_string_append_printf (s, "%s%s%s", i ? "," : "", cg_stage_get_name (stage),
                              cg_stage_get_closed (stage) ? "*" : "");
    }

  return g_string_free (s, FALSE);
}

/* Migration ----------------------------------------------------------------- */

static void
test_migration_from_4 (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  sqlite3 *db = cg_db_open (path, FALSE, &error);

  /* a library as release 4 left it, with an application in it */
  g_assert_no_error (error);
  g_assert_true (cg_db_migrate (db, cg_user_migrations, 4, &error));
  g_assert_true (cg_db_exec (db,
    "INSERT INTO applications (id, job_key, title, company, location, url, stage, date_applied, notes,"
    "                          archived, created, updated)"
    " VALUES (7, 'url:https://example.org/1', 'Old application', 'Acme', 'Berlin', 'https://example.org/1',"
    "         2, '2025-11-03', 'Some *notes*', 1, '2025-11-01T08:00:00Z', '2025-11-04T09:00:00Z');"
    "INSERT INTO application_history (application, time, field, old_value, new_value)"
    " VALUES (7, '2025-11-01T08:00:00Z', 'stage', NULL, 'Wishlist'),"
    "        (7, '2025-11-03T08:00:00Z', 'stage', 'Wishlist', 'Applied');"
    "UPDATE stages SET name = 'Open' WHERE name = 'Offer';", &error));
  g_assert_no_error (error);
  cg_db_close (db);

  library = open_library (path, &error);
  g_assert_no_error (error);
  db = cg_library_get_db (library);
  g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, CG_USER_SCHEMA_VERSION);

  d = cg_tracker_get_application (library, 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (d->title, ==, "Old application");
  g_assert_cmpstr (d->company, ==, "Acme");
  g_assert_cmpstr (d->location, ==, "Berlin");
  g_assert_cmpstr (d->job_key, ==, "url:https://example.org/1");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_cmpstr (d->date_applied, ==, "2025-11-03");
  g_assert_cmpstr (d->notes, ==, "Some *notes*");
  g_assert_true (d->archived);
  g_assert_cmpstr (d->created, ==, "2025-11-01T08:00:00Z");
  g_assert_cmpstr (d->updated, ==, "2025-11-04T09:00:00Z");
  g_assert_cmpint (d->excitement, ==, 0);
  g_assert_null (d->follow_up);
  g_assert_null (d->date_saved);
  g_assert_cmpuint (d->contacts->len, ==, 0);
  g_assert_cmpuint (g_strv_length (d->tags), ==, 0);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM application_history WHERE application = 7"), ==, 2);

  /* the seeded stages know their role, also the one the user renamed */
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM stages WHERE builtin IS NOT NULL"), ==, 7);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM stages WHERE builtin = 'applied' AND name = 'Applied'"), ==, 1);

  /* the new tables and their cascades work */
  g_assert_true (cg_db_exec (db,
    "INSERT INTO contacts (application, name) VALUES (7, 'Ana');"
    "INSERT INTO interviews (application, time) VALUES (7, '2025-11-10T10:00');"
    "INSERT INTO tags (name) VALUES ('Remote');"
    "INSERT INTO application_tags VALUES (7, 1);", &error));
  g_assert_no_error (error);
  g_assert_false (cg_db_exec (db, "INSERT INTO tags (name) VALUES ('remote')", NULL));
  g_assert_false (cg_db_exec (db, "UPDATE applications SET excitement = 6", NULL));
  g_assert_true (cg_db_exec (db, "DELETE FROM applications WHERE id = 7", &error));
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM interviews)"
    " + (SELECT count(*) FROM application_tags) + (SELECT count(*) FROM application_history)"), ==, 0);

  g_clear_object (&library);
  cg_test_remove_tree (dir);
}

/* Applications ---------------------------------------------------------------- */

static void
test_crud (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *today = dup_today ();
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 id;

  /* a title is required */
  g_assert_cmpint (cg_tracker_create (f->library, "  ", "Acme", NULL, NULL, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 0);

  id = cg_tracker_create (f->library, "Data Engineer", "Acme", "Berlin", "https://acme.example/1", &error);
  g_assert_no_error (error);
  d = get (f, id);
  g_assert_cmpstr (d->title, ==, "Data Engineer");
  g_assert_cmpstr (d->company, ==, "Acme");
  g_assert_cmpstr (d->location, ==, "Berlin");
  g_assert_cmpstr (d->url, ==, "https://acme.example/1");
  g_assert_cmpstr (d->stage, ==, "Wishlist");
  g_assert_false (d->stage_closed);
  g_assert_cmpstr (d->date_saved, ==, today);
  g_assert_null (d->date_applied);
  g_assert_null (d->job_key);
  g_assert_cmpint (d->excitement, ==, 0);
  g_assert_false (d->archived);
  g_assert_nonnull (d->created);
  g_clear_pointer (&d, cg_application_details_free);

  /* every field by name */
  set_field (f, id, "notes", "# Notes\n\nCalled *twice*.");
  set_field (f, id, "date_applied", "2026-05-01");
  set_field (f, id, "follow_up", " 2026-05-08 ");
  set_field (f, id, "deadline", "2026-05-31");
  set_field (f, id, "date_saved", "2026-04-30");
  set_field (f, id, "excitement", "4");
  set_field (f, id, "pay_asked", "€75,000");
  set_field (f, id, "pay_offered", "€72,000");
  set_field (f, id, "resume_path", "/home/me/cv.pdf");
  set_field (f, id, "cover_letter_path", "/home/me/letter.odt");
  set_field (f, id, "title", "Senior Data Engineer");
  set_field (f, id, "company", "");
  set_field (f, id, "location", NULL);
  set_field (f, id, "url", "https://acme.example/2");
  /* the same value again changes nothing */
  set_field (f, id, "notes", "# Notes\n\nCalled *twice*.");
  set_field (f, id, "excitement", "4");

  d = get (f, id);
  g_assert_cmpstr (d->notes, ==, "# Notes\n\nCalled *twice*.");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-08");
  g_assert_cmpstr (d->deadline, ==, "2026-05-31");
  g_assert_cmpstr (d->date_saved, ==, "2026-04-30");
  g_assert_cmpint (d->excitement, ==, 4);
  g_assert_cmpstr (d->pay_asked, ==, "€75,000");
  g_assert_cmpstr (d->pay_offered, ==, "€72,000");
  g_assert_cmpstr (d->resume_path, ==, "/home/me/cv.pdf");
  g_assert_cmpstr (d->cover_letter_path, ==, "/home/me/letter.odt");
  g_assert_cmpstr (d->title, ==, "Senior Data Engineer");
  g_assert_null (d->company);
  g_assert_null (d->location);
  g_assert_cmpstr (d->url, ==, "https://acme.example/2");
  g_clear_pointer (&d, cg_application_details_free);

  /* refused values leave the application as it was */
  g_assert_false (cg_tracker_set_field (f->library, id, "date_applied", "2026-02-30", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "follow_up", "05/08/2026", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "excitement", "6", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "excitement", "-1", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "title", "", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "stage", "Applied", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "archived; DROP TABLE applications", "1", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, id, "notes", "bad \xff byte", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_field (f->library, 999, "notes", "x", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* each change recorded once, with its old and new value */
  text = history_text (f, id);
  expected = g_strdup_printf ("stage: - -> Wishlist\n"
                              "notes: - -> # Notes\n\nCalled *twice*.\n"
                              "date_applied: - -> 2026-05-01\n"
                              "follow_up: - -> 2026-05-08\n"
                              "deadline: - -> 2026-05-31\n"
                              "date_saved: %s -> 2026-04-30\n"
                              "excitement: 0 -> 4\n"
                              "pay_asked: - -> €75,000\n"
                              "pay_offered: - -> €72,000\n"
                              "resume_path: - -> /home/me/cv.pdf\n"
                              "cover_letter_path: - -> /home/me/letter.odt\n"
                              "title: Data Engineer -> Senior Data Engineer\n"
                              "company: Acme -> -\n"
                              "location: Berlin -> -\n"
                              "url: https://acme.example/1 -> https://acme.example/2\n", today);
  g_assert_cmpstr (text, ==, expected);

  /* archive hides it from the board, and is recorded */
  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_APPLICATIONS), ==, 1);
  g_assert_true (cg_tracker_set_archived (f->library, id, TRUE, &error));
  g_assert_true (cg_tracker_set_archived (f->library, id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_APPLICATIONS), ==, 0);
  d = get (f, id);
  g_assert_true (d->archived);
  g_clear_pointer (&d, cg_application_details_free);
  g_assert_true (cg_tracker_set_archived (f->library, id, FALSE, &error));
  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_APPLICATIONS), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_history WHERE field = 'archived'"), ==, 2);

  g_assert_null (cg_tracker_get_application (f->library, 999, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
}

static void
test_history_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *text = NULL;
  gint64 id = create (f, "Analyst", "Initech");

  set_field (f, id, "notes", "one");
  set_field (f, id, "notes", "one two");
  set_field (f, id, "notes", "");
  set_field (f, id, "excitement", "");
  set_field (f, id, "excitement", "3");
  set_field (f, id, "excitement", "");

  text = history_text (f, id);
  g_assert_cmpstr (text, ==,
                   "stage: - -> Wishlist\n"
                   "notes: - -> one\n"
                   "notes: one -> one two\n"
                   "notes: one two -> -\n"
                   "excitement: 0 -> 3\n"
                   "excitement: 3 -> 0\n");
}

static void
test_contacts_interviews_tags (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_auto(GStrv) all_tags = NULL;
  g_autofree char *text = NULL;
  CgTrackerContact ana = { 0, (char *) "Ana Lima", (char *) "Recruiter", (char *) "ana@example.org", NULL, NULL };
  CgTrackerContact nobody = { 0, (char *) " ", NULL, NULL, NULL, NULL };
  CgTrackerInterview screen = { 0, (char *) "2026-05-12 14:00", (char *) "Phone screen", NULL };
  CgTrackerInterview bad = { 0, (char *) "2026-05-12 25:00", NULL, NULL };
  gint64 id = create (f, "Data Engineer", "Acme");
  gint64 other = create (f, "Analyst", "Initech");
  gint64 contact, interview;

  contact = cg_tracker_add_contact (f->library, id, &ana, &error);
  g_assert_no_error (error);
  g_assert_cmpint (contact, >, 0);
  g_assert_cmpint (cg_tracker_add_contact (f->library, id, &nobody, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cg_tracker_add_contact (f->library, 999, &ana, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  ana.id = contact;
  ana.phone = (char *) "+49 30 1234";
  ana.notes = (char *) "Met at a\nmeetup";
  g_assert_true (cg_tracker_update_contact (f->library, &ana, &error));
  g_assert_true (cg_tracker_update_contact (f->library, &ana, &error));
  g_assert_no_error (error);

  interview = cg_tracker_add_interview (f->library, id, &screen, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_tracker_add_interview (f->library, id, &bad, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  screen.id = interview;
  screen.time = (char *) "2026-05-13T09:30";
  screen.notes = (char *) "With the team lead";
  g_assert_true (cg_tracker_update_interview (f->library, &screen, &error));
  g_assert_no_error (error);
  screen.time = (char *) "2026-05-01";
  screen.kind = NULL;
  screen.notes = NULL;
  g_assert_cmpint (cg_tracker_add_interview (f->library, id, &screen, &error), >, 0);
  g_assert_no_error (error);

  set_tags (f, id, " remote |Python||python|ML");
  set_tags (f, id, "ml|Remote|PYTHON");
  set_tags (f, other, "remote|Go");
  g_assert_false (cg_tracker_set_tags (f->library, id, (const char *const[]) { "a;b", NULL }, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);

  d = get (f, id);
  g_assert_cmpuint (d->contacts->len, ==, 1);
  {
    CgTrackerContact *c = g_ptr_array_index (d->contacts, 0);

    g_assert_cmpint (c->id, ==, contact);
    g_assert_cmpstr (c->name, ==, "Ana Lima");
    g_assert_cmpstr (c->role, ==, "Recruiter");
    g_assert_cmpstr (c->email, ==, "ana@example.org");
    g_assert_cmpstr (c->phone, ==, "+49 30 1234");
    g_assert_cmpstr (c->notes, ==, "Met at a\nmeetup");
  }
  g_assert_cmpuint (d->interviews->len, ==, 2);
  {
    CgTrackerInterview *first = g_ptr_array_index (d->interviews, 0);
    CgTrackerInterview *second = g_ptr_array_index (d->interviews, 1);

    g_assert_cmpstr (first->time, ==, "2026-05-01");
    g_assert_null (first->kind);
    g_assert_cmpint (second->id, ==, interview);
    g_assert_cmpstr (second->time, ==, "2026-05-13T09:30");
    g_assert_cmpstr (second->kind, ==, "Phone screen");
    g_assert_cmpstr (second->notes, ==, "With the team lead");
  }
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "ML", "Python", "remote", NULL }));
  g_clear_pointer (&d, cg_application_details_free);

  all_tags = cg_tracker_list_tags (f->library, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (all_tags, ((const char *const[]) { "Go", "ML", "Python", "remote", NULL }));
  g_clear_pointer (&all_tags, g_strfreev);

  /* removing; unused tags are forgotten */
  g_assert_true (cg_tracker_remove_contact (f->library, contact, &error));
  g_assert_true (cg_tracker_remove_interview (f->library, interview, &error));
  g_assert_no_error (error);
  g_assert_false (cg_tracker_remove_contact (f->library, contact, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  set_tags (f, id, "");
  all_tags = cg_tracker_list_tags (f->library, &error);
  g_assert_cmpstrv (all_tags, ((const char *const[]) { "Go", "remote", NULL }));

  text = history_text (f, id);
  g_assert_cmpstr (text, ==,
                   "stage: - -> Wishlist\n"
                   "contact: - -> Ana Lima (Recruiter) <ana@example.org>\n"
                   "contact: Ana Lima (Recruiter) <ana@example.org> -> "
                     "Ana Lima (Recruiter) <ana@example.org> +49 30 1234: Met at a meetup\n"
                   "interview: - -> 2026-05-12T14:00 Phone screen\n"
                   "interview: 2026-05-12T14:00 Phone screen -> 2026-05-13T09:30 Phone screen: With the team lead\n"
                   "interview: - -> 2026-05-01\n"
                   "tags: - -> ML; Python; remote\n"
                   "contact: Ana Lima (Recruiter) <ana@example.org> +49 30 1234: Met at a meetup -> -\n"
                   "interview: 2026-05-13T09:30 Phone screen: With the team lead -> -\n"
                   "tags: ML; Python; remote -> -\n");
}

static void
test_stage_changes_recorded (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *today = dup_today ();
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;
  gint64 id = create (f, "Data Engineer", "Acme");
  gint64 dated = create (f, "Analyst", "Initech");

  set_stage (f, id, "Applied");
  set_stage (f, id, "Applied");
  set_stage (f, id, "Interviewing");
  set_stage (f, id, "Rejected");

  g_assert_false (cg_tracker_set_stage (f->library, id, 999, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cg_tracker_set_stage (f->library, 999, stage_id (f, "Offer"), &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* moving to Applied dates the application, once */
  d = get (f, id);
  g_assert_cmpstr (d->stage, ==, "Rejected");
  g_assert_true (d->stage_closed);
  g_assert_cmpstr (d->date_applied, ==, today);
  text = history_text (f, id);
  expected = g_strdup_printf ("stage: - -> Wishlist\n"
                              "stage: Wishlist -> Applied\n"
                              "date_applied: - -> %s\n"
                              "stage: Applied -> Interviewing\n"
                              "stage: Interviewing -> Rejected\n", today);
  g_assert_cmpstr (text, ==, expected);

  /* an application already dated keeps its date */
  set_field (f, dated, "date_applied", "2025-12-01");
  set_stage (f, dated, "Applied");
  g_clear_pointer (&d, cg_application_details_free);
  d = get (f, dated);
  g_assert_cmpstr (d->date_applied, ==, "2025-12-01");

  /* times are UTC ISO 8601 */
  list = history (f, id);
  for (guint i = 0; i < list->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (list, i);
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (e->time, NULL);

      g_assert_nonnull (parsed);
      g_assert_true (g_str_has_suffix (e->time, "Z"));
    }
}

/* Stages ---------------------------------------------------------------------- */

static void
test_custom_stages (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *names = stage_names (f);
  gint64 screen, id;

  g_assert_cmpstr (names, ==, "Wishlist,Applied,Interviewing,Offer,Accepted*,Rejected*,Withdrawn*,Ghosted*");
  g_clear_pointer (&names, g_free);

  /* add: at the end, names unique in any case, not empty */
  screen = cg_tracker_add_stage (f->library, "  Phone screen ", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (screen, >, 0);
  g_assert_cmpint (cg_tracker_add_stage (f->library, "PHONE SCREEN", FALSE, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpint (cg_tracker_add_stage (f->library, " ", FALSE, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);

  /* rename: unique, not empty; its own name in another case is fine */
  g_assert_false (cg_tracker_rename_stage (f->library, screen, "applied", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cg_tracker_rename_stage (f->library, screen, "", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cg_tracker_rename_stage (f->library, screen, "Phone Screen", &error));
  g_assert_true (cg_tracker_rename_stage (f->library, stage_id (f, "Offer"), "Offer made", &error));
  g_assert_no_error (error);
  g_assert_false (cg_tracker_rename_stage (f->library, 999, "Nowhere", &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* reorder and close */
  g_assert_true (cg_tracker_move_stage (f->library, screen, 2, &error));
  g_assert_true (cg_tracker_move_stage (f->library, stage_id (f, "Ghosted"), 100, &error));
  g_assert_true (cg_tracker_move_stage (f->library, stage_id (f, "Wishlist"), 1, &error));
  g_assert_true (cg_tracker_set_stage_closed (f->library, stage_id (f, "Withdrawn"), FALSE, &error));
  g_assert_true (cg_tracker_set_stage_closed (f->library, screen, TRUE, &error));
  g_assert_no_error (error);
  names = stage_names (f);
  g_assert_cmpstr (names, ==,
                   "Applied,Wishlist,Phone Screen*,Interviewing,Offer made,Accepted*,Rejected*,Withdrawn,Ghosted*");
  g_clear_pointer (&names, g_free);

  /* delete: refused while in use, saying by how many */
  id = create (f, "Data Engineer", "Acme");
  set_stage (f, id, "Phone Screen");
  g_assert_false (cg_tracker_delete_stage (f->library, screen, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_IN_USE);
  g_assert_nonnull (strstr (error->message, "1 application"));
  g_clear_error (&error);
  set_stage (f, id, "Interviewing");
  g_assert_true (cg_tracker_delete_stage (f->library, screen, &error));
  g_assert_no_error (error);
  names = stage_names (f);
  g_assert_cmpstr (names, ==, "Applied,Wishlist,Interviewing,Offer made,Accepted*,Rejected*,Withdrawn,Ghosted*");
  g_clear_pointer (&names, g_free);

  /* the history keeps the name the stage had */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_history WHERE new_value = 'Phone Screen'"), ==, 1);

  /* the last stage stays */
  set_stage (f, id, "Applied");
  exec (f, "DELETE FROM stages WHERE name NOT IN ('Applied', 'Wishlist')");
  g_assert_true (cg_tracker_delete_stage (f->library, stage_id (f, "Wishlist"), &error));
  g_assert_no_error (error);
  g_assert_false (cg_tracker_delete_stage (f->library, stage_id (f, "Applied"), &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_IN_USE);
  g_clear_error (&error);
}

static void
test_last_stage_kept (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  exec (f, "DELETE FROM stages WHERE name <> 'Ghosted'");
  g_assert_false (cg_tracker_delete_stage (f->library, stage_id (f, "Ghosted"), &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stages"), ==, 1);
}

/* Duplicates ---------------------------------------------------------------- */

static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *opti = cg_test_query_text (f->db, "SELECT key FROM jobs WHERE company = 'OptiTrack'");
  g_autofree char *bny = cg_test_query_text (f->db, "SELECT key FROM jobs WHERE company = 'BNY'");
  g_autofree char *two = cg_test_query_text (f->db, "SELECT key FROM jobs WHERE location_count = 2");
  gint64 existing = -1;
  gint64 id, mine, second;

  /* from a posting: its title, company, first location and link */
  id = cg_tracker_create_from_job (f->library, opti, &existing, &error);
  g_assert_no_error (error);
  g_assert_cmpint (existing, ==, 0);
  d = get (f, id);
  g_assert_cmpstr (d->job_key, ==, opti);
  g_assert_cmpstr (d->title, ==, "Machine Learning & Operations Engineer");
  g_assert_cmpstr (d->company, ==, "OptiTrack");
  g_assert_cmpstr (d->location, ==, "Miami, FL");
  g_assert_cmpstr (d->stage, ==, "Wishlist");
  g_clear_pointer (&d, cg_application_details_free);
  g_assert_cmpint (cg_library_find_application_for_job (f->library, opti), ==, id);

  second = cg_tracker_create_from_job (f->library, two, NULL, &error);
  g_assert_no_error (error);
  d = get (f, second);
  g_assert_cmpstr (d->location, ==, "Orlando, FL");
  g_assert_null (d->company);
  g_clear_pointer (&d, cg_application_details_free);

  /* the same posting again: refused, naming the one there is */
  g_assert_cmpint (cg_tracker_create_from_job (f->library, opti, &existing, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_DUPLICATE);
  g_assert_cmpint (existing, ==, id);
  g_clear_error (&error);

  /* the same company and title, in another case, archived: also */
  mine = create (f, "  senior specialist, ai / machine learning data engineer ", " bny");
  g_assert_true (cg_tracker_set_archived (f->library, mine, TRUE, &error));
  g_assert_cmpint (cg_tracker_create_from_job (f->library, bny, &existing, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_DUPLICATE);
  g_assert_cmpint (existing, ==, mine);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 3);

  g_assert_cmpint (cg_tracker_find_duplicate (f->library, NULL, "OPTITRACK", "machine learning & operations engineer"), ==, id);
  g_assert_cmpint (cg_tracker_find_duplicate (f->library, opti, NULL, NULL), ==, id);
  g_assert_cmpint (cg_tracker_find_duplicate (f->library, NULL, "OptiTrack", "Another job"), ==, 0);
  g_assert_cmpint (cg_tracker_find_duplicate (f->library, NULL, NULL, "AI/Machine Learning Engineer Senior"), ==, second);

  /* a posting that is not there */
  g_assert_cmpint (cg_tracker_create_from_job (f->library, "sha1:nothing", &existing, &error), ==, 0);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_assert_cmpint (existing, ==, 0);
}

/* Delete and restore ---------------------------------------------------------- */

static void
assert_same_details (CgApplicationDetails *a,
                     CgApplicationDetails *b)
{
  g_assert_cmpint (a->id, ==, b->id);
  g_assert_cmpstr (a->job_key, ==, b->job_key);
  g_assert_cmpstr (a->title, ==, b->title);
  g_assert_cmpstr (a->company, ==, b->company);
  g_assert_cmpstr (a->location, ==, b->location);
  g_assert_cmpstr (a->url, ==, b->url);
  g_assert_cmpint (a->stage_id, ==, b->stage_id);
  g_assert_cmpstr (a->stage, ==, b->stage);
  g_assert_cmpstr (a->date_saved, ==, b->date_saved);
  g_assert_cmpstr (a->date_applied, ==, b->date_applied);
  g_assert_cmpstr (a->deadline, ==, b->deadline);
  g_assert_cmpstr (a->follow_up, ==, b->follow_up);
  g_assert_cmpstr (a->pay_asked, ==, b->pay_asked);
  g_assert_cmpstr (a->pay_offered, ==, b->pay_offered);
  g_assert_cmpint (a->excitement, ==, b->excitement);
  g_assert_cmpstr (a->resume_path, ==, b->resume_path);
  g_assert_cmpstr (a->cover_letter_path, ==, b->cover_letter_path);
  g_assert_cmpstr (a->notes, ==, b->notes);
  g_assert_cmpint (a->archived, ==, b->archived);
  g_assert_cmpstr (a->created, ==, b->created);
  g_assert_cmpstr (a->updated, ==, b->updated);
  g_assert_cmpuint (a->contacts->len, ==, b->contacts->len);
  for (guint i = 0; i < a->contacts->len; i++)
    {
      CgTrackerContact *x = g_ptr_array_index (a->contacts, i);
      CgTrackerContact *y = g_ptr_array_index (b->contacts, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->role, ==, y->role);
      g_assert_cmpstr (x->email, ==, y->email);
      g_assert_cmpstr (x->phone, ==, y->phone);
      g_assert_cmpstr (x->notes, ==, y->notes);
    }
  g_assert_cmpuint (a->interviews->len, ==, b->interviews->len);
  for (guint i = 0; i < a->interviews->len; i++)
    {
      CgTrackerInterview *x = g_ptr_array_index (a->interviews, i);
      CgTrackerInterview *y = g_ptr_array_index (b->interviews, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->time, ==, y->time);
      g_assert_cmpstr (x->kind, ==, y->kind);
      g_assert_cmpstr (x->notes, ==, y->notes);
    }
  g_assert_cmpstrv (a->tags, b->tags);
}

static void
assert_same_history (GPtrArray *a,
                     GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      CgTrackerHistoryEntry *x = g_ptr_array_index (a, i);
      CgTrackerHistoryEntry *y = g_ptr_array_index (b, i);

      g_assert_cmpint (x->id, ==, y->id);
      g_assert_cmpstr (x->time, ==, y->time);
      g_assert_cmpstr (x->field, ==, y->field);
      g_assert_cmpstr (x->old_value, ==, y->old_value);
      g_assert_cmpstr (x->new_value, ==, y->new_value);
    }
}

static gint64
make_rich_application (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CgTrackerContact ana = { 0, (char *) "Ana", (char *) "Recruiter", NULL, (char *) "+1 555", (char *) "x" };
  CgTrackerContact bo = { 0, (char *) "Bo", NULL, (char *) "bo@example.org", NULL, NULL };
  CgTrackerInterview onsite = { 0, (char *) "2026-05-20T10:00", (char *) "On site", (char *) "Bring ID" };
  gint64 id = create (f, "Data Engineer", "Acme");

  set_stage (f, id, "Applied");
  set_field (f, id, "notes", "Line 1\nLine 2");
  set_field (f, id, "excitement", "5");
  set_field (f, id, "follow_up", "2026-05-15");
  set_field (f, id, "pay_asked", "100k");
  g_assert_cmpint (cg_tracker_add_contact (f->library, id, &ana, &error), >, 0);
  g_assert_cmpint (cg_tracker_add_contact (f->library, id, &bo, &error), >, 0);
  g_assert_cmpint (cg_tracker_add_interview (f->library, id, &onsite, &error), >, 0);
  g_assert_no_error (error);
  set_tags (f, id, "remote|urgent");
  /* times as an older application would have them */
  exec (f, "UPDATE application_history SET time = printf('2026-04-%02dT08:00:00Z', id);"
           "UPDATE applications SET created = '2026-04-01T07:00:00Z', updated = '2026-04-20T07:00:00Z'");
  return id;
}

static void
test_delete_restore (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrackerSnapshot) snapshot = NULL;
  g_autoptr(CgApplicationDetails) before = NULL;
  g_autoptr(CgApplicationDetails) after = NULL;
  g_autoptr(GPtrArray) history_before = NULL;
  g_autoptr(GPtrArray) history_after = NULL;
  gint64 keep = create (f, "Analyst", "Initech");
  gint64 id = make_rich_application (f);
  gint64 restored;

  set_tags (f, keep, "remote");
  before = get (f, id);
  history_before = history (f, id);
  g_assert_cmpuint (history_before->len, >=, 9);

  snapshot = cg_tracker_delete (f->library, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (cg_tracker_snapshot_get_id (snapshot), ==, id);

  /* gone with everything it had; a tag only it used is forgotten */
  g_assert_null (cg_tracker_get_application (f->library, id, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM interviews"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_tags"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_history WHERE application <> 1"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM tags WHERE name = 'urgent'"), ==, 0);
  g_assert_null (cg_tracker_delete (f->library, id, &error));
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* undo: the same id, fields, contacts, interviews, tags and history */
  restored = cg_tracker_restore (f->library, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, ==, id);
  after = get (f, id);
  history_after = history (f, id);
  assert_same_details (before, after);
  assert_same_history (history_before, history_after);
  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_APPLICATIONS), ==, 2);
}

static void
test_restore_after_id_taken (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrackerSnapshot) snapshot = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  gint64 id = make_rich_application (f);
  gint64 other, restored;

  snapshot = cg_tracker_delete (f->library, id, &error);
  g_assert_no_error (error);

  /* a new application takes the free id (SQLite reuses the largest) */
  other = create (f, "Someone else", NULL);
  g_assert_cmpint (other, ==, id);

  restored = cg_tracker_restore (f->library, snapshot, &error);
  g_assert_no_error (error);
  g_assert_cmpint (restored, !=, id);
  d = get (f, restored);
  g_assert_cmpstr (d->title, ==, "Data Engineer");
  g_assert_cmpuint (d->contacts->len, ==, 2);
  g_assert_cmpuint (d->interviews->len, ==, 1);
  g_assert_cmpuint (g_strv_length (d->tags), ==, 2);
  g_clear_pointer (&d, cg_application_details_free);
  d = get (f, other);
  g_assert_cmpstr (d->title, ==, "Someone else");
  g_assert_cmpuint (d->contacts->len, ==, 0);
}

/* Reminders ------------------------------------------------------------------- */

static void
test_reminders (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) due = NULL;
  CgTrackerInterview iv = { 0, NULL, (char *) "Call", NULL };
  gint64 today = create (f, "Today", "A");
  gint64 overdue = create (f, "Overdue", "B");
  gint64 future = create (f, "Future", "C");
  gint64 closed = create (f, "Closed", "D");
  gint64 archived = create (f, "Archived", "E");
  struct {
    CgTrackerReminderKind kind;
    gint64 application;
    const char *when;
    gboolean overdue;
  } expected[] = {
    { CG_TRACKER_REMINDER_FOLLOW_UP, overdue, "2026-05-01", TRUE },
    { CG_TRACKER_REMINDER_INTERVIEW, overdue, "2026-05-03T10:00", TRUE },
    { CG_TRACKER_REMINDER_FOLLOW_UP, today, "2026-05-10", FALSE },
    { CG_TRACKER_REMINDER_INTERVIEW, today, "2026-05-10T09:30", FALSE },
  };

  set_field (f, today, "follow_up", "2026-05-10");
  set_field (f, overdue, "follow_up", "2026-05-01");
  set_field (f, future, "follow_up", "2026-05-11");
  set_field (f, closed, "follow_up", "2026-05-05");
  set_field (f, archived, "follow_up", "2026-05-05");
  set_stage (f, overdue, "Applied");
  set_stage (f, closed, "Rejected");
  g_assert_true (cg_tracker_set_archived (f->library, archived, TRUE, &error));

  iv.time = (char *) "2026-05-10 09:30";
  g_assert_cmpint (cg_tracker_add_interview (f->library, today, &iv, &error), >, 0);
  iv.time = (char *) "2026-05-03T10:00";
  g_assert_cmpint (cg_tracker_add_interview (f->library, overdue, &iv, &error), >, 0);
  iv.time = (char *) "2026-05-20T10:00";
  g_assert_cmpint (cg_tracker_add_interview (f->library, future, &iv, &error), >, 0);
  iv.time = (char *) "2026-05-02T10:00";
  g_assert_cmpint (cg_tracker_add_interview (f->library, closed, &iv, &error), >, 0);
  g_assert_cmpint (cg_tracker_add_interview (f->library, archived, &iv, &error), >, 0);
  g_assert_no_error (error);

  due = cg_tracker_list_due (f->library, "2026-05-10", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < due->len; i++)
    {
      CgTrackerReminder *r = g_ptr_array_index (due, i);

      g_assert_cmpint (r->kind, ==, expected[i].kind);
      g_assert_cmpint (r->application, ==, expected[i].application);
      g_assert_cmpstr (r->when, ==, expected[i].when);
      g_assert_cmpint (r->overdue, ==, expected[i].overdue);
      g_assert_cmpint (r->interview != 0, ==, r->kind == CG_TRACKER_REMINDER_INTERVIEW);
      g_assert_nonnull (r->title);
    }
  g_assert_cmpint (cg_tracker_count_due (f->library, "2026-05-10", &error), ==, 4);
  g_assert_cmpint (cg_tracker_count_due (f->library, "2026-05-11", &error), ==, 5);
  g_assert_cmpint (cg_tracker_count_due (f->library, "2026-04-30", &error), ==, 0);
  g_assert_no_error (error);

  /* reopening the closed stage brings its reminders back */
  g_assert_true (cg_tracker_set_stage_closed (f->library, stage_id (f, "Rejected"), FALSE, &error));
  g_assert_cmpint (cg_tracker_count_due (f->library, "2026-05-10", &error), ==, 6);

  g_assert_cmpint (cg_tracker_count_due (f->library, "05/10/2026", &error), ==, -1);
  g_assert_error (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_INVALID);
}

/* Statistics ---------------------------------------------------------------- */

/* Seven applications with a known past:
 *   A  Wishlist 04-28, Applied 05-01, Interviewing 05-05, Offer 05-09 09:00,
 *      Accepted 05-11 21:00                                   applied 05-01
 *   B  Wishlist 04-20, Applied 04-22, Rejected 04-30 (archived)  applied 04-22
 *   C  Wishlist 04-25, Applied 04-27, Interviewing 05-02, Rejected 05-10
 *                                                             applied 04-27
 *   D  Wishlist 05-01
 *   E  Wishlist 04-10, Applied 04-12, Ghosted 05-10           applied 04-12
 *   F  Applied 05-06 (imported)                               applied 05-06
 *   G  Wishlist 05-02, Withdrawn 05-03
 */
static const char stats_fixture[] =
  "INSERT INTO applications (id, title, stage, date_applied, archived) VALUES"
  " (1, 'A', (SELECT id FROM stages WHERE name = 'Accepted'), '2026-05-01', 0),"
  " (2, 'B', (SELECT id FROM stages WHERE name = 'Rejected'), '2026-04-22', 1),"
  " (3, 'C', (SELECT id FROM stages WHERE name = 'Rejected'), '2026-04-27', 0),"
  " (4, 'D', (SELECT id FROM stages WHERE name = 'Wishlist'), NULL, 0),"
  " (5, 'E', (SELECT id FROM stages WHERE name = 'Ghosted'), '2026-04-12', 0),"
  " (6, 'F', (SELECT id FROM stages WHERE name = 'Applied'), '2026-05-06', 0),"
  " (7, 'G', (SELECT id FROM stages WHERE name = 'Withdrawn'), NULL, 0);"
  "INSERT INTO application_history (application, time, field, old_value, new_value) VALUES"
  " (1, '2026-04-28T09:00:00Z', 'stage', NULL, 'Wishlist'),"
  " (1, '2026-04-29T09:00:00Z', 'notes', NULL, 'not a stage change'),"
  " (1, '2026-05-01T09:00:00Z', 'stage', 'Wishlist', 'Applied'),"
  " (1, '2026-05-05T09:00:00Z', 'stage', 'Applied', 'Interviewing'),"
  " (1, '2026-05-09T09:00:00Z', 'stage', 'Interviewing', 'Offer'),"
  " (1, '2026-05-11T21:00:00Z', 'stage', 'Offer', 'Accepted'),"
  " (2, '2026-04-20T09:00:00Z', 'stage', NULL, 'Wishlist'),"
  " (2, '2026-04-22T09:00:00Z', 'stage', 'Wishlist', 'Applied'),"
  " (2, '2026-04-30T09:00:00Z', 'stage', 'Applied', 'Rejected'),"
  " (3, '2026-04-25T09:00:00Z', 'stage', NULL, 'Wishlist'),"
  " (3, '2026-04-27T09:00:00Z', 'stage', 'Wishlist', 'Applied'),"
  " (3, '2026-05-02T09:00:00Z', 'stage', 'Applied', 'Interviewing'),"
  " (3, '2026-05-10T09:00:00Z', 'stage', 'Interviewing', 'Rejected'),"
  " (4, '2026-05-01T09:00:00Z', 'stage', NULL, 'Wishlist'),"
  " (5, '2026-04-10T09:00:00Z', 'stage', NULL, 'Wishlist'),"
  " (5, '2026-04-12T09:00:00Z', 'stage', 'Wishlist', 'Applied'),"
  " (5, '2026-05-10T09:00:00Z', 'stage', 'Applied', 'Ghosted'),"
  " (6, '2026-05-06T09:00:00Z', 'stage', NULL, 'Applied'),"
  " (7, '2026-05-02T09:00:00Z', 'stage', NULL, 'Wishlist'),"
  " (7, '2026-05-03T09:00:00Z', 'stage', 'Wishlist', 'Withdrawn');";

static void
test_stats (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrackerStats) stats = NULL;
  /* by hand, from the fixture above */
  static const struct {
    const char *name;
    guint count;
    guint n_stays;
    double median;
  } stages[] = {
    { "Wishlist", 1, 5, 2 },        /* stays 3, 2, 2, 2, 1 (D still there) */
    { "Applied", 1, 4, 6.5 },       /* 4, 8, 5, 28 (F still there) */
    { "Interviewing", 0, 2, 6 },    /* 4, 8 */
    { "Offer", 0, 1, 2.5 },         /* 05-09 09:00 to 05-11 21:00 */
    { "Accepted", 1, 0, -1 },
    { "Rejected", 2, 0, -1 },
    { "Withdrawn", 1, 0, -1 },
    { "Ghosted", 1, 0, -1 },
  };
  static const struct {
    const char *week;
    const char *monday;
    guint count;
  } weeks[] = {
    { "2026-W17", "2026-04-20", 1 },  /* B; E (04-12) is before */
    { "2026-W18", "2026-04-27", 2 },  /* C, A */
    { "2026-W19", "2026-05-04", 1 },  /* F */
    { "2026-W20", "2026-05-11", 0 },
  };

  exec (f, stats_fixture);
  /* renamed stages are still found, in the history too */
  g_assert_true (cg_tracker_rename_stage (f->library, stage_id (f, "Interviewing"), "Talking", &error));
  g_assert_no_error (error);

  stats = cg_tracker_get_stats (f->library, "2026-05-13", 4, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (stats->total, ==, 7);
  g_assert_cmpuint (stats->stages->len, ==, G_N_ELEMENTS (stages));
  for (guint i = 0; i < stats->stages->len; i++)
    {
      CgTrackerStageStats *s = g_ptr_array_index (stats->stages, i);

      g_assert_cmpstr (s->name, ==, i == 2 ? "Talking" : stages[i].name);
      g_assert_cmpuint (s->count, ==, stages[i].count);
      g_assert_cmpuint (s->n_stays, ==, stages[i].n_stays);
      g_assert_cmpfloat_with_epsilon (s->median_days, stages[i].median, 1e-9);
    }

  /* accepted: A; offer: A; interviewing: A, C; applied: all but D (G went
   * to Withdrawn, placed after Applied); responded: A, B, C, G (E was
   * ghosted, F waits) */
  g_assert_cmpuint (stats->accepted, ==, 1);
  g_assert_cmpuint (stats->offer, ==, 1);
  g_assert_cmpuint (stats->interviewing, ==, 2);
  g_assert_cmpuint (stats->applied, ==, 6);
  g_assert_cmpuint (stats->responded, ==, 4);
  g_assert_cmpfloat_with_epsilon (stats->response_rate, 4.0 / 6.0, 1e-9);

  g_assert_cmpuint (stats->weeks->len, ==, G_N_ELEMENTS (weeks));
  for (guint i = 0; i < stats->weeks->len; i++)
    {
      CgTrackerWeekStats *w = g_ptr_array_index (stats->weeks, i);

      g_assert_cmpstr (w->week, ==, weeks[i].week);
      g_assert_cmpstr (w->monday, ==, weeks[i].monday);
      g_assert_cmpuint (w->count, ==, weeks[i].count);
    }
  g_clear_pointer (&stats, cg_tracker_stats_free);

  /* ISO weeks across the new year */
  stats = cg_tracker_get_stats (f->library, "2027-01-01", 1, &error);
  g_assert_cmpstr (((CgTrackerWeekStats *) g_ptr_array_index (stats->weeks, 0))->week, ==, "2026-W53");
  g_clear_pointer (&stats, cg_tracker_stats_free);
  stats = cg_tracker_get_stats (f->library, "2026-01-01", 1, &error);
  g_assert_cmpstr (((CgTrackerWeekStats *) g_ptr_array_index (stats->weeks, 0))->week, ==, "2026-W01");
  g_assert_cmpstr (((CgTrackerWeekStats *) g_ptr_array_index (stats->weeks, 0))->monday, ==, "2025-12-29");
}

static void
test_stats_empty (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrackerStats) stats = cg_tracker_get_stats (f->library, NULL, 12, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (stats->total, ==, 0);
  g_assert_cmpuint (stats->applied, ==, 0);
  g_assert_cmpfloat (stats->response_rate, ==, 0);
  g_assert_cmpuint (stats->stages->len, ==, 8);
  g_assert_cmpuint (stats->weeks->len, ==, 12);
}

/* Export ------------------------------------------------------------------ */

/* The applications of the export golden files, with fixed times. */
static void
make_export_fixture (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  CgTrackerContact ana = { 0, (char *) "Ana Lima", (char *) "Recruiter", (char *) "ana@example.org",
                           (char *) "+49 30 1234", (char *) "Met at a meetup" };
  CgTrackerContact bo = { 0, (char *) "Bo", (char *) "Team lead", NULL, NULL, NULL };
  CgTrackerInterview screen = { 0, (char *) "2026-05-12T14:00", (char *) "Phone screen", (char *) "With \"the\" lead" };
  gint64 a, b, c;

  a = create (f, "Data Engineer", "Acme, Inc.");
  set_field (f, a, "location", "Berlin");
  set_field (f, a, "url", "https://acme.example/jobs/1");
  set_field (f, a, "date_applied", "2026-05-01");
  set_stage (f, a, "Applied");
  set_stage (f, a, "Interviewing");
  set_field (f, a, "follow_up", "2026-05-15");
  set_field (f, a, "excitement", "4");
  set_field (f, a, "pay_asked", "€75,000");
  set_field (f, a, "resume_path", "/home/me/cv.pdf");
  set_field (f, a, "notes", "First line\nSecond line with \"quotes\"\n- a list item");
  set_tags (f, a, "remote|python");
  g_assert_cmpint (cg_tracker_add_contact (f->library, a, &ana, &error), >, 0);
  g_assert_cmpint (cg_tracker_add_contact (f->library, a, &bo, &error), >, 0);
  g_assert_cmpint (cg_tracker_add_interview (f->library, a, &screen, &error), >, 0);
  g_assert_no_error (error);

  b = create (f, "ML Ops", "=HYPERLINK(\"https://evil.example\",\"Click\")");
  set_field (f, b, "location", "@cmd");
  set_field (f, b, "pay_asked", "-5");
  set_field (f, b, "pay_offered", "+1");
  set_field (f, b, "notes", "\tstarts with a tab");
  set_field (f, b, "deadline", "2026-06-30");
  set_tags (f, b, "python");
  g_assert_true (cg_tracker_set_archived (f->library, b, TRUE, &error));

  /* a posting of the user's own, so the files do not follow the bundled ones */
  exec (f, "INSERT INTO jobs (key, origin, title, company, locations, location_count, url, valid_through)"
           " VALUES ('url:https://jobs.example/42', 'user', 'Machine Learning Engineer', 'Globex',"
           "         'Remote' || char(10) || 'Springfield, OR', 2, 'https://jobs.example/42',"
           "         '2026-06-15T23:59:00Z')");
  c = cg_tracker_create_from_job (f->library, "url:https://jobs.example/42", NULL, &error);
  g_assert_no_error (error);
  set_field (f, c, "date_applied", "2026-05-06");
  set_stage (f, c, "Applied");

  exec (f,
    "UPDATE application_history SET time = printf('2026-05-%02dT10:00:00Z', id);"
    "UPDATE applications SET created = '2026-04-30T08:00:00Z', updated = '2026-05-09T18:30:00Z',"
    "  date_saved = '2026-04-30';");
  (void) c;
}

static char *
export_to_string (Fixture               *f,
                  const CgTrackerFilter *filter,
                  gboolean               json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  gboolean ok;

  if (json)
    ok = cg_tracker_export_json (f->library, filter, stream, NULL, &error);
  else
    ok = cg_tracker_export_csv (f->library, filter, stream, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));

  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "tracker", name, NULL);
}

static void
assert_golden (const char *output,
               const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;

  if (g_getenv ("CG_TEST_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, output, -1, &error));
      g_assert_no_error (error);
      return;
    }

  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (output, ==, expected);
}

static void
test_export_csv (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *csv = NULL;

  make_export_fixture (f);
  csv = export_to_string (f, NULL, FALSE);
  g_assert_true (g_utf8_validate (csv, -1, NULL));
  assert_golden (csv, "export.csv");

  /* what the defence looks like, quoted by libcsv */
  g_assert_nonnull (strstr (csv, ",\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"Click\"\")\","));
  g_assert_nonnull (strstr (csv, ",'@cmd,"));
  g_assert_nonnull (strstr (csv, ",'-5,'+1,"));
  g_assert_nonnull (strstr (csv, ",'\tstarts with a tab,"));
  g_assert_nonnull (strstr (csv, "\"First line\nSecond line with \"\"quotes\"\"\n- a list item\""));
}

static void
test_export_json (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  JsonObject *root;
  JsonArray *apps;

  make_export_fixture (f);
  json = export_to_string (f, NULL, TRUE);
  assert_golden (json, "export.json");

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  apps = json_object_get_array_member (root, "applications");
  g_assert_cmpuint (json_array_get_length (apps), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (apps, 1), "company"), ==,
                   "=HYPERLINK(\"https://evil.example\",\"Click\")");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "stages")), ==, 8);
}

static void
test_export_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  struct {
    CgTrackerFilter filter;
    const char *ids;
  } cases[] = {
    { { 0, NULL, NULL, NULL, NULL, TRUE }, "1,2,3" },
    { { 0, NULL, NULL, NULL, NULL, FALSE }, "1,3" },
    { { 0, "ACME", NULL, NULL, NULL, TRUE }, "1" },
    { { 0, "glob", NULL, NULL, NULL, TRUE }, "3" },
    { { 0, NULL, "Python", NULL, NULL, TRUE }, "1,2" },
    { { 0, NULL, "python", NULL, NULL, FALSE }, "1" },
    { { 0, NULL, "nothing", NULL, NULL, TRUE }, "" },
    { { 0, NULL, NULL, "2026-05-02", NULL, TRUE }, "3" },
    { { 0, NULL, NULL, NULL, "2026-05-05", TRUE }, "1" },
    { { 0, NULL, NULL, "2026-05-01", "2026-05-06", TRUE }, "1,3" },
    { { -1, NULL, NULL, NULL, NULL, TRUE }, "" },
    { { 0, NULL, NULL, NULL, NULL, TRUE }, "1" },  /* below: Interviewing */
  };

  make_export_fixture (f);
  cases[G_N_ELEMENTS (cases) - 1].filter.stage_id = stage_id (f, "Interviewing");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) list = cg_tracker_list_applications (f->library, &cases[i].filter, &error);
      g_autoptr(GString) ids = g_string_new (NULL);

      g_assert_no_error (error);
      for (guint j = 0; j < list->len; j++)
        g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, j ? "," : "",
                                ((CgApplicationDetails *) g_ptr_array_index (list, j))->id);
      g_assert_cmpstr (ids->str, ==, cases[i].ids);
    }

  /* the export follows the filter */
  csv = export_to_string (f, &cases[3].filter, FALSE);
  g_assert_true (g_str_has_prefix (csv, "ID,Title,"));
  g_assert_nonnull (strstr (csv, "\r\n3,Machine Learning Engineer,Globex,Remote,https://jobs.example/42,"
                                 "url:https://jobs.example/42,Applied,2026-04-30,2026-05-06,2026-06-15,"));
  g_assert_null (strstr (csv, "\r\n1,"));
  g_assert_true (g_str_has_suffix (csv, ",2026-05-24 Wishlist; 2026-05-26 Applied\r\n"));
}

/* Import ---------------------------------------------------------------------- */

static char *
problems_text (CgTrackerImportReport *report)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < report->problems->len; i++)
    {
      CgTrackerImportProblem *p = g_ptr_array_index (report->problems, i);

      g_string_append_printf (s, "%u: %s\n", p->line, p->message);
    }

  return g_string_free (s, FALSE);
}

static char *
strings_text (GPtrArray *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (list, i));

  return g_string_free (s, FALSE);
}

static CgApplicationDetails *
get_by_title (Fixture    *f,
              const char *title)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT id FROM applications WHERE title = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return get (f, sqlite3_column_int64 (stmt, 0));
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("good.csv");
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 3);
  g_assert_cmpuint (report.problems->len, ==, 0);
  g_assert_cmpuint (report.new_stages->len, ==, 0);
  g_assert_cmpuint (report.ignored_columns->len, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 3);

  d = get_by_title (f, "Data Engineer");
  g_assert_cmpstr (d->company, ==, "Acme");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_assert_cmpstr (d->date_saved, ==, "2026-04-28");
  g_assert_cmpstr (d->deadline, ==, "2026-05-15");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-08");
  g_assert_cmpstr (d->pay_asked, ==, "€70,000");
  g_assert_null (d->pay_offered);
  g_assert_cmpstr (d->location, ==, "Berlin");
  g_assert_cmpint (d->excitement, ==, 4);
  g_assert_cmpstr (d->notes, ==, "Sent via the portal");
  g_assert_cmpstr (d->url, ==, "https://acme.example/jobs/1");
  text = history_text (f, d->id);
  g_assert_cmpstr (text, ==, "stage: - -> Applied\n");
  g_clear_pointer (&d, cg_application_details_free);

  d = get_by_title (f, "Backend Developer");
  g_assert_cmpstr (d->company, ==, "Initech");
  g_assert_cmpstr (d->stage, ==, "Wishlist");
  g_assert_null (d->date_applied);
  g_assert_cmpstr (d->date_saved, ==, "2026-05-02");
  g_assert_null (d->deadline);
  g_assert_null (d->notes);
  g_assert_cmpstr (d->location, ==, "Remote");
  g_assert_cmpint (d->excitement, ==, 2);
  g_clear_pointer (&d, cg_application_details_free);

  d = get_by_title (f, "Platform Engineer");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->location, ==, "Springfield, OR");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-12");
  g_assert_cmpint (d->excitement, ==, 5);
  g_assert_null (d->url);
  g_clear_pointer (&d, cg_application_details_free);

  /* the same file again: every row is already there */
  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 0);
  g_clear_pointer (&text, g_free);
  text = problems_text (&report);
  g_assert_cmpstr (text, ==, "2: already tracked\n3: already tracked\n4: already tracked\n");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 3);
}

static void
test_import_messy (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("messy.csv");
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);

  /* rows with problems, by the line they start on */
  text = problems_text (&report);
  g_assert_cmpstr (text, ==,
                   "8: no title\n"
                   "10: “13/45/2026” is not a date (Applied On)\n"
                   "13: “7” is not an excitement from 0 to 5 (Rating)\n"
                   "14: no title; “31.02.2026” is not a date (Applied On)\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (report.imported, ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 4);
  text = strings_text (report.new_stages);
  g_assert_cmpstr (text, ==, "Phone Screen");
  g_clear_pointer (&text, g_free);
  text = strings_text (report.ignored_columns);
  g_assert_cmpstr (text, ==, "Source");
  g_clear_pointer (&text, g_free);

  /* the unknown stage is a new one at the end */
  names = stage_names (f);
  g_assert_cmpstr (names, ==,
                   "Wishlist,Applied,Interviewing,Offer,Accepted*,Rejected*,Withdrawn*,Ghosted*,Phone Screen");

  /* BOM and odd headers; MM/DD/YYYY; a stage in lower case; tags */
  d = get_by_title (f, "Backend Developer");
  g_assert_cmpstr (d->company, ==, "Initech");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-04");
  g_assert_cmpstr (d->pay_asked, ==, "$90,000");
  g_assert_cmpint (d->excitement, ==, 3);
  g_assert_cmpstr (d->url, ==, "https://initech.example/jobs/7");
  g_assert_cmpstr (d->notes, ==, "Plain note");
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "backend", "python", NULL }));
  g_clear_pointer (&d, cg_application_details_free);

  /* multi-line cells; DD.MM.YYYY */
  d = get_by_title (f, "Platform Engineer");
  g_assert_cmpstr (d->company, ==, "Globex\nCorporation");
  g_assert_cmpstr (d->stage, ==, "Phone Screen");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-04");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-20");
  g_assert_cmpint (d->excitement, ==, 5);
  g_assert_cmpstr (d->notes, ==, "Line one\nline two, with a comma\n\"quoted\" line three");
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "remote", NULL }));
  g_clear_pointer (&d, cg_application_details_free);

  /* another tracker's name for a stage; a date with a time */
  d = get_by_title (f, "Importer");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_clear_pointer (&d, cg_application_details_free);

  /* no stage and no date: the first stage */
  d = get_by_title (f, "Designer");
  g_assert_cmpstr (d->stage, ==, "Wishlist");
  g_assert_null (d->date_applied);
  g_assert_cmpint (d->excitement, ==, 0);
}

static void
assert_import_fails (Fixture    *f,
                     const char *path,
                     int         code,
                     const char *message)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_false (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_error (error, CG_TRACKER_ERROR, code);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_cmpuint (report.imported, ==, 0);
  g_assert_null (report.problems);

  /* nothing at all was imported */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_history"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stages"), ==, 8);
}

static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *quote = fixture_path ("broken.csv");
  g_autofree char *no_title = fixture_path ("broken-no-title.csv");
  g_autofree char *stray = g_build_filename (f->dir, "stray.csv", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;

  /* a quote never closed: the good row before it (with a new stage) is not kept */
  assert_import_fails (f, quote, CG_TRACKER_ERROR_PARSE, "line 3");
  assert_import_fails (f, no_title, CG_TRACKER_ERROR_PARSE, "title");

  cg_test_write_file (f->dir, "stray.csv",
                      "Title,Company\nData Engineer,Acme\n\nAnalyst,Init\"ech\nDesigner,Wayne\n");
  assert_import_fails (f, stray, CG_TRACKER_ERROR_PARSE, "Line 4");
  cg_test_write_file (f->dir, "empty.csv", "\xef\xbb\xbf\n\n");
  assert_import_fails (f, empty, CG_TRACKER_ERROR_PARSE, "empty");

  g_assert_false (cg_tracker_import_csv (f->library, missing, &report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* A file that is not UTF-8 reads as Latin-1 (it used to be refused);
 * UTF-16 with a BOM and semicolons read too. */
static void
test_import_encodings (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *latin1 = fixture_path ("latin1.csv");
  g_autofree char *utf16 = g_build_filename (f->dir, "utf16.csv", NULL);
  /* "Title;Company\nAnalyst;Café Ñ\n" in UTF-16LE with its BOM */
  static const char text[] = "Title;Company\nAnalyst;Caf\xc3\xa9 \xc3\x91\n";
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;
  g_autoptr(GString) bytes = g_string_new ("\xff\xfe");

  g_assert_true (cg_tracker_import_csv (f->library, latin1, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 2);
  d = get_by_title (f, "Engineer");
  g_assert_cmpstr (d->company, ==, "M\xc3\xbcller GmbH");
  g_clear_pointer (&d, cg_application_details_free);

  units = g_utf8_to_utf16 (text, -1, NULL, &n_units, NULL);
  for (glong i = 0; i < n_units; i++)
    {
      g_string_append_c (bytes, (char) (units[i] & 0xff));
      g_string_append_c (bytes, (char) (units[i] >> 8));
    }
  g_assert_true (g_file_set_contents (utf16, bytes->str, (gssize) bytes->len, NULL));
  g_assert_true (cg_tracker_import_csv (f->library, utf16, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 1);
  d = get_by_title (f, "Analyst");
  g_assert_cmpstr (d->company, ==, "Caf\xc3\xa9 \xc3\x91");
}

static void
test_import_crlf (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *path = g_build_filename (f->dir, "windows.csv", NULL);
  g_autofree char *text = NULL;

  /* Windows line ends, also inside a quoted cell, and no line end at the end */
  cg_test_write_file (f->dir, "windows.csv",
                      "Title,Notes,Excitement\r\n"
                      "One,\"a\r\nb\r\nc\",1\r\n"
                      "\r\n"
                      "Two,x,9\r\n"
                      "\"Three\r\nlines\",,oops\r\n"
                      "Four,last,2");

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 2);
  text = problems_text (&report);
  g_assert_cmpstr (text, ==,
                   "6: “9” is not an excitement from 0 to 5 (Excitement)\n"
                   "7: “oops” is not an excitement from 0 to 5 (Excitement)\n");
  d = get_by_title (f, "One");
  g_assert_cmpstr (d->notes, ==, "a\nb\nc");
  g_clear_pointer (&d, cg_application_details_free);
  d = get_by_title (f, "Four");
  g_assert_cmpstr (d->notes, ==, "last");
}

static void
test_import_renamed_stage (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *path = g_build_filename (f->dir, "renamed.csv", NULL);

  /* "Applied" was renamed; a file saying Applied still lands there */
  g_assert_true (cg_tracker_rename_stage (f->library, stage_id (f, "Applied"), "Sent", &error));
  cg_test_write_file (f->dir, "renamed.csv", "Title,Status\nOne,Applied\nTwo,sent\n");
  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 2);
  g_assert_cmpuint (report.new_stages->len, ==, 0);
  d = get_by_title (f, "One");
  g_assert_cmpstr (d->stage, ==, "Sent");
}

static void
test_export_import_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_build_filename (f->dir, "round.csv", NULL);

  make_export_fixture (f);
  csv = export_to_string (f, NULL, FALSE);
  exec (f, "DELETE FROM applications");
  cg_test_write_file (f->dir, "round.csv", csv);

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 3);
  g_assert_cmpuint (report.problems->len, ==, 0);
  d = get_by_title (f, "ML Ops");
  g_assert_cmpstr (d->company, ==, "=HYPERLINK(\"https://evil.example\",\"Click\")");
  g_assert_cmpstr (d->location, ==, "@cmd");
  g_assert_cmpstr (d->pay_asked, ==, "-5");
  g_assert_cmpstr (d->pay_offered, ==, "+1");
  g_assert_cmpstr (d->notes, ==, "\tstarts with a tab");
  g_assert_cmpstr (d->deadline, ==, "2026-06-30");
  g_clear_pointer (&d, cg_application_details_free);

  d = get_by_title (f, "Data Engineer");
  g_assert_cmpstr (d->company, ==, "Acme, Inc.");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_assert_cmpstr (d->notes, ==, "First line\nSecond line with \"quotes\"\n- a list item");
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "python", "remote", NULL }));
  g_assert_cmpint (d->excitement, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/tracker/migration/from-4", test_migration_from_4);
  ADD ("/tracker/crud", test_crud);
  ADD ("/tracker/history/values", test_history_text);
  ADD ("/tracker/contacts-interviews-tags", test_contacts_interviews_tags);
  ADD ("/tracker/history/stage-changes", test_stage_changes_recorded);
  ADD ("/tracker/stages/custom", test_custom_stages);
  ADD ("/tracker/stages/last-kept", test_last_stage_kept);
  ADD ("/tracker/duplicates", test_duplicates);
  ADD ("/tracker/delete-restore", test_delete_restore);
  ADD ("/tracker/delete-restore/id-taken", test_restore_after_id_taken);
  ADD ("/tracker/reminders", test_reminders);
  ADD ("/tracker/stats", test_stats);
  ADD ("/tracker/stats/empty", test_stats_empty);
  ADD ("/tracker/export/csv", test_export_csv);
  ADD ("/tracker/export/json", test_export_json);
  ADD ("/tracker/export/filters", test_export_filters);
  ADD ("/tracker/import/good", test_import_good);
  ADD ("/tracker/import/messy", test_import_messy);
  ADD ("/tracker/import/broken", test_import_broken);
  ADD ("/tracker/import/encodings", test_import_encodings);
  ADD ("/tracker/import/crlf", test_import_crlf);
  ADD ("/tracker/import/renamed-stage", test_import_renamed_stage);
  ADD ("/tracker/import/round-trip", test_export_import_round_trip);

  return g_test_run ();
}
