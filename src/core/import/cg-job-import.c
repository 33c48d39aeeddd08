/* cg-job-import.c: importing job postings into the user's library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four readers, one writer:
 *
 * - JSON: one schema.org JSON-LD document. A top-level array is streamed,
 *   an element at a time (see import_json_array()); any other document (an
 *   object, a @graph, an ItemList) is read whole by cg_jsonld_parse(), so
 *   refused above CG_IMPORT_MAX_JSON_DOCUMENT_SIZE;
 * - JSON Lines: one JSON value a line, streamed; a line that is not JSON or
 *   holds no posting is reported and skipped;
 * - HTML: a saved page, streamed through libxml2's HTML parser with SAX
 *   callbacks that keep the text of its <script type="application/ld+json">
 *   blocks, each read by cg_jsonld_parse() (see HtmlReader);
 * - CSV with a header row, streamed through libcsv; the columns are found by
 *   their names (many spellings: "Job Title", "position", "job_title", ...).
 *
 * Streaming readers read the file in CHUNK_SIZE pieces, a line at a time
 * (see Reader), so memory stays bounded whatever the file size; a JSON
 * Lines line larger than CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, or a CSV row
 * larger than CG_IMPORT_MAX_RECORD_SIZE, is not kept in memory. A saved HTML
 * page is streamed through libxml2's parser (see HtmlReader).
 *
 * Every posting goes through a CgImportRecordFunc. For a file, that is the
 * Pipeline: the calling thread reads, converts and classifies (the role),
 * and a writing thread writes with CgJobWriter (one prepared INSERT ... ON
 * CONFLICT (key) DO UPDATE, reused) through a staging table (see DbSink),
 * all inside a single transaction for the file, so that a failure or a
 * cancellation leaves nothing behind. The CSV reader builds its records
 * without copying (their strings point into the row's cells), and plain-text
 * descriptions skip the HTML parser (see Plain).
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "cg-classifier.h"
#include "cg-db.h"
#include "cg-html-markdown.h"
#include "cg-markdown-text-private.h"
#include "cg-job-import-private.h"
#include "cg-jsonld.h"

#define CHUNK_SIZE        (64 * 1024)
#define PROGRESS_BYTES    (1024 * 1024)
#define PROGRESS_POSTINGS 1000
#define MAX_WALK_DEPTH    32
#define MAX_CSV_COLUMNS   4096
#define UTF8_BOM          "\xef\xbb\xbf"

G_DEFINE_QUARK (cg-import-error-quark, cg_import_error)

/* One import: where records go, what is reported */
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
} Import;

static void
import_init (Import             *im,
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
add_problem_valist (Import     *im,
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

static void G_GNUC_PRINTF (2, 3)
add_problem (Import     *im,
             const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  add_problem_valist (im, format, args);
  va_end (args);
}

/* A posting (or row) that cannot be used, and why */
static void G_GNUC_PRINTF (2, 3)
skip_posting (Import     *im,
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
import_finish_report (Import *im)
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

static void
report_progress (Import *im)
{
  im->progress_bytes = im->bytes_done;
  im->progress_postings = 0;

  if (im->progress != NULL)
    im->progress (im->bytes_done,
                  MAX (im->bytes_total, im->bytes_done),
                  im->progress_data);
}

static inline void
maybe_report_progress (Import *im)
{
  if (im->bytes_done - im->progress_bytes >= PROGRESS_BYTES ||
      im->progress_postings >= PROGRESS_POSTINGS)
    report_progress (im);
}

static gboolean
emit (Import             *im,
      const CgJobRecord  *record,
      GError            **error)
{
  if (g_cancellable_set_error_if_cancelled (im->cancellable, error))
    return FALSE;

  if (!im->func (record, im->func_data, error))
    return FALSE;

  im->n_emitted++;
  im->progress_postings++;
  maybe_report_progress (im);
  return TRUE;
}

/* FALSE with the error of a file in which nothing could be imported */
static gboolean
fail_nothing_found (Import  *im,
                    GError **error)
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

/* A JSON document over its limit; @size: the file's, or 0 when not known */
static gboolean
set_too_large_error (guint64   size,
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

static gboolean
is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

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
      if (c < 0x20 && !is_space (c))
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

static const char *
skip_bom_and_space (const char *p,
                    const char *end)
{
  if (end - p >= 3 && memcmp (p, UTF8_BOM, 3) == 0)
    p += 3;
  while (p < end && is_space (*p))
    p++;
  return p;
}

/* The start of a file: text, and not empty (@complete: @data is all of it) */
static gboolean
check_start (Import      *im,
             const char  *data,
             gsize        length,
             gboolean     complete,
             GError     **error)
{
  if (!check_text (data, length, error))
    return FALSE;

  if (complete && skip_bom_and_space (data, data + length) == data + length)
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS,
                   _("No job postings found in “%s”: the file is empty"), im->name);
      return FALSE;
    }

  return TRUE;
}

/* "3:5: Parse error: what" (json-glib, by way of cg-jsonld) to
 * "line 3, column 5" and "what"; FALSE if it has no position */
static gboolean
split_json_error (const char  *message,
                  guint       *line,
                  guint       *column,
                  const char **what)
{
  guint64 l, c;
  char *end;

  if (g_str_has_prefix (message, "<data>:"))
    message += strlen ("<data>:");

  if (!g_ascii_isdigit (message[0]))
    return FALSE;
  l = g_ascii_strtoull (message, &end, 10);
  if (*end != ':' || !g_ascii_isdigit (end[1]))
    return FALSE;
  c = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != ':')
    return FALSE;
  end++;
  while (*end == ' ')
    end++;
  if (g_str_has_prefix (end, "Parse error: "))
    end += strlen ("Parse error: ");

  *line = (guint) MIN (l, G_MAXUINT);
  *column = (guint) MIN (c, G_MAXUINT);
  *what = end;
  return TRUE;
}

/* json-glib quotes the text it stumbled on, cut at a byte count: its
 * messages need not be UTF-8 */
static char *
describe_json_error (const char *raw_message)
{
  g_autofree char *message = g_utf8_make_valid (raw_message, -1);
  const char *what;
  guint line, column;

  if (split_json_error (message, &line, &column, &what))
    return g_strdup_printf (_("Not valid JSON at line %u, column %u: %s"), line, column, what);

  return g_strdup_printf (_("Not valid JSON: %s"), message);
}

/* Reader: a stream in chunks, handed out a line (or the part of a line that
 * is in the buffer) at a time, without copying */

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
} Reader;

static void
reader_init (Reader       *r,
             GInputStream *stream,
             GCancellable *cancellable)
{
  memset (r, 0, sizeof *r);
  r->stream = stream;
  r->cancellable = cancellable;
  r->buf = g_malloc (CHUNK_SIZE);
  r->line_start = TRUE;
  r->newline = '\n';
}

static void
reader_clear (Reader *r)
{
  g_clear_pointer (&r->buf, g_free);
}

static gboolean
reader_fill (Reader  *r,
             GError **error)
{
  gsize n = 0;

  if (!g_input_stream_read_all (r->stream, r->buf, CHUNK_SIZE, &n, r->cancellable, error))
    return FALSE;

  r->len = n;
  r->pos = 0;
  r->eof = n == 0;

  if (!r->started)
    {
      r->started = TRUE;
      if (n >= 3 && memcmp (r->buf, UTF8_BOM, 3) == 0)
        {
          r->pos = 3;
          r->offset = 3;
        }
      if (memchr (r->buf, '\n', n) == NULL && memchr (r->buf, '\r', n) != NULL)
        r->newline = '\r';
    }

  return TRUE;
}

/* 1: a piece; 0: the end; -1: an error */
static int
reader_next (Reader      *r,
             const char **piece,
             gsize       *length,
             gboolean    *starts_line,
             gboolean    *ends_line,
             GError     **error)
{
  const char *start, *nl;
  gsize n;

  while (r->pos >= r->len)
    {
      if (r->eof)
        return 0;
      if (!reader_fill (r, error))
        return -1;
    }

  start = r->buf + r->pos;
  nl = memchr (start, r->newline, r->len - r->pos);
  n = nl != NULL ? (gsize) (nl - start + 1) : r->len - r->pos;

  *piece = start;
  *length = n;
  *starts_line = r->line_start;
  *ends_line = nl != NULL;
  r->line_start = nl != NULL;
  r->pos += n;
  r->offset += n;
  return 1;
}

/* Several values in one text (defined with the array scanner, below) */
static gboolean find_text_after_value (const char *data,
                                       gsize       length,
                                       guint      *line,
                                       guint      *column);

gboolean
cg_job_import_json_has_text_after_value (const char *data,
                                         gsize       length)
{
  guint line, column;

  return find_text_after_value (data, length, &line, &column);
}

/* JSON-LD in JSON Lines */

static gboolean
type_is_job_posting (const char *type)
{
  const char *colon = strrchr (type, ':');
  const char *slash = strrchr (type, '/');

  /* "JobPosting", "schema:JobPosting", "https://schema.org/JobPosting" */
  if (slash != NULL && (colon == NULL || slash > colon))
    type = slash + 1;
  else if (colon != NULL)
    type = colon + 1;

  return g_ascii_strcasecmp (type, "JobPosting") == 0;
}

static gboolean
is_job_posting (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "@type");

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return type_is_job_posting (json_node_get_string (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              type_is_job_posting (json_node_get_string (element)))
            return TRUE;
        }
    }

  return FALSE;
}

/* The JobPosting objects in @node, as cg_jsonld_parse() finds them: the
 * node itself, an array of them, a @graph, an ItemList and its ListItems */
static void
collect_postings (JsonNode  *node,
                  GPtrArray *postings,
                  guint      depth)
{
  static const char * const containers[] = { "@graph", "itemListElement", "item" };

  if (node == NULL || depth > MAX_WALK_DEPTH)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (is_job_posting (object))
        {
          g_ptr_array_add (postings, object);
          return;
        }

      for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
        collect_postings (json_object_get_member (object, containers[i]), postings, depth + 1);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_postings (json_array_get_element (array, i), postings, depth + 1);
    }
}

typedef struct {
  JsonParser *parser;
  GPtrArray  *postings;    /* of JsonObject *, borrowed from parser */
  GString    *line;        /* a line that spans chunks */
  gboolean    overlong;    /* the current line is being skipped */
} JsonLines;

static gboolean
import_json_line (Import      *im,
                  JsonLines   *jl,
                  guint        line,
                  const char  *text,
                  gsize        length,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *end = text + length;
  const char *p = text;
  guint l, column;

  while (p < end && is_space (*p))
    p++;
  while (end > p && is_space (end[-1]))
    end--;
  if (p == end)
    return TRUE;

  im->n_found++;

  if (!g_utf8_validate_len (p, end - p, NULL))
    {
      skip_posting (im, _("line %u: not valid UTF-8 text"), line);
      return TRUE;
    }

  if (find_text_after_value (p, end - p, &l, &column))
    {
      skip_posting (im, _("line %u: not valid JSON at column %u: %s"), line, column,
                    _("more text after the end of the value"));
      return TRUE;
    }

  if (!json_parser_load_from_data (jl->parser, p, end - p, &local_error))
    {
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);
      const char *what;

      if (split_json_error (message, &l, &column, &what))
        skip_posting (im, _("line %u: not valid JSON at column %u: %s"), line, column, what);
      else
        skip_posting (im, _("line %u: not valid JSON: %s"), line, message);
      return TRUE;
    }

  g_ptr_array_set_size (jl->postings, 0);
  collect_postings (json_parser_get_root (jl->parser), jl->postings, 0);

  if (jl->postings->len == 0)
    {
      skip_posting (im, _("line %u: no schema.org JobPosting"), line);
      return TRUE;
    }

  /* A line is counted once above; each further posting in it once more */
  im->n_found += jl->postings->len - 1;

  for (guint i = 0; i < jl->postings->len; i++)
    {
      g_autofree char *reason = NULL;
      g_autoptr(CgJobRecord) record = cg_jsonld_read_posting (g_ptr_array_index (jl->postings, i),
                                                              &reason);

      if (record == NULL)
        {
          if (jl->postings->len == 1)
            skip_posting (im, _("line %u: %s"), line, reason);
          else
            skip_posting (im, _("line %u, posting %u: %s"), line, i + 1, reason);
          continue;
        }

      if (!emit (im, record, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
import_json_lines (Import        *im,
                   GInputStream  *stream,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new ();
  JsonLines jl = { parser, postings, g_string_new (NULL), FALSE };
  Reader r;
  const char *piece;
  gsize n;
  gboolean starts, ends;
  guint line = 0;
  gboolean ok = TRUE;
  int rc;

  reader_init (&r, stream, im->cancellable);

  while (ok && (rc = reader_next (&r, &piece, &n, &starts, &ends, error)) > 0)
    {
      if (starts)
        line++;

      im->bytes_done = r.offset;
      maybe_report_progress (im);

      if (ends && jl.line->len == 0 && !jl.overlong)
        {
          ok = import_json_line (im, &jl, line, piece, n, error);
          continue;
        }

      if (!jl.overlong && jl.line->len + n > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
        {
          jl.overlong = TRUE;
          g_string_free (jl.line, TRUE);
          jl.line = g_string_new (NULL);
        }
      if (!jl.overlong)
        g_string_append_len (jl.line, piece, n);

      if (ends)
        {
          if (jl.overlong)
            {
              im->n_found++;
              skip_posting (im, _("line %u: longer than %u MB, skipped"), line,
                            CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
            }
          else
            ok = import_json_line (im, &jl, line, jl.line->str, jl.line->len, error);
          g_string_truncate (jl.line, 0);
          jl.overlong = FALSE;
        }
    }

  if (rc < 0)
    ok = FALSE;

  /* The last line, without a newline */
  if (ok && jl.overlong)
    {
      im->n_found++;
      skip_posting (im, _("line %u: longer than %u MB, skipped"), line,
                    CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
    }
  else if (ok && jl.line->len > 0)
    ok = import_json_line (im, &jl, line, jl.line->str, jl.line->len, error);

  g_string_free (jl.line, TRUE);
  reader_clear (&r);

  if (!ok)
    return FALSE;

  im->bytes_done = r.offset;
  if (im->n_emitted == 0)
    return fail_nothing_found (im, error);

  return TRUE;
}

/* JSON: one document */

/* Whether @data is JSON Lines: its first line is a whole JSON object (or
 * array) and the next line that is not blank starts another one. */
static gboolean
looks_like_json_lines (const char *data,
                       gsize       length)
{
  const char *end = data + length;
  const char *p = skip_bom_and_space (data, end);
  const char *nl, *last, *next;
  g_autoptr(JsonParser) parser = NULL;
  guint line, column;

  if (p == end || (*p != '{' && *p != '['))
    return FALSE;

  nl = memchr (p, '\n', end - p);
  if (nl == NULL)
    return FALSE;

  last = nl;
  while (last > p && is_space (last[-1]))
    last--;
  if (last == p || (last[-1] != '}' && last[-1] != ']'))
    return FALSE;

  next = nl;
  while (next < end && is_space (*next))
    next++;
  if (next == end || (*next != '{' && *next != '['))
    return FALSE;

  if (!g_utf8_validate_len (p, last - p, NULL) ||
      find_text_after_value (p, last - p, &line, &column))
    return FALSE;

  parser = json_parser_new_immutable ();
  return json_parser_load_from_data (parser, p, last - p, NULL) &&
         json_parser_get_root (parser) != NULL;
}

/* Whether the JSON text that starts with @data is a top-level array */
static gboolean
json_starts_array (const char *data,
                   gsize       length)
{
  const char *p = skip_bom_and_space (data, data + length);

  return p < data + length && *p == '[';
}

static gboolean
import_json (Import      *im,
             const char  *data,
             gsize        length,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  guint line, column;

  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (!g_utf8_validate_len (data, length, NULL))
    {
      g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                           _("The file is not valid UTF-8 text"));
      return FALSE;
    }

  if (find_text_after_value (data, length, &line, &column))
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                   _("Not valid JSON at line %u, column %u: %s"), line, column,
                   _("more text after the end of the document (JSON Lines need one posting a line)"));
      return FALSE;
    }

  records = cg_jsonld_parse (data, length, warnings, &local_error);

  if (records == NULL && g_error_matches (local_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID))
    {
      g_autofree char *message = describe_json_error (local_error->message);

      g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID, message);
      return FALSE;
    }

  if (records == NULL)
    return fail_nothing_found (im, error);

  for (guint i = 0; i < warnings->len; i++)
    skip_posting (im, "%s", (const char *) g_ptr_array_index (warnings, i));
  im->n_found = records->len + warnings->len;

  for (guint i = 0; i < records->len; i++)
    {
      im->bytes_done = im->bytes_total / 2 + (im->bytes_total / 2) * i / records->len;
      if (!emit (im, g_ptr_array_index (records, i), error))
        return FALSE;
    }

  im->bytes_done = im->bytes_total;
  if (im->n_emitted == 0)
    return fail_nothing_found (im, error);

  return TRUE;
}

/* JSON: a top-level array, streamed
 *
 * A job board's export is often one JSON array of postings, of any size, and
 * an import that parsed it whole would take ten times its size in memory.
 * So the array is read a chunk at a time, and its elements are found by a
 * scanner that only follows strings, comments and brackets, as json-glib
 * 1.6's lexer (GScanner's) does: strings in double quotes with backslash
 * escapes (see string_escape()), and in single quotes without; a "/" that
 * starts a comment ending at the next "/" (so C comments too); " \t\r\n" as
 * space; "-", "$" and "." before a number (see array_scan()). Each element is then parsed by json-glib on its own and read as
 * cg_jsonld_parse() reads it in the whole array, and its postings go to the
 * writer at once: memory is bounded by the largest element, and an element
 * larger than CG_IMPORT_MAX_JSON_DOCUMENT_SIZE is skipped without being kept
 * (as a JSON Lines line too long is).
 *
 * An element that is not JSON, an array that is not well formed (not
 * closed, something else than "," between elements, text after it) or text
 * that is not UTF-8 makes the file refused, as when the document is read
 * whole: the transaction is rolled back, so nothing of it is imported.
 * Positions are those in the whole file: json-glib's, in an element, are
 * moved by where the element starts. (Lines end at "\n"; json-glib counts
 * columns in bytes, and the scanner, as find_text_after_value(), in
 * characters.) */

/* The buffer readers (the fuzz targets, the tests) read this much at a
 * time, so that elements, strings and comments cross reads everywhere */
#define ARRAY_BUFFER_CHUNK_SIZE 61

typedef enum {
  ARRAY_BEFORE,        /* before its "[" */
  ARRAY_FIRST,         /* after the "[": a value or "]" */
  ARRAY_NEXT,          /* after a ",": a value */
  ARRAY_IN_VALUE,
  ARRAY_AFTER_VALUE,   /* "," or "]" */
  ARRAY_AFTER,         /* after the "]": only space */
} ArrayState;

typedef enum {
  ARRAY_ERROR_NONE,
  ARRAY_ERROR_NOT_ARRAY,
  ARRAY_ERROR_VALUE_EXPECTED,
  ARRAY_ERROR_COMMA_EXPECTED,
  ARRAY_ERROR_TEXT_AFTER,
  ARRAY_ERROR_END_OF_FILE,
} ArrayError;

typedef enum {
  SCAN_MORE,           /* every byte at hand was scanned */
  SCAN_VALUE,          /* a value ends where the scan stopped */
  SCAN_ERROR,
} ScanResult;

/* A place in the text (after a byte order mark) */
typedef struct {
  guint64 offset;
  guint64 line_start;  /* the offset of its line's first byte */
  guint   line;        /* from 1 */
  guint   column;      /* from 1, in characters */
} TextPos;

/* Where a "string" is in an escape (see string_escape()) */
typedef enum {
  ESCAPE_NONE,
  ESCAPE_BACKSLASH,      /* after "\" */
  ESCAPE_U,              /* after "\u" */
  ESCAPE_U_DIGITS,       /* in the digits after "\u" */
  ESCAPE_SURROGATE,      /* after a surrogate ("\ud83d") */
  ESCAPE_SURROGATE_BACKSLASH,
  ESCAPE_LOW_DIGITS,     /* in the digits after "\ud83d\u" */
} Escape;

typedef struct {
  ArrayState  state;
  TextPos     pos;          /* of the next byte */
  char        quote;        /* in a string: its quote */
  Escape      escape;       /* in a "string" */
  guint       n_digits;     /* of a "\u" escape */
  gunichar    unit;         /* ...and its value */
  gboolean    comment;      /* in a comment, up to the next "/" */
  gboolean    scalar;       /* the value is a number or a word... */
  gboolean    sign_only;    /* ...of which there is only a "-" yet */
  gboolean    take_next;    /* ...whose next character is in it */
  guint64     depth;        /* brackets open in the value */
  TextPos     value_start;
  ArrayError  error;        /* at pos */
  gunichar    error_char;
} ArrayScan;

static inline void
text_pos_advance (TextPos *pos,
                  char     c)
{
  if (c == '\n')
    {
      pos->line++;
      pos->column = 1;
      pos->line_start = pos->offset + 1;
    }
  else if (((guchar) c & 0xc0) != 0x80)
    pos->column++;
  pos->offset++;
}

/* The space json-glib skips (not "\f" or "\v") */
static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static inline int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))
    return (c & 7) + 9;
  return -1;
}

/* Whether @c, in a "string", is a quote that ends it. This follows the
 * escapes as json-glib 1.6 reads them, whose quirks move the end: after
 * "\u" and a hex digit it reads up to four characters, the first that is
 * not a digit included (so "\u12"" does not end there); after a surrogate
 * it takes the next character, and the one after if that is a "\", and
 * then up to four characters again if that is a "u". Other escapes take
 * one character ("\"" does not end the string). */
static gboolean
string_escape (ArrayScan *s,
               char       c)
{
  int digit;

  switch (s->escape)
    {
    case ESCAPE_NONE:
      if (c == '\\')
        s->escape = ESCAPE_BACKSLASH;
      return c == '"';

    case ESCAPE_BACKSLASH:
      s->escape = c == 'u' ? ESCAPE_U : ESCAPE_NONE;
      return FALSE;

    case ESCAPE_U:
      /* a "\u" without a digit is nothing: @c is read as itself */
      if (hex_value (c) < 0)
        {
          s->escape = ESCAPE_NONE;
          return string_escape (s, c);
        }
      s->escape = ESCAPE_U_DIGITS;
      s->n_digits = 0;
      s->unit = 0;
      return string_escape (s, c);

    case ESCAPE_U_DIGITS:
    case ESCAPE_LOW_DIGITS:
      digit = hex_value (c);
      if (digit >= 0)
        s->unit += (gunichar) digit << ((3 - s->n_digits) * 4);
      if (digit >= 0 && ++s->n_digits < 4)
        return FALSE;
      if (s->escape == ESCAPE_U_DIGITS && s->unit >= 0xd800 && s->unit <= 0xdfff)
        s->escape = ESCAPE_SURROGATE;
      else
        s->escape = ESCAPE_NONE;
      return FALSE;

    case ESCAPE_SURROGATE:
      s->escape = c == '\\' ? ESCAPE_SURROGATE_BACKSLASH : ESCAPE_NONE;
      return FALSE;

    case ESCAPE_SURROGATE_BACKSLASH:
      s->escape = ESCAPE_NONE;
      if (c == 'u')
        {
          s->escape = ESCAPE_LOW_DIGITS;
          s->n_digits = 0;
          s->unit = 0;
        }
      return FALSE;

    default:
      g_assert_not_reached ();
    }
}

/* (@p may be the start of text that is not UTF-8: see
 * find_text_after_value()) */
static ScanResult
array_scan_fail (ArrayScan  *s,
                 ArrayError  error,
                 const char *p,
                 const char *end)
{
  gunichar c = g_utf8_get_char_validated (p, end - p);

  s->error = error;
  s->error_char = c < (gunichar) -2 ? c : 0xfffd;
  return SCAN_ERROR;
}

/* Scans from @p, the byte at s->pos, to @end (whole UTF-8 characters):
 * SCAN_VALUE when a value of the array ends at s->pos (it started at
 * s->value_start), SCAN_MORE at @end */
static ScanResult
array_scan (ArrayScan  *s,
            const char *p,
            const char *end)
{
  for (; p < end; text_pos_advance (&s->pos, *p), p++)
    {
      char c = *p;

      if (s->quote != 0)
        {
          if (s->quote == '"' ? string_escape (s, c) : c == '\'')
            {
              s->quote = 0;
              /* A string value */
              if (s->depth == 0)
                {
                  text_pos_advance (&s->pos, c);
                  s->state = ARRAY_AFTER_VALUE;
                  return SCAN_VALUE;
                }
            }
          continue;
        }

      if (s->comment)
        {
          s->comment = c != '/';
          continue;
        }

      if (s->state == ARRAY_IN_VALUE && s->scalar)
        {
          /* For json-glib, "- 1" is a number, and so is "$ 1": a "$", or
           * a "." that starts a number, takes the next character into the
           * number, whatever it is ("[.]" is not "[0.0]") */
          if (s->take_next)
            s->take_next = FALSE;
          else if (s->sign_only && (is_json_space (c) || c == '/'))
            s->comment = c == '/';
          else if (is_json_space (c) || memchr (",[]{}:\"'/", c, 9) != NULL)
            {
              s->state = ARRAY_AFTER_VALUE;
              return SCAN_VALUE;
            }
          else
            {
              s->take_next = c == '$' || (c == '.' && s->sign_only);
              s->sign_only = FALSE;
            }
          continue;
        }

      if (s->state == ARRAY_IN_VALUE)
        {
          if (c == '"' || c == '\'')
            s->quote = c;
          else if (c == '/')
            s->comment = TRUE;
          else if (c == '[' || c == '{')
            s->depth++;
          else if ((c == ']' || c == '}') && --s->depth == 0)
            {
              text_pos_advance (&s->pos, c);
              s->state = ARRAY_AFTER_VALUE;
              return SCAN_VALUE;
            }
          continue;
        }

      /* Between values */
      if (is_json_space (c))
        continue;
      if (c == '/')
        {
          s->comment = TRUE;
          continue;
        }

      switch (s->state)
        {
        case ARRAY_BEFORE:
          if (c != '[')
            return array_scan_fail (s, ARRAY_ERROR_NOT_ARRAY, p, end);
          s->state = ARRAY_FIRST;
          break;

        case ARRAY_AFTER_VALUE:
          if (c == ',')
            s->state = ARRAY_NEXT;
          else if (c == ']')
            s->state = ARRAY_AFTER;
          else
            return array_scan_fail (s, ARRAY_ERROR_COMMA_EXPECTED, p, end);
          break;

        case ARRAY_AFTER:
          return array_scan_fail (s, ARRAY_ERROR_TEXT_AFTER, p, end);

        case ARRAY_FIRST:
        case ARRAY_NEXT:
          if (c == ']' && s->state == ARRAY_FIRST)
            {
              s->state = ARRAY_AFTER;
              break;
            }
          /* (json-glib would skip a byte order mark at the start of the
           * value on its own, not in the array) */
          if (memchr (",]}:", c, 4) != NULL ||
              (end - p >= 3 && memcmp (p, UTF8_BOM, 3) == 0))
            return array_scan_fail (s, ARRAY_ERROR_VALUE_EXPECTED, p, end);

          s->state = ARRAY_IN_VALUE;
          s->value_start = s->pos;
          s->depth = c == '[' || c == '{' ? 1 : 0;
          s->quote = c == '"' || c == '\'' ? c : 0;
          s->scalar = s->depth == 0 && s->quote == 0;
          s->sign_only = c == '-';
          s->take_next = c == '$' || c == '.';
          break;

        case ARRAY_IN_VALUE:
        default:
          g_assert_not_reached ();
        }
    }

  return SCAN_MORE;
}

/* At the end of the text: FALSE unless the array was closed */
static gboolean
array_scan_finish (ArrayScan *s)
{
  if (s->state == ARRAY_AFTER && !s->comment)
    return TRUE;

  s->error = ARRAY_ERROR_END_OF_FILE;
  return FALSE;
}

/* Several values in one text
 *
 * json-glib 1.6 reads "{...} {...}" (or "1 2") as its first value: it drops
 * the rest without a word, and leaks it. So a text with more after its first
 * value is never given to it whole. The first value and what follows it are
 * found by the array scanner, so that comments, and brackets or quotes in
 * them, are read as json-glib reads them (and as a streamed array is).
 *
 * TRUE when @data is one whole JSON value followed by more than space and
 * comments; @line and @column say where that text starts. @data should be
 * UTF-8 (the importer checks first); other text is scanned without reading
 * past @length. */
static gboolean
find_text_after_value (const char *data,
                       gsize       length,
                       guint      *line,
                       guint      *column)
{
  const char *end = data + length;
  const char *start = data;
  ArrayScan s = { 0 };
  guint64 value_end;
  g_autoptr(JsonParser) parser = NULL;

  s.state = ARRAY_NEXT;
  s.pos.line = 1;
  s.pos.column = 1;
  /* (a byte order mark counts as a character, as json-glib counts it) */
  if (length >= 3 && memcmp (data, UTF8_BOM, 3) == 0)
    {
      start += 3;
      s.pos.column = 2;
    }
  if (array_scan (&s, start, end) != SCAN_VALUE)
    return FALSE;

  value_end = s.pos.offset;
  s.state = ARRAY_AFTER;
  if (array_scan (&s, start + value_end, end) != SCAN_ERROR)
    return FALSE;

  /* When the first value is not JSON either, json-glib stops there and
   * reports it, reading the whole text */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (start - data) + value_end, NULL))
    return FALSE;

  *line = s.pos.line;
  *column = s.pos.column;
  return TRUE;
}

static void
set_array_scan_error (const ArrayScan  *s,
                      GError          **error)
{
  g_autofree char *what = NULL;
  char c[16] = "";

  if (g_unichar_isprint (s->error_char))
    g_unichar_to_utf8 (s->error_char, c);
  else
    g_snprintf (c, sizeof c, "U+%04X", s->error_char);

  switch (s->error)
    {
    case ARRAY_ERROR_NOT_ARRAY:
      /* Translators: %s is a character */
      what = g_strdup_printf (_("“%s” where the array should start"), c);
      break;
    case ARRAY_ERROR_VALUE_EXPECTED:
      /* Translators: %s is a character, e.g. "unexpected “,”, expected a value" */
      what = g_strdup_printf (_("unexpected “%s”, expected a value"), c);
      break;
    case ARRAY_ERROR_COMMA_EXPECTED:
      /* Translators: %s is a character, e.g. "unexpected “{”, expected “,” or “]”" */
      what = g_strdup_printf (_("unexpected “%s”, expected “,” or “]”"), c);
      break;
    case ARRAY_ERROR_TEXT_AFTER:
      what = g_strdup (_("more text after the end of the document (JSON Lines need one posting a line)"));
      break;
    case ARRAY_ERROR_END_OF_FILE:
    case ARRAY_ERROR_NONE:
    default:
      what = g_strdup (_("the file ends before the array does"));
      break;
    }

  g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
               _("Not valid JSON at line %u, column %u: %s"),
               s->pos.line, s->pos.column, what);
}

/* json-glib's error for a value that starts at @start, moved there */
static void
set_element_json_error (const char     *raw_message,
                        const TextPos  *start,
                        GError        **error)
{
  g_autofree char *message = g_utf8_make_valid (raw_message, -1);
  const char *what;
  guint line, column;

  if (!split_json_error (message, &line, &column, &what))
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                   _("Not valid JSON: %s"), message);
      return;
    }

  /* json-glib counts bytes from the start of the value's line */
  if (line <= 1)
    column = (guint) MIN (start->offset - start->line_start + column, G_MAXUINT);
  line = (guint) MIN ((guint64) start->line + MAX (line, 1) - 1, G_MAXUINT);

  g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
               _("Not valid JSON at line %u, column %u: %s"), line, column, what);
}

typedef struct {
  JsonParser *parser;
  GPtrArray  *records;    /* of CgJobRecord *, of one element */
  GPtrArray  *warnings;   /* of char *, of one element */
  guint       n_seen;     /* postings found so far, used or not */
  guint       n_overlong; /* elements skipped by their size */
} ArrayReader;

static gboolean
import_array_element (Import        *im,
                      ArrayReader   *ar,
                      const char    *text,
                      gsize          length,
                      const TextPos *start,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  if (!json_parser_load_from_data (ar->parser, text, length, &local_error))
    {
      set_element_json_error (local_error->message, start, error);
      return FALSE;
    }

  cg_jsonld_read_element (json_parser_get_root (ar->parser), &ar->n_seen, ar->records,
                          ar->warnings);

  for (guint i = 0; i < ar->warnings->len; i++)
    skip_posting (im, "%s", (const char *) g_ptr_array_index (ar->warnings, i));
  for (guint i = 0; ok && i < ar->records->len; i++)
    ok = emit (im, g_ptr_array_index (ar->records, i), error);

  g_ptr_array_set_size (ar->warnings, 0);
  g_ptr_array_set_size (ar->records, 0);
  return ok;
}

/* Checks @length bytes of text read from a stream (@at_end: nothing
 * follows them): the number of bytes at their end that start a character
 * the next read may finish (0 to 3), or -1 when the text is not UTF-8 (a
 * character cut by the end of a read is whole after the next; none is 4
 * bytes long without being valid) */
static gssize
utf8_validate_read (const char *data,
                    gsize       length,
                    gboolean    at_end)
{
  const char *valid_end;
  gsize cut;

  if (g_utf8_validate_len (data, length, &valid_end))
    return 0;

  cut = data + length - valid_end;
  return at_end || cut >= 4 ? -1 : (gssize) cut;
}

/* Appends up to @size bytes of @stream to @buf; *@n_valid (bytes of @buf
 * known to be UTF-8) moves on to the last whole character read */
static gboolean
array_read (Import        *im,
            GInputStream  *stream,
            GByteArray    *buf,
            gsize          size,
            gsize         *n_valid,
            gboolean      *eof,
            GError       **error)
{
  gsize before = buf->len;
  gsize n = 0;
  gssize cut;

  g_byte_array_set_size (buf, before + size);
  if (!g_input_stream_read_all (stream, buf->data + before, size, &n, im->cancellable, error))
    return FALSE;
  g_byte_array_set_size (buf, before + n);
  *eof = n < size;

  cut = utf8_validate_read ((const char *) buf->data + *n_valid, buf->len - *n_valid, *eof);
  if (cut < 0)
    {
      g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                           _("The file is not valid UTF-8 text"));
      return FALSE;
    }
  *n_valid = buf->len - (gsize) cut;
  return TRUE;
}

/* Imports the postings of the JSON array that @stream reads, @chunk_size
 * bytes at a time */
static gboolean
import_json_array (Import        *im,
                   GInputStream  *stream,
                   gsize          chunk_size,
                   GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_job_record_free);
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GByteArray) buf = g_byte_array_new ();
  ArrayReader ar = { parser, records, warnings, 0, 0 };
  ArrayScan s = { 0 };
  guint64 base = 0;          /* the offset of buf->data[0] */
  gsize n_valid = 0;         /* bytes of buf that are whole UTF-8 characters */
  guint64 bom = 0;
  gboolean overlong = FALSE; /* the value being read is being skipped */
  gboolean eof = FALSE;
  guint n_values = 0;

  s.state = ARRAY_BEFORE;
  s.pos.line = 1;
  s.pos.column = 1;

  if (!array_read (im, stream, buf, MAX (chunk_size, 3), &n_valid, &eof, error))
    return FALSE;
  if (buf->len >= 3 && memcmp (buf->data, UTF8_BOM, 3) == 0)
    {
      g_byte_array_remove_range (buf, 0, 3);
      n_valid -= 3;
      bom = 3;
    }

  for (;;)
    {
      const char *data = (const char *) buf->data;
      ScanResult result = array_scan (&s, data + (s.pos.offset - base), data + n_valid);
      guint64 keep;

      if (result == SCAN_ERROR)
        {
          set_array_scan_error (&s, error);
          return FALSE;
        }

      if (result == SCAN_VALUE)
        {
          n_values++;
          if (overlong)
            {
              ar.n_overlong++;
              skip_posting (im, _("element %u of the array (line %u): longer than %u MB, skipped"),
                            n_values, s.value_start.line,
                            CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
              overlong = FALSE;
            }
          else if (!import_array_element (im, &ar, data + (s.value_start.offset - base),
                                          s.pos.offset - s.value_start.offset, &s.value_start,
                                          error))
            return FALSE;

          maybe_report_progress (im);
          continue;
        }

      if (eof)
        break;

      /* Keep the value being read, unless it is too large to keep */
      keep = s.pos.offset;
      if (s.state == ARRAY_IN_VALUE && !overlong)
        {
          if (s.pos.offset - s.value_start.offset > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
            overlong = TRUE;
          else
            keep = s.value_start.offset;
        }
      if (keep > base)
        {
          g_byte_array_remove_range (buf, 0, keep - base);
          n_valid -= keep - base;
          base = keep;
        }

      if (!array_read (im, stream, buf, chunk_size, &n_valid, &eof, error))
        return FALSE;
      /* (what was read: progress never goes back) */
      im->bytes_done = bom + base + buf->len;
      maybe_report_progress (im);
    }

  if (!array_scan_finish (&s))
    {
      set_array_scan_error (&s, error);
      return FALSE;
    }

  im->n_found = ar.n_seen + ar.n_overlong;
  if (im->n_emitted == 0)
    return fail_nothing_found (im, error);

  return TRUE;
}

/* HTML: the JSON-LD blocks of a saved page */

/* "application/ld+json", in any case, parameters ignored */
static gboolean
is_json_ld_type (const char *type)
{
  static const char json_ld[] = "application/ld+json";
  const char *end;

  while (is_space (*type))
    type++;
  end = type + strcspn (type, ";");
  while (end > type && is_space (end[-1]))
    end--;

  return (gsize) (end - type) == strlen (json_ld) &&
         g_ascii_strncasecmp (type, json_ld, strlen (json_ld)) == 0;
}

/* One JSON-LD block: its text (@text, UTF-8 or not) and the line of its
 * <script> tag */
static gboolean
import_json_ld_block (Import      *im,
                      const char  *text,
                      guint        block,
                      long         line,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  guint json_line, json_column;

  if (g_utf8_validate (text, -1, NULL) &&
      find_text_after_value (text, strlen (text), &json_line, &json_column))
    {
      g_autofree char *message = g_strdup_printf (_("Not valid JSON at line %u, column %u: %s"),
                                                  json_line, json_column,
                                                  _("more text after the end of the value"));

      add_problem (im, _("JSON-LD block %u (line %ld): %s"), block, line, message);
      return TRUE;
    }

  records = cg_jsonld_parse (text, -1, warnings, &local_error);

  if (records == NULL)
    {
      if (g_error_matches (local_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID))
        {
          g_autofree char *message = describe_json_error (local_error->message);

          /* Translators: "JSON-LD block 2 (line 40): Not valid JSON at ..." */
          add_problem (im, _("JSON-LD block %u (line %ld): %s"), block, line, message);
        }
      /* else a block about something else (an Organization, a WebSite) */
      return TRUE;
    }

  for (guint i = 0; i < warnings->len; i++)
    skip_posting (im, _("JSON-LD block %u (line %ld): %s"), block, line,
                  (const char *) g_ptr_array_index (warnings, i));
  im->n_found += records->len + warnings->len;

  for (guint i = 0; i < records->len; i++)
    if (!emit (im, g_ptr_array_index (records, i), error))
      return FALSE;

  return TRUE;
}

/* The page is streamed through libxml2's HTML parser with SAX callbacks
 * that keep only the text of JSON-LD <script> elements: no document tree
 * (a tree takes more than 20 times a page of text in memory, and libxml2
 * cuts a tree's text at 10 MB) and no copy of the page. A block larger than
 * CG_IMPORT_MAX_JSON_DOCUMENT_SIZE is skipped with a problem, as a JSON
 * document that large is refused. */
typedef struct _HtmlReader HtmlReader;

/* What to do with a block: its text (NULL when it is longer than
 * CG_IMPORT_MAX_JSON_DOCUMENT_SIZE), its number from 1 and the line of its
 * <script> tag; FALSE with @error stops the reading */
typedef gboolean (*HtmlBlockFunc) (HtmlReader  *r,
                                   const char  *text,
                                   guint        block,
                                   long         line,
                                   GError     **error);

struct _HtmlReader {
  Import            *im;
  HtmlBlockFunc      block_func;
  gpointer           block_data;
  GInputStream      *stream;
  htmlParserCtxtPtr  ctxt;
  GString           *text;      /* of the JSON-LD block being read, or NULL */
  gboolean           overlong;  /* ...which is too long to keep */
  long               line;      /* ...of its <script> tag */
  guint              n_blocks;
  GError            *error;     /* what stopped the reading */
};

static int
html_read (void *data,
           char *buffer,
           int   size)
{
  HtmlReader *r = data;
  gssize n;

  if (r->error != NULL)
    return -1;

  n = g_input_stream_read (r->stream, buffer, size, r->im->cancellable, &r->error);
  if (n < 0)
    return -1;

  r->im->bytes_done += n;
  maybe_report_progress (r->im);
  return (int) n;
}

static void
html_finish_block (HtmlReader *r)
{
  g_autoptr(GString) text = g_steal_pointer (&r->text);

  if (!r->block_func (r, r->overlong ? NULL : text->str, r->n_blocks, r->line, &r->error))
    xmlStopParser (r->ctxt);
  r->overlong = FALSE;
}

static void
html_start_element (void           *ctx,
                    const xmlChar  *name,
                    const xmlChar **attributes)
{
  HtmlReader *r = ((htmlParserCtxtPtr) ctx)->_private;

  if (r->text != NULL || r->error != NULL ||
      g_ascii_strcasecmp ((const char *) name, "script") != 0)
    return;

  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i += 2)
    if (g_ascii_strcasecmp ((const char *) attributes[i], "type") == 0)
      {
        if (attributes[i + 1] != NULL && is_json_ld_type ((const char *) attributes[i + 1]))
          {
            r->text = g_string_new (NULL);
            r->line = xmlSAX2GetLineNumber (ctx);
            r->n_blocks++;
          }
        break;
      }
}

static void
html_characters (void          *ctx,
                 const xmlChar *text,
                 int            length)
{
  HtmlReader *r = ((htmlParserCtxtPtr) ctx)->_private;

  if (r->text == NULL || r->overlong || length <= 0)
    return;

  if (r->text->len + (gsize) length > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
    {
      r->overlong = TRUE;
      g_string_free (r->text, TRUE);
      r->text = g_string_new (NULL);
      return;
    }
  g_string_append_len (r->text, (const char *) text, length);
}

static void
html_end_element (void          *ctx,
                  const xmlChar *name)
{
  HtmlReader *r = ((htmlParserCtxtPtr) ctx)->_private;

  if (r->text != NULL && r->error == NULL && g_ascii_strcasecmp ((const char *) name, "script") == 0)
    html_finish_block (r);
}

/* Whether all of @stream is UTF-8; it is read to its end, then back to
 * its start */
static gboolean
stream_is_utf8 (Import        *im,
                GInputStream  *stream,
                gboolean      *utf8,
                GError       **error)
{
  g_autofree char *buffer = g_malloc (CHUNK_SIZE + 4);
  gsize kept = 0;  /* bytes of a character cut by the last read */

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer + kept, CHUNK_SIZE, im->cancellable, error);
      gssize cut;

      if (n < 0)
        return FALSE;
      cut = utf8_validate_read (buffer, kept + n, n == 0);
      *utf8 = cut >= 0;
      if (n == 0 || cut < 0)
        break;
      memmove (buffer, buffer + kept + n - cut, cut);
      kept = cut;
    }

  return g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, im->cancellable, error);
}

/* Reads the page @stream holds, giving each JSON-LD block to @func */
static gboolean
read_html_blocks (Import         *im,
                  GInputStream   *stream,
                  HtmlBlockFunc   func,
                  gpointer        func_data,
                  GError        **error)
{
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET;
  HtmlReader r = { .im = im, .block_func = func, .block_data = func_data, .stream = stream };
  xmlParserInputBufferPtr buffer;
  xmlParserInputPtr input;
  gboolean utf8;

  if (!stream_is_utf8 (im, stream, &utf8, error))
    return FALSE;

  r.ctxt = htmlNewParserCtxt ();
  if (r.ctxt == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Out of memory"));
      return FALSE;
    }

  /* Only these callbacks: no tree is built */
  memset (r.ctxt->sax, 0, sizeof *r.ctxt->sax);
  r.ctxt->sax->startElement = html_start_element;
  r.ctxt->sax->endElement = html_end_element;
  r.ctxt->sax->characters = html_characters;
  r.ctxt->sax->cdataBlock = html_characters;
  r.ctxt->_private = &r;
  htmlCtxtUseOptions (r.ctxt, options | (utf8 ? HTML_PARSE_IGNORE_ENC : 0));

  /* (as htmlCtxtReadIO() reads, with this context) */
  buffer = xmlParserInputBufferCreateIO (html_read, NULL, &r, XML_CHAR_ENCODING_NONE);
  input = buffer != NULL ? xmlNewIOInputStream (r.ctxt, buffer, XML_CHAR_ENCODING_NONE) : NULL;
  if (input == NULL)
    {
      if (buffer != NULL)
        xmlFreeParserInputBuffer (buffer);
      htmlFreeParserCtxt (r.ctxt);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Out of memory"));
      return FALSE;
    }
  inputPush (r.ctxt, input);

  /* A page that is UTF-8 is read as such whatever its <meta> says (and
   * libxml2 2.9 would read a page that says nothing as Latin-1); other
   * pages are decoded as their <meta> says. */
  if (utf8)
    xmlSwitchEncoding (r.ctxt, XML_CHAR_ENCODING_UTF8);

  im->bytes_done = 0;
  htmlParseDocument (r.ctxt);
  /* (a block the page does not close) */
  if (r.text != NULL && r.error == NULL)
    html_finish_block (&r);

  if (r.ctxt->myDoc != NULL)
    xmlFreeDoc (r.ctxt->myDoc);
  htmlFreeParserCtxt (r.ctxt);
  if (r.text != NULL)
    g_string_free (r.text, TRUE);

  if (r.error != NULL)
    {
      g_propagate_error (error, r.error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
import_html_block (HtmlReader  *r,
                   const char  *text,
                   guint        block,
                   long         line,
                   GError     **error)
{
  if (text == NULL)
    {
      add_problem (r->im, _("JSON-LD block %u (line %ld): longer than %u MB, skipped"),
                   block, line, CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
      return TRUE;
    }

  return import_json_ld_block (r->im, text, block, line, error);
}

static gboolean
import_html (Import        *im,
             GInputStream  *stream,
             GError       **error)
{
  if (!read_html_blocks (im, stream, import_html_block, NULL, error))
    return FALSE;

  im->bytes_done = im->bytes_total;
  if (im->n_emitted == 0)
    return fail_nothing_found (im, error);

  return TRUE;
}

static gboolean
collect_html_block (HtmlReader  *r,
                    const char  *text,
                    guint        block,
                    long         line,
                    GError     **error)
{
  g_ptr_array_add (r->block_data, g_strdup_printf ("%ld:%s", line, text ? text : "(too long)"));
  return TRUE;
}

GPtrArray *
cg_job_import_html_blocks (const char *data,
                           gsize       length)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);
  g_autoptr(GPtrArray) blocks = g_ptr_array_new_with_free_func (g_free);
  g_auto(CgImportReport) report = { 0 };
  Import im;

  import_init (&im, "", NULL, NULL, &report);
  im.bytes_total = length;
  if (!read_html_blocks (&im, stream, collect_html_block, blocks, NULL))
    return NULL;
  return g_steal_pointer (&blocks);
}

gboolean
cg_job_import_is_json_ld_type (const char *type)
{
  return is_json_ld_type (type);
}

/* CSV */

typedef enum {
  COL_TITLE,
  COL_COMPANY,
  COL_LOCATION,
  COL_REGION,
  COL_SALARY,
  COL_SALARY_MIN,
  COL_SALARY_MAX,
  COL_PAY_PERIOD,
  COL_CURRENCY,
  COL_URL,
  COL_POSTED,
  COL_EXPIRES,
  COL_DESCRIPTION,
  COL_TYPE,
  COL_REMOTE,
  COL_CATEGORY,
  COL_IDENTIFIER,
  N_COLS
} Column;

/* Header names, lower case without spaces, "_", "-" or "."; for each
 * column, the earlier names win ("title" over "name"). */
static const struct {
  const char *name;
  Column      column;
} csv_headers[] = {
  { "title", COL_TITLE }, { "jobtitle", COL_TITLE }, { "position", COL_TITLE },
  { "positiontitle", COL_TITLE }, { "jobposition", COL_TITLE }, { "jobname", COL_TITLE },
  { "role", COL_TITLE }, { "name", COL_TITLE }, { "job", COL_TITLE },

  { "company", COL_COMPANY }, { "companyname", COL_COMPANY }, { "employer", COL_COMPANY },
  { "employername", COL_COMPANY }, { "organization", COL_COMPANY },
  { "organisation", COL_COMPANY }, { "hiringorganization", COL_COMPANY },
  { "hiringorganisation", COL_COMPANY }, { "hiringcompany", COL_COMPANY },

  { "location", COL_LOCATION }, { "joblocation", COL_LOCATION }, { "locations", COL_LOCATION },
  { "worklocation", COL_LOCATION }, { "city", COL_LOCATION }, { "place", COL_LOCATION },

  { "state", COL_REGION }, { "region", COL_REGION }, { "province", COL_REGION },

  { "salary", COL_SALARY }, { "pay", COL_SALARY }, { "salaryestimate", COL_SALARY },
  { "compensation", COL_SALARY }, { "salaryrange", COL_SALARY }, { "payrange", COL_SALARY },
  { "wage", COL_SALARY }, { "wages", COL_SALARY },

  { "minsalary", COL_SALARY_MIN }, { "salarymin", COL_SALARY_MIN },
  { "minimumsalary", COL_SALARY_MIN }, { "minpay", COL_SALARY_MIN },
  { "paymin", COL_SALARY_MIN }, { "salaryfrom", COL_SALARY_MIN }, { "minamount", COL_SALARY_MIN },

  { "maxsalary", COL_SALARY_MAX }, { "salarymax", COL_SALARY_MAX },
  { "maximumsalary", COL_SALARY_MAX }, { "maxpay", COL_SALARY_MAX },
  { "paymax", COL_SALARY_MAX }, { "salaryto", COL_SALARY_MAX }, { "maxamount", COL_SALARY_MAX },

  { "payperiod", COL_PAY_PERIOD }, { "salaryperiod", COL_PAY_PERIOD },
  { "salaryunit", COL_PAY_PERIOD }, { "payunit", COL_PAY_PERIOD },
  { "interval", COL_PAY_PERIOD }, { "unittext", COL_PAY_PERIOD },

  { "currency", COL_CURRENCY }, { "salarycurrency", COL_CURRENCY }, { "paycurrency", COL_CURRENCY },

  { "url", COL_URL }, { "link", COL_URL }, { "joburl", COL_URL }, { "joblink", COL_URL },
  { "applyurl", COL_URL }, { "applicationurl", COL_URL }, { "jobpostingurl", COL_URL },
  { "postingurl", COL_URL }, { "href", COL_URL },

  { "posted", COL_POSTED }, { "date", COL_POSTED }, { "dateposted", COL_POSTED },
  { "posteddate", COL_POSTED }, { "postingdate", COL_POSTED }, { "postedat", COL_POSTED },
  { "datepublished", COL_POSTED }, { "published", COL_POSTED }, { "created", COL_POSTED },
  { "createdat", COL_POSTED }, { "listedtime", COL_POSTED },

  { "validthrough", COL_EXPIRES }, { "expires", COL_EXPIRES }, { "expiry", COL_EXPIRES },
  { "expirationdate", COL_EXPIRES }, { "closingdate", COL_EXPIRES }, { "deadline", COL_EXPIRES },
  { "applicationdeadline", COL_EXPIRES }, { "validuntil", COL_EXPIRES },

  { "description", COL_DESCRIPTION }, { "jobdescription", COL_DESCRIPTION },
  { "summary", COL_DESCRIPTION }, { "details", COL_DESCRIPTION },
  { "jobsummary", COL_DESCRIPTION }, { "jobdetails", COL_DESCRIPTION },

  { "type", COL_TYPE }, { "employmenttype", COL_TYPE }, { "jobtype", COL_TYPE },
  { "contracttype", COL_TYPE }, { "worktype", COL_TYPE }, { "formattedworktype", COL_TYPE },

  { "remote", COL_REMOTE }, { "workarrangement", COL_REMOTE }, { "arrangement", COL_REMOTE },
  { "workplacetype", COL_REMOTE }, { "locationtype", COL_REMOTE }, { "joblocationtype", COL_REMOTE },
  { "isremote", COL_REMOTE }, { "remoteallowed", COL_REMOTE }, { "workmodel", COL_REMOTE },
  { "worksetting", COL_REMOTE },

  { "category", COL_CATEGORY }, { "jobcategory", COL_CATEGORY },
  { "occupationalcategory", COL_CATEGORY }, { "jobfunction", COL_CATEGORY },

  { "jobid", COL_IDENTIFIER }, { "postingid", COL_IDENTIFIER }, { "requisitionid", COL_IDENTIFIER },
  { "reqid", COL_IDENTIFIER }, { "identifier", COL_IDENTIFIER }, { "jobreference", COL_IDENTIFIER },
};

typedef struct {
  Import            *im;
  struct csv_parser  parser;

  GString           *cells;       /* the row's cells, each NUL-terminated */
  GArray            *offsets;     /* of gsize: where each cell starts in cells */
  guint              n_cells;     /* cells in the row, also those not kept */
  gboolean           invalid;     /* a cell of the row is not UTF-8 */

  gboolean           have_header;
  int                columns[N_COLS];
  guint              priorities[N_COLS];
  guint              n_wanted;    /* cells kept of each row */

  guint              line;        /* the line being read */
  guint              row_line;    /* the line the row started on */
  gboolean           at_row_start;
  gsize              row_bytes;

  GPtrArray         *locations;   /* of char *, into cells (or extra) */
  GString           *extra;       /* "City, ST" made from two columns */
  GString           *description; /* the row's description, as Markdown */
  char               region[8];
  char               posted[11];
  char               expires[11];

  GError            *error;       /* stops the reader */
} Csv;

/* Lower case ASCII without spaces, "_", "-", "." (into @out, of @size) */
static gboolean
normalise_header (const char *text,
                  char       *out,
                  gsize       size)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_space (*p) || *p == '_' || *p == '-' || *p == '.')
        continue;
      if (n + 1 >= size)
        return FALSE;
      out[n++] = g_ascii_tolower (*p);
    }
  out[n] = '\0';
  return n > 0;
}

static void
csv_read_header (Csv *csv)
{
  gboolean blank = TRUE;

  for (guint i = 0; i < csv->offsets->len && blank; i++)
    if (csv->cells->str[g_array_index (csv->offsets, gsize, i)] != '\0')
      blank = FALSE;
  if (blank)
    return;

  if (csv->invalid)
    {
      g_set_error_literal (&csv->error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                           _("The first line (the column names) is not UTF-8 text"));
      return;
    }

  for (guint i = 0; i < N_COLS; i++)
    {
      csv->columns[i] = -1;
      csv->priorities[i] = G_MAXUINT;
    }

  for (guint i = 0; i < csv->offsets->len; i++)
    {
      char name[64];

      if (!normalise_header (csv->cells->str + g_array_index (csv->offsets, gsize, i),
                             name, sizeof name))
        continue;

      for (guint h = 0; h < G_N_ELEMENTS (csv_headers); h++)
        {
          Column column = csv_headers[h].column;

          if (strcmp (name, csv_headers[h].name) == 0 && h < csv->priorities[column])
            {
              csv->columns[column] = (int) i;
              csv->priorities[column] = h;
            }
        }
    }

  if (csv->columns[COL_TITLE] < 0)
    {
      g_set_error_literal (&csv->error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_TITLE_COLUMN,
                           _("No title column (expected one of: title, position, job title)"));
      return;
    }

  csv->n_wanted = 0;
  for (guint i = 0; i < N_COLS; i++)
    if (csv->columns[i] >= 0)
      csv->n_wanted = MAX (csv->n_wanted, (guint) csv->columns[i] + 1);

  csv->have_header = TRUE;
}

static gboolean
is_missing (const char *text)
{
  static const char * const missing[] = { "-1", "-", "n/a", "na", "null", "none", "nan", "nil" };

  if (*text == '\0')
    return TRUE;
  if (strlen (text) > 4)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (g_ascii_strcasecmp (text, missing[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The row's cell for @column, without surrounding white space; NULL when
 * there is no such column or the cell is missing ("", "-1", "N/A", ...) */
static char *
csv_cell (Csv    *csv,
          Column  column)
{
  int i = csv->columns[column];
  char *text;

  if (i < 0 || (guint) i >= csv->offsets->len)
    return NULL;

  text = g_strstrip (csv->cells->str + g_array_index (csv->offsets, gsize, i));
  return is_missing (text) ? NULL : text;
}

static gboolean
parse_digits (const char *p,
              guint       n,
              int        *out)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      value = value * 10 + (p[i] - '0');
    }

  *out = value;
  return TRUE;
}

/* YYYY-MM-DD (also the start of an ISO date-time), MM/DD/YYYY, or a Unix
 * time in seconds or milliseconds, to YYYY-MM-DD; FALSE for anything else */
static gboolean
parse_date (const char *text,
            char        out[11])
{
  static const char digits[] = "0123456789";
  int y = 0, m = 0, d = 0;
  gsize length = strlen (text);
  gsize n_digits = strspn (text, digits);

  if (n_digits == 4 && text[4] == '-' && parse_digits (text, 4, &y) &&
      parse_digits (text + 5, 2, &m) && text[7] == '-' && parse_digits (text + 8, 2, &d) &&
      (text[10] == '\0' || text[10] == 'T' || text[10] == 't' || text[10] == ' '))
    ;
  else if (n_digits == length && (length == 10 || length == 13))
    {
      /* 1714521600 or 1714521600000 */
      g_autoptr(GDateTime) datetime = NULL;
      gint64 seconds = g_ascii_strtoll (text, NULL, 10);

      if (length == 13)
        seconds /= 1000;
      datetime = g_date_time_new_from_unix_utc (seconds);
      if (datetime == NULL)
        return FALSE;
      g_date_time_get_ymd (datetime, &y, &m, &d);
    }
  else if (n_digits >= 1 && n_digits <= 2 && text[n_digits] == '/')
    {
      /* M/D/YYYY or MM/DD/YYYY, maybe followed by a time */
      const char *day = text + n_digits + 1;
      gsize n_day = strspn (day, digits);
      const char *year = day + n_day + 1;

      if (n_day < 1 || n_day > 2 || day[n_day] != '/' || strspn (year, digits) != 4 ||
          (year[4] != '\0' && year[4] != ' '))
        return FALSE;
      parse_digits (text, n_digits, &m);
      parse_digits (day, n_day, &d);
      parse_digits (year, 4, &y);
    }
  else
    return FALSE;

  if (y < 1900 || y > 2999 || !g_date_valid_dmy (d, m, y))
    return FALSE;

  g_snprintf (out, 11, "%04d-%02d-%02d", y, m, d);
  return TRUE;
}

/* remote/yes/true/1: remote; hybrid; on-site, in person, no, false, 0: onsite */
static const char *
arrangement_from_text (const char *text)
{
  static const char * const remote[] = {
    "remote", "fullyremote", "fullremote", "remoteonly", "100%remote", "telecommute",
    "workfromhome", "wfh", "yes", "y", "true", "t", "1", "10",
  };
  static const char * const onsite[] = {
    "onsite", "inperson", "office", "inoffice", "physical", "no", "n", "false", "f", "0", "00",
  };
  char word[32];
  gsize n = 0;

  if (text == NULL)
    return NULL;

  /* "On-site" and "on site" as "onsite"; "1.0" as "10" */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (is_space (*p) || *p == '-' || *p == '_' || *p == '.')
        continue;
      if (n + 1 >= sizeof word)
        break;
      word[n++] = g_ascii_tolower (*p);
    }
  word[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    if (strcmp (word, remote[i]) == 0)
      return "remote";
  for (guint i = 0; i < G_N_ELEMENTS (onsite); i++)
    if (strcmp (word, onsite[i]) == 0)
      return "onsite";

  if (strstr (word, "hybrid") != NULL)
    return "hybrid";
  if (strstr (word, "remote") != NULL)
    return "remote";
  if (strstr (word, "onsite") != NULL || strstr (word, "office") != NULL)
    return "onsite";

  return NULL;
}

/* What a location says about the arrangement: "Remote" (no place),
 * "Remote in Tampa, FL", "Hybrid remote in Tampa, FL" (a place). Moves
 * *text past the words it read; NULL *text when no place is left. */
static const char *
arrangement_from_location (char **text)
{
  static const char * const remote[] = {
    "remote", "anywhere", "work from home", "remote only", "fully remote", "telecommute",
  };
  static const struct {
    const char *prefix;
    const char *arrangement;
  } prefixes[] = {
    { "remote in ", "remote" }, { "hybrid remote in ", "hybrid" }, { "hybrid in ", "hybrid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    if (g_ascii_strcasecmp (*text, remote[i]) == 0)
      {
        *text = NULL;
        return "remote";
      }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i].prefix);

      if (g_ascii_strncasecmp (*text, prefixes[i].prefix, n) == 0)
        {
          *text = g_strchug (*text + n);
          if (**text == '\0')
            *text = NULL;
          return prefixes[i].arrangement;
        }
    }

  return NULL;
}

/* Cuts " (+1 more location)" from the end of @text */
static void
strip_more_locations (char *text)
{
  char *open = strrchr (text, '(');
  gsize length = strlen (text);

  if (open != NULL && open[1] == '+' && g_ascii_isdigit (open[2]) && text[length - 1] == ')' &&
      strstr (open, "more") != NULL)
    {
      *open = '\0';
      g_strchomp (text);
    }
}

/* "Miami, FL" and "Austin, TX 78701": the state */
static void
region_from_location (const char *location,
                      char        region[8])
{
  const char *comma = strrchr (location, ',');
  const char *p;

  region[0] = '\0';
  if (comma == NULL)
    return;

  p = comma + 1;
  while (*p == ' ')
    p++;
  if (g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) &&
      (p[2] == '\0' || (p[2] == ' ' && g_ascii_isdigit (p[3]))))
    {
      region[0] = p[0];
      region[1] = p[1];
      region[2] = '\0';
    }
}

/* Splits the location cell on ";", "|" and newlines, in place; returns the
 * arrangement it states, if any */
static const char *
csv_read_locations (Csv         *csv,
                    char        *cell,
                    const char  *region_cell)
{
  const char *arrangement = NULL;
  char *p = cell;

  while (p != NULL)
    {
      char *sep = strpbrk (p, ";|\n");
      char *piece = p;
      const char *says;

      if (sep != NULL)
        {
          *sep = '\0';
          p = sep + 1;
        }
      else
        p = NULL;

      piece = g_strstrip (piece);
      strip_more_locations (piece);
      if (is_missing (piece))
        continue;

      says = arrangement_from_location (&piece);
      if (says != NULL && arrangement == NULL)
        arrangement = says;
      if (piece != NULL)
        g_ptr_array_add (csv->locations, piece);
    }

  /* A city in one column and its state in another */
  if (region_cell != NULL && strlen (region_cell) < sizeof csv->region)
    {
      if (csv->locations->len == 1 && strchr (g_ptr_array_index (csv->locations, 0), ',') == NULL)
        {
          g_string_printf (csv->extra, "%s, %s",
                           (const char *) g_ptr_array_index (csv->locations, 0), region_cell);
          g_ptr_array_index (csv->locations, 0) = csv->extra->str;
        }
      g_strlcpy (csv->region, region_cell, sizeof csv->region);
    }
  else if (csv->locations->len > 0)
    region_from_location (g_ptr_array_index (csv->locations, 0), csv->region);

  return arrangement;
}

/* Glassdoor writes "Acme\n3.9" (the name, then the rating): the first line */
static char *
company_from_cell (char *cell)
{
  char *nl;

  if (cell == NULL)
    return NULL;

  nl = strchr (cell, '\n');
  if (nl != NULL)
    {
      *nl = '\0';
      g_strchomp (cell);
    }

  return is_missing (cell) ? NULL : cell;
}

static gboolean
is_http_url (const char *text)
{
  return g_ascii_strncasecmp (text, "https://", 8) == 0 ||
         g_ascii_strncasecmp (text, "http://", 7) == 0;
}

/* Plain text to Markdown, fast
 *
 * Descriptions in CSV exports are mostly plain text, and parsing each one
 * as HTML is most of the cost of an import. Text that libxml2 would pass
 * through unchanged (no "<", no "&", no control characters but tab and
 * newlines, no U+FFFE/U+FFFF) is written here with the very rules that
 * cg_html_to_markdown() applies to plain text (its writer, reduced to a page
 * without containers or inline marks): white space collapses, one newline
 * is a hard line break and more a new paragraph, lines starting with "•",
 * "- " or "* " become list items, and Markdown syntax is escaped. The fuzz
 * target fuzz-csv-import checks that both give the same text. */

typedef struct {
  GString  *out;
  guint     pending_nl;
  gboolean  pending_hard;
  gboolean  pending_space;
  gboolean  at_line_start;
  gboolean  has_content;
  gboolean  line_start_escape;
  gboolean  leading_digits;
  gboolean  pending_bullet;
} Plain;

static gboolean
is_plain_text (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (*p == '<' || *p == '&' || *p == 0x7f ||
          (*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r'))
        return FALSE;
      /* U+FFFE, U+FFFF: not characters to libxml2 */
      if (*p == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf))
        return FALSE;
    }

  return TRUE;
}

static gboolean
plain_line_is_empty (const Plain *pl)
{
  return pl->pending_nl > 0 || pl->at_line_start;
}

/* No white space at the end of a line */
static void
plain_trim_line (Plain *pl)
{
  GString *out = pl->out;

  while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
    out->len--;
  out->str[out->len] = '\0';
}

static void
plain_begin_text (Plain *pl)
{
  if (pl->pending_nl > 0 && pl->has_content)
    {
      if (pl->pending_nl == 1 && pl->pending_hard)
        g_string_append_c (pl->out, '\\');
      plain_trim_line (pl);
      g_string_append_c (pl->out, '\n');
      if (pl->pending_nl >= 2)
        g_string_append_c (pl->out, '\n');
      pl->at_line_start = TRUE;
    }
  pl->pending_nl = 0;
  pl->pending_hard = FALSE;

  if (pl->at_line_start)
    {
      pl->at_line_start = FALSE;
      pl->line_start_escape = TRUE;
      pl->leading_digits = FALSE;
      pl->pending_space = FALSE;
    }

  if (pl->pending_bullet)
    {
      g_string_append_len (pl->out, "- ", 2);
      pl->line_start_escape = TRUE;
      pl->pending_bullet = FALSE;
    }
  else if (pl->pending_space)
    g_string_append_c (pl->out, ' ');
  pl->pending_space = FALSE;
  pl->has_content = TRUE;
}

static void
plain_char (Plain    *pl,
            gunichar  c,
            gunichar  next)
{
  gboolean escape;

  plain_begin_text (pl);

  escape = cg_md_needs_escape (c, next, pl->line_start_escape, pl->leading_digits);

  pl->leading_digits = c < 0x80 && g_ascii_isdigit ((char) c) &&
                       (pl->line_start_escape || pl->leading_digits);
  pl->line_start_escape = FALSE;

  if (escape)
    g_string_append_c (pl->out, '\\');
  if (c < 0x80)
    g_string_append_c (pl->out, (char) c);
  else
    g_string_append_unichar (pl->out, c);
}

static void
plain_break (Plain *pl,
             guint  n)
{
  if (pl->has_content)
    pl->pending_nl = n;
  pl->pending_hard = FALSE;
  pl->pending_space = FALSE;
  pl->pending_bullet = FALSE;
}

static void
plain_line_break (Plain *pl)
{
  pl->pending_bullet = FALSE;

  if (pl->pending_nl == 1)
    plain_break (pl, MAX (pl->pending_nl, 2));
  else if (!plain_line_is_empty (pl))
    {
      pl->pending_nl = 1;
      pl->pending_hard = TRUE;
      pl->pending_space = FALSE;
    }
}

/* Writes @text into @out as cg_html_to_markdown() would; FALSE (and @out
 * untouched) when @text is not plain text */
static gboolean
plain_text_to_markdown (const char *text,
                        GString    *out)
{
  Plain pl = { out, 0, FALSE, FALSE, TRUE, FALSE, FALSE, FALSE, FALSE };
  const char *p = text;

  if (!is_plain_text (text))
    return FALSE;

  g_string_truncate (out, 0);

  while (*p != '\0')
    {
      gunichar c;
      const char *next;

      /* The middle of a line: words and single spaces are written as
       * they are, a run at a time */
      if (pl.has_content && pl.pending_nl == 0 && !pl.at_line_start && !pl.pending_space &&
          !pl.pending_bullet && !pl.line_start_escape && !pl.leading_digits &&
          cg_md_is_plain_byte ((guchar) *p))
        {
          const char *q = p + 1;

          while (cg_md_is_plain_byte ((guchar) *q) ||
                 (*q == ' ' && cg_md_is_plain_byte ((guchar) q[1])))
            q++;
          g_string_append_len (out, p, q - p);
          p = q;
          continue;
        }

      c = (guchar) *p < 0x80 ? (gunichar) *p : g_utf8_get_char (p);
      next = (guchar) *p < 0x80 ? p + 1 : g_utf8_next_char (p);

      if (c == '\n' || c == '\r')
        {
          guint newlines = 0;
          const char *q = p;

          /* A run of white space: one newline is a line break, more a paragraph */
          while (*q != '\0' && cg_md_is_collapsible_space (g_utf8_get_char (q)))
            {
              if (*q == '\n' || (*q == '\r' && q[1] != '\n'))
                newlines++;
              q = g_utf8_next_char (q);
            }

          if (newlines >= 2)
            plain_break (&pl, MAX (pl.pending_nl, 2));
          else
            plain_line_break (&pl);
          p = q;
          continue;
        }

      if (cg_md_is_collapsible_space (c))
        {
          if (!plain_line_is_empty (&pl))
            pl.pending_space = TRUE;
        }
      else if (cg_md_is_dropped_char (c))
        ;
      else
        {
          gsize bullet;

          if (plain_line_is_empty (&pl) && !pl.pending_bullet && (bullet = cg_md_bullet_at (p)) > 0)
            {
              pl.pending_hard = FALSE;
              pl.pending_space = FALSE;
              pl.pending_bullet = TRUE;
              p += bullet;
              continue;
            }

          plain_char (&pl, c, *next == '\0' ? 0 : g_utf8_get_char (next));
        }

      p = next;
    }

  /* As cg_html_to_markdown() ends: no white space at line ends, no
   * newlines at the end */
  plain_trim_line (&pl);
  while (out->len > 0 && out->str[out->len - 1] == '\n')
    g_string_truncate (out, out->len - 1);

  return TRUE;
}

/* For the tests and the fuzz targets */
char *
cg_job_import_plain_text_to_markdown (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!plain_text_to_markdown (text, out))
    return NULL;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
csv_read_pay (Csv         *csv,
              CgJobRecord *record)
{
  const char *salary = csv_cell (csv, COL_SALARY);
  const char *min = csv_cell (csv, COL_SALARY_MIN);
  const char *max = csv_cell (csv, COL_SALARY_MAX);
  const char *period = csv_cell (csv, COL_PAY_PERIOD);
  const char *currency = csv_cell (csv, COL_CURRENCY);
  CgPayUnit unit = period ? cg_pay_unit_from_string (period) : CG_PAY_UNIT_UNKNOWN;
  char range[128];

  if (currency != NULL && strlen (currency) != 3)
    currency = NULL;

  if (salary != NULL && cg_pay_parse (salary, unit, currency, &record->pay))
    return TRUE;

  if (min == NULL && max == NULL)
    return FALSE;
  if ((min != NULL && strlen (min) > 40) || (max != NULL && strlen (max) > 40))
    return FALSE;

  /* Two columns: say it as a posting would */
  if (min != NULL && max != NULL)
    g_snprintf (range, sizeof range, "%s - %s", min, max);
  else if (min != NULL)
    g_snprintf (range, sizeof range, "From %s", min);
  else
    g_snprintf (range, sizeof range, "Up to %s", max);

  return cg_pay_parse (range, unit, currency, &record->pay);
}

static void
csv_read_row (Csv *csv)
{
  Import *im = csv->im;
  CgJobRecord record = { 0 };
  g_autofree char *description = NULL;
  const char *url, *date, *type;
  const char *location_arrangement = NULL;
  char *text;

  /* A row of empty cells (",,,,") is a blank line */
  {
    gboolean blank = TRUE;

    for (guint i = 0; i < csv->offsets->len && blank; i++)
      {
        const char *cell = csv->cells->str + g_array_index (csv->offsets, gsize, i);

        while (is_space (*cell))
          cell++;
        blank = *cell == '\0';
      }
    if (blank)
      return;
  }

  im->n_found++;

  if (csv->invalid)
    {
      skip_posting (im, _("line %u: not valid UTF-8 text"), csv->row_line);
      return;
    }

  record.title = csv_cell (csv, COL_TITLE);
  if (record.title == NULL)
    {
      skip_posting (im, _("line %u: no title"), csv->row_line);
      return;
    }

  record.company = company_from_cell (csv_cell (csv, COL_COMPANY));
  record.identifier = csv_cell (csv, COL_IDENTIFIER);
  record.category = csv_cell (csv, COL_CATEGORY);

  text = csv_cell (csv, COL_LOCATION);
  g_ptr_array_set_size (csv->locations, 0);
  csv->region[0] = '\0';
  if (text != NULL)
    location_arrangement = csv_read_locations (csv, text, csv_cell (csv, COL_REGION));
  else if ((text = csv_cell (csv, COL_REGION)) != NULL && strlen (text) < sizeof csv->region)
    g_strlcpy (csv->region, text, sizeof csv->region);
  record.locations = csv->locations;
  record.region = csv->region[0] ? csv->region : NULL;

  record.arrangement = (char *) arrangement_from_text (csv_cell (csv, COL_REMOTE));
  if (record.arrangement == NULL)
    record.arrangement = (char *) location_arrangement;

  type = csv_cell (csv, COL_TYPE);
  record.employment_type = (char *) cg_employment_type_normalise (type);

  record.has_pay = csv_read_pay (csv, &record);

  date = csv_cell (csv, COL_POSTED);
  if (date != NULL && parse_date (date, csv->posted))
    record.date_posted = csv->posted;
  date = csv_cell (csv, COL_EXPIRES);
  if (date != NULL && parse_date (date, csv->expires))
    record.valid_through = csv->expires;

  url = csv_cell (csv, COL_URL);
  if (url != NULL && is_http_url (url))
    record.url = (char *) url;

  text = csv_cell (csv, COL_DESCRIPTION);
  if (text != NULL && plain_text_to_markdown (text, csv->description))
    record.description = csv->description->str[0] ? csv->description->str : NULL;
  else if (text != NULL)
    {
      description = cg_html_to_markdown (text, -1);
      if (*description != '\0')
        record.description = description;
    }

  cg_job_record_compute_key (&record);
  if (!emit (im, &record, &csv->error) && csv->error == NULL)
    csv->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The import stopped");
  g_free (record.key);
}

static void
csv_cell_cb (void   *data,
             size_t  length,
             void   *user_data)
{
  Csv *csv = user_data;
  gsize offset = csv->cells->len;

  if (csv->error != NULL)
    return;

  /* Only the cells that are read are kept */
  csv->n_cells++;
  if (csv->have_header ? csv->n_cells > csv->n_wanted : csv->n_cells > MAX_CSV_COLUMNS)
    return;

  if (length > 0 && !g_utf8_validate_len (data, length, NULL))
    csv->invalid = TRUE;

  g_string_append_len (csv->cells, data, length);
  g_string_append_c (csv->cells, '\0');
  g_array_append_val (csv->offsets, offset);
}

static void
csv_row_cb (int   terminator,
            void *user_data)
{
  Csv *csv = user_data;

  if (csv->error == NULL)
    {
      if (csv->have_header)
        csv_read_row (csv);
      else
        csv_read_header (csv);
    }

  g_string_truncate (csv->cells, 0);
  g_array_set_size (csv->offsets, 0);
  csv->n_cells = 0;
  csv->invalid = FALSE;
  csv->at_row_start = TRUE;
  csv->row_bytes = 0;
}

/* The delimiter: the most frequent of ",", ";" and tab on the first line */
static unsigned char
guess_delimiter (const char *data,
                 gsize       length)
{
  const char *nl = memchr (data, '\n', length);
  const char *end = nl ? nl : data + length;
  guint commas = 0, semicolons = 0, tabs = 0;

  for (const char *p = data; p < end; p++)
    {
      if (*p == ',')
        commas++;
      else if (*p == ';')
        semicolons++;
      else if (*p == '\t')
        tabs++;
    }

  if (tabs > commas && tabs > semicolons)
    return '\t';
  if (semicolons > commas)
    return ';';
  return ',';
}

static gboolean
is_blank_line (const char *piece,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (piece[i] != '\n' && piece[i] != '\r')
      return FALSE;

  return TRUE;
}

static gboolean
import_csv (Import        *im,
            GInputStream  *stream,
            GError       **error)
{
  Csv csv;
  Reader r;
  const char *piece;
  gsize n;
  gboolean starts, ends;
  gboolean ok = TRUE;
  int rc;

  memset (&csv, 0, sizeof csv);
  csv.im = im;
  csv.cells = g_string_sized_new (4096);
  csv.offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  csv.locations = g_ptr_array_new ();
  csv.extra = g_string_new (NULL);
  csv.description = g_string_sized_new (4096);
  csv.at_row_start = TRUE;

  /* Tolerant: stray quotes in a cell are kept as they are */
  if (csv_init (&csv.parser, 0) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot start the CSV parser"));
      g_string_free (csv.cells, TRUE);
      g_array_unref (csv.offsets);
      g_ptr_array_unref (csv.locations);
      g_string_free (csv.extra, TRUE);
      g_string_free (csv.description, TRUE);
      return FALSE;
    }
  /* libcsv grows its field buffer by this much at a time: its default of
   * 128 bytes makes a long cell (a description, or an unclosed quote
   * running to the end of the file) cost a copy per 128 bytes */
  csv_set_blk_size (&csv.parser, 64 * 1024);

  reader_init (&r, stream, im->cancellable);

  while ((rc = reader_next (&r, &piece, &n, &starts, &ends, error)) > 0)
    {
      if (csv.line == 0)
        csv_set_delim (&csv.parser, guess_delimiter (piece, n));

      if (starts)
        csv.line++;
      if (csv.at_row_start && starts && !is_blank_line (piece, n))
        {
          csv.row_line = csv.line;
          csv.at_row_start = FALSE;
        }

      csv.row_bytes += n;
      if (!csv.at_row_start && csv.row_bytes > CG_IMPORT_MAX_RECORD_SIZE)
        {
          g_set_error (&csv.error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                       _("line %u: a row is longer than %u MB (is a quote not closed?)"),
                       csv.row_line, CG_IMPORT_MAX_RECORD_SIZE / (1024 * 1024));
          break;
        }

      if (csv_parse (&csv.parser, piece, n, csv_cell_cb, csv_row_cb, &csv) != n && csv.error == NULL)
        g_set_error (&csv.error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                     _("line %u: %s"), csv.line, csv_strerror (csv_error (&csv.parser)));
      if (csv.error != NULL)
        break;

      im->bytes_done = r.offset;
      maybe_report_progress (im);
    }

  if (rc < 0)
    ok = FALSE;
  else if (csv.error == NULL)
    csv_fini (&csv.parser, csv_cell_cb, csv_row_cb, &csv);

  csv_free (&csv.parser);
  reader_clear (&r);
  g_string_free (csv.cells, TRUE);
  g_array_unref (csv.offsets);
  g_ptr_array_unref (csv.locations);
  g_string_free (csv.extra, TRUE);
  g_string_free (csv.description, TRUE);

  if (ok && csv.error != NULL)
    {
      g_propagate_error (error, csv.error);
      ok = FALSE;
    }
  else
    g_clear_error (&csv.error);

  if (!ok)
    return FALSE;

  im->bytes_done = r.offset;
  if (!csv.have_header)
    return fail_nothing_found (im, error);
  if (im->n_emitted == 0)
    return fail_nothing_found (im, error);

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
      if (extensions[i].format == CG_IMPORT_FORMAT_JSON && looks_like_json_lines (first_bytes, n))
        return CG_IMPORT_FORMAT_JSON_LINES;
      return extensions[i].format;
    }

  p = n > 0 ? skip_bom_and_space (first_bytes, first_bytes + n) : NULL;
  if (p == NULL || p == first_bytes + n)
    return CG_IMPORT_FORMAT_CSV;
  if (*p == '{' || *p == '[')
    return looks_like_json_lines (first_bytes, n) ? CG_IMPORT_FORMAT_JSON_LINES : CG_IMPORT_FORMAT_JSON;
  if (*p == '<')
    return CG_IMPORT_FORMAT_HTML;
  return CG_IMPORT_FORMAT_CSV;
}

/* Runs the reader for @format on @stream (CSV, JSON Lines, HTML, and JSON
 * when @data is NULL: a top-level array) or on @data (a whole JSON
 * document) */
static gboolean
import_dispatch (Import          *im,
                 CgImportFormat   format,
                 GInputStream    *stream,
                 const char      *data,
                 gsize            length,
                 GError         **error)
{
  im->report->format = format;
  report_progress (im);

  switch (format)
    {
    case CG_IMPORT_FORMAT_JSON:
      /* A top-level array, which cg_job_import_file() does not read whole */
      if (data == NULL)
        return import_json_array (im, stream, CHUNK_SIZE, error);
      /* JSON Lines saved as .json (json-glib would read the first line only) */
      if (looks_like_json_lines (data, length))
        {
          g_autoptr(GInputStream) lines = g_memory_input_stream_new_from_data (data, length, NULL);

          im->report->format = CG_IMPORT_FORMAT_JSON_LINES;
          return import_json_lines (im, lines, error);
        }
      if (json_starts_array (data, length))
        return import_json_array (im, stream, ARRAY_BUFFER_CHUNK_SIZE, error);
      return import_json (im, data, length, error);
    case CG_IMPORT_FORMAT_HTML:
      return import_html (im, stream, error);
    case CG_IMPORT_FORMAT_JSON_LINES:
      return import_json_lines (im, stream, error);
    case CG_IMPORT_FORMAT_CSV:
    case CG_IMPORT_FORMAT_AUTO:
    default:
      return import_csv (im, stream, error);
    }
}

/* Buffers (the fuzz targets) */

static gboolean
import_buffer (CgImportFormat       format,
               const char          *data,
               gsize                length,
               const char          *name,
               CgImportRecordFunc   func,
               gpointer             user_data,
               CgImportReport      *report,
               GError             **error)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, length, NULL);
  Import im;
  gboolean ok;

  import_init (&im, name ? name : "", func, user_data, report);
  im.bytes_total = length;

  ok = check_start (&im, data, MIN (length, CHUNK_SIZE), length <= CHUNK_SIZE, error) &&
       import_dispatch (&im, format, stream, data, length, error);
  import_finish_report (&im);
  return ok;
}

gboolean
cg_job_import_csv_buffer (const char          *data,
                          gsize                length,
                          const char          *name,
                          CgImportRecordFunc   func,
                          gpointer             user_data,
                          CgImportReport      *report,
                          GError             **error)
{
  return import_buffer (CG_IMPORT_FORMAT_CSV, data, length, name, func, user_data, report, error);
}

gboolean
cg_job_import_json_lines_buffer (const char          *data,
                                 gsize                length,
                                 const char          *name,
                                 CgImportRecordFunc   func,
                                 gpointer             user_data,
                                 CgImportReport      *report,
                                 GError             **error)
{
  return import_buffer (CG_IMPORT_FORMAT_JSON_LINES, data, length, name, func, user_data, report,
                        error);
}

gboolean
cg_job_import_json_buffer (const char          *data,
                           gsize                length,
                           const char          *name,
                           CgImportRecordFunc   func,
                           gpointer             user_data,
                           CgImportReport      *report,
                           GError             **error)
{
  return import_buffer (CG_IMPORT_FORMAT_JSON, data, length, name, func, user_data, report, error);
}

gboolean
cg_job_import_html_buffer (const char          *data,
                           gsize                length,
                           const char          *name,
                           CgImportRecordFunc   func,
                           gpointer             user_data,
                           CgImportReport      *report,
                           GError             **error)
{
  return import_buffer (CG_IMPORT_FORMAT_HTML, data, length, name, func, user_data, report, error);
}

/* Files, into the library */

/* Writing postings one statement each would be slow: a statement that may
 * abort halfway opens a savepoint, and FTS5 (as of SQLite 3.40) flushes its
 * pending index data at every savepoint, so each posting would make an FTS
 * segment of its own. So postings are staged: CgJobWriter writes them into
 * a TEMP table that shadows main.jobs (same columns, a unique key; no
 * triggers), and every MERGE_ROWS postings (and at the end) one INSERT ...
 * SELECT ... ON CONFLICT (key) DO UPDATE moves them into main.jobs, which
 * updates the FTS index in one go. The staging table exists only during the import, on the
 * importing connection. */

/* Postings cross to the writing thread in batches of STAGING_BATCH (or
 * STAGING_BYTES of text); they are merged every MERGE_ROWS and at the end.
 * Each merge is a statement of its own, with a statement journal holding
 * every page of main.jobs and its indexes it changes: merging 1000 postings
 * at a time cost about twice as much as one INSERT ... SELECT of them all.
 * The staging table lives in the temporary database (in memory up to
 * STAGING_CACHE_KIB, then in a temporary file), so memory stays bounded. */
#define STAGING_BATCH 10000
#define STAGING_BYTES (8 * 1024 * 1024)
#define MERGE_ROWS    200000

/* Page caches during an import (KiB): the staging table's, and main's,
 * whose indexes outgrow SQLite's default 2 MB in a big import (then every
 * miss is a search of the growing WAL and a read: with 64 MB, a million
 * postings were imported a fifth faster) */
#define STAGING_CACHE_KIB (32 * 1024)
#define MAIN_CACHE_KIB    (64 * 1024)

typedef struct {
  sqlite3        *db;
  CgJobWriter    *writer;      /* into temp.jobs */
  CgImportReport *report;
  sqlite3_stmt   *count_new;   /* staged keys not in main.jobs */
  sqlite3_stmt   *merge;       /* temp.jobs into main.jobs */
  sqlite3_stmt   *clear;       /* empties temp.jobs */
  guint           n_staged;    /* writes since the last merge */
  gboolean        caches_set;  /* restore main_cache and temp_cache after */
  gint64          main_cache;
  gint64          temp_cache;
  GCancellable   *cancellable;
} DbSink;

static void
db_sink_clear (DbSink *sink)
{
  g_clear_pointer (&sink->writer, cg_job_writer_free);
  g_clear_pointer (&sink->count_new, sqlite3_finalize);
  g_clear_pointer (&sink->merge, sqlite3_finalize);
  g_clear_pointer (&sink->clear, sqlite3_finalize);
  sqlite3_progress_handler (sink->db, 0, NULL, NULL);
  sqlite3_exec (sink->db, "DROP TABLE IF EXISTS temp.jobs", NULL, NULL, NULL);

  if (sink->caches_set)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT ";"
                                              "PRAGMA temp.cache_size = %" G_GINT64_FORMAT,
                                              sink->main_cache, sink->temp_cache);
      sqlite3_exec (sink->db, sql, NULL, NULL, NULL);
      sink->caches_set = FALSE;
    }
}

static gint64
get_pragma_int (sqlite3    *db,
                const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static void
append_identifier (GString    *sql,
                   const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

static int
db_sink_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
db_sink_init (DbSink   *sink,
              GError  **error)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) updates = g_string_new (NULL);
  g_autoptr(GString) merge = NULL;
  g_autoptr(sqlite3_stmt) info = NULL;
  int rc;

  /* The merge names every column but the rowid, and updates every column
   * but the key and the origin, as CgJobWriter does */
  info = cg_db_prepare (sink->db, "SELECT name FROM pragma_table_info('jobs', 'main')"
                                  " WHERE pk = 0 ORDER BY cid", error);
  if (info == NULL)
    return FALSE;
  while ((rc = sqlite3_step (info)) == SQLITE_ROW)
    {
      const char *name = cg_db_column_text (info, 0);

      if (columns->len > 0)
        g_string_append (columns, ", ");
      append_identifier (columns, name);

      if (g_str_equal (name, "key") || g_str_equal (name, "origin"))
        continue;
      if (updates->len > 0)
        g_string_append (updates, ", ");
      append_identifier (updates, name);
      g_string_append (updates, " = excluded.");
      append_identifier (updates, name);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, sink->db, rc, "jobs");
      return FALSE;
    }

  merge = g_string_new ("INSERT INTO main.jobs (");
  g_string_append_printf (merge, "%s) SELECT %s FROM temp.jobs WHERE true ORDER BY rowid"
                                 " ON CONFLICT (key) DO UPDATE SET %s",
                          columns->str, columns->str, updates->str);

  /* (temp's reads 0 until set: SQLite's default) */
  sink->main_cache = get_pragma_int (sink->db, "PRAGMA main.cache_size");
  sink->temp_cache = get_pragma_int (sink->db, "PRAGMA temp.cache_size");
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA main.cache_size = -%d;"
                                            "PRAGMA temp.cache_size = -%d",
                                            MAIN_CACHE_KIB, STAGING_CACHE_KIB);
    sink->caches_set = sqlite3_exec (sink->db, sql, NULL, NULL, NULL) == SQLITE_OK;
  }

  if (!cg_db_exec (sink->db,
                   "DROP TABLE IF EXISTS temp.jobs;"
                   "CREATE TEMP TABLE jobs AS SELECT * FROM main.jobs WHERE false;"
                   "CREATE UNIQUE INDEX temp.jobs_staged_key ON jobs (key);",
                   error))
    return FALSE;

  sink->writer = cg_job_writer_new (sink->db, "user", error);
  if (sink->writer == NULL)
    return FALSE;

  /* A merge can take seconds: Cancel interrupts it */
  if (sink->cancellable != NULL)
    sqlite3_progress_handler (sink->db, 10000, db_sink_progress_cb, sink->cancellable);

  sink->count_new = cg_db_prepare (sink->db,
    "SELECT count(*) FROM temp.jobs AS s"
    " WHERE NOT EXISTS (SELECT 1 FROM main.jobs AS m WHERE m.key = s.key)", error);
  sink->merge = sink->count_new ? cg_db_prepare (sink->db, merge->str, error) : NULL;
  sink->clear = sink->merge ? cg_db_prepare (sink->db, "DELETE FROM temp.jobs", error) : NULL;

  return sink->clear != NULL;
}

/* Moves the staged postings into main.jobs */
static gboolean
db_sink_flush (DbSink  *sink,
               GError **error)
{
  guint n_new;
  int rc;

  if (sink->n_staged == 0)
    return TRUE;

  rc = sqlite3_step (sink->count_new);
  n_new = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (sink->count_new, 0) : 0;
  sqlite3_reset (sink->count_new);
  if (rc != SQLITE_ROW)
    {
      cg_db_set_error (error, sink->db, rc, _("Cannot write to the database"));
      return FALSE;
    }

  if (!cg_db_step_done (sink->db, sink->merge, error) ||
      !cg_db_step_done (sink->db, sink->clear, error))
    return FALSE;

  /* A posting staged twice was added once, then updated */
  sink->report->added += n_new;
  sink->report->updated += sink->n_staged - n_new;
  sink->n_staged = 0;
  return TRUE;
}

static gboolean
db_sink_write (DbSink             *sink,
               const CgJobRecord  *record,
               GError            **error)
{
  if (!cg_job_writer_write (sink->writer, record, error))
    return FALSE;

  sink->n_staged++;
  return TRUE;
}

/* The pipeline
 *
 * Reading, converting and classifying postings takes about as long as
 * writing them, so the two run side by side: the calling thread reads (and
 * reports progress), a writing thread writes. Postings cross in batches of
 * up to STAGING_BATCH: copies of their strings in one
 * buffer, reused, so that nothing is allocated per posting. At most
 * N_BATCHES are in flight, which bounds the memory used. The connection is
 * used by the writing thread only, between BEGIN and the end of the import.
 */

#define N_BATCHES 2
#define NO_TEXT   G_MAXSIZE

typedef struct {
  gsize     key, identifier, title, company, region, arrangement, employment_type,
            category, role, date_posted, valid_through, description, url;
  guint     first_location;
  guint     n_locations;
  CgPay     pay;
  gboolean  has_pay;
  gboolean  expired;
} StagedRecord;

typedef struct {
  GString *text;        /* every string, each NUL-terminated */
  GArray  *records;     /* of StagedRecord */
  GArray  *locations;   /* of gsize, into text */
} Batch;

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->text = g_string_sized_new (64 * 1024);
  batch->records = g_array_sized_new (FALSE, FALSE, sizeof (StagedRecord), 256);
  batch->locations = g_array_new (FALSE, FALSE, sizeof (gsize));
  return batch;
}

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;

  g_string_free (batch->text, TRUE);
  g_array_unref (batch->records);
  g_array_unref (batch->locations);
  g_free (batch);
}

static void
batch_reset (Batch *batch)
{
  g_string_truncate (batch->text, 0);
  g_array_set_size (batch->records, 0);
  g_array_set_size (batch->locations, 0);
}

static gsize
batch_add_text (Batch      *batch,
                const char *text)
{
  gsize offset = batch->text->len;

  if (text == NULL)
    return NO_TEXT;

  g_string_append_len (batch->text, text, strlen (text) + 1);
  return offset;
}

static void
batch_add (Batch             *batch,
           const CgJobRecord *record,
           const char        *role,
           const char        *default_url)
{
  StagedRecord staged;

  staged.key = batch_add_text (batch, record->key);
  staged.identifier = batch_add_text (batch, record->identifier);
  staged.title = batch_add_text (batch, record->title);
  staged.company = batch_add_text (batch, record->company);
  staged.region = batch_add_text (batch, record->region);
  staged.arrangement = batch_add_text (batch, record->arrangement);
  staged.employment_type = batch_add_text (batch, record->employment_type);
  staged.category = batch_add_text (batch, record->category);
  staged.role = batch_add_text (batch, role);
  staged.date_posted = batch_add_text (batch, record->date_posted);
  staged.valid_through = batch_add_text (batch, record->valid_through);
  staged.description = batch_add_text (batch, record->description != NULL && *record->description
                                              ? record->description : NULL);
  staged.url = batch_add_text (batch, record->url != NULL ? record->url : default_url);
  staged.pay = record->pay;
  staged.has_pay = record->has_pay;
  staged.expired = record->expired;

  staged.first_location = batch->locations->len;
  staged.n_locations = record->locations != NULL ? record->locations->len : 0;
  for (guint i = 0; i < staged.n_locations; i++)
    {
      gsize offset = batch_add_text (batch, g_ptr_array_index (record->locations, i));
      g_array_append_val (batch->locations, offset);
    }

  g_array_append_val (batch->records, staged);
}

static char *
batch_text (const Batch *batch,
            gsize        offset)
{
  return offset == NO_TEXT ? NULL : batch->text->str + offset;
}

/* Record @i of @batch, its strings lent from the batch */
static void
batch_get (const Batch  *batch,
           guint         i,
           CgJobRecord  *record,
           GPtrArray    *locations)
{
  const StagedRecord *staged = &g_array_index (batch->records, StagedRecord, i);

  memset (record, 0, sizeof *record);
  record->key = batch_text (batch, staged->key);
  record->identifier = batch_text (batch, staged->identifier);
  record->title = batch_text (batch, staged->title);
  record->company = batch_text (batch, staged->company);
  record->region = batch_text (batch, staged->region);
  record->arrangement = batch_text (batch, staged->arrangement);
  record->employment_type = batch_text (batch, staged->employment_type);
  record->category = batch_text (batch, staged->category);
  record->role = batch_text (batch, staged->role);
  record->date_posted = batch_text (batch, staged->date_posted);
  record->valid_through = batch_text (batch, staged->valid_through);
  record->description = batch_text (batch, staged->description);
  record->url = batch_text (batch, staged->url);
  record->pay = staged->pay;
  record->has_pay = staged->has_pay;
  record->expired = staged->expired;

  g_ptr_array_set_size (locations, 0);
  for (guint j = 0; j < staged->n_locations; j++)
    g_ptr_array_add (locations,
                     batch_text (batch, g_array_index (batch->locations, gsize,
                                                       staged->first_location + j)));
  record->locations = locations;
}

typedef struct {
  DbSink       *sink;
  CgClassifier *classifier;
  GAsyncQueue  *full;       /* batches to write, then end_of_batches */
  GAsyncQueue  *empty;      /* batches to fill */
  Batch        *current;    /* being filled by the reading thread */
  GThread      *thread;
  GError       *error;      /* the writing thread's, read once it has ended */
  int           failed;     /* atomic: the writing thread has stopped writing */
  int           abandoned;  /* atomic: the import failed, write nothing more */
  const char   *default_url; /* for postings that name no URL, or NULL */
} Pipeline;

/* The end of the batches (compared, never read) */
static Batch end_of_batches;

static gpointer
pipeline_write_thread (gpointer data)
{
  Pipeline *pl = data;
  g_autoptr(GPtrArray) locations = g_ptr_array_new ();
  Batch *batch;

  while ((batch = g_async_queue_pop (pl->full)) != &end_of_batches)
    {
      gboolean write = pl->error == NULL && !g_atomic_int_get (&pl->abandoned);

      for (guint i = 0; write && pl->error == NULL && i < batch->records->len; i++)
        {
          CgJobRecord record;

          batch_get (batch, i, &record, locations);
          db_sink_write (pl->sink, &record, &pl->error);
        }

      if (write && pl->error == NULL && pl->sink->n_staged >= MERGE_ROWS)
        db_sink_flush (pl->sink, &pl->error);
      if (pl->error != NULL)
        g_atomic_int_set (&pl->failed, TRUE);

      batch_reset (batch);
      g_async_queue_push (pl->empty, batch);
    }

  /* The rest, unless the import failed */
  if (pl->error == NULL && !g_atomic_int_get (&pl->abandoned))
    db_sink_flush (pl->sink, &pl->error);

  return NULL;
}

static gboolean
pipeline_start (Pipeline      *pl,
                DbSink        *sink,
                CgClassifier  *classifier,
                const char    *default_url,
                GError       **error)
{
  memset (pl, 0, sizeof *pl);
  pl->sink = sink;
  pl->classifier = classifier;
  pl->default_url = default_url;
  pl->full = g_async_queue_new ();
  pl->empty = g_async_queue_new ();
  pl->current = batch_new ();
  for (guint i = 1; i < N_BATCHES; i++)
    g_async_queue_push (pl->empty, batch_new ());

  pl->thread = g_thread_try_new ("cg-import-writer", pipeline_write_thread, pl, error);
  return pl->thread != NULL;
}

static gboolean
pipeline_emit_cb (const CgJobRecord  *record,
                  gpointer            user_data,
                  GError            **error)
{
  Pipeline *pl = user_data;
  const char *role = record->role;

  /* The writing thread's error is reported by pipeline_finish() */
  if (g_atomic_int_get (&pl->failed))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The import stopped");
      return FALSE;
    }

  if (role == NULL && pl->classifier != NULL)
    role = cg_classifier_classify (pl->classifier, record->title, record->description);

  batch_add (pl->current, record, role, pl->default_url);

  if (pl->current->records->len >= STAGING_BATCH || pl->current->text->len >= STAGING_BYTES)
    {
      g_async_queue_push (pl->full, pl->current);
      pl->current = g_async_queue_pop (pl->empty);
    }

  return TRUE;
}

/* Hands over the last batch (when @ok), waits for the writing thread and
 * frees the pipeline. FALSE with the writing thread's error, which replaces
 * any in @error. */
static gboolean
pipeline_finish (Pipeline  *pl,
                 gboolean   ok,
                 GError   **error)
{
  Batch *batch;

  if (pl->thread != NULL)
    {
      /* What is still queued is rolled back anyway */
      if (!ok)
        g_atomic_int_set (&pl->abandoned, TRUE);
      if (ok && pl->current->records->len > 0)
        {
          g_async_queue_push (pl->full, pl->current);
          pl->current = NULL;
        }
      g_async_queue_push (pl->full, &end_of_batches);
      g_thread_join (g_steal_pointer (&pl->thread));
    }

  batch_free (g_steal_pointer (&pl->current));
  while ((batch = g_async_queue_try_pop (pl->empty)) != NULL)
    batch_free (batch);
  while ((batch = g_async_queue_try_pop (pl->full)) != NULL)
    if (batch != &end_of_batches)
      batch_free (batch);
  g_clear_pointer (&pl->full, g_async_queue_unref);
  g_clear_pointer (&pl->empty, g_async_queue_unref);

  if (pl->error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&pl->error));
      return FALSE;
    }

  return TRUE;
}

/* Reads all of @stream, refusing more than @limit bytes */
static GBytes *
read_document (GInputStream  *stream,
               gsize          limit,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  gsize n;

  do
    {
      gsize before = bytes->len;

      if (before > limit)
        {
          set_too_large_error (0, error);
          return NULL;
        }

      g_byte_array_set_size (bytes, before + 1024 * 1024);
      if (!g_input_stream_read_all (stream, bytes->data + before, 1024 * 1024, &n, cancellable, error))
        return NULL;
      g_byte_array_set_size (bytes, before + n);
    }
  while (n > 0);

  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}

/* Whether the JSON file that @stream reads is JSON Lines, as
 * looks_like_json_lines() says from its first line and the start of the
 * next: from @sniff (its first @n_sniff bytes, read from @stream) when they
 * reach that far, else from as much more of the file as that takes (up to
 * CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, the longest line it would read) */
static gboolean
json_file_is_lines (GInputStream  *stream,
                    const char    *sniff,
                    gsize          n_sniff,
                    GCancellable  *cancellable,
                    gboolean      *lines,
                    GError       **error)
{
  g_autoptr(GByteArray) prefix = NULL;
  enum { LEADING_SPACE, FIRST_LINE, SECOND_LINE } at = LEADING_SPACE;
  const char *data = sniff;
  gsize length = n_sniff;
  gsize pos = n_sniff >= 3 && memcmp (sniff, UTF8_BOM, 3) == 0 ? 3 : 0;
  gsize n = n_sniff;

  for (;;)
    {
      const char *nl;

      if (at == LEADING_SPACE)
        {
          while (pos < length && is_space (data[pos]))
            pos++;
          if (pos < length)
            at = FIRST_LINE;
        }
      if (at == FIRST_LINE && (nl = memchr (data + pos, '\n', length - pos)) != NULL)
        {
          at = SECOND_LINE;
          pos = nl - data;
        }
      else if (at == FIRST_LINE)
        pos = length;
      if (at == SECOND_LINE)
        while (pos < length && is_space (data[pos]))
          pos++;

      /* The start of the second line, the end, or too far */
      if (pos < length || n < CHUNK_SIZE || length > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
        break;

      if (prefix == NULL)
        {
          prefix = g_byte_array_sized_new (2 * CHUNK_SIZE);
          g_byte_array_append (prefix, (const guint8 *) sniff, n_sniff);
        }
      g_byte_array_set_size (prefix, length + CHUNK_SIZE);
      if (!g_input_stream_read_all (stream, prefix->data + length, CHUNK_SIZE, &n,
                                    cancellable, error))
        return FALSE;
      g_byte_array_set_size (prefix, length + n);
      data = (const char *) prefix->data;
      length = prefix->len;
    }

  *lines = looks_like_json_lines (data, length);
  return TRUE;
}

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
  g_autoptr(CgClassifier) classifier = NULL;
  g_autoptr(GError) classifier_error = NULL;
  DbSink sink = { db, NULL, report, NULL, NULL, NULL, 0, FALSE, 0, 0, cancellable };
  Pipeline pipeline;
  Import im;
  gsize n_sniff = 0;
  gboolean stream_array = FALSE;
  gboolean ok;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  name = url != NULL ? g_strdup (url) : g_filename_display_basename (path);
  import_init (&im, name, pipeline_emit_cb, &pipeline, report);
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

  sniff = g_malloc (CHUNK_SIZE);
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), sniff, CHUNK_SIZE, &n_sniff,
                                cancellable, error))
    return FALSE;

  if (!check_start (&im, sniff, n_sniff, n_sniff < CHUNK_SIZE, error))
    return FALSE;

  if (format == CG_IMPORT_FORMAT_AUTO)
    format = cg_import_format_guess (path, sniff, n_sniff);

  /* JSON Lines saved as .json are streamed as such, and so is a top-level
   * array; any other JSON document is read whole */
  if (format == CG_IMPORT_FORMAT_JSON)
    {
      gboolean lines = FALSE;

      if (!json_file_is_lines (G_INPUT_STREAM (stream), sniff, n_sniff, cancellable, &lines, error))
        return FALSE;
      if (lines)
        format = CG_IMPORT_FORMAT_JSON_LINES;
      else
        stream_array = json_starts_array (sniff, n_sniff);
    }
  report->format = format;

  if (!g_seekable_seek (G_SEEKABLE (stream), 0, G_SEEK_SET, cancellable, error))
    return FALSE;

  if (format == CG_IMPORT_FORMAT_JSON && !stream_array)
    {
      if (im.bytes_total > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
        return set_too_large_error (im.bytes_total, error);
      document = read_document (G_INPUT_STREAM (stream), CG_IMPORT_MAX_JSON_DOCUMENT_SIZE,
                                cancellable, error);
      if (document == NULL)
        return FALSE;
    }

  /* Without role rules (no bundled content) postings are not classified */
  classifier = cg_classifier_new_from_db (db, &classifier_error);
  if (classifier == NULL)
    g_debug ("Importing without classifying: %s", classifier_error->message);

  if (!db_sink_init (&sink, error) || !cg_db_begin (db, error))
    {
      db_sink_clear (&sink);
      return FALSE;
    }

  if (pipeline_start (&pipeline, &sink, classifier, url, error))
    ok = import_dispatch (&im, format, G_INPUT_STREAM (stream),
                          document ? g_bytes_get_data (document, NULL) : NULL,
                          document ? g_bytes_get_size (document) : 0,
                          error);
  else
    ok = FALSE;
  ok = pipeline_finish (&pipeline, ok, error) && ok;

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
      report_progress (&im);
      ok = cg_db_commit (db, error);
    }

  if (!ok)
    {
      cg_db_rollback (db);
      report->added = 0;
      report->updated = 0;
      report->skipped = 0;
    }

  db_sink_clear (&sink);
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

/* The command line */

int
cg_job_import_cli (sqlite3  *db,
                   char    **files,
                   GString  *out,
                   GString  *err)
{
  int status = 0;

  g_return_val_if_fail (db != NULL, 1);
  g_return_val_if_fail (out != NULL && err != NULL, 1);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_auto(CgImportReport) report = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *display = g_filename_display_name (files[i]);
      gboolean ok;

      ok = cg_job_import_file (db, files[i], CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &report, &error);

      for (guint p = 0; report.problems != NULL && p < report.problems->len; p++)
        g_string_append_printf (err, "%s: %s\n", display,
                                (const char *) g_ptr_array_index (report.problems, p));

      if (ok)
        {
          /* Translators: a summary line of `career-guide --import` */
          g_string_append_printf (out, _("%s: %u added, %u updated, %u skipped"),
                                  display, report.added, report.updated, report.skipped);
          g_string_append_c (out, '\n');
        }
      else
        {
          g_string_append_printf (out, _("%s: refused"), display);
          g_string_append_c (out, '\n');
          g_string_append_printf (err, _("%s: refused: %s"), display, error->message);
          g_string_append_c (err, '\n');
          status = 1;
        }
    }

  return status;
}
