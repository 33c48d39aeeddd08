/* cg-page-extract.h: what a web page without JSON-LD says about a posting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cg-job-record.h"

G_BEGIN_DECLS

/* Reads the HTML page @data (@length bytes; UTF-8, else decoded as its
 * <meta> says), fetched from @url, for the posting editor to pre-fill:
 *
 * - title: og:title, else the first <h1> of the main text, else <title>;
 * - company: og:site_name;
 * - description: the main text (<main>, else <article>, else an element
 *   with role="main", else <body>; without its navigation, header, footer,
 *   forms and scripts) through cg_html_to_markdown(); when there is none,
 *   og:description, else the meta description;
 * - pay: the first short line of that text (or of the descriptions) that
 *   names pay ("$60,000 - $75,000 a year", "Salary: 25 EUR/hour"),
 *   through cg_pay_parse();
 * - url: @url, which makes the key.
 *
 * Returns: (transfer full): a record, never NULL (its fields are NULL
 *   where the page says nothing) */
CgJobRecord *cg_page_extract_posting (const char *data,
                                      gsize       length,
                                      const char *url);

G_END_DECLS
