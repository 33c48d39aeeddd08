/* cg-date.h: the one parser of dates and times written as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every caller (the tracker, its CSV import, the postings import, the
 * application editor) names the forms it accepts; the forms are read one
 * way and every date is checked by one range rule (cg_date_valid_dmy()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one range rule: years CG_DATE_MIN_YEAR to CG_DATE_MAX_YEAR, and a
 * day that exists in its month. */
#define CG_DATE_MIN_YEAR 1900
#define CG_DATE_MAX_YEAR 2999

typedef enum {
  /* "2023-03-24", exactly */
  CG_DATE_ISO            = 1 << 0,
  /* an ISO date followed by a time: "2023-03-24T16:11", ":05", a fraction,
   * "Z" or an offset ("+02:00", "-0500"); a space or "t" may stand for the
   * T ("2022-02-26 19:17:05") */
  CG_DATE_ISO_TIME       = 1 << 1,
  /* "24.03.2023" (day first) */
  CG_DATE_DMY_DOTS       = 1 << 2,
  /* "3/24/2023" and "3/24/23" (month first; a two-digit year is 1970 to
   * 2069) */
  CG_DATE_MDY_SLASHES    = 1 << 3,
  /* "24 Mar 2023", "24 March 2023", "24-Mar-2023", "Fri, 24 Mar 2023" */
  CG_DATE_DAY_MONTH_NAME = 1 << 4,
  /* "March 24, 2023", "Mar 24 2023", "Mar 24th, 2023" */
  CG_DATE_MONTH_NAME_DAY = 1 << 5,
  /* a Unix time: 10 digits of seconds or 13 of milliseconds, read in UTC */
  CG_DATE_UNIX           = 1 << 6,
  /* the forms other than ISO and Unix may be followed by a time: " 16:11",
   * " 16:11:05", ", 4:11 PM", " 4:11pm" */
  CG_DATE_WITH_TIME      = 1 << 7,
} CgDateForms;

/* What people's tools write in a spreadsheet: every form but Unix times. */
#define CG_DATE_HUMAN (CG_DATE_ISO | CG_DATE_ISO_TIME | CG_DATE_DMY_DOTS | \
                       CG_DATE_MDY_SLASHES | CG_DATE_DAY_MONTH_NAME | \
                       CG_DATE_MONTH_NAME_DAY | CG_DATE_WITH_TIME)
#define CG_DATE_ALL   (CG_DATE_HUMAN | CG_DATE_UNIX)

typedef struct {
  int      year;
  int      month;        /* 1 to 12 */
  int      day;          /* 1 to 31 */
  gboolean has_time;
  gboolean has_seconds;
  gboolean has_zone;     /* the text named a zone ("Z", "+02:00"); the date and
                          * time are as written, not converted */
  int      hour;         /* 0 to 23 */
  int      minute;
  int      second;
} CgDate;

gboolean cg_date_valid_dmy  (int            day,
                             int            month,
                             int            year);
/* Reads @text (surrounding white space ignored) in one of @forms. */
gboolean cg_date_parse      (const char    *text,
                             CgDateForms    forms,
                             CgDate        *out);
/* "YYYY-MM-DD" of @text read in one of @forms, or NULL. */
char    *cg_date_to_iso     (const char    *text,
                             CgDateForms    forms);
/* Whether @text is exactly a real date "YYYY-MM-DD". */
gboolean cg_date_is_iso     (const char    *text);
/* "YYYY-MM-DD" */
char    *cg_date_format     (const CgDate  *date);
/* "YYYY-MM-DDTHH:MM" (with ":SS" when it has seconds), or the date alone
 * when it has no time. */
char    *cg_date_format_time (const CgDate *date);
/* @date as a GDate (valid, as cg_date_parse() checked it). */
void     cg_date_to_gdate   (const CgDate  *date,
                             GDate         *out);

G_END_DECLS
