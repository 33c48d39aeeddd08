/* test-import-url.c: importing the postings at a link into a library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "cg-import-url.h"
#include "cg-page-extract.h"
#include "cg-test-server.h"
#include "cg-test-utils.h"

typedef struct {
  char         *dir;
  CgLibrary    *library;
  sqlite3      *db;
  CgTestServer *server;
  CgFetcher    *fetcher;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *content = cg_library_dup_content_path ();

  f->dir = cg_test_make_tmpdir ();
  path = g_build_filename (f->dir, "career-guide", "user.db", NULL);
  f->library = cg_library_new (path, content);
  cg_library_open (f->library, &error);
  g_assert_no_error (error);
  f->db = cg_library_get_db (f->library);

  f->server = cg_test_server_new ();
  f->fetcher = cg_fetcher_new ();
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->fetcher);
  cg_test_server_free (f->server);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&f->library);
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
import_url (Fixture         *f,
            const char      *path,
            GCancellable    *cancellable,
            CgImportReport  *report,
            CgJobRecord    **draft,
            GError         **error)
{
  g_autofree char *url = cg_test_server_url (f->server, path);
  g_autoptr(GAsyncResult) result = NULL;

  cg_import_url_async (f->library, url, f->fetcher, NULL, NULL, cancellable, result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return cg_import_url_finish (f->library, result, report, draft, error);
}

/* Imports @path and checks the counts */
static void
import_ok (Fixture    *f,
           const char *path,
           guint       added,
           guint       updated,
           guint       skipped)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (import_url (f, path, NULL, &report, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.added, ==, added);
  g_assert_cmpuint (report.updated, ==, updated);
  g_assert_cmpuint (report.skipped, ==, skipped);
}

static gint64
count_user_jobs (Fixture *f)
{
  return cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'user'");
}

/* One posting beside other ld+json blocks and scripts; it names no URL, so
 * it gets the page's. Fetched again, it is updated, not added again. */
static void
test_posting (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *url = cg_test_server_url (f->server, "/posting");
  g_autofree char *stored_url = NULL;
  g_autofree char *title = NULL;

  import_ok (f, "/posting", 1, 0, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 1);

  title = cg_test_query_text (f->db, "SELECT title FROM jobs WHERE origin = 'user'");
  g_assert_cmpstr (title, ==, "Junior Data Analyst");
  stored_url = cg_test_query_text (f->db, "SELECT url FROM jobs WHERE origin = 'user'");
  g_assert_cmpstr (stored_url, ==, url);
  /* baseSalary 0 to 0: no pay stated */
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'user'"
                                             " AND pay_min IS NULL AND pay_max IS NULL"), ==, 1);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs_fts"), ==,
                   cg_test_query_int (f->db, "SELECT count(*) FROM jobs"));

  import_ok (f, "/posting", 0, 1, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 1);
}

static void
test_item_list (Fixture       *f,
                gconstpointer  data)
{
  import_ok (f, "/itemlist", 3, 0, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 3);
  /* their own links, not the page's */
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE origin = 'user'"
                                             " AND url LIKE 'https://contoso.example/jobs/%'"), ==, 3);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs"
                                             " WHERE key = 'url:https://contoso.example/jobs/101'"
                                             " AND pay_min = 22 AND pay_max = 26"), ==, 1);

  import_ok (f, "/itemlist", 0, 3, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 3);
}

static void
test_redirects (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *url = cg_test_server_url (f->server, "/posting");
  g_autofree char *stored_url = NULL;

  import_ok (f, "/redirect/3", 1, 0, 0);
  stored_url = cg_test_query_text (f->db, "SELECT url FROM jobs WHERE origin = 'user'");
  g_assert_cmpstr (stored_url, ==, url);

  /* the same posting, by its own link: the same key */
  import_ok (f, "/posting", 0, 1, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 1);
}

/* A JSON-LD document goes through the JSON reader */
static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  import_ok (f, "/json", 1, 0, 0);
  g_assert_cmpint (cg_test_query_int (f->db, "SELECT count(*) FROM jobs WHERE key = 'id:tailspin:D-7'"
                                             " AND pay_min IS NULL"), ==, 1);
}

static void
test_changed (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *description = NULL;

  import_ok (f, "/changing", 1, 0, 0);
  f->server->changed = TRUE;
  import_ok (f, "/changing", 0, 1, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 1);
  description = cg_test_query_text (f->db, "SELECT description FROM jobs WHERE origin = 'user'");
  g_assert_nonnull (strstr (description, "Eight-hour"));
}

static void
test_gzip (Fixture       *f,
           gconstpointer  data)
{
  import_ok (f, "/gzip", 3, 0, 0);
}

static void
test_latin1 (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *title = NULL;
  g_autofree char *company = NULL;

  import_ok (f, "/latin1", 1, 0, 0);
  title = cg_test_query_text (f->db, "SELECT title FROM jobs WHERE origin = 'user'");
  company = cg_test_query_text (f->db, "SELECT company FROM jobs WHERE origin = 'user'");
  g_assert_cmpstr (title, ==, "Développeur débutant");
  g_assert_cmpstr (company, ==, "Société Générale du Québec");
}

/* No JSON-LD: nothing is written, and what the page says comes back */
static void
test_no_json_ld (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *url = cg_test_server_url (f->server, "/plain");
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgJobRecord) draft = NULL;

  g_assert_false (import_url (f, "/plain", NULL, &report, &draft, &error));
  g_assert_error (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS);
  g_assert_nonnull (strstr (error->message, url));
  g_assert_cmpuint (report.added, ==, 0);
  g_assert_cmpint (count_user_jobs (f), ==, 0);

  g_assert_nonnull (draft);
  g_assert_cmpstr (draft->title, ==, "Bookkeeper (part time)");
  g_assert_cmpstr (draft->company, ==, "Fabrikam");
  g_assert_cmpstr (draft->url, ==, url);
  g_assert_nonnull (strstr (draft->description, "**six bakeries**"));
  g_assert_nonnull (strstr (draft->description, "QuickBooks"));
  g_assert_null (strstr (draft->description, "All jobs"));
  g_assert_null (strstr (draft->description, "Privacy policy"));
  g_assert_null (strstr (draft->description, "Apply"));
  g_assert_null (strstr (draft->description, "JobPosting"));
  g_assert_true (draft->has_pay);
  g_assert_cmpfloat (draft->pay.min, ==, 24);
  g_assert_cmpfloat (draft->pay.max, ==, 28);
  g_assert_cmpint (draft->pay.unit, ==, CG_PAY_UNIT_HOUR);
}

/* Each failure leaves the library as it was */
static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  static const struct {
    const char *path;
    int         code;
  } cases[] = {
    { "/nothing-here", CG_FETCH_ERROR_NOT_FOUND },
    { "/busy", CG_FETCH_ERROR_TOO_MANY_REQUESTS },
    { "/loop/a", CG_FETCH_ERROR_REDIRECT_LOOP },
    { "/image", CG_FETCH_ERROR_UNSUPPORTED_TYPE },
    { "/endless", CG_FETCH_ERROR_TOO_LARGE },
    { "/slow", CG_FETCH_ERROR_TIMEOUT },
  };

  import_ok (f, "/itemlist", 3, 0, 0);
  cg_fetcher_set_max_size (f->fetcher, 128 * 1024);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = cg_test_server_url (f->server, cases[i].path);
      g_auto(CgImportReport) report = { 0 };
      g_autoptr(GError) error = NULL;
      g_autoptr(CgJobRecord) draft = NULL;

      /* (a short transfer time for the slow body only, so that a busy
       * machine cannot time the others out) */
      if (cases[i].code == CG_FETCH_ERROR_TIMEOUT)
        cg_fetcher_set_timeouts (f->fetcher, 1000, 300);

      g_assert_false (import_url (f, cases[i].path, NULL, &report, &draft, &error));
      g_assert_error (error, CG_FETCH_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, url));
      g_assert_null (draft);
      g_assert_cmpuint (report.added + report.updated + report.skipped, ==, 0);
      g_assert_cmpint (count_user_jobs (f), ==, 3);
    }
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (import_url (f, "/itemlist", cancellable, &report, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_user_jobs (f), ==, 0);
}

/* The extraction alone */
static void
test_extract (void)
{
  g_autoptr(GBytes) page = cg_test_server_fixture ("latin1.html");
  g_autoptr(CgJobRecord) empty = cg_page_extract_posting ("", 0, "https://jobs.example/1");
  g_autoptr(CgJobRecord) latin1 = NULL;
  g_autoptr(CgJobRecord) bare = NULL;
  static const char bare_page[] =
    "<html><head><title>Night Auditor - Harbour Inn</title>"
    "<meta name=\"description\" content=\"Balance the day's accounts. Salary: $41,000 a year.\">"
    "</head><body></body></html>";

  g_assert_null (empty->title);
  g_assert_null (empty->description);
  g_assert_false (empty->has_pay);
  g_assert_cmpstr (empty->url, ==, "https://jobs.example/1");
  g_assert_cmpstr (empty->key, ==, "url:https://jobs.example/1");

  /* Latin-1 without a word of it in a <meta>: libxml2 reads it as such */
  latin1 = cg_page_extract_posting (g_bytes_get_data (page, NULL), g_bytes_get_size (page),
                                    "https://emplois.example/42");
  g_assert_cmpstr (latin1->title, ==, "Offre d'emploi");
  g_assert_cmpstr (latin1->description, ==, "Développeur débutant");

  bare = cg_page_extract_posting (bare_page, sizeof bare_page - 1, "https://inn.example/jobs/7");
  g_assert_cmpstr (bare->title, ==, "Night Auditor - Harbour Inn");
  g_assert_nonnull (strstr (bare->description, "Balance the day"));
  g_assert_true (bare->has_pay);
  g_assert_cmpfloat (bare->pay.min, ==, 41000);
  g_assert_cmpint (bare->pay.unit, ==, CG_PAY_UNIT_YEAR);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("http_proxy");
  g_unsetenv ("https_proxy");
  g_unsetenv ("HTTP_PROXY");
  g_unsetenv ("HTTPS_PROXY");
  g_unsetenv ("all_proxy");
  g_setenv ("no_proxy", "127.0.0.1", TRUE);

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/import-url/posting", test_posting);
  ADD ("/import-url/item-list", test_item_list);
  ADD ("/import-url/redirects", test_redirects);
  ADD ("/import-url/json", test_json);
  ADD ("/import-url/changed", test_changed);
  ADD ("/import-url/gzip", test_gzip);
  ADD ("/import-url/latin1", test_latin1);
  ADD ("/import-url/no-json-ld", test_no_json_ld);
  ADD ("/import-url/failures", test_failures);
  ADD ("/import-url/cancel", test_cancel);
#undef ADD
  g_test_add_func ("/import-url/extract", test_extract);

  return g_test_run ();
}
