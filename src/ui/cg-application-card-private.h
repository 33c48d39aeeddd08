/* cg-application-card-private.h: what the tests ask of an application card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-application-card.c itself) call these.
 */
#pragma once

#include "cg-application-card.h"

G_BEGIN_DECLS

CgApplicationItem *cg_application_card_get_item (CgApplicationCard *self);

G_END_DECLS
