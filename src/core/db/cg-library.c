/* cg-library.c: the user's library (user.db) and the bundled content in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CgLibrary owns the connection to user.db. Opening it migrates the schema
 * and, when the bundled content.db has a different content version than the
 * one last copied, replaces the bundled rows from it in one transaction
 * (origin = 'bundled'); the user's own rows are never touched by that.
 *
 * A user.db that cannot be used (damaged, from a newer version, unreadable)
 * is never modified: cg_library_open() fails with a CG_DB_ERROR, and only
 * cg_library_start_fresh(), which the user must agree to, moves it aside.
 *
 * After every committed write the library emits ::changed with what kind
 * of data changed, whatever made the write. Writes on its own connection
 * are seen by SQLite hooks: the update hook and the authorizer collect
 * the tables written, the commit hook turns them into kinds (through
 * table_changes below, the one map from tables to kinds) and the rollback
 * hook forgets them; the signal is emitted from the main context after the
 * commit, once for all the commits made meanwhile. Writes by any other
 * connection (an import's worker, another process) are noticed by
 * cg_library_check_for_changes(), which compares PRAGMA data_version and
 * then reports every kind, not knowing which changed.
 */
#define G_LOG_DOMAIN "cg-library"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cg-db.h"
#include "cg-front-matter.h"
#include "cg-markdown.h"
#include "cg-guide.h"
#include "cg-library.h"
#include "cg-library-worker.h"
#include "cg-library-private.h"
#include "cg-role.h"
#include "cg-schema.h"

/* Checking every page of a very large library at each start would cost
 * seconds; above this size damage is found by the queries that meet it. */
#define QUICK_CHECK_MAX_BYTES (64 * 1024 * 1024)

struct _CgLibrary
{
  GObject  parent_instance;

  char    *path;
  char    *content_path;
  char    *content_problem;
  sqlite3 *db;

  /* ::changed: the kinds written in the open transaction (touched only
   * by the hooks, which SQLite runs one at a time), those committed and
   * not yet emitted, and the idle that emits them (under change_lock) */
  CgLibraryChange  pending;
  char             last_table[32];  /* the update hook's last table... */
  CgLibraryChange  last_change;     /* ...and what it changes */
  GMutex           change_lock;
  CgLibraryChange  committed;
  guint64          change_serial;
  GSource         *emit_source;
  GMainContext    *context;
  gint64           data_version;
};

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FLAGS_TYPE (CgLibraryChange, cg_library_change,
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_NONE, "none"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_JOBS, "jobs"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_GUIDES, "guides"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_FAQ, "faq"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_ROLES, "roles"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_FIGURES, "figures"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_APPLICATIONS, "applications"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_STAGES, "stages"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_CONTACTS, "contacts"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_INTERVIEWS, "interviews"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_TAGS, "tags"),
  G_DEFINE_ENUM_VALUE (CG_LIBRARY_CHANGE_SKILLS, "skills"))

static void close_db (CgLibrary *self);
static void watch_connection (CgLibrary *self);

enum {
  PROP_0,
  PROP_PATH,
  PROP_CONTENT_PATH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CgLibrary, cg_library, G_TYPE_OBJECT)

static void
cg_library_finalize (GObject *object)
{
  CgLibrary *self = CG_LIBRARY (object);

  close_db (self);
  if (self->emit_source != NULL)
    {
      g_source_destroy (self->emit_source);
      g_source_unref (self->emit_source);
    }
  g_main_context_unref (self->context);
  g_mutex_clear (&self->change_lock);
  g_free (self->path);
  g_free (self->content_path);
  g_free (self->content_problem);

  G_OBJECT_CLASS (cg_library_parent_class)->finalize (object);
}

static void
cg_library_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CgLibrary *self = CG_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_CONTENT_PATH:
      g_value_set_string (value, self->content_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_library_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CgLibrary *self = CG_LIBRARY (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;
    case PROP_CONTENT_PATH:
      self->content_path = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_library_class_init (CgLibraryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_library_finalize;
  object_class->get_property = cg_library_get_property;
  object_class->set_property = cg_library_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CONTENT_PATH] =
    g_param_spec_string ("content-path", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CgLibrary::changed:
   * @what: the kinds of data that changed (CgLibraryChange)
   *
   * Emitted in the main context the library was made in, after writes
   * were committed (one emission for all the commits since the last), or
   * after cg_library_check_for_changes() noticed another connection's.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, CG_TYPE_LIBRARY_CHANGE);
}

static void
cg_library_init (CgLibrary *self)
{
  g_mutex_init (&self->change_lock);
  self->context = g_main_context_ref_thread_default ();
  self->data_version = -1;
}

/* $XDG_DATA_HOME/career-guide/user.db */
char *
cg_library_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), PACKAGE_NAME, "user.db", NULL);
}

/* The bundled content.db: $CG_CONTENT_DB (set by `meson devenv` and the
 * tests, so the build tree works without installing), else the installed one. */
char *
cg_library_dup_content_path (void)
{
  const char *env = g_getenv ("CG_CONTENT_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);

  return g_build_filename (PKGDATADIR, "content.db", NULL);
}

CgLibrary *
cg_library_new (const char *path,
                const char *content_path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_object_new (CG_TYPE_LIBRARY,
                       "path", path,
                       "content-path", content_path,
                       NULL);
}

const char *
cg_library_get_path (CgLibrary *self)
{
  g_return_val_if_fail (CG_IS_LIBRARY (self), NULL);

  return self->path;
}

/* A sentence for the user when the bundled content could not be loaded
 * (the library still works with what it has), or NULL. */
const char *
cg_library_get_content_problem (CgLibrary *self)
{
  g_return_val_if_fail (CG_IS_LIBRARY (self), NULL);

  return self->content_problem;
}

sqlite3 *
cg_library_get_db (CgLibrary *self)
{
  g_return_val_if_fail (CG_IS_LIBRARY (self), NULL);

  return self->db;
}

gboolean
cg_library_is_open (CgLibrary *self)
{
  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);

  return self->db != NULL;
}

static gboolean
prepare_connection (CgLibrary  *self,
                    sqlite3    *db,
                    GError    **error)
{
  int version;
  GStatBuf st;

  version = cg_db_get_user_version (db, error);
  if (version < 0)
    return FALSE;

  /* Refuse a newer file before writing anything to it, WAL mode included. */
  if ((guint) version > cg_user_n_migrations)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_NEWER,
                   _("The library was written by a newer version of Career Guide "
                     "(schema %d, this version knows up to %u)"),
                   version, cg_user_n_migrations);
      return FALSE;
    }

  if (g_stat (self->path, &st) == 0 && st.st_size > 0 && st.st_size <= QUICK_CHECK_MAX_BYTES &&
      !cg_db_check_integrity (db, error))
    return FALSE;

  return cg_db_exec (db, "PRAGMA journal_mode = WAL", error) &&
         cg_db_exec (db, "PRAGMA synchronous = NORMAL", error) &&
         cg_db_exec (db, "PRAGMA foreign_keys = ON", error) &&
         cg_db_migrate (db, cg_user_migrations, cg_user_n_migrations, error);
}

gboolean
cg_library_open (CgLibrary  *self,
                 GError    **error)
{
  g_autofree char *dir = NULL;
  g_autoptr(GError) content_error = NULL;
  sqlite3 *db;

  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (self->db == NULL, FALSE);

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, CG_DB_ERROR,
                   saved == EACCES || saved == EPERM || saved == EROFS ? CG_DB_ERROR_READONLY
                                                                      : CG_DB_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }

  db = cg_db_open (self->path, FALSE, error);
  if (db == NULL)
    return FALSE;

  if (!prepare_connection (self, db, error))
    {
      cg_db_close (db);
      return FALSE;
    }

  self->db = db;

  g_clear_pointer (&self->content_problem, g_free);
  if (!cg_library_sync_content (self, NULL, &content_error))
    {
      g_warning ("Bundled content not loaded: %s", content_error->message);
      self->content_problem = g_strdup (content_error->message);
    }

  /* from here on, writes are reported (nobody holds what opening wrote) */
  watch_connection (self);

  return TRUE;
}

/* Moves the unusable library aside (user.db.broken-DATE, with its -wal and
 * -shm files) and opens a new, empty one in its place. */
gboolean
cg_library_start_fresh (CgLibrary  *self,
                        char      **moved_to,
                        GError    **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *aside = g_strdup_printf ("%s.broken-%s", self->path, stamp);
  const char *suffixes[] = { "-wal", "-shm" };

  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);

  close_db (self);

  if (g_file_test (self->path, G_FILE_TEST_EXISTS) && g_rename (self->path, aside) != 0)
    {
      int saved = errno;
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_OPEN,
                   _("Cannot move “%s” aside: %s"), self->path, g_strerror (saved));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (self->path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (aside, suffixes[i], NULL);

      if (g_file_test (from, G_FILE_TEST_EXISTS))
        g_rename (from, to);
    }

  if (moved_to != NULL)
    *moved_to = g_steal_pointer (&aside);

  if (!cg_library_open (self, error))
    return FALSE;

  /* everything anyone shows is gone */
  cg_library_queue_changed (self, CG_LIBRARY_CHANGE_ALL);
  return TRUE;
}

static char *
dup_meta (sqlite3    *db,
          const char *schema,
          const char *key)
{
  g_autofree char *sql = g_strdup_printf ("SELECT value FROM %s.meta WHERE key = ?", schema);
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, sql, NULL);

  if (stmt == NULL)
    return NULL;

  cg_db_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup (cg_db_column_text (stmt, 0));
}

#define JOB_COLUMNS \
  "key, origin, title, company, locations, location_count, region, arrangement," \
  " employment_type, category, role, pay_min, pay_max, pay_currency, pay_unit," \
  " pay_annual_min, pay_annual_max, date_posted, valid_through, expired, description, url"
#define GUIDE_COLUMNS \
  "slug, origin, title, description, keywords, roles, image, date, body, source"

/* The copy of the bundled content. Postings and guides the user has with
 * the same key or slug stay the user's. */
static const char replace_bundled_sql[] =
  "DELETE FROM main.jobs WHERE origin = 'bundled';"
  "INSERT INTO main.jobs (" JOB_COLUMNS ")"
  "  SELECT " JOB_COLUMNS " FROM content.jobs"
  "  WHERE key NOT IN (SELECT key FROM main.jobs);"
  "DELETE FROM main.guides WHERE origin = 'bundled';"
  "INSERT INTO main.guides (" GUIDE_COLUMNS ")"
  "  SELECT " GUIDE_COLUMNS " FROM content.guides"
  "  WHERE slug NOT IN (SELECT slug FROM main.guides);"
  "DELETE FROM main.faq;"
  "INSERT INTO main.faq (slug, question, topic, role, position, live, answer)"
  "  SELECT slug, question, topic, role, position, live, answer FROM content.faq;"
  "DELETE FROM main.roles;"
  "INSERT INTO main.roles (slug, name, summary, related, position)"
  "  SELECT slug, name, summary, related, position FROM content.roles;"
  "DELETE FROM main.aspects;"
  "INSERT INTO main.aspects SELECT key, label, position FROM content.aspects;"
  "DELETE FROM main.role_aspects;"
  "INSERT INTO main.role_aspects SELECT role, aspect, value FROM content.role_aspects;"
  "DELETE FROM main.role_rules;"
  "INSERT INTO main.role_rules (role, kind, pattern, priority)"
  "  SELECT role, kind, pattern, priority FROM content.role_rules;"
  "DELETE FROM main.figures;"
  "INSERT INTO main.figures (role, region, date, dimension, category, percent, source)"
  "  SELECT role, region, date, dimension, category, percent, source FROM content.figures;"
  "INSERT OR REPLACE INTO main.meta (key, value)"
  "  SELECT 'content_version', value FROM content.meta WHERE key = 'content_version';"
  /* the skills vocabulary, and the skills of the bundled postings (those
   * of the postings deleted above went with them) */
  "DELETE FROM main.skill_groups;"
  "INSERT INTO main.skill_groups SELECT key, name, position FROM content.skill_groups;"
  "DELETE FROM main.skills;"
  "INSERT INTO main.skills (slug, name, skill_group, about, position)"
  "  SELECT slug, name, skill_group, about, position FROM content.skills;"
  "DELETE FROM main.skill_aliases;"
  "INSERT INTO main.skill_aliases (skill, text, kind, case_exact, prefix, near, near_groups, near_window)"
  "  SELECT skill, text, kind, case_exact, prefix, near, near_groups, near_window"
  "  FROM content.skill_aliases ORDER BY id;"
  "DELETE FROM main.skill_markers;"
  "INSERT INTO main.skill_markers (kind, text) SELECT kind, text FROM content.skill_markers ORDER BY id;"
  "INSERT OR IGNORE INTO main.job_skills (job, skill, required)"
  "  SELECT m.id, s.skill, s.required FROM content.job_skills s"
  "  JOIN content.jobs c ON c.id = s.job"
  "  JOIN main.jobs m ON m.key = c.key AND m.origin = 'bundled';"
  "INSERT OR REPLACE INTO main.meta (key, value)"
  "  SELECT 'skills_version', value FROM content.meta WHERE key = 'skills_version';";

/* Copies the bundled content into the library if content.db has changed
 * since the last copy. @changed tells whether it did. */
gboolean
cg_library_sync_content (CgLibrary  *self,
                         gboolean   *changed,
                         GError    **error)
{
  g_autoptr(sqlite3_stmt) attach = NULL;
  g_autofree char *have = NULL;
  g_autofree char *bundled = NULL;
  int content_version;
  gboolean ok = FALSE;

  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  if (changed)
    *changed = FALSE;

  if (self->content_path == NULL || !g_file_test (self->content_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_OPEN,
                   _("The bundled content (%s) is missing"),
                   self->content_path ? self->content_path : "content.db");
      return FALSE;
    }

  attach = cg_db_prepare (self->db, "ATTACH DATABASE ? AS content", error);
  if (attach == NULL)
    return FALSE;
  {
    /* read-only, so that nothing here can change the bundled file */
    g_autofree char *escaped = g_uri_escape_string (self->content_path, "/", FALSE);
    g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro", escaped);

    cg_db_bind_text (attach, 1, uri);
  }
  if (!cg_db_step_done (self->db, attach, error))
    return FALSE;

  {
    g_autoptr(sqlite3_stmt) v = cg_db_prepare (self->db, "PRAGMA content.user_version", error);
    if (v == NULL)
      goto out;
    if (sqlite3_step (v) != SQLITE_ROW)
      {
        cg_db_set_error (error, self->db, sqlite3_errcode (self->db), _("Cannot read the bundled content"));
        goto out;
      }
    content_version = sqlite3_column_int (v, 0);
  }

  if (content_version != CG_CONTENT_SCHEMA_VERSION)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_NEWER,
                   _("The bundled content has schema %d; this version needs %d"),
                   content_version, CG_CONTENT_SCHEMA_VERSION);
      goto out;
    }

  have = dup_meta (self->db, "main", "content_version");
  bundled = dup_meta (self->db, "content", "content_version");
  if (bundled == NULL)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_CORRUPT, _("The bundled content has no version"));
      goto out;
    }

  if (g_strcmp0 (have, bundled) != 0)
    {
      if (!cg_db_begin (self->db, error))
        goto out;
      if (!cg_db_exec (self->db, replace_bundled_sql, error) || !cg_db_commit (self->db, error))
        {
          cg_db_rollback (self->db);
          goto out;
        }
      if (changed)
        *changed = TRUE;
    }

  ok = TRUE;

out:
  cg_db_exec (self->db, "DETACH DATABASE content", NULL);
  return ok;
}

/* Copies the bundled content into the library again, whether it changed
 * or not: the bundled postings, guides, questions, roles and figures come
 * back as shipped; the user's own rows are left alone. */
gboolean
cg_library_restore_content (CgLibrary  *self,
                            GError    **error)
{
  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);
  g_return_val_if_fail (self->db != NULL, FALSE);

  /* forget which content was copied, so that it is copied again */
  return cg_db_exec (self->db, "DELETE FROM meta WHERE key = 'content_version'", error) &&
         cg_library_sync_content (self, NULL, error);
}

static const char *
list_sql (CgLibraryKind kind)
{
  switch (kind)
    {
    case CG_LIBRARY_KIND_GUIDES:
      return "SELECT " CG_GUIDE_COLUMNS " FROM guides ORDER BY title";
    case CG_LIBRARY_KIND_ROLES:
      return "SELECT " CG_ROLE_COLUMNS " FROM roles ORDER BY position, name";
    default:
      g_return_val_if_reached (NULL);
    }
}

static GObject *
item_from_row (CgLibraryKind  kind,
               sqlite3_stmt  *stmt)
{
  switch (kind)
    {
    case CG_LIBRARY_KIND_GUIDES:
      return G_OBJECT (cg_guide_new_from_row (stmt));
    case CG_LIBRARY_KIND_ROLES:
      return G_OBJECT (cg_role_new_from_row (stmt));
    default:
      g_return_val_if_reached (NULL);
    }
}

static GType
item_type (CgLibraryKind kind)
{
  switch (kind)
    {
    case CG_LIBRARY_KIND_GUIDES: return CG_TYPE_GUIDE;
    case CG_LIBRARY_KIND_ROLES: return CG_TYPE_ROLE;
    default: g_return_val_if_reached (G_TYPE_OBJECT);
    }
}

/* All records of one kind, as a list model of CgGuide or CgRole. The
 * postings have their own model (CgJobListModel), the applications are
 * read by cg_tracker_list_applications(), the FAQ and the figures by what
 * shows them (cg-faq.h, cg-stats.h). */
GListModel *
cg_library_list (CgLibrary      *self,
                 CgLibraryKind   kind,
                 GError        **error)
{
  g_autoptr(GListStore) store = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  g_return_val_if_fail (CG_IS_LIBRARY (self), NULL);
  g_return_val_if_fail (self->db != NULL, NULL);
  g_return_val_if_fail (kind == CG_LIBRARY_KIND_GUIDES || kind == CG_LIBRARY_KIND_ROLES, NULL);

  stmt = cg_db_prepare (self->db, list_sql (kind), error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, item_from_row (kind, stmt));

  if (rc != SQLITE_DONE)
    {
      cg_db_set_error (error, self->db, rc, _("Cannot read the library"));
      return NULL;
    }

  store = g_list_store_new (item_type (kind));
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return G_LIST_MODEL (g_steal_pointer (&store));
}

static const char *count_sql[] = {
    [CG_LIBRARY_KIND_JOBS] = "SELECT count(*) FROM jobs",
    [CG_LIBRARY_KIND_GUIDES] = "SELECT count(*) FROM guides",
    [CG_LIBRARY_KIND_FAQ] = "SELECT count(*) FROM faq",
    [CG_LIBRARY_KIND_ROLES] = "SELECT count(*) FROM roles",
    [CG_LIBRARY_KIND_FIGURES] = "SELECT count(*) FROM figures",
    [CG_LIBRARY_KIND_APPLICATIONS] = "SELECT count(*) FROM applications WHERE archived = 0",
};

/* How many records of one kind the library holds, or -1. Counting the
 * postings reads an index from end to end: with a large library, use
 * cg_library_count_async() from the main thread. */
gint64
cg_library_count (CgLibrary     *self,
                  CgLibraryKind  kind)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_LIBRARY (self), -1);
  g_return_val_if_fail (kind < G_N_ELEMENTS (count_sql), -1);

  if (self->db == NULL)
    return -1;

  stmt = cg_db_prepare (self->db, count_sql[kind], NULL);
  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static void
count_thread (GTask        *task,
              sqlite3      *db,
              gpointer      task_data,
              GCancellable *cancellable)
{
  CgLibraryKind kind = GPOINTER_TO_UINT (task_data);
  g_autoptr(GError) error = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 n = -1;
  int rc;

  stmt = cg_db_prepare (db, count_sql[kind], &error);
  if (stmt != NULL)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        n = sqlite3_column_int64 (stmt, 0);
      else
        cg_db_set_error (&error, db, rc, _("Cannot read the library"));
    }

  if (error != NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, n);
}

/* Counts on a worker thread with a connection of its own. */
void
cg_library_count_async (CgLibrary           *self,
                        CgLibraryKind        kind,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CG_IS_LIBRARY (self));
  g_return_if_fail (kind < G_N_ELEMENTS (count_sql));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cg_library_count_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (kind), NULL);
  cg_library_run_in_worker (self, task, count_thread);
}

gint64
cg_library_count_finish (CgLibrary     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return g_task_propagate_int (G_TASK (result), error);
}

/* The application tracking the posting @job_key (archived ones included),
 * or 0 when there is none. */
gint64
cg_library_find_application_for_job (CgLibrary  *self,
                                     const char *job_key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_LIBRARY (self), 0);

  if (self->db == NULL || job_key == NULL)
    return 0;

  stmt = cg_db_prepare (self->db, "SELECT id FROM applications WHERE job_key = ? LIMIT 1", NULL);
  if (stmt == NULL)
    return 0;

  cg_db_bind_text (stmt, 1, job_key);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;

  return sqlite3_column_int64 (stmt, 0);
}

#define MAX_GUIDE_SIZE (4 * 1024 * 1024)

/* A slug from a file name: lower case, a-z 0-9 and single dashes. */
static char *
slug_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *ascii = NULL;
  GString *slug = g_string_new (NULL);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  ascii = g_str_to_ascii (base, "C");
  for (const char *p = ascii; *p; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (slug, g_ascii_tolower (*p));
      else if (slug->len > 0 && slug->str[slug->len - 1] != '-')
        g_string_append_c (slug, '-');
    }
  while (slug->len > 0 && slug->str[slug->len - 1] == '-')
    g_string_truncate (slug, slug->len - 1);
  if (slug->len == 0)
    g_string_append (slug, "guide");

  return g_string_free (slug, FALSE);
}

/* Imports a Markdown file (with or without front matter) as the user's own
 * guide, through the same pipeline as the bundled ones. Its slug comes from
 * the file name; importing the same file again replaces it; a bundled
 * guide with that slug is left alone and the new one gets another slug.
 * Malformed front matter does not stop the import: @warning says what was
 * wrong (with its line) and the body is kept. */
gboolean
cg_library_import_guide (CgLibrary   *self,
                         const char  *path,
                         char       **slug_out,
                         char       **warning,
                         GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *slug = NULL;
  g_autofree char *base_slug = NULL;
  g_autofree char *title = NULL;
  g_autofree char *keywords = NULL;
  g_autoptr(GError) fm_error = NULL;
  g_autoptr(CgFrontMatter) fm = NULL;
  g_autoptr(CgMarkdown) md = NULL;
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gsize length;

  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);

  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  if (length > MAX_GUIDE_SIZE)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_FAILED,
                   _("The file is larger than 4 MB; that is not a guide"));
      return FALSE;
    }
  if (!g_utf8_validate (contents, length, NULL) || memchr (contents, '\0', length) != NULL)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_FAILED, _("The file is not UTF-8 text"));
      return FALSE;
    }

  fm = cg_front_matter_parse (contents, (gssize) length, &fm_error);
  if (fm_error != NULL && warning != NULL)
    *warning = g_strdup (fm_error->message);

  /* the title: front matter, else the first heading, else the file name */
  md = cg_markdown_render (cg_front_matter_get_body (fm), -1, NULL, NULL, NULL);
  title = g_strdup (cg_front_matter_get_title (fm) ? cg_front_matter_get_title (fm)
                    : cg_markdown_get_first_heading (md) ? cg_markdown_get_first_heading (md)
                    : NULL);
  if (title == NULL)
    {
      g_autofree char *base = g_path_get_basename (path);
      title = g_steal_pointer (&base);
    }
  if (cg_front_matter_get_keywords (fm) != NULL)
    keywords = g_strjoinv ("\n", (char **) cg_front_matter_get_keywords (fm));

  /* a bundled guide keeps its slug */
  base_slug = slug_from_path (path);
  slug = g_strdup (base_slug);
  for (guint n = 2;; n++)
    {
      g_autoptr(sqlite3_stmt) check = cg_db_prepare (self->db,
        "SELECT origin FROM guides WHERE slug = ?", error);

      if (check == NULL)
        return FALSE;
      cg_db_bind_text (check, 1, slug);
      if (sqlite3_step (check) != SQLITE_ROW || g_strcmp0 (cg_db_column_text (check, 0), "user") == 0)
        break;
      g_free (slug);
      slug = g_strdup_printf ("%s-%u", base_slug, n);
    }

  stmt = cg_db_prepare (self->db,
    "INSERT INTO guides (slug, origin, title, description, keywords, image, date, body, source)"
    " VALUES (?1, 'user', ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
    " ON CONFLICT (slug) DO UPDATE SET title = excluded.title, description = excluded.description,"
    "  keywords = excluded.keywords, image = excluded.image, date = excluded.date,"
    "  body = excluded.body, source = excluded.source", error);
  if (stmt == NULL)
    return FALSE;
  cg_db_bind_text (stmt, 1, slug);
  cg_db_bind_text (stmt, 2, title);
  cg_db_bind_text (stmt, 3, cg_front_matter_get_description (fm));
  cg_db_bind_text (stmt, 4, keywords);
  cg_db_bind_text (stmt, 5, cg_front_matter_get_image (fm));
  cg_db_bind_text (stmt, 6, cg_front_matter_get_date (fm));
  cg_db_bind_text (stmt, 7, cg_front_matter_get_body (fm));
  cg_db_bind_text (stmt, 8, path);
  if (!cg_db_step_done (self->db, stmt, error))
    return FALSE;

  if (slug_out != NULL)
    *slug_out = g_steal_pointer (&slug);
  return TRUE;
}

/* Deletes one of the user's own guides (never a bundled one). */
gboolean
cg_library_delete_guide (CgLibrary   *self,
                         const char  *slug,
                         GError     **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);

  stmt = cg_db_prepare (self->db, "DELETE FROM guides WHERE slug = ? AND origin = 'user'", error);
  if (stmt == NULL)
    return FALSE;
  cg_db_bind_text (stmt, 1, slug);
  if (!cg_db_step_done (self->db, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, CG_DB_ERROR, CG_DB_ERROR_FAILED, _("There is no guide of yours called “%s”"), slug);
      return FALSE;
    }
  return TRUE;
}

/* ::changed ------------------------------------------------------------------ */

/* The one map from the tables of user.db to what pages show. A table
 * missing here is reported by no write: tests/core/db/test-library.c
 * checks that every table of a new library is in it. */
static const struct {
  const char      *table;
  CgLibraryChange  change;
  gboolean         without_rowid;   /* the update hook does not see it */
} table_changes[] = {
  { "meta", CG_LIBRARY_CHANGE_NONE, FALSE },
  { "jobs", CG_LIBRARY_CHANGE_JOBS, FALSE },
  { "guides", CG_LIBRARY_CHANGE_GUIDES, FALSE },
  { "faq", CG_LIBRARY_CHANGE_FAQ, FALSE },
  { "roles", CG_LIBRARY_CHANGE_ROLES, FALSE },
  { "aspects", CG_LIBRARY_CHANGE_ROLES, FALSE },
  { "role_aspects", CG_LIBRARY_CHANGE_ROLES, FALSE },
  { "role_rules", CG_LIBRARY_CHANGE_ROLES, FALSE },
  { "figures", CG_LIBRARY_CHANGE_FIGURES, FALSE },
  { "stages", CG_LIBRARY_CHANGE_STAGES, FALSE },
  { "applications", CG_LIBRARY_CHANGE_APPLICATIONS, FALSE },
  { "application_history", CG_LIBRARY_CHANGE_APPLICATIONS, FALSE },
  { "interviews", CG_LIBRARY_CHANGE_INTERVIEWS, FALSE },
  { "contacts", CG_LIBRARY_CHANGE_CONTACTS, FALSE },
  { "tags", CG_LIBRARY_CHANGE_TAGS, FALSE },
  { "application_tags", CG_LIBRARY_CHANGE_TAGS, TRUE },
  { "skill_groups", CG_LIBRARY_CHANGE_SKILLS, FALSE },
  { "skills", CG_LIBRARY_CHANGE_SKILLS, FALSE },
  { "skill_aliases", CG_LIBRARY_CHANGE_SKILLS, FALSE },
  { "skill_markers", CG_LIBRARY_CHANGE_SKILLS, FALSE },
  { "job_skills", CG_LIBRARY_CHANGE_SKILLS, TRUE },
  /* the full-text indexes follow their tables by triggers; FTS5 keeps
   * each in shadow tables named after it (jobs_fts_data, ...) */
  { "jobs_fts", CG_LIBRARY_CHANGE_NONE, FALSE },
  { "guides_fts", CG_LIBRARY_CHANGE_NONE, FALSE },
  { "faq_fts", CG_LIBRARY_CHANGE_NONE, FALSE },
  { "roles_fts", CG_LIBRARY_CHANGE_NONE, FALSE },
  /* SQLite's own */
  { "sqlite_sequence", CG_LIBRARY_CHANGE_NONE, FALSE },
  { "sqlite_stat1", CG_LIBRARY_CHANGE_NONE, FALSE },
};

static int
find_table (const char *table)
{
  if (table == NULL)
    return -1;

  for (guint i = 0; i < G_N_ELEMENTS (table_changes); i++)
    if (strcmp (table, table_changes[i].table) == 0)
      return (int) i;

  for (guint i = 0; i < G_N_ELEMENTS (table_changes); i++)
    {
      gsize len = strlen (table_changes[i].table);

      if (g_str_has_suffix (table_changes[i].table, "_fts") &&
          strncmp (table, table_changes[i].table, len) == 0 && table[len] == '_')
        return (int) i;
    }

  return -1;
}

/* What a write to @table changes; FALSE for a table the map does not know. */
gboolean
cg_library_lookup_table_change (const char      *table,
                                CgLibraryChange *change)
{
  int i = find_table (table);

  if (change != NULL)
    *change = i >= 0 ? table_changes[i].change : CG_LIBRARY_CHANGE_NONE;
  return i >= 0;
}

/* The hooks below run inside SQLite: they only take notes. */

/* Called for every row written: an import of a million postings must not
 * look the table up a million times. */
static void
update_hook_cb (void          *user_data,
                int            op,
                const char    *schema,
                const char    *table,
                sqlite3_int64  rowid)
{
  CgLibrary *self = user_data;

  if (strcmp (schema, "main") != 0)
    return;

  if (strcmp (table, self->last_table) != 0)
    {
      int i = find_table (table);

      /* a longer name is cut, so never matches: looked up each time */
      g_strlcpy (self->last_table, table, sizeof self->last_table);
      self->last_change = i >= 0 ? table_changes[i].change : CG_LIBRARY_CHANGE_NONE;
    }
  self->pending |= self->last_change;
}

/* Run when a statement is prepared. It notes the tables without rowid
 * (the update hook misses them) that the statement may write, and turns
 * off the truncate optimization of a DELETE without WHERE, which would
 * empty a table without telling the update hook. */
static int
authorizer_cb (void       *user_data,
               int         action,
               const char *arg1,
               const char *arg2,
               const char *schema,
               const char *trigger)
{
  int i;

  if ((action != SQLITE_INSERT && action != SQLITE_UPDATE && action != SQLITE_DELETE) ||
      g_strcmp0 (schema, "main") != 0 || (i = find_table (arg1)) < 0)
    return SQLITE_OK;

  if (table_changes[i].without_rowid)
    ((CgLibrary *) user_data)->pending |= table_changes[i].change;

  /* never for SQLite's own tables (sqlite_schema is not in the map):
   * their deletes from within a DROP TABLE or an ANALYZE would be skipped */
  return action == SQLITE_DELETE && !g_str_has_prefix (arg1, "sqlite_") ? SQLITE_IGNORE : SQLITE_OK;
}

static gboolean
emit_changed_cb (gpointer user_data)
{
  CgLibrary *self = user_data;
  CgLibraryChange what;

  g_mutex_lock (&self->change_lock);
  what = self->committed;
  self->committed = CG_LIBRARY_CHANGE_NONE;
  g_clear_pointer (&self->emit_source, g_source_unref);
  g_mutex_unlock (&self->change_lock);

  if (what != CG_LIBRARY_CHANGE_NONE)
    {
      /* a handler may drop the last other reference */
      g_object_ref (self);
      g_signal_emit (self, signals[CHANGED], 0, what);
      g_object_unref (self);
    }

  return G_SOURCE_REMOVE;
}

/* With change_lock held. */
static void
schedule_emission (CgLibrary       *self,
                   CgLibraryChange  what)
{
  self->committed |= what;
  self->change_serial++;

  if (self->emit_source != NULL)
    return;

  /* before the next frame is drawn: pages show the change in it */
  self->emit_source = g_idle_source_new ();
  g_source_set_priority (self->emit_source, G_PRIORITY_HIGH_IDLE);
  g_source_set_callback (self->emit_source, emit_changed_cb, self, NULL);
  g_source_set_static_name (self->emit_source, "[cg-library] changed");
  g_source_attach (self->emit_source, self->context);
}

static int
commit_hook_cb (void *user_data)
{
  CgLibrary *self = user_data;

  if (self->pending == CG_LIBRARY_CHANGE_NONE)
    return 0;

  g_mutex_lock (&self->change_lock);
  schedule_emission (self, self->pending);
  g_mutex_unlock (&self->change_lock);
  self->pending = CG_LIBRARY_CHANGE_NONE;

  return 0;
}

static void
rollback_hook_cb (void *user_data)
{
  CgLibrary *self = user_data;

  self->pending = CG_LIBRARY_CHANGE_NONE;
}

static gint64
read_data_version (sqlite3 *db)
{
  g_autoptr(sqlite3_stmt) stmt = cg_db_prepare (db, "PRAGMA data_version", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;

  return sqlite3_column_int64 (stmt, 0);
}

static void
watch_connection (CgLibrary *self)
{
  sqlite3_update_hook (self->db, update_hook_cb, self);
  sqlite3_set_authorizer (self->db, authorizer_cb, self);
  sqlite3_commit_hook (self->db, commit_hook_cb, self);
  sqlite3_rollback_hook (self->db, rollback_hook_cb, self);
  self->data_version = read_data_version (self->db);
}

static void
close_db (CgLibrary *self)
{
  if (self->db == NULL)
    return;

  sqlite3_update_hook (self->db, NULL, NULL);
  sqlite3_set_authorizer (self->db, NULL, NULL);
  sqlite3_commit_hook (self->db, NULL, NULL);
  sqlite3_rollback_hook (self->db, NULL, NULL);
  g_clear_pointer (&self->db, cg_db_close);
  self->data_version = -1;
}

/* Counts the changes: it grows at every commit that wrote something and
 * at every change reported otherwise, before ::changed says so. What was
 * read after it had a value holds every change up to that value, so a
 * page that refreshed itself after its own write can leave the
 * ::changed that follows alone when the serial has not grown since. */
guint64
cg_library_get_change_serial (CgLibrary *self)
{
  guint64 serial;

  g_return_val_if_fail (CG_IS_LIBRARY (self), 0);

  g_mutex_lock (&self->change_lock);
  serial = self->change_serial;
  g_mutex_unlock (&self->change_lock);

  return serial;
}

/* Says that @what changed, in the next ::changed (e.g. CG_LIBRARY_CHANGE_ALL
 * for the window's "reload"). */
void
cg_library_queue_changed (CgLibrary       *self,
                          CgLibraryChange  what)
{
  g_return_if_fail (CG_IS_LIBRARY (self));

  if (what == CG_LIBRARY_CHANGE_NONE)
    return;

  g_mutex_lock (&self->change_lock);
  schedule_emission (self, what);
  g_mutex_unlock (&self->change_lock);
}

/* Whether another connection (a worker's, another process's) committed a
 * write since the last check; if so, ::changed follows with every kind.
 * It costs a read of the shared WAL index: call it when the window gets
 * the focus, every few seconds, or when a worker finished writing. */
gboolean
cg_library_check_for_changes (CgLibrary *self)
{
  gint64 version;
  gboolean changed;

  g_return_val_if_fail (CG_IS_LIBRARY (self), FALSE);

  if (self->db == NULL)
    return FALSE;

  version = read_data_version (self->db);
  changed = version >= 0 && self->data_version >= 0 && version != self->data_version;
  if (version >= 0)
    self->data_version = version;

  if (changed)
    cg_library_queue_changed (self, CG_LIBRARY_CHANGE_ALL);

  return changed;
}
