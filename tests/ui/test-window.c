/* test-window.c: the main window in a real display (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cg-application.h"
#include "cg-application-item.h"
#include "cg-applications-page-private.h"
#include "cg-compare-page-private.h"
#include "cg-db.h"
#include "cg-market-page-private.h"
#include "cg-faq-page-private.h"
#include "cg-guides-page-private.h"
#include "cg-job.h"
#include "cg-jobs-page-private.h"
#include "cg-reader-view-private.h"
#include "cg-search-page-private.h"
#include "cg-window-private.h"
#include "cg-ui-test-utils.h"

static char *system_data_dirs;

static CgApplication *
start_app (void)
{
  CgApplication *app;
  g_autoptr(GError) error = NULL;

  /* Isolated dirs give each test an empty XDG_DATA_HOME, but the system
   * data dirs are still needed for the MIME database and the icon theme. */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  app = cg_application_new ();
  {
    /* a bus name of its own, so one test's instance never meets another's */
    static guint counter;
    g_autofree char *id = g_strdup_printf ("%s.Test%u", APPLICATION_ID, ++counter);
    g_application_set_application_id (G_APPLICATION (app), id);
  }

  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static void
stop_app (CgApplication *app,
          GtkWindow     *window)
{
  /* gone, with what its pages were doing (their tasks hold them) */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (window);
  CG_UI_TEST_WAIT (window == NULL);
  g_application_quit (G_APPLICATION (app));
  /* shutdown runs from g_application_run; call the vfunc path directly */
  g_object_unref (app);
}

/* Waits for the query the Jobs page runs (it starts it at once). */
static void
wait_jobs_loaded (CgJobsPage *page)
{
  CG_UI_TEST_WAIT (!cg_job_list_model_get_loading (cg_jobs_page_get_model (page)));
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* Sets the text of the search entry @entry, as typing does, and waits
 * for it to tell that the search changed (it waits a little first). */
static void
type_search (GtkWidget  *entry,
             const char *text)
{
  guint changed = 0;
  gulong handler = g_signal_connect (entry, "search-changed", G_CALLBACK (count_cb), &changed);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  CG_UI_TEST_WAIT (changed > 0);
  g_signal_handler_disconnect (entry, handler);
}

/* The first visible widget under @root of @type whose label is @label. */
static GtkWidget *
find_widget (GtkWidget  *root,
             GType       type,
             const char *label)
{
  return cg_ui_test_find (root, type, CG_UI_TEST_VISIBLE, label, NULL);
}

/* The titles of the rows a page lists, in order. */
static GPtrArray *
page_titles (CgWindow   *window,
             const char *page)
{
  GtkWidget *widget = cg_window_get_page_widget (window, page);
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  if (CG_IS_JOBS_PAGE (widget))
    {
      GListModel *model = G_LIST_MODEL (cg_jobs_page_get_model (CG_JOBS_PAGE (widget)));

      wait_jobs_loaded (CG_JOBS_PAGE (widget));
      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CgJob) job = g_list_model_get_item (model, i);
          g_ptr_array_add (titles, g_strdup (cg_job_get_title (job)));
        }
      return titles;
    }

  if (CG_IS_GUIDES_PAGE (widget))
    {
      GtkListBox *guide_list = cg_guides_page_get_list_box (CG_GUIDES_PAGE (widget));

      for (int i = 0;; i++)
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (guide_list), i);
          GtkWidget *title;

          if (row == NULL)
            break;
          title = find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, NULL);
          g_ptr_array_add (titles, g_strdup (gtk_label_get_label (GTK_LABEL (title))));
        }
      return titles;
    }

  if (CG_IS_MARKET_PAGE (widget))
    {
      /* the titles of the chart cards, once the figures are computed */
      CgMarketPage *market = CG_MARKET_PAGE (widget);
      static const char *cards[] = { "Employment type", "Work arrangement" };

      CG_UI_TEST_WAIT (!cg_market_page_get_busy (market));
      for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
        if (find_widget (widget, GTK_TYPE_LABEL, cards[i]) != NULL)
          g_ptr_array_add (titles, g_strdup (cards[i]));
      return titles;
    }

  if (CG_IS_APPLICATIONS_PAGE (widget))
    {
      /* the applications the page's filtered model holds */
      GListModel *model = cg_applications_page_get_model (CG_APPLICATIONS_PAGE (widget));

      for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CgApplicationItem) item = g_list_model_get_item (model, i);

          g_ptr_array_add (titles, g_strdup (cg_application_item_get_details (item)->title));
        }
      return titles;
    }

  if (CG_IS_COMPARE_PAGE (widget))
    {
      /* the roles side by side, once their figures are computed */
      CgComparePage *compare = CG_COMPARE_PAGE (widget);
      const CgComparison *comparison;

      CG_UI_TEST_WAIT (!cg_compare_page_get_loading (compare));
      comparison = cg_compare_page_get_comparison (compare);
      for (guint i = 0; comparison != NULL && i < cg_comparison_get_n_roles (comparison); i++)
        g_ptr_array_add (titles, g_strdup (cg_comparison_get_role_name (comparison, i)));
      return titles;
    }

  if (CG_IS_FAQ_PAGE (widget))
    {
      /* the questions are in the reader: wait for them, report the count */
      CgFaqPage *faq = CG_FAQ_PAGE (widget);

      CG_UI_TEST_WAIT (cg_faq_page_get_n_shown (faq) > 0);
      for (guint i = 0; i < cg_faq_page_get_n_shown (faq); i++)
        g_ptr_array_add (titles, g_strdup_printf ("question %u", i));
      return titles;
    }

  g_error ("page %s: no way to read its records", page);
  return titles;
}

static gboolean
contains (GPtrArray  *titles,
          const char *title)
{
  for (guint i = 0; i < titles->len; i++)
    if (g_strcmp0 (g_ptr_array_index (titles, i), title) == 0)
      return TRUE;

  return FALSE;
}

static void
activate (GtkWidget  *widget,
          const char *action,
          const char *page)
{
  /* (a page is shown, and starts loading, at once) */
  g_assert_true (gtk_widget_activate_action (widget, action, "s", page));
}

/* The applications the Applications page lists */
static guint
n_applications (CgWindow *window)
{
  GtkWidget *page = cg_window_get_page_widget (window, "applications");
  GListModel *model = cg_applications_page_get_model (CG_APPLICATIONS_PAGE (page));

  return model != NULL ? g_list_model_get_n_items (model) : 0;
}

/* The visible toplevel of @type, if any */
static GtkWidget *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

static void
test_pages_show_bundled_records (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  static const struct { const char *page; const char *title; } expected[] = {
    { "jobs", "Machine Learning & Operations Engineer" },
    { "jobs", "AI/Machine Learning Engineer Senior" },
    { "jobs", "Senior Specialist, AI / Machine Learning Data Engineer" },
    { "guides", "Embedded ML Engineer versus Firmware Engineer" },
    { "faq", "question 0" },
    { "compare", "Embedded Machine Learning Engineer" },
    { "compare", "Firmware Engineer" },
    { "market", "Employment type" },
    { "market", "Work arrangement" },
  };

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GPtrArray) titles = NULL;

      activate (GTK_WIDGET (window), "win.show-page", expected[i].page);
      g_assert_cmpstr (cg_window_get_page (window), ==, expected[i].page);
      titles = page_titles (window, expected[i].page);
      if (!contains (titles, expected[i].title))
        g_error ("page %s does not list “%s” (%u rows)", expected[i].page, expected[i].title, titles->len);
    }

  /* every bundled record is on its page: as many rows as content.db has */
  {
    static const struct { const char *page; const char *sql; } counts[] = {
      { "jobs", "SELECT count(*) FROM jobs" },
      { "guides", "SELECT count(*) FROM guides" },
      { "faq", "SELECT count(*) FROM faq" },
    };
    sqlite3 *content = NULL;

    g_assert_cmpint (sqlite3_open_v2 (g_getenv ("CG_CONTENT_DB"), &content, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
      {
        g_autoptr(GPtrArray) titles = page_titles (window, counts[i].page);
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (content, counts[i].sql, -1, &stmt, NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 0);
        g_assert_cmpint (titles->len, ==, sqlite3_column_int (stmt, 0));
        sqlite3_finalize (stmt);
      }
    sqlite3_close (content);
  }

  /* Applications: empty, with a next step */
  activate (GTK_WIDGET (window), "win.show-page", "applications");
  {
    g_autoptr(GPtrArray) titles = page_titles (window, "applications");
    g_assert_cmpuint (titles->len, ==, 0);
  }

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

static void
test_track_posting (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgLibrary *library = cg_application_get_library (app);
  g_autoptr(GPtrArray) titles = NULL;
  CgJobsPage *jobs;
  GtkWidget *button;
  CgJob *job;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  activate (GTK_WIDGET (window), "win.show-page", "jobs");
  jobs = CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs"));
  wait_jobs_loaded (jobs);

  /* the first posting is selected and shown; press Track Application */
  cg_jobs_page_select (jobs, 0);
  CG_UI_TEST_WAIT ((job = cg_jobs_page_get_selected (jobs)) != NULL &&
                   find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, cg_job_get_title (job)) != NULL);
  job = cg_jobs_page_get_selected (jobs);
  g_assert_nonnull (job);
  g_assert_nonnull (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, cg_job_get_title (job)));
  button = find_widget (GTK_WIDGET (jobs), GTK_TYPE_BUTTON, "_Track Application");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");

  activate (GTK_WIDGET (window), "win.show-page", "applications");
  CG_UI_TEST_WAIT (n_applications (window) == 1);
  titles = page_titles (window, "applications");
  g_assert_cmpuint (titles->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (titles, 0), ==, cg_job_get_title (job));

  /* again: already tracked, nothing added */
  activate (GTK_WIDGET (window), "win.show-page", "jobs");
  g_signal_emit_by_name (button, "clicked");
  /* (nothing to add: what was queued runs, and nothing is added) */
  cg_ui_test_run_ready ();
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_APPLICATIONS), ==, 1);

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

static void
test_search_and_filter (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgJobsPage *jobs;
  GtkWidget *entry, *dropdown;
  GListModel *model;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  activate (GTK_WIDGET (window), "win.show-page", "jobs");
  jobs = CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs"));
  wait_jobs_loaded (jobs);
  model = G_LIST_MODEL (cg_jobs_page_get_model (jobs));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);

  /* type into the search box as a user would */
  entry = find_widget (GTK_WIDGET (jobs), GTK_TYPE_SEARCH_ENTRY, NULL);
  g_assert_nonnull (entry);
  type_search (entry, "optitrack");
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  CG_UI_TEST_WAIT (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "1 posting") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "1 posting"));

  /* syntax that would break a naive FTS query is just words */
  type_search (entry, "C++ AND (");
  wait_jobs_loaded (jobs);
  g_assert_null (cg_job_list_model_get_error (cg_jobs_page_get_model (jobs)));
  CG_UI_TEST_WAIT (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "No Matching Postings") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "No Matching Postings"));

  /* clear the search, filter to remote: the OptiTrack posting */
  type_search (entry, "");
  dropdown = find_widget (GTK_WIDGET (jobs), GTK_TYPE_DROP_DOWN, NULL); /* the first: arrangement */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 3);
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(CgJob) job = g_list_model_get_item (model, 0);
    g_assert_cmpstr (cg_job_get_company (job), ==, "OptiTrack");
  }

  /* the detail pane shows the selected posting's facts */
  cg_jobs_page_select (jobs, 0);
  CG_UI_TEST_WAIT (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "Machine Learning & Operations Engineer") != NULL &&
                   find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "OptiTrack") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "Machine Learning & Operations Engineer"));
  g_assert_nonnull (find_widget (GTK_WIDGET (jobs), GTK_TYPE_LABEL, "OptiTrack"));

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

/* Waits for what the reader is loading (it says so at once). */
static void
wait_reader (CgReaderView *reader)
{
  CG_UI_TEST_WAIT (!cg_reader_view_get_loading (reader));
}

static void
test_show_jobs_filtered (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  GVariantBuilder builder;
  CgJobsPage *jobs;
  GListModel *model;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  activate (GTK_WIDGET (window), "win.show-page", "faq");

  /* as the Market page asks: remote postings */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "arrangement", "remote");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-jobs",
                                                     g_variant_builder_end (&builder)));
  g_assert_cmpstr (cg_window_get_page (window), ==, "jobs");
  jobs = CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs"));
  wait_jobs_loaded (jobs);
  model = G_LIST_MODEL (cg_jobs_page_get_model (jobs));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* a role and a location: the other filters are cleared */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "role", "ml-engineer");
  g_variant_builder_add (&builder, "{ss}", "location", "Orlando");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-jobs",
                                                     g_variant_builder_end (&builder)));
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(CgJob) job = g_list_model_get_item (model, 0);
    g_assert_cmpstr (cg_job_get_title (job), ==, "AI/Machine Learning Engineer Senior");
  }

  /* a bar of the pay histogram, in a region: open postings paid (midpoint)
   * $70,000 to $110,000 in Florida; only the Miami one (about $78,200) */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "region", "Florida");
  g_variant_builder_add (&builder, "{ss}", "min_pay", "70000");
  g_variant_builder_add (&builder, "{ss}", "max_pay", "110000");
  g_variant_builder_add (&builder, "{ss}", "currency", "USD");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-jobs",
                                                     g_variant_builder_end (&builder)));
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr(CgJob) job = g_list_model_get_item (model, 0);
    g_assert_cmpstr (cg_job_get_title (job), ==, "Machine Learning & Operations Engineer");
  }

  /* a month of the postings-over-time chart: the expired April posting is
   * not open, so nothing; May has two */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "posted_month", "2026-04");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-jobs",
                                                     g_variant_builder_end (&builder)));
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_builder_add (&builder, "{ss}", "posted_month", "2026-05");
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-jobs",
                                                     g_variant_builder_end (&builder)));
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);

  /* the button beside "Open postings posted in May 2026" removes it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (jobs), "jobs.clear-chart-filter", NULL));
  wait_jobs_loaded (jobs);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);  /* the open ones, of three */
  g_assert_null (cg_job_list_model_get_query (CG_JOB_LIST_MODEL (model))->posted_month);

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

static void
test_read_guide (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgGuidesPage *guides;
  CgReaderView *reader;
  GtkWidget *guide_list;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  activate (GTK_WIDGET (window), "win.show-page", "guides");
  guides = CG_GUIDES_PAGE (cg_window_get_page_widget (window, "guides"));
  g_assert_cmpuint (cg_guides_page_get_n_visible (guides), ==, 8);

  /* click the comparison guide in the list */
  guide_list = GTK_WIDGET (cg_guides_page_get_list_box (guides));
  g_assert_nonnull (guide_list);
  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (guide_list), i);

      g_assert_nonnull (row);
      if (find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL, "Embedded ML Engineer versus Firmware Engineer"))
        {
          g_signal_emit_by_name (row, "activate");
          break;
        }
    }
  g_assert_cmpstr (cg_guides_page_get_current (guides), ==, "embedded-ml-vs-firmware");
  reader = cg_guides_page_get_reader (guides);
  wait_reader (reader);
  g_assert_cmpstr (webkit_web_view_get_title (cg_reader_view_get_web_view (reader)), ==,
                   "Embedded ML Engineer versus Firmware Engineer");

  /* the contents list has the guide's headings */
  CG_UI_TEST_WAIT (find_widget (GTK_WIDGET (guides), GTK_TYPE_LABEL, "Side by side") != NULL &&
                   find_widget (GTK_WIDGET (guides), GTK_TYPE_LABEL, "How to choose") != NULL);
  g_assert_nonnull (find_widget (GTK_WIDGET (guides), GTK_TYPE_LABEL, "Side by side"));
  g_assert_nonnull (find_widget (GTK_WIDGET (guides), GTK_TYPE_LABEL, "How to choose"));

  /* the ```compare block became the table from the database: its row
   * labels come from aspects.yaml and are nowhere in the guide's text */
  cg_reader_view_find (reader, "A typical day");
  CG_UI_TEST_WAIT (cg_reader_view_get_match_count (reader) != 0);
  g_assert_cmpuint (cg_reader_view_get_match_count (reader), ==, 1);

  /* find a word that is in the comparison table */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.find", NULL));
  cg_reader_view_find (reader, "firmware");
  CG_UI_TEST_WAIT (cg_reader_view_get_match_count (reader) > 3);
  g_test_message ("“firmware”: %u matches", cg_reader_view_get_match_count (reader));
  g_assert_cmpuint (cg_reader_view_get_match_count (reader), >, 3);
  cg_reader_view_find_finish (reader);

  /* follow an internal link, then go back */
  g_assert_true (cg_window_open_link (window, "guide:ml-skills"));
  wait_reader (reader);
  g_assert_cmpstr (cg_guides_page_get_current (guides), ==, "ml-skills");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.back", NULL));
  wait_reader (reader);
  g_assert_cmpstr (cg_guides_page_get_current (guides), ==, "embedded-ml-vs-firmware");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.forward", NULL));
  wait_reader (reader);
  g_assert_cmpstr (cg_guides_page_get_current (guides), ==, "ml-skills");

  /* zoom is remembered */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (cg_reader_view_get_zoom (reader), 1.1, 0.001);
  {
    g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
    g_assert_cmpfloat_with_epsilon (g_settings_get_double (settings, "reader-zoom"), 1.1, 0.001);
    g_settings_reset (settings, "reader-zoom");
  }

  /* an unknown guide is refused with a message, and nothing changes */
  g_assert_false (cg_window_open_link (window, "guide:no-such-guide"));
  g_assert_cmpstr (cg_guides_page_get_current (guides), ==, "ml-skills");

  /* a slow guide gets a spinner after a moment, gone when it has loaded */
  g_assert_null (find_widget (GTK_WIDGET (guides), GTK_TYPE_SPINNER, NULL));
  {
    gint64 begun = g_get_monotonic_time ();

    cg_reader_view_begin_load (reader);
    /* what is ready to run now runs */
    cg_ui_test_run_ready ();
    /* (not at once: unless the machine took the whole moment to get here) */
    if (g_get_monotonic_time () - begun < 250 * 1000)
      g_assert_null (find_widget (GTK_WIDGET (guides), GTK_TYPE_SPINNER, NULL));
  }
  CG_UI_TEST_WAIT (find_widget (GTK_WIDGET (guides), GTK_TYPE_SPINNER, NULL) != NULL);
  g_assert_true (cg_guides_page_open (guides, "ml-skills"));
  wait_reader (reader);
  CG_UI_TEST_WAIT (find_widget (GTK_WIDGET (guides), GTK_TYPE_SPINNER, NULL) == NULL);
  g_assert_null (find_widget (GTK_WIDGET (guides), GTK_TYPE_SPINNER, NULL));

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

static void
test_import_and_delete_guide (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgLibrary *library = cg_application_get_library (app);
  g_autofree char *dir = g_dir_make_tmp ("cg-guide-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Offer Checklist.md", NULL);
  g_autoptr(GFile) file = NULL;
  CgGuidesPage *guides;
  GList *files;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));

  g_assert_true (g_file_set_contents (path, "# Offer checklist\n\n- Compare pay per year\n", -1, NULL));
  file = g_file_new_for_path (path);
  files = g_list_append (NULL, file);
  cg_window_import_files (window, files);   /* as when dropped on the window */
  g_list_free (files);

  g_assert_cmpstr (cg_window_get_page (window), ==, "guides");
  guides = CG_GUIDES_PAGE (cg_window_get_page_widget (window, "guides"));
  g_assert_cmpstr (cg_guides_page_get_current (guides), ==, "offer-checklist");
  g_assert_cmpuint (cg_guides_page_get_n_visible (guides), ==, 9);
  wait_reader (cg_guides_page_get_reader (guides));

  /* delete: gone from the list at once; Undo brings it back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.delete", NULL));
  g_assert_cmpuint (cg_guides_page_get_n_visible (guides), ==, 8);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.undo-delete", NULL));
  g_assert_cmpuint (cg_guides_page_get_n_visible (guides), ==, 9);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_GUIDES), ==, 9);

  /* delete again and let the toast go: deleted for good; bundled ones stay */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (guides), "guides.delete", NULL));
  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
  {
    g_autofree char *db_path = cg_library_dup_default_path ();
    g_autoptr(CgLibrary) again = cg_library_new (db_path, g_getenv ("CG_CONTENT_DB"));
    g_assert_true (cg_library_open (again, NULL));
    g_assert_cmpint (cg_library_count (again, CG_LIBRARY_KIND_GUIDES), ==, 8);
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_faq (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgFaqPage *faq;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  activate (GTK_WIDGET (window), "win.show-page", "faq");
  faq = CG_FAQ_PAGE (cg_window_get_page_widget (window, "faq"));
  CG_UI_TEST_WAIT (cg_faq_page_get_n_shown (faq) > 0);
  wait_reader (cg_faq_page_get_reader (faq));
  g_assert_cmpuint (cg_faq_page_get_n_shown (faq), >=, 20);

  /* search narrows it down; FTS syntax is just words */
  cg_faq_page_search (faq, "quantization");
  CG_UI_TEST_WAIT (cg_faq_page_get_n_shown (faq) >= 1 && cg_faq_page_get_n_shown (faq) < 20);
  g_assert_cmpuint (cg_faq_page_get_n_shown (faq), >=, 1);
  g_assert_cmpuint (cg_faq_page_get_n_shown (faq), <, 20);

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

/* Waits for the imports to finish (or to be cancelled). */
static void
wait_import (CgWindow *window)
{
  CG_UI_TEST_WAIT_FOR (!cg_window_is_importing (window), 60);
}

static void
test_import (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgLibrary *library = cg_application_get_library (app);
  g_autofree char *dir = g_dir_make_tmp ("cg-import-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "two.json", NULL);
  g_autofree char *big = g_build_filename (dir, "many.jsonl", NULL);
  g_autoptr(GString) lines = g_string_new (NULL);
  g_autoptr(GFile) small_file = g_file_new_for_path (small);
  g_autoptr(GFile) big_file = g_file_new_for_path (big);
  GList *files;
  CgJobsPage *jobs;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));

  g_assert_true (g_file_set_contents (small,
    "[{\"@type\": \"JobPosting\", \"title\": \"Embedded Linux Engineer\", \"url\": \"https://x.example/a\","
    "  \"hiringOrganization\": \"Zeta Robotics\", \"jobLocationType\": \"TELECOMMUTE\"},"
    " {\"@type\": \"JobPosting\", \"title\": \"TinyML Engineer\", \"url\": \"https://x.example/b\"}]", -1, NULL));

  files = g_list_append (NULL, small_file);
  cg_window_import_files (window, files);
  g_list_free (files);
  wait_import (window);
  g_assert_cmpstr (cg_window_get_page (window), ==, "jobs");
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 5);

  /* the list shows them, once the page has heard of the import from the
   * library's ::changed and asked again */
  jobs = CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs"));
  CG_UI_TEST_WAIT (g_list_model_get_n_items (G_LIST_MODEL (cg_jobs_page_get_model (jobs))) == 5);
  {
    g_autoptr(GPtrArray) titles = page_titles (window, "jobs");
    g_assert_true (contains (titles, "TinyML Engineer"));
    g_assert_true (contains (titles, "Embedded Linux Engineer"));
  }

  /* a big file, cancelled as soon as it shows progress: nothing is added */
  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (lines,
      "{\"@type\": \"JobPosting\", \"title\": \"Firmware Engineer %u\", \"url\": \"https://x.example/f%u\","
      " \"description\": \"<p>Write firmware for sensors, number %u, in C and C++.</p>\"}\n", i, i, i);
  g_assert_true (g_file_set_contents (big, lines->str, lines->len, NULL));
  files = g_list_append (NULL, big_file);
  cg_window_import_files (window, files);
  g_list_free (files);
  g_assert_true (cg_window_is_importing (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (jobs), "win.cancel-import", NULL));
  wait_import (window);
  g_assert_cmpint (cg_library_count (library, CG_LIBRARY_KIND_JOBS), ==, 5);

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
  g_unlink (small);
  g_unlink (big);
  g_rmdir (dir);
}

static void
test_search_everything (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  CgSearchPage *search = cg_window_get_search_page (window);

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  activate (GTK_WIDGET (window), "win.show-page", "faq");

  /* Ctrl+K */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  g_assert_cmpstr (cg_window_get_page (window), ==, "search");
  g_assert_nonnull (find_widget (GTK_WIDGET (search), GTK_TYPE_LABEL, "Search Everything"));

  cg_window_search (window, "optitrack");
  CG_UI_TEST_WAIT (!cg_search_page_get_busy (search));
  g_assert_cmpuint (cg_search_page_get_n_results (search), ==, 1);
  g_assert_nonnull (find_widget (GTK_WIDGET (search), GTK_TYPE_LABEL, "Postings"));

  /* Enter opens it on the Jobs page, selected */
  g_assert_true (cg_search_page_activate_first (search));
  g_assert_cmpstr (cg_window_get_page (window), ==, "jobs");
  wait_jobs_loaded (CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs")));
  /* selected once the list has it */
  CG_UI_TEST_WAIT (cg_jobs_page_get_selected (CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs"))) != NULL);
  {
    CgJob *job = cg_jobs_page_get_selected (CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs")));
    g_assert_nonnull (job);
    g_assert_cmpstr (cg_job_get_company (job), ==, "OptiTrack");
  }

  /* nothing found: says so */
  cg_window_search (window, "zzqxv");
  CG_UI_TEST_WAIT (!cg_search_page_get_busy (search));
  g_assert_cmpuint (cg_search_page_get_n_results (search), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (search), GTK_TYPE_LABEL, "No Results"));

  /* Escape goes back */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-search", NULL));
  g_assert_cmpstr (cg_window_get_page (window), ==, "jobs");

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

static void
test_preferences_and_shortcuts (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  CgLibrary *library = cg_application_get_library (app);
  GtkWidget *prefs = NULL;

  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));

  /* the style follows the preference */
  g_settings_set_string (settings, "color-scheme", "dark");
  CG_UI_TEST_WAIT (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()) ==
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_FORCE_DARK);
  g_settings_reset (settings, "color-scheme");
  CG_UI_TEST_WAIT (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()) ==
                   ADW_COLOR_SCHEME_DEFAULT);
  g_assert_cmpint (adw_style_manager_get_color_scheme (adw_style_manager_get_default ()), ==,
                   ADW_COLOR_SCHEME_DEFAULT);

  /* the preferences window opens and shows where the library is */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  CG_UI_TEST_WAIT ((prefs = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
  g_assert_nonnull (prefs);
  g_assert_nonnull (find_widget (prefs, GTK_TYPE_LABEL, cg_library_get_path (library)));
  gtk_window_destroy (GTK_WINDOW (prefs));

  /* the shortcuts window is there (Ctrl+?) */
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

/* Starts the application on a library that cannot be opened (the caller
 * has spoilt it) and opens a window: the library-error page. */
static CgWindow *
start_app_with_broken_library (CgApplication **app)
{
  CgWindow *window;

  g_test_expect_message ("cg-application", G_LOG_LEVEL_WARNING, "*Cannot open the library*");
  *app = start_app ();
  g_test_assert_expected_messages ();
  window = cg_window_new (*app);
  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  g_assert_cmpstr (cg_window_get_page (window), ==, "library-error");

  return window;
}

/* A library locked by another program: the window offers to try again,
 * not a fresh start, and trying again once the lock is gone opens it. */
static void
test_locked_library (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "career-guide", NULL);
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autoptr(CgApplication) app = NULL;
  sqlite3 *holder = NULL;
  CgWindow *window;
  GtkWidget *retry, *fresh;

  g_mkdir_with_parents (dir, 0700);
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  window = start_app_with_broken_library (&app);

  g_assert_cmpstr (cg_window_get_page (window), ==, "library-error");
  g_assert_error (cg_application_get_library_error (app), CG_DB_ERROR, CG_DB_ERROR_BUSY);
  retry = find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Try Again");
  fresh = find_widget (GTK_WIDGET (window), GTK_TYPE_BUTTON, "_Start a Fresh Library");
  /* (find_widget() finds visible widgets only) */
  g_assert_nonnull (retry);
  g_assert_null (fresh);

  /* still locked: the page stays, with the reason */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-library", NULL));
  /* (it tries at once: what was queued runs, and the page stays) */
  cg_ui_test_run_ready ();
  g_assert_cmpstr (cg_window_get_page (window), ==, "library-error");

  /* the other program lets go */
  g_assert_cmpint (sqlite3_exec (holder, "ROLLBACK;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (holder), ==, SQLITE_OK);
  g_signal_emit_by_name (retry, "clicked");
  CG_UI_TEST_WAIT (g_strcmp0 (cg_window_get_page (window), "jobs") == 0);
  g_assert_cmpstr (cg_window_get_page (window), ==, "jobs");
  g_assert_null (cg_application_get_library_error (app));
  {
    g_autoptr(GPtrArray) titles = page_titles (window, "jobs");
    g_assert_cmpuint (titles->len, ==, 3);
  }

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

static void
test_broken_library (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "career-guide", NULL);
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  const char junk[] = "not a database at all, but the user's only copy of something";
  g_autoptr(CgApplication) app = NULL;
  g_autofree char *still = NULL;
  CgWindow *window;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));

  window = start_app_with_broken_library (&app);

  /* the window opens, says why, and has changed nothing */
  g_assert_cmpstr (cg_window_get_page (window), ==, "library-error");
  g_assert_true (g_file_get_contents (path, &still, NULL, NULL));
  g_assert_cmpstr (still, ==, junk);

  /* pages cannot be reached until the user decides */
  activate (GTK_WIDGET (window), "win.show-page", "jobs");
  g_assert_cmpstr (cg_window_get_page (window), ==, "library-error");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-fresh", NULL));
  CG_UI_TEST_WAIT (g_strcmp0 (cg_window_get_page (window), "jobs") == 0);
  g_assert_cmpstr (cg_window_get_page (window), ==, "jobs");
  {
    g_autoptr(GPtrArray) titles = page_titles (window, "jobs");
    g_assert_cmpuint (titles->len, ==, 3);
  }

  /* the old file is still there, renamed */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    gboolean found = FALSE;

    while ((name = g_dir_read_name (d)) != NULL)
      if (g_str_has_prefix (name, "user.db.broken-") && !g_str_has_suffix (name, "-wal") &&
          !g_str_has_suffix (name, "-shm"))
        {
          g_autofree char *aside = g_build_filename (dir, name, NULL);
          g_autofree char *kept = NULL;

          g_assert_true (g_file_get_contents (aside, &kept, NULL, NULL));
          g_assert_cmpstr (kept, ==, junk);
          found = TRUE;
        }
    g_assert_true (found);
  }

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* isolated XDG dirs: each test has its own empty user data folder */
  system_data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS") ? g_getenv ("XDG_DATA_DIRS")
                                                          : "/usr/local/share:/usr/share");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/window/pages-show-bundled-records", test_pages_show_bundled_records);
  g_test_add_func ("/window/track-posting", test_track_posting);
  g_test_add_func ("/window/search-and-filter", test_search_and_filter);
  g_test_add_func ("/window/show-jobs-filtered", test_show_jobs_filtered);
  g_test_add_func ("/window/read-guide", test_read_guide);
  g_test_add_func ("/window/faq", test_faq);
  g_test_add_func ("/window/import-and-delete-guide", test_import_and_delete_guide);
  g_test_add_func ("/window/import", test_import);
  g_test_add_func ("/window/search-everything", test_search_everything);
  g_test_add_func ("/window/preferences-and-shortcuts", test_preferences_and_shortcuts);
  g_test_add_func ("/window/broken-library", test_broken_library);
  g_test_add_func ("/window/locked-library", test_locked_library);

  return g_test_run ();
}
