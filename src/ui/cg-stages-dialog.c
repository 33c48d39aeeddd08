/* cg-stages-dialog.c: rename, add, reorder, close and delete the tracker's
 * stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per stage, in board order: its name (edit, then Enter or the
 * apply button renames it), "Closed" (a closed stage ends an application:
 * no reminders), up and down, and delete (only for a stage no application
 * uses). Each change is one cg_tracker call; what the tracker refuses is
 * said in a toast, and the dialog emits "changed" after each change that
 * went through so the board follows.
 */
#define G_LOG_DOMAIN "cg-stages-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-stage.h"
#include "cg-stages-dialog.h"
#include "cg-tracker.h"

struct _CgStagesDialog
{
  AdwWindow            parent_instance;

  CgLibrary           *library;
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *group;
  GtkWidget           *add_row;
  GPtrArray           *rows;        /* StageRow, in board order, for rebuilding */
  gboolean             rebuilding;
};

G_DEFINE_FINAL_TYPE (CgStagesDialog, cg_stages_dialog, ADW_TYPE_WINDOW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What of a stage's row takes the focus after a change to it */
typedef enum {
  FOCUS_NONE,
  FOCUS_ROW,
  FOCUS_CLOSED,
  FOCUS_UP,
  FOCUS_DOWN,
} Focus;

/* One stage's row and what the callbacks need of it */
typedef struct {
  GtkWidget *row;     /* AdwEntryRow, owned by the group */
  gint64     id;
  char      *name;    /* as shown when the row was made */
  GtkWidget *closed;
  GtkWidget *up;
  GtkWidget *down;
} StageRow;

static void
stage_row_free (StageRow *sr)
{
  g_free (sr->name);
  g_free (sr);
}

static void rebuild (CgStagesDialog *self,
                     gint64          focus_stage,
                     Focus           focus);

static void
show_error (CgStagesDialog *self,
            const GError   *error)
{
  /* toast titles are markup; the message may quote the user's text */
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* After a call to the tracker: say why it failed, or refresh. */
static void
done (CgStagesDialog *self,
      gboolean        ok,
      const GError   *error,
      gint64          focus_stage,
      Focus           focus)
{
  if (!ok)
    show_error (self, error);
  else
    g_signal_emit (self, signals[CHANGED], 0);
  rebuild (self, focus_stage, focus);
}

/* The stage row that @widget is in, or NULL */
static StageRow *
row_stage (CgStagesDialog *self,
           GtkWidget      *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);

  for (guint i = 0; row != NULL && i < self->rows->len; i++)
    {
      StageRow *sr = g_ptr_array_index (self->rows, i);

      if (sr->row == row)
        return sr;
    }
  return NULL;
}

static gint64
row_stage_id (CgStagesDialog *self,
              GtkWidget      *widget)
{
  StageRow *sr = row_stage (self, widget);

  return sr ? sr->id : 0;
}

static void
rename_cb (AdwEntryRow    *row,
           CgStagesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  StageRow *sr = row_stage (self, GTK_WIDGET (row));
  gint64 id = sr ? sr->id : 0;
  gboolean ok;

  if (g_strcmp0 (name, sr ? sr->name : NULL) == 0)
    return;

  ok = cg_tracker_rename_stage (self->library, id, name, &error);
  done (self, ok, error, id, FOCUS_ROW);
}

static void
closed_toggled_cb (GtkCheckButton *check,
                   CgStagesDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = row_stage_id (self, GTK_WIDGET (check));
  gboolean ok;

  if (self->rebuilding)
    return;

  ok = cg_tracker_set_stage_closed (self->library, id, gtk_check_button_get_active (check), &error);
  done (self, ok, error, id, FOCUS_CLOSED);
}

static void
move (CgStagesDialog *self,
      GtkButton      *button,
      int             delta)
{
  g_autoptr(GError) error = NULL;
  gint64 id = row_stage_id (self, GTK_WIDGET (button));
  int position = -1;
  gboolean ok;

  for (guint i = 0; i < self->rows->len; i++)
    if (((StageRow *) g_ptr_array_index (self->rows, i))->id == id)
      position = (int) i;
  if (position < 0 || position + delta < 0 || position + delta >= (int) self->rows->len)
    return;

  ok = cg_tracker_move_stage (self->library, id, position + delta, &error);
  done (self, ok, error, id, delta < 0 ? FOCUS_UP : FOCUS_DOWN);
}

static void
move_up_clicked_cb (GtkButton      *button,
                    CgStagesDialog *self)
{
  move (self, button, -1);
}

static void
move_down_clicked_cb (GtkButton      *button,
                      CgStagesDialog *self)
{
  move (self, button, 1);
}

static void
delete_clicked_cb (GtkButton      *button,
                   CgStagesDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = row_stage_id (self, GTK_WIDGET (button));
  gboolean ok;

  ok = cg_tracker_delete_stage (self->library, id, &error);
  done (self, ok, error, 0, FOCUS_NONE);
}

static void
add_cb (AdwEntryRow    *row,
        CgStagesDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  gint64 id;

  id = cg_tracker_add_stage (self->library, name, FALSE, &error);
  if (id != 0)
    gtk_editable_set_text (GTK_EDITABLE (row), "");
  done (self, id != 0, error, 0, FOCUS_NONE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *label)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return button;
}

static StageRow *
new_stage_row (CgStagesDialog *self,
               CgStage        *stage,
               guint           position,
               guint           n_stages,
               guint           n_used)
{
  const char *name = cg_stage_get_name (stage);
  GtkWidget *row = adw_entry_row_new ();
  GtkWidget *closed = gtk_check_button_new_with_mnemonic (_("_Closed"));
  g_autofree char *title = g_strdup_printf (_("Stage %u"), position + 1);
  g_autofree char *up_label = g_strdup_printf (_("Move “%s” Up"), name);
  g_autofree char *down_label = g_strdup_printf (_("Move “%s” Down"), name);
  g_autofree char *delete_label = g_strdup_printf (_("Delete “%s”"), name);
  GtkWidget *up = new_icon_button ("go-up-symbolic", up_label);
  GtkWidget *down = new_icon_button ("go-down-symbolic", down_label);
  GtkWidget *delete = new_icon_button ("user-trash-symbolic", delete_label);
  StageRow *sr = g_new0 (StageRow, 1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), name);
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  g_signal_connect (row, "apply", G_CALLBACK (rename_cb), self);
  g_signal_connect (row, "entry-activated", G_CALLBACK (rename_cb), self);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (closed), cg_stage_get_closed (stage));
  gtk_widget_set_valign (closed, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (closed, _("A closed stage ends an application: no reminders"));
  g_signal_connect (closed, "toggled", G_CALLBACK (closed_toggled_cb), self);

  gtk_widget_set_sensitive (up, position > 0);
  gtk_widget_set_sensitive (down, position + 1 < n_stages);
  g_signal_connect (up, "clicked", G_CALLBACK (move_up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (move_down_clicked_cb), self);
  /* only an unused stage can go, and never the last one */
  gtk_widget_set_sensitive (delete, n_stages > 1 && n_used == 0);
  if (n_used > 0)
    {
      g_autofree char *why = g_strdup_printf (ngettext ("“%s” cannot be deleted: %u application is in it",
                                                        "“%s” cannot be deleted: %u applications are in it",
                                                        n_used), name, n_used);
      gtk_widget_set_tooltip_text (delete, why);
    }
  g_signal_connect (delete, "clicked", G_CALLBACK (delete_clicked_cb), self);

  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), closed);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), up);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), down);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), delete);

  sr->row = row;
  sr->id = cg_stage_get_id (stage);
  sr->name = g_strdup (name);
  sr->closed = closed;
  sr->up = up;
  sr->down = down;
  return sr;
}

static void
rebuild (CgStagesDialog *self,
         gint64          focus_stage,
         Focus           focus)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) stages = cg_tracker_list_stages (self->library, &error);
  g_autoptr(CgTrackerStats) stats = cg_tracker_get_stats (self->library, NULL, 0, NULL);
  guint n;

  self->rebuilding = TRUE;
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, ((StageRow *) g_ptr_array_index (self->rows, i))->row);
  g_ptr_array_set_size (self->rows, 0);

  if (stages == NULL)
    {
      show_error (self, error);
      self->rebuilding = FALSE;
      return;
    }

  n = g_list_model_get_n_items (stages);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (stages, i);
      guint n_used = 0;
      StageRow *sr;

      for (guint k = 0; stats != NULL && k < stats->stages->len; k++)
        {
          CgTrackerStageStats *s = g_ptr_array_index (stats->stages, k);

          if (s->stage_id == cg_stage_get_id (stage))
            n_used = s->count;
        }
      sr = new_stage_row (self, stage, i, n, n_used);

      adw_preferences_group_add (self->group, sr->row);
      g_ptr_array_add (self->rows, sr);

      if (focus_stage != 0 && cg_stage_get_id (stage) == focus_stage && focus != FOCUS_NONE)
        {
          GtkWidget *target = focus == FOCUS_CLOSED ? sr->closed
                            : focus == FOCUS_UP ? sr->up
                            : focus == FOCUS_DOWN ? sr->down
                            : NULL;

          if (target == NULL || !gtk_widget_get_sensitive (target))
            target = sr->row;
          gtk_widget_grab_focus (target);
        }
    }
  self->rebuilding = FALSE;
}

static void
cg_stages_dialog_dispose (GObject *object)
{
  CgStagesDialog *self = CG_STAGES_DIALOG (object);

  g_clear_object (&self->library);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cg_stages_dialog_parent_class)->dispose (object);
}

static void
cg_stages_dialog_class_init (CgStagesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_stages_dialog_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cg_stages_dialog_init (CgStagesDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *add_group = adw_preferences_group_new ();

  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) stage_row_free);
  gtk_window_set_title (GTK_WINDOW (self), _("Stages"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 560);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self), 360, 300);

  self->toast_overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_window_set_content (ADW_WINDOW (self), GTK_WIDGET (self->toast_overlay));
  adw_toast_overlay_set_child (self->toast_overlay, box);
  gtk_box_append (GTK_BOX (box), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Board Columns"));
  adw_preferences_group_set_description (self->group,
    _("Edit a name and press Enter to rename it. A closed stage ends an application: no "
      "reminders. Only a stage that no application is in can be deleted."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  self->add_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->add_row), _("New Stage"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (self->add_row), TRUE);
  g_signal_connect (self->add_row, "apply", G_CALLBACK (add_cb), self);
  g_signal_connect (self->add_row, "entry-activated", G_CALLBACK (add_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (add_group), self->add_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (add_group));
}

GtkWidget *
cg_stages_dialog_new (GtkWindow *parent,
                      CgLibrary *library)
{
  CgStagesDialog *self;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  self = g_object_new (CG_TYPE_STAGES_DIALOG, "transient-for", parent, NULL);
  self->library = g_object_ref (library);
  rebuild (self, 0, FOCUS_NONE);
  return GTK_WIDGET (self);
}
