/* cg-application-editor.c: every field of one tracked application, saved as
 * you type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text fields are saved when typing pauses (CG_APPLICATION_EDITOR_SAVE_DELAY_MS),
 * each field with one cg_tracker_set_field() call, so one transaction and one
 * history row per pause rather than per keystroke. What is waiting to be saved
 * is kept in `pending` and written out early whenever the editor is about to
 * lose it: when another application is loaded, when the page asks
 * (cg_application_editor_save_pending(), on closing the window) and on
 * dispose. A value that cannot be saved (a date that is not YYYY-MM-DD, an
 * empty title) is marked with the "error" style class and a tooltip saying
 * why, and is not saved until it is fixed.
 *
 * Choices that are not typing (the stage, the stars, a document, contacts
 * and interviews) are saved at once. After every save the editor emits
 * "saved" so that the page can update the card, and refreshes the history.
 */
#define G_LOG_DOMAIN "cg-application-editor"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cg-application-editor-private.h"
#include "cg-markdown.h"
#include "cg-reader-view.h"
#include "cg-stage.h"
#include "cg-tracker.h"

/* The history list shows this many (merged) rows at most. */
#define MAX_HISTORY_ROWS 100

struct _CgApplicationEditor
{
  GtkWidget             parent_instance;

  CgLibrary            *library;
  GListModel           *stages;        /* CgStage */
  gint64                id;
  CgApplicationDetails *details;
  GHashTable           *pending;       /* field name (static) -> value (owned, may be NULL) */
  guint                 save_source;
  gboolean              loading;       /* filling the widgets: no saving */
  gboolean              folded;
  GtkWidget            *reader;        /* the notes preview, made when first shown */
  GPtrArray            *list_rows;     /* rows added to the interview, contact, history groups */
  GtkWidget            *stars[5];
  GtkWidget            *document_rows[2];
  GtkWidget            *document_open[2];   /* their Open and Forget buttons */
  GtkWidget            *document_clear[2];

  GtkWidget            *content;
  GtkLabel             *heading;
  GtkButton            *close_button;
  GtkButton            *archive_button;
  GtkButton            *delete_button;
  GtkScrolledWindow    *scroller;
  AdwEntryRow          *title_row;
  AdwEntryRow          *company_row;
  AdwEntryRow          *location_row;
  AdwEntryRow          *url_row;
  AdwComboRow          *stage_row;
  AdwEntryRow          *date_saved_row;
  AdwEntryRow          *date_applied_row;
  AdwEntryRow          *follow_up_row;
  AdwEntryRow          *deadline_row;
  AdwEntryRow          *pay_asked_row;
  AdwEntryRow          *pay_offered_row;
  AdwActionRow         *excitement_row;
  GtkBox               *stars_box;
  AdwPreferencesGroup  *documents_group;
  AdwEntryRow          *tags_row;
  AdwPreferencesGroup  *interviews_group;
  AdwPreferencesGroup  *contacts_group;
  GtkToggleButton      *preview_button;
  GtkStack             *notes_stack;
  GtkTextView          *notes_view;
  GtkBox               *preview_box;
  AdwPreferencesGroup  *history_group;
};

G_DEFINE_FINAL_TYPE (CgApplicationEditor, cg_application_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SAVED,
  ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef enum {
  KIND_TEXT,
  KIND_TITLE,
  KIND_DATE,
  KIND_TAGS,
} FieldKind;

/* The text fields: the tracker's field name and the row that edits it. */
typedef struct {
  const char *field;
  FieldKind   kind;
  gsize       row_offset;
} TextField;

#define ROW(name) G_STRUCT_OFFSET (CgApplicationEditor, name)

static const TextField text_fields[] = {
  { "title", KIND_TITLE, ROW (title_row) },
  { "company", KIND_TEXT, ROW (company_row) },
  { "location", KIND_TEXT, ROW (location_row) },
  { "url", KIND_TEXT, ROW (url_row) },
  { "date_saved", KIND_DATE, ROW (date_saved_row) },
  { "date_applied", KIND_DATE, ROW (date_applied_row) },
  { "follow_up", KIND_DATE, ROW (follow_up_row) },
  { "deadline", KIND_DATE, ROW (deadline_row) },
  { "pay_asked", KIND_TEXT, ROW (pay_asked_row) },
  { "pay_offered", KIND_TEXT, ROW (pay_offered_row) },
  { "tags", KIND_TAGS, ROW (tags_row) },
};

#undef ROW

static AdwEntryRow *
field_row (CgApplicationEditor *self,
           const TextField     *field)
{
  return G_STRUCT_MEMBER (AdwEntryRow *, self, field->row_offset);
}

/* The text field that @editable is the row of, or NULL */
static const TextField *
editable_field (CgApplicationEditor *self,
                GtkEditable         *editable)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    if (GTK_EDITABLE (field_row (self, &text_fields[i])) == editable)
      return &text_fields[i];
  return NULL;
}

static const char *
details_value (const CgApplicationDetails *d,
               const char                 *field)
{
  static const struct { const char *name; gsize offset; } columns[] = {
    { "title", G_STRUCT_OFFSET (CgApplicationDetails, title) },
    { "company", G_STRUCT_OFFSET (CgApplicationDetails, company) },
    { "location", G_STRUCT_OFFSET (CgApplicationDetails, location) },
    { "url", G_STRUCT_OFFSET (CgApplicationDetails, url) },
    { "date_saved", G_STRUCT_OFFSET (CgApplicationDetails, date_saved) },
    { "date_applied", G_STRUCT_OFFSET (CgApplicationDetails, date_applied) },
    { "follow_up", G_STRUCT_OFFSET (CgApplicationDetails, follow_up) },
    { "deadline", G_STRUCT_OFFSET (CgApplicationDetails, deadline) },
    { "pay_asked", G_STRUCT_OFFSET (CgApplicationDetails, pay_asked) },
    { "pay_offered", G_STRUCT_OFFSET (CgApplicationDetails, pay_offered) },
    { "notes", G_STRUCT_OFFSET (CgApplicationDetails, notes) },
    { "resume_path", G_STRUCT_OFFSET (CgApplicationDetails, resume_path) },
    { "cover_letter_path", G_STRUCT_OFFSET (CgApplicationDetails, cover_letter_path) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_str_equal (columns[i].name, field))
      return G_STRUCT_MEMBER (const char *, d, columns[i].offset);

  return NULL;
}

/* Whether @text is a real date "YYYY-MM-DD". */
static gboolean
is_valid_date (const char *text)
{
  int y, m, d, n = 0;

  return text != NULL && strlen (text) == 10 && text[4] == '-' && text[7] == '-' &&
         sscanf (text, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && n == 10 &&
         g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[8]) &&
         g_date_valid_dmy (d, m, y);
}

/* An interview time as the tracker takes it: a date, optionally with
 * " HH:MM" or "THH:MM" (and ":SS"). */
static gboolean
is_valid_time (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text ? text : ""));
  gsize len = strlen (copy);
  char date[11];
  int h, mi;

  if (len < 10)
    return FALSE;
  memcpy (date, copy, 10);
  date[10] = '\0';
  if (!is_valid_date (date))
    return FALSE;
  if (len == 10)
    return TRUE;
  if ((len != 16 && len != 19) || (copy[10] != ' ' && copy[10] != 'T') || copy[13] != ':' ||
      !g_ascii_isdigit (copy[11]) || !g_ascii_isdigit (copy[12]) ||
      !g_ascii_isdigit (copy[14]) || !g_ascii_isdigit (copy[15]))
    return FALSE;
  h = (copy[11] - '0') * 10 + (copy[12] - '0');
  mi = (copy[14] - '0') * 10 + (copy[15] - '0');
  if (h > 23 || mi > 59)
    return FALSE;
  return len == 16 || (copy[16] == ':' && g_ascii_isdigit (copy[17]) && g_ascii_isdigit (copy[18]) &&
                       (copy[17] - '0') * 10 + (copy[18] - '0') <= 59);
}

static void
emit_error (CgApplicationEditor *self,
            const char          *what,
            const GError        *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  g_signal_emit (self, signals[ERROR], 0, message);
}

/* Saving ------------------------------------------------------------------ */

static void refresh_history (CgApplicationEditor *self);

/* After a save: what is stored now, without touching the widgets. */
static void
reread_details (CgApplicationEditor *self)
{
  CgApplicationDetails *fresh = cg_tracker_get_application (self->library, self->id, NULL);

  if (fresh != NULL)
    {
      g_clear_pointer (&self->details, cg_application_details_free);
      self->details = fresh;
    }
}

static gboolean
save_one (CgApplicationEditor  *self,
          const char           *field,
          const char           *value,
          GError              **error)
{
  if (g_str_equal (field, "tags"))
    {
      g_auto(GStrv) tags = g_strsplit (value ? value : "", ",", -1);

      return cg_tracker_set_tags (self->library, self->id, (const char * const *) tags, error);
    }

  return cg_tracker_set_field (self->library, self->id, field, value, error);
}

/* Writes out every pending edit, one transaction each. The first failure
 * is returned; the other edits are still saved. */
static gboolean
flush (CgApplicationEditor  *self,
       gboolean              notify,
       GError              **error)
{
  g_autoptr(GHashTable) pending = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key, value;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (g_hash_table_size (self->pending) == 0)
    return TRUE;

  /* take them first: a handler of "saved" may come back here */
  pending = g_steal_pointer (&self->pending);
  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  if (self->library == NULL || self->id == 0)
    return TRUE;

  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(GError) local_error = NULL;

      if (save_one (self, key, value, &local_error))
        g_ptr_array_add (saved, key);
      else
        {
          g_warning ("Cannot save %s of application %" G_GINT64_FORMAT ": %s",
                     (const char *) key, self->id, local_error->message);
          if (first_error == NULL)
            first_error = g_steal_pointer (&local_error);
        }
    }

  if (saved->len > 0)
    reread_details (self);

  if (notify)
    {
      gint64 id = self->id;

      if (saved->len > 0)
        refresh_history (self);
      for (guint i = 0; i < saved->len; i++)
        g_signal_emit (self, signals[SAVED], 0, id, (const char *) g_ptr_array_index (saved, i));
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  CgApplicationEditor *self = user_data;
  g_autoptr(GError) error = NULL;

  self->save_source = 0;
  if (!flush (self, TRUE, &error))
    emit_error (self, _("Cannot save the application"), error);

  return G_SOURCE_REMOVE;
}

static void
queue_save (CgApplicationEditor *self,
            const char          *field,
            const char          *value)
{
  g_hash_table_replace (self->pending, (gpointer) field, g_strdup (value));
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (CG_APPLICATION_EDITOR_SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
drop_pending (CgApplicationEditor *self,
              const char          *field)
{
  g_hash_table_remove (self->pending, field);
}

/* Saves one field now, for choices that are not typing. */
static gboolean
save_now (CgApplicationEditor *self,
          const char          *field,
          const char          *value)
{
  g_autoptr(GError) error = NULL;

  if (self->library == NULL || self->id == 0)
    return FALSE;

  drop_pending (self, field);
  if (!cg_tracker_set_field (self->library, self->id, field, value, &error))
    {
      emit_error (self, _("Cannot save the application"), error);
      return FALSE;
    }

  reread_details (self);
  refresh_history (self);
  g_signal_emit (self, signals[SAVED], 0, self->id, field);
  return TRUE;
}

static void
mark_invalid (GtkWidget  *row,
              const char *why)
{
  if (why != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, why);
      gtk_accessible_update_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID,
                                   GTK_ACCESSIBLE_INVALID_TRUE, -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                      why, -1);
    }
  else
    {
      gtk_widget_remove_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, NULL);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
update_heading (CgApplicationEditor *self)
{
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));

  gtk_label_set_label (self->heading, *title ? title : _("Untitled"));
}

static void
text_changed_cb (CgApplicationEditor *self,
                 GtkEditable         *editable)
{
  const TextField *field = editable_field (self, editable);
  g_autofree char *text = NULL;

  if (self->loading || self->id == 0 || field == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  switch (field->kind)
    {
    case KIND_TITLE:
      update_heading (self);
      if (*text == '\0')
        {
          mark_invalid (GTK_WIDGET (editable), _("An application needs a title; it is not saved "
                                                 "while this is empty"));
          drop_pending (self, field->field);
          return;
        }
      break;

    case KIND_DATE:
      if (*text != '\0' && !is_valid_date (text))
        {
          mark_invalid (GTK_WIDGET (editable), _("Not saved: write the date as YYYY-MM-DD, "
                                                 "e.g. 2026-05-04, or pick it from the calendar"));
          drop_pending (self, field->field);
          return;
        }
      break;

    case KIND_TAGS:
      if (strchr (text, ';') != NULL)
        {
          mark_invalid (GTK_WIDGET (editable), _("Not saved: separate tags with commas; a tag "
                                                 "cannot contain “;”"));
          drop_pending (self, field->field);
          return;
        }
      break;

    case KIND_TEXT:
    default:
      break;
    }

  mark_invalid (GTK_WIDGET (editable), NULL);
  queue_save (self, field->field, text);
}

static void
notes_changed_cb (CgApplicationEditor *self,
                  GtkTextBuffer       *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->loading || self->id == 0)
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  queue_save (self, "notes", text);
}

/* Filling the widgets --------------------------------------------------------- */

static void
set_editable_text (GtkEditable *editable,
                   const char  *text)
{
  if (g_strcmp0 (gtk_editable_get_text (editable), text ? text : "") != 0)
    gtk_editable_set_text (editable, text ? text : "");
}

static void
clear_list_rows (CgApplicationEditor *self)
{
  for (guint i = 0; i < self->list_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->list_rows, 0);
}

static void
add_list_row (CgApplicationEditor *self,
              AdwPreferencesGroup *group,
              GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->list_rows, row);
}

static GtkWidget *
new_row (const char *title,
         const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title ? title : "");
  if (subtitle != NULL && *subtitle != '\0')
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static GtkWidget *
new_icon_button (const char *icon_name,
                 const char *label,
                 const char *action_name,
                 GVariant   *target)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  if (action_name != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  if (action_name != NULL)
    gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action_name);
  return button;
}

static char *
format_interview_time (const char *time)
{
  g_autofree char *copy = g_strdup (time);

  if (copy != NULL && strlen (copy) > 10 && copy[10] == 'T')
    copy[10] = ' ';
  return g_steal_pointer (&copy);
}

static void
fill_interviews (CgApplicationEditor *self)
{
  GPtrArray *interviews = self->details->interviews;

  if (interviews == NULL || interviews->len == 0)
    {
      GtkWidget *row = new_row (_("No interviews yet"), NULL);

      gtk_widget_add_css_class (row, "dim-label");
      add_list_row (self, self->interviews_group, row);
      return;
    }

  for (guint i = 0; i < interviews->len; i++)
    {
      CgTrackerInterview *interview = g_ptr_array_index (interviews, i);
      g_autofree char *when = format_interview_time (interview->time);
      g_autofree char *title = interview->kind ? g_strdup_printf ("%s · %s", when, interview->kind)
                                               : g_strdup (when);
      GtkWidget *row = new_row (title, interview->notes);
      g_autofree char *edit_label = g_strdup_printf (_("Edit Interview of %s"), when);
      g_autofree char *remove_label = g_strdup_printf (_("Remove Interview of %s"), when);

      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_icon_button ("document-edit-symbolic", edit_label,
                                                  "editor.edit-interview",
                                                  g_variant_new_int64 (interview->id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_icon_button ("user-trash-symbolic", remove_label,
                                                  "editor.remove-interview",
                                                  g_variant_new_int64 (interview->id)));
      add_list_row (self, self->interviews_group, row);
    }
}

static void
fill_contacts (CgApplicationEditor *self)
{
  GPtrArray *contacts = self->details->contacts;

  if (contacts == NULL || contacts->len == 0)
    {
      GtkWidget *row = new_row (_("No contacts yet"), NULL);

      gtk_widget_add_css_class (row, "dim-label");
      add_list_row (self, self->contacts_group, row);
      return;
    }

  for (guint i = 0; i < contacts->len; i++)
    {
      CgTrackerContact *contact = g_ptr_array_index (contacts, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);
      const char *parts[] = { contact->role, contact->email, contact->phone, contact->notes };
      GtkWidget *row;
      g_autofree char *edit_label = g_strdup_printf (_("Edit Contact %s"), contact->name);
      g_autofree char *remove_label = g_strdup_printf (_("Remove Contact %s"), contact->name);

      for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
        if (parts[p] != NULL && *parts[p] != '\0')
          g_string_append_printf (subtitle, "%s%s", subtitle->len ? " · " : "", parts[p]);

      row = new_row (contact->name, subtitle->str);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_icon_button ("document-edit-symbolic", edit_label,
                                                  "editor.edit-contact",
                                                  g_variant_new_int64 (contact->id)));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                 new_icon_button ("user-trash-symbolic", remove_label,
                                                  "editor.remove-contact",
                                                  g_variant_new_int64 (contact->id)));
      add_list_row (self, self->contacts_group, row);
    }
}

static const char *
field_label (const char *field)
{
  static const struct { const char *field; const char *label; } labels[] = {
    { "title", N_("Title") }, { "company", N_("Company") }, { "location", N_("Location") },
    { "url", N_("Link") }, { "stage", N_("Stage") }, { "date_saved", N_("Saved") },
    { "date_applied", N_("Applied") }, { "deadline", N_("Deadline") },
    { "follow_up", N_("Follow up") }, { "pay_asked", N_("Pay asked") },
    { "pay_offered", N_("Pay offered") }, { "excitement", N_("Excitement") },
    { "resume_path", N_("Résumé") }, { "cover_letter_path", N_("Cover letter") },
    { "notes", N_("Notes") }, { "archived", N_("Archived") }, { "tags", N_("Tags") },
    { "contact", N_("Contact") }, { "interview", N_("Interview") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].field, field) == 0)
      return _(labels[i].label);

  return field;
}

/* A history value on one short line. */
static char *
short_value (const char *value)
{
  g_autofree char *line = NULL;

  if (value == NULL)
    return g_strdup (_("(empty)"));

  line = g_strdelimit (g_strdup (value), "\r\n\t", ' ');
  if (g_utf8_strlen (line, -1) > 60)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, 59);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

static char *
describe_change (const CgTrackerHistoryEntry *entry,
                 guint                        times)
{
  const char *label = field_label (entry->field);
  g_autofree char *old_value = short_value (entry->old_value);
  g_autofree char *new_value = short_value (entry->new_value);
  g_autofree char *text = NULL;

  if (g_str_equal (entry->field, "notes"))
    text = g_strdup (_("Notes edited"));
  else if (g_str_equal (entry->field, "stage") && entry->old_value == NULL)
    text = g_strdup_printf (_("Tracked in %s"), entry->new_value ? entry->new_value : "");
  else if (g_str_equal (entry->field, "archived"))
    text = g_strdup (g_strcmp0 (entry->new_value, "1") == 0 ? _("Archived") : _("Taken out of the archive"));
  else if ((g_str_equal (entry->field, "contact") || g_str_equal (entry->field, "interview")) &&
           entry->old_value == NULL)
    text = g_strdup_printf (_("%s added: %s"), label, new_value);
  else if ((g_str_equal (entry->field, "contact") || g_str_equal (entry->field, "interview")) &&
           entry->new_value == NULL)
    text = g_strdup_printf (_("%s removed: %s"), label, old_value);
  else
    /* Translators: a change in an application's history: field: old → new */
    text = g_strdup_printf (_("%s: %s → %s"), label, old_value, new_value);

  if (times > 1)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%s (%u edit)", "%s (%u edits)", times),
                                               text, times);
      return g_steal_pointer (&more);
    }
  return g_steal_pointer (&text);
}

static char *
local_time (const char *utc)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_iso8601 (utc, NULL);
  g_autoptr(GDateTime) local = NULL;

  if (time == NULL)
    return g_strdup (utc);
  local = g_date_time_to_local (time);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
fill_history (CgApplicationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = cg_tracker_list_history (self->library, self->id, &error);
  guint shown = 0;

  if (history == NULL)
    {
      GtkWidget *row = new_row (_("The history cannot be read"), error->message);

      add_list_row (self, self->history_group, row);
      return;
    }

  /* newest first; runs of edits to the same text field become one row */
  for (guint i = history->len; i > 0 && shown < MAX_HISTORY_ROWS; i--)
    {
      CgTrackerHistoryEntry *entry = g_ptr_array_index (history, i - 1);
      CgTrackerHistoryEntry *oldest = entry;
      gboolean mergeable = !g_str_equal (entry->field, "stage") && !g_str_equal (entry->field, "contact") &&
                           !g_str_equal (entry->field, "interview") && !g_str_equal (entry->field, "archived");
      guint times = 1;
      g_autofree char *when = local_time (entry->time);
      g_autofree char *text = NULL;
      g_autofree char *tooltip = NULL;
      CgTrackerHistoryEntry merged;
      GtkWidget *row;

      while (mergeable && i > 1 &&
             g_str_equal (((CgTrackerHistoryEntry *) g_ptr_array_index (history, i - 2))->field,
                          entry->field))
        {
          oldest = g_ptr_array_index (history, i - 2);
          times++;
          i--;
        }

      merged = *entry;
      merged.old_value = oldest->old_value;
      text = describe_change (&merged, times);
      row = new_row (text, when);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (row, "property");
      if (!g_str_equal (entry->field, "notes") && (entry->new_value || merged.old_value))
        {
          tooltip = g_strdup_printf ("%s\n%s\n→\n%s", field_label (entry->field),
                                     merged.old_value ? merged.old_value : _("(empty)"),
                                     entry->new_value ? entry->new_value : _("(empty)"));
          gtk_widget_set_tooltip_text (row, tooltip);
        }
      add_list_row (self, self->history_group, row);
      shown++;
    }
}

static void
refresh_lists (CgApplicationEditor *self)
{
  clear_list_rows (self);
  if (self->details == NULL)
    return;
  fill_interviews (self);
  fill_contacts (self);
  fill_history (self);
}

/* Only the history changed (after a save). */
static void
refresh_history (CgApplicationEditor *self)
{
  for (guint i = self->list_rows->len; i > 0; i--)
    {
      GtkWidget *row = g_ptr_array_index (self->list_rows, i - 1);

      if (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP) == GTK_WIDGET (self->history_group))
        {
          adw_preferences_group_remove (self->history_group, row);
          g_ptr_array_remove_index (self->list_rows, i - 1);
        }
    }
  fill_history (self);
}

static void
update_stars (CgApplicationEditor *self)
{
  int excitement = self->details ? self->details->excitement : 0;
  g_autofree char *subtitle = excitement > 0 ? g_strdup_printf (_("%d of 5"), excitement)
                                             : g_strdup (_("Not rated"));

  for (int i = 0; i < 5; i++)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->stars[i]),
                                i < excitement ? "starred-symbolic" : "non-starred-symbolic");
      if (i < excitement)
        gtk_widget_add_css_class (self->stars[i], "cg-star-on");
      else
        gtk_widget_remove_css_class (self->stars[i], "cg-star-on");
    }
  adw_action_row_set_subtitle (self->excitement_row, subtitle);
}

static void
update_documents (CgApplicationEditor *self)
{
  const char *paths[2] = {
    self->details ? self->details->resume_path : NULL,
    self->details ? self->details->cover_letter_path : NULL,
  };

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = paths[i] ? g_path_get_basename (paths[i]) : NULL;
      GtkWidget *open = self->document_open[i];
      GtkWidget *clear = self->document_clear[i];

      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->document_rows[i]),
                                   name ? name : _("None chosen"));
      gtk_widget_set_tooltip_text (self->document_rows[i], paths[i]);
      gtk_widget_set_sensitive (open, paths[i] != NULL);
      gtk_widget_set_sensitive (clear, paths[i] != NULL);
    }
}

static gboolean
is_web_link (const char *url)
{
  return url != NULL && (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"));
}

static void
update_actions (CgApplicationEditor *self)
{
  const char *url = gtk_editable_get_text (GTK_EDITABLE (self->url_row));
  gboolean archived = self->details && self->details->archived;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-link", is_web_link (url));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->archive_button), "x", self->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->archive_button),
                                  archived ? "applications.unarchive" : "applications.archive");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               archived ? _("Take Out of the Archive") : _("Archive"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->archive_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  archived ? _("Take Out of the Archive") : _("Archive"), -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->delete_button), "x", self->id);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "applications.delete");
}

static void
select_stage (CgApplicationEditor *self)
{
  guint selected = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; self->stages && self->details && i < g_list_model_get_n_items (self->stages); i++)
    {
      g_autoptr(CgStage) stage = g_list_model_get_item (self->stages, i);

      if (cg_stage_get_id (stage) == self->details->stage_id)
        selected = i;
    }
  adw_combo_row_set_selected (self->stage_row, selected);
}

/* Puts the stored values in the widgets, except the ones being edited
 * (waiting to be saved). */
static void
fill (CgApplicationEditor *self)
{
  const CgApplicationDetails *d = self->details;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);

  self->loading = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      const TextField *field = &text_fields[i];
      AdwEntryRow *row = field_row (self, field);

      if (g_hash_table_contains (self->pending, field->field))
        continue;
      if (field->kind == KIND_TAGS)
        {
          g_autofree char *tags = g_strjoinv (", ", d->tags);
          g_autofree char *current = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
          g_auto(GStrv) typed = g_strsplit (current, ",", -1);
          g_autofree char *typed_clean = NULL;

          for (guint t = 0; typed[t] != NULL; t++)
            g_strstrip (typed[t]);
          typed_clean = g_strjoinv (", ", typed);
          /* keep what is typed when it says the same, e.g. "a,b" for "a, b" */
          if (g_strcmp0 (typed_clean, tags) != 0)
            set_editable_text (GTK_EDITABLE (row), tags);
        }
      else
        {
          const char *value = details_value (d, field->field);
          g_autofree char *current = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

          if (g_strcmp0 (current, value ? value : "") != 0)
            set_editable_text (GTK_EDITABLE (row), value);
        }
      mark_invalid (GTK_WIDGET (row), NULL);
    }

  if (!g_hash_table_contains (self->pending, "notes"))
    {
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      if (g_strcmp0 (text, d->notes ? d->notes : "") != 0)
        gtk_text_buffer_set_text (buffer, d->notes ? d->notes : "", -1);
    }

  select_stage (self);
  update_heading (self);
  update_stars (self);
  update_documents (self);
  update_actions (self);
  refresh_lists (self);

  self->loading = FALSE;
}

static void
reader_open_link_cb (CgApplicationEditor *self,
                     const char          *uri)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-link", "s", uri);
}

static void
show_preview (CgApplicationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *page = NULL;
  g_autoptr(CgMarkdown) md = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);

  if (self->reader == NULL)
    {
      self->reader = cg_reader_view_new ();
      g_signal_connect_object (self->reader, "open-link", G_CALLBACK (reader_open_link_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_vexpand (self->reader, TRUE);
      gtk_widget_set_overflow (GTK_WIDGET (self->preview_box), GTK_OVERFLOW_HIDDEN);
      gtk_box_append (self->preview_box, self->reader);
    }

  if (*g_strstrip (text) == '\0')
    body = g_markup_printf_escaped ("<p><em>%s</em></p>", _("No notes yet."));
  else
    {
      md = cg_markdown_render (text, -1, NULL, NULL, NULL);
      body = g_strdup (cg_markdown_get_html (md));
    }
  page = cg_markdown_page (gtk_label_get_label (self->heading), body, NULL);
  cg_reader_view_load_page (CG_READER_VIEW (self->reader), page, CG_READER_SCHEME ":///application/");
}

static void
preview_toggled_cb (CgApplicationEditor *self)
{
  if (gtk_toggle_button_get_active (self->preview_button))
    {
      show_preview (self);
      gtk_stack_set_visible_child_name (self->notes_stack, "preview");
    }
  else
    gtk_stack_set_visible_child_name (self->notes_stack, "edit");
}

/* Stage, stars and documents ----------------------------------------------- */

static void
stage_selected_cb (CgApplicationEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->stage_row);
  g_autoptr(CgStage) stage = NULL;
  g_autoptr(GError) error = NULL;

  if (self->loading || self->id == 0 || self->stages == NULL ||
      selected >= g_list_model_get_n_items (self->stages))
    return;

  stage = g_list_model_get_item (self->stages, selected);
  if (self->details && cg_stage_get_id (stage) == self->details->stage_id)
    return;

  if (!cg_tracker_set_stage (self->library, self->id, cg_stage_get_id (stage), &error))
    {
      emit_error (self, _("Cannot move the application"), error);
      cg_application_editor_refresh (self);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, self->id, "stage");
  /* moving to Applied may have dated it */
  cg_application_editor_refresh (self);
}

static void
star_clicked_cb (GtkButton           *button,
                 CgApplicationEditor *self)
{
  int n = 0;
  g_autofree char *value = NULL;

  /* the n-th star gives n stars */
  for (int i = 0; i < (int) G_N_ELEMENTS (self->stars); i++)
    if (self->stars[i] == GTK_WIDGET (button))
      n = i + 1;

  if (self->details == NULL)
    return;

  value = g_strdup_printf ("%d", self->details->excitement == n ? 0 : n);
  if (save_now (self, "excitement", value))
    update_stars (self);
}

typedef struct {
  CgApplicationEditor *self;
  gint64               id;
  const char          *field;
} DocumentChoice;

static void
document_chosen_cb (GtkNativeDialog *dialog,
                    int              response,
                    DocumentChoice  *choice)
{
  CgApplicationEditor *self = choice->self;

  if (response == GTK_RESPONSE_ACCEPT && self->id == choice->id)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL && save_now (self, choice->field, path))
        cg_application_editor_refresh (self);
    }

  g_object_unref (self);
  g_free (choice);
  g_object_unref (dialog);
}

static void
choose_document_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  gboolean resume = g_str_equal (field, "resume_path");
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *dialog;
  DocumentChoice *choice;

  if (self->id == 0)
    return;

  dialog = gtk_file_chooser_native_new (resume ? _("Choose a Résumé") : _("Choose a Cover Letter"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  choice = g_new0 (DocumentChoice, 1);
  choice->self = g_object_ref (self);
  choice->id = self->id;
  choice->field = resume ? "resume_path" : "cover_letter_path";
  g_signal_connect (dialog, "response", G_CALLBACK (document_chosen_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
open_document_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  const char *field = g_variant_get_string (parameter, NULL);
  const char *path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (self->details != NULL)
    path = g_str_equal (field, "resume_path") ? self->details->resume_path
                                              : self->details->cover_letter_path;
  if (path == NULL)
    return;

  uri = g_filename_to_uri (path, NULL, &error);
  if (uri == NULL)
    {
      emit_error (self, _("Cannot open the document"), error);
      return;
    }
  gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, uri, GDK_CURRENT_TIME);
}

static void
clear_document_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  const char *field = g_variant_get_string (parameter, NULL);

  if (save_now (self, g_str_equal (field, "resume_path") ? "resume_path" : "cover_letter_path", NULL))
    cg_application_editor_refresh (self);
}

static void
open_link_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  GtkRoot *root = gtk_widget_get_root (widget);

  if (is_web_link (url))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
url_changed_cb (CgApplicationEditor *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.open-link", is_web_link (url));
}

/* Calendar popovers ----------------------------------------------------------- */

/* The calendar of a date row's popover; freed with the popover */
typedef struct {
  AdwEntryRow *row;
  GtkCalendar *calendar;
  gboolean     syncing;   /* showing the row's date: not a pick */
} DatePicker;

static void
date_picker_free (gpointer  data,
                  GClosure *closure)
{
  g_free (data);
}

static void
calendar_day_selected_cb (GtkCalendar *calendar,
                          DatePicker  *picker)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (date, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (picker->syncing)
    return;

  gtk_editable_set_text (GTK_EDITABLE (picker->row), text);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
}

static void
calendar_popover_show_cb (GtkPopover *popover,
                          DatePicker *picker)
{
  GtkCalendar *calendar = picker->calendar;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (picker->row));
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (is_valid_date (text) && sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3)
    date = g_date_time_new_local (y, m, d, 0, 0, 0);
  if (date == NULL)
    date = g_date_time_new_now_local ();

  picker->syncing = TRUE;
  gtk_calendar_select_day (calendar, date);
  picker->syncing = FALSE;
}

static void
add_calendar_button (AdwEntryRow *row)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  DatePicker *picker = g_new0 (DatePicker, 1);
  g_autofree char *label = g_strdup_printf (_("Pick the %s Date"),
                                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "x-office-calendar-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);

  picker->row = row;
  picker->calendar = GTK_CALENDAR (calendar);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  g_signal_connect (calendar, "day-selected", G_CALLBACK (calendar_day_selected_cb), picker);
  /* the popover goes after its calendar: it frees the picker */
  g_signal_connect_data (popover, "show", G_CALLBACK (calendar_popover_show_cb), picker,
                         date_picker_free, 0);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  adw_entry_row_add_suffix (row, button);
}

static GtkWidget *
new_document_row (const char  *title,
                  const char  *field,
                  GtkWidget  **open_out,
                  GtkWidget  **clear_out)
{
  GtkWidget *row = new_row (title, NULL);
  g_autofree char *choose = g_strdup_printf (_("Choose the %s File"), title);
  g_autofree char *open = g_strdup_printf (_("Open the %s"), title);
  g_autofree char *clear = g_strdup_printf (_("Forget the %s"), title);
  GtkWidget *open_button = new_icon_button ("adw-external-link-symbolic", open,
                                            "editor.open-document", g_variant_new_string (field));
  GtkWidget *clear_button = new_icon_button ("edit-clear-symbolic", clear,
                                             "editor.clear-document", g_variant_new_string (field));

  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             new_icon_button ("folder-open-symbolic", choose,
                                              "editor.choose-document", g_variant_new_string (field)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open_button);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear_button);
  *open_out = open_button;
  *clear_out = clear_button;
  return row;
}

/* Interviews and contacts ------------------------------------------------------ */

typedef struct {
  CgApplicationEditor *self;
  gint64               application;
  gint64               row_id;      /* 0: adding */
  GtkWidget           *entries[5];
} RowDialog;

static void
row_dialog_free (gpointer  user_data,
                 GClosure *closure)
{
  RowDialog *data = user_data;

  g_object_unref (data->self);
  g_free (data);
}

static char *
entry_text (GtkWidget *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));

  return *text ? g_steal_pointer (&text) : NULL;
}

static GtkWidget *
add_dialog_entry (GtkWidget  *list,
                  const char *title,
                  const char *text)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  return row;
}

/* A dialog whose "response" goes to @response_cb with @data, which it
 * frees */
static GtkWidget *
new_row_dialog (CgApplicationEditor *self,
                const char          *heading,
                RowDialog           *data,
                GCallback            response_cb,
                GtkWidget          **list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, NULL);

  *list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (*list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (*list, "boxed-list");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), *list);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", response_cb, data, row_dialog_free, 0);
  return dialog;
}

static void
after_list_change (CgApplicationEditor *self,
                   const char          *field)
{
  cg_application_editor_refresh (self);
  g_signal_emit (self, signals[SAVED], 0, self->id, field);
}

static void
interview_time_changed_cb (GtkEditable *entry,
                           GtkWidget   *dialog)
{
  gboolean valid = is_valid_time (gtk_editable_get_text (entry));

  mark_invalid (GTK_WIDGET (entry), valid ? NULL : _("Write the time as YYYY-MM-DD HH:MM, or a date alone"));
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", valid);
}

static void
interview_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       RowDialog        *data)
{
  CgApplicationEditor *self = data->self;
  CgTrackerInterview interview = { 0, };
  g_autofree char *time = NULL, *kind = NULL, *notes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "save") || self->id != data->application)
    return;

  time = entry_text (data->entries[0]);
  kind = entry_text (data->entries[1]);
  notes = entry_text (data->entries[2]);
  interview.id = data->row_id;
  interview.time = time;
  interview.kind = kind;
  interview.notes = notes;

  if (data->row_id == 0)
    ok = cg_tracker_add_interview (self->library, self->id, &interview, &error) != 0;
  else
    ok = cg_tracker_update_interview (self->library, &interview, &error);
  if (!ok)
    {
      emit_error (self, _("Cannot save the interview"), error);
      return;
    }
  after_list_change (self, "interview");
}

static CgTrackerInterview *
find_interview (CgApplicationEditor *self,
                gint64               id)
{
  for (guint i = 0; self->details && i < self->details->interviews->len; i++)
    if (((CgTrackerInterview *) g_ptr_array_index (self->details->interviews, i))->id == id)
      return g_ptr_array_index (self->details->interviews, i);
  return NULL;
}

static CgTrackerContact *
find_contact (CgApplicationEditor *self,
              gint64               id)
{
  for (guint i = 0; self->details && i < self->details->contacts->len; i++)
    if (((CgTrackerContact *) g_ptr_array_index (self->details->contacts, i))->id == id)
      return g_ptr_array_index (self->details->contacts, i);
  return NULL;
}

static void
interview_dialog_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  CgTrackerInterview *interview = parameter ? find_interview (self, g_variant_get_int64 (parameter)) : NULL;
  RowDialog *data;
  GtkWidget *dialog, *list;
  g_autofree char *time = NULL;

  if (self->id == 0 || (parameter != NULL && interview == NULL))
    return;

  data = g_new0 (RowDialog, 1);
  data->self = g_object_ref (self);
  data->application = self->id;
  data->row_id = interview ? interview->id : 0;
  dialog = new_row_dialog (self, interview ? _("Edit Interview") : _("Add Interview"), data,
                           G_CALLBACK (interview_response_cb), &list);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("When it is (YYYY-MM-DD HH:MM, or the date alone), what kind of "
                                 "interview, and anything to remember."));

  time = interview ? format_interview_time (interview->time) : NULL;
  data->entries[0] = add_dialog_entry (list, _("When"), time);
  data->entries[1] = add_dialog_entry (list, _("Kind, e.g. Phone screen"), interview ? interview->kind : NULL);
  data->entries[2] = add_dialog_entry (list, _("Notes"), interview ? interview->notes : NULL);
  g_signal_connect (data->entries[0], "changed", G_CALLBACK (interview_time_changed_cb), dialog);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save",
                                           interview != NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->entries[0]);
}

static void
remove_interview_action_cb (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cg_tracker_remove_interview (self->library, g_variant_get_int64 (parameter), &error))
    {
      emit_error (self, _("Cannot remove the interview"), error);
      return;
    }
  after_list_change (self, "interview");
}

static void
contact_name_changed_cb (GtkEditable *entry,
                         GtkWidget   *dialog)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", *name != '\0');
}

static void
contact_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     RowDialog        *data)
{
  CgApplicationEditor *self = data->self;
  CgTrackerContact contact = { 0, };
  g_autofree char *name = NULL, *role = NULL, *email = NULL, *phone = NULL, *notes = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (!g_str_equal (response, "save") || self->id != data->application)
    return;

  contact.id = data->row_id;
  contact.name = name = entry_text (data->entries[0]);
  contact.role = role = entry_text (data->entries[1]);
  contact.email = email = entry_text (data->entries[2]);
  contact.phone = phone = entry_text (data->entries[3]);
  contact.notes = notes = entry_text (data->entries[4]);

  if (data->row_id == 0)
    ok = cg_tracker_add_contact (self->library, self->id, &contact, &error) != 0;
  else
    ok = cg_tracker_update_contact (self->library, &contact, &error);
  if (!ok)
    {
      emit_error (self, _("Cannot save the contact"), error);
      return;
    }
  after_list_change (self, "contact");
}

static void
contact_dialog_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  CgTrackerContact *contact = parameter ? find_contact (self, g_variant_get_int64 (parameter)) : NULL;
  RowDialog *data;
  GtkWidget *dialog, *list;

  if (self->id == 0 || (parameter != NULL && contact == NULL))
    return;

  data = g_new0 (RowDialog, 1);
  data->self = g_object_ref (self);
  data->application = self->id;
  data->row_id = contact ? contact->id : 0;
  dialog = new_row_dialog (self, contact ? _("Edit Contact") : _("Add Contact"), data,
                           G_CALLBACK (contact_response_cb), &list);

  data->entries[0] = add_dialog_entry (list, _("Name"), contact ? contact->name : NULL);
  data->entries[1] = add_dialog_entry (list, _("Role, e.g. Recruiter"), contact ? contact->role : NULL);
  data->entries[2] = add_dialog_entry (list, _("Email"), contact ? contact->email : NULL);
  data->entries[3] = add_dialog_entry (list, _("Phone"), contact ? contact->phone : NULL);
  data->entries[4] = add_dialog_entry (list, _("Notes"), contact ? contact->notes : NULL);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (data->entries[2]), GTK_INPUT_PURPOSE_EMAIL);
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (data->entries[3]), GTK_INPUT_PURPOSE_PHONE);
  g_signal_connect (data->entries[0], "changed", G_CALLBACK (contact_name_changed_cb), dialog);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save", contact != NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (data->entries[0]);
}

static void
remove_contact_action_cb (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!cg_tracker_remove_contact (self->library, g_variant_get_int64 (parameter), &error))
    {
      emit_error (self, _("Cannot remove the contact"), error);
      return;
    }
  after_list_change (self, "contact");
}

/* GObject ------------------------------------------------------------------------ */

static void
cg_application_editor_dispose (GObject *object)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (object);
  g_autoptr(GError) error = NULL;

  /* never lose a keystroke */
  if (self->pending != NULL && !flush (self, FALSE, &error))
    g_warning ("Edits could not be saved: %s", error->message);
  g_clear_handle_id (&self->save_source, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_APPLICATION_EDITOR);
  g_clear_pointer (&self->details, cg_application_details_free);
  g_clear_pointer (&self->pending, g_hash_table_unref);
  g_clear_pointer (&self->list_rows, g_ptr_array_unref);
  g_clear_object (&self->stages);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (cg_application_editor_parent_class)->dispose (object);
}

static void
cg_application_editor_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_application_editor_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CgApplicationEditor *self = CG_APPLICATION_EDITOR (object);
  const char *label;

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded == g_value_get_boolean (value))
        return;
      self->folded = g_value_get_boolean (value);
      /* narrow, the editor replaces the board: Back; wide, it is beside it: Close */
      label = self->folded ? _("Back to Applications") : _("Close");
      gtk_button_set_icon_name (self->close_button, self->folded ? "go-previous-symbolic"
                                                                 : "window-close-symbolic");
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->close_button), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->close_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_application_editor_class_init (CgApplicationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_application_editor_dispose;
  object_class->get_property = cg_application_editor_get_property;
  object_class->set_property = cg_application_editor_set_property;

  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* an edit of @field of application @id was saved */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);
  /* something could not be saved; the message says what and why */
  signals[ERROR] = g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/cg-application-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, content);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, location_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, url_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, stage_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, date_saved_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, date_applied_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, follow_up_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, deadline_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, pay_asked_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, pay_offered_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, excitement_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, stars_box);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, documents_group);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, interviews_group);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, contacts_group);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, preview_button);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, notes_stack);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, preview_box);
  gtk_widget_class_bind_template_child (widget_class, CgApplicationEditor, history_group);
  gtk_widget_class_bind_template_callback (widget_class, preview_toggled_cb);

  gtk_widget_class_install_action (widget_class, "editor.open-link", NULL, open_link_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.choose-document", "s", choose_document_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.open-document", "s", open_document_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.clear-document", "s", clear_document_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-interview", NULL, interview_dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.edit-interview", "x", interview_dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.remove-interview", "x", remove_interview_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add-contact", NULL, contact_dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.edit-contact", "x", contact_dialog_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.remove-contact", "x", remove_contact_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cg_application_editor_init (CgApplicationEditor *self)
{
  GtkExpression *expression;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->pending = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  self->list_rows = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
    {
      AdwEntryRow *row = field_row (self, &text_fields[i]);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      g_signal_connect_object (row, "changed", G_CALLBACK (text_changed_cb), self, G_CONNECT_SWAPPED);
      if (text_fields[i].kind == KIND_DATE)
        add_calendar_button (row);
    }
  g_signal_connect_object (self->url_row, "changed", G_CALLBACK (url_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (notes_changed_cb), self, G_CONNECT_SWAPPED);

  expression = gtk_property_expression_new (CG_TYPE_STAGE, NULL, "name");
  adw_combo_row_set_expression (self->stage_row, expression);
  gtk_expression_unref (expression);
  g_signal_connect_object (self->stage_row, "notify::selected", G_CALLBACK (stage_selected_cb), self,
                           G_CONNECT_SWAPPED);

  for (int i = 0; i < 5; i++)
    {
      g_autofree char *label = g_strdup_printf (ngettext ("%d Star", "%d Stars", i + 1), i + 1);
      GtkWidget *star = gtk_button_new_from_icon_name ("non-starred-symbolic");

      gtk_widget_add_css_class (star, "flat");
      gtk_widget_add_css_class (star, "circular");
      gtk_widget_add_css_class (star, "cg-star");
      gtk_widget_set_tooltip_text (star, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (star), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_signal_connect (star, "clicked", G_CALLBACK (star_clicked_cb), self);
      gtk_box_append (self->stars_box, star);
      self->stars[i] = star;
    }

  self->document_rows[0] = new_document_row (_("Résumé"), "resume_path",
                                             &self->document_open[0], &self->document_clear[0]);
  self->document_rows[1] = new_document_row (_("Cover Letter"), "cover_letter_path",
                                             &self->document_open[1], &self->document_clear[1]);
  adw_preferences_group_add (self->documents_group, self->document_rows[0]);
  adw_preferences_group_add (self->documents_group, self->document_rows[1]);

  gtk_widget_set_sensitive (GTK_WIDGET (self), FALSE);
}

GtkWidget *
cg_application_editor_new (void)
{
  return g_object_new (CG_TYPE_APPLICATION_EDITOR, NULL);
}

void
cg_application_editor_set_library (CgApplicationEditor *self,
                                   CgLibrary           *library)
{
  g_return_if_fail (CG_IS_APPLICATION_EDITOR (self));

  if (self->library != library)
    cg_application_editor_load (self, 0, NULL);
  g_set_object (&self->library, library);
}

/* The stages the stage row offers (CgStage, in board order). */
void
cg_application_editor_set_stages (CgApplicationEditor *self,
                                  GListModel          *stages)
{
  g_return_if_fail (CG_IS_APPLICATION_EDITOR (self));

  g_set_object (&self->stages, stages);
  self->loading = TRUE;
  adw_combo_row_set_model (self->stage_row, stages);
  select_stage (self);
  self->loading = FALSE;
}

/* Saves what is pending for the application shown, then shows @id (0:
 * none). Fails, showing none, when @id cannot be read. */
gboolean
cg_application_editor_load (CgApplicationEditor  *self,
                            gint64                id,
                            GError              **error)
{
  g_autoptr(GError) save_error = NULL;
  CgApplicationDetails *details = NULL;

  g_return_val_if_fail (CG_IS_APPLICATION_EDITOR (self), FALSE);

  if (!flush (self, TRUE, &save_error) &&
      !g_error_matches (save_error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND))
    emit_error (self, _("Cannot save the application"), save_error);

  if (id != 0 && self->library != NULL)
    {
      details = cg_tracker_get_application (self->library, id, error);
      if (details == NULL)
        id = 0;
    }

  if (id != self->id)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
      gtk_toggle_button_set_active (self->preview_button, FALSE);
    }

  g_clear_pointer (&self->details, cg_application_details_free);
  self->details = details;
  self->id = id;
  gtk_widget_set_sensitive (GTK_WIDGET (self), id != 0);

  if (details == NULL)
    {
      clear_list_rows (self);
      self->loading = TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (text_fields); i++)
        set_editable_text (GTK_EDITABLE (field_row (self, &text_fields[i])), NULL);
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view), "", -1);
      gtk_label_set_label (self->heading, "");
      self->loading = FALSE;
      return id == 0 && (error == NULL || *error == NULL);
    }

  fill (self);
  return TRUE;
}

gint64
cg_application_editor_get_id (CgApplicationEditor *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_EDITOR (self), 0);

  return self->id;
}

/* Reads the application again after a change made elsewhere (the board, an
 * undo), keeping what is being typed. Shows none when it is gone. */
void
cg_application_editor_refresh (CgApplicationEditor *self)
{
  CgApplicationDetails *details;

  g_return_if_fail (CG_IS_APPLICATION_EDITOR (self));

  if (self->id == 0 || self->library == NULL)
    return;

  details = cg_tracker_get_application (self->library, self->id, NULL);
  if (details == NULL)
    {
      /* deleted: whatever was pending has nowhere to go */
      g_hash_table_remove_all (self->pending);
      cg_application_editor_load (self, 0, NULL);
      return;
    }

  g_clear_pointer (&self->details, cg_application_details_free);
  self->details = details;
  fill (self);
  if (gtk_toggle_button_get_active (self->preview_button))
    show_preview (self);
}

gboolean
cg_application_editor_has_pending (CgApplicationEditor *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_EDITOR (self), FALSE);

  return g_hash_table_size (self->pending) > 0;
}

/* Saves at once what is waiting for typing to pause. */
gboolean
cg_application_editor_save_pending (CgApplicationEditor  *self,
                                    GError              **error)
{
  g_return_val_if_fail (CG_IS_APPLICATION_EDITOR (self), FALSE);

  return flush (self, TRUE, error);
}

GtkTextBuffer *
cg_application_editor_get_notes_buffer (CgApplicationEditor *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_EDITOR (self), NULL);

  return gtk_text_view_get_buffer (self->notes_view);
}

void
cg_application_editor_focus_title (CgApplicationEditor *self)
{
  g_return_if_fail (CG_IS_APPLICATION_EDITOR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->title_row));
}
