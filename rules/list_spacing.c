/*
 * list-spacing: the items of a list of links are not separated by blank
 * lines.
 *
 * A blank line between two items (or between an item's text and its
 * sub-list) makes the whole list "loose": GitHub then wraps every item in a
 * paragraph and spaces the list out like prose. For a list of links that is
 * almost never meant; it comes from copy-pasting entries with a blank line
 * around them. The fix deletes those blank lines, which makes the list tight
 * again; the page changes (the paragraph spacing goes), so the fix declares
 * a text change.
 *
 * Left alone:
 *  - lists whose items hold more than one paragraph, or code, quotes,
 *    tables, HTML or headings (as `code [...]` / `paper [...]` items do):
 *    there the blank lines belong to the items and the list is loose on
 *    purpose, whatever the spacing between items;
 *  - lists that are not lists of links (most items without a link): prose
 *    lists may be loose by choice;
 *  - files that space out nearly all their entries (19 pairs of neighbouring
 *    items in 20, tables of contents left out): there loose lists are the
 *    house style, not an accident.
 *
 * Reported without a fix: lists where something other than blank lines
 * sits between the items (a link reference definition), where the blank
 * line ends HTML or code that would otherwise run on, where removing it
 * would not leave a sub-list able to start right after its parent's text
 * (an ordered sub-list that does not start at 1 would be read as more
 * text), or where the rendered file would change beyond its paragraph tags
 * (see verify_fixes).
 */
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "rule.h"

/* True when the line is empty once white space and blockquote '>' markers
 * are skipped: a blank line of the container the list lives in. */
static bool is_blank_line(const awl_source *src, size_t line)
{
    size_t end = awl_source_line_end(src, line);
    for (size_t i = src->line_starts[line]; i < end; i++) {
        char c = src->bytes[i];
        if (c != ' ' && c != '\t' && c != '>')
            return false;
    }
    return true;
}

/* True when the item's marker line holds something after the marker. */
static bool item_has_text(const awl_doc *doc, const awl_block *item)
{
    if (item->marker_offset == AWL_NONE)
        return false;
    const char *s = doc->source.bytes;
    size_t end = awl_source_line_end(&doc->source, item->first_line);
    size_t i = item->marker_offset;
    while (i < end && s[i] >= '0' && s[i] <= '9')
        i++;
    i++; /* the bullet or the ordered list's delimiter */
    for (; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return true;
    return false;
}

enum { LINKED = 1, ELSEWHERE = 2 };

typedef struct run {
    size_t first, last; /* blank lines first..last (inclusive) */
} run;

typedef struct tree {
    size_t *first_child;
    size_t *next_sibling;
    /* Per list item: LINKED when a link (not an image) sits in its own text,
     * ELSEWHERE when one of them leads out of the page (not to #anchor). */
    unsigned char *item_links;
} tree;

/* Collects the blank lines between `before` (a block) and `after`. Returns
 * false when a line there is not blank or is code, HTML or a table (the
 * block before is not a plain paragraph or list then). */
static bool gap_between(const awl_doc *doc, const awl_block *before, const awl_block *after,
                        awl_vec *runs)
{
    if (after->first_line <= before->last_line + 1)
        return true;
    const uint16_t structural = AWL_LINE_CODE | AWL_LINE_HTML | AWL_LINE_TABLE;
    if (doc->line_flags[before->last_line] & structural)
        return false;
    for (size_t line = before->last_line + 1; line < after->first_line; line++)
        if (!is_blank_line(&doc->source, line) || (doc->line_flags[line] & structural))
            return false;
    run *r = awl_vec_push(runs);
    r->first = before->last_line + 1;
    r->last = after->first_line - 1;
    return true;
}

/* How the file spaces the items of its lists of entries (tables of
 * contents left out): pairs of neighbouring items with blank lines between
 * them, and without. */
typedef struct spacing {
    size_t loose_pairs, tight_pairs;
} spacing;

/* A finding in the making: a loose list of links and its blank runs. */
typedef struct finding {
    size_t first_run, run_count; /* in the runs vector */
    size_t blank;                /* blank lines in all */
    size_t window_start, window_end; /* the top-level block holding the list */
    bool fixable;
    bool simple; /* nothing to verify: see verify_fixes */
} finding;

/* Checks one loose list; records a finding when it is a list of links
 * spaced by blank lines. */
static void check_list(const awl_doc *doc, const tree *t, size_t list, awl_vec *runs,
                       awl_vec *findings, spacing *style)
{
    size_t mark = runs->count;
    size_t items = 0, linked = 0, loose_pairs = 0;
    bool elsewhere = false;
    bool fixable = true;
    size_t prev = AWL_NONE;
    bool simple = doc->blocks[list].parent == 0;
    for (size_t item = t->first_child[list]; item != AWL_NONE; item = t->next_sibling[item]) {
        const awl_block *it = &doc->blocks[item];
        if (it->kind != AWL_BLOCK_ITEM)
            goto drop;
        items++;
        /* The item: one paragraph (on the marker line), then only lists. */
        size_t para = t->first_child[item];
        if (para == AWL_NONE || doc->blocks[para].kind != AWL_BLOCK_PARAGRAPH ||
            doc->blocks[para].first_line != it->first_line)
            goto drop;
        linked += (t->item_links[item] & LINKED) != 0;
        elsewhere |= (t->item_links[item] & ELSEWHERE) != 0;
        size_t before = para;
        for (size_t child = t->next_sibling[para]; child != AWL_NONE;
             child = t->next_sibling[child]) {
            const awl_block *sub = &doc->blocks[child];
            if (sub->kind != AWL_BLOCK_LIST)
                goto drop; /* a second paragraph, code, a quote...: loose on purpose */
            size_t runs_before = runs->count;
            if (!gap_between(doc, &doc->blocks[before], sub, runs))
                fixable = false;
            /* Once the blank line goes, the sub-list must still start a list
             * right after the text: only a non-empty item can, and an
             * ordered one only from 1. */
            if (runs->count > runs_before) {
                simple = false;
                size_t first = t->first_child[child];
                if (first == AWL_NONE || !item_has_text(doc, &doc->blocks[first]) ||
                    (sub->ordered && sub->start_number != 1))
                    fixable = false;
            }
            before = child;
        }
        if (prev != AWL_NONE) {
            loose_pairs += it->first_line > doc->blocks[prev].last_line + 1;
            if (!gap_between(doc, &doc->blocks[prev], it, runs))
                fixable = false;
        }
        prev = item;
    }
    /* A list of links: more than half of its items carry one. */
    if (!items || linked * 2 <= items)
        goto drop;
    if (elsewhere) {
        style->loose_pairs += loose_pairs;
        style->tight_pairs += items - 1 - loose_pairs;
    }
    if (runs->count == mark)
        goto drop;
    finding *f = awl_vec_push(findings);
    size_t top = list;
    while (doc->blocks[top].parent != 0 && doc->blocks[top].parent != AWL_NONE)
        top = doc->blocks[top].parent;
    f->window_start = doc->blocks[top].start;
    f->window_end = awl_source_line_next(&doc->source, doc->blocks[top].last_line);
    f->first_run = mark;
    f->run_count = runs->count - mark;
    f->fixable = fixable;
    /* Nothing but lists, items and paragraphs below it. */
    for (size_t k = list + 1; simple && k < doc->block_count && doc->blocks[k].depth > doc->blocks[list].depth; k++)
        simple = doc->blocks[k].kind == AWL_BLOCK_LIST || doc->blocks[k].kind == AWL_BLOCK_ITEM ||
                 doc->blocks[k].kind == AWL_BLOCK_PARAGRAPH;
    f->simple = simple;
    for (size_t i = mark; i < runs->count; i++) {
        const run *r = awl_vec_at(runs, i);
        f->blank += r->last - r->first + 1;
    }
    return;
drop:
    runs->count = mark;
}

static int compare_runs(const void *a, const void *b)
{
    size_t x = ((const run *)a)->first, y = ((const run *)b)->first;
    return x < y ? -1 : x > y;
}

/* The window [from, to) of the source with the blank runs of findings
 * first..last (those still fixable) deleted. Runs never overlap: each
 * blank line lies between two blocks of one list. */
static void without_runs(const awl_source *src, const awl_vec *runs, const awl_vec *findings,
                         size_t first, size_t last, size_t from, size_t to, awl_buf *out)
{
    awl_vec chosen;
    awl_vec_init(&chosen, sizeof(run));
    for (size_t i = first; i <= last; i++) {
        const finding *f = awl_vec_at(findings, i);
        if (!f->fixable)
            continue;
        for (size_t k = f->first_run; k < f->first_run + f->run_count; k++)
            *(run *)awl_vec_push(&chosen) = *(const run *)awl_vec_at(runs, k);
    }
    if (chosen.count)
        qsort(chosen.items, chosen.count, sizeof(run), compare_runs);
    size_t at = from;
    awl_buf_append(out, "", 0);
    for (size_t k = 0; k < chosen.count; k++) {
        const run *r = awl_vec_at(&chosen, k);
        size_t start = src->line_starts[r->first];
        if (start < at)
            continue; /* cannot happen; never write backwards */
        awl_buf_append(out, src->bytes + at, start - at);
        at = awl_source_line_next(src, r->last);
    }
    awl_buf_append(out, src->bytes + at, to - at);
    awl_vec_free(&chosen);
}

/* HTML with the paragraph tags and line breaks left out: what stays the
 * same when a loose list becomes tight. */
static void render_loosely(const char *text, size_t len, awl_buf *out)
{
    awl_buf html = {0};
    awl_render_html(text, len, &html);
    awl_buf_clear(out);
    awl_buf_append(out, "", 0);
    const char *p = html.data, *end = html.data + html.len;
    while (p < end) {
        /* Copy up to the next line break or tag, then skip the break or a
         * paragraph tag. */
        const char *stop = p;
        while (stop < end && *stop != '\n' && *stop != '<')
            stop++;
        awl_buf_append(out, p, (size_t)(stop - p));
        p = stop;
        if (p == end)
            break;
        if (*p == '\n')
            p++;
        else if (end - p >= 3 && memcmp(p, "<p>", 3) == 0)
            p += 3;
        else if (end - p >= 4 && memcmp(p, "</p>", 4) == 0)
            p += 4;
        else
            awl_buf_append(out, p++, 1);
    }
    awl_buf_free(&html);
}

static bool same_loosely(const awl_buf *a, const awl_buf *b)
{
    return a->len == b->len && memcmp(a->data, b->data, a->len) == 0;
}

/* True when the window of finding `first` renders as before (`before`)
 * but for paragraph tags once the runs of the fixable findings first..last
 * (which share that window) are gone. */
static bool window_holds(const awl_source *src, const awl_vec *runs, const awl_vec *findings,
                         size_t first, size_t last, const awl_buf *before, awl_buf *text,
                         awl_buf *after)
{
    const finding *f = awl_vec_at(findings, first);
    awl_buf_clear(text);
    without_runs(src, runs, findings, first, last, f->window_start, f->window_end, text);
    render_loosely(text->data, text->len, after);
    return same_loosely(before, after);
}

/*
 * The fix changes the rendering on purpose (the <p> of each item goes), so
 * the fixer's check that the page renders the same cannot vouch for it.
 * This does instead, for the lists where removing blank lines is more than
 * closing up items: blank lines inside an item (before its sub-list), lists
 * nested in other blocks, items holding code or HTML further down. The
 * top-level block holding the list (the list, or the quote or list around
 * it) is rendered on its own before and after, and must come out the same
 * but for paragraph tags. Findings sharing a block are checked together,
 * one by one (up to a bound) only when that fails. A plain top-level list
 * of text items needs no check, so most files render nothing, and none
 * renders more than its own size twice over.
 */
static void verify_fixes(const awl_doc *doc, const awl_vec *runs, awl_vec *findings)
{
    enum { MAX_ONE_BY_ONE = 16 };
    const awl_source *src = &doc->source;
    awl_buf before = {0}, text = {0}, after = {0};
    for (size_t first = 0; first < findings->count;) {
        const finding *f = awl_vec_at(findings, first);
        size_t last = first;
        bool risky = f->fixable && !f->simple;
        while (last + 1 < findings->count &&
               ((const finding *)awl_vec_at(findings, last + 1))->window_start == f->window_start) {
            last++;
            const finding *g = awl_vec_at(findings, last);
            risky |= g->fixable && !g->simple;
        }
        if (risky) {
            render_loosely(src->bytes + f->window_start, f->window_end - f->window_start, &before);
            if (!window_holds(src, runs, findings, first, last, &before, &text, &after)) {
                size_t tried = 0;
                for (size_t i = first; i <= last; i++) {
                    finding *g = awl_vec_at(findings, i);
                    if (g->fixable && (first == last || tried++ >= MAX_ONE_BY_ONE ||
                                       !window_holds(src, runs, findings, i, i, &before, &text,
                                                     &after)))
                        g->fixable = false;
                }
                /* What is left is applied together: check it together. */
                if (first != last &&
                    !window_holds(src, runs, findings, first, last, &before, &text, &after))
                    for (size_t i = first; i <= last; i++)
                        ((finding *)awl_vec_at(findings, i))->fixable = false;
            }
        }
        first = last + 1;
    }
    awl_buf_free(&before);
    awl_buf_free(&text);
    awl_buf_free(&after);
}

static void report(awl_check *check, const awl_vec *runs, const awl_vec *findings)
{
    const awl_source *src = &check->doc->source;
    for (size_t i = 0; i < findings->count; i++) {
        const finding *f = awl_vec_at(findings, i);
        const run *first = awl_vec_at(runs, f->first_run);
        awl_diag *diag = awl_emit(
            check, src->line_starts[first->first], awl_source_line_end(src, first->first),
            f->fixable ? "blank lines between the items of a list of links (%zu) make it a "
                         "loose list, spaced out like paragraphs"
                       : "blank lines between the items of a list of links (%zu) make it a "
                         "loose list (not fixed: removing them would change how the lines "
                         "around them are read)",
            f->blank);
        if (!f->fixable)
            continue;
        for (size_t k = f->first_run; k < f->first_run + f->run_count; k++) {
            const run *r = awl_vec_at(runs, k);
            awl_add_edit(check, diag, src->line_starts[r->first],
                         awl_source_line_next(src, r->last), "", 0);
        }
        /* Tight items lose their <p>: the page changes on purpose. */
        diag->changes_text = true;
    }
}

static void check_list_spacing(awl_check *check)
{
    const awl_doc *doc = check->doc;
    size_t n = doc->block_count;
    tree t;
    t.first_child = awl_xmalloc(n * sizeof *t.first_child);
    t.next_sibling = awl_xmalloc(n * sizeof *t.next_sibling);
    t.item_links = awl_xcalloc(n, 1);
    size_t *last_child = awl_xmalloc(n * sizeof *last_child);
    for (size_t i = 0; i < n; i++)
        t.first_child[i] = t.next_sibling[i] = last_child[i] = AWL_NONE;
    for (size_t i = 1; i < n; i++) {
        size_t p = doc->blocks[i].parent;
        if (p == AWL_NONE)
            continue;
        if (last_child[p] == AWL_NONE)
            t.first_child[p] = i;
        else
            t.next_sibling[last_child[p]] = i;
        last_child[p] = i;
    }
    free(last_child);
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *link = &doc->links[i];
        if (link->kind == AWL_LINK_IMAGE || link->item == AWL_NONE || link->item >= n)
            continue;
        t.item_links[link->item] |= LINKED | (link->href[0] != '#' ? ELSEWHERE : 0);
    }

    awl_vec runs, findings;
    awl_vec_init(&runs, sizeof(run));
    awl_vec_init(&findings, sizeof(finding));
    spacing style = {0, 0};
    for (size_t i = 1; i < n; i++) {
        if (doc->blocks[i].kind != AWL_BLOCK_LIST)
            continue;
        if (!doc->blocks[i].tight) {
            check_list(doc, &t, i, &runs, &findings, &style);
            continue;
        }
        size_t items = 0, linked = 0;
        bool elsewhere = false;
        for (size_t k = t.first_child[i]; k != AWL_NONE; k = t.next_sibling[k]) {
            items++;
            linked += (t.item_links[k] & LINKED) != 0;
            elsewhere |= (t.item_links[k] & ELSEWHERE) != 0;
        }
        if (items && linked * 2 > items && elsewhere)
            style.tight_pairs += items - 1;
    }
    /* A file that spaces nearly all its entries (19 in 20, and at least 10
     * of them) has made loose lists its style: nothing to report. */
    if (style.loose_pairs >= 10 && style.loose_pairs * 20 >= (style.loose_pairs + style.tight_pairs) * 19)
        findings.count = 0;
    verify_fixes(doc, &runs, &findings);
    report(check, &runs, &findings);
    awl_vec_free(&runs);
    awl_vec_free(&findings);
    free(t.first_child);
    free(t.next_sibling);
    free(t.item_links);
}

const awl_rule awl_rule_list_spacing = {
    .id = "list-spacing",
    .category = "structure",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Items of a list of links are not separated by blank lines",
    .explanation =
        "A blank line between two items makes the whole list loose: GitHub wraps\n"
        "every item in a paragraph and spaces the list out like prose, which for a\n"
        "list of links is rarely meant. The fix removes the blank lines. Lists whose\n"
        "items hold more than one paragraph (a `code` line and a `paper` line, say)\n"
        "are loose on purpose and left alone, blank lines included; so is a file\n"
        "that spaces out nearly all of its entries (19 in 20): that is its style.\n"
        "\n"
        "Bad:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "\n"
        "    - [Alpa](https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin)\n"
        "Good:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "    - [Alpa](https://www.usenix.org/conference/osdi22/presentation/zheng-lianmin)\n",
    .check = check_list_spacing,
};
