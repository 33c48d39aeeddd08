/* test-guide-render.c: guides with live blocks, rendered on a worker thread or at once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-guide-render.h"
#include "cg-test-library.h"
#include "cg-test-utils.h"

static const char body[] =
  "# Two roles\n\nBefore.\n\n"
  "```compare\nembedded-ml-engineer\nfirmware-engineer\n```\n\nAfter.\n";

static void
test_has_live_blocks (void)
{
  g_assert_true (cg_guide_body_has_live_blocks (body));
  g_assert_true (cg_guide_body_has_live_blocks ("~~~compare\nfirmware-engineer\n~~~\n"));
  g_assert_false (cg_guide_body_has_live_blocks ("```c\nint x;\n```\n"));
  g_assert_false (cg_guide_body_has_live_blocks ("compare the two"));
  g_assert_false (cg_guide_body_has_live_blocks (""));
  g_assert_false (cg_guide_body_has_live_blocks (NULL));
}

static void
test_render (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autoptr(CgLibrary) library = cg_test_open_library (dir);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgMarkdown) here = NULL;
  g_autoptr(CgMarkdown) worker = NULL;
  g_autoptr(CgMarkdown) plain = NULL;
  GAsyncResult *pending = NULL;

  here = cg_guide_render (library, body);
  cg_guide_render_async (library, body, NULL, cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  worker = cg_guide_render_finish (library, result, &error);
  g_assert_no_error (error);

  /* the live block became the figures of the two roles, the same either way */
  g_assert_cmpstr (cg_markdown_get_html (worker), ==, cg_markdown_get_html (here));
  g_assert_cmpstr (cg_markdown_get_first_heading (worker), ==, "Two roles");
  g_assert_null (strstr (cg_markdown_get_html (worker), "language-compare"));
  g_assert_nonnull (strstr (cg_markdown_get_html (worker), "<table"));

  /* a body without live blocks is the plain rendering */
  plain = cg_guide_render (library, "# Plain\n\nText.\n");
  g_assert_nonnull (strstr (cg_markdown_get_html (plain), "Text."));

  g_clear_object (&library);
  cg_test_remove_tree (dir);
}

static void
test_render_unreadable (void)
{
  g_autofree char *dir = cg_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "none", "user.db", NULL);
  g_autoptr(CgLibrary) library = cg_library_new (path, NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgMarkdown) md = NULL;
  GAsyncResult *pending = NULL;

  /* the worker cannot read the library: an error, for the caller to fall back */
  cg_guide_render_async (library, body, NULL, cg_test_keep_result_cb, &pending);
  result = cg_test_wait_result (&pending);
  md = cg_guide_render_finish (library, result, &error);
  g_assert_null (md);
  g_assert_nonnull (error);

  /* ...and rendered at once the live block stays a code block */
  md = cg_guide_render (library, body);
  g_assert_nonnull (strstr (cg_markdown_get_html (md), "embedded-ml-engineer"));
  g_assert_null (strstr (cg_markdown_get_html (md), "<table"));
  cg_test_remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/guide-render/has-live-blocks", test_has_live_blocks);
  g_test_add_func ("/guide-render/render", test_render);
  g_test_add_func ("/guide-render/render-unreadable", test_render_unreadable);

  return g_test_run ();
}
