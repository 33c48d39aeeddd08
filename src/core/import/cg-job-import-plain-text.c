/* cg-job-import-plain-text.c: plain-text descriptions to Markdown, fast
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include "cg-job-import-private.h"
#include "cg-markdown-text-private.h"

/* Plain text to Markdown, fast
 *
 * Descriptions in CSV exports are mostly plain text, and parsing each one
 * as HTML is most of the cost of an import. Text that libxml2 would pass
 * through unchanged (no "<", no "&", no control characters but tab and
 * newlines, no U+FFFE/U+FFFF) is written here with the very rules that
 * cg_html_to_markdown() applies to plain text (its writer, reduced to a page
 * without containers or inline marks): white space collapses, one newline
 * is a hard line break and more a new paragraph, lines starting with "•",
 * "- " or "* " become list items, and Markdown syntax is escaped. The fuzz
 * target fuzz-csv-import checks that both give the same text. */

typedef struct {
  GString  *out;
  guint     pending_nl;
  gboolean  pending_hard;
  gboolean  pending_space;
  gboolean  at_line_start;
  gboolean  has_content;
  gboolean  line_start_escape;
  gboolean  leading_digits;
  gboolean  pending_bullet;
} Plain;

static gboolean
is_plain_text (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '<' || *p == '&' || *p == 0x7f ||
          (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r'))
        return FALSE;
      /* U+FFFE, U+FFFF: not characters to libxml2 */
      if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
        return FALSE;
    }

  return TRUE;
}

static gboolean
plain_line_is_empty (const Plain *pl)
{
  return pl->pending_nl > 0 || pl->at_line_start;
}

/* No white space at the end of a line */
static void
plain_trim_line (Plain *pl)
{
  GString *out = pl->out;

  while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
    out->len--;
  out->str[out->len] = '\0';
}

static void
plain_begin_text (Plain *pl)
{
  if (pl->pending_nl > 0 && pl->has_content)
    {
      if (pl->pending_nl == 1 && pl->pending_hard)
        g_string_append_c (pl->out, '\\');
      plain_trim_line (pl);
      g_string_append_c (pl->out, '\n');
      if (pl->pending_nl >= 2)
        g_string_append_c (pl->out, '\n');
      pl->at_line_start = TRUE;
    }
  pl->pending_nl = 0;
  pl->pending_hard = FALSE;

  if (pl->at_line_start)
    {
      pl->at_line_start = FALSE;
      pl->line_start_escape = TRUE;
      pl->leading_digits = FALSE;
      pl->pending_space = FALSE;
    }

  if (pl->pending_bullet)
    {
      g_string_append_len (pl->out, "- ", 2);
      pl->line_start_escape = TRUE;
      pl->pending_bullet = FALSE;
    }
  else if (pl->pending_space)
    g_string_append_c (pl->out, ' ');
  pl->pending_space = FALSE;
  pl->has_content = TRUE;
}

static void
plain_char (Plain    *pl,
            gunichar  c,
            gunichar  next)
{
  gboolean escape;

  plain_begin_text (pl);

  escape = cg_md_needs_escape (c, next, pl->line_start_escape, pl->leading_digits);

  pl->leading_digits = c < 0x80 && g_ascii_isdigit ((char) c) &&
                       (pl->line_start_escape || pl->leading_digits);
  pl->line_start_escape = FALSE;

  if (escape)
    g_string_append_c (pl->out, '\\');
  if (c < 0x80)
    g_string_append_c (pl->out, (char) c);
  else
    g_string_append_unichar (pl->out, c);
}

static void
plain_break (Plain *pl,
             guint  n)
{
  if (pl->has_content)
    pl->pending_nl = n;
  pl->pending_hard = FALSE;
  pl->pending_space = FALSE;
  pl->pending_bullet = FALSE;
}

static void
plain_line_break (Plain *pl)
{
  pl->pending_bullet = FALSE;

  if (pl->pending_nl == 1)
    plain_break (pl, MAX (pl->pending_nl, 2));
  else if (!plain_line_is_empty (pl))
    {
      pl->pending_nl = 1;
      pl->pending_hard = TRUE;
      pl->pending_space = FALSE;
    }
}

/* Writes @text into @out as cg_html_to_markdown() would; FALSE (and @out
 * untouched) when @text is not plain text */
gboolean
cg_import_plain_text_convert (const char *text,
                              GString    *out)
{
  Plain pl = { out, 0, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE };
  const char *p = text;

  if (!is_plain_text (text))
    return FALSE;

  g_string_truncate (out, 0);

  while (*p != '\0')
    {
      gunichar c;
      const char *next;

      /* The middle of a line: words and single spaces are written as
       * they are, a run at a time */
      if (pl.has_content && pl.pending_nl == 0 && !pl.at_line_start && !pl.pending_space &&
          !pl.pending_bullet && !pl.line_start_escape && !pl.leading_digits &&
          cg_md_is_plain_byte ((guchar) *p))
        {
          const char *q = p + 1;

          while (cg_md_is_plain_byte ((guchar) *q) ||
                 (*q == ' ' && cg_md_is_plain_byte ((guchar) q[1])))
            q++;
          g_string_append_len (out, p, q - p);
          p = q;
          continue;
        }

      c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
      next = (guchar) *p < 0x80 ? p + 1 : g_utf8_next_char (p);

      if (c == '\n' || c == '\r')
        {
          guint newlines = 0;
          const char *q = p;

          /* A run of white space: one newline is a line break, more a paragraph */
          while (*q != '\0' && cg_md_is_collapsible_space (g_utf8_get_char (q)))
            {
              if (*q == '\n' || (*q == '\r' && q[1] != '\n'))
                newlines++;
              q = g_utf8_next_char (q);
            }

          if (newlines >= 2)
            plain_break (&pl, MAX (pl.pending_nl, 2));
          else
            plain_line_break (&pl);
          p = q;
          continue;
        }

      if (cg_md_is_collapsible_space (c))
        {
          if (!plain_line_is_empty (&pl))
            pl.pending_space = TRUE;
        }
      else if (cg_md_is_dropped_char (c))
        ;
      else
        {
          gsize bullet;

          if (plain_line_is_empty (&pl) && !pl.pending_bullet && (bullet = cg_md_bullet_at (p)) > 0)
            {
              pl.pending_hard = FALSE;
              pl.pending_space = FALSE;
              pl.pending_bullet = TRUE;
              p += bullet;
              continue;
            }

          plain_char (&pl, c, *next == '\0' ? 0 : g_utf8_get_char (next));
        }

      p = next;
    }

  /* As cg_html_to_markdown() ends: no white space at line ends, no
   * newlines at the end */
  plain_trim_line (&pl);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  return TRUE;
}

/* For the tests and the fuzz targets */
char *
cg_job_import_plain_text_to_markdown (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cg_import_plain_text_convert (text, out))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}
