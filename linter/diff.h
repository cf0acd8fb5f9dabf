/*
 * diff: unified diffs of a file before and after --fix.
 * Owns: nothing; appends to the caller's buffer.
 */
#ifndef AWL_DIFF_H
#define AWL_DIFF_H

#include <stdbool.h>

#include "arena.h"

/* Appends a unified diff (3 lines of context) to out; returns false when the
 * texts are equal (nothing appended). */
bool awl_diff_unified(const char *label, const char *old_text, size_t old_len,
                      const char *new_text, size_t new_len, awl_buf *out);

#endif
