/* test-skills-vocabulary.c: skills.yaml, its checks and its tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-content-builder.h"
#include "cg-db.h"
#include "cg-library.h"
#include "cg-schema.h"
#include "cg-skill-matcher.h"
#include "cg-skills-extract.h"
#include "cg-skills-vocabulary.h"
#include "cg-test-utils.h"

static char *
read_bundled (gsize *length)
{
  g_autofree char *path = g_build_filename (g_getenv ("CG_CONTENT_SOURCE_DIR"), "skills.yaml", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, length, &error));
  g_assert_no_error (error);
  return contents;
}

/* The bundled vocabulary: at least 400 skills, in every group, and its
 * examples hold. */
static void
test_bundled (void)
{
  gsize length;
  g_autofree char *data = read_bundled (&length);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSkillsVocabulary) vocab = cg_skills_vocabulary_parse (data, length, "skills.yaml", &error);
  g_autoptr(GHashTable) per_group = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_no_error (error);
  g_assert_nonnull (vocab);
  g_assert_cmpuint (cg_skills_vocabulary_get_n_skills (vocab), >=, 400);
  g_assert_true (cg_skills_vocabulary_check_examples (vocab, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < cg_skills_vocabulary_get_n_skills (vocab); i++)
    g_hash_table_add (per_group, cg_skills_vocabulary_get_skill (vocab, i)->group);
  g_assert_cmpuint (g_hash_table_size (per_group), ==, cg_skills_vocabulary_get_n_groups (vocab));
  g_assert_cmpint (cg_skills_vocabulary_find_group (vocab, "soft-skills"), >=, 0);

  /* the slugs the rest of the application knows skills by */
  g_assert_cmpint (cg_skills_vocabulary_find (vocab, "cpp"), ==, cg_skills_vocabulary_find (vocab, "C++"));
  g_assert_cmpint (cg_skills_vocabulary_find (vocab, "c-sharp"), ==, cg_skills_vocabulary_find (vocab, "C#"));
  g_assert_cmpint (cg_skills_vocabulary_find (vocab, "tensorflow-lite-micro"), >=, 0);
}

/* A vocabulary with one broken thing: the error says the file and line. */
static void
assert_broken (const char *yaml,
               const char *expected_prefix,
               const char *expected_part)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgSkillsVocabulary) vocab = cg_skills_vocabulary_parse (yaml, strlen (yaml), "skills.yaml", &error);

  if (vocab != NULL)
    cg_skills_vocabulary_check_examples (vocab, &error);
  g_assert_nonnull (error);
  g_assert_error (error, CG_SKILLS_ERROR, error->code);
  if (!g_str_has_prefix (error->message, expected_prefix) || strstr (error->message, expected_part) == NULL)
    g_error ("expected “%s…%s”, got “%s”", expected_prefix, expected_part, error->message);
}

#define GROUPS "groups:\n  - { key: languages, name: Languages }\n"

static void
test_broken (void)
{
  /* YAML that does not parse */
  assert_broken (GROUPS "skills:\n  - { name: C, group: languages\n", "skills.yaml:5:", "flow mapping");
  /* an unknown group */
  assert_broken (GROUPS "skills:\n  - { name: Python, group: languages }\n  - { name: Rust, group: langs }\n",
                 "skills.yaml:5:", "langs");
  /* an alias claimed twice, across skills */
  assert_broken (GROUPS "skills:\n"
                 "  - { name: Golang, group: languages }\n"
                 "  - name: Go\n"
                 "    group: languages\n"
                 "    aliases:\n"
                 "      - golang\n",
                 "skills.yaml:8:", "Golang");
  /* ...and within one skill */
  assert_broken (GROUPS "skills:\n  - { name: Python, group: languages, aliases: [Python3, python3] }\n",
                 "skills.yaml:4:", "twice");
  /* a rule without examples */
  assert_broken (GROUPS "skills:\n"
                 "  - name: R\n"
                 "    group: languages\n"
                 "    aliases: [{ text: R, case: exact }]\n",
                 "skills.yaml:4:", "examples");
  /* a rule that is not well-formed */
  assert_broken (GROUPS "skills:\n"
                 "  - name: R\n"
                 "    group: languages\n"
                 "    aliases:\n"
                 "      - { text: R, case: upper }\n",
                 "skills.yaml:7:", "exact");
  assert_broken (GROUPS "skills:\n"
                 "  - name: Go\n"
                 "    group: languages\n"
                 "    aliases:\n"
                 "      - { text: Go, near-groups: [tools] }\n",
                 "skills.yaml:7:", "tools");
  assert_broken (GROUPS "skills:\n"
                 "  - name: Go\n"
                 "    group: languages\n"
                 "    aliases:\n"
                 "      - { text: Go, near: [code], window: 9000 }\n",
                 "skills.yaml:7:", "window");
  assert_broken (GROUPS "skills:\n"
                 "  - { name: Go, group: languages, colour: blue }\n",
                 "skills.yaml:4:", "colour");
  /* an exception holding none of the skill's spellings */
  assert_broken (GROUPS "skills:\n"
                 "  - name: R\n"
                 "    group: languages\n"
                 "    except: [Q&A]\n"
                 "    examples:\n"
                 "      - { text: \"R code\", finds: [R] }\n"
                 "      - { text: \"R&D\", misses: [R] }\n",
                 "skills.yaml:6:", "Q&A");
  /* an example that does not hold names its line */
  assert_broken (GROUPS "skills:\n"
                 "  - name: R\n"
                 "    group: languages\n"
                 "    aliases: [{ text: R, case: exact }]\n"
                 "    examples:\n"
                 "      - { text: \"r code\", misses: [R] }\n"
                 "      - { text: \"r stats\", finds: [R] }\n",
                 "skills.yaml:9:", "should find");
  /* an example naming a skill that does not exist */
  assert_broken (GROUPS "skills:\n"
                 "  - name: R\n"
                 "    group: languages\n"
                 "    examples:\n"
                 "      - { text: \"R code\", finds: [S] }\n",
                 "skills.yaml:7:", "“S”");
  /* two skills with the same slug */
  assert_broken (GROUPS "skills:\n"
                 "  - { name: C++, group: languages }\n"
                 "  - { name: Cpp!, group: languages }\n",
                 "skills.yaml:5:", "cpp");
  /* a marker of an unknown kind */
  assert_broken (GROUPS "markers:\n  musts: [must]\nskills:\n  - { name: C++, group: languages }\n",
                 "skills.yaml:4:", "musts");
}

/* Through the content compiler: the tables, a broken file failing the
 * build, and the copy into a library. */
static void
test_content_and_library (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *out = g_build_filename (dir, "content.db", NULL);
  g_autofree char *user = g_build_filename (dir, "user.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;
  g_autoptr(CgSkillsVocabulary) vocab = NULL;
  sqlite3 *db;

  g_assert_true (cg_content_build (g_getenv ("CG_CONTENT_SOURCE_DIR"), out, &error));
  g_assert_no_error (error);

  db = cg_db_open (out, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM skills"), >=, 400);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM skill_aliases WHERE skill = 'tensorflow-lite-micro'"
    " AND text IN ('TFLite Micro', 'TensorFlow Lite for Microcontrollers')"), ==, 2);
  /* the bundled postings' skills, found at build time */
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM job_skills s JOIN jobs j ON j.id = s.job"
    " WHERE j.company = 'OptiTrack' AND s.skill = 'mlops' AND s.required = 1"), ==, 1);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM job_skills s JOIN jobs j ON j.id = s.job"
    " WHERE j.company = 'BNY' AND s.skill = 'financial-services' AND s.required = 0"), ==, 1);
  cg_db_close (db);

  library = cg_library_new (user, out);
  g_assert_true (cg_library_open (library, &error));
  g_assert_no_error (error);
  g_assert_null (cg_library_get_content_problem (library));
  db = cg_library_get_db (library);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM skills"), >=, 400);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM job_skills s JOIN jobs j ON j.id = s.job WHERE j.company = 'OptiTrack'"), >=, 2);

  /* the vocabulary read back from the library matches like the file's */
  vocab = cg_skills_vocabulary_load_db (db, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cg_skills_vocabulary_get_n_skills (vocab), >=, 400);
  {
    g_autoptr(CgSkillMatcher) matcher = cg_skill_matcher_new (vocab);
    g_autoptr(GArray) found = cg_skill_matcher_find (matcher, NULL, 0, "Go to the office. R&D in C#.", -1);

    g_assert_cmpuint (found->len, ==, 1);
    g_assert_cmpstr (cg_skills_vocabulary_get_skill (vocab, g_array_index (found, CgSkillMatch, 0).skill)->name,
                     ==, "C#");
  }

  /* the postings' skills go with the postings */
  g_assert_true (cg_db_exec (db, "DELETE FROM jobs WHERE company = 'OptiTrack'", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM job_skills WHERE job NOT IN (SELECT id FROM jobs)"), ==, 0);

  g_clear_object (&library);
  cg_test_remove_tree (dir);
}

/* A broken skills.yaml fails the build with its line. */
static void
test_build_fails (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *src = g_build_filename (dir, "src", NULL);
  g_autofree char *out = g_build_filename (dir, "content.db", NULL);
  g_autoptr(GError) error = NULL;

  cg_test_write_file (src, "aspects.yaml", "- { key: focus, label: Focus }\n");
  cg_test_write_file (src, "skills.yaml", GROUPS "skills:\n  - { name: Rust, group: nope }\n");
  g_assert_false (cg_content_build (src, out, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "skills.yaml:4: "));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  cg_test_remove_tree (dir);
}

typedef struct {
  GMainLoop *loop;
  gint64     done;
  GError    *error;
  guint      calls;
  guint64    last;
} Extract;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Extract *e = user_data;

  g_assert_cmpuint (done, <=, total);
  g_assert_cmpuint (done, >=, e->last);
  e->last = done;
  g_atomic_int_inc (&e->calls);
}

static void
extracted_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Extract *e = user_data;

  e->done = cg_skills_extract_for_jobs_finish (result, &e->error);
  g_main_loop_quit (e->loop);
}

/* Every posting of a library, again, in the background. */
static void
test_extract_for_jobs (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *user = g_build_filename (dir, "user.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = NULL;
  g_autoptr(CgSkillsVocabulary) vocab = NULL;
  g_autoptr(CgSkillMatcher) matcher = NULL;
  g_autoptr(GCancellable) cancelled = g_cancellable_new ();
  g_autofree char *content = cg_library_dup_content_path ();
  Extract e = { g_main_loop_new (NULL, FALSE), 0, NULL, 0, 0 };
  sqlite3 *db;
  gint64 n_jobs;

  library = cg_library_new (user, content);
  g_assert_true (cg_library_open (library, &error));
  g_assert_no_error (error);
  db = cg_library_get_db (library);
  g_assert_true (cg_db_exec (db,
    "INSERT INTO jobs (key, title, description) VALUES"
    " ('a', 'Firmware Engineer', '## Requirements\n- C and FreeRTOS\n\n## Nice to have\n- Rust'),"
    " ('b', 'Go Developer', 'Go to the office. R&D.'),"
    " ('c', 'Nothing', NULL);"
    "DELETE FROM job_skills;", &error));
  g_assert_no_error (error);
  n_jobs = cg_test_query_int (db, "SELECT count(*) FROM jobs");

  vocab = cg_skills_vocabulary_load_db (db, &error);
  g_assert_no_error (error);
  matcher = cg_skill_matcher_new (vocab);

  g_assert_true (cg_skills_job_skills_are_stale (db));

  /* cancelled before it starts: nothing written */
  g_cancellable_cancel (cancelled);
  cg_skills_extract_for_jobs_async (user, matcher, NULL, NULL, cancelled, extracted_cb, &e);
  g_main_loop_run (e.loop);
  g_assert_error (e.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&e.error);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM job_skills"), ==, 0);

  cg_skills_extract_for_jobs_async (user, matcher, progress_cb, &e, NULL, extracted_cb, &e);
  g_main_loop_run (e.loop);
  g_assert_no_error (e.error);
  g_assert_cmpint (e.done, ==, n_jobs);
  g_assert_cmpuint (e.calls, >=, 2);
  g_assert_cmpuint (e.last, ==, (guint64) n_jobs);

  {
    g_autofree char *a = cg_test_query_text (db,
      "SELECT group_concat(skill || ':' || required, ' ') FROM (SELECT s.skill, s.required"
      " FROM job_skills s JOIN jobs j ON j.id = s.job WHERE j.key = 'a' ORDER BY s.skill)");
    g_autofree char *b = cg_test_query_text (db,
      "SELECT group_concat(s.skill) FROM job_skills s JOIN jobs j ON j.id = s.job WHERE j.key = 'b'");
    g_autofree char *version = cg_test_query_text (db,
      "SELECT value FROM meta WHERE key = 'job_skills_version'");
    g_autofree char *skills_version = cg_test_query_text (db,
      "SELECT value FROM meta WHERE key = 'skills_version'");

    g_assert_cmpstr (a, ==, "c:1 firmware-development:1 freertos:1 rust:0");
    /* the title says Go; the text's "Go to" and "R&D" do not */
    g_assert_cmpstr (b, ==, "go");
    g_assert_nonnull (version);
    g_assert_cmpstr (version, ==, skills_version);
  }
  g_assert_false (cg_skills_job_skills_are_stale (db));

  /* the bundled postings got theirs too */
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(DISTINCT job) FROM job_skills s JOIN jobs j ON j.id = s.job WHERE j.origin = 'bundled'"),
    ==, cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE origin = 'bundled'"));

  g_main_loop_unref (e.loop);
  g_clear_object (&library);
  cg_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/skills-vocabulary/bundled", test_bundled);
  g_test_add_func ("/skills-vocabulary/broken", test_broken);
  g_test_add_func ("/skills-vocabulary/content-and-library", test_content_and_library);
  g_test_add_func ("/skills-vocabulary/build-fails", test_build_fails);
  g_test_add_func ("/skills-vocabulary/extract-for-jobs", test_extract_for_jobs);

  return g_test_run ();
}
