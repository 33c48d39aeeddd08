/* cg-market.c: the market page's figures: published beside live, by role and region
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a role and a region (either may be "all"), the published market
 * figures (the figures table) and the same shares computed live from the
 * open postings, with pay, top locations, postings by month and pay by
 * role (all from cg-stats.h). They scan the postings, of which there may
 * be a million, so cg_market_compute_async() computes them all in one
 * task on a worker thread.
 *
 * Published figures: when none are published for the role and region
 * asked for, the nearest are found: the role in any region, then any role
 * in the region, then every published figure (cg_market_published_nearest()),
 * and the answer says which (CgMarketPublishedMatch).
 *
 * Regions: the postings name a region by its code (jobs.region, "FL"), a
 * published figure may name it in full ("Florida"). cg-stats.h matches the
 * two (a US state's code finds its name and the other way round), so the
 * regions offered are those of the postings, then those of the published
 * figures that no posting region finds (cg_market_list_regions()). The
 * same matching resolves a default region: "Florida" picks "FL" when
 * figures for Florida are found with "FL".
 */
#define G_LOG_DOMAIN "cg-market"

#include "config.h"

#include "cg-library-worker.h"
#include "cg-market.h"

static const char * const dimensions[CG_MARKET_N_DIMENSIONS] = { "employment_type", "work_arrangement" };

/* "employment_type", then "work_arrangement". */
const char *
cg_market_dimension (guint index)
{
  g_return_val_if_fail (index < CG_MARKET_N_DIMENSIONS, NULL);

  return dimensions[index];
}

void
cg_market_figures_free (CgMarketFigures *figures)
{
  if (figures == NULL)
    return;

  g_strfreev (figures->regions);
  g_free (figures->region);
  g_clear_pointer (&figures->published, g_array_unref);
  for (guint d = 0; d < CG_MARKET_N_DIMENSIONS; d++)
    g_clear_pointer (&figures->shares[d], g_array_unref);
  g_clear_pointer (&figures->pay, cg_pay_histogram_free);
  g_clear_pointer (&figures->locations, g_array_unref);
  g_clear_pointer (&figures->months, g_array_unref);
  g_clear_pointer (&figures->pay_by_role, g_array_unref);
  g_free (figures);
}

/* The regions of the postings, then those of the published figures that
 * none of them finds, in @regions; and @default_region, if not NULL,
 * resolved against them in @resolved (NULL when it names none). */
gboolean
cg_market_list_regions (sqlite3      *db,
                        const char   *default_region,
                        char       ***regions,
                        char        **resolved,
                        GError      **error)
{
  g_auto(GStrv) job_regions = NULL;
  g_autoptr(GHashTable) found = NULL;   /* lower-case figure region -> posting region */
  g_autoptr(GHashTable) listed = NULL;  /* lower-case region -> as listed */
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) figures = NULL;

  *regions = NULL;
  *resolved = NULL;
  job_regions = cg_stats_list_regions (db, error);
  if (job_regions == NULL)
    return FALSE;

  found = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; job_regions[i] != NULL; i++)
    {
      g_autoptr(GArray) matching = cg_stats_published_figures (db, NULL, job_regions[i], NULL, error);

      if (matching == NULL)
        return FALSE;
      g_strv_builder_add (builder, job_regions[i]);
      g_hash_table_insert (listed, g_ascii_strdown (job_regions[i], -1), g_strdup (job_regions[i]));
      for (guint k = 0; k < matching->len; k++)
        {
          const char *region = g_array_index (matching, CgPublishedFigure, k).region;

          if (region != NULL)
            g_hash_table_insert (found, g_ascii_strdown (region, -1), g_strdup (job_regions[i]));
        }
    }

  figures = cg_stats_published_figures (db, NULL, NULL, NULL, error);
  if (figures == NULL)
    return FALSE;
  for (guint k = 0; k < figures->len; k++)
    {
      const char *region = g_array_index (figures, CgPublishedFigure, k).region;
      g_autofree char *key = NULL;

      if (region == NULL || *region == '\0')
        continue;
      key = g_ascii_strdown (region, -1);
      if (g_hash_table_contains (found, key) || g_hash_table_contains (listed, key))
        continue;
      g_strv_builder_add (builder, region);
      g_hash_table_insert (listed, g_steal_pointer (&key), g_strdup (region));
    }

  *regions = g_strv_builder_end (builder);

  if (default_region != NULL)
    {
      g_autofree char *key = g_ascii_strdown (default_region, -1);
      const char *region = g_hash_table_lookup (listed, key);

      if (region == NULL)
        region = g_hash_table_lookup (found, key);
      *resolved = g_strdup (region);
    }

  return TRUE;
}

/* The published figures for @role and @region (either NULL: any), else
 * the nearest ones; @match says which were found. */
GArray *
cg_market_published_nearest (sqlite3                 *db,
                             const char              *role,
                             const char              *region,
                             CgMarketPublishedMatch  *match,
                             GError                 **error)
{
  const struct {
    gboolean                tried;
    const char             *role;
    const char             *region;
    CgMarketPublishedMatch  match;
  } tries[] = {
    { TRUE, role, region, CG_MARKET_PUBLISHED_EXACT },
    { role != NULL && region != NULL, role, NULL, CG_MARKET_PUBLISHED_ROLE },
    { role != NULL && region != NULL, NULL, region, CG_MARKET_PUBLISHED_REGION },
    { role != NULL || region != NULL, NULL, NULL, CG_MARKET_PUBLISHED_ANY },
  };
  GArray *figures = NULL;

  *match = CG_MARKET_PUBLISHED_EXACT;
  for (guint i = 0; i < G_N_ELEMENTS (tries); i++)
    {
      if (!tries[i].tried)
        continue;
      g_clear_pointer (&figures, g_array_unref);
      figures = cg_stats_published_figures (db, tries[i].role, tries[i].region, NULL, error);
      if (figures == NULL)
        return NULL;
      if (figures->len > 0)
        {
          *match = tries[i].match;
          return figures;
        }
    }

  return figures;
}

/* Everything the market shows for @role and @region (NULL: all) on
 * @today. With @list_regions, the regions are listed too, and
 * @default_region, if not NULL, resolved against them is the region the
 * figures are for (none when it names no region) instead of @region. */
CgMarketFigures *
cg_market_compute (sqlite3       *db,
                   const char    *role,
                   const char    *region,
                   const char    *today,
                   gboolean       list_regions,
                   const char    *default_region,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(CgMarketFigures) result = g_new0 (CgMarketFigures, 1);

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (today != NULL, NULL);

  if (list_regions)
    {
      g_autofree char *resolved = NULL;

      if (!cg_market_list_regions (db, default_region, &result->regions, &resolved, error))
        return NULL;
      result->region = default_region != NULL ? g_steal_pointer (&resolved) : g_strdup (region);
    }
  else
    result->region = g_strdup (region);
  region = result->region;

  result->published = cg_market_published_nearest (db, role, region, &result->published_match, error);
  if (result->published == NULL)
    return NULL;

  for (guint d = 0; d < CG_MARKET_N_DIMENSIONS; d++)
    {
      result->shares[d] = cg_stats_shares (db, dimensions[d], role, region, today,
                                           &result->shares_total[d], error);
      if (result->shares[d] == NULL)
        return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  result->pay = cg_stats_pay_histogram (db, role, region, today, CG_MARKET_PAY_BINS, error);
  if (result->pay == NULL)
    return NULL;

  result->locations = cg_stats_top_locations (db, role, region, today, CG_MARKET_TOP_LOCATIONS,
                                              &result->locations_total, error);
  if (result->locations == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  result->months = cg_stats_postings_by_month (db, role, region, error);
  if (result->months == NULL)
    return NULL;

  result->pay_by_role = cg_stats_pay_by_role (db, region, today, error);
  if (result->pay_by_role == NULL)
    return NULL;

  return g_steal_pointer (&result);
}

typedef struct {
  char     *role;
  char     *region;
  char     *today;
  gboolean  list_regions;
  char     *default_region;
} Request;

static void
request_free (Request *request)
{
  g_free (request->role);
  g_free (request->region);
  g_free (request->today);
  g_free (request->default_region);
  g_free (request);
}

static void
compute_thread (GTask        *task,
                sqlite3      *db,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  GError *error = NULL;
  CgMarketFigures *result;

  result = cg_market_compute (db, request->role, request->region, request->today,
                              request->list_regions, request->default_region, cancellable, &error);

  if (g_task_return_error_if_cancelled (task))
    {
      g_clear_error (&error);
      cg_market_figures_free (result);
      return;
    }
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) cg_market_figures_free);
}

/* cg_market_compute() on a worker thread with a connection of its own;
 * cancelling @cancellable stops it. */
void
cg_market_compute_async (CgLibrary           *library,
                         const char          *role,
                         const char          *region,
                         const char          *today,
                         gboolean             list_regions,
                         const char          *default_region,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (CG_IS_LIBRARY (library));
  g_return_if_fail (today != NULL);

  request = g_new0 (Request, 1);
  request->role = g_strdup (role);
  request->region = g_strdup (region);
  request->today = g_strdup (today);
  request->list_regions = list_regions;
  request->default_region = g_strdup (default_region);

  task = g_task_new (library, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_market_compute_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  cg_library_run_in_worker (library, task, compute_thread);
}

CgMarketFigures *
cg_market_compute_finish (CgLibrary     *library,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, library), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cg_market_compute_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Published figures, grouped */

static void
group_free (CgMarketGroup *group)
{
  g_ptr_array_unref (group->figures);
  g_free (group);
}

static gboolean
same_group (const CgPublishedFigure *a,
            const CgPublishedFigure *b)
{
  return g_strcmp0 (a->role, b->role) == 0 && g_strcmp0 (a->region, b->region) == 0 &&
         g_strcmp0 (a->date, b->date) == 0 && g_strcmp0 (a->source, b->source) == 0 &&
         g_strcmp0 (a->dimension, b->dimension) == 0;
}

/* The figures of @published (in their order: newest first) by source,
 * role, region, date and dimension (CgMarketGroup, pointing into
 * @published). Figures of a dimension the statistics do not know are left
 * out. */
GPtrArray *
cg_market_group_figures (GArray *published)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);

  for (guint i = 0; published != NULL && i < published->len; i++)
    {
      const CgPublishedFigure *figure = &g_array_index (published, CgPublishedFigure, i);
      CgMarketGroup *group = NULL;

      if (cg_stats_dimension_categories (figure->dimension) == NULL)
        continue;
      for (guint k = 0; k < groups->len && group == NULL; k++)
        if (same_group (((CgMarketGroup *) g_ptr_array_index (groups, k))->first, figure))
          group = g_ptr_array_index (groups, k);
      if (group == NULL)
        {
          group = g_new0 (CgMarketGroup, 1);
          group->first = figure;
          group->figures = g_ptr_array_new ();
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->figures, (gpointer) figure);
    }

  return groups;
}

/* The first (newest) group of @dimension, or NULL. */
CgMarketGroup *
cg_market_first_group (GPtrArray  *groups,
                       const char *dimension)
{
  for (guint k = 0; groups != NULL && k < groups->len; k++)
    {
      CgMarketGroup *group = g_ptr_array_index (groups, k);

      if (g_strcmp0 (group->first->dimension, dimension) == 0)
        return group;
    }

  return NULL;
}

/* The figure of @group (may be NULL) for @category, or NULL. */
const CgPublishedFigure *
cg_market_group_lookup (const CgMarketGroup *group,
                        const char          *category)
{
  for (guint i = 0; group != NULL && i < group->figures->len; i++)
    {
      const CgPublishedFigure *figure = g_ptr_array_index (group->figures, i);

      if (g_strcmp0 (figure->category, category) == 0)
        return figure;
    }

  return NULL;
}

/* The count of @shares (of CgStatsCount, may be NULL) for @key, or NULL. */
const CgStatsCount *
cg_market_shares_lookup (GArray     *shares,
                         const char *key)
{
  for (guint i = 0; shares != NULL && i < shares->len; i++)
    {
      const CgStatsCount *item = &g_array_index (shares, CgStatsCount, i);

      if (g_strcmp0 (item->key, key) == 0)
        return item;
    }

  return NULL;
}

static void
add_key (GPtrArray  *keys,
         const char *key)
{
  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (keys, i), key) == 0)
      return;
  g_ptr_array_add (keys, (gpointer) key);
}

/* The categories to show for @dimension (const char *, pointing into
 * @group and @shares): those of the published figures and those live
 * postings are in, in the order of the figures table, then the others. */
GPtrArray *
cg_market_dimension_categories (const char          *dimension,
                                const CgMarketGroup *group,
                                GArray              *shares)
{
  const char * const *known = cg_stats_dimension_categories (dimension);
  GPtrArray *keys = g_ptr_array_new ();
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();

  for (guint i = 0; group != NULL && i < group->figures->len; i++)
    add_key (wanted, ((const CgPublishedFigure *) g_ptr_array_index (group->figures, i))->category);
  for (guint i = 0; shares != NULL && i < shares->len; i++)
    if (g_array_index (shares, CgStatsCount, i).count > 0)
      add_key (wanted, g_array_index (shares, CgStatsCount, i).key);

  for (guint k = 0; known != NULL && known[k] != NULL; k++)
    for (guint i = 0; i < wanted->len; i++)
      if (g_strcmp0 (g_ptr_array_index (wanted, i), known[k]) == 0)
        add_key (keys, g_ptr_array_index (wanted, i));
  for (guint i = 0; i < wanted->len; i++)
    add_key (keys, g_ptr_array_index (wanted, i));

  return keys;
}
