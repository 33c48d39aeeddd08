/* cg-labels.c: the words the interface uses for stored values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-labels"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cg-labels.h"

const char * const cg_employment_types[] = {
  "full_time", "part_time", "contractor", "temporary", "intern", NULL
};

const char *
cg_arrangement_label (const char *arrangement)
{
  if (g_strcmp0 (arrangement, "onsite") == 0)
    return _("On-site");
  if (g_strcmp0 (arrangement, "hybrid") == 0)
    return _("Hybrid");
  if (g_strcmp0 (arrangement, "remote") == 0)
    return _("Remote");
  return NULL;
}

const char *
cg_employment_type_label (const char *type)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "full_time", N_("Full time") }, { "part_time", N_("Part time") },
    { "contractor", N_("Contract") }, { "temporary", N_("Temporary") },
    { "intern", N_("Internship") }, { "per_diem", N_("Per diem") },
    { "volunteer", N_("Volunteer") }, { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].key, type) == 0)
      return _(labels[i].label);

  return type;
}

/* A market figure's category: an arrangement or an employment type. */
const char *
cg_category_label (const char *category)
{
  const char *label = cg_arrangement_label (category);

  return label ? label : cg_employment_type_label (category);
}

/* "Today", "Yesterday", "3 days ago", "2 weeks ago", "5 months ago", or
 * NULL when @iso_date is not a date. */
char *
cg_relative_date (const char *iso_date,
                  GDateTime  *now)
{
  int y, m, d;
  GDate date, today;
  int days;

  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d", &y, &m, &d) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return NULL;

  g_date_set_dmy (&date, d, m, y);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  days = g_date_days_between (&date, &today);

  if (days < 0)
    return g_strdup (iso_date);
  if (days == 0)
    return g_strdup (_("Today"));
  if (days == 1)
    return g_strdup (_("Yesterday"));
  if (days < 14)
    return g_strdup_printf (ngettext ("%d day ago", "%d days ago", days), days);
  if (days < 60)
    return g_strdup_printf (ngettext ("%d week ago", "%d weeks ago", days / 7), days / 7);
  if (days < 730)
    return g_strdup_printf (ngettext ("%d month ago", "%d months ago", days / 30), days / 30);
  return g_strdup_printf (ngettext ("%d year ago", "%d years ago", days / 365), days / 365);
}

/* @n with the locale's digit grouping ("1,204"), for messages such as
 * ngettext ("%s posting", "%s postings", n). */
char *
cg_format_number (guint64 n)
{
  return g_strdup_printf ("%'" G_GUINT64_FORMAT, n);
}
