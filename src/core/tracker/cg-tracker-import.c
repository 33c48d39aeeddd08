/* cg-tracker-import.c: the tracker's import: CSV files from other trackers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Read through the one CSV reader (cg-csv-reader.h) and the one date
 * parser (cg-date.h); the columns are found by their headers. A value is
 * never a reason to lose a row: "-", "N/A" and "none" read as empty, a
 * date that does not read and the columns with no field of their own go
 * to the notes as "Header: value" lines, and a rating on another scale
 * (0 to 10, 0 to 100, stars) is rescaled to 0 to 5. Only a row with
 * neither a title nor a company is refused. The rows are read first, so
 * that a rating column's scale is known before the first is stored; the
 * history of each application is dated by the dates the file gives.
 */
#define G_LOG_DOMAIN "cg-tracker"

#include "config.h"

#include <math.h>
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
  COL_LAST_MOVED,
  COL_PAY_ASKED,
  COL_PAY_OFFERED,
  COL_LOCATION,
  COL_EXCITEMENT,
  COL_NOTES,
  COL_URL,
  COL_TAGS,
  COL_RESUME,
  COL_COVER_LETTER,
  N_COLUMNS,
  /* our own export's bookkeeping, which an import makes anew */
  COL_SKIP = N_COLUMNS,
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
  { "applicationdate", COL_DATE_APPLIED },
  { "datesaved", COL_DATE_SAVED },
  { "saved", COL_DATE_SAVED },
  { "savedon", COL_DATE_SAVED },
  { "createdat", COL_DATE_SAVED },
  { "dateadded", COL_DATE_SAVED },
  { "deadline", COL_DEADLINE },
  { "applicationdeadline", COL_DEADLINE },
  { "followup", COL_FOLLOW_UP },
  { "followupdate", COL_FOLLOW_UP },
  { "lastmoved", COL_LAST_MOVED },
  { "lastmovedat", COL_LAST_MOVED },
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
  { "resume", COL_RESUME },
  { "coverletter", COL_COVER_LETTER },
  /* our export's columns that an import does not read back */
  { "id", COL_SKIP },
  { "jobkey", COL_SKIP },
  { "interviews", COL_SKIP },
  { "contacts", COL_SKIP },
  { "archived", COL_SKIP },
  { "created", COL_SKIP },
  { "updated", COL_SKIP },
  { "stagehistory", COL_SKIP },
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
  g_clear_pointer (&report->adjusted, g_ptr_array_unref);
}

static void
import_problem_free (CgTrackerImportProblem *problem)
{
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *list,
             guint       line,
             GPtrArray  *messages)
{
  CgTrackerImportProblem *problem = g_new0 (CgTrackerImportProblem, 1);

  g_ptr_array_add (messages, NULL);
  problem->line = line;
  problem->message = g_strjoinv ("; ", (char **) messages->pdata);
  g_ptr_array_add (list, problem);
}

/* One row of the file, kept until every row is read. */
typedef struct {
  guint  line;
  GStrv  cells;
} ImportRow;

static void
import_row_free (ImportRow *row)
{
  g_strfreev (row->cells);
  g_free (row);
}

/* How a rating column reads: the scale its numbers are on (5, 10 or 100;
 * 0 when they are on none), or stars. */
typedef struct {
  double   scale;
  gboolean stars;
} RatingScale;

typedef struct {
  sqlite3               *db;
  CgTrackerImportReport *report;
  sqlite3_stmt          *insert;
  sqlite3_stmt          *history;
  GPtrArray             *rows;        /* ImportRow, after the header */
  ImportRow             *row;         /* the one being imported */
  gboolean               have_header;
  int                    columns[N_COLUMNS];
  gboolean              *in_notes;    /* by column: kept in the notes */
  GPtrArray             *header;
  RatingScale            rating;
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


/* What spreadsheets write for nothing: "-", "N/A", "none" and the like. */
static gboolean
is_empty_value (const char *text)
{
  static const char *const nothing[] = { "-", "\u2013", "\u2014", "n/a", "none", "null", NULL };
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = g_utf8_casefold (copy, -1);

  return *copy == '\0' || g_strv_contains (nothing, folded);
}

/* The cell of @column, stripped; "" when empty or standing for nothing. */
static const char *
row_cell (ImportState *state,
          ImportRow   *row,
          guint        index)
{
  const char *cell;

  if (index >= g_strv_length (row->cells))
    return "";
  cell = row->cells[index];
  return is_empty_value (cell) ? "" : cell;
}

static const char *
import_cell (ImportState  *state,
             ImportColumn  column)
{
  int index = state->columns[column];

  return index < 0 ? "" : row_cell (state, state->row, (guint) index);
}

static const char *
import_header (ImportState  *state,
               ImportColumn  column)
{
  return g_ptr_array_index (state->header, state->columns[column]);
}

static void
read_header (ImportState    *state,
             const CgCsvRow *row)
{
  state->header = g_ptr_array_new_with_free_func (g_free);
  state->in_notes = g_new0 (gboolean, row->n_cells);

  for (guint i = 0; i < N_COLUMNS; i++)
    state->columns[i] = -1;

  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *name = row->cells[i];
      g_autofree char *key = cg_csv_header_key (name);
      gboolean used = FALSE;

      g_ptr_array_add (state->header, cg_tracker_is_blank (name)
                                      ? g_strdup_printf (_("Column %u"), i + 1)
                                      : g_strstrip (g_strdup (name)));

      for (guint j = 0; j < G_N_ELEMENTS (import_headers) && !used; j++)
        if (strcmp (import_headers[j].key, key) == 0)
          {
            ImportColumn column = import_headers[j].column;

            if (column == COL_SKIP)
              used = TRUE;
            else if (state->columns[column] < 0)
              {
                state->columns[column] = (int) i;
                used = TRUE;
              }
          }

      if (!used && !cg_tracker_is_blank (name))
        g_ptr_array_add (state->report->ignored_columns, g_strdup (name));
      state->in_notes[i] = !used;
    }

  if (state->columns[COL_TITLE] < 0 && state->columns[COL_COMPANY] < 0)
    g_set_error (&state->error, CG_TRACKER_ERROR, CG_TRACKER_ERROR_PARSE,
                 _("The file has no column for the job title or the company (such as "
                   "“Title”, “Job Position” or “Company”) on its first line"));
  state->have_header = TRUE;
}

/* A rating cell: a number (maybe "8/10"), or stars ("★★★☆☆"). @out_of is
 * the scale the cell names itself, else 0. */
static gboolean
parse_rating (const char *text,
              double     *value,
              double     *out_of,
              gboolean   *stars)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  const char *slash = strchr (copy, '/');
  char *end = NULL;
  guint n_stars = 0;
  gboolean only_stars = *copy != '\0';

  for (const char *p = copy; *p != '\0' && only_stars; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0x2605 || c == 0x2B50)   /* ★ ⭐ */
        n_stars++;
      else if (c != 0x2606 && !g_unichar_isspace (c))   /* ☆ */
        only_stars = FALSE;
    }
  if (only_stars)
    {
      *value = n_stars;
      *out_of = 0;
      *stars = TRUE;
      return TRUE;
    }

  *stars = FALSE;
  *out_of = 0;
  *value = g_ascii_strtod (copy, &end);
  if (end == copy || !isfinite (*value) || *value < 0)
    return FALSE;
  while (g_ascii_isspace (*end))
    end++;
  if (slash != NULL && end == slash)
    {
      const char *q = slash + 1;

      *out_of = g_ascii_strtod (q, &end);
      if (end == q || !isfinite (*out_of) || *out_of <= 0 || *value > *out_of)
        return FALSE;
      while (g_ascii_isspace (*end))
        end++;
    }
  return *end == '\0';
}

/* The scale of the rating column, from the largest number in it. */
static void
find_rating_scale (ImportState *state)
{
  double largest = 0;
  guint most_stars = 0;

  state->rating.scale = 5;
  state->rating.stars = FALSE;
  if (state->columns[COL_EXCITEMENT] < 0)
    return;

  for (guint i = 0; i < state->rows->len; i++)
    {
      ImportRow *row = g_ptr_array_index (state->rows, i);
      double value, out_of;
      gboolean stars;

      if (!parse_rating (row_cell (state, row, (guint) state->columns[COL_EXCITEMENT]),
                         &value, &out_of, &stars) || out_of > 0)
        continue;
      if (stars)
        most_stars = MAX (most_stars, (guint) value);
      else
        largest = MAX (largest, value);
    }

  if (largest <= 5)
    state->rating.scale = 5;
  else if (largest <= 10)
    state->rating.scale = 10;
  else if (largest <= 100)
    state->rating.scale = 100;
  else
    state->rating.scale = 0;
  state->rating.stars = most_stars > 5;
  if (state->rating.stars)
    state->rating.scale = most_stars;
}

/* Our excitement (0 to 5) for a rating cell, or FALSE when it is not one.
 * @rescaled tells whether it was on another scale. */
static gboolean
read_rating (ImportState *state,
             const char  *text,
             int         *excitement,
             gboolean    *rescaled)
{
  double value, out_of, scale;
  gboolean stars;

  *excitement = 0;
  *rescaled = FALSE;
  if (*text == '\0')
    return TRUE;
  if (!parse_rating (text, &value, &out_of, &stars))
    return FALSE;

  if (out_of > 0)
    scale = out_of;
  else if (stars)
    scale = state->rating.stars ? state->rating.scale : 5;
  else
    scale = state->rating.scale;
  if (scale <= 0 || value > scale)
    return FALSE;

  *excitement = (int) floor (value * 5 / scale + 0.5);
  if (value > 0 && *excitement == 0)
    *excitement = 1;
  *rescaled = scale != 5 || value != *excitement;
  return TRUE;
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

/* One entry of an imported application's history: the stage a date of the
 * file implies. */
typedef struct {
  const char *date;
  Stage      *stage;
} HistoryStep;

static int
compare_steps (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const HistoryStep *) a)->date, ((const HistoryStep *) b)->date);
}

static gboolean
add_dated_history (ImportState *state,
                   gint64       id,
                   const char  *date,
                   const char  *old_name,
                   const char  *new_name)
{
  g_autofree char *time = g_strconcat (date, "T12:00:00Z", NULL);

  sqlite3_reset (state->history);
  sqlite3_bind_int64 (state->history, 1, id);
  cg_db_bind_text (state->history, 2, time);
  cg_db_bind_text (state->history, 3, old_name);
  cg_db_bind_text (state->history, 4, new_name);
  return cg_db_step_done (state->db, state->history, &state->error);
}

/* The stage history the file's dates tell: saved (the first stage),
 * applied (Applied), then the stage it is in now, when last moved or else
 * on the last of those dates; each only when the stage it implies is not
 * after the current one. Without dates, one entry of today, as for an
 * application made by hand. */
static gboolean
add_import_history (ImportState *state,
                    gint64       id,
                    Stage       *stage,
                    const char  *date_saved,
                    const char  *date_applied,
                    const char  *last_moved)
{
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (HistoryStep));
  Stage *first = state->stages->len > 0 ? g_ptr_array_index (state->stages, 0) : NULL;
  Stage *wishlist = cg_tracker_find_builtin (state->stages, "wishlist");
  Stage *applied = cg_tracker_find_builtin (state->stages, "applied");
  const char *last = NULL;
  Stage *previous = NULL;

  if (wishlist == NULL)
    wishlist = first;

  if (date_saved != NULL && wishlist != NULL && wishlist->position <= stage->position)
    g_array_append_val (steps, ((HistoryStep) { date_saved, wishlist }));
  if (date_applied != NULL && applied != NULL && applied->position <= stage->position)
    g_array_append_val (steps, ((HistoryStep) { date_applied, applied }));
  g_array_sort (steps, compare_steps);

  for (guint i = 0; i < steps->len; i++)
    last = g_array_index (steps, HistoryStep, i).date;
  if (last_moved != NULL && (last == NULL || strcmp (last_moved, last) >= 0))
    last = last_moved;
  if (last == NULL)
    last = date_applied != NULL ? date_applied : date_saved;
  if (last == NULL)
    return cg_tracker_add_history (state->db, id, "stage", NULL, stage->name, &state->error);
  g_array_append_val (steps, ((HistoryStep) { last, stage }));

  for (guint i = 0; i < steps->len; i++)
    {
      HistoryStep *step = &g_array_index (steps, HistoryStep, i);

      if (step->stage == previous)
        continue;
      if (!add_dated_history (state, id, step->date, previous ? previous->name : NULL,
                              step->stage->name))
        return FALSE;
      previous = step->stage;
    }

  return TRUE;
}

static const ImportColumn date_columns[] = {
  COL_DATE_APPLIED, COL_DATE_SAVED, COL_DEADLINE, COL_FOLLOW_UP, COL_LAST_MOVED,
};

/* "Header: value" for the notes */
static void
keep_in_notes (GString    *notes,
               const char *header,
               const char *value)
{
  g_string_append_printf (notes, "%s%s: %s", notes->len > 0 ? "\n" : "", header, value);
}

/* Imports the current row, or notes why not. @dates receives the dates of
 * date_columns, for the caller to free. */
static void
import_row_dates (ImportState *state,
                  char        *dates[G_N_ELEMENTS (date_columns)])
{
  g_autoptr(GPtrArray) adjusted = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) kept = g_string_new (NULL);
  g_autoptr(GString) notes = NULL;
  g_autofree char *title = NULL;
  g_autofree char *key = NULL;
  g_autofree char *company = NULL;
  const char *stage_name;
  const char *rating;
  Stage *stage = NULL;
  int excitement = 0;
  gboolean rescaled;
  gboolean blank = TRUE;
  gint64 id;

  for (guint i = 0; state->row->cells[i] != NULL && blank; i++)
    blank = cg_tracker_is_blank (state->row->cells[i]);
  if (blank)
    return;

  title = g_strstrip (g_strdup (import_cell (state, COL_TITLE)));
  company = g_strstrip (g_strdup (import_cell (state, COL_COMPANY)));
  if (*title == '\0' && *company == '\0')
    {
      g_ptr_array_add (adjusted, g_strdup (_("neither a title nor a company")));
      add_problem (state->report->problems, state->row->line, adjusted);
      return;
    }

  /* what has no field of its own, or does not read, goes to the notes */
  for (guint i = 0; i < G_N_ELEMENTS (date_columns); i++)
    {
      const char *cell = import_cell (state, date_columns[i]);

      if (*cell != '\0' && (dates[i] = cg_date_to_iso (cell, CG_DATE_HUMAN)) == NULL)
        {
          keep_in_notes (kept, import_header (state, date_columns[i]), cell);
          g_ptr_array_add (adjusted,
                           g_strdup_printf (_("“%s” is not a date: kept in the notes (%s)"),
                                            cell, import_header (state, date_columns[i])));
        }
    }

  rating = import_cell (state, COL_EXCITEMENT);
  if (!read_rating (state, rating, &excitement, &rescaled))
    {
      keep_in_notes (kept, import_header (state, COL_EXCITEMENT), rating);
      g_ptr_array_add (adjusted,
                       g_strdup_printf (_("“%s” is not a rating: kept in the notes (%s)"),
                                        rating, import_header (state, COL_EXCITEMENT)));
    }
  else if (rescaled)
    {
      g_autofree char *shown = g_strstrip (g_strdup (rating));

      g_ptr_array_add (adjusted, g_strdup_printf (_("%s “%s” read as %d of 5"),
                                                  import_header (state, COL_EXCITEMENT), shown,
                                                  excitement));
    }

  for (guint i = 0; state->row->cells[i] != NULL && i < state->header->len; i++)
    if (state->in_notes[i] && *row_cell (state, state->row, i) != '\0')
      keep_in_notes (kept, g_ptr_array_index (state->header, i), row_cell (state, state->row, i));

  /* before the key, so that importing the file again finds it */
  if (*title == '\0')
    {
      g_free (title);
      title = g_strdup (_("Untitled"));
      g_ptr_array_add (adjusted, g_strdup (_("no title")));
    }

  key = application_key (company, title, dates[0]);
  if (g_hash_table_contains (state->existing, key))
    {
      g_ptr_array_set_size (adjusted, 0);
      g_ptr_array_add (adjusted, g_strdup (_("already tracked")));
      add_problem (state->report->problems, state->row->line, adjusted);
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

  notes = g_string_new (import_cell (state, COL_NOTES));
  if (kept->len > 0)
    g_string_append_printf (notes, "%s%s", notes->len > 0 ? "\n\n" : "", kept->str);

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
  cg_db_bind_text (state->insert, 13, cg_tracker_nullify (notes->str));
  cg_db_bind_text (state->insert, 14, cg_tracker_nullify (import_cell (state, COL_RESUME)));
  cg_db_bind_text (state->insert, 15, cg_tracker_nullify (import_cell (state, COL_COVER_LETTER)));
  if (!cg_db_step_done (state->db, state->insert, &state->error))
    return;
  id = sqlite3_last_insert_rowid (state->db);

  if (!add_import_history (state, id, stage, dates[1], dates[0], dates[4]))
    return;
  add_import_tags (state, id, import_cell (state, COL_TAGS));
  state->report->imported++;
  if (adjusted->len > 0)
    add_problem (state->report->adjusted, state->row->line, adjusted);
}

static void
import_row (ImportState *state,
            ImportRow   *row)
{
  char *dates[G_N_ELEMENTS (date_columns)] = { NULL, };

  state->row = row;
  import_row_dates (state, dates);
  state->row = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    g_free (dates[i]);
}

/* Reads the header, and keeps the other rows for import_rows(). */
static gboolean
import_row_cb (const CgCsvRow  *row,
               gpointer         user_data,
               GError         **error)
{
  ImportState *state = user_data;
  ImportRow *kept;
  GStrvBuilder *cells;

  if (!state->have_header)
    {
      read_header (state, row);
      if (state->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&state->error));
          return FALSE;
        }
      return TRUE;
    }

  cells = g_strv_builder_new ();
  for (guint i = 0; i < row->n_cells; i++)
    {
      const char *cell = row->cells[i];

      /* the ' that keeps a formula inert in a spreadsheet (see append_csv_cell()) */
      if (cell[0] == '\'' && cell[1] != '\0' && strchr ("=+-@\t\n", cell[1]) != NULL)
        cell++;
      g_strv_builder_add (cells, cell);
    }
  kept = g_new0 (ImportRow, 1);
  kept->line = row->line;
  kept->cells = g_strv_builder_end (cells);
  g_strv_builder_unref (cells);
  g_ptr_array_add (state->rows, kept);
  return TRUE;
}

static gboolean
import_rows (ImportState  *state,
             GError      **error)
{
  find_rating_scale (state);

  for (guint i = 0; i < state->rows->len && state->error == NULL; i++)
    import_row (state, g_ptr_array_index (state->rows, i));

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
  g_clear_pointer (&state->history, sqlite3_finalize);
  g_clear_pointer (&state->rows, g_ptr_array_unref);
  g_clear_pointer (&state->header, g_ptr_array_unref);
  g_clear_pointer (&state->in_notes, g_free);
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
  state->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) import_row_free);

  if ((state->stages = cg_tracker_load_stages (db, error)) == NULL ||
      (state->existing = existing_keys (db, error)) == NULL)
    return FALSE;
  state->stage_keys = cg_tracker_stage_name_map (state->stages, stage_key);

  state->insert = cg_db_prepare (db,
    "INSERT INTO applications (title, company, location, url, stage, date_applied, date_saved,"
    " deadline, follow_up, pay_asked, pay_offered, excitement, notes, resume_path,"
    " cover_letter_path)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  state->history = cg_db_prepare (db,
    "INSERT INTO application_history (application, time, field, old_value, new_value)"
    " VALUES (?, ?, 'stage', ?, ?)", error);
  return state->insert != NULL && state->history != NULL;
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
  report->adjusted = g_ptr_array_new_with_free_func ((GDestroyNotify) import_problem_free);

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

  if (!import_rows (&state, error))
    {
      cg_db_rollback (db);
      goto fail;
    }

  if (!cg_tracker_end_transaction (db, TRUE, error))
    goto fail;

  return TRUE;

fail:
  cg_tracker_import_report_clear (report);
  return FALSE;
}
