/* cg-application.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-application.h"
#include "cg-cli.h"
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

static void
cli_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  CgApplication *self = CG_APPLICATION (source);
  g_autoptr(GApplicationCommandLine) cmdline = user_data;
  g_autoptr(CgCliRequest) request = cg_cli_run_finish (result, NULL);
  const char *out = cg_cli_request_get_output (request);
  const char *err = cg_cli_request_get_errors (request);

  if (*out != '\0')
    g_application_command_line_print (cmdline, "%s", out);
  if (*err != '\0')
    g_application_command_line_printerr (cmdline, "%s", err);
  g_application_command_line_set_exit_status (cmdline, cg_cli_request_get_status (request));

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
  g_autoptr(CgCliRequest) request = NULL;

  request = cg_cli_request_new (options, g_application_command_line_get_cwd (cmdline));
  if (request == NULL)
    {
      g_application_activate (app);
      return 0;
    }

  if (!g_application_command_line_get_is_remote (cmdline))
    {
      /* started as the primary instance after all (another instance
       * quit meanwhile): no need for a thread */
      cg_cli_run (request);
      g_print ("%s", cg_cli_request_get_output (request));
      g_printerr ("%s", cg_cli_request_get_errors (request));
      return cg_cli_request_get_status (request);
    }

  g_application_hold (app);
  cg_cli_run_async (g_steal_pointer (&request), app, cli_done_cb, g_object_ref (cmdline));
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

  /* a bus that is there: not one started for the question (D-Bus's
   * autolaunch), on which no instance could be */
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_autofree char *socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);

      if (!g_file_test (socket, G_FILE_TEST_EXISTS))
        return FALSE;
    }

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
  g_autoptr(CgCliRequest) request = cg_cli_request_new (options, NULL);

  if (request == NULL)
    return -1;

  /* forwarded to the running instance: see cg_application_command_line() */
  if (instance_running (app))
    return -1;

  cg_cli_run (request);
  g_print ("%s", cg_cli_request_get_output (request));
  g_printerr ("%s", cg_cli_request_get_errors (request));
  return cg_cli_request_get_status (request);
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
