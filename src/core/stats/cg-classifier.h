/* cg-classifier.h: which role a posting is for
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct _CgClassifier CgClassifier;

CgClassifier *cg_classifier_new        (void);
gboolean      cg_classifier_add_title_rule (CgClassifier  *classifier,
                                        const char    *role,
                                        const char    *pattern,
                                        int            priority,
                                        GError       **error);
void          cg_classifier_add_keyword (CgClassifier *classifier,
                                        const char    *role,
                                        const char    *keyword);
CgClassifier *cg_classifier_new_from_db (sqlite3      *db,
                                        GError       **error);
const char   *cg_classifier_classify   (CgClassifier  *classifier,
                                        const char    *title,
                                        const char    *description);
void          cg_classifier_free       (CgClassifier  *classifier);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgClassifier, cg_classifier_free)

G_END_DECLS
