/* test-jsonld.c: JobPosting JSON-LD as real pages write it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-jsonld.h"

static GPtrArray *
parse_ok (const char *json,
          GPtrArray  *warnings)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *records = cg_jsonld_parse (json, -1, warnings, &error);

  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static void
test_single_object (void)
{
  g_autoptr(GPtrArray) records = parse_ok (
    "{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\","
    " \"title\": \"Firmware Engineer II\","
    " \"hiringOrganization\": {\"@type\": \"Organization\", \"name\": \"Acme\"},"
    " \"jobLocation\": {\"@type\": \"Place\", \"address\": {\"addressLocality\": \"Tampa\", \"addressRegion\": \"FL\"}},"
    " \"employmentType\": \"FULL_TIME\", \"datePosted\": \"2026-05-01T09:30:00Z\","
    " \"validThrough\": \"2026-06-30\","
    " \"baseSalary\": {\"@type\": \"MonetaryAmount\", \"currency\": \"USD\","
    "   \"value\": {\"@type\": \"QuantitativeValue\", \"minValue\": 90000, \"maxValue\": 120000, \"unitText\": \"YEAR\"}},"
    " \"description\": \"<p>Write <b>firmware</b>.</p>\", \"url\": \"https://jobs.example/1\"}", NULL);
  CgJobRecord *r;

  g_assert_cmpuint (records->len, ==, 1);
  r = g_ptr_array_index (records, 0);
  g_assert_cmpstr (r->title, ==, "Firmware Engineer II");
  g_assert_cmpstr (r->company, ==, "Acme");
  g_assert_cmpuint (r->locations->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->locations, 0), ==, "Tampa, FL");
  g_assert_cmpstr (r->region, ==, "FL");
  g_assert_cmpstr (r->arrangement, ==, "onsite");
  g_assert_cmpstr (r->employment_type, ==, "full_time");
  g_assert_cmpstr (r->date_posted, ==, "2026-05-01");
  g_assert_cmpstr (r->valid_through, ==, "2026-06-30");
  g_assert_true (r->has_pay);
  g_assert_cmpfloat (r->pay.min, ==, 90000);
  g_assert_cmpfloat (r->pay.max, ==, 120000);
  g_assert_cmpint (r->pay.unit, ==, CG_PAY_UNIT_YEAR);
  g_assert_cmpstr (r->pay.currency, ==, "USD");
  g_assert_nonnull (strstr (r->description, "**firmware**"));
  g_assert_cmpstr (r->key, ==, "url:https://jobs.example/1");
}

static void
test_sloppy_forms (void)
{
  g_autoptr(GPtrArray) records = parse_ok (
    "[{\"@type\": \"schema:JobPosting\", \"name\": \"Remote ML Engineer\","
    "  \"hiringOrganization\": \"Beta Corp\", \"jobLocationType\": \"telecommute\","
    "  \"employmentType\": [\"CONTRACTOR\", \"FULL_TIME\"],"
    "  \"baseSalary\": {\"currency\": \"USD\", \"value\": {\"value\": \"40.00\", \"unitText\": \"HOUR\"}}},"
    " {\"@type\": [\"JobPosting\"], \"title\": \"  Hybrid Data Engineer  \", \"careerGuide:workArrangement\": \"Hybrid\","
    "  \"jobLocation\": [{\"address\": \"Austin, TX\"}, {\"address\": {\"addressLocality\": \"Dallas\", \"addressRegion\": \"TX\"}}],"
    "  \"baseSalary\": 85000}]", NULL);
  CgJobRecord *a, *b;

  g_assert_cmpuint (records->len, ==, 2);
  a = g_ptr_array_index (records, 0);
  g_assert_cmpstr (a->title, ==, "Remote ML Engineer");
  g_assert_cmpstr (a->company, ==, "Beta Corp");
  g_assert_cmpstr (a->arrangement, ==, "remote");
  g_assert_cmpstr (a->employment_type, ==, "contractor");
  g_assert_true (a->has_pay);
  g_assert_cmpfloat (a->pay.min, ==, 40);
  g_assert_cmpint (a->pay.unit, ==, CG_PAY_UNIT_HOUR);
  g_assert_true (g_str_has_prefix (a->key, "sha1:"));

  b = g_ptr_array_index (records, 1);
  g_assert_cmpstr (b->title, ==, "Hybrid Data Engineer");
  g_assert_cmpstr (b->arrangement, ==, "hybrid");
  g_assert_cmpuint (b->locations->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (b->locations, 1), ==, "Dallas, TX");
  g_assert_true (b->has_pay);
  g_assert_cmpfloat (b->pay.min, ==, 85000);
}

/* 0 to 0 (some boards' way of stating no pay) is no pay; the next salary
 * member is read instead, and a real 0 to 50000 stays */
static void
test_zero_pay (void)
{
  static const struct {
    const char *salary;
    gboolean    has_pay;
    double      min, max;
  } cases[] = {
    { "\"baseSalary\": {\"currency\": \"CAD\", \"value\": {\"minValue\": 0, \"maxValue\": 0,"
      " \"unitText\": \"HOUR\"}}", FALSE, 0, 0 },
    { "\"baseSalary\": {\"currency\": \"CAD\", \"value\": {\"value\": 0, \"unitText\": \"YEAR\"}}",
      FALSE, 0, 0 },
    { "\"baseSalary\": {\"currency\": \"CAD\", \"value\": \"0\"}", FALSE, 0, 0 },
    { "\"baseSalary\": {\"currency\": \"USD\", \"value\": {\"minValue\": \"0\", \"maxValue\": \"0.00\"}}",
      FALSE, 0, 0 },
    { "\"baseSalary\": {\"value\": {\"minValue\": 0, \"maxValue\": 0}},"
      " \"estimatedSalary\": {\"currency\": \"USD\", \"value\": {\"minValue\": 40000,"
      " \"maxValue\": 50000, \"unitText\": \"YEAR\"}}", TRUE, 40000, 50000 },
    { "\"baseSalary\": {\"currency\": \"USD\", \"value\": {\"minValue\": 0, \"maxValue\": 50000,"
      " \"unitText\": \"YEAR\"}}", TRUE, 0, 50000 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@type\": \"JobPosting\", \"title\": \"T\", %s}",
                                               cases[i].salary);
      g_autoptr(GPtrArray) records = parse_ok (json, NULL);
      CgJobRecord *r;

      g_assert_cmpuint (records->len, ==, 1);
      r = g_ptr_array_index (records, 0);
      g_assert_cmpint (r->has_pay, ==, cases[i].has_pay);
      if (cases[i].has_pay)
        {
          g_assert_cmpfloat (r->pay.min, ==, cases[i].min);
          g_assert_cmpfloat (r->pay.max, ==, cases[i].max);
        }
    }
}

static void
test_graph_and_item_list (void)
{
  g_autoptr(GPtrArray) graph = parse_ok (
    "{\"@graph\": [{\"@type\": \"WebPage\"}, {\"@type\": \"JobPosting\", \"title\": \"A\"}]}", NULL);
  g_autoptr(GPtrArray) list = parse_ok (
    "{\"@type\": \"ItemList\", \"itemListElement\": ["
    " {\"@type\": \"ListItem\", \"position\": 1, \"item\": {\"@type\": \"JobPosting\", \"title\": \"B\"}},"
    " {\"@type\": \"JobPosting\", \"title\": \"C\"}]}", NULL);

  g_assert_cmpuint (graph->len, ==, 1);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((CgJobRecord *) g_ptr_array_index (list, 1))->title, ==, "C");
}

static void
test_skipped_with_reason (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = parse_ok (
    "[{\"@type\": \"JobPosting\", \"title\": \"Kept\"}, {\"@type\": \"JobPosting\", \"url\": \"x\"}]", warnings);

  g_assert_cmpuint (records->len, ==, 1);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "posting 2"));
  g_assert_nonnull (strstr (g_ptr_array_index (warnings, 0), "title"));
}

static void
test_invalid_json (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = cg_jsonld_parse ("{\n\"title\": \"x\",\n}", -1, NULL, &error);

  g_assert_null (records);
  g_assert_error (error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_INVALID);
  /* json-glib says where: the trailing comma on line 2 */
  g_assert_true (g_str_has_prefix (error->message, "2:"));
}

static void
test_garbage (void)
{
  const char *inputs[] = { "", "null", "42", "\"text\"", "[]", "{}", "\xff\xfe\x00garbage", "[[[[[[[[[[" };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = cg_jsonld_parse (inputs[i], -1, NULL, &error);

      g_assert_null (records);
      g_assert_nonnull (error);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append (json, "{\"@graph\": ");
  g_string_append (json, "{\"@type\": \"JobPosting\", \"title\": \"deep\"}");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (json, '}');

  /* json-glib refuses very deep documents, or the walk stops: never a crash */
  records = cg_jsonld_parse (json->str, json->len, NULL, &error);
  g_assert_true ((records == NULL) == (error != NULL));
}

/* Dates are ISO dates or date-times (with a fraction, a zone), years 1900
 * to 2999; anything else is dropped */
static void
test_dates (void)
{
  static const struct {
    const char *text;
    const char *date;
  } cases[] = {
    { "2026-05-01", "2026-05-01" },
    { "2026-05-01T09:30:00Z", "2026-05-01" },
    { "2026-05-01T09:30:00.000+02:00", "2026-05-01" },
    { "2026-05-01T09:30", "2026-05-01" },
    { "last week", NULL },
    { "2026-02-30", NULL },
    { "", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"@type\": \"JobPosting\", \"title\": \"T\","
                                               " \"datePosted\": \"%s\"}", cases[i].text);
      g_autoptr(GPtrArray) records = parse_ok (json, NULL);
      CgJobRecord *r;

      g_assert_cmpuint (records->len, ==, 1);
      r = g_ptr_array_index (records, 0);
      g_assert_cmpstr (r->date_posted, ==, cases[i].date);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/jsonld/single-object", test_single_object);
  g_test_add_func ("/jsonld/sloppy-forms", test_sloppy_forms);
  g_test_add_func ("/jsonld/zero-pay", test_zero_pay);
  g_test_add_func ("/jsonld/graph-and-item-list", test_graph_and_item_list);
  g_test_add_func ("/jsonld/skipped-with-reason", test_skipped_with_reason);
  g_test_add_func ("/jsonld/invalid-json", test_invalid_json);
  g_test_add_func ("/jsonld/garbage", test_garbage);
  g_test_add_func ("/jsonld/deep-nesting", test_deep_nesting);
  g_test_add_func ("/jsonld/dates", test_dates);

  return g_test_run ();
}
