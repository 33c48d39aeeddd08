/* cg-content-compiler.c: builds content.db from data/content/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: cg-content-compiler SOURCE-DIR OUTPUT.db
 * Prints "file:line: what is wrong" and exits 1 when a source is broken.
 */
#include "config.h"

#include <locale.h>

#include "cg-content-builder.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  if (argc != 3)
    {
      g_printerr ("Usage: %s SOURCE-DIR OUTPUT.db\n", argv[0]);
      return 2;
    }

  if (!cg_content_build (argv[1], argv[2], &error))
    {
      if (g_error_matches (error, CG_CONTENT_ERROR, CG_CONTENT_ERROR_SOURCE))
        g_printerr ("%s/%s\n", argv[1], error->message);
      else
        g_printerr ("%s\n", error->message);
      return 1;
    }

  return 0;
}
