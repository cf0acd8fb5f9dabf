/*
 * test_arena: the growable vector's edge that UBSan found through
 * awelint merge (make test-asan): a run of zero items taken from an empty
 * vector; and reading a stream into a buffer.
 */
#include <criterion/criterion.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

Test(vec, at_on_an_empty_vector_is_null)
{
    awl_vec vec;
    awl_vec_init(&vec, sizeof(int));
    /* merge_write asked for the entry's added links at added_first = 0 with
     * added_count = 0: NULL + 0 before, which UBSan reports. */
    cr_expect_null(awl_vec_at(&vec, 0));
    *(int *)awl_vec_push(&vec) = 7;
    *(int *)awl_vec_push(&vec) = 9;
    cr_expect_eq(*(int *)awl_vec_at(&vec, 0), 7);
    cr_expect_eq(*(int *)awl_vec_at(&vec, 1), 9);
    /* One past the end stays a valid pointer for a run of zero items. */
    cr_expect_eq((int *)awl_vec_at(&vec, 2), (int *)awl_vec_at(&vec, 0) + 2);
    awl_vec_free(&vec);
}

/* awl_buf_read_stream reads into the buffer's own room: a stream longer
 * than one read step, a buffer reserved at exactly the stream's size (read
 * in one go, not grown), and an empty stream. */
static FILE *stream_of(const char *bytes, size_t len)
{
    FILE *f = tmpfile();
    cr_assert_not_null(f);
    cr_assert_eq(fwrite(bytes, 1, len, f), len);
    rewind(f);
    return f;
}

Test(buf, read_stream_longer_than_a_step)
{
    size_t len = 200000;
    char *bytes = malloc(len);
    for (size_t i = 0; i < len; i++)
        bytes[i] = (char)('a' + i % 26);
    FILE *f = stream_of(bytes, len);
    awl_buf buf = {0};
    awl_buf_append(&buf, "head:", 5);
    cr_assert(awl_buf_read_stream(&buf, f));
    cr_assert_eq(buf.len, 5 + len);
    cr_assert_eq(memcmp(buf.data, "head:", 5), 0);
    cr_assert_eq(memcmp(buf.data + 5, bytes, len), 0);
    cr_assert_eq(buf.data[buf.len], '\0');
    fclose(f);
    awl_buf_free(&buf);
    free(bytes);
}

Test(buf, read_stream_into_a_reserved_buffer)
{
    FILE *f = stream_of("exactly", 7);
    awl_buf buf = {0};
    awl_buf_reserve(&buf, 7);
    size_t capacity = buf.capacity;
    char *data = buf.data;
    cr_assert(awl_buf_read_stream(&buf, f));
    cr_assert_str_eq(buf.data, "exactly");
    cr_assert_eq(buf.capacity, capacity, "a buffer of the right size is not grown");
    cr_assert_eq(buf.data, data);
    fclose(f);
    awl_buf_free(&buf);

    f = stream_of("", 0);
    cr_assert(awl_buf_read_stream(&buf, f));
    cr_assert_eq(buf.len, 0);
    cr_assert_str_eq(buf.data, "", "an empty stream still gives a NUL-terminated buffer");
    fclose(f);
    awl_buf_free(&buf);
}

Test(vec, reserve_keeps_items_in_place_up_to_the_reserve)
{
    awl_vec vec;
    awl_vec_init(&vec, sizeof(int));
    *(int *)awl_vec_push(&vec) = 1;
    awl_vec_reserve(&vec, 100);
    int *first = awl_vec_at(&vec, 0);
    cr_expect_eq(*first, 1, "reserving keeps the items");
    for (int i = 2; i <= 100; i++)
        *(int *)awl_vec_push(&vec) = i;
    cr_expect_eq(awl_vec_at(&vec, 0), first, "no push up to the reserve moved the items");
    awl_vec_reserve(&vec, 10); /* smaller than what is there: nothing happens */
    cr_expect_eq(vec.count, 100);
    *(int *)awl_vec_push(&vec) = 101; /* past the reserve: grows as before */
    cr_expect_eq(*(int *)awl_vec_at(&vec, 100), 101);
    cr_expect_eq(*(int *)awl_vec_at(&vec, 57), 58);
    awl_vec_free(&vec);
}
