/*
 * test_strmap: the hash and the map every "no quadratic loop" rests on.
 *
 * awl_hash_bytes reads a key's last bytes with overlapping loads instead
 * of a byte loop; these cases check that it hashes exactly the key's bytes
 * (each of them, none before or after it) at every length up to a few
 * words, and that the map keeps keys apart that differ in a single byte.
 */
#include <criterion/criterion.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "strmap.h"

Test(strmap, hash_reads_exactly_the_key_at_every_length)
{
    char a[64], b[64];
    for (size_t len = 0; len <= 40; len++)
        for (size_t at = 1; at <= 8; at++) {
            /* the same key between other neighbours, at another alignment */
            memset(a, 'x', sizeof a);
            memset(b, 'y', sizeof b);
            size_t other = 16 - at;
            for (size_t k = 0; k < len; k++)
                a[at + k] = b[other + k] = (char)('a' + (k * 7 + len) % 26);
            uint64_t hash = awl_hash_bytes(a + at, len);
            cr_expect_eq(awl_hash_bytes(b + other, len), hash,
                         "length %zu at %zu: a neighbour was read", len, at);
            /* and every byte of it counts */
            for (size_t k = 0; k < len; k++) {
                a[at + k] ^= 0x40;
                cr_expect_neq(awl_hash_bytes(a + at, len), hash,
                              "length %zu: byte %zu was not read", len, k);
                a[at + k] ^= 0x40;
            }
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
