/* cg-chart-card.h: a chart in a card, with its table and exports
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-chart.h"

G_BEGIN_DECLS

#define CG_TYPE_CHART_CARD (cg_chart_card_get_type ())

G_DECLARE_FINAL_TYPE (CgChartCard, cg_chart_card, CG, CHART_CARD, GtkWidget)

GtkWidget  *cg_chart_card_new            (CgChartKind  kind);
CgChart    *cg_chart_card_get_chart      (CgChartCard *self);
void        cg_chart_card_set_subtitle   (CgChartCard *self,
                                          const char  *subtitle);

G_END_DECLS
