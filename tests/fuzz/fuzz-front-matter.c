/* fuzz-front-matter.c: libFuzzer target for YAML front matter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Any bytes: a result always comes back, every value is UTF-8, and an
 * error always says its line.
 */
#include "config.h"

#include <stdint.h>

#include <glib.h>

#include "cg-front-matter.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  CgFrontMatter *fm = cg_front_matter_parse ((const char *) data, (gssize) size, &error);
  GList *keys = cg_front_matter_get_keys (fm);

  for (GList *l = keys; l != NULL; l = l->next)
    {
      const char * const *list = cg_front_matter_get_list (fm, l->data);
      const char *s = cg_front_matter_get_string (fm, l->data);

      if (s != NULL && !g_utf8_validate (s, -1, NULL))
        __builtin_trap ();
      for (; list != NULL && *list != NULL; list++)
        if (!g_utf8_validate (*list, -1, NULL))
          __builtin_trap ();
    }
  g_list_free (keys);

  if (error != NULL && !g_str_has_prefix (error->message, "line "))
    __builtin_trap ();

  if (cg_front_matter_get_body (fm) == NULL)
    __builtin_trap ();

  cg_front_matter_free (fm);
  return 0;
}
