/* arena: chunked bump allocator and abort-on-OOM heap helpers (see arena.h). */
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { AWL_ARENA_CHUNK = 64 * 1024, AWL_ALIGN = 16 };

struct awl_arena_chunk {
    awl_arena_chunk *next;
    size_t used;
    size_t capacity;
    _Alignas(16) unsigned char data[];
};

static void out_of_memory(size_t size)
{
    fprintf(stderr, "awelint: out of memory (allocating %zu bytes)\n", size);
    abort();
}

void *awl_xmalloc(size_t size)
{
    void *ptr = malloc(size ? size : 1);
    if (!ptr)
        out_of_memory(size);
    return ptr;
}

void *awl_xcalloc(size_t count, size_t size)
{
    void *ptr = calloc(count ? count : 1, size ? size : 1);
    if (!ptr)
        out_of_memory(count * size);
    return ptr;
}

void *awl_xcalloc_dense(size_t count, size_t size)
{
    unsigned char *ptr = awl_xcalloc(count, size);
    /* calloc leaves fresh pages unmapped; a read maps the shared zero page
     * and the first write then faults again to copy it, flushing the TLB
     * of every CPU running one of our threads. Writing each page first
     * takes one fault a page. (A plain memset after malloc would be turned
     * back into calloc by the compiler.) */
    size_t bytes = (count ? count : 1) * (size ? size : 1);
    for (size_t at = 0; at < bytes; at += 4096)
        ((volatile unsigned char *)ptr)[at] = 0;
    return ptr;
}

void *awl_xrealloc(void *ptr, size_t size)
{
    void *grown = realloc(ptr, size ? size : 1);
    if (!grown)
        out_of_memory(size);
    return grown;
}

char *awl_xstrndup(const char *text, size_t len)
{
    char *copy = awl_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

/* `size` bytes of the arena, not cleared. */
static void *arena_take(awl_arena *arena, size_t size)
{
    size = (size + AWL_ALIGN - 1) & ~(size_t)(AWL_ALIGN - 1);
    awl_arena_chunk *chunk = arena->head;
    if (!chunk || chunk->capacity - chunk->used < size) {
        /* Large requests get a chunk of their own so small ones keep filling
         * the current chunk. */
        size_t capacity = size > AWL_ARENA_CHUNK / 4 ? size : AWL_ARENA_CHUNK;
        awl_arena_chunk *fresh = awl_xmalloc(sizeof *fresh + capacity);
        fresh->used = 0;
        fresh->capacity = capacity;
        if (chunk && capacity != AWL_ARENA_CHUNK) {
            fresh->next = chunk->next;
            chunk->next = fresh;
        } else {
            fresh->next = chunk;
            arena->head = fresh;
        }
        chunk = fresh;
    }
    void *ptr = chunk->data + chunk->used;
    chunk->used += size;
    return ptr;
}

void *awl_arena_alloc(awl_arena *arena, size_t size)
{
    void *ptr = arena_take(arena, size);
    memset(ptr, 0, size);
    return ptr;
}

char *awl_arena_strndup(awl_arena *arena, const char *text, size_t len)
{
    char *copy = arena_take(arena, len + 1); /* every byte is written below */
    memcpy(copy, text, len);
    copy[len] = '\0';
    return copy;
}

char *awl_arena_strdup(awl_arena *arena, const char *text)
{
    return awl_arena_strndup(arena, text, strlen(text));
}

char *awl_arena_printf(awl_arena *arena, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int len = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (len < 0)
        len = 0;
    char *text = arena_take(arena, (size_t)len + 1); /* vsnprintf writes it all */
    va_start(args, fmt);
    vsnprintf(text, (size_t)len + 1, fmt, args);
    va_end(args);
    return text;
}

void awl_arena_adopt(awl_arena *into, awl_arena *from)
{
    awl_arena_chunk *first = from->head;
    if (!first)
        return;
    awl_arena_chunk *last = first;
    while (last->next)
        last = last->next;
    if (into->head) {
        last->next = into->head->next;
        into->head->next = first;
    } else {
        into->head = first;
    }
    from->head = NULL;
}

void awl_arena_free(awl_arena *arena)
{
    awl_arena_chunk *chunk = arena->head;
    while (chunk) {
        awl_arena_chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    arena->head = NULL;
}

void awl_vec_init(awl_vec *vec, size_t item_size)
{
    vec->items = NULL;
    vec->count = 0;
    vec->capacity = 0;
    vec->item_size = item_size;
}

void awl_vec_reserve(awl_vec *vec, size_t count)
{
    if (count <= vec->capacity)
        return;
    vec->capacity = count;
    vec->items = awl_xrealloc(vec->items, count * vec->item_size);
}

void awl_vec_grow(awl_vec *vec)
{
    vec->capacity = vec->capacity ? vec->capacity * 2 : 16;
    vec->items = awl_xrealloc(vec->items, vec->capacity * vec->item_size);
}

void awl_vec_free(awl_vec *vec)
{
    free(vec->items);
    vec->items = NULL;
    vec->count = vec->capacity = 0;
}

void awl_buf_reserve(awl_buf *buf, size_t extra)
{
    if (buf->len + extra + 1 <= buf->capacity)
        return;
    /* Double, or take exactly what is asked when that is more: a file
     * read into a buffer reserved at its size takes its size, not the
     * next power of two. */
    size_t need = buf->len + extra + 1;
    size_t capacity = buf->capacity ? buf->capacity * 2 : 256;
    if (capacity < need)
        capacity = need;
    buf->data = awl_xrealloc(buf->data, capacity);
    buf->capacity = capacity;
}

void awl_buf_printf(awl_buf *buf, const char *fmt, ...)
{
    va_list args;
    va_start(args, fmt);
    int len = vsnprintf(NULL, 0, fmt, args);
    va_end(args);
    if (len <= 0)
        return;
    awl_buf_reserve(buf, (size_t)len);
    va_start(args, fmt);
    vsnprintf(buf->data + buf->len, (size_t)len + 1, fmt, args);
    va_end(args);
    buf->len += (size_t)len;
}

void awl_buf_clear(awl_buf *buf)
{
    buf->len = 0;
    awl_buf_append(buf, "", 0);
}

void awl_buf_free(awl_buf *buf)
{
    free(buf->data);
    buf->data = NULL;
    buf->len = buf->capacity = 0;
}

void awl_buf_put_size(awl_buf *buf, size_t value)
{
    char digits[24];
    char *first = digits + sizeof digits;
    do {
        *--first = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    awl_buf_append(buf, first, (size_t)(digits + sizeof digits - first));
}

bool awl_buf_read_stream(awl_buf *buf, FILE *in)
{
    /* fread straight into the buffer's free room, with no bounce buffer. A
     * full buffer is grown only when one more byte is there: a file whose
     * size was reserved is read in one call and never reallocated. */
    if (!buf->data)
        awl_buf_reserve(buf, 65536);
    for (;;) {
        size_t room = buf->capacity - buf->len - 1;
        if (room == 0) {
            int c = getc(in);
            if (c == EOF)
                break;
            awl_buf_reserve(buf, 65536);
            buf->data[buf->len++] = (char)c;
            continue;
        }
        size_t n = fread(buf->data + buf->len, 1, room, in);
        buf->len += n;
        if (n < room)
            break;
    }
    buf->data[buf->len] = '\0';
    return !ferror(in);
}
