/* fuzz-jsonld.c: schema.org JobPosting JSON-LD, as a document and as JSON Lines
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The input goes to cg_jsonld_parse() (a JSON document), to the importer's
 * JSON Lines reader and to its JSON reader, which streams a
 * top-level array an element at a time (in reads of a few bytes, so that
 * every string, escape and comment is cut somewhere); every posting they
 * find must be one the library can store. A streamed array must give what
 * cg_jsonld_parse() gives for the whole text: the same postings and
 * warnings, and a refusal when it refuses. Run with G_SLICE=always-malloc,
 * so that leaks in GLib's slices are seen.
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
starts_array (const uint8_t *data,
              size_t         size)
{
  size_t i = 0;

  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    i = 3;
  while (i < size && strchr (" \t\n\r\f\v", data[i]) != NULL && data[i] != '\0')
    i++;
  return i < size && data[i] == '[';
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
  g_autoptr(GError) whole_error = NULL;
  g_auto(CgImportReport) report = { 0 };
  gboolean whole_read = FALSE;
  gboolean ok;
  guint n = 0;

  /* json-glib 1.6 leaks the values after the first: the importer never
   * gives it such text (see cg_job_import_json_has_text_after_value()) */
  if (!cg_job_import_json_has_text_after_value ((const char *) data, size))
    {
      whole_read = TRUE;
      records = cg_jsonld_parse ((const char *) data, size, warnings, &whole_error);
      if ((records == NULL) == (whole_error == NULL))
        __builtin_trap ();
    }
  for (guint i = 0; records != NULL && i < records->len; i++)
    check_record (g_ptr_array_index (records, i));

  /* The JSON reader */
  ok = cg_job_import_json_buffer ((const char *) data, size, "fuzz.json", record_cb, &n,
                                  &report, &error);
  /* (an array refused halfway has handed postings over already) */
  if ((ok && n == 0) || ok == (error != NULL))
    __builtin_trap ();
  for (guint i = 0; i < report.problems->len; i++)
    check_text (g_ptr_array_index (report.problems, i));

  /* A streamed array finds what the whole text holds (the importer reads
   * both past a byte order mark; text it takes for binary data, it
   * refuses either way) */
  if (report.format == CG_IMPORT_FORMAT_JSON && starts_array (data, size) &&
      !g_error_matches (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NOT_TEXT))
    {
      const char *text = (const char *) data;
      size_t length = size;

      if (length >= 3 && memcmp (text, "\xef\xbb\xbf", 3) == 0)
        {
          text += 3;
          length -= 3;
        }
      if (text != (const char *) data && !cg_job_import_json_has_text_after_value (text, length))
        {
          whole_read = TRUE;
          g_clear_pointer (&records, g_ptr_array_unref);
          g_clear_error (&whole_error);
          g_ptr_array_set_size (warnings, 0);
          records = cg_jsonld_parse (text, length, warnings, &whole_error);
        }
      else if (text != (const char *) data)
        whole_read = FALSE;

      if (!whole_read)
        {
          /* json-glib would not read it all */
        }
      else if (records != NULL)
        {
          if (n != records->len ||
              (error != NULL && !g_error_matches (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS)))
            __builtin_trap ();
          if (warnings->len <= CG_IMPORT_MAX_PROBLEMS && report.problems->len != warnings->len)
            __builtin_trap ();
          for (guint i = 0; i < report.problems->len && i < MIN (warnings->len, CG_IMPORT_MAX_PROBLEMS); i++)
            if (strcmp (g_ptr_array_index (report.problems, i), g_ptr_array_index (warnings, i)) != 0)
              __builtin_trap ();
        }
      else if (g_error_matches (whole_error, CG_JSONLD_ERROR, CG_JSONLD_ERROR_NO_POSTINGS))
        {
          if (!g_error_matches (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_NO_POSTINGS))
            __builtin_trap ();
        }
      else if (!g_error_matches (error, CG_IMPORT_ERROR, CG_IMPORT_ERROR_INVALID))
        __builtin_trap ();
    }
  cg_import_report_clear (&report);
  n = 0;

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
