/* cg-list-page.h: a page that lists records, with an empty state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CG_TYPE_LIST_PAGE (cg_list_page_get_type ())

G_DECLARE_FINAL_TYPE (CgListPage, cg_list_page, CG, LIST_PAGE, GtkWidget)

GtkWidget  *cg_list_page_new              (void);
void        cg_list_page_set_empty_state  (CgListPage                 *self,
                                           const char                 *icon_name,
                                           const char                 *title,
                                           const char                 *description,
                                           const char                 *button_label,
                                           const char                 *button_action);
void        cg_list_page_set_model        (CgListPage                 *self,
                                           GListModel                 *model,
                                           GtkListBoxCreateWidgetFunc  create_row,
                                           gpointer                    user_data);
GListModel *cg_list_page_get_model        (CgListPage                 *self);
GtkListBox *cg_list_page_get_list_box     (CgListPage                 *self);
void        cg_list_page_set_header       (CgListPage                 *self,
                                           const char                 *text);

G_END_DECLS
