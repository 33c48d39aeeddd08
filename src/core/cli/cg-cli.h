/* cg-cli.h: what the command line does without a window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _CgCliRequest CgCliRequest;

CgCliRequest *cg_cli_request_new        (GVariantDict        *options,
                                         const char          *cwd);
void          cg_cli_request_free       (CgCliRequest        *request);
const char   *cg_cli_request_get_output (CgCliRequest        *request);
const char   *cg_cli_request_get_errors (CgCliRequest        *request);
int           cg_cli_request_get_status (CgCliRequest        *request);

void          cg_cli_run                (CgCliRequest        *request);
void          cg_cli_run_async          (CgCliRequest        *request,
                                         gpointer             source_object,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
CgCliRequest *cg_cli_run_finish         (GAsyncResult        *result,
                                         GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCliRequest, cg_cli_request_free)

G_END_DECLS
