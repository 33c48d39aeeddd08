/* test-job-lookup.c: one posting by its key, its description read when needed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-job-lookup.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

static void
test_lookup (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autoptr(CgLibrary) library = cg_test_open_library (dir);
  sqlite3 *db = cg_library_get_db (library);
  g_autofree char *key = cg_test_query_text (db, "SELECT key FROM jobs ORDER BY id LIMIT 1");
  gint64 expected = cg_test_query_int (db, "SELECT id FROM jobs ORDER BY id LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT " CG_JOB_LIST_COLUMNS " FROM jobs WHERE id = %" G_GINT64_FORMAT,
                                          expected);
  g_autofree char *want = g_strdup_printf ("SELECT description FROM jobs WHERE id = %" G_GINT64_FORMAT,
                                           expected);
  g_autofree char *description_expected = cg_test_query_text (db, want);
  g_autofree char *description = NULL;
  g_autoptr(CgJob) job = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (expected, >, 0);
  g_assert_cmpint (cg_job_lookup_id (library, key), ==, expected);
  g_assert_cmpint (cg_job_lookup_id (library, "no-such-key"), ==, 0);
  g_assert_cmpint (cg_job_lookup_id (library, NULL), ==, 0);

  /* a list row leaves the description out: it is read from the library */
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  job = cg_job_new_from_row (stmt);
  sqlite3_finalize (stmt);
  description = cg_job_lookup_description (library, job, &error);
  g_assert_no_error (error);
  g_assert_nonnull (description);
  g_assert_cmpuint (strlen (description), >, 0);
  g_assert_cmpstr (description, ==, description_expected);

  g_clear_object (&library);
  cg_test_remove_tree (dir);
}

static void
test_closed (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(CgLibrary) library = cg_library_new (path, NULL);

  g_assert_cmpint (cg_job_lookup_id (library, "any"), ==, 0);
  cg_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/job-lookup/lookup", test_lookup);
  g_test_add_func ("/job-lookup/closed", test_closed);

  return g_test_run ();
}
