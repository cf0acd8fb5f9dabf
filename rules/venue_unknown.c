/*
 * venue-unknown: a venue-shaped tag whose name the registry does not know.
 *
 * Tag-shaped means: one word and a year (`'22`, ` 2022`, `' 22`, glued
 * `22`) in a tag position of an entry's text, as venue.h has them: after
 * the start of a line, a bracket, parenthesis, cell, `@`, separator or
 * spaced dash, or before the end, a closing bracket, cell or final
 * punctuation: `[OSID'22]`, `(Nurips 2023)`, `| ICMLL 2021 |`,
 * `Title. AISTAT 2017.`. Link targets, code, HTML and URLs are skipped.
 * It is reported only when the name is
 * most likely a typo of a registry name, which the message offers: one
 * edit away for names of 5 letters or more (two from 8), two swapped
 * neighbours for shorter ones. An unknown acronym with no near neighbour
 * (`[SAC'24]`, `| DaMoN 2024 |`) is far more often a real venue the
 * registry lacks than a typo, so it is not reported. A name the registry
 * knows in any spelling is left to venue-spelling and venue-style.
 *
 * Not reported either: groups without a year (`| Stanford |`, `| UCB |`:
 * an organisation, not a venue), months and seasons (`(Jan 2021)`),
 * organisations written with a year (`(MIT 2019)`, `USENIX 2020`), and
 * names of several words. No fix: only the author knows the venue.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "byte_scan.h"
#include "rule.h"
#include "venue.h"

static bool is_alpha(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_digit(char c)
{
    return (unsigned char)(c - '0') < 10;
}

/* Words that fill a tag's slot but are no venue: months, seasons,
 * organisations, and the words of a date or a version. */
static bool is_not_a_venue(const char *name, size_t len)
{
    static const char *const words[] = {
        "jan",       "feb",      "mar",       "apr",       "may",       "jun",     "jul",
        "aug",       "sep",      "sept",      "oct",       "nov",       "dec",     "january",
        "february",  "march",    "april",     "june",      "july",      "august",  "september",
        "october",   "november", "december",  "spring",    "summer",    "fall",    "autumn",
        "winter",    "since",    "updated",   "update",    "copyright", "version", "release",
        "edition",   "year",     "from",      "until",     "before",    "after",   "in",
        "mit",       "cmu",      "ucb",       "ucla",      "ucsd",      "uiuc",    "nyu",
        "eth",       "epfl",     "thu",       "pku",       "sjtu",      "zju",     "ustc",
        "hkust",     "nus",      "ntu",       "kaist",     "msr",       "fair",    "ibm",
        "amd",       "aws",      "gcp",       "nvidia",    "google",    "meta",    "microsoft",
        "openai",    "deepmind", "intel",     "amazon",    "apple",     "alibaba", "baidu",
        "tencent",   "huawei",   "bytedance", "stanford",  "berkeley",  "oxford",  "harvard",
        "princeton", "cornell",  "tsinghua",  "cambridge", "usa",       "uk",      "eu",
        "iso",       "rfc",      "pep",       "jdk",       "jsr",       "cve",     "gpt",
        "llm",       "llms",     "ai",        "ml",        "dl",        "nlp",     "cv",
        "wwdc",      "usenix",   "acm",       "ieee",      "ces",       "q",       "h",
        "v",         "vol",      "no",
    };
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == len && !strncasecmp(words[i], name, len))
            return true;
    return false;
}

/* The optimal-string-alignment distance of a and b, ASCII case ignored,
 * or limit + 1 when it exceeds limit. Both are short (under 32 bytes). */
static size_t distance(const char *a, size_t la, const char *b, size_t lb, size_t limit)
{
    if (la >= 32 || lb >= 32)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    size_t d[33][33];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = (a[i - 1] | 0x20) == (b[j - 1] | 0x20) ? 0 : 1;
            size_t best = d[i - 1][j - 1] + cost;
            if (d[i - 1][j] + 1 < best)
                best = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < best)
                best = d[i][j - 1] + 1;
            if (i > 1 && j > 1 && (a[i - 1] | 0x20) == (b[j - 2] | 0x20) &&
                (a[i - 2] | 0x20) == (b[j - 1] | 0x20) && d[i - 2][j - 2] + 1 < best)
                best = d[i - 2][j - 2] + 1;
            d[i][j] = best;
        }
    }
    return d[la][lb];
}

/* The set of letters of s (ASCII case ignored) as bits; other bytes as one. */
static unsigned letters(const char *s, size_t len)
{
    unsigned mask = 0;
    for (size_t i = 0; i < len; i++)
        mask |= is_alpha(s[i]) ? 1u << ((s[i] | 0x20) - 'a') : 1u << 26;
    return mask;
}

/* True when a and b (same length) differ by one swap of neighbours. */
static bool is_swap(const char *a, const char *b, size_t len)
{
    size_t i = 0;
    while (i < len && (a[i] | 0x20) == (b[i] | 0x20))
        i++;
    return i + 1 < len && (a[i] | 0x20) == (b[i + 1] | 0x20) &&
           (a[i + 1] | 0x20) == (b[i] | 0x20) && !strncasecmp(a + i + 2, b + i + 2, len - i - 2);
}

/* The registry's name `name` is most likely a typo of, or NULL: for a name
 * of 5 letters or more, one edit (two from 8 letters); for a shorter one,
 * only two swapped neighbours (OSID), since one edit away from a short
 * acronym lies another real venue (SAC is not SEC). Runs only for an
 * unknown tag, which is rare, so a pass over the registry is fine. */
static const awl_venue *nearest(const char *name, size_t len)
{
    size_t limit = len >= 8 ? 2 : 1;
    const awl_venue *best = NULL;
    size_t best_d = limit + 1;
    size_t count = awl_venue_count();
    unsigned mask = letters(name, len);
    for (size_t i = 0; i < count; i++) {
        const awl_venue *v = awl_venue_at(i);
        if (len < 5) {
            if (v->name_len == len && is_swap(name, v->name, len))
                return v;
            continue;
        }
        if (v->name_len < 4 || (v->name_len > len ? v->name_len - len : len - v->name_len) > limit)
            continue;
        /* one edit changes at most two letters of the set of letters used:
         * a cheap test that spares the distance for most names */
        if ((size_t)__builtin_popcount(mask ^ letters(v->name, v->name_len)) > 2 * limit)
            continue;
        size_t d = distance(name, len, v->name, v->name_len, limit);
        if (d < best_d) {
            best_d = d;
            best = v;
        }
    }
    return best;
}

/* True when c glued before a word makes it part of a path, a name or a
 * number rather than a word of its own. */
static bool glues(char c)
{
    switch (c) {
    case '/':
    case '.':
    case '-':
    case '_':
    case '#':
    case '=':
    case '&':
    case '?':
    case '%':
        return true;
    default:
        return false;
    }
}

/* True when what stands before `at` (spaces and emphasis skipped) opens a
 * tag position: the segment's start, a bracket, parenthesis or cell, `@`,
 * a separator (`,;:.`) or a spaced dash, as venue.h has it. */
static bool opens(const char *s, size_t from, size_t at)
{
    size_t i = at;
    bool spaced = false;
    while (i > from && (s[i - 1] == ' ' || s[i - 1] == '*' || s[i - 1] == '_')) {
        spaced |= s[i - 1] == ' ';
        i--;
    }
    if (i == from)
        return true;
    char c = s[i - 1];
    return strchr("[(|@,;:.", c) || (c == '-' && spaced);
}

/* True when what follows `at` closes a tag position: the segment's end, a
 * closing bracket, parenthesis or cell, or final punctuation. */
static bool closes(const char *s, size_t at, size_t to)
{
    size_t i = at;
    while (i < to && (s[i] == ' ' || s[i] == '*' || s[i] == '_'))
        i++;
    return i == to || strchr("])|,;.:", s[i]);
}

/* True when offset `at` of the line [from, to) is text: not in a code
 * span, a link target, an HTML tag or a URL. Asked only for the rare
 * candidate, so the forward walk costs nothing overall. */
static bool is_text(const char *s, size_t from, size_t at)
{
    for (size_t i = from; i < at;) {
        char c = s[i];
        size_t close = AWL_NONE;
        if (c == '`' || c == '<') {
            const char *p = memchr(s + i + 1, c == '`' ? '`' : '>', at - i - 1);
            if (p)
                close = (size_t)(p - s) + 1;
            else if (c == '`')
                return false; /* an open code span (or its closer past us) */
            else
                close = i + 1;
        } else if (c == ']' && s[i + 1] == '(') {
            const char *p = memchr(s + i, ')', at - i);
            if (!p)
                return false;
            close = (size_t)(p - s) + 1;
        } else if (c == ':' && i + 2 < at && s[i + 1] == '/' && s[i + 2] == '/') {
            size_t j = i;
            while (j < at && s[j] != ' ' && s[j] != ')' && s[j] != '|')
                j++;
            if (j == at)
                return false;
            close = j;
        }
        i = close == AWL_NONE ? i + 1 : close;
    }
    return true;
}

/* The first digit of s[at, to), or to: eight bytes at a time, since most
 * of a line is letters (a byte is a digit when it is 0x30 to 0x39, that is
 * when it XOR 0x30 is below 10). */
static size_t next_digit(const char *s, size_t at, size_t to)
{
    while (at + AWL_WORD_BYTES <= to) {
        uint64_t x = awl_load_word((const unsigned char *)s + at) ^ (awl_ones * '0');
        if (awl_word_has_below(x, 10))
            break; /* a digit in these eight */
        at += AWL_WORD_BYTES;
    }
    while (at < to && !is_digit(s[at]))
        at++;
    return at;
}

/* The years of one line [from, to) of an entry, each with the word before
 * it: years are far rarer than words, so the line is walked for digits and
 * only a 2- or 4-digit run looks back for a name (`OSID'22`, `Nurips 2021`,
 * `ICMLL22`, `SOSP' 24`, `EuroSys '24`, a `’`). */
static void check_line(awl_check *check, size_t from, size_t to)
{
    const char *s = check->doc->source.bytes;
    for (size_t i = from; i < to; i++) {
        i = next_digit(s, i, to);
        if (i == to)
            break;
        size_t y = i, d = i;
        while (d < to && is_digit(s[d]))
            d++;
        i = d;
        size_t digits = d - y;
        if (digits != 2 && digits != 4)
            continue;
        if (digits == 4 && !(s[y] == '1' && s[y + 1] == '9') && !(s[y] == '2' && s[y + 1] == '0'))
            continue;
        size_t e = d;
        if (digits == 2 && e + 1 < to && s[e] == '.' && is_digit(s[e + 1])) {
            e++; /* a month: '24.8 */
            while (e < to && is_digit(s[e]))
                e++;
        }
        if (e < to &&
            (is_alpha(s[e]) || is_digit(s[e]) || s[e] == '-' || s[e] == '/' || s[e] == '_'))
            continue;
        /* back over the separator: at most one space and one quote */
        size_t p = y;
        bool space = false, quote = false;
        for (int k = 0; k < 3 && p > from; k++) {
            if (!space && s[p - 1] == ' ') {
                space = true;
                p--;
            } else if (!quote && s[p - 1] == '\'') {
                quote = true;
                p--;
            } else if (!quote && p >= from + 3 && (unsigned char)s[p - 3] == 0xE2 &&
                       (unsigned char)s[p - 2] == 0x80 &&
                       ((unsigned char)s[p - 1] == 0x98 || (unsigned char)s[p - 1] == 0x99)) {
                quote = true;
                p -= 3;
            } else {
                break;
            }
        }
        if (p == from || !is_alpha(s[p - 1]))
            continue;
        size_t a = p;
        while (a > from && is_alpha(s[a - 1]))
            a--;
        if (a > from && (is_digit(s[a - 1]) || glues(s[a - 1]) || (unsigned char)s[a - 1] >= 0x80))
            continue;
        size_t name_len = p - a;
        if (name_len < 2 || name_len > 16)
            continue;
        if (!opens(s, from, a) && !closes(s, e, to))
            continue;
        if (awl_venue_lookup(s + a, name_len) || is_not_a_venue(s + a, name_len))
            continue;
        const awl_venue *near = nearest(s + a, name_len);
        if (near && is_text(s, from, a))
            awl_emit(check, a, e, "venue '%.*s' is not in the registry: did you mean '%s'?",
                     (int)name_len, s + a, near->name);
    }
}

static void check_venue_unknown(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    for (size_t e = 0; e < check->entries->count; e++) {
        const awl_entry *entry = &check->entries->items[e];
        const awl_block *block = &doc->blocks[entry->block];
        bool table = entry->shape == AWL_SHAPE_TABLE_ROW;
        for (size_t line = entry->line; line <= block->last_line && line < src->line_count;
             line++) {
            awl_venue_line kind =
                line > entry->line ? awl_venue_entry_line(doc, line) : AWL_VENUE_LINE_TEXT;
            if (kind == AWL_VENUE_LINE_END)
                break;
            if (kind == AWL_VENUE_LINE_BLANK)
                continue;
            size_t from = src->line_starts[line];
            size_t to = awl_source_line_end(src, line);
            if (table) {
                while (from < to && (src->bytes[from] == ' ' || src->bytes[from] == '\t'))
                    from++;
                if (from < to && src->bytes[from] == '|')
                    from++;
            }
            check_line(check, from, to);
            if (table)
                break;
        }
    }
}

const awl_rule awl_rule_venue_unknown = {
    .id = "venue-unknown",
    .category = "venue",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_NONE,
    .summary = "Venue-shaped tags name a venue of the registry (a typo gets a 'did you mean')",
    .explanation = "A tag such as [OSID'22] is meant to name a venue, but the registry knows no\n"
                   "OSID: most often a typo, which the message corrects from the nearest known\n"
                   "name. Only a word and a year in a tag position count, and only when the\n"
                   "word is one edit from a registry name (two swapped letters for short\n"
                   "ones): an unknown acronym is most often a real venue the registry lacks.\n"
                   "Organisations (| Stanford |), months and seasons are never reported.\n"
                   "\n"
                   "Bad:\n"
                   "    - [ICMLL'21] [Alpha](https://example.org/alpha)\n"
                   "Good:\n"
                   "    - [ICML'21] [Alpha](https://example.org/alpha)\n",
    .check = check_venue_unknown,
};
