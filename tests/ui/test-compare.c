/* test-compare.c: the Compare page in a real window (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A library with the bundled content and two postings of known values;
 * the page picks two roles with its drop-downs, computes the live rows on
 * its worker thread, and hides the equal rows on request.
 *
 * With CG_SCREENSHOT_DIR set, the page is also saved as PNG there, wide
 * (1100 × 720) and narrow (400 × 720).
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "cg-compare-page-private.h"
#include "cg-db.h"
#include "cg-job-record.h"
#include "cg-ui-test-utils.h"

typedef struct {
  char          *dir;
  CgLibrary     *library;
  GtkWindow     *window;
  CgComparePage *page;
  GPtrArray     *activated;   /* "action:target" of the window actions used */
} Fixture;

/* Waits for the figures the page is computing (it starts at once), and
 * for the frame that lays out the rows they fill in. */
static void
wait_figures (CgComparePage *page)
{
  CG_UI_TEST_WAIT (!cg_compare_page_get_loading (page));
  g_assert_true (cg_comparison_has_figures (cg_compare_page_get_comparison (page)));
  cg_ui_test_wait_frame (GTK_WIDGET (page));
}

/* Whether the rows @keys are all @mapped (or all not) */
static gboolean
rows_mapped (CgComparePage      *page,
             const char * const *keys,
             guint               n_keys,
             gboolean            mapped)
{
  for (guint i = 0; i < n_keys; i++)
    if (gtk_widget_get_mapped (cg_compare_page_get_row_widget (page, keys[i])) != mapped)
      return FALSE;
  return TRUE;
}

/* embedded-ml-engineer: Miami, FL  remote full_time $100K-$120K  (mid 110K)
 * firmware-engineer:    Tampa, FL  remote full_time $90K-$130K   (mid 110K)
 * So these live rows are the same for both: open postings (1), median
 * pay ($110K), arrangement (remote 100%), type (full time 100%); these
 * differ: pay range, top locations. */
static void
insert_postings (sqlite3 *db)
{
  static const struct {
    const char *title;
    const char *role;
    const char *location;
    double      min, max;
  } postings[] = {
    { "Edge ML Engineer", "embedded-ml-engineer", "Miami, FL", 100000, 120000 },
    { "Firmware Engineer II", "firmware-engineer", "Tampa, FL", 90000, 130000 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgJobWriter) writer = cg_job_writer_new (db, "user", &error);

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (postings); i++)
    {
      g_autoptr(CgJobRecord) r = cg_job_record_new ();

      r->title = g_strdup (postings[i].title);
      r->company = g_strdup ("Acme");
      r->role = g_strdup (postings[i].role);
      r->region = g_strdup ("FL");
      g_ptr_array_add (r->locations, g_strdup (postings[i].location));
      r->arrangement = g_strdup ("remote");
      r->employment_type = g_strdup ("full_time");
      r->has_pay = TRUE;
      r->pay.min = postings[i].min;
      r->pay.max = postings[i].max;
      r->pay.has_min = r->pay.has_max = TRUE;
      r->pay.unit = CG_PAY_UNIT_YEAR;
      g_strlcpy (r->pay.currency, "USD", sizeof r->pay.currency);
      r->date_posted = g_strdup ("2026-05-15");
      cg_job_record_compute_key (r);
      g_assert_true (cg_job_writer_write (writer, r, &error));
    }
}

static void
window_action_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  Fixture *f = user_data;

  g_ptr_array_add (f->activated, g_strdup_printf ("%s:%s", g_action_get_name (G_ACTION (action)),
                                                  g_variant_get_string (parameter, NULL)));
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "show-jobs-for-role", window_action_cb, "s" },
    { "open-link", window_action_cb, "s" },
    { "show-page", window_action_cb, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("cg-test-compare-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "user.db", NULL);
  f->library = cg_library_new (path, content);
  g_assert_true (cg_library_open (f->library, &error));
  g_assert_no_error (error);
  insert_postings (cg_library_get_db (f->library));

  /* the window's actions the page uses, recorded */
  f->activated = g_ptr_array_new_with_free_func (g_free);
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_widget_insert_action_group (GTK_WIDGET (f->window), "win", G_ACTION_GROUP (group));
  gtk_window_set_default_size (f->window, 1100, 720);
  f->page = CG_COMPARE_PAGE (cg_compare_page_new ());
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

/* The row @key shows @label, then @first and @second in the first and
 * second column, on screen. */
static void
assert_row (CgComparePage *page,
            const char    *key,
            const char    *label,
            const char    *first,
            const char    *second)
{
  GtkWidget *row = cg_compare_page_get_row_widget (page, key);
  GtkWidget *header, *columns, *a, *b;
  graphene_rect_t ra, rb, rh;

  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  header = gtk_widget_get_first_child (row);
  g_assert_nonnull (cg_ui_test_find_label (header, label));

  columns = gtk_widget_get_next_sibling (header);
  a = gtk_widget_get_first_child (columns);
  b = gtk_widget_get_next_sibling (a);
  g_assert_true (GTK_IS_LABEL (a) && GTK_IS_LABEL (b));
  if (g_strcmp0 (gtk_label_get_label (GTK_LABEL (a)), first) != 0 ||
      g_strcmp0 (gtk_label_get_label (GTK_LABEL (b)), second) != 0)
    g_error ("row %s shows “%s” and “%s”, not “%s” and “%s”", key,
             gtk_label_get_label (GTK_LABEL (a)), gtk_label_get_label (GTK_LABEL (b)), first, second);
  g_assert_true (gtk_widget_get_mapped (a));
  g_assert_true (gtk_widget_get_mapped (b));

  /* the aspect, then the first column, then the second */
  g_assert_true (gtk_widget_compute_bounds (header, row, &rh));
  g_assert_true (gtk_widget_compute_bounds (a, row, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, row, &rb));
  g_assert_cmpfloat (rh.origin.x + rh.size.width, <=, ra.origin.x);
  g_assert_cmpfloat (ra.origin.x + ra.size.width, <=, rb.origin.x);
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

static void
pick (CgComparePage *page,
      guint          index,
      const char    *name)
{
  GtkDropDown *dropdown = cg_compare_page_get_role_dropdown (page, index);
  GListModel *model = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return;
      }

  g_error ("no role “%s” to pick", name);
}

static void
test_pick_and_differences (Fixture       *f,
                           gconstpointer  data)
{
  static const char *others[] = { "data-scientist", "mlops-engineer", NULL };
  static const char *hidden[] = { "open_postings", "pay_median", "arrangement", "employment_type" };
  static const char *shown[] = { "summary", "focus", "pay_range", "locations" };
  g_auto(GStrv) roles = NULL;
  const char *expected[] = { "embedded-ml-engineer", "firmware-engineer", NULL };
  GtkWidget *export_button;

  cg_compare_page_set_library (f->page, f->library);
  cg_compare_page_set_roles (f->page, others);
  wait_figures (f->page);
  g_assert_nonnull (cg_ui_test_find_label (GTK_WIDGET (f->page), "Data Scientist"));

  /* pick two roles with the drop-downs, as a user does */
  pick (f->page, 0, "Embedded Machine Learning Engineer");
  pick (f->page, 1, "Firmware Engineer");
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpstrv (roles, expected);
  g_assert_true (cg_compare_page_get_loading (f->page));
  /* nothing to copy or export yet: the button does not open a menu */
  export_button = cg_ui_test_find (GTK_WIDGET (f->page), GTK_TYPE_WIDGET, CG_UI_TEST_ANY,
                                   NULL, "Copy or Export");
  g_assert_nonnull (export_button);
  g_assert_false (gtk_widget_is_sensitive (export_button));
  wait_figures (f->page);
  g_assert_true (gtk_widget_is_sensitive (export_button));
  g_assert_false (cg_compare_page_is_stacked (f->page));

  /* the role names head the columns */
  g_assert_nonnull (cg_ui_test_find_label (GTK_WIDGET (f->page), "Embedded Machine Learning Engineer"));
  g_assert_nonnull (cg_ui_test_find_label (GTK_WIDGET (f->page), "Firmware Engineer"));

  /* written rows and live rows, each value in its role's column */
  g_assert_nonnull (cg_compare_page_get_row_widget (f->page, "focus"));
  assert_row (f->page, "open_postings", "Open postings", "1", "1");
  assert_row (f->page, "pay_range", "Yearly pay range", "$100K – $120K", "$90K – $130K");
  assert_row (f->page, "pay_median", "Median yearly pay",
              "$110K, from 1 posting with pay", "$110K, from 1 posting with pay");
  assert_row (f->page, "arrangement", "On-site, hybrid or remote",
              "On-site 0% (0)\nHybrid 0% (0)\nRemote 100% (1)",
              "On-site 0% (0)\nHybrid 0% (0)\nRemote 100% (1)");
  assert_row (f->page, "employment_type", "Employment type", "Full time 100% (1)", "Full time 100% (1)");
  assert_row (f->page, "locations", "Top locations", "Miami, FL (1)", "Tampa, FL (1)");
  g_assert_nonnull (cg_ui_test_find_label (cg_compare_page_get_row_widget (f->page, "pay_range"), "Differs"));
  g_assert_null (cg_ui_test_find_label (cg_compare_page_get_row_widget (f->page, "open_postings"), "Differs"));
  save_screenshot (f, "compare-wide.png");
  if (g_getenv ("CG_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (cg_compare_page_get_row_widget (f->page, "locations"),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      save_screenshot (f, "compare-wide-live.png");
      gtk_adjustment_set_value (adjustment, 0);
    }

  /* only the differences: the equal rows go, the others stay */
  {
    GtkWidget *toggle;

    g_assert_false (cg_compare_page_get_only_differences (f->page));
    /* the toggle button in the toolbar is the control a user presses */
    toggle = cg_ui_test_find_label (GTK_WIDGET (f->page), "_Only Differences");
    g_assert_nonnull (toggle);
    toggle = gtk_widget_get_ancestor (toggle, GTK_TYPE_TOGGLE_BUTTON);
    g_assert_nonnull (toggle);
    /* a button activated by the keyboard clicks after a short flash */
    gtk_widget_activate (toggle);
    CG_UI_TEST_WAIT (cg_compare_page_get_only_differences (f->page));
    g_assert_true (cg_compare_page_get_only_differences (f->page));
  }
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_false (gtk_widget_get_mapped (cg_compare_page_get_row_widget (f->page, hidden[i])));
  for (guint i = 0; i < G_N_ELEMENTS (shown); i++)
    g_assert_true (gtk_widget_get_mapped (cg_compare_page_get_row_widget (f->page, shown[i])));
  save_screenshot (f, "compare-wide-differences.png");

  /* what is copied is what is shown */
  {
    g_autofree char *markdown = cg_compare_page_dup_export (f->page, FALSE);

    g_assert_nonnull (strstr (markdown, "| Aspect | Embedded Machine Learning Engineer | Firmware Engineer |"));
    g_assert_nonnull (strstr (markdown, "| Top locations | Miami, FL (1) | Tampa, FL (1) |"));
    g_assert_null (strstr (markdown, "Open postings"));
  }

  cg_compare_page_set_only_differences (f->page, FALSE);
  CG_UI_TEST_WAIT (rows_mapped (f->page, hidden, G_N_ELEMENTS (hidden), TRUE));
  for (guint i = 0; i < G_N_ELEMENTS (hidden); i++)
    g_assert_true (gtk_widget_get_mapped (cg_compare_page_get_row_widget (f->page, hidden[i])));
}

static void
test_region_swap_add_remove (Fixture       *f,
                             gconstpointer  data)
{
  g_auto(GStrv) roles = NULL;

  cg_compare_page_set_library (f->page, f->library);
  wait_figures (f->page);

  /* the defaults */
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpuint (g_strv_length (roles), ==, 2);
  g_assert_cmpstr (roles[0], ==, "embedded-ml-engineer");
  g_assert_cmpstr (roles[1], ==, "firmware-engineer");
  g_clear_pointer (&roles, g_strfreev);

  /* the regions the postings name are offered */
  {
    GtkWidget *region = NULL;
    GListModel *model;

    for (GtkWidget *w = cg_ui_test_find_label (GTK_WIDGET (f->page), "All regions"); w != NULL; w = gtk_widget_get_parent (w))
      if (GTK_IS_DROP_DOWN (w))
        region = w;
    g_assert_nonnull (region);
    /* they are listed by a task of their own */
    CG_UI_TEST_WAIT (g_list_model_get_n_items (gtk_drop_down_get_model (GTK_DROP_DOWN (region))) >= 2);
    model = gtk_drop_down_get_model (GTK_DROP_DOWN (region));
    g_assert_cmpuint (g_list_model_get_n_items (model), ==, 2);
    g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (model), 1), ==, "FL");
  }

  /* Texas has none of these postings: every live row is the same */
  cg_compare_page_set_region (f->page, "TX");
  wait_figures (f->page);
  assert_row (f->page, "open_postings", "Open postings", "0", "0");
  cg_compare_page_set_only_differences (f->page, TRUE);
  {
    static const char *equal[] = { "pay_range", "locations" };

    CG_UI_TEST_WAIT (rows_mapped (f->page, equal, G_N_ELEMENTS (equal), FALSE));
  }
  g_assert_false (gtk_widget_get_mapped (cg_compare_page_get_row_widget (f->page, "pay_range")));
  g_assert_false (gtk_widget_get_mapped (cg_compare_page_get_row_widget (f->page, "locations")));
  g_assert_true (gtk_widget_get_mapped (cg_compare_page_get_row_widget (f->page, "focus")));
  cg_compare_page_set_only_differences (f->page, FALSE);
  cg_compare_page_set_region (f->page, NULL);
  wait_figures (f->page);

  /* swap: the columns change places */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "compare.swap", NULL));
  wait_figures (f->page);
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpstr (roles[0], ==, "firmware-engineer");
  g_assert_cmpstr (roles[1], ==, "embedded-ml-engineer");
  g_clear_pointer (&roles, g_strfreev);
  assert_row (f->page, "locations", "Top locations", "Tampa, FL (1)", "Miami, FL (1)");

  /* add two (a related role first), up to four; then no more */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "compare.add-role", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "compare.add-role", NULL));
  wait_figures (f->page);
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpuint (g_strv_length (roles), ==, 4);
  g_clear_pointer (&roles, g_strfreev);
  g_assert_cmpuint (cg_comparison_get_n_roles (cg_compare_page_get_comparison (f->page)), ==, 4);
  g_assert_false (cg_compare_page_is_stacked (f->page));
  save_screenshot (f, "compare-wide-4-roles.png");
  gtk_widget_activate_action (GTK_WIDGET (f->page), "compare.add-role", NULL);
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpuint (g_strv_length (roles), ==, 4);
  g_clear_pointer (&roles, g_strfreev);

  /* move the last one left, then remove the first */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "compare.move-left", "i", 3));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "compare.remove-role", "i", 0));
  wait_figures (f->page);
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpuint (g_strv_length (roles), ==, 3);
  g_assert_cmpstr (roles[0], ==, "embedded-ml-engineer");
  g_clear_pointer (&roles, g_strfreev);

  /* picking a role already compared swaps the two */
  pick (f->page, 0, cg_comparison_get_role_name (cg_compare_page_get_comparison (f->page), 1));
  wait_figures (f->page);
  roles = cg_compare_page_dup_roles (f->page);
  g_assert_cmpstr (roles[1], ==, "embedded-ml-engineer");
}

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  GtkWidget *postings;
  GtkWidget *button;

  cg_compare_page_set_library (f->page, f->library);
  wait_figures (f->page);

  /* the first role's Postings opens the Jobs page filtered by it */
  postings = cg_ui_test_find_label (GTK_WIDGET (f->page), "_Postings");
  g_assert_nonnull (postings);
  button = gtk_widget_get_ancestor (postings, GTK_TYPE_BUTTON);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* (a button activated by the keyboard clicks after a short flash) */
  gtk_widget_activate (button);
  CG_UI_TEST_WAIT (f->activated->len >= 1);
  g_assert_cmpuint (f->activated->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->activated, 0), ==, "show-jobs-for-role:embedded-ml-engineer");

  /* its guides are in a menu of win.open-link guide:SLUG items */
  {
    GtkWidget *guides = cg_ui_test_find_label (GTK_WIDGET (f->page), "Guides");
    GMenuModel *menu;
    g_autoptr(GMenuModel) section = NULL;
    g_autoptr(GVariant) target = NULL;
    g_autofree char *action = NULL;

    g_assert_nonnull (guides);
    guides = gtk_widget_get_ancestor (guides, GTK_TYPE_MENU_BUTTON);
    menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (guides));
    g_assert_cmpint (g_menu_model_get_n_items (menu), >=, 1);
    section = g_menu_model_get_item_link (menu, 0, G_MENU_LINK_SECTION);
    g_assert_cmpint (g_menu_model_get_n_items (section), >=, 1);
    g_assert_true (g_menu_model_get_item_attribute (section, 0, G_MENU_ATTRIBUTE_ACTION, "s", &action));
    g_assert_cmpstr (action, ==, "win.open-link");
    target = g_menu_model_get_item_attribute_value (section, 0, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);
    g_assert_true (g_str_has_prefix (g_variant_get_string (target, NULL), "guide:"));
  }
}

static void
test_narrow (Fixture       *f,
             gconstpointer  data)
{
  int width;

  cg_compare_page_set_library (f->page, f->library);
  wait_figures (f->page);
  g_assert_false (cg_compare_page_is_stacked (f->page));

  /* too narrow for the columns: the same rows, stacked */
  gtk_window_set_default_size (f->window, 400, 720);
  /* the X server resizes the window, then the page lays itself out anew */
  CG_UI_TEST_WAIT (gtk_widget_get_width (GTK_WIDGET (f->window)) <= 420 &&
                   cg_compare_page_is_stacked (f->page));
  cg_ui_test_wait_frame (GTK_WIDGET (f->window));
  width = gtk_widget_get_width (GTK_WIDGET (f->window));
  g_test_message ("narrow window: %d px", width);
  g_assert_cmpint (width, <=, 420);
  g_assert_true (cg_compare_page_is_stacked (f->page));
  /* nothing sticks out: the page is no wider than the window */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->page)), <=, width);
  save_screenshot (f, "compare-narrow.png");
  if (g_getenv ("CG_SCREENSHOT_DIR") != NULL)
    {
      GtkWidget *scroller = gtk_widget_get_ancestor (cg_compare_page_get_row_widget (f->page, "locations"),
                                                     GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
      save_screenshot (f, "compare-narrow-live.png");
      gtk_adjustment_set_value (adjustment, 0);
    }

  cg_compare_page_set_only_differences (f->page, TRUE);
  save_screenshot (f, "compare-narrow-differences.png");

  gtk_window_set_default_size (f->window, 1100, 720);
  CG_UI_TEST_WAIT (!cg_compare_page_is_stacked (f->page));
  g_assert_false (cg_compare_page_is_stacked (f->page));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/compare-page/pick-and-differences", test_pick_and_differences);
  ADD ("/compare-page/region-swap-add-remove", test_region_swap_add_remove);
  ADD ("/compare-page/links", test_links);
  ADD ("/compare-page/narrow", test_narrow);
#undef ADD

  return g_test_run ();
}
