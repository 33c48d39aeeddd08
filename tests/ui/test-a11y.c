/* test-a11y.c: accessible names and narrow windows (run under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first test opens every page, the search and the preferences, walks
 * each widget tree and fails on any control a screen reader would announce
 * without a name.  The others make the window 360 pixels wide, the width of
 * a phone, and check that the sidebar folds away, that every page fits, and
 * that the user can get back to the sidebar; then that a wide window shows
 * both again.
 */
#include "config.h"

#include "cg-application.h"
#include "cg-application-editor.h"
#include "cg-application-item.h"
#include "cg-applications-page-private.h"
#include "cg-compare-page-private.h"
#include "cg-faq-page-private.h"
#include "cg-guides-page-private.h"
#include "cg-job.h"
#include "cg-jobs-page-private.h"
#include "cg-market-page-private.h"
#include "cg-search-page-private.h"
#include "cg-window-private.h"
#include "cg-ui-test-utils.h"

/* the narrow width the window must still work at (GNOME's phone width) */
#define NARROW_WIDTH 360
#define NARROW_HEIGHT 720
#define WIDE_WIDTH 1000

static const char *pages[] = { "jobs", "guides", "faq", "compare", "market", "applications" };

static char *system_data_dirs;

static CgApplication *
start_app (void)
{
  CgApplication *app;
  g_autoptr(GError) error = NULL;

  /* isolated dirs give each test an empty XDG_DATA_HOME, but the system
   * data dirs are still needed for the MIME database and the icon theme */
  g_setenv ("XDG_DATA_DIRS", system_data_dirs, TRUE);

  app = cg_application_new ();
  {
    /* a bus name of its own, so one test's instance never meets another's */
    static guint counter;
    g_autofree char *id = g_strdup_printf ("%s.A11yTest%u", APPLICATION_ID, ++counter);
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
  g_object_unref (app);
}

static void
activate (GtkWidget  *widget,
          const char *action,
          const char *page)
{
  /* (a page is shown, and starts loading, at once) */
  g_assert_true (gtk_widget_activate_action (widget, action, "s", page));
}

/* Whether a stack, leaflet or revealer on screen under @widget is moving
 * (the walk would see two pages at once, the layout is not final) */
static gboolean
moving (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (ADW_IS_LEAFLET (widget) && adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
    return TRUE;
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (moving (child))
      return TRUE;

  return FALSE;
}

/* Waits until nothing in @window moves, then for a frame that lays it
 * out. */
static void
settle (CgWindow *window)
{
  CG_UI_TEST_WAIT (!moving (GTK_WIDGET (window)));
  cg_ui_test_wait_frame (GTK_WIDGET (window));
}

/* Whether @page is still doing what it does when first shown (a query on
 * a worker thread, a web view loading) */
static gboolean
page_busy (GtkWidget *page)
{
  if (CG_IS_JOBS_PAGE (page))
    return cg_job_list_model_get_loading (cg_jobs_page_get_model (CG_JOBS_PAGE (page)));
  if (CG_IS_COMPARE_PAGE (page))
    return cg_compare_page_get_loading (CG_COMPARE_PAGE (page));
  if (CG_IS_MARKET_PAGE (page))
    return cg_market_page_get_busy (CG_MARKET_PAGE (page));
  if (CG_IS_FAQ_PAGE (page))
    return cg_faq_page_get_n_shown (CG_FAQ_PAGE (page)) == 0;
  if (CG_IS_GUIDES_PAGE (page))
    {
      /* the reader is made when the first guide is opened */
      CgReaderView *reader = cg_guides_page_get_reader (CG_GUIDES_PAGE (page));

      return reader != NULL && cg_reader_view_get_loading (reader);
    }
  return FALSE;
}

/* Waits until @page has finished what it does when first shown, and is
 * laid out, so that the walk sees its widgets. */
static void
wait_page (CgWindow   *window,
           const char *name)
{
  GtkWidget *page = cg_window_get_page_widget (window, name);

  CG_UI_TEST_WAIT (!page_busy (page));
  settle (window);
}

/* The first widget of @type under @root, depth first, @root included. */
static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  return cg_ui_test_find (root, type, CG_UI_TEST_ANY, NULL, NULL);
}

/* ---------------------------------------------------------------------- */
/* accessible names                                                        */

/* GTK 4.8 has no public getter for an accessible's properties (that is
 * gtk_accessible_get_... in later versions); what it has is the test API of
 * gtktestatcontext.h, which reads the widget's GtkATContext whatever the
 * backend: gtk_test_accessible_has_property() and, to see the value,
 * gtk_test_accessible_check_property(), which returns NULL when the value
 * is the one given and a description of the actual value otherwise. */
static gboolean
has_label_property (GtkWidget *widget)
{
  g_autofree char *differs = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;

  /* an empty label is no name */
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, "");
  return differs != NULL;
}

/* Whether a visible, non-empty GtkLabel is inside @widget: the text of a
 * button (a plain label, AdwButtonContent's label, a custom box), which is
 * what screen readers read for a button without an accessible label. */
static gboolean
has_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        {
          const char *text = gtk_label_get_text (GTK_LABEL (child));

          if (text != NULL && *text != '\0')
            return TRUE;
        }
      else if (has_label_text (child))
        return TRUE;
    }

  return FALSE;
}

static gboolean
nonempty (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
has_accessible_name (GtkWidget *widget)
{
  if (has_label_property (widget))
    return TRUE;
  if (gtk_test_accessible_has_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY))
    return TRUE;

  /* Controls that show their name as text.  A tooltip is not a name: GTK
   * 4.8 exposes it as nothing at all, so an icon-only button needs a label.
   * Entries, switches, drop-downs, spin buttons and scales show a value, not
   * a name, and need a label or a labelled-by relation. */
  if (GTK_IS_BUTTON (widget))
    return nonempty (gtk_button_get_label (GTK_BUTTON (widget))) || has_label_text (widget);
  if (GTK_IS_MENU_BUTTON (widget))
    return nonempty (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget))) || has_label_text (widget);
  if (GTK_IS_CHECK_BUTTON (widget))
    return nonempty (gtk_check_button_get_label (GTK_CHECK_BUTTON (widget))) || has_label_text (widget);
  if (ADW_IS_SPLIT_BUTTON (widget))
    return nonempty (adw_split_button_get_label (ADW_SPLIT_BUTTON (widget)));

  return FALSE;
}

static gboolean
is_interactive (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget)          /* GtkToggleButton, GtkLinkButton */
      || GTK_IS_MENU_BUTTON (widget)
      || GTK_IS_CHECK_BUTTON (widget)
      || GTK_IS_SWITCH (widget)
      || GTK_IS_ENTRY (widget)
      || GTK_IS_SEARCH_ENTRY (widget)
      || GTK_IS_PASSWORD_ENTRY (widget)
      || GTK_IS_TEXT (widget)
      || GTK_IS_TEXT_VIEW (widget)
      || GTK_IS_DROP_DOWN (widget)
      || GTK_IS_SPIN_BUTTON (widget)
      || GTK_IS_SCALE (widget)
      || GTK_IS_COLOR_BUTTON (widget)
      || GTK_IS_FONT_BUTTON (widget)
      || ADW_IS_SPLIT_BUTTON (widget)
      || ADW_IS_ENTRY_ROW (widget)      /* named after their title by */
      || ADW_IS_COMBO_ROW (widget)      /* libadwaita, if there is one */
      /* the application's own controls: charts, application cards */
      || (gtk_widget_get_focusable (widget) && g_str_has_prefix (G_OBJECT_TYPE_NAME (widget), "Cg"));
}

/* Parts of composite widgets that take their name from the composite, which
 * is checked itself; the application cannot reach these parts:
 * - the GtkText inside an entry, a search entry, a spin button, a password
 *   entry or an AdwEntryRow (all GtkEditable delegates): the outer widget
 *   carries the name;
 * - the toggle button inside a GtkMenuButton and a GtkDropDown, and the two
 *   buttons inside an AdwSplitButton: the outer widget carries the name;
 * - the +/- buttons of a GtkSpinButton: GTK's own, named by the spin button;
 * - the title buttons of GtkWindowControls (close, minimise): GTK's own. */
static gboolean
is_internal_part (GtkWidget *widget)
{
  GtkWidget *parent = gtk_widget_get_parent (widget);

  if (parent == NULL)
    return FALSE;

  if (GTK_IS_TEXT (widget))
    for (GtkWidget *p = parent; p != NULL; p = gtk_widget_get_parent (p))
      if (GTK_IS_EDITABLE (p))
        return TRUE;

  if (GTK_IS_MENU_BUTTON (parent) || GTK_IS_DROP_DOWN (parent) || GTK_IS_SPIN_BUTTON (parent))
    return TRUE;
  if (gtk_widget_get_ancestor (widget, ADW_TYPE_SPLIT_BUTTON) != NULL)
    return TRUE;
  if (gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW_CONTROLS) != NULL)
    return TRUE;

  return FALSE;
}

/* The id a widget has in its .ui file, if it was given one (GtkBuilder
 * makes up ids such as ___object_3___ for the others). */
static const char *
ui_id (GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));

  return id != NULL && !g_str_has_prefix (id, "___") ? id : NULL;
}

/* “GtkButton#id (icon name, tooltip) in GtkBox#id < … < CgWindow” */
static char *
describe (GtkWidget *widget)
{
  GString *text = g_string_new (G_OBJECT_TYPE_NAME (widget));
  const char *id = ui_id (widget);
  const char *icon = NULL;
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (id != NULL)
    g_string_append_printf (text, "#%s", id);
  if (GTK_IS_BUTTON (widget))
    icon = gtk_button_get_icon_name (GTK_BUTTON (widget));
  else if (GTK_IS_MENU_BUTTON (widget))
    icon = gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (widget));
  if (icon != NULL || tooltip != NULL)
    {
      g_autofree char *one_line = g_strdup (tooltip ? tooltip : "");

      g_string_append_printf (text, " (icon %s, tooltip “%s”)", icon ? icon : "none",
                              g_strdelimit (one_line, "\n", ' '));
    }

  g_string_append (text, " in");
  for (GtkWidget *p = gtk_widget_get_parent (widget); p != NULL; p = gtk_widget_get_parent (p))
    {
      const char *pid = ui_id (p);

      g_string_append_printf (text, " %s%s%s", G_OBJECT_TYPE_NAME (p),
                              pid ? "#" : "", pid ? pid : "");
      if (gtk_widget_get_parent (p) != NULL)
        g_string_append (text, " <");
    }

  return g_string_free (text, FALSE);
}

/* Adds a description of each unnamed control under @widget to @offenders
 * (a set, as the same widget is met again on later walks). */
static void
walk (GtkWidget  *widget,
      GHashTable *offenders,
      guint      *n_checked)
{
  /* What is not shown is not announced: a hidden widget, the pages of a
   * stack that are not in front, a closed popover.  (Their turn comes when
   * the test brings them to the front.)  A WebKitWebView's content has an
   * accessibility tree of its own, outside GTK's. */
  if (!gtk_widget_get_mapped (widget))
    return;
  if (g_str_equal (G_OBJECT_TYPE_NAME (widget), "WebKitWebView"))
    return;

  if (is_interactive (widget) && !is_internal_part (widget))
    {
      gboolean named = has_accessible_name (widget);

      (*n_checked)++;
      if (g_test_verbose ())
        {
          g_autofree char *what = describe (widget);
          g_test_message ("%s: %s", named ? "named" : "UNNAMED", what);
        }
      if (!named)
        g_hash_table_add (offenders, describe (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, offenders, n_checked);
}

/* Walks @root once for each page of each GtkStackSwitcher in it (the
 * Applications page's board, table and statistics), so that a view the
 * user can switch to is checked too. */
static void
walk_views (GtkWidget  *root,
            GHashTable *offenders,
            guint      *n_checked)
{
  GtkWidget *switcher = find_type (root, GTK_TYPE_STACK_SWITCHER);
  GtkStack *stack;
  GtkWidget *front;
  g_autoptr(GListModel) views = NULL;

  walk (root, offenders, n_checked);
  if (switcher == NULL || !gtk_widget_get_mapped (switcher))
    return;

  stack = gtk_stack_switcher_get_stack (GTK_STACK_SWITCHER (switcher));
  front = gtk_stack_get_visible_child (stack);
  views = G_LIST_MODEL (gtk_stack_get_pages (stack));
  for (guint i = 0; i < g_list_model_get_n_items (views); i++)
    {
      g_autoptr(GObject) view = g_list_model_get_item (views, i);

      gtk_stack_set_visible_child (stack, gtk_stack_page_get_child (GTK_STACK_PAGE (view)));
      CG_UI_TEST_WAIT (!moving (root));
      cg_ui_test_wait_frame (root);
      walk (root, offenders, n_checked);
    }
  gtk_stack_set_visible_child (stack, front);
  CG_UI_TEST_WAIT (!moving (root));
}

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

/* The first visible button under @root whose label is @label (mapped or
 * not: at phone width the posting is behind the list). */
static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  return cg_ui_test_find (root, GTK_TYPE_BUTTON, CG_UI_TEST_VISIBLE, label, NULL);
}

/* Tracks the first posting with the Jobs page's button and opens it on the
 * Applications page, so that there is a board, a table and an editor to
 * check rather than the empty state. */
static void
track_and_open_first_posting (CgWindow *window)
{
  CgJobsPage *jobs;
  GtkWidget *applications;
  GListModel *model;
  g_autoptr(CgApplicationItem) item = NULL;
  GtkWidget *button;

  activate (GTK_WIDGET (window), "win.show-page", "jobs");
  wait_page (window, "jobs");
  jobs = CG_JOBS_PAGE (cg_window_get_page_widget (window, "jobs"));
  cg_jobs_page_select (jobs, 0);
  CG_UI_TEST_WAIT (find_button (GTK_WIDGET (jobs), "_Track Application") != NULL);
  button = find_button (GTK_WIDGET (jobs), "_Track Application");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");

  activate (GTK_WIDGET (window), "win.show-page", "applications");
  applications = cg_window_get_page_widget (window, "applications");
  model = cg_applications_page_get_model (CG_APPLICATIONS_PAGE (applications));
  g_assert_nonnull (model);
  cg_ui_test_wait_n_items (model, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  item = g_list_model_get_item (model, 0);
  g_assert_true (gtk_widget_activate_action (applications, "applications.open", "x",
                                             cg_application_item_get_id (item)));
  CG_UI_TEST_WAIT (cg_application_editor_get_id (cg_applications_page_get_editor (CG_APPLICATIONS_PAGE (applications))) ==
                   cg_application_item_get_id (item));
  settle (window);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Fails, listing them, if there are @offenders; one message a line, so that
 * the list survives TAP. */
static void
assert_all_named (GHashTable *offenders)
{
  guint n = 0;
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (offenders, &n);

  g_qsort_with_data (keys, n, sizeof (gpointer), compare_strings, NULL);
  for (guint i = 0; i < n; i++)
    g_test_message ("no accessible name: %s", (const char *) keys[i]);
  g_assert_cmpuint (n, ==, 0);
}

static gboolean open_detail (CgWindow   *window,
                             const char *page);

static void
test_accessible_names (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  g_autoptr(GHashTable) offenders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_checked = 0;

  gtk_window_set_default_size (GTK_WINDOW (window), WIDE_WIDTH, NARROW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      activate (GTK_WIDGET (window), "win.show-page", pages[i]);
      g_assert_cmpstr (cg_window_get_page (window), ==, pages[i]);
      wait_page (window, pages[i]);
      walk_views (GTK_WIDGET (window), offenders, &n_checked);
    }

  /* a guide in the reader, with its find bar open */
  {
    GtkWidget *guides = cg_window_get_page_widget (window, "guides");
    GtkWidget *find_entry;

    activate (GTK_WIDGET (window), "win.show-page", "guides");
    g_assert_true (open_detail (window, "guides"));
    g_assert_true (gtk_widget_activate_action (guides, "guides.find", NULL));
    find_entry = find_type (find_type (guides, GTK_TYPE_SEARCH_BAR), GTK_TYPE_SEARCH_ENTRY);
    CG_UI_TEST_WAIT (gtk_widget_get_mapped (find_entry));
    settle (window);
    g_assert_true (gtk_widget_get_mapped (find_entry));
    walk (GTK_WIDGET (window), offenders, &n_checked);
  }

  /* the Applications page with an application, open in the editor */
  track_and_open_first_posting (window);
  walk_views (GTK_WIDGET (window), offenders, &n_checked);

  /* the global search, with results */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL));
  cg_window_search (window, "engineer");
  {
    CgSearchPage *search = cg_window_get_search_page (window);

    CG_UI_TEST_WAIT (!cg_search_page_get_busy (search));
    settle (window);
    g_assert_cmpuint (cg_search_page_get_n_results (search), >, 0);
  }
  walk (GTK_WIDGET (window), offenders, &n_checked);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.close-search", NULL));

  /* the preferences window */
  {
    GtkWidget *prefs;

    g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
    CG_UI_TEST_WAIT ((prefs = find_toplevel (ADW_TYPE_PREFERENCES_WINDOW)) != NULL);
    g_assert_nonnull (prefs);
    cg_ui_test_wait_drawn (prefs);
    walk (prefs, offenders, &n_checked);
    gtk_window_destroy (GTK_WINDOW (prefs));
  }

  g_test_message ("%u controls checked", n_checked);
  g_assert_cmpuint (n_checked, >, 20);
  assert_all_named (offenders);

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

/* ---------------------------------------------------------------------- */
/* narrow and wide windows                                                 */

/* How much narrower than its default size a window comes out: depending
 * on the display, the default size counts the window's shadow (or the
 * border it is resized by) */
static int shadow_margin;

/* Shows @window at the narrow width and waits until it is drawn; measures
 * the shadow's margin, the part of its surface around the window. */
static void
present_narrow (CgWindow *window)
{
  gtk_window_set_default_size (GTK_WINDOW (window), NARROW_WIDTH, NARROW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  cg_ui_test_wait_drawn (GTK_WIDGET (window));
  shadow_margin = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))) -
                  gtk_widget_get_width (GTK_WIDGET (window));
  g_assert_cmpint (shadow_margin, >=, 0);
}

/* Resizes @window as the user would and waits until it has that width,
 * and until the leaflet has folded or unfolded and finished moving. (A
 * narrow window may come out wider only if its content asks for more,
 * which is what the caller checks: then this waits in vain.) */
static void
resize (CgWindow *window,
        int       width)
{
  gtk_window_set_default_size (GTK_WINDOW (window), width + shadow_margin, NARROW_HEIGHT);
  CG_UI_TEST_WAIT (gtk_widget_get_width (GTK_WIDGET (window)) == width);
  settle (window);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), ==, width);
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

/* Adds to @out the widgets under @widget that ask for more than @limit
 * pixels of width themselves: those whose children each fit, so that a
 * failure names the box or label to fix rather than all its parents. */
static void
list_too_wide (GtkWidget *widget,
               int        limit,
               GPtrArray *out)
{
  gboolean child_too_wide = FALSE;
  int min;

  /* what is measured: a stack's or leaflet's hidden pages are not */
  if (!gtk_widget_get_visible (widget) || !gtk_widget_get_child_visible (widget))
    return;
  min = min_width (widget);
  if (min <= limit)
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child) && gtk_widget_get_child_visible (child) &&
        min_width (child) > limit)
      {
        child_too_wide = TRUE;
        list_too_wide (child, limit, out);
      }

  if (!child_too_wide)
    {
      g_autofree char *what = describe (widget);
      g_autoptr(GString) parts = g_string_new (NULL);

      /* what the width is made of */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        if (gtk_widget_get_visible (child))
          g_string_append_printf (parts, "%s%s %d", parts->len ? ", " : "",
                                  G_OBJECT_TYPE_NAME (child), min_width (child));
      g_ptr_array_add (out, g_strdup_printf ("too wide, %d px (%s): %s", min, parts->str, what));
    }
}

/* The window's own leaflet: the first one from the top (pages have their
 * own, further down). */
static AdwLeaflet *
window_leaflet (CgWindow *window)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *leaflet = find_type (content, ADW_TYPE_LEAFLET);

  g_assert_nonnull (leaflet);
  return ADW_LEAFLET (leaflet);
}

/* Waits until @leaflet has finished sliding to @child, on screen, and is
 * laid out. */
static void
wait_leaflet (AdwLeaflet *leaflet,
              GtkWidget  *child)
{
  CG_UI_TEST_WAIT (!adw_leaflet_get_child_transition_running (leaflet) &&
                   adw_leaflet_get_visible_child (leaflet) == child &&
                   gtk_widget_get_mapped (child));
  cg_ui_test_wait_frame (GTK_WIDGET (leaflet));
}

/* The sidebar's list of pages: the list box with a row named after a
 * page (each row is). */
static GtkListBox *
find_sidebar_list (GtkWidget *root)
{
  if (GTK_IS_LIST_BOX (root))
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (root), 0);

      if (row != NULL && g_str_equal (gtk_widget_get_name (GTK_WIDGET (row)), pages[0]))
        return GTK_LIST_BOX (root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkListBox *found = find_sidebar_list (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The leaflet's child that holds the sidebar.  (Not simply its first
 * child: the leaflet reorders its children to stack them as they slide.) */
static GtkWidget *
sidebar_pane (AdwLeaflet *leaflet)
{
  GtkWidget *list = GTK_WIDGET (find_sidebar_list (GTK_WIDGET (leaflet)));
  GtkWidget *pane = list;

  g_assert_nonnull (list);
  while (gtk_widget_get_parent (pane) != GTK_WIDGET (leaflet))
    pane = gtk_widget_get_parent (pane);

  return pane;
}

/* The sidebar's row for @page. */
static GtkWidget *
sidebar_row (AdwLeaflet *leaflet,
             const char *page)
{
  GtkListBox *list = find_sidebar_list (GTK_WIDGET (leaflet));

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);

      if (row == NULL)
        break;
      if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), page) == 0)
        return GTK_WIDGET (row);
    }

  g_error ("no sidebar row for page %s", page);
  return NULL;
}

/* Checks that @page is in front, fits @width and asks for no more. */
static void
check_page_fits (CgWindow   *window,
                 const char *page,
                 int         width,
                 GPtrArray  *problems)
{
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  GtkWidget *widget = cg_window_get_page_widget (window, page);
  int min = min_width (content);

  g_assert_cmpstr (cg_window_get_page (window), ==, page);
  g_assert_nonnull (widget);
  g_test_message ("%s: window %d px, page %d px, asks for %d px", page,
                  gtk_widget_get_width (GTK_WIDGET (window)), gtk_widget_get_width (widget), min);
  if (!gtk_widget_get_mapped (widget))
    g_ptr_array_add (problems, g_strdup_printf ("%s: not shown", page));
  if (gtk_widget_get_width (widget) > width)
    g_ptr_array_add (problems, g_strdup_printf ("%s: %d px wide in a %d px window", page,
                                                gtk_widget_get_width (widget), width));
  if (min > width)
    {
      g_ptr_array_add (problems, g_strdup_printf ("%s: the window asks for %d px", page, min));
      list_too_wide (content, width, problems);
    }
}

/* Watches, frame by frame, that the window never asks for more than the
 * narrow width, also while a page fills in: once it does, GTK makes the
 * window wider and it stays so. */
typedef struct
{
  GtkWidget  *window;
  GPtrArray  *problems;
  const char *page;
  gboolean    reported;
} WidthWatch;

static void
watch_width_cb (GObject    *surface,
                gpointer    size,
                WidthWatch *watch)
{
  GtkWidget *window = watch->window;
  GtkWidget *content = adw_application_window_get_content (ADW_APPLICATION_WINDOW (window));
  int min = min_width (content);

  if (min > NARROW_WIDTH && !watch->reported)
    {
      g_ptr_array_add (watch->problems, g_strdup_printf ("%s: the window asked for %d px",
                                                         watch->page, min));
      list_too_wide (content, NARROW_WIDTH, watch->problems);
      watch->reported = TRUE;
    }
}

/* With CG_TEST_SCREENSHOTS set to a folder, saves what @window shows there
 * as PAGE-WHAT.png, to look at the layout. */
static void
save_screenshot (CgWindow   *window,
                 const char *page,
                 const char *what)
{
  const char *dir = g_getenv ("CG_TEST_SCREENSHOTS");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  int width = gtk_widget_get_width (GTK_WIDGET (window));
  int height = gtk_widget_get_height (GTK_WIDGET (window));

  if (dir == NULL)
    return;

  cg_ui_test_wait_frame (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  name = g_strdup_printf ("%s-%s.png", page, what);
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("saved %s", path);
}

/* The first list view under @root outside popovers (not, say, the list
 * in a drop-down's popover). */
static GtkWidget *
find_list_view (GtkWidget *root)
{
  if (GTK_IS_LIST_VIEW (root))
    return root;
  if (GTK_IS_POPOVER (root))
    return NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_list_view (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens the second pane of @page, as a user at phone width would: returns
 * whether the page has one. */
static gboolean
open_detail (CgWindow   *window,
             const char *page)
{
  GtkWidget *widget = cg_window_get_page_widget (window, page);

  if (CG_IS_JOBS_PAGE (widget))
    {
      /* as a click on the first posting does */
      GtkWidget *list = find_list_view (widget);

      g_assert_nonnull (list);
      g_signal_emit_by_name (list, "activate", 0);
      CG_UI_TEST_WAIT (cg_jobs_page_get_selected (CG_JOBS_PAGE (widget)) != NULL);
      settle (window);
      return TRUE;
    }

  if (CG_IS_GUIDES_PAGE (widget))
    {
      CgReaderView *reader;

      g_assert_true (cg_guides_page_open (CG_GUIDES_PAGE (widget), "embedded-ml-vs-firmware"));
      reader = cg_guides_page_get_reader (CG_GUIDES_PAGE (widget));
      CG_UI_TEST_WAIT (!cg_reader_view_get_loading (reader));
      settle (window);
      return TRUE;
    }

  if (CG_IS_APPLICATIONS_PAGE (widget))
    {
      track_and_open_first_posting (window);
      return TRUE;
    }

  return FALSE;
}

/* A window of phone width: it opens folded on the page, the page fits and
 * asks for no more, also while it fills in; its controls have names; the
 * back button leads to the sidebar, whose row leads to the page again. */
static void
test_narrow_page (gconstpointer data)
{
  const char *page = data;
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  g_autoptr(GHashTable) offenders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  guint n_checked = 0;
  WidthWatch watch = { NULL, NULL, NULL, FALSE };
  GObject *surface;
  gulong handler;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;

  present_narrow (window);
  resize (window, NARROW_WIDTH);

  /* folded, opening on the page rather than the list of pages */
  leaflet = window_leaflet (window);
  sidebar = sidebar_pane (leaflet);
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != sidebar);

  /* Each time GTK works out the window's size: once something asks for
   * more than the narrow width, even for a moment while a page loads, GTK
   * makes the window wider and it stays so. */
  watch.window = GTK_WIDGET (window);
  watch.problems = problems;
  watch.page = page;
  surface = G_OBJECT (gtk_native_get_surface (GTK_NATIVE (window)));
  handler = g_signal_connect_after (surface, "compute-size", G_CALLBACK (watch_width_cb), &watch);

  activate (GTK_WIDGET (window), "win.show-page", page);
  wait_page (window, page);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != sidebar);
  check_page_fits (window, page, NARROW_WIDTH, problems);
  walk (GTK_WIDGET (window), offenders, &n_checked);
  save_screenshot (window, page, "narrow");

  /* the second pane too: a posting, a guide in the reader, an application
   * in the editor */
  if (open_detail (window, page))
    {
      check_page_fits (window, page, NARROW_WIDTH, problems);
      walk (GTK_WIDGET (window), offenders, &n_checked);
      save_screenshot (window, page, "narrow-detail");
    }

  /* back to the sidebar (the header bar's back button), then the page's
   * row in it */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-sidebar", NULL));
  wait_leaflet (leaflet, sidebar);
  /* (the page goes once the sidebar has slid over it) */
  CG_UI_TEST_WAIT (!gtk_widget_get_mapped (cg_window_get_page_widget (window, page)));
  g_assert_true (adw_leaflet_get_visible_child (leaflet) == sidebar);
  g_assert_true (gtk_widget_get_mapped (sidebar));
  g_assert_false (gtk_widget_get_mapped (cg_window_get_page_widget (window, page)));
  walk (GTK_WIDGET (window), offenders, &n_checked);

  g_signal_emit_by_name (sidebar_row (leaflet, page), "activate");
  CG_UI_TEST_WAIT (adw_leaflet_get_visible_child (leaflet) != sidebar);
  wait_leaflet (leaflet, adw_leaflet_get_visible_child (leaflet));
  g_assert_cmpstr (cg_window_get_page (window), ==, page);
  g_assert_true (adw_leaflet_get_visible_child (leaflet) != sidebar);
  check_page_fits (window, page, NARROW_WIDTH, problems);
  g_clear_signal_handler (&handler, surface);

  assert_all_named (offenders);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("at %d px: %s", NARROW_WIDTH, (const char *) g_ptr_array_index (problems, i));
  g_assert_cmpuint (problems->len, ==, 0);

  stop_app (g_steal_pointer (&app), GTK_WINDOW (window));
}

/* Narrow, then wide: the sidebar and the page side by side; narrow again:
 * folded again, on the page. */
static void
test_wide_window (void)
{
  g_autoptr(CgApplication) app = start_app ();
  CgWindow *window = cg_window_new (app);
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkWidget *page;

  present_narrow (window);
  resize (window, NARROW_WIDTH);
  activate (GTK_WIDGET (window), "win.show-page", "guides");
  wait_page (window, "guides");
  leaflet = window_leaflet (window);
  sidebar = sidebar_pane (leaflet);
  page = cg_window_get_page_widget (window, "guides");
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_false (gtk_widget_get_mapped (sidebar));

  resize (window, WIDE_WIDTH);
  CG_UI_TEST_WAIT (!adw_leaflet_get_folded (leaflet) && gtk_widget_get_mapped (sidebar) &&
                   gtk_widget_get_mapped (page));
  g_assert_false (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (sidebar));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpint (gtk_widget_get_width (sidebar) + gtk_widget_get_width (page), <=, WIDE_WIDTH);
  g_assert_true (open_detail (window, "guides"));
  save_screenshot (window, "guides", "wide");

  resize (window, NARROW_WIDTH);
  CG_UI_TEST_WAIT (adw_leaflet_get_folded (leaflet) && gtk_widget_get_mapped (page) &&
                   !gtk_widget_get_mapped (sidebar));
  g_assert_true (adw_leaflet_get_folded (leaflet));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_false (gtk_widget_get_mapped (sidebar));

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

  g_test_add_func ("/a11y/accessible-names", test_accessible_names);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = g_strdup_printf ("/a11y/narrow-window/%s", pages[i]);
      g_test_add_data_func (path, pages[i], test_narrow_page);
    }
  g_test_add_func ("/a11y/wide-window", test_wide_window);

  return g_test_run ();
}
