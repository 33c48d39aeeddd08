/* test-updates.c: the open window shows what was written beside it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `career-guide --import FILE` run in a terminal while the window is open
 * is handled by the running instance, and the window's count changes
 * without a restart; a write by another connection (another process) is
 * picked up within a few seconds. The test runs a session bus of its own,
 * so that the instance it starts under the real application id meets no
 * other test's.
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-application.h"
#include "cg-db.h"
#include "cg-job.h"
#include "cg-jobs-page-private.h"
#include "cg-window-private.h"
#include "cg-ui-test-utils.h"

static char *system_data_dirs;

typedef struct {
  CgApplication *app;
  CgWindow      *window;
  char          *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* Isolated dirs give each test an empty XDG_DATA_HOME, but the system
   * data dirs are still needed for the MIME database and the icon theme. */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);
  f->dir = g_dir_make_tmp ("cg-updates-XXXXXX", NULL);

  f->app = cg_application_new ();
  if (data == NULL)
    {
      /* no command line to meet: an id of its own */
      g_application_set_application_id (G_APPLICATION (f->app), APPLICATION_ID ".TestUpdates");
      g_application_set_flags (G_APPLICATION (f->app), G_APPLICATION_NON_UNIQUE);
    }
  else
    /* the real application id, as `career-guide` looks for it (only one
     * test may use it: the name goes when the application is finalized) */
    g_assert_true (g_application_get_flags (G_APPLICATION (f->app)) & G_APPLICATION_HANDLES_COMMAND_LINE);
  g_application_register (G_APPLICATION (f->app), NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_application_get_is_remote (G_APPLICATION (f->app)));

  f->window = cg_window_new (f->app);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  cg_ui_test_run_ready ();
  g_application_quit (G_APPLICATION (f->app));
  g_clear_object (&f->app);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The count beside page @name in the sidebar */
static const char *
sidebar_count (CgWindow   *window,
               const char *name)
{
  GtkWidget *row = cg_ui_test_find (GTK_WIDGET (window), GTK_TYPE_LIST_BOX_ROW, CG_UI_TEST_ANY,
                                    NULL, NULL);
  GtkWidget *last = NULL;

  /* the rows are siblings: find the one named @name */
  for (; row != NULL; row = gtk_widget_get_next_sibling (row))
    if (g_strcmp0 (gtk_widget_get_name (row), name) == 0)
      break;
  g_assert_nonnull (row);

  /* icon, title, count */
  for (GtkWidget *w = cg_ui_test_find (row, GTK_TYPE_LABEL, CG_UI_TEST_ANY, NULL, NULL); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w))
      last = w;
  g_assert_nonnull (last);

  return gtk_label_get_label (GTK_LABEL (last));
}

typedef struct {
  CgWindow   *window;
  const char *count;
} CountWait;

static gboolean
jobs_count_is_cb (gpointer data)
{
  CountWait *wait = data;

  return g_strcmp0 (sidebar_count (wait->window, "jobs"), wait->count) == 0;
}

static void
wait_jobs_count (CgWindow   *window,
                 const char *count)
{
  CountWait wait = { window, count };
  g_autofree char *what = g_strdup_printf ("the Jobs count to read %s", count);

  cg_ui_test_wait_until (jobs_count_is_cb, &wait, what);
}

static gboolean
jobs_listed_cb (gpointer data)
{
  CgWindow *window = data;
  CgJobListModel *model = cg_jobs_page_get_model (CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs")));

  return model != NULL && !cg_job_list_model_get_loading (model) &&
         g_list_model_get_n_items (G_LIST_MODEL (model)) == 5;
}

typedef struct {
  gboolean  done;
  int       status;
  char     *out;
  char     *err;
} Run;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                                       &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (G_SUBPROCESS (source)));
  run->status = g_subprocess_get_exit_status (G_SUBPROCESS (source));
  run->done = TRUE;
}

static gboolean
run_done_cb (gpointer data)
{
  return ((Run *) data)->done;
}

/* Runs `career-guide ARGS` beside the window, with a data folder of its
 * own: had it not reached the running instance, the window would not see
 * what it wrote. The main context runs meanwhile, so that the instance
 * answers. */
static void
run_command_line (Fixture     *f,
                  const char **args,
                  Run         *run)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *elsewhere = g_build_filename (f->dir, "elsewhere", NULL);

  g_ptr_array_add (argv, (char *) g_getenv ("CG_BINARY"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);

  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", elsewhere, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  memset (run, 0, sizeof *run);
  g_subprocess_communicate_utf8_async (process, NULL, NULL, communicate_cb, run);
  cg_ui_test_wait_until (run_done_cb, run, "career-guide to exit");

  /* nothing was written where it would have written by itself */
  g_assert_false (g_file_test (elsewhere, G_FILE_TEST_EXISTS));
}

static void
test_command_line_beside_window (Fixture       *f,
                                 gconstpointer  data)
{
  g_autofree char *good = g_build_filename (f->dir, "good.json", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "bad.json", NULL);
  const char *import_good[] = { "--import", good, NULL };
  const char *import_bad[] = { "--import", bad, NULL };
  Run run;

  g_assert_true (g_file_set_contents (good,
    "[{\"@type\": \"JobPosting\", \"title\": \"Firmware Engineer II\", \"url\": \"https://x.example/1\"},"
    " {\"@type\": \"JobPosting\", \"title\": \"Embedded ML Engineer\", \"url\": \"https://x.example/2\"}]",
    -1, NULL));
  g_assert_true (g_file_set_contents (bad, "{\n  \"title\": \n", -1, NULL));

  cg_window_show_page (f->window, "jobs");
  wait_jobs_count (f->window, "3");

  /* the import runs in the open instance: its output and status reach
   * the terminal, and the window shows the postings without a restart */
  run_command_line (f, import_good, &run);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "good.json: 2 added, 0 updated, 0 skipped\n"));
  g_assert_cmpstr (run.err, ==, "");
  wait_jobs_count (f->window, "5");
  cg_ui_test_wait_until (jobs_listed_cb, f->window, "the Jobs page to list 5 postings");
  g_free (run.out);
  g_free (run.err);

  /* a refused file: its reason on stderr, status 1, nothing added */
  run_command_line (f, import_bad, &run);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "bad.json: refused"));
  g_assert_cmpstr (sidebar_count (f->window, "jobs"), ==, "5");
  g_free (run.out);
  g_free (run.err);
}

static void
test_other_connection (Fixture       *f,
                       gconstpointer  data)
{
  CgLibrary *library = cg_application_get_library (f->app);
  g_autoptr(GError) error = NULL;
  sqlite3 *other;

  wait_jobs_count (f->window, "3");

  /* as another process would: a connection of its own */
  other = cg_db_open (cg_library_get_path (library), FALSE, &error);
  g_assert_no_error (error);
  g_assert_true (cg_db_exec (other,
    "INSERT INTO jobs (key, origin, title) VALUES ('elsewhere', 'user', 'Written elsewhere')",
    &error));
  g_assert_no_error (error);
  cg_db_close (other);

  /* picked up by the window's periodic check, without focus or restart */
  wait_jobs_count (f->window, "4");
}

int
main (int   argc,
      char *argv[])
{
  GTestDBus *bus;
  g_autofree char *display = NULL;
  int status;

  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                          : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* before anything connects to the session bus; it unsets DISPLAY,
   * which the window needs */
  display = g_strdup (g_getenv ("DISPLAY"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);
  if (display != NULL)
    g_setenv ("DISPLAY", display, TRUE);
  /* that bus has no accessibility bus to offer */
  g_setenv ("GTK_A11Y", "none", TRUE);

  gtk_init ();
  adw_init ();

  g_test_add ("/updates/command-line-beside-window", Fixture, "real id", fixture_setup,
              test_command_line_beside_window, fixture_teardown);
  g_test_add ("/updates/other-connection", Fixture, NULL, fixture_setup,
              test_other_connection, fixture_teardown);

  status = g_test_run ();
  /* the connections of the instances made here outlive them: do not
   * wait for them to go, as g_test_dbus_down() (and so unreffing @bus)
   * would */
  g_test_dbus_stop (bus);
  return status;
}
