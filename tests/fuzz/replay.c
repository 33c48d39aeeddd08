/* replay.c: runs a fuzz target over its corpus, in the normal test run
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: replay-TARGET DIR-OR-FILE...
 * Every input that libFuzzer found interesting (and every crash that was
 * fixed, kept in the corpus) is fed to LLVMFuzzerTestOneInput once, so a
 * regression shows up in `meson test` without clang or libFuzzer.
 */
#include "config.h"

#include <stdint.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static guint
replay_path (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  guint n = 0;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        g_ptr_array_add (names, g_build_filename (path, name, NULL));
      /* a stable order, so a failure is reproducible */
      g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
      for (guint i = 0; i < names->len; i++)
        n += replay_path (g_ptr_array_index (names, i));
      return n;
    }

  if (!g_file_get_contents (path, &contents, &length, NULL))
    g_error ("Cannot read %s", path);

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 1;
}

int
main (int   argc,
      char *argv[])
{
  guint n = 0;

  for (int i = 1; i < argc; i++)
    n += replay_path (argv[i]);

  if (n == 0)
    g_error ("No inputs to replay");

  g_print ("%u inputs replayed\n", n);
  return 0;
}
