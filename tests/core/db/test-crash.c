/* test-crash.c: sudden death while importing and editing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process imports postings and creates and edits applications in
 * a loop, printing a line after each write that was committed. The test
 * kills it with SIGKILL at a random moment, many times over the same
 * library, and after each kill checks that:
 *  - the library passes PRAGMA integrity_check and opens normally;
 *  - every write the child reported as committed is there;
 *  - no import is half-applied: a batch of postings is all there or not
 *    there at all.
 * CG_CRASH_KILLS sets how many kills (default 25; the long mode uses 200+).
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg-db.h"
#include "cg-job-import.h"
#include "cg-library.h"
#include "cg-test-utils.h"
#include "cg-tracker.h"

#define BATCH_SIZE 300

static char *
batch_path (const char *dir,
            guint       batch)
{
  g_autofree char *name = g_strdup_printf ("batch-%u.jsonl", batch);

  return g_build_filename (dir, name, NULL);
}

static void
write_batch (const char *dir,
             guint       batch)
{
  g_autofree char *path = batch_path (dir, batch);
  g_autoptr(GString) lines = g_string_new (NULL);

  for (guint i = 0; i < BATCH_SIZE; i++)
    g_string_append_printf (lines,
      "{\"@type\": \"JobPosting\", \"title\": \"Crash batch %u posting %u\","
      " \"url\": \"https://crash.example/%u/%u\", \"hiringOrganization\": \"Batch%u\","
      " \"description\": \"<p>Firmware and TinyML work, posting %u of batch %u.</p>\"}\n",
      batch, i, batch, i, batch, i, batch);
  g_assert_true (g_file_set_contents (path, lines->str, lines->len, NULL));
}

/* The child: writes forever, reporting each commit on stdout. Its state
 * (which numbers to use next) comes from the library itself, so a
 * restarted child carries on where the killed one stopped. */
static int
child_main (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(CgLibrary) library = cg_library_new (path, content);
  g_autoptr(GError) error = NULL;
  gint64 n;

  if (!cg_library_open (library, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }

  n = cg_library_count (library, CG_LIBRARY_KIND_APPLICATIONS);
  for (guint64 i = (guint64) n;; i++)
    {
      g_autofree char *title = g_strdup_printf ("Application %" G_GUINT64_FORMAT, i);
      g_autofree char *notes = g_strdup_printf ("Notes for %" G_GUINT64_FORMAT ", edited", i);
      gint64 id = cg_tracker_create (library, title, "Crash Test Inc", NULL, NULL, &error);

      if (id == 0)
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
      printf ("A %" G_GINT64_FORMAT " %s\n", id, title);
      fflush (stdout);

      if (!cg_tracker_set_field (library, id, "notes", notes, &error))
        return 1;
      printf ("N %" G_GINT64_FORMAT " %s\n", id, notes);
      fflush (stdout);

      if (i % 3 == 0)
        {
          guint batch = (guint) (i / 3) % 40;
          g_autofree char *file = batch_path (dir, batch);
          g_auto(CgImportReport) report = { 0 };

          if (!cg_job_import_file (cg_library_get_db (library), file, CG_IMPORT_FORMAT_AUTO, NULL,
                                   NULL, NULL, &report, &error))
            {
              g_printerr ("child: %s\n", error->message);
              return 1;
            }
          printf ("I %u\n", batch);
          fflush (stdout);
        }
    }

  return 0;
}

typedef struct {
  GHashTable *applications;  /* id -> title */
  GHashTable *notes;         /* id -> notes */
  GHashTable *batches;       /* batch numbers imported */
} Reported;

static void
parse_report (Reported   *reported,
              const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);

  /* the last line may be cut by the kill: only whole lines count */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      char kind = lines[i][0];
      char *rest = lines[i] + 2;
      char *space = strchr (rest, ' ');

      if (kind == 'I')
        g_hash_table_add (reported->batches, GUINT_TO_POINTER (atoi (rest) + 1));
      else if ((kind == 'A' || kind == 'N') && space != NULL)
        {
          *space = '\0';
          g_hash_table_insert (kind == 'A' ? reported->applications : reported->notes,
                               g_strdup (rest), g_strdup (space + 1));
        }
    }
}

static void
check_library (const char *dir,
               Reported   *reported)
{
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cg_db_open (path, TRUE, &error);
  g_autofree char *integrity = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_assert_no_error (error);
  integrity = cg_test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");

  g_hash_table_iter_init (&iter, reported->applications);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT title FROM applications WHERE id = %s", (char *) key);
      g_autofree char *title = cg_test_query_text (db, sql);
      g_assert_cmpstr (title, ==, value);
    }

  g_hash_table_iter_init (&iter, reported->notes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT notes FROM applications WHERE id = %s", (char *) key);
      g_autofree char *notes = cg_test_query_text (db, sql);
      g_assert_cmpstr (notes, ==, value);
    }

  /* each batch all there or not at all; the reported ones there */
  for (guint batch = 0; batch < 40; batch++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM jobs WHERE company = 'Batch%u'", batch);
      g_autofree char *fts = g_strdup_printf (
        "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH '\"Batch%u\"'", batch);
      gint64 n = cg_test_query_int (db, sql);

      g_assert_true (n == 0 || n == BATCH_SIZE);
      g_assert_cmpint (cg_test_query_int (db, fts), ==, n);
      if (g_hash_table_contains (reported->batches, GUINT_TO_POINTER (batch + 1)))
        g_assert_cmpint (n, ==, BATCH_SIZE);
    }

  cg_db_close (db);
}

static void
test_sigkill (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  const char *kills_env = g_getenv ("CG_CRASH_KILLS");
  guint kills = kills_env ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 25;
  g_autoptr(GRand) rand = g_rand_new ();
  Reported reported = {
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
    g_hash_table_new (NULL, NULL),
  };
  guint survived = 0;

  for (guint b = 0; b < 40; b++)
    write_batch (dir, b);

  /* the library exists before the first kill */
  {
    g_autofree char *path = g_build_filename (dir, "user.db", NULL);
    g_autofree char *content = cg_library_dup_content_path ();
    g_autoptr(CgLibrary) library = cg_library_new (path, content);
    g_autoptr(GError) error = NULL;

    g_assert_true (cg_library_open (library, &error));
  }

  for (guint k = 0; k < kills; k++)
    {
      const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-crash", NULL), "--child", dir, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) output = g_string_new (NULL);
      int out_fd, wstatus;
      GPid pid;
      char buf[4096];
      ssize_t n;
      guint delay_ms = g_rand_int_range (rand, 30, 400);

      g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                               NULL, NULL, &pid, NULL, &out_fd, NULL, &error));
      g_assert_no_error (error);
      g_usleep (delay_ms * 1000);
      kill (pid, SIGKILL);
      waitpid (pid, &wstatus, 0);
      /* a child that exited by itself (not killed) is a failure */
      g_assert_true (WIFSIGNALED (wstatus));
      while ((n = read (out_fd, buf, sizeof buf)) > 0)
        g_string_append_len (output, buf, n);
      close (out_fd);

      parse_report (&reported, output->str);
      check_library (dir, &reported);
      survived++;
    }

  g_test_message ("%u kills survived, %u applications and %u imports reported committed",
                  survived, g_hash_table_size (reported.applications),
                  g_hash_table_size (reported.batches));
  g_assert_cmpuint (g_hash_table_size (reported.applications), >, 0);

  g_hash_table_unref (reported.applications);
  g_hash_table_unref (reported.notes);
  g_hash_table_unref (reported.batches);
  cg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/sigkill", test_sigkill);
  return g_test_run ();
}
