/* cg-skill-matcher.c: finds the skills of the vocabulary in a text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every spelling of every skill, the exceptions, the context words of the
 * rules and the marker phrases go into one Aho-Corasick automaton over the
 * bytes of the folded UTF-8 text (cg_skills_fold_into(): same length, so
 * offsets stay those of the original), completed into a table indexed by
 * byte classes, with a bit in each transition saying that the state ends a
 * pattern. A text is read once; then:
 *
 *  - a mention must stand at word boundaries (letters and digits of any
 *    script, as GLib's Unicode tables say), "C" is not read in "C#" or "C++",
 *    a "prefix" spelling may go on with a model number ("STM32H7"), and an
 *    exact-case spelling is compared with the original bytes;
 *  - overlapping mentions are settled leftmost-longest, exceptions included,
 *    so "C++" wins over "C", "R&D" over "R" and "go to" over "Go";
 *  - a spelling with "near" rules counts only with one of its words, or
 *    another skill of one of its groups, within its window (in a text; a
 *    title is taken as context enough: "Senior Rust Engineer");
 *  - a mention is nice to have when the nearest marker phrase of its
 *    sentence says so ("a plus", "preferred"), or when it stands under a
 *    heading such as "Nice to have"; otherwise it is required. The title's
 *    skills are required.
 */
#define G_LOG_DOMAIN "cg-skills"

#include "config.h"

#include <string.h>

#include "cg-skill-matcher.h"

#define OUTPUT_BIT 0x80000000u

#define NEED_LEFT   (1 << 0)
#define NEED_RIGHT  (1 << 1)
#define CASE_EXACT  (1 << 2)
#define PREFIX      (1 << 3)
#define HAS_NEAR    (1 << 4)

typedef enum {
  ENTRY_ALIAS,
  ENTRY_EXCEPT,
  ENTRY_CONTEXT,
  ENTRY_MARKER,
} EntryKind;

typedef struct {
  guint8  kind;
  guint8  flags;
  guint32 index;     /* a rule, a context word or a marker kind */
  guint32 length;    /* of the pattern, in bytes */
} Entry;

/* one spelling of a skill, or an exception */
typedef struct {
  guint        skill;
  guint        group;
  const char  *exact;        /* the text, for exact-case spellings */
  guint       *near;         /* context word ids */
  guint        n_near;
  guint64      near_groups;
  guint        window;
} Rule;

struct _CgSkillMatcher {
  gatomicrefcount     ref_count;
  CgSkillsVocabulary *vocab;

  guint8              class_of[256];
  guint               n_classes;
  guint32            *delta;       /* n_states * n_classes; premultiplied | OUTPUT_BIT */
  guint               n_states;
  guint32            *out_first;   /* per state: first of its entries */
  guint32            *out_count;
  guint32            *dict;        /* per state: next suffix state with entries, 0 if none */
  Entry              *entries;
  guint               n_entries;
  Rule               *rules;
  guint               n_rules;
  guint               n_words;
};

typedef struct {
  gsize  start;
  gsize  end;
  guint  index;   /* entry rule / word / marker kind */
  guint8 kind;
  guint8 flags;
} Hit;

typedef struct {
  GArray *candidates;  /* of Hit: spellings and exceptions */
  GArray *contexts;    /* of Hit: context words */
  GArray *markers;     /* of Hit */
} Scan;

/* ---- building ---- */

typedef struct {
  guint32 node;
  Entry   entry;
} PendingEntry;

typedef struct {
  GArray     *goto_;       /* of guint32, n_classes per node; 0 = none */
  GArray     *pending;     /* of PendingEntry */
  GHashTable *words;       /* folded context word -> id + 1 */
  guint       n_classes;
  guint8     *class_of;
  guint       n_nodes;
} Build;

static guint32
add_pattern (Build      *b,
             const char *folded)
{
  guint32 node = 0;

  for (const guchar *p = (const guchar *) folded; *p; p++)
    {
      guint c = b->class_of[*p];
      guint32 *slot = &g_array_index (b->goto_, guint32, node * b->n_classes + c);

      if (*slot == 0)
        {
          guint32 zero = 0;

          *slot = b->n_nodes++;
          node = *slot;
          for (guint i = 0; i < b->n_classes; i++)
            g_array_append_val (b->goto_, zero);
        }
      else
        node = *slot;
    }

  return node;
}

static gboolean
is_word_char (gunichar c)
{
  return c != (gunichar) -1 && c != (gunichar) -2 && (g_unichar_isalnum (c) || c == '_');
}

static guint8
edge_flags (const char *text)
{
  const char *last = g_utf8_find_prev_char (text, text + strlen (text));
  guint8 flags = 0;

  if (is_word_char (g_utf8_get_char_validated (text, -1)))
    flags |= NEED_LEFT;
  if (last && is_word_char (g_utf8_get_char_validated (last, -1)))
    flags |= NEED_RIGHT;
  return flags;
}

static void
add_entry (Build      *b,
           const char *text,
           EntryKind   kind,
           guint8      flags,
           guint       index)
{
  g_autofree char *folded = cg_skills_fold (text, -1);
  PendingEntry pe;

  if (*folded == '\0')
    return;
  pe.node = add_pattern (b, folded);
  pe.entry.kind = (guint8) kind;
  pe.entry.flags = flags | edge_flags (text);
  pe.entry.index = index;
  pe.entry.length = (guint32) strlen (folded);
  g_array_append_val (b->pending, pe);
}

/* "automático" -> "automatico": spellings without their accents, as
 * postings often write them. NULL when there is nothing to take off. */
static char *
strip_accents (const char *text)
{
  g_autofree char *nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  GString *out;

  if (nfd == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  if (strcmp (out->str, text) == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  {
    g_autofree char *nfc_in = g_string_free (out, FALSE);
    char *nfc = g_utf8_normalize (nfc_in, -1, G_NORMALIZE_NFC);
    g_autofree char *orig = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);

    if (nfc != NULL && orig != NULL && strcmp (nfc, orig) == 0)
      g_clear_pointer (&nfc, g_free);
    return nfc;
  }
}

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const PendingEntry *x = a, *y = b;

  if (x->node != y->node)
    return x->node < y->node ? -1 : 1;
  /* spellings before exceptions on the same text */
  return (int) x->entry.kind - (int) y->entry.kind;
}

static void
collect_classes (guint8     *class_of,
                 guint      *n_classes,
                 const char *text)
{
  g_autofree char *folded = cg_skills_fold (text, -1);

  for (const guchar *p = (const guchar *) folded; *p; p++)
    if (class_of[*p] == 0)
      class_of[*p] = (guint8) (*n_classes)++;
}

static guint
word_id (Build      *b,
         const char *word)
{
  g_autofree char *folded = cg_skills_fold (word, -1);
  gpointer id = g_hash_table_lookup (b->words, folded);

  if (id == NULL)
    {
      id = GUINT_TO_POINTER (g_hash_table_size (b->words) + 1);
      g_hash_table_insert (b->words, g_steal_pointer (&folded), id);
      add_entry (b, word, ENTRY_CONTEXT, 0, GPOINTER_TO_UINT (id) - 1);
    }
  return GPOINTER_TO_UINT (id) - 1;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

CgSkillMatcher *
cg_skill_matcher_new (CgSkillsVocabulary *vocab)
{
  CgSkillMatcher *self = g_new0 (CgSkillMatcher, 1);
  g_autoptr(GHashTable) claimed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (Rule));
  guint n_skills = cg_skills_vocabulary_get_n_skills (vocab);
  guint8 class_of[256] = { 0 };
  guint n_classes = 1;
  Build b;
  guint32 *fail, *queue;
  guint head = 0, tail = 0;

  g_atomic_ref_count_init (&self->ref_count);
  self->vocab = cg_skills_vocabulary_ref (vocab);

  /* byte classes: one per byte of a folded pattern, the rest share 0 */
  for (guint s = 0; s < n_skills; s++)
    {
      const CgSkill *skill = cg_skills_vocabulary_get_skill (vocab, s);

      for (guint i = 0; i < skill->aliases->len; i++)
        {
          const CgSkillAlias *alias = g_ptr_array_index (skill->aliases, i);
          g_autofree char *stripped = strip_accents (alias->text);

          collect_classes (class_of, &n_classes, alias->text);
          if (stripped)
            collect_classes (class_of, &n_classes, stripped);
          for (guint w = 0; alias->near && alias->near[w]; w++)
            collect_classes (class_of, &n_classes, alias->near[w]);
        }
    }
  for (guint m = 0; m < cg_skills_vocabulary_get_n_markers (vocab); m++)
    collect_classes (class_of, &n_classes, cg_skills_vocabulary_get_marker (vocab, m)->text);
  for (guint c = 'A'; c <= 'Z'; c++)
    class_of[c] = class_of[c + ('a' - 'A')];

  memcpy (self->class_of, class_of, sizeof class_of);
  self->n_classes = n_classes;

  b.n_classes = n_classes;
  b.class_of = self->class_of;
  b.goto_ = g_array_new (FALSE, TRUE, sizeof (guint32));
  g_array_set_size (b.goto_, n_classes);
  b.n_nodes = 1;
  b.pending = g_array_new (FALSE, FALSE, sizeof (PendingEntry));
  b.words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* the spellings: claimed ones first, so that an accentless variant
   * never takes another skill's spelling */
  for (guint s = 0; s < n_skills; s++)
    {
      const CgSkill *skill = cg_skills_vocabulary_get_skill (vocab, s);

      for (guint i = 0; i < skill->aliases->len; i++)
        {
          const CgSkillAlias *alias = g_ptr_array_index (skill->aliases, i);

          if (!alias->is_except)
            g_hash_table_add (claimed, cg_skills_fold (alias->text, -1));
        }
    }

  for (guint s = 0; s < n_skills; s++)
    {
      const CgSkill *skill = cg_skills_vocabulary_get_skill (vocab, s);
      int group = cg_skills_vocabulary_find_group (vocab, skill->group);

      for (guint i = 0; i < skill->aliases->len; i++)
        {
          const CgSkillAlias *alias = g_ptr_array_index (skill->aliases, i);
          Rule rule = { 0 };
          guint8 flags = 0;
          guint index = rules->len;
          g_autofree char *stripped = NULL;

          rule.skill = s;
          rule.group = group < 0 ? 0 : (guint) group;
          rule.window = alias->window;
          if (alias->case_exact)
            {
              rule.exact = alias->text;
              flags |= CASE_EXACT;
            }
          if (alias->prefix)
            flags |= PREFIX;
          if (alias->near || alias->near_groups)
            {
              g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

              flags |= HAS_NEAR;
              for (guint w = 0; alias->near && alias->near[w]; w++)
                {
                  guint id = word_id (&b, alias->near[w]);
                  g_array_append_val (ids, id);
                }
              g_array_sort (ids, compare_uint);
              rule.n_near = ids->len;
              rule.near = (guint *) (void *) g_array_free (g_steal_pointer (&ids), FALSE);
              for (guint g = 0; alias->near_groups && alias->near_groups[g]; g++)
                {
                  int k = cg_skills_vocabulary_find_group (vocab, alias->near_groups[g]);

                  if (k >= 0 && k < 64)
                    rule.near_groups |= G_GUINT64_CONSTANT (1) << k;
                }
              if (rule.window == 0)
                rule.window = CG_SKILL_DEFAULT_WINDOW;
            }
          g_array_append_val (rules, rule);

          add_entry (&b, alias->text, alias->is_except ? ENTRY_EXCEPT : ENTRY_ALIAS, flags, index);

          if (!alias->case_exact && (stripped = strip_accents (alias->text)) != NULL)
            {
              g_autofree char *folded = cg_skills_fold (stripped, -1);

              if (alias->is_except || !g_hash_table_contains (claimed, folded))
                {
                  add_entry (&b, stripped, alias->is_except ? ENTRY_EXCEPT : ENTRY_ALIAS, flags, index);
                  if (!alias->is_except)
                    g_hash_table_add (claimed, g_steal_pointer (&folded));
                }
            }
        }
    }

  for (guint m = 0; m < cg_skills_vocabulary_get_n_markers (vocab); m++)
    {
      const CgSkillMarker *marker = cg_skills_vocabulary_get_marker (vocab, m);
      g_autofree char *stripped = strip_accents (marker->text);

      add_entry (&b, marker->text, ENTRY_MARKER, 0, marker->kind);
      if (stripped)
        add_entry (&b, stripped, ENTRY_MARKER, 0, marker->kind);
    }

  self->n_rules = rules->len;
  self->rules = (Rule *) (void *) g_array_free (g_steal_pointer (&rules), FALSE);
  self->n_words = g_hash_table_size (b.words);
  self->n_states = b.n_nodes;

  /* entries grouped by state */
  g_array_sort (b.pending, compare_pending);
  self->n_entries = b.pending->len;
  self->entries = g_new (Entry, MAX (b.pending->len, 1));
  self->out_first = g_new0 (guint32, b.n_nodes);
  self->out_count = g_new0 (guint32, b.n_nodes);
  self->dict = g_new0 (guint32, b.n_nodes);
  for (guint i = 0; i < b.pending->len; i++)
    {
      PendingEntry *pe = &g_array_index (b.pending, PendingEntry, i);

      if (self->out_count[pe->node] == 0)
        self->out_first[pe->node] = i;
      self->out_count[pe->node]++;
      self->entries[i] = pe->entry;
    }

  /* failure links, breadth first, completing the table as we go */
  fail = g_new0 (guint32, b.n_nodes);
  queue = g_new (guint32, b.n_nodes);
  {
    guint32 *go = (guint32 *) (void *) b.goto_->data;

    for (guint c = 0; c < n_classes; c++)
      if (go[c] != 0)
        queue[tail++] = go[c];

    while (head < tail)
      {
        guint32 r = queue[head++];

        for (guint c = 0; c < n_classes; c++)
          {
            guint32 t = go[r * n_classes + c];
            guint32 f = go[fail[r] * n_classes + c];

            if (t != 0)
              {
                fail[t] = f;
                self->dict[t] = self->out_count[f] ? f : self->dict[f];
                queue[tail++] = t;
              }
            else
              go[r * n_classes + c] = f;
          }
      }

    /* States renumbered breadth first, so that the rows a text visits
     * most (the shallow ones) sit together in the cache; targets
     * premultiplied, with the output bit. */
    {
      guint32 *new_of = g_new0 (guint32, b.n_nodes);
      guint32 *first = g_new0 (guint32, b.n_nodes);
      guint32 *count = g_new0 (guint32, b.n_nodes);
      guint32 *dict = g_new0 (guint32, b.n_nodes);

      for (guint i = 0; i < tail; i++)
        new_of[queue[i]] = i + 1;

      self->delta = g_new (guint32, (gsize) b.n_nodes * n_classes);
      for (guint32 old = 0; old < b.n_nodes; old++)
        {
          guint32 n = new_of[old];

          for (guint c = 0; c < n_classes; c++)
            {
              guint32 t = go[(gsize) old * n_classes + c];

              self->delta[(gsize) n * n_classes + c] =
                new_of[t] * n_classes | ((self->out_count[t] || self->dict[t]) ? OUTPUT_BIT : 0);
            }
          first[n] = self->out_first[old];
          count[n] = self->out_count[old];
          dict[n] = self->dict[old] ? new_of[self->dict[old]] : 0;
        }

      g_free (self->out_first);
      g_free (self->out_count);
      g_free (self->dict);
      self->out_first = first;
      self->out_count = count;
      self->dict = dict;
      g_free (new_of);
    }
  }

  g_free (fail);
  g_free (queue);
  g_array_unref (b.goto_);
  g_array_unref (b.pending);
  g_hash_table_unref (b.words);

  return self;
}

CgSkillMatcher *
cg_skill_matcher_ref (CgSkillMatcher *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
cg_skill_matcher_unref (CgSkillMatcher *self)
{
  if (self == NULL || !g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_rules; i++)
    g_free (self->rules[i].near);
  g_free (self->rules);
  g_free (self->delta);
  g_free (self->out_first);
  g_free (self->out_count);
  g_free (self->dict);
  g_free (self->entries);
  cg_skills_vocabulary_unref (self->vocab);
  g_free (self);
}

CgSkillsVocabulary *
cg_skill_matcher_get_vocabulary (CgSkillMatcher *self)
{
  return self->vocab;
}

guint
cg_skill_matcher_get_n_states (CgSkillMatcher *self)
{
  return self->n_states;
}

/* ---- reading a text ---- */

static gunichar
char_before (const char *text,
             gsize       pos)
{
  gsize p = pos;

  if (pos == 0)
    return (gunichar) -1;
  p--;
  while (p > 0 && pos - p < 4 && ((guchar) text[p] & 0xC0) == 0x80)
    p--;
  return g_utf8_get_char_validated (text + p, (gssize) (pos - p));
}

static gunichar
char_at (const char *text,
         gsize       length,
         gsize       pos)
{
  if (pos >= length)
    return (gunichar) -1;
  return g_utf8_get_char_validated (text + pos, (gssize) MIN (length - pos, 6));
}

/* Whether the mention [start, end) of an entry stands on its own. */
static gboolean
boundaries_hold (const CgSkillMatcher *self,
                 const Entry          *e,
                 const char           *text,
                 gsize                 length,
                 gsize                 start,
                 gsize                 end)
{
  if ((e->flags & NEED_LEFT) && is_word_char (char_before (text, start)))
    return FALSE;

  if (e->flags & NEED_RIGHT && end < length)
    {
      guchar next = (guchar) text[end];

      if (next == '#' || (next == '+' && end + 1 < length && text[end + 1] == '+'))
        return FALSE;
      if (is_word_char (char_at (text, length, end)))
        {
          gboolean digit = FALSE;

          if (!(e->flags & PREFIX))
            return FALSE;
          /* a model number: letters and digits, with a digit */
          for (gsize i = end; i < length && g_ascii_isalnum (text[i]); i++)
            digit |= g_ascii_isdigit (text[i]);
          if (!digit || (end < length && (guchar) text[end] >= 0x80))
            return FALSE;
        }
    }

  if (e->flags & CASE_EXACT &&
      memcmp (text + start, self->rules[e->index].exact, end - start) != 0)
    return FALSE;

  return TRUE;
}

static void
report (const CgSkillMatcher *self,
        Scan                 *scan,
        const char           *text,
        gsize                 length,
        gsize                 end,
        guint32               state)
{
  guint32 node = state;

  if (self->out_count[node] == 0)
    node = self->dict[node];

  for (; node != 0; node = self->dict[node])
    for (guint32 i = 0; i < self->out_count[node]; i++)
      {
        const Entry *e = &self->entries[self->out_first[node] + i];
        gsize start = end - e->length;
        Hit hit;

        if (!boundaries_hold (self, e, text, length, start, end))
          continue;

        hit.start = start;
        hit.end = end;
        hit.index = e->index;
        hit.kind = e->kind;
        hit.flags = e->flags;

        switch (e->kind)
          {
          case ENTRY_ALIAS:
          case ENTRY_EXCEPT:
            g_array_append_val (scan->candidates, hit);
            break;
          case ENTRY_CONTEXT:
            g_array_append_val (scan->contexts, hit);
            break;
          case ENTRY_MARKER:
          default:
            g_array_append_val (scan->markers, hit);
            break;
          }
      }
}

static gboolean
has_non_ascii (const char *text,
               gsize       length)
{
  gsize i = 0;

  for (; i + 8 <= length; i += 8)
    {
      guint64 w;

      memcpy (&w, text + i, 8);
      if (w & G_GUINT64_CONSTANT (0x8080808080808080))
        return TRUE;
    }
  for (; i < length; i++)
    if ((guchar) text[i] >= 0x80)
      return TRUE;
  return FALSE;
}

static void
scan_text (const CgSkillMatcher *self,
           Scan                 *scan,
           const char           *text,
           gsize                 length)
{
  g_autofree char *folded = NULL;
  const guchar *p = (const guchar *) text;
  const guint32 *delta = self->delta;
  const guint8 *class_of = self->class_of;
  guint32 s = 0;

  /* ASCII case is folded by the byte classes; other scripts need a copy */
  if (has_non_ascii (text, length))
    {
      folded = g_malloc (length + 1);
      cg_skills_fold_into (text, length, folded);
      p = (const guchar *) folded;
    }

  for (gsize i = 0; i < length; i++)
    {
      guint32 t = delta[s + class_of[p[i]]];

      s = t & ~OUTPUT_BIT;
      if (G_UNLIKELY (t & OUTPUT_BIT))
        report (self, scan, text, length, i + 1, s / self->n_classes);
    }
}

static int
compare_candidates (gconstpointer a,
                    gconstpointer b)
{
  const Hit *x = a, *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end > y->end ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

/* Whether a context word of the rule, or another skill of one of its
 * groups, stands within its window. Other ambiguous spellings count too, so
 * that "CAN and LIN" holds both. */
static gboolean
near_holds (const CgSkillMatcher *self,
            const Hit            *hit,
            const GArray         *confirmed,
            const GArray         *contexts)
{
  const Rule *rule = &self->rules[hit->index];
  gsize lo = hit->start > rule->window ? hit->start - rule->window : 0;
  gsize hi = hit->end + rule->window;

  for (guint i = 0; i < contexts->len && rule->n_near > 0; i++)
    {
      const Hit *c = &g_array_index (contexts, Hit, i);

      if (c->end < lo || c->start > hi || (c->start >= hit->start && c->end <= hit->end))
        continue;
      if (bsearch (&c->index, rule->near, rule->n_near, sizeof (guint), compare_uint))
        return TRUE;
    }

  for (guint i = 0; i < confirmed->len && rule->near_groups != 0; i++)
    {
      const Hit *c = &g_array_index (confirmed, Hit, i);
      const Rule *other = &self->rules[c->index];

      if (c->end < lo || c->start > hi || other->skill == rule->skill)
        continue;
      if (rule->near_groups & (G_GUINT64_CONSTANT (1) << other->group))
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_decoration (char c)
{
  return c == ' ' || c == '\t' || c == '*' || c == '_' || c == '#' || c == '-' || c == '>' ||
         c == '|' || c == '\r' || c == '(' || c == ')' || c == '[' || c == ']';
}

/* Whether a section marker stands as a heading: on a Markdown heading line,
 * or alone on its line (a word or two around it), or as a label before a
 * colon ("**Nice to have:** Rust"). */
static gboolean
is_heading (const char *text,
            gsize       length,
            const Hit  *m)
{
  gsize ls = m->start, le = m->end, i, pre = 0, post = 0;
  gboolean colon = FALSE;

  while (ls > 0 && text[ls - 1] != '\n')
    ls--;
  while (le < length && text[le] != '\n')
    le++;

  for (i = ls; i < m->start && (text[i] == ' ' || text[i] == '\t'); i++)
    ;
  if (i < m->start && text[i] == '#')
    return TRUE;

  for (i = ls; i < m->start; i++)
    if (!is_decoration (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '.')
      pre++;
  if (pre > 20)
    return FALSE;

  for (i = m->end; i < le; i++)
    {
      if (text[i] == ':')
        {
          colon = TRUE;
          break;
        }
      if (text[i] == '.' || text[i] == ',' || text[i] == ';')
        return FALSE;
      if (!is_decoration (text[i]))
        post++;
    }

  return colon ? post <= 30 : post == 0;
}

static gboolean
is_clause_end (const char *text,
               gsize       length,
               gsize       i)
{
  char c = text[i];

  if (c == '\n')
    return TRUE;
  if (c == '.' || c == ';' || c == '!' || c == '?')
    return i + 1 >= length || g_ascii_isspace (text[i + 1]);
  return FALSE;
}

#define CLAUSE_REACH 400

static CgSkillNeed
need_of (const char   *text,
         gsize         length,
         const Hit    *hit,
         const GArray *markers,
         CgSkillNeed   section)
{
  gsize cs = hit->start, ce = hit->end;
  gsize best = G_MAXSIZE;
  CgSkillNeed need = section;

  while (cs > 0 && hit->start - cs < CLAUSE_REACH && !is_clause_end (text, length, cs - 1))
    cs--;
  while (ce < length && ce - hit->end < CLAUSE_REACH && !is_clause_end (text, length, ce))
    ce++;

  for (guint i = 0; i < markers->len; i++)
    {
      const Hit *m = &g_array_index (markers, Hit, i);
      gsize distance;

      if (m->start < cs || m->end > ce + 1)
        continue;
      if (m->index != CG_SKILL_MARKER_REQUIRED && m->index != CG_SKILL_MARKER_NICE_PHRASE)
        continue;
      distance = m->start >= hit->end ? m->start - hit->end : hit->start - MIN (m->end, hit->start);
      if (distance < best)
        {
          best = distance;
          need = m->index == CG_SKILL_MARKER_NICE_PHRASE ? CG_SKILL_NEED_NICE : CG_SKILL_NEED_REQUIRED;
        }
    }

  return need;
}

static int
compare_hits_by_start (gconstpointer a,
                       gconstpointer b)
{
  const Hit *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start;
}

static void
add_match (GArray      *matches,
           GHashTable  *seen,
           guint        skill,
           CgSkillNeed  need,
           gboolean     in_title,
           const Hit   *hit)
{
  gpointer index;

  if (g_hash_table_lookup_extended (seen, GUINT_TO_POINTER (skill), NULL, &index))
    {
      CgSkillMatch *m = &g_array_index (matches, CgSkillMatch, GPOINTER_TO_UINT (index));

      m->count++;
      m->need = MAX (m->need, need);
      return;
    }

  {
    CgSkillMatch m = { skill, need, 1, in_title, hit->start, hit->end };

    g_hash_table_insert (seen, GUINT_TO_POINTER (skill), GUINT_TO_POINTER (matches->len));
    g_array_append_val (matches, m);
  }
}

static void
find_in (const CgSkillMatcher *self,
         const char           *text,
         gsize                 length,
         gboolean              is_title,
         GArray               *matches,
         GHashTable           *seen)
{
  Scan scan;
  g_autoptr(GArray) selected = g_array_new (FALSE, FALSE, sizeof (Hit));
  g_autoptr(GArray) sections = g_array_new (FALSE, FALSE, sizeof (Hit));
  gsize last_end = 0;
  gboolean taken = FALSE;
  guint next_section = 0;
  CgSkillNeed section = CG_SKILL_NEED_REQUIRED;

  scan.candidates = g_array_new (FALSE, FALSE, sizeof (Hit));
  scan.contexts = g_array_new (FALSE, FALSE, sizeof (Hit));
  scan.markers = g_array_new (FALSE, FALSE, sizeof (Hit));

  scan_text (self, &scan, text, length);

  /* leftmost-longest among spellings and exceptions */
  g_array_sort (scan.candidates, compare_candidates);
  for (guint i = 0; i < scan.candidates->len; i++)
    {
      const Hit *h = &g_array_index (scan.candidates, Hit, i);

      if (taken && h->start < last_end)
        continue;
      taken = TRUE;
      last_end = h->end;
      if (h->kind == ENTRY_ALIAS)
        g_array_append_val (selected, *h);
    }


  if (!is_title)
    {
      g_array_sort (scan.markers, compare_hits_by_start);
      for (guint i = 0; i < scan.markers->len; i++)
        {
          const Hit *m = &g_array_index (scan.markers, Hit, i);

          if (m->index <= CG_SKILL_MARKER_OTHER && is_heading (text, length, m))
            g_array_append_val (sections, *m);
        }
    }

  for (guint i = 0; i < selected->len; i++)
    {
      const Hit *h = &g_array_index (selected, Hit, i);
      CgSkillNeed need = CG_SKILL_NEED_REQUIRED;

      /* a title is all context: "Senior Rust Engineer" */
      if ((h->flags & HAS_NEAR) && !is_title && !near_holds (self, h, selected, scan.contexts))
        continue;

      if (!is_title)
        {
          while (next_section < sections->len &&
                 g_array_index (sections, Hit, next_section).start <= h->start)
            {
              section = g_array_index (sections, Hit, next_section).index == CG_SKILL_MARKER_NICE
                        ? CG_SKILL_NEED_NICE : CG_SKILL_NEED_REQUIRED;
              next_section++;
            }
          need = need_of (text, length, h, scan.markers, section);
        }

      add_match (matches, seen, self->rules[h->index].skill, need, is_title, h);
    }

  g_array_unref (scan.candidates);
  g_array_unref (scan.contexts);
  g_array_unref (scan.markers);
}

/* The skills of a posting: its title (may be NULL) and its text (Markdown or
 * plain text; may be NULL), in the order first found, title first. Returns
 * an array of CgSkillMatch, empty for an empty text. Safe to call from any
 * thread; the bytes need not be valid UTF-8. */
GArray *
cg_skill_matcher_find (CgSkillMatcher *self,
                       const char     *title,
                       gssize          title_length,
                       const char     *text,
                       gssize          text_length)
{
  GArray *matches = g_array_new (FALSE, FALSE, sizeof (CgSkillMatch));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  g_return_val_if_fail (self != NULL, matches);

  if (title != NULL)
    find_in (self, title, title_length < 0 ? strlen (title) : (gsize) title_length, TRUE, matches, seen);
  if (text != NULL)
    find_in (self, text, text_length < 0 ? strlen (text) : (gsize) text_length, FALSE, matches, seen);

  return matches;
}
