/* cg-application-card.h: a card on the Applications board
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-application-item.h"

G_BEGIN_DECLS

#define CG_TYPE_APPLICATION_CARD (cg_application_card_get_type ())

G_DECLARE_FINAL_TYPE (CgApplicationCard, cg_application_card, CG, APPLICATION_CARD, GtkWidget)

GtkWidget         *cg_application_card_new      (CgApplicationItem *item,
                                                 GMenuModel        *menu);
gint64             cg_application_card_get_id   (CgApplicationCard *self);
void               cg_application_card_popup_menu (CgApplicationCard *self);

char              *cg_excitement_stars          (int                excitement);

G_END_DECLS
