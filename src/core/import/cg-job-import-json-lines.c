/* cg-job-import-json-lines.c: JSON Lines, and JSON arrays streamed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The two JSON readers that stream: JSON Lines (one JSON value a line, read
 * through a CgImportReader; a line that is not JSON or holds no posting is
 * reported and skipped), and a top-level JSON array, whose elements are found
 * by a scanner that follows json-glib 1.6's lexer and are parsed one at a
 * time. The same scanner finds text after a whole JSON value, which
 * json-glib would drop without a word. Also the tests that tell JSON Lines
 * from a JSON document.
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cg-job-import-private.h"
#include "cg-jsonld.h"

/* JSON Lines or JSON */

/* Whether @data is JSON Lines: its first line is a whole JSON object (or
 * array) and the next line that is not blank starts another one. */
gboolean
cg_import_looks_like_json_lines (const char *data,
                                 gsize       length)
{
  const char *end = data + length;
  const char *p = cg_import_skip_bom_and_space (data, end);
  const char *nl, *last, *next;
  g_autoptr(JsonParser) parser = NULL;
  guint line, column;

  if (p == end || (*p != '{' && *p != '['))
    return FALSE;

  nl = memchr (p, '\n', end - p);
  if (nl == NULL)
    return FALSE;

  last = nl;
  while (last > p && cg_import_is_space (last[-1]))
    last--;
  if (last == p || (last[-1] != '}' && last[-1] != ']'))
    return FALSE;

  next = nl;
  while (next < end && cg_import_is_space (*next))
    next++;
  if (next == end || (*next != '{' && *next != '['))
    return FALSE;

  if (!g_utf8_validate_len (p, last - p, NULL) ||
      cg_import_find_text_after_value (p, last - p, &line, &column))
    return FALSE;

  parser = json_parser_new_immutable ();
  return json_parser_load_from_data (parser, p, last - p, NULL) &&
         json_parser_get_root (parser) != NULL;
}

/* Whether the JSON file that @stream reads is JSON Lines, as
 * cg_import_looks_like_json_lines() says from its first line and the start
 * of the next: from @sniff (its first @n_sniff bytes, read from @stream)
 * when they reach that far, else from as much more of the file as that
 * takes (up to CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, the longest line it would
 * read) */
gboolean
cg_import_json_file_is_lines (GInputStream  *stream,
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
  gsize pos = n_sniff >= 3 && memcmp (sniff, CG_IMPORT_UTF8_BOM, 3) == 0 ? 3 : 0;
  gsize n = n_sniff;

  for (;;)
    {
      const char *nl;

      if (at == LEADING_SPACE)
        {
          while (pos < length && cg_import_is_space (data[pos]))
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
        while (pos < length && cg_import_is_space (data[pos]))
          pos++;

      /* The start of the second line, the end, or too far */
      if (pos < length || n < CG_IMPORT_CHUNK_SIZE || length > CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
        break;

      if (prefix == NULL)
        {
          prefix = g_byte_array_sized_new (2 * CG_IMPORT_CHUNK_SIZE);
          g_byte_array_append (prefix, (const guint8 *) sniff, n_sniff);
        }
      g_byte_array_set_size (prefix, length + CG_IMPORT_CHUNK_SIZE);
      if (!g_input_stream_read_all (stream, prefix->data + length, CG_IMPORT_CHUNK_SIZE, &n,
                                    cancellable, error))
        return FALSE;
      g_byte_array_set_size (prefix, length + n);
      data = (const char *) prefix->data;
      length = prefix->len;
    }

  *lines = cg_import_looks_like_json_lines (data, length);
  return TRUE;
}

/* JSON-LD in JSON Lines */

typedef struct {
  JsonParser *parser;
  GPtrArray  *postings;    /* of JsonObject *, borrowed from parser */
  GString    *line;        /* a line that spans chunks */
  gboolean    overlong;    /* the current line is being skipped */
} JsonLines;

static gboolean
import_json_line (CgImport    *im,
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

  while (p < end && cg_import_is_space (*p))
    p++;
  while (end > p && cg_import_is_space (end[-1]))
    end--;
  if (p == end)
    return TRUE;

  im->n_found++;

  if (!g_utf8_validate_len (p, end - p, NULL))
    {
      cg_import_skip_posting (im, _("line %u: not valid UTF-8 text"), line);
      return TRUE;
    }

  if (cg_import_find_text_after_value (p, end - p, &l, &column))
    {
      cg_import_skip_posting (im, _("line %u: not valid JSON at column %u: %s"), line, column,
                              _("more text after the end of the value"));
      return TRUE;
    }

  if (!json_parser_load_from_data (jl->parser, p, end - p, &local_error))
    {
      g_autofree char *message = g_utf8_make_valid (local_error->message, -1);
      const char *what;

      if (cg_import_split_json_error (message, &l, &column, &what))
        cg_import_skip_posting (im, _("line %u: not valid JSON at column %u: %s"), line, column,
                                what);
      else
        cg_import_skip_posting (im, _("line %u: not valid JSON: %s"), line, message);
      return TRUE;
    }

  g_ptr_array_set_size (jl->postings, 0);
  cg_jsonld_find_postings (json_parser_get_root (jl->parser), jl->postings);

  if (jl->postings->len == 0)
    {
      cg_import_skip_posting (im, _("line %u: no schema.org JobPosting"), line);
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
            cg_import_skip_posting (im, _("line %u: %s"), line, reason);
          else
            cg_import_skip_posting (im, _("line %u, posting %u: %s"), line, i + 1, reason);
          continue;
        }

      if (!cg_import_emit (im, record, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
cg_import_json_lines (CgImport      *im,
                      GInputStream  *stream,
                      GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) postings = g_ptr_array_new ();
  JsonLines jl = { parser, postings, g_string_new (NULL), FALSE };
  CgImportReader r;
  const char *piece;
  gsize n;
  gboolean starts, ends;
  guint line = 0;
  gboolean ok = TRUE;
  int rc;

  cg_import_reader_init (&r, stream, im->cancellable);

  while (ok && (rc = cg_import_reader_next (&r, &piece, &n, &starts, &ends, error)) > 0)
    {
      if (starts)
        line++;

      im->bytes_done = r.offset;
      cg_import_maybe_report_progress (im);

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
              cg_import_skip_posting (im, _("line %u: longer than %u MB, skipped"), line,
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
      cg_import_skip_posting (im, _("line %u: longer than %u MB, skipped"), line,
                              CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
    }
  else if (ok && jl.line->len > 0)
    ok = import_json_line (im, &jl, line, jl.line->str, jl.line->len, error);

  g_string_free (jl.line, TRUE);
  cg_import_reader_clear (&r);

  if (!ok)
    return FALSE;

  im->bytes_done = r.offset;
  if (im->n_emitted == 0)
    return cg_import_fail_nothing_found (im, error);

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
 * space; "-", "$" and "." before a number (see array_scan()). Each element
 * is then parsed by json-glib on its own and read as cg_jsonld_parse()
 * reads it in the whole array, and its postings go to the writer at once:
 * memory is bounded by the largest element, and an element larger than
 * CG_IMPORT_MAX_JSON_DOCUMENT_SIZE is skipped without being kept (as a
 * JSON Lines line too long is).
 *
 * An element that is not JSON, an array that is not well formed (not
 * closed, something else than "," between elements, text after it) or text
 * that is not UTF-8 makes the file refused, as when the document is read
 * whole: the transaction is rolled back, so nothing of it is imported.
 * Positions are those in the whole file: json-glib's, in an element, are
 * moved by where the element starts. (Lines end at "\n"; json-glib counts
 * columns in bytes, and the scanner, as cg_import_find_text_after_value(),
 * in characters.) */

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
 * cg_import_find_text_after_value()) */
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
              (end - p >= 3 && memcmp (p, CG_IMPORT_UTF8_BOM, 3) == 0))
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
gboolean
cg_import_find_text_after_value (const char *data,
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
  if (length >= 3 && memcmp (data, CG_IMPORT_UTF8_BOM, 3) == 0)
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

  if (!cg_import_split_json_error (message, &line, &column, &what))
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
import_array_element (CgImport       *im,
                      ArrayReader    *ar,
                      const char     *text,
                      gsize           length,
                      const TextPos  *start,
                      GError        **error)
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
    cg_import_skip_posting (im, "%s", (const char *) g_ptr_array_index (ar->warnings, i));
  for (guint i = 0; ok && i < ar->records->len; i++)
    ok = cg_import_emit (im, g_ptr_array_index (ar->records, i), error);

  g_ptr_array_set_size (ar->warnings, 0);
  g_ptr_array_set_size (ar->records, 0);
  return ok;
}

/* Appends up to @size bytes of @stream to @buf; *@n_valid (bytes of @buf
 * known to be UTF-8) moves on to the last whole character read */
static gboolean
array_read (CgImport      *im,
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

  cut = cg_import_utf8_validate_read ((const char *) buf->data + *n_valid, buf->len - *n_valid,
                                      *eof);
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
gboolean
cg_import_json_array (CgImport      *im,
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
  if (buf->len >= 3 && memcmp (buf->data, CG_IMPORT_UTF8_BOM, 3) == 0)
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
              cg_import_skip_posting (im, _("element %u of the array (line %u): longer than %u MB, skipped"),
                                      n_values, s.value_start.line,
                                      CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
              overlong = FALSE;
            }
          else if (!import_array_element (im, &ar, data + (s.value_start.offset - base),
                                          s.pos.offset - s.value_start.offset, &s.value_start,
                                          error))
            return FALSE;

          cg_import_maybe_report_progress (im);
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
      cg_import_maybe_report_progress (im);
    }

  if (!array_scan_finish (&s))
    {
      set_array_scan_error (&s, error);
      return FALSE;
    }

  im->n_found = ar.n_seen + ar.n_overlong;
  if (im->n_emitted == 0)
    return cg_import_fail_nothing_found (im, error);

  return TRUE;
}

gboolean
cg_job_import_json_has_text_after_value (const char *data,
                                         gsize       length)
{
  guint line, column;

  return cg_import_find_text_after_value (data, length, &line, &column);
}
