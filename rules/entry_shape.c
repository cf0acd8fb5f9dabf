/*
 * entry-shape: the entries of a section are written alike.
 *
 * General lists write `- [Name](url) - Description.`: the name as a link, the
 * separator ` - `, a description that starts with a capital letter and ends
 * with punctuation. Paper lists write `- [Title](url)` or a venue-tagged
 * shape, mostly without a description, and are left to the venue rules.
 * Conventions are detected, not imposed: each of the three facets below is
 * judged against the entry's section when the section has enough entries
 * to have a convention of its own (MIN_GROUP), else against the whole
 * file, and only a clear majority (DOMINANT_PERCENT) makes a convention.
 *
 *  - separator: where ` - ` is the convention, `–`, `—`, `--`, `:`, a
 *    missing or doubled space, or no separator at all become ` - `;
 *  - first letter: where descriptions start with a capital, one starting
 *    with a lowercase word gets its capital, but only when that word is a
 *    sentence word (the file starts another description with it
 *    capitalised, or it is an article or similar), never a name such as
 *    `npm` or `sklearn`;
 *  - final punctuation: where descriptions end with `.`, `!` or `?`, one
 *    that does not gets a period after its last word, before the trailing
 *    badges, code-span tags (`MIT`) and parenthesised link groups that
 *    general lists put after the sentence.
 *
 * All three fixes are mechanical and safe; they change the rendered text
 * (a dash, a letter, a period), which they declare. An entry whose text
 * this rule cannot read with certainty (reference links it cannot place,
 * raw HTML, block quotes) is neither counted nor reported.
 *
 * Whatever the kind of list, an entry without a title, only links named
 * for what they are ("[arxiv](...)", "slides: [link](...)"), among a
 * section's titled entries is reported, without a fix: it is mostly a link
 * of the entry above that lost its indentation (seed 002). Other shape
 * differences between a section's entries (a tag first or not, a label
 * first or not) are not reported: on the corpus they were mostly
 * deliberate (links to other lists, group items, prose notes), and venue
 * tags are the venue rules' business.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "byte_scan.h"
#include "rule.h"
#include "strmap.h"

enum {
    MIN_GROUP = 8,         /* counted entries a section needs to be judged on its own */
    DOMINANT_PERCENT = 85, /* share of the convention for it to be one */
    MIN_END_WORDS = 3,     /* a description shorter than this is a label, not a sentence */
    FAMILY_PERCENT = 90,   /* share of titled entries for a titleless one to stand out */
};

typedef enum sep_kind {
    SEP_NONE,  /* no description, or one this rule cannot read */
    SEP_CANON, /* " - " */
    SEP_DASH,  /* another dash, or a dash with other spacing */
    SEP_COLON, /* ":" */
    SEP_SPACE, /* a description right after the link, no separator */
} sep_kind;

typedef enum facet { FACET_SEP, FACET_FIRST, FACET_END, FACETS } facet;

/* What this rule reads from one entry's source. */
typedef struct entry_text {
    size_t item;
    size_t section;
    sep_kind sep;
    size_t sep_start; /* [sep_start, desc_start) becomes " - " */
    size_t desc_start;
    int first;     /* +1 capital, -1 lowercase sentence word, 0 not counted */
    int last;      /* +1 ends with punctuation, -1 does not, 0 not counted */
    size_t end_at; /* where the period goes when last == -1 */
} entry_text;

/* ---- reading inline Markdown from the source ------------------------- */

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static bool is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static bool is_lower(char c)
{
    return c >= 'a' && c <= 'z';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_alnum(char c)
{
    return is_lower(c) || is_upper(c) || (c >= '0' && c <= '9');
}

/* A code span opening at i: offset just past its closing backticks, or
 * AWL_NONE when none closes it before `end`. */
static size_t code_span_end(const char *s, size_t i, size_t end)
{
    size_t n = 0;
    while (i + n < end && s[i + n] == '`')
        n++;
    for (size_t j = i + n; j < end;) {
        if (s[j] != '`') {
            j++;
            continue;
        }
        size_t m = 0;
        while (j + m < end && s[j + m] == '`')
            m++;
        if (m == n)
            return j + m;
        j += m;
    }
    return AWL_NONE;
}

/* A bracket group opening at i ('['): offset past its matching ']'. */
static size_t bracket_end(const char *s, size_t i, size_t end)
{
    size_t depth = 0;
    for (size_t j = i; j < end; j++) {
        /* Past the bytes that matter to nothing here (strcspn scans fast;
         * the source is NUL-terminated). */
        j += strcspn(s + j, "\\`[]");
        if (j >= end)
            break;
        char c = s[j];
        if (c == '\\' && j + 1 < end) {
            j++;
        } else if (c == '`') {
            size_t k = code_span_end(s, j, end);
            if (k == AWL_NONE) {
                while (j + 1 < end && s[j + 1] == '`')
                    j++;
            } else {
                j = k - 1;
            }
        } else if (c == '[') {
            depth++;
        } else if (c == ']' && --depth == 0) {
            return j + 1;
        }
    }
    return AWL_NONE;
}

static size_t skip_ws(const char *s, size_t j, size_t end)
{
    while (j < end && is_ws(s[j]))
        j++;
    return j;
}

/* Whether the eight bytes at s may hold a byte that ends or nests a plain
 * destination, or escapes: white space or a control byte, ( ) \\. */
static bool ends_plain_destination(const char *s)
{
    uint64_t w = awl_load_word((const unsigned char *)s);
    return awl_word_has_below(w, ' ' + 1) || awl_word_has_byte(w, '(') ||
           awl_word_has_byte(w, ')') || awl_word_has_byte(w, '\\');
}

/* An inline destination opening at i ('('): offset past its ')'. */
static size_t destination_end(const char *s, size_t i, size_t end)
{
    size_t j = skip_ws(s, i + 1, end);
    if (j < end && s[j] == '<') {
        while (j < end && s[j] != '>' && s[j] != '\n') {
            if (s[j] == '\\')
                j++;
            j++;
        }
        if (j >= end || s[j] != '>')
            return AWL_NONE;
        j++;
    } else {
        /* Bytes that end or nest a destination, or escape the next. */
        static const bool dest_special[256] = {['\\'] = true, ['('] = true, [')'] = true};
        size_t depth = 0;
        while (j < end) {
            /* Whole words of an address at once, then byte by byte. */
            while (end - j >= AWL_WORD_BYTES && !ends_plain_destination(s + j))
                j += AWL_WORD_BYTES;
            while (j < end && (unsigned char)s[j] > ' ' && !dest_special[(unsigned char)s[j]])
                j++;
            if (j >= end)
                break;
            char c = s[j];
            if (c == '\\' && j + 1 < end) {
                j += 2;
                continue;
            }
            if ((unsigned char)c <= ' ')
                break;
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (!depth)
                    break;
                depth--;
            }
            j++;
        }
    }
    j = skip_ws(s, j, end);
    if (j < end && (s[j] == '"' || s[j] == '\'' || s[j] == '(')) {
        char close = s[j] == '(' ? ')' : s[j];
        for (j++; j < end && s[j] != close; j++)
            if (s[j] == '\\')
                j++;
        if (j >= end)
            return AWL_NONE;
        j = skip_ws(s, j + 1, end);
    }
    return j < end && s[j] == ')' ? j + 1 : AWL_NONE;
}

/* A link or image written `[text](dest)` or `[text][ref]` at i (an
 * optional '!' first): offset past it, or AWL_NONE. */
static size_t link_end(const char *s, size_t i, size_t end)
{
    if (i < end && s[i] == '!')
        i++;
    if (i >= end || s[i] != '[')
        return AWL_NONE;
    size_t j = bracket_end(s, i, end);
    if (j == AWL_NONE || j >= end)
        return AWL_NONE;
    if (s[j] == '(')
        return destination_end(s, j, end);
    if (s[j] == '[') {
        size_t k = bracket_end(s, j, end);
        return k != AWL_NONE && k - j <= 1000 ? k : AWL_NONE;
    }
    return AWL_NONE;
}

/* ---- the entry's own text -------------------------------------------- */

/* Offset just past the item's own first paragraph: before its sub-lists,
 * or AWL_NONE when it has no text of its own on its marker line. */
static size_t own_text_end(const awl_doc *doc, size_t item)
{
    const awl_block *b = &doc->blocks[item];
    size_t last = b->last_line;
    if (item + 1 < doc->block_count && doc->blocks[item + 1].parent == item) {
        const awl_block *child = &doc->blocks[item + 1];
        if (child->kind == AWL_BLOCK_PARAGRAPH)
            return child->first_line == b->first_line ? child->end : AWL_NONE;
        if (child->first_line <= b->first_line)
            return AWL_NONE;
        last = child->first_line - 1;
    }
    return awl_source_line_end(&doc->source, last);
}

static bool in_quote(const awl_doc *doc, size_t block)
{
    for (size_t i = block; i != AWL_NONE; i = doc->blocks[i].parent)
        if (doc->blocks[i].kind == AWL_BLOCK_QUOTE)
            return true;
    return false;
}

/* True when some link of the item has its text or target in [from, to).
 * The item's own links are consecutive from `first_link` (links are in
 * document order, and its text comes before its sub-lists). */
static bool link_within(const awl_doc *doc, size_t first_link, size_t item, size_t from, size_t to)
{
    for (size_t i = first_link; i < doc->link_count; i++) {
        const awl_link *l = &doc->links[i];
        if (l->item != item)
            break;
        if ((l->text_start != AWL_NONE && l->text_start >= from && l->text_start < to) ||
            (l->href_start != AWL_NONE && l->href_start >= from && l->href_start < to))
            return true;
    }
    return false;
}

/* True when the link's text is a badge: an image and nothing else. */
static bool is_badge(const char *s, size_t start, size_t end)
{
    if (s[start] == '!')
        return true;
    size_t j = start + 1;
    return j < end && s[j] == '!' && link_end(s, j, end) != AWL_NONE &&
           bracket_end(s, start, end) == link_end(s, j, end) + 1;
}

static bool is_sentence_end(const char *s, size_t i)
{
    unsigned char c = (unsigned char)s[i];
    if (c == '.' || c == '!' || c == '?')
        return true;
    /* "…" and the CJK full stop, exclamation and question marks */
    return (i >= 2 && memcmp(s + i - 2, "\xE2\x80\xA6", 3) == 0) ||
           (i >= 2 && memcmp(s + i - 2, "\xE3\x80\x82", 3) == 0) ||
           (i >= 2 && memcmp(s + i - 2, "\xEF\xBC\x81", 3) == 0) ||
           (i >= 2 && memcmp(s + i - 2, "\xEF\xBC\x9F", 3) == 0);
}

/* Closing marks that may follow a sentence's last character. */
static bool is_closer(char c)
{
    return c == '*' || c == '_' || c == '~' || c == '"' || c == '\'' || c == ')';
}

typedef enum token_kind { TOK_TEXT, TOK_LINK, TOK_BADGE, TOK_CODE, TOK_TAG } token_kind;
typedef struct token {
    token_kind kind;
    size_t start, end;
} token;

/* Splits the description [from, to) into text runs and inline constructs. */
static bool tokenize(const awl_doc *doc, size_t first_link, size_t item, size_t from, size_t to,
                     awl_vec *out)
{
    /* The bytes that may start something; the rest is text. */
    static const bool may_start[256] = {
        ['\\'] = true, ['`'] = true, ['<'] = true, ['['] = true,
        ['!'] = true,  ['h'] = true, ['w'] = true,
    };
    const char *s = doc->source.bytes;
    out->count = 0;
    size_t text_from = from;
    for (size_t i = from; i < to;) {
        while (i < to && !may_start[(unsigned char)s[i]])
            i++;
        if (i >= to)
            break;
        char c = s[i];
        size_t end = AWL_NONE;
        token_kind kind = TOK_TEXT;
        if (c == '\\') {
            i += 2;
            continue;
        }
        if (c == '`') {
            end = code_span_end(s, i, to);
            kind = TOK_CODE;
            if (end == AWL_NONE) {
                while (i < to && s[i] == '`')
                    i++;
                continue;
            }
        } else if (c == '<') {
            return false; /* raw HTML or an autolink: not read */
        } else if (c == '[' || (c == '!' && i + 1 < to && s[i + 1] == '[')) {
            end = link_end(s, i, to);
            if (end != AWL_NONE && link_within(doc, first_link, item, i, end)) {
                kind = is_badge(s, i, end) ? TOK_BADGE : TOK_LINK;
            } else if (c == '[') {
                end = bracket_end(s, i, to);
                if (end != AWL_NONE && link_within(doc, first_link, item, i, end))
                    return false; /* a link this reader cannot delimit */
                kind = TOK_TAG;
            } else {
                end = AWL_NONE;
            }
        } else if ((c == 'h' || c == 'w') && (i == from || is_ws(s[i - 1]) || s[i - 1] == '(') &&
                   (strncmp(s + i, "http://", 7) == 0 || strncmp(s + i, "https://", 8) == 0 ||
                    strncmp(s + i, "www.", 4) == 0)) {
            end = i;
            while (end < to && !is_ws(s[end]))
                end++;
            kind = TOK_LINK; /* a bare URL */
        }
        if (end == AWL_NONE) {
            i++;
            continue;
        }
        if (text_from < i) {
            token *t = awl_vec_push(out);
            *t = (token){TOK_TEXT, text_from, i};
        }
        token *t = awl_vec_push(out);
        *t = (token){kind, i, end};
        i = text_from = end;
    }
    if (text_from < to) {
        token *t = awl_vec_push(out);
        *t = (token){TOK_TEXT, text_from, to};
    }
    return true;
}

/* Last non-white byte of a text token, or AWL_NONE when it is all white. */
static size_t last_char(const char *s, const token *t)
{
    size_t i = t->end;
    while (i > t->start && is_ws(s[i - 1]))
        i--;
    return i > t->start ? i - 1 : AWL_NONE;
}

/* True when [from, to) holds only white space and the given marks. */
static bool only_marks(const char *s, size_t from, size_t to, const char *marks)
{
    for (size_t i = from; i < to; i++)
        if (!is_ws(s[i]) && !strchr(marks, s[i]))
            return false;
    return true;
}

/* Reads how the description ends (tokens as made by tokenize): sets
 * t->last and t->end_at. The tokens are trimmed in place. */
static void read_end(const awl_doc *doc, awl_vec *tokens_vec, entry_text *t)
{
    const char *s = doc->source.bytes;
    token *tk = tokens_vec->items;
    size_t n = tokens_vec->count;
    /* Drop the trailing extras: badges, code-span tags (`MIT`), [TAGS],
     * emphasis opened before them, and a parenthesised group of links:
     * "Desc. ([Demo](...), [Source](...)) `MIT`". */
    for (;;) {
        while (n && tk[n - 1].kind == TOK_TEXT && last_char(s, &tk[n - 1]) == AWL_NONE)
            n--;
        if (!n)
            return;
        token *last = &tk[n - 1];
        if (last->kind == TOK_BADGE || last->kind == TOK_CODE || last->kind == TOK_TAG) {
            n--;
            continue;
        }
        if (last->kind != TOK_TEXT)
            break;
        size_t c = last_char(s, last);
        /* Emphasis marks after white space open something that was dropped
         * ("APL. **[Deprecated]**"); after a dropped extra they close it. */
        size_t k = c + 1;
        while (k > last->start && (s[k - 1] == '*' || s[k - 1] == '_'))
            k--;
        if (k <= c && (k == last->start || is_ws(s[k - 1]))) {
            last->end = k;
            continue;
        }
        if (s[c] == ')' && only_marks(s, last->start, c, ",")) {
            /* A group "(" links ")": back over the links to the '('. */
            size_t open = n - 1;
            while (open > 0 && (tk[open - 1].kind == TOK_LINK || tk[open - 1].kind == TOK_BADGE ||
                                (tk[open - 1].kind == TOK_TEXT &&
                                 only_marks(s, tk[open - 1].start, tk[open - 1].end, ",|/"))))
                open--;
            if (open > 0 && open < n - 1 && tk[open - 1].kind == TOK_TEXT) {
                token *o = &tk[open - 1];
                size_t oc = last_char(s, o);
                if (oc != AWL_NONE && s[oc] == '(') {
                    o->end = oc;
                    n = open;
                    continue;
                }
            }
        }
        break;
    }
    const token *last = &tk[n - 1];
    if (last->kind == TOK_LINK) {
        /* "Desc. [Source](...)": the sentence ended before the link. */
        if (n >= 2 && tk[n - 2].kind == TOK_TEXT) {
            size_t c = last_char(s, &tk[n - 2]);
            if (c != AWL_NONE && is_sentence_end(s, c))
                t->last = 1;
        }
        return;
    }
    if (last->kind != TOK_TEXT)
        return;
    size_t c = last_char(s, last);
    size_t insert = c + 1;
    while (c > last->start && is_closer(s[c]))
        c--;
    /* Words, for the minimum length of a sentence: counted up to it. */
    size_t words = 0;
    for (size_t k = 0; k < n && words < MIN_END_WORDS; k++) {
        if (tk[k].kind == TOK_LINK) {
            words++;
            continue;
        }
        if (tk[k].kind != TOK_TEXT)
            continue;
        for (size_t i = tk[k].start; i < tk[k].end && words < MIN_END_WORDS; i++)
            if (!is_ws(s[i]) && (i == tk[k].start || is_ws(s[i - 1])))
                words++;
    }
    if (words < MIN_END_WORDS)
        return; /* a label ("OSDI'22", "Free"), not a sentence */
    if (is_sentence_end(s, c)) {
        t->last = 1;
        return;
    }
    if (s[insert - 1] == ')') {
        /* A remark after the sentence: "Task manager. (*Award-winning*)" */
        size_t depth = 0, k = insert;
        while (k > t->desc_start) {
            k--;
            if (s[k] == ')')
                depth++;
            else if (s[k] == '(' && --depth == 0)
                break;
        }
        if (depth == 0 && s[k] == '(') {
            while (k > t->desc_start && is_ws(s[k - 1]))
                k--;
            if (k > t->desc_start && is_sentence_end(s, k - 1)) {
                t->last = 1;
                return;
            }
        }
    }
    if (!(is_alnum(s[c]) || s[c] == ')' || s[c] == '+'))
        return; /* "Tools:", "from scratch -", an emoji: not an end to judge */
    /* A period after a line holding only digits would make it a list item. */
    size_t line_start = insert;
    while (line_start > 0 && s[line_start - 1] != '\n')
        line_start--;
    if (only_marks(s, line_start, insert, "0123456789"))
        return;
    t->last = -1;
    t->end_at = insert;
}

/* The first word of the description, when it is made of letters (and
 * inner hyphens) only and ends at white space or a comma: [from, *end). */
static bool first_word(const char *s, size_t from, size_t to, size_t *end)
{
    size_t i = from;
    while (i < to &&
           (is_lower(s[i]) || is_upper(s[i]) ||
            (s[i] == '-' && i > from && i + 1 < to && (is_lower(s[i + 1]) || is_upper(s[i + 1])))))
        i++;
    if (i == from || (i < to && !is_ws(s[i]) && s[i] != ','))
        return false;
    for (size_t k = from + 1; k < i; k++)
        if (is_upper(s[k]))
            return false; /* iOS, gRPC, ... and acronyms: names */
    *end = i;
    return true;
}

/* Reads the separator and description of an item written
 * `- [Name](url) <separator> <description>`. Returns false when the item
 * is not written so or cannot be read with certainty. */
static bool read_entry(const awl_doc *doc, const awl_entry *e, awl_vec *tokens, entry_text *t)
{
    const char *s = doc->source.bytes;
    const awl_block *item = &doc->blocks[e->block];
    if (item->kind != AWL_BLOCK_ITEM || item->marker_offset == AWL_NONE ||
        e->shape != AWL_SHAPE_LINK_FIRST || e->primary == AWL_NONE || in_quote(doc, e->block))
        return false;
    size_t end = own_text_end(doc, e->block);
    if (end == AWL_NONE)
        return false;
    size_t line_end = awl_source_line_end(&doc->source, item->first_line);
    size_t i = item->marker_offset;
    while (i < line_end && s[i] >= '0' && s[i] <= '9')
        i++;
    i++; /* the bullet, or the '.' / ')' of an ordered marker */
    while (i < line_end && is_space(s[i]))
        i++;
    if (i >= line_end || s[i] != '[')
        return false;
    size_t title_end = link_end(s, i, end);
    const awl_link *primary = &doc->links[e->primary];
    if (title_end == AWL_NONE || primary->text_start == AWL_NONE || primary->text_start <= i ||
        primary->text_start >= title_end || title_end > line_end || is_badge(s, i, title_end))
        return false;
    size_t first_link = e->primary;
    while (first_link > 0 && doc->links[first_link - 1].item == e->block)
        first_link--;

    /* Decorations between the name and the separator: badges, code-span
     * marks (`⚠`), bracketed crate links (`[[name](url)]`). */
    size_t deco_end = title_end;
    for (;;) {
        size_t j = deco_end;
        while (j < line_end && is_space(s[j]))
            j++;
        if (j == deco_end && j < line_end)
            break; /* a decoration is set off by a space */
        size_t k = AWL_NONE;
        if (j < line_end && s[j] == '`')
            k = code_span_end(s, j, line_end);
        else if (j < line_end && (s[j] == '[' || s[j] == '!')) {
            k = link_end(s, j, line_end);
            if (k == AWL_NONE && s[j] == '[') {
                k = bracket_end(s, j, line_end);
                /* A bracket group is a decoration only when it holds a link. */
                if (k != AWL_NONE && !link_within(doc, first_link, e->block, j, k))
                    k = AWL_NONE;
            }
        }
        if (k == AWL_NONE)
            break;
        deco_end = k;
    }
    size_t j = deco_end;
    while (j < line_end && is_space(s[j]))
        j++;
    size_t spaces_before = j - deco_end;
    t->item = e->block;
    t->section = e->section;
    t->sep = SEP_NONE;
    t->first = t->last = 0;
    if (j >= line_end)
        return true; /* no description: `- [Title](url)` */
    size_t sep_end = j;
    if (s[j] == '-') {
        while (sep_end < line_end && s[sep_end] == '-')
            sep_end++;
        if (sep_end - j > 2)
            return true;
        /* "-Word" lacks a space; "->" is an arrow, not a dash. */
        if (sep_end < line_end && !is_space(s[sep_end]) && !is_alnum(s[sep_end]) &&
            (unsigned char)s[sep_end] < 0x80)
            return true;
        t->sep = SEP_DASH;
    } else if (line_end - j >= 3 &&
               (memcmp(s + j, "\xE2\x80\x93", 3) == 0 || memcmp(s + j, "\xE2\x80\x94", 3) == 0)) {
        sep_end = j + 3;
        t->sep = SEP_DASH;
    } else if (s[j] == ':' && j + 1 < line_end && is_space(s[j + 1])) {
        sep_end = j + 1;
        t->sep = SEP_COLON;
    } else if (is_upper(s[j]) && spaces_before) {
        /* A capital after the name starts a description; a lowercase word
         * goes on with a sentence whose subject is the link:
         * "[shiny](...) is the basis for ...". */
        t->sep = SEP_SPACE;
    } else {
        return true; /* `|`, `(`, `,`, an emoji...: not a description separator */
    }
    size_t desc = sep_end;
    while (desc < line_end && is_space(s[desc]))
        desc++;
    if (desc >= line_end) {
        t->sep = SEP_NONE; /* the description, if any, is on the next line */
        return true;
    }
    if (t->sep == SEP_DASH && s[j] == '-' && sep_end - j == 1 && spaces_before == 1 &&
        desc - sep_end == 1)
        t->sep = SEP_CANON;
    if (t->sep == SEP_SPACE) {
        /* A sentence: a word, then a lowercase one ("Drawio is a ...",
         * "Stateful functions ..."); not a venue, year or author list
         * ("NeurIPS 2020", "Yann LeCun, ..."). */
        size_t word_end, next = AWL_NONE;
        if (first_word(s, desc, line_end, &word_end)) {
            next = word_end;
            while (next < line_end && is_space(s[next]))
                next++;
        }
        if (next == AWL_NONE || next == word_end || next >= line_end || !is_lower(s[next])) {
            t->sep = SEP_NONE;
            return true;
        }
    }
    t->sep_start = deco_end;
    t->desc_start = desc;

    if (!tokenize(doc, first_link, e->block, desc, end, tokens))
        return true;
    /* A colon that leads into text holding its own " - " continues the
     * title ("[Orca](...): A Serving System - OSDI'22"): not a separator. */
    if (t->sep == SEP_COLON) {
        const token *tk = tokens->items;
        for (size_t k = 0; k < tokens->count; k++)
            if (tk[k].kind == TOK_TEXT &&
                memmem(s + tk[k].start, tk[k].end - tk[k].start, " - ", 3)) {
                t->sep = SEP_NONE;
                return true;
            }
    }
    size_t word_end;
    if (first_word(s, desc, end, &word_end))
        t->first = is_upper(s[desc]) ? 1 : -1;
    read_end(doc, tokens, t);
    return true;
}

/* ---- entries without a title ------------------------------------------ */

/* True when the entry's own text is only words that name links ("arxiv
 * version (2023): [link](...)", "[slides](...)") and years: no title. */
static bool has_no_title(const awl_doc *doc, const awl_entry *e)
{
    const awl_block *host = &doc->blocks[e->block];
    if (!host->plain_len && e->block + 1 < doc->block_count &&
        doc->blocks[e->block + 1].parent == e->block &&
        doc->blocks[e->block + 1].kind == AWL_BLOCK_PARAGRAPH)
        host = &doc->blocks[e->block + 1];
    const char *text = awl_block_plain(doc, host);
    size_t len = host->plain_len, i = 0;
    while (i < len) {
        /* A word: letters and digits, or any non-ASCII run (other scripts). */
        while (i < len && !is_alnum(text[i]) && (unsigned char)text[i] < 0x80)
            i++;
        size_t start = i;
        while (i < len && (is_alnum(text[i]) || (unsigned char)text[i] >= 0x80))
            i++;
        if (i == start)
            break;
        size_t n = i - start;
        bool year = n == 4 && (text[start] == '1' || text[start] == '2');
        for (size_t k = start; year && k < i; k++)
            year = text[k] >= '0' && text[k] <= '9';
        if (!year && !awl_entry_is_label(text + start, n) &&
            !(n == 7 && strncasecmp(text + start, "version", 7) == 0))
            return false;
    }
    return true;
}

/* An entry that may stand for others: a top-level item without sub-lists
 * (an item holding a list is a group of entries, a nested item a note or
 * link of the entry above). */
static bool is_standalone(const awl_doc *doc, const awl_entry *e)
{
    const awl_block *item = &doc->blocks[e->block];
    if (item->kind != AWL_BLOCK_ITEM)
        return false;
    size_t outer = doc->blocks[item->parent].parent;
    if (outer != AWL_NONE && doc->blocks[outer].kind == AWL_BLOCK_ITEM)
        return false;
    for (size_t b = e->block + 1; b < doc->block_count && doc->blocks[b].depth > item->depth; b++)
        if (doc->blocks[b].parent == e->block && doc->blocks[b].kind == AWL_BLOCK_LIST)
            return false;
    return true;
}

/* ---- conventions ----------------------------------------------------- */

typedef struct counts {
    size_t yes[FACETS];  /* entries following the convention */
    size_t no[FACETS];   /* entries breaking it */
    size_t other_dashes; /* separators of the dash family other than " - " */
} counts;

static void count(counts *c, const entry_text *t)
{
    if (t->sep != SEP_NONE) {
        if (t->sep == SEP_CANON)
            c->yes[FACET_SEP]++;
        else if (t->sep == SEP_DASH)
            c->other_dashes++;
        else
            c->no[FACET_SEP]++;
    }
    if (t->first)
        (t->first > 0 ? c->yes : c->no)[FACET_FIRST]++;
    if (t->last)
        (t->last > 0 ? c->yes : c->no)[FACET_END]++;
}

/* True when the convention holds in the section, or in the file when the
 * section has too few entries to have one. For the separator, the dash
 * family (" - ", "–", "—", "--", "-" with other spacing) must be the
 * convention against colons and missing separators, and " - " the
 * favourite within the family (the canonical form, as the issue asks). */
static bool dominant(const counts *section, const counts *file, facet f)
{
    size_t extra = f == FACET_SEP ? section->other_dashes : 0;
    const counts *c = section->yes[f] + section->no[f] + extra >= MIN_GROUP ? section : file;
    size_t total = c->yes[f] + c->no[f];
    if (f == FACET_SEP) {
        size_t dashes = c->yes[f] + c->other_dashes;
        return dashes + c->no[f] >= MIN_GROUP &&
               dashes * 100 >= (total + c->other_dashes) * DOMINANT_PERCENT &&
               c->yes[f] > c->other_dashes;
    }
    return total >= MIN_GROUP && c->yes[f] * 100 >= total * DOMINANT_PERCENT;
}

/* Words a description may start with that are never names. */
static bool is_function_word(const char *word, size_t len)
{
    static const char *const words[] = {"a",   "an",  "the",  "this", "these", "that", "it",
                                        "its", "for", "with", "and",  "to",    "in",   "on",
                                        "of",  "one", "all",  "your", "our"};
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (strlen(words[i]) == len && memcmp(words[i], word, len) == 0)
            return true;
    return false;
}

static void lower_copy(char *out, const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        out[i] = is_upper(s[i]) ? (char)(s[i] - 'A' + 'a') : s[i];
}

static void check_entry_shape(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_entries *entries = check->entries;
    const char *s = doc->source.bytes;
    entry_text *texts = awl_xcalloc(entries->count + 1, sizeof *texts);
    counts *by_section = awl_xcalloc(doc->section_count + 1, sizeof *by_section);
    counts file = {0};
    awl_vec tokens;
    awl_vec_init(&tokens, sizeof(token));
    /* Capitalised first words of descriptions, lowercased: the words this
     * file itself uses to start a sentence. */
    awl_strmap sentence_words;
    awl_strmap_init(&sentence_words);
    char word[64];
    size_t count_read = 0;
    for (size_t i = 0; i < entries->count; i++) {
        entry_text *t = &texts[count_read];
        if (!read_entry(doc, &entries->items[i], &tokens, t))
            continue;
        count_read++;
        count(&by_section[t->section], t);
        count(&file, t);
        size_t word_end;
        if (t->first > 0 && first_word(s, t->desc_start, doc->source.length, &word_end) &&
            word_end - t->desc_start < sizeof word) {
            lower_copy(word, s + t->desc_start, word_end - t->desc_start);
            awl_strmap_upsert(&sentence_words, word, word_end - t->desc_start, NULL);
        }
    }

    /* Entries without a title, in a section whose entries have one: the
     * links of the entry above ("[arxiv](...)", "slides: [link](...)")
     * that lost their indentation. Judged within sections only: sections
     * of one list legitimately hold different kinds of things. */
    size_t(*titled)[2] = awl_xcalloc(doc->section_count + 1, sizeof *titled);
    unsigned char *kind = awl_xcalloc(entries->count + 1, 1); /* 0 skip, 1 titled, 2 not */
    for (size_t i = 0; i < entries->count; i++) {
        const awl_entry *e = &entries->items[i];
        if (!is_standalone(doc, e))
            continue;
        kind[i] = has_no_title(doc, e) ? 2 : 1;
        titled[e->section][kind[i] - 1]++;
    }
    for (size_t i = 0; i < entries->count; i++) {
        const awl_entry *e = &entries->items[i];
        const size_t *c = titled[e->section];
        /* At least MIN_GROUP titled entries, and the titleless ones one in
         * ten at most (or a single one). */
        if (kind[i] != 2 || c[0] < MIN_GROUP ||
            (c[1] > 1 && c[1] * 100 > (c[0] + c[1]) * (100 - FAMILY_PERCENT)))
            continue;
        const awl_block *item = &doc->blocks[e->block];
        awl_emit(check, item->marker_offset, awl_source_line_end(&doc->source, item->first_line),
                 "entry without a title, only links named for what they are; the other %zu "
                 "entries of this section have titles (a link of the entry above that lost "
                 "its indentation?)",
                 c[0]);
    }
    free(kind);
    free(titled);

    static const char canon[] = " - ";
    for (size_t i = 0; i < count_read; i++) {
        const entry_text *t = &texts[i];
        const counts *sec = &by_section[t->section];
        if (t->sep != SEP_NONE && t->sep != SEP_CANON && dominant(sec, &file, FACET_SEP)) {
            size_t sep_end = t->desc_start;
            while (sep_end > t->sep_start && is_space(s[sep_end - 1]))
                sep_end--;
            size_t sep_from = t->sep_start;
            while (sep_from < sep_end && is_space(s[sep_from]))
                sep_from++;
            awl_diag *diag;
            if (t->sep == SEP_SPACE)
                diag = awl_emit(check, t->sep_start, t->desc_start,
                                "no separator between the name and the description; this "
                                "list writes ' - '");
            else
                diag = awl_emit(check, sep_from, sep_end,
                                "separator '%.*s' between the name and the description; this "
                                "list writes ' - '",
                                (int)(t->desc_start - t->sep_start), s + t->sep_start);
            awl_add_edit(check, diag, t->sep_start, t->desc_start, canon, 3);
            diag->changes_text = true;
        }
        if (t->first < 0 && dominant(sec, &file, FACET_FIRST)) {
            size_t word_end;
            first_word(s, t->desc_start, doc->source.length, &word_end);
            size_t len = word_end - t->desc_start;
            /* "is a library": the sentence lacks its subject, and a capital
             * would not mend it. */
            bool subjectless = (len == 2 && memcmp(s + t->desc_start, "is", 2) == 0) ||
                               (len == 3 && memcmp(s + t->desc_start, "are", 3) == 0);
            bool sentence = !subjectless && is_function_word(s + t->desc_start, len);
            if (!sentence && !subjectless && len < sizeof word) {
                lower_copy(word, s + t->desc_start, len);
                sentence = awl_strmap_get(&sentence_words, word, len) != NULL;
            }
            if (sentence) {
                awl_diag *diag = awl_emit(check, t->desc_start, word_end,
                                          "description starts with a lowercase word; this "
                                          "list's descriptions start with a capital letter");
                char upper = (char)(s[t->desc_start] - 'a' + 'A');
                awl_add_edit(check, diag, t->desc_start, t->desc_start + 1, &upper, 1);
                diag->changes_text = true;
            }
        }
        if (t->last < 0 && dominant(sec, &file, FACET_END)) {
            awl_diag *diag = awl_emit(check, t->end_at - 1, t->end_at,
                                      "description does not end with punctuation; this list's "
                                      "descriptions end with a period");
            awl_add_edit(check, diag, t->end_at, t->end_at, ".", 1);
            diag->changes_text = true;
        }
    }
    awl_strmap_free(&sentence_words);
    awl_vec_free(&tokens);
    free(by_section);
    free(texts);
}

const awl_rule awl_rule_entry_shape = {
    .id = "entry-shape",
    .category = "entry",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary =
        "Entries follow their section's shape: `- [Name](url) - Description.` in general lists",
    .explanation =
        "A list reads best when every entry is written the same way, and\n"
        "contributors copy whatever entry they see first. In a general list the\n"
        "shape is `- [Name](url) - Description.`: the separator ` - ` (not `:`, an\n"
        "en or em dash, or nothing), a description starting with a capital letter\n"
        "and ending with punctuation. The convention is the section's own (or the\n"
        "file's, for small sections): a list whose descriptions carry no period is\n"
        "left alone, and a description starting with a name such as `npm` keeps it.\n"
        "Paper lists, written `- [Title](url)` or with venue tags, are left to the\n"
        "venue rules, but an entry with no title, only links such as `[arxiv](...)`,\n"
        "among titled entries is reported: mostly a link of the entry above that\n"
        "lost its indentation.\n"
        "\n"
        "Bad:\n"
        "    - [Ray](https://github.com/ray-project/ray): a framework for scaling Python\n"
        "Good:\n"
        "    - [Ray](https://github.com/ray-project/ray) - A framework for scaling Python.\n",
    .check = check_entry_shape,
};
