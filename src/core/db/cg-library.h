/* cg-library.h: the user's library (user.db) and the bundled content in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define CG_TYPE_LIBRARY (cg_library_get_type ())

G_DECLARE_FINAL_TYPE (CgLibrary, cg_library, CG, LIBRARY, GObject)

typedef enum {
  CG_LIBRARY_KIND_JOBS,
  CG_LIBRARY_KIND_GUIDES,
  CG_LIBRARY_KIND_FAQ,
  CG_LIBRARY_KIND_ROLES,
  CG_LIBRARY_KIND_FIGURES,
  CG_LIBRARY_KIND_APPLICATIONS,
} CgLibraryKind;

char       *cg_library_dup_default_path      (void);
char       *cg_library_dup_content_path      (void);

CgLibrary  *cg_library_new                   (const char   *path,
                                              const char   *content_path);
gboolean    cg_library_open                  (CgLibrary    *self,
                                              GError      **error);
gboolean    cg_library_is_open               (CgLibrary    *self);
gboolean    cg_library_start_fresh           (CgLibrary    *self,
                                              char        **moved_to,
                                              GError      **error);
const char *cg_library_get_path              (CgLibrary    *self);
const char *cg_library_get_content_problem   (CgLibrary    *self);
sqlite3    *cg_library_get_db                (CgLibrary    *self);

gboolean    cg_library_sync_content          (CgLibrary    *self,
                                              gboolean     *changed,
                                              GError      **error);

/* Every kind but CG_LIBRARY_KIND_APPLICATIONS (see
 * cg_tracker_list_applications()). */
GListModel *cg_library_list                  (CgLibrary    *self,
                                              CgLibraryKind kind,
                                              GError      **error);
gint64      cg_library_count                 (CgLibrary    *self,
                                              CgLibraryKind kind);
void        cg_library_count_async           (CgLibrary    *self,
                                              CgLibraryKind kind,
                                              GCancellable *cancellable,
                                              GAsyncReadyCallback callback,
                                              gpointer      user_data);
gint64      cg_library_count_finish          (CgLibrary    *self,
                                              GAsyncResult *result,
                                              GError      **error);

gint64      cg_library_find_application_for_job (CgLibrary  *self,
                                              const char   *job_key);

gboolean    cg_library_import_guide          (CgLibrary    *self,
                                              const char   *path,
                                              char        **slug,
                                              char        **warning,
                                              GError      **error);
gboolean    cg_library_delete_guide          (CgLibrary    *self,
                                              const char   *slug,
                                              GError      **error);

G_END_DECLS
