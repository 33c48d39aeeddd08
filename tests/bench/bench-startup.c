/* bench-startup.c: start-up time and peak memory against a bare window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Usage: bench-startup CAREER-GUIDE BARE-WINDOW [RUNS]
 *
 * Starts each program RUNS times (default 11), alternating, and measures
 * the time from spawning it to its "first-frame" line (printed after the
 * main window's first paint) and its peak resident memory (ru_maxrss).
 * Prints the medians as
 *   bench: NAME: RATIO (ours VALUE UNIT, limit VALUE UNIT, goal <= G)
 * where the limit is the bare window's figure measured in the same run.
 * Needs a display (run under xvfb-run).
 */
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct {
  double ms;
  double rss_mb;
} Sample;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static gboolean
run_once (const char *program,
          Sample     *sample)
{
  const char *argv[] = { program, NULL };
  g_autoptr(GError) error = NULL;
  struct rusage usage;
  GPid pid;
  int out_fd, status;
  gint64 start, end = 0;
  char buf[256];
  GString *seen = g_string_new (NULL);

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                 &pid, NULL, &out_fd, NULL, &error))
    {
      g_printerr ("Cannot start %s: %s\n", program, error->message);
      return FALSE;
    }

  for (;;)
    {
      ssize_t n = read (out_fd, buf, sizeof buf);

      if (n <= 0)
        break;
      g_string_append_len (seen, buf, n);
      if (strstr (seen->str, "first-frame\n") != NULL)
        {
          end = g_get_monotonic_time ();
          break;
        }
    }
  close (out_fd);

  if (wait4 (pid, &status, 0, &usage) < 0 || end == 0)
    {
      g_printerr ("%s did not report a first frame (output: %s)\n", program, seen->str);
      g_string_free (seen, TRUE);
      return FALSE;
    }
  g_string_free (seen, TRUE);

  sample->ms = (end - start) / 1000.0;
  sample->rss_mb = usage.ru_maxrss / 1024.0;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) ours_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ours_mb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare_mb = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *data_home = NULL;
  int runs = argc > 3 ? atoi (argv[3]) : 11;
  double t_ours, t_bare, m_ours, m_bare;
  Sample s;

  if (argc < 3 || runs < 1)
    {
      g_printerr ("Usage: %s CAREER-GUIDE BARE-WINDOW [RUNS]\n", argv[0]);
      return 2;
    }

  /* a library of its own, made by a first start that is not measured:
   * the figures are for an everyday start, not the very first one */
  data_home = g_dir_make_tmp ("cg-bench-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("CG_BENCH_FIRST_FRAME", "1", TRUE);
  if (!run_once (argv[1], &s) || !run_once (argv[2], &s))
    return 1;

  for (int i = 0; i < runs; i++)
    {
      if (!run_once (argv[1], &s))
        return 1;
      g_array_append_val (ours_ms, s.ms);
      g_array_append_val (ours_mb, s.rss_mb);

      if (!run_once (argv[2], &s))
        return 1;
      g_array_append_val (bare_ms, s.ms);
      g_array_append_val (bare_mb, s.rss_mb);
    }

  t_ours = median (ours_ms);
  t_bare = median (bare_ms);
  m_ours = median (ours_mb);
  m_bare = median (bare_mb);

  printf ("runs: %d each, alternating, medians\n", runs);
  printf ("bench: startup-first-frame: %.2f (ours %.1f ms, limit %.1f ms, goal <= 1.3)\n",
          t_ours / t_bare, t_ours, t_bare);
  printf ("bench: startup-peak-rss: %.2f (ours %.1f MB, limit %.1f MB, goal <= 1.4)\n",
          m_ours / m_bare, m_ours, m_bare);
  return 0;
}
