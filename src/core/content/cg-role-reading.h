/* cg-role-reading.h: what there is to read about a role: its guides and questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cg-library.h"

G_BEGIN_DECLS

/* A guide about a role. */
typedef struct {
  char *slug;
  char *title;
} CgRoleGuide;

void        cg_role_guide_free      (CgRoleGuide *guide);
GPtrArray  *cg_role_list_guides     (CgLibrary   *library,
                                     const char  *role);
char      **cg_role_list_questions  (CgLibrary   *library,
                                     const char  *role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgRoleGuide, cg_role_guide_free)

G_END_DECLS
