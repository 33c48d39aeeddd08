/* cg-html-markdown.c: HTML fragments (job descriptions) to Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A little over the house's 1,500 lines: the tree walk and the Markdown
 * writer it streams into are one state machine (open containers, pending
 * breaks, marks), kept in one file so that its rules read together.
 */
#define G_LOG_DOMAIN "cg-html-markdown"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "cg-html-markdown.h"
#include "cg-markdown-text-private.h"

/* Job descriptions arrive as HTML fragments (or as plain text). They are
 * turned into CommonMark once, at import, so that the one Markdown pipeline
 * renders everything.
 *
 * libxml2's HTML parser builds the tree, which is walked into a writer that
 * streams Markdown:
 *
 * - text is collapsed like a browser does and escaped, so that it can never
 *   become Markdown syntax (a link, raw HTML, a heading, a list...);
 * - block elements ask for a break before the next text; the writer emits it,
 *   with the line prefixes of the open containers (blockquote "> ", the
 *   indentation of list items), only when text follows, so no trailing or
 *   doubled blank lines are made;
 * - inline marks (strong, emphasis, links) are opened lazily before the next
 *   text, so empty ones vanish and "**foo **" cannot happen; a mark that spans
 *   a block break is closed before it and opened again after it;
 * - links are kept only for http, https and mailto; others keep their text;
 * - tables of inline content become GFM pipe tables; tables used for layout
 *   (holding paragraphs, lists, ...) become their blocks.
 *
 * Text with no block tags at all (plain text, or text with only inline tags)
 * keeps its line structure: blank lines split paragraphs, single newlines
 * become hard line breaks, and lines starting with "•", "- " or "* " become
 * list items.
 *
 * Limits against hostile input (this converter is fuzzed): elements nested
 * deeper than MAX_DEPTH are not descended into (their text is still kept),
 * and at most MAX_CONTAINERS containers add line prefixes.
 */

#define MAX_DEPTH      256
#define MAX_CONTAINERS 16
#define MAX_INPUT_SIZE (64 * 1024 * 1024)
#define MAX_LIST_START 999999999   /* CommonMark allows at most 9 digits */

typedef enum
{
  KIND_INLINE,       /* span, font, u, ... and unknown elements */
  KIND_DROP,         /* script, style, ...: dropped with their content */
  KIND_VOID,         /* img, embed, wbr, ...: nothing; libxml2 may nest what follows */
  KIND_BLOCK,
  KIND_HEADING,
  KIND_UL,
  KIND_OL,
  KIND_LI,
  KIND_BLOCKQUOTE,
  KIND_PRE,
  KIND_CODE,
  KIND_STRONG,
  KIND_EM,
  KIND_LINK,
  KIND_BR,
  KIND_HR,
  KIND_TABLE,
  KIND_TABLE_PART,   /* thead, tbody, tfoot, tr, td, th, caption */
} ElementKind;

static const struct
{
  const char  *name;
  ElementKind  kind;
} element_kinds[] = {
  { "p", KIND_BLOCK }, { "div", KIND_BLOCK }, { "section", KIND_BLOCK },
  { "article", KIND_BLOCK }, { "header", KIND_BLOCK }, { "footer", KIND_BLOCK },
  { "main", KIND_BLOCK }, { "aside", KIND_BLOCK }, { "nav", KIND_BLOCK },
  { "address", KIND_BLOCK }, { "figure", KIND_BLOCK }, { "figcaption", KIND_BLOCK },
  { "center", KIND_BLOCK }, { "dl", KIND_BLOCK }, { "dt", KIND_BLOCK }, { "dd", KIND_BLOCK },
  { "details", KIND_BLOCK }, { "summary", KIND_BLOCK }, { "fieldset", KIND_BLOCK },
  { "legend", KIND_BLOCK }, { "hgroup", KIND_BLOCK },
  { "h1", KIND_HEADING }, { "h2", KIND_HEADING }, { "h3", KIND_HEADING },
  { "h4", KIND_HEADING }, { "h5", KIND_HEADING }, { "h6", KIND_HEADING },
  { "ul", KIND_UL }, { "menu", KIND_UL }, { "dir", KIND_UL }, { "ol", KIND_OL },
  { "li", KIND_LI },
  { "blockquote", KIND_BLOCKQUOTE },
  { "pre", KIND_PRE }, { "listing", KIND_PRE }, { "xmp", KIND_PRE }, { "plaintext", KIND_PRE },
  { "code", KIND_CODE }, { "kbd", KIND_CODE }, { "samp", KIND_CODE }, { "tt", KIND_CODE },
  { "strong", KIND_STRONG }, { "b", KIND_STRONG },
  { "em", KIND_EM }, { "i", KIND_EM }, { "cite", KIND_EM }, { "dfn", KIND_EM },
  { "a", KIND_LINK },
  { "br", KIND_BR },
  { "hr", KIND_HR },
  { "table", KIND_TABLE },
  { "thead", KIND_TABLE_PART }, { "tbody", KIND_TABLE_PART }, { "tfoot", KIND_TABLE_PART },
  { "tr", KIND_TABLE_PART }, { "td", KIND_TABLE_PART }, { "th", KIND_TABLE_PART },
  { "caption", KIND_TABLE_PART },
  { "script", KIND_DROP }, { "style", KIND_DROP }, { "iframe", KIND_DROP },
  { "object", KIND_DROP }, { "form", KIND_DROP }, { "head", KIND_DROP },
  { "title", KIND_DROP }, { "noscript", KIND_DROP }, { "template", KIND_DROP },
  { "svg", KIND_DROP }, { "math", KIND_DROP }, { "canvas", KIND_DROP }, { "video", KIND_DROP },
  { "audio", KIND_DROP }, { "applet", KIND_DROP }, { "frameset", KIND_DROP },
  { "frame", KIND_DROP }, { "noframes", KIND_DROP }, { "select", KIND_DROP },
  { "textarea", KIND_DROP }, { "button", KIND_DROP }, { "map", KIND_DROP },
  /* libxml2 2.9 reads some of these as containers of what follows them */
  { "img", KIND_VOID }, { "embed", KIND_VOID }, { "wbr", KIND_VOID }, { "source", KIND_VOID },
  { "track", KIND_VOID }, { "keygen", KIND_VOID }, { "param", KIND_VOID }, { "area", KIND_VOID },
  { "col", KIND_VOID }, { "input", KIND_VOID }, { "meta", KIND_VOID }, { "link", KIND_VOID },
  { "base", KIND_VOID },
};

/* Tags whose presence in the source means the HTML gives the structure;
 * without any of them, newlines in the text do. */
static const char * const structure_tags[] = {
  "p", "br", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "table", "tr", "pre",
  "blockquote", "hr", "section", "article", "dl", "dt", "dd", "header", "footer",
};

/* A block that prefixes its lines: a blockquote ("> "), a list item ("- "
 * on its first line, "  " on the others), a heading ("## ") */
typedef struct
{
  char     *marker;    /* the first line's prefix, or NULL */
  char     *indent;    /* the other lines' prefix */
  gboolean  started;   /* a line of it has been written */
  gboolean  list_item;
} Container;

/* An inline mark: "**" ... "**", "[" ... "](url)" */
typedef struct
{
  char     *opener;
  char     *closer;
  gboolean  written;   /* the opener is in the output */
} Mark;

typedef struct
{
  GString   *out;
  GPtrArray *containers;        /* Container, outermost first */
  GPtrArray *marks;             /* Mark, outermost first */

  guint      pending_nl;        /* newlines owed before the next text: 0, 1 or 2 */
  gboolean   pending_hard;      /* the owed single newline is a hard break */
  gboolean   pending_space;     /* collapsed white space owed before the next text */
  gboolean   at_line_start;     /* nothing is written on the output's last line */
  gboolean   has_content;       /* anything is written at all */
  gboolean   line_start_escape; /* the next character is the first of its line */
  gboolean   leading_digits;    /* the line so far is digits: "1." would be a list */
  gboolean   pending_bullet;    /* "- " owed before the next text (plain text lists) */

  guint      single_line;       /* > 0 in headings and table cells */
  gboolean   in_cell;           /* a pipe table cell: '|' in code spans is escaped too */
  gboolean   preserve_newlines; /* newlines in text are breaks (plain text) */
  guint      strong_depth;
  guint      em_depth;
  guint      link_depth;

  /* Two lists in a row would merge: the second uses the other marker */
  gsize      last_list_end;
  guint      last_list_level;
  char       last_list_char;
} Md;

static void walk_children (Md      *md,
                           xmlNode *node,
                           guint    depth);

static void
container_free (gpointer data)
{
  Container *container = data;

  g_free (container->marker);
  g_free (container->indent);
  g_free (container);
}

static void
mark_free (gpointer data)
{
  Mark *mark = data;

  g_free (mark->opener);
  g_free (mark->closer);
  g_free (mark);
}

static void
md_init (Md       *md,
         gboolean  preserve_newlines,
         guint     single_line)
{
  memset (md, 0, sizeof *md);
  md->out = g_string_new (NULL);
  md->containers = g_ptr_array_new_with_free_func (container_free);
  md->marks = g_ptr_array_new_with_free_func (mark_free);
  md->at_line_start = TRUE;
  md->preserve_newlines = preserve_newlines;
  md->single_line = single_line;
  md->last_list_end = G_MAXSIZE;
}

static void
md_clear (Md *md)
{
  if (md->out != NULL)
    g_string_free (md->out, TRUE);
  g_clear_pointer (&md->containers, g_ptr_array_unref);
  g_clear_pointer (&md->marks, g_ptr_array_unref);
}

/* Element names */

static ElementKind
element_kind (const xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (name == NULL)
    return KIND_INLINE;

  for (guint i = 0; i < G_N_ELEMENTS (element_kinds); i++)
    {
      if (g_ascii_strcasecmp (name, element_kinds[i].name) == 0)
        return element_kinds[i].kind;
    }

  return KIND_INLINE;
}

static gboolean
element_is (const xmlNode *node,
            const char    *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL
         && g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static gboolean
is_text (const xmlNode *node)
{
  return node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE;
}

/* The text of @root's subtree, without dropped elements, walked without
 * recursion. With @newlines, <br> and block elements add a newline; else
 * block elements add a space. */
static void
collect_text (xmlNode  *root,
              GString  *buf,
              gboolean  newlines)
{
  xmlNode *node = root->children;

  while (node != NULL)
    {
      gboolean descend = FALSE;

      if (is_text (node))
        {
          if (node->content != NULL)
            g_string_append (buf, (const char *) node->content);
        }
      else if (node->type == XML_ELEMENT_NODE)
        {
          ElementKind kind = element_kind (node);

          if (kind == KIND_BR)
            g_string_append_c (buf, newlines ? '\n' : ' ');
          else if (kind != KIND_DROP && kind != KIND_INLINE && kind != KIND_VOID
                   && kind != KIND_STRONG
                   && kind != KIND_EM && kind != KIND_LINK && kind != KIND_CODE)
            g_string_append_c (buf, newlines ? '\n' : ' ');

          descend = kind != KIND_DROP && node->children != NULL;
        }

      if (descend)
        {
          node = node->children;
          continue;
        }

      while (node != root && node->next == NULL)
        node = node->parent;
      if (node == root || node == NULL)
        break;
      node = node->next;
    }
}

/* The writer */

static gboolean
md_line_is_empty (const Md *md)
{
  return md->pending_nl > 0 || md->at_line_start;
}

static void
md_append_prefix (Md *md)
{
  for (guint i = 0; i < md->containers->len; i++)
    {
      Container *container = g_ptr_array_index (md->containers, i);

      if (container->marker != NULL && !container->started)
        g_string_append (md->out, container->marker);
      else
        g_string_append (md->out, container->indent);
      container->started = TRUE;
    }
}

/* The prefix of a blank line, for the containers it is inside of */
static void
md_append_blank_prefix (Md *md)
{
  for (guint i = 0; i < md->containers->len; i++)
    {
      Container *container = g_ptr_array_index (md->containers, i);

      if (container->started)
        g_string_append (md->out, container->indent);
    }

  while (md->out->len > 0 && md->out->str[md->out->len - 1] == ' ')
    g_string_truncate (md->out, md->out->len - 1);
}

/* Writes the owed newlines and the line prefix */
static void
md_begin_line (Md *md)
{
  if (md->pending_nl > 0 && md->has_content)
    {
      if (md->pending_nl == 1 && md->pending_hard)
        g_string_append_c (md->out, '\\');
      g_string_append_c (md->out, '\n');
      if (md->pending_nl >= 2)
        {
          md_append_blank_prefix (md);
          g_string_append_c (md->out, '\n');
        }
      md->at_line_start = TRUE;
    }
  md->pending_nl = 0;
  md->pending_hard = FALSE;

  if (md->at_line_start)
    {
      md_append_prefix (md);
      md->at_line_start = FALSE;
      md->line_start_escape = TRUE;
      md->leading_digits = FALSE;
      md->pending_space = FALSE;
    }
}

/* Before any text: newlines, prefix, the owed space, the owed marks */
static void
md_begin_text (Md *md)
{
  md_begin_line (md);

  if (md->pending_bullet)
    {
      g_string_append (md->out, "- ");
      md->line_start_escape = TRUE;
      md->pending_bullet = FALSE;
    }
  else if (md->pending_space)
    g_string_append_c (md->out, ' ');
  md->pending_space = FALSE;

  for (guint i = 0; i < md->marks->len; i++)
    {
      Mark *mark = g_ptr_array_index (md->marks, i);

      if (!mark->written)
        {
          /* "!" and a link would make an image */
          if (mark->opener[0] == '[' && md->out->len > 0
              && md->out->str[md->out->len - 1] == '!')
            g_string_insert_c (md->out, md->out->len - 1, '\\');
          g_string_append (md->out, mark->opener);
          mark->written = TRUE;
        }
    }

  md->has_content = TRUE;
}

static void
md_close_marks (Md *md)
{
  for (guint i = md->marks->len; i > 0; i--)
    {
      Mark *mark = g_ptr_array_index (md->marks, i - 1);

      if (mark->written)
        {
          g_string_append (md->out, mark->closer);
          mark->written = FALSE;
        }
    }
}

static void
md_push_mark (Md         *md,
              const char *opener,
              const char *closer)
{
  Mark *mark = g_new0 (Mark, 1);

  mark->opener = g_strdup (opener);
  mark->closer = g_strdup (closer);
  g_ptr_array_add (md->marks, mark);
}

static void
md_pop_mark (Md *md)
{
  Mark *mark;

  g_return_if_fail (md->marks->len > 0);

  mark = g_ptr_array_index (md->marks, md->marks->len - 1);
  if (mark->written)
    g_string_append (md->out, mark->closer);
  g_ptr_array_remove_index (md->marks, md->marks->len - 1);
}

static void
md_space (Md *md)
{
  if (!md_line_is_empty (md))
    md->pending_space = TRUE;
}

/* Asks for @n newlines before the next text: 1 starts a new line (list
 * items), 2 a new block */
static void
md_break (Md    *md,
          guint  n)
{
  if (md->single_line > 0)
    {
      md_space (md);
      return;
    }

  md_close_marks (md);
  if (md->has_content)
    md->pending_nl = n;
  md->pending_hard = FALSE;
  md->pending_space = FALSE;
  md->pending_bullet = FALSE;
}

static void
md_block_break (Md *md)
{
  Container *top = NULL;

  if (md->containers->len > 0)
    top = g_ptr_array_index (md->containers, md->containers->len - 1);

  /* The first block in a list item or quote goes on its marker's line */
  if (md->single_line == 0 && top != NULL && !top->started)
    return;

  md_break (md, MAX (md->pending_nl, 2));
}

static void
md_line_break (Md *md)
{
  md->pending_bullet = FALSE;

  if (md->single_line > 0)
    md_space (md);
  else if (md->pending_nl == 1)
    md_block_break (md);   /* <br><br> */
  else if (!md_line_is_empty (md))
    {
      md->pending_nl = 1;
      md->pending_hard = TRUE;
      md->pending_space = FALSE;
    }
}

/* A line written as is: a code fence, a table row, a thematic break */
static void
md_raw_line (Md         *md,
             const char *text)
{
  if (!md_line_is_empty (md))
    md->pending_nl = 1;
  md->pending_hard = FALSE;
  md->pending_bullet = FALSE;
  md_begin_line (md);
  g_string_append (md->out, text);
  md->has_content = TRUE;
  md->pending_nl = 1;
  md->pending_space = FALSE;
}

static Container *
md_push_container (Md         *md,
                   const char *marker,
                   const char *indent)
{
  Container *container;

  if (md->containers->len >= MAX_CONTAINERS)
    return NULL;

  container = g_new0 (Container, 1);
  container->marker = g_strdup (marker);
  container->indent = g_strdup (indent);
  g_ptr_array_add (md->containers, container);

  return container;
}

static void
md_pop_container (Md *md)
{
  g_return_if_fail (md->containers->len > 0);

  g_ptr_array_remove_index (md->containers, md->containers->len - 1);
}

static void
md_char (Md       *md,
         gunichar  c,
         gunichar  next)
{
  gboolean escape;

  md_begin_text (md);

  escape = cg_md_needs_escape (c, next, md->line_start_escape, md->leading_digits);

  md->leading_digits = c < 0x80 && g_ascii_isdigit ((char) c)
                       && (md->line_start_escape || md->leading_digits);
  md->line_start_escape = FALSE;

  if (escape)
    g_string_append_c (md->out, '\\');
  g_string_append_unichar (md->out, c);
}

/* The "- " is written only if text follows on the line: a "-" alone under a
 * line would make that line a heading */
static void
md_bullet (Md *md)
{
  md_close_marks (md);
  md->pending_hard = FALSE;
  md->pending_space = FALSE;
  md->pending_bullet = TRUE;
}

static void
md_text (Md         *md,
         const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  if (text == NULL)
    return;

  /* libxml2 returns UTF-8, but make sure */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  p = text;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (md->preserve_newlines && md->single_line == 0 && (c == '\n' || c == '\r'))
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
            md_block_break (md);
          else
            md_line_break (md);
          p = q;
          continue;
        }

      if (cg_md_is_collapsible_space (c))
        md_space (md);
      else if (cg_md_is_dropped_char (c))
        ;
      else
        {
          gsize bullet;

          if (md->preserve_newlines && md->single_line == 0 && md_line_is_empty (md)
              && !md->pending_bullet && (bullet = cg_md_bullet_at (p)) > 0)
            {
              md_bullet (md);
              p += bullet;
              continue;
            }

          md_char (md, c, g_utf8_get_char (next));

          /* What follows a character on the same line, up to the next byte
           * that may need care, is written as is: md_char() would do no
           * more for it, and text is mostly such runs */
          if (!md->line_start_escape && !md->leading_digits)
            {
              const char *q = next;

              while (cg_md_is_plain_byte ((guchar) *q))
                q++;
              g_string_append_len (md->out, next, q - next);
              next = q;
            }
        }

      p = next;
    }
}

/* "`code`", with a fence longer than any run of backticks in it */
static void
md_code_span (Md         *md,
              const char *text)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autofree char *fence = NULL;
  guint run = 0, longest = 0;
  gboolean pad;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (cg_md_is_collapsible_space (c))
        {
          if (code->len > 0 && code->str[code->len - 1] != ' ')
            g_string_append_c (code, ' ');
        }
      else if (!cg_md_is_dropped_char (c))
        g_string_append_unichar (code, c);
    }
  while (code->len > 0 && code->str[code->len - 1] == ' ')
    g_string_truncate (code, code->len - 1);

  if (code->len == 0)
    return;

  for (gsize i = 0; i < code->len; i++)
    {
      run = code->str[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }

  fence = g_strnfill (longest + 1, '`');
  pad = code->str[0] == '`' || code->str[code->len - 1] == '`';

  md_begin_text (md);
  g_string_append (md->out, fence);
  if (pad)
    g_string_append_c (md->out, ' ');
  for (gsize i = 0; i < code->len; i++)
    {
      if (md->in_cell && code->str[i] == '|')
        g_string_append_c (md->out, '\\');
      g_string_append_c (md->out, code->str[i]);
    }
  if (pad)
    g_string_append_c (md->out, ' ');
  g_string_append (md->out, fence);
  md->line_start_escape = FALSE;
  md->leading_digits = FALSE;
}

/* A fenced code block */
static void
md_code_block (Md         *md,
               const char *text)
{
  g_autoptr(GString) code = g_string_new (NULL);
  g_autofree char *fence = NULL;
  g_auto(GStrv) lines = NULL;
  guint run = 0, longest = 0;
  gboolean blank = TRUE;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r')
        {
          if (p[1] != '\n')
            g_string_append_c (code, '\n');
        }
      else if (c == '\n' || c == '\t')
        g_string_append_c (code, (char) c);
      else if (!cg_md_is_dropped_char (c))
        {
          g_string_append_unichar (code, c);
          if (!cg_md_is_collapsible_space (c))
            blank = FALSE;
        }
    }

  if (blank)
    return;

  /* No leading or trailing empty lines */
  while (code->len > 0 && code->str[code->len - 1] == '\n')
    g_string_truncate (code, code->len - 1);
  while (code->len > 0 && code->str[0] == '\n')
    g_string_erase (code, 0, 1);

  for (gsize i = 0; i < code->len; i++)
    {
      run = code->str[i] == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  fence = g_strnfill (MAX (3, longest + 1), '`');

  md_block_break (md);
  md_raw_line (md, fence);
  /* Blank lines (which md_finish() empties) are kept, but one at a time */
  lines = g_strsplit (code->str, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] == '\0' && i > 0 && lines[i - 1][0] == '\0')
        continue;
      md_raw_line (md, lines[i]);
    }
  md_raw_line (md, fence);
  md_block_break (md);
}

static char *
md_finish (Md *md)
{
  GString *out = md->out;
  GString *result = g_string_sized_new (out->len);
  const char *line = out->str;

  md->out = NULL;

  /* No trailing white space on lines (hard breaks are backslashes) */
  while (line != NULL && *line != '\0')
    {
      const char *eol = strchr (line, '\n');
      gsize len = eol != NULL ? (gsize) (eol - line) : strlen (line);

      while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
        len--;
      g_string_append_len (result, line, len);
      if (eol != NULL)
        g_string_append_c (result, '\n');
      line = eol != NULL ? eol + 1 : NULL;
    }

  while (result->len > 0 && result->str[result->len - 1] == '\n')
    g_string_truncate (result, result->len - 1);

  g_string_free (out, TRUE);

  return g_string_free (result, FALSE);
}

/* Links */

/* The link target as Markdown can hold it, if its scheme is allowed */
static char *
link_destination (const char *href)
{
  g_autoptr(GString) url = g_string_new (NULL);
  g_autoptr(GString) dest = NULL;
  gsize start = 0, end;
  gsize colon = 0;

  if (href == NULL)
    return NULL;

  /* As browsers do: strip leading and trailing C0 controls and spaces, and
   * remove tabs and newlines anywhere ("java\tscript:" is "javascript:") */
  end = strlen (href);
  while (start < end && (guchar) href[start] <= 0x20)
    start++;
  while (end > start && (guchar) href[end - 1] <= 0x20)
    end--;
  for (gsize i = start; i < end; i++)
    {
      if (href[i] != '\t' && href[i] != '\n' && href[i] != '\r')
        g_string_append_c (url, href[i]);
    }

  for (gsize i = 0; i < url->len; i++)
    {
      char c = url->str[i];

      if (c == ':')
        {
          colon = i;
          break;
        }
      if (!(g_ascii_isalpha (c) || (i > 0 && (g_ascii_isdigit (c) || c == '+' || c == '-'
                                              || c == '.'))))
        return NULL;
    }

  if (colon == 0 || colon + 1 >= url->len)
    return NULL;
  if (!((colon == 4 && g_ascii_strncasecmp (url->str, "http", 4) == 0)
        || (colon == 5 && g_ascii_strncasecmp (url->str, "https", 5) == 0)
        || (colon == 6 && g_ascii_strncasecmp (url->str, "mailto", 6) == 0)))
    return NULL;

  dest = g_string_sized_new (url->len);
  for (gsize i = 0; i < url->len; i++)
    {
      guchar c = (guchar) url->str[i];

      if (c <= 0x20 || c == 0x7F || c == '<' || c == '>' || c == '\\' || c == '`')
        g_string_append_printf (dest, "%%%02X", c);
      else if (c == '(' || c == ')')
        {
          g_string_append_c (dest, '\\');
          g_string_append_c (dest, (char) c);
        }
      else
        g_string_append_c (dest, (char) c);
    }

  return g_string_free (g_steal_pointer (&dest), FALSE);
}

/* Elements */

static void
walk_link (Md      *md,
           xmlNode *node,
           guint    depth)
{
  xmlChar *href = xmlGetProp (node, (const xmlChar *) "href");
  g_autofree char *dest = link_destination ((const char *) href);
  g_autofree char *closer = NULL;

  xmlFree (href);

  if (dest == NULL || md->link_depth > 0)
    {
      walk_children (md, node, depth);
      return;
    }

  closer = g_strdup_printf ("](%s)", dest);
  md_push_mark (md, "[", closer);
  md->link_depth++;
  walk_children (md, node, depth);
  md->link_depth--;
  md_pop_mark (md);
}

static void
walk_heading (Md      *md,
              xmlNode *node,
              guint    depth)
{
  char marker[8];
  int level = g_ascii_digit_value (node->name[1]);

  if (md->single_line > 0)
    {
      walk_children (md, node, depth);
      return;
    }

  level = CLAMP (level, 1, 6);
  memset (marker, '#', level);
  marker[level] = ' ';
  marker[level + 1] = '\0';

  md_block_break (md);
  if (md_push_container (md, marker, ""))
    {
      md->single_line++;
      walk_children (md, node, depth);
      md->single_line--;
      md_pop_container (md);
    }
  else
    walk_children (md, node, depth);
  md_block_break (md);
}

static void
walk_blockquote (Md      *md,
                 xmlNode *node,
                 guint    depth)
{
  if (md->single_line > 0)
    {
      md_space (md);
      walk_children (md, node, depth);
      md_space (md);
      return;
    }

  md_block_break (md);
  if (md_push_container (md, NULL, "> "))
    {
      walk_children (md, node, depth);
      md_pop_container (md);
    }
  else
    walk_children (md, node, depth);
  md_block_break (md);
}

static gboolean
is_blank_text (const xmlNode *node)
{
  if (node->content == NULL)
    return TRUE;

  for (const char *p = (const char *) node->content; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (!cg_md_is_collapsible_space (g_utf8_get_char (p)))
        return FALSE;
    }

  return TRUE;
}

static void walk_node (Md      *md,
                       xmlNode *node,
                       guint    depth);

/* @item is an <li>, or text or another element found directly in a list.
 * Returns whether the item was written (empty items are not). */
static gboolean
walk_list_item (Md         *md,
                xmlNode    *item,
                gboolean    is_li,
                const char *marker,
                gboolean    first,
                guint       depth)
{
  g_autofree char *indent = g_strnfill (strlen (marker), ' ');
  Container *pushed;
  gboolean written = TRUE;

  /* Items of a list are tight: one newline between them */
  if (!first)
    md_break (md, 1);

  pushed = md_push_container (md, marker, indent);
  if (pushed != NULL)
    pushed->list_item = TRUE;
  else
    md_block_break (md);

  if (is_li)
    walk_children (md, item, depth);
  else
    walk_node (md, item, depth);

  if (pushed != NULL)
    {
      written = pushed->started;
      md_pop_container (md);
    }

  return written;
}

static void
walk_list (Md       *md,
           xmlNode  *list,
           gboolean  ordered,
           guint     depth)
{
  Container *parent = NULL;
  gint64 number = 1;
  char delimiter;
  char last_marker[16] = "";
  guint level = md->containers->len;
  gsize start_len;

  if (md->single_line > 0)
    {
      md_space (md);
      walk_children (md, list, depth);
      md_space (md);
      return;
    }

  if (ordered)
    {
      xmlChar *start = xmlGetProp (list, (const xmlChar *) "start");

      if (start != NULL)
        number = g_ascii_strtoll ((const char *) start, NULL, 10);
      xmlFree (start);
      number = CLAMP (number, 0, MAX_LIST_START);
    }

  /* A list right after another one would continue it: switch markers */
  delimiter = ordered ? '.' : '-';
  if (md->out->len == md->last_list_end && md->last_list_level == level
      && md->last_list_char == delimiter)
    delimiter = ordered ? ')' : '*';

  if (md->containers->len > 0)
    parent = g_ptr_array_index (md->containers, md->containers->len - 1);

  /* A list in a list item's text starts on the next line; it may interrupt
   * a paragraph if it is a bullet list or starts at 1 */
  if (parent != NULL && parent->list_item && parent->started && md->pending_nl < 2
      && (!ordered || number == 1))
    md_break (md, 1);
  else
    md_block_break (md);

  start_len = md->out->len;
  for (xmlNode *child = list->children; child != NULL; child = child->next)
    {
      char marker[16];
      ElementKind kind = KIND_INLINE;

      if (child->type == XML_ELEMENT_NODE)
        kind = element_kind (child);
      else if (!is_text (child) || is_blank_text (child))
        continue;

      if (kind == KIND_DROP)
        continue;

      if (kind == KIND_UL || kind == KIND_OL)
        {
          /* <ul><li>a</li><ul>...</ul></ul>: nested under the last item */
          if (last_marker[0] != '\0')
            {
              g_autofree char *indent = g_strnfill (strlen (last_marker), ' ');
              Container *container;

              md_break (md, 1);
              if ((container = md_push_container (md, NULL, indent)) != NULL)
                {
                  container->list_item = TRUE;
                  container->started = TRUE;
                  walk_node (md, child, depth + 1);
                  md_pop_container (md);
                  continue;
                }
            }
          walk_node (md, child, depth + 1);
          continue;
        }

      if (ordered)
        g_snprintf (marker, sizeof marker, "%" G_GINT64_FORMAT "%c ", number, delimiter);
      else
        g_snprintf (marker, sizeof marker, "%c ", delimiter);

      /* Text or other elements directly in the list are items of their own.
       * Empty items are left out, and do not count: the first number
       * written is the one that decided how the list began. */
      if (walk_list_item (md, child, child->type == XML_ELEMENT_NODE && kind == KIND_LI, marker,
                          md->out->len == start_len, depth + 1))
        {
          g_strlcpy (last_marker, marker, sizeof last_marker);
          if (number < MAX_LIST_START)
            number++;
        }
    }

  md_block_break (md);
  md->last_list_end = md->out->len;
  md->last_list_level = level;
  md->last_list_char = delimiter;
}

/* Tables */

static gboolean
table_has_blocks (xmlNode *table)
{
  xmlNode *node = table->children;

  while (node != NULL)
    {
      gboolean descend = FALSE;

      if (node->type == XML_ELEMENT_NODE)
        {
          switch (element_kind (node))
            {
            case KIND_BLOCK:
              /* a <div> or <p> alone in a cell is still one line */
              if (!element_is (node, "div") && !element_is (node, "p")
                  && !element_is (node, "span"))
                return TRUE;
              descend = TRUE;
              break;
            case KIND_HEADING:
            case KIND_UL:
            case KIND_OL:
            case KIND_LI:
            case KIND_BLOCKQUOTE:
            case KIND_PRE:
            case KIND_HR:
            case KIND_TABLE:
              return TRUE;
            case KIND_DROP:
              break;
            case KIND_INLINE:
            case KIND_VOID:
            case KIND_CODE:
            case KIND_STRONG:
            case KIND_EM:
            case KIND_LINK:
            case KIND_BR:
            case KIND_TABLE_PART:
            default:
              descend = TRUE;
              break;
            }
        }

      if (descend && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != table && node->next == NULL)
        node = node->parent;
      if (node == table || node == NULL)
        break;
      node = node->next;
    }

  return FALSE;
}

/* The rows of a table (not of tables inside it) */
static void
collect_rows (xmlNode   *table,
              GPtrArray *rows)
{
  for (xmlNode *child = table->children; child != NULL; child = child->next)
    {
      if (element_is (child, "tr"))
        g_ptr_array_add (rows, child);
      else if (element_is (child, "thead") || element_is (child, "tbody")
               || element_is (child, "tfoot"))
        {
          for (xmlNode *row = child->children; row != NULL; row = row->next)
            {
              if (element_is (row, "tr"))
                g_ptr_array_add (rows, row);
            }
        }
    }
}

static char *
render_cell (xmlNode *cell,
             gboolean preserve_newlines,
             guint    depth)
{
  Md sub;
  char *text;

  md_init (&sub, preserve_newlines, 1);
  sub.in_cell = TRUE;
  walk_children (&sub, cell, depth);
  md_close_marks (&sub);
  text = md_finish (&sub);
  md_clear (&sub);

  return g_strstrip (text);
}

static void
walk_table (Md      *md,
            xmlNode *table,
            guint    depth)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  guint columns = 0;

  if (md->single_line > 0 || table_has_blocks (table))
    {
      /* A layout table: its cells are blocks (or, in a line, words) */
      md_block_break (md);
      walk_children (md, table, depth);
      md_block_break (md);
      return;
    }

  rows = g_ptr_array_new ();
  collect_rows (table, rows);

  for (xmlNode *child = table->children; child != NULL; child = child->next)
    {
      if (element_is (child, "caption"))
        {
          md_block_break (md);
          walk_children (md, child, depth);
          md_block_break (md);
        }
    }

  lines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < rows->len; i++)
    {
      xmlNode *row = g_ptr_array_index (rows, i);
      GPtrArray *cells = g_ptr_array_new_with_free_func (g_free);

      for (xmlNode *cell = row->children; cell != NULL; cell = cell->next)
        {
          if (element_is (cell, "td") || element_is (cell, "th"))
            g_ptr_array_add (cells, render_cell (cell, md->preserve_newlines, depth + 1));
        }

      if (cells->len == 0)
        {
          g_ptr_array_unref (cells);
          continue;
        }

      columns = MAX (columns, cells->len);
      g_ptr_array_add (lines, cells);
    }

  if (lines->len == 0)
    return;

  md_block_break (md);

  if (columns == 1)
    {
      /* One column: a list of lines, not a table */
      for (guint i = 0; i < lines->len; i++)
        {
          GPtrArray *cells = g_ptr_array_index (lines, i);
          const char *text = g_ptr_array_index (cells, 0);

          if (*text == '\0')
            continue;
          md_block_break (md);
          md_raw_line (md, text);
        }
    }
  else
    {
      for (guint i = 0; i < lines->len; i++)
        {
          GPtrArray *cells = g_ptr_array_index (lines, i);
          g_autoptr(GString) line = g_string_new ("|");

          for (guint k = 0; k < columns; k++)
            {
              const char *text = k < cells->len ? g_ptr_array_index (cells, k) : "";

              g_string_append_printf (line, " %s |", text);
            }
          md_raw_line (md, line->str);

          if (i == 0)
            {
              g_string_assign (line, "|");
              for (guint k = 0; k < columns; k++)
                g_string_append (line, " --- |");
              md_raw_line (md, line->str);
            }
        }
    }

  md_block_break (md);
}

/* The walk */

static void
walk_element (Md      *md,
              xmlNode *node,
              guint    depth)
{
  switch (element_kind (node))
    {
    case KIND_DROP:
      break;

    case KIND_BLOCK:
    case KIND_TABLE_PART:
      md_block_break (md);
      walk_children (md, node, depth);
      md_block_break (md);
      break;

    case KIND_HEADING:
      walk_heading (md, node, depth);
      break;

    case KIND_UL:
      walk_list (md, node, FALSE, depth);
      break;

    case KIND_OL:
      walk_list (md, node, TRUE, depth);
      break;

    case KIND_LI:
      /* an item outside a list */
      if (md->single_line > 0)
        {
          md_space (md);
          walk_children (md, node, depth);
          md_space (md);
        }
      else
        {
          md_block_break (md);
          walk_list_item (md, node, TRUE, "- ", TRUE, depth);
          md_block_break (md);
        }
      break;

    case KIND_BLOCKQUOTE:
      walk_blockquote (md, node, depth);
      break;

    case KIND_PRE:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        collect_text (node, text, TRUE);
        if (md->single_line > 0)
          md_code_span (md, text->str);
        else
          md_code_block (md, text->str);
      }
      break;

    case KIND_CODE:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        collect_text (node, text, FALSE);
        md_code_span (md, text->str);
      }
      break;

    case KIND_STRONG:
      if (md->strong_depth++ == 0)
        {
          md_push_mark (md, "**", "**");
          walk_children (md, node, depth);
          md_pop_mark (md);
        }
      else
        walk_children (md, node, depth);
      md->strong_depth--;
      break;

    case KIND_EM:
      if (md->em_depth++ == 0)
        {
          md_push_mark (md, "*", "*");
          walk_children (md, node, depth);
          md_pop_mark (md);
        }
      else
        walk_children (md, node, depth);
      md->em_depth--;
      break;

    case KIND_LINK:
      walk_link (md, node, depth);
      break;

    case KIND_BR:
      md_line_break (md);
      break;

    case KIND_HR:
      if (md->single_line > 0)
        md_space (md);
      else
        {
          md_block_break (md);
          md_raw_line (md, "* * *");
          md_block_break (md);
        }
      break;

    case KIND_TABLE:
      walk_table (md, node, depth);
      break;

    case KIND_INLINE:
    case KIND_VOID:
    default:
      walk_children (md, node, depth);
      break;
    }
}

static void
walk_node (Md      *md,
           xmlNode *node,
           guint    depth)
{
  if (is_text (node))
    md_text (md, (const char *) node->content);
  else if (node->type == XML_ELEMENT_NODE)
    {
      if (depth >= MAX_DEPTH)
        {
          /* Too deep: keep the text, not the structure */
          g_autoptr(GString) text = g_string_new (NULL);

          if (element_kind (node) == KIND_DROP)
            return;
          collect_text (node, text, FALSE);
          md_space (md);
          md_text (md, text->str);
          md_space (md);
        }
      else
        walk_element (md, node, depth);
    }
  /* comments, processing instructions, DTDs: nothing */
}

static void
walk_children (Md      *md,
               xmlNode *node,
               guint    depth)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    walk_node (md, child, depth + 1);
}

/* Does the source have tags that give it structure? */
static gboolean
has_structure_tags (const char *html)
{
  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      char name[16];
      gsize n = 0;
      const char *q = p + 1;

      if (*q == '/')
        q++;
      while (g_ascii_isalnum (*q) && n + 1 < sizeof name)
        name[n++] = g_ascii_tolower (*q++);
      name[n] = '\0';

      if (n == 0 || g_ascii_isalnum (*q))
        continue;

      for (guint i = 0; i < G_N_ELEMENTS (structure_tags); i++)
        {
          if (strcmp (name, structure_tags[i]) == 0)
            return TRUE;
        }
    }

  return FALSE;
}

/**
 * cg_html_to_markdown:
 * @html: (nullable): an HTML fragment, or plain text
 * @length: the length of @html in bytes, or -1 if it is NUL-terminated
 *
 * Converts a job description to CommonMark. Paragraphs, line breaks, lists,
 * emphasis, headings, quotes, code, tables and http(s)/mailto links are
 * kept; scripts, styles, forms, embedded objects, images and comments are
 * dropped; text is escaped so that it cannot become Markdown syntax or raw
 * HTML. Invalid UTF-8 is replaced with U+FFFD.
 *
 * Returns: (transfer full): the Markdown, "" for empty input; never %NULL
 */
char *
cg_html_to_markdown (const char *html,
                     gssize      length)
{
  g_autofree char *valid = NULL;
  htmlDocPtr doc;
  char *result;
  Md md;
  gsize len;

  if (html == NULL)
    return g_strdup ("");

  len = length < 0 ? strlen (html) : (gsize) length;
  if (len > MAX_INPUT_SIZE)
    len = MAX_INPUT_SIZE;
  if (len == 0)
    return g_strdup ("");

  /* Also turns NUL bytes into U+FFFD, so the text is one C string */
  valid = g_utf8_make_valid (html, len);
  len = strlen (valid);
  if (len > MAX_INPUT_SIZE)
    {
      /* Cut at a character boundary */
      const char *cut = g_utf8_find_prev_char (valid, valid + MAX_INPUT_SIZE + 1);

      len = cut != NULL ? (gsize) (cut - valid) : 0;
      valid[len] = '\0';
    }

  /* IGNORE_ENC: a <meta charset> in the fragment must not re-read the UTF-8.
   * HUGE: without it libxml2 stops at 256 nested elements and drops all the
   * rest of the text; its parser and xmlFreeDoc() do not recurse, and the
   * walk below bounds its own depth. */
  doc = htmlReadMemory (valid, (int) len, NULL, "UTF-8",
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                        | HTML_PARSE_NONET | HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC
                        | XML_PARSE_HUGE);
  if (doc == NULL)
    return g_strdup ("");

  md_init (&md, !has_structure_tags (valid), 0);
  for (xmlNode *child = doc->children; child != NULL; child = child->next)
    walk_node (&md, child, 0);
  md_close_marks (&md);

  xmlFreeDoc (doc);

  result = md_finish (&md);
  md_clear (&md);

  return result;
}
