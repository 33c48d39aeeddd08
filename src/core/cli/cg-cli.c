/* cg-cli.c: what the command line does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * career-guide --import, --search, --export-applications and
 * --import-applications: the request read from the parsed options, the
 * work, its output and exit status kept as text so that the caller prints
 * them where they belong (its own terminal, or, for a command line
 * forwarded to the running instance, the terminal it came from).
 */
#define G_LOG_DOMAIN "cg-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-cli.h"
#include "cg-job-import.h"
#include "cg-library.h"
#include "cg-search.h"
#include "cg-tracker.h"

struct _CgCliRequest
{
  char    **files;            /* --import */
  char     *search;           /* --search */
  char     *export_path;      /* --export-applications */
  char     *import_apps_path; /* --import-applications */
  GString  *out;
  GString  *err;
  int       status;
};

void
cg_cli_request_free (CgCliRequest *request)
{
  if (request == NULL)
    return;

  g_strfreev (request->files);
  g_free (request->search);
  g_free (request->export_path);
  g_free (request->import_apps_path);
  g_string_free (request->out, TRUE);
  g_string_free (request->err, TRUE);
  g_free (request);
}


/* @path as given, or made absolute from @cwd (the caller's folder, when
 * the command line came from another process) */
static char *
cli_path (const char *cwd,
          const char *path)
{
  if (cwd == NULL || g_path_is_absolute (path))
    return g_strdup (path);

  return g_build_filename (cwd, path, NULL);
}

/* What the command line in @options asks for, or NULL when it asks for
 * the window. */
CgCliRequest *
cg_cli_request_new (GVariantDict *options,
                 const char   *cwd)
{
  g_autoptr(CgCliRequest) request = g_new0 (CgCliRequest, 1);
  g_autofree const char **files = NULL;
  const char *value = NULL;

  request->out = g_string_new (NULL);
  request->err = g_string_new (NULL);

  if (g_variant_dict_contains (options, "import"))
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files);
      for (guint i = 0; files != NULL && files[i] != NULL; i++)
        {
          g_autofree char *path = cli_path (cwd, files[i]);

          g_strv_builder_add (builder, path);
        }
      request->files = g_strv_builder_end (builder);
    }
  else if (g_variant_dict_lookup (options, "search", "&s", &value))
    request->search = g_strdup (value);
  else if (g_variant_dict_lookup (options, "export-applications", "^&ay", &value))
    request->export_path = cli_path (cwd, value);
  else if (g_variant_dict_lookup (options, "import-applications", "^&ay", &value))
    request->import_apps_path = cli_path (cwd, value);
  else
    return NULL;

  return g_steal_pointer (&request);
}

static CgLibrary *
open_library_for_cli (CgCliRequest *request)
{
  g_autofree char *path = cg_library_dup_default_path ();
  g_autofree char *content_path = cg_library_dup_content_path ();
  g_autoptr(CgLibrary) library = cg_library_new (path, content_path);
  g_autoptr(GError) error = NULL;

  if (!cg_library_open (library, &error))
    {
      g_string_append_printf (request->err, _("Cannot open the library %s: %s\n"), path, error->message);
      return NULL;
    }

  return g_steal_pointer (&library);
}

/* career-guide --import FILE...: imports into the library and exits, with
 * a summary line per file on stdout and the reasons on stderr. Status 0
 * when every file was imported, 1 when any was refused, 2 when the library
 * cannot be opened. */
static int
run_import (CgCliRequest *request)
{
  g_autoptr(CgLibrary) library = NULL;
  char **files = request->files;
  int status;

  if (files == NULL || files[0] == NULL)
    {
      g_string_append_printf (request->err, "%s\n", _("--import needs at least one file"));
      return 2;
    }

  library = open_library_for_cli (request);
  if (library == NULL)
    return 2;

  status = 0;
  for (guint i = 0; files[i] != NULL; i++)
    {
      if (g_str_has_suffix (files[i], ".md") || g_str_has_suffix (files[i], ".markdown"))
        {
          /* a guide, through the same pipeline as the bundled ones */
          g_autofree char *slug = NULL;
          g_autofree char *warning = NULL;
          g_autofree char *display = g_filename_display_name (files[i]);
          g_autoptr(GError) guide_error = NULL;

          if (cg_library_import_guide (library, files[i], &slug, &warning, &guide_error))
            g_string_append_printf (request->out, _("%s: guide imported as “%s”\n"), display, slug);
          else
            {
              g_string_append_printf (request->err, _("%s: refused: %s\n"), display,
                                      guide_error->message);
              status = 1;
            }
          if (warning != NULL)
            g_string_append_printf (request->err, _("%s: front matter: %s\n"), display, warning);
        }
      else
        {
          char *one[] = { files[i], NULL };

          if (cg_job_import_cli (cg_library_get_db (library), one, request->out, request->err) != 0)
            status = 1;
        }
    }

  return status;
}

/* career-guide --export-applications FILE: CSV or JSON by the extension. */
static int
run_export_applications (CgCliRequest *request)
{
  const char *path = request->export_path;
  g_autoptr(CgLibrary) library = open_library_for_cli (request);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  CgTrackerFilter filter = { 0 };
  gboolean json;
  gboolean ok;

  if (library == NULL)
    return 2;

  json = g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON");
  if (!json && !g_str_has_suffix (path, ".csv") && !g_str_has_suffix (path, ".CSV"))
    {
      g_string_append_printf (request->err, _("%s: the file name must end in .csv or .json\n"), path);
      return 1;
    }

  filter.include_archived = TRUE;
  file = g_file_new_for_commandline_arg (path);
  /* written beside the target and renamed over it when complete */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  ok = stream != NULL &&
       (json ? cg_tracker_export_json (library, &filter, G_OUTPUT_STREAM (stream), NULL, &error)
             : cg_tracker_export_csv (library, &filter, G_OUTPUT_STREAM (stream), NULL, &error));
  if (stream != NULL)
    {
      if (ok)
        ok = g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
      else
        {
          g_autoptr(GCancellable) cancel = g_cancellable_new ();
          /* a cancelled close leaves the old file as it was */
          g_cancellable_cancel (cancel);
          g_output_stream_close (G_OUTPUT_STREAM (stream), cancel, NULL);
        }
    }

  if (!ok)
    {
      g_string_append_printf (request->err, "%s: %s\n", path, error->message);
      return 1;
    }

  g_string_append_printf (request->out, json ? _("%s: applications exported as JSON\n")
                                             : _("%s: applications exported as CSV\n"), path);
  return 0;
}

/* career-guide --import-applications FILE.csv */
static int
run_import_applications (CgCliRequest *request)
{
  const char *path = request->import_apps_path;
  g_autoptr(CgLibrary) library = open_library_for_cli (request);
  g_auto(CgTrackerImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  if (library == NULL)
    return 2;

  if (!cg_tracker_import_csv (library, path, &report, &error))
    {
      g_string_append_printf (request->err, _("%s: refused: %s\n"), path, error->message);
      return 1;
    }

  for (guint i = 0; report.adjusted != NULL && i < report.adjusted->len; i++)
    {
      CgTrackerImportProblem *adjusted = g_ptr_array_index (report.adjusted, i);
      g_print (_("%s: line %u: %s\n"), path, adjusted->line, adjusted->message);
    }
  for (guint i = 0; report.problems != NULL && i < report.problems->len; i++)
    {
      CgTrackerImportProblem *problem = g_ptr_array_index (report.problems, i);
      g_string_append_printf (request->err, _("%s: line %u: %s\n"), path, problem->line,
                              problem->message);
    }
  g_string_append_printf (request->out, _("%s: %u imported, %u refused\n"), path, report.imported,
                          report.problems ? report.problems->len : 0);

  return report.problems != NULL && report.problems->len > 0 ? 1 : 0;
}

/* career-guide --search QUERY: one result a line, "kind<TAB>title<TAB>where";
 * status 0 with results, 1 without, 2 when the library cannot be opened. */
static int
run_search (CgCliRequest *request)
{
  g_autoptr(CgLibrary) library = open_library_for_cli (request);
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GError) error = NULL;

  if (library == NULL)
    return 2;

  results = cg_search (cg_library_get_db (library), request->search, 20, &error);
  if (results == NULL)
    {
      g_string_append_printf (request->err, "%s\n", error->message);
      return 2;
    }

  for (guint i = 0; i < results->len; i++)
    {
      CgSearchResult *r = g_ptr_array_index (results, i);
      g_autofree char *where = cg_search_snippet_to_plain (r->where);
      g_autofree char *title = cg_search_snippet_to_plain (r->title);

      g_string_append_printf (request->out, "%s\t%s\t%s\n", cg_search_kind_to_string (r->kind),
                              title, where);
    }

  return results->len > 0 ? 0 : 1;
}

/* Runs @request with a library of its own, saying what it did in its out
 * and err buffers and its status. */
void
cg_cli_run (CgCliRequest *request)
{
  if (request->search != NULL)
    request->status = run_search (request);
  else if (request->export_path != NULL)
    request->status = run_export_applications (request);
  else if (request->import_apps_path != NULL)
    request->status = run_import_applications (request);
  else
    request->status = run_import (request);
}


const char *
cg_cli_request_get_output (CgCliRequest *request)
{
  return request->out->str;
}

const char *
cg_cli_request_get_errors (CgCliRequest *request)
{
  return request->err->str;
}

int
cg_cli_request_get_status (CgCliRequest *request)
{
  return request->status;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  /* the library opened here would report its changes to this thread's
   * main context, which nobody runs: the caller's own library notices
   * them (cg_library_check_for_changes()) */
  g_main_context_push_thread_default (context);
  cg_cli_run (task_data);
  g_main_context_pop_thread_default (context);
  g_task_return_pointer (task, task_data, (GDestroyNotify) cg_cli_request_free);
}

/* cg_cli_run() on a worker thread, for a caller whose main loop must keep
 * answering (the running instance). Takes @request; @source_object is the
 * result's source, as with g_task_new(). */
void
cg_cli_run_async (CgCliRequest        *request,
                  gpointer             source_object,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (source_object, NULL, callback, user_data);

  g_task_set_source_tag (task, cg_cli_run_async);
  /* the thread hands @request back as the result, which owns it then */
  g_task_set_task_data (task, request, NULL);
  g_task_run_in_thread (task, run_thread);
}

/* Returns: (transfer full): the request, with its output and status */
CgCliRequest *
cg_cli_run_finish (GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_cli_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
