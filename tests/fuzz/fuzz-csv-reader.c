/* fuzz-csv-reader.c: the one CSV reader (cg-csv-reader.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whatever the bytes, the reader hands over UTF-8 cells with line numbers
 * that never go down and never pass the text's last line, reads the same
 * rows fed whole or in pieces, and never fails when lenient. The header
 * keys are UTF-8 too.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "cg-csv-reader.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  GString *rows;
  guint    last_line;
  guint    max_line;
} Collect;

static gboolean
collect_cb (const CgCsvRow  *row,
            gpointer         user_data,
            GError         **error)
{
  Collect *c = user_data;

  if (row->line < c->last_line || row->line < 1 || row->line > c->max_line ||
      row->cells[row->n_cells] != NULL)
    __builtin_trap ();
  c->last_line = row->line;

  g_string_append_printf (c->rows, "%u:", row->line);
  for (guint i = 0; i < row->n_cells; i++)
    {
      g_autofree char *key = NULL;

      if (!g_utf8_validate (row->cells[i], -1, NULL))
        __builtin_trap ();
      key = cg_csv_header_key (row->cells[i]);
      if (!g_utf8_validate (key, -1, NULL))
        __builtin_trap ();
      g_string_append_printf (c->rows, "%s\x1f", row->cells[i]);
    }
  g_string_append_c (c->rows, '\n');
  return TRUE;
}

/* Lines in @text: line breaks (CR LF, LF, lone CR) plus one. */
static guint
count_lines (const char *text,
             gsize       length)
{
  guint n = 1;

  for (gsize i = 0; i < length; i++)
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
      n++;
  return n;
}

/* The rows of @text fed in pieces of @piece bytes; NULL on an error. */
static char *
read_pieces (const char *text,
             gsize       length,
             CgCsvFlags  flags,
             gsize       piece)
{
  Collect c = { g_string_new (NULL), 0, count_lines (text, length) };
  g_autoptr(CgCsvReader) reader = cg_csv_reader_new (flags, '\0', collect_cb, &c);
  g_autoptr(GError) error = NULL;

  for (gsize done = 0; done < length; done += piece)
    if (!cg_csv_reader_feed (reader, text + done, MIN (piece, length - done), &error))
      break;
  if (error == NULL)
    cg_csv_reader_finish (reader, &error);
  if (error != NULL && (error->message == NULL || !g_utf8_validate (error->message, -1, NULL)))
    __builtin_trap ();

  return error == NULL ? g_string_free (c.rows, FALSE) : (g_string_free (c.rows, TRUE), NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *pieces = NULL;
  g_autofree char *lenient = NULL;
  gsize length = 0;

  text = cg_csv_decode ((const char *) data, size, &length, NULL, &error);
  if ((text == NULL) == (error == NULL))
    __builtin_trap ();
  if (text == NULL)
    return 0;
  if (!g_utf8_validate_len (text, length, NULL) && memchr (text, '\0', length) == NULL)
    __builtin_trap ();
  if (memchr (text, '\0', length) != NULL)
    return 0;

  whole = read_pieces (text, length, CG_CSV_STRICT, MAX (length, 1));
  pieces = read_pieces (text, length, CG_CSV_STRICT, 7);
  if (g_strcmp0 (whole, pieces) != 0)
    __builtin_trap ();

  lenient = read_pieces (text, length, CG_CSV_NONE, MAX (length, 1));
  if (lenient == NULL)
    __builtin_trap ();

  return 0;
}
