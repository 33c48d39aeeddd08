/* cg-compare.h: roles side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

char *cg_compare_render_html (sqlite3            *db,
                              const char * const *roles,
                              GError            **error);
char *cg_compare_block_cb    (const char         *info,
                              const char         *content,
                              gpointer            db);

G_END_DECLS
