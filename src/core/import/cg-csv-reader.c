/* cg-csv-reader.c: the one CSV reader, over libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libcsv parses; this file sets it up (one strictness setting), finds the
 * delimiter, and feeds it a line at a time so that every row knows the
 * line it starts on: the first line since the previous row that is not
 * empty (libcsv skips empty lines). Text is held back only until the
 * delimiter is known and a BOM can be seen.
 */
#define G_LOG_DOMAIN "cg-csv-reader"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "cg-csv-reader.h"

G_DEFINE_QUARK (cg-csv-error-quark, cg_csv_error)

struct _CgCsvReader
{
  struct csv_parser  parser;
  CgCsvFlags         flags;
  char               delimiter;      /* 0 until found */
  CgCsvRowFunc       func;
  gpointer           user_data;

  GString           *pending;        /* text before the parser starts */
  gboolean           started;        /* the parser has had text */
  gboolean           done;           /* finished, or failed */

  GPtrArray         *cells;          /* the current row's, char * */
  gsize              row_bytes;
  gboolean           oversized;
  guint              max_cells;
  gsize              max_bytes;

  guint              line;           /* the line being fed, from 1 */
  gboolean           after_cr;       /* the last piece ended with a CR */
  guint              row_line;       /* the first filled line of the current row, 0: none yet */
  guint              n_rows;
  GError            *error;          /* from the row function */
};

/* The length of the line at @p, with its line break (CR LF, LF or CR). */
static gsize
line_length (const char *p,
             const char *end)
{
  const char *q = p;

  while (q < end && *q != '\n' && *q != '\r')
    q++;
  if (q < end && *q == '\r')
    {
      q++;
      if (q < end && *q == '\n')
        q++;
    }
  else if (q < end)
    q++;

  return (gsize) (q - p);
}

static gboolean
is_line_break (const char *p,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (p[i] != '\n' && p[i] != '\r')
      return FALSE;
  return TRUE;
}

/* The most frequent of ',', ';' and tab in the first line that is not
 * empty; NUL when there is no complete line yet and @final is FALSE. */
static char
find_delimiter (const char *text,
                gsize       length,
                gboolean    final)
{
  const char *end = text + length;

  for (const char *p = text; p < end;)
    {
      gsize n = line_length (p, end);
      guint commas = 0, semicolons = 0, tabs = 0;
      gboolean complete = p[n - 1] == '\n' || p[n - 1] == '\r';

      if (is_line_break (p, n))
        {
          p += n;
          continue;
        }
      if (!complete && !final)
        return '\0';

      for (gsize i = 0; i < n; i++)
        {
          if (p[i] == ',')
            commas++;
          else if (p[i] == ';')
            semicolons++;
          else if (p[i] == '\t')
            tabs++;
        }
      if (tabs > commas && tabs > semicolons)
        return '\t';
      if (semicolons > commas)
        return ';';
      return ',';
    }

  return final ? ',' : '\0';
}

static void
cell_cb (void   *data,
         size_t  length,
         void   *user_data)
{
  CgCsvReader *reader = user_data;
  const char *text = data != NULL ? data : "";
  GString *cell;

  if (reader->error != NULL)
    return;

  if ((reader->max_cells > 0 && reader->cells->len >= reader->max_cells) ||
      (reader->max_bytes > 0 && reader->row_bytes + length > reader->max_bytes))
    reader->oversized = TRUE;
  if (reader->oversized)
    return;
  reader->row_bytes += length;

  /* line breaks inside a cell as \n */
  cell = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\r' && i + 1 < length && text[i + 1] == '\n')
        continue;
      g_string_append_c (cell, text[i] == '\r' ? '\n' : text[i]);
    }
  g_ptr_array_add (reader->cells, g_string_free (cell, FALSE));
}

static void
row_cb (int   terminator,
        void *user_data)
{
  CgCsvReader *reader = user_data;
  CgCsvRow row;

  if (reader->error == NULL)
    {
      g_ptr_array_add (reader->cells, NULL);
      row.line = reader->row_line != 0 ? reader->row_line : reader->line;
      row.n_cells = reader->cells->len - 1;
      row.cells = (const char *const *) reader->cells->pdata;
      row.oversized = reader->oversized;
      reader->n_rows++;
      if (!reader->func (&row, reader->user_data, &reader->error) && reader->error == NULL)
        g_set_error_literal (&reader->error, CG_CSV_ERROR, CG_CSV_ERROR_PARSE,
                             _("Cannot read the file"));
    }

  g_ptr_array_set_size (reader->cells, 0);
  reader->row_bytes = 0;
  reader->oversized = FALSE;
  reader->row_line = 0;
}

CgCsvReader *
cg_csv_reader_new (CgCsvFlags    flags,
                   char          delimiter,
                   CgCsvRowFunc  func,
                   gpointer      user_data)
{
  CgCsvReader *reader;
  unsigned char options = (flags & CG_CSV_STRICT) ? CSV_STRICT | CSV_STRICT_FINI : 0;

  g_return_val_if_fail (delimiter == '\0' || delimiter == ',' || delimiter == ';' ||
                        delimiter == '\t', NULL);
  g_return_val_if_fail (func != NULL, NULL);

  reader = g_new0 (CgCsvReader, 1);
  if (csv_init (&reader->parser, options) != 0)
    g_error ("Cannot start the CSV parser: out of memory");
  csv_set_blk_size (&reader->parser, 64 * 1024);

  reader->flags = flags;
  reader->delimiter = delimiter;
  reader->func = func;
  reader->user_data = user_data;
  reader->pending = g_string_new (NULL);
  reader->cells = g_ptr_array_new_with_free_func (g_free);
  reader->line = 1;

  return reader;
}

void
cg_csv_reader_free (CgCsvReader *reader)
{
  if (reader == NULL)
    return;

  csv_free (&reader->parser);
  g_string_free (reader->pending, TRUE);
  g_ptr_array_unref (reader->cells);
  g_clear_error (&reader->error);
  g_free (reader);
}

void
cg_csv_reader_set_limits (CgCsvReader *reader,
                          guint        max_cells,
                          gsize        max_bytes)
{
  g_return_if_fail (reader != NULL);

  reader->max_cells = max_cells;
  reader->max_bytes = max_bytes;
}

char
cg_csv_reader_get_delimiter (CgCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, '\0');

  return reader->delimiter;
}

guint
cg_csv_reader_get_n_rows (CgCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0);

  return reader->n_rows;
}

/* Stops the reader with the row function's error. */
static gboolean
take_error (CgCsvReader  *reader,
            GError      **error)
{
  reader->done = TRUE;
  g_propagate_error (error, g_steal_pointer (&reader->error));
  return FALSE;
}

/* Hands @text to libcsv a line at a time. */
static gboolean
parse_lines (CgCsvReader  *reader,
             const char   *text,
             gsize         length,
             GError      **error)
{
  const char *end = text + length;

  for (const char *p = text; p < end;)
    {
      gsize n = line_length (p, end);

      /* the LF of a CR LF cut between two pieces ends no other line */
      if (reader->after_cr && *p == '\n')
        n = 1;
      else if (reader->row_line == 0 && !is_line_break (p, n))
        reader->row_line = reader->line;

      if (csv_parse (&reader->parser, p, n, cell_cb, row_cb, reader) != n)
        {
          if (reader->error != NULL)
            return take_error (reader, error);

          reader->done = TRUE;
          if (csv_error (&reader->parser) == CSV_EPARSE)
            g_set_error (error, CG_CSV_ERROR, CG_CSV_ERROR_PARSE,
                         _("Line %u is not valid CSV: a quote must open and close a whole cell, "
                           "and a quote inside a quoted cell is written twice"),
                         reader->line);
          else
            g_set_error (error, CG_CSV_ERROR, CG_CSV_ERROR_PARSE, _("Line %u: %s"), reader->line,
                         csv_strerror (csv_error (&reader->parser)));
          return FALSE;
        }
      if (reader->error != NULL)
        return take_error (reader, error);

      if (!(reader->after_cr && *p == '\n') && (p[n - 1] == '\n' || p[n - 1] == '\r'))
        reader->line++;
      reader->after_cr = p[n - 1] == '\r';
      p += n;
    }

  return TRUE;
}

/* Starts the parser on the text held back once the delimiter is known
 * (or @final) and a BOM would be whole. */
static gboolean
start (CgCsvReader  *reader,
       gboolean      final,
       GError      **error)
{
  GString *pending = reader->pending;
  gsize skip = 0;

  if (pending->len < 3 && !final)
    return TRUE;
  if (pending->len >= 3 && memcmp (pending->str, "\xEF\xBB\xBF", 3) == 0)
    skip = 3;

  if (reader->delimiter == '\0')
    reader->delimiter = find_delimiter (pending->str + skip, pending->len - skip, final);
  if (reader->delimiter == '\0')
    return TRUE;

  csv_set_delim (&reader->parser, (unsigned char) reader->delimiter);
  reader->started = TRUE;

  if (!parse_lines (reader, pending->str + skip, pending->len - skip, error))
    return FALSE;
  g_string_truncate (pending, 0);
  return TRUE;
}

gboolean
cg_csv_reader_feed (CgCsvReader  *reader,
                    const char   *text,
                    gsize         length,
                    GError      **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (!reader->done, FALSE);
  g_return_val_if_fail (text != NULL || length == 0, FALSE);

  if (reader->started)
    return parse_lines (reader, text, length, error);

  g_string_append_len (reader->pending, text, length);
  return start (reader, FALSE, error);
}

gboolean
cg_csv_reader_finish (CgCsvReader  *reader,
                      GError      **error)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (!reader->done, FALSE);

  if (!reader->started && !start (reader, TRUE, error))
    return FALSE;

  reader->done = TRUE;
  if (csv_fini (&reader->parser, cell_cb, row_cb, reader) != 0)
    {
      if (reader->error != NULL)
        return take_error (reader, error);
      g_set_error (error, CG_CSV_ERROR, CG_CSV_ERROR_PARSE,
                   _("The row that starts on line %u has a quote that is never closed"),
                   reader->row_line != 0 ? reader->row_line : reader->line);
      return FALSE;
    }
  if (reader->error != NULL)
    return take_error (reader, error);

  return TRUE;
}

char *
cg_csv_decode (const char   *data,
               gsize         length,
               gsize        *out_length,
               const char  **encoding,
               GError      **error)
{
  const char *name = NULL;
  char *text;
  gsize written = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    name = "UTF-16LE";
  else if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    name = "UTF-16BE";

  if (name != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      text = g_convert (data + 2, (gssize) (length - 2), "UTF-8", name, NULL, &written,
                        &local_error);
      if (text == NULL)
        {
          g_set_error (error, CG_CSV_ERROR, CG_CSV_ERROR_ENCODING,
                       _("The file starts as UTF-16 text but is not: %s"), local_error->message);
          return NULL;
        }
    }
  else if (g_utf8_validate_len (data, length, NULL))
    {
      name = "UTF-8";
      text = g_strndup (data, length);
      written = length;
      if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
        {
          memmove (text, text + 3, length - 3 + 1);
          written -= 3;
        }
    }
  else
    {
      /* what spreadsheets on Windows save; the bytes it leaves undefined
       * make it plain Latin-1 */
      name = "WINDOWS-1252";
      text = g_convert (data, (gssize) length, "UTF-8", name, NULL, &written, NULL);
      if (text == NULL)
        {
          name = "ISO-8859-1";
          text = g_convert (data, (gssize) length, "UTF-8", name, NULL, &written, error);
          if (text == NULL)
            return NULL;
        }
    }

  if (out_length != NULL)
    *out_length = written;
  if (encoding != NULL)
    *encoding = name;
  return text;
}

gboolean
cg_csv_read (const char    *data,
             gsize          length,
             CgCsvFlags     flags,
             char           delimiter,
             CgCsvRowFunc   func,
             gpointer       user_data,
             GError       **error)
{
  g_autoptr(CgCsvReader) reader = NULL;
  g_autofree char *text = NULL;
  gsize text_length;

  if ((text = cg_csv_decode (data, length, &text_length, NULL, error)) == NULL)
    return FALSE;

  reader = cg_csv_reader_new (flags, delimiter, func, user_data);
  if (!cg_csv_reader_feed (reader, text, text_length, error) ||
      !cg_csv_reader_finish (reader, error))
    return FALSE;

  if (reader->n_rows == 0)
    {
      g_set_error (error, CG_CSV_ERROR, CG_CSV_ERROR_EMPTY, _("The file is empty"));
      return FALSE;
    }

  return TRUE;
}

char *
cg_csv_header_key (const char *header)
{
  g_autofree char *stripped = g_strstrip (g_strdup (header != NULL ? header : ""));
  g_autofree char *normal = g_utf8_normalize (stripped, -1, G_NORMALIZE_ALL);
  g_autofree char *folded = g_utf8_casefold (normal != NULL ? normal : stripped, -1);
  GString *key = g_string_new (NULL);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (key, c);
    }

  return g_string_free (key, FALSE);
}

gboolean
cg_csv_row_is_blank (const CgCsvRow *row)
{
  for (guint i = 0; i < row->n_cells; i++)
    for (const char *p = row->cells[i]; *p != '\0'; p++)
      if (!g_ascii_isspace (*p))
        return FALSE;
  return TRUE;
}
