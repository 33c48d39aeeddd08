/* cg-applications-page.c: the application tracker: board, table,
 * statistics and the detail editor
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The applications matching the filters (stage, company, tag, date range,
 * archived; applied by cg_tracker_list_applications()) are CgApplicationItems
 * in a GListStore; the search text filters them further in a
 * GtkFilterListModel. The board shows that model as one column per stage,
 * the table sorts it by the clicked column. The detail editor sits beside
 * them in an AdwLeaflet (replacing them when narrow) and is shown only while
 * an application is open.
 *
 * Everything that changes an application goes through page actions
 * (applications.move-to, applications.delete, ...) so that cards, menus,
 * toasts and the editor share one path. Deleting and archiving can be
 * undone from a toast. Edits in the editor are saved as you type; before
 * anything else touches the library the page first saves what is pending,
 * so that no keystroke is lost.
 */
#define G_LOG_DOMAIN "cg-applications-page"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cg-application-card.h"
#include "cg-application-editor.h"
#include "cg-application-item.h"
#include "cg-applications-page-private.h"
#include "cg-library-watch.h"
#include "cg-stage.h"
#include "cg-stages-dialog.h"
#include "cg-tracker-stats-view.h"
#include "cg-tracker.h"

/* Weeks of applications per week in the statistics. */
#define N_WEEKS 12

typedef enum {
  UNDO_DELETE,
  UNDO_ARCHIVE,
} UndoKind;

typedef struct {
  UndoKind           kind;
  gint64             id;
  CgTrackerSnapshot *snapshot;
} UndoEntry;

typedef struct {
  CgDueState  state;
  GString    *text;
} DueInfo;

struct _CgApplicationsPage
{
  GtkWidget            parent_instance;

  CgLibrary           *library;
  CgLibraryWatch      *watch;
  GListModel          *stages;          /* CgStage, board order */
  GHashTable          *stage_positions; /* gint64 * -> position + 1 */
  GListStore          *store;           /* CgApplicationItem */
  GtkCustomFilter     *search_filter;
  GtkFilterListModel  *filtered;
  GtkSortListModel    *sorted;
  GtkSingleSelection  *selection;
  GHashTable          *due;             /* gint64 * -> DueInfo */
  GArray              *due_ids;         /* gint64, the application of each row of due_list */
  GArray              *filter_stage_ids;
  GHashTable          *undo;            /* key -> UndoEntry */
  guint64              undo_counter;
  guint64              last_undo;
  GPtrArray           *columns;         /* the card boxes of the board, by stage */
  GPtrArray           *column_heads;    /* ColumnHead of each of columns */
  char                *search_text;     /* casefolded */
  guint                due_count;
  guint                n_all;           /* applications in the library, archived included */
  guint                board_source;
  guint                scroll_tick;
  guint                scroll_frames;
  gint64               scroll_to;
  gint64               focus_after_rebuild;
  gboolean             show_archived;
  gboolean             updating_filters;

  AdwToastOverlay     *toast_overlay;
  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_pane;
  GtkStackSwitcher    *view_switcher;
  GtkMenuButton       *due_button;
  GtkPopover          *due_popover;
  GtkListBox          *due_list;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *stage_dropdown;
  GtkDropDown         *tag_dropdown;
  GtkEntry            *company_entry;
  GtkEntry            *from_entry;
  GtkEntry            *to_entry;
  GtkLabel            *count_label;
  GtkStack            *view_stack;
  GtkStack            *board_stack;
  GtkScrolledWindow   *board_scroller;
  GtkBox              *board_box;
  GtkStack            *table_stack;
  GtkColumnView       *column_view;
  CgTrackerStatsView  *stats_view;
  CgApplicationEditor *editor;
};

G_DEFINE_FINAL_TYPE (CgApplicationsPage, cg_applications_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DUE_COUNT,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void reload (CgApplicationsPage *self);
static void rebuild_board (CgApplicationsPage *self);

/* Styles ------------------------------------------------------------------------ */

/* the displays that have the page's style */
static GSList *styled_displays;

static void
styled_display_gone_cb (gpointer  data,
                        GObject  *where_the_object_was)
{
  styled_displays = g_slist_remove (styled_displays, where_the_object_was);
}

static void
ensure_style (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkIconTheme *theme;
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_slist_find (styled_displays, display) != NULL)
    return;

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/cg-applications-page.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  styled_displays = g_slist_prepend (styled_displays, display);
  g_object_weak_ref (G_OBJECT (display), styled_display_gone_cb, NULL);

  /* The application adds its icons itself; widget tests have no application. */
  theme = gtk_icon_theme_get_for_display (display);
  if (!gtk_icon_theme_has_icon (theme, "cg-archive-symbolic"))
    gtk_icon_theme_add_resource_path (theme, RESOURCE_PREFIX "/icons");
}

/* Messages -------------------------------------------------------------------- */

/* A toast saying @text: toast titles are Pango markup, and titles and
 * companies are the user's text. */
static AdwToast *
new_toast (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}

static void
show_toast (CgApplicationsPage *self,
            const char         *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, new_toast (message));
}

static void
show_error (CgApplicationsPage *self,
            const char         *what,
            const GError       *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);
  AdwToast *toast = new_toast (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWindow *
parent_window (CgApplicationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_message (CgApplicationsPage *self,
              const char         *heading,
              const char         *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent_window (self), heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Flushes the editor's typing before the library is changed elsewhere. */
static void
save_editor (CgApplicationsPage *self)
{
  g_autoptr(GError) error = NULL;

  if (!cg_application_editor_save_pending (self->editor, &error) &&
      !g_error_matches (error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND))
    show_error (self, _("Cannot save the application"), error);
}

/* Stages ----------------------------------------------------------------------- */

static int
stage_position (CgApplicationsPage *self,
                gint64              stage_id)
{
  gpointer value = self->stage_positions ? g_hash_table_lookup (self->stage_positions, &stage_id) : NULL;

  return value ? GPOINTER_TO_INT (value) - 1 : -1;
}

static CgStage *
stage_at (CgApplicationsPage *self,
          int                 position)
{
  if (self->stages == NULL || position < 0 || (guint) position >= g_list_model_get_n_items (self->stages))
    return NULL;

  return g_list_model_get_item (self->stages, position);
}

/* Due reminders ------------------------------------------------------------------ */

static void
due_info_free (DueInfo *info)
{
  g_string_free (info->text, TRUE);
  g_free (info);
}

static char *
reminder_line (const CgTrackerReminder *r)
{
  g_autofree char *when = g_strdup (r->when);

  if (strlen (when) > 10 && when[10] == 'T')
    when[10] = ' ';
  if (r->kind == CG_TRACKER_REMINDER_INTERVIEW)
    return r->overdue ? g_strdup_printf (_("Interview on %s (past)"), when)
                      : g_strdup_printf (_("Interview today, %s"), when);
  return r->overdue ? g_strdup_printf (_("Follow-up overdue since %s"), when)
                    : g_strdup (_("Follow up today"));
}

static void
fill_due_list (CgApplicationsPage *self,
               GPtrArray          *reminders)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->due_list))) != NULL)
    gtk_list_box_remove (self->due_list, child);
  g_array_set_size (self->due_ids, 0);

  for (guint i = 0; reminders != NULL && i < reminders->len; i++)
    {
      CgTrackerReminder *r = g_ptr_array_index (reminders, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      g_autofree char *title = r->company ? g_strdup_printf (_("%s at %s"), r->title, r->company)
                                          : g_strdup (r->title);
      g_autofree char *line = reminder_line (r);
      GtkWidget *title_label = gtk_label_new (title);
      GtkWidget *line_label = gtk_label_new (line);

      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (title_label), PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (GTK_LABEL (line_label), 0);
      gtk_widget_add_css_class (line_label, "caption");
      gtk_widget_add_css_class (line_label, r->overdue ? "error" : "warning");
      gtk_box_append (GTK_BOX (box), title_label);
      gtk_box_append (GTK_BOX (box), line_label);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                      title_label, line_label, NULL, -1);
      g_array_append_val (self->due_ids, r->application);
      gtk_list_box_append (self->due_list, row);
    }
}

/* Reads what is due (today, local time) into self->due, the due list and
 * the count. */
static void
refresh_due (CgApplicationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reminders = cg_tracker_list_due (self->library, NULL, &error);
  gint64 count;
  guint n;

  g_hash_table_remove_all (self->due);
  if (reminders == NULL)
    {
      g_warning ("Cannot list what is due: %s", error->message);
      return;
    }

  for (guint i = 0; i < reminders->len; i++)
    {
      CgTrackerReminder *r = g_ptr_array_index (reminders, i);
      DueInfo *info = g_hash_table_lookup (self->due, &r->application);
      g_autofree char *line = reminder_line (r);

      if (info == NULL)
        {
          gint64 *key = g_new (gint64, 1);

          *key = r->application;
          info = g_new0 (DueInfo, 1);
          info->text = g_string_new (NULL);
          g_hash_table_insert (self->due, key, info);
        }
      if (r->overdue)
        info->state = CG_DUE_OVERDUE;
      else if (info->state == CG_DUE_NONE)
        info->state = CG_DUE_TODAY;
      g_string_append_printf (info->text, "%s%s", info->text->len ? "\n" : "", line);
    }
  fill_due_list (self, reminders);

  count = cg_tracker_count_due (self->library, NULL, NULL);
  n = count > 0 ? (guint) count : 0;
  if (n > 0)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%u Due", "%u Due", n), n);
      g_autofree char *tooltip = g_strdup_printf (ngettext ("%u follow-up or interview due today or overdue",
                                                            "%u follow-ups and interviews due today or overdue", n), n);

      gtk_menu_button_set_label (self->due_button, label);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->due_button), tooltip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->due_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->due_button), n > 0);

  if (n != self->due_count)
    {
      self->due_count = n;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUE_COUNT]);
    }
}

static CgApplicationItem *
new_item (CgApplicationsPage   *self,
          CgApplicationDetails *details)
{
  CgApplicationItem *item = cg_application_item_new (details, stage_position (self, details->stage_id));
  DueInfo *info = g_hash_table_lookup (self->due, &details->id);

  if (info != NULL)
    cg_application_item_set_due (item, info->state, info->text->str);
  return item;
}

/* Filters ------------------------------------------------------------------------ */

static char *
entry_date (CgApplicationsPage *self,
            GtkEntry           *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  int y, m, d, n = 0;
  gboolean valid = *text == '\0' ||
                   (strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 &&
                    n == 10 && text[4] == '-' && text[7] == '-' && g_date_valid_dmy (d, m, y));

  if (valid)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID);
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
    }
  return valid && *text ? g_steal_pointer (&text) : NULL;
}

static char *
selected_tag (CgApplicationsPage *self)
{
  GListModel *model = gtk_drop_down_get_model (self->tag_dropdown);
  guint selected = gtk_drop_down_get_selected (self->tag_dropdown);

  if (model == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (model), selected));
}

static gint64
selected_stage (CgApplicationsPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->stage_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->filter_stage_ids->len)
    return 0;

  return g_array_index (self->filter_stage_ids, gint64, selected - 1);
}

typedef struct {
  CgTrackerFilter  filter;
  char            *company;
  char            *tag;
  char            *from;
  char            *to;
} Filter;

static void
filter_clear (Filter *f)
{
  g_free (f->company);
  g_free (f->tag);
  g_free (f->from);
  g_free (f->to);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Filter, filter_clear)

static void
get_filter (CgApplicationsPage *self,
            Filter             *f)
{
  g_autofree char *company = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->company_entry))));

  memset (f, 0, sizeof *f);
  f->company = *company ? g_steal_pointer (&company) : NULL;
  f->tag = selected_tag (self);
  f->from = entry_date (self, self->from_entry);
  f->to = entry_date (self, self->to_entry);
  f->filter.stage_id = selected_stage (self);
  f->filter.company = f->company;
  f->filter.tag = f->tag;
  f->filter.date_from = f->from;
  f->filter.date_to = f->to;
  f->filter.include_archived = self->show_archived;
}

static gboolean
is_filtered (CgApplicationsPage *self)
{
  g_auto(Filter) f;

  get_filter (self, &f);
  return f.filter.stage_id != 0 || f.company || f.tag || f.from || f.to ||
         (self->search_text && *self->search_text);
}

/* Fills the stage and tag drop-downs, keeping what is chosen. */
static void
fill_filter_choices (CgApplicationsPage *self)
{
  g_autoptr(GtkStringList) stage_names = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) tag_names = gtk_string_list_new (NULL);
  g_auto(GStrv) tags = cg_tracker_list_tags (self->library, NULL);
  g_autofree char *tag = selected_tag (self);
  gint64 stage = selected_stage (self);
  guint stage_selected = 0, tag_selected = 0;

  g_array_set_size (self->filter_stage_ids, 0);
  gtk_string_list_append (stage_names, _("Any stage"));
  for (guint i = 0; self->stages && i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr(CgStage) s = g_list_model_get_item (self->stages, i);
      gint64 id = cg_stage_get_id (s);

      gtk_string_list_append (stage_names, cg_stage_get_name (s));
      g_array_append_val (self->filter_stage_ids, id);
      if (id == stage)
        stage_selected = i + 1;
    }

  gtk_string_list_append (tag_names, _("Any tag"));
  for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
    {
      gtk_string_list_append (tag_names, tags[i]);
      if (g_strcmp0 (tags[i], tag) == 0)
        tag_selected = i + 1;
    }

  self->updating_filters = TRUE;
  gtk_drop_down_set_model (self->stage_dropdown, G_LIST_MODEL (stage_names));
  gtk_drop_down_set_selected (self->stage_dropdown, stage_selected);
  gtk_drop_down_set_model (self->tag_dropdown, G_LIST_MODEL (tag_names));
  gtk_drop_down_set_selected (self->tag_dropdown, tag_selected);
  self->updating_filters = FALSE;
}

static gboolean
search_filter_func (gpointer item,
                    gpointer user_data)
{
  CgApplicationsPage *self = user_data;

  return cg_application_item_matches (CG_APPLICATION_ITEM (item), self->search_text);
}

/* Status ------------------------------------------------------------------------- */

static void
update_stats (CgApplicationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgTrackerStats) stats = NULL;

  if (self->library == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), "statistics") != 0)
    return;

  stats = cg_tracker_get_stats (self->library, NULL, N_WEEKS, &error);
  if (stats == NULL)
    show_error (self, _("Cannot compute the statistics"), error);
  cg_tracker_stats_view_set_stats (self->stats_view, stats);
}

static void
update_status (CgApplicationsPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint listed = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autoptr(GString) text = g_string_new (NULL);

  if (self->n_all == 0)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "empty");
      return;
    }
  gtk_stack_set_visible_child_name (self->main_stack, "content");

  if (shown == listed && !is_filtered (self))
    g_string_append_printf (text, ngettext ("%u application", "%u applications", shown), shown);
  else
    g_string_append_printf (text, ngettext ("%u of %u application", "%u of %u applications", self->n_all),
                            shown, self->n_all);
  if (!self->show_archived)
    g_string_append_printf (text, " · %s", _("archived hidden"));
  gtk_label_set_label (self->count_label, text->str);

  gtk_stack_set_visible_child_name (self->board_stack, shown > 0 ? "board" : "empty");
  gtk_stack_set_visible_child_name (self->table_stack, shown > 0 ? "table" : "empty");
}

/* Loading --------------------------------------------------------------------------- */

static void
read_stages (CgApplicationsPage *self)
{
  g_autoptr(GError) error = NULL;
  GListModel *stages = cg_tracker_list_stages (self->library, &error);

  if (stages == NULL)
    {
      show_error (self, _("Cannot read the stages"), error);
      return;
    }

  g_clear_object (&self->stages);
  self->stages = stages;
  g_hash_table_remove_all (self->stage_positions);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (stages, i);
      gint64 *key = g_new (gint64, 1);

      *key = cg_stage_get_id (stage);
      g_hash_table_insert (self->stage_positions, key, GINT_TO_POINTER (i + 1));
    }
  cg_application_editor_set_stages (self->editor, stages);
}

static void
reload (CgApplicationsPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Filter) f;

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  save_editor (self);
  /* what the editor just saved is read below */
  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  read_stages (self);
  fill_filter_choices (self);
  refresh_due (self);

  get_filter (self, &f);
  list = cg_tracker_list_applications (self->library, &f.filter, &error);
  if (list == NULL)
    {
      show_error (self, _("Cannot read the applications"), error);
      list = g_ptr_array_new ();
    }

  /* newest first */
  for (guint i = list->len; i > 0; i--)
    g_ptr_array_add (items, new_item (self, g_ptr_array_steal_index (list, i - 1)));
  g_list_store_splice (self->store, 0, g_list_model_get_n_items (G_LIST_MODEL (self->store)),
                       items->pdata, items->len);

  self->n_all = cg_library_count (self->library, CG_LIBRARY_KIND_APPLICATIONS);
  if (self->n_all == 0 || self->show_archived)
    {
      g_autoptr(GPtrArray) all = cg_tracker_list_applications (self->library, NULL, NULL);

      self->n_all = all ? all->len : self->n_all;
    }

  if (cg_application_editor_get_id (self->editor) != 0)
    {
      cg_application_editor_refresh (self->editor);
      if (cg_application_editor_get_id (self->editor) == 0)
        gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);
    }

  rebuild_board (self);
  update_status (self);
  update_stats (self);
}

/* Reads one application again after the editor saved it. */
static void
refresh_item (CgApplicationsPage *self,
              gint64              id)
{
  g_autoptr(CgApplicationDetails) details = cg_tracker_get_application (self->library, id, NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  refresh_due (self);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgApplicationItem) old = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (cg_application_item_get_id (old) != id)
        continue;

      if (details == NULL)
        g_list_store_remove (self->store, i);
      else
        {
          g_autoptr(CgApplicationItem) item = new_item (self, g_steal_pointer (&details));
          gpointer items[] = { item };

          g_list_store_splice (self->store, i, 1, items, 1);
        }
      update_status (self);
      update_stats (self);
      return;
    }

  /* not listed (new, or filtered out before): read everything */
  reload (self);
}

/* The board ------------------------------------------------------------------------ */

static char *
escape_mnemonic (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "_", -1);

  return g_strjoinv ("__", parts);
}

static GMenuModel *
card_menu (CgApplicationsPage *self,
           CgApplicationItem  *item)
{
  const CgApplicationDetails *d = cg_application_item_get_details (item);
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) other = g_menu_new ();

  for (guint i = 0; i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (self->stages, i);
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) menu_item = NULL;

      if (cg_stage_get_id (stage) == d->stage_id)
        continue;
      label = escape_mnemonic (cg_stage_get_name (stage));
      menu_item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (menu_item, "applications.move-to",
                                               g_variant_new ("(xx)", d->id, cg_stage_get_id (stage)));
      g_menu_append_item (move, menu_item);
    }
  g_menu_append_section (menu, _("Move To"), G_MENU_MODEL (move));

  {
    g_autoptr(GMenuItem) open = g_menu_item_new (_("_Open"), NULL);
    g_autoptr(GMenuItem) archive = g_menu_item_new (d->archived ? _("_Take Out of the Archive")
                                                                : _("_Archive"), NULL);
    g_autoptr(GMenuItem) delete = g_menu_item_new (_("_Delete"), NULL);

    g_menu_item_set_action_and_target_value (open, "applications.open", g_variant_new_int64 (d->id));
    g_menu_item_set_action_and_target_value (archive, d->archived ? "applications.unarchive"
                                                                  : "applications.archive",
                                             g_variant_new_int64 (d->id));
    g_menu_item_set_action_and_target_value (delete, "applications.delete", g_variant_new_int64 (d->id));
    g_menu_append_item (other, open);
    g_menu_append_item (other, archive);
    g_menu_append_item (other, delete);
  }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (other));

  return G_MENU_MODEL (menu);
}

/* What a board column's header shows */
typedef struct {
  GtkWidget *count_label;
  char      *stage_name;
} ColumnHead;

static void
column_head_free (ColumnHead *head)
{
  g_free (head->stage_name);
  g_free (head);
}

/* What a drop on a board column needs */
typedef struct {
  CgApplicationsPage *self;
  gint64              stage_id;
} ColumnDrop;

static void
column_drop_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static gboolean
column_drop_cb (GtkDropTarget *target,
                const GValue  *value,
                double         x,
                double         y,
                ColumnDrop    *drop)
{
  CgApplicationsPage *self = drop->self;
  CgApplicationItem *item;
  gint64 stage_id = drop->stage_id;

  if (!G_VALUE_HOLDS (value, CG_TYPE_APPLICATION_ITEM) || (item = g_value_get_object (value)) == NULL)
    return FALSE;

  if (cg_application_item_get_details (item)->stage_id == stage_id)
    return FALSE;

  return gtk_widget_activate_action (GTK_WIDGET (self), "applications.move-to", "(xx)",
                                     cg_application_item_get_id (item), stage_id);
}

static GtkWidget *
new_column (CgApplicationsPage *self,
            CgStage            *stage,
            GtkWidget         **cards,
            ColumnHead        **head)
{
  GtkWidget *column = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (cg_stage_get_name (stage));
  GtkWidget *count = gtk_label_new (NULL);
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkDropTarget *target = gtk_drop_target_new (CG_TYPE_APPLICATION_ITEM, GDK_ACTION_MOVE);
  ColumnDrop *drop = g_new0 (ColumnDrop, 1);

  gtk_widget_add_css_class (column, "cg-board-column");
  gtk_widget_set_size_request (column, 264, -1);

  gtk_widget_add_css_class (header, "cg-column-header");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_add_css_class (count, "cg-column-count");
  gtk_widget_add_css_class (count, "caption-heading");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (header), name);
  if (cg_stage_get_closed (stage))
    {
      GtkWidget *closed = gtk_label_new (_("Closed"));

      gtk_widget_add_css_class (closed, "dim-label");
      gtk_widget_add_css_class (closed, "caption");
      gtk_widget_set_tooltip_text (closed, _("A closed stage ends an application: no reminders"));
      gtk_box_append (GTK_BOX (header), closed);
    }
  gtk_box_append (GTK_BOX (header), count);
  gtk_box_append (GTK_BOX (column), header);

  *cards = g_object_new (GTK_TYPE_BOX, "orientation", GTK_ORIENTATION_VERTICAL, "spacing", 8,
                         "accessible-role", GTK_ACCESSIBLE_ROLE_LIST, NULL);
  gtk_widget_add_css_class (*cards, "cg-column-cards");
  gtk_widget_set_margin_start (*cards, 8);
  gtk_widget_set_margin_end (*cards, 8);
  gtk_widget_set_margin_top (*cards, 2);
  gtk_widget_set_margin_bottom (*cards, 8);
  gtk_widget_set_valign (*cards, GTK_ALIGN_START);
  *head = g_new0 (ColumnHead, 1);
  (*head)->count_label = count;
  (*head)->stage_name = g_strdup (cg_stage_get_name (stage));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), *cards);
  gtk_box_append (GTK_BOX (column), scroller);

  drop->self = self;
  drop->stage_id = cg_stage_get_id (stage);
  g_signal_connect_data (target, "drop", G_CALLBACK (column_drop_cb), drop, column_drop_free, 0);
  gtk_widget_add_controller (column, GTK_EVENT_CONTROLLER (target));

  return column;
}

static gint64
focused_card (CgApplicationsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *card = focus ? gtk_widget_get_ancestor (focus, CG_TYPE_APPLICATION_CARD) : NULL;

  if (card == NULL || !gtk_widget_is_ancestor (card, GTK_WIDGET (self->board_box)))
    return 0;
  return cg_application_card_get_id (CG_APPLICATION_CARD (card));
}

static void
rebuild_board (CgApplicationsPage *self)
{
  GtkAdjustment *hadjustment = gtk_scrolled_window_get_hadjustment (self->board_scroller);
  double scroll = gtk_adjustment_get_value (hadjustment);
  gint64 focus_id = self->focus_after_rebuild ? self->focus_after_rebuild : focused_card (self);
  GtkWidget *focus_card = NULL;
  GtkWidget *child;
  guint n;

  g_clear_handle_id (&self->board_source, g_source_remove);
  self->focus_after_rebuild = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->board_box))) != NULL)
    gtk_box_remove (self->board_box, child);
  g_ptr_array_set_size (self->columns, 0);
  g_ptr_array_set_size (self->column_heads, 0);

  if (self->stages == NULL)
    return;

  for (guint i = 0; i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (self->stages, i);
      GtkWidget *cards;
      ColumnHead *head;

      gtk_box_append (self->board_box, new_column (self, stage, &cards, &head));
      g_ptr_array_add (self->columns, cards);
      g_ptr_array_add (self->column_heads, head);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgApplicationItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);
      int position = cg_application_item_get_stage_position (item);
      g_autoptr(GMenuModel) menu = NULL;
      GtkWidget *card;

      if (position < 0 || (guint) position >= self->columns->len)
        continue;
      menu = card_menu (self, item);
      card = cg_application_card_new (item, menu);
      gtk_box_append (GTK_BOX (g_ptr_array_index (self->columns, position)), card);
      if (cg_application_item_get_id (item) == focus_id)
        focus_card = card;
      if (cg_application_item_get_id (item) == cg_application_editor_get_id (self->editor))
        gtk_widget_add_css_class (card, "cg-open");
    }

  for (guint i = 0; i < self->columns->len; i++)
    {
      GtkWidget *cards = g_ptr_array_index (self->columns, i);
      ColumnHead *head = g_ptr_array_index (self->column_heads, i);
      guint count = 0;
      g_autofree char *text = NULL;
      g_autofree char *label = NULL;

      for (child = gtk_widget_get_first_child (cards); child; child = gtk_widget_get_next_sibling (child))
        count++;
      text = g_strdup_printf ("%u", count);
      gtk_label_set_label (GTK_LABEL (head->count_label), text);
      label = g_strdup_printf (ngettext ("%s, %u application", "%s, %u applications", count),
                               head->stage_name, count);
      gtk_accessible_update_property (GTK_ACCESSIBLE (cards), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

      if (count == 0)
        {
          GtkWidget *placeholder = gtk_label_new (_("Drop applications here"));

          gtk_widget_add_css_class (placeholder, "dim-label");
          gtk_widget_add_css_class (placeholder, "caption");
          gtk_widget_add_css_class (placeholder, "cg-column-placeholder");
          gtk_box_append (GTK_BOX (cards), placeholder);
        }
    }

  gtk_adjustment_set_value (hadjustment, scroll);
  if (focus_card != NULL)
    gtk_widget_grab_focus (focus_card);
}

static gboolean
rebuild_board_cb (gpointer user_data)
{
  CgApplicationsPage *self = user_data;

  self->board_source = 0;
  rebuild_board (self);
  return G_SOURCE_REMOVE;
}

static void
queue_board_rebuild (CgApplicationsPage *self)
{
  /* before the next frame, so that stale cards are never drawn */
  if (self->board_source == 0)
    self->board_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, rebuild_board_cb, self, NULL);
}

static void
filtered_items_changed_cb (CgApplicationsPage *self)
{
  queue_board_rebuild (self);
}

/* The table ------------------------------------------------------------------------ */

typedef enum {
  COLUMN_TITLE,
  COLUMN_COMPANY,
  COLUMN_STAGE,
  COLUMN_APPLIED,
  COLUMN_FOLLOW_UP,
  COLUMN_EXCITEMENT,
  COLUMN_UPDATED,
} Column;

static char *
local_time (const char *utc)
{
  g_autoptr(GDateTime) time = utc ? g_date_time_new_from_iso8601 (utc, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (utc);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static char *
column_text (CgApplicationItem *item,
             Column             column)
{
  const CgApplicationDetails *d = cg_application_item_get_details (item);

  switch (column)
    {
    case COLUMN_TITLE: return g_strdup (d->title);
    case COLUMN_COMPANY: return g_strdup (d->company);
    case COLUMN_STAGE: return g_strdup (d->stage);
    case COLUMN_APPLIED: return g_strdup (d->date_applied);
    case COLUMN_FOLLOW_UP: return g_strdup (d->follow_up);
    case COLUMN_EXCITEMENT: return cg_excitement_stars (d->excitement);
    case COLUMN_UPDATED: return local_time (d->updated);
    default: return NULL;
    }
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  if (GPOINTER_TO_INT (user_data) != COLUMN_TITLE && GPOINTER_TO_INT (user_data) != COLUMN_COMPANY)
    gtk_widget_add_css_class (label, "numeric");
  if (GPOINTER_TO_INT (user_data) == COLUMN_EXCITEMENT)
    gtk_widget_add_css_class (label, "cg-stars");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  CgApplicationItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  Column column = GPOINTER_TO_INT (user_data);
  g_autofree char *text = column_text (item, column);

  gtk_label_set_label (GTK_LABEL (label), text ? text : "");
  gtk_widget_remove_css_class (label, "error");
  gtk_widget_remove_css_class (label, "warning");
  gtk_widget_set_tooltip_text (label, NULL);
  if (column == COLUMN_TITLE && cg_application_item_get_details (item)->archived)
    {
      g_autofree char *archived = g_strdup_printf (_("%s (archived)"), text);
      gtk_label_set_label (GTK_LABEL (label), archived);
    }
  if (column == COLUMN_FOLLOW_UP && cg_application_item_get_due (item) != CG_DUE_NONE)
    {
      gtk_widget_add_css_class (label, cg_application_item_get_due (item) == CG_DUE_OVERDUE ? "error"
                                                                                          : "warning");
      gtk_widget_set_tooltip_text (label, cg_application_item_get_due_text (item));
    }
  if (column == COLUMN_EXCITEMENT)
    {
      int n = cg_application_item_get_details (item)->excitement;
      g_autofree char *words = n > 0 ? g_strdup_printf (ngettext ("%d star", "%d stars", n), n)
                                     : g_strdup (_("Not rated"));

      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, words, -1);
    }
}

static int
compare_nullable (const char *a,
                  const char *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL) - (b == NULL);  /* empty last */
  return g_utf8_collate (a, b);
}

static int
compare_items (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  const CgApplicationDetails *x = cg_application_item_get_details ((CgApplicationItem *) a);
  const CgApplicationDetails *y = cg_application_item_get_details ((CgApplicationItem *) b);
  int result;

  switch (GPOINTER_TO_INT (user_data))
    {
    case COLUMN_TITLE: result = compare_nullable (x->title, y->title); break;
    case COLUMN_COMPANY: result = compare_nullable (x->company, y->company); break;
    case COLUMN_STAGE:
      result = cg_application_item_get_stage_position ((CgApplicationItem *) a) -
               cg_application_item_get_stage_position ((CgApplicationItem *) b);
      break;
    case COLUMN_APPLIED: result = g_strcmp0 (x->date_applied, y->date_applied); break;
    case COLUMN_FOLLOW_UP: result = g_strcmp0 (x->follow_up, y->follow_up); break;
    case COLUMN_EXCITEMENT: result = x->excitement - y->excitement; break;
    case COLUMN_UPDATED: result = g_strcmp0 (x->updated, y->updated); break;
    default: result = 0;
    }
  if (result == 0)
    result = (x->id > y->id) - (x->id < y->id);
  return (result > 0) - (result < 0);
}

static void
setup_table (CgApplicationsPage *self)
{
  static const struct { const char *title; gboolean expand; int width; } columns[] = {
    [COLUMN_TITLE] = { N_("Title"), TRUE, 220 },
    [COLUMN_COMPANY] = { N_("Company"), TRUE, 140 },
    [COLUMN_STAGE] = { N_("Stage"), FALSE, 110 },
    [COLUMN_APPLIED] = { N_("Applied"), FALSE, 100 },
    [COLUMN_FOLLOW_UP] = { N_("Follow Up"), FALSE, 100 },
    [COLUMN_EXCITEMENT] = { N_("Excitement"), FALSE, 90 },
    [COLUMN_UPDATED] = { N_("Updated"), FALSE, 140 },
  };
  GtkColumnViewColumn *updated = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkCustomSorter *sorter = gtk_custom_sorter_new (compare_items, GINT_TO_POINTER (i), NULL);

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), GINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), GINT_TO_POINTER (i));
      column = gtk_column_view_column_new (_(columns[i].title), factory);
      gtk_column_view_column_set_expand (column, columns[i].expand);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* the table scrolls sideways rather than squeeze the title away */
      gtk_column_view_column_set_fixed_width (column, columns[i].width);
      gtk_column_view_column_set_sorter (column, GTK_SORTER (sorter));
      g_object_unref (sorter);
      gtk_column_view_append_column (self->column_view, column);
      if (i == COLUMN_UPDATED)
        updated = column;
      g_object_unref (column);
    }

  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, updated, GTK_SORT_DESCENDING);
}

static void
table_activate_cb (CgApplicationsPage *self,
                   guint               position)
{
  g_autoptr(CgApplicationItem) item = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (item != NULL)
    cg_applications_page_open_application (self, cg_application_item_get_id (item));
}

/* The editor --------------------------------------------------------------------- */

/* The card of the application in the editor is marked. */
static void
mark_open_card (CgApplicationsPage *self)
{
  gint64 open = cg_application_editor_get_id (self->editor);

  for (guint i = 0; i < self->columns->len; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (self->columns, i));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (CG_IS_APPLICATION_CARD (child))
        {
          if (cg_application_card_get_id (CG_APPLICATION_CARD (child)) == open)
            gtk_widget_add_css_class (child, "cg-open");
          else
            gtk_widget_remove_css_class (child, "cg-open");
        }
}

static void
scroll_into_view (GtkAdjustment *adjustment,
                  double         start,
                  double         size)
{
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);

  if (start < value)
    gtk_adjustment_set_value (adjustment, start - 12);
  else if (start + size > value + page)
    gtk_adjustment_set_value (adjustment, MIN (start - 12, start + size - page + 12));
}

/* After the next layout (the editor narrows the board): brings the card
 * of the open application into view. */
static gboolean
scroll_to_card_tick_cb (GtkWidget     *widget,
                        GdkFrameClock *clock,
                        gpointer       user_data)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  GtkWidget *card;
  graphene_rect_t bounds;

  /* a tick comes before the layout of its frame: wait for the next one */
  if (++self->scroll_frames < 2)
    return G_SOURCE_CONTINUE;

  self->scroll_tick = 0;
  card = cg_applications_page_get_card (self, self->scroll_to);
  if (card == NULL)
    return G_SOURCE_REMOVE;

  if (gtk_widget_compute_bounds (card, GTK_WIDGET (self->board_box), &bounds))
    scroll_into_view (gtk_scrolled_window_get_hadjustment (self->board_scroller),
                      bounds.origin.x, bounds.size.width);

  {
    GtkWidget *column_scroller = gtk_widget_get_ancestor (card, GTK_TYPE_SCROLLED_WINDOW);
    GtkWidget *cards = gtk_widget_get_parent (card);

    if (column_scroller != NULL && gtk_widget_compute_bounds (card, cards, &bounds))
      scroll_into_view (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (column_scroller)),
                        bounds.origin.y, bounds.size.height);
  }
  return G_SOURCE_REMOVE;
}

static void
show_editor (CgApplicationsPage *self,
             gboolean            focus)
{
  mark_open_card (self);
  self->scroll_to = cg_application_editor_get_id (self->editor);
  self->scroll_frames = 0;
  if (self->scroll_tick == 0)
    self->scroll_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), scroll_to_card_tick_cb, NULL, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->editor), TRUE);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->editor));
  if (focus || adw_leaflet_get_folded (self->leaflet))
    cg_application_editor_focus_title (self->editor);
}

static void
close_editor (CgApplicationsPage *self)
{
  gint64 id = cg_application_editor_get_id (self->editor);
  GtkWidget *card;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->editor)))
    return;

  cg_application_editor_load (self->editor, 0, NULL);
  mark_open_card (self);
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_set_visible (GTK_WIDGET (self->editor), FALSE);

  card = id ? cg_applications_page_get_card (self, id) : NULL;
  if (card != NULL)
    gtk_widget_grab_focus (card);
}

static void
leaflet_child_cb (CgApplicationsPage *self)
{
  /* narrow, going back to the board closes the editor */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) == self->list_pane)
    close_editor (self);
}

static void
editor_saved_cb (CgApplicationsPage *self,
                 gint64              id,
                 const char         *field)
{
  if (g_str_equal (field, "stage"))
    reload (self);
  else
    refresh_item (self, id);
}

static void
editor_error_cb (CgApplicationsPage *self,
                 const char         *message)
{
  AdwToast *toast = new_toast (message);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* Signals from the template ------------------------------------------------------ */

static void
search_changed_cb (CgApplicationsPage *self)
{
  g_free (self->search_text);
  self->search_text = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), -1);
  gtk_filter_changed (GTK_FILTER (self->search_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_status (self);
}

static void
filters_changed_cb (CgApplicationsPage *self)
{
  if (self->updating_filters || self->library == NULL)
    return;
  reload (self);
}

static void
view_changed_cb (CgApplicationsPage *self)
{
  update_stats (self);
}

static void
due_row_activated_cb (CgApplicationsPage *self,
                      GtkListBoxRow      *row)
{
  int index = gtk_list_box_row_get_index (row);
  gint64 id = index >= 0 && (guint) index < self->due_ids->len
              ? g_array_index (self->due_ids, gint64, index) : 0;

  gtk_popover_popdown (self->due_popover);
  cg_applications_page_open_application (self, id);
}

/* Actions ------------------------------------------------------------------------ */

static void
open_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cg_applications_page_open_application (CG_APPLICATIONS_PAGE (widget), g_variant_get_int64 (parameter));
}

static void
move_to (CgApplicationsPage *self,
         gint64              id,
         gint64              stage_id)
{
  g_autoptr(GError) error = NULL;

  save_editor (self);
  if (!cg_tracker_set_stage (self->library, id, stage_id, &error))
    {
      show_error (self, _("Cannot move the application"), error);
      return;
    }

  /* a keyboard user stays on the card they moved */
  if (focused_card (self) == id)
    self->focus_after_rebuild = id;
  reload (self);
}

static void
move_to_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  gint64 id, stage_id;

  g_variant_get (parameter, "(xx)", &id, &stage_id);
  move_to (self, id, stage_id);
}

static void
move_by_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  g_autoptr(CgApplicationDetails) details = NULL;
  g_autoptr(CgStage) stage = NULL;
  gint64 id;
  int delta;

  g_variant_get (parameter, "(xi)", &id, &delta);
  details = cg_tracker_get_application (self->library, id, NULL);
  if (details == NULL)
    return;

  stage = stage_at (self, stage_position (self, details->stage_id) + delta);
  if (stage == NULL)
    {
      gtk_widget_error_bell (widget);
      return;
    }
  move_to (self, id, cg_stage_get_id (stage));
}

static void
undo_entry_free (UndoEntry *entry)
{
  g_clear_pointer (&entry->snapshot, cg_tracker_snapshot_free);
  g_free (entry);
}

static void
toast_dismissed_cb (AdwToast           *toast,
                    CgApplicationsPage *self)
{
  /* the toast's Undo button carries the key */
  guint64 key = g_variant_get_uint64 (adw_toast_get_action_target_value (toast));

  if (self->undo != NULL)
    g_hash_table_remove (self->undo, &key);
}

static void
add_undo_toast (CgApplicationsPage *self,
                UndoEntry          *entry,
                const char         *message)
{
  AdwToast *toast = new_toast (message);
  guint64 *key = g_new (guint64, 1);

  *key = ++self->undo_counter;
  self->last_undo = *key;
  g_hash_table_insert (self->undo, key, entry);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "applications.undo");
  adw_toast_set_action_target_value (toast, g_variant_new_uint64 (*key));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), self, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  gint64 id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) details = NULL;
  g_autofree char *message = NULL;
  UndoEntry *entry;
  CgTrackerSnapshot *snapshot;

  /* the snapshot must have the last keystrokes too */
  save_editor (self);
  details = cg_tracker_get_application (self->library, id, &error);
  if (details == NULL || (snapshot = cg_tracker_delete (self->library, id, &error)) == NULL)
    {
      show_error (self, _("Cannot delete the application"), error);
      return;
    }

  if (cg_application_editor_get_id (self->editor) == id)
    close_editor (self);

  entry = g_new0 (UndoEntry, 1);
  entry->kind = UNDO_DELETE;
  entry->id = id;
  entry->snapshot = snapshot;
  message = g_strdup_printf (_("Deleted “%s”"), details->title);
  add_undo_toast (self, entry, message);
  reload (self);
}

static void
set_archived (CgApplicationsPage *self,
              gint64              id,
              gboolean            archived)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) details = NULL;

  save_editor (self);
  details = cg_tracker_get_application (self->library, id, &error);
  if (details == NULL || !cg_tracker_set_archived (self->library, id, archived, &error))
    {
      show_error (self, archived ? _("Cannot archive the application")
                                 : _("Cannot take the application out of the archive"), error);
      return;
    }

  if (archived)
    {
      UndoEntry *entry = g_new0 (UndoEntry, 1);
      g_autofree char *message = g_strdup_printf (_("Archived “%s”"), details->title);

      entry->kind = UNDO_ARCHIVE;
      entry->id = id;
      add_undo_toast (self, entry, message);
    }
  reload (self);
}

static void
archive_action_cb (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  set_archived (CG_APPLICATIONS_PAGE (widget), g_variant_get_int64 (parameter),
                g_str_equal (action_name, "applications.archive"));
}

/* Undoes a deletion or an archiving; @parameter is the toast's key, or 0
 * for the latest. */
static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  guint64 key = g_variant_get_uint64 (parameter);
  g_autoptr(GError) error = NULL;
  gpointer stolen_key = NULL, value = NULL;
  UndoEntry *entry;
  gint64 id;

  if (key == 0)
    key = self->last_undo;
  if (!g_hash_table_steal_extended (self->undo, &key, &stolen_key, &value))
    return;
  g_free (stolen_key);
  entry = value;

  save_editor (self);
  if (entry->kind == UNDO_DELETE)
    id = cg_tracker_restore (self->library, entry->snapshot, &error);
  else
    id = cg_tracker_set_archived (self->library, entry->id, FALSE, &error) ? entry->id : 0;

  /* The toast is left alone: its button does nothing any more, and it goes
   * when it times out. (libadwaita 1.2 crashes when a toast is dismissed
   * during its show animation, so it is never dismissed from here.) */
  undo_entry_free (entry);

  if (id == 0)
    {
      show_error (self, _("Cannot undo"), error);
      return;
    }
  reload (self);
}

static void
close_editor_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  close_editor (CG_APPLICATIONS_PAGE (widget));
}

static void
clear_filters_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);

  self->updating_filters = TRUE;
  gtk_drop_down_set_selected (self->stage_dropdown, 0);
  gtk_drop_down_set_selected (self->tag_dropdown, 0);
  gtk_editable_set_text (GTK_EDITABLE (self->company_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->from_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->to_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  self->updating_filters = FALSE;
  search_changed_cb (self);
  reload (self);
}

static void
focus_search_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  cg_applications_page_focus_search (CG_APPLICATIONS_PAGE (widget));
}

/* Add ------------------------------------------------------------------------------ */

/* Shared by the Add dialog and the "Already Tracked" dialog it may open
 * (reference counted: each dialog's response handler holds one) */
typedef struct {
  CgApplicationsPage *self;
  GtkWidget          *entries[4];
  char               *values[4];
  gint64              existing;   /* the application already tracked */
} AddData;

static void
add_data_clear (AddData *data)
{
  g_object_unref (data->self);
  for (guint i = 0; i < G_N_ELEMENTS (data->values); i++)
    g_free (data->values[i]);
}

static void
add_data_release (gpointer  data,
                  GClosure *closure)
{
  g_rc_box_release_full (data, (GDestroyNotify) add_data_clear);
}

static void
create_application (CgApplicationsPage *self,
                    AddData            *data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cg_tracker_create (self->library, data->values[0], data->values[1], data->values[2],
                                 data->values[3], &error);

  if (id == 0)
    {
      show_error (self, _("Cannot add the application"), error);
      return;
    }
  reload (self);
  cg_applications_page_open_application (self, id);
}

static void
duplicate_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       AddData          *data)
{
  if (g_str_equal (response, "open"))
    cg_applications_page_open_application (data->self, data->existing);
  else if (g_str_equal (response, "add"))
    create_application (data->self, data);
}

static void
add_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 AddData          *data)
{
  CgApplicationsPage *self = data->self;
  gint64 existing;

  if (!g_str_equal (response, "add"))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (data->entries); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entries[i]))));

      data->values[i] = *text ? g_steal_pointer (&text) : NULL;
    }
  if (data->values[0] == NULL)
    return;

  existing = cg_tracker_find_duplicate (self->library, NULL, data->values[1], data->values[0]);
  if (existing != 0)
    {
      g_autofree char *body = data->values[1]
        ? g_strdup_printf (_("“%s” at %s is already tracked. Open it instead?"), data->values[0], data->values[1])
        : g_strdup_printf (_("“%s” is already tracked. Open it instead?"), data->values[0]);
      GtkWidget *again = adw_message_dialog_new (parent_window (self), _("Already Tracked"), body);

      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (again), "cancel", _("_Cancel"),
                                        "add", _("_Add Anyway"), "open", _("_Open"), NULL);
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (again), "open", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (again), "open");
      adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (again), "cancel");
      data->existing = existing;
      /* the second dialog shares the data */
      g_signal_connect_data (again, "response", G_CALLBACK (duplicate_response_cb),
                             g_rc_box_acquire (data), add_data_release, 0);
      gtk_window_present (GTK_WINDOW (again));
      return;
    }

  create_application (self, data);
}

static void
add_title_changed_cb (GtkEditable *entry,
                      GtkWidget   *dialog)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", *text != '\0');
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  static const char *titles[] = { N_("Title"), N_("Company"), N_("Location"), N_("Link") };
  GtkWidget *dialog, *list;
  AddData *data;

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  dialog = adw_message_dialog_new (parent_window (self), _("Add Application"),
                                   _("An application you found elsewhere than on the Jobs page. "
                                     "Everything else can be filled in afterwards."));
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  data = g_rc_box_new0 (AddData);
  data->self = g_object_ref (self);
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      data->entries[i] = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->entries[i]), _(titles[i]));
      adw_entry_row_set_activates_default (ADW_ENTRY_ROW (data->entries[i]), TRUE);
      gtk_list_box_append (GTK_LIST_BOX (list), data->entries[i]);
    }
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (data->entries[3]), GTK_INPUT_PURPOSE_URL);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  g_signal_connect (data->entries[0], "changed", G_CALLBACK (add_title_changed_cb), dialog);
  g_signal_connect_data (dialog, "response", G_CALLBACK (add_response_cb), data, add_data_release, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->entries[0]);
}

/* Import and export ---------------------------------------------------------------- */

static char *
join_strings (GPtrArray *strings)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < strings->len; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", (const char *) g_ptr_array_index (strings, i));
  return g_string_free (out, FALSE);
}

static void
import_response_cb (GtkNativeDialog    *dialog,
                    int                 response,
                    CgApplicationsPage *self)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CgTrackerImportReport) report = { 0, };

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  path = file ? g_file_get_path (file) : NULL;
  name = file ? g_file_get_basename (file) : NULL;
  if (path == NULL)
    {
      show_toast (self, _("Only local files can be imported"));
      goto out;
    }

  save_editor (self);
  if (!cg_tracker_import_csv (self->library, path, &report, &error))
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Imported"), name);
      g_autofree char *body = g_strdup_printf (_("%s\n\nNothing was added."), error->message);

      show_message (self, heading, body);
      goto out;
    }

  reload (self);

  if (report.problems->len > 0 || report.new_stages->len > 0 || report.ignored_columns->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      g_autofree char *heading = g_strdup_printf (_("“%s” Imported"), name);

      g_string_append_printf (body, ngettext ("%u application imported.", "%u applications imported.",
                                              report.imported), report.imported);
      if (report.problems->len > 0)
        {
          g_string_append_printf (body, "\n\n%s", ngettext ("This row was skipped:", "These rows were skipped:",
                                                            report.problems->len));
          for (guint i = 0; i < report.problems->len && i < 20; i++)
            {
              CgTrackerImportProblem *p = g_ptr_array_index (report.problems, i);
              g_string_append_printf (body, "\n• ");
              g_string_append_printf (body, _("Line %u: %s"), p->line, p->message);
            }
          if (report.problems->len > 20)
            g_string_append_printf (body, "\n%s", _("…and more."));
        }
      if (report.new_stages->len > 0)
        {
          g_autofree char *names = join_strings (report.new_stages);

          g_string_append_printf (body, "\n\n%s %s", _("New stages:"), names);
        }
      if (report.ignored_columns->len > 0)
        {
          g_autofree char *names = join_strings (report.ignored_columns);

          g_string_append_printf (body, "\n\n%s %s", _("Columns not imported:"), names);
        }
      show_message (self, heading, body->str);
    }
  else
    {
      g_autofree char *message = g_strdup_printf (ngettext ("%u application imported from “%s”",
                                                            "%u applications imported from “%s”",
                                                            report.imported), report.imported, name);
      show_toast (self, message);
    }

out:
  g_object_unref (dialog);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  dialog = gtk_file_chooser_native_new (_("Import Applications"), parent_window (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (csv, _("CSV spreadsheets"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  g_signal_connect_object (dialog, "response", G_CALLBACK (import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_response_cb (GtkNativeDialog    *dialog,
                    int                 response,
                    CgApplicationsPage *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_auto(Filter) f;
  gboolean json;
  gboolean ok;

  if (response != GTK_RESPONSE_ACCEPT)
    goto out;

  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  name = g_file_get_basename (chosen);
  json = g_str_has_suffix (name, ".json") || g_str_has_suffix (name, ".JSON");
  if (!json && !g_str_has_suffix (name, ".csv") && !g_str_has_suffix (name, ".CSV"))
    {
      /* no known extension: the file type chosen in the dialog says */
      GtkFileFilter *filter = gtk_file_chooser_get_filter (GTK_FILE_CHOOSER (dialog));
      g_autofree char *with_extension = NULL;
      g_autoptr(GFile) folder = g_file_get_parent (chosen);
      g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GtkFileFilter) json_filter = NULL;

      /* the filters are CSV, then JSON */
      if (g_list_model_get_n_items (filters) > 1)
        json_filter = g_list_model_get_item (filters, 1);
      json = filter != NULL && filter == json_filter;
      with_extension = g_strconcat (name, json ? ".json" : ".csv", NULL);
      file = g_file_get_child (folder, with_extension);
      g_free (name);
      name = g_steal_pointer (&with_extension);
    }
  else
    file = g_object_ref (chosen);

  save_editor (self);
  get_filter (self, &f);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &error);
  ok = stream != NULL &&
       (json ? cg_tracker_export_json (self->library, &f.filter, G_OUTPUT_STREAM (stream), NULL, &error)
             : cg_tracker_export_csv (self->library, &f.filter, G_OUTPUT_STREAM (stream), NULL, &error)) &&
       g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  if (!ok)
    {
      g_autofree char *heading = g_strdup_printf (_("“%s” Was Not Written"), name);

      show_message (self, heading, error->message);
      goto out;
    }

  {
    guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
    g_autofree char *message = g_strdup_printf (ngettext ("%u application exported to “%s”",
                                                          "%u applications exported to “%s”", n), n, name);
    show_toast (self, message);
  }

out:
  g_object_unref (dialog);
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) json = gtk_file_filter_new ();

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  dialog = gtk_file_chooser_native_new (is_filtered (self) ? _("Export the Applications Shown")
                                                           : _("Export Applications"),
                                        parent_window (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (csv, _("CSV spreadsheet (.csv)"));
  gtk_file_filter_add_pattern (csv, "*.csv");
  gtk_file_filter_set_name (json, _("JSON (.json)"));
  gtk_file_filter_add_pattern (json, "*.json");
  /* (the response tells JSON by its place, after CSV) */
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), json);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("applications.csv"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
stages_changed_cb (CgApplicationsPage *self)
{
  reload (self);
}

static void
manage_stages_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (widget);
  GtkWidget *dialog;

  if (self->library == NULL || !cg_library_is_open (self->library))
    return;

  save_editor (self);
  dialog = cg_stages_dialog_new (parent_window (self), self->library);
  g_signal_connect_object (dialog, "changed", G_CALLBACK (stages_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ------------------------------------------------------------------------ */

static void
cg_applications_page_dispose (GObject *object)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (object);

  g_clear_object (&self->watch);
  /* never lose a keystroke */
  if (self->editor != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!cg_application_editor_save_pending (self->editor, &error))
        g_warning ("Edits could not be saved: %s", error->message);
    }

  g_clear_handle_id (&self->board_source, g_source_remove);
  if (self->scroll_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->scroll_tick);
  self->scroll_tick = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_APPLICATIONS_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->search_filter);
  g_clear_object (&self->store);
  g_clear_object (&self->stages);
  g_clear_object (&self->library);
  g_clear_pointer (&self->stage_positions, g_hash_table_unref);
  g_clear_pointer (&self->due, g_hash_table_unref);
  g_clear_pointer (&self->undo, g_hash_table_unref);
  g_clear_pointer (&self->filter_stage_ids, g_array_unref);
  g_clear_pointer (&self->columns, g_ptr_array_unref);
  g_clear_pointer (&self->column_heads, g_ptr_array_unref);
  g_clear_pointer (&self->due_ids, g_array_unref);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (cg_applications_page_parent_class)->dispose (object);
}

static void
cg_applications_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_DUE_COUNT:
      g_value_set_uint (value, self->due_count);
      break;
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_applications_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CgApplicationsPage *self = CG_APPLICATIONS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      if (self->show_archived == g_value_get_boolean (value))
        return;
      self->show_archived = g_value_get_boolean (value);
      g_object_notify_by_pspec (object, pspec);
      reload (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_applications_page_class_init (CgApplicationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_applications_page_dispose;
  object_class->get_property = cg_applications_page_get_property;
  object_class->set_property = cg_applications_page_set_property;

  /* follow-ups and interviews due today or overdue */
  properties[PROP_DUE_COUNT] =
    g_param_spec_uint ("due-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CG_TYPE_APPLICATION_EDITOR);
  g_type_ensure (CG_TYPE_TRACKER_STATS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cg-applications-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, due_button);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, due_popover);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, due_list);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, stage_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, tag_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, company_entry);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, from_entry);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, to_entry);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, board_stack);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, board_scroller);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, board_box);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, table_stack);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, stats_view);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationsPage, editor);
  gtk_widget_class_bind_template_callback (widget_class, leaflet_child_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, due_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, table_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_saved_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_error_cb);

  gtk_widget_class_install_action (widget_class, "applications.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.open", "x", open_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.move-to", "(xx)", move_to_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.move-by", "(xi)", move_by_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.delete", "x", delete_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.archive", "x", archive_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.unarchive", "x", archive_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.undo", "t", undo_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.close-editor", NULL, close_editor_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.clear-filters", NULL, clear_filters_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.focus-search", NULL, focus_search_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.export", NULL, export_action_cb);
  gtk_widget_class_install_action (widget_class, "applications.manage-stages", NULL, manage_stages_action_cb);
  gtk_widget_class_install_property_action (widget_class, "applications.show-archived", "show-archived");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "applications.add", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "applications.focus-search", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_applications_page_init (CgApplicationsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_style (GTK_WIDGET (self));

  /* Board, Table and Statistics each as wide as its title rather than all
   * as wide as the longest: at phone width, and in languages with longer
   * words, three equal buttons leave no room for Add and More beside them. */
  {
    GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self->view_switcher));

    if (GTK_IS_BOX_LAYOUT (layout))
      gtk_box_layout_set_homogeneous (GTK_BOX_LAYOUT (layout), FALSE);
  }

  self->stage_positions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->due = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) due_info_free);
  self->undo = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, (GDestroyNotify) undo_entry_free);
  self->filter_stage_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->columns = g_ptr_array_new ();
  self->column_heads = g_ptr_array_new_with_free_func ((GDestroyNotify) column_head_free);
  self->due_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  self->store = g_list_store_new (CG_TYPE_APPLICATION_ITEM);
  self->search_filter = gtk_custom_filter_new (search_filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->search_filter)));
  g_signal_connect_object (self->filtered, "items-changed", G_CALLBACK (filtered_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  setup_table (self);

  gtk_stack_set_visible_child_name (self->main_stack, "content");
}

GtkWidget *
cg_applications_page_new (void)
{
  return g_object_new (CG_TYPE_APPLICATIONS_PAGE, NULL);
}

void
cg_applications_page_set_library (CgApplicationsPage *self,
                                  CgLibrary          *library)
{
  g_return_if_fail (CG_IS_APPLICATIONS_PAGE (self));
  g_return_if_fail (CG_IS_LIBRARY (library));

  if (self->library != NULL)
    save_editor (self);
  g_set_object (&self->library, library);
  g_clear_object (&self->watch);
  if (library != NULL)
    self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                        CG_LIBRARY_CHANGE_APPLICATIONS | CG_LIBRARY_CHANGE_STAGES |
                                        CG_LIBRARY_CHANGE_CONTACTS | CG_LIBRARY_CHANGE_INTERVIEWS |
                                        CG_LIBRARY_CHANGE_TAGS,
                                        (CgLibraryWatchFunc) cg_applications_page_reload);
  cg_application_editor_set_library (self->editor, library);
  reload (self);
}

/* Reads everything again, e.g. after a posting was tracked. */
void
cg_applications_page_reload (CgApplicationsPage *self)
{
  g_return_if_fail (CG_IS_APPLICATIONS_PAGE (self));

  reload (self);
}

/* Shows application @id in the editor, saving what was being typed in the
 * one shown before. */
void
cg_applications_page_open_application (CgApplicationsPage *self,
                                       gint64              id)
{
  g_autoptr(GError) error = NULL;
  gboolean was_open;

  g_return_if_fail (CG_IS_APPLICATIONS_PAGE (self));

  if (self->library == NULL)
    return;

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "empty") == 0)
    reload (self);

  was_open = gtk_widget_get_visible (GTK_WIDGET (self->editor));
  if (!cg_application_editor_load (self->editor, id, &error))
    {
      show_error (self, _("Cannot open the application"), error);
      return;
    }
  show_editor (self, FALSE);
  if (!was_open && !adw_leaflet_get_folded (self->leaflet))
    {
      /* the card the user chose stays in view beside the editor */
      GtkWidget *card = cg_applications_page_get_card (self, id);

      if (card != NULL)
        gtk_widget_grab_focus (card);
    }
}

guint
cg_applications_page_get_due_count (CgApplicationsPage *self)
{
  g_return_val_if_fail (CG_IS_APPLICATIONS_PAGE (self), 0);

  return self->due_count;
}

/* Saves now what the editor would save when typing pauses: call it before
 * the window closes. */
gboolean
cg_applications_page_save_pending (CgApplicationsPage  *self,
                                   GError             **error)
{
  g_return_val_if_fail (CG_IS_APPLICATIONS_PAGE (self), FALSE);

  return cg_application_editor_save_pending (self->editor, error);
}

void
cg_applications_page_focus_search (CgApplicationsPage *self)
{
  g_return_if_fail (CG_IS_APPLICATIONS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

CgApplicationEditor *
cg_applications_page_get_editor (CgApplicationsPage *self)
{
  g_return_val_if_fail (CG_IS_APPLICATIONS_PAGE (self), NULL);

  return self->editor;
}

/* The card of application @id on the board, or NULL. */
GtkWidget *
cg_applications_page_get_card (CgApplicationsPage *self,
                               gint64              id)
{
  g_return_val_if_fail (CG_IS_APPLICATIONS_PAGE (self), NULL);

  for (guint i = 0; i < self->columns->len; i++)
    for (GtkWidget *child = gtk_widget_get_first_child (g_ptr_array_index (self->columns, i));
         child != NULL; child = gtk_widget_get_next_sibling (child))
      if (CG_IS_APPLICATION_CARD (child) && cg_application_card_get_id (CG_APPLICATION_CARD (child)) == id)
        return child;

  return NULL;
}

/* The box holding the cards of the board's column at @position, or NULL. */
GtkWidget *
cg_applications_page_get_column (CgApplicationsPage *self,
                                 guint               position)
{
  g_return_val_if_fail (CG_IS_APPLICATIONS_PAGE (self), NULL);

  return position < self->columns->len ? g_ptr_array_index (self->columns, position) : NULL;
}

/* The applications shown (CgApplicationItem), in board order. */
GListModel *
cg_applications_page_get_model (CgApplicationsPage *self)
{
  g_return_val_if_fail (CG_IS_APPLICATIONS_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}
