/* strmap: linear-probing hash map keyed by borrowed byte strings (see strmap.h). */
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The `width` (at most 8) bytes at p as a little-endian number on any
 * host, so the shifts below place them alike everywhere. */
static inline uint64_t load_le(const char *p, size_t width)
{
    uint64_t value = 0;
    memcpy(&value, p, width);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    value = __builtin_bswap64(value);
#endif
    return value;
}

uint64_t awl_hash_bytes(const char *bytes, size_t len)
{
    /* Eight bytes per step, each mixed in with a multiply (as wyhash and
     * its kin do): keys are hashed for every word and link of a list, and a
     * byte-at-a-time hash was a tenth of the duplicate pass. */
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
        /* The last 1-7 bytes as a little-endian number, without a memcpy
         * of variable length (a libc call): a key of eight bytes or more
         * reads its last eight and shifts the ones already mixed out. */
        size_t rest = len - i;
        uint64_t word = 0;
        if (len >= 8) {
            word = load_le(bytes + len - 8, 8) >> (8 * (8 - rest));
        } else if (len >= 4) {
            /* two four-byte reads that overlap in the middle */
            word = load_le(bytes, 4) | load_le(bytes + len - 4, 4) << (8 * (len - 4));
        } else {
            /* first, middle and last byte: all of a key of one to three */
            word = (uint64_t)(unsigned char)bytes[0] |
                   (uint64_t)(unsigned char)bytes[len / 2] << (8 * (len / 2)) |
                   (uint64_t)(unsigned char)bytes[len - 1] << (8 * (len - 1));
        }
        hash = (hash ^ word) * mul;
        hash ^= hash >> 29;
    }
    hash *= 0xBF58476D1CE4E5B9ULL;
    return hash ^ (hash >> 32);
}

void awl_strmap_init(awl_strmap *map)
{
    map->slots = NULL;
    map->capacity = 0;
    map->count = 0;
}

void awl_strmap_free(awl_strmap *map)
{
    free(map->slots);
    awl_strmap_init(map);
}

static awl_strmap_slot *find_slot(awl_strmap_slot *slots, size_t capacity, const char *key,
                                  size_t key_len, uint32_t hash)
{
    size_t index = (size_t)hash & (capacity - 1);
    for (;;) {
        awl_strmap_slot *slot = &slots[index];
        if (!slot->key || (slot->hash == hash && slot->key_len == key_len &&
                           memcmp(slot->key, key, key_len) == 0))
            return slot;
        index = (index + 1) & (capacity - 1);
    }
}

static void resize(awl_strmap *map, size_t capacity)
{
    awl_strmap_slot *slots = awl_xcalloc_dense(capacity, sizeof *slots);
    for (size_t i = 0; i < map->capacity; i++) {
        awl_strmap_slot *old = &map->slots[i];
        if (old->key)
            *find_slot(slots, capacity, old->key, old->key_len, old->hash) = *old;
    }
    free(map->slots);
    map->slots = slots;
    map->capacity = capacity;
}

void awl_strmap_reserve(awl_strmap *map, size_t count)
{
    size_t capacity = map->capacity ? map->capacity : 64;
    while (count * 4 > capacity * 3)
        capacity *= 2;
    if (capacity > map->capacity)
        resize(map, capacity);
}

size_t *awl_strmap_upsert(awl_strmap *map, const char *key, size_t key_len, bool *inserted)
{
    return awl_strmap_upsert_hashed(map, key, key_len, awl_strmap_hash(key, key_len), inserted);
}

void awl_strmap_prefetch(const awl_strmap *map, uint32_t hash)
{
    if (map->capacity)
        __builtin_prefetch(&map->slots[(size_t)hash & (map->capacity - 1)], 1);
}

size_t *awl_strmap_upsert_hashed(awl_strmap *map, const char *key, size_t key_len, uint32_t hash,
                                 bool *inserted)
{
    if ((map->count + 1) * 4 > map->capacity * 3)
        resize(map, map->capacity ? map->capacity * 2 : 64);
    awl_strmap_slot *slot = find_slot(map->slots, map->capacity, key, key_len, hash);
    if (inserted)
        *inserted = !slot->key;
    if (!slot->key) {
        /* A zero-length key still needs a non-NULL marker pointer. */
        slot->key = key ? key : "";
        slot->key_len = (uint32_t)key_len;
        slot->hash = hash;
        slot->value = 0;
        map->count++;
    }
    return &slot->value;
}

size_t *awl_strmap_get(const awl_strmap *map, const char *key, size_t key_len)
{
    if (!map->capacity)
        return NULL;
    awl_strmap_slot *slot =
        find_slot(map->slots, map->capacity, key, key_len, awl_strmap_hash(key, key_len));
    return slot->key ? &slot->value : NULL;
}
