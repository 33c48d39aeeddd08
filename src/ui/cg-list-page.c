/* cg-list-page.c: a page that lists records, with an empty state
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shows a list model as a boxed list, or an AdwStatusPage with a next step
 * when the model is empty, and switches between the two as items come and
 * go.
 */
#define G_LOG_DOMAIN "cg-list-page"

#include "config.h"

#include "cg-list-page.h"

struct _CgListPage
{
  GtkWidget       parent_instance;

  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkButton      *empty_button;
  GtkListBox     *list_box;
  GtkLabel       *header;

  GListModel     *model;
};

G_DEFINE_FINAL_TYPE (CgListPage, cg_list_page, GTK_TYPE_WIDGET)

static void
update_visible_child (CgListPage *self)
{
  gboolean empty = self->model == NULL || g_list_model_get_n_items (self->model) == 0;

  gtk_stack_set_visible_child_name (self->stack, empty ? "empty" : "list");
}

static void
items_changed_cb (CgListPage *self)
{
  update_visible_child (self);
}

static void
cg_list_page_dispose (GObject *object)
{
  CgListPage *self = CG_LIST_PAGE (object);

  g_clear_object (&self->model);
  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_LIST_PAGE);

  G_OBJECT_CLASS (cg_list_page_parent_class)->dispose (object);
}

static void
cg_list_page_class_init (CgListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_list_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cg-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CgListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CgListPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CgListPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, CgListPage, header);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_list_page_init (CgListPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update_visible_child (self);
}

GtkWidget *
cg_list_page_new (void)
{
  return g_object_new (CG_TYPE_LIST_PAGE, NULL);
}

/* What the page says when there is nothing to list, and the action its
 * button starts (no button when @button_label is NULL). */
void
cg_list_page_set_empty_state (CgListPage *self,
                              const char *icon_name,
                              const char *title,
                              const char *description,
                              const char *button_label,
                              const char *button_action)
{
  g_return_if_fail (CG_IS_LIST_PAGE (self));

  adw_status_page_set_icon_name (self->empty_page, icon_name);
  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);

  gtk_widget_set_visible (GTK_WIDGET (self->empty_button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->empty_button, button_label);
      gtk_actionable_set_detailed_action_name (GTK_ACTIONABLE (self->empty_button), button_action);
    }
}

void
cg_list_page_set_model (CgListPage                 *self,
                        GListModel                 *model,
                        GtkListBoxCreateWidgetFunc  create_row,
                        gpointer                    user_data)
{
  g_return_if_fail (CG_IS_LIST_PAGE (self));

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);

  g_set_object (&self->model, model);
  gtk_list_box_bind_model (self->list_box, model, create_row, user_data, NULL);

  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);

  update_visible_child (self);
}

GListModel *
cg_list_page_get_model (CgListPage *self)
{
  g_return_val_if_fail (CG_IS_LIST_PAGE (self), NULL);

  return self->model;
}

GtkListBox *
cg_list_page_get_list_box (CgListPage *self)
{
  g_return_val_if_fail (CG_IS_LIST_PAGE (self), NULL);

  return self->list_box;
}

/* A line of text above the list (NULL hides it). */
void
cg_list_page_set_header (CgListPage *self,
                         const char *text)
{
  g_return_if_fail (CG_IS_LIST_PAGE (self));

  gtk_label_set_label (self->header, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->header), text != NULL);
}
