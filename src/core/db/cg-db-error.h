/* cg-db-error.h: the errors of the library's databases
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Apart from cg-db.h so that the pages can tell these errors apart (the
 * library is locked, read-only, full...) without the connection helpers.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_DB_ERROR (cg_db_error_quark ())

typedef enum {
  CG_DB_ERROR_FAILED,     /* any other SQLite failure */
  CG_DB_ERROR_OPEN,       /* the file cannot be opened or created */
  CG_DB_ERROR_CORRUPT,    /* not a database, or damaged */
  CG_DB_ERROR_NEWER,      /* written by a newer version of the application */
  CG_DB_ERROR_READONLY,   /* the file or its folder cannot be written */
  CG_DB_ERROR_BUSY,       /* locked by another process */
  CG_DB_ERROR_FULL,       /* the disk (or the page limit) is full */
} CgDbError;

GQuark    cg_db_error_quark     (void);

G_END_DECLS
