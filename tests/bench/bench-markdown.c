/* bench-markdown.c: Markdown pipeline throughput against the cmark program
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-markdown GUIDES-DIR [COPIES]
 * Builds one large Markdown file from the bundled guides (front matter
 * removed, repeated COPIES times, 90 by default: about 5 MB), then times,
 * median of 7 alternating runs,
 *  - ours: cg_markdown_render on it (parse, transforms, HTML) in process,
 *  - limit: `cmark --smart --validate-utf8 FILE > /dev/null`, the reference
 *    C implementation as a program, minus the start of `cmark` on an empty
 *    file (so both figures are the rendering, not process start-up).
 * Prints bench: markdown-throughput: RATIO (ours MB/s, limit MB/s, goal >= 0.7)
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "cg-front-matter.h"
#include "cg-markdown.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
run_cmark (const char *path)
{
  g_autofree char *command = g_strdup_printf ("cmark --smart --validate-utf8 '%s' > /dev/null", path);
  gint64 start = g_get_monotonic_time ();

  if (system (command) != 0)
    g_error ("cmark failed (is the cmark package installed?)");
  return (g_get_monotonic_time () - start) / 1e6;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) one = g_string_new (NULL);
  g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) theirs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) empty = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *empty_path = NULL;
  g_autoptr(GDir) guides = NULL;
  const char *name;
  guint copies = argc > 2 ? (guint) atoi (argv[2]) : 90;
  double mb, t_ours, t_cmark;

  if (argc < 2)
    {
      g_printerr ("Usage: %s GUIDES-DIR [COPIES]\n", argv[0]);
      return 2;
    }

  guides = g_dir_open (argv[1], 0, NULL);
  while (guides != NULL && (name = g_dir_read_name (guides)) != NULL)
    {
      g_autofree char *file = g_build_filename (argv[1], name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr(CgFrontMatter) fm = NULL;

      if (!g_str_has_suffix (name, ".md") || !g_file_get_contents (file, &contents, NULL, NULL))
        continue;
      fm = cg_front_matter_parse (contents, -1, NULL);
      g_string_append (one, cg_front_matter_get_body (fm));
      g_string_append (one, "\n\n");
    }
  if (one->len == 0)
    g_error ("No guides in %s", argv[1]);
  for (guint i = 0; i < copies; i++)
    g_string_append_len (text, one->str, one->len);
  mb = text->len / 1e6;

  dir = g_dir_make_tmp ("cg-bench-md-XXXXXX", NULL);
  path = g_build_filename (dir, "big.md", NULL);
  empty_path = g_build_filename (dir, "empty.md", NULL);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_assert_true (g_file_set_contents (empty_path, "", 0, NULL));

  for (int i = 0; i < 7; i++)
    {
      gint64 start = g_get_monotonic_time ();
      CgMarkdown *md = cg_markdown_render (text->str, text->len, NULL, NULL, NULL);
      double t;

      cg_markdown_free (md);
      t = (g_get_monotonic_time () - start) / 1e6;
      g_array_append_val (ours, t);

      t = run_cmark (path);
      g_array_append_val (theirs, t);
      t = run_cmark (empty_path);
      g_array_append_val (empty, t);
    }

  t_ours = median (ours);
  t_cmark = MAX (median (theirs) - median (empty), 1e-6);
  printf ("input: %.2f MB (the bundled guides %u times), medians of 7\n", mb, copies);
  printf ("bench: markdown-throughput: %.2f (ours %.1f MB/s, limit %.1f MB/s, goal >= 0.7)\n",
          (mb / t_ours) / (mb / t_cmark), mb / t_ours, mb / t_cmark);

  g_unlink (path);
  g_unlink (empty_path);
  g_rmdir (dir);
  return 0;
}
