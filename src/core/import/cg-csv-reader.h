/* cg-csv-reader.h: the one CSV reader, over libcsv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every CSV file the program reads (the content compiler's figures, the
 * postings import, the applications import) goes through this reader: it
 * sets libcsv up one way, finds the delimiter, turns the file's encoding
 * into UTF-8, hands over rows as arrays of cells with the line each starts
 * on, and names headers by one rule (cg_csv_header_key()).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CG_CSV_ERROR (cg_csv_error_quark ())

typedef enum {
  CG_CSV_ERROR_PARSE,     /* not CSV (strict): a stray quote, a quote never closed */
  CG_CSV_ERROR_ENCODING,  /* UTF-16 that does not convert */
  CG_CSV_ERROR_EMPTY,     /* no row at all */
} CgCsvError;

GQuark cg_csv_error_quark (void);

typedef enum {
  CG_CSV_NONE   = 0,
  /* The one strictness setting. Strict: a quote must open and close a
   * whole cell (a quote inside a quoted cell written twice), and a quote
   * never closed is an error with its line. Lenient (as for postings from
   * anywhere): libcsv takes such quotes as text. */
  CG_CSV_STRICT = 1 << 0,
} CgCsvFlags;

/* One row. Line breaks inside a cell read as "\n". */
typedef struct {
  guint               line;      /* the line it starts on, from 1 */
  guint               n_cells;
  const char *const  *cells;     /* n_cells strings, then NULL */
  gboolean            oversized; /* over the limits of cg_csv_reader_set_limits():
                                  * the cells past them are not kept */
} CgCsvRow;

/* Called for each row, the header row too; FALSE (with @error set) stops
 * the reader. */
typedef gboolean (*CgCsvRowFunc) (const CgCsvRow  *row,
                                  gpointer         user_data,
                                  GError         **error);

typedef struct _CgCsvReader CgCsvReader;

/* @delimiter is ',', ';' or '\t', or 0 to find it: the most frequent of
 * them on the first line that is not empty (',' when none). */
CgCsvReader *cg_csv_reader_new          (CgCsvFlags     flags,
                                         char           delimiter,
                                         CgCsvRowFunc   func,
                                         gpointer       user_data);
void         cg_csv_reader_free         (CgCsvReader   *reader);
/* Rows of more than @max_cells cells, or more than @max_bytes bytes in
 * their cells, come with `oversized` set and only the cells within the
 * limits (0: no limit). */
void         cg_csv_reader_set_limits   (CgCsvReader   *reader,
                                         guint          max_cells,
                                         gsize          max_bytes);
/* Feeds UTF-8 text (a BOM at the start is skipped), in pieces of any size.
 * Returns FALSE when the text is not CSV (strict) or the row function
 * failed; the reader is then done. */
gboolean     cg_csv_reader_feed         (CgCsvReader   *reader,
                                         const char    *text,
                                         gsize          length,
                                         GError       **error);
/* Ends the text: the last row, or CG_CSV_ERROR_PARSE for a quote never
 * closed (strict). */
gboolean     cg_csv_reader_finish       (CgCsvReader   *reader,
                                         GError       **error);
/* The delimiter in use (after the first line when it was found), or 0. */
char         cg_csv_reader_get_delimiter (CgCsvReader  *reader);
/* The rows handed over so far. */
guint        cg_csv_reader_get_n_rows   (CgCsvReader   *reader);

/* A whole file's bytes as UTF-8: UTF-8 with or without a BOM, UTF-16 with
 * a BOM, else Windows-1252 / Latin-1. @encoding (may be NULL) receives
 * "UTF-8", "UTF-16LE", "UTF-16BE", "WINDOWS-1252" or "ISO-8859-1". */
char        *cg_csv_decode              (const char    *data,
                                         gsize          length,
                                         gsize         *out_length,
                                         const char   **encoding,
                                         GError       **error);
/* Decodes @data (cg_csv_decode()) and reads it all. CG_CSV_ERROR_EMPTY
 * when it has no row. */
gboolean     cg_csv_read                (const char    *data,
                                         gsize          length,
                                         CgCsvFlags     flags,
                                         char           delimiter,
                                         CgCsvRowFunc   func,
                                         gpointer       user_data,
                                         GError       **error);

/* The one header normaliser: a header's letters and digits, decomposed
 * (so without accents) and case-folded ("Follow-up date", " FOLLOW UP
 * DATE " and "follow_up_date" are all "followupdate", "Postulación" is
 * "postulacion"). "" when it has none. */
char        *cg_csv_header_key          (const char    *header);
/* Whether every cell of @row is empty or white space. */
gboolean     cg_csv_row_is_blank        (const CgCsvRow *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CgCsvReader, cg_csv_reader_free)

G_END_DECLS
