/* cg-search.h: one search through everything the library holds
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <gio/gio.h>

#include "cg-library.h"

G_BEGIN_DECLS

typedef enum {
  CG_SEARCH_KIND_POSTING,
  CG_SEARCH_KIND_GUIDE,
  CG_SEARCH_KIND_FAQ,
  CG_SEARCH_KIND_ROLE,
  CG_SEARCH_KIND_APPLICATION,
} CgSearchKind;

/* Marks around the matched words in a snippet (never in library text). */
#define CG_SEARCH_MARK_START "\x02"
#define CG_SEARCH_MARK_END "\x03"

typedef struct {
  CgSearchKind  kind;
  char         *target;   /* job key, guide/role/FAQ slug, application id */
  char         *title;
  char         *snippet;  /* with CG_SEARCH_MARK_START/END around matches */
  char         *where;    /* company and place, topic, stage... */
} CgSearchResult;

const char *cg_search_kind_to_string (CgSearchKind    kind);
void        cg_search_result_free    (CgSearchResult *result);
GPtrArray  *cg_search                (sqlite3        *db,
                                      const char     *text,
                                      guint           limit_per_kind,
                                      GError        **error);
void        cg_search_async          (CgLibrary      *library,
                                      const char     *text,
                                      guint           limit_per_kind,
                                      GCancellable   *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer        user_data);
GPtrArray  *cg_search_finish         (CgLibrary      *library,
                                      GAsyncResult   *result,
                                      GError        **error);
char       *cg_search_snippet_to_markup (const char  *snippet);
char       *cg_search_snippet_to_plain  (const char  *snippet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSearchResult, cg_search_result_free)

G_END_DECLS
