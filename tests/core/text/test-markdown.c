/* test-markdown.c: tests for the Markdown pipeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-markdown"

#include <string.h>

#include <glib.h>

#include "cg-markdown.h"

static const char * const compare_infos[] = { "compare", NULL };

static char *
render (const char *text)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render (text, -1, NULL, NULL, NULL);

  return g_strdup (cg_markdown_get_html (md));
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected “%s” in:\n%s", needle, haystack);
}

static void
assert_not_contains (const char *haystack,
                     const char *needle)
{
  if (strstr (haystack, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, haystack);
}

/* Case-insensitive, for tags that must never come out of raw HTML. */
static void
assert_no_tag (const char *html,
               const char *tag)
{
  g_autofree char *lower = g_ascii_strdown (html, -1);
  g_autofree char *open = g_strconcat ("<", tag, NULL);

  assert_not_contains (lower, open);
}

static void
assert_render (const char *text,
               const char *expected)
{
  g_autofree char *html = render (text);

  g_assert_cmpstr (html, ==, expected);
}

/* Input */

static void
test_empty (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render (NULL, -1, NULL, NULL, NULL);
  g_autoptr(CgMarkdown) md2 = cg_markdown_render ("", 0, NULL, NULL, NULL);
  g_autoptr(CgMarkdown) md3 = cg_markdown_render ("   \n\n\t\n", -1, NULL, NULL, NULL);

  g_assert_cmpstr (cg_markdown_get_html (md), ==, "");
  g_assert_cmpuint (cg_markdown_get_toc (md)->len, ==, 0);
  g_assert_null (cg_markdown_get_first_heading (md));
  g_assert_cmpuint (cg_markdown_get_word_count (md), ==, 0);
  g_assert_cmpuint (cg_markdown_get_reading_minutes (md), ==, 1);

  g_assert_cmpstr (cg_markdown_get_html (md2), ==, "");
  g_assert_cmpstr (cg_markdown_get_html (md3), ==, "");
}

static void
test_paragraph (void)
{
  assert_render ("Hello *world* and **you**.\n",
                 "<p>Hello <em>world</em> and <strong>you</strong>.</p>\n");
  assert_render ("- one\n- two\n",
                 "<ul>\n<li>one</li>\n<li>two</li>\n</ul>\n");
}

static void
test_length (void)
{
  const char *text = "# Title\n\nBody text that is cut";
  g_autoptr(CgMarkdown) md = cg_markdown_render (text, strlen ("# Title\n\nBody"), NULL, NULL, NULL);

  g_assert_cmpstr (cg_markdown_get_html (md), ==, "<h1 id=\"title\">Title</h1>\n<p>Body</p>\n");
}

static void
test_smart_punctuation (void)
{
  assert_render ("\"Quoted\" -- it's... here --- there\n",
                 "<p>“Quoted” – it’s… here — there</p>\n");
}

static void
test_invalid_utf8 (void)
{
  const char text[] = "Caf\xc3\xa9 \xff\xfe bad \xc3 end\n\n# Ti\xe2\x82tle\n";
  g_autoptr(CgMarkdown) md = cg_markdown_render (text, sizeof text - 1, NULL, NULL, NULL);
  const char *html = cg_markdown_get_html (md);

  g_assert_true (g_utf8_validate (html, -1, NULL));
  assert_contains (html, "Café");
  assert_contains (html, "\xef\xbf\xbd");   /* U+FFFD */
  g_assert_true (g_utf8_validate (cg_markdown_get_first_heading (md), -1, NULL));
}

static void
test_nul_bytes (void)
{
  const char text[] = "one\0two\n\n| a\0 | b |\n|---|---|\n";
  g_autoptr(CgMarkdown) md = cg_markdown_render (text, sizeof text - 1, NULL, NULL, NULL);
  const char *html = cg_markdown_get_html (md);

  g_assert_true (g_utf8_validate (html, -1, NULL));
  assert_contains (html, "one\xef\xbf\xbdtwo");
  assert_contains (html, "<table>");
}

/* Raw HTML */

static void
test_raw_html_block (void)
{
  g_autofree char *html = render ("<script>alert(1)</script>\n\n"
                                  "<iframe src=\"https://evil.example\"></iframe>\n\n"
                                  "<meta http-equiv=\"refresh\" content=\"0; url=https://evil.example\">\n\n"
                                  "<div onclick=\"alert(1)\">\n*text*\n</div>\n\n"
                                  "<style>body { display: none }</style>\n");

  assert_no_tag (html, "script");
  assert_no_tag (html, "iframe");
  assert_no_tag (html, "meta");
  assert_no_tag (html, "div");
  assert_no_tag (html, "style");
  assert_not_contains (html, "alert");
  assert_contains (html, "<!-- raw HTML omitted -->");
}

static void
test_raw_html_inline (void)
{
  g_autofree char *html = render ("a <img src=x onerror=alert(1)> b <SCRIPT>x</SCRIPT> "
                                  "<a href=\"javascript:alert(1)\">c</a> <iframe/src=x>\n\n"
                                  "# Head <script>alert(1)</script>\n\n"
                                  "| <script>x</script> | <img src=x> |\n|---|---|\n");

  assert_no_tag (html, "img");
  assert_no_tag (html, "script");
  assert_no_tag (html, "iframe");
  assert_no_tag (html, "a ");
  assert_contains (html, "<p>a <!-- raw HTML omitted --> b ");
}

static void
test_raw_html_in_alt (void)
{
  g_autofree char *html = render ("![<script>x</script> <b>alt</b>](pic.png)\n");

  assert_no_tag (html, "script");
  assert_no_tag (html, "b>");
  assert_contains (html, "<img src=\"cg-resource:///images/pic.png\"");
}

static void
test_entities_stay_escaped (void)
{
  assert_render ("&lt;script&gt;alert(1)&lt;/script&gt; &amp; `<b>`\n",
                 "<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; <code>&lt;b&gt;</code></p>\n");
}

/* Headings */

static void
test_heading_ids (void)
{
  assert_render ("# Hello, World!\n", "<h1 id=\"hello-world\">Hello, World!</h1>\n");
  assert_render ("### Salary *ranges* in 2024\n",
                 "<h3 id=\"salary-ranges-in-2024\">Salary <em>ranges</em> in 2024</h3>\n");
  assert_render ("Setext\n======\n", "<h1 id=\"setext\">Setext</h1>\n");
  assert_render ("Two\nlines\n---\n", "<h2 id=\"two-lines\">Two\nlines</h2>\n");
}

static void
test_heading_duplicates (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("## Skills\n## Skills\n## Skills\n## Skills 1\n## Skills-1\n",
                                                 -1, NULL, NULL, NULL);
  GPtrArray *toc = cg_markdown_get_toc (md);
  const char *expected[] = { "skills", "skills-1", "skills-2", "skills-1-1", "skills-1-2" };

  g_assert_cmpuint (toc->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < toc->len; i++)
    {
      CgTocEntry *entry = g_ptr_array_index (toc, i);
      g_autofree char *tag = g_strdup_printf ("<h2 id=\"%s\">", expected[i]);

      g_assert_cmpstr (entry->id, ==, expected[i]);
      assert_contains (cg_markdown_get_html (md), tag);
    }
}

/* Non-ASCII letters are kept, lower-cased, in UTF-8 (WebKit handles such
 * fragments); they are not transliterated. */
static void
test_heading_non_ascii (void)
{
  assert_render ("## Über Größe\n", "<h2 id=\"über-größe\">Über Größe</h2>\n");
  assert_render ("## 日本語 ガイド\n", "<h2 id=\"日本語-ガイド\">日本語 ガイド</h2>\n");
  assert_render ("## ÉCOLE\n", "<h2 id=\"école\">ÉCOLE</h2>\n");
}

static void
test_heading_punctuation (void)
{
  assert_render ("## C++ & Rust: what's *new*?\n",
                 "<h2 id=\"c-rust-what-s-new\">C++ &amp; Rust: what’s <em>new</em>?</h2>\n");
  assert_render ("## --Edge__case--\n", "<h2 id=\"edge-case\">–Edge__case–</h2>\n");
  assert_render ("## `cg_db_open()` and [links](https://example.com)\n",
                 "<h2 id=\"cg-db-open-and-links\"><code>cg_db_open()</code> and "
                 "<a href=\"https://example.com\">links</a></h2>\n");
}

static void
test_heading_empty (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("## ???\n\n##\n\n### <b></b>\n", -1, NULL, NULL, NULL);
  GPtrArray *toc = cg_markdown_get_toc (md);

  g_assert_cmpuint (toc->len, ==, 3);
  g_assert_cmpstr (((CgTocEntry *) toc->pdata[0])->id, ==, "section");
  g_assert_cmpstr (((CgTocEntry *) toc->pdata[1])->id, ==, "section-1");
  g_assert_cmpstr (((CgTocEntry *) toc->pdata[2])->id, ==, "section-2");
  g_assert_cmpstr (((CgTocEntry *) toc->pdata[1])->text, ==, "");
  assert_contains (cg_markdown_get_html (md), "<h2 id=\"section-1\"></h2>");
}

static void
test_toc (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("# Guide\n\nIntro.\n\n"
                                                 "## First *part*\n\n### Detail\n\n"
                                                 "#### Too deep\n\n"
                                                 "> ## Quoted\n\n"
                                                 "## Second `part`\n",
                                                 -1, NULL, NULL, NULL);
  GPtrArray *toc = cg_markdown_get_toc (md);
  struct { guint level; const char *id; const char *text; } expected[] = {
    { 1, "guide", "Guide" },
    { 2, "first-part", "First part" },
    { 3, "detail", "Detail" },
    { 2, "quoted", "Quoted" },
    { 2, "second-part", "Second part" },
  };

  g_assert_cmpuint (toc->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < toc->len; i++)
    {
      CgTocEntry *entry = g_ptr_array_index (toc, i);

      g_assert_cmpuint (entry->level, ==, expected[i].level);
      g_assert_cmpstr (entry->id, ==, expected[i].id);
      g_assert_cmpstr (entry->text, ==, expected[i].text);
    }

  /* Level 4 has an id too, though it is not in the TOC. */
  assert_contains (cg_markdown_get_html (md), "<h4 id=\"too-deep\">Too deep</h4>");
}

static void
test_first_heading (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("Text first.\n\n### The *first* one\n\n# Second\n",
                                                 -1, NULL, NULL, NULL);
  g_autoptr(CgMarkdown) none = cg_markdown_render ("No heading here.\n", -1, NULL, NULL, NULL);

  g_assert_cmpstr (cg_markdown_get_first_heading (md), ==, "The first one");
  g_assert_null (cg_markdown_get_first_heading (none));
}

/* Tables */

static void
test_table_basic (void)
{
  assert_render ("| Role | Pay |\n"
                 "|------|-----|\n"
                 "| ML engineer | $120k |\n"
                 "| Firmware | $100k |\n",
                 "<table>\n"
                 "<thead>\n"
                 "<tr>\n"
                 "<th>Role</th><th>Pay</th>\n"
                 "</tr>\n"
                 "</thead>\n"
                 "<tbody>\n"
                 "<tr>\n"
                 "<td>ML engineer</td><td>$120k</td>\n"
                 "</tr>\n"
                 "<tr>\n"
                 "<td>Firmware</td><td>$100k</td>\n"
                 "</tr>\n"
                 "</tbody>\n"
                 "</table>\n");
}

static void
test_table_alignment (void)
{
  assert_render ("| a | b | c | d |\n"
                 "|:---|:---:|---:|---|\n"
                 "| 1 | 2 | 3 | 4 |\n",
                 "<table>\n"
                 "<thead>\n"
                 "<tr>\n"
                 "<th style=\"text-align: left\">a</th>"
                 "<th style=\"text-align: center\">b</th>"
                 "<th style=\"text-align: right\">c</th>"
                 "<th>d</th>\n"
                 "</tr>\n"
                 "</thead>\n"
                 "<tbody>\n"
                 "<tr>\n"
                 "<td style=\"text-align: left\">1</td>"
                 "<td style=\"text-align: center\">2</td>"
                 "<td style=\"text-align: right\">3</td>"
                 "<td>4</td>\n"
                 "</tr>\n"
                 "</tbody>\n"
                 "</table>\n");
}

/* Smart punctuation turns "--" and "---" into dashes before the table
 * transform sees them: every length of hyphens must still work. */
static void
test_table_delimiter_lengths (void)
{
  for (guint n = 1; n <= 7; n++)
    {
      g_autofree char *dashes = g_strnfill (n, '-');
      g_autofree char *text = g_strdup_printf ("| a | b |\n| :%s | %s: |\n| 1 | 2 |\n", dashes, dashes);
      g_autofree char *html = render (text);

      assert_contains (html, "<th style=\"text-align: left\">a</th><th style=\"text-align: right\">b</th>");
      assert_contains (html, "<td style=\"text-align: left\">1</td><td style=\"text-align: right\">2</td>");
    }
}

static void
test_table_escaped_pipes (void)
{
  g_autofree char *html = render ("| Expression | Meaning |\n"
                                  "|---|---|\n"
                                  "| a \\| b | either \\|\\| both |\n"
                                  "| `x \\| y` | **bold \\| text** |\n");

  assert_contains (html, "<td>a | b</td><td>either || both</td>");
  assert_contains (html, "<td><code>x | y</code></td><td><strong>bold | text</strong></td>");
}

static void
test_table_pipes_in_code (void)
{
  g_autofree char *html = render ("| Shell | Notes |\n"
                                  "|---|---|\n"
                                  "| `ls | grep md` | a pipe in code does not split |\n");

  assert_contains (html, "<td><code>ls | grep md</code></td><td>a pipe in code does not split</td>");
}

/* Outside tables, "\|" is an ordinary escape, and code keeps its text. */
static void
test_escaped_pipe_outside_table (void)
{
  assert_render ("a \\| b `c \\| d` [e \\| f](https://example.com/a\\|b)\n\n"
                 "```\nx \\| y \\\\| z\n```\n\n"
                 "    indented \\| code\n",
                 "<p>a | b <code>c \\| d</code> <a href=\"https://example.com/a%7Cb\">e | f</a></p>\n"
                 "<pre><code>x \\| y \\\\| z\n</code></pre>\n"
                 "<pre><code>indented \\| code\n</code></pre>\n");
}

/* "\|" is swapped for a placeholder while cmark parses: characters that
 * could serve as one must come through untouched. */
static void
test_escaped_pipe_placeholder_in_text (void)
{
  const char *text = "\xe2\xb8\x98 \xe2\xb8\x99 \xe2\xb8\x9b \xe2\xb8\x9e\n\n"
                     "| a \\| b |\n|---|---|\n";
  g_autofree char *html = render (text);
  g_autofree char *html2 = render ("\xe2\xb8\x98 and a \\| b\n");

  assert_contains (html, "<p>\xe2\xb8\x98 \xe2\xb8\x99 \xe2\xb8\x9b \xe2\xb8\x9e</p>");
  assert_contains (html2, "<p>\xe2\xb8\x98 and a | b</p>");

  /* With every candidate taken, "\|" still renders, but splits cells. */
  assert_contains (html, "<th>a</th><th>b</th>");
}

static void
test_escaped_pipe_emphasis (void)
{
  /* The escape is punctuation for emphasis, and so is its placeholder. */
  assert_render ("x*a\\|*b and *a\\|* c\n", "<p>x*a|*b and <em>a|</em> c</p>\n");
}

static void
test_table_ragged_rows (void)
{
  g_autofree char *html = render ("| a | b | c |\n"
                                  "|---|---|---|\n"
                                  "| 1 |\n"
                                  "| 1 | 2 | 3 | 4 | 5 |\n"
                                  "| | x |\n");

  assert_contains (html, "<tr>\n<td>1</td><td></td><td></td>\n</tr>");
  assert_contains (html, "<tr>\n<td>1</td><td>2</td><td>3</td>\n</tr>");
  assert_contains (html, "<tr>\n<td></td><td>x</td><td></td>\n</tr>");
  assert_not_contains (html, "4");
  assert_not_contains (html, "5");
}

static void
test_table_no_outer_pipes (void)
{
  assert_render ("a | b\n"
                 "--- | :---:\n"
                 "c | d\n"
                 "| e | f |\n"
                 "g | h |\n",
                 "<table>\n"
                 "<thead>\n"
                 "<tr>\n"
                 "<th>a</th><th style=\"text-align: center\">b</th>\n"
                 "</tr>\n"
                 "</thead>\n"
                 "<tbody>\n"
                 "<tr>\n<td>c</td><td style=\"text-align: center\">d</td>\n</tr>\n"
                 "<tr>\n<td>e</td><td style=\"text-align: center\">f</td>\n</tr>\n"
                 "<tr>\n<td>g</td><td style=\"text-align: center\">h</td>\n</tr>\n"
                 "</tbody>\n"
                 "</table>\n");
}

static void
test_table_not_a_table (void)
{
  /* No delimiter row */
  assert_render ("a | b\nc | d\n", "<p>a | b\nc | d</p>\n");
  /* One line only */
  assert_render ("| a | b |\n", "<p>| a | b |</p>\n");
  /* Header and delimiter differ in cell count */
  assert_render ("| a | b |\n| --- |\n", "<p>| a | b |\n| — |</p>\n");
  /* Not a delimiter row */
  assert_render ("| a | b |\n| -x- | --- |\n", "<p>| a | b |\n| -x- | — |</p>\n");
  assert_render ("| a | b |\n| : | --- |\n", "<p>| a | b |\n| : | — |</p>\n");
  assert_render ("| a | b |\n|---||---|\n", "<p>| a | b |\n|—||—|</p>\n");
  assert_render ("| a |\n| `---` |\n", "<p>| a |\n| <code>---</code> |</p>\n");
  /* A setext heading, not a table */
  assert_render ("a\n---\n", "<h2 id=\"a\">a</h2>\n");
}

static void
test_table_inline_markup (void)
{
  g_autofree char *html = render ("| **Bold** | *Em* and `code` | [Role](role:ml-engineer) | ![x](http://a/b.png) |\n"
                                  "|---|---|---|---|\n"
                                  "| [bad](javascript:alert(1)) | [guide](other.md) | \"q\" -- x | a<br>b |\n");

  assert_contains (html, "<th><strong>Bold</strong></th>");
  assert_contains (html, "<th><em>Em</em> and <code>code</code></th>");
  assert_contains (html, "<th><a href=\"role:ml-engineer\">Role</a></th>");
  assert_contains (html, "<th>x</th>");
  assert_contains (html, "<td>bad</td>");
  assert_contains (html, "<td><a href=\"guide:other\">guide</a></td>");
  assert_contains (html, "<td>“q” – x</td>");
  assert_contains (html, "<td>a<!-- raw HTML omitted -->b</td>");
}

/* GFM splits cells before inline parsing; here spans that cmark parsed
 * across a pipe (emphasis, links) stay whole in one cell. */
static void
test_table_span_across_pipe (void)
{
  g_autofree char *html = render ("| *a | b* |\n|---|\n| [x | y](https://example.com) |\n");

  assert_contains (html, "<th><em>a | b</em></th>");
  assert_contains (html, "<td><a href=\"https://example.com\">x | y</a></td>");
}

static void
test_table_text_before (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("Some *intro* text\nover two lines\n"
                                                 "| a | b |\n|---|---|\n| `1` | 2 |\n",
                                                 -1, NULL, NULL, NULL);
  const char *html = cg_markdown_get_html (md);

  g_assert_true (g_str_has_prefix (html, "<p>Some <em>intro</em> text\nover two lines</p>\n<table>\n"));
  assert_contains (html, "<td><code>1</code></td><td>2</td>");
  g_assert_cmpuint (cg_markdown_get_word_count (md), ==, 10);
}

static void
test_table_header_only (void)
{
  assert_render ("| a | b |\n|---|---|\n",
                 "<table>\n<thead>\n<tr>\n<th>a</th><th>b</th>\n</tr>\n</thead>\n</table>\n");
}

static void
test_table_in_containers (void)
{
  g_autofree char *list = render ("- item\n\n  | a | b |\n  |---|---|\n  | 1 | 2 |\n");
  g_autofree char *quote = render ("> | a | b |\n> |---|---|\n> | 1 | 2 |\n");

  assert_contains (list, "<li>\n<p>item</p>\n<table>\n");
  assert_contains (list, "<td>1</td><td>2</td>");
  assert_contains (quote, "<blockquote>\n<table>\n");
  assert_contains (quote, "<td>1</td><td>2</td>");
}

static void
test_table_hard_breaks (void)
{
  /* Trailing spaces make hard breaks between the lines. */
  g_autofree char *html = render ("| a | b |  \n|---|---|  \n| 1 | 2 |  \n| 3 | 4 |\n");

  assert_contains (html, "<th>a</th><th>b</th>");
  assert_contains (html, "<td>1</td><td>2</td>");
  assert_contains (html, "<td>3</td><td>4</td>");
  assert_not_contains (html, "<br");
}

/* cmark reads a table right above "---" as a setext heading. */
static void
test_table_setext (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("| a | b |\n|---|---|\n| 1 | 2 |\n---\n\n"
                                                 "Intro\n| c | d |\n|---|---|\n---\n\n"
                                                 "Plain | heading\n---\n\n"
                                                 "| e | f |\n|---|---|\n===\n",
                                                 -1, NULL, NULL, NULL);
  GPtrArray *toc = cg_markdown_get_toc (md);

  g_assert_cmpstr (cg_markdown_get_html (md), ==,
                   "<table>\n<thead>\n<tr>\n<th>a</th><th>b</th>\n</tr>\n</thead>\n"
                   "<tbody>\n<tr>\n<td>1</td><td>2</td>\n</tr>\n</tbody>\n</table>\n"
                   "<hr />\n"
                   "<p>Intro</p>\n"
                   "<table>\n<thead>\n<tr>\n<th>c</th><th>d</th>\n</tr>\n</thead>\n</table>\n"
                   "<hr />\n"
                   "<h2 id=\"plain-heading\">Plain | heading</h2>\n"
                   "<h1 id=\"e-f\">| e | f |\n|—|—|</h1>\n");
  g_assert_cmpuint (toc->len, ==, 2);
}

static void
test_table_words_and_toc (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("| one | two |\n|---|---|\n| three|four |\n", -1, NULL, NULL, NULL);

  g_assert_cmpuint (cg_markdown_get_word_count (md), ==, 4);
}

/* Links */

static void
test_link_internal (void)
{
  assert_render ("[a](guide:ml-skills) [b](role:firmware-engineer) [c](job:abc123) [d](GUIDE:x)\n",
                 "<p><a href=\"guide:ml-skills\">a</a> <a href=\"role:firmware-engineer\">b</a> "
                 "<a href=\"job:abc123\">c</a> <a href=\"guide:x\">d</a></p>\n");
}

static void
test_link_markdown_file (void)
{
  assert_render ("[a](other-guide.md) [b](./other-guide.md) [c](other-guide.md#section) "
                 "[d](../guides/ml-skills.md) [e](Upper.MD) [f](x.md?v=1#top) [g](/abs/y.md)\n",
                 "<p><a href=\"guide:other-guide\">a</a> <a href=\"guide:other-guide\">b</a> "
                 "<a href=\"guide:other-guide#section\">c</a> <a href=\"guide:ml-skills\">d</a> "
                 "<a href=\"guide:Upper\">e</a> <a href=\"guide:x#top\">f</a> <a href=\"guide:y\">g</a></p>\n");
}

static void
test_link_anchor (void)
{
  assert_render ("[up](#top) [part](#part-two)\n",
                 "<p><a href=\"#top\">up</a> <a href=\"#part-two\">part</a></p>\n");
}

static void
test_link_web (void)
{
  assert_render ("[a](http://example.com) [b](https://example.com/x?y=1&z=2 \"Title\") "
                 "[c](mailto:me@example.com) <https://example.org> <me@example.org>\n",
                 "<p><a href=\"http://example.com\">a</a> "
                 "<a href=\"https://example.com/x?y=1&amp;z=2\" title=\"Title\">b</a> "
                 "<a href=\"mailto:me@example.com\">c</a> "
                 "<a href=\"https://example.org\">https://example.org</a> "
                 "<a href=\"mailto:me@example.org\">me@example.org</a></p>\n");
}

static void
test_link_dangerous (void)
{
  const char *links[] = {
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "<javascript:alert(1)>",
    "< javascript:alert(1)>",
    "<java\tscript:alert(1)>",
    "java&#9;script:alert(1)",
    "java&#10;script:alert(1)",
    "&#x20;javascript:alert(1)",
    "&#1;javascript:alert(1)",
    "&#106;avascript:alert(1)",
    "javascript&colon;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "file:///etc/passwd",
    "cg-resource:///css/page.css",
    "ftp://example.com/x",
    "x-unknown:thing",
    "//evil.example/x.md",
    "page.html",
    "",
  };

  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_autofree char *text = g_strdup_printf ("before [click *here*](%s) after\n", links[i]);
      g_autofree char *html = render (text);

      g_assert_cmpstr (html, ==, "<p>before click <em>here</em> after</p>\n");
    }
}

static void
test_link_autolink_dangerous (void)
{
  /* The text stays, as text */
  assert_render ("<javascript:alert(1)> <data:text/html,x>\n",
                 "<p>javascript:alert(1) data:text/html,x</p>\n");
}

static void
test_link_reference (void)
{
  assert_render ("[ok][1] and [bad][2]\n\n[1]: guide:ml-skills\n[2]: javascript:alert(1)\n",
                 "<p><a href=\"guide:ml-skills\">ok</a> and bad</p>\n");
}

/* Images */

static void
test_image_relative (void)
{
  const char *urls[] = { "pic.png", "./pic.png", "/pic.png", "/images/pic.png", "images/pic.png", "../pic.png" };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autofree char *text = g_strdup_printf ("![A chart](%s \"Title\")\n", urls[i]);
      g_autofree char *html = render (text);

      g_assert_cmpstr (html, ==, "<p><img src=\"cg-resource:///images/pic.png\" alt=\"A chart\" title=\"Title\" /></p>\n");
    }

  assert_render ("![x](sub/dir/pic%20one.png)\n",
                 "<p><img src=\"cg-resource:///images/sub/dir/pic%20one.png\" alt=\"x\" /></p>\n");
}

static void
test_image_resource (void)
{
  assert_render ("![x](cg-resource:///images/logo.svg)\n",
                 "<p><img src=\"cg-resource:///images/logo.svg\" alt=\"x\" /></p>\n");
}

static void
test_image_remote (void)
{
  assert_render ("![A *tracking* pixel](https://tracker.example/p.gif) and "
                 "![b](http://example.com/x.png) ![c](//cdn.example/x.png)\n",
                 "<p>A <em>tracking</em> pixel and b c</p>\n");
}

static void
test_image_data (void)
{
  assert_render ("![dot](data:image/png;base64,iVBORw0KGgo=) ![f](file:///etc/x.png) "
                 "![j](javascript:alert(1)) ![e]()\n",
                 "<p>dot f j e</p>\n");
}

static void
test_image_in_link (void)
{
  assert_render ("[![logo](logo.png)](guide:x) [![remote](https://x/y.png)](javascript:x)\n",
                 "<p><a href=\"guide:x\"><img src=\"cg-resource:///images/logo.png\" alt=\"logo\" /></a> remote</p>\n");
}

/* Live blocks */

typedef struct
{
  guint  calls;
  char  *info;
  char  *content;
  char  *result;
} BlockCall;

static char *
record_block_cb (const char *info,
                 const char *content,
                 gpointer    user_data)
{
  BlockCall *call = user_data;

  call->calls++;
  g_free (call->info);
  g_free (call->content);
  call->info = g_strdup (info);
  call->content = g_strdup (content);

  return g_strdup (call->result);
}

static void
block_call_clear (BlockCall *call)
{
  g_free (call->info);
  g_free (call->content);
}

static void
test_live_block_called (void)
{
  BlockCall call = { 0, NULL, NULL, "<table class=\"cg-compare\"><tr><td>x</td></tr></table>" };
  g_autoptr(CgMarkdown) md = cg_markdown_render ("Before\n\n```compare\nml-engineer\nfirmware-engineer\n```\n\nAfter\n",
                                                 -1, compare_infos, record_block_cb, &call);

  g_assert_cmpuint (call.calls, ==, 1);
  g_assert_cmpstr (call.info, ==, "compare");
  g_assert_cmpstr (call.content, ==, "ml-engineer\nfirmware-engineer\n");
  g_assert_cmpstr (cg_markdown_get_html (md), ==,
                   "<p>Before</p>\n"
                   "<table class=\"cg-compare\"><tr><td>x</td></tr></table>\n"
                   "<p>After</p>\n");
  /* The slugs are data, not words */
  g_assert_cmpuint (cg_markdown_get_word_count (md), ==, 2);

  block_call_clear (&call);
}

static void
test_live_block_info_words (void)
{
  BlockCall call = { 0, NULL, NULL, "<p>ok</p>" };
  g_autoptr(CgMarkdown) md = cg_markdown_render ("~~~ compare   aspects=pay\nrole-a\n~~~\n\n- ```compare\n  role-b\n  ```\n",
                                                 -1, compare_infos, record_block_cb, &call);

  g_assert_cmpuint (call.calls, ==, 2);
  g_assert_cmpstr (call.content, ==, "role-b\n");
  g_assert_cmpstr (cg_markdown_get_html (md), ==, "<p>ok</p>\n<ul>\n<li>\n<p>ok</p>\n</li>\n</ul>\n");

  block_call_clear (&call);
  call = (BlockCall) { 0, NULL, NULL, "" };
  g_clear_pointer (&md, cg_markdown_free);
  md = cg_markdown_render ("```compare extra\nx\n```\n", -1, compare_infos, record_block_cb, &call);
  g_assert_cmpstr (call.info, ==, "compare extra");
  block_call_clear (&call);
}

static void
test_live_block_null (void)
{
  BlockCall call = { 0, NULL, NULL, NULL };
  g_autoptr(CgMarkdown) md = cg_markdown_render ("```compare\nunknown-role <b>\n```\n",
                                                 -1, compare_infos, record_block_cb, &call);

  g_assert_cmpuint (call.calls, ==, 1);
  g_assert_cmpstr (cg_markdown_get_html (md), ==,
                   "<pre><code class=\"language-compare\">unknown-role &lt;b&gt;\n</code></pre>\n");

  block_call_clear (&call);
}

static void
test_live_block_unknown (void)
{
  BlockCall call = { 0, NULL, NULL, "<p>no</p>" };
  g_autoptr(CgMarkdown) md = cg_markdown_render ("```python\nprint(1)\n```\n\n```comparex\na\n```\n\n"
                                                 "    compare\n\n```\ncompare\n```\n",
                                                 -1, compare_infos, record_block_cb, &call);
  g_autoptr(CgMarkdown) no_func = cg_markdown_render ("```compare\na\n```\n", -1, compare_infos, NULL, NULL);
  g_autoptr(CgMarkdown) no_infos = cg_markdown_render ("```compare\na\n```\n", -1, NULL, record_block_cb, &call);

  g_assert_cmpuint (call.calls, ==, 0);
  assert_contains (cg_markdown_get_html (md), "<pre><code class=\"language-python\">print(1)\n</code></pre>");
  assert_contains (cg_markdown_get_html (md), "<pre><code class=\"language-comparex\">a\n</code></pre>");
  g_assert_cmpstr (cg_markdown_get_html (no_func), ==, "<pre><code class=\"language-compare\">a\n</code></pre>\n");
  g_assert_cmpstr (cg_markdown_get_html (no_infos), ==, "<pre><code class=\"language-compare\">a\n</code></pre>\n");
}

static char *
nested_block_cb (const char *info      G_GNUC_UNUSED,
                 const char *content,
                 gpointer    user_data G_GNUC_UNUSED)
{
  g_autoptr(CgMarkdown) inner = cg_markdown_render (content, -1, NULL, NULL, NULL);

  return g_strdup_printf ("<div class=\"cg-compare\">%s</div>", cg_markdown_get_html (inner));
}

/* A block function may render Markdown itself. */
static void
test_live_block_nested_render (void)
{
  g_autoptr(CgMarkdown) md = cg_markdown_render ("# Top\n\n```compare\n*inner* | x\n--|--\n1 | 2\n```\n\n## After\n",
                                                 -1, compare_infos, nested_block_cb, NULL);
  const char *html = cg_markdown_get_html (md);

  assert_contains (html, "<div class=\"cg-compare\"><table>");
  assert_contains (html, "<th><em>inner</em></th>");
  assert_contains (html, "<h2 id=\"after\">After</h2>");
  g_assert_cmpuint (cg_markdown_get_toc (md)->len, ==, 2);
}

/* Words */

static void
test_word_count (void)
{
  struct { const char *text; guint words; } cases[] = {
    { "Hello world", 2 },
    { "It's a state-of-the-art 3.5 GHz chip.", 6 },
    { "[link text](https://example.com/a/b/c)", 2 },
    { "**bold**text and *em*", 3 },
    { "# Heading\n\nBody — with a dash", 5 },
    { "`code span` and\n\n```\nint main (void)\n```\n", 6 },
    { "Café Größe 日本語", 3 },
    { "one\ntwo\nthree", 3 },
    { "- a\n- b\n\n> c", 3 },
    { "![alt words](pic.png)", 2 },
    { "<b>raw</b> html", 2 },
    { "... -- !!", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CgMarkdown) md = cg_markdown_render (cases[i].text, -1, NULL, NULL, NULL);

      if (cg_markdown_get_word_count (md) != cases[i].words)
        g_error ("“%s”: %u words, expected %u", cases[i].text, cg_markdown_get_word_count (md), cases[i].words);
    }
}

static void
test_reading_minutes (void)
{
  guint counts[] = { 0, 1, 199, 200, 201, 400, 401, 1000 };
  guint minutes[] = { 1, 1, 1, 1, 2, 2, 3, 5 };

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(CgMarkdown) md = NULL;

      for (guint w = 0; w < counts[i]; w++)
        g_string_append (text, w % 12 == 11 ? "word\n" : "word ");

      md = cg_markdown_render (text->str, text->len, NULL, NULL, NULL);
      g_assert_cmpuint (cg_markdown_get_word_count (md), ==, counts[i]);
      g_assert_cmpuint (cg_markdown_get_reading_minutes (md), ==, minutes[i]);
    }
}

/* The page */

static void
test_page (void)
{
  g_autofree char *page = cg_markdown_page ("Pay <b>&</b> \"perks\"", "<p>Body</p>\n", "pt-BR");

  g_assert_true (g_str_has_prefix (page, "<!DOCTYPE html>\n<html lang=\"pt-BR\">\n<head>\n<meta charset=\"utf-8\">\n"));
  assert_contains (page,
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "img-src cg-resource:; style-src cg-resource: 'unsafe-inline'; font-src cg-resource:; "
                   "script-src 'none'; frame-src 'none'; object-src 'none'; form-action 'none'; "
                   "base-uri 'none'\">");
  assert_contains (page, "<meta name=\"color-scheme\" content=\"light dark\">");
  assert_contains (page, "<link rel=\"stylesheet\" href=\"cg-resource:///css/page.css\">");
  assert_contains (page, "<title>Pay &lt;b&gt;&amp;&lt;/b&gt; &quot;perks&quot;</title>");
  assert_contains (page, "<body>\n<main>\n<p>Body</p>\n</main>\n</body>\n</html>\n");
  assert_no_tag (page, "script");

  /* The CSP comes before anything that could load. */
  g_assert_true (strstr (page, "Content-Security-Policy") < strstr (page, "<link"));
}

static void
test_page_defaults (void)
{
  g_autofree char *page = cg_markdown_page (NULL, NULL, NULL);
  g_autofree char *bad_lang = cg_markdown_page ("t", "", "en\" onload=\"alert(1)");

  assert_contains (page, "<html lang=\"en\">");
  assert_contains (page, "<title></title>");
  assert_contains (page, "<main>\n</main>");
  assert_contains (bad_lang, "<html lang=\"en\">");
  assert_not_contains (bad_lang, "onload");

  g_clear_pointer (&page, g_free);
  page = cg_markdown_page ("Bad \xff title \xc3", "", "en");
  g_assert_true (g_utf8_validate (page, -1, NULL));
  assert_contains (page, "<title>Bad \xef\xbf\xbd title \xef\xbf\xbd</title>");
}

/* Robustness */

static void
test_deep_nesting (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CgMarkdown) md = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (text, '>');
  g_string_append (text, " ## deep | x\n");
  for (guint i = 0; i < 5000; i++)
    g_string_append (text, "*a [b](javascript:x) ");
  g_string_append_c (text, '\n');
  for (guint i = 0; i < 2000; i++)
    g_string_append (text, "- ");
  g_string_append (text, "| a |\n|---|\n");

  md = cg_markdown_render (text->str, text->len, NULL, NULL, NULL);
  g_assert_true (g_utf8_validate (cg_markdown_get_html (md), -1, NULL));
  assert_not_contains (cg_markdown_get_html (md), "javascript");
}

static void
test_large_document (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(CgMarkdown) md = NULL;
  const char *html;

  for (guint i = 0; i < 2000; i++)
    g_string_append_printf (text,
                            "## Part\n\nSome *text* with a [link](guide:g%u) and `code`.\n\n"
                            "| a | b \\| c |\n|:-|-:|\n| %u | two |\n\n",
                            i, i);

  md = cg_markdown_render (text->str, text->len, NULL, NULL, NULL);
  html = cg_markdown_get_html (md);

  g_assert_cmpuint (cg_markdown_get_toc (md)->len, ==, 2000);
  g_assert_cmpstr (((CgTocEntry *) cg_markdown_get_toc (md)->pdata[1999])->id, ==, "part-1999");
  assert_contains (html, "<td style=\"text-align: left\">1999</td><td style=\"text-align: right\">two</td>");
  assert_contains (html, "<th style=\"text-align: right\">b | c</th>");
  g_assert_cmpuint (cg_markdown_get_word_count (md), ==, 2000 * 13);
}

/* The plain text that the full-text index holds: what a reader sees,
 * without the marks of Markdown */
static void
test_plain_text (void)
{
  static const struct {
    const char *markdown;
    const char *plain;
  } cases[] = {
    { "# Embedded ML engineer versus firmware engineer\n",
      "Embedded ML engineer versus firmware engineer" },
    { "**C and C++.** Both *matter*.", "C and C++. Both matter." },
    { "See [Firmware engineer](role:firmware-engineer) or <b>raw</b> HTML.",
      "See Firmware engineer or raw HTML." },
    { "| Role | Pay |\n|---|---|\n| [Firmware engineer](role:firmware-engineer) | high |\n",
      "Role Pay Firmware engineer high" },
    { "- one\n- two\n\n`code` and\nnext line", "one two code and next line" },
    { "```\nmake flash\n```\n", "make flash" },
    { "a \\| b", "a | b" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *plain = cg_markdown_dup_plain_text (cases[i].markdown, -1);

      g_assert_cmpstr (plain, ==, cases[i].plain);
    }

  /* NULL and invalid UTF-8 are text too */
  {
    g_autofree char *empty = cg_markdown_dup_plain_text (NULL, -1);
    g_autofree char *repaired = cg_markdown_dup_plain_text ("caf\xe9 *ok*", -1);

    g_assert_cmpstr (empty, ==, "");
    g_assert_true (g_utf8_validate (repaired, -1, NULL));
    g_assert_true (g_str_has_suffix (repaired, " ok"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/markdown/input/empty", test_empty);
  g_test_add_func ("/markdown/input/paragraph", test_paragraph);
  g_test_add_func ("/markdown/input/length", test_length);
  g_test_add_func ("/markdown/input/smart-punctuation", test_smart_punctuation);
  g_test_add_func ("/markdown/input/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/markdown/input/nul-bytes", test_nul_bytes);

  g_test_add_func ("/markdown/raw-html/block", test_raw_html_block);
  g_test_add_func ("/markdown/raw-html/inline", test_raw_html_inline);
  g_test_add_func ("/markdown/raw-html/image-alt", test_raw_html_in_alt);
  g_test_add_func ("/markdown/raw-html/entities", test_entities_stay_escaped);

  g_test_add_func ("/markdown/heading/ids", test_heading_ids);
  g_test_add_func ("/markdown/heading/duplicates", test_heading_duplicates);
  g_test_add_func ("/markdown/heading/non-ascii", test_heading_non_ascii);
  g_test_add_func ("/markdown/heading/punctuation", test_heading_punctuation);
  g_test_add_func ("/markdown/heading/empty", test_heading_empty);
  g_test_add_func ("/markdown/heading/toc", test_toc);
  g_test_add_func ("/markdown/heading/first", test_first_heading);

  g_test_add_func ("/markdown/table/basic", test_table_basic);
  g_test_add_func ("/markdown/table/alignment", test_table_alignment);
  g_test_add_func ("/markdown/table/delimiter-lengths", test_table_delimiter_lengths);
  g_test_add_func ("/markdown/table/escaped-pipes", test_table_escaped_pipes);
  g_test_add_func ("/markdown/table/pipes-in-code", test_table_pipes_in_code);
  g_test_add_func ("/markdown/table/ragged-rows", test_table_ragged_rows);
  g_test_add_func ("/markdown/table/no-outer-pipes", test_table_no_outer_pipes);
  g_test_add_func ("/markdown/table/not-a-table", test_table_not_a_table);
  g_test_add_func ("/markdown/table/inline-markup", test_table_inline_markup);
  g_test_add_func ("/markdown/table/span-across-pipe", test_table_span_across_pipe);
  g_test_add_func ("/markdown/table/text-before", test_table_text_before);
  g_test_add_func ("/markdown/table/header-only", test_table_header_only);
  g_test_add_func ("/markdown/table/in-containers", test_table_in_containers);
  g_test_add_func ("/markdown/table/hard-breaks", test_table_hard_breaks);
  g_test_add_func ("/markdown/table/setext", test_table_setext);
  g_test_add_func ("/markdown/table/words", test_table_words_and_toc);

  g_test_add_func ("/markdown/escaped-pipe/outside-table", test_escaped_pipe_outside_table);
  g_test_add_func ("/markdown/escaped-pipe/placeholder-in-text", test_escaped_pipe_placeholder_in_text);
  g_test_add_func ("/markdown/escaped-pipe/emphasis", test_escaped_pipe_emphasis);

  g_test_add_func ("/markdown/link/internal", test_link_internal);
  g_test_add_func ("/markdown/link/markdown-file", test_link_markdown_file);
  g_test_add_func ("/markdown/link/anchor", test_link_anchor);
  g_test_add_func ("/markdown/link/web", test_link_web);
  g_test_add_func ("/markdown/link/dangerous", test_link_dangerous);
  g_test_add_func ("/markdown/link/autolink-dangerous", test_link_autolink_dangerous);
  g_test_add_func ("/markdown/link/reference", test_link_reference);

  g_test_add_func ("/markdown/image/relative", test_image_relative);
  g_test_add_func ("/markdown/image/resource", test_image_resource);
  g_test_add_func ("/markdown/image/remote", test_image_remote);
  g_test_add_func ("/markdown/image/data", test_image_data);
  g_test_add_func ("/markdown/image/in-link", test_image_in_link);

  g_test_add_func ("/markdown/live-block/called", test_live_block_called);
  g_test_add_func ("/markdown/live-block/info-words", test_live_block_info_words);
  g_test_add_func ("/markdown/live-block/null", test_live_block_null);
  g_test_add_func ("/markdown/live-block/unknown", test_live_block_unknown);
  g_test_add_func ("/markdown/live-block/nested-render", test_live_block_nested_render);

  g_test_add_func ("/markdown/words/count", test_word_count);
  g_test_add_func ("/markdown/words/reading-minutes", test_reading_minutes);

  g_test_add_func ("/markdown/plain-text", test_plain_text);
  g_test_add_func ("/markdown/page/wrapper", test_page);
  g_test_add_func ("/markdown/page/defaults", test_page_defaults);

  g_test_add_func ("/markdown/robustness/deep-nesting", test_deep_nesting);
  g_test_add_func ("/markdown/robustness/large-document", test_large_document);

  return g_test_run ();
}
