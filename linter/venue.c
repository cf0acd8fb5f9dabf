/*
 * venue: the registry (rules/venues.tsv, compiled in) and tag recognition.
 * See venue.h for what counts as a tag.
 */
#include "venue.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "arena.h"
#include "strmap.h"

extern const char awl_venue_data[]; /* generated from rules/venues.tsv */

/* Character classes, one table lookup each: the scanner's inner loops. */
enum {
    CHAR_ALPHA = 1,
    CHAR_DIGIT = 2,
    CHAR_STOP = 4, /* ` < ]: code, HTML or a link target */
    CHAR_JOIN = 8, /* - & + / : . after a word: a joined name (Euro-Par) or a URL */
};

static const unsigned char char_class[256] = {
    ['0'] = CHAR_DIGIT, ['1'] = CHAR_DIGIT, ['2'] = CHAR_DIGIT, ['3'] = CHAR_DIGIT,
    ['4'] = CHAR_DIGIT, ['5'] = CHAR_DIGIT, ['6'] = CHAR_DIGIT, ['7'] = CHAR_DIGIT,
    ['-'] = CHAR_JOIN,  ['&'] = CHAR_JOIN,  ['+'] = CHAR_JOIN,  ['/'] = CHAR_JOIN,
    [':'] = CHAR_JOIN,  ['.'] = CHAR_JOIN,
    ['8'] = CHAR_DIGIT, ['9'] = CHAR_DIGIT, ['`'] = CHAR_STOP,  ['<'] = CHAR_STOP,
    [']'] = CHAR_STOP,  ['A'] = CHAR_ALPHA, ['B'] = CHAR_ALPHA, ['C'] = CHAR_ALPHA,
    ['D'] = CHAR_ALPHA, ['E'] = CHAR_ALPHA, ['F'] = CHAR_ALPHA, ['G'] = CHAR_ALPHA,
    ['H'] = CHAR_ALPHA, ['I'] = CHAR_ALPHA, ['J'] = CHAR_ALPHA, ['K'] = CHAR_ALPHA,
    ['L'] = CHAR_ALPHA, ['M'] = CHAR_ALPHA, ['N'] = CHAR_ALPHA, ['O'] = CHAR_ALPHA,
    ['P'] = CHAR_ALPHA, ['Q'] = CHAR_ALPHA, ['R'] = CHAR_ALPHA, ['S'] = CHAR_ALPHA,
    ['T'] = CHAR_ALPHA, ['U'] = CHAR_ALPHA, ['V'] = CHAR_ALPHA, ['W'] = CHAR_ALPHA,
    ['X'] = CHAR_ALPHA, ['Y'] = CHAR_ALPHA, ['Z'] = CHAR_ALPHA, ['a'] = CHAR_ALPHA,
    ['b'] = CHAR_ALPHA, ['c'] = CHAR_ALPHA, ['d'] = CHAR_ALPHA, ['e'] = CHAR_ALPHA,
    ['f'] = CHAR_ALPHA, ['g'] = CHAR_ALPHA, ['h'] = CHAR_ALPHA, ['i'] = CHAR_ALPHA,
    ['j'] = CHAR_ALPHA, ['k'] = CHAR_ALPHA, ['l'] = CHAR_ALPHA, ['m'] = CHAR_ALPHA,
    ['n'] = CHAR_ALPHA, ['o'] = CHAR_ALPHA, ['p'] = CHAR_ALPHA, ['q'] = CHAR_ALPHA,
    ['r'] = CHAR_ALPHA, ['s'] = CHAR_ALPHA, ['t'] = CHAR_ALPHA, ['u'] = CHAR_ALPHA,
    ['v'] = CHAR_ALPHA, ['w'] = CHAR_ALPHA, ['x'] = CHAR_ALPHA, ['y'] = CHAR_ALPHA,
    ['z'] = CHAR_ALPHA,
};

static bool is_alpha(char c)
{
    return char_class[(unsigned char)c] & CHAR_ALPHA;
}

static bool is_digit(char c)
{
    return char_class[(unsigned char)c] & CHAR_DIGIT;
}

static bool is_alnum(char c)
{
    return char_class[(unsigned char)c] & (CHAR_ALPHA | CHAR_DIGIT);
}

/* The filter's index of a pair of letters, ASCII case ignored, each as
 * 1-26 (any other byte as 0). */
enum { FILTER_LETTERS = 27, FILTER_PAIRS = FILTER_LETTERS * FILTER_LETTERS };

static struct {
    bool built;
    awl_venue *venues;
    size_t count;
    awl_strmap by_name; /* lowercased name or alias -> index into venues */
    awl_arena strings;  /* the venues' names and the map's keys */
    const awl_venue_def *defs; /* the config's venues the registry was built with */
    size_t def_count;
    int next_year; /* a 2-digit year up to this one is 20YY */
    /* A filter in front of the map: for the pair of a key's first two
     * letters, and for the pair of its last two, the lengths of the keys
     * with that pair, one bit per length (keys are shorter than 64). A word
     * is looked up only when both pairs allow its length: most words of a
     * list are not venues and fail here with two loads, without a hash. */
    uint64_t key_head[FILTER_PAIRS];
    uint64_t key_tail[FILTER_PAIRS];
    uint64_t first_word_head[FILTER_PAIRS]; /* the same for the first word of a key of several */
    uint64_t word_head[FILTER_PAIRS];       /* key_head and first_word_head together */
    unsigned char filter_letter[256];
} registry;

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static size_t head_pair(const char *name, size_t len)
{
    const unsigned char *u = (const unsigned char *)name;
    return registry.filter_letter[u[0]] * FILTER_LETTERS +
           (len > 1 ? registry.filter_letter[u[1]] : 0);
}

static size_t tail_pair(const char *name, size_t len)
{
    const unsigned char *u = (const unsigned char *)name;
    return (len > 1 ? registry.filter_letter[u[len - 2]] * FILTER_LETTERS : 0) +
           registry.filter_letter[u[len - 1]];
}

/* The head pair of every name the scanner looks up at s[at]: the byte
 * after a one-letter name is no letter, so it counts as 0 there just as
 * head_pair's missing second letter does, and every length shares it. */
static size_t head_pair_at(const char *s, size_t at)
{
    const unsigned char *u = (const unsigned char *)s + at;
    return registry.filter_letter[u[0]] * FILTER_LETTERS + registry.filter_letter[u[1]];
}

/* False when no key is this word (`head` its head pair). */
static bool may_be_exact_key(const char *word, size_t len, size_t head)
{
    if (len >= 64)
        return false;
    uint64_t bit = (uint64_t)1 << len;
    return (registry.key_head[head] & bit) && (registry.key_tail[tail_pair(word, len)] & bit);
}

/* False when no key of several words starts with this word. A word of 64
 * bytes or more starts none (keys are shorter), and the shift needs the
 * test: the scanner also asks about a word whose letters run into a long
 * tail of digits (`Cooperative555...`). */
static bool may_start_multi(size_t len, size_t head)
{
    return len < 64 && (registry.first_word_head[head] >> len & 1);
}

/* False when no key is this word and no key of several words starts with
 * it. The first test alone rejects most words: the scanner asks it of
 * every word, so it stays small enough to be inlined there. */
static bool may_be_key(const char *word, size_t len, size_t head)
{
    return len < 64 && (registry.word_head[head] >> len & 1) &&
           (may_start_multi(len, head) || may_be_exact_key(word, len, head));
}

static bool needs_year(const char *name, size_t len);

/* The venue a name or alias already names, or AWL_NONE. */
static size_t registry_find(const char *name, size_t len)
{
    char key[64];
    if (len == 0 || len >= sizeof key)
        return AWL_NONE;
    for (size_t i = 0; i < len; i++)
        key[i] = ascii_lower(name[i]);
    size_t *slot = awl_strmap_get(&registry.by_name, key, len);
    return slot ? *slot : AWL_NONE;
}

/* Maps a name or alias to venue `index`; a key already taken keeps its
 * venue, so an alias never shadows a canonical name added before it. With
 * `replace`, the key moves to `index` (a config's name wins). */
static void registry_key(const char *name, size_t len, size_t index, bool replace)
{
    if (len == 0 || len >= 64)
        return;
    char *key = awl_arena_strndup(&registry.strings, name, len);
    for (size_t i = 0; i < len; i++)
        key[i] = ascii_lower(key[i]);
    bool inserted;
    size_t *slot = awl_strmap_upsert(&registry.by_name, key, len, &inserted);
    if (inserted || replace)
        *slot = index;
    registry.key_head[head_pair(key, len)] |= (uint64_t)1 << len;
    registry.word_head[head_pair(key, len)] |= (uint64_t)1 << len;
    registry.key_tail[tail_pair(key, len)] |= (uint64_t)1 << len;
    const char *space = memchr(key, ' ', len);
    if (space && space > key) {
        size_t first_len = (size_t)(space - key);
        registry.first_word_head[head_pair(key, first_len)] |= (uint64_t)1 << first_len;
        registry.word_head[head_pair(key, first_len)] |= (uint64_t)1 << first_len;
    }
}

static void venue_set_name(awl_venue *venue, const char *name, size_t len)
{
    venue->name = awl_arena_strndup(&registry.strings, name, len);
    venue->name_len = len;
    venue->needs_year = needs_year(name, len);
}

static int parse_int(const char *text, size_t len)
{
    int value = 0;
    for (size_t i = 0; i < len && text[i] >= '0' && text[i] <= '9'; i++)
        value = value * 10 + (text[i] - '0');
    return value;
}

/* Reads the TSV (canonical, kind, aliases, founded), then applies the
 * config's defs. Canonical names go in first, so an alias never shadows
 * one. */
static void registry_build(void)
{
    if (registry.built) {
        awl_strmap_free(&registry.by_name);
        awl_arena_free(&registry.strings);
        free(registry.venues);
    }
    memset(registry.key_head, 0, sizeof registry.key_head);
    memset(registry.key_tail, 0, sizeof registry.key_tail);
    memset(registry.first_word_head, 0, sizeof registry.first_word_head);
    memset(registry.word_head, 0, sizeof registry.word_head);
    for (int c = 0; c < 256; c++)
        registry.filter_letter[c] =
            is_alpha((char)c) ? (unsigned char)((c | 0x20) - 'a' + 1) : 0;
    const char *data = awl_venue_data;
    size_t size = strlen(data);
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += data[i] == '\n';
    registry.venues = awl_xcalloc(lines + 1 + registry.def_count, sizeof(awl_venue));
    awl_strmap_init(&registry.by_name);
    for (int pass = 0; pass < 2; pass++) {
        size_t count = 0;
        for (size_t line = 0; line < size;) {
            size_t line_end = line;
            while (line_end < size && data[line_end] != '\n')
                line_end++;
            size_t next = line_end + 1;
            if (line_end == line || data[line] == '#') {
                line = next;
                continue;
            }
            size_t fields[4][2] = {{line_end, line_end},
                                   {line_end, line_end},
                                   {line_end, line_end},
                                   {line_end, line_end}};
            size_t f = 0, at = line;
            for (size_t i = line; i <= line_end && f < 4; i++) {
                if (i == line_end || data[i] == '\t') {
                    fields[f][0] = at;
                    fields[f][1] = i;
                    f++;
                    at = i + 1;
                }
            }
            size_t index = count++;
            if (pass == 0) {
                awl_venue *v = &registry.venues[index];
                venue_set_name(v, data + fields[0][0], fields[0][1] - fields[0][0]);
                const char *kind = data + fields[1][0];
                v->kind = !strncmp(kind, "journal", 7)    ? AWL_VENUE_JOURNAL
                          : !strncmp(kind, "workshop", 8) ? AWL_VENUE_WORKSHOP
                          : !strncmp(kind, "preprint", 8) ? AWL_VENUE_PREPRINT
                                                          : AWL_VENUE_CONFERENCE;
                v->founded = parse_int(data + fields[3][0], fields[3][1] - fields[3][0]);
                registry_key(v->name, v->name_len, index, false);
            } else {
                size_t a = fields[2][0];
                for (size_t i = a; i <= fields[2][1]; i++) {
                    if (i < fields[2][1] && data[i] != '|')
                        continue;
                    registry_key(data + a, i - a, index, false);
                    a = i + 1;
                }
            }
            line = next;
        }
        registry.count = count;
    }
    for (size_t d = 0; d < registry.def_count; d++) {
        const awl_venue_def *def = &registry.defs[d];
        size_t index = registry_find(def->name, strlen(def->name));
        for (size_t a = 0; a < def->alias_count && index == AWL_NONE; a++)
            index = registry_find(def->aliases[a], strlen(def->aliases[a]));
        awl_venue *v;
        if (index == AWL_NONE) {
            index = registry.count++;
            v = &registry.venues[index];
            v->kind = AWL_VENUE_CONFERENCE;
        } else {
            v = &registry.venues[index];
        }
        venue_set_name(v, def->name, strlen(def->name));
        if (def->kind >= 0)
            v->kind = (awl_venue_kind)def->kind;
        if (def->founded)
            v->founded = def->founded;
        registry_key(v->name, v->name_len, index, true);
        for (size_t a = 0; a < def->alias_count; a++)
            registry_key(def->aliases[a], strlen(def->aliases[a]), index, true);
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    registry.next_year = tm.tm_year + 1900 + 1;
    registry.built = true;
}

void awl_venue_registry_set(const awl_venue_def *defs, size_t count)
{
    if (registry.built && registry.defs == defs && registry.def_count == count)
        return;
    registry.defs = count ? defs : NULL;
    registry.def_count = count;
    registry_build();
}

void awl_venue_registry_ready(void)
{
    if (!registry.built)
        registry_build();
}

const awl_venue *awl_venue_lookup(const char *name, size_t len)
{
    if (!registry.built)
        registry_build();
    if (len == 0 || len >= 64)
        return NULL;
    if (!may_be_exact_key(name, len, head_pair(name, len)))
        return NULL;
    size_t index = registry_find(name, len);
    return index != AWL_NONE ? &registry.venues[index] : NULL;
}

size_t awl_venue_count(void)
{
    if (!registry.built)
        registry_build();
    return registry.count;
}

const awl_venue *awl_venue_at(size_t i)
{
    if (!registry.built)
        registry_build();
    return i < registry.count ? &registry.venues[i] : NULL;
}

int awl_venue_year(const char *digits, size_t len)
{
    if (!registry.built)
        registry_build();
    int year = 0;
    for (size_t i = 0; i < len; i++)
        year = year * 10 + (digits[i] - '0');
    if (len == 2)
        year += 2000 + year <= registry.next_year ? 2000 : 1900;
    return year;
}

/* True when c is one of the characters of set (never for NUL). */
static bool one_of(char c, const char *set)
{
    for (; *set; set++)
        if (*set == c)
            return true;
    return false;
}

/* Names that are short or ordinary words: tags only with a year. */
static bool needs_year(const char *name, size_t len)
{
    static const char *const words[] = {"fast",    "date",       "lisa",       "pact",     "raid",
                                        "cluster", "middleware", "hot chips",  "security", "sigops",
                                        "chi",     "www",        "interspeech"};
    if (len <= 3)
        return true;
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i]) == len && !strncasecmp(words[i], name, len))
            return true;
    return false;
}

/* A right single quote (U+2019) or left one (U+2018), as 3 bytes. */
static size_t curly_quote(const char *s, size_t i, size_t end)
{
    if (i + 3 <= end && (unsigned char)s[i] == 0xE2 && (unsigned char)s[i + 1] == 0x80 &&
        ((unsigned char)s[i + 2] == 0x98 || (unsigned char)s[i + 2] == 0x99))
        return 3;
    return 0;
}

/* Parses a year at s[i]: `'22`, `' 22`, ` '22`, ` 22`, ` 2022`, `’22`, glued
 * digits (when `glued`), and a `.8` month after 2 digits. Sets the digits'
 * span and the tag's end; false when no year follows. */
static bool parse_year(const char *s, size_t i, size_t end, bool glued, size_t *ys, size_t *ye,
                       size_t *tag_end)
{
    if (!glued) {
        size_t spaces = 0, quotes = 0;
        while (i < end) {
            size_t q = s[i] == '\'' ? 1 : curly_quote(s, i, end);
            if (s[i] == ' ' && spaces < 1) {
                spaces++;
                i++;
            } else if (q && quotes < 1) {
                quotes++;
                i += q;
            } else {
                break;
            }
        }
        if (!spaces && !quotes)
            return false;
    }
    size_t d = i;
    while (d < end && is_digit(s[d]))
        d++;
    size_t n = d - i;
    if (n != 2 && n != 4)
        return false;
    if (n == 4) {
        int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100;
        if (y != 1900 && y != 2000)
            return false;
    }
    size_t e = d;
    if (n == 2 && e + 1 < end && s[e] == '.' && is_digit(s[e + 1])) {
        size_t m = e + 1; /* a month: '24.8 */
        while (m < end && is_digit(s[m]))
            m++;
        if (m - e - 1 <= 2 && (m >= end || !is_alnum(s[m])))
            e = m;
    }
    if (e < end && is_alnum(s[e]))
        return false;
    *ys = i;
    *ye = d;
    *tag_end = e;
    return true;
}

/* What stands before the tag (spaces and emphasis skipped): true when it
 * opens a group. `strict` asks for a bracket, parenthesis, cell or emphasis. */
static bool opens_group(const char *s, size_t start, size_t at, bool strict)
{
    size_t i = at;
    bool spaced = false, emphasis = false;
    while (i > start && (s[i - 1] == ' ' || s[i - 1] == '*' || s[i - 1] == '_')) {
        spaced |= s[i - 1] == ' ';
        emphasis |= s[i - 1] != ' ';
        i--;
    }
    if (i == start)
        return !strict || emphasis;
    char c = s[i - 1];
    if (strict)
        return one_of(c, "[(|") || emphasis;
    if (one_of(c, "[(|@,;:"))
        return true;
    if (c == '-' && spaced)
        return true;
    /* an en or em dash used as a separator */
    return spaced && i >= start + 3 && (unsigned char)s[i - 3] == 0xE2 &&
           (unsigned char)s[i - 2] == 0x80 &&
           ((unsigned char)c == 0x93 || (unsigned char)c == 0x94);
}

static bool closes_group(const char *s, size_t at, size_t end, bool strict)
{
    size_t i = at;
    bool emphasis = false;
    while (i < end && (s[i] == ' ' || s[i] == '*' || s[i] == '_')) {
        emphasis |= s[i] != ' ';
        i++;
    }
    if (i == end)
        return !strict || emphasis;
    if (i + 3 < end && s[i] == '<' && (s[i + 1] | 0x20) == 'b' && (s[i + 2] | 0x20) == 'r' &&
        !is_alnum(s[i + 3]))
        return true; /* a line break in a table cell: | ACL24 <br /> Title */
    if (strict)
        return one_of(s[i], "])|") || emphasis;
    if (one_of(s[i], "])|,;.:[("))
        return true;
    /* a qualifier: ICLR 2024 Oral, ICML 2024 Workshop */
    static const char *const qualifiers[] = {"oral",     "spotlight", "workshop", "poster",
                                             "tutorial", "findings",  "best",     "demo"};
    size_t w = i;
    while (w < end && is_alpha(s[w]))
        w++;
    for (size_t q = 0; q < sizeof qualifiers / sizeof *qualifiers; q++)
        if (strlen(qualifiers[q]) == w - i && !strncasecmp(qualifiers[q], s + i, w - i))
            return true;
    return false;
}

/* Where a link's `(href)` that opens at s[at] ends: past its closing
 * parenthesis (nested pairs count), or at end. */
static size_t href_end(const char *s, size_t at, size_t end)
{
    const char *close = memchr(s + at, ')', end - at);
    if (close && !memchr(s + at + 1, '(', (size_t)(close - s) - at - 1))
        return (size_t)(close - s) + 1; /* the usual case: no parenthesis inside */
    int depth = 0;
    size_t i = at;
    while (i < end) {
        depth += s[i] == '(';
        depth -= s[i] == ')';
        i++;
        if (depth == 0)
            break;
    }
    return i;
}

/* True when the name [name, name_end) is the whole text of a link in
 * brackets of its own, `[[ICLR](url)] Title`: the brackets make it a tag,
 * whatever the link's target and however short or plain the name. */
static bool bracketed_link(const char *s, size_t start, size_t name, size_t name_end, size_t end)
{
    if (name < start + 2 || s[name - 1] != '[' || s[name - 2] != '[' || name_end + 1 >= end ||
        s[name_end] != ']' || s[name_end + 1] != '(')
        return false;
    size_t after = href_end(s, name_end + 1, end);
    return after < end && s[after] == ']';
}

/* A name alone as a link's text (`[arxiv](https://arxiv.org/...)`) is a tag
 * only for a preprint server the link goes to (a label of the href's host is
 * the name). Any other is taken for a title that happens to be a venue's
 * name (`[micro](https://micro.example.org)`). True when no link follows. */
static bool link_names_venue(const char *s, size_t start, size_t at, size_t end, size_t name,
                             size_t len, const awl_venue *venue)
{
    size_t i = at;
    while (i < end && (s[i] == ' ' || s[i] == '*' || s[i] == '_'))
        i++;
    if (i + 1 >= end || s[i] != ']' || s[i + 1] != '(')
        return true;
    if (bracketed_link(s, start, name, at, end))
        return true;
    if (venue->kind != AWL_VENUE_PREPRINT)
        return false;
    i += 2;
    const char *scheme = i + 3 < end ? memmem(s + i, end - i, "://", 3) : NULL;
    if (!scheme)
        return false;
    size_t host = (size_t)(scheme - s) + 3;
    size_t host_end = host;
    while (host_end < end && !one_of(s[host_end], "/):?# "))
        host_end++;
    for (size_t label = host; label < host_end;) {
        size_t dot = label;
        while (dot < host_end && s[dot] != '.')
            dot++;
        if (dot - label == len && !strncasecmp(s + label, s + name, len))
            return true;
        label = dot + 1;
    }
    return false;
}

/* True when only spaces and emphasis stand between start and at. */
static bool opens_at_start(const char *s, size_t start, size_t at)
{
    while (at > start && (s[at - 1] == ' ' || s[at - 1] == '*' || s[at - 1] == '_'))
        at--;
    return at == start;
}

/* Where a workshop's short name (`FL` of `FL-ICML`: 2 to 8 capitals and
 * digits after an opening) ends at `at` starts, or at + 1 when none does. */
static size_t workshop_name_start(const char *s, size_t start, size_t at)
{
    size_t k = at;
    bool capital = false;
    while (k > start && ((s[k - 1] >= 'A' && s[k - 1] <= 'Z') || is_digit(s[k - 1]))) {
        capital |= s[k - 1] >= 'A' && s[k - 1] <= 'Z';
        k--;
    }
    if (!capital || at - k < 2 || at - k > 8 || (k > start && !one_of(s[k - 1], " [(|*_")) ||
        awl_venue_lookup(s + k, at - k))
        return at + 1;
    return k;
}

static bool word_is(const char *s, size_t at, size_t end, const char *word)
{
    size_t len = strlen(word);
    return at + len <= end && !strncasecmp(s + at, word, len) &&
           (at + len == end || !is_alpha(s[at + len]));
}

/* Fills a tag's qualifiers: the month of '24.8, a workshop before `@` or
 * a hyphen (`prefix`, AWL_NONE when none), `Workshop` or `Tutorial` after. */
static void tag_qualifiers(const char *s, size_t start, size_t end, size_t prefix,
                           awl_venue_tag *tag)
{
    if (tag->year_end && tag->end > tag->year_end + 1 && s[tag->year_end] == '.') {
        int month = 0;
        for (size_t m = tag->year_end + 1; m < tag->end; m++)
            month = month * 10 + (s[m] - '0');
        tag->month = month >= 1 && month <= 12 ? month : 0;
    }
    if (prefix != AWL_NONE) {
        tag->workshop = true;
        tag->workshop_start = prefix;
        tag->workshop_end = tag->name_start - 1;
    }
    size_t b = tag->name_start;
    while (b > start && s[b - 1] == ' ')
        b--;
    if (b > start && s[b - 1] == '@') {
        size_t e = b - 1;
        while (e > start && s[e - 1] == ' ')
            e--;
        size_t k = e;
        while (k > start && (is_alnum(s[k - 1]) || s[k - 1] == '-' || s[k - 1] == '_'))
            k--;
        if (k < e) {
            tag->workshop = true;
            if (!word_is(s, k, e, "workshop") && !word_is(s, k, e, "workshops")) {
                tag->workshop_start = k;
                tag->workshop_end = e;
            }
        }
    }
    size_t a = tag->end;
    while (a < end && (s[a] == ' ' || s[a] == '*' || s[a] == '_'))
        a++;
    if (word_is(s, a, end, "workshop") || word_is(s, a, end, "workshops"))
        tag->workshop = true;
    else if (word_is(s, a, end, "tutorial"))
        tag->tutorial = true;
}

size_t awl_venue_scan(const awl_doc *doc, size_t start, size_t end, awl_venue_tag *out, size_t max)
{
    if (!registry.built)
        registry_build();
    const char *s = doc->source.bytes;
    size_t found = 0;
    size_t i = start;
    while (i < end) {
        while (i < end && !(char_class[(unsigned char)s[i]] & (CHAR_ALPHA | CHAR_STOP)))
            i++; /* spaces, punctuation, digits: nothing starts there */
        if (i == end)
            break;
        char c = s[i];
        if (!is_alpha(c)) {
            if ((c == '`' || (c == '<' && i + 1 < end &&
                              (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))) &&
                i + 1 < end) {
                /* a code span, an HTML tag or an autolink; a lone `<` or
                 * backtick (`1 < 2`) is text */
                const char *close = memchr(s + i + 1, c == '`' ? '`' : '>', end - i - 1);
                i = close ? (size_t)(close - s) + 1 : i + 1;
            } else if (c == ']' && i + 1 < end && s[i + 1] == '(') {
                i = href_end(s, i + 1, end);
            } else {
                i++;
            }
            continue;
        }
        /* One pass over the word: its letters, then its digits. No bound
         * test: s[end] is a line break or the final NUL, neither of them a
         * letter or a digit, nor any character looked for after a word. */
        size_t letters = i + 1;
        while (is_alpha(s[letters]))
            letters++;
        size_t w = letters;
        while (is_alnum(s[w]))
            w++;
        /* Most words are followed by a space, which rules out a URL and a
         * joined name with one test. */
        bool joined = false;
        if (char_class[(unsigned char)s[w]] & CHAR_JOIN) {
            if ((s[w] == ':' && s[w + 1] == '/' && s[w + 2] == '/') ||
                (w == i + 3 && s[w] == '.' && (s[i] | 0x20) == 'w' && (s[i + 1] | 0x20) == 'w' &&
                 (s[i + 2] | 0x20) == 'w')) {
                /* a bare URL (scheme:// or www.): skip to the next white space */
                while (i < end && s[i] != ' ' && s[i] != '\t')
                    i++;
                continue;
            }
            joined = s[w] != ':' && s[w] != '.' && is_alnum(s[w + 1]);
        }
        /* Most words are no venue's and start no venue's name: one filter
         * test rejects them before anything else is looked at. */
        size_t head = head_pair_at(s, i);
        if (!joined && !may_be_key(s + i, w - i, head) &&
            (letters == w || !may_be_key(s + i, letters - i, head))) {
            i = w;
            continue;
        }
        if (joined) {
            /* a name with a hyphen, ampersand or slash: Euro-Par, EuroS&P, ESEC/FSE */
            size_t x = w;
            while (x < end && (is_alnum(s[x]) || one_of(s[x], "-&+/")))
                x++;
            if (awl_venue_lookup(s + i, x - i))
                w = x;
        }
        /* a workshop's name before a hyphen: FL-ICML'21 */
        size_t workshop_prefix = i;
        if (i > start + 1 && s[i - 1] == '-')
            workshop_prefix = workshop_name_start(s, start, i - 1);
        bool glued_prefix =
            i > start && (s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == '#' ||
                          s[i - 1] == '=' || (s[i - 1] == '-' && workshop_prefix == i) ||
                          s[i - 1] == '_' || (unsigned char)s[i - 1] >= 0x80);
        bool glued_suffix = w < end && (s[w] == '/' || s[w] == '_' || s[w] == '=' ||
                                        ((unsigned char)s[w] >= 0x80 && !curly_quote(s, w, end)) ||
                                        (s[w] == '-' && w + 1 < end && is_alnum(s[w + 1])));
        if (glued_prefix || glued_suffix) {
            i = w;
            continue;
        }
        /* Candidate names, longest first: up to eight words (Proceedings of
         * the ACM on Programming Languages), then the word, then the word's
         * letters before 2 or 4 glued digits. */
        size_t ends[8];
        size_t n = 0, e = w;
        bool multi = may_start_multi(w - i, head);
        /* The lengths of the keys that start with the word's first two
         * letters (every candidate does): no candidate longer than the
         * longest of them is looked for. */
        uint64_t key_lengths = registry.key_head[head];
        for (int words = 0; words < 8; words++) {
            ends[n++] = e;
            if (multi && e - i < 63 && key_lengths >> (e - i) >> 1 && e + 1 < end && s[e] == ' ' &&
                is_alpha(s[e + 1])) {
                size_t f = e + 1;
                while (f < end && is_alnum(s[f]))
                    f++;
                e = f;
            } else {
                break;
            }
        }
        awl_venue_tag tag = {0};
        bool matched = false;
        for (size_t k = n; k-- > 0 && !matched;) {
            /* most names of several words are none: the filter says so
             * before the call */
            size_t len = ends[k] - i;
            const awl_venue *v =
                len < 64 && key_lengths >> len & 1 ? awl_venue_lookup(s + i, len) : NULL;
            if (!v)
                continue;
            size_t ys, ye, te;
            bool has_year = parse_year(s, ends[k], end, false, &ys, &ye, &te);
            bool bracketed = !has_year && bracketed_link(s, start, i, ends[k], end);
            if (!has_year && k > 0 && !bracketed)
                continue; /* a multi-word name is a tag only with its year */
            tag.venue = v;
            tag.start = i;
            tag.name_start = i;
            tag.name_end = ends[k];
            if (has_year) {
                if (!opens_group(s, start, i, false) && !closes_group(s, te, end, false))
                    continue;
                tag.year_start = ys;
                tag.year_end = ye;
                tag.year = awl_venue_year(s + ys, ye - ys);
                tag.end = te;
            } else {
                if ((needs_year(s + i, ends[k] - i) && !bracketed) ||
                    !opens_group(s, start, i, true) || !closes_group(s, ends[k], end, true) ||
                    !link_names_venue(s, start, ends[k], end, i, ends[k] - i, v))
                    continue;
                tag.end = ends[k];
            }
            matched = true;
        }
        if (!matched) {
            /* ICLR22, Eurosys2024 */
            size_t digits = w - letters;
            size_t ys, ye, te;
            const awl_venue *v = letters < w && (digits == 2 || digits == 4)
                                     ? awl_venue_lookup(s + i, letters - i)
                                     : NULL;
            /* a short name glued to its year (SC21) only closing a group,
             * written as the registry writes it */
            if (v &&
                (!needs_year(s + i, letters - i) ||
                 (letters - i == v->name_len && !memcmp(s + i, v->name, v->name_len) &&
                  closes_group(s, w, end, true))) &&
                parse_year(s, letters, end, true, &ys, &ye, &te) && te == w) {
                if ((opens_group(s, start, i, false) || closes_group(s, te, end, false))) {
                    tag.venue = v;
                    tag.start = tag.name_start = i;
                    tag.name_end = letters;
                    tag.year_start = ys;
                    tag.year_end = ye;
                    tag.year = awl_venue_year(s + ys, ye - ys);
                    tag.end = te;
                    matched = true;
                }
            }
        }
        if (matched && workshop_prefix < i) {
            if (!tag.year) {
                i = w;
                continue; /* FL-ICML without a year reads as a name */
            }
            tag.start = workshop_prefix;
        }
        if (matched && tag.year && tag.end < end && s[tag.end] == ':' &&
            !opens_group(s, start, tag.start, true) && opens_at_start(s, start, tag.start)) {
            i = tag.end; /* `- SysML 2019: talks`: a label, like a heading */
            continue;
        }
        if (matched) {
            tag_qualifiers(s, start, end, workshop_prefix < i ? workshop_prefix : AWL_NONE, &tag);
            if (found < max)
                out[found] = tag;
            found++;
            i = tag.end;
        } else {
            i = w;
        }
    }
    return found;
}

awl_venue_line awl_venue_entry_line(const awl_doc *doc, size_t line)
{
    const awl_source *src = &doc->source;
    if (doc->line_flags[line] &
        (AWL_LINE_ITEM_MARKER | AWL_LINE_CODE | AWL_LINE_HTML | AWL_LINE_HEADING))
        return AWL_VENUE_LINE_END;
    if (doc->line_flags[line] & AWL_LINE_IN_BLOCK)
        return AWL_VENUE_LINE_TEXT;
    for (size_t i = src->line_starts[line], end = awl_source_line_end(src, line); i < end; i++)
        if (src->bytes[i] != ' ' && src->bytes[i] != '\t')
            return AWL_VENUE_LINE_TEXT;
    return AWL_VENUE_LINE_BLANK;
}

size_t awl_venue_scan_entry(const awl_doc *doc, const awl_entry *entry, awl_venue_tag *out,
                            size_t max)
{
    const awl_source *src = &doc->source;
    const awl_block *block = &doc->blocks[entry->block];
    size_t found = 0;
    for (size_t line = entry->line; line <= block->last_line && line < src->line_count; line++) {
        awl_venue_line kind =
            line > entry->line ? awl_venue_entry_line(doc, line) : AWL_VENUE_LINE_TEXT;
        if (kind == AWL_VENUE_LINE_END)
            break;
        if (kind == AWL_VENUE_LINE_BLANK)
            continue;
        size_t from = src->line_starts[line];
        size_t to = awl_source_line_end(src, line);
        if (line == entry->line && block->kind == AWL_BLOCK_ITEM &&
            block->marker_offset != AWL_NONE) {
            from = block->marker_offset;
            while (from < to && (src->bytes[from] >= '0' && src->bytes[from] <= '9'))
                from++;
            if (from < to)
                from++; /* the bullet, '.' or ')' */
        }
        size_t n = awl_venue_scan(doc, from, to, found < max ? out + found : NULL,
                                  found < max ? max - found : 0);
        found += n;
    }
    return found;
}

const awl_venue_tag *awl_venue_main_tag(const awl_entries *entries, const awl_entry *entry)
{
    if (!entry->tag_count)
        return NULL;
    const awl_venue_tag *tags = entries->tags + entry->tag_first;
    for (size_t t = 0; t < entry->tag_count; t++)
        if (tags[t].year)
            return &tags[t];
    return &tags[0];
}

void awl_venue_fill_entries(const awl_doc *doc, awl_entries *entries)
{
    awl_vec tags;
    awl_vec_init(&tags, sizeof(awl_venue_tag));
    awl_venue_tag found[16];
    for (size_t i = 0; i < entries->count; i++) {
        awl_entry *entry = &entries->items[i];
        size_t n = awl_venue_scan_entry(doc, entry, found, 16);
        if (n > 16)
            n = 16;
        entry->tag_first = tags.count;
        entry->tag_count = n;
        for (size_t t = 0; t < n; t++)
            *(awl_venue_tag *)awl_vec_push(&tags) = found[t];
    }
    entries->tags = tags.items;
    entries->tag_count = tags.count;
    for (size_t i = 0; i < entries->count; i++) {
        awl_entry *entry = &entries->items[i];
        const awl_venue_tag *tag = awl_venue_main_tag(entries, entry);
        if (!tag)
            continue;
        entry->venue = tag->venue->name;
        entry->venue_text = awl_arena_strndup(&entries->arena, doc->source.bytes + tag->start,
                                              tag->end - tag->start);
        entry->year = tag->year;
    }
}

/* Reads the separator and digits of a tag written name..year_end in s;
 * `name_end` and `year_start` bound the separator. */
static bool separator_style(const char *p, const char *end, size_t digits, awl_venue_style *out)
{
    awl_venue_style st = {.four_digits = digits == 4};
    if (p < end && *p == ' ') {
        st.space_before = 1;
        p++;
    }
    if (p < end && *p == '\'') {
        st.quote = 1;
        p++;
    } else if (end - p >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x80 &&
               ((unsigned char)p[2] == 0x98 || (unsigned char)p[2] == 0x99)) {
        st.quote = 2;
        p += 3;
    }
    if (p < end && *p == ' ' && st.quote) {
        st.space_after = 1;
        p++;
    }
    if (p != end || (!st.quote && !st.space_before))
        return false;
    if (!st.quote) /* `NSDI 23`: the space is the separator, not a choice */
        st.space_before = st.space_after = -1;
    *out = st;
    return true;
}

bool awl_venue_tag_style(const awl_doc *doc, const awl_venue_tag *tag, awl_venue_style *out)
{
    if (!tag->year)
        return false;
    const char *s = doc->source.bytes;
    if (!separator_style(s + tag->name_end, s + tag->year_start, tag->year_end - tag->year_start,
                         out))
        return false;
    out->bracket = tag->start > 0 && s[tag->start - 1] == '[' && tag->end < doc->source.length &&
                   s[tag->end] == ']';
    return true;
}

bool awl_venue_style_parse(const char *example, awl_venue_style *out)
{
    size_t len = strlen(example);
    const char *p = example, *end = example + len;
    bool bracket = len >= 2 && p[0] == '[' && end[-1] == ']';
    if (bracket) {
        p++;
        end--;
    }
    const char *digits = end;
    while (digits > p && is_digit(digits[-1]))
        digits--;
    const char *name_end = digits; /* back over the separator: spaces and quotes */
    while (name_end > p) {
        if (name_end[-1] == ' ' || name_end[-1] == '\'')
            name_end--;
        else if (name_end - p >= 3 && curly_quote(name_end - 3, 0, 3))
            name_end -= 3;
        else
            break;
    }
    if (name_end == p || !is_alpha(*p) || (end - digits != 2 && end - digits != 4) ||
        !separator_style(name_end, digits, (size_t)(end - digits), out))
        return false;
    out->bracket = bracket;
    return true;
}

const char *awl_venue_style_separator(const awl_venue_style *style, char buf[8])
{
    snprintf(buf, 8, "%s%s%s", style->quote > 0 && style->space_before > 0 ? " " : "",
             style->quote == 0   ? " "
             : style->quote == 1 ? "'"
                                 : "\xE2\x80\x99",
             style->quote > 0 && style->space_after > 0 ? " " : "");
    return buf;
}

const char *awl_venue_style_example(const awl_venue_style *style, char *buf, size_t size)
{
    char separator[8];
    snprintf(buf, size, "%sOSDI%s%s%s", style->bracket ? "[" : "",
             awl_venue_style_separator(style, separator), style->four_digits ? "2022" : "22",
             style->bracket ? "]" : "");
    return buf;
}

/* The index of the larger of n counts, or -1 on a tie for the top. */
static int winner(const size_t *counts, int n)
{
    int best = 0;
    bool tie = false;
    for (int i = 1; i < n; i++) {
        if (counts[i] > counts[best]) {
            best = i;
            tie = false;
        } else if (counts[i] == counts[best]) {
            tie = true;
        }
    }
    return tie || !counts[best] ? -1 : best;
}

bool awl_venue_dominant_style(const awl_doc *doc, const awl_entries *entries, awl_venue_style *out)
{
    size_t quote[3] = {0}, before[2] = {0}, after[2] = {0}, digits[2] = {0}, bracket[2] = {0};
    size_t total = 0;
    for (size_t t = 0; t < entries->tag_count; t++) {
        awl_venue_style st;
        if (!awl_venue_tag_style(doc, &entries->tags[t], &st))
            continue;
        quote[st.quote]++;
        digits[st.four_digits]++;
        bracket[st.bracket]++;
        if (st.quote) {
            before[st.space_before]++;
            after[st.space_after]++;
        }
        total++;
    }
    awl_venue_style norm = {.quote = winner(quote, 3), .four_digits = winner(digits, 2)};
    norm.space_before = norm.quote > 0 ? winner(before, 2) : 0;
    norm.space_after = norm.quote > 0 ? winner(after, 2) : 0;
    norm.bracket = bracket[1] > bracket[0];
    if (total < 3 || norm.quote < 0 || norm.four_digits < 0 || norm.space_before < 0 ||
        norm.space_after < 0)
        return false;
    *out = norm;
    return true;
}
