/* cg-market-page.c: the market in figures and charts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a role and a region (both "all" at first, or the default region of
 * the settings), the published market figures with their source, region
 * and date beside the same shares computed live from the open postings,
 * then six charts in cards: employment type and work arrangement
 * (published and live), annual pay, top locations, postings by month and
 * pay by role.
 *
 * Every figure comes from cg-stats.h. The statistics scan the postings,
 * of which there may be a million, so all of them are computed in one
 * task on a worker thread with a read-only connection of its own, a
 * spinner turning meanwhile; the results are put into the widgets on the
 * main thread. A newer request (another role or region, a reload) cancels
 * the older one, which stops SQLite through its progress handler; an
 * answer that arrives late anyway is dropped by its generation.
 *
 * Regions: the postings name a region by its code (jobs.region, "FL"),
 * a published figure may name it in full ("Florida"). cg-stats.h matches
 * the two (a US state's code finds its name and the other way round), so
 * the drop-down offers the regions of the postings, and adds a region of
 * the published figures only when no posting region finds it. The same
 * matching resolves the default region of the settings: "Florida" picks
 * "FL" when figures for Florida are found with "FL".
 *
 * A click on a bar (or Enter on a focused one) opens the Jobs page through
 * win.show-jobs; the dictionary it sends is described in cg-market-page.h.
 */
#define G_LOG_DOMAIN "cg-market-page"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cg-db.h"
#include "cg-drop-down.h"
#include "cg-labels.h"
#include "cg-library-watch.h"
#include "cg-market-page-private.h"
#include "cg-pay.h"
#include "cg-role.h"
#include "cg-stats.h"

#define PAY_BINS 10
#define TOP_LOCATIONS 8
#define MAX_MONTHS 24
/* A card is never narrower; two go side by side when each can be this wide. */
#define CARD_MIN_WIDTH 300
#define CARD_WIDE_WIDTH 360
/* the page's margins, the flow box's spacing and its children's padding */
#define TWO_COLUMNS_WIDTH (2 * 9 + 12 + 2 * (CARD_WIDE_WIDTH + 2 * 3))

typedef enum {
  CARD_EMPLOYMENT_TYPE,
  CARD_ARRANGEMENT,
  CARD_PAY,
  CARD_LOCATIONS,
  CARD_MONTHS,
  CARD_PAY_BY_ROLE,
  N_CARDS
} CardIndex;

static const struct {
  const char  *name;
  CgChartKind  kind;
  const char  *title;
  const char  *category_title;
} cards[N_CARDS] = {
  { CG_MARKET_CARD_EMPLOYMENT_TYPE, CG_CHART_BARS, N_("Employment type"), N_("Type") },
  { CG_MARKET_CARD_ARRANGEMENT, CG_CHART_BARS, N_("Work arrangement"), N_("Arrangement") },
  { CG_MARKET_CARD_PAY, CG_CHART_HISTOGRAM, N_("Pay (a year)"), N_("Pay") },
  { CG_MARKET_CARD_LOCATIONS, CG_CHART_BARS, N_("Top locations"), N_("Location") },
  { CG_MARKET_CARD_MONTHS, CG_CHART_COLUMNS, N_("Postings by month"), N_("Month") },
  { CG_MARKET_CARD_PAY_BY_ROLE, CG_CHART_BARS, N_("Pay by role"), N_("Role") },
};

/* The two dimensions the figures table publishes, by card. */
#define N_DIMENSIONS 2
static const char * const dimensions[N_DIMENSIONS] = { "employment_type", "work_arrangement" };

/* How near the published figures shown are to the role and region picked. */
typedef enum {
  PUBLISHED_EXACT,   /* for the role and the region (or none at all) */
  PUBLISHED_ROLE,    /* for the role, in any region */
  PUBLISHED_REGION,  /* for any role, in the region */
  PUBLISHED_ANY,     /* every published figure */
} PublishedMatch;

/* What the worker computes. */
typedef struct {
  guint     generation;
  char     *path;
  char     *role;
  char     *region;
  char     *default_region;  /* to resolve against the regions, or NULL */
  char     *today;
  gboolean  list_regions;
} Request;

/* What it answers. */
typedef struct {
  char           **regions;           /* when listed */
  char            *region;            /* the region the figures are for */
  GArray          *published;         /* of CgPublishedFigure */
  PublishedMatch   published_match;
  GArray          *shares[N_DIMENSIONS];
  guint            shares_total[N_DIMENSIONS];
  CgPayHistogram  *pay;
  GArray          *locations;
  guint            locations_total;
  GArray          *months;
  GArray          *pay_by_role;
} Result;

/* The published figures of one dimension from one source, role, region
 * and date. */
typedef struct {
  const CgPublishedFigure *first;
  GPtrArray               *figures;  /* const CgPublishedFigure * */
} Group;

struct _CgMarketPage
{
  GtkWidget      parent_instance;

  CgLibrary     *library;
  CgLibraryWatch *watch;
  GSettings     *settings;
  GListModel    *roles;            /* of CgRole */
  char          *role;             /* slug, NULL: all roles */
  char          *region;           /* NULL: all regions */
  gboolean       region_chosen;    /* by the user or set_filter: the default no longer applies */
  gboolean       regions_pending;  /* the regions are to be listed again */
  gboolean       updating;         /* setting the drop-downs from code */
  gboolean       busy;
  GError        *error;

  GCancellable  *cancellable;
  guint          generation;
  Result        *result;           /* what the charts show */

  GtkWidget     *scroller;
  GtkDropDown   *role_dropdown;
  GtkDropDown   *region_dropdown;
  GtkSpinner    *spinner;
  GtkLabel      *error_label;
  GtkLabel      *published_note;
  GtkBox        *published_box;
  GtkFlowBox    *flowbox;
  CgChartCard   *cards[N_CARDS];
};

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CgMarketPage, cg_market_page, GTK_TYPE_WIDGET)

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request->role);
  g_free (request->region);
  g_free (request->default_region);
  g_free (request->today);
  g_free (request);
}

static void
result_free (Result *result)
{
  if (result == NULL)
    return;

  g_strfreev (result->regions);
  g_free (result->region);
  g_clear_pointer (&result->published, g_array_unref);
  for (guint d = 0; d < N_DIMENSIONS; d++)
    g_clear_pointer (&result->shares[d], g_array_unref);
  g_clear_pointer (&result->pay, cg_pay_histogram_free);
  g_clear_pointer (&result->locations, g_array_unref);
  g_clear_pointer (&result->months, g_array_unref);
  g_clear_pointer (&result->pay_by_role, g_array_unref);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Result, result_free)

/* The worker */

/* The regions of the postings, then those of the published figures that
 * none of them finds; and @request's default region resolved against
 * them (NULL when it names none). */
static gboolean
list_regions (sqlite3   *db,
              Request   *request,
              Result    *result,
              char     **resolved,
              GError   **error)
{
  g_auto(GStrv) job_regions = cg_stats_list_regions (db, error);
  g_autoptr(GHashTable) found = NULL;   /* lower-case figure region -> posting region */
  g_autoptr(GHashTable) listed = NULL;  /* lower-case region -> as listed */
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GArray) figures = NULL;

  *resolved = NULL;
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

  result->regions = g_strv_builder_end (builder);

  if (request->default_region != NULL)
    {
      g_autofree char *key = g_ascii_strdown (request->default_region, -1);
      const char *region = g_hash_table_lookup (listed, key);

      if (region == NULL)
        region = g_hash_table_lookup (found, key);
      *resolved = g_strdup (region);
    }

  return TRUE;
}

/* The published figures for @role and @region, else the nearest ones. */
static GArray *
published_nearest (sqlite3         *db,
                   const char      *role,
                   const char      *region,
                   PublishedMatch  *match,
                   GError         **error)
{
  const struct {
    gboolean        tried;
    const char     *role;
    const char     *region;
    PublishedMatch  match;
  } tries[] = {
    { TRUE, role, region, PUBLISHED_EXACT },
    { role != NULL && region != NULL, role, NULL, PUBLISHED_ROLE },
    { role != NULL && region != NULL, NULL, region, PUBLISHED_REGION },
    { role != NULL || region != NULL, NULL, NULL, PUBLISHED_ANY },
  };
  GArray *figures = NULL;

  *match = PUBLISHED_EXACT;
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

static gboolean
compute (sqlite3       *db,
         Request       *request,
         Result        *result,
         GCancellable  *cancellable,
         GError       **error)
{
  const char *role = request->role;
  const char *region;
  const char *today = request->today;

  if (request->list_regions)
    {
      g_autofree char *resolved = NULL;

      if (!list_regions (db, request, result, &resolved, error))
        return FALSE;
      result->region = request->default_region != NULL ? g_steal_pointer (&resolved)
                                                        : g_strdup (request->region);
    }
  else
    result->region = g_strdup (request->region);
  region = result->region;

  result->published = published_nearest (db, role, region, &result->published_match, error);
  if (result->published == NULL)
    return FALSE;

  for (guint d = 0; d < N_DIMENSIONS; d++)
    {
      result->shares[d] = cg_stats_shares (db, dimensions[d], role, region, today,
                                           &result->shares_total[d], error);
      if (result->shares[d] == NULL)
        return FALSE;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  result->pay = cg_stats_pay_histogram (db, role, region, today, PAY_BINS, error);
  if (result->pay == NULL)
    return FALSE;

  result->locations = cg_stats_top_locations (db, role, region, today, TOP_LOCATIONS,
                                              &result->locations_total, error);
  if (result->locations == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  result->months = cg_stats_postings_by_month (db, role, region, error);
  if (result->months == NULL)
    return FALSE;

  result->pay_by_role = cg_stats_pay_by_role (db, region, today, error);
  return result->pay_by_role != NULL;
}

static void
figures_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(Result) result = g_new0 (Result, 1);
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gboolean ok;

  db = cg_db_open_worker (request->path, cancellable, &error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  ok = compute (db, request, result, cancellable, &error);
  cg_db_close (db);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) result_free);
}

/* Words */

/* The position of the role @slug in the library's roles, or -1. */
static int
role_position (CgMarketPage *self,
               const char   *slug)
{
  for (guint i = 0; self->roles != NULL && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);

      if (g_strcmp0 (cg_role_get_slug (role), slug) == 0)
        return (int) i;
    }

  return -1;
}

/* The name of the role @slug; the slug when the library has no such role. */
static const char *
role_name (CgMarketPage *self,
           const char   *slug)
{
  int position = role_position (self, slug);
  g_autoptr(CgRole) role = NULL;

  if (position < 0)
    return slug;
  /* the list keeps the role, and so its name, alive */
  role = g_list_model_get_item (self->roles, position);
  return cg_role_get_name (role);
}

static const char *
dimension_title (const char *dimension)
{
  if (g_strcmp0 (dimension, "work_arrangement") == 0)
    return _("Work arrangement");
  return _("Employment type");
}

/* "2026-05" -> "May 2026", "2026-05-12" -> "12 May 2026"; other text as it is. */
static char *
format_date (const char *date,
             gboolean    short_month)
{
  int y = 0, m = 0, d = 0;
  int n = date != NULL ? sscanf (date, "%4d-%2d-%2d", &y, &m, &d) : 0;
  g_autoptr(GDateTime) time = NULL;

  if (n < 2 || m < 1 || m > 12 || y < 1 || y > 9999 || (n == 3 && !g_date_valid_dmy (d, m, y)))
    return g_strdup (date != NULL ? date : "");

  time = g_date_time_new_utc (y, m, n == 3 ? d : 1, 0, 0, 0);
  if (n == 3)
    /* Translators: a date, see g_date_time_format() */
    return g_date_time_format (time, _("%-d %B %Y"));
  if (short_month)
    /* Translators: a month in a chart, see g_date_time_format() */
    return g_date_time_format (time, _("%b %Y"));
  /* Translators: the month of published figures, see g_date_time_format() */
  return g_date_time_format (time, _("%B %Y"));
}

/* 84 -> "84%", 66.67 -> "66.7%" */
static char *
format_percent (double percent)
{
  if (fabs (percent - round (percent)) < 0.05)
    /* Translators: a share, e.g. "84%" */
    return g_strdup_printf (_("%.0f%%"), round (percent));
  /* Translators: a share, e.g. "66.7%" */
  return g_strdup_printf (_("%.1f%%"), percent);
}

static char *
format_pay (double      value,
            const char *currency)
{
  CgPay pay = { 0 };
  char *text;

  pay.min = pay.max = MAX (value, 0);
  pay.has_min = pay.has_max = TRUE;
  pay.unit = CG_PAY_UNIT_UNKNOWN;
  g_strlcpy (pay.currency, currency != NULL ? currency : "", sizeof pay.currency);
  text = cg_pay_format (&pay);
  return text != NULL ? text : g_strdup ("");
}

/* A CgChartFormatFunc: "$95K" in the currency @user_data. */
static char *
format_pay_cb (double   value,
               gpointer user_data)
{
  return format_pay (value, user_data);
}

/* Joins the non-empty strings of @parts with " · ". */
static char *
join_parts (const char * const *parts,
            guint               n_parts)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n_parts; i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, " · ");
      g_string_append (out, parts[i]);
    }

  return g_string_free (out, FALSE);
}

static char *
format_postings (guint n)
{
  g_autofree char *number = cg_format_number (n);

  return g_strdup_printf (ngettext ("%s posting", "%s postings", n), number);
}

static char *
format_postings_count (double   value,
                       gpointer user_data)
{
  return format_postings (value > 0 ? (guint) MIN (value, G_MAXUINT) : 0);
}

/* Published figures */

static void
group_free (Group *group)
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

/* The figures by source, role, region, date and dimension, newest first. */
static GPtrArray *
group_figures (GArray *published)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);

  for (guint i = 0; published != NULL && i < published->len; i++)
    {
      const CgPublishedFigure *figure = &g_array_index (published, CgPublishedFigure, i);
      Group *group = NULL;

      if (cg_stats_dimension_categories (figure->dimension) == NULL)
        continue;
      for (guint k = 0; k < groups->len && group == NULL; k++)
        if (same_group (((Group *) g_ptr_array_index (groups, k))->first, figure))
          group = g_ptr_array_index (groups, k);
      if (group == NULL)
        {
          group = g_new0 (Group, 1);
          group->first = figure;
          group->figures = g_ptr_array_new ();
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->figures, (gpointer) figure);
    }

  return groups;
}

/* The newest group of @dimension, or NULL. */
static Group *
first_group (GPtrArray  *groups,
             const char *dimension)
{
  for (guint k = 0; k < groups->len; k++)
    {
      Group *group = g_ptr_array_index (groups, k);

      if (g_strcmp0 (group->first->dimension, dimension) == 0)
        return group;
    }

  return NULL;
}

static const CgPublishedFigure *
group_lookup (Group      *group,
              const char *category)
{
  for (guint i = 0; group != NULL && i < group->figures->len; i++)
    {
      const CgPublishedFigure *figure = g_ptr_array_index (group->figures, i);

      if (g_strcmp0 (figure->category, category) == 0)
        return figure;
    }

  return NULL;
}

static const CgStatsCount *
shares_lookup (GArray     *shares,
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

/* The categories to show for @dimension: those of the published figures
 * and those live postings are in, in the order of the figures table, then
 * the others. */
static GPtrArray *
dimension_categories (const char *dimension,
                      Group      *group,
                      GArray     *shares)
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

/* "Embedded Machine Learning Engineer · Florida · May 2026", leaving out
 * the role when it is the one picked. */
static char *
group_place (CgMarketPage *self,
             Group        *group)
{
  g_autofree char *date = format_date (group->first->date, FALSE);
  const char *parts[3] = { NULL, group->first->region, date };

  if (group->first->role != NULL && g_strcmp0 (group->first->role, self->role) != 0)
    parts[0] = role_name (self, group->first->role);
  return join_parts (parts, G_N_ELEMENTS (parts));
}

static GtkWidget *
grid_label (const char *text,
            gboolean    number,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), number ? 1 : 0);
  if (number)
    gtk_widget_add_css_class (label, "numeric");
  else
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (label, TRUE);
    }
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
caption_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static char *
live_caption (guint d,
              guint total)
{
  g_autofree char *number = cg_format_number (total);

  if (total == 0)
    return g_strdup (d == 0 ? _("Live: no open posting states its employment type")
                            : _("Live: no open posting states its work arrangement"));
  if (d == 0)
    return g_strdup_printf (ngettext ("Live: %s open posting that states its employment type",
                                      "Live: %s open postings that state their employment type",
                                      total), number);
  return g_strdup_printf (ngettext ("Live: %s open posting that states its work arrangement",
                                    "Live: %s open postings that state their work arrangement",
                                    total), number);
}

/* One published dimension: each category published and live, side by
 * side, with the source, region and date under them. */
static GtkWidget *
build_group (CgMarketPage *self,
             Group        *group)
{
  const char *dimension = group->first->dimension;
  guint d = g_strcmp0 (dimension, dimensions[0]) == 0 ? 0 : 1;
  GArray *shares = self->result->shares[d];
  guint total = self->result->shares_total[d];
  g_autoptr(GPtrArray) keys = dimension_categories (dimension, group, shares);
  g_autofree char *place = group_place (self, group);
  g_autofree char *caption = NULL;
  g_autofree char *live = live_caption (d, total);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *grid = gtk_grid_new ();
  const char *headers[] = { C_("figures", "Published"), C_("figures", "Live"), _("Postings") };

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 4);
  gtk_box_append (GTK_BOX (box), grid_label (dimension_title (dimension), FALSE, "heading"));
  /* the categories' column heading is the title above */
  gtk_grid_attach (GTK_GRID (grid), grid_label (NULL, FALSE, NULL), 0, 0, 1, 1);
  for (guint c = 0; c < G_N_ELEMENTS (headers); c++)
    {
      GtkWidget *header = grid_label (headers[c], TRUE, "caption-heading");

      gtk_widget_add_css_class (header, "dim-label");
      gtk_widget_set_valign (header, GTK_ALIGN_END);
      gtk_grid_attach (GTK_GRID (grid), header, c + 1, 0, 1, 1);
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const CgPublishedFigure *figure = group_lookup (group, key);
      const CgStatsCount *count = shares_lookup (shares, key);
      g_autofree char *published = figure != NULL ? format_percent (figure->percent) : g_strdup ("—");
      g_autofree char *percent = total > 0 ? format_percent (count ? count->percent : 0) : g_strdup ("—");
      g_autofree char *n = total > 0 ? cg_format_number (count ? count->count : 0) : g_strdup ("—");

      gtk_grid_attach (GTK_GRID (grid), grid_label (cg_category_label (key), FALSE, NULL), 0, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (published, TRUE, NULL), 1, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (percent, TRUE, NULL), 2, i + 1, 1, 1);
      gtk_grid_attach (GTK_GRID (grid), grid_label (n, TRUE, NULL), 3, i + 1, 1, 1);
    }
  gtk_box_append (GTK_BOX (box), grid);

  if (group->first->source != NULL && *group->first->source != '\0')
    {
      /* Translators: where published figures come from */
      g_autofree char *source = g_strdup_printf (_("Source: %s"), group->first->source);
      const char *parts[] = { place, source };

      caption = join_parts (parts, G_N_ELEMENTS (parts));
    }
  else
    caption = g_strdup (place);
  gtk_box_append (GTK_BOX (box), caption_label (caption));
  gtk_box_append (GTK_BOX (box), caption_label (live));
  return box;
}

/* Says which published figures are shown when none match the filter. */
static char *
published_note (CgMarketPage *self)
{
  const char *role = self->role != NULL ? role_name (self, self->role) : NULL;
  const char *region = self->result->region;
  g_autofree char *what = NULL;
  const char *nearest;

  if (self->result->published == NULL || self->result->published->len == 0)
    return g_strdup (_("No market figures have been published in this library. The live figures are below."));

  switch (self->result->published_match)
    {
    case PUBLISHED_ROLE:
      nearest = _("the figures for this role in other regions");
      break;
    case PUBLISHED_REGION:
      nearest = _("the figures for other roles in this region");
      break;
    case PUBLISHED_ANY:
      nearest = _("every published figure");
      break;
    case PUBLISHED_EXACT:
    default:
      return NULL;
    }

  if (role != NULL && region != NULL)
    /* Translators: a role in a region, e.g. "Firmware Engineer in TX" */
    what = g_strdup_printf (_("%s in %s"), role, region);
  else
    what = g_strdup (role != NULL ? role : region);

  /* Translators: the first %s is a role, a region, or a role in a region;
   * the second says which figures are shown instead */
  return g_strdup_printf (_("No figures are published for %s. Showing the nearest: %s."), what, nearest);
}

static void
show_published (CgMarketPage *self,
                GPtrArray    *groups)
{
  g_autofree char *note = published_note (self);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->published_box))) != NULL)
    gtk_box_remove (self->published_box, child);

  gtk_label_set_label (self->published_note, note);
  gtk_widget_set_visible (GTK_WIDGET (self->published_note), note != NULL);

  for (guint k = 0; k < groups->len; k++)
    gtk_box_append (self->published_box, build_group (self, g_ptr_array_index (groups, k)));
  gtk_widget_set_visible (GTK_WIDGET (self->published_box), groups->len > 0);
}

/* Charts */

static CgChart *
card_chart (CgMarketPage *self,
            CardIndex     index)
{
  return cg_chart_card_get_chart (self->cards[index]);
}

static void
show_dimension (CgMarketPage *self,
                CardIndex     index,
                guint         d,
                GPtrArray    *groups)
{
  CgChart *chart = card_chart (self, index);
  Group *group = first_group (groups, dimensions[d]);
  GArray *shares = self->result->shares[d];
  guint total = self->result->shares_total[d];
  g_autoptr(GPtrArray) keys = dimension_categories (dimensions[d], group, shares);
  g_autofree char *live = format_postings (total);
  g_autofree char *subtitle = NULL;
  guint published = 0, current;

  cg_chart_clear (chart);
  if (group != NULL)
    published = cg_chart_add_series (chart, C_("figures", "Published"));
  current = cg_chart_add_series (chart, C_("figures", "Live"));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      const CgPublishedFigure *figure = group_lookup (group, key);
      const CgStatsCount *count = shares_lookup (shares, key);

      if (figure != NULL)
        cg_chart_add_point (chart, published, key, cg_category_label (key), figure->percent);
      if (total > 0)
        cg_chart_add_point (chart, current, key, cg_category_label (key), count ? count->percent : 0);
    }

  if (group != NULL)
    {
      g_autofree char *place = group_place (self, group);

      /* Translators: the sources of a chart: "Published: Florida · May 2026 · Live: 25 postings" */
      subtitle = g_strdup_printf (_("Published: %s · Live: %s"), place, live);
    }
  else
    /* Translators: "Live: 25 postings" */
    subtitle = g_strdup_printf (_("Live: %s"), live);
  cg_chart_card_set_subtitle (self->cards[index], subtitle);
}

static void
show_pay (CgMarketPage *self)
{
  CgChart *chart = card_chart (self, CARD_PAY);
  CgPayHistogram *histogram = self->result->pay;
  const CgPaySummary *summary = &histogram->summary;
  g_autofree char *subtitle = NULL;
  GArray *bins = histogram->bins;

  cg_chart_clear (chart);
  cg_chart_set_value_formatter (chart, format_pay_cb, g_strdup (summary->currency), g_free);

  if (summary->has_pay && bins->len > 0)
    {
      guint series = cg_chart_add_series (chart, _("Postings"));
      double lo = g_array_index (bins, CgPayBin, 0).lo;
      double hi = g_array_index (bins, CgPayBin, bins->len - 1).hi;
      g_autofree char *median = format_pay (summary->median, summary->currency);
      g_autofree char *number = cg_format_number (summary->count);

      for (guint i = 0; i < bins->len; i++)
        {
          const CgPayBin *bin = &g_array_index (bins, CgPayBin, i);
          g_autofree char *key = g_strdup_printf ("%u", i);
          g_autofree char *from = format_pay (bin->lo, summary->currency);
          g_autofree char *to = format_pay (bin->hi, summary->currency);
          /* Translators: a range of pay, e.g. "$90K – $100K" */
          g_autofree char *label = bin->hi > bin->lo ? g_strdup_printf (_("%s – %s"), from, to)
                                                     : g_strdup (from);

          cg_chart_add_point (chart, series, key, label, bin->count);
        }
      /* one bar when every posting pays the same: give it some width */
      if (hi <= lo)
        {
          double margin = MAX (lo * 0.05, 1);

          lo -= margin;
          hi += margin;
        }
      cg_chart_set_range (chart, lo, hi);
      cg_chart_set_markers (chart, summary->median, summary->q1, summary->q3);

      if (*summary->currency != '\0')
        /* Translators: "Median $110K · from 12 postings with pay in USD" */
        subtitle = g_strdup_printf (ngettext ("Median %s · from %s posting with pay in %s",
                                              "Median %s · from %s postings with pay in %s",
                                              summary->count),
                                    median, number, summary->currency);
      else
        subtitle = g_strdup_printf (ngettext ("Median %s · from %s posting with pay",
                                              "Median %s · from %s postings with pay",
                                              summary->count),
                                    median, number);
    }

  cg_chart_card_set_subtitle (self->cards[CARD_PAY], subtitle);
}

static void
show_counts (CgMarketPage *self,
             CardIndex     index,
             GArray       *counts,
             guint         first)
{
  CgChart *chart = card_chart (self, index);
  guint series;

  cg_chart_clear (chart);
  series = cg_chart_add_series (chart, _("Postings"));
  for (guint i = first; counts != NULL && i < counts->len; i++)
    {
      const CgStatsCount *item = &g_array_index (counts, CgStatsCount, i);
      g_autofree char *label = index == CARD_MONTHS ? format_date (item->key, TRUE) : g_strdup (item->key);

      cg_chart_add_point (chart, series, item->key, label, item->count);
    }
}

static void
show_locations (CgMarketPage *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *number = cg_format_number (self->result->locations_total);

  show_counts (self, CARD_LOCATIONS, self->result->locations, 0);
  if (self->result->locations_total > 0)
    subtitle = g_strdup_printf (ngettext ("By the first place of each open posting · %s posting",
                                          "By the first place of each open posting · %s postings",
                                          self->result->locations_total), number);
  cg_chart_card_set_subtitle (self->cards[CARD_LOCATIONS], subtitle);
}

static void
show_months (CgMarketPage *self)
{
  GArray *months = self->result->months;
  guint first = months->len > MAX_MONTHS ? months->len - MAX_MONTHS : 0;
  guint total = 0;
  g_autofree char *subtitle = NULL;

  show_counts (self, CARD_MONTHS, months, first);
  for (guint i = first; i < months->len; i++)
    total += g_array_index (months, CgStatsCount, i).count;
  if (total > 0)
    {
      g_autofree char *postings = format_postings (total);

      /* Translators: %s is e.g. "25 postings" */
      subtitle = g_strdup_printf (_("By the date posted, closed postings included · %s"), postings);
    }
  cg_chart_card_set_subtitle (self->cards[CARD_MONTHS], subtitle);
}

static void
show_pay_by_role (CgMarketPage *self)
{
  CgChart *chart = card_chart (self, CARD_PAY_BY_ROLE);
  GArray *roles = self->result->pay_by_role;
  const char *currency = roles->len > 0 ? g_array_index (roles, CgRolePay, 0).pay.currency : "";
  g_autofree char *subtitle = NULL;
  guint series;

  cg_chart_clear (chart);
  cg_chart_set_value_formatter (chart, format_pay_cb, g_strdup (currency), g_free);
  series = cg_chart_add_series (chart, _("Median pay"));
  for (guint i = 0; i < roles->len; i++)
    {
      const CgRolePay *item = &g_array_index (roles, CgRolePay, i);

      cg_chart_add_point (chart, series, item->role, role_name (self, item->role), item->pay.median);
    }

  if (roles->len > 0 && *currency != '\0')
    /* Translators: %s is a currency code, e.g. "USD" */
    subtitle = g_strdup_printf (_("Median yearly pay of the open postings of each role, in %s"), currency);
  else if (roles->len > 0)
    subtitle = g_strdup (_("Median yearly pay of the open postings of each role"));
  cg_chart_card_set_subtitle (self->cards[CARD_PAY_BY_ROLE], subtitle);
}

static void
show_result (CgMarketPage *self)
{
  g_autoptr(GPtrArray) groups = group_figures (self->result->published);

  show_published (self, groups);
  show_dimension (self, CARD_EMPLOYMENT_TYPE, 0, groups);
  show_dimension (self, CARD_ARRANGEMENT, 1, groups);
  show_pay (self);
  show_locations (self);
  show_months (self);
  show_pay_by_role (self);
}

/* Controls */

static void
set_busy (CgMarketPage *self,
          gboolean      busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* Picks @region in the drop-down, adding it when it is not offered. */
static void
select_region (CgMarketPage *self)
{
  GtkStringList *model = GTK_STRING_LIST (gtk_drop_down_get_model (self->region_dropdown));
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));
  guint selected = 0;

  for (guint i = 1; self->region != NULL && i < n && selected == 0; i++)
    if (g_ascii_strcasecmp (gtk_string_list_get_string (model, i), self->region) == 0)
      selected = i;
  if (self->region != NULL && selected == 0)
    {
      gtk_string_list_append (model, self->region);
      selected = n;
    }

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->region_dropdown, selected);
  self->updating = FALSE;
}

static void
set_regions (CgMarketPage *self,
             char        **regions)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_string_list_append (model, _("All regions"));
  for (guint i = 0; regions != NULL && regions[i] != NULL; i++)
    gtk_string_list_append (model, regions[i]);

  self->updating = TRUE;
  gtk_drop_down_set_model (self->region_dropdown, G_LIST_MODEL (model));
  self->updating = FALSE;
  select_region (self);
}

static void
select_role (CgMarketPage *self)
{
  int position = self->role != NULL ? role_position (self, self->role) : -1;

  self->updating = TRUE;
  gtk_drop_down_set_selected (self->role_dropdown, position + 1);
  self->updating = FALSE;
}

static void
figures_done_cb (GObject      *source,
                 GAsyncResult *res,
                 gpointer      user_data)
{
  CgMarketPage *self = CG_MARKET_PAGE (source);
  Request *request = g_task_get_task_data (G_TASK (res));
  g_autoptr(GError) error = NULL;
  g_autoptr(Result) result = g_task_propagate_pointer (G_TASK (res), &error);

  /* cancelled, or a newer request is on its way: this answer is stale */
  if (request->generation != self->generation)
    return;

  set_busy (self, FALSE);
  g_clear_error (&self->error);

  if (result == NULL)
    {
      g_autofree char *message = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Cannot compute the market figures: %s", error->message);
      message = g_strdup_printf (_("The figures cannot be computed: %s"), error->message);
      gtk_label_set_label (self->error_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      self->error = g_steal_pointer (&error);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  /* the region of the settings, resolved */
  if (request->default_region != NULL && !self->region_chosen)
    {
      g_free (self->region);
      self->region = g_strdup (result->region);
    }
  if (result->regions != NULL)
    {
      self->regions_pending = FALSE;
      set_regions (self, result->regions);
    }

  g_clear_pointer (&self->result, result_free);
  self->result = g_steal_pointer (&result);
  show_result (self);
}

static void
start_figures (CgMarketPage *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = NULL;
  Request *request;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->generation++;

  if (self->library == NULL || !cg_library_is_open (self->library))
    {
      set_busy (self, FALSE);
      return;
    }

  now = g_date_time_new_now_local ();
  self->cancellable = g_cancellable_new ();

  request = g_new0 (Request, 1);
  request->generation = self->generation;
  request->path = g_strdup (cg_library_get_path (self->library));
  request->role = g_strdup (self->role);
  request->region = g_strdup (self->region);
  request->today = g_date_time_format (now, "%Y-%m-%d");
  request->list_regions = self->regions_pending;
  if (request->list_regions && !self->region_chosen)
    {
      g_autofree char *region = g_settings_get_string (self->settings, "default-region");

      g_strstrip (region);
      if (*region != '\0')
        request->default_region = g_steal_pointer (&region);
    }

  set_busy (self, TRUE);
  task = g_task_new (self, self->cancellable, figures_done_cb, NULL);
  g_task_set_source_tag (task, start_figures);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  g_task_run_in_thread (task, figures_thread);
}

static void
role_changed_cb (CgMarketPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->role_dropdown);
  g_autoptr(CgRole) role = NULL;
  const char *slug = NULL;

  if (self->updating)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && self->roles != NULL)
    role = g_list_model_get_item (self->roles, selected - 1);
  if (role != NULL)
    slug = cg_role_get_slug (role);
  if (g_strcmp0 (slug, self->role) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (slug);
  start_figures (self);
}

static void
region_changed_cb (CgMarketPage *self)
{
  guint selected = gtk_drop_down_get_selected (self->region_dropdown);
  GListModel *model = gtk_drop_down_get_model (self->region_dropdown);
  const char *region = NULL;

  if (self->updating)
    return;

  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    region = gtk_string_list_get_string (GTK_STRING_LIST (model), selected);
  self->region_chosen = TRUE;
  if (g_strcmp0 (region, self->region) == 0)
    return;

  g_free (self->region);
  self->region = g_strdup (region);
  start_figures (self);
}

/* Opens the Jobs page filtered to the item: see cg-market-page.h. */
static void
item_activated_cb (CgChart      *chart,
                   guint         series,
                   const char   *key,
                   CgMarketPage *self)
{
  CardIndex index = 0;
  const char *role = self->role;
  const char *region = self->region;
  GVariantBuilder dict;

  /* which card the chart is in */
  while (index < N_CARDS && card_chart (self, index) != chart)
    index++;

  g_variant_builder_init (&dict, G_VARIANT_TYPE ("a{ss}"));
  switch (index)
    {
    case CARD_EMPLOYMENT_TYPE:
      g_variant_builder_add (&dict, "{ss}", "employment_type", key);
      break;
    case CARD_ARRANGEMENT:
      g_variant_builder_add (&dict, "{ss}", "arrangement", key);
      break;
    case CARD_LOCATIONS:
      g_variant_builder_add (&dict, "{ss}", "location", key);
      region = NULL;
      break;
    case CARD_PAY_BY_ROLE:
      role = key;
      break;
    case CARD_MONTHS:
      g_variant_builder_add (&dict, "{ss}", "posted_month", key);
      break;
    case CARD_PAY:
      {
        guint64 bin = g_ascii_strtoull (key, NULL, 10);
        CgPayHistogram *histogram = self->result != NULL ? self->result->pay : NULL;

        if (histogram != NULL && bin < histogram->bins->len)
          {
            const CgPayBin *item = &g_array_index (histogram->bins, CgPayBin, bin);
            g_autofree char *lo = g_strdup_printf ("%.0f", floor (item->lo));
            g_autofree char *hi = g_strdup_printf ("%.0f", ceil (item->hi));

            g_variant_builder_add (&dict, "{ss}", "min_pay", lo);
            g_variant_builder_add (&dict, "{ss}", "max_pay", hi);
            if (*histogram->summary.currency != '\0')
              g_variant_builder_add (&dict, "{ss}", "currency", histogram->summary.currency);
          }
      }
      break;
    case N_CARDS:
    default:
      g_assert_not_reached ();
    }

  if (role != NULL)
    g_variant_builder_add (&dict, "{ss}", "role", role);
  if (region != NULL)
    g_variant_builder_add (&dict, "{ss}", "region", region);

  gtk_widget_activate_action_variant (GTK_WIDGET (self), "win.show-jobs", g_variant_builder_end (&dict));
}

static void
create_cards (CgMarketPage *self)
{
  for (guint i = 0; i < N_CARDS; i++)
    {
      GtkWidget *card = cg_chart_card_new (cards[i].kind);
      CgChart *chart = cg_chart_card_get_chart (CG_CHART_CARD (card));
      GtkWidget *child = gtk_flow_box_child_new ();

      cg_chart_set_title (chart, _(cards[i].title));
      cg_chart_set_category_title (chart, _(cards[i].category_title));
      if (i == CARD_EMPLOYMENT_TYPE || i == CARD_ARRANGEMENT)
        cg_chart_set_unit (chart, "%");
      else if (i != CARD_PAY_BY_ROLE)
        {
          /* Translators: the unit of counts in charts, e.g. "12 postings" */
          cg_chart_set_unit (chart, _("postings"));
          cg_chart_set_count_formatter (chart, format_postings_count);
        }
      gtk_widget_set_size_request (card, CARD_MIN_WIDTH, -1);
      gtk_widget_set_name (card, cards[i].name);
      g_signal_connect_object (chart, "item-activated", G_CALLBACK (item_activated_cb), self, 0);
      self->cards[i] = CG_CHART_CARD (card);

      /* the controls inside take the focus, not the cell around them */
      gtk_widget_set_focusable (child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), card);
      gtk_flow_box_append (self->flowbox, child);
    }
}

static void
cg_market_page_dispose (GObject *object)
{
  CgMarketPage *self = CG_MARKET_PAGE (object);

  g_clear_object (&self->watch);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* a task still running answers to nobody */
  self->generation++;

  gtk_widget_dispose_template (GTK_WIDGET (self), CG_TYPE_MARKET_PAGE);
  g_clear_pointer (&self->result, result_free);
  g_clear_object (&self->library);
  g_clear_object (&self->settings);
  g_clear_object (&self->roles);
  g_clear_pointer (&self->role, g_free);
  g_clear_pointer (&self->region, g_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cg_market_page_parent_class)->dispose (object);
}

static void
cg_market_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (CG_MARKET_PAGE (widget)->scroller, orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

/* A flow box puts as many children on a line as fit at their natural
 * width, which for a card is its longest subtitle unwrapped: so the page
 * picks one column or two from its own width. The scrolled window does
 * not ask for the content's width (hscrollbar-policy external), so two
 * columns never keep the window from getting narrower. */
static void
cg_market_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CgMarketPage *self = CG_MARKET_PAGE (widget);
  guint columns = width >= TWO_COLUMNS_WIDTH ? 2 : 1;

  if (gtk_flow_box_get_min_children_per_line (self->flowbox) != columns)
    {
      gtk_flow_box_set_min_children_per_line (self->flowbox, columns);
      gtk_flow_box_set_max_children_per_line (self->flowbox, columns);
    }
  gtk_widget_allocate (self->scroller, width, height, baseline, NULL);
}

static GtkSizeRequestMode
cg_market_page_get_request_mode (GtkWidget *widget)
{
  return gtk_widget_get_request_mode (CG_MARKET_PAGE (widget)->scroller);
}

static void
cg_market_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CgMarketPage *self = CG_MARKET_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_market_page_class_init (CgMarketPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cg_market_page_dispose;
  object_class->get_property = cg_market_page_get_property;
  widget_class->measure = cg_market_page_measure;
  widget_class->size_allocate = cg_market_page_size_allocate;
  widget_class->get_request_mode = cg_market_page_get_request_mode;

  /**
   * CgMarketPage:busy:
   *
   * Whether the figures are being computed.
   */
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/careerguide/CareerGuide/cg-market-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, region_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, published_note);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, published_box);
  gtk_widget_class_bind_template_child (widget_class, CgMarketPage, flowbox);
  gtk_widget_class_bind_template_callback (widget_class, role_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, region_changed_cb);
}

static void
cg_market_page_init (CgMarketPage *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);

  /* the picked names are cut short when the page is narrow */
  cg_drop_down_show_names (self->role_dropdown, 8);
  cg_drop_down_show_names (self->region_dropdown, 8);

  self->updating = TRUE;
  gtk_string_list_append (roles, _("All roles"));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));
  self->updating = FALSE;
  set_regions (self, NULL);
  create_cards (self);
}

/* Public API */

GtkWidget *
cg_market_page_new (void)
{
  return g_object_new (CG_TYPE_MARKET_PAGE, NULL);
}

/* Lists the roles again, and the regions, and computes every figure. */
void
cg_market_page_reload (CgMarketPage *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CG_IS_MARKET_PAGE (self));

  if (self->watch != NULL)
    cg_library_watch_mark_fresh (self->watch);
  g_clear_object (&self->roles);
  if (self->library != NULL && cg_library_is_open (self->library))
    {
      self->roles = cg_library_list (self->library, CG_LIBRARY_KIND_ROLES, &error);
      if (self->roles == NULL)
        g_warning ("Cannot list the roles: %s", error->message);
    }

  /* a role no longer in the library: all roles */
  if (self->role != NULL && self->roles != NULL && role_position (self, self->role) < 0)
    g_clear_pointer (&self->role, g_free);

  gtk_string_list_append (names, _("All roles"));
  for (guint i = 0; self->roles != NULL && i < g_list_model_get_n_items (self->roles); i++)
    {
      g_autoptr(CgRole) role = g_list_model_get_item (self->roles, i);

      gtk_string_list_append (names, cg_role_get_name (role));
    }
  self->updating = TRUE;
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (names));
  self->updating = FALSE;
  select_role (self);

  self->regions_pending = TRUE;
  start_figures (self);
}

void
cg_market_page_set_library (CgMarketPage *self,
                            CgLibrary    *library)
{
  g_return_if_fail (CG_IS_MARKET_PAGE (self));
  g_return_if_fail (library == NULL || CG_IS_LIBRARY (library));

  g_set_object (&self->library, library);
  g_clear_object (&self->watch);
  if (library != NULL)
    self->watch = cg_library_watch_new (GTK_WIDGET (self), library,
                                        CG_LIBRARY_CHANGE_JOBS | CG_LIBRARY_CHANGE_FIGURES |
                                        CG_LIBRARY_CHANGE_ROLES,
                                        (CgLibraryWatchFunc) cg_market_page_reload);
  cg_market_page_reload (self);
}

/**
 * cg_market_page_set_filter:
 * @role: a role slug, or NULL for all roles
 * @region: a region ("FL", "Florida", "Miami"; see cg-stats.h), or NULL
 *   for all regions
 *
 * Shows the figures of @role in @region. A region the drop-down does not
 * offer is added to it.
 */
void
cg_market_page_set_filter (CgMarketPage *self,
                           const char   *role,
                           const char   *region)
{
  g_return_if_fail (CG_IS_MARKET_PAGE (self));

  if (role != NULL && *role == '\0')
    role = NULL;
  if (region != NULL && *region == '\0')
    region = NULL;

  /* a role the library does not have: all roles, as the drop-down says */
  if (role != NULL && self->roles != NULL && role_position (self, role) < 0)
    role = NULL;

  self->region_chosen = TRUE;
  if (g_strcmp0 (role, self->role) == 0 && g_strcmp0 (region, self->region) == 0)
    return;

  g_free (self->role);
  self->role = g_strdup (role);
  g_free (self->region);
  self->region = g_strdup (region);
  select_role (self);
  select_region (self);
  start_figures (self);
}

/* The role slug the figures are for, or NULL for all roles. */
const char *
cg_market_page_get_role (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  return self->role;
}

/* The region the figures are for, or NULL for all regions. */
const char *
cg_market_page_get_region (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  return self->region;
}

gboolean
cg_market_page_get_busy (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), FALSE);

  return self->busy;
}

/* Why the last figures could not be computed, or NULL. */
const GError *
cg_market_page_get_error (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  return self->error;
}

/* The card called @name: one of the CG_MARKET_CARD_ names. */
CgChartCard *
cg_market_page_get_card (CgMarketPage *self,
                         const char   *name)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  for (guint i = 0; i < N_CARDS; i++)
    if (g_strcmp0 (cards[i].name, name) == 0)
      return self->cards[i];

  return NULL;
}

GtkDropDown *
cg_market_page_get_role_dropdown (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  return self->role_dropdown;
}

GtkDropDown *
cg_market_page_get_region_dropdown (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  return self->region_dropdown;
}

/* The box of the published figures, one child per dimension shown. */
GtkWidget *
cg_market_page_get_published_box (CgMarketPage *self)
{
  g_return_val_if_fail (CG_IS_MARKET_PAGE (self), NULL);

  return GTK_WIDGET (self->published_box);
}
