/* cg-job-import-reader.c: a file read in chunks, a line at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV and JSON Lines readers read the file through a CgImportReader,
 * which hands out a line (or the part of a line that is in its buffer) at a
 * time without copying, so that memory stays bounded whatever the file size.
 * Also the check of UTF-8 across reads that the JSON array and HTML readers
 * share.
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include "cg-job-import-private.h"

void
cg_import_reader_init (CgImportReader *r,
                       GInputStream   *stream,
                       GCancellable   *cancellable)
{
  memset (r, 0, sizeof *r);
  r->stream = stream;
  r->cancellable = cancellable;
  r->buf = g_malloc (CG_IMPORT_CHUNK_SIZE);
  r->line_start = TRUE;
  r->newline = '\n';
}

void
cg_import_reader_clear (CgImportReader *r)
{
  g_clear_pointer (&r->buf, g_free);
}

static gboolean
reader_fill (CgImportReader  *r,
             GError         **error)
{
  gsize n = 0;

  if (!g_input_stream_read_all (r->stream, r->buf, CG_IMPORT_CHUNK_SIZE, &n, r->cancellable, error))
    return FALSE;

  r->len = n;
  r->pos = 0;
  r->eof = n == 0;

  if (!r->started)
    {
      r->started = TRUE;
      if (n >= 3 && memcmp (r->buf, CG_IMPORT_UTF8_BOM, 3) == 0)
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
int
cg_import_reader_next (CgImportReader  *r,
                       const char     **piece,
                       gsize           *length,
                       gboolean        *starts_line,
                       gboolean        *ends_line,
                       GError         **error)
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

/* Checks @length bytes of text read from a stream (@at_end: nothing
 * follows them): the number of bytes at their end that start a character
 * the next read may finish (0 to 3), or -1 when the text is not UTF-8 (a
 * character cut by the end of a read is whole after the next; none is 4
 * bytes long without being valid) */
gssize
cg_import_utf8_validate_read (const char *data,
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
