/* cg-skill-matcher.h: finds the skills of the vocabulary in a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cg-skills-vocabulary.h"

G_BEGIN_DECLS

typedef enum {
  CG_SKILL_NEED_NICE = 0,      /* nice to have */
  CG_SKILL_NEED_REQUIRED = 1,  /* required, or asked for without a word */
} CgSkillNeed;

/* One skill found: where it is mentioned first (in the title when
 * @in_title), how many times, and whether the text requires it (the
 * strongest of its mentions). */
typedef struct {
  guint        skill;     /* index in the vocabulary */
  CgSkillNeed  need;
  guint        count;
  gboolean     in_title;
  gsize        start;     /* first mention, in bytes */
  gsize        end;
} CgSkillMatch;

typedef struct _CgSkillMatcher CgSkillMatcher;

CgSkillMatcher     *cg_skill_matcher_new             (CgSkillsVocabulary *vocab);
CgSkillMatcher     *cg_skill_matcher_ref             (CgSkillMatcher     *self);
void                cg_skill_matcher_unref           (CgSkillMatcher     *self);
CgSkillsVocabulary *cg_skill_matcher_get_vocabulary  (CgSkillMatcher     *self);
guint               cg_skill_matcher_get_n_states    (CgSkillMatcher     *self);

GArray             *cg_skill_matcher_find            (CgSkillMatcher     *self,
                                                      const char         *title,
                                                      gssize              title_length,
                                                      const char         *text,
                                                      gssize              text_length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSkillMatcher, cg_skill_matcher_unref)

G_END_DECLS
