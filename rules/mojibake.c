/*
 * mojibake: UTF-8 text that was once decoded in a single-byte code page and
 * saved again, such as "Î»DNN" for "λDNN" (cp1252) or "ÎĽ-Serve" for
 * "μ-Serve" (cp1250).
 *
 * The lines holding a byte >= 0x80 are read once. Each run of non-ASCII characters is looked at one
 * position at a time: for each code page of mojibake_tables.h (cp1252,
 * latin-1, cp1250, iso-8859-2, cp1251, cp1253, cp1254, cp1257, macroman,
 * cp437) the characters are turned back into the bytes that code page gives
 * them; where those bytes form whole UTF-8 sequences, the span is a
 * candidate repair. Whether to make it is decided by a score of unlikely
 * character sequences in the damaged span (span_score below): C1 controls,
 * symbols nearly only seen in mojibake ("¦", "ƒ", "†"), a symbol right after
 * one of the lead letters of Latin-1, Greek or Cyrillic UTF-8 ("Ã©", "Î»",
 * "Ð°"), a lower-case letter before a currency sign ("â€"), a closing mark
 * inside a word ("HÃ”TEL"), letters of two scripts standing alone ("ÎĽ").
 * Pairs real writing makes are worth nothing: a capital before an ellipsis,
 * dash or apostrophe ("VOCÊ…", "10 Å—", "Ã’s"), or at a word's end before
 * "™" or "®" ("NESTLÉ®"), a capital beside a currency sign (leetspeak's
 * "SÖÄ£").
 *
 * A span scoring 2 or more is repaired; one scoring 1 only when the same
 * file has a clear repair in the same code page, since then the same tool
 * damaged it (so a lone "Ã¥" next to a real en dash stays). Likewise C1
 * controls left between such repairs are cp1252 bytes a latin-1 decoder
 * kept ("\x85" for "…"), and are repaired only when the file shows latin-1
 * damage. Two losses are undone: a U+FFFD standing for the undefined byte
 * ("â€�" is a lost character: "�"), and a no-break space turned into a
 * space after "Ã" ending a word ("voilÃ le" is "voilà le"). The repair
 * itself must be characters real text is made of, and is repaired once
 * more when it is itself mojibake (text damaged twice). Code blocks are
 * left alone: mojibake there may be shown on purpose. In a URL the fix is
 * unsafe: the damaged address may be the one its server answers to.
 */
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>

#include "byte_scan.h"
#include "mojibake_tables.h"
#include "rule.h"

#define RUN_MAX 256
#define STRONG 2

enum { PAGE_CP1252 = 0, PAGE_LATIN1 = 1 };

/* Decodes one UTF-8 sequence at s[i..end); *n gets its length (1 for an
 * invalid byte, which then yields 0xFFFD). */
static uint32_t decode(const unsigned char *s, size_t i, size_t end, size_t *n)
{
    size_t len = awl_utf8_sequence_length(s + i, end - i);
    if (len == 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = len;
    if (len == 1)
        return s[i];
    uint32_t c = s[i] & (0xFF >> (len + 1));
    for (size_t k = 1; k < len; k++)
        c = (c << 6) | (s[i + k] & 0x3F);
    return c;
}

/* The byte code page `p` gives code point `c` (0x80-0xFF), or 0. */
static unsigned char encode(const awl_codepage *p, uint32_t c)
{
    if (c < 0x80 || (c >= 0x2600 && c != 0xF8FF && c != 0xFB01 && c != 0xFB02))
        return 0;
    size_t lo = 0, hi = p->count;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->sorted_cp[mid] < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->count && p->sorted_cp[lo] == c ? p->sorted_byte[lo] : 0;
}

static bool ascii_letter(uint32_t c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* What a character of damaged text is, for scoring. The symbol classes
 * hold the characters the code pages give bytes 0x80-0xFF. */
typedef enum char_kind {
    KIND_ASCII,
    KIND_ASCII_LETTER,
    KIND_C1,       /* U+0080-U+009F: only a latin-1 decoder makes them */
    KIND_COMMON,   /* no-break space, dashes, ellipsis, apostrophe: everywhere */
    KIND_RARE,     /* "¦", "¨", "¬", "ƒ", "ˆ", "†", "‰", "◊": mojibake's */
    KIND_CURRENCY, /* "¢", "£", "¥", "€" */
    KIND_OPENING,  /* "¡", "¿", "«", "©", "‘", "“", "„", "•" */
    KIND_CLOSING,  /* "®", "»", "”", "›", "™" */
    KIND_MATH,     /* "°", "±", "²", "×", "÷", "µ", "√", "≤", "∞" */
    KIND_BOX,      /* box drawing and blocks */
    KIND_UPPER,    /* other upper-case letters */
    KIND_LETTER,   /* other letters */
    KIND_SYMBOL,   /* anything else */
} char_kind;

/* The symbols the code pages give bytes 0x80-0xFF, by kind, sorted. */
static const struct symbol_kind {
    uint16_t code_point;
    uint8_t kind; /* a char_kind */
} symbol_kinds[] = {
    {0xA0, KIND_COMMON},     {0xA1, KIND_OPENING},    {0xA2, KIND_CURRENCY},
    {0xA3, KIND_CURRENCY},   {0xA4, KIND_RARE},       {0xA5, KIND_CURRENCY},
    {0xA6, KIND_RARE},       {0xA7, KIND_RARE},       {0xA8, KIND_RARE},
    {0xA9, KIND_OPENING},    {0xAA, KIND_RARE},       {0xAB, KIND_OPENING},
    {0xAC, KIND_RARE},       {0xAD, KIND_COMMON},     {0xAE, KIND_CLOSING},
    {0xAF, KIND_RARE},       {0xB0, KIND_MATH},       {0xB1, KIND_MATH},
    {0xB2, KIND_MATH},       {0xB3, KIND_MATH},       {0xB4, KIND_COMMON},
    {0xB5, KIND_MATH},       {0xB6, KIND_RARE},       {0xB7, KIND_COMMON},
    {0xB8, KIND_RARE},       {0xB9, KIND_MATH},       {0xBA, KIND_RARE},
    {0xBB, KIND_CLOSING},    {0xBC, KIND_MATH},       {0xBD, KIND_MATH},
    {0xBE, KIND_MATH},       {0xBF, KIND_OPENING},    {0xD7, KIND_MATH},
    {0xF7, KIND_MATH},       {0x192, KIND_RARE},      {0x2C6, KIND_RARE},
    {0x2C7, KIND_RARE},      {0x2D8, KIND_RARE},      {0x2D9, KIND_RARE},
    {0x2DA, KIND_RARE},      {0x2DB, KIND_RARE},      {0x2DC, KIND_RARE},
    {0x2DD, KIND_RARE},      {0x384, KIND_OPENING},   {0x385, KIND_OPENING},
    {0x2013, KIND_COMMON},   {0x2014, KIND_COMMON},   {0x2015, KIND_COMMON},
    {0x2018, KIND_OPENING},  {0x2019, KIND_COMMON},   {0x201A, KIND_OPENING},
    {0x201C, KIND_OPENING},  {0x201D, KIND_CLOSING},  {0x201E, KIND_OPENING},
    {0x2020, KIND_RARE},     {0x2021, KIND_RARE},     {0x2022, KIND_OPENING},
    {0x2026, KIND_COMMON},   {0x2030, KIND_RARE},     {0x2039, KIND_OPENING},
    {0x203A, KIND_CLOSING},  {0x2044, KIND_MATH},     {0x207F, KIND_MATH},
    {0x20A7, KIND_CURRENCY}, {0x20AC, KIND_CURRENCY}, {0x2116, KIND_MATH},
    {0x2122, KIND_CLOSING},  {0x2202, KIND_MATH},     {0x2206, KIND_MATH},
    {0x220F, KIND_MATH},     {0x2211, KIND_MATH},     {0x2219, KIND_MATH},
    {0x221A, KIND_MATH},     {0x221E, KIND_MATH},     {0x2229, KIND_MATH},
    {0x222B, KIND_MATH},     {0x2248, KIND_MATH},     {0x2260, KIND_MATH},
    {0x2261, KIND_MATH},     {0x2264, KIND_MATH},     {0x2265, KIND_MATH},
    {0x2310, KIND_RARE},     {0x2320, KIND_MATH},     {0x2321, KIND_MATH},
    {0x25CA, KIND_RARE},     {0xF8FF, KIND_RARE},
};

static char_kind kind_of(uint32_t c)
{
    if (c < 0x80)
        return ascii_letter(c) ? KIND_ASCII_LETTER : KIND_ASCII;
    if (c < 0xA0)
        return KIND_C1;
    size_t lo = 0, hi = sizeof symbol_kinds / sizeof symbol_kinds[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (symbol_kinds[mid].code_point < c)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < sizeof symbol_kinds / sizeof symbol_kinds[0] && symbol_kinds[lo].code_point == c)
        return (char_kind)symbol_kinds[lo].kind;
    if (c >= 0x2500 && c <= 0x25A0)
        return KIND_BOX;
    switch (utf8proc_category((utf8proc_int32_t)c)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return KIND_UPPER;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return KIND_LETTER;
    default:
        return KIND_SYMBOL;
    }
}

static bool is_letter_kind(char_kind k)
{
    return k == KIND_UPPER || k == KIND_LETTER || k == KIND_ASCII_LETTER;
}

/* Whether `c` is the character cp1252 gives to the lead byte of two-byte
 * UTF-8 for Latin-1's letters and symbols (Ã, Â), Greek (Î, Ï) or Cyrillic
 * (Ð, Ñ): the commonest mojibake leads, which real text follows with a
 * letter. */
static bool common_lead(uint32_t c)
{
    return c == 0xC2 || c == 0xC3 || c == 0xCE || c == 0xCF || c == 0xD0 || c == 0xD1;
}

static bool is_upper(uint32_t c)
{
    return (c >= 'A' && c <= 'Z') || kind_of(c) == KIND_UPPER;
}

/* How unlikely the adjacent damaged characters x y are in real text;
 * `prev` is the character before x, `next` the one after y. A letter then
 * a symbol scores:
 *   a common lead (Ã Â Î Ï Ð Ñ) then a symbol             2  "Ã©" "Î»" "Ã™"
 *     but then "’" or "…"                                0  "Ã’s"
 *     but then a currency sign                            1  "Ã¥"
 *     but then a dash or no-break space after a capital   1  "MISUTÂ<NBSP>"
 *   another letter then a dash, no-break space, "’", "…"  0  "Å—" "VOCÊ…"
 *   a lower-case letter then a currency sign              2  "â€"
 *   a letter then a closing mark inside a word            2  "É”T"
 *   a capital then a closing mark ending a word, or a
 *   currency sign (leetspeak)                             0  "NESTLÉ®" "Ä£"
 *   a letter then “ or ‘ ending a word (a closing quote)   0  "„ВСЕ“"
 *   any other                                             1
 * A symbol then a letter scores 1 (0 after a dash, and a currency sign
 * before a capital), two symbols of different kinds 1 ("×‘"), a lower-case
 * letter then a capital 1 ("вЂ"). C1 controls and rare symbols are scored
 * on their own (span_score). */
static int pair_score(uint32_t prev, uint32_t x, uint32_t y, uint32_t next)
{
    /* U+FFFD says a byte was lost, not that the text beside it is damaged. */
    if (x == 0xFFFD || y == 0xFFFD)
        return 0;
    char_kind kx = kind_of(x), ky = kind_of(y);
    bool x_letter = is_letter_kind(kx), y_letter = is_letter_kind(ky);
    if (x_letter && !y_letter) {
        /* "Â" ending a word in capitals may be real ("MISUTÂ AJIKKO"). */
        if (ky == KIND_COMMON)
            return !common_lead(x) || y == 0x2019 || y == 0x2026 ? 0 : is_upper(prev) ? 1 : 2;
        if (ky == KIND_CURRENCY)
            return kx != KIND_UPPER ? 2 : common_lead(x) ? 1 : 0;
        if (ky == KIND_C1 || ky == KIND_RARE)
            return 0; /* scored on their own */
        if (common_lead(x))
            return 2;
        /* German, Czech and Russian close quotes with “ and ‘: „Wort“. */
        if ((y == 0x201C || y == 0x2018) && !is_letter_kind(kind_of(next)))
            return 0;
        if (ky == KIND_CLOSING)
            return is_letter_kind(kind_of(next)) ? 2 : kx == KIND_UPPER ? 0 : 1;
        return 1;
    }
    if (!x_letter && y_letter) {
        if (kx == KIND_COMMON || kx == KIND_C1 || kx == KIND_RARE)
            return 0;
        if (kx == KIND_CURRENCY && ky == KIND_UPPER)
            return 0;
        return 1;
    }
    if (!x_letter && !y_letter)
        return kx != ky && kx != KIND_COMMON && ky != KIND_COMMON && kx != KIND_C1 &&
                       ky != KIND_C1 && kx != KIND_RARE && ky != KIND_RARE
                   ? 1
                   : 0;
    return kx == KIND_LETTER && ky == KIND_UPPER ? 1 : 0;
}

/* The unlikeliness of damaged characters chars[0..n) with `before` and
 * `after` around them (0 at a line end). */
static int span_score(const uint32_t *chars, size_t n, uint32_t before, uint32_t after)
{
    int score = 0;
    bool symbols = false;
    for (size_t k = 0; k < n; k++) {
        char_kind kind = kind_of(chars[k]);
        if (kind == KIND_C1 || kind == KIND_RARE)
            score += 2;
        symbols |= !is_letter_kind(kind);
        if (k + 1 < n)
            score += pair_score(k > 0 ? chars[k - 1] : before, chars[k], chars[k + 1],
                                k + 2 < n ? chars[k + 2] : after);
    }
    /* A common lead and a capital standing alone between non-letters, as
     * "ÎĽ" in "ÎĽ-Serve", are not a word; "Ді" or "Её" (Cyrillic, with a
     * lower-case letter) are. */
    bool before_letter = before >= 0x80 || ascii_letter(before);
    bool after_letter = after >= 0x80 || ascii_letter(after);
    if (!symbols && !before_letter && !after_letter && common_lead(chars[0]) &&
        kind_of(chars[1]) == KIND_UPPER)
        score += 2;
    return score;
}

/* Whether a repaired character is one real text is made of: Latin-1 and
 * Latin Extended-A letters, Vietnamese's o and u with horn, Greek, Cyrillic,
 * common punctuation, the euro and trade mark signs, emoji; Latin-1's
 * symbols only from cp1252 or latin-1 ("Â°"); Hebrew, Arabic, kana, CJK
 * and Hangul only when the span repairs to two characters or more (a lone
 * "×”" is a times sign and a quote, not Hebrew). IPA, Armenian, combining
 * marks and the like are what coincidences decode to, so they are refused.
 * U+FFFD is a lost byte (see try_span) or the replacement character
 * itself damaged ("ï¿½"). */
static bool plausible(uint32_t c, size_t page, size_t seqs)
{
    if (c >= 0xA0 && c <= 0xBF)
        return page <= PAGE_LATIN1;
    if ((c >= 0xC0 && c <= 0x17F) || c == 0x1A0 || c == 0x1A1 || c == 0x1AF || c == 0x1B0)
        return true;
    if ((c >= 0x384 && c <= 0x3CE) || (c >= 0x401 && c <= 0x45F))
        return true;
    if ((c >= 0x2010 && c <= 0x2026) || (c >= 0x2030 && c <= 0x203A) || c == 0x20AC ||
        c == 0x2122 || (c >= 0x2190 && c <= 0x22FF) || c == 0xFFFD)
        return true;
    if ((c >= 0x1F300 && c <= 0x1FAFF) || (c >= 0x2600 && c <= 0x27BF))
        return true;
    if ((c >= 0x5D0 && c <= 0x5EA) || (c >= 0x621 && c <= 0x64A) || (c >= 0x3000 && c <= 0x30FF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xFF00 && c <= 0xFFEF))
        return seqs >= 2;
    return false;
}

/* Whether the repaired text is acceptable: every character plausible. */
static bool repair_is_clean(const unsigned char *b, size_t len, size_t page, size_t seqs)
{
    for (size_t i = 0; i < len;) {
        size_t n;
        uint32_t c = decode(b, i, len, &n);
        if (!plausible(c, page, seqs))
            return false;
        i += n;
    }
    return true;
}

/* A candidate repair: `chars` characters of the run, their bytes in one
 * code page, and its score. */
typedef struct candidate {
    size_t page, chars, len;
    int score;
    unsigned char bytes[RUN_MAX * 4];
} candidate;

/* Whether seq[0..got) can begin a UTF-8 sequence of `need` bytes. */
static bool valid_prefix(unsigned char *seq, size_t got, size_t need)
{
    unsigned char whole[4];
    memcpy(whole, seq, got);
    memset(whole + got, 0xBF, need - got);
    return awl_utf8_sequence_length(whole, need) == need;
}

/* Reads code page `page` into the run's characters from position i: how
 * many form whole UTF-8 sequences (0 if none, or the repair is not text),
 * their bytes and score. A U+FFFD after a lead and a continuation byte
 * stands for a byte a strict decoder dropped: that character is lost, so
 * the sequence repairs to U+FFFD. */
static size_t try_span(size_t page, const uint32_t *chars, size_t n, size_t i, uint32_t before,
                       uint32_t after, candidate *out)
{
    const awl_codepage *p = &awl_codepages[page];
    size_t j = i, len = 0, seqs = 0;
    bool symbol_lead = false;
    while (j < n) {
        unsigned char lead = encode(p, chars[j]);
        if (lead < 0xC2 || lead > 0xF4)
            break;
        size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2, got = 1;
        unsigned char seq[4] = {lead, 0, 0, 0};
        while (got < need && j + got < n && ((seq[got] = encode(p, chars[j + got])) & 0xC0) == 0x80)
            got++;
        if (got < need && got >= 2 && j + got < n && chars[j + got] == 0xFFFD &&
            valid_prefix(seq, got, need)) {
            memcpy(out->bytes + len, "\xEF\xBF\xBD", 3);
            len += 3;
            j += got + 1;
            seqs++;
            continue;
        }
        if (got < need || awl_utf8_sequence_length(seq, need) != need)
            break;
        if (j == i)
            symbol_lead = !is_letter_kind(kind_of(chars[j]));
        memcpy(out->bytes + len, seq, need);
        len += need;
        j += need;
        seqs++;
    }
    /* One sequence led by a symbol ("×”", "√π", "├┤") is two real symbols. */
    if (j == i || (seqs == 1 && symbol_lead) || !repair_is_clean(out->bytes, len, page, seqs))
        return 0;
    out->page = page;
    out->chars = j - i;
    out->len = len;
    out->score =
        span_score(chars + i, j - i, i > 0 ? chars[i - 1] : before, j < n ? chars[j] : after);
    return j - i;
}

/* Decodes bytes into code points; returns how many (at most RUN_MAX). */
static size_t code_points(const unsigned char *bytes, size_t len, uint32_t *chars)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n < RUN_MAX;) {
        size_t k;
        chars[n++] = decode(bytes, i, len, &k);
        i += k;
    }
    return n;
}

/* Repairs the whole of `c`'s bytes once more when they are themselves
 * clearly mojibake in some code page: text damaged twice. */
static void repair_again(candidate *c)
{
    uint32_t chars[RUN_MAX];
    size_t n = code_points(c->bytes, c->len, chars);
    candidate again_buf, *again = &again_buf;
    for (size_t page = 0; page < AWL_CODEPAGE_COUNT; page++) {
        if (try_span(page, chars, n, 0, 0, 0, again) == n && again->score >= STRONG) {
            memcpy(c->bytes, again->bytes, again->len);
            c->len = again->len;
            return;
        }
    }
}

/* A weak finding waiting for the file to show the same damage clearly:
 * a span of code page `page`, or C1 controls (page PAGE_LATIN1, c1). */
typedef struct pending {
    size_t start, end, page;
    bool c1;
} pending;

enum { LEAD_CACHE_SIZE = 256 };
_Static_assert(AWL_CODEPAGE_COUNT <= 16, "lead_pages keeps a bit per code page in 16 bits");

typedef struct scan {
    awl_check *check;
    bool confirmed[AWL_CODEPAGE_COUNT]; /* pages with a clear repair */
    awl_vec waiting;                    /* pending, in file order; heap */
    /* lead_pages' answers, by code point modulo the size: a list repeats
     * the same few non-ASCII characters (dashes, quotes, emoji). Zeroed,
     * it holds the right answer for U+0000. */
    uint32_t cached_cp[LEAD_CACHE_SIZE];
    uint16_t cached_pages[LEAD_CACHE_SIZE];
} scan;

/* The code pages (a bit each) that give `c` a byte leading a UTF-8
 * sequence: the only pages where a repair can start at `c`. */
static unsigned lead_pages(scan *sc, uint32_t c)
{
    size_t slot = c % LEAD_CACHE_SIZE;
    if (sc->cached_cp[slot] == c)
        return sc->cached_pages[slot];
    unsigned pages = 0;
    for (size_t page = 0; page < AWL_CODEPAGE_COUNT; page++) {
        unsigned char lead = encode(&awl_codepages[page], c);
        if (lead >= 0xC2 && lead <= 0xF4)
            pages |= 1u << page;
    }
    sc->cached_cp[slot] = c;
    sc->cached_pages[slot] = (uint16_t)pages;
    return pages;
}

/* Whether offset `at` is inside a URL: its word (back to a blank, quote or
 * bracket) follows "](" or holds "://" or starts with "www.". */
static bool in_url(const awl_source *src, size_t at)
{
    const char *s = src->bytes;
    size_t line_start = src->line_starts[awl_source_line_of(src, at)], k = at;
    while (k > line_start && !strchr(" \t([<\"'", s[k - 1]))
        k--;
    if (k >= line_start + 2 && s[k - 1] == '(' && s[k - 2] == ']')
        return true;
    if (at - k >= 4 && memcmp(s + k, "www.", 4) == 0)
        return true;
    for (size_t i = k; i + 3 <= at; i++)
        if (memcmp(s + i, "://", 3) == 0)
            return true;
    return false;
}

/* A finding with its repair; in a URL the repair is unsafe, since the
 * damaged address may be the one the server answers to. */
static void report(awl_check *check, size_t start, size_t end, const unsigned char *bytes,
                   size_t len)
{
    const awl_source *src = &check->doc->source;
    bool url = in_url(src, start);
    awl_diag *diag = awl_emit(check, start, end,
                              "mojibake: \"%.*s\" is UTF-8 read in the wrong encoding; it "
                              "should read \"%.*s\"%s",
                              (int)(end - start), src->bytes + start, (int)len, (const char *)bytes,
                              url ? " (in a link target: check the repaired address works)" : "");
    awl_add_edit(check, diag, start, end, (const char *)bytes, len);
    if (url)
        awl_fix_unsafe(diag);
    diag->changes_text = true;
}

static void wait_for_evidence(scan *sc, size_t start, size_t end, size_t page, bool c1)
{
    *(pending *)awl_vec_push(&sc->waiting) = (pending){start, end, page, c1};
}

/* C1 controls chars[i..) as the cp1252 bytes they were: how many, with
 * their characters' UTF-8 in `out` (0 where cp1252 leaves a byte undefined). */
static size_t c1_stretch(const uint32_t *chars, size_t n, size_t i, candidate *out)
{
    const awl_codepage *cp1252 = &awl_codepages[PAGE_CP1252];
    size_t j = i;
    out->len = 0;
    for (; j < n && chars[j] >= 0x80 && chars[j] < 0xA0; j++) { /* KIND_C1 */
        uint32_t c = cp1252->cp[chars[j] - 0x80];
        if (c < 0xA0)
            return 0;
        out->len += (size_t)utf8proc_encode_char((utf8proc_int32_t)c, out->bytes + out->len);
    }
    return j - i;
}

/* "Ã" ending a lower-case word before a space: its no-break space (UTF-8
 * C3 A0 is "à") became a space. Returns the end of the damage (the space
 * too when a second space follows, since then it was the lost byte), or 0. */
static size_t lost_no_break_space(const scan *sc, const uint32_t *chars, const size_t *offsets,
                                  size_t n, uint32_t before, candidate *out)
{
    const awl_source *src = &sc->check->doc->source;
    size_t end = offsets[n];
    uint32_t prev = n >= 2 ? chars[n - 2] : before;
    if (end >= src->length || src->bytes[end] != ' ' || !common_lead(chars[n - 1]) ||
        !(kind_of(prev) == KIND_LETTER || (prev >= 'a' && prev <= 'z')))
        return 0;
    unsigned char seq[2] = {encode(&awl_codepages[PAGE_CP1252], chars[n - 1]), 0xA0};
    size_t k;
    uint32_t repaired = decode(seq, 0, 2, &k);
    if (k != 2 || kind_of(repaired) != KIND_LETTER)
        return 0;
    memcpy(out->bytes, seq, 2);
    out->len = 2;
    return end + 1 < src->length && src->bytes[end + 1] == ' ' ? end + 1 : end;
}

/* Whether offset `at` lies in a code block, where mojibake may be shown on
 * purpose (a tool's output, a test string); looked up only for a finding. */
static bool in_code_block(const scan *sc, size_t at)
{
    const awl_doc *doc = sc->check->doc;
    return doc->line_flags[awl_source_line_of(&doc->source, at)] & AWL_LINE_CODE;
}

static void check_run(scan *sc, const size_t *offsets, const uint32_t *chars, size_t n,
                      uint32_t before, uint32_t after)
{
    candidate found; /* filled by whichever reading succeeds; not cleared,
                      * as runs are many and repairs rare */
    candidate *trial = &found;
    for (size_t i = 0; i < n;) {
        size_t weak_page = AWL_CODEPAGE_COUNT, weak_span = 0, c1_span;
        bool strong = false;
        unsigned pages = lead_pages(sc, chars[i]);
        for (size_t page = 0; page < AWL_CODEPAGE_COUNT && (pages >> page) && !strong; page++) {
            if (!(pages & (1u << page)) || !try_span(page, chars, n, i, before, after, trial))
                continue;
            strong = trial->score >= STRONG;
            if (!strong && trial->score > 0 && weak_page == AWL_CODEPAGE_COUNT) {
                weak_page = page;
                weak_span = trial->chars;
            }
        }
        if ((strong || weak_span) && in_code_block(sc, offsets[i]))
            return;
        if (strong) {
            sc->confirmed[trial->page] = true;
            repair_again(trial);
            report(sc->check, offsets[i], offsets[i + trial->chars], trial->bytes, trial->len);
            i += trial->chars;
        } else if (weak_span) {
            wait_for_evidence(sc, offsets[i], offsets[i + weak_span], weak_page, false);
            i += weak_span;
        } else if ((c1_span = c1_stretch(chars, n, i, trial)) != 0 &&
                   !in_code_block(sc, offsets[i])) {
            wait_for_evidence(sc, offsets[i], offsets[i + c1_span], PAGE_LATIN1, true);
            i += c1_span;
        } else if (i == n - 1 && after == ' ') {
            size_t end = lost_no_break_space(sc, chars, offsets, n, before, trial);
            if (end && !in_code_block(sc, offsets[i]))
                report(sc->check, offsets[i], end, trial->bytes, trial->len);
            i++;
        } else {
            i++;
        }
    }
}

/* Makes the weak repairs whose code page the file has shown clear damage in. */
static void settle_waiting(scan *sc)
{
    const char *bytes = sc->check->doc->source.bytes;
    uint32_t chars[RUN_MAX];
    candidate found, *c = &found;
    for (size_t w = 0; w < sc->waiting.count; w++) {
        const pending *p = awl_vec_at(&sc->waiting, w);
        if (!sc->confirmed[p->page])
            continue;
        size_t n = code_points((const unsigned char *)bytes + p->start, p->end - p->start, chars);
        size_t got = p->c1 ? c1_stretch(chars, n, 0, c) : try_span(p->page, chars, n, 0, 0, 0, c);
        if (got != n)
            continue;
        if (!p->c1)
            repair_again(c);
        report(sc->check, p->start, p->end, c->bytes, c->len);
    }
}

/* Bytes [from, end) of one line, its line feed included: a run of
 * non-ASCII characters never crosses it. */
static void check_line(scan *sc, size_t from, size_t end)
{
    const unsigned char *s = (const unsigned char *)sc->check->doc->source.bytes;
    size_t offsets[RUN_MAX + 1];
    uint32_t chars[RUN_MAX];
    size_t n = 0;
    uint32_t before = 0, prev = 0; /* a line starts after a line break */
    for (size_t i = from; i <= end;) {
        if (i < end && s[i] < 0x80) {
            /* Plain ASCII: skip ahead cheaply to the last ASCII byte before
             * the next other one (the character before a run counts). */
            if (!n)
                i = awl_skip_ascii(s, i + 1, end) - 1;
            if (n) {
                offsets[n] = i;
                check_run(sc, offsets, chars, n, before, s[i] == '\n' || s[i] == '\r' ? 0 : s[i]);
                n = 0;
            }
            prev = s[i] == '\n' || s[i] == '\r' ? 0 : s[i];
            i++;
            continue;
        }
        if (i == end) {
            if (n) {
                offsets[n] = i;
                check_run(sc, offsets, chars, n, before, 0);
            }
            break;
        }
        size_t len;
        uint32_t c = decode(s, i, end, &len);
        if (n == 0)
            before = prev;
        if (n == RUN_MAX) {
            offsets[n] = i;
            check_run(sc, offsets, chars, n, before, c);
            n = 0;
            before = c;
        }
        offsets[n] = i;
        chars[n++] = c;
        prev = c;
        i += len;
    }
}

static void check_mojibake(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    scan *sc = &(scan){.check = check};
    awl_vec_init(&sc->waiting, sizeof(pending));
    /* Only lines holding a byte >= 0x80 can hold mojibake. */
    for (size_t line = awl_source_next_marked(src, 0, AWL_MARK_NON_ASCII); line < src->line_count;
         line = awl_source_next_marked(src, line + 1, AWL_MARK_NON_ASCII))
        check_line(sc, line == 0 && src->has_bom ? 3 : src->line_starts[line],
                   awl_source_line_next(src, line));
    settle_waiting(sc);
    awl_vec_free(&sc->waiting);
}

const awl_rule awl_rule_mojibake = {
    .id = "mojibake",
    .category = "unicode",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_SAFE,
    .summary = "No UTF-8 text garbled by a wrong decoding (Î»DNN for λDNN)",
    .explanation =
        "Text copied between tools is sometimes decoded in the wrong encoding and saved\n"
        "again: \"é\" becomes \"Ã©\", \"’\" becomes \"â€™\", \"λ\" becomes \"Î»\". The rule\n"
        "recognises UTF-8 read as cp1252, latin-1, cp1250, cp1251, cp1253, cp1254,\n"
        "cp1257, iso-8859-2, macroman or cp437 (once or twice) and repairs it, only\n"
        "where the damaged text scores as clearly not real writing (character pairs\n"
        "such as \"Ã©\" or \"â€\" that real text does not make); a doubtful span is\n"
        "repaired only when the same file shows clear damage of the same kind. Real\n"
        "accented, Greek, Cyrillic, CJK and emoji text is left alone, and so are code\n"
        "blocks, which may show mojibake on purpose. In a link target the fix is unsafe:\n"
        "check that the repaired address works.\n"
        "\n"
        "Bad:\n"
        "    - [\xC3\x8E\xC2\xBB"
        "DNN](https://example.com/ldnn) - Caf\xC3\x83\xC2\xA9 serving.\n"
        "Good:\n"
        "    - [\xCE\xBB"
        "DNN](https://example.com/ldnn) - Caf\xC3\xA9 serving.\n",
    .check = check_mojibake,
};
