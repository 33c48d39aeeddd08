/* cg-content-builder.h: data/content/ -> content.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_CONTENT_ERROR (cg_content_error_quark ())

typedef enum {
  CG_CONTENT_ERROR_SOURCE,  /* a source file is wrong: the message is "file:line: what" */
  CG_CONTENT_ERROR_OUTPUT,  /* the database could not be written */
} CgContentError;

GQuark   cg_content_error_quark (void);

/* Reads every source under @source_dir and writes a new content.db at
 * @output_path (through a temporary file, so a failed build leaves no
 * half-written database). */
gboolean cg_content_build       (const char  *source_dir,
                                 const char  *output_path,
                                 GError     **error);

G_END_DECLS
