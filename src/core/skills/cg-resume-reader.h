/* cg-resume-reader.h: the skills found in a resume file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-skill-matcher.h"

G_BEGIN_DECLS

/* Resumes larger than this are refused: no resume is that long, and a
 * file that is, is not one. */
#define CG_RESUME_MAX_SIZE (16 * 1024 * 1024)

GArray *cg_resume_read_skills (CgSkillMatcher  *matcher,
                               const char      *path,
                               GError         **error);
GArray *cg_resume_find_skills (CgSkillMatcher  *matcher,
                               const char      *data,
                               gsize            length,
                               const char      *name,
                               GError         **error);

G_END_DECLS
