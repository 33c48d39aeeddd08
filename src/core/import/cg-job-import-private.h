/* cg-job-import-private.h: the readers of cg-job-import.c, on a buffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the fuzz targets and the tests: each reader runs on a buffer and hands
 * every posting it finds to a callback instead of writing it to a database.
 */
#pragma once

#include "cg-job-import.h"
#include "cg-job-record.h"

G_BEGIN_DECLS

/* @record is lent for the duration of the call (its strings may point into
 * the reader's buffers). Returning FALSE with @error set stops the reader,
 * which then fails with that error. */
typedef gboolean (*CgImportRecordFunc) (const CgJobRecord  *record,
                                        gpointer            user_data,
                                        GError            **error);

/* Each fills in @report (as cg_job_import_file() does, except for added and
 * updated, which only the callback knows) and returns TRUE when at least one
 * posting was handed to @func. @name is the file name used in messages.
 * The JSON reader streams a top-level array (in small reads, so that tests
 * and fuzzing cut it everywhere): when it refuses the text halfway, the
 * postings before have been handed to @func already (cg_job_import_file()
 * rolls them back). */
gboolean cg_job_import_csv_buffer        (const char          *data,
                                          gsize                length,
                                          const char          *name,
                                          CgImportRecordFunc   func,
                                          gpointer             user_data,
                                          CgImportReport      *report,
                                          GError             **error);
gboolean cg_job_import_json_lines_buffer (const char          *data,
                                          gsize                length,
                                          const char          *name,
                                          CgImportRecordFunc   func,
                                          gpointer             user_data,
                                          CgImportReport      *report,
                                          GError             **error);
gboolean cg_job_import_json_buffer       (const char          *data,
                                          gsize                length,
                                          const char          *name,
                                          CgImportRecordFunc   func,
                                          gpointer             user_data,
                                          CgImportReport      *report,
                                          GError             **error);
gboolean cg_job_import_html_buffer       (const char          *data,
                                          gsize                length,
                                          const char          *name,
                                          CgImportRecordFunc   func,
                                          gpointer             user_data,
                                          CgImportReport      *report,
                                          GError             **error);

/* @text (UTF-8) as cg_html_to_markdown() writes plain text, without
 * parsing it; NULL when @text is not plain (it has "<", "&", or control
 * characters libxml2 would treat differently) */
char    *cg_job_import_plain_text_to_markdown (const char *text);

/* The JSON-LD blocks of the page @data, in order, as the HTML reader finds
 * them: "LINE:TEXT" (LINE that of the <script> tag; TEXT "(too long)" for
 * a block over CG_IMPORT_MAX_JSON_DOCUMENT_SIZE); NULL if it cannot be
 * read. For the fuzz target, which compares them with a document tree's. */
GPtrArray *cg_job_import_html_blocks     (const char *data,
                                          gsize       length);
/* Whether a <script>'s @type is JSON-LD ("application/ld+json", in any
 * case, parameters ignored) */
gboolean cg_job_import_is_json_ld_type (const char *type);

/* TRUE when @data is a whole JSON value followed by more text, which
 * json-glib 1.6 drops without an error (and leaks): the importer never hands
 * such text to json-glib or cg_jsonld_parse() */
gboolean cg_job_import_json_has_text_after_value (const char *data,
                                                  gsize       length);

G_END_DECLS
