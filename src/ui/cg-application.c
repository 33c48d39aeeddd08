/* cg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-application.h"
#include "cg-job-import.h"
#include "cg-preferences-window.h"
#include "cg-search.h"
#include "cg-tracker.h"
#include "cg-window.h"

struct _CgApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;

  CgLibrary      *library;
  GError         *library_error;
};

G_DEFINE_FINAL_TYPE (CgApplication, cg_application, ADW_TYPE_APPLICATION)

CgApplication *
cg_application_new (void)
{
  return g_object_new (CG_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_PREFIX,
                       NULL);
}

/* The library, open or not: when it could not be opened, the window shows
 * cg_application_get_library_error() and offers a fresh start. */
CgLibrary *
cg_application_get_library (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->library;
}

const GError *
cg_application_get_library_error (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), NULL);

  return self->library_error;
}

/* Tries again to open a library that could not be opened (locked by
 * another program, a folder that was read-only, a full disk); on failure
 * cg_application_get_library_error() holds the new reason. */
gboolean
cg_application_retry_library (CgApplication *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), FALSE);

  if (cg_library_is_open (self->library))
    return TRUE;

  g_clear_error (&self->library_error);
  return cg_library_open (self->library, &self->library_error);
}

gboolean
cg_application_start_fresh_library (CgApplication  *self,
                                    char          **moved_to,
                                    GError        **error)
{
  g_return_val_if_fail (CG_IS_APPLICATION (self), FALSE);

  if (!cg_library_start_fresh (self->library, moved_to, error))
    return FALSE;

  g_clear_error (&self->library_error);
  return TRUE;
}

static void
color_scheme_changed_cb (CgApplication *self)
{
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  AdwColorScheme value = ADW_COLOR_SCHEME_DEFAULT;

  if (g_str_equal (scheme, "light"))
    value = ADW_COLOR_SCHEME_FORCE_LIGHT;
  else if (g_str_equal (scheme, "dark"))
    value = ADW_COLOR_SCHEME_FORCE_DARK;

  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), value);
}

static void
cg_application_startup (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);
  g_autofree char *path = NULL;
  g_autofree char *content_path = NULL;

  G_APPLICATION_CLASS (cg_application_parent_class)->startup (app);

  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);

  /* Opened once, here, before any window: the library lives as long as
   * the application does, and every window gets it from here. */
  path = cg_library_dup_default_path ();
  content_path = cg_library_dup_content_path ();
  self->library = cg_library_new (path, content_path);
  if (!cg_library_open (self->library, &self->library_error))
    g_warning ("Cannot open the library %s: %s", path, self->library_error->message);
  g_debug ("Library opened at %.1f ms", g_get_monotonic_time () / 1000.0);
}

/* For tests/bench/bench-startup: with CG_BENCH_FIRST_FRAME set, say when
 * the first frame of the window has been painted, then quit. */
static void
bench_after_paint_cb (GdkFrameClock *clock,
                      GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, bench_after_paint_cb, app);
  g_debug ("First frame at %.1f ms", g_get_monotonic_time () / 1000.0);
  g_print ("first-frame\n");
  g_application_quit (app);
}

static void
bench_map_cb (GtkWidget    *window,
              GApplication *app)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (bench_after_paint_cb), app, 0);
}

/* On start, a notification lists the follow-ups and interviews that are
 * due today or overdue. */
static void
notify_due (CgApplication *self)
{
  g_autoptr(GPtrArray) due = NULL;
  g_autoptr(GNotification) notification = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *title = NULL;

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  due = cg_tracker_list_due (self->library, NULL, NULL);
  if (due == NULL || due->len == 0)
    return;

  for (guint i = 0; i < due->len && i < 5; i++)
    {
      CgTrackerReminder *r = g_ptr_array_index (due, i);

      if (body->len > 0)
        g_string_append_c (body, '\n');
      g_string_append_printf (body,
                              r->kind == CG_TRACKER_REMINDER_INTERVIEW ? _("Interview: %s (%s), %s")
                                                                      : _("Follow up: %s (%s), %s"),
                              r->title, r->company ? r->company : _("no company"), r->when);
    }
  if (due->len > 5)
    g_string_append_printf (body, "\n%s", _("…and more on the Applications page."));

  title = g_strdup_printf (ngettext ("%u application needs attention", "%u applications need attention",
                                     due->len), due->len);
  notification = g_notification_new (title);
  g_notification_set_body (notification, body->str);
  g_notification_set_default_action_and_target (notification, "app.show-page", "s", "applications");
  g_application_send_notification (G_APPLICATION (self), "due", notification);
}

static void
cg_application_activate (GApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      window = GTK_WINDOW (cg_window_new (CG_APPLICATION (app)));
      if (g_getenv ("CG_BENCH_FIRST_FRAME") != NULL)
        g_signal_connect_object (window, "map", G_CALLBACK (bench_map_cb), app, 0);
      else
        notify_due (CG_APPLICATION (app));
    }

  gtk_window_present (window);
}

static void
cg_application_shutdown (GApplication *app)
{
  CgApplication *self = CG_APPLICATION (app);

  g_clear_object (&self->library);
  g_clear_error (&self->library_error);
  g_clear_object (&self->settings);

  G_APPLICATION_CLASS (cg_application_parent_class)->shutdown (app);
}

/* The command line -------------------------------------------------------------
 *
 * career-guide --import, --search, --export-applications and
 * --import-applications do their work and exit. With no instance of the
 * application running they run in their own process, as they always did;
 * with one running, they are forwarded to it (GApplication's command-line
 * forwarding), which runs them on a worker thread, prints in the caller's
 * terminal and hands back the exit status; its window then shows what
 * they wrote, through CgLibrary::changed. */

typedef struct {
  char    **files;            /* --import */
  char     *search;           /* --search */
  char     *export_path;      /* --export-applications */
  char     *import_apps_path; /* --import-applications */
  GString  *out;
  GString  *err;
  int       status;
} CliRequest;

static void
cli_request_free (CliRequest *request)
{
  g_strfreev (request->files);
  g_free (request->search);
  g_free (request->export_path);
  g_free (request->import_apps_path);
  g_string_free (request->out, TRUE);
  g_string_free (request->err, TRUE);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliRequest, cli_request_free)

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
static CliRequest *
cli_request_new (GVariantDict *options,
                 const char   *cwd)
{
  g_autoptr(CliRequest) request = g_new0 (CliRequest, 1);
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
open_library_for_cli (CliRequest *request)
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
run_import (CliRequest *request)
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
run_export_applications (CliRequest *request)
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
run_import_applications (CliRequest *request)
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
run_search (CliRequest *request)
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
static void
cli_run (CliRequest *request)
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

static void
cli_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  /* the library opened here would report its changes to this thread's
   * main context, which nobody runs: the application's own library
   * notices them, see cli_done_cb() */
  g_main_context_push_thread_default (context);
  cli_run (task_data);
  g_main_context_pop_thread_default (context);
  g_task_return_boolean (task, TRUE);
}

static void
cli_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CgApplication *self = CG_APPLICATION (source);
  g_autoptr(GApplicationCommandLine) cmdline = user_data;
  CliRequest *request = g_task_get_task_data (G_TASK (result));

  if (request->out->len > 0)
    g_application_command_line_print (cmdline, "%s", request->out->str);
  if (request->err->len > 0)
    g_application_command_line_printerr (cmdline, "%s", request->err->str);
  g_application_command_line_set_exit_status (cmdline, request->status);

  if (self->library != NULL && cg_library_is_open (self->library))
    cg_library_check_for_changes (self->library);

  g_application_release (G_APPLICATION (self));
  /* dropping @cmdline answers the caller, with the status */
}

/* A command line that reached the running instance: the window, or the
 * work of one of the options above, off the main thread so that the window
 * keeps answering. */
static int
cg_application_command_line (GApplication            *app,
                             GApplicationCommandLine *cmdline)
{
  GVariantDict *options = g_application_command_line_get_options_dict (cmdline);
  g_autoptr(CliRequest) request = NULL;
  g_autoptr(GTask) task = NULL;

  request = cli_request_new (options, g_application_command_line_get_cwd (cmdline));
  if (request == NULL)
    {
      g_application_activate (app);
      return 0;
    }

  if (!g_application_command_line_get_is_remote (cmdline))
    {
      /* started as the primary instance after all (another instance
       * quit meanwhile): no need for a thread */
      cli_run (request);
      g_print ("%s", request->out->str);
      g_printerr ("%s", request->err->str);
      return request->status;
    }

  g_application_hold (app);
  task = g_task_new (app, NULL, cli_done_cb, g_object_ref (cmdline));
  g_task_set_source_tag (task, cg_application_command_line);
  g_task_set_task_data (task, g_steal_pointer (&request), (GDestroyNotify) cli_request_free);
  g_task_run_in_thread (task, cli_thread);
  return 0;
}

/* Whether an instance of the application runs, on this session bus */
static gboolean
instance_running (GApplication *app)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  if (g_application_get_flags (app) & G_APPLICATION_NON_UNIQUE)
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
  if (bus == NULL)
    return FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", g_application_get_application_id (app)),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, 5000,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

static int
cg_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  g_autoptr(CliRequest) request = cli_request_new (options, NULL);

  if (request == NULL)
    return -1;

  /* forwarded to the running instance: see cg_application_command_line() */
  if (instance_running (app))
    return -1;

  cli_run (request);
  g_print ("%s", request->out->str);
  g_printerr ("%s", request->err->str);
  return request->status;
}

static void
cg_application_class_init (CgApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->handle_local_options = cg_application_handle_local_options;
  app_class->command_line = cg_application_command_line;
  app_class->startup = cg_application_startup;
  app_class->activate = cg_application_activate;
  app_class->shutdown = cg_application_shutdown;
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  static const char *developers[] = { "The Career Guide developers", NULL };
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (app),
                        "application-name", _("Career Guide"),
                        "application-icon", APPLICATION_ID,
                        "developer-name", _("The Career Guide developers"),
                        "version", PACKAGE_VERSION,
                        "developers", developers,
                        "comments", _("Read career guides, compare roles, browse job postings "
                                      "and track your applications, all offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: put your names here, one per line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (app);

  /* Closing the windows lets each save its state. */
  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
    }

  g_application_quit (G_APPLICATION (app));
}

static void
help_action_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);

  gtk_show_uri (gtk_application_get_active_window (app), "help:" PACKAGE_NAME, GDK_CURRENT_TIME);
}

static void
show_page_action_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *window = gtk_application_get_active_window (app);

  if (window == NULL)
    {
      g_application_activate (G_APPLICATION (app));
      window = gtk_application_get_active_window (app);
    }
  if (CG_IS_WINDOW (window))
    {
      cg_window_show_page (CG_WINDOW (window), g_variant_get_string (parameter, NULL));
      gtk_window_present (window);
    }
}

static void
preferences_action_cb (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CgApplication *self = CG_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));

  gtk_window_present (GTK_WINDOW (cg_preferences_window_new (parent, self->library)));
}

static const GActionEntry app_actions[] = {
  { "preferences", preferences_action_cb },
  { "show-page", show_page_action_cb, "s" },
  { "about", about_action_cb },
  { "quit", quit_action_cb },
  { "help", help_action_cb },
};

static const GOptionEntry option_entries[] = {
  { "import", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Import job postings (JSON-LD, JSON Lines, saved HTML pages, CSV) into the library and exit"),
    NULL },
  { "search", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Search postings, guides, questions, roles and applications, print the results and exit"),
    N_("QUERY") },
  { "export-applications", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Export the tracked applications to FILE (.csv or .json) and exit"), N_("FILE") },
  { "import-applications", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Import applications from another tracker's CSV FILE and exit"), N_("FILE") },
  { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
  { NULL }
};

static void
cg_application_init (CgApplication *self)
{
  static const struct { const char *action; const char *accels[2]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.help", { "F1", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-page('jobs')", { "<Control>1", NULL } },
    { "win.show-page('guides')", { "<Control>2", NULL } },
    { "win.show-page('faq')", { "<Control>3", NULL } },
    { "win.show-page('compare')", { "<Control>4", NULL } },
    { "win.show-page('market')", { "<Control>5", NULL } },
    { "win.show-page('applications')", { "<Control>6", NULL } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);
}
