/* bench-joblist.c: the job list at scale, against the sqlite3 shell
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-joblist GEN-POSTINGS
 *
 * For each size in $CG_BENCH_SIZES (default 10000,100000) a library of its
 * own is filled by GEN-POSTINGS --db (through CgLibrary and CgJobWriter, so
 * these figures do not depend on the importer), and four queries are timed:
 *
 *   selective   search "tinyml quantization", best match first
 *   broad-pay   search "engineer" (nearly every posting), highest pay first
 *   filter      remote postings paying at least 100,000 a year, newest first
 *   all-newest  every posting, newest first
 *
 * Ours is the time from cg_job_list_model_set_query() on a new model to the
 * items-changed that delivers the result, running the main loop meanwhile:
 * the worker thread opens its connection, reads the schema, prepares, binds,
 * steps through the ids and hands them to the main thread. The limit is the
 * same SQL (cg_job_query_build_sql(), with the parameters written in as SQL
 * literals) run by the sqlite3 shell on the same file, in a shell started
 * for each run, timed from handing it the statement to its word that it is
 * done, the ids being printed to /dev/null (see time_shell()): the same work,
 * without starting a process, which would otherwise be most of the time of
 * a small query (and subtracting an empty run's time proved too noisy on a
 * busy machine). Ours and the shell take turns, 5 times each after one
 * unmeasured round each (so both read a warm file cache), and the medians
 * are compared. The CPU times of both (getrusage() for ours, all threads;
 * /proc/PID/schedstat for the shell) are printed beside, as a check that
 * does not depend on how busy the machine is.
 *
 * At the largest size, four more figures:
 *
 *   typing-stall  "firmware eng" is typed into the query a letter every
 *                 100 ms, with cg_job_list_model_set_query() each time as
 *                 the search entry does, while an items-changed handler
 *                 does what the jobs page and its list view do (n-items,
 *                 loading, the first screenful of rows). A watchdog on the
 *                 main loop ticks every millisecond at high priority; the
 *                 longest gap between two ticks is the longest the main
 *                 thread was busy (or kept off the CPU: the main thread's
 *                 CPU time in that gap is printed beside). The limit is a
 *                 16 ms frame.
 *   scroll-rss    VmRSS after fetching every item of the unfiltered list
 *                 (g_list_model_get_item() from the first to the last
 *                 position, dropping each reference), against the same
 *                 with a library of 1000 postings. Each is measured in a
 *                 process of its own (this program with --scroll-rss), so
 *                 that neither inherits the other's heap.
 *   import-csv,   GEN-POSTINGS writes the postings as a CSV file and as
 *   import-jsonl  JSON Lines (schema.org JobPosting); each is imported with
 *                 cg_job_import_file() into an empty library (one made by
 *                 CgLibrary, its bundled postings deleted), in postings per
 *                 second, against the sqlite3 shell importing the same CSV
 *                 file into the same tables with .import, INSERT ... SELECT
 *                 and an FTS rebuild (see import_script).
 *
 * Prints one line per figure:
 *   bench: NAME: RATIO (ours VALUE UNIT, limit VALUE UNIT, goal <= G)
 * and exits 0 whatever the figures are; non-zero only when something broke.
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "bench-util.h"
#include "cg-db.h"
#include "cg-job-import.h"
#include "cg-job-list-model.h"
#include "cg-job-query.h"
#include "cg-job.h"
#include "cg-library.h"

#define RUNS 5
#define FRAME_MS 16.0
#define SCREENFUL 30

/* Statistics and small helpers */

static void
print_figure_rate (const char *name,
                   double      ours,
                   double      limit)
{
  printf ("bench: %s: %.2f (ours %.0f postings/s, limit %.0f postings/s, goal >= 0.5)\n",
          name, limit > 0 ? ours / limit : 0.0, ours, limit);
  fflush (stdout);
}

/* Libraries */

static CgLibrary *
open_library (const char  *path,
              GError     **error)
{
  g_autofree char *content = cg_library_dup_content_path ();
  g_autoptr(CgLibrary) library = cg_library_new (path, content);

  if (!cg_library_open (library, error))
    return NULL;

  return g_steal_pointer (&library);
}

/* Ours: set_query to items-changed */

typedef struct {
  gboolean done;
  gint64   end;
} Delivery;

static void
delivered_cb (GListModel *model,
              guint       position,
              guint       removed,
              guint       added,
              gpointer    user_data)
{
  Delivery *delivery = user_data;

  delivery->end = g_get_monotonic_time ();
  delivery->done = TRUE;
}

/* Runs @query on a new model; the milliseconds until the result is there
 * (and in @cpu_ms, the CPU time it took, all threads). */
static double
time_model_query (CgLibrary         *library,
                  const CgJobQuery  *query,
                  guint             *n_items,
                  double            *cpu_ms,
                  GError           **error)
{
  g_autoptr(CgJobListModel) model = cg_job_list_model_new (library);
  Delivery delivery = { FALSE, 0 };
  double cpu;
  gint64 start;

  g_signal_connect (model, "items-changed", G_CALLBACK (delivered_cb), &delivery);

  cpu = bench_process_cpu_ms ();
  start = g_get_monotonic_time ();
  cg_job_list_model_set_query (model, query);
  while (!delivery.done)
    g_main_context_iteration (NULL, TRUE);
  *cpu_ms = bench_process_cpu_ms () - cpu;

  if (cg_job_list_model_get_error (model) != NULL)
    {
      g_propagate_error (error, g_error_copy (cg_job_list_model_get_error (model)));
      return -1;
    }

  *n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  return bench_elapsed_ms (start, delivery.end);
}

/* The reference: the sqlite3 shell */

/* @sql with each ? replaced by its parameter as an SQL literal: strings
 * quoted (a quote doubled), doubles written so that they read back the
 * same. A ? inside a literal of @sql stays. */
static char *
inline_params (const char *sql,
               GPtrArray  *params)
{
  GString *out = g_string_new (NULL);
  char quote = 0;
  guint next = 0;

  for (const char *p = sql; *p; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          g_string_append_c (out, *p);
        }
      else if (*p == '\'' || *p == '"')
        {
          quote = *p;
          g_string_append_c (out, *p);
        }
      else if (*p == '?')
        {
          GVariant *value;

          g_assert (next < params->len);
          value = g_ptr_array_index (params, next++);

          if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
            {
              char buf[G_ASCII_DTOSTR_BUF_SIZE];

              g_ascii_dtostr (buf, sizeof buf, g_variant_get_double (value));
              g_string_append (out, buf);
              if (strpbrk (buf, ".eEn") == NULL)
                g_string_append (out, ".0");
            }
          else
            {
              g_string_append_c (out, '\'');
              for (const char *s = g_variant_get_string (value, NULL); *s; s++)
                {
                  if (*s == '\'')
                    g_string_append_c (out, '\'');
                  g_string_append_c (out, *s);
                }
              g_string_append_c (out, '\'');
            }
        }
      else
        g_string_append_c (out, *p);
    }

  g_assert (next == params->len);
  return g_string_free (out, FALSE);
}

/* The SQL the model runs for @query, ready for the shell. */
static char *
query_script (const CgJobQuery *query)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *sql = cg_job_query_build_sql (query, today, params);
  g_autofree char *inlined = inline_params (sql, params);

  return g_strconcat (inlined, ";\n", NULL);
}

/* The four queries */

typedef struct {
  const char *name;
  const char *text;
  guint       arrangements;
  double      min_annual_pay;
  CgJobSort   sort;
} QuerySpec;

static const QuerySpec query_specs[] = {
  { "selective", "tinyml quantization", 0, 0, CG_JOB_SORT_RELEVANCE },
  { "broad-pay", "engineer", 0, 0, CG_JOB_SORT_PAY },
  { "filter", NULL, CG_ARRANGEMENT_REMOTE, 100000, CG_JOB_SORT_RELEVANCE },
  { "all-newest", NULL, 0, 0, CG_JOB_SORT_NEWEST },
};

static CgJobQuery *
query_from_spec (const QuerySpec *spec)
{
  CgJobQuery *query = cg_job_query_new ();

  query->text = g_strdup (spec->text);
  query->arrangements = spec->arrangements;
  query->min_annual_pay = spec->min_annual_pay;
  query->sort = spec->sort;
  return query;
}

static gboolean
bench_queries (CgLibrary   *library,
               const char  *label,
               GError     **error)
{
  const char *db = cg_library_get_path (library);

  for (guint q = 0; q < G_N_ELEMENTS (query_specs); q++)
    {
      g_autoptr(CgJobQuery) query = query_from_spec (&query_specs[q]);
      g_autofree char *sql = query_script (query);
      g_autofree char *name = g_strdup_printf ("query-%s-%s", query_specs[q].name, label);
      g_autoptr(GArray) ours = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) ours_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) shell = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) shell_cpu = g_array_new (FALSE, FALSE, sizeof (double));
      double t_ours, t_shell, c_ours, c_shell;
      guint n_items = 0;

      /* round 0 warms the file cache and is not counted */
      for (int run = 0; run <= RUNS; run++)
        {
          double a, b, ca = 0, cb = 0;

          a = time_model_query (library, query, &n_items, &ca, error);
          b = a >= 0 ? bench_time_shell (db, TRUE, sql, &cb, error) : -1;
          if (b < 0)
            return FALSE;
          if (run == 0)
            continue;
          g_array_append_val (ours, a);
          g_array_append_val (ours_cpu, ca);
          g_array_append_val (shell, b);
          g_array_append_val (shell_cpu, cb);
        }

      t_ours = bench_median (ours);
      t_shell = bench_median (shell);
      c_ours = bench_median (ours_cpu);
      c_shell = bench_median (shell_cpu);
      bench_print_figure (name, t_ours, t_shell, "ms", "<= 1.5");
      printf ("  %u postings; CPU time: ours %.2f ms, sqlite3 %.2f ms (%.2f); %s",
              n_items, c_ours, c_shell, c_ours / MAX (c_shell, 0.001), sql);
    }

  return TRUE;
}

/* Typing a search letter by letter */

typedef struct {
  CgJobListModel *model;
  const char     *text;
  guint           typed;
  gboolean        done;
  gint64          last_tick;
  gint64          last_tick_cpu;
  gint64          max_gap;
  gint64          max_gap_cpu;
  gint64          max_cpu;
  guint           max_gap_key;
  gint64          max_set_query;
  gint64          max_handler;
  gint64          last_key;
  gint64          final;
  guint           deliveries;
  guint           key_source;
} Typing;

/* CPU time of the calling thread, in microseconds. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static gboolean
watchdog_cb (gpointer user_data)
{
  Typing *typing = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  if (typing->last_tick != 0)
    {
      if (now - typing->last_tick > typing->max_gap)
        {
          typing->max_gap = now - typing->last_tick;
          typing->max_gap_cpu = cpu - typing->last_tick_cpu;
          typing->max_gap_key = typing->typed;
        }
      typing->max_cpu = MAX (typing->max_cpu, cpu - typing->last_tick_cpu);
    }
  typing->last_tick = now;
  typing->last_tick_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

static gboolean
key_cb (gpointer user_data)
{
  Typing *typing = user_data;
  g_autoptr(CgJobQuery) query = cg_job_query_new ();
  gint64 start;

  typing->typed++;
  query->text = g_strndup (typing->text, typing->typed);
  query->sort = CG_JOB_SORT_RELEVANCE;

  start = g_get_monotonic_time ();
  cg_job_list_model_set_query (typing->model, query);
  typing->last_key = g_get_monotonic_time ();
  typing->max_set_query = MAX (typing->max_set_query, typing->last_key - start);

  if (typing->typed < strlen (typing->text))
    return G_SOURCE_CONTINUE;

  typing->key_source = 0;
  return G_SOURCE_REMOVE;
}

/* What the jobs page and a list view do when the list changes: the count,
 * the loading state, and the rows of the first screen. */
static void
typing_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   gpointer    user_data)
{
  Typing *typing = user_data;
  gint64 start = g_get_monotonic_time ();
  guint n = g_list_model_get_n_items (model);
  gboolean loading = cg_job_list_model_get_loading (typing->model);
  gint64 end;

  for (guint i = 0; i < MIN (n, SCREENFUL); i++)
    {
      g_autoptr(CgJob) job = g_list_model_get_item (model, i);
    }

  end = g_get_monotonic_time ();
  typing->max_handler = MAX (typing->max_handler, end - start);
  typing->deliveries++;

  if (typing->typed == strlen (typing->text) && !loading)
    {
      typing->final = end;
      typing->done = TRUE;
    }
}

static gboolean
bench_typing (CgLibrary   *library,
              const char  *label,
              GError     **error)
{
  g_autoptr(CgJobListModel) model = cg_job_list_model_new (library);
  g_autoptr(CgJobQuery) all = cg_job_query_new ();
  g_autofree char *name = g_strdup_printf ("typing-stall-%s", label);
  Typing typing = { 0 };
  Delivery delivery = { FALSE, 0 };
  gint64 deadline;
  gulong handler;
  guint watchdog;

  /* the page shows the whole list before the user types */
  handler = g_signal_connect (model, "items-changed", G_CALLBACK (delivered_cb), &delivery);
  cg_job_list_model_set_query (model, all);
  while (!delivery.done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (model, handler);

  typing.model = model;
  typing.text = "firmware eng";
  g_signal_connect (model, "items-changed", G_CALLBACK (typing_changed_cb), &typing);

  watchdog = g_timeout_add_full (G_PRIORITY_HIGH, 1, watchdog_cb, &typing, NULL);
  typing.key_source = g_timeout_add (100, key_cb, &typing);

  deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;
  while (!typing.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (watchdog);
  if (!typing.done)
    {
      g_clear_handle_id (&typing.key_source, g_source_remove);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "The search typed over %s postings had no result after 10 minutes", label);
      return FALSE;
    }

  bench_print_figure (name, typing.max_gap / 1000.0, FRAME_MS, "ms", "<= 1.0");
  printf ("  longest gap after key %u of %zu, the main thread on the CPU for %.2f ms of it; "
          "most CPU time between two ticks %.2f ms; longest set_query %.2f ms; longest "
          "items-changed handler (count and first %u rows) %.2f ms; results delivered: %u; "
          "last key to final result (%u postings) %.1f ms\n",
          typing.max_gap_key, strlen (typing.text), typing.max_gap_cpu / 1000.0,
          typing.max_cpu / 1000.0, typing.max_set_query / 1000.0, SCREENFUL,
          typing.max_handler / 1000.0, typing.deliveries,
          g_list_model_get_n_items (G_LIST_MODEL (model)),
          bench_elapsed_ms (typing.last_key, typing.final));
  return TRUE;
}

/* Memory after scrolling the whole list */

static gint64
status_kb (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;

  line = strstr (status, field);
  return line != NULL ? g_ascii_strtoll (line + strlen (field) + 1, NULL, 10) : -1;
}

/* --scroll-rss LIBRARY: run in a process of its own. */
static int
scroll_rss_main (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgLibrary) library = open_library (path, &error);
  g_autoptr(CgJobListModel) model = NULL;
  g_autoptr(CgJobQuery) all = cg_job_query_new ();
  Delivery delivery = { FALSE, 0 };
  gint64 start;
  guint n;

  if (library == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  model = cg_job_list_model_new (library);
  g_signal_connect (model, "items-changed", G_CALLBACK (delivered_cb), &delivery);
  cg_job_list_model_set_query (model, all);
  while (!delivery.done)
    g_main_context_iteration (NULL, TRUE);

  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  start = g_get_monotonic_time ();
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CgJob) job = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (job == NULL)
        {
          g_printerr ("No item at %u of %u\n", i, n);
          return 1;
        }
    }

  printf ("items %u rss-kb %" G_GINT64_FORMAT " hwm-kb %" G_GINT64_FORMAT " seconds %.2f\n",
          n, status_kb ("VmRSS:"), status_kb ("VmHWM:"),
          (g_get_monotonic_time () - start) / 1e6);
  return 0;
}

typedef struct {
  guint   items;
  double  rss_mb;
  double  hwm_mb;
  double  seconds;
} ScrollSample;

static gboolean
measure_scroll (const char    *self_path,
                const char    *library,
                ScrollSample  *sample,
                GError       **error)
{
  const char *argv[] = { self_path, "--scroll-rss", library, NULL };
  g_autofree char *out = NULL;
  gint64 rss, hwm;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     &out, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;

  if (sscanf (out, "items %u rss-kb %" G_GINT64_FORMAT " hwm-kb %" G_GINT64_FORMAT
              " seconds %lf", &sample->items, &rss, &hwm, &sample->seconds) != 4)
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "Unexpected output: %s", out);
      return FALSE;
    }

  sample->rss_mb = rss / 1024.0;
  sample->hwm_mb = hwm / 1024.0;
  return TRUE;
}

static gboolean
bench_scroll (const char  *self_path,
              const char  *gen_postings,
              const char  *tmp,
              const char  *library,
              const char  *label,
              GError     **error)
{
  g_autofree char *dir = g_build_filename (tmp, "scroll-1k", NULL);
  g_autofree char *small = bench_make_library (gen_postings, dir, 1000, error);
  g_autofree char *name = g_strdup_printf ("scroll-rss-%s", label);
  ScrollSample big, little;

  if (small == NULL ||
      !measure_scroll (self_path, small, &little, error) ||
      !measure_scroll (self_path, library, &big, error))
    return FALSE;

  bench_print_figure (name, big.rss_mb, little.rss_mb, "MB", "<= 1.3");
  printf ("  %u items in %.1f s (%.2f us each), peak %.1f MB; %u items: peak %.1f MB\n",
          big.items, big.seconds, big.seconds * 1e6 / MAX (big.items, 1), big.hwm_mb,
          little.items, little.hwm_mb);
  bench_remove_tree (dir);
  return TRUE;
}

/* Import throughput */

/* An empty library: made by CgLibrary, with the bundled postings deleted. */
static gboolean
make_empty_library (const char  *path,
                    GError     **error)
{
  g_autoptr(CgLibrary) library = open_library (path, error);

  return library != NULL &&
         cg_db_exec (cg_library_get_db (library), "DELETE FROM jobs", error);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);

  return g_file_copy (source, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* The reference: the sqlite3 shell imports the CSV file into a copy of the
 * empty library, from which the FTS insert trigger has been dropped (with
 * it, the INSERT ... SELECT would index every posting, and the rebuild would
 * do it all again). The shell reads the CSV into a staging table with the
 * file's columns, copies the rows into jobs with the columns the CSV gives
 * (pay stays NULL: turning "$66.50K - $89.90K/yr" into numbers is beyond
 * plain SQL, so the shell does less than the importer here), and rebuilds
 * the full-text index, in one transaction, with the same synchronous
 * setting as a library's connection. */
static const char import_script[] =
  "PRAGMA synchronous = NORMAL;\n"
  "BEGIN;\n"
  "CREATE TEMP TABLE jobs_import (title TEXT, company TEXT, location TEXT, salary TEXT,"
  " url TEXT, posted TEXT, description TEXT, type TEXT, remote TEXT);\n"
  ".import --csv --skip 1 --schema temp \"%s\" jobs_import\n"
  "INSERT INTO jobs (key, origin, title, company, locations, location_count, region,"
  " arrangement, employment_type, date_posted, description, url)"
  " SELECT 'url:' || url, 'user', title, nullif(company, ''), nullif(location, ''),"
  " location <> '', nullif(trim(substr(location, instr(location, ',') + 1)), ''),"
  " CASE remote WHEN 'Remote' THEN 'remote' WHEN 'Hybrid' THEN 'hybrid'"
  "  WHEN 'On-site' THEN 'onsite' END,"
  " CASE type WHEN 'Full-time' THEN 'full_time' WHEN 'Part-time' THEN 'part_time'"
  "  WHEN 'Contract' THEN 'contractor' WHEN 'Internship' THEN 'intern'"
  "  WHEN 'Temporary' THEN 'temporary' END,"
  " posted, description, url FROM temp.jobs_import;\n"
  "INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild');\n"
  "COMMIT;\n";

static gboolean
time_shell_import (const char  *empty,
                   const char  *dir,
                   const char  *csv,
                   double      *seconds,
                   GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "shell.db", NULL);
  g_autofree char *script = g_strdup_printf (import_script, csv);
  sqlite3 *db;
  double ms, cpu;

  if (!copy_file (empty, path, error))
    return FALSE;

  db = cg_db_open (path, FALSE, error);
  if (db == NULL)
    return FALSE;
  if (!cg_db_exec (db, "DROP TRIGGER jobs_fts_insert", error))
    {
      cg_db_close (db);
      return FALSE;
    }
  cg_db_close (db);

  ms = bench_time_shell (path, FALSE, script, &cpu, error);
  if (ms < 0)
    return FALSE;

  *seconds = ms / 1000;
  printf ("  sqlite3 shell: %.1f s (CPU %.1f s)\n", *seconds, cpu / 1000);
  g_remove (path);
  return TRUE;
}

static gboolean
time_our_import (const char      *empty,
                 const char      *dir,
                 const char      *file,
                 CgImportFormat   format,
                 double          *seconds,
                 guint           *added,
                 GError         **error)
{
  g_autofree char *path = g_build_filename (dir, "ours.db", NULL);
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(CgLibrary) library = NULL;
  double cpu;
  gint64 start;

  if (!copy_file (empty, path, error))
    return FALSE;

  library = open_library (path, error);
  if (library == NULL)
    return FALSE;

  cpu = bench_process_cpu_ms ();
  start = g_get_monotonic_time ();
  if (!cg_job_import_file (cg_library_get_db (library), file, format, NULL, NULL, NULL,
                           &report, error))
    return FALSE;
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  *added = report.added;

  printf ("  cg_job_import_file (%s): %.1f s (CPU %.1f s), %u added, %u updated, %u skipped\n",
          cg_import_format_to_string (format), *seconds, (bench_process_cpu_ms () - cpu) / 1000,
          report.added, report.updated, report.skipped);

  g_clear_object (&library);
  bench_remove_tree (path);
  return TRUE;
}

static double
file_mb (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? st.st_size / (1024.0 * 1024.0) : 0;
}

static gboolean
bench_import (const char  *gen_postings,
              const char  *tmp,
              guint        n,
              const char  *label,
              GError     **error)
{
  g_autofree char *dir = g_build_filename (tmp, "import", NULL);
  g_autofree char *csv = g_build_filename (dir, "postings.csv", NULL);
  g_autofree char *jsonl = g_build_filename (dir, "postings.jsonl", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  g_autofree char *csv_name = g_strdup_printf ("import-csv-%s", label);
  g_autofree char *jsonl_name = g_strdup_printf ("import-jsonl-%s", label);
  const char *argv[] = { gen_postings, "--csv", csv, "--jsonl", jsonl, count, NULL };
  double t_shell, t_csv, t_jsonl;
  guint added_csv, added_jsonl;
  int status;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot create %s", dir);
      return FALSE;
    }

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error) ||
      !make_empty_library (empty, error))
    return FALSE;

  printf ("wrote %u postings as CSV (%.0f MB) and JSON Lines (%.0f MB)\n", n,
          file_mb (csv), file_mb (jsonl));

  if (!time_shell_import (empty, dir, csv, &t_shell, error) ||
      !time_our_import (empty, dir, csv, CG_IMPORT_FORMAT_CSV, &t_csv, &added_csv, error) ||
      !time_our_import (empty, dir, jsonl, CG_IMPORT_FORMAT_JSON_LINES, &t_jsonl, &added_jsonl,
                        error))
    return FALSE;

  print_figure_rate (csv_name, added_csv / t_csv, n / t_shell);
  print_figure_rate (jsonl_name, added_jsonl / t_jsonl, n / t_shell);
  bench_remove_tree (dir);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) sizes = NULL;
  g_autofree char *tmp = NULL;
  g_autofree char *self_path = NULL;
  g_autofree char *largest_path = NULL;
  g_autofree char *largest_label = NULL;
  guint largest = 0;
  gboolean ok = TRUE;

  setvbuf (stdout, NULL, _IOLBF, 0);

  if (argc == 3 && g_str_equal (argv[1], "--scroll-rss"))
    return scroll_rss_main (argv[2]);

  if (argc != 2)
    {
      g_printerr ("Usage: %s GEN-POSTINGS\n", argv[0]);
      return 2;
    }

  sizes = bench_parse_sizes ("10000,100000");
  if (sizes == NULL)
    return 2;
  for (guint i = 0; i < sizes->len; i++)
    largest = MAX (largest, g_array_index (sizes, guint, i));

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  tmp = g_dir_make_tmp ("cg-bench-joblist-XXXXXX", &error);
  if (tmp == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  printf ("sizes: %s; medians of %d runs; %u processors\n",
          g_getenv ("CG_BENCH_SIZES") ? g_getenv ("CG_BENCH_SIZES") : "10000,100000 (default)",
          RUNS, g_get_num_processors ());
  bench_print_load ("at the start");

  for (guint i = 0; ok && i < sizes->len; i++)
    {
      guint n = g_array_index (sizes, guint, i);
      g_autofree char *label = bench_size_label (n);
      g_autofree char *dir = g_build_filename (tmp, label, NULL);
      g_autofree char *path = bench_make_library (argv[1], dir, n, &error);
      g_autoptr(CgLibrary) library = NULL;

      ok = path != NULL &&
           (library = open_library (path, &error)) != NULL &&
           bench_queries (library, label, &error);

      if (ok && n == largest && largest_path == NULL)
        {
          ok = bench_typing (library, label, &error);
          largest_path = g_strdup (path);
          largest_label = g_strdup (label);
        }
      else
        {
          g_clear_object (&library);
          bench_remove_tree (dir);
        }
    }

  if (ok)
    ok = bench_scroll (self_path, argv[1], tmp, largest_path, largest_label, &error);
  if (largest_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (largest_path);

      bench_remove_tree (dir);
    }
  if (ok)
    ok = bench_import (argv[1], tmp, largest, largest_label, &error);

  bench_remove_tree (tmp);
  bench_print_load ("at the end");

  if (!ok)
    {
      g_printerr ("bench-joblist: %s\n", error->message);
      return 1;
    }

  return 0;
}
