/* entries: list items and table rows with links, read as entries (see entries.h). */
#include "entries.h"
#include "strmap.h"
#include "venue.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *awl_entry_shape_name(awl_entry_shape shape)
{
    switch (shape) {
    case AWL_SHAPE_LINK_FIRST:
        return "link-first";
    case AWL_SHAPE_TAG_FIRST:
        return "tag-first";
    case AWL_SHAPE_LABEL_FIRST:
        return "label-first";
    case AWL_SHAPE_TEXT_FIRST:
        return "text-first";
    case AWL_SHAPE_TABLE_ROW:
        return "table-row";
    }
    return "unknown";
}

/* The sets of characters trimmed around labels, titles and descriptions, as
 * bits of one table (one load per character instead of a strchr). NUL is in
 * every set, as it is for strchr, which these replace. */
enum {
    TRIM_LABEL = 1,        /* " \t[]()*_`:" around a label: "[code]", " Code " */
    TRIM_SPACE = 2,        /* " \t\n" */
    TRIM_SEPARATOR = 4,    /* " \t\n-:|,.;)]" between a title and its description */
    TRIM_TITLE_END = 8,    /* " \t\n[(:-|,;." between a title and the links after it */
    TRIM_LABEL_AFTER = 16, /* " \t[(:" between a label word and its link */
    TIDY_SPACE = 32,       /* " \t\n": a description's spaces, runs of them made one */
    TIDY_CLOSE = 64,       /* "])": closes a bracket a removed link may have left empty */
};

static const unsigned char trim_class[256] = {
    ['\0'] = TRIM_LABEL | TRIM_SPACE | TRIM_SEPARATOR | TRIM_TITLE_END | TRIM_LABEL_AFTER,
    [' '] =
        TRIM_LABEL | TRIM_SPACE | TRIM_SEPARATOR | TRIM_TITLE_END | TRIM_LABEL_AFTER | TIDY_SPACE,
    ['\t'] =
        TRIM_LABEL | TRIM_SPACE | TRIM_SEPARATOR | TRIM_TITLE_END | TRIM_LABEL_AFTER | TIDY_SPACE,
    ['\n'] = TRIM_SPACE | TRIM_SEPARATOR | TRIM_TITLE_END | TIDY_SPACE,
    ['['] = TRIM_LABEL | TRIM_TITLE_END | TRIM_LABEL_AFTER,
    [']'] = TRIM_LABEL | TRIM_SEPARATOR | TIDY_CLOSE,
    ['('] = TRIM_LABEL | TRIM_TITLE_END | TRIM_LABEL_AFTER,
    [')'] = TRIM_LABEL | TRIM_SEPARATOR | TIDY_CLOSE,
    ['*'] = TRIM_LABEL,
    ['_'] = TRIM_LABEL,
    ['`'] = TRIM_LABEL,
    [':'] = TRIM_LABEL | TRIM_SEPARATOR | TRIM_TITLE_END | TRIM_LABEL_AFTER,
    ['-'] = TRIM_SEPARATOR | TRIM_TITLE_END,
    ['|'] = TRIM_SEPARATOR | TRIM_TITLE_END,
    [','] = TRIM_SEPARATOR | TRIM_TITLE_END,
    ['.'] = TRIM_SEPARATOR | TRIM_TITLE_END,
    [';'] = TRIM_SEPARATOR | TRIM_TITLE_END,
};

static bool in_set(char c, unsigned set)
{
    return trim_class[(unsigned char)c] & set;
}

/* Words that name what a link is rather than what it is called. */
static const char *const link_labels[] = {
    "code",    "paper",  "pdf",     "arxiv",   "github",  "project", "website", "blog",
    "slides",  "slide",  "video",   "talk",    "poster",  "demo",    "doi",     "repo",
    "homepage", "page",  "link",    "dataset", "data",    "model",   "models",  "bib",
    "bibtex",  "official", "openreview", "supplementary", "sup", "huggingface", "hf",
    "notes",   "note",   "report",  "benchmark", "leaderboard", "colab", "site", "web",
    "twitter", "youtube", "zhihu",  "medium",  "tweet",   "api",     "docs",    "doc",
};

enum { LONGEST_LABEL = 13 }; /* "supplementary" */

/* A hash of the labels, built on the first short link text (by whichever
 * thread reads entries first): every entry asks, and most link texts are
 * no label. It lives as long as the process. */
static awl_strmap label_words;

static void fill_labels(void)
{
    size_t count = sizeof link_labels / sizeof link_labels[0];
    awl_strmap_reserve(&label_words, 4 * count); /* sparse: most lookups miss */
    for (size_t i = 0; i < count; i++)
        awl_strmap_upsert(&label_words, link_labels[i], strlen(link_labels[i]), NULL);
}

static bool is_label(const char *text, size_t len)
{
    if (len > LONGEST_LABEL + 8) /* most link texts are titles: no need to look */
        return false;
    /* Trim brackets, spaces and emphasis around a label: "[code]", " Code ". */
    while (len && in_set(text[0], TRIM_LABEL)) {
        text++;
        len--;
    }
    while (len && in_set(text[len - 1], TRIM_LABEL))
        len--;
    if (!len || len > LONGEST_LABEL)
        return false;
    /* Every label is one word of ASCII letters: anything else is none, and
     * needs no lookup. */
    char lower[LONGEST_LABEL + 1];
    for (size_t i = 0; i < len; i++) {
        char folded = (char)(text[i] | 0x20);
        if (folded < 'a' || folded > 'z')
            return false;
        lower[i] = folded;
    }
    static pthread_once_t filled = PTHREAD_ONCE_INIT;
    pthread_once(&filled, fill_labels);
    return awl_strmap_get(&label_words, lower, len) != NULL;
}

bool awl_entry_is_label(const char *text, size_t len)
{
    return is_label(text, len);
}

static bool is_external(const char *href)
{
    return href[0] && href[0] != '#' && strncmp(href, "mailto:", 7) != 0;
}

bool awl_section_is_meta(const awl_doc *doc, size_t section)
{
    static const char *const meta[] = {"contribut", "licen", "acknowledg", "sponsor",
                                       "contact",   "footnote", "star history", "citation"};
    size_t heading = doc->sections[section].heading;
    if (heading == AWL_NONE)
        return false;
    /* The heading lowercased once, then searched for each word; a heading
     * too long for the buffer is searched as it is. */
    const char *text = doc->blocks[heading].text;
    char lower[256];
    size_t len = strlen(text);
    bool folded = len < sizeof lower;
    if (folded) {
        for (size_t i = 0; i <= len; i++)
            lower[i] = (char)tolower((unsigned char)text[i]);
    }
    for (size_t i = 0; i < sizeof meta / sizeof meta[0]; i++)
        if (folded ? strstr(lower, meta[i]) != NULL : strcasestr(text, meta[i]) != NULL)
            return true;
    return false;
}

/* Trims *text and *len of spaces and, with `separators`, of the separators
 * lists put between a title and its description. */
static void trim(const char **text, size_t *len, bool separators)
{
    const char *t = *text;
    size_t n = *len;
    for (;;) {
        if (n && in_set(t[0], separators ? TRIM_SEPARATOR : TRIM_SPACE)) {
            t++;
            n--;
        } else if (separators && n >= 3 &&
                   (memcmp(t, "\xE2\x80\x93", 3) == 0 || memcmp(t, "\xE2\x80\x94", 3) == 0)) {
            t += 3; /* en and em dash */
            n -= 3;
        } else {
            break;
        }
    }
    while (n && in_set(t[n - 1], TRIM_SPACE))
        n--;
    *text = t;
    *len = n;
}

/* Copies text[0, len) trimmed of spaces. */
static const char *trimmed_copy(awl_arena *arena, const char *text, size_t len)
{
    trim(&text, &len, false);
    return awl_arena_strndup(arena, text, len);
}

/* A title written before its links ("Title. [[paper](...)]") without the
 * punctuation that leads to them. */
static const char *title_before_links(awl_arena *arena, const char *text, size_t len)
{
    while (len && in_set(text[len - 1], TRIM_TITLE_END))
        len--;
    return trimmed_copy(arena, text, len);
}

/* The text from `from` to `to` in doc->plain without the entry's other
 * links ("[code]", "[slides]"): brackets left empty by their removal go too,
 * and runs of spaces become one. */
/* Appends in[0, len) to the description out[0, w) as it tidies it: tabs
 * and line breaks become spaces, runs of spaces one, and a "[" then "]"
 * (or "(" ")") with nothing between, the brackets a removed link left,
 * goes with the spaces before it. Returns the new length. */
static size_t tidy_append(char *out, size_t w, const char *in, size_t len)
{
    for (size_t r = 0; r < len; r++) {
        char c = in[r];
        unsigned kind = trim_class[(unsigned char)c] & (TIDY_SPACE | TIDY_CLOSE);
        if (!kind) { /* most characters: kept as they are */
            out[w++] = c;
        } else if (kind == TIDY_SPACE) {
            if (!w || out[w - 1] != ' ')
                out[w++] = ' ';
        } else if (w && out[w - 1] == (c == ']' ? '[' : '(')) {
            /* Only a closing bracket makes a pair, and what stands before
             * it was looked at when it was written: one pair at most. */
            w--;
            while (w && out[w - 1] == ' ')
                w--;
        } else {
            out[w++] = c;
        }
    }
    return w;
}

/* The text from `from` to `to` in doc->plain without the entry's other
 * links ("[code]", "[slides]"), tidied (tidy_append) and trimmed. */
static const char *description_of(const awl_doc *doc, awl_arena *arena, const size_t *link_ids,
                                  size_t count, size_t from, size_t to)
{
    /* The text between the links (their plain text ranges are in document
     * order), tidied as it is copied, then trimmed where it lies. */
    char *text = awl_arena_alloc(arena, to - from + 1);
    size_t len = 0, at = from;
    for (size_t i = 0; i <= count && at < to; i++) {
        size_t stop = to, resume = to;
        if (i < count) {
            const awl_link *l = &doc->links[link_ids[i]];
            if (l->plain_start < at || l->plain_start >= to || !l->plain_len)
                continue;
            stop = l->plain_start;
            resume = l->plain_start + l->plain_len;
        }
        len = tidy_append(text, len, doc->plain + at, stop - at);
        at = resume;
    }
    const char *trimmed = text;
    trim(&trimmed, &len, true);
    text[trimmed - text + len] = '\0';
    return trimmed;
}

/* The block holding an item's own first line of text: the item itself
 * (tight lists) or its first paragraph (loose lists). */
static const awl_block *text_block(const awl_doc *doc, size_t item)
{
    const awl_block *b = &doc->blocks[item];
    if (b->plain_len || item + 1 >= doc->block_count)
        return b;
    const awl_block *first = &doc->blocks[item + 1];
    return first->parent == item && first->kind == AWL_BLOCK_PARAGRAPH ? first : b;
}

/* Label of a link: its own text when that is a label word ("[code](...)"),
 * else the word just before it in `host` ("code [Title](...)"). */
static const char *label_of(const awl_doc *doc, awl_arena *arena, const awl_link *link,
                            const awl_block *host)
{
    const char *text = doc->plain + link->plain_start;
    if (is_label(text, link->plain_len)) {
        size_t len = link->plain_len;
        while (len && in_set(*text, TRIM_LABEL)) {
            text++;
            len--;
        }
        while (len && in_set(text[len - 1], TRIM_LABEL))
            len--;
        return awl_arena_strndup(arena, text, len);
    }
    if (link->plain_start < host->plain_start ||
        link->plain_start > host->plain_start + host->plain_len)
        return NULL;
    size_t end = link->plain_start;
    while (end > host->plain_start && in_set(doc->plain[end - 1], TRIM_LABEL_AFTER))
        end--;
    size_t start = end;
    while (start > host->plain_start && isalpha((unsigned char)doc->plain[start - 1]))
        start--;
    if (start < end && is_label(doc->plain + start, end - start) &&
        (start == host->plain_start || !isalnum((unsigned char)doc->plain[start - 1])))
        return awl_arena_strndup(arena, doc->plain + start, end - start);
    return NULL;
}

static bool prefers_as_primary(const char *label)
{
    return !label || strcasecmp(label, "paper") == 0 || strcasecmp(label, "pdf") == 0 ||
           strcasecmp(label, "arxiv") == 0;
}

/* awl_doc_section_at for offsets in increasing order: the section of the
 * last offset when this one lies in it too and before the next section,
 * which is what the search would find (*last remembers it). */
static size_t section_at(const awl_doc *doc, size_t offset, size_t *last)
{
    size_t s = *last;
    if (s == AWL_NONE || doc->sections[s].start > offset || doc->sections[s].end <= offset ||
        (s + 1 < doc->section_count && doc->sections[s + 1].start <= offset))
        *last = s = awl_doc_section_at(doc, offset);
    return s;
}

typedef struct entry_builder {
    const awl_doc *doc;
    awl_arena *arena; /* the entries' strings */
    awl_entry *entries; /* room for one per link of the document */
    size_t count;
    awl_vec links; /* size_t: the candidate's links */
} entry_builder;

static void finish_entry(entry_builder *eb, size_t block, size_t section, const awl_block *host,
                         bool row)
{
    const awl_doc *doc = eb->doc;
    awl_arena *arena = eb->arena;
    size_t count = eb->links.count;
    size_t *link_ids = eb->links.items;
    const char **labels = awl_arena_alloc(arena, count * sizeof *labels);
    size_t primary_pos = AWL_NONE;
    for (size_t i = 0; i < count; i++) {
        const awl_link *link = &doc->links[link_ids[i]];
        const awl_block *owner = row ? &doc->blocks[link->block] : host;
        labels[i] = label_of(doc, arena, link, owner);
        if (primary_pos == AWL_NONE && prefers_as_primary(labels[i]))
            primary_pos = i;
    }
    if (primary_pos == AWL_NONE)
        primary_pos = 0;
    const awl_link *primary = &doc->links[link_ids[primary_pos]];

    awl_entry *e = &eb->entries[eb->count++];
    e->block = block;
    e->line = doc->blocks[block].first_line;
    e->section = section; /* the section of the block's start, on the same line */
    e->primary = link_ids[primary_pos];
    e->links = awl_arena_alloc(arena, count * sizeof *e->links);
    size_t others = 0;
    for (size_t i = 0; i < count; i++) {
        if (i == primary_pos)
            continue;
        e->links[others].link = link_ids[i];
        e->links[others].label = labels[i] ? labels[i] : "link";
        others++;
    }
    e->link_count = others;

    const char *plain = doc->plain;
    size_t host_start = host->plain_start, host_end = host->plain_start + host->plain_len;
    bool inside = primary->plain_start >= host_start && primary->plain_start <= host_end;
    const char *primary_text = plain + primary->plain_start;
    bool title_is_label = is_label(primary_text, primary->plain_len) || !primary->plain_len;

    /* What stands before the first link decides the shape. */
    const awl_link *first = &doc->links[link_ids[0]];
    size_t prefix_len = 0;
    const char *prefix = "";
    if (first->plain_start >= host_start && first->plain_start <= host_end) {
        prefix = plain + host_start;
        prefix_len = first->plain_start - host_start;
        while (prefix_len && strchr(" \t", prefix[0])) {
            prefix++;
            prefix_len--;
        }
    }
    if (row)
        e->shape = AWL_SHAPE_TABLE_ROW;
    else if (!prefix_len || (prefix_len == 1 && prefix[0] == '['))
        e->shape = AWL_SHAPE_LINK_FIRST;
    else if (prefix[0] == '[' || prefix[0] == '(')
        e->shape = AWL_SHAPE_TAG_FIRST;
    else if (labels[0] && first != primary && prefix_len <= strlen(labels[0]) + 2)
        e->shape = AWL_SHAPE_LABEL_FIRST;
    else if (labels[0] && first == primary && is_label(prefix, prefix_len))
        e->shape = AWL_SHAPE_LABEL_FIRST;
    else
        e->shape = AWL_SHAPE_TEXT_FIRST;

    if (!title_is_label) {
        e->title = trimmed_copy(arena, primary_text, primary->plain_len);
    } else if (row) {
        /* A table's title is the first cell with words in it. */
        e->title = "";
        for (size_t b = block + 1; b < doc->block_count && doc->blocks[b].parent == block; b++)
            if (doc->blocks[b].plain_len > 3 && !is_label(awl_block_plain(doc, &doc->blocks[b]),
                                                         doc->blocks[b].plain_len)) {
                e->title = trimmed_copy(arena, awl_block_plain(doc, &doc->blocks[b]),
                                        doc->blocks[b].plain_len);
                break;
            }
    } else {
        e->title = title_before_links(arena, prefix, prefix_len);
    }

    /* The description follows the last link of the title line. */
    e->description = "";
    if (!row && inside) {
        size_t after = primary->plain_start + primary->plain_len;
        if (title_is_label) {
            for (size_t i = 0; i < count; i++) {
                const awl_link *l = &doc->links[link_ids[i]];
                if (l->plain_start >= host_start && l->plain_start + l->plain_len <= host_end &&
                    l->plain_start + l->plain_len > after)
                    after = l->plain_start + l->plain_len;
            }
        }
        if (after < host_end)
            e->description = description_of(doc, arena, link_ids, count, after, host_end);
    }
    eb->links.count = 0;
}

void awl_entries_extract(const awl_doc *doc, awl_entries *out)
{
    out->arena = (awl_arena){0};
    entry_builder eb = {.doc = doc, .arena = &out->arena};
    /* At most one entry per link: reserved once (and zeroed), never grown.
     * Pages past the last entry are never touched. */
    eb.entries = awl_xcalloc(doc->link_count, sizeof *eb.entries);
    awl_vec_init(&eb.links, sizeof(size_t));
    /* Links are in document order; an entry's links are consecutive among
     * the links with the same owner, so one pass groups them. */
    unsigned char *taken = awl_xcalloc(doc->block_count, 1); /* owners already read */
    unsigned char *meta = awl_xcalloc(doc->section_count, 1);  /* 1: content, 2: meta */
    size_t last_section = AWL_NONE;
    size_t i = 0;
    while (i < doc->link_count) {
        const awl_link *link = &doc->links[i];
        bool row = link->item == AWL_NONE;
        size_t owner = row ? link->row : link->item;
        if (owner == AWL_NONE) {
            i++;
            continue;
        }
        size_t j = i;
        while (j < doc->link_count &&
               (row ? doc->links[j].item == AWL_NONE && doc->links[j].row == owner
                    : doc->links[j].item == owner)) {
            if (doc->links[j].kind != AWL_LINK_IMAGE && is_external(doc->links[j].href))
                *(size_t *)awl_vec_push(&eb.links) = j;
            j++;
        }
        const awl_block *block = &doc->blocks[owner];
        bool header_row = row && block->row_index == 0;
        size_t section = section_at(doc, block->start, &last_section);
        if (!meta[section])
            meta[section] = awl_section_is_meta(doc, section) ? 2 : 1;
        if (eb.links.count && !header_row && !taken[owner] && meta[section] == 1)
            finish_entry(&eb, owner, section, row ? block : text_block(doc, owner), row);
        taken[owner] = 1;
        eb.links.count = 0;
        i = j;
    }
    free(taken);
    free(meta);
    awl_vec_free(&eb.links);
    out->items = eb.entries;
    out->count = eb.count;
    awl_venue_fill_entries(doc, out);
}

void awl_entries_free(awl_entries *entries)
{
    free(entries->tags);
    entries->tags = NULL;
    entries->tag_count = 0;
    free(entries->items);
    entries->items = NULL;
    entries->count = 0;
    awl_arena_free(&entries->arena);
}
