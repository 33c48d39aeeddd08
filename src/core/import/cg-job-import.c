/* cg-job-import.c: importing job postings into the user's library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four readers, one writer:
 *
 * - JSON: one schema.org JSON-LD document. A top-level array is streamed,
 *   an element at a time (see cg_import_json_array()); any other document
 *   (an object, a @graph, an ItemList) is read whole by cg_jsonld_parse(),
 *   so refused above CG_IMPORT_MAX_JSON_DOCUMENT_SIZE;
 * - JSON Lines: one JSON value a line, streamed; a line that is not JSON or
 *   holds no posting is reported and skipped;
 * - HTML: a saved page, streamed through libxml2's HTML parser with SAX
 *   callbacks that keep the text of its <script type="application/ld+json">
 *   blocks, each read by cg_jsonld_parse();
 * - CSV with a header row, streamed through the one CSV reader, CgCsvReader;
 *   the columns are found by their names (many spellings: "Job Title",
 *   "position", "job_title", ...).
 *
 * Streaming readers read the file in CG_IMPORT_CHUNK_SIZE pieces, a line at
 * a time (see CgImportReader), so memory stays bounded whatever the file
 * size; a JSON Lines line larger than CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, or a
 * CSV row larger than CG_IMPORT_MAX_RECORD_SIZE, is not kept in memory.
 *
 * Every posting goes through a CgImportRecordFunc. For a file, that is the
 * CgImportWriter: the calling thread reads, converts and classifies (the
 * role), and a writing thread writes through a staging table, all inside a
 * single transaction for the file, so that a failure or a cancellation
 * leaves nothing behind. The CSV reader builds its records without copying
 * their strings (they point into its copy of the row's cells), and
 * plain-text descriptions skip the HTML parser.
 *
 * The files of the importer (their shared declarations are in
 * cg-job-import-private.h):
 *
 * - cg-job-import.c (this file): one import (CgImport: its report, its
 *   progress, the postings it hands on), format detection, the choice of a
 *   reader, and the public API: a buffer (for the tests and the fuzz
 *   targets) or a file into the library;
 * - cg-job-import-reader.c: a stream read in chunks, a line at a time;
 * - cg-job-import-json.c: a JSON document read whole, json-glib's errors;
 * - cg-job-import-json-lines.c: JSON Lines, and a top-level JSON array
 *   streamed with its scanner;
 * - cg-job-import-html.c: the JSON-LD blocks of a saved page (libxml2 SAX);
 * - cg-job-import-csv.c: CSV with a header row (through cg-csv-reader.c);
 * - cg-job-import-plain-text.c: plain-text descriptions to Markdown, fast;
 * - cg-job-import-writer.c: the database writer (a staging table, and a
 *   writing thread fed in batches);
 * - cg-job-import-cli.c: `career-guide --import`;
 * - cg-jsonld.c and cg-job-record.c: postings from JSON-LD, and a posting;
 * - cg-csv-reader.c: the CSV reader every CSV file of the program goes
 *   through.
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-db.h"
#include "cg-job-import-private.h"

G_DEFINE_QUARK (cg-import-error-quark, cg_import_error)

void
cg_import_init (CgImport           *im,
                const char         *name,
                CgImportRecordFunc  func,
                gpointer            func_data,
                CgImportReport     *report)
{
  memset (im, 0, sizeof *im);
  im->name = name;
  im->func = func;
  im->func_data = func_data;
  im->report = report;

  memset (report, 0, sizeof *report);
  report->problems = g_ptr_array_new_with_free_func (g_free);
}

static void G_GNUC_PRINTF (2, 0)
add_problem_valist (CgImport   *im,
                    const char *format,
                    va_list     args)
{
  if (im->report->problems->len >= CG_IMPORT_MAX_PROBLEMS)
    {
      im->n_dropped++;
      return;
    }

  g_ptr_array_add (im->report->problems, g_strdup_vprintf (format, args));
}

void
cg_import_add_problem (CgImport   *im,
                       const char *format,
                       ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (im, format, args);
  va_end (args);
}

void
cg_import_skip_posting (CgImport   *im,
                        const char *format,
                        ...)
{
  va_list args;

  im->report->skipped++;
  va_start (args, format);
  add_problem_valist (im, format, args);
  va_end (args);
}

static void
import_finish_report (CgImport *im)
{
  if (im->n_dropped > 0)
    g_ptr_array_add (im->report->problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "… and %u more problem",
                                                   "… and %u more problems",
                                                   im->n_dropped),
                                      im->n_dropped));
  im->n_dropped = 0;
}

void
cg_import_report_progress (CgImport *im)
{
  im->progress_bytes = im->bytes_done;
  im->progress_postings = 0;

  if (im->progress != NULL)
    im->progress (im->bytes_done,
                  MAX (im->bytes_total, im->bytes_done),
                  im->progress_data);
}

gboolean
cg_import_emit (CgImport           *im,
                const CgJobRecord  *record,
                GError            **error)
{
  if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
    return FALSE;

  if (!im->func (record, im->func_data, error))
    return FALSE;

  im->n_emitted++;
  im->progress_postings++;
  cg_import_maybe_report_progress (im);
  return TRUE;
}

gboolean
cg_import_fail_nothing_found (CgImport  *im,
                              GError   **error)
{
  if (im->n_found == 1)
    g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS,
                 _("The only job posting in “%s” could not be imported"), im->name);
  else if (im->n_found > 1)
    g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS,
                 _("None of the %u job postings in “%s” could be imported"),
                 im->n_found, im->name);
  else
    g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS,
                 _("No job postings found in “%s”"), im->name);
  return FALSE;
}

gboolean
cg_import_set_too_large_error (guint64   size,
                               GError  **error)
{
  if (size > 0)
    g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_TOO_LARGE,
                 /* Translators: "The file is 20.5 MB, over the 16 MB limit ..." */
                 _("The file is %.1f MB, over the %u MB limit for a single JSON document. "
                   "A JSON array of postings, or JSON Lines (one posting a line), is read "
                   "a posting at a time, without a size limit"),
                 size / (1024.0 * 1024.0), CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
  else
    g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_TOO_LARGE,
                 _("The file is over the %u MB limit for a single JSON document. "
                   "A JSON array of postings, or JSON Lines (one posting a line), is read "
                   "a posting at a time, without a size limit"),
                 CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
  return FALSE;
}

/* Text checks */

/* FALSE when @data (the start of a file) is not text: NUL bytes or many
 * control characters, or UTF-16. */
static gboolean
check_text (const char  *data,
            gsize        length,
            GError     **error)
{
  gsize n_control = 0;

  if (length >= 2 && (((guchar) data[0] == 0xff && (guchar) data[1] == 0xfe) ||
                      ((guchar) data[0] == 0xfe && (guchar) data[1] == 0xff)))
    {
      g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                           _("The file is UTF-16 text; save it as UTF-8 and import it again"));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      guchar c = data[i];

      if (c == 0)
        {
          n_control = length;
          break;
        }
      if (c < 0x20 && !cg_import_is_space (c))
        n_control++;
    }

  if (n_control > 0 && n_control * 100 >= length)
    {
      g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                           _("The file is not text (it looks like binary data)"));
      return FALSE;
    }

  return TRUE;
}

const char *
cg_import_skip_bom_and_space (const char *p,
                              const char *end)
{
  if (end - p >= 3 && memcmp (p, CG_IMPORT_UTF8_BOM, 3) == 0)
    p += 3;
  while (p < end && cg_import_is_space (*p))
    p++;
  return p;
}

/* The start of a file: text, and not empty (@complete: @data is all of it) */
static gboolean
check_start (CgImport    *im,
             const char  *data,
             gsize        length,
             gboolean     complete,
             GError     **error)
{
  if (!check_text (data, length, error))
    return FALSE;

  if (complete && cg_import_skip_bom_and_space (data, data + length) == data + length)
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS,
                   _("No job postings found in “%s”: the file is empty"), im->name);
      return FALSE;
    }

  return TRUE;
}

/* Formats */

const char *
cg_import_format_to_string (CgImportFormat format)
{
  switch (format)
    {
    case CG_IMPORT_FORMAT_JSON:
      return "json";
    case CG_IMPORT_FORMAT_JSON_LINES:
      return "json-lines";
    case CG_IMPORT_FORMAT_HTML:
      return "html";
    case CG_IMPORT_FORMAT_CSV:
      return "csv";
    case CG_IMPORT_FORMAT_AUTO:
    default:
      return "auto";
    }
}

CgImportFormat
cg_import_format_guess (const char *path,
                        const char *first_bytes,
                        gsize       n)
{
  static const struct {
    const char     *extension;
    CgImportFormat  format;
  } extensions[] = {
    { ".jsonl", CG_IMPORT_FORMAT_JSON_LINES }, { ".ndjson", CG_IMPORT_FORMAT_JSON_LINES },
    { ".json", CG_IMPORT_FORMAT_JSON }, { ".jsonld", CG_IMPORT_FORMAT_JSON },
    { ".html", CG_IMPORT_FORMAT_HTML }, { ".htm", CG_IMPORT_FORMAT_HTML },
    { ".xhtml", CG_IMPORT_FORMAT_HTML }, { ".csv", CG_IMPORT_FORMAT_CSV },
  };
  const char *base = path ? strrchr (path, G_DIR_SEPARATOR) : NULL;
  const char *dot;
  const char *p;

  if (first_bytes == NULL)
    n = 0;

  base = base ? base + 1 : path;
  dot = base ? strrchr (base, '.') : NULL;
  for (guint i = 0; dot != NULL && i < G_N_ELEMENTS (extensions); i++)
    {
      if (g_ascii_strcasecmp (dot, extensions[i].extension) != 0)
        continue;
      /* A .json file may hold JSON Lines */
      if (extensions[i].format == CG_IMPORT_FORMAT_JSON &&
          cg_import_looks_like_json_lines (first_bytes, n))
        return CG_IMPORT_FORMAT_JSON_LINES;
      return extensions[i].format;
    }

  p = n > 0 ? cg_import_skip_bom_and_space (first_bytes, first_bytes + n) : NULL;
  if (p == NULL || p == first_bytes + n)
    return CG_IMPORT_FORMAT_CSV;
  if (*p == '{' || *p == '[')
    return cg_import_looks_like_json_lines (first_bytes, n) ? CG_IMPORT_FORMAT_JSON_LINES
                                                            : CG_IMPORT_FORMAT_JSON;
  if (*p == '<')
    return CG_IMPORT_FORMAT_HTML;
  return CG_IMPORT_FORMAT_CSV;
}

/* Runs the reader for @format on @stream (CSV, JSON Lines, HTML, and JSON
 * when @data is NULL: a top-level array) or on @data (a whole JSON
 * document) */
static gboolean
import_dispatch (CgImport        *im,
                 CgImportFormat   format,
                 GInputStream    *stream,
                 const char      *data,
                 gsize            length,
                 GError         **error)
{
  im->report->format = format;
  cg_import_report_progress (im);

  switch (format)
    {
    case CG_IMPORT_FORMAT_JSON:
      /* A top-level array, which cg_job_import_file() does not read whole */
      if (data == NULL)
        return cg_import_json_array (im, stream, CG_IMPORT_CHUNK_SIZE, error);
      /* JSON Lines saved as .json (json-glib would read the first line only) */
      if (cg_import_looks_like_json_lines (data, length))
        {
          g_autoptr(GInputStream) lines = g_memory_input_stream_new_from_data (data, length, NULL);

          im->report->format = CG_IMPORT_FORMAT_JSON_LINES;
          return cg_import_json_lines (im, lines, error);
        }
      if (cg_import_json_starts_array (data, length))
        return cg_import_json_array (im, stream, CG_IMPORT_ARRAY_CHUNK_SIZE, error);
      return cg_import_json_document (im, data, length, error);
    case CG_IMPORT_FORMAT_HTML:
      return cg_import_html (im, stream, error);
    case CG_IMPORT_FORMAT_JSON_LINES:
      return cg_import_json_lines (im, stream, error);
    case CG_IMPORT_FORMAT_CSV:
    case CG_IMPORT_FORMAT_AUTO:
    default:
      return cg_import_csv (im, stream, error);
    }
}

/* Buffers (the fuzz targets, the tests) */

gboolean
cg_job_import_buffer (CgImportFormat       format,
                      const char          *data,
                      gsize                length,
                      const char          *name,
                      CgImportRecordFunc   func,
                      gpointer             user_data,
                      CgImportReport      *report,
                      GError             **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);
  CgImport im;
  gboolean ok;

  cg_import_init (&im, name ? name : "", func, user_data, report);
  im.bytes_total = length;

  ok = check_start (&im, data, MIN (length, CG_IMPORT_CHUNK_SIZE), length <= CG_IMPORT_CHUNK_SIZE,
                    error) &&
       import_dispatch (&im, format, stream, data, length, error);
  import_finish_report (&im);
  return ok;
}

/* Files, into the library */

gboolean
cg_job_import_file (sqlite3               *db,
                    const char            *path,
                    CgImportFormat         format,
                    CgImportProgressFunc   progress,
                    gpointer               progress_data,
                    GCancellable          *cancellable,
                    CgImportReport        *report,
                    GError               **error)
{
  return cg_job_import_file_from_url (db, path, NULL, format, progress, progress_data,
                                      cancellable, report, error);
}

gboolean
cg_job_import_file_from_url (sqlite3               *db,
                             const char            *path,
                             const char            *url,
                             CgImportFormat         format,
                             CgImportProgressFunc   progress,
                             gpointer               progress_data,
                             GCancellable          *cancellable,
                             CgImportReport        *report,
                             GError               **error)
{
  g_autofree char *name = NULL;
  g_autofree char *sniff = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) document = NULL;
  CgImportWriter *writer;
  CgImport im;
  gsize n_sniff = 0;
  gboolean stream_array = FALSE;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  name = url != NULL ? g_strdup (url) : g_filename_display_basename (path);
  cg_import_init (&im, name, cg_import_writer_emit_cb, NULL, report);
  im.cancellable = cancellable;
  im.progress = progress;
  im.progress_data = progress_data;

  file = g_file_new_for_path (path);
  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return FALSE;

  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    im.bytes_total = (guint64) MAX (g_file_info_get_size (info), 0);

  sniff = g_malloc (CG_IMPORT_CHUNK_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), sniff, CG_IMPORT_CHUNK_SIZE, &n_sniff,
                                cancellable, error))
    return FALSE;

  if (!check_start (&im, sniff, n_sniff, n_sniff < CG_IMPORT_CHUNK_SIZE, error))
    return FALSE;

  if (format == CG_IMPORT_FORMAT_AUTO)
    format = cg_import_format_guess (path, sniff, n_sniff);

  /* JSON Lines saved as .json are streamed as such, and so is a top-level
   * array; any other JSON document is read whole */
  if (format == CG_IMPORT_FORMAT_JSON)
    {
      gboolean lines = FALSE;

      if (!cg_import_json_file_is_lines (G_INPUT_STREAM (stream), sniff, n_sniff, cancellable,
                                         &lines, error))
        return FALSE;
      if (lines)
        format = CG_IMPORT_FORMAT_JSON_LINES;
      else
        stream_array = cg_import_json_starts_array (sniff, n_sniff);
    }
  report->format = format;

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return FALSE;

  if (format == CG_IMPORT_FORMAT_JSON && !stream_array)
    {
      if (im.bytes_total > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
        return cg_import_set_too_large_error (im.bytes_total, error);
      document = cg_import_read_document (G_INPUT_STREAM (stream), CG_IMPORT_MAX_JSON_DOCUMENT_SIZE,
                                          cancellable, error);
      if (document == NULL)
        return FALSE;
    }

  writer = cg_import_writer_new (db, report, cancellable, error);
  if (writer == NULL)
    return FALSE;
  if (!cg_db_begin (db, error))
    {
      cg_import_writer_free (writer);
      return FALSE;
    }
  im.func_data = writer;

  if (cg_import_writer_start (writer, url, error))
    ok = import_dispatch (&im, format, G_INPUT_STREAM (stream),
                          document ? g_bytes_get_data (document, NULL) : NULL,
                          document ? g_bytes_get_size (document) : 0,
                          error);
  else
    ok = FALSE;
  ok = cg_import_writer_finish (writer, ok, error) && ok;

  /* A cancellation up to the last moment (it may have interrupted a merge)
   * undoes everything */
  if (g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (error);
      g_cancellable_set_error_if_cancelled (cancellable, error);
      ok = FALSE;
    }

  if (ok)
    {
      cg_import_report_progress (&im);
      ok = cg_db_commit (db, error);
    }

  if (!ok)
    {
      cg_db_rollback (db);
      report->added = 0;
      report->updated = 0;
      report->skipped = 0;
    }

  cg_import_writer_free (writer);
  import_finish_report (&im);
  return ok;
}

void
cg_import_report_clear (CgImportReport *report)
{
  if (report == NULL)
    return;

  g_clear_pointer (&report->problems, g_ptr_array_unref);
  memset (report, 0, sizeof *report);
}
