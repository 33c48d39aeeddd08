/* test-market.c: the Market page in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library with the bundled content (its published figures, and three
 * postings: MLOps in Miami, ML engineer in Orlando, an expired ML data
 * engineer) and the postings below, of known values. The page computes
 * its figures on a worker thread; the test picks a role and a region with
 * the drop-downs, as a user does, and reads the published and live
 * figures from the grid and from the charts' accessible descriptions,
 * which list every value. A bar activated opens the Jobs page through
 * win.show-jobs, recorded here.
 *
 * With CG_SCREENSHOT_DIR set, the page is also saved as PNG there, wide
 * (1100 px) and narrow (400 px).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-chart-card-private.h"
#include "cg-db.h"
#include "cg-job-record.h"
#include "cg-market-page-private.h"
#include "cg-ui-test-utils.h"

typedef struct {
  char         *dir;
  CgLibrary    *library;
  GtkWindow    *window;
  CgMarketPage *page;
  GPtrArray    *activated;   /* GVariant a{ss}, the parameters of win.show-jobs */
} Fixture;

/* embedded-ml-engineer, open:
 *   Miami, FL    onsite  full_time  $100K-$120K  mid 110K
 *   Miami, FL    onsite  full_time  $90K-$110K   mid 100K
 *   Tampa, FL    onsite  part_time  $40 an hour  = 83.2K a year
 *   Orlando, FL  remote  full_time  $130K-$150K  mid 140K
 *   Austin, TX   hybrid  temporary  $80K-$100K   mid 90K
 * embedded-ml-engineer, expired: Jacksonville, FL (April)
 * firmware-engineer: Tampa, FL  remote  full_time  $95K-$105K  mid 100K
 *
 * So embedded ML engineers in FL: 4 open postings; full time 3 (75%),
 * part time 1 (25%); on-site 3 (75%), remote 1 (25%); pay midpoints
 * 83.2K, 100K, 110K, 140K: median 105K, quartiles 95.8K and 117.5K. */
static const struct {
  const char *title;
  const char *role;
  const char *location;
  const char *region;
  const char *arrangement;
  const char *type;
  double      min, max;
  CgPayUnit   unit;
  const char *posted;
  gboolean    expired;
} postings[] = {
  { "Edge ML Engineer", "embedded-ml-engineer", "Miami, FL", "FL", "onsite", "full_time",
    100000, 120000, CG_PAY_UNIT_YEAR, "2026-05-14", FALSE },
  { "TinyML Engineer", "embedded-ml-engineer", "Miami, FL", "FL", "onsite", "full_time",
    90000, 110000, CG_PAY_UNIT_YEAR, "2026-05-10", FALSE },
  { "Embedded ML Intern", "embedded-ml-engineer", "Tampa, FL", "FL", "onsite", "part_time",
    40, 40, CG_PAY_UNIT_HOUR, "2026-05-03", FALSE },
  { "Senior Embedded ML Engineer", "embedded-ml-engineer", "Orlando, FL", "FL", "remote", "full_time",
    130000, 150000, CG_PAY_UNIT_YEAR, "2026-05-20", FALSE },
  { "ML Firmware Contractor", "embedded-ml-engineer", "Austin, TX", "TX", "hybrid", "temporary",
    80000, 100000, CG_PAY_UNIT_YEAR, "2026-05-18", FALSE },
  { "Edge AI Engineer", "embedded-ml-engineer", "Jacksonville, FL", "FL", "onsite", "full_time",
    100000, 100000, CG_PAY_UNIT_YEAR, "2026-04-20", TRUE },
  { "Firmware Engineer II", "firmware-engineer", "Tampa, FL", "FL", "remote", "full_time",
    95000, 105000, CG_PAY_UNIT_YEAR, "2026-05-15", FALSE },
};

/* Waits for the figures the page is computing (it starts at once), and
 * for the frame that lays out what they fill in. */
static void
wait_figures (CgMarketPage *page)
{
  CG_UI_TEST_WAIT (!cg_market_page_get_busy (page));
  g_assert_null (cg_market_page_get_error (page));
  cg_ui_test_wait_frame (GTK_WIDGET (page));
}

static void
insert_postings (sqlite3 *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgJobWriter) writer = cg_job_writer_new (db, "user", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (postings); i++)
    {
      g_autoptr(CgJobRecord) r = cg_job_record_new ();

      r->title = g_strdup (postings[i].title);
      r->company = g_strdup ("Acme");
      r->role = g_strdup (postings[i].role);
      r->region = g_strdup (postings[i].region);
      g_ptr_array_add (r->locations, g_strdup (postings[i].location));
      r->arrangement = g_strdup (postings[i].arrangement);
      r->employment_type = g_strdup (postings[i].type);
      r->has_pay = TRUE;
      r->pay.min = postings[i].min;
      r->pay.max = postings[i].max;
      r->pay.has_min = r->pay.has_max = TRUE;
      r->pay.unit = postings[i].unit;
      g_strlcpy (r->pay.currency, "USD", sizeof r->pay.currency);
      r->date_posted = g_strdup (postings[i].posted);
      r->expired = postings[i].expired;
      cg_job_record_compute_key (r);
      g_assert_true (cg_job_writer_write (writer, r, &error));
      g_assert_no_error (error);
    }
}

static void
show_jobs_cb (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->activated, g_variant_ref (parameter));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "show-jobs", show_jobs_cb, "a{ss}" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cg-test-market-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "user.db", NULL);
  f->library = cg_library_new (path, content);
  g_assert_true (cg_library_open (f->library, &error));
  g_assert_no_error (error);
  insert_postings (cg_library_get_db (f->library));

  /* the window's action the page uses, recorded */
  f->activated = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, 1100, 800);
  f->page = CG_MARKET_PAGE (cg_market_page_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  cg_ui_test_wait_drawn (GTK_WIDGET (f->window));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* the page's tasks hold it until they are done: gone, it reads no more
   * from the folder removed below */
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_destroy (f->window);
  CG_UI_TEST_WAIT (f->page == NULL);
  g_clear_object (&f->library);
  g_ptr_array_unref (f->activated);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* The labels of the row of @category in the published grid under the
 * heading @dimension ("Employment type"), joined with "|":
 * "Full time|88%|75%|3". */
static char *
grid_row (CgMarketPage *page,
          const char   *dimension,
          const char   *category)
{
  GtkWidget *box = cg_market_page_get_published_box (page);
  GtkWidget *heading = cg_ui_test_find_label (box, dimension);
  GtkWidget *grid, *label;
  GString *row = g_string_new (category);
  int top = -1;

  g_assert_nonnull (heading);
  grid = gtk_widget_get_next_sibling (heading);
  g_assert_true (GTK_IS_GRID (grid));
  for (int r = 1; r < 20 && top < 0; r++)
    {
      label = gtk_grid_get_child_at (GTK_GRID (grid), 0, r);
      if (label != NULL && g_strcmp0 (gtk_label_get_label (GTK_LABEL (label)), category) == 0)
        top = r;
    }
  if (top < 0)
    return g_string_free (row, TRUE);

  for (int c = 1; c <= 3; c++)
    {
      label = gtk_grid_get_child_at (GTK_GRID (grid), c, top);
      g_string_append_printf (row, "|%s", gtk_label_get_label (GTK_LABEL (label)));
    }
  return g_string_free (row, FALSE);
}

#define assert_grid_row(page, dimension, category, expected) \
  G_STMT_START { \
    g_autofree char *row_ = grid_row ((page), (dimension), (category)); \
    g_assert_cmpstr (row_, ==, (expected)); \
  } G_STMT_END

static CgChart *
chart (Fixture    *f,
       const char *name)
{
  CgChartCard *card = cg_market_page_get_card (f->page, name);

  g_assert_nonnull (card);
  return cg_chart_card_get_chart (card);
}

#define assert_description(f, name, expected) \
  G_STMT_START { \
    g_autofree char *text_ = cg_chart_dup_description (chart ((f), (name))); \
    g_assert_cmpstr (text_, ==, (expected)); \
  } G_STMT_END

/* Picks the item reading @text in @dropdown, as a user does. */
static void
pick (GtkDropDown *dropdown,
      const char  *text)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }

  g_error ("no “%s” to pick", text);
}

static const char *
picked (GtkDropDown *dropdown)
{
  return gtk_string_list_get_string (GTK_STRING_LIST (gtk_drop_down_get_model (dropdown)),
                                     gtk_drop_down_get_selected (dropdown));
}

static void
save_screenshot (Fixture    *f,
                 const char *name)
{
  const char *dir = g_getenv ("CG_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width, height;

  if (dir == NULL)
    return;

  cg_ui_test_wait_frame (GTK_WIDGET (f->window));
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  height = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s (%d × %d)", path, width, height);
}

/* Scrolls the page so that @widget is at the top. */
static void
scroll_to (Fixture   *f,
           GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (widget, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 12);
  cg_ui_test_wait_frame (widget);
}

static void
test_published_and_live (Fixture       *f,
                         gconstpointer  data)
{
  GtkDropDown *roles = cg_market_page_get_role_dropdown (f->page);
  GtkDropDown *regions = cg_market_page_get_region_dropdown (f->page);
  GListModel *model;

  cg_market_page_set_library (f->page, f->library);
  g_assert_true (cg_market_page_get_busy (f->page));
  wait_figures (f->page);

  /* all roles, all regions at first; every published figure is shown */
  g_assert_null (cg_market_page_get_role (f->page));
  g_assert_null (cg_market_page_get_region (f->page));
  g_assert_cmpstr (picked (roles), ==, "All roles");
  g_assert_cmpstr (picked (regions), ==, "All regions");
  assert_grid_row (f->page, "Employment type", "Full time", "Full time|88%|75%|6");
  assert_grid_row (f->page, "Work arrangement", "On-site", "On-site|84%|50%|4");

  /* the regions of the postings; "Florida" of the figures is FL */
  model = gtk_drop_down_get_model (regions);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "FL");
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 2), ==, "TX");
  /* every role is offered */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (roles)), ==, 13);

  /* embedded ML engineers in FL: the published figures exactly */
  pick (roles, "Embedded Machine Learning Engineer");
  g_assert_true (cg_market_page_get_busy (f->page));
  wait_figures (f->page);
  g_assert_cmpstr (cg_market_page_get_role (f->page), ==, "embedded-ml-engineer");
  pick (regions, "FL");
  wait_figures (f->page);
  g_assert_cmpstr (cg_market_page_get_region (f->page), ==, "FL");

  /* the grid: published, live share, live count */
  g_assert_nonnull (cg_ui_test_find_label (GTK_WIDGET (f->page), "Published figures"));
  assert_grid_row (f->page, "Employment type", "Full time", "Full time|88%|75%|3");
  assert_grid_row (f->page, "Employment type", "Part time", "Part time|8%|25%|1");
  assert_grid_row (f->page, "Employment type", "Temporary", "Temporary|4%|0%|0");
  assert_grid_row (f->page, "Work arrangement", "On-site", "On-site|84%|75%|3");
  assert_grid_row (f->page, "Work arrangement", "Hybrid", "Hybrid|5%|0%|0");
  assert_grid_row (f->page, "Work arrangement", "Remote", "Remote|11%|25%|1");
  {
    GtkWidget *box = cg_market_page_get_published_box (f->page);
    const char *source = "Florida · May 2026 · Source: Published job-board figures for embedded "
                         "machine learning engineer openings in Florida, May 2026";

    g_assert_nonnull (cg_ui_test_find_label (box, source));
    g_assert_nonnull (cg_ui_test_find_label (box, "Live: 4 open postings that state their employment type"));
    g_assert_nonnull (cg_ui_test_find_label (box, "Live: 4 open postings that state their work arrangement"));
  }

  /* the charts: published and live side by side */
  assert_description (f, CG_MARKET_CARD_EMPLOYMENT_TYPE,
                      "Employment type: Full time 88% (Published), 75% (Live); "
                      "Part time 8% (Published), 25% (Live); Temporary 4% (Published), 0% (Live).");
  assert_description (f, CG_MARKET_CARD_ARRANGEMENT,
                      "Work arrangement: On-site 84% (Published), 75% (Live); "
                      "Hybrid 5% (Published), 0% (Live); Remote 11% (Published), 25% (Live).");
  g_assert_cmpstr (cg_chart_card_get_subtitle (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT)),
                   ==, "Published: Florida · May 2026 · Live: 4 postings");
  g_assert_cmpstr (cg_chart_card_get_subtitle (cg_market_page_get_card (f->page, CG_MARKET_CARD_PAY)),
                   ==, "Median $105K · from 4 postings with pay in USD");
  {
    g_autofree char *text = cg_chart_dup_description (chart (f, CG_MARKET_CARD_PAY));

    g_assert_nonnull (strstr (text, "Median $105K; the middle half from $95.8K to $117.5K."));
    g_assert_true (g_str_has_prefix (text, "Pay (a year): $83.2K – $88.9K 1 posting; "));
  }
  assert_description (f, CG_MARKET_CARD_LOCATIONS,
                      "Top locations: Miami, FL 2 postings; Orlando, FL 1 posting; Tampa, FL 1 posting.");
  /* by the date posted, the expired posting included */
  assert_description (f, CG_MARKET_CARD_MONTHS,
                      "Postings by month: Apr 2026 1 posting; May 2026 4 postings.");
  /* every role in FL with pay, highest median first; the expired one left out */
  assert_description (f, CG_MARKET_CARD_PAY_BY_ROLE,
                      "Pay by role: Machine Learning Engineer $132.5K; "
                      "Embedded Machine Learning Engineer $105K; Firmware Engineer $100K; "
                      "MLOps Engineer $78.2K.");
  save_screenshot (f, "market-wide.png");
  if (g_getenv ("CG_SCREENSHOT_DIR") != NULL)
    {
      scroll_to (f, GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE)));
      save_screenshot (f, "market-wide-charts.png");
      scroll_to (f, GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_LOCATIONS)));
      save_screenshot (f, "market-wide-charts-2.png");
      cg_chart_card_set_show_table (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT), TRUE);
      scroll_to (f, GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE)));
      save_screenshot (f, "market-wide-table.png");
      cg_chart_card_set_show_table (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT), FALSE);
      scroll_to (f, GTK_WIDGET (cg_market_page_get_role_dropdown (f->page)));
    }

  /* the same role everywhere: the Texas posting counts too */
  pick (regions, "All regions");
  wait_figures (f->page);
  g_assert_null (cg_market_page_get_region (f->page));
  assert_description (f, CG_MARKET_CARD_EMPLOYMENT_TYPE,
                      "Employment type: Full time 88% (Published), 60% (Live); "
                      "Part time 8% (Published), 20% (Live); Temporary 4% (Published), 20% (Live).");
  assert_grid_row (f->page, "Work arrangement", "Hybrid", "Hybrid|5%|20%|1");

  /* firmware engineers in Texas: no posting, and no figure published for
   * them; the nearest published figures are shown, and said to be */
  pick (roles, "Firmware Engineer");
  wait_figures (f->page);
  pick (regions, "TX");
  wait_figures (f->page);
  g_assert_cmpstr (cg_market_page_get_role (f->page), ==, "firmware-engineer");
  g_assert_cmpstr (cg_market_page_get_region (f->page), ==, "TX");
  g_assert_nonnull (cg_ui_test_find_label (GTK_WIDGET (f->page),
                                "No figures are published for Firmware Engineer in TX. "
                                "Showing the nearest: every published figure."));
  assert_grid_row (f->page, "Employment type", "Full time", "Full time|88%|—|—");
  assert_description (f, CG_MARKET_CARD_EMPLOYMENT_TYPE,
                      "Employment type: Full time 88% (Published); Part time 8% (Published); "
                      "Temporary 4% (Published).");
  g_assert_cmpstr (cg_chart_card_get_subtitle (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE)),
                   ==, "Published: Embedded Machine Learning Engineer · Florida · May 2026 · Live: 0 postings");
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_PAY)));
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_LOCATIONS)));
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_MONTHS)));
  /* Texas: only the embedded ML posting has pay */
  assert_description (f, CG_MARKET_CARD_PAY_BY_ROLE, "Pay by role: Embedded Machine Learning Engineer $90K.");

  /* firmware engineers in FL: the figures for other roles in FL */
  pick (regions, "FL");
  wait_figures (f->page);
  g_assert_nonnull (cg_ui_test_find_label (GTK_WIDGET (f->page),
                                "No figures are published for Firmware Engineer in FL. "
                                "Showing the nearest: the figures for other roles in this region."));
  assert_grid_row (f->page, "Work arrangement", "Remote", "Remote|11%|100%|1");
}

static void
test_activate (Fixture       *f,
               gconstpointer  data)
{
  CgChart *arrangement, *by_role, *locations;
  const char *key = NULL;
  const char *value;
  GVariant *parameter;
  guint series;

  cg_market_page_set_library (f->page, f->library);
  cg_market_page_set_filter (f->page, "embedded-ml-engineer", "FL");
  wait_figures (f->page);
  g_assert_cmpstr (picked (cg_market_page_get_role_dropdown (f->page)), ==,
                   "Embedded Machine Learning Engineer");
  g_assert_cmpstr (picked (cg_market_page_get_region_dropdown (f->page)), ==, "FL");

  /* the live bar of Remote: on-site (published, live), hybrid (...), remote */
  arrangement = chart (f, CG_MARKET_CARD_ARRANGEMENT);
  g_assert_true (cg_chart_move_focus (arrangement, 6));
  g_assert_true (cg_chart_get_focus (arrangement, &series, &key));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpstr (key, ==, "remote");
  g_assert_true (cg_chart_activate_focus (arrangement));
  g_assert_cmpuint (f->activated->len, ==, 1);
  parameter = g_ptr_array_index (f->activated, 0);
  g_assert_cmpuint (g_variant_n_children (parameter), ==, 3);
  g_assert_true (g_variant_lookup (parameter, "arrangement", "&s", &value));
  g_assert_cmpstr (value, ==, "remote");
  g_assert_true (g_variant_lookup (parameter, "role", "&s", &value));
  g_assert_cmpstr (value, ==, "embedded-ml-engineer");
  g_assert_true (g_variant_lookup (parameter, "region", "&s", &value));
  g_assert_cmpstr (value, ==, "FL");

  /* Enter on a focused bar does the same: the first bar of Pay by role */
  by_role = chart (f, CG_MARKET_CARD_PAY_BY_ROLE);
  /* in view, as a user tabbing to it sees it (its details pop up over it) */
  scroll_to (f, GTK_WIDGET (by_role));
  /* taking the focus, a chart focuses its first item */
  gtk_widget_grab_focus (GTK_WIDGET (by_role));
  g_assert_true (cg_chart_get_focus (by_role, NULL, &key));
  g_assert_cmpstr (key, ==, "ml-engineer");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (by_role), "chart.activate", NULL));
  g_assert_cmpuint (f->activated->len, ==, 2);
  parameter = g_ptr_array_index (f->activated, 1);
  g_assert_cmpuint (g_variant_n_children (parameter), ==, 2);
  g_assert_true (g_variant_lookup (parameter, "role", "&s", &value));
  g_assert_cmpstr (value, ==, "ml-engineer");
  g_assert_true (g_variant_lookup (parameter, "region", "&s", &value));
  g_assert_cmpstr (value, ==, "FL");

  /* a place: the location says where, not the region */
  locations = chart (f, CG_MARKET_CARD_LOCATIONS);
  g_assert_true (cg_chart_move_focus (locations, 1));
  g_assert_true (cg_chart_activate_focus (locations));
  parameter = g_ptr_array_index (f->activated, 2);
  g_assert_cmpuint (g_variant_n_children (parameter), ==, 2);
  g_assert_true (g_variant_lookup (parameter, "location", "&s", &value));
  g_assert_cmpstr (value, ==, "Miami, FL");
  g_assert_true (g_variant_lookup (parameter, "role", "&s", &value));
  g_assert_cmpstr (value, ==, "embedded-ml-engineer");

  /* an employment type, all roles and regions: only the type */
  cg_market_page_set_filter (f->page, NULL, NULL);
  wait_figures (f->page);
  g_assert_true (cg_chart_move_focus (chart (f, CG_MARKET_CARD_EMPLOYMENT_TYPE), 1));
  g_assert_true (cg_chart_activate_focus (chart (f, CG_MARKET_CARD_EMPLOYMENT_TYPE)));
  parameter = g_ptr_array_index (f->activated, 3);
  g_assert_cmpuint (g_variant_n_children (parameter), ==, 1);
  g_assert_true (g_variant_lookup (parameter, "employment_type", "&s", &value));
  g_assert_cmpstr (value, ==, "full_time");

  /* a pay bin: its bounds */
  cg_market_page_set_filter (f->page, "embedded-ml-engineer", "FL");
  wait_figures (f->page);
  g_assert_true (cg_chart_move_focus (chart (f, CG_MARKET_CARD_PAY), 1));
  g_assert_true (cg_chart_activate_focus (chart (f, CG_MARKET_CARD_PAY)));
  parameter = g_ptr_array_index (f->activated, 4);
  g_assert_true (g_variant_lookup (parameter, "min_pay", "&s", &value));
  g_assert_cmpstr (value, ==, "83200");
  g_assert_true (g_variant_lookup (parameter, "max_pay", "&s", &value));
  g_assert_cmpstr (value, ==, "88880");
  g_assert_true (g_variant_lookup (parameter, "currency", "&s", &value));
  g_assert_cmpstr (value, ==, "USD");
}

/* A newer filter cancels the figures of the older one. */
static void
test_supersede (Fixture       *f,
                gconstpointer  data)
{
  cg_market_page_set_library (f->page, f->library);
  cg_market_page_set_filter (f->page, "firmware-engineer", "TX");
  cg_market_page_set_filter (f->page, "embedded-ml-engineer", "Florida");
  wait_figures (f->page);

  /* a region typed in full is offered as it is, and finds FL's postings */
  g_assert_cmpstr (picked (cg_market_page_get_region_dropdown (f->page)), ==, "Florida");
  assert_grid_row (f->page, "Employment type", "Full time", "Full time|88%|75%|3");
}

/* The default region of the settings: "Florida" is FL. */
static void
test_default_region (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  g_settings_set_string (settings, "default-region", "Florida");
  cg_market_page_set_library (f->page, f->library);
  wait_figures (f->page);
  g_settings_reset (settings, "default-region");

  g_assert_cmpstr (cg_market_page_get_region (f->page), ==, "FL");
  g_assert_cmpstr (picked (cg_market_page_get_region_dropdown (f->page)), ==, "FL");
  /* all roles in FL: the four, the firmware one and two of the bundled */
  assert_grid_row (f->page, "Work arrangement", "Remote", "Remote|11%|42.9%|3");
}

/* The first two charts, above one another */
static gboolean
one_column (Fixture *f)
{
  GtkWidget *first = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE));
  GtkWidget *second = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT));
  graphene_rect_t a, b;

  return gtk_widget_compute_bounds (first, GTK_WIDGET (f->page), &a) &&
         gtk_widget_compute_bounds (second, GTK_WIDGET (f->page), &b) &&
         a.origin.x == b.origin.x && a.origin.y + a.size.height < b.origin.y;
}

/* The first two charts, side by side */
static gboolean
two_columns (Fixture *f)
{
  GtkWidget *first = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE));
  GtkWidget *second = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT));
  graphene_rect_t a, b;

  return gtk_widget_compute_bounds (first, GTK_WIDGET (f->page), &a) &&
         gtk_widget_compute_bounds (second, GTK_WIDGET (f->page), &b) &&
         a.origin.y == b.origin.y && a.origin.x + a.size.width < b.origin.x;
}

/* The first two charts are side by side, within 1000 px, and within the
 * page. */
static void
assert_two_columns (Fixture *f)
{
  GtkWidget *first = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE));
  GtkWidget *second = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT));
  graphene_rect_t a, b;

  g_assert_true (gtk_widget_compute_bounds (first, GTK_WIDGET (f->page), &a));
  g_assert_true (gtk_widget_compute_bounds (second, GTK_WIDGET (f->page), &b));
  g_assert_cmpfloat (a.origin.y, ==, b.origin.y);
  g_assert_cmpfloat (a.origin.x + a.size.width, <, b.origin.x);
  g_assert_cmpfloat (b.origin.x + b.size.width - a.origin.x, <=, 1000);
  g_assert_cmpfloat (b.origin.x + b.size.width, <=, gtk_widget_get_width (GTK_WIDGET (f->page)));
}

/* No postings: the published figures, and charts that say there is
 * nothing to chart. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cg_db_exec (cg_library_get_db (f->library), "DELETE FROM jobs", &error));
  g_assert_no_error (error);
  cg_market_page_set_library (f->page, f->library);
  wait_figures (f->page);

  /* "Florida", of the figures, is the only region */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (cg_market_page_get_region_dropdown (f->page))),
                    ==, 2);
  assert_grid_row (f->page, "Employment type", "Full time", "Full time|88%|—|—");
  assert_description (f, CG_MARKET_CARD_ARRANGEMENT,
                      "Work arrangement: On-site 84% (Published); Hybrid 5% (Published); "
                      "Remote 11% (Published).");
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_PAY)));
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_LOCATIONS)));
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_MONTHS)));
  g_assert_true (cg_chart_is_empty (chart (f, CG_MARKET_CARD_PAY_BY_ROLE)));
  assert_description (f, CG_MARKET_CARD_PAY, "Pay (a year): no postings to chart.");
  /* long subtitles do not push the charts into one column */
  assert_two_columns (f);
  save_screenshot (f, "market-empty.png");
  if (g_getenv ("CG_SCREENSHOT_DIR") != NULL)
    {
      scroll_to (f, GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_PAY)));
      save_screenshot (f, "market-empty-charts.png");
    }
}

static void
test_layout (Fixture       *f,
             gconstpointer  data)
{
  GtkWidget *first, *second;
  graphene_rect_t a, b;
  int width;

  cg_market_page_set_library (f->page, f->library);
  cg_market_page_set_filter (f->page, "embedded-ml-engineer", "FL");
  wait_figures (f->page);
  first = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_EMPLOYMENT_TYPE));
  second = GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_ARRANGEMENT));

  /* wide: two charts side by side */
  CG_UI_TEST_WAIT (two_columns (f));
  assert_two_columns (f);

  /* as wide as the page is in a 1100 px window with the sidebar: still two */
  gtk_window_set_default_size (f->window, 850, 800);
  /* the X server resizes the window, then the page lays itself out anew */
  CG_UI_TEST_WAIT (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 860);
  cg_ui_test_wait_frame (GTK_WIDGET (f->window));
  CG_UI_TEST_WAIT (two_columns (f));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), <=, 860);
  assert_two_columns (f);

  /* narrow: one column */
  gtk_window_set_default_size (f->window, 400, 800);
  CG_UI_TEST_WAIT (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 420);
  cg_ui_test_wait_frame (GTK_WIDGET (f->window));
  CG_UI_TEST_WAIT (one_column (f));
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  g_test_message ("narrow window: %d px", width);
  g_assert_cmpint (width, <=, 420);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), <=, width);
  g_assert_true (gtk_widget_compute_bounds (first, GTK_WIDGET (f->page), &a));
  g_assert_true (gtk_widget_compute_bounds (second, GTK_WIDGET (f->page), &b));
  g_assert_cmpfloat (a.origin.x, ==, b.origin.x);
  g_assert_cmpfloat (a.origin.y + a.size.height, <, b.origin.y);
  g_assert_cmpfloat (a.origin.x + a.size.width, <=, width);
  save_screenshot (f, "market-narrow.png");
  if (g_getenv ("CG_SCREENSHOT_DIR") != NULL)
    {
      scroll_to (f, first);
      save_screenshot (f, "market-narrow-charts.png");
      scroll_to (f, GTK_WIDGET (cg_market_page_get_card (f->page, CG_MARKET_CARD_PAY)));
      save_screenshot (f, "market-narrow-charts-2.png");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/market-page/published-and-live", test_published_and_live);
  ADD ("/market-page/activate", test_activate);
  ADD ("/market-page/supersede", test_supersede);
  ADD ("/market-page/default-region", test_default_region);
  ADD ("/market-page/empty", test_empty);
  ADD ("/market-page/layout", test_layout);
#undef ADD

  return g_test_run ();
}
