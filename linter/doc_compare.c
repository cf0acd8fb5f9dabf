/* doc_compare: two parses of one text compared field by field (see doc_compare.h). */
#include "doc_compare.h"

#include <stdio.h>
#include <string.h>

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool differ(char *why, size_t size, const char *what, size_t index)
{
    snprintf(why, size, "%s %zu differs", what, index);
    return false;
}

static bool same_block(const awl_block *x, const awl_block *y)
{
    return x->kind == y->kind && x->depth == y->depth && x->level == y->level &&
           x->start_number == y->start_number && x->setext == y->setext &&
           x->ordered == y->ordered && x->tight == y->tight && x->marker == y->marker &&
           x->is_task == y->is_task && x->fenced == y->fenced && x->fence_char == y->fence_char &&
           x->parent == y->parent && x->first_line == y->first_line &&
           x->last_line == y->last_line && x->start == y->start && x->end == y->end &&
           x->plain_start == y->plain_start && x->plain_len == y->plain_len &&
           x->marker_offset == y->marker_offset && x->code_lines == y->code_lines &&
           x->row_index == y->row_index && same_text(x->text, y->text) &&
           same_text(x->slug, y->slug);
}

static bool same_link(const awl_link *x, const awl_link *y)
{
    return x->kind == y->kind && x->block == y->block && x->item == y->item && x->row == y->row &&
           same_text(x->href, y->href) && x->href_start == y->href_start &&
           x->href_end == y->href_end && x->text_start == y->text_start &&
           x->text_end == y->text_end && x->plain_start == y->plain_start &&
           x->plain_len == y->plain_len && x->line == y->line;
}

bool awl_doc_same(const awl_doc *a, const awl_doc *b, char *why, size_t why_size)
{
    if (a->block_count != b->block_count)
        return differ(why, why_size, "block count", a->block_count);
    for (size_t i = 0; i < a->block_count; i++)
        if (!same_block(&a->blocks[i], &b->blocks[i]))
            return differ(why, why_size, "block", i);
    if (a->link_count != b->link_count)
        return differ(why, why_size, "link count", a->link_count);
    for (size_t i = 0; i < a->link_count; i++)
        if (!same_link(&a->links[i], &b->links[i]))
            return differ(why, why_size, "link", i);
    if (a->comment_count != b->comment_count)
        return differ(why, why_size, "comment count", a->comment_count);
    for (size_t i = 0; i < a->comment_count; i++)
        if (memcmp(&a->comments[i], &b->comments[i], sizeof a->comments[i]) != 0)
            return differ(why, why_size, "comment", i);
    if (a->plain_size != b->plain_size || memcmp(a->plain, b->plain, a->plain_size) != 0)
        return differ(why, why_size, "plain text of size", a->plain_size);
    if (a->source.line_count != b->source.line_count)
        return differ(why, why_size, "line count", a->source.line_count);
    for (size_t i = 0; i < a->source.line_count; i++) {
        if (a->line_flags[i] != b->line_flags[i])
            return differ(why, why_size, "line flags of line", i);
        if (a->source.line_marks[i] != b->source.line_marks[i])
            return differ(why, why_size, "line marks of line", i);
    }
    if (a->section_count != b->section_count)
        return differ(why, why_size, "section count", a->section_count);
    for (size_t i = 0; i < a->section_count; i++) {
        const awl_section *x = &a->sections[i], *y = &b->sections[i];
        if (x->heading != y->heading || x->level != y->level || x->parent != y->parent ||
            x->start != y->start || x->end != y->end || x->internal_links != y->internal_links ||
            x->external_links != y->external_links)
            return differ(why, why_size, "section", i);
    }
    if (a->source.valid_utf8 != b->source.valid_utf8 || a->source.newline != b->source.newline ||
        a->parse_failed != b->parse_failed)
        return differ(why, why_size, "source summary", 0);
    return true;
}
