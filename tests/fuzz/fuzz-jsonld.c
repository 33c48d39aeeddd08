/* fuzz-jsonld.c: schema.org JobPosting JSON-LD, as a document and as JSON Lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input goes to cg_jsonld_parse() (a JSON document) and to the JSON
 * Lines reader of cg-job-import.c; every posting either finds must be one
 * the library can store. Run with G_SLICE=always-malloc, so that leaks in
 * GLib's slices are seen.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

#include "cg-job-import-private.h"
#include "cg-jsonld.h"

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

  check_text (record->title);
  check_text (record->company);
  check_text (record->description);
  check_text (record->url);
  check_text (record->key);
  for (guint i = 0; record->locations != NULL && i < record->locations->len; i++)
    check_text (g_ptr_array_index (record->locations, i));
}

static gboolean
record_cb (const CgJobRecord  *record,
           gpointer            user_data,
           GError            **error)
{
  check_record (record);
  (*(guint *) user_data)++;
  return TRUE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CgImportReport) report = { 0 };
  guint n = 0;

  /* json-glib 1.6 leaks the values after the first: the importer never
   * gives it such text (see cg_job_import_json_has_text_after_value()) */
  if (!cg_job_import_json_has_text_after_value ((const char *) data, size))
    {
      records = cg_jsonld_parse ((const char *) data, size, warnings, &error);
      if ((records == NULL) == (error == NULL))
        __builtin_trap ();
    }
  for (guint i = 0; records != NULL && i < records->len; i++)
    check_record (g_ptr_array_index (records, i));

  g_clear_error (&error);
  if (cg_job_import_json_lines_buffer ((const char *) data, size, "fuzz.jsonl", record_cb, &n,
                                       &report, &error) != (n > 0))
    __builtin_trap ();
  if ((n > 0) == (error != NULL))
    __builtin_trap ();
  for (guint i = 0; i < report.problems->len; i++)
    check_text (g_ptr_array_index (report.problems, i));

  return 0;
}
