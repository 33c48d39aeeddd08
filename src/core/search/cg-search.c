/* cg-search.c: one search through everything the library holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Postings, guides, FAQ entries and roles through their FTS5 tables (the
 * text quoted as in the job list, so any input is a search, never FTS
 * syntax), with snippets marked around the matched words; applications,
 * which are few, through a LIKE on their title, company and notes.
 */
#define G_LOG_DOMAIN "cg-search"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-db.h"
#include "cg-job-query.h"
#include "cg-library-worker.h"
#include "cg-search.h"

const char *
cg_search_kind_to_string (CgSearchKind kind)
{
  switch (kind)
    {
    case CG_SEARCH_KIND_POSTING: return "posting";
    case CG_SEARCH_KIND_GUIDE: return "guide";
    case CG_SEARCH_KIND_FAQ: return "faq";
    case CG_SEARCH_KIND_ROLE: return "role";
    case CG_SEARCH_KIND_APPLICATION: return "application";
    default: return "unknown";
    }
}

void
cg_search_result_free (CgSearchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->target);
  g_free (result->title);
  g_free (result->snippet);
  g_free (result->where);
  g_free (result);
}

typedef struct {
  CgSearchKind  kind;
  const char   *sql;   /* ?1 the FTS query, ?2 the limit */
} Source;

/* Columns: target, title, snippet, where. */
static const Source fts_sources[] = {
  { CG_SEARCH_KIND_POSTING,
    "SELECT j.key, j.title,"
    "       snippet(jobs_fts, -1, '" CG_SEARCH_MARK_START "', '" CG_SEARCH_MARK_END "', '…', 12),"
    "       trim(coalesce(j.company, '') || ' · ' ||"
    "            coalesce(substr(j.locations, 1, instr(j.locations || char(10), char(10)) - 1), ''), ' ·')"
    " FROM jobs_fts JOIN jobs j ON j.id = jobs_fts.rowid"
    " WHERE jobs_fts MATCH ?1 ORDER BY jobs_fts.rank LIMIT ?2" },
  { CG_SEARCH_KIND_GUIDE,
    "SELECT g.slug, g.title,"
    "       snippet(guides_fts, -1, '" CG_SEARCH_MARK_START "', '" CG_SEARCH_MARK_END "', '…', 12),"
    "       g.description"
    " FROM guides_fts JOIN guides g ON g.id = guides_fts.rowid"
    " WHERE guides_fts MATCH ?1 ORDER BY guides_fts.rank LIMIT ?2" },
  { CG_SEARCH_KIND_FAQ,
    "SELECT f.slug, f.question,"
    "       snippet(faq_fts, -1, '" CG_SEARCH_MARK_START "', '" CG_SEARCH_MARK_END "', '…', 12),"
    "       f.topic"
    " FROM faq_fts JOIN faq f ON f.id = faq_fts.rowid"
    " WHERE faq_fts MATCH ?1 ORDER BY faq_fts.rank LIMIT ?2" },
  { CG_SEARCH_KIND_ROLE,
    "SELECT r.slug, r.name,"
    "       snippet(roles_fts, -1, '" CG_SEARCH_MARK_START "', '" CG_SEARCH_MARK_END "', '…', 12),"
    "       ''"
    " FROM roles_fts JOIN roles r ON r.id = roles_fts.rowid"
    " WHERE roles_fts MATCH ?1 ORDER BY roles_fts.rank LIMIT ?2" },
};

static gboolean
collect (sqlite3       *db,
         CgSearchKind   kind,
         sqlite3_stmt  *stmt,
         GPtrArray     *results,
         GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CgSearchResult *r = g_new0 (CgSearchResult, 1);

      r->kind = kind;
      r->target = g_strdup (cg_db_column_text (stmt, 0));
      r->title = g_strdup (cg_db_column_text (stmt, 1));
      r->snippet = g_strdup (cg_db_column_text (stmt, 2));
      r->where = g_strdup (cg_db_column_text (stmt, 3));
      g_ptr_array_add (results, r);
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot search the library"));
      return FALSE;
    }

  return TRUE;
}

/* LIKE pattern for @word anywhere, with % _ \ literal. */
static char *
like_word (const char *word)
{
  GString *out = g_string_new ("%");

  for (const char *p = word; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* Applications whose title, company or notes hold every word. */
static gboolean
search_applications (sqlite3     *db,
                     const char  *text,
                     guint        limit,
                     GPtrArray   *results,
                     GError     **error)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_auto(GStrv) words = g_strsplit_set (valid, " \t\r\n", -1);
  g_autoptr(GString) sql = g_string_new (
    "SELECT a.id, a.title, substr(coalesce(a.notes, ''), 1, 120),"
    "       trim(coalesce(a.company, '') || ' · ' || s.name, ' ·')"
    " FROM applications a JOIN stages s ON s.id = a.stage WHERE a.archived = 0");
  g_autoptr(GPtrArray) patterns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  for (guint i = 0; words[i] != NULL && patterns->len < 8; i++)
    {
      if (*words[i] == '\0')
        continue;
      g_ptr_array_add (patterns, like_word (words[i]));
      g_string_append_printf (sql,
                              " AND (a.title LIKE ?%u ESCAPE '\\' OR a.company LIKE ?%u ESCAPE '\\'"
                              " OR a.notes LIKE ?%u ESCAPE '\\')",
                              patterns->len, patterns->len, patterns->len);
    }
  if (patterns->len == 0)
    return TRUE;
  g_string_append_printf (sql, " ORDER BY a.updated DESC LIMIT %u", limit);

  stmt = cg_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < patterns->len; i++)
    cg_db_bind_text (stmt, (int) i + 1, g_ptr_array_index (patterns, i));

  return collect (db, CG_SEARCH_KIND_APPLICATION, stmt, results, error);
}

/* Everything that matches @text, grouped by kind (postings, guides, FAQ,
 * roles, applications), at most @limit_per_kind of each, best first. An
 * empty result is not an error. */
GPtrArray *
cg_search (sqlite3     *db,
           const char  *text,
           guint        limit_per_kind,
           GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_search_result_free);
  g_autofree char *match = cg_fts_query_from_text (text);

  if (match == NULL)
    return g_steal_pointer (&results);

  for (guint i = 0; i < G_N_ELEMENTS (fts_sources); i++)
    {
      g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, fts_sources[i].sql, error);

      if (stmt == NULL)
        return NULL;
      cg_db_bind_text (stmt, 1, match);
      sqlite3_bind_int (stmt, 2, (int) limit_per_kind);
      if (!collect (db, fts_sources[i].kind, stmt, results, error))
        return NULL;
    }

  if (!search_applications (db, text, limit_per_kind, results, error))
    return NULL;

  return g_steal_pointer (&results);
}

/* The snippet as Pango markup: library text escaped, matches in bold. */
char *
cg_search_snippet_to_markup (const char *snippet)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *valid = g_utf8_make_valid (snippet ? snippet : "", -1);
  const char *p = valid;

  while (*p != '\0')
    {
      const char *next = strpbrk (p, CG_SEARCH_MARK_START CG_SEARCH_MARK_END "\n");
      g_autofree char *chunk = g_strndup (p, next ? (gsize) (next - p) : strlen (p));
      g_autofree char *escaped = g_markup_escape_text (chunk, -1);

      g_string_append (out, escaped);
      if (next == NULL)
        break;
      if (*next == CG_SEARCH_MARK_START[0])
        g_string_append (out, "<b>");
      else if (*next == CG_SEARCH_MARK_END[0])
        g_string_append (out, "</b>");
      else
        g_string_append_c (out, ' ');
      p = next + 1;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The snippet without marks or line breaks, for the command line. */
char *
cg_search_snippet_to_plain (const char *snippet)
{
  GString *out = g_string_new (NULL);

  for (const char *p = snippet ? snippet : ""; *p; p++)
    {
      if (*p == CG_SEARCH_MARK_START[0] || *p == CG_SEARCH_MARK_END[0])
        continue;
      g_string_append_c (out, (*p == '\n' || *p == '\t') ? ' ' : *p);
    }

  return g_string_free (out, FALSE);
}

typedef struct {
  char  *text;
  guint  limit_per_kind;
} SearchData;

static void
search_data_free (SearchData *data)
{
  g_free (data->text);
  g_free (data);
}

static void
search_thread (GTask        *task,
               sqlite3      *db,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  GError *error = NULL;
  GPtrArray *results = cg_search (db, data->text, data->limit_per_kind, &error);

  if (results == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, results, (GDestroyNotify) g_ptr_array_unref);
}

/* cg_search() on a worker thread with a connection of its own (there may
 * be a million postings); cancelling @cancellable stops the scan. */
void
cg_search_async (CgLibrary           *library,
                 const char          *text,
                 guint                limit_per_kind,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data;

  g_return_if_fail (CG_IS_LIBRARY (library));

  data = g_new0 (SearchData, 1);
  data->text = g_strdup (text);
  data->limit_per_kind = limit_per_kind;

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_search_async);
  g_task_set_task_data (task, data, (GDestroyNotify) search_data_free);
  cg_library_run_in_worker (library, task, search_thread);
}

/* The results (CgSearchResult), as cg_search() returns them. */
GPtrArray *
cg_search_finish (CgLibrary     *library,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_search_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
