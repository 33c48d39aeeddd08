/* cg-schema.h: the schemas of content.db and user.db
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-db.h"

G_BEGIN_DECLS

/* content.db is written from scratch at build time; its user_version is
 * CG_CONTENT_SCHEMA_VERSION and the application refuses any other. */
#define CG_CONTENT_SCHEMA_VERSION 2

extern const char *const cg_content_schema_sql;

/* user.db grows by migrations: cg_user_migrations[i] takes a file from
 * version i to version i + 1. */
extern const CgMigration cg_user_migrations[];
extern const guint cg_user_n_migrations;

#define CG_USER_SCHEMA_VERSION 8

G_END_DECLS
