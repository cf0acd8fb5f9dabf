/* doc_split: where a document can be cut for a parse in two parts (see doc_split.h). */
#include "doc_split.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#define MAX_LABELS 64

/* A top-level block that runs over blank lines: what closes it. */
typedef enum open_kind {
    OPEN_NONE,
    OPEN_FENCE,       /* ``` or ~~~ */
    OPEN_HTML_END,    /* an HTML block closed by a line holding `closer` */
} open_kind;

typedef struct scanner {
    const awl_source *src;
    open_kind open;
    char fence_char;
    size_t fence_len;
    const char *closer; /* OPEN_HTML_END: text ending the block (lower case) */
} scanner;

typedef struct label {
    const char *text; /* in the source */
    size_t len;
    size_t first_def, last_def; /* offsets of its definitions */
} label;

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Whether [s, end) starts with `word` (lower case), ASCII case ignored. */
static bool starts_with_ci(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(end - s) >= n && strncasecmp(s, word, n) == 0;
}

/* Whether [s, end) holds `word` (lower case) anywhere, ASCII case ignored. */
static bool contains_ci(const char *s, const char *end, const char *word)
{
    for (; s < end; s++)
        if (starts_with_ci(s, end, word))
            return true;
    return false;
}

/* The first byte after up to three spaces of indentation, or NULL when
 * the line is indented more (or by a tab): then it opens nothing. */
static const char *after_indent(const char *s, const char *end)
{
    size_t spaces = 0;
    while (s < end && *s == ' ' && spaces < 4) {
        s++;
        spaces++;
    }
    if (spaces == 4 || (s < end && *s == '\t'))
        return NULL;
    return s;
}

/* A top-level HTML block that blank lines do not end, starting at s:
 * returns the text that ends it, or NULL. */
static const char *html_closer(const char *s, const char *end)
{
    static const char *const raw[] = {"script", "pre", "style", "textarea"};
    static const char *const raw_end[] = {"</script>", "</pre>", "</style>", "</textarea>"};
    if (s >= end || *s != '<')
        return NULL;
    if (starts_with_ci(s, end, "<!--"))
        return "-->";
    if (starts_with_ci(s, end, "<![cdata["))
        return "]]>";
    if (starts_with_ci(s, end, "<?"))
        return "?>";
    if (end - s >= 3 && s[1] == '!' && ((s[2] >= 'a' && s[2] <= 'z') || (s[2] >= 'A' && s[2] <= 'Z')))
        return ">";
    for (size_t i = 0; i < sizeof raw / sizeof *raw; i++) {
        size_t n = strlen(raw[i]);
        if (starts_with_ci(s + 1, end, raw[i]) &&
            (s + 1 + n == end || s[1 + n] == ' ' || s[1 + n] == '\t' || s[1 + n] == '>'))
            return raw_end[i];
    }
    return NULL;
}

/* Reads line `line`, updating what is open after it. */
static void scan_line(scanner *sc, size_t line)
{
    const char *bytes = sc->src->bytes;
    const char *s = bytes + sc->src->line_starts[line];
    const char *end = bytes + awl_source_line_end(sc->src, line);
    if (sc->open == OPEN_FENCE) {
        const char *at = after_indent(s, end);
        if (!at)
            return;
        size_t n = 0;
        while (at + n < end && at[n] == sc->fence_char)
            n++;
        const char *rest = at + n;
        while (rest < end && (*rest == ' ' || *rest == '\t'))
            rest++;
        if (n >= sc->fence_len && rest == end)
            sc->open = OPEN_NONE;
        return;
    }
    if (sc->open == OPEN_HTML_END) {
        if (contains_ci(s, end, sc->closer))
            sc->open = OPEN_NONE;
        return;
    }
    const char *at = after_indent(s, end);
    if (!at || at == end)
        return;
    if (*at == '`' || *at == '~') {
        size_t n = 0;
        while (at + n < end && at[n] == *at)
            n++;
        if (n >= 3) {
            sc->open = OPEN_FENCE;
            sc->fence_char = *at;
            sc->fence_len = n;
        }
        return;
    }
    const char *closer = html_closer(at, end);
    if (closer && !contains_ci(at + 2, end, closer)) {
        sc->open = OPEN_HTML_END;
        sc->closer = closer;
    }
}

/* Whether line `line` is an ATX heading at column 0. */
static bool heading_line(const awl_source *src, size_t line)
{
    const char *s = src->bytes + src->line_starts[line];
    const char *end = src->bytes + awl_source_line_end(src, line);
    size_t n = 0;
    while (s + n < end && s[n] == '#')
        n++;
    return n >= 1 && n <= 6 && (s + n == end || s[n] == ' ' || s[n] == '\t');
}

/* Records the label of a link reference definition starting line `line`,
 * if the line looks like one (after any indentation, quote markers and
 * list markers): `[label]:`. False when the document is not to be cut: a
 * non-ASCII label, too many labels, or a label over several lines. */
static bool note_definition(const awl_source *src, size_t line, label *labels, size_t *count)
{
    const char *s = src->bytes + src->line_starts[line];
    const char *end = src->bytes + awl_source_line_end(src, line);
    for (;;) { /* containers' markers: `>`, `-`, `*`, `+`, `1.`, `1)` */
        while (s < end && (*s == ' ' || *s == '\t' || *s == '>'))
            s++;
        const char *m = s;
        while (m < end && *m >= '0' && *m <= '9')
            m++;
        if (m < end && ((m > s && (*m == '.' || *m == ')')) ||
                        (m == s && (*m == '-' || *m == '*' || *m == '+'))) &&
            (m + 1 == end || m[1] == ' ' || m[1] == '\t'))
            s = m + 1;
        else
            break;
    }
    if (s >= end || *s != '[')
        return true;
    const char *close = memchr(s, ']', (size_t)(end - s));
    if (!close) {
        /* A bracket going on over the next lines: a definition when its
         * `]` (before a blank line) is followed by ':'. Such a label is
         * not judged here. */
        const char *limit = src->bytes + src->length;
        for (const char *q = end; q < limit && q < end + 4096; q++) {
            if (*q == ']')
                return !(q + 1 < limit && q[1] == ':');
            if (*q == '\n' && q + 1 < limit && (q[1] == '\n' || (q[1] == '\r' && q + 2 < limit && q[2] == '\n')))
                return true;
        }
        return false;
    }
    if (close + 1 >= end || close[1] != ':') {
        /* an escaped or nested bracket before a later "]:": not judged */
        while ((close = memchr(close + 1, ']', (size_t)(end - close - 1))) != NULL)
            if (close + 1 < end && close[1] == ':')
                return false;
        return true;
    }
    const char *text = s + 1;
    size_t len = (size_t)(close - text);
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)text[i] >= 0x80)
            return false; /* Unicode case folding: not judged here */
    while (len && is_space(*text)) {
        text++;
        len--;
    }
    while (len && is_space(text[len - 1]))
        len--;
    if (!len)
        return true;
    size_t at = (size_t)(s - src->bytes);
    for (size_t i = 0; i < *count; i++)
        if (labels[i].len == len && strncasecmp(labels[i].text, text, len) == 0) {
            labels[i].last_def = at;
            return true;
        }
    if (*count == MAX_LABELS)
        return false;
    labels[(*count)++] = (label){text, len, at, at};
    return true;
}

/* Whether the text at p (just after a `[`) is label l and a `]`, as md4c
 * matches labels: ASCII case ignored, runs of white space alike. */
static bool label_at(const char *p, const char *end, const label *l)
{
    while (p < end && is_space(*p))
        p++;
    size_t i = 0;
    while (i < l->len && p < end) {
        if (is_space(l->text[i])) {
            if (!is_space(*p))
                break;
            while (i < l->len && is_space(l->text[i]))
                i++;
            while (p < end && is_space(*p))
                p++;
        } else if (lower(*p) == lower(l->text[i])) {
            i++;
            p++;
        } else {
            break;
        }
    }
    if (i < l->len)
        return false;
    while (p < end && is_space(*p))
        p++;
    return p < end && *p == ']';
}

/* Whether [s, end) uses a label defined on the other side of the cut
 * (`defined_before` tells which labels those are). */
static bool other_side_used(const char *s, const char *end, const label *labels, size_t count,
                            bool defined_before, size_t cut)
{
    bool first[256] = {false}; /* the labels' first letters, both cases */
    for (size_t i = 0; i < count; i++) {
        char c = lower(labels[i].text[0]);
        first[(unsigned char)c] = true;
        if (c >= 'a' && c <= 'z')
            first[(unsigned char)(c - 'a' + 'A')] = true;
    }
    while ((s = memchr(s, '[', (size_t)(end - s))) != NULL) {
        s++;
        const char *p = s;
        while (p < end && is_space(*p))
            p++;
        if (p == end || !first[(unsigned char)*p])
            continue; /* most brackets open no label's name */
        for (size_t i = 0; i < count; i++)
            if ((labels[i].last_def < cut) == defined_before && label_at(s, end, &labels[i]))
                return true;
    }
    return false;
}

/* Whether no label defined on one side of `cut` may be used on the other. */
static bool labels_stay(const awl_source *src, size_t cut, const label *labels, size_t count)
{
    const char *bytes = src->bytes;
    bool any_before = false, any_after = false;
    for (size_t i = 0; i < count; i++) {
        bool before = labels[i].last_def < cut, after = labels[i].first_def >= cut;
        if (!before && !after)
            return false; /* defined on both sides */
        any_before |= before;
        any_after |= after;
    }
    return !(any_before && other_side_used(bytes + cut, bytes + src->length, labels, count, true, cut)) &&
           !(any_after && other_side_used(bytes, bytes + cut, labels, count, false, cut));
}

/* Whether the text holds a carriage return not followed by a line feed:
 * a line break to md4c but not to the line index, where the parser's
 * forward search for a block with no text of its own can run past a cut. */
static bool has_lone_cr(const awl_source *src)
{
    const char *bytes = src->bytes, *end = bytes + src->length;
    for (const char *p = bytes; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
        if (p + 1 == end || p[1] != '\n')
            return true;
    return false;
}

size_t awl_doc_split_point(const awl_source *src, size_t from, size_t to)
{
    if (has_lone_cr(src))
        return 0;
    label labels[MAX_LABELS];
    size_t label_count = 0;
    for (size_t line = 0; line < src->line_count; line++)
        if (!note_definition(src, line, labels, &label_count))
            return 0;
    scanner sc = {src, OPEN_NONE, 0, 0, NULL};
    for (size_t line = 0; line < src->line_count; line++) {
        size_t start = src->line_starts[line];
        if (start > to)
            break;
        if (start >= from && start > 0 && sc.open == OPEN_NONE && heading_line(src, line) &&
            awl_source_line_is_blank(src, line - 1) && labels_stay(src, start, labels, label_count))
            return start;
        scan_line(&sc, line);
    }
    return 0;
}
