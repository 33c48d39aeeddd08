/* cg-stage.c: a stage of the application tracker (Wishlist, Applied, ...)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A snapshot of one row of the stages table, as the items of
 * cg_tracker_list_stages(). Changes go through cg-tracker.c, which hands
 * out a new list afterwards; a CgStage never changes once made.
 */
#define G_LOG_DOMAIN "cg-stage"

#include "config.h"

#include "cg-stage.h"

struct _CgStage
{
  GObject parent_instance;

  gint64 id;
  char *name;
  int position;
  gboolean closed;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_POSITION,
  PROP_CLOSED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CgStage, cg_stage, G_TYPE_OBJECT)

static void
cg_stage_finalize (GObject *object)
{
  CgStage *self = CG_STAGE (object);

  g_free (self->name);

  G_OBJECT_CLASS (cg_stage_parent_class)->finalize (object);
}

static void
cg_stage_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CgStage *self = CG_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    case PROP_CLOSED:
      g_value_set_boolean (value, self->closed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_stage_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  CgStage *self = CG_STAGE (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_POSITION:
      self->position = g_value_get_int (value);
      break;
    case PROP_CLOSED:
      self->closed = g_value_get_boolean (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cg_stage_class_init (CgStageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cg_stage_finalize;
  object_class->get_property = cg_stage_get_property;
  object_class->set_property = cg_stage_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_POSITION] =
    g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CLOSED] =
    g_param_spec_boolean ("closed", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cg_stage_init (CgStage *self)
{
}

CgStage *
cg_stage_new (gint64      id,
              const char *name,
              int         position,
              gboolean    closed)
{
  return g_object_new (CG_TYPE_STAGE,
                       "id", id,
                       "name", name,
                       "position", position,
                       "closed", closed,
                       NULL);
}

gint64
cg_stage_get_id (CgStage *self)
{
  g_return_val_if_fail (CG_IS_STAGE (self), 0);

  return self->id;
}

const char *
cg_stage_get_name (CgStage *self)
{
  g_return_val_if_fail (CG_IS_STAGE (self), NULL);

  return self->name;
}

/* Its place on the board, from 0 at the left. */
int
cg_stage_get_position (CgStage *self)
{
  g_return_val_if_fail (CG_IS_STAGE (self), 0);

  return self->position;
}

/* Whether an application in this stage is finished (Accepted, Rejected,
 * ...): no reminders, not counted as waiting. */
gboolean
cg_stage_get_closed (CgStage *self)
{
  g_return_val_if_fail (CG_IS_STAGE (self), FALSE);

  return self->closed;
}
