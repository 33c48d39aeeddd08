/* cg-content-builder.c: data/content/ -> content.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bundled content is written as text (see data/content/README.md) and
 * compiled into a SQLite database at build time. Every problem in a source
 * file is reported as "file:line: what is wrong" and fails the build.
 */
#define G_LOG_DOMAIN "cg-content-builder"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "cg-classifier.h"
#include "cg-content-builder.h"
#include "cg-csv-reader.h"
#include "cg-db.h"
#include "cg-front-matter.h"
#include "cg-jsonld.h"
#include "cg-schema.h"
#include "cg-skills-vocabulary.h"
#include "cg-yaml.h"

G_DEFINE_QUARK (cg-content-error-quark, cg_content_error)

typedef struct {
  const char   *source_dir;
  sqlite3      *db;
  GHashTable   *aspects;      /* key -> TRUE */
  GHashTable   *roles;        /* slug -> TRUE */
  GPtrArray    *related;      /* pending checks: "file\nline\nslug" */
  GChecksum    *checksum;     /* over every source, for the content version */
  CgClassifier *classifier;
} Builder;

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

  if (line > 0)
    g_set_error (error, CG_CONTENT_ERROR, CG_CONTENT_ERROR_SOURCE, "%s:%u: %s", file, line, message);
  else
    g_set_error (error, CG_CONTENT_ERROR, CG_CONTENT_ERROR_SOURCE, "%s: %s", file, message);
  return FALSE;
}

static gboolean
valid_slug (const char *slug)
{
  if (slug == NULL || *slug == '\0')
    return FALSE;

  for (const char *p = slug; *p; p++)
    if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;

  return TRUE;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The files in @subdir whose names end in @suffix, sorted, as paths
 * relative to the source folder (for messages) and absolute. */
static GPtrArray *
list_sources (Builder     *b,
              const char  *subdir,
              const char  *suffix,
              GError     **error)
{
  g_autofree char *path = g_build_filename (b->source_dir, subdir, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_steal_pointer (&names);

  dir = g_dir_open (path, 0, error);
  if (dir == NULL)
    return NULL;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix) && name[0] != '.')
      g_ptr_array_add (names, g_build_filename (subdir, name, NULL));

  g_ptr_array_sort (names, compare_paths);

  return g_steal_pointer (&names);
}

static char *
read_source (Builder     *b,
             const char  *relative,
             gsize       *length,
             GError     **error)
{
  g_autofree char *path = g_build_filename (b->source_dir, relative, NULL);
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, &local_error))
    {
      fail (error, relative, 0, "%s", local_error->message);
      return NULL;
    }

  if (!g_utf8_validate (contents, *length, NULL))
    {
      g_free (contents);
      fail (error, relative, 0, _("not valid UTF-8 text"));
      return NULL;
    }

  g_checksum_update (b->checksum, (const guchar *) relative, -1);
  g_checksum_update (b->checksum, (const guchar *) "", 1);
  g_checksum_update (b->checksum, (const guchar *) contents, *length);

  return contents;
}

static char *
slug_from_file (const char *relative,
                const char *suffix)
{
  g_autofree char *base = g_path_get_basename (relative);

  base[strlen (base) - strlen (suffix)] = '\0';
  return g_steal_pointer (&base);
}

/* A scalar or a list of scalars, joined with newlines. */
static char *
join_list (const char * const *items)
{
  return items ? g_strjoinv ("\n", (char **) items) : NULL;
}

static CgYamlDocument *
load_yaml (Builder     *b,
           const char  *relative,
           GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  CgYamlDocument *doc;
  gsize length;

  contents = read_source (b, relative, &length, error);
  if (contents == NULL)
    return NULL;

  doc = cg_yaml_document_load (contents, length, 1, &local_error);
  if (doc == NULL)
    {
      /* cg-yaml's messages start with the line: "4: did not find ..." */
      g_set_error (error, CG_CONTENT_ERROR, CG_CONTENT_ERROR_SOURCE, "%s:%s",
                   relative, local_error->message);
    }

  return doc;
}

static gboolean
build_aspects (Builder  *b,
               GError  **error)
{
  const char *file = "aspects.yaml";
  g_autoptr(CgYamlDocument) doc = load_yaml (b, file, error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  yaml_node_t *root;

  if (doc == NULL)
    return FALSE;

  root = cg_yaml_document_root (doc);
  if (root->type != YAML_SEQUENCE_NODE)
    return fail (error, file, cg_yaml_node_line (doc, root), _("expected a list of aspects"));

  stmt = cg_db_prepare (b->db, "INSERT INTO aspects (key, label, position) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < cg_yaml_sequence_length (root); i++)
    {
      yaml_node_t *item = cg_yaml_sequence_get (doc, root, i);
      const char *key = cg_yaml_scalar (cg_yaml_mapping_get (doc, item, "key"));
      const char *label = cg_yaml_scalar (cg_yaml_mapping_get (doc, item, "label"));
      guint line = cg_yaml_node_line (doc, item);

      if (item->type != YAML_MAPPING_NODE || key == NULL || label == NULL)
        return fail (error, file, line, _("an aspect needs a key and a label"));
      if (g_hash_table_contains (b->aspects, key))
        return fail (error, file, line, _("aspect “%s” is listed twice"), key);

      g_hash_table_add (b->aspects, g_strdup (key));
      cg_db_bind_text (stmt, 1, key);
      cg_db_bind_text (stmt, 2, label);
      sqlite3_bind_int (stmt, 3, (int) i);
      if (!cg_db_step_done (b->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

/* A list of scalars (or one scalar) in a YAML node, as a NULL-terminated
 * array; FALSE if it holds anything else. */
static gboolean
yaml_strings (CgYamlDocument  *doc,
              yaml_node_t     *node,
              GStrv           *out)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (node == NULL)
    {
      *out = g_strv_builder_end (builder);
      return TRUE;
    }

  if (cg_yaml_scalar (node) != NULL)
    g_strv_builder_add (builder, cg_yaml_scalar (node));
  else if (node->type == YAML_SEQUENCE_NODE)
    {
      for (guint i = 0; i < cg_yaml_sequence_length (node); i++)
        {
          const char *s = cg_yaml_scalar (cg_yaml_sequence_get (doc, node, i));
          if (s == NULL)
            return FALSE;
          g_strv_builder_add (builder, s);
        }
    }
  else
    return FALSE;

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
build_role (Builder      *b,
            const char   *file,
            guint         position,
            sqlite3_stmt *role_stmt,
            sqlite3_stmt *aspect_stmt,
            sqlite3_stmt *rule_stmt,
            GError      **error)
{
  g_autoptr(CgYamlDocument) doc = load_yaml (b, file, error);
  g_autofree char *slug = slug_from_file (file, ".yaml");
  g_auto(GStrv) related = NULL;
  g_auto(GStrv) keywords = NULL;
  g_autofree char *related_text = NULL;
  yaml_node_t *root, *aspects, *classifier, *titles;
  const char *name, *summary;

  if (doc == NULL)
    return FALSE;

  root = cg_yaml_document_root (doc);
  if (!valid_slug (slug))
    return fail (error, file, 0, _("the file name must be a slug (a-z, 0-9, -)"));
  if (root->type != YAML_MAPPING_NODE)
    return fail (error, file, cg_yaml_node_line (doc, root), _("expected a mapping"));

  name = cg_yaml_scalar (cg_yaml_mapping_get (doc, root, "name"));
  summary = cg_yaml_scalar (cg_yaml_mapping_get (doc, root, "summary"));
  if (name == NULL || *name == '\0')
    return fail (error, file, cg_yaml_node_line (doc, root), _("a role needs a name"));

  if (!yaml_strings (doc, cg_yaml_mapping_get (doc, root, "related"), &related))
    return fail (error, file, cg_yaml_node_line (doc, cg_yaml_mapping_get (doc, root, "related")),
                 _("“related” must be a list of role slugs"));
  for (guint i = 0; related[i]; i++)
    g_ptr_array_add (b->related,
                     g_strdup_printf ("%s\n%u\n%s", file,
                                      cg_yaml_node_line (doc, cg_yaml_mapping_get (doc, root, "related")),
                                      related[i]));
  related_text = join_list ((const char * const *) related);

  g_hash_table_add (b->roles, g_strdup (slug));

  cg_db_bind_text (role_stmt, 1, slug);
  cg_db_bind_text (role_stmt, 2, name);
  cg_db_bind_text (role_stmt, 3, summary);
  cg_db_bind_text (role_stmt, 4, *related_text ? related_text : NULL);
  sqlite3_bind_int (role_stmt, 5, (int) position);
  if (!cg_db_step_done (b->db, role_stmt, error))
    return FALSE;

  aspects = cg_yaml_mapping_get (doc, root, "aspects");
  if (aspects != NULL && aspects->type != YAML_MAPPING_NODE)
    return fail (error, file, cg_yaml_node_line (doc, aspects), _("“aspects” must be a mapping"));

  for (guint i = 0; i < cg_yaml_mapping_size (aspects); i++)
    {
      const char *key = cg_yaml_mapping_key_at (doc, aspects, i);
      yaml_node_t *value = cg_yaml_mapping_value_at (doc, aspects, i);
      guint line = cg_yaml_node_line (doc, value);

      if (key == NULL || !g_hash_table_contains (b->aspects, key))
        return fail (error, file, line, _("unknown aspect “%s” (see aspects.yaml)"), key ? key : "");
      if (cg_yaml_scalar (value) == NULL)
        return fail (error, file, line, _("aspect “%s” must be text"), key);

      {
        g_autofree char *text = g_strstrip (g_strdup (cg_yaml_scalar (value)));

        cg_db_bind_text (aspect_stmt, 1, slug);
        cg_db_bind_text (aspect_stmt, 2, key);
        cg_db_bind_text (aspect_stmt, 3, text);
        if (!cg_db_step_done (b->db, aspect_stmt, error))
          return FALSE;
      }
    }

  classifier = cg_yaml_mapping_get (doc, root, "classifier");
  titles = cg_yaml_mapping_get (doc, classifier, "titles");
  for (guint i = 0; i < cg_yaml_sequence_length (titles); i++)
    {
      yaml_node_t *rule = cg_yaml_sequence_get (doc, titles, i);
      const char *pattern = cg_yaml_scalar (cg_yaml_mapping_get (doc, rule, "pattern"));
      const char *priority_text = cg_yaml_scalar (cg_yaml_mapping_get (doc, rule, "priority"));
      guint line = cg_yaml_node_line (doc, rule);
      g_autoptr(GError) regex_error = NULL;
      gint64 priority = 0;

      if (pattern == NULL)
        return fail (error, file, line, _("a title rule needs a pattern"));
      if (priority_text != NULL &&
          !g_ascii_string_to_signed (priority_text, 10, -1000, 1000, &priority, NULL))
        return fail (error, file, line, _("priority must be a whole number"));
      if (!cg_classifier_add_title_rule (b->classifier, slug, pattern, (int) priority, &regex_error))
        return fail (error, file, line, _("bad pattern: %s"), regex_error->message);

      cg_db_bind_text (rule_stmt, 1, slug);
      cg_db_bind_text (rule_stmt, 2, "title");
      cg_db_bind_text (rule_stmt, 3, pattern);
      sqlite3_bind_int (rule_stmt, 4, (int) priority);
      if (!cg_db_step_done (b->db, rule_stmt, error))
        return FALSE;
    }

  if (!yaml_strings (doc, cg_yaml_mapping_get (doc, classifier, "keywords"), &keywords))
    return fail (error, file, cg_yaml_node_line (doc, classifier), _("keywords must be a list"));
  for (guint i = 0; keywords[i]; i++)
    {
      cg_classifier_add_keyword (b->classifier, slug, keywords[i]);
      cg_db_bind_text (rule_stmt, 1, slug);
      cg_db_bind_text (rule_stmt, 2, "keyword");
      cg_db_bind_text (rule_stmt, 3, keywords[i]);
      sqlite3_bind_int (rule_stmt, 4, 0);
      if (!cg_db_step_done (b->db, rule_stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
build_roles (Builder  *b,
             GError  **error)
{
  g_autoptr(GPtrArray) files = list_sources (b, "roles", ".yaml", error);
  g_autoptr(sqlite3_stmt) role_stmt = NULL;
  g_autoptr(sqlite3_stmt) aspect_stmt = NULL;
  g_autoptr(sqlite3_stmt) rule_stmt = NULL;

  if (files == NULL)
    return FALSE;

  role_stmt = cg_db_prepare (b->db,
    "INSERT INTO roles (slug, name, summary, related, position) VALUES (?, ?, ?, ?, ?)", error);
  aspect_stmt = role_stmt ? cg_db_prepare (b->db,
    "INSERT INTO role_aspects (role, aspect, value) VALUES (?, ?, ?)", error) : NULL;
  rule_stmt = aspect_stmt ? cg_db_prepare (b->db,
    "INSERT INTO role_rules (role, kind, pattern, priority) VALUES (?, ?, ?, ?)", error) : NULL;
  if (rule_stmt == NULL)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    if (!build_role (b, g_ptr_array_index (files, i), i, role_stmt, aspect_stmt, rule_stmt, error))
      return FALSE;

  for (guint i = 0; i < b->related->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (b->related, i), "\n", 3);

      if (!g_hash_table_contains (b->roles, parts[2]))
        return fail (error, parts[0], (guint) g_ascii_strtoull (parts[1], NULL, 10),
                     _("related role “%s” does not exist"), parts[2]);
    }

  return TRUE;
}

/* Reads a Markdown source with front matter; a front matter error fails
 * the build with the line it gives. */
static CgFrontMatter *
load_markdown (Builder     *b,
               const char  *file,
               GError     **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(CgFrontMatter) fm = NULL;
  gsize length;

  contents = read_source (b, file, &length, error);
  if (contents == NULL)
    return NULL;

  fm = cg_front_matter_parse (contents, (gssize) length, &local_error);
  if (local_error != NULL)
    {
      /* messages read "line N: what" */
      guint line = 0;
      const char *message = local_error->message;

      if (sscanf (message, "line %u: ", &line) == 1)
        message = strchr (message, ':') + 2;
      fail (error, file, line, "%s", message);
      return NULL;
    }

  if (!cg_front_matter_has_block (fm))
    {
      fail (error, file, 1, _("bundled sources need front matter"));
      return NULL;
    }

  return g_steal_pointer (&fm);
}

static gboolean
build_guides (Builder  *b,
              GError  **error)
{
  g_autoptr(GPtrArray) files = list_sources (b, "guides", ".md", error);
  g_autoptr(sqlite3_stmt) stmt = NULL;

  if (files == NULL)
    return FALSE;

  stmt = cg_db_prepare (b->db,
    "INSERT INTO guides (slug, origin, title, description, keywords, roles, image, date, body, source)"
    " VALUES (?, 'bundled', ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *slug = slug_from_file (file, ".md");
      g_autoptr(CgFrontMatter) fm = load_markdown (b, file, error);
      g_autofree char *keywords = NULL;
      g_autofree char *roles = NULL;
      const char * const *role_list;

      if (fm == NULL)
        return FALSE;
      if (!valid_slug (slug))
        return fail (error, file, 0, _("the file name must be a slug (a-z, 0-9, -)"));
      if (cg_front_matter_get_title (fm) == NULL)
        return fail (error, file, 1, _("a guide needs a title"));
      if (cg_front_matter_get_description (fm) == NULL)
        return fail (error, file, 1, _("a guide needs a description"));

      role_list = cg_front_matter_get_list (fm, "roles");
      for (guint r = 0; role_list && role_list[r]; r++)
        if (!g_hash_table_contains (b->roles, role_list[r]))
          return fail (error, file, 1, _("role “%s” does not exist"), role_list[r]);

      keywords = join_list (cg_front_matter_get_keywords (fm));
      roles = join_list (role_list);

      cg_db_bind_text (stmt, 1, slug);
      cg_db_bind_text (stmt, 2, cg_front_matter_get_title (fm));
      cg_db_bind_text (stmt, 3, cg_front_matter_get_description (fm));
      cg_db_bind_text (stmt, 4, keywords);
      cg_db_bind_text (stmt, 5, roles);
      cg_db_bind_text (stmt, 6, cg_front_matter_get_image (fm));
      cg_db_bind_text (stmt, 7, cg_front_matter_get_date (fm));
      cg_db_bind_text (stmt, 8, cg_front_matter_get_body (fm));
      cg_db_bind_text (stmt, 9, file);
      if (!cg_db_step_done (b->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
build_faq (Builder  *b,
           GError  **error)
{
  g_autoptr(GPtrArray) files = list_sources (b, "faq", ".md", error);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  static const char *known_live[] = { "cities-hiring", NULL };

  if (files == NULL)
    return FALSE;

  stmt = cg_db_prepare (b->db,
    "INSERT INTO faq (slug, question, topic, role, position, live, answer)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *slug = slug_from_file (file, ".md");
      g_autoptr(CgFrontMatter) fm = load_markdown (b, file, error);
      const char *question, *topic, *role, *order, *live;
      gint64 position = 0;

      if (fm == NULL)
        return FALSE;

      question = cg_front_matter_get_string (fm, "question");
      topic = cg_front_matter_get_string (fm, "topic");
      role = cg_front_matter_get_string (fm, "role");
      order = cg_front_matter_get_string (fm, "order");
      live = cg_front_matter_get_string (fm, "live");

      if (!valid_slug (slug))
        return fail (error, file, 0, _("the file name must be a slug (a-z, 0-9, -)"));
      if (question == NULL)
        return fail (error, file, 1, _("an FAQ entry needs a question"));
      if (topic == NULL)
        return fail (error, file, 1, _("an FAQ entry needs a topic"));
      if (role != NULL && !g_hash_table_contains (b->roles, role))
        return fail (error, file, 1, _("role “%s” does not exist"), role);
      if (order != NULL && !g_ascii_string_to_signed (order, 10, G_MININT, G_MAXINT, &position, NULL))
        return fail (error, file, 1, _("“order” must be a whole number"));
      if (live != NULL && !g_strv_contains (known_live, live))
        return fail (error, file, 1, _("unknown live answer “%s”"), live);

      cg_db_bind_text (stmt, 1, slug);
      cg_db_bind_text (stmt, 2, question);
      cg_db_bind_text (stmt, 3, topic);
      cg_db_bind_text (stmt, 4, role);
      sqlite3_bind_int (stmt, 5, (int) position);
      cg_db_bind_text (stmt, 6, live);
      cg_db_bind_text (stmt, 7, cg_front_matter_get_body (fm));
      if (!cg_db_step_done (b->db, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
build_jobs (Builder  *b,
            GError  **error)
{
  g_autoptr(GPtrArray) files = list_sources (b, "jobs", ".json", error);
  g_autoptr(CgJobWriter) writer = NULL;
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (files == NULL)
    return FALSE;

  writer = cg_job_writer_new (b->db, "bundled", error);
  if (writer == NULL)
    return FALSE;

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GPtrArray) records = NULL;
      g_autoptr(GError) local_error = NULL;
      gsize length;

      contents = read_source (b, file, &length, error);
      if (contents == NULL)
        return FALSE;

      records = cg_jsonld_parse (contents, (gssize) length, warnings, &local_error);
      if (records == NULL)
        {
          const char *m = local_error->message;
          guint line = 0, column = 0;

          if (g_error_matches (local_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID) &&
              sscanf (m, "%u:%u:", &line, &column) == 2)
            return fail (error, file, line, _("column %u: %s"), column,
                         strchr (strchr (m, ':') + 1, ':') + 2);
          return fail (error, file, 0, "%s", m);
        }
      if (warnings->len > 0)
        return fail (error, file, 0, "%s", (char *) g_ptr_array_index (warnings, 0));

      for (guint r = 0; r < records->len; r++)
        {
          CgJobRecord *record = g_ptr_array_index (records, r);

          if (g_hash_table_contains (keys, record->key))
            return fail (error, file, 0, _("posting “%s” is there twice (key %s)"),
                         record->title, record->key);
          g_hash_table_add (keys, g_strdup (record->key));

          if (record->role == NULL)
            record->role = g_strdup (cg_classifier_classify (b->classifier, record->title,
                                                             record->description));
          if (!cg_job_writer_write (writer, record, error))
            return FALSE;
        }
    }

  return TRUE;
}

typedef struct {
  Builder      *b;
  const char   *file;
  sqlite3_stmt *stmt;
  guint         row;
} CsvState;

static gboolean
csv_row_cb (const CgCsvRow  *row,
            gpointer         user_data,
            GError         **error)
{
  static const char *header[] = { "role", "region", "date", "dimension", "category", "percent", "source" };
  static const char *dimensions[] = { "employment_type", "work_arrangement", NULL };
  CsvState *state = user_data;
  const char *const *f = row->cells;
  double percent;
  char *end = NULL;

  if (state->row++ == 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (header); i++)
        if (i >= row->n_cells || g_strcmp0 (f[i], header[i]) != 0)
          return fail (error, state->file, row->line,
                       _("the header must be: role,region,date,dimension,category,percent,source"));
      return TRUE;
    }

  if (row->n_cells != G_N_ELEMENTS (header))
    return fail (error, state->file, row->line,
                 _("expected %u columns, found %u"), (guint) G_N_ELEMENTS (header), row->n_cells);

  if (!g_strv_contains (dimensions, f[3]))
    return fail (error, state->file, row->line, _("unknown dimension “%s”"), f[3]);

  percent = g_ascii_strtod (f[5], &end);
  if (end == f[5] || *end != '\0' || percent < 0 || percent > 100)
    return fail (error, state->file, row->line, _("percent must be a number from 0 to 100"));

  if (*f[0] != '\0' && !g_hash_table_contains (state->b->roles, f[0]))
    return fail (error, state->file, row->line, _("role “%s” does not exist"), f[0]);

  sqlite3_reset (state->stmt);
  for (guint i = 0; i < 5; i++)
    cg_db_bind_text (state->stmt, i + 1, *f[i] ? f[i] : NULL);
  sqlite3_bind_double (state->stmt, 6, percent);
  cg_db_bind_text (state->stmt, 7, f[6]);
  return cg_db_step_done (state->b->db, state->stmt, error);
}

static gboolean
build_figures (Builder  *b,
               GError  **error)
{
  const char *file = "market/figures.csv";
  g_autofree char *path = g_build_filename (b->source_dir, file, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(CgCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;
  CsvState state = { b, file, NULL, 0 };
  gsize length;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  contents = read_source (b, file, &length, error);
  if (contents == NULL)
    return FALSE;

  stmt = cg_db_prepare (b->db,
    "INSERT INTO figures (role, region, date, dimension, category, percent, source)"
    " VALUES (?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  state.stmt = stmt;

  /* the source is UTF-8 already (read_source() checks it), comma-separated */
  reader = cg_csv_reader_new (CG_CSV_STRICT, ',', csv_row_cb, &state);
  if (!cg_csv_reader_feed (reader, contents, length, &local_error) ||
      !cg_csv_reader_finish (reader, &local_error))
    {
      if (local_error->domain == CG_CSV_ERROR)
        return fail (error, file, 0, "%s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* skills.yaml, if there is one: the vocabulary and the skills of the
 * bundled postings (see cg-skills-vocabulary.c) */
static gboolean
build_skills (Builder  *b,
              GError  **error)
{
  const char *file = "skills.yaml";
  g_autofree char *path = g_build_filename (b->source_dir, file, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;

  contents = read_source (b, file, &length, error);
  return contents != NULL && cg_skills_build_content (b->db, file, contents, length, error);
}

gboolean
cg_content_build (const char  *source_dir,
                  const char  *output_path,
                  GError     **error)
{
  g_autofree char *tmp_path = g_strconcat (output_path, ".tmp", NULL);
  g_autoptr(GHashTable) aspects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) roles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) related = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(CgClassifier) classifier = cg_classifier_new ();
  g_autoptr(sqlite3_stmt) meta = NULL;
  g_autofree char *version_sql = NULL;
  Builder b = { source_dir, NULL, aspects, roles, related, checksum, classifier };
  gboolean ok = FALSE;

  g_unlink (tmp_path);

  b.db = cg_db_open (tmp_path, FALSE, error);
  if (b.db == NULL)
    return FALSE;

  version_sql = g_strdup_printf ("PRAGMA user_version = %d", CG_CONTENT_SCHEMA_VERSION);
  if (!cg_db_exec (b.db, "PRAGMA journal_mode = OFF", error) ||
      !cg_db_exec (b.db, cg_content_schema_sql, error) ||
      !cg_db_exec (b.db, version_sql, error) ||
      !cg_db_begin (b.db, error))
    goto out;

  if (!build_aspects (&b, error) ||
      !build_roles (&b, error) ||
      !build_guides (&b, error) ||
      !build_faq (&b, error) ||
      !build_jobs (&b, error) ||
      !build_figures (&b, error) ||
      !build_skills (&b, error))
    goto out;

  meta = cg_db_prepare (b.db, "INSERT INTO meta (key, value) VALUES ('content_version', ?)", error);
  if (meta == NULL)
    goto out;
  cg_db_bind_text (meta, 1, g_checksum_get_string (checksum));
  if (!cg_db_step_done (b.db, meta, error) || !cg_db_commit (b.db, error))
    goto out;

  ok = TRUE;

out:
  g_clear_pointer (&meta, sqlite3_finalize);
  if (!ok)
    cg_db_rollback (b.db);
  cg_db_close (b.db);

  if (ok && g_rename (tmp_path, output_path) != 0)
    {
      int saved = errno;
      g_set_error (error, CG_CONTENT_ERROR, CG_CONTENT_ERROR_OUTPUT, "%s: %s",
                   output_path, g_strerror (saved));
      ok = FALSE;
    }
  if (!ok)
    g_unlink (tmp_path);

  return ok;
}
