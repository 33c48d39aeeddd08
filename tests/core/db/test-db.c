/* test-db.c: SQLite helpers and migrations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cg-db.h"
#include "cg-schema.h"
#include "cg-test-utils.h"

#include <string.h>

static const CgMigration test_migrations[] = {
  { "one", "CREATE TABLE a (x INTEGER);" },
  { "two", "ALTER TABLE a ADD COLUMN y TEXT; INSERT INTO a VALUES (1, 'one');" },
  { "three", "CREATE TABLE b (z INTEGER);" },
};

static void
test_migrate_from_every_version (void)
{
  for (guint start = 0; start <= G_N_ELEMENTS (test_migrations); start++)
    {
      g_autofree char *dir = cg_test_make_tmpdir ();
      g_autofree char *path = g_build_filename (dir, "m.db", NULL);
      g_autoptr(GError) error = NULL;
      sqlite3 *db = cg_db_open (path, FALSE, &error);

      g_assert_no_error (error);
      /* bring the file to version `start` first, as an older release would have */
      g_assert_true (cg_db_migrate (db, test_migrations, start, &error));
      g_assert_no_error (error);
      g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, start);

      g_assert_true (cg_db_migrate (db, test_migrations, G_N_ELEMENTS (test_migrations), &error));
      g_assert_no_error (error);
      g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, 3);
      g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM a WHERE y = 'one'"), ==, 1);
      g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM b"), ==, 0);

      cg_db_close (db);
      cg_test_remove_tree (dir);
    }
}

static void
test_migrate_failure_rolls_back (void)
{
  static const CgMigration broken[] = {
    { "one", "CREATE TABLE a (x INTEGER);" },
    { "two", "CREATE TABLE c (x); CREATE TABLE a (x INTEGER);" }, /* a exists: fails */
  };
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cg_db_open (path, FALSE, &error);

  g_assert_false (cg_db_migrate (db, broken, 2, &error));
  g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "two"));
  /* the first step stays; nothing of the failed one does */
  g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, 1);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'c'"), ==, 0);

  cg_db_close (db);
  cg_test_remove_tree (dir);
}

static void
test_newer_version_refused (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "m.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cg_db_open (path, FALSE, &error);

  g_assert_true (cg_db_exec (db, "PRAGMA user_version = 9", NULL));
  g_assert_false (cg_db_migrate (db, test_migrations, 3, &error));
  g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_NEWER);
  g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, 9);

  cg_db_close (db);
  cg_test_remove_tree (dir);
}

static void
test_not_a_database (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "junk.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (path, "this is not a database, just some text that is long enough", -1, NULL));
  db = cg_db_open (path, FALSE, &error);
  g_assert_null (db);
  g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_CORRUPT);

  cg_test_remove_tree (dir);
}

static void
test_user_schema_applies (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cg_db_open (path, FALSE, &error);

  g_assert_cmpuint (cg_user_n_migrations, ==, CG_USER_SCHEMA_VERSION);
  g_assert_true (cg_db_migrate (db, cg_user_migrations, cg_user_n_migrations, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM stages"), ==, 8);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'jobs_fts'"), ==, 1);
  g_assert_true (cg_db_check_integrity (db, &error));

  cg_db_close (db);
  cg_test_remove_tree (dir);
}

/* A worker's connection reads, and stops a long statement once its
 * cancellable is cancelled */
static void
test_worker_interrupted (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = cg_db_open (path, FALSE, &error);

  g_assert_no_error (error);
  g_assert_true (cg_db_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (42)", &error));
  cg_db_close (db);

  db = cg_db_open_worker (path, cancellable, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (db, "SELECT x FROM t"), ==, 42);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO t VALUES (1)", NULL, NULL, NULL), ==,
                   SQLITE_READONLY);

  /* counting to a billion would take minutes */
  g_cancellable_cancel (cancellable);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL "
                                           "SELECT i + 1 FROM n WHERE i < 1000000000) "
                                           "SELECT count(*) FROM n", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_INTERRUPT);
  sqlite3_finalize (stmt);

  cg_db_close (db);
  cg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/db/migrate/every-version", test_migrate_from_every_version);
  g_test_add_func ("/db/migrate/failure-rolls-back", test_migrate_failure_rolls_back);
  g_test_add_func ("/db/migrate/newer-refused", test_newer_version_refused);
  g_test_add_func ("/db/open/not-a-database", test_not_a_database);
  g_test_add_func ("/db/user-schema", test_user_schema_applies);
  g_test_add_func ("/db/open/worker-interrupted", test_worker_interrupted);

  return g_test_run ();
}
