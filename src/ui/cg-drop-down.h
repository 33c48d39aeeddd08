/* cg-drop-down.h: how the drop-downs show their names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void cg_drop_down_show_names (GtkDropDown *dropdown,
                              int          width_chars);

G_END_DECLS
