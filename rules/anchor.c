/*
 * anchor: every in-page link `#x` goes somewhere.
 *
 * Targets are the headings' GitHub slugs (doc.c, DESIGN.md), the anchors
 * raw HTML sets explicitly (`<a name=x>`, `id="x"` on any tag), the slugs
 * of raw HTML headings (`<h2>Text</h2>`, which GitHub anchors too), the
 * headings md4c reads as table rows where GitHub ends the table, and the
 * fragments a browser resolves on its own (`#top`; `#readme` for a README,
 * which GitHub shows inside an element of that id). HTML is read from the
 * source outside code blocks, code spans and HTML comments.
 *
 * Links checked: Markdown links (inline and reference) and `<a href="#x">`
 * in raw HTML. A fragment is percent-decoded first, and GitHub's
 * `user-content-` prefix is ignored. When it matches no target:
 *
 *   - it matches one target but for case: a warning, fixed by writing the
 *     target's spelling (`#LLM-Serving` to `#llm-serving`);
 *   - exactly one target lies within a small edit distance (Levenshtein over
 *     case-folded code points; the allowance depends on the length of the
 *     words the two differ in, see typo_allowance) and both spell the same
 *     digits (`#2024` is no typo of `#2023`): an error, fixed by pointing
 *     the link there (`#optimzation` to `#optimization`);
 *   - the link's own text slugs to a heading no other heading repeats
 *     (`[Schedule and Resource Management](#schedule)`): an error, fixed by
 *     pointing the link at the heading it names;
 *   - the fragment begins exactly one target, up to a '-' of it (`#speech`
 *     for "Speech Recognition"): an error with an unsafe fix, since a
 *     shortened name is a weaker clue;
 *   - otherwise an error without a fix.
 * Every fix changes the link's target, so it is declared as a text change
 * (verification then lets the old target go, see linter/fix.c).
 *
 * Cost: targets are hashed (exact and case-folded); the edit-distance search
 * runs only for fragments no lookup resolves, once per distinct fragment,
 * skips targets whose length alone rules them out, and stops at a fixed
 * budget of work per file (past it, broken links get no suggestion).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "html_heading.h"
#include "link_open.h"
#include "rule.h"
#include "strmap.h"

enum {
    MAX_FUZZY_LEN = 128,             /* longer fragments get no suggestion */
    FUZZY_BUDGET = 20 * 1000 * 1000, /* targets looked at + distance-table cells, per file */
    SCAN_LIMIT = 8192,               /* longest tag, code span or HTML heading read */
};

#define AMBIGUOUS ((size_t)-2)

typedef struct anchors {
    awl_arena arena;     /* decoded, folded and slugged copies */
    awl_vec names;       /* const char *: every target once, in order found */
    awl_vec widths;      /* size_t: each name's length in code points */
    awl_vec points;      /* folded_name: each name as typo_target reads it */
    awl_strmap exact;    /* target -> index in names */
    awl_strmap folded;   /* case-folded target -> index, or AMBIGUOUS */
    awl_strmap prefixes; /* folded target up to one of its '-' -> index, or AMBIGUOUS */
    awl_strmap tried;    /* folded fragment -> typo_target's answer */
    long budget;
} anchors;

/* A target's case-folded code points, decoded on typo_target's first look
 * (points NULL until then; count 0 when too long to compare). */
typedef struct folded_name {
    const utf8proc_int32_t *points;
    size_t count;
} folded_name;

/* A `<a href="#...">` of raw HTML: the span of the attribute's value. */
typedef struct html_link {
    size_t start;
    size_t end;
} html_link;

/* awl_lowercase, with ASCII (nearly every anchor) folded without utf8proc. */
static char *fold_case(anchors *a, const char *text, size_t len, size_t *out_len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] >= 0x80)
            return awl_lowercase(&a->arena, text, len, out_len);
    char *out = awl_arena_alloc(&a->arena, len + 1);
    for (size_t i = 0; i < len; i++)
        out[i] = text[i] >= 'A' && text[i] <= 'Z' ? (char)(text[i] - 'A' + 'a') : text[i];
    out[len] = '\0';
    *out_len = len;
    return out;
}

static void add_target(anchors *a, const char *name, size_t len)
{
    if (!len)
        return;
    bool inserted;
    char *copy = awl_arena_strndup(&a->arena, name, len);
    size_t *slot = awl_strmap_upsert(&a->exact, copy, len, &inserted);
    if (!inserted)
        return;
    size_t index = a->names.count;
    *slot = index;
    *(const char **)awl_vec_push(&a->names) = copy;
    size_t width = 0; /* code points: the bytes that do not continue one */
    for (size_t i = 0; i < len; i++)
        width += ((unsigned char)copy[i] & 0xC0) != 0x80;
    *(size_t *)awl_vec_push(&a->widths) = width;
    awl_vec_push(&a->points);
    size_t folded_len;
    char *folded = fold_case(a, copy, len, &folded_len);
    size_t *f = awl_strmap_upsert(&a->folded, folded, folded_len, &inserted);
    if (inserted)
        *f = index;
    else if (*f != index)
        *f = AMBIGUOUS;
    for (size_t i = 1; i < folded_len; i++) {
        if (folded[i] != '-')
            continue;
        size_t *p = awl_strmap_upsert(&a->prefixes, folded, i, &inserted);
        if (inserted)
            *p = index;
        else if (*p != index)
            *p = AMBIGUOUS;
    }
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static bool is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool name_is(const char *s, size_t len, const char *want)
{
    size_t n = strlen(want);
    if (len != n)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != want[i])
            return false;
    }
    return true;
}

/* Adds the slug of a raw HTML heading's text (see html_heading.h). */
static void add_html_heading(anchors *a, const char *s, size_t from, size_t to)
{
    char *slug = awl_html_heading_slug(&a->arena, s, from, to);
    add_target(a, slug, strlen(slug));
}

/* Reads the tag opening at s[at] == '<' (a letter follows). Records its
 * id/name anchors, its href when it is an `<a href="#...">`, and the text
 * of an h1-h6. Returns the offset past the tag, or at + 1 when it is no
 * tag (no closing '>' within reach). */
static size_t read_tag(anchors *a, const char *s, size_t n, size_t at, awl_vec *html_links)
{
    size_t limit = at + SCAN_LIMIT < n ? at + SCAN_LIMIT : n;
    size_t i = at + 1, name_start = i;
    while (i < limit && (is_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
        i++;
    size_t name_len = i - name_start;
    bool is_a = name_is(s + name_start, name_len, "a");
    unsigned heading = 0;
    if (name_len == 2 && (s[name_start] == 'h' || s[name_start] == 'H') &&
        s[name_start + 1] >= '1' && s[name_start + 1] <= '6')
        heading = (unsigned)(s[name_start + 1] - '0');
    /* Attributes are collected first: a tag without its '>' is text. */
    struct {
        size_t name, name_len, value, value_len;
    } attrs[16];
    size_t attr_count = 0;
    for (;;) {
        while (i < limit && is_space(s[i]))
            i++;
        if (i >= limit)
            return at + 1;
        if (s[i] == '>')
            break;
        if (s[i] == '/' && i + 1 < limit && s[i + 1] == '>') {
            i++;
            break;
        }
        size_t attr = i;
        while (i < limit && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '"' &&
               s[i] != '\'' && s[i] != '<' && !(s[i] == '/' && i + 1 < limit && s[i + 1] == '>'))
            i++;
        if (i == attr)
            return at + 1; /* a quote or '<' where a name should be: not a tag */
        size_t attr_len = i - attr, value = 0, value_len = 0;
        size_t j = i;
        while (j < limit && is_space(s[j]))
            j++;
        if (j < limit && s[j] == '=') {
            j++;
            while (j < limit && is_space(s[j]))
                j++;
            if (j >= limit)
                return at + 1;
            if (s[j] == '"' || s[j] == '\'') {
                char quote = s[j++];
                value = j;
                const char *close = memchr(s + j, quote, limit - j);
                if (!close)
                    return at + 1;
                j = (size_t)(close - s);
                value_len = j - value;
                j++;
            } else {
                value = j;
                while (j < limit && !is_space(s[j]) && s[j] != '>' && s[j] != '"' && s[j] != '\'' &&
                       s[j] != '<' && s[j] != '=' && s[j] != '`')
                    j++;
                value_len = j - value;
            }
            i = j;
        }
        if (attr_count < sizeof attrs / sizeof attrs[0]) {
            attrs[attr_count].name = attr;
            attrs[attr_count].name_len = attr_len;
            attrs[attr_count].value = value;
            attrs[attr_count].value_len = value_len;
            attr_count++;
        }
    }
    size_t tag_end = i + 1;
    for (size_t k = 0; k < attr_count; k++) {
        const char *attr = s + attrs[k].name;
        size_t len = attrs[k].name_len;
        if (name_is(attr, len, "id") || name_is(attr, len, "name"))
            add_target(a, s + attrs[k].value, attrs[k].value_len);
        else if (is_a && name_is(attr, len, "href") && attrs[k].value_len > 1 &&
                 s[attrs[k].value] == '#') {
            html_link *l = awl_vec_push(html_links);
            l->start = attrs[k].value;
            l->end = attrs[k].value + attrs[k].value_len;
        }
    }
    if (heading) {
        /* The text up to the matching </hN>. */
        size_t stop = tag_end + SCAN_LIMIT < n ? tag_end + SCAN_LIMIT : n;
        for (size_t j = tag_end; j + 3 < stop; j++)
            if (s[j] == '<' && s[j + 1] == '/' && (s[j + 2] == 'h' || s[j + 2] == 'H') &&
                s[j + 3] == (char)('0' + heading)) {
                add_html_heading(a, s, tag_end, j);
                break;
            }
    }
    return tag_end;
}

/* The offset past the code span opening at s[at] (a run of backticks), or
 * at + run when it has no closing run before a blank line. */
static size_t skip_code_span(const char *s, size_t n, size_t at)
{
    size_t run = 0;
    while (at + run < n && s[at + run] == '`')
        run++;
    size_t limit = at + SCAN_LIMIT < n ? at + SCAN_LIMIT : n;
    size_t i = at + run;
    while (i < limit) {
        if (s[i] == '\n') {
            size_t j = i + 1;
            while (j < limit && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r'))
                j++;
            if (j < limit && s[j] == '\n')
                break; /* a blank line ends the paragraph */
        }
        if (s[i] != '`') {
            i++;
            continue;
        }
        size_t close = 0;
        while (i + close < n && s[i + close] == '`')
            close++;
        if (close == run)
            return i + close;
        i += close;
    }
    return at + run;
}

/* Finds explicit anchors, HTML headings and HTML in-page links in the text
 * outside code blocks, code spans and comments. */
static void scan_html(const awl_doc *doc, anchors *a, awl_vec *html_links)
{
    const awl_source *src = &doc->source;
    const char *s = src->bytes;
    size_t n = src->length, line = 0;
    /* Most bytes are none of \\ ` <: jump to the first of them (memchr
     * scans fast). Where each occurs next is kept until passed, so the
     * file is scanned once for each, not once per line. */
    static const char specials[] = {'<', '`', '\\'};
    size_t next_special[sizeof specials] = {0};
    bool searched[sizeof specials] = {false};
    for (size_t i = 0; i < n;) {
        size_t next = n;
        for (size_t k = 0; k < sizeof specials; k++) {
            if (!searched[k] || next_special[k] < i) {
                const char *hit = memchr(s + i, specials[k], n - i);
                next_special[k] = hit ? (size_t)(hit - s) : n;
                searched[k] = true;
            }
            if (next_special[k] < next)
                next = next_special[k];
        }
        i = next;
        if (i >= n)
            break;
        while (line + 1 < src->line_count && src->line_starts[line + 1] <= i)
            line++;
        uint16_t flags = doc->line_flags[line];
        if (flags & AWL_LINE_CODE) {
            i = awl_source_line_next(src, line);
            if (i <= src->line_starts[line])
                break;
            continue;
        }
        char c = s[i];
        if (c == '\\' && !(flags & AWL_LINE_HTML)) {
            i += 2;
        } else if (c == '`' && !(flags & AWL_LINE_HTML)) {
            i = skip_code_span(s, n, i);
        } else if (c == '<' && i + 3 < n && memcmp(s + i, "<!--", 4) == 0) {
            const char *close = memmem(s + i + 4, n - i - 4, "-->", 3);
            i = close ? (size_t)(close - s) + 3 : n;
        } else if (c == '<' && i + 1 < n && is_alpha(s[i + 1])) {
            i = read_tag(a, s, n, i, html_links);
        } else {
            i++;
        }
    }
}


/* md4c reads on with a table through a line that opens another block,
 * where GitHub ends the table: an ATX heading line right under table rows
 * is a heading on GitHub, and its anchor works there. */
static void add_table_headings(const awl_doc *doc, anchors *a)
{
    const awl_source *src = &doc->source;
    for (size_t line = 0; line < src->line_count; line++) {
        if (!(doc->line_flags[line] & AWL_LINE_TABLE))
            continue;
        size_t start = src->line_starts[line], end = awl_source_line_end(src, line), i = start;
        while (i < end && i - start < 3 && src->bytes[i] == ' ')
            i++;
        size_t hashes = 0;
        while (i + hashes < end && src->bytes[i + hashes] == '#')
            hashes++;
        if (hashes < 1 || hashes > 6 ||
            (i + hashes < end && src->bytes[i + hashes] != ' ' && src->bytes[i + hashes] != '\t'))
            continue;
        awl_doc *heading = awl_doc_parse(src->path, src->bytes + i, end - i);
        for (size_t b = 0; b < heading->block_count; b++)
            if (heading->blocks[b].kind == AWL_BLOCK_HEADING && heading->blocks[b].slug)
                add_target(a, heading->blocks[b].slug, strlen(heading->blocks[b].slug));
        awl_doc_free(heading);
    }
}


/* Case-folded code points of text; returns how many, or 0 when longer
 * than MAX_FUZZY_LEN. */
static size_t code_points(const char *text, size_t len, utf8proc_int32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0) {
            cp = (unsigned char)text[i];
            step = 1;
        }
        i += (size_t)step;
        if (n == MAX_FUZZY_LEN)
            return 0;
        out[n++] = utf8proc_tolower(cp);
    }
    return n;
}

/* Edits a word of `len` code points may hold and still read as a typo of
 * another. Measured on the corpus's broken links: real typos are one or
 * two edits in a long word (`optimzation`), a dropped or doubled separator
 * (`inference-ai` for `inferenceai`), or `_` for `-`; in short words one
 * edit already makes another word (`gnn`, `gcn`; `rust`, `ruby`). */
static size_t typo_allowance(size_t len)
{
    if (len < 5)
        return 0;
    if (len < 9)
        return 1;
    return 2;
}

static bool is_separator(utf8proc_int32_t c)
{
    return c == '-' || c == '_';
}

/* Length of the stretch of `x` that differs from the other string, widened
 * to whole words: [from, to) is the differing middle, past the common
 * prefix and suffix. */
static size_t touched_word(const utf8proc_int32_t *x, size_t xn, size_t from, size_t to)
{
    while (from > 0 && !is_separator(x[from - 1]))
        from--;
    while (to < xn && !is_separator(x[to]))
        to++;
    return to - from;
}

/* The edits allowed between x and y: those of the words they differ in. */
static size_t word_allowance(const utf8proc_int32_t *x, size_t xn, const utf8proc_int32_t *y,
                             size_t yn)
{
    size_t shorter = xn < yn ? xn : yn, prefix = 0, suffix = 0;
    while (prefix < shorter && x[prefix] == y[prefix])
        prefix++;
    while (suffix < shorter - prefix && x[xn - 1 - suffix] == y[yn - 1 - suffix])
        suffix++;
    bool separators_only = true;
    for (size_t i = prefix; i < xn - suffix; i++)
        separators_only = separators_only && is_separator(x[i]);
    for (size_t i = prefix; i < yn - suffix; i++)
        separators_only = separators_only && is_separator(y[i]);
    if (separators_only)
        return 1; /* `awesome-papers-` for `awesome-papers`: a badge's dash */
    size_t wx = touched_word(x, xn, prefix, xn - suffix);
    size_t wy = touched_word(y, yn, prefix, yn - suffix);
    return typo_allowance(wx > wy ? wx : wy);
}

/* Levenshtein distance of a and b when at most `max`, else more than max;
 * counts the cells of a full table against the budget, one row at a time.
 * Only the band of cells within `max` of the diagonal is computed: a cell
 * off it is more than max, and stands in as max + 1, which changes neither
 * a distance within max nor whether a row's best is within it. */
static size_t distance(anchors *a, const utf8proc_int32_t *x, size_t xn, const utf8proc_int32_t *y,
                       size_t yn, size_t max)
{
    size_t rows[2][MAX_FUZZY_LEN + 1];
    size_t *prev = rows[0], *row = rows[1];
    size_t far = max + 1;
    for (size_t j = 0; j <= yn; j++)
        prev[j] = j;
    for (size_t i = 1; i <= xn; i++) {
        size_t lo = i > max ? i - max : 1, hi = i + max < yn ? i + max : yn;
        row[0] = i;
        if (lo > 1)
            row[lo - 1] = far;
        size_t best = row[0];
        for (size_t j = lo; j <= hi; j++) {
            size_t sub = prev[j - 1] + (x[i - 1] != y[j - 1]);
            size_t del = prev[j] + 1, ins = row[j - 1] + 1;
            size_t v = sub < del ? sub : del;
            row[j] = v < ins ? v : ins;
            if (row[j] < best)
                best = row[j];
        }
        if (hi < yn)
            row[hi + 1] = far; /* read by the next row's band */
        a->budget -= (long)yn;
        if (best > max)
            return far;
        size_t *done = prev;
        prev = row;
        row = done;
    }
    return prev[yn];
}

static bool same_digits(const utf8proc_int32_t *x, size_t xn, const utf8proc_int32_t *y, size_t yn)
{
    size_t i = 0, j = 0;
    for (;;) {
        while (i < xn && !(x[i] >= '0' && x[i] <= '9'))
            i++;
        while (j < yn && !(y[j] >= '0' && y[j] <= '9'))
            j++;
        if (i == xn || j == yn)
            return i == xn && j == yn;
        if (x[i++] != y[j++])
            return false;
    }
}

/* The one target within typo distance of the fragment, or AWL_NONE. */
static size_t typo_target(anchors *a, const char *frag, size_t len)
{
    size_t *seen = awl_strmap_get(&a->tried, frag, len);
    if (seen)
        return *seen;
    utf8proc_int32_t x[MAX_FUZZY_LEN];
    size_t xn = code_points(frag, len, x);
    size_t max = 2, found = AWL_NONE, hits = 0; /* the most typo_allowance gives */
    for (size_t k = 0; xn && k < a->names.count && a->budget > 0; k++) {
        const char *name = *(const char **)awl_vec_at(&a->names, k);
        size_t name_len = strlen(name);
        a->budget -= 1 + (long)name_len; /* looking costs too */
        size_t width = *(size_t *)awl_vec_at(&a->widths, k);
        if ((xn > width ? xn - width : width - xn) > max)
            continue; /* lengths alone rule it out */
        folded_name *folded = awl_vec_at(&a->points, k);
        if (!folded->points) {
            /* At most a code point a byte, and MAX_FUZZY_LEN. */
            size_t room = name_len < MAX_FUZZY_LEN ? name_len : MAX_FUZZY_LEN;
            utf8proc_int32_t *points = awl_arena_alloc(&a->arena, (room + 1) * sizeof *points);
            folded->count = code_points(name, name_len, points);
            folded->points = points;
        }
        const utf8proc_int32_t *y = folded->points;
        size_t yn = folded->count;
        if (!yn || (xn > yn ? xn - yn : yn - xn) > max)
            continue;
        size_t allowed = word_allowance(x, xn, y, yn);
        if (!allowed || distance(a, x, xn, y, yn, allowed) > allowed || !same_digits(x, xn, y, yn))
            continue;
        if (hits++ == 0)
            found = k;
    }
    if (a->budget <= 0 || hits != 1)
        found = AWL_NONE;
    char *key = awl_arena_strndup(&a->arena, frag, len);
    *awl_strmap_upsert(&a->tried, key, len, NULL) = found;
    return found;
}

/* True when `target` can be written as a link destination after '#'. */
static bool writable(const char *target)
{
    for (const unsigned char *p = (const unsigned char *)target; *p; p++)
        if (*p <= ' ' || *p == 0x7F || strchr("()<>\\&\"'`[]#", *p))
            return false;
    return true;
}

static bool is_readme(const char *path)
{
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    return strlen(base) >= 6 && name_is(base, 6, "readme");
}

/* The target named by the link's text, when that text slugs to a heading
 * that no other heading repeats (with "Deep Learning" under several
 * languages, the text does not say which one). */
static size_t named_target(anchors *a, const char *text, size_t text_len)
{
    if (!text_len)
        return AWL_NONE;
    const char *slug = awl_slug(&a->arena, text, text_len);
    size_t len = strlen(slug);
    size_t *hit = awl_strmap_get(&a->exact, slug, len);
    if (!hit)
        return AWL_NONE;
    const char *repeat = awl_arena_printf(&a->arena, "%s-1", slug);
    return awl_strmap_get(&a->exact, repeat, len + 2) ? AWL_NONE : *hit;
}

/* The one target the folded fragment begins, up to a '-' of the target
 * (`#schedule` for "Schedule and Resource Management"), or AWL_NONE. */
static size_t prefix_target(anchors *a, const char *folded, size_t len)
{
    size_t *hit = awl_strmap_get(&a->prefixes, folded, len);
    return hit && *hit != AMBIGUOUS ? *hit : AWL_NONE;
}

typedef enum verdict {
    VERDICT_CASE,    /* one target but for case: warning, fixed */
    VERDICT_CASES,   /* several targets but for case */
    VERDICT_HASH_ID, /* an id="#x" meant for it */
    VERDICT_TYPO,    /* one target within typo distance: fixed */
    VERDICT_NAMED,   /* the link text names a heading: fixed */
    VERDICT_PREFIX,  /* the fragment begins one target: unsafe fix */
    VERDICT_NONE,
} verdict;

/* Checks one link: the fragment `raw` (without '#'), its href span
 * (AWL_NONE when not in the buffer), where to report and its text. */
static void check_fragment(awl_check *check, anchors *a, const char *raw, size_t raw_len,
                           size_t href_start, size_t href_end, size_t at, size_t at_end,
                           const char *text, size_t text_len)
{
    size_t len;
    const char *frag = awl_fragment_decode(&a->arena, raw, raw_len, &len);
    if (len > 13 && strncmp(frag, "user-content-", 13) == 0) {
        frag += 13;
        len -= 13;
    }
    if (awl_strmap_get(&a->exact, frag, len))
        return;
    if (name_is(frag, len, "top") ||
        (name_is(frag, len, "readme") && is_readme(check->doc->source.path)))
        return;
    size_t folded_len;
    char *folded = fold_case(a, frag, len, &folded_len);
    size_t *f = awl_strmap_get(&a->folded, folded, folded_len);
    verdict v = VERDICT_NONE;
    size_t target = AWL_NONE;
    if (f) {
        v = *f == AMBIGUOUS ? VERDICT_CASES : VERDICT_CASE;
        target = *f;
    } else if (awl_strmap_get(&a->exact, awl_arena_printf(&a->arena, "#%s", frag), len + 1)) {
        v = VERDICT_HASH_ID;
    } else {
        size_t typo = typo_target(a, folded, folded_len);
        size_t named = named_target(a, text, text_len);
        if (typo != AWL_NONE && (named == AWL_NONE || named == typo)) {
            v = VERDICT_TYPO;
            target = typo;
        } else if (named != AWL_NONE && typo == AWL_NONE) {
            v = VERDICT_NAMED;
            target = named;
        } else if (typo == AWL_NONE &&
                   (target = prefix_target(a, folded, folded_len)) != AWL_NONE) {
            v = VERDICT_PREFIX;
        }
    }
    const char *name = target != AWL_NONE && v != VERDICT_CASES
                           ? *(const char **)awl_vec_at(&a->names, target)
                           : NULL;
    int n = (int)raw_len;
    awl_diag *diag;
    switch (v) {
    case VERDICT_CASE:
        diag =
            awl_emit(check, at, at_end,
                     "in-page link #%.*s differs only in case from the anchor #%s", n, raw, name);
        if (diag->severity > AWL_SEVERITY_WARNING)
            diag->severity = AWL_SEVERITY_WARNING;
        break;
    case VERDICT_CASES:
        diag = awl_emit(check, at, at_end,
                        "in-page link #%.*s matches no anchor; several differ from it only in case",
                        n, raw);
        break;
    case VERDICT_HASH_ID:
        diag = awl_emit(check, at, at_end,
                        "in-page link #%.*s matches no anchor: the HTML anchor meant for it is "
                        "written with a '#' (id=\"#%.*s\"), which an id does not take",
                        n, raw, n, raw);
        break;
    case VERDICT_TYPO:
        diag = awl_emit(check, at, at_end,
                        "in-page link #%.*s matches no heading or anchor; did you mean #%s?", n,
                        raw, name);
        break;
    case VERDICT_NAMED:
        diag = awl_emit(check, at, at_end,
                        "in-page link #%.*s matches no heading or anchor; its text names the "
                        "heading #%s",
                        n, raw, name);
        break;
    case VERDICT_PREFIX:
        diag = awl_emit(check, at, at_end,
                        "in-page link #%.*s matches no heading or anchor; the only one it begins "
                        "is #%s",
                        n, raw, name);
        break;
    default:
        diag =
            awl_emit(check, at, at_end, "in-page link #%.*s matches no heading or anchor", n, raw);
        break;
    }
    if (!name || href_start == AWL_NONE || !writable(name))
        return;
    char *replacement = awl_arena_printf(&a->arena, "#%s", name);
    awl_add_edit(check, diag, href_start, href_end, replacement, strlen(replacement));
    diag->changes_text = true; /* the rendered href changes */
    if (v == VERDICT_PREFIX)
        awl_fix_unsafe(diag); /* a shortened name is a weaker clue than a typo */
}

static void check_anchor(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const char *s = doc->source.bytes;
    anchors a = {0};
    awl_vec_init(&a.names, sizeof(const char *));
    awl_vec_init(&a.widths, sizeof(size_t));
    awl_vec_init(&a.points, sizeof(folded_name));
    awl_strmap_init(&a.exact);
    awl_strmap_init(&a.folded);
    awl_strmap_init(&a.prefixes);
    awl_strmap_init(&a.tried);
    a.budget = FUZZY_BUDGET;
    for (size_t i = 0; i < doc->block_count; i++)
        if (doc->blocks[i].kind == AWL_BLOCK_HEADING && doc->blocks[i].slug)
            add_target(&a, doc->blocks[i].slug, strlen(doc->blocks[i].slug));
    awl_vec html_links;
    awl_vec_init(&html_links, sizeof(html_link));
    scan_html(doc, &a, &html_links);
    add_table_headings(doc, &a);

    /* Markdown links and HTML links, merged in document order. */
    size_t h = 0;
    for (size_t i = 0; i <= doc->link_count; i++) {
        const awl_link *link = i < doc->link_count ? &doc->links[i] : NULL;
        size_t link_at = AWL_NONE;
        if (link) {
            if (link->kind == AWL_LINK_IMAGE || link->href[0] != '#' || link->href[1] == '\0')
                continue;
            bool inline_href =
                link->href_start != AWL_NONE && awl_href_inline(s, link->href_start, NULL);
            link_at = inline_href ? link->href_start
                      : link->text_start != AWL_NONE
                          ? link->text_start
                          : doc->source.line_starts[link->line == AWL_NONE ? 0 : link->line];
        }
        for (; h < html_links.count; h++) {
            const html_link *l = awl_vec_at(&html_links, h);
            if (link && l->start >= link_at)
                break;
            check_fragment(check, &a, s + l->start + 1, l->end - l->start - 1, l->start, l->end,
                           l->start, l->end, NULL, 0);
        }
        if (!link)
            break;
        size_t at_end = link_at == link->href_start                                 ? link->href_end
                        : link->text_end != AWL_NONE && link_at == link->text_start ? link->text_end
                                                                                    : link_at;
        size_t href_start = link->href_start, href_end = link->href_end;
        check_fragment(check, &a, link->href + 1, strlen(link->href + 1), href_start, href_end,
                       link_at, at_end, doc->plain + link->plain_start, link->plain_len);
    }
    awl_vec_free(&html_links);
    awl_vec_free(&a.names);
    awl_vec_free(&a.widths);
    awl_vec_free(&a.points);
    awl_strmap_free(&a.exact);
    awl_strmap_free(&a.folded);
    awl_strmap_free(&a.prefixes);
    awl_strmap_free(&a.tried);
    awl_arena_free(&a.arena);
}

const awl_rule awl_rule_anchor = {
    .id = "anchor",
    .category = "structure",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_SAFE,
    .summary = "In-page links (#anchor) point to a heading or an explicit anchor of the file",
    .explanation = "A link to #something that matches no heading goes nowhere: GitHub scrolls\n"
                   "to the top, and the reader is lost. Anchors are GitHub's heading slugs\n"
                   "(lowercase, punctuation dropped, spaces as -, repeats as -1, -2) and the\n"
                   "names and ids that raw HTML sets. A link that differs from an anchor only\n"
                   "in case is a warning (browsers match ids exactly); the fix writes the\n"
                   "anchor's spelling. A link one or two typos away from exactly one anchor,\n"
                   "or whose text names a heading, is fixed to point there; any other broken\n"
                   "link is reported for a person to decide.\n"
                   "\n"
                   "Bad:\n"
                   "    - [Optimization](#optimzation)\n"
                   "    - [LLM Serving](#LLM-Serving)\n"
                   "Good:\n"
                   "    - [Optimization](#optimization)\n"
                   "    - [LLM Serving](#llm-serving)\n",
    .check = check_anchor,
};
