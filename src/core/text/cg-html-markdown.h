/* cg-html-markdown.h: HTML fragments (job descriptions) to Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *cg_html_to_markdown (const char *html,
                           gssize      length);

G_END_DECLS
