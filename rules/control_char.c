/*
 * control-char: ASCII control characters in the text: NUL (U+0000), which
 * GitHub shows as U+FFFD, and U+0001-U+0008, U+000B, U+000E-U+001F and
 * U+007F, which show as nothing or as garbage and come from binary
 * damage or a bad paste. Tab, line feed, carriage return and form feed are
 * white space in Markdown and are left alone.
 *
 * A run of them makes one finding. No fix: what the bytes stood for is a
 * guess, so the maintainer decides.
 */
#include <stdbool.h>

#include "rule.h"

static bool is_control(unsigned char c)
{
    /* Below 0x20, all but tab, line feed, form feed and carriage return. */
    enum { WHITE_SPACE = 1u << '\t' | 1u << '\n' | 1u << '\f' | 1u << '\r' };
    return c < 0x20 ? !((WHITE_SPACE >> c) & 1u) : c == 0x7F;
}

static void check_control_char(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    const unsigned char *bytes = (const unsigned char *)src->bytes;
    /* Only the lines the source marked hold a control byte; a run of them
     * never crosses a line feed. */
    for (size_t line = awl_source_next_marked(src, 0, AWL_MARK_CONTROL); line < src->line_count;
         line = awl_source_next_marked(src, line + 1, AWL_MARK_CONTROL)) {
        size_t line_next = awl_source_line_next(src, line);
        for (size_t i = src->line_starts[line]; i < line_next; i++) {
            if (!is_control(bytes[i]))
                continue;
            size_t end = i + 1;
            while (end < line_next && is_control(bytes[end]))
                end++;
            if (bytes[i] == 0)
                awl_emit(check, i, end, "NUL byte (U+0000): the page shows it as \xEF\xBF\xBD");
            else
                awl_emit(check, i, end,
                         "control character U+%04X: the page shows nothing or garbage", bytes[i]);
            i = end;
        }
    }
}

const awl_rule awl_rule_control_char = {
    .id = "control-char",
    .category = "unicode",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_NONE,
    .summary = "No NUL bytes or other ASCII control characters in the text",
    .explanation =
        "A NUL byte or another ASCII control character (U+0001-U+001F but tab, line\n"
        "feed, carriage return and form feed; U+007F) is damage: a bad paste, a\n"
        "broken conversion, binary data merged into the file. GitHub shows NUL as\n"
        "\xEF\xBF\xBD and the others as nothing or garbage, and other tools may stop\n"
        "reading at a NUL. There is no fix: retype the text.\n"
        "\n"
        "Bad (<NUL> stands for the byte 00):\n"
        "    - [Orca](https://example.org/orca)<NUL> - Serving.\n"
        "Good:\n"
        "    - [Orca](https://example.org/orca) - Serving.\n",
    .check = check_control_char,
};
