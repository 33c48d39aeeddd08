/* cg-test-library.h: a library of one's own and waiting for async answers,
 * for the core tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "cg-library.h"

/* A library at DIR/user.db with the bundled content, opened. */
static inline CgLibrary *
cg_test_open_library (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;
  CgLibrary *library = cg_library_new (path, content);

  cg_library_open (library, &error);
  g_assert_no_error (error);
  return library;
}

/* A GAsyncReadyCallback that keeps the result in *(GAsyncResult **) user_data. */
static inline void
cg_test_keep_result_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

/* Runs the main context until *@result is set, and returns it (owned). */
static inline GAsyncResult *
cg_test_wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return g_steal_pointer (result);
}
