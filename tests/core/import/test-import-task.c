/* test-import-task.c: importing postings into the library off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cg-import-task.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  CgLibrary *library;
  guint      n_progress;
  guint64    last_done;
  guint64    last_total;
  gboolean   answered;
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

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Fixture *f = user_data;

  /* on the caller's thread, never after the answer */
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  g_assert_false (f->answered);
  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, f->last_done);
  f->n_progress++;
  f->last_done = done;
  f->last_total = total;
}

static gboolean
import (Fixture        *f,
        const char     *name,
        GCancellable   *cancellable,
        CgImportReport *report,
        GError        **error)
{
  g_autofree char *path = g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "import", name, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;
  gboolean ok;

  cg_job_import_file_async (f->library, path, CG_IMPORT_FORMAT_AUTO, progress_cb, f, NULL,
                            cancellable, cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  ok = cg_job_import_file_finish (f->library, result, report, error);
  f->answered = TRUE;
  /* deliveries still queued are dropped */
  for (guint i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  return ok;
}

static gint64
count_user_jobs (Fixture *f)
{
  return cg_test_query_int (cg_library_get_db (f->library),
                            "SELECT count(*) FROM jobs WHERE origin = 'user'");
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import (f, "jobs.csv", NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_CSV);
  g_assert_cmpuint (report.added, ==, 5);
  g_assert_cmpuint (report.updated, ==, 0);
  g_assert_cmpuint (report.skipped, ==, 2);
  g_assert_cmpuint (report.problems->len, ==, 2);

  /* written through the worker's own connection, seen by the library's */
  g_assert_cmpint (count_user_jobs (f), ==, 5);
  g_assert_cmpint (cg_test_query_int (cg_library_get_db (f->library), "PRAGMA foreign_keys"), ==, 1);

  /* the progress reached the main thread, the whole file read in the end */
  g_assert_cmpuint (f->n_progress, >=, 1);
  g_assert_cmpuint (f->last_total, >, 0);
  g_assert_cmpuint (f->last_done, ==, f->last_total);
}

static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (import (f, "no-title-column.csv", NULL, &report, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_TITLE_COLUMN);
  g_assert_cmpuint (report.added + report.updated, ==, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (import (f, "jobs.csv", cancellable, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (report.added, ==, 0);
  /* nothing was written */
  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

static void
test_no_progress (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "import", "postings.jsonl", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  GAsyncResult *pending = NULL;

  cg_job_import_file_async (f->library, path, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL, NULL,
                            cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  g_assert_true (cg_job_import_file_finish (f->library, result, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpint (report.format, ==, CG_IMPORT_FORMAT_JSON_LINES);
  g_assert_cmpuint (report.added, >, 0);
  g_assert_cmpint (count_user_jobs (f), ==, report.added);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-task/import", test_import);
  ADD ("/import-task/refused", test_refused);
  ADD ("/import-task/cancelled", test_cancelled);
  ADD ("/import-task/no-progress", test_no_progress);
#undef ADD

  return g_test_run ();
}
