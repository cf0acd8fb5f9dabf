/*
 * test_arena: the growable vector's edge that UBSan found through
 * awelint merge (make test-asan): a run of zero items taken from an empty
 * vector.
 */
#include <criterion/criterion.h>

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
