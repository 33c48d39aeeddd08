/* cg-schema.c: the schemas of content.db and user.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The content tables exist in both files with the same columns, so that
 * bundled rows can be copied from content.db into user.db with a plain
 * INSERT ... SELECT over an ATTACHed database. In user.db the tables that a
 * user can add to (jobs, guides) tell bundled and user rows apart by their
 * origin column; the others only ever hold bundled rows.
 *
 * List-valued text columns (locations, keywords, roles, related) hold one
 * item per line.
 */
#define G_LOG_DOMAIN "cg-schema"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cg-schema.h"

#define CONTENT_TABLES \
  "CREATE TABLE meta (" \
  "  key   TEXT PRIMARY KEY," \
  "  value TEXT" \
  ");" \
  "CREATE TABLE jobs (" \
  "  id              INTEGER PRIMARY KEY," \
  "  key             TEXT NOT NULL UNIQUE," \
  "  origin          TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('bundled', 'user'))," \
  "  title           TEXT NOT NULL," \
  "  company         TEXT," \
  "  locations       TEXT," \
  "  location_count  INTEGER NOT NULL DEFAULT 0," \
  "  region          TEXT," \
  "  arrangement     TEXT CHECK (arrangement IN ('onsite', 'hybrid', 'remote'))," \
  "  employment_type TEXT," \
  "  category        TEXT," \
  "  role            TEXT," \
  "  pay_min         REAL," \
  "  pay_max         REAL," \
  "  pay_currency    TEXT," \
  "  pay_unit        TEXT," \
  "  pay_annual_min  REAL," \
  "  pay_annual_max  REAL," \
  "  date_posted     TEXT," \
  "  valid_through   TEXT," \
  "  expired         INTEGER NOT NULL DEFAULT 0," \
  "  description     TEXT," \
  "  url             TEXT" \
  ");" \
  "CREATE TABLE guides (" \
  "  id          INTEGER PRIMARY KEY," \
  "  slug        TEXT NOT NULL UNIQUE," \
  "  origin      TEXT NOT NULL DEFAULT 'user' CHECK (origin IN ('bundled', 'user'))," \
  "  title       TEXT NOT NULL," \
  "  description TEXT," \
  "  keywords    TEXT," \
  "  roles       TEXT," \
  "  image       TEXT," \
  "  date        TEXT," \
  "  body        TEXT NOT NULL," \
  "  source      TEXT" \
  ");" \
  "CREATE TABLE faq (" \
  "  id       INTEGER PRIMARY KEY," \
  "  slug     TEXT NOT NULL UNIQUE," \
  "  question TEXT NOT NULL," \
  "  topic    TEXT NOT NULL," \
  "  role     TEXT," \
  "  position INTEGER NOT NULL DEFAULT 0," \
  "  live     TEXT," \
  "  answer   TEXT NOT NULL" \
  ");" \
  "CREATE TABLE roles (" \
  "  id       INTEGER PRIMARY KEY," \
  "  slug     TEXT NOT NULL UNIQUE," \
  "  name     TEXT NOT NULL," \
  "  summary  TEXT," \
  "  related  TEXT," \
  "  position INTEGER NOT NULL DEFAULT 0" \
  ");" \
  "CREATE TABLE aspects (" \
  "  key      TEXT PRIMARY KEY," \
  "  label    TEXT NOT NULL," \
  "  position INTEGER NOT NULL" \
  ");" \
  "CREATE TABLE role_aspects (" \
  "  role   TEXT NOT NULL," \
  "  aspect TEXT NOT NULL," \
  "  value  TEXT NOT NULL," \
  "  PRIMARY KEY (role, aspect)" \
  ");" \
  "CREATE TABLE role_rules (" \
  "  id       INTEGER PRIMARY KEY," \
  "  role     TEXT NOT NULL," \
  "  kind     TEXT NOT NULL CHECK (kind IN ('title', 'keyword'))," \
  "  pattern  TEXT NOT NULL," \
  "  priority INTEGER NOT NULL DEFAULT 0" \
  ");" \
  "CREATE TABLE figures (" \
  "  id        INTEGER PRIMARY KEY," \
  "  role      TEXT," \
  "  region    TEXT," \
  "  date      TEXT," \
  "  dimension TEXT NOT NULL CHECK (dimension IN ('employment_type', 'work_arrangement'))," \
  "  category  TEXT NOT NULL," \
  "  percent   REAL NOT NULL," \
  "  source    TEXT NOT NULL" \
  ");"

/* The skills vocabulary (data/content/skills.yaml), in content.db and, as a
 * copy, in user.db. Skills are known by their slug, which stays when the
 * vocabulary changes; aliases hold every spelling (the name too) with its
 * rules, and the exceptions (kind 'except'). near and near_groups are lists,
 * one item per line. */
#define SKILL_TABLES \
  "CREATE TABLE skill_groups (" \
  "  key      TEXT PRIMARY KEY," \
  "  name     TEXT NOT NULL," \
  "  position INTEGER NOT NULL" \
  ");" \
  "CREATE TABLE skills (" \
  "  id          INTEGER PRIMARY KEY," \
  "  slug        TEXT NOT NULL UNIQUE," \
  "  name        TEXT NOT NULL," \
  "  skill_group TEXT NOT NULL," \
  "  about       TEXT," \
  "  position    INTEGER NOT NULL DEFAULT 0" \
  ");" \
  "CREATE TABLE skill_aliases (" \
  "  id          INTEGER PRIMARY KEY," \
  "  skill       TEXT NOT NULL," \
  "  text        TEXT NOT NULL," \
  "  kind        TEXT NOT NULL DEFAULT 'alias' CHECK (kind IN ('alias', 'except'))," \
  "  case_exact  INTEGER NOT NULL DEFAULT 0," \
  "  prefix      INTEGER NOT NULL DEFAULT 0," \
  "  near        TEXT," \
  "  near_groups TEXT," \
  "  near_window INTEGER NOT NULL DEFAULT 0" \
  ");" \
  "CREATE TABLE skill_markers (" \
  "  id   INTEGER PRIMARY KEY," \
  "  kind TEXT NOT NULL CHECK (kind IN ('requirements', 'nice', 'other', 'required', 'nice-phrase'))," \
  "  text TEXT NOT NULL" \
  ");"

/* The skills a posting asks for: skill is a skills.slug; required is 1, or
 * 0 for nice to have. */
#define JOB_SKILLS_COLUMNS \
  "  skill    TEXT NOT NULL," \
  "  required INTEGER NOT NULL DEFAULT 1 CHECK (required IN (0, 1))," \
  "  PRIMARY KEY (job, skill)" \
  ") WITHOUT ROWID;" \
  "CREATE INDEX job_skills_skill ON job_skills (skill, required);"

const char *const cg_content_schema_sql =
  CONTENT_TABLES
  SKILL_TABLES
  "CREATE TABLE job_skills ("
  "  job      INTEGER NOT NULL,"
  JOB_SKILLS_COLUMNS;

const CgMigration cg_user_migrations[] = {
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("content tables"),
    CONTENT_TABLES
    "CREATE INDEX jobs_origin ON jobs (origin);"
    "CREATE INDEX guides_origin ON guides (origin);"
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("application tracker"),
    "CREATE TABLE stages ("
    "  id       INTEGER PRIMARY KEY,"
    "  name     TEXT NOT NULL UNIQUE,"
    "  position INTEGER NOT NULL,"
    "  closed   INTEGER NOT NULL DEFAULT 0"
    ");"
    "INSERT INTO stages (name, position, closed) VALUES"
    "  ('Wishlist', 0, 0), ('Applied', 1, 0), ('Interviewing', 2, 0), ('Offer', 3, 0),"
    "  ('Accepted', 4, 1), ('Rejected', 5, 1), ('Withdrawn', 6, 1), ('Ghosted', 7, 1);"
    "CREATE TABLE applications ("
    "  id           INTEGER PRIMARY KEY,"
    "  job_key      TEXT,"
    "  title        TEXT NOT NULL,"
    "  company      TEXT,"
    "  location     TEXT,"
    "  url          TEXT,"
    "  stage        INTEGER NOT NULL REFERENCES stages (id),"
    "  date_applied TEXT,"
    "  notes        TEXT,"
    "  archived     INTEGER NOT NULL DEFAULT 0,"
    "  created      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  updated      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
    ");"
    "CREATE INDEX applications_job_key ON applications (job_key);"
    "CREATE TABLE application_history ("
    "  id          INTEGER PRIMARY KEY,"
    "  application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
    "  time        TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
    "  field       TEXT NOT NULL,"
    "  old_value   TEXT,"
    "  new_value   TEXT"
    ");"
    "CREATE INDEX application_history_application ON application_history (application);"
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("full-text search"),
    "CREATE VIRTUAL TABLE jobs_fts USING fts5 ("
    "  title, company, locations, description,"
    "  content = 'jobs', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'"
    ");"
    "CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN"
    "  INSERT INTO jobs_fts (rowid, title, company, locations, description)"
    "  VALUES (new.id, new.title, new.company, new.locations, new.description);"
    "END;"
    "CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN"
    "  INSERT INTO jobs_fts (jobs_fts, rowid, title, company, locations, description)"
    "  VALUES ('delete', old.id, old.title, old.company, old.locations, old.description);"
    "END;"
    "CREATE TRIGGER jobs_fts_update AFTER UPDATE ON jobs BEGIN"
    "  INSERT INTO jobs_fts (jobs_fts, rowid, title, company, locations, description)"
    "  VALUES ('delete', old.id, old.title, old.company, old.locations, old.description);"
    "  INSERT INTO jobs_fts (rowid, title, company, locations, description)"
    "  VALUES (new.id, new.title, new.company, new.locations, new.description);"
    "END;"
    "INSERT INTO jobs_fts (jobs_fts) VALUES ('rebuild');"
    "CREATE VIRTUAL TABLE guides_fts USING fts5 ("
    "  title, description, keywords, body,"
    "  content = 'guides', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'"
    ");"
    "CREATE TRIGGER guides_fts_insert AFTER INSERT ON guides BEGIN"
    "  INSERT INTO guides_fts (rowid, title, description, keywords, body)"
    "  VALUES (new.id, new.title, new.description, new.keywords, new.body);"
    "END;"
    "CREATE TRIGGER guides_fts_delete AFTER DELETE ON guides BEGIN"
    "  INSERT INTO guides_fts (guides_fts, rowid, title, description, keywords, body)"
    "  VALUES ('delete', old.id, old.title, old.description, old.keywords, old.body);"
    "END;"
    "CREATE TRIGGER guides_fts_update AFTER UPDATE ON guides BEGIN"
    "  INSERT INTO guides_fts (guides_fts, rowid, title, description, keywords, body)"
    "  VALUES ('delete', old.id, old.title, old.description, old.keywords, old.body);"
    "  INSERT INTO guides_fts (rowid, title, description, keywords, body)"
    "  VALUES (new.id, new.title, new.description, new.keywords, new.body);"
    "END;"
    "INSERT INTO guides_fts (guides_fts) VALUES ('rebuild');"
    "CREATE VIRTUAL TABLE faq_fts USING fts5 ("
    "  question, answer,"
    "  content = 'faq', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'"
    ");"
    "CREATE TRIGGER faq_fts_insert AFTER INSERT ON faq BEGIN"
    "  INSERT INTO faq_fts (rowid, question, answer) VALUES (new.id, new.question, new.answer);"
    "END;"
    "CREATE TRIGGER faq_fts_delete AFTER DELETE ON faq BEGIN"
    "  INSERT INTO faq_fts (faq_fts, rowid, question, answer)"
    "  VALUES ('delete', old.id, old.question, old.answer);"
    "END;"
    "INSERT INTO faq_fts (faq_fts) VALUES ('rebuild');"
    "CREATE VIRTUAL TABLE roles_fts USING fts5 ("
    "  name, summary,"
    "  content = 'roles', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'"
    ");"
    "CREATE TRIGGER roles_fts_insert AFTER INSERT ON roles BEGIN"
    "  INSERT INTO roles_fts (rowid, name, summary) VALUES (new.id, new.name, new.summary);"
    "END;"
    "CREATE TRIGGER roles_fts_delete AFTER DELETE ON roles BEGIN"
    "  INSERT INTO roles_fts (roles_fts, rowid, name, summary)"
    "  VALUES ('delete', old.id, old.name, old.summary);"
    "END;"
    "INSERT INTO roles_fts (roles_fts) VALUES ('rebuild');"
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("job list indexes"),
    /* what the job list sorts and filters by; each sort has its index so
     * that the first page of a million postings needs no full sort */
    "CREATE INDEX jobs_date_posted ON jobs (date_posted DESC, id);"
    "CREATE INDEX jobs_pay ON jobs (pay_annual_max DESC, id);"
    "CREATE INDEX jobs_title ON jobs (title COLLATE NOCASE, id);"
    "CREATE INDEX jobs_company ON jobs (company COLLATE NOCASE, id);"
    "CREATE INDEX jobs_role ON jobs (role);"
    "CREATE INDEX jobs_arrangement ON jobs (arrangement);"
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("application details"),
    /* Dates are YYYY-MM-DD, interview times YYYY-MM-DDTHH:MM[:SS] (local
     * time); excitement 0 means not rated. stages.builtin names the role of
     * each seeded stage ('applied', 'offer', ...), so that the statistics
     * and the CSV import still find it after the user renames it; stages
     * the user adds have none. */
    "ALTER TABLE applications ADD COLUMN follow_up TEXT;"
    "ALTER TABLE applications ADD COLUMN pay_asked TEXT;"
    "ALTER TABLE applications ADD COLUMN pay_offered TEXT;"
    "ALTER TABLE applications ADD COLUMN excitement INTEGER NOT NULL DEFAULT 0"
    "  CHECK (excitement BETWEEN 0 AND 5);"
    "ALTER TABLE applications ADD COLUMN resume_path TEXT;"
    "ALTER TABLE applications ADD COLUMN cover_letter_path TEXT;"
    "ALTER TABLE applications ADD COLUMN deadline TEXT;"
    "ALTER TABLE applications ADD COLUMN date_saved TEXT;"
    "CREATE INDEX applications_stage ON applications (stage);"
    "CREATE INDEX applications_follow_up ON applications (follow_up);"
    "CREATE INDEX applications_updated ON applications (updated);"
    "ALTER TABLE stages ADD COLUMN builtin TEXT;"
    "UPDATE stages SET builtin = lower(name) WHERE name IN"
    "  ('Wishlist', 'Applied', 'Interviewing', 'Offer', 'Accepted', 'Rejected', 'Withdrawn', 'Ghosted');"
    "CREATE UNIQUE INDEX stages_builtin ON stages (builtin);"
    "CREATE TABLE interviews ("
    "  id          INTEGER PRIMARY KEY,"
    "  application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
    "  time        TEXT NOT NULL,"
    "  kind        TEXT,"
    "  notes       TEXT"
    ");"
    "CREATE INDEX interviews_application ON interviews (application);"
    "CREATE INDEX interviews_time ON interviews (time);"
    "CREATE TABLE contacts ("
    "  id          INTEGER PRIMARY KEY,"
    "  application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
    "  name        TEXT NOT NULL,"
    "  role        TEXT,"
    "  email       TEXT,"
    "  phone       TEXT,"
    "  notes       TEXT"
    ");"
    "CREATE INDEX contacts_application ON contacts (application);"
    "CREATE TABLE tags ("
    "  id   INTEGER PRIMARY KEY,"
    "  name TEXT NOT NULL UNIQUE COLLATE NOCASE"
    ");"
    "CREATE TABLE application_tags ("
    "  application INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,"
    "  tag         INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (application, tag)"
    ") WITHOUT ROWID;"
    "CREATE INDEX application_tags_tag ON application_tags (tag);"
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("statistics indexes"),
    /* the Compare and Market figures filter open postings by role and
     * region and read only these columns: an index holding them spares
     * reading the descriptions */
    "CREATE INDEX jobs_region ON jobs (region);"
    "CREATE INDEX jobs_stats ON jobs (role, expired, valid_through, arrangement, employment_type,"
    "  pay_currency, pay_annual_min, pay_annual_max);"
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("plain-text search"),
    /* Guides, FAQ answers and role summaries are Markdown: their full-text
     * tables now hold the plain text the reader sees (cg_plain_text(), the
     * Markdown pipeline's, registered on every connection by cg_db_open()),
     * so that search snippets read as prose rather than as "| [Firmware
     * engineer](role:firmware-engineer)". The tables keep their own copy of
     * that text (no external content), which snippet() reads. */
#define PLAIN_FTS(table, cols, values, old_values) \
    "DROP TRIGGER " table "_fts_insert;" \
    "DROP TRIGGER IF EXISTS " table "_fts_update;" \
    "DROP TRIGGER " table "_fts_delete;" \
    "DROP TABLE " table "_fts;" \
    "CREATE VIRTUAL TABLE " table "_fts USING fts5 (" cols "," \
    "  tokenize = 'unicode61 remove_diacritics 2');" \
    "CREATE TRIGGER " table "_fts_insert AFTER INSERT ON " table " BEGIN" \
    "  INSERT INTO " table "_fts (rowid, " cols ") VALUES (new.id, " values ");" \
    "END;" \
    "CREATE TRIGGER " table "_fts_delete AFTER DELETE ON " table " BEGIN" \
    "  DELETE FROM " table "_fts WHERE rowid = old.id;" \
    "END;" \
    "CREATE TRIGGER " table "_fts_update AFTER UPDATE ON " table " BEGIN" \
    "  DELETE FROM " table "_fts WHERE rowid = old.id;" \
    "  INSERT INTO " table "_fts (rowid, " cols ") VALUES (new.id, " values ");" \
    "END;" \
    "INSERT INTO " table "_fts (rowid, " cols ") SELECT id, " old_values " FROM " table ";"
    PLAIN_FTS ("guides", "title, description, keywords, body",
               "new.title, new.description, new.keywords, cg_plain_text (new.body)",
               "title, description, keywords, cg_plain_text (body)")
    PLAIN_FTS ("faq", "question, answer",
               "new.question, cg_plain_text (new.answer)",
               "question, cg_plain_text (answer)")
    PLAIN_FTS ("roles", "name, summary",
               "new.name, cg_plain_text (new.summary)",
               "name, cg_plain_text (summary)")
#undef PLAIN_FTS
  },
  {
    /* Translators: a step of upgrading the library, in an error message */
    N_("skills"),
    /* the vocabulary's copy, filled by the content sync, and the skills of
     * each posting, which go with it */
    SKILL_TABLES
    "CREATE TABLE job_skills ("
    "  job      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,"
    JOB_SKILLS_COLUMNS
    /* a different content version makes the next start copy the content
     * again, and with it the vocabulary and the bundled postings' skills */
    "DELETE FROM meta WHERE key = 'content_version';"
  },
};

const guint cg_user_n_migrations = G_N_ELEMENTS (cg_user_migrations);

G_STATIC_ASSERT (G_N_ELEMENTS (cg_user_migrations) == CG_USER_SCHEMA_VERSION);
