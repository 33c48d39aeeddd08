/* fuzz-html-jsonld.c: the JSON-LD blocks of a saved HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer's HTML reader, cg-job-import-html.c (libxml2's HTML
 * parser, then cg_jsonld_parse() on each <script type="application/ld+json">):
 * every posting it finds must be one the library can store. The reader
 * streams the page through SAX callbacks; the blocks it finds, with their
 * lines, must be those of the document tree libxml2 builds of the same page.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <libxml/HTMLparser.h>

#include "cg-job-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
}

static gboolean
record_cb (const CgJobRecord  *record,
           gpointer            user_data,
           GError            **error)
{
  if (record->title == NULL || *record->title == '\0' || record->key == NULL)
    __builtin_trap ();
  if (record->arrangement != NULL &&
      strcmp (record->arrangement, "onsite") != 0 && strcmp (record->arrangement, "hybrid") != 0 &&
      strcmp (record->arrangement, "remote") != 0)
    __builtin_trap ();

  check_text (record->title);
  check_text (record->company);
  check_text (record->description);
  check_text (record->key);
  for (guint i = 0; i < record->locations->len; i++)
    check_text (g_ptr_array_index (record->locations, i));

  (*(guint *) user_data)++;
  return TRUE;
}

typedef struct {
  const char *p;
  size_t      left;
} Source;

static int
source_read (void *data,
             char *buffer,
             int   size)
{
  Source *source = data;
  size_t n = MIN (source->left, (size_t) size);

  memcpy (buffer, source->p, n);
  source->p += n;
  source->left -= n;
  return (int) n;
}

/* The JSON-LD blocks of a document tree of the page, read as the importer
 * reads it: UTF-8 whatever it says, else as its <meta> says, through
 * libxml2's IO callbacks (libxml2 2.9 decodes a page that says nothing and
 * is not UTF-8 as Latin-1 from its first such byte when it reads it so, and
 * from the first invalid UTF-8 when it reads it from memory) */
static GPtrArray *
tree_blocks (const char *data,
             size_t      size)
{
  gboolean utf8 = g_utf8_validate_len (data, size, NULL);
  /* (HUGE: libxml2 stops building a tree 256 elements deep; the reader,
   * which builds none, goes on) */
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | XML_PARSE_HUGE | (utf8 ? HTML_PARSE_IGNORE_ENC : 0);
  Source source = { data, size };
  htmlDocPtr doc = htmlReadIO (source_read, NULL, &source, NULL, utf8 ? "UTF-8" : NULL, options);
  GPtrArray *blocks = g_ptr_array_new_with_free_func (g_free);
  xmlNode *node = doc != NULL ? doc->children : NULL;

  /* depth first, without recursion; a JSON-LD block is taken whole, other
   * elements (a <script> of another type too: libxml2 can nest one in it)
   * are gone into */
  while (node != NULL)
    {
      gboolean block = FALSE;

      if (node->type == XML_ELEMENT_NODE && g_ascii_strcasecmp ((const char *) node->name, "script") == 0)
        {
          xmlChar *type = xmlGetProp (node, (const xmlChar *) "type");

          block = type != NULL && cg_job_import_is_json_ld_type ((const char *) type);
          if (block)
            {
              xmlChar *content = xmlNodeGetContent (node);

              g_ptr_array_add (blocks, g_strdup_printf ("%ld:%s", xmlGetLineNo (node),
                                                        content ? (const char *) content : ""));
              xmlFree (content);
            }
          xmlFree (type);
        }
      if (!block && node->type == XML_ELEMENT_NODE && node->children != NULL)
        {
          node = node->children;
          continue;
        }

      while (node != NULL && node->next == NULL)
        {
          node = node->parent;
          if (node == (xmlNode *) doc)
            node = NULL;
        }
      if (node != NULL)
        node = node->next;
    }

  xmlFreeDoc (doc);
  return blocks;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) streamed = NULL;
  g_autoptr(GPtrArray) tree = NULL;
  guint n = 0;
  gboolean ok;

  ok = cg_job_import_html_buffer ((const char *) data, size, "fuzz.html", record_cb, &n,
                                  &report, &error);
  if (ok != (n > 0) || ok == (error != NULL))
    __builtin_trap ();
  for (guint i = 0; i < report.problems->len; i++)
    check_text (g_ptr_array_index (report.problems, i));

  /* the streamed reader finds the blocks of the tree */
  streamed = cg_job_import_html_blocks ((const char *) data, size);
  tree = tree_blocks ((const char *) data, size);
  if (streamed == NULL || streamed->len != tree->len)
    __builtin_trap ();
  for (guint i = 0; i < tree->len; i++)
    if (strcmp (g_ptr_array_index (streamed, i), g_ptr_array_index (tree, i)) != 0)
      __builtin_trap ();

  return 0;
}
