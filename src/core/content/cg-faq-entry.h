/* cg-faq-entry.h: a FAQ entry, read from the library
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_FAQ_ENTRY (cg_faq_entry_get_type ())

G_DECLARE_FINAL_TYPE (CgFaqEntry, cg_faq_entry, CG, FAQ_ENTRY, GObject)

/* The columns cg_faq_entry_new_from_row() reads, in order. */
#define CG_FAQ_ENTRY_COLUMNS "id, slug, question, topic, role, position, live, answer"

CgFaqEntry *cg_faq_entry_new_from_row (sqlite3_stmt *stmt);
gint64 cg_faq_entry_get_id (CgFaqEntry *self);
const char * cg_faq_entry_get_slug (CgFaqEntry *self);
const char * cg_faq_entry_get_question (CgFaqEntry *self);
const char * cg_faq_entry_get_topic (CgFaqEntry *self);
const char * cg_faq_entry_get_role (CgFaqEntry *self);
int cg_faq_entry_get_position (CgFaqEntry *self);
const char * cg_faq_entry_get_live (CgFaqEntry *self);
const char * cg_faq_entry_get_answer (CgFaqEntry *self);

G_END_DECLS
