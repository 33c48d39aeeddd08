/* cg-tracker.h: the application tracker's repository (stages, applications,
 * their contacts, interviews, tags and history, reminders, statistics,
 * CSV/JSON export and CSV import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One header for the tracker's callers; the code is in one file per
 * concern (cg-tracker-stages.c, cg-tracker-applications.c, ..., see
 * cg-tracker.c).
 *
 * Plain functions over the library's connection. Every write is one
 * transaction, records what it changed in application_history (time, field,
 * old value, new value) and bumps the application's `updated` time. Failures
 * are GErrors: CG_TRACKER_ERROR for what the user can fix, CG_DB_ERROR for
 * the database itself.
 *
 * Dates are "YYYY-MM-DD", years 1900 to 2999 (cg-date.h). Interview times
 * are local "YYYY-MM-DDTHH:MM" (or with ":SS", or a date alone when the
 * hour is not known). History times are UTC, "YYYY-MM-DDTHH:MM:SSZ".
 */
#pragma once

#include <gio/gio.h>

#include "cg-library.h"
#include "cg-stage.h"

G_BEGIN_DECLS

#define CG_TRACKER_ERROR (cg_tracker_error_quark ())

typedef enum {
  CG_TRACKER_ERROR_INVALID,    /* a value that does not fit its field */
  CG_TRACKER_ERROR_NOT_FOUND,  /* no such application, stage, contact, ... */
  CG_TRACKER_ERROR_DUPLICATE,  /* the posting or company and title is already tracked */
  CG_TRACKER_ERROR_EXISTS,     /* a stage with that name exists */
  CG_TRACKER_ERROR_IN_USE,     /* the stage still has applications */
  CG_TRACKER_ERROR_PARSE,      /* an import file that cannot be read as CSV */
  CG_TRACKER_ERROR_ENCODING,   /* an import file that does not convert to UTF-8 */
} CgTrackerError;

GQuark cg_tracker_error_quark (void);

/* Stages ------------------------------------------------------------------ */

/* The stages in board order, as a list model of CgStage. */
GListModel *cg_tracker_list_stages      (CgLibrary   *library,
                                         GError     **error);
/* A new stage after the last one; its id, or 0. Names are unique, compared
 * without regard to case. */
gint64      cg_tracker_add_stage        (CgLibrary   *library,
                                         const char  *name,
                                         gboolean     closed,
                                         GError     **error);
gboolean    cg_tracker_rename_stage     (CgLibrary   *library,
                                         gint64       stage_id,
                                         const char  *name,
                                         GError     **error);
/* Moves the stage to @position (0 is the first; clamped), renumbering the
 * others so positions stay 0 .. n - 1. */
gboolean    cg_tracker_move_stage       (CgLibrary   *library,
                                         gint64       stage_id,
                                         guint        position,
                                         GError     **error);
/* A closed stage (Accepted, Rejected, ...) ends an application: no
 * reminders for it. */
gboolean    cg_tracker_set_stage_closed (CgLibrary   *library,
                                         gint64       stage_id,
                                         gboolean     closed,
                                         GError     **error);
/* Only an unused stage can go (CG_TRACKER_ERROR_IN_USE says how many
 * applications use it), and never the last one. */
gboolean    cg_tracker_delete_stage     (CgLibrary   *library,
                                         gint64       stage_id,
                                         GError     **error);

/* Applications ------------------------------------------------------------ */

typedef struct {
  gint64  id;
  char   *name;     /* never NULL */
  char   *role;
  char   *email;
  char   *phone;
  char   *notes;
} CgTrackerContact;

typedef struct {
  gint64  id;
  char   *time;     /* "YYYY-MM-DDTHH:MM", local time */
  char   *kind;     /* "Phone screen", "On site", ... */
  char   *notes;
} CgTrackerInterview;

/* Everything about one application. Text fields are NULL when empty. */
typedef struct {
  gint64      id;
  char       *job_key;           /* the posting it came from, or NULL */
  char       *title;             /* never NULL */
  char       *company;
  char       *location;
  char       *url;
  gint64      stage_id;
  char       *stage;             /* the stage's name */
  gboolean    stage_closed;
  char       *date_saved;
  char       *date_applied;
  char       *deadline;
  char       *follow_up;
  char       *pay_asked;
  char       *pay_offered;
  int         excitement;        /* 1 to 5, 0 when not rated */
  char       *resume_path;
  char       *cover_letter_path;
  char       *notes;             /* Markdown */
  gboolean    archived;
  char       *created;           /* UTC times */
  char       *updated;
  GPtrArray  *contacts;          /* CgTrackerContact, in the order added */
  GPtrArray  *interviews;        /* CgTrackerInterview, by time */
  GStrv       tags;              /* sorted, never NULL */
} CgApplicationDetails;

void cg_application_details_free (CgApplicationDetails *details);
void cg_tracker_contact_free     (CgTrackerContact     *contact);
void cg_tracker_interview_free   (CgTrackerInterview   *interview);

/* The application tracking the posting @job_key (when not NULL), else one
 * with the same company and title (compared without regard to case or
 * surrounding space), archived ones included; 0 when there is none. */
gint64   cg_tracker_find_duplicate    (CgLibrary   *library,
                                       const char  *job_key,
                                       const char  *company,
                                       const char  *title);

/* A free-form application in the first stage, saved today. @title is
 * required; the others may be NULL. Returns its id, or 0. Does not look for
 * duplicates: call cg_tracker_find_duplicate() first to offer the
 * existing one. */
gint64   cg_tracker_create            (CgLibrary   *library,
                                       const char  *title,
                                       const char  *company,
                                       const char  *location,
                                       const char  *url,
                                       GError     **error);
/* Tracks the posting @job_key: copies its title, company, first location,
 * link and deadline (valid through). When the posting, or its company and
 * title, is already tracked, fails with CG_TRACKER_ERROR_DUPLICATE and sets
 * @existing_id (may be NULL) to that application. */
gint64   cg_tracker_create_from_job   (CgLibrary   *library,
                                       const char  *job_key,
                                       gint64      *existing_id,
                                       GError     **error);

CgApplicationDetails *
         cg_tracker_get_application   (CgLibrary   *library,
                                       gint64       id,
                                       GError     **error);

/* Sets one field from text; "" and NULL clear it. The fields are: title
 * (required), company, location, url, date_saved, date_applied, deadline,
 * follow_up (dates "YYYY-MM-DD"), pay_asked, pay_offered, excitement ("0"
 * to "5"), resume_path, cover_letter_path, notes. Setting the value a field
 * already has changes nothing and records nothing. */
gboolean cg_tracker_set_field         (CgLibrary   *library,
                                       gint64       id,
                                       const char  *field,
                                       const char  *value,
                                       GError     **error);
/* Records field "stage" with the old and new stage names. Moving to the
 * Applied stage (the seeded one, whatever its name now) also sets
 * date_applied to today when it is empty. */
gboolean cg_tracker_set_stage         (CgLibrary   *library,
                                       gint64       id,
                                       gint64       stage_id,
                                       GError     **error);
gboolean cg_tracker_set_archived      (CgLibrary   *library,
                                       gint64       id,
                                       gboolean     archived,
                                       GError     **error);
/* Replaces the tags: each is stripped, empty ones dropped, duplicates
 * (any case) merged. A tag cannot contain ';' (the CSV separator). Tags
 * no application uses any more are forgotten. */
gboolean cg_tracker_set_tags          (CgLibrary          *library,
                                       gint64              id,
                                       const char *const  *tags,
                                       GError            **error);
/* Every tag in use, sorted, for completion. */
GStrv    cg_tracker_list_tags         (CgLibrary   *library,
                                       GError     **error);

/* Contacts and interviews; the id in the struct is ignored when adding and
 * names the row when updating. A contact needs a name, an interview a
 * time. Recorded in the history as fields "contact" and "interview" with a
 * one-line summary as value. */
gint64   cg_tracker_add_contact       (CgLibrary               *library,
                                       gint64                   application,
                                       const CgTrackerContact  *contact,
                                       GError                 **error);
gboolean cg_tracker_update_contact    (CgLibrary               *library,
                                       const CgTrackerContact  *contact,
                                       GError                 **error);
gboolean cg_tracker_remove_contact    (CgLibrary               *library,
                                       gint64                   contact_id,
                                       GError                 **error);
gint64   cg_tracker_add_interview     (CgLibrary                 *library,
                                       gint64                     application,
                                       const CgTrackerInterview  *interview,
                                       GError                   **error);
gboolean cg_tracker_update_interview  (CgLibrary                 *library,
                                       const CgTrackerInterview  *interview,
                                       GError                   **error);
gboolean cg_tracker_remove_interview  (CgLibrary                 *library,
                                       gint64                     interview_id,
                                       GError                   **error);

/* Applications matching a filter (NULL: all of them, archived included),
 * as CgApplicationDetails, by id. */
typedef struct {
  gint64      stage_id;          /* 0: any stage */
  const char *company;           /* a part of the company name, any case; NULL: any */
  const char *tag;               /* NULL: any */
  const char *date_from;         /* date_applied on or after; NULL: no bound */
  const char *date_to;           /* date_applied on or before; NULL: no bound */
  gboolean    include_archived;
} CgTrackerFilter;

GPtrArray *cg_tracker_list_applications (CgLibrary              *library,
                                         const CgTrackerFilter  *filter,
                                         GError                **error);

/* History ----------------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *time;       /* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
  char   *field;      /* "stage", "notes", "contact", "tags", ... */
  char   *old_value;  /* NULL when the field was empty or the row new */
  char   *new_value;
} CgTrackerHistoryEntry;

void       cg_tracker_history_entry_free (CgTrackerHistoryEntry *entry);
/* CgTrackerHistoryEntry items, oldest first. */
GPtrArray *cg_tracker_list_history       (CgLibrary   *library,
                                          gint64       id,
                                          GError     **error);

/* Delete with undo ---------------------------------------------------------- */

typedef struct _CgTrackerSnapshot CgTrackerSnapshot;

void     cg_tracker_snapshot_free   (CgTrackerSnapshot  *snapshot);
gint64   cg_tracker_snapshot_get_id (CgTrackerSnapshot  *snapshot);
/* Deletes the application with its contacts, interviews, tags and history
 * and returns all of it for cg_tracker_restore(), or NULL. */
CgTrackerSnapshot *
         cg_tracker_delete          (CgLibrary          *library,
                                     gint64              id,
                                     GError            **error);
/* Puts a deleted application back as it was, under the same id (a new one
 * only if that id has been taken since). Returns the id, or 0. */
gint64   cg_tracker_restore         (CgLibrary          *library,
                                     CgTrackerSnapshot  *snapshot,
                                     GError            **error);

/* Reminders --------------------------------------------------------------- */

typedef enum {
  CG_TRACKER_REMINDER_FOLLOW_UP,
  CG_TRACKER_REMINDER_INTERVIEW,
} CgTrackerReminderKind;

typedef struct {
  CgTrackerReminderKind  kind;
  gint64                 application;
  gint64                 interview;   /* the interview's id, 0 for a follow-up */
  char                  *title;
  char                  *company;
  char                  *when;        /* the follow-up date or interview time */
  gboolean               overdue;     /* before @today */
} CgTrackerReminder;

void       cg_tracker_reminder_free (CgTrackerReminder *reminder);
/* Follow-ups and interviews on or before @today ("YYYY-MM-DD"; NULL: the
 * local date) of applications that are neither archived nor in a closed
 * stage, as CgTrackerReminder items, earliest first. */
GPtrArray *cg_tracker_list_due      (CgLibrary   *library,
                                     const char  *today,
                                     GError     **error);
/* Their number, or -1 on error. */
gint64     cg_tracker_count_due     (CgLibrary   *library,
                                     const char  *today,
                                     GError     **error);

/* Statistics -------------------------------------------------------------- */

typedef struct {
  gint64   stage_id;
  char    *name;
  gboolean closed;
  guint    count;        /* applications in this stage now */
  guint    n_stays;      /* completed stays measured for the median */
  double   median_days;  /* median length of a completed stay; < 0 when none */
} CgTrackerStageStats;

typedef struct {
  char  *week;           /* ISO 8601 week, "2026-W19" */
  char  *monday;         /* its first day, "2026-05-04" */
  guint  count;          /* applications with date_applied in it */
} CgTrackerWeekStats;

typedef struct {
  guint      total;          /* every application, archived included */
  GPtrArray *stages;         /* CgTrackerStageStats, in board order */
  guint      applied;        /* the funnel, see cg-tracker-stats.c */
  guint      interviewing;
  guint      offer;
  guint      accepted;
  guint      responded;      /* applied and moved on, see cg-tracker-stats.c */
  double     response_rate;  /* responded / applied; 0 when none applied */
  GPtrArray *weeks;          /* CgTrackerWeekStats, oldest first; the last
                              * is the week of @today */
} CgTrackerStats;

void            cg_tracker_stats_free (CgTrackerStats *stats);
/* Statistics over every application, archived ones included, with
 * @n_weeks weeks of applications per week ending with the week of @today
 * (NULL: the local date). */
CgTrackerStats *cg_tracker_get_stats  (CgLibrary   *library,
                                       const char  *today,
                                       guint        n_weeks,
                                       GError     **error);

/* Export ------------------------------------------------------------------ */

/* CSV (RFC 4180, UTF-8, CRLF between rows): a header, then one row per
 * application with every field; tags joined with "; ", contacts and
 * interviews one per line in a cell, and the stage history as one cell
 * ("2026-05-01 Applied; 2026-05-09 Interviewing", UTC dates). A cell that
 * starts with = + - @, a tab or a carriage return gets a leading ' so that
 * spreadsheets do not run it as a formula. */
gboolean cg_tracker_export_csv  (CgLibrary              *library,
                                 const CgTrackerFilter  *filter,
                                 GOutputStream          *stream,
                                 GCancellable           *cancellable,
                                 GError                **error);
/* JSON: { "stages": [...], "applications": [...] } with every field, the
 * contacts, interviews, tags and the whole history of each application. */
gboolean cg_tracker_export_json (CgLibrary              *library,
                                 const CgTrackerFilter  *filter,
                                 GOutputStream          *stream,
                                 GCancellable           *cancellable,
                                 GError                **error);

/* Import ------------------------------------------------------------------ */

typedef struct {
  guint  line;      /* where the row starts in the file, from 1 */
  char  *message;
} CgTrackerImportProblem;

typedef struct {
  guint      imported;         /* applications added */
  GPtrArray *problems;         /* CgTrackerImportProblem: rows not imported */
  GPtrArray *new_stages;       /* names of the stages created */
  GPtrArray *ignored_columns;  /* headers of columns not imported */
} CgTrackerImportReport;

void     cg_tracker_import_report_clear (CgTrackerImportReport  *report);

/* Imports a CSV file exported by another tracker, in one transaction,
 * through cg-csv-reader.h: the delimiter (, ; or tab) is found, and the
 * file may be UTF-8 (with or without a BOM), UTF-16 with a BOM, or else
 * Latin-1. The columns are found by their header (see
 * cg-tracker-import.c for the names). Dates are read by cg_date_parse() in the forms people's tools
 * write (CG_DATE_HUMAN: ISO dates and date-times, DD.MM.YYYY, M/D/YYYY and
 * M/D/YY with an optional time, "24 Mar 2023", "March 24, 2023"). A '
 * before = + - @ or a tab that starts a cell (the formula defence of
 * spreadsheets and of our export) is dropped. Stage names are matched in
 * any case, also by the seeded stages' original names and a few other
 * trackers' names ("Interview", "Bookmarked", ...); unknown stages are
 * added after the last one, open. A row without a stage goes to Applied
 * when it has a date applied, else to the first stage. Rows with a problem
 * (no title, a bad date or excitement, already tracked) are skipped and
 * listed in @report with their line. Fails, importing nothing, when the
 * file cannot be read or converted (CG_TRACKER_ERROR_ENCODING), is not
 * valid CSV or has no title column. @report must be zero-filled; clear it
 * with cg_tracker_import_report_clear(). */
gboolean cg_tracker_import_csv  (CgLibrary              *library,
                                 const char             *path,
                                 CgTrackerImportReport  *report,
                                 GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgApplicationDetails, cg_application_details_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrackerContact, cg_tracker_contact_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrackerInterview, cg_tracker_interview_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrackerHistoryEntry, cg_tracker_history_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrackerSnapshot, cg_tracker_snapshot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrackerReminder, cg_tracker_reminder_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgTrackerStats, cg_tracker_stats_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CgTrackerImportReport, cg_tracker_import_report_clear)

G_END_DECLS
