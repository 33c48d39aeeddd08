/* cg-application-item.c: one tracked application in the Applications page's
 * list model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Wraps the CgApplicationDetails the tracker returns, with what the page
 * adds: the position of its stage on the board (for sorting the table by
 * stage) and whether a follow-up or an interview is due.
 */
#define G_LOG_DOMAIN "cg-application-item"

#include "config.h"

#include <string.h>

#include "cg-application-item.h"

struct _CgApplicationItem
{
  GObject               parent_instance;

  CgApplicationDetails *details;
  int                   stage_position;
  CgDueState            due;
  char                 *due_text;
  char                 *search_text;   /* casefolded, made when first searched */
};

G_DEFINE_FINAL_TYPE (CgApplicationItem, cg_application_item, G_TYPE_OBJECT)

static void
cg_application_item_finalize (GObject *object)
{
  CgApplicationItem *self = CG_APPLICATION_ITEM (object);

  g_clear_pointer (&self->details, cg_application_details_free);
  g_free (self->due_text);
  g_free (self->search_text);

  G_OBJECT_CLASS (cg_application_item_parent_class)->finalize (object);
}

static void
cg_application_item_class_init (CgApplicationItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cg_application_item_finalize;
}

static void
cg_application_item_init (CgApplicationItem *self)
{
}

/* Takes @details. */
CgApplicationItem *
cg_application_item_new (CgApplicationDetails *details,
                         int                   stage_position)
{
  CgApplicationItem *self;

  g_return_val_if_fail (details != NULL, NULL);

  self = g_object_new (CG_TYPE_APPLICATION_ITEM, NULL);
  self->details = details;
  self->stage_position = stage_position;
  return self;
}

gint64
cg_application_item_get_id (CgApplicationItem *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (self), 0);

  return self->details->id;
}

const CgApplicationDetails *
cg_application_item_get_details (CgApplicationItem *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (self), NULL);

  return self->details;
}

int
cg_application_item_get_stage_position (CgApplicationItem *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (self), 0);

  return self->stage_position;
}

CgDueState
cg_application_item_get_due (CgApplicationItem *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (self), CG_DUE_NONE);

  return self->due;
}

/* What is due, one reminder a line; NULL when nothing is. */
const char *
cg_application_item_get_due_text (CgApplicationItem *self)
{
  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (self), NULL);

  return self->due_text;
}

void
cg_application_item_set_due (CgApplicationItem *self,
                             CgDueState         due,
                             const char        *text)
{
  g_return_if_fail (CG_IS_APPLICATION_ITEM (self));

  self->due = due;
  g_free (self->due_text);
  self->due_text = g_strdup (text);
}

static void
append_folded (GString    *out,
               const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL)
    return;
  folded = g_utf8_casefold (text, -1);
  g_string_append (out, folded);
  g_string_append_c (out, '\n');
}

/* Whether the title, company, location, tags, notes or a contact's name
 * contain @folded_text (casefolded already). */
gboolean
cg_application_item_matches (CgApplicationItem *self,
                             const char        *folded_text)
{
  g_return_val_if_fail (CG_IS_APPLICATION_ITEM (self), FALSE);

  if (folded_text == NULL || *folded_text == '\0')
    return TRUE;

  if (self->search_text == NULL)
    {
      GString *text = g_string_new (NULL);

      append_folded (text, self->details->title);
      append_folded (text, self->details->company);
      append_folded (text, self->details->location);
      append_folded (text, self->details->notes);
      for (guint i = 0; self->details->tags[i] != NULL; i++)
        append_folded (text, self->details->tags[i]);
      for (guint i = 0; self->details->contacts != NULL && i < self->details->contacts->len; i++)
        append_folded (text, ((CgTrackerContact *) g_ptr_array_index (self->details->contacts, i))->name);
      self->search_text = g_string_free (text, FALSE);
    }

  return strstr (self->search_text, folded_text) != NULL;
}
