/* test-big-import.c: big files are imported in bounded memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates a CSV file, a JSON Lines file, a JSON array and a saved HTML
 * page of job postings of CG_BIG_IMPORT_MB megabytes each (default 50; the long mode uses 1024),
 * imports each with cg_job_import_file() in a child process (this program
 * again) into a new library, and checks that every posting arrived and that
 * the child's peak resident memory (its ru_maxrss, from wait4()) stayed at
 * or under 200 MB, whatever the file size.
 *
 * A JSON document that is not an array (a @graph) is parsed whole:
 *  - one just under its limit (CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, 8 MB)
 *    is imported within the same 200 MB;
 *  - one of 300 MB is refused by its size before a byte of it is read,
 *    with a message that says that an array or JSON Lines has no limit.
 * And a JSON Lines file whose one line is as large as the file: that line
 * is skipped (CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, 8 MB), the postings around it
 * imported.
 *
 * Under AddressSanitizer the files are 2 MB (still many reads and a
 * record across each 64 KiB block) and memory is reported, not checked
 * (its quarantine and shadow memory are not the importer's).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cg-db.h"
#include "cg-job-import.h"
#include "cg-library.h"
#include "cg-test-utils.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#define MAX_PEAK_KIB (200 * 1024)

typedef struct {
  char *dir;
  char *library;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = cg_test_make_tmpdir ();
  f->library = g_build_filename (f->dir, "user.db", NULL);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  cg_test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->library);
}

static guint64
file_megabytes (void)
{
  const char *env = g_getenv ("CG_BIG_IMPORT_MB");

  if (env != NULL && *env != '\0')
    return MAX (g_ascii_strtoull (env, NULL, 10), 1);
#ifdef UNDER_ASAN
  /* every allocation unwinds the stack there: 50 MB would take minutes */
  return 2;
#else
  return 50;
#endif
}

/* Generated postings */

static const char * const titles[] = {
  "Firmware Engineer", "Embedded Software Engineer", "Machine Learning Engineer",
  "Data Engineer", "Site Reliability Engineer", "Backend Engineer", "FPGA Engineer",
  "Hardware Design Engineer", "Computer Vision Engineer", "Robotics Software Engineer",
  "DevOps Engineer", "Data Scientist", "Platform Engineer", "Test Automation Engineer",
};
static const char * const levels[] = { "", "Senior ", "Staff ", "Junior ", "Principal ", "Lead " };
static const char * const companies[] = {
  "Acme Robotics", "Globex", "Initech", "Umbrella Devices", "Stark Industries", "Hooli",
  "Vandelay Sensors", "Wayne Systems", "Cyberdyne", "Soylent Labs", "Tyrell", "Oscorp",
};
static const char * const places[][2] = {
  { "Austin", "TX" }, { "Seattle", "WA" }, { "Boston", "MA" }, { "Denver", "CO" },
  { "Miami", "FL" }, { "Raleigh", "NC" }, { "San Jose", "CA" }, { "Chicago", "IL" },
};
static const char * const sentences[] = {
  "Design, build and ship firmware for low-power sensor boards.",
  "Own the bring-up of new hardware with the electrical team.",
  "Write drivers for SPI, I2C and UART peripherals in C and C++.",
  "Train and quantize models that run on microcontrollers (TinyML).",
  "Build data pipelines that process billions of events a day.",
  "Keep our services fast and reliable; be on call one week in six.",
  "Review code, mentor engineers and write clear design documents.",
  "Experience with an RTOS such as Zephyr or FreeRTOS is a plus.",
  "You know Python, SQL and one of Spark, Flink or Beam.",
  "Work with Kubernetes, Terraform and a major cloud provider.",
  "Bachelor's degree in computer or electrical engineering, or equivalent experience.",
  "We offer health insurance, a 401(k) match and a learning budget.",
};

static guint64
next_random (guint64 *state)
{
  guint64 z = (*state += G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

#define PICK(array, rng) (array[next_random (rng) % G_N_ELEMENTS (array)])

/* A description of 6 to 12 sentences, as HTML or Markdown */
static void
make_description (GString  *text,
                  guint64  *rng,
                  gboolean  html)
{
  guint n = 6 + next_random (rng) % 7;

  g_string_truncate (text, 0);
  g_string_append (text, html ? "<p>" : "About the role:\n\n");
  for (guint i = 0; i < n; i++)
    {
      if (i == n / 2)
        g_string_append (text, html ? "</p><ul><li>" : "\n\n- ");
      else if (i > n / 2)
        g_string_append (text, html ? "</li><li>" : "\n- ");
      else if (i > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, PICK (sentences, rng));
    }
  g_string_append (text, html ? "</li></ul>" : "\n");
}

/* Writes postings to @path until it holds @megabytes; returns how many */
static guint
write_csv (const char *path,
           guint64     megabytes)
{
  g_autoptr(GString) description = g_string_new (NULL);
  guint64 rng = 1;
  guint64 size = 0;
  FILE *file = fopen (path, "w");
  guint n = 0;

  g_assert_nonnull (file);
  size += fprintf (file, "title,company,location,salary,url,posted,description,type,remote\n");
  while (size < megabytes * 1024 * 1024)
    {
      guint pay = 60 + (guint) (next_random (&rng) % 120);
      guint place = (guint) (next_random (&rng) % G_N_ELEMENTS (places));

      make_description (description, &rng, FALSE);
      size += fprintf (file,
                       "%s%s,%s,\"%s, %s\",\"$%u,000 - $%u,000\",https://big.example/csv/%u,"
                       "2025-%02u-%02u,\"%s\",Full-time,%s\n",
                       PICK (levels, &rng), PICK (titles, &rng), PICK (companies, &rng),
                       places[place][0], places[place][1], pay, pay + 25, n,
                       1 + n % 12, 1 + n % 28, description->str,
                       next_random (&rng) % 3 == 0 ? "Remote" : "On-site");
      n++;
    }
  g_assert_cmpint (fclose (file), ==, 0);
  return n;
}

static void
append_json_posting (GString  *line,
                     GString  *description,
                     guint64  *rng,
                     guint     n)
{
  guint pay = 60 + (guint) (next_random (rng) % 120);
  guint place = (guint) (next_random (rng) % G_N_ELEMENTS (places));

  make_description (description, rng, TRUE);
  g_string_append_printf (line,
    "{\"@context\": \"https://schema.org\", \"@type\": \"JobPosting\", \"title\": \"%s%s\","
    " \"hiringOrganization\": {\"@type\": \"Organization\", \"name\": \"%s\"},"
    " \"jobLocation\": {\"@type\": \"Place\", \"address\": {\"@type\": \"PostalAddress\","
    " \"addressLocality\": \"%s\", \"addressRegion\": \"%s\", \"addressCountry\": \"US\"}},"
    " \"baseSalary\": {\"@type\": \"MonetaryAmount\", \"currency\": \"USD\", \"value\":"
    " {\"@type\": \"QuantitativeValue\", \"minValue\": %u000, \"maxValue\": %u000,"
    " \"unitText\": \"YEAR\"}}, \"datePosted\": \"2025-%02u-%02u\","
    " \"employmentType\": \"FULL_TIME\", \"url\": \"https://big.example/jsonl/%u\","
    " \"description\": \"%s\"}",
    PICK (levels, rng), PICK (titles, rng), PICK (companies, rng),
    places[place][0], places[place][1], pay, pay + 25, 1 + n % 12, 1 + n % 28, n,
    description->str);
}

static guint
write_json_lines (const char *path,
                  guint64     megabytes)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  guint64 rng = 2;
  guint64 size = 0;
  FILE *file = fopen (path, "w");
  guint n = 0;

  g_assert_nonnull (file);
  while (size < megabytes * 1024 * 1024)
    {
      g_string_truncate (line, 0);
      append_json_posting (line, description, &rng, n);
      g_string_append_c (line, '\n');
      g_assert_cmpuint (fwrite (line->str, 1, line->len, file), ==, line->len);
      size += line->len;
      n++;
    }
  g_assert_cmpint (fclose (file), ==, 0);
  return n;
}

/* A saved board page: each posting shown as HTML and given as a JSON-LD
 * block */
static guint
write_html (const char *path,
            guint64     megabytes)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GString) posting = g_string_new (NULL);
  guint64 rng = 6;
  guint64 size = 0;
  FILE *file = fopen (path, "w");
  guint n = 0;

  g_assert_nonnull (file);
  size += fprintf (file, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                         "<title>Jobs</title></head>\n<body><main>\n");
  while (size < megabytes * 1024 * 1024)
    {
      g_string_truncate (posting, 0);
      append_json_posting (posting, description, &rng, n);
      size += fprintf (file, "<article class=\"job\"><h2>Posting %u</h2>\n<div>%s</div>\n"
                             "<script type=\"application/ld+json\">%s</script></article>\n",
                       n, description->str, posting->str);
      n++;
    }
  fputs ("</main></body></html>\n", file);
  g_assert_cmpint (fclose (file), ==, 0);
  return n;
}

/* A JSON array, one posting a line (as a board exports it), or a @graph */
static guint
write_json_document (const char *path,
                     guint64     max_bytes,
                     gboolean    graph)
{
  g_autoptr(GString) description = g_string_new (NULL);
  g_autoptr(GString) posting = g_string_new (NULL);
  const char *head = graph ? "{\"@context\": \"https://schema.org\", \"@graph\": [\n" : "[\n";
  const char *tail = graph ? "\n]}\n" : "\n]\n";
  guint64 rng = 5;
  guint64 size;
  FILE *file = fopen (path, "w");
  guint n = 0;

  g_assert_nonnull (file);
  size = fprintf (file, "%s", head) + strlen (tail);
  for (;;)
    {
      g_string_assign (posting, n > 0 ? ",\n  " : "  ");
      append_json_posting (posting, description, &rng, n);
      if (size + posting->len > max_bytes)
        break;
      g_assert_cmpuint (fwrite (posting->str, 1, posting->len, file), ==, posting->len);
      size += posting->len;
      n++;
    }
  fputs (tail, file);
  g_assert_cmpint (fclose (file), ==, 0);
  return n;
}

/* The child */

typedef struct {
  gboolean  ok;
  guint     added;
  guint     skipped;
  double    seconds;
  char     *error;        /* "DOMAIN CODE message" */
  glong     peak_kib;     /* the child's ru_maxrss */
} ImportResult;

static void
import_result_clear (ImportResult *r)
{
  g_free (r->error);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportResult, import_result_clear)

/* Imports @file into the library at @library in a child process, and
 * reads what it printed and its peak memory */
static void
import_in_child (const char   *library,
                 const char   *file,
                 ImportResult *r)
{
  const char *argv[] = {
    g_test_get_filename (G_TEST_BUILT, "test-big-import", NULL), "--child", library, file, NULL
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  struct rusage usage;
  char buf[4096];
  ssize_t n;
  int status, fd;
  GPid pid;

  g_assert_true (g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                           NULL, NULL, &pid, NULL, &fd, NULL, &error));
  g_assert_no_error (error);
  while ((n = read (fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
    if (n > 0)
      g_string_append_len (out, buf, n);
  close (fd);

  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  r->peak_kib = usage.ru_maxrss;

  if (g_str_has_prefix (out->str, "ok "))
    {
      g_assert_cmpint (sscanf (out->str, "ok %u %u %lf", &r->added, &r->skipped, &r->seconds),
                       ==, 3);
      g_assert_cmpint (WEXITSTATUS (status), ==, 0);
      r->ok = TRUE;
    }
  else
    {
      g_assert_true (g_str_has_prefix (out->str, "error "));
      g_assert_cmpint (WEXITSTATUS (status), ==, 1);
      r->error = g_strchomp (g_strdup (out->str + 6));
    }
}

static int
child_main (const char *library_path,
            const char *file)
{
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(CgLibrary) library = cg_library_new (library_path, content);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 start;

  if (!cg_library_open (library, &error))
    {
      printf ("error %s %d %s\n", g_quark_to_string (error->domain), error->code, error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!cg_job_import_file (cg_library_get_db (library), file, CG_IMPORT_FORMAT_AUTO, NULL, NULL,
                           NULL, &report, &error))
    {
      printf ("error %s %d %s\n", g_quark_to_string (error->domain), error->code, error->message);
      return 1;
    }
  printf ("ok %u %u %.3f\n", report.added, report.skipped,
          (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

/* Tests */

static void
assert_peak (const ImportResult *r)
{
#ifdef UNDER_ASAN
  g_test_message ("under AddressSanitizer: peak memory not checked");
  (void) r;
#else
  g_assert_cmpint (r->peak_kib, <=, MAX_PEAK_KIB);
#endif
}

static void
test_big_file (Fixture       *f,
               gconstpointer  data)
{
  const char *kind = data;
  guint64 megabytes = file_megabytes ();
  g_autofree char *name = g_strconcat ("big.", kind, NULL);
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_auto(ImportResult) r = { 0 };
  gint64 start = g_get_monotonic_time ();
  double generated;
  sqlite3 *db = NULL;
  guint n;

  if (g_str_equal (kind, "csv"))
    n = write_csv (path, megabytes);
  else if (g_str_equal (kind, "jsonl"))
    n = write_json_lines (path, megabytes);
  else if (g_str_equal (kind, "html"))
    n = write_html (path, megabytes);
  else
    n = write_json_document (path, megabytes * 1024 * 1024, FALSE);
  generated = (g_get_monotonic_time () - start) / 1e6;

  import_in_child (f->library, path, &r);
  g_test_message ("%s, %" G_GUINT64_FORMAT " MB, %u postings: imported in %.1f s "
                  "(%.1f MB/s; file written in %.1f s), peak RSS %.1f MB (limit %d MB)",
                  g_str_equal (kind, "csv") ? "CSV" :
                  g_str_equal (kind, "jsonl") ? "JSON Lines" :
                  g_str_equal (kind, "html") ? "HTML page" : "JSON array",
                  megabytes, n, r.seconds,
                  megabytes / MAX (r.seconds, 0.001), generated, r.peak_kib / 1024.0,
                  MAX_PEAK_KIB / 1024);
  g_assert_null (r.error);
  g_assert_true (r.ok);
  g_assert_cmpuint (r.added, ==, n);
  g_assert_cmpuint (r.skipped, ==, 0);
  assert_peak (&r);

  /* all there, searchable, and whole */
  g_assert_cmpint (sqlite3_open_v2 (f->library, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (cg_test_query_int (db, "SELECT count(*) FROM jobs WHERE origin = 'user'"),
                   ==, n);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs WHERE origin = 'user' AND pay_annual_min IS NULL"), ==, 0);
  g_assert_cmpint (cg_test_query_int (db,
    "SELECT count(*) FROM jobs_fts WHERE jobs_fts MATCH 'tinyml'"), >, 0);
  g_assert_cmpstr (cg_test_query_str (db, "PRAGMA quick_check"), ==, "ok");
  sqlite3_close (db);
}

/* A @graph is parsed whole: just under its limit, the import still stays
 * under 200 MB */
static void
test_json_graph_at_limit (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "graph.json", NULL);
  guint64 max_bytes = MIN (CG_IMPORT_MAX_JSON_DOCUMENT_SIZE, file_megabytes () * 1024 * 1024);
  g_auto(ImportResult) r = { 0 };
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  guint n;

  n = write_json_document (path, max_bytes, TRUE);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, 0, NULL, NULL);
  g_assert_nonnull (info);
  g_assert_cmpint (g_file_info_get_size (info), <=, CG_IMPORT_MAX_JSON_DOCUMENT_SIZE);

  import_in_child (f->library, path, &r);
  g_test_message ("JSON @graph document of %.1f MB (limit %d MB), %u postings: imported in "
                  "%.1f s, peak RSS %.1f MB (limit %d MB)",
                  g_file_info_get_size (info) / (1024.0 * 1024.0),
                  CG_IMPORT_MAX_JSON_DOCUMENT_SIZE / (1024 * 1024), n, r.seconds,
                  r.peak_kib / 1024.0, MAX_PEAK_KIB / 1024);
  g_assert_null (r.error);
  g_assert_cmpuint (r.added, ==, n);
  assert_peak (&r);
}

/* A JSON document that is not an array is parsed whole, so above the limit
 * it is refused by its size, before a byte of it is read. The file is
 * sparse: JSON text at the start, then a hole up to 300 MB, which the
 * importer must never get to. */
static void
test_json_document_too_large (Fixture       *f,
                              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.json", NULL);
  g_autoptr(GString) head = g_string_new ("{\"@context\": \"https://schema.org\", \"@graph\": [\n");
  g_autoptr(GString) description = g_string_new (NULL);
  g_auto(ImportResult) r = { 0 };
  guint64 rng = 3;
  int fd;

  for (guint i = 0; head->len < 1024 * 1024; i++)
    {
      if (i > 0)
        g_string_append (head, ",\n");
      append_json_posting (head, description, &rng, i);
    }
  fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head->str, head->len), ==, (ssize_t) head->len);
  g_assert_cmpint (ftruncate (fd, (off_t) 300 * 1024 * 1024), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  import_in_child (f->library, path, &r);
  g_test_message ("JSON document of 300 MB: %s; peak RSS %.1f MB", r.error, r.peak_kib / 1024.0);
  g_assert_false (r.ok);
  g_assert_nonnull (r.error);
  {
    g_autofree char *expected = g_strdup_printf ("%s %d The file is 300.0 MB, over the 8 MB "
                                                 "limit for a single JSON document. A JSON "
                                                 "array of postings, or JSON Lines (one posting "
                                                 "a line), is read a posting at a time, without "
                                                 "a size limit",
                                                 g_quark_to_string (CG_IMPORT_ERROR),
                                                 CG_IMPORT_ERROR_TOO_LARGE);
    g_assert_cmpstr (r.error, ==, expected);
  }
  assert_peak (&r);
}

/* One JSON Lines line as large as the file (over CG_IMPORT_MAX_JSON_DOCUMENT_SIZE)
 * between two postings: skipped without being held in memory. */
static void
test_json_lines_huge_line (Fixture       *f,
                           gconstpointer  data)
{
  guint64 megabytes = MAX (file_megabytes (), 17);
  g_autofree char *path = g_build_filename (f->dir, "long-line.jsonl", NULL);
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *words = NULL;
  g_auto(ImportResult) r = { 0 };
  guint64 rng = 4;
  FILE *file = fopen (path, "w");

  g_assert_nonnull (file);
  append_json_posting (line, description, &rng, 0);
  fprintf (file, "%s\n{\"@type\": \"JobPosting\", \"title\": \"Huge\", \"description\": \"",
           line->str);
  words = g_strnfill (1024 * 1024, 'w');
  for (guint64 i = 0; i < megabytes; i++)
    fputs (words, file);
  g_string_truncate (line, 0);
  append_json_posting (line, description, &rng, 1);
  fprintf (file, "\"}\n%s\n", line->str);
  g_assert_cmpint (fclose (file), ==, 0);

  import_in_child (f->library, path, &r);
  g_test_message ("JSON Lines with a line of %" G_GUINT64_FORMAT " MB: %u added, %u skipped "
                  "in %.1f s, peak RSS %.1f MB", megabytes, r.added, r.skipped, r.seconds,
                  r.peak_kib / 1024.0);
  g_assert_null (r.error);
  g_assert_cmpuint (r.added, ==, 2);
  g_assert_cmpuint (r.skipped, ==, 1);
  assert_peak (&r);
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 4 && g_str_equal (argv[1], "--child"))
    return child_main (argv[2], argv[3]);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/big-import/csv", Fixture, "csv", fixture_setup, test_big_file, fixture_teardown);
  g_test_add ("/big-import/json-lines", Fixture, "jsonl", fixture_setup, test_big_file,
              fixture_teardown);
  g_test_add ("/big-import/json-array", Fixture, "json", fixture_setup, test_big_file,
              fixture_teardown);
  g_test_add ("/big-import/html", Fixture, "html", fixture_setup, test_big_file,
              fixture_teardown);
  g_test_add ("/big-import/json-graph-at-limit", Fixture, NULL, fixture_setup,
              test_json_graph_at_limit, fixture_teardown);
  g_test_add ("/big-import/json-document-too-large", Fixture, NULL, fixture_setup,
              test_json_document_too_large, fixture_teardown);
  g_test_add ("/big-import/json-lines-huge-line", Fixture, NULL, fixture_setup,
              test_json_lines_huge_line, fixture_teardown);

  return g_test_run ();
}
