/* tracker-fixture.h: what the tracker's tests share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fresh library per test, and helpers to read and change it; included
 * by test-tracker.c and test-tracker-import.c (each uses some of them).
 */
#pragma once

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

G_GNUC_UNUSED static CgLibrary *
open_library (const char *path,
              GError    **error)
{
  g_autofree char *content = cg_library_dup_content_path ();
  CgLibrary *library = cg_library_new (path, content);

  cg_library_open (library, error);
  return library;
}

G_GNUC_UNUSED static void
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

G_GNUC_UNUSED static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

G_GNUC_UNUSED static gint64
query_int (Fixture    *f,
           const char *sql)
{
  return cg_test_query_int (f->db, sql);
}

G_GNUC_UNUSED static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_db_exec (f->db, sql, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

G_GNUC_UNUSED static gint64
stage_id (Fixture    *f,
          const char *name)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT id FROM stages WHERE name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

G_GNUC_UNUSED static gint64
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

G_GNUC_UNUSED static void
set_field (Fixture    *f,
           gint64      id,
           const char *field,
           const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_tracker_set_field (f->library, id, field, value, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
set_stage (Fixture    *f,
           gint64      id,
           const char *stage)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_tracker_set_stage (f->library, id, stage_id (f, stage), &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static void
set_tags (Fixture    *f,
          gint64      id,
          const char *tags)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) list = g_strsplit (tags, "|", -1);

  g_assert_true (cg_tracker_set_tags (f->library, id, (const char *const *) list, &error));
  g_assert_no_error (error);
}

G_GNUC_UNUSED static CgApplicationDetails *
get (Fixture *f,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  CgApplicationDetails *d = cg_tracker_get_application (f->library, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (d);
  return d;
}

G_GNUC_UNUSED static GPtrArray *
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
G_GNUC_UNUSED static char *
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

/* The history with the day of each entry: "2026-05-01 stage: - -> Applied" */
G_GNUC_UNUSED static char *
dated_history_text (Fixture *f,
                    gint64   id)
{
  g_autoptr(GPtrArray) list = history (f, id);
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (list, i);

      g_string_append_printf (s, "%.10s %s: %s -> %s\n", e->time, e->field,
                              e->old_value ? e->old_value : "-", e->new_value ? e->new_value : "-");
    }

  return g_string_free (s, FALSE);
}

G_GNUC_UNUSED static char *
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

/* The applications of the export golden files, with fixed times. */
G_GNUC_UNUSED static void
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

G_GNUC_UNUSED static char *
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

G_GNUC_UNUSED static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "tracker", name, NULL);
}
