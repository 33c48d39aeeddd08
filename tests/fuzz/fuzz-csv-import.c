/* fuzz-csv-import.c: the CSV reader of the postings importer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every posting the reader finds must be one the library can store, and
 * every problem it reports readable text. The input is also given to the
 * reader's fast path for plain-text descriptions, which must give exactly
 * what cg_html_to_markdown() gives.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "cg-html-markdown.h"
#include "cg-job-import-private.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_text (const char *text)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    __builtin_trap ();
}

static gboolean
record_cb (const CgJobRecord  *record,
           gpointer            user_data,
           GError            **error)
{
  if (record->title == NULL || *record->title == '\0' || record->key == NULL)
    __builtin_trap ();
  if (record->arrangement != NULL &&
      strcmp (record->arrangement, "onsite") != 0 && strcmp (record->arrangement, "hybrid") != 0 &&
      strcmp (record->arrangement, "remote") != 0)
    __builtin_trap ();
  if ((record->date_posted != NULL && strlen (record->date_posted) != 10) ||
      (record->valid_through != NULL && strlen (record->valid_through) != 10))
    __builtin_trap ();
  if (record->has_pay && ((record->pay.has_min && !isfinite (record->pay.min)) ||
                          (record->pay.has_max && !isfinite (record->pay.max))))
    __builtin_trap ();
  if (record->url != NULL && g_ascii_strncasecmp (record->url, "http", 4) != 0)
    __builtin_trap ();

  check_text (record->title);
  check_text (record->company);
  check_text (record->region);
  check_text (record->category);
  check_text (record->identifier);
  check_text (record->description);
  for (guint i = 0; i < record->locations->len; i++)
    {
      const char *location = g_ptr_array_index (record->locations, i);

      check_text (location);
      if (*location == '\0')
        __builtin_trap ();
    }

  (*(guint *) user_data)++;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_auto(CgImportReport) report = { 0 };
  g_autoptr(GError) error = NULL;
  guint n = 0;
  gboolean ok;

  ok = cg_job_import_csv_buffer ((const char *) data, size, "fuzz.csv", record_cb, &n,
                                 &report, &error);
  if (ok != (n > 0) || ok == (error != NULL))
    __builtin_trap ();
  for (guint i = 0; i < report.problems->len; i++)
    check_text (g_ptr_array_index (report.problems, i));

  /* Plain text: the fast path and libxml2 agree */
  if (size < 64 * 1024 && g_utf8_validate ((const char *) data, size, NULL))
    {
      g_autofree char *text = g_strndup ((const char *) data, size);
      g_autofree char *fast = cg_job_import_plain_text_to_markdown (text);

      if (fast != NULL)
        {
          g_autofree char *slow = cg_html_to_markdown (text, -1);

          if (strcmp (fast, slow) != 0)
            __builtin_trap ();
        }
    }

  return 0;
}
