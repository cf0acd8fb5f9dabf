/*
 * html_heading: the anchor GitHub gives a raw HTML heading (`<h2>Text</h2>`):
 * the slug of its text, tags left out. Shared by the anchor and toc rules,
 * which must agree on which in-page links work.
 */
#ifndef AWL_HTML_HEADING_H
#define AWL_HTML_HEADING_H

#include <string.h>

#include "doc.h"

/* The slug of the HTML text s[from, to): tags left out, white space runs
 * as one space, trimmed; in the arena. */
static inline char *awl_html_heading_slug(awl_arena *arena, const char *s, size_t from, size_t to)
{
    char *text = awl_arena_alloc(arena, to - from + 1);
    size_t len = 0;
    bool in_tag = false, space = false;
    for (size_t i = from; i < to; i++) {
        char c = s[i];
        if (in_tag) {
            in_tag = c != '>';
            continue;
        }
        if (c == '<') {
            in_tag = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = len > 0;
            continue;
        }
        if (space)
            text[len++] = ' ';
        space = false;
        text[len++] = c;
    }
    return awl_slug(arena, text, len);
}

/* When s[at] opens an h1-h6 tag, returns the offset of its text's end (the
 * "</h" that closes it, looked for within `limit` bytes) and sets *text_start
 * past the opening tag; else returns AWL_NONE. */
static inline size_t awl_html_heading_at(const char *s, size_t n, size_t at, size_t limit,
                                         size_t *text_start)
{
    if (at + 3 >= n || s[at] != '<' || (s[at + 1] != 'h' && s[at + 1] != 'H') ||
        s[at + 2] < '1' || s[at + 2] > '6' ||
        !(s[at + 3] == '>' || s[at + 3] == ' ' || s[at + 3] == '\t' || s[at + 3] == '\n'))
        return AWL_NONE;
    size_t stop = n - at > limit ? at + limit : n;
    const char *gt = memchr(s + at, '>', stop - at);
    if (!gt)
        return AWL_NONE;
    size_t from = (size_t)(gt - s) + 1;
    for (size_t i = from; i + 2 < stop; i++)
        if (s[i] == '<' && s[i + 1] == '/' && (s[i + 2] == 'h' || s[i + 2] == 'H')) {
            *text_start = from;
            return i;
        }
    return AWL_NONE;
}

#endif
