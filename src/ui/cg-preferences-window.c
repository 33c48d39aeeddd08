/* cg-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Appearance (color scheme), reading (text size of guides), the default
 * region, and the library: where it is stored, and restoring the bundled
 * content (the user's own records are kept).
 */
#define G_LOG_DOMAIN "cg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-preferences-window.h"

struct _CgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  CgLibrary            *library;
  AdwComboRow          *scheme_row;
  AdwEntryRow          *region_row;
  GtkSpinButton        *zoom_spin;
};

G_DEFINE_FINAL_TYPE (CgPreferencesWindow, cg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *schemes[] = { "default", "light", "dark" };

static void
scheme_changed_cb (CgPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->scheme_row);

  if (selected < G_N_ELEMENTS (schemes))
    g_settings_set_string (self->settings, "color-scheme", schemes[selected]);
}

static void
region_changed_cb (CgPreferencesWindow *self)
{
  g_autofree char *region = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->region_row))));

  g_settings_set_string (self->settings, "default-region", region);
}

static void
zoom_changed_cb (CgPreferencesWindow *self)
{
  g_settings_set_double (self->settings, "reader-zoom",
                         gtk_spin_button_get_value (self->zoom_spin) / 100.0);
}

static void
open_folder_cb (CgPreferencesWindow *self)
{
  g_autofree char *dir = g_path_get_dirname (cg_library_get_path (self->library));
  g_autoptr(GFile) file = g_file_new_for_path (dir);
  g_autofree char *uri = g_file_get_uri (file);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
restore_response_cb (AdwMessageDialog    *dialog,
                     const char          *response,
                     CgPreferencesWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  if (!cg_library_restore_content (self->library, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot restore the bundled content: %s"),
                                                  error->message);
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
      return;
    }

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self),
                                    adw_toast_new (_("The bundled content was restored")));
  gtk_widget_activate_action (GTK_WIDGET (gtk_window_get_transient_for (GTK_WINDOW (self))),
                              "win.reload", NULL);
}

static void
restore_clicked_cb (CgPreferencesWindow *self)
{
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
    GTK_WINDOW (self), _("Restore the Bundled Content?"),
    _("The guides, questions, roles, figures and postings that come with Career Guide are "
      "copied again. Your applications, imported postings and guides are kept.")));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (restore_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
cg_preferences_window_dispose (GObject *object)
{
  CgPreferencesWindow *self = CG_PREFERENCES_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (cg_preferences_window_parent_class)->dispose (object);
}

static void
cg_preferences_window_class_init (CgPreferencesWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cg_preferences_window_dispose;
}

static void
cg_preferences_window_init (CgPreferencesWindow *self)
{
  self->settings = g_settings_new (APPLICATION_ID);
}

static GtkWidget *
build_page (CgPreferencesWindow *self)
{
  AdwPreferencesPage *page = ADW_PREFERENCES_PAGE (adw_preferences_page_new ());
  AdwPreferencesGroup *appearance = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *content = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  AdwPreferencesGroup *library = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  g_autoptr(GtkStringList) scheme_names = gtk_string_list_new (NULL);
  g_autofree char *scheme = g_settings_get_string (self->settings, "color-scheme");
  g_autofree char *region = g_settings_get_string (self->settings, "default-region");
  GtkWidget *row, *button;

  adw_preferences_group_set_title (appearance, _("Appearance"));
  gtk_string_list_append (scheme_names, _("Follow System"));
  gtk_string_list_append (scheme_names, _("Light"));
  gtk_string_list_append (scheme_names, _("Dark"));
  self->scheme_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->scheme_row), _("Style"));
  adw_combo_row_set_model (self->scheme_row, G_LIST_MODEL (scheme_names));
  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      adw_combo_row_set_selected (self->scheme_row, i);
  g_signal_connect_object (self->scheme_row, "notify::selected", G_CALLBACK (scheme_changed_cb),
                           self, G_CONNECT_SWAPPED);
  adw_preferences_group_add (appearance, GTK_WIDGET (self->scheme_row));

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Text Size of Guides"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("In percent, also changed with Ctrl+plus and Ctrl+minus"));
  self->zoom_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (50, 300, 10));
  gtk_spin_button_set_value (self->zoom_spin, 100 * g_settings_get_double (self->settings, "reader-zoom"));
  gtk_widget_set_valign (GTK_WIDGET (self->zoom_spin), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->zoom_spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Text Size of Guides"), -1);
  g_signal_connect_object (self->zoom_spin, "value-changed", G_CALLBACK (zoom_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (self->zoom_spin));
  adw_preferences_group_add (appearance, row);

  adw_preferences_group_set_title (content, _("Postings and Figures"));
  self->region_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->region_row), _("Default Region, such as FL"));
  gtk_editable_set_text (GTK_EDITABLE (self->region_row), region);
  g_signal_connect_object (self->region_row, "changed", G_CALLBACK (region_changed_cb), self,
                           G_CONNECT_SWAPPED);
  adw_preferences_group_add (content, GTK_WIDGET (self->region_row));

  adw_preferences_group_set_title (library, _("Library"));
  adw_preferences_group_set_description (library,
    _("Your applications, imported postings and guides are kept in this file. Nothing leaves your computer."));
  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Stored In"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cg_library_get_path (self->library));
  button = gtk_button_new_with_mnemonic (_("_Open Folder"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_signal_connect_object (button, "clicked", G_CALLBACK (open_folder_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (library, row);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Restore Bundled Content"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Copy the guides, questions, roles, figures and postings again"));
  button = gtk_button_new_with_mnemonic (_("_Restore…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_sensitive (button, cg_library_is_open (self->library));
  g_signal_connect_object (button, "clicked", G_CALLBACK (restore_clicked_cb), self, G_CONNECT_SWAPPED);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_preferences_group_add (library, row);

  adw_preferences_page_add (page, appearance);
  adw_preferences_page_add (page, content);
  adw_preferences_page_add (page, library);
  return GTK_WIDGET (page);
}

GtkWidget *
cg_preferences_window_new (GtkWindow *parent,
                           CgLibrary *library)
{
  CgPreferencesWindow *self = g_object_new (CG_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            "modal", TRUE,
                                            "search-enabled", FALSE,
                                            NULL);

  self->library = g_object_ref (library);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (build_page (self)));
  return GTK_WIDGET (self);
}
