/* test-library.c: user.db, its migrations and the bundled content copy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-library.h"
#include "cg-schema.h"
#include "cg-test-utils.h"
#include "cg-tracker.h"

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cg_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "career-guide", "user.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static CgLibrary *
open_library (const char *path,
              GError    **error)
{
  g_autofree char *content = cg_library_dup_content_path ();
  CgLibrary *library = cg_library_new (path, content);

  cg_library_open (library, error);
  return library;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_first_start_copies_bundled (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  g_assert_true (cg_library_is_open (library));
  g_assert_null (cg_library_get_content_problem (library));
  db = cg_library_get_db (library);

  g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, CG_USER_SCHEMA_VERSION);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 3);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_GUIDES), >=, 1);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_FAQ), >=, 5);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_ROLES), >=, 2);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_FIGURES), ==, 6);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_APPLICATIONS), ==, 0);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE origin = 'bundled'"), ==, 3);
  g_assert_cmpstr (cg_test_query_str (db, "PRAGMA journal_mode"), ==, "wal");
  g_assert_cmpint (cg_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);

  /* the facts of the three postings */
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE title = 'Machine Learning & Operations Engineer'"
    " AND company = 'OptiTrack' AND locations = 'Miami, FL' AND arrangement = 'remote'"
    " AND pay_min = 66500 AND pay_max = 89900 AND pay_unit = 'YEAR' AND pay_currency = 'USD'"
    " AND pay_annual_max = 89900 AND expired = 0"), ==, 1);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE title = 'AI/Machine Learning Engineer Senior'"
    " AND company IS NULL AND location_count = 2 AND arrangement = 'onsite'"
    " AND pay_min = 114300 AND pay_max = 150700"), ==, 1);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE company = 'BNY' AND locations = 'Lake Mary, FL'"
    " AND expired = 1 AND category = 'Other' AND pay_min = 107100 AND pay_max = 141200"), ==, 1);
}

static void
test_bundled_replaced_user_rows_kept (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  sqlite3 *db = cg_library_get_db (library);
  g_autofree char *bundled_slug = NULL;
  gboolean changed = TRUE;

  g_assert_no_error (error);

  /* the user's own posting and guide, and a guide with a bundled slug */
  g_assert_true (cg_db_exec (db,
    "INSERT INTO jobs (key, origin, title, company) VALUES ('url:https://example.org/1', 'user', 'Mine', 'Acme');"
    "INSERT INTO guides (slug, origin, title, body) VALUES ('my-notes', 'user', 'My notes', 'Hello');", &error));
  g_assert_no_error (error);
  bundled_slug = cg_test_query_text (db, "SELECT slug FROM guides WHERE origin = 'bundled' LIMIT 1");

  /* unchanged content: nothing is copied again */
  g_assert_true (cg_library_sync_content (library, &changed, &error));
  g_assert_false (changed);

  /* content changed (as after an update): the bundled rows are replaced */
  g_assert_true (cg_db_exec (db,
    "UPDATE meta SET value = 'old' WHERE key = 'content_version';"
    "UPDATE jobs SET title = 'stale' WHERE origin = 'bundled';"
    "DELETE FROM faq;", &error));
  g_assert_true (cg_library_sync_content (library, &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);

  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE title = 'stale'"), ==, 0);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE origin = 'bundled'"), ==, 3);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM faq"), >=, 5);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE origin = 'user' AND title = 'Mine'"), ==, 1);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM guides WHERE origin = 'user' AND slug = 'my-notes'"), ==, 1);
  g_assert_cmpstr (cg_test_query_str (db, "SELECT value FROM meta WHERE key = 'content_version'"), !=, "old");
  (void) bundled_slug;
}

static void
test_user_guide_with_bundled_slug_wins (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  sqlite3 *db = cg_library_get_db (library);
  g_autofree char *slug = cg_test_query_text (db, "SELECT slug FROM guides WHERE origin = 'bundled' LIMIT 1");
  g_autofree char *sql = NULL;
  gboolean changed;

  sql = g_strdup_printf ("UPDATE guides SET origin = 'user', title = 'My version' WHERE slug = '%s';"
                         "UPDATE meta SET value = 'old' WHERE key = 'content_version';", slug);
  g_assert_true (cg_db_exec (db, sql, &error));
  g_assert_true (cg_library_sync_content (library, &changed, &error));
  g_assert_no_error (error);

  g_free (sql);
  sql = g_strdup_printf ("SELECT title FROM guides WHERE slug = '%s'", slug);
  g_assert_cmpstr (cg_test_query_str (db, sql), ==, "My version");
}

static void
test_applications_survive_content_update (Fixture       *f,
                                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  sqlite3 *db = cg_library_get_db (library);
  g_autofree char *key = cg_test_query_text (db, "SELECT key FROM jobs WHERE company = 'OptiTrack'");
  gint64 id;
  gboolean changed;

  id = cg_tracker_create_from_job (library, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (cg_library_find_application_for_job (library, key), ==, id);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_APPLICATIONS), ==, 1);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM application_history WHERE field = 'stage' AND new_value = 'Wishlist'"), ==, 1);

  /* the bundled rows get new rowids; the key still finds the posting */
  g_assert_true (cg_db_exec (db, "UPDATE meta SET value = 'old' WHERE key = 'content_version'", NULL));
  g_assert_true (cg_library_sync_content (library, &changed, &error));
  g_assert_true (changed);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM applications a JOIN jobs j ON j.key = a.job_key WHERE j.company = 'OptiTrack'"), ==, 1);

  /* unknown key: refused, nothing written */
  g_assert_cmpint (cg_tracker_create_from_job (library, "sha1:nothing", NULL, &error), ==, 0);
  g_assert_nonnull (error);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_APPLICATIONS), ==, 1);
}

static void
test_stable_keys (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  sqlite3 *db = cg_library_get_db (library);
  g_autofree char *bny = cg_test_query_text (db, "SELECT key FROM jobs WHERE company = 'BNY'");
  g_autofree char *opti = cg_test_query_text (db, "SELECT key FROM jobs WHERE company = 'OptiTrack'");

  /* identifier scoped by company; no identifier and no URL: a hash */
  g_assert_cmpstr (bny, ==, "id:bny:BNY-AIHUB-LM-2026");
  g_assert_true (g_str_has_prefix (opti, "sha1:"));
  g_assert_cmpuint (strlen (opti), ==, 5 + 40);
}

static void
test_migrates_every_older_version (Fixture       *f,
                                   gconstpointer  data)
{
  for (guint version = 0; version < CG_USER_SCHEMA_VERSION; version++)
    {
      g_autofree char *dir = cg_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "user.db", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgLibrary) library = NULL;
      sqlite3 *db = cg_db_open (path, FALSE, &error);

      /* a library as an older release left it, with a user posting in it */
      g_assert_true (cg_db_migrate (db, cg_user_migrations, version, &error));
      if (version >= 1)
        g_assert_true (cg_db_exec (db, "INSERT INTO jobs (key, title) VALUES ('url:x', 'Old zorblax posting')", &error));
      g_assert_no_error (error);
      cg_db_close (db);

      library = open_library (path, &error);
      g_assert_no_error (error);
      db = cg_library_get_db (library);
      g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, CG_USER_SCHEMA_VERSION);
      g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE title = 'Old zorblax posting'"), ==, (version >= 1 ? 1 : 0));
      g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH 'zorblax'"), ==, (version >= 1 ? 1 : 0));
      g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_ROLES), >=, 2);

      g_clear_object (&library);
      cg_test_remove_tree (dir);
    }
}

/* Writes @contents as the library file, tries to open it, and checks that
 * it is refused with @code and left byte for byte as it was. */
static void
assert_refused_untouched (Fixture    *f,
                          const char *contents,
                          gsize       length,
                          int         code)
{
  g_autofree char *parent = g_path_get_dirname (f->path);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_assert_true (g_file_set_contents (f->path, contents, length, NULL));
  before = file_checksum (f->path);

  library = open_library (f->path, &error);
  g_assert_error (error, CG_DB_ERROR, code);
  g_assert_false (cg_library_is_open (library));
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, -1);
  g_clear_object (&library);

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_random_bytes_refused (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  char bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) g_rand_int_range (rand, 0, 256);

  assert_refused_untouched (f, bytes, sizeof bytes, CG_DB_ERROR_CORRUPT);
}

/* A good library, cut short or given a newer version. */
static char *
make_good_library (Fixture *f,
                   gsize   *length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  char *contents = NULL;

  g_assert_no_error (error);
  /* fold the WAL into the main file, so the file alone is the library */
  g_assert_true (cg_db_exec (cg_library_get_db (library), "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE", NULL));
  g_clear_object (&library);

  g_assert_true (g_file_get_contents (f->path, &contents, length, NULL));
  return contents;
}

static void
test_truncated_refused (Fixture       *f,
                        gconstpointer  data)
{
  gsize length;
  g_autofree char *contents = make_good_library (f, &length);

  assert_refused_untouched (f, contents, length / 2, CG_DB_ERROR_CORRUPT);
}

static void
test_newer_refused (Fixture       *f,
                    gconstpointer  data)
{
  gsize length;
  g_autofree char *contents = make_good_library (f, &length);

  /* user_version is the big-endian integer at offset 60 of the header */
  contents[60] = 0; contents[61] = 0; contents[62] = 0; contents[63] = 99;
  assert_refused_untouched (f, contents, length, CG_DB_ERROR_NEWER);
}

static void
test_start_fresh_keeps_old_file (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *parent = g_path_get_dirname (f->path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *kept = NULL;
  const char junk[] = "definitely not an SQLite database, but somebody's file";

  g_mkdir_with_parents (parent, 0700);
  g_assert_true (g_file_set_contents (f->path, junk, -1, NULL));

  library = open_library (f->path, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_assert_true (cg_library_start_fresh (library, &moved_to, &error));
  g_assert_no_error (error);
  g_assert_true (cg_library_is_open (library));
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 3);

  g_assert_nonnull (moved_to);
  g_assert_true (g_str_has_prefix (moved_to, f->path));
  g_assert_true (g_file_get_contents (moved_to, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, junk);
}

static void
test_missing_content_is_not_fatal (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = cg_library_new (f->path, "/nonexistent/content.db");

  g_test_expect_message ("cg-library", G_LOG_LEVEL_WARNING, "*missing*");
  g_assert_true (cg_library_open (library, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_assert_nonnull (cg_library_get_content_problem (library));
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 0);
}

static void
test_list_models (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);

  CgTrackerFilter open_ones = { 0, };
  g_autoptr(GPtrArray) applications = NULL;

  for (CgLibraryKind kind = CG_LIBRARY_KIND_JOBS; kind < CG_LIBRARY_KIND_APPLICATIONS; kind++)
    {
      g_autoptr(GListModel) model = cg_library_list (library, kind, &error);

      g_assert_no_error (error);
      g_assert_cmpint (g_list_model_get_n_items (model), ==, cg_library_count (library, kind));
    }

  /* applications are listed by the tracker (the unused CgJobApplication
   * list is gone), and counted the same */
  applications = cg_tracker_list_applications (library, &open_ones, &error);
  g_assert_no_error (error);
  g_assert_cmpint (applications->len, ==, cg_library_count (library, CG_LIBRARY_KIND_APPLICATIONS));
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  gint64 *n = user_data;
  g_autoptr(GError) error = NULL;

  *n = cg_library_count_finish (CG_LIBRARY (source), result, &error);
  g_assert_no_error (error);
}

static void
test_count_async (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);

  for (CgLibraryKind kind = CG_LIBRARY_KIND_JOBS; kind <= CG_LIBRARY_KIND_APPLICATIONS; kind++)
    {
      gint64 n = -2;

      cg_library_count_async (library, kind, NULL, count_done_cb, &n);
      while (n == -2)
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpint (n, ==, cg_library_count (library, kind));
    }
}

static void
test_default_path_follows_xdg (void)
{
  g_autofree char *path = cg_library_dup_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "career-guide", "user.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/library/first-start", test_first_start_copies_bundled);
  ADD ("/library/content/replaced-user-rows-kept", test_bundled_replaced_user_rows_kept);
  ADD ("/library/content/user-guide-wins", test_user_guide_with_bundled_slug_wins);
  ADD ("/library/content/applications-survive", test_applications_survive_content_update);
  ADD ("/library/content/missing", test_missing_content_is_not_fatal);
  ADD ("/library/stable-keys", test_stable_keys);
  ADD ("/library/migrate/every-older-version", test_migrates_every_older_version);
  ADD ("/library/refused/random-bytes", test_random_bytes_refused);
  ADD ("/library/refused/truncated", test_truncated_refused);
  ADD ("/library/refused/newer", test_newer_refused);
  ADD ("/library/start-fresh", test_start_fresh_keeps_old_file);
  ADD ("/library/list-models", test_list_models);
  ADD ("/library/count-async", test_count_async);
  g_test_add_func ("/library/default-path", test_default_path_follows_xdg);

  return g_test_run ();
}
