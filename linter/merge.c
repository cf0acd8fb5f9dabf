/*
 * merge: combining lists (see merge.h). The steps, in order:
 *   1. parse every source; read its entries (entries.h) and, in sections
 *      under venue or year headings that hold no list entries, its
 *      paragraph entries (merge_read.c);
 *   2. give every entry a merged section: the first source's own sections,
 *      then, for later sources, the first source's section with the same
 *      heading key (or the forced one), else a section added after the
 *      first source's sections of papers (merge_read.c);
 *   3. group all entries with the duplicate keys (awl_dups_group) and
 *      decide, per group, the copy kept, its venue tag and its links
 *      (here);
 *   4. write the first source with edits: lines of dropped copies removed,
 *      tags replaced, links appended, other sources' entries inserted in
 *      the section's order or at its end, added sections (merge_write.c);
 *   5. let the fixer regenerate the table of contents and make the repairs
 *      it can verify; unlink in-page links to no heading (merge_write.c).
 */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

#include "duplicates.h"
#include "merge_model.h"

void awl_merge_decide(merger *m, awl_merge_decision_kind kind, const char *title,
                      awl_merge_place kept, awl_merge_place from, const char *detail,
                      const char *into)
{
    awl_merge_decision *d = awl_vec_push(&m->decisions);
    /* titles may live in a source's document, which goes before the result */
    *d = (awl_merge_decision){
        kind, awl_arena_strdup(m->arena, title ? title : ""), kept, from, detail ? detail : "",
        into};
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

const char *awl_merge_tag_text(merger *m, const awl_venue *venue, int year)
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
        a->label = l == 0 ? awl_merge_label_of_href(m, href) : copy->links[l - 1].label;
        kept->added_count++;
        awl_merge_decide(m, AWL_MERGE_LINK, kept->title, place_of(kept), place_of(copy),
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
                awl_merge_decide(m, AWL_MERGE_KEPT, copy->title, place_of(kept), place_of(copy),
                                 "its item holds other entries", NULL);
                continue;
            }
            copy->dropped = true;
            awl_merge_decide(m, AWL_MERGE_DUPLICATE, kept->title, place_of(kept), place_of(copy),
                             NULL, NULL);
        }
        for (size_t i = r; i != AWL_NONE; i = next[i]) {
            mentry *copy = entry_at(m, i);
            if ((copy->venue || i == r) && (copy->venue != venue || copy->year != year))
                awl_merge_decide(m, AWL_MERGE_VENUE, kept->title, place_of(kept), place_of(copy),
                                 awl_arena_printf(m->arena, "%s over %s",
                                                  awl_merge_tag_text(m, venue, year),
                                                  awl_merge_tag_text(m, copy->venue, copy->year)),
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
    awl_merge_read_sources(&m);
    group_entries(&m);
    awl_merge_write(&m, out);
    out->entries_in = m.entries.count;
    out->descriptions_left_out = m.descriptions_left_out;
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
