/* cg-reader-view-private.h: what the tests ask of the reader view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-reader-view.c itself) call these.
 */
#pragma once

#include "cg-reader-view.h"

G_BEGIN_DECLS

WebKitWebView *cg_reader_view_get_web_view   (CgReaderView *self);
double         cg_reader_view_get_zoom       (CgReaderView *self);

G_END_DECLS
