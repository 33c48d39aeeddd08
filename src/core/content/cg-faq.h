/* cg-faq.h: the FAQ page, built from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

#include "cg-library.h"

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

void  cg_faq_build_html_async       (CgLibrary           *library,
                                     const char          *search_text,
                                     const char          *today,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
char *cg_faq_build_html_finish      (CgLibrary           *library,
                                     GAsyncResult        *result,
                                     guint               *n_shown,
                                     GError             **error);

G_END_DECLS
