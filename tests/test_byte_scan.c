/*
 * byte_scan: the word-at-a-time skips the byte-reading rules use must stop
 * at the first byte they look for, wherever it falls in a word, and never
 * read past the end they are given.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "byte_scan.h"

enum { LEN = 40 };

Test(byte_scan, skip_ascii_stops_at_the_first_non_ascii_byte)
{
    for (size_t at = 0; at < LEN; at++) {
        for (size_t from = 0; from <= at; from++) {
            /* On the heap, exactly LEN bytes: a read past the end would
             * show under the sanitizers. */
            unsigned char *s = malloc(LEN);
            memset(s, 'a', LEN);
            s[at] = 0xC3;
            cr_assert_eq(awl_skip_ascii(s, from, LEN), at, "0xC3 at %zu, from %zu", at, from);
            cr_assert_eq(awl_skip_ascii(s, from, at), at, "end at %zu", at);
            free(s);
        }
    }
}

Test(byte_scan, word_tests_see_a_byte_in_any_position)
{
    for (size_t at = 0; at < AWL_WORD_BYTES; at++) {
        unsigned char bytes[AWL_WORD_BYTES];
        memset(bytes, 0xC3, sizeof bytes); /* high bytes must not hide or fake one */
        cr_assert(!awl_word_has_byte(awl_load_word(bytes), ')'));
        cr_assert(!awl_word_has_below(awl_load_word(bytes), ' ' + 1));
        bytes[at] = ')';
        cr_assert(awl_word_has_byte(awl_load_word(bytes), ')'), "')' at %zu", at);
        cr_assert(!awl_word_has_byte(awl_load_word(bytes), '('), "'(' is not ')'");
        cr_assert(!awl_word_has_below(awl_load_word(bytes), ' ' + 1), "')' is above a space");
        bytes[at] = ' ';
        cr_assert(awl_word_has_below(awl_load_word(bytes), ' ' + 1), "space at %zu", at);
        cr_assert(!awl_word_has_below(awl_load_word(bytes), ' '), "a space is not below one");
    }
}

/* The source index and JSON escaping skip words that hold only printable
 * ASCII: every other byte, in any position, must stop the skip. */
Test(byte_scan, unprintable_is_every_byte_outside_space_to_tilde)
{
    for (unsigned c = 0; c < 256; c++) {
        for (size_t at = 0; at < AWL_WORD_BYTES; at++) {
            unsigned char bytes[AWL_WORD_BYTES];
            memset(bytes, 'a', sizeof bytes);
            bytes[at] = (unsigned char)c;
            bool printable = c >= 0x20 && c < 0x7F;
            cr_assert_eq(awl_word_has_unprintable(awl_load_word(bytes)) != 0, !printable,
                         "byte 0x%02x at %zu", c, at);
        }
    }
}

/* Column counts subtract the continuation bytes counted this way. */
Test(byte_scan, count_high_counts_the_bytes_with_their_high_bit)
{
    for (unsigned mask = 0; mask < 256; mask++) {
        unsigned char bytes[AWL_WORD_BYTES];
        unsigned expected = 0;
        for (size_t at = 0; at < AWL_WORD_BYTES; at++) {
            bool high = mask >> at & 1;
            bytes[at] = high ? 0xA9 : 0x7F;
            expected += high;
        }
        cr_assert_eq(awl_word_count_high(awl_load_word(bytes)), expected, "mask 0x%02x", mask);
    }
}
