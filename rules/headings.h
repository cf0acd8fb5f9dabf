/*
 * headings: where a heading's marks are on its lines, for the heading rules
 * (heading-style, heading-increment, empty-section).
 *
 * md4c tells the level and whether a heading is setext, not where its `#`s
 * or its underline are, so these helpers read the heading's lines past
 * their container prefix (indentation, `>`, list markers). Everything here
 * is a pure function of the document; nothing is allocated.
 */
#ifndef AWL_RULES_HEADINGS_H
#define AWL_RULES_HEADINGS_H

#include <ctype.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "doc.h"

static inline bool awl_is_blank_char(char c)
{
    return c == ' ' || c == '\t';
}

/* Offset of the first byte of `line` past the BOM (line 0), indentation,
 * `>` and list markers: where a heading's `#`s or text begin. */
static inline size_t awl_heading_line_content(const awl_doc *doc, size_t line)
{
    const char *s = doc->source.bytes;
    size_t end = awl_source_line_end(&doc->source, line);
    size_t pos = doc->source.line_starts[line];
    if (line == 0 && doc->source.has_bom)
        pos += 3;
    for (;;) {
        while (pos < end && (awl_is_blank_char(s[pos]) || s[pos] == '>'))
            pos++;
        size_t m = pos;
        if (m < end && (s[m] == '-' || s[m] == '*' || s[m] == '+')) {
            m++;
        } else {
            while (m < end && m - pos < 9 && s[m] >= '0' && s[m] <= '9')
                m++;
            if (m == pos || m >= end || (s[m] != '.' && s[m] != ')'))
                return pos;
            m++;
        }
        /* A marker needs white space (or the line's end) after it. */
        if (m < end && !awl_is_blank_char(s[m]))
            return pos;
        if (m == end)
            return pos; /* `-` alone: a setext underline, not a marker */
        pos = m;
    }
}

/* Number of code points in [start, end). */
static inline size_t awl_code_points(const char *s, size_t start, size_t end)
{
    size_t n = 0;
    for (size_t i = start; i < end; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* True when a setext heading is most likely a paragraph followed by a
 * thematic break written without a blank line between them: `---` under a
 * line of text makes that text a level-2 heading. Taken as accidental: a
 * `-` underline under a paragraph of several lines (a title is one line),
 * or under a line of 20 characters or more that is over twice as long as
 * the dashes (an underline is drawn about as long as its title; `---`
 * under `Contents` may be a lazy one, under a sentence it is not). A `===`
 * underline is never an accident: no thematic break is written with `=`. */
static inline bool awl_heading_is_accidental(const awl_doc *doc, const awl_block *h)
{
    if (h->kind != AWL_BLOCK_HEADING || !h->setext || h->last_line == h->first_line)
        return false;
    const char *s = doc->source.bytes;
    size_t under = awl_heading_line_content(doc, h->last_line);
    size_t under_end = awl_source_line_end(&doc->source, h->last_line);
    if (under >= under_end || s[under] != '-')
        return false;
    if (h->last_line - h->first_line > 1)
        return true;
    size_t dashes = 0;
    for (size_t i = under; i < under_end; i++)
        dashes += s[i] == '-';
    size_t text = awl_heading_line_content(doc, h->first_line);
    size_t text_end = awl_source_line_end(&doc->source, h->first_line);
    while (text_end > text && awl_is_blank_char(s[text_end - 1]))
        text_end--;
    size_t chars = awl_code_points(s, text, text_end);
    return chars >= 20 && dashes * 2 < chars;
}

/* True for the tags that show something without text of their own. */
static inline bool awl_html_is_media_tag(const char *name, size_t len)
{
    static const char *const media[] = {"img",     "svg",    "video", "audio",    "iframe",
                                        "picture", "object", "embed", "hr",       "input",
                                        "canvas",  "math",   "table", "textarea", "select"};
    for (size_t i = 0; i < sizeof media / sizeof media[0]; i++)
        if (strlen(media[i]) == len && strncasecmp(media[i], name, len) == 0)
            return true;
    return false;
}

/* True when source bytes [start, end) show nothing on the page: only HTML
 * comments, white space, block quote '>'s and tags that are neither media
 * nor around text (`<a name="x"></a>`, `<div id="x"></div>`, `<br>`). */
static inline bool awl_html_shows_nothing(const char *s, size_t start, size_t end)
{
    size_t pos = start;
    bool any = false;
    while (pos < end) {
        char c = s[pos];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '>') {
            pos++;
            continue;
        }
        if (c != '<')
            return false; /* text */
        any = true;
        if (end - pos >= 4 && memcmp(s + pos, "<!--", 4) == 0) {
            const char *close = memmem(s + pos + 4, end - pos - 4, "-->", 3);
            if (!close)
                return true; /* an unclosed comment hides the rest */
            pos = (size_t)(close - s) + 3;
            continue;
        }
        size_t name = pos + 1 + (pos + 1 < end && s[pos + 1] == '/');
        size_t name_end = name;
        while (name_end < end && (isalnum((unsigned char)s[name_end]) || s[name_end] == '-'))
            name_end++;
        if (name_end == name || !isalpha((unsigned char)s[name]) ||
            awl_html_is_media_tag(s + name, name_end - name))
            return false;
        const char *close = memchr(s + name_end, '>', end - name_end);
        if (!close)
            return false;
        pos = (size_t)(close - s) + 1;
    }
    return any;
}

#endif
