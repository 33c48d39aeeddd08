/* cg-application-card.c: a card on the Applications board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Title, company, the date applied, a badge when a follow-up or an
 * interview is due, and the excitement as stars. A card is focusable and
 * works from the keyboard as well as with the pointer: Enter opens it,
 * Alt+Left and Alt+Right move it to the previous or next stage, the menu
 * key (or Shift+F10, or its ⋮ button) opens its "Move to" menu, Delete
 * deletes it (with undo). It can be dragged onto another column. What
 * a card does it asks of the page through the page's actions
 * (applications.open, applications.move-by, applications.delete), so the
 * card itself knows nothing of the library.
 */
#define G_LOG_DOMAIN "cg-application-card"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-application-card-private.h"

struct _CgApplicationCard
{
  GtkWidget          parent_instance;

  CgApplicationItem *item;
  GtkWidget         *box;
  GtkWidget         *menu_button;
};

G_DEFINE_FINAL_TYPE (CgApplicationCard, cg_application_card, GTK_TYPE_WIDGET)

enum {
  ACTIVATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* "★★★☆☆" for 3, or NULL when not rated. */
char *
cg_excitement_stars (int excitement)
{
  GString *stars;

  if (excitement <= 0)
    return NULL;

  stars = g_string_new (NULL);
  for (int i = 1; i <= 5; i++)
    g_string_append (stars, i <= excitement ? "★" : "☆");
  return g_string_free (stars, FALSE);
}

static void
card_activate_cb (CgApplicationCard *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "applications.open", "x",
                              cg_application_item_get_id (self->item));
}

static void
click_released_cb (GtkGestureClick   *gesture,
                   int                n_press,
                   double             x,
                   double             y,
                   CgApplicationCard *self)
{
  if (n_press != 1)
    return;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  g_signal_emit (self, signals[ACTIVATE], 0);
}

static GdkContentProvider *
drag_prepare_cb (GtkDragSource     *source,
                 double             x,
                 double             y,
                 CgApplicationCard *self)
{
  return gdk_content_provider_new_typed (CG_TYPE_APPLICATION_ITEM, self->item);
}

static void
drag_begin_cb (GtkDragSource     *source,
               GdkDrag           *drag,
               CgApplicationCard *self)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (GTK_WIDGET (self));

  gtk_drag_source_set_icon (source, paintable, 12, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "cg-dragged");
}

static void
drag_end_cb (GtkDragSource     *source,
             GdkDrag           *drag,
             gboolean           delete_data,
             CgApplicationCard *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self), "cg-dragged");
}

static void
move_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CgApplicationCard *self = CG_APPLICATION_CARD (widget);
  int delta = g_str_equal (action_name, "card.move-previous") ? -1 : 1;

  gtk_widget_activate_action (widget, "applications.move-by", "(xi)",
                              cg_application_item_get_id (self->item), delta);
}

static void
delete_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CgApplicationCard *self = CG_APPLICATION_CARD (widget);

  gtk_widget_activate_action (widget, "applications.delete", "x",
                              cg_application_item_get_id (self->item));
}

static void
menu_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cg_application_card_popup_menu (CG_APPLICATION_CARD (widget));
}

static void
cg_application_card_dispose (GObject *object)
{
  CgApplicationCard *self = CG_APPLICATION_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (cg_application_card_parent_class)->dispose (object);
}

static void
cg_application_card_class_init (CgApplicationCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  const guint activate_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter,
                                  GDK_KEY_space, GDK_KEY_KP_Space };

  object_class->dispose = cg_application_card_dispose;

  signals[ACTIVATE] = g_signal_new_class_handler ("activate", G_TYPE_FROM_CLASS (klass),
                                                  G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                                  G_CALLBACK (card_activate_cb),
                                                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  gtk_widget_class_set_activate_signal (widget_class, signals[ACTIVATE]);

  gtk_widget_class_install_action (widget_class, "card.move-previous", NULL, move_action_cb);
  gtk_widget_class_install_action (widget_class, "card.move-next", NULL, move_action_cb);
  gtk_widget_class_install_action (widget_class, "card.delete", NULL, delete_action_cb);
  gtk_widget_class_install_action (widget_class, "card.menu", NULL, menu_action_cb);

  for (guint i = 0; i < G_N_ELEMENTS (activate_keys); i++)
    gtk_widget_class_add_binding_signal (widget_class, activate_keys[i], 0, "activate", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "card.move-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, GDK_ALT_MASK, "card.move-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "card.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, GDK_ALT_MASK, "card.move-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "card.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "card.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "card.menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, "card.menu", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LIST_ITEM);
  gtk_widget_class_set_css_name (widget_class, "cg-application-card");
}

static void
cg_application_card_init (CgApplicationCard *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkDragSource *drag = gtk_drag_source_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_add_css_class (GTK_WIDGET (self), "activatable");

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_drag_source_set_actions (drag, GDK_ACTION_MOVE);
  g_signal_connect (drag, "prepare", G_CALLBACK (drag_prepare_cb), self);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

static GtkWidget *
new_label (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
build (CgApplicationCard *self,
       GMenuModel        *menu)
{
  const CgApplicationDetails *d = cg_application_item_get_details (self->item);
  CgDueState due = cg_application_item_get_due (self->item);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *title = new_label (d->title, "heading");
  GtkWidget *bottom = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *stars = cg_excitement_stars (d->excitement);
  g_autofree char *menu_label = g_strdup_printf (_("Move “%s” To…"), d->title);
  g_autoptr(GString) summary = g_string_new (d->title);

  self->box = gtk_overlay_new ();
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
  gtk_overlay_set_child (GTK_OVERLAY (self->box), content);
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_margin_top (content, 10);
  gtk_widget_set_margin_bottom (content, 10);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (title), 3);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  /* room for the menu button in the corner */
  gtk_widget_set_margin_end (title, 26);
  gtk_box_append (GTK_BOX (content), title);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->menu_button), menu);
  gtk_widget_set_halign (self->menu_button, GTK_ALIGN_END);
  gtk_widget_set_valign (self->menu_button, GTK_ALIGN_START);
  gtk_widget_set_margin_top (self->menu_button, 4);
  gtk_widget_set_margin_end (self->menu_button, 4);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_add_css_class (self->menu_button, "circular");
  gtk_widget_set_tooltip_text (self->menu_button, _("Move To… (Menu key, Alt+Left, Alt+Right)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, menu_label, -1);
  gtk_overlay_add_overlay (GTK_OVERLAY (self->box), self->menu_button);

  if (d->company != NULL)
    {
      GtkWidget *company = new_label (d->company, "dim-label");

      gtk_label_set_ellipsize (GTK_LABEL (company), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (content), company);
      g_string_append_printf (summary, ", %s", d->company);
    }
  g_string_append_printf (summary, ", %s", d->stage);

  if (d->date_applied != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Applied %s"), d->date_applied);
      GtkWidget *applied = new_label (text, "caption");

      gtk_widget_add_css_class (applied, "dim-label");
      gtk_widget_add_css_class (applied, "numeric");
      gtk_widget_set_hexpand (applied, TRUE);
      gtk_box_append (GTK_BOX (bottom), applied);
      g_string_append_printf (summary, ", %s", text);
    }
  else
    {
      GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

      gtk_widget_set_hexpand (spacer, TRUE);
      gtk_box_append (GTK_BOX (bottom), spacer);
    }

  if (d->archived)
    {
      GtkWidget *badge = new_label (_("Archived"), "cg-badge");

      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_box_append (GTK_BOX (bottom), badge);
      g_string_append_printf (summary, ", %s", _("archived"));
    }

  if (due != CG_DUE_NONE)
    {
      GtkWidget *badge = new_label (due == CG_DUE_OVERDUE ? _("Overdue") : _("Due today"),
                                    "cg-badge");

      gtk_widget_add_css_class (badge, "caption-heading");
      gtk_widget_add_css_class (badge, due == CG_DUE_OVERDUE ? "cg-overdue" : "cg-due");
      gtk_widget_set_tooltip_text (badge, cg_application_item_get_due_text (self->item));
      gtk_box_append (GTK_BOX (bottom), badge);
      g_string_append_printf (summary, ", %s", due == CG_DUE_OVERDUE ? _("overdue") : _("due today"));
    }

  if (stars != NULL)
    {
      GtkWidget *label = new_label (stars, "cg-stars");
      g_autofree char *text = g_strdup_printf (ngettext ("Excitement: %d star", "Excitement: %d stars",
                                                         d->excitement), d->excitement);

      gtk_widget_set_tooltip_text (label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
      gtk_box_append (GTK_BOX (bottom), label);
      g_string_append_printf (summary, ", %s", text);
    }

  /* the spacer or the date alone: nothing to show */
  gtk_widget_set_visible (bottom, gtk_widget_get_first_child (bottom) !=
                                  gtk_widget_get_last_child (bottom) || d->date_applied != NULL);
  gtk_widget_set_margin_top (bottom, 2);
  gtk_box_append (GTK_BOX (content), bottom);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary->str,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Enter opens it; Alt+Left and Alt+Right move it to another stage"),
                                  -1);
}

/* A card for @item; @menu is its "Move to" menu. */
GtkWidget *
cg_application_card_new (CgApplicationItem *item,
                         GMenuModel        *menu)
{
  CgApplicationCard *self;

  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (item), NULL);

  self = g_object_new (CG_TYPE_APPLICATION_CARD, NULL);
  self->item = g_object_ref (item);
  build (self, menu);
  return GTK_WIDGET (self);
}

CgApplicationItem *
cg_application_card_get_item (CgApplicationCard *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_CARD (self), NULL);

  return self->item;
}

gint64
cg_application_card_get_id (CgApplicationCard *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_CARD (self), 0);

  return cg_application_item_get_id (self->item);
}

void
cg_application_card_popup_menu (CgApplicationCard *self)
{
  g_return_if_fail (CG_IS_APPLICATION_CARD (self));

  gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
}
