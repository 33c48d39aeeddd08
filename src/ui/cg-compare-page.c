/* cg-compare-page.c: roles side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two to four roles as columns, aspects as rows: the written aspects of
 * each role, then figures computed from the open postings (in a region,
 * if one is picked). The written rows come from the main connection at
 * once (a few primary-key reads); the figures scan postings, so the core
 * computes them on a worker thread (cg_compare_compute_figures_async()) and
 * they are added when they are ready, a spinner turning meanwhile. A newer request
 * cancels the older one, which stops SQLite through its progress handler.
 *
 * Layout: the aspect names are the first column of every row, so they
 * never scroll out of sight; the table only scrolls vertically, the role
 * names stay above it. Where the columns do not fit, an AdwSqueezer shows
 * the same rows stacked: each aspect with every role's value under it.
 * The controls above wrap (flow boxes) and cut long names short, and the
 * spinner takes the export button's icon's place, so that the page fits
 * a phone's width.
 */
#define G_LOG_DOMAIN "cg-compare-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-compare-page-private.h"
#include "cg-library-watch.h"
#include "cg-drop-down.h"
#include "cg-role-reading.h"
#include "cg-role.h"

#define MIN_ROLES 2
#define COLUMN_WIDTH 150

static const char * const default_roles[] = { "embedded-ml-engineer", "firmware-engineer", NULL };

struct _CgComparePage
{
  GtkWidget         parent_instance;

  CgLibrary        *library;
  CgLibraryWatch   *watch;
  GListModel       *roles;          /* of CgRole, in the library's order */
  GtkStringList    *role_names;     /* the same, for the pickers */
  GPtrArray        *slugs;          /* the compared roles, char * */
  char             *region;         /* NULL: all regions */
  CgComparison     *comparison;
  GError           *figures_error;
  GCancellable     *cancellable;    /* the figures being computed */
  GCancellable     *regions_cancellable;
  guint             generation;
  guint             layout_source;  /* idle: show or hide the role names */
  gboolean          loading;
  gboolean          updating;       /* setting the controls from code */

  GtkSizeGroup     *header_group;   /* the first column of every row */
  GPtrArray        *table_rows;     /* GtkWidget, one per comparison row */
  GPtrArray        *stacked_rows;   /* the same rows, stacked */
  GPtrArray        *live_notes;     /* GtkLabel: what the live rows count */

  GtkWidget        *pickers[CG_COMPARE_MAX_ROLES];
  GtkDropDown      *picker_dropdowns[CG_COMPARE_MAX_ROLES];
  GtkMenuButton    *picker_menus[CG_COMPARE_MAX_ROLES];
  GtkWidget        *swap_button;

  AdwToastOverlay  *toast_overlay;
  GtkFlowBox       *picker_box;
  GtkDropDown      *region_dropdown;
  GtkToggleButton  *differences_button;
  GtkSpinner       *spinner;        /* in the export button, in place of its icon */
  GtkStack         *export_stack;
  GtkWidget        *export_button;  /* insensitive while there is nothing to export */
  GtkStack         *content_stack;
  GtkWidget        *header_scroller;
  GtkBox           *column_header_box;
  GtkWidget        *squeezer;
  GtkBox           *table_box;
  GtkBox           *stacked_box;
};

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CgComparePage, cg_compare_page, GTK_TYPE_WIDGET)

static void rebuild           (CgComparePage *self);
static void update_live_notes (CgComparePage *self);

static void
set_loading (CgComparePage *self,
             gboolean       loading)
{
  const char *actions[] = { "compare.copy-markdown", "compare.export-markdown", "compare.export-csv" };

  gtk_spinner_set_spinning (self->spinner, loading);
  gtk_stack_set_visible_child_name (self->export_stack, loading ? "spinner" : "icon");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], !loading && self->comparison != NULL);
  /* (a menu of greyed items would open otherwise) */
  gtk_widget_set_sensitive (self->export_button, !loading && self->comparison != NULL);

  if (self->loading != loading)
    {
      self->loading = loading;
      update_live_notes (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static CgRole *
role_at (CgComparePage *self,
         guint          position)
{
  if (self->roles == NULL || position >= g_list_model_get_n_items (self->roles))
    return NULL;

  return g_list_model_get_item (self->roles, position);
}

/* The position of @slug in the roles list, or GTK_INVALID_LIST_POSITION. */
static guint
role_position (CgComparePage *self,
               const char    *slug)
{
  for (guint i = 0; self->roles != NULL && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);

      if (g_strcmp0 (cg_role_get_slug (role), slug) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
has_slug (CgComparePage *self,
          const char    *slug)
{
  for (guint i = 0; i < self->slugs->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->slugs, i), slug) == 0)
      return TRUE;

  return FALSE;
}

/* Pickers: one searchable drop-down a role, each with a menu to move or
 * remove it. */

static GMenuModel *
picker_menu (CgComparePage *self,
             guint          index)
{
  GMenu *menu = g_menu_new ();
  guint n = self->slugs->len;

  if (index > 0)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Move _Left"), NULL);
      g_menu_item_set_action_and_target_value (item, "compare.move-left", g_variant_new_int32 (index));
      g_menu_append_item (menu, item);
    }
  if (index + 1 < n)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Move _Right"), NULL);
      g_menu_item_set_action_and_target_value (item, "compare.move-right", g_variant_new_int32 (index));
      g_menu_append_item (menu, item);
    }
  if (n > MIN_ROLES)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (_("_Remove"), NULL);
      g_menu_item_set_action_and_target_value (item, "compare.remove-role", g_variant_new_int32 (index));
      g_menu_append_item (menu, item);
    }

  return G_MENU_MODEL (menu);
}

/* Shows a picker for each compared role, set to it. */
static void
sync_pickers (CgComparePage *self)
{
  guint n = self->slugs->len;
  guint n_roles = self->roles ? g_list_model_get_n_items (self->roles) : 0;

  self->updating = TRUE;
  for (guint i = 0; i < CG_COMPARE_MAX_ROLES; i++)
    {
      gboolean shown = i < n;

      gtk_widget_set_visible (gtk_widget_get_parent (self->pickers[i]), shown);
      if (!shown)
        continue;

      gtk_drop_down_set_selected (self->picker_dropdowns[i],
                                  role_position (self, g_ptr_array_index (self->slugs, i)));
      {
        g_autoptr(GMenuModel) menu = picker_menu (self, i);

        gtk_menu_button_set_menu_model (self->picker_menus[i], menu);
        gtk_widget_set_sensitive (GTK_WIDGET (self->picker_menus[i]),
                                  g_menu_model_get_n_items (menu) > 0);
      }
    }
  self->updating = FALSE;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.add-role",
                                 n < CG_COMPARE_MAX_ROLES && n < n_roles);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.remove-role", n > MIN_ROLES);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.swap", n >= 2);
  gtk_widget_set_visible (self->swap_button, n == 2);
}

static void
picker_changed_cb (GtkDropDown   *dropdown,
                   GParamSpec    *pspec,
                   CgComparePage *self)
{
  guint index = 0;
  g_autoptr(CgRole) role = NULL;
  const char *slug;

  /* which picker this is */
  while (index < CG_COMPARE_MAX_ROLES && self->picker_dropdowns[index] != dropdown)
    index++;

  if (self->updating || index >= self->slugs->len)
    return;

  role = role_at (self, gtk_drop_down_get_selected (dropdown));
  if (role == NULL)
    return;

  slug = cg_role_get_slug (role);
  if (g_strcmp0 (slug, g_ptr_array_index (self->slugs, index)) == 0)
    return;

  /* a role already compared changes places with the one it replaces */
  for (guint i = 0; i < self->slugs->len; i++)
    if (i != index && g_strcmp0 (g_ptr_array_index (self->slugs, i), slug) == 0)
      {
        char *other = self->slugs->pdata[index];
        self->slugs->pdata[index] = self->slugs->pdata[i];
        self->slugs->pdata[i] = other;
        sync_pickers (self);
        rebuild (self);
        return;
      }

  g_free (self->slugs->pdata[index]);
  self->slugs->pdata[index] = g_strdup (slug);
  sync_pickers (self);
  rebuild (self);
}

static GtkExpression *
string_expression (void)
{
  return gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
}

static void
create_pickers (CgComparePage *self)
{
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *add_button = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *child;

  for (guint i = 0; i < CG_COMPARE_MAX_ROLES; i++)
    {
      g_autofree char *label = g_strdup_printf (_("Role %u"), i + 1);
      g_autofree char *menu_label = g_strdup_printf (_("Move or Remove Role %u"), i + 1);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
      GtkWidget *dropdown = gtk_drop_down_new (NULL, string_expression ());
      GtkWidget *menu = gtk_menu_button_new ();

      /* the picked role's name is cut short when the toolbar is narrow */
      cg_drop_down_show_names (GTK_DROP_DOWN (dropdown), 12);
      gtk_drop_down_set_enable_search (GTK_DROP_DOWN (dropdown), TRUE);
      gtk_widget_set_hexpand (dropdown, TRUE);
      gtk_widget_set_tooltip_text (dropdown, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (picker_changed_cb), self, 0);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu), "view-more-symbolic");
      gtk_widget_set_tooltip_text (menu, menu_label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (menu), GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);

      gtk_widget_add_css_class (box, "linked");
      gtk_box_append (GTK_BOX (box), dropdown);
      gtk_box_append (GTK_BOX (box), menu);

      self->pickers[i] = box;
      self->picker_dropdowns[i] = GTK_DROP_DOWN (dropdown);
      self->picker_menus[i] = GTK_MENU_BUTTON (menu);

      child = gtk_flow_box_child_new ();
      /* the controls inside take the focus, not the cell around them */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), box);
      gtk_flow_box_append (self->picker_box, child);
    }

  gtk_widget_set_tooltip_text (add_button, _("Add a Role"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (add_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Add a Role"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add_button), "compare.add-role");

  self->swap_button = gtk_button_new_from_icon_name ("object-flip-horizontal-symbolic");
  gtk_widget_set_tooltip_text (self->swap_button, _("Swap the Two Roles"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->swap_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Swap the Two Roles"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->swap_button), "compare.swap");

  gtk_widget_add_css_class (actions, "linked");
  gtk_widget_set_halign (actions, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (actions), add_button);
  gtk_box_append (GTK_BOX (actions), self->swap_button);

  child = gtk_flow_box_child_new ();
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), actions);
  gtk_flow_box_append (self->picker_box, child);
}

/* The rows */

static void
remove_children (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_yalign (GTK_LABEL (label), 0);
  gtk_widget_set_valign (label, GTK_ALIGN_START);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);

  return label;
}

/* A value: text from the library, shown as it is (never as markup). */
static GtkWidget *
new_value_label (const char *text)
{
  gboolean empty = text == NULL || *text == '\0';
  GtkWidget *label = new_label (empty ? "—" : text, empty ? "dim-label" : NULL);

  gtk_label_set_selectable (GTK_LABEL (label), !empty);
  gtk_label_set_width_chars (GTK_LABEL (label), 8);
  /* as tall as the row: Tab goes through the columns of a row in order
   * (GTK sorts by the middle of each widget first) */
  gtk_widget_set_valign (label, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (label, "cg-compare-value");
  if (empty)
    gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    _("No value"), -1);

  return label;
}

/* The first column: the aspect, marked when the roles differ in it. */
static GtkWidget *
new_aspect_header (const CgCompareRow *row,
                   gboolean            fixed_width)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *label = new_label (row->label, "heading");

  if (fixed_width)
    {
      gtk_label_set_width_chars (GTK_LABEL (label), 16);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 16);
    }
  gtk_box_append (GTK_BOX (box), label);

  if (row->differs)
    {
      GtkWidget *mark = new_label (_("Differs"), "caption");

      gtk_widget_add_css_class (mark, "cg-differs-mark");
      gtk_box_append (GTK_BOX (box), mark);
    }

  gtk_widget_add_css_class (box, "cg-compare-aspect");
  return box;
}

static GMenuModel *
guides_menu (CgComparePage *self,
             const char    *slug)
{
  g_autoptr(GMenu) guides = g_menu_new ();
  g_autoptr(GMenu) questions = g_menu_new ();
  g_autoptr(GPtrArray) role_guides = cg_role_list_guides (self->library, slug);
  g_auto(GStrv) role_questions = cg_role_list_questions (self->library, slug);
  GMenu *menu = g_menu_new ();

  for (guint i = 0; i < role_guides->len; i++)
    {
      const CgRoleGuide *guide = g_ptr_array_index (role_guides, i);
      g_autofree char *uri = g_strconcat ("guide:", guide->slug, NULL);
      g_autoptr(GMenuItem) item = g_menu_item_new (guide->title, NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-link", g_variant_new_string (uri));
      g_menu_append_item (guides, item);
    }

  for (guint i = 0; role_questions[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (role_questions[i], NULL);

      g_menu_item_set_action_and_target_value (item, "win.show-page", g_variant_new_string ("faq"));
      g_menu_append_item (questions, item);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (guides)) > 0)
    g_menu_append_section (menu, _("Guides"), G_MENU_MODEL (guides));
  if (g_menu_model_get_n_items (G_MENU_MODEL (questions)) > 0)
    g_menu_append_section (menu, _("Questions"), G_MENU_MODEL (questions));

  return G_MENU_MODEL (menu);
}

/* The name of a role with its links: its postings (the Jobs page, filtered)
 * and its guides and questions. */
static GtkWidget *
new_role_heading (CgComparePage *self,
                  guint          index,
                  const char    *css_class)
{
  const char *slug = cg_comparison_get_slugs (self->comparison)[index];
  const char *name = cg_comparison_get_role_name (self->comparison, index);
  const CgRoleFigures *figures = cg_comparison_get_figures (self->comparison, index);
  g_autoptr(GMenuModel) menu = guides_menu (self, slug);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *links = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *title = new_label (name, css_class);
  GtkWidget *postings = gtk_button_new_with_mnemonic (_("_Postings"));
  GtkWidget *guides = gtk_menu_button_new ();
  g_autofree char *postings_tip = NULL;
  g_autofree char *guides_tip = NULL;

  if (figures != NULL)
    postings_tip = g_strdup_printf (ngettext ("Show the %u open posting for %s",
                                              "Show the %u open postings for %s", figures->n_open),
                                    figures->n_open, name);
  else
    postings_tip = g_strdup_printf (_("Show the postings for %s"), name);
  gtk_widget_set_tooltip_text (postings, postings_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (postings), GTK_ACCESSIBLE_PROPERTY_LABEL, postings_tip, -1);
  gtk_widget_add_css_class (postings, "flat");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (postings), "s", slug);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (postings), "win.show-jobs-for-role");

  gtk_menu_button_set_label (GTK_MENU_BUTTON (guides), _("Guides"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (guides), menu);
  gtk_widget_add_css_class (guides, "flat");
  gtk_widget_set_sensitive (guides, g_menu_model_get_n_items (menu) > 0);
  guides_tip = g_strdup_printf (_("Guides and questions about %s"), name);
  gtk_widget_set_tooltip_text (guides, guides_tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (guides), GTK_ACCESSIBLE_PROPERTY_LABEL, guides_tip, -1);

  /* One line, cut short with the full name as its tooltip: the header sits
   * in a scrolled window (so that it never makes the page wider than the
   * rows), which measures its height for the natural width, so a name that
   * wrapped at a narrower width would push the links out of sight. The
   * pickers above show every name in full. */
  gtk_label_set_wrap (GTK_LABEL (title), FALSE);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_tooltip_text (title, name);

  gtk_widget_add_css_class (links, "cg-compare-links");
  gtk_box_append (GTK_BOX (links), postings);
  gtk_box_append (GTK_BOX (links), guides);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), links);

  return box;
}

/* A row of the table: the first column (in the size group, so that every
 * row has it as wide) and the columns, all as wide as each other.
 *
 * The row is a GtkGrid, not a GtkBox: a box measures the width of its
 * children for the height it has, and a wrapping label asked so may want
 * more width than its natural one, which would make the first column
 * wider in some rows than in others. A grid settles the widths first. */
static GtkWidget *
new_table_row (CgComparePage *self,
               GtkWidget     *first,
               GtkWidget    **cells,
               guint          n_cells,
               const char    *css_class)
{
  GtkWidget *row = gtk_grid_new ();
  GtkWidget *columns = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_size_group_add_widget (self->header_group, first);
  gtk_box_set_homogeneous (GTK_BOX (columns), TRUE);
  gtk_widget_set_hexpand (columns, TRUE);
  for (guint i = 0; i < n_cells; i++)
    {
      gtk_widget_set_size_request (cells[i], COLUMN_WIDTH, -1);
      gtk_box_append (GTK_BOX (columns), cells[i]);
    }

  gtk_grid_set_column_spacing (GTK_GRID (row), 12);
  gtk_grid_attach (GTK_GRID (row), first, 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (row), columns, 1, 0, 1, 1);
  gtk_widget_add_css_class (row, css_class);
  return row;
}

/* The line above the live rows: what they count, or that they are coming. */
static char *
dup_live_heading (CgComparePage *self)
{
  if (self->loading)
    return g_strdup (_("Computing the figures from the postings…"));
  if (self->figures_error != NULL)
    return g_strdup_printf (_("The figures cannot be computed: %s"), self->figures_error->message);
  if (!cg_comparison_has_figures (self->comparison))
    return g_strdup (_("Computing the figures from the postings…"));
  return cg_comparison_dup_figures_note (self->comparison);
}

/* The heading of the live rows, and what they count, in @parent. */
static void
append_section_heading (CgComparePage *self,
                        GtkBox        *parent)
{
  g_autofree char *text = dup_live_heading (self);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *note = new_label (text, "caption");

  gtk_widget_add_css_class (note, "dim-label");
  gtk_box_append (GTK_BOX (box), new_label (_("From the Postings"), "title-4"));
  gtk_box_append (GTK_BOX (box), note);
  gtk_widget_add_css_class (box, "cg-compare-section");
  gtk_box_append (parent, box);
  g_ptr_array_add (self->live_notes, note);
}

static void
update_live_notes (CgComparePage *self)
{
  g_autofree char *text = NULL;

  if (self->comparison == NULL || self->live_notes->len == 0)
    return;

  text = dup_live_heading (self);
  for (guint i = 0; i < self->live_notes->len; i++)
    gtk_label_set_label (g_ptr_array_index (self->live_notes, i), text);
}

static void
apply_visibility (CgComparePage *self)
{
  gboolean only_differences = gtk_toggle_button_get_active (self->differences_button);

  if (self->comparison == NULL)
    return;

  for (guint i = 0; i < self->table_rows->len; i++)
    {
      const CgCompareRow *row = cg_comparison_get_row (self->comparison, i);
      gboolean shown = !only_differences || row->differs;

      gtk_widget_set_visible (g_ptr_array_index (self->table_rows, i), shown);
      gtk_widget_set_visible (g_ptr_array_index (self->stacked_rows, i), shown);
    }
}

static void
render_table (CgComparePage *self)
{
  guint n = cg_comparison_get_n_roles (self->comparison);
  GtkWidget *cells[CG_COMPARE_MAX_ROLES];
  GtkWidget *names[CG_COMPARE_MAX_ROLES];
  GtkWidget *corner = gtk_label_new (NULL);
  gboolean live_started = FALSE;

  /* the role names, above the scrolled rows */
  for (guint i = 0; i < n; i++)
    {
      cells[i] = new_role_heading (self, i, "title-4");
      names[i] = gtk_widget_get_first_child (cells[i]);
    }
  gtk_box_append (self->column_header_box,
                  new_table_row (self, corner, cells, n, "cg-compare-header-row"));

  for (guint r = 0; r < cg_comparison_get_n_rows (self->comparison); r++)
    {
      const CgCompareRow *row = cg_comparison_get_row (self->comparison, r);
      GtkWidget *header = new_aspect_header (row, TRUE);
      GtkWidget *table_row;

      if (row->kind == CG_COMPARE_ROW_LIVE && !live_started)
        {
          append_section_heading (self, self->table_box);
          live_started = TRUE;
        }

      for (guint i = 0; i < n; i++)
        {
          cells[i] = new_value_label (row->values[i]);
          /* a screen reader says which aspect of which role a value is */
          gtk_accessible_update_relation (GTK_ACCESSIBLE (cells[i]), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                          gtk_widget_get_first_child (header), names[i], NULL, -1);
        }
      table_row = new_table_row (self, header, cells, n, "cg-compare-row");
      if (row->differs)
        gtk_widget_add_css_class (table_row, "cg-differs");
      if (row->kind == CG_COMPARE_ROW_LIVE)
        gtk_widget_add_css_class (table_row, "cg-live");
      gtk_box_append (self->table_box, table_row);
      g_ptr_array_add (self->table_rows, table_row);
    }

  if (!live_started)
    append_section_heading (self, self->table_box);
}

static void
render_stacked (CgComparePage *self)
{
  guint n = cg_comparison_get_n_roles (self->comparison);
  GtkWidget *roles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gboolean live_started = FALSE;

  for (guint i = 0; i < n; i++)
    gtk_box_append (GTK_BOX (roles), new_role_heading (self, i, "heading"));
  gtk_widget_add_css_class (roles, "cg-compare-roles");
  gtk_box_append (self->stacked_box, roles);

  for (guint r = 0; r < cg_comparison_get_n_rows (self->comparison); r++)
    {
      const CgCompareRow *row = cg_comparison_get_row (self->comparison, r);
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

      if (row->kind == CG_COMPARE_ROW_LIVE && !live_started)
        {
          append_section_heading (self, self->stacked_box);
          live_started = TRUE;
        }

      gtk_box_append (GTK_BOX (box), new_aspect_header (row, FALSE));
      for (guint i = 0; i < n; i++)
        {
          GtkWidget *name = new_label (cg_comparison_get_role_name (self->comparison, i), "caption-heading");

          gtk_widget_add_css_class (name, "dim-label");
          gtk_widget_set_margin_top (name, 4);
          gtk_box_append (GTK_BOX (box), name);
          gtk_box_append (GTK_BOX (box), new_value_label (row->values[i]));
        }

      gtk_widget_add_css_class (box, "cg-compare-card");
      if (row->differs)
        gtk_widget_add_css_class (box, "cg-differs");
      gtk_box_append (self->stacked_box, box);
      g_ptr_array_add (self->stacked_rows, box);
    }

  if (!live_started)
    append_section_heading (self, self->stacked_box);
}

static void
render (CgComparePage *self)
{
  remove_children (self->column_header_box);
  remove_children (self->table_box);
  remove_children (self->stacked_box);
  g_ptr_array_set_size (self->table_rows, 0);
  g_ptr_array_set_size (self->stacked_rows, 0);
  g_ptr_array_set_size (self->live_notes, 0);
  g_clear_object (&self->header_group);

  if (self->comparison == NULL)
    {
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      return;
    }

  self->header_group = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
  render_table (self);
  render_stacked (self);
  apply_visibility (self);
  gtk_stack_set_visible_child_name (self->content_stack, "table");
}

/* The live figures, computed by the core off the main thread */

typedef struct {
  CgComparePage *self;
  char          *region;
  char          *today;
  guint          generation;
} FiguresRequest;

static void
figures_request_free (FiguresRequest *request)
{
  g_object_unref (request->self);
  g_free (request->region);
  g_free (request->today);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FiguresRequest, figures_request_free)

static void
set_regions (CgComparePage *self,
             char         **regions)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, _("All regions"));
  for (guint i = 0; regions != NULL && regions[i] != NULL; i++)
    {
      gtk_string_list_append (model, regions[i]);
      if (g_strcmp0 (regions[i], self->region) == 0)
        selected = i + 1;
    }

  /* a region typed in by code that no posting names stays offered */
  if (self->region != NULL && selected == 0)
    {
      gtk_string_list_append (model, self->region);
      selected = g_list_model_get_n_items (G_LIST_MODEL (model)) - 1;
    }

  self->updating = TRUE;
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (model));
  gtk_drop_down_set_selected (self->region_dropdown, selected);
  self->updating = FALSE;
}

static void
figures_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(FiguresRequest) request = user_data;
  CgComparePage *self = request->self;
  g_autoptr(GError) error = NULL;
  GPtrArray *figures = cg_compare_compute_figures_finish (CG_LIBRARY (source), result, &error);

  /* a newer request is on its way: this answer is stale */
  if (request->generation != self->generation || self->comparison == NULL)
    {
      g_clear_pointer (&figures, g_ptr_array_unref);
      return;
    }

  g_clear_error (&self->figures_error);
  if (figures == NULL)
    {
      g_warning ("Cannot compute the comparison's figures: %s", error->message);
      self->figures_error = g_steal_pointer (&error);
    }
  else
    cg_comparison_set_figures (self->comparison, figures, request->region, request->today);

  set_loading (self, FALSE);
  render (self);
}

static void
regions_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CgComparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) regions = cg_stats_list_regions_finish (CG_LIBRARY (source), result, &error);

  if (regions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot list the regions: %s", error->message);
      return;
    }

  set_regions (self, regions);
}

static void
start_regions (CgComparePage *self)
{
  g_cancellable_cancel (self->regions_cancellable);
  g_clear_object (&self->regions_cancellable);

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  self->regions_cancellable = g_cancellable_new ();
  /* cancelled (a newer list is coming, or the page is gone): no answer */
  cg_stats_list_regions_async (self->library, self->regions_cancellable, regions_done_cb,
                               g_object_ref (self));
}

static void
start_figures (CgComparePage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  FiguresRequest *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->comparison == NULL)
    {
      set_loading (self, FALSE);
      return;
    }

  self->cancellable = g_cancellable_new ();
  request = g_new0 (FiguresRequest, 1);
  request->self = g_object_ref (self);
  request->region = g_strdup (self->region);
  request->today = g_date_time_format (now, "%Y-%m-%d");
  request->generation = ++self->generation;

  set_loading (self, TRUE);

  /* stale answers are dropped by figures_done_cb by their generation */
  cg_compare_compute_figures_async (self->library, cg_comparison_get_slugs (self->comparison),
                                    request->region, request->today, self->cancellable,
                                    figures_done_cb, request);
}

/* The written rows now, the figures when they are ready. */
static void
rebuild (CgComparePage *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->comparison, cg_comparison_free);
  g_clear_error (&self->figures_error);

  if (self->library != NULL && cg_library_is_open (self->library) && self->slugs->len > 0)
    {
      g_ptr_array_add (self->slugs, NULL);
      self->comparison = cg_comparison_new_for_library (self->library,
                                                        (const char * const *) self->slugs->pdata,
                                                        &error);
      g_ptr_array_set_size (self->slugs, self->slugs->len - 1);
      if (self->comparison == NULL)
        g_warning ("Cannot compare the roles: %s", error->message);
    }

  render (self);
  start_figures (self);
}

/* Actions */

static void
add_role_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CgComparePage *self = CG_COMPARE_PAGE (widget);
  g_autofree char *next = NULL;
  guint index;

  if (self->slugs->len >= CG_COMPARE_MAX_ROLES || self->roles == NULL)
    return;

  /* a role related to the last one first, else the first one not compared */
  if (self->slugs->len > 0)
    {
      guint position = role_position (self, g_ptr_array_index (self->slugs, self->slugs->len - 1));
      g_autoptr(CgRole) last = role_at (self, position);

      if (last != NULL && cg_role_get_related (last) != NULL)
        {
          g_auto(GStrv) related = g_strsplit (cg_role_get_related (last), "\n", -1);

          for (guint i = 0; related[i] != NULL && next == NULL; i++)
            if (*related[i] && !has_slug (self, related[i]) &&
                role_position (self, related[i]) != GTK_INVALID_LIST_POSITION)
              next = g_strdup (related[i]);
        }
    }
  for (guint i = 0; next == NULL && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);

      if (!has_slug (self, cg_role_get_slug (role)))
        next = g_strdup (cg_role_get_slug (role));
    }
  if (next == NULL)
    return;

  index = self->slugs->len;
  g_ptr_array_add (self->slugs, g_steal_pointer (&next));
  sync_pickers (self);
  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->picker_dropdowns[index]));
}

static void
remove_role_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgComparePage *self = CG_COMPARE_PAGE (widget);
  int index = g_variant_get_int32 (parameter);

  if (index < 0 || (guint) index >= self->slugs->len || self->slugs->len <= MIN_ROLES)
    return;

  g_ptr_array_remove_index (self->slugs, index);
  sync_pickers (self);
  rebuild (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->picker_dropdowns[MIN ((guint) index, self->slugs->len - 1)]));
}

static void
swap_slugs (CgComparePage *self,
            guint          a,
            guint          b)
{
  char *slug;

  if (a >= self->slugs->len || b >= self->slugs->len || a == b)
    return;

  slug = self->slugs->pdata[a];
  self->slugs->pdata[a] = self->slugs->pdata[b];
  self->slugs->pdata[b] = slug;
  sync_pickers (self);
  rebuild (self);
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgComparePage *self = CG_COMPARE_PAGE (widget);
  int index = g_variant_get_int32 (parameter);
  int other = index + (g_str_equal (action_name, "compare.move-left") ? -1 : 1);

  if (index < 0 || other < 0)
    return;

  swap_slugs (self, index, other);
  gtk_widget_grab_focus (GTK_WIDGET (self->picker_dropdowns[MIN ((guint) other, self->slugs->len - 1)]));
}

static void
swap_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  swap_slugs (CG_COMPARE_PAGE (widget), 0, 1);
}

/* The comparison as shown (only the differing rows, when so chosen) as
 * Markdown or CSV; NULL before there is one. */
char *
cg_compare_page_dup_export (CgComparePage *self,
                            gboolean       csv)
{
  gboolean only_differences;

  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), NULL);

  if (self->comparison == NULL)
    return NULL;

  only_differences = gtk_toggle_button_get_active (self->differences_button);
  return csv ? cg_compare_export_csv (self->comparison, only_differences)
             : cg_compare_export_markdown (self->comparison, only_differences);
}

static void
show_toast (CgComparePage *self,
            const char    *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
copy_markdown_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgComparePage *self = CG_COMPARE_PAGE (widget);
  g_autofree char *markdown = cg_compare_page_dup_export (self, FALSE);

  if (markdown == NULL)
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), markdown);
  show_toast (self, _("Comparison copied as Markdown"));
}

static void
export_written_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(CgComparePage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *name = g_file_get_basename (G_FILE (source));

  if (!g_file_replace_contents_finish (G_FILE (source), result, NULL, &error))
    message = g_strdup_printf (_("Cannot save “%s”: %s"), name, error->message);
  else
    message = g_strdup_printf (_("Comparison saved as “%s”"), name);

  show_toast (self, message);
}

static void
export_response (GtkNativeDialog *dialog,
                 int              response,
                 CgComparePage   *self,
                 gboolean         csv)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      char *text = cg_compare_page_dup_export (self, csv);

      if (file != NULL && text != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new_take (text, strlen (text));

          g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                               NULL, export_written_cb, g_object_ref (self));
        }
      else
        g_free (text);
    }

  g_object_unref (dialog);
}

static void
export_markdown_response_cb (GtkNativeDialog *dialog,
                             int              response,
                             CgComparePage   *self)
{
  export_response (dialog, response, self, FALSE);
}

static void
export_csv_response_cb (GtkNativeDialog *dialog,
                        int              response,
                        CgComparePage   *self)
{
  export_response (dialog, response, self, TRUE);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgComparePage *self = CG_COMPARE_PAGE (widget);
  gboolean csv = g_str_equal (action_name, "compare.export-csv");
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  if (self->comparison == NULL)
    return;

  dialog = gtk_file_chooser_native_new (csv ? _("Export the Comparison as CSV")
                                            : _("Export the Comparison as Markdown"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog),
                                     /* Translators: file names offered for an export */
                                     csv ? _("comparison.csv") : _("comparison.md"));
  if (csv)
    {
      gtk_file_filter_set_name (filter, _("CSV spreadsheets"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_pattern (filter, "*.csv");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Markdown documents"));
      gtk_file_filter_add_mime_type (filter, "text/markdown");
      gtk_file_filter_add_pattern (filter, "*.md");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  g_signal_connect_object (dialog, "response",
                           csv ? G_CALLBACK (export_csv_response_cb) : G_CALLBACK (export_markdown_response_cb),
                           self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* Controls */

static void
region_changed_cb (CgComparePage *self)
{
  guint selected = gtk_drop_down_get_selected (self->region_dropdown);
  GListModel *model = gtk_drop_down_get_model (self->region_dropdown);
  const char *region = NULL;

  if (self->updating || model == NULL)
    return;

  if (selected != 0 && selected != GTK_INVALID_LIST_POSITION)
    region = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);

  if (g_strcmp0 (region, self->region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  start_figures (self);
}

static void
differences_toggled_cb (CgComparePage *self)
{
  apply_visibility (self);
}

static gboolean
update_header_cb (gpointer user_data)
{
  CgComparePage *self = user_data;

  self->layout_source = 0;
  /* the role names above the rows belong to the table layout */
  gtk_widget_set_visible (self->header_scroller, !cg_compare_page_is_stacked (self));
  return G_SOURCE_REMOVE;
}

static void
layout_changed_cb (CgComparePage *self)
{
  /* the squeezer tells during its size allocation, when no size may
   * change: the next main loop iteration does it */
  if (self->layout_source == 0)
    self->layout_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_header_cb, self, NULL);
}

/* TRUE when the rows are stacked, the columns not fitting. */
gboolean
cg_compare_page_is_stacked (CgComparePage *self)
{
  g_autoptr(GtkWidget) visible = NULL;

  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), FALSE);

  /* by name: AdwSqueezer is deprecated in newer libadwaita */
  g_object_get (self->squeezer, "visible-child", &visible, NULL);
  return visible == GTK_WIDGET (self->stacked_box);
}

static void
load_css (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (loaded || gdk_display_get_default () == NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/cg-compare-page.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  loaded = TRUE;
}

static void
cg_compare_page_dispose (GObject *object)
{
  CgComparePage *self = CG_COMPARE_PAGE (object);

  g_clear_object (&self->watch);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->regions_cancellable);
  g_clear_object (&self->regions_cancellable);
  g_clear_handle_id (&self->layout_source, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_COMPARE_PAGE);
  g_clear_object (&self->header_group);
  g_clear_object (&self->library);
  g_clear_object (&self->roles);
  g_clear_object (&self->role_names);
  g_clear_pointer (&self->comparison, cg_comparison_free);

  G_OBJECT_CLASS (cg_compare_page_parent_class)->dispose (object);
}

static void
cg_compare_page_finalize (GObject *object)
{
  CgComparePage *self = CG_COMPARE_PAGE (object);

  g_ptr_array_unref (self->slugs);
  g_ptr_array_unref (self->table_rows);
  g_ptr_array_unref (self->stacked_rows);
  g_ptr_array_unref (self->live_notes);
  g_free (self->region);
  g_clear_error (&self->figures_error);

  G_OBJECT_CLASS (cg_compare_page_parent_class)->finalize (object);
}

static void
cg_compare_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CgComparePage *self = CG_COMPARE_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_compare_page_class_init (CgComparePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_compare_page_dispose;
  object_class->finalize = cg_compare_page_finalize;
  object_class->get_property = cg_compare_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-compare-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, picker_box);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, differences_button);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, export_stack);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, header_scroller);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, column_header_box);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, squeezer);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, table_box);
  gtk_widget_class_bind_template_child (widget_class, CgComparePage, stacked_box);
  gtk_widget_class_bind_template_callback (widget_class, region_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, differences_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, layout_changed_cb);

  gtk_widget_class_install_action (widget_class, "compare.add-role", NULL, add_role_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.remove-role", "i", remove_role_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.move-left", "i", move_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.move-right", "i", move_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.swap", NULL, swap_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.copy-markdown", NULL, copy_markdown_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.export-markdown", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "compare.export-csv", NULL, export_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_compare_page_init (CgComparePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  load_css ();

  self->slugs = g_ptr_array_new_with_free_func (g_free);
  self->table_rows = g_ptr_array_new ();
  self->stacked_rows = g_ptr_array_new ();
  self->live_notes = g_ptr_array_new ();

  {
    g_autoptr(GtkExpression) expression = string_expression ();

    gtk_drop_down_set_expression (self->region_dropdown, expression);
  }
  /* a long region's name is cut short rather than widen the page */
  cg_drop_down_show_names (self->region_dropdown, 8);
  create_pickers (self);
  set_regions (self, NULL);
  sync_pickers (self);
  set_loading (self, FALSE);
}

GtkWidget *
cg_compare_page_new (void)
{
  return g_object_new (CG_TYPE_COMPARE_PAGE, NULL);
}

/* Keeps the compared roles the library still has; with fewer than two,
 * adds the default ones, then the first ones. */
static void
settle_slugs (CgComparePage *self)
{
  for (guint i = self->slugs->len; i > 0; i--)
    if (role_position (self, g_ptr_array_index (self->slugs, i - 1)) == GTK_INVALID_LIST_POSITION)
      g_ptr_array_remove_index (self->slugs, i - 1);

  for (guint i = 0; default_roles[i] != NULL && self->slugs->len < MIN_ROLES; i++)
    if (!has_slug (self, default_roles[i]) && role_position (self, default_roles[i]) != GTK_INVALID_LIST_POSITION)
      g_ptr_array_add (self->slugs, g_strdup (default_roles[i]));

  for (guint i = 0; self->roles != NULL && i < g_list_model_get_n_items (self->roles) &&
                    self->slugs->len < MIN_ROLES; i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);

      if (!has_slug (self, cg_role_get_slug (role)))
        g_ptr_array_add (self->slugs, g_strdup (cg_role_get_slug (role)));
    }
}

/* Reads the roles again and recomputes the comparison (after an import,
 * or when the library changed). */
void
cg_compare_page_reload (CgComparePage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CG_IS_COMPARE_PAGE (self));

  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  g_clear_object (&self->roles);
  g_clear_object (&self->role_names);

  if (self->library != NULL && cg_library_is_open (self->library))
    {
      self->roles = cg_library_list (self->library, CG_LIBRARY_KIND_ROLES, &error);
      if (self->roles == NULL)
        g_warning ("Cannot list the roles: %s", error->message);
    }

  self->role_names = gtk_string_list_new (NULL);
  for (guint i = 0; self->roles != NULL && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);

      gtk_string_list_append (self->role_names, cg_role_get_name (role));
    }

  self->updating = TRUE;
  for (guint i = 0; i < CG_COMPARE_MAX_ROLES; i++)
    gtk_drop_down_set_model (self->picker_dropdowns[i], G_LIST_MODEL (self->role_names));
  self->updating = FALSE;

  settle_slugs (self);
  sync_pickers (self);
  rebuild (self);
  start_regions (self);
}

void
cg_compare_page_set_library (CgComparePage *self,
                             CgLibrary     *library)
{
  g_return_if_fail (CG_IS_COMPARE_PAGE (self));
  g_return_if_fail (library == NULL || CG_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_clear_object (&self->watch);
  if (library != NULL)
    self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                        CG_LIBRARY_CHANGE_ROLES | CG_LIBRARY_CHANGE_JOBS |
                                        CG_LIBRARY_CHANGE_GUIDES | CG_LIBRARY_CHANGE_FAQ,
                                        (CgLibraryWatchFunc) cg_compare_page_reload);
  cg_compare_page_reload (self);
}

/* Compares @slugs (role slugs, in column order): the ones the library
 * does not know are left out, and only the first four count. */
void
cg_compare_page_set_roles (CgComparePage      *self,
                           const char * const *slugs)
{
  g_return_if_fail (CG_IS_COMPARE_PAGE (self));

  g_ptr_array_set_size (self->slugs, 0);
  for (guint i = 0; slugs != NULL && slugs[i] != NULL && self->slugs->len < CG_COMPARE_MAX_ROLES; i++)
    if (!has_slug (self, slugs[i]) &&
        (self->roles == NULL || role_position (self, slugs[i]) != GTK_INVALID_LIST_POSITION))
      g_ptr_array_add (self->slugs, g_strdup (slugs[i]));

  sync_pickers (self);
  rebuild (self);
}

/* The compared role slugs, in column order. */
char **
cg_compare_page_dup_roles (CgComparePage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), NULL);

  for (guint i = 0; i < self->slugs->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->slugs, i));
  return g_strv_builder_end (builder);
}

/* Counts only the postings of @region (see cg-stats.h), NULL for all. */
void
cg_compare_page_set_region (CgComparePage *self,
                            const char    *region)
{
  GListModel *model;
  guint selected = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (CG_IS_COMPARE_PAGE (self));

  if (region != NULL && *region == '\0')
    region = NULL;
  if (g_strcmp0 (region, self->region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);

  /* show it in the drop-down, adding it if the postings do not name it */
  model = gtk_drop_down_get_model (self->region_dropdown);
  for (guint i = 1; region != NULL && i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), region) == 0)
      selected = i;
  self->updating = TRUE;
  if (region == NULL)
    gtk_drop_down_set_selected (self->region_dropdown, 0);
  else if (selected != GTK_INVALID_LIST_POSITION)
    gtk_drop_down_set_selected (self->region_dropdown, selected);
  else
    {
      gtk_string_list_append (GTK_STRING_LIST (model), region);
      gtk_drop_down_set_selected (self->region_dropdown, g_list_model_get_n_items (model) - 1);
    }
  self->updating = FALSE;

  start_figures (self);
}

const char *
cg_compare_page_get_region (CgComparePage *self)
{
  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), NULL);

  return self->region;
}

void
cg_compare_page_set_only_differences (CgComparePage *self,
                                      gboolean       only_differences)
{
  g_return_if_fail (CG_IS_COMPARE_PAGE (self));

  gtk_toggle_button_set_active (self->differences_button, only_differences);
}

gboolean
cg_compare_page_get_only_differences (CgComparePage *self)
{
  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), FALSE);

  return gtk_toggle_button_get_active (self->differences_button);
}

/* TRUE while the figures are being computed. */
gboolean
cg_compare_page_get_loading (CgComparePage *self)
{
  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), FALSE);

  return self->loading;
}

const CgComparison *
cg_compare_page_get_comparison (CgComparePage *self)
{
  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), NULL);

  return self->comparison;
}

/* The row of the table layout showing the comparison row @key (see
 * CgCompareRow), or NULL. */
GtkWidget *
cg_compare_page_get_row_widget (CgComparePage *self,
                                const char    *key)
{
  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), NULL);

  if (self->comparison == NULL)
    return NULL;

  for (guint i = 0; i < self->table_rows->len; i++)
    if (g_strcmp0 (cg_comparison_get_row (self->comparison, i)->key, key) == 0)
      return g_ptr_array_index (self->table_rows, i);

  return NULL;
}

GtkDropDown *
cg_compare_page_get_role_dropdown (CgComparePage *self,
                                   guint          index)
{
  g_return_val_if_fail (CG_IS_COMPARE_PAGE (self), NULL);
  g_return_val_if_fail (index < CG_COMPARE_MAX_ROLES, NULL);

  return self->picker_dropdowns[index];
}
