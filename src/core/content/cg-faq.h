/* cg-faq.h: the FAQ page, built from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

char *cg_faq_cities_hiring_markdown (sqlite3     *db,
                                     const char  *today,
                                     guint        limit,
                                     GError     **error);
char *cg_faq_build_html             (sqlite3     *db,
                                     const char  *search_text,
                                     const char  *today,
                                     guint       *n_shown,
                                     GError     **error);

G_END_DECLS
