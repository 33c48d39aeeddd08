/* cg-chart.c: a chart drawn natively, with hover, keyboard and export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CgChart draws horizontal bars, a histogram or columns from plain data
 * (series of values over categories) and knows nothing of the databases.
 * This file is the widget: its data and how values are written, the
 * pointer, the keyboard focus and the popover. One function,
 * _cg_chart_draw_chart() in cg-chart-draw.c, draws into a cairo_t of a
 * given size with a given palette: the widget's snapshot, the PNG and SVG
 * exports (cg-chart-export.c) and the tests all go through it, so an
 * export looks like the screen. On screen the cairo node is rasterised at
 * the surface's scale, so the chart is crisp at any scale.
 *
 * Colours come from the widget's style (its text colour, libadwaita's
 * named colours) and a palette of GNOME colours chosen for the light or
 * the dark style; the chart is redrawn when either changes.
 *
 * Items (one value of one series in one category) can be hovered,
 * focused with the keyboard (arrows, Home, End) and activated (a click,
 * Enter or Space), which emits ::item-activated with the series and the
 * category's key. The hovered or focused item is highlighted and its
 * details shown in a popover. For assistive technologies
 * (cg-chart-a11y.c) the chart is an image whose label is the title and
 * whose description lists every value; cg_chart_build_table() gives the
 * same data as a table of labels.
 */
#define G_LOG_DOMAIN "cg-chart"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "cg-chart-private.h"
#include "cg-labels.h"

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_UNIT,
  PROP_CATEGORY_TITLE,
  PROP_SHOW_TITLE,
  N_PROPS
};

enum {
  ITEM_ACTIVATED,
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgChart, cg_chart, GTK_TYPE_WIDGET)

G_DEFINE_ENUM_TYPE (CgChartKind, cg_chart_kind,
  G_DEFINE_ENUM_VALUE (CG_CHART_BARS, "bars"),
  G_DEFINE_ENUM_VALUE (CG_CHART_HISTOGRAM, "histogram"),
  G_DEFINE_ENUM_VALUE (CG_CHART_COLUMNS, "columns"))

G_DEFINE_QUARK (cg-chart-error-quark, cg_chart_error)

static gboolean
set_string (char       **dest,
            const char  *value)
{
  if (g_strcmp0 (*dest, value) == 0)
    return FALSE;
  g_free (*dest);
  *dest = g_strdup (value);
  return TRUE;
}

static void
category_free (gpointer data)
{
  Category *category = data;

  g_free (category->key);
  g_free (category->label);
  g_free (category);
}

static void
series_free (gpointer data)
{
  Series *series = data;

  g_free (series->name);
  g_array_unref (series->values);
  g_free (series);
}

guint
_cg_chart_n_categories (CgChart *self)
{
  return self->categories->len;
}

guint
_cg_chart_n_series (CgChart *self)
{
  return self->series->len;
}

Category *
_cg_chart_get_category (CgChart *self,
              guint    c)
{
  return g_ptr_array_index (self->categories, c);
}

static Series *
get_series (CgChart *self,
            guint    s)
{
  return g_ptr_array_index (self->series, s);
}

double
_cg_chart_get_value (CgChart *self,
           guint    s,
           guint    c)
{
  Series *series = get_series (self, s);

  if (c >= series->values->len)
    return NAN;
  return g_array_index (series->values, double, c);
}

gboolean
_cg_chart_has_value (CgChart *self,
           guint    s,
           guint    c)
{
  return isfinite (_cg_chart_get_value (self, s, c));
}

int
_cg_chart_item_index (CgChart *self,
            guint    s,
            guint    c)
{
  return (int) (c * _cg_chart_n_series (self) + s);
}

static void
item_split (CgChart *self,
            int      item,
            guint   *s,
            guint   *c)
{
  *s = (guint) item % _cg_chart_n_series (self);
  *c = (guint) item / _cg_chart_n_series (self);
}

double
_cg_chart_max_value (CgChart *self)
{
  double max = 0;

  for (guint s = 0; s < _cg_chart_n_series (self); s++)
    for (guint c = 0; c < _cg_chart_n_categories (self); c++)
      if (_cg_chart_has_value (self, s, c))
        max = MAX (max, _cg_chart_get_value (self, s, c));
  return max;
}

gboolean
_cg_chart_values_are_integral (CgChart *self)
{
  for (guint s = 0; s < _cg_chart_n_series (self); s++)
    for (guint c = 0; c < _cg_chart_n_categories (self); c++)
      {
        double v = _cg_chart_get_value (self, s, c);

        if (isfinite (v) && fabs (v - round (v)) > 1e-9)
          return FALSE;
      }
  return TRUE;
}

gboolean
_cg_chart_unit_is_percent (CgChart *self)
{
  return g_strcmp0 (self->unit, "%") == 0;
}

/* Values, short ("84%", "$95K", "1,204") for the chart itself, long
 * ("1,204 postings") where the unit is not shown elsewhere. */
static char *
format_number (double value)
{
  if (fabs (value - round (value)) < 1e-9 && fabs (value) < 1e15)
    {
      g_autofree char *digits = cg_format_number ((guint64) llround (fabs (value)));
      return g_strconcat (value < 0 ? "−" : "", digits, NULL);
    }
  return g_strdup_printf ("%.1f", value);
}

/* In a histogram the formatter writes the range and the markers (pay,
 * say); the bins' values are counts, written with the unit. */
gboolean
_cg_chart_formats_values (CgChart *self)
{
  return self->format_func != NULL && self->kind != CG_CHART_HISTOGRAM;
}

char *
_cg_chart_format_range (CgChart *self,
              double   value)
{
  if (self->format_func != NULL)
    return self->format_func (value, self->format_data);
  return format_number (value);
}

char *
_cg_chart_format_short (CgChart *self,
              double   value)
{
  g_autofree char *number = NULL;

  if (_cg_chart_formats_values (self))
    return self->format_func (value, self->format_data);

  number = format_number (value);
  if (_cg_chart_unit_is_percent (self))
    /* Translators: a percentage, e.g. "84%" */
    return g_strdup_printf (C_("chart value", "%s%%"), number);
  return g_steal_pointer (&number);
}

char *
_cg_chart_format_long (CgChart *self,
             double   value)
{
  g_autofree char *number = NULL;

  if (_cg_chart_formats_values (self) || _cg_chart_unit_is_percent (self) || self->unit == NULL || *self->unit == '\0')
    return _cg_chart_format_short (self, value);

  if (self->count_func != NULL)
    return self->count_func (value, NULL);

  number = format_number (value);
  /* Translators: a number and its unit, e.g. "120 postings" */
  return g_strdup_printf (C_("chart value", "%s %s"), number, self->unit);
}

const char *
_cg_chart_series_name (CgChart *self,
             guint    s)
{
  const char *name = get_series (self, s)->name;

  return name != NULL ? name : "";
}

gboolean
_cg_chart_series_named (CgChart *self)
{
  for (guint s = 0; s < _cg_chart_n_series (self); s++)
    if (*_cg_chart_series_name (self, s) != '\0')
      return TRUE;
  return FALSE;
}

/* Focus, hover and the popover */

static int
hot_item (CgChart *self)
{
  if (self->hover_item >= 0)
    return self->hover_item;
  if (self->focus_item >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    return self->focus_item;
  return -1;
}

static gboolean
item_valid (CgChart *self,
            int      item)
{
  guint s, c;

  if (item < 0 || _cg_chart_n_series (self) == 0 || (guint) item >= _cg_chart_n_series (self) * _cg_chart_n_categories (self))
    return FALSE;
  /* nothing is drawn, so there is nothing to point at */
  if (cg_chart_is_empty (self))
    return FALSE;
  item_split (self, item, &s, &c);
  return _cg_chart_has_value (self, s, c);
}

static const Hit *
find_hit (CgChart *self,
          int      item)
{
  for (guint i = 0; i < self->hits->len; i++)
    if (g_array_index (self->hits, Hit, i).item == item)
      return &g_array_index (self->hits, Hit, i);
  return NULL;
}

static int
hit_test (CgChart *self,
          double   x,
          double   y)
{
  int best = -1;
  double best_distance = G_MAXDOUBLE;

  for (guint i = 0; i < self->hits->len; i++)
    {
      const Hit *hit = &g_array_index (self->hits, Hit, i);
      double distance;

      if (!graphene_rect_contains_point (&hit->rect, &GRAPHENE_POINT_INIT (x, y)))
        continue;
      distance = fabs (y - (hit->anchor.origin.y + hit->anchor.size.height / 2));
      if (distance < best_distance)
        {
          best = hit->item;
          best_distance = distance;
        }
    }
  return best;
}

static void
update_popover_full (CgChart  *self,
                     gboolean  retry)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int item = hot_item (self);
  const Hit *hit = item >= 0 ? find_hit (self, item) : NULL;
  g_autofree char *value = NULL;
  g_autoptr(GString) body = NULL;
  GdkRectangle rect;
  guint s, c;

  self->popover_wanted = FALSE;
  if (hit == NULL || !gtk_widget_get_mapped (widget) || !item_valid (self, item))
    {
      gtk_popover_popdown (GTK_POPOVER (self->popover));
      /* the item is there but not drawn yet (new data or size): point at
       * it once the next frame has placed it */
      if (retry && item >= 0 && gtk_widget_get_mapped (widget) && item_valid (self, item))
        {
          self->popover_wanted = TRUE;
          gtk_widget_queue_draw (widget);
        }
      return;
    }

  item_split (self, item, &s, &c);
  value = _cg_chart_format_long (self, _cg_chart_get_value (self, s, c));
  body = g_string_new (NULL);
  if (_cg_chart_n_series (self) > 1 && *_cg_chart_series_name (self, s) != '\0')
    /* Translators: a series and its value in a chart's details, e.g. "Live: 67%" */
    g_string_append_printf (body, _("%s: %s"), _cg_chart_series_name (self, s), value);
  else
    g_string_append (body, value);

  gtk_label_set_label (self->popover_title, _cg_chart_get_category (self, c)->label);
  gtk_label_set_label (self->popover_body, body->str);
  rect.x = (int) floor (hit->anchor.origin.x);
  rect.y = (int) floor (hit->anchor.origin.y);
  rect.width = MAX (1, (int) ceil (hit->anchor.size.width));
  rect.height = MAX (1, (int) ceil (hit->anchor.size.height));
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  if (!gtk_widget_get_visible (self->popover))
    gtk_popover_popup (GTK_POPOVER (self->popover));
}

static void
update_popover (CgChart *self)
{
  update_popover_full (self, TRUE);
}

static void
set_hover (CgChart *self,
           int      item)
{
  if (!item_valid (self, item))
    item = -1;
  if (self->hover_item == item)
    return;
  self->hover_item = item;
  /* with the keyboard focus, the keys go on from what the pointer showed */
  if (item >= 0 && gtk_widget_has_focus (GTK_WIDGET (self)))
    self->focus_item = item;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), item >= 0 ? "pointer" : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
set_focus_item (CgChart *self,
                int      item)
{
  if (self->focus_item == item)
    return;
  self->focus_item = item;
  /* the keyboard takes over from the pointer */
  self->hover_item = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
activate_item (CgChart *self,
               int      item)
{
  guint s, c;

  if (!item_valid (self, item))
    return;
  item_split (self, item, &s, &c);
  g_signal_emit (self, signals[ITEM_ACTIVATED], 0, s, _cg_chart_get_category (self, c)->key);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CgChart                  *self)
{
  set_hover (self, hit_test (self, x, y));
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CgChart                  *self)
{
  set_hover (self, -1);
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             CgChart         *self)
{
  int item = hit_test (self, x, y);

  if (n_press != 1 || item < 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->focus_item = item;
  activate_item (self, item);
}

static void
focus_enter_cb (GtkEventControllerFocus *controller,
                CgChart                 *self)
{
  if (!item_valid (self, self->focus_item))
    {
      self->focus_item = -1;
      cg_chart_move_focus (self, 1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CgChart                 *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  update_popover (self);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cg_chart_move_focus (CG_CHART (widget), 1);
}

static void
previous_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cg_chart_move_focus (CG_CHART (widget), -1);
}

static void
first_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgChart *self = CG_CHART (widget);

  self->focus_item = -1;
  cg_chart_move_focus (self, 1);
  gtk_widget_queue_draw (widget);
  update_popover (self);
}

static void
last_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgChart *self = CG_CHART (widget);

  self->focus_item = (int) (_cg_chart_n_series (self) * _cg_chart_n_categories (self));
  cg_chart_move_focus (self, -1);
  gtk_widget_queue_draw (widget);
  update_popover (self);
}

static void
activate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cg_chart_activate_focus (CG_CHART (widget));
}

static void
data_changed (CgChart *self)
{
  if (!item_valid (self, self->focus_item))
    self->focus_item = -1;
  self->hover_item = -1;
  g_array_set_size (self->hits, 0);
  update_popover (self);
  _cg_chart_update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

/* GtkWidget */

static void
style_changed_cb (CgChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
popover_idle_cb (gpointer user_data)
{
  CgChart *self = user_data;

  self->popover_idle = 0;
  /* once: an item that is never drawn does not redraw the chart forever */
  if (self->popover_wanted)
    update_popover_full (self, FALSE);
}

static void
cg_chart_snapshot (GtkWidget   *widget,
                   GtkSnapshot *snapshot)
{
  CgChart *self = CG_CHART (widget);
  PangoContext *pango;
  Draw d = { 0 };

  d.width = gtk_widget_get_width (widget);
  d.height = gtk_widget_get_height (widget);
  if (d.width <= 0 || d.height <= 0)
    return;

  pango = gtk_widget_create_pango_context (widget);
  d.self = self;
  d.pango = pango;
  d.pad = SCREEN_PAD;
  d.with_title = self->show_title;
  d.hot = hot_item (self);
  d.hits = self->hits;
  _cg_chart_get_palette (self, FALSE, &d.palette);

  g_array_set_size (self->hits, 0);
  d.cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, d.width, d.height));
  _cg_chart_draw_chart (&d);
  cairo_destroy (d.cr);
  g_object_unref (pango);

  if (self->popover_wanted && self->popover_idle == 0)
    self->popover_idle = g_idle_add_once (popover_idle_cb, self);
}

static void
cg_chart_measure (GtkWidget      *widget,
                  GtkOrientation  orientation,
                  int             for_size,
                  int            *minimum,
                  int            *natural,
                  int            *minimum_baseline,
                  int            *natural_baseline)
{
  CgChart *self = CG_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 220;
      *natural = 420;
    }
  else
    {
      PangoContext *pango = gtk_widget_create_pango_context (widget);
      int height = (int) _cg_chart_content_height (self, pango, for_size > 0 ? for_size : 420, SCREEN_PAD,
                                         self->show_title);

      g_object_unref (pango);

      *natural = height;
      /* bars keep their rows; plots on axes can be squeezed (a scrolled
       * window gives its child its minimum height) */
      if (self->kind == CG_CHART_BARS || cg_chart_is_empty (self))
        *minimum = height;
      else
        *minimum = MIN (height, 160);
    }
}

static GtkSizeRequestMode
cg_chart_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
cg_chart_size_allocate (GtkWidget *widget,
                        int        width,
                        int        height,
                        int        baseline)
{
  CgChart *self = CG_CHART (widget);

  if (gtk_widget_get_visible (self->popover))
    gtk_popover_present (GTK_POPOVER (self->popover));
}

static void
cg_chart_unmap (GtkWidget *widget)
{
  CgChart *self = CG_CHART (widget);

  self->hover_item = -1;
  gtk_popover_popdown (GTK_POPOVER (self->popover));
  GTK_WIDGET_CLASS (cg_chart_parent_class)->unmap (widget);
}

static void
cg_chart_dispose (GObject *object)
{
  CgChart *self = CG_CHART (object);

  g_clear_handle_id (&self->popover_idle, g_source_remove);
  g_clear_pointer (&self->popover, gtk_widget_unparent);

  G_OBJECT_CLASS (cg_chart_parent_class)->dispose (object);
}

static void
cg_chart_finalize (GObject *object)
{
  CgChart *self = CG_CHART (object);

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  g_free (self->title);
  g_free (self->unit);
  g_free (self->category_title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_array_unref (self->hits);

  G_OBJECT_CLASS (cg_chart_parent_class)->finalize (object);
}

static void
cg_chart_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CgChart *self = CG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_string (value, self->unit);
      break;
    case PROP_CATEGORY_TITLE:
      g_value_set_string (value, self->category_title);
      break;
    case PROP_SHOW_TITLE:
      g_value_set_boolean (value, self->show_title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CgChart *self = CG_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      cg_chart_set_kind (self, g_value_get_enum (value));
      break;
    case PROP_TITLE:
      cg_chart_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      cg_chart_set_unit (self, g_value_get_string (value));
      break;
    case PROP_CATEGORY_TITLE:
      cg_chart_set_category_title (self, g_value_get_string (value));
      break;
    case PROP_SHOW_TITLE:
      cg_chart_set_show_title (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_chart_class_init (CgChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const guint next_keys[] = { GDK_KEY_Right, GDK_KEY_KP_Right,
                                     GDK_KEY_Down, GDK_KEY_KP_Down };
  static const guint previous_keys[] = { GDK_KEY_Left, GDK_KEY_KP_Left, GDK_KEY_Up, GDK_KEY_KP_Up };
  static const guint activate_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                         GDK_KEY_space, GDK_KEY_KP_Space };

  object_class->dispose = cg_chart_dispose;
  object_class->finalize = cg_chart_finalize;
  object_class->get_property = cg_chart_get_property;
  object_class->set_property = cg_chart_set_property;

  widget_class->snapshot = cg_chart_snapshot;
  widget_class->measure = cg_chart_measure;
  widget_class->get_request_mode = cg_chart_get_request_mode;
  widget_class->size_allocate = cg_chart_size_allocate;
  widget_class->unmap = cg_chart_unmap;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, CG_TYPE_CHART_KIND, CG_CHART_BARS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CATEGORY_TITLE] =
    g_param_spec_string ("category-title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_TITLE] =
    g_param_spec_boolean ("show-title", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgChart::item-activated:
   * @series: the index of the item's series
   * @category_key: the key of the item's category
   *
   * A bar, bin, column, point or slice was clicked, or activated with
   * Enter or Space.
   */
  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_STRING);

  /**
   * CgChart::changed:
   *
   * The data changed: a series or point was added, or the chart cleared.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "chart.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.previous", NULL, previous_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.first", NULL, first_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.last", NULL, last_action_cb);
  gtk_widget_class_install_action (widget_class, "chart.activate", NULL, activate_action_cb);
  for (guint i = 0; i < G_N_ELEMENTS (next_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, next_keys[i], 0, "chart.next", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (previous_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, previous_keys[i], 0, "chart.previous", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_action (widget_class, activate_keys[i], 0, "chart.activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Home, 0, "chart.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "chart.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_End, 0, "chart.last", NULL);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cg_chart_init (CgChart *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;
  GtkWidget *box;

  self->kind = CG_CHART_BARS;
  self->show_title = TRUE;
  self->focus_item = -1;
  self->hover_item = -1;
  self->categories = g_ptr_array_new_with_free_func (category_free);
  self->series = g_ptr_array_new_with_free_func (series_free);
  self->hits = g_array_new (FALSE, TRUE, sizeof (Hit));

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_focus_on_click (widget, FALSE);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (focus_enter_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  /* the details of the hovered or focused item; it never takes the focus */
  self->popover = gtk_popover_new ();
  gtk_popover_set_autohide (GTK_POPOVER (self->popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_TOP);
  gtk_widget_set_can_target (self->popover, FALSE);
  gtk_widget_set_can_focus (self->popover, FALSE);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->popover_title = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->popover_title), "heading");
  gtk_label_set_xalign (self->popover_title, 0);
  self->popover_body = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->popover_body), "numeric");
  gtk_label_set_xalign (self->popover_body, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->popover_title));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->popover_body));
  gtk_popover_set_child (GTK_POPOVER (self->popover), box);
  gtk_widget_set_parent (self->popover, widget);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
  _cg_chart_update_accessible (self);
}

/* Public API */

GtkWidget *
cg_chart_new (CgChartKind kind)
{
  return g_object_new (CG_TYPE_CHART, "kind", kind, NULL);
}

CgChartKind
cg_chart_get_kind (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), CG_CHART_BARS);

  return self->kind;
}

void
cg_chart_set_kind (CgChart     *self,
                   CgChartKind  kind)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (self->kind == kind)
    return;
  self->kind = kind;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

const char *
cg_chart_get_title (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return self->title;
}

/* The title: the accessible label, the heading of exports and, with
 * show-title, drawn above the chart. */
void
cg_chart_set_title (CgChart    *self,
                    const char *title)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (!set_string (&self->title, title))
    return;
  _cg_chart_update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

const char *
cg_chart_get_unit (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return self->unit;
}

/* "%" shows values as percentages; any other unit, e.g. "postings", is
 * added to values where the chart does not make it plain (the details,
 * the description and the table). A value formatter takes precedence. */
void
cg_chart_set_unit (CgChart    *self,
                   const char *unit)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (!set_string (&self->unit, unit))
    return;
  data_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

const char *
cg_chart_get_category_title (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return self->category_title;
}

/* The heading of the categories' column in the table, e.g. "Month". */
void
cg_chart_set_category_title (CgChart    *self,
                             const char *category_title)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (!set_string (&self->category_title, category_title))
    return;
  g_signal_emit (self, signals[CHANGED], 0);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY_TITLE]);
}

gboolean
cg_chart_get_show_title (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  return self->show_title;
}

void
cg_chart_set_show_title (CgChart  *self,
                         gboolean  show_title)
{
  g_return_if_fail (CG_IS_CHART (self));

  show_title = !!show_title;
  if (self->show_title == show_title)
    return;
  self->show_title = show_title;
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_TITLE]);
}

/* Sets how values are written everywhere: on the chart, in its details,
 * its description, its table and its exports. In a histogram it writes
 * the range and the markers instead: the bins hold counts. */
void
cg_chart_set_value_formatter (CgChart           *self,
                              CgChartFormatFunc  func,
                              gpointer           user_data,
                              GDestroyNotify     destroy)
{
  g_return_if_fail (CG_IS_CHART (self));

  if (self->format_destroy != NULL)
    self->format_destroy (self->format_data);
  self->format_func = func;
  self->format_data = user_data;
  self->format_destroy = destroy;
  data_changed (self);
}

/* Counts written with their unit in a language's plural forms: @func
 * (called with the count and NULL) returns e.g. "1 posting" or "2 postings"
 * through ngettext(); without it, the number and the unit. */
void
cg_chart_set_count_formatter (CgChart           *self,
                              CgChartFormatFunc  func)
{
  g_return_if_fail (CG_IS_CHART (self));

  self->count_func = func;
  data_changed (self);
}

/* @value as the chart writes it in its details, e.g. "120 postings". */
char *
cg_chart_format_value (CgChart *self,
                       double   value)
{
  g_return_val_if_fail (CG_IS_CHART (self), NULL);

  return _cg_chart_format_long (self, value);
}

void
cg_chart_clear (CgChart *self)
{
  g_return_if_fail (CG_IS_CHART (self));

  g_ptr_array_set_size (self->categories, 0);
  g_ptr_array_set_size (self->series, 0);
  self->has_markers = FALSE;
  self->has_range = FALSE;
  self->focus_item = -1;
  data_changed (self);
}

/* Adds a series, e.g. "Published" or "Live"; returns its index. */
guint
cg_chart_add_series (CgChart    *self,
                     const char *name)
{
  Series *series;

  g_return_val_if_fail (CG_IS_CHART (self), 0);

  series = g_new0 (Series, 1);
  series->name = g_strdup (name);
  series->values = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint c = 0; c < _cg_chart_n_categories (self); c++)
    {
      double none = NAN;
      g_array_append_val (series->values, none);
    }
  g_ptr_array_add (self->series, series);
  data_changed (self);
  return _cg_chart_n_series (self) - 1;
}

/* Sets the value of @series in the category @category_key (shown as
 * @label), adding the category after the others if it is new. Categories
 * are shown in the order they were first added; the key is what
 * ::item-activated reports. Negative values are drawn as nothing. */
void
cg_chart_add_point (CgChart    *self,
                    guint       series,
                    const char *category_key,
                    const char *label,
                    double      value)
{
  const char *key = category_key != NULL ? category_key : label;
  guint c;

  g_return_if_fail (CG_IS_CHART (self));
  g_return_if_fail (series < _cg_chart_n_series (self));
  g_return_if_fail (key != NULL);

  for (c = 0; c < _cg_chart_n_categories (self); c++)
    if (g_strcmp0 (_cg_chart_get_category (self, c)->key, key) == 0)
      break;
  if (c == _cg_chart_n_categories (self))
    {
      Category *category = g_new0 (Category, 1);

      category->key = g_strdup (key);
      category->label = g_strdup (label != NULL ? label : key);
      g_ptr_array_add (self->categories, category);
      for (guint s = 0; s < _cg_chart_n_series (self); s++)
        {
          double none = NAN;
          g_array_append_val (get_series (self, s)->values, none);
        }
    }
  g_array_index (get_series (self, series)->values, double, c) = value;
  data_changed (self);
}

/* A histogram's bins, in order, cover @lower to @upper in equal widths:
 * the axis is labelled with values and the markers placed by value. */
void
cg_chart_set_range (CgChart *self,
                    double   lower,
                    double   upper)
{
  g_return_if_fail (CG_IS_CHART (self));

  self->has_range = upper > lower;
  self->lower = lower;
  self->upper = upper;
  data_changed (self);
}

/* The median and the quartiles of a histogram, in the range's values. */
void
cg_chart_set_markers (CgChart *self,
                      double   median,
                      double   q1,
                      double   q3)
{
  g_return_if_fail (CG_IS_CHART (self));

  self->has_markers = TRUE;
  self->median = median;
  self->q1 = MIN (q1, q3);
  self->q3 = MAX (q1, q3);
  data_changed (self);
}

guint
cg_chart_get_n_series (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), 0);

  return _cg_chart_n_series (self);
}

guint
cg_chart_get_n_categories (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), 0);

  return _cg_chart_n_categories (self);
}

/* Whether there is nothing to draw: no values, or none above zero. */
gboolean
cg_chart_is_empty (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), TRUE);

  return _cg_chart_n_series (self) == 0 || _cg_chart_n_categories (self) == 0 || !(_cg_chart_max_value (self) > 0);
}

/* The colour the chart draws an item in, in the current style. */
void
cg_chart_get_item_color (CgChart *self,
                         guint    series,
                         guint    category,
                         GdkRGBA *color)
{
  Palette palette;

  g_return_if_fail (CG_IS_CHART (self));
  g_return_if_fail (color != NULL);

  _cg_chart_get_palette (self, FALSE, &palette);
  *color = *_cg_chart_item_color (self, &palette, series, category);
}

/* Moves the keyboard focus @delta items on (back when negative), in
 * reading order: category by category, series by series within one.
 * Returns whether it moved. */
gboolean
cg_chart_move_focus (CgChart *self,
                     int      delta)
{
  int n, item, step;

  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  n = (int) (_cg_chart_n_series (self) * _cg_chart_n_categories (self));
  if (n == 0 || delta == 0)
    return FALSE;

  step = delta > 0 ? 1 : -1;
  item = self->focus_item;
  if (item < 0 && step < 0)
    item = n;
  for (int moved = 0; moved < ABS (delta);)
    {
      int next = item + step;

      while (next >= 0 && next < n && !item_valid (self, next))
        next += step;
      if (next < 0 || next >= n)
        break;
      item = next;
      moved++;
    }
  if (item == self->focus_item || !item_valid (self, item))
    return FALSE;
  set_focus_item (self, item);
  return TRUE;
}

/* The focused item, if any. */
gboolean
cg_chart_get_focus (CgChart     *self,
                    guint       *series,
                    const char **category_key)
{
  guint s, c;

  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  if (!item_valid (self, self->focus_item))
    return FALSE;
  item_split (self, self->focus_item, &s, &c);
  if (series != NULL)
    *series = s;
  if (category_key != NULL)
    *category_key = _cg_chart_get_category (self, c)->key;
  return TRUE;
}

/* Emits ::item-activated for the focused item; returns whether there was one. */
gboolean
cg_chart_activate_focus (CgChart *self)
{
  g_return_val_if_fail (CG_IS_CHART (self), FALSE);

  if (!item_valid (self, self->focus_item))
    return FALSE;
  activate_item (self, self->focus_item);
  return TRUE;
}
