/* cg-page-extract.c: what a web page without JSON-LD says about a posting
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Many boards leave JobPosting JSON-LD out, or write it with JavaScript.
 * What such a page does say (its title, its OpenGraph and meta tags, its
 * main text) is read here with libxml2's HTML parser into a record that the
 * posting editor offers to complete. The main text goes through the one
 * HTML-to-Markdown path, its pay through the one pay parser.
 */
#define G_LOG_DOMAIN "cg-page-extract"

#include "config.h"

#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>

#include "cg-html-markdown.h"
#include "cg-page-extract.h"

/* A pay line is short: "Salary: $60,000 - $75,000 a year" */
#define MAX_PAY_LINE 200

typedef struct {
  char    *og_title;
  char    *og_description;
  char    *og_site_name;
  char    *meta_description;
  char    *title;
  xmlNode *h1;
  xmlNode *main;
  xmlNode *article;
  xmlNode *role_main;
  xmlNode *body;
} Page;

static void
page_clear (Page *page)
{
  g_free (page->og_title);
  g_free (page->og_description);
  g_free (page->og_site_name);
  g_free (page->meta_description);
  g_free (page->title);
}

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->name != NULL &&
         g_ascii_strcasecmp ((const char *) node->name, name) == 0;
}

static char *
dup_attribute (xmlNode    *node,
               const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

/* @text with its runs of white space made one space, trimmed; NULL when
 * nothing is left (takes @text) */
static char *
collapse_space (char *text)
{
  GString *out;
  gboolean space = FALSE;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f')
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }
  g_free (text);

  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static char *
dup_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *text = content != NULL ? g_strdup ((const char *) content) : NULL;

  xmlFree (content);
  return collapse_space (text);
}

/* The node after @node in document order, within @root */
static xmlNode *
next_node (xmlNode *node,
           xmlNode *root,
           gboolean descend)
{
  if (descend && node->children != NULL)
    return node->children;
  while (node != root && node->next == NULL)
    node = node->parent;
  return node == root ? NULL : node->next;
}

static void
read_meta (Page    *page,
           xmlNode *node)
{
  g_autofree char *property = dup_attribute (node, "property");
  g_autofree char *name = dup_attribute (node, "name");
  const char *key = property != NULL ? property : name;
  char **slot = NULL;

  if (key == NULL)
    return;

  if (g_ascii_strcasecmp (key, "og:title") == 0)
    slot = &page->og_title;
  else if (g_ascii_strcasecmp (key, "og:description") == 0)
    slot = &page->og_description;
  else if (g_ascii_strcasecmp (key, "og:site_name") == 0)
    slot = &page->og_site_name;
  else if (name != NULL && g_ascii_strcasecmp (name, "description") == 0)
    slot = &page->meta_description;

  if (slot != NULL && *slot == NULL)
    *slot = collapse_space (dup_attribute (node, "content"));
}

static void
read_page (Page    *page,
           xmlNode *root)
{
  for (xmlNode *node = root; node != NULL; node = next_node (node, root, TRUE))
    {
      g_autofree char *role = NULL;

      if (node->type != XML_ELEMENT_NODE)
        continue;

      if (is_element (node, "meta"))
        read_meta (page, node);
      else if (is_element (node, "title") && page->title == NULL)
        page->title = dup_text (node);
      else if (is_element (node, "h1") && page->h1 == NULL)
        page->h1 = node;
      else if (is_element (node, "main") && page->main == NULL)
        page->main = node;
      else if (is_element (node, "article") && page->article == NULL)
        page->article = node;
      else if (is_element (node, "body") && page->body == NULL)
        page->body = node;

      if (page->role_main == NULL && (role = dup_attribute (node, "role")) != NULL &&
          g_ascii_strcasecmp (role, "main") == 0)
        page->role_main = node;
    }
}

/* Parts of a page that are not its posting */
static gboolean
is_chrome (xmlNode *node)
{
  static const char *const names[] = {
    "nav", "header", "footer", "aside", "form", "script", "style", "noscript",
    "template", "svg", "iframe", "button", "select", "dialog",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (is_element (node, names[i]))
      return TRUE;
  return FALSE;
}

/* The Markdown of @root, without its chrome (which is removed from the tree) */
static char *
main_text (xmlDoc  *doc,
           xmlNode *root)
{
  g_autoptr(GPtrArray) chrome = g_ptr_array_new ();
  xmlBufferPtr buffer;
  char *markdown = NULL;

  for (xmlNode *node = root->children; node != NULL; )
    {
      gboolean drop = node->type == XML_ELEMENT_NODE && is_chrome (node);

      if (drop)
        g_ptr_array_add (chrome, node);
      node = next_node (node, root, !drop);
    }
  for (guint i = 0; i < chrome->len; i++)
    {
      xmlNode *node = g_ptr_array_index (chrome, i);

      xmlUnlinkNode (node);
      xmlFreeNode (node);
    }

  buffer = xmlBufferCreate ();
  if (buffer == NULL)
    return NULL;
  if (htmlNodeDump (buffer, doc, root) >= 0)
    markdown = cg_html_to_markdown ((const char *) xmlBufferContent (buffer),
                                    xmlBufferLength (buffer));
  xmlBufferFree (buffer);

  if (markdown != NULL && *g_strstrip (markdown) == '\0')
    g_clear_pointer (&markdown, g_free);
  return markdown;
}

static gboolean
names_pay (const char *line)
{
  static const char *const words[] = {
    "$", "€", "£", "¥", "₹", "salary", "pay", "compensation", "wage", "rate",
  };
  g_autofree char *lower = NULL;
  gboolean digit = FALSE;

  for (const char *p = line; *p != '\0' && !digit; p++)
    digit = g_ascii_isdigit (*p);
  if (!digit)
    return FALSE;

  lower = g_utf8_strdown (line, -1);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

/* The pay of the first short line of @text that names pay */
static gboolean
find_pay (const char *text,
          CgPay      *pay)
{
  g_auto(GStrv) lines = NULL;

  if (text == NULL)
    return FALSE;

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      GString *line;
      gboolean found;

      if (strlen (lines[i]) > MAX_PAY_LINE || !names_pay (lines[i]))
        continue;

      /* Without Markdown's escapes and emphasis ("**Salary:** \$60,000") */
      line = g_string_new (NULL);
      for (const char *p = lines[i]; *p != '\0'; p++)
        {
          if (*p == '\\' && g_ascii_ispunct (p[1]))
            continue;
          if (*p == '*' || *p == '_' || *p == '#' || *p == '>')
            {
              g_string_append_c (line, ' ');
              continue;
            }
          g_string_append_c (line, *p);
        }
      found = cg_pay_parse (line->str, CG_PAY_UNIT_UNKNOWN, NULL, pay);
      g_string_free (line, TRUE);
      if (found)
        return TRUE;
    }

  return FALSE;
}

CgJobRecord *
cg_page_extract_posting (const char *data,
                         gsize       length,
                         const char *url)
{
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                HTML_PARSE_NONET | HTML_PARSE_NOBLANKS;
  Page page = { 0 };
  xmlDoc *doc = NULL;
  xmlNode *root;
  xmlNode *content;

  record->url = g_strdup (url);

  if (data != NULL && length > 0 && length <= G_MAXINT)
    doc = htmlReadMemory (data, (int) length, url,
                          g_utf8_validate (data, length, NULL) ? "UTF-8" : NULL,
                          options);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;

  if (root != NULL)
    {
      read_page (&page, root);

      record->title = g_strdup (page.og_title);
      if (record->title == NULL && page.h1 != NULL)
        record->title = dup_text (page.h1);
      if (record->title == NULL)
        record->title = g_strdup (page.title);
      record->company = g_strdup (page.og_site_name);

      content = page.main ? page.main : page.article ? page.article
                : page.role_main ? page.role_main : page.body;
      if (content != NULL)
        record->description = main_text (doc, content);
      if (record->description == NULL)
        record->description = cg_html_to_markdown (page.og_description ? page.og_description
                                                   : page.meta_description, -1);
      if (record->description != NULL && *record->description == '\0')
        g_clear_pointer (&record->description, g_free);

      record->has_pay = find_pay (record->description, &record->pay) ||
                        find_pay (page.og_description, &record->pay) ||
                        find_pay (page.meta_description, &record->pay);
    }

  if (doc != NULL)
    xmlFreeDoc (doc);
  page_clear (&page);

  cg_job_record_compute_key (record);
  return g_steal_pointer (&record);
}
