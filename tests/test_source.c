/*
 * test_source: the line index of linter/source.c.
 *
 * Covers awl_source_init on its own arena (line starts and line_count for
 * empty text, a single line, trailing newlines, blank lines, CRLF, mixed
 * endings and a lone CR), awl_source_line_end / line_next / line_of /
 * line_near, the 1-based line:column of awl_source_position (columns count
 * code points, also eight bytes at a time in awl_source_code_points),
 * newline-style detection, the BOM flag, and UTF-8 validation (overlong
 * forms, surrogates, truncated sequences and code points past U+10FFFF are
 * invalid; the first bad offset is reported).
 *
 * Every expected value is worked out from the input text by hand; offsets
 * are written next to the inputs where they are not obvious.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "source.h"

/* An indexed text with its own arena; free with src_free. */
typedef struct indexed {
    awl_arena arena;
    awl_source source;
} indexed;

static void src_init(indexed *ix, const char *text, size_t len)
{
    memset(ix, 0, sizeof *ix);
    awl_source_init(&ix->source, &ix->arena, "test.md", text, len, false);
}

#define SRC(ix, literal) src_init(&(ix), (literal), sizeof(literal) - 1)

static void src_free(indexed *ix)
{
    awl_arena_free(&ix->arena);
}

static void assert_position(const awl_source *s, size_t offset, size_t want_line,
                            size_t want_column)
{
    size_t line = 0, column = 0;
    awl_source_position(s, offset, &line, &column);
    cr_assert_eq(line, want_line, "offset %zu: line %zu, want %zu", offset, line, want_line);
    cr_assert_eq(column, want_column, "offset %zu: column %zu, want %zu", offset, column,
                 want_column);
}

/* ---- line starts and line counts ---------------------------------------- */

Test(source_lines, empty_text_has_one_empty_line)
{
    indexed ix;
    SRC(ix, "");
    cr_assert_eq(ix.source.length, 0);
    cr_assert_eq(ix.source.line_count, 1);
    cr_assert_eq(ix.source.line_starts[0], 0);
    cr_assert_eq(awl_source_line_end(&ix.source, 0), 0);
    cr_assert_eq(awl_source_line_next(&ix.source, 0), 0);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_NONE);
    cr_assert(ix.source.valid_utf8);
    cr_assert_not(ix.source.has_bom);
    cr_assert_eq(ix.source.bytes[0], '\0', "the copy is NUL-terminated");
    src_free(&ix);
}

Test(source_lines, single_line_without_newline)
{
    indexed ix;
    SRC(ix, "a");
    cr_assert_eq(ix.source.line_count, 1);
    cr_assert_eq(ix.source.line_starts[0], 0);
    cr_assert_eq(awl_source_line_end(&ix.source, 0), 1);
    cr_assert_eq(awl_source_line_next(&ix.source, 0), 1);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_NONE);
    cr_assert_eq(ix.source.lf_count, 0);
    cr_assert_eq(ix.source.crlf_count, 0);
    src_free(&ix);
}

Test(source_lines, trailing_newline_opens_no_extra_line)
{
    indexed ix;
    SRC(ix, "a\n");
    cr_assert_eq(ix.source.line_count, 1);
    cr_assert_eq(awl_source_line_end(&ix.source, 0), 1, "the LF is not line content");
    cr_assert_eq(awl_source_line_next(&ix.source, 0), 2);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_LF);
    cr_assert_eq(ix.source.lf_count, 1);
    src_free(&ix);
}

Test(source_lines, blank_line_in_the_middle)
{
    /* a \n \n b : offsets 0 1 2 3 */
    indexed ix;
    SRC(ix, "a\n\nb");
    cr_assert_eq(ix.source.line_count, 3);
    cr_assert_eq(ix.source.line_starts[0], 0);
    cr_assert_eq(ix.source.line_starts[1], 2);
    cr_assert_eq(ix.source.line_starts[2], 3);
    cr_assert_eq(awl_source_line_end(&ix.source, 1), 2, "the blank line is empty");
    cr_assert_eq(awl_source_line_end(&ix.source, 2), 4);
    cr_assert_eq(awl_source_line_next(&ix.source, 1), 3);
    cr_assert_eq(awl_source_line_next(&ix.source, 2), 4, "the last line runs to the end");
    cr_assert_eq(ix.source.lf_count, 2);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_LF);
    src_free(&ix);
}

Test(source_lines, two_trailing_newlines_leave_a_blank_last_line)
{
    /* "a\n\n": line 0 "a", line 1 "" (the second LF closes it). */
    indexed ix;
    SRC(ix, "a\n\n");
    cr_assert_eq(ix.source.line_count, 2);
    cr_assert_eq(ix.source.line_starts[1], 2);
    cr_assert_eq(awl_source_line_end(&ix.source, 1), 2);
    src_free(&ix);
}

Test(source_lines, crlf_lines_end_before_the_cr)
{
    /* a \r \n b b \r \n c : offsets 0 1 2 3 4 5 6 7 */
    indexed ix;
    SRC(ix, "a\r\nbb\r\nc");
    cr_assert_eq(ix.source.line_count, 3);
    cr_assert_eq(ix.source.line_starts[1], 3);
    cr_assert_eq(ix.source.line_starts[2], 7);
    cr_assert_eq(awl_source_line_end(&ix.source, 0), 1);
    cr_assert_eq(awl_source_line_end(&ix.source, 1), 5);
    cr_assert_eq(awl_source_line_end(&ix.source, 2), 8);
    cr_assert_eq(awl_source_line_next(&ix.source, 0), 3);
    cr_assert_eq(ix.source.crlf_count, 2);
    cr_assert_eq(ix.source.lf_count, 0);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_CRLF);
    src_free(&ix);
}

Test(source_lines, crlf_with_trailing_newline)
{
    indexed ix;
    SRC(ix, "x\r\ny\r\n");
    cr_assert_eq(ix.source.line_count, 2);
    cr_assert_eq(ix.source.line_starts[1], 3);
    cr_assert_eq(awl_source_line_end(&ix.source, 1), 4);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_CRLF);
    src_free(&ix);
}

Test(source_lines, mixed_endings)
{
    /* a \n b \r \n c : offsets 0 1 2 3 4 5 */
    indexed ix;
    SRC(ix, "a\nb\r\nc");
    cr_assert_eq(ix.source.line_count, 3);
    cr_assert_eq(ix.source.line_starts[1], 2);
    cr_assert_eq(ix.source.line_starts[2], 5);
    cr_assert_eq(awl_source_line_end(&ix.source, 0), 1);
    cr_assert_eq(awl_source_line_end(&ix.source, 1), 3);
    cr_assert_eq(ix.source.lf_count, 1);
    cr_assert_eq(ix.source.crlf_count, 1);
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_MIXED);
    src_free(&ix);
}

Test(source_lines, lone_cr_makes_the_style_mixed)
{
    /* source.c documents its choice: a CR without LF is only noted (the
     * newline style becomes MIXED), it does not start a line of the index. */
    indexed ix;
    SRC(ix, "a\rb\nc\n");
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_MIXED);
    cr_assert_eq(ix.source.lf_count, 2);
    cr_assert_eq(ix.source.crlf_count, 0);
    cr_assert_eq(ix.source.line_count, 2);
    cr_assert_eq(ix.source.line_starts[1], 4);
    src_free(&ix);

    SRC(ix, "only\r");
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_MIXED, "a final lone CR counts too");
    cr_assert_eq(awl_source_line_end(&ix.source, 0), 4, "the CR is not line content");
    src_free(&ix);
}

Test(source_lines, line_of_maps_offsets_to_lines)
{
    /* ab\n (0..2) \n (3) cd (4..5) */
    indexed ix;
    SRC(ix, "ab\n\ncd");
    cr_assert_eq(awl_source_line_of(&ix.source, 0), 0);
    cr_assert_eq(awl_source_line_of(&ix.source, 2), 0, "the newline belongs to its line");
    cr_assert_eq(awl_source_line_of(&ix.source, 3), 1);
    cr_assert_eq(awl_source_line_of(&ix.source, 4), 2);
    cr_assert_eq(awl_source_line_of(&ix.source, 5), 2);
    cr_assert_eq(awl_source_line_of(&ix.source, 6), 2, "the end offset is on the last line");
    src_free(&ix);
}

/* 1000 lines "x\n": line k starts at 2k. */
static void thousand_lines(indexed *ix)
{
    static char text[2000];
    for (size_t i = 0; i < 1000; i++) {
        text[2 * i] = 'x';
        text[2 * i + 1] = '\n';
    }
    src_init(ix, text, sizeof text);
}

Test(source_lines, many_lines_binary_search)
{
    indexed ix;
    thousand_lines(&ix);
    cr_assert_eq(ix.source.line_count, 1000);
    cr_assert_eq(ix.source.line_starts[999], 1998);
    cr_assert_eq(awl_source_line_of(&ix.source, 1234), 617);
    cr_assert_eq(awl_source_line_of(&ix.source, 1235), 617);
    cr_assert_eq(awl_source_line_of(&ix.source, 1999), 999);
    assert_position(&ix.source, 1235, 618, 2);
    src_free(&ix);
}

Test(source_lines, line_near_walks_on_and_falls_back_to_a_search)
{
    indexed ix;
    thousand_lines(&ix);
    cr_assert_eq(awl_source_line_near(&ix.source, 10, 5), 5, "on the hint's line");
    cr_assert_eq(awl_source_line_near(&ix.source, 13, 5), 6, "a line after the hint");
    cr_assert_eq(awl_source_line_near(&ix.source, 1999, 5), 999, "far after: searched");
    cr_assert_eq(awl_source_line_near(&ix.source, 3, 500), 1, "before the hint: searched");
    cr_assert_eq(awl_source_line_near(&ix.source, 3, 5000), 1, "a hint past the end");
    src_free(&ix);
}

/* ---- the copy ------------------------------------------------------------ */

Test(source_copy, bytes_are_copied_and_nul_terminated)
{
    char text[] = {'a', '\0', 'b', 'X'};
    indexed ix;
    src_init(&ix, text, 3); /* 'X' is not part of the text */
    cr_assert_neq(ix.source.bytes, text, "the source owns a copy");
    cr_assert_eq(ix.source.length, 3);
    cr_assert_eq(memcmp(ix.source.bytes, "a\0b", 3), 0, "embedded NUL kept");
    cr_assert_eq(ix.source.bytes[3], '\0');
    cr_assert_str_eq(ix.source.path, "test.md");
    text[0] = 'z';
    cr_assert_eq(ix.source.bytes[0], 'a', "later changes to the input do not show");
    src_free(&ix);
}

/* ---- line and column ------------------------------------------------------ */

Test(source_position, ascii_columns_are_one_based)
{
    indexed ix;
    SRC(ix, "ab\ncd\n");
    assert_position(&ix.source, 0, 1, 1);
    assert_position(&ix.source, 1, 1, 2);
    assert_position(&ix.source, 2, 1, 3); /* the newline itself */
    assert_position(&ix.source, 3, 2, 1);
    assert_position(&ix.source, 4, 2, 2);
    src_free(&ix);
}

Test(source_position, columns_count_code_points)
{
    indexed ix;
    /* λ is CE BB: x sits at byte 2, column 2. */
    SRC(ix, "\xCE\xBBx");
    assert_position(&ix.source, 2, 1, 2);
    src_free(&ix);

    /* 🚀 is F0 9F 9A 80: x at byte 4 is column 2. */
    SRC(ix, "\xF0\x9F\x9A\x80x");
    assert_position(&ix.source, 4, 1, 2);
    src_free(&ix);

    /* "é" written as e + U+0301 (CC 81) is two code points: x is column 3. */
    SRC(ix, "e\xCC\x81x");
    assert_position(&ix.source, 3, 1, 3);
    src_free(&ix);

    /* Second line: "- λ 🚀 [x]": offsets 0..2 "- ", 2..3 λ, 4 ' ', 5..8 🚀,
     * 9 ' ', 10 '['. Column of '[' is 7 (-, space, λ, space, 🚀, space, [). */
    SRC(ix, "# T\n- \xCE\xBB \xF0\x9F\x9A\x80 [x]\n");
    assert_position(&ix.source, 4 + 10, 2, 7);
    src_free(&ix);
}

Test(source_position, code_points_over_long_runs)
{
    /* Eight bytes are counted at a time: runs longer than a word, with
     * sequences across the word boundaries. 12 ASCII bytes, then λ (CE BB)
     * at 12..13, 🚀 (F0 9F 9A 80) at 14..17, then 10 ASCII bytes 18..27,
     * then é as e + CC 81 at 28..30: 12 + 1 + 1 + 10 + 2 = 26 code points. */
    indexed ix;
    SRC(ix, "abcdefghijkl\xCE\xBB\xF0\x9F\x9A\x80"
            "0123456789e\xCC\x81");
    cr_assert_eq(awl_source_code_points(&ix.source, 0, 31), 26);
    cr_assert_eq(awl_source_code_points(&ix.source, 0, 12), 12);
    cr_assert_eq(awl_source_code_points(&ix.source, 12, 18), 2, "λ and 🚀");
    cr_assert_eq(awl_source_code_points(&ix.source, 13, 13), 0, "an empty range");
    cr_assert_eq(awl_source_code_points(&ix.source, 4, 28), 20);
    assert_position(&ix.source, 28, 1, 25);
    assert_position(&ix.source, 31, 1, 27);
    src_free(&ix);
}

Test(source_position, crlf_and_end_of_text)
{
    indexed ix;
    /* a \r \n b : b at 3 is line 2 column 1; the CR is column 2 of line 1. */
    SRC(ix, "a\r\nb");
    assert_position(&ix.source, 1, 1, 2);
    assert_position(&ix.source, 3, 2, 1);
    assert_position(&ix.source, 4, 2, 2); /* the end of the text */
    src_free(&ix);
}

/* ---- newline style and BOM ------------------------------------------------ */

Test(source_style, newline_styles)
{
    indexed ix;
    SRC(ix, "no break at all");
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_NONE);
    src_free(&ix);
    SRC(ix, "a\nb\n");
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_LF);
    src_free(&ix);
    SRC(ix, "a\r\nb\r\n");
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_CRLF);
    src_free(&ix);
    SRC(ix, "a\r\nb\n");
    cr_assert_eq(ix.source.newline, AWL_NEWLINE_MIXED);
    src_free(&ix);
}

Test(source_style, bom_flag)
{
    indexed ix;
    SRC(ix, "\xEF\xBB\xBF# Title\n");
    cr_assert(ix.source.has_bom);
    cr_assert(ix.source.valid_utf8);
    cr_assert_eq(ix.source.line_count, 1);
    /* The BOM is one code point: '#' at byte 3 is column 2. */
    assert_position(&ix.source, 3, 1, 2);
    src_free(&ix);

    SRC(ix, "\xEF\xBB");
    cr_assert_not(ix.source.has_bom, "two bytes of a BOM are not a BOM");
    src_free(&ix);

    SRC(ix, "# \xEF\xBB\xBF");
    cr_assert_not(ix.source.has_bom, "U+FEFF after the start is not a BOM");
    src_free(&ix);
}

/* ---- UTF-8 ---------------------------------------------------------------- */

static void assert_invalid(const char *bytes, size_t len, size_t want_bad, const char *what)
{
    size_t bad = 12345;
    cr_assert_not(awl_utf8_validate(bytes, len, &bad), "%s must be invalid", what);
    cr_assert_eq(bad, want_bad, "%s: first bad offset %zu, want %zu", what, bad, want_bad);

    indexed ix;
    src_init(&ix, bytes, len);
    cr_assert_not(ix.source.valid_utf8, "%s: source says valid", what);
    cr_assert_eq(ix.source.first_invalid_utf8, want_bad, "%s: source offset %zu, want %zu", what,
                 ix.source.first_invalid_utf8, want_bad);
    src_free(&ix);
}

static void assert_valid(const char *bytes, size_t len, const char *what)
{
    size_t bad = 0;
    cr_assert(awl_utf8_validate(bytes, len, &bad), "%s must be valid (bad at %zu)", what, bad);
    indexed ix;
    src_init(&ix, bytes, len);
    cr_assert(ix.source.valid_utf8, "%s: source says invalid", what);
    src_free(&ix);
}

#define INVALID(literal, bad, what) assert_invalid((literal), sizeof(literal) - 1, (bad), (what))
#define VALID(literal, what) assert_valid((literal), sizeof(literal) - 1, (what))

Test(source_utf8, valid_text)
{
    VALID("plain ascii", "ASCII");
    VALID("caf\xC3\xA9 \xCE\xBB \xE2\x80\x94 \xF0\x9F\x9A\x80", "2-, 3- and 4-byte forms");
    VALID("\xC2\x80", "U+0080, the smallest 2-byte form");
    VALID("\xE0\xA0\x80", "U+0800, the smallest 3-byte form");
    VALID("\xED\x9F\xBF", "U+D7FF, just below the surrogates");
    VALID("\xEE\x80\x80", "U+E000, just above the surrogates");
    VALID("\xF0\x90\x80\x80", "U+10000, the smallest 4-byte form");
    VALID("\xF4\x8F\xBF\xBF", "U+10FFFF, the largest code point");
    VALID("a\0b", "an embedded NUL");
}

Test(source_utf8, overlong_forms_are_invalid)
{
    INVALID("\xC0\xAF", 0, "overlong '/' in 2 bytes (C0)");
    INVALID("ab\xC1\x81", 2, "overlong 'A' in 2 bytes (C1)");
    INVALID("x\xE0\x80\xAF", 1, "overlong '/' in 3 bytes");
    INVALID("\xE0\x9F\xBF", 0, "overlong U+07FF in 3 bytes");
    INVALID("\xF0\x80\x80\xAF", 0, "overlong '/' in 4 bytes");
    INVALID("\xF0\x8F\xBF\xBF", 0, "overlong U+FFFF in 4 bytes");
}

Test(source_utf8, surrogates_are_invalid)
{
    INVALID("\xED\xA0\x80", 0, "U+D800");
    INVALID("ok \xED\xBF\xBF", 3, "U+DFFF");
    INVALID("\xED\xA0\xBD\xED\xB8\x80", 0, "CESU-8 surrogate pair");
}

Test(source_utf8, truncated_sequences_are_invalid)
{
    INVALID("a\xE2\x82", 1, "3-byte sequence cut at the end");
    INVALID("\xE2\x82" "a", 0, "3-byte sequence cut by ASCII");
    INVALID("\xF0\x9F\x9A", 0, "4-byte sequence missing its last byte");
    INVALID("\xC3", 0, "lone lead byte at the end");
    INVALID("a\x80", 1, "lone continuation byte");
    INVALID("\xE2\x82\xAC\xAC", 3, "extra continuation after a full sequence");
}

Test(source_utf8, past_u10ffff_is_invalid)
{
    INVALID("\xF4\x90\x80\x80", 0, "U+110000");
    INVALID("z\xF5\x80\x80\x80", 1, "F5 lead byte");
    INVALID("\xF8\x88\x80\x80\x80", 0, "5-byte form");
    INVALID("\xFF", 0, "FF");
    INVALID("\xFE", 0, "FE");
}

Test(source_utf8, first_bad_offset_is_the_first_one)
{
    /* o k C3 A9 ' ' FF ' ' FF : offsets 0 1 2 3 4 5 6 7 */
    INVALID("ok\xC3\xA9 \xFF \xFF", 5, "two bad bytes");
    /* Latin-1 "café" after "# Title\n" (8 bytes): the lone E9 is at offset 11. */
    INVALID("# Title\ncaf\xE9\n", 11, "Latin-1 byte");
}

Test(source_utf8, sequence_length)
{
    const unsigned char a[] = "a";
    const unsigned char e_acute[] = "\xC3\xA9";
    const unsigned char euro[] = "\xE2\x82\xAC";
    const unsigned char rocket[] = "\xF0\x9F\x9A\x80";
    cr_assert_eq(awl_utf8_sequence_length(a, 1), 1);
    cr_assert_eq(awl_utf8_sequence_length(e_acute, 2), 2);
    cr_assert_eq(awl_utf8_sequence_length(euro, 3), 3);
    cr_assert_eq(awl_utf8_sequence_length(rocket, 4), 4);
    cr_assert_eq(awl_utf8_sequence_length(rocket, 3), 0, "cut short by len");
    cr_assert_eq(awl_utf8_sequence_length(rocket, 0), 0);
    cr_assert_eq(awl_utf8_sequence_length((const unsigned char *)"\xED\xA0\x80", 3), 0);
    cr_assert_eq(awl_utf8_sequence_length((const unsigned char *)"\x80", 1), 0);
}

/* ---- line marks ---------------------------------------------------------- */

/* The three lines the mark tests build texts from: a long one (whole words
 * and a tail), one shorter than a word, and a last one of a word and a
 * bit. */
static const char *const mark_lines[] = {"- first line of the list, with words enough", "- mid",
                                         "- [Last](u)"};

/* Joins mark_lines with `newline` (and ends with one when `final`), with
 * `insert` put at offset `at` of line `target`; returns the length. */
static size_t build_marked(char *out, size_t target, size_t at, const char *insert,
                           size_t insert_len, const char *newline, bool final)
{
    size_t len = 0;
    for (size_t k = 0; k < 3; k++) {
        const char *line = mark_lines[k];
        size_t line_len = strlen(line);
        if (k == target) {
            memcpy(out + len, line, at);
            memcpy(out + len + at, insert, insert_len);
            memcpy(out + len + at + insert_len, line + at, line_len - at);
            len += insert_len;
        } else {
            memcpy(out + len, line, line_len);
        }
        len += line_len;
        if (k < 2 || final) {
            memcpy(out + len, newline, strlen(newline));
            len += strlen(newline);
        }
    }
    return len;
}

Test(source_marks, a_rare_byte_marks_its_line_and_no_other)
{
    /* Every offset of every line, LF and CR LF, with and without a final
     * newline: a rule reads only marked lines, so a missed mark is a missed
     * finding. */
    static const struct {
        const char *bytes;
        size_t len;
        uint8_t mark;
    } inserts[] = {
        {"\x01", 1, AWL_MARK_CONTROL},
        {"\x1B", 1, AWL_MARK_CONTROL},
        {"\x7F", 1, AWL_MARK_CONTROL},
        {"\0", 1, AWL_MARK_CONTROL},
        {"\f", 1, AWL_MARK_CONTROL},
        {"\xC3\xA9", 2, AWL_MARK_NON_ASCII},
        {"\xE2\x80\x8B", 3, AWL_MARK_NON_ASCII},
        {"\xF0\x9F\x98\x80", 4, AWL_MARK_NON_ASCII},
    };
    static const char *const newlines[] = {"\n", "\r\n"};
    char text[128];
    for (size_t n = 0; n < 2; n++)
        for (int final = 0; final < 2; final++)
            for (size_t target = 0; target < 3; target++)
                for (size_t at = 0; at <= strlen(mark_lines[target]); at++)
                    for (size_t k = 0; k < sizeof inserts / sizeof inserts[0]; k++) {
                        size_t len = build_marked(text, target, at, inserts[k].bytes,
                                                  inserts[k].len, newlines[n], final);
                        indexed ix;
                        src_init(&ix, text, len);
                        cr_assert_eq(ix.source.line_count, 3);
                        cr_assert(ix.source.valid_utf8);
                        for (size_t line = 0; line < 3; line++)
                            cr_assert_eq(ix.source.line_marks[line],
                                         line == target ? inserts[k].mark : 0,
                                         "insert %zu at %zu of line %zu (%s, final %d): line %zu "
                                         "marks %u",
                                         k, at, target, n ? "CRLF" : "LF", final, line,
                                         ix.source.line_marks[line]);
                        src_free(&ix);
                    }
}

Test(source_marks, white_space_is_not_marked)
{
    /* Tab, the CR of CR LF and a lone CR are white space, not control. */
    indexed ix;
    SRC(ix, "a\tb\r\nplain words and more words\rx\n\t\t\t\t\t\t\t\t\t\n");
    cr_assert_eq(ix.source.line_count, 3);
    for (size_t line = 0; line < 3; line++)
        cr_assert_eq(ix.source.line_marks[line], 0, "line %zu", line);
    src_free(&ix);
}

Test(source_marks, both_marks_a_bom_and_invalid_bytes)
{
    /* Line 0 holds only the byte order mark; line 1 a control byte and é;
     * line 2 an invalid byte (FF); line 3, after it, is still marked. */
    indexed ix;
    SRC(ix, "\xEF\xBB\xBF# T\nx\x02 caf\xC3\xA9\nbad \xFF here\nand \xC3\xA9 after\nascii");
    cr_assert_eq(ix.source.line_count, 5);
    cr_assert_eq(ix.source.line_marks[0], AWL_MARK_NON_ASCII);
    cr_assert_eq(ix.source.line_marks[1], AWL_MARK_NON_ASCII | AWL_MARK_CONTROL);
    cr_assert_eq(ix.source.line_marks[2], AWL_MARK_NON_ASCII);
    cr_assert_eq(ix.source.line_marks[3], AWL_MARK_NON_ASCII);
    cr_assert_eq(ix.source.line_marks[4], 0);
    cr_assert_not(ix.source.valid_utf8);
    /* "\xEF\xBB\xBF# T\n" is 7 bytes, "x\x02 caf\xC3\xA9\n" 9, "bad " 4. */
    cr_assert_eq(ix.source.first_invalid_utf8, 20);
    cr_assert_eq(awl_source_next_marked(&ix.source, 0, AWL_MARK_CONTROL), 1);
    cr_assert_eq(awl_source_next_marked(&ix.source, 2, AWL_MARK_CONTROL), 5);
    cr_assert_eq(awl_source_next_marked(&ix.source, 4, AWL_MARK_NON_ASCII), 5);
    src_free(&ix);
}
