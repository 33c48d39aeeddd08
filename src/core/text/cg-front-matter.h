/* cg-front-matter.h: YAML front matter of Markdown documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_FRONT_MATTER_ERROR (cg_front_matter_error_quark ())

typedef enum {
  CG_FRONT_MATTER_ERROR_UNCLOSED,   /* an opening "---" with no closing line */
  CG_FRONT_MATTER_ERROR_SYNTAX,     /* libyaml could not parse the block */
  CG_FRONT_MATTER_ERROR_NOT_MAPPING,/* the block is YAML, but not a mapping */
  CG_FRONT_MATTER_ERROR_TYPE,       /* a known key has a value of the wrong kind */
  CG_FRONT_MATTER_ERROR_ENCODING,   /* the text is not valid UTF-8 */
} CgFrontMatterError;

typedef struct _CgFrontMatter CgFrontMatter;

GQuark          cg_front_matter_error_quark      (void);

CgFrontMatter  *cg_front_matter_parse            (const char          *text,
                                                  gssize               length,
                                                  GError             **error);
void            cg_front_matter_free             (CgFrontMatter       *fm);

gboolean        cg_front_matter_has_block        (const CgFrontMatter *fm);
const char     *cg_front_matter_get_title        (const CgFrontMatter *fm);
const char     *cg_front_matter_get_description  (const CgFrontMatter *fm);
const char * const *cg_front_matter_get_keywords (const CgFrontMatter *fm);
const char     *cg_front_matter_get_image        (const CgFrontMatter *fm);
const char     *cg_front_matter_get_image_alt    (const CgFrontMatter *fm);
const char     *cg_front_matter_get_date         (const CgFrontMatter *fm);
const char     *cg_front_matter_get_string       (const CgFrontMatter *fm,
                                                  const char          *key);
const char * const *cg_front_matter_get_list     (const CgFrontMatter *fm,
                                                  const char          *key);
GList          *cg_front_matter_get_keys         (const CgFrontMatter *fm);
const char     *cg_front_matter_get_body         (const CgFrontMatter *fm);
guint           cg_front_matter_get_body_line    (const CgFrontMatter *fm);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgFrontMatter, cg_front_matter_free)

G_END_DECLS
