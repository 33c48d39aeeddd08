/* cg-job-lookup.c: one posting of the library, by its key or for its description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Primary-key and unique-index reads, never a scan: the main connection
 * answers them at once, however many postings there are.
 */
#define G_LOG_DOMAIN "cg-job-lookup"

#include "config.h"

#include "cg-db.h"
#include "cg-job-lookup.h"

/* The id of the posting with the stable key @key, or 0 when the library
 * has none (or is not open). */
gint64
cg_job_lookup_id (CgLibrary  *library,
                  const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_LIBRARY (library), 0);

  if (!cg_library_is_open (library) || key == NULL)
    return 0;

  /* a lookup by the unique key's index, not a scan */
  stmt = cg_db_prepare (cg_library_get_db (library), "SELECT id FROM jobs WHERE key = ?", NULL);
  if (stmt == NULL)
    return 0;
  cg_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

/* The description of @job (Markdown), read from @library when the row
 * @job came from left it out (see cg_job_read_description()). */
char *
cg_job_lookup_description (CgLibrary  *library,
                           CgJob      *job,
                           GError    **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (CG_IS_JOB (job), NULL);

  return cg_job_read_description (job, cg_library_get_db (library), error);
}
