/*
 * venue: the registry (rules/venues.tsv, compiled in) and tag recognition.
 * See venue.h for what counts as a tag.
 */
#include "venue.h"

#include <string.h>
#include <strings.h>
#include <time.h>

#include "arena.h"
#include "strmap.h"

extern const char awl_venue_data[]; /* generated from rules/venues.tsv */

static struct {
    bool built;
    awl_venue *venues;
    size_t count;
    awl_strmap by_name; /* lowercased name or alias -> index into venues */
    int next_year;      /* a 2-digit year up to this one is 20YY */
    /* A filter in front of the map: one bit per (first, second and last
     * letter, length) of a key. Most words of a list are not venues and
     * fail here without a hash. */
    unsigned char maybe[1024];
    unsigned char multi[1024]; /* the same for the first word of a key of several */
} registry;

static char ascii_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static unsigned filter_bit(const char *name, size_t len)
{
    unsigned h = (unsigned char)ascii_lower(name[0]);
    h = h * 31 + (unsigned char)ascii_lower(name[len > 1 ? 1 : 0]);
    h = h * 31 + (unsigned char)ascii_lower(name[len - 1]);
    h = h * 64 + (unsigned)(len & 63);
    return (h * 2654435761u) >> 19; /* 13 bits */
}

static void filter_add(const char *key, size_t len)
{
    unsigned bit = filter_bit(key, len);
    registry.maybe[bit >> 3] |= (unsigned char)(1u << (bit & 7));
    const char *space = memchr(key, ' ', len);
    if (space && space > key) {
        bit = filter_bit(key, (size_t)(space - key));
        registry.multi[bit >> 3] |= (unsigned char)(1u << (bit & 7));
    }
}

/* False when no key of several words starts with this word. */
static bool may_start_multi(const char *word, size_t len)
{
    unsigned bit = filter_bit(word, len);
    return registry.multi[bit >> 3] & (1u << (bit & 7));
}

/* Splits the TSV once: `names` is a copy whose separators become NUL (the
 * canonical spellings point into it), `keys` a lowercased copy the map's keys
 * point into. Canonical names go in first, so an alias never shadows one. */
static void registry_build(void)
{
    size_t size = strlen(awl_venue_data);
    char *names = awl_xmalloc(size + 1);
    char *keys = awl_xmalloc(size + 1);
    memcpy(names, awl_venue_data, size + 1);
    for (size_t i = 0; i <= size; i++)
        keys[i] = ascii_lower(awl_venue_data[i]);
    size_t lines = 0;
    for (size_t i = 0; i < size; i++)
        lines += awl_venue_data[i] == '\n';
    registry.venues = awl_xcalloc(lines + 1, sizeof(awl_venue));
    awl_strmap_init(&registry.by_name);
    for (int pass = 0; pass < 2; pass++) {
        size_t count = 0;
        for (size_t line = 0; line < size;) {
            size_t line_end = line;
            while (line_end < size && awl_venue_data[line_end] != '\n')
                line_end++;
            size_t next = line_end + 1;
            if (line_end == line || awl_venue_data[line] == '#') {
                line = next;
                continue;
            }
            size_t fields[3][2] = {{line, line}, {line, line}, {line, line}};
            size_t f = 0, at = line;
            for (size_t i = line; i <= line_end && f < 3; i++) {
                if (i == line_end || awl_venue_data[i] == '\t') {
                    fields[f][0] = at;
                    fields[f][1] = i;
                    f++;
                    at = i + 1;
                }
            }
            size_t index = count++;
            bool inserted;
            if (pass == 0) {
                awl_venue *v = &registry.venues[index];
                names[fields[0][1]] = '\0';
                v->name = names + fields[0][0];
                v->name_len = fields[0][1] - fields[0][0];
                const char *kind = awl_venue_data + fields[1][0];
                v->kind = !strncmp(kind, "journal", 7)    ? AWL_VENUE_JOURNAL
                          : !strncmp(kind, "workshop", 8) ? AWL_VENUE_WORKSHOP
                          : !strncmp(kind, "preprint", 8) ? AWL_VENUE_PREPRINT
                                                          : AWL_VENUE_CONFERENCE;
                filter_add(keys + fields[0][0], v->name_len);
                size_t *slot = awl_strmap_upsert(&registry.by_name, keys + fields[0][0],
                                                 v->name_len, &inserted);
                if (inserted)
                    *slot = index;
            } else {
                size_t a = fields[2][0];
                for (size_t i = a; i <= fields[2][1]; i++) {
                    if (i < fields[2][1] && awl_venue_data[i] != '|')
                        continue;
                    if (i > a) {
                        filter_add(keys + a, i - a);
                        size_t *slot =
                            awl_strmap_upsert(&registry.by_name, keys + a, i - a, &inserted);
                        if (inserted)
                            *slot = index;
                    }
                    a = i + 1;
                }
            }
            line = next;
        }
        registry.count = count;
    }
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    registry.next_year = tm.tm_year + 1900 + 1;
    registry.built = true;
}

const awl_venue *awl_venue_lookup(const char *name, size_t len)
{
    if (!registry.built)
        registry_build();
    char key[64];
    if (len == 0 || len >= sizeof key)
        return NULL;
    unsigned bit = filter_bit(name, len);
    if (!(registry.maybe[bit >> 3] & (1u << (bit & 7))))
        return NULL;
    for (size_t i = 0; i < len; i++)
        key[i] = ascii_lower(name[i]);
    size_t *slot = awl_strmap_get(&registry.by_name, key, len);
    return slot ? &registry.venues[*slot] : NULL;
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

static bool is_alpha(char c)
{
    return (unsigned char)((c | 0x20) - 'a') < 26;
}

static bool is_digit(char c)
{
    return (unsigned char)(c - '0') < 10;
}

static bool is_alnum(char c)
{
    return is_alpha(c) || is_digit(c);
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

/* A name alone as a link's text (`[arxiv](https://arxiv.org/...)`) is a tag
 * only for a preprint server the link goes to (a label of the href's host is
 * the name). Any other is taken for a title that happens to be a venue's
 * name (`[micro](https://micro.example.org)`). True when no link follows. */
static bool link_names_venue(const char *s, size_t at, size_t end, size_t name, size_t len,
                             const awl_venue *venue)
{
    size_t i = at;
    while (i < end && (s[i] == ' ' || s[i] == '*' || s[i] == '_'))
        i++;
    if (i + 1 >= end || s[i] != ']' || s[i + 1] != '(')
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

size_t awl_venue_scan(const awl_doc *doc, size_t start, size_t end, awl_venue_tag *out, size_t max)
{
    if (!registry.built)
        registry_build();
    const char *s = doc->source.bytes;
    size_t found = 0;
    size_t i = start;
    while (i < end) {
        char c = s[i];
        if (c == ' ' || c == '\t') {
            i++;
            continue;
        }
        if (i == start || s[i - 1] == ' ' || s[i - 1] == '\t') {
            /* a bare URL: the chunk (past an opening bracket) starts with a
             * scheme or www.; skip to the next white space */
            size_t p = i;
            while (p < end && (s[p] == '(' || s[p] == '[' || s[p] == '<' || s[p] == '"' ||
                               s[p] == '*' || s[p] == '_'))
                p++;
            size_t q = p;
            while (q < end && is_alpha(s[q]))
                q++;
            if ((q > p && q + 3 <= end && !memcmp(s + q, "://", 3)) ||
                (p + 4 <= end && (s[p] | 0x20) == 'w' && (s[p + 1] | 0x20) == 'w' &&
                 (s[p + 2] | 0x20) == 'w' && s[p + 3] == '.')) {
                while (i < end && s[i] != ' ' && s[i] != '\t')
                    i++;
                continue;
            }
        }
        if ((c == '`' || (c == '<' && i + 1 < end &&
                          (is_alpha(s[i + 1]) || s[i + 1] == '/' || s[i + 1] == '!'))) &&
            i + 1 < end) {
            /* a code span, an HTML tag or an autolink; a lone `<` or
             * backtick (`1 < 2`) is text */
            const char *close = memchr(s + i + 1, c == '`' ? '`' : '>', end - i - 1);
            i = close ? (size_t)(close - s) + 1 : i + 1;
            continue;
        }
        if (c == ']' && i + 1 < end && s[i + 1] == '(') {
            int depth = 0;
            i++;
            while (i < end) {
                depth += s[i] == '(';
                depth -= s[i] == ')';
                i++;
                if (depth == 0)
                    break;
            }
            continue;
        }
        if (!is_alpha(c)) {
            i++;
            continue;
        }
        size_t w = i;
        while (w < end && is_alnum(s[w]))
            w++;
        bool glued_prefix = i > start && (s[i - 1] == '/' || s[i - 1] == '.' || s[i - 1] == '#' ||
                                          s[i - 1] == '=' || s[i - 1] == '-' || s[i - 1] == '_' ||
                                          (unsigned char)s[i - 1] >= 0x80);
        bool glued_suffix = w < end && (s[w] == '/' || s[w] == '_' || s[w] == '=' ||
                                        ((unsigned char)s[w] >= 0x80 && !curly_quote(s, w, end)) ||
                                        (s[w] == '-' && w + 1 < end && is_alnum(s[w + 1])));
        if (glued_prefix || glued_suffix) {
            i = w;
            continue;
        }
        /* Candidate names, longest first: up to three words, then the word,
         * then the word's letters before 2 or 4 glued digits. */
        size_t ends[4];
        size_t n = 0, e = w;
        bool multi = may_start_multi(s + i, w - i);
        for (int words = 0; words < 3; words++) {
            ends[n++] = e;
            if (multi && e + 1 < end && s[e] == ' ' && is_alpha(s[e + 1])) {
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
            const awl_venue *v = awl_venue_lookup(s + i, ends[k] - i);
            if (!v)
                continue;
            size_t ys, ye, te;
            bool has_year = parse_year(s, ends[k], end, false, &ys, &ye, &te);
            if (!has_year && k > 0)
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
                if (needs_year(s + i, ends[k] - i) || !opens_group(s, start, i, true) ||
                    !closes_group(s, ends[k], end, true) ||
                    !link_names_venue(s, ends[k], end, i, ends[k] - i, v))
                    continue;
                tag.end = ends[k];
            }
            matched = true;
        }
        if (!matched) {
            /* ICLR22, Eurosys2024 */
            size_t letters = i;
            while (letters < w && is_alpha(s[letters]))
                letters++;
            size_t digits = w - letters;
            size_t ys, ye, te;
            const awl_venue *v = letters < w && (digits == 2 || digits == 4)
                                     ? awl_venue_lookup(s + i, letters - i)
                                     : NULL;
            if (v && !needs_year(s + i, letters - i) &&
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
        if (matched) {
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

bool awl_venue_entry_line(const awl_doc *doc, size_t line)
{
    const awl_source *src = &doc->source;
    if (doc->line_flags[line] &
        (AWL_LINE_ITEM_MARKER | AWL_LINE_CODE | AWL_LINE_HTML | AWL_LINE_HEADING))
        return false;
    if (doc->line_flags[line] & AWL_LINE_IN_BLOCK)
        return true;
    /* md4c has no paragraph in a tight item: its continuation lines carry
     * no block flag, but text; a blank line ends the entry's lines */
    for (size_t i = src->line_starts[line], end = awl_source_line_end(src, line); i < end; i++)
        if (src->bytes[i] != ' ' && src->bytes[i] != '\t')
            return true;
    return false;
}

size_t awl_venue_scan_entry(const awl_doc *doc, const awl_entry *entry, awl_venue_tag *out,
                            size_t max)
{
    const awl_source *src = &doc->source;
    const awl_block *block = &doc->blocks[entry->block];
    size_t found = 0;
    for (size_t line = entry->line; line <= block->last_line && line < src->line_count; line++) {
        if (line > entry->line && !awl_venue_entry_line(doc, line))
            break;
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
        if (!n)
            continue;
        size_t pick = 0;
        while (pick < n && !found[pick].year)
            pick++;
        if (pick == n)
            pick = 0;
        const awl_venue_tag *tag = &found[pick];
        entry->venue = tag->venue->name;
        entry->venue_text = awl_arena_strndup(
            (awl_arena *)&doc->arena, doc->source.bytes + tag->start, tag->end - tag->start);
        entry->year = tag->year;
    }
    entries->tags = tags.items;
    entries->tag_count = tags.count;
}
