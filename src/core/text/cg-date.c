/* cg-date.c: the one parser of dates and times written as text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small cursor over the stripped text reads each form; GLib checks the
 * calendar (g_date_valid_dmy()) and turns Unix times into dates
 * (GDateTime). The forms are tried by their first characters: four digits
 * and a dash are ISO, digits only a Unix time, a dot or a slash after one
 * or two digits the day-first and month-first forms, and a name of a month
 * (or a weekday before it) the forms with names.
 */
#define G_LOG_DOMAIN "cg-date"

#include "config.h"

#include <string.h>

#include "cg-date.h"

gboolean
cg_date_valid_dmy (int day,
                   int month,
                   int year)
{
  return year >= CG_DATE_MIN_YEAR && year <= CG_DATE_MAX_YEAR && month >= 1 && month <= 12 &&
         day >= 1 && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Reads @min to @max digits at *@p into @value (what follows is the
 * caller's to check). */
static gboolean
read_digits (const char **p,
             guint        min,
             guint        max,
             int         *value)
{
  guint n = 0;

  *value = 0;
  while (n < max && g_ascii_isdigit ((*p)[n]))
    {
      *value = *value * 10 + ((*p)[n] - '0');
      n++;
    }
  if (n < min)
    return FALSE;

  *p += n;
  return TRUE;
}

static gboolean
skip_char (const char **p,
           char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

static gboolean
skip_spaces (const char **p)
{
  const char *start = *p;

  while (**p == ' ' || **p == '\t')
    (*p)++;
  return *p > start;
}

/* "HH:MM", ":SS" and a fraction; @min_hour_digits is 2 in ISO. */
static gboolean
read_clock (const char **p,
            guint        min_hour_digits,
            CgDate      *out)
{
  int h, m, s = 0;

  if (!read_digits (p, min_hour_digits, 2, &h) || !skip_char (p, ':') || !read_digits (p, 2, 2, &m))
    return FALSE;

  out->has_seconds = FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, 2, &s) || s > 60)
        return FALSE;
      out->has_seconds = TRUE;
      if (**p == '.' || **p == ',')
        {
          const char *q = *p + 1;

          if (!g_ascii_isdigit (*q))
            return FALSE;
          while (g_ascii_isdigit (*q))
            q++;
          *p = q;
        }
    }

  if (h > 23 || m > 59)
    return FALSE;

  out->has_time = TRUE;
  out->hour = h;
  out->minute = m;
  out->second = MIN (s, 59);
  return TRUE;
}

/* "Z", "+02:00", "+0200" or "+02" */
static gboolean
read_zone (const char **p,
           CgDate      *out)
{
  int h, m = 0;

  if (**p == 'Z' || **p == 'z')
    {
      (*p)++;
      out->has_zone = TRUE;
      return TRUE;
    }
  if (**p != '+' && **p != '-')
    return TRUE;

  (*p)++;
  if (!read_digits (p, 2, 2, &h))
    return FALSE;
  if (**p == ':')
    {
      (*p)++;
      if (!read_digits (p, 2, 2, &m))
        return FALSE;
    }
  else if (g_ascii_isdigit (**p) && !read_digits (p, 2, 2, &m))
    return FALSE;
  if (h > 23 || m > 59)
    return FALSE;

  out->has_zone = TRUE;
  return TRUE;
}

/* A time after a date in the forms other than ISO: ", 4:11 PM", " 16:11",
 * " 16:11:05", " 4:11pm". */
static gboolean
read_trailing_time (const char **p,
                    CgDate      *out)
{
  const char *q = *p;

  skip_char (&q, ',');
  if (!skip_spaces (&q) || !read_clock (&q, 1, out))
    return FALSE;

  {
    const char *r = q;
    gboolean pm;

    skip_spaces (&r);
    if ((g_ascii_tolower (r[0]) == 'a' || g_ascii_tolower (r[0]) == 'p') &&
        g_ascii_tolower (r[1]) == 'm' && !g_ascii_isalnum (r[2]))
      {
        pm = g_ascii_tolower (r[0]) == 'p';
        if (out->hour < 1 || out->hour > 12)
          return FALSE;
        out->hour = out->hour % 12 + (pm ? 12 : 0);
        q = r + 2;
      }
  }

  *p = q;
  return TRUE;
}

static const char *const month_names[] = {
  "january", "february", "march", "april", "may", "june",
  "july", "august", "september", "october", "november", "december",
};

static const char *const weekday_names[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
};

/* The letters at *@p as an index into @names (matching a whole name, its
 * first three letters, or "sept"), with an optional dot after an
 * abbreviation; -1 when they name none. */
static int
read_name (const char         **p,
           const char *const   *names,
           guint                n_names)
{
  gsize n = 0;

  while (g_ascii_isalpha ((*p)[n]))
    n++;
  if (n < 3)
    return -1;

  for (guint i = 0; i < n_names; i++)
    {
      gboolean whole = n == strlen (names[i]);
      gboolean abbreviation = n == 3 || (n == 4 && g_ascii_strncasecmp (*p, "sept", 4) == 0);

      if ((whole || abbreviation) && g_ascii_strncasecmp (*p, names[i], n) == 0)
        {
          *p += n;
          if (!whole && **p == '.')
            (*p)++;
          return (int) i;
        }
    }

  return -1;
}

/* "1st", "2nd", "3rd", "24th": the suffix after a day */
static void
skip_ordinal (const char **p)
{
  static const char *const suffixes[] = { "st", "nd", "rd", "th" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    if (g_ascii_strncasecmp (*p, suffixes[i], 2) == 0 && !g_ascii_isalpha ((*p)[2]))
      {
        *p += 2;
        return;
      }
}

/* A separator inside a date with month names: spaces or one dash. */
static gboolean
skip_separator (const char **p)
{
  if (skip_char (p, '-'))
    return TRUE;
  return skip_spaces (p);
}

static gboolean
parse_iso (const char  *p,
           CgDateForms  forms,
           CgDate      *out)
{
  if (!read_digits (&p, 4, 4, &out->year) || !skip_char (&p, '-') ||
      !read_digits (&p, 2, 2, &out->month) || !skip_char (&p, '-') ||
      !read_digits (&p, 2, 2, &out->day))
    return FALSE;

  if (*p == '\0')
    return (forms & CG_DATE_ISO) != 0;

  if ((forms & CG_DATE_ISO_TIME) == 0 || (*p != 'T' && *p != 't' && *p != ' '))
    return FALSE;
  p++;
  return read_clock (&p, 2, out) && read_zone (&p, out) && *p == '\0';
}

static gboolean
parse_unix (const char *text,
            CgDate     *out)
{
  g_autoptr(GDateTime) datetime = NULL;
  gsize length = strlen (text);
  gint64 seconds;

  if (strspn (text, "0123456789") != length || (length != 10 && length != 13))
    return FALSE;

  seconds = g_ascii_strtoll (text, NULL, 10);
  if (length == 13)
    seconds /= 1000;
  datetime = g_date_time_new_from_unix_utc (seconds);
  if (datetime == NULL)
    return FALSE;

  g_date_time_get_ymd (datetime, &out->year, &out->month, &out->day);
  out->has_time = TRUE;
  out->has_seconds = TRUE;
  out->has_zone = TRUE;
  out->hour = g_date_time_get_hour (datetime);
  out->minute = g_date_time_get_minute (datetime);
  out->second = g_date_time_get_second (datetime);
  return TRUE;
}

/* The rest of the text after a date that is not ISO: nothing, or a time
 * when @forms allow it. */
static gboolean
parse_end (const char  *p,
           CgDateForms  forms,
           CgDate      *out)
{
  if (*p == '\0')
    return TRUE;
  return (forms & CG_DATE_WITH_TIME) != 0 && read_trailing_time (&p, out) && *p == '\0';
}

/* "24.03.2023" or "3/24/2023", "3/24/23" */
static gboolean
parse_numeric (const char  *p,
               CgDateForms  forms,
               CgDate      *out)
{
  int a, b;
  const char *year;
  char sep;

  if (!read_digits (&p, 1, 2, &a))
    return FALSE;
  sep = *p;
  if ((sep == '.' && (forms & CG_DATE_DMY_DOTS) == 0) ||
      (sep == '/' && (forms & CG_DATE_MDY_SLASHES) == 0) || (sep != '.' && sep != '/'))
    return FALSE;
  p++;
  if (!read_digits (&p, 1, 2, &b) || !skip_char (&p, sep))
    return FALSE;

  year = p;
  if (!read_digits (&p, 2, 4, &out->year) || (p - year != 2 && p - year != 4) ||
      (p - year == 2 && sep != '/'))
    return FALSE;
  if (p - year == 2)
    out->year += out->year < 70 ? 2000 : 1900;

  out->day = sep == '.' ? a : b;
  out->month = sep == '.' ? b : a;
  return parse_end (p, forms, out);
}

/* "24 Mar 2023", "Fri, 24 Mar 2023", "March 24, 2023", "Mar 24th 2023" */
static gboolean
parse_names (const char  *p,
             CgDateForms  forms,
             CgDate      *out)
{
  const char *q = p;
  int month;

  /* a weekday first, as in "Fri, 24 Mar 2023" */
  if (read_name (&q, weekday_names, G_N_ELEMENTS (weekday_names)) >= 0)
    {
      skip_char (&q, ',');
      skip_spaces (&q);
      p = q;
    }

  if (g_ascii_isdigit (*p))
    {
      if ((forms & CG_DATE_DAY_MONTH_NAME) == 0 || !read_digits (&p, 1, 2, &out->day))
        return FALSE;
      skip_ordinal (&p);
      if (!skip_separator (&p) ||
          (month = read_name (&p, month_names, G_N_ELEMENTS (month_names))) < 0)
        return FALSE;
      skip_char (&p, ',');
      if (!skip_separator (&p))
        return FALSE;
    }
  else
    {
      if ((forms & CG_DATE_MONTH_NAME_DAY) == 0 ||
          (month = read_name (&p, month_names, G_N_ELEMENTS (month_names))) < 0 ||
          !skip_separator (&p) || !read_digits (&p, 1, 2, &out->day))
        return FALSE;
      skip_ordinal (&p);
      skip_char (&p, ',');
      if (!skip_spaces (&p))
        return FALSE;
    }

  out->month = month + 1;
  return read_digits (&p, 4, 4, &out->year) && parse_end (p, forms, out);
}

gboolean
cg_date_parse (const char  *text,
               CgDateForms  forms,
               CgDate      *out)
{
  g_autofree char *copy = NULL;
  CgDate date = { 0, };
  const char *p;
  gboolean ok = FALSE;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  copy = g_strstrip (g_strdup (text));
  p = copy;

  if (strlen (p) >= 5 && strspn (p, "0123456789") == 4 && p[4] == '-')
    ok = (forms & (CG_DATE_ISO | CG_DATE_ISO_TIME)) != 0 && parse_iso (p, forms, &date);
  else if ((forms & CG_DATE_UNIX) != 0 && parse_unix (p, &date))
    ok = TRUE;
  else if (g_ascii_isdigit (*p) && (p[1] == '.' || p[1] == '/' ||
                                    (g_ascii_isdigit (p[1]) && (p[2] == '.' || p[2] == '/'))))
    ok = parse_numeric (p, forms, &date);
  else if (g_ascii_isalnum (*p))
    ok = (forms & (CG_DATE_DAY_MONTH_NAME | CG_DATE_MONTH_NAME_DAY)) != 0 &&
         parse_names (p, forms, &date);

  if (!ok || !cg_date_valid_dmy (date.day, date.month, date.year))
    return FALSE;

  *out = date;
  return TRUE;
}

char *
cg_date_format (const CgDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", date->year, date->month, date->day);
}

char *
cg_date_format_time (const CgDate *date)
{
  if (!date->has_time)
    return cg_date_format (date);
  if (date->has_seconds)
    return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d", date->year, date->month, date->day,
                            date->hour, date->minute, date->second);
  return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d", date->year, date->month, date->day,
                          date->hour, date->minute);
}

char *
cg_date_to_iso (const char  *text,
                CgDateForms  forms)
{
  CgDate date;

  if (!cg_date_parse (text, forms, &date))
    return NULL;
  return cg_date_format (&date);
}

gboolean
cg_date_is_iso (const char *text)
{
  CgDate date;

  /* exactly: no white space around it either */
  return text != NULL && strlen (text) == 10 && !g_ascii_isspace (text[0]) &&
         cg_date_parse (text, CG_DATE_ISO, &date);
}

void
cg_date_to_gdate (const CgDate *date,
                  GDate        *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, (GDateDay) date->day, (GDateMonth) date->month, (GDateYear) date->year);
}
