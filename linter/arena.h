/*
 * arena: the memory of one document.
 *
 * Owns: every block of memory handed out by awl_arena_* functions. Nothing
 * allocated from an arena is freed on its own; awl_arena_free releases it
 * all at once. Out of memory is fatal: the allocators print a message and
 * abort, as cmark and jq do, so that call sites stay clean.
 *
 * Growable arrays (awl_vec) live on the ordinary heap because they grow by
 * doubling; their owner frees them with awl_vec_free.
 */
#ifndef AWL_ARENA_H
#define AWL_ARENA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

typedef struct awl_arena_chunk awl_arena_chunk;

typedef struct awl_arena {
    awl_arena_chunk *head; /* newest chunk first */
} awl_arena;

/* Returns zeroed memory of `size` bytes, aligned for any scalar type. */
void *awl_arena_alloc(awl_arena *arena, size_t size);
/* Copies `len` bytes and appends a NUL. */
char *awl_arena_strndup(awl_arena *arena, const char *text, size_t len);
char *awl_arena_strdup(awl_arena *arena, const char *text);
/* printf into the arena. */
char *awl_arena_printf(awl_arena *arena, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void awl_arena_free(awl_arena *arena);
/* Moves every block of `from` into `into` (which goes on allocating where
 * it was), leaving `from` empty: for an arena filled on another thread. */
void awl_arena_adopt(awl_arena *into, awl_arena *from);

/* Heap helpers that abort on exhaustion. */
void *awl_xmalloc(size_t size);
void *awl_xcalloc(size_t count, size_t size);
/* awl_xcalloc for memory that will be written all over, such as a hash
 * table: its pages are made writable now, one fault each. */
void *awl_xcalloc_dense(size_t count, size_t size);
void *awl_xrealloc(void *ptr, size_t size);
char *awl_xstrndup(const char *text, size_t len);

/*
 * A growable array of fixed-size items on the heap.
 * awl_vec_push returns a pointer to the new, zeroed item; the pointer is valid
 * until the next push (the storage may move).
 */
typedef struct awl_vec {
    void *items;
    size_t count;
    size_t capacity;
    size_t item_size;
} awl_vec;

void awl_vec_init(awl_vec *vec, size_t item_size);
/* Doubles the room (awl_vec_push calls it when full). */
void awl_vec_grow(awl_vec *vec);
/* Makes room for `count` items in all, so that pushes up to there neither
 * move nor copy the items. */
void awl_vec_reserve(awl_vec *vec, size_t count);
void awl_vec_free(awl_vec *vec);

/* Inline: hundreds of thousands of pushes per big file; only growing calls
 * out. */
static inline void *awl_vec_push(awl_vec *vec)
{
    if (vec->count == vec->capacity)
        awl_vec_grow(vec);
    void *item = (unsigned char *)vec->items + vec->count * vec->item_size;
    memset(item, 0, vec->item_size);
    vec->count++;
    return item;
}

/* The item at `index`; NULL for an empty vector, whose items are NULL (so a
 * run of zero items starting anywhere in it is NULL, not NULL + offset).
 * Inline: the parser and the rules call it for every item they visit. */
static inline void *awl_vec_at(const awl_vec *vec, size_t index)
{
    if (!vec->items)
        return NULL;
    return (unsigned char *)vec->items + index * vec->item_size;
}

/* A growable byte buffer (always NUL-terminated). */
typedef struct awl_buf {
    char *data;
    size_t len;
    size_t capacity;
} awl_buf;

void awl_buf_printf(awl_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends a number in decimal (no printf: JSON output writes many). */
void awl_buf_put_size(awl_buf *buf, size_t value);
/* Makes room for `extra` more bytes (and the NUL) without growing later. */
void awl_buf_reserve(awl_buf *buf, size_t extra);
/* Empties the buffer, keeping its storage. */
void awl_buf_clear(awl_buf *buf);
void awl_buf_free(awl_buf *buf);
/* Appends everything left in `in` (the buffer stays NUL-terminated, even
 * when empty); false on a read error (errno says which). */
bool awl_buf_read_stream(awl_buf *buf, FILE *in);

/* Inline: the parser and the reports append hundreds of thousands of short
 * pieces; only growing calls out. */
static inline void awl_buf_append(awl_buf *buf, const char *bytes, size_t len)
{
    if (buf->len + len + 1 > buf->capacity)
        awl_buf_reserve(buf, len);
    if (len)
        memcpy(buf->data + buf->len, bytes, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
}

/* A C string: inline, so the length of a literal is known when compiling
 * (reports are written from many short literals). */
static inline void awl_buf_puts(awl_buf *buf, const char *text)
{
    awl_buf_append(buf, text, strlen(text));
}

/* One byte: inline, since text is often built a byte at a time. */
static inline void awl_buf_putc(awl_buf *buf, char c)
{
    if (buf->len + 2 > buf->capacity)
        awl_buf_reserve(buf, 1);
    buf->data[buf->len++] = c;
    buf->data[buf->len] = '\0';
}

#endif
