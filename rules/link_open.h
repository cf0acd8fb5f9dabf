/*
 * link_open: where a link's opening '[' is, for the link rules
 * (link-text-space, empty-link) to report from it.
 *
 * md4c gives the offsets of a link's text and (inline links) of its target,
 * not of its brackets. The '[' is right before the first text; when that
 * text is the alt text of an image opening the link, before the image's
 * `![`; with no text, before "](" of an inline target; else the first "[]"
 * of the enclosing block at or after `from`. AWL_NONE when none of these
 * is seen.
 */
#ifndef AWL_LINK_OPEN_H
#define AWL_LINK_OPEN_H

#include <string.h>

#include "doc.h"

/* True when image link i + 1 sits inside link i and its alt text is where
 * link i's text starts. */
static inline bool awl_link_starts_with_image(const awl_doc *doc, size_t i)
{
    const awl_link *link = &doc->links[i];
    return i + 1 < doc->link_count && doc->links[i + 1].kind == AWL_LINK_IMAGE &&
           link->text_start != AWL_NONE && doc->links[i + 1].text_start == link->text_start;
}

/* True when the target at href_start is written inline (`](...)`), not in a
 * reference definition elsewhere; sets *open to the '[' when the brackets
 * are empty (`[](...)`). */
static inline bool awl_href_inline(const char *s, size_t href_start, size_t *open)
{
    size_t k = href_start;
    while (k > 0 && (s[k - 1] == ' ' || s[k - 1] == '\t' || s[k - 1] == '\n' || s[k - 1] == '\r' ||
                     s[k - 1] == '<'))
        k--;
    if (k < 2 || s[k - 1] != '(' || s[k - 2] != ']')
        return false;
    if (open)
        *open = k >= 3 && s[k - 3] == '[' ? k - 3 : AWL_NONE;
    return true;
}

static inline size_t awl_link_open(const awl_doc *doc, size_t i, size_t from)
{
    const awl_link *link = &doc->links[i];
    const char *s = doc->source.bytes;
    if (link->text_start != AWL_NONE && link->text_start > 0) {
        size_t open = link->text_start - 1;
        if (awl_link_starts_with_image(doc, i))
            return open >= 2 && s[open] == '[' && s[open - 1] == '!' && s[open - 2] == '['
                       ? open - 2
                       : AWL_NONE;
        return s[open] == '[' ? open : AWL_NONE;
    }
    size_t open = AWL_NONE;
    if (link->href_start != AWL_NONE && awl_href_inline(s, link->href_start, &open))
        return open;
    /* `[]()` and `[][label]`: md4c hands over no offset at all. */
    const awl_block *block = &doc->blocks[link->block == AWL_NONE ? 0 : link->block];
    size_t start = from != AWL_NONE && from > block->start ? from : block->start;
    for (size_t k = start; k + 1 < block->end; k++)
        if (s[k] == '[' && s[k + 1] == ']')
            return k;
    return AWL_NONE;
}

#endif
