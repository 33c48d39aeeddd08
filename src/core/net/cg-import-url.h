/* cg-import-url.h: importing the job postings at a link into the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-fetch.h"
#include "cg-job-import.h"
#include "cg-job-record.h"
#include "cg-library.h"

G_BEGIN_DECLS

/* Fetches @url with @fetcher (NULL: a fetcher of its own, with the default
 * limits) and imports the postings it holds into @library's user.db, as
 * cg_job_import_file() imports a file, in one transaction on a worker
 * thread of its own: the JobPosting JSON-LD of a page (other ld+json blocks
 * and scripts ignored; several postings, an ItemList or a @graph) or of a
 * JSON document. A posting that names no URL gets the page's final URL.
 * Fetching the same postings again updates them (their keys are stable).
 *
 * (The page is handed to the importer as a file in a private temporary
 * folder, removed afterwards.)
 *
 * @progress is called on the calling thread while the body comes in. */
void      cg_import_url_async  (CgLibrary            *library,
                                const char           *url,
                                CgFetcher            *fetcher,
                                CgFetchProgressFunc   progress,
                                gpointer              progress_data,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);

/* @report is filled in as cg_job_import_file() fills it (added, updated,
 * skipped, problems); clear it afterwards, also on failure. When the page
 * is HTML and holds no posting, the error is CG_IMPORT_ERROR_NO_POSTINGS
 * and @draft (when not NULL) gets what the page does say (see
 * cg_page_extract_posting()), for the posting editor.
 *
 * Returns: %TRUE when at least one posting was written. %FALSE with
 *   CG_FETCH_ERROR (fetching), CG_IMPORT_ERROR (what came back), G_IO_ERROR
 *   (G_IO_ERROR_CANCELLED) or CG_DB_ERROR (the library). */
gboolean  cg_import_url_finish (CgLibrary            *library,
                                GAsyncResult         *result,
                                CgImportReport       *report,
                                CgJobRecord         **draft,
                                GError              **error);

G_END_DECLS
