/* cg-reader-view.c: a hardened web view for rendered Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Guides, FAQ answers and job descriptions are rendered to HTML by the core
 * Markdown pipeline and shown here. The view is made to be as safe as a
 * browser's reader mode:
 *  - its own WebKitWebContext and an ephemeral network session (no cookies,
 *    no cache, no storage on disk), never the default ones;
 *  - JavaScript in pages off (enable-javascript-markup FALSE); only the
 *    application's own evaluate calls run;
 *  - no local storage, databases, WebGL, media or plugins;
 *  - the page template's Content-Security-Policy allows nothing from the
 *    network; images and CSS come from the cg-resource: scheme, which
 *    serves the application's GResource and nothing else;
 *  - decide-policy keeps guide:, role: and job: links inside the app (the
 *    "open-link" signal), hands http(s) and mailto links that the user
 *    clicked to the desktop, and refuses every other navigation.
 * The WebKit view itself is created the first time a page is loaded, so
 * that starting the application does not pay for WebKit.
 */
#define G_LOG_DOMAIN "cg-reader-view"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-reader-view-private.h"

struct _CgReaderView
{
  GtkWidget      parent_instance;

  WebKitWebView *web_view;
  char          *find_text;
  guint          match_count;
  double         zoom;
  gboolean       loading;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_MATCH_COUNT,
  PROP_ZOOM,
  N_PROPS
};

enum {
  OPEN_LINK,
  LOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CgReaderView, cg_reader_view, GTK_TYPE_WIDGET)

static const char *internal_schemes[] = { "guide", "role", "job", NULL };

/* cg-resource:///css/page.css -> RESOURCE_PREFIX/web/css/page.css */
static void
resource_scheme_cb (WebKitURISchemeRequest *request,
                    gpointer                user_data)
{
  const char *path = webkit_uri_scheme_request_get_path (request);
  g_autofree char *resource = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  const char *mime = "application/octet-stream";
  gsize size = 0;

  if (path == NULL || strstr (path, "..") != NULL)
    {
      error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "Not found");
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  resource = g_strconcat (RESOURCE_PREFIX "/web", path[0] == '/' ? "" : "/", path, NULL);
  if (!g_resources_get_info (resource, 0, &size, NULL, &error) ||
      (stream = g_resources_open_stream (resource, 0, &error)) == NULL)
    {
      webkit_uri_scheme_request_finish_error (request, error);
      return;
    }

  if (g_str_has_suffix (path, ".css"))
    mime = "text/css";
  else if (g_str_has_suffix (path, ".svg"))
    mime = "image/svg+xml";
  else if (g_str_has_suffix (path, ".png"))
    mime = "image/png";
  else if (g_str_has_suffix (path, ".jpg") || g_str_has_suffix (path, ".jpeg"))
    mime = "image/jpeg";

  webkit_uri_scheme_request_finish (request, stream, (gint64) size, mime);
}

/* One context and network session for every reader: made once, on first
 * use, and never the defaults that a browser would share. */
static WebKitWebContext *
get_context (void)
{
  static WebKitWebContext *context;

  if (context == NULL)
    {
      WebKitSecurityManager *security;

      context = webkit_web_context_new ();
      webkit_web_context_set_cache_model (context, WEBKIT_CACHE_MODEL_DOCUMENT_VIEWER);
      webkit_web_context_register_uri_scheme (context, CG_READER_SCHEME, resource_scheme_cb,
                                              NULL, NULL);
      security = webkit_web_context_get_security_manager (context);
      webkit_security_manager_register_uri_scheme_as_secure (security, CG_READER_SCHEME);
      webkit_security_manager_register_uri_scheme_as_local (security, CG_READER_SCHEME);
    }

  return context;
}

static WebKitNetworkSession *
get_network_session (void)
{
  static WebKitNetworkSession *session;

  if (session == NULL)
    session = webkit_network_session_new_ephemeral ();

  return session;
}

static WebKitSettings *
new_settings (void)
{
  return g_object_new (WEBKIT_TYPE_SETTINGS,
                       "enable-javascript", TRUE,          /* for the app's own calls */
                       "enable-javascript-markup", FALSE,  /* never the page's */
                       "javascript-can-open-windows-automatically", FALSE,
                       "javascript-can-access-clipboard", FALSE,
                       "enable-html5-local-storage", FALSE,
                       "enable-html5-database", FALSE,
                       "enable-page-cache", FALSE,
                       "enable-webgl", FALSE,
                       "enable-webaudio", FALSE,
                       "enable-media", FALSE,
                       "enable-media-stream", FALSE,
                       "enable-encrypted-media", FALSE,
                       "enable-developer-extras", FALSE,
                       "enable-dns-prefetching", FALSE,
                       "allow-file-access-from-file-urls", FALSE,
                       "allow-universal-access-from-file-urls", FALSE,
                       "allow-modal-dialogs", FALSE,
                       "enable-back-forward-navigation-gestures", FALSE,
                       "print-backgrounds", TRUE,
                       NULL);
}

static gboolean
uri_has_scheme (const char         *uri,
                const char * const *schemes)
{
  g_autofree char *scheme = g_uri_parse_scheme (uri);

  return scheme != NULL && g_strv_contains (schemes, scheme);
}

static gboolean
decide_policy_cb (WebKitWebView            *web_view,
                  WebKitPolicyDecision     *decision,
                  WebKitPolicyDecisionType  type,
                  CgReaderView             *self)
{
  static const char *external[] = { "http", "https", "mailto", NULL };
  static const char *own[] = { CG_READER_SCHEME, "about", NULL };
  WebKitNavigationAction *action;
  const char *uri;

  if (type == WEBKIT_POLICY_DECISION_TYPE_RESPONSE)
    return FALSE;

  action = webkit_navigation_policy_decision_get_navigation_action (
    WEBKIT_NAVIGATION_POLICY_DECISION (decision));
  uri = webkit_uri_request_get_uri (webkit_navigation_action_get_request (action));

  if (uri == NULL)
    {
      webkit_policy_decision_ignore (decision);
      return TRUE;
    }

  if (uri_has_scheme (uri, internal_schemes))
    {
      webkit_policy_decision_ignore (decision);
      g_signal_emit (self, signals[OPEN_LINK], 0, uri);
      return TRUE;
    }

  if (uri_has_scheme (uri, external))
    {
      webkit_policy_decision_ignore (decision);
      /* only what the user clicked: a page cannot send the desktop anywhere */
      if (webkit_navigation_action_is_user_gesture (action) &&
          webkit_navigation_action_get_navigation_type (action) == WEBKIT_NAVIGATION_TYPE_LINK_CLICKED)
        {
          GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
          gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
        }
      return TRUE;
    }

  /* our own pages (loaded with load_html) and fragments within them */
  if (type == WEBKIT_POLICY_DECISION_TYPE_NAVIGATION_ACTION && uri_has_scheme (uri, own))
    {
      webkit_policy_decision_use (decision);
      return TRUE;
    }

  g_debug ("Refused navigation to %s", uri);
  webkit_policy_decision_ignore (decision);
  return TRUE;
}

static void
apply_style (CgReaderView *self)
{
  AdwStyleManager *manager = adw_style_manager_get_default ();
  const char *script = adw_style_manager_get_dark (manager)
                       ? "document.documentElement.className = 'dark';"
                       : "document.documentElement.className = 'light';";

  if (self->web_view != NULL)
    webkit_web_view_evaluate_javascript (self->web_view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

static void
set_loading (CgReaderView *self,
             gboolean      loading)
{
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
load_changed_cb (WebKitWebView   *web_view,
                 WebKitLoadEvent  event,
                 CgReaderView    *self)
{
  if (event == WEBKIT_LOAD_FINISHED)
    {
      apply_style (self);
      set_loading (self, FALSE);
      g_signal_emit (self, signals[LOADED], 0);
    }
}

static gboolean
context_menu_cb (WebKitWebView       *web_view,
                 WebKitContextMenu   *menu,
                 WebKitHitTestResult *hit,
                 CgReaderView        *self)
{
  /* keep Copy and friends; drop reload, inspect and "open in new window" */
  GList *items = g_list_copy (webkit_context_menu_get_items (menu));

  for (GList *l = items; l != NULL; l = l->next)
    {
      WebKitContextMenuAction action = webkit_context_menu_item_get_stock_action (l->data);

      if (action != WEBKIT_CONTEXT_MENU_ACTION_COPY &&
          action != WEBKIT_CONTEXT_MENU_ACTION_SELECT_ALL &&
          action != WEBKIT_CONTEXT_MENU_ACTION_COPY_LINK_TO_CLIPBOARD)
        webkit_context_menu_remove (menu, l->data);
    }
  g_list_free (items);

  return webkit_context_menu_get_n_items (menu) == 0;
}

static void
counted_matches_cb (WebKitFindController *controller,
                    guint                 count,
                    CgReaderView         *self)
{
  self->match_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_COUNT]);
}

static void
failed_to_find_cb (WebKitFindController *controller,
                   CgReaderView         *self)
{
  self->match_count = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_COUNT]);
}

static gboolean
web_process_terminated_cb (WebKitWebView                     *web_view,
                           WebKitWebProcessTerminationReason  reason,
                           CgReaderView                      *self)
{
  g_warning ("The page renderer stopped (reason %d)", reason);
  set_loading (self, FALSE);
  return FALSE;
}

/* The WebKit view, made on first use. */
WebKitWebView *
cg_reader_view_get_web_view (CgReaderView *self)
{
  g_autoptr(WebKitSettings) settings = NULL;
  WebKitFindController *find;

  g_return_val_if_fail (CG_IS_READER_VIEW (self), NULL);

  if (self->web_view != NULL)
    return self->web_view;

  settings = new_settings ();
  self->web_view = g_object_new (WEBKIT_TYPE_WEB_VIEW,
                                 "web-context", get_context (),
                                 "network-session", get_network_session (),
                                 "settings", settings,
                                 "zoom-level", self->zoom,
                                 "hexpand", TRUE,
                                 "vexpand", TRUE,
                                 NULL);
  gtk_widget_set_parent (GTK_WIDGET (self->web_view), GTK_WIDGET (self));

  g_signal_connect_object (self->web_view, "decide-policy", G_CALLBACK (decide_policy_cb), self, 0);
  g_signal_connect_object (self->web_view, "load-changed", G_CALLBACK (load_changed_cb), self, 0);
  g_signal_connect_object (self->web_view, "context-menu", G_CALLBACK (context_menu_cb), self, 0);
  g_signal_connect_object (self->web_view, "web-process-terminated",
                           G_CALLBACK (web_process_terminated_cb), self, 0);

  find = webkit_web_view_get_find_controller (self->web_view);
  g_signal_connect_object (find, "counted-matches", G_CALLBACK (counted_matches_cb), self, 0);
  g_signal_connect_object (find, "failed-to-find-text", G_CALLBACK (failed_to_find_cb), self, 0);

  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (apply_style), self, G_CONNECT_SWAPPED);

  return self->web_view;
}

/* Shows @html, a whole page from cg_markdown_page(). @base_uri (a
 * cg-resource: URI) is what relative references resolve against. */
void
cg_reader_view_load_page (CgReaderView *self,
                          const char   *html,
                          const char   *base_uri)
{
  g_return_if_fail (CG_IS_READER_VIEW (self));
  g_return_if_fail (html != NULL);

  set_loading (self, TRUE);
  webkit_web_view_load_html (cg_reader_view_get_web_view (self), html,
                             base_uri ? base_uri : CG_READER_SCHEME ":///");
}

/* Says a page is on its way (being rendered elsewhere): the view counts as
 * loading from now until the next cg_reader_view_load_page() finishes. */
void
cg_reader_view_begin_load (CgReaderView *self)
{
  g_return_if_fail (CG_IS_READER_VIEW (self));

  set_loading (self, TRUE);
}

gboolean
cg_reader_view_get_loading (CgReaderView *self)
{
  g_return_val_if_fail (CG_IS_READER_VIEW (self), FALSE);

  return self->loading;
}

/* Scrolls the heading (or any element) with id @element_id into view,
 * opening it if it is a <details>. */
void
cg_reader_view_scroll_to (CgReaderView *self,
                          const char   *element_id)
{
  g_autofree char *escaped = NULL;
  g_autofree char *script = NULL;

  g_return_if_fail (CG_IS_READER_VIEW (self));

  if (self->web_view == NULL || element_id == NULL)
    return;

  /* the id goes in as a JSON string, so nothing in it can end the string */
  {
    g_autoptr(GString) s = g_string_new ("\"");
    for (const char *p = element_id; *p; p++)
      {
        if (*p == '"' || *p == '\\')
          g_string_append_c (s, '\\');
        if ((guchar) *p < 0x20)
          g_string_append_printf (s, "\\u%04x", (guchar) *p);
        else
          g_string_append_c (s, *p);
      }
    g_string_append_c (s, '"');
    escaped = g_string_free (g_steal_pointer (&s), FALSE);
  }
  script = g_strdup_printf ("(function () { var e = document.getElementById (%s);"
                            " if (!e) return; if (e.tagName == 'DETAILS') e.open = true;"
                            " e.scrollIntoView ({ block: 'start' }); }) ();", escaped);
  webkit_web_view_evaluate_javascript (self->web_view, script, -1, NULL, NULL, NULL, NULL, NULL);
}

void
cg_reader_view_find (CgReaderView *self,
                     const char   *text)
{
  WebKitFindController *find;
  guint32 options = WEBKIT_FIND_OPTIONS_CASE_INSENSITIVE | WEBKIT_FIND_OPTIONS_WRAP_AROUND;

  g_return_if_fail (CG_IS_READER_VIEW (self));

  if (self->web_view == NULL)
    return;

  find = webkit_web_view_get_find_controller (self->web_view);
  g_free (self->find_text);
  self->find_text = g_strdup (text);

  if (text == NULL || *text == '\0')
    {
      webkit_find_controller_search_finish (find);
      self->match_count = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_COUNT]);
      return;
    }

  webkit_find_controller_count_matches (find, text, options, G_MAXUINT);
  webkit_find_controller_search (find, text, options, G_MAXUINT);
}

void
cg_reader_view_find_next (CgReaderView *self)
{
  g_return_if_fail (CG_IS_READER_VIEW (self));

  if (self->web_view != NULL && self->find_text != NULL)
    webkit_find_controller_search_next (webkit_web_view_get_find_controller (self->web_view));
}

void
cg_reader_view_find_previous (CgReaderView *self)
{
  g_return_if_fail (CG_IS_READER_VIEW (self));

  if (self->web_view != NULL && self->find_text != NULL)
    webkit_find_controller_search_previous (webkit_web_view_get_find_controller (self->web_view));
}

void
cg_reader_view_find_finish (CgReaderView *self)
{
  cg_reader_view_find (self, NULL);
}

guint
cg_reader_view_get_match_count (CgReaderView *self)
{
  g_return_val_if_fail (CG_IS_READER_VIEW (self), 0);

  return self->match_count;
}

void
cg_reader_view_set_zoom (CgReaderView *self,
                         double        zoom)
{
  g_return_if_fail (CG_IS_READER_VIEW (self));

  zoom = CLAMP (zoom, 0.5, 3.0);
  if (zoom == self->zoom)
    return;

  self->zoom = zoom;
  if (self->web_view != NULL)
    webkit_web_view_set_zoom_level (self->web_view, zoom);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

double
cg_reader_view_get_zoom (CgReaderView *self)
{
  g_return_val_if_fail (CG_IS_READER_VIEW (self), 1.0);

  return self->zoom;
}

/* The print dialog, with "Print to File" for a PDF. */
void
cg_reader_view_print (CgReaderView *self)
{
  g_autoptr(WebKitPrintOperation) operation = NULL;
  GtkRoot *root;

  g_return_if_fail (CG_IS_READER_VIEW (self));

  if (self->web_view == NULL)
    return;

  root = gtk_widget_get_root (GTK_WIDGET (self));
  operation = webkit_print_operation_new (self->web_view);
  webkit_print_operation_run_dialog (operation, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
cg_reader_view_dispose (GObject *object)
{
  CgReaderView *self = CG_READER_VIEW (object);

  if (self->web_view != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->web_view));
      self->web_view = NULL;
    }
  g_clear_pointer (&self->find_text, g_free);

  G_OBJECT_CLASS (cg_reader_view_parent_class)->dispose (object);
}

static void
cg_reader_view_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CgReaderView *self = CG_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_MATCH_COUNT:
      g_value_set_uint (value, self->match_count);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_reader_view_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CgReaderView *self = CG_READER_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      cg_reader_view_set_zoom (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_reader_view_class_init (CgReaderViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_reader_view_dispose;
  object_class->get_property = cg_reader_view_get_property;
  object_class->set_property = cg_reader_view_set_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MATCH_COUNT] =
    g_param_spec_uint ("match-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, 0.5, 3.0, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* a guide:, role: or job: link was followed */
  signals[OPEN_LINK] = g_signal_new ("open-link", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "readerview");
}

static void
cg_reader_view_init (CgReaderView *self)
{
  self->zoom = 1.0;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
}

GtkWidget *
cg_reader_view_new (void)
{
  return g_object_new (CG_TYPE_READER_VIEW, NULL);
}
