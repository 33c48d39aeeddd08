/* cg-preferences-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Appearance (color scheme), reading (text size of guides), the default
 * region, and the library: where it is stored, and restoring the bundled
 * content (the user's own records are kept). The rows are the template
 * cg-preferences-window.ui; the settings are bound to them.
 */
#define G_LOG_DOMAIN "cg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "cg-db.h"
#include "cg-preferences-window.h"

struct _CgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;
  CgLibrary            *library;

  /* template children */
  AdwComboRow          *scheme_row;
  GtkSpinButton        *zoom_spin;
  AdwEntryRow          *region_row;
  AdwActionRow         *location_row;
  GtkWidget            *restore_button;
};

G_DEFINE_FINAL_TYPE (CgPreferencesWindow, cg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* in the order of the style row's items */
static const char *schemes[] = { "default", "light", "dark" };

/* color-scheme -> the style row's selected item */
static gboolean
scheme_get_mapping_cb (GValue   *value,
                       GVariant *variant,
                       gpointer  user_data)
{
  const char *scheme = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (schemes); i++)
    if (g_str_equal (scheme, schemes[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
scheme_set_mapping_cb (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (schemes))
    return NULL;
  return g_variant_new_string (schemes[selected]);
}

/* reader-zoom (a factor) -> the spin button (in percent) */
static gboolean
zoom_get_mapping_cb (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_double (value, 100 * g_variant_get_double (variant));
  return TRUE;
}

static GVariant *
zoom_set_mapping_cb (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_double (g_value_get_double (value) / 100.0);
}

/* the entry -> default-region, without surrounding blanks */
static GVariant *
region_set_mapping_cb (const GValue       *value,
                       const GVariantType *expected_type,
                       gpointer            user_data)
{
  g_autofree char *region = g_strstrip (g_strdup (g_value_get_string (value)));

  return g_variant_new_string (region);
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
  gboolean changed = FALSE;

  if (g_strcmp0 (response, "restore") != 0)
    return;

  /* forget which content was copied, so that it is copied again */
  if (!cg_db_exec (cg_library_get_db (self->library),
                   "DELETE FROM meta WHERE key = 'content_version'", &error) ||
      !cg_library_sync_content (self->library, &changed, &error))
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

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (cg_preferences_window_parent_class)->dispose (object);
}

static void
cg_preferences_window_class_init (CgPreferencesWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = cg_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, scheme_row);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, zoom_spin);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, region_row);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, location_row);
  gtk_widget_class_bind_template_child (widget_class, CgPreferencesWindow, restore_button);
  gtk_widget_class_bind_template_callback (widget_class, open_folder_cb);
  gtk_widget_class_bind_template_callback (widget_class, restore_clicked_cb);
}

static void
cg_preferences_window_init (CgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind_with_mapping (self->settings, "color-scheme", self->scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                scheme_get_mapping_cb, scheme_set_mapping_cb, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "reader-zoom", self->zoom_spin, "value",
                                G_SETTINGS_BIND_DEFAULT,
                                zoom_get_mapping_cb, zoom_set_mapping_cb, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "default-region", self->region_row, "text",
                                G_SETTINGS_BIND_DEFAULT,
                                NULL, region_set_mapping_cb, NULL, NULL);
}

GtkWidget *
cg_preferences_window_new (GtkWindow *parent,
                           CgLibrary *library)
{
  CgPreferencesWindow *self = g_object_new (CG_TYPE_PREFERENCES_WINDOW,
                                            "transient-for", parent,
                                            NULL);

  self->library = g_object_ref (library);
  adw_action_row_set_subtitle (self->location_row, cg_library_get_path (self->library));
  gtk_widget_set_sensitive (self->restore_button, cg_library_is_open (self->library));
  return GTK_WIDGET (self);
}
