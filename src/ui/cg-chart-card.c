/* cg-chart-card.c: a chart in a card, with its table and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One card of the Market page: a header with the chart's title, a
 * "Show as Table" toggle and a menu to export the chart as PNG or SVG,
 * then the chart, or the same data as a table, in a stack. The table is
 * built from the chart (cg_chart_build_table()) when it is first shown and
 * again whenever the chart's data changes while it is shown.
 */
#define G_LOG_DOMAIN "cg-chart-card"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-chart-card-private.h"

struct _CgChartCard
{
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkStack             *stack;
  CgChart              *chart;
  GtkScrolledWindow    *table_window;

  gboolean              show_table;
  gboolean              table_dirty;
  guint                 table_idle;

  GtkFileChooserNative *chooser;
  gboolean              export_svg;
};

enum {
  PROP_0,
  PROP_SHOW_TABLE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CgChartCard, cg_chart_card, GTK_TYPE_WIDGET)

static void
rebuild_table (CgChartCard *self)
{
  GtkWidget *table = cg_chart_build_table (self->chart);

  gtk_widget_set_margin_top (table, 6);
  gtk_widget_set_margin_bottom (table, 6);
  gtk_widget_set_margin_end (table, 4);
  gtk_scrolled_window_set_child (self->table_window, table);
  self->table_dirty = FALSE;
}

static gboolean
rebuild_table_idle_cb (gpointer user_data)
{
  CgChartCard *self = user_data;

  self->table_idle = 0;
  rebuild_table (self);
  return G_SOURCE_REMOVE;
}

static void
chart_changed_cb (CgChartCard *self)
{
  self->table_dirty = TRUE;
  if (self->show_table && self->table_idle == 0)
    self->table_idle = g_idle_add (rebuild_table_idle_cb, self);
}

/* "Work arrangement" -> "work-arrangement.png" */
static char *
suggested_name (CgChartCard *self,
                const char  *extension)
{
  const char *title = cg_chart_get_title (self->chart);
  g_autofree char *lower = g_utf8_strdown (title != NULL ? title : "", -1);
  GString *name = g_string_new (NULL);

  for (const char *p = lower; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (g_unichar_isalnum (ch))
        g_string_append_unichar (name, ch);
      else if (name->len > 0 && name->str[name->len - 1] != '-')
        g_string_append_c (name, '-');
    }
  while (name->len > 0 && name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  if (name->len == 0)
    g_string_append (name, C_("file name", "chart"));
  g_string_append_printf (name, ".%s", extension);
  return g_string_free (name, FALSE);
}

static void
show_error (CgChartCard  *self,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Could Not Export the Chart"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     CgChartCard     *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  int width;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      path = file != NULL ? g_file_get_path (file) : NULL;
      /* as wide as on screen, and never cramped */
      width = MAX (gtk_widget_get_width (GTK_WIDGET (self->chart)), 640);
      if (path == NULL)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Charts can only be exported to local files."));
      else if (self->export_svg)
        cg_chart_export_svg (self->chart, path, width, 0, &error);
      else
        cg_chart_export_png (self->chart, path, width, 0, &error);
      if (error != NULL)
        show_error (self, error);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgChartCard *self = CG_CHART_CARD (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  self->export_svg = g_strcmp0 (g_variant_get_string (parameter, NULL), "svg") == 0;
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }

  self->chooser = gtk_file_chooser_native_new (self->export_svg ? _("Export Chart as SVG")
                                                                : _("Export Chart as PNG"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  name = suggested_name (self, self->export_svg ? "svg" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  if (self->export_svg)
    {
      gtk_file_filter_set_name (filter, _("SVG Images"));
      gtk_file_filter_add_mime_type (filter, "image/svg+xml");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PNG Images"));
      gtk_file_filter_add_mime_type (filter, "image/png");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cg_chart_card_dispose (GObject *object)
{
  CgChartCard *self = CG_CHART_CARD (object);

  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  g_clear_handle_id (&self->table_idle, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cg_chart_card_parent_class)->dispose (object);
}

static void
cg_chart_card_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CgChartCard *self = CG_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      g_value_set_boolean (value, self->show_table);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, cg_chart_card_get_subtitle (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_card_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CgChartCard *self = CG_CHART_CARD (object);

  switch (prop_id)
    {
    case PROP_SHOW_TABLE:
      cg_chart_card_set_show_table (self, g_value_get_boolean (value));
      break;
    case PROP_SUBTITLE:
      cg_chart_card_set_subtitle (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_card_class_init (CgChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_chart_card_dispose;
  object_class->get_property = cg_chart_card_get_property;
  object_class->set_property = cg_chart_card_set_property;

  properties[PROP_SHOW_TABLE] =
    g_param_spec_boolean ("show-table", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "chart-card.show-table", "show-table");
  gtk_widget_class_install_action (widget_class, "chart-card.export", "s", export_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cg_chart_card_init (CgChartCard *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *header, *button, *table_window;

  gtk_widget_add_css_class (GTK_WIDGET (self), "card");

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_margin_start (self->box, 16);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (self->box), header);

  self->title_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title_label, 0);
  gtk_label_set_wrap (self->title_label, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->title_label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title_label), "heading");
  gtk_box_append (GTK_BOX (header), GTK_WIDGET (self->title_label));

  button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (button), "view-list-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Show as Table"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Show as Table"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "chart-card.show-table");
  gtk_box_append (GTK_BOX (header), button);

  g_menu_append (menu, _("Export as _PNG…"), "chart-card.export::png");
  g_menu_append (menu, _("Export as _SVG…"), "chart-card.export::svg");
  button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Export"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Export"), -1);
  gtk_box_append (GTK_BOX (header), button);

  self->subtitle_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->subtitle_label, 0);
  gtk_label_set_wrap (self->subtitle_label, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "dim-label");
  gtk_widget_add_css_class (GTK_WIDGET (self->subtitle_label), "caption");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->subtitle_label));

  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_stack_set_vhomogeneous (self->stack, FALSE);
  gtk_stack_set_interpolate_size (self->stack, TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_margin_top (GTK_WIDGET (self->stack), 6);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->stack));

  self->chart = CG_CHART (cg_chart_new (CG_CHART_BARS));
  cg_chart_set_show_title (self->chart, FALSE);
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->chart), "chart");
  g_signal_connect_object (self->chart, "changed", G_CALLBACK (chart_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_object_bind_property (self->chart, "title", self->title_label, "label", G_BINDING_SYNC_CREATE);

  table_window = gtk_scrolled_window_new ();
  self->table_window = GTK_SCROLLED_WINDOW (table_window);
  gtk_scrolled_window_set_policy (self->table_window, GTK_POLICY_AUTOMATIC, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (self->table_window, TRUE);
  gtk_scrolled_window_set_max_content_height (self->table_window, 420);
  gtk_stack_add_named (self->stack, table_window, "table");
  self->table_dirty = TRUE;

  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, self->title_label, NULL,
                                  -1);
}

/* A card holding a chart of @kind: fill it through cg_chart_card_get_chart(). */
GtkWidget *
cg_chart_card_new (CgChartKind kind)
{
  CgChartCard *self = g_object_new (CG_TYPE_CHART_CARD, NULL);

  cg_chart_set_kind (self->chart, kind);
  return GTK_WIDGET (self);
}

CgChart *
cg_chart_card_get_chart (CgChartCard *self)
{
  g_return_val_if_fail (CG_IS_CHART_CARD (self), NULL);

  return self->chart;
}

const char *
cg_chart_card_get_subtitle (CgChartCard *self)
{
  const char *text;

  g_return_val_if_fail (CG_IS_CHART_CARD (self), NULL);

  text = gtk_label_get_label (self->subtitle_label);
  return text != NULL && *text != '\0' ? text : NULL;
}

/* A line under the title, e.g. where the published figures come from. */
void
cg_chart_card_set_subtitle (CgChartCard *self,
                            const char  *subtitle)
{
  g_return_if_fail (CG_IS_CHART_CARD (self));

  if (g_strcmp0 (cg_chart_card_get_subtitle (self), subtitle) == 0)
    return;
  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL && *subtitle != '\0');
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

gboolean
cg_chart_card_get_show_table (CgChartCard *self)
{
  g_return_val_if_fail (CG_IS_CHART_CARD (self), FALSE);

  return self->show_table;
}

void
cg_chart_card_set_show_table (CgChartCard *self,
                              gboolean     show_table)
{
  g_return_if_fail (CG_IS_CHART_CARD (self));

  show_table = !!show_table;
  if (self->show_table == show_table)
    return;
  self->show_table = show_table;
  if (show_table && self->table_dirty)
    {
      g_clear_handle_id (&self->table_idle, g_source_remove);
      rebuild_table (self);
    }
  gtk_stack_set_visible_child_name (self->stack, show_table ? "table" : "chart");
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TABLE]);
}
