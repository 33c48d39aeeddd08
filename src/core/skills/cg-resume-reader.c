/* cg-resume-reader.c: the skills found in a resume file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Read from Resume…" (issue 17) reads a plain-text, Markdown or HTML file
 * and offers the skills the matcher finds in it for the user to confirm.
 * HTML goes through the importer's HTML-to-Markdown path, so that markup
 * and entities never reach the matcher. PDF files are not read yet (they
 * need poppler-glib): they are refused with a reason.
 */
#define G_LOG_DOMAIN "cg-skills"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cg-html-markdown.h"
#include "cg-resume-reader.h"

static gboolean
has_suffix_nocase (const char *name,
                   const char *suffix)
{
  gsize n = strlen (name), m = strlen (suffix);

  return n >= m && g_ascii_strcasecmp (name + n - m, suffix) == 0;
}

static gboolean
looks_like_html (const char *data,
                 gsize       length)
{
  gsize i = 0;

  while (i < length && g_ascii_isspace (data[i]))
    i++;
  return i < length && data[i] == '<' &&
         (g_strstr_len (data, (gssize) MIN (length, 4096), "<html") != NULL ||
          g_strstr_len (data, (gssize) MIN (length, 4096), "<HTML") != NULL ||
          g_strstr_len (data, (gssize) MIN (length, 4096), "<!") != NULL ||
          g_strstr_len (data, (gssize) MIN (length, 4096), "<body") != NULL ||
          g_strstr_len (data, (gssize) MIN (length, 4096), "<p") != NULL);
}

/* The skills in a resume held in memory; @name (a file name, may be NULL)
 * tells its kind by its extension, else its first bytes do. Returns the
 * matches in the order found (all counted as required: a resume has no
 * "nice to have"), or NULL with @error set. */
GArray *
cg_resume_find_skills (CgSkillMatcher  *matcher,
                       const char      *data,
                       gsize            length,
                       const char      *name,
                       GError         **error)
{
  g_autofree char *markdown = NULL;
  GArray *found;

  if (length >= 5 && memcmp (data, "%PDF-", 5) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("PDF resumes cannot be read yet: save it as text, Markdown or HTML"));
      return NULL;
    }
  if (memchr (data, '\0', length) != NULL || !g_utf8_validate (data, (gssize) length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This is not a text, Markdown or HTML file"));
      return NULL;
    }

  if ((name != NULL && (has_suffix_nocase (name, ".html") || has_suffix_nocase (name, ".htm") ||
                        has_suffix_nocase (name, ".xhtml"))) ||
      ((name == NULL || !(has_suffix_nocase (name, ".md") || has_suffix_nocase (name, ".txt") ||
                          has_suffix_nocase (name, ".markdown"))) &&
       looks_like_html (data, length)))
    {
      markdown = cg_html_to_markdown (data, (gssize) length);
      data = markdown ? markdown : "";
      length = strlen (data);
    }

  found = cg_skill_matcher_find (matcher, NULL, 0, data, (gssize) length);
  for (guint i = 0; i < found->len; i++)
    g_array_index (found, CgSkillMatch, i).need = CG_SKILL_NEED_REQUIRED;
  return found;
}

/* The same for the file at @path. */
GArray *
cg_resume_read_skills (CgSkillMatcher  *matcher,
                       const char      *path,
                       GError         **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *base = g_path_get_basename (path);
  GStatBuf st;
  gsize length;

  if (g_stat (path, &st) == 0 && st.st_size > CG_RESUME_MAX_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("“%s” is too large for a resume"), base);
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  return cg_resume_find_skills (matcher, contents, length, base, error);
}
