/*
 * merge: combining lists (see merge.h). The steps, in order:
 *   1. parse every source; read its entries (entries.h) and, in sections
 *      under venue or year headings that hold no list entries, its
 *      paragraph entries;
 *   2. give every entry a merged section: the first source's own sections,
 *      then, for later sources, the first source's section with the same
 *      heading key (or the forced one), else a section added after the
 *      first source's content sections;
 *   3. group all entries with the duplicate keys (awl_dups_group) and
 *      decide, per group, the copy kept, its venue tag and its links;
 *   4. write the first source with edits (lines of dropped copies removed,
 *      tags replaced, links appended, other sources' entries inserted at
 *      the end of their section, added sections before the trailing
 *      Contributing/License sections);
 *   5. let the fixer regenerate the table of contents and make the repairs
 *      it can verify.
 */
#include "merge.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "duplicates.h"
#include "engine.h"
#include "entries.h"
#include "fix.h"
#include "merge_style.h"
#include "venue.h"

/* ---- heading keys ---- */

static bool is_roman(const char *w, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!strchr("ivxlc", w[i]))
            return false;
    return len > 0 && len <= 5;
}

/* Letters, digits and combining marks: what heading words are made of. */
static bool is_word_char(utf8proc_int32_t cp)
{
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
           (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) ||
           (cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME);
}

const char *awl_merge_heading_key(awl_arena *arena, const char *heading)
{
    size_t len = 0;
    char *lower = awl_lowercase(arena, heading, strlen(heading), &len);
    awl_buf words = {0};
    awl_buf_puts(&words, "");
    bool leading = true; /* numbering is skipped before the first word only */
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step =
            utf8proc_iterate((const utf8proc_uint8_t *)lower + i, (utf8proc_ssize_t)(len - i), &cp);
        if (step <= 0) {
            i++;
            continue;
        }
        if (cp == '&') {
            awl_buf_puts(&words, words.len ? " and" : "and");
            leading = false;
            i += (size_t)step;
            continue;
        }
        if (!is_word_char(cp)) {
            i += (size_t)step;
            continue;
        }
        size_t start = i;
        while (i < len) {
            step = utf8proc_iterate((const utf8proc_uint8_t *)lower + i,
                                    (utf8proc_ssize_t)(len - i), &cp);
            if (step <= 0)
                break;
            if (!is_word_char(cp))
                break;
            i += (size_t)step;
        }
        size_t wl = i - start;
        const char *w = lower + start;
        /* `2.5 Distributed training`, `IV. Serving`: numbering, not a word */
        if (leading) {
            bool digits = true;
            for (size_t k = 0; k < wl; k++)
                digits &= w[k] >= '0' && w[k] <= '9';
            bool dotted = i < len && (lower[i] == '.' || lower[i] == ')');
            if (digits && (dotted || i >= len || lower[i] == ' ') && i < len)
                continue;
            if (is_roman(w, wl) && dotted)
                continue;
        }
        leading = false;
        /* singular: `papers` and `paper`, `libraries` and `library` */
        if (wl > 4 && memcmp(w + wl - 3, "ies", 3) == 0) {
            if (words.len)
                awl_buf_putc(&words, ' ');
            awl_buf_append(&words, w, wl - 3);
            awl_buf_putc(&words, 'y');
            continue;
        }
        if (wl > 3 && w[wl - 1] == 's' && !strchr("siu", w[wl - 2]))
            wl--;
        if (words.len)
            awl_buf_putc(&words, ' ');
        awl_buf_append(&words, w, wl);
    }
    char *key = awl_arena_strndup(arena, words.data, words.len);
    awl_buf_free(&words);
    return key;
}

/* ---- the model ---- */

typedef struct msource {
    const awl_merge_input *in;
    awl_doc *doc;
    awl_entries entries;
    size_t *section_entries; /* per doc section: entries directly in it */
} msource;

typedef struct msection {
    const char *key;
    const char *heading; /* as the section's own source writes it */
    unsigned level;
    size_t source, doc_section; /* where it first appears */
    bool added;                 /* not a section of the first source */
    awl_buf text;               /* the entries other sources bring, rendered */
    size_t decision;            /* added: the decision reporting it */
    size_t text_items;
} msection;

typedef struct mentry {
    size_t source;
    size_t entry; /* into its source's entries, or AWL_NONE for a paragraph entry */
    size_t block; /* the item, row or paragraph */
    size_t line;  /* 0-based */
    size_t msection;
    const char *dup_title;
    const char *title; /* as written, venue tag taken out when it came from another list */
    const char *description;
    const char *primary;
    awl_merge_link *links;
    size_t link_count;
    const awl_venue *venue;
    int year;
    const char *venue_text;
    size_t owner; /* the mentry it is a sub-item of, or AWL_NONE */
    bool has_children;
    bool dropped;
    bool venue_changed;
    const awl_venue *new_venue;
    int new_year;
    size_t added_first, added_count; /* links added from dropped copies: into `added` */
} mentry;

typedef struct merger {
    msource *sources;
    size_t source_count;
    const awl_section_map *maps;
    size_t map_count;
    awl_vec sections; /* msection */
    awl_vec entries;  /* mentry */
    awl_vec added;    /* awl_merge_link */
    awl_vec decisions;
    awl_strmap section_by_key;
    awl_arena *arena;
    awl_merge_conventions conv;
} merger;

static mentry *entry_at(merger *m, size_t i)
{
    return awl_vec_at(&m->entries, i);
}

static msection *section_at(merger *m, size_t i)
{
    return awl_vec_at(&m->sections, i);
}

static void decide(merger *m, awl_merge_decision_kind kind, const char *title, awl_merge_place kept,
                   awl_merge_place from, const char *detail, const char *into)
{
    awl_merge_decision *d = awl_vec_push(&m->decisions);
    /* titles may live in a source's document, which goes before the result */
    *d = (awl_merge_decision){
        kind, awl_arena_strdup(m->arena, title ? title : ""), kept, from, detail ? detail : "",
        into};
}

static awl_merge_place place_of(merger *m, const mentry *e)
{
    (void)m;
    return (awl_merge_place){e->source, e->line + 1};
}

/* A heading's text without trailing spaces (`## ATC `). */
static const char *trimmed(awl_arena *arena, const char *text)
{
    while (*text == ' ' || *text == '\t')
        text++;
    size_t n = strlen(text);
    while (n && (text[n - 1] == ' ' || text[n - 1] == '\t'))
        n--;
    return awl_arena_strndup(arena, text, n);
}

static bool is_year_heading(const char *text, int *year)
{
    while (*text == ' ')
        text++;
    if (!isdigit((unsigned char)text[0]) || !isdigit((unsigned char)text[1]) ||
        !isdigit((unsigned char)text[2]) || !isdigit((unsigned char)text[3]))
        return false;
    for (const char *p = text + 4; *p; p++)
        if (*p != ' ')
            return false;
    *year = atoi(text);
    return *year >= 1950 && *year <= 2100;
}

/* The key a section of a later source is looked up by: its own, or the
 * forced mapping's target. */
static const char *lookup_key(merger *m, const char *heading, bool *mapped)
{
    const char *key = awl_merge_heading_key(m->arena, heading);
    *mapped = false;
    for (size_t i = 0; i < m->map_count; i++)
        if (strcmp(awl_merge_heading_key(m->arena, m->maps[i].from), key) == 0) {
            *mapped = true;
            return awl_merge_heading_key(m->arena, m->maps[i].to);
        }
    return key;
}

static size_t new_section(merger *m, const char *key, size_t source, size_t doc_section, bool added)
{
    const awl_doc *doc = m->sources[source].doc;
    size_t heading = doc->sections[doc_section].heading;
    msection *sec = awl_vec_push(&m->sections);
    sec->key = key;
    sec->heading =
        heading == AWL_NONE ? (source ? "More" : "") : trimmed(m->arena, doc->blocks[heading].text);
    sec->level = heading == AWL_NONE ? 2 : doc->blocks[heading].level;
    sec->source = source;
    sec->doc_section = doc_section;
    sec->added = added;
    size_t index = m->sections.count - 1;
    bool inserted = false;
    size_t *slot = awl_strmap_upsert(&m->section_by_key, key, strlen(key), &inserted);
    if (inserted)
        *slot = index;
    return index;
}

/* The merged section for a doc section of source `source` (created when a
 * later source brings a section the first lacks). */
static size_t target_section(merger *m, size_t source, size_t doc_section, size_t *cache)
{
    if (cache[doc_section] != AWL_NONE)
        return cache[doc_section];
    const awl_doc *doc = m->sources[source].doc;
    size_t heading = doc->sections[doc_section].heading;
    /* entries before a later source's first heading: a section "More" */
    const char *text = heading == AWL_NONE ? "More" : doc->blocks[heading].text;
    bool mapped = false;
    const char *key = lookup_key(m, text, &mapped);
    size_t *slot = awl_strmap_get(&m->section_by_key, key, strlen(key));
    size_t index;
    awl_merge_place from = {source, heading == AWL_NONE ? 1 : doc->blocks[heading].first_line + 1};
    if (slot && !section_at(m, *slot)->added) {
        index = *slot;
        msection *sec = section_at(m, index);
        const awl_doc *first = m->sources[0].doc;
        size_t first_heading = first->sections[sec->doc_section].heading;
        size_t line = first_heading == AWL_NONE ? 1 : first->blocks[first_heading].first_line + 1;
        decide(m, AWL_MERGE_SECTION, trimmed(m->arena, text), (awl_merge_place){0, line}, from,
               mapped ? "mapped" : "matched", sec->heading);
    } else if (slot) {
        index = *slot; /* added already by an earlier source */
        decide(m, AWL_MERGE_SECTION, trimmed(m->arena, text), (awl_merge_place){0, 0}, from,
               mapped ? "mapped" : "matched", section_at(m, index)->heading);
    } else {
        index = new_section(m, key, source, doc_section, true);
        section_at(m, index)->decision = m->decisions.count;
        decide(m, AWL_MERGE_SECTION, trimmed(m->arena, text), (awl_merge_place){0, 0}, from,
               mapped ? "mapped" : "added", section_at(m, index)->heading);
    }
    cache[doc_section] = index;
    return index;
}

/* A copy of `text` without the venue tag `tag` written in it (with the
 * separators before it): `Title SOSP'23` -> `Title`, `Desc | OSDI 22` -> `Desc`. */
static const char *without_tag(awl_arena *arena, const char *text, const char *tag)
{
    if (!text)
        return NULL;
    const char *at = tag && *tag ? strstr(text, tag) : NULL;
    size_t n = strlen(text);
    if (at) {
        size_t start = (size_t)(at - text), end = start + strlen(tag);
        while (end < n && strchr(")]* ", text[end]))
            end++;
        if (end == n) { /* only a trailing tag: one inside a title is part of it */
            while (start > 0 && strchr(" |([*,-", text[start - 1]))
                start--;
            n = start;
        }
    }
    while (n && strchr(" |:-,", text[n - 1]))
        n--;
    size_t lead = 0;
    while (lead < n && strchr(" |:,", text[lead]))
        lead++;
    return awl_arena_strndup(arena, text + lead, n - lead);
}

static const char *label_of_href(merger *m, const char *href)
{
    bool paper = false;
    size_t len = 0;
    const char *key = awl_dup_link_key(m->arena, href, &paper, &len);
    return key && strncmp(key, "github:", 7) == 0 ? "code" : "paper";
}

static void add_list_entries(merger *m, size_t s, size_t *cache)
{
    msource *src = &m->sources[s];
    const awl_doc *doc = src->doc;
    for (size_t i = 0; i < src->entries.count; i++) {
        const awl_entry *e = &src->entries.items[i];
        if (s > 0 && awl_section_is_meta(doc, e->section))
            continue;
        mentry *me = awl_vec_push(&m->entries);
        me->source = s;
        me->entry = i;
        me->block = e->block;
        me->line = e->line;
        me->owner = AWL_NONE;
        me->msection = target_section(m, s, e->section, cache);
        me->dup_title = awl_dup_entry_title(doc, e, m->arena);
        /* `[Alpa](url): Automating Inter- and ...`: a name too short to
         * compare by, whose description completes the paper's title */
        if (me->dup_title && me->dup_title == e->title && e->shape == AWL_SHAPE_LINK_FIRST &&
            e->description && *e->description && !strchr(e->title, ' '))
            me->dup_title = awl_arena_printf(m->arena, "%s: %s", e->title,
                                             without_tag(m->arena, e->description, e->venue_text));
        me->venue = e->venue ? awl_venue_lookup(e->venue, strlen(e->venue)) : NULL;
        me->year = e->year;
        me->venue_text = e->venue_text;
        me->title = s == 0 ? e->title : without_tag(m->arena, e->title, e->venue_text);
        me->description = e->shape == AWL_SHAPE_TABLE_ROW
                              ? NULL
                              : without_tag(m->arena, e->description, e->venue_text);
        me->primary = e->primary != AWL_NONE ? doc->links[e->primary].href : NULL;
        me->links = awl_arena_alloc(m->arena, (e->link_count + 1) * sizeof(awl_merge_link));
        for (size_t l = 0; l < e->link_count; l++) {
            const char *href = doc->links[e->links[l].link].href;
            if (s > 0 && href[0] == '#')
                continue; /* points into its own list: nowhere in the merged one */
            /* `link` says nothing: what the target is (code, paper) says more */
            const char *label = e->links[l].label;
            if (!label || strcasecmp(label, "link") == 0)
                label = label_of_href(m, href);
            me->links[me->link_count++] = (awl_merge_link){href, label};
        }
    }
}

/* A paragraph's text with soft breaks, trimmed, into the arena. */
static const char *plain_of(merger *m, const awl_doc *doc, const awl_block *b, size_t skip)
{
    const char *text = awl_block_plain(doc, b);
    size_t len = b->plain_len;
    if (skip > len)
        skip = len;
    return trimmed(m->arena, awl_arena_strndup(m->arena, text + skip, len - skip));
}

/* Paragraph entries: in a content section under a venue or year heading
 * that holds no list entry, each top-level paragraph is an entry: its
 * first line the title (the text of a link filling that line, with its
 * href), the rest (the authors) the description. A title paragraph that
 * is one link (`**[Title](url)**`) takes the paragraph after it as its
 * description. */
static void add_paragraph_entries(merger *m, size_t s, size_t *cache)
{
    msource *src = &m->sources[s];
    const awl_doc *doc = src->doc;
    const char *bytes = doc->source.bytes;
    size_t *first_link = awl_xmalloc((doc->block_count + 1) * sizeof(size_t));
    for (size_t b = 0; b < doc->block_count; b++)
        first_link[b] = AWL_NONE;
    for (size_t l = doc->link_count; l-- > 0;)
        first_link[doc->links[l].block] = l;
    size_t waiting = AWL_NONE; /* a one-link title paragraph waiting for its authors */
    for (size_t b = 1; b < doc->block_count; b++) {
        const awl_block *p = &doc->blocks[b];
        if (p->kind == AWL_BLOCK_HEADING)
            waiting = AWL_NONE;
        if (p->kind != AWL_BLOCK_PARAGRAPH || p->parent != 0)
            continue;
        if (waiting != AWL_NONE) {
            entry_at(m, waiting)->description = plain_of(m, doc, p, 0);
            waiting = AWL_NONE;
            continue;
        }
        size_t sec = awl_doc_section_at(doc, p->start);
        if (sec == 0 || src->section_entries[sec] || awl_section_is_meta(doc, sec))
            continue;
        const awl_venue *venue = NULL;
        int year = 0;
        size_t home = AWL_NONE; /* the innermost heading that is not a year */
        for (size_t k = sec; k != AWL_NONE && k != 0; k = doc->sections[k].parent) {
            const char *text = trimmed(m->arena, doc->blocks[doc->sections[k].heading].text);
            int y = 0;
            if (is_year_heading(text, &y)) {
                if (!year)
                    year = y;
                continue;
            }
            if (home == AWL_NONE)
                home = k;
            if (!venue)
                venue = awl_venue_lookup(text, strlen(text));
        }
        if ((!venue && !year) || home == AWL_NONE)
            continue;
        size_t first_end = awl_source_line_end(&doc->source, p->first_line);
        const char *line =
            trimmed(m->arena, awl_arena_strndup(m->arena, bytes + p->start, first_end - p->start));
        const char *title = line, *href = NULL;
        size_t l = first_link[b], labelled = AWL_NONE;
        if (l != AWL_NONE && doc->links[l].line == p->first_line &&
            doc->links[l].text_start != AWL_NONE) {
            /* `**[Title](url)**`: the line is the link, emphasis aside */
            size_t n = strlen(line), i = 0;
            while (i < n && strchr("*_", line[i]))
                i++;
            while (n > i && strchr("*_", line[n - 1]))
                n--;
            if (line[i] == '[' && line[n - 1] == ')' && doc->links[l].kind == AWL_LINK_INLINE) {
                title = awl_arena_strndup(m->arena, doc->plain + doc->links[l].plain_start,
                                          doc->links[l].plain_len);
                href = doc->links[l].href;
            } else if (doc->links[l].text_start > p->start + 1) {
                /* `Title [paper](url) [code](url)`: the title, then its links */
                title =
                    trimmed(m->arena, awl_arena_strndup(m->arena, bytes + p->start,
                                                        doc->links[l].text_start - 1 - p->start));
                labelled = l;
            }
        }
        if (strlen(title) < 8)
            continue;
        mentry *me = awl_vec_push(&m->entries);
        me->source = s;
        me->entry = AWL_NONE;
        me->block = b;
        me->line = p->first_line;
        me->owner = AWL_NONE;
        me->msection = target_section(m, s, home, cache);
        me->title = me->dup_title = title;
        me->primary = href;
        if (p->last_line > p->first_line) {
            /* the plain text after the title's */
            const char *plain = awl_block_plain(doc, p);
            size_t tl = strlen(title);
            me->description =
                plain_of(m, doc, p, p->plain_len > tl && strncmp(plain, title, tl) == 0 ? tl : 0);
        } else if (href) {
            waiting = m->entries.count - 1;
        }
        me->venue = venue;
        me->year = year;
        me->links = NULL;
        size_t on_line = 0;
        for (size_t k = labelled; k < doc->link_count && k != AWL_NONE &&
                                  doc->links[k].block == b && doc->links[k].line == p->first_line;
             k++)
            on_line++;
        if (on_line) {
            me->links = awl_arena_alloc(m->arena, on_line * sizeof(awl_merge_link));
            for (size_t k = labelled; k < labelled + on_line; k++) {
                const char *label = awl_arena_strndup(
                    m->arena, doc->plain + doc->links[k].plain_start, doc->links[k].plain_len);
                me->links[me->link_count++] = (awl_merge_link){doc->links[k].href, label};
            }
        }
    }
    free(first_link);
}

static void read_sources(merger *m)
{
    awl_vec_init(&m->sections, sizeof(msection));
    awl_vec_init(&m->entries, sizeof(mentry));
    awl_strmap_init(&m->section_by_key);
    /* the first source's sections are the skeleton, in its order */
    const awl_doc *first = m->sources[0].doc;
    size_t *first_cache = awl_xmalloc((first->section_count + 1) * sizeof(size_t));
    first_cache[0] = new_section(m, "", 0, 0, false);
    for (size_t k = 1; k < first->section_count; k++)
        first_cache[k] = new_section(
            m, awl_merge_heading_key(m->arena, first->blocks[first->sections[k].heading].text), 0,
            k, false);
    for (size_t s = 0; s < m->source_count; s++) {
        msource *src = &m->sources[s];
        src->section_entries = awl_xcalloc(src->doc->section_count + 1, sizeof(size_t));
        for (size_t i = 0; i < src->entries.count; i++)
            src->section_entries[src->entries.items[i].section]++;
        size_t *cache = first_cache;
        if (s > 0) {
            cache = awl_xmalloc((src->doc->section_count + 1) * sizeof(size_t));
            for (size_t k = 0; k <= src->doc->section_count; k++)
                cache[k] = AWL_NONE;
        }
        size_t from = m->entries.count;
        add_list_entries(m, s, cache);
        add_paragraph_entries(m, s, cache);
        /* sub-items of the first source: the entry whose item holds this
         * one (they stay under it). Other sources' entries are written as
         * items of their own, so they are compared as such. */
        size_t *entry_of_block = awl_xmalloc((src->doc->block_count + 1) * sizeof(size_t));
        for (size_t b = 0; b < src->doc->block_count; b++)
            entry_of_block[b] = AWL_NONE;
        for (size_t i = from; i < m->entries.count; i++)
            entry_of_block[entry_at(m, i)->block] = i;
        for (size_t i = from; i < m->entries.count && s == 0; i++) {
            mentry *e = entry_at(m, i);
            for (size_t k = src->doc->blocks[e->block].parent; k != AWL_NONE;
                 k = src->doc->blocks[k].parent)
                if (entry_of_block[k] != AWL_NONE) {
                    e->owner = entry_of_block[k];
                    entry_at(m, e->owner)->has_children = true;
                    break;
                }
        }
        free(entry_of_block);
        if (s > 0)
            free(cache);
    }
    free(first_cache);
}

/* ---- duplicates ---- */

/* Peer-reviewed beats arXiv (and no tag), then the later year. */
static int venue_rank(const awl_venue *venue)
{
    return !venue ? 0 : venue->kind == AWL_VENUE_PREPRINT ? 1 : 2;
}

static bool better_venue(const awl_venue *a, int ya, const awl_venue *b, int yb)
{
    if (venue_rank(a) != venue_rank(b))
        return venue_rank(a) > venue_rank(b);
    return ya > yb;
}

static const char *tag_text(merger *m, const awl_venue *venue, int year)
{
    if (!venue)
        return "no tag";
    awl_buf b = {0};
    awl_merge_render_tag(&m->conv, venue, year, &b);
    const char *text = awl_arena_strndup(m->arena, b.data, b.len);
    awl_buf_free(&b);
    return text;
}

static bool has_link_key(merger *m, const mentry *e, const char *key, size_t from, size_t count)
{
    bool paper;
    size_t len;
    const char *k = e->primary ? awl_dup_link_key(m->arena, e->primary, &paper, &len) : NULL;
    if (k && strcmp(k, key) == 0)
        return true;
    for (size_t l = 0; l < e->link_count; l++) {
        k = awl_dup_link_key(m->arena, e->links[l].href, &paper, &len);
        if (k && strcmp(k, key) == 0)
            return true;
    }
    for (size_t l = from; l < from + count; l++) {
        const awl_merge_link *a = awl_vec_at(&m->added, l);
        k = awl_dup_link_key(m->arena, a->href, &paper, &len);
        if (k && strcmp(k, key) == 0)
            return true;
    }
    return false;
}

/* Links of a dropped copy that the kept one lacks, appended to `added`. */
static void unite_links(merger *m, mentry *kept, const mentry *copy)
{
    for (size_t l = 0; l <= copy->link_count; l++) {
        const char *href = l == 0 ? copy->primary : copy->links[l - 1].href;
        if (!href)
            continue;
        bool paper;
        size_t len;
        const char *key = awl_dup_link_key(m->arena, href, &paper, &len);
        if (!key || has_link_key(m, kept, key, kept->added_first, kept->added_count))
            continue;
        if (kept->added_count == 0)
            kept->added_first = m->added.count;
        awl_merge_link *a = awl_vec_push(&m->added);
        a->href = href;
        a->label = l == 0 ? label_of_href(m, href) : copy->links[l - 1].label;
        kept->added_count++;
        decide(m, AWL_MERGE_LINK, kept->title, place_of(m, kept), place_of(m, copy),
               awl_arena_printf(m->arena, "[%s](%s)", a->label, href), NULL);
    }
}

static void group_entries(merger *m)
{
    size_t n = m->entries.count;
    awl_dup_item *items = awl_xcalloc(n + 1, sizeof(awl_dup_item));
    for (size_t i = 0; i < n; i++) {
        mentry *e = entry_at(m, i);
        const char **hrefs = awl_arena_alloc(m->arena, (e->link_count + 1) * sizeof(char *));
        for (size_t l = 0; l < e->link_count; l++)
            hrefs[l] = e->links[l].href;
        /* compared flat, whatever the nesting: a sub-item of one list is an
         * item of its own in another, and the groups must not depend on
         * which list comes first */
        items[i] = (awl_dup_item){e->dup_title, e->primary, hrefs, e->link_count, AWL_NONE};
    }
    size_t *first = awl_xmalloc((n + 1) * sizeof(size_t));
    awl_dups_group(items, n, m->arena, first);
    free(items);
    /* members of each group, chained in order */
    size_t *next = awl_xmalloc((n + 1) * sizeof(size_t));
    size_t *last = awl_xmalloc((n + 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++) {
        next[i] = AWL_NONE;
        if (first[i] == i)
            last[i] = i;
        else {
            next[last[first[i]]] = i;
            last[first[i]] = i;
        }
    }
    awl_vec_init(&m->added, sizeof(awl_merge_link));
    for (size_t r = 0; r < n; r++) {
        if (first[r] != r || next[r] == AWL_NONE)
            continue;
        mentry *kept = entry_at(m, r);
        const awl_venue *venue = kept->venue;
        int year = kept->year;
        for (size_t i = next[r]; i != AWL_NONE; i = next[i]) {
            mentry *copy = entry_at(m, i);
            if (better_venue(copy->venue, copy->year, venue, year)) {
                venue = copy->venue;
                year = copy->year;
            }
        }
        if (venue != kept->venue || year != kept->year) {
            kept->venue_changed = true;
            kept->new_venue = venue;
            kept->new_year = year;
        }
        for (size_t i = next[r]; i != AWL_NONE; i = next[i]) {
            mentry *copy = entry_at(m, i);
            if (copy->source == 0 && copy->has_children) {
                decide(m, AWL_MERGE_KEPT, copy->title, place_of(m, kept), place_of(m, copy),
                       "its item holds other entries", NULL);
                continue;
            }
            copy->dropped = true;
            decide(m, AWL_MERGE_DUPLICATE, kept->title, place_of(m, kept), place_of(m, copy), NULL,
                   NULL);
        }
        for (size_t i = r; i != AWL_NONE; i = next[i]) {
            mentry *copy = entry_at(m, i);
            if ((copy->venue || i == r) && (copy->venue != venue || copy->year != year))
                decide(m, AWL_MERGE_VENUE, kept->title, place_of(m, kept), place_of(m, copy),
                       awl_arena_printf(m->arena, "%s over %s", tag_text(m, venue, year),
                                        tag_text(m, copy->venue, copy->year)),
                       NULL);
        }
        for (size_t i = next[r]; i != AWL_NONE; i = next[i])
            if (entry_at(m, i)->dropped)
                unite_links(m, kept, entry_at(m, i));
    }
    free(first);
    free(next);
    free(last);
}

/* ---- the output: edits over the first source ---- */

typedef struct edit {
    size_t start, end;
    const char *text;
    size_t seq; /* creation order: insertions at one offset keep it */
} edit;

static void add_edit(awl_vec *edits, size_t start, size_t end, const char *text)
{
    edit *e = awl_vec_push(edits);
    *e = (edit){start, end, text, edits->count};
}

static int edit_order(const void *pa, const void *pb)
{
    const edit *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if ((a->end > a->start) != (b->end > b->start))
        return a->end > a->start ? -1 : 1; /* a replacement before an insertion at its start */
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* text[0, len) with the edits applied (sorted here), into out. */
static void apply_edits(const char *text, size_t len, awl_vec *edits, awl_buf *out)
{
    if (edits->count)
        qsort(edits->items, edits->count, sizeof(edit), edit_order);
    size_t pos = 0;
    for (size_t i = 0; i < edits->count; i++) {
        const edit *e = awl_vec_at(edits, i);
        if (e->start < pos)
            continue; /* overlaps an earlier edit: merge makes none, and none applies twice */
        awl_buf_append(out, text + pos, e->start - pos);
        awl_buf_puts(out, e->text);
        pos = e->end;
    }
    awl_buf_append(out, text + pos, len - pos);
}

/* Offset of the line after `line` (the file's length after the last). */
static size_t after_line(const awl_source *source, size_t line)
{
    return line + 1 < source->line_count ? source->line_starts[line + 1] : source->length;
}

/* The text of a kept copy of the first source: tags replaced, links added. */
static void edit_kept(merger *m, const mentry *e, awl_entry_shape shape, awl_vec *edits)
{
    const awl_doc *doc = m->sources[0].doc;
    const char *s = doc->source.bytes;
    awl_buf tail = {0};
    awl_buf_puts(&tail, "");
    if (e->venue_changed && e->entry != AWL_NONE) {
        const awl_entries *entries = &m->sources[0].entries;
        const awl_entry *en = &entries->items[e->entry];
        size_t replaced = 0;
        for (size_t t = en->tag_first; t < en->tag_first + en->tag_count; t++) {
            const awl_venue_tag *tag = &entries->tags[t];
            if (tag->venue != e->venue || tag->year != e->year)
                continue;
            add_edit(edits, tag->start, tag->end, tag_text(m, e->new_venue, e->new_year));
            replaced++;
        }
        if (!replaced &&
            shape == AWL_SHAPE_TAG_FIRST) { /* the section's shape: this entry has no tag */
            size_t at = doc->blocks[e->block].marker_offset;
            while (at < doc->source.length && !strchr(" \t\n", s[at]))
                at++;
            while (at < doc->source.length && (s[at] == ' ' || s[at] == '\t'))
                at++;
            add_edit(edits, at, at,
                     awl_arena_printf(m->arena, "[%s] ", tag_text(m, e->new_venue, e->new_year)));
        } else if (!replaced) {
            awl_buf_printf(&tail, "%s%s%s", m->conv.tag_before,
                           tag_text(m, e->new_venue, e->new_year), m->conv.tag_after);
        }
    }
    const awl_merge_link *added = awl_vec_at(&m->added, e->added_first);
    const awl_entry *en = e->entry != AWL_NONE ? &m->sources[0].entries.items[e->entry] : NULL;
    bool label_first = en && en->shape == AWL_SHAPE_LABEL_FIRST;
    if (!label_first)
        awl_merge_render_links(added, e->added_count, &tail);
    if (tail.len) {
        size_t end = awl_source_line_end(&doc->source, e->line);
        size_t at = end;
        while (at > doc->source.line_starts[e->line] && (s[at - 1] == ' ' || s[at - 1] == '\t'))
            at--;
        if (doc->blocks[e->block].kind == AWL_BLOCK_TABLE_ROW && at > 0 && s[at - 1] == '|') {
            at--; /* into the last cell */
            while (at > 0 && s[at - 1] == ' ')
                at--;
        }
        add_edit(edits, at, at, awl_arena_strndup(m->arena, tail.data, tail.len));
    }
    if (label_first && e->added_count) {
        /* `  paper [Title](url)` paragraphs, as the entry writes its own */
        const awl_block *item = &doc->blocks[e->block];
        size_t line_start = doc->source.line_starts[item->first_line], p = item->marker_offset;
        while (p < doc->source.length && !strchr(" \t\n", s[p]))
            p++;
        while (p < doc->source.length && s[p] == ' ')
            p++;
        const awl_link *title_link = en->primary != AWL_NONE ? &doc->links[en->primary] : NULL;
        const char *title = title_link && title_link->text_start != AWL_NONE
                                ? awl_arena_strndup(m->arena, s + title_link->text_start,
                                                    title_link->text_end - title_link->text_start)
                                : e->title;
        awl_buf more = {0};
        awl_buf_puts(&more, m->conv.newline); /* ends the item's last line; a blank line follows */
        for (size_t l = 0; l < e->added_count; l++)
            awl_merge_render_labelled(&m->conv, p - line_start, &added[l], title, &more);
        more.len -= strlen(m->conv.newline); /* the item's own line end follows */
        size_t at = awl_source_line_end(&doc->source, item->last_line);
        add_edit(edits, at, at, awl_arena_strndup(m->arena, more.data, more.len));
        awl_buf_free(&more);
    }
    awl_buf_free(&tail);
}

/* Removes a dropped copy's lines (and one of the blank lines around it). */
static void edit_dropped(merger *m, const mentry *e, awl_vec *edits)
{
    const awl_doc *doc = m->sources[0].doc;
    const awl_block *b = &doc->blocks[e->block];
    size_t first = b->first_line, last = b->last_line;
    if (last + 1 < doc->source.line_count && awl_source_line_is_blank(&doc->source, last + 1) &&
        (first == 0 || awl_source_line_is_blank(&doc->source, first - 1)))
        last++;
    add_edit(edits, doc->source.line_starts[first], after_line(&doc->source, last), "");
}

static void render_entry(merger *m, const awl_merge_style *style, const mentry *e, awl_buf *out)
{
    awl_merge_item item = {
        .title = e->title ? e->title : "",
        .href = e->primary,
        .description = e->description,
        .venue = e->venue_changed ? e->new_venue : e->venue,
        .year = e->venue_changed ? e->new_year : e->year,
    };
    /* the entry's own links, then those its dropped copies brought */
    size_t count = e->link_count + e->added_count;
    awl_merge_link *links = awl_arena_alloc(m->arena, (count + 1) * sizeof(awl_merge_link));
    for (size_t l = 0; l < e->link_count; l++)
        links[l] = e->links[l];
    for (size_t l = 0; l < e->added_count; l++)
        links[e->link_count + l] = *(awl_merge_link *)awl_vec_at(&m->added, e->added_first + l);
    item.links = links;
    item.link_count = count;
    awl_merge_render(&m->conv, style, &item, out);
}

/* ---- order: a section the first list keeps in order stays in order ---- */

typedef enum section_order { ORDER_NONE, ORDER_NEWEST, ORDER_OLDEST, ORDER_ALPHA } section_order;

static int entry_year(const mentry *e)
{
    return e->venue_changed && e->source > 0 ? e->new_year : e->year;
}

/* Negative when a comes before b in `order`; entries without a year go last. */
static int order_compare(section_order order, const mentry *a, const mentry *b)
{
    int ya = entry_year(a), yb = entry_year(b);
    switch (order) {
    case ORDER_NEWEST:
    case ORDER_OLDEST:
        if (!ya || !yb)
            return (ya == 0) - (yb == 0);
        return order == ORDER_NEWEST ? (yb > ya) - (yb < ya) : (ya > yb) - (ya < yb);
    case ORDER_ALPHA:
        return strcasecmp(a->title ? a->title : "", b->title ? b->title : "");
    case ORDER_NONE:
        break;
    }
    return 0;
}

/* The order most (80%) of the neighbouring entries of a section agree on,
 * as entry-order detects it; ORDER_NONE for fewer than three entries. */
static section_order detect_order(merger *m, const size_t *ids, size_t n)
{
    if (n < 3)
        return ORDER_NONE;
    static const section_order candidates[] = {ORDER_NEWEST, ORDER_OLDEST, ORDER_ALPHA};
    for (size_t c = 0; c < 3; c++) {
        size_t agree = 0, strict = 0;
        for (size_t i = 0; i + 1 < n; i++) {
            const mentry *a = entry_at(m, ids[i]), *b = entry_at(m, ids[i + 1]);
            if (candidates[c] != ORDER_ALPHA && (!a->year || !b->year))
                continue;
            int cmp = order_compare(candidates[c], a, b);
            agree += cmp <= 0;
            strict += cmp < 0;
        }
        if (strict && agree * 100 >= (n - 1) * 80)
            return candidates[c];
    }
    return ORDER_NONE;
}

typedef struct ordered_entry {
    const mentry *e;
    size_t index;
    section_order order;
} ordered_entry;

static int ordered_compare(const void *pa, const void *pb)
{
    const ordered_entry *a = pa, *b = pb;
    int cmp = order_compare(a->order, a->e, b->e);
    return cmp ? cmp : (a->index > b->index) - (a->index < b->index);
}

/* Indices of entries grouped by merged section: ids[start[k], start[k+1]). */
static size_t *by_section(merger *m, bool first_source, size_t **start_out)
{
    size_t count = m->sections.count;
    size_t *start = awl_xcalloc(count + 2, sizeof(size_t));
    size_t *ids = awl_xmalloc((m->entries.count + 1) * sizeof(size_t));
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < m->entries.count; i++) {
            const mentry *e = entry_at(m, i);
            bool take = !e->dropped && (first_source ? e->source == 0 && e->entry != AWL_NONE &&
                                                           e->owner == AWL_NONE
                                                     : e->source > 0);
            if (!take)
                continue;
            if (pass == 0)
                start[e->msection + 2]++;
            else
                ids[start[e->msection + 1]++] = i;
        }
        if (pass == 0)
            for (size_t k = 0; k < count; k++)
                start[k + 2] += start[k + 1];
    }
    *start_out = start;
    return ids;
}

/* Renders the entries other sources bring: into their place when the
 * section is kept in order (an insertion before the first entry that
 * follows them), else into the section's text added at its end. */
static void render_new_entries(merger *m, awl_merge_style *styles, awl_vec *edits)
{
    const awl_doc *doc = m->sources[0].doc;
    size_t *anchor_start, *new_start;
    size_t *anchors = by_section(m, true, &anchor_start);
    size_t *news = by_section(m, false, &new_start);
    ordered_entry *sorted = awl_xmalloc((m->entries.count + 1) * sizeof(ordered_entry));
    awl_buf one = {0};
    for (size_t k = 0; k < m->sections.count; k++) {
        msection *sec = section_at(m, k);
        const awl_merge_style *style = &styles[k];
        const size_t *own = anchors + anchor_start[k];
        size_t own_count = anchor_start[k + 1] - anchor_start[k];
        section_order order = sec->added ? ORDER_NONE : detect_order(m, own, own_count);
        size_t n = new_start[k + 1] - new_start[k];
        for (size_t j = 0; j < n; j++) {
            size_t i = news[new_start[k] + j];
            sorted[j] = (ordered_entry){entry_at(m, i), i, order};
        }
        if (order != ORDER_NONE)
            qsort(sorted, n, sizeof *sorted, ordered_compare);
        for (size_t j = 0; j < n; j++) {
            const mentry *e = sorted[j].e;
            /* the first entry of the section that comes after this one */
            size_t lo = 0, hi = order == ORDER_NONE ? 0 : own_count;
            if (order != ORDER_NONE && order != ORDER_ALPHA && !entry_year(e))
                lo = hi = own_count;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (order_compare(order, e, entry_at(m, own[mid])) < 0)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            if (order != ORDER_NONE && lo < own_count) {
                awl_buf_clear(&one);
                render_entry(m, style, e, &one);
                if (style->loose || style->paragraphs)
                    awl_buf_puts(&one, m->conv.newline);
                size_t at =
                    doc->source.line_starts[doc->blocks[entry_at(m, own[lo])->block].first_line];
                add_edit(edits, at, at, awl_arena_strndup(m->arena, one.data, one.len));
                continue;
            }
            if (sec->text_items && (style->loose || style->paragraphs))
                awl_buf_puts(&sec->text, m->conv.newline);
            render_entry(m, style, e, &sec->text);
            sec->text_items++;
        }
    }
    awl_buf_free(&one);
    free(sorted);
    free(anchors);
    free(anchor_start);
    free(news);
    free(new_start);
}

/* The style of each merged section: its entries' in the first source, the
 * file's for the sections other sources add. */
static awl_merge_style *learn_styles(merger *m)
{
    const msource *first = &m->sources[0];
    size_t count = m->sections.count;
    awl_merge_style *styles = awl_xcalloc(count + 1, sizeof(awl_merge_style));
    size_t *members = awl_xmalloc((first->entries.count + 1) * sizeof(size_t));
    size_t *start = awl_xcalloc(count + 2, sizeof(size_t));
    bool *paragraphs = awl_xcalloc(count + 1, sizeof(bool));
    for (size_t i = 0; i < m->entries.count; i++) {
        const mentry *e = entry_at(m, i);
        if (e->source != 0)
            break;
        if (e->entry == AWL_NONE)
            paragraphs[e->msection] = true;
        else
            start[e->msection + 1]++;
    }
    for (size_t k = 0; k < count; k++)
        start[k + 1] += start[k];
    size_t *fill = awl_xmalloc((count + 1) * sizeof(size_t));
    memcpy(fill, start, count * sizeof(size_t));
    for (size_t i = 0; i < m->entries.count; i++) {
        const mentry *e = entry_at(m, i);
        if (e->source != 0)
            break;
        if (e->entry != AWL_NONE)
            members[fill[e->msection]++] = e->entry;
    }
    for (size_t k = 0; k < count; k++) {
        awl_merge_section_style(first->doc, &first->entries, members + start[k],
                                start[k + 1] - start[k], &m->conv, &styles[k]);
        styles[k].paragraphs = paragraphs[k] && start[k + 1] == start[k];
        if (styles[k].shape == AWL_SHAPE_TABLE_ROW && section_at(m, k)->added)
            styles[k].shape = AWL_SHAPE_LINK_FIRST;
    }
    free(members);
    free(start);
    free(fill);
    free(paragraphs);
    return styles;
}

/* Where a section's new entries go: after its last entry (the outermost
 * item holding it), else before the first heading after its own. */
static size_t insertion_point(merger *m, size_t msec, bool *after_entry)
{
    const awl_doc *doc = m->sources[0].doc;
    size_t last = AWL_NONE;
    for (size_t i = 0; i < m->entries.count && entry_at(m, i)->source == 0; i++)
        if (entry_at(m, i)->msection == msec)
            last = i;
    if (last != AWL_NONE) {
        while (entry_at(m, last)->owner != AWL_NONE)
            last = entry_at(m, last)->owner;
        *after_entry = true;
        return after_line(&doc->source, doc->blocks[entry_at(m, last)->block].last_line);
    }
    *after_entry = false;
    const msection *sec = section_at(m, msec);
    size_t heading = doc->sections[sec->doc_section].heading;
    for (size_t b = heading == AWL_NONE ? 1 : heading + 1; b < doc->block_count; b++)
        if (doc->blocks[b].kind == AWL_BLOCK_HEADING)
            return doc->blocks[b].start;
    return doc->source.length;
}

/* Text that puts `body` at offset `at` of the first source with the blank
 * lines Markdown needs around it. */
static const char *framed(merger *m, size_t at, const char *body, bool blank_before,
                          bool blank_after)
{
    const awl_source *src = &m->sources[0].doc->source;
    const char *s = src->bytes;
    const char *nl = m->conv.newline;
    awl_buf out = {0};
    awl_buf_puts(&out, "");
    if (at > 0 && s[at - 1] != '\n')
        awl_buf_puts(&out, nl); /* the file's last line had no newline */
    if (blank_before && at > 0 &&
        !(at >= 2 && s[at - 1] == '\n' &&
          (s[at - 2] == '\n' || (at >= 3 && s[at - 2] == '\r' && s[at - 3] == '\n'))))
        awl_buf_puts(&out, nl);
    awl_buf_puts(&out, body);
    if (blank_after && at < src->length && s[at] != '\n' && !(s[at] == '\r' && s[at + 1] == '\n'))
        awl_buf_puts(&out, nl);
    const char *text = awl_arena_strndup(m->arena, out.data, out.len);
    awl_buf_free(&out);
    return text;
}

/* The first of the first source's trailing non-content sections
 * (Contributing, License...): added sections go before it. */
static size_t trailing_meta_start(const awl_doc *doc)
{
    size_t at = doc->source.length;
    for (size_t k = doc->section_count; k-- > 1;) {
        if (!awl_section_is_meta(doc, k))
            break;
        at = doc->sections[k].start;
    }
    return at;
}

/* A closing section naming the lists a list comes from or points to
 * (References, Other lists, See also): not where papers are listed. */
static bool lists_other_lists(const awl_doc *doc, size_t section)
{
    static const char *const names[] = {"reference",    "other list",    "see also",
                                        "related list", "other awesome", "inspired by"};
    size_t heading = doc->sections[section].heading;
    if (heading == AWL_NONE)
        return false;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasestr(doc->blocks[heading].text, names[i]))
            return true;
    return false;
}

/* Where added sections go: before the first top-level heading after the
 * last section holding papers (References, Contributing...), else before
 * the trailing Contributing/License sections. */
static size_t added_sections_start(merger *m, unsigned top_level)
{
    const awl_doc *doc = m->sources[0].doc;
    size_t last = AWL_NONE;
    for (size_t i = 0; i < m->entries.count && entry_at(m, i)->source == 0; i++) {
        size_t sec = awl_doc_section_at(doc, doc->blocks[entry_at(m, i)->block].start);
        if ((last == AWL_NONE || sec > last) && !lists_other_lists(doc, sec))
            last = sec;
    }
    if (last != AWL_NONE)
        for (size_t k = last + 1; k < doc->section_count; k++)
            if (doc->sections[k].level <= top_level)
                return doc->sections[k].start;
    return trailing_meta_start(doc);
}

static void build_output(merger *m, awl_buf *out)
{
    const awl_doc *doc = m->sources[0].doc;
    awl_merge_style *styles = learn_styles(m);
    awl_vec edits;
    awl_vec_init(&edits, sizeof(edit));
    render_new_entries(m, styles, &edits);
    for (size_t i = 0; i < m->entries.count; i++) {
        const mentry *e = entry_at(m, i);
        if (e->source != 0)
            break;
        if (e->dropped)
            edit_dropped(m, e, &edits);
        else if (e->venue_changed || e->added_count)
            edit_kept(m, e, styles[e->msection].shape, &edits);
    }
    const char *nl = m->conv.newline;
    unsigned min_level = 6;
    for (size_t k = 1; k < doc->section_count; k++) {
        unsigned level = doc->sections[k].level;
        if (level > 1 && level < min_level)
            min_level = level;
    }
    if (min_level == 6)
        min_level = doc->section_count > 1 ? 1 : 2;
    size_t added_at = added_sections_start(m, min_level);
    awl_buf appended = {0};
    awl_buf_puts(&appended, "");
    for (size_t k = 0; k < m->sections.count; k++) {
        msection *sec = section_at(m, k);
        if (!sec->added) {
            if (sec->text_items) {
                bool after_entry = false;
                size_t at = insertion_point(m, k, &after_entry);
                bool spaced = !after_entry || styles[k].loose || styles[k].paragraphs;
                add_edit(&edits, at, at,
                         framed(m, at, sec->text.data, spaced, !after_entry || spaced));
            }
            continue;
        }
        if (!sec->text_items) {
            awl_merge_decision *d = awl_vec_at(&m->decisions, sec->decision);
            d->detail = "not added (all its entries are duplicates)";
            continue;
        }
        /* at the top content level: nested under the first list's last
         * section, an added section would read as part of it */
        unsigned level = min_level;
        if (appended.len)
            awl_buf_puts(&appended, nl);
        for (unsigned l = 0; l < level; l++)
            awl_buf_putc(&appended, '#');
        awl_buf_printf(&appended, " %s%s%s", sec->heading, nl, nl);
        awl_buf_append(&appended, sec->text.data, sec->text.len);
    }
    if (appended.len)
        add_edit(&edits, added_at, added_at, framed(m, added_at, appended.data, true, true));
    awl_buf_free(&appended);
    awl_buf_reserve(out, doc->source.length + 4096);
    apply_edits(doc->source.bytes, doc->source.length, &edits, out);
    awl_vec_free(&edits);
    free(styles);
}

/* The repairs a merged list needs and the fixer can prove: the table of
 * contents, anchors, mojibake carried in from a source, and the order of
 * sections that were kept in order. */
static void repair(merger *m, awl_merge_result *result)
{
    awl_config config;
    awl_config_defaults(&config);
    bool first_select = true;
    const char *bad = NULL;
    awl_config_select(&config, "toc,anchor,mojibake,entry-order", true, &first_select, m->arena,
                      &bad);
    awl_fix_result fixed = {0};
    awl_fix_text(m->sources[0].in->name, result->text.data, result->text.len, &config, false,
                 &fixed);
    if (fixed.failed) {
        result->fix_failed = true;
    } else if (fixed.changed) {
        awl_buf_free(&result->text);
        result->text = fixed.text;
        fixed.text = (awl_buf){0};
    }
    awl_fix_result_free(&fixed);
}

/* In-page links that point to no heading of the merged list (a source's
 * stale cross-references: `[also in [2.1](#21-dl-scheduling)]`) become
 * their text, each reported: a merged list must not ship broken anchors. */
static void unlink_dead_anchors(merger *m, awl_merge_result *result)
{
    awl_config config;
    awl_config_defaults(&config);
    bool first_select = true;
    const char *bad = NULL;
    awl_config_select(&config, "anchor", true, &first_select, m->arena, &bad);
    awl_doc *doc =
        awl_doc_parse_borrowed(m->sources[0].in->name, result->text.data, result->text.len);
    awl_diags diags;
    awl_diags_init(&diags);
    awl_lint(doc, &config, &diags);
    const char *s = doc->source.bytes;
    awl_vec edits;
    awl_vec_init(&edits, sizeof(edit));
    size_t l = 0;
    for (size_t d = 0; d < diags.items.count; d++) {
        const awl_diag *diag = awl_vec_at(&diags.items, d);
        if (diag->severity != AWL_SEVERITY_ERROR)
            continue;
        while (l < doc->link_count &&
               (doc->links[l].href_end == AWL_NONE || doc->links[l].href_end < diag->start))
            l++;
        if (l == doc->link_count)
            break;
        const awl_link *link = &doc->links[l];
        size_t open = link->text_start, close = link->text_end;
        if (link->href[0] != '#' || link->href_start == AWL_NONE || open == AWL_NONE || open == 0 ||
            s[open - 1] != '[' || s[close] != ']' || s[close + 1] != '(' ||
            s[link->href_end] != ')' || diag->start > link->href_end)
            continue;
        add_edit(&edits, open - 1, link->href_end + 1,
                 awl_arena_strndup(m->arena, s + open, close - open));
        decide(m, AWL_MERGE_UNLINKED, awl_arena_strndup(m->arena, s + open, close - open),
               (awl_merge_place){0, link->line + 1}, (awl_merge_place){0, link->line + 1},
               awl_arena_strdup(m->arena, link->href), NULL);
    }
    if (edits.count) {
        awl_buf out = {0};
        apply_edits(s, doc->source.length, &edits, &out);
        awl_diags_free(&diags);
        awl_doc_free(doc);
        awl_buf_free(&result->text);
        result->text = out;
    } else {
        awl_diags_free(&diags);
        awl_doc_free(doc);
    }
    awl_vec_free(&edits);
}

void awl_merge_texts(const awl_merge_input *inputs, size_t count, const awl_section_map *maps,
                     size_t map_count, awl_merge_result *out)
{
    memset(out, 0, sizeof *out);
    merger m = {0};
    m.arena = &out->arena;
    m.maps = maps;
    m.map_count = map_count;
    m.source_count = count;
    m.sources = awl_xcalloc(count + 1, sizeof(msource));
    for (size_t s = 0; s < count; s++) {
        m.sources[s].in = &inputs[s];
        m.sources[s].doc = awl_doc_parse(inputs[s].name, inputs[s].bytes, inputs[s].len);
        awl_entries_extract(m.sources[s].doc, &m.sources[s].entries);
    }
    awl_vec_init(&m.decisions, sizeof(awl_merge_decision));
    awl_merge_learn(m.sources[0].doc, &m.sources[0].entries, m.arena, &m.conv);
    read_sources(&m);
    group_entries(&m);
    build_output(&m, &out->text);
    repair(&m, out);
    unlink_dead_anchors(&m, out);
    out->entries_in = m.entries.count;
    for (size_t i = 0; i < m.entries.count; i++)
        out->entries_out += !entry_at(&m, i)->dropped;
    out->decisions = m.decisions.items;
    out->decision_count = m.decisions.count;
    for (size_t k = 0; k < m.sections.count; k++)
        awl_buf_free(&section_at(&m, k)->text);
    awl_vec_free(&m.sections);
    awl_vec_free(&m.entries);
    awl_vec_free(&m.added);
    awl_strmap_free(&m.section_by_key);
    awl_merge_conventions_free(&m.conv);
    for (size_t s = 0; s < count; s++) {
        free(m.sources[s].section_entries);
        awl_entries_free(&m.sources[s].entries);
        awl_doc_free(m.sources[s].doc);
    }
    free(m.sources);
}

void awl_merge_result_free(awl_merge_result *result)
{
    awl_buf_free(&result->text);
    free(result->decisions);
    awl_arena_free(&result->arena);
}
