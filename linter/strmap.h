/*
 * strmap: an open-addressing hash map from byte strings to size_t values.
 *
 * Owns: its slot array (heap). Keys are NOT copied: the caller keeps them
 * alive as long as the map (usually they live in a document's arena).
 * Used wherever a rule would otherwise compare every entry with every other.
 */
#ifndef AWL_STRMAP_H
#define AWL_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* 24 bytes: the maps of a large list hold a slot or two per entry.
 * md4c's sizes are 32-bit, so no key is longer than a uint32_t says. */
typedef struct awl_strmap_slot {
    const char *key; /* NULL when empty */
    size_t value;
    uint32_t key_len;
    uint32_t hash; /* the low half of awl_hash_bytes: enough to place and compare */
} awl_strmap_slot;

typedef struct awl_strmap {
    awl_strmap_slot *slots;
    size_t capacity; /* a power of two */
    size_t count;
} awl_strmap;

uint64_t awl_hash_bytes(const char *bytes, size_t len);

/* The hash a map places `key` by (awl_strmap_upsert_hashed takes it). */
static inline uint32_t awl_strmap_hash(const char *key, size_t key_len)
{
    return (uint32_t)awl_hash_bytes(key, key_len);
}

void awl_strmap_init(awl_strmap *map);
void awl_strmap_free(awl_strmap *map);
/* Makes room for `count` keys, so a map whose size is known grows once. */
void awl_strmap_reserve(awl_strmap *map, size_t count);
/* Returns the value slot for key, inserting it with *value 0 and setting
 * *inserted when it was missing. The pointer is valid until the next insert. */
size_t *awl_strmap_upsert(awl_strmap *map, const char *key, size_t key_len, bool *inserted);
/* awl_strmap_upsert in two steps, for a caller with many keys at hand:
 * the hash of each computed first, the slot a key will probe fetched into
 * the cache some keys ahead of its upsert, so that a large map's cache
 * misses overlap instead of following one another. */
void awl_strmap_prefetch(const awl_strmap *map, uint32_t hash);
size_t *awl_strmap_upsert_hashed(awl_strmap *map, const char *key, size_t key_len, uint32_t hash,
                                 bool *inserted);
/* Returns a pointer to the value, or NULL when absent. */
size_t *awl_strmap_get(const awl_strmap *map, const char *key, size_t key_len);


#endif
