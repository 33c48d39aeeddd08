/* cg-jsonld.h: job postings from schema.org JobPosting JSON-LD
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "cg-job-record.h"

G_BEGIN_DECLS

#define CG_JSONLD_ERROR (cg_jsonld_error_quark ())

typedef enum {
  CG_JSONLD_ERROR_INVALID,     /* not JSON: the message is "LINE:COLUMN: what" */
  CG_JSONLD_ERROR_NO_POSTINGS, /* JSON, but no JobPosting in it */
} CgJsonldError;

GQuark       cg_jsonld_error_quark (void);

/* Reads every JobPosting in @data: a single object, an array, a @graph or an
 * ItemList. Postings that cannot be used (no title) are skipped and each adds
 * a line to @warnings ("posting 3: no title"). Returns the records, or NULL
 * with @error set when the text is not JSON. */
GPtrArray   *cg_jsonld_parse       (const char   *data,
                                    gssize        length,
                                    GPtrArray    *warnings,
                                    GError      **error);

/* Reads the JobPostings in @element, an element of a top-level JSON array,
 * as cg_jsonld_parse() reads them in the whole array: a reader that parses
 * a big array one element at a time gets the same records and warnings.
 * @n_seen counts the postings seen so far, used or not (it numbers the
 * warnings, "posting 3: ..."); the records are added to @records. */
void         cg_jsonld_read_element (JsonNode   *element,
                                     guint      *n_seen,
                                     GPtrArray  *records,
                                     GPtrArray  *warnings);

/* Adds to @postings (of JsonObject *, borrowed from @node) the JobPostings
 * in @node as cg_jsonld_parse() finds them: @node itself, the elements of
 * an array, a @graph, an ItemList and its ListItems, in document order. */
void         cg_jsonld_find_postings (JsonNode   *node,
                                      GPtrArray  *postings);

/* Turns one JSON object (already known to be a JobPosting) into a record, or
 * returns NULL and sets @reason. */
CgJobRecord *cg_jsonld_read_posting (JsonObject  *object,
                                     char       **reason);

G_END_DECLS
