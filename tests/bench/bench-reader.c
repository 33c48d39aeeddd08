/* bench-reader.c: opening a guide, against a bare WebKitWebView
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-reader [ROUNDS]
 *
 * Issue 4: the time from clicking a guide in the guide list to the
 * reader's WebKitWebView reporting WEBKIT_LOAD_FINISHED.
 *
 * Ours: a window with the Guides page (CgGuidesPage on a new library with
 * the bundled guides). Each open activates a row of the guide list as a
 * click does (gtk_widget_activate() on the GtkListBoxRow: row-activated,
 * then whatever the page does: the Markdown pipeline with its ```compare
 * tables, the reader's load_html) and runs the main loop until a web view
 * emits load-changed with WEBKIT_LOAD_FINISHED (an emission hook, so that
 * it does not matter when or where the page makes its view). OPENS opens, each of another
 * guide than the one before, in list order: the first one is cold (it
 * makes the reader and starts WebKit's web process), the others warm.
 *
 * The limit: a bare WebKitWebView (default settings, a web context of its
 * own, with the cg-resource: scheme served from the same GResource so that
 * the page's stylesheet loads as in the reader) in the same kind of window,
 * loading the same HTML strings (the pages ours shows, rendered before the
 * clock starts) with webkit_web_view_load_html(), timed from making the
 * view (cold) or from load_html (warm) to WEBKIT_LOAD_FINISHED.
 *
 * Each side runs in a process of its own (this program with --ours or
 * --bare), so that both start WebKit from nothing; ROUNDS processes each
 * (default 5), taking turns. Figures: the median of the cold opens, and
 * the median of all warm opens. A third kind of process (--reader) loads
 * the same HTML into a CgReaderView alone, without the Guides page around
 * it, and is printed as a breakdown of ours (the reader's settings, web
 * context and network session against the page's own work).
 *
 * Needs a display and a session bus: run under xvfb-run and
 * dbus-run-session. WebKit's sandbox stays on, as in the application.
 *
 * Prints
 *   bench: reader-open-cold: RATIO (ours VALUE ms, limit VALUE ms, goal <= 1.5)
 *   bench: reader-open-warm: ...
 * and exits 0 whatever the figures are; non-zero only when something broke.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <webkit/webkit.h>

#include "bench-util.h"
#include "cg-compare.h"
#include "cg-guide.h"
#include "cg-guides-page-private.h"
#include "cg-library.h"
#include "cg-markdown.h"
#include "cg-reader-view.h"

#define OPENS 10
#define DEFAULT_ROUNDS 5
#define TIMEOUT_S 30

/* Waiting for load-finished: an emission hook on WebKitWebView::load-changed
 * sees every view's loads, however late the page makes its view. */

typedef struct {
  const char *uri;  /* the page's (base) URI: a load of anything else does not count */
  gboolean    finished;
  gboolean    failed;
  gint64      end;
} Load;

static Load *current_load;

/* The main thread's time in GTK frames (before-paint to after-paint) while
 * an open is under way: what the window's own drawing takes of it. */
static gint64 frame_start;
static gint64 frame_time;

static void
before_paint_cb (GdkFrameClock *clock,
                 gpointer       user_data)
{
  frame_start = g_get_monotonic_time ();
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (current_load != NULL && frame_start != 0)
    frame_time += g_get_monotonic_time () - frame_start;
  frame_start = 0;
}

static void
watch_frames (GtkWindow *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));

  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

static gboolean
load_changed_hook (GSignalInvocationHint *hint,
                   guint                  n_values,
                   const GValue          *values,
                   gpointer               user_data)
{
  WebKitWebView *web_view = g_value_get_object (&values[0]);

  if (current_load != NULL && !current_load->finished &&
      g_value_get_enum (&values[1]) == WEBKIT_LOAD_FINISHED &&
      g_strcmp0 (webkit_web_view_get_uri (web_view), current_load->uri) == 0)
    {
      current_load->end = g_get_monotonic_time ();
      current_load->finished = TRUE;
    }

  return TRUE;
}

static gboolean
load_failed_hook (GSignalInvocationHint *hint,
                  guint                  n_values,
                  const GValue          *values,
                  gpointer               user_data)
{
  const GError *error = g_value_get_boxed (&values[3]);

  if (current_load != NULL)
    {
      g_printerr ("load of %s failed: %s\n", g_value_get_string (&values[2]),
                  error ? error->message : "");
      current_load->failed = TRUE;
    }

  return TRUE;
}

static void
add_hooks (void)
{
  /* the signals exist once the class does; it stays */
  g_type_class_ref (WEBKIT_TYPE_WEB_VIEW);
  g_signal_add_emission_hook (g_signal_lookup ("load-changed", WEBKIT_TYPE_WEB_VIEW), 0,
                              load_changed_hook, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("load-failed", WEBKIT_TYPE_WEB_VIEW), 0,
                              load_failed_hook, NULL, NULL);
}

/* Runs the main loop until @load, set up before the click, is done. */
static gboolean
wait_load (Load *load)
{
  gint64 deadline = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;

  while (!load->finished && !load->failed && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  current_load = NULL;
  return load->finished && !load->failed;
}

/* Runs the main loop for @ms, so that what an open left (painting, the
 * style script) is done before the next one. */
static void
settle (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWindow *
new_window (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());

  gtk_window_set_default_size (window, 1200, 800);
  return window;
}

/* The library: a new user.db in @dir with the bundled content. */
static CgLibrary *
open_library (const char  *dir,
              GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(CgLibrary) library = cg_library_new (path, content);

  if (!cg_library_open (library, error))
    return NULL;

  return g_steal_pointer (&library);
}

/* Ours: clicking the rows of the guide list */

static int
run_ours (CgLibrary *library)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) guides = cg_library_list (library, CG_LIBRARY_KIND_GUIDES, &error);
  GtkWindow *window = new_window ();
  CgGuidesPage *page = CG_GUIDES_PAGE (cg_guides_page_new ());
  GtkListBox *list;
  guint n_rows = 0;

  gtk_window_set_child (window, GTK_WIDGET (page));
  cg_guides_page_set_library (page, library);
  gtk_window_present (window);
  settle (500);
  watch_frames (window);

  list = cg_guides_page_get_list_box (page);
  while (gtk_list_box_get_row_at_index (list, n_rows) != NULL)
    n_rows++;
  /* the rows are the library's guides, in its order */
  if (guides == NULL || n_rows < 2 || n_rows != g_list_model_get_n_items (guides))
    {
      g_printerr ("the guide list has %u rows for %u guides\n", n_rows,
                  guides ? g_list_model_get_n_items (guides) : 0);
      return 1;
    }

  for (guint i = 0; i < OPENS; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i % n_rows);
      g_autoptr(CgGuide) guide = g_list_model_get_item (guides, i % n_rows);
      g_autofree char *uri = g_strdup_printf (CG_READER_SCHEME ":///guide/%s",
                                              cg_guide_get_slug (guide));
      Load load = { uri, FALSE, FALSE, 0 };
      gint64 start, clicked;

      current_load = &load;
      frame_time = 0;
      start = g_get_monotonic_time ();
      if (!gtk_widget_activate (GTK_WIDGET (row)))
        {
          g_printerr ("row %u cannot be activated\n", i % n_rows);
          return 1;
        }
      clicked = g_get_monotonic_time ();

      if (!wait_load (&load) || g_strcmp0 (cg_guides_page_get_current (page),
                                           cg_guide_get_slug (guide)) != 0)
        {
          g_printerr ("guide %s did not load\n", cg_guide_get_slug (guide));
          return 1;
        }

      printf ("open %u %.3f %.3f %.3f %s\n", i, bench_elapsed_ms (start, load.end),
              bench_elapsed_ms (start, clicked), frame_time / 1000.0, cg_guide_get_slug (guide));
      settle (300);
    }

  gtk_window_destroy (window);
  settle (100);
  return 0;
}

/* The limit: a bare web view loading the same pages */

/* cg-resource:///css/page.css -> RESOURCE_PREFIX/web/css/page.css, as the
 * reader serves it. */
static void
resource_cb (WebKitURISchemeRequest *request,
             gpointer                user_data)
{
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autofree char *resource = g_strconcat (RESOURCE_PREFIX "/web", path, NULL);
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;

  if (!g_resources_get_info (resource, 0, &size, NULL, &error) ||
      (stream = g_resources_open_stream (resource, 0, &error)) == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  webkit_uri_scheme_request_finish (request, stream, (gint64) size,
                                    g_str_has_suffix (path, ".css") ? "text/css"
                                                                    : "application/octet-stream");
}

typedef struct {
  char *html;
  char *base;
  char *slug;
} Page;

static void
page_clear (gpointer data)
{
  Page *page = data;

  g_free (page->html);
  g_free (page->base);
  g_free (page->slug);
}

/* The pages the Guides page shows, in its list's order, rendered as it
 * renders them. */
static GArray *
render_pages (CgLibrary  *library,
              GError    **error)
{
  static const char *blocks[] = { "compare", NULL };
  g_autoptr(GListModel) guides = cg_library_list (library, CG_LIBRARY_KIND_GUIDES, error);
  GArray *pages;

  if (guides == NULL)
    return NULL;

  pages = g_array_new (FALSE, TRUE, sizeof (Page));
  g_array_set_clear_func (pages, page_clear);
  for (guint i = 0; i < g_list_model_get_n_items (guides); i++)
    {
      g_autoptr(CgGuide) guide = g_list_model_get_item (guides, i);
      g_autoptr(CgMarkdown) md = cg_markdown_render (cg_guide_get_body (guide), -1, blocks,
                                                     cg_compare_block_cb,
                                                     cg_library_get_db (library));
      Page page = {
        cg_markdown_page (cg_guide_get_title (guide), cg_markdown_get_html (md), NULL),
        g_strdup_printf (CG_READER_SCHEME ":///guide/%s", cg_guide_get_slug (guide)),
        g_strdup (cg_guide_get_slug (guide)),
      };

      g_array_append_val (pages, page);
    }

  return pages;
}

/* The bare view, or with @reader_only, the reader view alone (CgReaderView
 * with its settings, web context and network session, without the page
 * around it): a breakdown, not a limit. */
static int
run_bare (CgLibrary *library,
          gboolean   reader_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) pages = render_pages (library, &error);
  GtkWindow *window;
  WebKitWebView *web_view = NULL;
  CgReaderView *reader = NULL;

  if (pages == NULL || pages->len < 2)
    {
      g_printerr ("no guides to render: %s\n", error ? error->message : "fewer than 2");
      return 1;
    }

  window = new_window ();
  gtk_window_present (window);
  settle (500);
  watch_frames (window);

  for (guint i = 0; i < OPENS; i++)
    {
      const Page *page = &g_array_index (pages, Page, i % pages->len);
      Load load = { page->base, FALSE, FALSE, 0 };
      gint64 start, clicked;

      current_load = &load;
      frame_time = 0;
      start = g_get_monotonic_time ();
      if (reader_only)
        {
          if (reader == NULL)
            {
              reader = CG_READER_VIEW (cg_reader_view_new ());
              gtk_window_set_child (window, GTK_WIDGET (reader));
            }
          cg_reader_view_load_page (reader, page->html, page->base);
        }
      else
        {
          if (web_view == NULL)
            {
              WebKitWebContext *context = webkit_web_context_new ();

              webkit_web_context_register_uri_scheme (context, CG_READER_SCHEME, resource_cb,
                                                      NULL, NULL);
              web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW, "web-context", context, NULL);
              g_object_unref (context);
              gtk_window_set_child (window, GTK_WIDGET (web_view));
            }
          webkit_web_view_load_html (web_view, page->html, page->base);
        }
      clicked = g_get_monotonic_time ();

      if (!wait_load (&load))
        {
          g_printerr ("page %s did not load\n", page->slug);
          return 1;
        }

      printf ("open %u %.3f %.3f %.3f %s\n", i, bench_elapsed_ms (start, load.end),
              bench_elapsed_ms (start, clicked), frame_time / 1000.0, page->slug);
      settle (300);
    }

  gtk_window_destroy (window);
  settle (100);
  return 0;
}

typedef enum {
  MODE_OURS,
  MODE_BARE,
  MODE_READER,
} Mode;

static int
child_main (Mode mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cg-bench-reader-XXXXXX", &error);
  g_autoptr(CgLibrary) library = NULL;
  int status;

  if (dir == NULL || (library = open_library (dir, &error)) == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  gtk_init ();
  adw_init ();
  add_hooks ();

  status = mode == MODE_OURS ? run_ours (library) : run_bare (library, mode == MODE_READER);
  g_clear_object (&library);
  bench_remove_tree (dir);
  return status;
}

/* The parent: runs the children and compares */

typedef struct {
  GArray *cold;       /* ms, one per process */
  GArray *warm;       /* ms, every warm open */
  GArray *handler;    /* ms the click itself took (ours: Markdown, tables, load_html) */
  GArray *cold_handler;
  GArray *frames;     /* ms in GTK frames during each warm open */
} Side;

static void
side_init (Side *side)
{
  side->cold = g_array_new (FALSE, FALSE, sizeof (double));
  side->warm = g_array_new (FALSE, FALSE, sizeof (double));
  side->handler = g_array_new (FALSE, FALSE, sizeof (double));
  side->cold_handler = g_array_new (FALSE, FALSE, sizeof (double));
  side->frames = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
side_clear (Side *side)
{
  g_array_unref (side->cold);
  g_array_unref (side->warm);
  g_array_unref (side->handler);
  g_array_unref (side->cold_handler);
  g_array_unref (side->frames);
}

static gboolean
run_child (const char  *self_path,
           const char  *mode,
           Side        *side,
           GError     **error)
{
  const char *argv[] = { self_path, mode, NULL };
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  guint opens = 0;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint index;
      double total, handler, frames;

      if (sscanf (lines[i], "open %u %lf %lf %lf", &index, &total, &handler, &frames) != 4)
        continue;
      g_array_append_val (index == 0 ? side->cold : side->warm, total);
      g_array_append_val (index == 0 ? side->cold_handler : side->handler, handler);
      if (index > 0)
        g_array_append_val (side->frames, frames);
      opens++;
    }

  if (opens != OPENS)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s %s: %u opens of %d:\n%s",
                   self_path, mode, opens, OPENS, out);
      return FALSE;
    }

  return TRUE;
}

static void
print_runs (const char *what,
            GArray     *values)
{
  printf ("  %s:", what);
  for (guint i = 0; i < values->len; i++)
    printf (" %.1f", g_array_index (values, double, i));
  printf ("\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;
  Side ours, bare, reader;
  guint rounds = DEFAULT_ROUNDS;
  gboolean ok = TRUE;

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc == 2 && g_str_equal (argv[1], "--ours"))
    return child_main (MODE_OURS);
  if (argc == 2 && g_str_equal (argv[1], "--bare"))
    return child_main (MODE_BARE);
  if (argc == 2 && g_str_equal (argv[1], "--reader"))
    return child_main (MODE_READER);
  if (argc == 2)
    rounds = (guint) MAX (1, atoi (argv[1]));
  else if (argc > 2)
    {
      g_printerr ("Usage: %s [ROUNDS]\n", argv[0]);
      return 2;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  printf ("reader: %u processes each, %d opens in each (the first cold); %u processors; "
          "WebKit %u.%u.%u\n", rounds, OPENS, g_get_num_processors (),
          webkit_get_major_version (), webkit_get_minor_version (), webkit_get_micro_version ());
  bench_print_load ("at the start");

  side_init (&ours);
  side_init (&bare);
  side_init (&reader);
  for (guint r = 0; ok && r < rounds; r++)
    ok = run_child (self_path, "--ours", &ours, &error) &&
         run_child (self_path, "--bare", &bare, &error) &&
         run_child (self_path, "--reader", &reader, &error);

  if (ok)
    {
      print_runs ("cold opens, ours", ours.cold);
      print_runs ("cold opens, bare", bare.cold);
      print_runs ("cold opens, reader view alone", reader.cold);
      bench_print_figure ("reader-open-cold", bench_median (ours.cold), bench_median (bare.cold),
                          "ms", "<= 1.5");
      printf ("  of which the click itself (row-activated: Markdown, compare tables, reader, "
              "load_html): ours %.1f ms, bare (view, load_html) %.1f ms\n",
              bench_median (ours.cold_handler), bench_median (bare.cold_handler));
      bench_print_figure ("reader-open-warm", bench_median (ours.warm), bench_median (bare.warm),
                          "ms", "<= 1.5");
      printf ("  %u warm opens each; of which the click itself: ours %.1f ms, bare %.1f ms; "
              "GTK frames (layout and drawing) meanwhile: ours %.1f ms, bare %.1f ms\n",
              ours.warm->len, bench_median (ours.handler), bench_median (bare.handler),
              bench_median (ours.frames), bench_median (bare.frames));
      printf ("  breakdown: the reader view alone (CgReaderView, no page around it) loading "
              "the same HTML: cold %.1f ms, warm %.1f ms\n",
              bench_median (reader.cold), bench_median (reader.warm));
    }

  side_clear (&ours);
  side_clear (&bare);
  side_clear (&reader);
  bench_print_load ("at the end");

  if (!ok)
    {
      g_printerr ("bench-reader: %s\n", error->message);
      return 1;
    }

  return 0;
}
