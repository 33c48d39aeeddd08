/* cg-fetch.c: fetching one link (a posting page or a JSON document)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession per CgFetcher, set up to take as little as it can: no
 * cookie jar, no authentication manager (no credentials are ever sent, and
 * the user name and password of a link are dropped), the system proxy
 * resolver (libsoup's default), a content decoder for gzip, deflate and
 * brotli, and a User-Agent naming the app and its version.
 *
 * Redirects are followed here rather than by libsoup, so that each hop is
 * checked (http or https only, never back to a link already seen, at most
 * CG_FETCH_MAX_REDIRECTS). The body is read in pieces and refused as soon
 * as it passes the size limit; a timer on the whole transfer cancels it
 * when it takes too long. Every failure becomes one sentence naming the
 * link the user gave.
 */
#define G_LOG_DOMAIN "cg-fetch"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "cg-fetch.h"

#define READ_SIZE (64 * 1024)
#define STATUS_TOO_MANY_REQUESTS 429  /* (not named by libsoup 3.2) */
#define USER_AGENT "CareerGuide/" PACKAGE_VERSION

struct _CgFetcher
{
  GObject      parent_instance;

  SoupSession *session;
  guint        transfer_ms;
  gsize        max_size;
};

G_DEFINE_FINAL_TYPE (CgFetcher, cg_fetcher, G_TYPE_OBJECT)

/* The error's extra: the Retry-After of a 429 */
typedef struct {
  gint64 retry_after;
} CgFetchErrorPrivate;

static void
cg_fetch_error_private_init (CgFetchErrorPrivate *priv)
{
  if (priv != NULL)
    priv->retry_after = -1;
}

static void
cg_fetch_error_private_copy (const CgFetchErrorPrivate *src,
                             CgFetchErrorPrivate       *dest)
{
  if (src != NULL && dest != NULL)
    dest->retry_after = src->retry_after;
}

static void
cg_fetch_error_private_clear (CgFetchErrorPrivate *priv)
{
}

G_DEFINE_EXTENDED_ERROR (CgFetchError, cg_fetch_error)

gint64
cg_fetch_error_get_retry_after (const GError *error)
{
  CgFetchErrorPrivate *priv;

  if (error == NULL || error->domain != CG_FETCH_ERROR)
    return -1;
  priv = cg_fetch_error_get_private (error);
  return priv != NULL ? priv->retry_after : -1;
}

static void
cg_fetcher_finalize (GObject *object)
{
  CgFetcher *self = CG_FETCHER (object);

  g_clear_object (&self->session);

  G_OBJECT_CLASS (cg_fetcher_parent_class)->finalize (object);
}

static void
cg_fetcher_class_init (CgFetcherClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_fetcher_finalize;
}

static void
cg_fetcher_init (CgFetcher *self)
{
  self->session = soup_session_new_with_options ("user-agent", USER_AGENT,
                                                 "timeout", CG_FETCH_DEFAULT_CONNECT_TIMEOUT / 1000,
                                                 NULL);
  /* No credentials, no cookies */
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_AUTH_MANAGER);
  soup_session_remove_feature_by_type (self->session, SOUP_TYPE_COOKIE_JAR);
  if (!soup_session_has_feature (self->session, SOUP_TYPE_CONTENT_DECODER))
    soup_session_add_feature_by_type (self->session, SOUP_TYPE_CONTENT_DECODER);

  self->transfer_ms = CG_FETCH_DEFAULT_TIMEOUT;
  self->max_size = CG_FETCH_DEFAULT_MAX_SIZE;
}

CgFetcher *
cg_fetcher_new (void)
{
  return g_object_new (CG_TYPE_FETCHER, NULL);
}

void
cg_fetcher_set_timeouts (CgFetcher *self,
                         guint      connect_ms,
                         guint      transfer_ms)
{
  g_return_if_fail (CG_IS_FETCHER (self));
  g_return_if_fail (connect_ms > 0 && transfer_ms > 0);

  soup_session_set_timeout (self->session, (connect_ms + 999) / 1000);
  self->transfer_ms = transfer_ms;
}

void
cg_fetcher_set_max_size (CgFetcher *self,
                         gsize      max_size)
{
  g_return_if_fail (CG_IS_FETCHER (self));
  g_return_if_fail (max_size > 0);

  self->max_size = max_size;
}

gsize
cg_fetcher_get_max_size (CgFetcher *self)
{
  g_return_val_if_fail (CG_IS_FETCHER (self), 0);

  return self->max_size;
}

void
cg_fetch_result_free (CgFetchResult *result)
{
  if (result == NULL)
    return;

  g_free (result->url);
  g_free (result->content_type);
  g_clear_pointer (&result->body, g_bytes_unref);
  g_free (result);
}

/* One fetch */

typedef enum {
  TYPE_HTML = CG_FETCH_KIND_HTML,
  TYPE_JSON = CG_FETCH_KIND_JSON,
  TYPE_SNIFF,     /* not said, or said vaguely: the body decides */
  TYPE_OTHER,     /* an image, a PDF, ...: refused */
} BodyType;

typedef struct {
  char                *url;          /* as given, in messages */
  GUri                *uri;          /* the current hop */
  GHashTable          *seen;         /* every hop's URI */
  guint                n_redirects;
  SoupMessage         *msg;
  GInputStream        *stream;
  GByteArray          *body;
  guint8              *buffer;
  guint64              total;        /* Content-Length, or 0 */
  BodyType             type;
  char                *content_type;
  char                *charset;
  CgFetchProgressFunc  progress;
  gpointer             progress_data;
  GCancellable        *cancellable;  /* ours: the caller's, or the timer's */
  GCancellable        *outer;
  gulong               outer_id;
  GSource             *timer;
  gboolean             timed_out;
  guint                transfer_ms;
  gsize                max_size;
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  if (fetch->outer != NULL)
    {
      g_cancellable_disconnect (fetch->outer, fetch->outer_id);
      g_object_unref (fetch->outer);
    }
  if (fetch->timer != NULL)
    {
      g_source_destroy (fetch->timer);
      g_source_unref (fetch->timer);
    }
  g_free (fetch->url);
  g_clear_pointer (&fetch->uri, g_uri_unref);
  g_clear_pointer (&fetch->seen, g_hash_table_unref);
  g_clear_object (&fetch->msg);
  g_clear_object (&fetch->stream);
  g_clear_pointer (&fetch->body, g_byte_array_unref);
  g_free (fetch->buffer);
  g_free (fetch->content_type);
  g_free (fetch->charset);
  g_clear_object (&fetch->cancellable);
  g_free (fetch);
}

static void
outer_cancelled_cb (GCancellable *outer,
                    GCancellable *inner)
{
  g_cancellable_cancel (inner);
}

static gboolean
timer_cb (gpointer user_data)
{
  Fetch *fetch = user_data;

  fetch->timed_out = TRUE;
  g_cancellable_cancel (fetch->cancellable);
  return G_SOURCE_REMOVE;
}

static void G_GNUC_PRINTF (3, 4)
return_error (GTask      *task,
              CgFetchError code,
              const char *format,
              ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_task_return_new_error (task, CG_FETCH_ERROR, code, "%s", message);
}

static void
return_timeout (GTask *task,
                Fetch *fetch)
{
  if (fetch->transfer_ms >= 2000)
    return_error (task, CG_FETCH_ERROR_TIMEOUT,
                  _("Fetching “%s” took longer than %u seconds, so it was stopped"),
                  fetch->url, fetch->transfer_ms / 1000);
  else
    return_error (task, CG_FETCH_ERROR_TIMEOUT,
                  _("Fetching “%s” took too long, so it was stopped"), fetch->url);
}

/* A network error of libsoup or GIO as one of ours */
static void
return_network_error (GTask  *task,
                      Fetch  *fetch,
                      GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (fetch->timed_out && !g_cancellable_is_cancelled (fetch->outer))
        return_timeout (task, fetch);
      else
        g_task_return_error (task, g_error_copy (error));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    return_error (task, CG_FETCH_ERROR_TIMEOUT,
                  _("“%s” did not answer in time"), fetch->url);
  else if (error->domain == G_RESOLVER_ERROR ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND))
    return_error (task, CG_FETCH_ERROR_HOST_NOT_FOUND,
                  _("Cannot fetch “%s”: the name “%s” was not found"),
                  fetch->url, g_uri_get_host (fetch->uri));
  else if (error->domain == G_TLS_ERROR)
    return_error (task, CG_FETCH_ERROR_TLS,
                  _("Cannot fetch “%s”: the secure connection failed (%s)"),
                  fetch->url, error->message);
  else
    return_error (task, CG_FETCH_ERROR_CONNECT,
                  _("Cannot fetch “%s”: %s"), fetch->url, error->message);
}

/* Seconds from a Retry-After: a number of seconds or an HTTP date */
static gint64
parse_retry_after (const char *text)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) now = NULL;
  char *end;
  guint64 seconds;

  if (text == NULL)
    return -1;

  text += strspn (text, " \t");
  if (g_ascii_isdigit (*text))
    {
      seconds = g_ascii_strtoull (text, &end, 10);
      end += strspn (end, " \t");
      return *end == '\0' ? (gint64) MIN (seconds, G_MAXINT32) : -1;
    }

  when = soup_date_time_new_from_http_string (text);
  if (when == NULL)
    return -1;
  now = g_date_time_new_now_utc ();
  return MAX (g_date_time_difference (when, now) / G_TIME_SPAN_SECOND, 0);
}

static void
return_status_error (GTask *task,
                     Fetch *fetch,
                     guint  status)
{
  const char *reason = soup_message_get_reason_phrase (fetch->msg);

  if (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)
    return_error (task, CG_FETCH_ERROR_NOT_FOUND,
                  _("“%s” was not found on its server (HTTP %u)"), fetch->url, status);
  else if (status == SOUP_STATUS_FORBIDDEN || status == SOUP_STATUS_UNAUTHORIZED)
    return_error (task, CG_FETCH_ERROR_FORBIDDEN,
                  _("The server of “%s” refused to give it (HTTP %u)"), fetch->url, status);
  else if (status == STATUS_TOO_MANY_REQUESTS)
    {
      const char *header = soup_message_headers_get_one (soup_message_get_response_headers (fetch->msg),
                                                         "Retry-After");
      gint64 wait = parse_retry_after (header);
      CgFetchErrorPrivate *priv;
      GError *error;

      if (wait >= 0)
        error = g_error_new (CG_FETCH_ERROR, CG_FETCH_ERROR_TOO_MANY_REQUESTS,
                             g_dngettext (GETTEXT_PACKAGE,
                                          "The server of “%s” has had too many requests and asks to wait %u second before trying again (HTTP 429)",
                                          "The server of “%s” has had too many requests and asks to wait %u seconds before trying again (HTTP 429)",
                                          (gulong) wait),
                             fetch->url, (guint) wait);
      else
        error = g_error_new (CG_FETCH_ERROR, CG_FETCH_ERROR_TOO_MANY_REQUESTS,
                             _("The server of “%s” has had too many requests; try again later (HTTP 429)"),
                             fetch->url);
      priv = cg_fetch_error_get_private (error);
      if (priv != NULL)
        priv->retry_after = wait;
      g_task_return_error (task, error);
    }
  else
    return_error (task, CG_FETCH_ERROR_HTTP,
                  _("The server of “%s” answered with an error (HTTP %u %s)"),
                  fetch->url, status, reason != NULL ? reason : "");
}

static BodyType
body_type_from_content_type (const char *type)
{
  if (type == NULL || *type == '\0')
    return TYPE_SNIFF;
  if (g_ascii_strcasecmp (type, "text/html") == 0 ||
      g_ascii_strcasecmp (type, "application/xhtml+xml") == 0)
    return TYPE_HTML;
  if (g_ascii_strcasecmp (type, "application/json") == 0 ||
      g_ascii_strcasecmp (type, "application/ld+json") == 0 ||
      g_ascii_strcasecmp (type, "text/json") == 0 ||
      (strlen (type) > 5 && g_ascii_strcasecmp (type + strlen (type) - 5, "+json") == 0))
    return TYPE_JSON;
  if (g_ascii_strcasecmp (type, "text/plain") == 0 ||
      g_ascii_strcasecmp (type, "application/octet-stream") == 0 ||
      g_ascii_strcasecmp (type, "binary/octet-stream") == 0)
    return TYPE_SNIFF;
  return TYPE_OTHER;
}

/* The link, checked: http or https, a host, no user name or password, no
 * fragment. NULL and an error for anything else. */
static GUri *
check_uri (const char  *url,
           GUri        *base,
           const char  *given,
           GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  uri = base != NULL
        ? g_uri_parse_relative (base, url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL)
        : g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL)
    {
      g_set_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_INVALID_URL,
                   _("“%s” is not a web link"), url);
      return NULL;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
    {
      if (base == NULL)
        g_set_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_UNSUPPORTED_SCHEME,
                     _("Cannot fetch “%s”: only http and https links can be fetched"), given);
      else
        g_set_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_UNSUPPORTED_SCHEME,
                     _("Cannot fetch “%s”: it redirects to a link that is not http or https"),
                     given);
      return NULL;
    }

  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, CG_FETCH_ERROR, CG_FETCH_ERROR_INVALID_URL,
                   _("“%s” is not a web link"), given);
      return NULL;
    }

  return g_uri_build (G_URI_FLAGS_ENCODED, scheme, NULL, g_uri_get_host (uri),
                      g_uri_get_port (uri), g_uri_get_path (uri), g_uri_get_query (uri), NULL);
}

static void send_hop (GTask *task);

static void
report_progress (Fetch *fetch)
{
  if (fetch->progress != NULL)
    fetch->progress (fetch->body->len, fetch->total, fetch->progress_data);
}

static void
return_too_large (GTask *task,
                  Fetch *fetch)
{
  g_autofree char *limit = g_format_size (fetch->max_size);

  return_error (task, CG_FETCH_ERROR_TOO_LARGE,
                _("“%s” is larger than %s, the most that is fetched"), fetch->url, limit);
}

/* Skips a UTF-8 byte order mark and white space */
static const guint8 *
skip_space (const guint8 *p,
            const guint8 *end)
{
  if (end - p >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
    p += 3;
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || *p == '\f'))
    p++;
  return p;
}

static void
finish_body (GTask *task,
             Fetch *fetch)
{
  g_autoptr(CgFetchResult) result = g_new0 (CgFetchResult, 1);
  const guint8 *start = fetch->body->data;
  const guint8 *end = start + fetch->body->len;

  if (fetch->type == TYPE_SNIFF)
    {
      const guint8 *p = skip_space (start, end);

      if (p < end && *p == '<')
        fetch->type = TYPE_HTML;
      else if (p < end && (*p == '{' || *p == '['))
        fetch->type = TYPE_JSON;
      else
        {
          return_error (task, CG_FETCH_ERROR_UNSUPPORTED_TYPE,
                        _("“%s” is neither a web page nor JSON"), fetch->url);
          return;
        }
    }

  /* Another charset than UTF-8, said by the server: the body in UTF-8
   * (else the importer reads a page as its <meta> says) */
  if (fetch->charset != NULL &&
      g_ascii_strcasecmp (fetch->charset, "utf-8") != 0 &&
      g_ascii_strcasecmp (fetch->charset, "utf8") != 0 &&
      !g_utf8_validate ((const char *) start, fetch->body->len, NULL))
    {
      gsize n_written = 0;
      g_autofree char *converted = g_convert ((const char *) start, fetch->body->len,
                                              "UTF-8", fetch->charset, NULL, &n_written, NULL);

      if (converted != NULL)
        {
          g_byte_array_set_size (fetch->body, 0);
          g_byte_array_append (fetch->body, (const guint8 *) converted, n_written);
        }
    }

  result->url = g_uri_to_string (fetch->uri);
  result->kind = (CgFetchKind) fetch->type;
  result->content_type = g_strdup (fetch->content_type);
  result->body = g_byte_array_free_to_bytes (g_steal_pointer (&fetch->body));
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) cg_fetch_result_free);
}

static void
read_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gssize n;

  n = g_input_stream_read_finish (G_INPUT_STREAM (source), res, &error);
  if (n < 0)
    {
      return_network_error (task, fetch, error);
      return;
    }

  if (n == 0)
    {
      report_progress (fetch);
      finish_body (task, fetch);
      return;
    }

  /* Refused as soon as it passes the limit */
  if (fetch->body->len + (gsize) n > fetch->max_size)
    {
      return_too_large (task, fetch);
      return;
    }

  g_byte_array_append (fetch->body, fetch->buffer, n);
  report_progress (fetch);

  g_input_stream_read_async (fetch->stream, fetch->buffer, READ_SIZE, G_PRIORITY_DEFAULT,
                             fetch->cancellable, read_cb, g_steal_pointer (&task));
}

static gboolean
is_redirect (guint status)
{
  return status == SOUP_STATUS_MOVED_PERMANENTLY || status == SOUP_STATUS_FOUND ||
         status == SOUP_STATUS_SEE_OTHER || status == SOUP_STATUS_TEMPORARY_REDIRECT ||
         status == SOUP_STATUS_PERMANENT_REDIRECT;
}

static void
follow_redirect (GTask *task,
                 Fetch *fetch)
{
  SoupMessageHeaders *headers = soup_message_get_response_headers (fetch->msg);
  const char *location = soup_message_headers_get_one (headers, "Location");
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) next = NULL;
  g_autofree char *next_text = NULL;

  if (location == NULL)
    {
      return_status_error (task, fetch, soup_message_get_status (fetch->msg));
      return;
    }

  next = check_uri (location, fetch->uri, fetch->url, &error);
  if (next == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  next_text = g_uri_to_string (next);
  if (g_hash_table_contains (fetch->seen, next_text))
    {
      return_error (task, CG_FETCH_ERROR_REDIRECT_LOOP,
                    _("Cannot fetch “%s”: it redirects in a loop"), fetch->url);
      return;
    }
  if (++fetch->n_redirects > CG_FETCH_MAX_REDIRECTS)
    {
      return_error (task, CG_FETCH_ERROR_TOO_MANY_REDIRECTS,
                    _("Cannot fetch “%s”: it redirects more than %u times"),
                    fetch->url, CG_FETCH_MAX_REDIRECTS);
      return;
    }

  g_hash_table_add (fetch->seen, g_steal_pointer (&next_text));
  g_uri_unref (fetch->uri);
  fetch->uri = g_steal_pointer (&next);

  /* (the redirect's own body is not read) */
  g_input_stream_close_async (fetch->stream, G_PRIORITY_DEFAULT, NULL, NULL, NULL);
  g_clear_object (&fetch->stream);
  g_clear_object (&fetch->msg);
  send_hop (g_object_ref (task));
}

static void
send_cb (GObject      *source,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Fetch *fetch = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) params = NULL;
  SoupMessageHeaders *headers;
  const char *type;
  guint status;

  fetch->stream = soup_session_send_finish (SOUP_SESSION (source), res, &error);
  if (fetch->stream == NULL)
    {
      return_network_error (task, fetch, error);
      return;
    }

  status = soup_message_get_status (fetch->msg);
  if (is_redirect (status))
    {
      follow_redirect (task, fetch);
      return;
    }
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      return_status_error (task, fetch, status);
      return;
    }

  headers = soup_message_get_response_headers (fetch->msg);
  type = soup_message_headers_get_content_type (headers, &params);
  fetch->type = body_type_from_content_type (type);
  fetch->content_type = g_strdup (type);
  fetch->charset = params != NULL ? g_strdup (g_hash_table_lookup (params, "charset")) : NULL;
  if (fetch->type == TYPE_OTHER)
    {
      return_error (task, CG_FETCH_ERROR_UNSUPPORTED_TYPE,
                    _("“%s” is neither a web page nor JSON (it is %s)"), fetch->url, type);
      return;
    }

  /* A body said to be too large is not read at all (a compressed one
   * is measured as it is decoded) */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_one (headers, "Content-Encoding") == NULL)
    {
      fetch->total = soup_message_headers_get_content_length (headers);
      if (fetch->total > fetch->max_size)
        {
          return_too_large (task, fetch);
          return;
        }
    }

  fetch->body = g_byte_array_sized_new (MIN (fetch->total, fetch->max_size) + 1);
  fetch->buffer = g_malloc (READ_SIZE);
  report_progress (fetch);
  g_input_stream_read_async (fetch->stream, fetch->buffer, READ_SIZE, G_PRIORITY_DEFAULT,
                             fetch->cancellable, read_cb, g_steal_pointer (&task));
}

/* (takes @task) */
static void
send_hop (GTask *task)
{
  Fetch *fetch = g_task_get_task_data (task);
  CgFetcher *self = g_task_get_source_object (task);
  SoupMessageHeaders *headers;

  fetch->msg = soup_message_new_from_uri (SOUP_METHOD_GET, fetch->uri);
  soup_message_add_flags (fetch->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (fetch->msg);
  soup_message_headers_replace (headers, "Accept",
                                "text/html,application/xhtml+xml,application/ld+json,"
                                "application/json;q=0.9,*/*;q=0.1");

  soup_session_send_async (self->session, fetch->msg, G_PRIORITY_DEFAULT,
                           fetch->cancellable, send_cb, task);
}

void
cg_fetcher_fetch_async (CgFetcher            *self,
                        const char           *url,
                        CgFetchProgressFunc   progress,
                        gpointer              progress_data,
                        GCancellable         *cancellable,
                        GAsyncReadyCallback   callback,
                        gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  Fetch *fetch;

  g_return_if_fail (CG_IS_FETCHER (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_fetcher_fetch_async);

  trimmed = g_strstrip (g_strdup (url));
  fetch = g_new0 (Fetch, 1);
  fetch->url = g_strdup (trimmed);
  fetch->progress = progress;
  fetch->progress_data = progress_data;
  fetch->transfer_ms = self->transfer_ms;
  fetch->max_size = self->max_size;
  fetch->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fetch->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, fetch, (GDestroyNotify) fetch_free);

  if (cancellable != NULL)
    {
      fetch->outer = g_object_ref (cancellable);
      fetch->outer_id = g_cancellable_connect (cancellable, G_CALLBACK (outer_cancelled_cb),
                                               g_object_ref (fetch->cancellable),
                                               g_object_unref);
    }

  fetch->uri = check_uri (trimmed, NULL, trimmed, &error);
  if (fetch->uri == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_hash_table_add (fetch->seen, g_uri_to_string (fetch->uri));

  fetch->timer = g_timeout_source_new (fetch->transfer_ms);
  g_source_set_callback (fetch->timer, timer_cb, fetch, NULL);
  g_source_set_static_name (fetch->timer, "[cg-fetch] transfer timeout");
  g_source_attach (fetch->timer, g_task_get_context (task));

  send_hop (g_steal_pointer (&task));
}

CgFetchResult *
cg_fetcher_fetch_finish (CgFetcher     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (CG_IS_FETCHER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
