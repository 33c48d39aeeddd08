/* cg-job-query.c: what the job list shows: search text, filters, sort
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A query becomes one SELECT of posting ids, with every value the user
 * typed bound as a parameter. Search text reaches FTS5 only as quoted
 * tokens (the last one a prefix), so "C++ AND (" is a search for "c" and
 * "and", never a syntax error.
 */
#define G_LOG_DOMAIN "cg-job-query"

#include "config.h"

#include <string.h>

#include "cg-job-query.h"
#include "cg-stats.h"

G_DEFINE_BOXED_TYPE (CgJobQuery, cg_job_query, cg_job_query_copy, cg_job_query_free)

CgJobQuery *
cg_job_query_new (void)
{
  return g_new0 (CgJobQuery, 1);
}

CgJobQuery *
cg_job_query_copy (const CgJobQuery *query)
{
  CgJobQuery *copy = g_memdup2 (query, sizeof *query);

  copy->text = g_strdup (query->text);
  copy->employment_type = g_strdup (query->employment_type);
  copy->location = g_strdup (query->location);
  copy->role = g_strdup (query->role);
  copy->region = g_strdup (query->region);
  copy->pay_currency = g_strdup (query->pay_currency);
  copy->posted_month = g_strdup (query->posted_month);
  return copy;
}

void
cg_job_query_free (CgJobQuery *query)
{
  if (query == NULL)
    return;

  g_free (query->text);
  g_free (query->employment_type);
  g_free (query->location);
  g_free (query->role);
  g_free (query->region);
  g_free (query->pay_currency);
  g_free (query->posted_month);
  g_free (query);
}

gboolean
cg_job_query_equal (const CgJobQuery *a,
                    const CgJobQuery *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_strcmp0 (a->text, b->text) == 0 &&
         a->arrangements == b->arrangements &&
         g_strcmp0 (a->employment_type, b->employment_type) == 0 &&
         a->min_annual_pay == b->min_annual_pay &&
         g_strcmp0 (a->location, b->location) == 0 &&
         g_strcmp0 (a->role, b->role) == 0 &&
         a->hide_expired == b->hide_expired &&
         a->sort == b->sort &&
         g_strcmp0 (a->region, b->region) == 0 &&
         g_strcmp0 (a->pay_currency, b->pay_currency) == 0 &&
         a->pay_from == b->pay_from &&
         a->pay_to == b->pay_to &&
         g_strcmp0 (a->posted_month, b->posted_month) == 0;
}

/* Search text to an FTS5 query: words (letters and digits; anything else
 * separates them) as quoted strings, the last one a prefix. NULL when
 * there is no word to search for. */
char *
cg_fts_query_from_text (const char *text)
{
  g_autofree char *valid = NULL;
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) word = NULL;
  guint n_words = 0;

  if (text == NULL)
    return NULL;

  valid = g_utf8_make_valid (text, -1);
  out = g_string_new (NULL);
  word = g_string_new (NULL);

  for (const char *p = valid;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != 0 && g_unichar_isalnum (c))
        {
          g_string_append_unichar (word, c);
          continue;
        }

      if (word->len > 0)
        {
          /* a word holds no quote, so no escaping is needed */
          if (n_words++ > 0)
            g_string_append_c (out, ' ');
          g_string_append_printf (out, "\"%s\"", word->str);
          g_string_truncate (word, 0);

          /* a very long paste is cut, not an error */
          if (n_words >= 32)
            break;
        }

      if (c == 0)
        break;
    }

  if (n_words == 0)
    return NULL;

  g_string_append_c (out, '*');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Adds a text parameter; text that is not UTF-8 is repaired first. */
static void
add_text_param (GPtrArray  *params,
                const char *text)
{
  g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_take_string (g_utf8_make_valid (text, -1))));
}

/* LIKE pattern matching @text anywhere, with % _ and \ taken literally. */
static char *
like_pattern (const char *text)
{
  GString *out = g_string_new ("%");

  for (const char *p = text; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }

  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

/* The SQL that selects the ids of the matching postings in order; @params
 * receives the values to bind (GVariant strings and doubles, in order).
 * @today (YYYY-MM-DD) decides which postings have expired. */
char *
cg_job_query_build_sql (const CgJobQuery *query,
                        const char       *today,
                        GPtrArray        *params)
{
  g_autoptr(GString) sql = g_string_new ("SELECT j.id FROM jobs j");
  g_autofree char *match = cg_fts_query_from_text (query->text);
  CgJobSort sort = query->sort;

  g_return_val_if_fail (params != NULL, NULL);

  if (match != NULL)
    g_string_append (sql, " JOIN jobs_fts ON jobs_fts.rowid = j.id");
  g_string_append (sql, " WHERE 1");

  if (match != NULL)
    {
      g_string_append (sql, " AND jobs_fts MATCH ?");
      add_text_param (params, match);
    }

  if (query->arrangements != 0 &&
      query->arrangements != (CG_ARRANGEMENT_ONSITE | CG_ARRANGEMENT_HYBRID | CG_ARRANGEMENT_REMOTE))
    {
      static const char *names[] = { "onsite", "hybrid", "remote" };
      gboolean first = TRUE;

      g_string_append (sql, " AND j.arrangement IN (");
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (query->arrangements & (1u << i))
          {
            g_string_append_printf (sql, "%s'%s'", first ? "" : ", ", names[i]);
            first = FALSE;
          }
      g_string_append (sql, ")");
    }

  if (query->employment_type != NULL)
    {
      g_string_append (sql, " AND j.employment_type = ?");
      add_text_param (params, query->employment_type);
    }

  if (query->min_annual_pay > 0)
    {
      g_string_append (sql, " AND coalesce(j.pay_annual_max, j.pay_annual_min) >= ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (query->min_annual_pay)));
    }

  if (query->location != NULL && *query->location != '\0')
    {
      g_autofree char *pattern = like_pattern (query->location);

      g_string_append (sql, " AND j.locations LIKE ? ESCAPE '\\'");
      add_text_param (params, pattern);
    }

  if (query->role != NULL)
    {
      g_string_append (sql, " AND j.role = ?");
      add_text_param (params, query->role);
    }

  /* the same matching as the Market page's figures (cg-stats.c) */
  if (query->region != NULL && *query->region != '\0')
    {
      const char *code, *name;

      if (cg_stats_find_state (query->region, &code, &name))
        {
          g_string_append (sql, " AND (j.region = ? COLLATE NOCASE OR j.region = ? COLLATE NOCASE)");
          add_text_param (params, code);
          add_text_param (params, name);
        }
      else
        {
          g_autofree char *pattern = like_pattern (query->region);

          g_string_append (sql, " AND (j.region = ? COLLATE NOCASE OR j.locations LIKE ? ESCAPE '\\')");
          add_text_param (params, query->region);
          add_text_param (params, pattern);
        }
    }

  if (query->pay_to > 0)
    {
      g_string_append (sql, " AND (j.pay_annual_min IS NOT NULL OR j.pay_annual_max IS NOT NULL)"
                            " AND (coalesce (j.pay_annual_min, j.pay_annual_max)"
                            " + coalesce (j.pay_annual_max, j.pay_annual_min)) / 2.0 BETWEEN ? AND ?"
                            " AND coalesce (j.pay_currency, '') = ?");
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (query->pay_from)));
      g_ptr_array_add (params, g_variant_ref_sink (g_variant_new_double (query->pay_to)));
      add_text_param (params, query->pay_currency != NULL ? query->pay_currency : "");
    }

  if (query->posted_month != NULL && *query->posted_month != '\0')
    {
      g_string_append (sql, " AND substr (j.date_posted, 1, 7) = ?");
      add_text_param (params, query->posted_month);
    }

  if (query->hide_expired)
    {
      g_string_append (sql, " AND j.expired = 0 AND (j.valid_through IS NULL OR j.valid_through >= ?)");
      add_text_param (params, today);
    }

  if (sort == CG_JOB_SORT_RELEVANCE && match == NULL)
    sort = CG_JOB_SORT_NEWEST;

  switch (sort)
    {
    case CG_JOB_SORT_RELEVANCE:
      g_string_append (sql, " ORDER BY jobs_fts.rank, j.id");
      break;
    case CG_JOB_SORT_NEWEST:
      g_string_append (sql, " ORDER BY j.date_posted DESC, j.id");
      break;
    case CG_JOB_SORT_PAY:
      g_string_append (sql, " ORDER BY j.pay_annual_max DESC, j.id");
      break;
    case CG_JOB_SORT_TITLE:
      g_string_append (sql, " ORDER BY j.title COLLATE NOCASE, j.id");
      break;
    case CG_JOB_SORT_COMPANY:
      g_string_append (sql, " ORDER BY j.company COLLATE NOCASE, j.id");
      break;
    default:
      g_assert_not_reached ();
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}
