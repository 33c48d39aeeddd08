/* cg-job-import-cli.c: `career-guide --import FILE...`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The import part of the command line: cg-application.c parses the
 * options and opens the library, this imports the files and says how it
 * went, a line a file.
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-job-import.h"

int
cg_job_import_cli (sqlite3  *db,
                   char    **files,
                   GString  *out,
                   GString  *err)
{
  int status = 0;

  g_return_val_if_fail (db != NULL, 1);
  g_return_val_if_fail (out != NULL && err != NULL, 1);

  for (guint i = 0; files != NULL && files[i] != NULL; i++)
    {
      g_auto(CgImportReport) report = { 0 };
      g_autoptr(GError) error = NULL;
      g_autofree char *display = g_filename_display_name (files[i]);
      gboolean ok;

      ok = cg_job_import_file (db, files[i], CG_IMPORT_FORMAT_AUTO, NULL, NULL, NULL,
                               &report, &error);

      for (guint p = 0; report.problems != NULL && p < report.problems->len; p++)
        g_string_append_printf (err, "%s: %s\n", display,
                                (const char *) g_ptr_array_index (report.problems, p));

      if (ok)
        {
          /* Translators: a summary line of `career-guide --import` */
          g_string_append_printf (out, _("%s: %u added, %u updated, %u skipped"),
                                  display, report.added, report.updated, report.skipped);
          g_string_append_c (out, '\n');
        }
      else
        {
          g_string_append_printf (out, _("%s: refused"), display);
          g_string_append_c (out, '\n');
          g_string_append_printf (err, _("%s: refused: %s"), display, error->message);
          g_string_append_c (err, '\n');
          status = 1;
        }
    }

  return status;
}
