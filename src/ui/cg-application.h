/* cg-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-library.h"

G_BEGIN_DECLS

#define CG_TYPE_APPLICATION (cg_application_get_type ())

G_DECLARE_FINAL_TYPE (CgApplication, cg_application, CG, APPLICATION, AdwApplication)

CgApplication *cg_application_new         (void);
CgLibrary     *cg_application_get_library (CgApplication *self);
const GError  *cg_application_get_library_error (CgApplication *self);
gboolean       cg_application_retry_library    (CgApplication  *self);
gboolean       cg_application_start_fresh_library (CgApplication  *self,
                                                   char          **moved_to,
                                                   GError        **error);

G_END_DECLS
