/* cg-skills-extract.c: the skills of the postings in a database (job_skills)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * job_skills holds, for each posting, the skills its title and description
 * ask for (by the skill's id, which survives a change of the vocabulary)
 * and whether they are required or nice to have. The content compiler
 * fills it for the bundled postings; a library fills it for the user's.
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
