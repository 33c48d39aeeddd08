/* cg-pay.h: pay ranges as postings state them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CG_PAY_UNIT_UNKNOWN = 0,
  CG_PAY_UNIT_HOUR,
  CG_PAY_UNIT_DAY,
  CG_PAY_UNIT_WEEK,
  CG_PAY_UNIT_MONTH,
  CG_PAY_UNIT_YEAR,
} CgPayUnit;

/* A pay range. min and max are in @currency per @unit; either may be
 * absent (has_min / has_max FALSE). A single figure sets both to it. */
typedef struct {
  double    min;
  double    max;
  gboolean  has_min;
  gboolean  has_max;
  char      currency[4];   /* ISO 4217 code, "" when unknown */
  CgPayUnit unit;
} CgPay;

CgPayUnit    cg_pay_unit_from_string   (const char   *text);
const char  *cg_pay_unit_to_string     (CgPayUnit     unit);
double       cg_pay_unit_annual_factor (CgPayUnit     unit);

gboolean     cg_pay_parse              (const char   *text,
                                        CgPayUnit     default_unit,
                                        const char   *default_currency,
                                        CgPay        *out);
gboolean     cg_pay_annualise          (const CgPay  *pay,
                                        double       *annual_min,
                                        double       *annual_max);
char        *cg_pay_format             (const CgPay  *pay);

G_END_DECLS
