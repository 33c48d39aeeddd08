/* cg-pay.c: pay ranges as postings state them
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "cg-pay"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "cg-pay.h"

/* Postings state pay in many ways: "$66.50K - $89.90K/yr", "$40 an hour",
 * "€45,000 - €55,000 a year", "£30k-£40k per annum", "USD 120000-150000",
 * "Up to $90K a year", or a bare "40.00" next to a schema.org unitText.
 *
 * cg_pay_parse() reads such text in two steps. A scanner turns it into a short
 * list of tokens (numbers with their K/M multiplier, currencies, unit words,
 * range dashes, "up to"/"from" hints; all other words and punctuation are
 * noise). Then the pay figure is picked from the tokens:
 *
 * - the first number next to a currency, else the first number, is the figure;
 *   numbers that are percentages ("10%"), durations ("40 hours", "40-hour"),
 *   "401k", or malformed ("1.2.3") are never a figure;
 * - a dash, "to" or "and" followed by a second number makes a range; a K/M
 *   written only on one end applies to both ("50-60K");
 * - the unit is the first unit word after the figure (before any other number),
 *   else the last one before it, else the caller's default, else a guess;
 * - the currency is the one next to the figure, else the first one, else the
 *   caller's default.
 *
 * Limits against hostile input (this parser is fuzzed): text longer than
 * MAX_TEXT bytes or not valid UTF-8 is refused, at most MAX_TOKENS tokens are
 * read, and numbers with more than MAX_DIGITS digits are refused, so every loop
 * is bounded and no conversion can overflow.
 */

#define MAX_TEXT    4096
#define MAX_TOKENS  256
#define MAX_DIGITS  32        /* digits and separators in one number */
#define MAX_FIGURE  1e9       /* more than this is not pay */
#define HINT_REACH  4         /* how many tokens before a figure "up to"/"from" may be */

typedef enum
{
  TOK_NUMBER,
  TOK_CURRENCY,
  TOK_UNIT,
  TOK_DURATION,   /* a plural unit word: "hours", "years" */
  TOK_DASH,
  TOK_PLUS,
  TOK_MIN_HINT,   /* "from", "starting", "minimum", ... */
  TOK_MAX_HINT,   /* "up to", "max", ... */
  TOK_WORD,
} TokenType;

typedef enum
{
  NUM_PERCENT   = 1 << 0,
  NUM_INVALID   = 1 << 1,  /* malformed grouping, e.g. "1.2.3" */
  NUM_ABSURD    = 1 << 2,  /* too many digits */
  NUM_NOT_PAY   = 1 << 3,  /* a duration, "401k" */
  NUM_SUFFIX    = 1 << 4,  /* had a K/M multiplier */
  DASH_IS_MINUS = 1 << 5,  /* '-' or U+2212, which can also be a sign */
  CURRENCY_WEAK = 1 << 6,  /* a bare '$': "CAD $80,000" is in CAD */
  CURRENCY_CODE = 1 << 7,  /* written as a code: "CAD" */
  NUM_PER_YEAR  = 1 << 8,  /* "12 LPA": lakhs per annum */
} TokenFlags;

typedef struct
{
  TokenType type;
  guint     flags;
  gsize     start;       /* byte offsets in the text */
  gsize     end;
  double    raw;         /* TOK_NUMBER: the number as written */
  double    multiplier;  /* TOK_NUMBER: 1, 1e3, 1e6, ... */
  CgPayUnit unit;        /* TOK_UNIT, TOK_DURATION */
  char      currency[4]; /* TOK_CURRENCY */
} Token;

typedef struct
{
  const char *text;
  gsize       len;
  Token       tokens[MAX_TOKENS];
  guint       n_tokens;
  gboolean    reject;    /* e.g. scientific notation: the whole text is refused */
} Scanner;

/* Units */

typedef enum
{
  UNIT_WORD_PLURAL      = 1 << 0,  /* "hours": usually a duration, not a rate */
  UNIT_WORD_AFTER_SLASH = 1 << 1,  /* "h", "y": only as "/h", "/y" */
} UnitWordFlags;

static const struct
{
  const char *word;
  CgPayUnit   unit;
  guint       flags;
} unit_words[] = {
  { "hour", CG_PAY_UNIT_HOUR, 0 },
  { "hourly", CG_PAY_UNIT_HOUR, 0 },
  { "hr", CG_PAY_UNIT_HOUR, 0 },
  { "hours", CG_PAY_UNIT_HOUR, UNIT_WORD_PLURAL },
  { "hrs", CG_PAY_UNIT_HOUR, UNIT_WORD_PLURAL },
  { "h", CG_PAY_UNIT_HOUR, UNIT_WORD_AFTER_SLASH },
  { "day", CG_PAY_UNIT_DAY, 0 },
  { "daily", CG_PAY_UNIT_DAY, 0 },
  { "diem", CG_PAY_UNIT_DAY, 0 },
  { "days", CG_PAY_UNIT_DAY, UNIT_WORD_PLURAL },
  { "d", CG_PAY_UNIT_DAY, UNIT_WORD_AFTER_SLASH },
  { "week", CG_PAY_UNIT_WEEK, 0 },
  { "weekly", CG_PAY_UNIT_WEEK, 0 },
  { "wk", CG_PAY_UNIT_WEEK, 0 },
  { "weeks", CG_PAY_UNIT_WEEK, UNIT_WORD_PLURAL },
  { "wks", CG_PAY_UNIT_WEEK, UNIT_WORD_PLURAL },
  { "w", CG_PAY_UNIT_WEEK, UNIT_WORD_AFTER_SLASH },
  { "month", CG_PAY_UNIT_MONTH, 0 },
  { "monthly", CG_PAY_UNIT_MONTH, 0 },
  { "mo", CG_PAY_UNIT_MONTH, 0 },
  { "mth", CG_PAY_UNIT_MONTH, 0 },
  { "pcm", CG_PAY_UNIT_MONTH, 0 },
  { "months", CG_PAY_UNIT_MONTH, UNIT_WORD_PLURAL },
  { "mos", CG_PAY_UNIT_MONTH, UNIT_WORD_PLURAL },
  { "mths", CG_PAY_UNIT_MONTH, UNIT_WORD_PLURAL },
  { "m", CG_PAY_UNIT_MONTH, UNIT_WORD_AFTER_SLASH },
  { "year", CG_PAY_UNIT_YEAR, 0 },
  { "yearly", CG_PAY_UNIT_YEAR, 0 },
  { "yr", CG_PAY_UNIT_YEAR, 0 },
  { "annual", CG_PAY_UNIT_YEAR, 0 },
  { "annually", CG_PAY_UNIT_YEAR, 0 },
  { "annum", CG_PAY_UNIT_YEAR, 0 },
  { "years", CG_PAY_UNIT_YEAR, UNIT_WORD_PLURAL },
  { "yrs", CG_PAY_UNIT_YEAR, UNIT_WORD_PLURAL },
  { "y", CG_PAY_UNIT_YEAR, UNIT_WORD_AFTER_SLASH },
  { "a", CG_PAY_UNIT_YEAR, UNIT_WORD_AFTER_SLASH },  /* "/a", pro anno */
  /* German, French, Spanish (words with non-ASCII letters cannot be told) */
  { "stunde", CG_PAY_UNIT_HOUR, 0 },
  { "heure", CG_PAY_UNIT_HOUR, 0 },
  { "hora", CG_PAY_UNIT_HOUR, 0 },
  { "jour", CG_PAY_UNIT_DAY, 0 },
  { "dia", CG_PAY_UNIT_DAY, 0 },
  { "woche", CG_PAY_UNIT_WEEK, 0 },
  { "semaine", CG_PAY_UNIT_WEEK, 0 },
  { "semana", CG_PAY_UNIT_WEEK, 0 },
  { "monat", CG_PAY_UNIT_MONTH, 0 },
  { "monatlich", CG_PAY_UNIT_MONTH, 0 },
  { "mois", CG_PAY_UNIT_MONTH, 0 },
  { "mensuel", CG_PAY_UNIT_MONTH, 0 },
  { "mes", CG_PAY_UNIT_MONTH, 0 },
  { "mensual", CG_PAY_UNIT_MONTH, 0 },
  { "jahr", CG_PAY_UNIT_YEAR, 0 },
  { "annuel", CG_PAY_UNIT_YEAR, 0 },
  { "anual", CG_PAY_UNIT_YEAR, 0 },
};

/* @word is lower case. */
static gboolean
lookup_unit_word (const char *word,
                  gboolean    after_slash,
                  CgPayUnit  *unit,
                  gboolean   *plural)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_words); i++)
    {
      if (strcmp (word, unit_words[i].word) != 0)
        continue;
      if ((unit_words[i].flags & UNIT_WORD_AFTER_SLASH) && !after_slash)
        return FALSE;
      *unit = unit_words[i].unit;
      *plural = (unit_words[i].flags & UNIT_WORD_PLURAL) != 0;
      return TRUE;
    }

  return FALSE;
}

/**
 * cg_pay_unit_from_string:
 * @text: (nullable): a schema.org unitText ("HOUR", "YEAR", ...) or a
 *   common form ("hourly", "per hour", "/hr", "annually", "p.a.", ...)
 *
 * Returns: the unit, or %CG_PAY_UNIT_UNKNOWN
 */
CgPayUnit
cg_pay_unit_from_string (const char *text)
{
  g_autofree char *lower = NULL;
  g_autoptr(GString) word = NULL;
  const char *p;
  gboolean after_slash = FALSE;
  gboolean plural;
  CgPayUnit unit;

  if (text == NULL || strnlen (text, 65) > 64)
    return CG_PAY_UNIT_UNKNOWN;

  lower = g_strstrip (g_ascii_strdown (text, -1));
  p = lower;

  /* "per hour", "a year", "an hour", "/hr", "p/h" */
  if (g_str_has_prefix (p, "per "))
    p += 4;
  else if (g_str_has_prefix (p, "an "))
    p += 3;
  else if (g_str_has_prefix (p, "a "))
    p += 2;
  else if (g_str_has_prefix (p, "p/"))
    p += 1;
  while (*p == ' ')
    p++;
  if (*p == '/')
    {
      after_slash = TRUE;
      p++;
      while (*p == ' ')
        p++;
    }

  /* "hr.", "p.a." */
  word = g_string_new (NULL);
  for (; *p != '\0'; p++)
    {
      if (*p != '.')
        g_string_append_c (word, *p);
    }

  if (strcmp (word->str, "pa") == 0)
    return CG_PAY_UNIT_YEAR;

  if (lookup_unit_word (word->str, after_slash, &unit, &plural))
    return unit;

  return CG_PAY_UNIT_UNKNOWN;
}

/**
 * cg_pay_unit_to_string:
 * @unit: a unit
 *
 * Returns: (nullable): the schema.org unitText for @unit ("HOUR", ...), or
 *   %NULL for %CG_PAY_UNIT_UNKNOWN
 */
const char *
cg_pay_unit_to_string (CgPayUnit unit)
{
  switch (unit)
    {
    case CG_PAY_UNIT_HOUR:
      return "HOUR";
    case CG_PAY_UNIT_DAY:
      return "DAY";
    case CG_PAY_UNIT_WEEK:
      return "WEEK";
    case CG_PAY_UNIT_MONTH:
      return "MONTH";
    case CG_PAY_UNIT_YEAR:
      return "YEAR";
    case CG_PAY_UNIT_UNKNOWN:
    default:
      return NULL;
    }
}

/**
 * cg_pay_unit_annual_factor:
 * @unit: a unit
 *
 * Returns: how many @unit make a working year (2080 hours, 260 days,
 *   52 weeks, 12 months), or 0 for %CG_PAY_UNIT_UNKNOWN
 */
double
cg_pay_unit_annual_factor (CgPayUnit unit)
{
  switch (unit)
    {
    case CG_PAY_UNIT_HOUR:
      return 2080;
    case CG_PAY_UNIT_DAY:
      return 260;
    case CG_PAY_UNIT_WEEK:
      return 52;
    case CG_PAY_UNIT_MONTH:
      return 12;
    case CG_PAY_UNIT_YEAR:
      return 1;
    case CG_PAY_UNIT_UNKNOWN:
    default:
      return 0;
    }
}

/* Currencies */

/* Codes that are also common English words (TRY, PHP, ALL, TOP, CUP, MAD, PEN,
 * ...) are left out: "PHP developer, $90K" is paid in dollars. */
static const char * const currency_codes[] = {
  "USD", "EUR", "GBP", "JPY", "CAD", "AUD", "NZD", "INR", "CHF", "SEK", "NOK", "DKK",
  "ISK", "PLN", "CZK", "HUF", "RON", "BGN", "SGD", "HKD", "CNY", "KRW", "TWD", "ZAR",
  "BRL", "MXN", "ARS", "CLP", "ILS", "AED", "SAR", "QAR", "RUB", "UAH", "NGN", "KES",
  "EGP", "PKR", "BDT", "LKR", "IDR", "MYR", "THB", "VND",
};

/* Letters written before '$': "US$", "CA$", "A$", ... */
static const struct
{
  const char *prefix;
  const char *code;
} dollar_prefixes[] = {
  { "us", "USD" }, { "ca", "CAD" }, { "c", "CAD" }, { "a", "AUD" }, { "au", "AUD" },
  { "nz", "NZD" }, { "s", "SGD" }, { "sg", "SGD" }, { "hk", "HKD" }, { "r", "BRL" },
  { "mx", "MXN" }, { "nt", "TWD" },
};

static const struct
{
  gunichar    symbol;
  const char *code;
} currency_symbols[] = {
  { 0x20AC, "EUR" }, /* € */
  { 0x00A3, "GBP" }, /* £ */
  { 0x00A5, "JPY" }, /* ¥ */
  { 0xFFE5, "JPY" }, /* fullwidth ¥ */
  { 0x20B9, "INR" }, /* ₹ */
  { 0x20A9, "KRW" }, /* ₩ */
  { 0x20AA, "ILS" }, /* ₪ */
  { 0x20BD, "RUB" }, /* ₽ */
  { 0x20B1, "PHP" }, /* ₱ */
  { 0x20BA, "TRY" }, /* ₺ */
  { 0x20A6, "NGN" }, /* ₦ */
  { 0x20AB, "VND" }, /* ₫ */
  { 0x20B4, "UAH" }, /* ₴ */
};

static const char *
lookup_currency_code (const char *word)
{
  if (strcmp (word, "rmb") == 0)
    return "CNY";

  for (guint i = 0; i < G_N_ELEMENTS (currency_codes); i++)
    {
      if (g_ascii_strcasecmp (word, currency_codes[i]) == 0)
        return currency_codes[i];
    }

  return NULL;
}

static void
set_code (char        dest[4],
          const char *code)
{
  g_strlcpy (dest, code, 4);
}

/* Scanner */

static Token *
scanner_add (Scanner   *scanner,
             TokenType  type,
             gsize      start,
             gsize      end)
{
  Token *token;

  if (scanner->n_tokens >= MAX_TOKENS)
    return NULL;

  token = &scanner->tokens[scanner->n_tokens++];
  memset (token, 0, sizeof *token);
  token->type = type;
  token->start = start;
  token->end = end;
  token->multiplier = 1;

  return token;
}

static gboolean
is_alpha_at (const Scanner *scanner,
             gsize          i)
{
  return i < scanner->len && g_ascii_isalpha (scanner->text[i]);
}

static gboolean
is_digit_at (const Scanner *scanner,
             gsize          i)
{
  return i < scanner->len && g_ascii_isdigit (scanner->text[i]);
}

/* A space, no-break space (U+00A0), thin space (U+2009) or narrow no-break
 * space (U+202F) that groups digits, as in "45 000": returns its length in
 * bytes. It must be followed by exactly three digits, and not by a letter or
 * '%' ("$40 100% remote" is not 40100). */
static gsize
group_space_at (const Scanner *scanner,
                gsize          i)
{
  const guchar *s = (const guchar *) scanner->text + i;
  gsize left = scanner->len - i;
  gsize space = 0;
  gsize after;

  if (left >= 1 && s[0] == ' ')
    space = 1;
  else if (left >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
    space = 2;
  else if (left >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x89 || s[2] == 0xAF))
    space = 3;

  if (space == 0
      || !is_digit_at (scanner, i + space)
      || !is_digit_at (scanner, i + space + 1)
      || !is_digit_at (scanner, i + space + 2))
    return 0;

  after = i + space + 3;
  if (after < scanner->len
      && (g_ascii_isalnum (scanner->text[after]) || scanner->text[after] == '%'))
    return 0;

  return space;
}

/* Reads the K/M/... after a number: "80K", "80 k", "1.2 million". */
static double
scan_multiplier (const Scanner *scanner,
                 gsize          i,
                 gsize         *end,
                 gboolean      *per_year)
{
  static const struct
  {
    const char *word;
    double      multiplier;
  } multipliers[] = {
    { "k", 1e3 }, { "thousand", 1e3 },
    { "m", 1e6 }, { "mm", 1e6 }, { "mn", 1e6 }, { "mil", 1e6 }, { "mln", 1e6 }, { "million", 1e6 },
    { "b", 1e9 }, { "bn", 1e9 }, { "billion", 1e9 },
    { "lakh", 1e5 }, { "lakhs", 1e5 }, { "lac", 1e5 }, { "lacs", 1e5 }, { "lpa", 1e5 },
    { "crore", 1e7 }, { "crores", 1e7 },
  };
  char word[16];
  gsize j = i;
  gsize n = 0;

  if (j < scanner->len && scanner->text[j] == ' ')
    j++;

  while (is_alpha_at (scanner, j))
    {
      if (n + 1 >= sizeof word)
        return 1;
      word[n++] = g_ascii_tolower (scanner->text[j]);
      j++;
    }
  word[n] = '\0';

  if (n == 0)
    return 1;

  for (guint k = 0; k < G_N_ELEMENTS (multipliers); k++)
    {
      if (strcmp (word, multipliers[k].word) == 0)
        {
          *end = j;
          *per_year = strcmp (word, "lpa") == 0;
          return multipliers[k].multiplier;
        }
    }

  return 1;
}

static gboolean
grouping_is_valid (const guint *groups,
                   guint        n_groups,
                   char         sep)
{
  if (groups[0] < 1 || groups[0] > 3)
    return FALSE;

  for (guint k = 1; k < n_groups; k++)
    {
      gboolean last = k == n_groups - 1;

      /* Indian grouping: "1,00,000" */
      if (groups[k] != 3 && !(sep == ',' && !last && groups[k] == 2))
        return FALSE;
    }

  return TRUE;
}

/* Reads a number at @i: digits grouped with ',', '.', '\'' or spaces, an
 * optional decimal part, a K/M multiplier, a trailing '%'. A single '.'
 * followed by three digits groups ("€45.000") unless a multiplier follows
 * ("$66.500K"); a single ',' followed by one or two digits is a decimal
 * comma ("45,50"). */
static gsize
scan_number (Scanner *scanner,
             gsize    i)
{
  char seps[MAX_DIGITS];
  guint groups[MAX_DIGITS + 1];
  char clean[MAX_DIGITS + 2];
  guint n_seps = 0;
  guint n_digits = 0;
  guint n_clean = 0;
  int decimal = -1;   /* index in seps of the decimal separator */
  guint flags = 0;
  gsize start = i;
  gsize j = i;
  gsize end;
  double multiplier;
  gboolean per_year = FALSE;
  Token *token;

  groups[0] = 0;

  while (j < scanner->len)
    {
      char c = scanner->text[j];
      gsize space;

      if (g_ascii_isdigit (c))
        {
          if (n_digits + n_seps >= MAX_DIGITS)
            flags |= NUM_ABSURD;
          else
            groups[n_seps]++;
          n_digits++;
          j++;
        }
      else if ((c == ',' || c == '.' || c == '\'') && is_digit_at (scanner, j + 1)
               && (j > start || c == '.'))
        {
          if (n_digits + n_seps < MAX_DIGITS)
            {
              seps[n_seps++] = c;
              groups[n_seps] = 0;
            }
          else
            flags |= NUM_ABSURD;
          j++;
        }
      else if (j > start && groups[n_seps] >= 1 && groups[n_seps] <= 3
               && (space = group_space_at (scanner, j)) > 0)
        {
          if (n_digits + n_seps < MAX_DIGITS)
            {
              seps[n_seps++] = ' ';
              groups[n_seps] = 0;
            }
          else
            flags |= NUM_ABSURD;
          j += space;
        }
      else
        break;
    }

  end = j;

  /* "1e5": scientific notation is not how pay is written */
  if (j < scanner->len && (scanner->text[j] == 'e' || scanner->text[j] == 'E')
      && (is_digit_at (scanner, j + 1)
          || (j + 1 < scanner->len && (scanner->text[j + 1] == '+' || scanner->text[j + 1] == '-')
              && is_digit_at (scanner, j + 2))))
    scanner->reject = TRUE;

  multiplier = scan_multiplier (scanner, end, &end, &per_year);

  /* Which separator, if any, is the decimal point? */
  if (!(flags & NUM_ABSURD) && n_seps > 0)
    {
      char last = seps[n_seps - 1];
      gboolean same = TRUE;

      for (guint k = 0; k + 1 < n_seps; k++)
        {
          if (seps[k] != seps[0])
            same = FALSE;
        }

      if (n_seps >= 2 && (last == '.' || last == ',') && same && seps[0] != last)
        {
          /* "1,234.56", "1.234,56", "1 234,56" */
          decimal = n_seps - 1;
          if (!grouping_is_valid (groups, n_seps, seps[0]))
            flags |= NUM_INVALID;
        }
      else if (same && seps[0] == last)
        {
          if (grouping_is_valid (groups, n_seps + 1, last)
              && !(last == '.' && n_seps == 1 && multiplier != 1))
            {
              /* "100,000", "45.000.000", "45 000"; but "66.500K" is 66.5K */
              decimal = -1;
            }
          else if (n_seps == 1 && (last == '.' || (last == ',' && groups[1] <= 2)))
            decimal = 0;   /* "40.5", "66.50K", "45,50" */
          else
            flags |= NUM_INVALID;
        }
      else
        flags |= NUM_INVALID;
    }

  if (!(flags & (NUM_INVALID | NUM_ABSURD)))
    {
      guint g = 0;

      /* Copy the digits, with '.' as decimal point, for g_ascii_strtod() */
      for (gsize k = start; k < j && n_clean < MAX_DIGITS; k++)
        {
          char c = scanner->text[k];

          if (g_ascii_isdigit (c))
            clean[n_clean++] = c;
          else if (c == ',' || c == '.' || c == '\'' || c == ' ' || (guchar) c == 0xC2
                   || (guchar) c == 0xE2)
            {
              /* a separator (the first byte of a multi-byte space counts) */
              if ((int) g == decimal)
                clean[n_clean++] = '.';
              g++;
            }
        }
      clean[n_clean] = '\0';
    }

  token = scanner_add (scanner, TOK_NUMBER, start, end);
  if (token == NULL)
    return end;

  token->flags = flags;
  token->multiplier = multiplier;
  if (multiplier != 1)
    token->flags |= NUM_SUFFIX;
  if (per_year)
    token->flags |= NUM_PER_YEAR;
  if (!(flags & (NUM_INVALID | NUM_ABSURD)))
    token->raw = g_ascii_strtod (clean, NULL);

  /* "401k", "401(k)" */
  if (j - start == 3 && memcmp (scanner->text + start, "401", 3) == 0)
    {
      if (multiplier == 1e3)
        token->flags |= NUM_NOT_PAY;
      else if (j + 3 <= scanner->len && g_ascii_strncasecmp (scanner->text + j, "(k)", 3) == 0)
        {
          token->flags |= NUM_NOT_PAY;
          end = j + 3;
        }
    }

  /* "10%", "10 percent" */
  j = end;
  if (j < scanner->len && scanner->text[j] == ' ')
    j++;
  if (j < scanner->len && scanner->text[j] == '%')
    {
      token->flags |= NUM_PERCENT;
      end = j + 1;
    }
  else if (j + 7 <= scanner->len && g_ascii_strncasecmp (scanner->text + j, "percent", 7) == 0)
    {
      token->flags |= NUM_PERCENT;
      end = j + 7;
    }

  token->end = end;

  return end;
}

static gsize
scan_word (Scanner *scanner,
           gsize    i)
{
  char word[16];
  gsize n = 0;
  gsize j = i;
  gsize len;
  gboolean after_slash = i > 0 && scanner->text[i - 1] == '/';
  gboolean plural;
  CgPayUnit unit;
  const char *code;
  Token *token;

  while (is_alpha_at (scanner, j))
    j++;
  len = j - i;

  if (len >= sizeof word)
    {
      scanner_add (scanner, TOK_WORD, i, j);
      return j;
    }

  for (gsize k = 0; k < len; k++)
    word[n++] = g_ascii_tolower (scanner->text[i + k]);
  word[n] = '\0';

  /* "p.a.", per annum */
  if (strcmp (word, "p") == 0 && j + 1 < scanner->len && scanner->text[j] == '.'
      && (scanner->text[j + 1] == 'a' || scanner->text[j + 1] == 'A')
      && !is_alpha_at (scanner, j + 2))
    {
      j += 2;
      if (j < scanner->len && scanner->text[j] == '.')
        j++;
      if ((token = scanner_add (scanner, TOK_UNIT, i, j)))
        token->unit = CG_PAY_UNIT_YEAR;
      return j;
    }

  /* "US$", "CA$" */
  if (j < scanner->len && scanner->text[j] == '$')
    {
      for (guint k = 0; k < G_N_ELEMENTS (dollar_prefixes); k++)
        {
          if (strcmp (word, dollar_prefixes[k].prefix) == 0)
            {
              if ((token = scanner_add (scanner, TOK_CURRENCY, i, j + 1)))
                set_code (token->currency, dollar_prefixes[k].code);
              return j + 1;
            }
        }
    }

  /* "up to" */
  if (strcmp (word, "up") == 0)
    {
      gsize k = j;

      while (k < scanner->len && scanner->text[k] == ' ')
        k++;
      if (k + 2 <= scanner->len && g_ascii_strncasecmp (scanner->text + k, "to", 2) == 0
          && !is_alpha_at (scanner, k + 2))
        {
          scanner_add (scanner, TOK_MAX_HINT, i, k + 2);
          return k + 2;
        }
    }

  if (lookup_unit_word (word, after_slash, &unit, &plural))
    {
      token = scanner_add (scanner, plural && !after_slash ? TOK_DURATION : TOK_UNIT, i, j);
      if (token != NULL)
        token->unit = unit;
      return j;
    }

  if (len == 3 && (code = lookup_currency_code (word)) != NULL)
    {
      if ((token = scanner_add (scanner, TOK_CURRENCY, i, j)))
        {
          set_code (token->currency, code);
          token->flags |= CURRENCY_CODE;
        }
      return j;
    }

  if (strcmp (word, "to") == 0 || strcmp (word, "and") == 0 || strcmp (word, "through") == 0
      || strcmp (word, "thru") == 0)
    scanner_add (scanner, TOK_DASH, i, j);
  else if (strcmp (word, "upto") == 0 || strcmp (word, "max") == 0
           || strcmp (word, "maximum") == 0 || strcmp (word, "under") == 0
           || strcmp (word, "below") == 0 || strcmp (word, "less") == 0)
    scanner_add (scanner, TOK_MAX_HINT, i, j);
  else if (strcmp (word, "from") == 0 || strcmp (word, "starting") == 0
           || strcmp (word, "starts") == 0 || strcmp (word, "min") == 0
           || strcmp (word, "minimum") == 0 || strcmp (word, "least") == 0
           || strcmp (word, "over") == 0 || strcmp (word, "above") == 0
           || strcmp (word, "more") == 0)
    scanner_add (scanner, TOK_MIN_HINT, i, j);
  else if (strcmp (word, "per") != 0 && strcmp (word, "a") != 0 && strcmp (word, "an") != 0)
    scanner_add (scanner, TOK_WORD, i, j);   /* "per", "a", "an" are filler */

  return j;
}

static void
scanner_run (Scanner *scanner)
{
  gsize i = 0;

  while (i < scanner->len && scanner->n_tokens < MAX_TOKENS && !scanner->reject)
    {
      char c = scanner->text[i];
      Token *token;

      if (g_ascii_isdigit (c) || (c == '.' && is_digit_at (scanner, i + 1)))
        i = scan_number (scanner, i);
      else if (g_ascii_isalpha (c))
        i = scan_word (scanner, i);
      else if (c == '$')
        {
          if ((token = scanner_add (scanner, TOK_CURRENCY, i, i + 1)))
            {
              set_code (token->currency, "USD");
              token->flags |= CURRENCY_WEAK;
            }
          i++;
        }
      else if (c == '-')
        {
          if ((token = scanner_add (scanner, TOK_DASH, i, i + 1)))
            token->flags |= DASH_IS_MINUS;
          i++;
        }
      else if (c == '~')
        {
          scanner_add (scanner, TOK_DASH, i, i + 1);
          i++;
        }
      else if (c == '+')
        {
          scanner_add (scanner, TOK_PLUS, i, i + 1);
          i++;
        }
      else if ((guchar) c < 0x80)
        i++;   /* spaces and other punctuation */
      else
        {
          /* The text is valid UTF-8, so this stays within it */
          const char *p = scanner->text + i;
          gunichar ch = g_utf8_get_char (p);
          gsize next = g_utf8_next_char (p) - scanner->text;

          if ((ch >= 0x2010 && ch <= 0x2015) || ch == 0x2212 || ch == 0xFE63 || ch == 0xFF0D)
            {
              if ((token = scanner_add (scanner, TOK_DASH, i, next)))
                {
                  if (ch == 0x2212)
                    token->flags |= DASH_IS_MINUS;
                }
            }
          else
            {
              for (guint k = 0; k < G_N_ELEMENTS (currency_symbols); k++)
                {
                  if (currency_symbols[k].symbol == ch)
                    {
                      if ((token = scanner_add (scanner, TOK_CURRENCY, i, next)))
                        set_code (token->currency, currency_symbols[k].code);
                      break;
                    }
                }
            }

          i = MAX (next, i + 1);
        }
    }
}

/* Picking the figure */

static gboolean
is_candidate (const Scanner *scanner,
              guint          i)
{
  const Token *token = &scanner->tokens[i];

  return token->type == TOK_NUMBER
         && !(token->flags & (NUM_PERCENT | NUM_INVALID | NUM_NOT_PAY));
}

/* "$100k", "100k USD"; but in "5, $100k" the '$' belongs to the 100k */
static gboolean
next_to_currency (const Scanner *scanner,
                  guint          i)
{
  if (i > 0 && scanner->tokens[i - 1].type == TOK_CURRENCY)
    return TRUE;

  return i + 1 < scanner->n_tokens && scanner->tokens[i + 1].type == TOK_CURRENCY
         && !(i + 2 < scanner->n_tokens && scanner->tokens[i + 2].type == TOK_NUMBER);
}

/* Numbers that say how long, not how much: "40 hours", "40-hour week" */
static void
mark_durations (Scanner *scanner)
{
  for (guint i = 0; i < scanner->n_tokens; i++)
    {
      Token *token = &scanner->tokens[i];

      if (token->type != TOK_NUMBER)
        continue;

      if (i + 1 < scanner->n_tokens && scanner->tokens[i + 1].type == TOK_DURATION)
        token->flags |= NUM_NOT_PAY;
      else if (i + 2 < scanner->n_tokens && scanner->tokens[i + 1].type == TOK_DASH
               && token->end == scanner->tokens[i + 1].start
               && scanner->tokens[i + 1].end == scanner->tokens[i + 2].start
               && (scanner->tokens[i + 2].type == TOK_UNIT
                   || scanner->tokens[i + 2].type == TOK_DURATION))
        token->flags |= NUM_NOT_PAY;
    }
}

/* If @i is the upper end of a range ("20-25 USD"), the lower end */
static guint
range_start (const Scanner *scanner,
             guint          i)
{
  guint k = i;

  while (k > 0 && scanner->tokens[k - 1].type == TOK_CURRENCY)
    k--;
  if (k == 0 || scanner->tokens[k - 1].type != TOK_DASH)
    return i;
  k--;
  while (k > 0 && (scanner->tokens[k - 1].type == TOK_CURRENCY
                   || scanner->tokens[k - 1].type == TOK_UNIT))
    k--;
  if (k > 0 && is_candidate (scanner, k - 1))
    return k - 1;

  return i;
}

/* "-1", "-$5", "USD -5" */
static gboolean
is_negative (const Scanner *scanner,
             guint          first)
{
  guint k = first;
  const Token *dash;

  if (k > 0 && scanner->tokens[k - 1].type == TOK_CURRENCY
      && scanner->tokens[k - 1].end == scanner->tokens[k].start)
    k--;
  if (k == 0)
    return FALSE;

  dash = &scanner->tokens[k - 1];
  if (dash->type != TOK_DASH || !(dash->flags & DASH_IS_MINUS)
      || dash->end != scanner->tokens[k].start)
    return FALSE;

  for (guint j = 0; j + 1 < k; j++)
    {
      if (scanner->tokens[j].type == TOK_NUMBER)
        return FALSE;
    }

  return TRUE;
}

static gboolean
figure_is_valid (double value)
{
  return isfinite (value) && value >= 0 && value <= MAX_FIGURE;
}

static void
copy_default_currency (char        dest[4],
                       const char *code)
{
  dest[0] = '\0';

  if (code == NULL || strnlen (code, 4) != 3)
    return;

  for (guint i = 0; i < 3; i++)
    {
      if (!g_ascii_isalpha (code[i]))
        return;
    }

  for (guint i = 0; i < 3; i++)
    dest[i] = g_ascii_toupper (code[i]);
  dest[3] = '\0';
}

/**
 * cg_pay_parse:
 * @text: (nullable): pay as a posting states it, e.g. "$66.50K - $89.90K/yr"
 * @default_unit: the unit when @text names none (e.g. from unitText), or
 *   %CG_PAY_UNIT_UNKNOWN to guess from the figure
 * @default_currency: (nullable): the ISO 4217 code when @text names none
 * @out: (out caller-allocates): where to store the result
 *
 * Reads the pay stated in @text. A single figure sets both min and max;
 * "Up to $90K" sets only max, "From $50K" or "$50K+" only min.
 *
 * When neither @text nor @default_unit gives a unit, a figure of 1000 or more
 * is taken as yearly, one under 200 as hourly, and anything between stays
 * %CG_PAY_UNIT_UNKNOWN.
 *
 * Returns: %TRUE if @text states pay; %FALSE (and @out cleared) for text
 *   with no figure ("Competitive", "N/A"), a negative, zero or absurd figure,
 *   text that is not UTF-8 or longer than 4096 bytes
 */
gboolean
cg_pay_parse (const char *text,
              CgPayUnit   default_unit,
              const char *default_currency,
              CgPay      *out)
{
  g_autofree Scanner *scanner = NULL;
  const Token *currency = NULL;
  CgPayUnit unit = CG_PAY_UNIT_UNKNOWN;
  Token *lo;
  Token *hi = NULL;
  gboolean has_min = TRUE;
  gboolean has_max = TRUE;
  double min, max;
  guint first = G_MAXUINT;
  guint second = G_MAXUINT;
  guint j;
  gsize len;

  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);

  if (text == NULL)
    return FALSE;

  len = strnlen (text, MAX_TEXT + 1);
  if (len > MAX_TEXT || !g_utf8_validate (text, len, NULL))
    return FALSE;

  scanner = g_new0 (Scanner, 1);
  scanner->text = text;
  scanner->len = len;
  scanner_run (scanner);
  if (scanner->reject)
    return FALSE;

  mark_durations (scanner);

  /* The first number next to a currency, else the first number */
  for (guint i = 0; i < scanner->n_tokens; i++)
    {
      if (is_candidate (scanner, i) && next_to_currency (scanner, i))
        {
          first = range_start (scanner, i);
          break;
        }
    }
  if (first == G_MAXUINT)
    {
      for (guint i = 0; i < scanner->n_tokens; i++)
        {
          if (is_candidate (scanner, i))
            {
              first = i;
              break;
            }
        }
    }
  if (first == G_MAXUINT || is_negative (scanner, first))
    return FALSE;

  lo = &scanner->tokens[first];

  /* A range: "$20/hr - $25/hr", "USD 120000-150000", "50K to 60K" */
  j = first + 1;
  while (j < scanner->n_tokens && (scanner->tokens[j].type == TOK_CURRENCY
                                   || scanner->tokens[j].type == TOK_UNIT))
    j++;
  if (j < scanner->n_tokens && scanner->tokens[j].type == TOK_DASH)
    {
      j++;
      while (j < scanner->n_tokens && scanner->tokens[j].type == TOK_CURRENCY)
        j++;
      if (j < scanner->n_tokens && is_candidate (scanner, j))
        {
          second = j;
          hi = &scanner->tokens[second];
        }
    }

  if ((lo->flags & NUM_ABSURD) || (hi != NULL && (hi->flags & NUM_ABSURD)))
    return FALSE;

  /* "50-60K", "$50K - 60" */
  if (hi != NULL)
    {
      if ((hi->flags & NUM_SUFFIX) && !(lo->flags & NUM_SUFFIX) && lo->raw <= hi->raw)
        lo->multiplier = hi->multiplier;
      else if ((lo->flags & NUM_SUFFIX) && !(hi->flags & NUM_SUFFIX) && hi->raw >= lo->raw
               && hi->raw < 1000)
        hi->multiplier = lo->multiplier;
    }

  min = lo->raw * lo->multiplier;
  max = hi != NULL ? hi->raw * hi->multiplier : min;

  if (!figure_is_valid (min) || !figure_is_valid (max) || MAX (min, max) <= 0)
    return FALSE;

  if (hi == NULL)
    {
      /* "Up to $90K", "From $50K", "$50K+" */
      for (guint k = first, n = 0; k > 0 && n < HINT_REACH; k--, n++)
        {
          const Token *token = &scanner->tokens[k - 1];

          if (token->type == TOK_NUMBER)
            break;
          if (token->type == TOK_MAX_HINT)
            {
              has_min = FALSE;
              break;
            }
          if (token->type == TOK_MIN_HINT)
            {
              has_max = FALSE;
              break;
            }
        }

      j = first + 1;
      while (j < scanner->n_tokens && scanner->tokens[j].type == TOK_CURRENCY)
        j++;
      if (has_min && has_max && j < scanner->n_tokens && scanner->tokens[j].type == TOK_PLUS)
        has_max = FALSE;
    }

  /* The unit after the figure (up to the next number), else the one before it */
  for (j = first + 1; j < scanner->n_tokens; j++)
    {
      const Token *token = &scanner->tokens[j];

      if (token->type == TOK_NUMBER && j != second)
        break;
      if (token->type == TOK_UNIT)
        {
          unit = token->unit;
          break;
        }
    }
  if (unit == CG_PAY_UNIT_UNKNOWN)
    {
      for (j = first; j > 0; j--)
        {
          const Token *token = &scanner->tokens[j - 1];

          if (token->type == TOK_NUMBER)
            break;
          if (token->type == TOK_UNIT)
            {
              unit = token->unit;
              break;
            }
        }
    }
  if (unit == CG_PAY_UNIT_UNKNOWN
      && ((lo->flags & NUM_PER_YEAR) || (hi != NULL && (hi->flags & NUM_PER_YEAR))))
    unit = CG_PAY_UNIT_YEAR;
  if (unit == CG_PAY_UNIT_UNKNOWN && cg_pay_unit_annual_factor (default_unit) > 0)
    unit = default_unit;
  if (unit == CG_PAY_UNIT_UNKNOWN)
    {
      double figure = has_max ? MAX (min, max) : min;

      if (figure >= 1000)
        unit = CG_PAY_UNIT_YEAR;
      else if (figure < 200)
        unit = CG_PAY_UNIT_HOUR;
    }

  /* The currency next to the figure, else the first one */
  {
    guint near[4];
    guint n_near = 0;

    if (first > 0)
      near[n_near++] = first - 1;
    near[n_near++] = first + 1;
    if (second != G_MAXUINT)
      {
        near[n_near++] = second - 1;
        near[n_near++] = second + 1;
      }

    for (guint k = 0; k < n_near && currency == NULL; k++)
      {
        if (near[k] < scanner->n_tokens && scanner->tokens[near[k]].type == TOK_CURRENCY)
          currency = &scanner->tokens[near[k]];
      }

    /* A bare '$' gives way to a code: "CAD $80,000", "$80,000 CAD" */
    if (currency != NULL && (currency->flags & CURRENCY_WEAK))
      {
        guint before = (guint) (currency - scanner->tokens);

        if (before > 0 && scanner->tokens[before - 1].type == TOK_CURRENCY
            && (scanner->tokens[before - 1].flags & CURRENCY_CODE))
          currency = &scanner->tokens[before - 1];
        else
          {
            for (guint k = 0; k < n_near; k++)
              {
                if (near[k] < scanner->n_tokens
                    && scanner->tokens[near[k]].type == TOK_CURRENCY
                    && (scanner->tokens[near[k]].flags & CURRENCY_CODE))
                  {
                    currency = &scanner->tokens[near[k]];
                    break;
                  }
              }
          }
      }
    for (guint k = 0; k < scanner->n_tokens && currency == NULL; k++)
      {
        if (scanner->tokens[k].type == TOK_CURRENCY)
          currency = &scanner->tokens[k];
      }
  }

  if (min > max)
    {
      double tmp = min;

      min = max;
      max = tmp;
    }

  out->min = has_min ? min : 0;
  out->max = has_max ? max : 0;
  out->has_min = has_min;
  out->has_max = has_max;
  out->unit = unit;
  if (currency != NULL)
    set_code (out->currency, currency->currency);
  else
    copy_default_currency (out->currency, default_currency);

  return TRUE;
}

/**
 * cg_pay_annualise:
 * @pay: a pay range
 * @annual_min: (out) (optional): the yearly minimum
 * @annual_max: (out) (optional): the yearly maximum
 *
 * Turns @pay into yearly figures (2080 hours, 260 days, 52 weeks or 12 months
 * a year), so that pay stated per hour and per year can be compared. When
 * @pay has only one end, both figures are that end ("Up to $90K" gives 90K
 * and 90K), so that sorting and filtering still have a figure.
 *
 * Returns: %FALSE (and 0 in both figures) if the unit is unknown or @pay has
 *   no figure
 */
gboolean
cg_pay_annualise (const CgPay *pay,
                  double      *annual_min,
                  double      *annual_max)
{
  double factor;
  double lo, hi;

  if (annual_min != NULL)
    *annual_min = 0;
  if (annual_max != NULL)
    *annual_max = 0;

  g_return_val_if_fail (pay != NULL, FALSE);

  factor = cg_pay_unit_annual_factor (pay->unit);
  if (factor <= 0 || (!pay->has_min && !pay->has_max))
    return FALSE;

  lo = (pay->has_min ? pay->min : pay->max) * factor;
  hi = (pay->has_max ? pay->max : pay->min) * factor;
  if (!isfinite (lo) || !isfinite (hi))
    return FALSE;

  if (annual_min != NULL)
    *annual_min = lo;
  if (annual_max != NULL)
    *annual_max = hi;

  return TRUE;
}

/* Formatting */

#define MAX_FORMATTED 1e15   /* larger figures are not formatted */

static void
append_grouped (GString *string,
                gint64   value)
{
  char digits[32];
  int n = g_snprintf (digits, sizeof digits, "%" G_GINT64_FORMAT, value);

  for (int i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (string, ',');
      g_string_append_c (string, digits[i]);
    }
}

/* In tenths: 665 is "66.5", 1000 is "100" */
static void
append_tenths (GString *string,
               gint64   tenths)
{
  g_string_append_printf (string, "%" G_GINT64_FORMAT, tenths / 10);
  if (tenths % 10 != 0)
    g_string_append_printf (string, ".%d", (int) (tenths % 10));
}

/* "$66.5K", "€45K", "$1.2M", "$40.50", "$1,000", "CAD 90K" */
static char *
format_amount (const char *code,
               double      value,
               gboolean    abbreviate)
{
  GString *string = g_string_new (NULL);
  gint64 cents = (gint64) (value * 100 + 0.5);

  if (code[0] == '\0')
    ;
  else if (strcmp (code, "USD") == 0)
    g_string_append (string, "$");
  else if (strcmp (code, "EUR") == 0)
    g_string_append (string, "€");
  else if (strcmp (code, "GBP") == 0)
    g_string_append (string, "£");
  else if (strcmp (code, "JPY") == 0)
    g_string_append (string, "¥");
  else
    g_string_append_printf (string, "%s ", code);

  if (abbreviate && cents >= 100000)
    {
      gint64 tenths = (gint64) (value / 100 + 0.5);

      if (tenths < 10000)
        {
          append_tenths (string, tenths);
          g_string_append_c (string, 'K');
        }
      else
        {
          append_tenths (string, (gint64) (value / 100000 + 0.5));
          g_string_append_c (string, 'M');
        }
    }
  else
    {
      append_grouped (string, cents / 100);
      if (cents % 100 != 0)
        g_string_append_printf (string, ".%02d", (int) (cents % 100));
    }

  return g_string_free (string, FALSE);
}

/**
 * cg_pay_format:
 * @pay: a pay range
 *
 * Formats @pay for people: "$66.5K – $89.9K a year", "$40 an hour",
 * "Up to $90K a year", "From $50K a year", "$1,000 a week", "CAD 90K a year".
 *
 * Amounts a month or a year (or in an unknown unit) of 1000 or more are
 * abbreviated with K or M; amounts an hour, a day or a week are written out,
 * since there the last digits matter. Cents are shown only when there are
 * any ("$40", "$40.50").
 *
 * Returns: (transfer full) (nullable): the text, or %NULL if @pay has no
 *   figure (or a negative, NaN or absurdly large one)
 */
char *
cg_pay_format (const CgPay *pay)
{
  g_autofree char *lo = NULL;
  g_autofree char *hi = NULL;
  g_autofree char *amount = NULL;
  char code[4] = "";
  gboolean abbreviate;

  g_return_val_if_fail (pay != NULL, NULL);

  if (!pay->has_min && !pay->has_max)
    return NULL;
  if (pay->has_min && !(isfinite (pay->min) && pay->min >= 0 && pay->min <= MAX_FORMATTED))
    return NULL;
  if (pay->has_max && !(isfinite (pay->max) && pay->max >= 0 && pay->max <= MAX_FORMATTED))
    return NULL;

  /* The struct may come from anywhere: read the code defensively */
  if (g_ascii_isalpha (pay->currency[0]) && g_ascii_isalpha (pay->currency[1])
      && g_ascii_isalpha (pay->currency[2]) && pay->currency[3] == '\0')
    {
      for (guint i = 0; i < 3; i++)
        code[i] = g_ascii_toupper (pay->currency[i]);
    }

  abbreviate = pay->unit != CG_PAY_UNIT_HOUR && pay->unit != CG_PAY_UNIT_DAY
               && pay->unit != CG_PAY_UNIT_WEEK;

  if (pay->has_min)
    lo = format_amount (code, pay->min, abbreviate);
  if (pay->has_max)
    hi = format_amount (code, pay->max, abbreviate);

  if (lo != NULL && hi != NULL)
    {
      if (strcmp (lo, hi) == 0)
        amount = g_strdup (lo);
      else
        /* Translators: a range of pay, e.g. "$66.5K – $89.9K" */
        amount = g_strdup_printf (_("%s – %s"), lo, hi);
    }
  else if (hi != NULL)
    /* Translators: pay with only an upper end, e.g. "Up to $90K" */
    amount = g_strdup_printf (_("Up to %s"), hi);
  else
    /* Translators: pay with only a lower end, e.g. "From $50K" */
    amount = g_strdup_printf (_("From %s"), lo);

  switch (pay->unit)
    {
    case CG_PAY_UNIT_HOUR:
      /* Translators: %s is pay, e.g. "$40" or "$20 – $25" */
      return g_strdup_printf (_("%s an hour"), amount);
    case CG_PAY_UNIT_DAY:
      /* Translators: %s is pay, e.g. "$250" or "$200 – $250" */
      return g_strdup_printf (_("%s a day"), amount);
    case CG_PAY_UNIT_WEEK:
      /* Translators: %s is pay, e.g. "$1,000" */
      return g_strdup_printf (_("%s a week"), amount);
    case CG_PAY_UNIT_MONTH:
      /* Translators: %s is pay, e.g. "$5K" */
      return g_strdup_printf (_("%s a month"), amount);
    case CG_PAY_UNIT_YEAR:
      /* Translators: %s is pay, e.g. "$100K" or "$66.5K – $89.9K" */
      return g_strdup_printf (_("%s a year"), amount);
    case CG_PAY_UNIT_UNKNOWN:
    default:
      return g_steal_pointer (&amount);
    }
}
