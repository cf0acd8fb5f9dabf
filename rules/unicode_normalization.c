/*
 * unicode-normalization: headings and link text (entry titles) that are not
 * in Unicode NFC, such as "e" followed by U+0301 instead of "é". They look
 * the same but compare differently: anchors, duplicate checks and searching
 * the list miss them. Only text holding a character that NFC can change (a
 * combining mark, a composition exclusion, a conjoining Hangul jamo) is
 * normalised with utf8proc, so ordinary text costs one scan, and text on
 * lines the source marked as ASCII none.
 *
 * The fix replaces the differing middle of the range with its NFC form; it
 * is declared as a text change (the bytes of the page's text change, not
 * what a reader sees).
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "byte_scan.h"
#include "rule.h"

static bool may_change(const unsigned char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) {
            i = awl_skip_ascii(s, i, len);
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0)
            return false; /* invalid UTF-8 is invalid-utf8's */
        const utf8proc_property_t *p = utf8proc_get_property(c);
        if (p->combining_class || p->comp_exclusion || (c >= 0x1100 && c <= 0x11FF))
            return true;
        i += (size_t)n;
    }
    return false;
}

static void check_range(awl_check *check, size_t start, size_t end, const char *what)
{
    const unsigned char *s = (const unsigned char *)check->doc->source.bytes + start;
    size_t len = end - start;
    if (!may_change(s, len))
        return;
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map(s, (utf8proc_ssize_t)len, &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) {
        free(nfc);
        return;
    }
    size_t m = (size_t)n;
    if (m != len || memcmp(s, nfc, len) != 0) {
        size_t head = 0;
        while (head < len && head < m && s[head] == nfc[head])
            head++;
        while (head > 0 && (s[head] & 0xC0) == 0x80)
            head--;
        size_t tail = 0;
        while (tail < len - head && tail < m - head && s[len - 1 - tail] == nfc[m - 1 - tail])
            tail++;
        while (tail > 0 && (s[len - tail] & 0xC0) == 0x80)
            tail--;
        awl_diag *diag = awl_emit(check, start + head, end - tail,
                                  "%s is not in Unicode NFC: \"%.*s\" should be the composed \"%.*s\"",
                                  what, (int)(len - tail - head), (const char *)s + head,
                                  (int)(m - tail - head), (const char *)nfc + head);
        awl_add_edit(check, diag, start + head, end - tail, (const char *)nfc + head,
                     m - tail - head);
        diag->changes_text = true;
    }
    free(nfc);
}

/* Whether a line from `first` to `last` holds a byte >= 0x80: text
 * without one is ASCII, which NFC leaves as it is. */
static bool lines_have_non_ascii(const awl_source *src, size_t first, size_t last)
{
    for (size_t line = first; line <= last && line < src->line_count; line++)
        if (src->line_marks[line] & AWL_MARK_NON_ASCII)
            return true;
    return false;
}

static void check_unicode_normalization(awl_check *check)
{
    const awl_doc *doc = check->doc;
    const awl_source *src = &doc->source;
    for (size_t i = 0; i < doc->block_count; i++) {
        const awl_block *b = &doc->blocks[i];
        if (b->kind == AWL_BLOCK_HEADING && lines_have_non_ascii(src, b->first_line, b->last_line))
            check_range(check, b->start, b->end, "heading");
    }
    for (size_t i = 0; i < doc->link_count; i++) {
        const awl_link *l = &doc->links[i];
        if (l->text_start == AWL_NONE || (doc->line_flags[l->line] & AWL_LINE_HEADING))
            continue;
        size_t first = awl_source_line_near(src, l->text_start, l->line);
        if (lines_have_non_ascii(src, first, awl_source_line_near(src, l->text_end, first)))
            check_range(check, l->text_start, l->text_end, "link text");
    }
}

const awl_rule awl_rule_unicode_normalization = {
    .id = "unicode-normalization",
    .category = "unicode",
    .severity = AWL_SEVERITY_WARNING,
    .fix = AWL_FIX_SAFE,
    .summary = "Headings and titles are in Unicode NFC (composed) form",
    .explanation =
        "\"é\" can be one character (U+00E9) or \"e\" plus a combining accent (U+0301).\n"
        "Both look the same, but they compare differently, so anchors, duplicate checks\n"
        "and searching the list miss the decomposed one (macOS file names and some PDF\n"
        "copies produce it). The fix composes headings and link text to NFC.\n"
        "\n"
        "Bad (<U+0301> stands for the combining accent):\n"
        "    ## Re<U+0301>seaux\n"
        "Good:\n"
        "    ## R\xC3\xA9seaux\n",
    .check = check_unicode_normalization,
};
