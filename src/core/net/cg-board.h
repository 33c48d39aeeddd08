/* cg-board.h: company job boards and their public JSON APIs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cg-job-record.h"

G_BEGIN_DECLS

#define CG_BOARD_ERROR (cg_board_error_quark ())

typedef enum {
  CG_BOARD_ERROR_INVALID,     /* not JSON, or not the shape of that board's API */
} CgBoardError;

typedef enum {
  CG_BOARD_GREENHOUSE,        /* boards.greenhouse.io/TOKEN, job-boards.greenhouse.io/TOKEN */
  CG_BOARD_LEVER,             /* jobs.lever.co/SITE */
  CG_BOARD_LEVER_EU,          /* jobs.eu.lever.co/SITE */
  CG_BOARD_ASHBY,             /* jobs.ashbyhq.com/BOARD */
  CG_BOARD_SMARTRECRUITERS,   /* jobs.smartrecruiters.com/COMPANY */
} CgBoardKind;

/* Tests point every board API at their own server with this variable:
 * CG_BOARD_API_BASE=http://127.0.0.1:PORT makes the API URLs
 * BASE/greenhouse/..., BASE/lever/..., BASE/ashby/..., BASE/smartrecruiters/... */
#define CG_BOARD_API_BASE_ENV "CG_BOARD_API_BASE"

GQuark      cg_board_error_quark   (void);

const char *cg_board_kind_to_string (CgBoardKind kind);

/* Whether @url is the link of a company's board (or of a posting on it):
 * its kind and token (the company's name in the board's links). */
gboolean    cg_board_parse_link    (const char   *url,
                                    CgBoardKind  *kind,
                                    char        **token);

/* The public API URL that lists every open posting of the board @token
 * (Lever: its first page, see cg_board_dup_api_page_url()) */
char       *cg_board_dup_api_url   (CgBoardKind   kind,
                                    const char   *token);

/* Lever pages its list: @skip postings on, at most @limit */
char       *cg_board_dup_api_page_url (CgBoardKind kind,
                                       const char *token,
                                       guint       skip,
                                       guint       limit);

/* Reads an answer of the board's API (@data, @length bytes of JSON) into
 * records: title, company (the API's, else @token), locations,
 * arrangement, employment type, department (as the category), pay through
 * the pay module, date posted, the description through HTML to Markdown,
 * the posting's own link, and the board's identifier (which makes the
 * key). SmartRecruiters: a list of postings or one posting's detail.
 * Postings without a title are skipped, each adding a line to @warnings
 * (may be NULL).
 *
 * Returns: (transfer full): the records (perhaps none), or NULL with
 *   CG_BOARD_ERROR_INVALID when the text is not such an answer */
GPtrArray  *cg_board_read          (CgBoardKind   kind,
                                    const char   *data,
                                    gsize         length,
                                    const char   *token,
                                    GPtrArray    *warnings,
                                    GError      **error);

G_END_DECLS
