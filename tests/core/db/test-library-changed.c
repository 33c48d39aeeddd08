/* test-library-changed.c: CgLibrary::changed after every committed write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-library.h"
#include "cg-library-private.h"
#include "cg-tracker.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  char      *path;
  CgLibrary *library;
  sqlite3   *db;
  guint      n_emissions;
  CgLibraryChange seen;
} Fixture;

static void
changed_cb (CgLibrary       *library,
            CgLibraryChange  what,
            Fixture         *f)
{
  g_assert_cmpuint (what, !=, CG_LIBRARY_CHANGE_NONE);
  f->n_emissions++;
  f->seen |= what;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;

  f->dir = cg_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "career-guide", "user.db", NULL);
  f->library = cg_library_new (f->path, content);
  g_assert_true (cg_library_open (f->library, &error));
  g_assert_no_error (error);
  f->db = cg_library_get_db (f->library);
  g_signal_connect (f->library, "changed", G_CALLBACK (changed_cb), f);
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

/* Runs what is due in the main context; returns what ::changed said
 * meanwhile and forgets it. */
static CgLibraryChange
take_changes (Fixture *f)
{
  CgLibraryChange seen;

  while (g_main_context_iteration (NULL, FALSE))
    ;
  seen = f->seen;
  f->seen = CG_LIBRARY_CHANGE_NONE;
  f->n_emissions = 0;
  return seen;
}

static void
exec (Fixture    *f,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  gboolean ok = cg_db_exec (f->db, sql, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
}

static void
test_opening_says_nothing (Fixture       *f,
                           gconstpointer  data)
{
  /* what opening wrote (the schema, the bundled content) is no change */
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);
  g_assert_false (cg_library_check_for_changes (f->library));
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);
}

static void
test_each_kind (Fixture       *f,
                gconstpointer  data)
{
  static const struct {
    const char      *sql;
    CgLibraryChange  change;
  } writes[] = {
    { "INSERT INTO jobs (key, origin, title) VALUES ('k1', 'user', 'Firmware Engineer')",
      CG_LIBRARY_CHANGE_JOBS },
    { "UPDATE jobs SET title = 'Firmware Engineer II' WHERE key = 'k1'", CG_LIBRARY_CHANGE_JOBS },
    { "INSERT INTO guides (slug, origin, title, body) VALUES ('g', 'user', 'G', 'Body')",
      CG_LIBRARY_CHANGE_GUIDES },
    { "UPDATE faq SET position = position + 1", CG_LIBRARY_CHANGE_FAQ },
    { "UPDATE roles SET position = position + 1", CG_LIBRARY_CHANGE_ROLES },
    { "UPDATE aspects SET position = position + 1", CG_LIBRARY_CHANGE_ROLES },
    { "UPDATE figures SET percent = percent", CG_LIBRARY_CHANGE_FIGURES },
    { "INSERT INTO stages (name, position) VALUES ('Phone screen', 9)", CG_LIBRARY_CHANGE_STAGES },
    { "INSERT INTO applications (id, title, stage) VALUES (1, 'A', 1)",
      CG_LIBRARY_CHANGE_APPLICATIONS },
    { "INSERT INTO application_history (application, field) VALUES (1, 'stage')",
      CG_LIBRARY_CHANGE_APPLICATIONS },
    { "INSERT INTO contacts (application, name) VALUES (1, 'Ada')", CG_LIBRARY_CHANGE_CONTACTS },
    { "INSERT INTO interviews (application, time) VALUES (1, '2026-01-02T10:00')",
      CG_LIBRARY_CHANGE_INTERVIEWS },
    { "INSERT INTO tags (id, name) VALUES (1, 'remote')", CG_LIBRARY_CHANGE_TAGS },
    /* a table without rowid: the update hook does not see it */
    { "INSERT INTO application_tags (application, tag) VALUES (1, 1)", CG_LIBRARY_CHANGE_TAGS },
    { "DELETE FROM application_tags WHERE application = 1", CG_LIBRARY_CHANGE_TAGS },
    { "INSERT INTO job_skills (job, skill) SELECT id, 'rust' FROM jobs WHERE key = 'k1'",
      CG_LIBRARY_CHANGE_SKILLS },
    { "UPDATE skills SET name = name", CG_LIBRARY_CHANGE_SKILLS },
    /* a DELETE without WHERE on a table without triggers: SQLite would
     * empty it without telling the update hook */
    { "DELETE FROM contacts", CG_LIBRARY_CHANGE_CONTACTS },
    { "DELETE FROM interviews", CG_LIBRARY_CHANGE_INTERVIEWS },
  };

  take_changes (f);
  for (guint i = 0; i < G_N_ELEMENTS (writes); i++)
    {
      guint64 serial = cg_library_get_change_serial (f->library);

      g_test_message ("%s", writes[i].sql);
      /* in a transaction */
      exec (f, "BEGIN");
      exec (f, writes[i].sql);
      g_assert_cmpuint (cg_library_get_change_serial (f->library), ==, serial);
      exec (f, "COMMIT");
      /* the serial grows at the commit, before the signal */
      g_assert_cmpuint (cg_library_get_change_serial (f->library), >, serial);
      g_assert_cmpuint (f->n_emissions, ==, 0);
      g_assert_cmpuint (take_changes (f), ==, writes[i].change);
    }

  /* and without one (autocommit) */
  exec (f, "UPDATE jobs SET title = 'Firmware Engineer III' WHERE key = 'k1'");
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_JOBS);

  /* reading changes nothing */
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"), >, 0);
  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_JOBS), >, 0);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);
}

static void
test_through_the_core (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *guide = NULL;
  gint64 id;

  take_changes (f);
  id = cg_tracker_create (f->library, "Embedded engineer", "Acme", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (take_changes (f) & CG_LIBRARY_CHANGE_APPLICATIONS);

  g_assert_true (cg_tracker_set_tags (f->library, id, (const char *[]) { "remote", NULL }, &error));
  g_assert_no_error (error);
  g_assert_true (take_changes (f) & CG_LIBRARY_CHANGE_TAGS);

  guide = g_build_filename (f->dir, "notes.md", NULL);
  g_assert_true (g_file_set_contents (guide, "# Notes\n\nText.\n", -1, NULL));
  g_assert_true (cg_library_import_guide (f->library, guide, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_GUIDES);
  g_assert_true (cg_library_delete_guide (f->library, "notes", &error));
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_GUIDES);

  /* a write that fails changes nothing */
  g_assert_false (cg_library_delete_guide (f->library, "notes", &error));
  g_clear_error (&error);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);
}

static void
test_rollback (Fixture       *f,
               gconstpointer  data)
{
  guint64 serial;

  exec (f, "INSERT INTO applications (id, title, stage) VALUES (1, 'A', 1);"
           "INSERT INTO tags (id, name) VALUES (1, 'remote')");
  take_changes (f);
  serial = cg_library_get_change_serial (f->library);
  exec (f, "BEGIN");
  exec (f, "INSERT INTO jobs (key, origin, title) VALUES ('k1', 'user', 'Gone')");
  exec (f, "INSERT INTO application_tags (application, tag) VALUES (1, 1)");
  exec (f, "ROLLBACK");
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);
  g_assert_cmpuint (cg_library_get_change_serial (f->library), ==, serial);

  /* what was rolled back is not said with the next commit either */
  exec (f, "UPDATE faq SET position = position");
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_FAQ);
}

static void
test_coalesced (Fixture       *f,
                gconstpointer  data)
{
  take_changes (f);
  exec (f, "UPDATE faq SET position = position");
  exec (f, "UPDATE roles SET position = position");
  exec (f, "UPDATE faq SET position = position");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (f->n_emissions, ==, 1);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_FAQ | CG_LIBRARY_CHANGE_ROLES);

  cg_library_queue_changed (f->library, CG_LIBRARY_CHANGE_ALL);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_ALL);
}

static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *other;
  guint64 serial;

  take_changes (f);
  other = cg_db_open (f->path, FALSE, &error);
  g_assert_no_error (error);

  /* another connection reading: nothing */
  g_assert_cmpint (cg_test_query_int (other, "SELECT count(*) FROM jobs"), >, 0);
  g_assert_false (cg_library_check_for_changes (f->library));

  /* writing: noticed at the next check, as any kind */
  g_assert_true (cg_db_exec (other,
    "INSERT INTO jobs (key, origin, title) VALUES ('k2', 'user', 'Written elsewhere')", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);
  serial = cg_library_get_change_serial (f->library);
  g_assert_true (cg_library_check_for_changes (f->library));
  g_assert_cmpuint (cg_library_get_change_serial (f->library), >, serial);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_ALL);
  g_assert_false (cg_library_check_for_changes (f->library));
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_NONE);

  /* a rolled back write of the other is no change */
  g_assert_true (cg_db_exec (other, "BEGIN; DELETE FROM jobs; ROLLBACK", &error));
  g_assert_false (cg_library_check_for_changes (f->library));

  /* nor are the library's own commits seen twice */
  exec (f, "UPDATE faq SET position = position");
  g_assert_false (cg_library_check_for_changes (f->library));
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_FAQ);

  cg_db_close (other);
}

static void
test_start_fresh (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;

  take_changes (f);
  g_assert_true (cg_library_start_fresh (f->library, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_ALL);

  /* the new connection is watched as the old one was (the old one is
   * closed: write through the new one) */
  f->db = cg_library_get_db (f->library);
  exec (f, "UPDATE figures SET percent = percent");
  g_assert_cmpuint (take_changes (f), ==, CG_LIBRARY_CHANGE_FIGURES);
}

/* Every table of a new library is in the map, so that no write to one
 * goes unsaid. */
static void
test_every_table_mapped (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (f->db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", NULL);
  guint n = 0;

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = cg_db_column_text (stmt, 0);

      if (!cg_library_lookup_table_change (name, NULL))
        g_error ("Table %s is not in the map of CgLibrary::changed", name);
      n++;
    }
  g_assert_cmpuint (n, >, 10);
  g_assert_false (cg_library_lookup_table_change ("no_such_table", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/library-changed/opening-says-nothing", test_opening_says_nothing);
  ADD ("/library-changed/each-kind", test_each_kind);
  ADD ("/library-changed/through-the-core", test_through_the_core);
  ADD ("/library-changed/rollback", test_rollback);
  ADD ("/library-changed/coalesced", test_coalesced);
  ADD ("/library-changed/other-connection", test_other_connection);
  ADD ("/library-changed/start-fresh", test_start_fresh);
  ADD ("/library-changed/every-table-mapped", test_every_table_mapped);

  return g_test_run ();
}
