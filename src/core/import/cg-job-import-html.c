/* cg-job-import-html.c: the JSON-LD blocks of a saved web page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A saved job page holds its postings as <script type="application/ld+json">
 * blocks. The page is streamed through libxml2's HTML parser with SAX
 * callbacks (see HtmlReader), and each block is read by cg_jsonld_parse().
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libxml/HTMLparser.h>
#include <libxml/SAX2.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>

#include "cg-job-import-private.h"
#include "cg-jsonld.h"

/* "application/ld+json", in any case, parameters ignored */
static gboolean
is_json_ld_type (const char *type)
{
  static const char json_ld[] = "application/ld+json";
  const char *end;

  while (cg_import_is_space (*type))
    type++;
  end = type + strcspn (type, ";");
  while (end > type && cg_import_is_space (end[-1]))
    end--;

  return (gsize) (end - type) == strlen (json_ld) &&
         g_ascii_strncasecmp (type, json_ld, strlen (json_ld)) == 0;
}

/* One JSON-LD block: its text (@text, UTF-8 or not) and the line of its
 * <script> tag */
static gboolean
import_json_ld_block (CgImport    *im,
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
      cg_import_find_text_after_value (text, strlen (text), &json_line, &json_column))
    {
      g_autofree char *message = g_strdup_printf (_("Not valid JSON at line %u, column %u: %s"),
                                                  json_line, json_column,
                                                  _("more text after the end of the value"));

      cg_import_add_problem (im, _("JSON-LD block %u (line %ld): %s"), block, line, message);
      return TRUE;
    }

  records = cg_jsonld_parse (text, -1, warnings, &local_error);

  if (records == NULL)
    {
      if (g_error_matches (local_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID))
        {
          g_autofree char *message = cg_import_describe_json_error (local_error->message);

          /* Translators: "JSON-LD block 2 (line 40): Not valid JSON at ..." */
          cg_import_add_problem (im, _("JSON-LD block %u (line %ld): %s"), block, line, message);
        }
      /* else a block about something else (an Organization, a WebSite) */
      return TRUE;
    }

  for (guint i = 0; i < warnings->len; i++)
    cg_import_skip_posting (im, _("JSON-LD block %u (line %ld): %s"), block, line,
                            (const char *) g_ptr_array_index (warnings, i));
  im->n_found += records->len + warnings->len;

  for (guint i = 0; i < records->len; i++)
    if (!cg_import_emit (im, g_ptr_array_index (records, i), error))
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
  CgImport            *im;
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
  cg_import_maybe_report_progress (r->im);
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
stream_is_utf8 (CgImport      *im,
                GInputStream  *stream,
                gboolean      *utf8,
                GError       **error)
{
  g_autofree char *buffer = g_malloc (CG_IMPORT_CHUNK_SIZE + 4);
  gsize kept = 0;  /* bytes of a character cut by the last read */

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer + kept, CG_IMPORT_CHUNK_SIZE,
                                      im->cancellable, error);
      gssize cut;

      if (n < 0)
        return FALSE;
      cut = cg_import_utf8_validate_read (buffer, kept + n, n == 0);
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
read_html_blocks (CgImport       *im,
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
      cg_import_add_problem (r->im, _("JSON-LD block %u (line %ld): longer than %u MB, skipped"),
                             block, line, CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024));
      return TRUE;
    }

  return import_json_ld_block (r->im, text, block, line, error);
}

gboolean
cg_import_html (CgImport      *im,
                GInputStream  *stream,
                GError       **error)
{
  if (!read_html_blocks (im, stream, import_html_block, NULL, error))
    return FALSE;

  im->bytes_done = im->bytes_total;
  if (im->n_emitted == 0)
    return cg_import_fail_nothing_found (im, error);

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
  CgImport im;

  cg_import_init (&im, "", NULL, NULL, &report);
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
