/* fuzz-board.h: the body shared by the fuzz targets of the board readers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input goes to cg_board_read() as an answer of one board's API;
 * whatever it makes of it must be records the library can store, and a
 * refusal must come with an error.
 */
#pragma once

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "cg-board.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
}

static void
check_record (const CgJobRecord *record)
{
  if (record->title == NULL || *record->title == '\0' || record->key == NULL)
    __builtin_trap ();
  if (record->arrangement != NULL &&
      strcmp (record->arrangement, "onsite") != 0 && strcmp (record->arrangement, "hybrid") != 0 &&
      strcmp (record->arrangement, "remote") != 0)
    __builtin_trap ();
  if (record->date_posted != NULL && strlen (record->date_posted) != 10)
    __builtin_trap ();
  if (record->has_pay && ((record->pay.has_min && !isfinite (record->pay.min)) ||
                          (record->pay.has_max && !isfinite (record->pay.max))))
    __builtin_trap ();
  if (record->locations->len > 50)
    __builtin_trap ();

  check_text (record->title);
  check_text (record->company);
  check_text (record->category);
  check_text (record->region);
  check_text (record->description);
  check_text (record->url);
  check_text (record->key);
  for (guint i = 0; i < record->locations->len; i++)
    check_text (g_ptr_array_index (record->locations, i));
}

static int
fuzz_board (CgBoardKind    kind,
            const uint8_t *data,
            size_t         size)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;

  records = cg_board_read (kind, (const char *) data, size, "token", warnings, &error);
  if ((records == NULL) == (error == NULL))
    __builtin_trap ();
  for (guint i = 0; records != NULL && i < records->len; i++)
    check_record (g_ptr_array_index (records, i));
  for (guint i = 0; i < warnings->len; i++)
    check_text (g_ptr_array_index (warnings, i));
  if (error != NULL)
    check_text (error->message);

  return 0;
}
