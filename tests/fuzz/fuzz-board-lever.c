/* fuzz-board-lever.c: answers of the lever job board API
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "fuzz-board.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  return fuzz_board (CG_BOARD_LEVER, data, size);
}
