/* test-role-reading.c: a role's guides and questions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "cg-db.h"
#include "cg-role-reading.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

static void
test_guides_and_questions (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autoptr(CgLibrary) library = cg_test_open_library (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) guides = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_auto(GStrv) questions = NULL;
  g_auto(GStrv) no_questions = NULL;
  sqlite3 *db = cg_library_get_db (library);

  g_assert_true (cg_db_exec (db,
    "DELETE FROM guides; DELETE FROM faq;"
    "INSERT INTO guides (slug, origin, title, roles, body) VALUES"
    " ('b-guide', 'user', 'B guide', 'alpha-engineer' || char(10) || 'beta-engineer', ''),"
    " ('a-guide', 'user', 'A guide', 'beta-engineer' || char(10) || 'alpha-engineer', ''),"
    " ('other', 'user', 'Other', 'alpha-engineers', ''),"
    " ('none', 'user', 'None', NULL, '');"
    "INSERT INTO faq (slug, question, topic, role, position, live, answer) VALUES"
    " ('q2', 'Second?', 't', 'alpha-engineer', 2, 0, ''),"
    " ('q1', 'First?', 't', 'alpha-engineer', 1, 0, ''),"
    " ('q3', 'Beta?', 't', 'beta-engineer', 1, 0, '');", &error));
  g_assert_no_error (error);

  /* a whole line of roles matches, not a part of one; by title */
  guides = cg_role_list_guides (library, "alpha-engineer");
  g_assert_cmpuint (guides->len, ==, 2);
  g_assert_cmpstr (((CgRoleGuide *) g_ptr_array_index (guides, 0))->slug, ==, "a-guide");
  g_assert_cmpstr (((CgRoleGuide *) g_ptr_array_index (guides, 0))->title, ==, "A guide");
  g_assert_cmpstr (((CgRoleGuide *) g_ptr_array_index (guides, 1))->slug, ==, "b-guide");

  /* by position */
  questions = cg_role_list_questions (library, "alpha-engineer");
  g_assert_cmpstrv (questions, ((const char *[]) { "First?", "Second?", NULL }));

  none = cg_role_list_guides (library, "gamma-engineer");
  g_assert_cmpuint (none->len, ==, 0);
  no_questions = cg_role_list_questions (library, "gamma-engineer");
  g_assert_cmpuint (g_strv_length (no_questions), ==, 0);

  g_clear_object (&library);
  cg_test_remove_tree (dir);
}

static void
test_closed_library (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(CgLibrary) library = cg_library_new (path, NULL);
  g_autoptr(GPtrArray) guides = cg_role_list_guides (library, "alpha-engineer");
  g_auto(GStrv) questions = cg_role_list_questions (library, "alpha-engineer");

  /* not open: nothing, and no failure */
  g_assert_cmpuint (guides->len, ==, 0);
  g_assert_cmpuint (g_strv_length (questions), ==, 0);
  cg_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/role-reading/guides-and-questions", test_guides_and_questions);
  g_test_add_func ("/role-reading/closed-library", test_closed_library);

  return g_test_run ();
}
