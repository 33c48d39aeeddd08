/* cg-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window: a sidebar with the six pages and their counts (folding
 * away on narrow widths) and the pages in an AdwViewStack. The data comes
 * from the application's CgLibrary; when the library cannot be opened the
 * window says why and offers to start a fresh one, keeping the old file.
 */
#define G_LOG_DOMAIN "cg-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-applications-page.h"
#include "cg-compare-page.h"
#include "cg-market-page.h"
#include "cg-db.h"
#include "cg-job-import.h"
#include "cg-job.h"
#include "cg-faq-page.h"
#include "cg-guides-page.h"
#include "cg-jobs-page.h"
#include "cg-labels.h"
#include "cg-search-page.h"
#include "cg-tracker.h"
#include "cg-window-private.h"

/* Each page refreshes itself when the library says that what it shows
 * changed; the window only makes it, gives it the library the first time
 * it is shown, and keeps the counts of the sidebar. */
typedef struct {
  const char      *name;
  const char      *title;
  const char      *icon_name;
  CgLibraryKind    kind;      /* what the sidebar counts */
  CgLibraryChange  counted;   /* the changes that change that count */
  GtkWidget     *(*new_page)    (void);
  void           (*set_library) (gpointer   page,
                                 CgLibrary *library);
} PageInfo;

#define SET_LIBRARY(f) ((void (*) (gpointer, CgLibrary *)) (f))

static const PageInfo pages[] = {
  { "jobs", N_("Jobs"), "emblem-documents-symbolic", CG_LIBRARY_KIND_JOBS,
    CG_LIBRARY_CHANGE_JOBS, cg_jobs_page_new, SET_LIBRARY (cg_jobs_page_set_library) },
  { "guides", N_("Guides"), "accessories-dictionary-symbolic", CG_LIBRARY_KIND_GUIDES,
    CG_LIBRARY_CHANGE_GUIDES, cg_guides_page_new, SET_LIBRARY (cg_guides_page_set_library) },
  { "faq", N_("FAQ"), "help-faq-symbolic", CG_LIBRARY_KIND_FAQ,
    CG_LIBRARY_CHANGE_FAQ, cg_faq_page_new, SET_LIBRARY (cg_faq_page_set_library) },
  { "compare", N_("Compare"), "view-dual-symbolic", CG_LIBRARY_KIND_ROLES,
    CG_LIBRARY_CHANGE_ROLES, cg_compare_page_new, SET_LIBRARY (cg_compare_page_set_library) },
  { "market", N_("Market"), "x-office-spreadsheet-symbolic", CG_LIBRARY_KIND_FIGURES,
    CG_LIBRARY_CHANGE_FIGURES, cg_market_page_new, SET_LIBRARY (cg_market_page_set_library) },
  { "applications", N_("Applications"), "mail-send-symbolic", CG_LIBRARY_KIND_APPLICATIONS,
    CG_LIBRARY_CHANGE_APPLICATIONS, cg_applications_page_new,
    SET_LIBRARY (cg_applications_page_set_library) },
};

/* How often an open window looks for what another process wrote */
#define CHECK_INTERVAL_SECONDS 3

#define N_PAGES G_N_ELEMENTS (pages)

struct _CgWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CgLibrary            *library;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkListBox           *sidebar;
  AdwViewStack         *stack;
  AdwWindowTitle       *page_title;
  GtkBox               *content_pane;

  GtkWidget            *page_widgets[N_PAGES];  /* made when first shown */
  GtkBox               *page_boxes[N_PAGES];    /* their places in the stack */
  GtkLabel             *count_labels[N_PAGES];
  GtkListBoxRow        *sidebar_rows[N_PAGES];
  gboolean              page_loaded[N_PAGES];  /* given the library */
  AdwStatusPage        *error_page;
  GtkWidget            *retry_button;
  GtkWidget            *fresh_button;
  CgSearchPage         *search_page;
  char                 *page_before_search;

  /* the running import, if any */
  GCancellable         *import_cancellable;
  GQueue                import_queue;   /* of GFile, waiting */

  guint                 check_source;
};

G_DEFINE_FINAL_TYPE (CgWindow, cg_window, ADW_TYPE_APPLICATION_WINDOW)

static const PageInfo *
find_page (const char *name)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (pages[i].name, name) == 0)
      return &pages[i];

  return NULL;
}


static void
show_error_toast (CgWindow   *self,
                  const char *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_count (CgWindow *self,
           guint     index,
           gint64    n)
{
  g_autofree char *count = n >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, n) : g_strdup ("");

  gtk_label_set_label (self->count_labels[index], count);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CgWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 n = cg_library_count_finish (CG_LIBRARY (source), result, &error);

  if (error != NULL)
    g_warning ("Cannot count the postings: %s", error->message);
  for (guint i = 0; i < N_PAGES; i++)
    if (pages[i].kind == CG_LIBRARY_KIND_JOBS)
      set_count (self, i, n);
}

/* The count beside a page in the sidebar. The postings may be a million:
 * they are counted off the main thread. */
static void
update_count (CgWindow *self,
              guint     index)
{
  if (pages[index].kind == CG_LIBRARY_KIND_JOBS)
    cg_library_count_async (self->library, CG_LIBRARY_KIND_JOBS, NULL, count_done_cb,
                            g_object_ref (self));
  else
    set_count (self, index, cg_library_count (self->library, pages[index].kind));
}

/* The page widgets are made the first time a page is shown: start-up
 * builds the one page the window opens on. */
static GtkWidget *
create_page (CgWindow *self,
             guint     index)
{
  GtkWidget *page;

  if (self->page_widgets[index] != NULL)
    return self->page_widgets[index];

  page = pages[index].new_page ();
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (self->page_boxes[index], page);
  self->page_widgets[index] = page;
  return page;
}

/* Pages are filled when they are first shown: start-up builds the rows of
 * the visible page only, and the sidebar shows counts for the others.
 * From then on each page follows the library's changes by itself. */
static void
ensure_page_loaded (CgWindow *self,
                    guint     index)
{
  if (self->page_loaded[index] || self->library == NULL || !cg_library_is_open (self->library))
    return;

  pages[index].set_library (create_page (self, index), self->library);
  self->page_loaded[index] = TRUE;
}

static int
page_index (const char *name)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (pages[i].name, name) == 0)
      return (int) i;

  return -1;
}

/* Shows the library, or why it cannot be opened. */
static void
show_library_state (CgWindow *self)
{
  gboolean open = cg_library_is_open (self->library);

  gtk_widget_set_sensitive (GTK_WIDGET (self->sidebar), open);

  if (!open)
    {
      const GError *error = cg_application_get_library_error (
        CG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));
      g_autofree char *description = NULL;
      /* a lock, a permission or a full disk passes: the file is fine */
      gboolean passing = error != NULL &&
                         (g_error_matches (error, CG_DB_ERROR, CG_DB_ERROR_BUSY) ||
                          g_error_matches (error, CG_DB_ERROR, CG_DB_ERROR_READONLY) ||
                          g_error_matches (error, CG_DB_ERROR, CG_DB_ERROR_FULL) ||
                          g_error_matches (error, CG_DB_ERROR, CG_DB_ERROR_OPEN));

      if (passing)
        description = g_strdup_printf (
          _("%s\n\nNothing has been changed. Try again once this is solved."),
          error->message);
      else
        description = g_strdup_printf (
          _("%s\n\nNothing has been changed. You can start a fresh library: the old file "
            "stays on disk, renamed so that nothing is lost."),
          error ? error->message : _("Unknown error"));
      adw_status_page_set_description (self->error_page, description);
      gtk_widget_set_visible (self->retry_button, passing);
      gtk_widget_set_visible (self->fresh_button, !passing);
      adw_view_stack_set_visible_child_name (self->stack, "library-error");
      return;
    }

  for (guint i = 0; i < N_PAGES; i++)
    update_count (self, i);
  if (page_index (cg_window_get_page (self)) >= 0)
    ensure_page_loaded (self, page_index (cg_window_get_page (self)));

  if (cg_library_get_content_problem (self->library) != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Bundled content not loaded: %s"),
                                                  cg_library_get_content_problem (self->library));
      show_error_toast (self, message);
    }
}

static CgJobsPage *
jobs_page (CgWindow *self)
{
  return CG_JOBS_PAGE (self->page_widgets[page_index ("jobs")]);
}

void
cg_window_show_page (CgWindow   *self,
                     const char *name)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  if (find_page (name) == NULL || !cg_library_is_open (self->library))
    return;

  adw_view_stack_set_visible_child_name (self->stack, name);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

const char *
cg_window_get_page (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

GtkWidget *
cg_window_get_page_widget (CgWindow   *self,
                           const char *name)
{
  int index;

  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  index = page_index (name);
  if (index < 0)
    return adw_view_stack_get_child_by_name (self->stack, name);

  return create_page (self, (guint) index);
}

static void
page_changed_cb (CgWindow *self)
{
  const char *name = adw_view_stack_get_visible_child_name (self->stack);
  const PageInfo *info = find_page (name);

  if (info == NULL)
    {
      adw_window_title_set_title (self->page_title, g_strcmp0 (name, "search") == 0
                                                     ? _("Search") : _("Career Guide"));
      gtk_list_box_unselect_all (self->sidebar);
      return;
    }

  adw_window_title_set_title (self->page_title, _(info->title));
  gtk_list_box_select_row (self->sidebar, self->sidebar_rows[page_index (name)]);
  ensure_page_loaded (self, page_index (name));
}

static void
sidebar_row_activated_cb (CgWindow      *self,
                          GtkListBoxRow *row)
{
  cg_window_show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
show_page_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cg_window_show_page (CG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_sidebar_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
track_job_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  g_autoptr(GError) error = NULL;
  gint64 existing = 0;
  gint64 id;
  AdwToast *toast;

  /* pre-filled from the posting; the same posting, or the same company and
   * title, is not tracked twice */
  id = cg_tracker_create_from_job (self->library, key, &existing, &error);
  if (id == 0 && g_error_matches (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_DUPLICATE))
    {
      toast = adw_toast_new (_("This posting is already tracked"));
      adw_toast_set_button_label (toast, _("_Open"));
      adw_toast_set_action_name (toast, "win.open-application");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (existing));
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
      return;
    }
  if (id == 0)
    {
      g_autofree char *message = g_strdup_printf (_("Cannot track the posting: %s"), error->message);
      show_error_toast (self, message);
      return;
    }

  toast = adw_toast_new (_("Application tracked"));
  adw_toast_set_button_label (toast, _("_Open"));
  adw_toast_set_action_name (toast, "win.open-application");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
open_application_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  int index = page_index ("applications");

  cg_window_show_page (self, "applications");
  ensure_page_loaded (self, index);
  cg_applications_page_open_application (CG_APPLICATIONS_PAGE (self->page_widgets[index]),
                                         g_variant_get_int64 (parameter));
}

static void
retry_library_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  CgApplication *app = CG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (!cg_application_retry_library (app))
    {
      /* the reason may have changed: say the new one */
      show_library_state (self);
      show_error_toast (self, _("The library still cannot be opened"));
      return;
    }

  show_library_state (self);
  cg_window_show_page (self, "jobs");
}

static void
start_fresh_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  CgApplication *app = CG_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GError) error = NULL;
  g_autofree char *moved_to = NULL;
  g_autofree char *message = NULL;

  if (!cg_application_start_fresh_library (app, &moved_to, &error))
    {
      message = g_strdup_printf (_("Cannot start a fresh library: %s"), error->message);
      show_error_toast (self, message);
      return;
    }

  show_library_state (self);
  cg_window_show_page (self, "jobs");

  if (moved_to != NULL)
    {
      message = g_strdup_printf (_("The old library was kept as %s"), moved_to);
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
    }
}

/* Follows an internal link from a guide, an answer or a posting:
 * guide:SLUG, role:SLUG or job:KEY. */
gboolean
cg_window_open_link (CgWindow   *self,
                     const char *uri)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);

  if (g_str_has_prefix (uri, "guide:"))
    {
      g_autofree char *slug = g_strdup (uri + strlen ("guide:"));
      char *fragment = strchr (slug, '#');
      int index = page_index ("guides");

      if (fragment != NULL)
        *fragment = '\0';
      cg_window_show_page (self, "guides");
      ensure_page_loaded (self, index);
      if (!cg_guides_page_open (CG_GUIDES_PAGE (self->page_widgets[index]), slug))
        {
          g_autofree char *message = g_strdup_printf (_("There is no guide “%s”"), slug);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
          return FALSE;
        }
      return TRUE;
    }

  if (g_str_has_prefix (uri, "role:"))
    {
      int index = page_index ("compare");
      g_auto(GStrv) current = NULL;
      const char *roles[3] = { uri + strlen ("role:"), NULL, NULL };

      cg_window_show_page (self, "compare");
      ensure_page_loaded (self, index);
      /* the linked role first, beside the one shown before it */
      current = cg_compare_page_dup_roles (CG_COMPARE_PAGE (self->page_widgets[index]));
      for (guint i = 0; current != NULL && current[i] != NULL; i++)
        if (g_strcmp0 (current[i], roles[0]) != 0)
          {
            roles[1] = current[i];
            break;
          }
      cg_compare_page_set_roles (CG_COMPARE_PAGE (self->page_widgets[index]), roles);
      return TRUE;
    }

  if (g_str_has_prefix (uri, "faq:"))
    {
      int index = page_index ("faq");

      cg_window_show_page (self, "faq");
      ensure_page_loaded (self, index);
      cg_faq_page_show_entry (CG_FAQ_PAGE (self->page_widgets[index]), uri + strlen ("faq:"));
      return TRUE;
    }

  if (g_str_has_prefix (uri, "job:"))
    {
      cg_window_show_page (self, "jobs");
      ensure_page_loaded (self, page_index ("jobs"));
      if (!cg_jobs_page_show_key (jobs_page (self), uri + strlen ("job:")))
        {
          adw_toast_overlay_add_toast (self->toast_overlay,
                                       adw_toast_new (_("That posting is no longer in the library")));
          return FALSE;
        }
      return TRUE;
    }

  return FALSE;
}

/* Ctrl+K: the search page, over whatever page was shown. */
void
cg_window_search (CgWindow   *self,
                  const char *text)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  if (!cg_library_is_open (self->library))
    return;

  if (g_strcmp0 (cg_window_get_page (self), "search") != 0)
    {
      g_free (self->page_before_search);
      self->page_before_search = g_strdup (cg_window_get_page (self));
    }
  cg_search_page_set_library (self->search_page, self->library);
  adw_view_stack_set_visible_child_name (self->stack, "search");
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  if (text != NULL)
    cg_search_page_search (self->search_page, text);
  gtk_widget_grab_focus (GTK_WIDGET (cg_search_page_get_entry (self->search_page)));
}

CgSearchPage *
cg_window_get_search_page (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), NULL);

  return self->search_page;
}

static void
reload_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  /* every page reads what it shows again */
  show_library_state (self);
  if (cg_library_is_open (self->library))
    cg_library_queue_changed (self->library, CG_LIBRARY_CHANGE_ALL);
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  cg_window_search (CG_WINDOW (widget), NULL);
}

static void
close_search_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  if (g_strcmp0 (cg_window_get_page (self), "search") == 0)
    cg_window_show_page (self, self->page_before_search ? self->page_before_search : "jobs");
}

/* Typing where no text field has the focus starts a search. */
static void
search_started_cb (CgWindow *self)
{
  if (g_strcmp0 (cg_window_get_page (self), "search") != 0)
    cg_window_search (self, NULL);
}

static void
show_jobs_for_role_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  const char *role = g_variant_get_string (parameter, NULL);

  cg_window_show_page (self, "jobs");
  ensure_page_loaded (self, page_index ("jobs"));
  cg_jobs_page_set_role (jobs_page (self), *role ? role : NULL);
}

/* win.show-jobs a{ss}: the Jobs page filtered as a chart's bar says (see
 * cg_jobs_page_show_filtered() for the keys) */
static void
show_jobs_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  cg_window_show_page (self, "jobs");
  ensure_page_loaded (self, page_index ("jobs"));
  cg_jobs_page_show_filtered (jobs_page (self), parameter);
}

static void
open_link_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cg_window_open_link (CG_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* Importing postings: one file at a time on a worker thread with its own
 * connection, one transaction per file (so Cancel leaves nothing behind),
 * progress shown above the job list. */

typedef struct {
  CgWindow       *self;       /* a strong reference */
  char           *db_path;
  char           *path;
  char           *name;
  CgImportReport  report;
  guint64         done;
  guint64         total;
  guint           progress_source;
  GMutex          lock;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_handle_id (&data->progress_source, g_source_remove);
  g_object_unref (data->self);
  g_free (data->db_path);
  g_free (data->path);
  g_free (data->name);
  cg_import_report_clear (&data->report);
  g_mutex_clear (&data->lock);
  g_free (data);
}

static gboolean
import_progress_tick_cb (gpointer user_data)
{
  ImportData *data = user_data;
  g_autofree char *label = NULL;
  double fraction;

  g_mutex_lock (&data->lock);
  fraction = data->total > 0 ? (double) data->done / data->total : 0;
  g_mutex_unlock (&data->lock);

  label = g_strdup_printf (_("Importing “%s”…"), data->name);
  cg_jobs_page_set_import_progress (jobs_page (data->self), label, fraction);
  return G_SOURCE_CONTINUE;
}

/* Called on the worker thread: only record the figures. */
static void
import_progress_cb (guint64  done,
                    guint64  total,
                    gpointer user_data)
{
  ImportData *data = user_data;

  g_mutex_lock (&data->lock);
  data->done = done;
  data->total = total;
  g_mutex_unlock (&data->lock);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = cg_db_open (data->db_path, FALSE, &error);

  if (db == NULL ||
      !cg_db_exec (db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL", &error) ||
      !cg_job_import_file (db, data->path, CG_IMPORT_FORMAT_AUTO, import_progress_cb, data,
                           cancellable, &data->report, &error))
    {
      cg_db_close (db);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  cg_db_close (db);
  g_task_return_boolean (task, TRUE);
}

static void import_next (CgWindow *self);

static void
show_import_problems (CgWindow   *self,
                      const char *heading,
                      const char *body,
                      GPtrArray  *problems)
{
  AdwMessageDialog *dialog;
  g_autoptr(GString) text = g_string_new (body);

  for (guint i = 0; problems != NULL && i < problems->len && i < 20; i++)
    g_string_append_printf (text, "\n• %s", (const char *) g_ptr_array_index (problems, i));
  if (problems != NULL && problems->len > 20)
    g_string_append_printf (text, "\n%s", _("…and more."));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, text->str));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CgWindow *self = CG_WINDOW (source);
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->import_cancellable);
  cg_jobs_page_set_import_progress (jobs_page (self), NULL, 0);

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_strdup_printf (_("Import of “%s” cancelled: nothing was added"),
                                                      data->name);
          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
          /* the rest of the queue goes too */
          g_queue_clear_full (&self->import_queue, g_object_unref);
          return;
        }
      else
        {
          g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), data->name);
          show_import_problems (self, heading, error->message, data->report.problems);
        }
    }
  else
    {
      g_autofree char *message = g_strdup_printf (_("“%s”: %u added, %u updated, %u skipped"),
                                                  data->name, data->report.added,
                                                  data->report.updated, data->report.skipped);

      if (data->report.skipped > 0)
        {
          g_autofree char *heading = g_strdup_printf (_("Some Postings in “%s” Were Skipped"),
                                                      data->name);
          show_import_problems (self, heading, message, data->report.problems);
        }
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));

      /* written by the worker's connection: the library says what changed */
      cg_library_check_for_changes (self->library);
    }

  import_next (self);
}

static void
import_next (CgWindow *self)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  if (self->import_cancellable != NULL || !cg_library_is_open (self->library))
    return;

  file = g_queue_pop_head (&self->import_queue);
  if (file == NULL)
    return;

  if (g_file_peek_path (file) == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Only local files can be imported")));
      import_next (self);
      return;
    }

  data = g_new0 (ImportData, 1);
  g_mutex_init (&data->lock);
  data->self = g_object_ref (self);
  data->db_path = g_strdup (cg_library_get_path (self->library));
  data->path = g_file_get_path (file);
  data->name = g_file_get_basename (file);
  data->progress_source = g_timeout_add (100, import_progress_tick_cb, data);
  import_progress_tick_cb (data);

  self->import_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->import_cancellable, import_done_cb, NULL);
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/* Imports @files (GFile) one after another, after any running import. */
void
cg_window_import_files (CgWindow *self,
                        GList    *files)
{
  g_return_if_fail (CG_IS_WINDOW (self));

  for (GList *l = files; l != NULL; l = l->next)
    {
      g_autofree char *path = g_file_get_path (l->data);

      /* Markdown files are guides */
      if (path != NULL && (g_str_has_suffix (path, ".md") || g_str_has_suffix (path, ".markdown")))
        {
          int index = page_index ("guides");
          g_autoptr(GError) error = NULL;

          cg_window_show_page (self, "guides");
          ensure_page_loaded (self, index);
          if (!cg_guides_page_import (CG_GUIDES_PAGE (self->page_widgets[index]), path, &error))
            {
              g_autofree char *message = g_strdup_printf (_("The guide was not imported: %s"),
                                                          error->message);
              show_error_toast (self, message);
            }
          continue;
        }
      g_queue_push_tail (&self->import_queue, g_object_ref (l->data));
    }

  if (g_queue_is_empty (&self->import_queue) && self->import_cancellable == NULL)
    return;

  cg_window_show_page (self, "jobs");
  ensure_page_loaded (self, page_index ("jobs"));
  import_next (self);
}

gboolean
cg_window_is_importing (CgWindow *self)
{
  g_return_val_if_fail (CG_IS_WINDOW (self), FALSE);

  return self->import_cancellable != NULL;
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    CgWindow        *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      GList *list = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        list = g_list_append (list, g_list_model_get_item (files, i));
      cg_window_import_files (self, list);
      g_list_free_full (list, g_object_unref);
    }

  g_object_unref (dialog);
}

static void
import_postings_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) html = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Postings"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);

  gtk_file_filter_set_name (all, _("All postings files"));
  gtk_file_filter_set_name (json, _("JSON-LD and JSON Lines"));
  gtk_file_filter_set_name (csv, _("CSV spreadsheets"));
  gtk_file_filter_set_name (html, _("Saved web pages"));
  for (guint i = 0; i < 4; i++)
    {
      static const char *patterns[] = { "*.json", "*.jsonld", "*.jsonl", "*.ndjson" };
      gtk_file_filter_add_pattern (all, patterns[i]);
      gtk_file_filter_add_pattern (json, patterns[i]);
    }
  gtk_file_filter_add_pattern (all, "*.csv");
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_pattern (all, "*.html");
  gtk_file_filter_add_pattern (all, "*.htm");
  gtk_file_filter_add_mime_type (html, "text/html");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), html);

  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cancel_import_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgWindow *self = CG_WINDOW (widget);

  g_cancellable_cancel (self->import_cancellable);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         CgWindow      *self)
{
  GSList *files;
  GList *list = NULL;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST) || !cg_library_is_open (self->library))
    return FALSE;

  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    list = g_list_append (list, l->data);
  cg_window_import_files (self, list);
  g_list_free (list);
  return TRUE;
}

static gboolean
cg_window_close_request (GtkWindow *window)
{
  CgWindow *self = CG_WINDOW (window);
  int width, height;
  int index = page_index ("applications");

  /* never lose a keystroke: edits waiting for their save are saved now */
  if (CG_IS_APPLICATIONS_PAGE (self->page_widgets[index]) && self->page_loaded[index])
    {
      g_autoptr(GError) error = NULL;

      if (!cg_applications_page_save_pending (CG_APPLICATIONS_PAGE (self->page_widgets[index]), &error))
        g_warning ("Cannot save the application being edited: %s", error->message);
    }

  gtk_window_get_default_size (window, &width, &height);
  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
  if (find_page (cg_window_get_page (self)) != NULL)
    g_settings_set_string (self->settings, "last-page", cg_window_get_page (self));
  g_settings_apply (self->settings);

  return GTK_WINDOW_CLASS (cg_window_parent_class)->close_request (window);
}

static void
cg_window_dispose (GObject *object)
{
  CgWindow *self = CG_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_WINDOW);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  g_queue_clear_full (&self->import_queue, g_object_unref);
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);
  g_clear_pointer (&self->page_before_search, g_free);

  G_OBJECT_CLASS (cg_window_parent_class)->dispose (object);
}

static void
cg_window_class_init (CgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = cg_window_dispose;
  window_class->close_request = cg_window_close_request;

  g_type_ensure (CG_TYPE_JOBS_PAGE);
  g_type_ensure (CG_TYPE_GUIDES_PAGE);
  g_type_ensure (CG_TYPE_FAQ_PAGE);
  g_type_ensure (CG_TYPE_COMPARE_PAGE);
  g_type_ensure (CG_TYPE_APPLICATIONS_PAGE);
  g_type_ensure (CG_TYPE_MARKET_PAGE);
  g_type_ensure (CG_TYPE_SEARCH_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, page_title);
  gtk_widget_class_bind_template_child (widget_class, CgWindow, content_pane);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);

  gtk_widget_class_install_action (widget_class, "win.show-page", "s", show_page_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL, show_sidebar_action_cb);
  gtk_widget_class_install_action (widget_class, "win.track-job", "s", track_job_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-application", "x", open_application_action_cb);
  gtk_widget_class_install_action (widget_class, "win.start-fresh", NULL, start_fresh_action_cb);
  gtk_widget_class_install_action (widget_class, "win.retry-library", NULL, retry_library_action_cb);
  gtk_widget_class_install_action (widget_class, "win.open-link", "s", open_link_action_cb);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "win.reload", NULL, reload_action_cb);
  gtk_widget_class_install_action (widget_class, "win.close-search", NULL, close_search_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-jobs-for-role", "s",
                                   show_jobs_for_role_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-jobs", "a{ss}", show_jobs_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import-postings", NULL, import_postings_action_cb);
  gtk_widget_class_install_action (widget_class, "win.cancel-import", NULL, cancel_import_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import-postings", NULL);
}

static GtkWidget *
new_sidebar_row (CgWindow *self,
                 guint     index)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (pages[index].icon_name);
  GtkWidget *label = gtk_label_new (_(pages[index].title));
  GtkWidget *count = gtk_label_new (NULL);

  gtk_widget_set_name (row, pages[index].name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");

  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, count, NULL, -1);

  self->count_labels[index] = GTK_LABEL (count);
  self->sidebar_rows[index] = GTK_LIST_BOX_ROW (row);
  return row;
}

static void
setup_pages (CgWindow *self)
{
  for (guint i = 0; i < N_PAGES; i++)
    {
      GtkWidget *page;
      AdwViewStackPage *stack_page;

      page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      self->page_boxes[i] = GTK_BOX (page);
      stack_page = adw_view_stack_add_titled (self->stack, page, pages[i].name, _(pages[i].title));
      adw_view_stack_page_set_icon_name (stack_page, pages[i].icon_name);
      gtk_list_box_append (self->sidebar, new_sidebar_row (self, i));
    }

  self->error_page = ADW_STATUS_PAGE (adw_status_page_new ());
  adw_status_page_set_icon_name (self->error_page, "dialog-warning-symbolic");
  adw_status_page_set_title (self->error_page, _("Your Library Cannot Be Opened"));
  {
    GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

    self->retry_button = gtk_button_new_with_mnemonic (_("_Try Again"));
    gtk_widget_add_css_class (self->retry_button, "pill");
    gtk_widget_add_css_class (self->retry_button, "suggested-action");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->retry_button), "win.retry-library");
    gtk_box_append (GTK_BOX (box), self->retry_button);

    self->fresh_button = gtk_button_new_with_mnemonic (_("_Start a Fresh Library"));
    gtk_widget_add_css_class (self->fresh_button, "pill");
    gtk_widget_add_css_class (self->fresh_button, "destructive-action");
    gtk_actionable_set_action_name (GTK_ACTIONABLE (self->fresh_button), "win.start-fresh");
    gtk_box_append (GTK_BOX (box), self->fresh_button);

    gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
    adw_status_page_set_child (self->error_page, box);
  }
  adw_view_stack_add_named (self->stack, GTK_WIDGET (self->error_page), "library-error");

  self->search_page = CG_SEARCH_PAGE (cg_search_page_new ());
  adw_view_stack_add_named (self->stack, GTK_WIDGET (self->search_page), "search");
  gtk_search_entry_set_key_capture_widget (cg_search_page_get_entry (self->search_page),
                                           GTK_WIDGET (self));
  g_signal_connect_object (cg_search_page_get_entry (self->search_page), "search-started",
                           G_CALLBACK (search_started_cb), self, G_CONNECT_SWAPPED);
}

static void
cg_window_init (CgWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  setup_pages (self);

  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }
}

/* The sidebar's counts follow the library; the pages follow it by
 * themselves. */
static void
library_changed_cb (CgWindow        *self,
                    CgLibraryChange  what)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (what & pages[i].counted)
      update_count (self, i);
}

/* What another process (or another connection of this one) wrote is
 * shown when the window gets the focus, and within a few seconds while
 * it is open: comparing the library's data version costs next to
 * nothing. */
static gboolean
check_for_changes_cb (gpointer user_data)
{
  CgWindow *self = user_data;

  if (self->library != NULL)
    cg_library_check_for_changes (self->library);
  return G_SOURCE_CONTINUE;
}

static void
active_changed_cb (CgWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    check_for_changes_cb (self);
}

CgWindow *
cg_window_new (CgApplication *application)
{
  CgWindow *self = g_object_new (CG_TYPE_WINDOW, "application", application, NULL);
  g_autofree char *last_page = NULL;

  self->library = g_object_ref (cg_application_get_library (application));
  g_signal_connect_object (self->library, "changed", G_CALLBACK (library_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "notify::is-active", G_CALLBACK (active_changed_cb), NULL);
  self->check_source = g_timeout_add_seconds (CHECK_INTERVAL_SECONDS, check_for_changes_cb, self);
  g_debug ("Window built at %.1f ms", g_get_monotonic_time () / 1000.0);

  last_page = g_settings_get_string (self->settings, "last-page");
  if (cg_library_is_open (self->library))
    adw_view_stack_set_visible_child_name (self->stack, last_page);
  show_library_state (self);
  page_changed_cb (self);
  /* narrow: open on the page, not on the list of pages */
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_pane));
  g_debug ("Page filled at %.1f ms", g_get_monotonic_time () / 1000.0);

  return self;
}
