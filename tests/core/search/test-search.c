/* test-search.c: one search through everything
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-db.h"
#include "cg-library.h"
#include "cg-search.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

typedef struct {
  char      *dir;
  CgLibrary *library;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;

  f->dir = cg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "user.db", NULL);
  f->library = cg_library_new (path, content);
  g_assert_true (cg_library_open (f->library, &error));
  g_assert_true (cg_db_exec (cg_library_get_db (f->library),
    "INSERT INTO applications (title, company, stage, notes)"
    " VALUES ('Firmware Lead', 'Acme <Robotics>', 1, 'Met the team; ask about TinyML');", &error));
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static guint
count_kind (GPtrArray    *results,
            CgSearchKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < results->len; i++)
    n += ((CgSearchResult *) g_ptr_array_index (results, i))->kind == kind;
  return n;
}

static CgSearchResult *
find_title (GPtrArray  *results,
            const char *title)
{
  for (guint i = 0; i < results->len; i++)
    if (g_strcmp0 (((CgSearchResult *) g_ptr_array_index (results, i))->title, title) == 0)
      return g_ptr_array_index (results, i);
  return NULL;
}

static void
test_every_kind (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cg_search (cg_library_get_db (f->library), "firmware", 5, &error);
  CgSearchResult *role, *application;

  g_assert_no_error (error);
  /* the bundled content: guides, questions and the role mention firmware */
  g_assert_cmpuint (count_kind (results, CG_SEARCH_KIND_GUIDE), >=, 1);
  g_assert_cmpuint (count_kind (results, CG_SEARCH_KIND_FAQ), >=, 1);
  g_assert_cmpuint (count_kind (results, CG_SEARCH_KIND_ROLE), >=, 1);
  g_assert_cmpuint (count_kind (results, CG_SEARCH_KIND_APPLICATION), ==, 1);
  g_assert_cmpuint (count_kind (results, CG_SEARCH_KIND_GUIDE), <=, 5);

  role = find_title (results, "Firmware Engineer");
  if (role == NULL)
    g_error ("the role is not found");
  g_assert_cmpint (role->kind, ==, CG_SEARCH_KIND_ROLE);
  g_assert_cmpstr (role->target, ==, "firmware-engineer");

  application = find_title (results, "Firmware Lead");
  if (application == NULL)
    g_error ("the application is not found");
  g_assert_cmpstr (application->where, ==, "Acme <Robotics> · Wishlist");

  /* results are grouped: all postings, then guides, FAQ, roles, applications */
  for (guint i = 1; i < results->len; i++)
    g_assert_cmpint (((CgSearchResult *) g_ptr_array_index (results, i - 1))->kind, <=,
                     ((CgSearchResult *) g_ptr_array_index (results, i))->kind);
}

static void
test_postings_and_snippets (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cg_search (cg_library_get_db (f->library), "optitrack", 5, &error);
  CgSearchResult *posting;
  g_autofree char *markup = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (count_kind (results, CG_SEARCH_KIND_POSTING), ==, 1);
  posting = g_ptr_array_index (results, 0);
  g_assert_cmpstr (posting->title, ==, "Machine Learning & Operations Engineer");
  g_assert_cmpstr (posting->where, ==, "OptiTrack · Miami, FL");
  g_assert_true (g_str_has_prefix (posting->target, "sha1:"));
  g_assert_nonnull (strstr (posting->snippet, CG_SEARCH_MARK_START "OptiTrack" CG_SEARCH_MARK_END));

  markup = cg_search_snippet_to_markup (posting->snippet);
  g_assert_nonnull (strstr (markup, "<b>OptiTrack</b>"));
  g_assert_null (strstr (markup, CG_SEARCH_MARK_START));
}

static void
test_markup_is_escaped (void)
{
  g_autofree char *markup = cg_search_snippet_to_markup ("a <b>tag</b> & " CG_SEARCH_MARK_START "word" CG_SEARCH_MARK_END);
  g_autofree char *plain = cg_search_snippet_to_plain ("line\none " CG_SEARCH_MARK_START "x" CG_SEARCH_MARK_END "\t");

  g_assert_cmpstr (markup, ==, "a &lt;b&gt;tag&lt;/b&gt; &amp; <b>word</b>");
  g_assert_cmpstr (plain, ==, "line one x ");
}

static void
test_hostile_and_empty (Fixture       *f,
                        gconstpointer  data)
{
  static const char *inputs[] = { "", "   ", "C++ AND (", "'; DROP TABLE jobs; --", "NEAR(a b", "\"",
                                  "%", "_", "\\", "\xff\xfe", "a:b", "^*" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) results = cg_search (cg_library_get_db (f->library), inputs[i], 5, &error);

      g_assert_no_error (error);
      g_assert_nonnull (results);
    }

  g_assert_cmpint (cg_library_count (f->library, CG_LIBRARY_KIND_JOBS), ==, 3);
}

/* Snippets of guides, FAQ answers and roles read as prose: the full-text
 * tables hold the plain text of their Markdown */
static void
test_snippets_are_prose (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cg_search (cg_library_get_db (f->library), "firmware", 50, &error);
  guint checked = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < results->len; i++)
    {
      CgSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *plain = NULL;

      if (r->kind != CG_SEARCH_KIND_GUIDE && r->kind != CG_SEARCH_KIND_FAQ &&
          r->kind != CG_SEARCH_KIND_ROLE)
        continue;
      plain = cg_search_snippet_to_plain (r->snippet);
      g_assert_null (strstr (plain, "**"));
      g_assert_null (strstr (plain, "]("));
      g_assert_null (strstr (plain, "| "));
      g_assert_false (g_str_has_prefix (plain, "#"));
      checked++;
    }
  /* the bundled guides and FAQ speak of firmware */
  g_assert_cmpuint (checked, >=, 2);
}

/* The same results as cg_search(), from a worker thread; cancelled, none. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  const char *texts[] = { "firmware", "optitrack", "zzqxv" };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  GAsyncResult *pending = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GPtrArray) expected = cg_search (cg_library_get_db (f->library), texts[i], 8, &error);
      g_autoptr(GPtrArray) results = NULL;

      g_assert_no_error (error);
      cg_search_async (f->library, texts[i], 8, NULL, cg_test_keep_result_cb, &pending);
      g_clear_object (&result);
      result = cg_test_wait_result (&pending);
      results = cg_search_finish (f->library, result, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (results->len, ==, expected->len);
      for (guint k = 0; k < results->len; k++)
        {
          CgSearchResult *a = g_ptr_array_index (results, k);
          CgSearchResult *b = g_ptr_array_index (expected, k);

          g_assert_cmpint (a->kind, ==, b->kind);
          g_assert_cmpstr (a->target, ==, b->target);
          g_assert_cmpstr (a->title, ==, b->title);
          g_assert_cmpstr (a->snippet, ==, b->snippet);
        }
      if (i == 1)
        {
          g_assert_cmpuint (results->len, ==, 1);
          g_assert_cmpint (((CgSearchResult *) g_ptr_array_index (results, 0))->kind, ==,
                           CG_SEARCH_KIND_POSTING);
        }
      if (i == 2)
        g_assert_cmpuint (results->len, ==, 0);
    }

  g_cancellable_cancel (cancellable);
  cg_search_async (f->library, "firmware", 8, cancellable, cg_test_keep_result_cb, &pending);
  g_clear_object (&result);
  result = cg_test_wait_result (&pending);
  cancelled = cg_search_finish (f->library, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/search/every-kind", Fixture, NULL, fixture_setup, test_every_kind, fixture_teardown);
  g_test_add ("/search/postings-and-snippets", Fixture, NULL, fixture_setup, test_postings_and_snippets, fixture_teardown);
  g_test_add ("/search/hostile-and-empty", Fixture, NULL, fixture_setup, test_hostile_and_empty, fixture_teardown);
  g_test_add ("/search/snippets-are-prose", Fixture, NULL, fixture_setup, test_snippets_are_prose, fixture_teardown);
  g_test_add_func ("/search/markup-escaped", test_markup_is_escaped);
  g_test_add ("/search/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);

  return g_test_run ();
}
