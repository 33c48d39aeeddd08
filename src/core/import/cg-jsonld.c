/* cg-jsonld.c: job postings from schema.org JobPosting JSON-LD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Real pages are sloppy: a salary may be a number or a string, a type a
 * string or an array, an organization a name or an object. This reader
 * accepts all of these and keeps what it understands.
 */
#define G_LOG_DOMAIN "cg-jsonld"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-date.h"
#include "cg-html-markdown.h"
#include "cg-jsonld.h"

#define MAX_DEPTH 32

G_DEFINE_QUARK (cg-jsonld-error-quark, cg_jsonld_error)

/* A string of the document, stripped. json-glib 1.6 decodes a lone
 * surrogate ("\ud83d" without a low one after it) to bytes that are not
 * UTF-8: such text is made valid (with U+FFFD) before it goes further. */
static char *
dup_string (const char *text)
{
  if (!g_utf8_validate (text, -1, NULL))
    return g_strstrip (g_utf8_make_valid (text, -1));

  return g_strstrip (g_strdup (text));
}

/* A string member, also when the page gave a number. */
static char *
dup_member_string (JsonObject *object,
                   const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      {
        g_autofree char *text = dup_string (json_node_get_string (node));
        return *text ? g_steal_pointer (&text) : NULL;
      }
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    default:
      return NULL;
    }
}

static gboolean
member_double (JsonObject *object,
               const char *name,
               double     *out)
{
  g_autofree char *text = dup_member_string (object, name);
  char *end = NULL;
  double value;

  if (text == NULL)
    return FALSE;

  g_strdelimit (text, ",", ' ');
  {
    /* "100 000" after the comma removal: drop inner spaces */
    char *w = text;
    for (char *r = text; *r; r++)
      if (*r != ' ')
        *w++ = *r;
    *w = '\0';
  }

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0)
    return FALSE;

  *out = value;
  return TRUE;
}

/* The first object in a member that may hold an object or an array of them. */
static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return NULL;

  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      if (json_array_get_length (array) > 0 &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, 0)))
        return json_array_get_object_element (array, 0);
    }

  return NULL;
}

/* Strings found in a member that may be a string or an array of strings. */
static GPtrArray *
member_strings (JsonObject *object,
                const char *name)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  JsonNode *node;

  if (object == NULL || !json_object_has_member (object, name))
    return out;

  node = json_object_get_member (object, name);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    g_ptr_array_add (out, g_strdup (json_node_get_string (node)));
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING)
            g_ptr_array_add (out, g_strdup (json_node_get_string (element)));
        }
    }

  return out;
}

/* A name that may be given as a string or as an object with a name. */
static char *
dup_name (JsonObject *object,
          const char *member)
{
  JsonObject *inner;
  char *text = dup_member_string (object, member);

  if (text != NULL)
    return text;

  inner = member_object (object, member);
  return inner ? dup_member_string (inner, "name") : NULL;
}

/* An ISO 8601 date or date-time to YYYY-MM-DD; NULL for other text */
static char *
dup_date (JsonObject *object,
          const char *member)
{
  g_autofree char *text = dup_member_string (object, member);

  if (text == NULL)
    return NULL;

  return cg_date_to_iso (text, CG_DATE_ISO | CG_DATE_ISO_TIME);
}

static char *
location_from_address (JsonObject *address)
{
  g_autofree char *locality = dup_member_string (address, "addressLocality");
  g_autofree char *region = dup_member_string (address, "addressRegion");
  g_autofree char *country = dup_name (address, "addressCountry");

  if (locality && region)
    return g_strdup_printf ("%s, %s", locality, region);
  if (locality && country)
    return g_strdup_printf ("%s, %s", locality, country);
  if (locality)
    return g_steal_pointer (&locality);
  if (region)
    return g_steal_pointer (&region);
  return g_steal_pointer (&country);
}

static void
read_one_location (CgJobRecord *record,
                   JsonNode    *node)
{
  g_autofree char *text = NULL;
  JsonObject *place;
  JsonNode *address;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    text = dup_string (json_node_get_string (node));
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      place = json_node_get_object (node);
      address = json_object_has_member (place, "address")
                ? json_object_get_member (place, "address") : NULL;

      if (address && JSON_NODE_HOLDS_OBJECT (address))
        {
          JsonObject *a = json_node_get_object (address);
          text = location_from_address (a);
          if (record->region == NULL)
            record->region = dup_member_string (a, "addressRegion");
        }
      else if (address && JSON_NODE_HOLDS_VALUE (address))
        text = dup_member_string (place, "address");
      else
        text = location_from_address (place);

      if (text == NULL)
        text = dup_member_string (place, "name");
    }

  if (text != NULL && *text != '\0')
    g_ptr_array_add (record->locations, g_steal_pointer (&text));
}

static void
read_locations (CgJobRecord *record,
                JsonObject  *posting)
{
  JsonNode *node;

  if (!json_object_has_member (posting, "jobLocation"))
    return;

  node = json_object_get_member (posting, "jobLocation");
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        read_one_location (record, json_array_get_element (array, i));
    }
  else
    read_one_location (record, node);
}

static void
read_salary (CgJobRecord *record,
             JsonObject  *posting)
{
  const char *members[] = { "baseSalary", "estimatedSalary" };

  for (guint i = 0; i < G_N_ELEMENTS (members) && !record->has_pay; i++)
    {
      JsonObject *amount = member_object (posting, members[i]);
      g_autofree char *text = NULL;
      g_autofree char *currency = NULL;
      g_autofree char *unit_text = NULL;
      JsonObject *value;
      CgPay pay = { 0 };
      CgPayUnit unit;

      if (amount == NULL)
        {
          /* "baseSalary": "$40/hour" or 85000 */
          text = dup_member_string (posting, members[i]);
          if (text != NULL && cg_pay_parse (text, CG_PAY_UNIT_UNKNOWN, NULL, &pay))
            {
              record->pay = pay;
              record->has_pay = TRUE;
            }
          continue;
        }

      currency = dup_member_string (amount, "currency");
      value = member_object (amount, "value");
      unit_text = dup_member_string (value ? value : amount, "unitText");
      unit = cg_pay_unit_from_string (unit_text);

      if (value != NULL)
        {
          double v;

          pay.has_min = member_double (value, "minValue", &pay.min);
          pay.has_max = member_double (value, "maxValue", &pay.max);
          if (!pay.has_min && !pay.has_max && member_double (value, "value", &v))
            {
              pay.min = pay.max = v;
              pay.has_min = pay.has_max = TRUE;
            }
          if (!pay.has_min && !pay.has_max)
            {
              text = dup_member_string (value, "value");
              if (text == NULL || !cg_pay_parse (text, unit, currency, &pay))
                continue;
            }
        }
      else
        {
          double v;

          if (member_double (amount, "value", &v))
            {
              pay.min = pay.max = v;
              pay.has_min = pay.has_max = TRUE;
            }
          else
            {
              text = dup_member_string (amount, "value");
              if (text == NULL || !cg_pay_parse (text, unit, currency, &pay))
                continue;
            }
        }

      /* 0 to 0, or a single 0: how some boards say they state no pay */
      if (!(pay.has_min && pay.min != 0) && !(pay.has_max && pay.max != 0))
        continue;

      if (pay.unit == CG_PAY_UNIT_UNKNOWN)
        pay.unit = unit;
      if (pay.currency[0] == '\0' && currency != NULL && strlen (currency) == 3)
        {
          for (guint c = 0; c < 3; c++)
            pay.currency[c] = g_ascii_toupper (currency[c]);
          pay.currency[3] = '\0';
        }
      if (pay.has_min && pay.has_max && pay.min > pay.max)
        {
          double t = pay.min;
          pay.min = pay.max;
          pay.max = t;
        }

      record->pay = pay;
      record->has_pay = TRUE;
    }
}

static void
read_arrangement (CgJobRecord *record,
                  JsonObject  *posting)
{
  g_autofree char *own = dup_member_string (posting, "careerGuide:workArrangement");
  g_autoptr(GPtrArray) types = member_strings (posting, "jobLocationType");

  if (own != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (own, -1);
      g_strdelimit (lower, "-_ ", '\0');

      if (g_str_equal (lower, "onsite") || g_str_equal (lower, "on"))
        record->arrangement = g_strdup ("onsite");
      else if (g_str_equal (lower, "hybrid"))
        record->arrangement = g_strdup ("hybrid");
      else if (g_str_equal (lower, "remote"))
        record->arrangement = g_strdup ("remote");
      if (record->arrangement != NULL)
        return;
    }

  for (guint i = 0; i < types->len; i++)
    if (g_ascii_strcasecmp (g_strstrip ((char *) g_ptr_array_index (types, i)),
                            "TELECOMMUTE") == 0)
      {
        record->arrangement = g_strdup ("remote");
        return;
      }

  if (record->locations->len > 0)
    record->arrangement = g_strdup ("onsite");
}

CgJobRecord *
cg_jsonld_read_posting (JsonObject  *object,
                        char       **reason)
{
  g_autoptr(CgJobRecord) record = cg_job_record_new ();
  g_autoptr(GPtrArray) types = NULL;
  g_autofree char *description = NULL;
  JsonNode *expired;

  record->title = dup_member_string (object, "title");
  if (record->title == NULL)
    record->title = dup_member_string (object, "name");
  if (record->title == NULL)
    {
      if (reason)
        *reason = g_strdup (_("no title"));
      return NULL;
    }

  record->company = dup_name (object, "hiringOrganization");
  record->category = dup_name (object, "occupationalCategory");
  record->url = dup_member_string (object, "url");
  if (record->url == NULL)
    record->url = dup_member_string (object, "sameAs");

  record->identifier = dup_member_string (object, "identifier");
  if (record->identifier == NULL)
    {
      JsonObject *id = member_object (object, "identifier");
      record->identifier = id ? dup_member_string (id, "value") : NULL;
    }

  types = member_strings (object, "employmentType");
  for (guint i = 0; i < types->len && record->employment_type == NULL; i++)
    record->employment_type = g_strdup (cg_employment_type_normalise (g_ptr_array_index (types, i)));

  read_locations (record, object);
  read_arrangement (record, object);
  read_salary (record, object);

  record->date_posted = dup_date (object, "datePosted");
  record->valid_through = dup_date (object, "validThrough");

  expired = json_object_has_member (object, "careerGuide:expired")
            ? json_object_get_member (object, "careerGuide:expired") : NULL;
  record->expired = expired != NULL && JSON_NODE_HOLDS_VALUE (expired) &&
                    json_node_get_value_type (expired) == G_TYPE_BOOLEAN &&
                    json_node_get_boolean (expired);

  description = dup_member_string (object, "description");
  record->description = cg_html_to_markdown (description, -1);

  cg_job_record_compute_key (record);

  return g_steal_pointer (&record);
}

/* Finding the postings */

static gboolean
type_is_job_posting (const char *type)
{
  const char *colon = strrchr (type, ':');
  const char *slash = strrchr (type, '/');

  /* "JobPosting", "schema:JobPosting", "https://schema.org/JobPosting" */
  if (slash != NULL && (colon == NULL || slash > colon))
    type = slash + 1;
  else if (colon != NULL)
    type = colon + 1;

  return g_ascii_strcasecmp (type, "JobPosting") == 0;
}

/* Whether @object's "@type" (a string or an array of them) is JobPosting */
static gboolean
is_job_posting (JsonObject *object)
{
  JsonNode *node = json_object_get_member (object, "@type");

  if (node == NULL)
    return FALSE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return type_is_job_posting (json_node_get_string (node));

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) &&
              json_node_get_value_type (element) == G_TYPE_STRING &&
              type_is_job_posting (json_node_get_string (element)))
            return TRUE;
        }
    }

  return FALSE;
}

/* The JobPosting objects in @node, at @depth (the root of a document is at
 * 0), in document order */
static void
find_postings (JsonNode  *node,
               guint      depth,
               GPtrArray *postings)
{
  /* a @graph, an ItemList, a ListItem { "item": { JobPosting } } */
  static const char * const containers[] = { "@graph", "itemListElement", "item" };

  if (node == NULL || depth > MAX_DEPTH)
    return;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (is_job_posting (object))
        {
          g_ptr_array_add (postings, object);
          return;
        }

      for (guint i = 0; i < G_N_ELEMENTS (containers); i++)
        find_postings (json_object_get_member (object, containers[i]), depth + 1, postings);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        find_postings (json_array_get_element (array, i), depth + 1, postings);
    }
}

void
cg_jsonld_find_postings (JsonNode  *node,
                         GPtrArray *postings)
{
  find_postings (node, 0, postings);
}

/* Reads each of @postings into @records, or into a line of @warnings;
 * @n_seen counts them */
static void
read_postings (GPtrArray *postings,
               guint     *n_seen,
               GPtrArray *records,
               GPtrArray *warnings)
{
  for (guint i = 0; i < postings->len; i++)
    {
      g_autofree char *reason = NULL;
      CgJobRecord *record;

      (*n_seen)++;
      record = cg_jsonld_read_posting (g_ptr_array_index (postings, i), &reason);
      if (record != NULL)
        g_ptr_array_add (records, record);
      else if (warnings != NULL)
        g_ptr_array_add (warnings,
                         g_strdup_printf (_("posting %u: skipped, %s"), *n_seen, reason));
    }
}

void
cg_jsonld_read_element (JsonNode  *element,
                        guint     *n_seen,
                        GPtrArray *records,
                        GPtrArray *warnings)
{
  g_autoptr(GPtrArray) postings = g_ptr_array_new ();

  /* In cg_jsonld_parse(), the array is the root (depth 0) */
  find_postings (element, 1, postings);
  read_postings (postings, n_seen, records, warnings);
}

GPtrArray *
cg_jsonld_parse (const char  *data,
                 gssize       length,
                 GPtrArray   *warnings,
                 GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_job_record_free);
  g_autoptr(GPtrArray) postings = g_ptr_array_new ();
  guint n_seen = 0;

  if (length < 0)
    length = strlen (data);

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID,
                   _("The file is not valid UTF-8 text"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      /* json-glib says "<data>:LINE:COLUMN: what"; keep "LINE:COLUMN: what" */
      const char *message = local_error->message;

      if (g_str_has_prefix (message, "<data>:"))
        message += strlen ("<data>:");
      g_set_error_literal (error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID, message);
      return NULL;
    }

  find_postings (json_parser_get_root (parser), 0, postings);
  read_postings (postings, &n_seen, records, warnings);

  if (n_seen == 0)
    {
      g_set_error (error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_NO_POSTINGS,
                   _("No schema.org JobPosting found"));
      return NULL;
    }

  return g_steal_pointer (&records);
}
