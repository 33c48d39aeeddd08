/* test-content-builder.c: data/content/ -> content.db, and its errors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-content-builder.h"
#include "cg-db.h"
#include "cg-schema.h"
#include "cg-test-utils.h"

/* Builds the real sources and checks what the database holds. */
static void
test_builds_bundled_sources (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "content.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  sqlite3 *db;

  g_assert_true (cg_content_build (g_getenv ("CG_CONTENT_SOURCE_DIR"), out, &error));
  g_assert_no_error (error);

  db = cg_db_open (out, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_db_get_user_version (db, NULL), ==, CG_CONTENT_SCHEMA_VERSION);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs"), ==, 3);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE origin = 'bundled'"), ==, 3);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM guides"), >=, 1);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM faq"), >=, 5);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM faq WHERE live = 'cities-hiring'"), ==, 1);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM figures"), ==, 6);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT sum(percent) FROM figures WHERE dimension = 'employment_type'"), ==, 100);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT percent FROM figures WHERE dimension = 'work_arrangement' AND category = 'onsite'"), ==, 84);

  /* both compared roles, with every aspect filled in */
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM roles WHERE slug IN ('embedded-ml-engineer', 'firmware-engineer')"), ==, 2);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM role_aspects WHERE role = 'firmware-engineer'"), ==,
    cg_test_query_int (db, "SELECT count(*) FROM aspects"));

  /* postings are classified at build time, descriptions are Markdown */
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE company = 'OptiTrack' AND role = 'mlops-engineer'"), ==, 1);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE description LIKE '%<%'"), ==, 0);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE description LIKE '%- Design, automate and scale%'"), ==, 1);

  version = cg_test_query_text (db, "SELECT value FROM meta WHERE key = 'content_version'");
  g_assert_cmpuint (strlen (version), ==, 64);

  cg_db_close (db);
  cg_test_remove_tree (dir);
}

/* A minimal valid source tree, which each broken case then spoils. */
static void
write_minimal_sources (const char *src)
{
  cg_test_write_file (src, "aspects.yaml", "- { key: focus, label: Focus }\n");
  cg_test_write_file (src, "roles/alpha.yaml",
                      "name: Alpha Engineer\n"
                      "summary: Builds alpha things.\n"
                      "aspects:\n"
                      "  focus: Alphas\n"
                      "related: []\n"
                      "classifier:\n"
                      "  titles:\n"
                      "    - { pattern: \"alpha\", priority: 50 }\n"
                      "  keywords: [alpha]\n");
  cg_test_write_file (src, "guides/first.md",
                      "---\ntitle: First\ndescription: The first guide.\nkeywords: [a, b]\n---\n\n# First\n\nBody.\n");
  cg_test_write_file (src, "faq/01-q.md",
                      "---\nquestion: Why?\ntopic: Things\nrole: alpha\norder: 3\n---\nBecause.\n");
  cg_test_write_file (src, "jobs/a.json",
                      "{\"@type\": \"JobPosting\", \"title\": \"Alpha Engineer\", \"url\": \"https://example.org/a\"}\n");
  cg_test_write_file (src, "market/figures.csv",
                      "role,region,date,dimension,category,percent,source\n"
                      "alpha,Florida,2026-05,employment_type,full_time,90,\"Test, figures\"\n");
}

static void
test_minimal_sources (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *src = g_build_filename (dir, "content", NULL);
  g_autofree char *out = g_build_filename (dir, "content.db", NULL);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  write_minimal_sources (src);
  g_assert_true (cg_content_build (src, out, &error));
  g_assert_no_error (error);

  db = cg_db_open (out, TRUE, &error);
  g_assert_cmpstr (cg_test_query_str (db, "SELECT keywords FROM guides WHERE slug = 'first'"), ==, "a\nb");
  g_assert_cmpint (cg_test_query_int (db, "SELECT position FROM faq WHERE slug = '01-q'"), ==, 3);
  g_assert_cmpstr (cg_test_query_str (db, "SELECT role FROM jobs"), ==, "alpha");
  g_assert_cmpstr (cg_test_query_str (db, "SELECT source FROM figures"), ==, "Test, figures");
  cg_db_close (db);

  cg_test_remove_tree (dir);
}

typedef struct {
  const char *name;
  const char *file;      /* relative to the source folder */
  const char *contents;  /* what it becomes */
  const char *expected;  /* the start of the message: "file:line:" */
  const char *words;     /* a word the message must contain */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "yaml-syntax", "roles/alpha.yaml",
    "name: Alpha\nsummary: ok\naspects:\n  focus: [unclosed\n", "roles/alpha.yaml:", "" },
  { "unknown-aspect", "roles/alpha.yaml",
    "name: Alpha\naspects:\n  focus: Alphas\n  colour: blue\n", "roles/alpha.yaml:4:", "colour" },
  { "role-without-name", "roles/alpha.yaml",
    "summary: nameless\n", "roles/alpha.yaml:1:", "name" },
  { "bad-pattern", "roles/alpha.yaml",
    "name: Alpha\nclassifier:\n  titles:\n    - { pattern: \"(unclosed\", priority: 5 }\n",
    "roles/alpha.yaml:4:", "pattern" },
  { "related-missing", "roles/alpha.yaml",
    "name: Alpha\nrelated: [beta]\n", "roles/alpha.yaml:2:", "beta" },
  { "front-matter-syntax", "guides/first.md",
    "---\ntitle: First\ndescription: \"unclosed\nkeywords: [a\n---\nBody\n", "guides/first.md:", "" },
  { "front-matter-unclosed", "guides/first.md",
    "---\ntitle: First\n\nBody without a closing line\n", "guides/first.md:1:", "" },
  { "guide-without-title", "guides/first.md",
    "---\ndescription: no title\n---\nBody\n", "guides/first.md:1:", "title" },
  { "guide-unknown-role", "guides/first.md",
    "---\ntitle: T\ndescription: D\nroles: [nobody]\n---\nBody\n", "guides/first.md:1:", "nobody" },
  { "faq-without-question", "faq/01-q.md",
    "---\ntopic: Things\n---\nAnswer\n", "faq/01-q.md:1:", "question" },
  { "faq-bad-order", "faq/01-q.md",
    "---\nquestion: Q\ntopic: T\norder: first\n---\nAnswer\n", "faq/01-q.md:1:", "order" },
  { "json-invalid", "jobs/a.json",
    "{\n  \"@type\": \"JobPosting\",\n  \"title\": \"x\"\n  \"url\": 1\n}\n", "jobs/a.json:3:", "Parse error" },
  { "json-no-title", "jobs/a.json",
    "[{\"@type\": \"JobPosting\", \"url\": \"u\"}]", "jobs/a.json:", "title" },
  { "json-not-postings", "jobs/a.json",
    "{\"hello\": \"world\"}", "jobs/a.json:", "JobPosting" },
  { "csv-header", "market/figures.csv",
    "role,region\nalpha,Florida\n", "market/figures.csv:1:", "header" },
  { "csv-percent", "market/figures.csv",
    "role,region,date,dimension,category,percent,source\n"
    "alpha,Florida,2026-05,employment_type,full_time,90,ok\n"
    "alpha,Florida,2026-05,employment_type,part_time,lots,ok\n", "market/figures.csv:3:", "percent" },
  { "csv-dimension", "market/figures.csv",
    "role,region,date,dimension,category,percent,source\n"
    "alpha,Florida,2026-05,mood,happy,90,ok\n", "market/figures.csv:2:", "mood" },
  { "csv-quote", "market/figures.csv",
    "role,region,date,dimension,category,percent,source\n"
    "alpha,Florida,2026-05,employment_type,full_time,90,\"unclosed\n", "market/figures.csv:", "" },
  { "not-utf8", "guides/first.md",
    "---\ntitle: \xff\xfe\n---\n", "guides/first.md", "UTF-8" },
};

static void
test_broken_source (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *src = g_build_filename (dir, "content", NULL);
  g_autofree char *out = g_build_filename (dir, "content.db", NULL);
  g_autoptr(GError) error = NULL;

  write_minimal_sources (src);
  cg_test_write_file (src, c->file, c->contents);

  g_assert_false (cg_content_build (src, out, &error));
  g_assert_error (error, CG_CONTENT_ERROR, CG_CONTENT_ERROR_SOURCE);
  if (!g_str_has_prefix (error->message, c->expected) || !strstr (error->message, c->words))
    g_error ("%s: expected a message starting “%s” and naming “%s”, got “%s”",
             c->name, c->expected, c->words, error->message);

  /* a failed build leaves nothing behind */
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  {
    g_autofree char *tmp = g_strconcat (out, ".tmp", NULL);
    g_assert_false (g_file_test (tmp, G_FILE_TEST_EXISTS));
  }

  cg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/content-builder/bundled", test_builds_bundled_sources);
  g_test_add_func ("/content-builder/minimal", test_minimal_sources);
  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/content-builder/broken/%s", broken_cases[i].name);
      g_test_add_data_func (path, &broken_cases[i], test_broken_source);
    }

  return g_test_run ();
}
