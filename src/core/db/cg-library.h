/* cg-library.h: the user's library (user.db) and the bundled content in it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cg-db-error.h"

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

/* What a committed write changed, for CgLibrary::changed */
typedef enum /*< flags >*/ {
  CG_LIBRARY_CHANGE_NONE         = 0,
  CG_LIBRARY_CHANGE_JOBS         = 1 << 0,  /* postings */
  CG_LIBRARY_CHANGE_GUIDES       = 1 << 1,
  CG_LIBRARY_CHANGE_FAQ          = 1 << 2,
  CG_LIBRARY_CHANGE_ROLES        = 1 << 3,  /* roles and their aspects */
  CG_LIBRARY_CHANGE_FIGURES      = 1 << 4,  /* published market figures */
  CG_LIBRARY_CHANGE_APPLICATIONS = 1 << 5,  /* applications and their history */
  CG_LIBRARY_CHANGE_STAGES       = 1 << 6,
  CG_LIBRARY_CHANGE_CONTACTS     = 1 << 7,
  CG_LIBRARY_CHANGE_INTERVIEWS   = 1 << 8,
  CG_LIBRARY_CHANGE_TAGS         = 1 << 9,
  CG_LIBRARY_CHANGE_SKILLS       = 1 << 10, /* the vocabulary, the postings' skills */
  CG_LIBRARY_CHANGE_ALL          = (1 << 11) - 1,
} CgLibraryChange;

#define CG_TYPE_LIBRARY_CHANGE (cg_library_change_get_type ())
GType cg_library_change_get_type (void);

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
gboolean    cg_library_restore_content       (CgLibrary    *self,
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

guint64     cg_library_get_change_serial     (CgLibrary    *self);
void        cg_library_queue_changed         (CgLibrary    *self,
                                              CgLibraryChange what);
gboolean    cg_library_check_for_changes     (CgLibrary    *self);

G_END_DECLS
