/* bench-util.c: what the figure benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "bench-util.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* The median of @values (sorts them); 0 when there is none. */
double
bench_median (GArray *values)
{
  if (values->len == 0)
    return 0;

  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

double
bench_elapsed_ms (gint64 start,
                  gint64 end)
{
  return (end - start) / 1000.0;
}

/* 10000 -> "10k", 1000000 -> "1M" */
char *
bench_size_label (guint n)
{
  if (n >= 1000000 && n % 1000000 == 0)
    return g_strdup_printf ("%uM", n / 1000000);
  if (n >= 1000 && n % 1000 == 0)
    return g_strdup_printf ("%uk", n / 1000);
  return g_strdup_printf ("%u", n);
}

/* A figure with as many decimals as it needs to be read. */
static const char *
format_value (char   *buf,
              gsize   size,
              double  value)
{
  g_snprintf (buf, size, value < 10 ? "%.2f" : "%.1f", value);
  return buf;
}

/* bench: NAME: RATIO (ours VALUE UNIT, limit VALUE UNIT, goal GOAL) */
void
bench_print_figure (const char *name,
                    double      ours,
                    double      limit,
                    const char *unit,
                    const char *goal)
{
  char a[32], b[32];

  printf ("bench: %s: %.2f (ours %s %s, limit %s %s, goal %s)\n",
          name, limit > 0 ? ours / limit : 0.0,
          format_value (a, sizeof a, ours), unit, format_value (b, sizeof b, limit), unit, goal);
  fflush (stdout);
}

/* The machine's load: figures taken on a busy machine say so. */
void
bench_print_load (const char *when)
{
  g_autofree char *text = NULL;

  if (g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    printf ("load average %s: %s", when, text);
}

/* The sizes in $CG_BENCH_SIZES ("10000,100000"), else in @fallback; NULL
 * (after saying why) when one is not a number. */
GArray *
bench_parse_sizes (const char *fallback)
{
  const char *env = g_getenv ("CG_BENCH_SIZES");
  g_auto(GStrv) parts = g_strsplit (env != NULL && *env ? env : fallback, ",", -1);
  GArray *sizes = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      guint64 n;
      guint value;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 1, G_MAXUINT, &n, NULL))
        {
          g_printerr ("CG_BENCH_SIZES: not a size: “%s”\n", parts[i]);
          g_array_unref (sizes);
          return NULL;
        }
      value = (guint) n;
      g_array_append_val (sizes, value);
    }

  return sizes;
}

void
bench_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          bench_remove_tree (child);
        }
      g_dir_close (dir);
    }

  g_remove (path);
}

/* CPU time of this process, all threads, in milliseconds. */
double
bench_process_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1e3 +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e3;
}

/* A library at @dir/user.db with @n generated postings (and the bundled
 * ones), made by gen-postings --db in a process of its own. */
char *
bench_make_library (const char  *gen_postings,
                    const char  *dir,
                    guint        n,
                    GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "user.db", NULL);
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *argv[] = { gen_postings, "--db", path, count, NULL };
  int status;
  gint64 start;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "Cannot create %s", dir);
      return NULL;
    }

  start = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_CHILD_INHERITS_STDIN, NULL, NULL,
                     NULL, NULL, &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;

  printf ("generated %u postings into %s in %.1f s\n", n, path,
          (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&path);
}

/* The sqlite3 shell */

/* CPU time of process @pid so far, in milliseconds (schedstat counts
 * nanoseconds). */
static double
child_cpu_ms (const char *pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%s/schedstat", pid);
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;

  return g_ascii_strtod (text, NULL) / 1e6;
}

/* Reads the shell's output up to a line @word. Anything else is an error
 * message (stderr is merged into stdout, the answers go to /dev/null). */
static gboolean
shell_expect (GDataInputStream  *out,
              const char        *word,
              GError           **error)
{
  g_autoptr(GString) unexpected = g_string_new (NULL);

  for (;;)
    {
      g_autofree char *line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, error);

      if (line == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sqlite3 stopped: %s",
                         unexpected->str);
          return FALSE;
        }
      if (g_str_equal (line, word))
        break;
      g_string_append_printf (unexpected, "%s\n", line);
    }

  if (unexpected->len > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sqlite3: %s", unexpected->str);
      return FALSE;
    }

  return TRUE;
}

/**
 * bench_time_shell:
 *
 * Runs @script in the sqlite3 shell on @db (read-only unless @read_only is
 * FALSE, for a script that writes), its answers
 * printed to /dev/null, and returns the milliseconds from handing it over
 * to the shell's word that it is done (and in @cpu_ms, the shell's CPU
 * time meanwhile); -1 with @error set when something broke.
 *
 * A shell of its own is started for each run (`sqlite3 -batch -bail -init
 * /dev/null [-readonly] DB`, under `stdbuf -oL` so that its stdout is
 * line-buffered), and once it has printed "ready" it is given @script and
 * `.print done`, and timed until "done" arrives: starting a process is not
 * part of the time, reading the schema is (as it is of ours).
 */
double
bench_time_shell (const char  *db,
                  gboolean     read_only,
                  const char  *script,
                  double      *cpu_ms,
                  GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *request = g_strconcat (".output /dev/null\n", script,
                                          ".output stdout\n.print done\n", NULL);
  GOutputStream *in;
  const char *pid;
  double cpu;
  gint64 start, end;
  const char *argv[] = { "stdbuf", "-oL", "sqlite3", "-batch", "-bail", "-init", "/dev/null",
                         read_only ? "-readonly" : db, read_only ? db : NULL, NULL };

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_MERGE, error);
  if (process == NULL)
    return -1;

  in = g_subprocess_get_stdin_pipe (process);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  pid = g_subprocess_get_identifier (process);

  if (!g_output_stream_write_all (in, ".print ready\n", strlen (".print ready\n"), NULL, NULL,
                                  error) ||
      !shell_expect (out, "ready", error))
    return -1;

  cpu = child_cpu_ms (pid);
  start = g_get_monotonic_time ();
  if (!g_output_stream_write_all (in, request, strlen (request), NULL, NULL, error) ||
      !shell_expect (out, "done", error))
    return -1;
  end = g_get_monotonic_time ();
  *cpu_ms = child_cpu_ms (pid) - cpu;

  if (!g_output_stream_close (in, NULL, error) || !g_subprocess_wait_check (process, NULL, error))
    return -1;

  return bench_elapsed_ms (start, end);
}

/* What @script prints in the sqlite3 shell on @db (read-only, list mode:
 * columns separated by |), untimed, to check the answers. */
char *
bench_shell_output (const char  *db,
                    const char  *script,
                    GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { "sqlite3", "-batch", "-bail", "-init", "/dev/null", "-readonly", db, NULL };

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                     G_SUBPROCESS_FLAGS_STDERR_PIPE, error);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, script, NULL, &out, &err, error))
    return NULL;

  if (!g_subprocess_get_successful (process) || (err != NULL && *err != '\0'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "sqlite3: %s", err ? err : "failed");
      return NULL;
    }

  return g_steal_pointer (&out);
}
