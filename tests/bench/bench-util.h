/* bench-util.h: what the figure benchmarks share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Medians, the figure lines, sizes from CG_BENCH_SIZES, libraries made by
 * gen-postings, and the sqlite3 shell as a reference (see time_shell()).
 * GLib and GIO only, so that every benchmark can use it.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

double   bench_median           (GArray      *values);
double   bench_elapsed_ms       (gint64       start,
                                 gint64       end);
char    *bench_size_label       (guint        n);
void     bench_print_figure     (const char  *name,
                                 double       ours,
                                 double       limit,
                                 const char  *unit,
                                 const char  *goal);
void     bench_print_load       (const char  *when);
GArray  *bench_parse_sizes      (const char  *fallback);
void     bench_remove_tree      (const char  *path);
double   bench_process_cpu_ms   (void);

char    *bench_make_library     (const char  *gen_postings,
                                 const char  *dir,
                                 guint        n,
                                 GError     **error);

double   bench_time_shell       (const char  *db,
                                 gboolean     read_only,
                                 const char  *script,
                                 double      *cpu_ms,
                                 GError     **error);
char    *bench_shell_output     (const char  *db,
                                 const char  *script,
                                 GError     **error);

G_END_DECLS
