/* cg-library-watch.h: a page's watch on CgLibrary::changed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_LIBRARY_WATCH (cg_library_watch_get_type ())

G_DECLARE_FINAL_TYPE (CgLibraryWatch, cg_library_watch, CG, LIBRARY_WATCH, GObject)

/* Reads again everything @page shows */
typedef void (*CgLibraryWatchFunc) (gpointer page);

CgLibraryWatch *cg_library_watch_new        (GtkWidget          *page,
                                             CgLibrary          *library,
                                             CgLibraryChange     kinds,
                                             CgLibraryWatchFunc  reload);
void            cg_library_watch_mark_fresh (CgLibraryWatch     *self);

G_END_DECLS
