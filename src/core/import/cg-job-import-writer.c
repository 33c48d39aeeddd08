/* cg-job-import-writer.c: postings into the library, in one transaction
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database writer of cg_job_import_file(): a staging table that
 * CgJobWriter fills and that is merged into main.jobs (see DbSink), and a
 * writing thread that the reading thread feeds in batches (see Pipeline).
 */
#define G_LOG_DOMAIN "cg-job-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-classifier.h"
#include "cg-db.h"
#include "cg-job-import-private.h"

/* Writing postings one statement each would be slow: a statement that may
 * abort halfway opens a savepoint, and FTS5 (as of SQLite 3.40) flushes its
 * pending index data at every savepoint, so each posting would make an FTS
 * segment of its own. So postings are staged: CgJobWriter writes them into
 * a TEMP table that shadows main.jobs (same columns, a unique key; no
 * triggers), and every MERGE_ROWS postings (and at the end) one INSERT ...
 * SELECT ... ON CONFLICT (key) DO UPDATE moves them into main.jobs, which
 * updates the FTS index in one go. The staging table exists only during the import, on the
 * importing connection. */

/* Postings cross to the writing thread in batches of STAGING_BATCH (or
 * STAGING_BYTES of text); they are merged every MERGE_ROWS and at the end.
 * Each merge is a statement of its own, with a statement journal holding
 * every page of main.jobs and its indexes it changes: merging 1000 postings
 * at a time cost about twice as much as one INSERT ... SELECT of them all.
 * The staging table lives in the temporary database (in memory up to
 * STAGING_CACHE_KIB, then in a temporary file), so memory stays bounded. */
#define STAGING_BATCH 10000
#define STAGING_BYTES (8 * 1024 * 1024)
#define MERGE_ROWS    200000

/* Page caches during an import (KiB): the staging table's, and main's,
 * whose indexes outgrow SQLite's default 2 MB in a big import (then every
 * miss is a search of the growing WAL and a read: with 64 MB, a million
 * postings were imported a fifth faster) */
#define STAGING_CACHE_KIB (32 * 1024)
#define MAIN_CACHE_KIB    (64 * 1024)

typedef struct {
  sqlite3        *db;
  CgJobWriter    *writer;      /* into temp.jobs */
  CgImportReport *report;
  sqlite3_stmt   *count_new;   /* staged keys not in main.jobs */
  sqlite3_stmt   *merge;       /* temp.jobs into main.jobs */
  sqlite3_stmt   *clear;       /* empties temp.jobs */
  guint           n_staged;    /* writes since the last merge */
  gboolean        caches_set;  /* restore main_cache and temp_cache after */
  gint64          main_cache;
  gint64          temp_cache;
  GCancellable   *cancellable;
} DbSink;

static void
db_sink_clear (DbSink *sink)
{
  g_clear_pointer (&sink->writer, cg_job_writer_free);
  g_clear_pointer (&sink->count_new, sqlite3_finalize);
  g_clear_pointer (&sink->merge, sqlite3_finalize);
  g_clear_pointer (&sink->clear, sqlite3_finalize);
  sqlite3_progress_handler (sink->db, 0, NULL, NULL);
  sqlite3_exec (sink->db, "DROP TABLE IF EXISTS temp.jobs", NULL, NULL, NULL);

  if (sink->caches_set)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA main.cache_size = %" G_GINT64_FORMAT ";"
                                              "PRAGMA temp.cache_size = %" G_GINT64_FORMAT,
                                              sink->main_cache, sink->temp_cache);
      sqlite3_exec (sink->db, sql, NULL, NULL, NULL);
      sink->caches_set = FALSE;
    }
}

static gint64
get_pragma_int (sqlite3    *db,
                const char *sql)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, sql, NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return sqlite3_column_int64 (stmt, 0);
}

static void
append_identifier (GString    *sql,
                   const char *name)
{
  g_string_append_c (sql, '"');
  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (sql, '"');
      g_string_append_c (sql, *p);
    }
  g_string_append_c (sql, '"');
}

static int
db_sink_progress_cb (void *user_data)
{
  return g_cancellable_is_cancelled (user_data);
}

static gboolean
db_sink_init (DbSink   *sink,
              GError  **error)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) updates = g_string_new (NULL);
  g_autoptr(GString) merge = NULL;
  g_autoptr(sqlite3_stmt) info = NULL;
  int rc;

  /* The merge names every column but the rowid, and updates every column
   * but the key and the origin, as CgJobWriter does */
  info = cg_db_prepare (sink->db, "SELECT name FROM pragma_table_info('jobs', 'main')"
                                  " WHERE pk = 0 ORDER BY cid", error);
  if (info == NULL)
    return FALSE;
  while ((rc = sqlite3_step (info)) == SQLITE_ROW)
    {
      const char *name = cg_db_column_text (info, 0);

      if (columns->len > 0)
        g_string_append (columns, ", ");
      append_identifier (columns, name);

      if (g_str_equal (name, "key") || g_str_equal (name, "origin"))
        continue;
      if (updates->len > 0)
        g_string_append (updates, ", ");
      append_identifier (updates, name);
      g_string_append (updates, " = excluded.");
      append_identifier (updates, name);
    }
  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, sink->db, rc, "jobs");
      return FALSE;
    }

  merge = g_string_new ("INSERT INTO main.jobs (");
  g_string_append_printf (merge, "%s) SELECT %s FROM temp.jobs WHERE true ORDER BY rowid"
                                 " ON CONFLICT (key) DO UPDATE SET %s",
                          columns->str, columns->str, updates->str);

  /* (temp's reads 0 until set: SQLite's default) */
  sink->main_cache = get_pragma_int (sink->db, "PRAGMA main.cache_size");
  sink->temp_cache = get_pragma_int (sink->db, "PRAGMA temp.cache_size");
  {
    g_autofree char *sql = g_strdup_printf ("PRAGMA main.cache_size = -%d;"
                                            "PRAGMA temp.cache_size = -%d",
                                            MAIN_CACHE_KIB, STAGING_CACHE_KIB);
    sink->caches_set = sqlite3_exec (sink->db, sql, NULL, NULL, NULL) == SQLITE_OK;
  }

  if (!cg_db_exec (sink->db,
                   "DROP TABLE IF EXISTS temp.jobs;"
                   "CREATE TEMP TABLE jobs AS SELECT * FROM main.jobs WHERE false;"
                   "CREATE UNIQUE INDEX temp.jobs_staged_key ON jobs (key);",
                   error))
    return FALSE;

  sink->writer = cg_job_writer_new (sink->db, "user", error);
  if (sink->writer == NULL)
    return FALSE;

  /* A merge can take seconds: Cancel interrupts it */
  if (sink->cancellable != NULL)
    sqlite3_progress_handler (sink->db, 10000, db_sink_progress_cb, sink->cancellable);

  sink->count_new = cg_db_prepare (sink->db,
    "SELECT count(*) FROM temp.jobs AS s"
    " WHERE NOT EXISTS (SELECT 1 FROM main.jobs AS m WHERE m.key = s.key)", error);
  sink->merge = sink->count_new ? cg_db_prepare (sink->db, merge->str, error) : NULL;
  sink->clear = sink->merge ? cg_db_prepare (sink->db, "DELETE FROM temp.jobs", error) : NULL;

  return sink->clear != NULL;
}

/* Moves the staged postings into main.jobs */
static gboolean
db_sink_flush (DbSink  *sink,
               GError **error)
{
  guint n_new;
  int rc;

  if (sink->n_staged == 0)
    return TRUE;

  rc = sqlite3_step (sink->count_new);
  n_new = rc == SQLITE_ROW ? (guint) sqlite3_column_int64 (sink->count_new, 0) : 0;
  sqlite3_reset (sink->count_new);
  if (rc != SQLITE_ROW)
    {
      cg_db_set_error (error, sink->db, rc, _("Cannot write to the database"));
      return FALSE;
    }

  if (!cg_db_step_done (sink->db, sink->merge, error) ||
      !cg_db_step_done (sink->db, sink->clear, error))
    return FALSE;

  /* A posting staged twice was added once, then updated */
  sink->report->added += n_new;
  sink->report->updated += sink->n_staged - n_new;
  sink->n_staged = 0;
  return TRUE;
}

static gboolean
db_sink_write (DbSink             *sink,
               const CgJobRecord  *record,
               GError            **error)
{
  if (!cg_job_writer_write (sink->writer, record, error))
    return FALSE;

  sink->n_staged++;
  return TRUE;
}

/* The pipeline
 *
 * Reading, converting and classifying postings takes about as long as
 * writing them, so the two run side by side: the calling thread reads (and
 * reports progress), a writing thread writes. Postings cross in batches of
 * up to STAGING_BATCH: copies of their strings in one
 * buffer, reused, so that nothing is allocated per posting. At most
 * N_BATCHES are in flight, which bounds the memory used. The connection is
 * used by the writing thread only, between BEGIN and the end of the import.
 */

#define N_BATCHES 2
#define NO_TEXT   G_MAXSIZE

typedef struct {
  gsize     key, identifier, title, company, region, arrangement, employment_type,
            category, role, date_posted, valid_through, description, url;
  guint     first_location;
  guint     n_locations;
  CgPay     pay;
  gboolean  has_pay;
  gboolean  expired;
} StagedRecord;

typedef struct {
  GString *text;        /* every string, each NUL-terminated */
  GArray  *records;     /* of StagedRecord */
  GArray  *locations;   /* of gsize, into text */
} Batch;

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->text = g_string_sized_new (64 * 1024);
  batch->records = g_array_sized_new (FALSE, FALSE, sizeof (StagedRecord), 256);
  batch->locations = g_array_new (FALSE, FALSE, sizeof (gsize));
  return batch;
}

static void
batch_free (Batch *batch)
{
  if (batch == NULL)
    return;

  g_string_free (batch->text, TRUE);
  g_array_unref (batch->records);
  g_array_unref (batch->locations);
  g_free (batch);
}

static void
batch_reset (Batch *batch)
{
  g_string_truncate (batch->text, 0);
  g_array_set_size (batch->records, 0);
  g_array_set_size (batch->locations, 0);
}

static gsize
batch_add_text (Batch      *batch,
                const char *text)
{
  gsize offset = batch->text->len;

  if (text == NULL)
    return NO_TEXT;

  g_string_append_len (batch->text, text, strlen (text) + 1);
  return offset;
}

static void
batch_add (Batch             *batch,
           const CgJobRecord *record,
           const char        *role,
           const char        *default_url)
{
  StagedRecord staged;

  staged.key = batch_add_text (batch, record->key);
  staged.identifier = batch_add_text (batch, record->identifier);
  staged.title = batch_add_text (batch, record->title);
  staged.company = batch_add_text (batch, record->company);
  staged.region = batch_add_text (batch, record->region);
  staged.arrangement = batch_add_text (batch, record->arrangement);
  staged.employment_type = batch_add_text (batch, record->employment_type);
  staged.category = batch_add_text (batch, record->category);
  staged.role = batch_add_text (batch, role);
  staged.date_posted = batch_add_text (batch, record->date_posted);
  staged.valid_through = batch_add_text (batch, record->valid_through);
  staged.description = batch_add_text (batch, record->description != NULL && *record->description
                                              ? record->description : NULL);
  staged.url = batch_add_text (batch, record->url != NULL ? record->url : default_url);
  staged.pay = record->pay;
  staged.has_pay = record->has_pay;
  staged.expired = record->expired;

  staged.first_location = batch->locations->len;
  staged.n_locations = record->locations != NULL ? record->locations->len : 0;
  for (guint i = 0; i < staged.n_locations; i++)
    {
      gsize offset = batch_add_text (batch, g_ptr_array_index (record->locations, i));
      g_array_append_val (batch->locations, offset);
    }

  g_array_append_val (batch->records, staged);
}

static char *
batch_text (const Batch *batch,
            gsize        offset)
{
  return offset == NO_TEXT ? NULL : batch->text->str + offset;
}

/* Record @i of @batch, its strings lent from the batch */
static void
batch_get (const Batch  *batch,
           guint         i,
           CgJobRecord  *record,
           GPtrArray    *locations)
{
  const StagedRecord *staged = &g_array_index (batch->records, StagedRecord, i);

  memset (record, 0, sizeof *record);
  record->key = batch_text (batch, staged->key);
  record->identifier = batch_text (batch, staged->identifier);
  record->title = batch_text (batch, staged->title);
  record->company = batch_text (batch, staged->company);
  record->region = batch_text (batch, staged->region);
  record->arrangement = batch_text (batch, staged->arrangement);
  record->employment_type = batch_text (batch, staged->employment_type);
  record->category = batch_text (batch, staged->category);
  record->role = batch_text (batch, staged->role);
  record->date_posted = batch_text (batch, staged->date_posted);
  record->valid_through = batch_text (batch, staged->valid_through);
  record->description = batch_text (batch, staged->description);
  record->url = batch_text (batch, staged->url);
  record->pay = staged->pay;
  record->has_pay = staged->has_pay;
  record->expired = staged->expired;

  g_ptr_array_set_size (locations, 0);
  for (guint j = 0; j < staged->n_locations; j++)
    g_ptr_array_add (locations,
                     batch_text (batch, g_array_index (batch->locations, gsize,
                                                       staged->first_location + j)));
  record->locations = locations;
}

typedef struct {
  DbSink       *sink;
  CgClassifier *classifier;
  GAsyncQueue  *full;       /* batches to write, then end_of_batches */
  GAsyncQueue  *empty;      /* batches to fill */
  Batch        *current;    /* being filled by the reading thread */
  GThread      *thread;
  GError       *error;      /* the writing thread's, read once it has ended */
  int           failed;     /* atomic: the writing thread has stopped writing */
  int           abandoned;  /* atomic: the import failed, write nothing more */
  const char   *default_url; /* for postings that name no URL, or NULL */
} Pipeline;

/* The end of the batches (compared, never read) */
static Batch end_of_batches;

static gpointer
pipeline_write_thread (gpointer data)
{
  Pipeline *pl = data;
  g_autoptr(GPtrArray) locations = g_ptr_array_new ();
  Batch *batch;

  while ((batch = g_async_queue_pop (pl->full)) != &end_of_batches)
    {
      gboolean write = pl->error == NULL && !g_atomic_int_get (&pl->abandoned);

      for (guint i = 0; write && pl->error == NULL && i < batch->records->len; i++)
        {
          CgJobRecord record;

          batch_get (batch, i, &record, locations);
          db_sink_write (pl->sink, &record, &pl->error);
        }

      if (write && pl->error == NULL && pl->sink->n_staged >= MERGE_ROWS)
        db_sink_flush (pl->sink, &pl->error);
      if (pl->error != NULL)
        g_atomic_int_set (&pl->failed, TRUE);

      batch_reset (batch);
      g_async_queue_push (pl->empty, batch);
    }

  /* The rest, unless the import failed */
  if (pl->error == NULL && !g_atomic_int_get (&pl->abandoned))
    db_sink_flush (pl->sink, &pl->error);

  return NULL;
}

static gboolean
pipeline_start (Pipeline      *pl,
                DbSink        *sink,
                CgClassifier  *classifier,
                const char    *default_url,
                GError       **error)
{
  memset (pl, 0, sizeof *pl);
  pl->sink = sink;
  pl->classifier = classifier;
  pl->default_url = default_url;
  pl->full = g_async_queue_new ();
  pl->empty = g_async_queue_new ();
  pl->current = batch_new ();
  for (guint i = 1; i < N_BATCHES; i++)
    g_async_queue_push (pl->empty, batch_new ());

  pl->thread = g_thread_try_new ("cg-import-writer", pipeline_write_thread, pl, error);
  return pl->thread != NULL;
}

static gboolean
pipeline_emit_cb (const CgJobRecord  *record,
                  gpointer            user_data,
                  GError            **error)
{
  Pipeline *pl = user_data;
  const char *role = record->role;

  /* The writing thread's error is reported by pipeline_finish() */
  if (g_atomic_int_get (&pl->failed))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The import stopped");
      return FALSE;
    }

  if (role == NULL && pl->classifier != NULL)
    role = cg_classifier_classify (pl->classifier, record->title, record->description);

  batch_add (pl->current, record, role, pl->default_url);

  if (pl->current->records->len >= STAGING_BATCH || pl->current->text->len >= STAGING_BYTES)
    {
      g_async_queue_push (pl->full, pl->current);
      pl->current = g_async_queue_pop (pl->empty);
    }

  return TRUE;
}

/* Hands over the last batch (when @ok), waits for the writing thread and
 * frees the pipeline. FALSE with the writing thread's error, which replaces
 * any in @error. */
static gboolean
pipeline_finish (Pipeline  *pl,
                 gboolean   ok,
                 GError   **error)
{
  Batch *batch;

  if (pl->thread != NULL)
    {
      /* What is still queued is rolled back anyway */
      if (!ok)
        g_atomic_int_set (&pl->abandoned, TRUE);
      if (ok && pl->current->records->len > 0)
        {
          g_async_queue_push (pl->full, pl->current);
          pl->current = NULL;
        }
      g_async_queue_push (pl->full, &end_of_batches);
      g_thread_join (g_steal_pointer (&pl->thread));
    }

  batch_free (g_steal_pointer (&pl->current));
  while ((batch = g_async_queue_try_pop (pl->empty)) != NULL)
    batch_free (batch);
  while ((batch = g_async_queue_try_pop (pl->full)) != NULL)
    if (batch != &end_of_batches)
      batch_free (batch);
  g_clear_pointer (&pl->full, g_async_queue_unref);
  g_clear_pointer (&pl->empty, g_async_queue_unref);

  if (pl->error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&pl->error));
      return FALSE;
    }

  return TRUE;
}

/* The writer: the sink, and the pipeline that feeds it */

struct _CgImportWriter {
  DbSink        sink;
  Pipeline      pipeline;
  CgClassifier *classifier;
};

CgImportWriter *
cg_import_writer_new (sqlite3         *db,
                      CgImportReport  *report,
                      GCancellable    *cancellable,
                      GError         **error)
{
  CgImportWriter *writer = g_new0 (CgImportWriter, 1);
  g_autoptr(GError) classifier_error = NULL;

  writer->sink.db = db;
  writer->sink.report = report;
  writer->sink.cancellable = cancellable;

  /* Without role rules (no bundled content) postings are not classified */
  writer->classifier = cg_classifier_new_from_db (db, &classifier_error);
  if (writer->classifier == NULL)
    g_debug ("Importing without classifying: %s", classifier_error->message);

  if (!db_sink_init (&writer->sink, error))
    {
      cg_import_writer_free (writer);
      return NULL;
    }

  return writer;
}

gboolean
cg_import_writer_start (CgImportWriter  *writer,
                        const char      *default_url,
                        GError         **error)
{
  return pipeline_start (&writer->pipeline, &writer->sink, writer->classifier, default_url, error);
}

gboolean
cg_import_writer_emit_cb (const CgJobRecord  *record,
                          gpointer            user_data,
                          GError            **error)
{
  CgImportWriter *writer = user_data;

  return pipeline_emit_cb (record, &writer->pipeline, error);
}

gboolean
cg_import_writer_finish (CgImportWriter  *writer,
                         gboolean         ok,
                         GError         **error)
{
  return pipeline_finish (&writer->pipeline, ok, error);
}

void
cg_import_writer_free (CgImportWriter *writer)
{
  if (writer == NULL)
    return;

  db_sink_clear (&writer->sink);
  g_clear_pointer (&writer->classifier, cg_classifier_free);
  g_free (writer);
}
