/* test-broken-db.c: a library that cannot be written, is locked, or fills the disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Damaged and newer files are covered by test-library.c. Here the file is
 * fine but its surroundings are not:
 *  - user.db read-only (0444); its folder read-only (0555), with and
 *    without a library in it, and with the library's -wal and -shm files
 *    already there; the data folder read-only, so that the library's folder
 *    cannot be made;
 *  - another process holding the write lock (BEGIN EXCLUSIVE), or the whole
 *    file (locking_mode = EXCLUSIVE): the library waits its busy timeout,
 *    then says the file is locked;
 *  - the disk full during an import (PRAGMA max_page_count on the importing
 *    connection); for the command line, a file size limit (RLIMIT_FSIZE on
 *    its process), which SQLite sees as a failed write.
 * Each time, through CgLibrary (what the window's broken-library page
 * shows) and through `career-guide --import` (when the UI is built, so
 * that CG_BINARY is set): the error is a CG_DB_ERROR with the right code, its
 * message names the file and says what is wrong, and the library is left as
 * it was (its bytes, or for a failed write its tables and integrity).
 *
 * The tests run as root in CI, and root ignores file modes. So whatever
 * must meet a mode runs in a child process (this program again, or
 * career-guide) that first drops the capabilities that let root pass them
 * (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER) from its bounding
 * set, so that they stay dropped across exec. Where even that does not make
 * the modes count, those tests are skipped and say why.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#include "cg-db.h"
#include "cg-job-import.h"
#include "cg-library.h"
#include "cg-test-utils.h"
#include "cg-tracker.h"

#define N_POSTINGS 40

typedef struct {
  char *dir;        /* the test's own temporary folder */
  char *data_home;  /* XDG_DATA_HOME of the command line */
  char *lib_dir;    /* data_home/career-guide */
  char *path;       /* lib_dir/user.db */
  char *jobs;       /* postings to import */
} Fixture;

static void
write_postings (const char *path,
                const char *tag,
                guint       n)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
      "{\"@type\": \"JobPosting\", \"title\": \"%s firmware engineer %u\","
      " \"url\": \"https://broken.example/%s/%u\", \"hiringOrganization\": \"Acme %s\","
      " \"jobLocation\": \"Austin, TX\", \"description\": \"<p>Drivers, bring-up and"
      " a lot of %s text to fill pages: %u.</p>\"}\n",
      tag, i, tag, i, tag, tag, i);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cg_test_make_tmpdir ();
  f->data_home = g_build_filename (f->dir, "data", NULL);
  f->lib_dir = g_build_filename (f->data_home, "career-guide", NULL);
  f->path = g_build_filename (f->lib_dir, "user.db", NULL);
  f->jobs = g_build_filename (f->dir, "jobs.jsonl", NULL);
  write_postings (f->jobs, "more", N_POSTINGS);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* a test that failed halfway may leave modes that stop the clean-up of
   * a user who is not root */
  g_chmod (f->data_home, 0700);
  g_chmod (f->lib_dir, 0700);
  g_chmod (f->path, 0600);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->data_home);
  g_free (f->lib_dir);
  g_free (f->path);
  g_free (f->jobs);
}

/* Snapshots */

static char *
file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every file in @dir with the checksum of its bytes, one a line, sorted:
 * equal snapshots mean nothing was written, created or removed there. */
static char *
folder_snapshot (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) snapshot = g_string_new (NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_autofree char *sum = file_checksum (child);

      g_ptr_array_add (lines, g_strdup_printf ("%s %s", name, sum ? sum : "-"));
    }
  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (snapshot, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (g_steal_pointer (&snapshot), FALSE);
}

/* Each table of the library: its row count and a checksum of its rows (in
 * any order), one a line. Equal digests mean equal contents. */
static char *
library_digest (sqlite3 *db)
{
  g_autoptr(GString) digest = g_string_new (NULL);
  sqlite3_stmt *tables = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'"
    " AND name NOT LIKE 'sqlite_%' ORDER BY name", -1, &tables, NULL), ==, SQLITE_OK);

  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *table = (const char *) sqlite3_column_text (tables, 0);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_autoptr(GChecksum) row = g_checksum_new (G_CHECKSUM_SHA256);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const void *bytes = sqlite3_column_blob (stmt, c);
              int n = sqlite3_column_bytes (stmt, c);
              guchar type = (guchar) sqlite3_column_type (stmt, c);

              g_checksum_update (row, &type, 1);
              g_checksum_update (row, (const guchar *) &n, sizeof n);
              if (n > 0)
                g_checksum_update (row, bytes, n);
            }
          g_ptr_array_add (rows, g_strdup (g_checksum_get_string (row)));
        }
      sqlite3_finalize (stmt);

      g_ptr_array_sort (rows, compare_strings);
      for (guint i = 0; i < rows->len; i++)
        g_checksum_update (sum, g_ptr_array_index (rows, i), -1);
      g_string_append_printf (digest, "%s %u %s\n", table, rows->len, g_checksum_get_string (sum));
    }
  sqlite3_finalize (tables);

  return g_string_free (g_steal_pointer (&digest), FALSE);
}

static char *
library_digest_at (const char *path)
{
  sqlite3 *db = NULL;
  char *digest;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  digest = library_digest (db);
  g_assert_cmpstr (cg_test_query_str (db, "PRAGMA integrity_check"), ==, "ok");
  sqlite3_close (db);
  return digest;
}

static CgLibrary *
open_library (const char  *path,
              GError     **error)
{
  g_autofree char *content = cg_library_dup_content_path ();
  CgLibrary *library = cg_library_new (path, content);

  cg_library_open (library, error);
  return library;
}

/* A library with the bundled content and some postings of the user's, closed
 * (so it is the one file, without -wal and -shm). */
static void
make_library (Fixture *f)
{
  g_autofree char *first = g_build_filename (f->dir, "first.jsonl", NULL);
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (f->path, &error);
  g_auto(CgImportReport) report = { 0 };

  g_assert_no_error (error);
  write_postings (first, "first", N_POSTINGS);
  g_assert_true (cg_job_import_file (cg_library_get_db (library), first, CG_IMPORT_FORMAT_AUTO,
                                     NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, N_POSTINGS);
  g_clear_object (&library);

  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

/* Child processes */

static void
drop_file_privileges (void)
{
#ifdef __linux__
  static const int dropped[] = { CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH, CAP_FOWNER };
  struct __user_cap_header_struct header = { _LINUX_CAPABILITY_VERSION_3, 0 };
  struct __user_cap_data_struct caps[2];

  /* From the bounding set, so that exec does not give them back to root;
   * without CAP_SETPCAP this fails, and there is nothing to drop anyway
   * unless we are root: the probe tells */
  for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
    prctl (PR_CAPBSET_DROP, dropped[i], 0, 0, 0);

  if (syscall (SYS_capget, &header, caps) == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (dropped); i++)
        {
          caps[0].effective &= ~(1u << dropped[i]);
          caps[0].permitted &= ~(1u << dropped[i]);
          caps[0].inheritable &= ~(1u << dropped[i]);
        }
      syscall (SYS_capset, &header, caps);
    }
#endif
}

typedef struct {
  gboolean drop_privileges;
  rlim_t   max_file_size;   /* 0: no limit */
} ChildSetup;

/* Between fork and exec: only async-signal-safe calls */
static void
child_setup_cb (gpointer user_data)
{
  const ChildSetup *setup = user_data;

  if (setup->drop_privileges)
    drop_file_privileges ();

  if (setup->max_file_size > 0)
    {
      struct rlimit limit = { setup->max_file_size, setup->max_file_size };

      /* a write past the limit fails with EFBIG instead of killing */
      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &limit);
    }
}

static int
run_argv (const char * const *argv,
          char              **envp,
          const ChildSetup   *setup,
          char              **out,
          char              **err,
          double             *seconds)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  int wait_status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT,
                               child_setup_cb, (gpointer) setup, out, err, &wait_status, &error));
  g_assert_no_error (error);
  if (seconds != NULL)
    *seconds = (g_get_monotonic_time () - start) / 1e6;

  if (WIFEXITED (wait_status))
    return WEXITSTATUS (wait_status);
  return -1;
}

static const char *
self_path (void)
{
  return g_test_get_filename (G_TEST_BUILT, "test-broken-db", NULL);
}

/* Runs this program as `test-broken-db --child COMMAND ARG...` with the
 * file-mode privileges dropped. Returns its exit status; @out gets what it
 * printed. */
static int
run_child (char       **out,
           double      *seconds,
           const char  *command,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  ChildSetup setup = { TRUE, 0 };
  g_autofree char *err = NULL;
  const char *arg;
  va_list args;
  int status;

  g_ptr_array_add (argv, (char *) self_path ());
  g_ptr_array_add (argv, (char *) "--child");
  g_ptr_array_add (argv, (char *) command);
  va_start (args, command);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  status = run_argv ((const char * const *) argv->pdata, NULL, &setup, out, &err, seconds);
  if (err != NULL && *err != '\0')
    g_test_message ("child %s: %s", command, err);
  return status;
}

/* Whether a child that dropped its privileges meets file modes: as root
 * with CAP_SETPCAP (CI, containers) or as anyone else, yes. */
static gboolean
modes_count (Fixture *f)
{
  g_autofree char *probe = g_build_filename (f->dir, "probe", NULL);
  g_autofree char *out = NULL;
  int status;

  g_assert_true (g_file_set_contents (probe, "read-only", -1, NULL));
  g_assert_cmpint (g_chmod (probe, 0444), ==, 0);
  status = run_child (&out, NULL, "probe", probe, NULL);
  g_unlink (probe);

  if (status != 0)
    {
      g_test_skip ("A child process could not give up the privilege to write read-only files "
                   "(root without CAP_SETPCAP?), so file modes cannot be tested here");
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gboolean  ok;
  char     *domain;
  int       code;
  char     *message;
  char     *extra;
} ChildResult;

static void
child_result_clear (ChildResult *r)
{
  g_free (r->domain);
  g_free (r->message);
  g_free (r->extra);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ChildResult, child_result_clear)

/* The child prints "ok EXTRA" or "error DOMAIN CODE MESSAGE" */
static void
parse_child (const char  *out,
             ChildResult *r)
{
  g_auto(GStrv) fields = NULL;

  g_assert_nonnull (out);
  if (g_str_has_prefix (out, "ok"))
    {
      r->ok = TRUE;
      r->extra = g_strchomp (g_strdup (out + 2));
      return;
    }

  g_assert_true (g_str_has_prefix (out, "error "));
  fields = g_strsplit (out + 6, " ", 3);
  g_assert_cmpuint (g_strv_length (fields), ==, 3);
  r->domain = g_strdup (fields[0]);
  r->code = atoi (fields[1]);
  r->message = g_strchomp (g_strdup (fields[2]));
}

static void
assert_db_error (const ChildResult *r,
                 CgDbError          code,
                 const char        *names,
                 const char        *says)
{
  g_test_message ("error: %s", r->message ? r->message : "(none)");
  g_assert_false (r->ok);
  g_assert_cmpstr (r->domain, ==, g_quark_to_string (CG_DB_ERROR));
  g_assert_cmpint (r->code, ==, code);
  g_assert_nonnull (strstr (r->message, names));
  g_assert_nonnull (strstr (r->message, says));
}

/* `career-guide --import FILE` with this fixture's XDG_DATA_HOME, or -1
 * when the executable was not built (CG_BINARY unset) */
static int
run_cli (Fixture           *f,
         const ChildSetup  *setup,
         const char        *file,
         char             **out,
         char             **err,
         double            *seconds)
{
  const char *binary = g_getenv ("CG_BINARY");
  const char *argv[] = { binary, "--import", file, NULL };
  g_auto(GStrv) env = g_get_environ ();
  int status;

  if (binary == NULL || *binary == '\0')
    {
      g_test_message ("career-guide not built (no CG_BINARY): command line not tested");
      return -1;
    }

  env = g_environ_setenv (env, "XDG_DATA_HOME", f->data_home, TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  status = run_argv (argv, env, setup, out, err, seconds);
  g_test_message ("career-guide --import: status %d, stderr: %s", status, *err);
  return status;
}

/* The command line refuses to open the library: status 2, one line on
 * stderr naming it and saying why, nothing on stdout. */
static void
assert_cli_refuses_library (Fixture    *f,
                            const char *says)
{
  ChildSetup setup = { TRUE, 0 };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = run_cli (f, &setup, f->jobs, &out, &err, NULL);

  if (status == -1)
    return;
  g_assert_cmpint (status, ==, 2);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_str_has_prefix (err, "Cannot open the library "));
  g_assert_nonnull (strstr (err, f->path));
  g_assert_nonnull (strstr (err, says));
}

/* Read-only */

static void
test_read_only_file (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(ChildResult) r = { 0 };
  g_autofree char *out = NULL;

  if (!modes_count (f))
    return;

  make_library (f);
  g_assert_cmpint (g_chmod (f->path, 0444), ==, 0);
  before = folder_snapshot (f->lib_dir);

  /* refused at once: not opened read-only, to fail at the first write */
  run_child (&out, NULL, "open", f->path, NULL);
  parse_child (out, &r);
  assert_db_error (&r, CG_DB_ERROR_READONLY, f->path, "read-only");
  assert_cli_refuses_library (f, "read-only");

  /* not a byte changed, and no -wal or -shm made beside it */
  after = folder_snapshot (f->lib_dir);
  g_assert_cmpstr (before, ==, after);

  /* writable again: the library is as it was and opens */
  g_assert_cmpint (g_chmod (f->path, 0600), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_child (&out, NULL, "open", f->path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "ok 43\n");
}

static void
test_read_only_folder_existing (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(ChildResult) r = { 0 };
  g_autofree char *out = NULL;

  if (!modes_count (f))
    return;

  /* the file may be written, but SQLite cannot make its -wal and -shm
   * files beside it (to read it, in WAL mode; to turn WAL mode on, for a
   * library left in rollback journal mode by another program) */
  make_library (f);
  if (g_strcmp0 (data, "delete") == 0)
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
      g_assert_cmpstr (cg_test_query_str (db, "PRAGMA journal_mode = DELETE"), ==, "delete");
      sqlite3_close (db);
    }
  g_assert_cmpint (g_chmod (f->lib_dir, 0555), ==, 0);
  before = folder_snapshot (f->lib_dir);

  run_child (&out, NULL, "open", f->path, NULL);
  parse_child (out, &r);
  assert_db_error (&r, CG_DB_ERROR_READONLY, f->lib_dir, "cannot be written");
  assert_cli_refuses_library (f, "cannot be written");

  after = folder_snapshot (f->lib_dir);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (g_chmod (f->lib_dir, 0700), ==, 0);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_child (&out, NULL, "open", f->path, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "ok 43\n");
}

static void
test_read_only_folder_new (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(ChildResult) r = { 0 };

  if (!modes_count (f))
    return;

  /* the folder is there but the library cannot be created in it */
  g_assert_cmpint (g_mkdir_with_parents (f->lib_dir, 0700), ==, 0);
  g_assert_cmpint (g_chmod (f->lib_dir, 0555), ==, 0);

  run_child (&out, NULL, "open", f->path, NULL);
  parse_child (out, &r);
  assert_db_error (&r, CG_DB_ERROR_READONLY, f->lib_dir, "cannot be written");
  assert_cli_refuses_library (f, "cannot be written");
  {
    g_autofree char *snapshot = folder_snapshot (f->lib_dir);
    g_assert_cmpstr (snapshot, ==, "");
  }
}

static void
test_read_only_data_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_auto(ChildResult) r = { 0 };

  if (!modes_count (f))
    return;

  /* XDG_DATA_HOME read-only: the library's own folder cannot be made */
  g_assert_cmpint (g_mkdir_with_parents (f->data_home, 0700), ==, 0);
  g_assert_cmpint (g_chmod (f->data_home, 0555), ==, 0);

  run_child (&out, NULL, "open", f->path, NULL);
  parse_child (out, &r);
  assert_db_error (&r, CG_DB_ERROR_READONLY, f->lib_dir, "Permission denied");
  assert_cli_refuses_library (f, "Permission denied");
  g_assert_false (g_file_test (f->lib_dir, G_FILE_TEST_EXISTS));
}

/* A library in use by a process that keeps it open (so its -wal and -shm
 * files are there) when its folder becomes read-only: SQLite needs to
 * create nothing, so the library opens and can be written. */
static void
test_read_only_folder_wal_present (Fixture       *f,
                                   gconstpointer  data)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  g_autofree char *out = NULL;
  g_autofree char *digest = NULL;
  sqlite3 *keeper = NULL;

  if (!modes_count (f))
    return;

  make_library (f);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &keeper, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (cg_test_query_int (keeper, "SELECT count(*) FROM jobs"), ==, 43);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_chmod (f->lib_dir, 0555), ==, 0);

  g_assert_cmpint (run_child (&out, NULL, "import", f->path, f->jobs, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "ok 40 added\n");

  {
    ChildSetup setup = { TRUE, 0 };
    g_autofree char *cli_out = NULL;
    g_autofree char *cli_err = NULL;
    int status = run_cli (f, &setup, f->jobs, &cli_out, &cli_err, NULL);

    if (status != -1)
      {
        g_autofree char *expected = g_strdup_printf ("%s: 0 added, 40 updated, 0 skipped\n",
                                                     f->jobs);

        g_assert_cmpint (status, ==, 0);
        g_assert_cmpstr (cli_out, ==, expected);
      }
  }

  /* written, and whole, though the folder is still read-only */
  g_assert_cmpint (cg_test_query_int (keeper, "SELECT count(*) FROM jobs"), ==, 83);
  g_assert_cmpstr (cg_test_query_str (keeper, "PRAGMA integrity_check"), ==, "ok");
  sqlite3_close (keeper);

  g_assert_cmpint (g_chmod (f->lib_dir, 0700), ==, 0);
  digest = library_digest_at (f->path);
  g_assert_nonnull (strstr (digest, "\njobs 83 "));
}

/* Locked */

typedef struct {
  GPid pid;
  int  in;   /* closing it lets the holder go */
} Holder;

/* Starts a process that opens the library and holds its lock: "write"
 * (BEGIN EXCLUSIVE: in WAL mode, others may still read) or "exclusive"
 * (locking_mode = EXCLUSIVE: nobody else may even read). */
static void
holder_start (Holder     *holder,
              const char *path,
              const char *mode)
{
  const char *argv[] = { self_path (), "--child", "hold", path, mode, NULL };
  g_autoptr(GError) error = NULL;
  char line[16] = { 0 };
  gsize n = 0;
  int out;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &holder->pid, &holder->in, &out, NULL,
                                           &error));
  g_assert_no_error (error);
  while (n < 5)
    {
      ssize_t r = read (out, line + n, 5 - n);

      g_assert_cmpint (r, >, 0);
      n += (gsize) r;
    }
  close (out);
  g_assert_cmpstr (line, ==, "held\n");
}

static void
holder_stop (Holder *holder)
{
  int status;

  close (holder->in);
  g_assert_cmpint (waitpid (holder->pid, &status, 0), ==, holder->pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_spawn_close_pid (holder->pid);
}

/* SQLite's busy timeout in cg_db_open() is 2 s: the library waits that
 * long, not forever, and not much longer */
static void
assert_waited (double seconds)
{
  g_test_message ("gave up after %.2f s", seconds);
  g_assert_cmpfloat (seconds, >=, 1.5);
  g_assert_cmpfloat (seconds, <, 15.0);
}

static void
test_locked_writer (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *digest_before = NULL;
  g_autofree char *digest_after = NULL;
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  Holder holder;

  make_library (f);
  digest_before = library_digest_at (f->path);
  bytes_before = file_checksum (f->path);
  holder_start (&holder, f->path, "write");

  /* readers are not held up in WAL mode: the library opens... */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CgLibrary) library = open_library (f->path, &error);
    g_auto(CgImportReport) report = { 0 };
    gint64 start;
    double seconds;

    g_assert_no_error (error);
    g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 43);

    /* ...but an import waits for the lock, then gives up */
    start = g_get_monotonic_time ();
    g_assert_false (cg_job_import_file (cg_library_get_db (library), f->jobs, CG_IMPORT_FORMAT_AUTO,
                                        NULL, NULL, NULL, &report, &error));
    seconds = (g_get_monotonic_time () - start) / 1e6;
    g_test_message ("import: %s", error->message);
    assert_waited (seconds);
    g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_BUSY);
    g_assert_nonnull (strstr (error->message, f->path));
    g_assert_nonnull (strstr (error->message, "locked"));
    g_assert_cmpuint (report.added, ==, 0);
    g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 43);

    /* and so does adding an application */
    g_clear_error (&error);
    g_assert_cmpint (cg_tracker_create_from_job (library, "url:https://broken.example/first/1",
                                                 NULL, &error), ==, 0);
    g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_BUSY);
  }

  /* the command line: that file refused, status 1 */
  {
    ChildSetup setup = { FALSE, 0 };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    double seconds;
    int status = run_cli (f, &setup, f->jobs, &out, &err, &seconds);

    if (status != -1)
      {
        g_autofree char *refused = g_strdup_printf ("%s: refused\n", f->jobs);

        assert_waited (seconds);
        g_assert_cmpint (status, ==, 1);
        g_assert_cmpstr (out, ==, refused);
        refused[strlen (refused) - 1] = ':';
        g_assert_true (g_str_has_prefix (err, refused));
        g_assert_nonnull (strstr (err, f->path));
        g_assert_nonnull (strstr (err, "locked"));
      }
  }

  holder_stop (&holder);

  /* nothing written: not a byte of the file, nor a row */
  bytes_after = file_checksum (f->path);
  g_assert_cmpstr (bytes_before, ==, bytes_after);
  digest_after = library_digest_at (f->path);
  g_assert_cmpstr (digest_before, ==, digest_after);
}

static void
test_locked_exclusive (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Holder holder;

  make_library (f);
  holder_start (&holder, f->path, "exclusive");
  before = file_checksum (f->path);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CgLibrary) library = NULL;
    gint64 start = g_get_monotonic_time ();

    library = open_library (f->path, &error);
    assert_waited ((g_get_monotonic_time () - start) / 1e6);
    g_test_message ("open: %s", error ? error->message : "(opened)");
    g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_BUSY);
    g_assert_nonnull (strstr (error->message, f->path));
    g_assert_nonnull (strstr (error->message, "locked by another program"));
    g_assert_false (cg_library_is_open (library));
  }

  {
    ChildSetup setup = { FALSE, 0 };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    double seconds;
    int status = run_cli (f, &setup, f->jobs, &out, &err, &seconds);

    if (status != -1)
      {
        assert_waited (seconds);
        g_assert_cmpint (status, ==, 2);
        g_assert_true (g_str_has_prefix (err, "Cannot open the library "));
        g_assert_nonnull (strstr (err, f->path));
        g_assert_nonnull (strstr (err, "locked by another program"));
      }
  }

  after = file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  holder_stop (&holder);
}

/* Disk full */

static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.jsonl", NULL);
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  g_autofree char *digest_before = NULL;
  g_autofree char *digest_after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;
  g_auto(CgImportReport) report = { 0 };
  g_autofree char *limit = NULL;
  sqlite3 *db;
  gint64 pages;

  make_library (f);
  bytes_before = file_checksum (f->path);
  write_postings (big, "big", 2000);

  library = open_library (f->path, &error);
  g_assert_no_error (error);
  db = cg_library_get_db (library);
  digest_before = library_digest (db);

  /* the library may grow by 8 pages (32 KiB), the import needs hundreds */
  pages = cg_test_query_int (db, "PRAGMA page_count");
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages + 8);
  g_assert_true (cg_db_exec (db, limit, NULL));

  g_assert_false (cg_job_import_file (db, big, CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                                      &report, &error));
  g_test_message ("import: %s", error->message);
  g_assert_error (error, CG_DB_ERROR, CG_DB_ERROR_FULL);
  g_assert_nonnull (strstr (error->message, f->path));
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpuint (report.updated, ==, 0);

  /* the library is as it was, whole, and still in use */
  g_assert_true (sqlite3_get_autocommit (db));
  digest_after = library_digest (db);
  g_assert_cmpstr (digest_before, ==, digest_after);
  g_assert_cmpstr (cg_test_query_str (db, "PRAGMA integrity_check"), ==, "ok");
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 43);

  /* closed, not a byte of the file changed */
  g_clear_object (&library);
  bytes_after = file_checksum (f->path);
  g_assert_cmpstr (bytes_before, ==, bytes_after);

  /* with room again, the same import goes through */
  cg_import_report_clear (&report);
  g_clear_error (&error);
  library = open_library (f->path, &error);
  g_assert_no_error (error);
  g_assert_true (cg_job_import_file (cg_library_get_db (library), big, CG_IMPORT_FORMAT_AUTO,
                                     NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, 2000);
}

/* The command line meets a quota or a file size limit (RLIMIT_FSIZE on its
 * process, so that the WAL cannot grow): SQLite reports a failed write
 * (SQLITE_IOERR_WRITE; a full disk would be SQLITE_FULL), and says which
 * file and that the disk may be full. */
static void
test_disk_full_cli (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *big = g_build_filename (f->dir, "big.jsonl", NULL);
  g_autofree char *bytes_before = NULL;
  g_autofree char *bytes_after = NULL;
  g_autofree char *digest_before = NULL;
  g_autofree char *digest_after = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *refused = NULL;
  ChildSetup setup = { FALSE, 0 };
  GStatBuf st;
  int status;

  if (g_getenv ("CG_BINARY") == NULL)
    {
      g_test_skip ("career-guide not built (no CG_BINARY)");
      return;
    }

  make_library (f);
  write_postings (big, "big", 2000);
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  /* the library can be read whole, but no file can grow past it */
  setup.max_file_size = (rlim_t) st.st_size;
  bytes_before = file_checksum (f->path);
  digest_before = library_digest_at (f->path);

  status = run_cli (f, &setup, big, &out, &err, NULL);
  refused = g_strdup_printf ("%s: refused\n", big);
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpstr (out, ==, refused);
  refused[strlen (refused) - 1] = ':';
  g_assert_true (g_str_has_prefix (err, refused));
  g_assert_nonnull (strstr (err, f->path));
  g_assert_nonnull (strstr (err, "the disk may be full"));

  bytes_after = file_checksum (f->path);
  g_assert_cmpstr (bytes_before, ==, bytes_after);
  digest_after = library_digest_at (f->path);
  g_assert_cmpstr (digest_before, ==, digest_after);
}

/* The child side */

static void
print_error (const GError *error)
{
  g_autofree char *message = g_strdup (error->message);

  g_strdelimit (message, "\n", ' ');
  printf ("error %s %d %s\n", g_quark_to_string (error->domain), error->code, message);
}

static int
child_main (int    argc,
            char **argv)
{
  const char *command = argv[2];
  g_autoptr(GError) error = NULL;

  if (g_str_equal (command, "probe") && argc == 4)
    {
      int fd = open (argv[3], O_WRONLY);

      if (fd >= 0)
        {
          close (fd);
          return 1;
        }
      return errno == EACCES ? 0 : 2;
    }

  if ((g_str_equal (command, "open") && argc == 4) ||
      (g_str_equal (command, "import") && argc == 5))
    {
      g_autoptr(CgLibrary) library = open_library (argv[3], &error);
      g_auto(CgImportReport) report = { 0 };

      if (!cg_library_is_open (library))
        {
          print_error (error);
          return 1;
        }
      if (argc == 4)
        {
          printf ("ok %" G_GINT64_FORMAT "\n", cg_library_count (library, CG_LIBRARY_KIND_JOBS));
          return 0;
        }
      if (!cg_job_import_file (cg_library_get_db (library), argv[4], CG_IMPORT_FORMAT_AUTO,
                               NULL, NULL, NULL, &report, &error))
        {
          print_error (error);
          return 1;
        }
      printf ("ok %u added\n", report.added);
      return 0;
    }

  if (g_str_equal (command, "hold") && argc == 5)
    {
      sqlite3 *db = NULL;
      const char *sql = g_str_equal (argv[4], "exclusive")
                        ? "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;"
                          " SELECT count(*) FROM jobs;"
                        : "BEGIN EXCLUSIVE";
      char buf[64];

      if (sqlite3_open_v2 (argv[3], &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK ||
          sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
        {
          fprintf (stderr, "hold: %s\n", sqlite3_errmsg (db));
          return 1;
        }
      printf ("held\n");
      fflush (stdout);
      /* until the test closes our stdin */
      while (read (STDIN_FILENO, buf, sizeof buf) > 0)
        ;
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (db);
      return 0;
    }

  fprintf (stderr, "unknown child command\n");
  return 3;
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 3 && g_str_equal (argv[1], "--child"))
    return child_main (argc, argv);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/broken-db/read-only/file", test_read_only_file);
  g_test_add ("/broken-db/read-only/folder", Fixture, "wal",
              fixture_setup, test_read_only_folder_existing, fixture_teardown);
  g_test_add ("/broken-db/read-only/folder-rollback-journal", Fixture, "delete",
              fixture_setup, test_read_only_folder_existing, fixture_teardown);
  ADD ("/broken-db/read-only/folder-new", test_read_only_folder_new);
  ADD ("/broken-db/read-only/data-folder", test_read_only_data_folder);
  ADD ("/broken-db/read-only/folder-wal-present", test_read_only_folder_wal_present);
  ADD ("/broken-db/locked/writer", test_locked_writer);
  ADD ("/broken-db/locked/exclusive", test_locked_exclusive);
  ADD ("/broken-db/disk-full/library", test_disk_full);
  ADD ("/broken-db/disk-full/cli-file-size-limit", test_disk_full_cli);

  return g_test_run ();
}
