/* test-skill-matcher.c: finding skills in postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-skill-matcher.h"
#include "cg-skills-vocabulary.h"
#include "cg-test-utils.h"

static CgSkillMatcher *matcher;
static CgSkillsVocabulary *vocab;

/* "name:r name:n" for what a title and a text ask for, sorted by name;
 * r is required, n nice to have */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
describe (const char *title,
          const char *text)
{
  g_autoptr(GArray) found = cg_skill_matcher_find (matcher, title, -1, text, -1);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < found->len; i++)
    {
      const CgSkillMatch *m = &g_array_index (found, CgSkillMatch, i);

      g_ptr_array_add (items, g_strdup_printf ("%s:%c", cg_skills_vocabulary_get_skill (vocab, m->skill)->name,
                                               m->need == CG_SKILL_NEED_REQUIRED ? 'r' : 'n'));
    }
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (" ", (char **) items->pdata);
}

#define assert_finds(text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = describe (NULL, text); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_empty (void)
{
  g_autoptr(GArray) a = cg_skill_matcher_find (matcher, NULL, 0, NULL, 0);
  g_autoptr(GArray) b = cg_skill_matcher_find (matcher, "", 0, "", 0);
  g_autoptr(GArray) c = cg_skill_matcher_find (matcher, NULL, 0, "\n\n   \t", -1);

  g_assert_cmpuint (a->len, ==, 0);
  g_assert_cmpuint (b->len, ==, 0);
  g_assert_cmpuint (c->len, ==, 0);
}

static void
test_c_family (void)
{
  assert_finds ("Strong C and C++ skills; some C# for tools", "C#:r C++:r C:r");
  assert_finds ("C/C++ on microcontrollers", "C++:r C:r Microcontrollers:r");
  assert_finds ("We use C#.", "C#:r");
  assert_finds ("C++17 and modern C++", "C++:r");
  assert_finds ("Objective-C for the iOS app", "Objective-C:r iOS:r");
  assert_finds ("Present to C-level executives in Washington, D.C. with a grade C", "");
  assert_finds ("Embedded C firmware", "C:r Firmware development:r");
}

static void
test_go (void)
{
  assert_finds ("Go to the office three days a week.", "");
  assert_finds ("We go live next month; let's go!", "");
  assert_finds ("Microservices in Go and Python", "Go:r Microservices:r Python:r");
  assert_finds ("golang experience", "Go:r");
  assert_finds ("a go-getter who likes to go beyond", "");
}

static void
test_r (void)
{
  assert_finds ("Our R&D team", "");
  assert_finds ("Our R & D team uses Python", "Python:r");
  assert_finds ("Statistics in R and Python", "Python:r R:r Statistics:r");
  assert_finds ("Building R, floor 2", "");
}

static void
test_rust (void)
{
  assert_finds ("Rust for firmware", "Firmware development:r Rust:r");
  assert_finds ("rust prevention and corrosion coatings", "");
  assert_finds ("Rust-proof enclosure", "");
}

static void
test_ci (void)
{
  assert_finds ("CI/CD pipelines", "CI/CD:r");
  assert_finds ("CI pipelines in Jenkins", "Continuous integration:r Jenkins:r");
  assert_finds ("results with a 95% CI", "");
  assert_finds ("ML models", "Machine learning:r");
  assert_finds ("add 10 ml of water", "");
  assert_finds ("Spark and Kafka", "Apache Kafka:r Apache Spark:r");
  assert_finds ("to spark innovation", "");
}

/* Word boundaries in any script, case, and text that is not UTF-8. */
static void
test_unicode (void)
{
  assert_finds ("«Python», “TensorFlow” • PyTorch", "PyTorch:r Python:r TensorFlow:r");
  assert_finds ("PYTHON and TENSORFLOW LITE", "Python:r TensorFlow Lite:r");
  assert_finds ("ÉPython Pythonés", "");
  assert_finds ("TFLite Micro on an nRF52840", "Nordic nRF:r TensorFlow Lite Micro:r");
  assert_finds ("TensorFlow Lite for Microcontrollers", "TensorFlow Lite Micro:r");
  assert_finds ("Python\xc2\xa0y\xc2\xa0SQL", "Python:r SQL:r");
  assert_finds ("Py\xffthon \xff" "Python\xff", "Python:r");
  assert_finds ("µC/OS-III and uC/OS", "Micrium µC/OS:r");
}

static void
test_spanish (void)
{
  assert_finds ("Buscamos ingeniero con experiencia en aprendizaje automático y visión por computador.",
                "Computer vision:r Machine learning:r");
  assert_finds ("APRENDIZAJE AUTOMÁTICO", "Machine learning:r");
  assert_finds ("aprendizaje automatico sin tildes", "Machine learning:r");
  assert_finds ("## Requisitos\n\n- Python y C++\n\n## Se valorará\n\n- Conocimientos de TensorFlow Lite\n"
                "- Trabajo en equipo y comunicación\n",
                "C++:r Communication:n Python:r Teamwork:n TensorFlow Lite:n");
  assert_finds ("Experiencia con Rust. Inglés valorable.", "English:n");
}

static void
test_required_nice (void)
{
  const char *posting =
    "## About the role\n\nYou will deploy models with TensorFlow Lite.\n\n"
    "## Requirements\n\n- C and C++\n- FreeRTOS or Zephyr\n\n"
    "## Nice to have\n\n- Rust for firmware\n- Edge Impulse\n\n"
    "## Benefits\n\n- Python lunch club\n";
  g_autofree char *got = describe ("Embedded ML Engineer", posting);

  g_assert_cmpstr (got, ==,
                   "C++:r C:r Edge Impulse:n Firmware development:n FreeRTOS:r Model deployment:r Python:r Rust:n "
                   "TensorFlow Lite:r TinyML:r Zephyr:r");

  /* phrases in a sentence */
  assert_finds ("Python is required; Rust is a plus.", "Python:r Rust:n");
  assert_finds ("Experience with Kubernetes preferred. Docker is a must.", "Docker:r Kubernetes:n");
  assert_finds ("Bonus points for Verilog experience", "Verilog:n");
  /* labels in bold */
  assert_finds ("**Must have:** Python, SQL\n**Nice to have:** Airflow DAGs, dbt\n",
                "Apache Airflow:n Python:r SQL:r dbt:n");
  /* "requirements" inside a sentence is no heading */
  assert_finds ("Gather requirements from stakeholders and write Go and Python code.",
                "Go:r Python:r Stakeholder management:r");
  /* a skill asked for twice keeps the stronger need */
  assert_finds ("Python preferred.\n\n## Requirements\n- Python\n", "Python:r");
}

static void
test_title (void)
{
  g_autofree char *got = describe ("Senior Rust Engineer", "Nice to have: Python.");
  g_autoptr(GArray) found = cg_skill_matcher_find (matcher, "Firmware Engineer (C/C++)", -1, "C++ preferred", -1);

  g_assert_cmpstr (got, ==, "Python:n Rust:r");
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_true (g_array_index (found, CgSkillMatch, 0).in_title);
  for (guint i = 0; i < found->len; i++)
    if (strcmp (cg_skills_vocabulary_get_skill (vocab, g_array_index (found, CgSkillMatch, i).skill)->name, "C++") == 0)
      {
        g_assert_cmpint (g_array_index (found, CgSkillMatch, i).need, ==, CG_SKILL_NEED_REQUIRED);
        g_assert_cmpuint (g_array_index (found, CgSkillMatch, i).count, ==, 2);
      }
}

static void
test_offsets (void)
{
  const char *text = "Know «PyTorch» well";
  g_autoptr(GArray) found = cg_skill_matcher_find (matcher, NULL, 0, text, -1);
  const CgSkillMatch *m;

  g_assert_cmpuint (found->len, ==, 1);
  m = &g_array_index (found, CgSkillMatch, 0);
  g_assert_cmpuint (m->end - m->start, ==, strlen ("PyTorch"));
  g_assert_cmpint (strncmp (text + m->start, "PyTorch", 7), ==, 0);
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

  g_test_add_func ("/skill-matcher/empty", test_empty);
  g_test_add_func ("/skill-matcher/c-family", test_c_family);
  g_test_add_func ("/skill-matcher/go", test_go);
  g_test_add_func ("/skill-matcher/r", test_r);
  g_test_add_func ("/skill-matcher/rust", test_rust);
  g_test_add_func ("/skill-matcher/ci-ml-spark", test_ci);
  g_test_add_func ("/skill-matcher/unicode", test_unicode);
  g_test_add_func ("/skill-matcher/spanish", test_spanish);
  g_test_add_func ("/skill-matcher/required-nice", test_required_nice);
  g_test_add_func ("/skill-matcher/title", test_title);
  g_test_add_func ("/skill-matcher/offsets", test_offsets);

  ret = g_test_run ();

  cg_skill_matcher_unref (matcher);
  cg_skills_vocabulary_unref (vocab);
  return ret;
}
