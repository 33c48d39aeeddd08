/* cg-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-application.h"
#include "cg-search-page.h"

G_BEGIN_DECLS

#define CG_TYPE_WINDOW (cg_window_get_type ())

G_DECLARE_FINAL_TYPE (CgWindow, cg_window, CG, WINDOW, AdwApplicationWindow)

CgWindow   *cg_window_new            (CgApplication *application);
void        cg_window_show_page      (CgWindow      *self,
                                      const char    *name);

G_END_DECLS
