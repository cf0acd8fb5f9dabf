/*
 * toc: a list with more than a few sections has a table of contents, and
 * the table lists the headings it covers, in document order.
 *
 * The table of contents is the one bullet list whose links all go to
 * in-page anchors (`#x`, `./#x`). Its entries are matched to headings by
 * anchor: the heading's GitHub slug (in any letter case: a case-only
 * difference is the anchor rule's warning, not a stale table), or an
 * explicit `<a name=...>`/`id=...` placed at a heading. An entry whose
 * anchor resolves nowhere is matched by its text (the heading's own text,
 * a mechanical repair), then by a near-miss of its anchor (one typo), then
 * by weaker guesses (the anchor is the start of the slug, the text is part
 * of the heading); guesses make the fix unsafe. Numbers never count as
 * typos (#2025 is not #2021). Only headings between the entries' resolved
 * neighbours are candidates, and a work budget bounds the rest, which keeps
 * the matching linear. An anchor that resolves to something awelint cannot
 * see as a heading (the top of the page, a bare explicit anchor, a `#` line
 * md4c reads as a table row but GitHub as a heading) is no problem, but
 * makes the table one the fix leaves alone.
 *
 * Which headings the table must list is read from the table itself, never
 * imposed: the levels it covers start at the highest level it lists after
 * itself, and a sub-heading is expected only when the table already lists a
 * sibling of it (the table "expands" that parent). Headings before the
 * table are optional, as are meta sections (Contributing, License, Star
 * History, ...), and the siblings after a last listed entry whose text is
 * not its heading's ("Earlier" for 2016, "2022-2015" for 2022: it sums
 * them up). `toc: {min-level, max-level}` in the config pins the levels
 * instead.
 *
 * The fix regenerates the list in place: every listed heading and every
 * expected one, in document order, each line with the marker, indentation
 * and spacing the table used at its depth. Existing lines keep their
 * nesting (less a level for each dropped entry above them) and their bytes
 * (text, emoji and counts are the author's), with only a broken anchor
 * replaced; new lines go one level below their nearest listed ancestor (a
 * flat table stays flat) and read `[heading text](#slug)`. No line may sit
 * more than one level below the line before it. Dead entries and repeated
 * ones go. Tables whose items span several lines, hold several links or
 * other blocks, sit in a container or use numbers are reported without a
 * fix. The fix changes what the table says, so it is declared a text
 * change for verification.
 *
 * Tables of contents in HTML, in a table, in a paragraph, or split over
 * several lists are left alone, with an info finding that says so.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "html_heading.h"
#include "rule.h"
#include "strmap.h"

/* How an entry of the table found its heading. */
typedef enum match_kind {
    MATCH_NONE,      /* not decided yet */
    MATCH_EXACT,     /* the anchor is the heading's slug */
    MATCH_CASE,      /* the slug in another letter case (works on GitHub) */
    MATCH_EXPLICIT,  /* an explicit anchor at the heading */
    MATCH_TEXT,      /* broken anchor; the entry's text is the heading's */
    MATCH_TYPO,      /* broken anchor within a small edit distance of the slug */
    MATCH_GUESS,     /* broken anchor; prefix of the slug or text inside the heading */
    MATCH_DEAD,      /* broken anchor, no heading found */
    MATCH_TWICE,     /* a heading listed by an earlier entry already */
    MATCH_ELSEWHERE, /* resolves, but to no heading awelint sees (top of page, a
                      * bare anchor, a heading md4c reads as table text) */
    MATCH_OUTSIDE,   /* a heading outside the levels pinned in the config */
} match_kind;

typedef struct head {
    size_t block;
    size_t parent; /* index of the enclosing section's heading, or AWL_NONE */
    unsigned level;
    const char *slug;
    const char *slug_trimmed; /* without '-' at its ends */
    const char *text;
    size_t entry;   /* the entry that lists it, or AWL_NONE */
    bool after_toc; /* starts after the table's list */
    bool meta;      /* Contributing, License, ... */
    bool expanded;  /* a child heading of it is listed */
    bool required;  /* the table must list it */
    bool keep;      /* in the regenerated table */
    int depth;      /* nesting in the regenerated table */
} head;

typedef struct entry {
    size_t item;    /* the list item holding the link */
    size_t link;    /* an in-page link of the table */
    unsigned depth; /* the item's list nesting below the table's outer list */
    size_t head;    /* the heading it lists, or AWL_NONE */
    match_kind match;
    const char *fragment; /* the anchor, percent-decoded, without '#' */
    const char *fragment_lower;
    const char *text_slug; /* slug of the link text, without '-' at its ends */
    unsigned new_depth;    /* its depth in the regenerated table */
} entry;

/* A bullet style for one depth of the table. */
typedef struct depth_style {
    bool known;
    size_t indent; /* spaces before the marker */
    char marker;
    size_t spacing; /* spaces after the marker */
} depth_style;

/* The fragment of an in-page link (`#x` or `./#x`), or NULL. */
static const char *in_page_fragment(const char *href)
{
    if (href[0] == '#')
        return href + 1;
    if (href[0] == '.' && href[1] == '/' && href[2] == '#')
        return href + 3;
    return NULL;
}




/* True when the heading names a section about the list rather than in it. */
static bool is_meta_heading(const char *text)
{
    static const char *const stems[] = {"contribut",        "licen",     "acknowledg",   "sponsor",
                                        "contact",          "footnote",  "star history", "citation",
                                        "how to contribut", "stargazers"};
    /* The first word that starts with a letter decides: "🎉 Contribute". */
    const char *p = text;
    while (*p && !((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        p++;
    for (size_t i = 0; i < sizeof stems / sizeof stems[0]; i++)
        if (strncasecmp(p, stems[i], strlen(stems[i])) == 0)
            return true;
    return false;
}

/* ---- explicit anchors ------------------------------------------------ */

/* Records `<tag id="x">` and `<a name="x">` anchors outside code: each maps
 * (lowercased) to the heading it marks, AWL_NONE when it marks none. The
 * anchor marks the heading on its own line, else the heading on the next
 * non-blank line, else the heading of the section it sits in. */
static void collect_explicit_anchors(const awl_doc *doc, const size_t *head_of_line,
                                     const size_t *section_head, awl_arena *arena,
                                     awl_strmap *anchors, awl_strmap *hidden)
{
    const awl_source *src = &doc->source;
    const char *s = src->bytes;
    /* The file's next '<' at or after the line, searched again only once
     * passed: most lines hold none, and need no search of their own. */
    const char *next_lt = NULL;
    for (size_t line = 0; line < src->line_count; line++) {
        if (doc->line_flags[line] & AWL_LINE_CODE)
            continue;
        size_t start = src->line_starts[line];
        if (!next_lt || (size_t)(next_lt - s) < start) {
            next_lt = memchr(s + start, '<', src->length - start);
            if (!next_lt)
                break;
        }
        size_t end = awl_source_line_end(src, line);
        if ((size_t)(next_lt - s) >= end)
            continue;
        const char *lt = next_lt;
        while (lt) {
            size_t i = (size_t)(lt - s) + 1;
            if (i >= end || !((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z'))) {
                lt = i < end ? memchr(s + i, '<', end - i) : NULL;
                continue;
            }
            /* A raw HTML heading is anchored by GitHub like a Markdown one:
             * links to it work, though it is no heading this rule can list. */
            size_t text_start, text_end = awl_html_heading_at(s, src->length, (size_t)(lt - s),
                                                              8192, &text_start);
            if (text_end != AWL_NONE) {
                const char *slug = awl_html_heading_slug(arena, s, text_start, text_end);
                awl_strmap_upsert(hidden, slug, strlen(slug), NULL);
            }
            while (i < end && s[i] != ' ' && s[i] != '\t' && s[i] != '>')
                i++;
            /* Attributes up to '>' (on this line). */
            while (i < end && s[i] != '>' && s[i] != '<') {
                while (i < end && (s[i] == ' ' || s[i] == '\t'))
                    i++;
                size_t name = i;
                while (i < end && s[i] != '=' && s[i] != ' ' && s[i] != '\t' && s[i] != '>' &&
                       s[i] != '<')
                    i++;
                size_t name_len = i - name;
                if (i >= end || s[i] != '=') {
                    if (i == name)
                        i++;
                    continue;
                }
                i++;
                size_t value = i, value_end;
                if (i < end && (s[i] == '"' || s[i] == '\'')) {
                    char quote = s[i];
                    value = ++i;
                    const char *close = memchr(s + i, quote, end - i);
                    i = close ? (size_t)(close - s) : end;
                    value_end = i;
                    if (i < end)
                        i++;
                } else {
                    while (i < end && s[i] != ' ' && s[i] != '\t' && s[i] != '>')
                        i++;
                    value_end = i;
                }
                bool anchor = (name_len == 2 && strncasecmp(s + name, "id", 2) == 0) ||
                              (name_len == 4 && strncasecmp(s + name, "name", 4) == 0);
                if (!anchor || value_end == value)
                    continue;
                size_t heading = head_of_line[line];
                if (heading == AWL_NONE) {
                    size_t next = line + 1;
                    while (next < src->line_count &&
                           awl_source_line_end(src, next) == src->line_starts[next])
                        next++;
                    heading = next < src->line_count ? head_of_line[next] : AWL_NONE;
                }
                if (heading == AWL_NONE)
                    heading = section_head[awl_doc_section_at(doc, src->line_starts[line])];
                const char *key = awl_lowercase(arena, s + value, value_end - value, NULL);
                bool inserted;
                size_t *slot = awl_strmap_upsert(anchors, key, strlen(key), &inserted);
                if (inserted)
                    *slot = heading;
            }
            lt = i < end ? memchr(s + i, '<', end - i) : NULL;
        }
    }
}

/* ---- unusual tables of contents --------------------------------------- */

/* Occurrences of an in-page href attribute in [start, end). */
static size_t html_anchor_hrefs(const char *s, size_t start, size_t end)
{
    size_t count = 0;
    if (end < start + 7)
        return 0;
    /* Find each '=' (memchr scans fast), then look back for "href". */
    for (size_t eq = start + 4; eq + 2 < end; eq++) {
        const char *hit = memchr(s + eq, '=', end - 2 - eq);
        if (!hit)
            break;
        eq = (size_t)(hit - s);
        if (strncasecmp(s + eq - 4, "href", 4) != 0)
            continue;
        size_t v = eq + 1;
        if (s[v] == '"' || s[v] == '\'')
            v++;
        if (s[v] == '#')
            count++;
    }
    return count;
}

/* ---- fuzzy matching of broken anchors -------------------------------- */

/* Levenshtein distance of a and b, or limit + 1 when above limit. */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if ((n > m ? n - m : m - n) > limit || m > 256)
        return limit + 1;
    size_t row[257];
    for (size_t j = 0; j <= m; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0], best = i;
        row[0] = i;
        for (size_t j = 1; j <= m; j++) {
            size_t up = row[j];
            size_t cost = diag + (a[i - 1] != b[j - 1]);
            size_t v = up + 1 < row[j - 1] + 1 ? up + 1 : row[j - 1] + 1;
            row[j] = cost < v ? cost : v;
            diag = up;
            if (row[j] < best)
                best = row[j];
        }
        if (best > limit)
            return limit + 1;
    }
    return row[m];
}

/* The slug without a de-duplication suffix is what a text can match. */
static bool slug_base_equal(const char *slug, const char *text_slug)
{
    size_t n = strlen(text_slug);
    if (strncmp(slug, text_slug, n) != 0)
        return false;
    if (slug[n] == '\0')
        return true;
    if (slug[n] != '-' || !slug[n + 1])
        return false;
    for (const char *p = slug + n + 1; *p; p++)
        if (*p < '0' || *p > '9')
            return false;
    return true;
}

/* Trims '-' from both ends of a slug-like key (emoji and punctuation at a
 * heading's edges leave them). */
static const char *trim_dashes(awl_arena *arena, const char *text)
{
    size_t len = strlen(text);
    while (*text == '-') {
        text++;
        len--;
    }
    while (len && text[len - 1] == '-')
        len--;
    return awl_arena_strndup(arena, text, len);
}

/* Work budget for the guesses, so that a table of thousands of broken
 * entries costs linear time at worst. */
enum { FUZZY_BUDGET = 400000 };

/* A way to recognise the heading a broken entry meant. */
typedef bool (*match_test)(const head *h, const entry *e);

/* The entry's text is the heading's text. */
static bool test_text(const head *h, const entry *e)
{
    return e->text_slug[0] &&
           (slug_base_equal(h->slug, e->text_slug) || strcmp(h->slug_trimmed, e->text_slug) == 0);
}

/* True when a and b hold the same digits in the same order: numbers in
 * anchors are years and section numbers, never typos. */
static bool same_digits(const char *a, const char *b)
{
    for (;;) {
        while (*a && (*a < '0' || *a > '9'))
            a++;
        while (*b && (*b < '0' || *b > '9'))
            b++;
        if (*a != *b)
            return false;
        if (!*a)
            return true;
        a++;
        b++;
    }
}

/* The anchor is one typo (two in a long one) away from the slug. */
static bool test_typo(const head *h, const entry *e)
{
    size_t len = strlen(e->fragment_lower);
    if (len < 4 || !same_digits(e->fragment_lower, h->slug))
        return false;
    size_t limit = len >= 12 ? 2 : 1;
    return edit_distance(e->fragment_lower, h->slug, limit) <= limit;
}

/* Weaker: the anchor is the slug's first words (`#schedule` for
 * `schedule-and-resource-management`), or one of text and heading holds
 * the other ("KV Cache Compression" for "LLM KV Cache Compression"). */
static bool test_guess(const head *h, const entry *e)
{
    size_t flen = strlen(e->fragment_lower), tlen = strlen(e->text_slug);
    if (flen >= 4 && strncmp(h->slug, e->fragment_lower, flen) == 0 && h->slug[flen] == '-')
        return true;
    if (tlen >= 6 && strstr(h->slug_trimmed, e->text_slug))
        return true;
    return strlen(h->slug_trimmed) >= 6 && tlen && strstr(e->text_slug, h->slug_trimmed);
}

/* The one heading in heads[from, to) not listed yet that `test` accepts;
 * AWL_NONE when none or several do (or the budget is spent). */
static size_t unique_match(const head *heads, size_t from, size_t to, const entry *e,
                           match_test test, size_t *budget)
{
    size_t found = AWL_NONE;
    for (size_t h = from; h < to; h++) {
        if (heads[h].entry != AWL_NONE || !heads[h].slug[0])
            continue;
        if (*budget == 0)
            return AWL_NONE;
        (*budget)--;
        if (!test(&heads[h], e))
            continue;
        if (found != AWL_NONE)
            return AWL_NONE; /* ambiguous */
        found = h;
    }
    return found;
}

/* ---- reporting --------------------------------------------------------- */

/* Appends up to three quoted names and "and N more". */
typedef struct name_list {
    awl_buf text;
    size_t count;
} name_list;

static void name_add(name_list *list, const char *name)
{
    if (list->count < 3) {
        if (list->count)
            awl_buf_puts(&list->text, ", ");
        awl_buf_puts(&list->text, name);
    }
    list->count++;
}

static void name_finish(name_list *list)
{
    if (list->count > 3)
        awl_buf_printf(&list->text, " and %zu more", list->count - 3);
}

/* ---- regeneration ------------------------------------------------------ */

/* Backslash-escapes what would be Markdown inside link text. */
static void append_escaped(awl_buf *out, const char *text)
{
    for (const char *p = text; *p; p++) {
        if (*p == '\n') {
            awl_buf_putc(out, ' ');
            continue;
        }
        if (strchr("\\[]*_`<>&~!|$", *p))
            awl_buf_putc(out, '\\');
        awl_buf_putc(out, *p);
    }
}

/* Fills unseen depths from the ones seen: the step between the last two
 * known indents, or the parent's content column; false when a depth's
 * indentation would not nest under its parent. */
static bool complete_styles(depth_style *styles, unsigned max_depth)
{
    if (!styles[0].known)
        return false;
    if (styles[0].indent > 3)
        return false;
    for (unsigned d = 1; d <= max_depth; d++) {
        depth_style *parent = &styles[d - 1], *s = &styles[d];
        size_t content = parent->indent + 1 + parent->spacing;
        if (!s->known) {
            s->known = true;
            s->marker = parent->marker;
            s->spacing = parent->spacing;
            s->indent = d >= 2 && styles[d - 2].known && parent->indent > styles[d - 2].indent
                            ? parent->indent + (parent->indent - styles[d - 2].indent)
                            : content;
        }
        if (s->indent < content || s->indent > content + 3)
            return false;
    }
    return true;
}

/* ---- the check --------------------------------------------------------- */

typedef struct toc_state {
    awl_check *check;
    const awl_doc *doc;
    const awl_config *config;
    awl_arena arena;
    head *heads;
    size_t head_count;
    size_t *section_head;  /* section index -> heading index; AWL_NONE for the preamble */
    size_t *head_of_line;  /* line -> heading index; AWL_NONE off heading lines */
    awl_strmap slugs;      /* slug -> heading index */
    awl_strmap anchors;    /* explicit anchor (lowercase) -> heading index or AWL_NONE */
    awl_strmap hidden;     /* slugs GitHub anchors but md4c shows no heading for: `#` lines
                              md4c reads as table rows, raw HTML headings */
    size_t toc;            /* block index of the table's outer list */
    size_t toc_end;        /* first block after it */
    size_t *entry_of_item; /* (item - toc) -> its first entry, AWL_NONE when it has none */
    entry *entries;
    size_t entry_count;
    const char *unfixable; /* why the list cannot be regenerated, or NULL */
    bool unsafe;           /* a guess repaired an anchor */
} toc_state;

static void not_fixable(toc_state *st, const char *why)
{
    if (!st->unfixable)
        st->unfixable = why;
}

/* Headings, their hierarchy and slugs; explicit anchors; and the `#` lines
 * md4c keeps inside a table (GitHub ends the table there and shows a
 * heading, so links to them work). */
static void collect_headings(toc_state *st)
{
    const awl_doc *doc = st->doc;
    const awl_source *src = &doc->source;
    st->head_count = doc->section_count ? doc->section_count - 1 : 0;
    st->heads = awl_xcalloc(st->head_count + 1, sizeof *st->heads);
    st->section_head = awl_xcalloc(doc->section_count + 1, sizeof *st->section_head);
    st->head_of_line = awl_xmalloc((src->line_count + 1) * sizeof *st->head_of_line);
    for (size_t l = 0; l < src->line_count; l++)
        st->head_of_line[l] = AWL_NONE;
    st->section_head[0] = AWL_NONE;
    for (size_t sec = 1; sec < doc->section_count; sec++) {
        size_t h = sec - 1;
        const awl_block *b = &doc->blocks[doc->sections[sec].heading];
        head *hd = &st->heads[h];
        hd->block = doc->sections[sec].heading;
        size_t parent = doc->sections[sec].parent;
        hd->parent = parent == AWL_NONE || parent == 0 ? AWL_NONE : parent - 1;
        hd->level = b->level;
        hd->slug = b->slug ? b->slug : "";
        hd->slug_trimmed = trim_dashes(&st->arena, hd->slug);
        hd->text = b->text ? b->text : "";
        hd->entry = AWL_NONE;
        hd->meta = is_meta_heading(hd->text);
        st->section_head[sec] = h;
        for (size_t l = b->first_line; l <= b->last_line; l++)
            st->head_of_line[l] = h;
        if (hd->slug[0])
            *awl_strmap_upsert(&st->slugs, hd->slug, strlen(hd->slug), NULL) = h;
    }
    collect_explicit_anchors(doc, st->head_of_line, st->section_head, &st->arena, &st->anchors,
                             &st->hidden);

    const char *s = src->bytes;
    for (size_t line = 0; line < src->line_count; line++) {
        if ((doc->line_flags[line] & (AWL_LINE_TABLE | AWL_LINE_CODE)) != AWL_LINE_TABLE)
            continue;
        size_t i = src->line_starts[line], end = awl_source_line_end(src, line);
        for (size_t k = 0; k < 3 && i < end && s[i] == ' '; k++)
            i++;
        size_t hashes = 0;
        while (i < end && s[i] == '#' && hashes < 7) {
            i++;
            hashes++;
        }
        if (hashes == 0 || hashes > 6 || (i < end && s[i] != ' ' && s[i] != '\t'))
            continue;
        while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        size_t close = end;
        while (close > i && s[close - 1] == '#')
            close--;
        if (close < end && (close == i || s[close - 1] == ' ' || s[close - 1] == '\t'))
            end = close;
        while (i < end && (s[i] == ' ' || s[i] == '\t'))
            i++;
        while (end > i && (s[end - 1] == ' ' || s[end - 1] == '\t'))
            end--;
        const char *slug = awl_slug(&st->arena, s + i, end - i);
        if (slug[0])
            awl_strmap_upsert(&st->hidden, slug, strlen(slug), NULL);
    }
}

/* Counts the sections a table of contents would list by default: non-meta
 * headings of the configured levels. Returns the first of them in *first. */
static size_t content_sections(const toc_state *st, size_t *first)
{
    size_t n = 0;
    *first = AWL_NONE;
    for (size_t h = 0; h < st->head_count; h++) {
        const head *hd = &st->heads[h];
        if (hd->level < st->config->toc_min_level || hd->level > st->config->toc_max_level ||
            !hd->slug[0] || hd->meta)
            continue;
        if (*first == AWL_NONE)
            *first = h;
        n++;
    }
    return n;
}

/* What find_tables found. */
typedef struct toc_search {
    size_t list;    /* the first bullet list of in-page links, or AWL_NONE */
    size_t lists;   /* how many such lists */
    size_t unusual; /* tables, paragraphs and HTML blocks of in-page links */
    size_t first_unusual;
    const char *unusual_kind;
} toc_search;

/* True when the paragraph's text outside its links holds a word of four
 * letters or more: "Related: [A](#a), [B](#b), [C](#c)" is a sentence with
 * links, "I. [A](#a) II. [B](#b) III. [C](#c)" a table of contents. */
static bool has_words_outside_links(const awl_doc *doc, size_t block, const size_t *links,
                                    size_t count)
{
    const awl_block *b = &doc->blocks[block];
    size_t run = 0, k = 0;
    for (size_t i = b->plain_start; i < b->plain_start + b->plain_len; i++) {
        while (k < count && doc->links[links[k]].plain_start + doc->links[links[k]].plain_len <= i)
            k++;
        if (k < count && doc->links[links[k]].plain_start <= i) {
            run = 0;
            continue;
        }
        char c = doc->plain[i];
        run = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ? run + 1 : 0;
        if (run >= 4)
            return true;
    }
    return false;
}

/* True when the block directly follows a heading that names a table of
 * contents ("Contents", "Table of Contents", "TOC"). */
static bool follows_contents_heading(const awl_doc *doc, size_t block)
{
    size_t prev = block - 1; /* the previous sibling, or a heading's text child */
    while (prev > 0 && doc->blocks[prev].depth > doc->blocks[block].depth)
        prev--;
    const awl_block *h = &doc->blocks[prev];
    if (prev == 0 || h->kind != AWL_BLOCK_HEADING || !h->text)
        return false;
    return strcasestr(h->text, "content") || strcasecmp(h->text, "toc") == 0;
}

/* Tables of contents: outermost lists whose links all go in-page (badge
 * images aside) with at least two of them, or one under a Contents
 * heading; unusual ones: a table of at
 * least three in-page links and no other, a paragraph of them with no
 * words between them, an HTML block with at least three in-page hrefs. */
static void find_tables(const awl_doc *doc, toc_search *out)
{
    const char *s = doc->source.bytes;
    size_t *outer = awl_xmalloc(doc->block_count * sizeof *outer); /* all written below */
    size_t *anchor_links = awl_xcalloc(doc->block_count, sizeof *anchor_links);
    size_t *other_links = awl_xcalloc(doc->block_count, sizeof *other_links);
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        outer[i] = i == 0 ? AWL_NONE : outer[b->parent];
        if (outer[i] == AWL_NONE && b->kind == AWL_BLOCK_LIST)
            outer[i] = i;
    }
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->kind == AWL_LINK_IMAGE || link->block == AWL_NONE)
            continue;
        size_t owner = outer[link->block];
        if (owner == AWL_NONE)
            owner = link->row != AWL_NONE ? doc->blocks[link->row].parent : link->block;
        if (in_page_fragment(link->href))
            anchor_links[owner]++;
        else
            other_links[owner]++;
    }
    /* The links of each block, grouped (a counting sort by block). */
    size_t *link_start = awl_xcalloc(doc->block_count + 1, sizeof *link_start);
    size_t *by_block = awl_xmalloc((doc->link_count + 1) * sizeof *by_block); /* read where filled */
    for (size_t i = 0; i < doc->link_count; i++)
        if (doc->links[i].block != AWL_NONE)
            link_start[doc->links[i].block + 1]++;
    for (size_t i = 0; i < doc->block_count; i++)
        link_start[i + 1] += link_start[i];
    size_t *fill = awl_xcalloc(doc->block_count + 1, sizeof *fill);
    for (size_t i = 0; i < doc->link_count; i++) {
        size_t b = doc->links[i].block;
        if (b != AWL_NONE)
            by_block[link_start[b] + fill[b]++] = i;
    }
    free(fill);
    memset(out, 0, sizeof *out);
    out->list = out->first_unusual = AWL_NONE;
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind == AWL_BLOCK_LIST && outer[i] == i && !other_links[i] &&
            (anchor_links[i] >= 2 || (anchor_links[i] == 1 && follows_contents_heading(doc, i)))) {
            if (!out->lists++)
                out->list = i;
            continue;
        }
        const char *kind = NULL;
        if (b->kind == AWL_BLOCK_TABLE && anchor_links[i] >= 3 && !other_links[i])
            kind = "in a table";
        else if (b->kind == AWL_BLOCK_PARAGRAPH && outer[i] == AWL_NONE && anchor_links[i] >= 3 &&
                 !other_links[i] &&
                 !has_words_outside_links(doc, i, by_block + link_start[i],
                                          link_start[i + 1] - link_start[i]))
            kind = "in a paragraph";
        else if (b->kind == AWL_BLOCK_HTML && html_anchor_hrefs(s, b->start, b->end) >= 3)
            kind = "in HTML";
        if (kind && !out->unusual++) {
            out->first_unusual = i;
            out->unusual_kind = kind;
        }
    }
    free(link_start);
    free(by_block);
    free(outer);
    free(anchor_links);
    free(other_links);
}

/* The entries: every in-page link of the table's items, in order. Notes
 * what keeps the list from being regenerated line by line. */
static void collect_entries(toc_state *st)
{
    const awl_doc *doc = st->doc;
    const awl_block *list = &doc->blocks[st->toc];
    size_t end = st->toc + 1;
    while (end < doc->block_count && doc->blocks[end].depth > list->depth)
        end++;
    st->toc_end = end;
    size_t span = end - st->toc;
    unsigned *list_depth = awl_xcalloc(span, sizeof *list_depth);
    size_t *anchors_of_item = awl_xcalloc(span, sizeof *anchors_of_item);
    st->entry_of_item = awl_xmalloc(span * sizeof *st->entry_of_item);
    if (list->parent != 0)
        not_fixable(st, "the list sits inside another block");
    for (size_t i = st->toc; i < end; i++) {
        const awl_block *b = &doc->blocks[i];
        st->entry_of_item[i - st->toc] = AWL_NONE;
        list_depth[i - st->toc] =
            i == st->toc ? 1 : list_depth[b->parent - st->toc] + (b->kind == AWL_BLOCK_LIST);
        if (b->kind == AWL_BLOCK_LIST) {
            if (b->ordered)
                not_fixable(st, "the list is numbered");
            else if (!b->tight)
                not_fixable(st, "blank lines separate its items");
        } else if (b->kind != AWL_BLOCK_ITEM && b->kind != AWL_BLOCK_PARAGRAPH) {
            not_fixable(st, "an item holds more than a line of links");
        }
    }
    size_t count = 0;
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->item != AWL_NONE && link->item >= st->toc && link->item < end &&
            link->kind != AWL_LINK_IMAGE && in_page_fragment(link->href))
            count++;
    }
    st->entries = awl_xcalloc(count + 1, sizeof *st->entries);
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->item == AWL_NONE || link->item < st->toc || link->item >= end ||
            link->kind == AWL_LINK_IMAGE || !in_page_fragment(link->href))
            continue;
        entry *e = &st->entries[st->entry_count];
        e->item = link->item;
        e->link = i;
        e->depth = list_depth[link->item - st->toc] - 1;
        e->head = AWL_NONE;
        const char *raw = in_page_fragment(link->href);
        e->fragment = awl_fragment_decode(&st->arena, raw, strlen(raw), NULL);
        e->fragment_lower = awl_lowercase(&st->arena, e->fragment, strlen(e->fragment), NULL);
        e->text_slug = trim_dashes(
            &st->arena, awl_slug(&st->arena, doc->plain + link->plain_start, link->plain_len));
        if (!anchors_of_item[link->item - st->toc]++)
            st->entry_of_item[link->item - st->toc] = st->entry_count;
        st->entry_count++;
    }
    for (size_t i = st->toc; i < end; i++) {
        if (doc->blocks[i].kind != AWL_BLOCK_ITEM)
            continue;
        if (anchors_of_item[i - st->toc] == 0)
            not_fixable(st, "an item has no in-page link");
        else if (anchors_of_item[i - st->toc] > 1)
            not_fixable(st, "an item holds several links");
    }
    free(list_depth);
    free(anchors_of_item);
}

/* Matches the entries to headings. */
static void match_entries(toc_state *st)
{
    entry *entries = st->entries;
    size_t count = st->entry_count;
    /* Anchors that resolve: the slug, the slug in another case, an explicit
     * anchor, a heading only GitHub sees. */
    for (size_t i = 0; i < count; i++) {
        entry *e = &entries[i];
        const char *frag = e->fragment, *lower = e->fragment_lower;
        if (!frag[0] || strcmp(lower, "top") == 0) {
            e->match = MATCH_ELSEWHERE; /* the top of the page */
            continue;
        }
        size_t *h = awl_strmap_get(&st->slugs, frag, strlen(frag));
        match_kind kind = MATCH_EXACT;
        if (!h) {
            h = awl_strmap_get(&st->slugs, lower, strlen(lower));
            kind = MATCH_CASE;
        }
        if (!h) {
            h = awl_strmap_get(&st->anchors, lower, strlen(lower));
            kind = MATCH_EXPLICIT;
            if (h && *h == AWL_NONE) {
                e->match = MATCH_ELSEWHERE;
                continue;
            }
        }
        if (!h) {
            if (awl_strmap_get(&st->hidden, frag, strlen(frag)) ||
                awl_strmap_get(&st->hidden, lower, strlen(lower)))
                e->match = MATCH_ELSEWHERE;
            continue;
        }
        if (st->heads[*h].entry != AWL_NONE) {
            /* Two explicit anchors may sit in one section; two links to one
             * slug list the heading twice. */
            e->match = kind == MATCH_EXPLICIT ? MATCH_ELSEWHERE : MATCH_TWICE;
            continue;
        }
        e->match = kind;
        e->head = *h;
        st->heads[*h].entry = i;
    }
    /* Broken anchors: look between the headings of the nearest resolved
     * entries before and after, by text, then typo, then guess. */
    size_t budget = FUZZY_BUDGET;
    static const match_test tests[] = {test_text, test_typo, test_guess};
    static const match_kind kinds[] = {MATCH_TEXT, MATCH_TYPO, MATCH_GUESS};
    for (size_t round = 0; round < 3; round++) {
        size_t prev_head = AWL_NONE;
        size_t next = 0, next_head = AWL_NONE; /* the next resolved entry after i */
        for (size_t i = 0; i < count; i++) {
            entry *e = &entries[i];
            if (e->head != AWL_NONE) {
                prev_head = e->head;
                continue;
            }
            if (e->match != MATCH_NONE)
                continue;
            if (next <= i) {
                next = i + 1;
                while (next < count && entries[next].head == AWL_NONE)
                    next++;
                next_head = next < count ? entries[next].head : AWL_NONE;
            }
            size_t from = prev_head == AWL_NONE ? 0 : prev_head + 1;
            size_t to = next_head == AWL_NONE ? st->head_count : next_head;
            if (from >= to) { /* out of order around it: search everywhere */
                from = 0;
                to = st->head_count;
            }
            size_t h = unique_match(st->heads, from, to, e, tests[round], &budget);
            if (h == AWL_NONE)
                continue;
            e->match = kinds[round];
            e->head = h;
            st->heads[h].entry = i;
            prev_head = h;
            if (kinds[round] == MATCH_GUESS)
                st->unsafe = true;
        }
    }
    for (size_t i = 0; i < count; i++) {
        if (entries[i].match == MATCH_NONE)
            entries[i].match = MATCH_DEAD;
        if (entries[i].match == MATCH_ELSEWHERE)
            not_fixable(st, "a link goes to an anchor that is no heading");
    }
    /* Pinned levels: listed headings outside them go. */
    if (st->config->toc_levels_set)
        for (size_t i = 0; i < count; i++) {
            entry *e = &entries[i];
            if (e->head == AWL_NONE)
                continue;
            unsigned level = st->heads[e->head].level;
            if (level < st->config->toc_min_level || level > st->config->toc_max_level) {
                st->heads[e->head].entry = AWL_NONE;
                e->head = AWL_NONE;
                e->match = MATCH_OUTSIDE;
            }
        }
}

/* Decides which headings the table must list (see the header comment). */
static void expect_headings(toc_state *st)
{
    head *heads = st->heads;
    size_t toc_end = st->doc->blocks[st->toc].end;
    unsigned top = 7, max_listed = 0;
    for (size_t h = 0; h < st->head_count; h++) {
        heads[h].after_toc = st->doc->blocks[heads[h].block].start >= toc_end;
        if (heads[h].entry == AWL_NONE)
            continue;
        if (heads[h].after_toc && heads[h].level < top)
            top = heads[h].level;
        if (heads[h].level > max_listed)
            max_listed = heads[h].level;
        if (heads[h].parent != AWL_NONE)
            heads[heads[h].parent].expanded = true;
    }
    /* A missing parent's children are expected when one of them is at a
     * level the table lists: the regenerated table then expands it. */
    bool *child_listable = awl_xcalloc(st->head_count + 1, sizeof *child_listable);
    for (size_t h = 0; h < st->head_count; h++)
        if (heads[h].parent != AWL_NONE && heads[h].level <= max_listed)
            child_listable[heads[h].parent] = true;
    /* The last listed child of each parent (the root is head_count). An
     * entry whose text is not its heading's ("Earlier" for 2016, "2022–2015"
     * for 2022) stands for the siblings after it too. */
    size_t *last_listed = awl_xmalloc((st->head_count + 1) * sizeof *last_listed);
    for (size_t h = 0; h <= st->head_count; h++)
        last_listed[h] = AWL_NONE;
    for (size_t h = 0; h < st->head_count; h++)
        if (heads[h].entry != AWL_NONE)
            last_listed[heads[h].parent == AWL_NONE ? st->head_count : heads[h].parent] = h;
    for (size_t h = 0; h < st->head_count; h++) {
        head *hd = &heads[h];
        if (!hd->after_toc || hd->meta || !hd->slug[0])
            continue;
        if (st->config->toc_levels_set) {
            hd->required =
                hd->level >= st->config->toc_min_level && hd->level <= st->config->toc_max_level;
            continue;
        }
        if (hd->level < top)
            continue;
        size_t p = hd->parent;
        size_t last = last_listed[p == AWL_NONE ? st->head_count : p];
        if (last != AWL_NONE && last < h) {
            const entry *e = &st->entries[heads[last].entry];
            if ((e->match == MATCH_EXACT || e->match == MATCH_CASE || e->match == MATCH_EXPLICIT) &&
                !test_text(&heads[last], e))
                continue; /* summed up by the last listed sibling */
        }
        hd->required = p == AWL_NONE || heads[p].expanded ||
                       (heads[p].required && heads[p].entry == AWL_NONE && child_listable[p]);
    }
    free(last_listed);
    free(child_listable);
}

static bool dropped(const entry *e)
{
    return e->match == MATCH_DEAD || e->match == MATCH_TWICE || e->match == MATCH_OUTSIDE;
}

/* Depths of the regenerated table. Kept lines keep their nesting, less one
 * for each dropped entry they were nested under; a new line goes one below
 * its nearest listed ancestor, or where the lines of its heading level sit
 * (flat tables stay flat); then no line may sit more than one below the
 * line before it. Returns the deepest depth. */
static int plan_depths(toc_state *st)
{
    const awl_doc *doc = st->doc;
    bool flat = true;
    int level_depth[8];
    for (int l = 0; l < 8; l++)
        level_depth[l] = -1;
    for (size_t i = 0; i < st->entry_count; i++) {
        entry *e = &st->entries[i];
        flat = flat && e->depth == 0;
        unsigned gone = 0;
        for (size_t b = doc->blocks[e->item].parent; b != AWL_NONE && b > st->toc;
             b = doc->blocks[b].parent) {
            if (doc->blocks[b].kind != AWL_BLOCK_ITEM)
                continue;
            size_t owner = st->entry_of_item[b - st->toc];
            gone += owner != AWL_NONE && dropped(&st->entries[owner]);
        }
        e->new_depth = e->depth - gone;
        if (e->head != AWL_NONE) {
            unsigned level = st->heads[e->head].level;
            if (level_depth[level] < 0 || (int)e->new_depth < level_depth[level])
                level_depth[level] = (int)e->new_depth;
        }
    }
    int prev = -1, deepest = 0;
    for (size_t h = 0; h < st->head_count; h++) {
        head *hd = &st->heads[h];
        hd->keep = hd->entry != AWL_NONE || hd->required;
        if (!hd->keep)
            continue;
        if (hd->entry != AWL_NONE) {
            hd->depth = (int)st->entries[hd->entry].new_depth;
        } else if (flat) {
            hd->depth = 0;
        } else {
            size_t a = hd->parent;
            while (a != AWL_NONE && !st->heads[a].keep)
                a = st->heads[a].parent;
            hd->depth = a != AWL_NONE                 ? st->heads[a].depth + 1
                        : level_depth[hd->level] >= 0 ? level_depth[hd->level]
                                                      : 0;
        }
        if (hd->depth > prev + 1)
            hd->depth = prev + 1;
        prev = hd->depth;
        if (hd->depth > deepest)
            deepest = hd->depth;
    }
    return deepest;
}

/* The finding's message, or NULL when the table is right. */
static const char *describe_problems(toc_state *st)
{
    const awl_doc *doc = st->doc;
    name_list missing = {0}, dead = {0}, repaired = {0}, twice = {0}, outside = {0};
    bool out_of_order = false;
    size_t last_head = AWL_NONE;
    for (size_t i = 0; i < st->entry_count; i++) {
        const entry *e = &st->entries[i];
        const awl_link *link = &doc->links[e->link];
        const char *text = awl_arena_printf(&st->arena, "'%.*s'", (int)link->plain_len,
                                            doc->plain + link->plain_start);
        switch (e->match) {
        case MATCH_DEAD:
            name_add(&dead, awl_arena_printf(&st->arena, "%s (#%s)", text, e->fragment));
            break;
        case MATCH_TWICE:
            name_add(&twice, text);
            break;
        case MATCH_OUTSIDE:
            name_add(&outside, text);
            break;
        case MATCH_TEXT:
        case MATCH_TYPO:
        case MATCH_GUESS:
            name_add(&repaired, awl_arena_printf(&st->arena, "%s (#%s, meant #%s)", text,
                                                 e->fragment, st->heads[e->head].slug));
            break;
        default:
            break;
        }
        if (e->head != AWL_NONE) {
            if (last_head != AWL_NONE && e->head < last_head)
                out_of_order = true;
            last_head = e->head;
        }
    }
    for (size_t h = 0; h < st->head_count; h++)
        if (st->heads[h].required && st->heads[h].entry == AWL_NONE)
            name_add(&missing, awl_arena_printf(&st->arena, "'%s'", st->heads[h].text));
    name_list *lists[] = {&missing, &dead, &repaired, &twice, &outside};
    static const char *const what[] = {"misses %s", "links to no heading: %s",
                                       "has broken anchors: %s", "lists twice: %s",
                                       "lists headings outside the configured levels: %s"};
    awl_buf message = {0};
    awl_buf_puts(&message, "table of contents is out of date:");
    const char *sep = " ";
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++) {
        if (!lists[k]->count)
            continue;
        name_finish(lists[k]);
        awl_buf_puts(&message, sep);
        awl_buf_printf(&message, what[k], lists[k]->text.data);
        sep = "; ";
    }
    if (out_of_order) {
        awl_buf_puts(&message, sep);
        awl_buf_puts(&message, "its order is not the document's");
        sep = "; ";
    }
    const char *result = *sep == ';' ? awl_arena_strdup(&st->arena, message.data) : NULL;
    for (size_t k = 0; k < sizeof lists / sizeof lists[0]; k++)
        awl_buf_free(&lists[k]->text);
    awl_buf_free(&message);
    return result;
}

/* Learns the bullet style of each depth from the items, checking that the
 * list is one item a line. False (with a reason) when it is not. */
static bool learn_styles(toc_state *st, depth_style *styles, size_t max_styles)
{
    const awl_doc *doc = st->doc;
    const char *s = doc->source.bytes;
    const awl_block *list = &doc->blocks[st->toc];
    size_t line_count = list->last_line - list->first_line + 1;
    unsigned char *items_on_line = awl_xcalloc(line_count, 1);
    for (size_t i = st->toc; i < st->toc_end; i++) {
        const awl_block *item = &doc->blocks[i];
        if (item->kind != AWL_BLOCK_ITEM)
            continue;
        size_t entry_index = st->entry_of_item[i - st->toc];
        const entry *e = &st->entries[entry_index];
        size_t line_start = doc->source.line_starts[item->first_line];
        size_t line_end = awl_source_line_end(&doc->source, item->first_line);
        size_t m = item->marker_offset;
        if (m == AWL_NONE || m < line_start || e->depth >= max_styles) {
            not_fixable(st, "an item is not where awelint expects it");
            break;
        }
        if (items_on_line[item->first_line - list->first_line]++)
            not_fixable(st, "a line holds several items");
        for (size_t k = line_start; k < m; k++)
            if (s[k] != ' ')
                not_fixable(st, "tabs indent the list");
        size_t spacing = 0;
        while (m + 1 + spacing < line_end && s[m + 1 + spacing] == ' ')
            spacing++;
        if (spacing == 0 || spacing > 4)
            not_fixable(st, "an item's text does not follow its bullet by spaces");
        depth_style *style = &styles[e->depth];
        if (!style->known) {
            style->known = true;
            style->indent = m - line_start;
            style->marker = s[m];
            style->spacing = spacing;
        } else if (style->indent != m - line_start || style->marker != s[m] ||
                   style->spacing != spacing) {
            not_fixable(st, "items of one level are indented differently");
        }
        if (e->match == MATCH_TEXT || e->match == MATCH_TYPO || e->match == MATCH_GUESS) {
            const awl_link *link = &doc->links[e->link];
            if (link->href_start == AWL_NONE || link->href_start < m || link->href_end > line_end)
                not_fixable(st, "a broken anchor is written with escapes");
        }
    }
    for (size_t l = 0; l < line_count; l++)
        if (items_on_line[l] != 1)
            not_fixable(st, "an item spans several lines");
    free(items_on_line);
    return st->unfixable == NULL;
}

/* Regenerates the list and attaches the edit (see the header comment). */
static void regenerate(toc_state *st, awl_diag *diag)
{
    const awl_doc *doc = st->doc;
    const char *s = doc->source.bytes;
    const awl_block *list = &doc->blocks[st->toc];
    int deepest = plan_depths(st);
    enum { MAX_DEPTH = 32 };
    depth_style styles[MAX_DEPTH + 1] = {{0}};
    if (deepest >= MAX_DEPTH) {
        not_fixable(st, "it nests too deep");
        return;
    }
    if (!learn_styles(st, styles, MAX_DEPTH))
        return;
    if (!complete_styles(styles, (unsigned)deepest)) {
        not_fixable(st, "its indentation would not nest the new lines");
        return;
    }
    const char *newline = "\n";
    size_t first_end = awl_source_line_end(&doc->source, list->first_line);
    if (first_end < doc->source.length && s[first_end] == '\r')
        newline = "\r\n";
    awl_buf out = {0};
    awl_buf_append(&out, "", 0);
    bool first_line = true;
    for (size_t h = 0; h < st->head_count; h++) {
        const head *hd = &st->heads[h];
        if (!hd->keep)
            continue;
        if (!first_line)
            awl_buf_puts(&out, newline);
        first_line = false;
        const depth_style *style = &styles[hd->depth];
        for (size_t k = 0; k < style->indent; k++)
            awl_buf_putc(&out, ' ');
        awl_buf_putc(&out, style->marker);
        for (size_t k = 0; k < style->spacing; k++)
            awl_buf_putc(&out, ' ');
        if (hd->entry == AWL_NONE) {
            awl_buf_putc(&out, '[');
            append_escaped(&out, hd->text);
            awl_buf_printf(&out, "](#%s)", hd->slug);
            continue;
        }
        /* A kept line: its text after the bullet, anchor repaired. */
        const entry *e = &st->entries[hd->entry];
        const awl_block *item = &doc->blocks[e->item];
        size_t line_end = awl_source_line_end(&doc->source, item->first_line);
        size_t content = item->marker_offset + 1;
        while (content < line_end && s[content] == ' ')
            content++;
        if (e->match == MATCH_TEXT || e->match == MATCH_TYPO || e->match == MATCH_GUESS) {
            const awl_link *link = &doc->links[e->link];
            awl_buf_append(&out, s + content, link->href_start - content);
            awl_buf_printf(&out, "#%s", hd->slug);
            awl_buf_append(&out, s + link->href_end, line_end - link->href_end);
        } else {
            awl_buf_append(&out, s + content, line_end - content);
        }
    }
    if (first_line) {
        not_fixable(st, "no heading would be left in it");
        awl_buf_free(&out);
        return;
    }
    /* One edit over what differs. */
    size_t old_start = list->start, old_len = list->end - list->start;
    size_t prefix = 0, suffix = 0;
    while (prefix < old_len && prefix < out.len && s[old_start + prefix] == out.data[prefix])
        prefix++;
    while (suffix < old_len - prefix && suffix < out.len - prefix &&
           s[list->end - 1 - suffix] == out.data[out.len - 1 - suffix])
        suffix++;
    if (prefix < old_len || prefix < out.len) {
        awl_add_edit(st->check, diag, old_start + prefix, list->end - suffix, out.data + prefix,
                     out.len - prefix - suffix);
        diag->changes_text = true;
        if (st->unsafe)
            awl_fix_unsafe(diag);
    }
    awl_buf_free(&out);
}

static void check_toc(awl_check *check)
{
    const awl_doc *doc = check->doc;
    toc_state st = {0};
    st.check = check;
    st.doc = doc;
    st.config = check->config;
    collect_headings(&st);

    toc_search found;
    find_tables(doc, &found);
    if (found.lists + found.unusual > 1 || (found.unusual && !found.lists)) {
        size_t at = found.list == AWL_NONE ||
                            (found.first_unusual != AWL_NONE && found.first_unusual < found.list)
                        ? found.first_unusual
                        : found.list;
        awl_diag *diag;
        if (found.lists + found.unusual == 1)
            diag = awl_emit(check, doc->blocks[at].start, doc->blocks[at].start,
                            "table of contents %s: left as it is (awelint checks and regenerates "
                            "only a bullet list of in-page links)",
                            found.unusual_kind);
        else
            diag = awl_emit(check, doc->blocks[at].start, doc->blocks[at].start,
                            "%zu lists or blocks of in-page links look like tables of contents: "
                            "left as they are (awelint checks a single one)",
                            found.lists + found.unusual);
        diag->severity = AWL_SEVERITY_INFO;
    } else if (found.list == AWL_NONE) {
        size_t first, n = content_sections(&st, &first);
        if (n > st.config->toc_min_sections) {
            const awl_block *b = &doc->blocks[st.heads[first].block];
            awl_emit(check, b->start, b->start,
                     "%zu sections and no table of contents (a list of links to them such as "
                     "\"- [%s](#%s)\" after the title)",
                     n, st.heads[first].text, st.heads[first].slug);
        }
    } else {
        st.toc = found.list;
        collect_entries(&st);
        match_entries(&st);
        expect_headings(&st);
        const char *message = describe_problems(&st);
        if (message) {
            size_t marker = doc->blocks[st.toc + 1].marker_offset;
            if (marker == AWL_NONE)
                marker = doc->blocks[st.toc].start;
            awl_diag *diag = awl_emit(check, marker, marker + 1, "%s", message);
            if (!st.unfixable)
                regenerate(&st, diag);
            if (st.unfixable)
                diag->message = awl_arena_printf(&check->out->arena, "%s (not fixed: %s)", message,
                                                 st.unfixable);
        }
    }

    free(st.entries);
    free(st.entry_of_item);
    free(st.heads);
    free(st.section_head);
    free(st.head_of_line);
    awl_strmap_free(&st.slugs);
    awl_strmap_free(&st.anchors);
    awl_strmap_free(&st.hidden);
    awl_arena_free(&st.arena);
}

const awl_rule awl_rule_toc = {
    .id = "toc",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary =
        "A list with several sections has a table of contents that lists its headings in order",
    .explanation = "Readers of a long list jump through its table of contents, and a table that\n"
                   "misses new sections or points to renamed ones sends them nowhere. The table\n"
                   "is the bullet list of in-page links; it must list, in document order, the\n"
                   "headings of the levels it already covers (sections like Contributing and\n"
                   "License may be left out), each linking to the heading's anchor. The fix\n"
                   "regenerates the list in place, keeping its bullets, indentation and the\n"
                   "text of the lines that were right. Tables of contents written in HTML, in\n"
                   "a Markdown table or spread over several lists are left alone (info).\n"
                   "A list with more than 3 sections (toc: min-sections) and no table of\n"
                   "contents is reported too.\n"
                   "\n"
                   "Bad (Serving is missing, the last anchor is no heading's):\n"
                   "    ## Contents\n"
                   "    - [Training](#training)\n"
                   "    - [Schedule and Resource Management](#schedule)\n"
                   "\n"
                   "    ## Training\n"
                   "    ## Serving\n"
                   "    ## Schedule and Resource Management\n"
                   "Good:\n"
                   "    ## Contents\n"
                   "    - [Training](#training)\n"
                   "    - [Serving](#serving)\n"
                   "    - [Schedule and Resource Management](#schedule-and-resource-management)\n"
                   "\n"
                   "    ## Training\n"
                   "    ## Serving\n"
                   "    ## Schedule and Resource Management\n",
    .check = check_toc,
};
