/* cg-import-task.h: importing a file of postings into the library, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-job-import.h"
#include "cg-library.h"

G_BEGIN_DECLS

void      cg_job_import_file_async   (CgLibrary             *library,
                                      const char            *path,
                                      CgImportFormat         format,
                                      CgImportProgressFunc   progress,
                                      gpointer               progress_data,
                                      GDestroyNotify         progress_data_free,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data);
gboolean  cg_job_import_file_finish  (CgLibrary             *library,
                                      GAsyncResult          *result,
                                      CgImportReport        *report,
                                      GError               **error);

G_END_DECLS
