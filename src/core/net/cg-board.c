/* cg-board.c: company job boards and their public JSON APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Four applicant tracking systems publish each company's open postings as
 * JSON, without an account:
 *
 * - Greenhouse: GET boards-api.greenhouse.io/v1/boards/TOKEN/jobs?content=true
 *   {"jobs": [{"id", "title", "location": {"name"}, "absolute_url",
 *   "updated_at", "content" (HTML, escaped once more), "departments": [{"name"}],
 *   "offices", "company_name", "pay_input_ranges": [{"min_cents", "max_cents",
 *   "currency_type"}]}], "meta": {"total"}};
 * - Lever: GET api.lever.co/v0/postings/SITE?mode=json (paged with skip and
 *   limit) [{"id", "text", "categories": {"commitment", "department",
 *   "location", "allLocations"}, "workplaceType", "description", "lists":
 *   [{"text", "content"}], "additional", "hostedUrl", "createdAt" (ms),
 *   "salaryRange": {"currency", "interval", "min", "max"}}];
 * - Ashby: GET api.ashbyhq.com/posting-api/job-board/BOARD?includeCompensation=true
 *   {"jobs": [{"id", "title", "location", "secondaryLocations": [{"location"}],
 *   "department", "isRemote", "workplaceType", "employmentType",
 *   "descriptionHtml", "publishedAt", "jobUrl", "compensation":
 *   {"summaryComponents": [{"compensationType", "interval", "currencyCode",
 *   "minValue", "maxValue"}], "scrapeableCompensationSalarySummary"}}]};
 * - SmartRecruiters: GET api.smartrecruiters.com/v1/companies/COMPANY/postings
 *   {"content": [{"id", "name", "company": {"identifier", "name"},
 *   "releasedDate", "location": {"city", "region", "country", "remote",
 *   "hybrid"}, "department": {"label"}, "typeOfEmployment": {"label"}}]},
 *   and a posting's detail, .../postings/ID, which adds "jobAd": {"sections":
 *   {"jobDescription": {"text"}, ...}} and "postingUrl".
 *
 * Each answer becomes CgJobRecords with the fields the JSON-LD reader
 * fills, through the same pay parser and HTML-to-Markdown path.
 */
#define G_LOG_DOMAIN "cg-board"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "cg-board.h"
#include "cg-html-markdown.h"
#include "cg-job-import-private.h"

#define MAX_LOCATIONS 50
#define MAX_TOKEN     100

G_DEFINE_QUARK (cg-board-error-quark, cg_board_error)

static const struct {
  const char *name;
  const char *host;      /* of the API */
  const char *before;    /* the path of the list: before the token, */
  const char *after;     /* and after it */
} boards[] = {
  [CG_BOARD_GREENHOUSE] = { "greenhouse", "https://boards-api.greenhouse.io",
                            "/v1/boards/", "/jobs?content=true" },
  [CG_BOARD_LEVER] = { "lever", "https://api.lever.co", "/v0/postings/", "?mode=json" },
  [CG_BOARD_LEVER_EU] = { "lever", "https://api.eu.lever.co", "/v0/postings/", "?mode=json" },
  [CG_BOARD_ASHBY] = { "ashby", "https://api.ashbyhq.com",
                       "/posting-api/job-board/", "?includeCompensation=true" },
  [CG_BOARD_SMARTRECRUITERS] = { "smartrecruiters", "https://api.smartrecruiters.com",
                                 "/v1/companies/", "/postings" },
};

const char *
cg_board_kind_to_string (CgBoardKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (boards), NULL);

  return boards[kind].name;
}

/* Links */

static gboolean
is_token (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return n > 0 && n <= MAX_TOKEN && !g_str_equal (text, ".") && !g_str_equal (text, "..");
}

gboolean
cg_board_parse_link (const char   *url,
                     CgBoardKind  *kind,
                     char        **token)
{
  static const struct {
    const char  *host;
    CgBoardKind  kind;
  } hosts[] = {
    { "boards.greenhouse.io", CG_BOARD_GREENHOUSE },
    { "job-boards.greenhouse.io", CG_BOARD_GREENHOUSE },
    { "jobs.lever.co", CG_BOARD_LEVER },
    { "jobs.eu.lever.co", CG_BOARD_LEVER_EU },
    { "jobs.ashbyhq.com", CG_BOARD_ASHBY },
    { "jobs.smartrecruiters.com", CG_BOARD_SMARTRECRUITERS },
    { "careers.smartrecruiters.com", CG_BOARD_SMARTRECRUITERS },
  };
  g_autoptr(GUri) uri = NULL;
  g_auto(GStrv) segments = NULL;
  const char *host;
  const char *scheme;

  g_return_val_if_fail (url != NULL, FALSE);

  uri = g_uri_parse (url, G_URI_FLAGS_ENCODED | G_URI_FLAGS_PARSE_RELAXED, NULL);
  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") != 0 && g_ascii_strcasecmp (scheme, "http") != 0)
    return FALSE;

  segments = g_strsplit (g_uri_get_path (uri), "/", 3);
  if (segments[0] == NULL || segments[1] == NULL || !is_token (segments[1]))
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (hosts); i++)
    if (g_ascii_strcasecmp (host, hosts[i].host) == 0)
      {
        if (kind != NULL)
          *kind = hosts[i].kind;
        if (token != NULL)
          *token = g_strdup (segments[1]);
        return TRUE;
      }

  return FALSE;
}

static char *
api_base (CgBoardKind kind)
{
  const char *base = g_getenv (CG_BOARD_API_BASE_ENV);

  if (base != NULL && *base != '\0')
    return g_strdup_printf ("%s/%s", base, boards[kind].name);
  return g_strdup (boards[kind].host);
}

char *
cg_board_dup_api_url (CgBoardKind  kind,
                      const char  *token)
{
  g_autofree char *base = NULL;
  g_autofree char *escaped = NULL;

  g_return_val_if_fail (kind < G_N_ELEMENTS (boards), NULL);
  g_return_val_if_fail (token != NULL, NULL);

  base = api_base (kind);
  escaped = g_uri_escape_string (token, NULL, FALSE);
  return g_strconcat (base, boards[kind].before, escaped, boards[kind].after, NULL);
}

char *
cg_board_dup_api_page_url (CgBoardKind kind,
                           const char *token,
                           guint       skip,
                           guint       limit)
{
  g_autofree char *url = cg_board_dup_api_url (kind, token);

  if (kind != CG_BOARD_LEVER && kind != CG_BOARD_LEVER_EU)
    return g_steal_pointer (&url);
  return g_strdup_printf ("%s&skip=%u&limit=%u", url, skip, limit);
}

/* JSON helpers: each gives NULL (or FALSE) when the member is missing or
 * of another type */

static JsonNode *
member (JsonObject *object,
        const char *name)
{
  return object != NULL && json_object_has_member (object, name)
         ? json_object_get_member (object, name) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* A string, trimmed, or NULL when empty */
static char *
dup_string (JsonObject *object,
            const char *name)
{
  const char *text = member_string (object, name);
  char *copy;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
member_number (JsonObject *object,
               const char *name,
               double     *value)
{
  JsonNode *node = member (object, name);
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    *value = (double) json_node_get_int (node);
  else if (type == G_TYPE_DOUBLE)
    *value = json_node_get_double (node);
  else
    return FALSE;
  return isfinite (*value);
}

static gboolean
member_boolean (JsonObject *object,
                const char *name)
{
  JsonNode *node = member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

/* An identifier written as a string or a number */
static char *
dup_id (JsonObject *object,
        const char *name)
{
  JsonNode *node = member (object, name);

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return dup_string (object, name);
}

/* "2026-05-01T09:30:00Z" to "2026-05-01"; NULL if it is no date */
static char *
date_from_iso (const char *text)
{
  guint year, month, day;

  if (text == NULL || strlen (text) < 10 || text[4] != '-' || text[7] != '-')
    return NULL;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return NULL;
  if (text[10] != '\0' && text[10] != 'T' && text[10] != ' ')
    return NULL;

  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  if (year < 1900 || year > 2999 || !g_date_valid_dmy (day, month, year))
    return NULL;
  return g_strndup (text, 10);
}

/* Lever's milliseconds since 1970 */
static char *
date_from_ms (double ms)
{
  g_autoptr(GDateTime) when = NULL;

  if (ms < 0 || ms > 32503680000000.0)   /* (3000-01-01) */
    return NULL;
  when = g_date_time_new_from_unix_utc ((gint64) (ms / 1000));
  return when != NULL ? g_date_time_format (when, "%Y-%m-%d") : NULL;
}

static void
add_location (CgJobRecord *record,
              const char  *text)
{
  g_autofree char *location = NULL;

  if (text == NULL || record->locations->len >= MAX_LOCATIONS)
    return;
  location = g_strstrip (g_strdup (text));
  if (*location == '\0')
    return;
  for (guint i = 0; i < record->locations->len; i++)
    if (g_str_equal (g_ptr_array_index (record->locations, i), location))
      return;
  g_ptr_array_add (record->locations, g_steal_pointer (&location));
}

static const char *
arrangement_normalise (const char *text)
{
  g_autofree char *lower = NULL;
  GString *squeezed;
  const char *result = NULL;

  if (text == NULL)
    return NULL;

  lower = g_ascii_strdown (text, -1);
  squeezed = g_string_new (NULL);
  for (const char *p = lower; *p != '\0'; p++)
    if (g_ascii_isalpha (*p))
      g_string_append_c (squeezed, *p);

  if (g_str_equal (squeezed->str, "remote") || g_str_equal (squeezed->str, "fullyremote"))
    result = "remote";
  else if (g_str_equal (squeezed->str, "hybrid"))
    result = "hybrid";
  else if (g_str_equal (squeezed->str, "onsite") || g_str_equal (squeezed->str, "inoffice") ||
           g_str_equal (squeezed->str, "inperson"))
    result = "onsite";

  g_string_free (squeezed, TRUE);
  return result;
}

static CgPayUnit
unit_from_interval (const char *interval)
{
  g_autofree char *lower = NULL;

  if (interval == NULL)
    return CG_PAY_UNIT_UNKNOWN;
  lower = g_ascii_strdown (interval, -1);
  if (strstr (lower, "hour") != NULL)
    return CG_PAY_UNIT_HOUR;
  if (strstr (lower, "day") != NULL)
    return CG_PAY_UNIT_DAY;
  if (strstr (lower, "week") != NULL)
    return CG_PAY_UNIT_WEEK;
  if (strstr (lower, "month") != NULL)
    return CG_PAY_UNIT_MONTH;
  if (strstr (lower, "year") != NULL || strstr (lower, "annual") != NULL)
    return CG_PAY_UNIT_YEAR;
  return CG_PAY_UNIT_UNKNOWN;
}

/* A range of figures, through the pay parser (which refuses 0 to 0 and
 * absurd figures, and guesses the unit when the board names none) */
static void
set_pay (CgJobRecord *record,
         gboolean     has_min,
         double       min,
         gboolean     has_max,
         double       max,
         const char  *currency,
         CgPayUnit    unit)
{
  g_autofree char *text = NULL;
  char low[G_ASCII_DTOSTR_BUF_SIZE];
  char high[G_ASCII_DTOSTR_BUF_SIZE];
  const char *code = currency != NULL && strlen (currency) == 3 ? currency : NULL;

  if (record->has_pay || (!has_min && !has_max))
    return;

  g_ascii_formatd (low, sizeof low, "%.2f", has_min ? min : max);
  g_ascii_formatd (high, sizeof high, "%.2f", has_max ? max : min);
  if (has_min && has_max)
    text = g_strdup_printf ("%s - %s", low, high);
  else if (has_min)
    text = g_strdup_printf ("From %s", low);
  else
    text = g_strdup_printf ("Up to %s", high);

  record->has_pay = cg_pay_parse (text, unit, code, &record->pay);
}

static void
set_pay_text (CgJobRecord *record,
              const char  *text)
{
  if (!record->has_pay && text != NULL)
    record->has_pay = cg_pay_parse (text, CG_PAY_UNIT_UNKNOWN, NULL, &record->pay);
}

/* Greenhouse escapes its HTML once more ("&lt;p&gt;"): one level of
 * entities undone */
static char *
unescape_once (const char *text)
{
  static const struct {
    const char *name;
    const char *text;
  } named[] = {
    { "lt", "<" }, { "gt", ">" }, { "amp", "&" }, { "quot", "\"" }, { "apos", "'" },
  };
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; )
    {
      const char *semi = *p == '&' ? strchr (p, ';') : NULL;
      gboolean done = FALSE;

      if (semi != NULL && semi - p <= 10)
        {
          g_autofree char *name = g_strndup (p + 1, semi - p - 1);

          for (guint i = 0; i < G_N_ELEMENTS (named) && !done; i++)
            if (g_str_equal (name, named[i].name))
              {
                g_string_append (out, named[i].text);
                done = TRUE;
              }
          if (!done && name[0] == '#')
            {
              gboolean hex = name[1] == 'x' || name[1] == 'X';
              char *end = NULL;
              guint64 c = g_ascii_strtoull (name + (hex ? 2 : 1), &end, hex ? 16 : 10);

              if (end != NULL && *end == '\0' && end != name + (hex ? 2 : 1) &&
                  c > 0 && c <= 0x10FFFF && g_unichar_validate ((gunichar) c))
                {
                  g_string_append_unichar (out, (gunichar) c);
                  done = TRUE;
                }
            }
        }

      if (done)
        p = semi + 1;
      else
        g_string_append_c (out, *p++);
    }

  return g_string_free (out, FALSE);
}

/* The end of a record: a title, and a key; FALSE (and a warning) without */
static gboolean
finish_record (CgJobRecord *record,
               const char  *token,
               guint        n,
               GPtrArray   *warnings)
{
  if (record->title == NULL)
    {
      if (warnings != NULL)
        g_ptr_array_add (warnings, g_strdup_printf (_("posting %u: no title"), n));
      return FALSE;
    }

  if (record->company == NULL && token != NULL)
    record->company = g_strdup (token);
  if (record->arrangement == NULL && record->locations->len > 0)
    record->arrangement = g_strdup ("onsite");
  if (record->description != NULL && *record->description == '\0')
    g_clear_pointer (&record->description, g_free);
  cg_job_record_compute_key (record);
  return TRUE;
}

/* Greenhouse */

static CgJobRecord *
read_greenhouse (JsonObject *job)
{
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  JsonArray *departments = member_array (job, "departments");
  JsonArray *ranges = member_array (job, "pay_input_ranges");
  const char *content = member_string (job, "content");

  record->identifier = dup_id (job, "id");
  record->title = dup_string (job, "title");
  record->company = dup_string (job, "company_name");
  record->url = dup_string (job, "absolute_url");
  add_location (record, member_string (member_object (job, "location"), "name"));
  record->date_posted = date_from_iso (member_string (job, "first_published"));
  if (record->date_posted == NULL)
    record->date_posted = date_from_iso (member_string (job, "updated_at"));

  for (guint i = 0; departments != NULL && i < json_array_get_length (departments); i++)
    {
      JsonNode *node = json_array_get_element (departments, i);

      if (JSON_NODE_HOLDS_OBJECT (node) && record->category == NULL)
        record->category = dup_string (json_node_get_object (node), "name");
    }

  for (guint i = 0; ranges != NULL && i < json_array_get_length (ranges); i++)
    {
      JsonNode *node = json_array_get_element (ranges, i);
      JsonObject *range = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      double min = 0, max = 0;
      gboolean has_min = member_number (range, "min_cents", &min);
      gboolean has_max = member_number (range, "max_cents", &max);

      set_pay (record, has_min, min / 100, has_max, max / 100,
               member_string (range, "currency_type"), CG_PAY_UNIT_UNKNOWN);
    }

  if (content != NULL)
    {
      g_autofree char *html = strstr (content, "&lt;") != NULL ? unescape_once (content)
                                                               : g_strdup (content);

      record->description = cg_html_to_markdown (html, -1);
    }

  return g_steal_pointer (&record);
}

/* Lever */

static CgJobRecord *
read_lever (JsonObject *posting)
{
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  JsonObject *categories = member_object (posting, "categories");
  JsonArray *all = member_array (categories, "allLocations");
  JsonArray *lists = member_array (posting, "lists");
  JsonObject *salary = member_object (posting, "salaryRange");
  g_autoptr(GString) html = g_string_new (NULL);
  const char *text;
  double created;

  record->identifier = dup_id (posting, "id");
  record->title = dup_string (posting, "text");
  record->url = dup_string (posting, "hostedUrl");
  record->category = dup_string (categories, "department");
  record->employment_type = g_strdup (cg_employment_type_normalise (member_string (categories,
                                                                                   "commitment")));
  record->arrangement = g_strdup (arrangement_normalise (member_string (posting, "workplaceType")));

  for (guint i = 0; all != NULL && i < json_array_get_length (all); i++)
    {
      JsonNode *node = json_array_get_element (all, i);

      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        add_location (record, json_node_get_string (node));
    }
  if (record->locations->len == 0)
    add_location (record, member_string (categories, "location"));

  if (member_number (posting, "createdAt", &created))
    record->date_posted = date_from_ms (created);

  if (salary != NULL)
    {
      double min = 0, max = 0;
      gboolean has_min = member_number (salary, "min", &min);
      gboolean has_max = member_number (salary, "max", &max);

      set_pay (record, has_min, min, has_max, max, member_string (salary, "currency"),
               unit_from_interval (member_string (salary, "interval")));
    }
  set_pay_text (record, member_string (posting, "salaryDescriptionPlain"));

  if ((text = member_string (posting, "description")) != NULL)
    g_string_append (html, text);
  for (guint i = 0; lists != NULL && i < json_array_get_length (lists); i++)
    {
      JsonNode *node = json_array_get_element (lists, i);
      JsonObject *list = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *heading = member_string (list, "text");
      const char *items = member_string (list, "content");
      g_autofree char *escaped = heading ? g_markup_escape_text (heading, -1) : NULL;

      if (escaped != NULL)
        g_string_append_printf (html, "<h3>%s</h3>", escaped);
      if (items != NULL)
        g_string_append_printf (html, "<ul>%s</ul>", items);
    }
  if ((text = member_string (posting, "additional")) != NULL)
    g_string_append (html, text);
  if (html->len > 0)
    record->description = cg_html_to_markdown (html->str, html->len);

  return g_steal_pointer (&record);
}

/* Ashby */

static CgJobRecord *
read_ashby (JsonObject *job)
{
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  JsonArray *secondary = member_array (job, "secondaryLocations");
  JsonObject *compensation = member_object (job, "compensation");
  JsonArray *components = member_array (compensation, "summaryComponents");
  JsonObject *address = member_object (member_object (job, "address"), "postalAddress");
  const char *html;

  record->identifier = dup_id (job, "id");
  record->title = dup_string (job, "title");
  record->url = dup_string (job, "jobUrl");
  record->category = dup_string (job, "department");
  record->employment_type = g_strdup (cg_employment_type_normalise (member_string (job,
                                                                                   "employmentType")));
  record->arrangement = g_strdup (arrangement_normalise (member_string (job, "workplaceType")));
  if (record->arrangement == NULL && member_boolean (job, "isRemote"))
    record->arrangement = g_strdup ("remote");
  record->date_posted = date_from_iso (member_string (job, "publishedAt"));
  record->region = dup_string (address, "addressRegion");

  add_location (record, member_string (job, "location"));
  for (guint i = 0; secondary != NULL && i < json_array_get_length (secondary); i++)
    {
      JsonNode *node = json_array_get_element (secondary, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        add_location (record, member_string (json_node_get_object (node), "location"));
    }

  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonNode *node = json_array_get_element (components, i);
      JsonObject *part = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *type = member_string (part, "compensationType");
      double min = 0, max = 0;
      gboolean has_min, has_max;

      if (type == NULL || g_ascii_strcasecmp (type, "Salary") != 0)
        continue;
      has_min = member_number (part, "minValue", &min);
      has_max = member_number (part, "maxValue", &max);
      set_pay (record, has_min, min, has_max, max, member_string (part, "currencyCode"),
               unit_from_interval (member_string (part, "interval")));
    }
  set_pay_text (record, member_string (compensation, "scrapeableCompensationSalarySummary"));

  html = member_string (job, "descriptionHtml");
  if (html == NULL)
    html = member_string (job, "descriptionPlain");
  if (html != NULL)
    record->description = cg_html_to_markdown (html, -1);

  return g_steal_pointer (&record);
}

/* SmartRecruiters */

static CgJobRecord *
read_smartrecruiters (JsonObject *posting)
{
  static const char *const sections[] = {
    "companyDescription", "jobDescription", "qualifications", "additionalInformation",
  };
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  JsonObject *company = member_object (posting, "company");
  JsonObject *location = member_object (posting, "location");
  JsonObject *ad = member_object (member_object (posting, "jobAd"), "sections");
  g_autoptr(GString) html = g_string_new (NULL);
  const char *city = member_string (location, "city");
  const char *region = member_string (location, "region");
  const char *company_id = member_string (company, "identifier");

  record->identifier = dup_id (posting, "id");
  record->title = dup_string (posting, "name");
  record->company = dup_string (company, "name");
  record->category = dup_string (member_object (posting, "department"), "label");
  record->employment_type = g_strdup (cg_employment_type_normalise (
    member_string (member_object (posting, "typeOfEmployment"), "label")));
  record->date_posted = date_from_iso (member_string (posting, "releasedDate"));
  record->url = dup_string (posting, "postingUrl");
  if (record->url == NULL && record->identifier != NULL && company_id != NULL && is_token (company_id))
    {
      g_autofree char *id = g_uri_escape_string (record->identifier, NULL, FALSE);

      record->url = g_strdup_printf ("https://jobs.smartrecruiters.com/%s/%s", company_id, id);
    }

  if (city != NULL && region != NULL && *region != '\0')
    {
      g_autofree char *both = g_strdup_printf ("%s, %s", city, region);

      add_location (record, both);
    }
  else
    add_location (record, city);
  record->region = dup_string (location, "region");
  if (member_boolean (location, "remote"))
    record->arrangement = g_strdup ("remote");
  else if (member_boolean (location, "hybrid"))
    record->arrangement = g_strdup ("hybrid");

  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      JsonObject *section = member_object (ad, sections[i]);
      const char *title = member_string (section, "title");
      const char *text = member_string (section, "text");
      g_autofree char *escaped = title ? g_markup_escape_text (title, -1) : NULL;

      if (text == NULL)
        continue;
      if (escaped != NULL)
        g_string_append_printf (html, "<h3>%s</h3>", escaped);
      g_string_append (html, text);
    }
  if (html->len > 0)
    record->description = cg_html_to_markdown (html->str, html->len);

  return g_steal_pointer (&record);
}

/* Reading an answer */

typedef CgJobRecord *(*ReadFunc) (JsonObject *object);

static void
read_array (JsonArray  *array,
            ReadFunc    read,
            const char *token,
            GPtrArray  *records,
            GPtrArray  *warnings)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr(CgJobRecord) record = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          if (warnings != NULL)
            g_ptr_array_add (warnings, g_strdup_printf (_("posting %u: not a posting"), i + 1));
          continue;
        }
      record = read (json_node_get_object (node));
      if (finish_record (record, token, i + 1, warnings))
        g_ptr_array_add (records, g_steal_pointer (&record));
    }
}

static gboolean
set_invalid (const char  *board,
             GError     **error)
{
  g_set_error (error, CG_BOARD_ERROR, CG_BOARD_ERROR_INVALID,
               /* Translators: %s is the name of a job board system, e.g. "greenhouse" */
               _("The answer is not a list of %s postings"), board);
  return FALSE;
}

GPtrArray *
cg_board_read (CgBoardKind   kind,
               const char   *data,
               gsize         length,
               const char   *token,
               GPtrArray    *warnings,
               GError      **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_job_record_free);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *name;

  g_return_val_if_fail (kind < G_N_ELEMENTS (boards), NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  name = boards[kind].name;

  /* (json-glib 1.6 drops, and leaks, what follows a whole value) */
  if (length > G_MAXSSIZE || !g_utf8_validate (data, length, NULL) ||
      cg_job_import_json_has_text_after_value (data, length))
    {
      set_invalid (name, error);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib quotes the text it stopped at, and may cut a character
       * in two there */
      const char *message = local_error->message;
      g_autofree char *valid = NULL;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      valid = g_utf8_make_valid (message, -1);
      g_set_error (error, CG_BOARD_ERROR, CG_BOARD_ERROR_INVALID,
                   _("The answer is not valid JSON: %s"), valid);
      return NULL;
    }

  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;

  switch (kind)
    {
    case CG_BOARD_GREENHOUSE:
      if (member_array (object, "jobs") == NULL)
        break;
      read_array (member_array (object, "jobs"), read_greenhouse, token, records, warnings);
      return g_steal_pointer (&records);

    case CG_BOARD_LEVER:
    case CG_BOARD_LEVER_EU:
      if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
        break;
      read_array (json_node_get_array (root), read_lever, token, records, warnings);
      return g_steal_pointer (&records);

    case CG_BOARD_ASHBY:
      if (member_array (object, "jobs") == NULL)
        break;
      read_array (member_array (object, "jobs"), read_ashby, token, records, warnings);
      return g_steal_pointer (&records);

    case CG_BOARD_SMARTRECRUITERS:
      if (member_array (object, "content") != NULL)
        {
          read_array (member_array (object, "content"), read_smartrecruiters, token,
                      records, warnings);
          return g_steal_pointer (&records);
        }
      if (object != NULL && member (object, "id") != NULL && member (object, "name") != NULL)
        {
          g_autoptr(CgJobRecord) record = read_smartrecruiters (object);

          if (finish_record (record, token, 1, warnings))
            g_ptr_array_add (records, g_steal_pointer (&record));
          return g_steal_pointer (&records);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  set_invalid (name, error);
  return NULL;
}
