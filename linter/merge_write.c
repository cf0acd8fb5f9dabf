/*
 * merge_write: the merged list (steps 4 and 5 of merge.c): the first
 * source's text with edits (copies removed, tags and links added, other
 * lists' entries inserted in the first list's style and order, added
 * sections), then the fixer's verified repairs and the dead anchors
 * unlinked.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "duplicates.h"
#include "engine.h"
#include "fix.h"
#include "merge_model.h"

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
            add_edit(edits, tag->start, tag->end, awl_merge_tag_text(m, e->new_venue, e->new_year));
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
                     awl_arena_printf(m->arena, "[%s] ",
                                      awl_merge_tag_text(m, e->new_venue, e->new_year)));
        } else if (!replaced) {
            awl_buf_printf(&tail, "%s%s%s", m->conv.tag_before,
                           awl_merge_tag_text(m, e->new_venue, e->new_year), m->conv.tag_after);
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
    size_t last = section_at(m, msec)->last_entry;
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
        if (link->href[0] != '#' || link->href_start == AWL_NONE || open == AWL_NONE ||
            diag->start > link->href_end)
            continue;
        /* `[**Speech**](#Speech "title")`: the brackets around emphasis, the
         * parenthesis after a title */
        while (open > 0 && strchr("*_`", s[open - 1]))
            open--;
        while (close < doc->source.length && strchr("*_`", s[close]))
            close++;
        size_t end = link->href_end;
        while (end < doc->source.length && s[end] == ' ')
            end++;
        char quote = end < doc->source.length ? s[end] : '\0';
        if (quote == '"' || quote == '\'' || quote == '(') {
            char closing = quote == '(' ? ')' : quote;
            end++;
            while (end < doc->source.length && s[end] != closing && s[end] != '\n')
                end++;
            end++;
            while (end < doc->source.length && s[end] == ' ')
                end++;
        }
        if (open == 0 || s[open - 1] != '[' || s[close] != ']' || s[close + 1] != '(' ||
            end >= doc->source.length || s[end] != ')')
            continue;
        add_edit(&edits, open - 1, end + 1, awl_arena_strndup(m->arena, s + open, close - open));
        awl_merge_decide(m, AWL_MERGE_UNLINKED, awl_arena_strndup(m->arena, s + open, close - open),
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

static void expect_link(merger *m, const awl_strmap *present, const char *href,
                        awl_merge_result *result)
{
    bool paper;
    size_t len;
    const char *key = href ? awl_dup_link_key(m->arena, href, &paper, &len) : NULL; /* NULL: not web */
    if (!key || awl_strmap_get(present, key, len))
        return;
    if (!result->lost_links++)
        result->lost_example = awl_arena_strdup(m->arena, href);
}

/* The proof that nothing was lost: every web link of the first list, and
 * every link of every list entry of the others, is in the merged list
 * (the same target by the duplicate keys: a copy's arXiv pdf link is its
 * abs link). */
static void verify_links(merger *m, awl_merge_result *result)
{
    awl_doc *out = awl_doc_parse_borrowed("merged", result->text.data, result->text.len);
    awl_strmap present;
    awl_strmap_init(&present);
    for (size_t l = 0; l < out->link_count; l++) {
        bool paper, inserted;
        size_t len;
        const char *href = out->links[l].href;
        const char *key = awl_dup_link_key(m->arena, href, &paper, &len); /* NULL: not web */
        if (key)
            awl_strmap_upsert(&present, key, len, &inserted);
    }
    const awl_doc *first = m->sources[0].doc;
    for (size_t l = 0; l < first->link_count; l++)
        expect_link(m, &present, first->links[l].href, result);
    for (size_t i = 0; i < m->entries.count; i++) {
        const mentry *e = entry_at(m, i);
        if (e->source == 0 || e->entry == AWL_NONE)
            continue;
        expect_link(m, &present, e->primary, result);
        for (size_t l = 0; l < e->link_count; l++)
            expect_link(m, &present, e->links[l].href, result);
    }
    awl_strmap_free(&present);
    awl_doc_free(out);
}

void awl_merge_write(merger *m, awl_merge_result *result)
{
    build_output(m, &result->text);
    repair(m, result);
    unlink_dead_anchors(m, result);
    verify_links(m, result);
}
