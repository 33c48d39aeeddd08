/* test-chart.c: the Market page's charts, drawn offscreen (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each kind of chart is filled with data and drawn twice: through the
 * widget's own snapshot, rendered to a texture by the window's renderer,
 * and through the export path into a cairo image surface. Neither may be
 * blank, and larger values must cover more pixels than smaller ones. The
 * exports must write real PNG and SVG files, the accessible description
 * must name every category and value, the keyboard must move between
 * items and activate them, and a chart without data must say so.
 */
#include "config.h"

#include <math.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cg-chart.h"
#include "cg-chart-card-private.h"
#include "cg-ui-test-utils.h"

static const CgChartKind all_kinds[] = {
  CG_CHART_BARS, CG_CHART_DONUT, CG_CHART_HISTOGRAM, CG_CHART_COLUMNS, CG_CHART_LINE,
};

static char *
format_pay (double   value,
            gpointer user_data)
{
  return g_strdup_printf ("$%.0fK", value / 1000);
}

/* Fills @chart with the kind of data the Market page gives it. */
static void
fill (CgChart *chart)
{
  switch (cg_chart_get_kind (chart))
    {
    case CG_CHART_BARS:
      {
        guint published, live;

        cg_chart_set_title (chart, "Work arrangement");
        cg_chart_set_unit (chart, "%");
        published = cg_chart_add_series (chart, "Published");
        live = cg_chart_add_series (chart, "Live");
        cg_chart_add_point (chart, published, "onsite", "On-site", 84);
        cg_chart_add_point (chart, live, "onsite", "On-site", 67);
        cg_chart_add_point (chart, published, "hybrid", "Hybrid", 5);
        cg_chart_add_point (chart, live, "hybrid", "Hybrid", 4);
        cg_chart_add_point (chart, published, "remote", "Remote", 11);
        cg_chart_add_point (chart, live, "remote", "Remote", 29);
      }
      break;
    case CG_CHART_DONUT:
      {
        guint s;

        cg_chart_set_title (chart, "Employment type");
        cg_chart_set_unit (chart, "postings");
        s = cg_chart_add_series (chart, NULL);
        cg_chart_add_point (chart, s, "FULL_TIME", "Full-time", 120);
        cg_chart_add_point (chart, s, "CONTRACTOR", "Contract", 30);
        cg_chart_add_point (chart, s, "PART_TIME", "Part-time", 10);
      }
      break;
    case CG_CHART_HISTOGRAM:
      {
        static const double counts[] = { 2, 5, 9, 14, 20, 26, 22, 17, 11, 7, 4, 2 };
        guint s;

        cg_chart_set_title (chart, "Pay distribution");
        cg_chart_set_unit (chart, "postings");
        s = cg_chart_add_series (chart, NULL);
        for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
          {
            g_autofree char *key = g_strdup_printf ("pay:%u", 40000 + i * 10000);
            g_autofree char *label = g_strdup_printf ("$%uK – $%uK", 40 + i * 10, 50 + i * 10);

            cg_chart_add_point (chart, s, key, label, counts[i]);
          }
        cg_chart_set_range (chart, 40000, 160000);
        cg_chart_set_markers (chart, 95000, 80000, 115000);
      }
      break;
    case CG_CHART_COLUMNS:
    case CG_CHART_LINE:
    default:
      {
        static const char *months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun" };
        static const double counts[] = { 12, 18, 9, 30, 24, 41 };
        guint s;

        cg_chart_set_title (chart, "Postings over time");
        cg_chart_set_unit (chart, "postings");
        cg_chart_set_category_title (chart, "Month");
        s = cg_chart_add_series (chart, NULL);
        for (guint i = 0; i < G_N_ELEMENTS (months); i++)
          {
            g_autofree char *key = g_strdup_printf ("2024-%02u", i + 1);

            cg_chart_add_point (chart, s, key, months[i], counts[i]);
          }
      }
      break;
    }
}

static CgChart *
new_chart (CgChartKind kind,
           gboolean    with_data)
{
  CgChart *chart = CG_CHART (g_object_ref_sink (cg_chart_new (kind)));

  if (with_data)
    fill (chart);
  return chart;
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  return *(const guint32 *) (data + y * stride + x * 4);
}

/* Pixels that are not the background (the top left corner's colour). */
static guint
count_ink (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint32 background = pixel_at (surface, 0, 0);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixel_at (surface, x, y) != background)
        n++;
  return n;
}

static gboolean
is_color (guint32        pixel,
          const GdkRGBA *color)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  return abs (r - (int) round (color->red * 255)) <= 2 &&
         abs (g - (int) round (color->green * 255)) <= 2 &&
         abs (b - (int) round (color->blue * 255)) <= 2;
}

/* How many pixels of each row are exactly @color. */
static guint *
count_color_rows (cairo_surface_t *surface,
                  const GdkRGBA   *color)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  guint *rows = g_new0 (guint, height);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (is_color (pixel_at (surface, x, y), color))
        rows[y]++;
  return rows;
}

static guint
count_color (cairo_surface_t *surface,
             const GdkRGBA   *color)
{
  g_autofree guint *rows = count_color_rows (surface, color);
  guint n = 0;

  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    n += rows[y];
  return n;
}

/* Every kind draws something through the export path. */
static void
test_render_surface (gconstpointer data)
{
  CgChartKind kind = GPOINTER_TO_INT (data);
  g_autoptr(CgChart) chart = new_chart (kind, TRUE);
  cairo_surface_t *surface = cg_chart_render_to_surface (chart, 640, 0);
  guint ink;

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 640);
  g_assert_cmpint (cairo_image_surface_get_height (surface), >=, 200);
  ink = count_ink (surface);
  /* far more than a title: bars, slices, bins or a line */
  g_assert_cmpuint (ink, >, 5000);
  cairo_surface_destroy (surface);
}

/* The widget's own snapshot, rendered to a texture by the window's
 * renderer, as the screen would show it. */
static void
test_render_texture (gconstpointer data)
{
  CgChartKind kind = GPOINTER_TO_INT (data);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(CgChart) chart = new_chart (kind, TRUE);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *pixels = NULL;
  GtkSnapshot *snapshot;
  GskRenderNode *node;
  int width, height;
  guint ink = 0;

  gtk_window_set_default_size (window, 640, 420);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  cg_ui_test_wait_drawn (GTK_WIDGET (chart));

  width = gtk_widget_get_width (GTK_WIDGET (chart));
  height = gtk_widget_get_height (GTK_WIDGET (chart));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (chart));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);

  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_malloc (width * height * 4);
  gdk_texture_download (texture, pixels, width * 4);
  /* the chart has no background of its own: count what is not transparent */
  for (int i = 0; i < width * height; i++)
    if (pixels[i * 4 + 3] != 0)
      ink++;
  g_assert_cmpuint (ink, >, 5000);

  gtk_window_destroy (window);
}

/* Bars: the longer bar has more pixels of its colour. */
static void
test_bars_proportional (void)
{
  g_autoptr(CgChart) chart = new_chart (CG_CHART_BARS, FALSE);
  guint s = cg_chart_add_series (chart, NULL);
  g_autofree guint *rows = NULL;
  cairo_surface_t *surface;
  guint bands[4] = { 0 };
  guint n_bands = 0;
  gboolean inside = FALSE;
  GdkRGBA color;

  cg_chart_set_title (chart, "Top locations");
  cg_chart_add_point (chart, s, "berlin", "Berlin", 80);
  cg_chart_add_point (chart, s, "paris", "Paris", 20);
  cg_chart_get_item_color (chart, s, 0, &color);

  surface = cg_chart_render_to_surface (chart, 600, 0);
  rows = count_color_rows (surface, &color);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    {
      if (rows[y] > 0 && !inside)
        n_bands++;
      inside = rows[y] > 0;
      if (inside && n_bands <= G_N_ELEMENTS (bands))
        bands[n_bands - 1] += rows[y];
    }
  cairo_surface_destroy (surface);

  /* two bars, top to bottom in the order given, about 4:1 */
  g_assert_cmpuint (n_bands, ==, 2);
  g_assert_cmpuint (bands[0], >, bands[1] * 3);
  g_assert_cmpuint (bands[0], <, bands[1] * 5);
}

/* Donut: the larger slice has more pixels of its colour. */
static void
test_donut_proportional (void)
{
  g_autoptr(CgChart) chart = new_chart (CG_CHART_DONUT, FALSE);
  guint s = cg_chart_add_series (chart, NULL);
  cairo_surface_t *surface;
  GdkRGBA big, small;
  guint n_big, n_small;

  cg_chart_add_point (chart, s, "a", "Full-time", 75);
  cg_chart_add_point (chart, s, "b", "Contract", 25);
  cg_chart_get_item_color (chart, s, 0, &big);
  cg_chart_get_item_color (chart, s, 1, &small);
  g_assert_false (gdk_rgba_equal (&big, &small));

  surface = cg_chart_render_to_surface (chart, 600, 300);
  n_big = count_color (surface, &big);
  n_small = count_color (surface, &small);
  cairo_surface_destroy (surface);

  g_assert_cmpuint (n_small, >, 500);
  g_assert_cmpuint (n_big, >, n_small * 2);
}

/* Columns: the taller column has more pixels; the order is kept. */
static void
test_columns_proportional (void)
{
  g_autoptr(CgChart) chart = new_chart (CG_CHART_COLUMNS, FALSE);
  guint s = cg_chart_add_series (chart, NULL);
  cairo_surface_t *surface;
  GdkRGBA color;
  guint left = 0, right = 0;
  int width, height;

  cg_chart_add_point (chart, s, "2024-01", "Jan", 10);
  cg_chart_add_point (chart, s, "2024-02", "Feb", 40);
  cg_chart_get_item_color (chart, s, 0, &color);

  surface = cg_chart_render_to_surface (chart, 600, 320);
  width = cairo_image_surface_get_width (surface);
  height = cairo_image_surface_get_height (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (is_color (pixel_at (surface, x, y), &color))
        {
          if (x < width / 2)
            left++;
          else
            right++;
        }
  cairo_surface_destroy (surface);

  g_assert_cmpuint (left, >, 100);
  g_assert_cmpuint (right, >, left * 3);
}

static char *
read_magic (const char *path,
            gsize       n)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, n);
  return g_strndup (contents, n);
}

static void
test_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cg-chart-XXXXXX", &error);
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *magic = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GdkTexture) texture = NULL;

  g_assert_no_error (error);
  png = g_build_filename (dir, "chart.png", NULL);
  svg = g_build_filename (dir, "chart.svg", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      g_autoptr(CgChart) chart = new_chart (all_kinds[i], TRUE);

      g_assert_true (cg_chart_export_png (chart, png, 640, 0, &error));
      g_assert_no_error (error);
      g_free (magic);
      magic = read_magic (png, 4);
      g_assert_cmpmem (magic, 4, "\x89PNG", 4);

      /* and it is a picture of the size asked for */
      g_clear_object (&texture);
      texture = gdk_texture_new_from_filename (png, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_texture_get_width (texture), ==, 640);
      g_assert_cmpint (gdk_texture_get_height (texture), ==,
                       cg_chart_get_export_height (chart, 640));

      g_assert_true (cg_chart_export_svg (chart, svg, 640, 400, &error));
      g_assert_no_error (error);
      g_free (contents);
      g_assert_true (g_file_get_contents (svg, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, "<?xml") || g_str_has_prefix (contents, "<svg"));
      g_assert_nonnull (strstr (contents, "<svg"));
      g_assert_nonnull (strstr (contents, "width=\"640"));
    }

  /* a failure is an error, not a crash */
  {
    g_autoptr(CgChart) chart = new_chart (CG_CHART_BARS, TRUE);

    bad = g_build_filename (dir, "missing", "chart.png", NULL);
    g_assert_false (cg_chart_export_png (chart, bad, 320, 200, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  g_unlink (png);
  g_unlink (svg);
  g_rmdir (dir);
}

static char *
format_count (double   value,
              gpointer user_data)
{
  return g_strdup_printf (ngettext ("%.0f posting", "%.0f postings", (gulong) value), value);
}

static void
test_description (void)
{
  g_autoptr(CgChart) bars = new_chart (CG_CHART_BARS, TRUE);
  g_autoptr(CgChart) histogram = new_chart (CG_CHART_HISTOGRAM, TRUE);
  g_autoptr(CgChart) line = new_chart (CG_CHART_LINE, TRUE);
  g_autofree char *text = cg_chart_dup_description (bars);
  static const char *expected[] = {
    "Work arrangement", "On-site", "Hybrid", "Remote", "Published", "Live",
    "84%", "67%", "5%", "4%", "11%", "29%",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_nonnull (strstr (text, expected[i]));
  /* the values go with their categories, in order */
  g_assert_true (strstr (text, "On-site") < strstr (text, "84%"));
  g_assert_true (strstr (text, "84%") < strstr (text, "Hybrid"));
  /* and it is what assistive technologies are told */
  gtk_test_accessible_assert_property (bars, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text);
  gtk_test_accessible_assert_property (bars, GTK_ACCESSIBLE_PROPERTY_LABEL, "Work arrangement");
  gtk_test_accessible_assert_role (bars, GTK_ACCESSIBLE_ROLE_IMG);

  /* with a formatter, the formatter's words; and the markers */
  cg_chart_set_value_formatter (histogram, format_pay, NULL, NULL);
  g_free (text);
  text = cg_chart_dup_description (histogram);
  g_assert_nonnull (strstr (text, "$40K – $50K 2 postings"));
  g_assert_nonnull (strstr (text, "$95K"));
  g_assert_nonnull (strstr (text, "$80K"));
  g_assert_nonnull (strstr (text, "$115K"));

  /* counts carry their unit */
  g_free (text);
  text = cg_chart_dup_description (line);
  g_assert_nonnull (strstr (text, "Jan 12 postings"));
  g_assert_nonnull (strstr (text, "Jun 41 postings"));

  /* in the plural form the count asks for */
  {
    g_autofree char *plain = cg_chart_format_value (line, 1);

    g_assert_cmpstr (plain, ==, "1 postings");  /* the number and the unit, without a count formatter */
  }
  cg_chart_set_count_formatter (line, format_count);
  {
    g_autofree char *one = cg_chart_format_value (line, 1);
    g_autofree char *two = cg_chart_format_value (line, 2);

    g_assert_cmpstr (one, ==, "1 posting");
    g_assert_cmpstr (two, ==, "2 postings");
  }
  g_free (text);
  text = cg_chart_dup_description (line);
  g_assert_nonnull (strstr (text, "Jan 12 postings"));
}

static void
activated_cb (CgChart    *chart,
              guint       series,
              const char *key,
              GString    *log)
{
  g_string_append_printf (log, "%u:%s;", series, key);
}

static void
test_keyboard (void)
{
  g_autoptr(CgChart) chart = new_chart (CG_CHART_BARS, TRUE);
  g_autoptr(GString) log = g_string_new (NULL);
  const char *key = NULL;
  guint series = 99;

  g_signal_connect (chart, "item-activated", G_CALLBACK (activated_cb), log);

  /* nothing focused yet: nothing to activate */
  g_assert_false (cg_chart_get_focus (chart, NULL, NULL));
  g_assert_false (cg_chart_activate_focus (chart));
  g_assert_cmpstr (log->str, ==, "");

  /* Right/Down: first item, then the next series, then the next category */
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.next", NULL);
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpstr (key, ==, "onsite");
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.next", NULL);
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpstr (key, ==, "onsite");
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.next", NULL);
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpuint (series, ==, 0);
  g_assert_cmpstr (key, ==, "hybrid");

  /* Enter/Space */
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.activate", NULL);
  g_assert_cmpstr (log->str, ==, "0:hybrid;");

  /* Left/Up back, End, and no further */
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.previous", NULL);
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpstr (key, ==, "onsite");
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.last", NULL);
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpstr (key, ==, "remote");
  g_assert_false (cg_chart_move_focus (chart, 1));
  g_assert_true (cg_chart_activate_focus (chart));
  g_assert_cmpstr (log->str, ==, "0:hybrid;1:remote;");
  gtk_widget_activate_action (GTK_WIDGET (chart), "chart.first", NULL);
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpstr (key, ==, "onsite");
  g_assert_false (cg_chart_move_focus (chart, -1));

  /* items without a value are skipped */
  cg_chart_clear (chart);
  g_assert_false (cg_chart_get_focus (chart, NULL, NULL));
  series = cg_chart_add_series (chart, NULL);
  cg_chart_add_series (chart, NULL);
  cg_chart_add_point (chart, series, "a", "A", 3);
  cg_chart_add_point (chart, series + 1, "b", "B", 4);
  g_assert_true (cg_chart_move_focus (chart, 1));
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpstr (key, ==, "a");
  g_assert_true (cg_chart_move_focus (chart, 1));
  g_assert_true (cg_chart_get_focus (chart, &series, &key));
  g_assert_cmpuint (series, ==, 1);
  g_assert_cmpstr (key, ==, "b");
}

static guint
count_labels (GtkWidget  *widget,
              const char *text)
{
  guint n = 0;

  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), text) == 0)
    n++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels (child, text);
  return n;
}

/* The real keys, in a window. */
static void
test_keyboard_in_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(CgChart) chart = new_chart (CG_CHART_DONUT, TRUE);
  g_autoptr(GString) log = g_string_new (NULL);
  const char *key = NULL;
  GtkWidget *popover;

  g_signal_connect (chart, "item-activated", G_CALLBACK (activated_cb), log);
  gtk_window_set_default_size (window, 500, 320);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  cg_ui_test_wait_drawn (GTK_WIDGET (chart));
  /* the details follow the keyboard focus, which a window has only once
   * the X server made it active: on a busy server that comes late */
  cg_ui_test_wait_until (cg_ui_test_is_active_cb, window, "the window to be active");

  /* focusing the chart focuses its first item */
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (chart)));
  g_assert_true (cg_chart_get_focus (chart, NULL, &key));
  g_assert_cmpstr (key, ==, "FULL_TIME");

  /* the items placed by a frame, for the details to point at */
  cg_ui_test_wait_drawn (GTK_WIDGET (chart));
  cg_chart_move_focus (chart, 2);
  g_assert_true (cg_chart_get_focus (chart, NULL, &key));
  g_assert_cmpstr (key, ==, "PART_TIME");
  g_assert_true (cg_chart_activate_focus (chart));
  g_assert_cmpstr (log->str, ==, "0:PART_TIME;");

  /* the focused item's details are shown beside it */
  for (popover = gtk_widget_get_first_child (GTK_WIDGET (chart)); popover != NULL;
       popover = gtk_widget_get_next_sibling (popover))
    if (GTK_IS_POPOVER (popover))
      break;
  g_assert_nonnull (popover);
  /* shown at once when the item is drawn, else after the next frame */
  cg_ui_test_wait_until (cg_ui_test_is_visible_cb, popover, "the details popover");
  g_assert_cmpuint (count_labels (popover, "Part-time"), ==, 1);
  g_assert_cmpuint (count_labels (popover, "10 postings\n6% of all"), ==, 1);

  /* and hidden when the focus leaves */
  gtk_window_set_focus (window, NULL);
  cg_ui_test_wait_until (cg_ui_test_is_hidden_cb, popover, "the popover to hide");

  gtk_window_destroy (window);
}

static GObject *
find_controller (GtkWidget *widget,
                 GType      type)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (controller, type))
        return controller;
    }
  return NULL;
}

static GtkWidget *
find_popover (CgChart *chart)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (chart)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_POPOVER (child))
      return child;
  return NULL;
}

static const char *
popover_title (GtkWidget *popover)
{
  GtkWidget *box = gtk_popover_get_child (GTK_POPOVER (popover));

  return gtk_label_get_label (GTK_LABEL (gtk_widget_get_first_child (box)));
}

/* The pointer: moving down the chart hovers each row in turn and shows its
 * details; a click activates what is under the pointer. */
static void
test_pointer (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autoptr(CgChart) chart = new_chart (CG_CHART_BARS, TRUE);
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) seen = g_string_new (NULL);
  GObject *motion, *click;
  GtkWidget *popover;
  double hybrid_y = -1;
  int height;

  g_signal_connect (chart, "item-activated", G_CALLBACK (activated_cb), log);
  gtk_window_set_default_size (window, 500, 320);
  gtk_window_set_child (window, GTK_WIDGET (chart));
  gtk_window_present (window);
  cg_ui_test_wait_drawn (GTK_WIDGET (chart));
  /* the focus settled (it moves when the window becomes active) before it
   * is taken away */
  cg_ui_test_wait_until (cg_ui_test_is_active_cb, window, "the window to be active");
  /* the pointer alone: with the keyboard focus, the focused item's details stay */
  gtk_window_set_focus (window, NULL);

  motion = find_controller (GTK_WIDGET (chart), GTK_TYPE_EVENT_CONTROLLER_MOTION);
  click = find_controller (GTK_WIDGET (chart), GTK_TYPE_GESTURE_CLICK);
  popover = find_popover (chart);
  g_assert_nonnull (motion);
  g_assert_nonnull (click);
  g_assert_nonnull (popover);

  height = gtk_widget_get_height (GTK_WIDGET (chart));
  for (int y = 0; y < height; y += 2)
    {
      g_signal_emit_by_name (motion, "motion", 30.0, (double) y);
      if (gtk_widget_get_visible (popover))
        {
          const char *title = popover_title (popover);

          if (!g_str_has_suffix (seen->str, title))
            g_string_append_printf (seen, "/%s", title);
          if (hybrid_y < 0 && g_strcmp0 (title, "Hybrid") == 0)
            hybrid_y = y;
        }
    }
  g_assert_cmpstr (seen->str, ==, "/On-site/Hybrid/Remote");

  g_signal_emit_by_name (motion, "leave");
  g_assert_false (gtk_widget_get_visible (popover));

  g_signal_emit_by_name (click, "released", 1, 30.0, hybrid_y);
  g_assert_cmpstr (log->str, ==, "0:hybrid;");
  /* nothing under the pointer: nothing happens */
  g_signal_emit_by_name (click, "released", 1, 30.0, (double) height - 1);
  g_assert_cmpstr (log->str, ==, "0:hybrid;");

  gtk_window_destroy (window);
}

static void
test_empty (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      g_autoptr(CgChart) chart = new_chart (all_kinds[i], FALSE);
      g_autoptr(CgChart) full = new_chart (all_kinds[i], TRUE);
      g_autofree char *text = NULL;
      cairo_surface_t *surface, *full_surface;
      guint ink, full_ink;
      guint s;

      cg_chart_set_title (chart, "Nothing");
      g_assert_true (cg_chart_is_empty (chart));
      text = cg_chart_dup_description (chart);
      g_assert_cmpstr (text, ==, "Nothing: no postings to chart.");

      surface = cg_chart_render_to_surface (chart, 400, 240);
      full_surface = cg_chart_render_to_surface (full, 400, 240);
      ink = count_ink (surface);
      full_ink = count_ink (full_surface);
      /* the title and the "No postings to chart" text, and nothing else */
      g_assert_cmpuint (ink, >, 100);
      g_assert_cmpuint (ink, <, full_ink);
      cairo_surface_destroy (surface);
      cairo_surface_destroy (full_surface);

      /* a series of zeros is as empty */
      s = cg_chart_add_series (chart, "Published");
      cg_chart_add_point (chart, s, "x", "X", 0);
      g_assert_true (cg_chart_is_empty (chart));
      g_assert_false (cg_chart_move_focus (chart, 1));
      surface = cg_chart_render_to_surface (chart, 400, 0);
      cairo_surface_destroy (surface);

      /* and a table that says so */
      g_object_unref (g_object_ref_sink (cg_chart_build_table (chart)));
    }
}

static void
test_table (void)
{
  g_autoptr(CgChart) chart = new_chart (CG_CHART_BARS, TRUE);
  g_autoptr(CgChart) histogram = new_chart (CG_CHART_HISTOGRAM, TRUE);
  GtkWidget *table = g_object_ref_sink (cg_chart_build_table (chart));
  static const char *cells[] = {
    "On-site", "Hybrid", "Remote", "Published", "Live", "84%", "67%", "5%", "4%", "11%", "29%",
  };

  g_assert_true (GTK_IS_GRID (table));
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    g_assert_cmpuint (count_labels (table, cells[i]), ==, 1);
  g_object_unref (table);

  cg_chart_set_value_formatter (histogram, format_pay, NULL, NULL);
  table = g_object_ref_sink (cg_chart_build_table (histogram));
  g_assert_cmpuint (count_labels (table, "Median"), ==, 1);
  g_assert_cmpuint (count_labels (table, "$95K"), ==, 1);
  g_object_unref (table);
}

/* The card: the title above, the toggle swaps in the table, which follows
 * the data. */
static void
test_card (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  CgChartCard *card = CG_CHART_CARD (cg_chart_card_new (CG_CHART_BARS));
  CgChart *chart = cg_chart_card_get_chart (card);
  GtkStack *stack;
  guint s;

  g_assert_cmpint (cg_chart_get_kind (chart), ==, CG_CHART_BARS);
  g_assert_false (cg_chart_get_show_title (chart));
  fill (chart);
  cg_chart_card_set_subtitle (card, "Published: survey, 2024");
  g_assert_cmpuint (count_labels (GTK_WIDGET (card), "Work arrangement"), ==, 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (card), "Published: survey, 2024"), ==, 1);

  gtk_window_set_default_size (window, 600, 400);
  gtk_window_set_child (window, GTK_WIDGET (card));
  gtk_window_present (window);
  cg_ui_test_wait_drawn (GTK_WIDGET (chart));

  stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (chart)));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chart");
  gtk_widget_activate_action (GTK_WIDGET (card), "chart-card.show-table", NULL);
  g_assert_true (cg_chart_card_get_show_table (card));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "table");
  g_assert_cmpuint (count_labels (GTK_WIDGET (card), "84%"), ==, 1);

  /* new data reaches the table */
  s = cg_chart_add_series (chart, "Ours");
  cg_chart_add_point (chart, s, "onsite", "On-site", 42);
  CG_UI_TEST_WAIT (count_labels (GTK_WIDGET (card), "42%") == 1);
  g_assert_cmpuint (count_labels (GTK_WIDGET (card), "42%"), ==, 1);

  cg_chart_card_set_show_table (card, FALSE);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "chart");

  gtk_window_destroy (window);
}

static void
test_dark (void)
{
  g_autoptr(CgChart) chart = new_chart (CG_CHART_BARS, TRUE);
  AdwStyleManager *manager = adw_style_manager_get_default ();
  cairo_surface_t *light, *dark;
  GdkRGBA light_color, dark_color;

  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
  cg_chart_get_item_color (chart, 0, 0, &light_color);
  light = cg_chart_render_to_surface (chart, 400, 0);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_FORCE_DARK);
  cg_chart_get_item_color (chart, 0, 0, &dark_color);
  dark = cg_chart_render_to_surface (chart, 400, 0);
  adw_style_manager_set_color_scheme (manager, ADW_COLOR_SCHEME_DEFAULT);

  /* another palette, on a dark background */
  g_assert_false (gdk_rgba_equal (&light_color, &dark_color));
  g_assert_cmpuint (pixel_at (light, 0, 0) & 0xff, >, 0xc0);
  g_assert_cmpuint (pixel_at (dark, 0, 0) & 0xff, <, 0x40);
  g_assert_cmpuint (count_color (dark, &dark_color), >, 500);
  cairo_surface_destroy (light);
  cairo_surface_destroy (dark);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  for (guint i = 0; i < G_N_ELEMENTS (all_kinds); i++)
    {
      GEnumClass *klass = g_type_class_ref (CG_TYPE_CHART_KIND);
      const char *nick = g_enum_get_value (klass, all_kinds[i])->value_nick;
      g_autofree char *surface_path = g_strdup_printf ("/chart/render-surface/%s", nick);
      g_autofree char *texture_path = g_strdup_printf ("/chart/render-texture/%s", nick);

      g_test_add_data_func (surface_path, GINT_TO_POINTER (all_kinds[i]), test_render_surface);
      g_test_add_data_func (texture_path, GINT_TO_POINTER (all_kinds[i]), test_render_texture);
      g_type_class_unref (klass);
    }
  g_test_add_func ("/chart/bars-proportional", test_bars_proportional);
  g_test_add_func ("/chart/donut-proportional", test_donut_proportional);
  g_test_add_func ("/chart/columns-proportional", test_columns_proportional);
  g_test_add_func ("/chart/export", test_export);
  g_test_add_func ("/chart/description", test_description);
  g_test_add_func ("/chart/keyboard", test_keyboard);
  g_test_add_func ("/chart/keyboard-in-window", test_keyboard_in_window);
  g_test_add_func ("/chart/pointer", test_pointer);
  g_test_add_func ("/chart/empty", test_empty);
  g_test_add_func ("/chart/table", test_table);
  g_test_add_func ("/chart/card", test_card);
  g_test_add_func ("/chart/dark", test_dark);

  return g_test_run ();
}
