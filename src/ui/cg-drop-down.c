/* cg-drop-down.c: how the drop-downs show their names
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The drop-downs of the Compare and Market pages list names (roles,
 * regions) as GtkStringObjects. The button shows the picked name cut
 * short, so that a long name never makes the page wider than a narrow
 * window; the list shows every name in full.
 */
#define G_LOG_DOMAIN "cg-drop-down"

#include "config.h"

#include "cg-drop-down.h"

static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  width_chars)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (GPOINTER_TO_INT (width_chars) > 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (width_chars));
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  width_chars)
{
  GtkStringObject *name = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (name));
}

/* A label a name; with @width_chars > 0, cut short with an ellipsis when
 * there is room for no more than that many characters. */
static GtkListItemFactory *
name_factory (int width_chars)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_name_cb), GINT_TO_POINTER (width_chars));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_name_cb), GINT_TO_POINTER (width_chars));
  return factory;
}

/* Makes @dropdown, whose model is of GtkStringObject, show the picked name
 * in as little as @width_chars characters (the rest ellipsized) and list
 * the names in full. */
void
cg_drop_down_show_names (GtkDropDown *dropdown,
                         int          width_chars)
{
  g_autoptr(GtkListItemFactory) button_factory = NULL;
  g_autoptr(GtkListItemFactory) list_factory = NULL;

  g_return_if_fail (GTK_IS_DROP_DOWN (dropdown));
  g_return_if_fail (width_chars > 0);

  button_factory = name_factory (width_chars);
  list_factory = name_factory (0);
  gtk_drop_down_set_factory (dropdown, button_factory);
  gtk_drop_down_set_list_factory (dropdown, list_factory);
}
