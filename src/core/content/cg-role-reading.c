/* cg-role-reading.c: what there is to read about a role: its guides and questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guides that name a role in their front matter (guides.roles, one
 * slug a line) and the questions of the FAQ about it (faq.role). Both
 * tables are small: the library's own connection answers at once.
 */
#define G_LOG_DOMAIN "cg-role-reading"

#include "config.h"

#include "cg-db.h"
#include "cg-role-reading.h"

void
cg_role_guide_free (CgRoleGuide *guide)
{
  if (guide == NULL)
    return;

  g_free (guide->slug);
  g_free (guide->title);
  g_free (guide);
}

/* The guides about @role (CgRoleGuide), by title; empty when there are
 * none or the library cannot be read. */
GPtrArray *
cg_role_list_guides (CgLibrary  *library,
                     const char *role)
{
  GPtrArray *guides = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_role_guide_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_LIBRARY (library), guides);

  if (!cg_library_is_open (library) || role == NULL)
    return guides;

  stmt = cg_db_prepare (cg_library_get_db (library),
                        "SELECT slug, title FROM guides"
                        " WHERE instr (char(10) || roles || char(10), char(10) || ? || char(10)) > 0"
                        " ORDER BY title", NULL);
  if (stmt == NULL)
    return guides;

  cg_db_bind_text (stmt, 1, role);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CgRoleGuide *guide = g_new0 (CgRoleGuide, 1);

      guide->slug = g_strdup (cg_db_column_text (stmt, 0));
      guide->title = g_strdup (cg_db_column_text (stmt, 1));
      g_ptr_array_add (guides, guide);
    }

  return guides;
}

/* The questions of the FAQ about @role, in the FAQ's order; empty when
 * there are none or the library cannot be read. */
char **
cg_role_list_questions (CgLibrary  *library,
                        const char *role)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_LIBRARY (library), g_strv_builder_end (builder));

  if (cg_library_is_open (library) && role != NULL)
    stmt = cg_db_prepare (cg_library_get_db (library),
                          "SELECT question FROM faq WHERE role = ? ORDER BY position, question", NULL);
  if (stmt != NULL)
    {
      cg_db_bind_text (stmt, 1, role);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, cg_db_column_text (stmt, 0));
    }

  return g_strv_builder_end (builder);
}
