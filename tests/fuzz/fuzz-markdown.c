/* fuzz-markdown.c: libFuzzer target for the Markdown pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "fuzz-markdown"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "cg-markdown.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static const char * const block_infos[] = { "compare", "chart", NULL };

/* Like the app's ```compare: one slug a line, escaped into a table. Returns
 * NULL for an empty block, which keeps it a code block. A "chart" block
 * renders Markdown itself, as a nested render. */
static char *
block_cb (const char *info,
          const char *content,
          gpointer    user_data G_GNUC_UNUSED)
{
  g_auto(GStrv) lines = NULL;
  GString *html;

  g_assert (info != NULL && content != NULL);
  g_assert (g_utf8_validate (info, -1, NULL));
  g_assert (g_utf8_validate (content, -1, NULL));

  if (content[0] == '\0')
    return NULL;

  if (g_str_has_prefix (info, "chart"))
    {
      g_autoptr(CgMarkdown) inner = cg_markdown_render (content, -1, NULL, NULL, NULL);

      return g_strdup (cg_markdown_get_html (inner));
    }

  lines = g_strsplit (content, "\n", 64);
  html = g_string_new ("<table class=\"cg-compare\">");
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (lines[i], -1);

      g_string_append_printf (html, "<tr><td>%s</td></tr>", escaped);
    }
  g_string_append (html, "</table>");

  return g_string_free (html, FALSE);
}

/* Every tag of the output is one that cmark or the pipeline writes: nothing
 * of the source's raw HTML comes through. */
static void
assert_known_tags (const char *html)
{
  static const char * const tags[] = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre",
    "a", "img", "ul", "ol", "li", "blockquote", "hr", "br", "table", "thead",
    "tbody", "tr", "th", "td", "!-- raw HTML omitted --",
  };

  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      const char *name = p[1] == '/' ? p + 2 : p + 1;
      gboolean known = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (tags) && !known; i++)
        {
          gsize len = strlen (tags[i]);

          known = strncmp (name, tags[i], len) == 0 && strchr (" />", name[len]) != NULL && name[len] != '\0';
        }

      if (!known)
        g_error ("unexpected tag at “%.40s”", p);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CgMarkdown) md = NULL;
  g_autofree char *page = NULL;
  g_autofree char *title = NULL;
  GPtrArray *toc;
  const char *html;

  md = cg_markdown_render ((const char *) data, size, block_infos, block_cb, NULL);
  html = cg_markdown_get_html (md);
  g_assert (html != NULL);
  g_assert (g_utf8_validate (html, -1, NULL));

  assert_known_tags (html);
  g_assert (strstr (html, "href=\"javascript:") == NULL);
  g_assert (strstr (html, "href=\"data:") == NULL);
  g_assert (strstr (html, "src=\"http") == NULL);
  g_assert (strstr (html, "src=\"data:") == NULL);

  toc = cg_markdown_get_toc (md);
  for (guint i = 0; i < toc->len; i++)
    {
      CgTocEntry *entry = g_ptr_array_index (toc, i);

      g_assert (entry->level >= 1 && entry->level <= 3);
      g_assert (entry->id != NULL && entry->id[0] != '\0');
      g_assert (strpbrk (entry->id, "<>&\"' ") == NULL);
      g_assert (g_utf8_validate (entry->text, -1, NULL));
    }

  g_assert (cg_markdown_get_reading_minutes (md) >= 1);

  /* the full-text index's plain text: valid, on one line, no raw HTML */
  {
    g_autofree char *plain = cg_markdown_dup_plain_text ((const char *) data, size);

    g_assert (g_utf8_validate (plain, -1, NULL));
    g_assert (strchr (plain, '\n') == NULL);
    g_assert (cg_markdown_get_word_count (md) == 0 || plain[0] != '\0');
  }

  page = cg_markdown_page (cg_markdown_get_first_heading (md), html, "en");
  g_assert (page != NULL);
  g_clear_pointer (&page, g_free);

  /* The page title and language come from front matter: any text. */
  title = g_strndup ((const char *) data, MIN (size, 512));
  page = cg_markdown_page (title, "", title);
  g_assert (g_utf8_validate (page, -1, NULL));
  g_assert (strstr (page, "<title>") != NULL);

  return 0;
}
