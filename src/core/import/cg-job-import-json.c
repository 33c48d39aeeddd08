/* cg-job-import-json.c: a JSON(-LD) document, read whole
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A JSON file that is not a top-level array (an object, a @graph, an
 * ItemList) is read whole, up to CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, by
 * cg_jsonld_parse(). A top-level array, and JSON Lines saved as .json, are
 * streamed instead (see cg-job-import-json-lines.c). Also json-glib's error
 * messages, made readable for every JSON reader.
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-job-import-private.h"
#include "cg-jsonld.h"

/* "3:5: Parse error: what" (json-glib, by way of cg-jsonld) to
 * "line 3, column 5" and "what"; FALSE if it has no position */
gboolean
cg_import_split_json_error (const char  *message,
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
char *
cg_import_describe_json_error (const char *raw_message)
{
  g_autofree char *message = g_utf8_make_valid (raw_message, -1);
  const char *what;
  guint line, column;

  if (cg_import_split_json_error (message, &line, &column, &what))
    return g_strdup_printf (_("Not valid JSON at line %u, column %u: %s"), line, column, what);

  return g_strdup_printf (_("Not valid JSON: %s"), message);
}

/* Whether the JSON text that starts with @data is a top-level array */
gboolean
cg_import_json_starts_array (const char *data,
                             gsize       length)
{
  const char *p = cg_import_skip_bom_and_space (data, data + length);

  return p < data + length && *p == '[';
}

gboolean
cg_import_json_document (CgImport    *im,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  guint line, column;

  if (length >= 3 && memcmp (data, CG_IMPORT_UTF8_BOM, 3) == 0)
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

  if (cg_import_find_text_after_value (data, length, &line, &column))
    {
      g_set_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                   _("Not valid JSON at line %u, column %u: %s"), line, column,
                   _("more text after the end of the document (JSON Lines need one posting a line)"));
      return FALSE;
    }

  records = cg_jsonld_parse (data, length, warnings, &local_error);

  if (records == NULL && g_error_matches (local_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID))
    {
      g_autofree char *message = cg_import_describe_json_error (local_error->message);

      g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID, message);
      return FALSE;
    }

  if (records == NULL)
    return cg_import_fail_nothing_found (im, error);

  for (guint i = 0; i < warnings->len; i++)
    cg_import_skip_posting (im, "%s", (const char *) g_ptr_array_index (warnings, i));
  im->n_found = records->len + warnings->len;

  for (guint i = 0; i < records->len; i++)
    {
      im->bytes_done = im->bytes_total / 2 + (im->bytes_total / 2) * i / records->len;
      if (!cg_import_emit (im, g_ptr_array_index (records, i), error))
        return FALSE;
    }

  im->bytes_done = im->bytes_total;
  if (im->n_emitted == 0)
    return cg_import_fail_nothing_found (im, error);

  return TRUE;
}

/* Reads all of @stream, refusing more than @limit bytes */
GBytes *
cg_import_read_document (GInputStream  *stream,
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
          cg_import_set_too_large_error (0, error);
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
