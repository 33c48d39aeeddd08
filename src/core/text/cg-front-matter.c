/* cg-front-matter.c: YAML front matter of Markdown documents
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-front-matter"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <yaml.h>

#include "cg-front-matter.h"

/* A document may start with a front matter block:
 *
 *   ---
 *   title: "..."
 *   keywords: [ "a", "b", ]
 *   ---
 *   Markdown body
 *
 * The block is read with libyaml's event API into a small tree, which is then
 * read into the known fields and a table of every key. Anything that goes wrong
 * is reported as a GError with a line number of the source file, and the body is
 * always there to render.
 *
 * Values as the getters see them:
 * - get_string() returns scalars; NULL for null (`key:`, `~`), lists and mappings;
 * - get_list() returns lists of scalars, a scalar as a one-item list, and an empty
 *   list for null; NULL for mappings and for lists that hold lists or mappings;
 * - get_keywords() is NULL when there is no `keywords` key;
 * - nested mappings are also kept as "parent.child" keys for get_string()/get_list().
 *
 * Limits against hostile input (this parser is fuzzed): the block may be at most
 * MAX_BLOCK_SIZE bytes, hold at most MAX_NODES values nested at most MAX_DEPTH deep,
 * and aliases (`*name`) are refused, so "billion laughs" cannot expand.
 */

#define MAX_BLOCK_SIZE (64 * 1024)
#define MAX_NODES      10000
#define MAX_DEPTH      64
#define MAX_KEY_PATH   1024  /* longest "parent.child" key that is kept */

typedef enum
{
  NODE_SCALAR,
  NODE_SEQUENCE,
  NODE_MAPPING,
} NodeKind;

typedef struct
{
  NodeKind   kind;
  guint      line;      /* 1-based line in the source file */
  gboolean   is_null;   /* a plain scalar YAML reads as null: "", "~", "null" */
  char      *text;      /* NODE_SCALAR */
  GPtrArray *children;  /* items; for mappings key, value, key, value, ... (not owned) */
} Node;

typedef struct
{
  GPtrArray *nodes;      /* owns every Node, so freeing needs no recursion */
  GPtrArray *stack;      /* open sequences and mappings */
  Node      *root;
  const char *block;
  gsize       block_len;
  guint       first_line; /* line of the source file where the block starts */
  guint       n_documents;
} Loader;

typedef struct
{
  char *string;  /* a scalar; NULL for null, lists and mappings */
  GStrv list;    /* a list of scalars or a scalar as a one-item list; NULL otherwise */
} Value;

struct _CgFrontMatter
{
  char       *body;
  guint       body_line;
  gboolean    has_block;

  char       *title;
  char       *description;
  char       *image;
  char       *image_alt;
  char       *date;
  GStrv       keywords;

  GHashTable *values;  /* char *key -> Value *, including "parent.child" keys */
  GPtrArray  *keys;    /* top-level key names in document order */
};

typedef enum
{
  BLOCK_NONE,
  BLOCK_UNCLOSED,
  BLOCK_CLOSED,
} BlockKind;

G_DEFINE_QUARK (cg-front-matter-error-quark, cg_front_matter_error)

/* Keeps the first error: later problems in the same document are not reported. */
G_GNUC_PRINTF (3, 4)
static void
report_error (GError   **error,
              int        code,
              const char *format,
              ...)
{
  va_list args;

  if (error == NULL || *error != NULL)
    return;

  va_start (args, format);
  *error = g_error_new_valist (CG_FRONT_MATTER_ERROR, code, format, args);
  va_end (args);
}

static guint
clamp_line (gsize line)
{
  return line > G_MAXUINT ? G_MAXUINT : (guint) line;
}

static gsize
count_newlines (const char *p,
                const char *end)
{
  gsize n = 0;

  while (p < end && (p = memchr (p, '\n', end - p)) != NULL)
    {
      n++;
      p++;
    }

  return n;
}

/* Block delimiters */

static const char *
find_line_end (const char *p,
               const char *end)
{
  const char *nl = memchr (p, '\n', end - p);

  return nl != NULL ? nl : end;
}

/* TRUE if [p, eol) is @marker followed only by spaces, tabs or a CR. */
static gboolean
is_marker_line (const char *p,
                const char *eol,
                const char *marker)
{
  if (eol - p < 3 || memcmp (p, marker, 3) != 0)
    return FALSE;

  for (p += 3; p < eol; p++)
    {
      if (*p != ' ' && *p != '\t' && *p != '\r')
        return FALSE;
    }

  return TRUE;
}

static BlockKind
find_block (const char  *start,
            const char  *end,
            const char **block,
            const char **block_end,
            const char **body,
            gsize       *body_line)
{
  const char *eol = find_line_end (start, end);
  const char *p;
  gsize line = 1;

  if (!is_marker_line (start, eol, "---"))
    return BLOCK_NONE;

  if (eol == end)
    return BLOCK_UNCLOSED;

  *block = p = eol + 1;

  while (p < end)
    {
      line++;
      eol = find_line_end (p, end);

      if (is_marker_line (p, eol, "---") || is_marker_line (p, eol, "..."))
        {
          *block_end = p;
          *body = eol < end ? eol + 1 : end;
          *body_line = line + 1;
          return BLOCK_CLOSED;
        }

      if (eol == end)
        break;

      p = eol + 1;
    }

  return BLOCK_UNCLOSED;
}

/* Loading the block into a tree */

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->text);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static guint
loader_line (Loader            *loader,
             const yaml_mark_t *mark)
{
  return clamp_line ((gsize) loader->first_line + mark->line);
}

static void
loader_report_parser_error (Loader        *loader,
                            yaml_parser_t *parser,
                            GError       **error)
{
  const char *problem = parser->problem != NULL ? parser->problem : _("unknown error");
  guint line;

  switch (parser->error)
    {
    case YAML_MEMORY_ERROR:
      report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                    /* Translators: %u is a line number */
                    _("line %u: not enough memory to read the front matter"),
                    loader->first_line);
      break;

    case YAML_READER_ERROR:
      /* problem_offset is a byte offset in the block */
      line = clamp_line (loader->first_line +
                         count_newlines (loader->block,
                                         loader->block +
                                         MIN (parser->problem_offset, loader->block_len)));
      report_error (error,
                    strstr (problem, "UTF-8") != NULL ? CG_FRONT_MATTER_ERROR_ENCODING
                                                      : CG_FRONT_MATTER_ERROR_SYNTAX,
                    /* Translators: %u is a line number, %s a message from libyaml */
                    _("line %u: %s"), line, problem);
      break;

    case YAML_NO_ERROR:
    case YAML_SCANNER_ERROR:
    case YAML_PARSER_ERROR:
    case YAML_COMPOSER_ERROR:
    case YAML_WRITER_ERROR:
    case YAML_EMITTER_ERROR:
    default:
      report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                    _("line %u: %s"), loader_line (loader, &parser->problem_mark), problem);
      break;
    }
}

static gboolean
is_null_scalar (const yaml_event_t *event)
{
  const char *value = (const char *) event->data.scalar.value;
  gsize length = event->data.scalar.length;

  if (!event->data.scalar.plain_implicit || event->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
    return FALSE;

  return length == 0 ||
         (length == 1 && value[0] == '~') ||
         (length == 4 && (memcmp (value, "null", 4) == 0 ||
                          memcmp (value, "Null", 4) == 0 ||
                          memcmp (value, "NULL", 4) == 0));
}

static Node *
loader_add_node (Loader             *loader,
                 NodeKind            kind,
                 const yaml_event_t *event,
                 GError            **error)
{
  Node *node;

  if (loader->nodes->len >= MAX_NODES)
    {
      report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                    /* Translators: %u is a line number */
                    _("line %u: front matter holds too many values"),
                    loader_line (loader, &event->start_mark));
      return NULL;
    }

  node = g_new0 (Node, 1);
  node->kind = kind;
  node->line = loader_line (loader, &event->start_mark);
  if (kind != NODE_SCALAR)
    node->children = g_ptr_array_new ();
  g_ptr_array_add (loader->nodes, node);

  if (loader->stack->len == 0)
    loader->root = node;
  else
    g_ptr_array_add (((Node *) g_ptr_array_index (loader->stack,
                                                  loader->stack->len - 1))->children,
                     node);

  return node;
}

/* Returns FALSE to stop reading. */
static gboolean
loader_handle_event (Loader             *loader,
                     const yaml_event_t *event,
                     gboolean           *done,
                     GError            **error)
{
  Node *node;

  switch (event->type)
    {
    case YAML_NO_EVENT:
    case YAML_STREAM_START_EVENT:
    case YAML_DOCUMENT_END_EVENT:
      return TRUE;

    case YAML_STREAM_END_EVENT:
      *done = TRUE;
      return TRUE;

    case YAML_DOCUMENT_START_EVENT:
      if (++loader->n_documents > 1)
        {
          report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                        /* Translators: %u is a line number */
                        _("line %u: front matter holds more than one YAML document"),
                        loader_line (loader, &event->start_mark));
          return FALSE;
        }
      return TRUE;

    case YAML_ALIAS_EVENT:
      report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                    /* Translators: %u is a line number; an alias is YAML's "*name" */
                    _("line %u: aliases are not allowed in front matter"),
                    loader_line (loader, &event->start_mark));
      return FALSE;

    case YAML_SCALAR_EVENT:
      /* The block is valid UTF-8, but escapes such as "\0" can still put a NUL
       * into a value, which a C string cannot hold. */
      if (!g_utf8_validate_len ((const char *) event->data.scalar.value,
                                event->data.scalar.length, NULL))
        {
          report_error (error, CG_FRONT_MATTER_ERROR_ENCODING,
                        /* Translators: %u is a line number */
                        _("line %u: text contains a NUL character"),
                        loader_line (loader, &event->start_mark));
          return FALSE;
        }
      if (!(node = loader_add_node (loader, NODE_SCALAR, event, error)))
        return FALSE;
      node->text = g_strndup ((const char *) event->data.scalar.value,
                              event->data.scalar.length);
      node->is_null = is_null_scalar (event);
      return TRUE;

    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      if (loader->stack->len >= MAX_DEPTH)
        {
          report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                        /* Translators: %u is a line number */
                        _("line %u: front matter is nested too deeply"),
                        loader_line (loader, &event->start_mark));
          return FALSE;
        }
      node = loader_add_node (loader,
                              event->type == YAML_MAPPING_START_EVENT ? NODE_MAPPING
                                                                      : NODE_SEQUENCE,
                              event, error);
      if (node == NULL)
        return FALSE;
      g_ptr_array_add (loader->stack, node);
      return TRUE;

    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
      if (loader->stack->len > 0)
        g_ptr_array_set_size (loader->stack, loader->stack->len - 1);
      return TRUE;

    default:
      return TRUE;
    }
}

static gboolean
loader_load (Loader  *loader,
             GError **error)
{
  yaml_parser_t parser;
  gboolean done = FALSE;
  gboolean ok = TRUE;

  if (!yaml_parser_initialize (&parser))
    {
      report_error (error, CG_FRONT_MATTER_ERROR_SYNTAX,
                    _("line %u: not enough memory to read the front matter"),
                    loader->first_line);
      return FALSE;
    }

  yaml_parser_set_input_string (&parser, (const unsigned char *) loader->block, loader->block_len);
  /* No guessing from a byte order mark: the block has been checked as UTF-8. */
  yaml_parser_set_encoding (&parser, YAML_UTF8_ENCODING);

  while (ok && !done)
    {
      yaml_event_t event;

      if (!yaml_parser_parse (&parser, &event))
        {
          loader_report_parser_error (loader, &parser, error);
          ok = FALSE;
          break;
        }

      ok = loader_handle_event (loader, &event, &done, error);
      yaml_event_delete (&event);
    }

  yaml_parser_delete (&parser);

  return ok;
}

/* From the tree to fields */

static void
value_free (gpointer data)
{
  Value *value = data;

  g_free (value->string);
  g_strfreev (value->list);
  g_free (value);
}

/* The items of a sequence as strings, skipping nulls; NULL if an item is a
 * sequence or a mapping. */
static GStrv
node_dup_scalar_list (const Node *node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < node->children->len; i++)
    {
      const Node *item = g_ptr_array_index (node->children, i);

      if (item->kind != NODE_SCALAR)
        return NULL;
      if (!item->is_null)
        g_strv_builder_add (builder, item->text);
    }

  return g_strv_builder_end (builder);
}

static Value *
value_new (const Node *node)
{
  Value *value = g_new0 (Value, 1);

  switch (node->kind)
    {
    case NODE_SCALAR:
      if (node->is_null)
        {
          value->list = g_new0 (char *, 1);
        }
      else
        {
          value->string = g_strdup (node->text);
          value->list = g_new0 (char *, 2);
          value->list[0] = g_strdup (node->text);
        }
      break;

    case NODE_SEQUENCE:
      value->list = node_dup_scalar_list (node);
      break;

    case NODE_MAPPING:
    default:
      break;
    }

  return value;
}

/* The entries of a mapping as key node, value node, ... in the order the keys
 * first appear; of duplicate keys the last value wins. Entries whose key is not
 * a scalar are left out and reported to @error (which may be NULL). */
static GPtrArray *
mapping_entries (const Node *map,
                 GError    **error)
{
  GPtrArray *entries = g_ptr_array_new ();
  g_autoptr(GHashTable) positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i + 1 < map->children->len; i += 2)
    {
      Node *key = g_ptr_array_index (map->children, i);
      Node *value = g_ptr_array_index (map->children, i + 1);
      gpointer position;

      if (key->kind != NODE_SCALAR)
        {
          report_error (error, CG_FRONT_MATTER_ERROR_TYPE,
                        /* Translators: %u is a line number */
                        _("line %u: a key must be text, not a list or a mapping"),
                        key->line);
          continue;
        }

      if (g_hash_table_lookup_extended (positions, key->text, NULL, &position))
        {
          entries->pdata[GPOINTER_TO_UINT (position) + 1] = value;
        }
      else
        {
          g_hash_table_insert (positions, key->text, GUINT_TO_POINTER (entries->len));
          g_ptr_array_add (entries, key);
          g_ptr_array_add (entries, value);
        }
    }

  return entries;
}

/* Stores @node under @key and, for a mapping, its entries as "key.child". The
 * tree is at most MAX_DEPTH deep, which bounds the recursion. */
static void
store_value (CgFrontMatter *fm,
             const char    *key,
             const Node    *node)
{
  g_hash_table_replace (fm->values, g_strdup (key), value_new (node));

  if (node->kind == NODE_MAPPING)
    {
      g_autoptr(GPtrArray) entries = mapping_entries (node, NULL);
      gsize key_len = strlen (key);

      for (guint i = 0; i + 1 < entries->len; i += 2)
        {
          const Node *child_key = g_ptr_array_index (entries, i);
          const Node *child = g_ptr_array_index (entries, i + 1);
          g_autofree char *path = NULL;

          if (key_len + 1 + strlen (child_key->text) > MAX_KEY_PATH)
            continue;

          path = g_strconcat (key, ".", child_key->text, NULL);
          store_value (fm, path, child);
        }
    }
}

/* For title, description, date and the parts of image. */
static void
read_text_field (char      **field,
                 const char *name,
                 const Node *key,
                 const Node *value,
                 GError    **error)
{
  g_clear_pointer (field, g_free);

  if (value->kind == NODE_SEQUENCE)
    {
      report_error (error, CG_FRONT_MATTER_ERROR_TYPE,
                    /* Translators: %u is a line number, %s a key such as “title” */
                    _("line %u: “%s” must be text, not a list"),
                    key->line, name);
      return;
    }
  if (value->kind == NODE_MAPPING)
    {
      report_error (error, CG_FRONT_MATTER_ERROR_TYPE,
                    /* Translators: %u is a line number, %s a key such as “title” */
                    _("line %u: “%s” must be text, not a mapping"),
                    key->line, name);
      return;
    }

  if (!value->is_null)
    *field = g_strdup (value->text);
}

static void
read_keywords (CgFrontMatter *fm,
               const Node    *key,
               const Node    *value,
               GError       **error)
{
  g_clear_pointer (&fm->keywords, g_strfreev);

  switch (value->kind)
    {
    case NODE_SCALAR:
      if (value->is_null)
        {
          fm->keywords = g_new0 (char *, 1);
        }
      else
        {
          fm->keywords = g_new0 (char *, 2);
          fm->keywords[0] = g_strdup (value->text);
        }
      break;

    case NODE_SEQUENCE:
      fm->keywords = node_dup_scalar_list (value);
      if (fm->keywords == NULL)
        report_error (error, CG_FRONT_MATTER_ERROR_TYPE,
                      /* Translators: %u is a line number */
                      _("line %u: “keywords” must be a list of text items"),
                      key->line);
      break;

    case NODE_MAPPING:
    default:
      report_error (error, CG_FRONT_MATTER_ERROR_TYPE,
                    _("line %u: “keywords” must be a list of text items"),
                    key->line);
      break;
    }
}

/* image: /path.jpeg, or image: { path: /path.jpeg, alt: "..." } with src or url
 * accepted for path. */
static void
read_image (CgFrontMatter *fm,
            const Node    *key,
            const Node    *value,
            GError       **error)
{
  static const char * const path_names[] = { "path", "src", "url" };
  g_autoptr(GPtrArray) entries = NULL;
  guint path_rank = G_N_ELEMENTS (path_names);

  g_clear_pointer (&fm->image, g_free);
  g_clear_pointer (&fm->image_alt, g_free);

  if (value->kind != NODE_MAPPING)
    {
      read_text_field (&fm->image, "image", key, value, error);
      return;
    }

  entries = mapping_entries (value, error);

  for (guint i = 0; i + 1 < entries->len; i += 2)
    {
      const Node *child_key = g_ptr_array_index (entries, i);
      const Node *child = g_ptr_array_index (entries, i + 1);

      if (strcmp (child_key->text, "alt") == 0)
        {
          read_text_field (&fm->image_alt, "image.alt", child_key, child, error);
          continue;
        }

      for (guint rank = 0; rank < path_rank; rank++)
        {
          if (strcmp (child_key->text, path_names[rank]) == 0)
            {
              g_autofree char *name = g_strconcat ("image.", path_names[rank], NULL);

              read_text_field (&fm->image, name, child_key, child, error);
              path_rank = rank;
              break;
            }
        }
    }
}

static void
read_known_key (CgFrontMatter *fm,
                const Node    *key,
                const Node    *value,
                GError       **error)
{
  const char *name = key->text;

  if (strcmp (name, "title") == 0)
    read_text_field (&fm->title, name, key, value, error);
  else if (strcmp (name, "description") == 0)
    read_text_field (&fm->description, name, key, value, error);
  else if (strcmp (name, "date") == 0)
    read_text_field (&fm->date, name, key, value, error);
  else if (strcmp (name, "keywords") == 0)
    read_keywords (fm, key, value, error);
  else if (strcmp (name, "image") == 0)
    read_image (fm, key, value, error);
}

static void
read_document (CgFrontMatter *fm,
               const Node    *root,
               GError       **error)
{
  g_autoptr(GPtrArray) entries = NULL;

  /* An empty block, or one with only comments or "~", has no fields. */
  if (root == NULL || (root->kind == NODE_SCALAR && root->is_null))
    return;

  if (root->kind != NODE_MAPPING)
    {
      if (root->kind == NODE_SCALAR)
        report_error (error, CG_FRONT_MATTER_ERROR_NOT_MAPPING,
                      /* Translators: %u is a line number */
                      _("line %u: front matter must be “key: value” lines, not a single value"),
                      root->line);
      else
        report_error (error, CG_FRONT_MATTER_ERROR_NOT_MAPPING,
                      /* Translators: %u is a line number */
                      _("line %u: front matter must be “key: value” lines, not a list"),
                      root->line);
      return;
    }

  entries = mapping_entries (root, error);

  for (guint i = 0; i + 1 < entries->len; i += 2)
    {
      const Node *key = g_ptr_array_index (entries, i);
      const Node *value = g_ptr_array_index (entries, i + 1);

      g_ptr_array_add (fm->keys, g_strdup (key->text));
      store_value (fm, key->text, value);
      read_known_key (fm, key, value, error);
    }
}

static void
parse_block (CgFrontMatter *fm,
             const char    *block,
             gsize          block_len,
             guint          first_line,
             GError       **error)
{
  Loader loader = { 0, };
  const char *invalid = NULL;

  if (!g_utf8_validate_len (block, block_len, &invalid))
    {
      guint line = clamp_line (first_line + count_newlines (block, invalid));

      if (*invalid == '\0')
        report_error (error, CG_FRONT_MATTER_ERROR_ENCODING,
                      /* Translators: %u is a line number */
                      _("line %u: front matter contains a NUL character"), line);
      else
        report_error (error, CG_FRONT_MATTER_ERROR_ENCODING,
                      /* Translators: %u is a line number */
                      _("line %u: front matter is not valid UTF-8 text"), line);
      return;
    }

  loader.nodes = g_ptr_array_new_with_free_func (node_free);
  loader.stack = g_ptr_array_new ();
  loader.block = block;
  loader.block_len = block_len;
  loader.first_line = first_line;

  /* Fields are only filled from a block that parsed as a whole. */
  if (loader_load (&loader, error))
    read_document (fm, loader.root, error);

  g_ptr_array_unref (loader.stack);
  g_ptr_array_unref (loader.nodes);
}

/* Public API */

/**
 * cg_front_matter_parse:
 * @text: a Markdown document
 * @length: length of @text in bytes, or -1 if it is NUL-terminated
 * @error: return location for the first problem found in the front matter
 *
 * Splits @text into its front matter and body. Always returns a front matter,
 * even when @error is set: the body can be rendered in any case.
 *
 * Returns: (transfer full): the front matter; free with cg_front_matter_free()
 */
CgFrontMatter *
cg_front_matter_parse (const char *text,
                       gssize      length,
                       GError    **error)
{
  g_autoptr(CgFrontMatter) fm = g_new0 (CgFrontMatter, 1);
  g_autoptr(GError) local_error = NULL;
  const char *start;
  const char *end;
  const char *block = NULL;
  const char *block_end = NULL;
  const char *body;
  gsize body_line = 1;
  gsize len;

  fm->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, value_free);
  fm->keys = g_ptr_array_new_with_free_func (g_free);

  if (text == NULL)
    {
      text = "";
      length = 0;
    }

  len = length < 0 ? strlen (text) : (gsize) length;
  start = text;
  end = text + len;

  if (len >= 3 && memcmp (start, "\xEF\xBB\xBF", 3) == 0)
    start += 3;

  body = start;

  switch (find_block (start, end, &block, &block_end, &body, &body_line))
    {
    case BLOCK_UNCLOSED:
      report_error (&local_error, CG_FRONT_MATTER_ERROR_UNCLOSED,
                    /* Translators: %u is a line number */
                    _("line %u: front matter opened here is never closed"), 1);
      break;

    case BLOCK_CLOSED:
      fm->has_block = TRUE;
      if (block_end - block > MAX_BLOCK_SIZE)
        report_error (&local_error, CG_FRONT_MATTER_ERROR_SYNTAX,
                      /* Translators: %u is a line number, %d a size in KiB */
                      _("line %u: front matter too long (more than %d KiB)"),
                      1, MAX_BLOCK_SIZE / 1024);
      else
        parse_block (fm, block, block_end - block, 2, &local_error);
      break;

    case BLOCK_NONE:
    default:
      break;
    }

  fm->body = g_strndup (body, end - body);
  fm->body_line = clamp_line (body_line);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  return g_steal_pointer (&fm);
}

void
cg_front_matter_free (CgFrontMatter *fm)
{
  if (fm == NULL)
    return;

  g_free (fm->body);
  g_free (fm->title);
  g_free (fm->description);
  g_free (fm->image);
  g_free (fm->image_alt);
  g_free (fm->date);
  g_strfreev (fm->keywords);
  g_clear_pointer (&fm->values, g_hash_table_unref);
  g_clear_pointer (&fm->keys, g_ptr_array_unref);
  g_free (fm);
}

gboolean
cg_front_matter_has_block (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, FALSE);

  return fm->has_block;
}

const char *
cg_front_matter_get_title (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return fm->title;
}

const char *
cg_front_matter_get_description (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return fm->description;
}

/* NULL if there is no "keywords" key; empty for "keywords:" or "[]". */
const char * const *
cg_front_matter_get_keywords (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return (const char * const *) fm->keywords;
}

const char *
cg_front_matter_get_image (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return fm->image;
}

const char *
cg_front_matter_get_image_alt (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return fm->image_alt;
}

const char *
cg_front_matter_get_date (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return fm->date;
}

/* The scalar under @key (a top-level key or a "parent.child" path). */
const char *
cg_front_matter_get_string (const CgFrontMatter *fm,
                            const char          *key)
{
  const Value *value;

  g_return_val_if_fail (fm != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = g_hash_table_lookup (fm->values, key);

  return value != NULL ? value->string : NULL;
}

/* The list under @key; a scalar reads as a one-item list, null as an empty one. */
const char * const *
cg_front_matter_get_list (const CgFrontMatter *fm,
                          const char          *key)
{
  const Value *value;

  g_return_val_if_fail (fm != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  value = g_hash_table_lookup (fm->values, key);

  return value != NULL ? (const char * const *) value->list : NULL;
}

/* Returns: (transfer container) (element-type utf8): top-level keys in
 * document order, owned by @fm; free the list with g_list_free() */
GList *
cg_front_matter_get_keys (const CgFrontMatter *fm)
{
  GList *list = NULL;

  g_return_val_if_fail (fm != NULL, NULL);

  for (guint i = fm->keys->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (fm->keys, i - 1));

  return list;
}

const char *
cg_front_matter_get_body (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, NULL);

  return fm->body;
}

guint
cg_front_matter_get_body_line (const CgFrontMatter *fm)
{
  g_return_val_if_fail (fm != NULL, 0);

  return fm->body_line;
}
