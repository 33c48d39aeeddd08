/* cg-import-board.c: importing every open posting of a company's job board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The board's API is fetched on the calling thread, page after page for
 * Lever (a page shorter than CG_IMPORT_BOARD_PAGE_SIZE is the last), and
 * read with cg_board_read(). The records are then written on the
 * library's writer thread (cg_library_run_in_writer()), in one
 * transaction, through
 * CgJobWriter (the importer's writer: a posting whose key is there already
 * is updated), each classified as a file import classifies it.
 */
#define G_LOG_DOMAIN "cg-import-board"

#include "config.h"

#include <string.h>

#include "cg-classifier.h"
#include "cg-db.h"
#include "cg-import-board.h"
#include "cg-library-worker.h"

/* A board of more pages than this is read no further */
#define MAX_PAGES 200

typedef struct {
  CgBoardKind     kind;
  char           *token;
  CgFetcher      *fetcher;
  guint           skip;       /* Lever: postings fetched so far */
  GPtrArray      *records;    /* of CgJobRecord */
  GPtrArray      *warnings;   /* of char * */
  CgImportReport  report;
} ImportBoard;

static void
import_board_free (ImportBoard *data)
{
  g_free (data->token);
  g_clear_object (&data->fetcher);
  g_clear_pointer (&data->records, g_ptr_array_unref);
  g_clear_pointer (&data->warnings, g_ptr_array_unref);
  cg_import_report_clear (&data->report);
  g_free (data);
}

static gboolean
is_paged (CgBoardKind kind)
{
  return kind == CG_BOARD_LEVER || kind == CG_BOARD_LEVER_EU;
}

/* Writes the records, in one transaction */
static gboolean
write_records (ImportBoard   *data,
               sqlite3       *db,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(CgClassifier) classifier = cg_classifier_new_from_db (db, NULL);
  g_autoptr(CgJobWriter) writer = NULL;
  g_autoptr(sqlite3_stmt) exists = NULL;

  exists = cg_db_prepare (db, "SELECT 1 FROM jobs WHERE key = ?", error);
  writer = exists != NULL ? cg_job_writer_new (db, "user", error) : NULL;
  if (writer == NULL || !cg_db_begin (db, error))
    return FALSE;

  for (guint i = 0; i < data->records->len; i++)
    {
      CgJobRecord *record = g_ptr_array_index (data->records, i);
      gboolean known;
      int rc;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      if (record->role == NULL && classifier != NULL)
        record->role = g_strdup (cg_classifier_classify (classifier, record->title,
                                                         record->description));

      cg_db_bind_text (exists, 1, record->key);
      rc = sqlite3_step (exists);
      sqlite3_reset (exists);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          cg_db_set_error (error, db, rc, "jobs");
          goto fail;
        }
      known = rc == SQLITE_ROW;

      if (!cg_job_writer_write (writer, record, error))
        goto fail;
      if (known)
        data->report.updated++;
      else
        data->report.added++;
    }

  if (cg_db_commit (db, error))
    return TRUE;

fail:
  cg_db_rollback (db);
  data->report.added = data->report.updated = 0;
  return FALSE;
}

/* On the library's writer thread, with its connection @db */
static void
write_thread (GTask        *task,
              sqlite3      *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ImportBoard *data = task_data;
  g_autoptr(GError) error = NULL;

  if (!write_records (data, db, cancellable, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (data->records->len > 0)
    cg_library_queue_changed (g_task_get_source_object (task), CG_LIBRARY_CHANGE_JOBS);
  g_task_return_boolean (task, TRUE);
}

static void fetch_page (GTask *task);

static void
fetch_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportBoard *data = g_task_get_task_data (task);
  g_autoptr(CgFetchResult) fetched = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  const char *body;
  gsize size;

  fetched = cg_fetcher_fetch_finish (CG_FETCHER (source), result, &error);
  if (fetched == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  body = g_bytes_get_data (fetched->body, &size);
  records = cg_board_read (data->kind, body, size, data->token, data->warnings, &error);
  if (records == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->skip += records->len;
  g_ptr_array_extend_and_steal (data->records, g_steal_pointer (&records));

  if (is_paged (data->kind) && data->skip > 0 &&
      data->skip % CG_IMPORT_BOARD_PAGE_SIZE == 0 &&
      data->skip / CG_IMPORT_BOARD_PAGE_SIZE < MAX_PAGES)
    {
      fetch_page (g_steal_pointer (&task));
      return;
    }

  cg_library_run_in_writer (g_task_get_source_object (task), task, write_thread);
}

/* (takes @task) */
static void
fetch_page (GTask *task)
{
  ImportBoard *data = g_task_get_task_data (task);
  g_autofree char *url = cg_board_dup_api_page_url (data->kind, data->token, data->skip,
                                                    CG_IMPORT_BOARD_PAGE_SIZE);

  cg_fetcher_fetch_async (data->fetcher, url, NULL, NULL, g_task_get_cancellable (task),
                          fetch_cb, task);
}

void
cg_import_board_async (CgLibrary            *library,
                       CgBoardKind           kind,
                       const char           *token,
                       CgFetcher            *fetcher,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  GTask *task;
  ImportBoard *data;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (token != NULL);
  g_return_if_fail (fetcher == NULL || CG_IS_FETCHER (fetcher));

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_import_board_async);

  data = g_new0 (ImportBoard, 1);
  data->kind = kind;
  data->token = g_strdup (token);
  data->fetcher = fetcher != NULL ? g_object_ref (fetcher) : cg_fetcher_new ();
  data->records = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_job_record_free);
  data->warnings = g_ptr_array_new_with_free_func (g_free);
  g_task_set_task_data (task, data, (GDestroyNotify) import_board_free);

  fetch_page (task);
}

gboolean
cg_import_board_finish (CgLibrary       *library,
                        GAsyncResult    *result,
                        CgImportReport  *report,
                        GError         **error)
{
  ImportBoard *data;
  gboolean ok;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, library), FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  data = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), error);

  *report = data->report;
  memset (&data->report, 0, sizeof data->report);
  report->format = CG_IMPORT_FORMAT_JSON;
  report->skipped = data->warnings->len;
  report->problems = g_steal_pointer (&data->warnings);
  data->warnings = g_ptr_array_new_with_free_func (g_free);
  if (!ok)
    report->added = report->updated = 0;

  return ok;
}
