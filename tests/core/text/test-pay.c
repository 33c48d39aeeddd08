/* test-pay.c: tests for cg-pay
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>

#include "cg-pay.h"

#define H CG_PAY_UNIT_HOUR
#define D CG_PAY_UNIT_DAY
#define W CG_PAY_UNIT_WEEK
#define M CG_PAY_UNIT_MONTH
#define Y CG_PAY_UNIT_YEAR
#define U CG_PAY_UNIT_UNKNOWN

/* A pay text as postings state it, and what it should read as. */
typedef struct
{
  const char *name;             /* test path: /pay/parse/NAME */
  const char *text;
  CgPayUnit   default_unit;
  const char *default_currency;
  gboolean    has_min;
  gboolean    has_max;
  double      min;
  double      max;
  const char *currency;
  CgPayUnit   unit;
  const char *formatted;
} ParseCase;

static const ParseCase parse_cases[] = {
  { "bare-integer", "100000", U, NULL, TRUE, TRUE, 100000, 100000, "", Y, "100K a year" },
  { "grouped", "100,000", U, NULL, TRUE, TRUE, 100000, 100000, "", Y, "100K a year" },
  { "dollar-grouped", "$100,000", U, NULL, TRUE, TRUE, 100000, 100000, "USD", Y, "$100K a year" },
  { "range-k-yr", "$66.50K - $89.90K/yr", U, NULL, TRUE, TRUE, 66500, 89900, "USD", Y,
    "$66.5K – $89.9K a year" },
  { "range-k-yr-2", "$114.30K - $150.70K/yr", U, NULL, TRUE, TRUE, 114300, 150700, "USD", Y,
    "$114.3K – $150.7K a year" },
  { "slash-hour", "$40/hour", U, NULL, TRUE, TRUE, 40, 40, "USD", H, "$40 an hour" },
  { "an-hour", "$40 an hour", U, NULL, TRUE, TRUE, 40, 40, "USD", H, "$40 an hour" },
  { "unit-text-default", "40.00", H, "USD", TRUE, TRUE, 40, 40, "USD", H, "$40 an hour" },
  { "euro-range-a-year", "€45,000 - €55,000 a year", U, NULL, TRUE, TRUE, 45000, 55000, "EUR", Y,
    "€45K – €55K a year" },
  { "pound-k-per-annum", "£30k-£40k per annum", U, NULL, TRUE, TRUE, 30000, 40000, "GBP", Y,
    "£30K – £40K a year" },
  { "code-range", "USD 120000-150000", U, NULL, TRUE, TRUE, 120000, 150000, "USD", Y,
    "$120K – $150K a year" },
  { "range-per-hour", "$20 - $25 per hour", U, NULL, TRUE, TRUE, 20, 25, "USD", H,
    "$20 – $25 an hour" },
  { "up-to", "Up to $90K a year", U, NULL, FALSE, TRUE, 0, 90000, "USD", Y, "Up to $90K a year" },
  { "from", "From $50,000 a year", U, NULL, TRUE, FALSE, 50000, 0, "USD", Y, "From $50K a year" },
  { "million", "$1.2M", U, NULL, TRUE, TRUE, 1200000, 1200000, "USD", Y, "$1.2M a year" },
  { "bare-k", "80K", U, NULL, TRUE, TRUE, 80000, 80000, "", Y, "80K a year" },
  { "bare-k-default-currency", "80K", U, "eur", TRUE, TRUE, 80000, 80000, "EUR", Y, "€80K a year" },
  { "a-day", "$25 a day", U, NULL, TRUE, TRUE, 25, 25, "USD", D, "$25 a day" },
  { "a-week", "$1,000 a week", U, NULL, TRUE, TRUE, 1000, 1000, "USD", W, "$1,000 a week" },
  { "a-month", "$5,000 a month", U, NULL, TRUE, TRUE, 5000, 5000, "USD", M, "$5K a month" },
  { "cad-code", "CAD 90,000 per year", U, NULL, TRUE, TRUE, 90000, 90000, "CAD", Y,
    "CAD 90K a year" },
  { "cents", "$40.50/hr", U, NULL, TRUE, TRUE, 40.5, 40.5, "USD", H, "$40.50 an hour" },
  { "shared-suffix", "50-60K", U, "USD", TRUE, TRUE, 50000, 60000, "USD", Y, "$50K – $60K a year" },
  { "code-after-range", "20-25 USD per hour", U, NULL, TRUE, TRUE, 20, 25, "USD", H,
    "$20 – $25 an hour" },
  { "plus", "$50K+", U, NULL, TRUE, FALSE, 50000, 0, "USD", Y, "From $50K a year" },
  { "us-dollar-prefix", "US$ 85,000", U, NULL, TRUE, TRUE, 85000, 85000, "USD", Y, "$85K a year" },
  { "ca-dollar-prefix", "CA$70,000 - CA$80,000", U, NULL, TRUE, TRUE, 70000, 80000, "CAD", Y,
    "CAD 70K – CAD 80K a year" },
  { "rupee-lakh-grouping", "₹10,00,000 per annum", U, NULL, TRUE, TRUE, 1000000, 1000000, "INR", Y,
    "INR 1M a year" },
  { "euro-dot-grouping", "€45.000 - €55.000", U, NULL, TRUE, TRUE, 45000, 55000, "EUR", Y,
    "€45K – €55K a year" },
  { "euro-decimal-comma", "€3.500,50 monthly", U, NULL, TRUE, TRUE, 3500.5, 3500.5, "EUR", M,
    "€3.5K a month" },
  { "yen", "¥5,000,000", U, NULL, TRUE, TRUE, 5000000, 5000000, "JPY", Y, "¥5M a year" },
  { "space-grouping", "USD 120 000-150 000", U, NULL, TRUE, TRUE, 120000, 150000, "USD", Y,
    "$120K – $150K a year" },
  { "space-not-grouping", "$40 100% remote", U, NULL, TRUE, TRUE, 40, 40, "USD", H, "$40 an hour" },
  { "nbsp-grouping", "45\u00a0000 €", U, NULL, TRUE, TRUE, 45000, 45000, "EUR", Y, "€45K a year" },
  { "hours-after", "$20/hr, 40 hours per week", U, NULL, TRUE, TRUE, 20, 20, "USD", H,
    "$20 an hour" },
  { "hours-before", "40 hours per week at $22.50/hour", U, NULL, TRUE, TRUE, 22.5, 22.5, "USD", H,
    "$22.50 an hour" },
  { "hyphenated-duration", "Full time, 40-hour week, $20/hr", U, NULL, TRUE, TRUE, 20, 20, "USD", H,
    "$20 an hour" },
  { "range-per-day", "$150 - $250 per day", U, NULL, TRUE, TRUE, 150, 250, "USD", D,
    "$150 – $250 a day" },
  { "unit-guess-unknown", "$150 - $250", U, NULL, TRUE, TRUE, 150, 250, "USD", U, "$150 – $250" },
  { "unit-before", "Hourly: $20 - $25", U, NULL, TRUE, TRUE, 20, 25, "USD", H,
    "$20 – $25 an hour" },
  { "swapped", "$80,000 - $60,000 a year", U, NULL, TRUE, TRUE, 60000, 80000, "USD", Y,
    "$60K – $80K a year" },
  { "bonus-percent", "Salary: $95,000 annually + 10% bonus", U, NULL, TRUE, TRUE, 95000, 95000,
    "USD", Y, "$95K a year" },
  { "between-and", "Between $70k and $90k", U, NULL, TRUE, TRUE, 70000, 90000, "USD", Y,
    "$70K – $90K a year" },
  { "to-p-a", "GBP 30,000 to 35,000 p.a.", U, NULL, TRUE, TRUE, 30000, 35000, "GBP", Y,
    "£30K – £35K a year" },
  { "slash-h", "$30/h", U, NULL, TRUE, TRUE, 30, 30, "USD", H, "$30 an hour" },
  { "slash-mo", "$4,500/mo", U, NULL, TRUE, TRUE, 4500, 4500, "USD", M, "$4.5K a month" },
  { "code-after-monthly", "2500 EUR monthly", U, NULL, TRUE, TRUE, 2500, 2500, "EUR", M,
    "€2.5K a month" },
  { "hourly-after", "$45 hourly", U, NULL, TRUE, TRUE, 45, 45, "USD", H, "$45 an hour" },
  { "unit-text-year", "85000", Y, "GBP", TRUE, TRUE, 85000, 85000, "GBP", Y, "£85K a year" },
  { "unit-text-month", "4200.00", M, "EUR", TRUE, TRUE, 4200, 4200, "EUR", M, "€4.2K a month" },
  { "unit-in-text-wins", "$25 per hour", Y, NULL, TRUE, TRUE, 25, 25, "USD", H, "$25 an hour" },
  { "currency-in-text-wins", "£30,000", U, "USD", TRUE, TRUE, 30000, 30000, "GBP", Y,
    "£30K a year" },
  { "guess-hour", "18.50", U, NULL, TRUE, TRUE, 18.5, 18.5, "", H, "18.50 an hour" },
  { "guess-unknown", "500", U, NULL, TRUE, TRUE, 500, 500, "", U, "500" },
  { "en-dash", "$50,000–$70,000 per year", U, NULL, TRUE, TRUE, 50000, 70000, "USD", Y,
    "$50K – $70K a year" },
  { "maximum", "Maximum salary: $120,000", U, NULL, FALSE, TRUE, 0, 120000, "USD", Y,
    "Up to $120K a year" },
  { "starting-at", "Starting at $18/hr", U, NULL, TRUE, FALSE, 18, 0, "USD", H,
    "From $18 an hour" },
  { "thousand-word", "90 thousand dollars a year", U, "USD", TRUE, TRUE, 90000, 90000, "USD", Y,
    "$90K a year" },
  { "aud-prefix", "A$95k - A$105k + super", U, NULL, TRUE, TRUE, 95000, 105000, "AUD", Y,
    "AUD 95K – AUD 105K a year" },
  { "chf-code", "CHF 110'000", U, NULL, TRUE, TRUE, 110000, 110000, "CHF", Y, "CHF 110K a year" },
  { "number-before-currency-figure", "Team of 5, $100k", U, NULL, TRUE, TRUE, 100000, 100000,
    "USD", Y, "$100K a year" },
  { "yr-then-other-unit", "$50,000/yr, hybrid 3 days a week", U, NULL, TRUE, TRUE, 50000, 50000,
    "USD", Y, "$50K a year" },
  { "weekly", "£650 weekly", U, NULL, TRUE, TRUE, 650, 650, "GBP", W, "£650 a week" },
  { "daily-rate", "Day rate £450-£550", U, NULL, TRUE, TRUE, 450, 550, "GBP", D,
    "£450 – £550 a day" },
  { "lakhs-per-annum", "INR 12 LPA", U, NULL, TRUE, TRUE, 1200000, 1200000, "INR", Y,
    "INR 1.2M a year" },
  { "code-before-dollar", "CAD $80,000", U, NULL, TRUE, TRUE, 80000, 80000, "CAD", Y,
    "CAD 80K a year" },
  { "code-after-dollar", "$80,000 - $95,000 CAD", U, NULL, TRUE, TRUE, 80000, 95000, "CAD", Y,
    "CAD 80K – CAD 95K a year" },
  { "symbol-keeps-dollar", "$50k (€45k)", U, NULL, TRUE, TRUE, 50000, 50000, "USD", Y,
    "$50K a year" },
  { "german-month", "€ 3.200 brutto monatlich", U, NULL, TRUE, TRUE, 3200, 3200, "EUR", M,
    "€3.2K a month" },
  { "french-month", "2 000 € par mois", U, NULL, TRUE, TRUE, 2000, 2000, "EUR", M,
    "€2K a month" },
};

static void
test_parse_case (gconstpointer data)
{
  const ParseCase *c = data;
  CgPay pay;
  g_autofree char *formatted = NULL;
  double annual_min = -1, annual_max = -1;
  double factor = cg_pay_unit_annual_factor (c->unit);
  g_autofree char *escaped = g_strescape (c->text, NULL);

  g_test_message ("text: %s", escaped);
  g_assert_true (cg_pay_parse (c->text, c->default_unit, c->default_currency, &pay));

  g_assert_cmpint (pay.has_min, ==, c->has_min);
  g_assert_cmpint (pay.has_max, ==, c->has_max);
  if (c->has_min)
    g_assert_cmpfloat_with_epsilon (pay.min, c->min, 1e-6);
  if (c->has_max)
    g_assert_cmpfloat_with_epsilon (pay.max, c->max, 1e-6);
  g_assert_cmpstr (pay.currency, ==, c->currency);
  g_assert_cmpint (pay.unit, ==, c->unit);

  formatted = cg_pay_format (&pay);
  g_assert_cmpstr (formatted, ==, c->formatted);

  if (c->unit == CG_PAY_UNIT_UNKNOWN)
    {
      g_assert_false (cg_pay_annualise (&pay, &annual_min, &annual_max));
      g_assert_cmpfloat (annual_min, ==, 0);
      g_assert_cmpfloat (annual_max, ==, 0);
    }
  else
    {
      double lo = c->has_min ? c->min : c->max;
      double hi = c->has_max ? c->max : c->min;

      g_assert_true (cg_pay_annualise (&pay, &annual_min, &annual_max));
      g_assert_cmpfloat_with_epsilon (annual_min, lo * factor, 1e-6);
      g_assert_cmpfloat_with_epsilon (annual_max, hi * factor, 1e-6);
    }
}

/* Text that states no pay */
static const char * const rejected[] = {
  "",
  "-1",
  "N/A",
  "n/a",
  "Competitive",
  "Competitive salary, 401(k) match",
  "401k",
  "DOE",
  "garbage",
  "asdf qwer zxcv",
  "NaN",
  "nan",
  "inf",
  "-inf",
  "Infinity",
  "1e999",
  "1e5",
  "$-5",
  "-$50,000",
  "USD -5",
  "\xe2\x88\x92" "5",                      /* U+2212 MINUS SIGN */
  "$5,000,000,000",
  "5B",
  "99999999999999999999999999999999999999999999",
  "$0",
  "0 - 0",
  "1.2.3",
  "10%",
  "40 hours",
  "\xff\xfe" "40",
  "$40 \xc3\x28 an hour",                  /* invalid UTF-8 in the middle */
  "$4\xe2\x82",                            /* truncated UTF-8 at the end */
};

static void
test_parse_rejected (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (rejected); i++)
    {
      g_autofree char *escaped = g_strescape (rejected[i], NULL);
      CgPay pay;

      memset (&pay, 0x55, sizeof pay);
      g_test_message ("text: %s", escaped);
      g_assert_false (cg_pay_parse (rejected[i], CG_PAY_UNIT_UNKNOWN, "USD", &pay));

      /* cleared on failure */
      g_assert_false (pay.has_min);
      g_assert_false (pay.has_max);
      g_assert_cmpstr (pay.currency, ==, "");
      g_assert_cmpint (pay.unit, ==, CG_PAY_UNIT_UNKNOWN);
    }
}

static void
test_parse_null (void)
{
  CgPay pay;

  g_assert_false (cg_pay_parse (NULL, CG_PAY_UNIT_HOUR, "USD", &pay));
  g_assert_false (pay.has_min);
  g_assert_false (pay.has_max);
}

static void
test_parse_too_long (void)
{
  g_autoptr(GString) text = g_string_new ("$50,000 a year");
  CgPay pay;

  g_assert_true (cg_pay_parse (text->str, CG_PAY_UNIT_UNKNOWN, NULL, &pay));

  while (text->len <= 4096)
    g_string_append (text, " and more");
  g_assert_false (cg_pay_parse (text->str, CG_PAY_UNIT_UNKNOWN, NULL, &pay));
}

static void
test_parse_many_tokens (void)
{
  g_autoptr(GString) text = g_string_new ("$60,000 a year");
  CgPay pay;

  /* More tokens than the scanner keeps: the figure at the start still counts */
  for (guint i = 0; i < 1000; i++)
    g_string_append (text, " x");
  g_assert_true (cg_pay_parse (text->str, CG_PAY_UNIT_UNKNOWN, NULL, &pay));
  g_assert_cmpstr (pay.currency, ==, "USD");
  g_assert_cmpfloat (pay.min, ==, 60000);
  g_assert_cmpfloat (pay.max, ==, 60000);
  g_assert_cmpint (pay.unit, ==, CG_PAY_UNIT_YEAR);
}

static void
test_parse_default_currency (void)
{
  CgPay pay;

  g_assert_true (cg_pay_parse ("50000", CG_PAY_UNIT_UNKNOWN, NULL, &pay));
  g_assert_cmpstr (pay.currency, ==, "");

  g_assert_true (cg_pay_parse ("50000", CG_PAY_UNIT_UNKNOWN, "gbp", &pay));
  g_assert_cmpstr (pay.currency, ==, "GBP");

  /* Not a code: ignored */
  g_assert_true (cg_pay_parse ("50000", CG_PAY_UNIT_UNKNOWN, "dollars", &pay));
  g_assert_cmpstr (pay.currency, ==, "");
  g_assert_true (cg_pay_parse ("50000", CG_PAY_UNIT_UNKNOWN, "U$", &pay));
  g_assert_cmpstr (pay.currency, ==, "");
}

/* Random bytes and random pay-like text: never a crash, and a result that
 * holds together whenever one is returned. */
static void
test_parse_random (void)
{
  static const char alphabet[] = "0123456789.,'$-+~%kKmM/ hraynouwekdt\xe2\x82\xac\xc2\xa3\xa0";

  for (guint i = 0; i < 20000; i++)
    {
      char text[64];
      guint len = g_test_rand_int_range (0, sizeof text);
      gboolean raw = i % 2 == 0;
      CgPay pay;

      for (guint k = 0; k < len; k++)
        {
          if (raw)
            text[k] = (char) g_test_rand_int_range (1, 256);
          else
            text[k] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
        }
      text[len] = '\0';

      if (cg_pay_parse (text, CG_PAY_UNIT_UNKNOWN, NULL, &pay))
        {
          g_autofree char *formatted = NULL;
          double lo, hi;

          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_true (pay.has_min || pay.has_max);
          g_assert_true (isfinite (pay.min) && pay.min >= 0 && pay.min <= 1e9);
          g_assert_true (isfinite (pay.max) && pay.max >= 0 && pay.max <= 1e9);
          if (pay.has_min && pay.has_max)
            g_assert_cmpfloat (pay.min, <=, pay.max);
          g_assert_cmpuint (strlen (pay.currency), <, 4);

          formatted = cg_pay_format (&pay);
          g_assert_nonnull (formatted);
          g_assert_true (g_utf8_validate (formatted, -1, NULL));

          if (cg_pay_annualise (&pay, &lo, &hi))
            g_assert_cmpfloat (lo, <=, hi);
        }
    }
}

static void
test_unit_from_string (void)
{
  static const struct
  {
    const char *text;
    CgPayUnit   unit;
  } cases[] = {
    { "HOUR", H }, { "hour", H }, { "Hour", H }, { "hourly", H }, { "per hour", H },
    { "an hour", H }, { "hr", H }, { "/hr", H }, { "/h", H }, { "p/h", H }, { "hrs", H },
    { "DAY", D }, { "day", D }, { "daily", D }, { "per day", D }, { "per diem", D },
    { "WEEK", W }, { "weekly", W }, { "wk", W }, { "/wk", W }, { "a week", W },
    { "MONTH", M }, { "monthly", M }, { "mo", M }, { "/mo", M }, { "per month", M },
    { "pcm", M },
    { "YEAR", Y }, { "year", Y }, { "yr", Y }, { "/yr", Y }, { "annual", Y }, { "annually", Y },
    { "per annum", Y }, { "p.a.", Y }, { "yearly", Y }, { "  Year  ", Y }, { "a year", Y },
    { NULL, U }, { "", U }, { "h", U }, { "y", U }, { "fortnight", U }, { "HOURLYISH", U },
    { "per", U }, { "/", U }, { "\xff", U }, { "piece", U },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *escaped = cases[i].text ? g_strescape (cases[i].text, NULL) : NULL;

      g_test_message ("unit text: %s", escaped ? escaped : "(null)");
      g_assert_cmpint (cg_pay_unit_from_string (cases[i].text), ==, cases[i].unit);
    }
}

static void
test_unit_to_string (void)
{
  g_assert_cmpstr (cg_pay_unit_to_string (H), ==, "HOUR");
  g_assert_cmpstr (cg_pay_unit_to_string (D), ==, "DAY");
  g_assert_cmpstr (cg_pay_unit_to_string (W), ==, "WEEK");
  g_assert_cmpstr (cg_pay_unit_to_string (M), ==, "MONTH");
  g_assert_cmpstr (cg_pay_unit_to_string (Y), ==, "YEAR");
  g_assert_null (cg_pay_unit_to_string (U));
  g_assert_null (cg_pay_unit_to_string ((CgPayUnit) 42));

  /* Round trip */
  for (CgPayUnit unit = H; unit <= Y; unit++)
    g_assert_cmpint (cg_pay_unit_from_string (cg_pay_unit_to_string (unit)), ==, unit);
}

static void
test_unit_annual_factor (void)
{
  g_assert_cmpfloat (cg_pay_unit_annual_factor (H), ==, 2080);
  g_assert_cmpfloat (cg_pay_unit_annual_factor (D), ==, 260);
  g_assert_cmpfloat (cg_pay_unit_annual_factor (W), ==, 52);
  g_assert_cmpfloat (cg_pay_unit_annual_factor (M), ==, 12);
  g_assert_cmpfloat (cg_pay_unit_annual_factor (Y), ==, 1);
  g_assert_cmpfloat (cg_pay_unit_annual_factor (U), ==, 0);
  g_assert_cmpfloat (cg_pay_unit_annual_factor ((CgPayUnit) -1), ==, 0);
}

static void
test_annualise (void)
{
  CgPay pay = { .min = 40, .max = 50, .has_min = TRUE, .has_max = TRUE, .currency = "USD",
                .unit = H };
  double lo, hi;

  g_assert_true (cg_pay_annualise (&pay, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 83200);
  g_assert_cmpfloat (hi, ==, 104000);

  /* Either output may be omitted */
  g_assert_true (cg_pay_annualise (&pay, NULL, &hi));
  g_assert_cmpfloat (hi, ==, 104000);
  g_assert_true (cg_pay_annualise (&pay, &lo, NULL));
  g_assert_cmpfloat (lo, ==, 83200);

  /* "$40/hour" and "$83,200 a year" compare equal */
  {
    CgPay hourly, yearly;
    double a, b;

    g_assert_true (cg_pay_parse ("$40/hour", U, NULL, &hourly));
    g_assert_true (cg_pay_parse ("$83,200 a year", U, NULL, &yearly));
    g_assert_true (cg_pay_annualise (&hourly, &a, NULL));
    g_assert_true (cg_pay_annualise (&yearly, &b, NULL));
    g_assert_cmpfloat (a, ==, b);
  }

  pay.unit = U;
  g_assert_false (cg_pay_annualise (&pay, &lo, &hi));
  g_assert_cmpfloat (lo, ==, 0);
  g_assert_cmpfloat (hi, ==, 0);

  pay.unit = Y;
  pay.has_min = pay.has_max = FALSE;
  g_assert_false (cg_pay_annualise (&pay, &lo, &hi));

  pay.has_max = TRUE;
  pay.max = INFINITY;
  g_assert_false (cg_pay_annualise (&pay, &lo, &hi));
}

static void
test_format (void)
{
  static const struct
  {
    double      min;
    double      max;
    gboolean    has_min;
    gboolean    has_max;
    const char *currency;
    CgPayUnit   unit;
    const char *expected;
  } cases[] = {
    { 66500, 89900, TRUE, TRUE, "USD", Y, "$66.5K – $89.9K a year" },
    { 40, 40, TRUE, TRUE, "USD", H, "$40 an hour" },
    { 40.5, 40.5, TRUE, TRUE, "USD", H, "$40.50 an hour" },
    { 45000, 55000, TRUE, TRUE, "EUR", Y, "€45K – €55K a year" },
    { 0, 90000, FALSE, TRUE, "USD", Y, "Up to $90K a year" },
    { 50000, 0, TRUE, FALSE, "USD", Y, "From $50K a year" },
    { 100000, 100000, TRUE, TRUE, "USD", Y, "$100K a year" },
    { 1200000, 1200000, TRUE, TRUE, "USD", Y, "$1.2M a year" },
    { 25, 25, TRUE, TRUE, "USD", D, "$25 a day" },
    { 1000, 1000, TRUE, TRUE, "USD", W, "$1,000 a week" },
    { 5000, 5000, TRUE, TRUE, "USD", M, "$5K a month" },
    { 90000, 90000, TRUE, TRUE, "CAD", Y, "CAD 90K a year" },
    { 30000, 30000, TRUE, TRUE, "GBP", Y, "£30K a year" },
    { 5000000, 5000000, TRUE, TRUE, "JPY", Y, "¥5M a year" },
    { 80000, 80000, TRUE, TRUE, "", Y, "80K a year" },
    { 150, 250, TRUE, TRUE, "USD", U, "$150 – $250" },
    { 999.995, 999.995, TRUE, TRUE, "USD", Y, "$1K a year" },
    { 999950, 999950, TRUE, TRUE, "USD", Y, "$1M a year" },
    { 66540, 66540, TRUE, TRUE, "USD", Y, "$66.5K a year" },
    { 1234567.89, 1234567.89, TRUE, TRUE, "USD", W, "$1,234,567.89 a week" },
    { 0.5, 0.5, TRUE, TRUE, "EUR", H, "€0.50 an hour" },
    { 66500, 66520, TRUE, TRUE, "USD", Y, "$66.5K a year" },   /* same when rounded */
    { 50000, 60000, TRUE, TRUE, "usd", Y, "$50K – $60K a year" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CgPay pay = { 0 };
      g_autofree char *text = NULL;

      pay.min = cases[i].min;
      pay.max = cases[i].max;
      pay.has_min = cases[i].has_min;
      pay.has_max = cases[i].has_max;
      pay.unit = cases[i].unit;
      g_strlcpy (pay.currency, cases[i].currency, sizeof pay.currency);

      text = cg_pay_format (&pay);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_format_invalid (void)
{
  CgPay pay = { .min = 1, .max = 2, .has_min = FALSE, .has_max = FALSE, .unit = Y };
  g_autofree char *text = NULL;

  g_assert_null (cg_pay_format (&pay));

  pay.has_min = pay.has_max = TRUE;
  pay.max = NAN;
  g_assert_null (cg_pay_format (&pay));
  pay.max = INFINITY;
  g_assert_null (cg_pay_format (&pay));
  pay.max = -5;
  g_assert_null (cg_pay_format (&pay));
  pay.max = 1e300;
  g_assert_null (cg_pay_format (&pay));

  /* A currency that is not NUL-terminated or not letters is left out */
  pay.min = pay.max = 100000;
  memcpy (pay.currency, "USDX", 4);
  text = cg_pay_format (&pay);
  g_assert_cmpstr (text, ==, "100K a year");
  g_clear_pointer (&text, g_free);

  memcpy (pay.currency, "$\0\0", 4);
  text = cg_pay_format (&pay);
  g_assert_cmpstr (text, ==, "100K a year");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parse_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pay/parse/%s", parse_cases[i].name);

      g_test_add_data_func (path, &parse_cases[i], test_parse_case);
    }

  g_test_add_func ("/pay/parse/rejected", test_parse_rejected);
  g_test_add_func ("/pay/parse/null", test_parse_null);
  g_test_add_func ("/pay/parse/too-long", test_parse_too_long);
  g_test_add_func ("/pay/parse/many-tokens", test_parse_many_tokens);
  g_test_add_func ("/pay/parse/default-currency", test_parse_default_currency);
  g_test_add_func ("/pay/parse/random", test_parse_random);
  g_test_add_func ("/pay/unit/from-string", test_unit_from_string);
  g_test_add_func ("/pay/unit/to-string", test_unit_to_string);
  g_test_add_func ("/pay/unit/annual-factor", test_unit_annual_factor);
  g_test_add_func ("/pay/annualise", test_annualise);
  g_test_add_func ("/pay/format/cases", test_format);
  g_test_add_func ("/pay/format/invalid", test_format_invalid);

  return g_test_run ();
}
