/*
 * test_strmap: the hash and the map every "no quadratic loop" rests on.
 *
 * awl_hash_bytes reads a key's last bytes with overlapping loads instead
 * of a byte loop; these cases check that it still hashes exactly the key's
 * bytes (none before or after it), for every length up to a few words,
 * and that the map keeps keys apart that differ in a single byte.
 */
#include <criterion/criterion.h>
#include <stdint.h>
#include <string.h>

#include "strmap.h"

/* The hash written the plain way: eight bytes a step, then the rest one
 * byte at a time as a little-endian number. */
static uint64_t hash_by_bytes(const char *bytes, size_t len)
{
    const uint64_t mul = 0x9E3779B97F4A7C15ULL;
    uint64_t hash = 0xcbf29ce484222325ULL ^ (len * mul);
    size_t i = 0;
    for (; i + 8 <= len; i += 8) {
        uint64_t word;
        memcpy(&word, bytes + i, 8);
        hash = (hash ^ word) * mul;
        hash ^= hash >> 29;
    }
    if (i < len) {
        uint64_t word = 0;
        for (size_t k = 0; i + k < len; k++)
            word |= (uint64_t)(unsigned char)bytes[i + k] << (8 * k);
        hash = (hash ^ word) * mul;
        hash ^= hash >> 29;
    }
    hash *= 0xBF58476D1CE4E5B9ULL;
    return hash ^ (hash >> 32);
}

Test(strmap, hash_reads_exactly_the_key_at_every_length)
{
    /* the same key between different neighbours, at every alignment */
    char a[64], b[64];
    for (size_t len = 0; len <= 40; len++)
        for (size_t at = 1; at <= 8; at++) {
            memset(a, 'x', sizeof a);
            memset(b, 'y', sizeof b);
            size_t other = 16 - at; /* another alignment */
            for (size_t k = 0; k < len; k++)
                a[at + k] = b[other + k] = (char)('a' + (k * 7 + len) % 26);
            const char *in_b = b + other;
            uint64_t want = hash_by_bytes(a + at, len);
            cr_expect_eq(awl_hash_bytes(a + at, len), want, "length %zu at %zu", len, at);
            cr_expect_eq(awl_hash_bytes(in_b, len), want, "length %zu, other neighbours", len);
        }
}

Test(strmap, keys_one_byte_apart_are_different_keys)
{
    /* every prefix of a text, and each with its last byte changed */
    const char *text = "Tiresias: A GPU Cluster Manager for Distributed Deep Learning";
    size_t count = strlen(text);
    char changed[64][64];
    awl_strmap map;
    awl_strmap_init(&map);
    for (size_t len = 1; len <= count; len++) {
        bool inserted = false;
        *awl_strmap_upsert(&map, text, len, &inserted) = len;
        cr_expect(inserted, "prefix of %zu is new", len);
        memcpy(changed[len], text, len);
        changed[len][len - 1] ^= 1;
        *awl_strmap_upsert(&map, changed[len], len, &inserted) = 1000 + len;
        cr_expect(inserted, "prefix of %zu with its last byte changed is new", len);
    }
    cr_expect_eq(map.count, 2 * count);
    for (size_t len = 1; len <= count; len++) {
        size_t *value = awl_strmap_get(&map, text, len);
        cr_assert_not_null(value);
        cr_expect_eq(*value, len);
        value = awl_strmap_get(&map, changed[len], len);
        cr_assert_not_null(value);
        cr_expect_eq(*value, 1000 + len);
    }
    awl_strmap_free(&map);
}
