/* cg-db.c: small helpers around SQLite connections
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-db"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cg-db.h"
#include "cg-markdown.h"

G_DEFINE_QUARK (cg-db-error-quark, cg_db_error)

static CgDbError
code_for_sqlite (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
    case SQLITE_FORMAT:
      return CG_DB_ERROR_CORRUPT;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return CG_DB_ERROR_READONLY;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return CG_DB_ERROR_BUSY;
    case SQLITE_FULL:
      return CG_DB_ERROR_FULL;
    case SQLITE_CANTOPEN:
      return CG_DB_ERROR_OPEN;
    default:
      return CG_DB_ERROR_FAILED;
    }
}

/* The file of @db's main database, or NULL for an in-memory or temporary one */
static const char *
main_file (sqlite3 *db)
{
  const char *file = db != NULL ? sqlite3_db_filename (db, "main") : NULL;

  return file != NULL && *file != '\0' ? file : NULL;
}

/* SQLite's own words (@detail) about a failure of @db, preceded, when the
 * cause is outside the file (another program, the disk, the permissions),
 * by what happened and to which file (when @name_file; the caller may
 * already have named it). */
static char *
describe_failure (sqlite3    *db,
                  int         rc,
                  const char *detail,
                  gboolean    name_file)
{
  const char *file = main_file (db);

  if (file == NULL)
    name_file = FALSE;

  switch (code_for_sqlite (rc))
    {
    case CG_DB_ERROR_BUSY:
      return name_file
        ? g_strdup_printf (_("“%s” is locked by another program; try again when it is done (%s)"),
                           file, detail)
        : g_strdup_printf (_("it is locked by another program; try again when it is done (%s)"),
                           detail);

    case CG_DB_ERROR_FULL:
      return name_file
        ? g_strdup_printf (_("the disk holding “%s” is full (%s)"), file, detail)
        : g_strdup_printf (_("the disk is full (%s)"), detail);

    case CG_DB_ERROR_READONLY:
      if (rc == SQLITE_READONLY_DIRECTORY && file != NULL)
        {
          /* in WAL mode, even a reader needs the -wal and -shm files */
          g_autofree char *folder = g_path_get_dirname (file);
          g_autofree char *base = g_path_get_basename (file);

          return g_strdup_printf (_("the folder “%s” cannot be written, and the database “%s” "
                                    "needs to create its -wal and -shm files there (%s)"),
                                  folder, base, detail);
        }
      return name_file
        ? g_strdup_printf (_("“%s” cannot be written (%s)"), file, detail)
        : g_strdup_printf (_("it cannot be written (%s)"), detail);

    default:
      /* a quota or a file size limit, a failing disk; a full disk is
       * SQLITE_FULL */
      if (rc == SQLITE_IOERR_WRITE || rc == SQLITE_IOERR_FSYNC || rc == SQLITE_IOERR_TRUNCATE)
        return name_file
          ? g_strdup_printf (_("cannot write to “%s”: the disk may be full or failing (%s)"),
                             file, detail)
          : g_strdup_printf (_("the disk may be full or failing (%s)"), detail);
      return g_strdup (detail);
    }
}

static void
set_error (GError     **error,
           sqlite3     *db,
           int          rc,
           const char  *what,
           gboolean     name_file)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  g_autofree char *described = describe_failure (db, rc, detail, name_file);

  g_set_error (error, CG_DB_ERROR, code_for_sqlite (rc), "%s: %s", what, described);
}

/* @what failed: "WHAT: SQLite's message", with the file named when another
 * program, the disk or the permissions are the cause. */
void
cg_db_set_error (GError     **error,
                 sqlite3     *db,
                 int          rc,
                 const char  *what)
{
  set_error (error, db, rc, what, TRUE);
}

/* cg_plain_text(MARKDOWN): the plain text a reader sees, for the
 * full-text tables; NULL stays NULL */
static void
plain_text_fn (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  char *plain;

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  plain = cg_markdown_dup_plain_text (text, sqlite3_value_bytes (argv[0]));
  sqlite3_result_text (context, plain, -1, g_free);
}

sqlite3 *
cg_db_open (const char  *path,
            gboolean     read_only,
            GError     **error)
{
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  flags |= read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *folder = g_path_get_dirname (path);

      /* SQLite only says "unable to open database file" */
      if (!read_only && !g_str_has_prefix (path, "file:") &&
          !g_file_test (path, G_FILE_TEST_EXISTS) && g_access (folder, W_OK) != 0)
        {
          int saved = errno;

          g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_READONLY,
                       _("Cannot create “%s”: the folder “%s” cannot be written (%s)"),
                       path, folder, g_strerror (saved));
        }
      else
        {
          g_autofree char *what = g_strdup_printf (_("Cannot open “%s”"), path);
          set_error (error, db, rc, what, FALSE);
        }
      sqlite3_close (db);
      return NULL;
    }

  /* SQLite falls back to reading a file it may not write, and would fail
   * at the first write: say so now, before touching anything */
  if (!read_only && sqlite3_db_readonly (db, "main") == 1)
    {
      int saved = g_access (path, W_OK) != 0 ? errno : 0;

      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_READONLY,
                   saved == EROFS ? _("Cannot open “%s” for writing: the disk it is on is read-only")
                                  : _("Cannot open “%s” for writing: the file is read-only"),
                   path);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, TRUE);
  sqlite3_busy_timeout (db, 2000);
  /* the full-text tables' triggers call it (see cg-schema.c) */
  sqlite3_create_function (db, "cg_plain_text", 1,
                           SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                           NULL, plain_text_fn, NULL, NULL);

  /* Reading the schema is the first thing that fails on a file that is
   * not a database, so do it here and report it as such. */
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_schema", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *what = g_strdup_printf (_("Cannot read “%s”"), path);
      set_error (error, db, rc, what, FALSE);
      sqlite3_close (db);
      return NULL;
    }

  return db;
}

static int
worker_progress_cb (void *user_data)
{
  /* non-zero interrupts the statement */
  return g_cancellable_is_cancelled (G_CANCELLABLE (user_data));
}

/* A read-only connection of its own for a worker thread (the library is in
 * WAL mode: it does not wait for the main connection's writes), whose
 * statements are interrupted (SQLITE_INTERRUPT) once @cancellable, if not
 * NULL, is cancelled: a page that asks again does not wait for the scan it
 * no longer needs. */
sqlite3 *
cg_db_open_worker (const char    *path,
                   GCancellable  *cancellable,
                   GError       **error)
{
  sqlite3 *db = cg_db_open (path, TRUE, error);

  if (db != NULL && cancellable != NULL)
    sqlite3_progress_handler (db, 10000, worker_progress_cb, cancellable);
  return db;
}

void
cg_db_close (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_close_v2 (db);
}

gboolean
cg_db_exec (sqlite3     *db,
            const char  *sql,
            GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &errmsg);

  if (rc != SQLITE_OK)
    {
      g_autofree char *described = describe_failure (db, rc, errmsg ? errmsg : sqlite3_errstr (rc),
                                                     TRUE);

      g_set_error_literal (error, CG_DB_ERROR, code_for_sqlite (rc), described);
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

sqlite3_stmt *
cg_db_prepare (sqlite3     *db,
               const char  *sql,
               GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cg_db_set_error (error, db, rc, _("Cannot prepare a query"));
      return NULL;
    }

  return stmt;
}

gboolean
cg_db_step_done (sqlite3       *db,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      cg_db_set_error (error, db, rc, _("Cannot write to the database"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

int
cg_db_get_user_version (sqlite3  *db,
                        GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "PRAGMA user_version", error);
  int rc;

  if (stmt == NULL)
    return -1;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the schema version"));
      return -1;
    }

  return sqlite3_column_int (stmt, 0);
}

gboolean
cg_db_begin (sqlite3  *db,
             GError  **error)
{
  return cg_db_exec (db, "BEGIN IMMEDIATE", error);
}

gboolean
cg_db_commit (sqlite3  *db,
              GError  **error)
{
  return cg_db_exec (db, "COMMIT", error);
}

void
cg_db_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* Brings the schema from its PRAGMA user_version up to n_migrations, one
 * transaction per step. A file whose version is higher than we know was
 * written by a newer release: refuse it and leave it as it is. */
gboolean
cg_db_migrate (sqlite3            *db,
               const CgMigration  *migrations,
               guint               n_migrations,
               GError            **error)
{
  int version = cg_db_get_user_version (db, error);

  if (version < 0)
    return FALSE;

  if ((guint) version > n_migrations)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_NEWER,
                   _("The library was written by a newer version of Career Guide "
                     "(schema %d, this version knows up to %u)"),
                   version, n_migrations);
      return FALSE;
    }

  for (guint i = (guint) version; i < n_migrations; i++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %u", i + 1);
      g_autoptr(GError) local_error = NULL;

      if (!cg_db_begin (db, error))
        return FALSE;

      if (!cg_db_exec (db, migrations[i].sql, &local_error) ||
          !cg_db_exec (db, bump, &local_error) ||
          !cg_db_commit (db, &local_error))
        {
          cg_db_rollback (db);
          g_set_error (error, CG_DB_ERROR, local_error->code,
                       _("Cannot upgrade the library to schema %u (%s): %s"),
                       i + 1, _(migrations[i].description), local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
cg_db_check_integrity (sqlite3  *db,
                       GError  **error)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "PRAGMA quick_check", error);
  const char *result;
  int rc;

  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      cg_db_set_error (error, db, rc, _("Cannot check the database"));
      return FALSE;
    }

  result = cg_db_column_text (stmt, 0);
  if (g_strcmp0 (result, "ok") != 0)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_CORRUPT,
                   _("The database is damaged: %s"), result ? result : "?");
      return FALSE;
    }

  return TRUE;
}
