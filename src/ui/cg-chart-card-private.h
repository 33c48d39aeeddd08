/* cg-chart-card-private.h: what the tests ask of a chart card
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Only the tests (and cg-chart-card.c itself) call these.
 */
#pragma once

#include "cg-chart-card.h"

G_BEGIN_DECLS

const char *cg_chart_card_get_subtitle   (CgChartCard *self);
gboolean    cg_chart_card_get_show_table (CgChartCard *self);
void        cg_chart_card_set_show_table (CgChartCard *self,
                                          gboolean     show_table);

G_END_DECLS
