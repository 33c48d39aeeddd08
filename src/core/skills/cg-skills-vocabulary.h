/* cg-skills-vocabulary.h: the skills vocabulary (data/content/skills.yaml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_SKILLS_ERROR (cg_skills_error_quark ())

typedef enum {
  CG_SKILLS_ERROR_SOURCE,   /* skills.yaml is wrong: "file:line: what" */
  CG_SKILLS_ERROR_EXAMPLE,  /* an example in the file does not hold */
  CG_SKILLS_ERROR_DB,       /* the tables cannot be read */
} CgSkillsError;

/* Where a heading or a phrase of a posting says what it asks for. */
typedef enum {
  CG_SKILL_MARKER_REQUIREMENTS,  /* a heading starting the required part */
  CG_SKILL_MARKER_NICE,          /* a heading starting the nice-to-have part */
  CG_SKILL_MARKER_OTHER,         /* a heading starting any other part */
  CG_SKILL_MARKER_REQUIRED,      /* a phrase: the skills of its sentence are required */
  CG_SKILL_MARKER_NICE_PHRASE,   /* a phrase: ...are nice to have */
  CG_SKILL_N_MARKERS,
} CgSkillMarkerKind;

/* One spelling of a skill, with the rules that decide whether a mention of
 * it counts. An "except" alias is a phrase holding a spelling that does not
 * mean the skill ("R&D" for R): it is matched and then ignored. */
typedef struct {
  char      *text;
  gboolean   is_except;
  gboolean   case_exact;    /* the text must have this exact case */
  gboolean   prefix;        /* may go on with a model number: "STM32H7" */
  char     **near;          /* one of these words must be near, or */
  char     **near_groups;   /* a skill of one of these groups must be */
  guint      window;        /* how near, in bytes either side */
  guint      line;
} CgSkillAlias;

typedef struct {
  char      *slug;
  char      *name;
  char      *group;
  char      *about;
  GPtrArray *aliases;       /* of CgSkillAlias; the name is one of them */
  guint      line;
} CgSkill;

typedef struct {
  char *key;
  char *name;
} CgSkillGroup;

typedef struct {
  CgSkillMarkerKind kind;
  char             *text;
} CgSkillMarker;

typedef struct _CgSkillsVocabulary CgSkillsVocabulary;

#define CG_SKILL_DEFAULT_WINDOW 80

GQuark              cg_skills_error_quark              (void);

CgSkillsVocabulary *cg_skills_vocabulary_parse         (const char          *data,
                                                        gsize                length,
                                                        const char          *file,
                                                        GError             **error);
gboolean            cg_skills_vocabulary_check_examples (CgSkillsVocabulary *self,
                                                        GError             **error);
CgSkillsVocabulary *cg_skills_vocabulary_load_db       (sqlite3             *db,
                                                        GError             **error);
gboolean            cg_skills_vocabulary_write_db      (CgSkillsVocabulary  *self,
                                                        sqlite3             *db,
                                                        const char          *version,
                                                        GError             **error);
gboolean            cg_skills_build_content            (sqlite3             *db,
                                                        const char          *file,
                                                        const char          *data,
                                                        gsize                length,
                                                        GError             **error);

CgSkillsVocabulary *cg_skills_vocabulary_ref           (CgSkillsVocabulary  *self);
void                cg_skills_vocabulary_unref         (CgSkillsVocabulary  *self);

guint               cg_skills_vocabulary_get_n_skills  (CgSkillsVocabulary  *self);
const CgSkill      *cg_skills_vocabulary_get_skill     (CgSkillsVocabulary  *self,
                                                        guint                index);
int                 cg_skills_vocabulary_find          (CgSkillsVocabulary  *self,
                                                        const char          *name_or_slug);
guint               cg_skills_vocabulary_get_n_groups  (CgSkillsVocabulary  *self);
const CgSkillGroup *cg_skills_vocabulary_get_group     (CgSkillsVocabulary  *self,
                                                        guint                index);
int                 cg_skills_vocabulary_find_group    (CgSkillsVocabulary  *self,
                                                        const char          *key);
guint               cg_skills_vocabulary_get_n_markers (CgSkillsVocabulary  *self);
const CgSkillMarker *cg_skills_vocabulary_get_marker   (CgSkillsVocabulary  *self,
                                                        guint                index);

char               *cg_skills_fold                     (const char          *text,
                                                        gssize               length);
void                cg_skills_fold_into                (const char          *text,
                                                        gsize                length,
                                                        char                *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgSkillsVocabulary, cg_skills_vocabulary_unref)

G_END_DECLS
