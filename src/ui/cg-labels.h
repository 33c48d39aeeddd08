/* cg-labels.h: the words the interface uses for stored values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *cg_arrangement_label     (const char *arrangement);
const char *cg_employment_type_label (const char *employment_type);
const char *cg_category_label        (const char *category);
char       *cg_relative_date         (const char *iso_date,
                                      GDateTime  *now);
char       *cg_format_number         (guint64     n);

/* The values the filters offer, in order, NULL-terminated. */
extern const char * const cg_employment_types[];

G_END_DECLS
