/* cg-faq-page.c: questions and answers, by topic
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The whole FAQ is one page in the reader: topics as headings, questions
 * as <details> that open in place. The questions are built by the core
 * on a worker thread (cg_faq_build_html_async()), because the live answers
 * count postings, and there may be a million of them.
 */
#define G_LOG_DOMAIN "cg-faq-page"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-faq-page-private.h"
#include "cg-library-watch.h"
#include "cg-faq.h"
#include "cg-markdown.h"

struct _CgFaqPage
{
  GtkWidget       parent_instance;

  CgLibrary      *library;
  CgLibraryWatch *watch;
  GCancellable   *cancellable;
  GtkBox         *box;
  GtkSearchEntry *search_entry;
  GtkLabel       *count_label;
  CgReaderView   *reader;
  guint           n_shown;
  char           *pending_entry;  /* slug to open once the page is loaded */
};

G_DEFINE_FINAL_TYPE (CgFaqPage, cg_faq_page, GTK_TYPE_WIDGET)

/* The questions as a page of the reader, under their heading. */
static char *
wrap_page (const char *questions,
           guint       n_shown)
{
  g_autofree char *body = NULL;

  if (n_shown == 0)
    body = g_markup_printf_escaped ("<h1>%s</h1><p>%s</p>", _("No Matching Questions"),
                                    _("Try other words."));
  else
    {
      g_autofree char *heading = g_markup_printf_escaped ("<h1>%s</h1>\n", _("Questions and Answers"));

      body = g_strconcat (heading, questions, NULL);
    }

  return cg_markdown_page (_("Questions and Answers"), body, NULL);
}

static void
build_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CgFaqPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *questions = NULL;
  g_autofree char *html = NULL;
  g_autofree char *count = NULL;
  guint n_shown;

  questions = cg_faq_build_html_finish (CG_LIBRARY (source), result, &n_shown, &error);
  if (questions == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *message = g_markup_printf_escaped ("<h1>%s</h1><p>%s</p>",
                                                              _("Questions Cannot Be Shown"),
                                                              error->message);
          g_autofree char *page = cg_markdown_page (_("Questions and Answers"), message, NULL);
          cg_reader_view_load_page (self->reader, page, CG_READER_SCHEME ":///faq/");
        }
      return;
    }

  html = wrap_page (questions, n_shown);
  self->n_shown = n_shown;
  count = g_strdup_printf (ngettext ("%u question", "%u questions", self->n_shown), self->n_shown);
  gtk_label_set_label (self->count_label, count);
  cg_reader_view_load_page (self->reader, html, CG_READER_SCHEME ":///faq/");
}

static void
rebuild (CgFaqPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = NULL;

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  today = g_date_time_format (now, "%Y-%m-%d");
  cg_faq_build_html_async (self->library, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)),
                           today, self->cancellable, build_done_cb, g_object_ref (self));
}

static void
reader_loaded_cb (CgFaqPage *self)
{
  if (self->pending_entry != NULL)
    {
      cg_reader_view_scroll_to (self->reader, self->pending_entry);
      g_clear_pointer (&self->pending_entry, g_free);
    }
}

static void
search_changed_cb (CgFaqPage *self)
{
  rebuild (self);
}

static void
open_link_cb (CgFaqPage  *self,
              const char *uri)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-link", "s", uri);
}

static void
cg_faq_page_dispose (GObject *object)
{
  CgFaqPage *self = CG_FAQ_PAGE (object);

  g_clear_object (&self->watch);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->box != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->box));
      self->box = NULL;
    }
  g_clear_object (&self->library);
  g_clear_pointer (&self->pending_entry, g_free);

  G_OBJECT_CLASS (cg_faq_page_parent_class)->dispose (object);
}

static void
cg_faq_page_class_init (CgFaqPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_faq_page_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_faq_page_init (CgFaqPage *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *clamp = adw_clamp_new ();

  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search questions"), "hexpand", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search questions"), -1);
  g_signal_connect_object (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb),
                           self, G_CONNECT_SWAPPED);
  self->count_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->count_label), "dim-label");
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->count_label));
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  adw_clamp_set_child (ADW_CLAMP (clamp), bar);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 12);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  gtk_box_append (self->box, clamp);
  gtk_box_append (self->box, gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));

  self->reader = CG_READER_VIEW (cg_reader_view_new ());
  g_signal_connect_object (self->reader, "open-link", G_CALLBACK (open_link_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "loaded", G_CALLBACK (reader_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->box, GTK_WIDGET (self->reader));
}

GtkWidget *
cg_faq_page_new (void)
{
  return g_object_new (CG_TYPE_FAQ_PAGE, NULL);
}

void
cg_faq_page_set_library (CgFaqPage *self,
                         CgLibrary *library)
{
  g_return_if_fail (CG_IS_FAQ_PAGE (self));

  g_set_object (&self->library, library);
  g_clear_object (&self->watch);
  if (library != NULL)
    self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                        CG_LIBRARY_CHANGE_FAQ,
                                        (CgLibraryWatchFunc) cg_faq_page_reload);
  rebuild (self);
}

void
cg_faq_page_reload (CgFaqPage *self)
{
  g_return_if_fail (CG_IS_FAQ_PAGE (self));

  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  rebuild (self);
}

void
cg_faq_page_search (CgFaqPage  *self,
                    const char *text)
{
  g_return_if_fail (CG_IS_FAQ_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
}

CgReaderView *
cg_faq_page_get_reader (CgFaqPage *self)
{
  g_return_val_if_fail (CG_IS_FAQ_PAGE (self), NULL);

  return self->reader;
}

guint
cg_faq_page_get_n_shown (CgFaqPage *self)
{
  g_return_val_if_fail (CG_IS_FAQ_PAGE (self), 0);

  return self->n_shown;
}

/* Shows every question with the one @slug open and in view. */
void
cg_faq_page_show_entry (CgFaqPage  *self,
                        const char *slug)
{
  g_return_if_fail (CG_IS_FAQ_PAGE (self));

  g_free (self->pending_entry);
  self->pending_entry = g_strdup (slug);
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  rebuild (self);
}
