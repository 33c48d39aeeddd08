/* cg-guide-render.h: a guide's body rendered, live figures included
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-library.h"
#include "cg-markdown.h"

G_BEGIN_DECLS

gboolean    cg_guide_body_has_live_blocks (const char          *body);
CgMarkdown *cg_guide_render               (CgLibrary           *library,
                                           const char          *body);
void        cg_guide_render_async         (CgLibrary           *library,
                                           const char          *body,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CgMarkdown *cg_guide_render_finish        (CgLibrary           *library,
                                           GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
