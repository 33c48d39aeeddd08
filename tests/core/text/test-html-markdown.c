/* test-html-markdown.c: tests for cg-html-markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cg-html-markdown.h"

typedef struct
{
  const char *html;
  const char *markdown;
} Case;

static void
check_cases (const Case *cases,
             guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *escaped = g_strescape (cases[i].html, NULL);
      g_autofree char *markdown = cg_html_to_markdown (cases[i].html, -1);

      g_test_message ("html: %s", escaped);
      g_assert_cmpstr (markdown, ==, cases[i].markdown);
    }
}

#define CHECK(cases) check_cases (cases, G_N_ELEMENTS (cases))

/* Output that is well formed whatever the input: valid UTF-8, no NUL, no
 * trailing white space on lines, no more than one blank line in a row, no
 * leading or trailing blank lines */
static void
assert_well_formed (const char *markdown)
{
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (markdown);
  g_assert_true (g_utf8_validate (markdown, -1, NULL));
  g_assert_null (strstr (markdown, "\n\n\n"));
  g_assert_false (g_str_has_prefix (markdown, "\n"));
  g_assert_false (g_str_has_suffix (markdown, "\n"));

  lines = g_strsplit (markdown, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      g_assert_true (len == 0 || (lines[i][len - 1] != ' ' && lines[i][len - 1] != '\t'));
    }
}

static void
test_empty (void)
{
  static const Case cases[] = {
    { "", "" },
    { "   ", "" },
    { "\n\n\t ", "" },
    { "<p></p>", "" },
    { "<p> </p><div>&nbsp;</div><br><br>", "" },
    { "<script>alert(1)</script>", "" },
    { "<!-- only a comment -->", "" },
    { "<b></b><i> </i><a href=\"https://example.com\"></a>", "" },
    { "<h2></h2><ul><li></li></ul><pre></pre><code> </code>", "" },
  };
  g_autofree char *null_input = cg_html_to_markdown (NULL, -1);
  g_autofree char *zero_length = cg_html_to_markdown ("<p>text</p>", 0);

  g_assert_cmpstr (null_input, ==, "");
  g_assert_cmpstr (zero_length, ==, "");
  CHECK (cases);
}

static void
test_paragraphs (void)
{
  static const Case cases[] = {
    { "<p>One</p><p>Two</p>", "One\n\nTwo" },
    { "<p>  Lots   of \n\t space  </p>", "Lots of space" },
    { "<div>Block</div><div>Another <span>inline</span> block</div>",
      "Block\n\nAnother inline block" },
    { "<p>a</p>\n\n\n<p>b</p>\n", "a\n\nb" },
    { "Loose text<p>then a paragraph</p>and more", "Loose text\n\nthen a paragraph\n\nand more" },
    { "<section><article><p>Nested</p></article></section><footer>End</footer>", "Nested\n\nEnd" },
    { "<p>a<br>b</p>", "a\\\nb" },
    { "<p>a<br/>b<br><br>c</p>", "a\\\nb\n\nc" },
    { "<p>trailing break<br></p><p>next</p>", "trailing break\n\nnext" },
    { "<p><br>leading break</p>", "leading break" },
    { "<p>one</p><hr><p>two</p>", "one\n\n* * *\n\ntwo" },
  };

  CHECK (cases);
}

static void
test_emphasis (void)
{
  static const Case cases[] = {
    { "<p><strong>Strong</strong> and <b>bold</b></p>", "**Strong** and **bold**" },
    { "<p><em>Em</em> and <i>italic</i></p>", "*Em* and *italic*" },
    { "<p>a<b> spaced </b>b</p>", "a **spaced** b" },
    { "<p><b>outer <strong>inner</strong> outer</b></p>", "**outer inner outer**" },
    { "<p><b><i>both</i></b></p>", "***both***" },
    { "<p>x<b> </b>y</p>", "x y" },
    { "<p><b>Requirements:</b></p><ul><li>C</li></ul>", "**Requirements:**\n\n- C" },
  };

  CHECK (cases);
}

static void
test_lists (void)
{
  static const Case cases[] = {
    { "<ul><li>One</li><li>Two</li></ul>", "- One\n- Two" },
    { "<ol><li>First</li><li>Second</li></ol>", "1. First\n2. Second" },
    { "<ol start=\"3\"><li>Three</li><li>Four</li></ol>", "3. Three\n4. Four" },
    { "<ol start=\"-5\"><li>Zero</li></ol>", "0. Zero" },
    { "<ol start=\"99999999999\"><li>Big</li></ol>", "999999999. Big" },
    { "<ul><li>One<ul><li>Nested</li><li>Also</li></ul></li><li>Two</li></ul>",
      "- One\n  - Nested\n  - Also\n- Two" },
    { "<ol><li>One<ol><li>Sub</li></ol></li><li>Two</li></ol>", "1. One\n   1. Sub\n2. Two" },
    { "<ul><li>Bullet<ol><li>Numbered</li></ol></li></ul>", "- Bullet\n  1. Numbered" },
    { "<ul><li><p>Para item</p></li><li><p>Another</p></li></ul>", "- Para item\n- Another" },
    { "<ul><li><p>First para</p><p>Second para</p></li></ul>", "- First para\n\n  Second para" },
    { "<p>Intro</p><ul><li>a</li></ul><p>Outro</p>", "Intro\n\n- a\n\nOutro" },
    /* adjacent lists stay apart */
    { "<ul><li>a</li></ul><ul><li>b</li></ul>", "- a\n\n* b" },
    { "<ol><li>a</li></ol><ol><li>b</li></ol>", "1. a\n\n1) b" },
    /* <ul> directly in <ul>, as some editors write */
    { "<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>", "- a\n  - b\n- c" },
    /* stray items and text */
    { "<li>orphan</li>", "- orphan" },
    { "<ul>text<li>item</li></ul>", "- text\n- item" },
    { "<ul><li></li><li>only</li></ul>", "- only" },
    { "<ul><li>  spaced   item  </li></ul>", "- spaced item" },
    { "<ul><li>- dash</li><li>1. one</li></ul>", "- \\- dash\n- 1\\. one" },
    { "<ul><li><h3>Head</h3></li><li><pre>code</pre></li></ul>",
      "- ### Head\n- ```\n  code\n  ```" },
    /* empty items do not count: a nested list that can interrupt the item's
     * text (starting at 1) really starts at 1 */
    { "<ul><li>text<ol><li></li><li><pre>co&lt;b&gt;de</pre></li></ol></li></ul>",
      "- text\n  1. ```\n     co<b>de\n     ```" },
    { "<ul><li>text<ol start=\"3\"><li>three</li></ol></li></ul>", "- text\n\n  3. three" },
  };

  CHECK (cases);
}

static void
test_links (void)
{
  static const Case cases[] = {
    { "<a href=\"https://example.com/jobs\">Apply</a>", "[Apply](https://example.com/jobs)" },
    { "<a href=\"http://example.com\">http</a>", "[http](http://example.com)" },
    { "<a href=\"mailto:jobs@example.com\">Mail us</a>", "[Mail us](mailto:jobs@example.com)" },
    { "<a href=\"HTTPS://EXAMPLE.COM\">caps</a>", "[caps](HTTPS://EXAMPLE.COM)" },
    { "<a href=\"  https://example.com  \">trimmed</a>", "[trimmed](https://example.com)" },
    { "<a href=\"https://en.wikipedia.org/wiki/C_(language)\">C</a>",
      "[C](https://en.wikipedia.org/wiki/C_\\(language\\))" },
    { "<a href=\"https://example.com/a b<c>\">odd</a>", "[odd](https://example.com/a%20b%3Cc%3E)" },
    { "<a href=\"https://example.com\">with <b>bold</b></a>",
      "[with **bold**](https://example.com)" },
    { "<a href=\"https://example.com\">[brackets]</a>", "[\\[brackets\\]](https://example.com)" },
    /* other schemes keep only the text */
    { "<a href=\"javascript:alert(1)\">js</a>", "js" },
    { "<a href=\"JavaScript:alert(1)\">js</a>", "js" },
    { "<a href=\"java&#9;script:alert(1)\">tab</a>", "tab" },
    { "<a href=\"data:text/html,<script>alert(1)</script>\">data</a>", "data" },
    { "<a href=\"vbscript:x\">vb</a>", "vb" },
    { "<a href=\"file:///etc/passwd\">file</a>", "file" },
    { "<a href=\"/relative/path\">relative</a>", "relative" },
    { "<a href=\"//example.com\">protocol relative</a>", "protocol relative" },
    { "<a href=\"https:\">empty</a>", "empty" },
    { "<a name=\"anchor\">no href</a>", "no href" },
    { "<a href=\"https://example.com\"></a>", "" },
    { "<a href=\"https://example.com\"><img src=\"logo.png\"></a>", "" },
    /* "!" before a link must not make it an image */
    { "<p>Wow!<a href=\"https://example.com/x.png\">x</a></p>",
      "Wow\\![x](https://example.com/x.png)" },
  };

  CHECK (cases);
}

static void
test_dropped (void)
{
  static const Case cases[] = {
    { "<p>a<script>alert('x')</script>b</p>", "ab" },
    { "<style>p { color: red }</style><p>styled</p>", "styled" },
    { "<p>before<iframe src=\"https://evil\">inside</iframe>after</p>", "beforeafter" },
    { "<object data=\"x\">obj</object><embed src=\"y\"><p>kept</p>", "kept" },
    { "<form action=\"/x\"><input value=\"v\"><button>Send</button>form text</form><p>kept</p>",
      "kept" },
    { "<head><title>Title</title><meta charset=\"utf-8\"></head><body><p>Body</p></body>", "Body" },
    { "<p>a<!-- comment -->b</p>", "ab" },
    { "<p>x<!-- <a href=\"https://evil\">y</a> -->z</p>", "xz" },
    { "<p>image <img src=\"x.png\" alt=\"alt\"> gone</p>", "image gone" },
    { "<noscript>no script</noscript><template><p>t</p></template><p>k</p>", "k" },
  };

  CHECK (cases);
}

static void
test_entities (void)
{
  static const Case cases[] = {
    { "<p>Salt &amp; Pepper</p>", "Salt & Pepper" },
    { "<p>a&nbsp;b&nbsp;&nbsp;c</p>", "a b c" },
    { "<p>caf&eacute; &#8217;quoted&#x2019; &euro;5</p>", "café ’quoted’ €5" },
    { "<p>1 &lt; 2 &gt; 0</p>", "1 \\< 2 > 0" },
    { "<p>&amp;amp; stays text</p>", "\\&amp; stays text" },
    { "<p>&quot;quotes&quot; &apos;</p>", "\"quotes\" '" },
  };

  CHECK (cases);
}

static void
test_escaping (void)
{
  static const Case cases[] = {
    { "<p>5 * 3 = 15</p>", "5 \\* 3 = 15" },
    { "<p>snake_case_name</p>", "snake\\_case\\_name" },
    { "<p>[click](javascript:alert(1))</p>", "\\[click\\](javascript:alert(1))" },
    { "<p>![img](https://evil/x.png)</p>", "!\\[img\\](https://evil/x.png)" },
    { "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>", "\\<script>alert(1)\\</script>" },
    { "<p>&lt;https://autolink.example&gt;</p>", "\\<https://autolink.example>" },
    { "<p>`code`</p>", "\\`code\\`" },
    { "<p>back\\slash</p>", "back\\\\slash" },
    { "<p># Not a heading</p>", "\\# Not a heading" },
    { "<p>C# and F#</p>", "C\\# and F\\#" },
    { "<p>&gt; not a quote</p>", "\\> not a quote" },
    { "<p>- not a list</p>", "\\- not a list" },
    { "<p>+ not a list</p>", "\\+ not a list" },
    { "<p>1. not a list</p>", "1\\. not a list" },
    { "<p>2024) not a list</p>", "2024\\) not a list" },
    { "<p>12 apples. 3) fine</p>", "12 apples. 3) fine" },
    { "<p>===</p>", "\\===" },
    { "<p>~~~</p>", "\\~~~" },
    { "<p>a | b</p>", "a \\| b" },
    { "<p>&amp;copy; &amp;#169; AT&amp;T & co</p>", "\\&copy; \\&\\#169; AT\\&T & co" },
    { "<p>mid-line - and + and &gt; are fine</p>", "mid-line - and + and > are fine" },
    { "<p>a<br>- b<br># c</p>", "a\\\n\\- b\\\n\\# c" },
    { "<p>    four spaces</p>", "four spaces" },
    { "<p>ctrl\x01\x07 chars\x7f</p>", "ctrl chars" },
  };

  CHECK (cases);
}

static void
test_headings (void)
{
  static const Case cases[] = {
    { "<h1>One</h1><h2>Two</h2><h3>Three</h3>", "# One\n\n## Two\n\n### Three" },
    { "<h4>4</h4><h5>5</h5><h6>6</h6>", "#### 4\n\n##### 5\n\n###### 6" },
    { "<p>text</p><h2>About <em>us</em></h2><p>more</p>", "text\n\n## About *us*\n\nmore" },
    { "<h2>Line<br>break</h2>", "## Line break" },
    { "<h2><div>Block</div><div>inside</div></h2>", "## Block inside" },
    { "<h3>1. Numbered</h3>", "### 1\\. Numbered" },
    { "<h2>Ends with #</h2>", "## Ends with \\#" },
    { "<h2>  </h2><p>after empty</p>", "after empty" },
  };

  CHECK (cases);
}

static void
test_blockquote (void)
{
  static const Case cases[] = {
    { "<blockquote>Quoted</blockquote>", "> Quoted" },
    { "<p>a</p><blockquote><p>q1</p><p>q2</p></blockquote><p>b</p>", "a\n\n> q1\n>\n> q2\n\nb" },
    { "<blockquote>outer<blockquote>inner</blockquote></blockquote>", "> outer\n>\n> > inner" },
    { "<blockquote><ul><li>a</li><li>b</li></ul></blockquote>", "> - a\n> - b" },
  };

  CHECK (cases);
}

static void
test_code (void)
{
  static const Case cases[] = {
    { "<p>Run <code>make install</code> now</p>", "Run `make install` now" },
    { "<p><code>a*b_c[d]</code></p>", "`a*b_c[d]`" },
    { "<p><code>a`b</code></p>", "``a`b``" },
    { "<p><code>`tick</code></p>", "`` `tick ``" },
    { "<p><code>  spaced \n code  </code></p>", "`spaced code`" },
    { "<pre>line 1\n  line 2\n\nline 4</pre>", "```\nline 1\n  line 2\n\nline 4\n```" },
    { "<pre><code>int x = *p;</code></pre>", "```\nint x = *p;\n```" },
    { "<pre>has ``` fence</pre>", "````\nhas ``` fence\n````" },
    { "<pre>&lt;b&gt;not bold&lt;/b&gt;</pre>", "```\n<b>not bold</b>\n```" },
    { "<blockquote><pre>a\n\nb</pre></blockquote>", "> ```\n> a\n>\n> b\n> ```" },
  };

  CHECK (cases);
}

static void
test_tables (void)
{
  static const Case cases[] = {
    { "<table><tr><th>Role</th><th>Pay</th></tr><tr><td>Dev</td><td>$100K</td></tr></table>",
      "| Role | Pay |\n| --- | --- |\n| Dev | $100K |" },
    { "<table><thead><tr><th>A</th><th>B</th></tr></thead>"
      "<tbody><tr><td>1</td></tr><tr><td>x|y</td><td><b>z</b></td></tr></tbody></table>",
      "| A | B |\n| --- | --- |\n| 1 |  |\n| x\\|y | **z** |" },
    { "<p>before</p><table><caption>Caption</caption><tr><td>a</td><td>b</td></tr></table>",
      "before\n\nCaption\n\n| a | b |\n| --- | --- |" },
    { "<table><tr><td>only</td></tr><tr><td>one column</td></tr></table>",
      "only\n\none column" },
    { "<table><tr><td><p>Layout</p><ul><li>list</li></ul></td></tr><tr><td>cell</td></tr></table>",
      "Layout\n\n- list\n\ncell" },
    { "<table><tr><td>Line<br>break</td><td><p>para</p></td></tr></table>",
      "| Line break | para |\n| --- | --- |" },
    { "<table><tr><td><code>a|b</code></td><td>c</td></tr></table>",
      "| `a\\|b` | c |\n| --- | --- |" },
    { "<table></table><table><tr></tr></table>", "" },
  };

  CHECK (cases);
}

static void
test_plain_text (void)
{
  static const Case cases[] = {
    { "Just one line", "Just one line" },
    { "Line one\nLine two\n\nParagraph two", "Line one\\\nLine two\n\nParagraph two" },
    { "Windows\r\nline ends\r\n\r\nsecond", "Windows\\\nline ends\n\nsecond" },
    { "\n\n  Leading and trailing  \n\n", "Leading and trailing" },
    { "Para one\n\n\n\n\nPara two", "Para one\n\nPara two" },
    { "We offer:\n• Health\n• Dental\n• 401(k)", "We offer:\n- Health\n- Dental\n- 401(k)" },
    { "Skills:\n- C\n- GLib\n* GTK", "Skills:\n- C\n- GLib\n- GTK" },
    { "-\nalone", "\\-\\\nalone" },
    { "- \nempty bullet", "empty bullet" },
    { "1. Not\n2. A list", "1\\. Not\\\n2\\. A list" },
    { "# hash\n*stars*\n[x](javascript:y)", "\\# hash\\\n\\*stars\\*\\\n\\[x\\](javascript:y)" },
    { "Fish &amp; chips", "Fish & chips" },
    { "a < b and c > d", "a \\< b and c > d" },
    /* only inline tags: newlines still count */
    { "<b>Role:</b> Engineer\nLocation: Remote\n\n<i>Apply</i> today",
      "**Role:** Engineer\\\nLocation: Remote\n\n*Apply* today" },
    /* any structure tag: newlines are white space */
    { "Line one\nLine two<br>three", "Line one Line two\\\nthree" },
  };

  CHECK (cases);
}

static void
test_deep_nesting (void)
{
  static const char * const tags[] = {
    "div", "b", "ul", "li", "ol", "blockquote", "table", "td", "span", "h2", "a href=\"https://x\"",
  };

  for (guint t = 0; t < G_N_ELEMENTS (tags); t++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autofree char *markdown = NULL;

      for (guint i = 0; i < 5000; i++)
        g_string_append_printf (html, "<%s>", tags[t]);
      g_string_append (html, "deep text");

      markdown = cg_html_to_markdown (html->str, html->len);
      assert_well_formed (markdown);
      g_assert_nonnull (strstr (markdown, "deep text"));
    }
}

static void
test_deep_text_kept (void)
{
  g_autoptr(GString) html = g_string_new ("<p>start</p>");
  g_autofree char *markdown = NULL;

  /* Past the depth limit the structure goes, the text stays */
  for (guint i = 0; i < 1000; i++)
    g_string_append (html, "<div>");
  g_string_append (html, "<p>one</p><p>two<script>no</script></p>");
  for (guint i = 0; i < 1000; i++)
    g_string_append (html, "</div>");
  g_string_append (html, "<p>end</p>");

  markdown = cg_html_to_markdown (html->str, -1);
  assert_well_formed (markdown);
  g_assert_true (g_str_has_prefix (markdown, "start\n\n"));
  g_assert_nonnull (strstr (markdown, "one two"));
  g_assert_null (strstr (markdown, "no"));
  g_assert_true (g_str_has_suffix (markdown, "\n\nend"));
}

static void
test_invalid_utf8 (void)
{
  static const char bytes[] = "<p>caf\xc3 ok \xff\xfe</p><p>\xe2\x82</p><p>fine</p>";
  static const char with_nul[] = "<p>before\0after</p>";
  g_autofree char *markdown = cg_html_to_markdown (bytes, -1);
  g_autofree char *nul = cg_html_to_markdown (with_nul, sizeof with_nul - 1);

  assert_well_formed (markdown);
  g_assert_nonnull (strstr (markdown, "ok"));
  g_assert_true (g_str_has_suffix (markdown, "\n\nfine"));

  assert_well_formed (nul);
  g_assert_nonnull (strstr (nul, "before"));
  g_assert_nonnull (strstr (nul, "after"));
}

static void
test_length (void)
{
  const char *html = "<p>first</p><p>second</p>";
  g_autofree char *part = cg_html_to_markdown (html, strlen ("<p>first</p>"));
  g_autofree char *whole = cg_html_to_markdown (html, -1);

  g_assert_cmpstr (part, ==, "first");
  g_assert_cmpstr (whole, ==, "first\n\nsecond");
}

static void
test_charset_ignored (void)
{
  /* A meta charset in the fragment must not make UTF-8 read as Latin-1 */
  g_autofree char *markdown =
    cg_html_to_markdown ("<meta charset=\"iso-8859-1\"><p>café €</p>", -1);

  g_assert_cmpstr (markdown, ==, "café €");
}

/* A posting as job boards send it */
static void
test_posting (void)
{
  const char *html =
    "<div class=\"description\">\n"
    "  <h2>About the role</h2>\n"
    "  <p>We&rsquo;re hiring a <strong>Senior C Developer</strong> to work on\n"
    "  <a href=\"https://example.com/product\" target=\"_blank\">our product</a>.</p>\n"
    "  <h3>You will</h3>\n"
    "  <ul>\n"
    "    <li>Write <code>GObject</code> code</li>\n"
    "    <li>Review patches<ul><li>in C</li><li>in Python</li></ul></li>\n"
    "  </ul>\n"
    "  <p><em>Salary:</em> $120K&ndash;$150K</p>\n"
    "  <script>track();</script>\n"
    "</div>\n";
  const char *expected =
    "## About the role\n"
    "\n"
    "We’re hiring a **Senior C Developer** to work on [our product](https://example.com/product).\n"
    "\n"
    "### You will\n"
    "\n"
    "- Write `GObject` code\n"
    "- Review patches\n"
    "  - in C\n"
    "  - in Python\n"
    "\n"
    "*Salary:* $120K–$150K";
  g_autofree char *markdown = cg_html_to_markdown (html, -1);

  g_assert_cmpstr (markdown, ==, expected);
}

/* Random tag soup and random bytes: never a crash, always well formed */
static void
test_random (void)
{
  static const char * const pieces[] = {
    "<p>", "</p>", "<ul>", "</ul>", "<ol start=\"7\">", "</ol>", "<li>", "</li>", "<b>", "</b>",
    "<i>", "</i>", "<a href=\"https://x.org/(a)\">", "<a href=\"javascript:x\">", "</a>", "<br>",
    "<h2>", "</h2>", "<blockquote>", "</blockquote>", "<pre>", "</pre>", "<code>", "</code>",
    "<table>", "<tr>", "<td>", "</td>", "</tr>", "</table>", "<script>", "</script>", "<hr>",
    "<div>", "</div>", "text", " ", "\n", "\n\n", "*", "_", "[", "]", "`", "#", "-", "1.", "&amp;",
    "&nbsp;", "&lt;", "•", "\xff", "<!--", "-->", "é", "|", "\\", "<",
  };

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) html = g_string_new (NULL);
      g_autofree char *markdown = NULL;
      guint n = g_test_rand_int_range (0, 40);

      if (i % 3 == 0)
        {
          for (guint k = 0; k < n * 4; k++)
            g_string_append_c (html, (char) g_test_rand_int_range (0, 256));
        }
      else
        {
          for (guint k = 0; k < n; k++)
            g_string_append (html, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);
        }

      markdown = cg_html_to_markdown (html->str, html->len);
      assert_well_formed (markdown);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html-markdown/empty", test_empty);
  g_test_add_func ("/html-markdown/paragraphs", test_paragraphs);
  g_test_add_func ("/html-markdown/emphasis", test_emphasis);
  g_test_add_func ("/html-markdown/lists", test_lists);
  g_test_add_func ("/html-markdown/links", test_links);
  g_test_add_func ("/html-markdown/dropped", test_dropped);
  g_test_add_func ("/html-markdown/entities", test_entities);
  g_test_add_func ("/html-markdown/escaping", test_escaping);
  g_test_add_func ("/html-markdown/headings", test_headings);
  g_test_add_func ("/html-markdown/blockquote", test_blockquote);
  g_test_add_func ("/html-markdown/code", test_code);
  g_test_add_func ("/html-markdown/tables", test_tables);
  g_test_add_func ("/html-markdown/plain-text", test_plain_text);
  g_test_add_func ("/html-markdown/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html-markdown/deep-text-kept", test_deep_text_kept);
  g_test_add_func ("/html-markdown/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/html-markdown/length", test_length);
  g_test_add_func ("/html-markdown/charset-ignored", test_charset_ignored);
  g_test_add_func ("/html-markdown/posting", test_posting);
  g_test_add_func ("/html-markdown/random", test_random);

  return g_test_run ();
}
