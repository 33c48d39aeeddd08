/* cg-faq-entry.c: a FAQ entry, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-faq-entry"

#include "config.h"

#include "cg-db.h"
#include "cg-faq-entry.h"

struct _CgFaqEntry
{
  GObject parent_instance;

  gint64 id;
  char *slug;
  char *question;
  char *topic;
  char *role;
  int position;
  char *live;
  char *answer;
};

G_DEFINE_FINAL_TYPE (CgFaqEntry, cg_faq_entry, G_TYPE_OBJECT)

static void
cg_faq_entry_finalize (GObject *object)
{
  CgFaqEntry *self = CG_FAQ_ENTRY (object);

  g_free (self->slug);
  g_free (self->question);
  g_free (self->topic);
  g_free (self->role);
  g_free (self->live);
  g_free (self->answer);

  G_OBJECT_CLASS (cg_faq_entry_parent_class)->finalize (object);
}

static void
cg_faq_entry_class_init (CgFaqEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_faq_entry_finalize;
}

static void
cg_faq_entry_init (CgFaqEntry *self)
{
}

/* Reads the current row of @stmt, which selected CG_FAQ_ENTRY_COLUMNS. */
CgFaqEntry *
cg_faq_entry_new_from_row (sqlite3_stmt *stmt)
{
  CgFaqEntry *self = g_object_new (CG_TYPE_FAQ_ENTRY, NULL);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->slug = g_strdup (cg_db_column_text (stmt, 1));
  self->question = g_strdup (cg_db_column_text (stmt, 2));
  self->topic = g_strdup (cg_db_column_text (stmt, 3));
  self->role = g_strdup (cg_db_column_text (stmt, 4));
  self->position = sqlite3_column_int (stmt, 5);
  self->live = g_strdup (cg_db_column_text (stmt, 6));
  self->answer = g_strdup (cg_db_column_text (stmt, 7));

  return self;
}

gint64
cg_faq_entry_get_id (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), 0);

  return self->id;
}

const char *
cg_faq_entry_get_slug (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), NULL);

  return self->slug;
}

const char *
cg_faq_entry_get_question (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), NULL);

  return self->question;
}

const char *
cg_faq_entry_get_topic (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), NULL);

  return self->topic;
}

const char *
cg_faq_entry_get_role (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), NULL);

  return self->role;
}

int
cg_faq_entry_get_position (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), 0);

  return self->position;
}

const char *
cg_faq_entry_get_live (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), NULL);

  return self->live;
}

const char *
cg_faq_entry_get_answer (CgFaqEntry *self)
{
  g_return_val_if_fail (CG_IS_FAQ_ENTRY (self), NULL);

  return self->answer;
}
