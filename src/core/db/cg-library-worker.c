/* cg-library-worker.c: running a library task on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one place where a worker thread opens a connection of its own to the
 * library, runs its work and closes it. Every query that may scan the
 * postings (the job list, counts, search, the FAQ's live answers, the
 * market and compare figures, guides with live blocks) and the import of
 * postings go through here, so that they all honour cancellation the same
 * way:
 *
 * - cg_library_run_in_worker() gives the work a read-only connection whose
 *   statements stop (SQLITE_INTERRUPT) once the task's cancellable is
 *   cancelled (see cg_db_open_worker()); a page that asks again does not
 *   wait for the scan it no longer needs. The library is in WAL mode, so it
 *   reads beside the main connection.
 * - cg_library_run_in_writer() gives it a read-write connection with the
 *   library's foreign keys and synchronous setting; the work itself checks
 *   the cancellable between its transactions.
 */
#define G_LOG_DOMAIN "cg-library-worker"

#include "config.h"

#include "cg-db.h"
#include "cg-library-worker.h"

typedef struct {
  char                *path;
  gboolean             write;
  CgLibraryWorkerFunc  func;
} WorkerData;

static void
worker_data_free (WorkerData *data)
{
  g_free (data->path);
  g_free (data);
}

static GQuark
worker_quark (void)
{
  return g_quark_from_static_string ("cg-library-worker");
}

static void
worker_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  WorkerData *data = g_object_get_qdata (G_OBJECT (task), worker_quark ());
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  if (data->write)
    {
      db = cg_db_open (data->path, FALSE, &error);
      if (db != NULL &&
          !cg_db_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", &error))
        g_clear_pointer (&db, cg_db_close);
    }
  else
    db = cg_db_open_worker (data->path, cancellable, &error);

  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->func (task, db, task_data, cancellable);
  cg_db_close (db);
}

static void
run (CgLibrary           *library,
     GTask               *task,
     gboolean             write,
     CgLibraryWorkerFunc  func)
{
  WorkerData *data;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (G_IS_TASK (task));
  g_return_if_fail (func != NULL);

  data = g_new0 (WorkerData, 1);
  data->path = g_strdup (cg_library_get_path (library));
  data->write = write;
  data->func = func;
  g_object_set_qdata_full (G_OBJECT (task), worker_quark (), data,
                           (GDestroyNotify) worker_data_free);
  g_task_run_in_thread (task, worker_thread);
}

/* Runs @func on a worker thread with a read-only connection of its own to
 * @library, interrupted when @task's cancellable is cancelled. A failure to
 * open the connection is @task's error. */
void
cg_library_run_in_worker (CgLibrary           *library,
                          GTask               *task,
                          CgLibraryWorkerFunc  func)
{
  run (library, task, FALSE, func);
}

/* Runs @func on a worker thread with a read-write connection of its own to
 * @library (foreign keys on). */
void
cg_library_run_in_writer (CgLibrary           *library,
                          GTask               *task,
                          CgLibraryWorkerFunc  func)
{
  run (library, task, TRUE, func);
}
