/* test-tracker-import.c: the tracker's CSV import
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Files from other trackers (fixtures/tracker/), messy cells, encodings,
 * and a round trip through our own export.
 */
#include "config.h"

#include "tracker-fixture.h"

/* Import ---------------------------------------------------------------------- */

static char *
lines_text (GPtrArray *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    {
      CgTrackerImportProblem *p = g_ptr_array_index (list, i);

      g_string_append_printf (s, "%u: %s\n", p->line, p->message);
    }

  return g_string_free (s, FALSE);
}

static char *
problems_text (CgTrackerImportReport *report)
{
  return lines_text (report->problems);
}

static char *
strings_text (GPtrArray *list)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < list->len; i++)
    g_string_append_printf (s, "%s%s", i ? "|" : "", (char *) g_ptr_array_index (list, i));

  return g_string_free (s, FALSE);
}

static CgApplicationDetails *
get_by_title (Fixture    *f,
              const char *title)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT id FROM applications WHERE title = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, title, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return get (f, sqlite3_column_int64 (stmt, 0));
}

static void
test_import_good (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("good.csv");
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 3);
  g_assert_cmpuint (report.problems->len, ==, 0);
  g_assert_cmpuint (report.new_stages->len, ==, 0);
  g_assert_cmpuint (report.ignored_columns->len, ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 3);

  d = get_by_title (f, "Data Engineer");
  g_assert_cmpstr (d->company, ==, "Acme");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_assert_cmpstr (d->date_saved, ==, "2026-04-28");
  g_assert_cmpstr (d->deadline, ==, "2026-05-15");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-08");
  g_assert_cmpstr (d->pay_asked, ==, "€70,000");
  g_assert_null (d->pay_offered);
  g_assert_cmpstr (d->location, ==, "Berlin");
  g_assert_cmpint (d->excitement, ==, 4);
  g_assert_cmpstr (d->notes, ==, "Sent via the portal");
  g_assert_cmpstr (d->url, ==, "https://acme.example/jobs/1");
  /* the history follows the file's dates (it used to be one entry of
   * today: "stage: - -> Applied") */
  text = dated_history_text (f, d->id);
  g_assert_cmpstr (text, ==, "2026-04-28 stage: - -> Wishlist\n"
                             "2026-05-01 stage: Wishlist -> Applied\n");
  g_clear_pointer (&d, cg_application_details_free);

  d = get_by_title (f, "Backend Developer");
  g_assert_cmpstr (d->company, ==, "Initech");
  g_assert_cmpstr (d->stage, ==, "Wishlist");
  g_assert_null (d->date_applied);
  g_assert_cmpstr (d->date_saved, ==, "2026-05-02");
  g_assert_null (d->deadline);
  g_assert_null (d->notes);
  g_assert_cmpstr (d->location, ==, "Remote");
  g_assert_cmpint (d->excitement, ==, 2);
  g_clear_pointer (&text, g_free);
  text = dated_history_text (f, d->id);
  g_assert_cmpstr (text, ==, "2026-05-02 stage: - -> Wishlist\n");
  g_clear_pointer (&d, cg_application_details_free);

  d = get_by_title (f, "Platform Engineer");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->location, ==, "Springfield, OR");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-12");
  g_assert_cmpint (d->excitement, ==, 5);
  g_assert_null (d->url);
  g_clear_pointer (&text, g_free);
  text = dated_history_text (f, d->id);
  g_assert_cmpstr (text, ==, "2026-04-18 stage: - -> Wishlist\n"
                             "2026-04-20 stage: Wishlist -> Applied\n"
                             "2026-04-20 stage: Applied -> Interviewing\n");
  g_clear_pointer (&d, cg_application_details_free);

  /* the same file again: every row is already there */
  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 0);
  g_clear_pointer (&text, g_free);
  text = problems_text (&report);
  g_assert_cmpstr (text, ==, "2: already tracked\n3: already tracked\n4: already tracked\n");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 3);
}

static void
test_import_messy (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("messy.csv");
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *text = NULL;
  g_autofree char *names = NULL;

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);

  /* No row is lost for a value any more (the "a value is never a
   * reason to lose a row"): these rows used to be refused for no title
   * (8), a bad date (10), an excitement of 7 (13), and both (14). Now
   * they are imported with what did not read in the notes, and the
   * Rating column, which goes up to 7, is read on a scale of 10. */
  text = problems_text (&report);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = lines_text (report.adjusted);
  g_assert_cmpstr (text, ==,
                   "2: Rating “3” read as 2 of 5\n"
                   "4: Rating “5” read as 3 of 5\n"
                   "8: no title\n"
                   "10: “13/45/2026” is not a date: kept in the notes (Applied On)\n"
                   "13: Rating “7” read as 4 of 5\n"
                   "14: “31.02.2026” is not a date: kept in the notes (Applied On); no title\n");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (report.imported, ==, 8);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 8);
  text = strings_text (report.new_stages);
  g_assert_cmpstr (text, ==, "Phone Screen");
  g_clear_pointer (&text, g_free);
  text = strings_text (report.ignored_columns);
  g_assert_cmpstr (text, ==, "Source");
  g_clear_pointer (&text, g_free);

  /* the unknown stage is a new one at the end */
  names = stage_names (f);
  g_assert_cmpstr (names, ==,
                   "Wishlist,Applied,Interviewing,Offer,Accepted*,Rejected*,Withdrawn*,Ghosted*,Phone Screen");

  /* BOM and odd headers; MM/DD/YYYY; a stage in lower case; tags */
  d = get_by_title (f, "Backend Developer");
  g_assert_cmpstr (d->company, ==, "Initech");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-04");
  g_assert_cmpstr (d->pay_asked, ==, "$90,000");
  g_assert_cmpint (d->excitement, ==, 2);  /* 3 of 10; it read as 3 of 5 before */
  g_assert_cmpstr (d->url, ==, "https://initech.example/jobs/7");
  /* the Source column, which has no field, was dropped; now kept */
  g_assert_cmpstr (d->notes, ==, "Plain note\n\nSource: LinkedIn");
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "backend", "python", NULL }));
  g_clear_pointer (&d, cg_application_details_free);

  /* multi-line cells; DD.MM.YYYY */
  d = get_by_title (f, "Platform Engineer");
  g_assert_cmpstr (d->company, ==, "Globex\nCorporation");
  g_assert_cmpstr (d->stage, ==, "Phone Screen");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-04");
  g_assert_cmpstr (d->follow_up, ==, "2026-05-20");
  g_assert_cmpint (d->excitement, ==, 3);  /* 5 of 10 */
  g_assert_cmpstr (d->notes, ==, "Line one\nline two, with a comma\n\"quoted\" line three\n\n"
                                 "Source: Referral");
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "remote", NULL }));
  g_clear_pointer (&d, cg_application_details_free);

  /* another tracker's name for a stage; a date with a time */
  d = get_by_title (f, "Importer");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_clear_pointer (&d, cg_application_details_free);

  /* no stage and no date: the first stage */
  d = get_by_title (f, "Designer");
  g_assert_cmpstr (d->stage, ==, "Wishlist");
  g_assert_null (d->date_applied);
  g_assert_cmpint (d->excitement, ==, 0);
  g_clear_pointer (&d, cg_application_details_free);

  /* the rows that used to be refused */
  d = get_by_title (f, "Untitled");   /* line 8 */
  g_assert_cmpstr (d->company, ==, "Hooli");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-06");
  g_assert_cmpstr (d->notes, ==, "no title here");
  g_clear_pointer (&d, cg_application_details_free);
  d = get_by_title (f, "QA Engineer");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_null (d->date_applied);
  g_assert_cmpstr (d->notes, ==, "bad date\n\nApplied On: 13/45/2026");
  g_clear_pointer (&d, cg_application_details_free);
  d = get_by_title (f, "Analyst");
  g_assert_cmpint (d->excitement, ==, 4);  /* 7 of 10 */
  g_assert_cmpstr (d->date_applied, ==, "2026-05-07");
  g_clear_pointer (&d, cg_application_details_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications WHERE company = 'Wayne\nEnterprises'"
                                 " AND title = 'Untitled' AND notes = 'no title\nand a bad date\n\n"
                                 "Applied On: 31.02.2026'"), ==, 1);

  /* the same file again: every row is there already, the untitled ones too */
  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 0);
  g_assert_cmpuint (report.problems->len, ==, 8);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 8);
}

/* Teal's tracker table, as its export names the columns, with the cells
 * people write: sentences in "Follow up", a 0 to 10 "Excitement", dates
 * in every form, "-", "N/A" and "none". Every row imports (none did). */
static void
test_import_teal (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = fixture_path ("teal.csv");
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 10);
  text = problems_text (&report);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 10);
  text = strings_text (report.new_stages);
  g_assert_cmpstr (text, ==, "Negotiating|Applying");
  g_clear_pointer (&text, g_free);
  text = strings_text (report.ignored_columns);
  g_assert_cmpstr (text, ==, "Max. Salary");
  g_clear_pointer (&text, g_free);
  text = lines_text (report.adjusted);
  g_assert_nonnull (strstr (text, "2: “Waiting for response” is not a date: kept in the notes (Follow up); "
                                  "Excitement “8” read as 4 of 5\n"));
  g_assert_nonnull (strstr (text, "11: “Friday” is not a date: kept in the notes (Date Saved)\n"));
  g_clear_pointer (&text, g_free);

  /* M/D/YYYY; a sentence and an unknown column in the notes; 8 of 10 */
  d = get_by_title (f, "Embedded Software Engineer");
  g_assert_cmpstr (d->company, ==, "Acme Robotics");
  g_assert_cmpstr (d->stage, ==, "Applied");
  g_assert_cmpstr (d->date_saved, ==, "2023-03-02");
  g_assert_cmpstr (d->deadline, ==, "2023-03-31");
  g_assert_cmpstr (d->date_applied, ==, "2023-03-08");
  g_assert_null (d->follow_up);
  g_assert_cmpint (d->excitement, ==, 4);
  g_assert_cmpstr (d->notes, ==, "Follow up: Waiting for response\nMax. Salary: $145,000");
  text = dated_history_text (f, d->id);
  g_assert_cmpstr (text, ==, "2023-03-02 stage: - -> Wishlist\n"
                             "2023-03-08 stage: Wishlist -> Applied\n");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&d, cg_application_details_free);

  /* month names; "-" and "N/A" are empty */
  d = get_by_title (f, "Firmware Engineer");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->date_saved, ==, "2023-03-01");
  g_assert_cmpstr (d->date_applied, ==, "2023-03-06");
  g_assert_null (d->deadline);
  g_assert_cmpint (d->excitement, ==, 5);
  g_assert_cmpstr (d->notes, ==, "Follow up: Sent thank-you note");
  text = dated_history_text (f, d->id);
  g_assert_cmpstr (text, ==, "2023-03-01 stage: - -> Wishlist\n"
                             "2023-03-06 stage: Wishlist -> Applied\n"
                             "2023-03-06 stage: Applied -> Interviewing\n");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&d, cg_application_details_free);

  /* "10 Mar 2023", "3/12/23, 4:11 PM"; Teal's "Not Selected" */
  d = get_by_title (f, "Data Engineer");
  g_assert_cmpstr (d->stage, ==, "Rejected");
  g_assert_cmpstr (d->date_saved, ==, "2023-03-10");
  g_assert_cmpstr (d->date_applied, ==, "2023-03-12");
  g_assert_null (d->location);
  g_assert_cmpint (d->excitement, ==, 0);
  g_clear_pointer (&d, cg_application_details_free);

  /* a date-time with a zone; "none"; 9 of 10; a new stage */
  d = get_by_title (f, "Platform Engineer");
  g_assert_cmpstr (d->stage, ==, "Negotiating");
  g_assert_cmpstr (d->date_saved, ==, "2023-02-20");
  g_assert_null (d->deadline);
  g_assert_cmpint (d->excitement, ==, 5);
  g_assert_cmpstr (d->notes, ==, "Follow up: Call on Friday\nMax. Salary: $150,000 - $170,000");
  g_clear_pointer (&d, cg_application_details_free);

  /* DD.MM.YYYY; "I Withdrew" */
  d = get_by_title (f, "Robotics Engineer");
  g_assert_cmpstr (d->stage, ==, "Withdrawn");
  g_assert_cmpstr (d->date_applied, ==, "2023-02-22");
  g_assert_cmpint (d->excitement, ==, 2);
  g_clear_pointer (&d, cg_application_details_free);

  /* a follow-up that is a date is one */
  d = get_by_title (f, "Backend Engineer");
  g_assert_cmpstr (d->follow_up, ==, "2023-03-27");
  g_assert_null (d->notes);
  g_assert_cmpint (d->excitement, ==, 4);
  g_clear_pointer (&d, cg_application_details_free);

  /* no date that reads: one history entry of today, as before */
  d = get_by_title (f, "Compiler Engineer");
  g_assert_cmpstr (d->stage, ==, "Applying");
  g_assert_null (d->date_saved);
  g_assert_null (d->location);
  g_assert_cmpint (d->excitement, ==, 0);
  g_assert_cmpstr (d->notes, ==, "Date Saved: Friday");
  text = history_text (f, d->id);
  g_assert_cmpstr (text, ==, "stage: - -> Applying\n");
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&d, cg_application_details_free);

  /* the statistics now see the past: applied in the weeks of the file */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_history"
                                 " WHERE time LIKE '2023-%'"), ==, 22);
}

/* Ratings on the scales other tools use. */
static void
test_import_ratings (Fixture       *f,
                     gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ratings.csv", NULL);
  static const struct {
    const char *title;
    int         excitement;
  } expected[] = {
    { "Stars3", 3 }, { "Stars5", 5 }, { "Of10", 4 }, { "Half", 3 }, { "Empty", 0 },
  };

  cg_test_write_file (f->dir, "ratings.csv",
                      "Title;Rating\n"
                      "Stars3;\u2605\u2605\u2605\u2606\u2606\n"
                      "Stars5;\u2605\u2605\u2605\u2605\u2605\n"
                      "Of10;8/10\n"
                      "Half;2.5\n"
                      "Empty;\u2606\u2606\u2606\n");
  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(CgApplicationDetails) d = get_by_title (f, expected[i].title);

      g_assert_cmpint (d->excitement, ==, expected[i].excitement);
    }
}

static void
assert_import_fails (Fixture    *f,
                     const char *path,
                     int         code,
                     const char *message)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;

  g_assert_false (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_error (error, CG_TRACKER_ERROR, code);
  if (g_test_verbose ())
    g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
  g_assert_cmpuint (report.imported, ==, 0);
  g_assert_null (report.problems);

  /* nothing at all was imported */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM applications"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM application_history"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM stages"), ==, 8);
}

static void
test_import_broken (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *quote = fixture_path ("broken.csv");
  g_autofree char *no_title = fixture_path ("broken-no-title.csv");
  g_autofree char *no_title_nor_company = g_build_filename (f->dir, "no-title-nor-company.csv", NULL);
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *stray = g_build_filename (f->dir, "stray.csv", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.csv", NULL);
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;

  /* a quote never closed: the good row before it (with a new stage) is not kept */
  assert_import_fails (f, quote, CG_TRACKER_ERROR_PARSE, "line 3");
  /* a file with no column for the title nor the company; one with a
   * company but no title used to fail too, and now imports (below) */
  cg_test_write_file (f->dir, "no-title-nor-company.csv", "Status,Date Applied\nApplied,2026-05-01\n");
  assert_import_fails (f, no_title_nor_company, CG_TRACKER_ERROR_PARSE, "title");

  cg_test_write_file (f->dir, "stray.csv",
                      "Title,Company\nData Engineer,Acme\n\nAnalyst,Init\"ech\nDesigner,Wayne\n");
  assert_import_fails (f, stray, CG_TRACKER_ERROR_PARSE, "Line 4");
  cg_test_write_file (f->dir, "empty.csv", "\xef\xbb\xbf\n\n");
  assert_import_fails (f, empty, CG_TRACKER_ERROR_PARSE, "empty");

  g_assert_false (cg_tracker_import_csv (f->library, missing, &report, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_clear_error (&error);

  g_assert_true (cg_tracker_import_csv (f->library, no_title, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 1);
  d = get_by_title (f, "Untitled");
  g_assert_cmpstr (d->company, ==, "Acme");
  g_assert_cmpstr (d->stage, ==, "Applied");
}

/* A file that is not UTF-8 reads as Latin-1 (it used to be refused);
 * UTF-16 with a BOM and semicolons read too. */
static void
test_import_encodings (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *latin1 = fixture_path ("latin1.csv");
  g_autofree char *utf16 = g_build_filename (f->dir, "utf16.csv", NULL);
  /* "Title;Company\nAnalyst;Café Ñ\n" in UTF-16LE with its BOM */
  static const char text[] = "Title;Company\nAnalyst;Caf\xc3\xa9 \xc3\x91\n";
  g_autofree gunichar2 *units = NULL;
  glong n_units = 0;
  g_autoptr(GString) bytes = g_string_new ("\xff\xfe");

  g_assert_true (cg_tracker_import_csv (f->library, latin1, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 2);
  d = get_by_title (f, "Engineer");
  g_assert_cmpstr (d->company, ==, "M\xc3\xbcller GmbH");
  g_clear_pointer (&d, cg_application_details_free);

  units = g_utf8_to_utf16 (text, -1, NULL, &n_units, NULL);
  for (glong i = 0; i < n_units; i++)
    {
      g_string_append_c (bytes, (char) (units[i] & 0xff));
      g_string_append_c (bytes, (char) (units[i] >> 8));
    }
  g_assert_true (g_file_set_contents (utf16, bytes->str, (gssize) bytes->len, NULL));
  g_assert_true (cg_tracker_import_csv (f->library, utf16, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 1);
  d = get_by_title (f, "Analyst");
  g_assert_cmpstr (d->company, ==, "Caf\xc3\xa9 \xc3\x91");
}

static void
test_import_crlf (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *path = g_build_filename (f->dir, "windows.csv", NULL);
  g_autofree char *text = NULL;

  /* Windows line ends, also inside a quoted cell, and no line end at the end */
  cg_test_write_file (f->dir, "windows.csv",
                      "Title,Notes,Excitement\r\n"
                      "One,\"a\r\nb\r\nc\",1\r\n"
                      "\r\n"
                      "Two,x,9\r\n"
                      "\"Three\r\nlines\",,oops\r\n"
                      "Four,last,2");

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  /* the rows of line 6 (an excitement of 9) and 7 ("oops") used to be
   * refused; the column is now read on a scale of 10, and "oops" kept in
   * the notes */
  g_assert_cmpuint (report.imported, ==, 4);
  text = problems_text (&report);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);
  text = lines_text (report.adjusted);
  g_assert_cmpstr (text, ==,
                   "2: Excitement “1” read as 1 of 5\n"
                   "6: Excitement “9” read as 5 of 5\n"
                   "7: “oops” is not a rating: kept in the notes (Excitement)\n"
                   "9: Excitement “2” read as 1 of 5\n");
  d = get_by_title (f, "One");
  g_assert_cmpstr (d->notes, ==, "a\nb\nc");
  g_clear_pointer (&d, cg_application_details_free);
  d = get_by_title (f, "Three\nlines");
  g_assert_cmpstr (d->notes, ==, "Excitement: oops");
  g_assert_cmpint (d->excitement, ==, 0);
  g_clear_pointer (&d, cg_application_details_free);
  d = get_by_title (f, "Four");
  g_assert_cmpstr (d->notes, ==, "last");
}

static void
test_import_renamed_stage (Fixture       *f,
                           gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *path = g_build_filename (f->dir, "renamed.csv", NULL);

  /* "Applied" was renamed; a file saying Applied still lands there */
  g_assert_true (cg_tracker_rename_stage (f->library, stage_id (f, "Applied"), "Sent", &error));
  cg_test_write_file (f->dir, "renamed.csv", "Title,Status\nOne,Applied\nTwo,sent\n");
  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 2);
  g_assert_cmpuint (report.new_stages->len, ==, 0);
  d = get_by_title (f, "One");
  g_assert_cmpstr (d->stage, ==, "Sent");
}

static void
test_export_import_round_trip (Fixture       *f,
                               gconstpointer  data)
{
  g_auto(CgTrackerImportReport) report = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgApplicationDetails) d = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *path = g_build_filename (f->dir, "round.csv", NULL);

  make_export_fixture (f);
  csv = export_to_string (f, NULL, FALSE);
  exec (f, "DELETE FROM applications");
  cg_test_write_file (f->dir, "round.csv", csv);

  g_assert_true (cg_tracker_import_csv (f->library, path, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.imported, ==, 3);
  g_assert_cmpuint (report.problems->len, ==, 0);
  d = get_by_title (f, "ML Ops");
  g_assert_cmpstr (d->company, ==, "=HYPERLINK(\"https://evil.example\",\"Click\")");
  g_assert_cmpstr (d->location, ==, "@cmd");
  g_assert_cmpstr (d->pay_asked, ==, "-5");
  g_assert_cmpstr (d->pay_offered, ==, "+1");
  g_assert_cmpstr (d->notes, ==, "\tstarts with a tab");
  g_assert_cmpstr (d->deadline, ==, "2026-06-30");
  g_clear_pointer (&d, cg_application_details_free);

  d = get_by_title (f, "Data Engineer");
  g_assert_cmpstr (d->company, ==, "Acme, Inc.");
  g_assert_cmpstr (d->stage, ==, "Interviewing");
  g_assert_cmpstr (d->date_applied, ==, "2026-05-01");
  g_assert_cmpstr (d->notes, ==, "First line\nSecond line with \"quotes\"\n- a list item");
  g_assert_cmpstrv (d->tags, ((const char *const[]) { "python", "remote", NULL }));
  g_assert_cmpint (d->excitement, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/tracker/import/good", test_import_good);
  ADD ("/tracker/import/messy", test_import_messy);
  ADD ("/tracker/import/broken", test_import_broken);
  ADD ("/tracker/import/encodings", test_import_encodings);
  ADD ("/tracker/import/teal", test_import_teal);
  ADD ("/tracker/import/ratings", test_import_ratings);
  ADD ("/tracker/import/crlf", test_import_crlf);
  ADD ("/tracker/import/renamed-stage", test_import_renamed_stage);
  ADD ("/tracker/import/round-trip", test_export_import_round_trip);

  return g_test_run ();
}
