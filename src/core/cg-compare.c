/* cg-compare.c: roles side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison table as HTML, read from the library: one column per
 * role, one row per aspect (data/content/aspects.yaml), the summary first.
 * Guides embed it with a ```compare block listing role slugs, so the
 * table in a guide is always the one the database holds.
 */
#define G_LOG_DOMAIN "cg-compare"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cg-compare.h"
#include "cg-db.h"

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* The table for @roles (slugs, in column order); unknown slugs are left
 * out. NULL with @error set when none of them is known. */
char *
cg_compare_render_html (sqlite3            *db,
                        const char * const *roles,
                        GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) slugs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) role_stmt = NULL;
  g_autoptr(sqlite3_stmt) aspects = NULL;
  g_autoptr(sqlite3_stmt) value = NULL;

  role_stmt = cg_db_prepare (db, "SELECT name, summary FROM roles WHERE slug = ?", error);
  if (role_stmt == NULL)
    return NULL;

  for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
    {
      cg_db_bind_text (role_stmt, 1, roles[i]);
      if (sqlite3_step (role_stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (slugs, g_strdup (roles[i]));
          g_ptr_array_add (names, g_strdup (cg_db_column_text (role_stmt, 0)));
          g_ptr_array_add (summaries, g_strdup (cg_db_column_text (role_stmt, 1)));
        }
      sqlite3_reset (role_stmt);
    }

  if (slugs->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("None of these roles is known"));
      return NULL;
    }

  aspects = cg_db_prepare (db, "SELECT key, label FROM aspects ORDER BY position", error);
  value = aspects ? cg_db_prepare (db, "SELECT value FROM role_aspects WHERE role = ? AND aspect = ?",
                                   error) : NULL;
  if (value == NULL)
    return NULL;

  g_string_append (out, "<table class=\"cg-compare\">\n<thead><tr><th></th>");
  for (guint i = 0; i < names->len; i++)
    {
      g_string_append (out, "<th scope=\"col\"><a href=\"role:");
      append_escaped (out, g_ptr_array_index (slugs, i));
      g_string_append (out, "\">");
      append_escaped (out, g_ptr_array_index (names, i));
      g_string_append (out, "</a></th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">");
  append_escaped (out, _("Summary"));
  g_string_append (out, "</th>");
  for (guint i = 0; i < summaries->len; i++)
    {
      g_string_append (out, "<td>");
      append_escaped (out, g_ptr_array_index (summaries, i));
      g_string_append (out, "</td>");
    }
  g_string_append (out, "</tr>\n");

  while (sqlite3_step (aspects) == SQLITE_ROW)
    {
      const char *key = cg_db_column_text (aspects, 0);

      g_string_append (out, "<tr><th scope=\"row\">");
      append_escaped (out, cg_db_column_text (aspects, 1));
      g_string_append (out, "</th>");
      for (guint i = 0; i < slugs->len; i++)
        {
          cg_db_bind_text (value, 1, g_ptr_array_index (slugs, i));
          cg_db_bind_text (value, 2, key);
          g_string_append (out, "<td>");
          if (sqlite3_step (value) == SQLITE_ROW)
            append_escaped (out, cg_db_column_text (value, 0));
          g_string_append (out, "</td>");
          sqlite3_reset (value);
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A CgMarkdownBlockFunc for ```compare blocks (@db is the sqlite3 *):
 * role slugs, one a line (or separated by spaces or commas). */
char *
cg_compare_block_cb (const char *info,
                     const char *content,
                     gpointer    db)
{
  g_auto(GStrv) words = g_strsplit_set (content ? content : "", " \t\r\n,", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) roles = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  roles = g_strv_builder_end (builder);

  return cg_compare_render_html (db, (const char * const *) roles, NULL);
}
