/* cg-yaml.c: a thin layer over libyaml's document API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libyaml parses; this only adds GError reporting with file line numbers
 * and typed lookups for the content compiler's YAML sources.
 */
#define G_LOG_DOMAIN "cg-yaml"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-yaml.h"

#define MAX_NODES 100000

struct _CgYamlDocument {
  yaml_document_t document;
  guint           first_line;
};

G_DEFINE_QUARK (cg-yaml-error-quark, cg_yaml_error)

/* Parses one YAML document. @first_line is the file line of the first byte
 * of @data, so that errors and node lines match what an editor shows. */
CgYamlDocument *
cg_yaml_document_load (const char  *data,
                       gsize        length,
                       guint        first_line,
                       GError     **error)
{
  g_autofree CgYamlDocument *doc = g_new0 (CgYamlDocument, 1);
  yaml_parser_t parser;
  gboolean ok;

  doc->first_line = first_line;

  yaml_parser_initialize (&parser);
  yaml_parser_set_input_string (&parser, (const unsigned char *) data, length);
  ok = yaml_parser_load (&parser, &doc->document);

  if (!ok)
    {
      g_set_error (error, CG_YAML_ERROR, CG_YAML_ERROR_SYNTAX, "%zu: %s%s%s",
                   parser.problem_mark.line + first_line,
                   parser.problem ? parser.problem : _("cannot parse YAML"),
                   parser.context ? " " : "",
                   parser.context ? parser.context : "");
      yaml_parser_delete (&parser);
      return NULL;
    }

  yaml_parser_delete (&parser);

  if (yaml_document_get_root_node (&doc->document) == NULL)
    {
      yaml_document_delete (&doc->document);
      g_set_error (error, CG_YAML_ERROR, CG_YAML_ERROR_EMPTY, "%u: %s",
                   first_line, _("the document is empty"));
      return NULL;
    }

  if (doc->document.nodes.top - doc->document.nodes.start > MAX_NODES)
    {
      yaml_document_delete (&doc->document);
      g_set_error (error, CG_YAML_ERROR, CG_YAML_ERROR_SYNTAX, "%u: %s",
                   first_line, _("the document is too large"));
      return NULL;
    }

  return g_steal_pointer (&doc);
}

void
cg_yaml_document_free (CgYamlDocument *doc)
{
  if (doc == NULL)
    return;

  yaml_document_delete (&doc->document);
  g_free (doc);
}

yaml_node_t *
cg_yaml_document_root (CgYamlDocument *doc)
{
  return yaml_document_get_root_node (&doc->document);
}

guint
cg_yaml_mapping_size (yaml_node_t *mapping)
{
  if (mapping == NULL || mapping->type != YAML_MAPPING_NODE)
    return 0;

  return (guint) (mapping->data.mapping.pairs.top - mapping->data.mapping.pairs.start);
}

const char *
cg_yaml_mapping_key_at (CgYamlDocument *doc,
                        yaml_node_t    *mapping,
                        guint           index)
{
  yaml_node_pair_t *pair;

  if (index >= cg_yaml_mapping_size (mapping))
    return NULL;

  pair = mapping->data.mapping.pairs.start + index;
  return cg_yaml_scalar (yaml_document_get_node (&doc->document, pair->key));
}

yaml_node_t *
cg_yaml_mapping_value_at (CgYamlDocument *doc,
                          yaml_node_t    *mapping,
                          guint           index)
{
  yaml_node_pair_t *pair;

  if (index >= cg_yaml_mapping_size (mapping))
    return NULL;

  pair = mapping->data.mapping.pairs.start + index;
  return yaml_document_get_node (&doc->document, pair->value);
}

/* The value of @key in @mapping (the last one, if the key is repeated). */
yaml_node_t *
cg_yaml_mapping_get (CgYamlDocument *doc,
                     yaml_node_t    *mapping,
                     const char     *key)
{
  yaml_node_t *found = NULL;
  guint n = cg_yaml_mapping_size (mapping);

  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (cg_yaml_mapping_key_at (doc, mapping, i), key) == 0)
      found = cg_yaml_mapping_value_at (doc, mapping, i);

  return found;
}

guint
cg_yaml_sequence_length (yaml_node_t *sequence)
{
  if (sequence == NULL || sequence->type != YAML_SEQUENCE_NODE)
    return 0;

  return (guint) (sequence->data.sequence.items.top - sequence->data.sequence.items.start);
}

yaml_node_t *
cg_yaml_sequence_get (CgYamlDocument *doc,
                      yaml_node_t    *sequence,
                      guint           index)
{
  if (index >= cg_yaml_sequence_length (sequence))
    return NULL;

  return yaml_document_get_node (&doc->document, sequence->data.sequence.items.start[index]);
}

const char *
cg_yaml_scalar (yaml_node_t *node)
{
  if (node == NULL || node->type != YAML_SCALAR_NODE)
    return NULL;

  return (const char *) node->data.scalar.value;
}

guint
cg_yaml_node_line (CgYamlDocument *doc,
                   yaml_node_t    *node)
{
  if (node == NULL)
    return doc->first_line;

  return (guint) node->start_mark.line + doc->first_line;
}
