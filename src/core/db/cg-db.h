/* cg-db.h: small helpers around SQLite connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cg-db-error.h"

G_BEGIN_DECLS

/* One schema step: SQL run in a transaction to go from version (index) to
 * version (index + 1). */
typedef struct {
  const char *description;
  const char *sql;
} CgMigration;

sqlite3  *cg_db_open            (const char         *path,
                                 gboolean            read_only,
                                 GError            **error);
sqlite3  *cg_db_open_worker     (const char         *path,
                                 GCancellable       *cancellable,
                                 GError            **error);
void      cg_db_close           (sqlite3            *db);
gboolean  cg_db_exec            (sqlite3            *db,
                                 const char         *sql,
                                 GError            **error);
sqlite3_stmt *cg_db_prepare     (sqlite3            *db,
                                 const char         *sql,
                                 GError            **error);
gboolean  cg_db_step_done       (sqlite3            *db,
                                 sqlite3_stmt       *stmt,
                                 GError            **error);
void      cg_db_set_error       (GError            **error,
                                 sqlite3            *db,
                                 int                 rc,
                                 const char         *what);
int       cg_db_get_user_version (sqlite3           *db,
                                 GError            **error);
gboolean  cg_db_migrate         (sqlite3            *db,
                                 const CgMigration  *migrations,
                                 guint               n_migrations,
                                 GError            **error);
gboolean  cg_db_check_integrity (sqlite3            *db,
                                 GError            **error);
gboolean  cg_db_begin           (sqlite3            *db,
                                 GError            **error);
gboolean  cg_db_commit          (sqlite3            *db,
                                 GError            **error);
void      cg_db_rollback        (sqlite3            *db);

/* Column text as a const char *, or NULL for NULL (no cast noise). */
static inline const char *
cg_db_column_text (sqlite3_stmt *stmt,
                   int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static inline void
cg_db_bind_text (sqlite3_stmt *stmt,
                 int           idx,
                 const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, idx, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, idx);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

G_END_DECLS
