/* cg-job-import.h: importing job postings into the user's library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_IMPORT_ERROR (cg_import_error_quark ())

typedef enum {
  CG_IMPORT_ERROR_NO_POSTINGS,     /* nothing in the file could be imported */
  CG_IMPORT_ERROR_INVALID,         /* not valid JSON (the message says where) */
  CG_IMPORT_ERROR_NOT_TEXT,        /* binary data, or not UTF-8 */
  CG_IMPORT_ERROR_TOO_LARGE,       /* a JSON document (not an array) over its limit */
  CG_IMPORT_ERROR_NO_TITLE_COLUMN, /* a CSV file without a title column */
} CgImportError;

/* A JSON document that is not a top-level array (an object, a @graph, an
 * ItemList) is parsed whole, and an import of it takes 10 to 25 times its
 * size in memory (more for smaller postings): above this size it is refused,
 * so that an import stays under 200 MB. The same limit applies to each
 * element of a top-level array, which is streamed, an element at a time,
 * whatever its size (as are JSON Lines and CSV), to each JSON Lines line and
 * to each JSON-LD block of an HTML page (streamed too): a larger one is
 * skipped. */
#define CG_IMPORT_MAX_JSON_DOCUMENT_SIZE (8 * 1024 * 1024)

/* A CSV row longer than this makes the file refused, since an unclosed
 * quote swallows the rest of it. */
#define CG_IMPORT_MAX_RECORD_SIZE (16 * 1024 * 1024)

/* At most this many problems are kept in a report; the rest are counted in
 * a last line ("… and 12 more problems"). */
#define CG_IMPORT_MAX_PROBLEMS 1000

typedef enum {
  CG_IMPORT_FORMAT_AUTO,
  CG_IMPORT_FORMAT_JSON,
  CG_IMPORT_FORMAT_JSON_LINES,
  CG_IMPORT_FORMAT_HTML,
  CG_IMPORT_FORMAT_CSV,
} CgImportFormat;

/* What an import did. @added and @updated count postings written (a posting
 * whose stable key was already in the library is updated, not added again);
 * @skipped counts postings or rows that could not be used, and @problems
 * says why, one line each ("line 12: no title"). After a failed or cancelled
 * import the counts are 0 (nothing was written) and @problems is kept. */
typedef struct {
  guint           added;
  guint           updated;
  guint           skipped;
  GPtrArray      *problems;   /* of char * */
  CgImportFormat  format;     /* the format the file was read as */
} CgImportReport;

/* Called on the importing thread, about every megabyte or every 1000
 * postings, and once at the start and at the end. */
typedef void (*CgImportProgressFunc) (guint64  bytes_done,
                                      guint64  bytes_total,
                                      gpointer user_data);

GQuark          cg_import_error_quark   (void);

const char     *cg_import_format_to_string (CgImportFormat format);

/* The format of the file at @path (only its extension is looked at; it may
 * be NULL) whose first @n bytes are @first_bytes: .jsonl/.ndjson, .json,
 * .jsonld, .html/.htm, .csv, else the content decides (first non-space
 * character "{" or "[": JSON, or JSON Lines when the first line is a whole
 * JSON object and the next one starts with "{"; "<": HTML; else CSV). */
CgImportFormat  cg_import_format_guess  (const char            *path,
                                         const char            *first_bytes,
                                         gsize                  n);

/* Imports the job postings in the file at @path into @db (a user.db, see
 * CgLibrary) as the user's own (origin 'user'), in one transaction: either
 * everything the file holds is written, or (on an error, on cancellation,
 * or when not a single posting could be used) nothing is.
 *
 * @report is filled in from scratch (it need not be initialised, and must
 * be cleared with cg_import_report_clear() afterwards, also on failure).
 *
 * Runs synchronously; call it from a worker thread (the UI does, with its
 * own GTask) with a connection only that thread uses meanwhile. @progress is
 * called on the calling thread.
 *
 * Returns: %TRUE when at least one posting was written. %FALSE with
 *   CG_IMPORT_ERROR (the file), G_IO_ERROR (reading it; G_IO_ERROR_CANCELLED
 *   when @cancellable was cancelled) or CG_DB_ERROR (the library). */
gboolean        cg_job_import_file      (sqlite3               *db,
                                         const char            *path,
                                         CgImportFormat         format,
                                         CgImportProgressFunc   progress,
                                         gpointer               progress_data,
                                         GCancellable          *cancellable,
                                         CgImportReport        *report,
                                         GError               **error);

/* As cg_job_import_file(), for a document fetched from @url (its final
 * URL, after redirects) and saved at @path: messages name @url, and a
 * posting that names no URL of its own gets @url (its key stays as the
 * posting makes it, so that a page of several such postings keeps them
 * apart). @url may be NULL. */
gboolean        cg_job_import_file_from_url (sqlite3               *db,
                                             const char            *path,
                                             const char            *url,
                                             CgImportFormat         format,
                                             CgImportProgressFunc   progress,
                                             gpointer               progress_data,
                                             GCancellable          *cancellable,
                                             CgImportReport        *report,
                                             GError               **error);

void            cg_import_report_clear  (CgImportReport        *report);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgImportReport, cg_import_report_clear)

/* `career-guide --import FILE...`: imports each of @files (a NULL-terminated
 * array of paths) into @db in turn, each in its own transaction. For each
 * file, one summary line goes to @out:
 *
 *   jobs.csv: 120 added, 3 updated, 2 skipped
 *   broken.json: refused
 *
 * and the reasons go to @err, one line each, prefixed with the file name:
 *
 *   jobs.csv: line 12: no title
 *   broken.json: refused: Not valid JSON at line 3, column 5: …
 *
 * Returns: the exit status: 0 when every file was imported (at least one
 *   posting from each), 1 when any was refused. */
int             cg_job_import_cli       (sqlite3               *db,
                                         char                 **files,
                                         GString               *out,
                                         GString               *err);

G_END_DECLS
