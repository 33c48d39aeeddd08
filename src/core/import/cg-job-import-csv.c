/* cg-job-import-csv.c: CSV files of job postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV with a header row (exports of job boards and scrapers), streamed a
 * line at a time (see CgImportReader) through the one CSV reader,
 * CgCsvReader, lenient about quotes. The columns are found by their header
 * keys (cg_csv_header_key()), in many spellings ("Job Title", "position",
 * "job_title", ...), and each row becomes a record whose strings point into
 * a copy of the row's cells, cut in place. Plain-text descriptions skip the
 * HTML parser (see cg-job-import-plain-text.c).
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-csv-reader.h"
#include "cg-date.h"
#include "cg-html-markdown.h"
#include "cg-job-import-private.h"

#define MAX_CSV_COLUMNS 4096

typedef enum {
  COL_TITLE,
  COL_COMPANY,
  COL_LOCATION,
  COL_REGION,
  COL_SALARY,
  COL_SALARY_MIN,
  COL_SALARY_MAX,
  COL_PAY_PERIOD,
  COL_CURRENCY,
  COL_URL,
  COL_POSTED,
  COL_EXPIRES,
  COL_DESCRIPTION,
  COL_TYPE,
  COL_REMOTE,
  COL_CATEGORY,
  COL_IDENTIFIER,
  N_COLS
} Column;

/* Header names, lower case without spaces, "_", "-" or "."; for each
 * column, the earlier names win ("title" over "name"). */
static const struct {
  const char *name;
  Column      column;
} csv_headers[] = {
  { "title", COL_TITLE }, { "jobtitle", COL_TITLE }, { "position", COL_TITLE },
  { "positiontitle", COL_TITLE }, { "jobposition", COL_TITLE }, { "jobname", COL_TITLE },
  { "role", COL_TITLE }, { "name", COL_TITLE }, { "job", COL_TITLE },

  { "company", COL_COMPANY }, { "companyname", COL_COMPANY }, { "employer", COL_COMPANY },
  { "employername", COL_COMPANY }, { "organization", COL_COMPANY },
  { "organisation", COL_COMPANY }, { "hiringorganization", COL_COMPANY },
  { "hiringorganisation", COL_COMPANY }, { "hiringcompany", COL_COMPANY },

  { "location", COL_LOCATION }, { "joblocation", COL_LOCATION }, { "locations", COL_LOCATION },
  { "worklocation", COL_LOCATION }, { "city", COL_LOCATION }, { "place", COL_LOCATION },

  { "state", COL_REGION }, { "region", COL_REGION }, { "province", COL_REGION },

  { "salary", COL_SALARY }, { "pay", COL_SALARY }, { "salaryestimate", COL_SALARY },
  { "compensation", COL_SALARY }, { "salaryrange", COL_SALARY }, { "payrange", COL_SALARY },
  { "wage", COL_SALARY }, { "wages", COL_SALARY },

  { "minsalary", COL_SALARY_MIN }, { "salarymin", COL_SALARY_MIN },
  { "minimumsalary", COL_SALARY_MIN }, { "minpay", COL_SALARY_MIN },
  { "paymin", COL_SALARY_MIN }, { "salaryfrom", COL_SALARY_MIN }, { "minamount", COL_SALARY_MIN },

  { "maxsalary", COL_SALARY_MAX }, { "salarymax", COL_SALARY_MAX },
  { "maximumsalary", COL_SALARY_MAX }, { "maxpay", COL_SALARY_MAX },
  { "paymax", COL_SALARY_MAX }, { "salaryto", COL_SALARY_MAX }, { "maxamount", COL_SALARY_MAX },

  { "payperiod", COL_PAY_PERIOD }, { "salaryperiod", COL_PAY_PERIOD },
  { "salaryunit", COL_PAY_PERIOD }, { "payunit", COL_PAY_PERIOD },
  { "interval", COL_PAY_PERIOD }, { "unittext", COL_PAY_PERIOD },

  { "currency", COL_CURRENCY }, { "salarycurrency", COL_CURRENCY }, { "paycurrency", COL_CURRENCY },

  { "url", COL_URL }, { "link", COL_URL }, { "joburl", COL_URL }, { "joblink", COL_URL },
  { "applyurl", COL_URL }, { "applicationurl", COL_URL }, { "jobpostingurl", COL_URL },
  { "postingurl", COL_URL }, { "href", COL_URL },

  { "posted", COL_POSTED }, { "date", COL_POSTED }, { "dateposted", COL_POSTED },
  { "posteddate", COL_POSTED }, { "postingdate", COL_POSTED }, { "postedat", COL_POSTED },
  { "datepublished", COL_POSTED }, { "published", COL_POSTED }, { "created", COL_POSTED },
  { "createdat", COL_POSTED }, { "listedtime", COL_POSTED },

  { "validthrough", COL_EXPIRES }, { "expires", COL_EXPIRES }, { "expiry", COL_EXPIRES },
  { "expirationdate", COL_EXPIRES }, { "closingdate", COL_EXPIRES }, { "deadline", COL_EXPIRES },
  { "applicationdeadline", COL_EXPIRES }, { "validuntil", COL_EXPIRES },

  { "description", COL_DESCRIPTION }, { "jobdescription", COL_DESCRIPTION },
  { "summary", COL_DESCRIPTION }, { "details", COL_DESCRIPTION },
  { "jobsummary", COL_DESCRIPTION }, { "jobdetails", COL_DESCRIPTION },

  { "type", COL_TYPE }, { "employmenttype", COL_TYPE }, { "jobtype", COL_TYPE },
  { "contracttype", COL_TYPE }, { "worktype", COL_TYPE }, { "formattedworktype", COL_TYPE },

  { "remote", COL_REMOTE }, { "workarrangement", COL_REMOTE }, { "arrangement", COL_REMOTE },
  { "workplacetype", COL_REMOTE }, { "locationtype", COL_REMOTE }, { "joblocationtype", COL_REMOTE },
  { "isremote", COL_REMOTE }, { "remoteallowed", COL_REMOTE }, { "workmodel", COL_REMOTE },
  { "worksetting", COL_REMOTE },

  { "category", COL_CATEGORY }, { "jobcategory", COL_CATEGORY },
  { "occupationalcategory", COL_CATEGORY }, { "jobfunction", COL_CATEGORY },

  { "jobid", COL_IDENTIFIER }, { "postingid", COL_IDENTIFIER }, { "requisitionid", COL_IDENTIFIER },
  { "reqid", COL_IDENTIFIER }, { "identifier", COL_IDENTIFIER }, { "jobreference", COL_IDENTIFIER },
};

typedef struct {
  CgImport    *im;
  CgCsvReader *reader;

  GString     *cells;       /* the row's cells, each NUL-terminated */
  GArray      *offsets;     /* of gsize: where each cell starts in cells */
  gboolean     invalid;     /* a cell of the row is not UTF-8 */

  gboolean     have_header;
  int          columns[N_COLS];
  guint        priorities[N_COLS];
  guint        n_wanted;    /* cells kept of each row */

  guint        row_line;    /* the line the row started on */
  gboolean     at_row_start;
  gsize        row_bytes;

  GPtrArray   *locations;   /* of char *, into cells (or extra) */
  GString     *extra;       /* "City, ST" made from two columns */
  GString     *description; /* the row's description, as Markdown */
  char         region[8];
  char         posted[11];
  char         expires[11];

  GError      *error;       /* stops the reader */
} Csv;

static void
csv_read_header (Csv *csv)
{
  gboolean blank = TRUE;

  for (guint i = 0; i < csv->offsets->len && blank; i++)
    if (csv->cells->str[g_array_index (csv->offsets, gsize, i)] != '\0')
      blank = FALSE;
  if (blank)
    return;

  if (csv->invalid)
    {
      g_set_error_literal (&csv->error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT,
                           _("The first line (the column names) is not UTF-8 text"));
      return;
    }

  for (guint i = 0; i < N_COLS; i++)
    {
      csv->columns[i] = -1;
      csv->priorities[i] = G_MAXUINT;
    }

  for (guint i = 0; i < csv->offsets->len; i++)
    {
      g_autofree char *name = cg_csv_header_key (csv->cells->str +
                                                 g_array_index (csv->offsets, gsize, i));

      if (*name == '\0')
        continue;

      for (guint h = 0; h < G_N_ELEMENTS (csv_headers); h++)
        {
          Column column = csv_headers[h].column;

          if (strcmp (name, csv_headers[h].name) == 0 && h < csv->priorities[column])
            {
              csv->columns[column] = (int) i;
              csv->priorities[column] = h;
            }
        }
    }

  if (csv->columns[COL_TITLE] < 0)
    {
      g_set_error_literal (&csv->error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_TITLE_COLUMN,
                           _("No title column (expected one of: title, position, job title)"));
      return;
    }

  csv->n_wanted = 0;
  for (guint i = 0; i < N_COLS; i++)
    if (csv->columns[i] >= 0)
      csv->n_wanted = MAX (csv->n_wanted, (guint) csv->columns[i] + 1);

  csv->have_header = TRUE;
  /* Only the cells that are read are kept */
  cg_csv_reader_set_limits (csv->reader, csv->n_wanted, 0);
}

static gboolean
is_missing (const char *text)
{
  static const char * const missing[] = { "-1", "-", "n/a", "na", "null", "none", "nan", "nil" };

  if (*text == '\0')
    return TRUE;
  if (strlen (text) > 4)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
    if (g_ascii_strcasecmp (text, missing[i]) == 0)
      return TRUE;

  return FALSE;
}

/* The row's cell for @column, without surrounding white space; NULL when
 * there is no such column or the cell is missing ("", "-1", "N/A", ...) */
static char *
csv_cell (Csv    *csv,
          Column  column)
{
  int i = csv->columns[column];
  char *text;

  if (i < 0 || (guint) i >= csv->offsets->len)
    return NULL;

  text = g_strstrip (csv->cells->str + g_array_index (csv->offsets, gsize, i));
  return is_missing (text) ? NULL : text;
}

/* The forms of a date in a row: ISO dates and date-times, M/D/YYYY (maybe
 * followed by a time) and Unix times in seconds or milliseconds */
#define CSV_DATE_FORMS (CG_DATE_ISO | CG_DATE_ISO_TIME | CG_DATE_MDY_SLASHES | \
                        CG_DATE_WITH_TIME | CG_DATE_UNIX)

/* @text, a date in one of CSV_DATE_FORMS, to YYYY-MM-DD; FALSE for
 * anything else */
static gboolean
parse_date (const char *text,
            char        out[11])
{
  CgDate date;

  if (!cg_date_parse (text, CSV_DATE_FORMS, &date))
    return FALSE;

  g_snprintf (out, 11, "%04d-%02d-%02d", date.year, date.month, date.day);
  return TRUE;
}

/* remote/yes/true/1: remote; hybrid; on-site, in person, no, false, 0: onsite */
static const char *
arrangement_from_text (const char *text)
{
  static const char * const remote[] = {
    "remote", "fullyremote", "fullremote", "remoteonly", "100%remote", "telecommute",
    "workfromhome", "wfh", "yes", "y", "true", "t", "1", "10",
  };
  static const char * const onsite[] = {
    "onsite", "inperson", "office", "inoffice", "physical", "no", "n", "false", "f", "0", "00",
  };
  char word[32];
  gsize n = 0;

  if (text == NULL)
    return NULL;

  /* "On-site" and "on site" as "onsite"; "1.0" as "10" */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (cg_import_is_space (*p) || *p == '-' || *p == '_' || *p == '.')
        continue;
      if (n + 1 >= sizeof word)
        break;
      word[n++] = g_ascii_tolower (*p);
    }
  word[n] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    if (strcmp (word, remote[i]) == 0)
      return "remote";
  for (guint i = 0; i < G_N_ELEMENTS (onsite); i++)
    if (strcmp (word, onsite[i]) == 0)
      return "onsite";

  if (strstr (word, "hybrid") != NULL)
    return "hybrid";
  if (strstr (word, "remote") != NULL)
    return "remote";
  if (strstr (word, "onsite") != NULL || strstr (word, "office") != NULL)
    return "onsite";

  return NULL;
}

/* What a location says about the arrangement: "Remote" (no place),
 * "Remote in Tampa, FL", "Hybrid remote in Tampa, FL" (a place). Moves
 * *text past the words it read; NULL *text when no place is left. */
static const char *
arrangement_from_location (char **text)
{
  static const char * const remote[] = {
    "remote", "anywhere", "work from home", "remote only", "fully remote", "telecommute",
  };
  static const struct {
    const char *prefix;
    const char *arrangement;
  } prefixes[] = {
    { "remote in ", "remote" }, { "hybrid remote in ", "hybrid" }, { "hybrid in ", "hybrid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    if (g_ascii_strcasecmp (*text, remote[i]) == 0)
      {
        *text = NULL;
        return "remote";
      }

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i].prefix);

      if (g_ascii_strncasecmp (*text, prefixes[i].prefix, n) == 0)
        {
          *text = g_strchug (*text + n);
          if (**text == '\0')
            *text = NULL;
          return prefixes[i].arrangement;
        }
    }

  return NULL;
}

/* Cuts " (+1 more location)" from the end of @text */
static void
strip_more_locations (char *text)
{
  char *open = strrchr (text, '(');
  gsize length = strlen (text);

  if (open != NULL && open[1] == '+' && g_ascii_isdigit (open[2]) && text[length - 1] == ')' &&
      strstr (open, "more") != NULL)
    {
      *open = '\0';
      g_strchomp (text);
    }
}

/* "Miami, FL" and "Austin, TX 78701": the state */
static void
region_from_location (const char *location,
                      char        region[8])
{
  const char *comma = strrchr (location, ',');
  const char *p;

  region[0] = '\0';
  if (comma == NULL)
    return;

  p = comma + 1;
  while (*p == ' ')
    p++;
  if (g_ascii_isupper (p[0]) && g_ascii_isupper (p[1]) &&
      (p[2] == '\0' || (p[2] == ' ' && g_ascii_isdigit (p[3]))))
    {
      region[0] = p[0];
      region[1] = p[1];
      region[2] = '\0';
    }
}

/* Splits the location cell on ";", "|" and newlines, in place; returns the
 * arrangement it states, if any */
static const char *
csv_read_locations (Csv         *csv,
                    char        *cell,
                    const char  *region_cell)
{
  const char *arrangement = NULL;
  char *p = cell;

  while (p != NULL)
    {
      char *sep = strpbrk (p, ";|\n");
      char *piece = p;
      const char *says;

      if (sep != NULL)
        {
          *sep = '\0';
          p = sep + 1;
        }
      else
        p = NULL;

      piece = g_strstrip (piece);
      strip_more_locations (piece);
      if (is_missing (piece))
        continue;

      says = arrangement_from_location (&piece);
      if (says != NULL && arrangement == NULL)
        arrangement = says;
      if (piece != NULL)
        g_ptr_array_add (csv->locations, piece);
    }

  /* A city in one column and its state in another */
  if (region_cell != NULL && strlen (region_cell) < sizeof csv->region)
    {
      if (csv->locations->len == 1 && strchr (g_ptr_array_index (csv->locations, 0), ',') == NULL)
        {
          g_string_printf (csv->extra, "%s, %s",
                           (const char *) g_ptr_array_index (csv->locations, 0), region_cell);
          g_ptr_array_index (csv->locations, 0) = csv->extra->str;
        }
      g_strlcpy (csv->region, region_cell, sizeof csv->region);
    }
  else if (csv->locations->len > 0)
    region_from_location (g_ptr_array_index (csv->locations, 0), csv->region);

  return arrangement;
}

/* Glassdoor writes "Acme\n3.9" (the name, then the rating): the first line */
static char *
company_from_cell (char *cell)
{
  char *nl;

  if (cell == NULL)
    return NULL;

  nl = strchr (cell, '\n');
  if (nl != NULL)
    {
      *nl = '\0';
      g_strchomp (cell);
    }

  return is_missing (cell) ? NULL : cell;
}

static gboolean
is_http_url (const char *text)
{
  return g_ascii_strncasecmp (text, "https://", 8) == 0 ||
         g_ascii_strncasecmp (text, "http://", 7) == 0;
}


static gboolean
csv_read_pay (Csv         *csv,
              CgJobRecord *record)
{
  const char *salary = csv_cell (csv, COL_SALARY);
  const char *min = csv_cell (csv, COL_SALARY_MIN);
  const char *max = csv_cell (csv, COL_SALARY_MAX);
  const char *period = csv_cell (csv, COL_PAY_PERIOD);
  const char *currency = csv_cell (csv, COL_CURRENCY);
  CgPayUnit unit = period ? cg_pay_unit_from_string (period) : CG_PAY_UNIT_UNKNOWN;
  char range[128];

  if (currency != NULL && strlen (currency) != 3)
    currency = NULL;

  if (salary != NULL && cg_pay_parse (salary, unit, currency, &record->pay))
    return TRUE;

  if (min == NULL && max == NULL)
    return FALSE;
  if ((min != NULL && strlen (min) > 40) || (max != NULL && strlen (max) > 40))
    return FALSE;

  /* Two columns: say it as a posting would */
  if (min != NULL && max != NULL)
    g_snprintf (range, sizeof range, "%s - %s", min, max);
  else if (min != NULL)
    g_snprintf (range, sizeof range, "From %s", min);
  else
    g_snprintf (range, sizeof range, "Up to %s", max);

  return cg_pay_parse (range, unit, currency, &record->pay);
}

static void
csv_read_row (Csv *csv)
{
  CgImport *im = csv->im;
  CgJobRecord record = { 0 };
  g_autofree char *description = NULL;
  const char *url, *date, *type;
  const char *location_arrangement = NULL;
  char *text;

  /* A row of empty cells (",,,,") is a blank line */
  {
    gboolean blank = TRUE;

    for (guint i = 0; i < csv->offsets->len && blank; i++)
      {
        const char *cell = csv->cells->str + g_array_index (csv->offsets, gsize, i);

        while (cg_import_is_space (*cell))
          cell++;
        blank = *cell == '\0';
      }
    if (blank)
      return;
  }

  im->n_found++;

  if (csv->invalid)
    {
      cg_import_skip_posting (im, _("line %u: not valid UTF-8 text"), csv->row_line);
      return;
    }

  record.title = csv_cell (csv, COL_TITLE);
  if (record.title == NULL)
    {
      cg_import_skip_posting (im, _("line %u: no title"), csv->row_line);
      return;
    }

  record.company = company_from_cell (csv_cell (csv, COL_COMPANY));
  record.identifier = csv_cell (csv, COL_IDENTIFIER);
  record.category = csv_cell (csv, COL_CATEGORY);

  text = csv_cell (csv, COL_LOCATION);
  g_ptr_array_set_size (csv->locations, 0);
  csv->region[0] = '\0';
  if (text != NULL)
    location_arrangement = csv_read_locations (csv, text, csv_cell (csv, COL_REGION));
  else if ((text = csv_cell (csv, COL_REGION)) != NULL && strlen (text) < sizeof csv->region)
    g_strlcpy (csv->region, text, sizeof csv->region);
  record.locations = csv->locations;
  record.region = csv->region[0] ? csv->region : NULL;

  record.arrangement = (char *) arrangement_from_text (csv_cell (csv, COL_REMOTE));
  if (record.arrangement == NULL)
    record.arrangement = (char *) location_arrangement;

  type = csv_cell (csv, COL_TYPE);
  record.employment_type = (char *) cg_employment_type_normalise (type);

  record.has_pay = csv_read_pay (csv, &record);

  date = csv_cell (csv, COL_POSTED);
  if (date != NULL && parse_date (date, csv->posted))
    record.date_posted = csv->posted;
  date = csv_cell (csv, COL_EXPIRES);
  if (date != NULL && parse_date (date, csv->expires))
    record.valid_through = csv->expires;

  url = csv_cell (csv, COL_URL);
  if (url != NULL && is_http_url (url))
    record.url = (char *) url;

  text = csv_cell (csv, COL_DESCRIPTION);
  if (text != NULL && cg_import_plain_text_convert (text, csv->description))
    record.description = csv->description->str[0] ? csv->description->str : NULL;
  else if (text != NULL)
    {
      description = cg_html_to_markdown (text, -1);
      if (*description != '\0')
        record.description = description;
    }

  cg_job_record_compute_key (&record);
  if (!cg_import_emit (im, &record, &csv->error) && csv->error == NULL)
    csv->error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_FAILED, "The import stopped");
  g_free (record.key);
}

/* A row from the CSV reader: its cells are copied, to be cut in place */
static gboolean
csv_row_cb (const CgCsvRow  *row,
            gpointer         user_data,
            GError         **error)
{
  Csv *csv = user_data;

  g_string_truncate (csv->cells, 0);
  g_array_set_size (csv->offsets, 0);
  csv->invalid = FALSE;
  for (guint i = 0; i < row->n_cells; i++)
    {
      gsize offset = csv->cells->len;
      gsize length = strlen (row->cells[i]);

      if (length > 0 && !g_utf8_validate_len (row->cells[i], length, NULL))
        csv->invalid = TRUE;
      g_string_append_len (csv->cells, row->cells[i], length + 1);
      g_array_append_val (csv->offsets, offset);
    }
  csv->row_line = row->line;

  if (csv->have_header)
    csv_read_row (csv);
  else
    csv_read_header (csv);

  csv->at_row_start = TRUE;
  csv->row_bytes = 0;

  if (csv->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&csv->error));
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_blank_line (const char *piece,
               gsize       length)
{
  for (gsize i = 0; i < length; i++)
    if (piece[i] != '\n' && piece[i] != '\r')
      return FALSE;

  return TRUE;
}

gboolean
cg_import_csv (CgImport      *im,
               GInputStream  *stream,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  Csv csv;
  CgImportReader r;
  const char *piece;
  gsize n;
  gboolean starts, ends;
  guint line = 0;            /* the line being read */
  guint row_line = 0;        /* the line the row being read started on */
  gboolean ok = TRUE;
  int rc;

  memset (&csv, 0, sizeof csv);
  csv.im = im;
  /* Lenient: stray quotes in a cell are kept as they are */
  csv.reader = cg_csv_reader_new (CG_CSV_NONE, '\0', csv_row_cb, &csv);
  cg_csv_reader_set_limits (csv.reader, MAX_CSV_COLUMNS, 0);
  csv.cells = g_string_sized_new (4096);
  csv.offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  csv.locations = g_ptr_array_new ();
  csv.extra = g_string_new (NULL);
  csv.description = g_string_sized_new (4096);
  csv.at_row_start = TRUE;

  cg_import_reader_init (&r, stream, im->cancellable);

  while (ok && (rc = cg_import_reader_next (&r, &piece, &n, &starts, &ends, error)) > 0)
    {
      if (starts)
        line++;
      if (csv.at_row_start && starts && !is_blank_line (piece, n))
        {
          row_line = line;
          csv.at_row_start = FALSE;
        }

      csv.row_bytes += n;
      if (!csv.at_row_start && csv.row_bytes > CG_IMPORT_MAX_RECORD_SIZE)
        {
          g_set_error (&local_error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID,
                       _("line %u: a row is longer than %u MB (is a quote not closed?)"),
                       row_line, CG_IMPORT_MAX_RECORD_SIZE / (1024 * 1024));
          ok = FALSE;
          break;
        }

      ok = cg_csv_reader_feed (csv.reader, piece, n, &local_error);

      im->bytes_done = r.offset;
      cg_import_maybe_report_progress (im);
    }

  if (rc < 0)
    ok = FALSE;
  else if (ok)
    ok = cg_csv_reader_finish (csv.reader, &local_error);

  cg_csv_reader_free (csv.reader);
  cg_import_reader_clear (&r);
  g_string_free (csv.cells, TRUE);
  g_array_unref (csv.offsets);
  g_ptr_array_unref (csv.locations);
  g_string_free (csv.extra, TRUE);
  g_string_free (csv.description, TRUE);

  /* (libcsv fails only for lack of memory here) */
  if (local_error != NULL && local_error->domain == CG_CSV_ERROR)
    g_set_error_literal (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID, local_error->message);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));

  if (!ok)
    return FALSE;

  im->bytes_done = r.offset;
  if (!csv.have_header)
    return cg_import_fail_nothing_found (im, error);
  if (im->n_emitted == 0)
    return cg_import_fail_nothing_found (im, error);

  return TRUE;
}
