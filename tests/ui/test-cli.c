/* test-cli.c: career-guide's command line (--import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include "../core/cg-test-utils.h"

typedef struct {
  char *dir;
  char *data_home;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("cg-cli-XXXXXX", NULL);
  f->data_home = g_build_filename (f->dir, "data", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_home);
}

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* Runs career-guide with @args and XDG_DATA_HOME pointing at the fixture. */
static int
run (Fixture     *f,
     const char **args,
     char       **out,
     char       **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_ptr_array_add (argv, (char *) g_getenv ("CG_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  env = g_environ_setenv (env, "XDG_DATA_HOME", f->data_home, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);

  if (WIFEXITED (status))
    return WEXITSTATUS (status);
  return -1;
}

static int
count_jobs (Fixture    *f,
            const char *where)
{
  g_autofree char *path = g_build_filename (f->data_home, "career-guide", "user.db", NULL);
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jobs WHERE %s", where);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_import_good_and_bad (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *good = write_file (f, "good.json",
    "[{\"@type\": \"JobPosting\", \"title\": \"Firmware Engineer II\", \"url\": \"https://x.example/1\"},"
    " {\"@type\": \"JobPosting\", \"title\": \"Embedded ML Engineer\", \"url\": \"https://x.example/2\"},"
    " {\"@type\": \"JobPosting\", \"url\": \"https://x.example/3\"}]");
  g_autofree char *bad = write_file (f, "bad.json", "{\n  \"title\": \n");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *both[] = { "--import", good, bad, NULL };
  const char *again[] = { "--import", good, NULL };
  int status;

  status = run (f, both, &out, &err);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "good.json: 2 added, 0 updated, 1 skipped\n"));
  g_assert_null (strstr (out, "bad.json: 0 added"));
  g_assert_nonnull (strstr (err, "bad.json: refused"));
  g_assert_nonnull (strstr (err, "good.json: posting 3: skipped, no title"));
  g_assert_cmpint (count_jobs (f, "origin = 'user'"), ==, 2);
  g_assert_cmpint (count_jobs (f, "title = 'Firmware Engineer II' AND role = 'firmware-engineer'"), ==, 1);

  /* the same file again: updated, not duplicated, and a clean exit */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  status = run (f, again, &out, &err);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "good.json: 0 added, 2 updated, 1 skipped\n"));
  g_assert_cmpint (count_jobs (f, "origin = 'user'"), ==, 2);
}

static void
test_import_guide (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *good = write_file (f, "My Notes.md", "---\ntitle: My interview notes\nkeywords: [prep]\n---\n# Notes\n\nText.\n");
  g_autofree char *bad = write_file (f, "broken.md", "---\ntitle: [unclosed\n---\n# Still a guide\n\nBody.\n");
  g_autofree char *bin = write_file (f, "binary.md", "\xff\xfe\x00\x01");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *args[] = { "--import", good, bad, NULL };
  const char *args_bin[] = { "--import", bin, NULL };

  /* malformed front matter: imported all the same, with a warning */
  g_assert_cmpint (run (f, args, &out, &err), ==, 0);
  g_assert_nonnull (strstr (out, "My Notes.md: guide imported as “my-notes”"));
  g_assert_nonnull (strstr (out, "broken.md: guide imported as “broken”"));
  g_assert_nonnull (strstr (err, "broken.md: front matter: line 3"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, args_bin, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "binary.md: refused"));

  {
    g_autofree char *path = g_build_filename (f->data_home, "career-guide", "user.db", NULL);
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT title FROM guides WHERE origin = 'user' ORDER BY slug", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Still a guide");
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "My interview notes");
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
}

static void
test_import_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  const char *none[] = { "--import", NULL };
  const char *gone[] = { "--import", missing, NULL };

  g_assert_cmpint (run (f, none, &out, &err), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, gone, &out, &err), ==, 1);
  g_assert_nonnull (strstr (err, "missing.csv"));
}

static void
test_broken_library (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *lib_dir = g_build_filename (f->data_home, "career-guide", NULL);
  g_autofree char *lib = g_build_filename (lib_dir, "user.db", NULL);
  g_autofree char *good = write_file (f, "good.json", "{\"@type\": \"JobPosting\", \"title\": \"T\"}");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *after = NULL;
  const char *args[] = { "--import", good, NULL };
  const char junk[] = "not a database, and it must stay exactly as it is";

  g_mkdir_with_parents (lib_dir, 0700);
  g_assert_true (g_file_set_contents (lib, junk, -1, NULL));
  g_assert_cmpint (run (f, args, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "Cannot open the library"));
  g_assert_true (g_file_get_contents (lib, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
}

static void
test_applications_round_trip (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *csv = write_file (f, "tracker.csv",
    "Company,Job Position,Status,Date Applied,Notes\n"
    "Acme,Firmware Engineer,Applied,2026-05-02,\"Phone screen\nnext week\"\n"
    "Globex,Data Scientist,Interviewing,05/20/2026,\"=HYPERLINK(\"\"x\"\")\"\n"
    ",,Applied,2026-06-01,no title here\n");
  g_autofree char *out_csv = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *out_json = g_build_filename (f->dir, "out.json", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *exported = NULL;
  const char *import_args[] = { "--import-applications", csv, NULL };
  const char *export_csv[] = { "--export-applications", out_csv, NULL };
  const char *export_json[] = { "--export-applications", out_json, NULL };
  const char *export_bad[] = { "--export-applications", "/nonexistent-dir/x.csv", NULL };

  /* a row without a title is refused: status 1, the rest imported */
  g_assert_cmpint (run (f, import_args, &out, &err), ==, 1);
  g_assert_nonnull (strstr (out, "2 imported, 1 refused"));
  g_assert_nonnull (strstr (err, "line 5"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, export_csv, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (out_csv, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "Firmware Engineer"));
  /* a formula stays text in a spreadsheet */
  g_assert_nonnull (strstr (exported, "'=HYPERLINK"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&exported, g_free);
  g_assert_cmpint (run (f, export_json, &out, &err), ==, 0);
  g_assert_true (g_file_get_contents (out_json, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, "\"Data Scientist\""));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, export_bad, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *found[] = { "--search", "OptiTrack", NULL };
  const char *nothing[] = { "--search", "zzqxv", NULL };
  const char *hostile[] = { "--search", "C++ AND (", NULL };
  g_auto(GStrv) lines = NULL;

  g_assert_cmpint (run (f, found, &out, &err), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "posting\tMachine Learning & Operations Engineer\tOptiTrack · Miami, FL");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, nothing, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");

  /* FTS syntax is just words: a result or none, never an error */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run (f, hostile, &out, &err), <=, 1);
  g_assert_cmpstr (err, ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/import/good-and-bad", Fixture, NULL, fixture_setup, test_import_good_and_bad, fixture_teardown);
  g_test_add ("/cli/import/guide", Fixture, NULL, fixture_setup, test_import_guide, fixture_teardown);
  g_test_add ("/cli/import/nothing", Fixture, NULL, fixture_setup, test_import_nothing, fixture_teardown);
  g_test_add ("/cli/applications/round-trip", Fixture, NULL, fixture_setup, test_applications_round_trip, fixture_teardown);
  g_test_add ("/cli/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/cli/import/broken-library", Fixture, NULL, fixture_setup, test_broken_library, fixture_teardown);

  return g_test_run ();
}
