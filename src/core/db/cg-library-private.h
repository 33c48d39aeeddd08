/* cg-library-private.h: what the tests of CgLibrary look into
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "cg-library.h"

G_BEGIN_DECLS

gboolean cg_library_lookup_table_change (const char      *table,
                                         CgLibraryChange *change);

G_END_DECLS
