/* test-reader.c: the reader's hardening, in a real web view (under Xvfb)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A guide full of what a hostile page would try — scripts, event
 * handlers, javascript: links, frames, a meta refresh, images, styles and
 * links to a web server — is loaded into the reader. A server on the
 * loopback interface counts every request it receives. Nothing may run
 * (the document title stays as it was) and nothing may reach the server.
 */
#include "config.h"

#include <adwaita.h>

#include "cg-markdown.h"
#include "cg-reader-view-private.h"
#include "cg-ui-test-utils.h"

typedef struct {
  GSocketService *service;
  guint16         port;
  guint           requests;
} Server;

static gboolean
incoming_cb (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source,
             Server            *server)
{
  static const char reply[] = "HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  server->requests++;
  g_output_stream_write_all (out, reply, sizeof reply - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
server_start (Server *server)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  server->service = g_socket_service_new ();
  g_assert_true (g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), address,
                                                G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                                NULL, &bound, &error));
  g_assert_no_error (error);
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_signal_connect (server->service, "incoming", G_CALLBACK (incoming_cb), server);
  g_socket_service_start (server->service);
}

static void
loaded_cb (CgReaderView *reader,
           gboolean     *loaded)
{
  *loaded = TRUE;
}

static void
evaluated_cb (GObject      *web_view,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(JSCValue) value = NULL;
  g_autoptr(GError) error = NULL;

  value = webkit_web_view_evaluate_javascript_finish (WEBKIT_WEB_VIEW (web_view), result, &error);
  g_assert_no_error (error);
  *out = jsc_value_to_string (value);
}

/* What @script, run by the application (not by the page), evaluates to:
 * a round trip to the web process, which answers once it has handled
 * what came before. */
static char *
evaluate (CgReaderView *reader,
          const char   *script)
{
  char *result = NULL;

  webkit_web_view_evaluate_javascript (cg_reader_view_get_web_view (reader), script, -1,
                                       NULL, NULL, NULL, evaluated_cb, &result);
  CG_UI_TEST_WAIT (result != NULL);
  return result;
}

/* Whether every subresource of the page was tried (an image, a frame, a
 * style sheet): loaded, refused or failed */
static gboolean
document_complete (CgReaderView *reader)
{
  g_autofree char *state = evaluate (reader, "document.readyState");

  return g_str_equal (state, "complete");
}

/* Loads @html into a reader in a window and waits for it to finish. */
static CgReaderView *
load (GtkWindow  *window,
      const char *html)
{
  CgReaderView *reader = CG_READER_VIEW (cg_reader_view_new ());
  gboolean loaded = FALSE;

  gtk_window_set_child (window, GTK_WIDGET (reader));
  g_signal_connect (reader, "loaded", G_CALLBACK (loaded_cb), &loaded);
  cg_reader_view_load_page (reader, html, CG_READER_SCHEME ":///guide/test");
  CG_UI_TEST_WAIT (loaded);
  CG_UI_TEST_WAIT (document_complete (reader));
  /* Time for what a page could start later: a refresh, a timer. This
   * waits for a time on purpose: it shows that nothing happens, and
   * nothing that does not happen sends an event to wait for. */
  cg_ui_test_let_time_pass (1500);
  return reader;
}

static char *
hostile_markdown (guint16 port)
{
  return g_strdup_printf (
    "# Safe title\n\n"
    "<script>document.title = 'pwned-script';</script>\n\n"
    "<img src=\"x\" onerror=\"document.title = 'pwned-onerror'\">\n\n"
    "<iframe src=\"http://127.0.0.1:%u/frame\"></iframe>\n\n"
    "<meta http-equiv=\"refresh\" content=\"0; url=http://127.0.0.1:%u/refresh\">\n\n"
    "<link rel=\"stylesheet\" href=\"http://127.0.0.1:%u/style.css\">\n\n"
    "<div style=\"background: url(http://127.0.0.1:%u/bg.png)\">styled</div>\n\n"
    "[a javascript link](javascript:document.title='pwned-link')\n\n"
    "![a remote image](http://127.0.0.1:%u/markdown.png)\n\n"
    "<img src=\"http://127.0.0.1:%u/raw.png\">\n\n"
    "<object data=\"http://127.0.0.1:%u/object\"></object>\n\n"
    "<a href=\"http://127.0.0.1:%u/link\">a plain link, never followed by itself</a>\n",
    port, port, port, port, port, port, port, port);
}

/* Through the Markdown pipeline, as guides are shown. */
static void
test_hostile_guide_through_pipeline (void)
{
  Server server = { 0 };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *markdown = NULL;
  g_autoptr(CgMarkdown) md = NULL;
  g_autofree char *page = NULL;
  CgReaderView *reader;

  server_start (&server);
  markdown = hostile_markdown (server.port);
  md = cg_markdown_render (markdown, -1, NULL, NULL, NULL);
  page = cg_markdown_page ("Safe title", cg_markdown_get_html (md), "en");

  gtk_window_present (window);
  reader = load (window, page);

  g_assert_cmpstr (webkit_web_view_get_title (cg_reader_view_get_web_view (reader)), ==, "Safe title");
  g_assert_cmpuint (server.requests, ==, 0);

  gtk_window_destroy (window);
  g_socket_service_stop (server.service);
  g_object_unref (server.service);
}

/* Straight into the view, without the pipeline: the view's own defences
 * (no page JavaScript, the Content-Security-Policy, decide-policy) must
 * hold by themselves. */
static void
test_hostile_html_in_view (void)
{
  Server server = { 0 };
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *markdown = NULL;
  g_autofree char *page = NULL;
  CgReaderView *reader;

  server_start (&server);
  markdown = hostile_markdown (server.port);
  /* the raw text as the body: every tag in it reaches WebKit */
  page = cg_markdown_page ("Safe title", markdown, "en");

  gtk_window_present (window);
  reader = load (window, page);

  g_assert_cmpstr (webkit_web_view_get_title (cg_reader_view_get_web_view (reader)), ==, "Safe title");
  g_assert_cmpuint (server.requests, ==, 0);

  gtk_window_destroy (window);
  g_socket_service_stop (server.service);
  g_object_unref (server.service);
}

/* guide:, role: and job: links are the application's; the view reports them. */
static void
open_link_cb (CgReaderView *reader,
              const char   *uri,
              char        **out)
{
  g_free (*out);
  *out = g_strdup (uri);
}

static void
test_internal_links (void)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  g_autofree char *opened = NULL;
  g_autofree char *page = cg_markdown_page ("Links", "<p><a id=\"l\" href=\"guide:ml-skills\">skills</a></p>", "en");
  CgReaderView *reader;

  gtk_window_present (window);
  reader = load (window, page);
  g_signal_connect (reader, "open-link", G_CALLBACK (open_link_cb), &opened);

  /* the application's own script clicks it, as a user would */
  webkit_web_view_evaluate_javascript (cg_reader_view_get_web_view (reader),
                                       "document.getElementById ('l').click ();", -1,
                                       NULL, NULL, NULL, NULL, NULL);
  CG_UI_TEST_WAIT (opened != NULL);

  g_assert_cmpstr (opened, ==, "guide:ml-skills");
  /* and the view stayed where it was */
  g_assert_cmpstr (webkit_web_view_get_title (cg_reader_view_get_web_view (reader)), ==, "Links");

  gtk_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gtk_init ();
  adw_init ();

  g_test_add_func ("/reader/hostile-guide-through-pipeline", test_hostile_guide_through_pipeline);
  g_test_add_func ("/reader/hostile-html-in-view", test_hostile_html_in_view);
  g_test_add_func ("/reader/internal-links", test_internal_links);

  return g_test_run ();
}
