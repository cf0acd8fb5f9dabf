/*
 * invalid-utf8: bytes that are not UTF-8 (a latin-1 file, a truncated
 * multi-byte character, a stray 0xFF). Each maximal run of bad bytes is one
 * finding, located by line and column and naming its byte offset; the rest
 * of the file is linted as usual. The fix (unsafe: the bytes' meaning is a
 * guess) puts one U+FFFD per bad byte, so the file becomes valid UTF-8,
 * which awelint needs before it writes any other fix. Costs nothing on a
 * valid file: the source already knows its first bad offset.
 */
#include "rule.h"

static void check_invalid_utf8(awl_check *check)
{
    const awl_source *src = &check->doc->source;
    if (src->valid_utf8)
        return;
    const unsigned char *s = (const unsigned char *)src->bytes;
    size_t end = src->length;
    static const char replacement[] = "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD";
    for (size_t i = src->first_invalid_utf8; i < end;) {
        size_t n = s[i] < 0x80 ? 1 : awl_utf8_sequence_length(s + i, end - i);
        if (n) {
            i += n;
            continue;
        }
        size_t j = i + 1;
        while (j < end && s[j] >= 0x80 && awl_utf8_sequence_length(s + j, end - j) == 0)
            j++;
        awl_diag *diag = awl_emit(check, i, j,
                                  "%zu byte(s) of invalid UTF-8 at byte offset %zu (first 0x%02X)",
                                  j - i, i, s[i]);
        for (size_t k = i; k < j; k += 4) {
            size_t count = j - k < 4 ? j - k : 4;
            awl_add_edit(check, diag, k, k + count, replacement, count * 3);
        }
        diag->changes_text = true;
        i = j;
    }
}

const awl_rule awl_rule_invalid_utf8 = {
    .id = "invalid-utf8",
    .category = "unicode",
    .severity = AWL_SEVERITY_ERROR,
    .fix = AWL_FIX_UNSAFE,
    .summary = "The file is valid UTF-8",
    .explanation =
        "GitHub and every Markdown tool read README files as UTF-8. Bytes that are not\n"
        "UTF-8 (a file saved as latin-1, a character cut in half) show as garbage, and\n"
        "awelint will not write fixes into such a file. The unsafe fix replaces each\n"
        "bad byte with U+FFFD (the replacement character); retype the text it stood for.\n"
        "\n"
        "Bad (the byte E9, latin-1 for e-acute):\n"
        "    - [Caf\\xE9](https://example.com/cafe) - Serving.\n"
        "Good:\n"
        "    - [Caf\xC3\xA9](https://example.com/cafe) - Serving.\n",
    .check = check_invalid_utf8,
};
