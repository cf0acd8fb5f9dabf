/*
 * list-marker: bullet lists use the file's dominant bullet.
 *
 * The convention is detected per nesting depth (many lists write `-` at the
 * top and `*` below on purpose), or pinned by the config. A list whose bullet
 * differs is reported; the fix rewrites its markers, unless the list touches
 * a neighbouring bullet list: to Markdown, two lists differing only by
 * bullet are two lists, and rewriting a bullet could merge them.
 *
 * A table of contents (a list whose links all point to #anchors) is left
 * out, counted nowhere: generators such as doctoc and mktoc write their own
 * bullet, and the toc rule regenerates it keeping its marker.
 */
#include <stdlib.h>

#include "rule.h"

enum { BULLETS = 3 };
static const char bullet_chars[BULLETS] = {'-', '*', '+'};

static int bullet_index(char c)
{
    for (int i = 0; i < BULLETS; i++)
        if (bullet_chars[i] == c)
            return i;
    return -1;
}

/* True when a bullet list sits directly before or after `list` (no block
 * between them, same parent). Whatever its bullet now, the two are separate
 * lists only because their bullets differ, and rewriting either bullet could
 * merge them. */
static bool touches_bullet_list(const awl_doc *doc, size_t list)
{
    const awl_block *b = &doc->blocks[list];
    size_t before = AWL_NONE, after = AWL_NONE;
    for (size_t i = list; i-- > 0 && doc->blocks[i].depth >= b->depth;)
        if (doc->blocks[i].parent == b->parent) {
            before = i;
            break;
        }
    for (size_t i = list + 1; i < doc->block_count && doc->blocks[i].depth >= b->depth; i++)
        if (doc->blocks[i].parent == b->parent) {
            after = i;
            break;
        }
    return (before != AWL_NONE && doc->blocks[before].kind == AWL_BLOCK_LIST &&
            !doc->blocks[before].ordered) ||
           (after != AWL_NONE && doc->blocks[after].kind == AWL_BLOCK_LIST &&
            !doc->blocks[after].ordered);
}

/* True when the item's line would read as a thematic break (`- - -`) once
 * its bullet is `marker`. */
static bool would_be_rule(const awl_doc *doc, const awl_block *item, char marker)
{
    const char *s = doc->source.bytes;
    size_t end = awl_source_line_end(&doc->source, item->first_line);
    size_t count = 1;
    for (size_t i = item->marker_offset + 1; i < end; i++) {
        if (s[i] == marker)
            count++;
        else if (s[i] != ' ' && s[i] != '\t')
            return false;
    }
    return count >= 3;
}

/* For each block: the outermost list holding it (or AWL_NONE). Marks in
 * is_toc[list] the outermost lists whose links all go to #anchors. */
static void find_toc_lists(const awl_doc *doc, size_t *outer, unsigned char *is_toc)
{
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        outer[i] = i == 0 ? AWL_NONE : outer[b->parent];
        if (outer[i] == AWL_NONE && b->kind == AWL_BLOCK_LIST)
            outer[i] = i;
    }
    /* 1: has an anchor link; 2: has another link. */
    unsigned char *seen = awl_xcalloc(doc->block_count, 1);
    for (size_t i = 0; i < doc->link_count; i++) {
        size_t list = outer[doc->links[i].block];
        if (list != AWL_NONE && doc->links[i].kind != AWL_LINK_IMAGE) /* badges are decoration */
            seen[list] |= doc->links[i].href[0] == '#' ? 1 : 2;
    }
    for (size_t i = 0; i < doc->block_count; i++)
        is_toc[i] = seen[i] == 1;
    free(seen);
}

/* True when the item's line holds nothing after its marker: `-` alone
 * after a paragraph line is a setext underline, so its bullet stays. */
static bool is_empty_item_line(const awl_doc *doc, const awl_block *item)
{
    const char *s = doc->source.bytes;
    size_t end = awl_source_line_end(&doc->source, item->first_line);
    for (size_t i = item->marker_offset + 1; i < end; i++)
        if (s[i] != ' ' && s[i] != '\t')
            return false;
    return true;
}

static void check_list_marker(awl_check *check)
{
    const awl_doc *doc = check->doc;
    /* find_toc_lists writes every element of these. */
    size_t *outer = awl_xmalloc(doc->block_count * sizeof *outer);
    unsigned char *is_toc = awl_xmalloc(doc->block_count);
    find_toc_lists(doc, outer, is_toc);
    /* List nesting depth of each block, and bullet counts per depth. */
    unsigned *list_depth = awl_xmalloc(doc->block_count * sizeof *list_depth);
    unsigned deepest = 0;
    list_depth[0] = 0;
    for (size_t i = 1; i < doc->block_count; i++) {
        list_depth[i] = list_depth[doc->blocks[i].parent] + (doc->blocks[i].kind == AWL_BLOCK_LIST);
        if (list_depth[i] > deepest)
            deepest = list_depth[i];
    }
    size_t (*counts)[BULLETS] = awl_xcalloc(deepest + 1, sizeof *counts);
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind == AWL_BLOCK_ITEM && !doc->blocks[b->parent].ordered && !is_toc[outer[i]]) {
            int k = bullet_index(doc->blocks[b->parent].marker);
            if (k >= 0)
                counts[list_depth[i]][k]++;
        }
    }
    for (size_t i = 1; i < doc->block_count; i++) {
        const awl_block *list = &doc->blocks[i];
        if (list->kind != AWL_BLOCK_LIST || list->ordered || bullet_index(list->marker) < 0 ||
            is_toc[outer[i]])
            continue;
        char want = check->config->list_marker;
        if (!want) {
            const size_t *c = counts[list_depth[i]];
            int best = 0; /* ties go to '-', then '*' */
            for (int k = 1; k < BULLETS; k++)
                if (c[k] > c[best])
                    best = k;
            want = bullet_chars[best];
        }
        if (list->marker == want)
            continue;
        awl_diag *diag = awl_emit(check, doc->blocks[i + 1].marker_offset,
                                  doc->blocks[i + 1].marker_offset + 1,
                                  "list uses '%c' where this file's lists at this depth use '%c'",
                                  list->marker, want);
        if (touches_bullet_list(doc, i))
            continue; /* rewriting would merge two lists: report only */
        bool safe = true;
        for (size_t j = i + 1; j < doc->block_count && doc->blocks[j].depth > list->depth; j++) {
            const awl_block *item = &doc->blocks[j];
            if (item->parent != i)
                continue;
            if (item->marker_offset == AWL_NONE || doc->source.bytes[item->marker_offset] != list->marker ||
                would_be_rule(doc, item, want) || is_empty_item_line(doc, item)) {
                safe = false;
                break;
            }
        }
        if (!safe)
            continue;
        char replacement[2] = {want, 0};
        for (size_t j = i + 1; j < doc->block_count && doc->blocks[j].depth > list->depth; j++)
            if (doc->blocks[j].parent == i)
                awl_add_edit(check, diag, doc->blocks[j].marker_offset, doc->blocks[j].marker_offset + 1,
                         replacement, 1);
    }
    free(counts);
    free(list_depth);
    free(is_toc);
    free(outer);
}

const awl_rule awl_rule_list_marker = {
    .id = "list-marker",
    .category = "format",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Bullet lists use the file's dominant bullet (-, * or +) at each depth",
    .explanation =
        "Lists that switch between -, * and + look the same on GitHub but make the\n"
        "source inconsistent, and contributors copy whichever they see first. The\n"
        "convention is the file's own: the bullet most items use at that depth.\n"
        "A list directly next to a list with the other bullet is only reported:\n"
        "Markdown reads the two as separate lists and a rewrite would merge them.\n"
        "\n"
        "Bad (the file uses - everywhere else):\n"
        "    * [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n"
        "Good:\n"
        "    - [Orca](https://www.usenix.org/conference/osdi22/presentation/yu)\n",
    .check = check_list_marker,
};
