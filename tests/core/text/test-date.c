/* test-date.c: tests for cg-date, the one date parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cg-date.h"

/* A text, the forms it is read with, and what it should read as
 * ("YYYY-MM-DD" or with "THH:MM[:SS]"; NULL: refused). */
typedef struct {
  const char  *text;
  CgDateForms  forms;
  const char  *expected;
} DateCase;

static void
check_cases (const DateCase *cases,
             guint           n)
{
  for (guint i = 0; i < n; i++)
    {
      CgDate date = { 0, };
      g_autofree char *got = NULL;

      if (cg_date_parse (cases[i].text, cases[i].forms, &date))
        got = cg_date_format_time (&date);
      if (g_test_verbose ())
        g_test_message ("“%s” -> %s", cases[i].text, got ? got : "(refused)");
      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

static void
test_iso (void)
{
  static const DateCase cases[] = {
    { "2023-03-24", CG_DATE_ISO, "2023-03-24" },
    { "  2023-03-24\t", CG_DATE_ISO, "2023-03-24" },
    { "2024-02-29", CG_DATE_ISO, "2024-02-29" },
    { "2023-02-29", CG_DATE_ISO, NULL },
    { "2023-13-01", CG_DATE_ISO, NULL },
    { "2023-00-10", CG_DATE_ISO, NULL },
    { "2023-3-24", CG_DATE_ISO, NULL },
    { "2023-03-24x", CG_DATE_ISO, NULL },
    { "2023-03-24T16:11", CG_DATE_ISO, NULL },
    { "2023-03-24", CG_DATE_ISO_TIME, NULL },
    { "2023-03-24T16:11", CG_DATE_ISO_TIME, "2023-03-24T16:11" },
    { "2023-03-24t16:11:05", CG_DATE_ISO_TIME, "2023-03-24T16:11:05" },
    { "2022-02-26 19:17:05", CG_DATE_ISO_TIME, "2022-02-26T19:17:05" },
    { "2026-05-01T09:30:00Z", CG_DATE_ISO_TIME, "2026-05-01T09:30:00" },
    { "2026-05-01T09:30:00.123+02:00", CG_DATE_ISO_TIME, "2026-05-01T09:30:00" },
    { "2026-05-01T09:30-0500", CG_DATE_ISO_TIME, "2026-05-01T09:30" },
    { "2026-05-01T24:00", CG_DATE_ISO_TIME, NULL },
    { "2026-05-01T12:60", CG_DATE_ISO_TIME, NULL },
    { "2026-05-01T9:30", CG_DATE_ISO_TIME, NULL },
    { "2026-05-01T09:30 garbage", CG_DATE_ISO_TIME, NULL },
    { "2026-05-01T", CG_DATE_ISO_TIME, NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_numeric (void)
{
  static const DateCase cases[] = {
    { "24.03.2023", CG_DATE_DMY_DOTS, "2023-03-24" },
    { "4.5.2026", CG_DATE_DMY_DOTS, "2026-05-04" },
    { "31.02.2026", CG_DATE_DMY_DOTS, NULL },
    { "24.03.23", CG_DATE_DMY_DOTS, NULL },
    { "24.03.2023", CG_DATE_MDY_SLASHES, NULL },
    { "3/24/2023", CG_DATE_MDY_SLASHES, "2023-03-24" },
    { "03/24/2023", CG_DATE_MDY_SLASHES, "2023-03-24" },
    { "3/24/23", CG_DATE_MDY_SLASHES, "2023-03-24" },
    { "3/24/69", CG_DATE_MDY_SLASHES, "2069-03-24" },
    { "3/24/70", CG_DATE_MDY_SLASHES, "1970-03-24" },
    { "13/45/2026", CG_DATE_MDY_SLASHES, NULL },
    { "3/24/2023", CG_DATE_DMY_DOTS, NULL },
    { "3/24/023", CG_DATE_MDY_SLASHES, NULL },
    { "3/24/23, 4:11 PM", CG_DATE_MDY_SLASHES, NULL },
    { "3/24/23, 4:11 PM", CG_DATE_MDY_SLASHES | CG_DATE_WITH_TIME, "2023-03-24T16:11" },
    { "3/24/23, 12:05 am", CG_DATE_MDY_SLASHES | CG_DATE_WITH_TIME, "2023-03-24T00:05" },
    { "3/24/23 12:05pm", CG_DATE_MDY_SLASHES | CG_DATE_WITH_TIME, "2023-03-24T12:05" },
    { "3/24/23, 13:05 PM", CG_DATE_MDY_SLASHES | CG_DATE_WITH_TIME, NULL },
    { "24.03.2023 16:11:05", CG_DATE_DMY_DOTS | CG_DATE_WITH_TIME, "2023-03-24T16:11:05" },
    { "24.03.2023 soon", CG_DATE_DMY_DOTS | CG_DATE_WITH_TIME, NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_names (void)
{
  static const DateCase cases[] = {
    { "24 Mar 2023", CG_DATE_DAY_MONTH_NAME, "2023-03-24" },
    { "24 March 2023", CG_DATE_DAY_MONTH_NAME, "2023-03-24" },
    { "24-Mar-2023", CG_DATE_DAY_MONTH_NAME, "2023-03-24" },
    { "Fri, 24 Mar 2023", CG_DATE_DAY_MONTH_NAME, "2023-03-24" },
    { "1 sept. 2023", CG_DATE_DAY_MONTH_NAME, "2023-09-01" },
    { "24 Mar 2023", CG_DATE_MONTH_NAME_DAY, NULL },
    { "March 24, 2023", CG_DATE_MONTH_NAME_DAY, "2023-03-24" },
    { "mar 24 2023", CG_DATE_MONTH_NAME_DAY, "2023-03-24" },
    { "Mar. 24th, 2023", CG_DATE_MONTH_NAME_DAY, "2023-03-24" },
    { "March 24, 2023", CG_DATE_DAY_MONTH_NAME, NULL },
    { "February 30, 2023", CG_DATE_MONTH_NAME_DAY, NULL },
    { "Marc 24, 2023", CG_DATE_MONTH_NAME_DAY, NULL },
    { "March 24, 2023, 4:11 PM", CG_DATE_MONTH_NAME_DAY | CG_DATE_WITH_TIME, "2023-03-24T16:11" },
    { "24 Mar 2023 09:15", CG_DATE_DAY_MONTH_NAME | CG_DATE_WITH_TIME, "2023-03-24T09:15" },
    { "Waiting for response", CG_DATE_ALL, NULL },
    { "May", CG_DATE_ALL, NULL },
    { "Monday", CG_DATE_ALL, NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_unix (void)
{
  static const DateCase cases[] = {
    { "1714521600", CG_DATE_UNIX, "2024-05-01T00:00:00" },
    { "1714521600000", CG_DATE_UNIX, "2024-05-01T00:00:00" },
    { "1714521600", CG_DATE_HUMAN, NULL },
    { "171452160", CG_DATE_UNIX, NULL },
    { "17145216000", CG_DATE_UNIX, NULL },
    { "9999999999999", CG_DATE_UNIX, "2286-11-20T17:46:39" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* One range rule for every form. */
static void
test_range (void)
{
  static const DateCase cases[] = {
    { "1900-01-01", CG_DATE_ISO, "1900-01-01" },
    { "1899-12-31", CG_DATE_ISO, NULL },
    { "2999-12-31", CG_DATE_ISO, "2999-12-31" },
    { "3000-01-01", CG_DATE_ISO, NULL },
    { "0001-01-01", CG_DATE_ISO, NULL },
    { "1.1.1899", CG_DATE_DMY_DOTS, NULL },
    { "1/1/3000", CG_DATE_MDY_SLASHES, NULL },
    { "1 Jan 1899", CG_DATE_DAY_MONTH_NAME, NULL },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
  g_assert_true (cg_date_valid_dmy (29, 2, 2000));
  g_assert_false (cg_date_valid_dmy (29, 2, 1900));
  g_assert_false (cg_date_valid_dmy (0, 1, 2000));
  g_assert_false (cg_date_valid_dmy (1, 1, CG_DATE_MAX_YEAR + 1));
}

static void
test_helpers (void)
{
  g_autofree char *iso = cg_date_to_iso ("March 24, 2023", CG_DATE_HUMAN);
  g_autofree char *none = cg_date_to_iso ("N/A", CG_DATE_ALL);
  CgDate date;
  GDate gdate;

  g_assert_cmpstr (iso, ==, "2023-03-24");
  g_assert_null (none);
  g_assert_true (cg_date_is_iso ("2023-03-24"));
  g_assert_false (cg_date_is_iso (" 2023-03-24"));
  g_assert_false (cg_date_is_iso ("2023-03-24 "));
  g_assert_false (cg_date_is_iso ("2023-03-24T10:00"));
  g_assert_false (cg_date_is_iso (NULL));
  g_assert_false (cg_date_is_iso (""));
  g_assert_false (cg_date_parse (NULL, CG_DATE_ALL, &date));
  g_assert_false (cg_date_parse ("", CG_DATE_ALL, &date));

  g_assert_true (cg_date_parse ("2026-05-01T09:30:00Z", CG_DATE_ISO_TIME, &date));
  g_assert_true (date.has_zone);
  g_assert_true (cg_date_parse ("2026-05-01 09:30", CG_DATE_ISO_TIME, &date));
  g_assert_false (date.has_zone);
  g_assert_false (date.has_seconds);
  cg_date_to_gdate (&date, &gdate);
  g_assert_cmpint (g_date_get_year (&gdate), ==, 2026);
  g_assert_cmpint (g_date_get_month (&gdate), ==, 5);
  g_assert_cmpint (g_date_get_day (&gdate), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/iso", test_iso);
  g_test_add_func ("/date/numeric", test_numeric);
  g_test_add_func ("/date/names", test_names);
  g_test_add_func ("/date/unix", test_unix);
  g_test_add_func ("/date/range", test_range);
  g_test_add_func ("/date/helpers", test_helpers);

  return g_test_run ();
}
