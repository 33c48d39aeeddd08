/* test-csv-reader.c: tests for cg-csv-reader, the one CSV reader
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "cg-csv-reader.h"

/* Rows as "LINE: cell|cell|cell\n" */
static gboolean
collect_cb (const CgCsvRow  *row,
            gpointer         user_data,
            GError         **error)
{
  GString *out = user_data;

  g_string_append_printf (out, "%u:", row->line);
  for (guint i = 0; i < row->n_cells; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : " ", row->cells[i]);
  if (row->oversized)
    g_string_append (out, " (oversized)");
  g_assert_null (row->cells[row->n_cells]);
  g_string_append_c (out, '\n');
  return TRUE;
}

static char *
read_all (const char  *data,
          gssize       length,
          CgCsvFlags   flags,
          GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (!cg_csv_read (data, length < 0 ? strlen (data) : (gsize) length, flags, '\0', collect_cb,
                    out, error))
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_reads (const char *data,
              CgCsvFlags  flags,
              const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = read_all (data, -1, flags, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

static void
test_rows_and_lines (void)
{
  /* quoted line breaks, CR LF, a lone CR, empty lines, no break at the end */
  assert_reads ("a,b,c\n"
                "1,\"two\nlines\",3\r\n"
                "\r\n"
                "\n"
                "x,\"y\r\nz\",\r"
                "last,row,here",
                CG_CSV_STRICT,
                "1: a|b|c\n"
                "2: 1|two\nlines|3\n"
                "6: x|y\nz|\n"
                "8: last|row|here\n");
  /* a row of empty cells is a row */
  assert_reads ("a,b\n,\n", CG_CSV_STRICT, "1: a|b\n2: |\n");
}

static void
test_delimiters (void)
{
  assert_reads ("\n\na;b;c\n1;\"2;3\";4\n", CG_CSV_STRICT, "3: a|b|c\n4: 1|2;3|4\n");
  assert_reads ("a\tb, with a comma\tc\n1\t2\t3\n", CG_CSV_STRICT,
                "1: a|b, with a comma|c\n2: 1|2|3\n");
  assert_reads ("only\n", CG_CSV_STRICT, "1: only\n");
  assert_reads ("a,b;c\n", CG_CSV_STRICT, "1: a|b;c\n");
}

static void
test_encodings (void)
{
  static const char utf16le[] = "\xff\xfe" "a\0,\0\xe9\0\n\0";
  static const char utf16be[] = "\xfe\xff" "\0a\0,\0\xe9\0\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autofree char *text = NULL;
  const char *encoding = NULL;
  gsize length = 0;

  /* UTF-8 with a BOM */
  assert_reads ("\xef\xbb\xbf" "Caf\xc3\xa9,b\n", CG_CSV_STRICT, "1: Caf\xc3\xa9|b\n");

  /* UTF-16 with a BOM, both byte orders */
  got = read_all (utf16le, sizeof utf16le - 1, CG_CSV_STRICT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "1: a|\xc3\xa9\n");
  g_clear_pointer (&got, g_free);
  got = read_all (utf16be, sizeof utf16be - 1, CG_CSV_STRICT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, "1: a|\xc3\xa9\n");
  g_clear_pointer (&got, g_free);

  /* UTF-16 cut in the middle of a unit */
  got = read_all ("\xff\xfe" "a\0b", 5, CG_CSV_STRICT, &error);
  g_assert_error (error, CG_CSV_ERROR, CG_CSV_ERROR_ENCODING);
  g_assert_null (got);
  g_clear_error (&error);

  /* not UTF-8: Windows-1252 (the euro sign), else Latin-1 */
  text = cg_csv_decode ("M\xfcller \x80", 8, &length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "M\xc3\xbcller \xe2\x82\xac");
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpstr (encoding, ==, "WINDOWS-1252");
  g_clear_pointer (&text, g_free);
  text = cg_csv_decode ("\x81\xfc", 2, &length, &encoding, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "\xc2\x81\xc3\xbc");
  g_assert_cmpstr (encoding, ==, "ISO-8859-1");
  g_clear_pointer (&text, g_free);
  text = cg_csv_decode ("\xef\xbb\xbf" "abc", 6, &length, &encoding, &error);
  g_assert_cmpstr (text, ==, "abc");
  g_assert_cmpuint (length, ==, 3);
  g_assert_cmpstr (encoding, ==, "UTF-8");
}

static void
test_strict (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  /* a stray quote: an error in strict mode, text otherwise */
  got = read_all ("Title,Company\nData Engineer,Acme\n\nAnalyst,Init\"ech\n", -1, CG_CSV_STRICT,
                  &error);
  g_assert_error (error, CG_CSV_ERROR, CG_CSV_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "Line 4"));
  g_assert_null (got);
  g_clear_error (&error);
  assert_reads ("Title,Company\nAnalyst,Init\"ech\n", CG_CSV_NONE,
                "1: Title|Company\n2: Analyst|Init\"ech\n");

  /* a quote never closed: the line its row starts on */
  got = read_all ("a,b\n\n\"open,\nstill\n", -1, CG_CSV_STRICT, &error);
  g_assert_error (error, CG_CSV_ERROR, CG_CSV_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "line 3"));
  g_clear_error (&error);

  /* nothing */
  got = read_all ("\xef\xbb\xbf\n\r\n", -1, CG_CSV_STRICT, &error);
  g_assert_error (error, CG_CSV_ERROR, CG_CSV_ERROR_EMPTY);
}

/* Fed a byte at a time, the rows and lines are the same. */
static void
test_pieces (void)
{
  static const char text[] = "\xef\xbb\xbf" "\n" "a;b\r\n1;\"x\r\ny\"\r\n\r\n2;3";
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CgCsvReader) reader = cg_csv_reader_new (CG_CSV_STRICT, '\0', collect_cb, out);
  g_autoptr(GError) error = NULL;

  for (gsize i = 0; i < sizeof text - 1; i++)
    g_assert_true (cg_csv_reader_feed (reader, text + i, 1, &error));
  g_assert_true (cg_csv_reader_finish (reader, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==, "2: a|b\n3: 1|x\ny\n6: 2|3\n");
  g_assert_cmpint (cg_csv_reader_get_delimiter (reader), ==, ';');
  g_assert_cmpuint (cg_csv_reader_get_n_rows (reader), ==, 3);
}

static void
test_limits (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CgCsvReader) reader = cg_csv_reader_new (CG_CSV_NONE, ',', collect_cb, out);
  static const char text[] = "a,b,c,d\nlong cell,x\nok,ok\n";

  cg_csv_reader_set_limits (reader, 3, 8);
  g_assert_true (cg_csv_reader_feed (reader, text, sizeof text - 1, NULL));
  g_assert_true (cg_csv_reader_finish (reader, NULL));
  g_assert_cmpstr (out->str, ==, "1: a|b|c (oversized)\n2: (oversized)\n3: ok|ok\n");
}

static gboolean
stop_cb (const CgCsvRow  *row,
         gpointer         user_data,
         GError         **error)
{
  guint *n = user_data;

  if (++*n < 2)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INTR, "stop at line %u", row->line);
  return FALSE;
}

static void
test_stop (void)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_false (cg_csv_read ("a\nb\nc\n", 6, CG_CSV_STRICT, ',', stop_cb, &n, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_INTR);
  g_assert_cmpstr (error->message, ==, "stop at line 2");
  g_assert_cmpuint (n, ==, 2);
}

static void
test_header_key (void)
{
  static const struct {
    const char *header;
    const char *key;
  } cases[] = {
    { "Follow-up date", "followupdate" },
    { " FOLLOW UP DATE ", "followupdate" },
    { "follow_up_date", "followupdate" },
    { "Max. Salary", "maxsalary" },
    { "\xef\xbc\xa1pplied", "applied" },        /* a fullwidth A */
    { "Fecha de Postulaci\xc3\xb3n", "fechadepostulacion" },  /* accents go */
    { "---", "" },
    { NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = cg_csv_header_key (cases[i].header);

      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/csv-reader/rows-and-lines", test_rows_and_lines);
  g_test_add_func ("/csv-reader/delimiters", test_delimiters);
  g_test_add_func ("/csv-reader/encodings", test_encodings);
  g_test_add_func ("/csv-reader/strict", test_strict);
  g_test_add_func ("/csv-reader/pieces", test_pieces);
  g_test_add_func ("/csv-reader/limits", test_limits);
  g_test_add_func ("/csv-reader/stop", test_stop);
  g_test_add_func ("/csv-reader/header-key", test_header_key);

  return g_test_run ();
}
