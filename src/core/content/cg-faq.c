/* cg-faq.c: the FAQ page, built from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Questions grouped by topic, each answer rendered by the Markdown pipeline
 * inside a <details> element, so that answers expand in place without any
 * script. Answers marked live are computed from the postings: the
 * "cities-hiring" answer lists the cities with the most open postings.
 * Search goes through FTS5 with the same quoting as the job list.
 */
#define G_LOG_DOMAIN "cg-faq"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-compare.h"
#include "cg-db.h"
#include "cg-faq.h"
#include "cg-job-query.h"
#include "cg-library-worker.h"
#include "cg-markdown.h"

/* A Markdown list of the cities with open postings, most first. Postings
 * that have expired (flagged, or closing before @today) do not count. */
char *
cg_faq_cities_hiring_markdown (sqlite3     *db,
                               const char  *today,
                               guint        limit,
                               GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  int rc;

  stmt = cg_db_prepare (db,
    "SELECT CASE WHEN instr(locations, char(10)) > 0"
    "            THEN substr(locations, 1, instr(locations, char(10)) - 1)"
    "            ELSE locations END AS city, count(*) AS n"
    " FROM jobs"
    " WHERE locations IS NOT NULL AND expired = 0"
    "   AND (valid_through IS NULL OR valid_through >= ?1)"
    " GROUP BY city ORDER BY n DESC, city LIMIT ?2", error);
  if (stmt == NULL)
    return NULL;

  cg_db_bind_text (stmt, 1, today);
  sqlite3_bind_int (stmt, 2, (int) limit);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_int (stmt, 1);
      g_autofree char *line = g_strdup_printf (ngettext ("%s: %d open posting", "%s: %d open postings", n),
                                               cg_db_column_text (stmt, 0), n);
      const char *p;

      g_string_append (out, "- ");
      /* the city is data: keep Markdown out of it */
      for (p = line; *p; p++)
        {
          if (strchr ("\\`*_[]<>#|!", *p) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '\n');
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot count the postings by city"));
      return NULL;
    }

  if (out->len == 0)
    g_string_append (out, _("No open postings with a location yet: import some on the Jobs page."));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* The body HTML of the FAQ: every question matching @search_text (all when
 * NULL or empty), grouped by topic. @n_shown receives how many. */
char *
cg_faq_build_html (sqlite3     *db,
                   const char  *search_text,
                   const char  *today,
                   guint       *n_shown,
                   GError     **error)
{
  static const char *blocks[] = { "compare", NULL };
  g_autofree char *match = cg_fts_query_from_text (search_text);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *topic = NULL;
  guint n = 0;
  int rc;

  if (match != NULL)
    stmt = cg_db_prepare (db,
      "SELECT f.slug, f.question, f.topic, f.live, f.answer FROM faq f"
      " JOIN faq_fts ON faq_fts.rowid = f.id WHERE faq_fts MATCH ?"
      " ORDER BY (SELECT min(slug) FROM faq g WHERE g.topic = f.topic), f.position, f.question", error);
  else
    stmt = cg_db_prepare (db,
      "SELECT slug, question, topic, live, answer FROM faq"
      " ORDER BY (SELECT min(slug) FROM faq g WHERE g.topic = faq.topic), position, question",
      error);
  if (stmt == NULL)
    return NULL;
  if (match != NULL)
    cg_db_bind_text (stmt, 1, match);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *slug = cg_db_column_text (stmt, 0);
      const char *live = cg_db_column_text (stmt, 3);
      g_autoptr(CgMarkdown) md = NULL;
      g_autofree char *answer = g_strdup (cg_db_column_text (stmt, 4));

      if (g_strcmp0 (topic, cg_db_column_text (stmt, 2)) != 0)
        {
          if (topic != NULL)
            g_string_append (out, "</section>\n");
          g_free (topic);
          topic = g_strdup (cg_db_column_text (stmt, 2));
          g_string_append (out, "<section class=\"cg-faq-topic\"><h2>");
          append_escaped (out, topic);
          g_string_append (out, "</h2>\n");
        }

      if (g_strcmp0 (live, "cities-hiring") == 0)
        {
          g_autofree char *cities = cg_faq_cities_hiring_markdown (db, today, 10, NULL);
          g_autofree char *joined = g_strconcat (answer ? answer : "", "\n\n", cities ? cities : "", NULL);

          g_free (answer);
          answer = g_steal_pointer (&joined);
        }

      md = cg_markdown_render (answer, -1, blocks, cg_compare_block_cb, db);
      g_string_append (out, "<details id=\"");
      append_escaped (out, slug);
      g_string_append (out, match != NULL ? "\" open><summary>" : "\"><summary>");
      append_escaped (out, cg_db_column_text (stmt, 1));
      g_string_append (out, "</summary>\n<div class=\"cg-answer\">");
      g_string_append (out, cg_markdown_get_html (md));
      g_string_append (out, "</div></details>\n");
      n++;
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the questions"));
      return NULL;
    }

  if (topic != NULL)
    g_string_append (out, "</section>\n");

  if (n_shown != NULL)
    *n_shown = n;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

typedef struct {
  char  *search_text;
  char  *today;
  guint  n_shown;
} BuildData;

static void
build_data_free (BuildData *data)
{
  g_free (data->search_text);
  g_free (data->today);
  g_free (data);
}

static void
build_thread (GTask        *task,
              sqlite3      *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  BuildData *data = task_data;
  GError *error = NULL;
  char *html = cg_faq_build_html (db, data->search_text, data->today, &data->n_shown, &error);

  if (html == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, html, g_free);
}

/* cg_faq_build_html() on a worker thread with a connection of its own: the
 * live answers count postings, and there may be a million of them. */
void
cg_faq_build_html_async (CgLibrary           *library,
                         const char          *search_text,
                         const char          *today,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  BuildData *data;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (today != NULL);

  data = g_new0 (BuildData, 1);
  data->search_text = g_strdup (search_text);
  data->today = g_strdup (today);

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_faq_build_html_async);
  g_task_set_task_data (task, data, (GDestroyNotify) build_data_free);
  cg_library_run_in_worker (library, task, build_thread);
}

/* The questions' HTML, and in @n_shown how many questions it holds. */
char *
cg_faq_build_html_finish (CgLibrary     *library,
                          GAsyncResult  *result,
                          guint         *n_shown,
                          GError       **error)
{
  char *html;

  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_faq_build_html_async, NULL);

  html = g_task_propagate_pointer (G_TASK (result), error);
  if (n_shown != NULL)
    *n_shown = html != NULL ? ((BuildData *) g_task_get_task_data (G_TASK (result)))->n_shown : 0;
  return html;
}
