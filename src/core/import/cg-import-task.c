/* cg-import-task.c: importing a file of postings into the library, off the main thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * cg_job_import_file() runs on a worker thread with a read-write
 * connection of its own (cg_library_run_in_writer()), in one transaction,
 * so a cancelled import leaves nothing behind. Its progress, reported on
 * the worker thread, is handed to the caller's main context: the latest
 * figures only, at most one delivery pending at a time, and none after the
 * import is finished.
 */
#define G_LOG_DOMAIN "cg-import-task"

#include "config.h"

#include "cg-import-task.h"
#include "cg-library-worker.h"

typedef struct {
  gatomicrefcount       ref_count;
  char                 *path;
  CgImportFormat        format;
  CgImportReport        report;

  CgImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_data_free;
  GMainContext         *context;

  GMutex                lock;
  guint64               done;      /* under lock */
  guint64               total;     /* under lock */
  gboolean              pending;   /* under lock: a delivery is on its way */
  gboolean              finished;  /* the caller has the answer: no more progress */
} ImportData;

static ImportData *
import_data_ref (ImportData *data)
{
  g_atomic_ref_count_inc (&data->ref_count);
  return data;
}

static void
import_data_unref (ImportData *data)
{
  if (!g_atomic_ref_count_dec (&data->ref_count))
    return;

  g_free (data->path);
  cg_import_report_clear (&data->report);
  if (data->progress_data_free != NULL)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
  g_mutex_clear (&data->lock);
  g_free (data);
}

/* On the caller's main context: the latest figures. */
static gboolean
deliver_progress_cb (gpointer user_data)
{
  ImportData *data = user_data;
  guint64 done, total;

  g_mutex_lock (&data->lock);
  done = data->done;
  total = data->total;
  data->pending = FALSE;
  g_mutex_unlock (&data->lock);

  if (!data->finished)
    data->progress (done, total, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* On the worker thread: record the figures, and have them delivered. */
static void
worker_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportData *data = user_data;
  gboolean schedule;

  g_mutex_lock (&data->lock);
  data->done = done;
  data->total = total;
  schedule = !data->pending;
  data->pending = TRUE;
  g_mutex_unlock (&data->lock);

  if (schedule)
    {
      g_autoptr(GSource) source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, deliver_progress_cb, import_data_ref (data),
                             (GDestroyNotify) import_data_unref);
      g_source_set_static_name (source, "[cg] import progress");
      g_source_attach (source, data->context);
    }
}

static void
import_thread (GTask        *task,
               sqlite3      *db,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  GError *error = NULL;

  if (!cg_job_import_file (db, data->path, data->format,
                           data->progress != NULL ? worker_progress_cb : NULL, data,
                           cancellable, &data->report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * cg_job_import_file_async:
 * @progress: (nullable): called on the caller's thread-default main
 *   context with the bytes read so far and in all, never after @callback
 *
 * cg_job_import_file() into @library on a worker thread with a connection
 * of its own. Cancelling @cancellable stops it, and nothing is written.
 */
void
cg_job_import_file_async (CgLibrary             *library,
                          const char            *path,
                          CgImportFormat         format,
                          CgImportProgressFunc   progress,
                          gpointer               progress_data,
                          GDestroyNotify         progress_data_free,
                          GCancellable          *cancellable,
                          GAsyncReadyCallback    callback,
                          gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (path != NULL);

  data = g_new0 (ImportData, 1);
  g_atomic_ref_count_init (&data->ref_count);
  g_mutex_init (&data->lock);
  data->path = g_strdup (path);
  data->format = format;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_job_import_file_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_unref);
  cg_library_run_in_writer (library, task, import_thread);
}

/**
 * cg_job_import_file_finish:
 * @report: (out caller-allocates): what the import did, filled in also on
 *   failure (the problems found); clear it with cg_import_report_clear()
 *
 * Returns: %TRUE when at least one posting was written, as
 *   cg_job_import_file().
 */
gboolean
cg_job_import_file_finish (CgLibrary       *library,
                           GAsyncResult    *result,
                           CgImportReport  *report,
                           GError         **error)
{
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, library), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_job_import_file_async, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  data->finished = TRUE;
  *report = data->report;
  data->report = (CgImportReport) { 0 };
  return g_task_propagate_boolean (G_TASK (result), error);
}
