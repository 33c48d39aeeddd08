/* test-board.c: job board links and the answers of their public JSON APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixtures are shaped as the boards' public documentation shows them.
 */
#include "config.h"

#include <string.h>

#include "cg-board.h"

static GPtrArray *
read_fixture (CgBoardKind  kind,
              const char  *name,
              const char  *token,
              GPtrArray   *warnings)
{
  const char *dir = g_getenv ("CG_TEST_FIXTURES");
  g_autofree char *path = g_build_filename (dir, "net", "boards", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *records;
  gsize length;

  g_assert_nonnull (dir);
  g_file_get_contents (path, &data, &length, &error);
  g_assert_no_error (error);
  records = cg_board_read (kind, data, length, token, warnings, &error);
  g_assert_no_error (error);
  g_assert_nonnull (records);
  return records;
}

static CgJobRecord *
record_at (GPtrArray *records,
           guint      i)
{
  return g_ptr_array_index (records, i);
}

static void
test_links (void)
{
  static const struct {
    const char  *url;
    gboolean     board;
    CgBoardKind  kind;
    const char  *token;
  } cases[] = {
    { "https://boards.greenhouse.io/vaulttec", TRUE, CG_BOARD_GREENHOUSE, "vaulttec" },
    { "https://job-boards.greenhouse.io/vaulttec/jobs/127817", TRUE, CG_BOARD_GREENHOUSE, "vaulttec" },
    { "https://jobs.lever.co/leverdemo", TRUE, CG_BOARD_LEVER, "leverdemo" },
    { "https://jobs.eu.lever.co/leverdemo/5ac2", TRUE, CG_BOARD_LEVER_EU, "leverdemo" },
    { "https://jobs.ashbyhq.com/example", TRUE, CG_BOARD_ASHBY, "example" },
    { "https://jobs.smartrecruiters.com/Acme/743999661012345-barista", TRUE,
      CG_BOARD_SMARTRECRUITERS, "Acme" },
    { "https://boards.greenhouse.io/", FALSE, 0, NULL },
    { "https://example.com/vaulttec", FALSE, 0, NULL },
    { "ftp://jobs.lever.co/leverdemo", FALSE, 0, NULL },
    { "https://jobs.lever.co/a%2Fb", FALSE, 0, NULL },
    { "not a link", FALSE, 0, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *token = NULL;
      CgBoardKind kind = 0;

      g_assert_cmpint (cg_board_parse_link (cases[i].url, &kind, &token), ==, cases[i].board);
      if (cases[i].board)
        {
          g_assert_cmpint (kind, ==, cases[i].kind);
          g_assert_cmpstr (token, ==, cases[i].token);
        }
    }
}

static void
test_api_urls (void)
{
  g_autofree char *greenhouse = NULL;
  g_autofree char *lever = NULL;
  g_autofree char *lever_eu = NULL;
  g_autofree char *ashby = NULL;
  g_autofree char *smart = NULL;
  g_autofree char *page = NULL;
  g_autofree char *local = NULL;

  g_unsetenv (CG_BOARD_API_BASE_ENV);
  greenhouse = cg_board_dup_api_url (CG_BOARD_GREENHOUSE, "vaulttec");
  lever = cg_board_dup_api_url (CG_BOARD_LEVER, "leverdemo");
  lever_eu = cg_board_dup_api_url (CG_BOARD_LEVER_EU, "leverdemo");
  ashby = cg_board_dup_api_url (CG_BOARD_ASHBY, "example");
  smart = cg_board_dup_api_url (CG_BOARD_SMARTRECRUITERS, "Acme");
  page = cg_board_dup_api_page_url (CG_BOARD_LEVER, "leverdemo", 100, 50);
  g_assert_cmpstr (greenhouse, ==, "https://boards-api.greenhouse.io/v1/boards/vaulttec/jobs?content=true");
  g_assert_cmpstr (lever, ==, "https://api.lever.co/v0/postings/leverdemo?mode=json");
  g_assert_cmpstr (lever_eu, ==, "https://api.eu.lever.co/v0/postings/leverdemo?mode=json");
  g_assert_cmpstr (ashby, ==, "https://api.ashbyhq.com/posting-api/job-board/example?includeCompensation=true");
  g_assert_cmpstr (smart, ==, "https://api.smartrecruiters.com/v1/companies/Acme/postings");
  g_assert_cmpstr (page, ==, "https://api.lever.co/v0/postings/leverdemo?mode=json&skip=100&limit=50");

  /* for tests, a server of their own */
  g_setenv (CG_BOARD_API_BASE_ENV, "http://127.0.0.1:8123", TRUE);
  local = cg_board_dup_api_url (CG_BOARD_GREENHOUSE, "vaulttec");
  g_assert_cmpstr (local, ==, "http://127.0.0.1:8123/greenhouse/v1/boards/vaulttec/jobs?content=true");
  g_unsetenv (CG_BOARD_API_BASE_ENV);
}

static void
test_greenhouse (void)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = read_fixture (CG_BOARD_GREENHOUSE, "greenhouse.json", "vaulttec",
                                               warnings);
  CgJobRecord *r;

  g_assert_cmpuint (records->len, ==, 2);
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (warnings, 0), ==, "posting 3: no title");

  r = record_at (records, 0);
  g_assert_cmpstr (r->title, ==, "Vault Designer");
  g_assert_cmpstr (r->company, ==, "Vault-Tec");
  g_assert_cmpstr (r->identifier, ==, "127817");
  g_assert_cmpstr (r->key, ==, "id:vault-tec:127817");
  g_assert_cmpstr (r->url, ==, "https://boards.greenhouse.io/vaulttec/jobs/127817");
  g_assert_cmpuint (r->locations->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r->locations, 0), ==, "Halifax, NS");
  g_assert_cmpstr (r->arrangement, ==, "onsite");
  g_assert_cmpstr (r->category, ==, "Engineering");
  g_assert_cmpstr (r->date_posted, ==, "2026-11-02");
  g_assert_nonnull (strstr (r->description, "**vaults**"));
  g_assert_nonnull (strstr (r->description, "AutoCAD & Revit"));
  g_assert_null (strstr (r->description, "&lt;"));
  g_assert_true (r->has_pay);
  g_assert_cmpfloat (r->pay.min, ==, 70000);
  g_assert_cmpfloat (r->pay.max, ==, 85000);
  g_assert_cmpstr (r->pay.currency, ==, "CAD");

  /* no company_name: the board's token */
  r = record_at (records, 1);
  g_assert_cmpstr (r->company, ==, "vaulttec");
  g_assert_cmpstr (r->date_posted, ==, "2026-11-20");
  g_assert_false (r->has_pay);
}

static void
test_lever (void)
{
  g_autoptr(GPtrArray) records = read_fixture (CG_BOARD_LEVER, "lever.json", "leverdemo", NULL);
  CgJobRecord *r;

  g_assert_cmpuint (records->len, ==, 2);
  r = record_at (records, 0);
  g_assert_cmpstr (r->title, ==, "Senior Account Executive");
  g_assert_cmpstr (r->company, ==, "leverdemo");
  g_assert_cmpstr (r->key, ==, "id:leverdemo:5ac21346-8e0c-4494-8e7a-3eb92ff77902");
  g_assert_cmpuint (r->locations->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->locations, 1), ==, "Montreal");
  g_assert_cmpstr (r->arrangement, ==, "hybrid");
  g_assert_cmpstr (r->employment_type, ==, "full_time");
  g_assert_cmpstr (r->category, ==, "Sales");
  g_assert_cmpstr (r->date_posted, ==, "2026-11-18");
  g_assert_nonnull (strstr (r->description, "**software**"));
  g_assert_nonnull (strstr (r->description, "Requirements"));
  g_assert_nonnull (strstr (r->description, "French is a plus"));
  g_assert_nonnull (strstr (r->description, "pension plan"));
  g_assert_true (r->has_pay);
  g_assert_cmpfloat (r->pay.min, ==, 90000);
  g_assert_cmpfloat (r->pay.max, ==, 120000);
  g_assert_cmpint (r->pay.unit, ==, CG_PAY_UNIT_YEAR);
  g_assert_cmpstr (r->pay.currency, ==, "CAD");

  r = record_at (records, 1);
  g_assert_cmpstr (r->employment_type, ==, "part_time");
  g_assert_cmpstr (r->arrangement, ==, "onsite");
  g_assert_cmpint (r->pay.unit, ==, CG_PAY_UNIT_HOUR);
  g_assert_cmpfloat (r->pay.min, ==, 19);
}

static void
test_ashby (void)
{
  g_autoptr(GPtrArray) records = read_fixture (CG_BOARD_ASHBY, "ashby.json", "example", NULL);
  CgJobRecord *r;

  g_assert_cmpuint (records->len, ==, 2);
  r = record_at (records, 0);
  g_assert_cmpstr (r->title, ==, "Product Manager");
  g_assert_cmpuint (r->locations->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (r->locations, 0), ==, "Vancouver, BC");
  g_assert_cmpstr (g_ptr_array_index (r->locations, 1), ==, "Victoria, BC");
  g_assert_cmpstr (r->region, ==, "BC");
  g_assert_cmpstr (r->arrangement, ==, "hybrid");
  g_assert_cmpstr (r->employment_type, ==, "full_time");
  g_assert_cmpstr (r->category, ==, "Product");
  g_assert_cmpstr (r->date_posted, ==, "2026-10-30");
  g_assert_cmpstr (r->url, ==, "https://jobs.ashbyhq.com/example/4d3e2f10-aaaa-4bbb-8ccc-123456789abc");
  g_assert_nonnull (strstr (r->description, "*growth*"));
  /* the salary, not the equity */
  g_assert_true (r->has_pay);
  g_assert_cmpfloat (r->pay.min, ==, 110000);
  g_assert_cmpfloat (r->pay.max, ==, 130000);
  g_assert_cmpint (r->pay.unit, ==, CG_PAY_UNIT_YEAR);
  g_assert_cmpstr (r->pay.currency, ==, "CAD");

  r = record_at (records, 1);
  g_assert_cmpstr (r->arrangement, ==, "remote");
  g_assert_cmpstr (r->employment_type, ==, "contractor");
  g_assert_true (r->has_pay);
  g_assert_cmpfloat (r->pay.min, ==, 30);
  g_assert_cmpint (r->pay.unit, ==, CG_PAY_UNIT_HOUR);
}

static void
test_smartrecruiters (void)
{
  g_autoptr(GPtrArray) list = read_fixture (CG_BOARD_SMARTRECRUITERS, "smartrecruiters.json",
                                            "Acme", NULL);
  g_autoptr(GPtrArray) detail = read_fixture (CG_BOARD_SMARTRECRUITERS,
                                              "smartrecruiters-posting.json", "Acme", NULL);
  CgJobRecord *r;

  g_assert_cmpuint (list->len, ==, 2);
  r = record_at (list, 0);
  g_assert_cmpstr (r->title, ==, "Barista");
  g_assert_cmpstr (r->company, ==, "Acme Coffee");
  g_assert_cmpstr (r->key, ==, "id:acme coffee:743999661012345");
  g_assert_cmpstr (g_ptr_array_index (r->locations, 0), ==, "Winnipeg, MB");
  g_assert_cmpstr (r->region, ==, "MB");
  g_assert_cmpstr (r->arrangement, ==, "onsite");
  g_assert_cmpstr (r->employment_type, ==, "part_time");
  g_assert_cmpstr (r->category, ==, "Stores");
  g_assert_cmpstr (r->date_posted, ==, "2026-11-28");
  g_assert_cmpstr (r->url, ==, "https://jobs.smartrecruiters.com/Acme/743999661012345");
  g_assert_null (r->description);

  r = record_at (list, 1);
  g_assert_cmpstr (r->arrangement, ==, "remote");
  g_assert_cmpstr (r->employment_type, ==, "full_time");

  /* the detail: the same key, with the description and pay */
  g_assert_cmpuint (detail->len, ==, 1);
  r = record_at (detail, 0);
  g_assert_cmpstr (r->key, ==, "id:acme coffee:743999661012345");
  g_assert_cmpstr (r->url, ==, "https://jobs.smartrecruiters.com/Acme/743999661012345-barista");
  g_assert_nonnull (strstr (r->description, "**espresso**"));
  g_assert_nonnull (strstr (r->description, "roast our own"));
}

static void
test_invalid (void)
{
  static const struct {
    CgBoardKind  kind;
    const char  *text;
  } cases[] = {
    { CG_BOARD_GREENHOUSE, "" },
    { CG_BOARD_GREENHOUSE, "[]" },
    { CG_BOARD_GREENHOUSE, "{\"jobs\": {}}" },
    { CG_BOARD_LEVER, "{\"jobs\": []}" },
    { CG_BOARD_LEVER, "[] []" },
    { CG_BOARD_ASHBY, "{\"jobs\": [}" },
    { CG_BOARD_SMARTRECRUITERS, "{\"offset\": 0}" },
    { CG_BOARD_SMARTRECRUITERS, "\"text\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) records = cg_board_read (cases[i].kind, cases[i].text,
                                                    strlen (cases[i].text), "x", NULL, &error);

      g_assert_null (records);
      g_assert_error (error, CG_BOARD_ERROR, CG_BOARD_ERROR_INVALID);
    }

  /* an empty board is no error */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) records = cg_board_read (CG_BOARD_LEVER, "[]", 2, "x", NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (records->len, ==, 0);
  }

  /* strange members are ignored, not trusted */
  {
    static const char odd[] =
      "[{\"id\": 7, \"text\": \"  Cook  \", \"categories\": {\"allLocations\": [1, null, \"\", \"Here\"]},"
      " \"createdAt\": -5, \"workplaceType\": \"moon\", \"salaryRange\": {\"min\": 0, \"max\": 0},"
      " \"lists\": [3, {\"text\": \"<b>x</b>\"}]}]";
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) records = cg_board_read (CG_BOARD_LEVER, odd, strlen (odd), "x", NULL, &error);
    CgJobRecord *r;

    g_assert_no_error (error);
    g_assert_cmpuint (records->len, ==, 1);
    r = record_at (records, 0);
    g_assert_cmpstr (r->title, ==, "Cook");
    g_assert_cmpstr (r->identifier, ==, "7");
    g_assert_cmpuint (r->locations->len, ==, 1);
    g_assert_null (r->date_posted);
    g_assert_cmpstr (r->arrangement, ==, "onsite");
    g_assert_false (r->has_pay);
    /* (a heading is text, never markup) */
    g_assert_cmpstr (r->description, ==, "### \\<b>x\\</b>");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/board/links", test_links);
  g_test_add_func ("/board/api-urls", test_api_urls);
  g_test_add_func ("/board/greenhouse", test_greenhouse);
  g_test_add_func ("/board/lever", test_lever);
  g_test_add_func ("/board/ashby", test_ashby);
  g_test_add_func ("/board/smartrecruiters", test_smartrecruiters);
  g_test_add_func ("/board/invalid", test_invalid);

  return g_test_run ();
}
