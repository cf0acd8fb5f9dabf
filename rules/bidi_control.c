/*
 * bidi-control: the explicit bidirectional embedding, override and isolate
 * characters U+202A-U+202E and U+2066-U+2069. They reorder how the text
 * around them displays, so what a reviewer reads differs from what the file
 * holds (the Trojan Source pattern, CVE-2021-42574). Reported everywhere,
 * code blocks included, since that is where they do harm. The implicit marks
 * U+200E and U+200F, which right-to-left text needs, are left alone.
 *
 * The fix removes each character; it is unsafe (the text's display order
 * changes) and declared as a text change. A memchr for E2 over each line
 * that holds a byte past ASCII.
 */
#include <string.h>

#include "rule.h"

static const char *const bidi_names[] = {
    "left-to-right embedding (U+202A)", "right-to-left embedding (U+202B)",
    "pop directional formatting (U+202C)", "left-to-right override (U+202D)",
    "right-to-left override (U+202E)", "left-to-right isolate (U+2066)",
    "right-to-left isolate (U+2067)", "first strong isolate (U+2068)",
    "pop directional isolate (U+2069)",
};

/* The characters in bytes [start, len) (one line: a sequence never holds
 * a line break). */
static void check_line(awl_check *check, const unsigned char *s, size_t start, size_t len)
{
    const unsigned char *p = s + start;
    while ((p = memchr(p, 0xE2, (size_t)(s + len - p))) != NULL) {
        size_t i = (size_t)(p - s);
        p++;
        if (i + 2 >= len)
            break;
        int which = -1;
        if (s[i + 1] == 0x80 && s[i + 2] >= 0xAA && s[i + 2] <= 0xAE)
            which = s[i + 2] - 0xAA;
        else if (s[i + 1] == 0x81 && s[i + 2] >= 0xA6 && s[i + 2] <= 0xA9)
            which = 5 + (s[i + 2] - 0xA6);
        if (which < 0)
            continue;
        awl_diag *diag = awl_emit(check, i, i + 3,
                                  "bidirectional control character %s: the text shows in a "
                                  "different order than the file holds it",
                                  bidi_names[which]);
        awl_add_edit(check, diag, i, i + 3, "", 0);
        diag->changes_text = true;
        p = s + i + 3;
    }
}

static void check_bidi_control(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    const unsigned char *s = (const unsigned char *)src->bytes;
    /* Only lines holding a byte past ASCII (the source marks them) */
    for (size_t line = awl_source_next_marked(src, 0, AWL_MARK_NON_ASCII); line < src->line_count;
         line = awl_source_next_marked(src, line + 1, AWL_MARK_NON_ASCII))
        check_line(check, s, src->line_starts[line], awl_source_line_next(src, line));
}

const awl_rule awl_rule_bidi_control = {
    .id = "bidi-control",
    .category = "unicode",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_UNSAFE,
    .summary = "No bidirectional override or isolate characters (Trojan Source)",
    .explanation =
        "The characters U+202A-U+202E and U+2066-U+2069 reorder the display of the\n"
        "text around them, so a reviewer reads something other than what the file\n"
        "holds: a link or a command can look harmless and be something else. A list\n"
        "never needs them; right-to-left text works with the implicit marks U+200E\n"
        "and U+200F, which are kept. The fix (unsafe) removes them.\n"
        "\n"
        "Bad (<U+202E> stands for the invisible character):\n"
        "    - [Tool](https://example.com) - Run `rm -rf <U+202E>/tmp/cache`.\n"
        "Good:\n"
        "    - [Tool](https://example.com) - Run `rm -rf /tmp/cache`.\n",
    .check = check_bidi_control,
};
