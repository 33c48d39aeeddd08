/* cg-library-worker.h: running a library task on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cg-library.h"

G_BEGIN_DECLS

/* The work itself, on the worker thread: @db is a connection of the task's
 * own, open for as long as the call lasts. It returns the answer with
 * g_task_return_*(); @task_data is the task's data (g_task_get_task_data()). */
typedef void (*CgLibraryWorkerFunc) (GTask        *task,
                                     sqlite3      *db,
                                     gpointer      task_data,
                                     GCancellable *cancellable);

void cg_library_run_in_worker (CgLibrary           *library,
                               GTask               *task,
                               CgLibraryWorkerFunc  func);
void cg_library_run_in_writer (CgLibrary           *library,
                               GTask               *task,
                               CgLibraryWorkerFunc  func);

G_END_DECLS
