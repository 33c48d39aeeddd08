/* cg-job-import-private.h: inside the postings importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two parts. The first is for the fuzz targets and the tests: each reader
 * runs on a buffer and hands every posting it finds to a callback instead
 * of writing it to a database. The second is what the importer's files
 * share (see cg-job-import.c for the map of them); nothing outside
 * src/core/import/ should use it.
 */
#pragma once

#include "cg-job-import.h"
#include "cg-job-record.h"

G_BEGIN_DECLS

/* @record is lent for the duration of the call (its strings may point into
 * the reader's buffers). Returning FALSE with @error set stops the reader,
 * which then fails with that error. */
typedef gboolean (*CgImportRecordFunc) (const CgJobRecord  *record,
                                        gpointer            user_data,
                                        GError            **error);

/* Reads @data (@length bytes) as @format (AUTO is read as CSV), and hands
 * each posting to @func. Fills in @report (as cg_job_import_file() does, except for
 * added and updated, which only the callback knows) and returns TRUE when
 * at least one posting was handed to @func. @name is the file name used in
 * messages. The JSON reader streams a top-level array (in small reads, so
 * that tests and fuzzing cut it everywhere): when it refuses the text
 * halfway, the postings before have been handed to @func already
 * (cg_job_import_file() rolls them back). */
gboolean cg_job_import_buffer (CgImportFormat       format,
                               const char          *data,
                               gsize                length,
                               const char          *name,
                               CgImportRecordFunc   func,
                               gpointer             user_data,
                               CgImportReport      *report,
                               GError             **error);

/* cg_job_import_buffer() for each format */
#define cg_job_import_csv_buffer(...) \
  cg_job_import_buffer (CG_IMPORT_FORMAT_CSV, __VA_ARGS__)
#define cg_job_import_json_lines_buffer(...) \
  cg_job_import_buffer (CG_IMPORT_FORMAT_JSON_LINES, __VA_ARGS__)
#define cg_job_import_json_buffer(...) \
  cg_job_import_buffer (CG_IMPORT_FORMAT_JSON, __VA_ARGS__)
#define cg_job_import_html_buffer(...) \
  cg_job_import_buffer (CG_IMPORT_FORMAT_HTML, __VA_ARGS__)

/* @text (UTF-8) as cg_html_to_markdown() writes plain text, without
 * parsing it; NULL when @text is not plain (it has "<", "&", or control
 * characters libxml2 would treat differently) */
char    *cg_job_import_plain_text_to_markdown (const char *text);

/* The JSON-LD blocks of the page @data, in order, as the HTML reader finds
 * them: "LINE:TEXT" (LINE that of the <script> tag; TEXT "(too long)" for
 * a block over CG_IMPORT_MAX_JSON_DOCUMENT_SIZE); NULL if it cannot be
 * read. For the fuzz target, which compares them with a document tree's. */
GPtrArray *cg_job_import_html_blocks     (const char *data,
                                          gsize       length);
/* Whether a <script>'s @type is JSON-LD ("application/ld+json", in any
 * case, parameters ignored) */
gboolean cg_job_import_is_json_ld_type (const char *type);

/* TRUE when @data is a whole JSON value followed by more text, which
 * json-glib 1.6 drops without an error (and leaks): the importer never hands
 * such text to json-glib or cg_jsonld_parse() */
gboolean cg_job_import_json_has_text_after_value (const char *data,
                                                  gsize       length);

/* Inside the importer */

/* Streaming readers read a file this much at a time */
#define CG_IMPORT_CHUNK_SIZE        (64 * 1024)
/* The buffer readers (the fuzz targets, the tests) read a JSON array this
 * much at a time, so that elements, strings and comments cross reads
 * everywhere */
#define CG_IMPORT_ARRAY_CHUNK_SIZE  61
/* Progress is reported after this many bytes or postings */
#define CG_IMPORT_PROGRESS_BYTES    (1024 * 1024)
#define CG_IMPORT_PROGRESS_POSTINGS 1000
#define CG_IMPORT_UTF8_BOM          "\xef\xbb\xbf"

/* One import: where records go, what is reported (cg-job-import.c) */
typedef struct {
  const char           *name;             /* the file, in messages */
  CgImportRecordFunc    func;
  gpointer              func_data;
  CgImportReport       *report;
  guint                 n_dropped;        /* problems beyond CG_IMPORT_MAX_PROBLEMS */
  guint                 n_found;          /* postings (or rows) found, used or not */
  guint                 n_emitted;        /* postings handed to func */
  GCancellable         *cancellable;
  CgImportProgressFunc  progress;
  gpointer              progress_data;
  guint64               bytes_total;
  guint64               bytes_done;
  guint64               progress_bytes;   /* bytes_done at the last progress call */
  guint                 progress_postings;
} CgImport;

void        cg_import_init                (CgImport           *im,
                                           const char         *name,
                                           CgImportRecordFunc  func,
                                           gpointer            func_data,
                                           CgImportReport     *report);
/* A problem for the report */
void        cg_import_add_problem         (CgImport           *im,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (2, 3);
/* A posting (or row) that cannot be used, and why */
void        cg_import_skip_posting        (CgImport           *im,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (2, 3);
void        cg_import_report_progress     (CgImport           *im);
/* Hands @record to the import's CgImportRecordFunc */
gboolean    cg_import_emit                (CgImport           *im,
                                           const CgJobRecord  *record,
                                           GError            **error);
/* FALSE with the error of a file in which nothing could be imported */
gboolean    cg_import_fail_nothing_found  (CgImport           *im,
                                           GError            **error);
/* FALSE with the error of a JSON document over its limit; @size: the
 * file's, or 0 when not known */
gboolean    cg_import_set_too_large_error (guint64             size,
                                           GError            **error);
/* @p past a UTF-8 byte order mark and white space, up to @end */
const char *cg_import_skip_bom_and_space  (const char         *p,
                                           const char         *end);

static inline gboolean
cg_import_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline void
cg_import_maybe_report_progress (CgImport *im)
{
  if (im->bytes_done - im->progress_bytes >= CG_IMPORT_PROGRESS_BYTES ||
      im->progress_postings >= CG_IMPORT_PROGRESS_POSTINGS)
    cg_import_report_progress (im);
}

/* CgImportReader: a stream in CG_IMPORT_CHUNK_SIZE chunks, handed out a
 * line (or the part of a line that is in the buffer) at a time, without
 * copying (cg-job-import-reader.c) */
typedef struct {
  GInputStream *stream;
  GCancellable *cancellable;
  char         *buf;
  gsize         len;
  gsize         pos;
  guint64       offset;        /* bytes handed out */
  gboolean      eof;
  gboolean      started;
  gboolean      line_start;    /* the next piece starts a line */
  char          newline;       /* '\n', or '\r' in files from old Macs */
} CgImportReader;

void     cg_import_reader_init  (CgImportReader  *r,
                                 GInputStream    *stream,
                                 GCancellable    *cancellable);
void     cg_import_reader_clear (CgImportReader  *r);
/* 1: a piece; 0: the end; -1: an error */
int      cg_import_reader_next  (CgImportReader  *r,
                                 const char     **piece,
                                 gsize           *length,
                                 gboolean        *starts_line,
                                 gboolean        *ends_line,
                                 GError         **error);
/* Checks @length bytes of text read from a stream (@at_end: nothing
 * follows them): the number of bytes at their end that start a character
 * the next read may finish (0 to 3), or -1 when the text is not UTF-8 */
gssize   cg_import_utf8_validate_read (const char *data,
                                       gsize       length,
                                       gboolean    at_end);

/* JSON documents (cg-job-import-json.c) */

/* "3:5: Parse error: what" (json-glib, by way of cg-jsonld) to
 * "line 3, column 5" and "what"; FALSE if it has no position */
gboolean cg_import_split_json_error    (const char     *message,
                                        guint          *line,
                                        guint          *column,
                                        const char    **what);
/* json-glib's message @raw_message, for people */
char    *cg_import_describe_json_error (const char     *raw_message);
/* Whether the JSON text that starts with @data is a top-level array */
gboolean cg_import_json_starts_array   (const char     *data,
                                        gsize           length);
/* Imports the postings of the JSON document @data, read whole */
gboolean cg_import_json_document       (CgImport       *im,
                                        const char     *data,
                                        gsize           length,
                                        GError        **error);
/* Reads all of @stream, refusing more than @limit bytes */
GBytes  *cg_import_read_document       (GInputStream   *stream,
                                        gsize           limit,
                                        GCancellable   *cancellable,
                                        GError        **error);

/* JSON Lines, and JSON arrays streamed (cg-job-import-json-lines.c) */

/* Whether @data is JSON Lines: its first line is a whole JSON object (or
 * array) and the next line that is not blank starts another one */
gboolean cg_import_looks_like_json_lines (const char     *data,
                                          gsize           length);
/* Whether the JSON file that @stream reads is JSON Lines, from its first
 * @n_sniff bytes @sniff and as much more of @stream as that takes */
gboolean cg_import_json_file_is_lines    (GInputStream   *stream,
                                          const char     *sniff,
                                          gsize           n_sniff,
                                          GCancellable   *cancellable,
                                          gboolean       *lines,
                                          GError        **error);
gboolean cg_import_json_lines            (CgImport       *im,
                                          GInputStream   *stream,
                                          GError        **error);
/* Imports the postings of the JSON array that @stream reads, @chunk_size
 * bytes at a time */
gboolean cg_import_json_array            (CgImport       *im,
                                          GInputStream   *stream,
                                          gsize           chunk_size,
                                          GError        **error);
/* TRUE when @data is one whole JSON value followed by more than space and
 * comments; @line and @column say where that text starts */
gboolean cg_import_find_text_after_value (const char     *data,
                                          gsize           length,
                                          guint          *line,
                                          guint          *column);

/* The other readers */
gboolean cg_import_html (CgImport      *im,           /* cg-job-import-html.c */
                         GInputStream  *stream,
                         GError       **error);
gboolean cg_import_csv  (CgImport      *im,           /* cg-job-import-csv.c */
                         GInputStream  *stream,
                         GError       **error);

/* Writes @text into @out as cg_html_to_markdown() would; FALSE (and @out
 * untouched) when @text is not plain text (cg-job-import-plain-text.c) */
gboolean cg_import_plain_text_convert (const char *text,
                                       GString    *out);

/* The database writer (cg-job-import-writer.c): postings staged and merged
 * into the library by a writing thread. cg_job_import_file() makes one
 * before BEGIN, starts it after, hands it postings through
 * cg_import_writer_emit_cb(), finishes it, then commits or rolls back
 * and frees it. */
typedef struct _CgImportWriter CgImportWriter;

/* Adds and updates are counted in @report. NULL with @error when the
 * staging table cannot be made */
CgImportWriter *cg_import_writer_new     (sqlite3             *db,
                                          CgImportReport      *report,
                                          GCancellable        *cancellable,
                                          GError             **error);
/* Starts the writing thread */
/* @default_url (may be NULL, kept until the writer is finished) is the
 * URL of the postings that name none */
gboolean        cg_import_writer_start   (CgImportWriter      *writer,
                                          const char          *default_url,
                                          GError             **error);
/* A CgImportRecordFunc, with the writer as @user_data */
gboolean        cg_import_writer_emit_cb (const CgJobRecord   *record,
                                          gpointer             user_data,
                                          GError             **error);
/* Hands over the last postings (when @ok) and waits for the writing
 * thread. FALSE with the writing thread's error, which replaces any in
 * @error. */
gboolean        cg_import_writer_finish  (CgImportWriter      *writer,
                                          gboolean             ok,
                                          GError             **error);
/* Drops the staging table (after the commit or the rollback) */
void            cg_import_writer_free    (CgImportWriter      *writer);

G_END_DECLS
