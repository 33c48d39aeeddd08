/* cg-test-server.h: an HTTP server on 127.0.0.1 for the net tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each test runs its own SoupServer, listening on 127.0.0.1 only, on a
 * port the system picks, serving the fixtures of tests/core/fixtures/net/
 * and the answers the tests need (redirects, errors, slow and endless
 * bodies, gzip). Nothing leaves the machine.
 */
#pragma once

#include <string.h>

#include <libsoup/soup.h>

typedef struct {
  SoupServer *server;
  char       *base;          /* "http://127.0.0.1:PORT" */
  char       *user_agent;    /* of the last request */
  char       *cookie;        /* of the last request, if any */
  char       *accept_encoding;
  char       *authorization;
  guint       n_requests;
  gboolean    changed;       /* /changing serves its second version */
  GPtrArray  *dribbles;      /* of Dribble, not owned */
} CgTestServer;

typedef struct {
  CgTestServer      *ts;
  SoupServerMessage *msg;
  guint              n_chunks;
  guint              max_chunks;
  guint              interval_ms;
  guint              source;
  gboolean           finished;
} Dribble;

static inline char *
cg_test_server_fixture_path (const char *name)
{
  const char *dir = g_getenv ("CG_TEST_FIXTURES");

  g_assert_nonnull (dir);
  return g_build_filename (dir, "net", name, NULL);
}

static inline GBytes *
cg_test_server_fixture (const char *name)
{
  g_autofree char *path = cg_test_server_fixture_path (name);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length = 0;

  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, length);
}

static inline void
cg_test_server_serve (SoupServerMessage *msg,
                      const char        *content_type,
                      GBytes            *body)
{
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  if (content_type == NULL)
    soup_message_body_append_bytes (soup_server_message_get_response_body (msg), body);
  else
    soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                      g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

static inline void
cg_test_server_serve_fixture (SoupServerMessage *msg,
                              const char        *content_type,
                              const char        *name)
{
  g_autoptr(GBytes) body = cg_test_server_fixture (name);

  cg_test_server_serve (msg, content_type, body);
}

static inline void
cg_test_server_redirect (SoupServerMessage *msg,
                         const char        *location)
{
  soup_server_message_set_status (msg, SOUP_STATUS_FOUND, NULL);
  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                "Location", location);
}

static inline GBytes *
cg_test_server_gzip (GBytes *data)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, -1);
  g_autoptr(GInputStream) plain = g_memory_input_stream_new_from_bytes (data);
  g_autoptr(GInputStream) zipped = g_converter_input_stream_new (plain, G_CONVERTER (compressor));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, zipped, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE |
                          G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

/* Slow and endless bodies: a chunk, then the next after @interval_ms */
static inline void
dribble_free (Dribble *d)
{
  if (d->source != 0)
    g_source_remove (d->source);
  if (d->ts != NULL)
    g_ptr_array_remove (d->ts->dribbles, d);
  g_free (d);
}

static inline void
dribble_append (Dribble *d)
{
  SoupMessageBody *body = soup_server_message_get_response_body (d->msg);
  char chunk[16 * 1024];

  memset (chunk, 'x', sizeof chunk);
  if (d->n_chunks++ == 0)
    soup_message_body_append (body, SOUP_MEMORY_COPY, "<html><body><p>", 15);
  else if (d->n_chunks >= d->max_chunks)
    {
      soup_message_body_append (body, SOUP_MEMORY_COPY, "</p></body></html>", 18);
      soup_message_body_complete (body);
      return;
    }
  else
    soup_message_body_append (body, SOUP_MEMORY_COPY, chunk, sizeof chunk);
}

static inline gboolean
dribble_timeout_cb (gpointer user_data)
{
  Dribble *d = user_data;

  d->source = 0;
  if (!d->finished)
    {
      dribble_append (d);
      soup_server_message_unpause (d->msg);
    }
  return G_SOURCE_REMOVE;
}

static inline void
dribble_wrote_chunk_cb (SoupServerMessage *msg,
                        Dribble           *d)
{
  if (d->finished || d->n_chunks >= d->max_chunks)
    return;

  if (d->interval_ms == 0)
    dribble_append (d);
  else
    {
      soup_server_message_pause (msg);
      d->source = g_timeout_add (d->interval_ms, dribble_timeout_cb, d);
    }
}

static inline void
dribble_finished_cb (SoupServerMessage *msg,
                     Dribble           *d)
{
  d->finished = TRUE;
  if (d->source != 0)
    {
      g_source_remove (d->source);
      d->source = 0;
    }
}

static inline void
cg_test_server_dribble (CgTestServer      *ts,
                        SoupServerMessage *msg,
                        guint              max_chunks,
                        guint              interval_ms)
{
  Dribble *d = g_new0 (Dribble, 1);

  d->ts = ts;
  g_ptr_array_add (ts->dribbles, d);
  d->msg = msg;  /* (the message owns the dribble) */
  d->max_chunks = max_chunks;
  d->interval_ms = interval_ms;
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (msg),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_set_content_type (soup_server_message_get_response_headers (msg),
                                         "text/html", NULL);
  g_signal_connect (msg, "wrote-chunk", G_CALLBACK (dribble_wrote_chunk_cb), d);
  g_signal_connect (msg, "finished", G_CALLBACK (dribble_finished_cb), d);
  g_object_set_data_full (G_OBJECT (msg), "cg-dribble", d, (GDestroyNotify) dribble_free);
  dribble_append (d);
}

static inline void
cg_test_server_handler (SoupServer        *server,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query,
                        gpointer           user_data)
{
  CgTestServer *ts = user_data;
  SoupMessageHeaders *request = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response = soup_server_message_get_response_headers (msg);

  ts->n_requests++;
  g_free (ts->user_agent);
  ts->user_agent = g_strdup (soup_message_headers_get_one (request, "User-Agent"));
  g_free (ts->cookie);
  ts->cookie = g_strdup (soup_message_headers_get_one (request, "Cookie"));
  g_free (ts->accept_encoding);
  ts->accept_encoding = g_strdup (soup_message_headers_get_one (request, "Accept-Encoding"));
  g_free (ts->authorization);
  ts->authorization = g_strdup (soup_message_headers_get_one (request, "Authorization"));

  if (g_str_equal (path, "/posting"))
    {
      soup_message_headers_append (response, "Set-Cookie", "session=secret; Path=/");
      cg_test_server_serve_fixture (msg, "text/html; charset=utf-8", "posting.html");
    }
  else if (g_str_equal (path, "/itemlist"))
    cg_test_server_serve_fixture (msg, "text/html", "itemlist.html");
  else if (g_str_equal (path, "/plain"))
    cg_test_server_serve_fixture (msg, "text/html; charset=UTF-8", "no-jsonld.html");
  else if (g_str_equal (path, "/latin1"))
    cg_test_server_serve_fixture (msg, "text/html; charset=ISO-8859-1", "latin1.html");
  else if (g_str_equal (path, "/json"))
    cg_test_server_serve_fixture (msg, "application/ld+json", "posting.json");
  else if (g_str_equal (path, "/changing"))
    cg_test_server_serve_fixture (msg, "application/json",
                                  ts->changed ? "changing-2.json" : "changing-1.json");
  else if (g_str_equal (path, "/untyped"))
    cg_test_server_serve_fixture (msg, NULL, "itemlist.html");
  else if (g_str_equal (path, "/gzip"))
    {
      g_autoptr(GBytes) page = cg_test_server_fixture ("itemlist.html");
      g_autoptr(GBytes) zipped = cg_test_server_gzip (page);

      cg_test_server_serve (msg, "text/html", zipped);
      soup_message_headers_replace (response, "Content-Encoding", "gzip");
    }
  else if (g_str_has_prefix (path, "/redirect/"))
    {
      guint64 n = g_ascii_strtoull (path + strlen ("/redirect/"), NULL, 10);
      g_autofree char *next = n > 1 ? g_strdup_printf ("/redirect/%" G_GUINT64_FORMAT, n - 1)
                                    : g_strdup ("/posting");

      cg_test_server_redirect (msg, next);
    }
  else if (g_str_equal (path, "/loop/a"))
    cg_test_server_redirect (msg, "/loop/b");
  else if (g_str_equal (path, "/loop/b"))
    cg_test_server_redirect (msg, "/loop/a");
  else if (g_str_equal (path, "/to-ftp"))
    cg_test_server_redirect (msg, "ftp://127.0.0.1/jobs.html");
  else if (g_str_equal (path, "/forbidden"))
    soup_server_message_set_status (msg, SOUP_STATUS_FORBIDDEN, NULL);
  else if (g_str_equal (path, "/busy"))
    {
      soup_server_message_set_status (msg, 429, "Too Many Requests");
      soup_message_headers_replace (response, "Retry-After", "120");
    }
  else if (g_str_equal (path, "/busy-no-date"))
    soup_server_message_set_status (msg, 429, "Too Many Requests");
  else if (g_str_equal (path, "/broken"))
    soup_server_message_set_status (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, NULL);
  else if (g_str_equal (path, "/image"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_STATIC, "\x89PNG\r\n", 6);
    }
  else if (g_str_equal (path, "/text"))
    {
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, "Hello there", 11);
    }
  else if (g_str_equal (path, "/big"))
    {
      g_autofree char *big = g_malloc (512 * 1024);

      memset (big, ' ', 512 * 1024);
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_COPY, big, 512 * 1024);
    }
  else if (g_str_equal (path, "/slow"))
    cg_test_server_dribble (ts, msg, 50, 100);          /* 5 s */
  else if (g_str_equal (path, "/endless"))
    cg_test_server_dribble (ts, msg, 64 * 64, 0);       /* 64 MB, as fast as it goes */
  else
    soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

static inline CgTestServer *
cg_test_server_new (void)
{
  CgTestServer *ts = g_new0 (CgTestServer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;
  GUri *uri;

  ts->dribbles = g_ptr_array_new ();
  ts->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (ts->server, NULL, cg_test_server_handler, ts, NULL);
  /* 127.0.0.1 only, on a port of the system's choice */
  soup_server_listen_local (ts->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (ts->server);
  g_assert_nonnull (uris);
  uri = uris->data;
  g_assert_cmpstr (g_uri_get_host (uri), ==, "127.0.0.1");
  ts->base = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return ts;
}

static inline char *
cg_test_server_url (CgTestServer *ts,
                    const char   *path)
{
  return g_strconcat (ts->base, path, NULL);
}

static inline void
cg_test_server_free (CgTestServer *ts)
{
  if (ts == NULL)
    return;

  /* Slow bodies still going stop */
  for (guint i = 0; i < ts->dribbles->len; i++)
    {
      Dribble *d = g_ptr_array_index (ts->dribbles, i);

      d->finished = TRUE;
      d->ts = NULL;
      if (d->source != 0)
        g_source_remove (d->source);
      d->source = 0;
    }
  g_ptr_array_unref (ts->dribbles);
  soup_server_disconnect (ts->server);
  g_object_unref (ts->server);
  g_free (ts->base);
  g_free (ts->user_agent);
  g_free (ts->cookie);
  g_free (ts->accept_encoding);
  g_free (ts->authorization);
  g_free (ts);
}
