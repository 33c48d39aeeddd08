/* cg-import-url.c: importing the job postings at a link into the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A link is fetched on the calling thread (libsoup is asynchronous), then
 * imported on a worker thread with a connection of its own, through the
 * same importer as a file: the body is written to a file in a private
 * temporary folder (mode 0700, removed afterwards) and imported with
 * cg_job_import_file_from_url(), which reads it as it reads a saved page or
 * a JSON file and names the link in its messages.
 */
#define G_LOG_DOMAIN "cg-import-url"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-db.h"
#include "cg-import-url.h"
#include "cg-page-extract.h"

typedef struct {
  char           *db_path;
  CgFetchResult  *fetched;
  CgImportReport  report;
  CgJobRecord    *draft;
} ImportUrl;

static void
import_url_free (ImportUrl *data)
{
  g_free (data->db_path);
  g_clear_pointer (&data->fetched, cg_fetch_result_free);
  cg_import_report_clear (&data->report);
  g_clear_pointer (&data->draft, cg_job_record_free);
  g_free (data);
}

/* Imports the file @path holds, fetched from @url */
static gboolean
import_fetched (ImportUrl     *data,
                const char    *path,
                GCancellable  *cancellable,
                GError       **error)
{
  CgImportFormat format = data->fetched->kind == CG_FETCH_KIND_HTML
                          ? CG_IMPORT_FORMAT_HTML : CG_IMPORT_FORMAT_JSON;
  sqlite3 *db = cg_db_open (data->db_path, FALSE, error);
  gboolean ok;

  ok = db != NULL &&
       cg_db_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", error) &&
       cg_job_import_file_from_url (db, path, data->fetched->url, format, NULL, NULL,
                                    cancellable, &data->report, error);
  cg_db_close (db);
  return ok;
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportUrl *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gconstpointer body;
  gsize size;
  gboolean ok;

  body = g_bytes_get_data (data->fetched->body, &size);

  dir = g_dir_make_tmp ("career-guide-fetch-XXXXXX", &error);
  if (dir == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  path = g_build_filename (dir, data->fetched->kind == CG_FETCH_KIND_HTML
                                ? "page.html" : "page.json", NULL);

  ok = g_file_set_contents_full (path, body, size, G_FILE_SET_CONTENTS_NONE, 0600, &error) &&
       import_fetched (data, path, cancellable, &error);

  g_unlink (path);
  g_rmdir (dir);

  if (!ok)
    {
      /* A page without postings: what it does say, for the editor */
      if (g_error_matches (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS) &&
          data->fetched->kind == CG_FETCH_KIND_HTML)
        data->draft = cg_page_extract_posting (body, size, data->fetched->url);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportUrl *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  data->fetched = cg_fetcher_fetch_finish (CG_FETCHER (source), result, &error);
  if (data->fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_run_in_thread (task, import_thread);
}

void
cg_import_url_async (CgLibrary            *library,
                     const char           *url,
                     CgFetcher            *fetcher,
                     CgFetchProgressFunc   progress,
                     gpointer              progress_data,
                     GCancellable         *cancellable,
                     GAsyncReadyCallback   callback,
                     gpointer              user_data)
{
  g_autoptr(CgFetcher) own_fetcher = NULL;
  GTask *task;
  ImportUrl *data;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (url != NULL);
  g_return_if_fail (fetcher == NULL || CG_IS_FETCHER (fetcher));

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_import_url_async);

  data = g_new0 (ImportUrl, 1);
  data->db_path = g_strdup (cg_library_get_path (library));
  g_task_set_task_data (task, data, (GDestroyNotify) import_url_free);

  if (fetcher == NULL)
    fetcher = own_fetcher = cg_fetcher_new ();

  cg_fetcher_fetch_async (fetcher, url, progress, progress_data, cancellable, fetch_cb, task);
}

gboolean
cg_import_url_finish (CgLibrary       *library,
                      GAsyncResult    *result,
                      CgImportReport  *report,
                      CgJobRecord    **draft,
                      GError         **error)
{
  ImportUrl *data;
  gboolean ok;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, library), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), error);

  /* The report, handed over */
  *report = data->report;
  memset (&data->report, 0, sizeof data->report);
  if (report->problems == NULL)
    report->problems = g_ptr_array_new_with_free_func (g_free);

  if (draft != NULL)
    *draft = g_steal_pointer (&data->draft);

  return ok;
}
