/* cg-job-list-model.c: the job list, fast with a million postings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The model holds the query and the ordered array of matching posting ids,
 * nothing more. When the query changes, the ids are selected on a worker
 * thread with its own read-only connection (the library is in WAL mode, so
 * it reads beside the main connection) and swapped in on the main thread
 * with one items-changed. A newer query cancels the older one, which stops
 * SQLite through its progress handler.
 *
 * Items are CgJob objects read by id when the view asks for them, a page
 * at a time (a primary-key lookup, never a scan), through a small cache.
 *
 * Memory is what a million postings make it: each id is kept in as many
 * bits as the largest id needs (see IdList), and cached rows leave out the
 * description, which only the detail pane reads
 * (cg_job_read_description()). Scrolling the whole list holds at most
 * CACHE_LIMIT rows.
 */
#define G_LOG_DOMAIN "cg-job-list-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cg-db.h"
#include "cg-job-list-model.h"
#include "cg-job.h"
#include "cg-library-worker.h"

#define PAGE_SIZE 64
#define CACHE_LIMIT 512

typedef struct {
  guint64 *words;
  gsize    n_words;   /* allocated */
  guint    len;
  guint    width;     /* bits per id, 1..64 */
} IdList;

struct _CgJobListModel
{
  GObject       parent_instance;

  CgLibrary    *library;
  CgJobQuery   *query;
  IdList       *ids;        /* in list order */
  GHashTable   *cache;      /* id -> CgJob */
  GCancellable *cancellable;
  GError       *error;
  guint         generation;
  gboolean      loading;
};

enum {
  PROP_0,
  PROP_LOADING,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CgJobListModel, cg_job_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct {
  char       *sql;
  GPtrArray  *params;
  guint       generation;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->sql);
  g_ptr_array_unref (data->params);
  g_free (data);
}

/* An ordered list of ids, each stored in just the bits the largest id of
 * the library needs (20 bits for a million postings: 2.5 MB instead of 8).
 * An id wider than that (a posting added meanwhile) repacks the list. */

static IdList *
id_list_new (guint width)
{
  IdList *list = g_new0 (IdList, 1);

  list->width = CLAMP (width, 1, 64);
  return list;
}

static void
id_list_free (IdList *list)
{
  g_free (list->words);
  g_free (list);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (IdList, id_list_free)

static guint
bits_for (guint64 value)
{
  return value == 0 ? 1 : 64 - (guint) __builtin_clzll (value);
}

static inline gint64
id_list_get (const IdList *list,
             guint         i)
{
  guint64 bit = (guint64) i * list->width;
  gsize w = bit / 64;
  guint off = bit % 64;
  guint64 value = list->words[w] >> off;

  if (off + list->width > 64)
    value |= list->words[w + 1] << (64 - off);
  if (list->width < 64)
    value &= (G_GUINT64_CONSTANT (1) << list->width) - 1;
  return (gint64) value;
}

static void id_list_append (IdList *list, gint64 id);

/* Gives back the room allocated beyond the last id */
static void
id_list_trim (IdList *list)
{
  gsize used = ((guint64) list->len * list->width + 63) / 64 + 1;

  if (used < list->n_words)
    {
      list->words = g_renew (guint64, list->words, used);
      list->n_words = used;
    }
}

static void
id_list_widen (IdList *list,
               guint   width)
{
  g_autoptr(IdList) old = g_new0 (IdList, 1);

  *old = *list;
  list->words = NULL;
  list->n_words = 0;
  list->len = 0;
  list->width = width;
  for (guint i = 0; i < old->len; i++)
    id_list_append (list, id_list_get (old, i));
}

static void
id_list_append (IdList *list,
                gint64  id)
{
  guint64 value = (guint64) id;
  guint64 bit;
  gsize w;
  guint off;

  if (bits_for (value) > list->width)
    id_list_widen (list, bits_for (value));

  bit = (guint64) list->len * list->width;
  w = bit / 64;
  off = bit % 64;
  if (w + 1 >= list->n_words)
    {
      gsize n = MAX (64, list->n_words * 2);

      list->words = g_renew (guint64, list->words, n);
      memset (list->words + list->n_words, 0, (n - list->n_words) * sizeof (guint64));
      list->n_words = n;
    }

  list->words[w] |= value << off;
  if (off + list->width > 64)
    list->words[w + 1] |= value >> (64 - off);
  list->len++;
}

/* Runs on a worker thread: the ids of the matching postings, in order. */
static void
select_ids_thread (GTask        *task,
                   sqlite3      *db,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  QueryData *data = task_data;
  g_autoptr(IdList) ids = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* the width of the largest id (one lookup at the end of the rowid tree) */
  stmt = cg_db_prepare (db, "SELECT max(id) FROM jobs", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    ids = id_list_new (bits_for ((guint64) sqlite3_column_int64 (stmt, 0)));
  else
    ids = id_list_new (32);
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = cg_db_prepare (db, data->sql, &error);
  if (stmt == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (guint i = 0; i < data->params->len; i++)
    {
      GVariant *value = g_ptr_array_index (data->params, i);

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, (int) i + 1, g_variant_get_double (value));
      else
        sqlite3_bind_text (stmt, (int) i + 1, g_variant_get_string (value, NULL), -1, SQLITE_STATIC);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      id_list_append (ids, id);
    }
  id_list_trim (ids);

  if (rc != SQLITE_DONE)
    {
      if (g_cancellable_is_cancelled (cancellable))
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Search cancelled"));
      else
        cg_db_set_error (&error, db, rc, _("Cannot search the postings"));
    }

  sqlite3_finalize (stmt);

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_steal_pointer (&ids), (GDestroyNotify) id_list_free);
}

static void
set_loading (CgJobListModel *self,
             gboolean        loading)
{
  if (self->loading != loading)
    {
      self->loading = loading;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
    }
}

static void
select_ids_done_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CgJobListModel *self = CG_JOB_LIST_MODEL (source);
  QueryData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(IdList) ids = g_task_propagate_pointer (G_TASK (result), &error);
  guint removed, added;

  /* a newer query is on its way: this answer is stale */
  if (data->generation != self->generation)
    return;

  set_loading (self, FALSE);

  if (ids == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&self->error);
          self->error = g_steal_pointer (&error);
          g_warning ("Job list query failed: %s", self->error->message);
        }
      ids = id_list_new (1);
    }
  else
    g_clear_error (&self->error);

  removed = self->ids->len;
  added = ids->len;
  id_list_free (self->ids);
  self->ids = g_steal_pointer (&ids);

  /* one change for the whole list: the view keeps what it can */
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

static void
start_query (CgJobListModel *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  QueryData *data = g_new0 (QueryData, 1);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  data->params = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  data->sql = cg_job_query_build_sql (self->query, today, data->params);
  data->generation = ++self->generation;

  set_loading (self, TRUE);

  task = g_task_new (self, self->cancellable, select_ids_done_cb, NULL);
  g_task_set_source_tag (task, start_query);
  g_task_set_task_data (task, data, (GDestroyNotify) query_data_free);
  /* the id array is ours to swap, so the result is delivered even when
   * cancelled; select_ids_done_cb drops stale answers itself */
  g_task_set_return_on_cancel (task, FALSE);
  cg_library_run_in_worker (self->library, task, select_ids_thread);
}

static GType
cg_job_list_model_get_item_type (GListModel *model)
{
  return CG_TYPE_JOB;
}

static guint
cg_job_list_model_get_n_items (GListModel *model)
{
  return CG_JOB_LIST_MODEL (model)->ids->len;
}

/* Reads the page of postings around @position into the cache. */
static void
fetch_page (CgJobListModel *self,
            guint           position)
{
  guint start = position - position % PAGE_SIZE;
  guint end = MIN (start + PAGE_SIZE, self->ids->len);
  g_autoptr(GString) sql = g_string_new ("SELECT " CG_JOB_LIST_COLUMNS " FROM jobs WHERE id IN (");
  sqlite3 *db = cg_library_get_db (self->library);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  for (guint i = start; i < end; i++)
    g_string_append (sql, i == start ? "?" : ",?");
  g_string_append_c (sql, ')');

  if (g_hash_table_size (self->cache) + PAGE_SIZE > CACHE_LIMIT)
    g_hash_table_remove_all (self->cache);

  stmt = cg_db_prepare (db, sql->str, &error);
  if (stmt == NULL)
    {
      g_warning ("Cannot read postings: %s", error->message);
      return;
    }

  for (guint i = start; i < end; i++)
    sqlite3_bind_int64 (stmt, (int) (i - start) + 1, id_list_get (self->ids, i));

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      CgJob *job = cg_job_new_from_row (stmt);
      gint64 *key = g_new (gint64, 1);

      *key = cg_job_get_id (job);
      g_hash_table_replace (self->cache, key, job);
    }

  sqlite3_finalize (stmt);
}

static gpointer
cg_job_list_model_get_item (GListModel *model,
                            guint       position)
{
  CgJobListModel *self = CG_JOB_LIST_MODEL (model);
  gint64 id;
  CgJob *job;

  if (position >= self->ids->len)
    return NULL;

  id = id_list_get (self->ids, position);
  job = g_hash_table_lookup (self->cache, &id);
  if (job == NULL)
    {
      fetch_page (self, position);
      job = g_hash_table_lookup (self->cache, &id);
    }

  /* deleted since the ids were selected: the next reload drops it */
  if (job == NULL)
    return NULL;

  return g_object_ref (job);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = cg_job_list_model_get_item_type;
  iface->get_n_items = cg_job_list_model_get_n_items;
  iface->get_item = cg_job_list_model_get_item;
}

static void
cg_job_list_model_dispose (GObject *object)
{
  CgJobListModel *self = CG_JOB_LIST_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->library);

  G_OBJECT_CLASS (cg_job_list_model_parent_class)->dispose (object);
}

static void
cg_job_list_model_finalize (GObject *object)
{
  CgJobListModel *self = CG_JOB_LIST_MODEL (object);

  g_clear_pointer (&self->query, cg_job_query_free);
  g_clear_pointer (&self->ids, id_list_free);
  g_clear_pointer (&self->cache, g_hash_table_unref);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cg_job_list_model_parent_class)->finalize (object);
}

static void
cg_job_list_model_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CgJobListModel *self = CG_JOB_LIST_MODEL (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_job_list_model_class_init (CgJobListModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cg_job_list_model_dispose;
  object_class->finalize = cg_job_list_model_finalize;
  object_class->get_property = cg_job_list_model_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_job_list_model_init (CgJobListModel *self)
{
  self->ids = id_list_new (1);
  self->cache = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->query = cg_job_query_new ();
}

/* An empty model; set a query (or reload) to fill it. */
CgJobListModel *
cg_job_list_model_new (CgLibrary *library)
{
  CgJobListModel *self;

  g_return_val_if_fail (CG_IS_LIBRARY (library), NULL);

  self = g_object_new (CG_TYPE_JOB_LIST_MODEL, NULL);
  self->library = g_object_ref (library);
  return self;
}

/* Starts selecting the postings that match @query; the model changes once,
 * when they are known. The same query again does nothing. */
void
cg_job_list_model_set_query (CgJobListModel   *self,
                             const CgJobQuery *query)
{
  g_return_if_fail (CG_IS_JOB_LIST_MODEL (self));
  g_return_if_fail (query != NULL);

  if (cg_job_query_equal (self->query, query) && self->generation > 0)
    return;

  g_clear_pointer (&self->query, cg_job_query_free);
  self->query = cg_job_query_copy (query);
  start_query (self);
}

/* Runs the current query again, after postings were added or changed. */
void
cg_job_list_model_reload (CgJobListModel *self)
{
  g_return_if_fail (CG_IS_JOB_LIST_MODEL (self));

  g_hash_table_remove_all (self->cache);
  start_query (self);
}

const CgJobQuery *
cg_job_list_model_get_query (CgJobListModel *self)
{
  g_return_val_if_fail (CG_IS_JOB_LIST_MODEL (self), NULL);

  return self->query;
}

gboolean
cg_job_list_model_get_loading (CgJobListModel *self)
{
  g_return_val_if_fail (CG_IS_JOB_LIST_MODEL (self), FALSE);

  return self->loading;
}

/* Why the last query failed, or NULL. */
const GError *
cg_job_list_model_get_error (CgJobListModel *self)
{
  g_return_val_if_fail (CG_IS_JOB_LIST_MODEL (self), NULL);

  return self->error;
}

guint
cg_job_list_model_get_cache_size (CgJobListModel *self)
{
  g_return_val_if_fail (CG_IS_JOB_LIST_MODEL (self), 0);

  return g_hash_table_size (self->cache);
}

/* The position of the posting @id in the list, or -1. */
int
cg_job_list_model_find (CgJobListModel *self,
                        gint64          id)
{
  g_return_val_if_fail (CG_IS_JOB_LIST_MODEL (self), -1);

  for (guint i = 0; i < self->ids->len; i++)
    if (id_list_get (self->ids, i) == id)
      return (int) i;

  return -1;
}
