/* cg-skills-extract.c: the skills of the postings in a database (job_skills)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * job_skills holds, for each posting, the skills its title and description
 * ask for (by the skill's id, which survives a change of the vocabulary)
 * and whether they are required or nice to have. The content compiler
 * fills it for the bundled postings; cg_skills_extract_for_jobs_async()
 * fills it again for every posting of a library, in the background, when
 * the vocabulary has changed.
 */
#define G_LOG_DOMAIN "cg-skills"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-db.h"
#include "cg-skills-extract.h"

/* Replaces job_skills with the skills of every posting in @db's jobs
 * table. Runs in the caller's transaction, if any. Returns the number of
 * postings read, or -1 with @error set (cancelled included). */
gint64
cg_skills_fill_job_skills (sqlite3              *db,
                           CgSkillMatcher       *matcher,
                           GCancellable         *cancellable,
                           CgSkillsProgressFunc  progress,
                           gpointer              user_data,
                           GError              **error)
{
  CgSkillsVocabulary *vocab = cg_skill_matcher_get_vocabulary (matcher);
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) jobs = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  guint64 total = 0, done = 0;
  int rc;

  count = cg_db_prepare (db, "SELECT count(*) FROM jobs", error);
  if (count == NULL)
    return -1;
  if (sqlite3_step (count) == SQLITE_ROW)
    total = (guint64) sqlite3_column_int64 (count, 0);

  if (!cg_db_exec (db, "DELETE FROM job_skills", error))
    return -1;

  jobs = cg_db_prepare (db, "SELECT id, title, description FROM jobs", error);
  insert = jobs ? cg_db_prepare (db,
    "INSERT OR REPLACE INTO job_skills (job, skill, required) VALUES (?, ?, ?)", error) : NULL;
  if (insert == NULL)
    return -1;

  while ((rc = sqlite3_step (jobs)) == SQLITE_ROW)
    {
      sqlite3_int64 id = sqlite3_column_int64 (jobs, 0);
      const char *title = (const char *) sqlite3_column_text (jobs, 1);
      int title_length = sqlite3_column_bytes (jobs, 1);
      const char *text = (const char *) sqlite3_column_text (jobs, 2);
      int text_length = sqlite3_column_bytes (jobs, 2);
      g_autoptr(GArray) found = cg_skill_matcher_find (matcher, title, title_length, text, text_length);

      for (guint i = 0; i < found->len; i++)
        {
          const CgSkillMatch *m = &g_array_index (found, CgSkillMatch, i);

          sqlite3_bind_int64 (insert, 1, id);
          cg_db_bind_text (insert, 2, cg_skills_vocabulary_get_skill (vocab, m->skill)->slug);
          sqlite3_bind_int (insert, 3, m->need == CG_SKILL_NEED_REQUIRED);
          if (!cg_db_step_done (db, insert, error))
            return -1;
        }

      if (++done % 1000 == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return -1;
          if (progress)
            progress (done, MAX (total, done), user_data);
        }
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the postings"));
      return -1;
    }

  if (progress)
    progress (done, done, user_data);

  return (gint64) done;
}

/* Whether the library's postings had their skills found with another
 * vocabulary than the one it holds now (meta.job_skills_version against
 * meta.skills_version), so that cg_skills_extract_for_jobs_async() is due.
 * A library that never ran it is stale once it has postings of the user's
 * (the content sync brings the bundled postings' skills). */
gboolean
cg_skills_job_skills_are_stale (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT (SELECT value FROM meta WHERE key = 'skills_version') IS NOT"
    "       (SELECT value FROM meta WHERE key = 'job_skills_version')"
    "   AND EXISTS (SELECT 1 FROM jobs WHERE origin = 'user')", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
}

/* ---- in the background ---- */

#define BATCH 2000

typedef struct {
  char                 *path;
  CgSkillMatcher       *matcher;
  CgSkillsProgressFunc  progress;
  gpointer              progress_data;
} ExtractData;

static void
extract_data_free (ExtractData *data)
{
  g_free (data->path);
  cg_skill_matcher_unref (data->matcher);
  g_free (data);
}

/* One batch of postings after @after, in its own transaction, so that the
 * application's writes go in between. Returns how many were read. */
static gint64
extract_batch (sqlite3        *db,
               CgSkillMatcher *matcher,
               sqlite3_int64  *after,
               GError        **error)
{
  CgSkillsVocabulary *vocab = cg_skill_matcher_get_vocabulary (matcher);
  g_autoptr(sqlite3_stmt) jobs = NULL;
  g_autoptr(sqlite3_stmt) clear = NULL;
  g_autoptr(sqlite3_stmt) insert = NULL;
  sqlite3_int64 first = *after;
  gint64 n = 0;
  int rc;

  if (!cg_db_exec (db, "BEGIN IMMEDIATE", error))
    return -1;

  jobs = cg_db_prepare (db, "SELECT id, title, description FROM jobs WHERE id > ? ORDER BY id LIMIT ?", error);
  clear = jobs ? cg_db_prepare (db, "DELETE FROM job_skills WHERE job > ? AND job <= ?", error) : NULL;
  insert = clear ? cg_db_prepare (db,
    "INSERT OR REPLACE INTO job_skills (job, skill, required) VALUES (?, ?, ?)", error) : NULL;
  if (insert == NULL)
    goto failed;

  sqlite3_bind_int64 (jobs, 1, first);
  sqlite3_bind_int (jobs, 2, BATCH);
  while ((rc = sqlite3_step (jobs)) == SQLITE_ROW)
    {
      sqlite3_int64 id = sqlite3_column_int64 (jobs, 0);
      const char *title = (const char *) sqlite3_column_text (jobs, 1);
      int title_length = sqlite3_column_bytes (jobs, 1);
      const char *text = (const char *) sqlite3_column_text (jobs, 2);
      int text_length = sqlite3_column_bytes (jobs, 2);
      g_autoptr(GArray) found = cg_skill_matcher_find (matcher, title, title_length, text, text_length);

      /* the skills of the postings between the last one and this one,
       * deleted meanwhile, went with them; this one's are replaced */
      sqlite3_bind_int64 (clear, 1, *after);
      sqlite3_bind_int64 (clear, 2, id);
      if (!cg_db_step_done (db, clear, error))
        goto failed;

      for (guint i = 0; i < found->len; i++)
        {
          const CgSkillMatch *m = &g_array_index (found, CgSkillMatch, i);

          sqlite3_bind_int64 (insert, 1, id);
          cg_db_bind_text (insert, 2, cg_skills_vocabulary_get_skill (vocab, m->skill)->slug);
          sqlite3_bind_int (insert, 3, m->need == CG_SKILL_NEED_REQUIRED);
          if (!cg_db_step_done (db, insert, error))
            goto failed;
        }
      *after = id;
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the postings"));
      goto failed;
    }

  if (n == 0)
    {
      /* past the last posting: nothing can be left there */
      sqlite3_bind_int64 (clear, 1, *after);
      sqlite3_bind_int64 (clear, 2, G_MAXINT64);
      if (!cg_db_step_done (db, clear, error))
        goto failed;
    }

  if (!cg_db_commit (db, error))
    goto failed;
  return n;

failed:
  cg_db_rollback (db);
  *after = first;
  return -1;
}

static void
extract_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ExtractData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) count = NULL;
  g_autoptr(sqlite3_stmt) version = NULL;
  sqlite3_int64 after = 0;
  guint64 total = 0, done = 0;
  sqlite3 *db;
  gint64 n;

  db = cg_db_open (data->path, FALSE, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!cg_db_exec (db, "PRAGMA foreign_keys = ON", &error) ||
      (count = cg_db_prepare (db, "SELECT count(*) FROM jobs", &error)) == NULL)
    goto out;
  if (sqlite3_step (count) == SQLITE_ROW)
    total = (guint64) sqlite3_column_int64 (count, 0);
  g_clear_pointer (&count, sqlite3_finalize);

  if (data->progress)
    data->progress (0, total, data->progress_data);

  do
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        goto out;
      n = extract_batch (db, data->matcher, &after, &error);
      if (n < 0)
        goto out;
      done += (guint64) n;
      if (data->progress)
        data->progress (done, MAX (total, done), data->progress_data);
    }
  while (n > 0);

  /* the vocabulary the postings' skills were found with */
  version = cg_db_prepare (db,
    "INSERT OR REPLACE INTO meta (key, value)"
    " SELECT 'job_skills_version', value FROM meta WHERE key = 'skills_version'", &error);
  if (version == NULL || !cg_db_step_done (db, version, &error))
    goto out;

out:
  g_clear_pointer (&version, sqlite3_finalize);
  cg_db_close (db);
  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, (gssize) done);
}

/* Finds the skills of every posting of the library at @db_path again (after
 * the vocabulary changed) and writes them to job_skills, on a worker thread
 * with a connection of its own, a batch of postings per transaction, so
 * that the application keeps writing meanwhile. @progress is called on that
 * thread after each batch (done, total). A cancelled run keeps the batches
 * it committed; meta.job_skills_version is written when all are done.
 * Finish with cg_skills_extract_for_jobs_finish(), which returns the number
 * of postings read. */
void
cg_skills_extract_for_jobs_async (const char           *db_path,
                                  CgSkillMatcher       *matcher,
                                  CgSkillsProgressFunc  progress,
                                  gpointer              progress_data,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  ExtractData *data = g_new0 (ExtractData, 1);

  g_return_if_fail (db_path != NULL && matcher != NULL);

  data->path = g_strdup (db_path);
  data->matcher = cg_skill_matcher_ref (matcher);
  data->progress = progress;
  data->progress_data = progress_data;

  g_task_set_source_tag (task, cg_skills_extract_for_jobs_async);
  g_task_set_task_data (task, data, (GDestroyNotify) extract_data_free);
  g_task_run_in_thread (task, extract_thread);
}

gint64
cg_skills_extract_for_jobs_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), -1);

  return g_task_propagate_int (G_TASK (result), error);
}
