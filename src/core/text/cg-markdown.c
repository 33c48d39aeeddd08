/* cg-markdown.c: the Markdown pipeline (cmark, AST transforms, page template)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Longer than the house's 1,500 lines on purpose: the transforms (tables,
 * links, headings, live blocks, words and plain text) are steps of one walk
 * over the tree that share its renderer state and its arena; split into
 * files they would share a private header as long as the code.
 */
#define G_LOG_DOMAIN "cg-markdown"

#include "config.h"

#include <string.h>

#include <cmark.h>

#include "cg-markdown.h"

/* How the pipeline works
 *
 * cmark parses the body with smart punctuation and renders it with its safe
 * default, so raw HTML from the source comes out as "<!-- raw HTML omitted
 * -->". In between, one walk over the tree with a cmark_iter does every
 * transform; whatever HTML a transform generates (heading ids, tables, live
 * blocks) goes into CUSTOM_BLOCK / CUSTOM_INLINE nodes, which the renderer
 * copies as they are. Nothing here recurses: the one other walk, over the
 * inlines of a heading, follows the parent links.
 *
 * Escaped pipes. A table cell may hold a pipe written as "\|", but cmark
 * turns the escape into a plain "|" and merges it with the text around it,
 * so the tree cannot tell it from a cell separator. Before parsing, every
 * "\|" of the source is therefore replaced by a placeholder character that
 * does not occur in the text; the walk puts the pipe back: "|" in text, link
 * destinations and titles and in code inside a table cell (as GFM does),
 * and "\|" in code elsewhere, so code blocks keep their exact text. The
 * placeholder is Unicode punctuation, like "|", so that emphasis around it
 * parses as it would around the escape.
 */

#define WORDS_PER_MINUTE 200

struct _CgMarkdown
{
  char      *html;
  gpointer   html_block;    /* what to free for html, if not html itself */
  GPtrArray *toc;           /* of CgTocEntry */
  char      *first_heading;
  guint      word_count;
};

typedef enum {
  ALIGN_NONE,
  ALIGN_LEFT,
  ALIGN_CENTER,
  ALIGN_RIGHT,
} Align;

/* One line of a paragraph: a range of its top-level inline nodes. */
typedef struct
{
  guint start;
  guint end;
} Line;

typedef struct
{
  const char * const  *block_infos;
  CgMarkdownBlockFunc  block_func;
  gpointer             block_data;

  const char          *placeholder;   /* stands for "\|", or NULL */

  cmark_node          *table;         /* the table being walked */
  cmark_node          *pending_table; /* a table the walk has yet to enter */
  GHashTable          *ids;           /* id -> next suffix to try */
  GString             *scratch;

  /* Reused by every paragraph that may be a table */
  GPtrArray           *nodes;         /* its top-level inline nodes */
  GArray              *lines;         /* of Line */
  GArray              *aligns;        /* of Align, one per column */
  GPtrArray           *cells;         /* of a row being built */

  gboolean             in_word;
  guint                words;
  GString             *plain;         /* the plain text, when asked for */

  CgMarkdown          *md;
} Renderer;

/* Candidates for the placeholder of "\|": Unicode punctuation that nobody
 * writes in a career guide and that cmark treats as plain text. */
static const char * const pipe_placeholders[] = {
  "\xe2\xb8\x98",  /* U+2E18 INVERTED INTERROBANG */
  "\xe2\xb8\x99",  /* U+2E19 PALM BRANCH */
  "\xe2\xb8\x9b",  /* U+2E1B TILDE WITH RING ABOVE */
  "\xe2\xb8\x9e",  /* U+2E1E TILDE WITH DOT ABOVE */
};
#define PLACEHOLDER_LEN 3

static const char * const cell_tags[2][4] = {
  {
    "<td>",
    "<td style=\"text-align: left\">",
    "<td style=\"text-align: center\">",
    "<td style=\"text-align: right\">",
  },
  {
    "<th>",
    "<th style=\"text-align: left\">",
    "<th style=\"text-align: center\">",
    "<th style=\"text-align: right\">",
  },
};

static void
cg_toc_entry_free (gpointer data)
{
  CgTocEntry *entry = data;

  g_free (entry->id);
  g_free (entry->text);
  g_free (entry);
}

/* Memory
 *
 * cmark allocates each node and string of the tree on its own: the tree of a
 * large document is hundreds of thousands of small blocks, and freeing them
 * one by one costs about as much as parsing. So a render hands cmark a bump
 * allocator: the tree, cmark's buffers and the nodes the transforms add live
 * in a few big chunks (each twice the size of the one before, up to a limit)
 * that go all at once. A freed block goes on a list by its size, for the
 * next block of that size (cmark frees and allocates much while it parses
 * inlines). Blocks of ARENA_LARGE bytes and more (the output buffer, long
 * lines) get a g_malloc() block of their own, which realloc and free really
 * resize and free.
 *
 * cmark_mem carries no user data, so the arena in use is per thread; a
 * render nested in a block function saves and restores it. */

#define ARENA_FIRST_CHUNK (64 * 1024)
#define ARENA_LAST_CHUNK  (1024 * 1024)
#define ARENA_LARGE       (16 * 1024)
#define ARENA_HEADER     16
#define ARENA_ROUND(n)   (((n) + 15) & ~(gsize) 15)

typedef struct
{
  gsize size;    /* usable bytes */
  gsize large;   /* index in Arena.large + 1, or 0 in a shared chunk */
} ArenaHeader;

G_STATIC_ASSERT (sizeof (ArenaHeader) <= ARENA_HEADER);

typedef struct
{
  GPtrArray *chunks;
  GPtrArray *large;   /* of ArenaHeader; NULL where freed */
  gpointer  *free_lists;  /* by size / 16: freed blocks, linked through their first bytes */
  gsize      chunk_size;
  char      *next;
  char      *end;
} Arena;

static _Thread_local Arena *current_arena;

static void *
arena_alloc (gsize    size,
             gboolean zeroed)
{
  Arena *arena = current_arena;
  gsize rounded;
  ArenaHeader *header;

  if (size > G_MAXSIZE / 2)
    g_error ("cg-markdown: cannot allocate %" G_GSIZE_FORMAT " bytes", size);

  rounded = MAX (16, ARENA_ROUND (size));
  if (rounded >= ARENA_LARGE)
    {
      header = zeroed ? g_malloc0 (ARENA_HEADER + size) : g_malloc (ARENA_HEADER + size);
      g_ptr_array_add (arena->large, header);
      header->size = size;
      header->large = arena->large->len;
      return (char *) header + ARENA_HEADER;
    }

  if (arena->free_lists[rounded / 16] != NULL)
    {
      gpointer block = arena->free_lists[rounded / 16];

      arena->free_lists[rounded / 16] = *(gpointer *) block;
      if (zeroed)
        memset (block, 0, size);
      return block;
    }

  if ((gsize) (arena->end - arena->next) < ARENA_HEADER + rounded)
    {
      char *chunk = g_malloc (arena->chunk_size);

      g_ptr_array_add (arena->chunks, chunk);
      arena->next = chunk;
      arena->end = chunk + arena->chunk_size;
      arena->chunk_size = MIN (arena->chunk_size * 2, ARENA_LAST_CHUNK);
    }

  header = (ArenaHeader *) arena->next;
  header->size = rounded;
  header->large = 0;
  arena->next += ARENA_HEADER + rounded;

  if (zeroed)
    memset ((char *) header + ARENA_HEADER, 0, size);

  return (char *) header + ARENA_HEADER;
}

static void *
arena_calloc_cb (size_t n,
                 size_t size)
{
  if (size != 0 && n > G_MAXSIZE / size)
    g_error ("cg-markdown: cannot allocate %" G_GSIZE_FORMAT " × %" G_GSIZE_FORMAT " bytes", n, size);

  return arena_alloc (n * size, TRUE);
}

static void *
arena_realloc_cb (void   *ptr,
                  size_t  size)
{
  Arena *arena = current_arena;
  ArenaHeader *header;
  gsize rounded;
  void *copy;

  if (ptr == NULL)
    return arena_alloc (size, FALSE);

  header = (ArenaHeader *) ((char *) ptr - ARENA_HEADER);

  if (header->large > 0)
    {
      gsize index = header->large - 1;

      header = g_realloc (header, ARENA_HEADER + size);
      header->size = size;
      g_ptr_array_index (arena->large, index) = header;
      return (char *) header + ARENA_HEADER;
    }

  if (size <= header->size)
    return ptr;

  /* The last block of the chunk grows where it is. */
  rounded = ARENA_ROUND (size);
  if ((char *) ptr + header->size == arena->next &&
      rounded < ARENA_LARGE &&
      (gsize) (arena->end - (char *) ptr) >= rounded)
    {
      arena->next = (char *) ptr + rounded;
      header->size = rounded;
      return ptr;
    }

  copy = arena_alloc (size, FALSE);
  memcpy (copy, ptr, header->size);
  *(gpointer *) ptr = arena->free_lists[header->size / 16];
  arena->free_lists[header->size / 16] = ptr;

  return copy;
}

static void
arena_free_cb (void *ptr)
{
  Arena *arena = current_arena;
  ArenaHeader *header;

  if (ptr == NULL)
    return;

  header = (ArenaHeader *) ((char *) ptr - ARENA_HEADER);
  if (header->large > 0)
    {
      g_ptr_array_index (arena->large, header->large - 1) = NULL;
      g_free (header);
    }
  else
    {
      *(gpointer *) ptr = arena->free_lists[header->size / 16];
      arena->free_lists[header->size / 16] = ptr;
    }
}

static cmark_mem arena_mem = {
  arena_calloc_cb,
  arena_realloc_cb,
  arena_free_cb,
};

/* Takes a string out of the arena, to outlive it. Returns the block to
 * g_free() for it, or NULL when *str had to be copied (then *str is the
 * copy, to g_free() itself). */
static gpointer
arena_steal_string (char **str)
{
  ArenaHeader *header = (ArenaHeader *) (*str - ARENA_HEADER);

  if (header->large > 0)
    {
      g_ptr_array_index (current_arena->large, header->large - 1) = NULL;
      return header;
    }

  *str = g_strdup (*str);
  return NULL;
}

static void
arena_init (Arena *arena)
{
  arena->chunks = g_ptr_array_new_with_free_func (g_free);
  arena->large = g_ptr_array_new_with_free_func (g_free);
  arena->free_lists = g_new0 (gpointer, ARENA_LARGE / 16);
  arena->chunk_size = ARENA_FIRST_CHUNK;
  arena->next = NULL;
  arena->end = NULL;
}

static void
arena_clear (Arena *arena)
{
  g_ptr_array_unref (arena->chunks);
  g_ptr_array_unref (arena->large);
  g_free (arena->free_lists);
}

static inline cmark_node *
node_new (cmark_node_type type)
{
  return cmark_node_new_with_mem (type, &arena_mem);
}

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* Input */

static inline const char *
literal_of (cmark_node *node)
{
  const char *literal = cmark_node_get_literal (node);

  return literal != NULL ? literal : "";
}

static inline const char *
url_of (cmark_node *node)
{
  const char *url = cmark_node_get_url (node);

  return url != NULL ? url : "";
}

static gboolean
memory_contains (const char *haystack,
                 gsize       haystack_len,
                 const char *needle,
                 gsize       needle_len)
{
  const char *end = haystack + haystack_len;
  const char *p = haystack;

  while (needle_len <= (gsize) (end - p) &&
         (p = memchr (p, needle[0], end - p - needle_len + 1)) != NULL)
    {
      if (memcmp (p, needle, needle_len) == 0)
        return TRUE;
      p++;
    }

  return FALSE;
}

/* Replaces every "\|" whose backslash is not itself escaped by
 * @placeholder. Returns NULL when there is none. */
static char *
protect_escaped_pipes (const char *text,
                       gsize       len,
                       const char *placeholder,
                       gsize      *out_len)
{
  const char *end = text + len;
  const char *copied = text;
  const char *p = text;
  GString *out = NULL;

  while (p < end && (p = memchr (p, '\\', end - p)) != NULL)
    {
      if (p + 1 >= end)
        break;

      if (p[1] == '|')
        {
          if (out == NULL)
            out = g_string_sized_new (len + len / 16 + 16);
          g_string_append_len (out, copied, p - copied);
          g_string_append (out, placeholder);
          p += 2;
          copied = p;
        }
      else if (p[1] == '\\')
        p += 2;
      else
        p += 1;
    }

  if (out == NULL)
    return NULL;

  g_string_append_len (out, copied, end - copied);
  *out_len = out->len;
  return g_string_free (out, FALSE);
}

static const char *
choose_placeholder (const char *text,
                    gsize       len)
{
  if (!memory_contains (text, len, "\\|", 2))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (pipe_placeholders); i++)
    {
      if (!memory_contains (text, len, pipe_placeholders[i], PLACEHOLDER_LEN))
        return pipe_placeholders[i];
    }

  /* A text holding all of them: its escaped pipes split cells. */
  return NULL;
}

/* Returns a copy of @s with each placeholder replaced by @replacement, or
 * NULL when @s has none. */
static char *
restore_pipes (const Renderer *self,
               const char     *s,
               const char     *replacement)
{
  const char *p;
  GString *out;

  if (self->placeholder == NULL || s == NULL)
    return NULL;

  p = strstr (s, self->placeholder);
  if (p == NULL)
    return NULL;

  out = g_string_new (NULL);
  while (p != NULL)
    {
      g_string_append_len (out, s, p - s);
      g_string_append (out, replacement);
      s = p + PLACEHOLDER_LEN;
      p = strstr (s, self->placeholder);
    }
  g_string_append (out, s);

  return g_string_free (out, FALSE);
}

static void
restore_literal (const Renderer *self,
                 cmark_node     *node,
                 const char     *replacement)
{
  g_autofree char *restored = restore_pipes (self, literal_of (node), replacement);

  if (restored != NULL)
    cmark_node_set_literal (node, restored);
}

static void
restore_url_and_title (const Renderer *self,
                       cmark_node     *node)
{
  g_autofree char *url = restore_pipes (self, cmark_node_get_url (node), "|");
  g_autofree char *title = restore_pipes (self, cmark_node_get_title (node), "|");

  if (url != NULL)
    cmark_node_set_url (node, url);
  if (title != NULL)
    cmark_node_set_title (node, title);
}

/* Words */

static inline void
end_word (Renderer *self)
{
  self->in_word = FALSE;
  /* what ends a word apart (a break, a block, a table cell) keeps the
   * plain text's words apart too */
  if (self->plain != NULL && self->plain->len > 0 &&
      self->plain->str[self->plain->len - 1] != ' ')
    g_string_append_c (self->plain, ' ');
}

/* A word is a run of letters and digits, which apostrophes, hyphens,
 * underscores, dots and combining marks may join: "don’t", "state-of-the-art"
 * and "3.5" are one word each. The state carries over from one inline node to
 * the next, so "foo*bar*" is one word too.
 *
 * The class of each byte: 0 ends a word, 1 is a letter or digit, 2 joins,
 * 3 starts a multi-byte character. */
static const guint8 word_classes[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2, 2, 0,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2,
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
  3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
};

static void
count_words (Renderer   *self,
             const char *text)
{
  const guchar *p = (const guchar *) text;
  guint in_word = self->in_word ? 1 : 0;
  guint words = self->words;

  if (p == NULL)
    return;

  while (*p != '\0')
    {
      guint klass = word_classes[*p];

      if (klass < 3)
        {
          /* Without branches: words come and go every few bytes. */
          words += (klass == 1) & !in_word;
          in_word = (klass == 1) | ((klass == 2) & in_word);
          p++;
        }
      else
        {
          gunichar ch = g_utf8_get_char ((const char *) p);

          if (g_unichar_isalnum (ch))
            {
              words += !in_word;
              in_word = 1;
            }
          else if (!(g_unichar_ismark (ch) || ch == 0x2019 /* ’ */))
            in_word = 0;
          p = (const guchar *) g_utf8_next_char (p);
        }
    }

  self->in_word = in_word;
  self->words = words;
}

/* Text that the reader sees: counted, and kept when the plain text is
 * asked for */
static void
take_text (Renderer   *self,
           const char *text)
{
  count_words (self, text);
  if (self->plain == NULL || text == NULL)
    return;
  /* the lines of a code block are apart like words */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p != '\n' && *p != '\r' && *p != '\t')
        g_string_append_c (self->plain, *p);
      else if (self->plain->len > 0 && self->plain->str[self->plain->len - 1] != ' ')
        g_string_append_c (self->plain, ' ');
    }
}

/* Iteration helpers */

static cmark_node *
custom_node (cmark_node_type  type,
             const char      *on_enter,
             const char      *on_exit)
{
  cmark_node *node = node_new (type);

  if (on_enter != NULL)
    cmark_node_set_on_enter (node, on_enter);
  if (on_exit != NULL)
    cmark_node_set_on_exit (node, on_exit);

  return node;
}

/* cmark refuses a change that would make an invalid tree; the transforms
 * only make valid ones. */
static void
insert_before (cmark_node *node,
               cmark_node *sibling)
{
  if (!cmark_node_insert_before (node, sibling))
    g_critical ("Cannot put a %s node before a %s node",
                cmark_node_get_type_string (sibling), cmark_node_get_type_string (node));
}

static void
replace_node (cmark_node *old_node,
              cmark_node *new_node)
{
  if (!cmark_node_replace (old_node, new_node))
    g_critical ("Cannot replace a %s node by a %s node",
                cmark_node_get_type_string (old_node), cmark_node_get_type_string (new_node));
}

static void
move_children (cmark_node *from,
               cmark_node *to)
{
  cmark_node *child;

  while ((child = cmark_node_first_child (from)) != NULL)
    cmark_node_append_child (to, child);
}

/* Replaces @node, the iterator's current node at its ENTER event, by an
 * empty custom inline holding its children, and makes the walk go on with
 * those children. */
static void
unwrap_inline (cmark_iter *iter,
               cmark_node *node)
{
  cmark_node *wrapper = node_new (CMARK_NODE_CUSTOM_INLINE);

  move_children (node, wrapper);
  replace_node (node, wrapper);
  cmark_iter_reset (iter, wrapper, CMARK_EVENT_ENTER);
  cmark_node_free (node);
}

/* Links and images */

/* Cleans a URL as a browser does before it looks for the scheme: leading and
 * trailing controls and spaces go, and so does every tab and line break
 * inside ("java&#9;script:" is still javascript:). The scheme is lower-cased.
 * *scheme is set to it, or to NULL for a relative URL. */
static char *
clean_url (const char  *url,
           char       **scheme)
{
  const char *start = url;
  const char *end = url + strlen (url);
  GString *out;
  gsize i;

  *scheme = NULL;

  while (start < end && (guchar) *start <= 0x20)
    start++;
  while (end > start && (guchar) end[-1] <= 0x20)
    end--;

  out = g_string_sized_new (end - start);
  for (const char *p = start; p < end; p++)
    {
      if (*p != '\t' && *p != '\n' && *p != '\r')
        g_string_append_c (out, *p);
    }

  /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
  if (g_ascii_isalpha (out->str[0]))
    {
      for (i = 1; out->str[i] != '\0'; i++)
        {
          char c = out->str[i];

          if (!(g_ascii_isalnum (c) || c == '+' || c == '-' || c == '.'))
            break;
        }

      if (out->str[i] == ':')
        {
          for (gsize j = 0; j < i; j++)
            out->str[j] = g_ascii_tolower (out->str[j]);
          *scheme = g_strndup (out->str, i);
        }
    }

  return g_string_free (out, FALSE);
}

/* Returns the URL a link keeps, or NULL when the link has to go. */
static char *
rewrite_link_url (const char *url)
{
  static const char * const kept_schemes[] = {
    "guide", "role", "job", "http", "https", "mailto",
  };
  g_autofree char *scheme = NULL;
  g_autofree char *clean = clean_url (url, &scheme);
  const char *fragment;
  const char *slug;
  gsize path_len;

  if (scheme != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (kept_schemes); i++)
        {
          if (strcmp (scheme, kept_schemes[i]) == 0)
            return g_steal_pointer (&clean);
        }
      return NULL;
    }

  if (clean[0] == '#')
    return g_steal_pointer (&clean);

  /* A network-path reference ("//host/...") would leave the app. */
  if (clean[0] == '/' && clean[1] == '/')
    return NULL;

  /* A relative path to another guide: "other.md", "./other.md#part". */
  path_len = strcspn (clean, "?#");
  if (path_len < 3 || g_ascii_strncasecmp (clean + path_len - 3, ".md", 3) != 0)
    return NULL;

  slug = g_strrstr_len (clean, path_len, "/");
  slug = slug != NULL ? slug + 1 : clean;
  if (slug >= clean + path_len - 3)
    return NULL;

  fragment = strchr (clean + path_len, '#');
  if (fragment != NULL && fragment[1] == '\0')
    fragment = NULL;

  return g_strdup_printf ("guide:%.*s%s",
                          (int) (clean + path_len - 3 - slug), slug,
                          fragment != NULL ? fragment : "");
}

/* Returns the URL an image loads from, or NULL when it may not load. */
static char *
rewrite_image_url (const char *url)
{
  g_autofree char *scheme = NULL;
  g_autofree char *clean = clean_url (url, &scheme);
  const char *path = clean;

  if (scheme != NULL)
    return strcmp (scheme, "cg-resource") == 0 ? g_steal_pointer (&clean) : NULL;

  if (clean[0] == '/' && clean[1] == '/')
    return NULL;

  for (;;)
    {
      if (g_str_has_prefix (path, "./"))
        path += 2;
      else if (g_str_has_prefix (path, "../"))
        path += 3;
      else if (path[0] == '/')
        path += 1;
      else
        break;
    }

  /* Nothing left, or only a query or fragment of the page itself. */
  if (path[0] == '\0' || path[0] == '?' || path[0] == '#')
    return NULL;

  /* "/images/photo.jpeg", as front matter writes it, is already there. */
  if (g_str_has_prefix (path, "images/"))
    path += strlen ("images/");

  return g_strconcat ("cg-resource:///images/", path, NULL);
}

static void
handle_link (Renderer   *self,
             cmark_iter *iter,
             cmark_node *node)
{
  g_autofree char *url = NULL;

  restore_url_and_title (self, node);

  url = rewrite_link_url (url_of (node));
  if (url == NULL)
    unwrap_inline (iter, node);
  else if (strcmp (url, url_of (node)) != 0)
    cmark_node_set_url (node, url);
}

static void
handle_image (Renderer   *self,
              cmark_iter *iter,
              cmark_node *node)
{
  g_autofree char *url = NULL;

  restore_url_and_title (self, node);

  url = rewrite_image_url (url_of (node));
  if (url == NULL)
    unwrap_inline (iter, node);
  else
    cmark_node_set_url (node, url);
}

/* Live blocks */

static gboolean
is_block_info (const Renderer *self,
               const char     *info,
               gsize           word_len)
{
  if (self->block_infos == NULL || self->block_func == NULL || word_len == 0)
    return FALSE;

  for (guint i = 0; self->block_infos[i] != NULL; i++)
    {
      if (strlen (self->block_infos[i]) == word_len &&
          strncmp (self->block_infos[i], info, word_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* Returns TRUE when the block was replaced by a live block. */
static gboolean
handle_code_block (Renderer   *self,
                   cmark_iter *iter,
                   cmark_node *node)
{
  g_autofree char *info = restore_pipes (self, cmark_node_get_fence_info (node), "|");
  g_autofree char *html = NULL;
  const char *fence_info;
  cmark_node *block;

  if (info != NULL)
    cmark_node_set_fence_info (node, info);
  restore_literal (self, node, "\\|");

  fence_info = cmark_node_get_fence_info (node);
  if (fence_info == NULL || !is_block_info (self, fence_info, strcspn (fence_info, " \t")))
    return FALSE;

  html = self->block_func (fence_info, literal_of (node), self->block_data);
  if (html == NULL)
    return FALSE;

  block = custom_node (CMARK_NODE_CUSTOM_BLOCK, html, NULL);
  replace_node (node, block);
  cmark_iter_reset (iter, block, CMARK_EVENT_EXIT);
  cmark_node_free (node);

  return TRUE;
}

/* Headings */

/* Appends the plain text of @root's descendants to @out. The walk follows
 * the parent links, so it needs neither recursion nor an allocation. */
static void
append_plain_text (GString    *out,
                   cmark_node *root)
{
  cmark_node *node = cmark_node_first_child (root);

  while (node != NULL)
    {
      cmark_node *next;

      switch (cmark_node_get_type (node))
        {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
          g_string_append (out, literal_of (node));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          g_string_append_c (out, ' ');
          break;

        default:
          break;
        }

      next = cmark_node_first_child (node);
      while (next == NULL && node != root)
        {
          next = cmark_node_next (node);
          if (next == NULL)
            node = cmark_node_parent (node);
        }
      node = next;
    }
}

/* "Skills & Tools" -> "skills-tools": ASCII letters and digits lower-cased,
 * other letters and digits kept as they are (lower-cased, in UTF-8),
 * anything else a single dash, none at either end; "section" when nothing
 * is left. */
static void
slugify (GString    *out,
         const char *text)
{
  gboolean dash = FALSE;

  g_string_truncate (out, 0);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      gboolean keep = ch < 0x80 ? g_ascii_isalnum (ch) : (g_unichar_isalnum (ch) || g_unichar_ismark (ch));

      if (!keep)
        {
          dash = TRUE;
          continue;
        }

      if (dash && out->len > 0)
        g_string_append_c (out, '-');
      dash = FALSE;

      if (ch < 0x80)
        g_string_append_c (out, g_ascii_tolower (ch));
      else
        g_string_append_unichar (out, g_unichar_tolower (ch));
    }

  if (out->len == 0)
    g_string_append (out, "section");
}

/* Returns an id made from @text that no other heading of the document has:
 * the slug, else the slug with "-1", "-2"... */
static char *
unique_id (Renderer   *self,
           const char *text)
{
  gpointer key = NULL;
  gpointer value = NULL;
  gsize base_len;
  char *id;
  guint n;

  slugify (self->scratch, text);

  if (!g_hash_table_lookup_extended (self->ids, self->scratch->str, &key, &value))
    {
      id = g_strdup (self->scratch->str);
      g_hash_table_insert (self->ids, g_strdup (id), GUINT_TO_POINTER (1));
      return id;
    }

  /* The next suffix to try is kept with the slug, so a hundred headings
   * with one title take a hundred steps, not five thousand. */
  n = GPOINTER_TO_UINT (value);
  base_len = self->scratch->len;
  do
    {
      char digits[16];
      int i = sizeof digits;
      guint m = n++;

      do
        digits[--i] = '0' + m % 10;
      while ((m /= 10) > 0 && i > 0);

      g_string_truncate (self->scratch, base_len);
      g_string_append_c (self->scratch, '-');
      g_string_append_len (self->scratch, digits + i, sizeof digits - i);
    }
  while (g_hash_table_contains (self->ids, self->scratch->str));

  /* The table keeps its key; only the count changes. */
  g_hash_table_insert (self->ids, g_strdup (key), GUINT_TO_POINTER (n));
  id = g_strdup (self->scratch->str);
  g_hash_table_insert (self->ids, g_strdup (id), GUINT_TO_POINTER (1));

  return id;
}

/* At the heading's EXIT event, when its children have been walked: the
 * heading becomes a custom block around a custom inline that carries the
 * tags (a custom block puts line breaks around its own text). */
static void
finish_heading (Renderer   *self,
                cmark_iter *iter,
                cmark_node *heading)
{
  static const char * const closing_tags[] = {
    "</h1>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>",
  };
  int level = CLAMP (cmark_node_get_heading_level (heading), 1, 6);
  g_autofree char *text = NULL;
  g_autofree char *id = NULL;
  cmark_node *block;
  cmark_node *tags;

  g_string_truncate (self->scratch, 0);
  append_plain_text (self->scratch, heading);
  text = g_strstrip (g_strndup (self->scratch->str, self->scratch->len));
  id = unique_id (self, text);

  /* The id has letters, digits, marks and dashes only: nothing to escape. */
  g_string_printf (self->scratch, "<h%d id=\"%s\">", level, id);

  block = node_new (CMARK_NODE_CUSTOM_BLOCK);
  tags = custom_node (CMARK_NODE_CUSTOM_INLINE, self->scratch->str, closing_tags[level - 1]);
  move_children (heading, tags);
  cmark_node_append_child (block, tags);
  replace_node (heading, block);
  cmark_iter_reset (iter, block, CMARK_EVENT_EXIT);
  cmark_node_free (heading);

  if (self->md->first_heading == NULL)
    self->md->first_heading = g_strdup (text);

  if (level <= 3)
    {
      CgTocEntry *entry = g_new0 (CgTocEntry, 1);

      entry->level = level;
      entry->id = g_steal_pointer (&id);
      entry->text = g_steal_pointer (&text);
      g_ptr_array_add (self->md->toc, entry);
    }
}

/* Tables */

static inline gboolean
is_break (cmark_node *node)
{
  cmark_node_type type = cmark_node_get_type (node);

  return type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK;
}

/* The number of cells of a delimiter row ("| :--- | :-: | --: |"), or 0
 * when @line is not one. Smart punctuation has turned "--" and "---" into
 * en and em dashes, which count as hyphens. */
static guint
parse_delimiter_row (GPtrArray  *nodes,
                     const Line *line,
                     GArray     *aligns)
{
  gboolean left = FALSE, right = FALSE, closed = FALSE, seen_pipe = FALSE;
  guint dashes = 0;
  guint n_cells = 0;

  for (guint i = line->start; i < line->end; i++)
    {
      cmark_node *node = nodes->pdata[i];
      const char *p;

      if (cmark_node_get_type (node) != CMARK_NODE_TEXT)
        return 0;

      for (p = literal_of (node); *p != '\0'; p++)
        {
          if (is_blank (*p))
            {
              if (left || dashes > 0)
                closed = TRUE;
            }
          else if (*p == '-' ||
                   (p[0] == '\xe2' && p[1] == '\x80' && (p[2] == '\x93' || p[2] == '\x94')))
            {
              if (closed || right)
                return 0;
              dashes++;
              if (*p != '-')
                p += 2;
            }
          else if (*p == ':')
            {
              if (closed)
                return 0;
              if (dashes == 0 && !left)
                left = TRUE;
              else if (dashes > 0)
                right = closed = TRUE;
              else
                return 0;
            }
          else if (*p == '|')
            {
              if (!left && dashes == 0)
                {
                  /* Only a leading pipe may have no cell before it. */
                  if (seen_pipe || n_cells > 0)
                    return 0;
                }
              else
                {
                  if (dashes == 0)
                    return 0;
                  if (aligns != NULL)
                    {
                      Align align = left ? (right ? ALIGN_CENTER : ALIGN_LEFT) : (right ? ALIGN_RIGHT : ALIGN_NONE);
                      g_array_append_val (aligns, align);
                    }
                  n_cells++;
                }
              seen_pipe = TRUE;
              left = right = closed = FALSE;
              dashes = 0;
            }
          else
            return 0;
        }
    }

  if (!left && dashes == 0)
    return seen_pipe ? n_cells : 0;   /* a trailing pipe, or nothing at all */

  if (dashes == 0)
    return 0;

  if (aligns != NULL)
    {
      Align align = left ? (right ? ALIGN_CENTER : ALIGN_LEFT) : (right ? ALIGN_RIGHT : ALIGN_NONE);
      g_array_append_val (aligns, align);
    }

  return n_cells + 1;
}

static gboolean
has_content (const char *p,
             const char *end)
{
  for (; p < end; p++)
    {
      if (!is_blank (*p))
        return TRUE;
    }

  return FALSE;
}

/* Adds text[0..len) to the cell, without the blanks at its start when it
 * opens the cell and without those at its end when it closes the cell. */
static void
append_text (cmark_node **cell,
             const char  *text,
             gsize        len,
             gboolean     closes)
{
  char buf[256];
  g_autofree char *copy = NULL;
  cmark_node *node;

  if (*cell == NULL)
    {
      while (len > 0 && is_blank (*text))
        {
          text++;
          len--;
        }
    }

  if (closes)
    {
      while (len > 0 && is_blank (text[len - 1]))
        len--;
    }

  if (len == 0)
    return;

  if (*cell == NULL)
    *cell = node_new (CMARK_NODE_CUSTOM_INLINE);

  if (len < sizeof buf)
    {
      memcpy (buf, text, len);
      buf[len] = '\0';
    }
  else
    copy = g_strndup (text, len);

  node = node_new (CMARK_NODE_TEXT);
  cmark_node_set_literal (node, copy != NULL ? copy : buf);
  cmark_node_append_child (*cell, node);
}

static void
add_cell (GPtrArray  *cells,
          cmark_node *cell)
{
  g_ptr_array_add (cells, cell != NULL ? cell : node_new (CMARK_NODE_CUSTOM_INLINE));
}

/* Splits a row at the pipes of its top-level text nodes; other nodes (code
 * spans, emphasis, links) stay whole, so a pipe inside them does not split.
 * A leading and a trailing pipe are optional. Returns the number of cells;
 * with @cells, the row's nodes move into new custom inline nodes, one per
 * cell, added to @cells. */
static guint
split_row (GPtrArray  *nodes,
           const Line *line,
           GPtrArray  *cells)
{
  cmark_node *cell = NULL;
  gboolean content = FALSE;
  gboolean seen_pipe = FALSE;
  guint n_cells = 0;

  for (guint i = line->start; i < line->end; i++)
    {
      cmark_node *node = g_ptr_array_index (nodes, i);
      const char *text;
      const char *p;
      const char *bar;

      if (cmark_node_get_type (node) != CMARK_NODE_TEXT)
        {
          content = TRUE;
          if (cells != NULL)
            {
              if (cell == NULL)
                cell = node_new (CMARK_NODE_CUSTOM_INLINE);
              cmark_node_append_child (cell, node);
            }
          continue;
        }

      text = literal_of (node);
      p = text;
      while ((bar = strchr (p, '|')) != NULL)
        {
          content = content || has_content (p, bar);
          if (cells != NULL)
            append_text (&cell, p, bar - p, TRUE);

          if (!content && !seen_pipe && n_cells == 0)
            {
              /* A leading pipe, with at most blanks before it. */
              if (cell != NULL)
                cmark_node_free (cell);
            }
          else
            {
              n_cells++;
              if (cells != NULL)
                add_cell (cells, cell);
            }

          cell = NULL;
          content = FALSE;
          seen_pipe = TRUE;
          p = bar + 1;
        }

      if (p == text)
        {
          /* No pipe: the node moves as it is. */
          content = content || has_content (p, p + strlen (p));
          if (cells != NULL)
            {
              if (cell == NULL)
                cell = node_new (CMARK_NODE_CUSTOM_INLINE);
              cmark_node_append_child (cell, node);
            }
        }
      else
        {
          gsize len = strlen (p);

          content = content || has_content (p, p + len);
          if (cells != NULL)
            {
              append_text (&cell, p, len, i + 1 == line->end);
              cmark_node_free (node);
            }
        }
    }

  if (content || !seen_pipe)
    {
      n_cells++;
      if (cells != NULL)
        add_cell (cells, cell);
    }
  else if (cell != NULL)
    {
      /* Only blanks after a trailing pipe. */
      cmark_node_free (cell);
    }

  return n_cells;
}

/* Removes the blanks left at both ends of a cell, next to nodes that moved
 * whole. */
static void
trim_cell (cmark_node *cell)
{
  cmark_node *child;

  while ((child = cmark_node_first_child (cell)) != NULL &&
         cmark_node_get_type (child) == CMARK_NODE_TEXT)
    {
      const char *text = literal_of (child);
      gsize skip = strspn (text, " \t");

      if (text[skip] == '\0')
        {
          cmark_node_free (child);
          continue;
        }

      if (skip > 0)
        {
          g_autofree char *copy = g_strdup (text + skip);
          cmark_node_set_literal (child, copy);
        }
      break;
    }

  while ((child = cmark_node_last_child (cell)) != NULL &&
         cmark_node_get_type (child) == CMARK_NODE_TEXT)
    {
      const char *text = literal_of (child);
      gsize len = strlen (text);

      while (len > 0 && is_blank (text[len - 1]))
        len--;

      if (len == 0)
        {
          cmark_node_free (child);
          continue;
        }

      if (text[len] != '\0')
        {
          g_autofree char *copy = g_strndup (text, len);
          cmark_node_set_literal (child, copy);
        }
      break;
    }
}

static cmark_node *
build_row (Renderer   *self,
           const Line *line,
           gboolean    header)
{
  cmark_node *row = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<tr>", "</tr>");
  guint i;

  g_ptr_array_set_size (self->cells, 0);
  split_row (self->nodes, line, self->cells);

  for (i = 0; i < self->aligns->len; i++)
    {
      Align align = g_array_index (self->aligns, Align, i);
      cmark_node *cell;

      if (i < self->cells->len)
        {
          cell = g_ptr_array_index (self->cells, i);
          trim_cell (cell);
        }
      else
        cell = node_new (CMARK_NODE_CUSTOM_INLINE);

      cmark_node_set_on_enter (cell, cell_tags[header ? 1 : 0][align]);
      cmark_node_set_on_exit (cell, header ? "</th>" : "</td>");
      cmark_node_append_child (row, cell);
    }

  /* Cells past the header's count are dropped, as GFM does. */
  for (; i < self->cells->len; i++)
    cmark_node_free (g_ptr_array_index (self->cells, i));
  g_ptr_array_set_size (self->cells, 0);

  return row;
}

#define LINE(i) (&g_array_index (self->lines, Line, (i)))

/* At a paragraph's ENTER event: turns it into a table when one of its lines
 * is a delimiter row with as many cells as the line before it, the header.
 * Lines above the header stay a paragraph; the lines below are the body.
 *
 * A table right above a "---" line is a setext heading to cmark: there the
 * heading becomes the table and a thematic break, as in GFM. */
static gboolean
try_table (Renderer   *self,
           cmark_iter *iter,
           cmark_node *para)
{
  gboolean setext = cmark_node_get_type (para) == CMARK_NODE_HEADING;
  gboolean has_break = FALSE;
  gboolean has_pipe = FALSE;
  guint header = G_MAXUINT;
  cmark_node *child;
  cmark_node *table;
  cmark_node *section;
  cmark_node *before = NULL;
  Line line = { 0, 0 };

  for (child = cmark_node_first_child (para);
       child != NULL && !(has_break && has_pipe);
       child = cmark_node_next (child))
    {
      if (is_break (child))
        has_break = TRUE;
      else if (cmark_node_get_type (child) == CMARK_NODE_TEXT &&
               strchr (literal_of (child), '|') != NULL)
        has_pipe = TRUE;
    }

  if (!has_break || !has_pipe)
    return FALSE;

  /* Only "---" makes a thematic break below a table; "===" would be a row. */
  if (setext && cmark_node_get_heading_level (para) != 2)
    return FALSE;

  g_ptr_array_set_size (self->nodes, 0);
  g_array_set_size (self->lines, 0);
  for (child = cmark_node_first_child (para); child != NULL; child = cmark_node_next (child))
    {
      if (is_break (child))
        {
          line.end = self->nodes->len;
          g_array_append_val (self->lines, line);
          line.start = self->nodes->len + 1;
        }
      g_ptr_array_add (self->nodes, child);
    }
  line.end = self->nodes->len;
  g_array_append_val (self->lines, line);

  for (guint i = 1; i < self->lines->len; i++)
    {
      guint n_columns = parse_delimiter_row (self->nodes, LINE (i), NULL);

      if (n_columns > 0 && split_row (self->nodes, LINE (i - 1), NULL) == n_columns)
        {
          header = i - 1;
          break;
        }
    }

  if (header == G_MAXUINT)
    return FALSE;

  g_array_set_size (self->aligns, 0);
  parse_delimiter_row (self->nodes, LINE (header + 1), self->aligns);

  table = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<table>", "</table>");

  section = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<thead>", "</thead>");
  cmark_node_append_child (table, section);
  cmark_node_append_child (section, build_row (self, LINE (header), TRUE));

  if (header + 2 < self->lines->len)
    {
      section = custom_node (CMARK_NODE_CUSTOM_BLOCK, "<tbody>", "</tbody>");
      cmark_node_append_child (table, section);
      for (guint i = header + 2; i < self->lines->len; i++)
        cmark_node_append_child (section, build_row (self, LINE (i), FALSE));
    }

  if (header > 0)
    {
      guint end = LINE (header)->start - 1;   /* the break before the header */

      before = node_new (CMARK_NODE_PARAGRAPH);
      for (guint i = 0; i < end; i++)
        cmark_node_append_child (before, g_ptr_array_index (self->nodes, i));
    }

  g_ptr_array_set_size (self->nodes, 0);

  insert_before (para, table);
  if (setext && !cmark_node_insert_after (table, node_new (CMARK_NODE_THEMATIC_BREAK)))
    g_critical ("Cannot put a thematic break after a table");
  if (before != NULL)
    {
      insert_before (table, before);
      self->pending_table = table;
      cmark_iter_reset (iter, before, CMARK_EVENT_ENTER);
    }
  else
    {
      self->table = table;
      cmark_iter_reset (iter, table, CMARK_EVENT_ENTER);
    }
  cmark_node_free (para);

  return TRUE;
}

#undef LINE

/* The walk */

static void
transform (Renderer   *self,
           cmark_node *doc)
{
  cmark_iter *iter = cmark_iter_new (doc);
  cmark_event_type ev;

  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    {
      cmark_node *node = cmark_iter_get_node (iter);
      cmark_node_type type = cmark_node_get_type (node);
      gboolean entering = ev == CMARK_EVENT_ENTER;

      switch (type)
        {
        case CMARK_NODE_TEXT:
          restore_literal (self, node, "|");
          take_text (self, literal_of (node));
          break;

        case CMARK_NODE_CODE:
          restore_literal (self, node, self->table != NULL ? "|" : "\\|");
          take_text (self, literal_of (node));
          break;

        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
          end_word (self);
          break;

        case CMARK_NODE_HTML_INLINE:
          restore_literal (self, node, "\\|");
          break;

        case CMARK_NODE_HTML_BLOCK:
          end_word (self);
          restore_literal (self, node, "\\|");
          break;

        case CMARK_NODE_LINK:
          if (entering)
            handle_link (self, iter, node);
          break;

        case CMARK_NODE_IMAGE:
          if (entering)
            handle_image (self, iter, node);
          break;

        case CMARK_NODE_CODE_BLOCK:
          end_word (self);
          if (!handle_code_block (self, iter, node))
            take_text (self, literal_of (node));
          end_word (self);
          break;

        case CMARK_NODE_HEADING:
          end_word (self);
          if (entering)
            try_table (self, iter, node);
          else
            finish_heading (self, iter, node);
          break;

        case CMARK_NODE_PARAGRAPH:
          end_word (self);
          if (entering)
            try_table (self, iter, node);
          break;

        case CMARK_NODE_CUSTOM_BLOCK:
          end_word (self);
          if (entering && node == self->pending_table)
            {
              self->table = node;
              self->pending_table = NULL;
            }
          else if (!entering && node == self->table)
            self->table = NULL;
          break;

        case CMARK_NODE_CUSTOM_INLINE:
          /* Table cells are apart; the wrappers of dropped links are not. */
          if (*cmark_node_get_on_enter (node) != '\0')
            end_word (self);
          break;

        case CMARK_NODE_EMPH:
        case CMARK_NODE_STRONG:
          break;

        case CMARK_NODE_NONE:
        case CMARK_NODE_DOCUMENT:
        case CMARK_NODE_BLOCK_QUOTE:
        case CMARK_NODE_LIST:
        case CMARK_NODE_ITEM:
        case CMARK_NODE_THEMATIC_BREAK:
        default:
          end_word (self);
          break;
        }
    }

  cmark_iter_free (iter);
}

static CgMarkdown *
render (const char          *text,
        gssize               length,
        const char * const  *block_infos,
        CgMarkdownBlockFunc  block_func,
        gpointer             block_data,
        GString             *plain)
{
  g_autofree char *valid = NULL;
  g_autofree char *protected = NULL;
  Renderer self = { 0 };
  Arena arena;
  Arena *outer_arena;
  cmark_parser *parser;
  CgMarkdown *md;
  cmark_node *doc;
  gsize len;

  if (text == NULL)
    {
      text = "";
      length = 0;
    }
  len = length < 0 ? strlen (text) : (gsize) length;

  if (!g_utf8_validate_len (text, len, NULL))
    {
      valid = g_utf8_make_valid (text, len);
      text = valid;
      len = strlen (valid);
    }

  self.placeholder = choose_placeholder (text, len);
  if (self.placeholder != NULL)
    {
      gsize protected_len = 0;

      protected = protect_escaped_pipes (text, len, self.placeholder, &protected_len);
      if (protected != NULL)
        {
          text = protected;
          len = protected_len;
        }
    }

  md = g_new0 (CgMarkdown, 1);
  md->toc = g_ptr_array_new_with_free_func (cg_toc_entry_free);

  arena_init (&arena);
  outer_arena = current_arena;
  current_arena = &arena;

  parser = cmark_parser_new_with_mem (CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8, &arena_mem);
  cmark_parser_feed (parser, text, len);
  doc = cmark_parser_finish (parser);
  cmark_parser_free (parser);
  g_clear_pointer (&valid, g_free);
  g_clear_pointer (&protected, g_free);

  self.block_infos = block_infos;
  self.block_func = block_func;
  self.block_data = block_data;
  self.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self.scratch = g_string_sized_new (256);
  self.nodes = g_ptr_array_new ();
  self.lines = g_array_new (FALSE, FALSE, sizeof (Line));
  self.aligns = g_array_new (FALSE, FALSE, sizeof (Align));
  self.cells = g_ptr_array_new ();
  self.plain = plain;
  self.md = md;

  transform (&self, doc);
  md->word_count = self.words;

  g_hash_table_unref (self.ids);
  g_string_free (self.scratch, TRUE);
  g_ptr_array_unref (self.nodes);
  g_array_unref (self.lines);
  g_array_unref (self.aligns);
  g_ptr_array_unref (self.cells);

  /* The tree and the output buffer live in the arena: take the output out
   * and drop the rest; the tree needs no cmark_node_free(). Who asked for
   * the plain text needs no HTML. */
  if (plain == NULL)
    {
      md->html = cmark_render_html (doc, CMARK_OPT_DEFAULT);
      md->html_block = arena_steal_string (&md->html);
    }

  current_arena = outer_arena;
  arena_clear (&arena);

  return md;
}

/**
 * cg_markdown_render:
 * @text: (nullable): the Markdown body, without front matter
 * @length: its length in bytes, or -1 when it is nul-terminated
 * @block_infos: (nullable): the info words of live blocks, e.g. "compare"
 * @block_func: (nullable): renders a live block
 * @block_data: data for @block_func
 *
 * Renders @text to an HTML fragment, with the transforms of the pipeline:
 * heading ids and a table of contents, GFM pipe tables, rewritten or dropped
 * links, bundled images only, live blocks. Raw HTML of the source never
 * reaches the output. Invalid UTF-8 is repaired first.
 *
 * Returns: (transfer full): the rendered document, never %NULL
 */
CgMarkdown *
cg_markdown_render (const char          *text,
                    gssize               length,
                    const char * const  *block_infos,
                    CgMarkdownBlockFunc  block_func,
                    gpointer             block_data)
{
  return render (text, length, block_infos, block_func, block_data, NULL);
}

/**
 * cg_markdown_dup_plain_text:
 * @text: (nullable): the Markdown body, without front matter
 * @length: its length in bytes, or -1 when it is nul-terminated
 *
 * The text a reader sees in @text rendered by cg_markdown_render(), without
 * markup: no emphasis marks, link targets, table pipes or raw HTML; blocks,
 * breaks and table cells apart by one space; code kept; live blocks left
 * out. What the full-text index holds, so that search snippets read as
 * prose.
 *
 * Returns: (transfer full): the plain text, never %NULL
 */
char *
cg_markdown_dup_plain_text (const char *text,
                            gssize      length)
{
  GString *plain = g_string_new (NULL);
  CgMarkdown *md = render (text, length, NULL, NULL, NULL, plain);

  cg_markdown_free (md);
  if (plain->len > 0 && plain->str[plain->len - 1] == ' ')
    g_string_truncate (plain, plain->len - 1);
  return g_string_free (plain, FALSE);
}

void
cg_markdown_free (CgMarkdown *md)
{
  if (md == NULL)
    return;

  if (md->html_block != NULL)
    g_free (md->html_block);
  else
    g_free (md->html);
  g_ptr_array_unref (md->toc);
  g_free (md->first_heading);
  g_free (md);
}

/**
 * cg_markdown_get_html:
 *
 * Returns: the body HTML fragment
 */
const char *
cg_markdown_get_html (const CgMarkdown *md)
{
  g_return_val_if_fail (md != NULL, NULL);

  return md->html;
}

/**
 * cg_markdown_get_toc:
 *
 * Returns: (transfer none) (element-type CgTocEntry): the headings of levels
 *   1 to 3, in document order
 */
GPtrArray *
cg_markdown_get_toc (const CgMarkdown *md)
{
  g_return_val_if_fail (md != NULL, NULL);

  return md->toc;
}

/**
 * cg_markdown_get_first_heading:
 *
 * Returns: (nullable): the plain text of the first heading of any level
 */
const char *
cg_markdown_get_first_heading (const CgMarkdown *md)
{
  g_return_val_if_fail (md != NULL, NULL);

  return md->first_heading;
}

guint
cg_markdown_get_word_count (const CgMarkdown *md)
{
  g_return_val_if_fail (md != NULL, 0);

  return md->word_count;
}

/**
 * cg_markdown_get_reading_minutes:
 *
 * Returns: the reading time at 200 words a minute, rounded up, at least 1
 */
guint
cg_markdown_get_reading_minutes (const CgMarkdown *md)
{
  g_return_val_if_fail (md != NULL, 1);

  return MAX (1, (md->word_count + WORDS_PER_MINUTE - 1) / WORDS_PER_MINUTE);
}

static gboolean
is_language_tag (const char *lang)
{
  gsize len = 0;

  for (const char *p = lang; *p != '\0'; p++, len++)
    {
      if (!(g_ascii_isalnum (*p) || *p == '-') || len >= 35)
        return FALSE;
    }

  return len > 0;
}

/**
 * cg_markdown_page:
 * @title: (nullable): the page title, plain text
 * @body_html: (nullable): a fragment from cg_markdown_get_html()
 * @lang: (nullable): a language tag such as "en" or "pt-BR"
 *
 * Wraps a rendered body in the app's HTML5 page: a Content-Security-Policy
 * that loads nothing from outside the app's own cg-resource: scheme and runs
 * no script, and the app's stylesheet.
 *
 * Returns: (transfer full): the page
 */
char *
cg_markdown_page (const char *title,
                  const char *body_html,
                  const char *lang)
{
  g_autofree char *valid_title = g_utf8_make_valid (title != NULL ? title : "", -1);
  g_autofree char *escaped_title = g_markup_escape_text (valid_title, -1);
  GString *page;

  if (body_html == NULL)
    body_html = "";
  if (lang == NULL || !is_language_tag (lang))
    lang = "en";

  page = g_string_sized_new (strlen (body_html) + 1024);
  g_string_append (page, "<!DOCTYPE html>\n<html lang=\"");
  g_string_append (page, lang);
  g_string_append (page,
                   "\">\n"
                   "<head>\n"
                   "<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\""
                   "default-src 'none'; img-src cg-resource:; "
                   "style-src cg-resource: 'unsafe-inline'; font-src cg-resource:; "
                   "script-src 'none'; frame-src 'none'; object-src 'none'; "
                   "form-action 'none'; base-uri 'none'\">\n"
                   "<meta name=\"color-scheme\" content=\"light dark\">\n"
                   "<link rel=\"stylesheet\" href=\"cg-resource:///css/page.css\">\n"
                   "<title>");
  g_string_append (page, escaped_title);
  g_string_append (page,
                   "</title>\n"
                   "</head>\n"
                   "<body>\n"
                   "<main>\n");
  g_string_append (page, body_html);
  g_string_append (page,
                   "</main>\n"
                   "</body>\n"
                   "</html>\n");

  return g_string_free (page, FALSE);
}
