/* cg-classifier.c: which role a posting is for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rules are data (data/content/roles/, table role_rules): title patterns
 * with priorities and description keywords. The title pattern with the
 * highest priority wins; a posting whose title matches none goes to the role
 * whose keywords occur most often in its title and description, if any.
 */
#define G_LOG_DOMAIN "cg-classifier"

#include "config.h"

#include <string.h>

#include "cg-classifier.h"
#include "cg-db.h"

typedef struct {
  char   *role;
  GRegex *regex;
  int     priority;
} TitleRule;

typedef struct {
  char *role;
  char *keyword; /* case-folded */
} KeywordRule;

struct _CgClassifier {
  GArray *titles;   /* of TitleRule */
  GArray *keywords; /* of KeywordRule */
};

static void
title_rule_clear (TitleRule *rule)
{
  g_free (rule->role);
  g_regex_unref (rule->regex);
}

static void
keyword_rule_clear (KeywordRule *rule)
{
  g_free (rule->role);
  g_free (rule->keyword);
}

CgClassifier *
cg_classifier_new (void)
{
  CgClassifier *classifier = g_new0 (CgClassifier, 1);

  classifier->titles = g_array_new (FALSE, FALSE, sizeof (TitleRule));
  g_array_set_clear_func (classifier->titles, (GDestroyNotify) title_rule_clear);
  classifier->keywords = g_array_new (FALSE, FALSE, sizeof (KeywordRule));
  g_array_set_clear_func (classifier->keywords, (GDestroyNotify) keyword_rule_clear);
  return classifier;
}

void
cg_classifier_free (CgClassifier *classifier)
{
  if (classifier == NULL)
    return;

  g_array_unref (classifier->titles);
  g_array_unref (classifier->keywords);
  g_free (classifier);
}

gboolean
cg_classifier_add_title_rule (CgClassifier  *classifier,
                              const char    *role,
                              const char    *pattern,
                              int            priority,
                              GError       **error)
{
  TitleRule rule;

  rule.regex = g_regex_new (pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, error);
  if (rule.regex == NULL)
    return FALSE;

  rule.role = g_strdup (role);
  rule.priority = priority;
  g_array_append_val (classifier->titles, rule);
  return TRUE;
}

void
cg_classifier_add_keyword (CgClassifier *classifier,
                           const char   *role,
                           const char   *keyword)
{
  KeywordRule rule = { g_strdup (role), g_utf8_casefold (keyword, -1) };

  g_array_append_val (classifier->keywords, rule);
}

CgClassifier *
cg_classifier_new_from_db (sqlite3  *db,
                           GError  **error)
{
  g_autoptr(CgClassifier) classifier = cg_classifier_new ();
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT role, kind, pattern, priority FROM role_rules ORDER BY id", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *role = cg_db_column_text (stmt, 0);
      const char *kind = cg_db_column_text (stmt, 1);
      const char *pattern = cg_db_column_text (stmt, 2);

      if (g_strcmp0 (kind, "title") == 0)
        {
          g_autoptr(GError) local_error = NULL;

          /* content.db was checked when it was built; a bad row is skipped */
          if (!cg_classifier_add_title_rule (classifier, role, pattern,
                                             sqlite3_column_int (stmt, 3), &local_error))
            g_warning ("Skipping rule for %s: %s", role, local_error->message);
        }
      else
        cg_classifier_add_keyword (classifier, role, pattern);
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, "role_rules");
      return NULL;
    }

  return g_steal_pointer (&classifier);
}

/* @title and @description, case-folded, on two lines. Case folding is done
 * a character at a time through Unicode tables; text that is all ASCII (most
 * postings) folds the same byte by byte, several times faster. */
static char *
fold (const char *title,
      const char *description)
{
  g_autofree char *joined = g_strconcat (title, "\n", description, NULL);

  for (const char *p = joined; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_casefold (joined, -1);

  for (char *p = joined; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);
  return g_steal_pointer (&joined);
}

/* How often @needle occurs in @haystack as a word of its own: "r" counts
 * in "Python or R" but not in "recruiter". */
static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;
  gsize len = strlen (needle);

  if (len == 0)
    return 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    {
      gboolean starts = p == haystack || !g_ascii_isalnum (p[-1]);
      gboolean ends = !g_ascii_isalnum (p[len]);

      if (starts && ends)
        n++;
    }

  return n;
}

const char *
cg_classifier_classify (CgClassifier *classifier,
                        const char   *title,
                        const char   *description)
{
  const char *best = NULL;
  int best_priority = G_MININT;
  g_autofree char *text = NULL;
  g_autoptr(GHashTable) scores = NULL;
  guint best_score = 0;

  if (title == NULL)
    return NULL;

  for (guint i = 0; i < classifier->titles->len; i++)
    {
      TitleRule *rule = &g_array_index (classifier->titles, TitleRule, i);

      if (rule->priority > best_priority && g_regex_match (rule->regex, title, 0, NULL))
        {
          best = rule->role;
          best_priority = rule->priority;
        }
    }

  if (best != NULL)
    return best;

  text = fold (title, description != NULL ? description : "");

  scores = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < classifier->keywords->len; i++)
    {
      KeywordRule *rule = &g_array_index (classifier->keywords, KeywordRule, i);
      guint n = count_occurrences (text, rule->keyword);
      guint score;

      if (n == 0)
        continue;

      score = GPOINTER_TO_UINT (g_hash_table_lookup (scores, rule->role)) + n;
      g_hash_table_insert (scores, rule->role, GUINT_TO_POINTER (score));
      if (score > best_score)
        {
          best_score = score;
          best = rule->role;
        }
    }

  return best;
}
