/* bench-skills.c: finding the skills of postings, against importing them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 17 asks that finding skills at import keep the import with it at
 * least 0.7 times as fast as without it. For each size N (CG_BENCH_SIZES,
 * default 10000), gen-postings writes N postings as CSV, which
 * cg_job_import_file() imports into an empty library (the limit: the import
 * alone); then the matcher, built from the library's copy of the
 * vocabulary, finds the skills of the same N titles and descriptions, held
 * in memory (median of 3 runs). Ours is the import with extraction, as the
 * sum of the two:
 *
 *   skills-extract-N: t_import / (t_import + t_extract)
 *     (ours N / (t_import + t_extract) postings/s, limit N / t_import, goal >= 0.7)
 *
 * Under the figure: the extraction's own throughput in MB/s, the time to
 * read the same texts from the library (SELECT) and to validate them as
 * UTF-8 (a plain pass over the bytes), and the number of skills found.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "bench-util.h"
#include "cg-db.h"
#include "cg-job-import.h"
#include "cg-library.h"
#include "cg-skill-matcher.h"
#include "cg-skills-vocabulary.h"

static CgLibrary *
open_library (const char  *path,
              GError     **error)
{
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(CgLibrary) library = cg_library_new (path, content);

  if (!cg_library_open (library, error))
    return NULL;
  return g_steal_pointer (&library);
}

typedef struct {
  GPtrArray *titles;
  GPtrArray *texts;
  gsize      bytes;
} Postings;

static double
read_postings (sqlite3   *db,
               Postings  *p,
               GError   **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "SELECT title, description FROM jobs", error);
  gint64 start = g_get_monotonic_time ();

  if (stmt == NULL)
    return -1;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (p->titles, g_strdup (cg_db_column_text (stmt, 0)));
      g_ptr_array_add (p->texts, g_strdup (cg_db_column_text (stmt, 1)));
      p->bytes += (gsize) sqlite3_column_bytes (stmt, 0) + (gsize) sqlite3_column_bytes (stmt, 1);
    }
  return bench_elapsed_ms (start, g_get_monotonic_time ());
}

static double
time_extract (CgSkillMatcher *matcher,
              Postings       *p,
              guint64        *found,
              guint64        *nice)
{
  gint64 start = g_get_monotonic_time ();

  *found = *nice = 0;
  for (guint i = 0; i < p->titles->len; i++)
    {
      g_autoptr(GArray) m = cg_skill_matcher_find (matcher, g_ptr_array_index (p->titles, i), -1,
                                                   g_ptr_array_index (p->texts, i), -1);

      *found += m->len;
      for (guint k = 0; k < m->len; k++)
        *nice += g_array_index (m, CgSkillMatch, k).need == CG_SKILL_NEED_NICE;
    }
  return bench_elapsed_ms (start, g_get_monotonic_time ());
}

static double
time_validate (Postings *p)
{
  gint64 start = g_get_monotonic_time ();
  guint valid = 0;

  for (guint i = 0; i < p->titles->len; i++)
    {
      const char *text = g_ptr_array_index (p->texts, i);

      valid += g_utf8_validate (g_ptr_array_index (p->titles, i), -1, NULL) &&
               (text == NULL || g_utf8_validate (text, -1, NULL));
    }
  if (valid == G_MAXUINT)
    printf ("?\n");
  return bench_elapsed_ms (start, g_get_monotonic_time ());
}

static gboolean
bench_size (const char  *gen_postings,
            const char  *tmp,
            guint        n,
            GError     **error)
{
  g_autofree char *label = bench_size_label (n);
  g_autofree char *name = g_strdup_printf ("skills-extract-%s", label);
  g_autofree char *csv = g_build_filename (tmp, "postings.csv", NULL);
  g_autofree char *db_path = g_build_filename (tmp, "user.db", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { gen_postings, "--csv", csv, count, NULL };
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(CgLibrary) library = NULL;
  g_autoptr(CgSkillsVocabulary) vocab = NULL;
  g_autoptr(CgSkillMatcher) matcher = NULL;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  Postings p = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free), 0 };
  double t_import, t_import_cpu, t_extract, t_read, t_validate, t_build, cpu;
  guint64 found = 0, nice = 0;
  gint64 start;
  int status;
  gboolean ok = FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    goto out;

  library = open_library (db_path, error);
  if (library == NULL || !cg_db_exec (cg_library_get_db (library), "DELETE FROM jobs", error))
    goto out;

  t_import_cpu = bench_process_cpu_ms ();
  start = g_get_monotonic_time ();
  if (!cg_job_import_file (cg_library_get_db (library), csv, CG_IMPORT_FORMAT_CSV, NULL, NULL, NULL,
                           &report, error))
    goto out;
  t_import = bench_elapsed_ms (start, g_get_monotonic_time ());
  t_import_cpu = bench_process_cpu_ms () - t_import_cpu;

  start = g_get_monotonic_time ();
  vocab = cg_skills_vocabulary_load_db (cg_library_get_db (library), error);
  if (vocab == NULL)
    goto out;
  matcher = cg_skill_matcher_new (vocab);
  t_build = bench_elapsed_ms (start, g_get_monotonic_time ());

  t_read = read_postings (cg_library_get_db (library), &p, error);
  if (t_read < 0)
    goto out;
  t_validate = time_validate (&p);

  cpu = bench_process_cpu_ms ();
  for (guint r = 0; r < 3; r++)
    {
      double t = time_extract (matcher, &p, &found, &nice);
      g_array_append_val (runs, t);
    }
  cpu = (bench_process_cpu_ms () - cpu) / 3;
  t_extract = bench_median (runs);

  bench_print_figure (name, p.titles->len / ((t_import + t_extract) / 1000),
                      p.titles->len / (t_import / 1000), "postings/s", ">= 0.7");
  printf ("  import %u postings (%.1f MB of titles and descriptions): %.0f ms (CPU %.0f ms)\n",
          report.added, p.bytes / (1024.0 * 1024.0), t_import, t_import_cpu);
  printf ("  extraction: %.0f ms (CPU %.0f ms; %.1f MB/s, %.1f µs a posting), matcher built in %.1f ms"
          " (%u skills, %u states)\n",
          t_extract, cpu, p.bytes / (1024.0 * 1024.0) / (t_extract / 1000), t_extract * 1000 / MAX (n, 1),
          t_build, cg_skills_vocabulary_get_n_skills (vocab), cg_skill_matcher_get_n_states (matcher));
  printf ("  reading the same texts from the library: %.0f ms; validating them as UTF-8: %.0f ms\n",
          t_read, t_validate);
  printf ("  %" G_GUINT64_FORMAT " skills found (%.1f a posting), %" G_GUINT64_FORMAT " nice to have\n",
          found, (double) found / MAX (n, 1), nice);
  ok = TRUE;

out:
  g_clear_object (&library);
  g_ptr_array_unref (p.titles);
  g_ptr_array_unref (p.texts);
  g_unlink (csv);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *tmp = NULL;
  gboolean ok = TRUE;

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc != 2)
    {
      g_printerr ("Usage: %s GEN-POSTINGS\n", argv[0]);
      return 2;
    }

  sizes = bench_parse_sizes ("10000");
  if (sizes == NULL)
    return 2;

  tmp = g_dir_make_tmp ("cg-bench-skills-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  bench_print_load ("at the start");
  for (guint i = 0; i < sizes->len && ok; i++)
    {
      g_autofree char *dir = g_strdup_printf ("%s/%u", tmp, g_array_index (sizes, guint, i));

      g_mkdir_with_parents (dir, 0700);
      ok = bench_size (argv[1], dir, g_array_index (sizes, guint, i), &error);
    }
  bench_print_load ("at the end");

  bench_remove_tree (tmp);
  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  return 0;
}
