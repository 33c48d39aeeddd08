/* cg-tracker-export.c: the tracker's export: CSV and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every field of the applications a filter selects, with their parts and
 * history, as CSV (made inert for spreadsheets) or JSON.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <json-glib/json-glib.h>
#include <glib/gi18n-lib.h>

#include "cg-tracker-private.h"

/* Export -------------------------------------------------------------------- */

static const char *const csv_columns[] = {
  "ID", "Title", "Company", "Location", "URL", "Job Key", "Stage", "Date Saved", "Date Applied",
  "Deadline", "Follow Up", "Interviews", "Pay Asked", "Pay Offered", "Excitement", "Tags",
  "Contacts", "Resume", "Cover Letter", "Notes", "Archived", "Created", "Updated", "Stage History",
};

/* One cell: made inert for spreadsheets (a leading ' before = + - @, a tab
 * or a CR, which would start a formula), then quoted by libcsv when it
 * holds a comma, a quote or a line break. */
static void
append_csv_cell (GString    *out,
                 const char *text,
                 gboolean    first)
{
  g_autofree char *inert = NULL;
  gsize length;

  if (!first)
    g_string_append_c (out, ',');
  if (text == NULL)
    return;

  if (text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = inert = g_strconcat ("'", text, NULL);

  length = strlen (text);
  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      gsize start = out->len;
      gsize needed = csv_write (NULL, 0, text, length);

      g_string_set_size (out, start + needed);
      csv_write (out->str + start, needed, text, length);
    }
  else
    g_string_append_len (out, text, length);
}

/* "2026-05-01 Applied; 2026-05-09 Interviewing" */
static char *
stage_history_text (GPtrArray *history)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < history->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (history, i);

      if (g_strcmp0 (e->field, "stage") != 0 || e->new_value == NULL)
        continue;
      if (s->len > 0)
        g_string_append (s, "; ");
      g_string_append_printf (s, "%.10s %s", e->time, e->new_value);
    }

  return g_string_free (s, s->len == 0);
}

static void
append_csv_row (GString               *out,
                CgApplicationDetails  *d,
                GPtrArray             *history)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, d->id);
  g_autofree char *excitement = d->excitement > 0 ? g_strdup_printf ("%d", d->excitement) : NULL;
  g_autofree char *tags = cg_tracker_join_tags ((const char *const *) d->tags);
  g_autofree char *stages = stage_history_text (history);
  g_autoptr(GString) contacts = g_string_new (NULL);
  g_autoptr(GString) interviews = g_string_new (NULL);

  for (guint i = 0; i < d->contacts->len; i++)
    {
      g_autofree char *line = cg_tracker_contact_summary (g_ptr_array_index (d->contacts, i));

      g_string_append_printf (contacts, "%s%s", i > 0 ? "\n" : "", line);
    }
  for (guint i = 0; i < d->interviews->len; i++)
    {
      g_autofree char *line = cg_tracker_interview_summary (g_ptr_array_index (d->interviews, i));

      g_string_append_printf (interviews, "%s%s", i > 0 ? "\n" : "", line);
    }

  append_csv_cell (out, id, TRUE);
  append_csv_cell (out, d->title, FALSE);
  append_csv_cell (out, d->company, FALSE);
  append_csv_cell (out, d->location, FALSE);
  append_csv_cell (out, d->url, FALSE);
  append_csv_cell (out, d->job_key, FALSE);
  append_csv_cell (out, d->stage, FALSE);
  append_csv_cell (out, d->date_saved, FALSE);
  append_csv_cell (out, d->date_applied, FALSE);
  append_csv_cell (out, d->deadline, FALSE);
  append_csv_cell (out, d->follow_up, FALSE);
  append_csv_cell (out, interviews->str, FALSE);
  append_csv_cell (out, d->pay_asked, FALSE);
  append_csv_cell (out, d->pay_offered, FALSE);
  append_csv_cell (out, excitement, FALSE);
  append_csv_cell (out, tags, FALSE);
  append_csv_cell (out, contacts->str, FALSE);
  append_csv_cell (out, d->resume_path, FALSE);
  append_csv_cell (out, d->cover_letter_path, FALSE);
  append_csv_cell (out, d->notes, FALSE);
  append_csv_cell (out, d->archived ? "yes" : "no", FALSE);
  append_csv_cell (out, d->created, FALSE);
  append_csv_cell (out, d->updated, FALSE);
  append_csv_cell (out, stages, FALSE);
  g_string_append (out, "\r\n");
}

static gboolean
write_all (GOutputStream  *stream,
           const char     *data,
           gsize           length,
           GCancellable   *cancellable,
           GError        **error)
{
  return g_output_stream_write_all (stream, data, length, NULL, cancellable, error);
}

gboolean
cg_tracker_export_csv (CgLibrary              *library,
                       const CgTrackerFilter  *filter,
                       GOutputStream          *stream,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(PartsReader) reader = { NULL, };
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      (list = cg_tracker_read_applications (db, filter, error)) == NULL ||
      !cg_tracker_parts_reader_init (&reader, db, error))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    append_csv_cell (out, csv_columns[i], i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < list->len; i++)
    {
      CgApplicationDetails *d = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) history = cg_tracker_read_history_of (db, &reader, d->id, error);

      if (history == NULL)
        return FALSE;
      append_csv_row (out, d, history);
    }

  return write_all (stream, out->str, out->len, cancellable, error);
}

static void
add_string_member (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int_member (JsonBuilder *builder,
                const char  *name,
                gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool_member (JsonBuilder *builder,
                 const char  *name,
                 gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static void
build_application (JsonBuilder           *b,
                   CgApplicationDetails  *d,
                   GPtrArray             *history)
{
  json_builder_begin_object (b);
  add_int_member (b, "id", d->id);
  add_string_member (b, "title", d->title);
  add_string_member (b, "company", d->company);
  add_string_member (b, "location", d->location);
  add_string_member (b, "url", d->url);
  add_string_member (b, "job_key", d->job_key);
  add_string_member (b, "stage", d->stage);
  add_string_member (b, "date_saved", d->date_saved);
  add_string_member (b, "date_applied", d->date_applied);
  add_string_member (b, "deadline", d->deadline);
  add_string_member (b, "follow_up", d->follow_up);
  add_string_member (b, "pay_asked", d->pay_asked);
  add_string_member (b, "pay_offered", d->pay_offered);
  json_builder_set_member_name (b, "excitement");
  if (d->excitement > 0)
    json_builder_add_int_value (b, d->excitement);
  else
    json_builder_add_null_value (b);
  add_string_member (b, "resume_path", d->resume_path);
  add_string_member (b, "cover_letter_path", d->cover_letter_path);
  add_string_member (b, "notes", d->notes);
  add_bool_member (b, "archived", d->archived);
  add_string_member (b, "created", d->created);
  add_string_member (b, "updated", d->updated);

  json_builder_set_member_name (b, "tags");
  json_builder_begin_array (b);
  for (guint i = 0; d->tags[i] != NULL; i++)
    json_builder_add_string_value (b, d->tags[i]);
  json_builder_end_array (b);

  json_builder_set_member_name (b, "contacts");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->contacts->len; i++)
    {
      CgTrackerContact *c = g_ptr_array_index (d->contacts, i);

      json_builder_begin_object (b);
      add_string_member (b, "name", c->name);
      add_string_member (b, "role", c->role);
      add_string_member (b, "email", c->email);
      add_string_member (b, "phone", c->phone);
      add_string_member (b, "notes", c->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "interviews");
  json_builder_begin_array (b);
  for (guint i = 0; i < d->interviews->len; i++)
    {
      CgTrackerInterview *iv = g_ptr_array_index (d->interviews, i);

      json_builder_begin_object (b);
      add_string_member (b, "time", iv->time);
      add_string_member (b, "kind", iv->kind);
      add_string_member (b, "notes", iv->notes);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_set_member_name (b, "history");
  json_builder_begin_array (b);
  for (guint i = 0; i < history->len; i++)
    {
      CgTrackerHistoryEntry *e = g_ptr_array_index (history, i);

      json_builder_begin_object (b);
      add_string_member (b, "time", e->time);
      add_string_member (b, "field", e->field);
      add_string_member (b, "old", e->old_value);
      add_string_member (b, "new", e->new_value);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  json_builder_end_object (b);
}

gboolean
cg_tracker_export_json (CgLibrary              *library,
                        const CgTrackerFilter  *filter,
                        GOutputStream          *stream,
                        GCancellable           *cancellable,
                        GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_auto(PartsReader) reader = { NULL, };
  g_autofree char *text = NULL;
  gsize length;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      (stages = cg_tracker_load_stages (db, error)) == NULL ||
      (list = cg_tracker_read_applications (db, filter, error)) == NULL ||
      !cg_tracker_parts_reader_init (&reader, db, error))
    return FALSE;

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "stages");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stages->len; i++)
    {
      Stage *stage = g_ptr_array_index (stages, i);

      json_builder_begin_object (builder);
      add_string_member (builder, "name", stage->name);
      add_int_member (builder, "position", stage->position);
      add_bool_member (builder, "closed", stage->closed);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "applications");
  json_builder_begin_array (builder);
  for (guint i = 0; i < list->len; i++)
    {
      CgApplicationDetails *d = g_ptr_array_index (list, i);
      g_autoptr(GPtrArray) history = cg_tracker_read_history_of (db, &reader, d->id, error);

      if (history == NULL)
        return FALSE;
      build_application (builder, d, history);
    }
  json_builder_end_array (builder);

  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  text = json_generator_to_data (generator, &length);

  return write_all (stream, text, length, cancellable, error) &&
         write_all (stream, "\n", 1, cancellable, error);
}
