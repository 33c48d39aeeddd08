/* fuzz-html-jsonld.c: the JSON-LD blocks of a saved HTML page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTML reader of cg-job-import.c (libxml2's HTML parser, then
 * cg_jsonld_parse() on each <script type="application/ld+json">): every
 * posting it finds must be one the library can store.
 */
#include "config.h"

#include <stdint.h>
#include <string.h>

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

  check_text (record->title);
  check_text (record->company);
  check_text (record->description);
  check_text (record->key);
  for (guint i = 0; i < record->locations->len; i++)
    check_text (g_ptr_array_index (record->locations, i));

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

  ok = cg_job_import_html_buffer ((const char *) data, size, "fuzz.html", record_cb, &n,
                                  &report, &error);
  if (ok != (n > 0) || ok == (error != NULL))
    __builtin_trap ();
  for (guint i = 0; i < report.problems->len; i++)
    check_text (g_ptr_array_index (report.problems, i));

  return 0;
}
