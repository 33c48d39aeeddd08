/* cg-job-lookup.h: one posting of the library, by its key or for its description
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

#include "cg-job.h"
#include "cg-library.h"

G_BEGIN_DECLS

gint64  cg_job_lookup_id           (CgLibrary   *library,
                                    const char  *key);
char   *cg_job_lookup_description  (CgLibrary   *library,
                                    CgJob       *job,
                                    GError     **error);

G_END_DECLS
