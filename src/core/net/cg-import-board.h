/* cg-import-board.h: importing every open posting of a company's job board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-board.h"
#include "cg-fetch.h"
#include "cg-job-import.h"
#include "cg-library.h"

G_BEGIN_DECLS

/* Lever's pages hold this many postings */
#define CG_IMPORT_BOARD_PAGE_SIZE 100

/* Fetches the open postings of the board @token of @kind through its
 * public API (every page of it) with @fetcher (NULL: one of its own), and
 * writes them into @library's user.db in one transaction on a worker
 * thread, each classified as a file import classifies it. A posting
 * already there (the same board identifier) is updated, not added again. */
void      cg_import_board_async  (CgLibrary            *library,
                                  CgBoardKind           kind,
                                  const char           *token,
                                  CgFetcher            *fetcher,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data);

/* @report as cg_import_url_finish() fills it (clear it afterwards).
 *
 * Returns: %TRUE when the board was read and written (perhaps with no
 *   postings: an empty board is no error). %FALSE with CG_FETCH_ERROR,
 *   CG_BOARD_ERROR, G_IO_ERROR_CANCELLED or CG_DB_ERROR. */
gboolean  cg_import_board_finish (CgLibrary            *library,
                                  GAsyncResult         *result,
                                  CgImportReport       *report,
                                  GError              **error);

G_END_DECLS
