/* test-front-matter.c: tests for the YAML front matter parser
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-front-matter"

#include <string.h>

#include <glib.h>

#include "cg-front-matter.h"

static void
assert_strv (const char * const *strv,
             ...)
{
  va_list args;
  const char *expected;
  guint i = 0;

  g_assert_nonnull (strv);

  va_start (args, strv);
  while ((expected = va_arg (args, const char *)) != NULL)
    {
      g_assert_nonnull (strv[i]);
      g_assert_cmpstr (strv[i], ==, expected);
      i++;
    }
  va_end (args);

  g_assert_null (strv[i]);
}

static void
assert_message_prefix (const GError *error,
                       const char   *prefix)
{
  g_assert_nonnull (error);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected message starting with “%s”, got “%s”", prefix, error->message);
}

/* The example of DOMAIN.md, verbatim: a flow list spread over several lines
 * with a trailing comma. */
static void
test_flow_list_multiline (void)
{
  const char *text =
    "---\n"
    "title: \"...\"\n"
    "description: \"...\"\n"
    "keywords:\n"
    "  [\n"
    "    \"Firmware Engineer\",\n"
    "    \"Embedded Engineer\",\n"
    "  ]\n"
    "layout: recruit\n"
    "image: /images/photo.jpeg\n"
    "---\n"
    "# Heading\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (cg_front_matter_has_block (fm));
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "...");
  g_assert_cmpstr (cg_front_matter_get_description (fm), ==, "...");
  assert_strv (cg_front_matter_get_keywords (fm), "Firmware Engineer", "Embedded Engineer", NULL);
  g_assert_cmpstr (cg_front_matter_get_string (fm, "layout"), ==, "recruit");
  g_assert_cmpstr (cg_front_matter_get_image (fm), ==, "/images/photo.jpeg");
  g_assert_null (cg_front_matter_get_image_alt (fm));
  g_assert_null (cg_front_matter_get_date (fm));
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "# Heading\n");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 12);
}

static void
test_flow_list_inline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm =
    cg_front_matter_parse ("---\nkeywords: [TinyML, \"RTOS\", 'C++',]\n---\n", -1, &error);

  g_assert_no_error (error);
  assert_strv (cg_front_matter_get_keywords (fm), "TinyML", "RTOS", "C++", NULL);
  assert_strv (cg_front_matter_get_list (fm, "keywords"), "TinyML", "RTOS", "C++", NULL);
  g_assert_null (cg_front_matter_get_string (fm, "keywords"));
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "");
}

static void
test_block_list (void)
{
  const char *text =
    "---\n"
    "title: Embedded ML\n"
    "keywords:\n"
    "  - Firmware Engineer\n"
    "  - \"Embedded Engineer\"\n"
    "  -\n"
    "  - TinyML\n"
    "---\n"
    "Body\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "Embedded ML");
  /* the empty item is null and left out */
  assert_strv (cg_front_matter_get_keywords (fm),
               "Firmware Engineer", "Embedded Engineer", "TinyML", NULL);
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body\n");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 9);
}

static void
test_keywords_scalar (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm =
    cg_front_matter_parse ("---\nkeywords: Firmware Engineer\n---\n", -1, &error);
  g_autoptr(CgFrontMatter) empty = NULL;
  g_autoptr(CgFrontMatter) absent = NULL;

  g_assert_no_error (error);
  assert_strv (cg_front_matter_get_keywords (fm), "Firmware Engineer", NULL);

  empty = cg_front_matter_parse ("---\nkeywords:\n---\n", -1, &error);
  g_assert_no_error (error);
  assert_strv (cg_front_matter_get_keywords (empty), NULL);

  absent = cg_front_matter_parse ("---\ntitle: x\n---\n", -1, &error);
  g_assert_no_error (error);
  g_assert_null (cg_front_matter_get_keywords (absent));
}

static void
test_image_map (void)
{
  static const struct {
    const char *text;
    const char *path;
    const char *alt;
  } cases[] = {
    { "---\nimage: { path: /images/a.png, alt: \"A board\" }\n---\n", "/images/a.png", "A board" },
    { "---\nimage:\n  src: /images/b.png\n  alt: B\n---\n", "/images/b.png", "B" },
    { "---\nimage: {url: /images/c.png}\n---\n", "/images/c.png", NULL },
    { "---\nimage: {alt: only alt}\n---\n", NULL, "only alt" },
    /* path wins over src and url, whatever the order */
    { "---\nimage: {url: /u.png, path: /p.png, src: /s.png}\n---\n", "/p.png", NULL },
    { "---\nimage:\n---\n", NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (cases[i].text, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (cg_front_matter_get_image (fm), ==, cases[i].path);
      g_assert_cmpstr (cg_front_matter_get_image_alt (fm), ==, cases[i].alt);
    }
}

static void
test_image_wrong_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm =
    cg_front_matter_parse ("---\ntitle: T\nimage:\n  path: [a, b]\n  alt: Alt\n---\n",
                           -1, &error);

  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_TYPE);
  assert_message_prefix (error, "line 4: ");
  g_assert_null (cg_front_matter_get_image (fm));
  g_assert_cmpstr (cg_front_matter_get_image_alt (fm), ==, "Alt");
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "T");
}

static void
test_dots_close (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm =
    cg_front_matter_parse ("---\ntitle: Dots\n...\nBody\n---\nmore\n", -1, &error);

  g_assert_no_error (error);
  g_assert_true (cg_front_matter_has_block (fm));
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "Dots");
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body\n---\nmore\n");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 4);
}

static void
test_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm =
    cg_front_matter_parse ("\xEF\xBB\xBF---\ntitle: BOM\n---\nBody", -1, &error);
  g_autoptr(CgFrontMatter) plain = NULL;

  g_assert_no_error (error);
  g_assert_true (cg_front_matter_has_block (fm));
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "BOM");
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 4);

  /* a BOM without front matter is dropped from the body too */
  plain = cg_front_matter_parse ("\xEF\xBB\xBF# Title\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (cg_front_matter_has_block (plain));
  g_assert_cmpstr (cg_front_matter_get_body (plain), ==, "# Title\n");
}

static void
test_crlf (void)
{
  const char *text =
    "---  \r\n"
    "title: Windows\r\n"
    "keywords:\r\n"
    "  [\r\n"
    "    \"a\",\r\n"
    "    \"b\",\r\n"
    "  ]\r\n"
    "---\r\n"
    "Body\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);
  g_autoptr(CgFrontMatter) broken = NULL;

  g_assert_no_error (error);
  g_assert_true (cg_front_matter_has_block (fm));
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "Windows");
  assert_strv (cg_front_matter_get_keywords (fm), "a", "b", NULL);
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body\r\n");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 9);

  /* line numbers of errors count CRLF as one line end */
  broken = cg_front_matter_parse ("---\r\ntitle: a\r\n\r\nkeywords: [a, , b]\r\n---\r\n",
                                  -1, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  assert_message_prefix (error, "line 4: ");
}

static void
test_no_front_matter (void)
{
  static const char * const texts[] = {
    "# Just Markdown\n\n---\ntitle: not front matter\n---\n",
    "",
    "----\ntitle: x\n---\n",
    "--- title: x\n---\n",
    " ---\ntitle: x\n---\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (texts[i], -1, &error);

      g_assert_no_error (error);
      g_assert_false (cg_front_matter_has_block (fm));
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, texts[i]);
      g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 1);
      g_assert_null (cg_front_matter_get_title (fm));
      g_assert_null (cg_front_matter_get_keywords (fm));
      g_assert_null (cg_front_matter_get_keys (fm));
    }
}

static void
test_null_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (NULL, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (fm);
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "");
}

static void
test_length (void)
{
  /* not NUL-terminated: only the first @length bytes count */
  const char buffer[] = "---\ntitle: Cut\n---\nBodyXXXX";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (buffer, strlen (buffer) - 4, &error);
  g_autoptr(CgFrontMatter) cut = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "Cut");
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body");

  /* the cut falls inside the closing line: unclosed */
  cut = cg_front_matter_parse (buffer, 16, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_UNCLOSED);
  g_assert_cmpstr (cg_front_matter_get_body (cut), ==, "---\ntitle: Cut\n-");
}

static void
test_empty_block (void)
{
  static const char * const texts[] = {
    "---\n---\nBody",
    "---\n\n\n---\nBody",
    "---\n# only a comment\n---\nBody",
    "---\n~\n---\nBody",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (texts[i], -1, &error);

      g_assert_no_error (error);
      g_assert_true (cg_front_matter_has_block (fm));
      g_assert_null (cg_front_matter_get_title (fm));
      g_assert_null (cg_front_matter_get_keys (fm));
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body");
    }
}

static void
test_unclosed (void)
{
  static const char * const texts[] = {
    "---\ntitle: Never closed\n\n# Body\n",
    "---",
    "---\n",
    "--- \t",
    "\xEF\xBB\xBF---\r\ntitle: x\r\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (texts[i], -1, &error);
      const char *expected_body = texts[i];

      if (g_str_has_prefix (expected_body, "\xEF\xBB\xBF"))
        expected_body += 3;

      g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_UNCLOSED);
      g_assert_cmpstr (error->message, ==, "line 1: front matter opened here is never closed");
      g_assert_false (cg_front_matter_has_block (fm));
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, expected_body);
      g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 1);
      g_assert_null (cg_front_matter_get_title (fm));
    }
}

static void
test_syntax_error_line (void)
{
  const char *text =
    "---\n"                          /* 1 */
    "title: Fine\n"                  /* 2 */
    "description: Also fine\n"       /* 3 */
    "keywords: [a, , b]\n"           /* 4: the error */
    "date: 2026-05-01\n"             /* 5 */
    "---\n"                          /* 6 */
    "Body\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);

  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  g_assert_cmpstr (error->message, ==, "line 4: did not find expected node content");
  g_assert_true (cg_front_matter_has_block (fm));
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body\n");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, 7);
  /* fields stay empty */
  g_assert_null (cg_front_matter_get_title (fm));
  g_assert_null (cg_front_matter_get_description (fm));
  g_assert_null (cg_front_matter_get_keywords (fm));
  g_assert_null (cg_front_matter_get_string (fm, "date"));
  g_assert_null (cg_front_matter_get_keys (fm));
}

static void
test_syntax_error_lines (void)
{
  static const struct {
    const char *text;
    const char *prefix;
  } cases[] = {
    { "---\ntitle: a\ndescription: b\nimage: x: y\n---\n", "line 4: " },
    { "---\ntitle: a\n\n\nkeywords: -\n---\n", "line 5: " },
    { "\xEF\xBB\xBF---\ntitle: \"open\n---\n", "line 3: " },
    { "---\ntitle: a\n\tb: c\n---\n", "line 3: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (cases[i].text, -1, &error);

      g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
      assert_message_prefix (error, cases[i].prefix);
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "");
    }
}

static void
test_not_mapping (void)
{
  static const struct {
    const char *text;
    const char *prefix;
  } cases[] = {
    { "---\njust a sentence\n---\nBody", "line 2: " },
    { "---\n\n- a\n- b\n---\nBody", "line 3: " },
    { "---\n[a, b]\n---\nBody", "line 2: " },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (cases[i].text, -1, &error);

      g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_NOT_MAPPING);
      assert_message_prefix (error, cases[i].prefix);
      g_assert_true (cg_front_matter_has_block (fm));
      g_assert_null (cg_front_matter_get_keys (fm));
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body");
    }
}

static void
test_wrong_type (void)
{
  const char *text =
    "---\n"
    "description: Still read\n"
    "title:\n"                        /* 3: a list where text belongs */
    "  - one\n"
    "  - two\n"
    "date: { year: 2026 }\n"          /* 6: reported after the first error, not at all */
    "keywords: [a, b]\n"
    "---\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);
  g_autoptr(CgFrontMatter) map = NULL;
  g_autoptr(CgFrontMatter) kw = NULL;

  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_TYPE);
  assert_message_prefix (error, "line 3: ");
  g_assert_nonnull (strstr (error->message, "title"));
  g_assert_null (cg_front_matter_get_title (fm));
  g_assert_null (cg_front_matter_get_date (fm));
  g_assert_cmpstr (cg_front_matter_get_description (fm), ==, "Still read");
  assert_strv (cg_front_matter_get_keywords (fm), "a", "b", NULL);
  /* the value is still kept as what it is */
  assert_strv (cg_front_matter_get_list (fm, "title"), "one", "two", NULL);
  g_assert_cmpstr (cg_front_matter_get_string (fm, "date.year"), ==, "2026");
  g_clear_error (&error);

  map = cg_front_matter_parse ("---\ntitle: {a: b}\ndescription: D\n---\n", -1, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_TYPE);
  assert_message_prefix (error, "line 2: ");
  g_assert_cmpstr (cg_front_matter_get_description (map), ==, "D");
  g_clear_error (&error);

  kw = cg_front_matter_parse ("---\ntitle: T\nkeywords: [a, [b, c]]\n---\n", -1, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_TYPE);
  assert_message_prefix (error, "line 3: ");
  g_assert_null (cg_front_matter_get_keywords (kw));
  g_assert_cmpstr (cg_front_matter_get_title (kw), ==, "T");
}

static void
test_unknown_keys (void)
{
  const char *text =
    "---\n"
    "title: Known\n"
    "layout: recruit\n"
    "tags: [ml, embedded]\n"
    "authors:\n"
    "  - Ana\n"
    "  - Ben\n"
    "draft: false\n"
    "weight: 10\n"
    "empty:\n"
    "seo:\n"
    "  canonical: https://example.com/guide\n"
    "  social: { card: summary, tags: [x, y] }\n"
    "mixed: [a, {b: c}]\n"
    "date: 2026-05-01 10:00:00 +02:00\n"
    "---\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (cg_front_matter_get_string (fm, "title"), ==, "Known");
  g_assert_cmpstr (cg_front_matter_get_string (fm, "layout"), ==, "recruit");
  assert_strv (cg_front_matter_get_list (fm, "tags"), "ml", "embedded", NULL);
  assert_strv (cg_front_matter_get_list (fm, "authors"), "Ana", "Ben", NULL);
  assert_strv (cg_front_matter_get_list (fm, "layout"), "recruit", NULL);
  g_assert_cmpstr (cg_front_matter_get_string (fm, "draft"), ==, "false");
  g_assert_cmpstr (cg_front_matter_get_string (fm, "weight"), ==, "10");
  g_assert_null (cg_front_matter_get_string (fm, "empty"));
  assert_strv (cg_front_matter_get_list (fm, "empty"), NULL);
  g_assert_null (cg_front_matter_get_string (fm, "seo"));
  g_assert_null (cg_front_matter_get_list (fm, "seo"));
  g_assert_cmpstr (cg_front_matter_get_string (fm, "seo.canonical"), ==,
                   "https://example.com/guide");
  g_assert_cmpstr (cg_front_matter_get_string (fm, "seo.social.card"), ==, "summary");
  assert_strv (cg_front_matter_get_list (fm, "seo.social.tags"), "x", "y", NULL);
  g_assert_null (cg_front_matter_get_list (fm, "mixed"));
  g_assert_null (cg_front_matter_get_string (fm, "mixed"));
  g_assert_cmpstr (cg_front_matter_get_date (fm), ==, "2026-05-01 10:00:00 +02:00");
  g_assert_null (cg_front_matter_get_string (fm, "missing"));
  g_assert_null (cg_front_matter_get_list (fm, "missing"));
}

static void
test_keys_order (void)
{
  const char *text =
    "---\n"
    "zeta: 1\n"
    "title: T\n"
    "alpha: [a]\n"
    "nested: {inner: x}\n"
    "zeta: 2\n"          /* a duplicate keeps its first place */
    "\"quoted key\": q\n"
    "---\n";
  static const char * const expected[] = { "zeta", "title", "alpha", "nested", "quoted key" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);
  GList *keys;
  GList *l;
  guint i = 0;

  g_assert_no_error (error);
  keys = cg_front_matter_get_keys (fm);
  for (l = keys; l != NULL; l = l->next, i++)
    {
      g_assert_cmpuint (i, <, G_N_ELEMENTS (expected));
      g_assert_cmpstr (l->data, ==, expected[i]);
    }
  g_assert_cmpuint (i, ==, G_N_ELEMENTS (expected));
  g_list_free (keys);
}

static void
test_duplicate_keys (void)
{
  const char *text =
    "---\n"
    "title: [wrong, kind]\n"
    "title: Second\n"
    "keywords: [a]\n"
    "keywords: b\n"
    "extra: {x: 1}\n"
    "extra: 2\n"
    "---\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (text, -1, &error);

  /* the first title would be a type error, but the last one wins */
  g_assert_no_error (error);
  g_assert_cmpstr (cg_front_matter_get_title (fm), ==, "Second");
  assert_strv (cg_front_matter_get_keywords (fm), "b", NULL);
  g_assert_cmpstr (cg_front_matter_get_string (fm, "extra"), ==, "2");
  g_assert_null (cg_front_matter_get_string (fm, "extra.x"));
}

static void
test_body_line (void)
{
  static const struct {
    const char *text;
    guint line;
    const char *body;
  } cases[] = {
    { "---\n---\n", 3, "" },
    { "---\n---", 3, "" },
    { "---\na: 1\nb: 2\n---\n\nBody", 5, "\nBody" },
    { "---\r\na: 1\r\n---\r\nBody", 4, "Body" },
    { "No front matter", 1, "No front matter" },
    { "\xEF\xBB\xBF---\n\n\n\n...   \nBody", 6, "Body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (cases[i].text, -1, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, cases[i].line);
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, cases[i].body);
    }
}

static void
test_invalid_utf8 (void)
{
  static const struct {
    const char *text;
    gssize length;
    const char *prefix;
  } cases[] = {
    { "---\ntitle: ok\ndescription: caf\xE9\n---\nBody", -1, "line 3: " },
    { "---\n\xFF\xFE: x\n---\nBody", -1, "line 2: " },
    { "---\ntitle: \xED\xA0\x80\n---\nBody", -1, "line 2: " },     /* a surrogate */
    { "---\ntitle: \xC0\xAF\n---\nBody", -1, "line 2: " },         /* overlong */
    /* a NUL byte; the length leaves out only the final NUL */
    { "---\na: 1\nti\0tle: x\n---\nBody", sizeof ("---\na: 1\nti\0tle: x\n---\nBody") - 1,
      "line 3: " },
    { "---\ntitle: \"a\\0b\"\n---\nBody", -1, "line 2: " },        /* a NUL escape */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm =
        cg_front_matter_parse (cases[i].text, cases[i].length, &error);

      g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_ENCODING);
      assert_message_prefix (error, cases[i].prefix);
      g_assert_null (cg_front_matter_get_title (fm));
      g_assert_null (cg_front_matter_get_keys (fm));
      g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body");
    }
}

static void
test_control_characters (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm =
    cg_front_matter_parse ("---\ntitle: ok\ndescription: bell\x07\n---\nBody", -1, &error);

  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  assert_message_prefix (error, "line 3: ");
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body");
}

static void
test_too_long (void)
{
  g_autoptr(GString) text = g_string_new ("---\ntitle: Big\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = NULL;
  guint lines = 2;

  while (text->len < 100 * 1024)
    {
      g_string_append_printf (text, "key%u: some value that fills the block\n", lines);
      lines++;
    }
  g_string_append (text, "---\nBody\n");

  g_test_timer_start ();
  fm = cg_front_matter_parse (text->str, text->len, &error);
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 1.0);

  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "front matter too long"));
  g_assert_true (cg_front_matter_has_block (fm));
  g_assert_null (cg_front_matter_get_title (fm));
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body\n");
  g_assert_cmpuint (cg_front_matter_get_body_line (fm), ==, lines + 2);
}

static void
test_alias_bomb (void)
{
  const char *text =
    "---\n"
    "title: Laughs\n"
    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
    "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
    "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
    "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
    "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
    "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
    "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n"
    "---\n"
    "Body\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm = NULL;

  g_test_timer_start ();
  fm = cg_front_matter_parse (text, -1, &error);
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 0.5);

  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  assert_message_prefix (error, "line 4: ");
  g_assert_null (cg_front_matter_get_title (fm));
  g_assert_null (cg_front_matter_get_list (fm, "i"));
  g_assert_cmpstr (cg_front_matter_get_body (fm), ==, "Body\n");
}

static void
test_limits (void)
{
  g_autoptr(GString) deep = g_string_new ("---\nkey: ");
  g_autoptr(GString) wide = g_string_new ("---\nkey: [");
  g_autoptr(GError) error = NULL;
  g_autoptr(CgFrontMatter) fm_deep = NULL;
  g_autoptr(CgFrontMatter) fm_wide = NULL;
  g_autoptr(CgFrontMatter) fm_docs = NULL;

  for (guint i = 0; i < 30000; i++)
    g_string_append_c (deep, '[');
  g_string_append (deep, "\n---\nBody");
  fm_deep = cg_front_matter_parse (deep->str, deep->len, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  assert_message_prefix (error, "line 2: ");
  g_assert_cmpstr (cg_front_matter_get_body (fm_deep), ==, "Body");
  g_clear_error (&error);

  for (guint i = 0; i < 20000; i++)
    g_string_append (wide, "1,");
  g_string_append (wide, "]\n---\nBody");
  fm_wide = cg_front_matter_parse (wide->str, wide->len, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  g_assert_cmpstr (cg_front_matter_get_body (fm_wide), ==, "Body");
  g_clear_error (&error);

  fm_docs = cg_front_matter_parse ("---\na: 1\n--- b\n---\nBody", -1, &error);
  g_assert_error (error, CG_FRONT_MATTER_ERROR, CG_FRONT_MATTER_ERROR_SYNTAX);
  assert_message_prefix (error, "line 3: ");
  g_assert_null (cg_front_matter_get_string (fm_docs, "a"));
}

/* Every prefix of a document and random byte changes must be safe (the real
 * fuzzing is in tests/fuzz/; this runs the same code under the sanitizers). */
static void
test_mutations (void)
{
  const char *text =
    "\xEF\xBB\xBF---\r\n"
    "title: \"Embedded \\u00e9 ML\"\n"
    "keywords:\n"
    "  [\n"
    "    \"Firmware Engineer\",\n"
    "    'Embedded Engineer',\n"
    "  ]\n"
    "image: { path: /images/photo.jpeg, alt: >-\n    folded\n    alt }\n"
    "seo: &x\n  a: [1, 2]\n  b: |\n    literal\n"
    "? [complex, key]\n: value\n"
    "...\n"
    "Body ü\n";
  gsize len = strlen (text);
  g_autofree char *copy = NULL;
  GRand *rand = g_rand_new_with_seed (4);

  for (gsize i = 0; i <= len; i++)
    {
      g_autofree char *prefix = g_strndup (text, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = cg_front_matter_parse (prefix, i, &error);
      g_autoptr(CgFrontMatter) fm2 = cg_front_matter_parse (prefix, -1, NULL);

      g_assert_nonnull (cg_front_matter_get_body (fm));
      g_assert_nonnull (cg_front_matter_get_body (fm2));
    }

  copy = g_malloc (len);
  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CgFrontMatter) fm = NULL;
      GList *keys;

      memcpy (copy, text, len);
      for (guint n = g_rand_int_range (rand, 1, 6); n > 0; n--)
        copy[g_rand_int_range (rand, 0, len)] = (char) g_rand_int_range (rand, 0, 256);

      /* not NUL-terminated on purpose, so ASan sees any overread */
      fm = cg_front_matter_parse (copy, len, &error);
      g_assert_nonnull (cg_front_matter_get_body (fm));
      g_assert_cmpuint (cg_front_matter_get_body_line (fm), >=, 1);
      keys = cg_front_matter_get_keys (fm);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          cg_front_matter_get_string (fm, l->data);
          cg_front_matter_get_list (fm, l->data);
        }
      g_list_free (keys);
      if (error != NULL)
        g_assert_true (g_str_has_prefix (error->message, "line "));
    }

  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/front-matter/flow-list-multiline", test_flow_list_multiline);
  g_test_add_func ("/front-matter/flow-list-inline", test_flow_list_inline);
  g_test_add_func ("/front-matter/block-list", test_block_list);
  g_test_add_func ("/front-matter/keywords-scalar", test_keywords_scalar);
  g_test_add_func ("/front-matter/image-map", test_image_map);
  g_test_add_func ("/front-matter/image-wrong-type", test_image_wrong_type);
  g_test_add_func ("/front-matter/dots-close", test_dots_close);
  g_test_add_func ("/front-matter/bom", test_bom);
  g_test_add_func ("/front-matter/crlf", test_crlf);
  g_test_add_func ("/front-matter/no-front-matter", test_no_front_matter);
  g_test_add_func ("/front-matter/null-text", test_null_text);
  g_test_add_func ("/front-matter/length", test_length);
  g_test_add_func ("/front-matter/empty-block", test_empty_block);
  g_test_add_func ("/front-matter/unclosed", test_unclosed);
  g_test_add_func ("/front-matter/syntax-error-line", test_syntax_error_line);
  g_test_add_func ("/front-matter/syntax-error-lines", test_syntax_error_lines);
  g_test_add_func ("/front-matter/not-mapping", test_not_mapping);
  g_test_add_func ("/front-matter/wrong-type", test_wrong_type);
  g_test_add_func ("/front-matter/unknown-keys", test_unknown_keys);
  g_test_add_func ("/front-matter/keys-order", test_keys_order);
  g_test_add_func ("/front-matter/duplicate-keys", test_duplicate_keys);
  g_test_add_func ("/front-matter/body-line", test_body_line);
  g_test_add_func ("/front-matter/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/front-matter/control-characters", test_control_characters);
  g_test_add_func ("/front-matter/too-long", test_too_long);
  g_test_add_func ("/front-matter/alias-bomb", test_alias_bomb);
  g_test_add_func ("/front-matter/limits", test_limits);
  g_test_add_func ("/front-matter/mutations", test_mutations);

  return g_test_run ();
}
