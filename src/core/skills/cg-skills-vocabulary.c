/* cg-skills-vocabulary.c: the skills vocabulary (data/content/skills.yaml)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vocabulary is read from skills.yaml by the content compiler, which
 * checks it (known groups, well-formed rules, no spelling claimed by two
 * skills, every rule shown at work by an example of the file) and writes it
 * into content.db's skill tables; the application reads it back from those
 * tables in user.db. data/content/README.md describes the file.
 */
#define G_LOG_DOMAIN "cg-skills"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-db.h"
#include "cg-skill-matcher.h"
#include "cg-skills-extract.h"
#include "cg-skills-vocabulary.h"
#include "cg-yaml.h"

#define MAX_WINDOW 400
#define MAX_GROUPS 64

typedef struct {
  char  *text;
  GStrv  finds;
  GStrv  misses;
  guint  line;
} Example;

struct _CgSkillsVocabulary {
  gatomicrefcount  ref_count;
  char            *file;
  GPtrArray       *groups;    /* of CgSkillGroup */
  GPtrArray       *skills;    /* of CgSkill */
  GPtrArray       *markers;   /* of CgSkillMarker */
  GPtrArray       *examples;  /* of Example */
};

static const char *marker_keys[CG_SKILL_N_MARKERS] = {
  "requirements", "nice", "other", "required", "nice-phrase",
};

G_DEFINE_QUARK (cg-skills-error-quark, cg_skills_error)

static void
alias_free (CgSkillAlias *alias)
{
  g_free (alias->text);
  g_strfreev (alias->near);
  g_strfreev (alias->near_groups);
  g_free (alias);
}

static void
skill_free (CgSkill *skill)
{
  g_free (skill->slug);
  g_free (skill->name);
  g_free (skill->group);
  g_free (skill->about);
  g_ptr_array_unref (skill->aliases);
  g_free (skill);
}

static void
group_free (CgSkillGroup *group)
{
  g_free (group->key);
  g_free (group->name);
  g_free (group);
}

static void
marker_free (CgSkillMarker *marker)
{
  g_free (marker->text);
  g_free (marker);
}

static void
example_free (Example *example)
{
  g_free (example->text);
  g_strfreev (example->finds);
  g_strfreev (example->misses);
  g_free (example);
}

static CgSkillsVocabulary *
vocabulary_new (const char *file)
{
  CgSkillsVocabulary *self = g_new0 (CgSkillsVocabulary, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->file = g_strdup (file);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  self->skills = g_ptr_array_new_with_free_func ((GDestroyNotify) skill_free);
  self->markers = g_ptr_array_new_with_free_func ((GDestroyNotify) marker_free);
  self->examples = g_ptr_array_new_with_free_func ((GDestroyNotify) example_free);
  return self;
}

CgSkillsVocabulary *
cg_skills_vocabulary_ref (CgSkillsVocabulary *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cg_skills_vocabulary_unref (CgSkillsVocabulary *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->file);
  g_ptr_array_unref (self->groups);
  g_ptr_array_unref (self->skills);
  g_ptr_array_unref (self->markers);
  g_ptr_array_unref (self->examples);
  g_free (self);
}

/* Folding: ASCII and every character whose lower case has the same UTF-8
 * length are lowered in place, so that offsets in the folded text are
 * offsets in the original (the few others, such as "İ", stay as they are).
 * Invalid bytes are copied. */
void
cg_skills_fold_into (const char *text,
                     gsize       length,
                     char       *out)
{
  gsize i = 0;

  while (i < length)
    {
      guchar c = (guchar) text[i];

      if (c < 0x80)
        {
          out[i] = g_ascii_tolower ((char) c);
          i++;
        }
      else
        {
          gunichar u = g_utf8_get_char_validated (text + i, (gssize) (length - i));
          char buf[6];
          int n, m;

          if (u == (gunichar) -1 || u == (gunichar) -2)
            {
              out[i] = (char) c;
              i++;
              continue;
            }
          n = g_utf8_skip[c];
          m = g_unichar_to_utf8 (g_unichar_tolower (u), buf);
          memcpy (out + i, m == n ? buf : text + i, (gsize) n);
          i += (gsize) n;
        }
    }
}

char *
cg_skills_fold (const char *text,
                gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  char *out = g_malloc (n + 1);

  cg_skills_fold_into (text, n, out);
  out[n] = '\0';
  return out;
}

/* "C++" -> "cpp", "C#" -> "c-sharp", "TensorFlow Lite" -> "tensorflow-lite" */
static char *
make_slug (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *slug = g_string_new (NULL);

  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (*p == '+')
        g_string_append_c (slug, 'p');
      else if (*p == '#')
        g_string_append (slug, slug->len > 0 ? "-sharp" : "sharp");
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);

  return g_string_free (slug, FALSE);
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (GError     **error,
      const char  *file,
      guint        line,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CG_SKILLS_ERROR, CG_SKILLS_ERROR_SOURCE, "%s:%u: %s", file, line, message);
  return FALSE;
}

/* A scalar or a list of non-empty scalars. */
static gboolean
read_strings (CgYamlDocument  *doc,
              yaml_node_t     *node,
              GStrv           *out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (cg_yaml_scalar (node) != NULL)
    {
      if (*cg_yaml_scalar (node) == '\0')
        return FALSE;
      g_strv_builder_add (builder, cg_yaml_scalar (node));
    }
  else if (node != NULL && node->type == YAML_SEQUENCE_NODE)
    {
      for (guint i = 0; i < cg_yaml_sequence_length (node); i++)
        {
          const char *s = cg_yaml_scalar (cg_yaml_sequence_get (doc, node, i));

          if (s == NULL || *s == '\0')
            return FALSE;
          g_strv_builder_add (builder, s);
        }
    }
  else if (node != NULL)
    return FALSE;

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
check_keys (CgYamlDocument      *doc,
            yaml_node_t         *mapping,
            const char * const  *known,
            const char          *file,
            const char          *what,
            GError             **error)
{
  for (guint i = 0; i < cg_yaml_mapping_size (mapping); i++)
    {
      const char *key = cg_yaml_mapping_key_at (doc, mapping, i);

      if (key == NULL || !g_strv_contains (known, key))
        return fail (error, file, cg_yaml_node_line (doc, cg_yaml_mapping_value_at (doc, mapping, i)),
                     _("unknown key “%s” in %s"), key ? key : "", what);
    }
  return TRUE;
}

static gboolean
parse_groups (CgSkillsVocabulary  *self,
              CgYamlDocument      *doc,
              yaml_node_t         *node,
              GError             **error)
{
  static const char *known[] = { "key", "name", NULL };

  if (node == NULL || node->type != YAML_SEQUENCE_NODE || cg_yaml_sequence_length (node) == 0)
    return fail (error, self->file, cg_yaml_node_line (doc, node),
                 _("“groups” must be a list of {key, name}"));
  if (cg_yaml_sequence_length (node) > MAX_GROUPS)
    return fail (error, self->file, cg_yaml_node_line (doc, node),
                 _("at most %d groups"), MAX_GROUPS);

  for (guint i = 0; i < cg_yaml_sequence_length (node); i++)
    {
      yaml_node_t *item = cg_yaml_sequence_get (doc, node, i);
      const char *key = cg_yaml_scalar (cg_yaml_mapping_get (doc, item, "key"));
      const char *name = cg_yaml_scalar (cg_yaml_mapping_get (doc, item, "name"));
      guint line = cg_yaml_node_line (doc, item);
      CgSkillGroup *group;

      if (item->type != YAML_MAPPING_NODE || key == NULL || *key == '\0' || name == NULL)
        return fail (error, self->file, line, _("a group needs a key and a name"));
      if (!check_keys (doc, item, known, self->file, _("a group"), error))
        return FALSE;
      if (cg_skills_vocabulary_find_group (self, key) >= 0)
        return fail (error, self->file, line, _("group “%s” is listed twice"), key);

      group = g_new0 (CgSkillGroup, 1);
      group->key = g_strdup (key);
      group->name = g_strdup (name);
      g_ptr_array_add (self->groups, group);
    }

  return TRUE;
}

static gboolean
parse_markers (CgSkillsVocabulary  *self,
               CgYamlDocument      *doc,
               yaml_node_t         *node,
               GError             **error)
{
  if (node == NULL)
    return TRUE;
  if (node->type != YAML_MAPPING_NODE)
    return fail (error, self->file, cg_yaml_node_line (doc, node),
                 _("“markers” must map a kind to a list of phrases"));

  for (guint i = 0; i < cg_yaml_mapping_size (node); i++)
    {
      const char *key = cg_yaml_mapping_key_at (doc, node, i);
      yaml_node_t *value = cg_yaml_mapping_value_at (doc, node, i);
      g_auto(GStrv) phrases = NULL;
      int kind = -1;

      for (int k = 0; k < CG_SKILL_N_MARKERS; k++)
        if (g_strcmp0 (key, marker_keys[k]) == 0)
          kind = k;
      if (kind < 0)
        return fail (error, self->file, cg_yaml_node_line (doc, value),
                     _("unknown marker kind “%s” (requirements, nice, other, required, nice-phrase)"),
                     key ? key : "");
      if (!read_strings (doc, value, &phrases))
        return fail (error, self->file, cg_yaml_node_line (doc, value),
                     _("markers must be a list of phrases"));

      for (guint p = 0; phrases[p]; p++)
        {
          CgSkillMarker *marker = g_new0 (CgSkillMarker, 1);

          marker->kind = (CgSkillMarkerKind) kind;
          marker->text = g_strdup (phrases[p]);
          g_ptr_array_add (self->markers, marker);
        }
    }

  return TRUE;
}

static CgSkillAlias *
parse_alias (CgSkillsVocabulary  *self,
             CgYamlDocument      *doc,
             yaml_node_t         *node,
             GError             **error)
{
  static const char *known[] = { "text", "case", "prefix", "near", "near-groups", "window", NULL };
  CgSkillAlias *alias;
  const char *text, *value;
  guint line = cg_yaml_node_line (doc, node);
  yaml_node_t *n;

  if (cg_yaml_scalar (node) != NULL)
    {
      if (*cg_yaml_scalar (node) == '\0' || strlen (cg_yaml_scalar (node)) > 200)
        {
          fail (error, self->file, line, _("an alias must be 1 to 200 bytes of text"));
          return NULL;
        }
      alias = g_new0 (CgSkillAlias, 1);
      alias->text = g_strdup (cg_yaml_scalar (node));
      alias->line = line;
      return alias;
    }

  text = cg_yaml_scalar (cg_yaml_mapping_get (doc, node, "text"));
  if (node->type != YAML_MAPPING_NODE || text == NULL || *text == '\0' || strlen (text) > 200)
    {
      fail (error, self->file, line, _("an alias is text, or a mapping with “text” and its rules"));
      return NULL;
    }
  if (!check_keys (doc, node, known, self->file, _("an alias"), error))
    return NULL;

  alias = g_new0 (CgSkillAlias, 1);
  alias->text = g_strdup (text);
  alias->line = line;

  value = cg_yaml_scalar (n = cg_yaml_mapping_get (doc, node, "case"));
  if (n != NULL)
    {
      if (g_strcmp0 (value, "exact") == 0)
        alias->case_exact = TRUE;
      else if (g_strcmp0 (value, "any") != 0)
        goto bad_case;
    }

  value = cg_yaml_scalar (n = cg_yaml_mapping_get (doc, node, "prefix"));
  if (n != NULL)
    {
      if (g_strcmp0 (value, "true") == 0)
        alias->prefix = TRUE;
      else if (g_strcmp0 (value, "false") != 0)
        {
          fail (error, self->file, cg_yaml_node_line (doc, n), _("“prefix” must be true or false"));
          goto out;
        }
      if (!g_ascii_isalnum (text[strlen (text) - 1]))
        {
          fail (error, self->file, cg_yaml_node_line (doc, n),
                _("“prefix” needs an alias ending in a letter or digit"));
          goto out;
        }
    }

  n = cg_yaml_mapping_get (doc, node, "near");
  if (n != NULL && (!read_strings (doc, n, &alias->near) || alias->near[0] == NULL))
    {
      fail (error, self->file, cg_yaml_node_line (doc, n), _("“near” must be a list of words"));
      goto out;
    }

  n = cg_yaml_mapping_get (doc, node, "near-groups");
  if (n != NULL)
    {
      if (!read_strings (doc, n, &alias->near_groups) || alias->near_groups[0] == NULL)
        {
          fail (error, self->file, cg_yaml_node_line (doc, n), _("“near-groups” must be a list of groups"));
          goto out;
        }
      for (guint i = 0; alias->near_groups[i]; i++)
        if (cg_skills_vocabulary_find_group (self, alias->near_groups[i]) < 0)
          {
            fail (error, self->file, cg_yaml_node_line (doc, n), _("unknown group “%s”"),
                  alias->near_groups[i]);
            goto out;
          }
    }

  value = cg_yaml_scalar (n = cg_yaml_mapping_get (doc, node, "window"));
  if (n != NULL)
    {
      guint64 w = 0;

      if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, MAX_WINDOW, &w, NULL))
        {
          fail (error, self->file, cg_yaml_node_line (doc, n),
                _("“window” must be a number of bytes from 1 to %d"), MAX_WINDOW);
          goto out;
        }
      if (alias->near == NULL && alias->near_groups == NULL)
        {
          fail (error, self->file, cg_yaml_node_line (doc, n),
                _("“window” needs “near” or “near-groups”"));
          goto out;
        }
      alias->window = (guint) w;
    }
  if (alias->window == 0 && (alias->near != NULL || alias->near_groups != NULL))
    alias->window = CG_SKILL_DEFAULT_WINDOW;

  return alias;

bad_case:
  fail (error, self->file, cg_yaml_node_line (doc, n), _("“case” must be exact or any"));
out:
  alias_free (alias);
  return NULL;
}

static gboolean
parse_examples (CgSkillsVocabulary  *self,
                CgYamlDocument      *doc,
                yaml_node_t         *node,
                GError             **error)
{
  static const char *known[] = { "text", "finds", "misses", NULL };

  if (node == NULL)
    return TRUE;
  if (node->type != YAML_SEQUENCE_NODE)
    return fail (error, self->file, cg_yaml_node_line (doc, node),
                 _("“examples” must be a list of {text, finds, misses}"));

  for (guint i = 0; i < cg_yaml_sequence_length (node); i++)
    {
      yaml_node_t *item = cg_yaml_sequence_get (doc, node, i);
      const char *text = cg_yaml_scalar (cg_yaml_mapping_get (doc, item, "text"));
      guint line = cg_yaml_node_line (doc, item);
          Example *example;

      if (item->type != YAML_MAPPING_NODE || text == NULL)
        return fail (error, self->file, line, _("an example needs a text"));
      if (!check_keys (doc, item, known, self->file, _("an example"), error))
        return FALSE;

      example = g_new0 (Example, 1);
      example->text = g_strdup (text);
      example->line = line;
      g_ptr_array_add (self->examples, example);
      if (!read_strings (doc, cg_yaml_mapping_get (doc, item, "finds"), &example->finds) ||
          !read_strings (doc, cg_yaml_mapping_get (doc, item, "misses"), &example->misses))
        return fail (error, self->file, line, _("“finds” and “misses” must be lists of skill names"));
      if (example->finds[0] == NULL && example->misses[0] == NULL)
        return fail (error, self->file, line, _("an example needs “finds” or “misses”"));
    }

  return TRUE;
}

static CgSkill *
parse_skill (CgSkillsVocabulary  *self,
             CgYamlDocument      *doc,
             yaml_node_t         *node,
             GError             **error)
{
  static const char *known[] = { "name", "id", "group", "about", "aliases", "except", "examples", NULL };
  g_autoptr(GPtrArray) aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) alias_free);
  g_auto(GStrv) excepts = NULL;
  const char *name, *id, *group, *about;
  guint line = cg_yaml_node_line (doc, node);
  yaml_node_t *list;
  gboolean name_listed = FALSE;
  CgSkill *skill;

  if (node->type != YAML_MAPPING_NODE)
    {
      fail (error, self->file, line, _("a skill is a mapping with a name and a group"));
      return NULL;
    }
  if (!check_keys (doc, node, known, self->file, _("a skill"), error))
    return NULL;

  name = cg_yaml_scalar (cg_yaml_mapping_get (doc, node, "name"));
  id = cg_yaml_scalar (cg_yaml_mapping_get (doc, node, "id"));
  group = cg_yaml_scalar (cg_yaml_mapping_get (doc, node, "group"));
  about = cg_yaml_scalar (cg_yaml_mapping_get (doc, node, "about"));

  if (name == NULL || *name == '\0' || strlen (name) > 200)
    {
      fail (error, self->file, line, _("a skill needs a name"));
      return NULL;
    }
  if (group == NULL || cg_skills_vocabulary_find_group (self, group) < 0)
    {
      fail (error, self->file, line, _("skill “%s”: unknown group “%s”"), name, group ? group : "");
      return NULL;
    }

  list = cg_yaml_mapping_get (doc, node, "aliases");
  if (list != NULL && list->type != YAML_SEQUENCE_NODE)
    {
      fail (error, self->file, cg_yaml_node_line (doc, list), _("“aliases” must be a list"));
      return NULL;
    }
  for (guint i = 0; i < cg_yaml_sequence_length (list); i++)
    {
      CgSkillAlias *alias = parse_alias (self, doc, cg_yaml_sequence_get (doc, list, i), error);

      if (alias == NULL)
        return NULL;
      if (strcmp (alias->text, name) == 0)
        name_listed = TRUE;
      g_ptr_array_add (aliases, alias);
    }
  if (!name_listed)
    {
      CgSkillAlias *alias = g_new0 (CgSkillAlias, 1);

      alias->text = g_strdup (name);
      alias->line = line;
      g_ptr_array_insert (aliases, 0, alias);
    }

  list = cg_yaml_mapping_get (doc, node, "except");
  if (list != NULL && (!read_strings (doc, list, &excepts)))
    {
      fail (error, self->file, cg_yaml_node_line (doc, list), _("“except” must be a list of phrases"));
      return NULL;
    }
  for (guint i = 0; excepts && excepts[i]; i++)
    {
      CgSkillAlias *alias = g_new0 (CgSkillAlias, 1);

      alias->text = g_strdup (excepts[i]);
      alias->is_except = TRUE;
      alias->line = cg_yaml_node_line (doc, list);
      g_ptr_array_add (aliases, alias);
    }

  if (!parse_examples (self, doc, cg_yaml_mapping_get (doc, node, "examples"), error))
    return NULL;

  skill = g_new0 (CgSkill, 1);
  skill->name = g_strdup (name);
  skill->slug = id ? g_strdup (id) : make_slug (name);
  skill->group = g_strdup (group);
  skill->about = g_strdup (about);
  skill->aliases = g_steal_pointer (&aliases);
  skill->line = line;

  return skill;
}

static gboolean
has_rules (const CgSkill *skill)
{
  for (guint i = 0; i < skill->aliases->len; i++)
    {
      const CgSkillAlias *a = g_ptr_array_index (skill->aliases, i);

      if (a->is_except || a->case_exact || a->prefix || a->near || a->near_groups)
        return TRUE;
    }
  return FALSE;
}

/* Whether an earlier alias of @skill has the same letters as its alias
 * @index in another case, both of exact case. */
static gboolean
exact_twin (const CgSkill *skill,
            guint          index)
{
  const CgSkillAlias *alias = g_ptr_array_index (skill->aliases, index);
  g_autofree char *folded = cg_skills_fold (alias->text, -1);

  for (guint j = 0; j < index; j++)
    {
      const CgSkillAlias *other = g_ptr_array_index (skill->aliases, j);
      g_autofree char *f = cg_skills_fold (other->text, -1);

      if (!other->is_except && strcmp (f, folded) == 0)
        return other->case_exact && strcmp (other->text, alias->text) != 0;
    }
  return FALSE;
}

/* Aliases claimed twice, excepts that hold no alias of their skill, slugs. */
static gboolean
validate (CgSkillsVocabulary  *self,
          GError             **error)
{
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) slugs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint s = 0; s < self->skills->len; s++)
    {
      CgSkill *skill = g_ptr_array_index (self->skills, s);

      for (const char *p = skill->slug; *p; p++)
        if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
          return fail (error, self->file, skill->line,
                       _("skill “%s”: the id “%s” must be a slug (a-z, 0-9, -)"), skill->name, skill->slug);
      if (*skill->slug == '\0')
        return fail (error, self->file, skill->line,
                     _("skill “%s” needs an “id” (a slug: a-z, 0-9, -)"), skill->name);
      if (g_hash_table_contains (slugs, skill->slug))
        return fail (error, self->file, skill->line,
                     _("skill “%s”: the id “%s” is taken by “%s” (give it an “id”)"), skill->name,
                     skill->slug, ((CgSkill *) g_hash_table_lookup (slugs, skill->slug))->name);
      if (g_hash_table_contains (names, skill->name))
        return fail (error, self->file, skill->line, _("skill “%s” is listed twice"), skill->name);
      g_hash_table_insert (slugs, skill->slug, skill);
      g_hash_table_insert (names, skill->name, skill);

      for (guint i = 0; i < skill->aliases->len; i++)
        {
          CgSkillAlias *alias = g_ptr_array_index (skill->aliases, i);
          g_autofree char *folded = cg_skills_fold (alias->text, -1);
          gpointer owner;

          if (alias->is_except)
            continue;
          if (g_hash_table_lookup_extended (claimed, folded, NULL, &owner))
            {
              CgSkill *other = g_ptr_array_index (self->skills, GPOINTER_TO_UINT (owner));

              /* "ARM" and "Arm", both of exact case, may share a skill */
              if (other == skill && alias->case_exact && exact_twin (skill, i))
                continue;
              if (other == skill)
                return fail (error, self->file, alias->line,
                             _("skill “%s”: alias “%s” is listed twice"), skill->name, alias->text);
              return fail (error, self->file, alias->line,
                           _("alias “%s” of “%s” is already claimed by “%s” (line %u)"),
                           alias->text, skill->name, other->name, other->line);
            }
          g_hash_table_insert (claimed, g_steal_pointer (&folded), GUINT_TO_POINTER (s));
        }
    }

  /* an except phrase must hold one of its skill's spellings */
  for (guint s = 0; s < self->skills->len; s++)
    {
      CgSkill *skill = g_ptr_array_index (self->skills, s);

      for (guint i = 0; i < skill->aliases->len; i++)
        {
          CgSkillAlias *except = g_ptr_array_index (skill->aliases, i);
          g_autofree char *folded = NULL;
          gboolean holds = FALSE;

          if (!except->is_except)
            continue;
          folded = cg_skills_fold (except->text, -1);
          if (g_hash_table_contains (claimed, folded) &&
              GPOINTER_TO_UINT (g_hash_table_lookup (claimed, folded)) == s)
            return fail (error, self->file, except->line,
                         _("skill “%s”: “%s” is both an alias and an exception"), skill->name, except->text);
          for (guint j = 0; j < skill->aliases->len && !holds; j++)
            {
              CgSkillAlias *alias = g_ptr_array_index (skill->aliases, j);
              g_autofree char *a = NULL;

              if (alias->is_except)
                continue;
              a = cg_skills_fold (alias->text, -1);
              holds = strstr (folded, a) != NULL;
            }
          if (!holds)
            return fail (error, self->file, except->line,
                         _("skill “%s”: the exception “%s” holds none of its aliases"),
                         skill->name, except->text);
        }
    }

  return TRUE;
}

CgSkillsVocabulary *
cg_skills_vocabulary_parse (const char  *data,
                            gsize        length,
                            const char  *file,
                            GError     **error)
{
  static const char *known[] = { "groups", "markers", "skills", NULL };
  g_autoptr(CgSkillsVocabulary) self = vocabulary_new (file);
  g_autoptr(CgYamlDocument) doc = NULL;
  g_autoptr(GError) local_error = NULL;
  yaml_node_t *root, *skills;

  if (!g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error (error, CG_SKILLS_ERROR, CG_SKILLS_ERROR_SOURCE, "%s: %s", file, _("not valid UTF-8 text"));
      return NULL;
    }

  doc = cg_yaml_document_load (data, length, 1, &local_error);
  if (doc == NULL)
    {
      /* cg-yaml's messages start with the line: "4: did not find ..." */
      g_set_error (error, CG_SKILLS_ERROR, CG_SKILLS_ERROR_SOURCE, "%s:%s", file, local_error->message);
      return NULL;
    }

  root = cg_yaml_document_root (doc);
  if (root->type != YAML_MAPPING_NODE)
    {
      fail (error, file, cg_yaml_node_line (doc, root), _("expected a mapping with groups, markers and skills"));
      return NULL;
    }
  if (!check_keys (doc, root, known, file, _("the vocabulary"), error) ||
      !parse_groups (self, doc, cg_yaml_mapping_get (doc, root, "groups"), error) ||
      !parse_markers (self, doc, cg_yaml_mapping_get (doc, root, "markers"), error))
    return NULL;

  skills = cg_yaml_mapping_get (doc, root, "skills");
  if (skills == NULL || skills->type != YAML_SEQUENCE_NODE)
    {
      fail (error, file, cg_yaml_node_line (doc, skills ? skills : root), _("“skills” must be a list"));
      return NULL;
    }

  for (guint i = 0; i < cg_yaml_sequence_length (skills); i++)
    {
      guint first_example = self->examples->len;
      CgSkill *skill = parse_skill (self, doc, cg_yaml_sequence_get (doc, skills, i), error);

      if (skill == NULL)
        return NULL;
      g_ptr_array_add (self->skills, skill);

      /* a rule is shown at work: found once, and once not found */
      if (has_rules (skill))
        {
          gboolean found = FALSE, missed = FALSE;

          for (guint e = first_example; e < self->examples->len; e++)
            {
              Example *example = g_ptr_array_index (self->examples, e);

              found |= g_strv_contains ((const char * const *) example->finds, skill->name);
              missed |= g_strv_contains ((const char * const *) example->misses, skill->name);
            }
          if (!found || !missed)
            {
              fail (error, file, skill->line,
                    _("skill “%s” has rules: give it examples where it is found and where it is not"),
                    skill->name);
              return NULL;
            }
        }
    }

  if (!validate (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

/* Runs every example of the file through a matcher made from it. */
gboolean
cg_skills_vocabulary_check_examples (CgSkillsVocabulary  *self,
                                     GError             **error)
{
  g_autoptr(CgSkillMatcher) matcher = cg_skill_matcher_new (self);

  for (guint e = 0; e < self->examples->len; e++)
    {
      Example *example = g_ptr_array_index (self->examples, e);
      g_autoptr(GArray) found = cg_skill_matcher_find (matcher, NULL, 0, example->text, -1);
      GStrv lists[2] = { example->finds, example->misses };

      for (guint l = 0; l < 2; l++)
        for (guint i = 0; lists[l][i]; i++)
          {
            int skill = cg_skills_vocabulary_find (self, lists[l][i]);
            gboolean present = FALSE;

            if (skill < 0)
              return fail (error, self->file, example->line, _("unknown skill “%s” in an example"),
                           lists[l][i]);
            for (guint f = 0; f < found->len; f++)
              present |= g_array_index (found, CgSkillMatch, f).skill == (guint) skill;

            if (present != (l == 0))
              {
                g_set_error (error, CG_SKILLS_ERROR, CG_SKILLS_ERROR_EXAMPLE,
                             l == 0 ? _("%s:%u: the example “%s” should find “%s” and does not")
                                    : _("%s:%u: the example “%s” should not find “%s” and does"),
                             self->file, example->line, example->text, lists[l][i]);
                return FALSE;
              }
          }
    }

  return TRUE;
}

static char *
join_or_null (char **list)
{
  return list ? g_strjoinv ("\n", list) : NULL;
}

gboolean
cg_skills_vocabulary_write_db (CgSkillsVocabulary  *self,
                               sqlite3             *db,
                               const char          *version,
                               GError             **error)
{
  g_autoptr(sqlite3_stmt) group_stmt = NULL;
  g_autoptr(sqlite3_stmt) skill_stmt = NULL;
  g_autoptr(sqlite3_stmt) alias_stmt = NULL;
  g_autoptr(sqlite3_stmt) marker_stmt = NULL;
  g_autoptr(sqlite3_stmt) meta_stmt = NULL;

  group_stmt = cg_db_prepare (db, "INSERT INTO skill_groups (key, name, position) VALUES (?, ?, ?)", error);
  skill_stmt = group_stmt ? cg_db_prepare (db,
    "INSERT INTO skills (slug, name, skill_group, about, position) VALUES (?, ?, ?, ?, ?)", error) : NULL;
  alias_stmt = skill_stmt ? cg_db_prepare (db,
    "INSERT INTO skill_aliases (skill, text, kind, case_exact, prefix, near, near_groups, near_window)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error) : NULL;
  marker_stmt = alias_stmt ? cg_db_prepare (db,
    "INSERT INTO skill_markers (kind, text) VALUES (?, ?)", error) : NULL;
  meta_stmt = marker_stmt ? cg_db_prepare (db,
    "INSERT OR REPLACE INTO meta (key, value) VALUES ('skills_version', ?)", error) : NULL;
  if (meta_stmt == NULL)
    return FALSE;

  for (guint g = 0; g < self->groups->len; g++)
    {
      CgSkillGroup *group = g_ptr_array_index (self->groups, g);

      cg_db_bind_text (group_stmt, 1, group->key);
      cg_db_bind_text (group_stmt, 2, group->name);
      sqlite3_bind_int (group_stmt, 3, (int) g);
      if (!cg_db_step_done (db, group_stmt, error))
        return FALSE;
    }

  for (guint s = 0; s < self->skills->len; s++)
    {
      CgSkill *skill = g_ptr_array_index (self->skills, s);

      cg_db_bind_text (skill_stmt, 1, skill->slug);
      cg_db_bind_text (skill_stmt, 2, skill->name);
      cg_db_bind_text (skill_stmt, 3, skill->group);
      cg_db_bind_text (skill_stmt, 4, skill->about);
      sqlite3_bind_int (skill_stmt, 5, (int) s);
      if (!cg_db_step_done (db, skill_stmt, error))
        return FALSE;

      for (guint i = 0; i < skill->aliases->len; i++)
        {
          CgSkillAlias *alias = g_ptr_array_index (skill->aliases, i);
          g_autofree char *near = join_or_null (alias->near);
          g_autofree char *near_groups = join_or_null (alias->near_groups);

          cg_db_bind_text (alias_stmt, 1, skill->slug);
          cg_db_bind_text (alias_stmt, 2, alias->text);
          cg_db_bind_text (alias_stmt, 3, alias->is_except ? "except" : "alias");
          sqlite3_bind_int (alias_stmt, 4, alias->case_exact);
          sqlite3_bind_int (alias_stmt, 5, alias->prefix);
          cg_db_bind_text (alias_stmt, 6, near);
          cg_db_bind_text (alias_stmt, 7, near_groups);
          sqlite3_bind_int (alias_stmt, 8, (int) alias->window);
          if (!cg_db_step_done (db, alias_stmt, error))
            return FALSE;
        }
    }

  for (guint m = 0; m < self->markers->len; m++)
    {
      CgSkillMarker *marker = g_ptr_array_index (self->markers, m);

      cg_db_bind_text (marker_stmt, 1, marker_keys[marker->kind]);
      cg_db_bind_text (marker_stmt, 2, marker->text);
      if (!cg_db_step_done (db, marker_stmt, error))
        return FALSE;
    }

  cg_db_bind_text (meta_stmt, 1, version);
  return cg_db_step_done (db, meta_stmt, error);
}

static char **
split_or_null (const char *text)
{
  return text && *text ? g_strsplit (text, "\n", -1) : NULL;
}

/* Reads the vocabulary back from the skill tables of a content.db or a
 * user.db (its copy). An empty vocabulary is not an error. */
CgSkillsVocabulary *
cg_skills_vocabulary_load_db (sqlite3  *db,
                              GError  **error)
{
  g_autoptr(CgSkillsVocabulary) self = vocabulary_new ("skills");
  g_autoptr(sqlite3_stmt) groups = NULL;
  g_autoptr(sqlite3_stmt) skills = NULL;
  g_autoptr(sqlite3_stmt) aliases = NULL;
  g_autoptr(sqlite3_stmt) markers = NULL;
  g_autoptr(GHashTable) by_slug = g_hash_table_new (g_str_hash, g_str_equal);
  int rc;

  groups = cg_db_prepare (db, "SELECT key, name FROM skill_groups ORDER BY position", error);
  skills = groups ? cg_db_prepare (db,
    "SELECT slug, name, skill_group, about FROM skills ORDER BY position", error) : NULL;
  aliases = skills ? cg_db_prepare (db,
    "SELECT skill, text, kind, case_exact, prefix, near, near_groups, near_window"
    " FROM skill_aliases ORDER BY id", error) : NULL;
  markers = aliases ? cg_db_prepare (db, "SELECT kind, text FROM skill_markers ORDER BY id", error) : NULL;
  if (markers == NULL)
    return NULL;

  while ((rc = sqlite3_step (groups)) == SQLITE_ROW)
    {
      CgSkillGroup *group = g_new0 (CgSkillGroup, 1);

      group->key = g_strdup (cg_db_column_text (groups, 0));
      group->name = g_strdup (cg_db_column_text (groups, 1));
      g_ptr_array_add (self->groups, group);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  while ((rc = sqlite3_step (skills)) == SQLITE_ROW)
    {
      CgSkill *skill = g_new0 (CgSkill, 1);

      skill->slug = g_strdup (cg_db_column_text (skills, 0));
      skill->name = g_strdup (cg_db_column_text (skills, 1));
      skill->group = g_strdup (cg_db_column_text (skills, 2));
      skill->about = g_strdup (cg_db_column_text (skills, 3));
      skill->aliases = g_ptr_array_new_with_free_func ((GDestroyNotify) alias_free);
      g_ptr_array_add (self->skills, skill);
      if (skill->slug)
        g_hash_table_insert (by_slug, skill->slug, skill);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  while ((rc = sqlite3_step (aliases)) == SQLITE_ROW)
    {
      CgSkill *skill = g_hash_table_lookup (by_slug, cg_db_column_text (aliases, 0) ?: "");
      CgSkillAlias *alias;

      if (skill == NULL || cg_db_column_text (aliases, 1) == NULL)
        continue;
      alias = g_new0 (CgSkillAlias, 1);
      alias->text = g_strdup (cg_db_column_text (aliases, 1));
      alias->is_except = g_strcmp0 (cg_db_column_text (aliases, 2), "except") == 0;
      alias->case_exact = sqlite3_column_int (aliases, 3) != 0;
      alias->prefix = sqlite3_column_int (aliases, 4) != 0;
      alias->near = split_or_null (cg_db_column_text (aliases, 5));
      alias->near_groups = split_or_null (cg_db_column_text (aliases, 6));
      alias->window = (guint) CLAMP (sqlite3_column_int (aliases, 7), 0, MAX_WINDOW);
      if (alias->window == 0 && (alias->near || alias->near_groups))
        alias->window = CG_SKILL_DEFAULT_WINDOW;
      g_ptr_array_add (skill->aliases, alias);
    }
  if (rc != SQLITE_DONE)
    goto failed;

  while ((rc = sqlite3_step (markers)) == SQLITE_ROW)
    {
      const char *kind = cg_db_column_text (markers, 0);

      for (int k = 0; k < CG_SKILL_N_MARKERS; k++)
        if (g_strcmp0 (kind, marker_keys[k]) == 0 && cg_db_column_text (markers, 1) != NULL)
          {
            CgSkillMarker *marker = g_new0 (CgSkillMarker, 1);

            marker->kind = (CgSkillMarkerKind) k;
            marker->text = g_strdup (cg_db_column_text (markers, 1));
            g_ptr_array_add (self->markers, marker);
          }
    }
  if (rc != SQLITE_DONE)
    goto failed;

  return g_steal_pointer (&self);

failed:
  cg_db_set_error (error, db, rc, _("Cannot read the skills vocabulary"));
  return NULL;
}

/* What the content compiler does with skills.yaml: read and check it, run
 * its examples, write the skill tables and the skills of the bundled
 * postings (already in @db). */
gboolean
cg_skills_build_content (sqlite3     *db,
                         const char  *file,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  g_autoptr(CgSkillsVocabulary) vocab = NULL;
  g_autoptr(CgSkillMatcher) matcher = NULL;
  g_autofree char *version = NULL;

  vocab = cg_skills_vocabulary_parse (data, length, file, error);
  if (vocab == NULL || !cg_skills_vocabulary_check_examples (vocab, error))
    return FALSE;

  version = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  if (!cg_skills_vocabulary_write_db (vocab, db, version, error))
    return FALSE;

  matcher = cg_skill_matcher_new (vocab);
  return cg_skills_fill_job_skills (db, matcher, NULL, NULL, NULL, error) >= 0;
}

guint
cg_skills_vocabulary_get_n_skills (CgSkillsVocabulary *self)
{
  return self->skills->len;
}

const CgSkill *
cg_skills_vocabulary_get_skill (CgSkillsVocabulary *self,
                                guint               index)
{
  g_return_val_if_fail (index < self->skills->len, NULL);

  return g_ptr_array_index (self->skills, index);
}

/* The index of the skill with this canonical name or id, or -1. */
int
cg_skills_vocabulary_find (CgSkillsVocabulary *self,
                           const char         *name_or_slug)
{
  for (guint i = 0; i < self->skills->len; i++)
    {
      CgSkill *skill = g_ptr_array_index (self->skills, i);

      if (g_strcmp0 (skill->name, name_or_slug) == 0 || g_strcmp0 (skill->slug, name_or_slug) == 0)
        return (int) i;
    }
  return -1;
}

guint
cg_skills_vocabulary_get_n_groups (CgSkillsVocabulary *self)
{
  return self->groups->len;
}

const CgSkillGroup *
cg_skills_vocabulary_get_group (CgSkillsVocabulary *self,
                                guint               index)
{
  g_return_val_if_fail (index < self->groups->len, NULL);

  return g_ptr_array_index (self->groups, index);
}

int
cg_skills_vocabulary_find_group (CgSkillsVocabulary *self,
                                 const char         *key)
{
  for (guint i = 0; i < self->groups->len; i++)
    if (g_strcmp0 (((CgSkillGroup *) g_ptr_array_index (self->groups, i))->key, key) == 0)
      return (int) i;
  return -1;
}

guint
cg_skills_vocabulary_get_n_markers (CgSkillsVocabulary *self)
{
  return self->markers->len;
}

const CgSkillMarker *
cg_skills_vocabulary_get_marker (CgSkillsVocabulary *self,
                                 guint               index)
{
  g_return_val_if_fail (index < self->markers->len, NULL);

  return g_ptr_array_index (self->markers, index);
}
