/* cg-yaml.h: a thin layer over libyaml's document API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <yaml.h>

G_BEGIN_DECLS

#define CG_YAML_ERROR (cg_yaml_error_quark ())

typedef enum {
  CG_YAML_ERROR_SYNTAX,
  CG_YAML_ERROR_EMPTY,
} CgYamlError;

typedef struct _CgYamlDocument CgYamlDocument;

GQuark          cg_yaml_error_quark     (void);
CgYamlDocument *cg_yaml_document_load   (const char      *data,
                                         gsize            length,
                                         guint            first_line,
                                         GError         **error);
void            cg_yaml_document_free   (CgYamlDocument  *doc);
yaml_node_t    *cg_yaml_document_root   (CgYamlDocument  *doc);
yaml_node_t    *cg_yaml_mapping_get     (CgYamlDocument  *doc,
                                         yaml_node_t     *mapping,
                                         const char      *key);
guint           cg_yaml_mapping_size    (yaml_node_t     *mapping);
const char     *cg_yaml_mapping_key_at  (CgYamlDocument  *doc,
                                         yaml_node_t     *mapping,
                                         guint            index);
yaml_node_t    *cg_yaml_mapping_value_at (CgYamlDocument *doc,
                                         yaml_node_t     *mapping,
                                         guint            index);
guint           cg_yaml_sequence_length (yaml_node_t     *sequence);
yaml_node_t    *cg_yaml_sequence_get    (CgYamlDocument  *doc,
                                         yaml_node_t     *sequence,
                                         guint            index);
const char     *cg_yaml_scalar          (yaml_node_t     *node);
guint           cg_yaml_node_line       (CgYamlDocument  *doc,
                                         yaml_node_t     *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgYamlDocument, cg_yaml_document_free)

G_END_DECLS
