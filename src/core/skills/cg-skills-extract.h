/* cg-skills-extract.h: the skills of the postings in a database (job_skills)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cg-skill-matcher.h"

G_BEGIN_DECLS

/* Called about every 1000 postings, and at the end. */
typedef void (*CgSkillsProgressFunc) (guint64  done,
                                      guint64  total,
                                      gpointer user_data);

gint64  cg_skills_fill_job_skills  (sqlite3              *db,
                                    CgSkillMatcher       *matcher,
                                    GCancellable         *cancellable,
                                    CgSkillsProgressFunc  progress,
                                    gpointer              user_data,
                                    GError              **error);

gboolean cg_skills_job_skills_are_stale  (sqlite3              *db);

void    cg_skills_extract_for_jobs_async  (const char           *db_path,
                                           CgSkillMatcher       *matcher,
                                           CgSkillsProgressFunc  progress,
                                           gpointer              progress_data,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gint64  cg_skills_extract_for_jobs_finish (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
