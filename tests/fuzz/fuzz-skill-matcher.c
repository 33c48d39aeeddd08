/* fuzz-skill-matcher.c: libFuzzer target for the skill matcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes, as a posting's text (or, after a leading "T:", a title line
 * and a text): every match names a skill of the vocabulary once, with a
 * known need, a count, and a first mention inside the text it was found in.
 * The vocabulary is the bundled data/content/skills.yaml.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include <glib.h>

#include "cg-skill-matcher.h"
#include "cg-skills-vocabulary.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static CgSkillMatcher *
get_matcher (void)
{
  static CgSkillMatcher *matcher;

  if (matcher == NULL)
    {
      g_autofree char *contents = NULL;
      g_autoptr(CgSkillsVocabulary) vocab = NULL;
      gsize length;

      if (!g_file_get_contents (CG_SKILLS_YAML, &contents, &length, NULL) ||
          (vocab = cg_skills_vocabulary_parse (contents, length, "skills.yaml", NULL)) == NULL)
        __builtin_trap ();
      matcher = cg_skill_matcher_new (vocab);
    }
  return matcher;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  CgSkillMatcher *matcher = get_matcher ();
  guint n_skills = cg_skills_vocabulary_get_n_skills (cg_skill_matcher_get_vocabulary (matcher));
  const char *text = (const char *) data;
  const char *title = NULL;
  gsize title_length = 0, text_length = size;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  if (size >= 2 && memcmp (data, "T:", 2) == 0)
    {
      const char *nl = memchr (data + 2, '\n', size - 2);

      title = text + 2;
      title_length = nl ? (gsize) (nl - title) : size - 2;
      text = nl ? nl + 1 : text + size;
      text_length = size - (gsize) (text - (const char *) data);
    }

  found = cg_skill_matcher_find (matcher, title, (gssize) title_length, text, (gssize) text_length);

  for (guint i = 0; i < found->len; i++)
    {
      const CgSkillMatch *m = &g_array_index (found, CgSkillMatch, i);
      gsize limit = m->in_title ? title_length : text_length;

      if (m->skill >= n_skills || g_hash_table_contains (seen, GUINT_TO_POINTER (m->skill + 1)))
        __builtin_trap ();
      if (m->need != CG_SKILL_NEED_NICE && m->need != CG_SKILL_NEED_REQUIRED)
        __builtin_trap ();
      if (m->count == 0 || m->start >= m->end || m->end > limit)
        __builtin_trap ();
      if (m->in_title && title == NULL)
        __builtin_trap ();
      g_hash_table_add (seen, GUINT_TO_POINTER (m->skill + 1));
    }

  /* nothing in, nothing out */
  if (size == 0 && found->len != 0)
    __builtin_trap ();

  return 0;
}
