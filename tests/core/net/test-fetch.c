/* test-fetch.c: fetching links from a server on 127.0.0.1
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-fetch.h"
#include "cg-test-server.h"

typedef struct {
  CgTestServer *server;
  CgFetcher    *fetcher;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->server = cg_test_server_new ();
  f->fetcher = cg_fetcher_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->fetcher);
  cg_test_server_free (f->server);
  /* what the server and the session still have to finish */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static CgFetchResult *
fetch_url (Fixture     *f,
           const char  *url,
           GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  cg_fetcher_fetch_async (f->fetcher, url, NULL, NULL, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return cg_fetcher_fetch_finish (f->fetcher, result, error);
}

static CgFetchResult *
fetch (Fixture     *f,
       const char  *path,
       GError     **error)
{
  g_autofree char *url = cg_test_server_url (f->server, path);

  return fetch_url (f, url, error);
}

/* Fails with @code, in one sentence that names the link */
static void
fetch_fails (Fixture    *f,
             const char *path,
             int         code)
{
  g_autofree char *url = cg_test_server_url (f->server, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch_url (f, url, &error);

  g_assert_null (result);
  g_assert_error (error, CG_FETCH_ERROR, code);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_null (strchr (error->message, '\n'));
}

static void
test_page (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch (f, "/posting", &error);
  g_autoptr(GBytes) expected = cg_test_server_fixture ("posting.html");
  g_autofree char *url = cg_test_server_url (f->server, "/posting");
  g_autofree char *agent = g_strdup_printf ("CareerGuide/%s", PACKAGE_VERSION);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->kind, ==, CG_FETCH_KIND_HTML);
  g_assert_cmpstr (result->content_type, ==, "text/html");
  g_assert_cmpstr (result->url, ==, url);
  g_assert_true (g_bytes_equal (result->body, expected));

  /* The app and its version; gzip, deflate and brotli */
  g_assert_cmpstr (f->server->user_agent, ==, agent);
  g_assert_nonnull (strstr (f->server->accept_encoding, "gzip"));
  g_assert_nonnull (strstr (f->server->accept_encoding, "deflate"));
  g_test_message ("Accept-Encoding: %s", f->server->accept_encoding);
}

/* The page set a cookie: it is not sent back */
static void
test_no_cookies (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CgFetchResult) first = fetch (f, "/posting", NULL);
  g_autoptr(CgFetchResult) second = NULL;

  g_assert_nonnull (first);
  second = fetch (f, "/posting", NULL);
  g_assert_nonnull (second);
  g_assert_cmpuint (f->server->n_requests, ==, 2);
  g_assert_null (f->server->cookie);
}

/* A user name and password in the link are never sent */
static void
test_no_credentials (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *url = g_strdup_printf ("http://someone:secret@%s/posting",
                                          f->server->base + strlen ("http://"));
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch_url (f, url, &error);

  g_assert_no_error (error);
  g_assert_null (f->server->authorization);
  g_assert_null (strstr (result->url, "secret"));
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch (f, "/redirect/3", &error);
  g_autofree char *final = cg_test_server_url (f->server, "/posting");

  g_assert_no_error (error);
  g_assert_cmpstr (result->url, ==, final);
  g_assert_cmpuint (f->server->n_requests, ==, 4);
}

static void
test_redirect_limit (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CgFetchResult) ten = fetch (f, "/redirect/10", NULL);

  g_assert_nonnull (ten);
  fetch_fails (f, "/redirect/11", CG_FETCH_ERROR_TOO_MANY_REDIRECTS);
}

static void
test_redirect_loop (Fixture       *f,
                    gconstpointer  data)
{
  fetch_fails (f, "/loop/a", CG_FETCH_ERROR_REDIRECT_LOOP);
  g_assert_cmpuint (f->server->n_requests, ==, 2);
}

static void
test_schemes (Fixture       *f,
              gconstpointer  data)
{
  static const char *const refused[] = {
    "ftp://127.0.0.1/jobs.html", "file:///etc/passwd", "javascript:alert(1)",
    "mailto:jobs@example.com", "data:text/html,<p>hi</p>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFetchResult) result = fetch_url (f, refused[i], &error);

      g_assert_null (result);
      g_assert_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_UNSUPPORTED_SCHEME);
      g_assert_nonnull (strstr (error->message, refused[i]));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CgFetchResult) result = fetch_url (f, "not a link", &error);

    g_assert_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_INVALID_URL);
    g_assert_nonnull (strstr (error->message, "not a link"));
  }

  /* nor followed by a redirect */
  fetch_fails (f, "/to-ftp", CG_FETCH_ERROR_UNSUPPORTED_SCHEME);
  g_assert_cmpuint (f->server->n_requests, ==, 1);
}

static void
test_statuses (Fixture       *f,
               gconstpointer  data)
{
  fetch_fails (f, "/nothing-here", CG_FETCH_ERROR_NOT_FOUND);
  fetch_fails (f, "/forbidden", CG_FETCH_ERROR_FORBIDDEN);
  fetch_fails (f, "/broken", CG_FETCH_ERROR_HTTP);
}

static void
test_too_many_requests (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch (f, "/busy", &error);
  g_autoptr(GError) copy = NULL;

  g_assert_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_TOO_MANY_REQUESTS);
  g_assert_cmpint (cg_fetch_error_get_retry_after (error), ==, 120);
  g_assert_nonnull (strstr (error->message, "120"));
  copy = g_error_copy (error);
  g_assert_cmpint (cg_fetch_error_get_retry_after (copy), ==, 120);

  fetch_fails (f, "/busy-no-date", CG_FETCH_ERROR_TOO_MANY_REQUESTS);
}

static void
test_types (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CgFetchResult) json = fetch (f, "/json", NULL);
  g_autoptr(CgFetchResult) untyped = fetch (f, "/untyped", NULL);

  g_assert_cmpint (json->kind, ==, CG_FETCH_KIND_JSON);
  g_assert_cmpint (untyped->kind, ==, CG_FETCH_KIND_HTML);

  fetch_fails (f, "/image", CG_FETCH_ERROR_UNSUPPORTED_TYPE);
  fetch_fails (f, "/text", CG_FETCH_ERROR_UNSUPPORTED_TYPE);
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch (f, "/gzip", &error);
  g_autoptr(GBytes) expected = cg_test_server_fixture ("itemlist.html");

  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (result->body, expected));
}

/* Said to be ISO-8859-1 by the server: given in UTF-8 */
static void
test_latin1 (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = fetch (f, "/latin1", &error);
  gsize size;
  const char *body = g_bytes_get_data (result->body, &size);

  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (body, size, NULL));
  g_assert_nonnull (g_strstr_len (body, size, "Développeur débutant"));
}

/* Refused while it streams in, not after: the endless body would be 64 MB */
static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = NULL;

  g_assert_cmpuint (cg_fetcher_get_max_size (f->fetcher), ==, 16 * 1024 * 1024);
  cg_fetcher_set_max_size (f->fetcher, 256 * 1024);

  fetch_fails (f, "/endless", CG_FETCH_ERROR_TOO_LARGE);
  /* said by its Content-Length */
  fetch_fails (f, "/big", CG_FETCH_ERROR_TOO_LARGE);

  cg_fetcher_set_max_size (f->fetcher, 1024 * 1024);
  result = fetch (f, "/big", &error);
  g_assert_no_error (error);
}

static void
test_timeout (Fixture       *f,
              gconstpointer  data)
{
  gint64 start = g_get_monotonic_time ();

  cg_fetcher_set_timeouts (f->fetcher, 1000, 300);
  fetch_fails (f, "/slow", CG_FETCH_ERROR_TIMEOUT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = cg_test_server_url (f->server, "/slow");
  g_autoptr(CgFetchResult) fetched = NULL;

  cg_fetcher_fetch_async (f->fetcher, url, NULL, NULL, cancellable, result_cb, &result);
  while (f->server->n_requests == 0)
    g_main_context_iteration (NULL, TRUE);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  fetched = cg_fetcher_fetch_finish (f->fetcher, result, &error);
  g_assert_null (fetched);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Nothing listens there any more */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = cg_test_server_url (f->server, "/posting");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = NULL;

  soup_server_disconnect (f->server->server);
  result = fetch_url (f, url, &error);
  g_assert_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, url));
}

/* https to a server that answers in plain text */
static gboolean
not_tls_incoming_cb (GSocketService     *service,
                     GSocketConnection  *connection,
                     GObject            *source,
                     gpointer            user_data)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, answer, sizeof answer - 1, NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_tls (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GSocketService) service = g_socket_service_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFetchResult) result = NULL;
  g_autofree char *url = NULL;

  g_socket_listener_add_address (G_SOCKET_LISTENER (service), address, G_SOCKET_TYPE_STREAM,
                                 G_SOCKET_PROTOCOL_TCP, NULL, &bound, &error);
  g_assert_no_error (error);
  g_signal_connect (service, "incoming", G_CALLBACK (not_tls_incoming_cb), NULL);
  g_socket_service_start (service);

  url = g_strdup_printf ("https://127.0.0.1:%u/posting",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  result = fetch_url (f, url, &error);
  g_socket_service_stop (service);

  g_assert_null (result);
  g_assert_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, url));
}

static void
progress_cb (guint64  received,
             guint64  total,
             gpointer user_data)
{
  guint64 *last = user_data;

  g_assert_cmpuint (received, >=, *last);
  *last = received;
}

static void
test_progress (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *url = cg_test_server_url (f->server, "/posting");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CgFetchResult) fetched = NULL;
  guint64 last = 0;

  cg_fetcher_fetch_async (f->fetcher, url, progress_cb, &last, NULL, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  fetched = cg_fetcher_fetch_finish (f->fetcher, result, NULL);
  g_assert_cmpuint (last, ==, g_bytes_get_size (fetched->body));
}

int
main (int   argc,
      char *argv[])
{
  /* The loopback server is reached directly */
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_setenv ("no_proxy", "127.0.0.1", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/fetch/page", test_page);
  ADD ("/fetch/no-cookies", test_no_cookies);
  ADD ("/fetch/no-credentials", test_no_credentials);
  ADD ("/fetch/redirects", test_redirects);
  ADD ("/fetch/redirect-limit", test_redirect_limit);
  ADD ("/fetch/redirect-loop", test_redirect_loop);
  ADD ("/fetch/schemes", test_schemes);
  ADD ("/fetch/statuses", test_statuses);
  ADD ("/fetch/too-many-requests", test_too_many_requests);
  ADD ("/fetch/types", test_types);
  ADD ("/fetch/gzip", test_gzip);
  ADD ("/fetch/latin1", test_latin1);
  ADD ("/fetch/too-large", test_too_large);
  ADD ("/fetch/timeout", test_timeout);
  ADD ("/fetch/cancel", test_cancel);
  ADD ("/fetch/refused", test_refused);
  ADD ("/fetch/tls", test_tls);
  ADD ("/fetch/progress", test_progress);
#undef ADD

  return g_test_run ();
}
