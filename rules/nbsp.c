/*
 * nbsp: no-break spaces (U+00A0) where a plain space belongs: in headings
 * (the GitHub anchor then holds a character nobody types), in link text
 * (searching the list for the title fails) and inside venue tags such as
 * "OSDI<U+00A0>'22" or "PPoPP<U+00A0>2023" (tools that split tags on spaces
 * miss them). Elsewhere, a no-break space may be deliberate and is left
 * alone; code blocks and raw HTML are never looked at.
 *
 * The fix puts a plain space; it is declared as a text change. A memchr for
 * the C2 lead byte over each line holding a byte past ASCII, with a cursor
 * over the links (in document order) to know whether a space sits in a
 * link's text.
 */
#include <string.h>

#include "rule.h"

static bool upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* A venue tag around the space at s[at..at+2): two or more letters, at
 * least two of them capitals, before it, and a year ('22, 2023) after. */
static bool in_venue_tag(const unsigned char *s, size_t line_start, size_t line_end, size_t at)
{
    size_t b = at, capitals = 0;
    while (b > line_start && ((s[b - 1] | 0x20) >= 'a' && (s[b - 1] | 0x20) <= 'z')) {
        capitals += upper(s[b - 1]);
        b--;
    }
    if (at - b < 2 || capitals < 2)
        return false;
    size_t a = at + 2;
    if (a < line_end && (s[a] == '\'' || s[a] == '`'))
        a++;
    else if (a + 3 < line_end && s[a] == 0xE2 && s[a + 1] == 0x80 && s[a + 2] == 0x99)
        a += 3;
    size_t digits = 0;
    while (a + digits < line_end && digit(s[a + digits]))
        digits++;
    return digits == 2 || digits == 4;
}

/* Reports the no-break space at `at` (on `line`) when it sits in a heading,
 * a link's text or a venue tag; *cursor walks the links as `at` grows. */
static void report_nbsp(awl_check *check, size_t line, size_t at, size_t *cursor_at)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    const unsigned char *s = (const unsigned char *)src->bytes;
    size_t cursor = *cursor_at;
    uint16_t flags = doc->line_flags[line];
    if (flags & (AWL_LINE_CODE | AWL_LINE_HTML))
        return;
    const char *where = NULL;
    if (flags & AWL_LINE_HEADING)
        where = "a heading";
    while (!where && cursor < doc->link_count &&
           (doc->links[cursor].text_end == AWL_NONE || doc->links[cursor].text_end <= at))
        cursor++;
    for (size_t k = cursor; !where && k < doc->link_count && k < cursor + 4; k++) {
        const awl_link *l = &doc->links[k];
        if (l->text_start != AWL_NONE && l->text_start <= at && at < l->text_end)
            where = "link text";
    }
    if (!where &&
        in_venue_tag(s, src->line_starts[line], awl_source_line_end(src, line), at))
        where = "a venue tag";
    *cursor_at = cursor;
    if (!where)
        return;
    awl_diag *diag = awl_emit(check, at, at + 2, "no-break space (U+00A0) in %s", where);
    awl_add_edit(check, diag, at, at + 2, " ", 1);
    diag->changes_text = true;
}

static void check_nbsp(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    const unsigned char *s = (const unsigned char *)src->bytes;
    size_t cursor = 0; /* the first link that may hold the next space */
    /* Only lines holding a byte past ASCII (the source marks them) */
    for (size_t line = awl_source_next_marked(src, 0, AWL_MARK_NON_ASCII); line < src->line_count;
         line = awl_source_next_marked(src, line + 1, AWL_MARK_NON_ASCII)) {
        size_t end = awl_source_line_next(src, line);
        for (const unsigned char *p = s + src->line_starts[line];
             (p = memchr(p, 0xC2, (size_t)(s + end - p))) != NULL;) {
            size_t at = (size_t)(p - s);
            p++;
            if (at + 1 >= end || s[at + 1] != 0xA0)
                continue;
            report_nbsp(check, line, at, &cursor);
        }
    }
}

const awl_rule awl_rule_nbsp = {
    .id = "nbsp",
    .category = "unicode",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "No no-break spaces in headings, link text and venue tags",
    .explanation =
        "A no-break space (U+00A0) looks like a space but is not one: a heading's\n"
        "anchor keeps it, searching the list for a title fails, and tools that read\n"
        "venue tags such as OSDI'22 miss them. They usually arrive by pasting from a\n"
        "web page or a PDF. The fix puts a plain space. No-break spaces elsewhere in\n"
        "the text may be deliberate and are kept.\n"
        "\n"
        "Bad (<NBSP> stands for U+00A0):\n"
        "    - [Alpa:<NBSP>Automating Parallelism](https://arxiv.org/abs/2201.12023) - OSDI<NBSP>'22.\n"
        "Good:\n"
        "    - [Alpa: Automating Parallelism](https://arxiv.org/abs/2201.12023) - OSDI '22.\n",
    .check = check_nbsp,
};
