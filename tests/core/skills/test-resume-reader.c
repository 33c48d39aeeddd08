/* test-resume-reader.c: the skills of a resume file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "cg-resume-reader.h"
#include "cg-skill-matcher.h"
#include "cg-skills-vocabulary.h"
#include "cg-test-utils.h"

static CgSkillMatcher *matcher;
static CgSkillsVocabulary *vocab;

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
names (GArray *found)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; i < found->len; i++)
    {
      const CgSkillMatch *m = &g_array_index (found, CgSkillMatch, i);

      g_assert_cmpint (m->need, ==, CG_SKILL_NEED_REQUIRED);
      g_ptr_array_add (items, cg_skills_vocabulary_get_skill (vocab, m->skill)->name);
    }
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (", ", (char **) items->pdata);
}

static char *
read_fixture (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "resume", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = cg_resume_read_skills (matcher, path, &error);

  g_assert_no_error (error);
  return names (found);
}

static void
test_markdown (void)
{
  g_autofree char *got = read_fixture ("resume.md");

  g_assert_cmpstr (got, ==,
                   "ARM Cortex-M, C, C++, CI/CD, FreeRTOS, I2C, Keyword spotting, Machine learning, Nordic nRF, PyTorch, "
                   "Python, Quantization, SPI, STM32, TensorFlow Lite Micro, TinyML, Zephyr");
}

static void
test_html (void)
{
  g_autofree char *got = read_fixture ("resume.html");

  /* no script or style text, entities decoded */
  g_assert_cmpstr (got, ==,
                   "C++, CAN bus, Docker, Embedded Linux, Firmware development, Kubernetes, LIN, Yocto");
}

static void
test_text (void)
{
  g_autofree char *got = read_fixture ("resume.txt");

  g_assert_cmpstr (got, ==, "Apache Airflow, Apache Spark, English, SQL, dbt");
}

static void
test_refused (void)
{
  g_autofree char *pdf = g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "resume", "resume.pdf", NULL);
  g_autofree char *missing = g_build_filename (g_getenv ("CG_TEST_FIXTURES"), "resume", "nope.txt", NULL);
  g_autoptr(GError) error = NULL;
  GArray *found;

  found = cg_resume_read_skills (matcher, pdf, &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  found = cg_resume_read_skills (matcher, missing, &error);
  g_assert_null (found);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  found = cg_resume_find_skills (matcher, "Python\0C++", 10, "cv.txt", &error);
  g_assert_null (found);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  found = cg_resume_find_skills (matcher, "", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 0);
  g_array_unref (found);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *path = g_build_filename (g_getenv ("CG_CONTENT_SOURCE_DIR"), "skills.yaml", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  int ret;

  g_test_init (&argc, &argv, NULL);

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  vocab = cg_skills_vocabulary_parse (data, length, "skills.yaml", &error);
  g_assert_no_error (error);
  matcher = cg_skill_matcher_new (vocab);

  g_test_add_func ("/resume-reader/markdown", test_markdown);
  g_test_add_func ("/resume-reader/html", test_html);
  g_test_add_func ("/resume-reader/text", test_text);
  g_test_add_func ("/resume-reader/refused", test_refused);

  ret = g_test_run ();

  cg_skill_matcher_unref (matcher);
  cg_skills_vocabulary_unref (vocab);
  return ret;
}
