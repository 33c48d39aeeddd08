/* cg-jobs-page.c: the job list, its filters and the posting detail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a GtkListView over CgJobListModel, which selects the ids of
 * the matching postings off the main thread and reads rows a page at a
 * time, so the page stays responsive with a million postings. Every change
 * to the search text or a filter becomes a new CgJobQuery.
 */
#define G_LOG_DOMAIN "cg-jobs-page"

#include "config.h"

#include <stdio.h>

#include <math.h>

#include <glib/gi18n.h>

#include "cg-db.h"
#include "cg-job.h"
#include "cg-jobs-page-private.h"
#include "cg-library-watch.h"
#include "cg-labels.h"
#include "cg-markdown.h"
#include "cg-pay.h"
#include "cg-reader-view.h"
#include "cg-role.h"

struct _CgJobsPage
{
  GtkWidget           parent_instance;

  CgLibrary          *library;
  CgLibraryWatch     *watch;
  CgJobListModel     *model;
  GtkSingleSelection *selection;
  GListModel         *roles;

  AdwLeaflet         *leaflet;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *arrangement_dropdown;
  GtkDropDown        *type_dropdown;
  GtkDropDown        *pay_dropdown;
  GtkDropDown        *role_dropdown;
  GtkEntry           *location_entry;
  GtkToggleButton    *hide_expired_button;
  GtkDropDown        *sort_dropdown;
  GtkLabel           *count_label;
  GtkSpinner         *spinner;
  GtkRevealer        *chart_filter_revealer;
  GtkLabel           *chart_filter_label;
  GtkRevealer        *import_revealer;
  GtkLabel           *import_label;
  GtkProgressBar     *import_progress;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkButton          *empty_button;
  GtkStack           *detail_stack;
  GtkLabel           *detail_title;
  GtkLabel           *detail_company;
  GtkLabel           *detail_expired;
  GtkLabel           *detail_facts;
  GtkButton          *track_button;
  GtkButton          *open_button;
  GtkBox             *description_box;
  GtkWidget          *description_view;

  /* What a bar of a Market chart stood for (see cg_jobs_page_show_filtered());
   * shown above the list with a button that removes it */
  char               *chart_region;
  char               *chart_month;
  char               *chart_currency;
  double              chart_pay_from;
  double              chart_pay_to;

  GSettings          *settings;
  gboolean            updating_filters;
  gint64              pending_id;   /* to select once the list has it */
  guint               select_source;
};

G_DEFINE_FINAL_TYPE (CgJobsPage, cg_jobs_page, GTK_TYPE_WIDGET)

static const double min_pay_choices[] = { 0, 50000, 75000, 100000, 150000 };

static const CgJobSort sort_choices[] = {
  CG_JOB_SORT_RELEVANCE, CG_JOB_SORT_NEWEST, CG_JOB_SORT_PAY, CG_JOB_SORT_TITLE, CG_JOB_SORT_COMPANY,
};

/* The query the controls describe. */
static CgJobQuery *
build_query (CgJobsPage *self)
{
  CgJobQuery *query = cg_job_query_new ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  const char *location = gtk_editable_get_text (GTK_EDITABLE (self->location_entry));
  guint arrangement = gtk_drop_down_get_selected (self->arrangement_dropdown);
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  guint pay = gtk_drop_down_get_selected (self->pay_dropdown);
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);

  query->text = *text ? g_strdup (text) : NULL;
  query->location = *location ? g_strdup (g_strstrip (g_strdup (location))) : NULL;
  if (arrangement >= 1 && arrangement <= 3)
    query->arrangements = 1u << (arrangement - 1);
  if (type >= 1 && type - 1 < g_strv_length ((char **) cg_employment_types))
    query->employment_type = g_strdup (cg_employment_types[type - 1]);
  if (pay < G_N_ELEMENTS (min_pay_choices))
    query->min_annual_pay = min_pay_choices[pay];
  if (role >= 1 && self->roles != NULL && role - 1 < g_list_model_get_n_items (self->roles))
    {
      g_autoptr(CgRole) r = g_list_model_get_item (self->roles, role - 1);
      query->role = g_strdup (cg_role_get_slug (r));
    }
  query->hide_expired = gtk_toggle_button_get_active (self->hide_expired_button);
  query->sort = sort < G_N_ELEMENTS (sort_choices) ? sort_choices[sort] : CG_JOB_SORT_RELEVANCE;
  query->region = g_strdup (self->chart_region);
  query->posted_month = g_strdup (self->chart_month);
  query->pay_currency = g_strdup (self->chart_currency);
  query->pay_from = self->chart_pay_from;
  query->pay_to = self->chart_pay_to;

  return query;
}

static gboolean
query_is_filtered (const CgJobQuery *q)
{
  return q->text != NULL || q->location != NULL || q->arrangements != 0 ||
         q->employment_type != NULL || q->min_annual_pay > 0 || q->role != NULL || q->hide_expired ||
         q->region != NULL || q->posted_month != NULL || q->pay_to > 0;
}

static const char *sort_names[] = { "relevance", "newest", "pay", "title", "company" };

static void
query_changed_cb (CgJobsPage *self)
{
  g_autoptr(CgJobQuery) query = NULL;
  guint sort;

  if (self->model == NULL || self->updating_filters)
    return;

  /* the sort and "hide expired" are kept for the next start */
  sort = gtk_drop_down_get_selected (self->sort_dropdown);
  if (sort < G_N_ELEMENTS (sort_names))
    g_settings_set_string (self->settings, "jobs-sort", sort_names[sort]);
  g_settings_set_boolean (self->settings, "jobs-hide-expired",
                          gtk_toggle_button_get_active (self->hide_expired_button));

  query = build_query (self);
  cg_job_list_model_set_query (self->model, query);
}

static void
update_status (CgJobsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean loading = cg_job_list_model_get_loading (self->model);
  const GError *error = cg_job_list_model_get_error (self->model);
  g_autofree char *number = cg_format_number (n);
  g_autofree char *count = g_strdup_printf (ngettext ("%s posting", "%s postings", n), number);

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_label_set_label (self->count_label, count);

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (loading)
    return;

  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  if (error != NULL)
    {
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
      adw_status_page_set_title (self->empty_page, _("Postings Cannot Be Shown"));
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), FALSE);
    }
  else if (query_is_filtered (cg_job_list_model_get_query (self->model)))
    {
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Matching Postings"));
      adw_status_page_set_description (self->empty_page,
                                       _("Try other words, or fewer filters."));
      gtk_button_set_label (self->empty_button, _("_Clear Filters"));
      gtk_button_set_use_underline (self->empty_button, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), "jobs.clear-filters");
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "emblem-documents-symbolic");
      adw_status_page_set_title (self->empty_page, _("No Postings"));
      adw_status_page_set_description (self->empty_page,
                                       _("Import postings saved from a job board: JSON-LD, "
                                         "JSON Lines, a saved web page or CSV."));
      gtk_button_set_label (self->empty_button, _("_Import Postings…"));
      gtk_button_set_use_underline (self->empty_button, TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->empty_button), "win.import-postings");
      gtk_widget_set_visible (GTK_WIDGET (self->empty_button), TRUE);
    }
}

static void
reader_open_link_cb (CgJobsPage *self,
                     const char *uri)
{
  /* guide:, role: and job: links go to the page that shows them */
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-link", "s", uri);
}

/* The description goes through the same Markdown pipeline as the guides.
 * The reader (and so WebKit) is made the first time a posting is shown. */
static void
set_description (CgJobsPage *self,
                 CgJob      *job)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *markdown = cg_job_read_description (job, cg_library_get_db (self->library), &error);
  g_autoptr(CgMarkdown) md = NULL;
  g_autofree char *body = NULL;
  g_autofree char *page = NULL;

  if (self->description_view == NULL)
    {
      self->description_view = cg_reader_view_new ();
      g_signal_connect_object (self->description_view, "open-link",
                               G_CALLBACK (reader_open_link_cb), self, G_CONNECT_SWAPPED);
      gtk_box_append (self->description_box, self->description_view);
    }

  if (error != NULL)
    body = g_markup_printf_escaped ("<p><em>%s</em></p>", error->message);
  else if (markdown == NULL || *markdown == '\0')
    body = g_markup_printf_escaped ("<p><em>%s</em></p>", _("This posting has no description."));
  else
    {
      md = cg_markdown_render (markdown, -1, NULL, NULL, NULL);
      body = g_strdup (cg_markdown_get_html (md));
    }

  page = cg_markdown_page (cg_job_get_title (job), body, NULL);
  cg_reader_view_load_page (CG_READER_VIEW (self->description_view), page,
                            CG_READER_SCHEME ":///job/");
}

static void
show_job (CgJobsPage *self,
          CgJob      *job)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *pay = NULL;
  g_autofree char *posted = NULL;
  const char *url;

  if (job == NULL)
    {
      gtk_stack_set_visible_child_name (self->detail_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.open-posting", FALSE);
      return;
    }

  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  gtk_label_set_label (self->detail_title, cg_job_get_title (job));
  gtk_label_set_label (self->detail_company, cg_job_get_company (job) ? cg_job_get_company (job)
                                                                     : _("Company not given"));
  gtk_widget_set_visible (GTK_WIDGET (self->detail_expired), cg_job_is_expired (job, now));

  /* one fact a line, as "Label: value" */
  if (cg_job_get_locations (job) != NULL)
    {
      g_auto(GStrv) locations = g_strsplit (cg_job_get_locations (job), "\n", -1);
      g_autofree char *joined = g_strjoinv ("; ", locations);
      g_string_append_printf (facts, ngettext ("Location: %s", "Locations: %s",
                                               g_strv_length (locations)), joined);
    }
  if (cg_arrangement_label (cg_job_get_arrangement (job)) != NULL)
    g_string_append_printf (facts, "%s%s", facts->len ? "\n" : "",
                            cg_arrangement_label (cg_job_get_arrangement (job)));
  if (cg_job_get_employment_type (job) != NULL)
    g_string_append_printf (facts, "%s%s", facts->len ? "\n" : "",
                            cg_employment_type_label (cg_job_get_employment_type (job)));
  pay = cg_job_dup_pay_text (job);
  if (pay != NULL)
    g_string_append_printf (facts, "%s%s %s", facts->len ? "\n" : "", _("Pay:"), pay);
  posted = cg_relative_date (cg_job_get_date_posted (job), now);
  if (posted != NULL)
    g_string_append_printf (facts, "%s%s %s (%s)", facts->len ? "\n" : "", _("Posted:"), posted,
                            cg_job_get_date_posted (job));
  if (cg_job_get_valid_through (job) != NULL)
    g_string_append_printf (facts, "%s%s %s", facts->len ? "\n" : "", _("Closes:"),
                            cg_job_get_valid_through (job));
  if (cg_job_get_category (job) != NULL)
    g_string_append_printf (facts, "%s%s %s", facts->len ? "\n" : "", _("Category:"),
                            cg_job_get_category (job));
  gtk_label_set_label (self->detail_facts, facts->str);

  /* the target first: the action takes the posting's key */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->track_button), "s", cg_job_get_key (job));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->track_button), "win.track-job");
  url = cg_job_get_url (job);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "jobs.open-posting",
                                 url != NULL && (g_str_has_prefix (url, "https://") ||
                                                 g_str_has_prefix (url, "http://")));

  set_description (self, job);
}

CgJob *
cg_jobs_page_get_selected (CgJobsPage *self)
{
  g_return_val_if_fail (CG_IS_JOBS_PAGE (self), NULL);

  if (self->selection == NULL)
    return NULL;

  return gtk_single_selection_get_selected_item (self->selection);
}

static void
selection_changed_cb (CgJobsPage *self)
{
  show_job (self, cg_jobs_page_get_selected (self));
}

static void
select_pending (CgJobsPage *self)
{
  int position;

  if (self->pending_id == 0 || cg_job_list_model_get_loading (self->model))
    return;

  position = cg_job_list_model_find (self->model, self->pending_id);
  self->pending_id = 0;
  if (position < 0)
    return;

  gtk_single_selection_set_selected (self->selection, (guint) position);
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", (guint) position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
select_pending_idle_cb (gpointer user_data)
{
  CgJobsPage *self = user_data;

  self->select_source = 0;
  select_pending (self);
  return G_SOURCE_REMOVE;
}

static void
items_changed_cb (CgJobsPage *self)
{
  update_status (self);
  /* Not from inside the model's items-changed: the list view may not have
   * seen the change yet, and scrolling it to a row it does not have aborts */
  if (self->pending_id != 0 && self->select_source == 0)
    self->select_source = g_idle_add_full (G_PRIORITY_DEFAULT, select_pending_idle_cb, self, NULL);
}

static void
list_activate_cb (CgJobsPage *self,
                  guint       position)
{
  gtk_single_selection_set_selected (self->selection, position);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
back_clicked_cb (CgJobsPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
import_cancel_cb (CgJobsPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.cancel-import", NULL);
}

/* List rows: title, then company · location · arrangement · pay · type ·
 * posted, and an Expired badge. */
static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);
  GtkWidget *badge = gtk_label_new (_("Expired"));

  gtk_widget_set_hexpand (text, TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (badge, "error");
  gtk_widget_add_css_class (badge, "caption-heading");
  gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (text), title);
  gtk_box_append (GTK_BOX (text), subtitle);
  gtk_box_append (GTK_BOX (box), text);
  gtk_box_append (GTK_BOX (box), badge);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  CgJob *job = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *text = gtk_widget_get_first_child (box);
  GtkWidget *title = gtk_widget_get_first_child (text);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  GtkWidget *badge = gtk_widget_get_next_sibling (text);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GString) line = g_string_new (NULL);
  g_autofree char *pay = NULL;
  g_autofree char *posted = NULL;
  g_autofree char *location = NULL;
  const char *parts[7];
  guint n = 0;
  guint n_locations = 0;

  if (job == NULL)
    return;

  location = cg_job_dup_first_location (job);
  if (cg_job_get_locations (job) != NULL)
    {
      const char *p = cg_job_get_locations (job);
      n_locations = 1;
      for (; *p; p++)
        n_locations += *p == '\n';
    }
  if (n_locations > 1)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%s (+%u more)", "%s (+%u more)",
                                                         n_locations - 1),
                                               location, n_locations - 1);
      g_free (location);
      location = g_steal_pointer (&more);
    }
  pay = cg_job_dup_pay_text (job);
  posted = cg_relative_date (cg_job_get_date_posted (job), now);

  parts[n++] = cg_job_get_company (job);
  parts[n++] = location;
  parts[n++] = cg_arrangement_label (cg_job_get_arrangement (job));
  parts[n++] = pay;
  parts[n++] = cg_job_get_employment_type (job) ? cg_employment_type_label (cg_job_get_employment_type (job)) : NULL;
  parts[n++] = posted;
  for (guint i = 0; i < n; i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (line, "%s%s", line->len ? " · " : "", parts[i]);

  gtk_label_set_label (GTK_LABEL (title), cg_job_get_title (job));
  gtk_label_set_label (GTK_LABEL (subtitle), line->str);
  gtk_widget_set_visible (badge, cg_job_is_expired (job, now));
}

static void
open_posting_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CgJobsPage *self = CG_JOBS_PAGE (widget);
  CgJob *job = cg_jobs_page_get_selected (self);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (job == NULL || cg_job_get_url (job) == NULL)
    return;

  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, cg_job_get_url (job),
                GDK_CURRENT_TIME);
}

/* The filters that only a chart's bar sets (region, month, pay range), and
 * the line above the list that says so. */
static void
set_chart_filter (CgJobsPage *self,
                  const char *region,
                  const char *month,
                  const char *currency,
                  double      pay_from,
                  double      pay_to)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *joined = NULL;
  g_autofree char *text = NULL;

  g_free (self->chart_region);
  self->chart_region = region != NULL && *region != '\0' ? g_strdup (region) : NULL;
  g_free (self->chart_month);
  self->chart_month = month != NULL && *month != '\0' ? g_strdup (month) : NULL;
  g_free (self->chart_currency);
  self->chart_currency = pay_to > 0 ? g_strdup (currency != NULL ? currency : "") : NULL;
  self->chart_pay_from = pay_to > 0 ? pay_from : 0;
  self->chart_pay_to = pay_to > 0 ? pay_to : 0;

  if (self->chart_region != NULL)
    /* Translators: a filter of the job list, e.g. "in FL" */
    g_ptr_array_add (parts, g_strdup_printf (_("in %s"), self->chart_region));
  if (self->chart_month != NULL)
    {
      g_autoptr(GDateTime) date = NULL;
      g_autofree char *name = NULL;
      int year = 0, mon = 0;

      if (sscanf (self->chart_month, "%4d-%2d", &year, &mon) == 2 && mon >= 1 && mon <= 12)
        date = g_date_time_new_utc (year, mon, 1, 0, 0, 0);
      if (date != NULL)
        /* Translators: a month and year, see strftime(3); %OB is the month's name standing alone */
        name = g_date_time_format (date, C_("month", "%OB %Y"));
      /* Translators: a filter of the job list, e.g. "posted in May 2026" */
      g_ptr_array_add (parts, g_strdup_printf (_("posted in %s"), name != NULL ? name : self->chart_month));
    }
  if (self->chart_pay_to > 0)
    {
      CgPay pay = { 0 };
      g_autofree char *range = NULL;

      pay.min = self->chart_pay_from;
      pay.max = self->chart_pay_to;
      pay.has_min = pay.has_max = TRUE;
      pay.unit = CG_PAY_UNIT_YEAR;
      g_strlcpy (pay.currency, *self->chart_currency != '\0' ? self->chart_currency : "USD",
                 sizeof pay.currency);
      range = cg_pay_format (&pay);
      /* Translators: a filter of the job list, e.g. "paying $100K - $120K a year" */
      g_ptr_array_add (parts, g_strdup_printf (_("paying %s"), range));
    }

  if (parts->len > 0)
    {
      g_ptr_array_add (parts, NULL);
      joined = g_strjoinv (", ", (char **) parts->pdata);
      /* Translators: %s lists filters set from a chart, e.g. "in FL, posted in May 2026" */
      text = g_strdup_printf (_("Open postings %s"), joined);
      gtk_label_set_label (self->chart_filter_label, text);
    }
  gtk_revealer_set_reveal_child (self->chart_filter_revealer, parts->len > 0);
}

static void
clear_filters_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgJobsPage *self = CG_JOBS_PAGE (widget);

  self->updating_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), "");
  gtk_drop_down_set_selected (self->arrangement_dropdown, 0);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  gtk_drop_down_set_selected (self->pay_dropdown, 0);
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  gtk_toggle_button_set_active (self->hide_expired_button, FALSE);
  set_chart_filter (self, NULL, NULL, NULL, 0, 0);
  self->updating_filters = FALSE;
  query_changed_cb (self);
}

static void
clear_chart_filter_action_cb (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CgJobsPage *self = CG_JOBS_PAGE (widget);

  set_chart_filter (self, NULL, NULL, NULL, 0, 0);
  query_changed_cb (self);
}

static void
cg_jobs_page_dispose (GObject *object)
{
  CgJobsPage *self = CG_JOBS_PAGE (object);

  g_clear_object (&self->watch);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_JOBS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->roles);
  g_clear_handle_id (&self->select_source, g_source_remove);
  g_clear_object (&self->library);
  g_clear_pointer (&self->chart_region, g_free);
  g_clear_pointer (&self->chart_month, g_free);
  g_clear_pointer (&self->chart_currency, g_free);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cg_jobs_page_parent_class)->dispose (object);
}

static void
cg_jobs_page_class_init (CgJobsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_jobs_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-jobs-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, arrangement_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, pay_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, chart_filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, chart_filter_label);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, location_entry);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, hide_expired_button);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, import_label);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, detail_company);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, detail_expired);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, detail_facts);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, track_button);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, CgJobsPage, description_box);
  gtk_widget_class_bind_template_callback (widget_class, query_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_cancel_cb);

  gtk_widget_class_install_action (widget_class, "jobs.open-posting", NULL, open_posting_action_cb);
  gtk_widget_class_install_action (widget_class, "jobs.clear-filters", NULL, clear_filters_action_cb);
  gtk_widget_class_install_action (widget_class, "jobs.clear-chart-filter", NULL,
                                   clear_chart_filter_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_jobs_page_init (CgJobsPage *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  {
    g_autofree char *sort = g_settings_get_string (self->settings, "jobs-sort");
    g_autofree char *region = g_settings_get_string (self->settings, "default-region");

    self->updating_filters = TRUE;
    for (guint i = 0; i < G_N_ELEMENTS (sort_names); i++)
      if (g_str_equal (sort, sort_names[i]))
        gtk_drop_down_set_selected (self->sort_dropdown, i);
    gtk_toggle_button_set_active (self->hide_expired_button,
                                  g_settings_get_boolean (self->settings, "jobs-hide-expired"));
    gtk_editable_set_text (GTK_EDITABLE (self->location_entry), region);
    self->updating_filters = FALSE;
  }

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  show_job (self, NULL);
}

GtkWidget *
cg_jobs_page_new (void)
{
  return g_object_new (CG_TYPE_JOBS_PAGE, NULL);
}

static char *
role_name (CgRole *role)
{
  return g_strdup (cg_role_get_name (role));
}

/* Connects the page to @library and runs the first query. */
void
cg_jobs_page_set_library (CgJobsPage *self,
                          CgLibrary  *library)
{
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);

  g_return_if_fail (CG_IS_JOBS_PAGE (self));
  g_return_if_fail (CG_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_clear_object (&self->watch);
  if (library != NULL)
    self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                        CG_LIBRARY_CHANGE_JOBS,
                                        (CgLibraryWatchFunc) cg_jobs_page_reload);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->roles);

  self->roles = cg_library_list (library, CG_LIBRARY_KIND_ROLES, NULL);
  gtk_string_list_append (role_names, _("Any role"));
  for (guint i = 0; self->roles != NULL && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);
      g_autofree char *name = role_name (role);
      gtk_string_list_append (role_names, name);
    }
  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (role_names));
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  self->updating_filters = FALSE;

  self->model = cg_job_list_model_new (library);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading", G_CALLBACK (update_status), self,
                           G_CONNECT_SWAPPED);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  /* nothing selected at first: the detail (and WebKit) waits for the user */
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  query_changed_cb (self);
}

CgJobListModel *
cg_jobs_page_get_model (CgJobsPage *self)
{
  g_return_val_if_fail (CG_IS_JOBS_PAGE (self), NULL);

  return self->model;
}

/* Runs the query again, after an import. */
void
cg_jobs_page_reload (CgJobsPage *self)
{
  g_return_if_fail (CG_IS_JOBS_PAGE (self));

  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  if (self->model != NULL)
    cg_job_list_model_reload (self->model);
}

/* Shows the postings of one role (NULL: all), as the Compare page asks. */
void
cg_jobs_page_set_role (CgJobsPage *self,
                       const char *role)
{
  guint selected = 0;

  g_return_if_fail (CG_IS_JOBS_PAGE (self));

  for (guint i = 0; role != NULL && self->roles && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) r = g_list_model_get_item (self->roles, i);
      if (g_strcmp0 (cg_role_get_slug (r), role) == 0)
        selected = i + 1;
    }

  gtk_drop_down_set_selected (self->role_dropdown, selected);
}

/* Shows the posting with stable key @key: all filters cleared, the posting
 * selected and its detail open. FALSE if there is no such posting. */
gboolean
cg_jobs_page_show_key (CgJobsPage *self,
                       const char *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_JOBS_PAGE (self), FALSE);

  if (self->library == NULL)
    return FALSE;

  /* a lookup by the unique key's index, not a scan */
  stmt = cg_db_prepare (cg_library_get_db (self->library), "SELECT id FROM jobs WHERE key = ?", NULL);
  if (stmt == NULL)
    return FALSE;
  cg_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;

  self->pending_id = sqlite3_column_int64 (stmt, 0);
  gtk_widget_activate_action (GTK_WIDGET (self), "jobs.clear-filters", NULL);
  select_pending (self);
  return TRUE;
}

/**
 * cg_jobs_page_show_filtered:
 * @filter: an a{ss} dictionary: "role", "arrangement", "employment_type",
 *   "location", "region", "posted_month" (YYYY-MM), "min_pay" and "max_pay"
 *   (annual, with "currency"); any may be missing
 *
 * Shows the open postings a chart's bar stands for: every other filter and
 * the search are cleared.
 */
void
cg_jobs_page_show_filtered (CgJobsPage *self,
                            GVariant   *filter)
{
  static const char *arrangements[] = { "onsite", "hybrid", "remote" };
  const char *role = NULL, *arrangement = NULL, *employment_type = NULL, *location = NULL;
  const char *region = NULL, *month = NULL, *currency = NULL, *min_pay = NULL, *max_pay = NULL;
  double pay_from = 0, pay_to = 0;

  g_return_if_fail (CG_IS_JOBS_PAGE (self));
  g_return_if_fail (g_variant_is_of_type (filter, G_VARIANT_TYPE ("a{ss}")));

  g_variant_lookup (filter, "role", "&s", &role);
  g_variant_lookup (filter, "arrangement", "&s", &arrangement);
  g_variant_lookup (filter, "employment_type", "&s", &employment_type);
  g_variant_lookup (filter, "location", "&s", &location);
  g_variant_lookup (filter, "region", "&s", &region);
  g_variant_lookup (filter, "posted_month", "&s", &month);
  g_variant_lookup (filter, "currency", "&s", &currency);
  if (g_variant_lookup (filter, "min_pay", "&s", &min_pay) &&
      g_variant_lookup (filter, "max_pay", "&s", &max_pay))
    {
      pay_from = g_ascii_strtod (min_pay, NULL);
      pay_to = g_ascii_strtod (max_pay, NULL);
      if (!(pay_to >= pay_from && pay_to > 0))
        pay_from = pay_to = 0;
    }

  self->updating_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->location_entry), location ? location : "");
  gtk_drop_down_set_selected (self->arrangement_dropdown, 0);
  for (guint i = 0; arrangement != NULL && i < G_N_ELEMENTS (arrangements); i++)
    if (g_str_equal (arrangement, arrangements[i]))
      gtk_drop_down_set_selected (self->arrangement_dropdown, i + 1);
  gtk_drop_down_set_selected (self->type_dropdown, 0);
  for (guint i = 0; employment_type != NULL && cg_employment_types[i] != NULL; i++)
    if (g_str_equal (employment_type, cg_employment_types[i]))
      gtk_drop_down_set_selected (self->type_dropdown, i + 1);
  gtk_drop_down_set_selected (self->pay_dropdown, 0);
  /* the charts count open postings */
  gtk_toggle_button_set_active (self->hide_expired_button, TRUE);
  set_chart_filter (self, region, month, currency, pay_from, pay_to);
  self->updating_filters = FALSE;

  /* the role dropdown runs the query */
  cg_jobs_page_set_role (self, role);
  query_changed_cb (self);
}

void
cg_jobs_page_focus_search (CgJobsPage *self)
{
  g_return_if_fail (CG_IS_JOBS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
cg_jobs_page_select (CgJobsPage *self,
                     guint       position)
{
  g_return_if_fail (CG_IS_JOBS_PAGE (self));

  if (self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, position);
}

/* The import bar above the list: @label and @fraction (0 to 1), or hidden
 * when @label is NULL. */
void
cg_jobs_page_set_import_progress (CgJobsPage *self,
                                  const char *label,
                                  double      fraction)
{
  g_return_if_fail (CG_IS_JOBS_PAGE (self));

  gtk_revealer_set_reveal_child (self->import_revealer, label != NULL);
  if (label != NULL)
    {
      gtk_label_set_label (self->import_label, label);
      gtk_progress_bar_set_fraction (self->import_progress, CLAMP (fraction, 0, 1));
    }
}
