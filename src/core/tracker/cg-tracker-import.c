/* cg-tracker-import.c: the tracker's import: CSV files from other trackers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read through the one CSV reader (cg-csv-reader.h) and the one date
 * parser (cg-date.h); the columns are found by their headers.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-csv-reader.h"
#include "cg-date.h"
#include "cg-tracker-private.h"

/* Import -------------------------------------------------------------------- */

typedef enum {
  COL_TITLE,
  COL_COMPANY,
  COL_STAGE,
  COL_DATE_APPLIED,
  COL_DATE_SAVED,
  COL_DEADLINE,
  COL_FOLLOW_UP,
  COL_PAY_ASKED,
  COL_PAY_OFFERED,
  COL_LOCATION,
  COL_EXCITEMENT,
  COL_NOTES,
  COL_URL,
  COL_TAGS,
  N_COLUMNS
} ImportColumn;

/* The headers other trackers (and our own export) use, as cg_csv_header_key()s:
 * any case, spaces and punctuation ignored ("Follow-up" is "Follow up"). */
static const struct {
  const char   *key;
  ImportColumn  column;
} import_headers[] = {
  { "title", COL_TITLE },
  { "jobtitle", COL_TITLE },
  { "position", COL_TITLE },
  { "jobposition", COL_TITLE },
  { "role", COL_TITLE },
  { "company", COL_COMPANY },
  { "companyname", COL_COMPANY },
  { "employer", COL_COMPANY },
  { "organization", COL_COMPANY },
  { "organisation", COL_COMPANY },
  { "status", COL_STAGE },
  { "stage", COL_STAGE },
  { "dateapplied", COL_DATE_APPLIED },
  { "applied", COL_DATE_APPLIED },
  { "appliedon", COL_DATE_APPLIED },
  { "applieddate", COL_DATE_APPLIED },
  { "datesaved", COL_DATE_SAVED },
  { "saved", COL_DATE_SAVED },
  { "savedon", COL_DATE_SAVED },
  { "deadline", COL_DEADLINE },
  { "applicationdeadline", COL_DEADLINE },
  { "followup", COL_FOLLOW_UP },
  { "followupdate", COL_FOLLOW_UP },
  { "salary", COL_PAY_ASKED },
  { "pay", COL_PAY_ASKED },
  { "payasked", COL_PAY_ASKED },
  { "payoffered", COL_PAY_OFFERED },
  { "salaryoffered", COL_PAY_OFFERED },
  { "location", COL_LOCATION },
  { "excitement", COL_EXCITEMENT },
  { "rating", COL_EXCITEMENT },
  { "notes", COL_NOTES },
  { "note", COL_NOTES },
  { "url", COL_URL },
  { "link", COL_URL },
  { "joburl", COL_URL },
  { "joblink", COL_URL },
  { "tags", COL_TAGS },
};

/* Other trackers' names for the seeded stages. */
static const struct {
  const char *key;
  const char *builtin;
} stage_aliases[] = {
  { "interview", "interviewing" },
  { "interviews", "interviewing" },
  { "bookmarked", "wishlist" },
  { "saved", "wishlist" },
  { "offered", "offer" },
  { "noresponse", "ghosted" },
  { "notselected", "rejected" },
  { "iwithdrew", "withdrawn" },
};

void
cg_tracker_import_report_clear (CgTrackerImportReport *report)
{
  report->imported = 0;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_clear_pointer (&report->new_stages, g_ptr_array_unref);
  g_clear_pointer (&report->ignored_columns, g_ptr_array_unref);
}

static void
import_problem_free (CgTrackerImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

typedef struct {
  sqlite3               *db;
  CgTrackerImportReport *report;
  sqlite3_stmt          *insert;
  GPtrArray             *cells;       /* the current row */
  guint                  row_line;    /* the line the current row starts on */
  gboolean               have_header;
  int                    columns[N_COLUMNS];
  GPtrArray             *header;
  GPtrArray             *stages;      /* Stage */
  GHashTable            *stage_keys;  /* stage_key () -> Stage */
  GHashTable            *existing;    /* application_key () of the rows there before */
  GError                *error;       /* a problem that stops the import */
} ImportState;

/* A stage name from elsewhere as a key: its letters and digits, or the
 * whole name when it has none. */
static char *
stage_key (const char *name)
{
  char *key = cg_csv_header_key (name);

  if (*key != '\0')
    return key;
  g_free (key);
  return cg_tracker_fold_key (name);
}

static char *
application_key (const char *company,
                 const char *title,
                 const char *date_applied)
{
  g_autofree char *c = cg_tracker_fold_key (company);
  g_autofree char *t = cg_tracker_fold_key (title);

  return g_strconcat (c, "\x1f", t, "\x1f", date_applied ? date_applied : "", NULL);
}

static const char *
import_cell (ImportState  *state,
             ImportColumn  column)
{
  int index = state->columns[column];

  if (index < 0 || (guint) index >= state->cells->len)
    return "";
  return g_ptr_array_index (state->cells, index);
}

static const char *
import_header (ImportState  *state,
               ImportColumn  column)
{
  return g_ptr_array_index (state->header, state->columns[column]);
}

static void
read_header (ImportState *state)
{
  state->header = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_COLUMNS; i++)
    state->columns[i] = -1;

  for (guint i = 0; i < state->cells->len; i++)
    {
      const char *name = g_ptr_array_index (state->cells, i);
      g_autofree char *key = cg_csv_header_key (name);
      gboolean used = FALSE;

      g_ptr_array_add (state->header, g_strdup (name));

      for (guint j = 0; j < G_N_ELEMENTS (import_headers); j++)
        if (strcmp (import_headers[j].key, key) == 0 &&
            state->columns[import_headers[j].column] < 0)
          {
            state->columns[import_headers[j].column] = (int) i;
            used = TRUE;
            break;
          }

      if (!used && !cg_tracker_is_blank (name))
        g_ptr_array_add (state->report->ignored_columns, g_strdup (name));
    }

  if (state->columns[COL_TITLE] < 0)
    g_set_error (&state->error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_PARSE,
                 _("The file has no column for the job title (such as “Title”, “Job Title” or "
                   "“Job Position”) on its first line"));
  state->have_header = TRUE;
}

/* A date as other trackers write it (see cg-date.h: CG_DATE_HUMAN), as
 * YYYY-MM-DD. @out is NULL for an empty cell. */
static gboolean
parse_import_date (const char  *text,
                   char       **out)
{
  *out = NULL;
  if (cg_tracker_is_blank (text))
    return TRUE;

  *out = cg_date_to_iso (text, CG_DATE_HUMAN);
  return *out != NULL;
}

static Stage *
find_import_stage (ImportState *state,
                   const char  *name)
{
  g_autofree char *key = stage_key (name);
  Stage *stage = g_hash_table_lookup (state->stage_keys, key);

  for (guint i = 0; stage == NULL && i < G_N_ELEMENTS (stage_aliases); i++)
    if (strcmp (stage_aliases[i].key, key) == 0)
      stage = cg_tracker_find_builtin (state->stages, stage_aliases[i].builtin);

  return stage;
}

static Stage *
default_import_stage (ImportState *state,
                      const char  *date_applied)
{
  Stage *applied = cg_tracker_find_builtin (state->stages, "applied");

  if (date_applied != NULL && applied != NULL)
    return applied;
  return state->stages->len > 0 ? g_ptr_array_index (state->stages, 0) : NULL;
}

static Stage *
create_import_stage (ImportState *state,
                     const char  *name)
{
  g_autofree char *clean = g_strstrip (g_strdelimit (g_strdup (name), "\r\n", ' '));
  Stage *stage;
  gint64 id = cg_tracker_insert_stage (state->db, clean, FALSE, &state->error);

  if (id == 0)
    return NULL;

  stage = g_new0 (Stage, 1);
  stage->id = id;
  stage->name = g_strdup (clean);
  stage->position = G_MAXINT;
  stage->stays = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (state->stages, stage);
  g_hash_table_insert (state->stage_keys, stage_key (clean), stage);
  g_ptr_array_add (state->report->new_stages, g_steal_pointer (&clean));

  return stage;
}

static void
add_import_tags (ImportState *state,
                 gint64       id,
                 const char  *text)
{
  g_auto(GStrv) split = g_strsplit_set (text, ";,\n", -1);
  g_auto(GStrv) tags = cg_tracker_clean_tags ((const char *const *) split, NULL);

  for (guint i = 0; tags != NULL && tags[i] != NULL && state->error == NULL; i++)
    cg_tracker_link_tag (state->db, id, tags[i], &state->error);
}

static const ImportColumn date_columns[] = {
  COL_DATE_APPLIED, COL_DATE_SAVED, COL_DEADLINE, COL_FOLLOW_UP,
};

/* Imports the current row, or notes its problems. @dates receives the
 * dates of date_columns, for the caller to free. */
static void
import_row_dates (ImportState *state,
                  char        *dates[G_N_ELEMENTS (date_columns)])
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *title = NULL;
  g_autofree char *key = NULL;
  g_autofree char *company = NULL;
  const char *stage_name;
  Stage *stage = NULL;
  int excitement = 0;
  gboolean blank = TRUE;
  gint64 id;

  for (guint i = 0; i < state->cells->len && blank; i++)
    blank = cg_tracker_is_blank (g_ptr_array_index (state->cells, i));
  if (blank)
    return;

  title = g_strstrip (g_strdup (import_cell (state, COL_TITLE)));
  if (*title == '\0')
    g_ptr_array_add (problems, g_strdup (_("no title")));

  for (guint i = 0; i < G_N_ELEMENTS (date_columns); i++)
    if (!parse_import_date (import_cell (state, date_columns[i]), &dates[i]))
      g_ptr_array_add (problems,
                       g_strdup_printf (_("“%s” is not a date (%s)"),
                                        import_cell (state, date_columns[i]),
                                        import_header (state, date_columns[i])));

  if (!cg_tracker_parse_excitement (import_cell (state, COL_EXCITEMENT), &excitement))
    g_ptr_array_add (problems, g_strdup_printf (_("“%s” is not an excitement from 0 to 5 (%s)"),
                                                import_cell (state, COL_EXCITEMENT),
                                                import_header (state, COL_EXCITEMENT)));

  company = g_strstrip (g_strdup (import_cell (state, COL_COMPANY)));
  key = application_key (company, title, dates[0]);
  if (problems->len == 0 && g_hash_table_contains (state->existing, key))
    g_ptr_array_add (problems, g_strdup (_("already tracked")));

  if (problems->len > 0)
    {
      CgTrackerImportProblem *problem = g_new0 (CgTrackerImportProblem, 1);

      g_ptr_array_add (problems, NULL);
      problem->line = state->row_line;
      problem->message = g_strjoinv ("; ", (char **) problems->pdata);
      g_ptr_array_add (state->report->problems, problem);
      return;
    }

  stage_name = import_cell (state, COL_STAGE);
  if (cg_tracker_is_blank (stage_name))
    stage = default_import_stage (state, dates[0]);
  else if ((stage = find_import_stage (state, stage_name)) == NULL)
    stage = create_import_stage (state, stage_name);
  if (stage == NULL)
    {
      if (state->error == NULL)
        g_set_error (&state->error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_NOT_FOUND,
                     _("There are no stages"));
      return;
    }

  sqlite3_reset (state->insert);
  cg_db_bind_text (state->insert, 1, title);
  cg_db_bind_text (state->insert, 2, cg_tracker_nullify (company));
  cg_db_bind_text (state->insert, 3, cg_tracker_nullify (import_cell (state, COL_LOCATION)));
  cg_db_bind_text (state->insert, 4, cg_tracker_nullify (import_cell (state, COL_URL)));
  sqlite3_bind_int64 (state->insert, 5, stage->id);
  cg_db_bind_text (state->insert, 6, dates[0]);
  cg_db_bind_text (state->insert, 7, dates[1]);
  cg_db_bind_text (state->insert, 8, dates[2]);
  cg_db_bind_text (state->insert, 9, dates[3]);
  cg_db_bind_text (state->insert, 10, cg_tracker_nullify (import_cell (state, COL_PAY_ASKED)));
  cg_db_bind_text (state->insert, 11, cg_tracker_nullify (import_cell (state, COL_PAY_OFFERED)));
  sqlite3_bind_int (state->insert, 12, excitement);
  cg_db_bind_text (state->insert, 13, cg_tracker_nullify (import_cell (state, COL_NOTES)));
  if (!cg_db_step_done (state->db, state->insert, &state->error))
    return;
  id = sqlite3_last_insert_rowid (state->db);

  if (!cg_tracker_add_history (state->db, id, "stage", NULL, stage->name, &state->error))
    return;
  add_import_tags (state, id, import_cell (state, COL_TAGS));
  state->report->imported++;
}

static void
import_row (ImportState *state)
{
  char *dates[G_N_ELEMENTS (date_columns)] = { NULL, };

  import_row_dates (state, dates);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_free (dates[i]);
}

static gboolean
import_row_cb (const CgCsvRow  *row,
               gpointer         user_data,
               GError         **error)
{
  ImportState *state = user_data;

  g_ptr_array_set_size (state->cells, 0);
  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *cell = row->cells[i];

      /* the ' that keeps a formula inert in a spreadsheet (see append_csv_cell()) */
      if (cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\n", cell[1]) != NULL)
        cell++;
      g_ptr_array_add (state->cells, g_strdup (cell));
    }
  state->row_line = row->line;

  if (!state->have_header)
    read_header (state);
  else
    import_row (state);

  if (state->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&state->error));
      return FALSE;
    }
  return TRUE;
}

static void
import_state_clear (ImportState *state)
{
  g_clear_pointer (&state->insert, sqlite3_finalize);
  g_clear_pointer (&state->cells, g_ptr_array_unref);
  g_clear_pointer (&state->header, g_ptr_array_unref);
  g_clear_pointer (&state->stage_keys, g_hash_table_unref);
  g_clear_pointer (&state->stages, g_ptr_array_unref);
  g_clear_pointer (&state->existing, g_hash_table_unref);
  g_clear_error (&state->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportState, import_state_clear)

/* The keys of the applications already tracked, to skip rows that repeat
 * them (as when a file is imported twice). */
static GHashTable *
existing_keys (sqlite3  *db,
               GError  **error)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db,
    "SELECT company, title, date_applied FROM applications", error);
  int rc;

  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (keys, application_key (cg_db_column_text (stmt, 0),
                                             cg_db_column_text (stmt, 1),
                                             cg_db_column_text (stmt, 2)));
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the library"));
      return NULL;
    }

  return g_steal_pointer (&keys);
}

static gboolean
import_state_init (ImportState            *state,
                   sqlite3                *db,
                   CgTrackerImportReport  *report,
                   GError                **error)
{
  state->db = db;
  state->report = report;
  state->cells = g_ptr_array_new_with_free_func (g_free);

  if ((state->stages = cg_tracker_load_stages (db, error)) == NULL ||
      (state->existing = existing_keys (db, error)) == NULL)
    return FALSE;
  state->stage_keys = cg_tracker_stage_name_map (state->stages, stage_key);

  state->insert = cg_db_prepare (db,
    "INSERT INTO applications (title, company, location, url, stage, date_applied, date_saved,"
    " deadline, follow_up, pay_asked, pay_offered, excitement, notes)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  return state->insert != NULL;
}

/* The reader's errors as the tracker's. */
static void
set_import_error (GError **error,
                  GError  *csv_error)
{
  int code = CG_TRACKER_ERROR_PARSE;

  if (csv_error->domain != CG_CSV_ERROR)
    {
      g_propagate_error (error, csv_error);
      return;
    }
  if (csv_error->code == CG_CSV_ERROR_ENCODING)
    code = CG_TRACKER_ERROR_ENCODING;
  g_set_error_literal (error, CG_TRACKER_ERROR, code, csv_error->message);
  g_error_free (csv_error);
}

gboolean
cg_tracker_import_csv (CgLibrary              *library,
                       const char             *path,
                       CgTrackerImportReport  *report,
                       GError                **error)
{
  g_auto(ImportState) state = { NULL, };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (library), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  cg_tracker_import_report_clear (report);

  if ((db = cg_tracker_get_db (library, error)) == NULL ||
      !g_file_get_contents (path, &contents, &length, error))
    return FALSE;

  report->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) import_problem_free);
  report->new_stages = g_ptr_array_new_with_free_func (g_free);
  report->ignored_columns = g_ptr_array_new_with_free_func (g_free);

  if (!cg_db_begin (db, error))
    goto fail;

  if (!import_state_init (&state, db, report, error))
    {
      cg_db_rollback (db);
      goto fail;
    }

  if (!cg_csv_read (contents, length, CG_CSV_STRICT, '\0', import_row_cb, &state, &local_error))
    {
      cg_db_rollback (db);
      set_import_error (error, g_steal_pointer (&local_error));
      goto fail;
    }

  if (!cg_tracker_end_transaction (db, TRUE, error))
    goto fail;

  return TRUE;

fail:
  cg_tracker_import_report_clear (report);
  return FALSE;
}
