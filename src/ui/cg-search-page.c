/* cg-search-page.c: search everything (Ctrl+K)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One search box through postings, guides, questions, roles and the user's
 * applications. The core searches on a worker thread (cg_search_async(),
 * as there may be a million postings); results are grouped by
 * kind with the matched words in bold, and Enter opens the first one where
 * it lives.
 */
#define G_LOG_DOMAIN "cg-search-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-library-watch.h"
#include "cg-search-page-private.h"
#include "cg-search.h"

struct _CgSearchPage
{
  GtkWidget       parent_instance;

  CgLibrary      *library;
  CgLibraryWatch *watch;
  GCancellable   *cancellable;
  GPtrArray      *results;   /* CgSearchResult, as shown */
  gboolean        busy;

  GtkBox         *box;
  GtkSearchEntry *entry;
  GtkStack       *stack;
  GtkListBox     *list;
  AdwStatusPage  *status;
};

G_DEFINE_FINAL_TYPE (CgSearchPage, cg_search_page, GTK_TYPE_WIDGET)

static const char *
kind_heading (CgSearchKind kind)
{
  switch (kind)
    {
    case CG_SEARCH_KIND_POSTING: return _("Postings");
    case CG_SEARCH_KIND_GUIDE: return _("Guides");
    case CG_SEARCH_KIND_FAQ: return _("Questions");
    case CG_SEARCH_KIND_ROLE: return _("Roles");
    case CG_SEARCH_KIND_APPLICATION: return _("Applications");
    default: return "";
    }
}

/* The rows are the results in order: row i shows self->results[i]. */
static CgSearchResult *
row_result (CgSearchPage  *self,
            GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (self->results == NULL || index < 0 || (guint) index >= self->results->len)
    return NULL;
  return g_ptr_array_index (self->results, index);
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  CgSearchPage *self = user_data;
  CgSearchResult *r = row_result (self, row);
  CgSearchResult *b = before != NULL ? row_result (self, before) : NULL;
  GtkWidget *label;

  /* (rows that are being removed) */
  if (r == NULL)
    return;

  if (b != NULL && b->kind == r->kind)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  label = gtk_label_new (kind_heading (r->kind));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, before ? 18 : 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_row_set_header (row, label);
}

static GtkWidget *
new_result_row (CgSearchResult *r)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (r->title);
  GtkWidget *where = gtk_label_new (r->where);
  g_autofree char *markup = cg_search_snippet_to_markup (r->snippet);
  GtkWidget *snippet = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (where), 0);
  gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (where, "dim-label");
  gtk_widget_add_css_class (where, "caption");
  gtk_widget_set_visible (where, r->where != NULL && *r->where != '\0');
  gtk_label_set_markup (GTK_LABEL (snippet), markup);
  gtk_label_set_xalign (GTK_LABEL (snippet), 0);
  gtk_label_set_wrap (GTK_LABEL (snippet), TRUE);
  gtk_label_set_lines (GTK_LABEL (snippet), 2);
  gtk_label_set_ellipsize (GTK_LABEL (snippet), PANGO_ELLIPSIZE_END);
  gtk_widget_set_visible (snippet, *markup != '\0');

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), where);
  gtk_box_append (GTK_BOX (box), snippet);
  g_object_set (box, "margin-top", 8, "margin-bottom", 8, "margin-start", 12, "margin-end", 12, NULL);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, where,
                                  snippet, NULL, -1);
  return row;
}

static void
show_results (CgSearchPage *self,
              GPtrArray    *results)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  GtkWidget *child;

  g_clear_pointer (&self->results, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  self->results = results ? g_ptr_array_ref (results) : NULL;

  for (guint i = 0; results != NULL && i < results->len; i++)
    gtk_list_box_append (self->list, new_result_row (g_ptr_array_index (results, i)));

  if (results != NULL && results->len > 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "results");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "status");
  if (*text == '\0')
    {
      adw_status_page_set_icon_name (self->status, "edit-find-symbolic");
      adw_status_page_set_title (self->status, _("Search Everything"));
      adw_status_page_set_description (self->status,
                                       _("Postings, guides, questions, roles and your applications."));
    }
  else
    {
      adw_status_page_set_icon_name (self->status, "edit-find-symbolic");
      adw_status_page_set_title (self->status, _("No Results"));
      adw_status_page_set_description (self->status, _("Try other words."));
    }
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CgSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = cg_search_finish (CG_LIBRARY (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  if (results == NULL)
    {
      show_results (self, NULL);
      adw_status_page_set_icon_name (self->status, "dialog-warning-symbolic");
      adw_status_page_set_title (self->status, _("Search Failed"));
      adw_status_page_set_description (self->status, error->message);
      return;
    }

  show_results (self, results);
}

static void
search_changed_cb (CgSearchPage *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  if (self->library == NULL || !cg_library_is_open (self->library) ||
      *gtk_editable_get_text (GTK_EDITABLE (self->entry)) == '\0')
    {
      self->busy = FALSE;
      show_results (self, NULL);
      return;
    }

  self->cancellable = g_cancellable_new ();
  self->busy = TRUE;
  cg_search_async (self->library, gtk_editable_get_text (GTK_EDITABLE (self->entry)), 8,
                   self->cancellable, search_done_cb, g_object_ref (self));
}

/* Opens the result where it lives, through the window's actions. */
static void
open_result (CgSearchPage   *self,
             CgSearchResult *r)
{
  g_autofree char *uri = NULL;

  switch (r->kind)
    {
    case CG_SEARCH_KIND_POSTING:
      uri = g_strconcat ("job:", r->target, NULL);
      break;
    case CG_SEARCH_KIND_GUIDE:
      uri = g_strconcat ("guide:", r->target, NULL);
      break;
    case CG_SEARCH_KIND_FAQ:
      uri = g_strconcat ("faq:", r->target, NULL);
      break;
    case CG_SEARCH_KIND_ROLE:
      uri = g_strconcat ("role:", r->target, NULL);
      break;
    case CG_SEARCH_KIND_APPLICATION:
      gtk_widget_activate_action (GTK_WIDGET (self), "win.open-application", "x",
                                  g_ascii_strtoll (r->target, NULL, 10));
      return;
    default:
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-link", "s", uri);
}

static void
row_activated_cb (CgSearchPage  *self,
                  GtkListBoxRow *row)
{
  CgSearchResult *r = row_result (self, row);

  if (r != NULL)
    open_result (self, r);
}

/* Enter in the search box: the first result. */
gboolean
cg_search_page_activate_first (CgSearchPage *self)
{
  g_return_val_if_fail (CG_IS_SEARCH_PAGE (self), FALSE);

  if (self->results == NULL || self->results->len == 0)
    return FALSE;

  open_result (self, g_ptr_array_index (self->results, 0));
  return TRUE;
}

static void
entry_activate_cb (CgSearchPage *self)
{
  cg_search_page_activate_first (self);
}

static void
stop_search_cb (CgSearchPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  gtk_widget_activate_action (GTK_WIDGET (self), "win.close-search", NULL);
}

static void
cg_search_page_dispose (GObject *object)
{
  CgSearchPage *self = CG_SEARCH_PAGE (object);

  g_clear_object (&self->watch);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->results, g_ptr_array_unref);
  if (self->box != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->box));
      self->box = NULL;
    }
  g_clear_object (&self->library);

  G_OBJECT_CLASS (cg_search_page_parent_class)->dispose (object);
}

static void
cg_search_page_class_init (CgSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_search_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_search_page_init (CgSearchPage *self)
{
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *list_clamp = adw_clamp_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));

  self->entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->entry, "placeholder-text", _("Search postings, guides, questions, roles and applications"),
                "hexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search everything"), -1);
  g_signal_connect_object (self->entry, "search-changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "activate", G_CALLBACK (entry_activate_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entry, "stop-search", G_CALLBACK (stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (self->entry));
  g_object_set (clamp, "margin-top", 12, "margin-bottom", 12, "margin-start", 12, "margin-end", 12, NULL);
  gtk_box_append (self->box, clamp);

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Search results"), -1);
  g_signal_connect_object (self->list, "row-activated", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  adw_clamp_set_maximum_size (ADW_CLAMP (list_clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (list_clamp), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list_clamp);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  self->status = ADW_STATUS_PAGE (adw_status_page_new ());
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_stack_add_named (self->stack, scroller, "results");
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->status), "status");
  gtk_box_append (self->box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (self->box, GTK_WIDGET (self->stack));

  show_results (self, NULL);
}

GtkWidget *
cg_search_page_new (void)
{
  return g_object_new (CG_TYPE_SEARCH_PAGE, NULL);
}

void
cg_search_page_set_library (CgSearchPage *self,
                            CgLibrary    *library)
{
  g_return_if_fail (CG_IS_SEARCH_PAGE (self));

  if (g_set_object (&self->library, library))
    {
      /* the results shown are searched again when what they list changed */
      g_clear_object (&self->watch);
      if (library != NULL)
        self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                            CG_LIBRARY_CHANGE_JOBS | CG_LIBRARY_CHANGE_GUIDES |
                                            CG_LIBRARY_CHANGE_FAQ | CG_LIBRARY_CHANGE_ROLES |
                                            CG_LIBRARY_CHANGE_APPLICATIONS,
                                            (CgLibraryWatchFunc) search_changed_cb);
    }
}

GtkSearchEntry *
cg_search_page_get_entry (CgSearchPage *self)
{
  g_return_val_if_fail (CG_IS_SEARCH_PAGE (self), NULL);

  return self->entry;
}

void
cg_search_page_search (CgSearchPage *self,
                       const char   *text)
{
  g_return_if_fail (CG_IS_SEARCH_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), text ? text : "");
  /* now, not after the entry's typing delay */
  search_changed_cb (self);
}

gboolean
cg_search_page_get_busy (CgSearchPage *self)
{
  g_return_val_if_fail (CG_IS_SEARCH_PAGE (self), FALSE);

  return self->busy;
}

guint
cg_search_page_get_n_results (CgSearchPage *self)
{
  g_return_val_if_fail (CG_IS_SEARCH_PAGE (self), 0);

  return self->results ? self->results->len : 0;
}
