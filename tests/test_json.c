/*
 * test_json: JSON string escaping (linter/json.c), which every json, sarif
 * and export output goes through: quotes, backslashes and control bytes are
 * escaped, valid UTF-8 passes as it is, invalid bytes become \ufffd.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "json.h"

static void expect_json(const char *text, size_t len, const char *want)
{
    awl_buf out = {0};
    awl_json_string(&out, text, len);
    cr_assert_str_eq(out.data, want);
    cr_assert_eq(out.len, strlen(want));
    awl_buf_free(&out);
}

Test(json, plain_text_is_quoted)
{
    expect_json("Title (OSDI'22)", 15, "\"Title (OSDI'22)\"");
    expect_json("", 0, "\"\"");
}

Test(json, quotes_backslashes_and_controls_are_escaped)
{
    expect_json("a\"b\\c", 5, "\"a\\\"b\\\\c\"");
    expect_json("1\n2\r3\t4", 7, "\"1\\n2\\r3\\t4\"");
    expect_json("x\x01y\x1fz\x7f", 6, "\"x\\u0001y\\u001fz\\u007f\"");
    expect_json("a\0b", 3, "\"a\\u0000b\"");
}

Test(json, utf8_passes_and_invalid_bytes_become_replacement)
{
    /* λ (CE BB) and 🚀 (F0 9F 9A 80) inside a run of plain text. */
    expect_json("x\xCE\xBB y \xF0\x9F\x9A\x80!", 11, "\"x\xCE\xBB y \xF0\x9F\x9A\x80!\"");
    /* A lone continuation byte, a truncated sequence at the end. */
    expect_json("a\x80"
                "b\xE2\x80",
                5, "\"a\\ufffdb\\ufffd\\ufffd\"");
}

Test(json, null_and_appending)
{
    awl_buf out = {0};
    awl_json_string(&out, NULL, 0);
    awl_buf_putc(&out, ',');
    awl_json_cstring(&out, "q\"");
    cr_assert_str_eq(out.data, "null,\"q\\\"\"");
    awl_buf_free(&out);
}

/* Plain runs are checked eight bytes at a time: every byte that needs an
 * escape is found wherever it falls in a word. */
Test(json, escapes_found_at_every_position_of_a_word)
{
    static const struct {
        char byte;
        const char *escaped;
    } specials[] = {{'"', "\\\""},       {'\\', "\\\\"},      {'\n', "\\n"},
                    {'\x01', "\\u0001"}, {'\x1f', "\\u001f"}, {'\x7f', "\\u007f"},
                    {'\x80', "\\ufffd"}};
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        for (size_t at = 0; at < 20; at++) {
            char text[20], want[40];
            memset(text, 'a', sizeof text);
            text[at] = specials[k].byte;
            snprintf(want, sizeof want, "\"%.*s%s%.*s\"", (int)at, text, specials[k].escaped,
                     (int)(19 - at), text + at + 1);
            expect_json(text, sizeof text, want);
        }
    }
    /* Bytes next to the special ranges pass as they are. */
    expect_json(" !#[]~ !#[]~ !#[]~", 18, "\" !#[]~ !#[]~ !#[]~\"");
}
