/* cg-reader-view.h: a hardened web view for rendered Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>
#include <webkit/webkit.h>

G_BEGIN_DECLS

#define CG_TYPE_READER_VIEW (cg_reader_view_get_type ())

G_DECLARE_FINAL_TYPE (CgReaderView, cg_reader_view, CG, READER_VIEW, GtkWidget)

#define CG_READER_SCHEME "cg-resource"

GtkWidget     *cg_reader_view_new            (void);
void           cg_reader_view_load_page      (CgReaderView *self,
                                              const char   *html,
                                              const char   *base_uri);
void           cg_reader_view_begin_load     (CgReaderView *self);
gboolean       cg_reader_view_get_loading    (CgReaderView *self);
void           cg_reader_view_scroll_to      (CgReaderView *self,
                                              const char   *element_id);
void           cg_reader_view_find           (CgReaderView *self,
                                              const char   *text);
void           cg_reader_view_find_next      (CgReaderView *self);
void           cg_reader_view_find_previous  (CgReaderView *self);
void           cg_reader_view_find_finish    (CgReaderView *self);
guint          cg_reader_view_get_match_count (CgReaderView *self);
void           cg_reader_view_set_zoom       (CgReaderView *self,
                                              double        zoom);
void           cg_reader_view_print          (CgReaderView *self);

G_END_DECLS
