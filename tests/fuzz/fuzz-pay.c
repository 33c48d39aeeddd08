/* fuzz-pay.c: libFuzzer target for the pay text parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes: parsing never crashes; a parsed pay formats to text and
 * annualises to ordered, finite figures.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>

#include <glib.h>

#include "cg-pay.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  CgPay pay;
  double min, max;

  if (!cg_pay_parse (text, size ? (CgPayUnit) (data[0] % 6) : CG_PAY_UNIT_UNKNOWN, "USD", &pay))
    return 0;

  {
    g_autofree char *formatted = cg_pay_format (&pay);

    if (formatted == NULL || !g_utf8_validate (formatted, -1, NULL))
      __builtin_trap ();
  }

  if (cg_pay_annualise (&pay, &min, &max) && (!isfinite (min) || !isfinite (max) || min > max))
    __builtin_trap ();

  return 0;
}
