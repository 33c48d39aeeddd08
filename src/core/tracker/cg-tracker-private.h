/* cg-tracker-private.h: what the tracker's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Internal to src/core/tracker/: the helpers each concern's file uses, the
 * Stage rows and the reader of an application's parts. Not for callers of
 * the tracker, which include cg-tracker.h.
 */
#pragma once

#include <sqlite3.h>

#include "cg-db.h"
#include "cg-tracker.h"

G_BEGIN_DECLS

#define NOW_SQL "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"

/* A stage as the statistics and the import see it. */
typedef struct {
  gint64   id;
  char    *name;
  int      position;
  gboolean closed;
  char    *builtin;
  /* statistics */
  guint    count;
  GArray  *stays;
} Stage;

/* The statements that read the parts of an application, prepared once for
 * a list of them. */
typedef struct {
  sqlite3_stmt *contacts;
  sqlite3_stmt *interviews;
  sqlite3_stmt *tags;
  sqlite3_stmt *history;
} PartsReader;

/* cg-tracker.c */

sqlite3 *cg_tracker_get_db (CgLibrary  *library,
                            GError    **error);

/* Ends the transaction the caller began: commits when @ok, else (or when
 * the commit fails) rolls back. */
gboolean cg_tracker_end_transaction (sqlite3   *db,
                                     gboolean   ok,
                                     GError   **error);

/* NULL for NULL and "", so that an emptied field reads as unset. */
const char *cg_tracker_nullify (const char *text);

gboolean cg_tracker_is_blank (const char *text);

gboolean cg_tracker_check_utf8 (const char  *text,
                                GError     **error);

/* A key to compare names by: stripped, normalised and case-folded. */
char *cg_tracker_fold_key (const char *text);

char *cg_tracker_dup_today (const char *today);

gboolean cg_tracker_check_today (const char  *today,
                                 GError     **error);

/* One row of application_history. */
gboolean cg_tracker_add_history (sqlite3     *db,
                                 gint64       application,
                                 const char  *field,
                                 const char  *old_value,
                                 const char  *new_value,
                                 GError     **error);

gboolean cg_tracker_touch (sqlite3     *db,
                           gint64       application,
                           GError     **error);

gboolean cg_tracker_application_exists (sqlite3     *db,
                                        gint64       id,
                                        GError     **error);


/* cg-tracker-stages.c */

/* Every stage, in board order, as Stage items. */
GPtrArray *cg_tracker_load_stages (sqlite3  *db,
                                   GError  **error);

Stage *cg_tracker_find_builtin (GPtrArray  *stages,
                                const char *builtin);

/* Stage names as the history has them -> Stage: the current names, then
 * the original names of the seeded stages (a history written before a
 * rename). @key_func makes the keys. */
GHashTable *cg_tracker_stage_name_map (GPtrArray *stages,
                                       char     *(*key_func) (const char *));

gint64 cg_tracker_insert_stage (sqlite3     *db,
                                const char  *name,
                                gboolean     closed,
                                GError     **error);


/* cg-tracker-applications.c */

char *cg_tracker_column_dup (sqlite3_stmt *stmt,
                             int           col);

gboolean cg_tracker_parts_reader_init (PartsReader  *r,
                                       sqlite3      *db,
                                       GError      **error);

/* Steps @stmt (with the application id bound) through its rows, calling
 * @read for each. */
gboolean cg_tracker_read_rows (sqlite3       *db,
                               sqlite3_stmt  *stmt,
                               gint64         id,
                               void         (*read) (sqlite3_stmt *, gpointer),
                               gpointer       data,
                               GError       **error);

void cg_tracker_read_tag (sqlite3_stmt *stmt,
                          gpointer      data);

GPtrArray *cg_tracker_read_history_of (sqlite3      *db,
                                       PartsReader  *r,
                                       gint64        id,
                                       GError      **error);

CgApplicationDetails *cg_tracker_read_application (sqlite3  *db,
                                                   gint64    id,
                                                   GError  **error);

GPtrArray *cg_tracker_read_applications (sqlite3                *db,
                                         const CgTrackerFilter  *filter,
                                         GError                **error);

gboolean cg_tracker_parse_excitement (const char *text,
                                      int        *value);

void cg_tracker_parts_reader_clear (PartsReader *r);


/* cg-tracker-parts.c */

char *cg_tracker_join_tags (const char *const *tags);

gboolean cg_tracker_link_tag (sqlite3     *db,
                              gint64       id,
                              const char  *tag,
                              GError     **error);

gboolean cg_tracker_forget_unused_tags (sqlite3  *db,
                                        GError  **error);

/* @tags cleaned: stripped, without empty ones and duplicates in any case;
 * NULL (and an error) if one has a ';' or a line break. */
GStrv cg_tracker_clean_tags (const char *const  *tags,
                             GError            **error);

/* "Ana Lima (Recruiter) <ana@example.org> +1 555 0100: notes", one line. */
char *cg_tracker_contact_summary (const CgTrackerContact *c);

/* "2026-05-12T14:00 Phone screen: notes", one line. */
char *cg_tracker_interview_summary (const CgTrackerInterview *i);

void cg_tracker_bind_contact (sqlite3_stmt           *stmt,
                              int                     first,
                              const CgTrackerContact *c);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PartsReader, cg_tracker_parts_reader_clear)

G_END_DECLS
