/* cg-compare.c: roles side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The comparison of a few roles: one column per role, one row per aspect
 * (data/content/aspects.yaml), the summary first, then the figures computed
 * from the open postings (cg-stats.c): openings, pay, arrangements,
 * employment types and places. The written rows are a few primary-key
 * reads; the live rows scan postings, so the Compare page computes them on
 * a worker thread (cg_compare_compute_figures()) and adds them when they
 * are ready (cg_comparison_set_figures()).
 *
 * The same comparison becomes the Compare page, a Markdown or CSV export,
 * and the HTML table of a ```compare block in a guide, so a guide's table
 * is always the one the database holds.
 */
#define G_LOG_DOMAIN "cg-compare"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "cg-compare.h"
#include "cg-db.h"
#include "cg-library-worker.h"
#include "cg-pay.h"

struct _CgComparison
{
  GPtrArray *slugs;     /* of char *, NULL-terminated */
  GPtrArray *names;     /* of char * */
  GPtrArray *rows;      /* of CgCompareRow * */
  GPtrArray *figures;   /* of CgRoleFigures *, one per role, or NULL */
  char      *region;
  char      *today;
};

static void
row_free (CgCompareRow *row)
{
  g_free (row->key);
  g_free (row->label);
  g_strfreev (row->values);
  g_free (row);
}

static void
row_update_differs (CgCompareRow *row)
{
  row->differs = FALSE;
  for (guint i = 1; row->values[0] != NULL && row->values[i] != NULL; i++)
    if (g_strcmp0 (row->values[0], row->values[i]) != 0)
      row->differs = TRUE;
}

/* Takes @values (a GStrvBuilder's result). */
static void
add_row (CgComparison     *self,
         CgCompareRowKind  kind,
         const char       *key,
         const char       *label,
         char            **values)
{
  CgCompareRow *row = g_new0 (CgCompareRow, 1);

  row->kind = kind;
  row->key = g_strdup (key);
  row->label = g_strdup (label);
  row->values = values;
  row_update_differs (row);
  g_ptr_array_add (self->rows, row);
}

void
cg_comparison_free (CgComparison *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->slugs);
  g_ptr_array_unref (self->names);
  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_free (self->region);
  g_free (self->today);
  g_free (self);
}

/**
 * cg_comparison_new:
 * @roles: role slugs, in column order; unknown ones and repeats are left
 *   out, and only the first CG_COMPARE_MAX_ROLES count
 *
 * The written rows of the comparison: the summaries and every aspect that
 * at least one of the roles describes. Cheap enough for the main thread.
 *
 * Returns: (transfer full): the comparison, or NULL with @error set when
 *   none of @roles is known
 */
CgComparison *
cg_comparison_new (sqlite3             *db,
                   const char * const  *roles,
                   GError             **error)
{
  g_autoptr(CgComparison) self = g_new0 (CgComparison, 1);
  g_autoptr(GPtrArray) summaries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) role_stmt = NULL;
  g_autoptr(sqlite3_stmt) aspects = NULL;
  g_autoptr(sqlite3_stmt) value = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  self->slugs = g_ptr_array_new_with_free_func (g_free);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  role_stmt = cg_db_prepare (db, "SELECT name, summary FROM roles WHERE slug = ?", error);
  if (role_stmt == NULL)
    return NULL;

  for (guint i = 0; roles != NULL && roles[i] != NULL && self->names->len < CG_COMPARE_MAX_ROLES; i++)
    {
      gboolean repeat = FALSE;

      for (guint k = 0; k < self->slugs->len; k++)
        repeat |= g_strcmp0 (g_ptr_array_index (self->slugs, k), roles[i]) == 0;
      if (repeat)
        continue;

      cg_db_bind_text (role_stmt, 1, roles[i]);
      if (sqlite3_step (role_stmt) == SQLITE_ROW)
        {
          g_ptr_array_add (self->slugs, g_strdup (roles[i]));
          g_ptr_array_add (self->names, g_strdup (cg_db_column_text (role_stmt, 0)));
          g_ptr_array_add (summaries, g_strdup (cg_db_column_text (role_stmt, 1)));
        }
      sqlite3_reset (role_stmt);
    }
  g_ptr_array_add (self->slugs, NULL);

  if (self->names->len == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("None of these roles is known"));
      return NULL;
    }

  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

    for (guint i = 0; i < summaries->len; i++)
      {
        const char *summary = g_ptr_array_index (summaries, i);
        g_strv_builder_add (builder, summary ? summary : "");
      }
    add_row (self, CG_COMPARE_ROW_SUMMARY, "summary", _("Summary"), g_strv_builder_end (builder));
  }

  aspects = cg_db_prepare (db, "SELECT key, label FROM aspects ORDER BY position", error);
  value = aspects ? cg_db_prepare (db, "SELECT value FROM role_aspects WHERE role = ? AND aspect = ?",
                                   error) : NULL;
  if (value == NULL)
    return NULL;

  while ((rc = sqlite3_step (aspects)) == SQLITE_ROW)
    {
      const char *key = cg_db_column_text (aspects, 0);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      gboolean any = FALSE;

      for (guint i = 0; i < self->names->len; i++)
        {
          cg_db_bind_text (value, 1, g_ptr_array_index (self->slugs, i));
          cg_db_bind_text (value, 2, key);
          if (sqlite3_step (value) == SQLITE_ROW && cg_db_column_text (value, 0) != NULL)
            {
              g_strv_builder_add (builder, cg_db_column_text (value, 0));
              any = TRUE;
            }
          else
            g_strv_builder_add (builder, "");
          sqlite3_reset (value);
        }

      /* an aspect none of these roles describes has nothing to compare */
      if (any)
        add_row (self, CG_COMPARE_ROW_ASPECT, key, cg_db_column_text (aspects, 1),
                 g_strv_builder_end (builder));
    }

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, db, rc, _("Cannot read the roles’ aspects"));
      return NULL;
    }

  return g_steal_pointer (&self);
}

guint
cg_comparison_get_n_roles (const CgComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->names->len;
}

/* The role slugs, in column order, NULL-terminated. */
const char * const *
cg_comparison_get_slugs (const CgComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->slugs->pdata;
}

const char *
cg_comparison_get_role_name (const CgComparison *self,
                             guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->names->len, NULL);

  return g_ptr_array_index (self->names, index);
}

guint
cg_comparison_get_n_rows (const CgComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->rows->len;
}

const CgCompareRow *
cg_comparison_get_row (const CgComparison *self,
                       guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->rows->len, NULL);

  return g_ptr_array_index (self->rows, index);
}

const CgCompareRow *
cg_comparison_find_row (const CgComparison *self,
                        const char         *key)
{
  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const CgCompareRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->key, key) == 0)
        return row;
    }

  return NULL;
}

/**
 * cg_compare_compute_figures:
 * @roles: role slugs, NULL-terminated
 * @region: (nullable): see cg-stats.h
 * @today: (nullable): YYYY-MM-DD, or NULL for the local date
 *
 * The live figures of each role, read in one transaction so that they
 * agree with each other. This scans postings: call it on a worker thread
 * with a read-only connection of its own.
 *
 * Returns: (transfer full): a GPtrArray of CgRoleFigures, one per role, for
 *   cg_comparison_set_figures(); or NULL
 */
GPtrArray *
cg_compare_compute_figures (sqlite3             *db,
                            const char * const  *roles,
                            const char          *region,
                            const char          *today,
                            GError             **error)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) cg_role_figures_free);
  gboolean own_transaction;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (roles != NULL, NULL);

  own_transaction = sqlite3_get_autocommit (db) != 0;
  if (own_transaction && !cg_db_exec (db, "BEGIN", error))
    return NULL;

  for (guint i = 0; roles[i] != NULL; i++)
    {
      g_autoptr(CgRoleFigures) fig = g_new0 (CgRoleFigures, 1);

      if (!cg_stats_role_figures (db, roles[i], region, today, fig, error))
        {
          if (own_transaction)
            cg_db_exec (db, "ROLLBACK", NULL);
          return NULL;
        }
      g_ptr_array_add (figures, g_steal_pointer (&fig));
    }

  if (own_transaction)
    cg_db_exec (db, "COMMIT", NULL);

  return g_steal_pointer (&figures);
}

/* How the interface names a category of the figures. */
static const char *
category_label (const char *category)
{
  static const struct { const char *key; const char *label; } labels[] = {
    { "onsite", N_("On-site") }, { "hybrid", N_("Hybrid") }, { "remote", N_("Remote") },
    { "full_time", N_("Full time") }, { "part_time", N_("Part time") },
    { "contractor", N_("Contract") }, { "temporary", N_("Temporary") },
    { "intern", N_("Internship") }, { "per_diem", N_("Per diem") },
    { "volunteer", N_("Volunteer") }, { "other", N_("Other") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].key, category) == 0)
      return _(labels[i].label);

  return category;
}

static char *
format_pay (const char *currency,
            double      min,
            double      max)
{
  CgPay pay = { 0 };

  pay.min = min;
  pay.max = max;
  pay.has_min = pay.has_max = TRUE;
  pay.unit = CG_PAY_UNIT_UNKNOWN;
  g_strlcpy (pay.currency, currency, sizeof pay.currency);
  return cg_pay_format (&pay);
}

/* "On-site 60% (3)" a line; "" when @total is 0. */
static char *
format_counts (GArray   *counts,
               guint     total,
               gboolean  categories)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (total == 0 || counts == NULL)
    return g_strdup ("");

  for (guint i = 0; i < counts->len; i++)
    {
      const CgStatsCount *item = &g_array_index (counts, CgStatsCount, i);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (categories)
        /* Translators: a share of postings, e.g. "On-site 60% (3)" */
        g_string_append_printf (out, _("%s %.0f%% (%u)"), category_label (item->key),
                                item->percent, item->count);
      else
        /* Translators: a place and its number of postings, e.g. "Miami, FL (3)" */
        g_string_append_printf (out, _("%s (%u)"), item->key, item->count);
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
remove_live_rows (CgComparison *self)
{
  for (guint i = self->rows->len; i > 0; i--)
    if (((CgCompareRow *) g_ptr_array_index (self->rows, i - 1))->kind == CG_COMPARE_ROW_LIVE)
      g_ptr_array_remove_index (self->rows, i - 1);
}

/**
 * cg_comparison_set_figures:
 * @figures: (transfer full): from cg_compare_compute_figures() for
 *   cg_comparison_get_slugs(), one per role
 * @region: (nullable): the region they were computed for
 * @today: (nullable): the date they were computed for
 *
 * Adds (or replaces) the live rows.
 */
void
cg_comparison_set_figures (CgComparison *self,
                           GPtrArray    *figures,
                           const char   *region,
                           const char   *today)
{
  static const struct { const char *key; const char *label; } live[] = {
    { "open_postings", N_("Open postings") },
    { "pay_range", N_("Yearly pay range") },
    { "pay_median", N_("Median yearly pay") },
    { "arrangement", N_("On-site, hybrid or remote") },
    { "employment_type", N_("Employment type") },
    { "locations", N_("Top locations") },
  };

  g_return_if_fail (self != NULL);
  g_return_if_fail (figures != NULL);
  g_return_if_fail (figures->len == self->names->len);

  remove_live_rows (self);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  self->figures = figures;
  g_free (self->region);
  self->region = g_strdup (region);
  g_free (self->today);
  self->today = g_strdup (today);

  for (guint r = 0; r < G_N_ELEMENTS (live); r++)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; i < figures->len; i++)
        {
          const CgRoleFigures *fig = g_ptr_array_index (figures, i);
          g_autofree char *text = NULL;

          switch (r)
            {
            case 0:
              text = g_strdup_printf ("%u", fig->n_open);
              break;
            case 1:
              text = fig->pay.has_pay ? format_pay (fig->pay.currency, fig->pay.min, fig->pay.max) : NULL;
              break;
            case 2:
              if (fig->pay.has_pay)
                {
                  g_autofree char *median = format_pay (fig->pay.currency, fig->pay.median,
                                                        fig->pay.median);
                  /* Translators: the median pay and how many postings it is from,
                   * e.g. "$106.8K, from 4 postings with pay" */
                  text = g_strdup_printf (ngettext ("%s, from %u posting with pay",
                                                    "%s, from %u postings with pay",
                                                    fig->pay.count),
                                          median, fig->pay.count);
                }
              break;
            case 3:
              text = format_counts (fig->arrangements, fig->n_arrangement, TRUE);
              break;
            case 4:
              text = format_counts (fig->employment_types, fig->n_employment_type, TRUE);
              break;
            case 5:
              text = format_counts (fig->locations, fig->n_location, FALSE);
              break;
            default:
              g_assert_not_reached ();
            }

          g_strv_builder_add (builder, text ? text : "");
        }

      add_row (self, CG_COMPARE_ROW_LIVE, live[r].key, _(live[r].label), g_strv_builder_end (builder));
    }
}

gboolean
cg_comparison_has_figures (const CgComparison *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->figures != NULL;
}

const CgRoleFigures *
cg_comparison_get_figures (const CgComparison *self,
                           guint               index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->figures == NULL || index >= self->figures->len)
    return NULL;

  return g_ptr_array_index (self->figures, index);
}

/* A sentence saying what the live rows count, or NULL without them. */
char *
cg_comparison_dup_figures_note (const CgComparison *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->figures == NULL)
    return NULL;

  if (self->region != NULL && *self->region != '\0')
    /* Translators: the first %s is a date (2026-06-01), the second a region (FL) */
    return g_strdup_printf (_("Figures from the postings open on %s, in %s."),
                            self->today ? self->today : "", self->region);

  /* Translators: %s is a date (2026-06-01) */
  return g_strdup_printf (_("Figures from the postings open on %s, all regions."),
                          self->today ? self->today : "");
}

static gboolean
row_shown (const CgCompareRow *row,
           gboolean            only_differences)
{
  return !only_differences || row->differs;
}

/* Text for one line of a Markdown table cell: the lines of @text joined by
 * "; ", Markdown's own characters escaped, and "—" for nothing. */
static void
append_markdown_cell (GString    *out,
                      const char *text)
{
  if (text == NULL || *text == '\0')
    {
      g_string_append (out, "—");
      return;
    }

  for (const char *p = text; *p; p++)
    {
      if (*p == '\n')
        g_string_append (out, "; ");
      else if (*p == '\r')
        ;
      else
        {
          if (strchr ("\\`*_[]<>|#", *p) != NULL)
            g_string_append_c (out, '\\');
          g_string_append_c (out, *p);
        }
    }
}

/**
 * cg_compare_export_markdown:
 * @only_differences: leave out the rows whose values are all the same
 *
 * The comparison as a GFM pipe table (the first column names the aspect),
 * with a line after it saying what the figures count.
 *
 * Returns: (transfer full): the Markdown text
 */
char *
cg_compare_export_markdown (const CgComparison *self,
                            gboolean            only_differences)
{
  g_autoptr(GString) out = g_string_new ("| ");
  g_autofree char *note = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  append_markdown_cell (out, _("Aspect"));
  for (guint i = 0; i < self->names->len; i++)
    {
      g_string_append (out, " | ");
      append_markdown_cell (out, g_ptr_array_index (self->names, i));
    }
  g_string_append (out, " |\n|");
  for (guint i = 0; i <= self->names->len; i++)
    g_string_append (out, " --- |");
  g_string_append_c (out, '\n');

  for (guint r = 0; r < self->rows->len; r++)
    {
      const CgCompareRow *row = g_ptr_array_index (self->rows, r);

      if (!row_shown (row, only_differences))
        continue;

      g_string_append (out, "| ");
      append_markdown_cell (out, row->label);
      for (guint i = 0; row->values[i] != NULL; i++)
        {
          g_string_append (out, " | ");
          append_markdown_cell (out, row->values[i]);
        }
      g_string_append (out, " |\n");
    }

  note = cg_comparison_dup_figures_note (self);
  if (note != NULL)
    {
      g_string_append (out, "\n*");
      append_markdown_cell (out, note);
      g_string_append (out, "*\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* One CSV field, quoted by libcsv (RFC 4180: in double quotes, with the
 * quotes in it doubled); the lines of a value joined by "; ". */
static void
append_csv_field (GString    *out,
                  const char *text,
                  gboolean    first)
{
  g_autofree char *joined = NULL;
  g_autofree char *field = NULL;
  size_t length, needed;

  if (!first)
    g_string_append_c (out, ',');

  if (text != NULL && strchr (text, '\n') != NULL)
    {
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      joined = g_strjoinv ("; ", lines);
      text = joined;
    }

  length = text ? strlen (text) : 0;
  needed = csv_write (NULL, 0, text ? text : "", length);
  field = g_malloc (needed + 1);
  csv_write (field, needed + 1, text ? text : "", length);
  g_string_append_len (out, field, needed);
}

/**
 * cg_compare_export_csv:
 * @only_differences: leave out the rows whose values are all the same
 *
 * The comparison as CSV (RFC 4180: every field quoted, rows ending in
 * CRLF), a header row of the role names, then one row per aspect. A role
 * without a value has an empty field.
 *
 * Returns: (transfer full): the CSV text
 */
char *
cg_compare_export_csv (const CgComparison *self,
                       gboolean            only_differences)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  append_csv_field (out, _("Aspect"), TRUE);
  for (guint i = 0; i < self->names->len; i++)
    append_csv_field (out, g_ptr_array_index (self->names, i), FALSE);
  g_string_append (out, "\r\n");

  for (guint r = 0; r < self->rows->len; r++)
    {
      const CgCompareRow *row = g_ptr_array_index (self->rows, r);

      if (!row_shown (row, only_differences))
        continue;

      append_csv_field (out, row->label, TRUE);
      for (guint i = 0; row->values[i] != NULL; i++)
        append_csv_field (out, row->values[i], FALSE);
      g_string_append (out, "\r\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* @text escaped, its lines separated by <br>. */
static void
append_escaped_lines (GString    *out,
                      const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, "<br>");
      append_escaped (out, lines[i]);
    }
}

/**
 * cg_compare_export_html:
 *
 * The comparison as an HTML table (class "cg-compare"), every value
 * escaped: role names as column headers linking to role:SLUG, the aspects
 * as row headers, live rows with the class "cg-live", and a note after the
 * table saying what the figures count.
 *
 * Returns: (transfer full): the HTML
 */
char *
cg_compare_export_html (const CgComparison *self)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *note = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  g_string_append (out, "<table class=\"cg-compare\">\n<thead><tr><th></th>");
  for (guint i = 0; i < self->names->len; i++)
    {
      g_string_append (out, "<th scope=\"col\"><a href=\"role:");
      append_escaped (out, g_ptr_array_index (self->slugs, i));
      g_string_append (out, "\">");
      append_escaped (out, g_ptr_array_index (self->names, i));
      g_string_append (out, "</a></th>");
    }
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint r = 0; r < self->rows->len; r++)
    {
      const CgCompareRow *row = g_ptr_array_index (self->rows, r);

      g_string_append (out, row->kind == CG_COMPARE_ROW_LIVE ? "<tr class=\"cg-live\">" : "<tr>");
      g_string_append (out, "<th scope=\"row\">");
      append_escaped (out, row->label);
      g_string_append (out, "</th>");
      for (guint i = 0; row->values[i] != NULL; i++)
        {
          g_string_append (out, "<td>");
          if (row->kind == CG_COMPARE_ROW_LIVE && *row->values[i] == '\0')
            g_string_append (out, "—");
          else
            append_escaped_lines (out, row->values[i]);
          g_string_append (out, "</td>");
        }
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");

  note = cg_comparison_dup_figures_note (self);
  if (note != NULL)
    {
      g_string_append (out, "<p class=\"cg-compare-note\">");
      append_escaped (out, note);
      g_string_append (out, "</p>\n");
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * cg_compare_render_html:
 * @roles: role slugs, in column order; unknown slugs are left out
 *
 * The whole table for a guide, live rows included (the postings open
 * today, in every region), computed here and now on @db. That is quick for
 * a library of thousands of postings; for far more, compute the figures on
 * a worker thread (cg_compare_compute_figures()) and render with
 * cg_compare_export_html().
 *
 * Returns: (transfer full): the HTML, or NULL with @error set when none of
 *   @roles is known
 */
char *
cg_compare_render_html (sqlite3             *db,
                        const char * const  *roles,
                        GError             **error)
{
  g_autoptr(CgComparison) comparison = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) local_error = NULL;
  GPtrArray *figures;

  comparison = cg_comparison_new (db, roles, error);
  if (comparison == NULL)
    return NULL;

  figures = cg_compare_compute_figures (db, cg_comparison_get_slugs (comparison), NULL, today,
                                        &local_error);
  if (figures != NULL)
    cg_comparison_set_figures (comparison, figures, NULL, today);
  else
    /* the written rows are still worth showing */
    g_warning ("Cannot compute the figures of the comparison: %s", local_error->message);

  return cg_compare_export_html (comparison);
}

/* A CgMarkdownBlockFunc for ```compare blocks (@db is the sqlite3 *):
 * role slugs, one a line (or separated by spaces or commas). */
char *
cg_compare_block_cb (const char *info,
                     const char *content,
                     gpointer    db)
{
  g_auto(GStrv) words = g_strsplit_set (content ? content : "", " \t\r\n,", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) roles = NULL;

  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      g_strv_builder_add (builder, words[i]);
  roles = g_strv_builder_end (builder);

  return cg_compare_render_html (db, (const char * const *) roles, NULL);
}

/* cg_comparison_new() with the library's own connection: the written rows
 * come from small tables. */
CgComparison *
cg_comparison_new_for_library (CgLibrary           *library,
                               const char * const  *roles,
                               GError             **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);
  g_return_val_if_fail (cg_library_is_open (library), NULL);

  return cg_comparison_new (cg_library_get_db (library), roles, error);
}

typedef struct {
  char **roles;
  char  *region;
  char  *today;
} FiguresRequest;

static void
figures_request_free (FiguresRequest *request)
{
  g_strfreev (request->roles);
  g_free (request->region);
  g_free (request->today);
  g_free (request);
}

static void
figures_thread (GTask        *task,
                sqlite3      *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FiguresRequest *request = task_data;
  GError *error = NULL;
  GPtrArray *figures;

  figures = cg_compare_compute_figures (db, (const char * const *) request->roles,
                                        request->region, request->today, &error);
  if (figures == NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&error);
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
        }
      else
        g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, figures, (GDestroyNotify) g_ptr_array_unref);
}

/* cg_compare_compute_figures() on a worker thread with a connection of its
 * own: the figures scan the postings. The answer is delivered even when
 * @cancellable is cancelled meanwhile (as a G_IO_ERROR_CANCELLED error). */
void
cg_compare_compute_figures_async (CgLibrary           *library,
                                  const char * const  *roles,
                                  const char          *region,
                                  const char          *today,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FiguresRequest *request;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (roles != NULL);
  g_return_if_fail (today != NULL);

  request = g_new0 (FiguresRequest, 1);
  request->roles = g_strdupv ((char **) roles);
  request->region = g_strdup (region);
  request->today = g_strdup (today);

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_compare_compute_figures_async);
  g_task_set_task_data (task, request, (GDestroyNotify) figures_request_free);
  g_task_set_return_on_cancel (task, FALSE);
  cg_library_run_in_worker (library, task, figures_thread);
}

/* The figures (CgRoleFigures), one per role, in order. */
GPtrArray *
cg_compare_compute_figures_finish (CgLibrary     *library,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_compare_compute_figures_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
