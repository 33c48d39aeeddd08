/* cg-guides-page.c: the guide list and the reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list shows every guide with its description and keywords, filtered
 * by text and keyword. The reader renders a guide with the core Markdown
 * pipeline (```compare blocks become the comparison table from the
 * library) and offers what any reader should: contents, find in page,
 * zoom (remembered), print, and back/forward across guides.
 */
#define G_LOG_DOMAIN "cg-guides-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cg-guide-render.h"
#include "cg-guide.h"
#include "cg-guides-page-private.h"
#include "cg-library-watch.h"
#include "cg-markdown.h"

struct _CgGuidesPage
{
  GtkWidget       parent_instance;

  CgLibrary      *library;
  CgLibraryWatch *watch;
  GListModel     *guides;
  GPtrArray      *row_guides;   /* CgGuide of each row of guide_list, in order */
  GPtrArray      *toc_ids;      /* heading id of each row of toc_list, in order */
  GSettings      *settings;
  GPtrArray      *history;      /* of char *, slugs */
  int             history_pos;  /* index of the current guide, -1 none */

  AdwLeaflet     *leaflet;
  GtkSearchEntry *filter_entry;
  GtkDropDown    *keyword_dropdown;
  GtkStack       *list_stack;
  GtkListBox     *guide_list;
  GtkToggleButton *toc_button;
  GtkLabel       *reading_time_label;
  GtkButton      *zoom_button;
  GtkToggleButton *find_button;
  GtkSearchBar   *find_bar;
  GtkSearchEntry *find_entry;
  GtkLabel       *match_label;
  GtkStack       *reader_stack;
  AdwFlap        *flap;
  GtkListBox     *toc_list;
  GtkBox         *reader_box;
  GtkButton      *delete_button;
  CgReaderView   *reader;
  char           *pending_delete;  /* a user guide deleted, until the undo toast goes */
  guint           render_generation;  /* of the guide last asked for */
  GtkSpinner     *loading_spinner;
  guint           spinner_timeout;    /* shows the spinner when loading is slow */
};

G_DEFINE_FINAL_TYPE (CgGuidesPage, cg_guides_page, GTK_TYPE_WIDGET)

static CgGuide *
row_guide (CgGuidesPage  *self,
           GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0 || (guint) index >= self->row_guides->len)
    return NULL;
  return g_ptr_array_index (self->row_guides, index);
}

static gboolean
guide_has_keyword (CgGuide    *guide,
                   const char *keyword)
{
  g_auto(GStrv) keywords = NULL;

  if (keyword == NULL)
    return TRUE;
  if (cg_guide_get_keywords (guide) == NULL)
    return FALSE;

  keywords = g_strsplit (cg_guide_get_keywords (guide), "\n", -1);
  return g_strv_contains ((const char * const *) keywords, keyword);
}

static char *
selected_keyword (CgGuidesPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->keyword_dropdown);
  GListModel *model = gtk_drop_down_get_model (self->keyword_dropdown);

  if (model == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
}

static gboolean
text_matches (const char *haystack,
              const char *needle)
{
  g_autofree char *h = NULL;

  if (haystack == NULL)
    return FALSE;
  h = g_utf8_casefold (haystack, -1);
  return strstr (h, needle) != NULL;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  CgGuidesPage *self = user_data;
  CgGuide *guide = row_guide (self, row);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *keyword = selected_keyword (self);
  g_autofree char *needle = NULL;

  if (guide == NULL || !guide_has_keyword (guide, keyword))
    return FALSE;
  if (g_strcmp0 (self->pending_delete, cg_guide_get_slug (guide)) == 0)
    return FALSE;
  if (*text == '\0')
    return TRUE;

  needle = g_utf8_casefold (text, -1);
  return text_matches (cg_guide_get_title (guide), needle) ||
         text_matches (cg_guide_get_description (guide), needle) ||
         text_matches (cg_guide_get_keywords (guide), needle);
}

guint
cg_guides_page_get_n_visible (CgGuidesPage *self)
{
  guint n = 0;

  g_return_val_if_fail (CG_IS_GUIDES_PAGE (self), 0);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->guide_list)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && gtk_widget_get_child_visible (child) &&
        filter_func (GTK_LIST_BOX_ROW (child), self))
      n++;

  return n;
}

static void
filter_changed_cb (CgGuidesPage *self)
{
  gtk_list_box_invalidate_filter (self->guide_list);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    cg_guides_page_get_n_visible (self) > 0 ? "list" : "empty");
}

static GtkWidget *
new_guide_row (CgGuide *guide)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = gtk_label_new (cg_guide_get_title (guide));
  GtkWidget *description = gtk_label_new (cg_guide_get_description (guide));
  GtkWidget *tags = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (description), TRUE);
  gtk_label_set_lines (GTK_LABEL (description), 3);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_add_css_class (description, "caption");

  /* the keywords as one wrapped line of tags */
  if (cg_guide_get_keywords (guide) != NULL)
    {
      g_auto(GStrv) keywords = g_strsplit (cg_guide_get_keywords (guide), "\n", -1);
      g_autofree char *joined = g_strjoinv ("  ·  ", keywords);

      gtk_label_set_label (GTK_LABEL (tags), joined);
    }
  gtk_label_set_wrap (GTK_LABEL (tags), TRUE);
  gtk_label_set_xalign (GTK_LABEL (tags), 0);
  gtk_widget_add_css_class (tags, "cg-tags");
  gtk_widget_add_css_class (tags, "caption");
  gtk_widget_set_visible (tags, cg_guide_get_keywords (guide) != NULL);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), description);
  gtk_box_append (GTK_BOX (box), tags);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 4);
  gtk_widget_set_margin_end (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  title, NULL, GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  description, NULL, -1);

  return row;
}

static CgGuide *
find_guide (CgGuidesPage *self,
            const char   *slug)
{
  for (guint i = 0; self->guides && i < g_list_model_get_n_items (self->guides); i++)
    {
      g_autoptr(CgGuide) guide = g_list_model_get_item (self->guides, i);

      if (g_strcmp0 (cg_guide_get_slug (guide), slug) == 0)
        return g_steal_pointer (&guide);
    }

  return NULL;
}

static void
update_history_actions (CgGuidesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guides.back", self->history_pos > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "guides.forward",
                                 self->history_pos + 1 < (int) self->history->len);
}

static void
update_reader_actions (CgGuidesPage *self,
                       gboolean      has_guide)
{
  const char *actions[] = { "guides.zoom-in", "guides.zoom-out", "guides.zoom-reset",
                            "guides.print", "guides.find" };

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], has_guide);
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), has_guide);
  gtk_widget_set_sensitive (GTK_WIDGET (self->toc_button), has_guide);
}

static void
fill_toc (CgGuidesPage *self,
          GPtrArray    *toc)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->toc_list))) != NULL)
    gtk_list_box_remove (self->toc_list, child);
  g_ptr_array_set_size (self->toc_ids, 0);

  for (guint i = 0; toc != NULL && i < toc->len; i++)
    {
      CgTocEntry *entry = g_ptr_array_index (toc, i);
      GtkWidget *label;
      GtkWidget *row;

      if (entry->level < 2 || entry->level > 3)
        continue;

      label = gtk_label_new (entry->text);
      row = gtk_list_box_row_new ();
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_set_margin_start (label, entry->level == 3 ? 18 : 0);
      if (entry->level == 3)
        gtk_widget_add_css_class (label, "dim-label");
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_ptr_array_add (self->toc_ids, g_strdup (entry->id));
      gtk_list_box_append (self->toc_list, row);
    }
}

static void
reader_open_link_cb (CgGuidesPage *self,
                     const char   *uri)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-link", "s", uri);
}

static void
update_match_label (CgGuidesPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->find_entry));
  g_autofree char *label = NULL;
  guint n;

  if (self->reader == NULL || *text == '\0')
    {
      gtk_label_set_label (self->match_label, "");
      return;
    }

  n = cg_reader_view_get_match_count (self->reader);
  label = n == 0 ? g_strdup (_("No matches"))
                 : g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_label (self->match_label, label);
}

static void
show_spinner_cb (gpointer user_data)
{
  CgGuidesPage *self = user_data;

  self->spinner_timeout = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), TRUE);
  gtk_spinner_start (self->loading_spinner);
}

/* A guide usually loads in a blink; one whose live figures take a while
 * gets a spinner, after a moment, so that quick loads do not flicker. */
static void
reader_loading_cb (CgGuidesPage *self)
{
  if (self->loading_spinner == NULL)  /* being disposed */
    return;

  if (cg_reader_view_get_loading (self->reader))
    {
      if (self->spinner_timeout == 0 && !gtk_widget_get_visible (GTK_WIDGET (self->loading_spinner)))
        self->spinner_timeout = g_timeout_add_once (300, show_spinner_cb, self);
      return;
    }

  g_clear_handle_id (&self->spinner_timeout, g_source_remove);
  gtk_spinner_stop (self->loading_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), FALSE);
}

static void
ensure_reader (CgGuidesPage *self)
{
  if (self->reader != NULL)
    return;

  self->reader = CG_READER_VIEW (cg_reader_view_new ());
  cg_reader_view_set_zoom (self->reader, g_settings_get_double (self->settings, "reader-zoom"));
  g_settings_bind (self->settings, "reader-zoom", self->reader, "zoom", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->reader, "open-link", G_CALLBACK (reader_open_link_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::match-count",
                           G_CALLBACK (update_match_label), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->reader, "notify::loading",
                           G_CALLBACK (reader_loading_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->reader_box, GTK_WIDGET (self->reader));
}

/* Shows @guide, rendered as @md, in the reader. */
static void
show_rendered (CgGuidesPage *self,
               CgGuide      *guide,
               CgMarkdown   *md)
{
  g_autofree char *page = NULL;
  g_autofree char *base = NULL;
  g_autofree char *minutes = NULL;

  page = cg_markdown_page (cg_guide_get_title (guide), cg_markdown_get_html (md), NULL);
  base = g_strdup_printf (CG_READER_SCHEME ":///guide/%s", cg_guide_get_slug (guide));
  cg_reader_view_load_page (self->reader, page, base);

  fill_toc (self, cg_markdown_get_toc (md));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button),
                          g_strcmp0 (cg_guide_get_origin (guide), "user") == 0);
  minutes = g_strdup_printf (ngettext ("%u min read", "%u min read",
                                       cg_markdown_get_reading_minutes (md)),
                             cg_markdown_get_reading_minutes (md));
  gtk_label_set_label (self->reading_time_label, minutes);
  gtk_stack_set_visible_child_name (self->reader_stack, "reader");
  update_reader_actions (self, TRUE);
}

/* A guide with live blocks (```compare) is rendered by the core on a
 * worker thread: the figures are queries over every posting, seconds with
 * a million of them. */
typedef struct {
  CgGuidesPage *self;
  CgGuide      *guide;
  guint         generation;
} RenderData;

static void
render_data_free (RenderData *data)
{
  g_object_unref (data->self);
  g_object_unref (data->guide);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderData, render_data_free)

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(RenderData) data = user_data;
  CgGuidesPage *self = data->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(CgMarkdown) md = cg_guide_render_finish (CG_LIBRARY (source), result, &error);

  /* another guide was opened meanwhile */
  if (data->generation != self->render_generation)
    return;

  if (md == NULL)
    {
      /* the library cannot be read from a second connection: render here,
       * without the live figures' thread */
      g_warning ("Cannot render the guide on a worker thread: %s", error->message);
      md = cg_guide_render (self->library, cg_guide_get_body (data->guide));
    }

  show_rendered (self, data->guide, md);
}

static void
show_guide (CgGuidesPage *self,
            CgGuide      *guide)
{
  const char *body = cg_guide_get_body (guide);

  ensure_reader (self);
  self->render_generation++;

  if (cg_guide_body_has_live_blocks (body))
    {
      RenderData *data = g_new0 (RenderData, 1);

      data->self = g_object_ref (self);
      data->guide = g_object_ref (guide);
      data->generation = self->render_generation;
      cg_reader_view_begin_load (self->reader);
      cg_guide_render_async (self->library, body, NULL, render_done_cb, data);
    }
  else
    {
      g_autoptr(CgMarkdown) md = cg_markdown_render (body, -1, NULL, NULL, NULL);

      show_rendered (self, guide, md);
    }

  /* the list follows the reader */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->guide_list)); child;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && row_guide (self, GTK_LIST_BOX_ROW (child)) != NULL &&
        g_strcmp0 (cg_guide_get_slug (row_guide (self, GTK_LIST_BOX_ROW (child))),
                   cg_guide_get_slug (guide)) == 0)
      gtk_list_box_select_row (self->guide_list, GTK_LIST_BOX_ROW (child));

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

/* Opens the guide @slug, as a new step in the reader's history. */
gboolean
cg_guides_page_open (CgGuidesPage *self,
                     const char   *slug)
{
  g_autoptr(CgGuide) guide = NULL;

  g_return_val_if_fail (CG_IS_GUIDES_PAGE (self), FALSE);

  guide = find_guide (self, slug);
  if (guide == NULL)
    return FALSE;

  if (self->history_pos < 0 ||
      g_strcmp0 (g_ptr_array_index (self->history, self->history_pos), slug) != 0)
    {
      /* forward history ends where a new guide is opened */
      g_ptr_array_set_size (self->history, self->history_pos + 1);
      g_ptr_array_add (self->history, g_strdup (slug));
      self->history_pos = self->history->len - 1;
    }

  show_guide (self, guide);
  update_history_actions (self);
  return TRUE;
}

const char *
cg_guides_page_get_current (CgGuidesPage *self)
{
  g_return_val_if_fail (CG_IS_GUIDES_PAGE (self), NULL);

  return self->history_pos >= 0 ? g_ptr_array_index (self->history, self->history_pos) : NULL;
}

CgReaderView *
cg_guides_page_get_reader (CgGuidesPage *self)
{
  g_return_val_if_fail (CG_IS_GUIDES_PAGE (self), NULL);

  return self->reader;
}

static void
guide_activated_cb (CgGuidesPage  *self,
                    GtkListBoxRow *row)
{
  CgGuide *guide = row_guide (self, row);

  if (guide != NULL)
    cg_guides_page_open (self, cg_guide_get_slug (guide));
}

static void
toc_activated_cb (CgGuidesPage  *self,
                  GtkListBoxRow *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->toc_ids->len)
    cg_reader_view_scroll_to (self->reader, g_ptr_array_index (self->toc_ids, index));
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
show_list_cb (CgGuidesPage *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
find_changed_cb (CgGuidesPage *self)
{
  if (self->reader != NULL)
    cg_reader_view_find (self->reader, gtk_editable_get_text (GTK_EDITABLE (self->find_entry)));
}

static void
find_next_cb (CgGuidesPage *self)
{
  if (self->reader != NULL)
    cg_reader_view_find_next (self->reader);
}

static void
find_previous_cb (CgGuidesPage *self)
{
  if (self->reader != NULL)
    cg_reader_view_find_previous (self->reader);
}

static void
find_stop_cb (CgGuidesPage *self)
{
  gtk_search_bar_set_search_mode (self->find_bar, FALSE);
  if (self->reader != NULL)
    cg_reader_view_find_finish (self->reader);
}

static void
zoom_changed_cb (CgGuidesPage *self)
{
  g_autofree char *label = g_strdup_printf ("%.0f%%", 100 * g_settings_get_double (self->settings, "reader-zoom"));

  gtk_button_set_label (self->zoom_button, label);
}

static void
zoom_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);
  double zoom = g_settings_get_double (self->settings, "reader-zoom");

  if (g_str_equal (action_name, "guides.zoom-in"))
    zoom = MIN (zoom + 0.1, 3.0);
  else if (g_str_equal (action_name, "guides.zoom-out"))
    zoom = MAX (zoom - 0.1, 0.5);
  else
    zoom = 1.0;

  g_settings_set_double (self->settings, "reader-zoom", zoom);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);

  if (self->reader != NULL)
    cg_reader_view_print (self->reader);
}

static void
find_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);

  if (g_str_equal (action_name, "guides.find"))
    {
      gtk_search_bar_set_search_mode (self->find_bar, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->find_entry));
    }
  else if (g_str_equal (action_name, "guides.find-next"))
    find_next_cb (self);
  else
    find_previous_cb (self);
}

static void
history_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);
  int pos = self->history_pos + (g_str_equal (action_name, "guides.back") ? -1 : 1);
  g_autoptr(CgGuide) guide = NULL;

  if (pos < 0 || pos >= (int) self->history->len)
    return;

  guide = find_guide (self, g_ptr_array_index (self->history, pos));
  if (guide == NULL)
    return;

  self->history_pos = pos;
  show_guide (self, guide);
  update_history_actions (self);
}

static void
toggle_toc_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);

  gtk_toggle_button_set_active (self->toc_button, !gtk_toggle_button_get_active (self->toc_button));
}

static void
add_toast (CgGuidesPage *self,
           AdwToast     *toast)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *overlay = NULL;

  /* the window's toast overlay is its content */
  if (ADW_IS_APPLICATION_WINDOW (root))
    overlay = adw_application_window_get_content (ADW_APPLICATION_WINDOW (root));
  if (ADW_IS_TOAST_OVERLAY (overlay))
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
finish_delete (CgGuidesPage *self,
               gboolean      reload)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *slug = g_steal_pointer (&self->pending_delete);

  if (slug == NULL || self->library == NULL)
    return;

  if (!cg_library_delete_guide (self->library, slug, &error))
    g_warning ("Cannot delete the guide %s: %s", slug, error->message);
  if (reload)
    cg_guides_page_reload (self);
}

static void
toast_dismissed_cb (AdwToast     *toast,
                    CgGuidesPage *self)
{
  finish_delete (self, TRUE);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);
  const char *slug = cg_guides_page_get_current (self);
  g_autoptr(CgGuide) guide = slug ? find_guide (self, slug) : NULL;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (guide == NULL || g_strcmp0 (cg_guide_get_origin (guide), "user") != 0)
    return;

  /* a deletion still waiting for its toast goes through now */
  finish_delete (self, FALSE);

  /* hidden now, deleted when the toast goes away without Undo */
  self->pending_delete = g_strdup (slug);
  filter_changed_cb (self);
  gtk_stack_set_visible_child_name (self->reader_stack, "none");
  update_reader_actions (self, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), FALSE);

  message = g_strdup_printf (_("Deleted “%s”"), cg_guide_get_title (guide));
  toast = adw_toast_new (message);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "guides.undo-delete");
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  add_toast (self, toast);
}

static void
undo_delete_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);
  g_autofree char *slug = g_steal_pointer (&self->pending_delete);

  filter_changed_cb (self);
  if (slug != NULL)
    cg_guides_page_open (self, slug);
}

/* Imports @path as the user's guide and opens it. */
gboolean
cg_guides_page_import (CgGuidesPage  *self,
                       const char    *path,
                       GError       **error)
{
  g_autofree char *slug = NULL;
  g_autofree char *warning = NULL;

  g_return_val_if_fail (CG_IS_GUIDES_PAGE (self), FALSE);

  if (!cg_library_import_guide (self->library, path, &slug, &warning, error))
    return FALSE;

  cg_guides_page_reload (self);
  cg_guides_page_open (self, slug);
  if (warning != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Imported, but its front matter is broken: %s"),
                                                  warning);
      add_toast (self, adw_toast_new (message));
    }
  return TRUE;
}

static void
import_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    CgGuidesPage    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;
      g_autoptr(GError) error = NULL;

      if (path != NULL && !cg_guides_page_import (self, path, &error))
        {
          g_autofree char *message = g_strdup_printf (_("The guide was not imported: %s"), error->message);
          add_toast (self, adw_toast_new (message));
        }
    }
  g_object_unref (dialog);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Import Guide"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Markdown files"));
  gtk_file_filter_add_pattern (filter, "*.md");
  gtk_file_filter_add_pattern (filter, "*.markdown");
  gtk_file_filter_add_mime_type (filter, "text/markdown");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_signal_connect (dialog, "response", G_CALLBACK (import_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
cg_guides_page_dispose (GObject *object)
{
  CgGuidesPage *self = CG_GUIDES_PAGE (object);

  g_clear_object (&self->watch);
  finish_delete (self, FALSE);
  g_clear_handle_id (&self->spinner_timeout, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_GUIDES_PAGE);
  g_clear_pointer (&self->row_guides, g_ptr_array_unref);
  g_clear_pointer (&self->toc_ids, g_ptr_array_unref);
  g_clear_object (&self->guides);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->history, g_ptr_array_unref);

  G_OBJECT_CLASS (cg_guides_page_parent_class)->dispose (object);
}

static void
cg_guides_page_class_init (CgGuidesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_guides_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-guides-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, keyword_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, guide_list);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, toc_button);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, reading_time_label);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, find_button);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, find_bar);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, find_entry);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, match_label);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, flap);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, toc_list);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, reader_box);
  gtk_widget_class_bind_template_child (widget_class, CgGuidesPage, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, guide_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, toc_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_list_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_stop_cb);

  gtk_widget_class_install_action (widget_class, "guides.zoom-in", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.zoom-out", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.zoom-reset", NULL, zoom_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.print", NULL, print_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.find", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.find-next", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.find-previous", NULL, find_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.back", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.forward", NULL, history_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.toggle-toc", NULL, toggle_toc_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "guides.undo-delete", NULL, undo_delete_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "guides.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "guides.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "guides.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "guides.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "guides.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "guides.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "guides.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "guides.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "guides.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "guides.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "guides.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "guides.forward", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "guides.toggle-toc", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_guides_page_init (CgGuidesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = g_ptr_array_new_with_free_func (g_free);
  self->history_pos = -1;
  self->row_guides = g_ptr_array_new_with_free_func (g_object_unref);
  self->toc_ids = g_ptr_array_new_with_free_func (g_free);
  self->settings = g_settings_new (APPLICATION_ID);
  g_signal_connect_object (self->settings, "changed::reader-zoom", G_CALLBACK (zoom_changed_cb),
                           self, G_CONNECT_SWAPPED);
  zoom_changed_cb (self);

  gtk_list_box_set_filter_func (self->guide_list, filter_func, self, NULL);
  gtk_search_bar_connect_entry (self->find_bar, GTK_EDITABLE (self->find_entry));
  update_history_actions (self);
  update_reader_actions (self, FALSE);
}

GtkWidget *
cg_guides_page_new (void)
{
  return g_object_new (CG_TYPE_GUIDES_PAGE, NULL);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/* Lists the library's guides (again). */
void
cg_guides_page_reload (CgGuidesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keywords = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GtkStringList) keyword_model = gtk_string_list_new (NULL);
  GtkWidget *child;

  g_return_if_fail (CG_IS_GUIDES_PAGE (self));

  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  g_clear_object (&self->guides);
  self->guides = cg_library_list (self->library, CG_LIBRARY_KIND_GUIDES, &error);
  if (self->guides == NULL)
    {
      g_warning ("Cannot list the guides: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->guide_list))) != NULL)
    gtk_list_box_remove (self->guide_list, child);
  g_ptr_array_set_size (self->row_guides, 0);

  for (guint i = 0; i < g_list_model_get_n_items (self->guides); i++)
    {
      g_autoptr(CgGuide) guide = g_list_model_get_item (self->guides, i);

      g_ptr_array_add (self->row_guides, g_object_ref (guide));
      gtk_list_box_append (self->guide_list, new_guide_row (guide));
      if (cg_guide_get_keywords (guide) != NULL)
        {
          g_auto(GStrv) words = g_strsplit (cg_guide_get_keywords (guide), "\n", -1);

          for (guint k = 0; words[k] != NULL; k++)
            if (*words[k] && !g_hash_table_contains (seen, words[k]))
              {
                char *word = g_strdup (words[k]);
                g_ptr_array_add (keywords, word);
                g_hash_table_add (seen, word);
              }
        }
    }

  g_ptr_array_sort (keywords, compare_strings);
  gtk_string_list_append (keyword_model, _("All keywords"));
  for (guint i = 0; i < keywords->len; i++)
    gtk_string_list_append (keyword_model, g_ptr_array_index (keywords, i));
  gtk_drop_down_set_model (self->keyword_dropdown, G_LIST_MODEL (keyword_model));
  gtk_drop_down_set_selected (self->keyword_dropdown, 0);

  filter_changed_cb (self);
}

void
cg_guides_page_set_library (CgGuidesPage *self,
                            CgLibrary    *library)
{
  g_return_if_fail (CG_IS_GUIDES_PAGE (self));

  g_set_object (&self->library, library);
  g_clear_object (&self->watch);
  if (library != NULL)
    self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                        CG_LIBRARY_CHANGE_GUIDES,
                                        (CgLibraryWatchFunc) cg_guides_page_reload);
  cg_guides_page_reload (self);
}

GtkListBox *
cg_guides_page_get_list_box (CgGuidesPage *self)
{
  g_return_val_if_fail (CG_IS_GUIDES_PAGE (self), NULL);

  return self->guide_list;
}
