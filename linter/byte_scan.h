/*
 * byte_scan: skipping the bytes a pass has no business with, eight at a
 * time, for the code that reads every byte of the file or long runs of it
 * (the source index, JSON escaping, the byte and Unicode rules).
 *
 * A word of eight bytes is tested at once with the usual bit tricks:
 * subtracting n from every byte borrows into a byte's high bit exactly
 * when some byte is below n (the test may also flag a byte after one that
 * is, never a word without one), so the caller still looks at single bytes.
 */
#ifndef AWL_BYTE_SCAN_H
#define AWL_BYTE_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

enum { AWL_WORD_BYTES = 8 };

/* 0x01 and 0x80 in every byte of a word. */
static const uint64_t awl_ones = 0x0101010101010101ULL;
static const uint64_t awl_high_bits = 0x8080808080808080ULL;

static inline uint64_t awl_load_word(const unsigned char *s)
{
    uint64_t w;
    memcpy(&w, s, sizeof w);
    return w;
}

/* Whether some byte of the word has its high bit set (non-ASCII). */
static inline int awl_word_has_high(uint64_t w)
{
    return (w & awl_high_bits) != 0;
}

/* Whether some byte of the word is below `limit` (at most 0x80). */
static inline int awl_word_has_below(uint64_t w, unsigned char limit)
{
    return ((w - awl_ones * limit) & ~w & awl_high_bits) != 0;
}

/* Whether some byte of the word is `b`: xor makes that byte zero, and a
 * zero byte borrows like one below 1. */
static inline int awl_word_has_byte(uint64_t w, unsigned char b)
{
    return awl_word_has_below(w ^ (awl_ones * b), 1);
}

/* Whether some byte of the word is not printable ASCII: >= 0x80 (its high
 * bit), below 0x20 (subtracting 0x20 borrows into a high bit) or DEL
 * (adding 1 carries into its high bit). One expression for the three, as
 * the source index asks it of every word of the file. */
static inline int awl_word_has_unprintable(uint64_t w)
{
    return (((w - awl_ones * 0x20) | w | (w + awl_ones)) & awl_high_bits) != 0;
}

/* How many bytes of the word have their high bit set: each such bit moved
 * down to its byte's low bit, the multiply sums the eight into the top
 * byte (no popcount instruction needed). */
static inline unsigned awl_word_count_high(uint64_t w)
{
    return (unsigned)((((w & awl_high_bits) >> 7) * awl_ones) >> 56);
}

/* The first offset from i holding a byte >= 0x80 (not ASCII), or end.
 * Two words a step while they last: most of a list is ASCII. */
static inline size_t awl_skip_ascii(const unsigned char *s, size_t i, size_t end)
{
    while (end - i >= 2 * AWL_WORD_BYTES &&
           !awl_word_has_high(awl_load_word(s + i) | awl_load_word(s + i + AWL_WORD_BYTES)))
        i += 2 * AWL_WORD_BYTES;
    if (end - i >= AWL_WORD_BYTES && !awl_word_has_high(awl_load_word(s + i)))
        i += AWL_WORD_BYTES;
    while (i < end && s[i] < 0x80)
        i++;
    return i;
}

#endif
