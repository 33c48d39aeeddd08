/* cg-guide-render.c: a guide's body rendered, live figures included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A guide may hold live blocks (```compare): tables of figures computed
 * from the postings when the guide is shown. Those are queries over every
 * posting, seconds with a million of them, so a guide that has one is
 * rendered on a worker thread with a read-only connection of its own
 * (cg_guide_render_async()); one without is rendered at once.
 */
#define G_LOG_DOMAIN "cg-guide-render"

#include "config.h"

#include <string.h>

#include "cg-compare.h"
#include "cg-guide-render.h"
#include "cg-library-worker.h"

static const char *live_blocks[] = { "compare", NULL };

/* Whether @body has a fenced block whose figures are computed live. */
gboolean
cg_guide_body_has_live_blocks (const char *body)
{
  for (guint i = 0; body != NULL && live_blocks[i] != NULL; i++)
    {
      g_autofree char *backticks = g_strconcat ("```", live_blocks[i], NULL);
      g_autofree char *tildes = g_strconcat ("~~~", live_blocks[i], NULL);

      if (strstr (body, backticks) != NULL || strstr (body, tildes) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* @body rendered on the calling thread, its live blocks computed with the
 * library's own connection (or left as they are when it is not open). */
CgMarkdown *
cg_guide_render (CgLibrary  *library,
                 const char *body)
{
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  db = cg_library_get_db (library);
  if (db == NULL || !cg_guide_body_has_live_blocks (body))
    return cg_markdown_render (body, -1, NULL, NULL, NULL);
  return cg_markdown_render (body, -1, live_blocks, cg_compare_block_cb, db);
}

static void
render_thread (GTask        *task,
               sqlite3      *db,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CgMarkdown *md = cg_markdown_render (task_data, -1, live_blocks, cg_compare_block_cb, db);

  g_task_return_pointer (task, md, (GDestroyNotify) cg_markdown_free);
}

/* Renders @body with its live blocks on a worker thread. Fails only when
 * the worker cannot read the library; cg_guide_render() is then the way. */
void
cg_guide_render_async (CgLibrary           *library,
                       const char          *body,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CG_IS_LIBRARY (library));

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_guide_render_async);
  g_task_set_task_data (task, g_strdup (body), g_free);
  cg_library_run_in_worker (library, task, render_thread);
}

CgMarkdown *
cg_guide_render_finish (CgLibrary     *library,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_guide_render_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
