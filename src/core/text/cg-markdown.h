/* cg-markdown.h: the Markdown pipeline (cmark, AST transforms, page template)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One heading of a rendered document, for a table of contents. */
typedef struct {
  guint  level;   /* 1-6 */
  char  *id;      /* the id attribute of the heading, unique in the document */
  char  *text;    /* its plain text */
} CgTocEntry;

/* Renders a live data block: a fenced code block whose info string starts
 * with one of the words given to cg_markdown_render(), e.g. ```compare with
 * role slugs on its lines. @info is the whole info string (its first word is
 * the one that matched), @content the text of the block.
 *
 * Returns: (transfer full) (nullable): HTML that replaces the block, already
 * escaped and trusted, allocated with g_malloc(); or %NULL to keep the block
 * as an ordinary code block. */
typedef char *(*CgMarkdownBlockFunc) (const char *info,
                                      const char *content,
                                      gpointer    user_data);

/* A rendered document: the body HTML fragment, its table of contents
 * (headings of levels 1 to 3) and word count. cg_markdown_render() may run
 * on any thread, and a block function may itself render Markdown. */
typedef struct _CgMarkdown CgMarkdown;

CgMarkdown  *cg_markdown_render               (const char          *text,
                                               gssize               length,
                                               const char * const  *block_infos,
                                               CgMarkdownBlockFunc  block_func,
                                               gpointer             block_data);
void         cg_markdown_free                 (CgMarkdown          *md);
char        *cg_markdown_dup_plain_text       (const char          *text,
                                               gssize               length);

const char  *cg_markdown_get_html             (const CgMarkdown    *md);
GPtrArray   *cg_markdown_get_toc              (const CgMarkdown    *md);
const char  *cg_markdown_get_first_heading    (const CgMarkdown    *md);
guint        cg_markdown_get_word_count       (const CgMarkdown    *md);
guint        cg_markdown_get_reading_minutes  (const CgMarkdown    *md);

char        *cg_markdown_page                 (const char          *title,
                                               const char          *body_html,
                                               const char          *lang);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgMarkdown, cg_markdown_free)

G_END_DECLS
