/* cg-tracker-stats-view.h: the Applications page's personal statistics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "cg-tracker.h"

G_BEGIN_DECLS

#define CG_TYPE_TRACKER_STATS_VIEW (cg_tracker_stats_view_get_type ())

G_DECLARE_FINAL_TYPE (CgTrackerStatsView, cg_tracker_stats_view, CG, TRACKER_STATS_VIEW, GtkWidget)

GtkWidget *cg_tracker_stats_view_new       (void);
void       cg_tracker_stats_view_set_stats (CgTrackerStatsView   *self,
                                            const CgTrackerStats *stats);

G_END_DECLS
