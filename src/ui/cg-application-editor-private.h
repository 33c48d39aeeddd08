/* cg-application-editor-private.h: what the tests ask of the application editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-application-editor.c itself) call these.
 */
#pragma once

#include "cg-application-editor.h"

G_BEGIN_DECLS

gboolean       cg_application_editor_has_pending   (CgApplicationEditor  *self);
GtkTextBuffer *cg_application_editor_get_notes_buffer (CgApplicationEditor *self);

G_END_DECLS
