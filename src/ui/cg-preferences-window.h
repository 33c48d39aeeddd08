/* cg-preferences-window.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_PREFERENCES_WINDOW (cg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (CgPreferencesWindow, cg_preferences_window, CG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

GtkWidget *cg_preferences_window_new (GtkWindow *parent,
                                      CgLibrary *library);

G_END_DECLS
