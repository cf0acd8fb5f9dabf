/*
 * merge_read: the entries of every source of a merge and the sections they
 * go into (steps 1 and 2 of merge.c): list entries (entries.h), paragraph
 * entries under venue and year headings, headings matched by key or by a
 * forced mapping.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "duplicates.h"
#include "merge_model.h"

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
    sec->last_entry = AWL_NONE;
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
        awl_merge_decide(m, AWL_MERGE_SECTION, trimmed(m->arena, text), (awl_merge_place){0, line},
                         from, mapped ? "mapped" : "matched", sec->heading);
    } else if (slot) {
        index = *slot; /* added already by an earlier source */
        awl_merge_decide(m, AWL_MERGE_SECTION, trimmed(m->arena, text), (awl_merge_place){0, 0},
                         from, mapped ? "mapped" : "matched", section_at(m, index)->heading);
    } else {
        index = new_section(m, key, source, doc_section, true);
        section_at(m, index)->decision = m->decisions.count;
        awl_merge_decide(m, AWL_MERGE_SECTION, trimmed(m->arena, text), (awl_merge_place){0, 0},
                         from, mapped ? "mapped" : "added", section_at(m, index)->heading);
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

const char *awl_merge_label_of_href(merger *m, const char *href)
{
    bool paper = false;
    size_t len = 0;
    const char *key = awl_dup_link_key(m->arena, href, &paper, &len);
    return key && strncmp(key, "github:", 7) == 0 ? "code" : "paper";
}

/* The first link on `line` or after it (links are in document order). */
static size_t first_link_on(const awl_doc *doc, size_t line)
{
    size_t lo = 0, hi = doc->link_count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->links[mid].line < line)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
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
        bool paper_link = false; /* a repository's name is compared as it is (`linfa`) */
        size_t key_len = 0;
        const char *key =
            e->primary != AWL_NONE
                ? awl_dup_link_key(m->arena, doc->links[e->primary].href, &paper_link, &key_len)
                : NULL;
        if (me->dup_title && me->dup_title == e->title && e->shape == AWL_SHAPE_LINK_FIRST &&
            e->description && *e->description && !strchr(e->title, ' ') &&
            !(key && strncmp(key, "github:", 7) == 0))
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
        /* the first list's items: every web link on their own lines too
         * (badges, a link in the description), so that a dropped copy
         * hands all of them to the copy kept */
        const awl_block *item = &doc->blocks[e->block];
        size_t own_last = item->last_line; /* up to its first sub-list: those are theirs */
        for (size_t b = e->block + 1; b < doc->block_count && doc->blocks[b].depth > item->depth;
             b++)
            if (doc->blocks[b].kind == AWL_BLOCK_LIST && doc->blocks[b].parent == e->block) {
                own_last = doc->blocks[b].first_line - 1;
                break;
            }
        size_t from = s == 0 ? first_link_on(doc, item->first_line) : doc->link_count, to = from;
        while (to < doc->link_count && doc->links[to].line <= own_last)
            to++;
        me->links =
            awl_arena_alloc(m->arena, (e->link_count + (to - from) + 1) * sizeof(awl_merge_link));
        for (size_t l = 0; l < e->link_count; l++) {
            const char *href = doc->links[e->links[l].link].href;
            if (s > 0 && href[0] == '#')
                continue; /* points into its own list: nowhere in the merged one */
            /* `link` says nothing: what the target is (code, paper) says more */
            const char *label = e->links[l].label;
            if (!label || strcasecmp(label, "link") == 0)
                label = awl_merge_label_of_href(m, href);
            me->links[me->link_count++] = (awl_merge_link){href, label};
        }
        for (size_t k = from; k < to; k++) {
            const char *href = doc->links[k].href;
            bool known = k == e->primary || strncmp(href, "http", 4) != 0;
            for (size_t l = 0; l < me->link_count && !known; l++)
                known = strcmp(me->links[l].href, href) == 0;
            if (!known)
                me->links[me->link_count++] =
                    (awl_merge_link){href, awl_merge_label_of_href(m, href)};
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

void awl_merge_read_sources(merger *m)
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
        for (size_t i = from; i < m->entries.count && s == 0; i++)
            section_at(m, entry_at(m, i)->msection)->last_entry = i;
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
