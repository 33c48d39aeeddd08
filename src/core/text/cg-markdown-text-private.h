/* cg-markdown-text-private.h: how text is written into Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules cg_html_to_markdown() writes text with, shared with the
 * importer's fast path for plain text (cg-job-import.c), which must write
 * exactly what cg_html_to_markdown() writes (the fuzz target
 * fuzz-csv-import checks it): which characters are white space, which are
 * dropped, which are escaped, and what starts a list item.
 */
#pragma once

#include <glib.h>

/* White space that collapses into one space */
static inline gboolean
cg_md_is_collapsible_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0;
}

/* Control characters and the byte order mark, which are not written */
static inline gboolean
cg_md_is_dropped_char (gunichar c)
{
  return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || c == 0xFEFF;
}

/* A printable ASCII byte that Markdown never needs escaped in the middle of
 * a line (see cg_md_needs_escape()) */
static inline gboolean
cg_md_is_plain_byte (guchar b)
{
  switch (b)
    {
    case '\\': case '`': case '*': case '_': case '[': case ']':
    case '<': case '|': case '#': case '&':
      return FALSE;
    default:
      return b > 0x20 && b < 0x7F;
    }
}

/* Whether @c (followed by @next) is written with a backslash before it:
 * inline syntax anywhere, "&" before what would read as an entity, and at
 * the start of a line (@line_start) what would start a heading, a quote, a
 * list, a setext underline or a fence, or "." and ")" after the digits
 * that start a line (@leading_digits: "1.") */
static inline gboolean
cg_md_needs_escape (gunichar c,
                    gunichar next,
                    gboolean line_start,
                    gboolean leading_digits)
{
  if (c > 0x20 && c < 0x7F && c != '&' && !cg_md_is_plain_byte ((guchar) c))
    return TRUE;
  if (c == '&')
    return g_unichar_isalnum (next) || next == '#';
  if (line_start && (c == '>' || c == '-' || c == '+' || c == '=' || c == '~'))
    return TRUE;
  return leading_digits && (c == '.' || c == ')');
}

/* "• item", "- item", "* item": the length of the bullet and the space
 * after it at @p, or 0 */
static inline gsize
cg_md_bullet_at (const char *p)
{
  gunichar c = g_utf8_get_char (p);
  const char *q = g_utf8_next_char (p);
  gboolean needs_space;
  gboolean spaced = FALSE;

  switch (c)
    {
    case 0x2022: /* • */
    case 0x25E6: /* ◦ */
    case 0x25AA: /* ▪ */
    case 0x25CF: /* ● */
    case 0x2023: /* ‣ */
    case 0x2043: /* ⁃ */
      needs_space = FALSE;
      break;
    case '-':
    case '*':
    case '+':
    case 0x00B7: /* · */
    case 0x2013: /* – */
      needs_space = TRUE;
      break;
    default:
      return 0;
    }

  while (*q == ' ' || *q == '\t' || g_utf8_get_char (q) == 0xA0)
    {
      spaced = TRUE;
      q = g_utf8_next_char (q);
    }

  if (needs_space && !spaced)
    return 0;

  return q - p;
}
