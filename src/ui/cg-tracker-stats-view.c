/* cg-tracker-stats-view.c: the Applications page's personal statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What cg_tracker_get_stats() measures, drawn with plain widgets: totals
 * and the response rate as tiles, the funnel (applied, interviewing,
 * offer, accepted) and the applications in each stage as horizontal level
 * bars with the median days spent there, and the applications of each of
 * the last weeks as vertical bars. Every bar has an accessible label that
 * says what it shows in words.
 */
#define G_LOG_DOMAIN "cg-tracker-stats-view"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cg-tracker-stats-view.h"

struct _CgTrackerStatsView
{
  GtkWidget  parent_instance;

  GtkWidget *scroller;
  GtkWidget *content;   /* rebuilt by set_stats */
};

G_DEFINE_FINAL_TYPE (CgTrackerStatsView, cg_tracker_stats_view, GTK_TYPE_WIDGET)

static void
cg_tracker_stats_view_dispose (GObject *object)
{
  CgTrackerStatsView *self = CG_TRACKER_STATS_VIEW (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (cg_tracker_stats_view_parent_class)->dispose (object);
}

static void
cg_tracker_stats_view_class_init (CgTrackerStatsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_tracker_stats_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_tracker_stats_view_init (CgTrackerStatsView *self)
{
  GtkWidget *clamp = adw_clamp_new ();

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (self->scroller, TRUE);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  gtk_widget_set_margin_top (clamp, 18);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), clamp);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
}

GtkWidget *
cg_tracker_stats_view_new (void)
{
  return g_object_new (CG_TYPE_TRACKER_STATS_VIEW, NULL);
}

static GtkWidget *
new_label (const char *text,
           const char *css_class,
           float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
new_section (GtkWidget  *content,
             const char *title,
             const char *description)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = g_object_new (GTK_TYPE_LABEL, "label", title, "xalign", 0.0f,
                                     "accessible-role", GTK_ACCESSIBLE_ROLE_HEADING, NULL);

  gtk_widget_add_css_class (heading, "heading");
  gtk_accessible_update_property (GTK_ACCESSIBLE (heading), GTK_ACCESSIBLE_PROPERTY_LEVEL, 2, -1);
  gtk_box_append (GTK_BOX (box), heading);
  if (description != NULL)
    {
      GtkWidget *label = new_label (description, "dim-label", 0);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (box), label);
    }
  gtk_box_append (GTK_BOX (content), box);
  return box;
}

/* A level bar in the accent colour alone (no low/high/full steps). */
static GtkWidget *
new_bar (double      value,
         double      max,
         const char *accessible_label)
{
  GtkWidget *bar = gtk_level_bar_new_for_interval (0, MAX (max, 1));

  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_set_value (GTK_LEVEL_BAR (bar), value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (bar), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible_label, -1);
  gtk_widget_set_tooltip_text (bar, accessible_label);
  return bar;
}

static GtkWidget *
new_tile (const char *value,
          const char *caption)
{
  GtkWidget *tile = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *number = new_label (value, "title-1", 0.5f);
  GtkWidget *text = new_label (caption, "dim-label", 0.5f);
  g_autofree char *summary = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (tile, "card");
  gtk_widget_add_css_class (tile, "cg-stat-tile");
  gtk_widget_add_css_class (number, "numeric");
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 8);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  gtk_box_append (GTK_BOX (tile), number);
  gtk_box_append (GTK_BOX (tile), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (tile), GTK_ACCESSIBLE_PROPERTY_LABEL, summary, -1);
  return tile;
}

/* A row of a bar chart: name, bar, figure, and an optional note. */
static void
attach_bar_row (GtkGrid    *grid,
                int         row,
                const char *name,
                double      value,
                double      max,
                const char *figure,
                const char *note)
{
  g_autofree char *label = g_strdup_printf ("%s: %s", name, figure);
  GtkWidget *name_label = new_label (name, NULL, 0);
  GtkWidget *bar = new_bar (value, max, label);
  GtkWidget *figure_label = new_label (figure, "numeric", 1);

  gtk_label_set_ellipsize (GTK_LABEL (name_label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name_label), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 16);
  gtk_widget_set_hexpand (bar, TRUE);
  gtk_widget_set_valign (bar, GTK_ALIGN_CENTER);
  gtk_grid_attach (grid, name_label, 0, row, 1, 1);
  gtk_grid_attach (grid, bar, 1, row, 1, 1);
  gtk_grid_attach (grid, figure_label, 2, row, 1, 1);
  if (note != NULL)
    {
      GtkWidget *note_label = new_label (note, "dim-label", 1);

      gtk_widget_add_css_class (note_label, "caption");
      gtk_widget_add_css_class (note_label, "numeric");
      gtk_grid_attach (grid, note_label, 3, row, 1, 1);
    }
}

static GtkWidget *
new_grid (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 8);
  gtk_widget_add_css_class (grid, "card");
  gtk_widget_add_css_class (grid, "cg-stat-chart");
  return grid;
}

static char *
percent (guint part,
         guint whole)
{
  if (whole == 0)
    return g_strdup ("—");
  /* Translators: a share, e.g. "40%" */
  return g_strdup_printf (_("%.0f%%"), 100.0 * part / whole);
}

static char *
short_date (const char *iso_date)
{
  int y, m, d;
  g_autoptr(GDateTime) date = NULL;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      (date = g_date_time_new_local (y, m, d, 0, 0, 0)) == NULL)
    return g_strdup (iso_date ? iso_date : "");

  /* Translators: a day in a chart's axis, see g_date_time_format() */
  return g_date_time_format (date, _("%b %-d"));
}

static void
add_summary (CgTrackerStatsView   *self,
             const CgTrackerStats *stats)
{
  GtkWidget *tiles = gtk_flow_box_new ();
  g_autofree char *total = g_strdup_printf ("%u", stats->total);
  g_autofree char *applied = g_strdup_printf ("%u", stats->applied);
  g_autofree char *rate = stats->applied > 0 ? g_strdup_printf (_("%.0f%%"), 100 * stats->response_rate)
                                             : g_strdup ("—");
  g_autofree char *offers = g_strdup_printf ("%u", stats->offer);

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (tiles), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (tiles), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (tiles), 2);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (tiles), 4);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (tiles), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (tiles), 12);
  gtk_flow_box_append (GTK_FLOW_BOX (tiles), new_tile (total, _("Tracked")));
  gtk_flow_box_append (GTK_FLOW_BOX (tiles), new_tile (applied, _("Applied")));
  gtk_flow_box_append (GTK_FLOW_BOX (tiles), new_tile (rate, _("Response rate")));
  gtk_flow_box_append (GTK_FLOW_BOX (tiles), new_tile (offers, _("Offers")));
  /* the tiles are not things to pick */
  for (GtkWidget *child = gtk_widget_get_first_child (tiles); child;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  gtk_box_append (GTK_BOX (self->content), tiles);
}

static void
add_funnel (CgTrackerStatsView   *self,
            const CgTrackerStats *stats)
{
  GtkWidget *section = new_section (self->content, _("Funnel"),
                                    _("How many applications reached each step, and how many of "
                                      "those applied got there."));
  GtkWidget *grid = new_grid ();
  const struct { const char *name; guint value; } steps[] = {
    { N_("Applied"), stats->applied },
    { N_("Interviewing"), stats->interviewing },
    { N_("Offer"), stats->offer },
    { N_("Accepted"), stats->accepted },
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autofree char *share = percent (steps[i].value, stats->applied);
      g_autofree char *figure = g_strdup_printf ("%u", steps[i].value);

      attach_bar_row (GTK_GRID (grid), i, _(steps[i].name), steps[i].value, stats->applied,
                      figure, i > 0 ? share : NULL);
    }
  gtk_box_append (GTK_BOX (section), grid);

  if (stats->applied > 0)
    {
      g_autofree char *text = g_strdup_printf (
        ngettext ("%u of %u application heard back (%.0f%%).",
                  "%u of %u applications heard back (%.0f%%).", stats->applied),
        stats->responded, stats->applied, 100 * stats->response_rate);
      GtkWidget *label = new_label (text, "dim-label", 0);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_box_append (GTK_BOX (section), label);
    }
}

static void
add_stages (CgTrackerStatsView   *self,
            const CgTrackerStats *stats)
{
  GtkWidget *section = new_section (self->content, _("By Stage"),
                                    _("Applications in each stage now, and the median time "
                                      "they spent there before moving on."));
  GtkWidget *grid = new_grid ();
  guint max = 1;

  for (guint i = 0; i < stats->stages->len; i++)
    max = MAX (max, ((CgTrackerStageStats *) g_ptr_array_index (stats->stages, i))->count);

  for (guint i = 0; i < stats->stages->len; i++)
    {
      CgTrackerStageStats *s = g_ptr_array_index (stats->stages, i);
      g_autofree char *figure = g_strdup_printf ("%u", s->count);
      g_autofree char *note = NULL;

      if (s->median_days >= 0)
        note = g_strdup_printf (ngettext ("median %.1f day", "median %.1f days",
                                          (gulong) (s->median_days + 0.5)), s->median_days);
      else
        note = g_strdup (_("median —"));
      attach_bar_row (GTK_GRID (grid), i, s->name, s->count, max, figure, note);
    }
  gtk_box_append (GTK_BOX (section), grid);
}

static void
add_weeks (CgTrackerStatsView   *self,
           const CgTrackerStats *stats)
{
  g_autofree char *description = g_strdup_printf (
    ngettext ("Applications by their date applied, over the last %u week.",
              "Applications by their date applied, over the last %u weeks.", stats->weeks->len),
    stats->weeks->len);
  GtkWidget *section = new_section (self->content, _("Applications per Week"), description);
  GtkWidget *chart = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  guint max = 1;

  gtk_box_set_homogeneous (GTK_BOX (chart), TRUE);
  gtk_widget_add_css_class (chart, "card");
  gtk_widget_add_css_class (chart, "cg-stat-chart");
  for (guint i = 0; i < stats->weeks->len; i++)
    max = MAX (max, ((CgTrackerWeekStats *) g_ptr_array_index (stats->weeks, i))->count);

  for (guint i = 0; i < stats->weeks->len; i++)
    {
      CgTrackerWeekStats *w = g_ptr_array_index (stats->weeks, i);
      GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
      g_autofree char *count = g_strdup_printf ("%u", w->count);
      g_autofree char *day = short_date (w->monday);
      g_autofree char *label = g_strdup_printf (ngettext ("Week of %s: %u application",
                                                          "Week of %s: %u applications", w->count),
                                                w->monday, w->count);
      GtkWidget *bar = new_bar (w->count, max, label);
      GtkWidget *day_label = new_label (day, "caption", 0.5f);

      gtk_orientable_set_orientation (GTK_ORIENTABLE (bar), GTK_ORIENTATION_VERTICAL);
      gtk_level_bar_set_inverted (GTK_LEVEL_BAR (bar), TRUE);
      gtk_widget_set_size_request (bar, 14, 120);
      gtk_widget_add_css_class (bar, "cg-week-bar");
      gtk_widget_set_halign (bar, GTK_ALIGN_CENTER);
      gtk_widget_set_vexpand (bar, TRUE);
      gtk_widget_add_css_class (day_label, "dim-label");
      gtk_label_set_ellipsize (GTK_LABEL (day_label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (column), new_label (count, "numeric", 0.5f));
      gtk_box_append (GTK_BOX (column), bar);
      gtk_box_append (GTK_BOX (column), day_label);
      gtk_box_append (GTK_BOX (chart), column);
    }
  gtk_box_append (GTK_BOX (section), chart);
}

/* Shows @stats (NULL: nothing). */
void
cg_tracker_stats_view_set_stats (CgTrackerStatsView   *self,
                                 const CgTrackerStats *stats)
{
  GtkWidget *child;

  g_return_if_fail (CG_IS_TRACKER_STATS_VIEW (self));

  while ((child = gtk_widget_get_first_child (self->content)) != NULL)
    gtk_box_remove (GTK_BOX (self->content), child);

  if (stats == NULL)
    return;

  add_summary (self, stats);
  add_funnel (self, stats);
  add_stages (self, stats);
  add_weeks (self, stats);
}
