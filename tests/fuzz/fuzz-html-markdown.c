/* fuzz-html-markdown.c: libFuzzer target for HTML descriptions to Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>
#include <glib.h>

#include "cg-html-markdown.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* Any input: the Markdown, rendered by cmark, has no raw HTML, no images,
 * and links only to http(s)/mailto. */
static void
check_rendered (const char *md)
{
  char *html = cmark_markdown_to_html (md, strlen (md), CMARK_OPT_DEFAULT);
  if (strstr (html, "<!-- raw HTML omitted -->") || strstr (html, "<img"))
    { fprintf (stderr, "MD: %s\nHTML: %s\n", md, html); abort (); }
  for (const char *p = strstr (html, "<a href=\""); p; p = strstr (p + 1, "<a href=\""))
    {
      const char *u = p + 9;
      if (g_ascii_strncasecmp (u, "http:", 5) && g_ascii_strncasecmp (u, "https:", 6) && g_ascii_strncasecmp (u, "mailto:", 7))
        { fprintf (stderr, "MD: %s\nHTML: %s\n", md, html); abort (); }
    }
  free (html);
}

/* Text only: the Markdown renders to paragraphs holding exactly that text */
static void
check_text (const guint8 *data, size_t size)
{
  GString *text = g_string_new (NULL);
  GString *html = g_string_new ("<p>");
  for (size_t i = 0; i < size && i < 200; i++)
    {
      static const char chars[] = "abc 1.)-+*_`[]()<>!#\\|&;=~:/\"'";
      g_string_append_c (text, chars[data[i] % (sizeof chars - 1)]);
    }
  char *esc = g_markup_escape_text (text->str, -1);
  g_string_append (html, esc);
  g_string_append (html, "</p>");
  char *md = cg_html_to_markdown (html->str, html->len);
  char *out = cmark_markdown_to_html (md, strlen (md), CMARK_OPT_DEFAULT);
  /* expected: <p>ESC</p>\n with whitespace collapsed, or "" */
  GString *want = g_string_new (NULL);
  static GRegex *spaces; if (!spaces) spaces = g_regex_new (" +", 0, 0, NULL);
  char *collapsed = g_strstrip (g_regex_replace_literal (spaces, text->str, -1, 0, " ", 0, NULL));
  if (*collapsed)
    {
      char *e = g_markup_escape_text (collapsed, -1);
      /* cmark escapes " as &quot; and ' stays */
      GString *w = g_string_new (NULL);
      for (char *p = e; *p; p++)
        {
          if (g_str_has_prefix (p, "&apos;")) { g_string_append_c (w, '\''); p += 5; }
          else if (g_str_has_prefix (p, "&#34;")) { g_string_append (w, "&quot;"); p += 4; }
          else g_string_append_c (w, *p);
        }
      g_string_append_printf (want, "<p>%s</p>\n", w->str);
      g_string_free (w, TRUE);
      g_free (e);
    }
  if (strcmp (out, want->str) != 0)
    { fprintf (stderr, "TEXT: [%s]\nMD: [%s]\nGOT: [%s]\nWANT: [%s]\n", text->str, md, out, want->str); abort (); }
  g_free (collapsed);
  g_string_free (want, TRUE);
  free (out); g_free (md); g_free (esc);
  g_string_free (text, TRUE); g_string_free (html, TRUE);
}

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  char *md = cg_html_to_markdown ((const char *) data, size);
  if (!g_utf8_validate (md, -1, NULL)) abort ();
  check_rendered (md);
  g_free (md);
  check_text (data, size);
  return 0;
}
