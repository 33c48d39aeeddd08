/* test-classifier.c: postings mapped to roles by the bundled rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cg-classifier.h"
#include "cg-db.h"

static const struct {
  const char *title;
  const char *role;
} titles[] = {
  { "Machine Learning & Operations Engineer", "mlops-engineer" },
  { "AI/Machine Learning Engineer Senior", "ml-engineer" },
  { "Senior Specialist, AI / Machine Learning Data Engineer", "ml-data-engineer" },
  { "Senior Specialist, AI / Machine Learning Engineer", "ml-engineer" },
  { "Embedded Machine Learning Engineer", "embedded-ml-engineer" },
  { "Embedded ML Engineer", "embedded-ml-engineer" },
  { "TinyML Engineer", "embedded-ml-engineer" },
  { "Firmware Engineer II", "firmware-engineer" },
  { "Senior Embedded Firmware Engineer", "firmware-engineer" },
  { "Embedded Software Engineer", "embedded-software-engineer" },
  { "Embedded Linux Engineer", "embedded-linux-engineer" },
  { "MLOps Engineer", "mlops-engineer" },
  { "Data Scientist", "data-scientist" },
  { "Data Engineer, Machine Learning", "ml-data-engineer" },
  { "Software Engineer", "software-engineer" },
  { "Electronics Engineer", "electronics-engineer" },
  { "Test Engineer", "test-engineer" },
  { "Hardware Test Engineer", "test-engineer" },
  { "Mechatronics Engineer", "mechatronics-engineer" },
};

static CgClassifier *
bundled_classifier (void)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cg_db_open (g_getenv ("CG_CONTENT_DB"), TRUE, &error);
  CgClassifier *classifier;

  g_assert_no_error (error);
  classifier = cg_classifier_new_from_db (db, &error);
  g_assert_no_error (error);
  cg_db_close (db);
  return classifier;
}

static void
test_bundled_titles (void)
{
  g_autoptr(CgClassifier) classifier = bundled_classifier ();

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      const char *role = cg_classifier_classify (classifier, titles[i].title, NULL);

      if (g_strcmp0 (role, titles[i].role) != 0)
        g_error ("“%s”: expected %s, got %s", titles[i].title, titles[i].role, role ? role : "(none)");
    }
}

static void
test_unmatched (void)
{
  g_autoptr(CgClassifier) classifier = bundled_classifier ();

  g_assert_null (cg_classifier_classify (classifier, "Sales Manager", "Sell things to people."));
  g_assert_null (cg_classifier_classify (classifier, NULL, NULL));
}

static void
test_priorities_and_keywords (void)
{
  g_autoptr(CgClassifier) classifier = cg_classifier_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_classifier_add_title_rule (classifier, "low", "engineer", 10, &error));
  g_assert_true (cg_classifier_add_title_rule (classifier, "high", "firmware", 80, &error));
  cg_classifier_add_keyword (classifier, "kw", "tinyml");
  cg_classifier_add_keyword (classifier, "other", "sql");

  g_assert_cmpstr (cg_classifier_classify (classifier, "Firmware Engineer", NULL), ==, "high");
  g_assert_cmpstr (cg_classifier_classify (classifier, "FIRMWARE ENGINEER", NULL), ==, "high");
  g_assert_cmpstr (cg_classifier_classify (classifier, "Engineer", NULL), ==, "low");
  /* no title rule: the role whose keywords occur most often */
  g_assert_cmpstr (cg_classifier_classify (classifier, "Specialist", "TinyML and more TinyML, some SQL"), ==, "kw");

  g_assert_false (cg_classifier_add_title_rule (classifier, "bad", "(unclosed", 1, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_REGEX_ERROR);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/classifier/bundled-titles", test_bundled_titles);
  g_test_add_func ("/classifier/unmatched", test_unmatched);
  g_test_add_func ("/classifier/priorities-and-keywords", test_priorities_and_keywords);

  return g_test_run ();
}
