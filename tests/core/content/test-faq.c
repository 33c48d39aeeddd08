/* test-faq.c: the FAQ page's questions, built on a worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-faq.h"
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
  f->dir = cg_test_make_tmpdir ();
  f->library = cg_test_open_library (f->dir);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static char *
build (Fixture      *f,
       const char   *text,
       GCancellable *cancellable,
       guint        *n_shown,
       GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *pending = NULL;

  cg_faq_build_html_async (f->library, text, "2026-01-15", cancellable, cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  return cg_faq_build_html_finish (f->library, result, n_shown, error);
}

static void
test_async_same_as_sync (Fixture       *f,
                         gconstpointer  data)
{
  const char *texts[] = { "", "firmware", "quantization" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *html = NULL;
      guint n_expected = 0, n_shown = 0;

      expected = cg_faq_build_html (cg_library_get_db (f->library), texts[i], "2026-01-15",
                                    &n_expected, &error);
      g_assert_no_error (error);
      html = build (f, texts[i], NULL, &n_shown, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (html, ==, expected);
      g_assert_cmpuint (n_shown, ==, n_expected);
      g_assert_cmpuint (n_shown, >, 0);
    }
}

static void
test_all_and_search (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *all = NULL;
  g_autofree char *found = NULL;
  g_autofree char *none = NULL;
  guint n_all = 0, n_found = 0, n_none = 99;

  all = build (f, NULL, NULL, &n_all, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_all, ==, cg_library_count (f->library, CG_LIBRARY_KIND_FAQ));
  g_assert_nonnull (strstr (all, "What does a firmware engineer do?"));
  g_assert_nonnull (strstr (all, "<details"));

  found = build (f, "quantization", NULL, &n_found, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_found, >=, 1);
  g_assert_cmpuint (n_found, <, n_all);
  g_assert_nonnull (strstr (found, "What is quantization"));
  g_assert_null (strstr (found, "What does a firmware engineer do?"));

  none = build (f, "zzyzxnotaword", NULL, &n_none, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_none, ==, 0);
  g_assert_cmpstr (none, ==, "");
}

static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *html = NULL;
  guint n_shown = 99;

  g_cancellable_cancel (cancellable);
  html = build (f, NULL, cancellable, &n_shown, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (html);
  g_assert_cmpuint (n_shown, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/faq/async-same-as-sync", test_async_same_as_sync);
  ADD ("/faq/all-and-search", test_all_and_search);
  ADD ("/faq/cancelled", test_cancelled);
#undef ADD

  return g_test_run ();
}
