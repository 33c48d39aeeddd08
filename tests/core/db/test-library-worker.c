/* test-library-worker.c: library tasks on a worker thread with a connection of their own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cg-db.h"
#include "cg-library-worker.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  CgLibrary *library;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cg_test_make_tmpdir ();
  f->library = cg_test_open_library (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Answers the number of postings the worker's connection sees, and
 * whether it is read-only, in a string "N ro" / "N rw". */
static void
describe_thread (GTask        *task,
                 sqlite3      *db,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  g_assert_false (g_main_context_is_owner (g_main_context_default ()));
  g_assert_true (db != cg_library_get_db (g_task_get_source_object (task)));
  g_assert_cmpstr (task_data, ==, "data");
  g_task_return_pointer (task,
                         g_strdup_printf ("%" G_GINT64_FORMAT " %s",
                                          cg_test_query_int (db, "SELECT count(*) FROM jobs"),
                                          sqlite3_db_readonly (db, "main") ? "ro" : "rw"),
                         g_free);
}

static char *
run_describe (Fixture  *f,
              gboolean  write,
              GError  **error)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  task = g_task_new (f->library, NULL, cg_test_keep_result_cb, &pending);
  g_task_set_task_data (task, g_strdup ("data"), g_free);
  if (write)
    cg_library_run_in_writer (f->library, task, describe_thread);
  else
    cg_library_run_in_worker (f->library, task, describe_thread);
  result = cg_test_wait_result (&pending);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_read_connection (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = run_describe (f, FALSE, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "3 ro");
}

static void
write_thread (GTask        *task,
              sqlite3      *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  GError *error = NULL;

  g_assert_cmpint (cg_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  if (!cg_db_exec (db, "DELETE FROM jobs WHERE origin = 'bundled'", &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
test_write_connection (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *answer = run_describe (f, TRUE, &error);
  GAsyncResult *pending = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (answer, ==, "3 rw");

  task = g_task_new (f->library, NULL, cg_test_keep_result_cb, &pending);
  cg_library_run_in_writer (f->library, task, write_thread);
  result = cg_test_wait_result (&pending);
  g_assert_true (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_no_error (error);

  /* the main connection sees what the writer committed */
  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_JOBS), ==, 0);
}

/* Scans until interrupted: only the cancellable can stop it. */
static void
endless_thread (GTask        *task,
                sqlite3      *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  GError *error = NULL;
  int rc;

  stmt = cg_db_prepare (db,
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
    " SELECT count(*) FROM n", &error);
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  rc = sqlite3_step (stmt);
  g_assert_cmpint (rc, ==, SQLITE_INTERRUPT);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "interrupted");
}

static void
test_cancel_interrupts (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  task = g_task_new (f->library, cancellable, cg_test_keep_result_cb, &pending);
  cg_library_run_in_worker (f->library, task, endless_thread);
  result = cg_test_wait_result (&pending);
  g_assert_false (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
never_thread (GTask        *task,
              sqlite3      *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  g_assert_not_reached ();
}

static void
test_open_failure (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "missing", "user.db", NULL);
  g_autoptr(CgLibrary) library = cg_library_new (path, NULL);
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  /* the worker's read-only connection cannot create the file: the error is the task's */
  task = g_task_new (library, NULL, cg_test_keep_result_cb, &pending);
  cg_library_run_in_worker (library, task, never_thread);
  result = cg_test_wait_result (&pending);
  g_assert_false (g_task_propagate_boolean (G_TASK (result), &error));
  g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_OPEN);
  cg_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/library-worker/read", test_read_connection);
  ADD ("/library-worker/write", test_write_connection);
  ADD ("/library-worker/cancel", test_cancel_interrupts);
  g_test_add_func ("/library-worker/open-failure", test_open_failure);
#undef ADD

  return g_test_run ();
}
