/* cg-chart-a11y.c: a chart for assistive technologies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The chart is an image whose accessible label is its title and whose
 * description lists every value; cg_chart_build_table() gives the same
 * data as a table of labels (the chart card shows it on request).
 */
#define G_LOG_DOMAIN "cg-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-chart-private.h"

/* Data changes */

void
_cg_chart_update_accessible (CgChart *self)
{
  g_autofree char *description = cg_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/* A sentence or two saying what the chart shows, value by value, e.g.
 * "Work arrangement: On-site 84% (Published), 67% (Live); Hybrid ...". */
char *
cg_chart_dup_description (CgChart *self)
{
  GString *text;
  const char *title;
  gboolean named;

  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  title = self->title != NULL && *self->title != '\0' ? self->title : _("Chart");
  if (cg_chart_is_empty (self))
    /* Translators: the description of a chart without data; %s is its title */
    return g_strdup_printf (_("%s: no postings to chart."), title);

  named = _cg_chart_n_series (self) > 1 && _cg_chart_series_named (self);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s: ", title);
  for (guint c = 0; c < _cg_chart_n_categories (self); c++)
    {
      gboolean first = TRUE;

      if (c > 0)
        g_string_append (text, "; ");
      g_string_append (text, _cg_chart_get_category (self, c)->label);
      for (guint s = 0; s < _cg_chart_n_series (self); s++)
        {
          g_autofree char *value = NULL;

          if (!_cg_chart_has_value (self, s, c))
            continue;
          value = _cg_chart_format_long (self, _cg_chart_get_value (self, s, c));
          g_string_append (text, first ? " " : ", ");
          if (named)
            /* Translators: a value and its series in a chart's description,
             * e.g. "84% (Published)" */
            g_string_append_printf (text, C_("chart description", "%s (%s)"),
                                    value, _cg_chart_series_name (self, s));
          else
            g_string_append (text, value);
          first = FALSE;
        }
    }
  g_string_append (text, ".");

  if (self->kind == CG_CHART_HISTOGRAM && self->has_markers)
    {
      g_autofree char *median = _cg_chart_format_range (self, self->median);
      g_autofree char *q1 = _cg_chart_format_range (self, self->q1);
      g_autofree char *q3 = _cg_chart_format_range (self, self->q3);

      g_string_append (text, " ");
      /* Translators: the median and quartiles in a chart's description */
      g_string_append_printf (text, _("Median %s; the middle half from %s to %s."), median, q1, q3);
    }
  return g_string_free (text, FALSE);
}

static GtkWidget *
table_label (const char *text,
             float       xalign,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* The chart's data as a table of labels: a row per category, a column per
 * series; for a histogram, its median and quartiles after. */
GtkWidget *
cg_chart_build_table (CgChart *self)
{
  GtkGrid *grid;
  guint ns;
  int row = 1;

  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  if (cg_chart_is_empty (self))
    return table_label (_("No postings to chart"), 0.5, "dim-label");

  ns = _cg_chart_n_series (self);
  grid = GTK_GRID (gtk_grid_new ());
  gtk_grid_set_column_spacing (grid, 24);
  gtk_grid_set_row_spacing (grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->title != NULL ? self->title : "",
                                  -1);

  gtk_grid_attach (grid, table_label (self->category_title != NULL ? self->category_title
                                                                   : C_("chart table", "Category"),
                                      0, "heading"),
                   0, 0, 1, 1);
  for (guint s = 0; s < ns; s++)
    {
      const char *name = *_cg_chart_series_name (self, s) != '\0' ? _cg_chart_series_name (self, s)
                         : self->unit != NULL && !_cg_chart_unit_is_percent (self) ? self->unit
                         : C_("chart table", "Value");
      GtkWidget *header = table_label (name, 1, "heading");

      gtk_label_set_wrap (GTK_LABEL (header), FALSE);
      gtk_grid_attach (grid, header, 1 + s, 0, 1, 1);
    }

  for (guint c = 0; c < _cg_chart_n_categories (self); c++, row++)
    {
      GtkWidget *label = table_label (_cg_chart_get_category (self, c)->label, 0, NULL);

      gtk_widget_set_hexpand (label, TRUE);
      gtk_grid_attach (grid, label, 0, row, 1, 1);
      for (guint s = 0; s < ns; s++)
        {
          g_autofree char *value = NULL;
          GtkWidget *cell;

          if (_cg_chart_has_value (self, s, c))
            value = _cg_chart_format_long (self, _cg_chart_get_value (self, s, c));
          cell = table_label (value != NULL ? value : "—", 1, "numeric");
          gtk_label_set_wrap (GTK_LABEL (cell), FALSE);
          gtk_grid_attach (grid, cell, 1 + s, row, 1, 1);
        }
    }

  if (self->kind == CG_CHART_HISTOGRAM && self->has_markers)
    {
      const char *names[] = { _("Lower quartile"), _("Median"), _("Upper quartile") };
      double values[] = { self->q1, self->median, self->q3 };

      gtk_grid_attach (grid, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL), 0, row++, 1 + ns, 1);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++, row++)
        {
          g_autofree char *value = _cg_chart_format_range (self, values[i]);

          gtk_grid_attach (grid, table_label (names[i], 0, NULL), 0, row, 1, 1);
          gtk_grid_attach (grid, table_label (value, 1, "numeric"), 1, row, ns, 1);
        }
    }
  return GTK_WIDGET (grid);
}
