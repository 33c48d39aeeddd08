/* cg-fetch.h: fetching one link (a posting page or a JSON document)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CG_FETCH_ERROR (cg_fetch_error_quark ())

/* Every error's message is one sentence that names the link. */
typedef enum {
  CG_FETCH_ERROR_INVALID_URL,        /* not a URL at all */
  CG_FETCH_ERROR_UNSUPPORTED_SCHEME, /* a scheme other than http or https */
  CG_FETCH_ERROR_HOST_NOT_FOUND,     /* the name does not resolve */
  CG_FETCH_ERROR_CONNECT,            /* refused, unreachable, reset */
  CG_FETCH_ERROR_TLS,                /* a bad certificate or handshake */
  CG_FETCH_ERROR_FORBIDDEN,          /* 401 or 403 */
  CG_FETCH_ERROR_NOT_FOUND,          /* 404 or 410 */
  CG_FETCH_ERROR_TOO_MANY_REQUESTS,  /* 429; see cg_fetch_error_get_retry_after() */
  CG_FETCH_ERROR_HTTP,               /* any other status that is not a success */
  CG_FETCH_ERROR_TIMEOUT,            /* connecting, or the whole transfer */
  CG_FETCH_ERROR_TOO_LARGE,          /* a body over the size limit */
  CG_FETCH_ERROR_UNSUPPORTED_TYPE,   /* neither HTML nor JSON */
  CG_FETCH_ERROR_REDIRECT_LOOP,      /* a redirect back to a link already seen */
  CG_FETCH_ERROR_TOO_MANY_REDIRECTS, /* more than CG_FETCH_MAX_REDIRECTS */
} CgFetchError;

#define CG_FETCH_MAX_REDIRECTS           10
#define CG_FETCH_DEFAULT_CONNECT_TIMEOUT (15 * 1000)          /* ms */
#define CG_FETCH_DEFAULT_TIMEOUT         (60 * 1000)          /* ms, the whole transfer */
#define CG_FETCH_DEFAULT_MAX_SIZE        (16 * 1024 * 1024)   /* bytes, once decoded */

typedef enum {
  CG_FETCH_KIND_HTML,
  CG_FETCH_KIND_JSON,
} CgFetchKind;

/* What a fetch brought back */
typedef struct {
  char        *url;           /* the final URL, after redirects */
  CgFetchKind  kind;
  char        *content_type;  /* as the server named it, without parameters; or NULL */
  GBytes      *body;          /* decoded (gzip, deflate, brotli); in UTF-8 when the
                               * server named another charset */
} CgFetchResult;

/* Called on the thread that started the fetch as the body comes in;
 * @total is 0 when the server did not say. */
typedef void (*CgFetchProgressFunc) (guint64  received,
                                     guint64  total,
                                     gpointer user_data);

#define CG_TYPE_FETCHER (cg_fetcher_get_type ())

G_DECLARE_FINAL_TYPE (CgFetcher, cg_fetcher, CG, FETCHER, GObject)

GQuark         cg_fetch_error_quark        (void);

/* The seconds a 429 answer asked to wait (its Retry-After), or -1 */
gint64         cg_fetch_error_get_retry_after (const GError *error);

/* A fetcher with its own HTTP session: the system proxy settings, no
 * cookies kept, no credentials sent, a User-Agent naming the app. */
CgFetcher     *cg_fetcher_new              (void);

/* For tests: the time allowed to connect (whole seconds, rounded up; also
 * the longest wait for any read) and for the whole transfer, redirects
 * included, in milliseconds; the largest body accepted, in bytes */
void           cg_fetcher_set_timeouts     (CgFetcher            *self,
                                            guint                 connect_ms,
                                            guint                 transfer_ms);
void           cg_fetcher_set_max_size     (CgFetcher            *self,
                                            gsize                 max_size);
gsize          cg_fetcher_get_max_size     (CgFetcher            *self);

/* Fetches @url (http or https), following up to CG_FETCH_MAX_REDIRECTS
 * redirects, and reads its body, refusing it as soon as it passes the size
 * limit. A body that is neither HTML nor JSON is refused. */
void           cg_fetcher_fetch_async      (CgFetcher            *self,
                                            const char           *url,
                                            CgFetchProgressFunc   progress,
                                            gpointer              progress_data,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
CgFetchResult *cg_fetcher_fetch_finish     (CgFetcher            *self,
                                            GAsyncResult         *result,
                                            GError              **error);

void           cg_fetch_result_free        (CgFetchResult        *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgFetchResult, cg_fetch_result_free)

G_END_DECLS
